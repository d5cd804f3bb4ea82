//! Unit tests for table validation and edge cases; the legal oracles live in
//! `tests/calendar.rs`.

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn china() -> Arc<Calendar> {
    Calendar::embedded().unwrap()
}

/// A one-year table: 2030-01-01 (Tue) off, 2030-01-05 (Sat) worked.
const TINY: &str = r#"
[[year]]
year = 2030
working_days_total = 261
holidays = [ { date = 2030-01-01, name = "元旦" } ]
workdays = [ { date = 2030-01-05, name = "x" } ]
"#;

fn bad_data(src: &str) -> String {
    match Calendar::from_toml_str(src) {
        Err(e @ CalendarError::BadData(_)) => e.to_string(),
        other => panic!("expected BadData, got {other:?}"),
    }
}

#[test]
fn tiny_table_builds() {
    let cal = Calendar::from_toml_str(TINY).unwrap();
    assert_eq!(cal.first_day(), d(2030, 1, 1));
    assert_eq!(cal.last_day(), d(2030, 12, 31));
    assert!(!cal.is_working_day(d(2030, 1, 1)).unwrap());
    assert!(cal.is_working_day(d(2030, 1, 5)).unwrap());
    assert!(!cal.is_working_day(d(2030, 1, 6)).unwrap());
    assert_eq!(cal.holidays(), &[d(2030, 1, 1)]);
    assert_eq!(cal.makeup_workdays(), &[d(2030, 1, 5)]);
}

#[test]
fn declared_total_must_match() {
    let msg = bad_data(&TINY.replace("261", "262"));
    assert!(msg.contains("2030"), "{msg}");
}

#[test]
fn years_must_be_contiguous() {
    let src = format!("{TINY}\n[[year]]\nyear = 2032\n");
    assert!(bad_data(&src).contains("不连续"));
    let dup = format!("{TINY}\n[[year]]\nyear = 2030\n");
    assert!(bad_data(&dup).contains("不连续"));
}

#[test]
fn rejects_inconsistent_entries() {
    let weekday_workday = TINY.replace("2030-01-05, name = \"x\"", "2030-01-07, name = \"x\"");
    assert!(bad_data(&weekday_workday).contains("不是周末"));
    let both = TINY.replace("2030-01-01, name", "2030-01-05, name");
    assert!(bad_data(&both).contains("同时"));
    let wrong_year = TINY.replace("2030-01-01, name", "2031-01-01, name");
    assert!(bad_data(&wrong_year).contains("列在"));
    let datetime = TINY.replace("2030-01-01, name", "2030-01-01T00:00:00, name");
    assert!(bad_data(&datetime).contains("纯日期"));
    assert!(bad_data("year = []").contains("[[year]]"));
    assert!(bad_data("not toml =").contains("TOML"));
}

#[test]
fn embedded_table_loads_and_is_shared() {
    let a = china();
    let b = china();
    assert!(Arc::ptr_eq(&a, &b));
    assert_eq!(a.first_day(), d(2016, 1, 1));
    assert_eq!(a.last_day(), d(2026, 12, 31));
    assert_eq!(a.working.len(), a.rank.last().copied().unwrap() as usize);
    assert_eq!(a.rank.len(), 4018 + 1);
}

#[test]
fn zero_working_days_is_start_even_on_rest_day() {
    let cal = china();
    assert_eq!(
        cal.add_working_days(d(2016, 10, 1), 0).unwrap(),
        d(2016, 10, 1)
    );
    assert!(cal.add_working_days(d(2027, 1, 1), 0).is_err());
}

#[test]
fn last_covered_day_edges() {
    let cal = china();
    let last = d(2026, 12, 31);
    assert!(cal.is_working_day(last).unwrap());
    assert_eq!(cal.next_working_day_on_or_after(last).unwrap(), last);
    assert_eq!(cal.add_working_days(d(2026, 12, 30), 1).unwrap(), last);
    let past = CalendarError::OutOfRange {
        date: d(2027, 1, 1),
        first: d(2016, 1, 1),
        last,
    };
    assert_eq!(cal.add_working_days(d(2026, 12, 30), 2), Err(past.clone()));
    assert_eq!(cal.add_working_days(last, 1), Err(past));
}

