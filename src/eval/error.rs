//! Evaluation errors as data: what is missing or wrong in a case, and
//! where the notice needs it. Their words are in [`super::words`]; their
//! codes in [`crate::codes::eval`].

use super::words;
use crate::calendar::CalendarError;
use crate::clause::ClausePath;
use crate::codes::{self, Code};
use crate::diag::{Bilingual, Diagnostic};
use crate::units::{Dim, Unit};
use chrono::NaiveDate;
use rust_decimal::Decimal;

#[derive(Debug, Clone, PartialEq)]
pub enum EvalError {
    MissingFact {
        name: String,
        clause: ClausePath,
        needed_by: Option<ClausePath>,
    },
    /// `found` is the value as given (JSON text, shortened).
    FactType {
        name: String,
        clause: ClausePath,
        expected: FactShape,
        found: String,
    },
    UnknownEnumValue {
        name: String,
        clause: ClausePath,
        value: String,
        allowed: Vec<String>,
    },
    /// A value outside the declared `范围 low 至 high`.
    FactRange {
        name: String,
        clause: ClausePath,
        value: String,
        range: Box<DeclaredRange>,
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
    /// `clauses`: each clause once; `values` as shown, one per case that
    /// applied, and `cases` beside them: the clause of each and the row of
    /// a decision table it is (`None` for a case written as such).
    Conflict {
        name: String,
        clauses: Vec<ClausePath>,
        values: Vec<String>,
        cases: Vec<(ClausePath, Option<usize>)>,
    },
    Arithmetic {
        problem: Arithmetic,
        clause: ClausePath,
    },
    /// The working-day calendar could not answer (it holds the range it
    /// covers).
    Calendar {
        error: CalendarError,
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
        problem: FactsProblem,
    },
    /// `--reading ID=CHOICE` (or a test's `readings`) naming no reading of
    /// the notice, or no choice of that reading.
    Reading(crate::program::ReadingSelectError),
}

/// A fact's declared range, in base units, with the unit it is shown in.
#[derive(Debug, Clone, PartialEq)]
pub struct DeclaredRange {
    pub low: Decimal,
    pub high: Decimal,
    pub unit: Unit,
}

/// What a fact's declaration asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum FactShape {
    Bool,
    Date,
    Text,
    OneOf(Vec<String>),
    /// A number in this unit (its name; empty for a plain number).
    Number {
        unit: String,
    },
    /// A whole number of this unit.
    Whole {
        unit: String,
    },
}

/// What went wrong computing a value.
#[derive(Debug, Clone, PartialEq)]
pub enum Arithmetic {
    /// Rules reading rules deeper than `limit`, at `name`.
    RuleDepth {
        limit: usize,
        name: String,
    },
    /// A condition whose value (as shown) is not a boolean.
    NotBoolean {
        value: String,
    },
    UnknownUnit {
        unit: String,
    },
    /// A literal too large once scaled to its base unit.
    NumberOverflow,
    /// A sum, difference, product or quotient too large.
    Overflow,
    CannotNegate {
        value: String,
    },
    DivisionByZero,
    /// Two values (as shown) no operator combines.
    CannotCombine {
        left: String,
        right: String,
    },
    FunctionWithoutArguments,
    /// 不顺延 given anything but one date period.
    UnextendedArgument,
    DateFunctionWithoutArgument,
    DateFunctionNotDate,
    DateOutOfRange,
    /// A period of days or months that is not whole.
    PeriodNotWhole {
        amount: Decimal,
    },
    /// A date shifted by what no period is (hours, money).
    DateShift {
        dim: Dim,
    },
    /// A whole-numbered value computed as a fraction.
    NotWhole {
        name: String,
        value: Decimal,
        unit: String,
    },
}

/// Why a facts file (or a batch record) cannot be read.
#[derive(Debug, Clone, PartialEq)]
pub enum FactsProblem {
    TooLarge {
        bytes: usize,
        limit: usize,
    },
    /// Nested too deeply: deeper than polc's own `limit`, or than the
    /// parser takes (at a line and column, when it says).
    TooDeep {
        limit: Option<usize>,
        at: Option<(usize, usize)>,
    },
    /// The JSON or TOML parser's own message.
    Syntax {
        detail: String,
    },
    NotATable,
    /// A batch record that is not UTF-8, valid up to this byte.
    NotUtf8 {
        valid_up_to: usize,
    },
    /// A CSV column that is not UTF-8.
    ColumnNotUtf8 {
        column: String,
    },
}

impl EvalError {
    pub fn code(&self) -> &'static Code {
        use EvalError::*;
        use codes::eval as c;
        match self {
            MissingFact { .. } => &c::MISSING_FACT,
            FactType { .. } | UnknownEnumValue { .. } | FactRange { .. } => &c::FACT_TYPE,
            OutsideValidity { .. } => &c::OUTSIDE_VALIDITY,
            NoRule { .. } | UnknownOutput { .. } => &c::NO_RULE,
            Conflict { .. } => &c::CONFLICT,
            Arithmetic { .. } => &c::ARITHMETIC,
            Calendar { .. } => &c::CALENDAR,
            NoParamValue { .. } => &c::NO_PARAM_VALUE,
            FactsFile { .. } => &c::FACTS_FILE,
            Reading(_) => &c::UNKNOWN_READING,
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
            UnknownOutput { .. } | FactsFile { .. } | Reading(_) => None,
        }
    }

    pub fn to_diagnostic(&self) -> Diagnostic {
        Diagnostic {
            code: self.code(),
            message: Bilingual::from_fn(|lang| words::message(self, lang)),
            help: Some(Bilingual::from_fn(|lang| words::help(self, lang))),
            span: None,
            clause: self.clause(),
        }
    }
}

impl std::fmt::Display for EvalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_diagnostic().headline(crate::diag::Lang::Zh))
    }
}

impl std::error::Error for EvalError {}
