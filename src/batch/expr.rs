//! Expressions on a plan (`eval::arith`, node by node). Values come back as
//! plain [`CVal`]s, with `DEFER` for anything the generic evaluator would
//! report as an error: a `Result` would no longer fit two registers, and
//! the calls are the hot path.

use super::plan::{Node, NodeId, Plan, SameDim, Shift};
use super::run::{Defer, Read, Scratch};
use super::value::{CVal, View, compare};
use crate::ast::{BinOp, CmpOp, Func};
use crate::calendar::Calendar;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Propagates `DEFER` out of a function that returns a `CVal`.
macro_rules! tri {
    ($e:expr) => {{
        let v: CVal = $e;
        if v.is_defer() {
            return CVal::DEFER;
        }
        v
    }};
}

impl Plan {
    pub(super) fn truth(&self, s: &mut Scratch, node: NodeId) -> Result<bool, Defer> {
        // A boolean fact, the commonest operand, without the general call.
        if let Some(Node::Fact(slot)) = self.nodes.get(node as usize)
            && let Some(b) = s.facts.get(*slot as usize).and_then(|v| v.as_bool())
        {
            return Ok(b);
        }
        self.eval(s, node).as_bool().ok_or(Defer)
    }

    pub(super) fn eval(&self, s: &mut Scratch, id: NodeId) -> CVal {
        let Some(node) = self.nodes.get(id as usize) else {
            return CVal::DEFER;
        };
        match node {
            Node::Const(v) => *v,
            Node::Defer => CVal::DEFER,
            Node::Fact(slot) => match s.facts.get(*slot as usize) {
                Some(v) if !v.is_missing() => *v,
                _ => CVal::DEFER,
            },
            Node::Param(p) => self.param_value(s, *p),
            Node::Derived(d) => {
                self.note_read(s, Read::Derived(*d));
                if self.derived(s, *d).is_err() {
                    return CVal::DEFER;
                }
                match s.decided.get(*d as usize) {
                    Some(x) if !x.value.is_missing() && !x.value.is_not_applicable() => x.value,
                    _ => CVal::DEFER,
                }
            }
            Node::Neg(inner) => match tri!(self.eval(s, *inner)).as_num() {
                Some(x) => CVal::num(-x),
                None => CVal::DEFER,
            },
            Node::Not(inner) => match self.truth(s, *inner) {
                Ok(b) => CVal::bool(!b),
                Err(Defer) => CVal::DEFER,
            },
            Node::All { start, len } => {
                for i in *start..*start + *len {
                    let Some(&operand) = self.args.get(i as usize) else {
                        return CVal::DEFER;
                    };
                    match self.truth(s, operand) {
                        Ok(true) => {}
                        Ok(false) => return CVal::bool(false),
                        Err(Defer) => return CVal::DEFER,
                    }
                }
                CVal::bool(true)
            }
            Node::Any { start, len } => {
                for i in *start..*start + *len {
                    let Some(&operand) = self.args.get(i as usize) else {
                        return CVal::DEFER;
                    };
                    match self.truth(s, operand) {
                        Ok(false) => {}
                        Ok(true) => return CVal::bool(true),
                        Err(Defer) => return CVal::DEFER,
                    }
                }
                CVal::bool(false)
            }
            Node::FactCompare { slot, op, value } => match s.facts.get(*slot as usize) {
                Some(a) if !a.is_missing() => CVal::bool(compare(*op, a, value)),
                _ => CVal::DEFER,
            },
            Node::Arith {
                op,
                lhs,
                rhs,
                shift,
            } => {
                let a = tri!(self.eval(s, *lhs));
                let b = tri!(self.eval(s, *rhs));
                arithmetic(*op, a, b, *shift)
            }
            Node::Compare { op, lhs, rhs } => {
                let a = tri!(self.eval(s, *lhs));
                let b = tri!(self.eval(s, *rhs));
                CVal::bool(compare(*op, &a, &b))
            }
            Node::InList { lhs, start, len } => {
                let a = tri!(self.eval(s, *lhs));
                for i in *start..*start + *len {
                    let Some(&(item, same)) = self.list.get(i as usize) else {
                        return CVal::DEFER;
                    };
                    let v = tri!(self.eval(s, item));
                    let equal = match (v.as_num(), a.as_num(), same) {
                        (Some(_), Some(_), SameDim::Unknown) => return CVal::DEFER,
                        (Some(x), Some(y), SameDim::Yes) => x == y,
                        (Some(_), Some(_), SameDim::No) => false,
                        _ => v == a,
                    };
                    if equal {
                        return CVal::bool(true);
                    }
                }
                CVal::bool(false)
            }
            Node::InRoster { lhs, roster } => {
                let a = tri!(self.eval(s, *lhs));
                self.note_read(s, Read::Roster(*roster));
                let member = match a.view() {
                    View::Text(id) | View::Enum(id) => self
                        .roster_members
                        .get(*roster as usize)
                        .and_then(|m| m.get(id as usize))
                        .copied()
                        .unwrap_or(false),
                    View::InputText(i) => s
                        .texts
                        .get(i)
                        .is_some_and(|(_, on)| on & (1u64 << (*roster % 64)) != 0),
                    _ => false,
                };
                CVal::bool(member)
            }
            Node::Call { func, start, len } => self.call(s, *func, *start, *len),
            Node::If {
                cond,
                then,
                otherwise,
            } => match self.truth(s, *cond) {
                Ok(true) => self.eval(s, *then),
                Ok(false) => self.eval(s, *otherwise),
                Err(Defer) => CVal::DEFER,
            },
        }
    }

