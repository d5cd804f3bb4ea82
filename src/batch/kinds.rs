//! The static kind of every expression: boolean, date, enumeration, text,
//! or a number with the unit dimension it carries at run time. The plan
//! stores no units, so it relies on these: a rule whose cases give numbers
//! of different dimensions (which `eval` would compare unequal) is refused.

use super::lower::Lowering;
use super::plan::{Refusal, refuse};
use super::value::{CVal, View};
use crate::ast::{BinOp, Expr, ExprKind, Func, SetExpr};
use crate::program::Type;
use crate::units::{BaseDim, Dim};

/// The static shape of a value: what kind it is, and for numbers the unit
/// dimension it carries at run time.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    Bool,
    Date,
    Enum,
    Text,
    Num(Dim),
    /// Never yields a value (it defers).
    Never,
    /// Differs between evaluations.
    Unknown,
}

pub(crate) fn join(a: Kind, b: Kind) -> Kind {
    match (a, b) {
        (Kind::Never, k) | (k, Kind::Never) => k,
        (a, b) if a == b => a,
        _ => Kind::Unknown,
    }
}

pub(crate) fn kind_of_type(ty: &Type) -> Kind {
    match ty {
        Type::Bool => Kind::Bool,
        Type::Date => Kind::Date,
        Type::Text => Kind::Text,
        Type::Enum(_) => Kind::Enum,
        Type::Quantity { unit, .. } => Kind::Num(unit.dim.clone()),
    }
}

pub(crate) fn kind_of_value(v: &CVal, dim: &Dim) -> Kind {
    match v.view() {
        View::Bool(_) => Kind::Bool,
        View::Date(_) => Kind::Date,
        View::Enum(_) => Kind::Enum,
        View::Text(_) | View::InputText(_) => Kind::Text,
        View::Num(_) => Kind::Num(dim.clone()),
        View::Defer | View::Missing | View::NotApplicable => Kind::Never,
    }
}

impl Lowering<'_> {
    pub(super) fn derived_kind(&mut self, d: u32) -> Result<Kind, Refusal> {
        let i = d as usize;
        if let Some(Some(k)) = self.derived_kind.get(i) {
            return Ok(k.clone());
        }
        if self.in_progress.get(i).copied().unwrap_or(true) {
            return refuse("规则相互依赖");
        }
        if let Some(flag) = self.in_progress.get_mut(i) {
            *flag = true;
        }
        let Some(info) = self.derived_order.get(i).copied() else {
            return refuse("规则编号越界");
        };
        let mut kind = Kind::Never;
        for case in &info.cases {
            kind = join(kind, self.kind(&case.value, false)?);
        }
        for bound in &info.bounds {
            kind = join(kind, self.kind(&bound.value, false)?);
        }
        if kind == Kind::Unknown {
            return refuse(format!("「{}」的各情形给出不同类型或单位的值", info.name));
        }
        if let Some(slot) = self.derived_kind.get_mut(i) {
            *slot = Some(kind.clone());
        }
        Ok(kind)
    }

    /// The static kind of an expression (and a check that the plan can run it).
    pub(super) fn kind(&mut self, expr: &Expr, unextended: bool) -> Result<Kind, Refusal> {
        Ok(match &expr.kind {
            ExprKind::Quantity { .. }
            | ExprKind::Bool(_)
            | ExprKind::Date(_)
            | ExprKind::Text(_) => match self.literal(expr) {
                Some((v, dim)) => kind_of_value(&v, &dim),
                None => Kind::Never,
            },
            ExprKind::Name(n) => self.name_kind(n)?,
            ExprKind::Neg(inner) => match self.kind(inner, unextended)? {
                k @ (Kind::Num(_) | Kind::Unknown) => k,
                _ => Kind::Never,
            },
            ExprKind::Not(inner) => {
                self.kind(inner, unextended)?;
                Kind::Bool
            }
            ExprKind::Binary {
                op: BinOp::And | BinOp::Or,
                lhs,
                rhs,
            } => {
                self.kind(lhs, unextended)?;
                self.kind(rhs, unextended)?;
                Kind::Bool
            }
            ExprKind::Binary { op, lhs, rhs } => {
                let a = self.kind(lhs, unextended)?;
                let b = self.kind(rhs, unextended)?;
                match (a, b) {
                    (Kind::Never, _) | (_, Kind::Never) => Kind::Never,
                    (Kind::Num(x), Kind::Num(y)) => match op {
                        BinOp::Add | BinOp::Sub => Kind::Num(x),
                        BinOp::Mul => Kind::Num(x.mul(&y)),
                        _ => Kind::Num(x.div(&y)),
                    },
                    (Kind::Date, Kind::Num(_)) => Kind::Date,
                    (Kind::Date, Kind::Date) if *op == BinOp::Sub => {
                        Kind::Num(Dim::of(BaseDim::Day))
                    }
                    (Kind::Unknown, _) | (_, Kind::Unknown) => Kind::Unknown,
                    _ => Kind::Never,
                }
            }
            ExprKind::Compare { lhs, rhs, .. } => {
                self.kind(lhs, unextended)?;
                self.kind(rhs, unextended)?;
                Kind::Bool
            }
            ExprKind::In { lhs, set } => {
                self.kind(lhs, unextended)?;
                if let SetExpr::Literal(items) = set {
                    for item in items {
                        self.kind(item, unextended)?;
                    }
                }
                Kind::Bool
            }
            ExprKind::Call { func, args } => self.call_kind(*func, args, unextended)?,
            ExprKind::If {
                cond,
                then,
                otherwise,
            } => {
                self.kind(cond, unextended)?;
                let a = self.kind(then, unextended)?;
                let b = self.kind(otherwise, unextended)?;
                join(a, b)
            }
        })
    }

    pub(super) fn call_kind(
        &mut self,
        func: Func,
        args: &[Expr],
        unextended: bool,
    ) -> Result<Kind, Refusal> {
        if let (Func::Unextended, [arg]) = (func, args) {
            return self.kind(arg, true);
        }
        let mut kinds = Vec::new();
        for a in args {
            kinds.push(self.kind(a, unextended)?);
        }
        if kinds.contains(&Kind::Never) || kinds.is_empty() {
            return Ok(Kind::Never);
        }
        Ok(match func {
            Func::YearOf | Func::MonthOf => Kind::Num(Dim::none()),
            Func::MonthEnd | Func::QuarterEnd | Func::YearEnd => Kind::Date,
            Func::Unextended => Kind::Never,
            Func::Abs => kinds.swap_remove(0),
            Func::Min | Func::Max => kinds.into_iter().fold(Kind::Never, join),
        })
    }

    pub(super) fn name_kind(&mut self, n: &str) -> Result<Kind, Refusal> {
        let p = self.program;
        if let Some(info) = p.facts.get(n) {
            return Ok(kind_of_type(&info.ty));
        }
        if let Some(&i) = self.param_index.get(n) {
            return Ok(self
                .param_kind
                .get(i as usize)
                .cloned()
                .unwrap_or(Kind::Unknown));
        }
        if let Some(&d) = self.derived_index.get(n) {
            return self.derived_kind(d);
        }
        Ok(Kind::Enum)
    }
}
