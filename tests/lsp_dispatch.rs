//! `polc lsp` runs the `polc-lsp` program beside `polc` (else on PATH),
//! passing stdin and stdout through and ending with its result; without
//! one it fails with `polc::lsp::not_installed` and says how to install it.
//! The real server is tested in crates/polc-lsp; here a stand-in script
//! shows the dispatch (a copy of `polc` in a folder of its own, so that the
//! build directory's polc-lsp is not found).
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};

fn polc_in(dir: &Path) -> std::path::PathBuf {
    let polc = dir.join("polc");
    std::fs::copy(env!("CARGO_BIN_EXE_polc"), &polc).unwrap();
    polc
}

fn run(polc: &Path, stdin: &str, path: &str) -> std::process::Output {
    // A file just written can be briefly "busy" (ETXTBSY) when another test
    // thread forks while its descriptor is open; the fork closes it on exec,
    // so a retry after a moment succeeds.
    let mut attempts = 0;
    let mut child = loop {
        match Command::new(polc)
            .args(["--lang", "en", "lsp"])
            .env("PATH", path)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
        {
            Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy && attempts < 50 => {
                attempts += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => break other.unwrap(),
        }
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn script(path: &Path, body: &str) {
    std::fs::write(path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn without_a_server_polc_lsp_says_how_to_install_it() {
    let dir = tempfile::tempdir().unwrap();
    let polc = polc_in(dir.path());
    let out = run(&polc, "", "");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("polc::lsp::not_installed"), "{stderr}");
    assert!(
        stderr.contains("cargo install --path crates/polc-lsp"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn the_server_beside_polc_gets_stdin_and_stdout_and_decides_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let polc = polc_in(dir.path());
    // Echoes what it reads, as a server answers on stdout what it reads on stdin.
    script(
        &dir.path().join("polc-lsp"),
        "read line; echo \"got $line\"; exit 0",
    );
    let out = run(&polc, "Content-Length: 2\n", "");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "got Content-Length: 2\n"
    );
    // A server that ends without an orderly shutdown: polc fails too.
    script(&dir.path().join("polc-lsp"), "exit 1");
    assert_eq!(run(&polc, "", "").status.code(), Some(1));
}

#[test]
fn a_server_on_path_is_found_when_none_is_beside_polc() {
    let dir = tempfile::tempdir().unwrap();
    let bin = tempfile::tempdir().unwrap();
    let polc = polc_in(dir.path());
    script(&bin.path().join("polc-lsp"), "echo on-path");
    let out = run(&polc, "", &bin.path().display().to_string());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "on-path\n");
}
