//! Batch evaluation on a compiled plan.
//!
//! [`crate::eval`] answers one case with a full trace, resolving names in
//! maps as it goes; that is the right shape for `polc eval` and wasteful for
//! a million households. This module lowers a checked notice once to a
//! [`Plan`] — facts and derived values in numbered slots, enumerations
//! interned, expressions a flat table, cases in priority order — and runs
//! each record on it without heap allocation ([`Scratch`] is reused).
//!
//! The plan gives exactly the generic evaluator's values and citations (the
//! differential tests hold it to that). It does not try to reproduce errors:
//! wherever the generic evaluator would fail, the plan stops with [`Defer`]
//! and the record is evaluated generically, so error lines are the generic
//! evaluator's own. A notice the plan cannot express at all ([`Refusal`])
//! runs entirely on the generic evaluator.
//!
//! [`pipeline`] streams a whole input through a [`Batch`]: chunks of
//! records read from any [`std::io::Read`], evaluated on worker threads and
//! written to any [`std::io::Write`] in input order.
//!
//! A plan is compiled once and shared by every worker thread, so it owns a
//! share of the calendar it counts periods on (`Arc<Calendar>`, see
//! [`crate::calendar`]); so does a [`Batch`], for the records it hands to
//! the generic evaluator.

mod decode;
mod error;
mod expr;
pub mod job;
mod kinds;
mod lines;
mod lower;
mod nodes;
pub mod pipeline;
mod plan;
mod record;
mod run;
mod scan;
mod value;
mod words;
mod write;

pub use error::RecordError;
pub use job::{Batch, CsvHeader, Line, LineChunk, Worker};
pub use lines::LineReader;
pub use pipeline::{InputFormat, PipelineError, Summary};
pub use plan::{Plan, Refusal};
pub use run::{Defer, Scratch};
pub use value::{CVal, View};

impl Plan {
    /// Reads one NDJSON record into `s` (fast path only).
    pub fn load_json(&self, line: &[u8], id_field: &str, s: &mut Scratch) -> Result<(), Defer> {
        self.read_json(line, id_field, s).map(|_| ())
    }

    /// Reads, evaluates and writes one NDJSON record on the fast path:
    /// appends its answer line to `out`, or defers.
    pub fn answer_json(
        &self,
        line: &[u8],
        id_field: &str,
        s: &mut Scratch,
        out: &mut Vec<u8>,
    ) -> Result<(), Defer> {
        let mark = out.len();
        let result = (|| {
            let id = self.read_json(line, id_field, s)?;
            self.evaluate(s)?;
            let id: &[u8] = match id {
                Some((start, end)) => line.get(start..end).ok_or(Defer)?,
                None => b"null",
            };
            self.write_answer(s, |out| out.extend_from_slice(id), out)
        })();
        if result.is_err() {
            out.truncate(mark);
        }
        result
    }
}
