//! `polc check`: every finding of every file (syntax, names, types, units,
//! references, and the analyses across clauses), then a summary. Errors fail
//! the run; warnings too with `--deny warnings`; acknowledged findings (确认)
//! never do, but stay in the output, marked.

use crate::exit::Exit;
use crate::files;
use crate::output;
use polc::calendar::Calendar;
use polc::diag::{Lang, Severity};
use polc::review::Finding;
use polc::source::SourceFile;
use std::path::PathBuf;

#[path = "check_readings.rs"]
mod readings;

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
    // SARIF 2.1.0, for code-scanning interfaces.
    Sarif,
    // A markdown table of the readings (with --readings), for README files.
    Markdown,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Deny {
    // Warnings fail the run too.
    Warnings,
    // A reading still awaiting confirmation (待确认) fails the run.
    Unconfirmed,
}

pub struct Options {
    pub format: CheckFormat,
    pub lang: Lang,
    pub deny: Vec<Deny>,
    /// List the readings instead of the findings.
    pub readings: bool,
    /// The name messages give a notice read from stdin (`-`).
    pub stdin_filename: Option<String>,
}

pub fn run(paths: &[PathBuf], calendar: &Calendar, options: &Options) -> Exit {
    let lang = options.lang;
    let deny_warnings = options.deny.contains(&Deny::Warnings);
    let deny_unconfirmed = options.deny.contains(&Deny::Unconfirmed);
    if options.format == CheckFormat::Markdown && !options.readings {
        output::warn(match lang {
            Lang::Zh => "polc check：--format markdown 只用于 --readings\n",
            Lang::En => "polc check: --format markdown goes with --readings only\n",
        });
        return Exit::Usage;
    }
    // `-` is a notice on stdin; the other paths are files and folders.
    let (stdin, paths): (Vec<&PathBuf>, Vec<&PathBuf>) =
        paths.iter().partition(|p| files::is_stdin(p));
    let paths: Vec<PathBuf> = paths.into_iter().cloned().collect();
    let mut files = match files::expand(&paths) {
        Ok(f) => f,
        Err(d) => return output::fail(&d, lang, Exit::Usage),
    };
    let mut unreadable = 0usize;
    let mut sources = Vec::new();
    if !stdin.is_empty() {
        let name = options.stdin_filename.as_deref();
        match files::read_stdin_source(name) {
            Ok(s) => sources.push(s),
            Err(d) => {
                output::warn(&d.render(None, lang));
                unreadable += 1;
            }
        }
    }
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
    // A notice on stdin named as a file sees that file's folder, the
    // notices it may cite, as the file would.
    if let (false, Some(name)) = (stdin.is_empty(), &options.stdin_filename) {
        files.push(PathBuf::from(name));
    }
    let reviewed: Vec<(&SourceFile, Vec<Finding>)> = sources
        .iter()
        .zip(polc::review_all(&sources, calendar, || {
            files::neighbour_sources(&files)
        }))
        .collect();
    let all = || reviewed.iter().flat_map(|(_, f)| f.iter());
    let count = |severity: Severity| {
        all()
            .filter(|f| f.suppressed.is_none() && f.severity() == severity)
            .count()
    };
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    let suppressed = all().filter(|f| f.suppressed.is_some()).count();
    let checked = sources.len();
    let listed = readings::collect(&sources);
    let unconfirmed = listed
        .iter()
        .filter(|r| r.reading.confirmed.is_none())
        .count();
    let denied = deny_unconfirmed && unconfirmed > 0;
    if options.readings {
        let out = readings::report(&listed, options.format, lang);
        let code = if unreadable > 0 {
            Exit::Usage
        } else {
            Exit::failed_if(errors > 0 || denied)
        };
        return output::finish(&out, code);
    }
    let out = match options.format {
        CheckFormat::Text => text(
            &reviewed, lang, checked, errors, warnings, suppressed, unreadable,
        ),
        CheckFormat::Json => {
            let findings: Vec<serde_json::Value> = reviewed
                .iter()
                .flat_map(|(source, fs)| fs.iter().map(|f| f.to_json(Some(source), lang)))
                .collect();
            let report = serde_json::json!({
                "files": checked,
                "unreadable": unreadable,
                "errors": errors,
                "warnings": warnings,
                "suppressed": suppressed,
                "findings": findings,
            });
            format!(
                "{}\n",
                serde_json::to_string_pretty(&report).unwrap_or_default()
            )
        }
        CheckFormat::Sarif => {
            let mut report = sarif(&reviewed, lang);
            readings::add_to_sarif(&mut report, &listed, lang);
            format!(
                "{}\n",
                serde_json::to_string_pretty(&report).unwrap_or_default()
            )
        }
        // Refused above without --readings.
        CheckFormat::Markdown => String::new(),
    };
    let mut out = out;
    if denied && options.format == CheckFormat::Text {
        out.push_str(&match lang {
            Lang::Zh => format!("--deny unconfirmed：{unconfirmed} 条读法待确认（polc check --readings 列出）\n"),
            Lang::En => format!("--deny unconfirmed: {unconfirmed} readings await confirmation (polc check --readings lists them)\n"),
        });
    }
    let code = if unreadable > 0 {
        Exit::Usage
    } else {
        Exit::failed_if(all().any(|f| f.counts(deny_warnings)) || denied)
    };
    output::finish(&out, code)
}

