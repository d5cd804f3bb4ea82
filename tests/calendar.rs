//! Oracles for the working-day calendar and legal period counting.
//!
//! Expected values come from the project's legal-periods reference (computed
//! there over the same data and checked by hand against the State Council
//! notices); they are written out here so the tests depend on nothing outside
//! the crate.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use chrono::{Datelike, Days, NaiveDate, Weekday};
use polc::calendar::{CHINA_DATA_TOML, Calendar, CalendarError};
use proptest::prelude::*;
use std::sync::Arc;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn cal() -> Arc<Calendar> {
    Calendar::embedded().unwrap()
}

fn first() -> NaiveDate {
    d("2016-01-01")
}

fn last() -> NaiveDate {
    d("2026-12-31")
}

fn out_of_range(date: &str) -> CalendarError {
    CalendarError::OutOfRange {
        date: d(date),
        first: first(),
        last: last(),
    }
}

// ---------------------------------------------------------------- oracles

#[test]
fn coverage() {
    assert_eq!(cal().first_day(), first());
    assert_eq!(cal().last_day(), last());
}

#[test]
fn working_days_per_year() {
    let expected = [
        (2016, 250),
        (2017, 249),
        (2018, 250),
        (2019, 250),
        (2020, 249),
        (2021, 250),
        (2022, 249),
        (2023, 249),
        (2024, 251),
        (2025, 248),
        (2026, 248),
    ];
    for (year, n) in expected {
        assert_eq!(cal().working_days_in_year(year), Ok(n), "{year}");
    }
    assert_eq!(
        cal().working_days_in_year(2015),
        Err(out_of_range("2015-01-01"))
    );
    assert_eq!(
        cal().working_days_in_year(2027),
        Err(out_of_range("2027-01-01"))
    );
}

#[test]
fn add_working_days_oracle() {
    let cases = [
        ("2016-09-30", 15, "2016-10-26"),
        ("2016-02-03", 15, "2016-02-29"),
        ("2016-09-28", 15, "2016-10-24"),
        ("2016-09-14", 5, "2016-09-22"),
        ("2016-02-05", 5, "2016-02-17"),
    ];
    for (start, n, end) in cases {
        assert_eq!(
            cal().add_working_days(d(start), n),
            Ok(d(end)),
            "{start} + {n}"
        );
    }
}

#[test]
fn add_days_oracle() {
    let cases = [
        // 公示5天
        ("2016-02-05", 5, "2016-02-14"),
        ("2016-09-28", 5, "2016-10-08"),
        ("2016-04-27", 5, "2016-05-03"),
        // 季度结束后五日内
        ("2016-09-30", 5, "2016-10-08"),
        ("2016-03-31", 5, "2016-04-05"),
        ("2016-06-30", 5, "2016-07-05"),
        ("2016-12-31", 5, "2017-01-05"),
    ];
    for (start, n, end) in cases {
        assert_eq!(cal().add_days(d(start), n), Ok(d(end)), "{start} + {n}");
    }
    // Raw arithmetic keeps the holiday as the last day.
    assert_eq!(cal().add_days_raw(d("2016-09-30"), 5), Ok(d("2016-10-05")));
    assert_eq!(cal().add_days_raw(d("2016-02-05"), 5), Ok(d("2016-02-10")));
}

#[test]
fn month_and_year_arithmetic() {
    let c = cal();
    assert_eq!(c.add_months_raw(d("2016-01-31"), 1), Ok(d("2016-02-29")));
    assert_eq!(c.add_years_raw(d("2016-02-29"), 1), Ok(d("2017-02-28")));
    assert_eq!(c.sub_months_raw(d("2017-03-31"), 1), Ok(d("2017-02-28")));
    assert_eq!(c.sub_months_raw(d("2016-12-31"), 1), Ok(d("2016-11-30")));
    // 自公布之日起1年 (civil-code reading): 2017-03-01 is a Wednesday.
    assert_eq!(c.add_years(d("2016-03-01"), 1), Ok(d("2017-03-01")));
    // 2017-02-28 is a Tuesday, so the extension changes nothing.
    assert_eq!(c.add_years(d("2016-02-29"), 1), Ok(d("2017-02-28")));
    // Court example shape (审限三个月): corresponding day; 2016-08-28 is a Sunday → Monday.
    assert_eq!(c.add_months_raw(d("2016-05-28"), 3), Ok(d("2016-08-28")));
    assert_eq!(c.add_months(d("2016-05-28"), 3), Ok(d("2016-08-29")));
    // Corresponding day inside National Day → first day after the holiday (a 调休 Saturday).
    assert_eq!(c.add_months(d("2016-09-03"), 1), Ok(d("2016-10-08")));
    assert_eq!(c.add_months_raw(d("2016-09-03"), 1), Ok(d("2016-10-03")));
    // Clamping does not compose: from the anchor, not by chaining.
    assert_eq!(c.add_months_raw(d("2016-01-31"), 2), Ok(d("2016-03-31")));
}

