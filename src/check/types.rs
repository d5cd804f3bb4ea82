//! Types and units of expressions. Dimensions are checked statically:
//! 元 + 亩 and 人 + 次 are errors, 万元 + 元 is fine, 元/人/月 × 人 × 月 is 元.

use super::Checker;
use super::findings::CheckError;
use crate::ast::{BinOp, CmpOp, Expr, ExprKind, Func, SetExpr};
use crate::clause::ClausePath;
use crate::program::Type;
use crate::units::{self, BaseDim, Dim};

/// The type of an expression while checking. `Variant` is a bare word that
/// names no declaration: it may be a value of an enumeration (重大损失).
#[derive(Debug, Clone, PartialEq)]
enum T {
    Bool,
    Date,
    Text,
    Enum(Vec<String>),
    Num(Dim),
    Variant(String),
    /// Already reported; stay quiet about what follows from it.
    Error,
}

impl T {
    fn from_type(ty: &Type) -> T {
        match ty {
            Type::Bool => T::Bool,
            Type::Date => T::Date,
            Type::Text => T::Text,
            Type::Enum(v) => T::Enum(v.clone()),
            Type::Quantity { unit, .. } => T::Num(unit.dim.clone()),
        }
    }

    fn describe(&self) -> String {
        match self {
            T::Bool => "布尔".into(),
            T::Date => "日期".into(),
            T::Text => "文本".into(),
            T::Enum(v) => format!("枚举({})", v.join(", ")),
            T::Num(d) if d.is_none() => "数值".into(),
            T::Num(d) => format!("数量（{d}）"),
            T::Variant(v) => format!("未定义的名称「{v}」"),
            T::Error => "错误".into(),
        }
    }
}

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
        let want = T::from_type(&p.ty);
        for (_, value) in &p.values {
            let mut cx = Cx {
                checker,
                clause: p.clause,
                reads: Vec::new(),
            };
            let got = cx.infer(value);
            cx.expect(&want, &got, value, "参数值");
        }
    }

    for name in derived {
        let Some(d) = checker.program.derived.get(&name).cloned() else {
            continue;
        };
        if d.cases.is_empty() {
            checker.findings.push(CheckError::UndefinedOutput {
                name: d.name.clone(),
                span: d.span,
                clause: d.clause,
            });
        }
        let want = T::from_type(&d.ty);
        let mut reads = Vec::new();
        for case in &d.cases {
            let context = format!("「{}」的值", d.name);
            reads.extend(check_case(
                checker,
                case.clause,
                case.condition.as_ref(),
                &case.value,
                &want,
                &context,
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
                    "数量（上限、下限只用于数量）",
                    &want,
                    &bound.value,
                    &format!("「{}」", d.name),
                );
            }
            let context = if bound.is_cap { "上限" } else { "下限" };
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
    context: &str,
) -> Vec<String> {
    let mut cx = Cx {
        checker,
        clause,
        reads: Vec::new(),
    };
    if let Some(cond) = condition {
        let got = cx.infer(cond);
        cx.expect(&T::Bool, &got, cond, "条件");
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

    fn mismatch(&mut self, expected: &str, found: &T, expr: &Expr, context: &str) {
        self.push(CheckError::TypeMismatch {
            expected: expected.to_string(),
            found: found.describe(),
            context: context.to_string(),
            span: expr.span,
            clause: self.clause,
        });
    }

    /// Checks that `got` can stand where `want` is expected.
    fn expect(&mut self, want: &T, got: &T, expr: &Expr, context: &str) {
        match (want, got) {
            (_, T::Error) | (T::Error, _) => {}
            (T::Num(a), T::Num(b)) if a == b => {}
            (T::Num(a), T::Num(b)) => self.push(CheckError::UnitMismatch {
                left: a.to_string(),
                right: b.to_string(),
                op: "对应".into(),
                span: expr.span,
                clause: self.clause,
            }),
            (T::Enum(variants), T::Variant(v)) => self.variant(variants, v, expr),
            (T::Enum(a), T::Enum(b)) if a == b => {}
            (a, b) if a == b => {}
            (a, T::Variant(v)) => {
                let suggestion = self.checker.suggest(v);
                let _ = a;
                self.push(CheckError::UnknownName {
                    name: v.clone(),
                    span: expr.span,
                    clause: self.clause,
                    suggestion,
                });
            }
            (a, b) => self.mismatch(&a.describe(), b, expr, context),
        }
    }

    fn variant(&mut self, variants: &[String], v: &str, expr: &Expr) {
        if !variants.iter().any(|x| x == v) {
            self.push(CheckError::UnknownEnumValue {
                value: v.to_string(),
                allowed: variants.to_vec(),
                span: expr.span,
                clause: self.clause,
            });
        }
    }

    fn infer(&mut self, expr: &Expr) -> T {
        match &expr.kind {
            ExprKind::Quantity { unit, .. } => match unit {
                None => T::Num(Dim::none()),
                Some(u) => match units::resolve(u) {
                    Ok(unit) => T::Num(unit.dim),
                    Err(part) => {
                        self.push(CheckError::UnknownUnit {
                            unit: part,
                            span: expr.span,
                            clause: self.clause,
                        });
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
                    self.mismatch("数量", &t, inner, "负号后");
                }
                t
            }
            ExprKind::Not(inner) => {
                let t = self.infer(inner);
                self.expect(&T::Bool, &t, inner, "「非」之后");
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
                            self.push(CheckError::UnitMismatch {
                                left: x.to_string(),
                                right: y.to_string(),
                                op: "比较大小".into(),
                                span: a.span,
                                clause: self.clause,
                            });
                        }
                    } else {
                        self.expect(&first, &t, a, "函数参数");
                    }
                }
                if !matches!(first, T::Num(_) | T::Date | T::Error) {
                    self.mismatch("数量或日期", &first, expr, "较小值/较大值的参数");
                }
                first
            }
            ExprKind::If {
                cond,
                then,
                otherwise,
            } => {
                let c = self.infer(cond);
                self.expect(&T::Bool, &c, cond, "「若」的条件");
                let a = self.infer(then);
                let b = self.infer(otherwise);
                match (&a, &b) {
                    (T::Variant(_), T::Variant(_)) => a,
                    (T::Variant(_), _) => {
                        self.expect(&b, &a, then, "「则」分支");
                        b
                    }
                    _ => {
                        self.expect(&a, &b, otherwise, "「否则」分支");
                        a
                    }
                }
            }
        }
    }

    /// 不顺延, 月末, 季度末, 年末, 年份, 月份: one date argument.
    fn date_function(&mut self, func: Func, args: &[Expr], whole: &Expr) -> T {
        let [arg] = args else {
            self.push(CheckError::TypeMismatch {
                expected: "一个参数".into(),
                found: format!("{} 个参数", args.len()),
                context: "日期函数".into(),
                span: whole.span,
                clause: self.clause,
            });
            return T::Error;
        };
        let t = self.infer(arg);
        self.expect(&T::Date, &t, arg, "日期函数的参数");
        match func {
            Func::YearOf | Func::MonthOf => T::Num(Dim::none()),
            _ => T::Date,
        }
    }

    fn name(&mut self, name: &str, span: crate::source::Span) -> T {
        let p = &self.checker.program;
        let t = if let Some(f) = p.facts.get(name) {
            Some(T::from_type(&f.ty))
        } else if let Some(x) = p.params.get(name) {
            Some(T::from_type(&x.ty))
        } else if let Some(d) = p.derived.get(name) {
            self.reads.push(name.to_string());
            Some(T::from_type(&d.ty))
        } else if p.rosters.contains_key(name) {
            // A roster is a set of names, not a value: only `X 属于 名单`
            // reads it. Taking it as text would compare against its own name.
            self.checker.used.insert(name.to_string());
            self.push(CheckError::TypeMismatch {
                expected: "值（名单只能用在「属于」之后）".into(),
                found: format!("名单「{name}」"),
                context: "表达式".into(),
                span,
                clause: self.clause,
            });
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

    fn binary(&mut self, op: BinOp, lhs: &Expr, rhs: &Expr, whole: &Expr) -> T {
        let a = self.infer(lhs);
        let b = self.infer(rhs);
        if matches!(op, BinOp::And | BinOp::Or) {
            self.expect(&T::Bool, &a, lhs, "逻辑运算");
            self.expect(&T::Bool, &b, rhs, "逻辑运算");
            return T::Bool;
        }
        if matches!(a, T::Error) || matches!(b, T::Error) {
            return T::Error;
        }
        for (t, e) in [(&a, lhs), (&b, rhs)] {
            if let T::Variant(v) = t {
                let suggestion = self.checker.suggest(v);
                self.push(CheckError::UnknownName {
                    name: v.clone(),
                    span: e.span,
                    clause: self.clause,
                    suggestion,
                });
                return T::Error;
            }
        }
        let op_zh = match op {
            BinOp::Add => "相加",
            BinOp::Sub => "相减",
            BinOp::Mul => "相乘",
            _ => "相除",
        };
        match (op, &a, &b) {
            (BinOp::Add | BinOp::Sub, T::Num(x), T::Num(y)) => {
                if x == y {
                    T::Num(x.clone())
                } else {
                    self.push(CheckError::UnitMismatch {
                        left: x.to_string(),
                        right: y.to_string(),
                        op: op_zh.into(),
                        span: whole.span,
                        clause: self.clause,
                    });
                    T::Error
                }
            }
            (BinOp::Add | BinOp::Sub, T::Date, T::Num(d)) => match d.simple() {
                Some(BaseDim::Day | BaseDim::Month) => T::Date,
                Some(BaseDim::WorkDay) if op == BinOp::Add => T::Date,
                // Counting working days backwards has no statutory rule.
                Some(BaseDim::WorkDay) => {
                    self.mismatch(
                        "以日、月或年计的期间（工作日只能向后计算）",
                        &b,
                        rhs,
                        "日期减去期间",
                    );
                    T::Error
                }
                _ => {
                    self.mismatch("以日、工作日、月或年计的期间", &b, rhs, "日期加减");
                    T::Error
                }
            },
            (BinOp::Sub, T::Date, T::Date) => T::Num(Dim::of(BaseDim::Day)),
            (BinOp::Mul, T::Num(x), T::Num(y)) => T::Num(x.mul(y)),
            (BinOp::Div, T::Num(x), T::Num(y)) => T::Num(x.div(y)),
            _ => {
                let bad = if matches!(a, T::Num(_)) {
                    (&b, rhs)
                } else {
                    (&a, lhs)
                };
                self.mismatch("数量", bad.0, bad.1, &format!("{op_zh}的运算对象"));
                T::Error
            }
        }
    }

    fn compare(&mut self, op: CmpOp, word: &str, lhs: &Expr, rhs: &Expr) -> T {
        let a = self.infer(lhs);
        let b = self.infer(rhs);
        let ordered = !matches!(op, CmpOp::Eq | CmpOp::Ne);
        match (&a, &b) {
            (T::Error, _) | (_, T::Error) => {}
            (T::Num(x), T::Num(y)) if x != y => self.push(CheckError::UnitMismatch {
                left: x.to_string(),
                right: y.to_string(),
                op: format!("比较（{word}）"),
                span: rhs.span,
                clause: self.clause,
            }),
            (T::Num(_), T::Num(_)) | (T::Date, T::Date) => {}
            (T::Enum(v), T::Variant(x)) | (T::Variant(x), T::Enum(v)) if !ordered => {
                let e = if matches!(a, T::Variant(_)) { lhs } else { rhs };
                let v = v.clone();
                self.variant(&v, x, e);
            }
            (x, y) if !ordered && x == y && !matches!(x, T::Variant(_)) => {}
            _ => {
                let (bad, e) = if matches!(a, T::Num(_) | T::Date) {
                    (&b, rhs)
                } else {
                    (&a, lhs)
                };
                let want = if ordered {
                    "可比较大小的数量或日期"
                } else {
                    "与另一边同类型的值"
                };
                if let T::Variant(v) = bad {
                    let suggestion = self.checker.suggest(v);
                    self.push(CheckError::UnknownName {
                        name: v.clone(),
                        span: e.span,
                        clause: self.clause,
                        suggestion,
                    });
                } else {
                    self.mismatch(want, bad, e, &format!("比较（{word}）"));
                }
            }
        }
        T::Bool
    }

    fn membership(&mut self, lhs: &Expr, set: &SetExpr) -> T {
        let a = self.infer(lhs);
        // The left side must name something; an undeclared word there is a
        // typo, whatever the set holds.
        if let T::Variant(v) = &a {
            let suggestion = self.checker.suggest(v);
            self.push(CheckError::UnknownName {
                name: v.clone(),
                span: lhs.span,
                clause: self.clause,
                suggestion,
            });
            return T::Bool;
        }
        match set {
            SetExpr::Literal(items) => {
                for item in items {
                    let t = self.infer(item);
                    match (&a, &t) {
                        (T::Enum(v), T::Variant(x)) => {
                            let v = v.clone();
                            self.variant(&v, x, item);
                        }
                        _ => self.expect(&a, &t, item, "集合中的值"),
                    }
                }
            }
            SetExpr::Roster(name) => {
                if self.checker.program.rosters.contains_key(&name.node) {
                    self.checker.used.insert(name.node.clone());
                    self.expect(&T::Text, &a, lhs, "名单成员");
                } else {
                    let suggestion = self.checker.suggest(&name.node);
                    self.push(CheckError::UnknownName {
                        name: name.node.clone(),
                        span: name.span,
                        clause: self.clause,
                        suggestion,
                    });
                }
            }
        }
        T::Bool
    }
}
