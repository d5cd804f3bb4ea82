//! `polc check --readings`: every reading (读法) of the notices, as text,
//! JSON, a markdown table (what policies/README.md shows between its
//! markers) or SARIF notes. A reading is never a failure, except that
//! `--deny unconfirmed` fails while one awaits confirmation.

use super::CheckFormat;
use polc::diag::Lang;
use polc::program::ReadingInfo;
use polc::source::SourceFile;

/// One reading and the notice it is in.
pub struct Listed<'a> {
    pub source: &'a SourceFile,
    pub notice: String,
    pub reading: ReadingInfo,
}

/// The readings of every notice that parses, in file order, each notice's
/// in the order written.
pub fn collect(sources: &[SourceFile]) -> Vec<Listed<'_>> {
    let mut out = Vec::new();
    for source in sources {
        let compiled = polc::compile(source);
        let Some(program) = compiled.checked() else {
            continue;
        };
        for reading in &program.readings {
            out.push(Listed {
                source,
                notice: program.doc_number.clone(),
                reading: reading.clone(),
            });
        }
    }
    out
}

fn status(r: &ReadingInfo, lang: Lang) -> &'static str {
    match (r.confirmed.is_some(), lang) {
        (true, Lang::Zh) => "已确认",
        (false, Lang::Zh) => "待确认",
        (true, Lang::En) => "confirmed",
        (false, Lang::En) => "unconfirmed",
    }
}

fn alternatives(r: &ReadingInfo) -> impl Iterator<Item = &(String, Option<String>)> {
    r.choices.iter().filter(move |(c, _)| *c != r.adopted)
}

pub fn report(listed: &[Listed], format: CheckFormat, lang: Lang) -> String {
    match format {
        CheckFormat::Text => text(listed, lang),
        CheckFormat::Json => format!(
            "{}\n",
            serde_json::to_string_pretty(&json(listed, lang)).unwrap_or_default()
        ),
        CheckFormat::Markdown => markdown(listed),
        CheckFormat::Sarif => {
            let mut report = serde_json::json!({
                "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
                "version": "2.1.0",
                "runs": [{
                    "tool": {"driver": {
                        "name": "polc",
                        "version": env!("CARGO_PKG_VERSION"),
                        "informationUri": "docs/language.md",
                        "rules": [],
                    }},
                    "columnKind": "unicodeCodePoints",
                    "results": [],
                }],
            });
            add_to_sarif(&mut report, listed, lang);
            format!(
                "{}\n",
                serde_json::to_string_pretty(&report).unwrap_or_default()
            )
        }
    }
}

fn text(listed: &[Listed], lang: Lang) -> String {
    let mut out = String::new();
    let (question, adopted, alternative, confirmed) = match lang {
        Lang::Zh => ("问题：", "采用：", "备选：", "确认："),
        Lang::En => ("question: ", "adopted: ", "alternative: ", "confirmed by: "),
    };
    let meaning = |m: &Option<String>| m.as_ref().map(|m| format!(" — {m}")).unwrap_or_default();
    for l in listed {
        let r = &l.reading;
        outln!(out, "{} {}  {}", l.notice, r.id(), status(r, lang));
        outln!(out, "  {question}{}", r.question);
        outln!(
            out,
            "  {adopted}{}{}",
            r.adopted,
            meaning(
                &r.choices
                    .iter()
                    .find(|(c, _)| *c == r.adopted)
                    .and_then(|(_, m)| m.clone())
            )
        );
        for (c, m) in alternatives(r) {
            outln!(out, "  {alternative}{c}{}", meaning(m));
        }
        if let Some((by, doc)) = &r.confirmed {
            outln!(out, "  {confirmed}{by} {doc}");
        }
    }
    let unconfirmed = listed
        .iter()
        .filter(|l| l.reading.confirmed.is_none())
        .count();
    let notices = {
        let mut n: Vec<&str> = listed.iter().map(|l| l.notice.as_str()).collect();
        n.dedup();
        n.len()
    };
    outln!(
        out,
        "{}",
        match lang {
            Lang::Zh => format!(
                "{notices} 个文件共 {} 条读法，{unconfirmed} 条待确认",
                listed.len()
            ),
            Lang::En => format!(
                "{} readings in {notices} notices, {unconfirmed} awaiting confirmation",
                listed.len()
            ),
        }
    );
    out
}

