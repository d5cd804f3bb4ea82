//! An open document and what the core makes of it: syntax tree, checked
//! program (with or without errors), and every finding of `polc check`.
//! Everything is recomputed from the whole text on each change; the last
//! program that checked is kept for completion while a line is half typed.

use crate::position::{Encoding, LineIndex};
use lsp_types::{Position, Range, Url};
use polc::ast::Notice;
use polc::program::Program;
use polc::review::Finding;
use polc::source::{SourceFile, Span};
use std::path::PathBuf;

pub struct Document {
    pub uri: Url,
    pub version: i32,
    pub source: SourceFile,
    pub index: LineIndex,
    /// The syntax tree, when the text parses.
    pub notice: Option<Notice>,
    /// The checked program, with or without errors, when the text parses.
    pub program: Option<Program>,
    /// The program of the last version that parsed: what completion offers
    /// while the current line does not parse yet.
    pub last_program: Option<Program>,
    /// Every finding of `polc check` on this version.
    pub findings: Vec<Finding>,
}

impl Document {
    pub fn new(uri: Url, version: i32, text: String) -> Document {
        let source = SourceFile::new(display_name(&uri), text.as_str());
        Document {
            index: LineIndex::new(&text),
            uri,
            version,
            source,
            notice: None,
            program: None,
            last_program: None,
            findings: Vec::new(),
        }
    }

    pub fn text(&self) -> &str {
        &self.source.text
    }

    /// Replaces the text (the findings stay until [`Document::analyse`]).
    pub fn set_text(&mut self, version: i32, text: String) {
        self.version = version;
        self.index = LineIndex::new(&text);
        self.source = SourceFile::new(self.source.name.clone(), text.as_str());
    }

    /// Parses and checks the text; `findings` are those of `polc check`,
    /// computed by the caller with the folder's other notices. While some
    /// lines do not parse, the tree and program are those of the rest of
    /// the text (the broken lines blanked, offsets kept), so that outline,
    /// hover and jumps still work.
    pub fn analyse(&mut self, findings: Vec<Finding>) {
        let parsed = match polc::syntax::parse_recovering(&self.source) {
            Ok(notice) => Some(notice),
            Err((_, recovered)) => recovered.and_then(|text| {
                let source = SourceFile::new(self.source.name.clone(), text);
                polc::syntax::parse(&source).ok()
            }),
        };
        match parsed {
            Some(notice) => {
                // The checked program, with or without errors (what
                // `compile` gives as program or outline), without parsing
                // the text once more.
                self.program = Some(polc::check::check(&notice).program);
                self.notice = Some(notice);
            }
            None => {
                self.notice = None;
                self.program = None;
            }
        }
        if self.program.is_some() {
            self.last_program = self.program.clone();
        }
        self.findings = findings;
    }

    /// The file on disk, for a `file:` document.
    pub fn path(&self) -> Option<PathBuf> {
        self.uri.to_file_path().ok()
    }

    pub fn range(&self, span: Span, encoding: Encoding) -> Range {
        self.index
            .range(self.text(), span.start, span.end, encoding)
    }

    pub fn offset(&self, position: Position, encoding: Encoding) -> usize {
        self.index.offset(self.text(), position, encoding)
    }

    /// The text of the line holding `offset`, without its line end.
    pub fn line_of(&self, offset: usize) -> Span {
        let text = self.text();
        let offset = offset.min(text.len());
        let start = text
            .get(..offset)
            .and_then(|b| b.rfind(['\n', '\r']))
            .map_or(0, |i| i + 1);
        let end = text
            .get(offset..)
            .and_then(|a| a.find(['\n', '\r']))
            .map_or(text.len(), |i| offset + i);
        Span::new(start, end)
    }

    pub fn slice(&self, span: Span) -> &str {
        self.text().get(span.start..span.end).unwrap_or("")
    }
}

/// How messages name the document: its path for a file, else the URI.
pub fn display_name(uri: &Url) -> String {
    match uri.to_file_path() {
        Ok(path) => path.display().to_string(),
        Err(()) => uri.to_string(),
    }
}
