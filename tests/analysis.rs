//! The analyses across clauses: snapshots of each finding and its near
//! miss (tests/ui/analysis/*.pol), the output formats, and a property test
//! that every reported counterexample really shows what it claims, and that
//! no overlap or gap in a small domain goes unreported.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use polc::calendar::Calendar;
use polc::diag::Lang;
use polc::eval::{self, EvalError, Facts};
use polc::review::{self, Finding};
use polc::source::SourceFile;
use proptest::prelude::*;

fn review(source: &SourceFile) -> Vec<Finding> {
    let compiled = polc::compile(source);
    let program = compiled
        .program
        .unwrap_or_else(|| panic!("{} does not check: {:?}", source.name, compiled.diagnostics));
    review::review(
        &program,
        &Calendar::embedded().unwrap(),
        compiled.diagnostics,
    )
}

#[test]
fn analysis_findings() {
    insta::glob!("ui/analysis/*.pol", |path| {
        let name = path
            .strip_prefix(common::root())
            .unwrap()
            .display()
            .to_string();
        let source = SourceFile::new(name, std::fs::read_to_string(path).unwrap());
        let findings = review(&source);
        let mut out = String::new();
        for lang in [Lang::Zh, Lang::En] {
            for f in &findings {
                out.push_str(&f.render(Some(&source), lang));
            }
            out.push_str("----\n");
        }
        let json: Vec<_> = findings
            .iter()
            .map(|f| f.to_json(Some(&source), Lang::Zh))
            .collect();
        out.push_str(&serde_json::to_string_pretty(&json).unwrap());
        insta::assert_snapshot!(out);
    });
}

