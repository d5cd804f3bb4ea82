//! Many cases against one notice: each record becomes one NDJSON line, an
//! answer or an error, in input order. Records go through the plan when the
//! notice has one and the record takes the fast path; otherwise through
//! [`crate::eval`], whose answer (or error) is then what the line says.
//!
//! The caller feeds a worker one chunk of records at a time (the
//! [`super::pipeline`] reads them; this module does no I/O) and takes back
//! the worker's output buffer, the chunk's answer lines in order. Workers
//! keep their scratch and buffers from chunk to chunk, so after the first
//! chunk a batch allocates only for records that take the generic path.

use super::decode::Raw;
use super::error::RecordError;
use super::plan::{Plan, Refusal};
use super::run::{Defer, Scratch};
use super::scan::is_json_number;
use crate::calendar::Calendar;
use crate::diag::{Diagnostic, Lang};
use crate::eval::{self, EvalError, Facts, FactsProblem};
use crate::program::Program;
use std::sync::Arc;

/// A record longer than this is reported, not read: one runaway line must
/// not take the memory a batch is promised to stay within.
pub const MAX_RECORD_BYTES: usize = 1 << 20;

/// How many records are read, evaluated and written at a time.
pub const CHUNK_RECORDS: usize = 4096;

/// One notice set up for a batch.
pub struct Batch<'p> {
    program: &'p Program,
    /// For records the plan defers (the plan holds its own share).
    calendar: Arc<Calendar>,
    plan: Result<Plan, Refusal>,
    id_field: String,
    lang: Lang,
}

/// A worker's state: its scratch, its output for the current chunk, counts.
pub struct Worker {
    scratch: Option<Scratch>,
    pub out: Vec<u8>,
    pub records: u64,
    pub errors: u64,
    /// Records the plan handed to the generic evaluator.
    pub deferred: u64,
}

/// One NDJSON line as read: its bytes, or the fact that it was too long.
#[derive(Debug, Clone, Copy)]
pub enum Line {
    Text { start: usize, end: usize },
    TooLong,
}

/// A chunk of NDJSON lines in one buffer.
#[derive(Debug, Default)]
pub struct LineChunk {
    pub bytes: Vec<u8>,
    pub lines: Vec<Line>,
}

impl LineChunk {
    pub fn clear(&mut self) {
        self.bytes.clear();
        self.lines.clear();
    }
}

/// What a CSV column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Fact(usize),
    Id,
    IdAndFact(usize),
    Ignored,
}

/// The header row of a CSV input, resolved against the notice.
#[derive(Debug, Clone)]
pub struct CsvHeader {
    names: Vec<String>,
    columns: Vec<Column>,
}

impl<'p> Batch<'p> {
    /// Counts periods on `calendar`.
    pub fn new(program: &'p Program, calendar: Arc<Calendar>, id_field: &str, lang: Lang) -> Self {
        Batch {
            program,
            plan: Plan::compile(program, Arc::clone(&calendar)),
            calendar,
            id_field: id_field.to_string(),
            lang,
        }
    }

    /// The same batch on the generic evaluator only (for comparisons).
    pub fn generic_only(
        program: &'p Program,
        calendar: Arc<Calendar>,
        id_field: &str,
        lang: Lang,
    ) -> Self {
        Batch {
            program,
            calendar,
            plan: Err(Refusal {
                reason: "generic evaluator requested".into(),
            }),
            id_field: id_field.to_string(),
            lang,
        }
    }

    /// The plan, or why there is none.
    pub fn plan(&self) -> Result<&Plan, &Refusal> {
        self.plan.as_ref()
    }

    pub fn worker(&self) -> Worker {
        Worker {
            scratch: self.plan.as_ref().ok().map(Scratch::new),
            out: Vec::new(),
            records: 0,
            errors: 0,
            deferred: 0,
        }
    }

    /// Appends the answer line for one NDJSON record.
    pub fn json_record(&self, line: &[u8], w: &mut Worker) {
        w.records += 1;
        if let (Ok(plan), Some(scratch)) = (&self.plan, w.scratch.as_mut()) {
            let mark = w.out.len();
            match plan.answer_json(line, &self.id_field, scratch, &mut w.out) {
                Ok(()) => return,
                Err(Defer) => {
                    w.out.truncate(mark);
                    w.deferred += 1;
                }
            }
        }
        if !self.generic_json(line, &mut w.out) {
            w.errors += 1;
        }
    }

