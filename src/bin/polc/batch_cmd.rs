//! `polc batch`: every record of an NDJSON or CSV file against one notice,
//! one NDJSON answer line per record, in input order. The pipeline is
//! [`polc::batch::pipeline`]; this file opens the input and the output,
//! draws the progress bar and words what went wrong.

use crate::exit::Exit;
use crate::files::{self, AtomicFile};
use crate::notice;
use crate::output::{self, fail};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use polc::batch::{Batch, PipelineError, Summary, pipeline};
use polc::calendar::Calendar;
use polc::diag::{Diagnostic, Lang};
use std::fs::File;
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    Ndjson,
    Csv,
}

// Help text: `crate::help` (`batch.*`).
#[derive(clap::Args)]
pub struct Args {
    notice: PathBuf,
    #[arg(long, value_name = "FILE", required_unless_present = "explain_plan")]
    input: Option<PathBuf>,
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    #[arg(long, value_name = "FIELD", default_value = "id")]
    id: String,
    #[arg(long, value_enum)]
    input_format: Option<InputFormat>,
    #[arg(long)]
    explain_plan: bool,
    #[arg(long, hide = true)]
    generic: bool,
    #[arg(long = "reading", value_name = "ID=CHOICE", value_parser = crate::cli::parse_reading)]
    readings: Vec<(String, String)>,
}

pub fn run(args: &Args, calendar: Arc<Calendar>, lang: Lang) -> Exit {
    let mut program = match notice::checked(&args.notice, lang) {
        Ok(p) => p,
        Err(exit) => return exit,
    };
    let selections = args
        .readings
        .iter()
        .map(|(id, c)| (id.as_str(), c.as_str()));
    if let Err(e) = program.select_readings(selections) {
        return fail(
            &polc::eval::EvalError::Reading(e).to_diagnostic(),
            lang,
            Exit::Usage,
        );
    }
    let batch = if args.generic {
        Batch::generic_only(&program, calendar, &args.id, lang)
    } else {
        Batch::new(&program, calendar, &args.id, lang)
    };
    if args.explain_plan {
        return output::finish(&explain(&batch), Exit::Success);
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
        return Exit::Usage;
    };
    match run_batch(args, &batch, input) {
        Ok(Summary {
            records,
            errors,
            generic,
        }) => {
            output::warn(&format!(
                "polc batch：{records} 条记录，{errors} 条出错，{generic} 条由通用求值器计算 \
                 ({records} records, {errors} errors, {generic} on the generic evaluator)\n"
            ));
            Exit::failed_if(errors > 0)
        }
        Err(None) => Exit::Success,
        Err(Some(d)) => fail(&d, lang, Exit::Usage),
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

/// Opens the input and the output and streams one through the other; the
/// error is `None` when the reader of stdout went away, which ends the
/// batch quietly.
fn run_batch(
    args: &Args,
    batch: &Batch<'_>,
    input: &Path,
) -> Result<Summary, Option<Box<Diagnostic>>> {
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let (reader, size): (Box<dyn Read + Send>, u64) = if input == Path::new("-") {
        (Box::new(std::io::stdin()), 0)
    } else {
        let file = File::open(input).map_err(|e| Some(read_error(input, &e)))?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        (Box::new(file), size)
    };
    let format = match args.input_format {
        Some(InputFormat::Csv) => pipeline::InputFormat::Csv,
        Some(InputFormat::Ndjson) => pipeline::InputFormat::Ndjson,
        None if input
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv")) =>
        {
            pipeline::InputFormat::Csv
        }
        None => pipeline::InputFormat::Ndjson,
    };
    // Opened before the first record is read, so an unwritable output is
    // reported before any work is done.
    let mut file = match &args.output {
        Some(path) => Some(AtomicFile::create(path).map_err(|e| Some(write_error(path, &e)))?),
        None => None,
    };
    let bar = progress(size);
    let advance = |bytes: u64| bar.inc(bytes);
    let stream = |output: &mut (dyn std::io::Write + Send)| {
        pipeline::run(batch, format, threads, reader, output, &advance)
    };
    let result = match &mut file {
        Some(file) => stream(file),
        None => stream(&mut std::io::stdout()),
    };
    let summary = result.map_err(|e| stopped(e, input, args.output.as_deref()))?;
    bar.finish_and_clear();
    if let (Some(file), Some(path)) = (file, &args.output) {
        file.commit().map_err(|e| Some(write_error(path, &e)))?;
    }
    Ok(summary)
}

/// What a stopped pipeline means here: which file could not be read or
/// written, or (`None`) that stdout was closed.
fn stopped(e: PipelineError, input: &Path, output: Option<&Path>) -> Option<Box<Diagnostic>> {
    Some(match e {
        PipelineError::Read(e) => read_error(input, &e),
        PipelineError::Write(e) => match output {
            Some(path) => write_error(path, &e),
            None => files::IoError::Output {
                detail: e.to_string(),
            }
            .into(),
        },
        PipelineError::BrokenPipe(e) => match output {
            Some(path) => write_error(path, &e),
            None => return None,
        },
        PipelineError::WorkerFailed => files::IoError::WorkerFailed {
            detail: "lock poisoned".into(),
        }
        .into(),
    })
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

fn read_error(path: &Path, e: &std::io::Error) -> Box<Diagnostic> {
    files::IoError::Read {
        path: path.to_path_buf(),
        detail: e.to_string(),
    }
    .into()
}

fn write_error(path: &Path, e: &std::io::Error) -> Box<Diagnostic> {
    files::IoError::Write {
        path: path.to_path_buf(),
        detail: e.to_string(),
    }
    .into()
}
