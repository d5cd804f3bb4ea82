//! China's official working-day calendar and legal period counting.
//!
//! # Why a data table
//!
//! Which days are 工作日 in mainland China is not computable: besides weekends
//! (国务院关于职工工作时间的规定 第七条) and the statutory festivals
//! (全国年节及纪念日放假办法), the State Council General Office announces every
//! year which weekdays are taken off and which Saturdays/Sundays are worked
//! instead (调休). Those notices exist only up to the year after "now", so the
//! calendar is a vendored table (`data/cn-workdays-2016-2026.toml`) and **every
//! date outside it is an error** ([`CalendarError::OutOfRange`]), never a guess —
//! including when a period merely runs past the last covered day.
//!
//! A day is a working day iff it is a declared 调休 working day, or it is
//! Monday–Friday and not inside an announced holiday block.
//!
//! # Why these counting rules
//!
//! The period rules follow 民法典 第十章 (期间计算), which administrative and
//! procedural law reuse (民事诉讼法 第八十五条, 行政许可法 第八十二条 …):
//!
//! * 第二百零一条: the starting day is not counted; counting begins the next day.
//!   Hence "N日" ends on `start + N` and "N个工作日" on the N-th working day
//!   *after* `start`.
//! * 第二百零二条: month/year periods end on the corresponding day of the target
//!   month, or on its last day if there is none (2016-01-31 + 1个月 = 2016-02-29),
//!   which is exactly chrono's clamping `checked_add_months`.
//! * 第二百零三条: if the last day is a rest day, the period ends on the day after
//!   the rest ends. Rest days are weekends and holidays *as actually observed
//!   after 调休* (court practice; formerly 民通意见 第198条 "以实际休假日的次日"),
//!   so a worked Saturday is a valid last day.
//!   Working-day periods cannot end on a rest day, so they need no extension.
//! * 第二百零四条: other laws or agreements may override the method, so callers
//!   that need a raw corresponding day (fixed dates, expiry dates, "届满前一个月")
//!   use the `*_raw` functions, which skip the 第二百零三条 extension.
//!
//! # Who holds the calendar
//!
//! There is no process-wide calendar: the library takes it from its caller,
//! so that the years a run computes with are the ones its caller chose (the
//! embedded table, or that table continued by `--calendar FILE`) and two
//! front ends in one process may use different tables. One shape throughout:
//!
//! * a function that uses the calendar during the call borrows it,
//!   `&Calendar`, right after the program it works on
//!   (`eval::evaluate(program, calendar, facts)`, `review::review`,
//!   `testing::run_case`, …);
//! * a value that keeps it beyond the call that made it owns a share,
//!   `Arc<Calendar>`: the compiled batch plan (shared by worker threads), the
//!   batch, the REPL session.
//!
//! The binary builds the calendar once, before any command runs
//! ([`Calendar::embedded`], or [`Calendar::embedded_and`] with the years of
//! `--calendar FILE`). No library function builds one behind its caller's
//! back.
//!
//! # Performance
//!
//! Working-day arithmetic is used in batch evaluation, so construction
//! precomputes the sorted list of all working days and, per day of the covered
//! range, how many working days precede it. Every query is then O(1) and
//! independent of `n`; an absurd `n` simply indexes past the list and reports
//! [`CalendarError::OutOfRange`].

mod data;
mod ends;
mod error;
mod words;

pub use error::{CalendarError, DataProblem};

pub use ends::{last_day_of_month, month_end, quarter_end, year_end};

use std::fmt;
use std::sync::{Arc, OnceLock};

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// The embedded holiday table, exposed so tests and tools can cross-check it.
pub const CHINA_DATA_TOML: &str = include_str!("../../data/cn-workdays-2016-2026.toml");