/// Each counterexample printed is a facts file `polc eval` accepts, and
/// evaluating it shows the finding: a conflict for an overlap, no rule for a
/// gap.
#[test]
fn counterexamples_feed_back_into_eval() {
    for (file, output, expect_conflict) in [
        ("tests/ui/analysis/overlap.pol", "补助金额", true),
        ("tests/ui/analysis/table_overlap.pol", "救助类别", true),
        ("tests/ui/analysis/gap.pol", "补助月数", false),
    ] {
        let source = SourceFile::new(file, common::read(file));
        let findings = review(&source);
        let facts = findings
            .iter()
            .find_map(|f| f.counterexample.clone())
            .unwrap_or_else(|| panic!("{file}: no counterexample"));
        let dir = std::env::temp_dir().join(format!("polc-cex-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("facts.json");
        std::fs::write(&path, serde_json::to_string(&facts).unwrap()).unwrap();
        let out = common::polc_command()
            .current_dir(common::root())
            .args(["eval", file, "--output", output, "--facts"])
            .arg(&path)
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(1), "{file}: {stderr}");
        let code = if expect_conflict {
            "polc::eval::conflict"
        } else {
            "polc::eval::no_rule"
        };
        assert!(stderr.contains(code), "{file}: {stderr}");
        std::fs::remove_dir_all(&dir).ok();
    }
}

fn polc(args: &[&str]) -> (i32, String) {
    let (code, stdout, _) = common::polc(args);
    (code, stdout)
}

#[test]
fn warnings_fail_only_when_denied() {
    let (code, _) = polc(&["check", "tests/ui/analysis/caps.pol"]);
    assert_eq!(code, 0);
    let (code, _) = polc(&["check", "--deny", "warnings", "tests/ui/analysis/caps.pol"]);
    assert_eq!(code, 1);
    // An acknowledged error does not fail, even with --deny warnings... but
    // the unused acknowledgement in that file is a warning.
    let (code, _) = polc(&["check", "tests/ui/analysis/acknowledged.pol"]);
    assert_eq!(code, 0);
    let (code, _) = polc(&[
        "check",
        "--deny",
        "warnings",
        "tests/ui/analysis/acknowledged.pol",
    ]);
    assert_eq!(code, 1);
}

#[test]
fn sarif_marks_suppressed_findings() {
    let (code, stdout) = polc(&[
        "check",
        "--format",
        "sarif",
        "tests/ui/analysis/acknowledged.pol",
    ]);
    assert_eq!(code, 0);
    let sarif: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let overlap = results
        .iter()
        .find(|r| r["ruleId"] == "polc::check::overlap")
        .unwrap();
    assert_eq!(overlap["suppressions"][0]["kind"], "inSource");
    assert!(
        overlap["suppressions"][0]["justification"]
            .as_str()
            .unwrap()
            .starts_with("原文如此")
    );
    assert_eq!(overlap["relatedLocations"][0]["message"]["text"], "第二条");
    assert!(overlap["properties"]["counterexample"].is_object());
    insta::assert_snapshot!(stdout);
}

/// A notice citing one whose validity window ended before it began.
#[test]
fn validity_windows_of_cited_notices() {
    let (code, stdout) = polc(&["check", "tests/ui/corpus-validity"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(stdout);
}

#[test]
fn json_marks_suppressed_findings() {
    let (_, stdout) = polc(&[
        "check",
        "--format",
        "json",
        "tests/ui/analysis/acknowledged.pol",
    ]);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["suppressed"], 1);
    let overlap = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "polc::check::overlap")
        .unwrap();
    assert_eq!(overlap["suppressed"], true);
}

#[test]
fn policies_are_clean_or_acknowledged_and_fast() {
    let started = std::time::Instant::now();
    let (code, stdout) = polc(&["check", "--deny", "warnings", "policies"]);
    assert_eq!(code, 0, "{stdout}");
    // A generous bound for a debug build on a loaded machine; the release
    // figure is in the closing note (well under a second).
    assert!(started.elapsed().as_secs() < 30);
}

// ------------------------------------------------------------ property

/// A random condition over 甲 (0–10), 乙 (bool), 丙 (枚举 x, y, z).
fn condition() -> impl Strategy<Value = String> {
    let atom = prop_oneof![
        (0i32..=10, 0usize..6).prop_map(|(k, op)| {
            let word = ["以上", "以下", "不满", "超过", "为", "不为"][op];
            match word {
                "以上" | "以下" => format!("甲 {k}{word}"),
                _ => format!("甲 {word} {k}"),
            }
        }),
        Just("乙".to_string()),
        Just("非 乙".to_string()),
        prop_oneof![Just("x"), Just("y"), Just("z")].prop_map(|v| format!("丙 为 {v}")),
    ];
    (atom.clone(), proptest::option::of((any::<bool>(), atom))).prop_map(|(a, rest)| match rest {
        None => a,
        Some((true, b)) => format!("{a} 且 {b}"),
        Some((false, b)) => format!("{a} 或 {b}"),
    })
}

fn program_text(cases: &[(String, i32, bool)], with_default: bool) -> String {
    let mut out = String::from(
        "文号 \"测试〔2016〕99号\"\n第一条\n  原文 \"x\"\n  事实 甲: 整数 范围 0 至 10\n  事实 乙: 布尔\n  事实 丙: 枚举(x, y, z)\n  输出 值: 整数\n",
    );
    if with_default {
        out.push_str("  原则上 值 = 0\n");
    }
    for (i, (cond, value, over)) in cases.iter().enumerate() {
        let n = i + 2;
        let priority = if *over && n > 2 {
            " 优先于 第二条"
        } else {
            ""
        };
        out.push_str(&format!(
            "第{n}条\n  原文 \"x\"\n  值 = {value} 若 {cond}{priority}\n"
        ));
    }
    out
}

fn all_points() -> Vec<serde_json::Value> {
    let mut points = Vec::new();
    for a in 0..=10 {
        for b in [false, true] {
            for c in ["x", "y", "z"] {
                points.push(serde_json::json!({"甲": a, "乙": b, "丙": c}));
            }
        }
    }
    points
}

/// Each finding's counterexample, fed back to `eval` for the output 值, shows
/// what the finding claims: an overlap conflicts, a gap has no rule.
fn counterexamples_are_sound(
    program: &polc::program::Program,
    calendar: &Calendar,
    findings: &[Finding],
    text: &str,
) -> Result<(), TestCaseError> {
    for f in findings {
        let Some(facts) = &f.counterexample else {
            continue;
        };
        let facts = Facts::from_value(facts.clone()).unwrap();
        let result = eval::evaluate_names(program, calendar, &facts, &["值".to_string()]);
        let ok = match f.diagnostic.code.name {
            "polc::check::overlap" => matches!(&result, Err(EvalError::Conflict { .. })),
            "polc::check::gap" => matches!(&result, Err(EvalError::NoRule { .. })),
            _ => true,
        };
        prop_assert!(ok, "{text}\n{:?}", result);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("POLC_STRESS").ok().and_then(|n| n.parse().ok()).unwrap_or(48)
    ))]

    #[test]
    fn findings_are_sound_and_complete(
        cases in proptest::collection::vec((condition(), 1i32..4, any::<bool>()), 1..4),
        with_default in any::<bool>(),
    ) {
        let text = program_text(&cases, with_default);
        let source = SourceFile::new("gen.pol", text.clone());
        let compiled = polc::compile(&source);
        let program = compiled.program.clone().unwrap_or_else(|| panic!("{text}\n{:?}", compiled.diagnostics));
        let findings = review::analyse(&program, &Calendar::embedded().unwrap());
        let codes: Vec<&str> = findings.iter().map(|f| f.diagnostic.code.name).collect();
        // Sound: each counterexample shows what the finding claims.
        counterexamples_are_sound(&program, &Calendar::embedded().unwrap(), &findings, &text)?;
        // Complete: if some input of the small domain conflicts or falls in
        // a gap, the analysis reports it.
        let mut conflict = false;
        let mut gap = false;
        for point in all_points() {
            let facts = Facts::from_value(point).unwrap();
            match eval::evaluate_names(&program, &Calendar::embedded().unwrap(), &facts, &["值".to_string()]) {
                Err(EvalError::Conflict { .. }) => conflict = true,
                Err(EvalError::NoRule { .. }) => gap = true,
                _ => {}
            }
        }
        prop_assert_eq!(conflict, codes.contains(&"polc::check::overlap"), "{}", text);
        prop_assert_eq!(gap, codes.contains(&"polc::check::gap"), "{}", text);
    }
}

