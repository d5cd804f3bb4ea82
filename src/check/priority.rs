//! Priority between cases (优先于, 原则上, first-hit rows) and the
//! dependency graph between rules: orders and cycles.

use super::Checker;
use super::error::{CheckError, CheckErrorKind};
use crate::clause::ClausePath;
use crate::program::*;
use std::collections::HashMap;

impl Checker {
    /// Orders each value's cases so that a case precedes those it overrides;
    /// a cycle of 优先于 is an error (priority must be a partial order).
    pub(super) fn order_cases(&mut self) {
        let mut cycles = Vec::new();
        for derived in self.program.derived.values_mut() {
            let cases = std::mem::take(&mut derived.cases);
            let n = cases.len();
            let mut placed = vec![false; n];
            let mut order = Vec::with_capacity(n);
            while order.len() < n {
                // A case is ready when no unplaced case overrides it.
                let ready = (0..n).find(|&i| {
                    !placed.get(i).copied().unwrap_or(true)
                        && (0..n).all(|j| {
                            j == i
                                || placed.get(j).copied().unwrap_or(true)
                                || !cases
                                    .get(j)
                                    .zip(cases.get(i))
                                    .is_some_and(|(a, b)| a.overrides_case(b))
                        })
                });
                match ready {
                    Some(i) => {
                        if let Some(p) = placed.get_mut(i) {
                            *p = true;
                        }
                        order.push(i);
                    }
                    None => {
                        let stuck: Vec<ClausePath> = (0..n)
                            .filter(|&i| !placed.get(i).copied().unwrap_or(true))
                            .filter_map(|i| cases.get(i).map(|c| c.clause))
                            .collect();
                        cycles.push((derived.name.clone(), derived.span, derived.clause, stuck));
                        break;
                    }
                }
            }
            let mut cases: Vec<Option<CaseInfo>> = cases.into_iter().map(Some).collect();
            derived.cases = order
                .into_iter()
                .filter_map(|i| cases.get_mut(i).and_then(Option::take))
                .collect();
            derived.cases.extend(cases.into_iter().flatten());
        }
        for (name, span, clause, clauses) in cycles {
            self.findings.push(CheckError::new(
                CheckErrorKind::PriorityCycle { name, clauses },
                span,
                clause,
            ));
        }
    }

    /// The language is total: a value may not depend on itself.
    pub(super) fn dependency_cycles(&mut self) {
        for cycle in find_cycles(&self.depends) {
            let Some(first) = cycle.first() else { continue };
            if let Some(d) = self.program.derived.get(first) {
                self.findings.push(CheckError::new(
                    CheckErrorKind::DependencyCycle {
                        name: first.clone(),
                        path: cycle.clone(),
                    },
                    d.span,
                    d.clause,
                ));
            }
        }
    }
}

/// Cycles in the dependency graph, one per strongly connected knot, found by
/// an iterative depth-first search (linear in the graph, and no recursion for
/// a long chain of rules to exhaust). Each cycle starts at its smallest name.
fn find_cycles(graph: &HashMap<String, Vec<String>>) -> Vec<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    let mut marks: HashMap<&str, Mark> = HashMap::new();
    let mut cycles = Vec::new();
    let mut roots: Vec<&String> = graph.keys().collect();
    roots.sort();
    for root in roots {
        if marks.contains_key(root.as_str()) {
            continue;
        }
        // (node, index of the next edge to follow); `path` mirrors the open nodes.
        let mut stack: Vec<(&str, usize)> = vec![(root.as_str(), 0)];
        let mut path: Vec<&str> = vec![root.as_str()];
        marks.insert(root.as_str(), Mark::Open);
        while let Some((node, edge)) = stack.last_mut() {
            let next = graph.get(*node).and_then(|edges| edges.get(*edge));
            *edge += 1;
            match next {
                None => {
                    marks.insert(node, Mark::Done);
                    stack.pop();
                    path.pop();
                }
                Some(next) => match marks.get(next.as_str()) {
                    Some(Mark::Done) => {}
                    Some(Mark::Open) => {
                        let from = path.iter().position(|n| *n == next.as_str()).unwrap_or(0);
                        let mut cycle: Vec<String> = path
                            .get(from..)
                            .unwrap_or(&[])
                            .iter()
                            .map(|n| n.to_string())
                            .collect();
                        if let Some(min) = cycle
                            .iter()
                            .enumerate()
                            .min_by_key(|(_, n)| n.as_str())
                            .map(|(i, _)| i)
                        {
                            cycle.rotate_left(min);
                        }
                        cycles.push(cycle);
                    }
                    None => {
                        marks.insert(next.as_str(), Mark::Open);
                        stack.push((next.as_str(), 0));
                        path.push(next.as_str());
                    }
                },
            }
        }
    }
    cycles.sort();
    cycles.dedup();
    cycles
}
