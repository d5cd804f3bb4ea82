//! Records straight into slots: a flat JSON object (one NDJSON line) read
//! key by key with the scanner ([`super::scan`]), each value decoded against
//! the notice's declarations ([`super::decode`], which CSV cells go through
//! too), without a `serde_json::Value` or any other allocation.
//!
//! The fast reader takes only the plain shape batch systems write: one flat
//! object, no escapes in strings, numbers without exponents, values in the
//! declared unit. Anything else — and every value `eval::facts::decode`
//! would reject — is [`Defer`]red to the generic path, which reads the record
//! with serde and reports exactly what the generic evaluator reports.

use super::decode::{Raw, text};
use super::plan::Plan;
use super::run::{Defer, Scratch};
use super::scan::{Cursor, same_bytes};

/// Where the id field's JSON text is in the line (byte range), if present.
pub(crate) type IdSpan = Option<(usize, usize)>;

impl Plan {
    /// The fact slot a key names, trying first the slot the same key
    /// position held in the previous record.
    pub(crate) fn slot_of(&self, key: &[u8], position: usize, guess: &mut [u32]) -> Option<usize> {
        if let Some(&g) = guess.get(position)
            && self
                .facts
                .get(g as usize)
                .is_some_and(|f| same_bytes(f.name.as_bytes(), key))
        {
            return Some(g as usize);
        }
        let slot = self
            .facts
            .iter()
            .position(|f| same_bytes(f.name.as_bytes(), key))?;
        if let Some(g) = guess.get_mut(position) {
            *g = slot as u32;
        }
        Some(slot)
    }

    /// Reads one NDJSON line into the scratch's fact slots; returns where the
    /// id field's value is.
    pub(crate) fn read_json(
        &self,
        line: &[u8],
        id_field: &str,
        s: &mut Scratch,
    ) -> Result<IdSpan, Defer> {
        s.clear();
        let mut p = Cursor { bytes: line, at: 0 };
        let mut id = None;
        p.ws();
        p.expect(b'{')?;
        p.ws();
        if p.peek() == Some(b'}') {
            p.at += 1;
            return p.end().map(|()| id);
        }
        let id_is_fact = self.id_is_fact(id_field);
        let mut position = 0;
        loop {
            p.ws();
            let key = p.string()?;
            p.ws();
            p.expect(b':')?;
            p.ws();
            let start = p.at;
            let raw = p.value()?;
            let is_id = key == id_field.as_bytes();
            if is_id {
                id = Some((start, p.at));
            }
            let slot = if is_id && !id_is_fact {
                None
            } else {
                self.slot_of(key, position, &mut s.key_guess)
            };
            match slot {
                Some(slot) => {
                    let value = self.decode(slot, raw, &mut s.texts)?;
                    if let Some(cell) = s.facts.get_mut(slot) {
                        *cell = value;
                    }
                }
                None => {
                    // Not a fact: still has to be valid JSON text.
                    if !is_id {
                        text(key)?;
                    }
                    if let Raw::Str(v) = raw {
                        text(v)?;
                    }
                }
            }
            position += 1;
            p.ws();
            match p.next() {
                Some(b',') => continue,
                Some(b'}') => break,
                _ => return Err(Defer),
            }
        }
        p.end().map(|()| id)
    }

    pub(crate) fn id_is_fact(&self, id_field: &str) -> bool {
        self.facts.iter().any(|f| f.name == id_field)
    }
}
