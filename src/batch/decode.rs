//! The value decoder of the fast path: one raw value, as a JSON line or a
//! CSV cell writes it, decoded against the fact's declaration into a slot
//! value, exactly as `eval::facts::decode` decodes it — or [`Defer`]red when
//! `decode` would reject it or the fast path cannot be sure (another unit,
//! an escape, more than 18 digits), so that the generic path reports what
//! the generic evaluator reports. Numbers are read into integers and
//! checked against the declared range on them where the unit allows.

use super::plan::{FactKind, Plan};
use super::run::Defer;
use super::scan::same_bytes;
use super::value::{CVal, Texts};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// One raw value as written in the record. Strings are bytes not yet
/// checked to be UTF-8: most are compared with a fact name or an
/// enumeration value, which proves them valid; the rest are checked when read.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Raw<'a> {
    Str(&'a [u8]),
    /// A JSON number's text (ASCII by the grammar).
    Num(&'a [u8]),
    Bool(bool),
    Null,
}

pub(super) fn text(bytes: &[u8]) -> Result<&str, Defer> {
    std::str::from_utf8(bytes).map_err(|_| Defer)
}

impl Plan {
    /// Decodes one fact (`eval::facts::decode` on the fast path).
    #[inline(always)]
    pub(crate) fn decode(
        &self,
        slot: usize,
        raw: Raw<'_>,
        texts: &mut Texts,
    ) -> Result<CVal, Defer> {
        let fact = self.facts.get(slot).ok_or(Defer)?;
        match (&fact.kind, raw) {
            (FactKind::Bool, Raw::Bool(b)) => Ok(CVal::bool(b)),
            // 是 / 否 in UTF-8.
            (FactKind::Bool, Raw::Str(b"\xE6\x98\xAF" | b"true")) => Ok(CVal::bool(true)),
            (FactKind::Bool, Raw::Str(b"\xE5\x90\xA6" | b"false")) => Ok(CVal::bool(false)),
            (FactKind::Date, Raw::Str(s)) => parse_date(text(s)?).map(CVal::date).ok_or(Defer),
            (FactKind::Text, Raw::Str(s)) => Ok(self.text_value(text(s)?, texts)),
            (FactKind::Enum(variants), Raw::Str(s)) => variants
                .iter()
                .find(|(v, _)| same_bytes(v.as_bytes(), s))
                .map(|(_, id)| CVal::enumeration(*id))
                .ok_or(Defer),
            (
                FactKind::Quantity {
                    scale,
                    unit_name,
                    integral,
                    range,
                    whole_range,
                    scale_is_one,
                },
                Raw::Num(_) | Raw::Str(_),
            ) => {
                let (number, unit) = match raw {
                    Raw::Num(t) => (t, &b""[..]),
                    Raw::Str(s) => split_unit(s.trim_ascii()),
                    _ => return Err(Defer),
                };
                if !unit.is_empty() && unit != unit_name.as_bytes() {
                    return Err(Defer);
                }
                let (mantissa, places) = parse_fixed(number).ok_or(Defer)?;
                let amount = Decimal::try_new(mantissa, places).map_err(|_| Defer)?;
                if *scale_is_one && let Some((lo, hi)) = whole_range {
                    // Same value and representation as `amount × 1`; checked
                    // on integers rather than through decimal arithmetic.
                    let unit = POW10.get(places as usize).copied().ok_or(Defer)?;
                    if *integral && places > 0 && mantissa % unit != 0 {
                        return Err(Defer);
                    }
                    let m = i128::from(mantissa);
                    let unit = i128::from(unit);
                    if m < lo * unit || m > hi * unit {
                        return Err(Defer);
                    }
                    return Ok(CVal::num(amount));
                }
                if *integral && !amount.fract().is_zero() {
                    return Err(Defer);
                }
                let base = amount.checked_mul(*scale).ok_or(Defer)?;
                if let Some((lo, hi)) = range
                    && (base < *lo || base > *hi)
                {
                    return Err(Defer);
                }
                Ok(CVal::num(base))
            }
            _ => Err(Defer),
        }
    }
}

/// 10⁰ … 10¹⁸.
const POW10: [i64; 19] = [
    1,
    10,
    100,
    1_000,
    10_000,
    100_000,
    1_000_000,
    10_000_000,
    100_000_000,
    1_000_000_000,
    10_000_000_000,
    100_000_000_000,
    1_000_000_000_000,
    10_000_000_000_000,
    100_000_000_000_000,
    1_000_000_000_000_000,
    10_000_000_000_000_000,
    100_000_000_000_000_000,
    1_000_000_000_000_000_000,
];

/// `-?digits(.digits)?` with at most 18 digits, exactly as
/// `Decimal::from_str_exact` reads it (same mantissa, same scale).
#[cfg(test)]
pub(crate) fn parse_decimal(bytes: &[u8]) -> Option<Decimal> {
    let (m, scale) = parse_fixed(bytes)?;
    Decimal::try_new(m, scale).ok()
}

/// The mantissa and scale of [`parse_decimal`], as integers.
#[inline]
pub(crate) fn parse_fixed(bytes: &[u8]) -> Option<(i64, u32)> {
    let (negative, digits) = match bytes.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, bytes),
    };
    let mut mantissa: i64 = 0;
    let mut count = 0;
    let mut whole = 0;
    let mut scale = 0u32;
    let mut dot = false;
    for &c in digits {
        match c {
            b'0'..=b'9' => {
                count += 1;
                if count > 18 {
                    return None;
                }
                mantissa = mantissa * 10 + i64::from(c - b'0');
                if dot {
                    scale += 1;
                } else {
                    whole += 1;
                }
            }
            b'.' if !dot => dot = true,
            _ => return None,
        }
    }
    // "5." and ".5" and "-0" are left to the generic reader.
    if whole == 0 || (dot && scale == 0) || (negative && mantissa == 0) {
        return None;
    }
    Some((if negative { -mantissa } else { mantissa }, scale))
}

