//! The checked program: what the evaluators run. Names are resolved, types
//! and units known, cases ordered by their declared priority. The checker
//! builds it; the generic evaluator, the batch plan, the review and every
//! front end read it, so it depends on nothing above the syntax tree.
//!
//! A rule that concerns one datum is stated here beside it, once, for both
//! engines that run a program (the generic evaluator and the batch plan):
//! which case masks which ([`CaseInfo::overrides_case`]), which bound an
//! exception masks ([`BoundInfo::masked_by`]), caps before floors
//! ([`DerivedInfo::bounds_in_order`]), 取大/取小 ([`Combine::pick`]), whole
//! units ([`Type::whole_unit_scale`], [`whole_in`]), the parameter value in
//! force ([`in_force`]) and the validity window ([`Validity::covers`]). The
//! rules of the decide loop over several cases are in [`crate::rules`].

use crate::ast::{CmpOp, Expr};
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

    /// The declared unit's scale when values of this type are counted in
    /// whole units (整数, 人, 次, …), which they must come out in.
    pub fn whole_unit_scale(&self) -> Option<Decimal> {
        match self {
            Type::Quantity {
                unit,
                integral: true,
            } => Some(unit.scale),
            _ => None,
        }
    }
}

/// A value declared in whole units must come out whole: 1.5人 is a drafting
/// error in the formula, not a result to round. `amount` is in base units,
/// `scale` the declared unit's ([`Type::whole_unit_scale`]); the error is
/// the amount as shown in the declared unit.
#[inline]
pub fn whole_in(scale: Decimal, amount: Decimal) -> Result<(), Decimal> {
    let shown = amount.checked_div(scale).unwrap_or(amount);
    if shown.fract().is_zero() {
        Ok(())
    } else {
        Err(shown)
    }
}

/// The value in force on `date` of a parameter whose values are dated
/// (`values` sorted by the day each takes effect): the latest that took
/// effect by then; without a case date, the latest of all.
pub fn in_force<T>(values: &[(NaiveDate, T)], date: Option<NaiveDate>) -> Option<&(NaiveDate, T)> {
    match date {
        Some(date) => values.iter().rev().find(|(from, _)| *from <= date),
        None => values.last(),
    }
}

#[derive(Debug, Clone)]
pub struct FactInfo {
    pub name: String,
    pub ty: Type,
    pub clause: ClausePath,
    pub span: Span,
    /// The hard range in base units (inclusive): what the text or the law
    /// states; a value outside it is refused. An end the declaration leaves
    /// open (`范围 0人 以上`) is `Decimal::MIN` / `Decimal::MAX`.
    pub range: Option<(Decimal, Decimal)>,
    /// The plausibility range (`通常 1人 至 20人`): a value outside it is
    /// answered with a warning ([`crate::eval::FactWarning`]).
    pub typical: Option<(Decimal, Decimal)>,
}

/// A declared range as a drafter writes it, in `unit`: `1人 至 20人`, and
/// for an open end `0人 以上` / `20人 以下`.
pub fn range_text(low: Decimal, high: Decimal, unit: &crate::units::Unit) -> String {
    let shown = |v: Decimal| {
        let n = v.checked_div(unit.scale).unwrap_or(v).normalize();
        format!("{n}{}", unit.name)
    };
    match (low == Decimal::MIN, high == Decimal::MAX) {
        (false, true) => format!("{} 以上", shown(low)),
        (true, false) => format!("{} 以下", shown(high)),
        _ => format!("{} 至 {}", shown(low), shown(high)),
    }
}

impl FactInfo {
    /// The values the analyses consider: the plausibility range, else the
    /// hard range when both its ends are stated.
    pub fn domain(&self) -> Option<(Decimal, Decimal)> {
        self.typical.or(self
            .range
            .filter(|(lo, hi)| *lo != Decimal::MIN && *hi != Decimal::MAX))
    }

