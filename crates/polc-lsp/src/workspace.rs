//! A document among its neighbours: `polc check` on it, with the other
//! notices of its folder (open documents as the editor has them, the rest
//! as on disk) for the references between notices, and its findings
//! published as LSP diagnostics.

use crate::document::Document;
use crate::position::Encoding;
use crate::server::Server;
use lsp_server::{Message, Notification};
use lsp_types::notification::{Notification as _, PublishDiagnostics};
use lsp_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    PublishDiagnosticsParams, Url,
};
use polc::diag::{Lang, Severity};
use polc::review::Finding;
use polc::source::SourceFile;

/// Re-checks the document at `uri` and publishes its diagnostics. Its old
/// diagnostics stay on screen until these replace them.
/// The other open notices of its folder that cite another notice are
/// re-checked too: what they cite may be what changed.
pub fn refresh(server: &mut Server, uri: &Url) -> Vec<Message> {
    let mut out: Vec<Message> = refresh_one(server, uri).into_iter().collect();
    let folder = |u: &Url| {
        u.to_file_path()
            .ok()
            .and_then(|p| p.parent().map(|d| d.to_path_buf()))
    };
    let here = folder(uri);
    let mut citing: Vec<Url> = server
        .documents
        .values()
        .filter(|d| &d.uri != uri && here.is_some() && folder(&d.uri) == here)
        .filter(|d| d.program.as_ref().is_some_and(|p| !p.references.is_empty()))
        .map(|d| d.uri.clone())
        .collect();
    citing.sort();
    for other in citing {
        out.extend(refresh_one(server, &other));
    }
    out
}

fn refresh_one(server: &mut Server, uri: &Url) -> Option<Message> {
    let source = server.documents.get(uri).map(|d| d.source.clone())?;
    let findings = check(server, uri, source);
    let (encoding, lang) = (server.encoding, server.lang);
    let document = server.documents.get_mut(uri)?;
    document.analyse(findings);
    Some(publish(document, encoding, lang))
}

/// The findings `polc check` reports on `source`.
fn check(server: &Server, uri: &Url, source: SourceFile) -> Vec<Finding> {
    let Ok(calendar) = polc::calendar::Calendar::embedded() else {
        // The embedded calendar is checked by the core's tests; should it
        // ever fail, the findings that need no calendar are still shown.
        return polc::compile(&source)
            .diagnostics
            .into_iter()
            .map(Finding::from_diagnostic)
            .collect();
    };
    let context = || {
        neighbours(server, uri)
            .into_iter()
            .map(|(_, s)| s)
            .collect()
    };
    let mut findings = polc::review_all(std::slice::from_ref(&source), &calendar, context)
        .into_iter()
        .next()
        .unwrap_or_default();
    // A syntax error must not wipe the file's other findings: the rest of
    // the text (the broken lines blanked) is checked too, and what it finds
    // is kept when a missing line cannot have caused it.
    let broken = findings
        .iter()
        .any(|f| f.diagnostic.code.name.starts_with("polc::syntax::"));
    if let (true, Err((_, Some(rest)))) = (broken, polc::syntax::parse_recovering(&source)) {
        let rest = SourceFile::new(source.name.clone(), rest);
        let context = || {
            neighbours(server, uri)
                .into_iter()
                .map(|(_, s)| s)
                .collect()
        };
        let more = polc::review_all(std::slice::from_ref(&rest), &calendar, context);
        findings.extend(
            more.into_iter()
                .flatten()
                .filter(|f| STATEMENT_LOCAL.contains(&f.diagnostic.code.name)),
        );
    }
    findings
}

/// The findings about one statement as written, which a broken line
/// elsewhere cannot cause. The others (an unknown name whose declaration is
/// the broken line, an unused fact whose use is, a gap a broken case
/// leaves, a dangling citation of a clause whose mark is) wait until the
/// text parses again.
const STATEMENT_LOCAL: &[&str] = &[
    "polc::check::type_mismatch",
    "polc::check::unit_mismatch",
    "polc::check::unknown_unit",
    "polc::check::duplicate_name",
    "polc::check::assign_to_input",
    "polc::check::table_shape",
    "polc::check::bad_acknowledgement",
    "polc::check::roster_duplicate",
    "polc::check::impossible_condition",
];

