//! Evaluation of one case against a checked notice.
//!
//! Evaluation is lazy: a value is computed only when an output needs it, so
//! a case asks only for the facts it needs. Each derived value is decided by
//! its applicable cases in priority order (an exception masks what it
//! overrides; 原则上 yields to any other case), and remembers the clauses
//! that decided it, which become the answer's citations.

pub mod error;
pub mod facts;
mod trace;
pub mod value;

pub use error::{EvalError, codes};
pub use facts::Facts;
pub use trace::{Step, explain_tree};
pub use value::Value;

use crate::ast::{BinOp, CmpOp, Expr, ExprKind, Func, SetExpr};
use crate::calendar::Calendar;
use crate::check::{CaseInfo, Program, Type};
use crate::clause::ClausePath;
use crate::diag::Bilingual;
use crate::units::{BaseDim, Dim};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// Longest chain of rules reading rules that evaluation follows.
pub const MAX_RULE_DEPTH: usize = 64;

/// One output of an answer.
#[derive(Debug, Clone)]
pub struct OutputValue {
    pub name: String,
    pub ty: Type,
    /// `None` for an optional output no case applies to (先行救助时限 when the
    /// case is not urgent).
    pub value: Option<Value>,
    pub cites: Vec<ClausePath>,
}

#[derive(Debug, Clone)]
pub struct Answer {
    pub notice: String,
    pub outputs: Vec<OutputValue>,
    pub trace: Vec<Step>,
}

impl Answer {
    pub fn output(&self, name: &str) -> Option<&OutputValue> {
        self.outputs.iter().find(|o| o.name == name)
    }

    /// The JSON interface: `{"notice", "outputs": {name: {value, cites}}, "trace"}`.
    pub fn to_json(&self) -> serde_json::Value {
        let mut outputs = serde_json::Map::new();
        for o in &self.outputs {
            let mut entry = serde_json::Map::new();
            entry.insert(
                "value".into(),
                o.value
                    .as_ref()
                    .map_or(serde_json::Value::Null, |v| v.to_json(&o.ty)),
            );
            entry.insert(
                "cites".into(),
                o.cites.iter().map(ToString::to_string).collect(),
            );
            if let (Type::Quantity { unit, .. }, false) = (&o.ty, o.ty_is_money())
                && !unit.name.is_empty()
            {
                entry.insert("unit".into(), serde_json::Value::String(unit.name.clone()));
            }
            outputs.insert(o.name.clone(), serde_json::Value::Object(entry));
        }
        serde_json::json!({
            "notice": self.notice,
            "outputs": outputs,
            "trace": self.trace.iter().map(Step::to_json).collect::<Vec<_>>(),
        })
    }
}

impl OutputValue {
    fn ty_is_money(&self) -> bool {
        matches!(&self.ty, Type::Quantity { unit, .. } if unit.is_money())
    }
}

/// Evaluates every output of `program` for one case.
pub fn evaluate(program: &Program, facts: &Facts) -> Result<Answer, EvalError> {
    evaluate_names(program, facts, &program.outputs)
}

/// Evaluates the named outputs or rules (a caseworker may ask for 罚款上限,
/// which is a rule, not an output).
pub fn evaluate_names(
    program: &Program,
    facts: &Facts,
    names: &[String],
) -> Result<Answer, EvalError> {
    let calendar = Calendar::china().map_err(|e| EvalError::Calendar {
        detail: e.to_string(),
        clause: program
            .validity
            .as_ref()
            .map(|v| v.clause)
            .unwrap_or_default(),
    })?;
    let mut ev = Evaluator::new(program, facts, calendar);
    ev.decode_given()?;
    ev.check_validity()?;
    let mut outputs = Vec::new();
    for name in names {
        let Some(info) = program.derived.get(name) else {
            return Err(EvalError::UnknownOutput { name: name.clone() });
        };
        let decided = ev.derived(name)?;
        outputs.push(OutputValue {
            name: name.clone(),
            ty: info.ty.clone(),
            value: decided.value,
            cites: decided.cites,
        });
    }
    Ok(Answer {
        notice: program.doc_number.clone(),
        outputs,
        trace: ev.trace,
    })
}

/// A derived value once decided.
#[derive(Debug, Clone)]
struct Decided {
    value: Option<Value>,
    cites: Vec<ClausePath>,
}

