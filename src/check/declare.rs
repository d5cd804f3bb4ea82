//! Declarations: facts, parameters, outputs, rules, rosters, decision tables,
//! and the cases and bounds attached to derived values.

use super::Checker;
use super::error::{CheckError, CheckErrorKind, Combination, Context, Expected, Found};
use crate::ast::{Stmt, TypeExpr, TypeExprKind};
use crate::clause::ClausePath;
use crate::program::*;
use crate::units::{self, Unit};

/// An inclusive range in base units.
type Bounds = (rust_decimal::Decimal, rust_decimal::Decimal);

impl Checker {
    pub(super) fn duplicate(
        &mut self,
        name: &crate::ast::Spanned<String>,
        clause: ClausePath,
    ) -> bool {
        if let Some(first) = self.declared_at(&name.node) {
            self.findings.push(CheckError::new(
                CheckErrorKind::DuplicateName {
                    name: name.node.clone(),
                    first,
                },
                name.span,
                clause,
            ));
            true
        } else {
            false
        }
    }

    pub(crate) fn resolve_type(&mut self, ty: &TypeExpr, clause: ClausePath) -> Option<Type> {
        Some(match &ty.kind {
            TypeExprKind::Bool => Type::Bool,
            TypeExprKind::Int => Type::Quantity {
                unit: Unit::none(),
                integral: true,
            },
            TypeExprKind::Decimal => Type::Quantity {
                unit: Unit::none(),
                integral: false,
            },
            TypeExprKind::Date => Type::Date,
            TypeExprKind::Text => Type::Text,
            TypeExprKind::Enum(variants) => {
                Type::Enum(variants.iter().map(|v| v.node.clone()).collect())
            }
            TypeExprKind::Unit(expr) => match units::resolve(expr) {
                Ok(unit) => {
                    let integral = unit.is_integral();
                    Type::Quantity { unit, integral }
                }
                Err(part) => {
                    self.findings.push(CheckError::new(
                        CheckErrorKind::UnknownUnit { unit: part },
                        ty.span,
                        clause,
                    ));
                    return None;
                }
            },
        })
    }

    pub(super) fn declare(&mut self, (clause, stmt): &(ClausePath, Stmt)) {
        let clause = *clause;
        match stmt {
            Stmt::Fact(f) => {
                if self.duplicate(&f.name, clause) {
                    return;
                }
                let Some(ty) = self.resolve_type(&f.ty, clause) else {
                    return;
                };
                let (range, typical) = match &f.range {
                    Some(declared) => self.fact_ranges(&f.name.node, declared, &ty, clause),
                    None => (None, None),
                };
                let info = FactInfo {
                    name: f.name.node.clone(),
                    ty,
                    clause,
                    span: f.name.span,
                    range,
                    typical,
                };
                self.program.fact_order.push(info.name.clone());
                self.program.facts.insert(info.name.clone(), info);
            }
            Stmt::Param(p) => {
                if self.duplicate(&p.name, clause) {
                    return;
                }
                let Some(ty) = self.resolve_type(&p.ty, clause) else {
                    return;
                };
                let mut values: Vec<_> =
                    p.values.iter().map(|(d, e)| (d.node, e.clone())).collect();
                values.sort_by_key(|(d, _)| *d);
                for (d, _) in &p.values {
                    self.dates.push((d.node, d.span, clause));
                }
                let info = ParamInfo {
                    name: p.name.node.clone(),
                    ty,
                    clause,
                    span: p.name.span,
                    values,
                };
                self.program.params.insert(info.name.clone(), info);
            }
            Stmt::Output(d) | Stmt::Rule(d) => {
                if self.duplicate(&d.name, clause) {
                    return;
                }
                let Some(ty) = self.resolve_type(&d.ty, clause) else {
                    return;
                };
                let is_output = matches!(stmt, Stmt::Output(_));
                let mut info = DerivedInfo {
                    name: d.name.node.clone(),
                    ty,
                    clause,
                    span: d.name.span,
                    is_output,
                    optional: d.optional,
                    cases: Vec::new(),
                    bounds: Vec::new(),
                    combine: None,
                };
                if let Some((value, condition)) = &d.inline {
                    info.cases.push(CaseInfo {
                        clause,
                        is_default: false,
                        condition: condition.clone(),
                        value: value.clone(),
                        overrides: Vec::new(),
                        rank: None,
                        row: None,
                        span: value.span,
                    });
                }
                if is_output {
                    self.program.outputs.push(info.name.clone());
                }
                self.program.derived.insert(info.name.clone(), info);
            }
            Stmt::Roster(r) => {
                if self.duplicate(&r.name, clause) {
                    return;
                }
                let mut members: Vec<String> = Vec::with_capacity(r.members.len());
                for m in &r.members {
                    if members.contains(&m.node) {
                        self.findings.push(CheckError::new(
                            CheckErrorKind::RosterDuplicate {
                                name: r.name.node.clone(),
                                member: m.node.clone(),
                            },
                            m.span,
                            clause,
                        ));
                    }
                    members.push(m.node.clone());
                }
                if let Some(count) = &r.declared_count
                    && count.node as usize != members.len()
                {
                    self.findings.push(CheckError::new(
                        CheckErrorKind::RosterCount {
                            name: r.name.node.clone(),
                            declared: count.node,
                            actual: members.len(),
                        },
                        r.span,
                        clause,
                    ));
                }
                let info = RosterInfo {
                    name: r.name.node.clone(),
                    clause,
                    members,
                };
                self.program.rosters.insert(info.name.clone(), info);
            }
            Stmt::Table(t) => self.declare_table(clause, t),
            Stmt::Reading(r) => self.declare_reading(clause, r),
            _ => {}
        }
    }

