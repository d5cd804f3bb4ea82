//! Running one case against a checked notice: the values and citations it
//! expects, or the error it expects, and the failures when they differ.

use super::file::{Expected, TestCase};
use crate::calendar::Calendar;
use crate::clause::ClausePath;
use crate::diag::Lang;
use crate::eval::{self, Answer, Facts, OutputValue};
use crate::program::{Program, Type};
use rust_decimal::Decimal;
use std::fmt::Write as _;

/// Why a case failed.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    Value {
        output: String,
        expected: String,
        actual: String,
        /// The derivation of the actual value, for the report.
        trace: String,
    },
    Cites {
        output: String,
        missing: String,
        actual: Vec<String>,
    },
    /// The case expected an error and evaluation succeeded.
    NoError { words: Vec<String> },
    /// The error came, without the expected words.
    ErrorWords { missing: String, message: String },
    /// Evaluation failed where values were expected.
    Error { message: String },
    /// The answer warned about other facts than the case names.
    Warnings {
        expected: Vec<String>,
        actual: Vec<String>,
    },
}

impl Failure {
    pub fn describe(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Failure::Value {
                output,
                expected,
                actual,
                trace,
            } => {
                let mut s = if zh {
                    format!("{output}：期望 {expected}，实际 {actual}")
                } else {
                    format!("{output}: expected {expected}, got {actual}")
                };
                for line in trace.lines() {
                    let _ = write!(s, "\n    {line}");
                }
                s
            }
            Failure::Cites {
                output,
                missing,
                actual,
            } => {
                if zh {
                    format!(
                        "{output}：应引用 {missing}，实际引用 {}",
                        display_list(actual, Lang::Zh)
                    )
                } else {
                    format!(
                        "{output}: should cite {missing}, cites {}",
                        display_list(actual, Lang::En)
                    )
                }
            }
            Failure::Warnings { expected, actual } => {
                if zh {
                    format!(
                        "应警告超出通常范围的事实 {}，实际警告 {}",
                        display_list(expected, Lang::Zh),
                        display_list(actual, Lang::Zh)
                    )
                } else {
                    format!(
                        "should warn about implausible {}, warns about {}",
                        display_list(expected, Lang::En),
                        display_list(actual, Lang::En)
                    )
                }
            }
            Failure::NoError { words } => {
                if zh {
                    format!("应当出错（含「{}」），实际求值成功", words.join("」「"))
                } else {
                    format!(
                        "expected an error (with `{}`), evaluation succeeded",
                        words.join("`, `")
                    )
                }
            }
            Failure::ErrorWords { missing, message } => {
                if zh {
                    format!("错误信息缺少「{missing}」：{message}")
                } else {
                    format!("error message lacks `{missing}`: {message}")
                }
            }
            Failure::Error { message } => {
                if zh {
                    format!("求值出错：{message}")
                } else {
                    format!("evaluation failed: {message}")
                }
            }
        }
    }
}

fn display_list(items: &[String], lang: Lang) -> String {
    match (items.is_empty(), lang) {
        (true, Lang::Zh) => "（无）".into(),
        (true, Lang::En) => "nothing".into(),
        (false, _) => crate::diag::list(items, lang),
    }
}

/// The result of one case, and the clauses its evaluation went through
/// (for coverage).
#[derive(Debug, Clone)]
pub struct CaseReport {
    pub name: String,
    pub failures: Vec<Failure>,
    /// Clauses the evaluation went through: facts and parameters read,
    /// cases that decided, caps that bound, clauses cited.
    pub touched: Vec<ClausePath>,
    /// Decision-table rows that decided a value: (table, row), 1 for the
    /// first row (for table-row coverage).
    pub rows: Vec<(String, usize)>,
    /// What the case expects, as data: per output it names, `{"value",
    /// "unit", "cites"}` (the unit the comparison is made in; the cites it
    /// requires); `{"error": [words]}` for a case that must fail.
    pub expected: serde_json::Value,
    /// What evaluation gave, in the same shape: per output `{"value",
    /// "unit", "cites"}`, or `{"error": message}`.
    pub actual: serde_json::Value,
    /// How long the case took, when the caller keeps time
    /// ([`super::run_notice`]'s stopwatch).
    pub elapsed: Option<std::time::Duration>,
}

