//! The evaluation rules both engines apply, each stated once.
//!
//! polc runs a checked program on two engines: the generic evaluator
//! ([`crate::eval`]: names, values on the heap, a full trace) and the batch
//! plan ([`crate::batch`]: numbered slots, two-word values, no allocation).
//! They must give the same answers byte for byte (the differential tests
//! hold them to it), so neither may have its own copy of a rule: each rule
//! lives once, here or beside the data it is about, and is generic where the
//! engines' values differ (a closure for the comparison, a trait for the
//! masking matrix), so the plan keeps its hot path.
//!
//! | rule | home |
//! |---|---|
//! | which case masks which | [`CaseInfo::overrides_case`], [`Masking`] |
//! | which cases the decide loop asks for | [`asks`] |
//! | which bound an exception masks | [`BoundInfo::masked_by`](crate::program::BoundInfo::masked_by) |
//! | caps before floors | [`DerivedInfo::bounds_in_order`](crate::program::DerivedInfo::bounds_in_order) |
//! | 取大 / 取小, 最大值 / 最小值 | [`Combine::pick`], [`extreme`] |
//! | whole units | [`whole_in`](crate::program::whole_in) |
//! | the parameter value in force | [`in_force`](crate::program::in_force) |
//! | the validity window | [`Validity::covers`](crate::program::Validity::covers) |
//! | literals | [`constant`], [`quantity`] |
//! | arithmetic on amounts | [`arithmetic`] |
//! | roster names | [`same_roster_name`] |
//! | date shifts, date functions | [`crate::period`] |

use crate::ast::{BinOp, Expr, ExprKind, Func};
use crate::program::{BoundInfo, CaseInfo, Combine, Program};
use crate::units::{self, Dim, Unit, UnitExpr};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Which of a derived value's cases masks which, by their index in
/// evaluation order. The generic evaluator asks the cases themselves; the
/// plan looks up a matrix it filled from [`CaseInfo::overrides_case`].
pub trait Masking {
    fn case_count(&self) -> usize;
    /// Whether case `i`, when it applies, masks case `j`.
    fn masks(&self, i: usize, j: usize) -> bool;
}

impl Masking for [CaseInfo] {
    fn case_count(&self) -> usize {
        self.len()
    }

    fn masks(&self, i: usize, j: usize) -> bool {
        match (self.get(i), self.get(j)) {
            (Some(a), Some(b)) => a.overrides_case(b),
            _ => false,
        }
    }
}

/// Whether the decide loop evaluates case `case`, given the cases that
/// applied before it (`fired`, in order). A case masked by one of them is
/// not asked. Nor is a case whose value is a constant equal to the value
/// already decided (`repeats_first`, asked only when that is in question):
/// it can neither change the answer nor conflict with it, so its condition
/// (and the facts it reads) is not asked for — unless it would mask
/// (优先于, first-hit rank) a case nothing decided so far masks already.
/// Under 取大/取小 every applicable case counts, so every case is asked.
pub fn asks<M: Masking + ?Sized, I>(
    masking: &M,
    combine: Option<Combine>,
    case: usize,
    fired: I,
    repeats_first: impl FnOnce() -> bool,
) -> bool
where
    I: Iterator<Item = usize> + Clone,
{
    if fired.clone().any(|f| masking.masks(f, case)) {
        return false;
    }
    let repeats = combine.is_none() && fired.clone().next().is_some() && repeats_first();
    !(repeats && masks_nothing_new(masking, case, fired))
}

/// Every case `case` masks is masked already by a case in `fired`.
fn masks_nothing_new<M: Masking + ?Sized>(
    masking: &M,
    case: usize,
    fired: impl Iterator<Item = usize> + Clone,
) -> bool {
    (0..masking.case_count())
        .all(|other| !masking.masks(case, other) || fired.clone().any(|f| masking.masks(f, other)))
}

/// The limit of a floor that settles its value whatever the caps do: a
/// 下限 without condition whose limit is a literal (`下限 救助金额 = 0元`).
/// Caps apply before floors, so when the decided value is at or below such
/// a floor (and no deciding case masks it), every cap could only lower the
/// value further and the floor would raise it back: the answer is the same
/// whatever the caps say, and neither evaluator evaluates them (nor asks
/// for the facts they read). A household excluded elsewhere (0元) is not
/// asked what it received this quarter.
pub fn settling_floor<'e>(bound: &'e BoundInfo, program: &Program) -> Option<Constant<'e>> {
    if !bound.is_literal_floor() {
        return None;
    }
    constant(&bound.value, program)
}

/// 最大值 / 最小值 choose as 取大 / 取小 do ([`Combine::pick`]); `None` for
/// the other functions.
#[inline]
pub fn extreme(func: Func) -> Option<Combine> {
    match func {
        Func::Max => Some(Combine::Largest),
        Func::Min => Some(Combine::Smallest),
        _ => None,
    }
}

/// A literal's value, read without evaluating anything.
#[derive(Debug, Clone, PartialEq)]
pub enum Constant<'e> {
    Bool(bool),
    Date(NaiveDate),
    Text(&'e str),
    /// A bare name the notice does not declare: a value of an enumeration.
    Enum(&'e str),
    /// An amount in the base unit of its dimension.
    Num(Decimal, Dim),
}

/// The value of `expr` when it is a literal (4000元, 是, 重大损失): what
/// the decide loop compares with the value decided ([`asks`]) and what the
/// plan stores as a constant. `None` for any other expression, and for an
/// amount with no value (an unknown unit, an overflow: the evaluator reports
/// those when it evaluates the expression).
pub fn constant<'e>(expr: &'e Expr, program: &Program) -> Option<Constant<'e>> {
    Some(match &expr.kind {
        ExprKind::Bool(b) => Constant::Bool(*b),
        ExprKind::Date(d) => Constant::Date(*d),
        ExprKind::Text(t) => Constant::Text(t),
        ExprKind::Quantity { value, unit, .. } => {
            let (amount, dim) = quantity(*value, unit.as_ref()).ok()?;
            Constant::Num(amount, dim)
        }
        ExprKind::Name(n) if !program.is_declared(n) => Constant::Enum(n),
        _ => return None,
    })
}

