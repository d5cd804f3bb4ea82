//! One expression on its own, outside any notice: what a caseworker types
//! at the REPL (`救助金额 + 100元`, `家庭人口 3人以上`). Same grammar and
//! limits as expressions inside a notice.

use super::error::{Expected, SyntaxError, SyntaxErrorKind};
use super::{PolParser, Rule};
use crate::ast::Expr;
use crate::source::Span;
use pest::Parser as _;

/// Longest expression accepted, in bytes: a line typed or pasted at a
/// prompt, not a file.
pub const MAX_SNIPPET_BYTES: usize = 16 * 1024;

/// Parses `text` as one expression. Spans are offsets into `text`.
pub fn parse_expr(text: &str) -> Result<Expr, SyntaxError> {
    if text.len() > MAX_SNIPPET_BYTES {
        return Err(SyntaxError::too_large(text.len()));
    }
    if text.trim().is_empty() {
        return Err(SyntaxError::empty(text));
    }
    super::check_nesting(text)?;
    let mut pairs =
        PolParser::parse(Rule::expr, text).map_err(|e| SyntaxError::from_pest(e, text))?;
    super::limits::check_depth(pairs.clone(), text)?;
    let Some(pair) = pairs.next() else {
        return Err(SyntaxError::empty(text));
    };
    let end = pair.as_span().end();
    // pest stops at the first thing that cannot continue the expression;
    // whatever follows (after blanks) is what the user must fix.
    let rest = text.get(end..).unwrap_or("");
    let skipped = rest.len() - rest.trim_start().len();
    if !rest.trim().is_empty() {
        let start = end + skipped;
        let found: String = text
            .get(start..)
            .unwrap_or("")
            .chars()
            .take_while(|c| !c.is_whitespace())
            .take(12)
            .collect();
        let len = found.chars().next().map_or(0, char::len_utf8);
        return Err(SyntaxError {
            kind: SyntaxErrorKind::Unexpected {
                expected: vec![Expected::Operator, Expected::ComparisonWord],
                found,
            },
            span: Span::new(start, start + len),
            clause: None,
        });
    }
    super::expr::expr(pair, text)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;
    use crate::ast::ExprKind;

    #[test]
    fn reads_a_comparison() {
        let e = parse_expr("家庭人口 3人以上").unwrap();
        assert!(matches!(e.kind, ExprKind::Compare { .. }));
    }

    #[test]
    fn trailing_text_is_an_error_at_its_place() {
        let e = parse_expr("救助金额 救助金额").unwrap_err();
        assert_eq!(e.span.start, "救助金额 ".len());
    }

    #[test]
    fn empty_and_unbalanced_are_errors() {
        assert!(parse_expr("  ").is_err());
        assert!(parse_expr("(1 + ").is_err());
        assert!(parse_expr(&"(".repeat(100)).is_err());
    }
}
