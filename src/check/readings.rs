//! Readings (读法): each is declared as a parameter of its enumeration of
//! choices, so that rules, tables and parameter values select on it with the
//! ordinary comparison (若 期限竞合 为 相加) and both engines run it as any
//! parameter; the checker holds the choices to one adopted, each once, and
//! finds readings that decide nothing and comments that argue a reading no
//! statement records.

use super::Checker;
use super::error::{CheckError, CheckErrorKind, ReadingProblem};
use crate::ast::Reading;
use crate::clause::ClausePath;
use crate::program::{ParamInfo, ReadingInfo, Type, reading_value};

/// The words by which a comment argues a reading: a drafter who writes
/// them has chosen between meanings, and the choice belongs in a 读法.
pub const READING_WORDS: &[&str] = &["读法", "读作", "原文未写"];

impl Checker {
    pub(super) fn declare_reading(&mut self, clause: ClausePath, reading: &Reading) {
        if self.duplicate(&reading.name, clause) {
            return;
        }
        let mut choices: Vec<(String, Option<String>)> = Vec::new();
        for choice in &reading.choices {
            if choices.iter().any(|(c, _)| *c == choice.name.node) {
                self.findings.push(CheckError::new(
                    CheckErrorKind::Reading(ReadingProblem::ChoiceTwice {
                        reading: reading.name.node.clone(),
                        choice: choice.name.node.clone(),
                    }),
                    choice.name.span,
                    clause,
                ));
                continue;
            }
            choices.push((
                choice.name.node.clone(),
                choice.meaning.as_ref().map(|m| m.node.clone()),
            ));
        }
        let adopted: Vec<&crate::ast::ReadingChoice> =
            reading.choices.iter().filter(|c| c.adopted).collect();
        let [only] = adopted.as_slice() else {
            self.findings.push(CheckError::new(
                CheckErrorKind::Reading(ReadingProblem::Adopted {
                    reading: reading.name.node.clone(),
                    count: adopted.len(),
                }),
                adopted
                    .get(1)
                    .map_or(reading.name.span, |second| second.name.span),
                clause,
            ));
            return;
        };
        let adopted = only.name.node.clone();
        self.program.params.insert(
            reading.name.node.clone(),
            ParamInfo {
                name: reading.name.node.clone(),
                ty: Type::Enum(choices.iter().map(|(c, _)| c.clone()).collect()),
                clause,
                span: reading.name.span,
                values: vec![reading_value(&adopted, reading.span)],
            },
        );
        self.program.readings.push(ReadingInfo {
            name: reading.name.node.clone(),
            clause,
            question: reading.question.node.clone(),
            choices,
            selected: adopted.clone(),
            adopted,
            confirmed: reading
                .confirmed
                .as_ref()
                .map(|c| (c.by.node.clone(), c.document.node.clone())),
            span: reading.name.span,
        });
    }

    /// A reading with alternatives that no rule, table or value reads
    /// decides nothing: its alternatives cannot be evaluated.
    pub(super) fn readings_that_decide_nothing(&mut self) {
        // A choice named as a fact or rule would be read as that name, not
        // as the choice, wherever a rule compares the reading with it.
        for r in &self.program.readings {
            for (choice, _) in &r.choices {
                let declared = self.program.facts.contains_key(choice)
                    || self.program.params.contains_key(choice)
                    || self.program.derived.contains_key(choice)
                    || self.program.rosters.contains_key(choice);
                if declared {
                    self.findings.push(CheckError::new(
                        CheckErrorKind::Reading(ReadingProblem::ChoiceIsDeclared {
                            reading: r.name.clone(),
                            choice: choice.clone(),
                        }),
                        r.span,
                        r.clause,
                    ));
                }
            }
        }
        for r in &self.program.readings {
            if r.choices.len() > 1 && !self.used.contains(&r.name) {
                self.findings.push(CheckError::new(
                    CheckErrorKind::Reading(ReadingProblem::DecidesNothing {
                        reading: r.name.clone(),
                    }),
                    r.span,
                    r.clause,
                ));
            }
        }
    }
}

/// Whole-line comments (`#` or `//`) that argue a reading (读法, 读作,
/// 原文未写) in a clause where no 读法 records one. A comment belongs to
/// the clause of the code below it, as `polc fmt` indents it; a reading in
/// that clause, in a clause holding it or in one it holds answers it.
pub fn unrecorded_readings(text: &str, program: &crate::program::Program) -> Vec<CheckError> {
    let mut findings = Vec::new();
    let mut offset = 0;
    let mut pending: Vec<(crate::source::Span, String)> = Vec::new();
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_start_matches([' ', '\t', '\u{3000}']);
        let lead = line.len() - trimmed.len();
        let body = trimmed.trim_end();
        if body.is_empty() {
            continue;
        }
        if body.starts_with('#') || body.starts_with("//") {
            if let Some(word) = READING_WORDS.iter().find(|w| body.contains(**w)) {
                let at = start + lead;
                pending.push((
                    crate::source::Span::new(at, at + body.len()),
                    (*word).to_string(),
                ));
            }
            continue;
        }
        // The code line below the comments decides their clause.
        let code_at = start + lead;
        for (span, word) in pending.drain(..) {
            let Some(clause) = innermost_clause(program, code_at) else {
                continue;
            };
            let answered = program
                .readings
                .iter()
                .any(|r| r.clause.contains(&clause) || clause.contains(&r.clause));
            if !answered {
                findings.push(CheckError::new(
                    CheckErrorKind::Reading(ReadingProblem::CommentOnly { word }),
                    span,
                    clause,
                ));
            }
        }
    }
    findings
}

/// The deepest clause whose text holds `offset`.
fn innermost_clause(program: &crate::program::Program, offset: usize) -> Option<ClausePath> {
    program
        .clauses
        .iter()
        .filter(|c| c.span.start <= offset && offset < c.span.end)
        .max_by_key(|c| c.span.start)
        .map(|c| c.path)
}
