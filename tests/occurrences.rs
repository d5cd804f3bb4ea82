//! `polc::ast::occurrences`: every name and citation of a notice with the
//! text it covers, and the innermost one at an offset (what the language
//! server's hover and jumps start from).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use polc::ast::{Occurrence, occurrence_at, occurrences};
use polc::source::SourceFile;

const NOTICE: &str = "文号 \"测试〔2016〕1号\"\n\n第一条\n  事实 对象类型: 枚举(家庭, 个人)\n  输出 救助金额: 元\n  救助金额 = 100元 若 对象类型 为 家庭\n\n第二条\n  救助金额 = 0元 若 对象类型 为 个人 优先于 第一条\n  参见 \"临政发〔2016〕4号\" 第六条\n";

fn found(text: &str) -> Vec<(String, String)> {
    let notice = match polc::syntax::parse(&SourceFile::new("t.pol", text)) {
        Ok(n) => n,
        Err(e) => return vec![("syntax error".into(), format!("{e:?}"))],
    };
    let mut out: Vec<(String, String)> = occurrences(&notice)
        .iter()
        .map(|o| {
            let kind = match o {
                Occurrence::Declaration { .. } => "declaration",
                Occurrence::Variant { .. } => "variant",
                Occurrence::Use { .. } => "use",
                Occurrence::Citation(_) => "citation",
                Occurrence::NoticeReference { .. } => "notice reference",
            };
            let s = o.span();
            (
                kind.to_string(),
                text.get(s.start..s.end).unwrap_or("?").to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_name_and_citation_is_found_with_its_text() {
    let pairs = |items: &[(&str, &str)]| -> Vec<(String, String)> {
        items
            .iter()
            .map(|(a, b)| ((*a).to_string(), (*b).to_string()))
            .collect()
    };
    assert_eq!(
        found(NOTICE),
        pairs(&[
            ("citation", "第一条"),
            ("declaration", "对象类型"),
            ("declaration", "救助金额"),
            ("notice reference", "\"临政发〔2016〕4号\" 第六条"),
            ("use", "个人"),
            ("use", "家庭"),
            ("use", "对象类型"),
            ("use", "对象类型"),
            ("use", "救助金额"),
            ("use", "救助金额"),
            ("variant", "个人"),
            ("variant", "家庭"),
        ])
    );
}

#[test]
fn the_innermost_occurrence_at_an_offset_is_chosen() {
    let Ok(notice) = polc::syntax::parse(&SourceFile::new("t.pol", NOTICE)) else {
        unreachable!("the test notice parses");
    };
    let all = occurrences(&notice);
    let at = |needle: &str, nth: usize| {
        let offset = NOTICE.match_indices(needle).nth(nth).map_or(0, |(i, _)| i);
        occurrence_at(&all, offset).and_then(|o| o.name().map(str::to_string))
    };
    assert_eq!(at("对象类型 为 家庭", 0), Some("对象类型".to_string()));
    assert_eq!(at("第一条\n", 0), None);
    // The end of a name is still on it (the cursor after the last character).
    let end = NOTICE.find("对象类型:").map_or(0, |i| i + "对象类型".len());
    assert_eq!(
        occurrence_at(&all, end).and_then(|o| o.name().map(str::to_string)),
        Some("对象类型".to_string())
    );
}
