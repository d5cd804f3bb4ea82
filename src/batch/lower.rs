//! Lowering a checked [`Program`] to a [`Plan`]: names to slot numbers,
//! enumeration values and texts to interned ids, clauses to small integers
//! with their JSON text, cases and bounds in evaluation order. Expressions
//! are lowered in `nodes`, their static kinds worked out in `kinds`.
//!
//! Lowering refuses (and the batch falls back to [`crate::eval`]) what the
//! plan cannot reproduce exactly: a parameter whose value is not a literal,
//! values of one rule in different units, outputs the notice does not define,
//! more than 64 rosters.

use super::kinds::{Kind, join, kind_of_value};
use super::plan::{
    BoundPlan, CasePlan, DerivedPlan, FactKind, FactPlan, Format, Node, NodeId, OutputPlan,
    OutputSource, ParamPlan, Plan, Refusal, SameDim, json_string, refuse,
};
use super::value::CVal;
use crate::ast::{Expr, ExprKind};
use crate::calendar::Calendar;
use crate::clause::ClausePath;
use crate::eval::value::money_places;
use crate::program::{DerivedInfo, Program, Type, Validity};
use crate::rules::{self, Constant, same_roster_name};
use crate::units::{self, Dim, Unit};
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::sync::Arc;

pub(crate) struct Lowering<'p> {
    pub(super) program: &'p Program,
    pub(super) fact_index: HashMap<&'p str, u32>,
    pub(super) param_index: HashMap<&'p str, u32>,
    pub(super) derived_index: HashMap<&'p str, u32>,
    pub(super) roster_index: HashMap<&'p str, u32>,
    pub(super) derived_order: Vec<&'p DerivedInfo>,
    pub(super) derived_kind: Vec<Option<Kind>>,
    /// Derived values whose kind is being worked out (a cycle guard).
    pub(super) in_progress: Vec<bool>,
    pub(super) param_kind: Vec<Kind>,
    pub(super) nodes: Vec<Node>,
    pub(super) list: Vec<(NodeId, SameDim)>,
    pub(super) args: Vec<NodeId>,
    pub(super) strings: Vec<String>,
    pub(super) string_index: HashMap<String, u32>,
    pub(super) clauses: Vec<ClausePath>,
    pub(super) clause_index: HashMap<ClausePath, u16>,
    pub(super) derived: Vec<Option<DerivedPlan>>,
}

impl<'p> Lowering<'p> {
    pub(crate) fn new(program: &'p Program) -> Self {
        let mut derived_order: Vec<&DerivedInfo> = program.derived.values().collect();
        derived_order.sort_by(|a, b| a.name.cmp(&b.name));
        let derived_index = derived_order
            .iter()
            .enumerate()
            .map(|(i, d)| (d.name.as_str(), i as u32))
            .collect();
        let mut params: Vec<&str> = program.params.keys().map(String::as_str).collect();
        params.sort_unstable();
        let mut rosters: Vec<&str> = program.rosters.keys().map(String::as_str).collect();
        rosters.sort_unstable();
        let n = derived_order.len();
        Lowering {
            program,
            fact_index: program
                .fact_order
                .iter()
                .enumerate()
                .map(|(i, n)| (n.as_str(), i as u32))
                .collect(),
            param_index: params
                .iter()
                .enumerate()
                .map(|(i, n)| (*n, i as u32))
                .collect(),
            derived_index,
            roster_index: rosters
                .iter()
                .enumerate()
                .map(|(i, n)| (*n, i as u32))
                .collect(),
            derived_order,
            derived_kind: vec![None; n],
            in_progress: vec![false; n],
            param_kind: Vec::new(),
            nodes: Vec::new(),
            list: Vec::new(),
            args: Vec::new(),
            strings: Vec::new(),
            string_index: HashMap::new(),
            clauses: Vec::new(),
            clause_index: HashMap::new(),
            derived: vec![None; n],
        }
    }

