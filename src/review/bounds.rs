//! Caps that do not add up: the range of each capped value, by interval
//! arithmetic over the facts' declared ranges, against the range of its cap.

use super::Finding;
use super::domain::{Const, constant};
use super::error::{ReviewError, ReviewErrorKind};
use crate::ast::Func;
use crate::ast::{BinOp, Expr, ExprKind};
use crate::program::{Program, Type};
use rust_decimal::Decimal;

/// Deepest chain of derived values followed.
const MAX_DEPTH: usize = 16;

/// A closed interval; `None` is unbounded on that side.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Interval {
    lo: Option<Decimal>,
    hi: Option<Decimal>,
}

const ANY: Interval = Interval { lo: None, hi: None };

impl Interval {
    fn point(v: Decimal) -> Self {
        Interval {
            lo: Some(v),
            hi: Some(v),
        }
    }

    fn hull(self, other: Interval) -> Interval {
        Interval {
            lo: self.lo.zip(other.lo).map(|(a, b)| a.min(b)),
            hi: self.hi.zip(other.hi).map(|(a, b)| a.max(b)),
        }
    }
}

pub fn caps(program: &Program) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (name, info, unit) in quantities(program) {
        let caps: Vec<_> = info.bounds.iter().filter(|b| b.is_cap).collect();
        if caps.is_empty() {
            continue;
        }
        let mut value: Option<Interval> = None;
        for case in &info.cases {
            let i = range(&case.value, program, 0);
            value = Some(value.map_or(i, |v| v.hull(i)));
        }
        let Some(value) = value else { continue };
        let shown = |v: Decimal| {
            format!(
                "{}{}",
                crate::eval::value::format_amount(v, unit),
                unit.name
            )
        };
        for cap in caps {
            let c = range(&cap.value, program, 0);
            if let (Some(cap_lo), Some(most)) = (c.lo, value.hi)
                && cap_lo >= most
            {
                findings.push(Finding::new(ReviewError::new(
                    ReviewErrorKind::CapNeverBinds {
                        name: name.to_string(),
                        cap: shown(cap_lo),
                        most: shown(most),
                    },
                    cap.span,
                    cap.clause,
                )));
            } else if let (Some(cap_hi), Some(least)) = (c.hi, value.lo)
                && cap_hi < least
            {
                findings.push(Finding::new(ReviewError::new(
                    ReviewErrorKind::CapAlwaysBinds {
                        name: name.to_string(),
                        cap: shown(cap_hi),
                        least: shown(least),
                    },
                    cap.span,
                    cap.clause,
                )));
            }
        }
    }
    findings
}

fn range(expr: &Expr, program: &Program, depth: usize) -> Interval {
    if depth > MAX_DEPTH {
        return ANY;
    }
    if let Some(Const::Num(v)) = constant(expr, program) {
        return Interval::point(v);
    }
    match &expr.kind {
        ExprKind::Name(n) => {
            if let Some(f) = program.facts.get(n) {
                // The hard range: a cap must hold for every value a case
                // may give, plausible or not.
                return f.range.map_or(ANY, |(lo, hi)| Interval {
                    lo: Some(lo).filter(|l| *l != Decimal::MIN),
                    hi: Some(hi).filter(|h| *h != Decimal::MAX),
                });
            }
            if let Some(d) = program.derived.get(n) {
                let mut acc: Option<Interval> = None;
                for c in &d.cases {
                    let i = range(&c.value, program, depth + 1);
                    acc = Some(acc.map_or(i, |a| a.hull(i)));
                }
                return acc.unwrap_or(ANY);
            }
            ANY
        }
        ExprKind::Neg(a) => {
            let i = range(a, program, depth + 1);
            Interval {
                lo: i.hi.map(|v| -v),
                hi: i.lo.map(|v| -v),
            }
        }
        ExprKind::Binary { op, lhs, rhs } => {
            let (a, b) = (
                range(lhs, program, depth + 1),
                range(rhs, program, depth + 1),
            );
            match op {
                BinOp::Add => Interval {
                    lo: a.lo.zip(b.lo).and_then(|(x, y)| x.checked_add(y)),
                    hi: a.hi.zip(b.hi).and_then(|(x, y)| x.checked_add(y)),
                },
                BinOp::Sub => Interval {
                    lo: a.lo.zip(b.hi).and_then(|(x, y)| x.checked_sub(y)),
                    hi: a.hi.zip(b.lo).and_then(|(x, y)| x.checked_sub(y)),
                },
                BinOp::Mul => multiply(a, b),
                _ => ANY,
            }
        }
        ExprKind::Call { func, args } => {
            let ranges: Vec<Interval> = args.iter().map(|a| range(a, program, depth + 1)).collect();
            let mut it = ranges.into_iter();
            let Some(first) = it.next() else { return ANY };
            match func {
                Func::Min => it.fold(first, |a, b| Interval {
                    lo: a.lo.zip(b.lo).map(|(x, y)| x.min(y)),
                    hi: match (a.hi, b.hi) {
                        (Some(x), Some(y)) => Some(x.min(y)),
                        (x, None) => x,
                        (None, y) => y,
                    },
                }),
                Func::Max => it.fold(first, |a, b| Interval {
                    lo: match (a.lo, b.lo) {
                        (Some(x), Some(y)) => Some(x.max(y)),
                        (x, None) => x,
                        (None, y) => y,
                    },
                    hi: a.hi.zip(b.hi).map(|(x, y)| x.max(y)),
                }),
                _ => ANY,
            }
        }
        ExprKind::If {
            then, otherwise, ..
        } => range(then, program, depth + 1).hull(range(otherwise, program, depth + 1)),
        _ => ANY,
    }
}

