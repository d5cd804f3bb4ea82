//! Clause structure: numbering, the path of every statement, citations, and
//! the validity window.

use super::Checker;
use super::error::{CheckError, CheckErrorKind, ValidityProblem};
use crate::ast::{Citation, Clause, Level, Notice, Stmt};
use crate::clause::{ClausePath, TopKind};
use crate::program::{ClauseInfo, Validity, find_clause};

pub(crate) struct Collected {
    pub infos: Vec<ClauseInfo>,
    /// Every statement with the clause it belongs to.
    pub stmts: Vec<(ClausePath, Stmt)>,
}

pub(crate) fn collect(notice: &Notice, findings: &mut Vec<CheckError>) -> Collected {
    let mut out = Collected {
        infos: Vec::new(),
        stmts: Vec::new(),
    };
    let mut annexes = Counter::default();
    let mut body = Vec::new();
    for top in &notice.clauses {
        if top.level == Level::Annex {
            annexes.next(top, None, findings);
            collect_annex(top, &mut out, findings);
        } else {
            body.push(top);
        }
    }
    collect_document(&body, None, &mut out, findings);
    out
}

/// The numbered clauses of one document: the notice's body, or a document
/// the notice issues as an annex (whose articles number from 第一条 again).
fn collect_document(
    clauses: &[&Clause],
    annex: Option<ClausePath>,
    out: &mut Collected,
    findings: &mut Vec<CheckError>,
) {
    let mut chapters = Counter::default();
    let mut articles = Counter::default();
    let mut sections = Counter::default();
    for top in clauses {
        match top.level {
            Level::Chapter => {
                chapters.next(top, annex, findings);
                for child in &top.children {
                    let counter = if child.level == Level::Section {
                        &mut sections
                    } else {
                        &mut articles
                    };
                    counter.next(child, annex, findings);
                    walk(child, annex, out, findings);
                }
            }
            Level::Section => {
                sections.next(top, annex, findings);
                walk(top, annex, out, findings);
            }
            Level::Preamble | Level::Closing | Level::Annex => walk(top, annex, out, findings),
            _ => {
                articles.next(top, annex, findings);
                walk(top, annex, out, findings);
            }
        }
    }
}

/// An annex: a table or list (its 款/项/目 under 附件N), or a document with
/// its own articles (附件N第一条 …).
fn collect_annex(annex: &Clause, out: &mut Collected, findings: &mut Vec<CheckError>) {
    let issues_document = annex
        .children
        .iter()
        .any(|c| matches!(c.level, Level::Chapter | Level::Article | Level::Section));
    if !issues_document {
        walk(annex, None, out, findings);
        return;
    }
    let path = ClausePath::annex(annex.number);
    let (own, nested) = statements_of(annex, path);
    out.stmts.extend(own);
    out.infos.push(nested);
    let children: Vec<&Clause> = annex.children.iter().collect();
    collect_document(&children, Some(path), out, findings);
}

/// The annex's own statements (its title and 原文), with its clause info.
fn statements_of(clause: &Clause, path: ClausePath) -> (Vec<(ClausePath, Stmt)>, ClauseInfo) {
    let mut info = ClauseInfo {
        path,
        title: clause.title.clone(),
        text: Vec::new(),
        not_computable: None,
        span: clause.span,
    };
    let mut stmts = Vec::new();
    for stmt in &clause.stmts {
        match stmt {
            Stmt::Text(t) => info.text.push(t.node.clone()),
            Stmt::NotComputable(r) => info.not_computable = Some(r.node.clone()),
            _ => {}
        }
        stmts.push((path, stmt.clone()));
    }
    (stmts, info)
}

/// Expects clause numbers 1, 2, 3, … among siblings of one level.
#[derive(Default)]
struct Counter {
    last: u32,
    seen: Vec<u32>,
}

impl Counter {
    fn next(
        &mut self,
        clause: &Clause,
        parent: Option<ClausePath>,
        findings: &mut Vec<CheckError>,
    ) {
        let n = clause.number;
        if self.seen.contains(&n) {
            findings.push(CheckError {
                kind: CheckErrorKind::DuplicateClause {
                    mark: clause.mark.clone(),
                },
                span: Some(clause.mark_span),
                clause: parent,
            });
        } else if n != self.last + 1 {
            findings.push(CheckError {
                kind: CheckErrorKind::ClauseOrder {
                    mark: clause.mark.clone(),
                    expected: self.last + 1,
                    found: n,
                },
                span: Some(clause.mark_span),
                clause: parent,
            });
        }
        self.seen.push(n);
        self.last = n;
    }
}

