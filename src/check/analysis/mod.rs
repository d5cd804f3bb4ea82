//! Analyses across clauses (issue: contradictions, gaps, dead rules, units
//! that do not agree), each finding with the clauses involved and, where
//! inputs matter, facts that show it.
//!
//! The input space is cut into slabs at every constant a fact is compared
//! with ([`domain`]); a condition becomes a union of boxes of slabs
//! ([`region`], [`symbolic`]), exact for the conditions notices use. A
//! finding about inputs (an overlap, a gap) is then confirmed by running the
//! evaluator on a point of the region, so that what is reported is what
//! `polc eval` does with the counterexample printed; a finding about the
//! absence of inputs (a dead case) is reported only when the regions are
//! exact.

mod bounds;
mod deadlines;
mod domain;
mod region;
mod symbolic;
mod text_numbers;

use super::findings::CheckError;
use super::program::{CaseInfo, DerivedInfo, Program};
use crate::ast::{Expr, ExprKind};
use crate::clause::ClausePath;
use crate::diag::{Diagnostic, Lang, Severity};
use crate::eval::{self, EvalError, Facts};
use crate::source::{SourceFile, Span};
use domain::{Const, Domain, Rep, constant};
use region::{Cell, Region};
use std::collections::{BTreeSet, HashSet};
use symbolic::Symbolic;

/// Boxes of a region tried as counterexamples before giving up.
const POINTS_TRIED: usize = 6;

/// A finding of the analyses.
#[derive(Debug, Clone)]
pub struct Finding {
    pub diagnostic: Diagnostic,
    /// The clause of the finding, for matching acknowledgements.
    pub clause: Option<ClausePath>,
    /// Other clauses involved, each with the span to underline.
    pub related: Vec<(Span, ClausePath)>,
    /// Facts that show the finding; `polc eval --facts` accepts them.
    pub counterexample: Option<serde_json::Value>,
    /// The drafter's reason, when a 确认 in the clause acknowledges it.
    pub suppressed: Option<String>,
}

impl Finding {
    fn new(error: CheckError) -> Self {
        Finding {
            clause: error.clause(),
            diagnostic: error.to_diagnostic(),
            related: Vec::new(),
            counterexample: None,
            suppressed: None,
        }
    }

    /// A finding of the other phases (syntax, names, types, references).
    pub fn from_diagnostic(diagnostic: Diagnostic) -> Self {
        Finding {
            clause: diagnostic
                .clause
                .as_deref()
                .and_then(crate::syntax::parse_citation),
            diagnostic,
            related: Vec::new(),
            counterexample: None,
            suppressed: None,
        }
    }

    pub fn severity(&self) -> Severity {
        self.diagnostic.severity
    }

    /// Whether this finding should fail `polc check`.
    pub fn counts(&self, deny_warnings: bool) -> bool {
        self.suppressed.is_none() && (self.severity() == Severity::Error || deny_warnings)
    }

    /// The finding as miette prints it, with the other clauses labelled and
    /// the counterexample after it.
    pub fn render(&self, source: Option<&SourceFile>, lang: Lang) -> String {
        let labels: Vec<(Span, String)> = self
            .related
            .iter()
            .map(|(span, clause)| {
                let text = match lang {
                    Lang::Zh => format!("与{clause}"),
                    Lang::En => format!("with {clause}"),
                };
                (*span, text)
            })
            .collect();
        let mut out = self.diagnostic.render_labelled(source, lang, &labels);
        if let Some(facts) = &self.counterexample {
            let json = serde_json::to_string(facts).unwrap_or_default();
            out.push_str(&match lang {
                Lang::Zh => format!("  反例（可直接交给 polc eval --facts）：{json}\n"),
                Lang::En => format!("  counterexample (for polc eval --facts): {json}\n"),
            });
        }
        if let Some(reason) = &self.suppressed {
            out.push_str(&match lang {
                Lang::Zh => format!("  已确认：{reason}\n"),
                Lang::En => format!("  acknowledged: {reason}\n"),
            });
        }
        out
    }

