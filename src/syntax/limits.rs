//! Resource limits on parsed text, checked iteratively before the
//! recursive passes (lowering, checking, evaluation) walk the trees.

use super::Rule;
use super::error::SyntaxError;
use crate::ast::{Cell, Clause, Expr, ExprKind, Notice, SetExpr, Stmt};
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
        stack.extend(pair.into_inner().map(|p| (p, depth + 1)));
    }
    Ok(())
}

/// Refuses expressions nested deeper than [`super::MAX_EXPR_DEPTH`], so the
/// checker and evaluator (which recurse over expressions) stay within the stack.
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
            stack.extend(children_of(e).into_iter().map(|c| (c, depth + 1)));
        }
    }
    Ok(())
}

fn stmt_exprs<'a>(stmt: &'a Stmt, out: &mut Vec<&'a Expr>) {
    match stmt {
        Stmt::Fact(f) => {
            if let Some((lo, hi)) = &f.range {
                out.extend([lo, hi]);
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

fn children_of(e: &Expr) -> Vec<&Expr> {
    match &e.kind {
        ExprKind::Neg(x) | ExprKind::Not(x) => vec![x],
        ExprKind::Binary { lhs, rhs, .. } | ExprKind::Compare { lhs, rhs, .. } => vec![lhs, rhs],
        ExprKind::In { lhs, set } => {
            let mut v: Vec<&Expr> = vec![lhs];
            if let SetExpr::Literal(items) = set {
                v.extend(items.iter());
            }
            v
        }
        ExprKind::Call { args, .. } => args.iter().collect(),
        ExprKind::If {
            cond,
            then,
            otherwise,
        } => vec![cond, then, otherwise],
        _ => Vec::new(),
    }
}
