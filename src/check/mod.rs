//! Syntax tree to checked [`Program`]: clause structure, names, types and
//! units, citations, priorities. All findings are collected, not just the
//! first, and each names the clause it is in.

pub mod codes;
mod findings;
mod program;
mod structure;
mod types;

pub use findings::CheckError;
pub use program::*;

use crate::ast::{Notice, Stmt, TypeExpr, TypeExprKind};
use crate::clause::ClausePath;
use crate::diag::{Diagnostic, Severity};
use crate::units::{self, Unit};
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
            None => self.findings.push(CheckError::MissingDocNumber),
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

    fn duplicate(&mut self, name: &crate::ast::Spanned<String>, clause: ClausePath) -> bool {
        if let Some(first) = self.declared_at(&name.node) {
            self.findings.push(CheckError::DuplicateName {
                name: name.node.clone(),
                span: name.span,
                clause,
                first,
            });
            true
        } else {
            false
        }
    }

    pub(crate) fn resolve_type(&mut self, ty: &TypeExpr, clause: ClausePath) -> Option<Type> {
        Some(match &ty.kind {
            TypeExprKind::Bool => Type::Bool,
            TypeExprKind::Int => Type::Quantity {
                unit: Unit::none(),
                integral: true,
            },
            TypeExprKind::Decimal => Type::Quantity {
                unit: Unit::none(),
                integral: false,
            },
            TypeExprKind::Date => Type::Date,
            TypeExprKind::Text => Type::Text,
            TypeExprKind::Enum(variants) => {
                Type::Enum(variants.iter().map(|v| v.node.clone()).collect())
            }
            TypeExprKind::Unit(expr) => match units::resolve(expr) {
                Ok(unit) => {
                    let integral = unit.is_integral();
                    Type::Quantity { unit, integral }
                }
                Err(part) => {
                    self.findings.push(CheckError::UnknownUnit {
                        unit: part,
                        span: ty.span,
                        clause,
                    });
                    return None;
                }
            },
        })
    }

    fn declare(&mut self, (clause, stmt): &(ClausePath, Stmt)) {
        let clause = *clause;
        match stmt {
            Stmt::Fact(f) => {
                if self.duplicate(&f.name, clause) {
                    return;
                }
                let Some(ty) = self.resolve_type(&f.ty, clause) else {
                    return;
                };
                let range = f.range.as_ref().and_then(|(lo, hi)| {
                    Some((
                        self.range_bound(lo, &ty, clause)?,
                        self.range_bound(hi, &ty, clause)?,
                    ))
                });
                let info = FactInfo {
                    name: f.name.node.clone(),
                    ty,
                    clause,
                    span: f.name.span,
                    range,
                };
                self.program.fact_order.push(info.name.clone());
                self.program.facts.insert(info.name.clone(), info);
            }
            Stmt::Param(p) => {
                if self.duplicate(&p.name, clause) {
                    return;
                }
                let Some(ty) = self.resolve_type(&p.ty, clause) else {
                    return;
                };
                let mut values: Vec<_> =
                    p.values.iter().map(|(d, e)| (d.node, e.clone())).collect();
                values.sort_by_key(|(d, _)| *d);
                for (d, _) in &p.values {
                    self.dates.push((d.node, d.span, clause));
                }
                let info = ParamInfo {
                    name: p.name.node.clone(),
                    ty,
                    clause,
                    span: p.name.span,
                    values,
                };
                self.program.params.insert(info.name.clone(), info);
            }
            Stmt::Output(d) | Stmt::Rule(d) => {
                if self.duplicate(&d.name, clause) {
                    return;
                }
                let Some(ty) = self.resolve_type(&d.ty, clause) else {
                    return;
                };
                let is_output = matches!(stmt, Stmt::Output(_));
                let mut info = DerivedInfo {
                    name: d.name.node.clone(),
                    ty,
                    clause,
                    span: d.name.span,
                    is_output,
                    optional: d.optional,
                    cases: Vec::new(),
                    bounds: Vec::new(),
                    combine: None,
                };
                if let Some((value, condition)) = &d.inline {
                    info.cases.push(CaseInfo {
                        clause,
                        is_default: false,
                        condition: condition.clone(),
                        value: value.clone(),
                        overrides: Vec::new(),
                        rank: None,
                        span: value.span,
                    });
                }
                if is_output {
                    self.program.outputs.push(info.name.clone());
                }
                self.program.derived.insert(info.name.clone(), info);
            }
            Stmt::Roster(r) => {
                if self.duplicate(&r.name, clause) {
                    return;
                }
                let members: Vec<String> = r.members.iter().map(|m| m.node.clone()).collect();
                if let Some(count) = &r.declared_count
                    && count.node as usize != members.len()
                {
                    self.findings.push(CheckError::RosterCount {
                        name: r.name.node.clone(),
                        declared: count.node,
                        actual: members.len(),
                        span: r.span,
                        clause,
                    });
                }
                let info = RosterInfo {
                    name: r.name.node.clone(),
                    clause,
                    members,
                };
                self.program.rosters.insert(info.name.clone(), info);
            }
            Stmt::Table(t) => self.declare_table(clause, t),
            _ => {}
        }
    }

    /// A fact's declared bound: a constant in a unit of the fact's dimension,
    /// converted to base units.
    fn range_bound(
        &mut self,
        bound: &crate::ast::Expr,
        ty: &Type,
        clause: ClausePath,
    ) -> Option<rust_decimal::Decimal> {
        use crate::ast::ExprKind;
        let (value, negative, unit) = match &bound.kind {
            ExprKind::Quantity { value, unit } => (*value, false, unit),
            ExprKind::Neg(inner) => match &inner.kind {
                ExprKind::Quantity { value, unit } => (*value, true, unit),
                _ => return None,
            },
            _ => {
                self.findings.push(CheckError::TypeMismatch {
                    expected: "数值常量".into(),
                    found: "表达式".into(),
                    context: "范围的上下限".into(),
                    span: bound.span,
                    clause,
                });
                return None;
            }
        };
        let Type::Quantity {
            unit: fact_unit, ..
        } = ty
        else {
            self.findings.push(CheckError::TypeMismatch {
                expected: "数量类型的事实".into(),
                found: ty.describe(),
                context: "范围".into(),
                span: bound.span,
                clause,
            });
            return None;
        };
        let written = match unit {
            Some(u) => units::resolve(u).ok()?,
            None => fact_unit.clone(),
        };
        if written.dim != fact_unit.dim {
            self.findings.push(CheckError::UnitMismatch {
                left: fact_unit.dim.to_string(),
                right: written.dim.to_string(),
                op: "对应".into(),
                span: bound.span,
                clause,
            });
            return None;
        }
        let base = value.checked_mul(written.scale)?;
        Some(if negative { -base } else { base })
    }

    fn attach_case(&mut self, (clause, stmt): &(ClausePath, Stmt)) {
        if let Stmt::Bound(bound) = stmt {
            self.attach_bound(*clause, bound);
            return;
        }
        let Stmt::Case(case) = stmt else { return };
        let name = &case.name.node;
        if self.program.facts.contains_key(name) || self.program.params.contains_key(name) {
            self.findings.push(CheckError::AssignToInput {
                name: name.clone(),
                span: case.name.span,
                clause: *clause,
            });
            return;
        }
        let Some(derived) = self.program.derived.get_mut(name) else {
            let suggestion = self.suggest(name);
            self.findings.push(CheckError::UnknownName {
                name: name.clone(),
                span: case.name.span,
                clause: *clause,
                suggestion,
            });
            return;
        };
        derived.cases.push(CaseInfo {
            clause: *clause,
            is_default: case.is_default,
            condition: case.condition.clone(),
            value: case.value.clone(),
            overrides: Vec::new(),
            rank: None,
            span: case.span,
        });
    }

    fn attach_bound(&mut self, clause: ClausePath, bound: &crate::ast::Bound) {
        let name = &bound.name.node;
        let Some(derived) = self.program.derived.get_mut(name) else {
            let suggestion = self.suggest(name);
            self.findings.push(CheckError::UnknownName {
                name: name.clone(),
                span: bound.name.span,
                clause,
                suggestion,
            });
            return;
        };
        derived.bounds.push(BoundInfo {
            is_cap: bound.is_cap,
            clause,
            condition: bound.condition.clone(),
            value: bound.value.clone(),
            span: bound.span,
        });
    }

    /// A decision table is a derived value whose cases are its rows.
    fn declare_table(&mut self, clause: ClausePath, table: &crate::ast::TableDecl) {
        if self.duplicate(&table.name, clause) {
            return;
        }
        let Some(ty) = self.resolve_type(&table.ty, clause) else {
            return;
        };
        let mut cases = Vec::new();
        for (i, row) in table.rows.iter().enumerate() {
            if row.cells.len() != table.inputs.len() {
                self.findings.push(CheckError::TableShape {
                    name: table.name.node.clone(),
                    row: i + 1,
                    cells: row.cells.len(),
                    inputs: table.inputs.len(),
                    span: row.span,
                    clause,
                });
                continue;
            }
            cases.push(CaseInfo {
                clause,
                is_default: false,
                condition: table_condition(&table.inputs, &row.cells, row.span),
                value: row.value.clone(),
                overrides: Vec::new(),
                rank: (table.hit == crate::ast::HitPolicy::First).then_some(i),
                span: row.span,
            });
        }
        let mut info = DerivedInfo {
            name: table.name.node.clone(),
            ty,
            clause,
            span: table.name.span,
            is_output: false,
            optional: false,
            cases,
            bounds: Vec::new(),
            combine: None,
        };
        info.combine = match table.hit {
            crate::ast::HitPolicy::Largest => Some(Combine::Largest),
            crate::ast::HitPolicy::Smallest => Some(Combine::Smallest),
            _ => None,
        };
        self.program.derived.insert(info.name.clone(), info);
    }

    /// The declared name closest to a misspelt one, if any is close.
    pub(crate) fn suggest(&self, name: &str) -> Option<String> {
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
                Stmt::See(cites) => {
                    for cite in cites {
                        structure::resolve(
                            cite,
                            &self.program.clauses,
                            *clause,
                            &mut self.findings,
                        );
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
                            self.findings.push(CheckError::OverridesNothing {
                                name: case.name.node.clone(),
                                target: *target,
                                span: *span,
                                clause: *clause,
                            });
                        }
                    }
                }
                Stmt::Effective(_) | Stmt::Expires(_) | Stmt::CaseDate(_) => {}
                _ => {}
            }
        }
        structure::validity(&clauses.stmts, self);
    }

    /// Orders each value's cases so that a case precedes those it overrides;
    /// a cycle of 优先于 is an error (priority must be a partial order).
    fn order_cases(&mut self) {
        let mut cycles = Vec::new();
        for derived in self.program.derived.values_mut() {
            let cases = std::mem::take(&mut derived.cases);
            let n = cases.len();
            let mut placed = vec![false; n];
            let mut order = Vec::with_capacity(n);
            while order.len() < n {
                // A case is ready when no unplaced case overrides it.
                let ready = (0..n).find(|&i| {
                    !placed.get(i).copied().unwrap_or(true)
                        && (0..n).all(|j| {
                            j == i
                                || placed.get(j).copied().unwrap_or(true)
                                || !cases
                                    .get(j)
                                    .zip(cases.get(i))
                                    .is_some_and(|(a, b)| a.overrides_case(b))
                        })
                });
                match ready {
                    Some(i) => {
                        if let Some(p) = placed.get_mut(i) {
                            *p = true;
                        }
                        order.push(i);
                    }
                    None => {
                        let stuck: Vec<ClausePath> = (0..n)
                            .filter(|&i| !placed.get(i).copied().unwrap_or(true))
                            .filter_map(|i| cases.get(i).map(|c| c.clause))
                            .collect();
                        cycles.push((derived.name.clone(), derived.span, derived.clause, stuck));
                        break;
                    }
                }
            }
            let mut cases: Vec<Option<CaseInfo>> = cases.into_iter().map(Some).collect();
            derived.cases = order
                .into_iter()
                .filter_map(|i| cases.get_mut(i).and_then(Option::take))
                .collect();
            derived.cases.extend(cases.into_iter().flatten());
        }
        for (name, span, clause, clauses) in cycles {
            self.findings.push(CheckError::PriorityCycle {
                name,
                span,
                clause,
                clauses,
            });
        }
    }

    /// The language is total: a value may not depend on itself.
    fn dependency_cycles(&mut self) {
        for cycle in find_cycles(&self.depends) {
            let Some(first) = cycle.first() else { continue };
            if let Some(d) = self.program.derived.get(first) {
                self.findings.push(CheckError::DependencyCycle {
                    name: first.clone(),
                    path: cycle.clone(),
                    span: d.span,
                    clause: d.clause,
                });
            }
        }
    }

    fn unused_facts(&mut self) {
        let case_date = self.program.case_date.clone();
        for name in &self.program.fact_order {
            if self.used.contains(name) || case_date.as_ref() == Some(name) {
                continue;
            }
            if let Some(f) = self.program.facts.get(name) {
                self.findings.push(CheckError::UnusedFact {
                    name: name.clone(),
                    span: f.span,
                    clause: f.clause,
                });
            }
        }
    }

    fn validity_dates(&mut self) {
        let Some(v) = self.program.validity.clone() else {
            return;
        };
        for (date, span, clause) in std::mem::take(&mut self.dates) {
            if date < v.effective || date > v.expires {
                self.findings.push(CheckError::DateOutsideValidity {
                    date,
                    effective: v.effective,
                    expires: v.expires,
                    validity_clause: v.clause,
                    span,
                    clause,
                });
            }
        }
    }
}