    pub fn to_json(&self, source: Option<&SourceFile>, lang: Lang) -> serde_json::Value {
        let mut json = self.diagnostic.to_json(source, lang);
        if let Some(map) = json.as_object_mut() {
            map.insert(
                "related".into(),
                self.related
                    .iter()
                    .map(|(span, clause)| {
                        let position = source.map(|f| {
                            let (line, column) = f.line_col(span.start);
                            serde_json::json!({"line": line, "column": column, "offset": span.start, "length": span.len()})
                        });
                        serde_json::json!({"clause": clause.to_string(), "position": position})
                    })
                    .collect(),
            );
            map.insert(
                "counterexample".into(),
                self.counterexample
                    .clone()
                    .unwrap_or(serde_json::Value::Null),
            );
            map.insert("suppressed".into(), self.suppressed.is_some().into());
            map.insert(
                "justification".into(),
                self.suppressed
                    .clone()
                    .map_or(serde_json::Value::Null, serde_json::Value::String),
            );
        }
        json
    }

    /// Every clause the finding names.
    fn clauses(&self) -> Vec<ClausePath> {
        self.clause
            .into_iter()
            .chain(self.related.iter().map(|(_, c)| *c))
            .collect()
    }
}

/// Every finding on a checked notice: the checker's own warnings
/// (`earlier`), those of references between notices, and the analyses.
/// Acknowledged findings are marked; an acknowledgement that nothing needs
/// is itself a finding.
pub fn review(program: &Program, earlier: Vec<Diagnostic>) -> Vec<Finding> {
    let mut findings: Vec<Finding> = earlier.into_iter().map(Finding::from_diagnostic).collect();
    findings.extend(analyse(program));
    let used = mark(program, &mut findings);
    for (ack, used) in program.acknowledgements.iter().zip(used) {
        if !used {
            findings.push(Finding::new(CheckError::UnusedAcknowledgement {
                code: ack.code.clone(),
                span: ack.span,
                clause: ack.clause,
            }));
        }
    }
    findings
}

/// Runs the analyses on a checked notice (without acknowledgements).
pub fn analyse(program: &Program) -> Vec<Finding> {
    let domain = Domain::of(program);
    let mut run = Analysis {
        program,
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
    run.findings.extend(quantities_bounded_twice(program));
    run.findings.extend(bounds::caps(program));
    let sym = &mut run.sym;
    let universe = run.universe.clone();
    // A case the cap can apply to: their conditions hold together somewhere.
    let mut compatible = |case: &CaseInfo, cap: &super::program::BoundInfo| {
        let c = sym.condition(case).and(&universe);
        let b = match &cap.condition {
            Some(e) => sym.holds(e),
            None => Region::everything(),
        };
        !c.and(&b).is_empty()
    };
    let annual = bounds::annual_caps(program, &mut compatible);
    run.findings.extend(annual);
    run.findings.extend(deadlines::chains(program));
    run.findings.extend(deadlines::phases(program));
    run.findings
        .extend(text_numbers::numbers_not_in_text(program));
    run.findings
}

fn mark(program: &Program, findings: &mut [Finding]) -> Vec<bool> {
    let mut used = vec![false; program.acknowledgements.len()];
    for finding in findings.iter_mut() {
        let code = finding.diagnostic.code;
        let clauses = finding.clauses();
        for (i, ack) in program.acknowledgements.iter().enumerate() {
            let here = clauses
                .iter()
                .any(|c| ack.clause.contains(c) || c.contains(&ack.clause));
            if ack.code == code && here {
                finding.suppressed = Some(ack.reason.clone());
                if let Some(u) = used.get_mut(i) {
                    *u = true;
                }
            }
        }
    }
    used
}

struct Analysis<'a> {
    program: &'a Program,
    sym: Symbolic<'a>,
    /// Inputs a case can have: the case date inside the validity window.
    universe: Region,
    findings: Vec<Finding>,
}

