//! Statements: one lowering function per statement rule of the grammar
//! (`fact_decl`, `case_stmt`, `table_decl`, …), each taking the rule's
//! meaningful parts in the order the grammar writes them.
//!
//! Take `原则上 予以救助 = 否 若 不予救助情形 优先于 第六条` (a `case_stmt`):
//! its parts, keywords dropped, are `default_mark`, the name `予以救助`, the
//! value `否`, a `condition` and an `overrides`; [`case_stmt`] takes the
//! mark, the name and the value in turn, then reads the optional parts by
//! their rule.

use super::Rule;
use super::error::{Literal, SyntaxError};
use super::expr::{expr, infix_op, postfix_op, set_expr};
use super::lower::{citation, date, ident, meaningful, see_target, span, string, type_expr};
use crate::ast::*;
use crate::source::Span;
use pest::iterators::Pair;
use std::collections::VecDeque;

type Result<T> = std::result::Result<T, SyntaxError>;

/// One statement's meaningful parts, taken in order.
struct Parts<'i, 't> {
    parts: VecDeque<Pair<'i, Rule>>,
    whole: Span,
    text: &'t str,
}

impl<'i> Parts<'i, '_> {
    /// A part the grammar guarantees; its absence is an error. The error is
    /// built only when needed: it names the clause by reading the text up
    /// to here, and building it for every optional part made parsing
    /// quadratic in the size of the file (found by fuzzing parse_bytes).
    fn next(&mut self) -> Result<Pair<'i, Rule>> {
        self.parts
            .pop_front()
            .ok_or_else(|| SyntaxError::invalid_literal(self.whole, self.text, Literal::Statement))
    }

    /// The next part, if the statement has one more.
    fn optional(&mut self) -> Option<Pair<'i, Rule>> {
        self.parts.pop_front()
    }

    fn ident(&mut self) -> Result<Spanned<String>> {
        self.next().map(ident)
    }

    fn date(&mut self) -> Result<Spanned<chrono::NaiveDate>> {
        let pair = self.next()?;
        date(pair, self.text)
    }

    fn type_expr(&mut self) -> Result<TypeExpr> {
        let pair = self.next()?;
        type_expr(pair, self.text)
    }

    fn expr(&mut self) -> Result<Expr> {
        let pair = self.next()?;
        expr(pair, self.text)
    }
}

/// The condition of a `若 …` part.
fn condition(pair: Pair<Rule>, text: &str) -> Result<Option<Expr>> {
    meaningful(pair).next().map(|c| expr(c, text)).transpose()
}

pub(super) fn stmt(pair: Pair<Rule>, text: &str) -> Result<Stmt> {
    let rule = pair.as_rule();
    let whole = span(&pair);
    let mut p = Parts {
        parts: meaningful(pair).collect(),
        whole,
        text,
    };
    match rule {
        Rule::text_stmt => Ok(Stmt::Text(string(p.next()?))),
        Rule::not_computable => Ok(Stmt::NotComputable(string(p.next()?))),
        Rule::phase_decl => phase_decl(p),
        Rule::reading_decl => reading_decl(p),
        Rule::procedure_decl => procedure_decl(p),
        Rule::ack_stmt => ack_stmt(p),
        Rule::see => see(p),
        Rule::fact_decl => fact_decl(p),
        Rule::param_decl => param_decl(p),
        Rule::output_decl => derived_decl(p).map(Stmt::Output),
        Rule::rule_decl => derived_decl(p).map(Stmt::Rule),
        Rule::case_stmt => case_stmt(p),
        Rule::roster_decl => roster_decl(p),
        Rule::bound_stmt => bound_stmt(p),
        Rule::table_decl => table_decl(p),
        Rule::effective => Ok(Stmt::Effective(p.date()?)),
        Rule::expires => Ok(Stmt::Expires(p.date()?)),
        Rule::case_date => Ok(Stmt::CaseDate(p.ident()?)),
        _ => Err(SyntaxError::invalid_literal(
            whole,
            text,
            Literal::Statement,
        )),
    }
}

