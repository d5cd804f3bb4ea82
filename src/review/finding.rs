//! A finding of `polc check`: the diagnostic, the other clauses involved,
//! the facts that show it, and whether the drafter acknowledged it.

use super::error::ReviewError;
use super::words;
use crate::clause::ClausePath;
use crate::diag::{Diagnostic, Lang, Severity};
use crate::source::{SourceFile, Span};

/// A finding of the analyses.
#[derive(Debug, Clone)]
pub struct Finding {
    pub diagnostic: Diagnostic,
    /// The clause of the finding, for matching acknowledgements.
    pub clause: Option<ClausePath>,
    /// Other clauses involved, each with the span to underline.
    pub related: Vec<(Span, ClausePath)>,
    /// Facts that show the finding; `polc eval --facts` accepts them.
    pub counterexample: Option<serde_json::Value>,
    /// The drafter's reason, when a 确认 in the clause acknowledges it.
    pub suppressed: Option<String>,
}

impl Finding {
    pub(crate) fn new(error: ReviewError) -> Self {
        Finding {
            clause: Some(error.clause),
            diagnostic: error.to_diagnostic(),
            related: Vec::new(),
            counterexample: None,
            suppressed: None,
        }
    }

    /// A finding of the other phases (syntax, names, types, references).
    pub fn from_diagnostic(diagnostic: Diagnostic) -> Self {
        Finding {
            clause: diagnostic.clause,
            diagnostic,
            related: Vec::new(),
            counterexample: None,
            suppressed: None,
        }
    }

    pub fn severity(&self) -> Severity {
        self.diagnostic.severity()
    }

    /// Whether this finding should fail `polc check`.
    pub fn counts(&self, deny_warnings: bool) -> bool {
        self.suppressed.is_none() && (self.severity() == Severity::Error || deny_warnings)
    }

    /// The labels under the finding: its own clause, then the others.
    pub fn labels(&self, lang: Lang) -> Vec<String> {
        self.diagnostic
            .label(lang)
            .into_iter()
            .chain(self.related.iter().map(|(_, c)| words::related(c, lang)))
            .collect()
    }

    /// The finding as miette prints it, with the other clauses labelled and
    /// the counterexample after it.
    pub fn render(&self, source: Option<&SourceFile>, lang: Lang) -> String {
        let labels: Vec<(Span, String)> = self
            .related
            .iter()
            .map(|(span, clause)| (*span, words::related(clause, lang)))
            .collect();
        let mut out = self.diagnostic.render_labelled(source, lang, &labels);
        if let Some(facts) = &self.counterexample {
            let json = serde_json::to_string(facts).unwrap_or_default();
            out.push_str(&words::counterexample(&json, lang));
        }
        if let Some(reason) = &self.suppressed {
            out.push_str(&words::acknowledged(reason, lang));
        }
        out
    }

    pub fn to_json(&self, source: Option<&SourceFile>, lang: Lang) -> serde_json::Value {
        let mut json = self.diagnostic.to_json(source, lang);
        if let Some(map) = json.as_object_mut() {
            map.insert(
                "related".into(),
                self.related
                    .iter()
                    .map(|(span, clause)| {
                        let position = source.map(|f| crate::diag::position_json(f, *span));
                        serde_json::json!({"clause": clause, "position": position})
                    })
                    .collect(),
            );
            map.insert(
                "counterexample".into(),
                self.counterexample
                    .clone()
                    .unwrap_or(serde_json::Value::Null),
            );
            map.insert("suppressed".into(), self.suppressed.is_some().into());
            map.insert(
                "justification".into(),
                self.suppressed
                    .clone()
                    .map_or(serde_json::Value::Null, serde_json::Value::String),
            );
        }
        json
    }

    /// Every clause the finding names.
    pub(crate) fn clauses(&self) -> Vec<ClausePath> {
        self.clause
            .into_iter()
            .chain(self.related.iter().map(|(_, c)| *c))
            .collect()
    }
}