fn text(
    reviewed: &[(&SourceFile, Vec<Finding>)],
    lang: Lang,
    checked: usize,
    errors: usize,
    warnings: usize,
    suppressed: usize,
    unreadable: usize,
) -> String {
    let mut out = String::new();
    for (source, findings) in reviewed {
        for f in findings.iter().filter(|f| f.suppressed.is_none()) {
            out.push_str(&f.render(Some(source), lang));
        }
    }
    let line = match lang {
        Lang::Zh => {
            let mut extra = String::new();
            if suppressed > 0 {
                extra.push_str(&format!("，{suppressed} 项已确认"));
            }
            if unreadable > 0 {
                extra.push_str(&format!("；{unreadable} 个文件无法读取"));
            }
            format!("检查了 {checked} 个文件：{errors} 个错误，{warnings} 个警告{extra}")
        }
        Lang::En => {
            let mut extra = String::new();
            if suppressed > 0 {
                extra.push_str(&format!(", {suppressed} acknowledged"));
            }
            if unreadable > 0 {
                extra.push_str(&format!("; {unreadable} unreadable"));
            }
            format!("checked {checked} files: {errors} errors, {warnings} warnings{extra}")
        }
    };
    outln!(out, "{line}");
    out
}

/// SARIF 2.1.0: one run, one rule per code, one result per finding;
/// acknowledged findings carry an in-source suppression with the reason.
fn sarif(reviewed: &[(&SourceFile, Vec<Finding>)], lang: Lang) -> serde_json::Value {
    // The rules the results use, in the order of the documented code list.
    let used: std::collections::HashSet<&str> = reviewed
        .iter()
        .flat_map(|(_, fs)| fs.iter().map(|f| f.diagnostic.code.name))
        .collect();
    let rules: Vec<serde_json::Value> = polc::codes::all()
        .map(|code| code.name)
        .filter(|code| used.contains(code))
        .filter_map(polc::codes::find)
        .map(|code| sarif_rule(code, lang))
        .collect();
    let mut results = Vec::new();
    for (source, findings) in reviewed {
        for f in findings {
            let d = &f.diagnostic;
            let location = |span: polc::source::Span| {
                let (line, column) = source.line_col(span.start);
                let (end_line, end_column) = source.line_col(span.end);
                serde_json::json!({
                    "physicalLocation": {
                        "artifactLocation": {"uri": source.name},
                        "region": {
                            "startLine": line, "startColumn": column,
                            "endLine": end_line, "endColumn": end_column,
                        }
                    }
                })
            };
            let mut result = serde_json::json!({
                "ruleId": d.code,
                "level": match d.severity() { Severity::Error => "error", Severity::Warning => "warning" },
                "message": {"text": d.headline(lang)},
                "locations": d.span.map(location).into_iter().collect::<Vec<_>>(),
                "relatedLocations": f.related.iter().enumerate().map(|(i, (span, clause))| {
                    let mut l = location(*span);
                    if let Some(map) = l.as_object_mut() {
                        map.insert("id".into(), (i + 1).into());
                        map.insert("message".into(), serde_json::json!({"text": clause.to_string()}));
                    }
                    l
                }).collect::<Vec<_>>(),
                "properties": {
                    "clause": d.clause,
                    "counterexample": f.counterexample,
                },
            });
            if let (Some(reason), Some(map)) = (&f.suppressed, result.as_object_mut()) {
                map.insert(
                    "suppressions".into(),
                    serde_json::json!([{"kind": "inSource", "justification": reason}]),
                );
            }
            results.push(result);
        }
    }
    serde_json::json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "polc",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": DOCS,
                "rules": rules,
            }},
            // Columns as polc counts them everywhere: in characters.
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

/// The language reference, which every rule's `helpUri` points into.
const DOCS: &str = "docs/language.md";

/// A rule as code-scanning interfaces show it: the one-line summary, the
/// long explanation `polc explain` prints (text and markdown), and the
/// section of docs/language.md that lists the code.
fn sarif_rule(code: &polc::codes::Code, lang: Lang) -> serde_json::Value {
    let markdown = {
        let (meaning, example, fix) = match lang {
            Lang::Zh => ("含义", "示例", "修改"),
            Lang::En => ("Meaning", "Example", "Fix"),
        };
        format!(
            "**{meaning}**: {}\n\n**{example}**:\n\n```\n{}\n```\n\n**{fix}**: {}\n",
            code.summary.get(lang),
            code.example.trim_end(),
            code.fix.get(lang)
        )
    };
    serde_json::json!({
        "id": code.name,
        "name": code.name.rsplit("::").next().unwrap_or(code.name),
        "shortDescription": {"text": code.summary.get(lang)},
        "fullDescription": {"text": code.summary.get(lang)},
        "help": {"text": code.explain(lang), "markdown": markdown},
        "helpUri": format!("{DOCS}#{}", help_anchor(code)),
        "defaultConfiguration": {"level": match code.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }},
    })
}

/// The anchor (GitHub's heading slug) of the docs/language.md section that
/// lists `code`; `tests/sarif.rs` checks each names a heading there.
pub fn help_anchor(code: &polc::codes::Code) -> &'static str {
    let is = |family: &[&polc::codes::Code]| family.iter().any(|c| c.name == code.name);
    if is(polc::codes::review::ALL) {
        "11c-跨条款的一致性分析"
    } else if is(polc::codes::syntax::ALL) {
        "111-语法srccodessyntaxrs"
    } else if is(polc::codes::check::ALL) {
        "112-检查srccodescheckrs"
    } else if is(polc::codes::eval::ALL) {
        "113-求值srccodesevalrs"
    } else {
        "114-文件工作日历与其他srccodestoolsrs"
    }
}