#[test]
fn next_working_day_examples() {
    let c = cal();
    assert_eq!(
        c.next_working_day_on_or_after(d("2016-10-01")),
        Ok(d("2016-10-08"))
    );
    assert_eq!(
        c.next_working_day_on_or_after(d("2016-10-08")),
        Ok(d("2016-10-08"))
    );
    assert_eq!(
        c.next_working_day_on_or_after(d("2020-01-24")),
        Ok(d("2020-02-03"))
    );
}

#[test]
fn known_facts_from_notices() {
    let c = cal();
    let working = [
        "2016-02-06", // Sat 调休上班 (春节)
        "2016-10-09", // Sun 调休上班 (国庆)
        "2019-05-05", // Sun, from the 2019 Labour Day amendment
        "2018-12-29", // Sat before the straddling New Year block
        "2026-01-04", // Sun 调休上班 (元旦)
        "2026-02-28", // Sat 调休上班 (春节)
    ];
    let resting = [
        "2016-10-07", // Fri in National Day block
        "2019-05-03", // Fri, amended Labour Day
        "2020-02-01", // Sat: planned workday cancelled by the 2020 extension
        "2020-01-31", // Fri: extended Spring Festival
        "2022-12-31", // Sat, 2023 New Year block filed under 2022
        "2023-01-02", // Mon 补休
        "2016-01-02", // ordinary Saturday
    ];
    for s in working {
        assert_eq!(c.is_working_day(d(s)), Ok(true), "{s}");
    }
    for s in resting {
        assert_eq!(c.is_working_day(d(s)), Ok(false), "{s}");
    }
}

// ---------------------------------------------------------------- errors

#[test]
fn out_of_range_inputs() {
    let c = cal();
    assert_eq!(
        c.is_working_day(d("2027-01-04")),
        Err(out_of_range("2027-01-04"))
    );
    assert_eq!(
        c.is_working_day(d("2015-12-31")),
        Err(out_of_range("2015-12-31"))
    );
    assert_eq!(
        c.next_working_day_on_or_after(d("2027-01-01")),
        Err(out_of_range("2027-01-01"))
    );
    assert_eq!(
        c.add_days(d("2015-12-31"), 1),
        Err(out_of_range("2015-12-31"))
    );
    assert_eq!(
        c.add_months_raw(d("2015-12-31"), 1),
        Err(out_of_range("2015-12-31"))
    );
}

#[test]
fn out_of_range_message_is_chinese_first() {
    let msg = cal()
        .is_working_day(d("2027-01-04"))
        .unwrap_err()
        .to_string();
    assert_eq!(
        msg,
        "日期 2027-01-04 超出工作日历数据范围（2016-01-01 至 2026-12-31）"
    );
}

#[test]
fn periods_running_past_the_data() {
    let c = cal();
    assert!(matches!(
        c.add_working_days(d("2026-12-25"), 15),
        Err(CalendarError::OutOfRange { .. })
    ));
    assert_eq!(
        c.add_days(d("2026-12-30"), 5),
        Err(out_of_range("2027-01-04"))
    );
    assert_eq!(
        c.add_days_raw(d("2026-12-30"), 5),
        Err(out_of_range("2027-01-04"))
    );
    assert_eq!(
        c.add_months(d("2026-12-15"), 1),
        Err(out_of_range("2027-01-15"))
    );
    assert_eq!(
        c.add_years(d("2026-01-01"), 1),
        Err(out_of_range("2027-01-01"))
    );
    assert_eq!(
        c.sub_months_raw(d("2016-01-31"), 1),
        Err(out_of_range("2015-12-31"))
    );
}

#[test]
fn huge_n_is_out_of_range_quickly() {
    let c = cal();
    let t = Instant::now();
    for _ in 0..1000 {
        assert!(matches!(
            c.add_working_days(first(), u32::MAX),
            Err(CalendarError::OutOfRange { .. })
        ));
    }
    assert_eq!(
        c.add_working_days(first(), u32::MAX),
        Err(out_of_range("2027-01-01"))
    );
    assert!(t.elapsed() < Duration::from_secs(1));
}

// ---------------------------------------------------------------- naive oracle

/// Holiday and workday sets re-read from the embedded TOML with a generic TOML
/// walk, independent of the module's typed parser.
struct Naive {
    holidays: BTreeSet<NaiveDate>,
    workdays: BTreeSet<NaiveDate>,
}

impl Naive {
    fn load() -> Naive {
        let v: toml::Value = toml::from_str(CHINA_DATA_TOML).unwrap();
        let mut n = Naive {
            holidays: BTreeSet::new(),
            workdays: BTreeSet::new(),
        };
        for y in v["year"].as_array().unwrap() {
            n.holidays.extend(dates(y, "holidays"));
            n.workdays.extend(dates(y, "workdays"));
        }
        n
    }

