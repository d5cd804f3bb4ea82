//! `:why` and `:whynot`: the derivation of a value, and for a false or zero
//! one, the conditions that decided it and those that failed (the smallest
//! change of one fact that would turn it is [`super::flips`]).

use super::outputs::{self, State};
use super::reply::{Item, Reply};
use crate::ast::{BinOp, Expr, ExprKind};
use crate::calendar::Calendar;
use crate::eval::{self, Answer, EvalError, Facts, Value};
use crate::program::{CaseInfo, DerivedInfo, Program};
use crate::source::SourceFile;

/// The derivation of `name` as a tree, each step with its clause and the
/// facts it read.
pub fn why(program: &Program, calendar: &Calendar, facts: &Facts, name: &str) -> Reply {
    match eval::evaluate_names(program, calendar, facts, &[name.to_string()]) {
        Ok(answer) => {
            let mut reply = Reply::new();
            reply.push(Item::Block(tree_of(&answer)));
            reply
        }
        Err(e) => failure_reply(program, calendar, facts, name, e),
    }
}

/// The tree of the first output of `answer` only (the trace holds every
/// value decided on the way).
pub fn tree_of(answer: &Answer) -> String {
    let only = Answer {
        notice: answer.notice.clone(),
        outputs: answer.outputs.iter().take(1).cloned().collect(),
        trace: answer.trace.clone(),
        warnings: answer.warnings.clone(),
    };
    eval::explain_tree(&only)
}

/// An evaluation that did not give a value: the facts it lacks (all of
/// them, as far as [`outputs::needed`] can tell), or why.
pub fn failure_reply(
    program: &Program,
    calendar: &Calendar,
    facts: &Facts,
    name: &str,
    e: EvalError,
) -> Reply {
    let mut reply = Reply::new();
    match outputs::failure(e) {
        State::Missing(first) => {
            let mut all = outputs::needed(program, calendar, facts, &[name.to_string()]);
            if all.is_empty() {
                all.push(first);
            }
            reply.push(Item::Missing {
                heading: format!("「{name}」还不能计算，缺少事实："),
                facts: all,
            });
        }
        State::Failed(d) => reply.push(Item::Diagnostic {
            diagnostic: d,
            source: None,
        }),
        State::Value { .. } | State::NotApplicable => {}
    }
    reply
}

/// Whether a value is the kind `:whynot` explains: 否, zero, or none.
pub fn is_negative(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Bool(false)) => true,
        Some(Value::Num { amount, .. }) => amount.is_zero(),
        Some(_) => false,
    }
}

/// Why `name` is 否 (or zero, or not applicable), and what would change it.
pub fn why_not(
    program: &Program,
    calendar: &Calendar,
    source: &SourceFile,
    facts: &Facts,
    name: &str,
) -> Reply {
    let answer = match eval::evaluate_names(program, calendar, facts, &[name.to_string()]) {
        Ok(a) => a,
        Err(e) => return failure_reply(program, calendar, facts, name, e),
    };
    let Some(output) = answer.outputs.first() else {
        return Reply::new();
    };
    let shown = output
        .value
        .as_ref()
        .map_or_else(|| "不适用".to_string(), |v| v.display(&output.ty));
    if !is_negative(output.value.as_ref()) {
        return Reply::line(format!(
            "{name} = {shown}，既不是否也不是零；用 :why {name} 查看推导"
        ));
    }
    let mut reply = Reply::new();
    reply.push(Item::Value {
        name: name.to_string(),
        shown,
        cites: output.cites.clone(),
    });
    let ctx = Ctx {
        program,
        calendar,
        source,
        facts,
    };
    if let Some(info) = program.derived.get(name) {
        conditions(&ctx, info, output, &mut reply);
    }
    super::flips::report(program, calendar, facts, name, &answer, &mut reply);
    reply
}

struct Ctx<'a> {
    program: &'a Program,
    calendar: &'a Calendar,
    source: &'a SourceFile,
    facts: &'a Facts,
}

