//! Every input the fuzzers (fuzz/, `cargo +nightly fuzz run <target>`) once
//! crashed, hung or ran out of memory on, replayed through the very code the
//! fuzz target runs (fuzz/src/lib.rs), so the fix stays fixed without
//! nightly. The inputs are in tests/fuzz_regressions/<target>/.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "../fuzz/src/lib.rs"]
mod harness;

use std::path::PathBuf;
use std::time::{Duration, Instant};

/// A finding that was a timeout must now finish well inside the fuzzers'
/// 10 s limit, even in a debug build.
const BUDGET: Duration = Duration::from_secs(20);

fn replay(target: &str, run: fn(&[u8])) -> usize {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(target);
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != ".gitkeep"))
        .collect();
    inputs.sort();
    for input in &inputs {
        let data = std::fs::read(input).unwrap();
        let started = Instant::now();
        run(&data);
        let took = started.elapsed();
        assert!(took < BUDGET, "{} took {took:?}", input.display());
    }
    inputs.len()
}

#[test]
fn parse_bytes() {
    replay("parse_bytes", harness::parse_bytes);
}

#[test]
fn parse_tokens() {
    replay("parse_tokens", harness::parse_tokens);
}

#[test]
fn check() {
    replay("check", harness::check);
}

#[test]
fn eval_facts() {
    replay("eval_facts", harness::eval_facts);
}

#[test]
fn fmt_roundtrip() {
    replay("fmt_roundtrip", harness::fmt_roundtrip);
}

#[test]
fn repl_line() {
    replay("repl_line", harness::repl_line);
}

#[test]
fn batch_records() {
    replay("batch_records", harness::batch_records);
}

/// The harness itself works: the shipped notices go through every target.
#[test]
fn the_shipped_notices_pass_every_target() {
    for (_, text) in harness::POLICIES {
        harness::parse_bytes(text.as_bytes());
        harness::check(text.as_bytes());
        harness::fmt_roundtrip(text.as_bytes());
    }
    harness::eval_facts(
        &[12_u8]
            .iter()
            .chain(harness::CASE.as_bytes())
            .copied()
            .collect::<Vec<u8>>(),
    );
    harness::repl_line(":why 救助金额\n家庭人口 = 4\n:whynot 予以救助".as_bytes());
    // The flagship is the 13th notice: first byte 2 × 12 for NDJSON, + 1 for CSV.
    let case: serde_json::Value = serde_json::from_str(harness::CASE).unwrap();
    let mut records = Vec::new();
    for (id, people) in [(1, 1), (2, 4), (3, 0)] {
        let mut record = case.clone();
        record["id"] = id.into();
        record["家庭人口"] = people.into();
        records.push(record.to_string());
    }
    records.push("{\"id\": 4, \"家庭人口\": \"四\"}\r\n\nnot json".to_string());
    let ndjson = [&[24_u8][..], records.join("\n").as_bytes()].concat();
    harness::batch_records(&ndjson);
    let csv = "id,家庭人口,困难类型\n1,4,\"入不敷出\"\n2,x\n3,\"2\",\n";
    harness::batch_records(&[&[25_u8][..], csv.as_bytes()].concat());
}