/// `阶段 名称 自 DATE 至 DATE`
fn phase_decl(mut p: Parts) -> Result<Stmt> {
    Ok(Stmt::Phase(Phase {
        name: p.ident()?,
        from: p.date()?,
        to: p.date()?,
        span: p.whole,
    }))
}

/// `读法 名称: "问题" 采用 甲 "含义" 备选 乙 … [已确认 "机关" "文号"]`
fn reading_decl(mut p: Parts) -> Result<Stmt> {
    let name = p.ident()?;
    let question = string(p.next()?);
    let mut choices = Vec::new();
    let mut confirmed = None;
    while let Some(part) = p.optional() {
        let rule = part.as_rule();
        let mut inner = meaningful(part);
        match rule {
            Rule::reading_adopt | Rule::reading_alt => {
                let Some(choice) = inner.next() else { continue };
                choices.push(ReadingChoice {
                    name: ident(choice),
                    adopted: rule == Rule::reading_adopt,
                    meaning: inner.next().map(string),
                });
            }
            Rule::reading_confirmed => {
                if let (Some(by), Some(document)) = (inner.next(), inner.next()) {
                    confirmed = Some(Confirmation {
                        by: string(by),
                        document: string(document),
                    });
                }
            }
            _ => {}
        }
    }
    Ok(Stmt::Reading(Reading {
        name,
        question,
        choices,
        confirmed,
        span: p.whole,
    }))
}

/// `程序 名称 各环节 a、b、c 总时限 t`: the names after the procedure's
/// come as one list, whose last is the total.
fn procedure_decl(mut p: Parts) -> Result<Stmt> {
    let name = p.ident()?;
    let mut steps = Vec::new();
    while let Some(step) = p.optional() {
        steps.push(ident(step));
    }
    let total = steps
        .pop()
        .ok_or_else(|| SyntaxError::invalid_literal(p.whole, p.text, Literal::Procedure))?;
    Ok(Stmt::Procedure(Procedure {
        name,
        steps,
        total,
        span: p.whole,
    }))
}

/// `确认 CODE "理由"`
fn ack_stmt(mut p: Parts) -> Result<Stmt> {
    let code = p.next()?;
    let reason = string(p.next()?);
    Ok(Stmt::Acknowledge(Acknowledgement {
        code: Spanned::new(code.as_str().to_string(), span(&code)),
        reason,
    }))
}

/// `参见 第六条、"文号" 附件1第七条 …`
fn see(mut p: Parts) -> Result<Stmt> {
    let mut targets: Vec<SeeTarget> = Vec::new();
    while let Some(pair) = p.optional() {
        let mut target = see_target(pair, p.text)?;
        // 参见 "11号" 第七条、第八条: as in prose, the notice named first
        // carries over to the bare citations after it.
        if target.notice.is_none() {
            target.notice = targets.last().and_then(|t| t.notice.clone());
        }
        targets.push(target);
    }
    Ok(Stmt::See(targets))
}

/// `事实 名称：类型 [范围 下界 至 上界 | 范围 界 以上/以下] [通常 下界 至 上界]`
fn fact_decl(mut p: Parts) -> Result<Stmt> {
    let name = p.ident()?;
    let ty = p.type_expr()?;
    let range = match p.optional() {
        Some(range) => Some(fact_range(range, p.text)?),
        None => None,
    };
    Ok(Stmt::Fact(FactDecl { name, ty, range }))
}

