//! What a command answers, as data; [`Reply::render`] is the one text form
//! both frontends print (no colour, so piped sessions diff cleanly).

use crate::clause::ClausePath;
use crate::diag::{Diagnostic, Lang, Severity};
use crate::review::Finding;
use crate::source::SourceFile;
use std::fmt::Write as _;

/// A fact some output still needs, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct MissingFact {
    pub name: String,
    /// Where the fact is declared.
    pub declared: ClausePath,
    /// The clause that read it.
    pub needed_by: Option<ClausePath>,
}

#[derive(Debug, Clone)]
pub enum Item {
    /// A line of text: an acknowledgement, a heading, a list entry.
    Line(String),
    /// `名称 = 值  〔条款〕`
    Value {
        name: String,
        shown: String,
        cites: Vec<ClausePath>,
    },
    /// `名称：旧 → 新  〔条款〕` after a fact changed.
    Change {
        name: String,
        before: String,
        after: String,
        cites: Vec<ClausePath>,
    },
    /// Facts still to give, each with the clause that needs it.
    Missing {
        heading: String,
        facts: Vec<MissingFact>,
    },
    /// Text printed as it is: a derivation tree, a clause of the notice.
    Block(String),
    /// An error or warning; `source` is the text its span points into.
    Diagnostic {
        diagnostic: Box<Diagnostic>,
        source: Option<SourceFile>,
    },
    /// A finding of `:check`, with the other clauses it involves and its
    /// counterexample, as `polc check` prints it.
    Finding {
        finding: Box<Finding>,
        source: SourceFile,
    },
}

#[derive(Debug, Clone, Default)]
pub struct Reply {
    pub items: Vec<Item>,
    /// The session asked to end (`:quit`).
    pub quit: bool,
}

impl Reply {
    pub fn new() -> Reply {
        Reply::default()
    }

    pub fn line(text: impl Into<String>) -> Reply {
        Reply {
            items: vec![Item::Line(text.into())],
            quit: false,
        }
    }

    pub fn error(diagnostic: Diagnostic) -> Reply {
        Reply {
            items: vec![Item::Diagnostic {
                diagnostic: Box::new(diagnostic),
                source: None,
            }],
            quit: false,
        }
    }

    pub fn push(&mut self, item: Item) {
        self.items.push(item);
    }

    pub fn push_line(&mut self, text: impl Into<String>) {
        self.items.push(Item::Line(text.into()));
    }

    pub fn push_diagnostic(&mut self, diagnostic: Diagnostic, source: Option<SourceFile>) {
        self.items.push(Item::Diagnostic {
            diagnostic: Box::new(diagnostic),
            source,
        });
    }

    pub fn extend(&mut self, other: Reply) {
        self.items.extend(other.items);
        self.quit |= other.quit;
    }

    /// Whether the reply reports an error (a script's exit code uses it).
    pub fn is_error(&self) -> bool {
        self.items.iter().any(|i| {
            matches!(i, Item::Diagnostic { diagnostic, .. } if diagnostic.severity() == Severity::Error)
                || matches!(i, Item::Finding { finding, .. } if finding.severity() == Severity::Error)
        })
    }

    /// The reply as the user reads it, every line ending in a newline.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for item in &self.items {
            render_item(item, &mut out);
        }
        out
    }
}

fn render_item(item: &Item, out: &mut String) {
    match item {
        Item::Line(text) => {
            let _ = writeln!(out, "{text}");
        }
        Item::Value { name, shown, cites } => {
            let _ = writeln!(out, "{name} = {shown}{}", cite_suffix(cites));
        }
        Item::Change {
            name,
            before,
            after,
            cites,
        } => {
            let _ = writeln!(out, "{name}：{before} → {after}{}", cite_suffix(cites));
        }
        Item::Missing { heading, facts } => {
            let _ = writeln!(out, "{heading}");
            for fact in facts {
                let _ = writeln!(out, "  {}", describe_missing(fact));
            }
        }
        Item::Block(text) => {
            out.push_str(text);
            if !text.ends_with('\n') {
                out.push('\n');
            }
        }
        Item::Diagnostic { diagnostic, source } => {
            out.push_str(&diagnostic.render(source.as_ref(), Lang::Zh));
        }
        Item::Finding { finding, source } => {
            out.push_str(&finding.render(Some(source), Lang::Zh));
        }
    }
}

/// `申请日期（第九条第（一）项）—— 第二十八条需要`
pub fn describe_missing(fact: &MissingFact) -> String {
    match fact.needed_by {
        Some(by) if by != fact.declared && by != ClausePath::default() => {
            format!("{}（{}）—— {by}需要", fact.name, fact.declared)
        }
        _ => format!("{}（{}）", fact.name, fact.declared),
    }
}

/// `  〔第六条，第七条〕`, or nothing when no clause decides the value.
pub fn cite_suffix(cites: &[ClausePath]) -> String {
    if cites.is_empty() {
        return String::new();
    }
    let joined: Vec<String> = cites.iter().map(ToString::to_string).collect();
    format!("  〔{}〕", joined.join("，"))
}
