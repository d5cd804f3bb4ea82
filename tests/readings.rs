//! Readings (读法) from the command line: `polc check --readings` in every
//! format and `--deny unconfirmed`; `polc eval --reading`, `polc batch
//! --reading` and the REPL's `:reading` evaluating an alternative; the error
//! `polc::eval::unknown_reading`; and policies/README.md's table of readings
//! held to what `polc check --readings` prints.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::polc;

/// A notice of two readings, one confirmed, as the checker's near-miss
/// case writes them (11号 第四条's listing periods).
const CONFIRMED: &str = "tests/ui/check/reading_choices_near_miss.pol";

/// The case of policies/blacklist.tests.toml's first case, second listing
/// with a 重大 accident: 3年 and 5年 both apply.
const BLACKLIST_CASE: &str = r#"{"年内事故累计死亡人数": 0, "造成重大影响事故": false, "暴力抗法": false,
 "拒绝阻碍监督检查": true, "上级黑名单级别": "未纳入", "申辩成立": false, "决定日期": "2016-09-28",
 "符合上级黑名单条件": false, "公布日期": "2016-10-20", "连续纳入次数": 2, "事故等级": "重大",
 "期限内新发生纳入情形": false, "确认移出": true, "发现新的安全生产违法行为": false, "本年约谈次数": 1,
 "申请事项日期": "2017-03-01", "申请事项领域": "政府采购", "扣罚日期": "2017-09-29"}"#;

