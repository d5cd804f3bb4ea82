//! Coverage: which of a notice's computable clauses its cases reach, from
//! the clauses each case's evaluation went through, and which rows of its
//! decision tables some case decided by. A table shares one clause among
//! all its rows, so a table whose row no case ever used would otherwise
//! count as covered.

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
    /// Every row of every decision table.
    pub rows: Vec<TableRow>,
    /// Those of them that decided a value in some case.
    pub covered_rows: Vec<TableRow>,
}

/// One row of a decision table: the table's name and clause, and the row
/// (1 for the first).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct TableRow {
    pub clause: ClausePath,
    pub table: String,
    pub row: usize,
}

impl TableRow {
    /// 第四条决策表「管理期限表」的第2行; row 2 of the table 管理期限表 in 第四条.
    pub fn describe(&self, lang: crate::diag::Lang) -> String {
        match lang {
            crate::diag::Lang::Zh => {
                format!("{}决策表「{}」的第{}行", self.clause, self.table, self.row)
            }
            crate::diag::Lang::En => format!(
                "row {} of the table `{}` in {}",
                self.row, self.table, self.clause
            ),
        }
    }
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
        let mut rows: Vec<TableRow> = program
            .derived
            .values()
            .flat_map(|d| {
                d.cases.iter().filter_map(|c| {
                    c.row.map(|row| TableRow {
                        clause: c.clause,
                        table: d.name.clone(),
                        row,
                    })
                })
            })
            .collect();
        rows.sort();
        rows.dedup();
        let decided: std::collections::HashSet<(&str, usize)> = reports
            .iter()
            .flat_map(|r| r.rows.iter().map(|(t, row)| (t.as_str(), *row)))
            .collect();
        let covered_rows = rows
            .iter()
            .filter(|r| decided.contains(&(r.table.as_str(), r.row)))
            .cloned()
            .collect();
        Coverage {
            computable,
            covered,
            not_computable,
            rows,
            covered_rows,
        }
    }

    /// Rows no case decided by.
    pub fn uncovered_rows(&self) -> Vec<TableRow> {
        self.rows
            .iter()
            .filter(|r| !self.covered_rows.contains(r))
            .cloned()
            .collect()
    }

    pub fn uncovered(&self) -> Vec<ClausePath> {
        self.computable
            .iter()
            .copied()
            .filter(|c| !self.covered.contains(c))
            .collect()
    }

    /// Percentage of what is counted (computable clauses and table rows)
    /// that is covered; 100 when there is nothing to count.
    pub fn percent(&self) -> Decimal {
        let counted = self.computable.len() + self.rows.len();
        if counted == 0 {
            return Decimal::ONE_HUNDRED;
        }
        let covered = self.covered.len() + self.covered_rows.len();
        (Decimal::from(covered * 100) / Decimal::from(counted)).round_dp(1)
    }
}
