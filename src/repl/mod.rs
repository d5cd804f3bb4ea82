//! The what-if REPL's backend (`polc repl`): the loaded notices, the facts
//! set so far and the last state of every output, and the commands that
//! change or question them. It does no I/O: notices are read through a
//! [`Loader`] the frontend supplies, and every command answers with a
//! [`Reply`] (data, rendered to text by [`Reply::render`]) that the
//! frontend prints. The rustyline frontend is in `src/bin/polc/repl_cmd.rs`.
//!
//! After any change of a fact, every output is evaluated again and those
//! whose value changed are shown before → after, with the clauses that now
//! decide them.

mod command;
mod complete;
mod error;
mod explain;
mod flips;
mod notices;
mod outputs;
mod query;
mod reply;
mod session;
mod value;
mod words;

pub use command::{COMMANDS, Command, is_incomplete, parse_line};
pub use complete::Completer;
pub use error::{ReplError, Usage};
pub use reply::{Item, MissingFact, Reply};
pub use session::{Loader, Session};

#[cfg(test)]
mod tests;