impl Ctx<'_> {
    /// The expression as written in the notice, on one line.
    fn text(&self, expr: &Expr) -> String {
        let raw = self
            .source
            .text
            .get(expr.span.start..expr.span.end)
            .unwrap_or("");
        let code: Vec<&str> = raw.lines().map(without_comment).collect();
        code.join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn eval(&self, expr: &Expr) -> Result<eval::ExprValue, EvalError> {
        eval::evaluate_expr(self.program, self.calendar, self.facts, expr)
    }

    /// `名称 = 值` for each name the expression read, from its trace. A
    /// condition that is one rule's name shows what that rule read
    /// instead: `一次性救助次数已满（本年已救助次数 = 1次，特殊情况 = 否）`.
    fn read_values(&self, expr: &Expr, value: &eval::ExprValue) -> String {
        let step = |name: &str| value.trace.iter().rev().find(|s| s.name == name);
        let names: &[String] = match &expr.kind {
            ExprKind::Name(n) => step(n)
                .filter(|s| !s.reads.is_empty())
                .map_or(&value.reads, |s| &s.reads),
            _ => &value.reads,
        };
        let shown: Vec<String> = names
            .iter()
            .filter_map(|r| step(r))
            .map(|s| format!("{} = {}", s.name, s.shown))
            .collect();
        if shown.is_empty() {
            String::new()
        } else {
            format!("（{}）", shown.join("，"))
        }
    }
}

/// A line of the notice without its comment (`#` or `//` outside quotes):
/// an expression's span may run over the comment lines after it.
fn without_comment(line: &str) -> &str {
    let mut quoted: Option<char> = None;
    for (i, c) in line.char_indices() {
        match (quoted, c) {
            (Some(end), c) if c == end => quoted = None,
            (Some(_), _) => {}
            (None, '"') => quoted = Some('"'),
            (None, '“') => quoted = Some('”'),
            (None, '「') => quoted = Some('」'),
            (None, '#') => return line.get(..i).unwrap_or(line),
            (None, '/') if line.get(i..).is_some_and(|r| r.starts_with("//")) => {
                return line.get(..i).unwrap_or(line);
            }
            _ => {}
        }
    }
    line
}

/// The cases of the rule: which decided the value, which were overridden,
/// which failed (only those that would have given another value).
fn conditions(ctx: &Ctx, info: &DerivedInfo, output: &eval::OutputValue, reply: &mut Reply) {
    let current = output.value.as_ref();
    let mut held: Vec<&CaseInfo> = Vec::new();
    let mut failed: Vec<String> = Vec::new();
    for case in &info.cases {
        let Some(cond) = &case.condition else {
            held.push(case);
            continue;
        };
        match ctx.eval(cond).map(|v| v.value) {
            Ok(Value::Bool(true)) => held.push(case),
            Ok(_) => {
                if yields_negative_constant(&case.value) {
                    continue;
                }
                failed.push(format!("  {}：{}", case.clause, ctx.text(cond)));
                for part in false_parts(ctx, cond, 0) {
                    failed.push(format!("    {part}"));
                }
            }
            Err(e) => failed.push(format!(
                "  {}：{} —— 无法判断：{}",
                case.clause,
                ctx.text(cond),
                e.to_diagnostic().message.zh
            )),
        }
    }
    let mut deciding: Vec<String> = Vec::new();
    let mut overridden: Vec<String> = Vec::new();
    for case in &held {
        let cond = match &case.condition {
            Some(c) => {
                let values = ctx
                    .eval(c)
                    .map(|v| ctx.read_values(c, &v))
                    .unwrap_or_default();
                format!("{}{values}", ctx.text(c))
            }
            None => format!("（原则上）{}", ctx.text(&case.value)),
        };
        if let Some(by) = held
            .iter()
            .find(|h| !std::ptr::eq(**h, *case) && h.overrides_case(case))
        {
            overridden.push(format!(
                "  {}：{cond} —— 成立，但{}优先",
                case.clause, by.clause
            ));
            continue;
        }
        let value = ctx.eval(&case.value).ok().map(|v| v.value);
        let shown = value
            .as_ref()
            .map_or_else(|| "？".to_string(), |v| v.display(&info.ty));
        deciding.push(format!("  {}：{cond} → {shown}", case.clause));
        for part in value_reasons(ctx, &case.value, 0) {
            deciding.push(format!("    {part}"));
        }
    }
    for bound in &info.bounds {
        let applies = match &bound.condition {
            Some(c) => matches!(ctx.eval(c).map(|v| v.value), Ok(Value::Bool(true))),
            None => true,
        };
        let Ok(limit) = ctx.eval(&bound.value) else {
            continue;
        };
        // A bound that changed the value is among its citations.
        if applies && Some(&limit.value) == current && output.cites.contains(&bound.clause) {
            deciding.push(format!(
                "  {}（{}）：{} = {}{}",
                bound.clause,
                if bound.is_cap { "上限" } else { "下限" },
                ctx.text(&bound.value),
                limit.value.display(&info.ty),
                ctx.read_values(&bound.value, &limit)
            ));
        }
    }
    for (heading, lines) in [
        ("决定结果的条件：", deciding),
        ("成立但被排除的条件：", overridden),
        ("未成立的条件：", failed),
    ] {
        if !lines.is_empty() {
            reply.push_line(heading);
            for line in lines {
                reply.push_line(line);
            }
        }
    }
}