fn fact_range(pair: Pair<Rule>, text: &str) -> Result<FactRange> {
    let mut range = FactRange {
        low: None,
        high: None,
        typical: None,
    };
    for part in meaningful(pair) {
        let rule = part.as_rule();
        let mut inner = meaningful(part);
        match rule {
            Rule::range_span => {
                if let (Some(lo), Some(hi)) = (inner.next(), inner.next()) {
                    range.low = Some(expr(lo, text)?);
                    range.high = Some(expr(hi, text)?);
                }
            }
            Rule::range_open => {
                if let (Some(bound), Some(end)) = (inner.next(), inner.next()) {
                    let bound = expr(bound, text)?;
                    // 以上 and 以下 include the number (民法典 第一千二百五十九条).
                    if end.as_str().starts_with("以上") {
                        range.low = Some(bound);
                    } else {
                        range.high = Some(bound);
                    }
                }
            }
            Rule::typical_range => {
                if let (Some(lo), Some(hi)) = (inner.next(), inner.next()) {
                    range.typical = Some((expr(lo, text)?, expr(hi, text)?));
                }
            }
            _ => {}
        }
    }
    Ok(range)
}

/// `参数 名称：类型 自 DATE 起 值 …`: one or more dated values.
fn param_decl(mut p: Parts) -> Result<Stmt> {
    let name = p.ident()?;
    let ty = p.type_expr()?;
    let mut values = Vec::new();
    while let Some(dated) = p.optional() {
        let mut inner = meaningful(dated);
        if let (Some(d), Some(v)) = (inner.next(), inner.next()) {
            values.push((date(d, p.text)?, expr(v, p.text)?));
        }
    }
    Ok(Stmt::Param(ParamDecl { name, ty, values }))
}

/// `输出 名称：类型` or `规则 名称：类型 [可缺省] [= 值 [若 条件]]`.
fn derived_decl(mut p: Parts) -> Result<DerivedDecl> {
    let mut decl = DerivedDecl {
        name: p.ident()?,
        ty: p.type_expr()?,
        optional: false,
        inline: None,
    };
    while let Some(part) = p.optional() {
        match part.as_rule() {
            Rule::optional => decl.optional = true,
            Rule::expr => decl.inline = Some((expr(part, p.text)?, None)),
            Rule::condition => {
                let cond = condition(part, p.text)?;
                if let Some((_, slot)) = decl.inline.as_mut() {
                    *slot = cond;
                }
            }
            _ => {}
        }
    }
    Ok(decl)
}

/// `[原则上] 名称 = 值 [若 条件] [优先于 第六条、第七条]`
fn case_stmt(mut p: Parts) -> Result<Stmt> {
    let mut first = p.next()?;
    let is_default = first.as_rule() == Rule::default_mark;
    if is_default {
        first = p.next()?;
    }
    let mut case = Case {
        is_default,
        name: ident(first),
        value: p.expr()?,
        condition: None,
        overrides: Vec::new(),
        span: p.whole,
    };
    while let Some(part) = p.optional() {
        match part.as_rule() {
            Rule::condition => case.condition = condition(part, p.text)?,
            Rule::overrides => {
                for c in meaningful(part) {
                    case.overrides.push(citation(c, p.text)?);
                }
            }
            _ => {}
        }
    }
    Ok(Stmt::Case(case))
}

/// `名单 名称 [共 N 人] { "甲"、"乙" … }`
fn roster_decl(mut p: Parts) -> Result<Stmt> {
    let mut roster = RosterDecl {
        name: p.ident()?,
        declared_count: None,
        members: Vec::new(),
        span: p.whole,
    };
    while let Some(part) = p.optional() {
        match part.as_rule() {
            Rule::roster_count => {
                if let Some(d) =
                    meaningful(part).find(|d| matches!(d.as_rule(), Rule::digits | Rule::cn_number))
                {
                    // 共 2 人 or, as the notice writes it, 共两人.
                    let n = if d.as_rule() == Rule::cn_number {
                        crate::numeral::parse_amount(d.as_str())
                            .ok()
                            .and_then(|n| u32::try_from(n).ok())
                            .ok_or_else(|| {
                                SyntaxError::invalid_literal(span(&d), p.text, Literal::Numeral)
                            })?
                    } else {
                        crate::numeral::halfwidth(d.as_str()).parse().map_err(|_| {
                            SyntaxError::invalid_literal(span(&d), p.text, Literal::Count)
                        })?
                    };
                    roster.declared_count = Some(Spanned::new(n, span(&d)));
                }
            }
            Rule::string => roster.members.push(string(part)),
            _ => {}
        }
    }
    Ok(Stmt::Roster(roster))
}