struct Evaluator<'p> {
    program: &'p Program,
    facts: &'p Facts,
    calendar: &'static Calendar,
    decoded: HashMap<String, Value>,
    /// Parameter values already looked up for this case.
    params_used: HashMap<String, Value>,
    /// Facts already in the trace (each appears once, when first read).
    traced: std::collections::HashSet<String>,
    decided: HashMap<String, Decided>,
    /// Names read while evaluating the current case, innermost last.
    reads: Vec<Vec<String>>,
    /// The clause being evaluated, for error messages.
    clause: ClausePath,
    case_date: Option<NaiveDate>,
    /// Inside 不顺延(…): periods end where they end, rest day or not.
    unextended: bool,
    /// How many derived values are being decided, one inside the other.
    depth: usize,
    trace: Vec<Step>,
}

impl<'p> Evaluator<'p> {
    fn new(program: &'p Program, facts: &'p Facts, calendar: &'static Calendar) -> Self {
        Evaluator {
            program,
            facts,
            calendar,
            decoded: HashMap::new(),
            params_used: HashMap::new(),
            traced: Default::default(),
            decided: HashMap::new(),
            reads: Vec::new(),
            clause: ClausePath::default(),
            case_date: None,
            unextended: false,
            depth: 0,
            trace: Vec::new(),
        }
    }

    /// A case dated outside the notice's window is refused, citing the clause
    /// that sets the window.
    fn check_validity(&mut self) -> Result<(), EvalError> {
        let Some(name) = &self.program.case_date else {
            return Ok(());
        };
        self.clause = match (&self.program.validity, self.program.facts.get(name)) {
            (Some(v), _) => v.clause,
            (None, Some(f)) => f.clause,
            (None, None) => self.clause,
        };
        let Value::Date(date) = self.fact(name)? else {
            return Ok(());
        };
        self.case_date = Some(date);
        let Some(v) = &self.program.validity else {
            return Ok(());
        };
        if date < v.effective || date > v.expires {
            return Err(EvalError::OutsideValidity {
                fact: name.clone(),
                date,
                effective: v.effective,
                expires: v.expires,
                clause: v.clause,
            });
        }
        Ok(())
    }

    /// Every declared fact the case gives is decoded up front, needed or
    /// not: a wrong type, unit or enumeration value is an error even when
    /// this case's outcome does not depend on it. Undeclared keys (an id
    /// from the case system, say) are ignored.
    fn decode_given(&mut self) -> Result<(), EvalError> {
        for name in &self.program.fact_order {
            let (Some(info), Some(raw)) =
                (self.program.facts.get(name), self.facts.values.get(name))
            else {
                continue;
            };
            let value = facts::decode(info, raw)?;
            self.decoded.insert(name.clone(), value);
        }
        Ok(())
    }

    fn fact(&mut self, name: &str) -> Result<Value, EvalError> {
        let Some(info) = self.program.facts.get(name) else {
            return Err(EvalError::UnknownOutput {
                name: name.to_string(),
            });
        };
        let Some(value) = self.decoded.get(name).cloned() else {
            return Err(EvalError::MissingFact {
                name: name.to_string(),
                clause: info.clause,
                needed_by: Some(self.clause),
            });
        };
        if !self.traced.contains(name) {
            self.traced.insert(name.to_string());
            self.trace
                .push(Step::fact(name, &value, &info.ty, info.clause));
        }
        Ok(value)
    }

    fn param(&mut self, name: &str) -> Result<Value, EvalError> {
        if let Some(v) = self.params_used.get(name) {
            return Ok(v.clone());
        }
        let Some(info) = self.program.params.get(name) else {
            return Err(EvalError::UnknownOutput {
                name: name.to_string(),
            });
        };
        // The value in force on the case date; without a case date, the latest.
        let chosen = match self.case_date {
            Some(date) => info.values.iter().rev().find(|(from, _)| *from <= date),
            None => info.values.last(),
        };
        let Some((_, expr)) = chosen else {
            return Err(EvalError::NoParamValue {
                name: name.to_string(),
                date: self.case_date.unwrap_or_default(),
                first: info.values.first().map(|(d, _)| *d),
                clause: info.clause,
            });
        };
        let saved = std::mem::replace(&mut self.clause, info.clause);
        let value = self.expr(expr);
        self.clause = saved;
        let value = value?;
        self.trace
            .push(Step::param(name, &value, &info.ty, info.clause));
        self.params_used.insert(name.to_string(), value.clone());
        Ok(value)
    }

    fn derived(&mut self, name: &str) -> Result<Decided, EvalError> {
        if let Some(d) = self.decided.get(name) {
            return Ok(d.clone());
        }
        // Each rule read from another recurses; a chain this long is not a
        // notice but an attack on the stack.
        if self.depth >= MAX_RULE_DEPTH {
            return Err(self.arith(
                format!("规则依赖链超过 {MAX_RULE_DEPTH} 层（读到「{name}」时）"),
                format!("rules depend on each other more than {MAX_RULE_DEPTH} levels deep (at `{name}`)"),
            ));
        }
        self.depth += 1;
        let result = self.decide(name);
        self.depth -= 1;
        result
    }

