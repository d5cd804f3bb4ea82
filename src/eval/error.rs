//! Evaluation errors: what is missing or wrong in a case, and where the
//! notice needs it.

use crate::clause::ClausePath;
use crate::diag::{Bilingual, Diagnostic, Severity};
use chrono::NaiveDate;

pub mod codes {
    pub const MISSING_FACT: &str = "polc::eval::missing_fact";
    pub const FACT_TYPE: &str = "polc::eval::fact_type";
    pub const OUTSIDE_VALIDITY: &str = "polc::eval::outside_validity";
    pub const NO_RULE: &str = "polc::eval::no_rule";
    pub const CONFLICT: &str = "polc::eval::conflict";
    pub const ARITHMETIC: &str = "polc::eval::arithmetic";
    pub const CALENDAR: &str = "polc::eval::calendar";
    pub const NO_PARAM_VALUE: &str = "polc::eval::no_param_value";
    pub const FACTS_FILE: &str = "polc::eval::facts_file";
}

#[derive(Debug, Clone, PartialEq)]
pub enum EvalError {
    MissingFact {
        name: String,
        clause: ClausePath,
        needed_by: Option<ClausePath>,
    },
    FactType {
        name: String,
        clause: ClausePath,
        expected: String,
        found: String,
    },
    UnknownEnumValue {
        name: String,
        clause: ClausePath,
        value: String,
        allowed: Vec<String>,
    },
    /// `range` is already formatted (1人 至 20人).
    FactRange {
        name: String,
        clause: ClausePath,
        value: String,
        range: String,
    },
    OutsideValidity {
        fact: String,
        date: NaiveDate,
        effective: NaiveDate,
        expires: NaiveDate,
        clause: ClausePath,
    },
    NoRule {
        name: String,
        clause: ClausePath,
    },
    Conflict {
        name: String,
        clauses: Vec<ClausePath>,
        values: Vec<String>,
    },
    Arithmetic {
        what: Bilingual,
        clause: ClausePath,
    },
    Calendar {
        detail: String,
        /// The first and last year of the calendar in use, for the help.
        covered: (i32, i32),
        clause: ClausePath,
    },
    NoParamValue {
        name: String,
        date: NaiveDate,
        first: Option<NaiveDate>,
        clause: ClausePath,
    },
    UnknownOutput {
        name: String,
    },
    FactsFile {
        detail: String,
    },
}