#[test]
fn unrepresentable_targets_are_out_of_range() {
    let cal = china();
    let s = d(2016, 1, 1);
    let past = Err(cal.out_of_range(d(2027, 1, 1)));
    let before = Err(cal.out_of_range(d(2015, 12, 31)));
    assert_eq!(cal.add_days(s, u32::MAX), past);
    assert_eq!(cal.add_days_raw(s, u32::MAX), past);
    assert_eq!(cal.add_months(s, u32::MAX), past);
    assert_eq!(cal.add_years(s, u32::MAX), past);
    assert_eq!(cal.add_years_raw(s, u32::MAX / 12 + 1), past);
    assert_eq!(cal.sub_months_raw(s, u32::MAX), before);
    assert_eq!(cal.working_days_in_year(i32::MAX).map(|_| s), past);
    assert_eq!(cal.working_days_in_year(i32::MIN).map(|_| s), before);
}

#[test]
fn debug_is_compact() {
    let s = format!("{:?}", china());
    assert!(
        s.starts_with("Calendar { first: 2016-01-01, last: 2026-12-31"),
        "{s}"
    );
    assert!(s.len() < 200);
}

const SYNTHETIC_2027: &str = include_str!("../../tests/fixtures/calendar-2027-synthetic.toml");

#[test]
fn a_later_table_continues_the_embedded_one() {
    let cal = Calendar::embedded_and(SYNTHETIC_2027).unwrap();
    assert_eq!(cal.last_day(), d(2027, 12, 31));
    // The synthetic 2027: 01-01 off, Saturday 01-09 worked.
    assert_eq!(cal.is_working_day(d(2027, 1, 1)), Ok(false));
    assert_eq!(cal.is_working_day(d(2027, 1, 9)), Ok(true));
    assert_eq!(
        cal.add_working_days(d(2026, 12, 25), 15),
        Ok(d(2027, 1, 15))
    );
    // The embedded years are unchanged.
    let embedded = china();
    for day in [d(2016, 10, 8), d(2020, 1, 2), d(2026, 12, 31)] {
        assert_eq!(cal.is_working_day(day), embedded.is_working_day(day));
    }
}

#[test]
fn a_later_table_may_not_overlap_or_leave_a_gap() {
    for later in [
        "[[year]]\nyear = 2026\n",
        "[[year]]\nyear = 2028\n",
        "year = 1",
    ] {
        let result = Calendar::embedded_and(later);
        assert!(matches!(result, Err(CalendarError::BadData(_))), "{later}");
    }
}

/// Each calendar error carries its registered code, and says what happened
/// in both languages from its own data (the covered range included).
#[test]
fn errors_carry_their_codes() {
    use crate::diag::Lang;
    let out_of_range = china().add_working_days(d(2026, 12, 30), 5).unwrap_err();
    assert!(matches!(out_of_range, CalendarError::OutOfRange { .. }));
    let bad_data = Calendar::from_toml_str("not toml =").unwrap_err();
    for (error, code) in [
        (&out_of_range, "polc::calendar::out_of_range"),
        (&CalendarError::Overflow, "polc::calendar::overflow"),
        (&bad_data, "polc::calendar::bad_data"),
    ] {
        let d = error.to_diagnostic();
        assert_eq!(d.code.name, code);
        assert_eq!(d.message.zh, error.to_string());
        assert!(
            !d.message
                .en
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        );
        assert!(d.help.is_some_and(|h| !h.get(Lang::En).is_empty()));
    }
    assert!(out_of_range.help(Lang::Zh).contains("2016 年至 2026 年"));
    assert_eq!(
        bad_data.to_file_diagnostic("2027.toml").code.name,
        "polc::calendar::file"
    );
}
