//! Writing results without panicking: `println!` panics when stdout is a
//! closed pipe (`polc eval … | head -1`) or a full disk. Output is built in a
//! buffer and written once; a closed pipe ends the program quietly, any other
//! failure is reported and exits 1.

use crate::exit::Exit;
use polc::diag::{Diagnostic, Lang};
use std::io::{ErrorKind, Write};

/// Writes `text` to stdout, then returns `code`.
pub fn finish(text: &str, code: Exit) -> Exit {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => code,
        Err(e) if e.kind() == ErrorKind::BrokenPipe => code,
        Err(e) => {
            warn(&format!("polc: 无法写出结果（cannot write output）：{e}\n"));
            Exit::Failure
        }
    }
}

/// Writes to stderr, ignoring failure: there is nowhere left to report it.
pub fn warn(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Prints `d` (with no source to quote) and returns `code`.
pub fn fail(d: &Diagnostic, lang: Lang, code: Exit) -> Exit {
    warn(&d.render(None, lang));
    code
}
