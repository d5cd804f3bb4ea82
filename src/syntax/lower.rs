//! pest pairs to [`crate::ast`]. The grammar has already accepted the text;
//! what can still fail here is the meaning of literals (a 2月30日, a number
//! too large for a decimal).

use super::Rule;
use super::error::SyntaxError;
use super::numeral::parse_numeral;
use crate::ast::*;
use crate::source::Span;
use crate::units::UnitExpr;
use chrono::NaiveDate;
use pest::iterators::{Pair, Pairs};
use rust_decimal::Decimal;
use std::str::FromStr;

type Result<T> = std::result::Result<T, SyntaxError>;

/// The pair's span without trailing whitespace and comments, which pest
/// may include when a repetition tried to continue past them.
fn span(pair: &Pair<Rule>) -> Span {
    let start = pair.as_span().start();
    let text = pair.as_str();
    let trimmed = text.trim_end_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    Span::new(start, start + trimmed.len())
}

/// Inner pairs without the keyword tokens, which carry no meaning once parsed.
fn meaningful(pair: Pair<Rule>) -> impl Iterator<Item = Pair<Rule>> {
    pair.into_inner().filter(|p| !is_keyword(p.as_rule()))
}

fn is_keyword(rule: Rule) -> bool {
    matches!(rule, Rule::colon | Rule::assign) || format!("{rule:?}").starts_with("kw_")
}

/// Refuses parse trees deeper than [`super::MAX_TREE_DEPTH`] before the
/// recursive lowering walks them. Iterative, so it cannot overflow itself.
pub fn check_depth(pairs: Pairs<Rule>, text: &str) -> Result<()> {
    let mut stack: Vec<(Pair<Rule>, usize)> = pairs.map(|p| (p, 1)).collect();
    while let Some((pair, depth)) = stack.pop() {
        if depth > super::MAX_TREE_DEPTH {
            return Err(SyntaxError::too_deep(span(&pair), text));
        }
        stack.extend(pair.into_inner().map(|p| (p, depth + 1)));
    }
    Ok(())
}

/// Refuses expressions nested deeper than [`super::MAX_EXPR_DEPTH`], so the
/// checker and evaluator (which recurse over expressions) stay within the stack.
pub fn check_expr_depth(notice: &Notice, text: &str) -> Result<()> {
    let mut roots: Vec<&Expr> = Vec::new();
    let mut clauses: Vec<&Clause> = notice.clauses.iter().collect();
    while let Some(clause) = clauses.pop() {
        clauses.extend(clause.children.iter());
        for stmt in &clause.stmts {
            stmt_exprs(stmt, &mut roots);
        }
    }
    for root in roots {
        let mut stack = vec![(root, 1usize)];
        while let Some((e, depth)) = stack.pop() {
            if depth > super::MAX_EXPR_DEPTH {
                return Err(SyntaxError::too_deep(e.span, text));
            }
            stack.extend(children_of(e).into_iter().map(|c| (c, depth + 1)));
        }
    }
    Ok(())
}

fn stmt_exprs<'a>(stmt: &'a Stmt, out: &mut Vec<&'a Expr>) {
    match stmt {
        Stmt::Fact(f) => {
            if let Some((lo, hi)) = &f.range {
                out.extend([lo, hi]);
            }
        }
        Stmt::Param(p) => out.extend(p.values.iter().map(|(_, e)| e)),
        Stmt::Output(d) | Stmt::Rule(d) => {
            if let Some((v, c)) = &d.inline {
                out.push(v);
                out.extend(c.iter());
            }
        }
        Stmt::Case(c) => {
            out.push(&c.value);
            out.extend(c.condition.iter());
        }
        Stmt::Bound(b) => {
            out.push(&b.value);
            out.extend(b.condition.iter());
        }
        Stmt::Table(t) => {
            out.extend(t.inputs.iter());
            for row in &t.rows {
                out.push(&row.value);
                for cell in &row.cells {
                    match cell {
                        Cell::Equals(e) | Cell::Compare { bound: e, .. } => out.push(e),
                        Cell::In(SetExpr::Literal(items), _) => out.extend(items.iter()),
                        Cell::In(SetExpr::Roster(_), _) | Cell::Any(_) => {}
                    }
                }
            }
        }
        _ => {}
    }
}

