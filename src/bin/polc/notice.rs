//! The preamble of every command that works on one checked notice (`eval`,
//! `batch`): read it, compile it, and when it cannot be read or does not
//! check, print why and end with the exit code that says so.

use crate::exit::Exit;
use crate::{files, output};
use polc::diag::Lang;
use polc::program::Program;
use std::path::Path;

/// The checked program of the notice at `path`, or the exit code once its
/// diagnostics are printed: `Usage` when it cannot be read, `Failure` when
/// it does not check.
pub fn checked(path: &Path, lang: Lang) -> Result<Program, Exit> {
    let source = files::read_source(path).map_err(|d| {
        output::warn(&d.render(None, lang));
        Exit::Usage
    })?;
    let compiled = polc::compile(&source);
    compiled.program.ok_or_else(|| {
        for d in &compiled.diagnostics {
            output::warn(&d.render(Some(&source), lang));
        }
        Exit::Failure
    })
}
