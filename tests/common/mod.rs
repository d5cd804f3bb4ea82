//! Helpers shared by the integration tests.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use polc::program::Program;
use polc::source::SourceFile;
use std::path::{Path, PathBuf};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub const FLAGSHIP: &str = "policies/temporary-relief.pol";

/// Compiles a notice from the repository; panics with the diagnostics if it
/// does not check.
pub fn program(relative: &str) -> Program {
    let path = root().join(relative);
    let text = std::fs::read_to_string(&path).unwrap();
    let source = SourceFile::new(relative, text);
    let compiled = polc::compile(&source);
    match compiled.program {
        Some(p) => p,
        None => panic!(
            "{relative} does not check:\n{}",
            compiled
                .diagnostics
                .iter()
                .map(|d| d.render(Some(&source), polc::diag::Lang::Zh))
                .collect::<String>()
        ),
    }
}

pub fn read(relative: impl AsRef<Path>) -> String {
    std::fs::read_to_string(root().join(relative)).unwrap()
}

/// Runs the polc binary in `dir`: its exit code (-1 for a signal), stdout
/// and stderr.
pub fn polc_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = assert_cmd::Command::cargo_bin("polc")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .env_remove("POLC_CALENDAR")
        // The locale picks the language when --lang does not (Chinese
        // unless English): the snapshots are Chinese whatever the
        // developer's locale.
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The polc binary with the environment that picks its language and
/// calendar removed, so what it prints does not depend on the developer's
/// locale (`LANG=en_US.UTF-8` would turn every message English).
pub fn polc_command() -> assert_cmd::Command {
    let mut command = assert_cmd::Command::cargo_bin("polc").unwrap();
    command
        .env_remove("POLC_CALENDAR")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    command
}

/// [`polc_command`] as a `std::process::Command`, for tests that spawn
/// polc and talk to it (pipes, terminals).
pub fn polc_process() -> std::process::Command {
    let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("polc"));
    command
        .env_remove("POLC_CALENDAR")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    command
}

/// [`polc_in`] at the repository's root.
pub fn polc(args: &[&str]) -> (i32, String, String) {
    polc_in(&root(), args)
}
