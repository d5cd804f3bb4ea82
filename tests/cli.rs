//! The command line as users and CI see it: output (snapshots) and exit
//! codes (0 clean, 1 findings or failed evaluation, 2 usage errors).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::polc;

fn scratch(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("polc-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn check_policies_is_clean() {
    let (code, stdout, stderr) = polc(&["check", "policies"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    insta::assert_snapshot!(stdout);
}

#[test]
fn check_reports_findings_with_exit_1() {
    let (code, stdout, _) = polc(&[
        "check",
        "tests/ui/check/unit_mismatch.pol",
        "tests/ui/check/dangling_citation.pol",
    ]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(stdout);
}

#[test]
fn check_json_and_english() {
    let (code, stdout, _) = polc(&[
        "check",
        "--format",
        "json",
        "--lang",
        "en",
        "tests/ui/check/unknown_name.pol",
    ]);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["errors"], 1);
    insta::assert_snapshot!(stdout);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(polc(&["check"]).0, 2);
    assert_eq!(polc(&["check", "no/such/file.pol"]).0, 2);
    assert_eq!(polc(&["frobnicate"]).0, 2);
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let path = scratch("bad.pol", b"\xe6\x96\x87\xe5\x8f\xb7 \"x\"\n\xff\xfe");
    let (code, _, stderr) = polc(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("UTF-8") && stderr.contains("第 11 字节"),
        "{stderr}"
    );
}

#[test]
fn a_byte_order_mark_and_crlf_are_accepted() {
    let text = common::read(common::FLAGSHIP).replace('\n', "\r\n");
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend_from_slice(text.as_bytes());
    let path = scratch("bom.pol", &bytes);
    let (code, stdout, _) = polc(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{stdout}");
}

#[test]
fn eval_text_with_explanation() {
    let (code, stdout, stderr) = polc(&[
        "eval",
        common::FLAGSHIP,
        "--facts",
        "examples/relief-short-term.toml",
        "--explain",
    ]);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!(stdout);
}

#[test]
fn eval_json_shape() {
    let (code, stdout, _) = polc(&[
        "eval",
        common::FLAGSHIP,
        "--facts",
        "examples/relief-case.json",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["notice"], "临政发〔2016〕4号");
    assert_eq!(json["outputs"]["救助金额"]["value"], "4000.00");
    assert_eq!(json["outputs"]["予以救助"]["value"], true);
    assert_eq!(json["outputs"]["办理时限"]["value"], "2016-06-23");
    assert_eq!(json["outputs"]["办理时限"]["cites"][0], "第十一条");
    assert!(json["trace"].as_array().is_some_and(|t| !t.is_empty()));
}

#[test]
fn eval_errors_print_no_outputs() {
    let bad = scratch(
        "bad.json",
        b"{\"\xe5\xae\xb6\xe5\xba\xad\xe4\xba\xba\xe5\x8f\xa3\": ",
    );
    let (code, stdout, stderr) =
        polc(&["eval", common::FLAGSHIP, "--facts", bad.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    insta::assert_snapshot!(stderr);
    let notice_with_errors = "tests/ui/check/unit_mismatch.pol";
    let (code, stdout, _) = polc(&[
        "eval",
        notice_with_errors,
        "--facts",
        "examples/relief-case.json",
    ]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
}

#[test]
fn eval_a_named_rule() {
    let facts = scratch(
        "fine.json",
        "{\"骗取救助款额\": \"2000\", \"申请日期\": \"2016-06-01\"}".as_bytes(),
    );
    let (code, stdout, stderr) = polc(&[
        "eval",
        common::FLAGSHIP,
        "--facts",
        facts.to_str().unwrap(),
        "--output",
        "罚款上限",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("罚款上限 = 6000.00元"), "{stdout}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_an_error_not_a_panic() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = common::polc_process()
        .current_dir(common::root())
        .args([
            "eval",
            common::FLAGSHIP,
            "--facts",
            "examples/relief-case.json",
            "--format",
            "json",
        ])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("无法写出结果") && !stderr.contains("panicked"),
        "{stderr}"
    );
}

#[test]
fn facts_from_stdin() {
    let out = common::polc_command()
        .current_dir(common::root())
        .args(["eval", common::FLAGSHIP, "--facts", "-", "--format", "json"])
        .write_stdin(common::read("examples/relief-short-term.toml"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["outputs"]["救助金额"]["value"], "6240.00");
    assert_eq!(json["outputs"]["补齐手续时限"]["value"], "2016-10-10");
}

/// Stdin is decoded as files are: a byte-order mark (as Windows tools
/// write it) is dropped, so the JSON is still read as JSON.
#[test]
fn facts_from_stdin_may_start_with_a_byte_order_mark() {
    let json = format!("\u{feff}{}", common::read("examples/relief-case.json"));
    let out = common::polc_command()
        .current_dir(common::root())
        .args(["eval", common::FLAGSHIP, "--facts", "-", "--format", "json"])
        .write_stdin(json)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let from_file = common::polc_command()
        .current_dir(common::root())
        .args([
            "eval",
            common::FLAGSHIP,
            "--facts",
            "examples/relief-case.json",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.stdout, from_file.stdout);
}

#[test]
fn unreadable_inputs_are_usage_errors_with_a_diagnostic() {
    let (code, stdout, stderr) = polc(&["check", "no/such/file.pol"]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    insta::assert_snapshot!("missing_file", stderr);
    let (code, _, stderr) = polc(&["check", "tests/ui/io/invalid-utf8.pol"]);
    assert_eq!(code, 2);
    insta::assert_snapshot!("invalid_utf8", stderr);
}

/// Text and JSON name the same line and column (in characters) for every
/// finding, on lines with Chinese before the span.
#[test]
fn text_and_json_positions_agree_in_characters() {
    let file = "tests/ui/check/unit_mismatch.pol";
    let (_, text, _) = polc(&["check", file]);
    let (_, json, _) = polc(&["check", "--format", "json", file]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let from_json: Vec<(u64, u64)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let p = &f["position"];
            (p["line"].as_u64().unwrap(), p["column"].as_u64().unwrap())
        })
        .collect();
    let from_text: Vec<(u64, u64)> = text
        .lines()
        .filter_map(|l| l.split_once(&format!("[{file}:"))?.1.strip_suffix(']'))
        .map(|lc| {
            let (l, c) = lc.split_once(':').unwrap();
            (l.parse().unwrap(), c.parse().unwrap())
        })
        .collect();
    assert!(!from_json.is_empty());
    assert_eq!(from_text, from_json);
    // And the column is the character's: the source line up to it.
    let source = std::fs::read_to_string(common::root().join(file)).unwrap();
    for (f, (line, column)) in json["findings"].as_array().unwrap().iter().zip(&from_json) {
        let offset = f["position"]["offset"].as_u64().unwrap() as usize;
        let line_text = source.lines().nth(*line as usize - 1).unwrap();
        let line_start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
        let before = &source[line_start..offset];
        assert!(line_text.starts_with(before));
        assert_eq!(before.chars().count() as u64 + 1, *column);
        let length = f["position"]["length_bytes"].as_u64().unwrap() as usize;
        let span = &source[offset..offset + length];
        assert_eq!(
            span.chars().count() as u64,
            f["position"]["length_chars"].as_u64().unwrap()
        );
    }
}

/// `--explain` prints a rule's derivation once; where the rule is reached
/// again it is named, marked （推导见上）, and not expanded.
#[test]
fn explain_prints_a_shared_derivation_once() {
    let (code, stdout, stderr) = polc(&[
        "eval",
        common::FLAGSHIP,
        "--facts",
        "examples/relief-case.json",
        "--explain",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let tree = stdout.split("\n\n").nth(1).unwrap();
    // 救助金额 is read by 予以救助 and is an output itself.
    let mentions = tree.lines().filter(|l| l.contains("救助金额 = ")).count();
    assert!(mentions >= 2, "{tree}");
    let expanded = tree
        .lines()
        .filter(|l| l.contains("重大损失救助标准 = "))
        .count();
    assert_eq!(
        expanded, 1,
        "the derivation of 救助金额 is printed once:\n{tree}"
    );
    assert!(
        tree.contains("救助金额 = 4000.00元 〔第六条第（二）项第1目〕  （推导见上）"),
        "{tree}"
    );
}
