//! Replays every fixture of tests/fixtures/ against the real `polc-lsp`
//! binary, as Nickel's lsp-harness does: a fixture opens documents (written
//! in it, or copied from the repository's policies/) into a folder of their
//! own, sends requests at places named by the text there, and the
//! transcript of everything the server answers is an insta snapshot.
//!
//! A fixture (TOML):
//!
//! ```toml
//! encodings = ["utf-8"]     # offered at initialize (default: none, UTF-16)
//! lang = "en"               # initializationOptions.lang (default zh)
//!
//! [[step]]                  # didOpen; waits for its diagnostics
//! open = "a.pol"
//! text = "…"                # or: from = "policies/temporary-relief.pol"
//!
//! [[step]]                  # didChange (whole text); waits for diagnostics
//! change = "a.pol"
//! text = "…"
//!
//! [[step]]                  # a request at the start of the `nth` (0 by
//! request = "textDocument/hover"  # default) occurrence of `at`, `skip`
//! file = "a.pol"            # characters into it; `params` is merged in
//! at = "优先于 第六条"
//! skip = 4
//!
//! [[step]]                  # a body sent as it is (malformed JSON-RPC)
//! raw = "{not json"
//! ```
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{Client, position};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(serde::Deserialize)]
struct Fixture {
    #[serde(default)]
    encodings: Vec<String>,
    #[serde(default)]
    lang: Option<String>,
    step: Vec<Step>,
}

#[derive(serde::Deserialize)]
struct Step {
    open: Option<String>,
    change: Option<String>,
    text: Option<String>,
    from: Option<String>,
    request: Option<String>,
    file: Option<String>,
    at: Option<String>,
    #[serde(default)]
    nth: usize,
    #[serde(default)]
    skip: usize,
    params: Option<Value>,
    raw: Option<String>,
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no fixtures in {}", dir.display());
    for path in paths {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let fixture: Fixture = toml::from_str(&std::fs::read_to_string(&path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let transcript = replay(&fixture);
        insta::with_settings!({snapshot_path => "snapshots", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!(name, transcript);
        });
    }
}

fn replay(fixture: &Fixture) -> String {
    let folder = tempfile::tempdir().unwrap();
    let unit = fixture
        .encodings
        .first()
        .cloned()
        .unwrap_or_else(|| "utf-16".into());
    let mut client = Client::start();
    let mut out = String::new();
    let capabilities = json!({"general": {"positionEncodings": fixture.encodings}});
    let options = json!({"lang": fixture.lang.clone().unwrap_or_else(|| "zh".into())});
    let init = client.initialize(capabilities, options);
    let encoding = init["result"]["capabilities"]["positionEncoding"].clone();
    writeln!(out, ">>> initialize: positionEncoding {encoding}").unwrap();
    // Each document's URI and current text.
    let mut texts: HashMap<String, String> = HashMap::new();
    let uri_of = |name: &str| {
        let path = folder.path().join(name);
        format!("file://{}", path.display())
    };
    let mut version = 0;
    for step in &fixture.step {
        version += 1;
        if let Some(name) = step.open.as_ref().or(step.change.as_ref()) {
            let text = match (&step.text, &step.from) {
                (Some(t), _) => t.clone(),
                (None, Some(from)) => std::fs::read_to_string(repo().join(from)).unwrap(),
                (None, None) => panic!("{name}: a step that opens or changes needs text or from"),
            };
            let uri = uri_of(name);
            if step.open.is_some() {
                std::fs::write(folder.path().join(name), &text).unwrap();
                writeln!(out, "\n>>> open {name}").unwrap();
                client.notify(
                    "textDocument/didOpen",
                    json!({"textDocument": {"uri": uri, "languageId": "pol", "version": version, "text": text}}),
                );
            } else {
                writeln!(out, "\n>>> change {name}").unwrap();
                client.notify(
                    "textDocument/didChange",
                    json!({"textDocument": {"uri": uri, "version": version},
                           "contentChanges": [{"text": text}]}),
                );
            }
            texts.insert(name.clone(), text);
            let got = client.receive_until(|m| {
                m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == json!(uri)
            });
            print_messages(&mut out, &got, folder.path());
        } else if let Some(method) = &step.request {
            let mut params = json!({});
            let mut described = method.clone();
            if let Some(name) = &step.file {
                params["textDocument"] = json!({"uri": uri_of(name)});
                described.push_str(&format!(" {name}"));
                if let Some(at) = &step.at {
                    let text = texts.get(name).expect("the file is open");
                    let start = text
                        .match_indices(at.as_str())
                        .nth(step.nth)
                        .unwrap_or_else(|| panic!("{at:?} not found in {name}"))
                        .0;
                    let offset = text[start..]
                        .char_indices()
                        .nth(step.skip)
                        .map_or(text.len(), |(i, _)| start + i);
                    params["position"] = position(text, offset, &unit);
                    described.push_str(&format!(" at {at:?}+{}", step.skip));
                }
            }
            if let Some(Value::Object(extra)) = &step.params {
                for (k, v) in extra {
                    params[k] = v.clone();
                }
            }
            writeln!(out, "\n>>> {described}").unwrap();
            let got = client.request(method, params);
            print_messages(&mut out, &got, folder.path());
        } else if let Some(body) = &step.raw {
            writeln!(out, "\n>>> raw {body:?}").unwrap();
            client.send_raw(body);
            let m = client.receive();
            print_messages(&mut out, &[m], folder.path());
        } else {
            panic!("a step must open, change, request or send raw");
        }
    }
    assert_eq!(client.shutdown(), Some(0), "an orderly shutdown exits 0");
    out
}

/// Each message as pretty JSON, the fixture's folder written `$DIR`.
fn print_messages(out: &mut String, messages: &[Value], folder: &Path) {
    let folder = folder.display().to_string();
    for m in messages {
        let text = serde_json::to_string_pretty(m).unwrap();
        writeln!(out, "{}", text.replace(&folder, "$DIR")).unwrap();
    }
}
