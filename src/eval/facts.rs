//! Facts of one case, read from JSON or TOML, and decoded against the
//! notice's declared schema: wrong types, units and enumeration values are
//! errors naming the fact.

use super::error::{DeclaredRange, EvalError, FactShape, FactsProblem};
use super::value::Value;
use crate::program::{FactInfo, Type};
use crate::units::{self, UnitExpr};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::str::FromStr;

/// Raw facts as given, before decoding.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub values: HashMap<String, serde_json::Value>,
}

/// Where a facts text was read from; its name decides how it is read.
#[derive(Debug, Clone, Copy)]
pub enum FactsOrigin<'a> {
    /// A file, by its path.
    File(&'a std::path::Path),
    /// A stream without a name: stdin, a request body.
    Stdin,
}

/// How a facts text is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactsFormat {
    Json,
    Toml,
}

impl FactsFormat {
    /// The one rule every reader of facts follows (`polc eval --facts`, the
    /// REPL's `--facts`): a `.toml` file is TOML and any other file JSON; a
    /// text without a name is JSON when it starts like JSON (`{`), else TOML,
    /// as a case system may pipe either.
    pub fn of(origin: FactsOrigin<'_>, text: &str) -> FactsFormat {
        let toml = match origin {
            FactsOrigin::File(path) => path.extension().is_some_and(|e| e == "toml"),
            FactsOrigin::Stdin => !text.trim_start().starts_with('{'),
        };
        if toml {
            FactsFormat::Toml
        } else {
            FactsFormat::Json
        }
    }
}

/// Facts files deeper than this are refused rather than risk the stack.
const MAX_DEPTH: usize = 32;

/// Largest facts file read, in bytes. One case's facts are a few hundred
/// bytes; a file this size is the wrong file, and parsing it would only
/// fill the memory first.
pub const MAX_FACTS_BYTES: usize = 16 * 1024 * 1024;

/// Refuses a facts text too large to be one case, before parsing it.
fn check_size(text: &str) -> Result<(), EvalError> {
    if text.len() > MAX_FACTS_BYTES {
        return Err(EvalError::FactsFile {
            problem: FactsProblem::TooLarge {
                bytes: text.len(),
                limit: MAX_FACTS_BYTES,
            },
        });
    }
    Ok(())
}

/// serde_json's own guard against deep nesting (128 levels) says only
/// "recursion limit exceeded"; say what it means.
fn json_error(e: &serde_json::Error) -> FactsProblem {
    let detail = e.to_string();
    if detail.contains("recursion limit") {
        FactsProblem::TooDeep {
            limit: None,
            at: Some((e.line(), e.column())),
        }
    } else {
        FactsProblem::Syntax { detail }
    }
}

impl Facts {
    /// Reads a facts text in the format [`FactsFormat::of`] its origin.
    pub fn read(origin: FactsOrigin<'_>, text: &str) -> Result<Facts, EvalError> {
        match FactsFormat::of(origin, text) {
            FactsFormat::Json => Facts::from_json(text),
            FactsFormat::Toml => Facts::from_toml(text),
        }
    }

    pub fn from_json(text: &str) -> Result<Facts, EvalError> {
        check_size(text)?;
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| EvalError::FactsFile {
                problem: json_error(&e),
            })?;
        Self::from_value(value)
    }

    pub fn from_toml(text: &str) -> Result<Facts, EvalError> {
        check_size(text)?;
        let value: toml::Value = toml::from_str(text).map_err(|e| {
            let detail = e.to_string();
            EvalError::FactsFile {
                problem: if detail.contains("recursion limit") {
                    FactsProblem::TooDeep {
                        limit: None,
                        at: None,
                    }
                } else {
                    FactsProblem::Syntax { detail }
                },
            }
        })?;
        Self::from_value(toml_to_json(value, 0)?)
    }

    pub fn from_value(value: serde_json::Value) -> Result<Facts, EvalError> {
        let serde_json::Value::Object(map) = value else {
            return Err(EvalError::FactsFile {
                problem: FactsProblem::NotATable,
            });
        };
        // A `facts` table (as in test files) may hold the facts themselves.
        let map = match map.get("facts") {
            Some(serde_json::Value::Object(inner)) if map.len() == 1 => inner.clone(),
            _ => map,
        };
        Ok(Facts {
            values: map.into_iter().collect(),
        })
    }

    pub fn set(&mut self, name: impl Into<String>, value: serde_json::Value) {
        self.values.insert(name.into(), value);
    }
}

