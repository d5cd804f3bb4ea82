//! `polc explain`: the code registry as users read it. Every code explains
//! itself in both languages; `--list` lists them all; an unknown code is a
//! usage error (exit 2) that suggests the closest code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::polc;

#[test]
fn explains_a_code_in_both_languages() {
    let (code, zh, _) = polc(&["explain", "polc::check::unit_mismatch"]);
    assert_eq!(code, 0);
    let (code, en, _) = polc(&["explain", "polc::check::unit_mismatch", "--lang", "en"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(format!("{zh}----\n{en}"));
}

#[test]
fn lists_every_code() {
    let (code, stdout, _) = polc(&["explain", "--list"]);
    assert_eq!(code, 0);
    assert_eq!(stdout.lines().count(), polc::codes::all().count());
    insta::assert_snapshot!(stdout);
}

#[test]
fn every_code_explains_itself() {
    for c in polc::codes::all() {
        for lang in [polc::diag::Lang::Zh, polc::diag::Lang::En] {
            let text = c.explain(lang);
            assert!(text.starts_with(c.name), "{text}");
            assert!(text.contains(c.summary.get(lang)), "{text}");
            assert!(text.contains(c.fix.get(lang)), "{text}");
        }
    }
}

#[test]
fn an_unknown_code_suggests_the_closest() {
    let (code, stdout, stderr) = polc(&["explain", "polc::check::overlapp"]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    let (_, _, english) = polc(&["explain", "polc::check::overlapp", "--lang", "en"]);
    let (far, _, nothing_close) = polc(&["explain", "no such code"]);
    assert_eq!(far, 2);
    insta::assert_snapshot!(format!("{stderr}----\n{english}----\n{nothing_close}"));
}

#[test]
fn a_code_or_the_list_is_required() {
    assert_eq!(polc(&["explain"]).0, 2);
}

/// The example `polc explain` shows for a code a notice can give is a
/// whole notice that gives it (examples of several files, `a.pol: …`, are
/// shown as written).
#[test]
fn every_example_of_a_notice_gives_its_code() {
    use polc::codes::{self, Trigger};
    let notice_codes = codes::syntax::ALL
        .iter()
        .chain(codes::check::ALL)
        .chain(codes::review::ALL);
    for code in notice_codes {
        if code.trigger != Trigger::Ui || code.example.contains(".pol: ") {
            continue;
        }
        let source = polc::source::SourceFile::new("example.pol", code.example);
        let found = polc::review_all(
            std::slice::from_ref(&source),
            &polc::calendar::Calendar::embedded().unwrap(),
            Vec::new,
        );
        assert!(
            found[0].iter().any(|f| f.diagnostic.code.name == code.name),
            "{}: its example gives {:?}",
            code.name,
            found[0]
                .iter()
                .map(|f| f.diagnostic.code.name)
                .collect::<Vec<_>>()
        );
    }
}