/// Levenshtein distance over characters, for "did you mean".
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(0) + usize::from(ca != cb);
            let del = prev.get(j + 1).copied().unwrap_or(0) + 1;
            let ins = cur.get(j).copied().unwrap_or(0) + 1;
            cur.push(sub.min(del).min(ins));
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

/// A table row's cells as one condition: every input matches its cell.
fn table_condition(
    inputs: &[crate::ast::Expr],
    cells: &[crate::ast::Cell],
    span: crate::source::Span,
) -> Option<crate::ast::Expr> {
    use crate::ast::{BinOp, Cell, CmpOp, Expr, ExprKind};
    let mut parts = Vec::new();
    for (input, cell) in inputs.iter().zip(cells) {
        let lhs = Box::new(input.clone());
        let kind = match cell {
            Cell::Any(_) => continue,
            Cell::Equals(value) => ExprKind::Compare {
                op: CmpOp::Eq,
                word: "=".into(),
                lhs,
                rhs: Box::new(value.clone()),
            },
            Cell::Compare { op, word, bound } => ExprKind::Compare {
                op: *op,
                word: word.clone(),
                lhs,
                rhs: Box::new(bound.clone()),
            },
            Cell::In(set, _) => ExprKind::In {
                lhs,
                set: set.clone(),
            },
        };
        parts.push(Expr { kind, span });
    }
    parts.into_iter().reduce(|a, b| Expr {
        kind: ExprKind::Binary {
            op: BinOp::And,
            lhs: Box::new(a),
            rhs: Box::new(b),
        },
        span,
    })
}