impl EvalError {
    pub fn code(&self) -> &'static str {
        use EvalError::*;
        match self {
            MissingFact { .. } => codes::MISSING_FACT,
            FactType { .. } | UnknownEnumValue { .. } | FactRange { .. } => codes::FACT_TYPE,
            OutsideValidity { .. } => codes::OUTSIDE_VALIDITY,
            NoRule { .. } | UnknownOutput { .. } => codes::NO_RULE,
            Conflict { .. } => codes::CONFLICT,
            Arithmetic { .. } => codes::ARITHMETIC,
            Calendar { .. } => codes::CALENDAR,
            NoParamValue { .. } => codes::NO_PARAM_VALUE,
            FactsFile { .. } => codes::FACTS_FILE,
        }
    }

    /// The clause the error is about.
    pub fn clause(&self) -> Option<ClausePath> {
        use EvalError::*;
        match self {
            MissingFact {
                needed_by, clause, ..
            } => Some(needed_by.unwrap_or(*clause)),
            FactType { clause, .. }
            | UnknownEnumValue { clause, .. }
            | FactRange { clause, .. }
            | OutsideValidity { clause, .. }
            | NoRule { clause, .. }
            | Arithmetic { clause, .. }
            | Calendar { clause, .. }
            | NoParamValue { clause, .. } => Some(*clause),
            Conflict { clauses, .. } => clauses.first().copied(),
            UnknownOutput { .. } | FactsFile { .. } => None,
        }
    }

    pub fn to_diagnostic(&self) -> Diagnostic {
        use EvalError::*;
        fn b(zh: impl Into<String>, en: impl Into<String>) -> Bilingual {
            Bilingual::new(zh, en)
        }
        let (message, help) = match self {
            MissingFact {
                name,
                clause,
                needed_by,
            } => (
                match needed_by {
                    Some(by) if by != clause => b(
                        format!("缺少事实「{name}」（该事实声明于{clause}）"),
                        format!("missing fact `{name}` (declared in {clause})"),
                    ),
                    _ => b(
                        format!("缺少事实「{name}」"),
                        format!("missing fact `{name}`"),
                    ),
                },
                b(
                    format!("在事实文件中加上 \"{name}\" 的值"),
                    format!("add a value for \"{name}\" to the facts file"),
                ),
            ),
            FactType {
                name,
                expected,
                found,
                ..
            } => (
                b(
                    format!("事实「{name}」的值 {found} 类型不对，应为{expected}"),
                    format!("fact `{name}` has the wrong type: {found}; expected {expected}"),
                ),
                b(
                    "按声明的类型和单位填写",
                    "give the value in the declared type and unit",
                ),
            ),
            UnknownEnumValue {
                name,
                value,
                allowed,
                ..
            } => (
                b(
                    format!("事实「{name}」的值「{value}」不在可选值中"),
                    format!("fact `{name}`: `{value}` is not an allowed value"),
                ),
                b(
                    format!("可选值：{}", allowed.join("、")),
                    format!("allowed: {}", allowed.join(", ")),
                ),
            ),
            FactRange {
                name, value, range, ..
            } => (
                b(
                    format!("事实「{name}」的值 {value} 超出范围 {range}"),
                    format!(
                        "fact `{name}` = {value} is outside {}",
                        range.replace(" 至 ", " to ")
                    ),
                ),
                b("核对数值和单位", "check the number and its unit"),
            ),
            OutsideValidity {
                fact,
                date,
                effective,
                expires,
                clause,
            } => (
                b(
                    format!(
                        "{fact} {date} 不在有效期内：本文件自 {effective} 起施行，有效期至 {expires}（{clause}）"
                    ),
                    format!(
                        "{fact} {date} is outside the validity window (有效期) {effective} to {expires} ({clause})"
                    ),
                ),
                b(
                    "有效期外的案件不适用本文件；核对日期，或适用当时有效的文件",
                    "the notice does not apply outside its window; check the date or use the notice then in force",
                ),
            ),
            NoRule { name, .. } => (
                b(
                    format!("「{name}」在本案情形下没有适用的规则"),
                    format!("no rule gives `{name}` for this case"),
                ),
                b(
                    "这是规则的空白（gap）：补充规则，或用 原则上 写出默认值",
                    "a gap in the rules: add a case or a default (原则上)",
                ),
            ),
            Conflict {
                name,
                clauses,
                values,
            } => {
                let (zh, en) = match clauses.as_slice() {
                    [one] => (
                        format!("{one}中的多条规则"),
                        format!("several cases in {one}"),
                    ),
                    _ => (join(clauses, "与"), join(clauses, " and ")),
                };
                (
                    b(
                        format!(
                            "「{name}」同时适用{zh}，结果不同（{}），且未声明优先关系",
                            values.join(" / ")
                        ),
                        format!(
                            "`{name}`: {en} all apply with different results ({}) and no declared priority",
                            values.join(" / ")
                        ),
                    ),
                    b(
                        "用 优先于 声明哪一条是例外，或用决策表的 命中 取大/取小/首条",
                        "declare the exception with 优先于 (over), or use a table hit policy",
                    ),
                )
            }
            Arithmetic { what, .. } => (
                what.clone(),
                b(
                    "核对事实中的数值，或该条的计算公式",
                    "check the numbers in the facts, or the formula in this clause",
                ),
            ),
            Calendar {
                detail, covered, ..
            } => (
                b(
                    format!("期限无法计算：{detail}"),
                    format!("cannot compute the deadline: {detail}"),
                ),
                calendar_help(*covered),
            ),
            NoParamValue {
                name, date, first, ..
            } => (
                b(
                    format!(
                        "参数「{name}」在 {date} 没有生效的值{}",
                        first
                            .map(|f| format!("（最早自 {f} 起）"))
                            .unwrap_or_default()
                    ),
                    format!("parameter `{name}` has no value in force on {date}"),
                ),
                b(
                    "核对案件日期，或补充该日期的参数值",
                    "check the case date or add a dated value",
                ),
            ),
            UnknownOutput { name } => (
                b(
                    format!("文件中没有名为「{name}」的输出或规则"),
                    format!("no output or rule named `{name}`"),
                ),
                b(
                    "用 polc check 查看文件声明的名称",
                    "see the declared names with polc check",
                ),
            ),
            FactsFile { detail } => (
                b(
                    format!("事实文件无法读取：{detail}"),
                    format!("cannot read the facts file: {detail}"),
                ),
                b(
                    "事实文件是 JSON 或 TOML 的 名称 = 值 表",
                    "a facts file is a JSON or TOML table of name = value",
                ),
            ),
        };
        Diagnostic {
            code: self.code(),
            severity: Severity::Error,
            message,
            help: Some(help),
            span: None,
            clause: self.clause().map(|c| c.to_string()),
        }
    }
}

fn join(clauses: &[ClausePath], sep: &str) -> String {
    clauses
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(sep)
}

impl std::fmt::Display for EvalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_diagnostic().headline(crate::diag::Lang::Zh))
    }
}

impl std::error::Error for EvalError {}

/// What the calendar in use covers (the embedded table, or as extended with
/// `--calendar`) and how to add a year.
fn calendar_help(covered: (i32, i32)) -> Bilingual {
    Bilingual::new(
        format!(
            "工作日历只有 {} 年至 {} 年的官方数据；国务院办公厅公布下一年的安排后，用 --calendar 文件 补上（格式同 data/cn-workdays-*.toml）",
            covered.0, covered.1
        ),
        format!(
            "the working-day calendar has official data for {}-{} only; once the State Council announces the next year, add it with --calendar FILE (format of data/cn-workdays-*.toml)",
            covered.0, covered.1
        ),
    )
}
