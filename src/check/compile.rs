//! One notice from text to checked program: the front half of the pipeline
//! (syntax, then the checker), with every diagnostic either way.

use super::check;
use crate::diag::{Diagnostic, Severity};
use crate::program::Program;
use crate::source::SourceFile;

/// A notice read and checked: the program when it has no errors, and every
/// diagnostic either way.
pub struct Compiled {
    pub program: Option<Program>,
    pub diagnostics: Vec<Diagnostic>,
    /// The checked notice even when it has errors (its 文号 and clauses are
    /// still known), so that other notices' references to it resolve.
    pub outline: Option<Program>,
}

impl Compiled {
    /// The checked notice, with or without errors.
    pub fn checked(&self) -> Option<&Program> {
        self.program.as_ref().or(self.outline.as_ref())
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity() == Severity::Error)
    }
}

/// Parses and checks one notice.
pub fn compile(source: &SourceFile) -> Compiled {
    match crate::syntax::parse_all(source) {
        Err(errors) => Compiled {
            program: None,
            outline: None,
            diagnostics: errors
                .iter()
                .map(crate::syntax::SyntaxError::to_diagnostic)
                .collect(),
        },
        Ok(notice) => {
            let mut checked = check(&notice);
            let comments = super::unrecorded_readings(&source.text, &checked.program);
            checked.findings.extend(comments);
            let diagnostics = checked.diagnostics();
            if checked.has_errors() {
                Compiled {
                    program: None,
                    diagnostics,
                    outline: Some(checked.program),
                }
            } else {
                Compiled {
                    program: Some(checked.program),
                    diagnostics,
                    outline: None,
                }
            }
        }
    }
}
