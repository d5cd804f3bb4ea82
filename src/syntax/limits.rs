//! Resource limits on parsed text, checked iteratively before the
//! recursive passes (lowering, checking, evaluation) walk the trees.

use super::Rule;
use super::error::SyntaxError;
use crate::ast::{Cell, Clause, Expr, Notice, SetExpr, Stmt};
use crate::source::Span;
use pest::iterators::{Pair, Pairs};

type Result<T> = std::result::Result<T, SyntaxError>;

fn span(pair: &Pair<Rule>) -> Span {
    Span::new(pair.as_span().start(), pair.as_span().end())
}

/// Refuses parse trees deeper than [`super::MAX_TREE_DEPTH`] before the
/// recursive lowering walks them. Iterative, so it cannot overflow itself.
pub fn check_depth(pairs: Pairs<Rule>, text: &str) -> Result<()> {
    let mut stack: Vec<(Pair<Rule>, usize)> = pairs.map(|p| (p, 1)).collect();
    while let Some((pair, depth)) = stack.pop() {
        if depth > super::MAX_TREE_DEPTH {
            return Err(SyntaxError::too_deep(span(&pair), text));
        }
        check_length(&pair, text)?;
        stack.extend(pair.into_inner().map(|p| (p, depth + 1)));
    }
    Ok(())
}

/// Refuses expressions nested deeper than [`super::MAX_EXPR_DEPTH`], so the
/// checker and evaluator (which recurse over expressions) stay within the stack.
/// Names and number literals longer than any notice needs. A number with
/// more significant digits than a decimal holds would otherwise be rounded
/// silently (0.000…001 read as 0).
fn check_length(pair: &Pair<Rule>, text: &str) -> Result<()> {
    match pair.as_rule() {
        Rule::ident if pair.as_str().chars().count() > super::MAX_NAME_CHARS => {
            Err(SyntaxError::name_too_long(span(pair), text))
        }
        Rule::number if significant_digits(pair.as_str()) > super::MAX_NUMBER_DIGITS => {
            Err(SyntaxError::number_too_large(span(pair), text))
        }
        _ => Ok(()),
    }
}

/// Digits of a number literal that carry its value: leading zeros and
/// trailing zeros after the point do not; every digit after the point
/// counts towards the scale even when zero (0.0…01).
fn significant_digits(number: &str) -> usize {
    let number = crate::numeral::halfwidth(number);
    let (whole, fraction) = number.split_once('.').unwrap_or((&number, ""));
    let fraction = fraction.trim_end_matches('0');
    let whole = whole.trim_start_matches('0');
    if whole.is_empty() {
        // 0.000123: the scale is what a decimal must hold.
        fraction.len()
    } else {
        whole.len() + fraction.len()
    }
}

pub fn check_expr_depth(notice: &Notice, text: &str) -> Result<()> {
    let mut roots: Vec<&Expr> = Vec::new();
    let mut clauses: Vec<&Clause> = notice.clauses.iter().collect();
    while let Some(clause) = clauses.pop() {
        clauses.extend(clause.children.iter());
        for stmt in &clause.stmts {
            stmt_exprs(stmt, &mut roots);
        }
    }
    for root in roots {
        let mut stack = vec![(root, 1usize)];
        while let Some((e, depth)) = stack.pop() {
            if depth > super::MAX_EXPR_DEPTH {
                return Err(SyntaxError::too_deep(e.span, text));
            }
            stack.extend(e.children().into_iter().map(|c| (c, depth + 1)));
        }
    }
    Ok(())
}

fn stmt_exprs<'a>(stmt: &'a Stmt, out: &mut Vec<&'a Expr>) {
    match stmt {
        Stmt::Fact(f) => {
            if let Some(range) = &f.range {
                out.extend(range.low.iter().chain(&range.high));
                if let Some((lo, hi)) = &range.typical {
                    out.extend([lo, hi]);
                }
            }
        }
        Stmt::Param(p) => out.extend(p.values.iter().map(|(_, e)| e)),
        Stmt::Output(d) | Stmt::Rule(d) => {
            if let Some((v, c)) = &d.inline {
                out.push(v);
                out.extend(c.iter());
            }
        }
        Stmt::Case(c) => {
            out.push(&c.value);
            out.extend(c.condition.iter());
        }
        Stmt::Bound(b) => {
            out.push(&b.value);
            out.extend(b.condition.iter());
        }
        Stmt::Table(t) => {
            out.extend(t.inputs.iter());
            for row in &t.rows {
                out.push(&row.value);
                for cell in &row.cells {
                    match cell {
                        Cell::Equals(e) | Cell::Compare { bound: e, .. } => out.push(e),
                        Cell::In(SetExpr::Literal(items), _) => out.extend(items.iter()),
                        Cell::In(SetExpr::Roster(_), _) | Cell::Any(_) => {}
                    }
                }
            }
        }
        _ => {}
    }
}
