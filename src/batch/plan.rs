//! The plan: a checked [`Program`] lowered to numbered slots. Facts, parameters
//! and derived values are indices, enumeration values and texts are interned
//! to integers, expressions are a flat table of nodes that point at each other
//! by index, and every clause a case can cite is a small integer whose JSON
//! text is written once, here.
//!
//! The plan is built by `lower` (which may refuse a notice) and run by `run`.

use super::value::CVal;
use crate::ast::{BinOp, CmpOp, Func};
use crate::calendar::Calendar;
use crate::clause::ClausePath;
use crate::period::Shift;
use crate::program::{Combine, Program, Validity};
use crate::rules::{Masking, same_roster_name};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

pub(crate) type NodeId = u32;

/// Why a notice runs on the generic evaluator instead of a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub reason: String,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

pub(crate) fn refuse<T>(reason: impl Into<String>) -> Result<T, Refusal> {
    Err(Refusal {
        reason: reason.into(),
    })
}

/// Whether two numbers compared by `属于 {…}` carry the same unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SameDim {
    Yes,
    No,
    Unknown,
}

#[derive(Debug, Clone)]
pub(crate) enum Node {
    Const(CVal),
    /// Reached only where the generic evaluator reports an error: the case
    /// is handed to it.
    Defer,
    Fact(u32),
    Param(u32),
    Derived(u32),
    Neg(NodeId),
    Not(NodeId),
    /// `且` / `或` chains, flattened: operands `args[start..start + len]`,
    /// evaluated left to right until one decides.
    All {
        start: u32,
        len: u32,
    },
    Any {
        start: u32,
        len: u32,
    },
    /// `fact op constant`, the commonest condition, in one step.
    FactCompare {
        slot: u32,
        op: CmpOp,
        value: CVal,
    },
    Arith {
        op: BinOp,
        lhs: NodeId,
        rhs: NodeId,
        /// How a date on the left moves by the right operand
        /// ([`Shift::of`]); `None` where the generic evaluator reports an
        /// error, or the right operand's unit is not known before evaluation.
        shift: Option<Shift>,
    },
    Compare {
        op: CmpOp,
        lhs: NodeId,
        rhs: NodeId,
    },
    /// `lhs 属于 {items}`: items are `list[start..start + len]`.
    InList {
        lhs: NodeId,
        start: u32,
        len: u32,
    },
    InRoster {
        lhs: NodeId,
        roster: u32,
    },
    /// A function of arguments `args[start..start + len]`, all evaluated.
    Call {
        func: Func,
        start: u32,
        len: u32,
    },
    If {
        cond: NodeId,
        then: NodeId,
        otherwise: NodeId,
    },
}

/// How a value is written in the JSON answer, by the declared type.
#[derive(Debug, Clone)]
pub(crate) enum Format {
    /// 元 and its multiples: a string exact to the fen.
    Money { scale: Decimal, places: u32 },
    /// Other quantities: a JSON number in the declared unit.
    Number { scale: Decimal },
    /// A number whose declared type is not a quantity.
    Plain,
}

#[derive(Debug, Clone)]
pub(crate) struct FactPlan {
    pub name: String,
    pub kind: FactKind,
}

#[derive(Debug, Clone)]
pub(crate) enum FactKind {
    Bool,
    Date,
    /// Interned when the plan knows the text, else kept with the record.
    Text,
    /// Variants with their interned ids.
    Enum(Vec<(String, u32)>),
    Quantity {
        scale: Decimal,
        /// The unit as the fact declares it; a value written with it is read
        /// at `scale`, any other written unit goes to the generic evaluator.
        unit_name: String,
        integral: bool,
        range: Option<(Decimal, Decimal)>,
        /// The range as whole numbers of the base unit, when it is whole
        /// (for a comparison without rescaling decimals).
        whole_range: Option<(i128, i128)>,
        /// `scale` is exactly 1 (scale 0): multiplying by it changes nothing.
        scale_is_one: bool,
    },
}

#[derive(Debug, Clone)]
pub(crate) struct ParamPlan {
    pub clause: u16,
    /// (in force from, value); `None` where the value does not evaluate.
    pub values: Vec<(NaiveDate, Option<CVal>)>,
}

#[derive(Debug, Clone)]
pub(crate) struct CasePlan {
    pub clause: u16,
    pub condition: Option<NodeId>,
    pub value: NodeId,
    /// The value when it is a literal (`eval::decide` skips such a case when
    /// it cannot change the answer).
    pub constant: Option<CVal>,
}

#[derive(Debug, Clone)]
pub(crate) struct BoundPlan {
    pub is_cap: bool,
    pub clause: u16,
    pub condition: Option<NodeId>,
    pub value: NodeId,
    /// `masked_by[i]`: case `i`, when it decides, masks this bound
    /// ([`crate::program::BoundInfo::masked_by`], precomputed).
    pub masked_by: Vec<bool>,
    /// A floor's literal limit when it settles the value whatever the caps
    /// do ([`crate::rules::settling_floor`]).
    pub settles: Option<CVal>,
}

