//! Syntax errors as data: what the parser expected (in the drafter's terms
//! rather than grammar rule names), what it found, and the clause it was
//! in. Their words are in [`super::words`]; their codes in
//! [`crate::codes::syntax`].

use super::Rule;
use super::words;
use crate::clause::ClausePath;
use crate::codes::{self, Code};
use crate::diag::{Bilingual, Diagnostic};
use crate::numeral::parse_numeral;
use crate::source::Span;
use pest::error::{ErrorVariant, InputLocation};

/// What went wrong while reading the text of a notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub kind: SyntaxErrorKind,
    pub span: Span,
    /// The clause the error is in, found by reading the clause marks before it.
    pub clause: Option<ClausePath>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    /// The parser could not go on; `expected` lists what would have fitted.
    Unexpected {
        expected: Vec<Expected>,
        found: String,
    },
    /// A literal that has the right shape but no meaning (2016年2月30日).
    InvalidLiteral {
        what: Literal,
        text: String,
    },
    NumberTooLarge {
        text: String,
    },
    /// A fact's range written without spaces around 至 (`范围 1至20人`),
    /// which reads as one word; `suggestion` is the range as it must be
    /// written, both bounds in the fact's unit (`范围 1人 至 20人`).
    GluedRange {
        written: String,
        suggestion: String,
    },
    /// A clause mark after other text on its line (`参见 第一条 第二条`):
    /// read as a mark it would open a phantom clause.
    MarkMidLine {
        mark: String,
    },
    TooDeep,
    /// A name longer than [`super::MAX_NAME_CHARS`].
    NameTooLong {
        chars: usize,
    },
    TooLarge {
        bytes: usize,
    },
    Empty,
}

/// What would have fitted where the parser stopped, as a drafter names it.
/// Several grammar rules map to one expectation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// A number, name, date or condition.
    Expression,
    Name,
    QuotedText,
    Date,
    Citation,
    TypeOrUnit,
    ComparisonWord,
    Operator,
    /// The keywords 则, 否则, 至, 若, 优先于, 自 (a parameter's start).
    Then,
    Else,
    To,
    If,
    Over,
    From,
    Colon,
    Equals,
    ClauseMark,
    EndOfFile,
    /// A statement of a clause (原文, 事实, 参数 …).
    ClauseContent,
    /// A header line (文号, 标题 …).
    Header,
    /// 共 N 人 after a roster's name.
    RosterCount,
    /// 可缺省.
    Optional,
}

/// What kind of literal failed to mean anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Literal {
    Expression,
    Condition,
    Comparison,
    Set,
    Number,
    /// A Chinese numeral not built as notices write one (十十, 一百五).
    Numeral,
    Count,
    Date,
    Citation,
    ClauseMark,
    Statement,
    Procedure,
    Type,
}

impl SyntaxError {
    pub(crate) fn from_pest(err: pest::error::Error<Rule>, text: &str) -> Self {
        let offset = match err.location {
            InputLocation::Pos(p) => p,
            InputLocation::Span((s, _)) => s,
        };
        // pest stops inside a bracket (（二） read as an expression); point at
        // the bracket, which is what the drafter wrote.
        let offset = match text.get(..offset).and_then(|b| b.chars().next_back()) {
            Some(c @ ('（' | '(')) => offset - c.len_utf8(),
            _ => offset,
        };
        let found = found_at(text, offset);
        let end = offset + found.chars().next().map_or(0, char::len_utf8);
        // pest's own guards ("stack limit reached", "call limit reached"):
        // the text nests deeper than any notice does.
        if let ErrorVariant::CustomError { message } = &err.variant
            && message.contains("limit reached")
        {
            return SyntaxError {
                kind: SyntaxErrorKind::TooDeep,
                span: Span::new(offset, end),
                clause: clause_at(text, offset),
            };
        }
        if let Some((span, written, suggestion)) = glued_range(text, offset) {
            return SyntaxError {
                kind: SyntaxErrorKind::GluedRange {
                    written,
                    suggestion,
                },
                span,
                clause: clause_at(text, span.start),
            };
        }
        let expected = match &err.variant {
            ErrorVariant::ParsingError { positives, .. } => describe(positives),
            ErrorVariant::CustomError { .. } => Vec::new(),
        };
        SyntaxError {
            kind: SyntaxErrorKind::Unexpected { expected, found },
            span: Span::new(offset, end),
            clause: clause_at(text, offset),
        }
    }

    pub(crate) fn invalid_literal(span: Span, text: &str, what: Literal) -> Self {
        let literal = text.get(span.start..span.end).unwrap_or("").to_string();
        SyntaxError {
            kind: SyntaxErrorKind::InvalidLiteral {
                what,
                text: literal,
            },
            span,
            clause: clause_at(text, span.start),
        }
    }

    pub(crate) fn mark_mid_line(span: Span, text: &str) -> Self {
        SyntaxError {
            kind: SyntaxErrorKind::MarkMidLine {
                mark: text.get(span.start..span.end).unwrap_or("").to_string(),
            },
            span,
            clause: clause_at(text, span.start),
        }
    }

