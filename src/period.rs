//! Dates in the language: a date moved by a period (民法典 第二百零一条至
//! 第二百零四条), the days between two dates, and what the date functions
//! (月末, 季度末, 年末, 年份, 月份) take from a date.
//!
//! Two engines compute with dates: the generic evaluator ([`crate::eval`])
//! decides how to move a date when it meets `date + period`, the batch plan
//! ([`crate::batch`]) once when it is lowered, because the period's unit is
//! known then. Both classify with [`Shift::of`] and move with
//! [`Shift::apply`], so the table of which calendar function answers which
//! period exists once. The calendar is always the caller's.

use crate::ast::{BinOp, Func};
use crate::calendar::{self, Calendar, CalendarError};
use crate::units::{BaseDim, Dim};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

/// How a date moves by a period, fixed by the operator, the period's unit
/// and whether the period is written inside 不顺延(…).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shift {
    /// `+ N个工作日`: the N-th working day after the date.
    AddWorkDays,
    /// `+ N日`, extended past rest days (第二百零三条).
    AddDays,
    /// `不顺延(+ N日)`: the N-th day, rest day or not.
    AddDaysRaw,
    /// `+ N个月`, clamped to the month's end (第二百零二条), then extended.
    AddMonths,
    /// `不顺延(+ N个月)`.
    AddMonthsRaw,
    /// `- N个月`: a reference date (届满前N个月), never extended.
    SubMonthsRaw,
    /// `- N日`: a reference date, never extended.
    SubDays,
}

/// Why a date could not be moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShiftError {
    /// The calendar does not cover the date or the end of the period.
    Calendar(CalendarError),
    /// The result is no representable date.
    OutOfRange,
}

impl Shift {
    /// The shift for `date op period` where the period has dimension `dim`;
    /// `None` where a date cannot move so (plus hours, minus working days, …).
    /// Inside 不顺延(…) periods in days and months end where they end
    /// (第二百零四条); working days and periods counted back never extend.
    pub fn of(op: BinOp, dim: &Dim, unextended: bool) -> Option<Shift> {
        Some(match (op, dim.simple()?) {
            (BinOp::Add, BaseDim::WorkDay) => Shift::AddWorkDays,
            (BinOp::Add, BaseDim::Day) if unextended => Shift::AddDaysRaw,
            (BinOp::Add, BaseDim::Month) if unextended => Shift::AddMonthsRaw,
            (BinOp::Add, BaseDim::Day) => Shift::AddDays,
            (BinOp::Add, BaseDim::Month) => Shift::AddMonths,
            (BinOp::Sub, BaseDim::Month) => Shift::SubMonthsRaw,
            (BinOp::Sub, BaseDim::Day) => Shift::SubDays,
            _ => return None,
        })
    }

    /// `date` moved by `n` periods on `calendar`. Every result, a date
    /// counted back included, must lie inside the calendar's data: no
    /// guessing outside it.
    ///
    /// # Errors
    ///
    /// [`ShiftError::Calendar`] when the calendar does not cover the date or
    /// the result, [`ShiftError::OutOfRange`] when the result is no date.
    #[inline]
    pub fn apply(
        self,
        date: NaiveDate,
        n: u32,
        calendar: &Calendar,
    ) -> Result<NaiveDate, ShiftError> {
        let moved = match self {
            Shift::AddWorkDays => calendar.add_working_days(date, n),
            Shift::AddDays => calendar.add_days(date, n),
            Shift::AddDaysRaw => calendar.add_days_raw(date, n),
            Shift::AddMonths => calendar.add_months(date, n),
            Shift::AddMonthsRaw => calendar.add_months_raw(date, n),
            Shift::SubMonthsRaw => calendar.sub_months_raw(date, n),
            Shift::SubDays => {
                let back = date
                    .checked_sub_days(chrono::Days::new(u64::from(n)))
                    .ok_or(ShiftError::OutOfRange)?;
                calendar.is_working_day(back).map(|_| back)
            }
        };
        moved.map_err(ShiftError::Calendar)
    }
}

/// A period's count as a whole, non-negative number of days or months:
/// the calendar counts whole days only (半个月 is written 15日).
#[inline]
pub fn whole(amount: Decimal) -> Option<u32> {
    if amount.fract().is_zero() && amount >= Decimal::ZERO {
        u32::try_from(amount.mantissa() / 10i128.checked_pow(amount.scale())?).ok()
    } else {
        None
    }
}

/// `later - earlier` in days (a number of 日).
#[inline]
pub fn days_between(later: NaiveDate, earlier: NaiveDate) -> Decimal {
    Decimal::from((later - earlier).num_days())
}

