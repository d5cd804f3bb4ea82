//! The trace of an evaluation: every fact read, parameter used and value
//! decided, with its clause; and the tree a caseworker reads (`--explain`).

use super::Answer;
use super::value::Value;
use crate::clause::ClausePath;
use crate::program::Type;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKind {
    Fact,
    Param,
    /// A reading (读法): a parameter whose value is the choice in force.
    Reading,
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
    /// For a value a decision table decided: the rows (1 for the first)
    /// that decided it, so table-row coverage knows which rows a case used.
    pub rows: Vec<usize>,
}

impl Step {
    pub(super) fn fact(name: &str, value: &Value, ty: &Type, clause: ClausePath) -> Step {
        Step::leaf(StepKind::Fact, name, value, ty, clause)
    }

    pub(super) fn param(name: &str, value: &Value, ty: &Type, clause: ClausePath) -> Step {
        Step::leaf(StepKind::Param, name, value, ty, clause)
    }

    pub(super) fn reading(name: &str, value: &Value, ty: &Type, clause: ClausePath) -> Step {
        Step::leaf(StepKind::Reading, name, value, ty, clause)
    }

    /// A reading's stable id (第四条/期限竞合); `None` for other steps.
    pub fn reading_id(&self) -> Option<String> {
        (self.kind == StepKind::Reading).then(|| format!("{}/{}", self.clause, self.name))
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
            rows: Vec::new(),
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
            rows: Vec::new(),
        }
    }

    pub fn to_json(&self) -> serde_json::Value {
        let kind = match self.kind {
            StepKind::Fact => "fact",
            StepKind::Param => "param",
            StepKind::Reading => "reading",
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
///
/// A rule's derivation is printed once, where it is first reached; later
/// it is named with （推导见上） ("derived above") and not expanded again.
pub fn explain_tree(answer: &Answer) -> String {
    let by_name: HashMap<&str, &Step> = answer.trace.iter().map(|s| (s.name.as_str(), s)).collect();
    let mut out = String::new();
    let mut expanded = HashSet::new();
    for o in &answer.outputs {
        match by_name.get(o.name.as_str()) {
            Some(step) => {
                let _ = write!(out, "{}", headline(step));
                if has_children(step, &by_name) && !expanded.insert(step.name.as_str()) {
                    let _ = writeln!(out, "{SEE_ABOVE}");
                    continue;
                }
                out.push('\n');
                let mut tree = Tree {
                    by_name: &by_name,
                    expanded: &mut expanded,
                    out: &mut out,
                };
                tree.children(step, "", 0);
            }
            None => {
                let _ = writeln!(out, "{} = 不适用（无适用规则）", o.name);
            }
        }
    }
    out
}

/// What a rule whose derivation was printed already says instead of
/// printing it again: the flagship's 救助金额 feeds five outputs, and its
/// tree would otherwise be printed five times.
const SEE_ABOVE: &str = "  （推导见上）";

fn headline(step: &Step) -> String {
    match step.kind {
        StepKind::Fact => format!("{} = {} （事实，{}）", step.name, step.shown, step.clause),
        StepKind::Param => format!("{} = {} （参数，{}）", step.name, step.shown, step.clause),
        StepKind::Reading => format!(
            "{} = {} （读法 {}/{}）",
            step.name, step.shown, step.clause, step.name
        ),
        StepKind::Rule => format!("{} = {} 〔{}〕", step.name, step.shown, step.clause),
    }
}

/// The readings (id, choice) the derivation of `name` reaches through the
/// names each step read, depth first, each once.
pub(super) fn readings_of(trace: &[Step], name: &str) -> Vec<(String, String)> {
    let by_name: HashMap<&str, &Step> = trace.iter().map(|s| (s.name.as_str(), s)).collect();
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut stack = vec![name];
    while let Some(next) = stack.pop() {
        if !seen.insert(next) {
            continue;
        }
        let Some(step) = by_name.get(next) else {
            continue;
        };
        if let Some(id) = step.reading_id() {
            out.push((id, step.shown.clone()));
        }
        stack.extend(step.reads.iter().rev().map(String::as_str));
    }
    out
}

/// Depth cap: the language has no recursion, but a tree that deep is not
/// readable anyway.
const MAX_DEPTH: usize = 16;

fn has_children(step: &Step, by_name: &HashMap<&str, &Step>) -> bool {
    step.reads.iter().any(|r| by_name.contains_key(r.as_str()))
}

/// The tree being printed, and the rules whose derivation it already shows
/// (each is shown once, the first time it is reached, depth first).
struct Tree<'a, 'b> {
    by_name: &'b HashMap<&'a str, &'a Step>,
    expanded: &'b mut HashSet<&'a str>,
    out: &'b mut String,
}

impl<'a> Tree<'a, '_> {
    fn children(&mut self, step: &'a Step, prefix: &str, depth: usize) {
        if depth >= MAX_DEPTH {
            return;
        }
        let kids: Vec<&'a Step> = step
            .reads
            .iter()
            .filter_map(|r| self.by_name.get(r.as_str()).copied())
            .collect();
        for (i, kid) in kids.iter().enumerate() {
            let last = i + 1 == kids.len();
            let branch = if last { "└─ " } else { "├─ " };
            let shared =
                has_children(kid, self.by_name) && !self.expanded.insert(kid.name.as_str());
            let see_above = if shared { SEE_ABOVE } else { "" };
            let _ = writeln!(self.out, "{prefix}{branch}{}{see_above}", headline(kid));
            if !shared {
                let next = format!("{prefix}{}", if last { "   " } else { "│  " });
                self.children(kid, &next, depth + 1);
            }
        }
    }
}
