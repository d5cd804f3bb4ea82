//! The operators' types: arithmetic (元 + 亩 is an error, 元/人/月 × 人 is
//! 元/月, a date plus a period is a date), comparisons (the legal words
//! 以上, 不满 … compare numbers of one dimension or dates) and membership
//! (属于 a set of values, or a roster).

use super::{Cx, T};
use crate::ast::{BinOp, CmpOp, Expr, SetExpr};
use crate::check::error::{CheckError, CheckErrorKind, Combination, Context, Expected};
use crate::units::{BaseDim, Dim};

impl Cx<'_> {
    pub(super) fn binary(&mut self, op: BinOp, lhs: &Expr, rhs: &Expr, whole: &Expr) -> T {
        let a = self.infer(lhs);
        let b = self.infer(rhs);
        if matches!(op, BinOp::And | BinOp::Or) {
            self.expect(&T::Bool, &a, lhs, Context::Operands(op));
            self.expect(&T::Bool, &b, rhs, Context::Operands(op));
            return T::Bool;
        }
        if matches!(a, T::Error) || matches!(b, T::Error) {
            return T::Error;
        }
        for (t, e) in [(&a, lhs), (&b, rhs)] {
            if let T::Variant(v) = t {
                self.checker.unknown_name(v, e.span, self.clause);
                return T::Error;
            }
        }
        match (op, &a, &b) {
            (BinOp::Add | BinOp::Sub, T::Num(x), T::Num(y)) => {
                if x == y {
                    T::Num(x.clone())
                } else {
                    self.push(CheckError::new(
                        CheckErrorKind::UnitMismatch {
                            left: x.clone(),
                            right: y.clone(),
                            combination: Combination::Arithmetic(op),
                        },
                        whole.span,
                        self.clause,
                    ));
                    T::Error
                }
            }
            (BinOp::Add | BinOp::Sub, T::Date, T::Num(d)) => match d.simple() {
                Some(BaseDim::Day | BaseDim::Month) => T::Date,
                Some(BaseDim::WorkDay) if op == BinOp::Add => T::Date,
                // Counting working days backwards has no statutory rule.
                Some(BaseDim::WorkDay) => {
                    self.mismatch(Expected::PeriodBackwards, &b, rhs, Context::DateMinusPeriod);
                    T::Error
                }
                _ => {
                    self.mismatch(Expected::Period, &b, rhs, Context::DateShift);
                    T::Error
                }
            },
            (BinOp::Sub, T::Date, T::Date) => T::Num(Dim::of(BaseDim::Day)),
            (BinOp::Mul, T::Num(x), T::Num(y)) => T::Num(x.mul(y)),
            (BinOp::Div, T::Num(x), T::Num(y)) => T::Num(x.div(y)),
            _ => {
                let bad = if matches!(a, T::Num(_)) {
                    (&b, rhs)
                } else {
                    (&a, lhs)
                };
                self.mismatch(Expected::Quantity, bad.0, bad.1, Context::Operands(op));
                T::Error
            }
        }
    }

    pub(super) fn compare(&mut self, op: CmpOp, word: &str, lhs: &Expr, rhs: &Expr) -> T {
        let a = self.infer(lhs);
        let b = self.infer(rhs);
        let ordered = !matches!(op, CmpOp::Eq | CmpOp::Ne);
        match (&a, &b) {
            (T::Error, _) | (_, T::Error) => {}
            (T::Num(x), T::Num(y)) if x != y => self.push(CheckError::new(
                CheckErrorKind::UnitMismatch {
                    left: x.clone(),
                    right: y.clone(),
                    combination: Combination::Comparison {
                        op,
                        word: word.to_string(),
                    },
                },
                rhs.span,
                self.clause,
            )),
            (T::Num(_), T::Num(_)) | (T::Date, T::Date) => {}
            (T::Enum(v), T::Variant(x)) | (T::Variant(x), T::Enum(v)) if !ordered => {
                let e = if matches!(a, T::Variant(_)) { lhs } else { rhs };
                let v = v.clone();
                self.variant(&v, x, e);
            }
            (x, y) if !ordered && x == y && !matches!(x, T::Variant(_)) => {}
            _ => {
                let (bad, e) = if matches!(a, T::Num(_) | T::Date) {
                    (&b, rhs)
                } else {
                    (&a, lhs)
                };
                let want = if ordered {
                    Expected::Ordered
                } else {
                    Expected::SameAsOtherSide
                };
                if let T::Variant(v) = bad {
                    self.checker.unknown_name(v, e.span, self.clause);
                } else {
                    self.mismatch(
                        want,
                        bad,
                        e,
                        Context::Comparison {
                            op,
                            word: word.to_string(),
                        },
                    );
                }
            }
        }
        T::Bool
    }

    pub(super) fn membership(&mut self, lhs: &Expr, set: &SetExpr) -> T {
        let a = self.infer(lhs);
        // The left side must name something; an undeclared word there is a
        // typo, whatever the set holds.
        if let T::Variant(v) = &a {
            self.checker.unknown_name(v, lhs.span, self.clause);
            return T::Bool;
        }
        match set {
            SetExpr::Literal(items) => {
                for item in items {
                    let t = self.infer(item);
                    match (&a, &t) {
                        (T::Enum(v), T::Variant(x)) => {
                            let v = v.clone();
                            self.variant(&v, x, item);
                        }
                        _ => self.expect(&a, &t, item, Context::SetMember),
                    }
                }
            }
            SetExpr::Roster(name) => {
                if self.checker.program.rosters.contains_key(&name.node) {
                    self.checker.used.insert(name.node.clone());
                    self.expect(&T::Text, &a, lhs, Context::RosterMember);
                } else {
                    self.checker
                        .unknown_name(&name.node, name.span, self.clause);
                }
            }
        }
        T::Bool
    }
}
