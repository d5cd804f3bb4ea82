//! The checked program: what the evaluator runs. Names are resolved, types
//! and units known, cases ordered by their declared priority.

use crate::ast::Expr;
use crate::clause::ClausePath;
use crate::source::Span;
use crate::units::{Dim, Unit};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
pub enum Type {
    Bool,
    Date,
    Text,
    Enum(Vec<String>),
    /// A number with a unit (or none). `integral` marks counted things.
    Quantity {
        unit: Unit,
        integral: bool,
    },
}

impl Type {
    pub fn describe(&self) -> String {
        match self {
            Type::Bool => "布尔".into(),
            Type::Date => "日期".into(),
            Type::Text => "文本".into(),
            Type::Enum(variants) => format!("枚举({})", variants.join(", ")),
            Type::Quantity { unit, integral } => {
                if unit.name.is_empty() {
                    if *integral {
                        "整数".into()
                    } else {
                        "小数".into()
                    }
                } else {
                    unit.name.clone()
                }
            }
        }
    }

    pub fn dim(&self) -> Option<&Dim> {
        match self {
            Type::Quantity { unit, .. } => Some(&unit.dim),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct FactInfo {
    pub name: String,
    pub ty: Type,
    pub clause: ClausePath,
    pub span: Span,
    /// Declared domain in base units (inclusive), for checks and analyses.
    pub range: Option<(Decimal, Decimal)>,
}

#[derive(Debug, Clone)]
pub struct ParamInfo {
    pub name: String,
    pub ty: Type,
    pub clause: ClausePath,
    pub span: Span,
    /// (in force from, value expression), sorted by date.
    pub values: Vec<(NaiveDate, Expr)>,
}

#[derive(Debug, Clone)]
pub struct CaseInfo {
    pub clause: ClausePath,
    pub is_default: bool,
    pub condition: Option<Expr>,
    pub value: Expr,
    /// Clauses whose cases this one overrides (优先于).
    pub overrides: Vec<ClausePath>,
    /// Row number in a 首条 (first-hit) decision table: earlier rows win.
    pub rank: Option<usize>,
    pub span: Span,
}

impl CaseInfo {
    pub fn overrides_case(&self, other: &CaseInfo) -> bool {
        self.overrides.iter().any(|c| c.contains(&other.clause))
            || (!self.is_default && other.is_default)
            || matches!((self.rank, other.rank), (Some(a), Some(b)) if a < b)
    }
}

/// 上限 / 下限 on a derived value, applied after its cases decide it.
#[derive(Debug, Clone)]
pub struct BoundInfo {
    pub is_cap: bool,
    pub clause: ClausePath,
    pub condition: Option<Expr>,
    pub value: Expr,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct DerivedInfo {
    pub name: String,
    pub ty: Type,
    pub clause: ClausePath,
    pub span: Span,
    pub is_output: bool,
    pub optional: bool,
    /// Cases in evaluation order: a case comes before every case it overrides.
    pub cases: Vec<CaseInfo>,
    pub bounds: Vec<BoundInfo>,
    /// When several cases apply with different values: take the largest or
    /// smallest (a 取大/取小 table) instead of reporting a conflict.
    pub combine: Option<Combine>,
}

impl DerivedInfo {
    /// Every expression that decides the value: cases' conditions and
    /// values, caps' and floors' conditions and values.
    pub fn expressions(&self) -> impl Iterator<Item = &Expr> {
        self.cases
            .iter()
            .flat_map(|c| c.condition.iter().chain(std::iter::once(&c.value)))
            .chain(
                self.bounds
                    .iter()
                    .flat_map(|b| b.condition.iter().chain(std::iter::once(&b.value))),
            )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Combine {
    Largest,
    Smallest,
}

#[derive(Debug, Clone)]
pub struct RosterInfo {
    pub name: String,
    pub clause: ClausePath,
    pub members: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct ClauseInfo {
    pub path: ClausePath,
    pub title: Option<String>,
    pub text: Vec<String>,
    pub not_computable: Option<String>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Validity {
    pub effective: NaiveDate,
    pub expires: NaiveDate,
    pub clause: ClausePath,
}

#[derive(Debug, Clone, Default)]
pub struct Program {
    pub doc_number: String,
    pub title: Option<String>,
    pub issuer: Option<String>,
    pub basis: Vec<String>,
    pub validity: Option<Validity>,
    /// The fact that dates a case (申请日期): it must fall in the validity
    /// window, and it chooses which dated parameter value is in force.
    pub case_date: Option<String>,
    pub facts: HashMap<String, FactInfo>,
    pub fact_order: Vec<String>,
    pub params: HashMap<String, ParamInfo>,
    pub derived: HashMap<String, DerivedInfo>,
    pub outputs: Vec<String>,
    pub rosters: HashMap<String, RosterInfo>,
    pub clauses: Vec<ClauseInfo>,
    /// 参见 to other notices, checked against the gazette by `check::corpus`.
    pub references: Vec<NoticeRef>,
    /// Findings the drafter acknowledged (确认), by clause.
    pub acknowledgements: Vec<AckInfo>,
    /// Procedures whose steps must fit their overall limit (程序).
    pub procedures: Vec<ProcedureInfo>,
    /// Phases of a work plan, in the order written (阶段).
    pub phases: Vec<PhaseInfo>,
}

/// 阶段 名称 自 … 至 …
#[derive(Debug, Clone)]
pub struct PhaseInfo {
    pub name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub clause: ClausePath,
    pub span: Span,
}

/// 程序 名称 各环节 … 总时限 …: parameter or rule names, all durations.
#[derive(Debug, Clone)]
pub struct ProcedureInfo {
    pub name: String,
    pub steps: Vec<(String, Span)>,
    pub total: (String, Span),
    pub clause: ClausePath,
    pub span: Span,
}

/// 确认 CODE "理由" in a clause.
#[derive(Debug, Clone)]
pub struct AckInfo {
    pub code: String,
    pub reason: String,
    pub clause: ClausePath,
    pub span: Span,
}

/// A reference to another notice (参见 "临政办字〔2016〕10号" 附件1第七条).
#[derive(Debug, Clone)]
pub struct NoticeRef {
    /// The cited notice's 文号 as written.
    pub notice: String,
    /// The cited clause, if any; `None` cites the whole notice.
    pub clause: Option<ClausePath>,
    pub span: Span,
    /// The clause that makes the reference.
    pub at: ClausePath,
}

impl Program {
    pub fn clause(&self, path: &ClausePath) -> Option<&ClauseInfo> {
        self.clauses.iter().find(|c| &c.path == path)
    }

    /// Whether `name` is a fact, parameter, rule, output or roster; a bare
    /// name that is none of them is an enumeration value.
    pub fn is_declared(&self, name: &str) -> bool {
        self.facts.contains_key(name)
            || self.params.contains_key(name)
            || self.derived.contains_key(name)
            || self.rosters.contains_key(name)
    }
}

/// The existing clause a path names. 第十三条第（二）项 finds the item even
/// when it sits in a 款, provided only one 款 has such an item.
pub fn find_clause(wanted: ClausePath, clauses: &[ClauseInfo]) -> Option<ClausePath> {
    if clauses.iter().any(|c| c.path == wanted) {
        return Some(wanted);
    }
    if wanted.paragraph.is_none() {
        let matches: Vec<ClausePath> = clauses
            .iter()
            .map(|c| c.path)
            .filter(|p| {
                p.annex == wanted.annex
                    && p.top == wanted.top
                    && p.kind == wanted.kind
                    && p.item == wanted.item
                    && p.subitem == wanted.subitem
                    && p.paragraph.is_some()
            })
            .collect();
        if let [only] = matches.as_slice() {
            return Some(*only);
        }
    }
    None
}
