//! Types and units of expressions. Dimensions are checked statically:
//! 元 + 亩 and 人 + 次 are errors, 万元 + 元 is fine, 元/人/月 × 人 × 月 is 元.

mod operators;

use super::Checker;
use super::error::{CheckError, CheckErrorKind, Combination, Context, Expected, Found, Shape};
use crate::ast::{Expr, ExprKind, Func};
use crate::clause::ClausePath;
use crate::units::{self, Dim};

/// The type of an expression while checking (see [`Shape`]).
type T = Shape;

pub(crate) fn check_all(checker: &mut Checker) {
    let mut facts: Vec<_> = checker.program.fact_order.clone();
    facts.retain(|f| checker.program.facts.contains_key(f));
    let mut params: Vec<String> = checker.program.params.keys().cloned().collect();
    params.sort();
    let mut derived: Vec<String> = checker.program.derived.keys().cloned().collect();
    derived.sort();

    for name in params {
        let Some(p) = checker.program.params.get(&name).cloned() else {
            continue;
        };
        let want = Shape::of(&p.ty);
        for (_, value) in &p.values {
            let mut cx = Cx {
                checker,
                clause: p.clause,
                reads: Vec::new(),
            };
            let got = cx.infer(value);
            cx.expect(&want, &got, value, Context::ParamValue);
        }
    }

    for name in derived {
        let Some(d) = checker.program.derived.get(&name).cloned() else {
            continue;
        };
        if d.cases.is_empty() {
            checker.findings.push(CheckError::new(
                CheckErrorKind::UndefinedOutput {
                    name: d.name.clone(),
                },
                d.span,
                d.clause,
            ));
        }
        let want = Shape::of(&d.ty);
        let mut reads = Vec::new();
        for case in &d.cases {
            let context = Context::ValueOf(d.name.clone());
            reads.extend(check_case(
                checker,
                case.clause,
                case.condition.as_ref(),
                &case.value,
                &want,
                context,
            ));
        }
        for bound in &d.bounds {
            if !matches!(want, T::Num(_)) {
                Cx {
                    checker,
                    clause: bound.clause,
                    reads: Vec::new(),
                }
                .mismatch(
                    Expected::QuantityForBound,
                    &want,
                    &bound.value,
                    Context::Bounded(d.name.clone()),
                );
            }
            let context = if bound.is_cap {
                Context::Cap
            } else {
                Context::Floor
            };
            reads.extend(check_case(
                checker,
                bound.clause,
                bound.condition.as_ref(),
                &bound.value,
                &want,
                context,
            ));
        }
        reads.sort();
        reads.dedup();
        checker.depends.insert(name, reads);
    }
    let _ = facts;
}

/// Checks one `值 若 条件` pair (a case or a bound) and returns the derived
/// values it reads.
fn check_case(
    checker: &mut Checker,
    clause: ClausePath,
    condition: Option<&Expr>,
    value: &Expr,
    want: &T,
    context: Context,
) -> Vec<String> {
    let mut cx = Cx {
        checker,
        clause,
        reads: Vec::new(),
    };
    if let Some(cond) = condition {
        let got = cx.infer(cond);
        cx.expect(&T::Bool, &got, cond, Context::Condition);
    }
    let got = cx.infer(value);
    cx.expect(want, &got, value, context);
    cx.reads
}

struct Cx<'a> {
    checker: &'a mut Checker,
    clause: ClausePath,
    /// Derived values read, for the dependency-cycle check.
    reads: Vec<String>,
}

