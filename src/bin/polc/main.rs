//! The `polc` command line. The library does the work; the binary parses
//! arguments, reads files, prints, and ends with an [`Exit`] (README's
//! "Exit codes" table). One file per subcommand.

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
mod cli;
mod docs_cmd;
mod eval_cmd;
mod exit;
mod explain_cmd;
mod files;
mod fmt_cmd;
mod help;
mod lang;
mod lsp_cmd;
mod notice;
mod output;
mod repl_cmd;
mod test_cmd;

use clap::FromArgMatches;
use cli::{Cli, Command};
use exit::Exit;
use polc::calendar::Calendar;
use std::process::ExitCode;
use std::sync::Arc;

pub use cli::Format;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let help_lang = lang::before_parsing(&args);
    let cli = match cli::command(help_lang)
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(cli) => cli,
        // Help and --version exit 0, usage errors 2, as clap decides.
        Err(e) => e.exit(),
    };
    let lang = lang::choose(cli.lang);
    let calendar = match calendar(cli.calendar.as_deref()) {
        Ok(c) => c,
        Err(d) => return output::fail(&d, lang, Exit::Usage).into(),
    };
    let exit = match cli.command {
        Command::Batch(args) => batch_cmd::run(&args, calendar, lang),
        Command::Repl { notices, facts } => repl_cmd::run(&notices, facts.as_deref(), calendar),
        Command::Explain { code, list } => explain_cmd::run(code.as_deref(), list, lang),
        Command::Completions { shell } => docs_cmd::completions(shell, lang),
        Command::Manpages { dir } => docs_cmd::manpages(&dir, lang),
        Command::Lsp => lsp_cmd::run(lang),
        Command::Check {
            paths,
            format,
            deny,
            stdin_filename,
        } => check_cmd::run(
            &paths,
            &calendar,
            &check_cmd::Options {
                format,
                lang,
                deny,
                stdin_filename,
            },
        ),
        Command::Eval {
            notice,
            facts,
            format,
            explain,
            outputs,
        } => eval_cmd::run(&notice, &calendar, &facts, format, explain, &outputs, lang),
        Command::Fmt {
            paths,
            check,
            diff,
            keywords,
            stdin_filename,
        } => fmt_cmd::run(
            &paths,
            &fmt_cmd::Options {
                check,
                diff,
                keywords,
                lang,
                stdin_filename,
            },
        ),
        Command::Test {
            paths,
            format,
            coverage,
            coverage_json,
            min_coverage,
            run,
            fail_on_empty,
        } => test_cmd::run(
            &paths,
            &calendar,
            &test_cmd::Options {
                format,
                lang,
                coverage,
                coverage_json,
                min_coverage,
                run,
                fail_on_empty,
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
