//! `--calendar FILE` (or `POLC_CALENDAR`): the years after the embedded
//! 2016-2026 table, added once the State Council announces them. Every
//! command computes with them; a table that does not continue the embedded
//! one exactly is refused before anything is computed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

const NOTICE: &str = "tests/ui/eval/calendar_range.pol";
/// Synthetic: 2027-01-01 off, Saturday 2027-01-09 worked (see the file).
const SYNTHETIC_2027: &str = "tests/fixtures/calendar-2027-synthetic.toml";

use common::{polc, polc_in};

/// polc with `POLC_CALENDAR` set instead of the flag.
fn polc_with_env(args: &[&str], calendar: &str) -> (i32, String, String) {
    let out = common::polc_command()
        .current_dir(common::root())
        .args(args)
        .env("POLC_CALENDAR", calendar)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn facts(dir: &std::path::Path) -> String {
    let path = dir.join("case.json");
    std::fs::write(&path, r#"{"受理日期": "2026-12-25"}"#).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn a_deadline_into_2027_needs_the_2027_table() {
    let dir = tempfile::tempdir().unwrap();
    let facts = facts(dir.path());
    let (code, _, stderr) = polc(&["eval", NOTICE, "--facts", &facts]);
    assert_eq!(code, 1);
    assert!(stderr.contains("polc::eval::calendar"), "{stderr}");
    assert!(stderr.contains("--calendar"), "the help says how: {stderr}");
    // 2026-12-25 (Fri) + 15个工作日: 12-28..31 are 4, 2027-01-01 is off,
    // 01-04..08 make 9, Saturday 01-09 is worked (10), 01-11..15 make 15.
    let with_flag = polc(&[
        "eval",
        NOTICE,
        "--facts",
        &facts,
        "--calendar",
        SYNTHETIC_2027,
    ]);
    let with_env = polc_with_env(&["eval", NOTICE, "--facts", &facts], SYNTHETIC_2027);
    for (code, stdout, stderr) in [with_flag, with_env] {
        assert_eq!(code, 0, "{stderr}");
        assert!(stdout.contains("办结期限 = 2027-01-15"), "{stdout}");
    }
}

#[test]
fn batch_takes_the_table_too() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("cases.ndjson");
    std::fs::write(&input, "{\"id\": 1, \"受理日期\": \"2026-12-25\"}\n").unwrap();
    let input = input.to_str().unwrap();
    let (code, stdout, stderr) = polc(&[
        "--calendar",
        SYNTHETIC_2027,
        "batch",
        NOTICE,
        "--input",
        input,
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "{\"id\":1,\"outputs\":{\"办结期限\":{\"value\":\"2027-01-15\",\"cites\":[\"第一条\"]}}}\n"
    );
}

/// Each table is refused with what is wrong and how it should look; the
/// command does not run.
#[test]
fn a_table_that_does_not_continue_the_embedded_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let facts = facts(dir.path());
    let tables = [
        ("overlap", "[[year]]\nyear = 2026\n"),
        ("gap", "[[year]]\nyear = 2028\n"),
        (
            "wrong_total",
            "[[year]]\nyear = 2027\nworking_days_total = 250\n",
        ),
        (
            "weekday_as_makeup_day",
            "[[year]]\nyear = 2027\nworkdays = [{ date = 2027-01-04 }]\n",
        ),
        (
            "date_in_another_year",
            "[[year]]\nyear = 2027\nholidays = [{ date = 2028-01-03 }]\n",
        ),
        ("not_toml", "year = [\n"),
    ];
    let mut report = String::new();
    for (name, table) in tables {
        let path = dir.path().join(format!("{name}.toml"));
        std::fs::write(&path, table).unwrap();
        // Run in the folder, so the message names the file alone.
        let notice = common::root().join(NOTICE);
        let table = format!("{name}.toml");
        let (code, stdout, stderr) = polc_in(
            dir.path(),
            &[
                "eval",
                notice.to_str().unwrap(),
                "--facts",
                &facts,
                "--calendar",
                &table,
            ],
        );
        assert_eq!(code, 2, "{name}: {stderr}");
        assert_eq!(stdout, "", "{name}");
        assert!(stderr.contains("polc::calendar::file"), "{name}: {stderr}");
        report.push_str(&format!("== {name}\n{stderr}\n"));
    }
    let (code, _, stderr) = polc(&[
        "eval",
        NOTICE,
        "--facts",
        &facts,
        "--calendar",
        "no-such.toml",
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("polc::io::read"), "{stderr}");
    insta::assert_snapshot!(report);
}
