//! Values as a caseworker types them (`520元`, `2016年6月1日`, `是`,
//! `入不敷出` or `"入不敷出"`), turned into the JSON a facts file would hold,
//! so that [`crate::eval::facts::decode`] applies the same checks and
//! diagnostics to both.

use crate::program::Type;

/// The JSON form of `raw` for a fact of type `ty`. Never fails: a value
/// that does not fit is passed on as text for the decoder to reject with
/// its own message.
pub fn to_json(raw: &str, ty: &Type) -> serde_json::Value {
    let text = unquote(raw.trim());
    match ty {
        Type::Bool => match text {
            "是" | "true" | "真" => serde_json::Value::Bool(true),
            "否" | "false" | "假" => serde_json::Value::Bool(false),
            other => serde_json::Value::String(other.to_string()),
        },
        Type::Date => serde_json::Value::String(iso_date(text).unwrap_or_else(|| text.to_string())),
        Type::Enum(_) | Type::Text => serde_json::Value::String(text.to_string()),
        // "520 元" and "520元" alike; the decoder reads the number and unit.
        Type::Quantity { .. } => {
            serde_json::Value::String(text.chars().filter(|c| !c.is_whitespace()).collect())
        }
    }
}

/// `"…"`, `“…”` and `「…」` stand for what they enclose.
fn unquote(text: &str) -> &str {
    for (open, close) in [('"', '"'), ('“', '”'), ('「', '」')] {
        if let Some(inner) = text
            .strip_prefix(open)
            .and_then(|rest| rest.strip_suffix(close))
        {
            return inner;
        }
    }
    text
}

/// 2016年6月1日 → 2016-06-01; other shapes are left to the decoder.
fn iso_date(text: &str) -> Option<String> {
    let rest = text.strip_suffix('日')?;
    let (year, rest) = rest.split_once('年')?;
    let (month, day) = rest.split_once('月')?;
    let date = chrono::NaiveDate::from_ymd_opt(
        year.trim().parse().ok()?,
        month.trim().parse().ok()?,
        day.trim().parse().ok()?,
    )?;
    Some(date.to_string())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;
    use serde_json::json;

    #[test]
    fn typed_values() {
        assert_eq!(to_json("是", &Type::Bool), json!(true));
        assert_eq!(to_json("false", &Type::Bool), json!(false));
        assert_eq!(to_json("2016年12月31日", &Type::Date), json!("2016-12-31"));
        assert_eq!(to_json("2016-06-01", &Type::Date), json!("2016-06-01"));
        assert_eq!(
            to_json("「入不敷出」", &Type::Enum(vec!["入不敷出".into()])),
            json!("入不敷出")
        );
        let yuan = Type::Quantity {
            unit: crate::units::Unit::none(),
            integral: false,
        };
        assert_eq!(to_json("520 元", &yuan), json!("520元"));
    }
}
