//! The compiled plan against the generic evaluator: on random records, the
//! answer line `polc batch` writes through the plan is byte for byte the
//! line written from `polc::eval` (values and citations); records the plan
//! defers are answered generically, so error lines agree by construction.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod batch_support;
mod common;

use batch_support::{Mix, Rng, record};
use polc::batch::{Batch, Plan, Scratch};
use polc::calendar::Calendar;
use polc::diag::Lang;
use polc::program::Program;
use proptest::prelude::*;

const RELIEF: &str = "benches/relief/relief.pol";

/// What became of one record.
#[derive(PartialEq, Eq)]
enum Path {
    /// The plan answered, and as the generic evaluator does.
    Plan,
    /// The plan deferred; the generic evaluator rejects the record.
    DeferredError,
    /// The plan deferred a record the generic evaluator answers.
    DeferredAnswer,
}

fn same_line(program: &Program, plan: &Plan, scratch: &mut Scratch, line: &str) -> Path {
    let generic = Batch::generic_only(program, Calendar::embedded().unwrap(), "编号", Lang::Zh);
    let mut w = generic.worker();
    generic.json_record(line.as_bytes(), &mut w);
    let expected = String::from_utf8(w.out).unwrap();
    let mut out = Vec::new();
    match plan.answer_json(line.as_bytes(), "编号", scratch, &mut out) {
        Ok(()) => {
            assert_eq!(String::from_utf8(out).unwrap(), expected, "record: {line}");
            Path::Plan
        }
        Err(_) => {
            assert!(out.is_empty());
            if expected.contains("\"error\":") {
                Path::DeferredError
            } else {
                Path::DeferredAnswer
            }
        }
    }
}

fn sweep(path: &str, mix: Mix, seed: u64, n: u64) -> (u64, u64) {
    sweep_program(&common::program(path), path, mix, seed, n)
}

fn sweep_program(program: &Program, path: &str, mix: Mix, seed: u64, n: u64) -> (u64, u64) {
    let program = program.clone();
    let plan = Plan::compile(&program, Calendar::embedded().unwrap()).expect("the plan compiles");
    let mut scratch = Scratch::new(&plan);
    let mut rng = Rng::new(seed);
    let mut answered = 0;
    for id in 0..n {
        let line = record(&program, &mut rng, id, mix);
        match same_line(&program, &plan, &mut scratch, &line) {
            Path::Plan => answered += 1,
            Path::DeferredError => {}
            Path::DeferredAnswer => assert!(
                mix == Mix::Rough,
                "{path}: the plan deferred a clean record the generic evaluator answers: {line}"
            ),
        }
    }
    (answered, n)
}

#[test]
fn clean_records_all_take_the_plan() {
    for path in [RELIEF, common::FLAGSHIP] {
        let (answered, n) = sweep(path, Mix::Clean, 7, 3000);
        assert_eq!(answered, n, "{path}: the plan deferred clean records");
    }
}

#[test]
fn rough_records_agree_on_both_paths() {
    for path in [RELIEF, common::FLAGSHIP] {
        let (answered, n) = sweep(path, Mix::Rough, 11, 3000);
        assert!(answered > 0, "{path}: the plan answered nothing");
        assert!(answered < n, "{path}: no record was deferred");
    }
}

#[test]
fn every_notice_of_the_gazette_compiles_and_agrees() {
    let mut notices: Vec<_> = std::fs::read_dir(common::root().join("policies"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pol"))
        .collect();
    notices.sort();
    for path in notices {
        let relative = format!("policies/{}", path.file_name().unwrap().to_str().unwrap());
        let (answered, n) = sweep(&relative, Mix::Clean, 3, 400);
        assert!(answered > 0, "{relative}: the plan answered none of {n}");
        sweep(&relative, Mix::Rough, 5, 400);
    }
}

/// Every alternative of every reading (读法) in policies/, put in force as
/// `polc batch --reading` does: the plan compiled from that program answers
/// as the generic evaluator does.
#[test]
fn every_alternative_reading_compiles_and_agrees() {
    let mut alternatives = 0;
    for entry in std::fs::read_dir(common::root().join("policies")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "pol") {
            continue;
        }
        let relative = format!("policies/{}", path.file_name().unwrap().to_str().unwrap());
        let program = common::program(&relative);
        for reading in &program.readings {
            for (choice, _) in reading
                .choices
                .iter()
                .filter(|(c, _)| *c != reading.adopted)
            {
                let mut alternative = program.clone();
                alternative.select_reading(&reading.id(), choice).unwrap();
                let label = format!("{relative} {}={choice}", reading.id());
                let (answered, n) = sweep_program(&alternative, &label, Mix::Clean, 13, 200);
                assert!(answered > 0, "{label}: the plan answered none of {n}");
                sweep_program(&alternative, &label, Mix::Rough, 17, 200);
                alternatives += 1;
            }
        }
    }
    assert!(
        alternatives >= 10,
        "only {alternatives} alternatives in policies/"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn relief_records(seed in any::<u64>(), rough in any::<bool>()) {
        let program = common::program(RELIEF);
        let plan = Plan::compile(&program, Calendar::embedded().unwrap()).unwrap();
        let mut scratch = Scratch::new(&plan);
        let mut rng = Rng::new(seed);
        let mix = if rough { Mix::Rough } else { Mix::Clean };
        for id in 0..8 {
            let line = record(&program, &mut rng, id, mix);
            same_line(&program, &plan, &mut scratch, &line);
        }
    }

    #[test]
    fn flagship_records(seed in any::<u64>(), rough in any::<bool>()) {
        let program = common::program(common::FLAGSHIP);
        let plan = Plan::compile(&program, Calendar::embedded().unwrap()).unwrap();
        let mut scratch = Scratch::new(&plan);
        let mut rng = Rng::new(seed);
        let mix = if rough { Mix::Rough } else { Mix::Clean };
        for id in 0..8 {
            let line = record(&program, &mut rng, id, mix);
            same_line(&program, &plan, &mut scratch, &line);
        }
    }
}

/// Lazy caps (`rules::settling_floor`): a case at the floor is answered
/// without the facts its cap reads by the plan, as by the generic evaluator;
/// a case above the floor needs them on both paths.
#[test]
fn lazy_caps_agree_on_both_paths() {
    let path = "tests/ui/eval/lazy_cap.pol";
    let program = common::program(path);
    let plan = Plan::compile(&program, Calendar::embedded().unwrap()).unwrap();
    let mut scratch = Scratch::new(&plan);
    let excluded = r#"{"编号":1,"符合条件":false}"#;
    assert!(same_line(&program, &plan, &mut scratch, excluded) == Path::Plan);
    let eligible = r#"{"编号":2,"符合条件":true}"#;
    assert!(same_line(&program, &plan, &mut scratch, eligible) == Path::DeferredError);
    let given = r#"{"编号":3,"符合条件":true,"本季已领取":"500"}"#;
    assert!(same_line(&program, &plan, &mut scratch, given) == Path::Plan);
    sweep(path, Mix::Rough, 13, 400);
}