fn reading_json(l: &Listed, lang: Lang) -> serde_json::Value {
    let r = &l.reading;
    let choice = |(c, m): &(String, Option<String>)| serde_json::json!({"choice": c, "meaning": m});
    serde_json::json!({
        "notice": l.notice,
        "file": l.source.name,
        "id": r.id(),
        "clause": r.clause,
        "name": r.name,
        "question": r.question,
        "adopted": r.choices.iter().find(|(c, _)| *c == r.adopted).map(choice),
        "alternatives": alternatives(r).map(choice).collect::<Vec<_>>(),
        "status": status(r, lang),
        "confirmed": r.confirmed.as_ref().map(|(by, doc)| serde_json::json!({"by": by, "document": doc})),
    })
}

fn json(listed: &[Listed], lang: Lang) -> serde_json::Value {
    serde_json::json!({
        "readings": listed.iter().map(|l| reading_json(l, lang)).collect::<Vec<_>>(),
        "total": listed.len(),
        "unconfirmed": listed.iter().filter(|l| l.reading.confirmed.is_none()).count(),
    })
}

/// A markdown table cell: one line, no bar that would split the cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn markdown(listed: &[Listed]) -> String {
    let mut out = String::new();
    outln!(out, "| 文号 | 读法 | 问题 | 采用 | 备选 | 状态 |");
    outln!(out, "|---|---|---|---|---|---|");
    for l in listed {
        let r = &l.reading;
        let with_meaning = |(c, m): &(String, Option<String>)| match m {
            Some(m) => format!("{c}：{m}"),
            None => c.clone(),
        };
        let adopted = r
            .choices
            .iter()
            .find(|(c, _)| *c == r.adopted)
            .map(with_meaning)
            .unwrap_or_default();
        let alts: Vec<String> = alternatives(r).map(with_meaning).collect();
        let status = match &r.confirmed {
            Some((by, doc)) => format!("已确认（{by} {doc}）"),
            None => "待确认".to_string(),
        };
        outln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            cell(&l.notice),
            cell(&r.id()),
            cell(&r.question),
            cell(&adopted),
            cell(&if alts.is_empty() {
                "—".to_string()
            } else {
                alts.join("；")
            }),
            cell(&status)
        );
    }
    out
}

/// Each reading as a SARIF `note` result (never a failure), located at the
/// reading, with its fields as properties; the run's properties count them.
pub fn add_to_sarif(report: &mut serde_json::Value, listed: &[Listed], lang: Lang) {
    let Some(run) = report.pointer_mut("/runs/0") else {
        return;
    };
    let notes: Vec<serde_json::Value> = listed
        .iter()
        .map(|l| {
            let r = &l.reading;
            let (line, column) = l.source.line_col(r.span.start);
            let (end_line, end_column) = l.source.line_col(r.span.end);
            let message = match lang {
                Lang::Zh => format!("读法 {}（{}）：{} 采用 {}", r.id(), status(r, lang), r.question, r.adopted),
                Lang::En => format!("reading {} ({}): {} adopts {}", r.id(), status(r, lang), r.question, r.adopted),
            };
            serde_json::json!({
                "level": "note",
                "kind": "review",
                "message": {"text": message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": l.source.name},
                    "region": {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column},
                }}],
                "properties": {"reading": reading_json(l, lang)},
            })
        })
        .collect();
    if let Some(results) = run.get_mut("results").and_then(|r| r.as_array_mut()) {
        results.extend(notes);
    }
    if let Some(map) = run.as_object_mut() {
        map.insert(
            "properties".into(),
            serde_json::json!({
                "readings": listed.len(),
                "unconfirmed": listed.iter().filter(|l| l.reading.confirmed.is_none()).count(),
            }),
        );
    }
}
