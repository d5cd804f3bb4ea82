//! The cases of each derived value against each other: conditions no input
//! meets, cases an exception always masks, overlaps that give two values,
//! and gaps where no case applies. A finding about inputs is confirmed by
//! the evaluator on a point of its region, so the counterexample printed is
//! what `polc eval` does with it.

use super::Finding;
use super::domain::{Rep, constant};
use super::error::{ReviewError, ReviewErrorKind};
use super::region::{Cell, Region};
use super::symbolic::Symbolic;
use crate::ast::{Expr, ExprKind};
use crate::calendar::Calendar;
use crate::clause::ClausePath;
use crate::eval::{self, EvalError, Facts};
use crate::program::{CaseInfo, DerivedInfo, Program};
use std::collections::{BTreeSet, HashSet};

/// Boxes of a region tried as counterexamples before giving up.
const POINTS_TRIED: usize = 6;

pub(crate) struct Analysis<'a> {
    pub(crate) program: &'a Program,
    /// The calendar counterexamples are evaluated on.
    pub(crate) calendar: &'a Calendar,
    pub(crate) sym: Symbolic<'a>,
    /// Inputs a case can have: the case date inside the validity window.
    pub(crate) universe: Region,
    pub(crate) findings: Vec<Finding>,
}

impl Analysis<'_> {
    pub(crate) fn validity_window(&mut self) -> Region {
        let (Some(date), Some(v)) = (&self.program.case_date, &self.program.validity) else {
            return Region::everything();
        };
        let Some(var) = self.sym.domain.index.get(date).copied() else {
            return Region::everything();
        };
        let slabs = self
            .sym
            .domain
            .slabs_where(var, |rep| matches!(rep, Rep::Date(d) if v.covers(*d)));
        Region::atom(var, slabs)
    }

    pub(crate) fn derived(&mut self, name: &str, info: &DerivedInfo) {
        let cases = &info.cases;
        let own: Vec<Region> = cases.iter().map(|c| self.sym.condition(c)).collect();
        let decides: Vec<Region> = (0..cases.len())
            .map(|i| self.sym.decides(cases, &own, i).and(&self.universe))
            .collect();
        let conds: Vec<Region> = own.iter().map(|c| c.and(&self.universe)).collect();
        for (i, case) in cases.iter().enumerate() {
            let (Some(cond), Some(dec)) = (conds.get(i), decides.get(i)) else {
                continue;
            };
            if case.condition.is_some() && cond.exact && cond.is_empty() {
                let kind = match case.row {
                    Some(row) => ReviewErrorKind::ImpossibleRow {
                        table: name.to_string(),
                        row,
                    },
                    None => ReviewErrorKind::ImpossibleCondition {
                        name: name.to_string(),
                    },
                };
                self.findings
                    .push(Finding::new(ReviewError::new(kind, case.span, case.clause)));
            } else if cond.exact && dec.exact && !cond.is_empty() && dec.is_empty() {
                let by: Vec<&CaseInfo> = cases
                    .iter()
                    .enumerate()
                    .filter(|(j, o)| {
                        *j != i
                            && o.overrides_case(case)
                            && conds.get(*j).is_some_and(|c| !c.and(cond).is_empty())
                    })
                    .map(|(_, o)| o)
                    .collect();
                let rows: Option<Vec<usize>> = by.iter().map(|o| o.row).collect();
                let kind = match (case.row, rows) {
                    (Some(row), Some(by)) => ReviewErrorKind::MaskedRow {
                        table: name.to_string(),
                        row,
                        by,
                    },
                    _ => ReviewErrorKind::MaskedCase {
                        name: name.to_string(),
                        by: unique_clauses(by.iter().map(|o| o.clause)),
                    },
                };
                let mut finding = Finding::new(ReviewError::new(kind, case.span, case.clause));
                finding.related = by.iter().map(|o| (o.span, o.clause)).collect();
                self.findings.push(finding);
            }
        }
        if info.combine.is_none() {
            self.overlaps(name, cases, &decides);
        }
        // A table is complete or not whatever reads it (as DMN tools check
        // completeness); a rule of cases may be meant only where it is read.
        if (info.is_output || is_table(info)) && !info.optional {
            self.gap(name, info, &conds);
        }
    }

    fn overlaps(&mut self, name: &str, cases: &[CaseInfo], decides: &[Region]) {
        for (i, a) in cases.iter().enumerate() {
            for (k, b) in cases.iter().enumerate().skip(i + 1) {
                if a.overrides_case(b) || b.overrides_case(a) {
                    continue;
                }
                let (ca, cb) = (
                    constant(&a.value, self.program),
                    constant(&b.value, self.program),
                );
                if ca.is_some() && ca == cb {
                    continue;
                }
                let (Some(da), Some(db)) = (decides.get(i), decides.get(k)) else {
                    continue;
                };
                let both = da.and(db);
                if both.is_empty() {
                    continue;
                }
                // Every fact evaluating the value may read, so that the
                // counterexample is a complete facts file for polc eval.
                let deps = fact_deps(
                    self.program,
                    cases
                        .iter()
                        .flat_map(|c| c.condition.iter().chain(std::iter::once(&c.value))),
                );
                let confirmed = self.try_points(
                    &both,
                    name,
                    &deps,
                    |e| matches!(e, EvalError::Conflict { name: n, .. } if n == name),
                );
                match confirmed {
                    Some((facts, error)) => {
                        // This case's value first, then the other's: each
                        // as the evaluator gave it for that very case.
                        let value_of = |case: &CaseInfo| match &error {
                            EvalError::Conflict { cases, values, .. } => cases
                                .iter()
                                .position(|at| *at == (case.clause, case.row))
                                .and_then(|i| values.get(i))
                                .cloned()
                                .unwrap_or_default(),
                            _ => String::new(),
                        };
                        let values = (value_of(b), value_of(a));
                        let kind = match (b.row, a.row) {
                            (Some(here), Some(other)) => ReviewErrorKind::RowOverlap {
                                table: name.to_string(),
                                rows: (here, other),
                                values,
                            },
                            _ => ReviewErrorKind::Overlap {
                                name: name.to_string(),
                                other: a.clause,
                                values,
                            },
                        };
                        let mut finding = Finding::new(ReviewError::new(kind, b.span, b.clause));
                        finding.related = vec![(a.span, a.clause)];
                        finding.counterexample = Some(facts);
                        self.findings.push(finding);
                    }
                    None if !both.exact => {
                        let mut finding = Finding::new(ReviewError::new(
                            ReviewErrorKind::Undecided {
                                name: name.to_string(),
                                other: a.clause,
                            },
                            b.span,
                            b.clause,
                        ));
                        finding.related = vec![(a.span, a.clause)];
                        self.findings.push(finding);
                    }
                    None => {}
                }
            }
        }
    }

    fn gap(&mut self, name: &str, info: &DerivedInfo, conds: &[Region]) {
        let mut any = Region::nothing();
        for c in conds {
            any = any.or(c.clone());
        }
        let uncovered = self.sym.not(&any).and(&self.universe);
        if uncovered.is_empty() {
            return;
        }
        let exprs = info
            .cases
            .iter()
            .flat_map(|c| c.condition.iter().chain(std::iter::once(&c.value)));
        let deps = fact_deps(self.program, exprs);
        let confirmed = self.try_points(
            &uncovered,
            name,
            &deps,
            |e| matches!(e, EvalError::NoRule { name: n, .. } if n == name),
        );
        if let Some((facts, _)) = confirmed {
            let kind = if is_table(info) {
                ReviewErrorKind::TableGap {
                    table: name.to_string(),
                }
            } else {
                ReviewErrorKind::Gap {
                    name: name.to_string(),
                }
            };
            let mut finding = Finding::new(ReviewError::new(kind, info.span, info.clause));
            finding.counterexample = Some(facts);
            self.findings.push(finding);
        }
    }

    /// Evaluates `name` at points of `region` until `wanted` recognises the
    /// error; returns the facts shown (those in `deps`) and the error.
    fn try_points(
        &self,
        region: &Region,
        name: &str,
        deps: &BTreeSet<String>,
        wanted: impl Fn(&EvalError) -> bool,
    ) -> Option<(serde_json::Value, EvalError)> {
        for cell in region.boxes.iter().take(POINTS_TRIED) {
            let facts = self.point(cell);
            let Ok(parsed) = Facts::from_value(serde_json::Value::Object(facts.clone())) else {
                continue;
            };
            let Err(error) =
                eval::evaluate_names(self.program, self.calendar, &parsed, &[name.to_string()])
            else {
                continue;
            };
            if !wanted(&error) {
                continue;
            }
            let mut shown = serde_json::Map::new();
            for (k, v) in facts {
                if deps.contains(&k) || self.program.case_date.as_ref() == Some(&k) {
                    shown.insert(k, v);
                }
            }
            return Some((serde_json::Value::Object(shown), error));
        }
        None
    }

    /// Facts for a point of a box: each constrained fact at its first
    /// allowed slab, every other fact at its first slab.
    fn point(&self, cell: &Cell) -> serde_json::Map<String, serde_json::Value> {
        let mut facts = serde_json::Map::new();
        for (var, partition) in self.sym.domain.vars.iter().enumerate() {
            let slab = cell.get(&var).and_then(|s| s.first()).unwrap_or(0);
            if let Some(rep) = partition.reps.get(slab) {
                facts.insert(partition.fact.clone(), rep.to_json());
            }
        }
        facts
    }
}

/// Whether a derived value is a decision table: every case is a row.
fn is_table(info: &DerivedInfo) -> bool {
    !info.cases.is_empty() && info.cases.iter().all(|c| c.row.is_some())
}

fn unique_clauses(clauses: impl Iterator<Item = ClausePath>) -> Vec<ClausePath> {
    let mut out: Vec<ClausePath> = clauses.collect();
    out.sort();
    out.dedup();
    out
}

/// The facts some expressions read, through the rules they read.
fn fact_deps<'e>(program: &'e Program, exprs: impl Iterator<Item = &'e Expr>) -> BTreeSet<String> {
    let mut facts = BTreeSet::new();
    let mut seen: HashSet<&str> = HashSet::new();
    let mut stack: Vec<&Expr> = exprs.collect();
    while let Some(expr) = stack.pop() {
        for e in expr.walk() {
            let ExprKind::Name(n) = &e.kind else {
                continue;
            };
            if program.facts.contains_key(n) {
                facts.insert(n.clone());
            } else if let Some(d) = program.derived.get(n)
                && seen.insert(n.as_str())
            {
                stack.extend(d.expressions());
            }
        }
    }
    facts
}