#[derive(Debug, Clone)]
pub(crate) struct DerivedPlan {
    pub optional: bool,
    pub combine: Option<Combine>,
    pub cases: Vec<CasePlan>,
    /// `overrides[i * n + j]`: case `i` masks case `j`
    /// ([`crate::program::CaseInfo::overrides_case`], precomputed).
    pub overrides: Vec<bool>,
    /// In the order they apply
    /// ([`crate::program::DerivedInfo::bounds_in_order`]).
    pub bounds: Vec<BoundPlan>,
    /// The declared unit's scale when the value must come out whole
    /// ([`crate::program::Type::whole_unit_scale`]).
    pub integral_scale: Option<Decimal>,
}

impl Masking for DerivedPlan {
    fn case_count(&self) -> usize {
        self.cases.len()
    }

    #[inline]
    fn masks(&self, i: usize, j: usize) -> bool {
        let n = self.cases.len();
        self.overrides.get(i * n + j).copied().unwrap_or(false)
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum OutputSource {
    Param(u32),
    Derived(u32),
}

#[derive(Debug, Clone)]
pub(crate) struct OutputPlan {
    pub source: OutputSource,
    /// `"名称":{"value":` (with a leading comma after the first output).
    pub head: String,
    /// `,"unit":"‰"` for quantities other than money; empty otherwise.
    pub unit_tail: String,
    pub format: Format,
}

/// A notice compiled for batch evaluation. See the module documentation.
#[derive(Debug, Clone)]
pub struct Plan {
    pub(crate) notice: String,
    pub(crate) facts: Vec<FactPlan>,
    pub(crate) params: Vec<ParamPlan>,
    pub(crate) derived: Vec<DerivedPlan>,
    pub(crate) derived_names: Vec<String>,
    pub(crate) nodes: Vec<Node>,
    pub(crate) list: Vec<(NodeId, SameDim)>,
    pub(crate) args: Vec<NodeId>,
    /// Interned enumeration values and texts, as JSON strings.
    pub(crate) strings_json: Vec<String>,
    /// Interned strings by their text, to intern a record's text facts.
    pub(crate) string_ids: HashMap<String, u32>,
    /// `roster_members[r][id]`: interned string `id` is on roster `r`.
    pub(crate) roster_members: Vec<Vec<bool>>,
    /// Each roster's members, to place a record's own texts on them.
    pub(crate) roster_names: Vec<Vec<String>>,
    pub(crate) roster_clause: Vec<u16>,
    /// Every clause a value can cite, as a quoted JSON string.
    pub(crate) clauses_json: Vec<String>,
    pub(crate) clauses: Vec<ClausePath>,
    pub(crate) outputs: Vec<OutputPlan>,
    /// The fact that dates a case, and the window it must fall in.
    pub(crate) case_date: Option<u32>,
    pub(crate) validity: Option<Validity>,
    /// The calendar periods are counted on (shared by every worker).
    pub(crate) calendar: Arc<Calendar>,
}

impl Plan {
    /// The value of a text fact: interned if the plan knows the text (so it
    /// equals the notice's own texts), else kept with the record.
    pub(crate) fn text_value(&self, text: &str, texts: &mut super::value::Texts) -> CVal {
        if let Some(&id) = self.string_ids.get(text) {
            return CVal::text(id);
        }
        texts.keep(text, |t| {
            let mut on = 0u64;
            for (r, members) in self.roster_names.iter().enumerate() {
                if members.iter().any(|m| same_roster_name(t, m)) {
                    on |= 1 << r;
                }
            }
            on
        })
    }

    /// Lowers a checked notice, or says why it cannot be. Periods will be
    /// counted on `calendar`.
    pub fn compile(program: &Program, calendar: Arc<Calendar>) -> Result<Plan, Refusal> {
        super::lower::Lowering::new(program).run(calendar)
    }

    /// The notice's 文号.
    pub fn notice(&self) -> &str {
        &self.notice
    }

    /// A few lines on what the plan holds, for `polc batch --explain-plan`.
    pub fn describe(&self) -> String {
        let mut out = String::new();
        out.push_str(&format!(
            "facts {} slots, parameters {}, rules and outputs {}, expression nodes {}, interned values {}, clauses {}\n",
            self.facts.len(),
            self.params.len(),
            self.derived.len(),
            self.nodes.len(),
            self.strings_json.len(),
            self.clauses.len()
        ));
        for (d, name) in self.derived.iter().zip(&self.derived_names) {
            let clauses: Vec<String> = d
                .cases
                .iter()
                .filter_map(|c| self.clauses.get(usize::from(c.clause)))
                .map(ToString::to_string)
                .collect();
            out.push_str(&format!(
                "  {name}: {} cases in priority order [{}], {} bounds\n",
                d.cases.len(),
                clauses.join(", "),
                d.bounds.len()
            ));
        }
        out
    }
}

pub(crate) fn json_string(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}
