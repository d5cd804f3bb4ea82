//! Expressions: arithmetic on exact decimals, comparisons, functions, and
//! period arithmetic on dates by 民法典 第二百零一条至第二百零四条.

use super::{Arithmetic, EvalError, Evaluator, Value};
use crate::ast::{BinOp, CmpOp, Expr, ExprKind, Func, SetExpr};
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
            ExprKind::Quantity { value, unit } => {
                let unit = match unit {
                    Some(u) => crate::units::resolve(u)
                        .map_err(|p| self.arith(Arithmetic::UnknownUnit { unit: p }))?,
                    None => crate::units::Unit::none(),
                };
                let amount = value
                    .checked_mul(unit.scale)
                    .ok_or_else(|| self.arith(Arithmetic::NumberOverflow))?;
                Ok(Value::num(amount, unit.dim))
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
                        // Names compare without spaces: the printed gazette pads
                        // two-character names (王 飞), and a caseworker may copy
                        // them so; no Chinese name or unit name contains a space.
                        let wanted = without_spaces(s);
                        Ok(Value::Bool(members.is_some_and(|m| {
                            m.iter().any(|member| without_spaces(member) == wanted)
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
        let mut iter = values.into_iter();
        let Some(mut acc) = iter.next() else {
            return Err(self.arith(Arithmetic::FunctionWithoutArguments));
        };
        if matches!(
            func,
            Func::MonthEnd | Func::QuarterEnd | Func::YearEnd | Func::YearOf | Func::MonthOf
        ) {
            return self.date_function(func, args);
        }
        if func == Func::Unextended {
            return Err(self.arith(Arithmetic::UnextendedArgument));
        }
        if func == Func::Abs {
            if let Value::Num { amount, dim } = acc {
                return Ok(Value::num(amount.abs(), dim));
            }
            return Ok(acc);
        }
        for v in iter {
            let take = match func {
                Func::Min => compare(CmpOp::Lt, &v, &acc),
                _ => compare(CmpOp::Gt, &v, &acc),
            };
            if take {
                acc = v;
            }
        }
        Ok(acc)
    }

    pub(super) fn date_function(&mut self, func: Func, args: &[Expr]) -> Result<Value, EvalError> {
        use chrono::Datelike;
        let Some(arg) = args.first() else {
            return Err(self.arith(Arithmetic::DateFunctionWithoutArgument));
        };
        let Value::Date(d) = self.expr(arg)? else {
            return Err(self.arith(Arithmetic::DateFunctionNotDate));
        };
        let date = match func {
            Func::YearOf => return Ok(Value::num(Decimal::from(d.year()), Dim::none())),
            Func::MonthOf => return Ok(Value::num(Decimal::from(d.month()), Dim::none())),
            Func::MonthEnd => crate::calendar::month_end(d),
            Func::QuarterEnd => crate::calendar::quarter_end(d),
            _ => crate::calendar::year_end(d),
        };
        date.map(Value::Date)
            .ok_or_else(|| self.arith(Arithmetic::DateOutOfRange))
    }

    pub(super) fn arithmetic(&self, op: BinOp, a: Value, b: Value) -> Result<Value, EvalError> {
        let overflow = || self.arith(Arithmetic::Overflow);
        match (a, b) {
            (Value::Num { amount: x, dim: dx }, Value::Num { amount: y, dim: dy }) => match op {
                BinOp::Add => Ok(Value::num(x.checked_add(y).ok_or_else(overflow)?, dx)),
                BinOp::Sub => Ok(Value::num(x.checked_sub(y).ok_or_else(overflow)?, dx)),
                BinOp::Mul => Ok(Value::num(
                    x.checked_mul(y).ok_or_else(overflow)?,
                    dx.mul(&dy),
                )),
                _ => {
                    if y.is_zero() {
                        return Err(self.arith(Arithmetic::DivisionByZero));
                    }
                    Ok(Value::num(
                        x.checked_div(y).ok_or_else(overflow)?,
                        dx.div(&dy),
                    ))
                }
            },
            (Value::Date(d), Value::Num { amount, dim }) => self.shift_date(d, op, amount, &dim),
            (Value::Date(a), Value::Date(b)) if op == BinOp::Sub => Ok(Value::num(
                Decimal::from((a - b).num_days()),
                Dim::of(BaseDim::Day),
            )),
            (a, b) => Err(self.arith(Arithmetic::CannotCombine {
                left: a.to_string(),
                right: b.to_string(),
            })),
        }
    }

    /// Period arithmetic by 民法典 第二百零一条至第二百零四条: the start day is
    /// not counted; a period in days or months that ends on a rest day ends
    /// on the next working day; a period in 工作日 counts working days only.
    pub(super) fn shift_date(
        &self,
        date: NaiveDate,
        op: BinOp,
        amount: Decimal,
        dim: &Dim,
    ) -> Result<Value, EvalError> {
        let n = whole(amount).ok_or_else(|| self.arith(Arithmetic::PeriodNotWhole { amount }))?;
        let cal = self.calendar;
        let err = |error: crate::calendar::CalendarError| EvalError::Calendar {
            error,
            clause: self.clause,
        };
        let result = match (op, dim.simple()) {
            (BinOp::Add, Some(BaseDim::WorkDay)) => cal.add_working_days(date, n).map_err(err)?,
            (BinOp::Add, Some(BaseDim::Day)) if self.unextended => {
                cal.add_days_raw(date, n).map_err(err)?
            }
            (BinOp::Add, Some(BaseDim::Month)) if self.unextended => {
                cal.add_months_raw(date, n).map_err(err)?
            }
            (BinOp::Add, Some(BaseDim::Day)) => cal.add_days(date, n).map_err(err)?,
            (BinOp::Add, Some(BaseDim::Month)) => cal.add_months(date, n).map_err(err)?,
            (BinOp::Sub, Some(BaseDim::Month)) => cal.sub_months_raw(date, n).map_err(err)?,
            (BinOp::Sub, Some(BaseDim::Day)) => {
                let d = date
                    .checked_sub_days(chrono::Days::new(u64::from(n)))
                    .ok_or_else(|| self.arith(Arithmetic::DateOutOfRange))?;
                // Same range as every other period: no guessing outside the data.
                cal.is_working_day(d).map_err(err)?;
                d
            }
            _ => {
                return Err(self.arith(Arithmetic::DateShift { dim: dim.clone() }));
            }
        };
        Ok(Value::Date(result))
    }
}

fn whole(amount: Decimal) -> Option<u32> {
    if amount.fract().is_zero() && amount >= Decimal::ZERO {
        u32::try_from(amount.mantissa() / 10i128.pow(amount.scale())).ok()
    } else {
        None
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

/// A name with every space (ASCII, full-width, tab) removed.
fn without_spaces(name: &str) -> String {
    name.chars().filter(|c| !c.is_whitespace()).collect()
}
