//! The requests: hover, go to definition, find references, document
//! symbols (the 章/条/款/项/目 outline), formatting and completion. Each
//! reads an open document's syntax tree and checked program through the
//! core's library; none of them changes the document.

use crate::document::Document;
use crate::position::LineIndex;
use crate::server::{Answer, Server, failure};
use crate::workspace;
use lsp_server::ErrorCode;
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse,
    DocumentFormattingParams, DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse,
    GotoDefinitionParams, GotoDefinitionResponse, Hover, HoverContents, HoverParams, Location,
    MarkupContent, MarkupKind, Position, ReferenceParams, SymbolKind, TextEdit, Url,
};
use polc::ast::{Citation, Clause, Level, Notice, Occurrence, Stmt, occurrence_at, occurrences};
use polc::clause::ClausePath;
use polc::diag::Lang;
use polc::program::{ClauseInfo, Program, Type, find_clause};
use polc::source::{SourceFile, Span};

fn document<'a>(server: &'a Server, uri: &Url) -> Answer<&'a Document> {
    server
        .documents
        .get(uri)
        .ok_or_else(|| failure(ErrorCode::InvalidParams, format!("{uri} is not open")))
}

// ------------------------------------------------------------------ hover

pub fn hover(server: &mut Server, params: HoverParams) -> Answer<Option<Hover>> {
    let at = params.text_document_position_params;
    let doc = document(server, &at.text_document.uri)?;
    let (Some(notice), Some(program)) = (&doc.notice, &doc.program) else {
        return Ok(None);
    };
    let offset = doc.offset(at.position, server.encoding);
    let found = occurrences(notice);
    let Some(occurrence) = occurrence_at(&found, offset) else {
        return Ok(None);
    };
    let lang = server.lang;
    let text = match occurrence {
        Occurrence::Citation(cite) => {
            cited_clause(program, cite).map(|info| clause_markdown(info, lang))
        }
        Occurrence::Declaration { name, .. } | Occurrence::Use { name, .. } => {
            name_markdown(doc, program, name, lang)
        }
        Occurrence::Variant { name, .. } => variant_markdown(program, name, lang),
        Occurrence::NoticeReference { notice, clause, .. } => {
            other_notice(server, doc, &notice.node).and_then(|(_, _, other)| match clause {
                Some(cite) => find_clause(cite.path(0), &other.clauses)
                    .and_then(|p| other.clause(&p))
                    .map(|info| format!("{}\n\n{}", notice.node, clause_markdown(info, lang))),
                None => Some(notice_markdown(&other, lang)),
            })
        }
    };
    Ok(text.map(|value| Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(doc.range(occurrence.span(), server.encoding)),
    }))
}

/// The clause a citation names, read as the checker reads it: inside a
/// document issued as an annex, 第三条 is that document's own article.
fn cited_clause<'a>(program: &'a Program, cite: &Citation) -> Option<&'a ClauseInfo> {
    let citer = innermost_clause(program, cite.span.start);
    let annex = citer.map_or(0, |c| c.path.annex);
    let path = find_clause(cite.path(annex), &program.clauses)?;
    program.clause(&path)
}

fn innermost_clause(program: &Program, offset: usize) -> Option<&ClauseInfo> {
    program
        .clauses
        .iter()
        .filter(|c| c.span.start <= offset && offset <= c.span.end)
        .min_by_key(|c| c.span.len())
}

/// A clause as the drafter reads it in the gazette: its number, title and
/// 原文, and why it is not computed when it is not.
fn clause_markdown(info: &ClauseInfo, lang: Lang) -> String {
    let mut out = format!("**{}**", info.path);
    if let Some(title) = &info.title {
        out.push_str(&format!(" {title}"));
    }
    for text in &info.text {
        out.push_str(&format!("\n\n> {text}"));
    }
    if let Some(reason) = &info.not_computable {
        out.push_str(&match lang {
            Lang::Zh => format!("\n\n不可计算：{reason}"),
            Lang::En => format!("\n\nnot computable: {reason}"),
        });
    }
    out
}

