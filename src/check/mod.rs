//! Syntax tree to checked [`Program`]: clause structure, names, types and
//! units, citations, priorities. All findings are collected, not just the
//! first, and each names the clause it is in.
//!
//! The findings are data ([`error`]: kinds holding types, units, operators
//! and places as enums); what they say in either language is [`words`] (and
//! [`type_words`] for the types and places themselves).
//!
//! In the pipeline it sits between the syntax it reads and the
//! [`crate::program`] it produces; the evaluator runs that program and never
//! reaches back into the checker, while the review above may call both.

mod caps;
mod compile;
mod declare;
mod error;
mod priority;
mod readings;
mod structure;
mod type_words;
mod types;
mod words;

#[cfg(test)]
mod tests;

pub use compile::{Compiled, compile};
pub use error::{
    CheckError, CheckErrorKind, Combination, Context, Expected, Found, ReadingProblem, Shape,
    ValidityProblem,
};
pub use readings::{READING_WORDS, unrecorded_readings};

use crate::ast::{Notice, Stmt};
use crate::clause::ClausePath;
use crate::diag::{Diagnostic, Severity};
use crate::program::{AckInfo, NoticeRef, PhaseInfo, ProcedureInfo, Program};
use std::collections::{HashMap, HashSet};

/// The checker's result: the program (usable when there are no errors) and
/// every finding.
pub struct Checked {
    pub program: Program,
    pub findings: Vec<CheckError>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.severity() == Severity::Error)
    }

    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.findings
            .iter()
            .map(CheckError::to_diagnostic)
            .collect()
    }
}

pub fn check(notice: &Notice) -> Checked {
    let mut checker = Checker::default();
    checker.header(notice);
    let clauses = structure::collect(notice, &mut checker.findings);
    checker.program.clauses = clauses.infos.clone();
    for decl in &clauses.stmts {
        checker.declare(decl);
    }
    for decl in &clauses.stmts {
        checker.attach_case(decl);
    }
    checker.resolve_citations(&clauses);
    types::check_all(&mut checker);
    checker.order_cases();
    checker.dependency_cycles();
    checker.unused_facts();
    checker.readings_that_decide_nothing();
    checker.caps_always_asked();
    checker.validity_dates();
    Checked {
        program: checker.program,
        findings: checker.findings,
    }
}

#[derive(Default)]
pub(crate) struct Checker {
    pub program: Program,
    pub findings: Vec<CheckError>,
    /// Names read by some expression, for the unused-fact check.
    pub used: HashSet<String>,
    /// Derived name → names of derived values its cases read.
    pub depends: HashMap<String, Vec<String>>,
    /// Date literals and where they are, for the validity-window check.
    pub dates: Vec<(chrono::NaiveDate, crate::source::Span, ClausePath)>,
}

impl Checker {
    fn header(&mut self, notice: &Notice) {
        let h = &notice.header;
        match &h.doc_number {
            Some(n) => self.program.doc_number = n.node.clone(),
            None => self.findings.push(CheckError {
                kind: CheckErrorKind::MissingDocNumber,
                span: None,
                clause: None,
            }),
        }
        self.program.title = h.title.as_ref().map(|t| t.node.clone());
        self.program.issuer = h.issuer.as_ref().map(|t| t.node.clone());
        self.program.basis = h.basis.iter().map(|b| b.node.clone()).collect();
    }

    fn declared_at(&self, name: &str) -> Option<ClausePath> {
        let p = &self.program;
        p.facts
            .get(name)
            .map(|f| f.clause)
            .or_else(|| p.params.get(name).map(|x| x.clause))
            .or_else(|| p.derived.get(name).map(|x| x.clause))
            .or_else(|| p.rosters.get(name).map(|x| x.clause))
    }

    /// A name that is not declared, reported with the declared name closest
    /// to it (a misspelling) when there is one.
    pub(crate) fn unknown_name(
        &mut self,
        name: &str,
        span: crate::source::Span,
        clause: ClausePath,
    ) {
        let suggestion = self.suggest(name);
        self.findings.push(CheckError::new(
            CheckErrorKind::UnknownName {
                name: name.to_string(),
                suggestion,
            },
            span,
            clause,
        ));
    }

    /// The declared name closest to a misspelt one, if any is close.
    fn suggest(&self, name: &str) -> Option<String> {
        let p = &self.program;
        let names = p
            .facts
            .keys()
            .chain(p.params.keys())
            .chain(p.derived.keys())
            .chain(p.rosters.keys());
        let target: Vec<char> = name.chars().collect();
        names
            .map(|n| (edit_distance(&target, &n.chars().collect::<Vec<_>>()), n))
            .filter(|(d, n)| *d > 0 && *d <= (n.chars().count() / 3).max(1))
            .min()
            .map(|(_, n)| n.clone())
    }

