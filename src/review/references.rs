//! References between notices. One file cannot know whether
//! 参见 "临政办字〔2016〕10号" 附件1第七条 exists; the set of notices checked
//! together (a folder such as `policies/`) can.

use super::error::{ReviewError, ReviewErrorKind};
use crate::check::{CheckError, CheckErrorKind};
use crate::diag::Diagnostic;
use crate::program::Program;
use crate::program::find_clause;
use std::collections::HashMap;

/// A 文号 compared the way a reader compares them: 〔〕, [] and ［］ are the
/// same brackets, ２０１６ is 2016, and spaces left by the printing do not count.
pub fn normalise_doc_number(number: &str) -> String {
    // Full-width digits (〔２０１６〕) are the same digits.
    crate::numeral::halfwidth(number)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '[' | '［' | '【' => '〔',
            ']' | '］' | '】' => '〕',
            other => other,
        })
        .collect()
}

/// Checks every cross-notice reference of `programs` against all of them.
/// Returns, for each program in order, its findings.
pub fn check_references(programs: &[&Program]) -> Vec<Vec<Diagnostic>> {
    let mut carriers: HashMap<String, usize> = HashMap::new();
    for p in programs {
        *carriers
            .entry(normalise_doc_number(&p.doc_number))
            .or_default() += 1;
    }
    let by_number: HashMap<String, &Program> = programs
        .iter()
        .map(|p| (normalise_doc_number(&p.doc_number), *p))
        .collect();
    let mut known: Vec<String> = programs.iter().map(|p| p.doc_number.clone()).collect();
    known.sort();
    known.dedup();
    programs
        .iter()
        .map(|program| {
            program
                .references
                .iter()
                .filter_map(|r| {
                    let number = normalise_doc_number(&r.notice);
                    let count = carriers.get(&number).copied().unwrap_or(0);
                    let finding: Diagnostic = match by_number.get(&number) {
                        None => ReviewError::new(
                            ReviewErrorKind::UnknownNotice {
                                notice: r.notice.clone(),
                                known: known.clone(),
                            },
                            r.span,
                            r.at,
                        )
                        .to_diagnostic(),
                        // Two files carry the 文号: which one is meant?
                        Some(_) if count > 1 => ReviewError::new(
                            ReviewErrorKind::DuplicateNotice {
                                notice: r.notice.clone(),
                                count,
                            },
                            r.span,
                            r.at,
                        )
                        .to_diagnostic(),
                        Some(target) if windows_apart(program, target) => {
                            let (Some(mine), Some(theirs)) = (&program.validity, &target.validity)
                            else {
                                return None;
                            };
                            ReviewError::new(
                                ReviewErrorKind::ValidityConflict {
                                    notice: target.doc_number.clone(),
                                    mine: (mine.effective, mine.expires),
                                    theirs: (theirs.effective, theirs.expires),
                                },
                                r.span,
                                r.at,
                            )
                            .to_diagnostic()
                        }
                        Some(target) => {
                            let wanted = r.clause?;
                            if find_clause(wanted, &target.clauses).is_some() {
                                return None;
                            }
                            CheckError::new(
                                CheckErrorKind::DanglingCitation {
                                    notice: Some(target.doc_number.clone()),
                                    citation: wanted,
                                },
                                r.span,
                                r.at,
                            )
                            .to_diagnostic()
                        }
                    };
                    Some(finding)
                })
                .collect()
        })
        .collect()
}

/// Whether two notices' validity windows share no day.
fn windows_apart(a: &Program, b: &Program) -> bool {
    match (&a.validity, &b.validity) {
        (Some(x), Some(y)) => x.expires < y.effective || y.expires < x.effective,
        _ => false,
    }
}
