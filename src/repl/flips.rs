//! The smallest change of one fact that turns a false or zero value: each
//! fact the derivation read is tried with its other values (the other
//! truth value, the other enumeration values, the numbers the notice
//! compares it with), nearest first.

use super::reply::Reply;
use crate::ast::{Expr, ExprKind};
use crate::calendar::Calendar;
use crate::eval::{self, Answer, Facts, Value, facts::decode};
use crate::program::{Program, Type};
use crate::units::Dim;
use rust_decimal::Decimal;

/// A change of one fact that turns the value.
struct Flip {
    fact: String,
    from: String,
    to: String,
    result: String,
    cites: Vec<crate::clause::ClausePath>,
}

/// Most changes tried for one numeric fact.
const MAX_NUMERIC_TRIES: usize = 12;

/// The smallest change of one fact that turns `name`, and the others.
pub fn report(
    program: &Program,
    calendar: &Calendar,
    facts: &Facts,
    name: &str,
    answer: &Answer,
    reply: &mut Reply,
) {
    let (found, tried) = flips(program, calendar, facts, name, answer);
    let mut found = found.into_iter();
    let Some(first) = found.next() else {
        reply.push_line(format!(
            "改变任何一项已设定的事实都不能改变「{name}」（试了 {tried} 种改变）"
        ));
        return;
    };
    reply.push_line(format!(
        "最小的改变：把 {} 从 {} 改为 {}，{name} 就是 {}{}",
        first.fact,
        first.from,
        first.to,
        first.result,
        super::reply::cite_suffix(&first.cites)
    ));
    let others: Vec<String> = found
        .take(4)
        .map(|f| format!("{} 改为 {}（{name} = {}）", f.fact, f.to, f.result))
        .collect();
    if !others.is_empty() {
        reply.push_line(format!("也可以：{}", others.join("；")));
    }
}

/// Every single-fact change that turns the value, facts read by the
/// derivation first, and how many changes were tried.
fn flips(
    program: &Program,
    calendar: &Calendar,
    facts: &Facts,
    name: &str,
    answer: &Answer,
) -> (Vec<Flip>, usize) {
    let mut order: Vec<&str> = answer
        .trace
        .iter()
        .map(|s| s.name.as_str())
        .filter(|n| program.facts.contains_key(*n))
        .collect();
    for fact in &program.fact_order {
        if !order.contains(&fact.as_str()) {
            order.push(fact);
        }
    }
    let mut found = Vec::new();
    let mut tried = 0;
    for fact in order {
        let (Some(info), Some(raw)) = (program.facts.get(fact), facts.values.get(fact)) else {
            continue;
        };
        let Ok(current) = decode(info, raw) else {
            continue;
        };
        for (json, shown) in candidates(program, info, &current) {
            tried += 1;
            let mut changed = facts.clone();
            changed.set(fact, json);
            let Ok(after) = eval::evaluate_names(program, calendar, &changed, &[name.to_string()])
            else {
                continue;
            };
            let Some(o) = after.outputs.first() else {
                continue;
            };
            if let Some(v) = &o.value
                && !super::explain::is_negative(Some(v))
            {
                found.push(Flip {
                    fact: fact.to_string(),
                    from: current.display(&info.ty),
                    to: shown,
                    result: v.display(&o.ty),
                    cites: o.cites.clone(),
                });
            }
        }
    }
    (found, tried)
}

/// The other values worth trying for a fact: the other truth value, the
/// other enumeration values, and for numbers the constants conditions
/// compare it with (one unit below, at, one above) and the lowest value
/// of its range, nearest first.
fn candidates(
    program: &Program,
    info: &crate::program::FactInfo,
    current: &Value,
) -> Vec<(serde_json::Value, String)> {
    match (&info.ty, current) {
        (Type::Bool, Value::Bool(b)) => vec![(
            serde_json::Value::Bool(!b),
            if *b { "否" } else { "是" }.to_string(),
        )],
        (Type::Enum(variants), Value::Enum(now)) => variants
            .iter()
            .filter(|v| *v != now)
            .map(|v| (serde_json::Value::String(v.clone()), v.clone()))
            .collect(),
        (Type::Quantity { unit, .. }, Value::Num { amount, .. }) => {
            let mut points: Vec<Decimal> = Vec::new();
            for c in boundaries(program, &info.name, &unit.dim, unit.scale) {
                for p in [c - unit.scale, c, c + unit.scale] {
                    points.push(p);
                }
            }
            // What-ifs stay among the values cases usually give.
            let (low, high) = info.domain_ends();
            points.extend(low);
            points.retain(|p| {
                p != amount && low.is_none_or(|lo| *p >= lo) && high.is_none_or(|hi| *p <= hi)
            });
            points.sort_by_key(|p| ((*p - *amount).abs(), *p));
            points.dedup();
            points
                .into_iter()
                .take(MAX_NUMERIC_TRIES)
                .map(|p| {
                    let shown = p.checked_div(unit.scale).unwrap_or(p).normalize();
                    (
                        serde_json::Value::String(shown.to_string()),
                        Value::num(p, unit.dim.clone()).display(&info.ty),
                    )
                })
                .collect()
        }
        _ => Vec::new(),
    }
}

/// Constants (in base units) that some comparison in the notice sets
/// against `fact`: `商品住房套数 2套以上` gives 2.
fn boundaries(program: &Program, fact: &str, dim: &Dim, scale: Decimal) -> Vec<Decimal> {
    let mut out = Vec::new();
    let mut roots: Vec<&Expr> = Vec::new();
    for info in program.derived.values() {
        for case in &info.cases {
            roots.push(&case.value);
            roots.extend(case.condition.iter());
        }
        for bound in &info.bounds {
            roots.push(&bound.value);
            roots.extend(bound.condition.iter());
        }
    }
    for root in roots {
        for e in root.walk() {
            if let ExprKind::Compare { lhs, rhs, .. } = &e.kind {
                for (mine, other) in [(lhs, rhs), (rhs, lhs)] {
                    if mentions(mine, fact) {
                        constants(program, other, dim, scale, 0, &mut out);
                    }
                }
            }
        }
    }
    out
}

/// Whether `expr` reads `name` anywhere inside it.
fn mentions(expr: &Expr, name: &str) -> bool {
    expr.walk()
        .iter()
        .any(|e| matches!(&e.kind, ExprKind::Name(n) if n == name))
}

/// Quantity literals of dimension `dim` in `expr`, and in the values of the
/// parameters it names (年内救助次数上限 is 2次).
fn constants(
    program: &Program,
    expr: &Expr,
    dim: &Dim,
    scale: Decimal,
    depth: usize,
    out: &mut Vec<Decimal>,
) {
    if depth > 2 {
        return;
    }
    for e in expr.walk() {
        match &e.kind {
            ExprKind::Quantity { value, unit, .. } => {
                let base = match unit {
                    Some(u) => match crate::units::resolve(u) {
                        Ok(u) if &u.dim == dim => value.checked_mul(u.scale),
                        _ => None,
                    },
                    None => value.checked_mul(scale),
                };
                out.extend(base);
            }
            ExprKind::Name(n) => {
                if let Some(param) = program.params.get(n) {
                    for (_, v) in &param.values {
                        constants(program, v, dim, scale, depth + 1, out);
                    }
                }
            }
            _ => {}
        }
    }
}
