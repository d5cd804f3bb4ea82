//! Snapshot tests of every diagnostic kind, from input files under tests/ui.
//!
//! - `tests/ui/check/*.pol`: what `polc check` reports, in Chinese and English.
//! - `tests/ui/eval/*.toml`: a notice, facts, and what evaluation answers or
//!   which error it gives.
//! - `tests/ui/test-file/*.tests.toml`: test files polc refuses.
//!
//! Over every input under tests/ui (these, the analyses, the corpus folders,
//! io/): English diagnostics hold no Chinese words, and every registered
//! code is given by some input or says which other test gives it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use polc::calendar::Calendar;
use polc::diag::Lang;
use polc::eval::{self, Facts};
use polc::source::SourceFile;
use std::path::Path;

fn relative(path: &Path) -> String {
    path.strip_prefix(common::root())
        .unwrap()
        .display()
        .to_string()
}

#[test]
fn check_diagnostics() {
    insta::glob!("ui/check/*.pol", |path| {
        let source = SourceFile::new(relative(path), std::fs::read_to_string(path).unwrap());
        let compiled = polc::compile(&source);
        let mut out = String::new();
        for lang in [Lang::Zh, Lang::En] {
            for d in &compiled.diagnostics {
                out.push_str(&d.render(Some(&source), lang));
            }
            out.push_str("----\n");
        }
        let json: Vec<_> = compiled
            .diagnostics
            .iter()
            .map(|d| d.to_json(Some(&source), Lang::Zh))
            .collect();
        out.push_str(&serde_json::to_string_pretty(&json).unwrap());
        insta::assert_snapshot!(out);
    });
}

fn acceptance_base() -> serde_json::Map<String, serde_json::Value> {
    let doc: toml::Table =
        toml::from_str(&common::read("tests/acceptance/temporary-relief.toml")).unwrap();
    let json = serde_json::to_value(&doc["base"]).unwrap();
    json.as_object().unwrap().clone()
}

/// Evaluates one `tests/ui/eval/*.toml` case: its notice, its facts (over
/// the acceptance base when it says so), the outputs it names.
fn eval_case(path: &Path) -> Result<eval::Answer, eval::EvalError> {
    let spec: toml::Table = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let notice = spec["notice"].as_str().unwrap();
    let program = common::program(notice);
    let mut facts = if spec.get("base").and_then(|b| b.as_bool()) == Some(true) {
        acceptance_base()
    } else {
        serde_json::Map::new()
    };
    for name in spec
        .get("unset")
        .and_then(|u| u.as_array())
        .into_iter()
        .flatten()
    {
        facts.remove(name.as_str().unwrap());
    }
    if let Some(overrides) = spec.get("facts") {
        let text = toml::to_string(overrides).unwrap();
        let parsed = Facts::from_toml(&text).unwrap();
        for (k, v) in parsed.values {
            facts.insert(k, v);
        }
    }
    let facts = Facts::from_value(facts.into()).unwrap();
    let names: Vec<String> = spec
        .get("outputs")
        .and_then(|o| o.as_array())
        .map(|a| a.iter().map(|n| n.as_str().unwrap().to_string()).collect())
        .unwrap_or_else(|| program.outputs.clone());
    eval::evaluate_names(&program, &Calendar::embedded().unwrap(), &facts, &names)
}

#[test]
fn eval_answers_and_errors() {
    insta::glob!("ui/eval/*.toml", |path| {
        let out = match eval_case(path) {
            Ok(answer) => {
                let mut json = answer.to_json();
                json.as_object_mut().unwrap().remove("trace");
                format!(
                    "{}\n----\n{}",
                    serde_json::to_string_pretty(&json).unwrap(),
                    eval::explain_tree(&answer)
                )
            }
            Err(e) => {
                let d = e.to_diagnostic();
                format!(
                    "{}----\n{}",
                    d.render(None, Lang::Zh),
                    d.render(None, Lang::En)
                )
            }
        };
        insta::assert_snapshot!(out);
    });
}

/// A test file polc cannot use (`polc::test::file`), in both languages.
#[test]
fn test_file_errors() {
    insta::glob!("ui/test-file/*.tests.toml", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let d = polc::testing::TestSuite::parse(&text).unwrap_err();
        insta::assert_snapshot!(format!(
            "{}----\n{}",
            d.render(None, Lang::Zh),
            d.render(None, Lang::En)
        ));
    });
}

/// Every code is unique, so CI configurations can rely on them.
#[test]
fn diagnostic_codes_are_unique() {
    let mut codes: Vec<&str> = polc::codes::all().map(|c| c.name).collect();
    codes.sort();
    let before = codes.len();
    codes.dedup();
    assert_eq!(before, codes.len());
    assert!(codes.iter().all(|c| c.starts_with("polc::")));
}

