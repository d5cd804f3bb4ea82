//! Laws the flagship (临政发〔2016〕4号) must obey for every case, checked on
//! random facts against a plain reading of 第五条, 第六条, 第七条, 第八条, 第十二条.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use chrono::NaiveDate;
use polc::calendar::Calendar;
use polc::eval::{self, Facts};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::str::FromStr;

fn flagship() -> &'static polc::program::Program {
    static PROGRAM: std::sync::OnceLock<polc::program::Program> = std::sync::OnceLock::new();
    PROGRAM.get_or_init(|| common::program(common::FLAGSHIP))
}

#[derive(Debug, Clone)]
struct Case {
    individual: bool,
    cause: &'static str,
    serious_hardship: bool,
    no_family_support: bool,
    kind: &'static str,
    household: u32,
    on_dibao: bool,
    months: u32,
    very_special: bool,
    dibao_fen: u32,
    times: u32,
    paid_fen: u32,
    same_standard_times: u32,
    same_standard_paid_fen: u32,
    special: bool,
    same_event: bool,
    public_emergency: bool,
    exclusions: [bool; 7],
    houses: u32,
    applied: NaiveDate,
    urgent: bool,
}

fn case() -> impl Strategy<Value = Case> {
    let kind = prop::sample::select(vec!["短期困难", "重大损失", "入不敷出"]);
    let flags = prop::array::uniform7(prop::bool::weighted(0.1));
    let cause = prop::sample::select(CAUSES.to_vec());
    (
        (
            prop::bool::weighted(0.2),
            cause,
            prop::bool::weighted(0.9),
            prop::bool::weighted(0.7),
            0u32..4,
            0u32..1_000_000,
        ),
        (
            kind,
            1u32..9,
            prop::bool::weighted(0.2),
            0u32..10,
            any::<bool>(),
            30_000u32..90_000,
        ),
        (
            0u32..4,
            0u32..1_000_000,
            any::<bool>(),
            prop::bool::weighted(0.1),
            prop::bool::weighted(0.1),
        ),
        (flags, 0u32..4, 0i64..1763, any::<bool>()),
    )
        .prop_map(|(e, a, b, c)| Case {
            individual: e.0,
            cause: e.1,
            serious_hardship: e.2,
            no_family_support: e.3,
            same_standard_times: e.4,
            same_standard_paid_fen: e.5,
            kind: a.0,
            household: a.1,
            on_dibao: a.2,
            months: a.3,
            very_special: a.4,
            dibao_fen: a.5,
            times: b.0,
            paid_fen: b.1,
            special: b.2,
            same_event: b.3,
            public_emergency: b.4,
            exclusions: c.0,
            houses: c.1,
            applied: NaiveDate::from_ymd_opt(2016, 3, 5).unwrap() + chrono::Days::new(c.2 as u64),
            urgent: c.3,
        })
}

/// 第五条's causes, as the case system sends them.
const CAUSES: [&str; 10] = [
    "火灾",
    "交通事故",
    "重病",
    "溺水",
    "人身伤害",
    "见义勇为",
    "患病",
    "普通高等教育入学",
    "物价上涨",
    "其他特殊困难",
];

fn money(fen: u32) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

fn facts(c: &Case) -> Facts {
    let names = [
        "有稳定收入",
        "经常使用家用轿车",
        "无正当理由拒绝就业",
        "赡养人未履行义务",
        "拒绝调查或隐瞒",
        "无理取闹",
        "自愿放弃或擅自离开",
    ];
    let mut json = serde_json::json!({
        "对象类型": if c.individual { "个人" } else { "家庭" }, "困难原因": c.cause,
        "基本生活暂时出现严重困难": c.serious_hardship, "暂时无法得到家庭支持": c.no_family_support,
        "本年已获同类一次性救助次数": c.same_standard_times,
        "本年已获同类一次性救助金额": money(c.same_standard_paid_fen),
        "家庭人口": c.household, "是否低保家庭": c.on_dibao, "困难类型": c.kind,
        "困难月数": c.months, "极特殊困难": c.very_special, "低保标准": money(c.dibao_fen),
        "本年已救助次数": c.times, "本年已救助金额": money(c.paid_fen), "特殊情况": c.special,
        "同一事件已救助": c.same_event, "申请日期": c.applied.to_string(), "情况紧急": c.urgent,
        "紧急情况结束日期": c.applied.to_string(),
        "突发公共事件": c.public_emergency, "商品住房套数": c.houses, "慢性病或残疾致困": false,
    });
    for (name, flag) in names.iter().zip(c.exclusions) {
        json[*name] = flag.into();
    }
    Facts::from_value(json).unwrap()
}