    fn resolve_citations(&mut self, clauses: &structure::Collected) {
        for (clause, stmt) in &clauses.stmts {
            match stmt {
                Stmt::See(targets) => {
                    for target in targets {
                        match (&target.notice, &target.clause) {
                            (None, Some(cite)) => {
                                structure::resolve(
                                    cite,
                                    &self.program.clauses,
                                    *clause,
                                    &mut self.findings,
                                );
                            }
                            // Another notice: resolved across files by
                            // `check::corpus`, which sees every notice.
                            (Some(notice), cite) => self.program.references.push(NoticeRef {
                                notice: notice.node.clone(),
                                clause: cite.as_ref().map(|c| c.path(0)),
                                span: target.span,
                                at: *clause,
                            }),
                            (None, None) => {}
                        }
                    }
                }
                Stmt::Case(case) => {
                    // Keep each resolved clause with the citation it came from,
                    // so a warning underlines the right one.
                    let resolved: Vec<(ClausePath, crate::source::Span)> = case
                        .overrides
                        .iter()
                        .filter_map(|c| {
                            structure::resolve(
                                c,
                                &self.program.clauses,
                                *clause,
                                &mut self.findings,
                            )
                            .map(|p| (p, c.span))
                        })
                        .collect();
                    let Some(derived) = self.program.derived.get_mut(&case.name.node) else {
                        continue;
                    };
                    if let Some(info) = derived.cases.iter_mut().find(|c| c.span == case.span) {
                        info.overrides = resolved.iter().map(|(p, _)| *p).collect();
                    }
                    for (target, span) in &resolved {
                        let hits = derived
                            .cases
                            .iter()
                            .any(|c| c.span != case.span && target.contains(&c.clause))
                            || derived.bounds.iter().any(|b| target.contains(&b.clause));
                        if !hits {
                            self.findings.push(CheckError::new(
                                CheckErrorKind::OverridesNothing {
                                    name: case.name.node.clone(),
                                    target: *target,
                                },
                                *span,
                                *clause,
                            ));
                        }
                    }
                }
                Stmt::Procedure(proc) => self.declare_procedure(proc, *clause),
                Stmt::Phase(phase) => {
                    // Its dates must lie in the validity window, as any date.
                    self.dates.push((phase.from.node, phase.from.span, *clause));
                    self.dates.push((phase.to.node, phase.to.span, *clause));
                    if phase.from.node > phase.to.node {
                        self.findings.push(CheckError::new(
                            CheckErrorKind::Validity(ValidityProblem::PhaseReversed {
                                name: phase.name.node.clone(),
                                from: phase.from.node,
                                to: phase.to.node,
                            }),
                            phase.to.span,
                            *clause,
                        ));
                    }
                    self.program.phases.push(PhaseInfo {
                        name: phase.name.node.clone(),
                        from: phase.from.node,
                        to: phase.to.node,
                        clause: *clause,
                        span: phase.span,
                    });
                }
                Stmt::Acknowledge(ack) => {
                    let known = crate::codes::find(&ack.code.node).is_some();
                    if !known || ack.reason.node.trim().is_empty() {
                        self.findings.push(CheckError::new(
                            CheckErrorKind::BadAcknowledgement {
                                code: ack.code.node.clone(),
                                unknown_code: !known,
                            },
                            ack.code.span,
                            *clause,
                        ));
                        continue;
                    }
                    self.program.acknowledgements.push(AckInfo {
                        code: ack.code.node.clone(),
                        reason: ack.reason.node.clone(),
                        clause: *clause,
                        span: ack.code.span,
                    });
                }
                Stmt::Effective(_) | Stmt::Expires(_) | Stmt::CaseDate(_) => {}
                _ => {}
            }
        }
        structure::validity(&clauses.stmts, self);
    }

    /// A procedure's names must be durations (parameters or rules in 日,
    /// 工作日, 小时).
    fn declare_procedure(&mut self, proc: &crate::ast::Procedure, clause: ClausePath) {
        let mut ok = true;
        for name in proc.steps.iter().chain(std::iter::once(&proc.total)) {
            let ty = self
                .program
                .params
                .get(&name.node)
                .map(|p| p.ty.clone())
                .or_else(|| self.program.derived.get(&name.node).map(|d| d.ty.clone()));
            let Some(ty) = ty else {
                self.unknown_name(&name.node, name.span, clause);
                ok = false;
                continue;
            };
            use crate::units::BaseDim;
            let duration = ty
                .dim()
                .and_then(crate::units::Dim::simple)
                .is_some_and(|b| matches!(b, BaseDim::Day | BaseDim::WorkDay | BaseDim::Hour));
            if !duration {
                self.findings.push(CheckError::new(
                    CheckErrorKind::TypeMismatch {
                        expected: Expected::Duration,
                        found: Found::Declared(ty.clone()),
                        context: Context::ProcedureStep {
                            procedure: proc.name.node.clone(),
                            step: name.node.clone(),
                        },
                    },
                    name.span,
                    clause,
                ));
                ok = false;
            }
            self.used.insert(name.node.clone());
        }
        if ok {
            self.program.procedures.push(ProcedureInfo {
                name: proc.name.node.clone(),
                steps: proc
                    .steps
                    .iter()
                    .map(|s| (s.node.clone(), s.span))
                    .collect(),
                total: (proc.total.node.clone(), proc.total.span),
                clause,
                span: proc.span,
            });
        }
    }

    fn unused_facts(&mut self) {
        let case_date = self.program.case_date.clone();
        for name in &self.program.fact_order {
            if self.used.contains(name) || case_date.as_ref() == Some(name) {
                continue;
            }
            if let Some(f) = self.program.facts.get(name) {
                self.findings.push(CheckError::new(
                    CheckErrorKind::UnusedFact { name: name.clone() },
                    f.span,
                    f.clause,
                ));
            }
        }
    }

    fn validity_dates(&mut self) {
        let Some(v) = self.program.validity.clone() else {
            return;
        };
        for (date, span, clause) in std::mem::take(&mut self.dates) {
            if date < v.effective || date > v.expires {
                self.findings.push(CheckError::new(
                    CheckErrorKind::DateOutsideValidity {
                        date,
                        effective: v.effective,
                        expires: v.expires,
                        validity_clause: v.clause,
                    },
                    span,
                    clause,
                ));
            }
        }
    }
}

/// Levenshtein distance over characters, for "did you mean" (one copy,
/// kept with the code registry that needs it at the bottom layer).
pub use crate::codes::edit_distance;
