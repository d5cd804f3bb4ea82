//! Units and dimensions.
//!
//! Every unit is a scale of one dimension: 万元 is 10000 元, 公顷 is 15 亩,
//! ‰ is 0.001. Values are stored in the base unit of their dimension, so
//! 万元 + 元 and % against ‰ compare exactly, and 元/人/月 × 人 × 月 is 元.
//! A 工作日 is its own dimension: counting working days is not counting days.

use rust_decimal::Decimal;
use std::fmt;

/// A unit as written in the source: `元/人/月` is `["元", "人", "月"]`
/// (first unit divided by the rest).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitExpr {
    pub parts: Vec<String>,
}

impl fmt::Display for UnitExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.parts.join("/"))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BaseDim {
    Money,
    Area,
    Length,
    Volume,
    Day,
    WorkDay,
    Hour,
    Month,
    /// Things counted: 人, 次, 套, ... Each kind is its own dimension, so 人 + 次
    /// is an error.
    Count(&'static str),
}

impl BaseDim {
    /// The base unit's name, used to print dimensions.
    pub fn base_unit(self) -> &'static str {
        match self {
            BaseDim::Money => "元",
            BaseDim::Area => "亩",
            BaseDim::Length => "米",
            BaseDim::Volume => "立方米",
            BaseDim::Day => "日",
            BaseDim::WorkDay => "工作日",
            BaseDim::Hour => "小时",
            BaseDim::Month => "月",
            BaseDim::Count(name) => name,
        }
    }
}

/// A product of base dimensions with integer exponents, kept sorted.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Dim(Vec<(BaseDim, i8)>);

impl Dim {
    pub fn none() -> Self {
        Dim(Vec::new())
    }

    pub fn of(base: BaseDim) -> Self {
        Dim(vec![(base, 1)])
    }

    pub fn is_none(&self) -> bool {
        self.0.is_empty()
    }

    /// The single base dimension with exponent 1, if the dimension is that simple.
    pub fn simple(&self) -> Option<BaseDim> {
        match self.0.as_slice() {
            [(base, 1)] => Some(*base),
            _ => None,
        }
    }

    pub fn mul(&self, other: &Dim) -> Dim {
        self.combine(other, 1)
    }

    pub fn div(&self, other: &Dim) -> Dim {
        self.combine(other, -1)
    }

    fn combine(&self, other: &Dim, sign: i8) -> Dim {
        let mut parts = self.0.clone();
        for &(base, exp) in &other.0 {
            match parts.iter_mut().find(|(b, _)| *b == base) {
                Some(entry) => entry.1 = entry.1.saturating_add(exp.saturating_mul(sign)),
                None => parts.push((base, exp.saturating_mul(sign))),
            }
        }
        parts.retain(|(_, e)| *e != 0);
        parts.sort();
        Dim(parts)
    }
}

impl fmt::Display for Dim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("无量纲");
        }
        let name = |base: BaseDim, exp: i8| {
            let e = exp.unsigned_abs();
            if e == 1 {
                base.base_unit().to_string()
            } else {
                format!("{}^{e}", base.base_unit())
            }
        };
        let num: Vec<String> = self
            .0
            .iter()
            .filter(|(_, e)| *e > 0)
            .map(|&(b, e)| name(b, e))
            .collect();
        let den: Vec<String> = self
            .0
            .iter()
            .filter(|(_, e)| *e < 0)
            .map(|&(b, e)| name(b, e))
            .collect();
        let head = if num.is_empty() {
            "1".to_string()
        } else {
            num.join("·")
        };
        if den.is_empty() {
            f.write_str(&head)
        } else {
            write!(f, "{head}/{}", den.join("/"))
        }
    }
}

/// A resolved unit: its dimension and how many base units one of it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub dim: Dim,
    pub scale: Decimal,
    pub name: String,
}

impl Unit {
    pub fn none() -> Self {
        Unit {
            dim: Dim::none(),
            scale: Decimal::ONE,
            name: String::new(),
        }
    }

    /// Whole-numbered quantities: counted things (人, 次) and 工作日.
    pub fn is_integral(&self) -> bool {
        matches!(
            self.dim.simple(),
            Some(BaseDim::Count(_) | BaseDim::WorkDay)
        ) && self.scale == Decimal::ONE
    }

    pub fn is_money(&self) -> bool {
        self.dim == Dim::of(BaseDim::Money)
    }
}

/// Units a notice may write. Kept in one table so the grammar, the checker
/// and the documentation agree.
pub const UNIT_NAMES: &[&str] = &[
    "元",
    "万元",
    "亿元",
    "亩",
    "公顷",
    "平方米",
    "米",
    "公里",
    "立方米",
    "%",
    "‰",
    "倍",
    "日",
    "天",
    "周",
    "工作日",
    "小时",
    "月",
    "个月",
    "年",
    "人",
    "名",
    "次",
    "套",
    "篇",
    "条",
    "株",
    "个",
    "家",
    "项",
    "户",
    "件",
    "起",
    "分",
];

