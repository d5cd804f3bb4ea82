//! The checker's findings as data: what is wrong, where, and in which
//! clause. No words here: what a finding says in either language is
//! [`super::words`]; its code and severity come from the registry
//! ([`crate::codes::check`]). A front end that wants to act on a finding
//! (a language server offering the suggested name) reads these fields.

use super::words;
use crate::ast::{BinOp, CmpOp};
use crate::clause::ClausePath;
use crate::codes::{self, Code, Severity};
use crate::diag::{Bilingual, Diagnostic};
use crate::program::Type;
use crate::source::Span;
use crate::units::Dim;
use chrono::NaiveDate;

/// A finding of the checker: its kind, the text it is about, and the
/// clause that text is in.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckError {
    pub kind: CheckErrorKind,
    /// None only for what concerns the whole file (a missing 文号).
    pub span: Option<Span>,
    /// None for the file header and for clause marks at the top level.
    pub clause: Option<ClausePath>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CheckErrorKind {
    /// `予以救助 = 否 若 有稳定收人` where 有稳定收入 is declared.
    UnknownName {
        name: String,
        suggestion: Option<String>,
    },
    /// `事实 家庭人口: 人` in two clauses.
    DuplicateName { name: String, first: ClausePath },
    /// `予以救助 = 是 若 家庭人口`: a count where a condition goes.
    TypeMismatch {
        expected: Expected,
        found: Found,
        context: Context,
    },
    /// `补偿金额 + 林地面积`: 元 and 亩.
    UnitMismatch {
        left: Dim,
        right: Dim,
        combination: Combination,
    },
    /// `事实 补助标准: 元/头`.
    UnknownUnit { unit: String },
    /// `所在区域 为 郊区` where 所在区域 is 枚举(城区, 农村).
    UnknownEnumValue { value: String, allowed: Vec<String> },
    /// 第一条 then 第三条.
    ClauseOrder {
        mark: String,
        expected: u32,
        found: u32,
    },
    /// （一） twice in one article.
    DuplicateClause { mark: String },
    /// `参见 第九条` in a notice of eight articles; `notice` when the
    /// citation is of another notice (参见 "文号" 第九条).
    DanglingCitation {
        notice: Option<String>,
        citation: ClausePath,
    },
    /// 确认 with a code polc does not have, or without a reason.
    BadAcknowledgement { code: String, unknown_code: bool },
    /// `自 2015年1月1日 起` in a notice in force from 2016.
    DateOutsideValidity {
        date: NaiveDate,
        effective: NaiveDate,
        expires: NaiveDate,
        validity_clause: ClausePath,
    },
    /// `事实 家庭人口: 人` that no rule reads.
    UnusedFact { name: String },
    /// `输出 补助金额: 元` with no case.
    UndefinedOutput { name: String },
    /// `家庭人口 = 3人` where 家庭人口 is a fact.
    AssignToInput { name: String },
    /// 第一条 优先于 第二条 and 第二条 优先于 第一条.
    PriorityCycle {
        name: String,
        clauses: Vec<ClausePath>,
    },
    /// `优先于 第一条` where 第一条 has no case of the name.
    OverridesNothing { name: String, target: ClausePath },
    /// `甲 = 乙 + 1元`, `乙 = 甲`.
    DependencyCycle { name: String, path: Vec<String> },
    /// A name listed twice in one roster: a copying slip that the stated
    /// count would not catch if another name were left out.
    RosterDuplicate { name: String, member: String },
    /// A cap with no condition, no case that masks it and no settling
    /// floor: every case is asked for the facts it reads.
    CapAlwaysAsks { name: String, facts: Vec<String> },
    /// `范围 1人 以上 通常 0人 至 20人`: the plausibility range leaves the
    /// hard range (or is reversed).
    TypicalOutsideRange {
        name: String,
        range: String,
        typical: String,
    },
    /// `名单 先进个人 共 3 名 { "张三", "李四" }`.
    RosterCount {
        name: String,
        declared: u32,
        actual: usize,
    },
    /// A table row with more or fewer cells than inputs.
    TableShape {
        name: String,
        row: usize,
        cells: usize,
        inputs: usize,
    },
    /// 施行 and 有效期至 without 案件日期.
    NoCaseDate,
    /// No `文号` line.
    MissingDocNumber,
    /// A validity window or phase written wrong.
    Validity(ValidityProblem),
    /// A reading (读法) written wrong, deciding nothing, or argued only in a
    /// comment.
    Reading(ReadingProblem),
}

