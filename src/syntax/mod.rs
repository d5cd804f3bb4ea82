//! Text to syntax tree: the pest grammar (`grammar/pol.pest`), the lowering
//! of its parse tree into [`crate::ast`], and syntax errors in drafters' words.

mod error;
mod expr;
mod layout;
mod limits;
mod lower;
mod snippet;
mod stmt;
mod words;

pub use error::{Expected, Literal, SyntaxError, SyntaxErrorKind};
pub use snippet::{MAX_SNIPPET_BYTES, parse_expr};

use crate::ast::Notice;
use crate::source::{SourceFile, Span};
use pest::Parser as _;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/pol.pest"]
pub(crate) struct PolParser;

/// Deepest bracket nesting accepted. The grammar is recursive, so an absurd
/// nesting would otherwise exhaust the stack; no notice comes close.
pub const MAX_NESTING: usize = 64;

/// Deepest parse tree accepted (an expression nesting level is about nine
/// tree levels; the flagship needs about forty).
pub const MAX_TREE_DEPTH: usize = 600;

/// Most operands in one sum, product or chain of 且/或.
pub const MAX_OPERANDS: usize = 64;

/// Deepest expression accepted after lowering.
pub const MAX_EXPR_DEPTH: usize = 200;

/// Longest name (fact, rule, enumeration value …) accepted, in characters.
/// Names are short phrases of the notice (家庭人口); a longer one is text
/// pasted in the wrong place, and would make every diagnostic unreadable.
pub const MAX_NAME_CHARS: usize = 256;

/// Most significant digits in a number literal: what a 96-bit decimal holds
/// exactly. Beyond it the value would be rounded without a word.
pub const MAX_NUMBER_DIGITS: usize = 28;

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
    limits::check_depth(pairs.clone(), text)?;
    let notice = lower::notice(pairs, text)?;
    limits::check_expr_depth(&notice, text)?;
    Ok(notice)
}

/// Parses a citation written on its own (第六条第（二）项, 附件1第七条, 一、（二）),
/// as test files and the command line write them.
pub fn parse_citation(text: &str) -> Option<crate::clause::ClausePath> {
    let text = text.trim();
    let pair = PolParser::parse(Rule::citation, text).ok()?.next()?;
    if pair.as_str().len() != text.len() {
        return None;
    }
    Some(lower::citation(pair, text).ok()?.path(0))
}

/// Most syntax errors reported for one file.
pub const MAX_SYNTAX_ERRORS: usize = 20;

/// Most text re-parsed while looking for further syntax errors, in bytes.
/// Each further error costs a parse of the whole file; a file of several
/// megabytes gets fewer reports rather than a wait of minutes (found by
/// fuzzing parse_bytes).
pub const MAX_RECOVERY_BYTES: usize = 16 * 1024 * 1024;

/// Parses one notice, or reports every syntax error it can find: after an
/// error, the offending line is blanked out (offsets kept) and parsing
/// resumes, so a drafter sees all broken lines at once, not one per run.
pub fn parse_all(source: &SourceFile) -> Result<Notice, Vec<SyntaxError>> {
    parse_recovering(source).map_err(|(errors, _)| errors)
}

/// [`parse_all`], and with the errors the text with every line they blamed
/// blanked out (byte offsets kept) when that text then parses: what is left
/// of the notice to check while some lines are broken (an editor shows the
/// other findings of the file meanwhile). `None` when no blanking made the
/// text parse (a file too large, a nesting too deep, too many errors).
pub fn parse_recovering(source: &SourceFile) -> Result<Notice, (Vec<SyntaxError>, Option<String>)> {
    let first = match parse(source) {
        Ok(notice) => return Ok(notice),
        Err(e) => e,
    };
    if !matches!(
        first.kind,
        SyntaxErrorKind::Unexpected { .. } | SyntaxErrorKind::GluedRange { .. }
    ) {
        return Err((vec![first], None));
    }
    let mut errors = vec![first];
    let mut text = source.text.to_string();
    let mut recovered = None;
    while errors.len() < MAX_SYNTAX_ERRORS
        && errors.len().saturating_mul(text.len()) < MAX_RECOVERY_BYTES
    {
        let Some(last) = errors.last() else { break };
        let at = culprit(&text, last.span.start);
        if !blank_line(&mut text, at) {
            break;
        }
        match PolParser::parse(Rule::notice, &text) {
            Ok(_) => {
                recovered = Some(text);
                break;
            }
            Err(e) => {
                let mut next = SyntaxError::from_pest(e, &text);
                // The clause is read from the original text, not the blanked copy.
                next.clause = error::clause_at(&source.text, next.span.start);
                if errors.iter().any(|e| e.span == next.span) {
                    break;
                }
                errors.push(next);
            }
        }
    }
    Err((errors, recovered))
}

/// The line to blank after an error at `offset`. An error at the first
/// token of a line usually means the statement before it was left
/// incomplete (`若 … 则` and nothing after), so that line goes instead.
fn culprit(text: &str, offset: usize) -> usize {
    let line_start = text
        .get(..offset)
        .and_then(|b| b.rfind('\n'))
        .map_or(0, |i| i + 1);
    let first_on_line = text
        .get(line_start..offset)
        .is_some_and(|s| s.trim().is_empty());
    if !first_on_line || line_start == 0 {
        return offset;
    }
    let before = text.get(..line_start.saturating_sub(1)).unwrap_or("");
    let mut end = before.len();
    for line in before.rsplit('\n') {
        let start = end - line.len();
        if !line.trim().is_empty() && !line.trim_start().starts_with('#') {
            return start + (line.len() - line.trim_start().len());
        }
        end = start.saturating_sub(1);
    }
    offset
}

/// Replaces the line holding `offset` with spaces; false if it was blank.
fn blank_line(text: &mut String, offset: usize) -> bool {
    let start = text
        .get(..offset)
        .and_then(|b| b.rfind('\n'))
        .map_or(0, |i| i + 1);
    let end = text
        .get(offset..)
        .and_then(|a| a.find('\n'))
        .map_or(text.len(), |i| offset + i);
    let Some(line) = text.get(start..end) else {
        return false;
    };
    if line.trim().is_empty() {
        return false;
    }
    let spaces = " ".repeat(line.len());
    text.replace_range(start..end, &spaces);
    true
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