fn base_unit(name: &str) -> Option<(Option<BaseDim>, Decimal)> {
    let d = |n: i64, scale: u32| Decimal::new(n, scale);
    Some(match name {
        "元" => (Some(BaseDim::Money), d(1, 0)),
        "万元" => (Some(BaseDim::Money), d(10_000, 0)),
        "亿元" => (Some(BaseDim::Money), d(100_000_000, 0)),
        "亩" => (Some(BaseDim::Area), d(1, 0)),
        // 1 公顷 = 15 亩 exactly; 1 亩 = 10000/15 平方米, so 1 平方米 = 0.0015 亩.
        "公顷" => (Some(BaseDim::Area), d(15, 0)),
        "平方米" => (Some(BaseDim::Area), d(15, 4)),
        "米" => (Some(BaseDim::Length), d(1, 0)),
        "公里" => (Some(BaseDim::Length), d(1000, 0)),
        "立方米" => (Some(BaseDim::Volume), d(1, 0)),
        "%" => (None, d(1, 2)),
        "‰" => (None, d(1, 3)),
        // 1倍以上3倍以下 (4号 第二十四条): a multiple, as % is a fraction.
        "倍" => (None, d(1, 0)),
        "日" | "天" => (Some(BaseDim::Day), d(1, 0)),
        "周" => (Some(BaseDim::Day), d(7, 0)),
        "工作日" => (Some(BaseDim::WorkDay), d(1, 0)),
        "小时" => (Some(BaseDim::Hour), d(1, 0)),
        "月" | "个月" => (Some(BaseDim::Month), d(1, 0)),
        // A year is twelve months (民法典 第二百零二条 counts both by the calendar).
        "年" => (Some(BaseDim::Month), d(12, 0)),
        "人" | "名" => (Some(BaseDim::Count("人")), d(1, 0)),
        "次" => (Some(BaseDim::Count("次")), d(1, 0)),
        "套" => (Some(BaseDim::Count("套")), d(1, 0)),
        "篇" => (Some(BaseDim::Count("篇")), d(1, 0)),
        "条" => (Some(BaseDim::Count("条")), d(1, 0)),
        "株" => (Some(BaseDim::Count("株")), d(1, 0)),
        "个" => (Some(BaseDim::Count("个")), d(1, 0)),
        "家" => (Some(BaseDim::Count("家")), d(1, 0)),
        "项" => (Some(BaseDim::Count("项")), d(1, 0)),
        "户" => (Some(BaseDim::Count("户")), d(1, 0)),
        "件" => (Some(BaseDim::Count("件")), d(1, 0)),
        "起" => (Some(BaseDim::Count("起")), d(1, 0)),
        // Points of a scoring table (计分标准), not money.
        "分" => (Some(BaseDim::Count("分")), d(1, 0)),
        _ => return None,
    })
}

/// Resolves `元/人/月` to its dimension and scale. `Err` names the unknown part.
pub fn resolve(expr: &UnitExpr) -> Result<Unit, String> {
    let mut unit = Unit {
        dim: Dim::none(),
        scale: Decimal::ONE,
        name: expr.to_string(),
    };
    for (i, part) in expr.parts.iter().enumerate() {
        let (base, scale) = base_unit(part).ok_or_else(|| part.clone())?;
        let dim = base.map(Dim::of).unwrap_or_default();
        if i == 0 {
            unit.dim = dim;
            unit.scale = scale;
        } else {
            unit.dim = unit.dim.div(&dim);
            unit.scale = unit.scale.checked_div(scale).ok_or_else(|| part.clone())?;
        }
    }
    Ok(unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The grammar's unit alternatives and this table must agree, so that
    /// an unknown unit can never reach the checker.
    #[test]
    fn every_grammar_unit_resolves() {
        let grammar = include_str!("../grammar/pol.pest");
        let start = grammar.find("unit       = @{").unwrap_or(0);
        let body = grammar
            .get(start..)
            .and_then(|g| g.split("~ (!ident_char").next())
            .unwrap_or("");
        let names: Vec<&str> = body.split('"').skip(1).step_by(2).collect();
        assert!(names.len() > 20);
        for name in names {
            assert!(UNIT_NAMES.contains(&name), "{name} missing from UNIT_NAMES");
            assert!(
                resolve(&UnitExpr {
                    parts: vec![name.to_string()]
                })
                .is_ok(),
                "{name}"
            );
        }
    }

    fn unit(s: &str) -> Unit {
        let parts = s.split('/').map(str::to_string).collect();
        match resolve(&UnitExpr { parts }) {
            Ok(u) => u,
            Err(e) => unreachable!("unknown unit {e}"),
        }
    }

    #[test]
    fn scales_of_one_dimension_convert_exactly() {
        assert_eq!(unit("公顷").scale, Decimal::new(15, 0) * unit("亩").scale);
        assert_eq!(
            Decimal::new(4, 1) * unit("%").scale,
            Decimal::new(4, 0) * unit("‰").scale
        );
        assert_eq!(unit("万元").dim, unit("元").dim);
    }

    #[test]
    fn compound_units_cancel() {
        let per_person_month = unit("元/人/月");
        let total = per_person_month
            .dim
            .mul(&unit("人").dim)
            .mul(&unit("月").dim);
        assert_eq!(total, unit("元").dim);
        assert_eq!(unit("万元/亩").scale, Decimal::new(10_000, 0));
    }

    #[test]
    fn workdays_are_not_days() {
        assert_ne!(unit("工作日").dim, unit("日").dim);
        assert_ne!(unit("人").dim, unit("次").dim);
    }
}
