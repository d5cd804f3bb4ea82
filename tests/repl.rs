//! Scripted `polc repl` sessions: commands piped in, replies snapshotted.
//! Each snapshot shows the script, then what the REPL printed and its exit
//! code (1 when any line reported an error).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};

fn polc() -> Command {
    common::polc_process()
}

/// Runs `polc repl ARGS` in `dir` with `script` on stdin.
fn session(dir: &Path, args: &[&str], script: &str) -> String {
    let out = assert_cmd::Command::from_std(polc())
        .current_dir(dir)
        .arg("repl")
        .args(args)
        .write_stdin(script)
        .output()
        .unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    format!(
        "$ polc repl {}\n{script}----\n{}----\nexit {}\n",
        args.join(" "),
        String::from_utf8(out.stdout).unwrap(),
        out.status.code().unwrap_or(-1)
    )
}

fn flagship(args: &[&str], script: &str) -> String {
    let mut all = vec![common::FLAGSHIP];
    all.extend_from_slice(args);
    session(&common::root(), &all, script)
}

/// The flagship's base case, typed fact by fact.
const BASE_FACTS: &str = "\
申请日期 = 2016年6月1日
对象类型 = 家庭
家庭人口 = 3
是否低保家庭 = 否
困难类型 = \"重大损失\"
困难原因 = 火灾
基本生活暂时出现严重困难 = 是
暂时无法得到家庭支持 = 否
困难月数 = 0
极特殊困难 = 否
低保标准 = 520.00
本年已救助次数 = 0
本年已获同类一次性救助次数 = 0
本年已获同类一次性救助金额 = 0元
特殊情况 = false
同一事件已救助 = 否
情况紧急 = 否
突发公共事件 = 否
有稳定收入 = 否
经常使用家用轿车 = 否
商品住房套数 = 1
无正当理由拒绝就业 = 否
赡养人未履行义务 = 否
拒绝调查或隐瞒 = 否
无理取闹 = 否
自愿放弃或擅自离开 = 否
慢性病或残疾致困 = 否
";

#[test]
fn set_facts_then_what_if() {
    let script = format!(
        "救助金额\n{BASE_FACTS}救助金额\n困难类型 = 入不敷出\n:whatif 有稳定收入 = 是\n救助金额\n:unset 困难类型\n:facts\n"
    );
    insta::assert_snapshot!(flagship(&[], &script));
}

#[test]
fn why_and_why_not() {
    let script = "\
:why 救助金额
有稳定收入 = 是
:whynot 予以救助
:whynot 救助金额
有稳定收入 = 否
本年已获同类一次性救助金额 = 8000
:whynot 救助金额
:whynot 办理时限
:why 家庭人口
";
    insta::assert_snapshot!(flagship(&["--facts", "examples/relief-case.json"], script));
}

#[test]
fn expressions_trace_and_multi_line_input() {
    let script = "\
救助金额 + 100元
家庭人口 3人以上 且 非 是否低保家庭
较小值(救助金额,
  1000元)
:trace on
救助金额
罚款上限
:trace off
";
    insta::assert_snapshot!(flagship(&["--facts", "examples/relief-case.json"], script));
}

#[test]
fn show_clauses_and_help() {
    let script = ":show 第七条第（一）项\n:show 第二十八条\n:help\n";
    insta::assert_snapshot!(flagship(&[], script));
    let clauses = session(
        &common::root(),
        &["policies/safety-summons.pol"],
        ":clauses\n",
    );
    insta::assert_snapshot!("clauses", clauses);
}

