//! Tab completion: commands, fact and output names, enumeration values and
//! clause numbers, matched by their start or by pinyin, since drafters
//! switch input methods constantly: `jtrk` (initials), `jiating` (full
//! pinyin) and `jiatingrk` (a mix) all offer 家庭人口. Readings of
//! polyphonic characters are all accepted (重 is zhong and chong).
//!
//! The pinyin of every name is looked up once, when notices are loaded.

use super::command::COMMANDS;
use crate::program::{Program, Type};
use pinyin::ToPinyinMulti;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Fact,
    Output,
    Rule,
    Param,
    Value,
}

#[derive(Debug, Clone)]
struct Name {
    text: String,
    kind: Kind,
    /// For each character, its possible readings (plain pinyin, lower
    /// case); an ASCII letter or digit reads as itself.
    readings: Vec<Vec<String>>,
    /// For a fact: the values it can take that are worth offering.
    values: Vec<String>,
}

#[derive(Debug, Clone)]
struct ClauseName {
    text: String,
    number: u32,
    /// An article, section or annex, not a part of one.
    top_level: bool,
}

/// The completion table of the loaded notices.
#[derive(Debug, Clone, Default)]
pub struct Completer {
    names: Vec<Name>,
    values: Vec<Name>,
    clauses: Vec<ClauseName>,
}

/// Names longer than this are matched by their characters only.
const MAX_PINYIN_CHARS: usize = 32;

impl Completer {
    pub fn new(programs: &[&Program]) -> Completer {
        let mut table = Completer::default();
        for program in programs {
            for fact in &program.fact_order {
                if let Some(info) = program.facts.get(fact) {
                    table.add(fact, Kind::Fact, values_of(&info.ty));
                }
            }
            for output in &program.outputs {
                table.add(output, Kind::Output, Vec::new());
            }
            let mut rules: Vec<&String> = program
                .derived
                .keys()
                .filter(|n| !program.outputs.contains(n))
                .collect();
            rules.sort();
            for rule in rules {
                table.add(rule, Kind::Rule, Vec::new());
            }
            let mut params: Vec<&String> = program.params.keys().collect();
            params.sort();
            for param in params {
                table.add(param, Kind::Param, Vec::new());
            }
            for clause in &program.clauses {
                let text = clause.path.to_string();
                if !table.clauses.iter().any(|c| c.text == text) {
                    table.clauses.push(ClauseName {
                        text,
                        number: clause.path.top,
                        top_level: clause.path.article_only() == clause.path,
                    });
                }
            }
        }
        let mut values: Vec<String> = Vec::new();
        for name in &table.names {
            for v in &name.values {
                if !values.contains(v) {
                    values.push(v.clone());
                }
            }
        }
        table.values = values
            .into_iter()
            .map(|v| Name {
                readings: readings(&v),
                text: v,
                kind: Kind::Value,
                values: Vec::new(),
            })
            .collect();
        table
    }

    fn add(&mut self, text: &str, kind: Kind, values: Vec<String>) {
        if self.names.iter().any(|n| n.text == text) {
            return;
        }
        self.names.push(Name {
            text: text.to_string(),
            kind,
            readings: readings(text),
            values,
        });
    }

    /// The one name whose pinyin `typed` spells, for "did you mean".
    pub fn spelled_by(&self, typed: &str) -> Option<String> {
        if !typed.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return None;
        }
        let mut found = self.names.iter().filter(|n| {
            n.kind != Kind::Value && matches(n, typed) && n.readings.len() <= typed.len()
        });
        let first = found.next()?;
        match found.next() {
            Some(_) => None,
            None => Some(first.text.clone()),
        }
    }

    /// Where the completed word starts in `line`, and the candidates for it.
    pub fn complete(&self, line: &str, pos: usize) -> (usize, Vec<String>) {
        let Some(before) = line.get(..pos) else {
            return (pos, Vec::new());
        };
        let command = before
            .strip_prefix(':')
            .or_else(|| before.strip_prefix('：'));
        let Some(rest) = command else {
            return self.in_expression(before, pos);
        };
        let Some((word, arg)) = rest.split_once(char::is_whitespace) else {
            let found = COMMANDS
                .iter()
                .map(|(c, _, _)| *c)
                .filter(|c| c.get(1..).is_some_and(|c| c.starts_with(rest)))
                .map(str::to_string)
                .collect();
            return (0, found);
        };
        match word {
            "set" | "whatif" => self.in_assignment(arg, pos),
            "unset" => self.names_at(arg, pos, &[Kind::Fact]),
            "why" | "whynot" => self.names_at(arg, pos, &[Kind::Output, Kind::Rule, Kind::Param]),
            "show" => {
                let typed = arg.trim_start();
                (pos - typed.len(), self.clauses_for(typed))
            }
            "trace" => {
                let typed = arg.trim_start();
                let found = ["on", "off"]
                    .into_iter()
                    .filter(|o| o.starts_with(typed))
                    .map(str::to_string)
                    .collect();
                (pos - typed.len(), found)
            }
            _ => (pos, Vec::new()),
        }
    }

    /// A line that is not a command: an assignment or an expression.
    fn in_expression(&self, before: &str, pos: usize) -> (usize, Vec<String>) {
        if before.contains(['=', '＝']) && !before.contains("==") {
            let (start, found) = self.in_assignment(before, pos);
            if !found.is_empty() {
                return (start, found);
            }
        }
        let all = [
            Kind::Fact,
            Kind::Output,
            Kind::Rule,
            Kind::Param,
            Kind::Value,
        ];
        self.names_at(before, pos, &all)
    }

    /// `名称 = 值`: a fact's name before the sign, one of its values after.
    fn in_assignment(&self, text: &str, pos: usize) -> (usize, Vec<String>) {
        let Some((name, value)) = text.split_once(['=', '＝']) else {
            return self.names_at(text, pos, &[Kind::Fact]);
        };
        let typed = value.trim_start();
        let Some(fact) = self
            .names
            .iter()
            .find(|n| n.kind == Kind::Fact && n.text == name.trim())
        else {
            return (pos, Vec::new());
        };
        let found = fact
            .values
            .iter()
            .filter_map(|v| self.values.iter().find(|n| &n.text == v))
            .filter(|n| matches(n, typed))
            .map(|n| n.text.clone())
            .collect();
        (pos - typed.len(), found)
    }

    /// The names of these kinds that the word before the cursor may start.
    fn names_at(&self, before: &str, pos: usize, kinds: &[Kind]) -> (usize, Vec<String>) {
        let word = word_before(before);
        let start = pos - word.len();
        let pool = self.names.iter().chain(self.values.iter());
        let (mut direct, mut by_pinyin): (Vec<&Name>, Vec<&Name>) = pool
            .filter(|n| kinds.contains(&n.kind) && matches(n, word))
            .partition(|n| n.text.starts_with(word));
        direct.append(&mut by_pinyin);
        let mut found: Vec<String> = Vec::new();
        for n in direct {
            if !found.contains(&n.text) {
                found.push(n.text.clone());
            }
        }
        (start, found)
    }

    fn clauses_for(&self, typed: &str) -> Vec<String> {
        let digits = !typed.is_empty() && typed.chars().all(|c| c.is_ascii_digit());
        self.clauses
            .iter()
            .filter(|c| {
                if digits {
                    c.top_level && c.number.to_string().starts_with(typed)
                } else {
                    c.text.starts_with(typed)
                }
            })
            .map(|c| c.text.clone())
            .collect()
    }
}

