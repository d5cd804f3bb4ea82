//! `polc batch`: every record of an NDJSON or CSV file against one notice,
//! one NDJSON answer line per record, in input order. Reads and writes in
//! chunks so memory stays flat; the library evaluates each chunk in parallel.

use crate::files;
use crate::output;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use polc::compiled::batch::CHUNK_RECORDS;
use polc::compiled::{Batch, LineChunk, LineReader, Worker};
use polc::diag::{Bilingual, Diagnostic, Lang, Severity};
use std::fs::File;
use std::io::{BufWriter, ErrorKind, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

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

pub fn run(args: &Args) -> ExitCode {
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
        Batch::generic_only(&program, &args.id, args.lang)
    } else {
        Batch::new(&program, &args.id, args.lang)
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
    let pool = if threads > 1 {
        let built = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .map_err(|e| {
                Stop::Failed(io_diag(
                    "无法启动工作线程",
                    "cannot start worker threads",
                    &e,
                ))
            })?;
        Some(built)
    } else {
        None
    };
    let mut workers: Vec<Worker> = (0..threads).map(|_| batch.worker()).collect();
    let (reader, size): (Box<dyn Read>, u64) = if input == Path::new("-") {
        (Box::new(std::io::stdin().lock()), 0)
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
        pool: pool.as_ref(),
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
    pool: Option<&'a rayon::ThreadPool>,
    bar: &'a ProgressBar,
    sink: &'a mut Sink,
}

impl Run<'_, '_> {
    fn ndjson(&mut self, reader: impl Read, input: &Path) -> Result<(), Stop> {
        let mut lines = LineReader::new(reader);
        let batch = self.batch;
        let fill = |chunk: &mut LineChunk| {
            lines
                .fill(chunk)
                .map_err(|e| Stop::Failed(read_error(input, &e)))
        };
        let compute =
            |chunk: &LineChunk, workers: &mut [Worker], pool: Option<&rayon::ThreadPool>| {
                batch.run_lines(chunk, workers, pool);
            };
        self.pipeline(fill, |c: &LineChunk| c.lines.is_empty(), compute)
    }

    fn csv(&mut self, reader: impl Read, input: &Path) -> Result<(), Stop> {
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
        let compute = |rows: &Rows, workers: &mut [Worker], pool: Option<&rayon::ThreadPool>| {
            let part = rows.records.get(..rows.filled).unwrap_or(&[]);
            batch.run_rows(&header, part, workers, pool);
        };
        self.pipeline(fill, |rows: &Rows| rows.filled == 0, compute)
    }

    /// Reads, evaluates and writes chunk after chunk. With a pool, the next
    /// chunk is read and the previous one written while the workers evaluate
    /// the current one, so I/O does not leave the cores idle.
    fn pipeline<C: Default + Send + Sync>(
        &mut self,
        mut fill: impl FnMut(&mut C) -> Result<u64, Stop>,
        is_empty: impl Fn(&C) -> bool,
        compute: impl Fn(&C, &mut [Worker], Option<&rayon::ThreadPool>) + Sync,
    ) -> Result<(), Stop> {
        let mut current = C::default();
        let mut consumed = fill(&mut current)?;
        let Some(pool) = self.pool else {
            while !is_empty(&current) {
                compute(&current, self.workers, None);
                for w in self.workers.iter() {
                    self.sink.write(&w.out)?;
                }
                self.bar.inc(consumed);
                consumed = fill(&mut current)?;
            }
            return Ok(());
        };
        let mut next = C::default();
        let mut written: Vec<Vec<u8>> = vec![Vec::new(); self.workers.len()];
        while !is_empty(&current) {
            let workers = &mut *self.workers;
            let sink = &mut *self.sink;
            let mut step: Result<u64, Stop> = Ok(0);
            pool.in_place_scope(|scope| {
                scope.spawn(|_| compute(&current, workers, Some(pool)));
                step = write_all(sink, &written).and_then(|()| fill(&mut next));
            });
            let next_consumed = step?;
            // The answers just computed are written during the next round.
            for (w, out) in self.workers.iter_mut().zip(written.iter_mut()) {
                std::mem::swap(&mut w.out, out);
            }
            std::mem::swap(&mut current, &mut next);
            self.bar.inc(consumed);
            consumed = next_consumed;
        }
        write_all(self.sink, &written)
    }
}

fn write_all(sink: &mut Sink, buffers: &[Vec<u8>]) -> Result<(), Stop> {
    for b in buffers {
        sink.write(b)?;
    }
    Ok(())
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
    Stdout(BufWriter<std::io::StdoutLock<'static>>),
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
                std::io::stdout().lock(),
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
