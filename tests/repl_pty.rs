//! `polc repl` driven through a real pseudo-terminal, as a caseworker
//! uses it: rustyline's editing, Tab completion by pinyin initials,
//! multi-line input, Ctrl-C, history across sessions, `:reload` after an
//! edit, quitting. Each step waits for the text it expects (no sleeps);
//! a step that does not come within the timeout fails the test.
#![cfg(unix)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use rexpect::session::{Options, PtySession, spawn_with_options};
use std::path::Path;

/// Generous for a debug build on a busy machine; steps take milliseconds.
const TIMEOUT_MS: u64 = 30_000;

/// rexpect reads the terminal byte by byte into `char`s (Latin-1), so
/// Chinese text is matched in that form.
fn as_read(text: &str) -> String {
    text.bytes().map(char::from).collect()
}

fn as_text(read: &str) -> String {
    String::from_utf8_lossy(&read.chars().map(|c| c as u8).collect::<Vec<u8>>()).into_owned()
}

fn spawn(dir: &Path, args: &[&str]) -> PtySession {
    let mut command = common::polc_process();
    command
        .current_dir(dir)
        .arg("repl")
        .args(args)
        .env("POLC_HISTORY", dir.join("history.txt"))
        .env("TERM", "xterm")
        .env_remove("NO_COLOR");
    spawn_with_options(
        command,
        Options::new()
            .timeout_ms(Some(TIMEOUT_MS))
            .strip_ansi_escape_codes(true),
    )
    .unwrap()
}

/// Waits until `text` has been printed; returns what came before it.
fn expect(p: &mut PtySession, text: &str) -> String {
    match p.exp_string(&as_read(text)) {
        Ok(before) => as_text(&before),
        Err(e) => panic!("waiting for 「{text}」: {}", as_text(&e.to_string())),
    }
}

fn send_line(p: &mut PtySession, line: &str) {
    p.send_line(line).unwrap();
}

/// Keys without Enter (Tab, a part of a line), sent at once.
fn send_keys(p: &mut PtySession, keys: &str) {
    p.send(keys).unwrap();
    p.flush().unwrap();
}

/// A fact of examples/relief-case.json as typed at the prompt. Booleans
/// are typed true/false, which the REPL echoes as 是/否, and text is typed
/// in quotes, so a reply is never mistaken for the typed line.
fn typed(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Bool(b) => b.to_string(),
        serde_json::Value::String(s) => format!("\"{s}\""),
        other => other.to_string(),
    }
}

