//! The public acceptance cases for 临政发〔2016〕4号, run against the flagship
//! policy. The case file is a verbatim copy kept in tests/acceptance/.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use polc::calendar::Calendar;
use polc::eval::{self, Facts};

struct Case {
    name: String,
    facts: serde_json::Map<String, serde_json::Value>,
    expect: toml::Table,
    cites: toml::Table,
    error: Vec<String>,
}

fn cases() -> Vec<Case> {
    let doc: toml::Table =
        toml::from_str(&common::read("tests/acceptance/temporary-relief.toml")).unwrap();
    let base = to_json(doc["base"].clone());
    doc["case"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let c = c.as_table().unwrap();
            let mut facts = base.as_object().unwrap().clone();
            if let Some(overrides) = c.get("facts") {
                for (k, v) in to_json(overrides.clone()).as_object().unwrap() {
                    facts.insert(k.clone(), v.clone());
                }
            }
            Case {
                name: c["name"].as_str().unwrap().to_string(),
                facts,
                expect: c
                    .get("expect")
                    .and_then(|e| e.as_table().cloned())
                    .unwrap_or_default(),
                cites: c
                    .get("cites")
                    .and_then(|e| e.as_table().cloned())
                    .unwrap_or_default(),
                error: c
                    .get("error")
                    .and_then(|e| e.as_array())
                    .map(|a| a.iter().map(|w| w.as_str().unwrap().to_string()).collect())
                    .unwrap_or_default(),
            }
        })
        .collect()
}

/// TOML as the JSON facts take it, by the library's own conversion.
fn to_json(v: toml::Value) -> serde_json::Value {
    polc::eval::facts::toml_value_to_json(v).unwrap()
}

fn expected_json(v: &toml::Value) -> serde_json::Value {
    match v {
        toml::Value::Boolean(b) => (*b).into(),
        toml::Value::String(s) => s.clone().into(),
        toml::Value::Integer(i) => (*i).into(),
        other => panic!("unexpected expectation {other:?}"),
    }
}

#[test]
fn acceptance_cases_pass_in_the_library() {
    let program = common::program(common::FLAGSHIP);
    let all = cases();
    assert_eq!(all.len(), 14, "the suite has fourteen cases");
    for case in all {
        let facts = Facts::from_value(serde_json::Value::Object(case.facts.clone())).unwrap();
        let result = eval::evaluate(&program, &Calendar::embedded().unwrap(), &facts);
        if !case.error.is_empty() {
            let err = match result {
                Err(e) => e,
                Ok(a) => panic!("{}: expected an error, got {:?}", case.name, a.to_json()),
            };
            let message = err.to_diagnostic().headline(polc::diag::Lang::Zh);
            for word in &case.error {
                assert!(
                    message.contains(word),
                    "{}: error `{message}` lacks `{word}`",
                    case.name
                );
            }
            continue;
        }
        let answer = result.unwrap_or_else(|e| panic!("{}: {e}", case.name));
        let json = answer.to_json();
        for (name, want) in &case.expect {
            let got = &json["outputs"][name]["value"];
            assert_eq!(got, &expected_json(want), "{}: {name}", case.name);
        }
        for (name, want) in &case.cites {
            let allowed: Vec<String> = match want {
                toml::Value::String(s) => vec![s.clone()],
                toml::Value::Array(a) => {
                    a.iter().map(|s| s.as_str().unwrap().to_string()).collect()
                }
                other => panic!("bad cites {other:?}"),
            };
            let cites = &answer.output(name).unwrap().cites;
            let articles: Vec<String> =
                cites.iter().map(|c| c.article_only().to_string()).collect();
            assert!(
                allowed.iter().any(|a| articles.contains(a)),
                "{}: {name} cites {articles:?}, wanted one of {allowed:?}",
                case.name
            );
        }
    }
}

/// The same cases through the command line, as a case-management system
/// calls it: JSON in, JSON out; an error exits 1 with one JSON object on
/// stdout, the error and no outputs.
#[test]
fn acceptance_cases_pass_through_the_cli() {
    let dir = std::env::temp_dir().join(format!("polc-acceptance-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (i, case) in cases().into_iter().enumerate() {
        let facts = dir.join(format!("case{i}.json"));
        std::fs::write(&facts, serde_json::to_string(&case.facts).unwrap()).unwrap();
        let output = common::polc_command()
            .current_dir(common::root())
            .args(["eval", common::FLAGSHIP, "--format", "json", "--facts"])
            .arg(&facts)
            .output()
            .unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        if !case.error.is_empty() {
            assert_eq!(output.status.code(), Some(1), "{}", case.name);
            let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
            assert!(
                json.get("outputs").is_none(),
                "{}: printed outputs on error: {stdout}",
                case.name
            );
            assert_eq!(json["notice"], "临政发〔2016〕4号");
            let message = json["error"]["message"].as_str().unwrap();
            assert!(
                json["error"]["code"]
                    .as_str()
                    .unwrap()
                    .starts_with("polc::")
            );
            for word in &case.error {
                assert!(
                    message.contains(word),
                    "{}: the error lacks {word}: {stdout}",
                    case.name
                );
            }
            continue;
        }
        assert!(output.status.success(), "{}: {stderr}", case.name);
        let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert!(json["notice"] == "临政发〔2016〕4号");
        for (name, want) in &case.expect {
            assert_eq!(
                json["outputs"][name]["value"],
                expected_json(want),
                "{}: {name}",
                case.name
            );
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}