    /// `eval::arith::call`: every argument is evaluated first, in order.
    fn call(&self, s: &mut Scratch, func: Func, start: u32, len: u32) -> CVal {
        let mut first: Option<CVal> = None;
        let mut acc: Option<CVal> = None;
        for i in start..start + len {
            let Some(&arg) = self.args.get(i as usize) else {
                return CVal::DEFER;
            };
            let v = tri!(self.eval(s, arg));
            first.get_or_insert(v);
            acc = Some(match (acc, func) {
                (None, _) => v,
                (Some(a), Func::Min) if compare(CmpOp::Lt, &v, &a) => v,
                (Some(a), Func::Max) if compare(CmpOp::Gt, &v, &a) => v,
                (Some(a), _) => a,
            });
        }
        let (Some(first), Some(acc)) = (first, acc) else {
            return CVal::DEFER;
        };
        match func {
            Func::Min | Func::Max => acc,
            Func::Abs => match first.as_num() {
                Some(x) => CVal::num(x.abs()),
                None => first,
            },
            Func::Unextended => CVal::DEFER,
            Func::YearOf | Func::MonthOf | Func::MonthEnd | Func::QuarterEnd | Func::YearEnd => {
                date_function(func, first)
            }
        }
    }
}

/// `eval::arith::arithmetic`.
fn arithmetic(op: BinOp, a: CVal, b: CVal, shift: Shift) -> CVal {
    match (a.view(), b.view()) {
        (View::Num(x), View::Num(y)) => {
            let r = match op {
                BinOp::Add => x.checked_add(y),
                BinOp::Sub => x.checked_sub(y),
                BinOp::Mul => x.checked_mul(y),
                _ => {
                    if y.is_zero() {
                        return CVal::DEFER;
                    }
                    x.checked_div(y)
                }
            };
            r.map_or(CVal::DEFER, CVal::num)
        }
        (View::Date(d), View::Num(amount)) => {
            shift_date(d, amount, shift).map_or(CVal::DEFER, CVal::date)
        }
        (View::Date(x), View::Date(y)) if op == BinOp::Sub => {
            CVal::num(Decimal::from((x - y).num_days()))
        }
        _ => CVal::DEFER,
    }
}

fn shift_date(date: NaiveDate, amount: Decimal, shift: Shift) -> Result<NaiveDate, Defer> {
    let n = whole(amount).ok_or(Defer)?;
    let cal = Calendar::china().map_err(|_| Defer)?;
    let result = match shift {
        Shift::AddWorkDays => cal.add_working_days(date, n),
        Shift::AddDaysRaw => cal.add_days_raw(date, n),
        Shift::AddMonthsRaw => cal.add_months_raw(date, n),
        Shift::AddDays => cal.add_days(date, n),
        Shift::AddMonths => cal.add_months(date, n),
        Shift::SubMonthsRaw => cal.sub_months_raw(date, n),
        Shift::SubDays => {
            let d = date
                .checked_sub_days(chrono::Days::new(u64::from(n)))
                .ok_or(Defer)?;
            cal.is_working_day(d).map(|_| d)
        }
        Shift::Invalid | Shift::Unknown => return Err(Defer),
    };
    result.map_err(|_| Defer)
}

fn whole(amount: Decimal) -> Option<u32> {
    if amount.fract().is_zero() && amount >= Decimal::ZERO {
        u32::try_from(amount.mantissa() / 10i128.checked_pow(amount.scale())?).ok()
    } else {
        None
    }
}

fn date_function(func: Func, arg: CVal) -> CVal {
    use chrono::Datelike;
    let View::Date(d) = arg.view() else {
        return CVal::DEFER;
    };
    let date = match func {
        Func::YearOf => return CVal::num(Decimal::from(d.year())),
        Func::MonthOf => return CVal::num(Decimal::from(d.month())),
        Func::MonthEnd => crate::calendar::month_end(d),
        Func::QuarterEnd => crate::calendar::quarter_end(d),
        _ => crate::calendar::year_end(d),
    };
    date.map_or(CVal::DEFER, CVal::date)
}
