//! The syntax tree of one notice, as written. Names are not resolved and
//! types are not known here; that is the checker's job ([`crate::check`]).

use crate::source::Span;
use crate::units::UnitExpr;
use chrono::NaiveDate;
use educe::Educe;

mod expr;
pub mod occurrences;
pub use expr::*;
pub use occurrences::{Occurrence, occurrence_at, occurrences};

#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub header: Header,
    pub clauses: Vec<Clause>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Header {
    pub doc_number: Option<Spanned<String>>,
    pub title: Option<Spanned<String>>,
    pub issuer: Option<Spanned<String>>,
    pub issued: Option<Spanned<NaiveDate>>,
    pub basis: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, Educe)]
#[educe(PartialEq)]
pub struct Spanned<T> {
    pub node: T,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(node: T, span: Span) -> Self {
        Spanned { node, span }
    }
}

/// The levels of a notice's structure. 章/条/款/项/目 follow 立法法 第六十五条;
/// `Section` is the 一、 of 通知/意见, which sits where an article would.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    Chapter,
    Article,
    Section,
    Annex,
    Preamble,
    Closing,
    Paragraph,
    Item,
    Subitem,
}

impl Level {
    pub fn zh(self) -> &'static str {
        match self {
            Level::Chapter => "章",
            Level::Article => "条",
            Level::Section => "部分",
            Level::Annex => "附件",
            Level::Preamble => "导语",
            Level::Closing => "结语",
            Level::Paragraph => "款",
            Level::Item => "项",
            Level::Subitem => "目",
        }
    }
}

