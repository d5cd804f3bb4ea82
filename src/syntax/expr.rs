//! Expressions: pest pairs to [`crate::ast::Expr`], with the statutory
//! meaning of the comparison words.

use super::Rule;
use super::error::{Literal, SyntaxError};
use super::lower::{date, ident, meaningful, span, string, unit_expr};
use crate::ast::*;
use crate::source::Span;
use pest::iterators::Pair;
use rust_decimal::Decimal;
use std::str::FromStr;

type Result<T> = std::result::Result<T, SyntaxError>;

pub fn expr(pair: Pair<Rule>, text: &str) -> Result<Expr> {
    let s = span(&pair);
    match pair.as_rule() {
        Rule::expr => fold_logic(pair, text, BinOp::Or),
        Rule::disjunct => fold_logic(pair, text, BinOp::And),
        Rule::conjunct => prefixed(pair, text, Rule::op_not, ExprKind::Not),
        Rule::comparison => comparison(pair, text),
        Rule::sum | Rule::product => fold_arith(pair, text),
        Rule::unary => prefixed(pair, text, Rule::op_neg, ExprKind::Neg),
        Rule::conditional => {
            let mut parts = meaningful(pair);
            match (parts.next(), parts.next(), parts.next()) {
                (Some(c), Some(t), Some(e)) => Ok(Expr {
                    kind: ExprKind::If {
                        cond: Box::new(expr(c, text)?),
                        then: Box::new(expr(t, text)?),
                        otherwise: Box::new(expr(e, text)?),
                    },
                    span: s,
                }),
                _ => Err(SyntaxError::invalid_literal(s, text, Literal::Condition)),
            }
        }
        Rule::call => {
            let mut parts = pair.into_inner();
            let func = match parts.next().map(|f| f.as_str().to_string()).as_deref() {
                Some("较小值" | "min") => Func::Min,
                Some("较大值" | "max") => Func::Max,
                Some("不顺延" | "unextended") => Func::Unextended,
                Some("月末" | "month_end") => Func::MonthEnd,
                Some("季度末" | "quarter_end") => Func::QuarterEnd,
                Some("年末" | "year_end") => Func::YearEnd,
                Some("年份" | "year_of") => Func::YearOf,
                Some("月份" | "month_of") => Func::MonthOf,
                _ => Func::Abs,
            };
            let args = parts.map(|a| expr(a, text)).collect::<Result<Vec<_>>>()?;
            if args.len() > super::MAX_OPERANDS {
                return Err(SyntaxError::too_deep(s, text));
            }
            Ok(Expr {
                kind: ExprKind::Call { func, args },
                span: s,
            })
        }
        Rule::quantity => quantity(pair, text),
        Rule::date => Ok(Expr {
            kind: ExprKind::Date(date(pair, text)?.node),
            span: s,
        }),
        Rule::string => Ok(Expr {
            kind: ExprKind::Text(string(pair).node),
            span: s,
        }),
        Rule::boolean => {
            let truth = pair
                .into_inner()
                .next()
                .is_some_and(|p| p.as_rule() == Rule::kw_true);
            Ok(Expr {
                kind: ExprKind::Bool(truth),
                span: s,
            })
        }
        Rule::ident => Ok(Expr {
            kind: ExprKind::Name(pair.as_str().to_string()),
            span: s,
        }),
        _ => Err(SyntaxError::invalid_literal(s, text, Literal::Expression)),
    }
}

/// `非 x` and `-x`: an optional prefix operator before one operand.
fn prefixed(
    pair: Pair<Rule>,
    text: &str,
    prefix: Rule,
    wrap: fn(Box<Expr>) -> ExprKind,
) -> Result<Expr> {
    let s = span(&pair);
    let mut inner = pair.into_inner();
    match inner.next() {
        Some(p) if p.as_rule() == prefix => {
            let operand = inner
                .next()
                .ok_or_else(|| SyntaxError::invalid_literal(s, text, Literal::Expression))?;
            Ok(Expr {
                kind: wrap(Box::new(expr(operand, text)?)),
                span: s,
            })
        }
        Some(p) => expr(p, text),
        None => Err(SyntaxError::invalid_literal(s, text, Literal::Expression)),
    }
}

fn fold_logic(pair: Pair<Rule>, text: &str, op: BinOp) -> Result<Expr> {
    let mut operands = pair
        .into_inner()
        .filter(|p| !matches!(p.as_rule(), Rule::op_or | Rule::op_and));
    let Some(first) = operands.next() else {
        return Err(SyntaxError::empty(text));
    };
    fold_chain(first, operands.map(|p| (op, p)), text)
}

fn fold_arith(pair: Pair<Rule>, text: &str) -> Result<Expr> {
    let mut inner = pair.into_inner();
    let Some(first) = inner.next() else {
        return Err(SyntaxError::empty(text));
    };
    let mut rest = Vec::new();
    while let (Some(op), Some(rhs)) = (inner.next(), inner.next()) {
        let op = match op.as_str() {
            "+" | "＋" => BinOp::Add,
            "-" | "－" => BinOp::Sub,
            "×" | "*" => BinOp::Mul,
            _ => BinOp::Div,
        };
        rest.push((op, rhs));
    }
    fold_chain(first, rest.into_iter(), text)
}

