//! Snapshot tests of every diagnostic kind, from input files under tests/ui.
//!
//! - `tests/ui/check/*.pol`: what `polc check` reports, in Chinese and English.
//! - `tests/ui/eval/*.toml`: a notice, facts, and what evaluation answers or
//!   which error it gives.
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

#[test]
fn eval_answers_and_errors() {
    insta::glob!("ui/eval/*.toml", |path| {
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
        let out =
            match eval::evaluate_names(&program, &Calendar::embedded().unwrap(), &facts, &names) {
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

/// Every code is unique, so CI configurations can rely on them.
#[test]
fn diagnostic_codes_are_unique() {
    let mut codes = polc::diag::ALL_CODES.to_vec();
    codes.sort();
    let before = codes.len();
    codes.dedup();
    assert_eq!(before, codes.len());
    assert!(codes.iter().all(|c| c.starts_with("polc::")));
}
