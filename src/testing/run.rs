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
}

impl CaseReport {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Runs one case against a checked notice.
pub fn run_case(program: &Program, calendar: &Calendar, case: &TestCase) -> CaseReport {
    let (failures, touched) = match &case.error {
        Some(words) => (expect_error(program, calendar, case, words), Vec::new()),
        None => expect_values(program, calendar, case),
    };
    CaseReport {
        name: case.name.clone(),
        failures,
        touched,
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
) -> Vec<Failure> {
    match evaluate(program, calendar, case, &program.outputs) {
        Ok(_) => vec![Failure::NoError {
            words: words.to_vec(),
        }],
        Err(message) => words
            .iter()
            .filter(|w| !message.contains(w.as_str()))
            .map(|w| Failure::ErrorWords {
                missing: w.clone(),
                message: message.clone(),
            })
            .collect(),
    }
}

fn expect_values(
    program: &Program,
    calendar: &Calendar,
    case: &TestCase,
) -> (Vec<Failure>, Vec<ClausePath>) {
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
        Err(message) => return (vec![Failure::Error { message }], Vec::new()),
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
    (failures, touched_by(&answer))
}

fn trace_of(answer: &Answer, output: &OutputValue) -> String {
    let only = Answer {
        notice: answer.notice.clone(),
        outputs: vec![output.clone()],
        trace: answer.trace.clone(),
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
