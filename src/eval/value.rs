//! Runtime values. Numbers are exact decimals in the base unit of their
//! dimension (元, 亩, 日, …); never floats.

use crate::program::Type;
use crate::units::{Dim, Unit};
use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Bool(bool),
    Date(NaiveDate),
    Text(String),
    Enum(String),
    Num { amount: Decimal, dim: Dim },
}

impl Value {
    pub fn num(amount: Decimal, dim: Dim) -> Self {
        Value::Num { amount, dim }
    }

    /// The value as a caseworker reads it, in the declared unit of `ty`.
    pub fn display(&self, ty: &Type) -> String {
        match (self, ty) {
            (Value::Bool(b), _) => if *b { "是" } else { "否" }.to_string(),
            (Value::Date(d), _) => d.to_string(),
            (Value::Text(s) | Value::Enum(s), _) => s.clone(),
            (Value::Num { amount, .. }, Type::Quantity { unit, .. }) => {
                format!("{}{}", format_amount(*amount, unit), unit.name)
            }
            (Value::Num { amount, .. }, _) => amount.normalize().to_string(),
        }
    }

    /// The value as JSON, by the interface case-management systems use:
    /// booleans as booleans, money as a string with two decimals, dates as
    /// ISO strings, whole numbers as numbers.
    pub fn to_json(&self, ty: &Type) -> serde_json::Value {
        match (self, ty) {
            (Value::Bool(b), _) => serde_json::Value::Bool(*b),
            (Value::Date(d), _) => serde_json::Value::String(d.to_string()),
            (Value::Text(s) | Value::Enum(s), _) => serde_json::Value::String(s.clone()),
            (Value::Num { amount, .. }, Type::Quantity { unit, .. }) => {
                let text = format_amount(*amount, unit);
                if unit.is_money() {
                    return serde_json::Value::String(text);
                }
                // Exact decimal as a JSON number (serde_json keeps the digits).
                match text.parse::<serde_json::Number>() {
                    Ok(n) => serde_json::Value::Number(n),
                    Err(_) => serde_json::Value::String(text),
                }
            }
            (Value::Num { amount, .. }, _) => {
                serde_json::Value::String(amount.normalize().to_string())
            }
        }
    }
}

/// An amount in base units shown in `unit`: money rounded half away from
/// zero (四舍五入) to the fen, other quantities without trailing zeros.
pub fn format_amount(amount: Decimal, unit: &Unit) -> String {
    let shown = in_unit(amount, unit.scale);
    if unit.is_money() {
        round_money(shown, money_places(unit)).to_string()
    } else {
        shown.normalize().to_string()
    }
}

/// An amount in base units as a number of the unit of `scale`.
#[inline]
pub fn in_unit(amount: Decimal, scale: Decimal) -> Decimal {
    amount.checked_div(scale).unwrap_or(amount)
}

/// How many decimals money in `unit` is shown with: exact to the fen
/// (0.01元), so two in 元 and six in 万元; never fewer than two.
pub fn money_places(unit: &Unit) -> u32 {
    let extra = i64::from(unit.scale.normalize().scale());
    let digits = unit.scale.trunc().to_string().len() as i64 - 1;
    (2 + digits - extra).clamp(2, 28) as u32
}

/// Money shown in its unit, rounded half away from zero (四舍五入) to
/// `places` decimals ([`money_places`]), at least two of them printed.
pub fn round_money(shown: Decimal, places: u32) -> Decimal {
    let mut rounded = shown
        .round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero)
        .normalize();
    if rounded.scale() < 2 {
        rounded.rescale(2);
    }
    rounded
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Bool(b) => f.write_str(if *b { "是" } else { "否" }),
            Value::Date(d) => write!(f, "{d}"),
            Value::Text(s) | Value::Enum(s) => f.write_str(s),
            Value::Num { amount, dim } if dim.is_none() => write!(f, "{}", amount.normalize()),
            Value::Num { amount, dim } => write!(f, "{}{dim}", amount.normalize()),
        }
    }
}
