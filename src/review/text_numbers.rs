//! A number in a rule that the clause's own text does not state: the rule
//! and the printed notice say different things (4000元 in the text, 5000元
//! in the rule). Units are not compared here: % against ‰ is
//! `quantity_bounded_twice`.

use super::Finding;
use super::domain::{Const, constant};
use super::error::{ReviewError, ReviewErrorKind};
use crate::ast::{Expr, ExprKind};
use crate::clause::ClausePath;
use crate::program::Program;
use rust_decimal::Decimal;

/// Every number the text writes, as written and scaled by a following
/// 万/亿: 4000, 50 and 500000 (50万元), 0.4, 15, and Chinese numerals (两 → 2).
fn written_numbers(text: &str) -> Vec<Decimal> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let mut number = String::new();
        while let Some(c) = chars.get(i).filter(|c| c.is_ascii_digit() || **c == '.') {
            number.push(*c);
            i += 1;
        }
        let mut value = number.trim_end_matches('.').parse::<Decimal>().ok();
        if value.is_none() {
            let mut cn = String::new();
            while let Some(c) = chars
                .get(i)
                .filter(|c| "零〇一二两三四五六七八九十百千".contains(**c))
            {
                cn.push(*c);
                i += 1;
            }
            value = crate::numeral::parse_numeral(&cn).map(Decimal::from);
            if cn.is_empty() {
                i += 1;
            }
        }
        let Some(value) = value else { continue };
        out.push(value);
        match chars.get(i) {
            Some('万') => out.push(value * Decimal::from(10_000)),
            Some('亿') => out.push(value * Decimal::from(100_000_000)),
            _ => {}
        }
    }
    out
}

/// Every clause the statement's text may be in: its own and those above it.
fn text_of(program: &Program, clause: ClausePath) -> String {
    program
        .clauses
        .iter()
        .filter(|c| c.path.contains(&clause) || clause.contains(&c.path))
        .flat_map(|c| c.text.iter().cloned())
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn numbers_not_in_text(program: &Program) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut written: std::collections::HashMap<ClausePath, Option<Vec<Decimal>>> =
        std::collections::HashMap::new();
    let mut check = |expr: &Expr, clause: ClausePath| {
        for e in expr.walk() {
            let ExprKind::Quantity {
                value,
                unit: Some(u),
                ..
            } = &e.kind
            else {
                continue;
            };
            // 1 is everywhere (次日, 一次); it proves nothing either way.
            if value.is_zero() || *value == Decimal::ONE {
                continue;
            }
            // The numbers each clause's text writes, read once per clause;
            // `None` when the clause has no text to compare with.
            let Some(numbers) = written
                .entry(clause)
                .or_insert_with(|| {
                    let text = text_of(program, clause);
                    (!text.is_empty()).then(|| written_numbers(&text))
                })
                .as_ref()
            else {
                continue;
            };
            let Some(Const::Num(base)) = constant(e, program) else {
                continue;
            };
            let stated = numbers.iter().any(|n| n == value || *n == base);
            if !stated && seen.insert((clause, e.span.start)) {
                findings.push(Finding::new(ReviewError::new(
                    ReviewErrorKind::NumberNotInText {
                        written: format!("{}{}", value.normalize(), u),
                    },
                    e.span,
                    clause,
                )));
            }
        }
    };
    for d in program.derived.values() {
        for c in &d.cases {
            check(&c.value, c.clause);
            if let Some(cond) = &c.condition {
                check(cond, c.clause);
            }
        }
        for b in &d.bounds {
            check(&b.value, b.clause);
        }
    }
    for p in program.params.values() {
        for (_, v) in &p.values {
            check(v, p.clause);
        }
    }
    findings.sort_by_key(|f| f.clause);
    findings
}