fn notice_markdown(program: &Program, lang: Lang) -> String {
    let mut out = format!("**{}**", program.doc_number);
    if let Some(title) = &program.title {
        out.push_str(&format!(" {title}"));
    }
    if let Some(issuer) = &program.issuer {
        out.push_str(&match lang {
            Lang::Zh => format!("\n\n发布机关：{issuer}"),
            Lang::En => format!("\n\nissuer: {issuer}"),
        });
    }
    out
}

/// What a name is: its declaration as written, its kind and type, the
/// clause that declares it (with that clause's 原文), and for a parameter
/// its dated values with the one in force today.
fn name_markdown(doc: &Document, program: &Program, name: &str, lang: Lang) -> Option<String> {
    let word = |zh: &str, en: &str| match lang {
        Lang::Zh => zh.to_string(),
        Lang::En => en.to_string(),
    };
    let (kind, ty, clause, span) = if let Some(f) = program.facts.get(name) {
        (word("事实", "fact"), Some(&f.ty), f.clause, Some(f.span))
    } else if let Some(p) = program.params.get(name) {
        (
            word("参数", "parameter"),
            Some(&p.ty),
            p.clause,
            Some(p.span),
        )
    } else if let Some(d) = program.derived.get(name) {
        let kind = if d.is_output {
            word("输出", "output")
        } else {
            word("规则", "rule")
        };
        (kind, Some(&d.ty), d.clause, Some(d.span))
    } else if let Some(r) = program.rosters.get(name) {
        let kind = match lang {
            Lang::Zh => format!("名单（{}项）", r.members.len()),
            Lang::En => format!("roster ({} members)", r.members.len()),
        };
        (kind, None, r.clause, None)
    } else {
        return variant_markdown(program, name, lang);
    };
    let mut out = String::new();
    if let Some(span) = span {
        let line = doc.slice(doc.line_of(span.start)).trim();
        out.push_str(&format!("```pol\n{line}\n```\n\n"));
    }
    out.push_str(&format!("{kind} **{name}**"));
    if let Some(ty) = ty {
        out.push_str(&format!(" · {}", ty.describe()));
    }
    out.push_str(&match lang {
        Lang::Zh => format!(" · 见{clause}"),
        Lang::En => format!(" · in {clause}"),
    });
    if let Some(p) = program.params.get(name)
        && !p.values.is_empty()
    {
        let today = today();
        let in_force = polc::program::in_force(&p.values, Some(today)).map(|(d, _)| *d);
        for (from, value) in &p.values {
            let marker = if Some(*from) == in_force {
                word("（今日适用）", " (in force today)")
            } else {
                String::new()
            };
            out.push_str(&match lang {
                Lang::Zh => format!("\n- 自{from}起：{}{marker}", doc.slice(value.span)),
                Lang::En => format!("\n- from {from}: {}{marker}", doc.slice(value.span)),
            });
        }
    }
    if let Some(info) = program.clause(&clause) {
        out.push_str("\n\n---\n\n");
        out.push_str(&clause_markdown(info, lang));
    }
    Some(out)
}

/// An enumeration value: the names whose type lists it.
fn variant_markdown(program: &Program, name: &str, lang: Lang) -> Option<String> {
    let mut owners: Vec<&str> = program
        .facts
        .values()
        .map(|f| (&f.name, &f.ty))
        .chain(program.params.values().map(|p| (&p.name, &p.ty)))
        .chain(program.derived.values().map(|d| (&d.name, &d.ty)))
        .filter(|(_, ty)| matches!(ty, Type::Enum(values) if values.iter().any(|v| v == name)))
        .map(|(n, _)| n.as_str())
        .collect();
    owners.sort_unstable();
    if owners.is_empty() {
        return None;
    }
    Some(match lang {
        Lang::Zh => format!("枚举值 **{name}**：{} 的取值", owners.join("、")),
        Lang::En => format!("enumeration value **{name}** of {}", owners.join(", ")),
    })
}

