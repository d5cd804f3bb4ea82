//! Splitting NDJSON input into chunks of lines for [`super::Batch`]. The
//! reader is generic over [`Read`], so the binary reads files and stdin with
//! it and the tests and fuzzers feed it slices in pieces of any size.

use super::job::{CHUNK_RECORDS, Line, LineChunk, MAX_RECORD_BYTES};
use std::io::{ErrorKind, Read};

/// Bytes asked of the input at a time.
const READ_BLOCK: usize = 1 << 20;

/// Splits the input into chunks of lines, reading blocks straight into the
/// chunk's buffer (no second copy). A line longer than [`MAX_RECORD_BYTES`]
/// is not kept: it becomes [`Line::TooLong`] and its bytes are skipped.
pub struct LineReader<R> {
    inner: R,
    /// The start of a line not yet complete, carried to the next chunk.
    carry: Vec<u8>,
    /// Inside a line already reported as too long.
    skipping: bool,
    eof: bool,
}

impl<R: Read> LineReader<R> {
    pub fn new(inner: R) -> Self {
        LineReader {
            inner,
            carry: Vec::new(),
            skipping: false,
            eof: false,
        }
    }

    /// Refills `chunk` with the next lines; returns the bytes read (0 and an
    /// empty chunk at the end of the input).
    pub fn fill(&mut self, chunk: &mut LineChunk) -> std::io::Result<u64> {
        chunk.bytes.clear();
        chunk.bytes.extend_from_slice(&self.carry);
        chunk.lines.clear();
        let mut line_start = 0;
        let mut consumed = 0u64;
        while chunk.lines.len() < CHUNK_RECORDS && !self.eof {
            let old = chunk.bytes.len();
            chunk.bytes.resize(old + READ_BLOCK, 0);
            let n = loop {
                match self
                    .inner
                    .read(chunk.bytes.get_mut(old..).unwrap_or(&mut []))
                {
                    Ok(n) => break n,
                    Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                    Err(e) => {
                        chunk.bytes.truncate(old);
                        return Err(e);
                    }
                }
            };
            chunk.bytes.truncate(old + n);
            consumed += n as u64;
            if n == 0 {
                self.eof = true;
                break;
            }
            let mut from = old;
            while let Some(i) = chunk
                .bytes
                .get(from..)
                .and_then(|rest| memchr::memchr(b'\n', rest))
            {
                let end = from + i;
                self.emit(chunk, line_start, end);
                line_start = end + 1;
                from = line_start;
            }
            if !self.skipping && chunk.bytes.len() - line_start > MAX_RECORD_BYTES {
                chunk.lines.push(Line::TooLong);
                self.skipping = true;
            }
            if self.skipping {
                // Drop the bytes of the runaway line read so far.
                chunk.bytes.truncate(line_start);
            }
        }
        if self.eof && line_start < chunk.bytes.len() {
            let end = chunk.bytes.len();
            self.emit(chunk, line_start, end);
            line_start = end;
        }
        self.carry.clear();
        self.carry
            .extend_from_slice(chunk.bytes.get(line_start..).unwrap_or(&[]));
        chunk.bytes.truncate(line_start);
        Ok(consumed)
    }

    /// A complete line `bytes[start..end]` (newline excluded); blank lines
    /// are skipped, as is the end of a line already reported too long.
    fn emit(&mut self, chunk: &mut LineChunk, start: usize, end: usize) {
        if self.skipping {
            self.skipping = false;
            return;
        }
        let mut end = end;
        if end > start && chunk.bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        let text = chunk.bytes.get(start..end).unwrap_or(&[]);
        if text.iter().all(u8::is_ascii_whitespace) {
            return;
        }
        if end - start > MAX_RECORD_BYTES {
            chunk.lines.push(Line::TooLong);
        } else {
            chunk.lines.push(Line::Text { start, end });
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    /// Gives at most `step` bytes per read, to cross every chunk boundary.
    struct Trickle<'a> {
        bytes: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.step.min(buf.len()).min(self.bytes.len());
            let (head, tail) = self.bytes.split_at(n);
            buf[..n].copy_from_slice(head);
            self.bytes = tail;
            Ok(n)
        }
    }

    /// Every line as the reader reports it, chunk after chunk.
    fn lines_of(input: &[u8], step: usize) -> Vec<Option<Vec<u8>>> {
        let mut reader = LineReader::new(Trickle { bytes: input, step });
        let mut chunk = LineChunk::default();
        let mut all = Vec::new();
        loop {
            reader.fill(&mut chunk).unwrap();
            if chunk.lines.is_empty() {
                return all;
            }
            for line in &chunk.lines {
                all.push(match *line {
                    Line::Text { start, end } => Some(chunk.bytes[start..end].to_vec()),
                    Line::TooLong => None,
                });
            }
        }
    }

    #[test]
    fn lines_split_at_newlines_whatever_the_read_size() {
        let input = b"{\"a\":1}\r\n\n  \n{\"b\":2}\n{\"c\":3}";
        let expected = vec![
            Some(b"{\"a\":1}".to_vec()),
            Some(b"{\"b\":2}".to_vec()),
            Some(b"{\"c\":3}".to_vec()),
        ];
        for step in [1, 2, 3, 7, 1 << 20] {
            assert_eq!(lines_of(input, step), expected, "step {step}");
        }
    }

    #[test]
    fn more_lines_than_a_chunk_keep_their_order() {
        let n = CHUNK_RECORDS * 2 + 5;
        let input: String = (0..n).map(|i| format!("{{\"id\":{i}}}\n")).collect();
        let lines = lines_of(input.as_bytes(), 1000);
        assert_eq!(lines.len(), n);
        for (i, line) in lines.iter().enumerate() {
            assert_eq!(line.as_deref(), Some(format!("{{\"id\":{i}}}").as_bytes()));
        }
    }

    #[test]
    fn a_runaway_line_is_reported_once_and_skipped() {
        let mut input = b"{\"a\":1}\n".to_vec();
        input.extend(std::iter::repeat_n(b'x', MAX_RECORD_BYTES + 10));
        input.extend_from_slice(b"\n{\"b\":2}\n");
        for step in [MAX_RECORD_BYTES / 3, 1 << 20] {
            assert_eq!(
                lines_of(&input, step),
                vec![
                    Some(b"{\"a\":1}".to_vec()),
                    None,
                    Some(b"{\"b\":2}".to_vec())
                ]
            );
        }
    }

    #[test]
    fn a_read_error_is_returned() {
        struct Broken;
        impl Read for Broken {
            fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("disk gone"))
            }
        }
        let mut reader = LineReader::new(Broken);
        let mut chunk = LineChunk::default();
        assert!(reader.fill(&mut chunk).is_err());
    }
}
