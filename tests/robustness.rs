//! Bad input never panics: arbitrary text, grammar-shaped token soup, and
//! mutated copies of the flagship all get diagnostics, not crashes.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use polc::calendar::Calendar;
use polc::eval::{self, Facts};
use polc::source::SourceFile;
use proptest::prelude::*;
use proptest::strategy::ValueTree;

/// The language's words the fuzz harness builds token soup from (keywords of
/// both languages, marks, units, numbers, dates, full-width forms).
#[path = "../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod harness;
use harness::TOKENS;

/// Case counts are small for CI; `POLC_STRESS=20000 cargo test --release
/// --test robustness` runs a longer campaign.
fn cases(default: u32) -> u32 {
    std::env::var("POLC_STRESS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn flagship() -> &'static polc::program::Program {
    static PROGRAM: std::sync::OnceLock<polc::program::Program> = std::sync::OnceLock::new();
    PROGRAM.get_or_init(|| common::program(common::FLAGSHIP))
}

fn compile_text(text: &str) {
    let source = SourceFile::new("fuzz.pol", text);
    let compiled = polc::compile(&source);
    for d in &compiled.diagnostics {
        let _ = d.render(Some(&source), polc::diag::Lang::Zh);
        let _ = d.to_json(Some(&source), polc::diag::Lang::En);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(300)))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        compile_text(&text);
    }

    #[test]
    fn token_soup_never_panics(tokens in prop::collection::vec(prop::sample::select(TOKENS), 0..60)) {
        compile_text(&tokens.join(" "));
    }

}

proptest! {
    // Each case parses the 28-article flagship up to twenty times (syntax
    // error recovery), so fewer cases keep the suite fast.
    #![proptest_config(ProptestConfig::with_cases(cases(48)))]

    #[test]
    fn mutated_flagship_never_panics(cuts in prop::collection::vec((0usize..20_000, 0usize..40, prop::sample::select(TOKENS)), 1..4)) {
        let mut text = common::read(common::FLAGSHIP);
        for (at, len, insert) in cuts {
            let mut start = at % text.len().max(1);
            while !text.is_char_boundary(start) { start -= 1; }
            let mut end = (start + len).min(text.len());
            while !text.is_char_boundary(end) { end -= 1; }
            text.replace_range(start..end, insert);
        }
        compile_text(&text);
    }

    #[test]
    fn arbitrary_facts_never_panic(
        size in prop_oneof![Just(serde_json::json!(3)), Just(serde_json::json!("3")), Just(serde_json::json!(-1)),
                            Just(serde_json::json!(1e300)), Just(serde_json::json!(null)), Just(serde_json::json!([1])),
                            Just(serde_json::json!("99999999999999999999999999999999"))],
        money in prop_oneof![Just(serde_json::json!("520.00")), Just(serde_json::json!("abc")),
                             Just(serde_json::json!("1e40")), Just(serde_json::json!(true)), Just(serde_json::json!("520元/人/月"))],
        date in prop_oneof![Just("2016-06-01"), Just("2016-02-30"), Just("1900-01-01"), Just("2026-12-31"), Just("x")],
    ) {
        let program = flagship();
        let mut facts = Facts::from_json(&common::read("examples/relief-case.json")).unwrap();
        facts.set("家庭人口", size);
        facts.set("低保标准", money);
        facts.set("申请日期", serde_json::json!(date));
        facts.set("困难类型", serde_json::json!("短期困难"));
        facts.set("困难月数", serde_json::json!(2));
        if let Err(e) = eval::evaluate(program, &Calendar::embedded().unwrap(), &facts) {
            let _ = e.to_diagnostic().render(None, polc::diag::Lang::Zh);
        }
    }
}

#[test]
fn deeply_nested_facts_are_refused_not_overflowed() {
    let deep = format!("a = {}1{}", "[".repeat(5000), "]".repeat(5000));
    assert!(Facts::from_toml(&deep).is_err());
    let deep_json = format!("{{\"a\": {}1{}}}", "[".repeat(5000), "]".repeat(5000));
    assert!(Facts::from_json(&deep_json).is_err());
}

