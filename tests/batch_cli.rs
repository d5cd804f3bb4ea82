//! `polc batch` as users run it: answers in input order whatever the
//! threads, bad records reported on their own line without stopping the
//! batch, CSV quoting, empty input, a missing id field, atomic `--output`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod batch_support;
mod common;

use batch_support::{Mix, Rng, record};
use std::path::PathBuf;

const RELIEF: &str = "benches/relief/relief.pol";

use common::polc;

fn scratch(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("polc-batch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn lines(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// A clean relief record as JSON, with changes.
fn relief(id: u64, changes: serde_json::Value) -> serde_json::Value {
    let mut r = serde_json::json!({
        "编号": id, "家庭人口": 3, "困难类型": "短期困难", "困难月数": 5,
        "极特殊困难": false, "低保标准": "520.00", "本年已救助次数": 0,
        "本年已救助金额": "0.00", "有稳定收入": false, "经常使用家用轿车": false,
        "无正当理由拒绝就业": false, "赡养人未履行义务": false, "拒绝调查或隐瞒": false,
        "无理取闹": false, "自愿放弃或擅自离开": false
    });
    for (k, v) in changes.as_object().unwrap() {
        if v.is_null() {
            r.as_object_mut().unwrap().remove(k);
        } else {
            r[k] = v.clone();
        }
    }
    r
}

#[test]
fn answers_keep_input_order_whatever_the_threads() {
    let program = common::program(RELIEF);
    let mut rng = Rng::new(99);
    let mut text = String::new();
    for id in 0..20_000 {
        let mix = if id % 7 == 0 { Mix::Rough } else { Mix::Clean };
        text.push_str(&record(&program, &mut rng, id, mix));
        text.push('\n');
    }
    let input = scratch("order.ndjson", text.as_bytes());
    let input = input.to_str().unwrap();
    let (code1, one, _) = polc(&[
        "batch",
        RELIEF,
        "--input",
        input,
        "--id",
        "编号",
        "--threads",
        "1",
    ]);
    let (code4, four, _) = polc(&[
        "batch",
        RELIEF,
        "--input",
        input,
        "--id",
        "编号",
        "--threads",
        "4",
    ]);
    let (_, generic, _) = polc(&[
        "batch",
        RELIEF,
        "--input",
        input,
        "--id",
        "编号",
        "--threads",
        "3",
        "--generic",
    ]);
    assert_eq!(code1, 1, "rough records include errors");
    assert_eq!(code4, 1);
    assert_eq!(one, four, "threads change nothing");
    assert_eq!(
        one, generic,
        "the plan answers as the generic evaluator does"
    );
    let answers = lines(&one);
    assert_eq!(answers.len(), 20_000);
    let mut expected_ids = text.lines().map(|l| {
        serde_json::from_str::<serde_json::Value>(l)
            .ok()
            .and_then(|v| v.get("编号").cloned())
    });
    for answer in &answers {
        let expected = expected_ids.next().unwrap();
        if let Some(id) = expected {
            assert_eq!(answer["id"], id);
        }
    }
}

#[test]
fn bad_records_get_an_error_line_and_the_batch_goes_on() {
    let mut text = String::new();
    text.push_str(&relief(1, serde_json::json!({})).to_string());
    text.push('\n');
    text.push_str(&relief(2, serde_json::json!({"有稳定收入": null})).to_string());
    text.push_str("\n\n");
    text.push_str(&relief(3, serde_json::json!({"家庭人口": "三口"})).to_string());
    text.push('\n');
    text.push_str(&relief(4, serde_json::json!({"困难类型": "天灾"})).to_string());
    text.push('\n');
    text.push_str("{\"编号\": 5, \"家庭人口\": \n");
    text.push_str(&relief(6, serde_json::json!({"家庭人口": 9})).to_string());
    text.push('\n');
    text.push_str(&relief(7, serde_json::json!({"有稳定收入": true})).to_string());
    let input = scratch("bad.ndjson", text.as_bytes());
    let (code, stdout, stderr) = polc(&[
        "batch",
        RELIEF,
        "--input",
        input.to_str().unwrap(),
        "--id",
        "编号",
    ]);
    assert_eq!(code, 1);
    assert!(stderr.contains("7 条记录，5 条出错"), "{stderr}");
    insta::assert_snapshot!(stdout);
}

#[test]
fn csv_cells_are_typed_and_quoting_is_read() {
    let csv = "编号,家庭人口,困难类型,困难月数,极特殊困难,低保标准,本年已救助次数,本年已救助金额,有稳定收入,经常使用家用轿车,无正当理由拒绝就业,赡养人未履行义务,拒绝调查或隐瞒,无理取闹,自愿放弃或擅自离开,备注\n\
1,3,短期困难,5,否,520.00,0,0.00,false,false,false,false,false,false,false,\"说明，含逗号\"\n\
\"A-2\",2,\"重大损失\",0,true,\"600.50\",1,\"5,000.00\",否,否,否,否,否,否,否,\"含\"\"引号\"\"\"\n\
3,4,入不敷出,2,false,480.00,1,1000.5,是,false,false,false,false,false,false,\"跨\n行\"\n\
4,1,短期困难,7,true,500,0,0,false\n\
5,8,短期困难,8,true,700.00,0,0.00元,false,false,false,false,false,false,false,\n";
    let input = scratch("cases.csv", csv.as_bytes());
    let (code, stdout, stderr) = polc(&[
        "batch",
        RELIEF,
        "--input",
        input.to_str().unwrap(),
        "--id",
        "编号",
    ]);
    assert_eq!(code, 1, "{stderr}");
    let answers = lines(&stdout);
    assert_eq!(answers.len(), 5);
    assert_eq!(answers[0]["id"], 1);
    assert_eq!(answers[0]["outputs"]["救助金额"]["value"], "4680.00");
    // A quoted id that is not a number stays a string; "5,000.00" is one
    // cell, and not a number.
    assert_eq!(answers[1]["id"], "A-2");
    assert_eq!(answers[1]["error"]["code"], "polc::eval::fact_type");
    // A newline inside quotes belongs to the cell, not a new record.
    assert_eq!(answers[2]["id"], 3);
    assert_eq!(answers[2]["outputs"]["予以救助"]["value"], false);
    assert_eq!(answers[2]["outputs"]["救助金额"]["cites"][0], "第七条");
    assert_eq!(answers[3]["id"], 4);
    assert_eq!(answers[3]["error"]["code"], "polc::batch::row_shape");
    assert_eq!(answers[4]["id"], 5);
    assert_eq!(answers[4]["outputs"]["救助金额"]["value"], "33600.00");
    // The same cases through the generic evaluator give the same lines.
    let (_, generic, _) = polc(&[
        "batch",
        RELIEF,
        "--input",
        input.to_str().unwrap(),
        "--id",
        "编号",
        "--generic",
    ]);
    assert_eq!(stdout, generic);
}

#[test]
fn empty_input_gives_empty_output() {
    for (name, bytes) in [
        ("empty.ndjson", &b""[..]),
        ("blank.ndjson", &b"\n  \n\r\n"[..]),
        ("empty.csv", &b""[..]),
        ("header-only.csv", "编号,家庭人口\n".as_bytes()),
    ] {
        let input = scratch(name, bytes);
        let (code, stdout, stderr) = polc(&["batch", RELIEF, "--input", input.to_str().unwrap()]);
        assert_eq!(code, 0, "{name}: {stderr}");
        assert_eq!(stdout, "", "{name}");
        assert!(stderr.contains("0 条记录"), "{name}: {stderr}");
    }
}

#[test]
fn a_missing_id_field_is_null() {
    let text = format!(
        "{}\n{}\n",
        relief(1, serde_json::json!({})),
        relief(2, serde_json::json!({"编号": null}))
    );
    let input = scratch("ids.ndjson", text.as_bytes());
    let input = input.to_str().unwrap();
    let (code, stdout, stderr) = polc(&["batch", RELIEF, "--input", input, "--id", "编号"]);
    assert_eq!(code, 0);
    // No progress bar when stderr is not a terminal: only the summary.
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let answers = lines(&stdout);
    assert_eq!(answers[0]["id"], 1);
    assert_eq!(answers[1]["id"], serde_json::Value::Null);
    assert_eq!(answers[1]["outputs"]["救助金额"]["value"], "4680.00");
    // The default id field is `id`, which these records do not have.
    let (_, stdout, _) = polc(&["batch", RELIEF, "--input", input]);
    assert!(lines(&stdout).iter().all(|a| a["id"].is_null()));
}

#[test]
fn output_file_is_written_whole_or_not_at_all() {
    let text = format!("{}\n", relief(1, serde_json::json!({})));
    let input = scratch("one.ndjson", text.as_bytes());
    let target = input.with_file_name("answers.ndjson");
    std::fs::write(&target, "old\n").unwrap();
    let (code, stdout, _) = polc(&[
        "batch",
        RELIEF,
        "--input",
        input.to_str().unwrap(),
        "--output",
        target.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    assert_eq!(stdout, "");
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(written.starts_with("{\"id\":null,\"outputs\":{\"予以救助\""));
    let missing_dir = input.with_file_name("no-such-dir").join("answers.ndjson");
    let (code, _, stderr) = polc(&[
        "batch",
        RELIEF,
        "--input",
        input.to_str().unwrap(),
        "--output",
        missing_dir.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("polc::io::write"), "{stderr}");
    assert!(!missing_dir.exists());
    // An unreadable input leaves the existing answers untouched.
    let (code, _, _) = polc(&[
        "batch",
        RELIEF,
        "--input",
        "no-such-input.ndjson",
        "--output",
        target.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert_eq!(std::fs::read_to_string(&target).unwrap(), written);
}

#[test]
fn explain_plan_says_which_evaluator_runs() {
    let (code, stdout, _) = polc(&["batch", RELIEF, "--explain-plan"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("批量计划（compiled plan）"), "{stdout}");
    assert!(
        stdout.contains("救助金额: 5 cases in priority order"),
        "{stdout}"
    );
    for notice in std::fs::read_dir(common::root().join("policies")).unwrap() {
        let path = notice.unwrap().path();
        if path.extension().is_some_and(|e| e == "pol") {
            let (_, stdout, _) = polc(&["batch", path.to_str().unwrap(), "--explain-plan"]);
            assert!(
                stdout.contains("compiled plan"),
                "{}: {stdout}",
                path.display()
            );
        }
    }
}

#[test]
fn a_notice_without_a_plan_runs_on_the_generic_evaluator() {
    let notice = "tests/batch_fixtures/param_expression.pol";
    let (code, stdout, _) = polc(&["batch", notice, "--explain-plan"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("通用求值器（generic evaluator）：参数「基数」的值不是字面量"),
        "{stdout}"
    );
    let input = scratch("generic.ndjson", b"{\"id\": 1}\n{\"id\": 2}\n");
    let (code, stdout, stderr) = polc(&["batch", notice, "--input", input.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr.matches("未编译为批量计划").count(), 1, "{stderr}");
    assert_eq!(
        stdout,
        "{\"id\":1,\"outputs\":{\"金额\":{\"value\":\"200.00\",\"cites\":[\"第一条\"]}}}\n\
         {\"id\":2,\"outputs\":{\"金额\":{\"value\":\"200.00\",\"cites\":[\"第一条\"]}}}\n"
    );
}

/// `count` relief records as NDJSON, every fifth one with a fact of the
/// wrong type (so chunks mix plan answers, generic errors and sizes).
fn relief_lines(count: u64) -> String {
    (0..count)
        .map(|id| {
            // 十十 is no numeral (三 would be 3 people, as the language reads it).
            let change = if id % 5 == 0 {
                serde_json::json!({ "家庭人口": "十十" })
            } else {
                serde_json::json!({ "家庭人口": 1 + id % 6 })
            };
            format!("{}\n", relief(id, change))
        })
        .collect()
}

#[test]
fn csv_rows_keep_input_order_whatever_the_threads() {
    let header = "编号,家庭人口,困难类型,困难月数,极特殊困难,低保标准,本年已救助次数,本年已救助金额,有稳定收入,经常使用家用轿车,无正当理由拒绝就业,赡养人未履行义务,拒绝调查或隐瞒,无理取闹,自愿放弃或擅自离开\n";
    let mut csv = header.to_string();
    for id in 0..15_000 {
        let people = if id % 9 == 0 {
            "x".to_string()
        } else {
            (1 + id % 7).to_string()
        };
        csv.push_str(&format!(
            "{id},{people},短期困难,{},否,520.00,0,0.00,否,否,否,否,否,否,否\n",
            id % 12
        ));
    }
    let input = scratch("order.csv", csv.as_bytes());
    let input = input.to_str().unwrap();
    let run = |threads: &str| {
        polc(&[
            "batch",
            RELIEF,
            "--input",
            input,
            "--id",
            "编号",
            "--threads",
            threads,
        ])
    };
    let (code, one, _) = run("1");
    assert_eq!(code, 1, "some rows are wrong on purpose");
    for threads in ["2", "5"] {
        assert_eq!(run(threads).1, one, "{threads} threads");
    }
    let answers = lines(&one);
    assert_eq!(answers.len(), 15_000);
    for (id, answer) in answers.iter().enumerate() {
        assert_eq!(answer["id"], id, "row {id}");
    }
}

#[test]
fn a_full_disk_stops_every_thread_with_an_error() {
    let input = scratch("full.ndjson", relief_lines(30_000).as_bytes());
    for threads in ["1", "2", "4"] {
        let out = common::polc_process()
            .current_dir(common::root())
            .args([
                "batch",
                RELIEF,
                "--input",
                input.to_str().unwrap(),
                "--threads",
                threads,
            ])
            .stdout(std::fs::File::create("/dev/full").unwrap())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{threads} threads: {stderr}");
        assert!(stderr.contains("无法写出结果"), "{stderr}");
    }
}

#[test]
fn a_closed_pipe_ends_the_batch_quietly() {
    let input = scratch("pipe.ndjson", relief_lines(30_000).as_bytes());
    for threads in ["1", "3"] {
        let mut child = common::polc_process()
            .current_dir(common::root())
            .args([
                "batch",
                RELIEF,
                "--input",
                input.to_str().unwrap(),
                "--threads",
                threads,
                "--id",
                "编号",
            ])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0_u8; 15];
        std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
        drop(child.stdout.take());
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(0), "{threads} threads");
        assert_eq!(&first, b"{\"id\":0,\"error\"");
    }
}

/// A record longer than the batch reads gets an error line of its own
/// (`polc::batch::record_too_long`), and the records after it are answered.
#[test]
fn a_record_too_long_gets_an_error_line() {
    let mut text = relief(1, serde_json::json!({})).to_string();
    text.push('\n');
    text.push_str(&format!(
        "{{\"编号\": 2, \"备注\": \"{}\"}}\n",
        "长".repeat(polc::batch::job::MAX_RECORD_BYTES / 3 + 1)
    ));
    text.push_str(&relief(3, serde_json::json!({})).to_string());
    text.push('\n');
    let input = scratch("long.ndjson", text.as_bytes());
    let (code, stdout, _) = polc(&[
        "batch",
        RELIEF,
        "--input",
        input.to_str().unwrap(),
        "--id",
        "编号",
    ]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{stdout}");
    assert!(
        lines[1].contains("polc::batch::record_too_long"),
        "{}",
        lines[1]
    );
    assert!(lines[2].starts_with("{\"id\":3,"), "{}", lines[2]);
}
