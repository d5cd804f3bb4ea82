//! How fast polc reads, checks and evaluates the flagship notice.
//!
//! `cargo bench --bench eval`. Figures go in closing notes; targets for
//! batch throughput live in the batch issue.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use criterion::{Criterion, black_box, criterion_group, criterion_main};
use polc::calendar::Calendar;
use polc::eval::{self, Facts};
use polc::source::SourceFile;

const FLAGSHIP: &str = include_str!("../policies/temporary-relief.pol");
const CASE: &str = include_str!("../examples/relief-case.json");

fn benches(c: &mut Criterion) {
    let source = SourceFile::new("temporary-relief.pol", FLAGSHIP);
    c.bench_function("parse+check flagship", |b| {
        b.iter(|| polc::compile(black_box(&source)));
    });
    let program = polc::compile(&source).program.unwrap();
    let facts = Facts::from_json(CASE).unwrap();
    let calendar = Calendar::embedded().unwrap();
    c.bench_function("eval one case (all outputs)", |b| {
        b.iter(|| eval::evaluate(black_box(&program), &calendar, black_box(&facts)).unwrap());
    });
    c.bench_function("decode facts json", |b| {
        b.iter(|| Facts::from_json(black_box(CASE)).unwrap());
    });
}

criterion_group!(group, benches);
criterion_main!(group);
