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
    let (mut errors, mut warnings) = (0usize, 0usize);
    for path in &files {
        let source = match files::read_source(path) {
            Ok(s) => s,
            Err(d) => {
                output::warn(&d.render(None, lang));
                return ExitCode::from(2);
            }
        };
        let compiled = polc::compile(&source);
        for d in &compiled.diagnostics {
            match d.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
            }
            match format {
                Format::Text => out.push_str(&d.render(Some(&source), lang)),
                Format::Json => json_findings.push(d.to_json(Some(&source), lang)),
            }
        }
    }
    match format {
        Format::Text => match lang {
            Lang::Zh => outln!(
                out,
                "检查了 {} 个文件：{errors} 个错误，{warnings} 个警告",
                files.len()
            ),
            Lang::En => outln!(
                out,
                "checked {} files: {errors} errors, {warnings} warnings",
                files.len()
            ),
        },
        Format::Json => {
            let report = serde_json::json!({
                "files": files.len(),
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
    let code = if errors + warnings > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    output::finish(&out, code)
}