/// Why a written amount has no value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiteralFault {
    /// A unit the unit table does not know (the part not understood).
    UnknownUnit(String),
    /// Scaling to the base unit overflows.
    Overflow,
}

/// Why a sum has no value. Small and `Copy`: the plan computes sums on its
/// hot path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    Overflow,
    DivisionByZero,
}

/// A written amount (`520元`, `3个月`) in the base unit of its dimension.
///
/// # Errors
///
/// [`LiteralFault`].
pub fn quantity(value: Decimal, unit: Option<&UnitExpr>) -> Result<(Decimal, Dim), LiteralFault> {
    let unit = match unit {
        Some(u) => units::resolve(u).map_err(LiteralFault::UnknownUnit)?,
        None => Unit::none(),
    };
    let amount = value
        .checked_mul(unit.scale)
        .ok_or(LiteralFault::Overflow)?;
    Ok((amount, unit.dim))
}

/// `x op y` on exact amounts (the units are the caller's: they follow from
/// the operands' dimensions). `op` is 加, 减, 乘 or 除.
///
/// # Errors
///
/// [`Fault::Overflow`], [`Fault::DivisionByZero`].
#[inline]
pub fn arithmetic(op: BinOp, x: Decimal, y: Decimal) -> Result<Decimal, Fault> {
    match op {
        BinOp::Add => x.checked_add(y).ok_or(Fault::Overflow),
        BinOp::Sub => x.checked_sub(y).ok_or(Fault::Overflow),
        BinOp::Mul => x.checked_mul(y).ok_or(Fault::Overflow),
        BinOp::Div | BinOp::And | BinOp::Or => {
            if y.is_zero() {
                return Err(Fault::DivisionByZero);
            }
            x.checked_div(y).ok_or(Fault::Overflow)
        }
    }
}

/// Whether two names on or for a roster are the same name. They compare
/// without spaces: the printed gazette pads two-character names (王 飞), and
/// a caseworker may copy them so; no Chinese name or unit name contains a
/// space. No allocation: the plan compares a record's texts so.
pub fn same_roster_name(a: &str, b: &str) -> bool {
    fn bare(s: &str) -> impl Iterator<Item = char> + '_ {
        s.chars().filter(|c| !c.is_whitespace())
    }
    bare(a).eq(bare(b))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::ast::CmpOp;

    /// Four cases: 0 overrides 2, 1 overrides 2, 3 overrides nothing.
    struct Matrix;
    impl Masking for Matrix {
        fn case_count(&self) -> usize {
            4
        }
        fn masks(&self, i: usize, j: usize) -> bool {
            matches!((i, j), (0, 2) | (1, 2))
        }
    }

    #[test]
    fn the_decide_loop_skips_masked_and_repeated_cases() {
        let none = std::iter::empty::<usize>;
        // Nothing fired: every case is asked.
        assert!(asks(&Matrix, None, 2, none(), || true));
        // Masked by a case that applied.
        assert!(!asks(&Matrix, None, 2, [0].into_iter(), || false));
        // Repeats the decided value and masks nothing: skipped; asked when
        // its value differs.
        assert!(!asks(&Matrix, None, 3, [1].into_iter(), || true));
        assert!(asks(&Matrix, None, 3, [1].into_iter(), || false));
        // Repeats, but would mask case 2 that nothing masks yet: asked.
        assert!(asks(&Matrix, None, 1, [2].into_iter(), || true));
        // Repeats and what it masks is masked already: skipped.
        assert!(!asks(&Matrix, None, 1, [0].into_iter(), || true));
        // Under 取大 every case counts.
        assert!(asks(
            &Matrix,
            Some(Combine::Largest),
            1,
            [0].into_iter(),
            || true
        ));
    }

    #[test]
    fn pick_keeps_the_first_of_equals() {
        let holds =
            |op: CmpOp, a: &(i32, char), b: &(i32, char)| op.holds(Some(a.0.cmp(&b.0)), a == b);
        let values = [(1, 'a'), (3, 'b'), (3, 'c'), (2, 'd')];
        assert_eq!(Combine::Largest.pick(values, holds), Some((3, 'b')));
        assert_eq!(Combine::Smallest.pick(values, holds), Some((1, 'a')));
        assert_eq!(Combine::Smallest.pick([], holds), None);
    }

    #[test]
    fn roster_names_ignore_spaces() {
        assert!(same_roster_name("王 飞", "王飞"));
        assert!(same_roster_name("王\u{3000}飞 ", " 王飞"));
        assert!(!same_roster_name("王飞", "王飞飞"));
        assert!(!same_roster_name("王飞", "王"));
    }

    #[test]
    fn amounts() {
        let two = Decimal::from(2);
        assert_eq!(
            arithmetic(BinOp::Div, two, Decimal::ZERO),
            Err(Fault::DivisionByZero)
        );
        assert_eq!(
            arithmetic(BinOp::Mul, Decimal::MAX, two),
            Err(Fault::Overflow)
        );
        assert_eq!(arithmetic(BinOp::Sub, two, two), Ok(Decimal::ZERO));
    }
}