fn children_of(e: &Expr) -> Vec<&Expr> {
    match &e.kind {
        ExprKind::Neg(x) | ExprKind::Not(x) => vec![x],
        ExprKind::Binary { lhs, rhs, .. } | ExprKind::Compare { lhs, rhs, .. } => vec![lhs, rhs],
        ExprKind::In { lhs, set } => {
            let mut v: Vec<&Expr> = vec![lhs];
            if let SetExpr::Literal(items) = set {
                v.extend(items.iter());
            }
            v
        }
        ExprKind::Call { args, .. } => args.iter().collect(),
        ExprKind::If {
            cond,
            then,
            otherwise,
        } => vec![cond, then, otherwise],
        _ => Vec::new(),
    }
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
    let lines = Lines::new(text);
    for clause in &mut clauses {
        settle_top(clause, &lines);
    }
    Ok(Notice { header, clauses })
}

/// Indentation decides which clause a statement belongs to: the deepest
/// clause whose mark is less indented than the statement (or on the same
/// line). The grammar alone would give a statement written after （二） to
/// （二） even when the drafter lined it up with the article's own text.
fn settle_top(clause: &mut Clause, lines: &Lines) {
    if clause.level == Level::Chapter {
        for child in &mut clause.children {
            settle_top(child, lines);
        }
        return;
    }
    let (stmts, clauses) = settle(clause, lines, true);
    clause.stmts.extend(stmts);
    clause.children.extend(clauses);
}

/// Statements and clauses written inside `clause` by the grammar's reading
/// that the indentation puts above it. Clause marks follow the same rule as
/// statements: a `1.` lined up with （二） is a sibling of （二）, not its 目.
fn settle(clause: &mut Clause, lines: &Lines, is_top: bool) -> (Vec<Stmt>, Vec<Clause>) {
    let (mark_line, mark_indent) = lines.at(clause.mark_span.start);
    let below = |at: usize| {
        let (line, indent) = lines.at(at);
        is_top || line == mark_line || indent > mark_indent
    };
    let mut up_stmts = Vec::new();
    let mut up_clauses = Vec::new();
    let mut children = Vec::new();
    for mut child in std::mem::take(&mut clause.children) {
        let (stmts, clauses) = settle(&mut child, lines, false);
        let child_below = below(child.mark_span.start);
        if child_below {
            children.push(child);
        } else {
            up_clauses.push(child);
        }
        for c in clauses {
            if below(c.mark_span.start) {
                children.push(c)
            } else {
                up_clauses.push(c)
            }
        }
        for stmt in stmts {
            if below(stmt.span().start) {
                clause.stmts.push(stmt)
            } else {
                up_stmts.push(stmt)
            }
        }
    }
    clause.children = children;
    let (keep, leave): (Vec<Stmt>, Vec<Stmt>) = std::mem::take(&mut clause.stmts)
        .into_iter()
        .partition(|s| below(s.span().start));
    clause.stmts = keep;
    clause.stmts.sort_by_key(|s| s.span().start);
    up_stmts.extend(leave);
    (up_stmts, up_clauses)
}

/// Line starts and indentation, computed once per file so that placing
/// each statement is a binary search, not a scan from the top.
struct Lines {
    /// (byte offset where the line starts, width of its indentation)
    starts: Vec<(usize, usize)>,
}

impl Lines {
    fn new(text: &str) -> Self {
        let mut starts = Vec::new();
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            starts.push((offset, indent_of(line)));
            offset += line.len();
        }
        Lines { starts }
    }

    /// (line number, indentation) of the line holding `offset`.
    fn at(&self, offset: usize) -> (usize, usize) {
        let line = self
            .starts
            .partition_point(|(start, _)| *start <= offset)
            .saturating_sub(1);
        (line, self.starts.get(line).map_or(0, |(_, indent)| *indent))
    }
}

/// Width of a line's leading whitespace (a tab is four, a full-width space two).
fn indent_of(line: &str) -> usize {
    line.chars()
        .map_while(|c| match c {
            ' ' => Some(1),
            '\t' => Some(4),
            '\u{3000}' => Some(2),
            _ => None,
        })
        .sum()
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
        return Err(SyntaxError::invalid_literal(whole, text, "条款编号"));
    };
    let mark_span = span(&mark);
    let mark_text = mark.as_str().to_string();
    let is_preamble = matches!(level, Level::Preamble | Level::Closing);
    let number = mark
        .into_inner()
        .find(|p| matches!(p.as_rule(), Rule::numeral | Rule::cn_numeral | Rule::digits))
        .and_then(|p| parse_numeral(p.as_str()))
        .or(is_preamble.then_some(0))
        .ok_or_else(|| SyntaxError::invalid_literal(mark_span, text, "条款编号"))?;
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
            Rule::article | Rule::section | Rule::paragraph | Rule::item | Rule::subitem => {
                clause.children.push(self::clause(part, text)?)
            }
            _ => clause.stmts.push(stmt(part, text)?),
        }
    }
    Ok(clause)
}

