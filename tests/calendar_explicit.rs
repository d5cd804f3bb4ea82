//! The calendar is the caller's: the library keeps no calendar of its own,
//! so two calendars can be used in one process, one after the other or side
//! by side, and each evaluation, plan and error counts on the one it was
//! given (`tests/calendar_cli.rs` covers `--calendar FILE` end to end).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use polc::batch::{Plan, Scratch};
use polc::calendar::Calendar;
use polc::diag::Lang;
use polc::eval::{self, Facts};
use polc::source::SourceFile;
use std::sync::Arc;

/// 受理日期 + 15个工作日.
const NOTICE: &str = include_str!("ui/eval/calendar_range.pol");
/// Synthetic: 2027-01-01 off, Saturday 2027-01-09 worked (see the file).
const SYNTHETIC_2027: &str = include_str!("fixtures/calendar-2027-synthetic.toml");

fn program() -> polc::program::Program {
    polc::compile(&SourceFile::new("calendar_range.pol", NOTICE))
        .program
        .unwrap()
}

fn case(date: &str) -> Facts {
    Facts::from_json(&format!(r#"{{"受理日期": "{date}"}}"#)).unwrap()
}

fn deadline(program: &polc::program::Program, calendar: &Calendar, date: &str) -> String {
    match eval::evaluate(program, calendar, &case(date)) {
        Ok(answer) => answer.to_json()["outputs"]["办结期限"]["value"].to_string(),
        Err(e) => {
            let d = e.to_diagnostic();
            format!(
                "{}: {}",
                d.code,
                d.help
                    .map(|h| h.get(Lang::En).to_string())
                    .unwrap_or_default()
            )
        }
    }
}

#[test]
fn each_evaluation_counts_on_the_calendar_it_is_given() {
    let program = program();
    let embedded = Calendar::embedded().unwrap();
    let extended = Calendar::embedded_and(SYNTHETIC_2027).unwrap();
    let before = deadline(&program, &embedded, "2026-12-25");
    assert!(before.starts_with("polc::eval::calendar"), "{before}");
    assert!(before.contains("2016-2026 only"), "{before}");
    assert_eq!(
        deadline(&program, &extended, "2026-12-25"),
        "\"2027-01-15\""
    );
    // Using the longer table changed nothing for the embedded one.
    assert_eq!(deadline(&program, &embedded, "2026-12-25"), before);
    // Past the longer table, the help names the years it does cover.
    let after = deadline(&program, &extended, "2027-12-24");
    assert!(after.contains("2016-2027 only"), "{after}");
}

#[test]
fn plans_on_different_calendars_run_side_by_side() {
    let program = program();
    let short = Plan::compile(&program, Calendar::embedded().unwrap()).unwrap();
    let long = Plan::compile(
        &program,
        Arc::new(Calendar::embedded_and(SYNTHETIC_2027).unwrap()),
    )
    .unwrap();
    let line = r#"{"id": 1, "受理日期": "2026-12-25"}"#.as_bytes();
    let mut out = Vec::new();
    let mut s = Scratch::new(&long);
    long.answer_json(line, "id", &mut s, &mut out).unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "{\"id\":1,\"outputs\":{\"办结期限\":{\"value\":\"2027-01-15\",\"cites\":[\"第一条\"]}}}\n"
    );
    // The short calendar does not cover the deadline: the record is handed
    // to the generic evaluator, which reports it.
    let mut s = Scratch::new(&short);
    assert!(
        short
            .answer_json(line, "id", &mut s, &mut Vec::new())
            .is_err()
    );
}
