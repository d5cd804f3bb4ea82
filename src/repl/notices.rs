//! The commands about the notices themselves: `:load`, `:reload`,
//! `:check`, `:clauses`, `:show`.

use super::complete::Completer;
use super::error::ReplError;
use super::outputs;
use super::reply::{Item, Reply};
use super::session::{Loaded, Session};
use crate::clause::ClausePath;
use crate::diag::Severity;
use crate::eval::facts::decode;
use crate::program::Program;
use crate::source::SourceFile;
use std::sync::Arc;

/// Longest excerpt of a clause's text in `:clauses`, in characters.
const EXCERPT_CHARS: usize = 28;

impl Session {
    /// Reads and compiles the notice at `path`, its diagnostics added to
    /// `reply`; `None` when it cannot be read.
    fn read_and_compile(
        &self,
        path: &str,
        reply: &mut Reply,
    ) -> Option<(crate::source::SourceFile, crate::check::Compiled)> {
        let source = match self.loader.read(path) {
            Ok(s) => s,
            Err(d) => {
                reply.push_diagnostic(*d, None);
                return None;
            }
        };
        let compiled = crate::check::compile(&source);
        for d in &compiled.diagnostics {
            reply.push_diagnostic(d.clone(), Some(source.clone()));
        }
        Some((source, compiled))
    }

    /// `:load 文件.pol …`: a notice already loaded from the same path is
    /// replaced.
    pub(super) fn load(&mut self, paths: &[String]) -> Reply {
        let mut reply = Reply::new();
        for path in paths {
            let Some((source, compiled)) = self.read_and_compile(path, &mut reply) else {
                continue;
            };
            match &compiled.program {
                Some(p) => reply.push_line(describe_loaded(p)),
                None => reply.push_line(format!(
                    "{path} 有错误，未能载入；改正后用 :reload 重新读取"
                )),
            }
            let loaded = Loaded {
                path: path.clone(),
                source,
                program: compiled.program,
            };
            match self.notices.iter_mut().find(|n| n.path == *path) {
                Some(slot) => *slot = loaded,
                None => self.notices.push(loaded),
            }
        }
        self.refresh();
        self.last = self.snapshot_with(&self.facts_now());
        reply
    }

    /// `:reload`: reads every notice again and keeps the facts. A notice
    /// that no longer checks keeps its last good version; the outputs the
    /// edit changed are shown before → after.
    pub(super) fn reload(&mut self) -> Reply {
        if self.notices.is_empty() {
            return Reply::error(ReplError::NoNotice.to_diagnostic());
        }
        let mut reply = Reply::new();
        let mut notices = std::mem::take(&mut self.notices);
        for notice in &mut notices {
            let Some((source, compiled)) = self.read_and_compile(&notice.path, &mut reply) else {
                continue;
            };
            match compiled.program {
                Some(program) => {
                    reply.push_line(format!("已重新载入 {}", describe_loaded(&program)));
                    notice.source = source;
                    notice.program = Some(program);
                }
                None if notice.program.is_some() => reply.push_line(format!(
                    "{} 有错误，继续使用上次通过检查的版本",
                    notice.path
                )),
                None => {
                    reply.push_line(format!("{} 仍有错误，未能载入", notice.path));
                    notice.source = source;
                }
            }
        }
        self.notices = notices;
        self.drop_facts_that_no_longer_fit(&mut reply);
        self.refresh();
        let after = self.snapshot_with(&self.facts_now());
        let changes = outputs::diff(&self.last, &after);
        if changes.is_empty() {
            reply.push_line("（输出没有变化）");
        }
        reply.items.extend(changes);
        self.last = after;
        reply
    }

    /// After an edit a fact may have changed type or range; a value the
    /// new version refuses is dropped, with the reason.
    fn drop_facts_that_no_longer_fit(&mut self, reply: &mut Reply) {
        let mut refused: Vec<(String, crate::diag::Diagnostic)> = Vec::new();
        for (name, json) in &self.facts {
            for program in self.programs() {
                if let Some(info) = program.facts.get(name)
                    && let Err(e) = decode(info, json)
                {
                    refused.push((name.clone(), e.to_diagnostic()));
                    break;
                }
            }
        }
        for (name, diagnostic) in refused {
            self.facts.shift_remove(&name);
            reply.push_diagnostic(diagnostic, None);
            reply.push_line(format!("已取消 {name}：新版本不接受原来的值"));
        }
    }

    fn refresh(&mut self) {
        self.completer = Arc::new(Completer::new(&self.programs()));
    }