/// "520.00元" → ("520.00", "元"), as `eval::facts::split_unit`, on bytes.
/// (Non-ASCII white space is not trimmed: such a value is deferred.)
fn split_unit(s: &[u8]) -> (&[u8], &[u8]) {
    let end = s
        .iter()
        .position(|c| !(c.is_ascii_digit() || matches!(c, b'.' | b'-' | b'+' | b'e' | b'E')))
        .unwrap_or(s.len());
    let (num, unit) = s.split_at(end);
    (num, unit.trim_ascii())
}

/// `eval::facts::parse_date` without its allocation: three runs of digits.
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.len() > 16 {
        return None;
    }
    let mut parts = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty());
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::str::FromStr;

    #[test]
    fn decimals_read_as_rust_decimal_reads_them() {
        for text in ["520.00", "3", "007", "-12.5", "0.0", "123456789012345678"] {
            let fast = parse_decimal(text.as_bytes()).unwrap();
            let slow = Decimal::from_str_exact(text).unwrap();
            assert_eq!(
                (fast.mantissa(), fast.scale()),
                (slow.mantissa(), slow.scale())
            );
        }
        for text in [
            "",
            "-",
            "5.",
            ".5",
            "-0",
            "1e3",
            "1234567890123456789",
            "1.2.3",
            "+1",
        ] {
            assert!(parse_decimal(text.as_bytes()).is_none(), "{text}");
        }
        assert_eq!(Decimal::from_str("520.00").ok(), parse_decimal(b"520.00"));
    }

    #[test]
    fn dates_read_as_the_generic_reader_reads_them() {
        for text in [
            "2016-06-01",
            "2016/6/1",
            "2016年6月1日",
            " 2016-06-01 ",
            "2016-02-30",
            "2016-06",
            "2016-06-01-02",
            "20160601",
            "99999-1-1",
        ] {
            assert_eq!(
                parse_date(text),
                crate::eval::facts::parse_date(text),
                "{text}"
            );
        }
    }
}