/// One diagnostic given by a `tests/ui` input: its code and its English
/// words (message, help, labels, the labels of the other clauses).
struct Given {
    input: String,
    code: &'static str,
    english: Vec<String>,
}

fn given(input: &str, d: &polc::diag::Diagnostic, related: Vec<String>) -> Given {
    let mut english = vec![d.message.en.clone()];
    english.extend(d.help.as_ref().map(|h| h.en.clone()));
    english.extend(d.label(Lang::En));
    english.extend(related);
    Given {
        input: input.to_string(),
        code: d.code.name,
        english,
    }
}

fn findings(input: &str, found: &[polc::review::Finding]) -> Vec<Given> {
    found
        .iter()
        .map(|f| given(input, &f.diagnostic, f.labels(Lang::En)))
        .collect()
}

fn files(pattern: &str) -> Vec<std::path::PathBuf> {
    let dir = common::root().join("tests/ui");
    let mut out: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .flat_map(|p| {
            if p.is_dir() {
                std::fs::read_dir(&p)
                    .unwrap()
                    .map(|e| e.unwrap().path())
                    .collect()
            } else {
                vec![p]
            }
        })
        .filter(|p| relative(p).contains(pattern))
        .collect();
    out.sort();
    out
}

/// Every diagnostic of every input under tests/ui, each run as its own
/// tests run it: check/ compiled, analysis/ reviewed, each corpus*/ folder
/// checked together, eval/ cases evaluated, test*/ files read as test
/// suites, io/ given to the binary (reading files is the binary's job).
fn every_ui_diagnostic() -> Vec<Given> {
    let mut out = Vec::new();
    for path in files("ui/check/") {
        let source = SourceFile::new(relative(&path), std::fs::read_to_string(&path).unwrap());
        for d in polc::compile(&source).diagnostics {
            out.push(given(&source.name, &d, Vec::new()));
        }
    }
    for path in files("ui/analysis/") {
        let source = SourceFile::new(relative(&path), std::fs::read_to_string(&path).unwrap());
        out.extend(findings(
            &source.name,
            &polc::review_all(
                std::slice::from_ref(&source),
                &Calendar::embedded().unwrap(),
                Vec::new,
            )[0],
        ));
    }
    let mut folders: Vec<_> = std::fs::read_dir(common::root().join("tests/ui"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() && relative(p).starts_with("tests/ui/corpus"))
        .collect();
    folders.sort();
    for folder in folders {
        let sources: Vec<SourceFile> = files(&format!("{}/", relative(&folder)))
            .iter()
            .map(|p| SourceFile::new(relative(p), std::fs::read_to_string(p).unwrap()))
            .collect();
        for (source, found) in sources.iter().zip(polc::review_all(
            &sources,
            &Calendar::embedded().unwrap(),
            Vec::new,
        )) {
            out.extend(findings(&source.name, &found));
        }
    }
    for path in files("ui/eval/") {
        if path.extension().is_some_and(|e| e == "toml") {
            match eval_case(&path) {
                Err(e) => out.push(given(&relative(&path), &e.to_diagnostic(), Vec::new())),
                // An answer's warnings are diagnostics too.
                Ok(answer) => {
                    for w in &answer.warnings {
                        out.push(given(&relative(&path), &w.to_diagnostic(), Vec::new()));
                    }
                }
            }
        }
    }
    for path in files("ui/test") {
        let name = relative(&path);
        if name.ends_with(".tests.toml") {
            let text = std::fs::read_to_string(&path).unwrap();
            if let Err(d) = polc::testing::TestSuite::parse(&text) {
                out.push(given(&name, &d, Vec::new()));
            }
        }
    }
    for path in files("ui/io/") {
        let name = relative(&path);
        let (_, _, stderr) = common::polc(&["check", "--lang", "en", &name]);
        let code = polc::codes::all()
            .find(|c| stderr.lines().next() == Some(c.name))
            .unwrap_or_else(|| panic!("{name}: no code in {stderr}"));
        out.push(Given {
            input: name,
            code: code.name,
            english: vec![stderr],
        });
    }
    out
}

/// Text a reader of the English messages may see in Chinese: quoted
/// (`…`, 「…」, “…”) — names, units, keywords, the notice's own words — and
/// clause citations (第七条第（一）项, 附件1, 一、（二）3., 导语, 结语).
fn without_quotes_and_citations(text: &str) -> String {
    let mut out = String::new();
    let mut closing: Option<char> = None;
    for c in text.chars() {
        match closing {
            Some(end) if c == end => closing = None,
            Some(_) => {}
            None => match c {
                '`' => closing = Some('`'),
                '「' => closing = Some('」'),
                '“' => closing = Some('”'),
                _ => out.push(c),
            },
        }
    }
    let chars: Vec<char> = out.chars().collect();
    let mut kept = String::new();
    let mut i = 0;
    while i < chars.len() {
        match citation_at(&chars, i) {
            Some(end) => i = end,
            None => {
                kept.push(chars[i]);
                i += 1;
            }
        }
    }
    kept
}

/// The end of a clause citation starting at `i`, if one does.
fn citation_at(chars: &[char], i: usize) -> Option<usize> {
    let numeral = |c: char| "零〇一二两三四五六七八九十百千".contains(c);
    let run = |mut j: usize, pred: &dyn Fn(char) -> bool| {
        let start = j;
        while j < chars.len() && pred(chars[j]) {
            j += 1;
        }
        (j > start).then_some(j)
    };
    let word = |j: usize, w: &str| {
        let w: Vec<char> = w.chars().collect();
        (chars.get(j..j + w.len()) == Some(&w[..])).then_some(j + w.len())
    };
    let mut j = i;
    if let Some(k) = word(j, "附件").and_then(|k| run(k, &|c| c.is_ascii_digit())) {
        j = k;
    }
    if let Some(k) = word(j, "导语").or_else(|| word(j, "结语")) {
        return Some(k);
    }
    let start = j;
    // 第七条 / 第二款 / 第（一）项 / 第1目, in any sequence.
    loop {
        let part = word(j, "第").and_then(|k| {
            let k = run(k, &numeral)
                .or_else(|| run(k, &|c| c.is_ascii_digit()))
                .or_else(|| {
                    word(k, "（")
                        .and_then(|k| run(k, &numeral))
                        .and_then(|k| word(k, "）"))
                })?;
            ["条", "款", "项", "目", "章"]
                .iter()
                .find_map(|w| word(k, w))
        });
        match part {
            Some(k) => j = k,
            None => break,
        }
    }
    // 一、（二）3.
    if j == start
        && let Some(k) = run(j, &numeral).and_then(|k| word(k, "、"))
    {
        j = k;
    }
    if let Some(k) = word(j, "（")
        .and_then(|k| run(k, &numeral))
        .and_then(|k| word(k, "）"))
    {
        j = k;
    }
    (j > i).then_some(j)
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// With `--lang en`, no message, help or label of any tests/ui input holds
/// Chinese except names, quoted text and clause numbers.
#[test]
fn english_diagnostics_hold_no_chinese_words() {
    let mut bad = Vec::new();
    for g in every_ui_diagnostic() {
        for text in &g.english {
            let rest = without_quotes_and_citations(text);
            if rest.chars().any(is_han) {
                bad.push(format!("{} {}: {text}\n    left: {rest}", g.input, g.code));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "Chinese in English words:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_citation_filter_keeps_words() {
    assert_eq!(without_quotes_and_citations("in 第七条第（一）项"), "in ");
    assert_eq!(
        without_quotes_and_citations("附件1第三条第（二）项第6目, 一、（二）3."),
        ", 3."
    );
    assert_eq!(
        without_quotes_and_citations("`元` and 「亩」 “原文”"),
        " and  "
    );
    assert_eq!(without_quotes_and_citations("导语 结语"), " ");
    assert!(
        without_quotes_and_citations("expected 布尔")
            .chars()
            .any(is_han)
    );
}

/// Every registered code is triggered by some tests/ui input, or says why
/// none can and names the test that triggers it (which must mention it).
#[test]
fn every_code_has_an_input_that_triggers_it() {
    let given: std::collections::BTreeSet<&str> =
        every_ui_diagnostic().iter().map(|g| g.code).collect();
    let mut missing = Vec::new();
    for code in polc::codes::all() {
        match code.trigger {
            polc::codes::Trigger::Ui if !given.contains(code.name) => {
                missing.push(format!("{}: no tests/ui input gives it", code.name));
            }
            polc::codes::Trigger::Ui => {}
            polc::codes::Trigger::Elsewhere { test, .. } => {
                if given.contains(code.name) {
                    missing.push(format!(
                        "{}: a tests/ui input gives it, so it is not `Elsewhere`",
                        code.name
                    ));
                }
                let stem = Path::new(test).file_stem().unwrap().to_str().unwrap();
                let mut texts = vec![common::read(test)];
                for entry in std::fs::read_dir(common::root().join("tests/snapshots")).unwrap() {
                    let path = entry.unwrap().path();
                    let name = path.file_name().unwrap().to_str().unwrap().to_string();
                    if name.starts_with(&format!("{stem}__")) {
                        texts.push(std::fs::read_to_string(&path).unwrap());
                    }
                }
                if !texts.iter().any(|t| t.contains(code.name)) {
                    missing.push(format!("{}: {test} does not mention it", code.name));
                }
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
