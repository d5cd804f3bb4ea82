//! The input space of a notice, cut into slabs. Every constant a fact is
//! compared with (in any condition) is a cut; between two cuts, and on each
//! cut, every such comparison has one truth value. So a condition's truth is
//! decided slab by slab, exactly, as DMN tools sweep decision tables.

use crate::ast::{CmpOp, Expr, ExprKind, SetExpr};
use crate::program::{Program, Type};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// A constant, as conditions compare facts with it. Numbers are in the
/// base unit of their dimension (元, 亩, 日).
#[derive(Debug, Clone, PartialEq)]
pub enum Const {
    Bool(bool),
    Num(Decimal),
    Date(NaiveDate),
    Text(String),
}

/// One slab's representative value, in the fact's own terms (numbers in
/// the fact's declared unit, as a facts file would give them).
#[derive(Debug, Clone, PartialEq)]
pub enum Rep {
    Bool(bool),
    Num(Decimal),
    Date(NaiveDate),
    Text(String),
}

impl Rep {
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Rep::Bool(b) => serde_json::Value::Bool(*b),
            Rep::Num(n) => {
                let text = n.normalize().to_string();
                text.parse::<serde_json::Number>()
                    .map(serde_json::Value::Number)
                    .unwrap_or(serde_json::Value::String(text))
            }
            Rep::Date(d) => serde_json::Value::String(d.to_string()),
            Rep::Text(s) => serde_json::Value::String(s.clone()),
        }
    }
}

/// A fact's slabs.
#[derive(Debug, Clone)]
pub struct Partition {
    pub fact: String,
    pub reps: Vec<Rep>,
    /// The fact's unit scale: a constant in base units is `cut × scale`.
    scale: Decimal,
}

/// Every fact of a notice as a variable, with its slabs.
#[derive(Debug, Clone, Default)]
pub struct Domain {
    pub vars: Vec<Partition>,
    pub index: HashMap<String, usize>,
}

/// A text no roster or condition names, standing for "any other".
pub const OTHER_TEXT: &str = "（其他）";

impl Domain {
    pub fn of(program: &Program) -> Domain {
        let mut cuts: HashMap<String, Vec<Const>> = HashMap::new();
        for expr in all_exprs(program) {
            collect_cuts(expr, program, &mut cuts);
        }
        let mut domain = Domain::default();
        for name in &program.fact_order {
            let Some(info) = program.facts.get(name) else {
                continue;
            };
            let found = cuts.remove(name).unwrap_or_default();
            let partition = partition(program, name, &info.ty, info.domain_ends(), found);
            domain.index.insert(name.clone(), domain.vars.len());
            domain.vars.push(partition);
        }
        domain
    }

    pub fn size(&self, var: usize) -> usize {
        self.vars.get(var).map_or(1, |p| p.reps.len())
    }

    /// The slabs of `var` on which `test` holds for the representative.
    pub fn slabs_where(&self, var: usize, test: impl Fn(&Rep) -> bool) -> super::region::Slabs {
        let size = self.size(var);
        let mut slabs = super::region::Slabs::none(size);
        if let Some(p) = self.vars.get(var) {
            for (i, rep) in p.reps.iter().enumerate() {
                if test(rep) {
                    slabs.insert(i);
                }
            }
        }
        slabs
    }

    /// A constant in base units as the fact's own number.
    pub fn in_fact_units(&self, var: usize, c: &Const) -> Const {
        match (c, self.vars.get(var)) {
            (Const::Num(n), Some(p)) if !p.scale.is_zero() => {
                Const::Num(n.checked_div(p.scale).unwrap_or(*n))
            }
            _ => c.clone(),
        }
    }
}

/// Every expression of the program that can hold a condition.
pub fn all_exprs(program: &Program) -> Vec<&Expr> {
    let mut out = Vec::new();
    for d in program.derived.values() {
        for c in &d.cases {
            out.extend(c.condition.iter());
            out.push(&c.value);
        }
        for b in &d.bounds {
            out.extend(b.condition.iter());
            out.push(&b.value);
        }
    }
    out
}