/// `予以救助 = 否 若 …`: a case that could only confirm the value.
fn yields_negative_constant(expr: &Expr) -> bool {
    match &expr.kind {
        ExprKind::Bool(false) => true,
        ExprKind::Quantity { value, .. } => value.is_zero(),
        _ => false,
    }
}

/// Deepest nesting of 且/或 walked when naming the failed parts.
const MAX_PARTS_DEPTH: usize = 6;

/// The smallest parts of a false condition that are false: for 且 the
/// conjuncts that fail, for 或 every disjunct.
fn false_parts(ctx: &Ctx, expr: &Expr, depth: usize) -> Vec<String> {
    if let ExprKind::Binary {
        op: BinOp::And | BinOp::Or,
        lhs,
        rhs,
    } = &expr.kind
        && depth < MAX_PARTS_DEPTH
    {
        let mut out = Vec::new();
        for side in [lhs, rhs] {
            if matches!(ctx.eval(side).map(|v| v.value), Ok(Value::Bool(false))) {
                out.extend(false_parts(ctx, side, depth + 1));
            }
        }
        return out;
    }
    match ctx.eval(expr) {
        Ok(v) => vec![format!(
            "{} —— 不成立{}",
            ctx.text(expr),
            ctx.read_values(expr, &v)
        )],
        Err(_) => Vec::new(),
    }
}

/// Why a deciding case's value is what it is: the failed parts of a false
/// condition written as the value, or the branch a 若…则…否则 took.
fn value_reasons(ctx: &Ctx, expr: &Expr, depth: usize) -> Vec<String> {
    if depth >= MAX_PARTS_DEPTH {
        return Vec::new();
    }
    match &expr.kind {
        ExprKind::If {
            cond,
            then,
            otherwise,
        } => {
            let Ok(v) = ctx.eval(cond) else {
                return Vec::new();
            };
            let holds = v.value == Value::Bool(true);
            let mut out = vec![format!(
                "{} —— {}{}",
                ctx.text(cond),
                if holds { "成立" } else { "不成立" },
                ctx.read_values(cond, &v)
            )];
            out.extend(value_reasons(
                ctx,
                if holds { then } else { otherwise },
                depth + 1,
            ));
            out
        }
        ExprKind::Binary {
            op: BinOp::And | BinOp::Or,
            ..
        }
        | ExprKind::Not(_)
        | ExprKind::Compare { .. }
        | ExprKind::In { .. }
        | ExprKind::Name(_) => match ctx.eval(expr).map(|v| v.value) {
            Ok(Value::Bool(false)) => false_parts(ctx, expr, depth),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}
