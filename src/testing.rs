//! Test cases kept beside a notice (`NAME.tests.toml` next to `NAME.pol`),
//! as OpenFisca keeps YAML tests and Cedar its `run-tests` files: facts,
//! the values expected of outputs, and the clauses expected to decide them.
//!
//! ```toml
//! [base]                          # facts shared by every case (optional)
//! "家庭人口" = 3
//! [[case]]
//! name = "重大财产损失，首次申请"
//! facts = { "困难类型" = "重大损失" }
//! expect = { "予以救助" = true, "救助金额" = "4000.00" }
//! cites = { "救助金额" = "第六条第二款" }   # or a list: each must be cited
//! # error = ["不在有效期内"]      # instead: evaluation must fail so
//! ```

use crate::calendar::Calendar;
use crate::clause::ClausePath;
use crate::diag::{Bilingual, Diagnostic, Lang, Severity};
use crate::eval::{self, Answer, Facts, OutputValue};
use crate::program::{Program, Type};
use rust_decimal::Decimal;
use serde::Deserialize;
use std::fmt::Write as _;

pub const CODE_TEST_FILE: &str = "polc::test::file";

/// The file name of the tests kept beside `notice.pol`.
pub fn tests_path_for(notice: &std::path::Path) -> std::path::PathBuf {
    notice.with_extension("tests.toml")
}

/// What a case expects of one output's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Expected {
    Bool(bool),
    /// A number, or an amount written as text ("4000.00", "3年", "0.4%").
    Text(String),
    Number(Decimal),
    /// "缺省": no case applies to an optional output.
    Undefined,
}

#[derive(Debug, Clone)]
pub struct TestCase {
    pub name: String,
    /// The base facts with the case's own laid over them.
    pub facts: serde_json::Map<String, serde_json::Value>,
    pub expect: Vec<(String, Expected)>,
    pub cites: Vec<(String, Vec<(String, ClausePath)>)>,
    /// Words the error message must contain when the case must fail.
    pub error: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default)]