/// The values worth offering for a fact of this type.
fn values_of(ty: &Type) -> Vec<String> {
    match ty {
        Type::Bool => vec!["是".into(), "否".into()],
        Type::Enum(variants) => variants.clone(),
        _ => Vec::new(),
    }
}

/// The name characters just before the cursor.
fn word_before(before: &str) -> &str {
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '_')
        .last()
        .map_or(before.len(), |(i, _)| i);
    before.get(start..).unwrap_or("")
}

fn readings(text: &str) -> Vec<Vec<String>> {
    if text.chars().count() > MAX_PINYIN_CHARS {
        return Vec::new();
    }
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                return vec![c.to_ascii_lowercase().to_string()];
            }
            let mut out: Vec<String> = Vec::new();
            if let Some(multi) = c.to_pinyin_multi() {
                for p in multi {
                    let plain = p.plain().to_string();
                    if !out.contains(&plain) {
                        out.push(plain);
                    }
                }
            }
            out
        })
        .collect()
}

/// Whether `typed` starts `name`: by its characters, or as pinyin where
/// each character is given by its full reading or its first letter (the
/// last one may be cut short).
fn matches(name: &Name, typed: &str) -> bool {
    if name.text.starts_with(typed) {
        return true;
    }
    let typed = typed.to_ascii_lowercase();
    if !typed.bytes().all(|b| b.is_ascii_alphanumeric()) || name.readings.is_empty() {
        return false;
    }
    let width = typed.len() + 1;
    let mut failed = vec![false; (name.readings.len() + 1) * width];
    pinyin_prefix(&name.readings, typed.as_bytes(), 0, 0, &mut failed, width)
}

/// Memoised: `failed[i * width + k]` marks a state already known to fail.
fn pinyin_prefix(
    readings: &[Vec<String>],
    typed: &[u8],
    i: usize,
    k: usize,
    failed: &mut [bool],
    width: usize,
) -> bool {
    let Some(rest) = typed.get(k..) else {
        return false;
    };
    if rest.is_empty() {
        return true;
    }
    let Some(options) = readings.get(i) else {
        return false;
    };
    if failed.get(i * width + k).copied().unwrap_or(true) {
        return false;
    }
    for reading in options {
        let reading = reading.as_bytes();
        // The typed text ends inside this syllable: `jiat` for 家庭.
        if reading.starts_with(rest) {
            return true;
        }
        let whole = rest.starts_with(reading)
            && pinyin_prefix(readings, typed, i + 1, k + reading.len(), failed, width);
        let initial = reading.len() > 1
            && reading.first() == rest.first()
            && pinyin_prefix(readings, typed, i + 1, k + 1, failed, width);
        if whole || initial {
            return true;
        }
    }
    if let Some(slot) = failed.get_mut(i * width + k) {
        *slot = true;
    }
    false
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;

    fn name(text: &str) -> Name {
        Name {
            text: text.into(),
            kind: Kind::Fact,
            readings: readings(text),
            values: Vec::new(),
        }
    }

    #[test]
    fn pinyin_initials_full_and_mixed() {
        let n = name("家庭人口");
        for typed in [
            "jtrk",
            "jt",
            "jiating",
            "jiatingrenkou",
            "jiatingrk",
            "JTRK",
            "jiat",
            "家庭",
        ] {
            assert!(matches(&n, typed), "{typed}");
        }
        for typed in ["jtrx", "tr", "kou"] {
            assert!(!matches(&n, typed), "{typed}");
        }
    }

    #[test]
    fn polyphonic_characters_read_either_way() {
        // 重 reads zhong (重大) and chong.
        let n = name("重大损失");
        assert!(matches(&n, "zdss"));
        assert!(matches(&n, "cdss"));
    }

    #[test]
    fn digits_in_names() {
        let n = name("第2次");
        assert!(matches(&n, "d2c"));
    }
}