    pub(crate) fn run(mut self, calendar: Arc<Calendar>) -> Result<Plan, Refusal> {
        let program = self.program;
        if program.fact_order.len() != program.facts.len() {
            return refuse("事实的声明顺序与事实表不一致");
        }
        let facts = self.facts()?;
        let params = self.params()?;
        for d in 0..self.derived_order.len() {
            self.derived_kind(d as u32)?;
        }
        for d in 0..self.derived_order.len() {
            let plan = self.derived_plan(d)?;
            if let Some(slot) = self.derived.get_mut(d) {
                *slot = Some(plan);
            }
        }
        let outputs = self.outputs()?;
        let (case_date, validity) = self.case_date();
        let mut rosters: Vec<(&str, u32)> =
            self.roster_index.iter().map(|(n, i)| (*n, *i)).collect();
        rosters.sort_by_key(|(_, i)| *i);
        if rosters.len() > 64 {
            return refuse("名单超过 64 个");
        }
        let mut roster_members = Vec::new();
        let mut roster_names = Vec::new();
        let mut roster_clause = Vec::new();
        for (name, _) in rosters {
            let Some(info) = program.rosters.get(name) else {
                return refuse(format!("名单「{name}」未声明"));
            };
            roster_members.push(
                self.strings
                    .iter()
                    .map(|s| info.members.iter().any(|m| same_roster_name(m, s)))
                    .collect(),
            );
            roster_names.push(info.members.clone());
            roster_clause.push(self.clause(info.clause));
        }
        let derived = self.derived.into_iter().flatten().collect::<Vec<_>>();
        if derived.len() != self.derived_order.len() {
            return refuse("规则未能全部编译");
        }
        Ok(Plan {
            notice: program.doc_number.clone(),
            facts,
            params,
            derived,
            derived_names: self.derived_order.iter().map(|d| d.name.clone()).collect(),
            nodes: self.nodes,
            list: self.list,
            args: self.args,
            strings_json: self.strings.iter().map(|s| json_string(s)).collect(),
            string_ids: self.string_index,
            roster_members,
            roster_names,
            roster_clause,
            clauses_json: self
                .clauses
                .iter()
                .map(|c| json_string(&c.to_string()))
                .collect(),
            clauses: self.clauses,
            outputs,
            case_date,
            validity,
            calendar,
        })
    }

    pub(super) fn intern(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.string_index.get(s) {
            return id;
        }
        let id = self.strings.len() as u32;
        self.strings.push(s.to_string());
        self.string_index.insert(s.to_string(), id);
        id
    }

    pub(super) fn clause(&mut self, c: ClausePath) -> u16 {
        if let Some(&id) = self.clause_index.get(&c) {
            return id;
        }
        let id = self.clauses.len() as u16;
        self.clauses.push(c);
        self.clause_index.insert(c, id);
        id
    }

    pub(super) fn push(&mut self, node: Node) -> Result<NodeId, Refusal> {
        let id = u32::try_from(self.nodes.len()).or_else(|_| refuse("表达式过多"))?;
        self.nodes.push(node);
        Ok(id)
    }

    fn facts(&mut self) -> Result<Vec<FactPlan>, Refusal> {
        let program = self.program;
        let mut out = Vec::new();
        for name in &program.fact_order {
            let Some(info) = program.facts.get(name) else {
                return refuse(format!("事实「{name}」未声明"));
            };
            let kind = match &info.ty {
                Type::Bool => FactKind::Bool,
                Type::Date => FactKind::Date,
                Type::Text => FactKind::Text,
                Type::Enum(variants) => FactKind::Enum(
                    variants
                        .iter()
                        .map(|v| (v.clone(), self.intern(v)))
                        .collect(),
                ),
                // The fast path takes only plausible values (the plausibility
                // range lies inside the hard one): a value outside it goes to
                // the generic evaluator, which answers it with the warning,
                // or refuses it outside the hard range.
                Type::Quantity { unit, integral } => FactKind::Quantity {
                    scale: unit.scale,
                    unit_name: written_unit(unit),
                    integral: *integral,
                    range: info.plausible_range(),
                    whole_range: info
                        .plausible_range()
                        .and_then(|(lo, hi)| Some((whole_i128(lo)?, whole_i128(hi)?))),
                    scale_is_one: unit.scale.mantissa() == 1 && unit.scale.scale() == 0,
                },
            };
            out.push(FactPlan {
                name: name.clone(),
                kind,
            });
        }
        Ok(out)
    }

    fn params(&mut self) -> Result<Vec<ParamPlan>, Refusal> {
        let program = self.program;
        let mut names: Vec<(&str, u32)> = self.param_index.iter().map(|(n, i)| (*n, *i)).collect();
        names.sort_by_key(|(_, i)| *i);
        let mut out = Vec::new();
        for (name, _) in names {
            let Some(info) = program.params.get(name) else {
                return refuse(format!("参数「{name}」未声明"));
            };
            let mut values = Vec::new();
            let mut kind = Kind::Never;
            for (from, expr) in &info.values {
                let value = match &expr.kind {
                    ExprKind::Quantity { .. }
                    | ExprKind::Bool(_)
                    | ExprKind::Date(_)
                    | ExprKind::Text(_) => self.literal(expr),
                    ExprKind::Name(n) if !self.program.is_declared(n) => self.literal(expr),
                    _ => return refuse(format!("参数「{name}」的值不是字面量")),
                };
                match value {
                    Some((v, dim)) => {
                        kind = join(kind, kind_of_value(&v, &dim));
                        values.push((*from, Some(v)));
                    }
                    None => values.push((*from, None)),
                }
            }
            self.param_kind.push(kind);
            out.push(ParamPlan {
                clause: self.clause(info.clause),
                values,
            });
        }
        Ok(out)
    }

    /// A literal's value and unit dimension ([`rules::constant`]); `None`
    /// for any other expression, and where `eval` fails (an unknown unit, an
    /// overflow).
    pub(super) fn literal(&mut self, expr: &Expr) -> Option<(CVal, Dim)> {
        Some(match rules::constant(expr, self.program)? {
            Constant::Bool(b) => (CVal::bool(b), Dim::none()),
            Constant::Date(d) => (CVal::date(d), Dim::none()),
            Constant::Text(t) => (CVal::text(self.intern(t)), Dim::none()),
            Constant::Enum(n) => (CVal::enumeration(self.intern(n)), Dim::none()),
            Constant::Num(amount, dim) => (CVal::num(amount), dim),
        })
    }

