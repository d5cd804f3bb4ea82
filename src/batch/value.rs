//! Values in slots: two machine words, `Copy`, no heap — small enough to be
//! passed and returned in registers, which is most of what makes the plan
//! fast. Numbers are exact decimals in base units, as in
//! [`crate::eval::Value`], stored as `rust_decimal`'s own sixteen-byte
//! serialisation; enumeration values and texts are interned by the plan.
//! Units are not stored: the plan proves each value's unit before evaluation.
//!
//! # Layout
//!
//! The first four bytes of a serialised `Decimal` are its flags, whose low
//! sixteen bits are always zero. A number keeps them so (tag 0); every other
//! value puts its tag there and its payload in the second word. `DEFER`
//! (evaluation must be handed to the generic evaluator) and `MISSING` (a
//! fact the record does not give) are values too, so that evaluation can
//! return a plain `CVal` rather than a `Result` that no longer fits two
//! registers.

use crate::ast::CmpOp;
use chrono::NaiveDate;
use rust_decimal::Decimal;

#[derive(Clone, Copy)]
pub struct CVal {
    head: u64,
    tail: u64,
}

const NUM: u8 = 0;
const BOOL: u8 = 1;
const DATE: u8 = 2;
const ENUM: u8 = 3;
const TEXT: u8 = 4;
const DEFER: u8 = 5;
const MISSING: u8 = 6;
const NOT_APPLICABLE: u8 = 7;
const DATE_SHIFT: i64 = 1 << 40;
/// Texts from a record are numbered from here, above every interned id.
const INPUT_TEXT: u64 = 1 << 32;

/// A value taken apart, for matching.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum View {
    Num(Decimal),
    Bool(bool),
    Date(NaiveDate),
    /// An enumeration value, by its interned id.
    Enum(u32),
    /// A text, by its interned id.
    Text(u32),
    /// A text the plan does not know, kept with the record (its index in
    /// the scratch's texts).
    InputText(u32),
    /// Evaluation needs the generic evaluator.
    Defer,
    /// A fact the record does not give.
    Missing,
    /// A case whose condition does not hold.
    NotApplicable,
}

impl CVal {
    pub const DEFER: CVal = CVal::tagged(DEFER, 0);
    pub const MISSING: CVal = CVal::tagged(MISSING, 0);
    pub(crate) const NOT_APPLICABLE: CVal = CVal::tagged(NOT_APPLICABLE, 0);

    const fn tagged(tag: u8, payload: u64) -> CVal {
        CVal {
            head: tag as u64,
            tail: payload,
        }
    }

    #[inline]
    pub fn num(d: Decimal) -> CVal {
        let b = d.serialize();
        let mut head = [0u8; 8];
        let mut tail = [0u8; 8];
        let (h, t) = b.split_at(8);
        head.copy_from_slice(h);
        tail.copy_from_slice(t);
        CVal {
            head: u64::from_le_bytes(head),
            tail: u64::from_le_bytes(tail),
        }
    }

    #[inline]
    pub fn bool(b: bool) -> CVal {
        CVal::tagged(BOOL, u64::from(b))
    }

    pub fn date(d: NaiveDate) -> CVal {
        use chrono::Datelike;
        // Shifted so that the day numbers of all dates, BCE too, order as
        // the dates do.
        CVal::tagged(DATE, (i64::from(d.num_days_from_ce()) + DATE_SHIFT) as u64)
    }

    pub fn enumeration(id: u32) -> CVal {
        CVal::tagged(ENUM, u64::from(id))
    }

    pub fn text(id: u32) -> CVal {
        CVal::tagged(TEXT, u64::from(id))
    }

    /// A record's own text, by its index among the record's texts. Equal
    /// texts of one record share an index, so equality stays bitwise.
    pub(crate) fn input_text(index: u32) -> CVal {
        CVal::tagged(TEXT, INPUT_TEXT + u64::from(index))
    }

    #[inline]
    fn tag(self) -> u8 {
        (self.head & 0xFF) as u8
    }

    #[inline]
    pub fn is_defer(self) -> bool {
        self.tag() == DEFER
    }

    #[inline]
    pub fn is_missing(self) -> bool {
        self.tag() == MISSING
    }

    #[inline]
    pub(crate) fn is_not_applicable(self) -> bool {
        self.tag() == NOT_APPLICABLE
    }

    #[inline]
    pub fn as_num(self) -> Option<Decimal> {
        if self.tag() != NUM {
            return None;
        }
        let mut b = [0u8; 16];
        let (h, t) = b.split_at_mut(8);
        h.copy_from_slice(&self.head.to_le_bytes());
        t.copy_from_slice(&self.tail.to_le_bytes());
        Some(Decimal::deserialize(b))
    }

    #[inline]
    pub fn as_bool(self) -> Option<bool> {
        (self.tag() == BOOL).then_some(self.tail != 0)
    }

