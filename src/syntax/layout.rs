//! Where statements and clause marks belong, by indentation.
//!
//! The grammar reads a statement written after （二） as part of （二）; a
//! drafter who lines it up with the article's own text means the article.
//! This pass moves statements and clause marks to the deepest clause whose
//! mark is less indented than they are (or on the same line).

use crate::ast::{Clause, Level, Stmt};

pub(super) fn settle_all(clauses: &mut [Clause], text: &str) {
    let lines = Lines::new(text);
    for clause in clauses {
        settle_top(clause, &lines);
    }
}

/// Indentation decides which clause a statement belongs to: the deepest
/// clause whose mark is less indented than the statement (or on the same
/// line). The grammar alone would give a statement written after （二） to
/// （二） even when the drafter lined it up with the article's own text.
fn settle_top(clause: &mut Clause, lines: &Lines) {
    // A chapter, or an annex issuing a document of its own articles, only
    // groups top-level clauses: each of its articles is a top of its own.
    let issues_document = clause.level == Level::Annex
        && clause
            .children
            .iter()
            .any(|c| matches!(c.level, Level::Chapter | Level::Article | Level::Section));
    if clause.level == Level::Chapter || issues_document {
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