    /// The formula exactly as the data file's header states it.
    fn working(&self, day: NaiveDate) -> bool {
        let weekday = !matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        self.workdays.contains(&day) || (weekday && !self.holidays.contains(&day))
    }

    /// Day-by-day walk; `None` once it leaves 2016–2026.
    fn add_working_days(&self, start: NaiveDate, n: u32) -> Option<NaiveDate> {
        let mut day = start;
        let mut left = n;
        while left > 0 {
            day = day.succ_opt()?;
            if day > last() {
                return None;
            }
            if self.working(day) {
                left -= 1;
            }
        }
        Some(day)
    }

    fn add_days(&self, start: NaiveDate, n: u32) -> Option<NaiveDate> {
        let mut day = start.checked_add_days(Days::new(n.into()))?;
        while day <= last() && !self.working(day) {
            day = day.succ_opt()?;
        }
        (day <= last()).then_some(day)
    }
}

fn dates(year: &toml::Value, key: &str) -> Vec<NaiveDate> {
    year.get(key)
        .and_then(|a| a.as_array())
        .map(|a| {
            a.iter()
                .map(|e| d(&e["date"].as_datetime().unwrap().to_string()))
                .collect()
        })
        .unwrap_or_default()
}

fn all_days() -> impl Iterator<Item = NaiveDate> {
    first().iter_days().take_while(|x| *x <= last())
}

#[test]
fn naive_sets_match_public_accessors() {
    let n = Naive::load();
    assert_eq!(
        cal().holidays(),
        n.holidays.iter().copied().collect::<Vec<_>>()
    );
    assert_eq!(
        cal().makeup_workdays(),
        n.workdays.iter().copied().collect::<Vec<_>>()
    );
    // Sanity of the re-read itself: a few facts declared independently.
    assert!(n.workdays.contains(&d("2016-10-08")));
    assert!(n.holidays.contains(&d("2020-02-02")));
    assert!(!n.workdays.contains(&d("2020-02-01")));
}

#[test]
fn is_working_day_matches_formula_everywhere() {
    let n = Naive::load();
    for day in all_days() {
        assert_eq!(cal().is_working_day(day), Ok(n.working(day)), "{day}");
    }
}

#[test]
fn add_working_days_matches_naive_walk() {
    let n = Naive::load();
    for start in all_days() {
        for k in [0, 1, 5, 10, 15, 20, 30] {
            let got = cal().add_working_days(start, k).ok();
            assert_eq!(got, n.add_working_days(start, k), "{start} + {k}");
        }
    }
}

#[test]
fn add_days_matches_naive_walk() {
    let n = Naive::load();
    for start in all_days() {
        for k in [0, 1, 3, 5, 7, 10, 15, 30] {
            let got = cal().add_days(start, k).ok();
            assert_eq!(got, n.add_days(start, k), "{start} + {k}");
        }
    }
}

// ---------------------------------------------------------------- properties

fn any_covered_day() -> impl Strategy<Value = NaiveDate> {
    (0u64..4018).prop_map(|o| first().checked_add_days(Days::new(o)).unwrap())
}

proptest! {
    #[test]
    fn working_days_compose(start in any_covered_day(), a in 0u32..300, b in 0u32..300) {
        let c = cal();
        let whole = c.add_working_days(start, a + b);
        let stepped = c.add_working_days(start, a).and_then(|mid| c.add_working_days(mid, b));
        match whole {
            Ok(end) => prop_assert_eq!(stepped, Ok(end)),
            Err(_) => prop_assert!(stepped.is_err()),
        }
    }

    #[test]
    fn working_day_results_are_working_days(start in any_covered_day(), n in 1u32..3000) {
        if let Ok(end) = cal().add_working_days(start, n) {
            prop_assert!(end > start);
            prop_assert_eq!(cal().is_working_day(end), Ok(true));
        }
    }

    #[test]
    fn extension_skips_only_rest_days(start in any_covered_day(), n in 0u32..400) {
        let c = cal();
        if let (Ok(raw), Ok(end)) = (c.add_days_raw(start, n), c.add_days(start, n)) {
            prop_assert_eq!(c.is_working_day(end), Ok(true));
            for day in raw.iter_days().take_while(|x| *x < end) {
                prop_assert_eq!(c.is_working_day(day), Ok(false));
            }
        }
    }

    #[test]
    fn months_round_trip_within_clamping(start in any_covered_day(), n in 0u32..24) {
        let c = cal();
        if let Ok(fwd) = c.add_months_raw(start, n) {
            let back = c.sub_months_raw(fwd, n);
            prop_assert!(back.is_ok());
            // Clamping can only pull the day back, never forward.
            prop_assert!(back.unwrap() <= start);
        }
    }
}
