//! One answer as one NDJSON line, byte for byte what serde_json prints for
//! `{"id": …, "outputs": answer.to_json()["outputs"]}` — names and clauses
//! were turned into JSON text when the plan was built, so writing is copying
//! and formatting numbers.

use super::plan::{Format, Plan};
use super::run::{Defer, Scratch};
use super::value::{CVal, View};
use crate::eval::value::{in_unit, round_money};
use chrono::Datelike;
use rust_decimal::Decimal;
use std::io::Write as _;

impl Plan {
    /// Appends `{"id":…,"outputs":{…}}\n` for the case in `s`, evaluated.
    pub(crate) fn write_answer(
        &self,
        s: &Scratch,
        write_id: impl FnOnce(&mut Vec<u8>),
        out: &mut Vec<u8>,
    ) -> Result<(), Defer> {
        out.extend_from_slice(b"{\"id\":");
        write_id(out);
        out.extend_from_slice(b",\"outputs\":{");
        for (i, o) in self.outputs.iter().enumerate() {
            let (value, cites) = s.output(self, i).ok_or(Defer)?;
            out.extend_from_slice(o.head.as_bytes());
            match value {
                None => out.extend_from_slice(b"null"),
                Some(v) => self.write_value(v, &o.format, s, out),
            }
            out.extend_from_slice(b",\"cites\":[");
            for (k, c) in cites.iter().enumerate() {
                if k > 0 {
                    out.push(b',');
                }
                let text = self.clauses_json.get(usize::from(*c)).ok_or(Defer)?;
                out.extend_from_slice(text.as_bytes());
            }
            out.push(b']');
            out.extend_from_slice(o.unit_tail.as_bytes());
            out.push(b'}');
        }
        out.extend_from_slice(b"}}\n");
        Ok(())
    }

    /// `Value::to_json`.
    fn write_value(&self, v: CVal, format: &Format, s: &Scratch, out: &mut Vec<u8>) {
        match (v.view(), format) {
            (View::Bool(true), _) => out.extend_from_slice(b"true"),
            (View::Bool(false), _) => out.extend_from_slice(b"false"),
            (View::Date(d), _) => {
                out.push(b'"');
                write_date(d, out);
                out.push(b'"');
            }
            (View::Enum(id) | View::Text(id), _) => {
                let text = self
                    .strings_json
                    .get(id as usize)
                    .map_or("null", String::as_str);
                out.extend_from_slice(text.as_bytes());
            }
            (View::Num(amount), Format::Money { scale, places }) => {
                out.push(b'"');
                write_money(amount, *scale, *places, out);
                out.push(b'"');
            }
            (View::Num(amount), Format::Number { scale }) => {
                let _ = write!(out, "{}", in_unit(amount, *scale).normalize());
            }
            (View::Num(amount), Format::Plain) => {
                let _ = write!(out, "\"{}\"", amount.normalize());
            }
            (View::InputText(i), _) => {
                let text = s.texts.get(i).map_or("", |(t, _)| t);
                let _ = serde_json::to_writer(&mut *out, text);
            }
            (View::Defer | View::Missing | View::NotApplicable, _) => {
                out.extend_from_slice(b"null");
            }
        }
    }
}

/// `eval::value::format_amount` for money: rounded half away from zero
/// (四舍五入) to the fen, at least two decimals shown.
fn write_money(amount: Decimal, scale: Decimal, places: u32, out: &mut Vec<u8>) {
    // Fast path: 元, not negative, with at most two decimals needs no
    // rounding, and prints as whole fen with two decimals whatever its
    // trailing zeros.
    if scale == Decimal::ONE && amount.scale() <= 2 && !amount.is_sign_negative() {
        let mantissa = amount.mantissa();
        if let Ok(m) = i64::try_from(mantissa) {
            let fen = m.checked_mul(10i64.pow(2 - amount.scale()));
            if let Some(fen) = fen {
                let fen = fen.unsigned_abs();
                write_u64(fen / 100, out);
                out.push(b'.');
                let cents = fen % 100;
                out.push(b'0' + (cents / 10) as u8);
                out.push(b'0' + (cents % 10) as u8);
                return;
            }
        }
    }
    let rounded = round_money(in_unit(amount, scale), places);
    let _ = write!(out, "{rounded}");
}

fn write_u64(mut n: u64, out: &mut Vec<u8>) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        if let Some(b) = buf.get_mut(i) {
            *b = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || i == 0 {
            break;
        }
    }
    out.extend_from_slice(buf.get(i..).unwrap_or(&[]));
}

/// `NaiveDate`'s `Display` (ISO 8601), quick for four-digit years.
fn write_date(d: chrono::NaiveDate, out: &mut Vec<u8>) {
    let year = d.year();
    if !(1000..=9999).contains(&year) {
        let _ = write!(out, "{d}");
        return;
    }
    write_u64(year as u64, out);
    for part in [d.month(), d.day()] {
        out.push(b'-');
        out.push(b'0' + (part / 10) as u8);
        out.push(b'0' + (part % 10) as u8);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::units::{UnitExpr, resolve};
    use std::str::FromStr;

    fn money(text: &str, unit: &str) -> String {
        let u = resolve(&UnitExpr {
            parts: vec![unit.to_string()],
        })
        .unwrap();
        let amount = Decimal::from_str(text).unwrap() * u.scale;
        let mut out = Vec::new();
        let extra = i64::from(u.scale.normalize().scale());
        let digits = u.scale.trunc().to_string().len() as i64 - 1;
        let places = (2 + digits - extra).clamp(2, 28) as u32;
        write_money(amount, u.scale, places, &mut out);
        let ours = String::from_utf8(out).unwrap();
        assert_eq!(
            ours,
            crate::eval::value::format_amount(amount, &u),
            "{text}{unit}"
        );
        ours
    }

    #[test]
    fn money_is_written_as_format_amount_writes_it() {
        assert_eq!(money("4680", "元"), "4680.00");
        assert_eq!(money("4680.5", "元"), "4680.50");
        assert_eq!(money("-12.05", "元"), "-12.05");
        assert_eq!(money("0", "元"), "0.00");
        assert_eq!(money("0.005", "元"), "0.01");
        assert_eq!(money("1.2345", "万元"), "1.2345");
        assert_eq!(money("99999999999999.99", "元"), "99999999999999.99");
    }

    #[test]
    fn dates_are_written_as_chrono_writes_them() {
        for (y, m, d) in [(2016, 6, 1), (999, 1, 2), (10000, 12, 31), (-5, 3, 4)] {
            let date = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let mut out = Vec::new();
            write_date(date, &mut out);
            assert_eq!(String::from_utf8(out).unwrap(), date.to_string());
        }
    }
}