/// A working-day calendar over a contiguous range of whole years.
pub struct Calendar {
    first: NaiveDate,
    last: NaiveDate,
    holidays: Vec<NaiveDate>,
    workdays: Vec<NaiveDate>,
    /// Every working day in the range, ascending.
    working: Vec<NaiveDate>,
    /// `rank[i]` = number of working days strictly before `first + i`;
    /// one extra entry so `rank[i + 1]` exists for the last day.
    rank: Vec<u32>,
}

/// The embedded table, parsed the first time it is asked for. It never
/// changes: a table with later years is a calendar of its own
/// ([`Calendar::embedded_and`]).
static EMBEDDED: OnceLock<Result<Arc<Calendar>, CalendarError>> = OnceLock::new();

impl fmt::Debug for Calendar {
    // The precomputed tables are thousands of entries; the range identifies a calendar.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Calendar")
            .field("first", &self.first)
            .field("last", &self.last)
            .field("holidays", &self.holidays.len())
            .field("workdays", &self.workdays.len())
            .finish_non_exhaustive()
    }
}

impl Calendar {
    /// The mainland China calendar of the embedded table (2016-2026),
    /// parsed once and shared.
    ///
    /// # Errors
    ///
    /// [`CalendarError::BadData`] if the embedded table fails validation.
    pub fn embedded() -> Result<Arc<Calendar>, CalendarError> {
        EMBEDDED
            .get_or_init(|| Calendar::from_toml_str(CHINA_DATA_TOML).map(Arc::new))
            .clone()
    }

    /// The embedded table continued by the years of `later`, a table in its
    /// format holding the years after its last one, as the State Council
    /// General Office announces them (each year's notice comes out late in
    /// the year before). Every check of the embedded table applies to the
    /// whole.
    ///
    /// # Errors
    ///
    /// [`CalendarError::BadData`] if `later` does not parse, does not
    /// continue the embedded years without a gap or overlap, or fails a
    /// check.
    pub fn embedded_and(later: &str) -> Result<Calendar, CalendarError> {
        Calendar::from_toml_sources(&[CHINA_DATA_TOML, later])
    }

    /// Builds a calendar from a table in the format of `data/cn-workdays-*.toml`.
    ///
    /// # Errors
    ///
    /// [`CalendarError::BadData`] if the table does not parse or is inconsistent
    /// (gaps between years, duplicates, a weekday listed as 调休上班, a date in
    /// both lists, or a `working_days_total` that the formula does not reproduce).
    pub fn from_toml_str(src: &str) -> Result<Calendar, CalendarError> {
        Self::from_toml_sources(&[src])
    }

    /// Several tables read as one (see [`Calendar::from_toml_str`]); their
    /// years together must be contiguous, each year in one table only.
    ///
    /// # Errors
    ///
    /// As [`Calendar::from_toml_str`].
    pub fn from_toml_sources(sources: &[&str]) -> Result<Calendar, CalendarError> {
        let t = data::parse(sources)?;
        let cal = Self::build(&t)?;
        cal.check_declared_totals(&t.declared_totals)?;
        Ok(cal)
    }

    fn build(t: &data::Tables) -> Result<Calendar, CalendarError> {
        let mut working = Vec::new();
        let mut rank = vec![0u32];
        for d in t.first.iter_days().take_while(|d| *d <= t.last) {
            let wd = matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
            if t.workdays.contains(&d) || (!wd && !t.holidays.contains(&d)) {
                working.push(d);
            }
            let count = u32::try_from(working.len()).map_err(|_| CalendarError::Overflow)?;
            rank.push(count);
        }
        Ok(Calendar {
            first: t.first,
            last: t.last,
            holidays: t.holidays.iter().copied().collect(),
            workdays: t.workdays.iter().copied().collect(),
            working,
            rank,
        })
    }

    /// The file states each year's total; disagreement means the table or the
    /// formula is wrong, and either would corrupt every deadline.
    fn check_declared_totals(&self, totals: &[(i32, u32)]) -> Result<(), CalendarError> {
        for &(year, declared) in totals {
            let computed = self.working_days_in_year(year)?;
            if computed != declared {
                return Err(CalendarError::BadData(DataProblem::TotalMismatch {
                    year,
                    computed,
                    declared,
                }));
            }
        }
        Ok(())
    }

