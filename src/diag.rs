//! Diagnostics as data, rendered with miette.
//!
//! Each phase has its own error enum (syntax, check, eval); all of them turn
//! into a [`Diagnostic`], which knows its stable code, its clause, and its
//! message in Chinese and English. Rendering picks the language.

use crate::source::{SourceFile, Span};
use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

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

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable, documented code such as `polc::check::unit_mismatch`.
    pub code: &'static str,
    pub severity: Severity,
    pub message: Bilingual,
    pub help: Option<Bilingual>,
    pub span: Option<Span>,
    /// The clause the finding is in, as cited: 第七条第（一）项.
    pub clause: Option<String>,
}

impl Diagnostic {
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
            Err(_) => format!("{}: {}\n", self.code, self.headline(lang)),
        }
    }

    /// The finding as data, for `--format json`.
    pub fn to_json(&self, file: Option<&SourceFile>, lang: Lang) -> serde_json::Value {
        let position = match (file, self.span) {
            (Some(f), Some(span)) => {
                let (line, column) = f.line_col(span.start);
                serde_json::json!({"line": line, "column": column, "offset": span.start, "length": span.len()})
            }
            _ => serde_json::Value::Null,
        };
        serde_json::json!({
            "code": self.code,
            "severity": self.severity,
            "clause": self.clause,
            "message": self.message.get(lang),
            "help": self.help.as_ref().map(|h| h.get(lang)),
            "file": file.map(|f| f.name.clone()),
            "position": position,
        })
    }
}

struct Rendered<'a> {
    diag: &'a Diagnostic,
    lang: Lang,
    source: Option<miette::NamedSource<String>>,
    extra: &'a [(Span, String)],
}

impl fmt::Debug for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.diag.code)
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
        Some(Box::new(self.diag.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diag.severity {
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
        let label = match self.lang {
            Lang::Zh => self.diag.clause.as_ref().map(|c| format!("在{c}")),
            Lang::En => self.diag.clause.as_ref().map(|c| format!("in {c}")),
        };
        let extra = self
            .extra
            .iter()
            .map(|(s, text)| miette::LabeledSpan::new_with_span(Some(text.clone()), *s));
        Some(Box::new(
            std::iter::once(miette::LabeledSpan::new_with_span(label, span)).chain(extra),
        ))
    }
}

/// Every code polc can emit, so that a test can prove they are unique and
/// documentation can list them.
pub const ALL_CODES: &[&str] = &[
    crate::syntax::CODE_SYNTAX,
    crate::syntax::CODE_INVALID_LITERAL,
    crate::syntax::CODE_LIMIT,
    crate::check::codes::UNKNOWN_NAME,
    crate::check::codes::DUPLICATE_NAME,
    crate::check::codes::TYPE_MISMATCH,
    crate::check::codes::UNIT_MISMATCH,
    crate::check::codes::UNKNOWN_UNIT,
    crate::check::codes::UNKNOWN_ENUM_VALUE,
    crate::check::codes::CLAUSE_ORDER,
    crate::check::codes::DUPLICATE_CLAUSE,
    crate::check::codes::DANGLING_CITATION,
    crate::check::codes::DATE_OUTSIDE_VALIDITY,
    crate::check::codes::UNUSED_FACT,
    crate::check::codes::UNDEFINED_OUTPUT,
    crate::check::codes::ASSIGN_TO_INPUT,
    crate::check::codes::PRIORITY_CYCLE,
    crate::check::codes::OVERRIDES_NOTHING,
    crate::check::codes::DEPENDENCY_CYCLE,
    crate::check::codes::ROSTER_COUNT,
    crate::check::codes::MISSING_DOC_NUMBER,
    crate::check::codes::VALIDITY,
    crate::check::codes::TABLE_SHAPE,
    crate::check::codes::NO_CASE_DATE,
    crate::check::codes::UNKNOWN_NOTICE,
    crate::check::codes::DUPLICATE_NOTICE,
    crate::check::codes::ROSTER_DUPLICATE,
    crate::check::codes::BAD_ACKNOWLEDGEMENT,
    crate::check::codes::UNUSED_ACKNOWLEDGEMENT,
    crate::check::codes::OVERLAP,
    crate::check::codes::GAP,
    crate::check::codes::MASKED_CASE,
    crate::check::codes::IMPOSSIBLE_CONDITION,
    crate::check::codes::UNDECIDED,
    crate::check::codes::QUANTITY_BOUNDED_TWICE,
    crate::check::codes::CAP_ALWAYS_BINDS,
    crate::check::codes::CAP_NEVER_BINDS,
    crate::check::codes::VALIDITY_CONFLICT,
    crate::check::codes::DEADLINE_CHAIN,
    crate::check::codes::PHASE_ORDER,
    crate::check::codes::PHASE_OVERLAP,
    crate::check::codes::CAPS_DO_NOT_ADD_UP,
    crate::check::codes::NUMBER_NOT_IN_TEXT,
    crate::eval::codes::MISSING_FACT,
    crate::eval::codes::FACT_TYPE,
    crate::eval::codes::OUTSIDE_VALIDITY,
    crate::eval::codes::NO_RULE,
    crate::eval::codes::CONFLICT,
    crate::eval::codes::ARITHMETIC,
    crate::eval::codes::CALENDAR,
    crate::eval::codes::NO_PARAM_VALUE,
    crate::eval::codes::FACTS_FILE,
    crate::calendar::CODE_CALENDAR_FILE,
    crate::batch::job::codes::ROW_SHAPE,
    crate::batch::job::codes::RECORD_TOO_LONG,
    crate::repl::codes::UNKNOWN_COMMAND,
    crate::repl::codes::USAGE,
    crate::repl::codes::NO_NOTICE,
    crate::repl::codes::UNKNOWN_NAME,
    crate::repl::codes::NOT_A_FACT,
    crate::repl::codes::UNKNOWN_CLAUSE,
];