#[test]
fn a_caseworker_asks_what_if() {
    let dir = tempfile::tempdir().unwrap();
    let original = common::read(common::FLAGSHIP);
    std::fs::write(dir.path().join("notice.pol"), &original).unwrap();
    let mut p = spawn(dir.path(), &["notice.pol"]);
    expect(&mut p, "临淄区临时救助办法：30 项事实，7 个输出");
    expect(&mut p, "polc> ");

    // The flagship's case, fact by fact, then the amount.
    let case: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&common::read("examples/relief-case.json")).unwrap();
    for (name, value) in &case {
        send_line(&mut p, &format!("{name} = {}", typed(value)));
    }
    expect(&mut p, "救助金额：？ → 4000.00元");
    send_line(&mut p, "救助金额");
    expect(&mut p, "救助金额 = 4000.00元  〔第六条第（二）项第1目");

    // What if the hardship were 入不敷出 instead?
    send_line(&mut p, "困难类型 = 入不敷出");
    expect(
        &mut p,
        "救助金额：4000.00元 → 2000.00元  〔第六条第（二）项第2目",
    );

    send_line(&mut p, ":why 救助金额");
    expect(&mut p, "救助金额 = 2000.00元 〔第六条第（二）项第2目〕");
    expect(&mut p, "├─ 困难类型 = 入不敷出 （事实，第六条）");
    expect(
        &mut p,
        "└─ 入不敷出救助标准 = 2000.00元 （参数，第六条第（二）项第2目）",
    );

    send_line(&mut p, "有稳定收入 = true");
    expect(&mut p, "予以救助：是 → 否  〔第七条，第七条第（一）项〕");
    send_line(&mut p, ":whynot 予以救助");
    expect(&mut p, "第七条：不予救助情形（有稳定收入 = 是） → 否");
    expect(
        &mut p,
        "最小的改变：把 有稳定收入 从 是 改为 否，予以救助 就是 是",
    );
    expect(&mut p, "polc> ");

    // Pinyin initials complete a fact's name: jtrk + Tab is 家庭人口.
    send_keys(&mut p, "jtrk\t");
    expect(&mut p, "家庭人口");
    send_line(&mut p, "");
    expect(&mut p, "家庭人口 = 3人（事实，第五条第（一）项）");
    expect(&mut p, "polc> ");

    // A command completes too.
    send_keys(&mut p, ":clau\t");
    expect(&mut p, ":clauses");
    send_line(&mut p, "");
    expect(&mut p, "第二十八条  本办法自2016年3月5日起施行");
    expect(&mut p, "polc> ");

    // Ctrl-C drops the line being typed, not the session.
    send_keys(&mut p, "救助金");
    expect(&mut p, "救助金");
    p.send_control('c').unwrap();
    // Keys sent with the Ctrl-C would be dropped with the line; the new
    // prompt says the next line is being read.
    expect(&mut p, "polc> ");
    send_line(&mut p, "办理时限");
    expect(&mut p, "办理时限 = 2016-06-23  〔第十一条〕");

    // An open bracket continues the input on the next line, under the
    // continuation prompt.
    send_line(&mut p, "较小值(救助金额,");
    expect(&mut p, " ...> ");
    send_line(&mut p, "  100元)");
    expect(&mut p, "较小值(救助金额, 100元) = 0.00元");
    expect(&mut p, "polc> ");

    // An empty line ends an unfinished input, and says so.
    send_line(&mut p, "较小值(救助金额,");
    expect(&mut p, " ...> ");
    send_line(&mut p, "");
    expect(&mut p, "输入未写完，空行结束了这次输入");
    expect(&mut p, "polc> ");

    // 三人 is 3人, as in the language.
    send_line(&mut p, "家庭人口 = 三人");
    expect(&mut p, "家庭人口 = 3人");
    expect(&mut p, "polc> ");

    // The drafter raises the 入不敷出 standard; :reload keeps the facts.
    send_line(&mut p, "有稳定收入 = false");
    expect(&mut p, "救助金额：0.00元 → 2000.00元");
    std::fs::write(
        dir.path().join("notice.pol"),
        original.replace("起 2000元", "起 2500元"),
    )
    .unwrap();
    send_line(&mut p, ":reload");
    expect(&mut p, "已重新载入 临政发〔2016〕4号");
    expect(
        &mut p,
        "救助金额：2000.00元 → 2500.00元  〔第六条第（二）项第2目",
    );

    send_line(&mut p, ":quit");
    p.exp_eof().unwrap();

    let history = std::fs::read_to_string(dir.path().join("history.txt")).unwrap();
    assert!(history.contains(":why 救助金额"), "{history}");
    assert!(history.contains(":reload"), "{history}");
}

#[test]
fn history_survives_and_ctrl_d_quits() {
    let dir = tempfile::tempdir().unwrap();
    let notice = common::root().join(common::FLAGSHIP);
    let notice = notice.to_str().unwrap();

    let mut first = spawn(dir.path(), &[notice]);
    expect(&mut first, "polc> ");
    send_line(&mut first, ":show 第二十八条");
    expect(&mut first, "案件日期 申请日期");
    send_line(&mut first, ":quit");
    first.exp_eof().unwrap();

    // The next session recalls the last line with the Up arrow.
    let mut second = spawn(dir.path(), &[notice]);
    expect(&mut second, "polc> ");
    send_keys(&mut second, "\x1b[A");
    expect(&mut second, ":quit");
    send_line(&mut second, "");
    second.exp_eof().unwrap();

    // Ctrl-D on an empty line ends the session.
    let mut third = spawn(dir.path(), &[notice]);
    expect(&mut third, "polc> ");
    third.send_control('d').unwrap();
    third.exp_eof().unwrap();
}
