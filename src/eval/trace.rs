//! The trace of an evaluation: every fact read, parameter used and value
//! decided, with its clause; and the tree a caseworker reads (`--explain`).

use super::Answer;
use super::value::Value;
use crate::clause::ClausePath;
use crate::program::Type;
use std::collections::HashMap;
use std::fmt::Write as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKind {
    Fact,
    Param,
    Rule,
}

#[derive(Debug, Clone)]
pub struct Step {
    pub kind: StepKind,
    pub name: String,
    pub shown: String,
    pub json: serde_json::Value,
    /// Where the fact or parameter is declared, or which clause decided the rule.
    pub clause: ClausePath,
    pub cites: Vec<ClausePath>,
    /// Names the deciding case read.
    pub reads: Vec<String>,
}

impl Step {
    pub(super) fn fact(name: &str, value: &Value, ty: &Type, clause: ClausePath) -> Step {
        Step::leaf(StepKind::Fact, name, value, ty, clause)
    }

    pub(super) fn param(name: &str, value: &Value, ty: &Type, clause: ClausePath) -> Step {
        Step::leaf(StepKind::Param, name, value, ty, clause)
    }

    fn leaf(kind: StepKind, name: &str, value: &Value, ty: &Type, clause: ClausePath) -> Step {
        Step {
            kind,
            name: name.to_string(),
            shown: value.display(ty),
            json: value.to_json(ty),
            clause,
            cites: Vec::new(),
            reads: Vec::new(),
        }
    }

    pub(super) fn derived(
        name: &str,
        value: &Value,
        ty: &Type,
        clause: ClausePath,
        cites: &[ClausePath],
        reads: &[String],
    ) -> Step {
        Step {
            kind: StepKind::Rule,
            name: name.to_string(),
            shown: value.display(ty),
            json: value.to_json(ty),
            clause,
            cites: cites.to_vec(),
            reads: reads.to_vec(),
        }
    }

    pub fn to_json(&self) -> serde_json::Value {
        let kind = match self.kind {
            StepKind::Fact => "fact",
            StepKind::Param => "param",
            StepKind::Rule => "rule",
        };
        serde_json::json!({
            "kind": kind,
            "name": self.name,
            "value": self.json,
            "clause": self.clause.to_string(),
            "reads": self.reads,
        })
    }
}

/// The derivation of each output as an indented tree:
///
/// ```text
/// 救助金额 = 4000.00元 〔第六条第（二）项第1目〕
/// ├─ 困难类型 = 重大损失 （事实，第六条）
/// ```
pub fn explain_tree(answer: &Answer) -> String {
    let by_name: HashMap<&str, &Step> = answer.trace.iter().map(|s| (s.name.as_str(), s)).collect();
    let mut out = String::new();
    for o in &answer.outputs {
        match by_name.get(o.name.as_str()) {
            Some(step) => {
                let _ = writeln!(out, "{}", headline(step));
                children(step, &by_name, "", &mut out, 0);
            }
            None => {
                let _ = writeln!(out, "{} = 不适用（无适用规则）", o.name);
            }
        }
    }
    out
}

fn headline(step: &Step) -> String {
    match step.kind {
        StepKind::Fact => format!("{} = {} （事实，{}）", step.name, step.shown, step.clause),
        StepKind::Param => format!("{} = {} （参数，{}）", step.name, step.shown, step.clause),
        StepKind::Rule => format!("{} = {} 〔{}〕", step.name, step.shown, step.clause),
    }
}

/// Depth cap: the language has no recursion, but a tree that deep is not
/// readable anyway.
const MAX_DEPTH: usize = 16;

fn children(
    step: &Step,
    by_name: &HashMap<&str, &Step>,
    prefix: &str,
    out: &mut String,
    depth: usize,
) {
    if depth >= MAX_DEPTH {
        return;
    }
    let kids: Vec<&Step> = step
        .reads
        .iter()
        .filter_map(|r| by_name.get(r.as_str()).copied())
        .collect();
    for (i, kid) in kids.iter().enumerate() {
        let last = i + 1 == kids.len();
        let _ = writeln!(
            out,
            "{prefix}{}{}",
            if last { "└─ " } else { "├─ " },
            headline(kid)
        );
        let next = format!("{prefix}{}", if last { "   " } else { "│  " });
        children(kid, by_name, &next, out, depth + 1);
    }
}
