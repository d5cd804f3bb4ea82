//! The JSON scanner of the fast path: one flat object, read byte by byte
//! without building a `serde_json::Value` or allocating. It accepts only the
//! plain shape batch systems write — no escapes in strings, numbers without
//! exponents, no nested values — and [`Defer`]s everything else to the
//! generic path, which reads the record with serde. Word-at-a-time helpers
//! (string ends, byte equality) keep the short keys and values of a record
//! off `memchr` and `memcmp`.

use super::decode::Raw;
use super::run::Defer;

/// A hand-written reader for one flat JSON object. It accepts a subset of
/// JSON (see the module documentation) and defers the rest.
pub(super) struct Cursor<'a> {
    pub(super) bytes: &'a [u8],
    pub(super) at: usize,
}

impl<'a> Cursor<'a> {
    pub(super) fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    pub(super) fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.at += 1;
        Some(b)
    }

    pub(super) fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    pub(super) fn expect(&mut self, b: u8) -> Result<(), Defer> {
        if self.next() == Some(b) {
            Ok(())
        } else {
            Err(Defer)
        }
    }

    pub(super) fn end(&mut self) -> Result<(), Defer> {
        self.ws();
        if self.at == self.bytes.len() {
            Ok(())
        } else {
            Err(Defer)
        }
    }

    /// A string without escapes or control characters; its contents.
    #[inline(always)]
    pub(super) fn string(&mut self) -> Result<&'a [u8], Defer> {
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

    pub(super) fn literal(&mut self, word: &[u8]) -> Result<(), Defer> {
        let end = self.at + word.len();
        if self.bytes.get(self.at..end) == Some(word) {
            self.at = end;
            Ok(())
        } else {
            Err(Defer)
        }
    }

    #[inline(always)]
    pub(super) fn value(&mut self) -> Result<Raw<'a>, Defer> {
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
    // At least one digit from `i` on; the position after the last.
    let digits = |mut i: usize| {
        let start = i;
        while matches!(at(i), Some(b'0'..=b'9')) {
            i += 1;
        }
        (i > start).then_some(i)
    };
    if at(i) == Some(b'.') {
        i = digits(i + 1)?;
    }
    if matches!(at(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(at(i), Some(b'+' | b'-')) {
            i += 1;
        }
        i = digits(i)?;
    }
    Some(i)
}

/// Whether all of `s` is one JSON number.
#[inline]
pub(crate) fn is_json_number(s: &str) -> bool {
    json_number_len(s.as_bytes()) == Some(s.len())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

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