/// The other notices of the document's folder, each with its URI: the
/// editor's text for those open, the disk's for the others.
pub fn neighbours(server: &Server, uri: &Url) -> Vec<(Url, SourceFile)> {
    let Ok(path) = uri.to_file_path() else {
        return Vec::new();
    };
    let Some(dir) = path.parent() else {
        return Vec::new();
    };
    let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "pol"))
                .collect()
        })
        .unwrap_or_default();
    // Open documents of the folder not saved yet count too.
    for document in server.documents.values() {
        if let Some(p) = document.path()
            && p.parent() == Some(dir)
            && !paths.contains(&p)
        {
            paths.push(p);
        }
    }
    paths.sort();
    paths
        .into_iter()
        .filter(|p| *p != path)
        .filter_map(|p| {
            let uri = Url::from_file_path(&p).ok()?;
            match server.documents.get(&uri) {
                Some(open) => Some((uri, open.source.clone())),
                None => {
                    let text = std::fs::read_to_string(&p).ok()?;
                    Some((uri, SourceFile::new(p.display().to_string(), text)))
                }
            }
        })
        .collect()
}

/// Removes a closed document's diagnostics.
pub fn clear(uri: &Url) -> Message {
    notification(PublishDiagnosticsParams {
        uri: uri.clone(),
        diagnostics: Vec::new(),
        version: None,
    })
}

fn publish(document: &Document, encoding: Encoding, lang: Lang) -> Message {
    notification(PublishDiagnosticsParams {
        uri: document.uri.clone(),
        diagnostics: document
            .findings
            .iter()
            .map(|f| to_lsp(document, f, encoding, lang))
            .collect(),
        version: Some(document.version),
    })
}

fn notification(params: PublishDiagnosticsParams) -> Message {
    Message::Notification(Notification::new(PublishDiagnostics::METHOD.into(), params))
}

/// A finding as the editor shows it: the message with its clause in front
/// and the help after it, the other clauses as related locations, and in
/// `data` the clause, help, counterexample and acknowledgement as data. An
/// acknowledged finding (确认) is a hint, not a warning.
pub fn to_lsp(
    document: &Document,
    finding: &Finding,
    encoding: Encoding,
    lang: Lang,
) -> Diagnostic {
    let d = &finding.diagnostic;
    let range = document.range(d.span.unwrap_or_default(), encoding);
    let severity = match (&finding.suppressed, d.severity()) {
        (Some(_), _) => DiagnosticSeverity::HINT,
        (None, Severity::Error) => DiagnosticSeverity::ERROR,
        (None, Severity::Warning) => DiagnosticSeverity::WARNING,
    };
    let help = d.help.as_ref().map(|h| h.get(lang).to_string());
    let mut message = d.headline(lang);
    if let Some(help) = &help {
        message.push_str(match lang {
            Lang::Zh => "\n帮助：",
            Lang::En => "\nhelp: ",
        });
        message.push_str(help);
    }
    if let Some(reason) = &finding.suppressed {
        message.push_str(match lang {
            Lang::Zh => "\n已确认：",
            Lang::En => "\nacknowledged: ",
        });
        message.push_str(reason);
    }
    // The labels are the finding's own (when it has a clause), then one
    // for each related clause.
    let labels = finding.labels(lang);
    let skip = usize::from(d.label(lang).is_some());
    let related: Vec<DiagnosticRelatedInformation> = finding
        .related
        .iter()
        .zip(labels.into_iter().skip(skip))
        .map(|((span, _), label)| DiagnosticRelatedInformation {
            location: Location::new(document.uri.clone(), document.range(*span, encoding)),
            message: label,
        })
        .collect();
    Diagnostic {
        range,
        severity: Some(severity),
        code: Some(NumberOrString::String(d.code.name.into())),
        code_description: None,
        source: Some("polc".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: Some(serde_json::json!({
            "clause": d.clause.map(|c| c.to_string()),
            "help": help,
            "counterexample": finding.counterexample,
            "acknowledged": finding.suppressed,
        })),
    }
}
