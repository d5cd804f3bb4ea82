//! pest pairs to [`crate::ast`]: the notice, its header and clauses, and the
//! literals every statement uses (names, texts, dates, citations, types,
//! units); the statements themselves are [`super::stmt`], expressions
//! [`super::expr`]. The grammar has already accepted the text; what can
//! still fail here is the meaning of literals (a 2月30日, a number too large
//! for a decimal).

use super::Rule;
use super::error::{Literal, SyntaxError};
use crate::ast::*;
use crate::numeral::parse_numeral;
use crate::source::Span;
use crate::units::UnitExpr;
use chrono::NaiveDate;
use pest::iterators::{Pair, Pairs};

type Result<T> = std::result::Result<T, SyntaxError>;

/// The pair's span without trailing whitespace and comments, which pest
/// may include when a repetition tried to continue past them.
pub(super) fn span(pair: &Pair<Rule>) -> Span {
    let start = pair.as_span().start();
    let text = pair.as_str();
    let trimmed = text.trim_end_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    Span::new(start, start + trimmed.len())
}

/// Inner pairs without the keyword tokens, which carry no meaning once parsed.
pub(super) fn meaningful(pair: Pair<Rule>) -> impl Iterator<Item = Pair<Rule>> {
    pair.into_inner().filter(|p| !is_keyword(p.as_rule()))
}

fn is_keyword(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::colon
            | Rule::assign
            | Rule::kw_ack
            | Rule::kw_procedure
            | Rule::kw_phase
            | Rule::kw_reading
            | Rule::kw_adopt
            | Rule::kw_alternative
            | Rule::kw_confirmed
            | Rule::kw_steps
            | Rule::kw_total
            | Rule::kw_basis
            | Rule::kw_bool
            | Rule::kw_cap
            | Rule::kw_case_date
            | Rule::kw_count
            | Rule::kw_date
            | Rule::kw_decimal
            | Rule::kw_default
            | Rule::kw_doc_number
            | Rule::kw_effective
            | Rule::kw_else
            | Rule::kw_enum
            | Rule::kw_expires
            | Rule::kw_fact
            | Rule::kw_false
            | Rule::kw_first
            | Rule::kw_floor
            | Rule::kw_from
            | Rule::kw_hit
            | Rule::kw_if
            | Rule::kw_in
            | Rule::kw_inputs
            | Rule::kw_int
            | Rule::kw_issued
            | Rule::kw_issuer
            | Rule::kw_largest
            | Rule::kw_not_computable
            | Rule::kw_onward
            | Rule::kw_optional
            | Rule::kw_output
            | Rule::kw_over
            | Rule::kw_param
            | Rule::kw_range
            | Rule::kw_roster
            | Rule::kw_rule
            | Rule::kw_see
            | Rule::kw_smallest
            | Rule::kw_string
            | Rule::kw_table
            | Rule::kw_text
            | Rule::kw_then
            | Rule::kw_title
            | Rule::kw_to
            | Rule::kw_typical
            | Rule::kw_true
            | Rule::kw_unique
    )
}

pub fn notice(mut pairs: Pairs<Rule>, text: &str) -> Result<Notice> {
    let Some(root) = pairs.next() else {
        return Err(SyntaxError::empty(text));
    };
    let mut header = Header::default();
    let mut clauses = Vec::new();
    for pair in root.into_inner() {
        match pair.as_rule() {
            Rule::header => header = lower_header(pair, text)?,
            Rule::clause_list => {
                for c in pair.into_inner() {
                    clauses.push(clause(c, text)?);
                }
            }
            _ => {}
        }
    }
    super::layout::settle_all(&mut clauses, text);
    Ok(Notice { header, clauses })
}

fn lower_header(pair: Pair<Rule>, text: &str) -> Result<Header> {
    let mut header = Header::default();
    for item in pair.into_inner() {
        let rule = item.as_rule();
        let mut parts = meaningful(item);
        match rule {
            Rule::doc_number => header.doc_number = parts.next().map(string),
            Rule::doc_title => header.title = parts.next().map(string),
            Rule::issuer => header.issuer = parts.next().map(string),
            Rule::issued => {
                if let Some(d) = parts.next() {
                    header.issued = Some(date(d, text)?);
                }
            }
            Rule::basis => header.basis.extend(parts.map(string)),
            _ => {}
        }
    }
    Ok(header)
}

