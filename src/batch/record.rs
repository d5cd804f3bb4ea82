//! Records straight into slots: a flat JSON object (one NDJSON line) or a CSV
//! row, decoded fact by fact against the notice's declarations, without a
//! `serde_json::Value` or any other allocation.
//!
//! The fast reader takes only the plain shape batch systems write: one flat
//! object, no escapes in strings, numbers without exponents, values in the
//! declared unit. Anything else — and every value `eval::facts::decode`
//! would reject — is [`Defer`]red to the generic path, which reads the record
//! with serde and reports exactly what the generic evaluator reports.

use super::plan::{FactKind, Plan};
use super::run::{Defer, Scratch};
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

fn text(bytes: &[u8]) -> Result<&str, Defer> {
    std::str::from_utf8(bytes).map_err(|_| Defer)
}

/// Where the id field's JSON text is in the line (byte range), if present.
pub(crate) type IdSpan = Option<(usize, usize)>;

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

    /// The fact slot a key names, trying first the slot the same key
    /// position held in the previous record.
    pub(crate) fn slot_of(&self, key: &[u8], position: usize, guess: &mut [u32]) -> Option<usize> {
        if let Some(&g) = guess.get(position)
            && self
                .facts
                .get(g as usize)
                .is_some_and(|f| same_bytes(f.name.as_bytes(), key))
        {
            return Some(g as usize);
        }
        let slot = self
            .facts
            .iter()
            .position(|f| same_bytes(f.name.as_bytes(), key))?;
        if let Some(g) = guess.get_mut(position) {
            *g = slot as u32;
        }
        Some(slot)
    }

    /// Reads one NDJSON line into the scratch's fact slots; returns where the
    /// id field's value is.
    pub(crate) fn read_json(
        &self,
        line: &[u8],
        id_field: &str,
        s: &mut Scratch,
    ) -> Result<IdSpan, Defer> {
        s.clear();
        let mut p = Cursor { bytes: line, at: 0 };
        let mut id = None;
        p.ws();
        p.expect(b'{')?;
        p.ws();
        if p.peek() == Some(b'}') {
            p.at += 1;
            return p.end().map(|()| id);
        }
        let id_is_fact = self.id_is_fact(id_field);
        let mut position = 0;
        loop {
            p.ws();
            let key = p.string()?;
            p.ws();
            p.expect(b':')?;
            p.ws();
            let start = p.at;
            let raw = p.value()?;
            let is_id = key == id_field.as_bytes();
            if is_id {
                id = Some((start, p.at));
            }
            let slot = if is_id && !id_is_fact {
                None
            } else {
                self.slot_of(key, position, &mut s.key_guess)
            };
            match slot {
                Some(slot) => {
                    let value = self.decode(slot, raw, &mut s.texts)?;
                    if let Some(cell) = s.facts.get_mut(slot) {
                        *cell = value;
                    }
                }
                None => {
                    // Not a fact: still has to be valid JSON text.
                    if !is_id {
                        text(key)?;
                    }
                    if let Raw::Str(v) = raw {
                        text(v)?;
                    }
                }
            }
            position += 1;
            p.ws();
            match p.next() {
                Some(b',') => continue,
                Some(b'}') => break,
                _ => return Err(Defer),
            }
        }
        p.end().map(|()| id)
    }
}

impl Plan {
    pub(crate) fn id_is_fact(&self, id_field: &str) -> bool {
        self.facts.iter().any(|f| f.name == id_field)
    }
}

/// A hand-written reader for one flat JSON object. It accepts a subset of
/// JSON (see the module documentation) and defers the rest.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.at += 1;
        Some(b)
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn expect(&mut self, b: u8) -> Result<(), Defer> {
        if self.next() == Some(b) {
            Ok(())
        } else {
            Err(Defer)
        }
    }

    fn end(&mut self) -> Result<(), Defer> {
        self.ws();
        if self.at == self.bytes.len() {
            Ok(())
        } else {
            Err(Defer)
        }
    }

    /// A string without escapes or control characters; its contents.
    #[inline(always)]
    fn string(&mut self) -> Result<&'a [u8], Defer> {
        self.expect(b'"')?;
        let rest = self.bytes.get(self.at..).ok_or(Defer)?;
        let len = string_end(rest);
        if rest.get(len) != Some(&b'"') {
            // A backslash (escapes go to the generic path), a raw control
            // character (invalid JSON), or no closing quote.
            return Err(Defer);
        }
        self.at += len + 1;
        rest.get(..len).ok_or(Defer)
    }

    fn literal(&mut self, word: &[u8]) -> Result<(), Defer> {
        let end = self.at + word.len();
        if self.bytes.get(self.at..end) == Some(word) {
            self.at = end;
            Ok(())
        } else {
            Err(Defer)
        }
    }

    #[inline(always)]
    fn value(&mut self) -> Result<Raw<'a>, Defer> {
        match self.peek() {
            Some(b'"') => self.string().map(Raw::Str),
            Some(b't') => self.literal(b"true").map(|()| Raw::Bool(true)),
            Some(b'f') => self.literal(b"false").map(|()| Raw::Bool(false)),
            Some(b'n') => self.literal(b"null").map(|()| Raw::Null),
            Some(b'-' | b'0'..=b'9') => {
                let start = self.at;
                let rest = self.bytes.get(start..).unwrap_or(&[]);
                let len = json_number_len(rest).ok_or(Defer)?;
                self.at += len;
                rest.get(..len).map(Raw::Num).ok_or(Defer)
            }
            // Nested objects and arrays are not facts: the generic path reads them.
            _ => Err(Defer),
        }
    }
}

