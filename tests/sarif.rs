//! SARIF as code-scanning interfaces read it: every rule explained (the
//! registry's summary, the long explanation in text and markdown) and
//! linked to the section of docs/language.md that lists its code. Schema
//! validation against the OASIS SARIF 2.1.0 schema needs Python and runs in
//! `tests/integration/run.sh`; this test needs nothing but polc.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{polc, read, root};
use std::collections::HashSet;

/// GitHub's anchor for a heading: lower case, punctuation dropped, spaces
/// to hyphens.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

fn anchors() -> HashSet<String> {
    read("docs/language.md")
        .lines()
        .filter(|l| l.starts_with('#'))
        .map(|l| slug(l.trim_start_matches('#')))
        .collect()
}

/// Every `.pol` file under tests/ui, and the policies folder.
fn inputs() -> Vec<String> {
    let mut files = vec!["policies".to_string()];
    let mut dirs = vec![root().join("tests/ui")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "pol") {
                let relative = path.strip_prefix(root()).unwrap();
                files.push(relative.display().to_string());
            }
        }
    }
    files.sort();
    files
}

#[test]
fn every_rule_is_explained_and_linked_into_the_docs() {
    let anchors = anchors();
    let mut rules_seen = HashSet::new();
    for input in inputs() {
        // English too for the policies, which use most rules.
        let langs: &[&str] = if input == "policies" {
            &["zh", "en"]
        } else {
            &["zh"]
        };
        for &lang in langs {
            let (_, stdout, stderr) = polc(&["check", "--format", "sarif", "--lang", lang, &input]);
            let sarif: serde_json::Value = serde_json::from_str(&stdout)
                .unwrap_or_else(|e| panic!("{input}: {e}\n{stdout}{stderr}"));
            assert_eq!(sarif["version"], "2.1.0");
            let run = &sarif["runs"][0];
            assert_eq!(run["columnKind"], "unicodeCodePoints");
            let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
            for rule in rules {
                let id = rule["id"].as_str().unwrap();
                let code = polc::codes::find(id).unwrap();
                let summary = code.summary.get(if lang == "en" {
                    polc::codes::Lang::En
                } else {
                    polc::codes::Lang::Zh
                });
                assert_eq!(rule["fullDescription"]["text"], summary, "{id}");
                let help = rule["help"]["text"].as_str().unwrap();
                assert!(help.contains(id) && help.contains(summary), "{id}");
                let markdown = rule["help"]["markdown"].as_str().unwrap();
                assert!(
                    markdown.contains(summary) && markdown.contains("```"),
                    "{id}"
                );
                let uri = rule["helpUri"].as_str().unwrap();
                let anchor = uri.strip_prefix("docs/language.md#").unwrap();
                assert!(anchors.contains(anchor), "{id}: no heading #{anchor}");
                rules_seen.insert(id.to_string());
            }
            // Every result's rule is among the rules.
            let ids: HashSet<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
            for result in run["results"].as_array().unwrap() {
                // A reading (读法) is a note, not a finding of any rule.
                if result["level"] == "note" {
                    assert!(result["properties"]["reading"]["id"].is_string(), "{input}");
                    assert!(result.get("ruleId").is_none(), "{input}");
                    continue;
                }
                assert!(ids.contains(result["ruleId"].as_str().unwrap()), "{input}");
            }
        }
    }
    assert!(rules_seen.len() > 20, "{rules_seen:?}");
}
