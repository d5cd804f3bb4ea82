//! Running a plan on one case held in a [`Scratch`].
//!
//! The decide loop of `eval::decide` over slots and preallocated stacks, so
//! a case costs no heap allocation once the scratch has grown to the
//! notice's size: the same lazy order and the same citations, and the same
//! rules, called from where they are stated once ([`crate::rules`],
//! [`crate::program`]): which cases are asked, 取大/取小, caps before floors
//! and which an exception masks, whole units, the parameter value in force,
//! the validity window. Wherever
//! the generic evaluator would report an error, evaluation stops with
//! [`Defer`] and the caller hands the case to [`crate::eval`], which then
//! gives the error (or, should the plan be stricter than needed, the answer).

use super::plan::{DerivedPlan, NodeId, OutputSource, Plan};
use super::value::{CVal, Texts, View, compare};
use crate::ast::CmpOp;
use crate::eval::MAX_RULE_DEPTH;
use crate::program::{in_force, whole_in};
use crate::rules;
use chrono::NaiveDate;

/// This case needs the generic evaluator (usually: it is in error).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Defer;

/// A read noted by a case: a rule (its citations join the answer's) or a
/// roster (its clause does). Facts and parameters bring no citations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Read {
    Derived(u32),
    Roster(u32),
}

/// A derived value's state in the current case: `value` is `MISSING` until
/// decided, `NOT_APPLICABLE` for an optional value no case applies to.
#[derive(Debug, Clone, Copy)]
pub(super) struct Decided {
    pub(super) value: CVal,
    start: u32,
    len: u32,
}

const NOT_YET: Decided = Decided {
    value: CVal::MISSING,
    start: 0,
    len: 0,
};

#[derive(Debug, Clone, Copy)]
struct Fired {
    case: u32,
    value: CVal,
    reads_start: u32,
    reads_end: u32,
}

const NO_FRAME: usize = usize::MAX;

/// Key positions remembered from record to record.
const KEY_GUESSES: usize = 128;

/// Per-thread working memory for one case at a time.
#[derive(Debug)]
pub struct Scratch {
    pub(crate) facts: Vec<CVal>,
    /// The record's texts the plan does not know.
    pub(crate) texts: Texts,
    pub(super) decided: Vec<Decided>,
    fired: Vec<Fired>,
    reads: Vec<Read>,
    /// Where the innermost case's reads begin; `NO_FRAME` outside any case.
    frame: usize,
    cite_stack: Vec<u16>,
    /// The citations of decided values, one range each.
    cites: Vec<u16>,
    depth: usize,
    case_date: Option<NaiveDate>,
    /// For each key position of the previous record, the fact slot it held:
    /// records of one batch usually list their keys in the same order.
    pub(crate) key_guess: Vec<u32>,
}

impl Scratch {
    pub fn new(plan: &Plan) -> Scratch {
        let n = plan.derived.len();
        let cases: usize = plan.derived.iter().map(|d| d.cases.len()).sum();
        Scratch {
            facts: vec![CVal::MISSING; plan.facts.len()],
            texts: Texts::default(),
            decided: vec![NOT_YET; n],
            fired: Vec::with_capacity(cases + 8),
            reads: Vec::with_capacity(4 * (n + 8)),
            frame: NO_FRAME,
            cite_stack: Vec::with_capacity(4 * (plan.clauses.len() + 8)),
            cites: Vec::with_capacity((n + 1) * (plan.clauses.len() + 1)),
            depth: 0,
            case_date: None,
            key_guess: vec![u32::MAX; KEY_GUESSES],
        }
    }

    /// Forgets the previous case.
    pub(crate) fn clear(&mut self) {
        self.facts.fill(CVal::MISSING);
        self.texts.clear();
        self.reset_evaluation();
    }

    fn reset_evaluation(&mut self) {
        self.decided.fill(NOT_YET);
        self.fired.clear();
        self.reads.clear();
        self.cite_stack.clear();
        self.cites.clear();
        self.frame = NO_FRAME;
        self.depth = 0;
        self.case_date = None;
    }

    /// The facts as decoded, slot by slot (in the notice's fact order);
    /// `CVal::MISSING` where the record gives none.
    pub fn facts(&self) -> &[CVal] {
        &self.facts
    }

    /// Replaces the facts with ones decoded earlier (pre-parsed records).
    pub fn load_facts(&mut self, facts: &[CVal]) {
        if facts.len() == self.facts.len() {
            self.facts.copy_from_slice(facts);
        }
    }

