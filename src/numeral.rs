//! Chinese numerals (第二十八条, （十一）, 两套) to numbers.
//!
//! Notices number chapters, articles and items in Chinese numerals and
//! subitems in Arabic digits; citations mix both (第六条第2项). Everything is
//! normalised to a `u32` so that 第（二）项 and 第二项 name the same clause.

/// Parses `二十八`, `十一`, `一百零五`, `两千`, `〇`, or plain digits. `None` when
/// the text is not a numeral or overflows.
pub fn parse_numeral(text: &str) -> Option<u32> {
    let text = &*halfwidth(text);
    if !text.is_empty() && text.chars().all(|c| c.is_ascii_digit()) {
        return text.parse().ok();
    }
    parse_chinese(text)
}

/// Full-width ASCII (U+FF01–U+FF5E: ２０１６, ５００, ＞＝, ％) as ASCII. The
/// grammar accepts full-width digits and symbols in numbers, dates, marks,
/// units and comparisons; their literal text goes through here before it is
/// read, so ２０１６年３月５日 means 2016年3月5日. Spans still point into the
/// text as written.
pub fn halfwidth(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_fullwidth_ascii) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| {
            if is_fullwidth_ascii(c) {
                char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c)
            } else {
                c
            }
        })
        .collect()
}

fn is_fullwidth_ascii(c: char) -> bool {
    ('\u{FF01}'..='\u{FF5E}').contains(&c)
}

fn digit_value(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn unit_value(c: char) -> Option<u32> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        '万' => 10_000,
        _ => return None,
    })
}

fn parse_chinese(text: &str) -> Option<u32> {
    if text.is_empty() {
        return None;
    }
    // A run of bare digits without units (二〇一六) reads digit by digit.
    if text.chars().all(|c| digit_value(c).is_some()) && text.chars().count() > 1 {
        return text.chars().try_fold(0u32, |acc, c| {
            acc.checked_mul(10)?.checked_add(digit_value(c)?)
        });
    }
    let mut total: u32 = 0;
    let mut section: u32 = 0;
    let mut pending: Option<u32> = None;
    for c in text.chars() {
        if let Some(d) = digit_value(c) {
            pending = Some(d);
        } else if let Some(unit) = unit_value(c) {
            if unit == 10_000 {
                section = section.checked_add(pending.take().unwrap_or(0))?;
                total = total.checked_add(section.checked_mul(unit)?)?;
                section = 0;
            } else {
                // 十一 means 11: a unit without a leading digit counts once.
                let digit = pending.take().unwrap_or(1);
                section = section.checked_add(digit.checked_mul(unit)?)?;
            }
        } else {
            return None;
        }
    }
    section = section.checked_add(pending.unwrap_or(0))?;
    total.checked_add(section)
}

/// The Chinese numeral for `n` as notices write it (28 → 二十八, 10 → 十).
pub fn to_chinese(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let digit = |d: u32| DIGITS.get(d as usize).copied().unwrap_or("");
    if n < 10 {
        return digit(n).to_string();
    }
    if n < 20 {
        let ones = n % 10;
        return if ones == 0 {
            "十".to_string()
        } else {
            format!("十{}", digit(ones))
        };
    }
    if n < 100 {
        let ones = n % 10;
        let tens = digit(n / 10);
        return if ones == 0 {
            format!("{tens}十")
        } else {
            format!("{tens}十{}", digit(ones))
        };
    }
    if n < 1000 {
        let rest = n % 100;
        let head = format!("{}百", digit(n / 100));
        return match rest {
            0 => head,
            1..=9 => format!("{head}零{}", digit(rest)),
            10..=19 => format!("{head}一{}", to_chinese(rest)),
            _ => format!("{head}{}", to_chinese(rest)),
        };
    }
    if n < 10_000 {
        let rest = n % 1000;
        let head = format!("{}千", digit(n / 1000));
        return match rest {
            0 => head,
            1..=9 => format!("{head}零{}", digit(rest)),
            10..=99 if rest < 20 => format!("{head}零一{}", to_chinese(rest)),
            10..=99 => format!("{head}零{}", to_chinese(rest)),
            _ => format!("{head}{}", to_chinese(rest)),
        };
    }
    n.to_string()
}

