//! Every name and citation of a notice with where it is written, for tools
//! that answer questions about a place in the text (the language server's
//! hover, go to definition, find references, completion). The checker
//! resolves names on its own; this is only the map from text to meaning.

use super::{Cell, Citation, Clause, Expr, ExprKind, Notice, SetExpr, Spanned, Stmt, TypeExprKind};
use crate::source::Span;

/// What is written at one place of a notice.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Occurrence<'a> {
    /// A fact, parameter, rule, output or roster declared here.
    Declaration { name: &'a str, span: Span },
    /// A value of an enumeration, declared in its type (枚举(家庭, 个人)).
    Variant { name: &'a str, span: Span },
    /// A name read here (in an expression, a 属于 roster, a 程序's steps)
    /// or decided here (the name a case, bound or table gives a value to).
    Use { name: &'a str, span: Span },
    /// A clause of this notice cited (优先于 第六条, 参见 第五条第（一）项).
    Citation(&'a Citation),
    /// A clause of another notice, or the whole notice (参见 "文号" 附件1第七条);
    /// `span` covers the whole target.
    NoticeReference {
        notice: &'a Spanned<String>,
        clause: Option<&'a Citation>,
        span: Span,
    },
}

impl Occurrence<'_> {
    /// The text the occurrence covers.
    pub fn span(&self) -> Span {
        match self {
            Occurrence::Declaration { span, .. }
            | Occurrence::Variant { span, .. }
            | Occurrence::Use { span, .. }
            | Occurrence::NoticeReference { span, .. } => *span,
            Occurrence::Citation(c) => c.span,
        }
    }

    /// The name, for a declaration, variant or use.
    pub fn name(&self) -> Option<&str> {
        match self {
            Occurrence::Declaration { name, .. }
            | Occurrence::Variant { name, .. }
            | Occurrence::Use { name, .. } => Some(name),
            _ => None,
        }
    }
}

/// Every occurrence in `notice`, in no particular order.
pub fn occurrences(notice: &Notice) -> Vec<Occurrence<'_>> {
    let mut out = Vec::new();
    let mut stack: Vec<&Clause> = notice.clauses.iter().collect();
    while let Some(clause) = stack.pop() {
        for stmt in &clause.stmts {
            stmt_occurrences(stmt, &mut out);
        }
        stack.extend(clause.children.iter());
    }
    out
}

/// The innermost occurrence at byte `offset` (a cursor just after a name
/// is still on it), for hover and go to definition.
pub fn occurrence_at<'a>(found: &[Occurrence<'a>], offset: usize) -> Option<Occurrence<'a>> {
    found
        .iter()
        .filter(|o| {
            let s = o.span();
            s.start <= offset && offset <= s.end
        })
        .min_by_key(|o| o.span().len())
        .copied()
}

fn stmt_occurrences<'a>(stmt: &'a Stmt, out: &mut Vec<Occurrence<'a>>) {
    let declare = |name: &'a Spanned<String>| Occurrence::Declaration {
        name: &name.node,
        span: name.span,
    };
    let used = |name: &'a Spanned<String>| Occurrence::Use {
        name: &name.node,
        span: name.span,
    };
    match stmt {
        Stmt::Fact(f) => {
            out.push(declare(&f.name));
            variants(&f.ty.kind, out);
            if let Some(range) = &f.range {
                let typical = range.typical.iter().flat_map(|(low, high)| [low, high]);
                exprs(range.low.iter().chain(&range.high).chain(typical), out);
            }
        }
        Stmt::Param(p) => {
            out.push(declare(&p.name));
            variants(&p.ty.kind, out);
            exprs(p.values.iter().map(|(_, e)| e), out);
        }
        Stmt::Output(d) | Stmt::Rule(d) => {
            out.push(declare(&d.name));
            variants(&d.ty.kind, out);
            if let Some((value, condition)) = &d.inline {
                exprs(std::iter::once(value).chain(condition), out);
            }
        }
        Stmt::Case(c) => {
            out.push(used(&c.name));
            exprs(std::iter::once(&c.value).chain(&c.condition), out);
            out.extend(c.overrides.iter().map(Occurrence::Citation));
        }
        Stmt::Bound(b) => {
            out.push(used(&b.name));
            exprs(std::iter::once(&b.value).chain(&b.condition), out);
        }
        Stmt::Table(t) => {
            out.push(declare(&t.name));
            variants(&t.ty.kind, out);
            exprs(&t.inputs, out);
            for row in &t.rows {
                exprs(std::iter::once(&row.value), out);
                for cell in &row.cells {
                    match cell {
                        Cell::Any(_) => {}
                        Cell::Equals(e) | Cell::Compare { bound: e, .. } => exprs([e], out),
                        Cell::In(set, _) => set_occurrences(set, out),
                    }
                }
            }
        }
        Stmt::Roster(r) => out.push(declare(&r.name)),
        // A reading declares a parameter whose values are its choices.
        Stmt::Reading(r) => {
            out.push(declare(&r.name));
            out.extend(r.choices.iter().map(|c| Occurrence::Variant {
                name: &c.name.node,
                span: c.name.span,
            }));
        }
        Stmt::Procedure(p) => {
            out.extend(p.steps.iter().map(used));
            out.push(used(&p.total));
        }
        Stmt::CaseDate(name) => out.push(used(name)),
        Stmt::See(targets) => {
            for target in targets {
                match (&target.notice, &target.clause) {
                    (Some(notice), clause) => out.push(Occurrence::NoticeReference {
                        notice,
                        clause: clause.as_ref(),
                        span: target.span,
                    }),
                    (None, Some(cite)) => out.push(Occurrence::Citation(cite)),
                    (None, None) => {}
                }
            }
        }
        Stmt::Text(_)
        | Stmt::NotComputable(_)
        | Stmt::Acknowledge(_)
        | Stmt::Phase(_)
        | Stmt::Effective(_)
        | Stmt::Expires(_) => {}
    }
}

fn variants<'a>(ty: &'a TypeExprKind, out: &mut Vec<Occurrence<'a>>) {
    if let TypeExprKind::Enum(values) = ty {
        out.extend(values.iter().map(|v| Occurrence::Variant {
            name: &v.node,
            span: v.span,
        }));
    }
}

fn exprs<'a>(roots: impl IntoIterator<Item = &'a Expr>, out: &mut Vec<Occurrence<'a>>) {
    for root in roots {
        for e in root.walk() {
            match &e.kind {
                ExprKind::Name(name) => out.push(Occurrence::Use { name, span: e.span }),
                ExprKind::In { set, .. } => set_occurrences(set, out),
                _ => {}
            }
        }
    }
}

fn set_occurrences<'a>(set: &'a SetExpr, out: &mut Vec<Occurrence<'a>>) {
    match set {
        SetExpr::Roster(name) => out.push(Occurrence::Use {
            name: &name.node,
            span: name.span,
        }),
        // The items are walked as the expression's children.
        SetExpr::Literal(_) => {}
    }
}
