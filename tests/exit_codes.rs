//! The exit codes are documented once, in README's "Exit codes" table; this
//! test reads that table and holds it to `Exit` (src/bin/polc/exit.rs) and
//! to what polc does, warnings without `--deny warnings` above all.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{polc, read};

/// `(code, variant, meaning)` of each row of README's table.
fn readme_table() -> Vec<(i32, String, String)> {
    let readme = read("README.md");
    let section = readme
        .split("## Exit codes")
        .nth(1)
        .expect("README has ## Exit codes");
    section
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Code"))
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split(" | ").map(str::trim).collect();
            (
                cells[0].parse().unwrap(),
                cells[1].trim_matches('`').to_string(),
                cells[2].to_string(),
            )
        })
        .collect()
}

/// `(variant, code)` as `Exit` declares them (`Success = 0,`).
fn exit_enum() -> Vec<(String, i32)> {
    let source = read("src/bin/polc/exit.rs");
    let body = source.split("pub enum Exit {").nth(1).unwrap();
    let body = body.split("\n}").next().unwrap();
    body.lines()
        .map(str::trim)
        .filter(|l| !l.starts_with("//") && l.contains(" = "))
        .map(|l| {
            let (name, code) = l.trim_end_matches(',').split_once(" = ").unwrap();
            (name.to_string(), code.parse().unwrap())
        })
        .collect()
}

#[test]
fn the_readme_table_is_the_exit_enum() {
    let table: Vec<(String, i32)> = readme_table()
        .into_iter()
        .map(|(code, name, _)| (name, code))
        .collect();
    assert_eq!(table, exit_enum());
    assert_eq!(table.len(), 3);
}

#[test]
fn warnings_alone_exit_0_as_the_readme_says() {
    let table = readme_table();
    let success = &table.iter().find(|(c, _, _)| *c == 0).unwrap().2;
    assert!(success.contains("warnings alone exit 0"), "{success}");
    // A notice with warnings and no error.
    let warned = "tests/cmd/check-stdin-warnings-exit-0.stdin";
    let copy = std::env::temp_dir().join(format!("polc-warned-{}.pol", std::process::id()));
    std::fs::copy(common::root().join(warned), &copy).unwrap();
    let copy = copy.to_str().unwrap();
    let (code, stdout, _) = polc(&["check", copy]);
    assert!(stdout.contains("0 个错误，2 个警告"), "{stdout}");
    assert_eq!(code, 0);
    let (code, _, _) = polc(&["check", "--deny", "warnings", copy]);
    assert_eq!(code, 1);
    // Errors exit 1, usage errors 2.
    assert_eq!(polc(&["check", "tests/ui/check/unit_mismatch.pol"]).0, 1);
    assert_eq!(polc(&["check", "no-such-file.pol"]).0, 2);
    assert_eq!(polc(&["check", "--no-such-option", "policies"]).0, 2);
    assert_eq!(polc(&["explain", "polc::no::such"]).0, 2);
    assert_eq!(polc(&["--version"]).0, 0);
}