/// Today's date (UTC), for the parameter value in force.
fn today() -> chrono::NaiveDate {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    chrono::NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|epoch| epoch.checked_add_days(chrono::Days::new(days)))
        .unwrap_or_default()
}

/// The notice of the folder whose 文号 is `number`: its URI, text and
/// program (with or without errors: its clauses are still known).
fn other_notice(
    server: &Server,
    doc: &Document,
    number: &str,
) -> Option<(Url, SourceFile, Program)> {
    workspace::neighbours(server, &doc.uri)
        .into_iter()
        .find_map(|(uri, source)| {
            let compiled = polc::compile(&source);
            let program = compiled.program.or(compiled.outline)?;
            (program.doc_number == number).then_some((uri, source, program))
        })
}

// ------------------------------------------------------ go to definition

pub fn definition(
    server: &mut Server,
    params: GotoDefinitionParams,
) -> Answer<Option<GotoDefinitionResponse>> {
    let at = params.text_document_position_params;
    let doc = document(server, &at.text_document.uri)?;
    let Some(notice) = &doc.notice else {
        return Ok(None);
    };
    let offset = doc.offset(at.position, server.encoding);
    let found = occurrences(notice);
    let Some(occurrence) = occurrence_at(&found, offset) else {
        return Ok(None);
    };
    let here = |span: Span| Location::new(doc.uri.clone(), doc.range(span, server.encoding));
    let location = match occurrence {
        Occurrence::Declaration { name, .. } | Occurrence::Use { name, .. } => {
            declaration_of(&found, name).map(here)
        }
        Occurrence::Variant { span, .. } => Some(here(span)),
        Occurrence::Citation(cite) => doc
            .program
            .as_ref()
            .and_then(|p| cited_clause(p, cite))
            .map(|info| here(doc.line_of(info.span.start))),
        Occurrence::NoticeReference { notice, clause, .. } => {
            other_notice(server, doc, &notice.node).map(|(uri, source, program)| {
                let span = clause
                    .and_then(|cite| find_clause(cite.path(0), &program.clauses))
                    .and_then(|p| program.clause(&p))
                    .map_or(Span::default(), |info| info.span);
                let index = LineIndex::new(&source.text);
                let range = index.range(&source.text, span.start, span.start, server.encoding);
                Location::new(uri, range)
            })
        }
    };
    Ok(location.map(GotoDefinitionResponse::Scalar))
}

