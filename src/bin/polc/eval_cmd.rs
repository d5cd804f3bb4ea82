//! `polc eval`: one case, its outputs with citations, optionally the trace.

use crate::Format;
use crate::exit::Exit;
use crate::files;
use crate::notice;
use crate::output::{self, fail};
use polc::calendar::Calendar;
use polc::diag::Lang;
use polc::eval::{self, Facts, FactsOrigin};
use std::path::Path;

pub fn run(
    notice: &Path,
    calendar: &Calendar,
    facts_path: &Path,
    format: Format,
    explain: bool,
    names: &[String],
    lang: Lang,
) -> Exit {
    let program = match notice::checked(notice, lang) {
        Ok(p) => p,
        Err(exit) => return exit,
    };
    // `--facts -` reads the case from stdin, as a case system pipes it.
    let (facts_text, origin) = if facts_path == Path::new("-") {
        (files::read_stdin(), FactsOrigin::Stdin)
    } else {
        (files::read_text(facts_path), FactsOrigin::File(facts_path))
    };
    let facts_text = match facts_text {
        Ok(t) => t,
        Err(d) => return fail(&d, lang, Exit::Usage),
    };
    let facts = match Facts::read(origin, &facts_text) {
        Ok(f) => f,
        Err(e) => return fail(&e.to_diagnostic(), lang, Exit::Failure),
    };
    let answer = if names.is_empty() {
        eval::evaluate(&program, calendar, &facts)
    } else {
        eval::evaluate_names(&program, calendar, &facts, names)
    };
    let answer = match answer {
        Ok(a) => a,
        Err(e) => return fail(&e.to_diagnostic(), lang, Exit::Failure),
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
    output::finish(&out, Exit::Success)
}
