//! The words for what the checker saw and expected: types, units,
//! operators and the places in a notice where a value stands (布尔,
//! 数量（人）, 相加的运算对象; a boolean, a quantity in `人`, the operands
//! of an addition). [`super::words`] builds its sentences from these.

use super::error::{Combination, Context, Expected, Found, Shape};
use crate::ast::BinOp;
use crate::diag::{Lang, list, pick};
use crate::program::Type;
use crate::units::Dim;

/// Names as an English list: `城区`, `农村`.
pub(super) fn quoted(names: &[String]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    list(&q, Lang::En)
}

/// A unit in a unit-mismatch message: 「元」, `元`, or a plain number.
pub(crate) fn unit(dim: &Dim, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("「{dim}」"),
        Lang::En if dim.is_none() => "a plain number".into(),
        Lang::En => format!("`{dim}`"),
    }
}

/// The type of an expression: 布尔, 数量（人）; a boolean, a quantity in `人`.
pub(crate) fn shape(shape: &Shape, lang: Lang) -> String {
    match shape {
        Shape::Bool => pick(lang, "布尔", "a boolean"),
        Shape::Date => pick(lang, "日期", "a date"),
        Shape::Text => pick(lang, "文本", "text"),
        Shape::Enum(v) => pick(
            lang,
            format!("枚举({})", v.join(", ")),
            format!("an enumeration ({})", quoted(v)),
        ),
        Shape::Num(d) if d.is_none() => pick(lang, "数值", "a plain number"),
        Shape::Num(d) => pick(lang, format!("数量（{d}）"), format!("a quantity in `{d}`")),
        Shape::Variant(v) => pick(
            lang,
            format!("未定义的名称「{v}」"),
            format!("an undeclared word `{v}`"),
        ),
        Shape::Error => pick(lang, "错误", "an error"),
    }
}

/// A declared type as the notice writes it: 元, 整数; a quantity in `元`.
pub(crate) fn declared(ty: &Type, lang: Lang) -> String {
    match (ty, lang) {
        (_, Lang::Zh) => ty.describe(),
        (Type::Quantity { unit, .. }, Lang::En) if !unit.name.is_empty() => {
            format!("a quantity in `{}`", unit.name)
        }
        (Type::Quantity { integral: true, .. }, Lang::En) => "a whole number".into(),
        (Type::Quantity { .. }, Lang::En) => "a decimal number".into(),
        (other, Lang::En) => shape(&Shape::of(other), lang),
    }
}

pub(super) fn found(found: &Found, lang: Lang) -> String {
    match found {
        Found::Value(s) => shape(s, lang),
        Found::Declared(ty) => declared(ty, lang),
        Found::Roster(name) => pick(
            lang,
            format!("名单「{name}」"),
            format!("the roster `{name}`"),
        ),
        Found::Arguments(n) => pick(lang, format!("{n} 个参数"), format!("{n} arguments")),
        Found::Expression => pick(lang, "表达式", "an expression"),
    }
}

pub(super) fn expected(expected: &Expected, lang: Lang) -> String {
    match expected {
        Expected::Value(s) => shape(s, lang),
        Expected::Quantity => pick(lang, "数量", "a quantity"),
        Expected::QuantityForBound => pick(
            lang,
            "数量（上限、下限只用于数量）",
            "a quantity (caps and floors apply to quantities only)",
        ),
        Expected::QuantityOrDate => pick(lang, "数量或日期", "a quantity or a date"),
        Expected::Ordered => pick(
            lang,
            "可比较大小的数量或日期",
            "a quantity or a date, which can be ordered",
        ),
        Expected::SameAsOtherSide => pick(
            lang,
            "与另一边同类型的值",
            "a value of the other side's type",
        ),
        Expected::Period => pick(
            lang,
            "以日、工作日、月或年计的期间",
            "a period in days, working days, months or years",
        ),
        Expected::PeriodBackwards => pick(
            lang,
            "以日、月或年计的期间（工作日只能向后计算）",
            "a period in days, months or years (working days count forwards only)",
        ),
        Expected::OneArgument => pick(lang, "一个参数", "one argument"),
        Expected::Duration => pick(
            lang,
            "时限（日、工作日或小时）",
            "a time limit (in `日`, `工作日` or `小时`)",
        ),
        Expected::NotRoster => pick(
            lang,
            "值（名单只能用在「属于」之后）",
            "a value (a roster is read only after `属于`)",
        ),
        Expected::Constant => pick(lang, "数值常量", "a number as written"),
        Expected::QuantityFact => pick(lang, "数量类型的事实", "a fact of a quantity type"),
    }
}

