//! The `polc` command line. The library does the work; the binary parses
//! arguments, reads files, prints, and ends with an [`Exit`]: 0 clean, 1
//! findings or a failed evaluation, 2 usage errors (clap's own, unreadable
//! files). One file per subcommand.

/// `println!` into a String buffer.
#[macro_export]
macro_rules! outln {
    ($buf:expr, $($arg:tt)*) => {{
        use std::fmt::Write as _;
        let _ = writeln!($buf, $($arg)*);
    }};
}

mod batch_cmd;
mod check_cmd;
mod eval_cmd;
mod exit;
mod explain_cmd;
mod files;
mod fmt_cmd;
mod notice;
mod output;
mod repl_cmd;
mod test_cmd;

use clap::{Parser, Subcommand};
use exit::Exit;
use polc::calendar::Calendar;
use polc::diag::Lang;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Parser)]
#[command(
    name = "polc",
    version,
    about = "政策文件的可执行规则：检查、计算、引用条款"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Working-day data for the years after the embedded 2016-2026 table, in
    /// its format (data/cn-workdays-2016-2026.toml), once the State Council
    /// announces them.
    #[arg(long, global = true, env = "POLC_CALENDAR", value_name = "FILE")]
    calendar: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Check notices for syntax, name, type, unit, numbering and citation errors.
    Check {
        /// .pol files or folders holding them.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: check_cmd::CheckFormat,
        #[arg(long, value_enum, default_value = "zh")]
        lang: Lang,
        /// `--deny warnings`: warnings fail the run too (acknowledged ones never do).
        #[arg(long, value_enum)]
        deny: Option<check_cmd::Deny>,
    },
    /// Evaluate one case (facts in JSON or TOML) against a notice.
    Eval {
        notice: PathBuf,
        /// Facts of the case: a .json or .toml file, or - for stdin.
        #[arg(long)]
        facts: PathBuf,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Print the derivation of each output as a tree, with clauses.
        #[arg(long)]
        explain: bool,
        /// Evaluate these outputs or rules instead of all outputs.
        #[arg(long = "output", value_name = "NAME")]
        outputs: Vec<String>,
        #[arg(long, value_enum, default_value = "zh")]
        lang: Lang,
    },
    /// Run the test cases kept beside each notice (NAME.tests.toml).
    Test {
        /// .pol files or folders holding them.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: test_cmd::TestFormat,
        #[arg(long, value_enum, default_value = "zh")]
        lang: Lang,
        /// Print which computable clauses the cases reach, per notice.
        #[arg(long)]
        coverage: bool,
        /// Write clause coverage as JSON to this file.
        #[arg(long, value_name = "FILE")]
        coverage_json: Option<PathBuf>,
        /// Fail when a notice's clause coverage is below this percentage.
        #[arg(long, value_name = "PERCENT")]
        min_coverage: Option<rust_decimal::Decimal>,
    },
    /// Rewrite notices in the canonical layout (in place, atomically).
    Fmt {
        /// .pol files or folders holding them.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// List the files that would change and exit 1; write nothing.
        #[arg(long)]
        check: bool,
        /// Print the change as a unified diff and exit 1 if any; write nothing.
        #[arg(long)]
        diff: bool,
        /// Also rewrite every keyword in one set: zh (事实, 若 …) or en (fact, if …).
        #[arg(long, value_enum)]
        keywords: Option<fmt_cmd::KeywordSet>,
        #[arg(long, value_enum, default_value = "zh")]
        lang: Lang,
    },
    /// Evaluate every record of an NDJSON or CSV file, one answer line each.
    Batch(batch_cmd::Args),
    /// Explain a diagnostic code: what it means, an input that triggers it, how to fix it.
    Explain {
        /// A code such as polc::check::overlap.
        #[arg(required_unless_present = "list")]
        code: Option<String>,
        /// List every code with its one-line summary.
        #[arg(long)]
        list: bool,
        #[arg(long, value_enum, default_value = "zh")]
        lang: Lang,
    },
    /// Ask "what if" interactively: set facts, see what changes, and why.
    Repl {
        /// .pol files to load (more with :load).
        notices: Vec<PathBuf>,
        /// Start with the facts of a case (a .json or .toml file).
        #[arg(long)]
        facts: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let calendar = match calendar(cli.calendar.as_deref()) {
        Ok(c) => c,
        Err(d) => return output::fail(&d, Lang::Zh, Exit::Usage).into(),
    };
    let exit = match cli.command {
        Command::Batch(args) => batch_cmd::run(&args, calendar),
        Command::Repl { notices, facts } => repl_cmd::run(&notices, facts.as_deref(), calendar),
        Command::Explain { code, list, lang } => explain_cmd::run(code.as_deref(), list, lang),
        Command::Check {
            paths,
            format,
            lang,
            deny,
        } => check_cmd::run(
            &paths,
            &calendar,
            &check_cmd::Options { format, lang, deny },
        ),
        Command::Eval {
            notice,
            facts,
            format,
            explain,
            outputs,
            lang,
        } => eval_cmd::run(&notice, &calendar, &facts, format, explain, &outputs, lang),
        Command::Fmt {
            paths,
            check,
            diff,
            keywords,
            lang,
        } => fmt_cmd::run(
            &paths,
            &fmt_cmd::Options {
                check,
                diff,
                keywords,
                lang,
            },
        ),
        Command::Test {
            paths,
            format,
            lang,
            coverage,
            coverage_json,
            min_coverage,
        } => test_cmd::run(
            &paths,
            &calendar,
            &test_cmd::Options {
                format,
                lang,
                coverage,
                coverage_json,
                min_coverage,
            },
        ),
    };
    exit.into()
}

/// The working-day calendar every command counts on, built once before any
/// runs: the embedded table, continued by the years of `--calendar FILE`
/// when given (a table that cannot be used stops the run, whatever the
/// command).
fn calendar(path: Option<&std::path::Path>) -> Result<Arc<Calendar>, Box<polc::diag::Diagnostic>> {
    let Some(path) = path else {
        return Calendar::embedded().map_err(|e| Box::new(e.to_file_diagnostic(EMBEDDED_CALENDAR)));
    };
    let text = files::read_text(path)?;
    Calendar::embedded_and(&text)
        .map(Arc::new)
        .map_err(|e| Box::new(e.to_file_diagnostic(&path.display().to_string())))
}

/// How the embedded table is named should it ever fail its checks (a build
/// defect: `cargo test` checks it).
const EMBEDDED_CALENDAR: &str = "data/cn-workdays-2016-2026.toml";
