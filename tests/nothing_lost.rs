//! Nothing the user wrote is lost when a write fails or the terminal goes
//! away.
//!
//! A failing write is made real, not simulated in polc's code: the child
//! process runs under a file-size limit (`ulimit -f`, RLIMIT_FSIZE, with
//! SIGXFSZ ignored), so the kernel refuses the write half-way through with
//! EFBIG, as a full disk refuses it with ENOSPC. What this proves: polc
//! reports the failure, exits 1, and leaves the original file byte for byte
//! as it was, with no temporary file beside it. It does not prove behaviour
//! on power loss (that rests on write-then-rename, see
//! src/bin/polc/files.rs `AtomicFile`).
#![cfg(unix)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::Path;
use std::process::{Command, Output};

/// Runs polc with writes limited to `blocks` blocks (512 or 1024 bytes,
/// depending on the shell): larger writes fail with EFBIG.
fn polc_with_file_limit(dir: &Path, blocks: u32, args: &[&str]) -> Output {
    Command::new("sh")
        .current_dir(dir)
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f {blocks} && exec \"$0\" \"$@\""
        ))
        .arg(assert_cmd::cargo::cargo_bin("polc"))
        .args(args)
        .output()
        .unwrap()
}

/// stderr without miette's line wrapping, so a message can be searched.
fn unwrapped(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '│')
        .collect()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn fmt_keeps_the_file_whole_when_the_write_fails_half_way() {
    let dir = tempfile::tempdir().unwrap();
    // The flagship with trailing spaces: fmt has to rewrite all 21 KB.
    let messy: String = common::read(common::FLAGSHIP)
        .lines()
        .map(|l| format!("{l}   \n"))
        .collect();
    let file = dir.path().join("relief.pol");
    std::fs::write(&file, &messy).unwrap();

    let out = polc_with_file_limit(dir.path(), 4, &["fmt", "relief.pol"]);
    let stderr = unwrapped(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("原文件未改动") && stderr.contains("Filetoolarge"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), messy);
    assert_eq!(
        files_in(dir.path()),
        ["relief.pol"],
        "no temporary file left"
    );

    // Without the limit the same command succeeds: the failure above was
    // the write, nothing else.
    let out = polc_with_file_limit(dir.path(), 1_000_000, &["fmt", "relief.pol"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_ne!(std::fs::read_to_string(&file).unwrap(), messy);
}

#[test]
fn a_coverage_report_is_never_left_half_written() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("coverage.json");
    std::fs::write(&report, "{\"old\": true}\n").unwrap();
    let suite = common::root().join("policies");
    let out = polc_with_file_limit(
        dir.path(),
        1,
        &[
            "test",
            suite.to_str().unwrap(),
            "--coverage-json",
            "coverage.json",
        ],
    );
    // An I/O error: exit 2, with the message.
    let stderr = unwrapped(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("原文件未改动"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&report).unwrap(),
        "{\"old\": true}\n"
    );
    assert_eq!(files_in(dir.path()), ["coverage.json"]);
}

/// History is saved after every line, so a terminal that goes away (here:
/// the process killed outright, no chance to clean up) loses nothing typed.
#[test]
fn repl_history_survives_the_terminal_going_away() {
    use rexpect::process::Signal;
    use rexpect::session::{Options, spawn_with_options};

    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("history.txt");
    let mut command = common::polc_process();
    command
        .current_dir(dir.path())
        .arg("repl")
        .arg(common::root().join(common::FLAGSHIP))
        .env("POLC_HISTORY", &history)
        .env("TERM", "xterm");
    let mut session = spawn_with_options(
        command,
        Options::new()
            .timeout_ms(Some(30_000))
            .strip_ansi_escape_codes(true),
    )
    .unwrap();
    let prompt = "polc> ";
    session.exp_string(prompt).unwrap();
    session.send_line(":clauses").unwrap();
    session.exp_string(prompt).unwrap();
    session.send_line(":trace on").unwrap();
    session.exp_string(prompt).unwrap();
    for signal in [Signal::SIGHUP, Signal::SIGKILL] {
        let _ = session.process_mut().kill(signal);
    }
    let saved = std::fs::read_to_string(&history).unwrap();
    assert!(
        saved.contains(":clauses") && saved.contains(":trace on"),
        "{saved}"
    );
}