/// Cycles in the dependency graph, one per strongly connected knot, found by
/// an iterative depth-first search (linear in the graph, and no recursion for
/// a long chain of rules to exhaust). Each cycle starts at its smallest name.
fn find_cycles(graph: &HashMap<String, Vec<String>>) -> Vec<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    let mut marks: HashMap<&str, Mark> = HashMap::new();
    let mut cycles = Vec::new();
    let mut roots: Vec<&String> = graph.keys().collect();
    roots.sort();
    for root in roots {
        if marks.contains_key(root.as_str()) {
            continue;
        }
        // (node, index of the next edge to follow); `path` mirrors the open nodes.
        let mut stack: Vec<(&str, usize)> = vec![(root.as_str(), 0)];
        let mut path: Vec<&str> = vec![root.as_str()];
        marks.insert(root.as_str(), Mark::Open);
        while let Some((node, edge)) = stack.last_mut() {
            let next = graph.get(*node).and_then(|edges| edges.get(*edge));
            *edge += 1;
            match next {
                None => {
                    marks.insert(node, Mark::Done);
                    stack.pop();
                    path.pop();
                }
                Some(next) => match marks.get(next.as_str()) {
                    Some(Mark::Done) => {}
                    Some(Mark::Open) => {
                        let from = path.iter().position(|n| *n == next.as_str()).unwrap_or(0);
                        let mut cycle: Vec<String> = path
                            .get(from..)
                            .unwrap_or(&[])
                            .iter()
                            .map(|n| n.to_string())
                            .collect();
                        if let Some(min) = cycle
                            .iter()
                            .enumerate()
                            .min_by_key(|(_, n)| n.as_str())
                            .map(|(i, _)| i)
                        {
                            cycle.rotate_left(min);
                        }
                        cycles.push(cycle);
                    }
                    None => {
                        marks.insert(next.as_str(), Mark::Open);
                        stack.push((next.as_str(), 0));
                        path.push(next.as_str());
                    }
                },
            }
        }
    }
    cycles.sort();
    cycles.dedup();
    cycles
}
