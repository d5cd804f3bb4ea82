//! What can go wrong with a line typed at the REPL itself (the notices'
//! own errors keep their syntax, check and eval codes), as data. The words
//! are in [`super::words`]; the codes in [`crate::codes::tools`].

use super::words;
use crate::clause::ClausePath;
use crate::codes::{Code, tools};
use crate::diag::{Bilingual, Diagnostic};

#[derive(Debug, Clone, PartialEq)]
pub enum ReplError {
    /// `:foo`
    UnknownCommand { command: String },
    /// `:why` without a name, `:trace maybe`.
    Usage { command: &'static str, usage: Usage },
    /// `家庭人口 = 3` before any notice is loaded.
    NoNotice,
    /// `家庭人数 = 3` when the notice declares 家庭人口.
    UnknownName {
        name: String,
        suggestion: Option<String>,
    },
    /// `救助金额 = 100元`: an output is computed, not given.
    NotAFact { name: String, clause: ClausePath },
    /// `:show 第九十条`
    UnknownClause { text: String },
}

/// What a command takes after its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Usage {
    NoArgument,
    Name,
    /// `名称 = 值`
    Assignment,
    Clause,
    Files,
    OnOff,
    /// `读法 选项`
    Reading,
}

impl ReplError {
    pub fn code(&self) -> &'static Code {
        match self {
            ReplError::UnknownCommand { .. } => &tools::REPL_UNKNOWN_COMMAND,
            ReplError::Usage { .. } => &tools::REPL_USAGE,
            ReplError::NoNotice => &tools::REPL_NO_NOTICE,
            ReplError::UnknownName { .. } => &tools::REPL_UNKNOWN_NAME,
            ReplError::NotAFact { .. } => &tools::REPL_NOT_A_FACT,
            ReplError::UnknownClause { .. } => &tools::REPL_UNKNOWN_CLAUSE,
        }
    }

    pub fn to_diagnostic(&self) -> Diagnostic {
        let clause = match self {
            ReplError::NotAFact { clause, .. } => Some(*clause),
            _ => None,
        };
        Diagnostic::new(
            self.code(),
            Bilingual::from_fn(|lang| words::message(self, lang)),
        )
        .with_help(Bilingual::from_fn(|lang| words::help(self, lang)))
        .in_clause(clause)
    }
}
