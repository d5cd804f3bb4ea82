//! The tests file: its TOML format (see the example in [`super`]) and its
//! parsing into cases, every problem reported with the case it is in.

use crate::clause::ClausePath;
use crate::diag::{Bilingual, Diagnostic, Severity};
use rust_decimal::Decimal;
use serde::Deserialize;

pub const CODE_TEST_FILE: &str = "polc::test::file";

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
