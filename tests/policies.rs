//! Every notice under policies/: it checks clean together with the others
//! (references between notices resolve), it has its test file beside it,
//! and every case there passes. The same cases run through `polc test`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use polc::calendar::Calendar;
use polc::diag::Lang;
use polc::source::SourceFile;
use polc::testing::{self, TestSuite};
use std::path::PathBuf;

/// The smallest number of cases a computable notice's test file holds.
const MIN_CASES: usize = 8;

fn notices() -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(common::root().join("policies"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pol"))
        .collect();
    found.sort();
    found
}

#[test]
fn the_gazette_is_encoded_in_full() {
    assert_eq!(notices().len(), 13, "thirteen notices: {:?}", notices());
}

#[test]
fn every_policy_checks_clean_with_the_others() {
    let sources: Vec<SourceFile> = notices()
        .iter()
        .map(|p| SourceFile::new(p.display().to_string(), std::fs::read_to_string(p).unwrap()))
        .collect();
    let mut compiled: Vec<polc::Compiled> = sources.iter().map(polc::compile).collect();
    polc::link(&mut compiled, &[]);
    // Every finding, the analyses' included, is fixed or acknowledged (确认).
    let mut report = String::new();
    for (source, unit) in sources.iter().zip(&compiled) {
        let program = unit
            .program
            .as_ref()
            .unwrap_or_else(|| panic!("{} does not check: {:?}", source.name, unit.diagnostics));
        for f in polc::review::review(
            program,
            &Calendar::embedded().unwrap(),
            unit.diagnostics.clone(),
        ) {
            if f.suppressed.is_none() {
                report.push_str(&f.render(Some(source), Lang::Zh));
            }
        }
    }
    assert!(report.is_empty(), "{report}");
    let numbers: std::collections::HashSet<String> = compiled
        .iter()
        .map(|c| c.program.as_ref().unwrap().doc_number.clone())
        .collect();
    assert_eq!(
        numbers.len(),
        compiled.len(),
        "each notice has its own 文号"
    );
}

#[test]
fn every_policy_passes_its_tests() {
    let mut failures = String::new();
    for path in notices() {
        let relative = path
            .strip_prefix(common::root())
            .unwrap()
            .display()
            .to_string();
        let program = common::program(&relative);
        let tests = testing::tests_path_for(&path);
        let text = std::fs::read_to_string(&tests)
            .unwrap_or_else(|_| panic!("{relative} has no test file {}", tests.display()));
        let suite = TestSuite::parse(&text)
            .unwrap_or_else(|d| panic!("{}: {}", tests.display(), d.headline(Lang::Zh)));
        assert!(
            suite.cases.len() >= MIN_CASES,
            "{relative}: {} cases, at least {MIN_CASES} wanted",
            suite.cases.len()
        );
        for case in &suite.cases {
            let report = testing::run_case(&program, &Calendar::embedded().unwrap(), case);
            for f in &report.failures {
                failures.push_str(&format!(
                    "{relative} › {}: {}\n",
                    report.name,
                    f.describe(Lang::Zh)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{failures}");
}

#[test]
fn polc_test_passes_on_policies() {
    let out = common::polc_command()
        .current_dir(common::root())
        .args(["test", "policies"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.trim_end().ends_with(", 0 failed"), "{stdout}");
}

fn polc(args: &[&str]) -> String {
    let out = common::polc_command()
        .current_dir(common::root())
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .output()
        .unwrap();
    format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Pass, a wrong value with its derivation, a wrong clause, an error that
/// does not come, an error without the expected words.
#[test]
fn test_report_text() {
    insta::assert_snapshot!(polc(&["test", "tests/ui/test"]));
}

#[test]
fn test_report_json() {
    insta::assert_snapshot!(polc(&["test", "tests/ui/test", "--format", "json"]));
}

#[test]
fn test_report_english() {
    insta::assert_snapshot!(polc(&["test", "tests/ui/test", "--lang", "en"]));
}

/// Every `time="…"` attribute as `time="[time]"`: durations differ from
/// run to run; that they are there, in seconds, is checked here.
fn redact_times(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(at) = rest.find(" time=\"") {
        let (head, tail) = rest.split_at(at + " time=\"".len());
        out.push_str(head);
        let end = tail.find('"').unwrap();
        let seconds = &tail[..end];
        assert!(
            seconds.parse::<f64>().is_ok_and(|s| s >= 0.0),
            "time={seconds}"
        );
        out.push_str("[time]");
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn test_report_junit() {
    let xml = polc(&[
        "test",
        "tests/ui/test",
        "tests/ui/check/unit_mismatch.pol",
        "--format",
        "junit",
    ]);
    let suites = xml.matches("<testsuite ").count();
    let cases = xml.matches("<testcase ").count();
    let timed = xml.matches(" time=\"").count();
    assert_eq!(timed, suites + cases, "every suite and case has its time");
    insta::assert_snapshot!(redact_times(&xml));
}

/// Which computable clauses the cases reach; 不可计算 clauses apart.
#[test]
fn coverage_report() {
    insta::assert_snapshot!(polc(&["test", "tests/ui/test", "--coverage"]));
}

#[test]
fn every_policy_reaches_full_coverage() {
    let out = common::polc_command()
        .current_dir(common::root())
        .args(["test", "policies", "--coverage", "--min-coverage", "100"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(!stdout.contains("未覆盖"), "{stdout}");
}

#[test]
fn coverage_json_is_written_and_min_coverage_fails() {
    let dir = std::env::temp_dir().join(format!("polc-coverage-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let target = dir.join("coverage.json");
    let out = common::polc_command()
        .current_dir(common::root())
        .args([
            "test",
            "tests/ui/test",
            "--min-coverage",
            "100",
            "--coverage-json",
        ])
        .arg(&target)
        .output()
        .unwrap();
    // The fixture has failing cases and an unreached clause: exit 1 either way.
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("低于要求的 100%"), "{stderr}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&target).unwrap()).unwrap();
    assert_eq!(json["files"][0]["notice"], "测试〔2016〕1号");
    assert!(json["files"][0]["computable"].as_u64().unwrap() >= 2);
    // Nothing but the report is left in the folder (no temporary files).
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
    std::fs::remove_dir_all(&dir).ok();
}

/// References between notices resolve across the folder; a missing clause
/// and an unknown 文号 are errors.
#[test]
fn cross_notice_references() {
    insta::assert_snapshot!(polc(&["check", "tests/ui/corpus"]));
    // Checking one file still sees its neighbours.
    insta::assert_snapshot!(
        "one_file_sees_its_folder",
        polc(&["check", "tests/ui/corpus/blacklist.pol"])
    );
}

/// Two files with one 文号 (in either bracket style) make references to it
/// ambiguous: each is reported.
#[test]
fn one_doc_number_two_files() {
    insta::assert_snapshot!(polc(&["check", "tests/ui/corpus-duplicate"]));
}

#[test]
fn malformed_test_file_is_a_failure_not_a_panic() {
    let dir = std::env::temp_dir().join(format!("polc-testfile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(
        common::root().join("tests/ui/test/scores.pol"),
        dir.join("scores.pol"),
    )
    .unwrap();
    for (i, bad) in [
        "[[case]]\nname = 1\n",
        "[[case]]\nname = \"x\"\nexpect = { \"得分\" = 1.5 }\n",
        "[[case]]\nname = \"x\"\ncites = { \"得分\" = \"第一章\" }\n",
        "[[case]]\nname = \"x\"\nunknown = 1\n",
        "not toml at all [",
    ]
    .iter()
    .enumerate()
    {
        std::fs::write(dir.join("scores.tests.toml"), bad).unwrap();
        let out = common::polc_command()
            .args(["test"])
            .arg(dir.join("scores.pol"))
            .output()
            .unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert_eq!(out.status.code(), Some(1), "case {i}: {stdout}");
        assert!(stdout.contains("FAILED"), "case {i}: {stdout}");
        assert!(stdout.contains("0 passed, 1 failed"), "case {i}: {stdout}");
    }
    std::fs::remove_dir_all(&dir).ok();
}