/// Where the first `"`, `\\` or control character is (or `b.len()`), eight
/// bytes at a time: keys and values are short, too short for `memchr` to pay.
#[inline(always)]
fn string_end(b: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let mut i = 0;
    while let Some(word) = b.get(i..i + 8) {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(word);
        let w = u64::from_le_bytes(bytes);
        let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
        let quote = zero(w ^ (ONES * u64::from(b'"')));
        let slash = zero(w ^ (ONES * u64::from(b'\\')));
        let control = w.wrapping_sub(ONES * 0x20) & !w & HIGHS;
        let hits = quote | slash | control;
        if hits != 0 {
            // The lowest flagged byte is exact (carries only move upwards).
            return i + (hits.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&c) = b.get(i) {
        if c == b'"' || c == b'\\' || c < 0x20 {
            return i;
        }
        i += 1;
    }
    i
}

/// Byte equality that stays inline (no `memcmp` call): fact names are a few
/// Chinese characters, 6 to 30 bytes.
#[inline(always)]
pub(crate) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n < 8 {
        return a == b;
    }
    let word = |s: &[u8], at: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(s.get(at..at + 8).unwrap_or(&[0; 8]));
        u64::from_le_bytes(w)
    };
    let mut at = 0;
    while at + 8 < n {
        if word(a, at) != word(b, at) {
            return false;
        }
        at += 8;
    }
    // The last eight bytes, overlapping what was compared already.
    word(a, n - 8) == word(b, n - 8)
}

/// The length of the JSON number at the start of `b` (RFC 8259 grammar).
pub(crate) fn json_number_len(b: &[u8]) -> Option<usize> {
    let mut i = 0;
    let at = |i: usize| b.get(i).copied();
    if at(i) == Some(b'-') {
        i += 1;
    }
    match at(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            while matches!(at(i), Some(b'0'..=b'9')) {
                i += 1;
            }
        }
        _ => return None,
    }
    if at(i) == Some(b'.') {
        i += 1;
        let digits = i;
        while matches!(at(i), Some(b'0'..=b'9')) {
            i += 1;
        }
        if i == digits {
            return None;
        }
    }
    if matches!(at(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(at(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let digits = i;
        while matches!(at(i), Some(b'0'..=b'9')) {
            i += 1;
        }
        if i == digits {
            return None;
        }
    }
    Some(i)
}

/// Whether all of `s` is one JSON number.
pub(crate) fn is_json_number(s: &str) -> bool {
    json_number_len(s.as_bytes()) == Some(s.len())
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

    #[test]
    fn strings_end_at_quotes_escapes_and_control_characters() {
        let cases: [(&[u8], usize); 8] = [
            (b"abc\"", 3),
            (b"\"", 0),
            (b"abcdefghijklmnop\"x", 16),
            (b"abcdefgh\\ijk\"", 8),
            (b"abcdefghij\nk\"", 10),
            ("困难类型\"".as_bytes(), 12),
            (b"no end", 6),
            (b"", 0),
        ];
        for (text, end) in cases {
            assert_eq!(string_end(text), end, "{text:?}");
        }
        assert!(same_bytes("低保标准".as_bytes(), "低保标准".as_bytes()));
        assert!(!same_bytes("低保标准".as_bytes(), "困难类型".as_bytes()));
        assert!(!same_bytes(b"abcdefghi", b"abcdefghj"));
        assert!(same_bytes(
            "无正当理由拒绝就业".as_bytes(),
            "无正当理由拒绝就业".as_bytes()
        ));
        assert!(!same_bytes(
            "无正当理由拒绝就业".as_bytes(),
            "无正当理由拒绝就来".as_bytes()
        ));
        assert!(!same_bytes(
            "无正当理由拒绝就业".as_bytes(),
            "有正当理由拒绝就业".as_bytes()
        ));
        assert!(same_bytes(b"abc", b"abc") && !same_bytes(b"abc", b"abd"));
    }

    #[test]
    fn json_numbers_follow_the_grammar() {
        for ok in ["0", "-0", "12", "1.5", "1e5", "1E+5", "-0.25e-3"] {
            assert!(is_json_number(ok), "{ok}");
        }
        for bad in ["", "-", "01", "1.", ".5", "1e", "+1", "1.5.", "0x1"] {
            assert!(!is_json_number(bad), "{bad}");
        }
    }
}