    /// Output `i` after [`Plan::evaluate`]: its value (`None` when optional
    /// and not applicable) and the clause ids it cites.
    pub fn output<'s>(&'s self, plan: &'s Plan, i: usize) -> Option<(Option<CVal>, &'s [u16])> {
        match plan.outputs.get(i)?.source {
            OutputSource::Param(p) => {
                let plan_param = plan.params.get(p as usize)?;
                let value = plan.param_value(self, p);
                if value.is_defer() {
                    return None;
                }
                Some((Some(value), std::slice::from_ref(&plan_param.clause)))
            }
            OutputSource::Derived(d) => {
                let decided = self.decided.get(d as usize)?;
                match decided.value.view() {
                    View::Missing | View::Defer => None,
                    View::NotApplicable => Some((None, &[])),
                    _ => {
                        let start = decided.start as usize;
                        let cites = self.cites.get(start..start + decided.len as usize)?;
                        Some((Some(decided.value), cites))
                    }
                }
            }
        }
    }
}

impl Plan {
    /// Evaluates every output for the facts in `s`; the answers stay in `s`
    /// (see [`Scratch::output`]).
    pub fn evaluate(&self, s: &mut Scratch) -> Result<(), Defer> {
        s.reset_evaluation();
        self.check_case_date(s)?;
        for out in &self.outputs {
            match out.source {
                OutputSource::Param(p) => {
                    if self.param_value(s, p).is_defer() {
                        return Err(Defer);
                    }
                }
                OutputSource::Derived(d) => {
                    self.derived(s, d)?;
                    if s.decided
                        .get(d as usize)
                        .is_none_or(|x| x.value.is_missing())
                    {
                        return Err(Defer);
                    }
                }
            }
        }
        Ok(())
    }

    fn check_case_date(&self, s: &mut Scratch) -> Result<(), Defer> {
        let Some(slot) = self.case_date else {
            return Ok(());
        };
        match s.facts.get(slot as usize).map(|v| v.view()) {
            None | Some(View::Missing) => Err(Defer),
            Some(View::Date(date)) => {
                if let Some(v) = &self.validity
                    && !v.covers(date)
                {
                    return Err(Defer);
                }
                s.case_date = Some(date);
                Ok(())
            }
            Some(_) => Ok(()),
        }
    }

    pub(crate) fn param_value(&self, s: &Scratch, p: u32) -> CVal {
        let Some(info) = self.params.get(p as usize) else {
            return CVal::DEFER;
        };
        in_force(&info.values, s.case_date)
            .and_then(|(_, v)| *v)
            .unwrap_or(CVal::DEFER)
    }

    pub(super) fn derived(&self, s: &mut Scratch, d: u32) -> Result<(), Defer> {
        match s.decided.get(d as usize) {
            Some(x) if x.value.is_missing() => {}
            Some(_) => return Ok(()),
            None => return Err(Defer),
        }
        if s.depth >= MAX_RULE_DEPTH {
            return Err(Defer);
        }
        s.depth += 1;
        let result = self.decide(s, d);
        s.depth -= 1;
        result
    }

    /// `eval::decide::decide`, over the scratch stacks.
    fn decide(&self, s: &mut Scratch, d: u32) -> Result<(), Defer> {
        let info = self.derived.get(d as usize).ok_or(Defer)?;
        let fired_base = s.fired.len();
        let reads_base = s.reads.len();
        for (ci, case) in info.cases.iter().enumerate() {
            let fired = s.fired.get(fired_base..).unwrap_or(&[]);
            let asked = rules::asks(
                info,
                info.combine,
                ci,
                fired.iter().map(|f| f.case as usize),
                || {
                    fired
                        .first()
                        .is_some_and(|f| case.constant == Some(f.value))
                },
            );
            if !asked {
                continue;
            }
            let reads_start = s.reads.len() as u32;
            let value = self.try_case(s, case.condition, case.value);
            if value.is_defer() {
                return Err(Defer);
            }
            if !value.is_not_applicable() {
                s.fired.push(Fired {
                    case: ci as u32,
                    value,
                    reads_start,
                    reads_end: s.reads.len() as u32,
                });
            }
        }
        let Some(first) = s.fired.get(fired_base).copied() else {
            if info.optional {
                if let Some(slot) = s.decided.get_mut(d as usize) {
                    *slot = Decided {
                        value: CVal::NOT_APPLICABLE,
                        start: 0,
                        len: 0,
                    };
                }
                s.reads.truncate(reads_base);
                return Ok(());
            }
            return Err(Defer);
        };
        let mut value = first.value;
        let fired_all = s.fired.get(fired_base..).unwrap_or(&[]);
        if fired_all.iter().any(|f| f.value != first.value) {
            let combine = info.combine.ok_or(Defer)?;
            let best = combine
                .pick(fired_all.iter().map(|f| f.value), compare)
                .unwrap_or(CVal::bool(false));
            // Keep only the winning cases, in order.
            let mut kept = fired_base;
            for i in fired_base..s.fired.len() {
                if let Some(f) = s.fired.get(i).copied()
                    && f.value == best
                {
                    if let Some(slot) = s.fired.get_mut(kept) {
                        *slot = f;
                    }
                    kept += 1;
                }
            }
            s.fired.truncate(kept);
            value = best;
        }
        let cite_base = s.cite_stack.len();
        for i in fired_base..s.fired.len() {
            let Some(f) = s.fired.get(i).copied() else {
                continue;
            };
            let clause = info.cases.get(f.case as usize).ok_or(Defer)?.clause;
            push_unique(&mut s.cite_stack, cite_base, clause);
        }
        for i in fired_base..s.fired.len() {
            let Some(f) = s.fired.get(i).copied() else {
                continue;
            };
            for r in f.reads_start..f.reads_end {
                let read = *s.reads.get(r as usize).ok_or(Defer)?;
                self.cite_read(s, cite_base, read);
            }
        }
        let value = self.apply_bounds(s, info, fired_base, cite_base, value)?;
        if let (Some(scale), Some(amount)) = (info.integral_scale, value.as_num())
            && whole_in(scale, amount).is_err()
        {
            return Err(Defer);
        }
        let start = s.cites.len();
        let len = s.cite_stack.len() - cite_base;
        s.cites
            .extend_from_slice(s.cite_stack.get(cite_base..).unwrap_or(&[]));
        s.cite_stack.truncate(cite_base);
        s.fired.truncate(fired_base);
        s.reads.truncate(reads_base);
        if let Some(slot) = s.decided.get_mut(d as usize) {
            *slot = Decided {
                value,
                start: start as u32,
                len: len as u32,
            };
        }
        Ok(())
    }