    pub(crate) fn number_too_large(span: Span, text: &str) -> Self {
        let literal = text.get(span.start..span.end).unwrap_or("").to_string();
        SyntaxError {
            kind: SyntaxErrorKind::NumberTooLarge { text: literal },
            span,
            clause: clause_at(text, span.start),
        }
    }

    pub(crate) fn too_deep(span: Span, text: &str) -> Self {
        SyntaxError {
            kind: SyntaxErrorKind::TooDeep,
            span,
            clause: clause_at(text, span.start),
        }
    }

    pub(crate) fn name_too_long(span: Span, text: &str) -> Self {
        let chars = text.get(span.start..span.end).unwrap_or("").chars().count();
        SyntaxError {
            kind: SyntaxErrorKind::NameTooLong { chars },
            span,
            clause: clause_at(text, span.start),
        }
    }

    pub(crate) fn too_large(bytes: usize) -> Self {
        SyntaxError {
            kind: SyntaxErrorKind::TooLarge { bytes },
            span: Span::new(0, 0),
            clause: None,
        }
    }

    pub(crate) fn empty(text: &str) -> Self {
        SyntaxError {
            kind: SyntaxErrorKind::Empty,
            span: Span::new(0, text.len().min(1)),
            clause: None,
        }
    }
}

/// The text at the error, up to the end of the word, for "found …".
fn found_at(text: &str, offset: usize) -> String {
    let rest = text.get(offset..).unwrap_or("");
    let word: String = rest
        .chars()
        .take_while(|c| !c.is_whitespace())
        .take(12)
        .collect();
    if word.is_empty() {
        if rest.is_empty() {
            String::new()
        } else {
            rest.chars().take(1).collect()
        }
    } else {
        word
    }
}

/// Maps the grammar's expectations to what a drafter knows. Several rules
/// map to one phrase; duplicates are dropped, order is kept.
fn describe(positives: &[Rule]) -> Vec<Expected> {
    let mut out: Vec<Expected> = Vec::new();
    for rule in positives {
        let phrase = match rule {
            Rule::expr
            | Rule::disjunct
            | Rule::conjunct
            | Rule::comparison
            | Rule::sum
            | Rule::product
            | Rule::unary
            | Rule::quantity
            | Rule::number
            | Rule::call
            | Rule::conditional
            | Rule::boolean => Expected::Expression,
            Rule::ident => Expected::Name,
            Rule::string | Rule::str_ascii | Rule::str_curly | Rule::str_corner => {
                Expected::QuotedText
            }
            Rule::date | Rule::iso_date | Rule::cn_date => Expected::Date,
            Rule::citation => Expected::Citation,
            Rule::type_expr | Rule::unit_expr | Rule::unit | Rule::enum_type => {
                Expected::TypeOrUnit
            }
            Rule::cmp_infix | Rule::cmp_postfix | Rule::cmp_word | Rule::cmp_symbol => {
                Expected::ComparisonWord
            }
            Rule::op_or | Rule::op_and | Rule::op_add | Rule::op_mul => Expected::Operator,
            Rule::kw_then => Expected::Then,
            Rule::colon => Expected::Colon,
            Rule::assign => Expected::Equals,
            Rule::kw_else => Expected::Else,
            Rule::kw_to => Expected::To,
            Rule::kw_if => Expected::If,
            Rule::kw_over => Expected::Over,
            Rule::kw_from => Expected::From,
            Rule::chapter_mark
            | Rule::article_mark
            | Rule::section_mark
            | Rule::paragraph_mark
            | Rule::item_mark
            | Rule::subitem_mark => Expected::ClauseMark,
            Rule::EOI => Expected::EndOfFile,
            Rule::text_stmt
            | Rule::not_computable
            | Rule::fact_decl
            | Rule::param_decl
            | Rule::output_decl
            | Rule::rule_decl
            | Rule::roster_decl
            | Rule::effective
            | Rule::expires
            | Rule::case_date
            | Rule::see
            | Rule::case_stmt => Expected::ClauseContent,
            Rule::doc_number | Rule::doc_title | Rule::issuer | Rule::issued | Rule::basis => {
                Expected::Header
            }
            Rule::roster_count => Expected::RosterCount,
            Rule::optional => Expected::Optional,
            _ => continue,
        };
        if !out.contains(&phrase) {
            out.push(phrase);
        }
    }
    out
}

