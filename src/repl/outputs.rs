//! The state of every output of the loaded notices under the facts set so
//! far, and what changed between two such states (the what-if diff).
//!
//! Outputs are evaluated one by one, so a fact one output lacks does not
//! hide the values of the others.

use super::reply::{Item, MissingFact};
use crate::calendar::Calendar;
use crate::clause::ClausePath;
use crate::diag::Diagnostic;
use crate::eval::{self, EvalError, Facts};
use crate::program::{Program, Type};

/// One output's state.
#[derive(Debug, Clone)]
pub enum State {
    Value {
        shown: String,
        cites: Vec<ClausePath>,
    },
    /// An optional output no case applies to.
    NotApplicable,
    Missing(MissingFact),
    Failed(Box<Diagnostic>),
}

impl State {
    /// The value as shown in a diff; every state without a value reads alike,
    /// so supplying one missing fact after another is not a change.
    pub fn shown(&self) -> &str {
        match self {
            State::Value { shown, .. } => shown,
            State::NotApplicable => "不适用",
            State::Missing(_) => "？",
            State::Failed(_) => "（无法计算）",
        }
    }

    fn cites(&self) -> &[ClausePath] {
        match self {
            State::Value { cites, .. } => cites,
            _ => &[],
        }
    }
}

/// One output of one notice.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The notice's 文号 and the output's name identify it across reloads.
    pub notice: String,
    pub name: String,
    /// The name as shown: with the 文号 when several notices share it.
    pub label: String,
    pub state: State,
}

#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub entries: Vec<Entry>,
}

/// Evaluates one output (or rule, or parameter) of `program`.
pub fn state_of(program: &Program, calendar: &Calendar, facts: &Facts, name: &str) -> State {
    match eval::evaluate_names(program, calendar, facts, &[name.to_string()]) {
        Ok(answer) => match answer.outputs.first() {
            Some(o) => match &o.value {
                Some(v) => State::Value {
                    shown: v.display(&o.ty),
                    cites: o.cites.clone(),
                },
                None => State::NotApplicable,
            },
            None => State::NotApplicable,
        },
        Err(e) => failure(e),
    }
}

pub fn failure(e: EvalError) -> State {
    match e {
        EvalError::MissingFact {
            name,
            clause,
            needed_by,
        } => State::Missing(MissingFact {
            name,
            declared: clause,
            needed_by,
        }),
        other => State::Failed(Box::new(other.to_diagnostic())),
    }
}

/// Every output of every program, labelled.
pub fn snapshot(programs: &[&Program], calendar: &Calendar, facts: &Facts) -> Snapshot {
    let mut entries = Vec::new();
    for program in programs {
        for name in &program.outputs {
            let shared = programs.iter().filter(|p| p.outputs.contains(name)).count() > 1;
            let label = if shared {
                format!("{name}（{}）", program.doc_number)
            } else {
                name.clone()
            };
            entries.push(Entry {
                notice: program.doc_number.clone(),
                name: name.clone(),
                label,
                state: state_of(program, calendar, facts, name),
            });
        }
    }
    Snapshot { entries }
}

/// The outputs whose shown value differs, before → after, then each new
/// failure once.
pub fn diff(before: &Snapshot, after: &Snapshot) -> Vec<Item> {
    let mut items = Vec::new();
    let mut failures: Vec<Diagnostic> = Vec::new();
    for entry in &after.entries {
        let old = before
            .entries
            .iter()
            .find(|e| e.notice == entry.notice && e.name == entry.name)
            .map_or("（未载入）", |e| e.state.shown());
        if old != entry.state.shown() {
            items.push(Item::Change {
                name: entry.label.clone(),
                before: old.to_string(),
                after: entry.state.shown().to_string(),
                cites: entry.state.cites().to_vec(),
            });
        }
        if let State::Failed(d) = &entry.state
            && !failures.contains(d)
        {
            failures.push((**d).clone());
        }
    }
    for d in failures {
        let known = before
            .entries
            .iter()
            .any(|e| matches!(&e.state, State::Failed(old) if **old == d));
        if !known {
            items.push(Item::Diagnostic {
                diagnostic: Box::new(d),
                source: None,
            });
        }
    }
    items
}

/// Most facts found missing for one output before giving up.
const MAX_PROBES: usize = 64;

/// The facts the outputs still need, in the order evaluation asks for them.
/// Evaluation stops at the first missing fact, so each one found is given a
/// stand-in value (否, the first enumeration value, the lowest of the range)
/// and evaluation goes on: the list is the path a case with those stand-ins
/// takes, which is the common path (exclusions are mostly 是/否 facts).
pub fn needed(
    program: &Program,
    calendar: &Calendar,
    facts: &Facts,
    names: &[String],
) -> Vec<MissingFact> {
    let mut probe = facts.clone();
    let mut found: Vec<MissingFact> = Vec::new();
    for output in names {
        for _ in 0..MAX_PROBES {
            let Err(EvalError::MissingFact {
                name,
                clause,
                needed_by,
            }) = eval::evaluate_names(program, calendar, &probe, std::slice::from_ref(output))
            else {
                break;
            };
            let Some(info) = program.facts.get(&name) else {
                break;
            };
            if found.iter().any(|m| m.name == name) {
                break;
            }
            probe.set(
                name.clone(),
                stand_in(program, &info.ty, info.domain_ends().0),
            );
            found.push(MissingFact {
                name,
                declared: clause,
                needed_by,
            });
        }
    }
    found
}

fn stand_in(program: &Program, ty: &Type, low: Option<rust_decimal::Decimal>) -> serde_json::Value {
    match ty {
        Type::Bool => serde_json::Value::Bool(false),
        Type::Enum(variants) => {
            serde_json::Value::String(variants.first().cloned().unwrap_or_default())
        }
        Type::Date => serde_json::Value::String(
            program
                .validity
                .as_ref()
                .map_or_else(|| "2016-01-01".to_string(), |v| v.effective.to_string()),
        ),
        Type::Text => serde_json::Value::String(String::new()),
        Type::Quantity { unit, .. } => {
            let low = low.unwrap_or(rust_decimal::Decimal::ZERO);
            let shown = low.checked_div(unit.scale).unwrap_or(low).normalize();
            serde_json::Value::String(shown.to_string())
        }
    }
}