/// The constant an expression stands for, if it is one.
pub fn constant(expr: &Expr, program: &Program) -> Option<Const> {
    match &expr.kind {
        ExprKind::Quantity { value, unit, .. } => {
            let scale = match unit {
                Some(u) => crate::units::resolve(u).ok()?.scale,
                None => Decimal::ONE,
            };
            value.checked_mul(scale).map(Const::Num)
        }
        ExprKind::Neg(inner) => match constant(inner, program)? {
            Const::Num(n) => Some(Const::Num(-n)),
            _ => None,
        },
        ExprKind::Date(d) => Some(Const::Date(*d)),
        ExprKind::Text(s) => Some(Const::Text(s.clone())),
        ExprKind::Bool(b) => Some(Const::Bool(*b)),
        ExprKind::Name(n) if program.params.get(n).is_some_and(|p| p.values.len() == 1) => {
            let (_, value) = program.params.get(n)?.values.first()?;
            constant(value, program)
        }
        // An undeclared name is an enumeration value (the checker made sure).
        ExprKind::Name(n) if !declared(program, n) => Some(Const::Text(n.clone())),
        _ => None,
    }
}

pub fn declared(program: &Program, name: &str) -> bool {
    program.facts.contains_key(name)
        || program.params.contains_key(name)
        || program.derived.contains_key(name)
        || program.rosters.contains_key(name)
}

fn fact_name<'e>(expr: &'e Expr, program: &Program) -> Option<&'e str> {
    match &expr.kind {
        ExprKind::Name(n) if program.facts.contains_key(n) => Some(n),
        _ => None,
    }
}

