//! `polc check`: every finding of every file, then a summary.

use crate::Format;
use crate::files;
use crate::output;
use polc::diag::{Lang, Severity};
use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(paths: &[PathBuf], format: Format, lang: Lang) -> ExitCode {
    let files = match files::expand(paths) {
        Ok(f) => f,
        Err(d) => {
            output::warn(&d.render(None, lang));
            return ExitCode::from(2);
        }
    };
    let mut out = String::new();
    let mut json_findings = Vec::new();
    let (mut errors, mut warnings, mut unreadable) = (0usize, 0usize, 0usize);
    let mut sources = Vec::new();
    for path in &files {
        // An unreadable file is reported and the others are still checked;
        // the run then ends as a usage error.
        match files::read_source(path) {
            Ok(s) => sources.push(s),
            Err(d) => {
                output::warn(&d.render(None, lang));
                unreadable += 1;
            }
        }
    }
    let mut compiled: Vec<polc::Compiled> = sources.iter().map(polc::compile).collect();
    // Neighbours are read only when some notice cites another notice.
    let cites_others = compiled
        .iter()
        .filter_map(polc::Compiled::checked)
        .any(|p| !p.references.is_empty());
    if cites_others {
        polc::link(&mut compiled, &context_notices(&files));
    }
    for (source, compiled) in sources.iter().zip(&compiled) {
        for d in &compiled.diagnostics {
            match d.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
            }
            match format {
                Format::Text => out.push_str(&d.render(Some(source), lang)),
                Format::Json => json_findings.push(d.to_json(Some(source), lang)),
            }
        }
    }
    match format {
        Format::Text => {
            let checked = files.len() - unreadable;
            let line = match lang {
                Lang::Zh => {
                    let extra = if unreadable > 0 {
                        format!("；{unreadable} 个文件无法读取")
                    } else {
                        String::new()
                    };
                    format!("检查了 {checked} 个文件：{errors} 个错误，{warnings} 个警告{extra}")
                }
                Lang::En => {
                    let extra = if unreadable > 0 {
                        format!("; {unreadable} unreadable")
                    } else {
                        String::new()
                    };
                    format!("checked {checked} files: {errors} errors, {warnings} warnings{extra}")
                }
            };
            outln!(out, "{line}");
        }
        Format::Json => {
            let report = serde_json::json!({
                "files": files.len() - unreadable,
                "unreadable": unreadable,
                "errors": errors,
                "warnings": warnings,
                "findings": json_findings,
            });
            outln!(
                out,
                "{}",
                serde_json::to_string_pretty(&report).unwrap_or_default()
            );
        }
    }
    let code = if unreadable > 0 {
        ExitCode::from(2)
    } else if errors + warnings > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    output::finish(&out, code)
}

/// The notices beside the checked ones, which they may cite. Their own
/// problems are not reported here (check them by naming them).
fn context_notices(files: &[PathBuf]) -> Vec<polc::check::Program> {
    files::siblings(files)
        .iter()
        .filter_map(|path| files::read_source(path).ok())
        .filter_map(|source| {
            let compiled = polc::compile(&source);
            compiled.program.or(compiled.outline)
        })
        .collect()
}
