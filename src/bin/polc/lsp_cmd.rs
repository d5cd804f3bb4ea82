//! `polc lsp`: the language server lives in its own crate (crates/polc-lsp,
//! which depends on this one, so this package cannot depend on it back).
//! `polc lsp` runs the `polc-lsp` program found beside the running `polc`,
//! else on PATH, with this process's stdin, stdout and stderr, and exits
//! with its exit code; when there is none it says how to install it.

use crate::exit::Exit;
use crate::output;
use polc::diag::{Bilingual, Diagnostic, Lang};
use std::path::PathBuf;

/// The server program's file name on this platform.
fn program_name() -> String {
    format!("polc-lsp{}", std::env::consts::EXE_SUFFIX)
}

pub fn run(lang: Lang) -> Exit {
    let Some(server) = find() else {
        return output::fail(&not_installed(), lang, Exit::Usage);
    };
    let status = std::process::Command::new(&server).status();
    match status {
        // The server's own code: 0 after an orderly shutdown, 1 otherwise.
        Ok(status) => match status.code() {
            Some(0) => Exit::Success,
            _ => Exit::Failure,
        },
        Err(_) => output::fail(&not_installed(), lang, Exit::Usage),
    }
}

/// `polc-lsp` beside the running executable (as `cargo install` and the
/// build directory place them), else the first on PATH.
fn find() -> Option<PathBuf> {
    let name = program_name();
    let beside = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(&name)))
        .filter(|p| p.is_file());
    beside.or_else(|| {
        std::env::var_os("PATH").and_then(|path| {
            std::env::split_paths(&path)
                .map(|dir| dir.join(&name))
                .find(|p| p.is_file())
        })
    })
}

fn not_installed() -> Diagnostic {
    Diagnostic::new(
        &polc::codes::tools::LSP_NOT_INSTALLED,
        Bilingual::new(
            "找不到语言服务器 polc-lsp：它不在 polc 所在的目录，也不在 PATH 上",
            "cannot find the language server polc-lsp: it is neither beside polc nor on PATH",
        ),
    )
    .with_help(Bilingual::new(
        "安装它：cargo install --path crates/polc-lsp（在 polc 的源码目录中运行）",
        "install it: cargo install --path crates/polc-lsp (run in polc's source folder)",
    ))
}