fn collect_cuts(expr: &Expr, program: &Program, cuts: &mut HashMap<String, Vec<Const>>) {
    for e in expr.walk() {
        match &e.kind {
            ExprKind::Compare { lhs, rhs, .. } => {
                for (side, other) in [(lhs, rhs), (rhs, lhs)] {
                    if let (Some(f), Some(c)) = (fact_name(side, program), constant(other, program))
                    {
                        cuts.entry(f.to_string()).or_default().push(c);
                    }
                }
            }
            ExprKind::In { lhs, set } => {
                let Some(f) = fact_name(lhs, program) else {
                    continue;
                };
                let entry = cuts.entry(f.to_string()).or_default();
                match set {
                    SetExpr::Literal(items) => {
                        entry.extend(items.iter().filter_map(|i| constant(i, program)));
                    }
                    SetExpr::Roster(r) => {
                        if let Some(roster) = program.rosters.get(&r.node) {
                            entry.extend(roster.members.iter().cloned().map(Const::Text));
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

fn partition(
    program: &Program,
    name: &str,
    ty: &Type,
    (low, high): (Option<Decimal>, Option<Decimal>),
    found: Vec<Const>,
) -> Partition {
    let fact = name.to_string();
    match ty {
        Type::Bool => Partition {
            fact,
            reps: vec![Rep::Bool(false), Rep::Bool(true)],
            scale: Decimal::ONE,
        },
        Type::Enum(variants) => Partition {
            fact,
            reps: variants.iter().cloned().map(Rep::Text).collect(),
            scale: Decimal::ONE,
        },
        Type::Text => {
            let mut values: Vec<String> = found
                .into_iter()
                .filter_map(|c| match c {
                    Const::Text(s) => Some(s),
                    _ => None,
                })
                .collect();
            values.sort();
            values.dedup();
            let mut reps: Vec<Rep> = values.into_iter().map(Rep::Text).collect();
            reps.push(Rep::Text(OTHER_TEXT.to_string()));
            Partition {
                fact,
                reps,
                scale: Decimal::ONE,
            }
        }
        Type::Date => {
            let mut cuts: Vec<NaiveDate> = found
                .into_iter()
                .filter_map(|c| match c {
                    Const::Date(d) => Some(d),
                    _ => None,
                })
                .collect();
            // The validity window bounds the case date: no case lies outside.
            let window = program
                .validity
                .as_ref()
                .filter(|_| program.case_date.as_deref() == Some(name))
                .map(|v| (v.effective, v.expires));
            if let Some((from, to)) = window {
                cuts.retain(|d| *d >= from && *d <= to);
                cuts.push(from);
                cuts.push(to);
            }
            cuts.sort();
            cuts.dedup();
            Partition {
                fact,
                reps: date_reps(&cuts, window.is_some()),
                scale: Decimal::ONE,
            }
        }
        Type::Quantity { unit, integral } => {
            let scale = if unit.scale.is_zero() {
                Decimal::ONE
            } else {
                unit.scale
            };
            let own = |n: Decimal| n.checked_div(scale).unwrap_or(n);
            let (low, high) = (low.map(own), high.map(own));
            let mut cuts: Vec<Decimal> = found
                .into_iter()
                .filter_map(|c| match c {
                    Const::Num(n) => Some(own(n)),
                    _ => None,
                })
                .filter(|n| low.is_none_or(|lo| *n >= lo) && high.is_none_or(|hi| *n <= hi))
                .collect();
            cuts.extend(low);
            cuts.extend(high);
            cuts.sort();
            cuts.dedup();
            Partition {
                fact,
                reps: number_reps(&cuts, *integral, (low.is_some(), high.is_some())),
                scale,
            }
        }
    }
}

/// Representatives of the slabs around sorted cuts: below the first (when
/// unbounded below), each cut, between each two, above the last (when
/// unbounded above).
fn number_reps(cuts: &[Decimal], integral: bool, (below, above): (bool, bool)) -> Vec<Rep> {
    let whole = |n: &Decimal| !integral || n.fract().is_zero();
    let mut reps = Vec::new();
    let Some(first) = cuts.first() else {
        return vec![Rep::Num(Decimal::ZERO)];
    };
    if !below {
        reps.push(Rep::Num(first.floor() - Decimal::ONE));
    }
    for (i, cut) in cuts.iter().enumerate() {
        if whole(cut) {
            reps.push(Rep::Num(*cut));
        }
        if let Some(next) = cuts.get(i + 1) {
            let between = if integral {
                Some(cut.floor() + Decimal::ONE).filter(|b| b < next)
            } else {
                (*cut + *next).checked_div(Decimal::TWO)
            };
            reps.extend(between.map(Rep::Num));
        }
    }
    if !above && let Some(last) = cuts.last() {
        reps.push(Rep::Num(last.floor() + Decimal::ONE));
    }
    reps
}

fn date_reps(cuts: &[NaiveDate], bounded: bool) -> Vec<Rep> {
    let mut reps = Vec::new();
    let Some(first) = cuts.first() else {
        // No date is compared: any ordinary day will do.
        return NaiveDate::from_ymd_opt(2016, 6, 1)
            .map(Rep::Date)
            .into_iter()
            .collect();
    };
    if !bounded {
        reps.extend(first.pred_opt().map(Rep::Date));
    }
    for (i, cut) in cuts.iter().enumerate() {
        reps.push(Rep::Date(*cut));
        if let (Some(next), Some(after)) = (cuts.get(i + 1), cut.succ_opt())
            && after < *next
        {
            reps.push(Rep::Date(after));
        }
    }
    if !bounded && let Some(last) = cuts.last() {
        reps.extend(last.succ_opt().map(Rep::Date));
    }
    reps
}

/// Whether `rep op c` holds (both in the fact's own terms).
pub fn compare(rep: &Rep, op: CmpOp, c: &Const) -> Option<bool> {
    use std::cmp::Ordering;
    let ord: Ordering = match (rep, c) {
        (Rep::Num(a), Const::Num(b)) => a.cmp(b),
        (Rep::Date(a), Const::Date(b)) => a.cmp(b),
        (Rep::Bool(a), Const::Bool(b)) => a.cmp(b),
        (Rep::Text(a), Const::Text(b)) => {
            return match op {
                CmpOp::Eq => Some(a == b),
                CmpOp::Ne => Some(a != b),
                _ => None,
            };
        }
        _ => return None,
    };
    Some(match op {
        CmpOp::Eq => ord == Ordering::Equal,
        CmpOp::Ne => ord != Ordering::Equal,
        CmpOp::Lt => ord == Ordering::Less,
        CmpOp::Le => ord != Ordering::Greater,
        CmpOp::Gt => ord == Ordering::Greater,
        CmpOp::Ge => ord != Ordering::Less,
    })
}