pub struct TestSuite {
    pub cases: Vec<TestCase>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SuiteFile {
    #[serde(default)]
    base: toml::Table,
    #[serde(default, rename = "case")]
    cases: Vec<CaseFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    name: String,
    #[serde(default)]
    facts: toml::Table,
    #[serde(default)]
    expect: toml::Table,
    #[serde(default)]
    cites: toml::Table,
    error: Option<Vec<String>>,
}

impl TestSuite {
    /// Reads a test file; every problem is reported with the case it is in.
    pub fn parse(text: &str) -> Result<TestSuite, Box<Diagnostic>> {
        let file: SuiteFile = toml::from_str(text).map_err(|e| {
            file_error(
                format!("测试文件格式有误：{}", e.message()),
                format!("malformed test file: {}", e.message()),
            )
        })?;
        let base = table_to_json(file.base)?;
        let mut cases = Vec::new();
        for case in file.cases {
            cases.push(lower_case(case, &base)?);
        }
        Ok(TestSuite { cases })
    }
}

fn lower_case(
    case: CaseFile,
    base: &serde_json::Map<String, serde_json::Value>,
) -> Result<TestCase, Box<Diagnostic>> {
    let mut facts = base.clone();
    facts.extend(table_to_json(case.facts)?);
    let name = case.name;
    let mut expect = Vec::new();
    for (output, value) in case.expect {
        let expected = match value {
            toml::Value::Boolean(b) => Expected::Bool(b),
            toml::Value::Integer(i) => Expected::Number(Decimal::from(i)),
            toml::Value::String(s) if s == "缺省" => Expected::Undefined,
            toml::Value::String(s) => Expected::Text(s),
            other => {
                return Err(file_error(
                    format!(
                        "案例「{name}」：「{output}」的期望值 {other} 无法比较；金额、小数请写成字符串（\"4000.00\"）"
                    ),
                    format!(
                        "case `{name}`: expected value {other} of `{output}` cannot be compared; write amounts and decimals as strings (\"4000.00\")"
                    ),
                ));
            }
        };
        expect.push((output, expected));
    }
    let mut cites = Vec::new();
    for (output, value) in case.cites {
        let written: Vec<String> = match value {
            toml::Value::String(s) => vec![s],
            toml::Value::Array(items) => items
                .into_iter()
                .filter_map(|i| i.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        };
        let mut clauses = Vec::new();
        for text in written {
            let Some(path) = crate::syntax::parse_citation(&text) else {
                return Err(file_error(
                    format!("案例「{name}」：「{text}」不是条款引用（如 第六条第（二）项）"),
                    format!(
                        "case `{name}`: `{text}` is not a clause citation (such as 第六条第（二）项)"
                    ),
                ));
            };
            clauses.push((text, path));
        }
        cites.push((output, clauses));
    }
    Ok(TestCase {
        name,
        facts,
        expect,
        cites,
        error: case.error,
    })
}

fn file_error(zh: String, en: String) -> Box<Diagnostic> {
    Box::new(Diagnostic {
        code: CODE_TEST_FILE,
        severity: Severity::Error,
        message: Bilingual::new(zh, en),
        help: Some(Bilingual::new(
            "格式见 docs/language.md「测试文件」一节",
            "see the section on test files in docs/language.md",
        )),
        span: None,
        clause: None,
    })
}

/// TOML facts as the JSON facts `polc eval` reads, through the facts
/// decoder's own conversion (dates as ISO text, nesting bounded).
fn table_to_json(
    table: toml::Table,
) -> Result<serde_json::Map<String, serde_json::Value>, Box<Diagnostic>> {
    match crate::eval::facts::toml_value_to_json(toml::Value::Table(table)) {
        Ok(serde_json::Value::Object(map)) => Ok(map),
        Ok(_) => Ok(serde_json::Map::new()),
        Err(e) => {
            let d = e.to_diagnostic();
            Err(file_error(d.message.zh, d.message.en))
        }
    }
}

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
                        display_list(actual)
                    )
                } else {
                    format!(
                        "{output}: should cite {missing}, cites {}",
                        display_list(actual)
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

fn display_list(items: &[String]) -> String {
    if items.is_empty() {
        "（无）".into()
    } else {
        items.join("、")
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

/// Runs one case against a checked notice, counting periods on `calendar`.
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

/// Which computable clauses of a notice its test cases reach.
#[derive(Debug, Clone, Default)]
pub struct Coverage {
    /// Clauses that state something computable: a fact, a parameter, a case
    /// of a rule or output, a cap or floor, a roster.
    pub computable: Vec<ClausePath>,
    /// Those of them some case went through.
    pub covered: Vec<ClausePath>,
    /// Clauses marked 不可计算, listed apart and never counted as uncovered.
    pub not_computable: Vec<ClausePath>,
}

impl Coverage {
    pub fn of(program: &Program, reports: &[CaseReport]) -> Coverage {
        let mut computable: Vec<ClausePath> = program
            .facts
            .values()
            .map(|f| f.clause)
            .chain(program.params.values().map(|p| p.clause))
            .chain(program.rosters.values().map(|r| r.clause))
            .chain(program.derived.values().flat_map(|d| {
                d.cases
                    .iter()
                    .map(|c| c.clause)
                    .chain(d.bounds.iter().map(|b| b.clause))
            }))
            .collect();
        computable.sort();
        computable.dedup();
        let touched: std::collections::HashSet<ClausePath> = reports
            .iter()
            .flat_map(|r| r.touched.iter().copied())
            .collect();
        let covered = computable
            .iter()
            .copied()
            .filter(|c| touched.contains(c))
            .collect();
        // A clause with rules and a 不可计算 remark for its other sentences
        // counts as computable.
        let mut not_computable: Vec<ClausePath> = program
            .clauses
            .iter()
            .filter(|c| c.not_computable.is_some() && !computable.contains(&c.path))
            .map(|c| c.path)
            .collect();
        not_computable.sort();
        Coverage {
            computable,
            covered,
            not_computable,
        }
    }

    pub fn uncovered(&self) -> Vec<ClausePath> {
        self.computable
            .iter()
            .copied()
            .filter(|c| !self.covered.contains(c))
            .collect()
    }

    /// Percentage of computable clauses covered; 100 when there are none.
    pub fn percent(&self) -> Decimal {
        if self.computable.is_empty() {
            return Decimal::ONE_HUNDRED;
        }
        (Decimal::from(self.covered.len() * 100) / Decimal::from(self.computable.len())).round_dp(1)
    }
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
