//! Text as drafters' tools save it: a byte order mark, CRLF line ends,
//! full-width punctuation, spaces and digits, invalid UTF-8, and 文号 printed
//! with either kind of bracket. Each is read with the meaning of its plain
//! ASCII twin, or refused with a clear error.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use polc::calendar::Calendar;
use polc::eval::{self, Facts};
use polc::source::SourceFile;

fn compile(text: &str) -> polc::Compiled {
    polc::compile(&SourceFile::new("enc.pol", text.to_string()))
}

fn program(text: &str) -> polc::program::Program {
    let compiled = compile(text);
    match compiled.program {
        Some(p) => p,
        None => panic!("does not check: {:#?}\n{text}", compiled.diagnostics),
    }
}

/// The syntax tree. Spans take no part in its equality, so a byte order
/// mark or a wider character, which moves every span after it, leaves two
/// trees equal.
fn tree(text: &str) -> polc::ast::Notice {
    polc::syntax::parse(&SourceFile::new("enc.pol", text.to_string()))
        .unwrap_or_else(|e| panic!("does not parse: {e:?}\n{text}"))
}

/// The tree with its written forms (clause marks, comparison words) read
/// as their ASCII twins, which is all that full-width text changes.
fn halfwidth_tree(text: &str) -> polc::ast::Notice {
    use polc::ast::{Cell, Clause, Expr, ExprKind, SetExpr, Stmt};
    fn expr(e: &mut Expr) {
        match &mut e.kind {
            ExprKind::Compare { word, lhs, rhs, .. } => {
                *word = polc::numeral::halfwidth(word).into_owned();
                expr(lhs);
                expr(rhs);
            }
            ExprKind::Neg(a) | ExprKind::Not(a) => expr(a),
            ExprKind::Binary { lhs, rhs, .. } => {
                expr(lhs);
                expr(rhs);
            }
            ExprKind::In { lhs, set } => {
                expr(lhs);
                if let SetExpr::Literal(items) = set {
                    items.iter_mut().for_each(expr);
                }
            }
            ExprKind::Call { args, .. } => args.iter_mut().for_each(expr),
            ExprKind::If {
                cond,
                then,
                otherwise,
            } => {
                expr(cond);
                expr(then);
                expr(otherwise);
            }
            _ => {}
        }
    }
    fn clause(c: &mut Clause) {
        c.mark = polc::numeral::halfwidth(&c.mark).into_owned();
        for stmt in &mut c.stmts {
            match stmt {
                Stmt::Fact(f) => {
                    if let Some(range) = &mut f.range {
                        range.low.iter_mut().for_each(expr);
                        range.high.iter_mut().for_each(expr);
                        if let Some((a, b)) = &mut range.typical {
                            expr(a);
                            expr(b);
                        }
                    }
                }
                Stmt::Param(p) => p.values.iter_mut().for_each(|(_, e)| expr(e)),
                Stmt::Output(d) | Stmt::Rule(d) => {
                    if let Some((value, condition)) = &mut d.inline {
                        expr(value);
                        condition.iter_mut().for_each(expr);
                    }
                }
                Stmt::Case(c) => {
                    expr(&mut c.value);
                    c.condition.iter_mut().for_each(expr);
                }
                Stmt::Bound(b) => {
                    expr(&mut b.value);
                    b.condition.iter_mut().for_each(expr);
                }
                Stmt::Table(t) => {
                    t.inputs.iter_mut().for_each(expr);
                    for row in &mut t.rows {
                        expr(&mut row.value);
                        for cell in &mut row.cells {
                            match cell {
                                Cell::Equals(e) => expr(e),
                                Cell::Compare { word, bound, .. } => {
                                    *word = polc::numeral::halfwidth(word).into_owned();
                                    expr(bound);
                                }
                                _ => {}
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        c.children.iter_mut().for_each(clause);
    }
    let mut notice = tree(text);
    notice.clauses.iter_mut().for_each(clause);
    notice
}

fn answer(program: &polc::program::Program, facts: &str) -> serde_json::Value {
    let facts = Facts::from_json(facts).unwrap();
    eval::evaluate(program, &Calendar::embedded().unwrap(), &facts)
        .unwrap()
        .to_json()
}

#[test]
fn a_byte_order_mark_and_crlf_mean_what_the_plain_text_means() {
    let plain = common::read(common::FLAGSHIP);
    let crlf = format!("\u{feff}{}", plain.replace('\n', "\r\n"));
    assert!(tree(&plain) == tree(&crlf));
    let case = common::read("examples/relief-case.json");
    assert_eq!(
        answer(&program(&plain), &case),
        answer(&program(&crlf), &case)
    );
    // fmt writes the plain form back.
    let formatted = polc::fmt::format(&SourceFile::new("x.pol", crlf), None).unwrap();
    assert!(!formatted.contains('\r') && !formatted.starts_with('\u{feff}'));
    assert!(tree(&formatted) == tree(&plain));
}

const ASCII: &str = "文号 \"测试〔2016〕1号\"
第1条
  施行 2016-03-05
  有效期至 2020-12-31
  事实 收入: 元/人/月
  事实 申请日期: 日期
  规则 标准: 元/人/月 = 500元/人/月
  规则 比例: 小数 = 0.5
  输出 差额: 元/人/月 = 较大值(标准 - 收入, 0元/人/月)
  输出 早: 布尔 = 申请日期 < 2016年3月5日
  输出 达标: 布尔 = 收入 >= 标准 × 比例
  (一)
    输出 一半: 元/人/月 = 标准 × 50% / 1
";

const FULL_WIDTH: &str = "文号 \"测试〔2016〕1号\"
第１条
  施行 ２０１６－０３－０５
  有效期至 ２０２０年１２月３１日
\u{3000}\u{3000}事实 收入：元／人／月
  事实\u{3000}申请日期：日期
  规则 标准：元／人／月 ＝ ５００元／人／月
  规则 比例：小数 ＝ ０．５
  输出 差额：元／人／月 ＝ 较大值（标准 － 收入，０元／人／月）
  输出 早：布尔 ＝ 申请日期 ＜ ２０１６年３月５日
  输出 达标：布尔 ＝ 收入 ＞＝ 标准 × 比例
  （一）
  \u{3000}输出 一半：元／人／月 ＝ 标准 × ５０％ ／ １
";

/// Full-width digits, operators, punctuation and spaces read as their
/// ASCII twins: the same tree, the same answers.
#[test]
fn full_width_digits_punctuation_and_spaces_keep_their_meaning() {
    // Marks and comparison words keep their written form (第１条 is shown
    // as written); read as ASCII, the two trees are one.
    assert_eq!(halfwidth_tree(ASCII), halfwidth_tree(FULL_WIDTH));
    let facts = r#"{"收入": "300", "申请日期": "2016-03-01"}"#;
    let plain = answer(&program(ASCII), facts);
    assert_eq!(plain, answer(&program(FULL_WIDTH), facts));
    assert_eq!(
        plain["outputs"]["差额"]["value"].to_string(),
        "200",
        "{plain:#}"
    );
}

#[test]
fn full_width_marks_and_citations_name_the_same_clause() {
    for (mark, next, cite) in [
        ("（一）", "（二）", "第一条第（一）项"),
        ("(一)", "（二）", "第１条第（一）项"),
        ("（一）", "(二)", "第一条第(一)项"),
    ] {
        let text = format!(
            "文号 \"x\"\n第一条\n  {mark}\n    事实 甲：布尔\n    规则 乙：布尔 ＝ 甲\n  {next}\n    输出 丙：布尔 ＝ 乙\n    参见 {cite}\n"
        );
        let compiled = compile(&text);
        assert!(
            !compiled.has_errors(),
            "{mark} {cite}: {:#?}",
            compiled.diagnostics
        );
    }
    assert_eq!(
        polc::syntax::parse_citation("第６条第（二）项第１目"),
        polc::syntax::parse_citation("第六条第(二)项第1目")
    );
}

/// Spans keep pointing into the text as written, full-width digits and all.
#[test]
fn diagnostics_on_full_width_literals_point_at_the_original_text() {
    let text = "文号 \"x\"\n第一条\n  输出 甲：元 ＝ ９９９９９９９９９９９９９９９９９９９９９９９９９９９９９９元\n";
    let compiled = compile(text);
    let error = compiled
        .diagnostics
        .iter()
        .find(|d| *d.code == polc::codes::syntax::LIMIT)
        .unwrap_or_else(|| panic!("{:#?}", compiled.diagnostics));
    let span = error.span.unwrap();
    assert!(text[span.start..span.end].starts_with('９'), "{span:?}");
    let text = "文号 \"x\"\n第一条\n  输出 甲：日期 ＝ ２０１６年２月３０日\n";
    let compiled = compile(text);
    let error = compiled.diagnostics.first().unwrap();
    let span = error.span.unwrap();
    assert_eq!(&text[span.start..span.end], "２０１６年２月３０日");
}

#[test]
fn document_numbers_with_either_bracket_are_the_same_notice() {
    let cited = program("文号 \"临政办字〔2016〕10号\"\n第一条\n  原文 \"约谈。\"\n");
    for number in [
        "临政办字〔2016〕10号",
        "临政办字[2016]10号",
        "临政办字［2016］10号",
        "临政办字 [2016] 10号",
        "临政办字〔２０１６〕１０号",
    ] {
        let citing = format!("文号 \"临政发〔2016〕4号\"\n第一条\n  参见 \"{number}\" 第一条\n");
        let mut units = vec![compile(&citing)];
        polc::link(&mut units, std::slice::from_ref(&cited));
        assert!(
            units[0].diagnostics.is_empty(),
            "{number}: {:#?}",
            units[0].diagnostics
        );
    }
    let citing = "文号 \"x\"\n第一条\n  参见 \"临政办字[2016]11号\" 第一条\n";
    let mut units = vec![compile(citing)];
    polc::link(&mut units, std::slice::from_ref(&cited));
    assert!(units[0].has_errors(), "an unknown 文号 is still an error");
}

fn scratch(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("polc-encodings-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Invalid UTF-8 in a facts file is refused with the byte offset, like a
/// notice (tests/cli.rs checks the notice).
#[test]
fn invalid_utf8_facts_name_the_byte_offset() {
    let facts = scratch("bad.json", b"{\"\xe5\xae\xb6\": \xff}");
    let output = common::polc_command()
        .current_dir(common::root())
        .args(["eval", common::FLAGSHIP, "--facts", facts.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("UTF-8") && stderr.contains("第 8 字节"),
        "{stderr}"
    );
}

/// `polc fmt` keeps full-width forms as written (it lays out the text, it
/// does not re-print it) and keeps the meaning.
#[test]
fn fmt_keeps_full_width_text_and_its_meaning() {
    let format = |text: &str, keywords| {
        polc::fmt::format(&SourceFile::new("x.pol", text.to_string()), keywords).unwrap()
    };
    for keywords in [None, Some(polc::fmt::Keywords::English)] {
        let once = format(FULL_WIDTH, keywords);
        assert!(
            once.contains("２０１６年３月５日") && once.contains("５００元"),
            "{once}"
        );
        assert!(tree(&once) == tree(FULL_WIDTH));
        assert_eq!(format(&once, keywords), once);
    }
}

/// A quoted text over several lines says the same whatever the line ends
/// (fuzzing found fmt turning a lone CR inside quotes into LF, which
/// changed the text; now the reader does the same, so nothing changes).
#[test]
fn line_ends_inside_quoted_text_do_not_change_it() {
    let with = |end: &str| format!("文号 \"x\"\n第一条\n  原文 \"第一行{end}第二行\"\n");
    let plain = tree(&with("\n"));
    let text = match plain.clauses.first().and_then(|c| c.stmts.first()) {
        Some(polc::ast::Stmt::Text(t)) => t.node.clone(),
        other => panic!("not a text: {other:?}"),
    };
    assert_eq!(text, "第一行\n第二行");
    assert!(tree(&with("\r\n")) == plain);
    assert!(tree(&with("\r")) == plain);
}
