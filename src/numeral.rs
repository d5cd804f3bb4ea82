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
    n.to_string()
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
    fn round_trips_up_to_999() {
        for n in 1..1000 {
            assert_eq!(parse_numeral(&to_chinese(n)), Some(n), "{n}");
        }
    }
}