/// The clause an offset lies in, read from the clause marks at the start of
/// the lines before it. Used when the parse failed, so there is no tree.
pub fn clause_at(text: &str, offset: usize) -> Option<ClausePath> {
    let before = text.get(..offset.min(text.len()))?;
    let mut path: Option<ClausePath> = None;
    // Articles after 附件N belong to that annex's own document.
    let mut annex = 0;
    for line in before.lines() {
        let line = line.trim_start_matches([' ', '\t', '\u{3000}']);
        // A chapter (第一章) is no clause: text after its heading and before
        // its first article is in none.
        if mark_number(line, "第", "章").is_some() {
            path = None;
        } else if let Some(n) = mark_number(line, "第", "条") {
            path = Some(ClausePath::article(n).in_annex(annex));
        } else if let Some(n) = section_number(line) {
            path = Some(ClausePath::section(n).in_annex(annex));
        } else if let Some(n) = line.strip_prefix("附件").and_then(|rest| {
            let digits: String = rest
                .chars()
                .take_while(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(*c))
                .collect();
            parse_numeral(&digits)
        }) {
            annex = n;
            path = Some(ClausePath::annex(n));
        } else if line.starts_with("导语") {
            path = Some(ClausePath::preamble());
        } else if line.starts_with("结语") {
            path = Some(ClausePath::closing());
        } else if let Some(p) = path.as_mut() {
            if let Some(n) = mark_number(line, "第", "款") {
                *p = ClausePath {
                    paragraph: Some(n),
                    ..p.article_only()
                };
            } else if let Some(n) = paren_number(line) {
                p.item = Some(n);
                p.subitem = None;
            } else if let Some(n) = subitem_number(line) {
                p.subitem = Some(n);
            }
        }
    }
    path
}

fn mark_number(line: &str, open: &str, close: &str) -> Option<u32> {
    let rest = line.strip_prefix(open)?;
    let end = rest.find(close)?;
    parse_numeral(rest.get(..end)?)
}

fn section_number(line: &str) -> Option<u32> {
    let end = line.find('、')?;
    let head = line.get(..end)?;
    if head
        .chars()
        .all(|c| "零〇一二两三四五六七八九十百".contains(c))
    {
        parse_numeral(head)
    } else {
        None
    }
}

fn paren_number(line: &str) -> Option<u32> {
    let rest = line.strip_prefix('（').or_else(|| line.strip_prefix('('))?;
    let end = rest.find(['）', ')'])?;
    parse_numeral(rest.get(..end)?)
}

fn subitem_number(line: &str) -> Option<u32> {
    let digits: String = line.chars().take_while(char::is_ascii_digit).collect();
    let after = line.get(digits.len()..)?;
    if !digits.is_empty() && (after.starts_with('、') || after.starts_with(". ")) {
        digits.parse().ok()
    } else {
        None
    }
}

impl SyntaxError {
    pub fn code(&self) -> &'static Code {
        use SyntaxErrorKind::*;
        match &self.kind {
            Unexpected { .. } | GluedRange { .. } | MarkMidLine { .. } | Empty => {
                &codes::syntax::UNEXPECTED
            }
            InvalidLiteral { .. } => &codes::syntax::INVALID_LITERAL,
            NumberTooLarge { .. } | TooDeep | NameTooLong { .. } | TooLarge { .. } => {
                &codes::syntax::LIMIT
            }
        }
    }

    pub fn to_diagnostic(&self) -> Diagnostic {
        Diagnostic {
            code: self.code(),
            message: Bilingual::from_fn(|lang| words::message(&self.kind, lang)),
            help: Some(Bilingual::from_fn(|lang| words::help(&self.kind, lang))),
            span: Some(self.span),
            clause: self.clause,
        }
    }
}

/// `范围 1至20人` on the line where parsing stopped or the line before (the
/// parser notices only at the next statement): the glued bounds' span, the
/// text as written, and the range as it must be written. A bound without a
/// unit gets the other bound's unit, else the fact's declared one, so the
/// suggestion names the unit to add.
fn glued_range(text: &str, offset: usize) -> Option<(Span, String, String)> {
    let line_start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let previous_start = text
        .get(..line_start.checked_sub(1)?)
        .map_or(0, |before| before.rfind('\n').map_or(0, |i| i + 1));
    [line_start, previous_start].into_iter().find_map(|start| {
        let line = text.get(start..)?.split('\n').next()?;
        let at = line.find("范围")?;
        let after = line.get(at + "范围".len()..)?;
        let token_at = at + "范围".len() + (after.len() - after.trim_start().len());
        let token = line.get(token_at..)?.split_whitespace().next()?;
        let (low, high) = token.split_once('至')?;
        if low.is_empty() || high.is_empty() {
            return None;
        }
        let declared = line
            .split([':', '：'])
            .nth(1)
            .and_then(|ty| ty.split_whitespace().next())
            .unwrap_or("");
        let unit_of = |bound: &str| -> String {
            bound
                .trim_start_matches(|c: char| {
                    c.is_ascii_digit() || "．.-零〇一二两三四五六七八九十百千万亿".contains(c)
                })
                .to_string()
        };
        let unit = [unit_of(high), unit_of(low), declared.to_string()]
            .into_iter()
            .find(|u| !u.is_empty() && crate::units::UNIT_NAMES.contains(&u.as_str()))
            .unwrap_or_default();
        let with_unit = |bound: &str| {
            if unit_of(bound).is_empty() {
                format!("{bound}{unit}")
            } else {
                bound.to_string()
            }
        };
        let span = Span::new(start + token_at, start + token_at + token.len());
        Some((
            span,
            format!("范围 {token}"),
            format!("范围 {} 至 {}", with_unit(low), with_unit(high)),
        ))
    })
}
