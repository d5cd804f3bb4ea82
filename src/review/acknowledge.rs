//! Acknowledgements (确认 CODE "理由"): a finding the notice, as published,
//! really says is marked suppressed; an acknowledgement that no finding of
//! its code in its clause needs is itself a finding.

use super::Finding;
use super::error::{ReviewError, ReviewErrorKind};
use crate::program::Program;

/// Marks the acknowledged findings and adds one for each acknowledgement
/// nothing needed.
pub(crate) fn apply(program: &Program, findings: &mut Vec<Finding>) {
    let used = mark(program, findings);
    for (ack, used) in program.acknowledgements.iter().zip(used) {
        if !used {
            findings.push(Finding::new(ReviewError::new(
                ReviewErrorKind::UnusedAcknowledgement {
                    code: ack.code.clone(),
                },
                ack.span,
                ack.clause,
            )));
        }
    }
}

fn mark(program: &Program, findings: &mut [Finding]) -> Vec<bool> {
    let mut used = vec![false; program.acknowledgements.len()];
    for finding in findings.iter_mut() {
        let code = finding.diagnostic.code;
        let clauses = finding.clauses();
        for (i, ack) in program.acknowledgements.iter().enumerate() {
            let here = clauses
                .iter()
                .any(|c| ack.clause.contains(c) || c.contains(&ack.clause));
            if ack.code == code.name && here {
                finding.suppressed = Some(ack.reason.clone());
                if let Some(u) = used.get_mut(i) {
                    *u = true;
                }
            }
        }
    }
    used
}