    /// First covered day (1 January of the first year).
    #[must_use]
    pub fn first_day(&self) -> NaiveDate {
        self.first
    }

    /// Last covered day (31 December of the last year).
    #[must_use]
    pub fn last_day(&self) -> NaiveDate {
        self.last
    }

    /// Days off inside announced holiday blocks, ascending (includes weekend days
    /// inside a block; an adjoining ordinary weekend is not listed).
    #[must_use]
    pub fn holidays(&self) -> &[NaiveDate] {
        &self.holidays
    }

    /// Weekend days declared working days (调休上班), ascending.
    #[must_use]
    pub fn makeup_workdays(&self) -> &[NaiveDate] {
        &self.workdays
    }

    /// Whether `d` is a 工作日.
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] if `d` is not covered.
    pub fn is_working_day(&self, d: NaiveDate) -> Result<bool, CalendarError> {
        Ok(self.rank_through(d)? > self.rank_before(d)?)
    }

    /// "N个工作日内": the N-th working day after `start` (start excluded,
    /// 民法典 第二百零一条); `n = 0` returns `start` itself.
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] if `start` or the end of the period is not
    /// covered; past the end the reported date is the first uncovered day
    /// (2027-01-01), since where the count would land is unknowable.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        let done = self.rank_through(start)?;
        let Some(steps) = n.checked_sub(1) else {
            return Ok(start);
        };
        let idx = usize::try_from(steps)
            .ok()
            .and_then(|s| s.checked_add(done))
            .ok_or_else(|| self.past_end())?;
        self.working
            .get(idx)
            .copied()
            .ok_or_else(|| self.past_end())
    }

    /// "N日/N天": last day `start + n` (第二百零一条), moved to the next working
    /// day if it is a rest day (第二百零三条).
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] if `start` or the end of the period is not
    /// covered. The reported date is the raw end date when that is itself
    /// outside the data, otherwise the first uncovered day the count needed.
    pub fn add_days(&self, start: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        let raw = self.add_days_raw(start, n)?;
        self.next_working_day_on_or_after(raw)
    }

    /// "N个月": corresponding day `n` months later, clamped to month end
    /// (第二百零二条), then extended past rest days (第二百零三条).
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] if `start` or the end of the period is not
    /// covered. The reported date is the raw end date when that is itself
    /// outside the data, otherwise the first uncovered day the count needed.
    pub fn add_months(&self, start: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        let raw = self.add_months_raw(start, n)?;
        self.next_working_day_on_or_after(raw)
    }

    /// "N年": `12 * n` months, same rules as [`Calendar::add_months`]
    /// (2016-02-29 + 1年 → 2017-02-28 before extension).
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] if `start` or the end of the period is not
    /// covered. The reported date is the raw end date when that is itself
    /// outside the data, otherwise the first uncovered day the count needed.
    pub fn add_years(&self, start: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        let raw = self.add_years_raw(start, n)?;
        self.next_working_day_on_or_after(raw)
    }

    /// `start + n` days without the rest-day extension; still range-checked.
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] if `start` or the end of the period is not
    /// covered. The reported date is the raw end date when that is itself
    /// outside the data, otherwise the first uncovered day the count needed.
    pub fn add_days_raw(&self, start: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        self.check(start)?;
        let raw = start
            .checked_add_days(Days::new(n.into()))
            .ok_or_else(|| self.past_end())?;
        self.checked(raw)
    }

    /// `start + n` months, clamped to month end, without extension; range-checked.
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] if `start` or the end of the period is not
    /// covered. The reported date is the raw end date when that is itself
    /// outside the data, otherwise the first uncovered day the count needed.
    pub fn add_months_raw(&self, start: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        self.check(start)?;
        let raw = start
            .checked_add_months(Months::new(n))
            .ok_or_else(|| self.past_end())?;
        self.checked(raw)
    }

    /// `start + 12n` months, clamped, without extension; range-checked.
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] if `start` or the end of the period is not
    /// covered. The reported date is the raw end date when that is itself
    /// outside the data, otherwise the first uncovered day the count needed.
    pub fn add_years_raw(&self, start: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        let months = n.checked_mul(12).ok_or_else(|| self.past_end())?;
        self.add_months_raw(start, months)
    }

    /// "届满前N个月": `d - n` months, clamped to month end (逆算 by analogy with
    /// 第二百零二条: 2017-03-31 → 2017-02-28). Never extended: the result is a
    /// reference date, not the last day of a period.
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] if `d` or the result is not covered.
    pub fn sub_months_raw(&self, d: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        self.check(d)?;
        let raw = d
            .checked_sub_months(Months::new(n))
            .ok_or_else(|| self.before_start())?;
        self.checked(raw)
    }

    /// `d` if it is a working day, else the first working day after it
    /// (the 第二百零三条 extension).
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] if `d` is not covered, or no working day
    /// follows it inside the table.
    pub fn next_working_day_on_or_after(&self, d: NaiveDate) -> Result<NaiveDate, CalendarError> {
        let before = self.rank_before(d)?;
        self.working
            .get(before)
            .copied()
            .ok_or_else(|| self.past_end())
    }

    /// Number of working days in a covered calendar year.
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] if the year is not covered.
    pub fn working_days_in_year(&self, year: i32) -> Result<u32, CalendarError> {
        let unrepresentable = || {
            if year > self.last.year() {
                self.past_end()
            } else {
                self.before_start()
            }
        };
        let jan1 = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(unrepresentable)?;
        let dec31 = NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(unrepresentable)?;
        // Report the year's first day when the whole year is uncovered.
        let before = self.rank_before(jan1)?;
        let count = self.rank_through(dec31)? - before;
        u32::try_from(count).map_err(|_| CalendarError::Overflow)
    }

    fn out_of_range(&self, date: NaiveDate) -> CalendarError {
        CalendarError::OutOfRange {
            date,
            first: self.first,
            last: self.last,
        }
    }

    /// A walk that runs off the table needs data from the first uncovered day;
    /// the true answer is unknowable, so that day is what we report.
    fn past_end(&self) -> CalendarError {
        self.out_of_range(self.last.succ_opt().unwrap_or(self.last))
    }

    /// Backward counterpart of [`Calendar::past_end`].
    fn before_start(&self) -> CalendarError {
        self.out_of_range(self.first.pred_opt().unwrap_or(self.first))
    }

    fn check(&self, d: NaiveDate) -> Result<(), CalendarError> {
        self.offset(d).map(|_| ())
    }

    fn checked(&self, d: NaiveDate) -> Result<NaiveDate, CalendarError> {
        self.check(d).map(|()| d)
    }

    fn offset(&self, d: NaiveDate) -> Result<usize, CalendarError> {
        if d < self.first || d > self.last {
            return Err(self.out_of_range(d));
        }
        usize::try_from((d - self.first).num_days()).map_err(|_| self.out_of_range(d))
    }

    /// Working days strictly before `d`.
    fn rank_before(&self, d: NaiveDate) -> Result<usize, CalendarError> {
        self.rank_at(d, 0)
    }

    /// Working days up to and including `d`.
    fn rank_through(&self, d: NaiveDate) -> Result<usize, CalendarError> {
        self.rank_at(d, 1)
    }

    fn rank_at(&self, d: NaiveDate, extra: usize) -> Result<usize, CalendarError> {
        let off = self.offset(d)?;
        // `rank` has one entry per covered day plus one, so this cannot miss
        // once `offset` succeeded; the fallback only keeps the code panic-free.
        let r = off.checked_add(extra).and_then(|i| self.rank.get(i));
        r.map(|&r| r as usize).ok_or_else(|| self.out_of_range(d))
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests;