    pub fn view(self) -> View {
        match self.tag() {
            NUM => self.as_num().map_or(View::Defer, View::Num),
            BOOL => View::Bool(self.tail != 0),
            DATE => i32::try_from(self.tail as i64 - DATE_SHIFT)
                .ok()
                .and_then(NaiveDate::from_num_days_from_ce_opt)
                .map_or(View::Defer, View::Date),
            ENUM => View::Enum(self.tail as u32),
            TEXT if self.tail >= INPUT_TEXT => View::InputText((self.tail - INPUT_TEXT) as u32),
            TEXT => View::Text(self.tail as u32),
            MISSING => View::Missing,
            NOT_APPLICABLE => View::NotApplicable,
            _ => View::Defer,
        }
    }

    /// Dates in order (their day numbers compare as the dates do).
    fn date_days(self) -> Option<u64> {
        (self.tag() == DATE).then_some(self.tail)
    }
}

/// `eval::Value`'s equality: numbers by value (their units are equal by
/// construction), everything else exactly.
impl PartialEq for CVal {
    fn eq(&self, other: &CVal) -> bool {
        match (self.as_num(), other.as_num()) {
            (Some(a), Some(b)) => a == b,
            _ => self.head == other.head && self.tail == other.tail,
        }
    }
}

impl std::fmt::Debug for CVal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.view())
    }
}

/// `eval::arith::compare`: numbers and dates by order, anything else by
/// equality only.
#[inline]
pub(crate) fn compare(op: CmpOp, a: &CVal, b: &CVal) -> bool {
    let ordering = match (a.as_num(), b.as_num()) {
        (Some(x), Some(y)) => Some(x.cmp(&y)),
        _ => match (a.date_days(), b.date_days()) {
            (Some(x), Some(y)) => Some(x.cmp(&y)),
            _ => None,
        },
    };
    op.holds(ordering, a == b)
}

/// The texts of the current record that the plan did not intern.
#[derive(Debug, Default)]
pub(crate) struct Texts {
    bytes: Vec<u8>,
    /// (start, length, rosters it is on as a bit set).
    items: Vec<(u32, u32, u64)>,
}

impl Texts {
    pub fn clear(&mut self) {
        self.bytes.clear();
        self.items.clear();
    }

    pub fn get(&self, index: u32) -> Option<(&str, u64)> {
        let &(start, len, rosters) = self.items.get(index as usize)?;
        let bytes = self.bytes.get(start as usize..(start + len) as usize)?;
        std::str::from_utf8(bytes).ok().map(|t| (t, rosters))
    }

    /// The value of a text: the index of an equal text already kept, or a
    /// new one (`rosters` says which rosters it is on).
    pub fn keep(&mut self, text: &str, rosters: impl FnOnce(&str) -> u64) -> CVal {
        for (i, &(start, len, _)) in self.items.iter().enumerate() {
            if self.bytes.get(start as usize..(start + len) as usize) == Some(text.as_bytes()) {
                return CVal::input_text(i as u32);
            }
        }
        let start = self.bytes.len() as u32;
        self.bytes.extend_from_slice(text.as_bytes());
        self.items.push((start, text.len() as u32, rosters(text)));
        CVal::input_text((self.items.len() - 1) as u32)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::str::FromStr;

    #[test]
    fn values_round_trip() {
        for text in [
            "0",
            "-0.00",
            "520.00",
            "-12.5",
            "79228162514264337593543950335",
        ] {
            let d = Decimal::from_str(text).unwrap();
            let back = CVal::num(d).as_num().unwrap();
            assert_eq!(
                (back.mantissa(), back.scale(), back.is_sign_negative()),
                (d.mantissa(), d.scale(), d.is_sign_negative())
            );
        }
        let date = NaiveDate::from_ymd_opt(2016, 6, 1).unwrap();
        assert_eq!(CVal::date(date).view(), View::Date(date));
        let bce = NaiveDate::from_ymd_opt(-5, 3, 4).unwrap();
        assert_eq!(CVal::date(bce).view(), View::Date(bce));
        assert!(compare(CmpOp::Lt, &CVal::date(bce), &CVal::date(date)));
        assert_eq!(CVal::bool(true).view(), View::Bool(true));
        assert_eq!(CVal::enumeration(7).view(), View::Enum(7));
        assert!(CVal::DEFER.is_defer() && CVal::MISSING.is_missing());
    }

    #[test]
    fn equality_is_the_generic_evaluators() {
        let a = CVal::num(Decimal::from_str("1.0").unwrap());
        let b = CVal::num(Decimal::from_str("1.00").unwrap());
        assert_eq!(a, b);
        assert_ne!(CVal::enumeration(1), CVal::text(1));
        assert_ne!(CVal::bool(false), CVal::num(Decimal::ZERO));
        let early = CVal::date(NaiveDate::from_ymd_opt(2016, 1, 31).unwrap());
        let late = CVal::date(NaiveDate::from_ymd_opt(2016, 2, 1).unwrap());
        assert!(compare(CmpOp::Lt, &early, &late));
        assert!(!compare(CmpOp::Lt, &a, &early));
    }
}
