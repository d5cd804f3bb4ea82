//! `polc fmt`: the laws it keeps (idempotent, meaning-preserving, keyword
//! sets round-trip), on every policy, on noisy copies of them and on
//! generated programs; and the command line (in place, --check, --diff,
//! nothing half-written).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use polc::fmt::{Keywords, format};
use polc::source::SourceFile;
use proptest::prelude::*;
use std::path::PathBuf;

/// The syntax tree: two texts that mean the same compare equal, since
/// source positions take no part in its equality.
fn meaning(text: &str) -> polc::ast::Notice {
    polc::syntax::parse(&SourceFile::new("x.pol", text.to_string()))
        .unwrap_or_else(|e| panic!("does not parse: {e:?}\n{text}"))
}

fn fmt(text: &str, keywords: Option<Keywords>) -> String {
    format(&SourceFile::new("x.pol", text.to_string()), keywords)
        .unwrap_or_else(|e| panic!("fmt failed: {e:?}\n{text}"))
}

fn policies() -> Vec<(PathBuf, String)> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(common::root().join("policies"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pol"))
        .collect();
    found.sort();
    found
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect()
}

#[test]
fn policies_are_in_canonical_layout() {
    for (path, text) in policies() {
        assert_eq!(
            fmt(&text, None),
            text,
            "{} is not formatted",
            path.display()
        );
    }
}

#[test]
fn fmt_keeps_the_meaning_of_every_policy_and_is_idempotent() {
    for (path, text) in policies() {
        for keywords in [None, Some(Keywords::English), Some(Keywords::Chinese)] {
            let once = fmt(&text, keywords);
            assert_eq!(meaning(&once), meaning(&text), "{}", path.display());
            assert_eq!(fmt(&once, keywords), once, "{}", path.display());
        }
    }
}

#[test]
fn english_keywords_and_back_give_the_file_again() {
    for (path, text) in policies() {
        let english = fmt(&text, Some(Keywords::English));
        assert_ne!(english, text, "{}", path.display());
        assert!(!english.contains("\n事实 ") && english.contains("text "));
        assert_eq!(
            fmt(&english, Some(Keywords::Chinese)),
            text,
            "{}",
            path.display()
        );
    }
}

#[test]
fn comments_and_paragraph_breaks_survive() {
    let text = "# 文件头注释\n文号 \"测试〔2016〕1号\"   # 行尾注释\n\n\n\n第一条\n      # 说明第一条的注释\n  原文 \"一段\n  跨行的  原文\"\n\t事实   甲:\u{3000}布尔\n  输出 乙: 布尔 = 甲\n  # 第一条末尾的注释\n\n第二条\n  不可计算 \"x\"   \n";
    let out = fmt(text, None);
    assert_eq!(
        out,
        "# 文件头注释\n文号 \"测试〔2016〕1号\" # 行尾注释\n\n第一条\n  # 说明第一条的注释\n  原文 \"一段\n  跨行的  原文\"\n  事实 甲: 布尔\n  输出 乙: 布尔 = 甲\n  # 第一条末尾的注释\n\n第二条\n  不可计算 \"x\"\n"
    );
    assert_eq!(meaning(&out), meaning(text));
}

#[test]
fn indentation_follows_the_clause_a_statement_belongs_to() {
    // 输出 is lined up with 第一条's own text, after （一）: it belongs to
    // 第一条 and stays there.
    let text = "文号 \"测试〔2016〕1号\"\n第一条\n    事实 甲: 布尔\n    （一）\n        原文 \"a\"\n        不可计算 \"b\"\n    输出 乙: 布尔 = 甲\n";
    let out = fmt(text, None);
    assert_eq!(
        out,
        "文号 \"测试〔2016〕1号\"\n第一条\n  事实 甲: 布尔\n  （一）\n    原文 \"a\"\n    不可计算 \"b\"\n  输出 乙: 布尔 = 甲\n"
    );
    assert_eq!(meaning(&out), meaning(text));
}

/// Whitespace noise inside lines: more spaces, full-width spaces, tabs,
/// trailing blanks, longer runs of blank lines. Leading indentation is left alone,
/// since it decides which clause a statement belongs to.
fn noisy(text: &str, seed: &[u8]) -> String {
    let mut out = String::new();
    let mut k = 0usize;
    let mut pick = || {
        k += 1;
        seed.get(k % seed.len().max(1)).copied().unwrap_or(0)
    };
    let mut in_text: Option<char> = None;
    for line in text.split('\n') {
        let indent_len = line.len() - line.trim_start_matches(' ').len();
        out.push_str(&line[..indent_len]);
        let mut in_comment = false;
        for c in line[indent_len..].chars() {
            out.push(c);
            // Comments are kept as written: no noise inside them.
            in_comment |= in_text.is_none() && c == '#';
            if in_comment {
                continue;
            }
            match in_text {
                Some(end) if c == end => in_text = None,
                Some(_) => {}
                None => {
                    in_text = match c {
                        '"' => Some('"'),
                        '“' => Some('”'),
                        '「' => Some('」'),
                        _ => None,
                    };
                    if c == ' ' && in_text.is_none() {
                        match pick() % 4 {
                            0 => out.push(' '),
                            1 => out.push('\u{3000}'),
                            2 => out.push('\t'),
                            _ => {}
                        }
                    }
                }
            }
        }
        if in_text.is_none() {
            if pick() % 3 == 0 {
                out.push_str("  ");
            }
            // A blank line is a paragraph break and stays; a run of them
            // becomes one.
            if line.trim().is_empty() && pick() % 2 == 0 {
                out.push_str(" \n");
            }
        }
        out.push('\n');
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("POLC_STRESS").ok().and_then(|n| n.parse().ok()).unwrap_or(24)
    ))]

    /// Noise inside lines never changes the meaning, and fmt removes it all:
    /// the noisy copy formats to exactly the canonical file.
    #[test]
    fn noise_formats_back_to_the_canonical_file(
        which in 0usize..13,
        seed in proptest::collection::vec(any::<u8>(), 1..64),
    ) {
        let all = policies();
        let (_, text) = &all[which % all.len()];
        let noisy = noisy(text, &seed);
        prop_assert_eq!(meaning(&noisy), meaning(text));
        prop_assert_eq!(fmt(&noisy, None), text.clone());
    }

    /// Generated programs written with any indentation unit format to one
    /// text, which means what the input meant.
    #[test]
    fn generated_programs_format_canonically(
        program in program_strategy(),
        unit in prop_oneof![Just("  "), Just("    "), Just("\t"), Just(" "), Just("\u{3000}")],
    ) {
        let wide = render(&program, unit);
        let narrow = render(&program, "  ");
        let formatted = fmt(&wide, None);
        prop_assert_eq!(meaning(&formatted), meaning(&wide));
        prop_assert_eq!(&formatted, &fmt(&narrow, None));
        prop_assert_eq!(fmt(&formatted, None), formatted.clone());
        let english = fmt(&formatted, Some(Keywords::English));
        prop_assert_eq!(meaning(&english), meaning(&wide));
        prop_assert_eq!(fmt(&english, Some(Keywords::Chinese)), formatted);
    }
}