/// Nesting and length that no notice needs are refused with a limit
/// diagnostic, never a stack overflow.
#[test]
fn absurd_nesting_and_length_are_limits_not_crashes() {
    let wrap = |body: String| {
        format!("文号 \"x\"\n第一条\n  事实 甲: 布尔\n  事实 乙: 元\n  输出 丙: 元 = {body}\n")
    };
    let cases = [
        wrap(format!("{} 0元", "若 甲 则 1元 否则 ".repeat(5000))),
        wrap(["乙"; 100_000].join(" + ")),
        wrap(format!("若 {}甲 则 1元 否则 0元", "非 ".repeat(20_000))),
        wrap(format!("{}1元{}", "(".repeat(10_000), ")".repeat(10_000))),
        wrap(format!("较小值({}0元)", "乙, ".repeat(50_000))),
    ];
    for text in cases {
        let source = SourceFile::new("deep.pol", text);
        let compiled = polc::compile(&source);
        assert!(compiled.has_errors());
        assert!(
            compiled
                .diagnostics
                .iter()
                .any(|d| *d.code == polc::codes::syntax::LIMIT),
            "{:?}",
            compiled.diagnostics
        );
    }
}

#[test]
fn a_long_chain_of_rules_is_an_error_not_a_crash() {
    let mut text = String::from("文号 \"x\"\n第一条\n  事实 甲: 元\n  规则 r0: 元 = 甲\n");
    for i in 1..2000 {
        text.push_str(&format!("  规则 r{i}: 元 = r{} + 1元\n", i - 1));
    }
    text.push_str("  输出 结果: 元 = r1999\n");
    let source = SourceFile::new("chain.pol", text);
    let program = polc::compile(&source).program.unwrap();
    let facts = Facts::from_json("{\"甲\": 1}").unwrap();
    let err = eval::evaluate(&program, &Calendar::embedded().unwrap(), &facts).unwrap_err();
    assert!(err.to_string().contains("依赖链"), "{err}");
}

// ------------------------------------------------- the CLI on mutated files

/// Bytes a mutation may insert into a notice or a facts file: tokens of
/// both languages, and bytes that are not UTF-8 at all.
const MUTATIONS: &[&[u8]] = &[
    "若 ".as_bytes(),
    "则".as_bytes(),
    "第一条\n".as_bytes(),
    "（一）".as_bytes(),
    "\n    ".as_bytes(),
    "\"".as_bytes(),
    "{".as_bytes(),
    "}".as_bytes(),
    "[".as_bytes(),
    "]".as_bytes(),
    ",".as_bytes(),
    ":".as_bytes(),
    "null".as_bytes(),
    "true".as_bytes(),
    "-1".as_bytes(),
    "1e999".as_bytes(),
    "99999999999999999999999999999999".as_bytes(),
    "\"2016-02-30\"".as_bytes(),
    "\"9999-12-31\"".as_bytes(),
    "２０１６年３月５日".as_bytes(),
    "５００元".as_bytes(),
    "\u{3000}".as_bytes(),
    "\r\n".as_bytes(),
    "\u{feff}".as_bytes(),
    b"\xff\xfe",
    b"\xe5\xae",
    b"\0",
];

#[derive(Debug, Clone)]
enum Mutation {
    Delete { at: usize, len: usize },
    Insert { at: usize, bytes: &'static [u8] },
    Duplicate { at: usize, len: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 0usize..64).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), prop::sample::select(MUTATIONS))
            .prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
        (any::<usize>(), 0usize..256).prop_map(|(at, len)| Mutation::Duplicate { at, len }),
    ]
}

fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let n = bytes.len().max(1);
        match *m {
            Mutation::Delete { at, len } => {
                let start = (at % n).min(bytes.len());
                let end = (start + len).min(bytes.len());
                bytes.drain(start..end);
            }
            Mutation::Insert { at, bytes: insert } => {
                let at = (at % n).min(bytes.len());
                bytes.splice(at..at, insert.iter().copied());
            }
            Mutation::Duplicate { at, len } => {
                let start = (at % n).min(bytes.len());
                let end = (start + len).min(bytes.len());
                let copy = bytes[start..end].to_vec();
                bytes.splice(end..end, copy);
            }
        }
    }
    bytes
}

fn shipped_policies() -> &'static [std::path::PathBuf] {
    static FILES: std::sync::OnceLock<Vec<std::path::PathBuf>> = std::sync::OnceLock::new();
    FILES.get_or_init(|| {
        let mut files: Vec<_> = std::fs::read_dir(common::root().join("policies"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "pol"))
            .collect();
        files.sort();
        files
    })
}

/// The acceptance facts and the example case, as the CLI reads them.
fn facts_files() -> Vec<(&'static str, Vec<u8>)> {
    let acceptance: toml::Value =
        toml::from_str(&common::read("tests/acceptance/temporary-relief.toml")).unwrap();
    let base = acceptance.get("base").unwrap().clone();
    let mut table = toml::map::Map::new();
    table.insert("facts".into(), base);
    vec![
        (
            "json",
            common::read("examples/relief-case.json").into_bytes(),
        ),
        ("toml", toml::to_string(&table).unwrap().into_bytes()),
        (
            "toml",
            common::read("examples/relief-short-term.toml").into_bytes(),
        ),
    ]
}

