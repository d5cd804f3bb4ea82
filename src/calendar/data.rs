//! Reading the vendored holiday table (`data/cn-workdays-*.toml`).
//!
//! The file is hand-checked against each year's State Council notice, but it is
//! still data typed by people, so everything the calendar relies on is validated
//! here instead of being trusted: a silently wrong table would produce wrong legal
//! deadlines, which is worse than refusing to start.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;

use super::{CalendarError, DataProblem};

#[derive(Deserialize)]
struct RawFile {
    year: Vec<RawYear>,
}

#[derive(Deserialize)]
struct RawYear {
    year: i32,
    working_days_total: Option<u32>,
    #[serde(default)]
    holidays: Vec<RawDay>,
    #[serde(default)]
    workdays: Vec<RawDay>,
}

/// Only `date` matters for arithmetic; names, weekdays and `in_lieu` flags are
/// documentation for humans and are deliberately ignored.
#[derive(Deserialize)]
struct RawDay {
    date: toml::value::Datetime,
}

/// The validated content of the table.
pub(super) struct Tables {
    pub(super) first: NaiveDate,
    pub(super) last: NaiveDate,
    /// Days off inside announced holiday blocks (sorted, unique).
    pub(super) holidays: BTreeSet<NaiveDate>,
    /// Weekend days declared working days, 调休上班 (sorted, unique).
    pub(super) workdays: BTreeSet<NaiveDate>,
    /// `working_days_total` as written in the file, to cross-check the formula.
    pub(super) declared_totals: Vec<(i32, u32)>,
}

fn bad(problem: DataProblem) -> CalendarError {
    CalendarError::BadData(problem)
}

/// Reads one or more tables in this format as one calendar: the years of
/// all of them together must still be contiguous and each listed once, so a
/// table of later years can only continue the embedded one.
pub(super) fn parse(sources: &[&str]) -> Result<Tables, CalendarError> {
    let mut years = Vec::new();
    for src in sources {
        let raw: RawFile = toml::from_str(src).map_err(|e| {
            bad(DataProblem::Toml {
                detail: e.to_string(),
            })
        })?;
        years.extend(raw.year);
    }
    let raw = RawFile { year: years };
    let (first, last) = covered_range(&raw.year)?;
    let mut tables = Tables {
        first,
        last,
        holidays: BTreeSet::new(),
        workdays: BTreeSet::new(),
        declared_totals: Vec::new(),
    };
    for y in &raw.year {
        add_year(&mut tables, y)?;
    }
    Ok(tables)
}

/// Years must be contiguous: a missing year would otherwise be treated as a year
/// without holidays, which is exactly the kind of guess the calendar must not make.
fn covered_range(years: &[RawYear]) -> Result<(NaiveDate, NaiveDate), CalendarError> {
    let mut numbers: Vec<i32> = years.iter().map(|y| y.year).collect();
    numbers.sort_unstable();
    let (Some(&lo), Some(&hi)) = (numbers.first(), numbers.last()) else {
        return Err(bad(DataProblem::NoYears));
    };
    let consecutive = |w: &[i32]| matches!(w, [a, b] if a.checked_add(1) == Some(*b));
    if !numbers.windows(2).all(consecutive) {
        return Err(bad(DataProblem::YearsNotContiguous { years: numbers }));
    }
    let first =
        NaiveDate::from_ymd_opt(lo, 1, 1).ok_or(bad(DataProblem::InvalidYear { year: lo }))?;
    let last =
        NaiveDate::from_ymd_opt(hi, 12, 31).ok_or(bad(DataProblem::InvalidYear { year: hi }))?;
    Ok((first, last))
}

fn add_year(t: &mut Tables, y: &RawYear) -> Result<(), CalendarError> {
    for h in &y.holidays {
        let d = to_date(&h.date, y.year)?;
        if !t.holidays.insert(d) {
            return Err(bad(DataProblem::DuplicateHoliday { date: d }));
        }
    }
    for w in &y.workdays {
        let d = to_date(&w.date, y.year)?;
        // A weekday listed as 上班 would change nothing, so it signals a typo.
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            return Err(bad(DataProblem::WorkdayNotWeekend { date: d }));
        }
        if !t.workdays.insert(d) {
            return Err(bad(DataProblem::DuplicateWorkday { date: d }));
        }
    }
    if let Some(d) = t.holidays.intersection(&t.workdays).next() {
        return Err(bad(DataProblem::BothLists { date: *d }));
    }
    if let Some(total) = y.working_days_total {
        t.declared_totals.push((y.year, total));
    }
    Ok(())
}

/// The file files every date under its own calendar year (even for New Year
/// blocks that straddle two years), so a mismatch means a misplaced entry.
fn to_date(dt: &toml::value::Datetime, year: i32) -> Result<NaiveDate, CalendarError> {
    let (Some(date), None, None) = (dt.date, dt.time, dt.offset) else {
        return Err(bad(DataProblem::NotPlainDate {
            text: dt.to_string(),
        }));
    };
    let d = NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into())
        .ok_or_else(|| {
            bad(DataProblem::InvalidDate {
                text: dt.to_string(),
            })
        })?;
    if d.year() != year {
        return Err(bad(DataProblem::WrongYear { date: d, year }));
    }
    Ok(d)
}