/// `a op b op c` as the left-leaning tree ((a op b) op c), at most
/// [`super::MAX_OPERANDS`] operands long.
fn fold_chain<'i>(
    first: Pair<'i, Rule>,
    rest: impl Iterator<Item = (BinOp, Pair<'i, Rule>)>,
    text: &str,
) -> Result<Expr> {
    let whole = span(&first);
    let mut acc = expr(first, text)?;
    for (i, (op, next)) in rest.enumerate() {
        if i + 2 > super::MAX_OPERANDS {
            return Err(SyntaxError::too_deep(whole, text));
        }
        let rhs = expr(next, text)?;
        let s = Span::new(acc.span.start, rhs.span.end);
        acc = Expr {
            kind: ExprKind::Binary {
                op,
                lhs: Box::new(acc),
                rhs: Box::new(rhs),
            },
            span: s,
        };
    }
    Ok(acc)
}

fn comparison(pair: Pair<Rule>, text: &str) -> Result<Expr> {
    let s = span(&pair);
    let mut inner = pair.into_inner();
    let Some(first) = inner.next() else {
        return Err(SyntaxError::empty(text));
    };
    let lhs = expr(first, text)?;
    let Some(second) = inner.next() else {
        return Ok(lhs);
    };
    match second.as_rule() {
        Rule::cmp_infix => {
            let word = second.as_str().to_string();
            let op = infix_op(&word);
            let rhs = inner
                .next()
                .ok_or_else(|| SyntaxError::invalid_literal(s, text, Literal::Comparison))?;
            Ok(compare(op, word, lhs, expr(rhs, text)?, s))
        }
        Rule::kw_in => {
            let set = inner
                .next()
                .ok_or_else(|| SyntaxError::invalid_literal(s, text, Literal::Set))?;
            let set = set_expr(set, text)?;
            Ok(Expr {
                kind: ExprKind::In {
                    lhs: Box::new(lhs),
                    set,
                },
                span: s,
            })
        }
        _ => {
            // `X N以上`: the bound comes first, the legal word last.
            let rhs = expr(second, text)?;
            let word = inner
                .next()
                .map(|w| w.as_str().to_string())
                .unwrap_or_default();
            Ok(compare(postfix_op(&word), word, lhs, rhs, s))
        }
    }
}

fn compare(op: CmpOp, word: String, lhs: Expr, rhs: Expr, span: Span) -> Expr {
    Expr {
        kind: ExprKind::Compare {
            op,
            word,
            lhs: Box::new(lhs),
            rhs: Box::new(rhs),
        },
        span,
    }
}

/// Statutory meaning of the comparison words (民法典 第一千二百五十九条):
/// 以上/以下/以内/届满 include the bound; 不满/超过/以外 exclude it.
pub fn infix_op(word: &str) -> CmpOp {
    match &*crate::numeral::halfwidth(word) {
        ">=" | "≥" | "不少于" | "不低于" | "不小于" | "届满" | "达到" | "至少" | "不早于"
        | "at_least" => CmpOp::Ge,
        "<=" | "≤" | "不超过" | "不高于" | "不多于" | "不大于" | "至多" | "不晚于" | "不迟于"
        | "at_most" => CmpOp::Le,
        ">" | "超过" | "高于" | "多于" | "大于" | "晚于" | "迟于" | "exceeds" => {
            CmpOp::Gt
        }
        "<" | "不满" | "未满" | "不足" | "低于" | "少于" | "小于" | "早于" | "below" => {
            CmpOp::Lt
        }
        "!=" | "≠" | "不等于" | "不为" | "is_not" => CmpOp::Ne,
        _ => CmpOp::Eq,
    }
}

pub fn postfix_op(word: &str) -> CmpOp {
    match word {
        "以上" | "及以上" => CmpOp::Ge,
        "以下" | "及以下" | "以内" => CmpOp::Le,
        _ => CmpOp::Gt, // 以外
    }
}

fn quantity(pair: Pair<Rule>, text: &str) -> Result<Expr> {
    let s = span(&pair);
    let mut value = None;
    let mut numeral = None;
    let mut unit = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::number => {
                let digits = crate::numeral::halfwidth(part.as_str());
                let v = Decimal::from_str_exact(&digits)
                    .or_else(|_| Decimal::from_str(&digits))
                    .map_err(|_| SyntaxError::number_too_large(span(&part), text))?;
                value = Some(v);
            }
            Rule::cn_number => {
                let n = crate::numeral::parse_amount(part.as_str()).map_err(|_| {
                    SyntaxError::invalid_literal(span(&part), text, Literal::Numeral)
                })?;
                value = Some(Decimal::from(n));
                numeral = Some(part.as_str().to_string());
            }
            Rule::multiplier => {
                let factor = if part.as_str().starts_with('万') {
                    10_000
                } else {
                    100_000_000
                };
                value = value
                    .and_then(|v: Decimal| v.checked_mul(Decimal::from(factor)))
                    .map(Some)
                    .ok_or_else(|| SyntaxError::number_too_large(span(&part), text))?;
            }
            Rule::unit_expr => unit = Some(unit_expr(part)),
            _ => {}
        }
    }
    let value = value.ok_or_else(|| SyntaxError::invalid_literal(s, text, Literal::Number))?;
    Ok(Expr {
        kind: ExprKind::Quantity {
            value,
            unit,
            numeral,
        },
        span: s,
    })
}

/// `{a, b}` or the name of a roster.
pub(super) fn set_expr(set: Pair<Rule>, text: &str) -> Result<SetExpr> {
    let is_literal = set.as_str().trim_start().starts_with('{');
    let mut inner = set.into_inner().peekable();
    match inner.peek() {
        Some(p) if p.as_rule() == Rule::ident && !is_literal => {
            Ok(SetExpr::Roster(ident(p.clone())))
        }
        _ => Ok(SetExpr::Literal(
            inner.map(|e| expr(e, text)).collect::<Result<Vec<_>>>()?,
        )),
    }
}