/// Runs polc with a time limit; a panic (101), a signal or a hang fails.
fn run_polc(args: &[&std::ffi::OsStr]) {
    let out = common::polc_command()
        .current_dir(common::root())
        .args(args)
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .unwrap();
    let code = out.status.code();
    assert!(
        matches!(code, Some(0..=2)),
        "polc {args:?} ended with {:?}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

fn scratch_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("polc-robust-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

proptest! {
    // Each case starts the binary; `POLC_STRESS=2000` runs a longer campaign.
    #![proptest_config(ProptestConfig::with_cases(cases(150)))]

    #[test]
    fn the_cli_survives_mutated_policies(
        which in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let source = which.get(shipped_policies());
        let bytes = mutate(std::fs::read(source).unwrap(), &mutations);
        let file = scratch_dir().join(format!("mutant-{}.pol", std::process::id()));
        std::fs::write(&file, &bytes).unwrap();
        run_polc(&["check".as_ref(), file.as_os_str()]);
        run_polc(&["check".as_ref(), file.as_os_str(), "--format".as_ref(), "json".as_ref()]);
    }

    #[test]
    fn the_cli_survives_mutated_facts(
        which in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let files = facts_files();
        let (ext, original) = which.get(&files);
        let bytes = mutate(original.clone(), &mutations);
        let file = scratch_dir().join(format!("facts-{}.{ext}", std::process::id()));
        std::fs::write(&file, &bytes).unwrap();
        let flagship = std::ffi::OsStr::new(common::FLAGSHIP);
        run_polc(&["eval".as_ref(), flagship, "--facts".as_ref(), file.as_os_str()]);
        run_polc(&["eval".as_ref(), flagship, "--facts".as_ref(), file.as_os_str(), "--explain".as_ref()]);
    }
}

/// The facts of a policy's first test case (its `[base]` under the case's
/// own facts), as a TOML facts file, so a mutant that still checks is also
/// evaluated on a real case.
fn first_case_facts(policy: &std::path::Path) -> Option<Vec<u8>> {
    let tests = policy.with_extension("tests.toml");
    let spec: toml::Table = toml::from_str(&std::fs::read_to_string(tests).ok()?).ok()?;
    let mut facts = spec
        .get("base")
        .and_then(toml::Value::as_table)
        .cloned()
        .unwrap_or_default();
    let case = spec.get("case")?.as_array()?.first()?;
    if let Some(own) = case.get("facts").and_then(toml::Value::as_table) {
        facts.extend(own.clone());
    }
    let mut file = toml::Table::new();
    file.insert("facts".into(), toml::Value::Table(facts));
    Some(toml::to_string(&file).ok()?.into_bytes())
}

/// Every shipped policy, not a random choice of them: `MUTANTS_EACH`
/// (default 6; `POLC_STRESS` raises it) mutated copies of each, drawn from a
/// fixed seed, go through `polc check` and `polc eval` with the facts of the
/// policy's first test case. Each run must end with 0, 1 or 2 in time.
#[test]
fn every_policy_survives_mutation_through_check_and_eval() {
    let each = cases(6);
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = prop::collection::vec(mutation(), 1..6);
    let dir = scratch_dir();
    let mut evaluated = 0;
    for policy in shipped_policies() {
        let original = std::fs::read(policy).unwrap();
        let facts = first_case_facts(policy)
            .unwrap_or_else(|| panic!("{} has no first test case", policy.display()));
        let facts_file = dir.join("first-case.toml");
        std::fs::write(&facts_file, &facts).unwrap();
        for i in 0..each {
            let mutations = strategy.new_tree(&mut runner).unwrap().current();
            let mutant = dir.join(format!("mutant-{i}.pol"));
            std::fs::write(&mutant, mutate(original.clone(), &mutations)).unwrap();
            run_polc(&["check".as_ref(), mutant.as_os_str()]);
            run_polc(&[
                "eval".as_ref(),
                mutant.as_os_str(),
                "--facts".as_ref(),
                facts_file.as_os_str(),
            ]);
            evaluated += 1;
        }
        // The facts file itself is sound: the unmutated policy reads it and
        // answers (exit 0), or names a fact that only another output needs
        // (exit 1: polc eval computes every output, a test case only some).
        let out = common::polc_command()
            .current_dir(common::root())
            .args([
                "eval".as_ref(),
                policy.as_os_str(),
                "--facts".as_ref(),
                facts_file.as_os_str(),
            ])
            .output()
            .unwrap();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{}: {}",
            policy.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(evaluated, shipped_policies().len() * each as usize);
}
