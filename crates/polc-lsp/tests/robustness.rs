//! The server never goes down on what a document holds: every input under
//! the core's tests/ui and tests/fuzz_regressions (notices, test files,
//! fuzz finds, bytes that are not UTF-8 read lossily), opened, cut short at
//! several places (as while typing) and asked for hover, definition,
//! references, completion, outline and formatting at several places, gets
//! diagnostics and an answer to every request; and the lifecycle holds:
//! no request before initialize, none after shutdown, exit codes 0 and 1.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::Client;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

fn inputs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests");
    let mut out = Vec::new();
    let mut stack = vec![root.join("ui"), root.join("fuzz_regressions")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Char boundaries at about `n` evenly spread places of `text`.
fn cuts(text: &str, n: usize) -> Vec<usize> {
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    (0..n)
        .map(|k| bounds[k * (bounds.len() - 1) / n.max(1)])
        .collect()
}

fn is_response(m: &Value) -> bool {
    m.get("result").is_some() || m.get("error").is_some()
}

#[test]
fn every_input_of_the_core_tests_is_survived() {
    let files = inputs();
    assert!(files.len() > 100, "found only {} inputs", files.len());
    let mut client = Client::start();
    client.initialize(json!({}), json!({}));
    let methods = [
        "textDocument/hover",
        "textDocument/definition",
        "textDocument/references",
        "textDocument/completion",
    ];
    for (n, path) in files.iter().enumerate() {
        let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
        let uri = format!("file:///robustness/input{n}.pol");
        client.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "pol", "version": 0, "text": text}}),
        );
        let is_ours = |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == json!(uri)
        };
        client.receive_until(is_ours);
        for (version, cut) in cuts(&text, 4).into_iter().enumerate() {
            let partial = &text[..cut];
            client.notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": uri, "version": version + 1},
                       "contentChanges": [{"text": partial}]}),
            );
            client.receive_until(is_ours);
            for (line, method) in methods.iter().enumerate() {
                let position = json!({"line": line * 3, "character": version * 2});
                let answer = client.request(
                    method,
                    json!({"textDocument": {"uri": uri}, "position": position,
                           "context": {"includeDeclaration": true}}),
                );
                assert!(
                    is_response(answer.last().unwrap()),
                    "{}: {method}",
                    path.display()
                );
            }
        }
        for method in ["textDocument/documentSymbol", "textDocument/formatting"] {
            let answer = client.request(
                method,
                json!({"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": true}}),
            );
            assert!(
                is_response(answer.last().unwrap()),
                "{}: {method}",
                path.display()
            );
        }
        client.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
        client.receive_until(is_ours);
        assert!(client.alive(), "polc-lsp died on {}", path.display());
    }
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn requests_before_initialize_and_after_shutdown_are_refused() {
    let mut client = Client::start();
    let early = client.request("textDocument/hover", json!({}));
    assert_eq!(early.last().unwrap()["error"]["code"], json!(-32002));
    client.initialize(json!({}), json!({}));
    let again = client.request("initialize", json!({"capabilities": {}}));
    assert_eq!(again.last().unwrap()["error"]["code"], json!(-32600));
    let down = client.request("shutdown", Value::Null);
    assert_eq!(down.last().unwrap()["result"], Value::Null);
    let late = client.request("textDocument/hover", json!({}));
    assert_eq!(late.last().unwrap()["error"]["code"], json!(-32600));
    client.notify("exit", Value::Null);
    assert_eq!(client.wait(), Some(0));
}

#[test]
fn exit_without_shutdown_or_a_closed_input_exits_1() {
    let mut client = Client::start();
    client.initialize(json!({}), json!({}));
    client.notify("exit", Value::Null);
    assert_eq!(client.wait(), Some(1));
    let mut client = Client::start();
    client.initialize(json!({}), json!({}));
    assert_eq!(client.wait(), Some(1), "stdin closed without shutdown");
}

#[test]
fn a_body_cut_short_ends_the_server_instead_of_hanging_it() {
    let mut client = Client::start();
    client.initialize(json!({}), json!({}));
    // Claims 100 bytes, sends 10, then closes its end.
    let stdin_text = "Content-Length: 100\r\n\r\n{\"jsonrpc\"";
    client.send_raw_unframed(stdin_text);
    assert_eq!(client.wait(), Some(1));
}