fn stmt(pair: Pair<Rule>, text: &str) -> Result<Stmt> {
    let rule = pair.as_rule();
    let whole = span(&pair);
    let mut parts: Vec<Pair<Rule>> = meaningful(pair).collect();
    let mut take = || -> Result<Pair<Rule>> {
        if parts.is_empty() {
            Err(SyntaxError::invalid_literal(whole, text, "语句"))
        } else {
            Ok(parts.remove(0))
        }
    };
    Ok(match rule {
        Rule::text_stmt => Stmt::Text(string(take()?)),
        Rule::not_computable => Stmt::NotComputable(string(take()?)),
        Rule::see => {
            let mut cites = Vec::new();
            while let Ok(p) = take() {
                cites.push(citation(p, text)?);
            }
            Stmt::See(cites)
        }
        Rule::fact_decl => {
            let name = ident(take()?);
            let ty = type_expr(take()?, text)?;
            let range = match take() {
                Ok(range) => {
                    let mut bounds = meaningful(range);
                    match (bounds.next(), bounds.next()) {
                        (Some(lo), Some(hi)) => Some((expr(lo, text)?, expr(hi, text)?)),
                        _ => None,
                    }
                }
                Err(_) => None,
            };
            Stmt::Fact(FactDecl { name, ty, range })
        }
        Rule::param_decl => {
            let name = ident(take()?);
            let ty = type_expr(take()?, text)?;
            let mut values = Vec::new();
            while let Ok(p) = take() {
                let mut inner = meaningful(p);
                if let (Some(d), Some(v)) = (inner.next(), inner.next()) {
                    values.push((date(d, text)?, expr(v, text)?));
                }
            }
            Stmt::Param(ParamDecl { name, ty, values })
        }
        Rule::output_decl | Rule::rule_decl => {
            let name = ident(take()?);
            let ty = type_expr(take()?, text)?;
            let mut decl = DerivedDecl {
                name,
                ty,
                optional: false,
                inline: None,
            };
            while let Ok(p) = take() {
                match p.as_rule() {
                    Rule::optional => decl.optional = true,
                    Rule::expr => decl.inline = Some((expr(p, text)?, None)),
                    Rule::condition => {
                        let cond = meaningful(p).next().map(|c| expr(c, text)).transpose()?;
                        if let Some((_, slot)) = decl.inline.as_mut() {
                            *slot = cond;
                        }
                    }
                    _ => {}
                }
            }
            if rule == Rule::output_decl {
                Stmt::Output(decl)
            } else {
                Stmt::Rule(decl)
            }
        }
        Rule::case_stmt => {
            let mut is_default = false;
            let mut first = take()?;
            if first.as_rule() == Rule::default_mark {
                is_default = true;
                first = take()?;
            }
            let name = ident(first);
            let value = expr(take()?, text)?;
            let mut case = Case {
                is_default,
                name,
                value,
                condition: None,
                overrides: Vec::new(),
                span: whole,
            };
            while let Ok(p) = take() {
                match p.as_rule() {
                    Rule::condition => {
                        case.condition = meaningful(p).next().map(|c| expr(c, text)).transpose()?
                    }
                    Rule::overrides => {
                        for c in meaningful(p) {
                            case.overrides.push(citation(c, text)?);
                        }
                    }
                    _ => {}
                }
            }
            Stmt::Case(case)
        }
        Rule::roster_decl => {
            let name = ident(take()?);
            let mut roster = RosterDecl {
                name,
                declared_count: None,
                members: Vec::new(),
                span: whole,
            };
            while let Ok(p) = take() {
                match p.as_rule() {
                    Rule::roster_count => {
                        if let Some(d) = meaningful(p).find(|d| d.as_rule() == Rule::digits) {
                            let n = d.as_str().parse().map_err(|_| {
                                SyntaxError::invalid_literal(span(&d), text, "人数/个数")
                            })?;
                            roster.declared_count = Some(Spanned::new(n, span(&d)));
                        }
                    }
                    Rule::string => roster.members.push(string(p)),
                    _ => {}
                }
            }
            Stmt::Roster(roster)
        }
        Rule::bound_stmt => {
            let is_cap = take()?.as_rule() == Rule::cap_mark;
            let name = ident(take()?);
            let value = expr(take()?, text)?;
            let condition = match take() {
                Ok(c) => meaningful(c).next().map(|c| expr(c, text)).transpose()?,
                Err(_) => None,
            };
            Stmt::Bound(Bound {
                is_cap,
                name,
                value,
                condition,
                span: whole,
            })
        }
        Rule::table_decl => {
            let name = ident(take()?);
            let ty = type_expr(take()?, text)?;
            let mut table = TableDecl {
                name,
                ty,
                hit: HitPolicy::Unique,
                inputs: Vec::new(),
                rows: Vec::new(),
                span: whole,
            };
            while let Ok(p) = take() {
                match p.as_rule() {
                    Rule::hit_policy => {
                        for k in p.into_inner() {
                            table.hit = match k.as_rule() {
                                Rule::kw_first => HitPolicy::First,
                                Rule::kw_largest => HitPolicy::Largest,
                                Rule::kw_smallest => HitPolicy::Smallest,
                                _ => table.hit,
                            };
                        }
                    }
                    Rule::expr => table.inputs.push(expr(p, text)?),
                    Rule::table_row => table.rows.push(table_row(p, text)?),
                    _ => {}
                }
            }
            Stmt::Table(table)
        }
        Rule::effective => Stmt::Effective(date(take()?, text)?),
        Rule::expires => Stmt::Expires(date(take()?, text)?),
        Rule::case_date => Stmt::CaseDate(ident(take()?)),
        _ => return Err(SyntaxError::invalid_literal(whole, text, "语句")),
    })
}

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
    let value = value.ok_or_else(|| SyntaxError::invalid_literal(s, text, "表达式"))?;
    Ok(TableRow {
        cells,
        value,
        span: s,
    })
}

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
        _ => Err(SyntaxError::invalid_literal(s, text, "表达式")),
    }
}

