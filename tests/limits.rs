//! Resource limits are diagnostics with a stable code and a message that
//! names the limit, never a stack overflow, an allocation failure or a
//! silently rounded number. (Bracket and expression nesting: see
//! tests/robustness.rs `absurd_nesting_and_length_are_limits_not_crashes`.)
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use polc::calendar::Calendar;
use polc::diag::Diagnostic;
use polc::eval::{self, Facts};
use polc::source::SourceFile;

fn diagnostics(text: &str) -> Vec<Diagnostic> {
    polc::compile(&SourceFile::new("limits.pol", text.to_string())).diagnostics
}

/// The one limit diagnostic of `text`, with its Chinese message.
fn limit(text: &str) -> String {
    let found = diagnostics(text);
    let limit = found
        .iter()
        .find(|d| *d.code == polc::codes::syntax::LIMIT)
        .unwrap_or_else(|| panic!("no limit diagnostic: {found:#?}"));
    limit.message.zh.clone()
}

fn checks(text: &str) -> polc::program::Program {
    let compiled = polc::compile(&SourceFile::new("limits.pol", text.to_string()));
    compiled
        .program
        .unwrap_or_else(|| panic!("{:#?}", compiled.diagnostics))
}

#[test]
fn a_name_longer_than_the_limit_is_refused() {
    let max = polc::syntax::MAX_NAME_CHARS;
    let ok = "甲".repeat(max);
    checks(&format!("文号 \"x\"\n第一条\n  事实 {ok}: 布尔\n"));
    let long = "甲".repeat(max + 1);
    let message = limit(&format!("文号 \"x\"\n第一条\n  事实 {long}: 布尔\n"));
    assert!(
        message.contains(&format!("{} 个字", max + 1)) && message.contains(&max.to_string()),
        "{message}"
    );
    let message = limit(&format!(
        "文号 \"x\"\n第一条\n  事实 甲: 枚举({}, 乙)\n",
        "丙".repeat(100_000)
    ));
    assert!(message.contains("100000 个字"), "{message}");
}

