//! Text to syntax tree: the pest grammar (`grammar/pol.pest`), the lowering
//! of its parse tree into [`crate::ast`], and syntax errors in drafters' words.

mod error;
mod lower;
pub mod numeral;

pub use error::{CODE_INVALID_LITERAL, CODE_LIMIT, CODE_SYNTAX, SyntaxError};

use crate::ast::Notice;
use crate::source::{SourceFile, Span};
use pest::Parser as _;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/pol.pest"]
pub(crate) struct PolParser;

/// Deepest bracket nesting accepted. The grammar is recursive, so an absurd
/// nesting would otherwise exhaust the stack; no notice comes close.
pub const MAX_NESTING: usize = 64;

/// Largest file accepted, in bytes. The whole gazette is about 200 KB.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

/// Parses one notice.
pub fn parse(source: &SourceFile) -> Result<Notice, SyntaxError> {
    let text: &str = &source.text;
    if text.len() > MAX_FILE_BYTES {
        return Err(SyntaxError::too_large(text.len()));
    }
    check_nesting(text)?;
    let pairs =
        PolParser::parse(Rule::notice, text).map_err(|e| SyntaxError::from_pest(e, text))?;
    lower::notice(pairs, text)
}

fn check_nesting(text: &str) -> Result<(), SyntaxError> {
    let mut depth = 0usize;
    for (offset, c) in text.char_indices() {
        match c {
            '(' | '（' | '{' => depth += 1,
            ')' | '）' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > MAX_NESTING {
            return Err(SyntaxError::too_deep(
                Span::new(offset, offset + c.len_utf8()),
                text,
            ));
        }
    }
    Ok(())
}