    /// A fact's declared bound: a constant in a unit of the fact's dimension,
    /// converted to base units.
    /// The hard and plausibility ranges of a fact in base units; a
    /// plausibility range outside the hard one is reported (it would warn
    /// about values the hard range never lets through, or let through
    /// values it calls implausible).
    fn fact_ranges(
        &mut self,
        name: &str,
        declared: &crate::ast::FactRange,
        ty: &Type,
        clause: ClausePath,
    ) -> (Option<Bounds>, Option<Bounds>) {
        use rust_decimal::Decimal;
        let low = match &declared.low {
            Some(e) => self.range_bound(e, ty, clause),
            None => Some(Decimal::MIN),
        };
        let high = match &declared.high {
            Some(e) => self.range_bound(e, ty, clause),
            None => Some(Decimal::MAX),
        };
        let range = low.zip(high);
        let typical = declared.typical.as_ref().and_then(|(lo, hi)| {
            Some((
                self.range_bound(lo, ty, clause)?,
                self.range_bound(hi, ty, clause)?,
            ))
        });
        if let (Some((lo, hi)), Some((tlo, thi)), Some((tlo_e, thi_e)), Type::Quantity { unit, .. }) =
            (range, typical, declared.typical.as_ref(), ty)
            && (tlo < lo || thi > hi || tlo > thi)
        {
            self.findings.push(CheckError::new(
                CheckErrorKind::TypicalOutsideRange {
                    name: name.to_string(),
                    range: range_text(lo, hi, unit),
                    typical: range_text(tlo, thi, unit),
                },
                crate::source::Span::new(tlo_e.span.start, thi_e.span.end),
                clause,
            ));
        }
        (range, typical)
    }

    pub(super) fn range_bound(
        &mut self,
        bound: &crate::ast::Expr,
        ty: &Type,
        clause: ClausePath,
    ) -> Option<rust_decimal::Decimal> {
        use crate::ast::ExprKind;
        let (value, negative, unit) = match &bound.kind {
            ExprKind::Quantity { value, unit, .. } => (*value, false, unit),
            ExprKind::Neg(inner) => match &inner.kind {
                ExprKind::Quantity { value, unit, .. } => (*value, true, unit),
                _ => return None,
            },
            _ => {
                self.findings.push(CheckError::new(
                    CheckErrorKind::TypeMismatch {
                        expected: Expected::Constant,
                        found: Found::Expression,
                        context: Context::RangeBound,
                    },
                    bound.span,
                    clause,
                ));
                return None;
            }
        };
        let Type::Quantity {
            unit: fact_unit, ..
        } = ty
        else {
            self.findings.push(CheckError::new(
                CheckErrorKind::TypeMismatch {
                    expected: Expected::QuantityFact,
                    found: Found::Declared(ty.clone()),
                    context: Context::Range,
                },
                bound.span,
                clause,
            ));
            return None;
        };
        let written = match unit {
            Some(u) => units::resolve(u).ok()?,
            None => fact_unit.clone(),
        };
        if written.dim != fact_unit.dim {
            self.findings.push(CheckError::new(
                CheckErrorKind::UnitMismatch {
                    left: fact_unit.dim.clone(),
                    right: written.dim.clone(),
                    combination: Combination::Match,
                },
                bound.span,
                clause,
            ));
            return None;
        }
        let base = value.checked_mul(written.scale)?;
        Some(if negative { -base } else { base })
    }

