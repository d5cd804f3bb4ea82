//! Evaluation of one case against a checked notice.
//!
//! Evaluation is lazy: a value is computed only when an output needs it, so
//! a case asks only for the facts it needs. Each derived value is decided by
//! its applicable cases in priority order (an exception masks what it
//! overrides; 原则上 yields to any other case), and remembers the clauses
//! that decided it, which become the answer's citations.
//!
//! The rules it applies are stated once, for this evaluator and the batch
//! plan alike, in [`crate::rules`], [`crate::program`] and
//! [`crate::period`]; what is here is the walk over names, values and the
//! trace. Periods are counted on the calendar the caller passes.

mod arith;
mod decide;
pub mod error;
mod expression;
pub mod facts;
mod trace;
pub mod value;
mod warning;
mod words;

pub use error::{Arithmetic, DeclaredRange, EvalError, FactShape, FactsProblem};
pub use expression::{ExprValue, evaluate_expr};
pub use facts::{Facts, FactsFormat, FactsOrigin};
pub use trace::{Step, explain_tree};
pub use value::Value;
pub use warning::{FactWarning, implausible};

use crate::calendar::Calendar;
use crate::clause::ClausePath;
use crate::program::{Program, Type, in_force};
use chrono::NaiveDate;
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
    /// Facts given outside their plausibility range, in declaration order:
    /// answered all the same.
    pub warnings: Vec<FactWarning>,
}

impl Answer {
    pub fn output(&self, name: &str) -> Option<&OutputValue> {
        self.outputs.iter().find(|o| o.name == name)
    }

    /// [`Answer::to_json`] with, for each output whose derivation went
    /// through readings, a `readings` field: `[{"id", "choice"}]` (what
    /// `polc eval --format json` prints; batch lines keep the plain form
    /// both engines write alike).
    /// Warnings are in `lang`.
    pub fn to_json_with_readings_in(&self, lang: crate::diag::Lang) -> serde_json::Value {
        let mut json = self.to_json_in(lang);
        if let Some(outputs) = json.get_mut("outputs").and_then(|o| o.as_object_mut()) {
            for (name, entry) in outputs.iter_mut() {
                let readings = self.readings_of(name);
                if let (false, Some(entry)) = (readings.is_empty(), entry.as_object_mut()) {
                    entry.insert(
                        "readings".into(),
                        readings
                            .iter()
                            .map(|(id, choice)| serde_json::json!({"id": id, "choice": choice}))
                            .collect(),
                    );
                }
            }
        }
        json
    }

    /// The readings (id, choice in force) the derivation of `name` went
    /// through, in the order the trace first reaches them.
    pub fn readings_of(&self, name: &str) -> Vec<(String, String)> {
        trace::readings_of(&self.trace, name)
    }

    /// The JSON interface: `{"notice", "outputs": {name: {value, cites}}, "trace"}`,
    /// and `"warnings"` (messages in Chinese) when there are any.
    pub fn to_json(&self) -> serde_json::Value {
        self.to_json_in(crate::diag::Lang::Zh)
    }

    /// [`Answer::to_json`] with the warnings' messages in `lang`.
    pub fn to_json_in(&self, lang: crate::diag::Lang) -> serde_json::Value {
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
        let mut json = serde_json::json!({
            "notice": self.notice,
            "outputs": outputs,
            "trace": self.trace.iter().map(Step::to_json).collect::<Vec<_>>(),
        });
        if let (false, Some(object)) = (self.warnings.is_empty(), json.as_object_mut()) {
            object.insert("warnings".into(), self.warnings_json(lang));
        }
        json
    }

    /// The `"warnings"` array.
    pub fn warnings_json(&self, lang: crate::diag::Lang) -> serde_json::Value {
        self.warnings.iter().map(|w| w.to_json(lang)).collect()
    }
}

impl OutputValue {
    fn ty_is_money(&self) -> bool {
        matches!(&self.ty, Type::Quantity { unit, .. } if unit.is_money())
    }
}

/// Evaluates every output of `program` for one case, counting periods on
/// `calendar`.
pub fn evaluate(
    program: &Program,
    calendar: &Calendar,
    facts: &Facts,
) -> Result<Answer, EvalError> {
    evaluate_names(program, calendar, facts, &program.outputs)
}

/// Evaluates the named outputs, rules or parameters (a caseworker may ask
/// for 罚款上限, which is a rule, or 公示期, a parameter).
pub fn evaluate_names(
    program: &Program,
    calendar: &Calendar,
    facts: &Facts,
    names: &[String],
) -> Result<Answer, EvalError> {
    let mut ev = Evaluator::new(program, facts, calendar);
    ev.decode_given()?;
    ev.check_validity()?;
    let mut outputs = Vec::new();
    for name in names {
        // A parameter may be asked for too (公示期 in force on the case date).
        if let Some(info) = program.params.get(name) {
            let value = ev.param(name)?;
            outputs.push(OutputValue {
                name: name.clone(),
                ty: info.ty.clone(),
                value: Some(value),
                cites: vec![info.clause],
            });
            continue;
        }
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
        warnings: ev.warnings,
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
    calendar: &'p Calendar,
    decoded: HashMap<String, Value>,
    /// Parameter values already looked up for this case.
    params_used: HashMap<String, Value>,
    /// Facts already in the trace (each appears once, when first read).
    traced: std::collections::HashSet<String>,
    decided: HashMap<String, Decided>,
    /// Names read while evaluating the current case, innermost last.
    reads: Vec<Vec<String>>,
    /// Readings read by cases that did not apply, per derived value being
    /// decided (innermost last): the answer depends on them all the same.
    consulted: Vec<Vec<String>>,
    /// The clause being evaluated, for error messages.
    clause: ClausePath,
    case_date: Option<NaiveDate>,
    /// Inside 不顺延(…): periods end where they end, rest day or not.
    unextended: bool,
    /// How many derived values are being decided, one inside the other.
    depth: usize,
    trace: Vec<Step>,
    warnings: Vec<FactWarning>,
}

impl<'p> Evaluator<'p> {
    fn new(program: &'p Program, facts: &'p Facts, calendar: &'p Calendar) -> Self {
        Evaluator {
            program,
            facts,
            calendar,
            decoded: HashMap::new(),
            params_used: HashMap::new(),
            traced: Default::default(),
            decided: HashMap::new(),
            reads: Vec::new(),
            consulted: Vec::new(),
            clause: ClausePath::default(),
            case_date: None,
            unextended: false,
            depth: 0,
            trace: Vec::new(),
            warnings: Vec::new(),
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
        if !v.covers(date) {
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
            self.warnings
                .extend(warning::implausible(info, &value, raw));
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
        let Some((_, expr)) = in_force(&info.values, self.case_date) else {
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
        let step = if self.program.readings.iter().any(|r| r.name == name) {
            Step::reading(name, &value, &info.ty, info.clause)
        } else {
            Step::param(name, &value, &info.ty, info.clause)
        };
        self.trace.push(step);
        self.params_used.insert(name.to_string(), value.clone());
        Ok(value)
    }
}
