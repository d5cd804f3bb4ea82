//! 办理时限 (第十一条: 15个工作日内) and 补齐手续时限 (5个工作日内) for every
//! application date in the validity window, against an oracle built straight
//! from the calendar data file, independent of `polc::calendar`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use chrono::{Datelike, NaiveDate, Weekday};
use polc::calendar::Calendar;
use polc::eval::{self, Facts};
use std::collections::HashSet;

struct Oracle {
    holidays: HashSet<NaiveDate>,
    workdays: HashSet<NaiveDate>,
}

impl Oracle {
    fn load() -> Oracle {
        let doc: toml::Table =
            toml::from_str(&common::read("data/cn-workdays-2016-2026.toml")).unwrap();
        let mut oracle = Oracle {
            holidays: HashSet::new(),
            workdays: HashSet::new(),
        };
        for year in doc["year"].as_array().unwrap() {
            for (key, set) in [
                ("holidays", &mut oracle.holidays),
                ("workdays", &mut oracle.workdays),
            ] {
                for entry in year
                    .get(key)
                    .and_then(|v| v.as_array())
                    .into_iter()
                    .flatten()
                {
                    let date = entry["date"].as_datetime().unwrap().date.unwrap();
                    set.insert(
                        NaiveDate::from_ymd_opt(
                            date.year.into(),
                            date.month.into(),
                            date.day.into(),
                        )
                        .unwrap(),
                    );
                }
            }
        }
        oracle
    }

    fn is_working(&self, d: NaiveDate) -> bool {
        self.workdays.contains(&d)
            || (!matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !self.holidays.contains(&d))
    }

    /// The n-th working day after `start`, the start day not counted.
    fn nth_working_day_after(&self, start: NaiveDate, n: u32) -> NaiveDate {
        let mut d = start;
        let mut left = n;
        while left > 0 {
            d = d.succ_opt().unwrap();
            if self.is_working(d) {
                left -= 1;
            }
        }
        d
    }
}

fn base_facts() -> serde_json::Map<String, serde_json::Value> {
    let doc: toml::Table =
        toml::from_str(&common::read("tests/acceptance/temporary-relief.toml")).unwrap();
    let base = doc["base"].as_table().unwrap();
    base.iter()
        .map(|(k, v)| {
            let v = match v {
                toml::Value::String(s) => serde_json::Value::from(s.clone()),
                toml::Value::Integer(i) => (*i).into(),
                toml::Value::Boolean(b) => (*b).into(),
                other => panic!("{other:?}"),
            };
            (k.clone(), v)
        })
        .collect()
}

#[test]
fn deadlines_match_the_official_calendar_over_the_whole_window() {
    let program = common::program(common::FLAGSHIP);
    let oracle = Oracle::load();
    let first = NaiveDate::from_ymd_opt(2016, 3, 5).unwrap();
    let last = NaiveDate::from_ymd_opt(2020, 12, 31).unwrap();
    let mut facts = base_facts();
    let mut checked = 0;
    for date in first.iter_days().take_while(|d| *d <= last) {
        facts.insert("申请日期".into(), date.to_string().into());
        facts.insert("情况紧急".into(), true.into());
        // 补齐手续 counts from the end of the emergency (读法 第十一条/补齐起算).
        facts.insert("紧急情况结束日期".into(), date.to_string().into());
        let answer = eval::evaluate(
            &program,
            &Calendar::embedded().unwrap(),
            &Facts::from_value(facts.clone().into()).unwrap(),
        )
        .unwrap();
        let json = answer.to_json();
        let due = oracle.nth_working_day_after(date, 15).to_string();
        assert_eq!(
            json["outputs"]["办理时限"]["value"],
            due.as_str(),
            "applied {date}"
        );
        assert_eq!(json["outputs"]["办理时限"]["cites"][0], "第十一条");
        let follow_up = oracle.nth_working_day_after(date, 5).to_string();
        assert_eq!(
            json["outputs"]["补齐手续时限"]["value"],
            follow_up.as_str(),
            "applied {date}"
        );
        assert_eq!(
            json["outputs"]["先行救助时限"]["value"], 24,
            "applied {date}"
        );
        checked += 1;
    }
    assert_eq!(checked, 1763);
}

#[test]
fn the_window_edges_are_inclusive() {
    let program = common::program(common::FLAGSHIP);
    let mut facts = base_facts();
    for (date, ok) in [
        ("2016-03-04", false),
        ("2016-03-05", true),
        ("2020-12-31", true),
        ("2021-01-01", false),
    ] {
        facts.insert("申请日期".into(), date.into());
        let result = eval::evaluate(
            &program,
            &Calendar::embedded().unwrap(),
            &Facts::from_value(facts.clone().into()).unwrap(),
        );
        assert_eq!(result.is_ok(), ok, "{date}");
        if let Err(e) = result {
            let text = e.to_diagnostic().headline(polc::diag::Lang::Zh);
            assert!(
                text.contains("有效期") && text.contains("第二十八条"),
                "{text}"
            );
        }
    }
}
