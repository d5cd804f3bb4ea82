//! Caps that every case is asked for. Evaluation skips a cap that cannot
//! change the answer (a masked one, one whose condition fails, any cap once
//! the value sits at a literal floor: `rules::settling_floor`);
//! a cap with none of these ways out is evaluated for every case, and the
//! facts it reads are asked of every case, whatever else decides it.

use super::Checker;
use super::error::{CheckError, CheckErrorKind};
use crate::ast::{Expr, ExprKind};

impl Checker {
    pub(super) fn caps_always_asked(&mut self) {
        let mut found = Vec::new();
        // In the order the notice declares them, for a stable report.
        let mut names: Vec<(&String, usize)> = self
            .program
            .derived
            .iter()
            .map(|(n, d)| (n, d.span.start))
            .collect();
        names.sort_by_key(|(_, start)| *start);
        for (name, _) in names {
            let Some(info) = self.program.derived.get(name) else {
                continue;
            };
            let settles = info
                .bounds
                .iter()
                .any(crate::program::BoundInfo::is_literal_floor);
            if settles {
                continue;
            }
            for cap in info.bounds.iter().filter(|b| b.is_cap) {
                let maskable = info.cases.iter().any(|c| cap.masked_by(c));
                if cap.condition.is_some() || maskable {
                    continue;
                }
                let facts: Vec<String> = names_read(&cap.value)
                    .into_iter()
                    .filter(|n| self.program.facts.contains_key(n))
                    .collect();
                if facts.is_empty() {
                    continue;
                }
                found.push(CheckError::new(
                    CheckErrorKind::CapAlwaysAsks {
                        name: name.clone(),
                        facts,
                    },
                    cap.span,
                    cap.clause,
                ));
            }
        }
        self.findings.extend(found);
    }
}

/// The names an expression reads, each once, in the order written.
fn names_read(expr: &Expr) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut stack = vec![expr];
    while let Some(e) = stack.pop() {
        if let ExprKind::Name(n) = &e.kind
            && !names.contains(n)
        {
            names.push(n.clone());
        }
        let mut children = e.children();
        children.reverse();
        stack.extend(children);
    }
    names
}