    /// `:check`: `polc check` on the notices as they are now on disk (the
    /// loaded versions stay until `:reload`): every check, the references
    /// between notices and the cross-clause analyses, reported alike.
    pub(super) fn check(&self) -> Reply {
        if self.notices.is_empty() {
            return Reply::error(ReplError::NoNotice.to_diagnostic());
        }
        let sources: Vec<SourceFile> = self
            .notices
            .iter()
            .map(|notice| {
                self.loader
                    .read(&notice.path)
                    .unwrap_or_else(|_| notice.source.clone())
            })
            .collect();
        let paths: Vec<String> = self.notices.iter().map(|n| n.path.clone()).collect();
        let context = || self.loader.neighbours(&paths);
        let mut reply = Reply::new();
        let (mut errors, mut warnings, mut acknowledged) = (0, 0, 0);
        for (source, findings) in
            sources
                .iter()
                .zip(crate::review::review_all(&sources, &self.calendar, context))
        {
            for finding in findings {
                if finding.suppressed.is_some() {
                    acknowledged += 1;
                    continue;
                }
                match finding.severity() {
                    Severity::Error => errors += 1,
                    Severity::Warning => warnings += 1,
                }
                reply.push(Item::Finding {
                    finding: Box::new(finding),
                    source: source.clone(),
                });
            }
        }
        let extra = if acknowledged > 0 {
            format!("，{acknowledged} 项已确认")
        } else {
            String::new()
        };
        reply.push_line(format!(
            "检查了 {} 个文件：{errors} 个错误，{warnings} 个警告{extra}",
            self.notices.len()
        ));
        reply
    }

    /// `:clauses`: every clause with its title or the start of its text.
    pub(super) fn clauses(&self) -> Reply {
        let programs = self.programs();
        if programs.is_empty() {
            return Reply::error(ReplError::NoNotice.to_diagnostic());
        }
        let mut reply = Reply::new();
        for program in &programs {
            if programs.len() > 1 {
                reply.push_line(describe_loaded(program));
            }
            for clause in &program.clauses {
                let depth = [clause.path.paragraph, clause.path.item, clause.path.subitem]
                    .iter()
                    .filter(|p| p.is_some())
                    .count();
                let summary = clause
                    .title
                    .clone()
                    .or_else(|| clause.text.first().map(|t| excerpt(t)))
                    .unwrap_or_default();
                let marker = if clause.not_computable.is_some() {
                    "（不可计算）"
                } else {
                    ""
                };
                reply.push_line(
                    format!("{}{}  {summary}{marker}", "  ".repeat(depth), clause.path)
                        .trim_end()
                        .to_string(),
                );
            }
        }
        reply
    }

    /// `:show 第七条`: the clause as written in the notice, with its parts.
    pub(super) fn show(&self, text: &str) -> Reply {
        let Some(path) = crate::syntax::parse_citation(text) else {
            return Reply::error(
                ReplError::UnknownClause {
                    text: text.to_string(),
                }
                .to_diagnostic(),
            );
        };
        let mut reply = Reply::new();
        let several = self.programs().len() > 1;
        for notice in &self.notices {
            let Some(program) = &notice.program else {
                continue;
            };
            let Some(block) = clause_text(program, &notice.source, &path) else {
                continue;
            };
            // A part of an article starts with its own mark, （一）: name it in full.
            if several {
                reply.push_line(program.doc_number.clone());
            } else if path.article_only() != path {
                reply.push_line(path.to_string());
            }
            reply.push(super::reply::Item::Block(block));
        }
        if reply.items.is_empty() {
            return Reply::error(
                ReplError::UnknownClause {
                    text: text.to_string(),
                }
                .to_diagnostic(),
            );
        }
        reply
    }
}

/// `临政发〔2016〕4号 临淄区临时救助办法：23 项事实，6 个输出`
fn describe_loaded(program: &Program) -> String {
    let title = program
        .title
        .as_ref()
        .map(|t| format!(" {t}"))
        .unwrap_or_default();
    format!(
        "{}{title}：{} 项事实，{} 个输出",
        program.doc_number,
        program.facts.len(),
        program.outputs.len()
    )
}

fn excerpt(text: &str) -> String {
    if text.chars().count() > EXCERPT_CHARS {
        format!("{}…", text.chars().take(EXCERPT_CHARS).collect::<String>())
    } else {
        text.to_string()
    }
}

/// The source lines of a clause, its parts included, without the
/// indentation of its own level.
fn clause_text(program: &Program, source: &SourceFile, path: &ClausePath) -> Option<String> {
    let clause = program.clause(path)?;
    let text: &str = &source.text;
    let line_start = text
        .get(..clause.span.start)?
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let body = text.get(line_start..clause.span.end)?;
    let indent = body.len() - body.trim_start_matches([' ', '\t', '\u{3000}']).len();
    let lines: Vec<&str> = body
        .lines()
        .map(|l| {
            let own = l.len() - l.trim_start_matches([' ', '\t', '\u{3000}']).len();
            l.get(own.min(indent)..).unwrap_or(l).trim_end()
        })
        .collect();
    let mut out = lines.join("\n");
    // The span runs to the next clause; blank lines and comments before it
    // belong to what follows.
    while out.ends_with('\n') {
        out.pop();
    }
    Some(out)
}