    /// The generic path for one NDJSON record; `false` for an error line.
    fn generic_json(&self, line: &[u8], out: &mut Vec<u8>) -> bool {
        let text = match std::str::from_utf8(line) {
            Ok(t) => t,
            Err(e) => {
                let err = EvalError::FactsFile {
                    problem: FactsProblem::NotUtf8 {
                        valid_up_to: e.valid_up_to(),
                    },
                };
                self.write_error(b"null", &err.to_diagnostic(), out);
                return false;
            }
        };
        let value: serde_json::Value = match serde_json::from_str(text) {
            Ok(v) => v,
            Err(e) => {
                // Reported as `polc eval` reports a facts file it cannot read.
                let err = Facts::from_json(text)
                    .err()
                    .unwrap_or(EvalError::FactsFile {
                        problem: FactsProblem::Syntax {
                            detail: e.to_string(),
                        },
                    });
                self.write_error(b"null", &err.to_diagnostic(), out);
                return false;
            }
        };
        let id = value
            .as_object()
            .and_then(|o| o.get(&self.id_field))
            .map_or_else(|| "null".to_string(), ToString::to_string);
        match Facts::from_value(value) {
            Ok(facts) => self.generic_answer(id.as_bytes(), &facts, out),
            Err(e) => {
                self.write_error(id.as_bytes(), &e.to_diagnostic(), out);
                false
            }
        }
    }

    fn generic_answer(&self, id: &[u8], facts: &Facts, out: &mut Vec<u8>) -> bool {
        match eval::evaluate(self.program, &self.calendar, facts) {
            Ok(answer) => {
                let json = answer.to_json();
                out.extend_from_slice(b"{\"id\":");
                out.extend_from_slice(id);
                out.extend_from_slice(b",\"outputs\":");
                let outputs = json.get("outputs").cloned().unwrap_or_default();
                let _ = serde_json::to_writer(&mut *out, &outputs);
                // The same warnings `polc eval --format json` gives.
                if !answer.warnings.is_empty() {
                    out.extend_from_slice(b",\"warnings\":");
                    let _ = serde_json::to_writer(&mut *out, &answer.warnings_json(self.lang));
                }
                out.extend_from_slice(b"}\n");
                true
            }
            Err(e) => {
                self.write_error(id, &e.to_diagnostic(), out);
                false
            }
        }
    }

    fn write_error(&self, id: &[u8], d: &Diagnostic, out: &mut Vec<u8>) {
        let error = serde_json::json!({
            "code": d.code,
            "message": d.message.get(self.lang),
            "clause": d.clause,
        });
        out.extend_from_slice(b"{\"id\":");
        out.extend_from_slice(id);
        out.extend_from_slice(b",\"error\":");
        let _ = serde_json::to_writer(&mut *out, &error);
        out.extend_from_slice(b"}\n");
    }

    fn too_long(&self, out: &mut Vec<u8>) {
        let d = RecordError::TooLong {
            limit: MAX_RECORD_BYTES,
        }
        .to_diagnostic();
        self.write_error(b"null", &d, out);
    }

    /// Evaluates a chunk of NDJSON lines into the worker's `out`, emptied
    /// first, in input order.
    pub fn run_lines(&self, chunk: &LineChunk, w: &mut Worker) {
        w.out.clear();
        for line in &chunk.lines {
            match *line {
                Line::Text { start, end } => {
                    let bytes = chunk.bytes.get(start..end).unwrap_or(&[]);
                    self.json_record(bytes, w);
                }
                Line::TooLong => {
                    w.records += 1;
                    w.errors += 1;
                    self.too_long(&mut w.out);
                }
            }
        }
    }

    /// Resolves a CSV header row: which column is which fact, which the id.
    pub fn csv_header(&self, header: &csv::ByteRecord) -> CsvHeader {
        let mut names = Vec::new();
        let mut columns = Vec::new();
        for (i, cell) in header.iter().enumerate() {
            let mut name = String::from_utf8_lossy(cell).trim().to_string();
            if i == 0 {
                name = name.trim_start_matches('\u{feff}').to_string();
            }
            let fact = self.program.fact_order.iter().position(|f| *f == name);
            let column = match (name == self.id_field, fact) {
                (true, Some(f)) => Column::IdAndFact(f),
                (true, None) => Column::Id,
                (false, Some(f)) => Column::Fact(f),
                (false, None) => Column::Ignored,
            };
            names.push(name);
            columns.push(column);
        }
        CsvHeader { names, columns }
    }

