//! Expressions on a plan (`eval::arith`, node by node). Values come back as
//! plain [`CVal`]s, with `DEFER` for anything the generic evaluator would
//! report as an error: a `Result` would no longer fit two registers, and
//! the calls are the hot path. The rules themselves are the generic
//! evaluator's, called from their one home: amounts ([`rules::arithmetic`]),
//! 最大值/最小值 ([`crate::program::Combine`]), dates ([`crate::period`]).

use super::plan::{Node, NodeId, Plan, SameDim};
use super::run::{Defer, Read, Scratch};
use super::value::{CVal, View, compare};
use crate::ast::{BinOp, Func};
use crate::period::{self, DatePart, Shift};
use crate::rules;

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
                self.arithmetic(*op, a, b, *shift)
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

    /// `eval::arith::call`: every argument is evaluated first, in order;
    /// 最大值/最小值 keep the best so far as [`crate::program::Combine::pick`]
    /// does, without collecting the arguments.
    fn call(&self, s: &mut Scratch, func: Func, start: u32, len: u32) -> CVal {
        let extreme = rules::extreme(func);
        let mut first: Option<CVal> = None;
        let mut acc: Option<CVal> = None;
        for i in start..start + len {
            let Some(&arg) = self.args.get(i as usize) else {
                return CVal::DEFER;
            };
            let v = tri!(self.eval(s, arg));
            first.get_or_insert(v);
            acc = Some(match (acc, extreme) {
                (Some(a), Some(c)) if !compare(c.beats(), &v, &a) => a,
                (Some(a), None) => a,
                _ => v,
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

impl Plan {
    /// `eval::arith::arithmetic`.
    fn arithmetic(&self, op: BinOp, a: CVal, b: CVal, shift: Option<Shift>) -> CVal {
        match (a.view(), b.view()) {
            (View::Num(x), View::Num(y)) => {
                rules::arithmetic(op, x, y).map_or(CVal::DEFER, CVal::num)
            }
            (View::Date(d), View::Num(amount)) => {
                let moved = period::whole(amount)
                    .zip(shift)
                    .and_then(|(n, shift)| shift.apply(d, n, &self.calendar).ok());
                moved.map_or(CVal::DEFER, CVal::date)
            }
            (View::Date(x), View::Date(y)) if op == BinOp::Sub => {
                CVal::num(period::days_between(x, y))
            }
            _ => CVal::DEFER,
        }
    }
}

fn date_function(func: Func, arg: CVal) -> CVal {
    let View::Date(d) = arg.view() else {
        return CVal::DEFER;
    };
    match period::date_function(func, d) {
        Some(DatePart::Number(n)) => CVal::num(n),
        Some(DatePart::Date(d)) => CVal::date(d),
        None => CVal::DEFER,
    }
}
