//! The compiled batch evaluator's core: per record, evaluation of a
//! pre-parsed case, and the whole hot path (read the NDJSON line into
//! slots, evaluate, write the answer line), on the "relief" bench policy.
//!
//! `cargo bench --bench batch`. The peers comparison (whole processes, other
//! engines) is `benches/run.sh`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use criterion::{Criterion, Throughput, black_box, criterion_group, criterion_main};
use polc::batch::{CVal, Plan, Scratch};
use polc::calendar::Calendar;
use polc::source::SourceFile;

const RELIEF: &str = include_str!("relief/relief.pol");
const FLAGSHIP: &str = include_str!("../policies/temporary-relief.pol");

/// A fixed spread of relief records: every decision path, 10 % excluded.
fn records(n: u64) -> Vec<String> {
    let kinds = ["重大损失", "入不敷出", "短期困难"];
    let flags = [
        "有稳定收入",
        "经常使用家用轿车",
        "无正当理由拒绝就业",
        "赡养人未履行义务",
        "拒绝调查或隐瞒",
        "无理取闹",
        "自愿放弃或擅自离开",
    ];
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move |m: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % m
    };
    (0..n)
        .map(|i| {
            let excluded = next(10) == 0;
            let flag = next(7) as usize;
            let mut line = format!(
                "{{\"编号\":{i},\"家庭人口\":{},\"困难类型\":\"{}\",\"困难月数\":{},\"极特殊困难\":{},\"低保标准\":\"{}.{:02}\",\"本年已救助次数\":{},\"本年已救助金额\":\"{}.{:02}\"",
                1 + next(8),
                kinds[next(3) as usize],
                next(9),
                next(5) == 0,
                400 + next(500),
                next(100),
                next(4),
                next(9000),
                next(100)
            );
            for (k, f) in flags.iter().enumerate() {
                line.push_str(&format!(",\"{f}\":{}", excluded && k == flag));
            }
            line.push('}');
            line
        })
        .collect()
}

fn plan_of(text: &str) -> Plan {
    let program = polc::compile(&SourceFile::new("bench.pol", text))
        .program
        .unwrap();
    Plan::compile(&program, Calendar::embedded().unwrap()).unwrap()
}

fn benches(c: &mut Criterion) {
    let plan = plan_of(RELIEF);
    let lines = records(4096);
    let mut scratch = Scratch::new(&plan);
    let prepared: Vec<Vec<CVal>> = lines
        .iter()
        .map(|l| {
            plan.load_json(l.as_bytes(), "编号", &mut scratch).unwrap();
            scratch.facts().to_vec()
        })
        .collect();
    let mut group = c.benchmark_group("relief");
    group.throughput(Throughput::Elements(lines.len() as u64));
    group.bench_function("evaluate pre-parsed", |b| {
        b.iter(|| {
            for facts in &prepared {
                scratch.load_facts(facts);
                plan.evaluate(&mut scratch).unwrap();
                black_box(scratch.output(&plan, 1));
            }
        });
    });
    let mut out = Vec::with_capacity(1 << 20);
    group.bench_function("read, evaluate, write", |b| {
        b.iter(|| {
            out.clear();
            for l in &lines {
                plan.answer_json(l.as_bytes(), "编号", &mut scratch, &mut out)
                    .unwrap();
            }
            black_box(out.len());
        });
    });
    group.bench_function("read only", |b| {
        b.iter(|| {
            for l in &lines {
                plan.load_json(l.as_bytes(), "编号", &mut scratch).unwrap();
            }
        });
    });
    group.finish();

    let flagship = plan_of(FLAGSHIP);
    let case = include_str!("../examples/relief-case.json").replace('\n', "");
    let mut scratch = Scratch::new(&flagship);
    let mut out = Vec::new();
    c.bench_function("flagship: read, evaluate, write one case", |b| {
        b.iter(|| {
            out.clear();
            flagship
                .answer_json(black_box(case.as_bytes()), "编号", &mut scratch, &mut out)
                .unwrap();
        });
    });
}

criterion_group!(group, benches);
criterion_main!(group);