    /// Evaluates a chunk of CSV rows, like [`Batch::run_lines`].
    pub fn run_rows(&self, header: &CsvHeader, rows: &[csv::ByteRecord], w: &mut Worker) {
        w.out.clear();
        for row in rows {
            self.csv_record(header, row, w);
        }
    }

    /// Appends the answer line for one CSV row.
    pub fn csv_record(&self, header: &CsvHeader, row: &csv::ByteRecord, w: &mut Worker) {
        w.records += 1;
        if row.len() != header.columns.len() {
            w.errors += 1;
            let id = header
                .columns
                .iter()
                .position(|c| matches!(c, Column::Id | Column::IdAndFact(_)))
                .and_then(|i| row.get(i));
            let mut id_text = Vec::new();
            write_csv_id(id, &mut id_text);
            let d = RecordError::RowShape {
                fields: row.len(),
                header: header.columns.len(),
            }
            .to_diagnostic();
            self.write_error(&id_text, &d, &mut w.out);
            return;
        }
        if let (Ok(plan), Some(scratch)) = (&self.plan, w.scratch.as_mut()) {
            let mark = w.out.len();
            match fast_csv(plan, header, row, scratch, &mut w.out) {
                Ok(()) => return,
                Err(Defer) => {
                    w.out.truncate(mark);
                    w.deferred += 1;
                }
            }
        }
        if !self.generic_csv(header, row, &mut w.out) {
            w.errors += 1;
        }
    }

    fn generic_csv(&self, header: &CsvHeader, row: &csv::ByteRecord, out: &mut Vec<u8>) -> bool {
        let mut map = serde_json::Map::new();
        let mut id = Vec::new();
        write_csv_id(None, &mut id);
        for ((name, column), cell) in header.names.iter().zip(&header.columns).zip(row) {
            if matches!(column, Column::Id | Column::IdAndFact(_)) {
                id.clear();
                write_csv_id(Some(cell), &mut id);
            }
            if matches!(column, Column::Ignored | Column::Id) || cell.is_empty() {
                continue;
            }
            let Ok(text) = std::str::from_utf8(cell) else {
                let err = EvalError::FactsFile {
                    problem: FactsProblem::ColumnNotUtf8 {
                        column: name.clone(),
                    },
                };
                self.write_error(&id, &err.to_diagnostic(), out);
                return false;
            };
            map.insert(name.clone(), serde_json::Value::String(text.to_string()));
        }
        let facts = Facts {
            values: map.into_iter().collect(),
        };
        self.generic_answer(&id, &facts, out)
    }
}

fn fast_csv(
    plan: &Plan,
    header: &CsvHeader,
    row: &csv::ByteRecord,
    s: &mut Scratch,
    out: &mut Vec<u8>,
) -> Result<(), Defer> {
    s.clear();
    let mut id = None;
    for (column, cell) in header.columns.iter().zip(row) {
        let slot = match *column {
            Column::Ignored => continue,
            Column::Id => {
                id = Some(cell);
                continue;
            }
            Column::IdAndFact(f) => {
                id = Some(cell);
                f
            }
            Column::Fact(f) => f,
        };
        if cell.is_empty() {
            continue;
        }
        let value = plan.decode(slot, Raw::Str(cell), &mut s.texts)?;
        if let Some(place) = s.facts.get_mut(slot) {
            *place = value;
        }
    }
    plan.evaluate(s)?;
    plan.write_answer(s, |out| write_csv_id(id, out), out)
}

/// A CSV id cell as JSON: a number when it is one, else a string; `null`
/// when the row has no id column. Shared by both paths so they agree.
fn write_csv_id(cell: Option<&[u8]>, out: &mut Vec<u8>) {
    match cell.map(std::str::from_utf8) {
        None => out.extend_from_slice(b"null"),
        Some(Ok(text)) if is_json_number(text) => out.extend_from_slice(text.as_bytes()),
        Some(Ok(text)) => {
            let _ = serde_json::to_writer(&mut *out, text);
        }
        Some(Err(_)) => {
            let lossy = String::from_utf8_lossy(cell.unwrap_or_default());
            let _ = serde_json::to_writer(&mut *out, lossy.as_ref());
        }
    }
}