/// A clause's path. `parent` is the enclosing clause, or for a top-level
/// clause the annex whose own document it belongs to.
fn path_of(clause: &Clause, parent: Option<ClausePath>) -> ClausePath {
    let base = parent.unwrap_or_default();
    // Articles of a document issued as 附件N number within that annex.
    let annex = match base.kind {
        TopKind::Annex => base.top,
        _ => base.annex,
    };
    match clause.level {
        Level::Article => ClausePath::article(clause.number).in_annex(annex),
        Level::Section => ClausePath::section(clause.number).in_annex(annex),
        Level::Annex => ClausePath::annex(clause.number),
        Level::Preamble => ClausePath::preamble().in_annex(annex),
        Level::Closing => ClausePath::closing().in_annex(annex),
        Level::Paragraph => ClausePath {
            paragraph: Some(clause.number),
            item: None,
            subitem: None,
            ..base
        },
        Level::Item => ClausePath {
            item: Some(clause.number),
            subitem: None,
            ..base
        },
        Level::Subitem => ClausePath {
            subitem: Some(clause.number),
            ..base
        },
        Level::Chapter => base,
    }
}

fn walk(
    clause: &Clause,
    parent: Option<ClausePath>,
    out: &mut Collected,
    findings: &mut Vec<CheckError>,
) {
    let path = path_of(clause, parent);
    let (stmts, info) = statements_of(clause, path);
    out.stmts.extend(stmts);
    out.infos.push(info);
    let mut paragraphs = Counter::default();
    let mut items = Counter::default();
    let mut subitems = Counter::default();
    for child in &clause.children {
        let counter = match child.level {
            Level::Paragraph => &mut paragraphs,
            Level::Item => &mut items,
            _ => &mut subitems,
        };
        counter.next(child, Some(path), findings);
        walk(child, Some(path), out, findings);
    }
}

/// Resolves a citation to an existing clause, or reports it dangling.
pub(crate) fn resolve(
    cite: &Citation,
    clauses: &[ClauseInfo],
    at: ClausePath,
    findings: &mut Vec<CheckError>,
) -> Option<ClausePath> {
    let wanted = cite.path(at.annex);
    if let Some(found) = find_clause(wanted, clauses) {
        return Some(found);
    }
    findings.push(CheckError::new(
        CheckErrorKind::DanglingCitation {
            notice: None,
            citation: wanted,
        },
        cite.span,
        at,
    ));
    None
}

/// 施行 / 有效期至 / 案件日期: one window per notice, in one clause.
pub(crate) fn validity(stmts: &[(ClausePath, Stmt)], checker: &mut Checker) {
    let mut effective = None;
    let mut expires = None;
    let mut case_date = None;
    for (clause, stmt) in stmts {
        match stmt {
            Stmt::Effective(d) => effective = Some((d.node, d.span, *clause)),
            Stmt::Expires(d) => expires = Some((d.node, d.span, *clause)),
            Stmt::CaseDate(name) => case_date = Some((name.clone(), *clause)),
            _ => {}
        }
    }
    if let Some((name, at)) = case_date {
        checker.program.case_date = resolve_case_date(name, at, checker);
    }
    let clause = expires
        .map(|e| e.2)
        .or(effective.map(|e| e.2))
        .unwrap_or_default();
    let (Some(eff), Some(exp)) = (effective, expires) else {
        if let Some((_, span, clause)) = effective.or(expires) {
            checker.findings.push(CheckError::new(
                CheckErrorKind::Validity(ValidityProblem::OneEndOnly),
                span,
                clause,
            ));
        }
        return;
    };
    if eff.0 > exp.0 {
        checker.findings.push(CheckError::new(
            CheckErrorKind::Validity(ValidityProblem::StartsAfterEnd {
                effective: eff.0,
                expires: exp.0,
            }),
            exp.1,
            clause,
        ));
    }
    if checker.program.case_date.is_none() {
        checker
            .findings
            .push(CheckError::new(CheckErrorKind::NoCaseDate, exp.1, clause));
    }
    checker.program.validity = Some(Validity {
        effective: eff.0,
        expires: exp.0,
        clause,
    });
}

fn resolve_case_date(
    name: crate::ast::Spanned<String>,
    at: ClausePath,
    checker: &mut Checker,
) -> Option<String> {
    match checker.program.facts.get(&name.node) {
        Some(f) if f.ty == crate::program::Type::Date => Some(name.node),
        Some(_) => {
            checker.findings.push(CheckError::new(
                CheckErrorKind::Validity(ValidityProblem::CaseDateNotDate {
                    name: name.node.clone(),
                }),
                name.span,
                at,
            ));
            None
        }
        None => {
            checker.unknown_name(&name.node, name.span, at);
            None
        }
    }
}