/// Where `name` is declared: as a fact, parameter, rule, output or roster,
/// else as an enumeration value.
fn declaration_of(found: &[Occurrence<'_>], name: &str) -> Option<Span> {
    let declared =
        |o: &&Occurrence<'_>| matches!(o, Occurrence::Declaration { name: n, .. } if *n == name);
    let variant =
        |o: &&Occurrence<'_>| matches!(o, Occurrence::Variant { name: n, .. } if *n == name);
    let first = |pick: &dyn Fn(&&Occurrence<'_>) -> bool| {
        found
            .iter()
            .filter(pick)
            .map(Occurrence::span)
            .min_by_key(|s| s.start)
    };
    first(&declared).or_else(|| first(&variant))
}

// ------------------------------------------------------ find references

/// On a name: every place it is declared, decided or read. On a citation
/// or a clause's number: every citation of that clause or of a clause
/// inside it (what to look at before amending an article).
pub fn references(server: &mut Server, params: ReferenceParams) -> Answer<Option<Vec<Location>>> {
    let at = params.text_document_position;
    let doc = document(server, &at.text_document.uri)?;
    let Some(notice) = &doc.notice else {
        return Ok(None);
    };
    let offset = doc.offset(at.position, server.encoding);
    let found = occurrences(notice);
    let here = |span: Span| Location::new(doc.uri.clone(), doc.range(span, server.encoding));
    let mut spans: Vec<Span> = match occurrence_at(&found, offset) {
        Some(o) if o.name().is_some() => {
            let name = o.name().unwrap_or_default();
            found
                .iter()
                .filter(|other| other.name() == Some(name))
                .filter(|other| {
                    params.context.include_declaration
                        || !matches!(
                            other,
                            Occurrence::Declaration { .. } | Occurrence::Variant { .. }
                        )
                })
                .map(Occurrence::span)
                .collect()
        }
        Some(Occurrence::Citation(cite)) => match &doc.program {
            Some(program) => cited_clause(program, cite)
                .map(|info| citations_of(program, &found, info.path))
                .unwrap_or_default(),
            None => Vec::new(),
        },
        Some(_) => Vec::new(),
        None => match (&doc.program, clause_marked_at(notice, offset)) {
            (Some(program), Some(span)) => program
                .clauses
                .iter()
                .find(|c| c.span == span)
                .map(|info| citations_of(program, &found, info.path))
                .unwrap_or_default(),
            _ => Vec::new(),
        },
    };
    spans.sort();
    spans.dedup();
    Ok(Some(spans.into_iter().map(here).collect()))
}

/// The citations that name `path` or a clause inside it.
fn citations_of(program: &Program, found: &[Occurrence<'_>], path: ClausePath) -> Vec<Span> {
    found
        .iter()
        .filter_map(|o| match o {
            Occurrence::Citation(cite) => Some(cite),
            _ => None,
        })
        .filter(|cite| cited_clause(program, cite).is_some_and(|info| path.contains(&info.path)))
        .map(|cite| cite.span)
        .collect()
}

/// The clause whose number (第六条, （二）) is at `offset`: its span.
fn clause_marked_at(notice: &Notice, offset: usize) -> Option<Span> {
    let mut stack: Vec<&Clause> = notice.clauses.iter().collect();
    while let Some(clause) = stack.pop() {
        if clause.mark_span.start <= offset && offset <= clause.mark_span.end {
            return Some(clause.span);
        }
        stack.extend(clause.children.iter());
    }
    None
}

// ----------------------------------------------------------- the outline

/// 章/条/款/项/目 as nested symbols, each clause's declarations inside it.
pub fn symbols(
    server: &mut Server,
    params: DocumentSymbolParams,
) -> Answer<Option<DocumentSymbolResponse>> {
    let doc = document(server, &params.text_document.uri)?;
    let Some(notice) = &doc.notice else {
        return Ok(None);
    };
    let outline = notice
        .clauses
        .iter()
        .map(|c| clause_symbol(doc, c, server.encoding))
        .collect();
    Ok(Some(DocumentSymbolResponse::Nested(outline)))
}

#[allow(deprecated)] // DocumentSymbol::deprecated must still be given
fn symbol(
    doc: &Document,
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    (whole, selection): (Span, Span),
    children: Vec<DocumentSymbol>,
    encoding: crate::position::Encoding,
) -> DocumentSymbol {
    // The selection must lie inside the whole range.
    let whole = Span::new(
        whole.start.min(selection.start),
        whole.end.max(selection.end),
    );
    DocumentSymbol {
        name,
        detail,
        kind,
        tags: None,
        deprecated: None,
        range: doc.range(whole, encoding),
        selection_range: doc.range(selection, encoding),
        children: (!children.is_empty()).then_some(children),
    }
}

fn clause_symbol(
    doc: &Document,
    clause: &Clause,
    encoding: crate::position::Encoding,
) -> DocumentSymbol {
    let kind = match clause.level {
        Level::Chapter => SymbolKind::NAMESPACE,
        Level::Article | Level::Section | Level::Annex | Level::Preamble | Level::Closing => {
            SymbolKind::MODULE
        }
        Level::Paragraph => SymbolKind::CLASS,
        Level::Item => SymbolKind::STRUCT,
        Level::Subitem => SymbolKind::FIELD,
    };
    let name = match &clause.title {
        Some(title) => format!("{} {title}", clause.mark),
        None => clause.mark.clone(),
    };
    // The clause as cited (第六条第（二）项), where the checker numbered it.
    let detail = doc
        .program
        .as_ref()
        .and_then(|p| p.clauses.iter().find(|c| c.span == clause.span))
        .map(|c| c.path.to_string());
    let mut children: Vec<DocumentSymbol> = clause
        .stmts
        .iter()
        .filter_map(|stmt| declaration_symbol(doc, stmt, encoding))
        .collect();
    children.extend(
        clause
            .children
            .iter()
            .map(|c| clause_symbol(doc, c, encoding)),
    );
    symbol(
        doc,
        name,
        detail,
        kind,
        (clause.span, clause.mark_span),
        children,
        encoding,
    )
}

fn declaration_symbol(
    doc: &Document,
    stmt: &Stmt,
    encoding: crate::position::Encoding,
) -> Option<DocumentSymbol> {
    let (name, kind, detail) = match stmt {
        Stmt::Fact(f) => (&f.name, SymbolKind::VARIABLE, "事实"),
        Stmt::Param(p) => (&p.name, SymbolKind::CONSTANT, "参数"),
        Stmt::Output(d) => (&d.name, SymbolKind::FUNCTION, "输出"),
        Stmt::Rule(d) => (&d.name, SymbolKind::FUNCTION, "规则"),
        Stmt::Table(t) => (&t.name, SymbolKind::FUNCTION, "决策表"),
        Stmt::Roster(r) => (&r.name, SymbolKind::ARRAY, "名单"),
        _ => return None,
    };
    let line = doc.line_of(name.span.start);
    Some(symbol(
        doc,
        name.node.clone(),
        Some(detail.into()),
        kind,
        (Span::new(name.span.start, line.end), name.span),
        Vec::new(),
        encoding,
    ))
}

// ------------------------------------------------------------ formatting

/// The whole document as `polc fmt` lays it out; no edit when it already
/// is; an error naming the syntax error when it does not parse.
pub fn format(
    server: &mut Server,
    params: DocumentFormattingParams,
) -> Answer<Option<Vec<TextEdit>>> {
    let doc = document(server, &params.text_document.uri)?;
    let formatted = polc::fmt::format(&doc.source, None).map_err(|e| {
        let d = e.to_diagnostic();
        failure(ErrorCode::RequestFailed, d.headline(server.lang))
    })?;
    if formatted == doc.text() {
        return Ok(Some(Vec::new()));
    }
    let end = doc
        .index
        .position(doc.text(), doc.text().len(), server.encoding);
    Ok(Some(vec![TextEdit::new(
        lsp_types::Range::new(Position::new(0, 0), end),
        formatted,
    )]))
}

// ------------------------------------------------------------ completion

/// Names of the notice (matched by their start or their pinyin, as the
/// REPL matches: `jtrk` offers 家庭人口), then keywords in either spelling.
pub fn complete(
    server: &mut Server,
    params: CompletionParams,
) -> Answer<Option<CompletionResponse>> {
    let at = params.text_document_position;
    let doc = document(server, &at.text_document.uri)?;
    let offset = doc.offset(at.position, server.encoding);
    let line = doc.line_of(offset);
    let before = doc.text().get(line.start..offset).unwrap_or("");
    let mut items: Vec<CompletionItem> = Vec::new();
    let mut word_start = offset - word_before(before).len();
    if let Some(program) = doc.program.as_ref().or(doc.last_program.as_ref()) {
        let completer = polc::repl::Completer::new(&[program]);
        // The REPL's completer reads a line of its own; a notice's line is
        // an expression or an assignment to it, which it reads alike.
        let (start, names) = completer.complete(before, before.len());
        word_start = line.start + start.min(before.len());
        for name in names {
            let (kind, detail) = name_kind(program, &name);
            items.push(CompletionItem {
                label: name,
                kind: Some(kind),
                detail,
                ..CompletionItem::default()
            });
        }
    }
    // A citation being typed (优先于 第六条第（, 参见 附件1): the clauses
    // that exist and start so, as cited.
    let cited = citation_before(before);
    if let (Some(program), false) = (
        doc.program.as_ref().or(doc.last_program.as_ref()),
        cited.is_empty(),
    ) {
        let start = offset - cited.len();
        let range = doc.range(Span::new(start, offset), server.encoding);
        let mut seen: Vec<String> = Vec::new();
        for clause in &program.clauses {
            let label = clause.path.to_string();
            if label.starts_with(cited) && label != cited && !seen.contains(&label) {
                seen.push(label.clone());
                items.push(CompletionItem {
                    label: label.clone(),
                    kind: Some(CompletionItemKind::REFERENCE),
                    detail: clause
                        .title
                        .clone()
                        .or_else(|| clause.text.first().cloned()),
                    text_edit: Some(lsp_types::CompletionTextEdit::Edit(TextEdit::new(
                        range, label,
                    ))),
                    ..CompletionItem::default()
                });
            }
        }
    }
    if !cited.is_empty() {
        // Only clauses are cited: no names, no keywords.
        items.retain(|i| i.kind == Some(CompletionItemKind::REFERENCE));
    }
    let word = doc.text().get(word_start..offset).unwrap_or("");
    for (zh, en) in polc::fmt::keyword_twins() {
        for keyword in [zh, en] {
            if !word.is_empty() && keyword.starts_with(word) && *keyword != word {
                items.push(CompletionItem {
                    label: (*keyword).to_string(),
                    kind: Some(CompletionItemKind::KEYWORD),
                    detail: Some(format!("{zh} / {en}")),
                    ..CompletionItem::default()
                });
            }
        }
    }
    let range = doc.range(Span::new(word_start, offset), server.encoding);
    for item in items.iter_mut().filter(|i| i.text_edit.is_none()) {
        item.text_edit = Some(lsp_types::CompletionTextEdit::Edit(TextEdit::new(
            range,
            item.label.clone(),
        )));
        // Clients filter on the typed word; pinyin is not in the label,
        // so the typed letters are given as what to filter on.
        item.filter_text =
            Some(word.to_string()).filter(|w| !w.is_empty() && !item.label.starts_with(w.as_str()));
    }
    Ok(Some(CompletionResponse::Array(items)))
}

fn name_kind(program: &Program, name: &str) -> (CompletionItemKind, Option<String>) {
    if let Some(f) = program.facts.get(name) {
        (
            CompletionItemKind::VARIABLE,
            Some(format!("事实 {}", f.ty.describe())),
        )
    } else if let Some(p) = program.params.get(name) {
        (
            CompletionItemKind::CONSTANT,
            Some(format!("参数 {}", p.ty.describe())),
        )
    } else if let Some(d) = program.derived.get(name) {
        let kind = if d.is_output { "输出" } else { "规则" };
        (
            CompletionItemKind::FUNCTION,
            Some(format!("{kind} {}", d.ty.describe())),
        )
    } else {
        (CompletionItemKind::ENUM_MEMBER, None)
    }
}

/// The citation being typed just before the cursor (第六条第（, 附件1第),
/// or nothing when the text there does not start one.
fn citation_before(before: &str) -> &str {
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || "（）()、.".contains(*c))
        .last()
        .map_or(before.len(), |(i, _)| i);
    let typed = before.get(start..).unwrap_or("");
    if typed.starts_with('第') || typed.starts_with("附件") {
        typed
    } else {
        ""
    }
}

/// The name characters just before the cursor (as the REPL reads them).
fn word_before(before: &str) -> &str {
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '_')
        .last()
        .map_or(before.len(), |(i, _)| i);
    before.get(start..).unwrap_or("")
}
