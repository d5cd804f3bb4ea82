//! One quantity bounded in two clauses with the same number in two units of
//! one dimension (0.4% in one place, 0.4‰ in another): a slip of the pen the
//! types cannot see, since both units are rates.

use super::Finding;
use super::domain::{Const, constant};
use super::error::{ReviewError, ReviewErrorKind};
use crate::ast::{Expr, ExprKind};
use crate::clause::ClausePath;
use crate::program::{CaseInfo, Program};
use crate::source::Span;
use std::collections::HashSet;

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
pub(crate) fn quantities_bounded_twice(program: &Program) -> Vec<Finding> {
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
                    ..
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
            let mut finding = Finding::new(ReviewError::new(
                ReviewErrorKind::QuantityBoundedTwice {
                    name: b.subject.to_string(),
                    here: format!("{}{}", b.number, b.unit),
                    there: format!("{}{}", a.number, a.unit),
                    other: a.clause,
                },
                b.span,
                b.clause,
            ));
            finding.related = vec![(a.span, a.clause)];
            findings.push(finding);
        }
    }
    findings
}