/// A small program: articles, each with facts, items with rules, and
/// statements after the items that belong to the article.
#[derive(Debug, Clone)]
struct Article {
    items: usize,
    trailing: bool,
    comment: bool,
    /// A count the article states, written in Chinese numerals (三人,
    /// 一万二千人) or Arabic digits; fmt keeps the form written.
    count: u64,
    chinese: bool,
}

fn program_strategy() -> impl Strategy<Value = Vec<Article>> {
    proptest::collection::vec(
        (
            0usize..3,
            any::<bool>(),
            any::<bool>(),
            1u64..100_000_000,
            any::<bool>(),
        )
            .prop_map(|(items, trailing, comment, count, chinese)| Article {
                items,
                trailing,
                comment,
                count,
                chinese,
            }),
        1..5,
    )
}

fn render(program: &[Article], unit: &str) -> String {
    let mut out = String::from("文号 \"测试〔2016〕9号\"\n");
    for (a, article) in program.iter().enumerate() {
        let n = a + 1;
        out.push_str(&format!("第{n}条\n"));
        if article.comment {
            out.push_str(&format!("{unit}# 第{n}条的说明\n"));
        }
        out.push_str(&format!("{unit}原文 \"第{n}条\"\n"));
        if article.chinese {
            out.push_str(&format!("{unit}事实 甲{n}: 整数 范围 零 至 一百\n"));
            let count = polc::numeral::amount_to_chinese(article.count);
            out.push_str(&format!("{unit}输出 丁{n}: 布尔 = 甲{n} {count}人及以上\n"));
        } else {
            out.push_str(&format!("{unit}事实 甲{n}: 整数 范围 0 至 100\n"));
            let count = article.count;
            out.push_str(&format!("{unit}输出 丁{n}: 布尔 = 甲{n} {count}人以上\n"));
        }
        for i in 1..=article.items {
            out.push_str(&format!("{unit}（{i}）\n"));
            out.push_str(&format!(
                "{unit}{unit}输出 乙{n}x{i}: 布尔 = 甲{n} {i}0以上 且 非 甲{n} 超过 90\n"
            ));
        }
        if article.trailing {
            out.push_str(&format!(
                "{unit}输出 丙{n}: 整数 = 若 甲{n} 不满 50 则 较小值(甲{n}, 10) 否则 甲{n}\n"
            ));
        } else {
            out.push_str(&format!("{unit}不可计算 \"说明\"\n"));
        }
    }
    out
}