#[test]
fn bad_lines_are_reported_and_the_session_goes_on() {
    let script = "\
家庭人数 = 3
jtrk = 3
家庭人口 = 30
家庭人口 = 三
困难类型 = 大损失
申请日期 = 2016年2月30日
救助金额 = 100
:nope
:why
:trace maybe
:show 第九十条
救助金额 救助金额
(1 +
:load no-such-file.pol
申请日期 = 2021-01-05
救助金额
家庭人口 = 4
";
    insta::assert_snapshot!(flagship(&["--facts", "examples/relief-case.json"], script));
}

/// Issue 15: an empty line ends an unfinished input and says so; facts
/// may be typed with Chinese numerals (家庭人口 = 三人 is 3人).
#[test]
fn an_empty_line_ends_an_incomplete_input_and_chinese_numerals_are_facts() {
    let script = "\
较小值(救助金额,

家庭人口 = 三人
家庭人口 = 十十人
办理时限 + 十个工作日
";
    insta::assert_snapshot!(flagship(&["--facts", "examples/relief-case.json"], script));
}

#[test]
fn nothing_loaded() {
    let script = "家庭人口 = 3\n救助金额\n:facts\n:reload\n:help\n";
    insta::assert_snapshot!(session(&common::root(), &[], script));
}

/// A drafter edits the notice during a session: `:reload` keeps the facts
/// and shows what the edit changed; a broken edit keeps the last good
/// version and reports the errors.
#[test]
fn reload_after_editing_the_notice() {
    let dir = tempfile::tempdir().unwrap();
    let notice = dir.path().join("notice.pol");
    let original = common::read(common::FLAGSHIP);
    std::fs::write(&notice, &original).unwrap();
    let mut child = polc()
        .current_dir(dir.path())
        .args(["repl", "notice.pol", "--facts"])
        .arg(common::root().join("examples/relief-case.json"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut transcript = String::new();
    // Each step ends with a text expression whose reply marks the end of
    // the step's output, so the file is edited only once the REPL is there.
    let mut step = |script: &str, marker: &str, transcript: &mut String| {
        writeln!(stdin, "{script}\"{marker}\"").unwrap();
        stdin.flush().unwrap();
        transcript.push_str(&format!("{script}\"{marker}\"\n----\n"));
        loop {
            let mut line = String::new();
            assert!(stdout.read_line(&mut line).unwrap() > 0, "{transcript}");
            if line.contains(marker) {
                break;
            }
            transcript.push_str(&line);
        }
        transcript.push_str("----\n");
    };
    step("救助金额\n", "END-1", &mut transcript);
    std::fs::write(&notice, original.replace("起 4000元", "起 5000元")).unwrap();
    step(":reload\n救助金额\n", "END-2", &mut transcript);
    std::fs::write(&notice, original.replace("事实 困难类型:", "事实 困难类型")).unwrap();
    step(":reload\n:check\n救助金额\n", "END-3", &mut transcript);
    std::fs::write(
        &notice,
        original.replace("范围 1人 至 20人", "范围 1人 至 2人"),
    )
    .unwrap();
    step(":reload\n:facts\n", "END-4", &mut transcript);
    drop(stdin);
    let status = child.wait().unwrap();
    transcript.push_str(&format!("exit {}\n", status.code().unwrap_or(-1)));
    insta::assert_snapshot!(transcript);
}

/// `:check` is `polc check`: the cross-clause analyses (an overlap, with its
/// counterexample) and the references between notices, resolved against the
/// notices loaded and those beside them in the folder: the flagship is not
/// loaded but found beside them; its 第九十九条 does not exist, and
/// 临政发〔2016〕99号 is nowhere.
#[test]
fn check_runs_the_analyses_and_resolves_references() {
    let dir = tempfile::tempdir().unwrap();
    let cite = |text: &str, citations: &str| {
        let changed = text.replacen("第一条\n", &format!("第一条\n{citations}"), 1);
        assert_ne!(changed, text);
        changed
    };
    let overlap = common::read("tests/ui/analysis/overlap.pol");
    std::fs::write(
        dir.path().join("overlap.pol"),
        cite(&overlap, "  参见 \"临政发〔2016〕4号\" 第七条\n"),
    )
    .unwrap();
    let other = overlap
        .replace("测试〔2016〕21号", "测试〔2016〕22号")
        .replace("补助金额 = 800元", "补助金额 = 1000元");
    std::fs::write(
        dir.path().join("other.pol"),
        cite(
            &other,
            "  参见 \"临政发〔2016〕4号\" 第九十九条\n  参见 \"临政发〔2016〕99号\" 第一条\n",
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("relief.pol"),
        common::read(common::FLAGSHIP),
    )
    .unwrap();
    insta::assert_snapshot!(session(
        dir.path(),
        &["overlap.pol", "other.pol"],
        ":check\n"
    ));
}