    pub(super) fn attach_case(&mut self, (clause, stmt): &(ClausePath, Stmt)) {
        if let Stmt::Bound(bound) = stmt {
            self.attach_bound(*clause, bound);
            return;
        }
        let Stmt::Case(case) = stmt else { return };
        let name = &case.name.node;
        if self.program.facts.contains_key(name) || self.program.params.contains_key(name) {
            self.findings.push(CheckError::new(
                CheckErrorKind::AssignToInput { name: name.clone() },
                case.name.span,
                *clause,
            ));
            return;
        }
        let Some(derived) = self.program.derived.get_mut(name) else {
            self.unknown_name(name, case.name.span, *clause);
            return;
        };
        derived.cases.push(CaseInfo {
            clause: *clause,
            is_default: case.is_default,
            condition: case.condition.clone(),
            value: case.value.clone(),
            overrides: Vec::new(),
            rank: None,
            row: None,
            span: case.span,
        });
    }

    pub(super) fn attach_bound(&mut self, clause: ClausePath, bound: &crate::ast::Bound) {
        let name = &bound.name.node;
        let Some(derived) = self.program.derived.get_mut(name) else {
            self.unknown_name(name, bound.name.span, clause);
            return;
        };
        derived.bounds.push(BoundInfo {
            is_cap: bound.is_cap,
            clause,
            condition: bound.condition.clone(),
            value: bound.value.clone(),
            span: bound.span,
        });
    }

    /// A decision table is a derived value whose cases are its rows.
    pub(super) fn declare_table(&mut self, clause: ClausePath, table: &crate::ast::TableDecl) {
        if self.duplicate(&table.name, clause) {
            return;
        }
        let Some(ty) = self.resolve_type(&table.ty, clause) else {
            return;
        };
        let mut cases = Vec::new();
        for (i, row) in table.rows.iter().enumerate() {
            if row.cells.len() != table.inputs.len() {
                self.findings.push(CheckError::new(
                    CheckErrorKind::TableShape {
                        name: table.name.node.clone(),
                        row: i + 1,
                        cells: row.cells.len(),
                        inputs: table.inputs.len(),
                    },
                    row.span,
                    clause,
                ));
                continue;
            }
            cases.push(CaseInfo {
                clause,
                is_default: false,
                condition: table_condition(&table.inputs, &row.cells, row.span),
                value: row.value.clone(),
                overrides: Vec::new(),
                rank: (table.hit == crate::ast::HitPolicy::First).then_some(i),
                row: Some(i + 1),
                span: row.span,
            });
        }
        let mut info = DerivedInfo {
            name: table.name.node.clone(),
            ty,
            clause,
            span: table.name.span,
            is_output: false,
            optional: false,
            cases,
            bounds: Vec::new(),
            combine: None,
        };
        info.combine = match table.hit {
            crate::ast::HitPolicy::Largest => Some(Combine::Largest),
            crate::ast::HitPolicy::Smallest => Some(Combine::Smallest),
            _ => None,
        };
        self.program.derived.insert(info.name.clone(), info);
    }
}

/// A table row's cells as one condition: every input matches its cell.
fn table_condition(
    inputs: &[crate::ast::Expr],
    cells: &[crate::ast::Cell],
    span: crate::source::Span,
) -> Option<crate::ast::Expr> {
    use crate::ast::{BinOp, Cell, CmpOp, Expr, ExprKind};
    let mut parts = Vec::new();
    for (input, cell) in inputs.iter().zip(cells) {
        let lhs = Box::new(input.clone());
        let kind = match cell {
            Cell::Any(_) => continue,
            Cell::Equals(value) => ExprKind::Compare {
                op: CmpOp::Eq,
                word: "=".into(),
                lhs,
                rhs: Box::new(value.clone()),
            },
            Cell::Compare { op, word, bound } => ExprKind::Compare {
                op: *op,
                word: word.clone(),
                lhs,
                rhs: Box::new(bound.clone()),
            },
            Cell::In(set, _) => ExprKind::In {
                lhs,
                set: set.clone(),
            },
        };
        parts.push(Expr { kind, span });
    }
    parts.into_iter().reduce(|a, b| Expr {
        kind: ExprKind::Binary {
            op: BinOp::And,
            lhs: Box::new(a),
            rhs: Box::new(b),
        },
        span,
    })
}