#[test]
fn a_number_with_more_digits_than_a_decimal_holds_is_refused() {
    let wrap = |n: &str| format!("文号 \"x\"\n第一条\n  输出 甲: 小数 = {n}\n");
    for fits in [
        "1234567890123456789012345678",
        "0.1234567890123456789012345678",
        "0.5000000000000000000000000000000000",
        "0000000000000000000000000000000001",
    ] {
        checks(&wrap(fits));
    }
    for too_long in [
        "12345678901234567890123456789",
        "0.00000000000000000000000000001",
        "1.0000000000000000000000000001",
        &"9".repeat(10_000),
    ] {
        let message = limit(&wrap(too_long));
        assert!(message.contains("超出可精确计算的范围"), "{message}");
    }
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_parsing() {
    let text = format!(
        "文号 \"x\"\n{}",
        "#\n".repeat(polc::syntax::MAX_FILE_BYTES / 2 + 1)
    );
    let message = limit(&text);
    assert!(
        message.contains(&polc::syntax::MAX_FILE_BYTES.to_string()),
        "{message}"
    );
}

const MONEY: &str = "文号 \"x\"
第一条
  事实 总额: 元
  事实 倍数: 小数
  事实 户数: 户
  输出 放大: 元 = 总额 × 倍数
  输出 户均: 元/户 = 总额 / 户数
";

fn eval_error(program: &polc::program::Program, facts: &str, output: &str) -> Diagnostic {
    let facts = Facts::from_json(facts).unwrap();
    let answer = eval::evaluate_names(
        program,
        &Calendar::embedded().unwrap(),
        &facts,
        &[output.to_string()],
    );
    match answer {
        Ok(a) => panic!("no error: {}", a.to_json()),
        Err(e) => e.to_diagnostic(),
    }
}

#[test]
fn overflow_and_division_by_zero_in_money_are_errors() {
    let program = checks(MONEY);
    let overflow = eval_error(
        &program,
        r#"{"总额": "79228162514264337593543950335", "倍数": "10", "户数": 1}"#,
        "放大",
    );
    assert!(overflow.message.zh.contains("溢出"), "{overflow:#?}");
    let zero = eval_error(
        &program,
        r#"{"总额": "100", "倍数": "1", "户数": 0}"#,
        "户均",
    );
    assert!(zero.message.zh.contains("除数为零"), "{zero:#?}");
}

#[test]
fn dates_outside_the_calendar_data_are_errors() {
    let program = checks(
        "文号 \"x\"\n第一条\n  事实 受理日期: 日期\n  输出 期限: 日期 = 受理日期 + 15个工作日\n",
    );
    let calendar = Calendar::embedded().unwrap();
    for date in ["1900-01-01", "2015-12-01", "2026-12-25", "9999-12-31"] {
        let facts = format!(r#"{{"受理日期": "{date}"}}"#);
        let error = eval_error(&program, &facts, "期限");
        assert_eq!(error.code, "polc::eval::calendar", "{date}: {error:#?}");
    }
    // Inside the data it answers.
    let facts = Facts::from_json(&format!(
        r#"{{"受理日期": "{}"}}"#,
        calendar.first_day() + chrono::Days::new(30)
    ))
    .unwrap();
    eval::evaluate(&program, &Calendar::embedded().unwrap(), &facts).unwrap();
}

#[test]
fn a_huge_facts_file_is_refused_before_parsing() {
    // Not even JSON: parsing it would fail differently, so the message
    // shows the size was checked first.
    let huge = "[".repeat(polc::eval::facts::MAX_FACTS_BYTES + 1);
    for facts in [Facts::from_json(&huge), Facts::from_toml(&huge)] {
        let message = facts.unwrap_err().to_diagnostic().message.zh;
        assert!(
            message.contains(&polc::eval::facts::MAX_FACTS_BYTES.to_string()),
            "{message}"
        );
    }
}

#[test]
fn deeply_nested_facts_say_so() {
    let deep = format!("{{\"a\": {}1{}}}", "[".repeat(200), "]".repeat(200));
    let message = Facts::from_json(&deep)
        .unwrap_err()
        .to_diagnostic()
        .message
        .zh;
    assert!(message.contains("嵌套太深"), "{message}");
    let deep = format!("a = {}1{}", "[".repeat(200), "]".repeat(200));
    let message = Facts::from_toml(&deep)
        .unwrap_err()
        .to_diagnostic()
        .message
        .zh;
    assert!(message.contains("嵌套"), "{message}");
}

/// `n` articles of one fact and one output each, then `broken` lines the
/// grammar cannot read.
fn many_articles(n: usize, broken: usize) -> String {
    let mut text = String::from("文号 \"x\"\n");
    for i in 1..=n {
        text.push_str(&format!(
            "第{i}条\n  事实 甲{i}: 元\n  输出 乙{i}: 元 = 甲{i} + 1元\n"
        ));
    }
    text.push_str(&"  若 则 ）\n".repeat(broken));
    text
}

/// Reading a statement once built an error for every optional part it did
/// not have, and each error read the text from the start to name its
/// clause: 5,000 articles took 98 s. Now it is linear; the bound is loose
/// enough for a debug build on a busy machine.
#[test]
fn a_large_notice_is_read_in_linear_time() {
    let text = many_articles(5_000, 0);
    let started = std::time::Instant::now();
    checks(&text);
    let took = started.elapsed();
    assert!(took < std::time::Duration::from_secs(30), "{took:?}");
}

/// Each further syntax error costs a parse of the whole file, so a file of
/// megabytes reports fewer of them instead of keeping the drafter waiting.
#[test]
fn error_recovery_on_a_big_file_is_bounded() {
    let small = diagnostics(&many_articles(10, 30));
    assert_eq!(small.len(), polc::syntax::MAX_SYNTAX_ERRORS);
    // Three megabytes of comment (cheap to parse), then the same notice.
    let text = format!(
        "{}{}",
        "# 注释注释注释注释注释注释注释注释注释注释\n".repeat(50_000),
        many_articles(10, 30)
    );
    let big = diagnostics(&text);
    let most = polc::syntax::MAX_RECOVERY_BYTES / text.len() + 1;
    assert!(
        !big.is_empty() && big.len() <= most,
        "{} errors, at most {most}",
        big.len()
    );
}
