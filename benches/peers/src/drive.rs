//! Running an engine: end to end over a file (the same chunked shape as
//! `polc batch`: read 4096 lines, split them between threads, write the
//! answers in input order), or in process over records read beforehand.

use crate::baseline::Baseline;
use crate::rego::{self, Rego};
use crate::zen::{self, Zen};
use crate::{Engine, Prepared};
use std::hint::black_box;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::time::Instant;

const CHUNK: usize = 4096;

fn engines(name: &str, n: usize) -> Result<Vec<Box<dyn Engine>>, String> {
    match name {
        "baseline" => Ok((0..n)
            .map(|_| Box::new(Baseline) as Box<dyn Engine>)
            .collect()),
        "regorus" => {
            let program = rego::program()?;
            Ok((0..n)
                .map(|_| Box::new(Rego::new(program.clone())) as Box<dyn Engine>)
                .collect())
        }
        "zen" => {
            let decision = zen::decision()?;
            Ok((0..n)
                .map(|_| Box::new(Zen::new(decision.clone())) as Box<dyn Engine>)
                .collect())
        }
        other => Err(format!("unknown engine {other}")),
    }
}

pub fn run(engine: &str, input: &str, output: &str, threads: &str) -> Result<(), String> {
    let threads: usize = threads.parse().map_err(|e| format!("THREADS: {e}"))?;
    let threads = threads.max(1);
    let mut engines = engines(engine, threads)?;
    let file = std::fs::File::open(input).map_err(|e| format!("{input}: {e}"))?;
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let out = std::fs::File::create(output).map_err(|e| format!("{output}: {e}"))?;
    let mut writer = BufWriter::with_capacity(1 << 20, out);
    let mut buf: Vec<u8> = Vec::new();
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut outs: Vec<Vec<u8>> = vec![Vec::new(); threads];
    loop {
        buf.clear();
        lines.clear();
        while lines.len() < CHUNK {
            let start = buf.len();
            let n = reader
                .read_until(b'\n', &mut buf)
                .map_err(|e| format!("{input}: {e}"))?;
            if n == 0 {
                break;
            }
            let mut end = buf.len();
            while end > start && matches!(buf[end - 1], b'\n' | b'\r') {
                end -= 1;
            }
            if end > start {
                lines.push((start, end));
            }
        }
        if lines.is_empty() {
            break;
        }
        let per = lines.len().div_ceil(threads);
        let buf = &buf;
        let work = |engine: &mut Box<dyn Engine>, part: &[(usize, usize)], out: &mut Vec<u8>| {
            out.clear();
            for &(s, e) in part {
                let text = std::str::from_utf8(&buf[s..e]).map_err(|e| e.to_string())?;
                engine
                    .line(text, out)
                    .map_err(|e| format!("{e} (record {text})"))?;
            }
            Ok::<(), String>(())
        };
        if threads == 1 {
            work(&mut engines[0], &lines, &mut outs[0])?;
        } else {
            std::thread::scope(|scope| {
                let handles: Vec<_> = engines
                    .iter_mut()
                    .zip(outs.iter_mut())
                    .zip(lines.chunks(per))
                    .map(|((engine, out), part)| scope.spawn(move || work(engine, part, out)))
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or_else(|_| Err("thread panicked".into())))
                    .collect::<Result<Vec<()>, String>>()
            })?;
        }
        for (i, out) in outs.iter().enumerate() {
            if i * per < lines.len() {
                writer
                    .write_all(out)
                    .map_err(|e| format!("{output}: {e}"))?;
            }
        }
    }
    writer.flush().map_err(|e| format!("{output}: {e}"))
}

/// Times evaluation alone, one thread: records are read into the engine's
/// input form first. Prints `records_per_second=N` (the median round).
pub fn inprocess(engine: &str, input: &str, rounds: &str) -> Result<(), String> {
    let rounds: usize = rounds.parse().map_err(|e| format!("ROUNDS: {e}"))?;
    let text = std::fs::read_to_string(input).map_err(|e| format!("{input}: {e}"))?;
    let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
    match engine {
        "baseline" => time(Baseline, &lines, rounds),
        "regorus" => time(Rego::new(rego::program()?), &lines, rounds),
        "zen" => time(Zen::new(zen::decision()?), &lines, rounds),
        other => Err(format!("unknown engine {other}")),
    }
}

fn time<P: Prepared>(mut engine: P, lines: &[&str], rounds: usize) -> Result<(), String> {
    let inputs = lines
        .iter()
        .map(|l| engine.prepare(l))
        .collect::<Result<Vec<_>, _>>()?;
    let mut rates = Vec::new();
    for _ in 0..rounds.max(1) {
        let start = Instant::now();
        for input in &inputs {
            black_box(engine.decide(black_box(input))?);
        }
        let secs = start.elapsed().as_secs_f64();
        rates.push(inputs.len() as f64 / secs);
    }
    rates.sort_by(f64::total_cmp);
    let median = rates[rates.len() / 2];
    println!(
        "records={} rounds={:?} records_per_second={median:.0}",
        inputs.len(),
        rates.iter().map(|r| *r as u64).collect::<Vec<_>>()
    );
    Ok(())
}
