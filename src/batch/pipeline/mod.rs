//! The ordered batch pipeline: every record of an NDJSON or CSV stream
//! against one notice, one NDJSON answer line per record, in input order,
//! on as many threads as asked. It lives in the library, generic over
//! [`Read`] and [`Write`], so `polc batch` streams files and stdin through it
//! and a service can stream a request body through the same code; the caller
//! opens the input and the output, shows progress and turns a
//! [`PipelineError`] into its own words.
//!
//! Records are read and written in chunks of [`CHUNK_RECORDS`], so memory
//! stays flat however long the input: each thread holds one chunk, and at
//! most two per thread wait for their turn to be written.

use super::job::{Batch, CHUNK_RECORDS, LineChunk, Worker};
use super::lines::LineReader;
use std::collections::BTreeMap;
use std::io::{BufWriter, ErrorKind, Read, Write};
use std::marker::PhantomData;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex};

/// How the records of the input are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// One JSON object a line.
    Ndjson,
    /// A header row of fact names, then one record a row.
    Csv,
}

/// Bytes of answers gathered before they are written out.
const OUTPUT_BUFFER: usize = 1 << 20;

/// The most worker threads a batch starts, whatever it is asked.
pub const MAX_THREADS: usize = 256;

/// What a finished batch counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub records: u64,
    /// Records answered with an error line.
    pub errors: u64,
    /// Records the generic evaluator answered (all of them without a plan).
    pub generic: u64,
}

/// Why a batch stopped before the end of its input. Answers written before
/// the stop stay written; the caller decides what becomes of them.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// The input could not be read (or, for CSV, was not CSV).
    #[error("cannot read the input: {0}")]
    Read(std::io::Error),
    /// The output refused the answers.
    #[error("cannot write the answers: {0}")]
    Write(std::io::Error),
    /// The output was closed by its reader (`polc batch … | head`): not a
    /// failure of the batch, so callers usually end quietly.
    #[error("the output was closed: {0}")]
    BrokenPipe(std::io::Error),
    /// A worker thread panicked while holding a lock: polc's own bug,
    /// reported as such rather than by a second panic.
    #[error("a batch worker thread failed")]
    WorkerFailed,
}

impl PipelineError {
    fn write(e: std::io::Error) -> PipelineError {
        if e.kind() == ErrorKind::BrokenPipe {
            PipelineError::BrokenPipe(e)
        } else {
            PipelineError::Write(e)
        }
    }
}

/// Evaluates every record of `input` and writes the answers to `output`,
/// in input order, on `threads` worker threads (clamped to
/// 1..=[`MAX_THREADS`]); `output` is flushed at the end. `progress` is told
/// how many bytes of input each chunk took, as it is read.
pub fn run<R, W>(
    batch: &Batch<'_>,
    format: InputFormat,
    threads: usize,
    input: R,
    output: &mut W,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Summary, PipelineError>
where
    R: Read + Send,
    W: Write + Send + ?Sized,
{
    let threads = threads.clamp(1, MAX_THREADS);
    let mut workers: Vec<Worker> = (0..threads).map(|_| batch.worker()).collect();
    let mut sink = BufWriter::with_capacity(OUTPUT_BUFFER, output);
    {
        let mut pipeline = Pipeline {
            workers: &mut workers,
            sink: &mut sink,
            progress,
        };
        match format {
            InputFormat::Ndjson => pipeline.ndjson(batch, input)?,
            InputFormat::Csv => pipeline.csv(batch, input)?,
        }
    }
    sink.flush().map_err(PipelineError::write)?;
    let records = workers.iter().map(|w| w.records).sum();
    Ok(Summary {
        records,
        errors: workers.iter().map(|w| w.errors).sum(),
        generic: if batch.plan().is_ok() {
            workers.iter().map(|w| w.deferred).sum()
        } else {
            records
        },
    })
}

/// One batch's workers and where their answers go.
struct Pipeline<'a> {
    workers: &'a mut [Worker],
    sink: &'a mut (dyn Write + Send),
    progress: &'a (dyn Fn(u64) + Sync),
}