    /// The ends of [`FactInfo::domain`], each `None` where it is open: the
    /// plausibility range, else the hard range with its open ends open.
    pub fn domain_ends(&self) -> (Option<Decimal>, Option<Decimal>) {
        match (self.typical, self.range) {
            (Some((lo, hi)), _) => (Some(lo), Some(hi)),
            (None, Some((lo, hi))) => (
                Some(lo).filter(|l| *l != Decimal::MIN),
                Some(hi).filter(|h| *h != Decimal::MAX),
            ),
            (None, None) => (None, None),
        }
    }

    /// The values that are both allowed and plausible: the plausibility
    /// range within the hard range (the hard range alone without one).
    pub fn plausible_range(&self) -> Option<(Decimal, Decimal)> {
        match (self.range, self.typical) {
            (Some((lo, hi)), Some((tlo, thi))) => Some((lo.max(tlo), hi.min(thi))),
            (range, typical) => typical.or(range),
        }
    }

    /// Whether `value` (in base units) lies outside the plausibility range.
    pub fn implausible(&self, value: Decimal) -> bool {
        self.typical
            .is_some_and(|(lo, hi)| value < lo || value > hi)
    }
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
    /// The row of a decision table this case is (1 for the first row), so
    /// that findings, conflicts and coverage name the row, not only the
    /// clause every row of the table shares.
    pub row: Option<usize>,
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

impl BoundInfo {
    /// A floor without condition whose limit is written as an amount
    /// (`下限 救助金额 = 0元`): see `rules::settling_floor`.
    pub fn is_literal_floor(&self) -> bool {
        use crate::ast::ExprKind;
        let literal = match &self.value.kind {
            ExprKind::Neg(inner) => &inner.kind,
            other => other,
        };
        !self.is_cap && self.condition.is_none() && matches!(literal, ExprKind::Quantity { .. })
    }

    /// Whether `case`, when it decides the value, masks this bound: an
    /// exception that overrides a clause overrides its caps too (第七条
    /// decides 0元 without 第六条's annual maximum being asked), but an
    /// exception written inside the clause it overrides keeps that clause's
    /// own caps.
    pub fn masked_by(&self, case: &CaseInfo) -> bool {
        let same_clause = self.clause.contains(&case.clause) || case.clause.contains(&self.clause);
        !same_clause && case.overrides.iter().any(|o| o.contains(&self.clause))
    }
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