/// A TOML value as the JSON facts take it (dates and floats as their
/// written text), refusing nesting deeper than facts files ever need.
pub fn toml_value_to_json(value: toml::Value) -> Result<serde_json::Value, EvalError> {
    toml_to_json(value, 0)
}

fn toml_to_json(value: toml::Value, depth: usize) -> Result<serde_json::Value, EvalError> {
    if depth > MAX_DEPTH {
        return Err(EvalError::FactsFile {
            problem: FactsProblem::TooDeep {
                limit: Some(MAX_DEPTH),
                at: None,
            },
        });
    }
    Ok(match value {
        toml::Value::String(s) => serde_json::Value::String(s),
        toml::Value::Integer(i) => serde_json::Value::from(i),
        // TOML floats arrive as binary floats; their shortest decimal form is
        // what the user wrote, so it is read back exactly as a decimal string.
        toml::Value::Float(f) => serde_json::Value::String(f.to_string()),
        toml::Value::Boolean(b) => serde_json::Value::Bool(b),
        toml::Value::Datetime(d) => serde_json::Value::String(d.to_string()),
        toml::Value::Array(items) => serde_json::Value::Array(
            items
                .into_iter()
                .map(|v| toml_to_json(v, depth + 1))
                .collect::<Result<_, _>>()?,
        ),
        toml::Value::Table(t) => serde_json::Value::Object(
            t.into_iter()
                .map(|(k, v)| Ok((k, toml_to_json(v, depth + 1)?)))
                .collect::<Result<_, EvalError>>()?,
        ),
    })
}

/// Decodes one raw fact by its declaration.
pub fn decode(info: &FactInfo, raw: &serde_json::Value) -> Result<Value, EvalError> {
    let wrong = |expected: FactShape| EvalError::FactType {
        name: info.name.clone(),
        clause: info.clause,
        expected,
        found: short(raw),
    };
    match &info.ty {
        Type::Bool => match raw {
            serde_json::Value::Bool(b) => Ok(Value::Bool(*b)),
            serde_json::Value::String(s) if matches!(s.as_str(), "是" | "true") => {
                Ok(Value::Bool(true))
            }
            serde_json::Value::String(s) if matches!(s.as_str(), "否" | "false") => {
                Ok(Value::Bool(false))
            }
            _ => Err(wrong(FactShape::Bool)),
        },
        Type::Date => match raw {
            serde_json::Value::String(s) => parse_date(s)
                .map(Value::Date)
                .ok_or_else(|| wrong(FactShape::Date)),
            _ => Err(wrong(FactShape::Date)),
        },
        Type::Text => match raw {
            serde_json::Value::String(s) => Ok(Value::Text(s.clone())),
            _ => Err(wrong(FactShape::Text)),
        },
        Type::Enum(variants) => match raw {
            serde_json::Value::String(s) if variants.contains(s) => Ok(Value::Enum(s.clone())),
            serde_json::Value::String(s) => Err(EvalError::UnknownEnumValue {
                name: info.name.clone(),
                clause: info.clause,
                value: s.clone(),
                allowed: variants.clone(),
            }),
            _ => Err(wrong(FactShape::OneOf(variants.clone()))),
        },
        Type::Quantity { unit, integral } => {
            let expected = || FactShape::Number {
                unit: unit.name.clone(),
            };
            let (number, written_unit) = match raw {
                serde_json::Value::Number(n) => (n.to_string(), None),
                serde_json::Value::String(s) => split_unit(s.trim()),
                _ => return Err(wrong(expected())),
            };
            let amount = Decimal::from_str_exact(&number)
                .or_else(|_| Decimal::from_str(&number))
                .or_else(|_| Decimal::from_scientific(&number))
                .map_err(|_| wrong(expected()))?;
            let scale = match written_unit {
                None => unit.scale,
                Some(u) => {
                    let parts = u.split('/').map(str::to_string).collect();
                    match units::resolve(&UnitExpr { parts }) {
                        Ok(given) if given.dim == unit.dim => given.scale,
                        _ => return Err(wrong(expected())),
                    }
                }
            };
            if *integral && !amount.fract().is_zero() {
                return Err(wrong(FactShape::Whole {
                    unit: unit.name.clone(),
                }));
            }
            let base = amount.checked_mul(scale).ok_or_else(|| wrong(expected()))?;
            if let Some((lo, hi)) = info.range
                && (base < lo || base > hi)
            {
                return Err(EvalError::FactRange {
                    name: info.name.clone(),
                    clause: info.clause,
                    value: raw_text(raw),
                    range: Box::new(DeclaredRange {
                        low: lo,
                        high: hi,
                        unit: unit.clone(),
                    }),
                });
            }
            Ok(Value::num(base, unit.dim.clone()))
        }
    }
}

