//! Clause coverage: which of a notice's computable clauses its cases reach,
//! from the clauses each case's evaluation went through.

use super::run::CaseReport;
use crate::clause::ClausePath;
use crate::program::Program;
use rust_decimal::Decimal;

/// Which computable clauses of a notice its test cases reach.
#[derive(Debug, Clone, Default)]
pub struct Coverage {
    /// Clauses that state something computable: a fact, a parameter, a case
    /// of a rule or output, a cap or floor, a roster.
    pub computable: Vec<ClausePath>,
    /// Those of them some case went through.
    pub covered: Vec<ClausePath>,
    /// Clauses marked 不可计算, listed apart and never counted as uncovered.
    pub not_computable: Vec<ClausePath>,
}

impl Coverage {
    pub fn of(program: &Program, reports: &[CaseReport]) -> Coverage {
        let mut computable: Vec<ClausePath> = program
            .facts
            .values()
            .map(|f| f.clause)
            // A reading (读法) is a parameter too, but it records an
            // interpretation: it does not make its clause computable.
            .chain(
                program
                    .params
                    .values()
                    .filter(|p| !program.readings.iter().any(|r| r.name == p.name))
                    .map(|p| p.clause),
            )
            .chain(program.rosters.values().map(|r| r.clause))
            .chain(program.derived.values().flat_map(|d| {
                d.cases
                    .iter()
                    .map(|c| c.clause)
                    .chain(d.bounds.iter().map(|b| b.clause))
            }))
            .collect();
        computable.sort();
        computable.dedup();
        let touched: std::collections::HashSet<ClausePath> = reports
            .iter()
            .flat_map(|r| r.touched.iter().copied())
            .collect();
        let covered = computable
            .iter()
            .copied()
            .filter(|c| touched.contains(c))
            .collect();
        // A clause with rules and a 不可计算 remark for its other sentences
        // counts as computable.
        let mut not_computable: Vec<ClausePath> = program
            .clauses
            .iter()
            .filter(|c| c.not_computable.is_some() && !computable.contains(&c.path))
            .map(|c| c.path)
            .collect();
        not_computable.sort();
        Coverage {
            computable,
            covered,
            not_computable,
        }
    }

    pub fn uncovered(&self) -> Vec<ClausePath> {
        self.computable
            .iter()
            .copied()
            .filter(|c| !self.covered.contains(c))
            .collect()
    }

    /// Percentage of computable clauses covered; 100 when there are none.
    pub fn percent(&self) -> Decimal {
        if self.computable.is_empty() {
            return Decimal::ONE_HUNDRED;
        }
        (Decimal::from(self.covered.len() * 100) / Decimal::from(self.computable.len())).round_dp(1)
    }
}
