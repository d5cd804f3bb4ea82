//! The review's findings as data: what the analyses across clauses, the
//! references between notices and the acknowledgements find. Their words
//! are in [`super::words`]; their codes (which keep the `polc::check::`
//! prefix they were published with) in [`crate::codes::review`].
//!
//! Amounts are kept as the evaluator shows them (`800.00元`, `0.4%`):
//! they are values of the notice, quoted as they are in either language.

use super::words;
use crate::clause::ClausePath;
use crate::codes::{self, Code};
use crate::diag::{Bilingual, Diagnostic};
use crate::source::Span;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// A finding of the review: its kind, the text it is about, and the clause.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewError {
    pub kind: ReviewErrorKind,
    pub span: Span,
    pub clause: ClausePath,
}

/// A validity window: 施行 to 有效期至.
pub type Window = (NaiveDate, NaiveDate);

#[derive(Debug, Clone, PartialEq)]
pub enum ReviewErrorKind {
    /// `参见 "临政发〔2099〕1号"`: no notice checked carries it.
    UnknownNotice { notice: String, known: Vec<String> },
    /// 参见 names a 文号 that several notices of the checked set carry, so
    /// the reference is ambiguous.
    DuplicateNotice { notice: String, count: usize },
    /// A notice cites another whose validity window does not overlap its own.
    ValidityConflict {
        notice: String,
        mine: Window,
        theirs: Window,
    },
    /// 确认 that no finding of its code in its clause needs.
    UnusedAcknowledgement { code: String },
    /// Two cases of one value can apply together, give different values,
    /// and no priority says which wins. `values`: this case's, the other's.
    Overlap {
        name: String,
        other: ClausePath,
        values: (String, String),
    },
    /// Inputs within the facts' domains for which a required output has no
    /// applicable case.
    Gap { name: String },
    /// A case that applies only where a higher-priority case applies too:
    /// it can never decide anything.
    MaskedCase { name: String, by: Vec<ClausePath> },
    /// A condition no input within the facts' domains satisfies.
    ImpossibleCondition { name: String },
    /// Two rows of a unique-hit decision table can match together and give
    /// different values. `rows`: this row, the other; `values` likewise.
    RowOverlap {
        table: String,
        rows: (usize, usize),
        values: (String, String),
    },
    /// Inputs within the facts' domains that no row of a decision table
    /// matches.
    TableGap { table: String },
    /// A row of a first-hit table that matches only where earlier rows
    /// (`by`) match too: it never decides anything.
    MaskedRow {
        table: String,
        row: usize,
        by: Vec<usize>,
    },
    /// A row whose cells no input within the facts' domains meets.
    ImpossibleRow { table: String, row: usize },
    /// Two cases may overlap, but their conditions compare computed values,
    /// which the analysis cannot decide, and no tried input showed it.
    Undecided { name: String, other: ClausePath },
    /// One quantity bounded in two clauses with the same number in
    /// different units of one dimension (0.4% and 0.4‰).
    QuantityBoundedTwice {
        name: String,
        here: String,
        there: String,
        other: ClausePath,
    },
    /// A cap below the smallest value it caps: the amount as written is never paid.
    CapAlwaysBinds {
        name: String,
        cap: String,
        least: String,
    },
    /// A cap at or above the largest value it caps: it never changes anything.
    CapNeverBinds {
        name: String,
        cap: String,
        most: String,
    },
    /// A number with a unit in a rule that the clause's text does not state.
    NumberNotInText { written: String },
    /// The largest single payment times the most payments a year is not
    /// the annual cap (4000元 × 2次 against 8000元).
    CapsDoNotAddUp {
        name: String,
        single: String,
        times: Decimal,
        total: String,
        annual: String,
    },
    /// The steps of a procedure can take longer than its overall limit.
    DeadlineChain {
        name: String,
        steps: Vec<String>,
        total: String,
        most: String,
    },
    /// A phase that starts before the phase written before it.
    PhaseOrder {
        name: String,
        other: String,
        other_clause: ClausePath,
    },
    /// A phase that starts before the phase written before it has ended.
    PhaseOverlap {
        name: String,
        other: String,
        other_clause: ClausePath,
        from: NaiveDate,
        to: NaiveDate,
    },
}

impl ReviewError {
    pub fn new(kind: ReviewErrorKind, span: Span, clause: ClausePath) -> Self {
        ReviewError { kind, span, clause }
    }

    pub fn code(&self) -> &'static Code {
        use ReviewErrorKind::*;
        use codes::review as c;
        match &self.kind {
            UnknownNotice { .. } => &c::UNKNOWN_NOTICE,
            DuplicateNotice { .. } => &c::DUPLICATE_NOTICE,
            ValidityConflict { .. } => &c::VALIDITY_CONFLICT,
            UnusedAcknowledgement { .. } => &c::UNUSED_ACKNOWLEDGEMENT,
            Overlap { .. } => &c::OVERLAP,
            Gap { .. } | TableGap { .. } => &c::GAP,
            MaskedCase { .. } | MaskedRow { .. } => &c::MASKED_CASE,
            ImpossibleCondition { .. } | ImpossibleRow { .. } => &c::IMPOSSIBLE_CONDITION,
            RowOverlap { .. } => &c::OVERLAP,
            Undecided { .. } => &c::UNDECIDED,
            QuantityBoundedTwice { .. } => &c::QUANTITY_BOUNDED_TWICE,
            CapAlwaysBinds { .. } => &c::CAP_ALWAYS_BINDS,
            CapNeverBinds { .. } => &c::CAP_NEVER_BINDS,
            NumberNotInText { .. } => &c::NUMBER_NOT_IN_TEXT,
            CapsDoNotAddUp { .. } => &c::CAPS_DO_NOT_ADD_UP,
            DeadlineChain { .. } => &c::DEADLINE_CHAIN,
            PhaseOrder { .. } => &c::PHASE_ORDER,
            PhaseOverlap { .. } => &c::PHASE_OVERLAP,
        }
    }

    pub fn to_diagnostic(&self) -> Diagnostic {
        Diagnostic {
            code: self.code(),
            message: Bilingual::from_fn(|lang| words::message(&self.kind, lang)),
            help: Some(Bilingual::from_fn(|lang| words::help(&self.kind, lang))),
            span: Some(self.span),
            clause: Some(self.clause),
        }
    }
}