    /// The bounds in the order they apply: caps before floors, each in file
    /// order, whatever the order in the file: a floor of 0元 must hold after
    /// a cap has been subtracted below zero.
    pub fn bounds_in_order(&self) -> impl Iterator<Item = &BoundInfo> {
        let caps = self.bounds.iter().filter(|b| b.is_cap);
        caps.chain(self.bounds.iter().filter(|b| !b.is_cap))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Combine {
    Largest,
    Smallest,
}

impl Combine {
    /// How a value must compare with the best so far to replace it:
    /// strictly larger (取大) or strictly smaller (取小), so that of equal
    /// values the first stays.
    #[inline]
    pub fn beats(self) -> CmpOp {
        match self {
            Combine::Largest => CmpOp::Gt,
            Combine::Smallest => CmpOp::Lt,
        }
    }

    /// The largest or smallest of `values`, the first of equals; `holds`
    /// is the engine's comparison (`holds(op, a, b)`: `a op b`). Also what
    /// 最大值 / 最小值 give of their arguments.
    pub fn pick<V>(
        self,
        values: impl IntoIterator<Item = V>,
        holds: impl Fn(CmpOp, &V, &V) -> bool,
    ) -> Option<V> {
        let mut best: Option<V> = None;
        for v in values {
            match &best {
                Some(b) if !holds(self.beats(), &v, b) => {}
                _ => best = Some(v),
            }
        }
        best
    }
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

impl Validity {
    /// Whether a case dated `date` falls in the window, both ends included.
    #[inline]
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.effective <= date && date <= self.expires
    }
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
    /// Readings (读法), in the order written. Each is also a parameter of
    /// its enumeration of choices, named as the reading, whose one value is
    /// the choice in force: the engines select on it as on any parameter.
    pub readings: Vec<ReadingInfo>,
}

/// 读法: the question a clause leaves open, the reading taken and its
/// alternatives, and whether the interpreting authority confirmed it.
#[derive(Debug, Clone)]
pub struct ReadingInfo {
    /// The parameter's name, unique in the notice (期限竞合).
    pub name: String,
    pub clause: ClausePath,
    pub question: String,
    /// Every choice in the order written, with its meaning.
    pub choices: Vec<(String, Option<String>)>,
    /// The choice the notice adopts.
    pub adopted: String,
    /// The choice in force: the adopted one unless `--reading` selects another.
    pub selected: String,
    /// 已确认 (who, document); `None` is 待确认.
    pub confirmed: Option<(String, String)>,
    pub span: Span,
}

impl ReadingInfo {
    /// The stable id: the clause as polc prints it, a slash, the name
    /// (第四条/期限竞合).
    pub fn id(&self) -> String {
        format!("{}/{}", self.clause, self.name)
    }

    pub fn meaning(&self, choice: &str) -> Option<&str> {
        self.choices
            .iter()
            .find(|(c, _)| c == choice)
            .and_then(|(_, m)| m.as_deref())
    }
}

/// Why `--reading ID=CHOICE` (or a test's `readings`) cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadingSelectError {
    /// No reading has this id; the known ids.
    UnknownReading { id: String, known: Vec<String> },
    /// The reading has no such choice; its choices.
    UnknownChoice {
        id: String,
        choice: String,
        known: Vec<String>,
    },
}

impl std::fmt::Display for ReadingSelectError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadingSelectError::UnknownReading { id, known } if known.is_empty() => {
                write!(
                    f,
                    "没有读法 {id}：本文件没有读法（no reading {id}: the notice has none）"
                )
            }
            ReadingSelectError::UnknownReading { id, known } => write!(
                f,
                "没有读法 {id}（no reading {id}）；已有的读法：{}",
                known.join("、")
            ),
            ReadingSelectError::UnknownChoice { id, choice, known } => write!(
                f,
                "读法 {id} 没有选项 {choice}（reading {id} has no choice {choice}）；它的选项：{}",
                known.join("、")
            ),
        }
    }
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
    /// The reading with this id (第四条/期限竞合), or, when only one reading
    /// has that name, by its name alone.
    pub fn reading(&self, id: &str) -> Option<&ReadingInfo> {
        self.readings.iter().find(|r| r.id() == id).or_else(|| {
            let mut named = self.readings.iter().filter(|r| r.name == id);
            match (named.next(), named.next()) {
                (Some(only), None) => Some(only),
                _ => None,
            }
        })
    }

    /// Puts `choice` in force for the reading `id`: its parameter's value
    /// becomes that choice, for every engine that runs the program.
    pub fn select_reading(&mut self, id: &str, choice: &str) -> Result<(), ReadingSelectError> {
        let Some(name) = self.reading(id).map(|r| r.name.clone()) else {
            return Err(ReadingSelectError::UnknownReading {
                id: id.to_string(),
                known: self.readings.iter().map(ReadingInfo::id).collect(),
            });
        };
        let Some(reading) = self.readings.iter_mut().find(|r| r.name == name) else {
            return Ok(());
        };
        if !reading.choices.iter().any(|(c, _)| c == choice) {
            return Err(ReadingSelectError::UnknownChoice {
                id: reading.id(),
                choice: choice.to_string(),
                known: reading.choices.iter().map(|(c, _)| c.clone()).collect(),
            });
        }
        reading.selected = choice.to_string();
        if let Some(param) = self.params.get_mut(&name) {
            param.values = vec![reading_value(choice, reading.span)];
        }
        Ok(())
    }

    /// Every selection in turn; the first that cannot be applied stops.
    pub fn select_readings<'a>(
        &mut self,
        selections: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<(), ReadingSelectError> {
        for (id, choice) in selections {
            self.select_reading(id, choice)?;
        }
        Ok(())
    }

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

/// A reading's parameter value: the choice, in force from the first day.
pub fn reading_value(choice: &str, span: Span) -> (NaiveDate, Expr) {
    (
        NaiveDate::MIN,
        Expr {
            kind: crate::ast::ExprKind::Name(choice.to_string()),
            span,
        },
    )
}