/// Interval product, exact when both sides are bounded.
fn multiply(a: Interval, b: Interval) -> Interval {
    let (Some(al), Some(ah), Some(bl), Some(bh)) = (a.lo, a.hi, b.lo, b.hi) else {
        // Non-negative factors with unbounded tops still bound the bottom.
        let lo = match (a.lo, b.lo) {
            (Some(x), Some(y)) if x >= Decimal::ZERO && y >= Decimal::ZERO => x.checked_mul(y),
            _ => None,
        };
        return Interval { lo, hi: None };
    };
    let products: Option<Vec<Decimal>> = [(al, bl), (al, bh), (ah, bl), (ah, bh)]
        .iter()
        .map(|(x, y)| x.checked_mul(*y))
        .collect();
    match products {
        Some(p) => Interval {
            lo: p.iter().min().copied(),
            hi: p.iter().max().copied(),
        },
        None => ANY,
    }
}

/// Caps that do not add up: an annual cap written `K − 已付金额`, against
/// the largest single payment times the most payments a year the count
/// conditions allow (4000元 × 2次 against 8000元).
pub fn annual_caps(
    program: &Program,
    compatible: &mut dyn FnMut(&crate::program::CaseInfo, &crate::program::BoundInfo) -> bool,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (name, info, unit) in quantities(program) {
        if !unit.is_money() {
            continue;
        }
        let Some(times) = most_payments(program, info) else {
            continue;
        };
        for cap in info.bounds.iter().filter(|b| b.is_cap) {
            let ExprKind::Binary {
                op: BinOp::Sub,
                lhs,
                rhs,
            } = &cap.value.kind
            else {
                continue;
            };
            let paid_fact = matches!(&rhs.kind, ExprKind::Name(n) if program.facts.contains_key(n));
            let (Some(Const::Num(annual)), true) = (constant(lhs, program), paid_fact) else {
                continue;
            };
            // The largest single payment of the cases the cap applies to.
            let single = info
                .cases
                .iter()
                .filter(|c| compatible(c, cap))
                .filter_map(|c| range(&c.value, program, 0).hi)
                .max();
            let Some(single) = single else { continue };
            let Some(total) = single.checked_mul(times) else {
                continue;
            };
            if total == annual {
                continue;
            }
            let shown = |v: Decimal| {
                format!(
                    "{}{}",
                    crate::eval::value::format_amount(v, unit),
                    unit.name
                )
            };
            findings.push(Finding::new(ReviewError::new(
                ReviewErrorKind::CapsDoNotAddUp {
                    name: name.to_string(),
                    single: shown(single),
                    times: times.normalize(),
                    total: shown(total),
                    annual: shown(annual),
                },
                cap.span,
                cap.clause,
            )));
        }
    }
    findings
}

/// The most payments a year: the count bounds in the conditions the value
/// reads (本年已救助次数 不少于 2次 refuses the third).
fn most_payments(program: &Program, info: &crate::program::DerivedInfo) -> Option<Decimal> {
    let mut most: Option<Decimal> = None;
    let mut seen = std::collections::HashSet::new();
    let mut stack: Vec<&Expr> = info.expressions().collect();
    while let Some(expr) = stack.pop() {
        for e in expr.walk() {
            match &e.kind {
                ExprKind::Compare { op, lhs, rhs, .. } => {
                    let ExprKind::Name(n) = &lhs.kind else {
                        continue;
                    };
                    if !is_count_of_times(program, n) {
                        continue;
                    }
                    let bound = range(rhs, program, 0).hi;
                    let allowed = match op {
                        crate::ast::CmpOp::Ge => bound,
                        crate::ast::CmpOp::Gt => bound.map(|b| b + Decimal::ONE),
                        _ => None,
                    };
                    if let Some(a) = allowed {
                        most = Some(most.map_or(a, |m| m.max(a)));
                    }
                }
                ExprKind::Name(n) => {
                    if let Some(d) = program.derived.get(n)
                        && seen.insert(n.clone())
                    {
                        stack.extend(d.expressions());
                    }
                }
                _ => {}
            }
        }
    }
    most
}

fn is_count_of_times(program: &Program, name: &str) -> bool {
    program.facts.get(name).is_some_and(|f| {
        matches!(&f.ty, Type::Quantity { unit, .. }
            if unit.dim.simple() == Some(crate::units::BaseDim::Count("次")))
    })
}

/// The derived values that are quantities, by name, with their unit.
fn quantities(program: &Program) -> Vec<(&str, &crate::program::DerivedInfo, &crate::units::Unit)> {
    let mut out: Vec<_> = program
        .derived
        .iter()
        .filter_map(|(name, info)| match &info.ty {
            Type::Quantity { unit, .. } => Some((name.as_str(), info, unit)),
            _ => None,
        })
        .collect();
    out.sort_by_key(|(name, _, _)| *name);
    out
}