    /// `eval::decide`'s notion of a constant case value.
    pub(super) fn constant(&mut self, expr: &Expr) -> Option<CVal> {
        self.literal(expr).map(|(v, _)| v)
    }

    fn derived_plan(&mut self, d: usize) -> Result<DerivedPlan, Refusal> {
        let Some(info) = self.derived_order.get(d).copied() else {
            return refuse("规则编号越界");
        };
        let n = info.cases.len();
        let mut cases = Vec::new();
        for case in &info.cases {
            let condition = match &case.condition {
                Some(c) => Some(self.lower(c, false)?),
                None => None,
            };
            let value = self.lower(&case.value, false)?;
            cases.push(CasePlan {
                clause: self.clause(case.clause),
                condition,
                value,
                constant: self.constant(&case.value),
            });
        }
        let mut overrides = Vec::with_capacity(n * n);
        for a in &info.cases {
            for b in &info.cases {
                overrides.push(a.overrides_case(b));
            }
        }
        let mut bounds = Vec::new();
        for bound in info.bounds_in_order() {
            let condition = match &bound.condition {
                Some(c) => Some(self.lower(c, false)?),
                None => None,
            };
            let value = self.lower(&bound.value, false)?;
            let masked_by = info.cases.iter().map(|c| bound.masked_by(c)).collect();
            let settles = crate::rules::settling_floor(bound, self.program)
                .and_then(|_| self.constant(&bound.value));
            bounds.push(BoundPlan {
                is_cap: bound.is_cap,
                clause: self.clause(bound.clause),
                condition,
                value,
                masked_by,
                settles,
            });
        }
        Ok(DerivedPlan {
            optional: info.optional,
            combine: info.combine,
            cases,
            overrides,
            bounds,
            integral_scale: info.ty.whole_unit_scale(),
        })
    }

    fn outputs(&mut self) -> Result<Vec<OutputPlan>, Refusal> {
        let program = self.program;
        let mut out = Vec::new();
        for (i, name) in program.outputs.iter().enumerate() {
            let (source, ty) = if let Some(info) = program.params.get(name) {
                let Some(&p) = self.param_index.get(name.as_str()) else {
                    return refuse(format!("参数「{name}」未编号"));
                };
                (OutputSource::Param(p), &info.ty)
            } else if let Some(info) = program.derived.get(name) {
                let Some(&d) = self.derived_index.get(name.as_str()) else {
                    return refuse(format!("规则「{name}」未编号"));
                };
                (OutputSource::Derived(d), &info.ty)
            } else {
                return refuse(format!("输出「{name}」没有定义"));
            };
            let comma = if i == 0 { "" } else { "," };
            let (format, unit_tail) = match ty {
                Type::Quantity { unit, .. } if unit.is_money() => (
                    Format::Money {
                        scale: unit.scale,
                        places: money_places(unit),
                    },
                    String::new(),
                ),
                Type::Quantity { unit, .. } => (
                    Format::Number { scale: unit.scale },
                    if unit.name.is_empty() {
                        String::new()
                    } else {
                        format!(",\"unit\":{}", json_string(&unit.name))
                    },
                ),
                _ => (Format::Plain, String::new()),
            };
            out.push(OutputPlan {
                source,
                head: format!("{comma}{}:{{\"value\":", json_string(name)),
                unit_tail,
                format,
            });
        }
        Ok(out)
    }

    fn case_date(&mut self) -> (Option<u32>, Option<Validity>) {
        let program = self.program;
        let Some(name) = &program.case_date else {
            return (None, None);
        };
        let slot = self.fact_index.get(name.as_str()).copied();
        let is_date = program.facts.get(name).is_some_and(|f| f.ty == Type::Date);
        let validity = program.validity.clone();
        match (slot, is_date) {
            (Some(s), true) => (Some(s), validity),
            // `eval` reads a case date that is not a date but then ignores it.
            _ => (slot, None),
        }
    }
}

/// The unit a fact's value may be written with and still take the fast path:
/// its declared unit, when that resolves back to the same scale.
fn written_unit(unit: &Unit) -> String {
    let parts = unit.name.split('/').map(str::to_string).collect();
    match units::resolve(&units::UnitExpr { parts }) {
        Ok(u) if u.dim == unit.dim && u.scale == unit.scale => unit.name.clone(),
        _ => String::new(),
    }
}

/// A whole decimal below 10^18 in magnitude, as an integer (a fact's range
/// compared on integers when a record is read).
fn whole_i128(d: Decimal) -> Option<i128> {
    let n = d.normalize();
    if n.scale() == 0 && n.mantissa().abs() < 1_000_000_000_000_000_000 {
        Some(n.mantissa())
    } else {
        None
    }
}
