//! The bench policy `benches/relief/relief.pol` (issue 7's "relief"
//! workload): it checks clean, and gives the hand-worked answers below — the
//! same the peers' baseline gives (`benches/peers`, checked on every record
//! of the benchmark by `peers check`) — on the generic evaluator and on the
//! compiled plan alike.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use polc::batch::{Plan, Scratch};
use polc::calendar::Calendar;
use polc::eval::{self, Facts};

const RELIEF: &str = "benches/relief/relief.pol";

#[test]
fn the_bench_policy_checks_clean() {
    let path = common::root().join(RELIEF);
    let text = std::fs::read_to_string(&path).unwrap();
    let compiled = polc::compile(&polc::source::SourceFile::new(RELIEF, text));
    assert!(
        compiled.diagnostics.is_empty(),
        "{:?}",
        compiled.diagnostics
    );
    assert!(compiled.program.is_some());
}

/// (changes to a clean record, 予以救助, 救助金额, the clause that decides it)
fn cases() -> Vec<(serde_json::Value, bool, &'static str, &'static str)> {
    use serde_json::json;
    vec![
        // 520.00 × 3人 × min(5, 3)个月
        (json!({}), true, "4680.00", "第六条第（一）项"),
        // 极特殊困难: min(5, 6) = 5个月
        (
            json!({"极特殊困难": true}),
            true,
            "7800.00",
            "第六条第（一）项",
        ),
        (json!({"困难月数": 0}), false, "0.00", "第六条第（一）项"),
        // min(4000, 8000 − 5000.50) = 2999.50
        (
            json!({"困难类型": "重大损失", "本年已救助金额": "5000.50"}),
            true,
            "2999.50",
            "第六条第（二）项第1目",
        ),
        (
            json!({"困难类型": "重大损失"}),
            true,
            "4000.00",
            "第六条第（二）项第1目",
        ),
        // max(0, 8000 − 9000)
        (
            json!({"困难类型": "重大损失", "本年已救助金额": "9000.00"}),
            false,
            "0.00",
            "第六条第（二）项第1目",
        ),
        (
            json!({"困难类型": "入不敷出", "本年已救助金额": "4100.00"}),
            false,
            "0.00",
            "第六条第（二）项第2目",
        ),
        // min(2000, 4000 − 1234.56)
        (
            json!({"困难类型": "入不敷出", "本年已救助金额": "1234.56"}),
            true,
            "2000.00",
            "第六条第（二）项第2目",
        ),
        (json!({"本年已救助次数": 2}), false, "0.00", "第十二条"),
        // An exclusion decides before the count of earlier help.
        (
            json!({"无理取闹": true, "本年已救助次数": 3}),
            false,
            "0.00",
            "第七条",
        ),
    ]
}

fn record(changes: &serde_json::Value) -> serde_json::Value {
    let mut r = serde_json::json!({
        "编号": 1, "家庭人口": 3, "困难类型": "短期困难", "困难月数": 5,
        "极特殊困难": false, "低保标准": "520.00", "本年已救助次数": 0,
        "本年已救助金额": "0.00", "有稳定收入": false, "经常使用家用轿车": false,
        "无正当理由拒绝就业": false, "赡养人未履行义务": false, "拒绝调查或隐瞒": false,
        "无理取闹": false, "自愿放弃或擅自离开": false
    });
    for (k, v) in changes.as_object().unwrap() {
        r[k] = v.clone();
    }
    r
}

#[test]
fn hand_worked_records() {
    let program = common::program(RELIEF);
    let plan = Plan::compile(&program, Calendar::embedded().unwrap()).unwrap();
    let mut scratch = Scratch::new(&plan);
    for (changes, grant, amount, clause) in cases() {
        let r = record(&changes);
        let facts = Facts::from_value(r.clone()).unwrap();
        let answer = eval::evaluate(&program, &Calendar::embedded().unwrap(), &facts)
            .unwrap()
            .to_json();
        let outputs = &answer["outputs"];
        assert_eq!(outputs["予以救助"]["value"], grant, "{changes}");
        assert_eq!(outputs["救助金额"]["value"], amount, "{changes}");
        assert_eq!(outputs["救助金额"]["cites"][0], clause, "{changes}");
        let mut line = Vec::new();
        plan.answer_json(r.to_string().as_bytes(), "编号", &mut scratch, &mut line)
            .unwrap();
        let fast: serde_json::Value = serde_json::from_slice(&line).unwrap();
        assert_eq!(&fast["outputs"], outputs, "{changes}");
    }
}
