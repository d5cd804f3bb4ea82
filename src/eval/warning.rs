//! What an answer warns about without refusing: a fact outside its
//! plausibility range (`通常 1人 至 20人`). The text does not state that
//! bound, so a real case beyond it is answered; the warning asks the
//! caseworker to check the value.

use crate::clause::ClausePath;
use crate::codes;
use crate::diag::{Bilingual, Diagnostic, Lang, pick};
use crate::program::range_text;
use crate::units::Unit;
use rust_decimal::Decimal;

/// The warning for a fact's decoded `value` (given as `raw`), when it lies
/// outside the fact's plausibility range.
pub fn implausible(
    info: &crate::program::FactInfo,
    value: &super::Value,
    raw: &serde_json::Value,
) -> Option<FactWarning> {
    let (
        super::Value::Num { amount, .. },
        Some((low, high)),
        crate::program::Type::Quantity { unit, .. },
    ) = (value, info.typical, &info.ty)
    else {
        return None;
    };
    info.implausible(*amount).then(|| FactWarning {
        name: info.name.clone(),
        clause: info.clause,
        value: super::facts::raw_text(raw),
        low,
        high,
        unit: unit.clone(),
    })
}

/// A fact given outside its plausibility range.
#[derive(Debug, Clone, PartialEq)]
pub struct FactWarning {
    pub name: String,
    pub clause: ClausePath,
    /// The value as given.
    pub value: String,
    /// The plausibility range, in base units.
    pub low: Decimal,
    pub high: Decimal,
    pub unit: Unit,
}

impl FactWarning {
    fn typical(&self) -> String {
        range_text(self.low, self.high, &self.unit)
    }

    pub fn message(&self, lang: Lang) -> String {
        let (name, value, typical) = (&self.name, &self.value, self.typical());
        pick(
            lang,
            format!("事实「{name}」的值 {value} 超出通常范围 {typical}：仍照此计算，请核对"),
            format!(
                "fact `{name}` = `{value}` is outside its usual range `{typical}`: answered as given, check it"
            ),
        )
    }

    fn help(&self, lang: Lang) -> String {
        pick(
            lang,
            "核对数值和单位；数值无误时，这个答案照常有效",
            "check the number and its unit; if it is right, the answer stands",
        )
    }

    pub fn to_diagnostic(&self) -> Diagnostic {
        Diagnostic {
            code: &codes::eval::IMPLAUSIBLE_FACT,
            message: Bilingual::from_fn(|lang| self.message(lang)),
            help: Some(Bilingual::from_fn(|lang| self.help(lang))),
            span: None,
            clause: Some(self.clause),
        }
    }

    /// `{"code", "fact", "value", "clause", "message"}`: one entry of an
    /// answer's `warnings` (in `polc eval --format json` and batch lines).
    pub fn to_json(&self, lang: Lang) -> serde_json::Value {
        serde_json::json!({
            "code": codes::eval::IMPLAUSIBLE_FACT.name,
            "fact": self.name,
            "value": self.value,
            "clause": self.clause.to_string(),
            "message": self.message(lang),
        })
    }
}