/// What is wrong with a reading (读法).
#[derive(Debug, Clone, PartialEq)]
pub enum ReadingProblem {
    /// `备选 相加` twice in one reading.
    ChoiceTwice { reading: String, choice: String },
    /// A choice with the name of a fact, rule or roster of the notice.
    ChoiceIsDeclared { reading: String, choice: String },
    /// No `采用` line, or more than one (`count` of them).
    Adopted { reading: String, count: usize },
    /// A reading with alternatives that no rule, table or value reads.
    DecidesNothing { reading: String },
    /// `# 读作……` in a clause with no 读法.
    CommentOnly { word: String },
}

/// What is wrong with a validity window (or a phase's dates).
#[derive(Debug, Clone, PartialEq)]
pub enum ValidityProblem {
    /// Only one of 施行 and 有效期至.
    OneEndOnly,
    /// 施行 after 有效期至.
    StartsAfterEnd {
        effective: NaiveDate,
        expires: NaiveDate,
    },
    /// `案件日期 X` where X is a fact of another type.
    CaseDateNotDate { name: String },
    /// `阶段 X 自 D1 至 D2` with D1 after D2.
    PhaseReversed {
        name: String,
        from: NaiveDate,
        to: NaiveDate,
    },
}

/// The type of an expression as the checker sees it. `Variant` is a bare
/// word that names no declaration: it may be a value of an enumeration
/// (重大损失).
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Bool,
    Date,
    Text,
    Enum(Vec<String>),
    /// A number in a dimension; [`Dim::none`] is a plain number.
    Num(Dim),
    Variant(String),
    /// Already reported; stay quiet about what follows from it.
    Error,
}

impl Shape {
    pub fn of(ty: &Type) -> Shape {
        match ty {
            Type::Bool => Shape::Bool,
            Type::Date => Shape::Date,
            Type::Text => Shape::Text,
            Type::Enum(v) => Shape::Enum(v.clone()),
            Type::Quantity { unit, .. } => Shape::Num(unit.dim.clone()),
        }
    }
}

/// What the checker found where something else was expected.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    /// An expression of this type.
    Value(Shape),
    /// A declaration of this type (a procedure's step, a fact with a range).
    Declared(Type),
    /// A roster used as a value.
    Roster(String),
    /// A date function given this many arguments.
    Arguments(usize),
    /// An expression where a constant must be written.
    Expression,
}

/// What the place needed.
#[derive(Debug, Clone, PartialEq)]
pub enum Expected {
    /// A value of the type the other side, the declaration or the
    /// condition fixes.
    Value(Shape),
    Quantity,
    /// A bound on a value that is not a quantity.
    QuantityForBound,
    QuantityOrDate,
    /// Either side of an ordering comparison (超过, 以上).
    Ordered,
    /// Either side of 为 / 不为.
    SameAsOtherSide,
    /// What a date moves by: days, working days, months, years.
    Period,
    /// What a date moves back by: working days count forwards only.
    PeriodBackwards,
    OneArgument,
    /// A procedure's step or total: 日, 工作日 or 小时.
    Duration,
    /// A value, where a roster was written.
    NotRoster,
    /// A number as written, for a fact's range.
    Constant,
    /// A fact of a quantity type, for a range.
    QuantityFact,
}

