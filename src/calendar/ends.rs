//! Ends of months, quarters and years: the fixed dates notices write as
//! 12月底, 季度结束, 年底. Pure date arithmetic, no calendar data needed.

use chrono::{Datelike, NaiveDate};

/// Number of the last day of `month` in `year` (28–31); `None` for a month
/// that does not exist.
pub fn last_day_of_month(year: i32, month: u32) -> Option<u32> {
    let first_of_next = if month == 12 {
        NaiveDate::from_ymd_opt(year.checked_add(1)?, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month.checked_add(1)?, 1)?
    };
    first_of_next.pred_opt().map(|d| d.day())
}

pub fn month_end(d: NaiveDate) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(d.year(), d.month(), last_day_of_month(d.year(), d.month())?)
}

/// Quarters are January–March, April–June, July–September, October–December.
pub fn quarter_end(d: NaiveDate) -> Option<NaiveDate> {
    let last_month = d.month().div_ceil(3) * 3;
    NaiveDate::from_ymd_opt(
        d.year(),
        last_month,
        last_day_of_month(d.year(), last_month)?,
    )
}

pub fn year_end(d: NaiveDate) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(d.year(), 12, 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn ends() {
        assert_eq!(last_day_of_month(2016, 2), Some(29));
        assert_eq!(last_day_of_month(2017, 2), Some(28));
        assert_eq!(last_day_of_month(2016, 13), None);
        assert_eq!(month_end(date(2016, 2, 3)), Some(date(2016, 2, 29)));
        assert_eq!(quarter_end(date(2016, 8, 15)), Some(date(2016, 9, 30)));
        assert_eq!(quarter_end(date(2016, 12, 1)), Some(date(2016, 12, 31)));
        assert_eq!(quarter_end(date(2016, 1, 1)), Some(date(2016, 3, 31)));
        assert_eq!(year_end(date(2016, 5, 5)), Some(date(2016, 12, 31)));
    }
}