/// An operator's operands: 相加的运算对象, the operands of an addition.
fn operands(op: BinOp, lang: Lang) -> String {
    match op {
        BinOp::And | BinOp::Or => pick(
            lang,
            "逻辑运算",
            if op == BinOp::And {
                "the operands of `且`"
            } else {
                "the operands of `或`"
            },
        ),
        _ => pick(
            lang,
            format!("{}的运算对象", verb_zh(op)),
            format!("the operands of {}", noun_en(op)),
        ),
    }
}

/// 相加, 相减 …: what the operator does to its operands, in Chinese.
fn verb_zh(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "相加",
        BinOp::Sub => "相减",
        BinOp::Mul => "相乘",
        _ => "相除",
    }
}

fn noun_en(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "an addition",
        BinOp::Sub => "a subtraction",
        BinOp::Mul => "a multiplication",
        BinOp::Div => "a division",
        BinOp::And => "`且`",
        BinOp::Or => "`或`",
    }
}

pub(super) fn context(context: &Context, lang: Lang) -> String {
    match context {
        Context::ParamValue => pick(lang, "参数值", "the parameter's value"),
        Context::ValueOf(name) => pick(
            lang,
            format!("「{name}」的值"),
            format!("the value of `{name}`"),
        ),
        Context::Bounded(name) => pick(lang, format!("「{name}」"), format!("`{name}`")),
        Context::Cap => pick(lang, "上限", "the cap"),
        Context::Floor => pick(lang, "下限", "the floor"),
        Context::Condition => pick(lang, "条件", "the condition"),
        Context::AfterMinus => pick(lang, "负号后", "after a minus sign"),
        Context::AfterNot => pick(lang, "「非」之后", "after `非`"),
        Context::Operands(op) => operands(*op, lang),
        Context::Comparison { word, .. } => pick(
            lang,
            format!("比较（{word}）"),
            format!("the comparison `{word}`"),
        ),
        Context::SetMember => pick(lang, "集合中的值", "a member of the set"),
        Context::RosterMember => pick(lang, "名单成员", "a roster member"),
        Context::FunctionArgument => pick(lang, "函数参数", "a function argument"),
        Context::MinMaxArgument => pick(
            lang,
            "较小值/较大值的参数",
            "the arguments of `较小值`/`较大值`",
        ),
        Context::DateFunction => pick(lang, "日期函数", "a date function"),
        Context::DateFunctionArgument => pick(lang, "日期函数的参数", "a date function's argument"),
        Context::IfCondition => pick(lang, "「若」的条件", "the condition of `若`"),
        Context::ThenBranch => pick(lang, "「则」分支", "the `则` branch"),
        Context::ElseBranch => pick(lang, "「否则」分支", "the `否则` branch"),
        Context::Expression => pick(lang, "表达式", "the expression"),
        Context::DateMinusPeriod => pick(lang, "日期减去期间", "a date minus a period"),
        Context::DateShift => pick(lang, "日期加减", "a date plus or minus a period"),
        Context::ProcedureStep { procedure, step } => pick(
            lang,
            format!("程序「{procedure}」的「{step}」"),
            format!("`{step}` of the procedure `{procedure}`"),
        ),
        Context::Range => pick(lang, "范围", "the range"),
        Context::RangeBound => pick(lang, "范围的上下限", "the ends of the range"),
    }
}

/// What cannot be done across units: 相加, be added.
pub(super) fn combination(combination: &Combination, lang: Lang) -> String {
    match combination {
        Combination::Match => pick(lang, "对应", "stand for each other"),
        Combination::MinMax => pick(lang, "比较大小", "be compared in size"),
        Combination::Arithmetic(op) => pick(
            lang,
            verb_zh(*op),
            match op {
                BinOp::Add => "be added",
                BinOp::Sub => "be subtracted",
                BinOp::Mul => "be multiplied",
                _ => "be divided",
            },
        ),
        Combination::Comparison { word, .. } => pick(
            lang,
            format!("比较（{word}）"),
            format!("be compared (`{word}`)"),
        ),
    }
}
