//! `polc eval`: one case, its outputs with citations, optionally the trace.

use crate::Format;
use crate::files;
use crate::output;
use polc::calendar::Calendar;
use polc::diag::{Diagnostic, Lang};
use polc::eval::{self, Facts};
use std::path::Path;
use std::process::ExitCode;

pub fn run(
    notice: &Path,
    calendar: &Calendar,
    facts_path: &Path,
    format: Format,
    explain: bool,
    names: &[String],
    lang: Lang,
) -> ExitCode {
    let source = match files::read_source(notice) {
        Ok(s) => s,
        Err(d) => return fail(&d, None, lang, 2),
    };
    let compiled = polc::compile(&source);
    let Some(program) = compiled.program else {
        for d in &compiled.diagnostics {
            output::warn(&d.render(Some(&source), lang));
        }
        return ExitCode::from(1);
    };
    // `--facts -` reads the case from stdin, as a case system pipes it.
    let facts_text = if facts_path == Path::new("-") {
        files::read_stdin()
    } else {
        files::read_text(facts_path)
    };
    let facts_text = match facts_text {
        Ok(t) => t,
        Err(d) => return fail(&d, None, lang, 2),
    };
    // By extension; from stdin, JSON unless the text does not start like it.
    let is_toml = facts_path.extension().is_some_and(|e| e == "toml")
        || (facts_path == Path::new("-") && !facts_text.trim_start().starts_with('{'));
    let facts = if is_toml {
        Facts::from_toml(&facts_text)
    } else {
        Facts::from_json(&facts_text)
    };
    let facts = match facts {
        Ok(f) => f,
        Err(e) => return fail(&e.to_diagnostic(), None, lang, 1),
    };
    let answer = if names.is_empty() {
        eval::evaluate(&program, calendar, &facts)
    } else {
        eval::evaluate_names(&program, calendar, &facts, names)
    };
    let answer = match answer {
        Ok(a) => a,
        Err(e) => return fail(&e.to_diagnostic(), None, lang, 1),
    };
    let mut out = String::new();
    match format {
        Format::Json => outln!(
            out,
            "{}",
            serde_json::to_string_pretty(&answer.to_json()).unwrap_or_default()
        ),
        Format::Text => {
            match &program.title {
                Some(title) => outln!(out, "{} {title}", answer.notice),
                None => outln!(out, "{}", answer.notice),
            }
            for o in &answer.outputs {
                let value = o
                    .value
                    .as_ref()
                    .map_or_else(|| "不适用".to_string(), |v| v.display(&o.ty));
                let cites: Vec<String> = o.cites.iter().map(ToString::to_string).collect();
                if cites.is_empty() {
                    outln!(out, "  {} = {value}", o.name);
                } else {
                    outln!(out, "  {} = {value}  〔{}〕", o.name, cites.join("，"));
                }
            }
            if explain {
                out.push('\n');
                out.push_str(&eval::explain_tree(&answer));
            }
        }
    }
    output::finish(&out, ExitCode::SUCCESS)
}

fn fail(
    d: &Diagnostic,
    source: Option<&polc::source::SourceFile>,
    lang: Lang,
    code: u8,
) -> ExitCode {
    output::warn(&d.render(source, lang));
    ExitCode::from(code)
}
