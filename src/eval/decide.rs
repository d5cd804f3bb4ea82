//! Deciding a derived value: its cases in priority order, conflicts, 取大/
//! 取小, caps and floors, and the clauses the answer cites.

use super::{Arithmetic, Decided, EvalError, Evaluator, MAX_RULE_DEPTH, Step, Value};
use crate::ast::{CmpOp, Expr, ExprKind};
use crate::clause::ClausePath;
use crate::program::{CaseInfo, Type};

use super::arith::compare;

impl Evaluator<'_> {
    pub(super) fn derived(&mut self, name: &str) -> Result<Decided, EvalError> {
        if let Some(d) = self.decided.get(name) {
            return Ok(d.clone());
        }
        // Each rule read from another recurses; a chain this long is not a
        // notice but an attack on the stack.
        if self.depth >= MAX_RULE_DEPTH {
            return Err(self.arith(Arithmetic::RuleDepth {
                limit: MAX_RULE_DEPTH,
                name: name.to_string(),
            }));
        }
        self.depth += 1;
        let result = self.decide(name);
        self.depth -= 1;
        result
    }

    pub(super) fn decide(&mut self, name: &str) -> Result<Decided, EvalError> {
        let Some(info) = self.program.derived.get(name) else {
            return Err(EvalError::UnknownOutput {
                name: name.to_string(),
            });
        };
        let mut fired: Vec<(&CaseInfo, Value, Vec<String>)> = Vec::new();
        for case in &info.cases {
            if fired.iter().any(|(f, _, _)| f.overrides_case(case)) {
                continue;
            }
            // A case whose value is a constant equal to the one already
            // decided can neither change the answer nor conflict with it, so
            // its condition (and the facts it reads) is not asked for, unless
            // it would mask (优先于, first-hit rank) a case nothing decided
            // so far masks already.
            let masks_nothing_new = || {
                info.cases.iter().all(|other| {
                    !case.overrides_case(other)
                        || fired.iter().any(|(f, _, _)| f.overrides_case(other))
                })
            };
            if info.combine.is_none()
                && let Some((_, decided, _)) = fired.first()
                && self.constant(&case.value).as_ref() == Some(decided)
                && masks_nothing_new()
            {
                continue;
            }
            if let Some((value, reads)) = self.try_case(case)? {
                fired.push((case, value, reads));
            }
        }
        let Some((first_case, first_value, _)) = fired.first() else {
            if info.optional {
                let decided = Decided {
                    value: None,
                    cites: Vec::new(),
                };
                self.decided.insert(name.to_string(), decided.clone());
                return Ok(decided);
            }
            return Err(EvalError::NoRule {
                name: name.to_string(),
                clause: info.clause,
            });
        };
        let (mut first_case, mut first_value) = (*first_case, first_value.clone());
        if fired.iter().any(|(_, v, _)| *v != first_value) {
            let Some(combine) = info.combine else {
                let mut clauses: Vec<ClausePath> = Vec::new();
                for (c, _, _) in &fired {
                    push_unique(&mut clauses, c.clause);
                }
                return Err(EvalError::Conflict {
                    name: name.to_string(),
                    clauses,
                    values: fired.iter().map(|(_, v, _)| v.display(&info.ty)).collect(),
                });
            };
            // 取大 / 取小: keep only the winning case(s).
            let best = pick(&fired, combine);
            fired.retain(|(_, v, _)| *v == best);
            if let Some((c, _, _)) = fired.first() {
                first_case = *c;
            }
            first_value = best;
        }
        let mut cites = Vec::new();
        for (case, _, _) in &fired {
            push_unique(&mut cites, case.clause);
        }
        for (_, _, reads) in &fired {
            for read in reads {
                for c in self.cites_of(read) {
                    push_unique(&mut cites, c);
                }
            }
        }
        let mut reads = fired_reads(&fired);
        let deciding: Vec<&CaseInfo> = fired.iter().map(|(c, _, _)| *c).collect();
        let value = self.apply_bounds(info, first_value, &mut cites, &mut reads, &deciding)?;
        self.check_integral(name, &info.ty, &value, info.clause)?;
        self.trace.push(Step::derived(
            name,
            &value,
            &info.ty,
            first_case.clause,
            &cites,
            &reads,
        ));
        let decided = Decided {
            value: Some(value),
            cites,
        };
        self.decided.insert(name.to_string(), decided.clone());
        Ok(decided)
    }

    /// A value declared in whole units (整数, 人, 次, …) must come out whole;
    /// 1.5人 is a drafting error in the formula, not a result to round.
    pub(super) fn check_integral(
        &self,
        name: &str,
        ty: &Type,
        value: &Value,
        clause: ClausePath,
    ) -> Result<(), EvalError> {
        if let (
            Type::Quantity {
                unit,
                integral: true,
            },
            Value::Num { amount, .. },
        ) = (ty, value)
        {
            let shown = amount.checked_div(unit.scale).unwrap_or(*amount);
            if !shown.fract().is_zero() {
                let problem = Arithmetic::NotWhole {
                    name: name.to_string(),
                    value: shown,
                    unit: unit.name.clone(),
                };
                return Err(EvalError::Arithmetic { problem, clause });
            }
        }
        Ok(())
    }

    /// 上限 and 下限: a cap lowers the value to the bound, a floor raises it;
    /// a bound that changes the value is cited.
    pub(super) fn apply_bounds(
        &mut self,
        info: &crate::program::DerivedInfo,
        mut value: Value,
        cites: &mut Vec<ClausePath>,
        reads: &mut Vec<String>,
        deciding: &[&CaseInfo],
    ) -> Result<Value, EvalError> {
        // Caps before floors, whatever the order in the file: a floor of 0元
        // must hold after a cap has been subtracted below zero.
        let ordered = info
            .bounds
            .iter()
            .filter(|b| b.is_cap)
            .chain(info.bounds.iter().filter(|b| !b.is_cap));
        for bound in ordered {
            // An exception that overrides a clause overrides its caps too
            // (第七条 decides 0元 without 第六条's annual maximum being asked).
            // An exception written inside the clause it overrides keeps that
            // clause's own caps.
            let masks = |c: &&CaseInfo| {
                let same_clause =
                    bound.clause.contains(&c.clause) || c.clause.contains(&bound.clause);
                !same_clause && c.overrides.iter().any(|o| o.contains(&bound.clause))
            };
            if deciding.iter().any(masks) {
                continue;
            }
            let as_case = CaseInfo {
                clause: bound.clause,
                is_default: false,
                condition: bound.condition.clone(),
                value: bound.value.clone(),
                overrides: Vec::new(),
                rank: None,
                span: bound.span,
            };
            let Some((limit, bound_reads)) = self.try_case(&as_case)? else {
                continue;
            };
            let binds = compare(CmpOp::bound_binds(bound.is_cap), &limit, &value);
            if binds {
                value = limit;
                push_unique(cites, bound.clause);
                for r in bound_reads {
                    for c in self.cites_of(&r) {
                        push_unique(cites, c);
                    }
                    if !reads.contains(&r) {
                        reads.push(r);
                    }
                }
            }
        }
        Ok(value)
    }

    /// The value of a literal (4000元, 是, 重大损失), without reading anything.
    pub(super) fn constant(&self, expr: &Expr) -> Option<Value> {
        match &expr.kind {
            ExprKind::Bool(b) => Some(Value::Bool(*b)),
            ExprKind::Date(d) => Some(Value::Date(*d)),
            ExprKind::Text(t) => Some(Value::Text(t.clone())),
            ExprKind::Quantity { value, unit } => {
                let unit = match unit {
                    Some(u) => crate::units::resolve(u).ok()?,
                    None => crate::units::Unit::none(),
                };
                Some(Value::num(value.checked_mul(unit.scale)?, unit.dim))
            }
            ExprKind::Name(n) if !self.program.is_declared(n) => Some(Value::Enum(n.clone())),
            _ => None,
        }
    }

    /// The clauses a value read by a case brings to the citation: a derived
    /// value's own citations, or the clause that states a roster.
    pub(super) fn cites_of(&self, name: &str) -> Vec<ClausePath> {
        if let Some(d) = self.decided.get(name) {
            return d.cites.clone();
        }
        self.program
            .rosters
            .get(name)
            .map(|r| vec![r.clause])
            .unwrap_or_default()
    }

    /// Evaluates one case: `Some(value)` when its condition holds.
    pub(super) fn try_case(
        &mut self,
        case: &CaseInfo,
    ) -> Result<Option<(Value, Vec<String>)>, EvalError> {
        let saved = std::mem::replace(&mut self.clause, case.clause);
        self.reads.push(Vec::new());
        let result = (|| {
            if let Some(cond) = &case.condition
                && !self.truth(cond)?
            {
                return Ok(None);
            }
            self.expr(&case.value).map(Some)
        })();
        let reads = self.reads.pop().unwrap_or_default();
        self.clause = saved;
        Ok(result?.map(|v| (v, reads)))
    }
}

/// The largest (取大) or smallest (取小) of the applicable values.
fn pick(fired: &[(&CaseInfo, Value, Vec<String>)], combine: crate::program::Combine) -> Value {
    let mut best: Option<&Value> = None;
    for (_, v, _) in fired {
        let better = match (best, combine) {
            (None, _) => true,
            (Some(b), crate::program::Combine::Largest) => compare(CmpOp::Gt, v, b),
            (Some(b), crate::program::Combine::Smallest) => compare(CmpOp::Lt, v, b),
        };
        if better {
            best = Some(v);
        }
    }
    best.cloned().unwrap_or(Value::Bool(false))
}

pub(super) fn push_unique(cites: &mut Vec<ClausePath>, c: ClausePath) {
    if !cites.contains(&c) {
        cites.push(c);
    }
}

fn fired_reads(fired: &[(&CaseInfo, Value, Vec<String>)]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (_, _, reads) in fired {
        for r in reads {
            if !out.contains(r) {
                out.push(r.clone());
            }
        }
    }
    out
}