/// A whole number as notices write an amount (三, 十一, 一万二千, 三亿零五):
/// the inverse of [`parse_amount`] up to 九千九百九十九亿九千九百九十九万九千九百九十九.
/// Larger numbers come back in Arabic digits.
pub fn amount_to_chinese(n: u64) -> String {
    if n >= 1_000_000_000_000 {
        return n.to_string();
    }
    let groups = [
        (n / 100_000_000, "亿"),
        (n / 10_000 % 10_000, "万"),
        (n % 10_000, ""),
    ];
    let mut out = String::new();
    let mut gap = false;
    for (value, unit) in groups {
        let Ok(value) = u32::try_from(value) else {
            return n.to_string();
        };
        if value == 0 {
            gap = !out.is_empty();
            continue;
        }
        if out.is_empty() {
            out.push_str(&to_chinese(value));
        } else {
            // Below a higher group a gap is written 零 (一万零五), and 十 keeps
            // its digit (一万零一十).
            if value < 1000 || gap {
                out.push('零');
            }
            if (10..20).contains(&value) {
                out.push('一');
            }
            out.push_str(&to_chinese(value));
        }
        out.push_str(unit);
        gap = false;
    }
    if out.is_empty() {
        out.push('零');
    }
    out
}

/// Why a Chinese numeral in a quantity cannot be read ([`parse_amount`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumeralSlip {
    /// Not built the way notices write numbers: 十十, 三三, 百五, 二〇一六.
    Malformed,
}

/// A Chinese numeral as a quantity or count is written (三年, 十个工作日,
/// 两套, 一万二千元, 三亿): 一 to 九千九百九十九 in each group, with 万 and
/// 亿 groups above, 两 for 二, 零/〇 between places (一百零五). Stricter than
/// [`parse_numeral`], which also reads year-like digit runs (二〇一六) for
/// clause marks: a quantity written 三三 is a slip, not 33.
pub fn parse_amount(text: &str) -> Result<u64, NumeralSlip> {
    if text.is_empty() {
        return Err(NumeralSlip::Malformed);
    }
    if text == "零" || text == "〇" {
        return Ok(0);
    }
    // Split off the 亿 group, then the 万 group: each is a group of at most
    // four places, in descending order.
    let (yi, rest) = match text.split_once('亿') {
        Some((head, tail)) => (Some(head), tail),
        None => (None, text),
    };
    let (wan, ones) = match rest.split_once('万') {
        Some((head, tail)) => (Some(head), tail),
        None => (None, rest),
    };
    let mut total: u64 = 0;
    let mut leading = true;
    for (group, scale) in [(yi, 100_000_000u64), (wan, 10_000), (Some(ones), 1)] {
        let Some(group) = group else { continue };
        if group.is_empty() {
            // 一万 has an empty ones group; 万 alone, or 亿万, has no head.
            if scale != 1 {
                return Err(NumeralSlip::Malformed);
            }
            continue;
        }
        let value = parse_group(group, leading)?;
        total += value * scale;
        leading = false;
    }
    Ok(total)
}

