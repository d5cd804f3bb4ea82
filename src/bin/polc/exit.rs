//! What `polc` tells the shell, as one enum so every command means the same
//! by the same number (as Cedar's CLI does): scripts and CI can tell "the
//! answer is no" from "polc could not even start". Documented once, in
//! README's "Exit codes" table, which `tests/exit_codes.rs` holds to this
//! enum and to real runs.

use std::process::ExitCode;

/// The exit status of every command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0, done and nothing against: `check` found no error (nor, with
    /// `--deny warnings`, any warning); `eval` answered; `batch` answered
    /// every record, or the reader of its output went away (`| head`);
    /// `test` passed every case (and `--min-coverage`); `fmt` formatted
    /// every file, or with `--check`/`--diff` found none to change; `repl`
    /// ended without a failed line.
    Success = 0,
    /// 1, done and the answer is no: `check` has findings that count; the
    /// notice of `eval`, `batch` or `repl` does not check, or its facts or
    /// evaluation fail; `batch` answered some records with errors; `test`
    /// has failing cases, a notice that does not check or a malformed test
    /// file, or coverage below `--min-coverage`; `fmt` found files to change
    /// (`--check`/`--diff`) or files it could not read, parse or write; a
    /// `repl` line failed; stdout failed other than by a closed pipe.
    Failure = 1,
    /// 2, could not do what was asked: clap's usage errors, paths that do
    /// not exist, notices, facts or input that cannot be read, an output
    /// (`batch --output`, `--coverage-json`) that cannot be written, a
    /// `--calendar` file that cannot be read or used, a terminal the REPL
    /// cannot drive, a code `explain` does not know.
    Usage = 2,
}

impl Exit {
    /// `Failure` when `failed`, else `Success`.
    pub fn failed_if(failed: bool) -> Exit {
        if failed { Exit::Failure } else { Exit::Success }
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit as u8)
    }
}
