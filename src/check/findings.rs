//! The checker's findings as data, and their words in both languages.

use super::codes;
use crate::clause::ClausePath;
use crate::diag::{Bilingual, Diagnostic, Severity};
use crate::source::Span;
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq)]
pub enum CheckError {
    UnknownName {
        name: String,
        span: Span,
        clause: ClausePath,
        suggestion: Option<String>,
    },
    DuplicateName {
        name: String,
        span: Span,
        clause: ClausePath,
        first: ClausePath,
    },
    TypeMismatch {
        expected: String,
        found: String,
        context: String,
        span: Span,
        clause: ClausePath,
    },
    UnitMismatch {
        left: String,
        right: String,
        op: String,
        span: Span,
        clause: ClausePath,
    },
    UnknownUnit {
        unit: String,
        span: Span,
        clause: ClausePath,
    },
    UnknownEnumValue {
        value: String,
        allowed: Vec<String>,
        span: Span,
        clause: ClausePath,
    },
    ClauseOrder {
        mark: String,
        expected: u32,
        found: u32,
        span: Span,
        clause: Option<ClausePath>,
    },
    DuplicateClause {
        mark: String,
        span: Span,
        clause: Option<ClausePath>,
    },
    DanglingCitation {
        citation: String,
        span: Span,
        clause: ClausePath,
    },
    /// 参见 names a 文号 that several notices of the checked set carry, so
    /// the reference is ambiguous.
    DuplicateNotice {
        notice: String,
        count: usize,
        span: Span,
        clause: ClausePath,
    },
    /// 参见 names a 文号 that no notice of the checked set has.
    UnknownNotice {
        notice: String,
        known: Vec<String>,
        span: Span,
        clause: ClausePath,
    },
    DateOutsideValidity {
        date: NaiveDate,
        effective: NaiveDate,
        expires: NaiveDate,
        validity_clause: ClausePath,
        span: Span,
        clause: ClausePath,
    },
    UnusedFact {
        name: String,
        span: Span,
        clause: ClausePath,
    },
    UndefinedOutput {
        name: String,
        span: Span,
        clause: ClausePath,
    },
    AssignToInput {
        name: String,
        span: Span,
        clause: ClausePath,
    },
    PriorityCycle {
        name: String,
        span: Span,
        clause: ClausePath,
        clauses: Vec<ClausePath>,
    },
    OverridesNothing {
        name: String,
        target: ClausePath,
        span: Span,
        clause: ClausePath,
    },
    DependencyCycle {
        name: String,
        path: Vec<String>,
        span: Span,
        clause: ClausePath,
    },
    /// A name listed twice in one roster: a copying slip that the stated
    /// count would not catch if another name were left out.
    RosterDuplicate {
        name: String,
        member: String,
        span: Span,
        clause: ClausePath,
    },
    RosterCount {
        name: String,
        declared: u32,
        actual: usize,
        span: Span,
        clause: ClausePath,
    },
    TableShape {
        name: String,
        row: usize,
        cells: usize,
        inputs: usize,
        span: Span,
        clause: ClausePath,
    },
    NoCaseDate {
        span: Span,
        clause: ClausePath,
    },
    MissingDocNumber,
    Validity {
        message: Bilingual,
        span: Span,
        clause: ClausePath,
    },
}

