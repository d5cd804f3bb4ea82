//! Every diagnostic code polc can emit, declared once, at the bottom of the
//! pipeline.
//!
//! A code is a promise: CI configurations, `确认 CODE` lines in notices and
//! the documentation name these strings, so they never change once
//! published. Keeping them in one table that imports no phase lets `diag`
//! stay below the phases, lets the checker validate `确认` against the real
//! list, and gives `polc explain` one place to read what a code means, an
//! input that triggers it and how to fix it. Each phase refers to its
//! constants here; the severity written here is the only source of a
//! diagnostic's severity.
//!
//! The tables are split by the phase that emits the codes (syntax, check,
//! review, eval, and the tools around them) only to keep each file short.

pub mod check;
pub mod eval;
pub mod review;
pub mod syntax;
pub mod tools;

use std::fmt;

/// The language a message is shown in: Chinese for drafters, English for
/// `--lang en`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// Whether a finding stops a notice from being run. Warnings do not; `polc
/// check` fails on them only with `--deny warnings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A fixed text in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

/// Where the test suite shows a code being emitted. Most codes come from a
/// file under `tests/ui` (a notice, a case, a folder of notices); a few can
/// only come from a command line, a REPL line or a batch record, and say so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// Some input under `tests/ui` emits it (checked by tests/ui.rs).
    Ui,
    /// No file under `tests/ui` can emit it: `why` says why, and `test`
    /// names the test file that does (it must mention the code).
    Elsewhere {
        why: &'static str,
        test: &'static str,
    },
}

/// One diagnostic code and what `polc explain` says about it.
#[derive(Debug, PartialEq, Eq)]
pub struct Code {
    /// The stable string, such as `polc::check::unit_mismatch`.
    pub name: &'static str,
    pub severity: Severity,
    /// What the code means, in one line (`polc explain --list`).
    pub summary: Text,
    /// A short input that triggers it, as a drafter would write it.
    pub example: &'static str,
    /// How to fix it.
    pub fix: Text,
    pub trigger: Trigger,
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

/// A code is its name to whoever compares it with text (a CI rule, a test).
impl PartialEq<str> for Code {
    fn eq(&self, name: &str) -> bool {
        self.name == name
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name)
    }
}

impl Code {
    /// The explanation `polc explain CODE` prints.
    pub fn explain(&self, lang: Lang) -> String {
        let (level, meaning, example, fix) = match lang {
            Lang::Zh => (
                match self.severity {
                    Severity::Error => "错误",
                    Severity::Warning => "警告",
                },
                "含义",
                "示例",
                "修改",
            ),
            Lang::En => (
                match self.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                },
                "Meaning",
                "Example",
                "Fix",
            ),
        };
        let (colon, heading) = match lang {
            Lang::Zh => ("：", format!("{}（{level}）", self.name)),
            Lang::En => (": ", format!("{} ({level})", self.name)),
        };
        let mut out = format!("{heading}\n\n");
        out.push_str(&format!("{meaning}{colon}{}\n\n", self.summary.get(lang)));
        out.push_str(&format!("{example}{}\n", colon.trim_end()));
        for line in self.example.lines() {
            out.push_str(&format!("    {line}\n"));
        }
        out.push_str(&format!("\n{fix}{colon}{}\n", self.fix.get(lang)));
        out
    }
}

/// Every code, grouped by the phase that emits it.
pub fn all() -> impl Iterator<Item = &'static Code> {
    syntax::ALL
        .iter()
        .chain(check::ALL)
        .chain(review::ALL)
        .chain(eval::ALL)
        .chain(tools::ALL)
        .copied()
}

/// The code with this exact name.
pub fn find(name: &str) -> Option<&'static Code> {
    all().find(|c| c.name == name)
}

/// The code closest to a misspelt name, when one is close: for "did you
/// mean" after `确认` or `polc explain`.
pub fn closest(name: &str) -> Option<&'static Code> {
    let target: Vec<char> = name.chars().collect();
    all()
        .map(|c| {
            (
                edit_distance(&target, &c.name.chars().collect::<Vec<_>>()),
                c,
            )
        })
        .filter(|(d, c)| *d <= (c.name.chars().count() / 4).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance over characters, for every "did you mean" (of a
/// code here, of a name in the checker and the REPL).
pub fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(0) + usize::from(ca != cb);
            let del = prev.get(j + 1).copied().unwrap_or(0) + 1;
            let ins = cur.get(j).copied().unwrap_or(0) + 1;
            cur.push(sub.min(del).min(ins));
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

/// Shorthand for the tables.
const fn text(zh: &'static str, en: &'static str) -> Text {
    Text { zh, en }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_namespaced() {
        let mut names: Vec<&str> = all().map(|c| c.name).collect();
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count);
        assert!(names.iter().all(|n| n.starts_with("polc::")));
    }

    #[test]
    fn a_near_miss_finds_its_code() {
        assert_eq!(
            closest("polc::check::overlapp").map(|c| c.name),
            Some("polc::check::overlap")
        );
        assert_eq!(closest("nothing like it"), None);
        assert_eq!(
            find("polc::io::read").map(|c| c.severity),
            Some(Severity::Error)
        );
    }
}
