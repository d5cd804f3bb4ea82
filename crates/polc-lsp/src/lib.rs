//! polc-lsp: the language server of polc. It speaks the Language Server
//! Protocol over standard input and output (`polc lsp` starts it) and
//! answers from the core library: `polc check`'s findings as diagnostics,
//! the cited clause's 原文 on hover, jumps to declarations and clauses, the
//! 章/条/款/项/目 outline, `polc fmt` as formatting, completion of names
//! with pinyin initials. It never runs the `polc` binary's code.

pub mod document;
pub mod features;
pub mod position;
pub mod server;
pub mod transport;
pub mod workspace;

pub use server::{serve, serve_stdio};
