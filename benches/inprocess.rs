//! In-process throughput of the compiled plan on pre-parsed records, for the
//! peers table of `benches/run.sh`: records are read into slots first, then
//! evaluation alone is timed, one thread. Prints `records_per_second=N`
//! (median of the rounds).
//!
//! `cargo bench --bench inprocess -- FILE.ndjson [ROUNDS]`; without a file,
//! 100 000 generated records.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use polc::batch::{CVal, Plan, Scratch};
use polc::calendar::Calendar;
use polc::source::SourceFile;
use std::hint::black_box;
use std::time::Instant;

const RELIEF: &str = include_str!("relief/relief.pol");

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let text = match args.first() {
        Some(path) => std::fs::read_to_string(path).unwrap(),
        None => generated(100_000),
    };
    let rounds: usize = args.get(1).map_or(5, |r| r.parse().unwrap());
    let program = polc::compile(&SourceFile::new("relief.pol", RELIEF))
        .program
        .unwrap();
    let plan = Plan::compile(&program, Calendar::embedded().unwrap()).unwrap();
    let mut scratch = Scratch::new(&plan);
    let records: Vec<Vec<CVal>> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            plan.load_json(l.as_bytes(), "编号", &mut scratch).unwrap();
            scratch.facts().to_vec()
        })
        .collect();
    let mut rates = Vec::new();
    for _ in 0..rounds.max(1) {
        let start = Instant::now();
        for facts in &records {
            scratch.load_facts(black_box(facts));
            plan.evaluate(&mut scratch).unwrap();
            black_box(scratch.output(&plan, 1));
        }
        rates.push(records.len() as f64 / start.elapsed().as_secs_f64());
    }
    rates.sort_by(f64::total_cmp);
    println!(
        "records={} rounds={:?} records_per_second={:.0}",
        records.len(),
        rates.iter().map(|r| *r as u64).collect::<Vec<_>>(),
        rates[rates.len() / 2]
    );
}

fn generated(n: u64) -> String {
    let kinds = ["重大损失", "入不敷出", "短期困难"];
    let mut out = String::new();
    let mut x = 0x2545_F491_4F6C_DD1Du64;
    let mut next = |m: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % m
    };
    for i in 0..n {
        let excluded = next(10) == 0;
        out.push_str(&format!(
            "{{\"编号\":{i},\"家庭人口\":{},\"困难类型\":\"{}\",\"困难月数\":{},\"极特殊困难\":{},\"低保标准\":\"{}.{:02}\",\"本年已救助次数\":{},\"本年已救助金额\":\"{}.{:02}\",\"有稳定收入\":{excluded},\"经常使用家用轿车\":false,\"无正当理由拒绝就业\":false,\"赡养人未履行义务\":false,\"拒绝调查或隐瞒\":false,\"无理取闹\":false,\"自愿放弃或擅自离开\":false}}\n",
            1 + next(8),
            kinds[next(3) as usize],
            next(9),
            next(5) == 0,
            400 + next(500),
            next(100),
            next(4),
            next(9000),
            next(100)
        ));
    }
    out
}
