//! Clause structure: numbering, the path of every statement, citations, and
//! the validity window.

use super::Checker;
use super::findings::CheckError;
use super::program::{ClauseInfo, Validity};
use crate::ast::{Citation, Clause, Level, Notice, Stmt};
use crate::clause::ClausePath;
use crate::diag::Bilingual;

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
    let mut chapters = Counter::default();
    let mut articles = Counter::default();
    let mut sections = Counter::default();
    let mut annexes = Counter::default();
    for top in &notice.clauses {
        match top.level {
            Level::Chapter => {
                chapters.next(top, None, findings);
                for child in &top.children {
                    let counter = if child.level == Level::Section {
                        &mut sections
                    } else {
                        &mut articles
                    };
                    counter.next(child, None, findings);
                    walk(child, None, &mut out, findings);
                }
            }
            Level::Section => {
                sections.next(top, None, findings);
                walk(top, None, &mut out, findings);
            }
            Level::Annex => {
                annexes.next(top, None, findings);
                walk(top, None, &mut out, findings);
            }
            Level::Preamble | Level::Closing => walk(top, None, &mut out, findings),
            _ => {
                articles.next(top, None, findings);
                walk(top, None, &mut out, findings);
            }
        }
    }
    out
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
            findings.push(CheckError::DuplicateClause {
                mark: clause.mark.clone(),
                span: clause.mark_span,
                clause: parent,
            });
        } else if n != self.last + 1 {
            findings.push(CheckError::ClauseOrder {
                mark: clause.mark.clone(),
                expected: self.last + 1,
                found: n,
                span: clause.mark_span,
                clause: parent,
            });
        }
        self.seen.push(n);
        self.last = n;
    }
}

fn path_of(clause: &Clause, parent: Option<ClausePath>) -> ClausePath {
    let base = parent.unwrap_or_default();
    match clause.level {
        Level::Article => ClausePath::article(clause.number),
        Level::Section => ClausePath::section(clause.number),
        Level::Annex => ClausePath::annex(clause.number),
        Level::Preamble => ClausePath::preamble(),
        Level::Closing => ClausePath::closing(),
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
    let mut info = ClauseInfo {
        path,
        title: clause.title.clone(),
        text: Vec::new(),
        not_computable: None,
        span: clause.span,
    };
    for stmt in &clause.stmts {
        match stmt {
            Stmt::Text(t) => info.text.push(t.node.clone()),
            Stmt::NotComputable(r) => info.not_computable = Some(r.node.clone()),
            _ => {}
        }
        out.stmts.push((path, stmt.clone()));
    }
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

/// Resolves a citation to an existing clause. 第十三条第（二）项 finds the item
/// even when it sits in a 款, provided only one 款 has such an item.
pub(crate) fn resolve(
    cite: &Citation,
    clauses: &[ClauseInfo],
    at: ClausePath,
    findings: &mut Vec<CheckError>,
) -> Option<ClausePath> {
    let wanted = ClausePath {
        top: cite.top,
        kind: cite.kind,
        paragraph: cite.paragraph,
        item: cite.item,
        subitem: cite.subitem,
    };
    if clauses.iter().any(|c| c.path == wanted) {
        return Some(wanted);
    }
    if wanted.paragraph.is_none() {
        let matches: Vec<ClausePath> = clauses
            .iter()
            .map(|c| c.path)
            .filter(|p| {
                p.top == wanted.top
                    && p.kind == wanted.kind
                    && p.item == wanted.item
                    && p.subitem == wanted.subitem
                    && p.paragraph.is_some()
            })
            .collect();
        if let [only] = matches.as_slice() {
            return Some(*only);
        }
    }
    findings.push(CheckError::DanglingCitation {
        citation: wanted.to_string(),
        span: cite.span,
        clause: at,
    });
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
            checker.findings.push(CheckError::Validity {
                message: Bilingual::new(
                    "施行日期和有效期至须同时写明",
                    "effective and expires must both be given",
                ),
                span,
                clause,
            });
        }
        return;
    };
    if eff.0 > exp.0 {
        checker.findings.push(CheckError::Validity {
            message: Bilingual::new(
                format!("施行日期 {} 晚于有效期至 {}", eff.0, exp.0),
                format!("effective date {} is after expiry {}", eff.0, exp.0),
            ),
            span: exp.1,
            clause,
        });
    }
    if checker.program.case_date.is_none() {
        checker.findings.push(CheckError::NoCaseDate {
            span: exp.1,
            clause,
        });
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
        Some(f) if f.ty == super::Type::Date => Some(name.node),
        Some(_) => {
            checker.findings.push(CheckError::Validity {
                message: Bilingual::new(
                    format!("案件日期「{}」不是日期类型的事实", name.node),
                    format!("case date `{}` is not a date fact", name.node),
                ),
                span: name.span,
                clause: at,
            });
            None
        }
        None => {
            let suggestion = checker.suggest(&name.node);
            checker.findings.push(CheckError::UnknownName {
                name: name.node,
                span: name.span,
                clause: at,
                suggestion,
            });
            None
        }
    }
}
