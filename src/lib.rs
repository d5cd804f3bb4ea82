//! polc: Chinese government policy notices as executable, checkable rules.
pub mod ast;
pub mod calendar;
pub mod check;
pub mod clause;
pub mod compiled;
pub mod diag;
pub mod eval;
pub mod fmt;
pub mod repl;
pub mod source;
pub mod syntax;
pub mod testing;
pub mod units;

use source::SourceFile;

/// A notice read and checked: the program when it has no errors, and every
/// diagnostic either way.
pub struct Compiled {
    pub program: Option<check::Program>,
    pub diagnostics: Vec<diag::Diagnostic>,
    /// The checked notice even when it has errors (its 文号 and clauses are
    /// still known), so that other notices' references to it resolve.
    pub outline: Option<check::Program>,
}

impl Compiled {
    /// The checked notice, with or without errors.
    pub fn checked(&self) -> Option<&check::Program> {
        self.program.as_ref().or(self.outline.as_ref())
    }

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
            outline: None,
            diagnostics: errors
                .iter()
                .map(syntax::SyntaxError::to_diagnostic)
                .collect(),
        },
        Ok(notice) => {
            let checked = check::check(&notice);
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

/// What `polc check` does with a set of notices: compile each, resolve the
/// references between them (reading `context` — the notices beside them that
/// they may cite, whose own problems are not reported — only when some notice
/// cites another), and run the cross-clause analyses on each that checks.
/// One list of findings per source, in order; acknowledged findings are
/// kept, marked suppressed.
pub fn review_all(
    sources: &[SourceFile],
    context: impl FnOnce() -> Vec<SourceFile>,
) -> Vec<Vec<check::analysis::Finding>> {
    let mut compiled: Vec<Compiled> = sources.iter().map(compile).collect();
    let cites_others = compiled
        .iter()
        .filter_map(Compiled::checked)
        .any(|p| !p.references.is_empty());
    if cites_others {
        let others: Vec<check::Program> = context()
            .iter()
            .filter_map(|source| {
                let unit = compile(source);
                unit.program.or(unit.outline)
            })
            .collect();
        link(&mut compiled, &others);
    }
    compiled
        .into_iter()
        .map(|unit| match &unit.program {
            Some(program) => check::analysis::review(program, unit.diagnostics),
            None => unit
                .diagnostics
                .into_iter()
                .map(check::analysis::Finding::from_diagnostic)
                .collect(),
        })
        .collect()
}

/// Checks the references between notices (参见 "文号" …): each compiled
/// notice gains the findings on its own references. `context` holds further
/// notices that may be cited (the rest of the folder) but are not reported on.
pub fn link(compiled: &mut [Compiled], context: &[check::Program]) {
    let programs: Vec<&check::Program> = compiled
        .iter()
        .filter_map(Compiled::checked)
        .chain(context)
        .collect();
    let mut findings = check::corpus::check_references(&programs).into_iter();
    for unit in compiled.iter_mut() {
        if unit.checked().is_none() {
            continue;
        }
        let Some(found) = findings.next() else {
            continue;
        };
        if found.iter().any(|d| d.severity == diag::Severity::Error) {
            // A notice citing what does not exist is not fit to run.
            if let Some(program) = unit.program.take() {
                unit.outline = Some(program);
            }
        }
        unit.diagnostics.extend(found);
    }
}
