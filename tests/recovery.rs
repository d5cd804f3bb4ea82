//! `polc::syntax::parse_recovering`: with the syntax errors, what is left of
//! the notice once the lines they blame are blanked (offsets kept), so that
//! an editor can still check the rest while a line is broken.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use polc::source::SourceFile;
use polc::syntax::parse_recovering;

const BROKEN: &str = "文号 \"测试〔2016〕1号\"\n\n第一条\n  事实 家庭人口: 人\n  输出 予以救助: 布尔\n  予以救助 = 是 若 家庭人口\n  原则上 予以救助 = 否 若 >\n";

#[test]
fn the_broken_lines_are_blanked_and_the_rest_parses_at_the_same_offsets() {
    let Err((errors, Some(rest))) = parse_recovering(&SourceFile::new("t.pol", BROKEN)) else {
        panic!("one broken line leaves a text that parses");
    };
    assert_eq!(errors.len(), 1);
    assert_eq!(rest.len(), BROKEN.len(), "offsets are kept");
    let broken_line = BROKEN.lines().nth(6).unwrap();
    let blanked_line = rest.lines().nth(6).unwrap();
    assert_eq!(blanked_line, " ".repeat(broken_line.len()));
    for (n, (a, b)) in BROKEN.lines().zip(rest.lines()).enumerate() {
        if n != 6 {
            assert_eq!(a, b, "line {n} is kept");
        }
    }
    assert!(polc::syntax::parse(&SourceFile::new("t.pol", rest)).is_ok());
}

#[test]
fn a_notice_that_parses_is_returned_and_one_that_cannot_recover_says_so() {
    let fixed = BROKEN.replace("若 >", "若 家庭人口 > 2人");
    assert!(parse_recovering(&SourceFile::new("t.pol", fixed)).is_ok());
    // Too deep a nesting is no line to blank: nothing is left to check.
    let deep = format!(
        "文号 \"x\"\n第一条\n  规则 a: 整数 = {}1{}\n",
        "(".repeat(100),
        ")".repeat(100)
    );
    assert!(matches!(
        parse_recovering(&SourceFile::new("t.pol", deep)),
        Err((_, None))
    ));
}
