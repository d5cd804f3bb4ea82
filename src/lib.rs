//! polc: Chinese government policy notices as executable, checkable rules.
pub mod ast;
pub mod calendar;
pub mod check;
pub mod clause;
pub mod diag;
pub mod eval;
pub mod source;
pub mod syntax;
pub mod units;

use source::SourceFile;

/// A notice read and checked: the program when it has no errors, and every
/// diagnostic either way.
pub struct Compiled {
    pub program: Option<check::Program>,
    pub diagnostics: Vec<diag::Diagnostic>,
}

impl Compiled {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == diag::Severity::Error)
    }
}

/// Parses and checks one notice.
pub fn compile(source: &SourceFile) -> Compiled {
    match syntax::parse_all(source) {
        Err(errors) => Compiled {
            program: None,
            diagnostics: errors
                .iter()
                .map(syntax::SyntaxError::to_diagnostic)
                .collect(),
        },
        Ok(notice) => {
            let checked = check::check(&notice);
            let diagnostics = checked.diagnostics();
            let program = if checked.has_errors() {
                None
            } else {
                Some(checked.program)
            };
            Compiled {
                program,
                diagnostics,
            }
        }
    }
}