impl Pipeline<'_> {
    fn ndjson(&mut self, batch: &Batch<'_>, reader: impl Read + Send) -> Result<(), PipelineError> {
        let mut lines = LineReader::new(reader);
        let fill = |chunk: &mut LineChunk| lines.fill(chunk).map_err(PipelineError::Read);
        let compute = |chunk: &LineChunk, worker: &mut Worker| batch.run_lines(chunk, worker);
        self.ordered(fill, |c: &LineChunk| c.lines.is_empty(), compute)
    }

    fn csv(&mut self, batch: &Batch<'_>, reader: impl Read + Send) -> Result<(), PipelineError> {
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(1 << 20)
            .from_reader(reader);
        let mut header = csv::ByteRecord::new();
        let more = csv.read_byte_record(&mut header).map_err(csv_error)?;
        if !more {
            return Ok(());
        }
        let header = batch.csv_header(&header);
        let mut position = csv.position().byte();
        let fill = |rows: &mut Rows| {
            rows.filled = 0;
            while rows.filled < CHUNK_RECORDS {
                if rows.records.len() == rows.filled {
                    rows.records.push(csv::ByteRecord::new());
                }
                let Some(row) = rows.records.get_mut(rows.filled) else {
                    break;
                };
                if !csv.read_byte_record(row).map_err(csv_error)? {
                    break;
                }
                rows.filled += 1;
            }
            let now = csv.position().byte();
            let consumed = now.saturating_sub(position);
            position = now;
            Ok(consumed)
        };
        let compute = |rows: &Rows, worker: &mut Worker| {
            let part = rows.records.get(..rows.filled).unwrap_or(&[]);
            batch.run_rows(&header, part, worker);
        };
        self.ordered(fill, |rows: &Rows| rows.filled == 0, compute)
    }

    /// Reads, evaluates and writes chunk after chunk. Each worker thread
    /// takes a whole chunk at a time: it reads it (one reader at a time),
    /// evaluates it alone, and writes it at once if every earlier chunk is
    /// written, else leaves it for the thread whose chunk comes first. No
    /// thread waits for another's share of a chunk, and no extra thread does
    /// the I/O, so N threads keep N cores busy evaluating.
    fn ordered<C: Default + Send>(
        &mut self,
        fill: impl FnMut(&mut C) -> Result<u64, PipelineError> + Send,
        is_empty: impl Fn(&C) -> bool + Sync,
        compute: impl Fn(&C, &mut Worker) + Sync,
    ) -> Result<(), PipelineError> {
        let threads = self.workers.len();
        let shared = Shared {
            input: Mutex::new(Input { fill, next: 0 }),
            output: Mutex::new(Output {
                sink: &mut *self.sink,
                next: 0,
                pending: BTreeMap::new(),
                spare: Vec::new(),
            }),
            written: Condvar::new(),
            // Enough for every thread to run a chunk ahead, so memory stays
            // flat even when one thread is descheduled for a while.
            max_pending: 2 * threads,
            failure: Mutex::new(None),
            stopped: AtomicBool::new(false),
            progress: self.progress,
            is_empty: &is_empty,
            compute: &compute,
            chunk: PhantomData,
        };
        match &mut *self.workers {
            [only] => shared.work(only),
            workers => std::thread::scope(|scope| {
                for worker in workers.iter_mut() {
                    let shared = &shared;
                    scope.spawn(move || shared.work(worker));
                }
            }),
        }
        match shared.failure.into_inner() {
            Ok(None) => Ok(()),
            Ok(Some(stop)) => Err(stop),
            Err(poisoned) => poisoned.into_inner().map_or(Ok(()), Err),
        }
    }
}

/// What the worker threads of one batch share.
struct Shared<'r, C, F, E, W> {
    input: Mutex<Input<F>>,
    output: Mutex<Output<'r>>,
    /// Signalled whenever chunks are written (or the batch stops).
    written: Condvar,
    max_pending: usize,
    /// The first read or write error; every thread stops at it.
    failure: Mutex<Option<PipelineError>>,
    stopped: AtomicBool,
    progress: &'r (dyn Fn(u64) + Sync),
    is_empty: &'r E,
    compute: &'r W,
    /// Each thread owns the chunk it works on; none is shared.
    chunk: PhantomData<fn(&mut C)>,
}