fn case_file(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn check_readings_lists_them_in_text_json_markdown_and_sarif() {
    let (code, text, _) = polc(&["check", "--readings", CONFIRMED]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("readings_text", text);

    let (code, json, _) = polc(&["check", "--readings", "--format", "json", CONFIRMED]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let reading = &json["readings"][0];
    assert_eq!(reading["id"], "第一条/期限竞合");
    assert_eq!(reading["clause"], "第一条");
    assert_eq!(reading["adopted"]["choice"], "从重");
    assert_eq!(reading["alternatives"][0]["choice"], "相加");
    assert_eq!(reading["alternatives"][0]["meaning"], "各期限相加");
    assert_eq!(reading["status"], "已确认");
    assert_eq!(reading["confirmed"]["by"], "区安委会办公室");
    assert_eq!(reading["confirmed"]["document"], "临安办函〔2016〕1号");
    assert_eq!(json["total"], 1);
    assert_eq!(json["unconfirmed"], 0);

    let (code, markdown, _) = polc(&["check", "--readings", "--format", "markdown", CONFIRMED]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("readings_markdown", markdown);

    let (code, sarif, _) = polc(&["check", "--readings", "--format", "sarif", CONFIRMED]);
    assert_eq!(code, 0);
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["level"], "note", "a reading is never a failure");
    assert_eq!(
        result["properties"]["reading"]["id"], "第一条/期限竞合",
        "{result}"
    );
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 8, "the reading's name, on its line");
    assert_eq!(sarif["runs"][0]["properties"]["readings"], 1);
}

#[test]
fn ordinary_sarif_carries_the_readings_as_notes_beside_the_findings() {
    let (code, sarif, _) = polc(&["check", "--format", "sarif", "policies/blacklist.pol"]);
    assert_eq!(code, 0);
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let notes: Vec<&serde_json::Value> = results.iter().filter(|r| r["level"] == "note").collect();
    assert!(
        notes
            .iter()
            .any(|n| n["properties"]["reading"]["id"] == "第四条/期限竞合"),
        "{notes:?}"
    );
    assert_eq!(
        sarif["runs"][0]["properties"]["unconfirmed"],
        notes.len(),
        "every reading of 11号 awaits confirmation"
    );
}

#[test]
fn deny_unconfirmed_fails_only_while_a_reading_awaits_confirmation() {
    // 11号's readings all await confirmation.
    let (code, _, _) = polc(&["check", "--deny", "unconfirmed", "policies/blacklist.pol"]);
    assert_eq!(code, 1);
    let (code, text, _) = polc(&[
        "check",
        "--readings",
        "--deny",
        "unconfirmed",
        "policies/blacklist.pol",
    ]);
    assert_eq!(code, 1);
    assert!(text.contains("待确认"), "{text}");
    // Without the denial the same notice passes: readings are not findings.
    let (code, _, _) = polc(&["check", "--deny", "warnings", "policies/blacklist.pol"]);
    assert_eq!(code, 0);
    // Every reading confirmed: the denial has nothing to fail on, in a list too.
    let (code, out, _) = polc(&["check", "--deny", "warnings,unconfirmed", CONFIRMED]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn markdown_is_only_for_the_readings() {
    let (code, _, err) = polc(&["check", "--format", "markdown", CONFIRMED]);
    assert_eq!(code, 2);
    assert!(err.contains("--readings"), "{err}");
}

#[test]
fn eval_names_the_readings_and_evaluates_an_alternative() {
    let dir = tempfile::tempdir().unwrap();
    let facts = case_file(&dir, "case.json", BLACKLIST_CASE);
    let (code, adopted, err) = polc(&[
        "eval",
        "policies/blacklist.pol",
        "--facts",
        &facts,
        "--output",
        "管理期限",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(adopted.contains("管理期限 = 5年"), "{adopted}");
    assert!(
        adopted.contains("读法：第四条/期限竞合 = 从重（待确认）"),
        "{adopted}"
    );

    let (code, summed, err) = polc(&[
        "eval",
        "policies/blacklist.pol",
        "--facts",
        &facts,
        "--output",
        "管理期限",
        "--reading",
        "第四条/期限竞合=相加",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(summed.contains("管理期限 = 8年"), "{summed}");
    assert!(summed.contains("相加（备选；本文件采用 从重）"), "{summed}");

    // JSON: a `readings` field per value; the expiry went through two.
    let (code, json, _) = polc(&[
        "eval",
        "policies/blacklist.pol",
        "--facts",
        &facts,
        "--format",
        "json",
        "--reading",
        "期限竞合=相加",
        "--reading",
        "第四条/届满顺延=对应日届满",
    ]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let expiry = &json["outputs"]["管理期限届满日"];
    // 2016-10-20 + 8年 = 2024-10-20, a Sunday, not extended under this reading.
    assert_eq!(expiry["value"], "2024-10-20");
    let readings: Vec<(String, String)> = expiry["readings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_string(),
                r["choice"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        readings.contains(&("第四条/期限竞合".into(), "相加".into())),
        "{readings:?}"
    );
    assert!(
        readings.contains(&("第四条/届满顺延".into(), "对应日届满".into())),
        "{readings:?}"
    );
    assert!(
        json["outputs"]["应缴保证金"].get("readings").is_none(),
        "a value no reading decides names none"
    );

    // --explain shows the reading at the step that used it.
    let (_, tree, _) = polc(&[
        "eval",
        "policies/blacklist.pol",
        "--facts",
        &facts,
        "--output",
        "管理期限",
        "--explain",
    ]);
    assert!(
        tree.contains("期限竞合 = 从重 （读法 第四条/期限竞合）"),
        "{tree}"
    );
}

#[test]
fn a_reading_that_kept_a_case_from_applying_is_named_too() {
    // 11号 第五条（四）: the adopted 下季度 makes 当月可及时公布 false, so the
    // deadline is the next quarter's; the answer depends on the reading.
    let dir = tempfile::tempdir().unwrap();
    let facts = case_file(&dir, "case.json", BLACKLIST_CASE);
    let (_, json, _) = polc(&[
        "eval",
        "policies/blacklist.pol",
        "--facts",
        &facts,
        "--format",
        "json",
        "--output",
        "公布期限",
    ]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["outputs"]["公布期限"]["value"], "2016-10-20");
    assert_eq!(
        json["outputs"]["公布期限"]["readings"][0]["id"],
        "第五条第（四）项/公布季度"
    );
}

#[test]
fn an_unknown_reading_or_choice_names_the_known_ones() {
    let dir = tempfile::tempdir().unwrap();
    let facts = case_file(&dir, "case.json", BLACKLIST_CASE);
    let (code, _, err) = polc(&[
        "eval",
        "policies/blacklist.pol",
        "--facts",
        &facts,
        "--reading",
        "第四条/期限合并=相加",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("polc::eval::unknown_reading"), "{err}");
    assert!(
        err.contains("第四条/期限竞合"),
        "the known readings are listed: {err}"
    );

    let (code, json, _) = polc(&[
        "eval",
        "policies/blacklist.pol",
        "--facts",
        &facts,
        "--format",
        "json",
        "--reading",
        "第四条/期限竞合=平均",
    ]);
    assert_eq!(code, 2);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["error"]["code"], "polc::eval::unknown_reading");
    let message = json["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("从重、相加"),
        "its choices are listed: {message}"
    );

    let (code, _, err) = polc(&[
        "eval",
        "policies/blacklist.pol",
        "--facts",
        &facts,
        "--reading",
        "期限竞合",
    ]);
    assert_eq!(code, 2, "no `=`: a usage error");
    assert!(err.contains("条款/名称=选项"), "{err}");

    let (code, _, err) = polc(&[
        "batch",
        "policies/blacklist.pol",
        "--input",
        &facts,
        "--reading",
        "第四条/期限竞合=平均",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("polc::eval::unknown_reading"), "{err}");
}

#[test]
fn batch_evaluates_an_alternative_as_eval_does() {
    let dir = tempfile::tempdir().unwrap();
    let line: String = BLACKLIST_CASE.replace('\n', "");
    let input = case_file(&dir, "cases.ndjson", &format!("{line}\n"));
    let (code, out, err) = polc(&[
        "batch",
        "policies/blacklist.pol",
        "--input",
        &input,
        "--reading",
        "第四条/期限竞合=相加",
    ]);
    assert_eq!(code, 0, "{err}");
    let answer: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(answer["outputs"]["管理期限"]["value"], 8);
    assert_eq!(answer["outputs"]["管理期限届满日"]["value"], "2024-10-21");
    let (_, adopted, _) = polc(&["batch", "policies/blacklist.pol", "--input", &input]);
    let answer: serde_json::Value = serde_json::from_str(adopted.lines().next().unwrap()).unwrap();
    assert_eq!(answer["outputs"]["管理期限"]["value"], 5);
}

#[test]
fn the_repl_puts_a_reading_in_force_and_shows_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let facts = case_file(&dir, "case.json", BLACKLIST_CASE);
    let out = assert_cmd::Command::cargo_bin("polc")
        .unwrap()
        .current_dir(common::root())
        .args(["repl", "policies/blacklist.pol", "--facts", &facts])
        .env_remove("LC_ALL")
        .env_remove("LANG")
        .write_stdin(
            ":reading 第四条/期限竞合 相加\n管理期限\n\
             :reading 期限竞合 从重\n:reading 期限竞合 平均\n:reading 期限竞合\n",
        )
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap() + &String::from_utf8(out.stderr).unwrap();
    assert!(
        text.contains("读法 第四条/期限竞合 = 相加（备选；本文件采用 从重）："),
        "{text}"
    );
    assert!(text.contains("管理期限：5年 → 8年"), "{text}");
    assert!(
        text.contains("管理期限 = 8年"),
        "the choice stays in force: {text}"
    );
    assert!(text.contains("管理期限：8年 → 5年"), "{text}");
    assert!(text.contains("polc::eval::unknown_reading"), "{text}");
    assert!(text.contains("polc::repl::usage"), "{text}");
}

/// policies/README.md shows the table `polc check --readings --format
/// markdown policies` prints, between its markers.
#[test]
fn the_readme_lists_the_readings_polc_finds() {
    let readme = common::read("policies/README.md");
    let begin = "<!-- readings:begin -->\n";
    let end = "<!-- readings:end -->";
    let start = readme
        .find(begin)
        .expect("policies/README.md has the begin marker")
        + begin.len();
    let stop = readme
        .find(end)
        .expect("policies/README.md has the end marker");
    let shown = &readme[start..stop];
    let (code, generated, err) = polc(&["check", "--readings", "--format", "markdown", "policies"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        shown == generated,
        "policies/README.md's table of readings is out of date; regenerate it with\n  \
         cargo run -q -- check --readings --format markdown policies\nand paste it between the markers"
    );
    // More than the 29 rows of the hand-written table it replaced.
    assert!(generated.lines().count() - 2 > 29, "{generated}");
}

/// Every reading with an alternative in policies/ has a test case pinning
/// each alternative.
#[test]
fn every_alternative_in_policies_is_pinned_by_a_case() {
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(common::root().join("policies")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "pol") {
            continue;
        }
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let program = common::program(&format!("policies/{name}"));
        let tests = common::read(format!("policies/{}", name.replace(".pol", ".tests.toml")));
        for r in &program.readings {
            for (choice, _) in r.choices.iter().filter(|(c, _)| *c != r.adopted) {
                let pinned = format!("\"{}\" = \"{choice}\"", r.id());
                if !tests.contains(&pinned) {
                    missing.push(format!("{name} {pinned}"));
                }
            }
        }
    }
    assert!(missing.is_empty(), "alternatives no case pins: {missing:?}");
}

#[test]
fn fmt_keeps_a_reading_and_writes_its_keywords_in_either_set() {
    let dir = tempfile::tempdir().unwrap();
    let text = common::read(CONFIRMED);
    let file = case_file(&dir, "r.pol", &text);
    let (code, _, err) = polc(&["fmt", "--check", &file]);
    assert_eq!(code, 0, "{err}");
    let (code, _, _) = polc(&["fmt", "--keywords", "en", &file]);
    assert_eq!(code, 0);
    let english = std::fs::read_to_string(&file).unwrap();
    for word in [
        "reading 期限竞合:",
        "adopt 从重",
        "alternative 相加",
        "confirmed \"区安委会办公室\"",
    ] {
        assert!(english.contains(word), "{english}");
    }
    let (code, _, _) = polc(&["fmt", "--keywords", "zh", &file]);
    assert_eq!(code, 0);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
}
