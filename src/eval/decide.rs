//! Deciding a derived value: its cases in priority order, conflicts, 取大/
//! 取小, caps and floors, and the clauses the answer cites.

use super::{Arithmetic, Decided, EvalError, Evaluator, MAX_RULE_DEPTH, Step, Value};
use crate::ast::{CmpOp, Expr};
use crate::clause::ClausePath;
use crate::program::{CaseInfo, Type, whole_in};
use crate::rules::{self, Constant};

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
        self.consulted.push(Vec::new());
        let result = self.decide(name);
        self.consulted.pop();
        self.depth -= 1;
        result
    }

    pub(super) fn decide(&mut self, name: &str) -> Result<Decided, EvalError> {
        let Some(info) = self.program.derived.get(name) else {
            return Err(EvalError::UnknownOutput {
                name: name.to_string(),
            });
        };
        let mut fired: Vec<Fired> = Vec::new();
        for (index, case) in info.cases.iter().enumerate() {
            let asked = rules::asks(
                info.cases.as_slice(),
                info.combine,
                index,
                fired.iter().map(|f| f.index),
                || {
                    let first = fired.first().map(|f| &f.value);
                    first.is_some_and(|v| self.constant(&case.value).as_ref() == Some(v))
                },
            );
            if !asked {
                continue;
            }
            if let Some((value, reads)) = self.try_case(case)? {
                fired.push(Fired {
                    index,
                    case,
                    value,
                    reads,
                });
            }
        }
        let Some(first) = fired.first() else {
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
        let (mut first_case, mut first_value) = (first.case, first.value.clone());
        if fired.iter().any(|f| f.value != first_value) {
            let Some(combine) = info.combine else {
                let mut clauses: Vec<ClausePath> = Vec::new();
                for f in &fired {
                    push_unique(&mut clauses, f.case.clause);
                }
                return Err(EvalError::Conflict {
                    name: name.to_string(),
                    clauses,
                    values: fired.iter().map(|f| f.value.display(&info.ty)).collect(),
                    cases: fired.iter().map(|f| (f.case.clause, f.case.row)).collect(),
                });
            };
            // 取大 / 取小: keep only the winning case(s).
            let best = combine
                .pick(fired.iter().map(|f| &f.value), |op, a, b| compare(op, a, b))
                .cloned()
                .unwrap_or(Value::Bool(false));
            fired.retain(|f| f.value == best);
            if let Some(f) = fired.first() {
                first_case = f.case;
            }
            first_value = best;
        }
        let mut cites = Vec::new();
        for f in &fired {
            push_unique(&mut cites, f.case.clause);
        }
        for f in &fired {
            for read in &f.reads {
                for c in self.cites_of(read) {
                    push_unique(&mut cites, c);
                }
            }
        }
        let mut reads = fired_reads(&fired);
        // A reading that kept a case from applying decided the value too.
        for r in self.consulted.last().into_iter().flatten() {
            if !reads.contains(r) {
                reads.push(r.clone());
            }
        }
        let deciding: Vec<&CaseInfo> = fired.iter().map(|f| f.case).collect();
        let value = self.apply_bounds(info, first_value, &mut cites, &mut reads, &deciding)?;
        self.check_integral(name, &info.ty, &value, info.clause)?;
        let mut step = Step::derived(name, &value, &info.ty, first_case.clause, &cites, &reads);
        step.rows = fired.iter().filter_map(|f| f.case.row).collect();
        self.trace.push(step);
        let decided = Decided {
            value: Some(value),
            cites,
        };
        self.decided.insert(name.to_string(), decided.clone());
        Ok(decided)
    }

    /// A value declared in whole units must come out whole ([`whole_in`]).
    pub(super) fn check_integral(
        &self,
        name: &str,
        ty: &Type,
        value: &Value,
        clause: ClausePath,
    ) -> Result<(), EvalError> {
        let (Some(scale), Value::Num { amount, .. }) = (ty.whole_unit_scale(), value) else {
            return Ok(());
        };
        let Err(shown) = whole_in(scale, *amount) else {
            return Ok(());
        };
        let unit = match ty {
            Type::Quantity { unit, .. } => unit.name.clone(),
            _ => String::new(),
        };
        let problem = Arithmetic::NotWhole {
            name: name.to_string(),
            value: shown,
            unit,
        };
        Err(EvalError::Arithmetic { problem, clause })
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
        // Caps are evaluated only when they can change the answer
        // ([`rules::settling_floor`]).
        let settled = info.bounds.iter().any(|b| {
            !deciding.iter().any(|c| b.masked_by(c))
                && rules::settling_floor(b, self.program).is_some()
                && self
                    .constant(&b.value)
                    .is_some_and(|floor| compare(CmpOp::Le, &value, &floor))
        });
        for bound in info.bounds_in_order() {
            if deciding.iter().any(|c| bound.masked_by(c)) || (settled && bound.is_cap) {
                continue;
            }
            let as_case = CaseInfo {
                clause: bound.clause,
                is_default: false,
                condition: bound.condition.clone(),
                value: bound.value.clone(),
                overrides: Vec::new(),
                rank: None,
                row: None,
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
        Some(match rules::constant(expr, self.program)? {
            Constant::Bool(b) => Value::Bool(b),
            Constant::Date(d) => Value::Date(d),
            Constant::Text(t) => Value::Text(t.to_string()),
            Constant::Enum(n) => Value::Enum(n.to_string()),
            Constant::Num(amount, dim) => Value::num(amount, dim),
        })
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
        let result = result?;
        if result.is_none() {
            self.note_consulted_readings(&reads);
        }
        Ok(result.map(|v| (v, reads)))
    }

    /// The readings a case that did not apply read: the choice in force
    /// kept it from applying, so the value depends on the reading.
    fn note_consulted_readings(&mut self, reads: &[String]) {
        let readings: Vec<String> = reads
            .iter()
            .filter(|r| self.program.readings.iter().any(|x| &x.name == *r))
            .cloned()
            .collect();
        if let Some(top) = self.consulted.last_mut() {
            for r in readings {
                if !top.contains(&r) {
                    top.push(r);
                }
            }
        }
    }
}

/// A case that applied: its place in evaluation order, its value, and the
/// names it read.
struct Fired<'p> {
    index: usize,
    case: &'p CaseInfo,
    value: Value,
    reads: Vec<String>,
}

pub(super) fn push_unique(cites: &mut Vec<ClausePath>, c: ClausePath) {
    if !cites.contains(&c) {
        cites.push(c);
    }
}

fn fired_reads(fired: &[Fired<'_>]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for f in fired {
        for r in &f.reads {
            if !out.contains(r) {
                out.push(r.clone());
            }
        }
    }
    out
}
