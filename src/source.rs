//! Source text and byte spans into it.

use std::sync::Arc;

/// A byte range in a source file. Spans never take part in AST equality
/// (see [`crate::ast`]), so a reformatted notice compares equal to the original.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(span: Span) -> Self {
        (span.start, span.len()).into()
    }
}

/// One `.pol` file: its name (as the user gave it) and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: Arc<str>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        SourceFile {
            name: name.into(),
            text: text.into(),
        }
    }

    /// The file as miette wants it for rendering snippets, its columns
    /// counted in characters (see [`CharColumns`]).
    pub fn named_source(&self) -> miette::NamedSource<CharColumns> {
        miette::NamedSource::new(&self.name, CharColumns(self.text.to_string()))
            .with_language("pol")
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let before = self.text.get(..offset.min(self.text.len())).unwrap_or("");
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |s| s.chars().count()) + 1;
        (line, col)
    }
}

/// A text whose snippets give their column in characters (Unicode scalar
/// values), as [`SourceFile::line_col`] and the JSON and SARIF output do:
/// miette counts bytes, so `第一条：…` would put its header's column three
/// times too far on a Chinese line.
pub struct CharColumns(String);

impl miette::SourceCode for CharColumns {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let contents = self
            .0
            .read_span(span, context_lines_before, context_lines_after)?;
        // miette gives a column only for a span read without context lines
        // (the header's); it is 0 otherwise, and stays so.
        let column = if contents.column() == 0 {
            0
        } else {
            let offset = span.offset().min(self.0.len());
            let before = self.0.get(..offset).unwrap_or("");
            let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
            before.get(line_start..).map_or(0, |s| s.chars().count())
        };
        Ok(Box::new(miette::MietteSpanContents::new(
            contents.data(),
            *contents.span(),
            contents.line(),
            column,
            contents.line_count(),
        )))
    }
}