#[derive(Debug, Clone, Educe)]
#[educe(PartialEq)]
pub struct Clause {
    pub level: Level,
    pub number: u32,
    /// The mark exactly as written (第六条, （二）, 1、), for messages.
    pub mark: String,
    #[educe(PartialEq(ignore))]
    pub mark_span: Span,
    pub title: Option<String>,
    pub stmts: Vec<Stmt>,
    pub children: Vec<Clause>,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// 确认 CODE "理由": a finding of `polc check` that the notice, as
/// published, really says; it no longer fails CI but stays visible.
#[derive(Debug, Clone, PartialEq)]
pub struct Acknowledgement {
    pub code: Spanned<String>,
    pub reason: Spanned<String>,
}

/// 程序 名称 各环节 a, b, c 总时限 t: steps done one after the other, each
/// within its own time limit, and the overall limit they must fit in.
#[derive(Debug, Clone, Educe)]
#[educe(PartialEq)]
pub struct Procedure {
    pub name: Spanned<String>,
    pub steps: Vec<Spanned<String>>,
    pub total: Spanned<String>,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// 阶段 名称 自 DATE 至 DATE: a phase of a work plan, both days included.
#[derive(Debug, Clone, Educe)]
#[educe(PartialEq)]
pub struct Phase {
    pub name: Spanned<String>,
    pub from: Spanned<NaiveDate>,
    pub to: Spanned<NaiveDate>,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// 读法 名称: "问题" 采用 甲 "含义" 备选 乙 "含义" [已确认 "机关" "文号"]: what
/// the text leaves open, the reading taken and the alternatives. Rules
/// select on it as on an enumeration whose values are the choices' names.
#[derive(Debug, Clone, Educe)]
#[educe(PartialEq)]
pub struct Reading {
    pub name: Spanned<String>,
    pub question: Spanned<String>,
    /// In the order written, the adopted one among them.
    pub choices: Vec<ReadingChoice>,
    pub confirmed: Option<Confirmation>,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// 采用 名称 "含义" or 备选 名称 "含义".
#[derive(Debug, Clone, PartialEq)]
pub struct ReadingChoice {
    pub name: Spanned<String>,
    pub adopted: bool,
    pub meaning: Option<Spanned<String>>,
}

/// 已确认 "机关" "文号": who confirmed a reading, and in which document.
#[derive(Debug, Clone, PartialEq)]
pub struct Confirmation {
    pub by: Spanned<String>,
    pub document: Spanned<String>,
}

/// One target of 参见: a clause of this notice, or another notice of the
/// gazette by its 文号 (and optionally one of its clauses).
#[derive(Debug, Clone, Educe)]
#[educe(PartialEq)]
pub struct SeeTarget {
    pub notice: Option<Spanned<String>>,
    pub clause: Option<Citation>,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// A reference to a clause: 第六条第（二）项第1目. Parts left out are `None`.
#[derive(Debug, Clone, Educe)]
#[educe(PartialEq, Eq, Hash)]
pub struct Citation {
    /// The annex whose own articles are cited (附件1第七条); 0 otherwise.
    pub annex: u32,
    /// Article number, or section/annex number.
    pub top: u32,
    pub kind: crate::clause::TopKind,
    pub paragraph: Option<u32>,
    pub item: Option<u32>,
    pub subitem: Option<u32>,
    #[educe(PartialEq(ignore), Hash(ignore))]
    pub span: Span,
}

impl Citation {
    /// The clause this citation names. Inside a document issued as an annex,
    /// 第三条 means that document's own article, as in the printed text.
    pub fn path(&self, annex_of_citer: u32) -> crate::clause::ClausePath {
        use crate::clause::TopKind;
        let annex = if self.annex > 0 || self.kind == TopKind::Annex {
            self.annex
        } else {
            annex_of_citer
        };
        crate::clause::ClausePath {
            annex,
            top: self.top,
            kind: self.kind,
            paragraph: self.paragraph,
            item: self.item,
            subitem: self.subitem,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Stmt {
    Text(Spanned<String>),
    NotComputable(Spanned<String>),
    See(Vec<SeeTarget>),
    Acknowledge(Acknowledgement),
    Procedure(Procedure),
    Phase(Phase),
    Reading(Reading),
    Fact(FactDecl),
    Param(ParamDecl),
    Output(DerivedDecl),
    Rule(DerivedDecl),
    Case(Case),
    Roster(RosterDecl),
    Table(TableDecl),
    Bound(Bound),
    Effective(Spanned<NaiveDate>),
    Expires(Spanned<NaiveDate>),
    CaseDate(Spanned<String>),
}

impl Stmt {
    /// Where the statement starts (its first token's line), for placing it
    /// by indentation.
    pub fn span(&self) -> Span {
        match self {
            Stmt::Text(s) | Stmt::NotComputable(s) | Stmt::CaseDate(s) => s.span,
            Stmt::See(targets) => targets.first().map(|t| t.span).unwrap_or_default(),
            Stmt::Acknowledge(a) => a.code.span,
            Stmt::Procedure(p) => p.span,
            Stmt::Phase(p) => p.span,
            Stmt::Reading(r) => r.span,
            Stmt::Fact(f) => f.name.span,
            Stmt::Param(p) => p.name.span,
            Stmt::Output(d) | Stmt::Rule(d) => d.name.span,
            Stmt::Case(c) => c.span,
            Stmt::Roster(r) => r.span,
            Stmt::Table(t) => t.span,
            Stmt::Bound(b) => b.span,
            Stmt::Effective(d) | Stmt::Expires(d) => d.span,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct FactDecl {
    pub name: Spanned<String>,
    pub ty: TypeExpr,
    pub range: Option<FactRange>,
}

/// `范围 0人 以上 通常 1人 至 20人`: the hard range (what the text or the law
/// states; an open end where it states only one), and the plausibility range
/// after 通常 (what cases usually give: a value outside it is answered with a
/// warning, never refused).
#[derive(Debug, Clone, PartialEq)]
pub struct FactRange {
    pub low: Option<Expr>,
    pub high: Option<Expr>,
    pub typical: Option<(Expr, Expr)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ParamDecl {
    pub name: Spanned<String>,
    pub ty: TypeExpr,
    pub values: Vec<(Spanned<NaiveDate>, Expr)>,
}

/// An output (`输出`) or an intermediate rule (`规则`). A rule may carry its
/// definition inline; otherwise cases (`名称 = 值 若 …`) define it.
#[derive(Debug, Clone, PartialEq)]
pub struct DerivedDecl {
    pub name: Spanned<String>,
    pub ty: TypeExpr,
    pub optional: bool,
    pub inline: Option<(Expr, Option<Expr>)>,
}

/// One way a derived value can be decided: `原则上 名称 = 值 若 条件 优先于 第六条`.
#[derive(Debug, Clone, Educe)]
#[educe(PartialEq)]
pub struct Case {
    pub is_default: bool,
    pub name: Spanned<String>,
    pub value: Expr,
    pub condition: Option<Expr>,
    pub overrides: Vec<Citation>,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// `上限 名称 = 值 若 条件` (cap) or `下限 …` (floor), applied after the value
/// is decided.
#[derive(Debug, Clone, Educe)]
#[educe(PartialEq)]
pub struct Bound {
    pub is_cap: bool,
    pub name: Spanned<String>,
    pub value: Expr,
    pub condition: Option<Expr>,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

#[derive(Debug, Clone, Educe)]
#[educe(PartialEq)]
pub struct TableDecl {
    pub name: Spanned<String>,
    pub ty: TypeExpr,
    pub hit: HitPolicy,
    pub inputs: Vec<Expr>,
    pub rows: Vec<TableRow>,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// How a decision table's matching rows combine (DMN's hit policies).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HitPolicy {
    /// 唯一: at most one value may apply (rows with equal values may overlap).
    #[default]
    Unique,
    /// 首条: the first matching row decides.
    First,
    /// 取大 / 取小: the largest or smallest of the matching rows' values
    /// ("从重" / "从轻", e.g. 竞合 listing periods).
    Largest,
    Smallest,
}

#[derive(Debug, Clone, Educe)]
#[educe(PartialEq)]
pub struct TableRow {
    pub cells: Vec<Cell>,
    pub value: Expr,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

#[derive(Debug, Clone, Educe)]
#[educe(PartialEq)]
pub enum Cell {
    Any(#[educe(PartialEq(ignore))] Span),
    Equals(Expr),
    Compare {
        op: CmpOp,
        word: String,
        bound: Expr,
    },
    In(SetExpr, #[educe(PartialEq(ignore))] Span),
}

#[derive(Debug, Clone, Educe)]
#[educe(PartialEq)]
pub struct RosterDecl {
    pub name: Spanned<String>,
    pub declared_count: Option<Spanned<u32>>,
    pub members: Vec<Spanned<String>>,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

#[derive(Debug, Clone, Educe)]
#[educe(PartialEq)]
pub struct TypeExpr {
    pub kind: TypeExprKind,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeExprKind {
    Bool,
    Int,
    Decimal,
    Date,
    Text,
    Enum(Vec<Spanned<String>>),
    Unit(UnitExpr),
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where a node was written takes no part in what it is: a reformatted
    /// notice, whose spans all moved, is the same tree.
    #[test]
    fn spans_take_no_part_in_equality() {
        let at = |start| Expr {
            kind: ExprKind::Name("家庭人口".into()),
            span: Span::new(start, start + 12),
        };
        assert_eq!(at(0), at(40));
        assert_ne!(
            at(0),
            Expr {
                kind: ExprKind::Name("救助金额".into()),
                span: Span::new(0, 12),
            }
        );
        let cite = |start| Citation {
            annex: 0,
            top: 6,
            kind: crate::clause::TopKind::Article,
            paragraph: None,
            item: Some(2),
            subitem: None,
            span: Span::new(start, start + 3),
        };
        let mut seen = std::collections::HashSet::new();
        seen.insert(cite(0));
        assert!(seen.contains(&cite(99)), "hash agrees with equality");
    }
}
