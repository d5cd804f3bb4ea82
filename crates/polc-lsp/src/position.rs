//! Byte offsets (what the core's spans are) to LSP positions and back, in
//! the encoding negotiated at `initialize`: a column counts UTF-16 code
//! units by default, bytes for UTF-8 or characters for UTF-32. On Chinese
//! text the three differ (第 is 1 UTF-16 unit, 3 bytes, 1 character; an
//! emoji is 2 units), so every conversion goes through here.

use lsp_types::{Position, PositionEncodingKind, Range};

/// The unit a client counts columns in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Utf32,
}

impl Encoding {
    /// The encoding to use of those a client offers: UTF-8 (the core's own
    /// offsets) when offered, then UTF-32, else UTF-16, which every client
    /// must accept.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        let offered = offered.unwrap_or_default();
        if offered.contains(&PositionEncodingKind::UTF8) {
            Encoding::Utf8
        } else if offered.contains(&PositionEncodingKind::UTF32) {
            Encoding::Utf32
        } else {
            Encoding::Utf16
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }
}

/// Where each line of a text starts, for converting offsets both ways.
/// Lines end at `\n`, `\r\n` or a lone `\r`, as the protocol says.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset of the start of every line (the first is 0).
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        let bytes = text.as_bytes();
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            match b {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        LineIndex { starts }
    }

    /// The position of byte `offset` in `text` (clamped to the text, and
    /// down to a character boundary).
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let offset = floor_boundary(text, offset.min(text.len()));
        let line = self.starts.partition_point(|&s| s <= offset).max(1) - 1;
        let start = self.starts.get(line).copied().unwrap_or(0);
        let column: usize = text
            .get(start..offset)
            .unwrap_or("")
            .chars()
            .map(|c| encoding.width(c))
            .sum();
        Position::new(to_u32(line), to_u32(column))
    }

    pub fn range(&self, text: &str, start: usize, end: usize, encoding: Encoding) -> Range {
        Range::new(
            self.position(text, start, encoding),
            self.position(text, end.max(start), encoding),
        )
    }

    /// The byte offset of `position` in `text`. A line past the end is the
    /// end of the text; a column past the end of its line, or inside a
    /// character (half of a UTF-16 surrogate pair), is clamped to the
    /// line's end or that character's start.
    pub fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        let line = usize::try_from(position.line).unwrap_or(usize::MAX);
        let Some(&start) = self.starts.get(line) else {
            return text.len();
        };
        let end = self
            .starts
            .get(line + 1)
            .copied()
            .unwrap_or(text.len())
            .min(text.len());
        let content = text.get(start..end).unwrap_or("");
        let content = content.trim_end_matches(['\n', '\r']);
        let wanted = usize::try_from(position.character).unwrap_or(usize::MAX);
        let mut units = 0;
        for (i, c) in content.char_indices() {
            let next = units + encoding.width(c);
            if next > wanted {
                return start + i;
            }
            units = next;
        }
        start + content.len()
    }
}

fn floor_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "第六条\n  事实 家庭人口: 人\r\n😀a\rb";

    #[test]
    fn columns_count_in_the_negotiated_unit() {
        let index = LineIndex::new(TEXT);
        let at = |needle: &str| TEXT.find(needle).unwrap_or(usize::MAX);
        let offset = at("家庭");
        assert_eq!(
            index.position(TEXT, offset, Encoding::Utf16),
            Position::new(1, 5)
        );
        assert_eq!(
            index.position(TEXT, offset, Encoding::Utf32),
            Position::new(1, 5)
        );
        assert_eq!(
            index.position(TEXT, offset, Encoding::Utf8),
            Position::new(1, 9)
        );
        // An emoji is two UTF-16 units, one character, four bytes.
        let a = at("a");
        assert_eq!(
            index.position(TEXT, a, Encoding::Utf16),
            Position::new(2, 2)
        );
        assert_eq!(
            index.position(TEXT, a, Encoding::Utf32),
            Position::new(2, 1)
        );
        assert_eq!(index.position(TEXT, a, Encoding::Utf8), Position::new(2, 4));
        // A lone \r ends a line too.
        assert_eq!(
            index.position(TEXT, at("b"), Encoding::Utf16),
            Position::new(3, 0)
        );
    }

    #[test]
    fn offsets_and_positions_round_trip_on_every_character() {
        let index = LineIndex::new(TEXT);
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            // Every character but the \n of a \r\n, which is inside a line end.
            let inside_crlf = |i: usize| i > 0 && TEXT.get(i - 1..=i) == Some("\r\n");
            for (offset, _) in TEXT.char_indices().filter(|(i, _)| !inside_crlf(*i)) {
                let position = index.position(TEXT, offset, encoding);
                assert_eq!(
                    index.offset(TEXT, position, encoding),
                    offset,
                    "{encoding:?}"
                );
            }
        }
    }

    #[test]
    fn out_of_range_positions_are_clamped() {
        let index = LineIndex::new(TEXT);
        // Past the end of line 0 is its end, before the newline.
        assert_eq!(
            index.offset(TEXT, Position::new(0, 99), Encoding::Utf16),
            "第六条".len()
        );
        assert_eq!(
            index.offset(TEXT, Position::new(99, 0), Encoding::Utf16),
            TEXT.len()
        );
        // Inside the emoji's surrogate pair: its start.
        let emoji = TEXT.find('😀').unwrap_or(0);
        assert_eq!(
            index.offset(TEXT, Position::new(2, 1), Encoding::Utf16),
            emoji
        );
        // Inside a character's bytes: that character.
        assert_eq!(index.position(TEXT, 1, Encoding::Utf8), Position::new(0, 0));
    }

    #[test]
    fn the_first_offered_of_utf8_then_utf32_is_chosen() {
        use PositionEncodingKind as K;
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        assert_eq!(
            Encoding::negotiate(Some(&[K::UTF16, K::UTF32])),
            Encoding::Utf32
        );
        assert_eq!(
            Encoding::negotiate(Some(&[K::UTF16, K::UTF8])),
            Encoding::Utf8
        );
        assert_eq!(
            Encoding::negotiate(Some(&[K::new("utf-7")])),
            Encoding::Utf16
        );
    }
}