// ------------------------------------------------------ property: tables

/// A cell of a generated table over 甲 (0–10): its text and what it allows.
#[derive(Debug, Clone)]
enum NumberCell {
    Any,
    AtLeast(i32),
    Below(i32),
    Is(i32),
    OneOf(i32, i32),
}

impl NumberCell {
    fn text(&self) -> String {
        match self {
            NumberCell::Any => "-".into(),
            NumberCell::AtLeast(k) => format!("{k}以上"),
            NumberCell::Below(k) => format!("不满 {k}"),
            NumberCell::Is(k) => k.to_string(),
            NumberCell::OneOf(a, b) => format!("属于 {{{a}, {b}}}"),
        }
    }

    fn allows(&self, n: i32) -> bool {
        match self {
            NumberCell::Any => true,
            NumberCell::AtLeast(k) => n >= *k,
            NumberCell::Below(k) => n < *k,
            NumberCell::Is(k) => n == *k,
            NumberCell::OneOf(a, b) => n == *a || n == *b,
        }
    }
}

fn number_cell() -> impl Strategy<Value = NumberCell> {
    prop_oneof![
        Just(NumberCell::Any),
        (0i32..=11).prop_map(NumberCell::AtLeast),
        (0i32..=11).prop_map(NumberCell::Below),
        (0i32..=10).prop_map(NumberCell::Is),
        (0i32..=10, 0i32..=10).prop_map(|(a, b)| NumberCell::OneOf(a, b)),
    ]
}

