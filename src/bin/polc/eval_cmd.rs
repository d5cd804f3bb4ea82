//! `polc eval`: one case, its outputs with citations, optionally the trace.

use crate::Format;
use crate::exit::Exit;
use crate::files;
use crate::output;
use polc::calendar::Calendar;
use polc::diag::{Diagnostic, Lang, Severity};
use polc::eval::{self, Answer, Facts, FactsOrigin};
use polc::program::Program;
use polc::source::SourceFile;
use std::path::Path;

/// What the command line asks of one case: the format, the trace or not,
/// the outputs (all when empty) and the readings put in force.
pub struct Asked<'a> {
    pub format: Format,
    pub explain: bool,
    pub names: &'a [String],
    pub readings: &'a [(String, String)],
}

pub fn run(
    notice: &Path,
    calendar: &Calendar,
    facts_path: &Path,
    asked: Asked,
    lang: Lang,
) -> Exit {
    let Asked {
        format,
        explain,
        names,
        readings,
    } = asked;
    let (program, answer) = match evaluate(notice, calendar, facts_path, names, readings) {
        Ok(done) => done,
        Err(failed) => return failed.report(format, lang),
    };
    let mut out = String::new();
    match format {
        Format::Json => outln!(
            out,
            "{}",
            serde_json::to_string_pretty(&answer.to_json_with_readings_in(lang))
                .unwrap_or_default()
        ),
        Format::Text => {
            // A value outside its usual range is answered; the warning goes
            // to stderr so that stdout stays the answer.
            for w in &answer.warnings {
                output::warn(&w.to_diagnostic().render(None, lang));
            }
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
                let used = answer.readings_of(&o.name);
                if !used.is_empty() {
                    let shown: Vec<String> = used
                        .iter()
                        .map(|(id, choice)| reading_shown(&program, id, choice))
                        .collect();
                    outln!(out, "    读法：{}", shown.join("；"));
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

/// `第四条/期限竞合 = 从重（待确认）`, or `（已选备选，本文件采用 从重）` when
/// `--reading` put an alternative in force.
fn reading_shown(program: &Program, id: &str, choice: &str) -> String {
    let Some(r) = program.reading(id) else {
        return format!("{id} = {choice}");
    };
    let status = if r.adopted != choice {
        format!("备选；本文件采用 {}", r.adopted)
    } else if r.confirmed.is_some() {
        "已确认".to_string()
    } else {
        "待确认".to_string()
    };
    format!("{id} = {choice}（{status}）")
}

/// Why a case could not be answered: the diagnostic, the notice's source
/// when the diagnostic points into it, its 文号 once known, and the exit
/// code (2 when a file cannot be read, 1 otherwise).
struct Failed {
    notice: Option<String>,
    diagnostics: Vec<Diagnostic>,
    source: Option<SourceFile>,
    exit: Exit,
}

impl Failed {
    fn new(diagnostic: Diagnostic, notice: Option<String>, exit: Exit) -> Failed {
        Failed {
            notice,
            diagnostics: vec![diagnostic],
            source: None,
            exit,
        }
    }

    /// Text on stderr; for `--format json` one object on stdout, as a case
    /// system reads the answer: `{"notice", "error": {"code", "message",
    /// "clause", "position", "help"}}` with the first error (a notice that
    /// does not check may have several; `polc check` lists them all).
    fn report(self, format: Format, lang: Lang) -> Exit {
        let source = self.source.as_ref();
        match format {
            Format::Text => {
                for d in &self.diagnostics {
                    output::warn(&d.render(source, lang));
                }
                self.exit
            }
            Format::Json => {
                let first = self
                    .diagnostics
                    .iter()
                    .find(|d| d.severity() == Severity::Error)
                    .or(self.diagnostics.first());
                let error = first.map(|d| {
                    let json = d.to_json(source, lang);
                    // The fields of batch's error lines, and where.
                    let field = |name: &str| json.get(name).cloned();
                    serde_json::json!({
                        "code": field("code"),
                        "message": field("message"),
                        "clause": field("clause"),
                        "position": field("position"),
                        "help": field("help"),
                    })
                });
                let report = serde_json::json!({"notice": self.notice, "error": error});
                let text = serde_json::to_string_pretty(&report).unwrap_or_default();
                output::finish(&format!("{text}\n"), self.exit)
            }
        }
    }
}

/// Reads and checks the notice, reads the facts and evaluates.
fn evaluate(
    notice: &Path,
    calendar: &Calendar,
    facts_path: &Path,
    names: &[String],
    readings: &[(String, String)],
) -> Result<(Program, Answer), Failed> {
    let source = files::read_source(notice).map_err(|d| Failed::new(*d, None, Exit::Usage))?;
    let compiled = polc::compile(&source);
    let Some(mut program) = compiled.program else {
        return Err(Failed {
            notice: None,
            diagnostics: compiled.diagnostics,
            source: Some(source),
            exit: Exit::Failure,
        });
    };
    let doc_number = Some(program.doc_number.clone());
    program
        .select_readings(readings.iter().map(|(id, c)| (id.as_str(), c.as_str())))
        .map_err(|e| {
            let d = eval::EvalError::Reading(e).to_diagnostic();
            Failed::new(d, doc_number.clone(), Exit::Usage)
        })?;
    // `--facts -` reads the case from stdin, as a case system pipes it.
    let (facts_text, origin) = if facts_path == Path::new("-") {
        (files::read_stdin(), FactsOrigin::Stdin)
    } else {
        (files::read_text(facts_path), FactsOrigin::File(facts_path))
    };
    let facts_text = facts_text.map_err(|d| Failed::new(*d, doc_number.clone(), Exit::Usage))?;
    let facts = Facts::read(origin, &facts_text)
        .map_err(|e| Failed::new(e.to_diagnostic(), doc_number.clone(), Exit::Failure))?;
    let answer = if names.is_empty() {
        eval::evaluate(&program, calendar, &facts)
    } else {
        eval::evaluate_names(&program, calendar, &facts, names)
    };
    match answer {
        Ok(answer) => Ok((program, answer)),
        // An evaluation error may point into the notice.
        Err(e) => Err(Failed {
            source: Some(source),
            ..Failed::new(e.to_diagnostic(), doc_number, Exit::Failure)
        }),
    }
}