fn clause(pair: Pair<Rule>, text: &str) -> Result<Clause> {
    let level = match pair.as_rule() {
        Rule::chapter => Level::Chapter,
        Rule::article => Level::Article,
        Rule::section => Level::Section,
        Rule::annex => Level::Annex,
        Rule::preamble => Level::Preamble,
        Rule::closing => Level::Closing,
        Rule::paragraph => Level::Paragraph,
        Rule::item => Level::Item,
        _ => Level::Subitem,
    };
    let whole = span(&pair);
    let mut inner = pair.into_inner();
    let Some(mark) = inner.next() else {
        return Err(SyntaxError::invalid_literal(
            whole,
            text,
            Literal::ClauseMark,
        ));
    };
    let mark_span = span(&mark);
    let line_start = text
        .get(..mark_span.start)
        .and_then(|b| b.rfind('\n'))
        .map_or(0, |i| i + 1);
    let before_mark = text.get(line_start..mark_span.start).unwrap_or("");
    if !before_mark.trim().is_empty() {
        return Err(SyntaxError::mark_mid_line(mark_span, text));
    }
    let mark_text = mark.as_str().to_string();
    let is_preamble = matches!(level, Level::Preamble | Level::Closing);
    let number = mark
        .into_inner()
        .find(|p| matches!(p.as_rule(), Rule::numeral | Rule::cn_numeral | Rule::digits))
        .and_then(|p| parse_numeral(p.as_str()))
        .or(is_preamble.then_some(0))
        .ok_or_else(|| SyntaxError::invalid_literal(mark_span, text, Literal::ClauseMark))?;
    let mut clause = Clause {
        level,
        number,
        mark: mark_text,
        mark_span,
        title: None,
        stmts: Vec::new(),
        children: Vec::new(),
        span: whole,
    };
    for part in inner {
        match part.as_rule() {
            Rule::string => clause.title = Some(string(part).node),
            Rule::chapter
            | Rule::article
            | Rule::section
            | Rule::paragraph
            | Rule::item
            | Rule::subitem => clause.children.push(self::clause(part, text)?),
            _ => clause.stmts.push(super::stmt::stmt(part, text)?),
        }
    }
    Ok(clause)
}

pub(super) fn string(pair: Pair<Rule>) -> Spanned<String> {
    let s = span(&pair);
    let body = pair
        .into_inner()
        .next()
        .map(|p| unix_line_ends(p.as_str()))
        .unwrap_or_default();
    Spanned::new(body, s)
}

/// A text that runs over several lines means the same whatever line ends
/// the file was saved with (CRLF, a lone CR): `polc fmt` writes `\n`, and
/// must not change what the text says (found by fuzzing fmt_roundtrip).
fn unix_line_ends(text: &str) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    }
}

pub(super) fn ident(pair: Pair<Rule>) -> Spanned<String> {
    Spanned::new(pair.as_str().to_string(), span(&pair))
}

pub(super) fn date(pair: Pair<Rule>, text: &str) -> Result<Spanned<NaiveDate>> {
    let s = span(&pair);
    let numbers: Vec<u32> = crate::numeral::halfwidth(pair.as_str())
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.parse().ok())
        .collect();
    let literal = pair.as_str();
    let bad = || SyntaxError::invalid_literal(s, text, Literal::Date);
    let (y, m, d) = match numbers.as_slice() {
        [y, m, d] => (*y, *m, *d),
        [y, m] => {
            let last =
                crate::calendar::last_day_of_month(i32::try_from(*y).map_err(|_| bad())?, *m)
                    .ok_or_else(bad)?;
            let day = if literal.ends_with("上旬") {
                10
            } else if literal.ends_with("中旬") {
                20
            } else {
                last
            };
            (*y, *m, day)
        }
        [y] => (*y, 12, 31),
        _ => return Err(bad()),
    };
    let year = i32::try_from(y).map_err(|_| bad())?;
    NaiveDate::from_ymd_opt(year, m, d)
        .map(|d| Spanned::new(d, s))
        .ok_or_else(|| SyntaxError::invalid_literal(s, text, Literal::Date))
}

pub(super) fn see_target(pair: Pair<Rule>, text: &str) -> Result<SeeTarget> {
    let whole = span(&pair);
    let mut target = SeeTarget {
        notice: None,
        clause: None,
        span: whole,
    };
    for part in meaningful(pair) {
        match part.as_rule() {
            Rule::string => target.notice = Some(string(part)),
            _ => target.clause = Some(citation(part, text)?),
        }
    }
    Ok(target)
}