    fn decide(&mut self, name: &str) -> Result<Decided, EvalError> {
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
            let masks_nothing_new = info.cases.iter().all(|other| {
                !case.overrides_case(other) || fired.iter().any(|(f, _, _)| f.overrides_case(other))
            });
            if info.combine.is_none()
                && masks_nothing_new
                && let (Some((_, decided, _)), Some(constant)) =
                    (fired.first(), self.constant(&case.value))
                && *decided == constant
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
    fn check_integral(
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
                let what = Bilingual::new(
                    format!(
                        "「{name}」以整数计，但计算结果为 {}{}",
                        shown.normalize(),
                        unit.name
                    ),
                    format!(
                        "`{name}` is whole-numbered but the result is {}{}",
                        shown.normalize(),
                        unit.name
                    ),
                );
                return Err(EvalError::Arithmetic { what, clause });
            }
        }
        Ok(())
    }

    /// 上限 and 下限: a cap lowers the value to the bound, a floor raises it;
    /// a bound that changes the value is cited.
    fn apply_bounds(
        &mut self,
        info: &crate::check::DerivedInfo,
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
            let binds = if bound.is_cap {
                compare(CmpOp::Lt, &limit, &value)
            } else {
                compare(CmpOp::Gt, &limit, &value)
            };
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
    fn constant(&self, expr: &Expr) -> Option<Value> {
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
            ExprKind::Name(n) if !self.is_declared(n) => Some(Value::Enum(n.clone())),
            _ => None,
        }
    }

    fn is_declared(&self, name: &str) -> bool {
        let p = self.program;
        p.facts.contains_key(name)
            || p.params.contains_key(name)
            || p.derived.contains_key(name)
            || p.rosters.contains_key(name)
    }

    /// The clauses a value read by a case brings to the citation: a derived
    /// value's own citations, or the clause that states a roster.
    fn cites_of(&self, name: &str) -> Vec<ClausePath> {
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
    fn try_case(&mut self, case: &CaseInfo) -> Result<Option<(Value, Vec<String>)>, EvalError> {
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

    fn truth(&mut self, expr: &Expr) -> Result<bool, EvalError> {
        match self.expr(expr)? {
            Value::Bool(b) => Ok(b),
            other => Err(self.arith(
                format!("条件的值不是布尔值：{other}"),
                format!("condition is not boolean: {other}"),
            )),
        }
    }

    fn arith(&self, zh: String, en: String) -> EvalError {
        EvalError::Arithmetic {
            what: Bilingual::new(zh, en),
            clause: self.clause,
        }
    }

    fn note_read(&mut self, name: &str) {
        if let Some(top) = self.reads.last_mut()
            && !top.iter().any(|n| n == name)
        {
            top.push(name.to_string());
        }
    }

    fn expr(&mut self, expr: &Expr) -> Result<Value, EvalError> {
        match &expr.kind {
            ExprKind::Quantity { value, unit } => {
                let unit = match unit {
                    Some(u) => crate::units::resolve(u).map_err(|p| {
                        self.arith(format!("未知单位 {p}"), format!("unknown unit {p}"))
                    })?,
                    None => crate::units::Unit::none(),
                };
                let amount = value
                    .checked_mul(unit.scale)
                    .ok_or_else(|| self.arith("数值溢出".into(), "number overflow".into()))?;
                Ok(Value::num(amount, unit.dim))
            }
            ExprKind::Date(d) => Ok(Value::Date(*d)),
            ExprKind::Text(s) => Ok(Value::Text(s.clone())),
            ExprKind::Bool(b) => Ok(Value::Bool(*b)),
            ExprKind::Name(name) => self.name(name),
            ExprKind::Neg(inner) => match self.expr(inner)? {
                Value::Num { amount, dim } => Ok(Value::num(-amount, dim)),
                other => Err(self.arith(
                    format!("不能取负：{other}"),
                    format!("cannot negate {other}"),
                )),
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
                        Ok(Value::Bool(members.is_some_and(|m| m.contains(s))))
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

    fn name(&mut self, name: &str) -> Result<Value, EvalError> {
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
            let d = self.derived(name)?;
            return d.value.ok_or_else(|| EvalError::NoRule {
                name: name.to_string(),
                clause: self.clause,
            });
        }
        // Not declared: a value of an enumeration (the checker made sure).
        Ok(Value::Enum(name.to_string()))
    }

    fn call(&mut self, func: Func, args: &[Expr]) -> Result<Value, EvalError> {
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
            return Err(self.arith("函数缺少参数".into(), "function without arguments".into()));
        };
        if matches!(
            func,
            Func::MonthEnd | Func::QuarterEnd | Func::YearEnd | Func::YearOf | Func::MonthOf
        ) {
            return self.date_function(func, args);
        }
        if func == Func::Unextended {
            return Err(self.arith(
                "不顺延 只接受一个日期期间".into(),
                "unextended takes one date period".into(),
            ));
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

    fn date_function(&mut self, func: Func, args: &[Expr]) -> Result<Value, EvalError> {
        use chrono::Datelike;
        let Some(arg) = args.first() else {
            return Err(self.arith(
                "日期函数缺少参数".into(),
                "date function without argument".into(),
            ));
        };
        let Value::Date(d) = self.expr(arg)? else {
            return Err(self.arith(
                "日期函数的参数不是日期".into(),
                "date function needs a date".into(),
            ));
        };
        let date = match func {
            Func::YearOf => return Ok(Value::num(Decimal::from(d.year()), Dim::none())),
            Func::MonthOf => return Ok(Value::num(Decimal::from(d.month()), Dim::none())),
            Func::MonthEnd => crate::calendar::month_end(d),
            Func::QuarterEnd => crate::calendar::quarter_end(d),
            _ => crate::calendar::year_end(d),
        };
        date.map(Value::Date)
            .ok_or_else(|| self.arith("日期超出范围".into(), "date out of range".into()))
    }

    fn arithmetic(&self, op: BinOp, a: Value, b: Value) -> Result<Value, EvalError> {
        let overflow = || self.arith("金额或数量计算溢出".into(), "arithmetic overflow".into());
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
                        return Err(self.arith("除数为零".into(), "division by zero".into()));
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
            (a, b) => Err(self.arith(
                format!("不能计算 {a} 与 {b}"),
                format!("cannot combine {a} and {b}"),
            )),
        }
    }

    /// Period arithmetic by 民法典 第二百零一条至第二百零四条: the start day is
    /// not counted; a period in days or months that ends on a rest day ends
    /// on the next working day; a period in 工作日 counts working days only.
    fn shift_date(
        &self,
        date: NaiveDate,
        op: BinOp,
        amount: Decimal,
        dim: &Dim,
    ) -> Result<Value, EvalError> {
        let n = whole(amount).ok_or_else(|| {
            self.arith(
                format!("期间 {amount} 不是整数，无法按日历计算"),
                format!("period {amount} is not whole"),
            )
        })?;
        let cal = self.calendar;
        let err = |e: crate::calendar::CalendarError| EvalError::Calendar {
            detail: e.to_string(),
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
                    .ok_or_else(|| self.arith("日期超出范围".into(), "date out of range".into()))?;
                // Same range as every other period: no guessing outside the data.
                cal.is_working_day(d).map_err(err)?;
                d
            }
            _ => {
                return Err(self.arith(
                    format!("日期不能与 {dim} 做此运算"),
                    format!("cannot shift a date by {dim} this way"),
                ));
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

fn compare(op: CmpOp, a: &Value, b: &Value) -> bool {
    use std::cmp::Ordering;
    let ordering = match (a, b) {
        (Value::Num { amount: x, .. }, Value::Num { amount: y, .. }) => Some(x.cmp(y)),
        (Value::Date(x), Value::Date(y)) => Some(x.cmp(y)),
        _ => None,
    };
    match (op, ordering) {
        (CmpOp::Eq, Some(o)) => o == Ordering::Equal,
        (CmpOp::Ne, Some(o)) => o != Ordering::Equal,
        (CmpOp::Eq, None) => a == b,
        (CmpOp::Ne, None) => a != b,
        (CmpOp::Lt, Some(o)) => o == Ordering::Less,
        (CmpOp::Le, Some(o)) => o != Ordering::Greater,
        (CmpOp::Gt, Some(o)) => o == Ordering::Greater,
        (CmpOp::Ge, Some(o)) => o != Ordering::Less,
        (_, None) => false,
    }
}

/// The largest (取大) or smallest (取小) of the applicable values.
fn pick(fired: &[(&CaseInfo, Value, Vec<String>)], combine: crate::check::Combine) -> Value {
    let mut best: Option<&Value> = None;
    for (_, v, _) in fired {
        let better = match (best, combine) {
            (None, _) => true,
            (Some(b), crate::check::Combine::Largest) => compare(CmpOp::Gt, v, b),
            (Some(b), crate::check::Combine::Smallest) => compare(CmpOp::Lt, v, b),
        };
        if better {
            best = Some(v);
        }
    }
    best.cloned().unwrap_or(Value::Bool(false))
}

fn push_unique(cites: &mut Vec<ClausePath>, c: ClausePath) {
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
