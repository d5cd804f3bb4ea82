//! `polc batch`: every record of an NDJSON or CSV file against one notice,
//! one NDJSON answer line per record, in input order. Reads and writes in
//! chunks so memory stays flat; the library evaluates each chunk in parallel.

use crate::files;
use crate::output;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use polc::batch::job::CHUNK_RECORDS;
use polc::batch::{Batch, LineChunk, LineReader, Worker};
use polc::calendar::Calendar;
use polc::diag::{Bilingual, Diagnostic, Lang, Severity};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, ErrorKind, IsTerminal, Read, Write};
use std::marker::PhantomData;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    Ndjson,
    Csv,
}

#[derive(clap::Args)]
pub struct Args {
    notice: PathBuf,
    /// Records: NDJSON (one JSON object a line) or CSV with a header row of
    /// fact names; - for stdin.
    #[arg(long, required_unless_present = "explain_plan")]
    input: Option<PathBuf>,
    /// Write the answers here (atomically: the file appears whole or not at
    /// all) instead of to stdout.
    #[arg(long)]
    output: Option<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long)]
    threads: Option<usize>,
    /// The field (or CSV column) that identifies a record; echoed as "id".
    #[arg(long, default_value = "id")]
    id: String,
    /// By default from the extension: .csv is CSV, anything else NDJSON.
    #[arg(long, value_enum)]
    input_format: Option<InputFormat>,
    /// Print how the notice is compiled for batch evaluation, and stop.
    #[arg(long)]
    explain_plan: bool,
    /// Use the generic evaluator for every record (for comparison).
    #[arg(long, hide = true)]
    generic: bool,
    #[arg(long, value_enum, default_value = "zh")]
    lang: Lang,
}

pub fn run(args: &Args, calendar: Arc<Calendar>) -> ExitCode {
    let source = match files::read_source(&args.notice) {
        Ok(s) => s,
        Err(d) => return fail(&d, args.lang, 2),
    };
    let compiled = polc::compile(&source);
    let Some(program) = compiled.program else {
        for d in &compiled.diagnostics {
            output::warn(&d.render(Some(&source), args.lang));
        }
        return ExitCode::from(1);
    };
    let batch = if args.generic {
        Batch::generic_only(&program, calendar, &args.id, args.lang)
    } else {
        Batch::new(&program, calendar, &args.id, args.lang)
    };
    if args.explain_plan {
        return output::finish(&explain(&batch), ExitCode::SUCCESS);
    }
    if let Err(refusal) = batch.plan()
        && !args.generic
    {
        output::warn(&format!(
            "polc batch：本文件未编译为批量计划（{refusal}），逐条用通用求值器计算 \
             (no batch plan for this notice; every record uses the generic evaluator)\n"
        ));
    }
    let Some(input) = &args.input else {
        return ExitCode::from(2);
    };
    match run_batch(args, &batch, input) {
        Ok(summary) => {
            let Summary {
                records,
                errors,
                generic,
            } = summary;
            output::warn(&format!(
                "polc batch：{records} 条记录，{errors} 条出错，{generic} 条由通用求值器计算 \
                 ({records} records, {errors} errors, {generic} on the generic evaluator)\n"
            ));
            if errors > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(Stop::BrokenPipe) => ExitCode::SUCCESS,
        Err(Stop::Failed(d)) => fail(&d, args.lang, 2),
    }
}

fn explain(batch: &Batch<'_>) -> String {
    match batch.plan() {
        Ok(plan) => format!(
            "{}：批量计划（compiled plan）\n{}",
            plan.notice(),
            plan.describe()
        ),
        Err(refusal) => format!("通用求值器（generic evaluator）：{refusal}\n"),
    }
}

struct Summary {
    records: u64,
    errors: u64,
    /// Records the generic evaluator answered (all of them without a plan).
    generic: u64,
}

enum Stop {
    BrokenPipe,
    Failed(Box<Diagnostic>),
}

fn run_batch(args: &Args, batch: &Batch<'_>, input: &Path) -> Result<Summary, Stop> {
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, 256);
    let mut workers: Vec<Worker> = (0..threads).map(|_| batch.worker()).collect();
    let (reader, size): (Box<dyn Read + Send>, u64) = if input == Path::new("-") {
        (Box::new(std::io::stdin()), 0)
    } else {
        let file = File::open(input).map_err(|e| Stop::Failed(read_error(input, &e)))?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        (Box::new(file), size)
    };
    let bar = progress(size);
    let format = args.input_format.unwrap_or_else(|| {
        if input
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
        {
            InputFormat::Csv
        } else {
            InputFormat::Ndjson
        }
    });
    let mut sink = Sink::open(args.output.as_deref())?;
    let mut run = Run {
        batch,
        workers: &mut workers,
        bar: &bar,
        sink: &mut sink,
    };
    match format {
        InputFormat::Ndjson => run.ndjson(reader, input)?,
        InputFormat::Csv => run.csv(reader, input)?,
    }
    bar.finish_and_clear();
    sink.finish()?;
    let records = workers.iter().map(|w| w.records).sum();
    Ok(Summary {
        records,
        errors: workers.iter().map(|w| w.errors).sum(),
        generic: if batch.plan().is_ok() {
            workers.iter().map(|w| w.deferred).sum()
        } else {
            records
        },
    })
}