struct Input<F> {
    fill: F,
    /// The number of the next chunk read.
    next: u64,
}

struct Output<'r> {
    sink: &'r mut (dyn Write + Send),
    /// The number of the next chunk to write.
    next: u64,
    /// Chunks evaluated before an earlier one, by number.
    pending: BTreeMap<u64, Vec<u8>>,
    /// Emptied buffers, handed back to threads that leave theirs pending.
    spare: Vec<Vec<u8>>,
}

impl<C, F, E, W> Shared<'_, C, F, E, W>
where
    C: Default,
    F: FnMut(&mut C) -> Result<u64, PipelineError>,
    E: Fn(&C) -> bool,
    W: Fn(&C, &mut Worker),
{
    /// One thread's loop: read a chunk, evaluate it, hand its answers over.
    fn work(&self, worker: &mut Worker) {
        let mut chunk = C::default();
        while !self.stopped.load(Ordering::Relaxed) {
            let number = match self.read(&mut chunk) {
                Ok(Some(number)) => number,
                Ok(None) => return,
                Err(stop) => return self.stop(stop),
            };
            (self.compute)(&chunk, worker);
            if let Err(stop) = self.hand_over(number, &mut worker.out) {
                return self.stop(stop);
            }
        }
    }

    /// The next chunk and its number; `None` at the end of the input.
    fn read(&self, chunk: &mut C) -> Result<Option<u64>, PipelineError> {
        let mut input = self.input.lock().map_err(|_| PipelineError::WorkerFailed)?;
        let consumed = (input.fill)(chunk)?;
        if (self.is_empty)(chunk) {
            return Ok(None);
        }
        (self.progress)(consumed);
        let number = input.next;
        input.next += 1;
        Ok(Some(number))
    }

    /// Writes chunk `number`'s answers if its turn has come (and the chunks
    /// left pending behind it), else leaves them pending and takes a spare
    /// buffer; waits only when too many chunks are pending already.
    fn hand_over(&self, number: u64, out: &mut Vec<u8>) -> Result<(), PipelineError> {
        let mut output = self
            .output
            .lock()
            .map_err(|_| PipelineError::WorkerFailed)?;
        loop {
            if number == output.next {
                return self.write_in_turn(&mut output, out);
            }
            if output.pending.len() < self.max_pending {
                let spare = output.spare.pop().unwrap_or_default();
                output.pending.insert(number, std::mem::replace(out, spare));
                return Ok(());
            }
            if self.stopped.load(Ordering::Relaxed) {
                return Ok(());
            }
            // Re-checked after every wake: the turn may have come meanwhile.
            output = self
                .written
                .wait(output)
                .map_err(|_| PipelineError::WorkerFailed)?;
        }
    }

    /// Writes `out`, then the chunks that were pending behind it.
    fn write_in_turn(&self, output: &mut Output<'_>, out: &[u8]) -> Result<(), PipelineError> {
        output.sink.write_all(out).map_err(PipelineError::write)?;
        output.next += 1;
        while let Some(mut buffer) = output.pending.remove(&output.next) {
            output
                .sink
                .write_all(&buffer)
                .map_err(PipelineError::write)?;
            buffer.clear();
            output.spare.push(buffer);
            output.next += 1;
        }
        self.written.notify_all();
        Ok(())
    }

    fn stop(&self, stop: PipelineError) {
        if let Ok(mut failure) = self.failure.lock() {
            failure.get_or_insert(stop);
        }
        self.stopped.store(true, Ordering::Relaxed);
        // Wake a thread waiting for room, under the lock so it cannot miss it.
        let _output = self.output.lock();
        self.written.notify_all();
    }
}

/// A chunk of CSV rows; records past `filled` are kept for reuse.
#[derive(Default)]
struct Rows {
    records: Vec<csv::ByteRecord>,
    filled: usize,
}

/// The CSV reader's complaint, reported as a read error in its own words.
fn csv_error(e: csv::Error) -> PipelineError {
    PipelineError::Read(std::io::Error::other(e.to_string()))
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests;
