//! README shows commands and what they print; this test runs every command
//! of its ```sh blocks (`cargo run … --` replaced by the built binary) and
//! checks the output block that follows, when there is one, against what
//! polc prints: each line shown must come, in order. `...` on a line of its
//! own stands for any lines; `…` within a line for any text. An `# exit N`
//! comment is checked too. Commands other than polc's (`cargo test`,
//! `cargo install`) are not run.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{read, root};

/// One ```sh block: its commands, and the output block after it.
struct Example {
    line: usize,
    commands: Vec<String>,
    shown: Option<Vec<String>>,
}

fn examples(readme: &str) -> Vec<Example> {
    let lines: Vec<&str> = readme.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim() != "```sh" {
            i += 1;
            continue;
        }
        let start = i + 1;
        let mut commands = Vec::new();
        i += 1;
        while lines[i].trim() != "```" {
            commands.push(lines[i].to_string());
            i += 1;
        }
        i += 1;
        // The output block, if the next non-blank line opens one.
        let mut j = i;
        while j < lines.len() && lines[j].trim().is_empty() {
            j += 1;
        }
        let shown = if j < lines.len() && (lines[j] == "```" || lines[j] == "```text") {
            let mut block = Vec::new();
            j += 1;
            while lines[j] != "```" {
                block.push(lines[j].to_string());
                j += 1;
            }
            i = j + 1;
            Some(block)
        } else {
            None
        };
        out.push(Example {
            line: start,
            commands,
            shown,
        });
    }
    out
}

/// The polc command line of a README line, or `None` for other commands.
fn as_polc(line: &str) -> Option<(String, Option<i32>)> {
    let (command, comment) = match line.split_once(" #") {
        Some((c, comment)) => (c.trim(), comment),
        None => (line.trim(), ""),
    };
    let exit = comment
        .split_once("exit ")
        .and_then(|(_, n)| n.trim().parse().ok());
    let binary = assert_cmd::cargo::cargo_bin("polc");
    for prefix in [
        "cargo run -q --release --",
        "cargo run --release --",
        "cargo run -q --",
        "cargo run --",
    ] {
        if let Some(args) = command.strip_prefix(prefix) {
            return Some((format!("'{}'{args}", binary.display()), exit));
        }
    }
    None
}

fn line_matches(shown: &str, actual: &str) -> bool {
    if !shown.contains('…') {
        return shown.trim_end() == actual.trim_end();
    }
    let parts: Vec<&str> = shown.split('…').collect();
    let mut rest = actual;
    for (k, part) in parts.iter().enumerate() {
        match rest.find(part) {
            Some(0) => rest = &rest[part.len()..],
            Some(at) if k > 0 => rest = &rest[at + part.len()..],
            _ => return false,
        }
    }
    parts.last().is_some_and(|p| p.is_empty()) || rest.is_empty()
}

/// Whether every line shown comes in `actual`, in order; `...` skips.
fn shown_in(shown: &[String], actual: &str) -> Result<(), String> {
    let actual: Vec<&str> = actual.lines().collect();
    let mut at = 0;
    for line in shown {
        if line.trim() == "..." {
            continue;
        }
        match actual[at..].iter().position(|a| line_matches(line, a)) {
            Some(k) => at += k + 1,
            None => return Err(line.clone()),
        }
    }
    Ok(())
}

#[test]
fn every_command_readme_shows_prints_what_it_shows() {
    let readme = read("README.md");
    let examples = examples(&readme);
    let mut ran = 0;
    for example in &examples {
        let mut printed = String::new();
        for line in &example.commands {
            let Some((command, exit)) = as_polc(line) else {
                continue;
            };
            let out = std::process::Command::new("sh")
                .arg("-c")
                .arg(&command)
                .current_dir(root())
                .env_remove("POLC_CALENDAR")
                .env_remove("LANG")
                .env_remove("LC_MESSAGES")
                .env("LC_ALL", "C.UTF-8")
                .output()
                .unwrap();
            let stdout = String::from_utf8(out.stdout).unwrap();
            let stderr = String::from_utf8(out.stderr).unwrap();
            let code = out.status.code().unwrap_or(-1);
            assert!(
                code == 0 || code == 1,
                "README line {}: `{line}` exited {code}:\n{stderr}",
                example.line
            );
            if let Some(exit) = exit {
                assert_eq!(code, exit, "README line {}: `{line}`", example.line);
            }
            printed.push_str(&stdout);
            printed.push_str(&stderr);
            ran += 1;
        }
        if let Some(shown) = &example.shown
            && let Err(missing) = shown_in(shown, &printed)
        {
            panic!(
                "README line {}: polc does not print\n  {missing}\nIt printed:\n{printed}",
                example.line
            );
        }
    }
    assert!(ran >= 6, "only {ran} README commands ran");
}

#[test]
fn the_matcher_allows_what_readme_elides() {
    assert!(line_matches("a…c", "abc"));
    assert!(line_matches("{\"id\":1,…", "{\"id\":1,\"x\":2}"));
    assert!(!line_matches("a…c", "abd"));
    assert!(!line_matches("ab", "abc"));
    assert!(line_matches("… passed, 0 failed", "289 passed, 0 failed"));
    let shown = vec!["x".to_string(), "...".to_string(), "z".to_string()];
    assert!(shown_in(&shown, "x\ny\nz\n").is_ok());
    assert!(shown_in(&shown, "z\nx\n").is_err());
}