pub fn citation(pair: Pair<Rule>, text: &str) -> Result<Citation> {
    let s = span(&pair);
    let bad = || SyntaxError::invalid_literal(s, text, Literal::Citation);
    let literal = pair.as_str();
    let kind = if literal.starts_with('第') || literal.starts_with("article") {
        crate::clause::TopKind::Article
    } else if literal.starts_with("附件") || literal.starts_with("annex") {
        crate::clause::TopKind::Annex
    } else if literal.starts_with("导语") || literal.starts_with("preamble") {
        crate::clause::TopKind::Preamble
    } else if literal.starts_with("结语") || literal.starts_with("closing") {
        crate::clause::TopKind::Closing
    } else {
        crate::clause::TopKind::Section
    };
    let number_of = |p: Pair<Rule>| -> Option<u32> {
        p.into_inner()
            .find(|n| matches!(n.as_rule(), Rule::numeral | Rule::digits))
            .and_then(|n| parse_numeral(n.as_str()))
    };
    let mut cite = Citation {
        annex: 0,
        top: 0,
        kind,
        paragraph: None,
        item: None,
        subitem: None,
        span: s,
    };
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::numeral | Rule::cn_numeral => {
                cite.top = parse_numeral(part.as_str()).ok_or_else(bad)?
            }
            Rule::cite_annex => cite.top = number_of(part).ok_or_else(bad)?,
            // 附件1第七条, 附件1一、: the annex's own article or section.
            Rule::cite_article | Rule::cite_section => {
                cite.kind = if part.as_rule() == Rule::cite_article {
                    crate::clause::TopKind::Article
                } else {
                    crate::clause::TopKind::Section
                };
                cite.annex = cite.top;
                let n = part
                    .clone()
                    .into_inner()
                    .find(|n| matches!(n.as_rule(), Rule::numeral | Rule::cn_numeral))
                    .and_then(|n| parse_numeral(n.as_str()))
                    .or_else(|| parse_numeral(part.as_str().trim_end_matches('、')));
                cite.top = n.ok_or_else(bad)?;
            }
            Rule::cite_paragraph => cite.paragraph = Some(number_of(part).ok_or_else(bad)?),
            Rule::cite_item => cite.item = Some(number_of(part).ok_or_else(bad)?),
            Rule::cite_subitem => cite.subitem = Some(number_of(part).ok_or_else(bad)?),
            _ => {}
        }
    }
    Ok(cite)
}

pub(super) fn type_expr(pair: Pair<Rule>, text: &str) -> Result<TypeExpr> {
    let s = span(&pair);
    let Some(inner) = pair.into_inner().next() else {
        return Err(SyntaxError::invalid_literal(s, text, Literal::Type));
    };
    let kind = match inner.as_rule() {
        Rule::kw_bool => TypeExprKind::Bool,
        Rule::kw_int => TypeExprKind::Int,
        Rule::kw_decimal => TypeExprKind::Decimal,
        Rule::kw_date => TypeExprKind::Date,
        Rule::kw_string => TypeExprKind::Text,
        Rule::enum_type => TypeExprKind::Enum(meaningful(inner).map(ident).collect()),
        _ => TypeExprKind::Unit(unit_expr(inner)),
    };
    Ok(TypeExpr { kind, span: s })
}

pub(super) fn unit_expr(pair: Pair<Rule>) -> UnitExpr {
    UnitExpr {
        parts: pair
            .into_inner()
            .map(|u| crate::numeral::halfwidth(u.as_str()).into_owned())
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    /// `is_keyword` lists the keyword rules by hand (no allocation per
    /// token); it must list every `kw_` rule of the grammar.
    #[test]
    fn every_keyword_rule_is_skipped_in_lowering() {
        let grammar = include_str!("../../grammar/pol.pest");
        let source = include_str!("lower.rs");
        let listed = source
            .split("fn is_keyword")
            .nth(1)
            .unwrap_or("")
            .split("\n}")
            .next()
            .unwrap_or("");
        for line in grammar.lines() {
            if let Some(name) = line
                .split_whitespace()
                .next()
                .filter(|n| n.starts_with("kw_"))
            {
                assert!(
                    listed.contains(&format!("Rule::{name}")),
                    "{name} missing from is_keyword"
                );
            }
        }
    }
}