/// `上限 名称 = 值 [若 条件]` or `下限 …`
fn bound_stmt(mut p: Parts) -> Result<Stmt> {
    let is_cap = p.next()?.as_rule() == Rule::cap_mark;
    let name = p.ident()?;
    let value = p.expr()?;
    let condition = match p.optional() {
        Some(c) => condition(c, p.text)?,
        None => None,
    };
    Ok(Stmt::Bound(Bound {
        is_cap,
        name,
        value,
        condition,
        span: p.whole,
    }))
}

/// `决策表 名称：类型 [命中 唯一|首条|取大|取小] 输入 a、b` and its rows.
fn table_decl(mut p: Parts) -> Result<Stmt> {
    let mut table = TableDecl {
        name: p.ident()?,
        ty: p.type_expr()?,
        hit: HitPolicy::Unique,
        inputs: Vec::new(),
        rows: Vec::new(),
        span: p.whole,
    };
    while let Some(part) = p.optional() {
        match part.as_rule() {
            Rule::hit_policy => {
                for k in part.into_inner() {
                    table.hit = match k.as_rule() {
                        Rule::kw_first => HitPolicy::First,
                        Rule::kw_largest => HitPolicy::Largest,
                        Rule::kw_smallest => HitPolicy::Smallest,
                        _ => table.hit,
                    };
                }
            }
            Rule::expr => table.inputs.push(expr(part, p.text)?),
            Rule::table_row => table.rows.push(table_row(part, p.text)?),
            _ => {}
        }
    }
    Ok(Stmt::Table(table))
}

/// `| 条件格 | … | => 值`
fn table_row(pair: Pair<Rule>, text: &str) -> Result<TableRow> {
    let s = span(&pair);
    let mut cells = Vec::new();
    let mut value = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::table_cell => cells.push(table_cell(part, text)?),
            Rule::expr => value = Some(expr(part, text)?),
            _ => {}
        }
    }
    let value = value.ok_or_else(|| SyntaxError::invalid_literal(s, text, Literal::Expression))?;
    Ok(TableRow {
        cells,
        value,
        span: s,
    })
}

/// A condition cell: `-` (any), a value, `不超过 3人`, `3人以上`, `属于 {…}`.
fn table_cell(pair: Pair<Rule>, text: &str) -> Result<Cell> {
    let s = span(&pair);
    let parts: Vec<Pair<Rule>> = pair.into_inner().collect();
    match parts.as_slice() {
        [one] if one.as_rule() == Rule::any_cell => Ok(Cell::Any(s)),
        [one] => Ok(Cell::Equals(expr(one.clone(), text)?)),
        [word, bound] if word.as_rule() == Rule::cmp_infix => {
            let w = word.as_str().to_string();
            Ok(Cell::Compare {
                op: infix_op(&w),
                word: w,
                bound: expr(bound.clone(), text)?,
            })
        }
        [kw, set] if kw.as_rule() == Rule::kw_in => Ok(Cell::In(set_expr(set.clone(), text)?, s)),
        [bound, word] if word.as_rule() == Rule::cmp_postfix => {
            let w = word.as_str().to_string();
            Ok(Cell::Compare {
                op: postfix_op(&w),
                word: w,
                bound: expr(bound.clone(), text)?,
            })
        }
        _ => Err(SyntaxError::invalid_literal(s, text, Literal::Expression)),
    }
}