struct Run<'a, 'p> {
    batch: &'a Batch<'p>,
    workers: &'a mut [Worker],
    bar: &'a ProgressBar,
    sink: &'a mut Sink,
}

impl Run<'_, '_> {
    fn ndjson(&mut self, reader: impl Read + Send, input: &Path) -> Result<(), Stop> {
        let mut lines = LineReader::new(reader);
        let batch = self.batch;
        let fill = |chunk: &mut LineChunk| {
            lines
                .fill(chunk)
                .map_err(|e| Stop::Failed(read_error(input, &e)))
        };
        let compute = |chunk: &LineChunk, worker: &mut Worker| {
            batch.run_lines(chunk, std::slice::from_mut(worker), None);
        };
        self.pipeline(fill, |c: &LineChunk| c.lines.is_empty(), compute)
    }

    fn csv(&mut self, reader: impl Read + Send, input: &Path) -> Result<(), Stop> {
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(1 << 20)
            .from_reader(reader);
        let mut header = csv::ByteRecord::new();
        let more = csv
            .read_byte_record(&mut header)
            .map_err(|e| Stop::Failed(csv_error(input, &e)))?;
        if !more {
            return Ok(());
        }
        let header = self.batch.csv_header(&header);
        let mut position = csv.position().byte();
        let fill = |rows: &mut Rows| {
            rows.filled = 0;
            while rows.filled < CHUNK_RECORDS {
                if rows.records.len() == rows.filled {
                    rows.records.push(csv::ByteRecord::new());
                }
                let Some(row) = rows.records.get_mut(rows.filled) else {
                    break;
                };
                let more = csv
                    .read_byte_record(row)
                    .map_err(|e| Stop::Failed(csv_error(input, &e)))?;
                if !more {
                    break;
                }
                rows.filled += 1;
            }
            let now = csv.position().byte();
            let consumed = now.saturating_sub(position);
            position = now;
            Ok(consumed)
        };
        let batch = self.batch;
        let compute = |rows: &Rows, worker: &mut Worker| {
            let part = rows.records.get(..rows.filled).unwrap_or(&[]);
            batch.run_rows(&header, part, std::slice::from_mut(worker), None);
        };
        self.pipeline(fill, |rows: &Rows| rows.filled == 0, compute)
    }

    /// Reads, evaluates and writes chunk after chunk. Each worker thread
    /// takes a whole chunk at a time: it reads it (one reader at a time),
    /// evaluates it alone, and writes it at once if every earlier chunk is
    /// written, else leaves it for the thread whose chunk comes first. No
    /// thread waits for another's share of a chunk, and no extra thread does
    /// the I/O, so `--threads N` keeps N cores busy evaluating.
    fn pipeline<C: Default + Send>(
        &mut self,
        fill: impl FnMut(&mut C) -> Result<u64, Stop> + Send,
        is_empty: impl Fn(&C) -> bool + Sync,
        compute: impl Fn(&C, &mut Worker) + Sync,
    ) -> Result<(), Stop> {
        let threads = self.workers.len();
        let shared = Pipeline {
            input: Mutex::new(Input { fill, next: 0 }),
            output: Mutex::new(Output {
                sink: &mut *self.sink,
                next: 0,
                pending: BTreeMap::new(),
                spare: Vec::new(),
            }),
            written: Condvar::new(),
            // Enough for every thread to run a chunk ahead, so memory stays
            // flat even when one thread is descheduled for a while.
            max_pending: 2 * threads,
            failure: Mutex::new(None),
            stopped: AtomicBool::new(false),
            bar: self.bar,
            is_empty: &is_empty,
            compute: &compute,
            chunk: PhantomData,
        };
        match &mut *self.workers {
            [only] => shared.work(only),
            workers => std::thread::scope(|scope| {
                for worker in workers.iter_mut() {
                    let shared = &shared;
                    scope.spawn(move || shared.work(worker));
                }
            }),
        }
        match shared.failure.into_inner() {
            Ok(None) => Ok(()),
            Ok(Some(stop)) => Err(stop),
            Err(poisoned) => poisoned.into_inner().map_or(Ok(()), Err),
        }
    }
}

