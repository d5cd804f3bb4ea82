//! The command line's grammar: every subcommand, argument and option. Their
//! help text is not written here but in [`crate::help`], in Chinese and
//! English side by side, and put in by [`command`] for the language the
//! user reads ([`crate::lang`]); here the derive only says what each
//! argument is.

use crate::help;
use crate::{batch_cmd, check_cmd, fmt_cmd, test_cmd};
use clap::{ArgAction, CommandFactory, Parser, Subcommand};
use polc::diag::Lang;
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "polc",
    version,
    propagate_version = true,
    // Our own --help, --version and no `help` subcommand: clap's built-in
    // ones carry English text that cannot be translated afterwards.
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    #[arg(long, global = true, env = "POLC_CALENDAR", value_name = "FILE")]
    pub calendar: Option<PathBuf>,
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
    #[arg(short = 'h', long, global = true, action = ArgAction::Help)]
    help: Option<bool>,
    #[arg(short = 'V', long, global = true, action = ArgAction::Version)]
    version: Option<bool>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// The shells `polc completions` writes for (clap_complete's).
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
}

#[derive(Subcommand)]
pub enum Command {
    Check {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: check_cmd::CheckFormat,
        #[arg(long, value_enum)]
        deny: Option<check_cmd::Deny>,
        #[arg(long, value_name = "NAME")]
        stdin_filename: Option<String>,
    },
    Eval {
        notice: PathBuf,
        #[arg(long, value_name = "FILE")]
        facts: PathBuf,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        #[arg(long)]
        explain: bool,
        #[arg(long = "output", value_name = "NAME")]
        outputs: Vec<String>,
    },
    Test {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: test_cmd::TestFormat,
        #[arg(long)]
        coverage: bool,
        #[arg(long, value_name = "FILE")]
        coverage_json: Option<PathBuf>,
        #[arg(long, value_name = "PERCENT")]
        min_coverage: Option<rust_decimal::Decimal>,
        #[arg(long, value_name = "PATTERN")]
        run: Option<String>,
        #[arg(long)]
        fail_on_empty: bool,
    },
    Fmt {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[arg(long)]
        check: bool,
        #[arg(long)]
        diff: bool,
        #[arg(long, value_enum)]
        keywords: Option<fmt_cmd::KeywordSet>,
        #[arg(long, value_name = "NAME")]
        stdin_filename: Option<String>,
    },
    Batch(batch_cmd::Args),
    Explain {
        #[arg(required_unless_present = "list")]
        code: Option<String>,
        #[arg(long)]
        list: bool,
    },
    Repl {
        notices: Vec<PathBuf>,
        #[arg(long, value_name = "FILE")]
        facts: Option<PathBuf>,
    },
    Completions {
        #[arg(value_enum)]
        shell: Shell,
    },
    Manpages {
        dir: PathBuf,
    },
    Lsp,
}

/// The whole command line, its help in `lang`.
pub fn command(lang: Lang) -> clap::Command {
    help::localize(Cli::command(), lang)
}
