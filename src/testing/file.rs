//! The tests file: its TOML format (see the example in [`super`]) and its
//! parsing into cases, every problem reported with the case it is in.

use crate::clause::ClausePath;
use crate::codes;
use crate::diag::{Bilingual, Diagnostic, Lang};
use rust_decimal::Decimal;
use serde::Deserialize;

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
    /// Readings put in force for this case (id or name, choice), as
    /// `polc eval --reading` does: `readings = { "第四条/期限竞合" = "相加" }`.
    pub readings: Vec<(String, String)>,
    /// The facts the answer must warn about as implausible (`通常`), when
    /// the case says: exactly these, in any order.
    pub warnings: Option<Vec<String>>,
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
    #[serde(default)]
    readings: std::collections::BTreeMap<String, String>,
    warnings: Option<Vec<String>>,
}

impl TestSuite {
    /// Reads a test file; every problem is reported with the case it is in.
    pub fn parse(text: &str) -> Result<TestSuite, Box<Diagnostic>> {
        let file: SuiteFile = toml::from_str(text).map_err(|e| {
            TestFileError::Malformed {
                detail: e.message().to_string(),
                line: e.span().map(|span| line_of(text, span.start)),
            }
            .to_diagnostic()
        })?;
        let base = table_to_json(file.base)?;
        let mut cases = Vec::new();
        for case in file.cases {
            cases.push(lower_case(case, &base)?);
        }
        Ok(TestSuite { cases })
    }
}

/// The 1-based line of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()
        .iter()
        .take(offset)
        .filter(|&&b| b == b'\n')
        .count()
        + 1
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
                return Err(TestFileError::Uncomparable {
                    case: name,
                    output,
                    value: other.to_string(),
                }
                .to_diagnostic());
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
                return Err(TestFileError::NotACitation { case: name, text }.to_diagnostic());
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
        readings: case.readings.into_iter().collect(),
        warnings: case.warnings,
    })
}

/// What is wrong with a test file, as data; [`test_file_message`] says it.
#[derive(Debug, Clone, PartialEq)]
pub enum TestFileError {
    /// Not TOML, or not in the format (the TOML reader's message), at this
    /// line when the reader knows it (a misspelt key such as `nam = …`).
    Malformed { detail: String, line: Option<usize> },
    /// An expected value that is neither a boolean, an integer nor text.
    Uncomparable {
        case: String,
        output: String,
        value: String,
    },
    /// `cites` naming something that is no clause citation.
    NotACitation { case: String, text: String },
    /// Facts the facts reader refuses.
    Facts(crate::eval::EvalError),
}

impl TestFileError {
    pub fn to_diagnostic(&self) -> Box<Diagnostic> {
        Box::new(
            Diagnostic::new(
                &codes::tools::TEST_FILE,
                Bilingual::from_fn(|lang| test_file_message(self, lang)),
            )
            .with_help(Bilingual::new(
                "格式见 docs/language.md「测试文件」一节",
                "see the section on test files in docs/language.md",
            )),
        )
    }
}

/// What a test file error says.
pub fn test_file_message(error: &TestFileError, lang: Lang) -> String {
    match (error, lang) {
        (TestFileError::Malformed { detail, line: None }, Lang::Zh) => {
            format!("测试文件格式有误：{detail}")
        }
        (TestFileError::Malformed { detail, line: None }, Lang::En) => {
            format!("malformed test file: {detail}")
        }
        (
            TestFileError::Malformed {
                detail,
                line: Some(line),
            },
            Lang::Zh,
        ) => format!("测试文件第 {line} 行格式有误：{detail}"),
        (
            TestFileError::Malformed {
                detail,
                line: Some(line),
            },
            Lang::En,
        ) => format!("malformed test file at line {line}: {detail}"),
        (
            TestFileError::Uncomparable {
                case,
                output,
                value,
            },
            Lang::Zh,
        ) => format!(
            "案例「{case}」：「{output}」的期望值 {value} 无法比较；金额、小数请写成字符串（\"4000.00\"）"
        ),
        (
            TestFileError::Uncomparable {
                case,
                output,
                value,
            },
            Lang::En,
        ) => format!(
            "case `{case}`: expected value `{value}` of `{output}` cannot be compared; write amounts and decimals as strings (\"4000.00\")"
        ),
        (TestFileError::NotACitation { case, text }, Lang::Zh) => {
            format!("案例「{case}」：「{text}」不是条款引用（如 第六条第（二）项）")
        }
        (TestFileError::NotACitation { case, text }, Lang::En) => {
            format!("case `{case}`: `{text}` is not a clause citation (such as `第六条第（二）项`)")
        }
        (TestFileError::Facts(e), lang) => e.to_diagnostic().message.get(lang).to_string(),
    }
}

/// TOML facts as the JSON facts `polc eval` reads, through the facts
/// decoder's own conversion (dates as ISO text, nesting bounded).
fn table_to_json(
    table: toml::Table,
) -> Result<serde_json::Map<String, serde_json::Value>, Box<Diagnostic>> {
    match crate::eval::facts::toml_value_to_json(toml::Value::Table(table)) {
        Ok(serde_json::Value::Object(map)) => Ok(map),
        Ok(_) => Ok(serde_json::Map::new()),
        Err(e) => Err(TestFileError::Facts(e).to_diagnostic()),
    }
}