/// 第五条 by a plain reading: a rise in necessary spending (患病, 入学, 物价上涨)
/// counts only for a 低保 family; an individual must also lack family support.
fn eligible(c: &Case) -> bool {
    let spending_rise = matches!(c.cause, "患病" | "普通高等教育入学" | "物价上涨");
    let cause_counts = if c.individual {
        !spending_rise && c.no_family_support
    } else {
        !spending_rise || c.on_dibao
    };
    c.serious_hardship && cause_counts
}

/// The amount by a plain reading of the notice, written independently of
/// the .pol file.
fn expected_amount(c: &Case) -> Decimal {
    let excluded = !eligible(c)
        || c.exclusions.iter().any(|f| *f)
        || c.houses >= 2
        || c.public_emergency
        || c.same_event
        || c.times >= 2;
    if excluded {
        return Decimal::ZERO;
    }
    // 第六条（二）: each standard's times and annual maximum count that
    // standard's one-time payments only; 第十二条 (above) counts all.
    let paid = Decimal::new(c.same_standard_paid_fen.into(), 2);
    let one_off = |standard: i64, annual: i64| {
        let allowed_times = if c.special { 2 } else { 1 };
        if c.same_standard_times >= allowed_times {
            return Decimal::ZERO;
        }
        Decimal::from(standard)
            .min(Decimal::from(annual) - paid)
            .max(Decimal::ZERO)
    };
    match c.kind {
        "重大损失" => one_off(4000, 8000),
        "入不敷出" => one_off(2000, 4000),
        _ if c.on_dibao => Decimal::ZERO,
        _ => {
            let cap = if c.very_special { 6 } else { 3 };
            Decimal::new(c.dibao_fen.into(), 2)
                * Decimal::from(c.household)
                * Decimal::from(c.months.min(cap))
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn amounts_grants_and_citations_follow_the_notice(c in case()) {
        let answer = eval::evaluate(flagship(), &Calendar::embedded().unwrap(), &facts(&c)).unwrap();
        let json = answer.to_json();
        let amount = Decimal::from_str(json["outputs"]["救助金额"]["value"].as_str().unwrap()).unwrap();
        let expected = expected_amount(&c).round_dp(2);
        prop_assert_eq!(amount, expected, "{:?}", c);
        let granted = json["outputs"]["予以救助"]["value"].as_bool().unwrap();
        prop_assert_eq!(granted, amount > Decimal::ZERO);
        let cites: Vec<String> = answer.output("予以救助").unwrap().cites.iter().map(|p| p.article_only().to_string()).collect();
        if c.exclusions.iter().any(|f| *f) || c.houses >= 2 {
            prop_assert!(cites.contains(&"第七条".to_string()), "{:?}", cites);
        }
        if granted {
            prop_assert!(cites.contains(&"第六条".to_string()), "{:?}", cites);
        }
        let excluded_elsewhere = c.exclusions.iter().any(|f| *f)
            || c.houses >= 2
            || c.public_emergency
            || c.same_event
            || c.times >= 2;
        if !eligible(&c) && !excluded_elsewhere {
            prop_assert!(cites.contains(&"第五条".to_string()), "{:?}", cites);
        }
    }

    #[test]
    fn deadlines_are_working_days_after_the_application(c in case()) {
        let answer = eval::evaluate(flagship(), &Calendar::embedded().unwrap(), &facts(&c)).unwrap();
        let json = answer.to_json();
        let due = NaiveDate::from_str(json["outputs"]["办理时限"]["value"].as_str().unwrap()).unwrap();
        prop_assert!(due > c.applied + chrono::Days::new(14), "15 working days take at least 15 days");
        prop_assert!(Calendar::embedded().unwrap().is_working_day(due).unwrap());
        let urgent_relief = c.urgent && json["outputs"]["予以救助"]["value"] == true;
        prop_assert_eq!(json["outputs"]["先行救助时限"]["value"].is_null(), !urgent_relief);
        if !urgent_relief {
            prop_assert!(json["outputs"]["补齐手续时限"]["value"].is_null());
        }
    }
}
