//! Deadline chains: the steps of a procedure (程序), each with its own time
//! limit, done one after the other, against the overall limit. Steps in 日
//! and 工作日 are compared on the official calendar: N calendar days hold at
//! most N working days; N working days span at least N calendar days and at
//! most as many as the longest holiday period stretches them.

use super::Finding;
use super::domain::{Const, constant};
use super::error::{ReviewError, ReviewErrorKind};
use crate::calendar::Calendar;
use crate::program::{ProcedureInfo, Program, Type, in_force};
use crate::units::BaseDim;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::collections::BTreeSet;

pub fn chains(program: &Program, calendar: &Calendar) -> Vec<Finding> {
    let mut findings = Vec::new();
    for proc in &program.procedures {
        if let Some(f) = check(program, calendar, proc) {
            findings.push(f);
        }
    }
    findings
}

/// A time limit: amount and unit.
#[derive(Debug, Clone, Copy)]
struct Limit {
    amount: Decimal,
    unit: BaseDim,
}

impl Limit {
    fn shown(&self) -> String {
        format!("{}{}", self.amount.normalize(), self.unit.base_unit())
    }
}

/// The dates on which any of the procedure's parameters changes value;
/// the check runs for each (the limits in force together).
fn change_dates(program: &Program, proc: &ProcedureInfo) -> Vec<Option<NaiveDate>> {
    let dates: BTreeSet<NaiveDate> = proc
        .steps
        .iter()
        .chain(std::iter::once(&proc.total))
        .filter_map(|(n, _)| program.params.get(n))
        .flat_map(|p| p.values.iter().map(|(d, _)| *d))
        .collect();
    if dates.is_empty() {
        vec![None]
    } else {
        dates.into_iter().map(Some).collect()
    }
}

fn limit(program: &Program, name: &str, on: Option<NaiveDate>) -> Option<Limit> {
    let (ty, expr) = if let Some(p) = program.params.get(name) {
        (&p.ty, &in_force(&p.values, on)?.1)
    } else {
        let d = program.derived.get(name)?;
        match d.cases.as_slice() {
            [only] if only.condition.is_none() => (&d.ty, &only.value),
            _ => return None,
        }
    };
    let Type::Quantity { unit, .. } = ty else {
        return None;
    };
    let Some(Const::Num(base)) = constant(expr, program) else {
        return None;
    };
    Some(Limit {
        amount: base,
        unit: unit.dim.simple()?,
    })
}

fn check(program: &Program, calendar: &Calendar, proc: &ProcedureInfo) -> Option<Finding> {
    for on in change_dates(program, proc) {
        let steps: Option<Vec<Limit>> = proc
            .steps
            .iter()
            .map(|(n, _)| limit(program, n, on))
            .collect();
        let (Some(steps), Some(total)) = (steps, limit(program, &proc.total.0, on)) else {
            return None;
        };
        let most = longest(calendar, &steps, total.unit)?;
        if most > total.amount {
            let shown: Vec<String> = steps.iter().map(Limit::shown).collect();
            return Some(Finding::new(ReviewError::new(
                ReviewErrorKind::DeadlineChain {
                    name: proc.name.clone(),
                    steps: shown,
                    total: total.shown(),
                    most: format!("{}{}", most.normalize(), total.unit.base_unit()),
                },
                proc.span,
                proc.clause,
            )));
        }
    }
    None
}

/// The longest the steps can take together, in `unit`.
fn longest(calendar: &Calendar, steps: &[Limit], unit: BaseDim) -> Option<Decimal> {
    let mut sum = Decimal::ZERO;
    for step in steps {
        let part = match (step.unit, unit) {
            (a, b) if a == b => step.amount,
            // N calendar days hold at most N working days.
            (BaseDim::Day, BaseDim::WorkDay) => step.amount,
            (BaseDim::Hour, BaseDim::WorkDay) => (step.amount / Decimal::from(24)).ceil(),
            (BaseDim::Hour, BaseDim::Day) => step.amount / Decimal::from(24),
            (BaseDim::Day, BaseDim::Hour) => step.amount * Decimal::from(24),
            (BaseDim::WorkDay, BaseDim::Day) => Decimal::from(longest_span(calendar, step.amount)?),
            (BaseDim::WorkDay, BaseDim::Hour) => {
                Decimal::from(longest_span(calendar, step.amount)?) * Decimal::from(24)
            }
            _ => return None,
        };
        sum = sum.checked_add(part)?;
    }
    Some(sum)
}

/// The most calendar days N working days span on the official calendar
/// (over the 国庆 or 春节 week, say), over every start day of its data.
fn longest_span(calendar: &Calendar, n: Decimal) -> Option<i64> {
    let n = n.trunc().to_u32()?;
    let mut day = calendar.first_day();
    let mut most = 0;
    while day < calendar.last_day() {
        match calendar.add_working_days(day, n) {
            Ok(end) => most = most.max((end - day).num_days()),
            Err(_) => break,
        }
        day = day.succ_opt()?;
    }
    Some(most)
}

/// Phases of a work plan, in the order written: each should start after
/// the one before it started, and not before it ended.
pub fn phases(program: &Program) -> Vec<Finding> {
    let mut findings = Vec::new();
    for pair in program.phases.windows(2) {
        let [before, after] = pair else { continue };
        let error = if after.from < before.from {
            ReviewError::new(
                ReviewErrorKind::PhaseOrder {
                    name: after.name.clone(),
                    other: before.name.clone(),
                    other_clause: before.clause,
                },
                after.span,
                after.clause,
            )
        } else if after.from <= before.to {
            ReviewError::new(
                ReviewErrorKind::PhaseOverlap {
                    name: after.name.clone(),
                    other: before.name.clone(),
                    other_clause: before.clause,
                    from: after.from,
                    to: before.to,
                },
                after.span,
                after.clause,
            )
        } else {
            continue;
        };
        let mut finding = Finding::new(error);
        finding.related = vec![(before.span, before.clause)];
        findings.push(finding);
    }
    findings
}
