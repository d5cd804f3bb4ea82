//! Review: what `polc check` finds beyond one clause. The checked program's
//! own findings, the references between notices ([`references`]), the
//! analyses across clauses (contradictions, gaps, dead rules, caps and
//! deadlines that do not add up), each with the clauses involved and, where
//! inputs matter, facts that show it; then the drafter's acknowledgements.
//!
//! This layer may call the evaluator (to confirm a counterexample) and the
//! checker; nothing below it calls it.
//!
//! The input space is cut into slabs at every constant a fact is compared
//! with ([`domain`]); a condition becomes a union of boxes of slabs
//! ([`region`], [`symbolic`]), exact for the conditions notices use. A
//! finding about inputs (an overlap, a gap) is then confirmed by running the
//! evaluator on a point of the region, so that what is reported is what
//! `polc eval` does with the counterexample printed; a finding about the
//! absence of inputs (a dead case) is reported only when the regions are
//! exact.

mod acknowledge;
mod bounds;
mod cases;
mod deadlines;
mod domain;
mod error;
mod finding;
mod quantities;
pub mod references;
mod region;
mod symbolic;
mod text_numbers;
mod words;

pub use error::{ReviewError, ReviewErrorKind, Window};
pub use finding::Finding;

use crate::calendar::Calendar;
use crate::check::{Compiled, compile};
use crate::diag::{Diagnostic, Severity};
use crate::program::{BoundInfo, CaseInfo, Program};
use crate::source::SourceFile;
use cases::Analysis;
use domain::Domain;
use region::Region;
use symbolic::Symbolic;

/// Every finding on a checked notice: the checker's own warnings
/// (`earlier`), those of references between notices, and the analyses
/// (deadlines compared on `calendar`). Acknowledged findings are marked; an
/// acknowledgement that nothing needs is itself a finding.
pub fn review(program: &Program, calendar: &Calendar, earlier: Vec<Diagnostic>) -> Vec<Finding> {
    let mut findings: Vec<Finding> = earlier.into_iter().map(Finding::from_diagnostic).collect();
    findings.extend(analyse(program, calendar));
    acknowledge::apply(program, &mut findings);
    findings
}

/// Runs the analyses on a checked notice (without acknowledgements).
pub fn analyse(program: &Program, calendar: &Calendar) -> Vec<Finding> {
    let domain = Domain::of(program);
    let mut run = Analysis {
        program,
        calendar,
        sym: Symbolic::new(program, &domain),
        universe: Region::everything(),
        findings: Vec::new(),
    };
    run.universe = run.validity_window();
    let mut names: Vec<&String> = program.derived.keys().collect();
    names.sort_by_key(|n| (program.derived.get(*n).map(|d| d.clause), *n));
    for name in names {
        if let Some(info) = program.derived.get(name) {
            run.derived(name, info);
        }
    }
    run.findings
        .extend(quantities::quantities_bounded_twice(program));
    run.findings.extend(bounds::caps(program));
    let sym = &mut run.sym;
    let universe = run.universe.clone();
    // A case the cap can apply to: their conditions hold together somewhere.
    let mut compatible = |case: &CaseInfo, cap: &BoundInfo| {
        let c = sym.condition(case).and(&universe);
        let b = match &cap.condition {
            Some(e) => sym.holds(e),
            None => Region::everything(),
        };
        !c.and(&b).is_empty()
    };
    let annual = bounds::annual_caps(program, &mut compatible);
    run.findings.extend(annual);
    run.findings.extend(deadlines::chains(program, calendar));
    run.findings.extend(deadlines::phases(program));
    run.findings
        .extend(text_numbers::numbers_not_in_text(program));
    run.findings
}

/// What `polc check` does with a set of notices: compile each, resolve the
/// references between them (reading `context` — the notices beside them that
/// they may cite, whose own problems are not reported — only when some notice
/// cites another), and run the cross-clause analyses on each that checks.
/// One list of findings per source, in order; acknowledged findings are
/// kept, marked suppressed.
pub fn review_all(
    sources: &[SourceFile],
    calendar: &Calendar,
    context: impl FnOnce() -> Vec<SourceFile>,
) -> Vec<Vec<Finding>> {
    let mut compiled: Vec<Compiled> = sources.iter().map(compile).collect();
    let cites_others = compiled
        .iter()
        .filter_map(Compiled::checked)
        .any(|p| !p.references.is_empty());
    if cites_others {
        let others: Vec<Program> = context()
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
            Some(program) => review(program, calendar, unit.diagnostics),
            None => unit
                .diagnostics
                .into_iter()
                .map(Finding::from_diagnostic)
                .collect(),
        })
        .collect()
}

/// Checks the references between notices (参见 "文号" …): each compiled
/// notice gains the findings on its own references. `context` holds further
/// notices that may be cited (the rest of the folder) but are not reported on.
pub fn link(compiled: &mut [Compiled], context: &[Program]) {
    let programs: Vec<&Program> = compiled
        .iter()
        .filter_map(Compiled::checked)
        .chain(context)
        .collect();
    let mut findings = references::check_references(&programs).into_iter();
    for unit in compiled.iter_mut() {
        if unit.checked().is_none() {
            continue;
        }
        let Some(found) = findings.next() else {
            continue;
        };
        if found.iter().any(|d| d.severity() == Severity::Error) {
            // A notice citing what does not exist is not fit to run.
            if let Some(program) = unit.program.take() {
                unit.outline = Some(program);
            }
        }
        unit.diagnostics.extend(found);
    }
}
