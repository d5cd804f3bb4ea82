//! What can go wrong with the working-day calendar, as data: a date beyond
//! the table, a table that fails its checks, an extension given too late.
//! The words are in [`super::words`]; the codes in [`crate::codes::tools`].

use super::words;
use crate::codes::{self, Code};
use crate::diag::{Bilingual, Diagnostic};
use chrono::NaiveDate;
use std::fmt;

/// Errors from calendar queries and tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CalendarError {
    /// A date (an input, or one a period would reach) lies outside the table.
    OutOfRange {
        date: NaiveDate,
        first: NaiveDate,
        last: NaiveDate,
    },
    /// An internal count did not fit its integer type. Periods whose end is
    /// not even a representable date (e.g. `u32::MAX` months) are reported as
    /// [`CalendarError::OutOfRange`] instead, since they certainly leave the data.
    Overflow,
    /// A table failed validation: the embedded one (a build defect) or one
    /// given with `--calendar`.
    BadData(DataProblem),
}

/// Why a working-day table is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataProblem {
    /// The TOML parser's own message.
    Toml {
        detail: String,
    },
    NoYears,
    /// Years with a gap or listed twice (all years, sorted).
    YearsNotContiguous {
        years: Vec<i32>,
    },
    InvalidYear {
        year: i32,
    },
    DuplicateHoliday {
        date: NaiveDate,
    },
    /// A 调休 working day that is a weekday: it would change nothing.
    WorkdayNotWeekend {
        date: NaiveDate,
    },
    DuplicateWorkday {
        date: NaiveDate,
    },
    /// A day listed both as a holiday and as a working day.
    BothLists {
        date: NaiveDate,
    },
    /// A date with a time or offset (as written).
    NotPlainDate {
        text: String,
    },
    InvalidDate {
        text: String,
    },
    /// A date filed under another year.
    WrongYear {
        date: NaiveDate,
        year: i32,
    },
    /// A year's `working_days_total` that the table does not give.
    TotalMismatch {
        year: i32,
        computed: u32,
        declared: u32,
    },
}

impl CalendarError {
    pub fn code(&self) -> &'static Code {
        match self {
            CalendarError::OutOfRange { .. } => &codes::tools::CALENDAR_OUT_OF_RANGE,
            CalendarError::Overflow => &codes::tools::CALENDAR_OVERFLOW,
            CalendarError::BadData(_) => &codes::tools::CALENDAR_BAD_DATA,
        }
    }

    /// What the error says, in either language.
    pub fn message(&self, lang: crate::diag::Lang) -> String {
        words::message(self, lang)
    }

    /// What to do about it.
    pub fn help(&self, lang: crate::diag::Lang) -> String {
        words::help(self, lang)
    }

    /// The error on its own, as a library caller meets it.
    pub fn to_diagnostic(&self) -> Diagnostic {
        Diagnostic::new(
            self.code(),
            Bilingual::from_fn(|lang| words::message(self, lang)),
        )
        .with_help(Bilingual::from_fn(|lang| words::help(self, lang)))
    }

    /// The error about a table given with `--calendar`, as polc reports it.
    #[must_use]
    pub fn to_file_diagnostic(&self, path: &str) -> Diagnostic {
        Diagnostic::new(
            &codes::tools::CALENDAR_FILE,
            Bilingual::from_fn(|lang| words::file_message(path, self, lang)),
        )
        .with_help(Bilingual::from_fn(words::file_help))
    }
}

/// The Chinese message, for callers that print an error as text.
impl fmt::Display for CalendarError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&words::message(self, crate::diag::Lang::Zh))
    }
}

impl std::error::Error for CalendarError {}
