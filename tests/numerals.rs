//! Chinese numerals in quantities and counts (十个工作日, 两套以上, 三年,
//! 一倍以上三倍以下) mean exactly their Arabic forms: the same notice written
//! either way answers every case alike, and a fact given as 三人 is 3人.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use polc::calendar::Calendar;
use polc::eval::{self, Facts};
use polc::numeral::amount_to_chinese;
use polc::source::SourceFile;
use proptest::prelude::*;

/// A notice whose constants are written by `write` (Arabic or Chinese).
fn notice(write: impl Fn(u64) -> String, bound: u64, days: u64, years: u64, amount: u64) -> String {
    format!(
        "文号 \"测试〔2016〕4号\"\n\
         第一条\n\
         \x20 事实 申请日期: 日期\n\
         \x20 事实 家庭人口: 人 范围 {one}人 至 {hundred}人\n\
         \x20 事实 骗取救助款额: 元\n\
         \x20 案件日期 申请日期\n\
         \x20 输出 多人家庭: 布尔 = 家庭人口 {bound}人及以上\n\
         \x20 输出 少人家庭: 布尔 = 家庭人口 {bound}人以下\n\
         \x20 输出 办理时限: 日期 = 申请日期 + {days}个工作日\n\
         \x20 输出 管理期限: 月 = {years}年\n\
         \x20 输出 资金: 元 = {amount}元 + {amount}万元\n\
         \x20 输出 罚款上限: 元 = 骗取救助款额 × {three}倍\n",
        one = write(1),
        hundred = write(100),
        bound = write(bound),
        days = write(days),
        years = write(years),
        amount = write(amount),
        three = write(3),
    )
}

fn answer(text: &str, facts: serde_json::Value) -> serde_json::Value {
    let source = SourceFile::new("numerals.pol", text.to_string());
    let compiled = polc::compile(&source);
    let program = compiled.program.unwrap_or_else(|| {
        panic!(
            "{text}\n{}",
            compiled
                .diagnostics
                .iter()
                .map(|d| d.render(Some(&source), polc::diag::Lang::Zh))
                .collect::<String>()
        )
    });
    let facts = Facts::from_value(facts).unwrap();
    let names = program.outputs.clone();
    let answer =
        eval::evaluate_names(&program, &Calendar::embedded().unwrap(), &facts, &names).unwrap();
    let mut json = answer.to_json();
    json.as_object_mut().unwrap().remove("trace");
    json
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The notice written in Chinese numerals and in Arabic digits gives the
    /// same answer for any case, and so does a fact given as 三人.
    #[test]
    fn chinese_and_arabic_forms_evaluate_identically(
        bound in 1u64..100,
        days in 1u64..60,
        years in 1u64..10,
        amount in 0u64..99_999_999,
        people in 1u64..100,
        fraud in 0u64..1_000_000,
    ) {
        let arabic = notice(|n| n.to_string(), bound, days, years, amount);
        let chinese = notice(amount_to_chinese, bound, days, years, amount);
        let facts = serde_json::json!({
            "申请日期": "2016-03-07", "家庭人口": people, "骗取救助款额": fraud,
        });
        let written = serde_json::json!({
            "申请日期": "2016-03-07",
            "家庭人口": format!("{}人", amount_to_chinese(people)),
            "骗取救助款额": format!("{}元", amount_to_chinese(fraud)),
        });
        let expected = answer(&arabic, facts.clone());
        prop_assert_eq!(&answer(&chinese, facts), &expected);
        prop_assert_eq!(&answer(&arabic, written), &expected);
    }
}

/// `polc fmt` keeps the numeral the drafter wrote, and the AST keeps it too.
#[test]
fn fmt_and_the_syntax_tree_keep_the_written_numeral() {
    let text = notice(amount_to_chinese, 3, 10, 3, 12_000);
    let source = SourceFile::new("numerals.pol", text.clone());
    assert_eq!(polc::fmt::format(&source, None).unwrap(), text);
    let parsed = polc::syntax::parse(&source).unwrap();
    let written: Vec<String> = format!("{parsed:?}")
        .match_indices("numeral: Some(\"")
        .map(|(i, m)| {
            let rest = &format!("{parsed:?}")[i + m.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect();
    for numeral in ["一", "一百", "三", "十", "一万二千"] {
        assert!(
            written.iter().any(|w| w == numeral),
            "{numeral}: {written:?}"
        );
    }
}
