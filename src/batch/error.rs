//! What can be wrong with a batch record before any fact is read: its
//! shape, its length. (Errors in its facts are [`crate::eval`]'s.) The
//! words are in [`super::words`]; the codes in [`crate::codes::tools`].

use super::words;
use crate::codes::{self, Code};
use crate::diag::{Bilingual, Diagnostic};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordError {
    /// A CSV row with more or fewer fields than the header.
    RowShape { fields: usize, header: usize },
    /// A record longer than the batch accepts.
    TooLong { limit: usize },
}

impl RecordError {
    pub fn code(&self) -> &'static Code {
        match self {
            RecordError::RowShape { .. } => &codes::tools::BATCH_ROW_SHAPE,
            RecordError::TooLong { .. } => &codes::tools::BATCH_RECORD_TOO_LONG,
        }
    }

    pub fn to_diagnostic(&self) -> Diagnostic {
        Diagnostic::new(
            self.code(),
            Bilingual::from_fn(|lang| words::message(self, lang)),
        )
    }
}
