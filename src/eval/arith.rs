//! Expressions: arithmetic on exact decimals, comparisons, functions, and
//! period arithmetic on dates by 民法典 第二百零一条至第二百零四条.

use super::{Arithmetic, EvalError, Evaluator, Value};
use crate::ast::{BinOp, CmpOp, Expr, ExprKind, Func, SetExpr};
use crate::period::{self, DatePart, Shift, ShiftError};
use crate::program::Combine;
use crate::rules::{self, Fault, LiteralFault};
use crate::units::{BaseDim, Dim};
use chrono::NaiveDate;
use rust_decimal::Decimal;

impl Evaluator<'_> {
    pub(super) fn truth(&mut self, expr: &Expr) -> Result<bool, EvalError> {
        match self.expr(expr)? {
            Value::Bool(b) => Ok(b),
            other => Err(self.arith(Arithmetic::NotBoolean {
                value: other.to_string(),
            })),
        }
    }

    pub(super) fn arith(&self, problem: Arithmetic) -> EvalError {
        EvalError::Arithmetic {
            problem,
            clause: self.clause,
        }
    }

    pub(super) fn note_read(&mut self, name: &str) {
        if let Some(top) = self.reads.last_mut()
            && !top.iter().any(|n| n == name)
        {
            top.push(name.to_string());
        }
    }

    pub(super) fn expr(&mut self, expr: &Expr) -> Result<Value, EvalError> {
        match &expr.kind {
            ExprKind::Quantity { value, unit, .. } => {
                match rules::quantity(*value, unit.as_ref()) {
                    Ok((amount, dim)) => Ok(Value::num(amount, dim)),
                    Err(LiteralFault::UnknownUnit(unit)) => {
                        Err(self.arith(Arithmetic::UnknownUnit { unit }))
                    }
                    Err(_) => Err(self.arith(Arithmetic::NumberOverflow)),
                }
            }
            ExprKind::Date(d) => Ok(Value::Date(*d)),
            ExprKind::Text(s) => Ok(Value::Text(s.clone())),
            ExprKind::Bool(b) => Ok(Value::Bool(*b)),
            ExprKind::Name(name) => self.name(name),
            ExprKind::Neg(inner) => match self.expr(inner)? {
                Value::Num { amount, dim } => Ok(Value::num(-amount, dim)),
                other => Err(self.arith(Arithmetic::CannotNegate {
                    value: other.to_string(),
                })),
            },
            ExprKind::Not(inner) => Ok(Value::Bool(!self.truth(inner)?)),
            ExprKind::Binary {
                op: BinOp::And,
                lhs,
                rhs,
            } => Ok(Value::Bool(self.truth(lhs)? && self.truth(rhs)?)),
            ExprKind::Binary {
                op: BinOp::Or,
                lhs,
                rhs,
            } => Ok(Value::Bool(self.truth(lhs)? || self.truth(rhs)?)),
            ExprKind::Binary { op, lhs, rhs } => {
                let a = self.expr(lhs)?;
                let b = self.expr(rhs)?;
                self.arithmetic(*op, a, b)
            }
            ExprKind::Compare { op, lhs, rhs, .. } => {
                let a = self.expr(lhs)?;
                let b = self.expr(rhs)?;
                Ok(Value::Bool(compare(*op, &a, &b)))
            }
            ExprKind::In { lhs, set } => {
                let a = self.expr(lhs)?;
                match set {
                    SetExpr::Literal(items) => {
                        for item in items {
                            if self.expr(item)? == a {
                                return Ok(Value::Bool(true));
                            }
                        }
                        Ok(Value::Bool(false))
                    }
                    SetExpr::Roster(name) => {
                        self.note_read(&name.node);
                        let members = self.program.rosters.get(&name.node).map(|r| &r.members);
                        let (Value::Text(s) | Value::Enum(s)) = &a else {
                            return Ok(Value::Bool(false));
                        };
                        Ok(Value::Bool(members.is_some_and(|m| {
                            m.iter().any(|member| rules::same_roster_name(member, s))
                        })))
                    }
                }
            }
            ExprKind::Call { func, args } => self.call(*func, args),
            ExprKind::If {
                cond,
                then,
                otherwise,
            } => {
                if self.truth(cond)? {
                    self.expr(then)
                } else {
                    self.expr(otherwise)
                }
            }
        }
    }

    pub(super) fn name(&mut self, name: &str) -> Result<Value, EvalError> {
        if self.program.facts.contains_key(name) {
            self.note_read(name);
            return self.fact(name);
        }
        if self.program.params.contains_key(name) {
            self.note_read(name);
            return self.param(name);
        }
        if self.program.derived.contains_key(name) {
            self.note_read(name);
            // A rule's value is its own: 不顺延(期满日 + 1日) must not stop
            // 期满日 itself from being extended, nor cache it unextended.
            let saved = std::mem::replace(&mut self.unextended, false);
            let d = self.derived(name);
            self.unextended = saved;
            let d = d?;
            return d.value.ok_or_else(|| EvalError::NoRule {
                name: name.to_string(),
                clause: self.clause,
            });
        }
        // Not declared: a value of an enumeration (the checker made sure).
        Ok(Value::Enum(name.to_string()))
    }

    pub(super) fn call(&mut self, func: Func, args: &[Expr]) -> Result<Value, EvalError> {
        if let (Func::Unextended, [arg]) = (func, args) {
            let saved = std::mem::replace(&mut self.unextended, true);
            let result = self.expr(arg);
            self.unextended = saved;
            return result;
        }
        let mut values = Vec::with_capacity(args.len());
        for a in args {
            values.push(self.expr(a)?);
        }
        let Some(first) = values.first() else {
            return Err(self.arith(Arithmetic::FunctionWithoutArguments));
        };
        if period::is_date_function(func) {
            return self.date_function(func, args);
        }
        if func == Func::Unextended {
            return Err(self.arith(Arithmetic::UnextendedArgument));
        }
        if func == Func::Abs {
            if let Value::Num { amount, dim } = first {
                return Ok(Value::num(amount.abs(), dim.clone()));
            }
            return Ok(first.clone());
        }
        let combine = rules::extreme(func).unwrap_or(Combine::Largest);
        let best = combine.pick(values, compare);
        Ok(best.unwrap_or(Value::Bool(false)))
    }

    pub(super) fn date_function(&mut self, func: Func, args: &[Expr]) -> Result<Value, EvalError> {
        let Some(arg) = args.first() else {
            return Err(self.arith(Arithmetic::DateFunctionWithoutArgument));
        };
        let Value::Date(d) = self.expr(arg)? else {
            return Err(self.arith(Arithmetic::DateFunctionNotDate));
        };
        match period::date_function(func, d) {
            Some(DatePart::Number(n)) => Ok(Value::num(n, Dim::none())),
            Some(DatePart::Date(d)) => Ok(Value::Date(d)),
            None => Err(self.arith(Arithmetic::DateOutOfRange)),
        }
    }

    pub(super) fn arithmetic(&self, op: BinOp, a: Value, b: Value) -> Result<Value, EvalError> {
        match (a, b) {
            (Value::Num { amount: x, dim: dx }, Value::Num { amount: y, dim: dy }) => {
                let dim = match op {
                    BinOp::Add | BinOp::Sub => dx,
                    BinOp::Mul => dx.mul(&dy),
                    _ => dx.div(&dy),
                };
                match rules::arithmetic(op, x, y) {
                    Ok(amount) => Ok(Value::num(amount, dim)),
                    Err(Fault::DivisionByZero) => Err(self.arith(Arithmetic::DivisionByZero)),
                    Err(_) => Err(self.arith(Arithmetic::Overflow)),
                }
            }
            (Value::Date(d), Value::Num { amount, dim }) => self.shift_date(d, op, amount, &dim),
            (Value::Date(a), Value::Date(b)) if op == BinOp::Sub => Ok(Value::num(
                period::days_between(a, b),
                Dim::of(BaseDim::Day),
            )),
            (a, b) => Err(self.arith(Arithmetic::CannotCombine {
                left: a.to_string(),
                right: b.to_string(),
            })),
        }
    }

    /// Period arithmetic by 民法典 第二百零一条至第二百零四条 ([`period`]):
    /// the start day is not counted; a period in days or months that ends on
    /// a rest day ends on the next working day; a period in 工作日 counts
    /// working days only.
    pub(super) fn shift_date(
        &self,
        date: NaiveDate,
        op: BinOp,
        amount: Decimal,
        dim: &Dim,
    ) -> Result<Value, EvalError> {
        let n = period::whole(amount)
            .ok_or_else(|| self.arith(Arithmetic::PeriodNotWhole { amount }))?;
        let Some(shift) = Shift::of(op, dim, self.unextended) else {
            return Err(self.arith(Arithmetic::DateShift { dim: dim.clone() }));
        };
        match shift.apply(date, n, self.calendar) {
            Ok(moved) => Ok(Value::Date(moved)),
            Err(ShiftError::Calendar(error)) => Err(EvalError::Calendar {
                error,
                clause: self.clause,
            }),
            Err(ShiftError::OutOfRange) => Err(self.arith(Arithmetic::DateOutOfRange)),
        }
    }
}

pub(super) fn compare(op: CmpOp, a: &Value, b: &Value) -> bool {
    let ordering = match (a, b) {
        (Value::Num { amount: x, .. }, Value::Num { amount: y, .. }) => Some(x.cmp(y)),
        (Value::Date(x), Value::Date(y)) => Some(x.cmp(y)),
        _ => None,
    };
    op.holds(ordering, a == b)
}