/// What the worker threads of one batch share.
struct Pipeline<'r, C, F, E, W> {
    input: Mutex<Input<F>>,
    output: Mutex<Output<'r>>,
    /// Signalled whenever chunks are written (or the batch stops).
    written: Condvar,
    max_pending: usize,
    /// The first read or write error; every thread stops at it.
    failure: Mutex<Option<Stop>>,
    stopped: AtomicBool,
    bar: &'r ProgressBar,
    is_empty: &'r E,
    compute: &'r W,
    /// Each thread owns the chunk it works on; none is shared.
    chunk: PhantomData<fn(&mut C)>,
}

struct Input<F> {
    fill: F,
    /// The number of the next chunk read.
    next: u64,
}

struct Output<'r> {
    sink: &'r mut Sink,
    /// The number of the next chunk to write.
    next: u64,
    /// Chunks evaluated before an earlier one, by number.
    pending: BTreeMap<u64, Vec<u8>>,
    /// Emptied buffers, handed back to threads that leave theirs pending.
    spare: Vec<Vec<u8>>,
}

impl<C, F, E, W> Pipeline<'_, C, F, E, W>
where
    C: Default,
    F: FnMut(&mut C) -> Result<u64, Stop>,
    E: Fn(&C) -> bool,
    W: Fn(&C, &mut Worker),
{
    /// One thread's loop: read a chunk, evaluate it, hand its answers over.
    fn work(&self, worker: &mut Worker) {
        let mut chunk = C::default();
        while !self.stopped.load(Ordering::Relaxed) {
            let number = match self.read(&mut chunk) {
                Ok(Some(number)) => number,
                Ok(None) => return,
                Err(stop) => return self.stop(stop),
            };
            (self.compute)(&chunk, worker);
            if let Err(stop) = self.hand_over(number, &mut worker.out) {
                return self.stop(stop);
            }
        }
    }

    /// The next chunk and its number; `None` at the end of the input.
    fn read(&self, chunk: &mut C) -> Result<Option<u64>, Stop> {
        let mut input = self.input.lock().map_err(|_| poisoned())?;
        let consumed = (input.fill)(chunk)?;
        if (self.is_empty)(chunk) {
            return Ok(None);
        }
        self.bar.inc(consumed);
        let number = input.next;
        input.next += 1;
        Ok(Some(number))
    }

    /// Writes chunk `number`'s answers if its turn has come (and the chunks
    /// left pending behind it), else leaves them pending and takes a spare
    /// buffer; waits only when too many chunks are pending already.
    fn hand_over(&self, number: u64, out: &mut Vec<u8>) -> Result<(), Stop> {
        let mut output = self.output.lock().map_err(|_| poisoned())?;
        loop {
            if number == output.next {
                return self.write_in_turn(&mut output, out);
            }
            if output.pending.len() < self.max_pending {
                let spare = output.spare.pop().unwrap_or_default();
                output.pending.insert(number, std::mem::replace(out, spare));
                return Ok(());
            }
            if self.stopped.load(Ordering::Relaxed) {
                return Ok(());
            }
            // Re-checked after every wake: the turn may have come meanwhile.
            output = self.written.wait(output).map_err(|_| poisoned())?;
        }
    }

    /// Writes `out`, then the chunks that were pending behind it.
    fn write_in_turn(&self, output: &mut Output<'_>, out: &[u8]) -> Result<(), Stop> {
        output.sink.write(out)?;
        output.next += 1;
        while let Some(mut buffer) = output.pending.remove(&output.next) {
            output.sink.write(&buffer)?;
            buffer.clear();
            output.spare.push(buffer);
            output.next += 1;
        }
        self.written.notify_all();
        Ok(())
    }

    fn stop(&self, stop: Stop) {
        if let Ok(mut failure) = self.failure.lock() {
            failure.get_or_insert(stop);
        }
        self.stopped.store(true, Ordering::Relaxed);
        // Wake a thread waiting for room, under the lock so it cannot miss it.
        let _output = self.output.lock();
        self.written.notify_all();
    }
}

/// A thread panicked while holding a lock: polc's own bug, reported as such
/// rather than by a second panic.
fn poisoned() -> Stop {
    Stop::Failed(io_diag(
        "批量计算的工作线程异常退出",
        "a batch worker thread failed",
        &"lock poisoned",
    ))
}

/// A chunk of CSV rows; records past `filled` are kept for reuse.
#[derive(Default)]
struct Rows {
    records: Vec<csv::ByteRecord>,
    filled: usize,
}

fn progress(size: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(size), ProgressDrawTarget::stderr());
    let style =
        ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}");
    if let Ok(style) = style {
        bar.set_style(style);
    }
    bar
}