// ------------------------------------------------------------ command line

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("polc-fmt-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const MESSY: &str =
    "文号 \"测试〔2016〕1号\"\n第一条\n      事实   甲: 布尔\n      输出 乙: 布尔 = 甲   \n";
const TIDY: &str = "文号 \"测试〔2016〕1号\"\n第一条\n  事实 甲: 布尔\n  输出 乙: 布尔 = 甲\n";

#[test]
fn check_lists_files_and_writes_nothing() {
    let dir = scratch("check");
    std::fs::write(dir.join("messy.pol"), MESSY).unwrap();
    std::fs::write(dir.join("tidy.pol"), TIDY).unwrap();
    let out = common::polc_command()
        .args(["fmt", "--check"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("messy.pol") && !stdout.contains("tidy.pol"),
        "{stdout}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("messy.pol")).unwrap(),
        MESSY
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn diff_shows_the_change() {
    let dir = scratch("diff");
    std::fs::write(dir.join("messy.pol"), MESSY).unwrap();
    let out = common::polc_command()
        .args(["fmt", "--diff"])
        .arg(dir.join("messy.pol"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("-      事实   甲: 布尔"), "{stdout}");
    assert!(stdout.contains("+  事实 甲: 布尔"), "{stdout}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn rewrites_in_place_and_leaves_no_temporary_file() {
    let dir = scratch("inplace");
    std::fs::write(dir.join("messy.pol"), MESSY).unwrap();
    let out = common::polc_command()
        .args(["fmt"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        std::fs::read_to_string(dir.join("messy.pol")).unwrap(),
        TIDY
    );
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
    // Formatting again changes nothing.
    let again = common::polc_command()
        .args(["fmt", "--check"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(again.status.success());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_file_that_does_not_parse_is_left_alone() {
    let dir = scratch("broken");
    let broken = "文号 \"测试〔2016〕1号\"\n第一条\n   事实 甲: 布尔 若\n";
    std::fs::write(dir.join("broken.pol"), broken).unwrap();
    let out = common::polc_command()
        .args(["fmt"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr).unwrap().contains("第一条"));
    assert_eq!(
        std::fs::read_to_string(dir.join("broken.pol")).unwrap(),
        broken
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// A folder the file cannot be replaced in (read-only): the write fails
/// with a message, and the original is whole.
#[cfg(unix)]
#[test]
fn a_failed_write_keeps_the_original() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("readonly");
    let file = dir.join("messy.pol");
    std::fs::write(&file, MESSY).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root ignores folder permissions; then there is nothing to test here.
    let probe = dir.join("probe");
    let writable = std::fs::write(&probe, "").is_ok();
    if !writable {
        let out = common::polc_command()
            .args(["fmt"])
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains("原文件未改动"), "{stderr}");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), MESSY);
    }
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::remove_dir_all(&dir).ok();
}