/// One group below 万: 九千九百九十九, 十一, 零五 (after a higher group).
fn parse_group(group: &str, leading: bool) -> Result<u64, NumeralSlip> {
    let chars: Vec<char> = group.chars().collect();
    let mut value: u64 = 0;
    // The place the next digit may fill: 1000, 100, 10 or 1; a place is
    // written once, in descending order.
    let mut next_place: u64 = 10_000;
    let mut pending: Option<u64> = None;
    let mut zero_seen = false;
    for (i, &c) in chars.iter().enumerate() {
        if c == '零' || c == '〇' {
            // 零 stands for skipped places, between two written ones
            // (一百零五) or after a higher group (一万零五).
            if pending.is_some() || zero_seen || i + 1 == chars.len() {
                return Err(NumeralSlip::Malformed);
            }
            if i == 0 && leading {
                return Err(NumeralSlip::Malformed);
            }
            zero_seen = true;
            continue;
        }
        if let Some(d) = digit_value(c) {
            if pending.is_some() {
                return Err(NumeralSlip::Malformed);
            }
            pending = Some(u64::from(d));
            continue;
        }
        let place = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => return Err(NumeralSlip::Malformed),
        };
        if place >= next_place {
            return Err(NumeralSlip::Malformed);
        }
        // 十一 is 11: 十 without a digit counts once, only at the head.
        let digit = match pending.take() {
            Some(d) => d,
            None if place == 10 && i == 0 => 1,
            None if place == 10 && zero_seen && !leading => 1,
            None => return Err(NumeralSlip::Malformed),
        };
        if digit == 0 {
            return Err(NumeralSlip::Malformed);
        }
        value += digit * place;
        next_place = place;
        zero_seen = false;
    }
    if let Some(d) = pending {
        // 一百五 (150) is colloquial; notices write 一百五十. A trailing
        // digit fills the ones place only.
        if next_place <= 1 {
            return Err(NumeralSlip::Malformed);
        }
        if next_place > 10 && !zero_seen && next_place != 10_000 {
            return Err(NumeralSlip::Malformed);
        }
        value += d;
    }
    // Below a higher group, places run on without a gap (一万二千) or the
    // gap is written (一万零五): 一万五 is 15000 in speech, never 10005.
    let starts_with_zero = matches!(chars.first(), Some('零' | '〇'));
    if !leading && !starts_with_zero && value < 1000 {
        return Err(NumeralSlip::Malformed);
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_article_numbers() {
        for (text, n) in [
            ("一", 1),
            ("十", 10),
            ("十一", 11),
            ("二十", 20),
            ("二十八", 28),
            ("一百零五", 105),
            ("一百一十", 110),
            ("两千", 2000),
            ("二〇一六", 2016),
            ("12", 12),
        ] {
            assert_eq!(parse_numeral(text), Some(n), "{text}");
        }
        assert_eq!(parse_numeral("条"), None);
        assert_eq!(parse_numeral(""), None);
    }

    #[test]
    fn reads_amounts_as_notices_write_them() {
        for (text, n) in [
            ("一", 1),
            ("两", 2),
            ("三", 3),
            ("十", 10),
            ("十一", 11),
            ("二十", 20),
            ("一百零五", 105),
            ("一百一十", 110),
            ("两千", 2000),
            ("九千九百九十九", 9999),
            ("一千零一", 1001),
            ("三万", 30_000),
            ("一万二千", 12_000),
            ("一万零五", 10_005),
            ("十万", 100_000),
            ("两亿", 200_000_000),
            ("三亿零五万", 300_050_000),
            ("零", 0),
        ] {
            assert_eq!(parse_amount(text), Ok(n), "{text}");
        }
        for slip in [
            "",
            "十十",
            "三三",
            "百",
            "百五",
            "一百五",
            "二〇一六",
            "五十零",
            "零五",
            "万",
            "一万万",
            "一万五",
            "一千五",
            "千百",
            "十百",
            "一零",
            "三十十",
        ] {
            assert_eq!(parse_amount(slip), Err(NumeralSlip::Malformed), "{slip}");
        }
    }

    #[test]
    fn amounts_agree_with_clause_numerals_up_to_9999() {
        for n in 1..10_000u32 {
            let written = to_chinese(n);
            if written.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            assert_eq!(parse_amount(&written), Ok(u64::from(n)), "{written}");
        }
    }

    #[test]
    fn amounts_round_trip_through_their_chinese_form() {
        let samples = (0..20_000u64)
            .chain((0..2_000u64).map(|i| i * 7_919 + 99_000))
            .chain([
                100_000_005,
                100_050_000,
                100_001_000,
                999_999_999_999,
                10_010,
                1_010_000,
            ]);
        for n in samples {
            let written = amount_to_chinese(n);
            assert_eq!(parse_amount(&written), Ok(n), "{n} {written}");
        }
        assert_eq!(amount_to_chinese(10_005), "一万零五");
        assert_eq!(amount_to_chinese(12_000), "一万二千");
        assert_eq!(amount_to_chinese(100_000_005), "一亿零五");
    }

    #[test]
    fn round_trips_up_to_999() {
        for n in 1..1000 {
            assert_eq!(parse_numeral(&to_chinese(n)), Some(n), "{n}");
        }
    }
}