/// `{a, b}` or the name of a roster.
fn set_expr(set: Pair<Rule>, text: &str) -> Result<SetExpr> {
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

fn string(pair: Pair<Rule>) -> Spanned<String> {
    let s = span(&pair);
    let body = pair
        .into_inner()
        .next()
        .map(|p| p.as_str().to_string())
        .unwrap_or_default();
    Spanned::new(body, s)
}

fn ident(pair: Pair<Rule>) -> Spanned<String> {
    Spanned::new(pair.as_str().to_string(), span(&pair))
}

fn date(pair: Pair<Rule>, text: &str) -> Result<Spanned<NaiveDate>> {
    let s = span(&pair);
    let numbers: Vec<u32> = pair
        .as_str()
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.parse().ok())
        .collect();
    let literal = pair.as_str();
    let bad = || SyntaxError::invalid_literal(s, text, "日期");
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
        .ok_or_else(|| SyntaxError::invalid_literal(s, text, "日期"))
}

pub fn citation(pair: Pair<Rule>, text: &str) -> Result<Citation> {
    let s = span(&pair);
    let bad = || SyntaxError::invalid_literal(s, text, "条款引用");
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
            Rule::cite_paragraph => cite.paragraph = Some(number_of(part).ok_or_else(bad)?),
            Rule::cite_item => cite.item = Some(number_of(part).ok_or_else(bad)?),
            Rule::cite_subitem => cite.subitem = Some(number_of(part).ok_or_else(bad)?),
            _ => {}
        }
    }
    Ok(cite)
}

