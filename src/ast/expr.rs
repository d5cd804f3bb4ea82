//! Expressions as written: quantities with their units, names, the legal
//! comparison words already read as operators (以上 is `Ge`, 不满 `Lt`),
//! 且/或/非, membership, function calls and 若…则…否则.

use super::Spanned;
use crate::source::Span;
use crate::units::UnitExpr;
use chrono::NaiveDate;
use educe::Educe;
use rust_decimal::Decimal;

#[derive(Debug, Clone, Educe)]
#[educe(PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

impl Expr {
    /// The expressions directly inside this one (a set's literal items too).
    pub fn children(&self) -> Vec<&Expr> {
        match &self.kind {
            ExprKind::Neg(a) | ExprKind::Not(a) => vec![a],
            ExprKind::Binary { lhs, rhs, .. } | ExprKind::Compare { lhs, rhs, .. } => {
                vec![lhs, rhs]
            }
            ExprKind::In { lhs, set } => {
                let mut out: Vec<&Expr> = vec![lhs];
                if let SetExpr::Literal(items) = set {
                    out.extend(items.iter());
                }
                out
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

    /// This expression and every expression inside it, without recursion
    /// (expressions are depth-limited, but a walk should not need to care).
    pub fn walk(&self) -> Vec<&Expr> {
        let mut out = Vec::new();
        let mut stack = vec![self];
        while let Some(e) = stack.pop() {
            out.push(e);
            stack.extend(e.children());
        }
        out
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// A number with an optional unit: 4000元, 0.4‰, 15个工作日, 3, 三年.
    Quantity {
        value: Decimal,
        unit: Option<UnitExpr>,
        /// The Chinese numeral as the drafter wrote it (十 of 十个工作日),
        /// `None` for Arabic digits; `value` is what it means.
        numeral: Option<String>,
    },
    Date(NaiveDate),
    Text(String),
    Bool(bool),
    Name(String),
    Neg(Box<Expr>),
    Not(Box<Expr>),
    Binary {
        op: BinOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    Compare {
        op: CmpOp,
        word: String,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    In {
        lhs: Box<Expr>,
        set: SetExpr,
    },
    Call {
        func: Func,
        args: Vec<Expr>,
    },
    If {
        cond: Box<Expr>,
        then: Box<Expr>,
        otherwise: Box<Expr>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum SetExpr {
    Literal(Vec<Expr>),
    Roster(Spanned<String>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    And,
    Or,
}

/// Comparison after the legal word has been read: 以上 is `Ge`, 不满 is `Lt`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    /// When a bound replaces a value: a cap (上限) when it is below the
    /// value, a floor (下限) when above; `limit OP value` must hold.
    pub fn bound_binds(is_cap: bool) -> CmpOp {
        if is_cap { CmpOp::Lt } else { CmpOp::Gt }
    }

    /// Whether the comparison holds, given how the two sides order (`None`
    /// for values with no order, which compare by equality only).
    pub fn holds(self, ordering: Option<std::cmp::Ordering>, equal: bool) -> bool {
        use std::cmp::Ordering::*;
        match (self, ordering) {
            (CmpOp::Eq, Some(o)) => o == Equal,
            (CmpOp::Ne, Some(o)) => o != Equal,
            (CmpOp::Eq, None) => equal,
            (CmpOp::Ne, None) => !equal,
            (CmpOp::Lt, Some(o)) => o == Less,
            (CmpOp::Le, Some(o)) => o != Greater,
            (CmpOp::Gt, Some(o)) => o == Greater,
            (CmpOp::Ge, Some(o)) => o != Less,
            (_, None) => false,
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "=",
            CmpOp::Ne => "≠",
            CmpOp::Lt => "<",
            CmpOp::Le => "≤",
            CmpOp::Gt => ">",
            CmpOp::Ge => "≥",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Func {
    Min,
    Max,
    Abs,
    /// 不顺延(期间表达式): a fixed date (期日), not a deadline, so a last day
    /// on a rest day is not moved to the next working day.
    Unextended,
    /// 月末 / 季度末 / 年末 (日期): the last day of the date's month, quarter, year.
    MonthEnd,
    QuarterEnd,
    YearEnd,
    /// 年份 / 月份 (日期): the year or month number.
    YearOf,
    MonthOf,
}
