//! Asking: an output's or fact's name, any expression, `:why` and
//! `:whynot`.

use super::error::ReplError;
use super::explain;
use super::reply::{Item, Reply};
use super::session::Session;
use crate::eval::{self, Facts, Value};
use crate::program::{Program, Type};
use crate::source::SourceFile;

impl Session {
    /// An output's, rule's or fact's name, or any expression.
    pub(super) fn query(&self, text: &str) -> Reply {
        let programs = self.programs();
        if programs.is_empty() {
            return Reply::error(ReplError::NoNotice.to_diagnostic());
        }
        let facts = self.facts_now();
        let mut reply = Reply::new();
        let mut found = false;
        for program in &programs {
            if let Some(info) = program.facts.get(text) {
                found = true;
                reply.push_line(match self.facts.get(text) {
                    Some(json) => format!(
                        "{text} = {}（事实，{}）",
                        self.shown_fact(text, json),
                        info.clause
                    ),
                    None => format!("{text}：未设定（{}，{}）", info.ty.describe(), info.clause),
                });
                break;
            }
        }
        if found {
            return reply;
        }
        for program in &programs {
            if !(program.derived.contains_key(text) || program.params.contains_key(text)) {
                continue;
            }
            found = true;
            let label = if programs.len() > 1 {
                format!("{text}（{}）", program.doc_number)
            } else {
                text.to_string()
            };
            match eval::evaluate_names(program, &self.calendar, &facts, &[text.to_string()]) {
                Ok(answer) => {
                    for o in &answer.outputs {
                        reply.push(Item::Value {
                            name: label.clone(),
                            shown: o
                                .value
                                .as_ref()
                                .map_or_else(|| "不适用".to_string(), |v| v.display(&o.ty)),
                            cites: o.cites.clone(),
                        });
                    }
                    if self.trace {
                        reply.push(Item::Block(explain::tree_of(&answer)));
                    }
                }
                Err(e) => reply.extend(explain::failure_reply(
                    program,
                    &self.calendar,
                    &facts,
                    text,
                    e,
                )),
            }
        }
        if found {
            return reply;
        }
        self.expression(text, &programs, &facts)
    }

    /// Any expression of the language, evaluated in the first notice that
    /// declares every name it uses.
    fn expression(&self, text: &str, programs: &[&Program], facts: &Facts) -> Reply {
        let expr = match crate::syntax::parse_expr(text) {
            Ok(e) => e,
            Err(e) => {
                let mut reply = Reply::new();
                reply.push_diagnostic(e.to_diagnostic(), Some(SourceFile::new("输入", text)));
                return reply;
            }
        };
        let names = names_in(&expr);
        let Some(program) = programs.iter().find(|p| names.iter().all(|n| knows(p, n))) else {
            let first = programs.first().copied();
            let unknown = names
                .iter()
                .find(|n| first.is_none_or(|p| !knows(p, n)))
                .cloned()
                .unwrap_or_default();
            return Reply::error(self.unknown(&unknown).to_diagnostic());
        };
        // Typed over several lines, shown on one.
        let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
        match eval::evaluate_expr(program, &self.calendar, facts, &expr) {
            Ok(v) => {
                let mut reply = Reply::new();
                reply.push(Item::Value {
                    name: one_line.clone(),
                    shown: show_value(&v.value),
                    cites: v.cites.clone(),
                });
                if self.trace {
                    reply.push(Item::Block(expression_tree(program, &v)));
                }
                reply
            }
            Err(e) => explain::failure_reply(program, &self.calendar, facts, &one_line, e),
        }
    }

    /// `:why` and `:whynot`.
    pub(super) fn explain(&self, name: &str, why_not: bool) -> Reply {
        let facts = self.facts_now();
        let mut reply = Reply::new();
        for loaded in &self.notices {
            let Some(program) = &loaded.program else {
                continue;
            };
            if let Some(info) = program.facts.get(name) {
                let shown = self
                    .facts
                    .get(name)
                    .map_or_else(|| "未设定".to_string(), |j| self.shown_fact(name, j));
                return Reply::line(format!(
                    "「{name}」是事实（{}），由案件给出：{shown}",
                    info.clause
                ));
            }
            if !(program.derived.contains_key(name) || program.params.contains_key(name)) {
                continue;
            }
            reply.extend(if why_not {
                explain::why_not(program, &self.calendar, &loaded.source, &facts, name)
            } else {
                explain::why(program, &self.calendar, &facts, name)
            });
        }
        if reply.items.is_empty() {
            return Reply::error(self.unknown(name).to_diagnostic());
        }
        reply
    }
}

/// A value without a declared type: amounts in their base unit.
fn show_value(value: &Value) -> String {
    if let Value::Num { dim, .. } = value
        && let Some(base) = dim.simple()
        && let Ok(unit) = crate::units::resolve(&crate::units::UnitExpr {
            parts: vec![base.base_unit().to_string()],
        })
    {
        return value.display(&Type::Quantity {
            unit,
            integral: false,
        });
    }
    value.to_string()
}

/// The derivations of the rules an expression read.
fn expression_tree(program: &Program, value: &eval::ExprValue) -> String {
    let outputs = value
        .reads
        .iter()
        .filter_map(|r| program.derived.get(r))
        .map(|d| eval::OutputValue {
            name: d.name.clone(),
            ty: d.ty.clone(),
            value: None,
            cites: Vec::new(),
        })
        .collect();
    eval::explain_tree(&eval::Answer {
        notice: program.doc_number.clone(),
        outputs,
        trace: value.trace.clone(),
        warnings: Vec::new(),
    })
}

/// Every name an expression reads (rosters included).
fn names_in(expr: &crate::ast::Expr) -> Vec<String> {
    use crate::ast::{ExprKind, SetExpr};
    let mut out: Vec<String> = Vec::new();
    let mut stack = vec![expr];
    while let Some(e) = stack.pop() {
        match &e.kind {
            ExprKind::Name(n) if !out.contains(n) => out.push(n.clone()),
            ExprKind::Neg(x) | ExprKind::Not(x) => stack.push(x),
            ExprKind::Binary { lhs, rhs, .. } | ExprKind::Compare { lhs, rhs, .. } => {
                stack.push(lhs);
                stack.push(rhs);
            }
            ExprKind::In { lhs, set } => {
                stack.push(lhs);
                match set {
                    SetExpr::Literal(items) => stack.extend(items.iter()),
                    SetExpr::Roster(r) => out.push(r.node.clone()),
                }
            }
            ExprKind::Call { args, .. } => stack.extend(args.iter()),
            ExprKind::If {
                cond,
                then,
                otherwise,
            } => stack.extend([&**cond, &**then, &**otherwise]),
            _ => {}
        }
    }
    out
}

/// Whether `name` means something in `program`: declared, or a value of
/// one of its enumerations.
fn knows(program: &Program, name: &str) -> bool {
    let in_enum = |ty: &Type| matches!(ty, Type::Enum(v) if v.iter().any(|x| x == name));
    program.facts.contains_key(name)
        || program.derived.contains_key(name)
        || program.params.contains_key(name)
        || program.rosters.contains_key(name)
        || program.facts.values().any(|f| in_enum(&f.ty))
        || program.derived.values().any(|d| in_enum(&d.ty))
}