impl CheckError {
    pub fn severity(&self) -> Severity {
        match self {
            CheckError::UnusedFact { .. }
            | CheckError::NoCaseDate { .. }
            | CheckError::OverridesNothing { .. }
            | CheckError::DateOutsideValidity { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }

    pub fn code(&self) -> &'static str {
        use CheckError::*;
        match self {
            UnknownName { .. } => codes::UNKNOWN_NAME,
            DuplicateName { .. } => codes::DUPLICATE_NAME,
            TypeMismatch { .. } => codes::TYPE_MISMATCH,
            UnitMismatch { .. } => codes::UNIT_MISMATCH,
            UnknownUnit { .. } => codes::UNKNOWN_UNIT,
            UnknownEnumValue { .. } => codes::UNKNOWN_ENUM_VALUE,
            ClauseOrder { .. } => codes::CLAUSE_ORDER,
            DuplicateClause { .. } => codes::DUPLICATE_CLAUSE,
            DanglingCitation { .. } => codes::DANGLING_CITATION,
            UnknownNotice { .. } => codes::UNKNOWN_NOTICE,
            DuplicateNotice { .. } => codes::DUPLICATE_NOTICE,
            DateOutsideValidity { .. } => codes::DATE_OUTSIDE_VALIDITY,
            UnusedFact { .. } => codes::UNUSED_FACT,
            UndefinedOutput { .. } => codes::UNDEFINED_OUTPUT,
            AssignToInput { .. } => codes::ASSIGN_TO_INPUT,
            PriorityCycle { .. } => codes::PRIORITY_CYCLE,
            OverridesNothing { .. } => codes::OVERRIDES_NOTHING,
            DependencyCycle { .. } => codes::DEPENDENCY_CYCLE,
            RosterCount { .. } => codes::ROSTER_COUNT,
            RosterDuplicate { .. } => codes::ROSTER_DUPLICATE,
            TableShape { .. } => codes::TABLE_SHAPE,
            NoCaseDate { .. } => codes::NO_CASE_DATE,
            MissingDocNumber => codes::MISSING_DOC_NUMBER,
            Validity { .. } => codes::VALIDITY,
        }
    }

    fn location(&self) -> (Option<Span>, Option<String>) {
        use CheckError::*;
        let at = |span: &Span, clause: &ClausePath| (Some(*span), Some(clause.to_string()));
        match self {
            UnknownName { span, clause, .. }
            | DuplicateName { span, clause, .. }
            | TypeMismatch { span, clause, .. }
            | UnitMismatch { span, clause, .. }
            | UnknownUnit { span, clause, .. }
            | UnknownEnumValue { span, clause, .. }
            | DanglingCitation { span, clause, .. }
            | UnknownNotice { span, clause, .. }
            | DuplicateNotice { span, clause, .. }
            | DateOutsideValidity { span, clause, .. }
            | UnusedFact { span, clause, .. }
            | UndefinedOutput { span, clause, .. }
            | AssignToInput { span, clause, .. }
            | PriorityCycle { span, clause, .. }
            | OverridesNothing { span, clause, .. }
            | DependencyCycle { span, clause, .. }
            | RosterCount { span, clause, .. }
            | RosterDuplicate { span, clause, .. }
            | TableShape { span, clause, .. }
            | NoCaseDate { span, clause }
            | Validity { span, clause, .. } => at(span, clause),
            ClauseOrder { span, clause, .. } | DuplicateClause { span, clause, .. } => {
                (Some(*span), clause.map(|c| c.to_string()))
            }
            MissingDocNumber => (None, None),
        }
    }

    fn words(&self) -> (Bilingual, Bilingual) {
        use CheckError::*;
        fn b(zh: impl Into<String>, en: impl Into<String>) -> Bilingual {
            Bilingual::new(zh, en)
        }
        match self {
            UnknownName {
                name, suggestion, ..
            } => (
                b(
                    format!("未定义的名称「{name}」"),
                    format!("unknown name `{name}`"),
                ),
                match suggestion {
                    Some(s) => b(format!("是否想写「{s}」？"), format!("did you mean `{s}`?")),
                    None => b(
                        "先用 事实、参数、规则 或 输出 声明它，再使用",
                        "declare it with fact, param, rule or output before using it",
                    ),
                },
            ),
            DuplicateName { name, first, .. } => (
                b(
                    format!("名称「{name}」重复声明，{first}已声明过"),
                    format!("`{name}` is declared twice; first in {first}"),
                ),
                b(
                    "删去其中一处，或改用不同的名称",
                    "remove one declaration or rename it",
                ),
            ),
            TypeMismatch {
                expected,
                found,
                context,
                ..
            } => (
                b(
                    format!("{context}应为{expected}，实际是{found}"),
                    format!("{context}: expected {expected}, found {found}"),
                ),
                b(
                    "检查名称是否写错，或是否漏写了比较",
                    "check the names, or whether a comparison is missing",
                ),
            ),
            UnitMismatch {
                left, right, op, ..
            } => (
                b(
                    format!("单位不一致：「{left}」与「{right}」不能{op}"),
                    format!("unit mismatch: `{left}` and `{right}` cannot be combined by {op}"),
                ),
                b(
                    "同一量纲的单位可以换算（万元与元、%与‰、公顷与亩），不同量纲不能相加或比较；工作日与日也不同",
                    "units of one dimension convert (万元/元, %/‰, 公顷/亩); different dimensions cannot be added or compared; 工作日 is not 日",
                ),
            ),
            UnknownUnit { unit, .. } => (
                b(
                    format!("未知的单位「{unit}」"),
                    format!("unknown unit `{unit}`"),
                ),
                b(
                    format!("可用单位：{}", crate::units::UNIT_NAMES.join(" ")),
                    format!("known units: {}", crate::units::UNIT_NAMES.join(" ")),
                ),
            ),
            UnknownEnumValue { value, allowed, .. } => (
                b(
                    format!("「{value}」不是可选值之一"),
                    format!("`{value}` is not one of the allowed values"),
                ),
                b(
                    format!("可选值：{}", allowed.join("、")),
                    format!("allowed: {}", allowed.join(", ")),
                ),
            ),
            ClauseOrder {
                mark,
                expected,
                found,
                ..
            } => (
                b(
                    format!("条款编号「{mark}」不连续：此处应为第{expected}个，实际编为{found}"),
                    format!(
                        "clause `{mark}` is out of order: expected number {expected}, found {found}"
                    ),
                ),
                b(
                    "条款应从一开始依次编号，不跳号、不倒序",
                    "number clauses consecutively from one",
                ),
            ),
            DuplicateClause { mark, .. } => (
                b(
                    format!("条款编号「{mark}」重复"),
                    format!("clause number `{mark}` is repeated"),
                ),
                b(
                    "每个编号只能出现一次；合并两处内容或重新编号",
                    "each number appears once; merge the two or renumber",
                ),
            ),
            DanglingCitation { citation, .. } => (
                b(
                    format!("引用的条款「{citation}」不存在"),
                    format!("cited clause `{citation}` does not exist"),
                ),
                b(
                    "核对条、款、项、目的编号；第（二）项与第二项都可以写",
                    "check the article/paragraph/item numbers; 第（二）项 and 第二项 are both accepted",
                ),
            ),
            DuplicateNotice { notice, count, .. } => (
                b(
                    format!("引用的文号「{notice}」有 {count} 个文件，无法确定引用哪一个"),
                    format!(
                        "cited 文号 `{notice}` is carried by {count} notices; the reference is ambiguous"
                    ),
                ),
                b(
                    "一个文号只编码为一个文件；通知印发的几个文件写作该文件的 附件1、附件2",
                    "encode one 文号 in one file; documents a notice issues become its 附件1, 附件2",
                ),
            ),
            UnknownNotice { notice, known, .. } => (
                b(
                    format!("引用的文件「{notice}」不在所检查的文件中"),
                    format!("cited notice `{notice}` is not among the notices checked"),
                ),
                b(
                    format!(
                        "核对文号，或把该文件的 .pol 放在同一目录；本公报以外的文件写在 依据 中。已知文号：{}",
                        known.join("、")
                    ),
                    format!(
                        "check the 文号, or put that notice's .pol file in the same folder; cite notices outside the gazette in 依据. Known: {}",
                        known.join(", ")
                    ),
                ),
            ),
            DateOutsideValidity {
                date,
                effective,
                expires,
                validity_clause,
                ..
            } => (
                b(
                    format!(
                        "日期 {date} 不在有效期内（{effective} 至 {expires}，{validity_clause}）"
                    ),
                    format!(
                        "date {date} is outside the validity window ({effective} to {expires}, {validity_clause})"
                    ),
                ),
                b(
                    "核对日期，或核对有效期条款",
                    "check the date, or the validity clause",
                ),
            ),
            UnusedFact { name, .. } => (
                b(
                    format!("事实「{name}」已声明但没有任何规则使用"),
                    format!("fact `{name}` is declared but no rule uses it"),
                ),
                b(
                    "删去该事实，或在规则中使用它；不可计算的条款不需要声明事实",
                    "remove it or use it in a rule",
                ),
            ),
            UndefinedOutput { name, .. } => (
                b(
                    format!("「{name}」没有任何规则给出它的值"),
                    format!("`{name}` has no rule that gives its value"),
                ),
                b(
                    format!("写一条规则，如 {name} = … 若 …"),
                    format!("add a case such as {name} = … if …"),
                ),
            ),
            AssignToInput { name, .. } => (
                b(
                    format!("「{name}」是事实或参数，不能由规则赋值"),
                    format!("`{name}` is a fact or parameter; rules cannot assign it"),
                ),
                b(
                    "把它声明为 规则 或 输出，或者给规则另起名称",
                    "declare it as rule or output, or give the rule its own name",
                ),
            ),
            PriorityCycle { name, clauses, .. } => (
                b(
                    format!(
                        "「{name}」的优先关系成环：{}",
                        clauses
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join("、")
                    ),
                    format!(
                        "priorities of `{name}` form a cycle: {}",
                        clauses
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ),
                b(
                    "优先于 必须是单向的：例外优先于原则，不能互相优先",
                    "over must point one way: exceptions over the default",
                ),
            ),
            OverridesNothing { name, target, .. } => (
                b(
                    format!("优先于 {target}，但{target}没有「{name}」的规则"),
                    format!("over {target}, but {target} has no case of `{name}`"),
                ),
                b("核对被优先的条款", "check the clause this case overrides"),
            ),
            DependencyCycle { name, path, .. } => (
                b(
                    format!("「{name}」依赖自身：{} → {name}", path.join(" → ")),
                    format!(
                        "`{name}` depends on itself: {} -> {name}",
                        path.join(" -> ")
                    ),
                ),
                b(
                    "规则不能循环引用；拆开循环",
                    "rules may not refer to themselves; break the cycle",
                ),
            ),
            RosterDuplicate { name, member, .. } => (
                b(
                    format!("名单「{name}」中「{member}」出现了两次"),
                    format!("roster `{name}` lists `{member}` twice"),
                ),
                b(
                    "删去重复的一处，并核对原文是否漏抄了别的名字",
                    "remove the repetition and check the text for a name left out",
                ),
            ),
            RosterCount {
                name,
                declared,
                actual,
                ..
            } => (
                b(
                    format!("名单「{name}」写明共 {declared} 个，实际列出 {actual} 个"),
                    format!("roster `{name}` states {declared} members but lists {actual}"),
                ),
                b(
                    "核对原文的人数和名单",
                    "check the count against the list in the text",
                ),
            ),
            TableShape {
                name,
                row,
                cells,
                inputs,
                ..
            } => (
                b(
                    format!("决策表「{name}」第{row}行有 {cells} 个条件格，但表有 {inputs} 个输入"),
                    format!(
                        "decision table `{name}`: row {row} has {cells} cells but the table has {inputs} inputs"
                    ),
                ),
                b(
                    "每行的条件格数要与 输入 的个数相同；不限条件写 -",
                    "each row needs one cell per input; write - for any",
                ),
            ),
            NoCaseDate { .. } => (
                b(
                    "写明了有效期，但没有指定案件日期，求值时无法判断案件是否在有效期内",
                    "the notice has a validity window but no case date, so evaluation cannot check a case against it",
                ),
                b(
                    "在有效期条款中加上 案件日期 申请日期（用声明为日期的事实）",
                    "add case_date NAME (a date fact) to the validity clause",
                ),
            ),
            MissingDocNumber => (
                b("缺少文号", "missing document number"),
                b(
                    "在文件开头写 文号 \"临政发〔2016〕4号\"",
                    "start the file with number \"临政发〔2016〕4号\"",
                ),
            ),
            Validity { message, .. } => (
                message.clone(),
                b(
                    "施行日期须早于有效期至，案件日期须是日期类型的事实",
                    "effective must precede expires; the case date must be a date fact",
                ),
            ),
        }
    }

    pub fn to_diagnostic(&self) -> Diagnostic {
        let (message, help) = self.words();
        let (span, clause) = self.location();
        Diagnostic {
            code: self.code(),
            severity: self.severity(),
            message,
            help: Some(help),
            span,
            clause,
        }
    }
}
