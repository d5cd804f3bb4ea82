//! Diagnostics as data, rendered with miette.
//!
//! Each phase has its own error type (syntax, check, review, eval …) with
//! its words in a module beside it; all of them turn into a [`Diagnostic`],
//! which knows its registered code (and so its severity), its clause, and
//! its message in Chinese and English. Rendering picks the language. This
//! module imports no phase: the codes come from [`crate::codes`], below it.

use crate::clause::ClausePath;
use crate::codes::Code;
pub use crate::codes::{Lang, Severity};
use crate::source::{SourceFile, Span};
use std::fmt;

/// A message in both languages. Chinese is what drafters read; English is
/// for `--lang en`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bilingual {
    pub zh: String,
    pub en: String,
}

impl Bilingual {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Bilingual {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// Both languages from one function of the language: how each phase's
    /// words module is called.
    pub fn from_fn(words: impl Fn(Lang) -> String) -> Self {
        Bilingual {
            zh: words(Lang::Zh),
            en: words(Lang::En),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// One of two sentences, by language: how every words module says a thing.
pub fn pick(lang: Lang, zh: impl Into<String>, en: impl Into<String>) -> String {
    match lang {
        Lang::Zh => zh.into(),
        Lang::En => en.into(),
    }
}

/// Items in running text: 第二条、第三条 in Chinese, "第二条, 第三条" in
/// English. Every list of clauses (or names) in a message goes through here.
pub fn list<T: fmt::Display>(items: &[T], lang: Lang) -> String {
    join(items, if lang == Lang::Zh { "、" } else { ", " })
}

/// Items that all take part together: 第二条与第三条, "第二条 and 第三条".
pub fn list_and<T: fmt::Display>(items: &[T], lang: Lang) -> String {
    join(items, if lang == Lang::Zh { "与" } else { " and " })
}

/// Rows of a decision table, as findings name them: 第4行、第5行 / rows 4
/// and 5 (row 4).
pub fn table_rows(rows: &[usize], lang: Lang) -> String {
    match lang {
        Lang::Zh => {
            let each: Vec<String> = rows.iter().map(|r| format!("第{r}行")).collect();
            join(&each, "、")
        }
        Lang::En if rows.len() == 1 => format!("row {}", join(rows, "")),
        Lang::En => format!("rows {}", list_and(rows, lang)),
    }
}

fn join<T: fmt::Display>(items: &[T], separator: &str) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        out.push_str(&item.to_string());
    }
    out
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The registered code, such as `polc::check::unit_mismatch`; its
    /// severity is the diagnostic's.
    pub code: &'static Code,
    pub message: Bilingual,
    pub help: Option<Bilingual>,
    pub span: Option<Span>,
    /// The clause the finding is in (printed as cited: 第七条第（一）项).
    pub clause: Option<ClausePath>,
}

impl Diagnostic {
    /// A diagnostic with no help, span or clause yet.
    pub fn new(code: &'static Code, message: Bilingual) -> Self {
        Diagnostic {
            code,
            message,
            help: None,
            span: None,
            clause: None,
        }
    }

    #[must_use]
    pub fn with_help(self, help: Bilingual) -> Self {
        Diagnostic {
            help: Some(help),
            ..self
        }
    }

    #[must_use]
    pub fn at(self, span: Span) -> Self {
        Diagnostic {
            span: Some(span),
            ..self
        }
    }

    #[must_use]
    pub fn in_clause(self, clause: Option<ClausePath>) -> Self {
        Diagnostic { clause, ..self }
    }

    pub fn severity(&self) -> Severity {
        self.code.severity
    }

    /// The message with its clause in front, as shown to users.
    pub fn headline(&self, lang: Lang) -> String {
        match &self.clause {
            Some(clause) => match lang {
                Lang::Zh => format!("{clause}：{}", self.message.zh),
                Lang::En => format!("{clause}: {}", self.message.en),
            },
            None => self.message.get(lang).to_string(),
        }
    }

    /// The label under the diagnostic's own span.
    pub fn label(&self, lang: Lang) -> Option<String> {
        self.clause.map(|c| match lang {
            Lang::Zh => format!("在{c}"),
            Lang::En => format!("in {c}"),
        })
    }

    /// Renders as miette would print it, without colour (stable for snapshots).
    pub fn render(&self, source: Option<&SourceFile>, lang: Lang) -> String {
        self.render_labelled(source, lang, &[])
    }

    /// Renders with more labelled spans (the other clauses of a finding).
    pub fn render_labelled(
        &self,
        source: Option<&SourceFile>,
        lang: Lang,
        extra: &[(Span, String)],
    ) -> String {
        let report = Rendered {
            diag: self,
            lang,
            source: source.map(SourceFile::named_source),
            extra,
        };
        let handler =
            miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
                .with_width(100)
                .with_links(false);
        let mut out = String::new();
        match handler.render_report(&mut out, &report) {
            Ok(()) => out,
            Err(_) => format!("{}: {}\n", self.code.name, self.headline(lang)),
        }
    }

    /// The finding as data, for `--format json`.
    pub fn to_json(&self, file: Option<&SourceFile>, lang: Lang) -> serde_json::Value {
        let position = match (file, self.span) {
            (Some(f), Some(span)) => position_json(f, span),
            _ => serde_json::Value::Null,
        };
        serde_json::json!({
            "code": self.code.name,
            "severity": self.severity(),
            "clause": self.clause.map(|c| c.to_string()),
            "message": self.message.get(lang),
            "help": self.help.as_ref().map(|h| h.get(lang)),
            "file": file.map(|f| f.name.clone()),
            "position": position,
        })
    }
}

/// Where `span` is in `file`, for JSON: line and column counted in
/// characters, as the text diagnostics show them; the byte offset, and the
/// length in both units, for tools that slice bytes and for those that
/// count characters.
pub fn position_json(file: &SourceFile, span: Span) -> serde_json::Value {
    let (line, column) = file.line_col(span.start);
    let length_chars = file
        .text
        .get(span.start..span.end)
        .map_or(0, |s| s.chars().count());
    serde_json::json!({
        "line": line,
        "column": column,
        "offset": span.start,
        "length_bytes": span.len(),
        "length_chars": length_chars,
    })
}

struct Rendered<'a> {
    diag: &'a Diagnostic,
    lang: Lang,
    source: Option<miette::NamedSource<crate::source::CharColumns>>,
    extra: &'a [(Span, String)],
}

impl fmt::Debug for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.diag.code.name)
    }
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diag.headline(self.lang))
    }
}

impl std::error::Error for Rendered<'_> {}

impl miette::Diagnostic for Rendered<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.diag.code.name))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diag.severity() {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.diag
            .help
            .as_ref()
            .map(|h| Box::new(h.get(self.lang).to_string()) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let span = self.diag.span?;
        self.source.as_ref()?;
        let label = self.diag.label(self.lang);
        let extra = self
            .extra
            .iter()
            .map(|(s, text)| miette::LabeledSpan::new_with_span(Some(text.clone()), *s));
        Some(Box::new(
            std::iter::once(miette::LabeledSpan::new_with_span(label, span)).chain(extra),
        ))
    }
}