fn type_expr(pair: Pair<Rule>, text: &str) -> Result<TypeExpr> {
    let s = span(&pair);
    let Some(inner) = pair.into_inner().next() else {
        return Err(SyntaxError::invalid_literal(s, text, "类型"));
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

fn unit_expr(pair: Pair<Rule>) -> UnitExpr {
    UnitExpr {
        parts: pair.into_inner().map(|u| u.as_str().to_string()).collect(),
    }
}

pub fn expr(pair: Pair<Rule>, text: &str) -> Result<Expr> {
    let s = span(&pair);
    match pair.as_rule() {
        Rule::expr => fold_logic(pair, text, BinOp::Or),
        Rule::disjunct => fold_logic(pair, text, BinOp::And),
        Rule::conjunct => {
            let mut inner = pair.into_inner();
            match inner.next() {
                Some(p) if p.as_rule() == Rule::op_not => {
                    let operand = inner
                        .next()
                        .ok_or_else(|| SyntaxError::invalid_literal(s, text, "表达式"))?;
                    Ok(Expr {
                        kind: ExprKind::Not(Box::new(expr(operand, text)?)),
                        span: s,
                    })
                }
                Some(p) => expr(p, text),
                None => Err(SyntaxError::invalid_literal(s, text, "表达式")),
            }
        }
        Rule::comparison => comparison(pair, text),
        Rule::sum | Rule::product => fold_arith(pair, text),
        Rule::unary => {
            let mut inner = pair.into_inner();
            match inner.next() {
                Some(p) if p.as_rule() == Rule::op_neg => {
                    let operand = inner
                        .next()
                        .ok_or_else(|| SyntaxError::invalid_literal(s, text, "表达式"))?;
                    Ok(Expr {
                        kind: ExprKind::Neg(Box::new(expr(operand, text)?)),
                        span: s,
                    })
                }
                Some(p) => expr(p, text),
                None => Err(SyntaxError::invalid_literal(s, text, "表达式")),
            }
        }
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
                _ => Err(SyntaxError::invalid_literal(s, text, "条件表达式")),
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
        _ => Err(SyntaxError::invalid_literal(s, text, "表达式")),
    }
}

fn fold_logic(pair: Pair<Rule>, text: &str, op: BinOp) -> Result<Expr> {
    let mut operands = pair
        .into_inner()
        .filter(|p| !matches!(p.as_rule(), Rule::op_or | Rule::op_and));
    let Some(first) = operands.next() else {
        return Err(SyntaxError::empty(text));
    };
    let whole = span(&first);
    let mut acc = expr(first, text)?;
    for (i, next) in operands.enumerate() {
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

fn fold_arith(pair: Pair<Rule>, text: &str) -> Result<Expr> {
    let mut inner = pair.into_inner();
    let Some(first) = inner.next() else {
        return Err(SyntaxError::empty(text));
    };
    let whole = span(&first);
    let mut acc = expr(first, text)?;
    let mut count = 1;
    while let (Some(op), Some(rhs)) = (inner.next(), inner.next()) {
        count += 1;
        if count > super::MAX_OPERANDS {
            return Err(SyntaxError::too_deep(whole, text));
        }
        let op = match op.as_str() {
            "+" | "＋" => BinOp::Add,
            "-" | "－" => BinOp::Sub,
            "×" | "*" => BinOp::Mul,
            _ => BinOp::Div,
        };
        let rhs = expr(rhs, text)?;
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
                .ok_or_else(|| SyntaxError::invalid_literal(s, text, "比较"))?;
            let rhs = expr(rhs, text)?;
            Ok(Expr {
                kind: ExprKind::Compare {
                    op,
                    word,
                    lhs: Box::new(lhs),
                    rhs: Box::new(rhs),
                },
                span: s,
            })
        }
        Rule::kw_in => {
            let set = inner
                .next()
                .ok_or_else(|| SyntaxError::invalid_literal(s, text, "集合"))?;
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
            let op = postfix_op(&word);
            Ok(Expr {
                kind: ExprKind::Compare {
                    op,
                    word,
                    lhs: Box::new(lhs),
                    rhs: Box::new(rhs),
                },
                span: s,
            })
        }
    }
}

/// Statutory meaning of the comparison words (民法典 第一千二百五十九条):
/// 以上/以下/以内/届满 include the bound; 不满/超过/以外 exclude it.
pub fn infix_op(word: &str) -> CmpOp {
    match word {
        ">=" | "≥" | "不少于" | "不低于" | "不小于" | "届满" | "达到" | "至少" | "at_least" => {
            CmpOp::Ge
        }
        "<=" | "≤" | "不超过" | "不高于" | "不多于" | "不大于" | "至多" | "at_most" => {
            CmpOp::Le
        }
        ">" | "超过" | "高于" | "多于" | "大于" | "exceeds" => CmpOp::Gt,
        "<" | "不满" | "未满" | "不足" | "低于" | "少于" | "小于" | "below" => {
            CmpOp::Lt
        }
        "!=" | "≠" | "不等于" | "不为" | "is_not" => CmpOp::Ne,
        _ => CmpOp::Eq,
    }
}

pub fn postfix_op(word: &str) -> CmpOp {
    match word {
        "以上" => CmpOp::Ge,
        "以下" | "以内" => CmpOp::Le,
        _ => CmpOp::Gt, // 以外
    }
}

fn quantity(pair: Pair<Rule>, text: &str) -> Result<Expr> {
    let s = span(&pair);
    let mut value = None;
    let mut unit = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::number => {
                let v = Decimal::from_str_exact(part.as_str())
                    .or_else(|_| Decimal::from_str(part.as_str()))
                    .map_err(|_| SyntaxError::number_too_large(span(&part), text))?;
                value = Some(v);
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
    let value = value.ok_or_else(|| SyntaxError::invalid_literal(s, text, "数值"))?;
    Ok(Expr {
        kind: ExprKind::Quantity { value, unit },
        span: s,
    })
}