/// What a date function gives for a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatePart {
    Date(NaiveDate),
    /// A plain number (年份, 月份).
    Number(Decimal),
}

/// 月末 / 季度末 / 年末 / 年份 / 月份 of `date`; `None` for a function that
/// is not one of them, or an end past the last representable date.
#[inline]
pub fn date_function(func: Func, date: NaiveDate) -> Option<DatePart> {
    Some(match func {
        Func::YearOf => DatePart::Number(Decimal::from(date.year())),
        Func::MonthOf => DatePart::Number(Decimal::from(date.month())),
        Func::MonthEnd => DatePart::Date(calendar::month_end(date)?),
        Func::QuarterEnd => DatePart::Date(calendar::quarter_end(date)?),
        Func::YearEnd => DatePart::Date(calendar::year_end(date)?),
        Func::Min | Func::Max | Func::Abs | Func::Unextended => return None,
    })
}

/// Whether `func` is one of the date functions of [`date_function`].
pub fn is_date_function(func: Func) -> bool {
    matches!(
        func,
        Func::MonthEnd | Func::QuarterEnd | Func::YearEnd | Func::YearOf | Func::MonthOf
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::str::FromStr;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_table_of_shifts() {
        let day = Dim::of(BaseDim::Day);
        let month = Dim::of(BaseDim::Month);
        let work = Dim::of(BaseDim::WorkDay);
        assert_eq!(Shift::of(BinOp::Add, &work, true), Some(Shift::AddWorkDays));
        assert_eq!(Shift::of(BinOp::Add, &day, false), Some(Shift::AddDays));
        assert_eq!(Shift::of(BinOp::Add, &day, true), Some(Shift::AddDaysRaw));
        assert_eq!(Shift::of(BinOp::Add, &month, false), Some(Shift::AddMonths));
        assert_eq!(
            Shift::of(BinOp::Add, &month, true),
            Some(Shift::AddMonthsRaw)
        );
        assert_eq!(
            Shift::of(BinOp::Sub, &month, false),
            Some(Shift::SubMonthsRaw)
        );
        assert_eq!(Shift::of(BinOp::Sub, &day, false), Some(Shift::SubDays));
        assert_eq!(Shift::of(BinOp::Sub, &work, false), None);
        assert_eq!(Shift::of(BinOp::Mul, &day, false), None);
        assert_eq!(Shift::of(BinOp::Add, &Dim::none(), false), None);
    }

    #[test]
    fn shifts_on_the_callers_calendar() {
        let cal = Calendar::embedded().unwrap();
        // 2016-09-30 (Fri) + 1日 is 10-01, 国庆: extended to Saturday 10-08, worked.
        assert_eq!(
            Shift::AddDays.apply(d(2016, 9, 30), 1, &cal),
            Ok(d(2016, 10, 8))
        );
        assert_eq!(
            Shift::AddDaysRaw.apply(d(2016, 9, 30), 1, &cal),
            Ok(d(2016, 10, 1))
        );
        assert_eq!(
            Shift::SubDays.apply(d(2016, 1, 2), 1, &cal),
            Ok(d(2016, 1, 1))
        );
        assert!(matches!(
            Shift::SubDays.apply(d(2016, 1, 1), 1, &cal),
            Err(ShiftError::Calendar(CalendarError::OutOfRange { .. }))
        ));
        assert_eq!(
            Shift::SubDays.apply(NaiveDate::MIN, 1, &cal),
            Err(ShiftError::OutOfRange)
        );
    }

    #[test]
    fn periods_are_whole() {
        let n = |s: &str| whole(Decimal::from_str(s).unwrap());
        assert_eq!(n("15"), Some(15));
        assert_eq!(n("15.00"), Some(15));
        assert_eq!(n("0"), Some(0));
        assert_eq!(n("1.5"), None);
        assert_eq!(n("-1"), None);
        assert_eq!(n("4294967296"), None);
    }

    #[test]
    fn date_functions() {
        let day = d(2016, 8, 15);
        assert_eq!(
            date_function(Func::QuarterEnd, day),
            Some(DatePart::Date(d(2016, 9, 30)))
        );
        assert_eq!(
            date_function(Func::MonthOf, day),
            Some(DatePart::Number(Decimal::from(8)))
        );
        assert_eq!(date_function(Func::Max, day), None);
        assert_eq!(
            days_between(d(2016, 3, 1), d(2016, 2, 1)),
            Decimal::from(29)
        );
    }
}