/// Where in the notice the mismatch is.
#[derive(Debug, Clone, PartialEq)]
pub enum Context {
    /// A parameter's dated value.
    ParamValue,
    /// The value a case gives NAME.
    ValueOf(String),
    /// NAME itself, when it is capped or floored.
    Bounded(String),
    Cap,
    Floor,
    /// The condition after 若 in a case or bound.
    Condition,
    AfterMinus,
    AfterNot,
    /// The operands of an operator.
    Operands(BinOp),
    /// A comparison, with the word as written (超过, 以上, <=).
    Comparison {
        op: CmpOp,
        word: String,
    },
    SetMember,
    RosterMember,
    /// An argument of 较小值, 较大值, 绝对值 after the first.
    FunctionArgument,
    /// The arguments of 较小值 / 较大值 taken together.
    MinMaxArgument,
    DateFunction,
    DateFunctionArgument,
    /// The parts of 若 … 则 … 否则 ….
    IfCondition,
    ThenBranch,
    ElseBranch,
    /// An expression standing alone.
    Expression,
    DateMinusPeriod,
    DateShift,
    /// A step (or the total) of a procedure.
    ProcedureStep {
        procedure: String,
        step: String,
    },
    /// A fact's range as a whole.
    Range,
    /// One end of a fact's range.
    RangeBound,
}

/// How two quantities of different units were put together.
#[derive(Debug, Clone, PartialEq)]
pub enum Combination {
    /// A value given where the declaration fixes another unit.
    Match,
    /// The arguments of 较小值 / 较大值.
    MinMax,
    Arithmetic(BinOp),
    Comparison {
        op: CmpOp,
        word: String,
    },
}

impl CheckError {
    pub fn new(kind: CheckErrorKind, span: Span, clause: ClausePath) -> Self {
        CheckError {
            kind,
            span: Some(span),
            clause: Some(clause),
        }
    }

    pub fn code(&self) -> &'static Code {
        use CheckErrorKind::*;
        use codes::check as c;
        match &self.kind {
            UnknownName { .. } => &c::UNKNOWN_NAME,
            DuplicateName { .. } => &c::DUPLICATE_NAME,
            TypeMismatch { .. } => &c::TYPE_MISMATCH,
            UnitMismatch { .. } => &c::UNIT_MISMATCH,
            UnknownUnit { .. } => &c::UNKNOWN_UNIT,
            UnknownEnumValue { .. } => &c::UNKNOWN_ENUM_VALUE,
            ClauseOrder { .. } => &c::CLAUSE_ORDER,
            DuplicateClause { .. } => &c::DUPLICATE_CLAUSE,
            DanglingCitation { .. } => &c::DANGLING_CITATION,
            BadAcknowledgement { .. } => &c::BAD_ACKNOWLEDGEMENT,
            DateOutsideValidity { .. } => &c::DATE_OUTSIDE_VALIDITY,
            UnusedFact { .. } => &c::UNUSED_FACT,
            UndefinedOutput { .. } => &c::UNDEFINED_OUTPUT,
            AssignToInput { .. } => &c::ASSIGN_TO_INPUT,
            PriorityCycle { .. } => &c::PRIORITY_CYCLE,
            OverridesNothing { .. } => &c::OVERRIDES_NOTHING,
            DependencyCycle { .. } => &c::DEPENDENCY_CYCLE,
            RosterCount { .. } => &c::ROSTER_COUNT,
            TypicalOutsideRange { .. } => &c::TYPICAL_OUTSIDE_RANGE,
            CapAlwaysAsks { .. } => &c::CAP_ALWAYS_ASKS,
            RosterDuplicate { .. } => &c::ROSTER_DUPLICATE,
            TableShape { .. } => &c::TABLE_SHAPE,
            NoCaseDate => &c::NO_CASE_DATE,
            MissingDocNumber => &c::MISSING_DOC_NUMBER,
            Validity(_) => &c::VALIDITY,
            Reading(
                ReadingProblem::ChoiceTwice { .. }
                | ReadingProblem::ChoiceIsDeclared { .. }
                | ReadingProblem::Adopted { .. },
            ) => &c::READING_CHOICES,
            Reading(ReadingProblem::DecidesNothing { .. }) => &c::READING_DECIDES_NOTHING,
            Reading(ReadingProblem::CommentOnly { .. }) => &c::READING_IN_COMMENT,
        }
    }

    pub fn severity(&self) -> Severity {
        self.code().severity
    }

    pub fn to_diagnostic(&self) -> Diagnostic {
        Diagnostic {
            code: self.code(),
            message: Bilingual::from_fn(|lang| words::message(&self.kind, lang)),
            help: Some(Bilingual::from_fn(|lang| words::help(&self.kind, lang))),
            span: self.span,
            clause: self.clause,
        }
    }
}