/// "520.00元" → ("520.00", Some("元")); "三人" → ("3", Some("人")), as the
/// language reads 三人 ([`crate::numeral::parse_amount`]); "十个工作日" →
/// ("10", Some("工作日")).
fn split_unit(s: &str) -> (String, Option<String>) {
    if let Some((number, unit)) = split_chinese(s) {
        return (number, unit);
    }
    split_arabic(s)
}

/// A value written with a Chinese numeral, or `None` (then the text is read
/// as Arabic digits, and fails there with the usual message).
fn split_chinese(s: &str) -> Option<(String, Option<String>)> {
    let is_numeral_char = |c: char| "零〇一二两三四五六七八九十百千万亿".contains(c);
    let mut end = 0;
    for (i, c) in s.char_indices() {
        // 万 before 元 is the unit 万元 (五万元 is 5万元), as in the grammar.
        let before_yuan = s
            .get(i + c.len_utf8()..)
            .is_some_and(|after| after.starts_with('元'));
        if !is_numeral_char(c) || (matches!(c, '万' | '亿') && before_yuan) {
            break;
        }
        end = i + c.len_utf8();
    }
    let (numeral, rest) = s.split_at_checked(end)?;
    let n = crate::numeral::parse_amount(numeral).ok()?;
    let rest = rest.trim();
    // 十个工作日: the measure word 个 before a unit (but 个月 is a unit).
    let unit = match rest.strip_prefix('个') {
        Some(after) if !after.is_empty() && after != "月" => after,
        _ => rest,
    };
    Some((n.to_string(), (!unit.is_empty()).then(|| unit.to_string())))
}

fn split_arabic(s: &str) -> (String, Option<String>) {
    let end = s
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E')))
        .map_or(s.len(), |(i, _)| i);
    let (num, unit) = s.split_at(end);
    let unit = unit.trim();
    (
        num.to_string(),
        if unit.is_empty() {
            None
        } else {
            Some(unit.to_string())
        },
    )
}

pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let parts: Vec<&str> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() != 3 || s.len() > 16 {
        return None;
    }
    let y = parts.first()?.parse().ok()?;
    let m = parts.get(1)?.parse().ok()?;
    let d = parts.get(2)?.parse().ok()?;
    NaiveDate::from_ymd_opt(y, m, d)
}

pub(super) fn raw_text(raw: &serde_json::Value) -> String {
    match raw {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn short(raw: &serde_json::Value) -> String {
    let text = raw.to_string();
    if text.chars().count() > 40 {
        format!("{}…", text.chars().take(40).collect::<String>())
    } else {
        text
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn files_go_by_extension_and_stdin_by_its_first_character() {
        let file = |name| FactsOrigin::File(Path::new(name));
        assert_eq!(FactsFormat::of(file("case.toml"), "{"), FactsFormat::Toml);
        assert_eq!(
            FactsFormat::of(file("case.json"), "a = 1"),
            FactsFormat::Json
        );
        assert_eq!(FactsFormat::of(file("case"), "a = 1"), FactsFormat::Json);
        assert_eq!(
            FactsFormat::of(FactsOrigin::Stdin, " \n{}"),
            FactsFormat::Json
        );
        assert_eq!(
            FactsFormat::of(FactsOrigin::Stdin, "a = 1"),
            FactsFormat::Toml
        );
        let read = Facts::read(FactsOrigin::Stdin, "\"年龄\" = 3").unwrap();
        assert_eq!(read.values.get("年龄"), Some(&serde_json::json!(3)));
    }
}
