//! Expressions to plan nodes. Each node points at its operands by index;
//! `且`/`或` chains become one node with their operands in order, and the
//! commonest condition, a fact compared with a constant, one node in itself.

use super::kinds::Kind;
use super::lower::Lowering;
use super::plan::{Node, NodeId, Refusal, SameDim, refuse};
use super::value::CVal;
use crate::ast::{BinOp, Expr, ExprKind, Func, SetExpr};
use crate::period::Shift;

impl Lowering<'_> {
    pub(super) fn lower(&mut self, expr: &Expr, unextended: bool) -> Result<NodeId, Refusal> {
        let node = match &expr.kind {
            ExprKind::Quantity { .. }
            | ExprKind::Bool(_)
            | ExprKind::Date(_)
            | ExprKind::Text(_) => match self.literal(expr) {
                Some((v, _)) => Node::Const(v),
                None => Node::Defer,
            },
            ExprKind::Name(n) => self.lower_name(n)?,
            ExprKind::Neg(inner) => Node::Neg(self.lower(inner, unextended)?),
            ExprKind::Not(inner) => Node::Not(self.lower(inner, unextended)?),
            ExprKind::Binary {
                op: op @ (BinOp::And | BinOp::Or),
                ..
            } => {
                let mut operands = Vec::new();
                flatten(expr, *op, &mut operands);
                let mut ids = Vec::new();
                for operand in operands {
                    ids.push(self.lower(operand, unextended)?);
                }
                let start = self.args.len() as u32;
                let len = ids.len() as u32;
                self.args.extend(ids);
                if *op == BinOp::And {
                    Node::All { start, len }
                } else {
                    Node::Any { start, len }
                }
            }
            ExprKind::Binary { op, lhs, rhs } => {
                // Fixed here, where the period's unit is known.
                let shift = match self.kind(rhs, unextended)? {
                    Kind::Num(dim) => Shift::of(*op, &dim, unextended),
                    _ => None,
                };
                Node::Arith {
                    op: *op,
                    lhs: self.lower(lhs, unextended)?,
                    rhs: self.lower(rhs, unextended)?,
                    shift,
                }
            }
            ExprKind::Compare { op, lhs, rhs, .. } => {
                let lhs = self.lower(lhs, unextended)?;
                let rhs = self.lower(rhs, unextended)?;
                match (self.nodes.get(lhs as usize), self.nodes.get(rhs as usize)) {
                    (Some(Node::Fact(slot)), Some(Node::Const(value))) => Node::FactCompare {
                        slot: *slot,
                        op: *op,
                        value: *value,
                    },
                    _ => Node::Compare { op: *op, lhs, rhs },
                }
            }
            ExprKind::In { lhs, set } => self.lower_in(lhs, set, unextended)?,
            ExprKind::Call { func, args } => {
                if let (Func::Unextended, [arg]) = (func, args.as_slice()) {
                    return self.lower(arg, true);
                }
                let mut ids = Vec::new();
                for a in args {
                    ids.push(self.lower(a, unextended)?);
                }
                let start = self.args.len() as u32;
                self.args.extend(ids);
                Node::Call {
                    func: *func,
                    start,
                    len: args.len() as u32,
                }
            }
            ExprKind::If {
                cond,
                then,
                otherwise,
            } => Node::If {
                cond: self.lower(cond, unextended)?,
                then: self.lower(then, unextended)?,
                otherwise: self.lower(otherwise, unextended)?,
            },
        };
        self.push(node)
    }

    pub(super) fn lower_name(&mut self, n: &str) -> Result<Node, Refusal> {
        if let Some(&i) = self.fact_index.get(n) {
            return Ok(Node::Fact(i));
        }
        if let Some(&i) = self.param_index.get(n) {
            return Ok(Node::Param(i));
        }
        if let Some(&d) = self.derived_index.get(n) {
            return Ok(Node::Derived(d));
        }
        Ok(Node::Const(CVal::enumeration(self.intern(n))))
    }

    pub(super) fn lower_in(
        &mut self,
        lhs: &Expr,
        set: &SetExpr,
        unextended: bool,
    ) -> Result<Node, Refusal> {
        let lhs_kind = self.kind(lhs, unextended)?;
        let lhs_id = self.lower(lhs, unextended)?;
        match set {
            SetExpr::Roster(name) => {
                let Some(&roster) = self.roster_index.get(name.node.as_str()) else {
                    return refuse(format!("名单「{}」未声明", name.node));
                };
                Ok(Node::InRoster {
                    lhs: lhs_id,
                    roster,
                })
            }
            SetExpr::Literal(items) => {
                let mut lowered = Vec::new();
                for item in items {
                    let same = match (&lhs_kind, self.kind(item, unextended)?) {
                        (Kind::Num(a), Kind::Num(b)) if *a == b => SameDim::Yes,
                        (Kind::Num(_), Kind::Num(_)) => SameDim::No,
                        (Kind::Unknown, _) | (_, Kind::Unknown) => SameDim::Unknown,
                        _ => SameDim::Yes,
                    };
                    lowered.push((self.lower(item, unextended)?, same));
                }
                let start = self.list.len() as u32;
                self.list.extend(lowered);
                Ok(Node::InList {
                    lhs: lhs_id,
                    start,
                    len: items.len() as u32,
                })
            }
        }
    }
}

// The operands of a chain of one logical operator, left to right:
/// `(a 且 b) 且 c` is `[a, b, c]`, evaluated in that order as the nested form is.
fn flatten<'e>(expr: &'e Expr, op: BinOp, out: &mut Vec<&'e Expr>) {
    match &expr.kind {
        ExprKind::Binary { op: o, lhs, rhs } if *o == op => {
            flatten(lhs, op, out);
            flatten(rhs, op, out);
        }
        _ => out.push(expr),
    }
}
