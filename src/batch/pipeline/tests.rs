//! The pipeline's order, counts and failures, on the relief workload.

use super::*;
use crate::calendar::Calendar;
use crate::diag::Lang;
use crate::source::SourceFile;
use std::time::Duration;

const RELIEF: &str = include_str!("../../../benches/relief/relief.pol");

fn relief() -> crate::program::Program {
    crate::check::compile(&SourceFile::new("relief.pol", RELIEF))
        .program
        .expect("relief.pol checks")
}

/// Chunk `n` of `total` numbered chunks, each answered with its number;
/// chunk 0 is slow, so the other threads run far ahead of it.
fn numbered_chunks(threads: usize, total: u64) -> Vec<u64> {
    let program = relief();
    let batch = Batch::new(&program, Calendar::embedded().unwrap(), "id", Lang::Zh);
    let mut workers: Vec<Worker> = (0..threads).map(|_| batch.worker()).collect();
    let mut answers: Vec<u8> = Vec::new();
    let mut pipeline = Pipeline {
        workers: &mut workers,
        sink: &mut answers,
        progress: &|_| {},
    };
    let mut next = 0;
    let fill = |chunk: &mut Option<u64>| {
        *chunk = (next < total).then_some(next);
        next += 1;
        Ok(1)
    };
    let compute = |chunk: &Option<u64>, worker: &mut Worker| {
        let n = chunk.unwrap();
        if n == 0 {
            std::thread::sleep(Duration::from_millis(300));
        }
        worker.out.clear();
        worker.out.extend_from_slice(format!("{n}\n").as_bytes());
    };
    assert!(pipeline.ordered(fill, Option::is_none, compute).is_ok());
    let text = String::from_utf8(answers).unwrap();
    text.lines().map(|l| l.parse().unwrap()).collect()
}

/// A thread that waited for room among the pending chunks writes its own
/// chunk when its turn has come meanwhile (it once left it pending, and
/// the batch hung).
#[test]
fn chunks_are_written_in_order_when_one_thread_lags() {
    for threads in [1, 2, 3] {
        let (done, answer) = std::sync::mpsc::channel();
        std::thread::spawn(move || done.send(numbered_chunks(threads, 40)));
        let order = answer
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("{threads} threads: the batch hangs"));
        assert_eq!(order, (0..40).collect::<Vec<u64>>(), "{threads} threads");
    }
}

/// The whole pipeline on many threads keeps input order and counts.
#[test]
fn answers_come_in_input_order_on_any_number_of_threads() {
    let program = relief();
    let batch = Batch::new(&program, Calendar::embedded().unwrap(), "id", Lang::Zh);
    let records = 3 * CHUNK_RECORDS + 17;
    let input: String = (0..records)
        .map(|i| format!("{{\"id\":{i},\"not_a_fact\":true}}\n"))
        .collect();
    let mut first: Option<Vec<u8>> = None;
    for threads in [1, 2, 4] {
        let mut out = Vec::new();
        let read = std::sync::atomic::AtomicU64::new(0);
        let progress = |n: u64| {
            read.fetch_add(n, Ordering::Relaxed);
        };
        let summary = run(
            &batch,
            InputFormat::Ndjson,
            threads,
            input.as_bytes(),
            &mut out,
            &progress,
        )
        .unwrap();
        assert_eq!(summary.records, records as u64);
        assert_eq!(read.into_inner(), input.len() as u64);
        let ids: Vec<u64> = String::from_utf8(out.clone())
            .unwrap()
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                v["id"].as_u64().unwrap()
            })
            .collect();
        assert_eq!(ids, (0..records as u64).collect::<Vec<_>>());
        match &first {
            None => first = Some(out),
            Some(one) => assert_eq!(one, &out, "{threads} threads"),
        }
    }
}

/// A closed output is told apart from other write failures.
#[test]
fn a_closed_output_is_a_broken_pipe() {
    struct Closed;
    impl Write for Closed {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Err(ErrorKind::BrokenPipe.into())
        }
    }
    let program = relief();
    let batch = Batch::new(&program, Calendar::embedded().unwrap(), "id", Lang::Zh);
    let result = run(
        &batch,
        InputFormat::Csv,
        2,
        "id\n1\n".as_bytes(),
        &mut Closed,
        &|_| {},
    );
    assert!(
        matches!(result, Err(PipelineError::BrokenPipe(_))),
        "{result:?}"
    );
}