/// Where answers go: stdout, or a temporary file beside `--output` that is
/// renamed over it once complete.
enum Sink {
    Stdout(BufWriter<std::io::Stdout>),
    File {
        writer: BufWriter<tempfile::NamedTempFile>,
        path: PathBuf,
    },
}

impl Sink {
    fn open(path: Option<&Path>) -> Result<Sink, Stop> {
        let Some(path) = path else {
            return Ok(Sink::Stdout(BufWriter::with_capacity(
                1 << 20,
                std::io::stdout(),
            )));
        };
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let temp = tempfile::NamedTempFile::new_in(&dir)
            .map_err(|e| Stop::Failed(write_error(path, &e)))?;
        Ok(Sink::File {
            writer: BufWriter::with_capacity(1 << 20, temp),
            path: path.to_path_buf(),
        })
    }

    fn write(&mut self, bytes: &[u8]) -> Result<(), Stop> {
        match self {
            Sink::Stdout(w) => w.write_all(bytes).map_err(stdout_error),
            Sink::File { writer, path } => writer
                .write_all(bytes)
                .map_err(|e| Stop::Failed(write_error(path, &e))),
        }
    }

    /// Flushes; for a file, syncs it and renames it over the target.
    fn finish(self) -> Result<(), Stop> {
        match self {
            Sink::Stdout(mut w) => w.flush().map_err(stdout_error),
            Sink::File { writer, path } => {
                let temp = writer
                    .into_inner()
                    .map_err(|e| Stop::Failed(write_error(&path, e.error())))?;
                temp.as_file()
                    .sync_all()
                    .map_err(|e| Stop::Failed(write_error(&path, &e)))?;
                if let Ok(meta) = std::fs::metadata(&path) {
                    let _ = std::fs::set_permissions(temp.path(), meta.permissions());
                }
                temp.persist(&path)
                    .map_err(|e| Stop::Failed(write_error(&path, &e.error)))?;
                Ok(())
            }
        }
    }
}

fn stdout_error(e: std::io::Error) -> Stop {
    if e.kind() == ErrorKind::BrokenPipe {
        Stop::BrokenPipe
    } else {
        Stop::Failed(io_diag("无法写出结果", "cannot write output", &e))
    }
}

fn read_error(path: &Path, e: &std::io::Error) -> Box<Diagnostic> {
    io_diag(
        &format!("无法读取 {}", path.display()),
        &format!("cannot read {}", path.display()),
        e,
    )
}

fn write_error(path: &Path, e: &std::io::Error) -> Box<Diagnostic> {
    let mut d = io_diag(
        &format!("无法写入 {}（原文件未改动）", path.display()),
        &format!("cannot write {} (the file is unchanged)", path.display()),
        e,
    );
    d.code = files::CODE_WRITE;
    d
}

fn csv_error(path: &Path, e: &csv::Error) -> Box<Diagnostic> {
    let io = std::io::Error::other(e.to_string());
    read_error(path, &io)
}

fn io_diag(zh: &str, en: &str, e: &dyn std::fmt::Display) -> Box<Diagnostic> {
    Box::new(Diagnostic {
        code: files::CODE_IO,
        severity: Severity::Error,
        message: Bilingual::new(format!("{zh}：{e}"), format!("{en}: {e}")),
        help: None,
        span: None,
        clause: None,
    })
}

fn fail(d: &Diagnostic, lang: Lang, code: u8) -> ExitCode {
    output::warn(&d.render(None, lang));
    ExitCode::from(code)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use polc::source::SourceFile;
    use std::time::Duration;

    const RELIEF: &str = include_str!("../../../benches/relief/relief.pol");

    /// Chunk `n` of `total` numbered chunks, each answered with its number;
    /// chunk 0 is slow, so the other threads run far ahead of it.
    fn numbered_chunks(threads: usize, total: u64) -> Vec<u64> {
        let program = polc::compile(&SourceFile::new("relief.pol", RELIEF))
            .program
            .expect("relief.pol checks");
        let calendar = polc::calendar::Calendar::embedded().unwrap();
        let batch = Batch::new(&program, calendar, "id", Lang::Zh);
        let mut workers: Vec<Worker> = (0..threads).map(|_| batch.worker()).collect();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("answers");
        let mut sink = Sink::open(Some(&path)).ok().unwrap();
        let bar = ProgressBar::hidden();
        let mut run = Run {
            batch: &batch,
            workers: &mut workers,
            bar: &bar,
            sink: &mut sink,
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
        assert!(run.pipeline(fill, Option::is_none, compute).is_ok());
        sink.finish().ok().unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
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
}
