//! `polc-lsp`: the language server on standard input and output (what
//! `polc lsp` runs). Messages go to stdout only; nothing else is printed.

fn main() -> std::process::ExitCode {
    let code = polc_lsp::serve_stdio();
    std::process::ExitCode::from(u8::try_from(code).unwrap_or(1))
}