impl Cx<'_> {
    fn push(&mut self, err: CheckError) {
        self.checker.findings.push(err);
    }

    fn mismatch(&mut self, expected: Expected, found: &T, expr: &Expr, context: Context) {
        self.push(CheckError::new(
            CheckErrorKind::TypeMismatch {
                expected,
                found: Found::Value(found.clone()),
                context,
            },
            expr.span,
            self.clause,
        ));
    }

    /// Checks that `got` can stand where `want` is expected.
    fn expect(&mut self, want: &T, got: &T, expr: &Expr, context: Context) {
        match (want, got) {
            (_, T::Error) | (T::Error, _) => {}
            (T::Num(a), T::Num(b)) if a == b => {}
            (T::Num(a), T::Num(b)) => self.push(CheckError::new(
                CheckErrorKind::UnitMismatch {
                    left: a.clone(),
                    right: b.clone(),
                    combination: Combination::Match,
                },
                expr.span,
                self.clause,
            )),
            (T::Enum(variants), T::Variant(v)) => self.variant(variants, v, expr),
            (T::Enum(a), T::Enum(b)) if a == b => {}
            (a, b) if a == b => {}
            (_, T::Variant(v)) => self.checker.unknown_name(v, expr.span, self.clause),
            (a, b) => self.mismatch(Expected::Value(a.clone()), b, expr, context),
        }
    }

    fn variant(&mut self, variants: &[String], v: &str, expr: &Expr) {
        if !variants.iter().any(|x| x == v) {
            self.push(CheckError::new(
                CheckErrorKind::UnknownEnumValue {
                    value: v.to_string(),
                    allowed: variants.to_vec(),
                },
                expr.span,
                self.clause,
            ));
        }
    }

    fn infer(&mut self, expr: &Expr) -> T {
        match &expr.kind {
            ExprKind::Quantity { unit, .. } => match unit {
                None => T::Num(Dim::none()),
                Some(u) => match units::resolve(u) {
                    Ok(unit) => T::Num(unit.dim),
                    Err(part) => {
                        self.push(CheckError::new(
                            CheckErrorKind::UnknownUnit { unit: part },
                            expr.span,
                            self.clause,
                        ));
                        T::Error
                    }
                },
            },
            ExprKind::Date(d) => {
                self.checker.dates.push((*d, expr.span, self.clause));
                T::Date
            }
            ExprKind::Text(_) => T::Text,
            ExprKind::Bool(_) => T::Bool,
            ExprKind::Name(name) => self.name(name, expr.span),
            ExprKind::Neg(inner) => {
                let t = self.infer(inner);
                if !matches!(t, T::Num(_) | T::Error) {
                    self.mismatch(Expected::Quantity, &t, inner, Context::AfterMinus);
                }
                t
            }
            ExprKind::Not(inner) => {
                let t = self.infer(inner);
                self.expect(&T::Bool, &t, inner, Context::AfterNot);
                T::Bool
            }
            ExprKind::Binary { op, lhs, rhs } => self.binary(*op, lhs, rhs, expr),
            ExprKind::Compare { op, word, lhs, rhs } => self.compare(*op, word, lhs, rhs),
            ExprKind::In { lhs, set } => self.membership(lhs, set),
            ExprKind::Call { func, args } if !matches!(func, Func::Min | Func::Max | Func::Abs) => {
                self.date_function(*func, args, expr)
            }
            ExprKind::Call { args, .. } => {
                let mut types = args.iter().map(|a| (self.infer(a), a)).collect::<Vec<_>>();
                let Some((first, _)) = types.first().cloned() else {
                    return T::Error;
                };
                for (t, a) in types.drain(1..) {
                    if let (T::Num(x), T::Num(y)) = (&first, &t) {
                        if x != y {
                            self.push(CheckError::new(
                                CheckErrorKind::UnitMismatch {
                                    left: x.clone(),
                                    right: y.clone(),
                                    combination: Combination::MinMax,
                                },
                                a.span,
                                self.clause,
                            ));
                        }
                    } else {
                        self.expect(&first, &t, a, Context::FunctionArgument);
                    }
                }
                if !matches!(first, T::Num(_) | T::Date | T::Error) {
                    self.mismatch(
                        Expected::QuantityOrDate,
                        &first,
                        expr,
                        Context::MinMaxArgument,
                    );
                }
                first
            }
            ExprKind::If {
                cond,
                then,
                otherwise,
            } => {
                let c = self.infer(cond);
                self.expect(&T::Bool, &c, cond, Context::IfCondition);
                let a = self.infer(then);
                let b = self.infer(otherwise);
                match (&a, &b) {
                    (T::Variant(_), T::Variant(_)) => a,
                    (T::Variant(_), _) => {
                        self.expect(&b, &a, then, Context::ThenBranch);
                        b
                    }
                    _ => {
                        self.expect(&a, &b, otherwise, Context::ElseBranch);
                        a
                    }
                }
            }
        }
    }

    /// 不顺延, 月末, 季度末, 年末, 年份, 月份: one date argument.
    fn date_function(&mut self, func: Func, args: &[Expr], whole: &Expr) -> T {
        let [arg] = args else {
            self.push(CheckError::new(
                CheckErrorKind::TypeMismatch {
                    expected: Expected::OneArgument,
                    found: Found::Arguments(args.len()),
                    context: Context::DateFunction,
                },
                whole.span,
                self.clause,
            ));
            return T::Error;
        };
        let t = self.infer(arg);
        self.expect(&T::Date, &t, arg, Context::DateFunctionArgument);
        match func {
            Func::YearOf | Func::MonthOf => T::Num(Dim::none()),
            _ => T::Date,
        }
    }

    fn name(&mut self, name: &str, span: crate::source::Span) -> T {
        let p = &self.checker.program;
        let t = if let Some(f) = p.facts.get(name) {
            Some(Shape::of(&f.ty))
        } else if let Some(x) = p.params.get(name) {
            Some(Shape::of(&x.ty))
        } else if let Some(d) = p.derived.get(name) {
            self.reads.push(name.to_string());
            Some(Shape::of(&d.ty))
        } else if p.rosters.contains_key(name) {
            // A roster is a set of names, not a value: only `X 属于 名单`
            // reads it. Taking it as text would compare against its own name.
            self.checker.used.insert(name.to_string());
            self.push(CheckError::new(
                CheckErrorKind::TypeMismatch {
                    expected: Expected::NotRoster,
                    found: Found::Roster(name.to_string()),
                    context: Context::Expression,
                },
                span,
                self.clause,
            ));
            return T::Error;
        } else {
            None
        };
        match t {
            Some(t) => {
                self.checker.used.insert(name.to_string());
                t
            }
            None => T::Variant(name.to_string()),
        }
    }
}