impl Analysis<'_> {
    fn validity_window(&mut self) -> Region {
        let (Some(date), Some(v)) = (&self.program.case_date, &self.program.validity) else {
            return Region::everything();
        };
        let Some(var) = self.sym.domain.index.get(date).copied() else {
            return Region::everything();
        };
        let slabs = self.sym.domain.slabs_where(
            var,
            |rep| matches!(rep, Rep::Date(d) if *d >= v.effective && *d <= v.expires),
        );
        Region::atom(var, slabs)
    }

    fn derived(&mut self, name: &str, info: &DerivedInfo) {
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
                self.findings
                    .push(Finding::new(CheckError::ImpossibleCondition {
                        name: name.to_string(),
                        span: case.span,
                        clause: case.clause,
                    }));
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
                let mut finding = Finding::new(CheckError::MaskedCase {
                    name: name.to_string(),
                    by: unique_clauses(by.iter().map(|o| o.clause)),
                    span: case.span,
                    clause: case.clause,
                });
                finding.related = by.iter().map(|o| (o.span, o.clause)).collect();
                self.findings.push(finding);
            }
        }
        if info.combine.is_none() {
            self.overlaps(name, cases, &decides);
        }
        if info.is_output && !info.optional {
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
                        // This case's value first, then the other's.
                        let value_of = |clause: ClausePath| match &error {
                            EvalError::Conflict {
                                clauses, values, ..
                            } => clauses
                                .iter()
                                .position(|c| *c == clause)
                                .and_then(|i| values.get(i))
                                .cloned()
                                .unwrap_or_default(),
                            _ => String::new(),
                        };
                        let values = (value_of(b.clause), value_of(a.clause));
                        let mut finding = Finding::new(CheckError::Overlap {
                            name: name.to_string(),
                            other: a.clause,
                            values,
                            span: b.span,
                            clause: b.clause,
                        });
                        finding.related = vec![(a.span, a.clause)];
                        finding.counterexample = Some(facts);
                        self.findings.push(finding);
                    }
                    None if !both.exact => {
                        let mut finding = Finding::new(CheckError::Undecided {
                            name: name.to_string(),
                            other: a.clause,
                            span: b.span,
                            clause: b.clause,
                        });
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
            let mut finding = Finding::new(CheckError::Gap {
                name: name.to_string(),
                span: info.span,
                clause: info.clause,
            });
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
            let Err(error) = eval::evaluate_names(self.program, &parsed, &[name.to_string()])
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

/// One bound of a quantity as written: the number and the unit.
struct WrittenBound<'a> {
    subject: &'a str,
    upper: bool,
    number: String,
    unit: String,
    base: rust_decimal::Decimal,
    clause: ClausePath,
    span: Span,
}

/// The same quantity bounded with the same number in two units of one
/// dimension, in two clauses: 0.4% in one place, 0.4‰ in another.
fn quantities_bounded_twice(program: &Program) -> Vec<Finding> {
    let mut bounds: Vec<WrittenBound<'_>> = Vec::new();
    let mut cases: Vec<(&CaseInfo, &Expr)> = Vec::new();
    for d in program.derived.values() {
        for c in &d.cases {
            cases.extend(c.condition.iter().map(|e| (c, e)));
            cases.push((c, &c.value));
        }
    }
    for (case, expr) in cases {
        for e in expr.walk() {
            use crate::ast::CmpOp::*;
            let ExprKind::Compare { op, lhs, rhs, .. } = &e.kind else {
                continue;
            };
            let upper = matches!(op, Lt | Le);
            let lower = matches!(op, Gt | Ge);
            if let (
                ExprKind::Name(n),
                ExprKind::Quantity {
                    value,
                    unit: Some(u),
                },
            ) = (&lhs.kind, &rhs.kind)
                && (upper || lower)
                && let Some(Const::Num(base)) = constant(rhs, program)
            {
                bounds.push(WrittenBound {
                    subject: n,
                    upper,
                    number: value.normalize().to_string(),
                    unit: u.to_string(),
                    base,
                    clause: case.clause,
                    span: rhs.span,
                });
            }
        }
    }
    bounds.sort_by_key(|b| (b.clause, b.span.start));
    let mut findings = Vec::new();
    let mut reported: HashSet<(ClausePath, ClausePath, String)> = HashSet::new();
    for (i, a) in bounds.iter().enumerate() {
        for b in bounds.iter().skip(i + 1) {
            let same_place = a.clause.contains(&b.clause) || b.clause.contains(&a.clause);
            if a.subject != b.subject
                || a.upper != b.upper
                || same_place
                || a.number != b.number
                || a.unit == b.unit
                || a.base == b.base
            {
                continue;
            }
            if !reported.insert((a.clause, b.clause, a.subject.to_string())) {
                continue;
            }
            let mut finding = Finding::new(CheckError::QuantityBoundedTwice {
                name: b.subject.to_string(),
                here: format!("{}{}", b.number, b.unit),
                there: format!("{}{}", a.number, a.unit),
                other: a.clause,
                span: b.span,
                clause: b.clause,
            });
            finding.related = vec![(a.span, a.clause)];
            findings.push(finding);
        }
    }
    findings
}