/// A cell over 丙 (x, y, z): `None` is `-`, otherwise the values allowed.
fn enum_cell() -> impl Strategy<Value = Option<Vec<&'static str>>> {
    prop_oneof![
        Just(None),
        prop_oneof![Just("x"), Just("y"), Just("z")].prop_map(|v| Some(vec![v])),
        Just(Some(vec!["x", "y"])),
        Just(Some(vec!["y", "z"])),
    ]
}

type Row = (NumberCell, Option<Vec<&'static str>>, i32);

fn table_text(rows: &[Row], hit: &str) -> String {
    let mut out = String::from(
        "文号 \"测试〔2016〕98号\"\n第一条\n  原文 \"x\"\n  事实 甲: 整数 范围 0 至 10\n  事实 丙: 枚举(x, y, z)\n",
    );
    out.push_str(&format!("  决策表 表: 整数 命中 {hit}\n    输入 甲, 丙\n"));
    for (number, choice, value) in rows {
        let choice = match choice {
            None => "-".to_string(),
            Some(one) if one.len() == 1 => one.join(""),
            Some(many) => format!("属于 {{{}}}", many.join(", ")),
        };
        out.push_str(&format!(
            "    | {} | {choice} | => {value}\n",
            number.text()
        ));
    }
    out.push_str("  输出 值: 整数 = 表\n");
    out
}

fn row_matches((number, choice, _): &Row, a: i32, c: &str) -> bool {
    number.allows(a) && choice.as_ref().is_none_or(|vs| vs.contains(&c))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("POLC_STRESS").ok().and_then(|n| n.parse().ok()).unwrap_or(48)
    ))]

    /// The analyses over a decision table agree with evaluating every
    /// input of its small domain: a gap or a unique-hit overlap is reported
    /// exactly when some input shows it (with a counterexample that does),
    /// a row no input matches is reported impossible, and a first-hit row
    /// that matches somewhere but never first is reported masked.
    #[test]
    fn table_findings_match_brute_force(
        rows in proptest::collection::vec((number_cell(), enum_cell(), 1i32..4), 1..5),
        hit in prop_oneof![Just("唯一"), Just("首条"), Just("取大"), Just("取小")],
    ) {
        let text = table_text(&rows, hit);
        let source = SourceFile::new("gen.pol", text.clone());
        let compiled = polc::compile(&source);
        let program = compiled.program.clone().unwrap_or_else(|| panic!("{text}\n{:?}", compiled.diagnostics));
        let calendar = Calendar::embedded().unwrap();
        let findings = review::analyse(&program, &calendar);
        let has = |code: &str| findings.iter().any(|f| f.diagnostic.code.name == code);
        counterexamples_are_sound(&program, &calendar, &findings, &text)?;
        let (mut conflict, mut gap) = (false, false);
        let mut matched = vec![false; rows.len()];
        let mut first = vec![false; rows.len()];
        for a in 0..=10 {
            for c in ["x", "y", "z"] {
                let hits: Vec<usize> = (0..rows.len()).filter(|&i| row_matches(&rows[i], a, c)).collect();
                for &i in &hits {
                    matched[i] = true;
                }
                if let Some(&i) = hits.first() {
                    first[i] = true;
                }
                let facts = Facts::from_value(serde_json::json!({"甲": a, "丙": c})).unwrap();
                match eval::evaluate_names(&program, &calendar, &facts, &["值".to_string()]) {
                    Err(EvalError::Conflict { .. }) => conflict = true,
                    Err(EvalError::NoRule { .. }) => gap = true,
                    _ => {}
                }
            }
        }
        prop_assert_eq!(gap, has("polc::check::gap"), "{}", text);
        prop_assert_eq!(conflict, has("polc::check::overlap"), "{}", text);
        prop_assert!(hit == "唯一" || !conflict, "{}", text);
        prop_assert_eq!(matched.contains(&false), has("polc::check::impossible_condition"), "{}", text);
        let masked = hit == "首条" && (0..rows.len()).any(|i| matched[i] && !first[i]);
        prop_assert_eq!(masked, has("polc::check::masked_case"), "{}", text);
    }
}