    /// `cites_of`: a rule read brings its own citations, a roster its clause.
    fn cite_read(&self, s: &mut Scratch, base: usize, read: Read) {
        match read {
            Read::Derived(d) => {
                if let Some(Decided { start, len, .. }) = s.decided.get(d as usize).copied() {
                    for i in start..start + len {
                        if let Some(c) = s.cites.get(i as usize).copied() {
                            push_unique(&mut s.cite_stack, base, c);
                        }
                    }
                }
            }
            Read::Roster(r) => {
                if let Some(c) = self.roster_clause.get(r as usize).copied() {
                    push_unique(&mut s.cite_stack, base, c);
                }
            }
        }
    }

    /// 上限 and 下限, caps first (see `eval::decide::apply_bounds`).
    fn apply_bounds(
        &self,
        s: &mut Scratch,
        info: &DerivedPlan,
        fired_base: usize,
        cite_base: usize,
        mut value: CVal,
    ) -> Result<CVal, Defer> {
        let masked = |s: &Scratch, bound: &super::plan::BoundPlan| {
            let fired = s.fired.get(fired_base..).unwrap_or(&[]);
            fired.iter().any(|f| {
                bound
                    .masked_by
                    .get(f.case as usize)
                    .copied()
                    .unwrap_or(false)
            })
        };
        // Caps only when they can change the answer (`rules::settling_floor`).
        let settled = info.bounds.iter().any(|b| {
            !masked(s, b)
                && b.settles
                    .as_ref()
                    .is_some_and(|floor| compare(CmpOp::Le, &value, floor))
        });
        for bound in &info.bounds {
            if masked(s, bound) || (settled && bound.is_cap) {
                continue;
            }
            let reads_start = s.reads.len() as u32;
            let limit = self.try_case(s, bound.condition, bound.value);
            if limit.is_defer() {
                return Err(Defer);
            }
            if limit.is_not_applicable() {
                continue;
            }
            let reads_end = s.reads.len() as u32;
            let binds = compare(CmpOp::bound_binds(bound.is_cap), &limit, &value);
            if binds {
                value = limit;
                push_unique(&mut s.cite_stack, cite_base, bound.clause);
                for r in reads_start..reads_end {
                    let read = *s.reads.get(r as usize).ok_or(Defer)?;
                    self.cite_read(s, cite_base, read);
                }
            }
            s.reads.truncate(reads_start as usize);
        }
        Ok(value)
    }

    /// One case: its value when its condition holds, `NOT_APPLICABLE` when
    /// it does not, `DEFER` on error. The reads of an applicable case stay on
    /// the stack for the caller; a case that does not apply leaves none.
    fn try_case(&self, s: &mut Scratch, condition: Option<NodeId>, value: NodeId) -> CVal {
        let start = s.reads.len();
        let saved = std::mem::replace(&mut s.frame, start);
        let result = match condition.map(|c| self.truth(s, c)) {
            Some(Err(Defer)) => CVal::DEFER,
            Some(Ok(false)) => CVal::NOT_APPLICABLE,
            Some(Ok(true)) | None => self.eval(s, value),
        };
        s.frame = saved;
        if result.is_not_applicable() {
            s.reads.truncate(start);
        }
        result
    }

    pub(super) fn note_read(&self, s: &mut Scratch, read: Read) {
        if s.frame == NO_FRAME {
            return;
        }
        let seen = s
            .reads
            .get(s.frame..)
            .is_some_and(|frame| frame.contains(&read));
        if !seen {
            s.reads.push(read);
        }
    }
}

fn push_unique(stack: &mut Vec<u16>, base: usize, clause: u16) {
    let present = stack.get(base..).is_some_and(|mine| mine.contains(&clause));
    if !present {
        stack.push(clause);
    }
}
