//! One expression evaluated under a case's facts, outside any rule: what
//! the REPL does when a caseworker types `救助金额 + 100元`, and what
//! `:whynot` does with each condition of a rule. Same lazy evaluation,
//! validity check and citations as [`super::evaluate_names`].

use super::{EvalError, Evaluator, Facts, Step, Value};
use crate::ast::Expr;
use crate::calendar::Calendar;
use crate::clause::ClausePath;
use crate::program::Program;

/// The value of an expression, the clauses behind it and the names it read.
#[derive(Debug, Clone)]
pub struct ExprValue {
    pub value: Value,
    /// The clauses of the rules, facts and parameters the expression read.
    pub cites: Vec<ClausePath>,
    /// Names read directly by the expression, in order.
    pub reads: Vec<String>,
    pub trace: Vec<Step>,
}

/// Evaluates `expr` against `program` for one case. Names in `expr` are
/// resolved as in the notice; a name the notice does not declare is read as
/// an enumeration value, so callers check names first.
pub fn evaluate_expr(
    program: &Program,
    calendar: &Calendar,
    facts: &Facts,
    expr: &Expr,
) -> Result<ExprValue, EvalError> {
    let mut ev = Evaluator::new(program, facts, calendar);
    ev.decode_given()?;
    ev.check_validity()?;
    ev.clause = ClausePath::default();
    ev.reads.push(Vec::new());
    let value = ev.expr(expr);
    let reads = ev.reads.pop().unwrap_or_default();
    let value = value?;
    let mut cites = Vec::new();
    for name in &reads {
        let own = program
            .facts
            .get(name)
            .map(|f| f.clause)
            .or_else(|| program.params.get(name).map(|p| p.clause));
        let found = match own {
            Some(clause) => vec![clause],
            None => ev.cites_of(name),
        };
        for c in found {
            super::decide::push_unique(&mut cites, c);
        }
    }
    Ok(ExprValue {
        value,
        cites,
        reads,
        trace: ev.trace,
    })
}