impl CaseReport {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Runs one case against a checked notice.
pub fn run_case(program: &Program, calendar: &Calendar, case: &TestCase) -> CaseReport {
    // A case that pins readings runs on the program with those choices in
    // force; an id or choice the notice does not have fails the case.
    let pinned;
    let program = if case.readings.is_empty() {
        program
    } else {
        let mut copy = program.clone();
        let selections = case
            .readings
            .iter()
            .map(|(id, c)| (id.as_str(), c.as_str()));
        if let Err(e) = copy.select_readings(selections) {
            let message = eval::EvalError::Reading(e)
                .to_diagnostic()
                .headline(Lang::Zh);
            // A case may expect exactly this error (`error = [...]`).
            let failures = match &case.error {
                Some(words) => words
                    .iter()
                    .filter(|w| !message.contains(w.as_str()))
                    .take(1)
                    .map(|w| Failure::ErrorWords {
                        missing: w.clone(),
                        message: message.clone(),
                    })
                    .collect(),
                None => vec![Failure::Error {
                    message: message.clone(),
                }],
            };
            return CaseReport {
                name: case.name.clone(),
                failures,
                touched: Vec::new(),
                rows: Vec::new(),
                expected: serde_json::Value::Null,
                actual: serde_json::json!({ "error": message }),
                elapsed: None,
            };
        }
        pinned = copy;
        &pinned
    };
    let outcome = match &case.error {
        Some(words) => expect_error(program, calendar, case, words),
        None => expect_values(program, calendar, case),
    };
    CaseReport {
        name: case.name.clone(),
        failures: outcome.failures,
        touched: outcome.touched,
        rows: outcome.rows,
        expected: outcome.expected,
        actual: outcome.actual,
        elapsed: None,
    }
}

/// What running a case found.
struct Outcome {
    failures: Vec<Failure>,
    touched: Vec<ClausePath>,
    rows: Vec<(String, usize)>,
    expected: serde_json::Value,
    actual: serde_json::Value,
}

impl Outcome {
    fn error(failures: Vec<Failure>, expected: serde_json::Value, message: &str) -> Outcome {
        Outcome {
            failures,
            touched: Vec::new(),
            rows: Vec::new(),
            expected,
            actual: serde_json::json!({ "error": message }),
        }
    }
}

fn touched_by(answer: &Answer) -> Vec<ClausePath> {
    let mut clauses: Vec<ClausePath> = answer
        .trace
        .iter()
        .flat_map(|step| std::iter::once(step.clause).chain(step.cites.iter().copied()))
        .chain(answer.outputs.iter().flat_map(|o| o.cites.iter().copied()))
        .collect();
    clauses.sort();
    clauses.dedup();
    clauses
}

/// The decision-table rows that decided some value of the answer.
fn rows_by(answer: &Answer) -> Vec<(String, usize)> {
    let mut rows: Vec<(String, usize)> = answer
        .trace
        .iter()
        .flat_map(|step| step.rows.iter().map(|r| (step.name.clone(), *r)))
        .collect();
    rows.sort();
    rows.dedup();
    rows
}

fn evaluate(
    program: &Program,
    calendar: &Calendar,
    case: &TestCase,
    names: &[String],
) -> Result<Answer, String> {
    let facts = Facts::from_value(serde_json::Value::Object(case.facts.clone()))
        .map_err(|e| e.to_diagnostic().headline(Lang::Zh))?;
    eval::evaluate_names(program, calendar, &facts, names)
        .map_err(|e| e.to_diagnostic().headline(Lang::Zh))
}

fn expect_error(
    program: &Program,
    calendar: &Calendar,
    case: &TestCase,
    words: &[String],
) -> Outcome {
    let expected = serde_json::json!({ "error": words });
    match evaluate(program, calendar, case, &program.outputs) {
        Ok(answer) => {
            let names: Vec<&str> = answer.outputs.iter().map(|o| o.name.as_str()).collect();
            Outcome {
                failures: vec![Failure::NoError {
                    words: words.to_vec(),
                }],
                touched: Vec::new(),
                rows: Vec::new(),
                expected,
                actual: outputs_json(&answer, &names),
            }
        }
        Err(message) => {
            let failures = words
                .iter()
                .filter(|w| !message.contains(w.as_str()))
                .map(|w| Failure::ErrorWords {
                    missing: w.clone(),
                    message: message.clone(),
                })
                .collect();
            Outcome::error(failures, expected, &message)
        }
    }
}

/// The unit an output's value is shown and compared in: a quantity's unit,
/// none for booleans, dates, texts and plain numbers.
fn unit_of(output: &OutputValue) -> Option<&str> {
    match &output.ty {
        Type::Quantity { unit, .. } if !unit.name.is_empty() => Some(unit.name.as_str()),
        _ => None,
    }
}

/// Per output named, `{"value", "unit", "cites"}` as evaluation gave them.
fn outputs_json(answer: &Answer, names: &[&str]) -> serde_json::Value {
    let mut map = serde_json::Map::new();
    for name in names {
        let Some(output) = answer.output(name) else {
            continue;
        };
        let value = output
            .value
            .as_ref()
            .map_or(serde_json::Value::Null, |v| v.to_json(&output.ty));
        let cites: Vec<String> = output.cites.iter().map(ToString::to_string).collect();
        map.insert(
            (*name).to_string(),
            serde_json::json!({"value": value, "unit": unit_of(output), "cites": cites}),
        );
    }
    serde_json::Value::Object(map)
}

/// Per output the case names, what it expects: the value (`null` for
/// 缺省; an amount written with its unit, as "3年", without it), the unit
/// the comparison is made in, and the clauses it must cite.
fn expected_json(case: &TestCase, answer: Option<&Answer>, names: &[String]) -> serde_json::Value {
    let mut map = serde_json::Map::new();
    for name in names {
        let output = answer.and_then(|a| a.output(name));
        let unit = output.and_then(unit_of);
        // An amount as the evaluation's JSON writes one of this output: a
        // number, or (money) a string.
        let shown_as_number = output
            .and_then(|o| o.value.as_ref().map(|v| v.to_json(&o.ty)))
            .is_some_and(|v| v.is_number());
        let amount = |text: String| match text.parse::<serde_json::Number>() {
            Ok(n) if shown_as_number => serde_json::Value::Number(n),
            _ => serde_json::Value::String(text),
        };
        let expected = case.expect.iter().find(|(n, _)| n == name);
        let value = match expected.map(|(_, e)| e) {
            None | Some(Expected::Undefined) => serde_json::Value::Null,
            Some(Expected::Bool(b)) => serde_json::Value::Bool(*b),
            Some(Expected::Number(n)) => amount(n.to_string()),
            Some(Expected::Text(t)) => {
                let bare = unit.and_then(|u| t.strip_suffix(u)).unwrap_or(t);
                amount(bare.trim().to_string())
            }
        };
        let cites: Vec<&str> = case
            .cites
            .iter()
            .filter(|(n, _)| n == name)
            .flat_map(|(_, c)| c.iter().map(|(text, _)| text.as_str()))
            .collect();
        // No "value" when the case asks only for citations (null is 缺省).
        let mut entry = serde_json::json!({"unit": unit, "cites": cites});
        if let (Some(_), Some(fields)) = (expected, entry.as_object_mut()) {
            fields.insert("value".into(), value);
        }
        map.insert(name.clone(), entry);
    }
    serde_json::Value::Object(map)
}

fn expect_values(program: &Program, calendar: &Calendar, case: &TestCase) -> Outcome {
    let mut names: Vec<String> = Vec::new();
    for name in case
        .expect
        .iter()
        .map(|e| &e.0)
        .chain(case.cites.iter().map(|c| &c.0))
    {
        if !names.contains(name) {
            names.push(name.clone());
        }
    }
    let answer = match evaluate(program, calendar, case, &names) {
        Ok(a) => a,
        Err(message) => {
            let expected = expected_json(case, None, &names);
            let failures = vec![Failure::Error {
                message: message.clone(),
            }];
            return Outcome::error(failures, expected, &message);
        }
    };
    let mut failures = Vec::new();
    for (name, expected) in &case.expect {
        let Some(output) = answer.output(name) else {
            continue;
        };
        if !matches(expected, output) {
            failures.push(Failure::Value {
                output: name.clone(),
                expected: show_expected(expected),
                actual: show_actual(output),
                trace: trace_of(&answer, output),
            });
        }
    }
    for (name, wanted) in &case.cites {
        let Some(output) = answer.output(name) else {
            continue;
        };
        for (text, clause) in wanted {
            if !output.cites.iter().any(|c| clause.contains(c)) {
                failures.push(Failure::Cites {
                    output: name.clone(),
                    missing: text.clone(),
                    actual: output.cites.iter().map(ToString::to_string).collect(),
                });
            }
        }
    }
    if let Some(expected) = &case.warnings {
        let actual: Vec<String> = answer.warnings.iter().map(|w| w.name.clone()).collect();
        let (mut want, mut got) = (expected.clone(), actual.clone());
        want.sort();
        got.sort();
        if want != got {
            failures.push(Failure::Warnings {
                expected: expected.clone(),
                actual,
            });
        }
    }
    let named: Vec<&str> = names.iter().map(String::as_str).collect();
    Outcome {
        failures,
        touched: touched_by(&answer),
        rows: rows_by(&answer),
        expected: expected_json(case, Some(&answer), &names),
        actual: outputs_json(&answer, &named),
    }
}

fn trace_of(answer: &Answer, output: &OutputValue) -> String {
    let only = Answer {
        notice: answer.notice.clone(),
        outputs: vec![output.clone()],
        trace: answer.trace.clone(),
        warnings: answer.warnings.clone(),
    };
    eval::explain_tree(&only)
}

fn show_expected(expected: &Expected) -> String {
    match expected {
        Expected::Bool(b) => if *b { "是" } else { "否" }.into(),
        Expected::Text(s) => s.clone(),
        Expected::Number(n) => n.to_string(),
        Expected::Undefined => "缺省".into(),
    }
}

fn show_actual(output: &OutputValue) -> String {
    match &output.value {
        Some(v) => v.display(&output.ty),
        None => "缺省".into(),
    }
}

/// Whether an output's value is the expected one. Amounts compare as exact
/// decimals in the output's declared unit ("4000" is "4000.00"; "3年" is 3
/// when the output is in 年).
fn matches(expected: &Expected, output: &OutputValue) -> bool {
    let Some(value) = &output.value else {
        return *expected == Expected::Undefined;
    };
    let json = value.to_json(&output.ty);
    match expected {
        Expected::Undefined => false,
        Expected::Bool(b) => json == serde_json::Value::Bool(*b),
        Expected::Number(n) => shown_amount(&json).is_some_and(|a| a == *n),
        Expected::Text(text) => {
            if json.as_str() == Some(text.as_str()) {
                return true;
            }
            let Type::Quantity { unit, .. } = &output.ty else {
                return false;
            };
            let bare = text.strip_suffix(unit.name.as_str()).unwrap_or(text);
            match (bare.trim().parse::<Decimal>(), shown_amount(&json)) {
                (Ok(want), Some(got)) => want == got,
                _ => false,
            }
        }
    }
}

fn shown_amount(json: &serde_json::Value) -> Option<Decimal> {
    match json {
        serde_json::Value::Number(n) => n.to_string().parse().ok(),
        serde_json::Value::String(s) => s.parse().ok(),
        _ => None,
    }
}
