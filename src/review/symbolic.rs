//! Conditions as regions of the input space. Comparisons of a fact with a
//! constant, membership, 且/或/非 and derived booleans or enumerations are
//! translated exactly; anything else (arithmetic between facts, a computed
//! amount compared with a constant) becomes "unknown", and the region is
//! marked inexact, so that findings built on it are confirmed by
//! evaluation before they are reported.

use super::domain::{Const, Domain, Rep, compare, constant};
use super::region::Region;
use crate::ast::{BinOp, CmpOp, Expr, ExprKind, SetExpr};
use crate::program::{CaseInfo, Program};
use std::collections::HashMap;

/// Deepest chain of derived values followed.
const MAX_DEPTH: usize = 24;

pub struct Symbolic<'a> {
    pub program: &'a Program,
    pub domain: &'a Domain,
    memo: HashMap<(String, String), Region>,
    depth: usize,
}

impl<'a> Symbolic<'a> {
    pub fn new(program: &'a Program, domain: &'a Domain) -> Self {
        Symbolic {
            program,
            domain,
            memo: HashMap::new(),
            depth: 0,
        }
    }

    fn sizes(&self) -> impl Fn(usize) -> usize + '_ {
        |v| self.domain.size(v)
    }

    pub fn not(&self, r: &Region) -> Region {
        r.not(&self.sizes())
    }

    /// Where a case's condition holds (everywhere when it has none).
    pub fn condition(&mut self, case: &CaseInfo) -> Region {
        match &case.condition {
            Some(c) => self.holds(c),
            None => Region::everything(),
        }
    }

    /// Where `cases[index]` is the case that decides (if it applies): its
    /// condition, less the conditions of the cases that override it.
    /// `conds[i]` is the condition region of `cases[i]`, computed once.
    pub fn decides(&self, cases: &[CaseInfo], conds: &[Region], index: usize) -> Region {
        let (Some(case), Some(own)) = (cases.get(index), conds.get(index)) else {
            return Region::nothing();
        };
        let mut region = own.clone();
        for (other, theirs) in cases
            .iter()
            .zip(conds)
            .filter(|(o, _)| !std::ptr::eq(*o, case))
        {
            if other.overrides_case(case) {
                region = region.and(&self.not(theirs));
            }
        }
        region
    }

    /// Where a boolean expression is true.
    pub fn holds(&mut self, expr: &Expr) -> Region {
        match &expr.kind {
            ExprKind::Bool(true) => Region::everything(),
            ExprKind::Bool(false) => Region::nothing(),
            ExprKind::Name(n) => self.name_is(n, &Const::Bool(true)),
            ExprKind::Not(inner) => {
                let r = self.holds(inner);
                self.not(&r)
            }
            ExprKind::Binary {
                op: BinOp::And,
                lhs,
                rhs,
            } => {
                let l = self.holds(lhs);
                if l.is_empty() {
                    return l;
                }
                l.and(&self.holds(rhs))
            }
            ExprKind::Binary {
                op: BinOp::Or,
                lhs,
                rhs,
            } => self.holds(lhs).or(self.holds(rhs)),
            ExprKind::Compare { op, lhs, rhs, .. } => self.compare(*op, lhs, rhs),
            ExprKind::In { lhs, set } => self.member(lhs, set),
            ExprKind::If {
                cond,
                then,
                otherwise,
            } => {
                let c = self.holds(cond);
                let not_c = self.not(&c);
                c.and(&self.holds(then))
                    .or(not_c.and(&self.holds(otherwise)))
            }
            _ => Region::unknown(),
        }
    }

    fn compare(&mut self, op: CmpOp, lhs: &Expr, rhs: &Expr) -> Region {
        if let (ExprKind::Name(n), Some(c)) = (&lhs.kind, constant(rhs, self.program)) {
            return self.name_cmp(n, op, &c);
        }
        if let (Some(c), ExprKind::Name(n)) = (constant(lhs, self.program), &rhs.kind) {
            return self.name_cmp(n, flip(op), &c);
        }
        Region::unknown()
    }

    fn name_cmp(&mut self, name: &str, op: CmpOp, c: &Const) -> Region {
        if let Some(var) = self.domain.index.get(name).copied() {
            let c = self.domain.in_fact_units(var, c);
            let slabs = self
                .domain
                .slabs_where(var, |rep| compare(rep, op, &c).unwrap_or(false));
            return Region::atom(var, slabs);
        }
        match op {
            CmpOp::Eq => self.name_is(name, c),
            CmpOp::Ne => {
                let r = self.name_is(name, c);
                self.not(&r)
            }
            _ => Region::unknown(),
        }
    }

    fn member(&mut self, lhs: &Expr, set: &SetExpr) -> Region {
        let ExprKind::Name(name) = &lhs.kind else {
            return Region::unknown();
        };
        let items: Vec<Const> = match set {
            SetExpr::Literal(items) => {
                let consts: Vec<Const> = items
                    .iter()
                    .filter_map(|i| constant(i, self.program))
                    .collect();
                if consts.len() != items.len() {
                    return Region::unknown();
                }
                consts
            }
            SetExpr::Roster(r) => match self.program.rosters.get(&r.node) {
                Some(roster) => roster.members.iter().cloned().map(Const::Text).collect(),
                None => return Region::unknown(),
            },
        };
        let mut region = Region::nothing();
        for item in &items {
            region = region.or(self.name_cmp(name, CmpOp::Eq, item));
        }
        region
    }

    /// Where `name` (a fact or a derived boolean/enumeration) equals `value`.
    fn name_is(&mut self, name: &str, value: &Const) -> Region {
        if let Some(var) = self.domain.index.get(name).copied() {
            let value = self.domain.in_fact_units(var, value);
            let slabs = self.domain.slabs_where(var, |rep| rep_is(rep, &value));
            return Region::atom(var, slabs);
        }
        if self.program.derived.contains_key(name) {
            return self.derived_is(name, value);
        }
        Region::unknown()
    }

    /// Where derived `name` is decided to `value` by one of its cases.
    fn derived_is(&mut self, name: &str, value: &Const) -> Region {
        let key = (name.to_string(), format!("{value:?}"));
        if let Some(r) = self.memo.get(&key) {
            return r.clone();
        }
        let Some(info) = self.program.derived.get(name) else {
            return Region::unknown();
        };
        if self.depth >= MAX_DEPTH || info.combine.is_some() {
            return Region::unknown();
        }
        self.depth += 1;
        let conds: Vec<Region> = info.cases.iter().map(|c| self.condition(c)).collect();
        let mut region = Region::nothing();
        for (i, case) in info.cases.iter().enumerate() {
            let gives = match constant(&case.value, self.program) {
                Some(c) => {
                    if c == *value {
                        Region::everything()
                    } else {
                        continue;
                    }
                }
                None => match (&case.value.kind, value) {
                    // 原则上 总评类别 = 区经信局总评: the value of another name.
                    (ExprKind::Name(other), _) if other != name => self.name_is(other, value),
                    (_, Const::Bool(true)) => self.holds(&case.value),
                    (_, Const::Bool(false)) => {
                        let r = self.holds(&case.value);
                        self.not(&r)
                    }
                    _ => Region::unknown(),
                },
            };
            let decides = self.decides(&info.cases, &conds, i);
            region = region.or(decides.and(&gives));
        }
        // A value that is capped or floored may differ from what a case gave.
        if !info.bounds.is_empty() {
            region.exact = false;
        }
        self.depth -= 1;
        self.memo.insert(key, region.clone());
        region
    }
}

fn rep_is(rep: &Rep, value: &Const) -> bool {
    compare(rep, CmpOp::Eq, value).unwrap_or(false)
}

fn flip(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Lt => CmpOp::Gt,
        CmpOp::Le => CmpOp::Ge,
        CmpOp::Gt => CmpOp::Lt,
        CmpOp::Ge => CmpOp::Le,
        other => other,
    }
}
