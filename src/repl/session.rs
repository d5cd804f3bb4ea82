//! The session: loaded notices, facts set so far, the last state of every
//! output; and the commands about facts and values.

use super::command::Command;
use super::complete::Completer;
use super::error::ReplError;
use super::outputs::{self, Snapshot};
use super::reply::{Item, Reply};
use super::value;
use crate::calendar::Calendar;
use crate::diag::Diagnostic;
use crate::eval::{Facts, facts::decode};
use crate::program::Program;
use crate::source::SourceFile;
use std::sync::Arc;

/// Reads notices for the session; the frontend decides what a path is.
pub trait Loader {
    /// The text of the notice at `path`, or why it cannot be read.
    fn read(&self, path: &str) -> Result<SourceFile, Box<Diagnostic>>;

    /// Further notices the loaded ones may cite (参见 "文号" …) without being
    /// loaded themselves: for files, the other notices in their folders, as
    /// `polc check` reads them. None by default.
    fn neighbours(&self, _paths: &[String]) -> Vec<SourceFile> {
        Vec::new()
    }
}

/// One notice as loaded: its text and, when it checks, its program.
pub(super) struct Loaded {
    pub path: String,
    pub source: SourceFile,
    pub program: Option<Program>,
}

pub struct Session {
    pub(super) loader: Box<dyn Loader>,
    /// The calendar every evaluation and check of the session counts on.
    pub(super) calendar: Arc<Calendar>,
    pub(super) notices: Vec<Loaded>,
    /// Facts as a facts file would hold them, in the order they were set.
    pub(super) facts: serde_json::Map<String, serde_json::Value>,
    /// Every output under the current facts, for the next diff.
    pub(super) last: Snapshot,
    pub(super) trace: bool,
    pub(super) completer: Arc<Completer>,
}

/// How many still-needed facts a change of fact lists by name.
const NEEDED_SHOWN: usize = 6;

impl Session {
    pub fn new(loader: Box<dyn Loader>, calendar: Arc<Calendar>) -> Session {
        Session {
            loader,
            calendar,
            notices: Vec::new(),
            facts: serde_json::Map::new(),
            last: Snapshot::default(),
            trace: false,
            completer: Arc::new(Completer::default()),
        }
    }

    /// The completion table of the loaded notices (rebuilt on each load).
    pub fn completer(&self) -> Arc<Completer> {
        Arc::clone(&self.completer)
    }

    /// Reads and runs one line.
    pub fn run_line(&mut self, line: &str) -> Reply {
        self.execute(super::parse_line(line))
    }

    pub fn execute(&mut self, command: Command) -> Reply {
        match command {
            Command::Empty => Reply::new(),
            Command::Invalid(e) => Reply::error(e.to_diagnostic()),
            Command::Help => super::command::help(),
            Command::Quit => Reply {
                items: Vec::new(),
                quit: true,
            },
            Command::Trace(on) => {
                self.trace = on;
                Reply::line(if on {
                    "求值时显示推导树：开"
                } else {
                    "求值时显示推导树：关"
                })
            }
            Command::Load(paths) => self.load(&paths),
            Command::Reload => self.reload(),
            Command::Check => self.check(),
            Command::Clauses => self.clauses(),
            Command::Show(text) => self.show(&text),
            Command::Facts => self.list_facts(),
            Command::Set { name, value } => self.set(&name, &value, true),
            Command::WhatIf { name, value } => self.set(&name, &value, false),
            Command::Reading { id, choice } => self.reading(&id, &choice),
            Command::Unset(name) => self.unset(&name),
            Command::Query(text) => self.query(&text),
            Command::Why(name) => self.explain(&name, false),
            Command::WhyNot(name) => self.explain(&name, true),
        }
    }

    /// Sets every fact of a facts file (`polc repl --facts case.json`), as
    /// if each were typed; the outputs are then shown once.
    pub fn set_facts(&mut self, given: &Facts) -> Reply {
        let mut reply = Reply::new();
        let mut names: Vec<&String> = given.values.keys().collect();
        // A facts file has no order of its own here; the notices' does.
        let order = |n: &String| {
            self.programs()
                .iter()
                .find_map(|p| p.fact_order.iter().position(|f| f == n))
                .unwrap_or(usize::MAX)
        };
        names.sort_by_key(|n| (order(n), (*n).clone()));
        let mut set = 0;
        let mut ignored: Vec<&str> = Vec::new();
        for name in names {
            let Some(raw) = given.values.get(name) else {
                continue;
            };
            // As in `polc eval`: keys the notices do not declare (a case
            // number from the case system) are ignored.
            if !self.programs().iter().any(|p| p.facts.contains_key(name)) {
                ignored.push(name);
                continue;
            }
            match self.check_fact(name, raw) {
                Ok(_) => {
                    self.facts.insert(name.clone(), raw.clone());
                    set += 1;
                }
                Err(d) => reply.push_diagnostic(*d, None),
            }
        }
        reply.push_line(format!("已设定 {set} 项事实"));
        if !ignored.is_empty() {
            reply.push_line(format!(
                "忽略了载入的文件未声明的 {} 项：{}",
                ignored.len(),
                crate::diag::list(&ignored, crate::diag::Lang::Zh)
            ));
        }
        let after = self.snapshot_with(&self.facts_now());
        reply.items.extend(outputs::diff(&self.last, &after));
        self.last = after;
        reply
    }

    pub(super) fn programs(&self) -> Vec<&Program> {
        self.notices
            .iter()
            .filter_map(|n| n.program.as_ref())
            .collect()
    }

    pub(super) fn facts_now(&self) -> Facts {
        facts_of(&self.facts)
    }

    pub(super) fn snapshot_with(&self, facts: &Facts) -> Snapshot {
        outputs::snapshot(&self.programs(), &self.calendar, facts)
    }

    /// `名称 = 值` (kept) and `:whatif 名称 = 值` (not kept).
    fn set(&mut self, name: &str, raw: &str, keep: bool) -> Reply {
        let json = match self.typed_value(name, raw) {
            Ok(j) => j,
            Err(d) => return Reply::error(*d),
        };
        let shown = self.shown_fact(name, &json);
        let mut changed = self.facts.clone();
        changed.insert(name.to_string(), json.clone());
        let facts = facts_of(&changed);
        let after = self.snapshot_with(&facts);
        let mut reply = Reply::line(if keep {
            format!("{name} = {shown}")
        } else {
            format!("假如 {name} = {shown}（不保留）：")
        });
        // A value beyond the usual range is kept and answered, with the
        // warning `polc eval` gives.
        let warning = self.programs().into_iter().find_map(|program| {
            let info = program.facts.get(name)?;
            let value = crate::eval::facts::decode(info, &json).ok()?;
            crate::eval::implausible(info, &value, &json)
        });
        if let Some(w) = warning {
            reply.push_diagnostic(w.to_diagnostic(), None);
        }
        self.report_changes(&after, &facts, &mut reply);
        if keep {
            self.facts = changed;
            self.last = after;
        }
        reply
    }

    /// `:reading 第四条/期限竞合 相加`: the choice is put in force in the
    /// loaded notice that has the reading, and the changed outputs shown.
    /// It stays in force until changed again or the notice is reloaded.
    fn reading(&mut self, id: &str, choice: &str) -> Reply {
        if self.programs().is_empty() {
            return Reply::error(ReplError::NoNotice.to_diagnostic());
        }
        let holder = self
            .notices
            .iter_mut()
            .find_map(|n| n.program.as_mut().filter(|p| p.reading(id).is_some()));
        let result = match holder {
            Some(program) => program.select_reading(id, choice).map(|()| {
                let r = program.reading(id);
                let adopted = r.map(|r| r.adopted.clone()).unwrap_or_default();
                let full = r.map(|r| r.id()).unwrap_or_else(|| id.to_string());
                (full, adopted)
            }),
            None => Err(crate::program::ReadingSelectError::UnknownReading {
                id: id.to_string(),
                known: self
                    .programs()
                    .iter()
                    .flat_map(|p| p.readings.iter().map(|r| r.id()))
                    .collect(),
            }),
        };
        let (full, adopted) = match result {
            Ok(done) => done,
            Err(e) => return Reply::error(crate::eval::EvalError::Reading(e).to_diagnostic()),
        };
        let facts = self.facts_now();
        let after = self.snapshot_with(&facts);
        let note = if adopted == choice {
            "本文件采用的读法".to_string()
        } else {
            format!("备选；本文件采用 {adopted}")
        };
        let mut reply = Reply::line(format!("读法 {full} = {choice}（{note}）："));
        self.report_changes(&after, &facts, &mut reply);
        self.last = after;
        reply
    }

    fn unset(&mut self, name: &str) -> Reply {
        if self.facts.shift_remove(name).is_none() {
            return Reply::line(format!("「{name}」没有设定"));
        }
        let facts = self.facts_now();
        let after = self.snapshot_with(&facts);
        let mut reply = Reply::line(format!("已取消 {name}"));
        self.report_changes(&after, &facts, &mut reply);
        self.last = after;
        reply
    }

    /// The changed outputs, or that none changed; then what is still needed.
    fn report_changes(&self, after: &Snapshot, facts: &Facts, reply: &mut Reply) {
        let changes = outputs::diff(&self.last, after);
        let missing = after
            .entries
            .iter()
            .any(|e| matches!(e.state, outputs::State::Missing(_)));
        if changes.is_empty() && !missing {
            reply.push_line("（输出没有变化）");
        }
        reply.items.extend(changes);
        if !missing {
            return;
        }
        let mut names: Vec<String> = Vec::new();
        for program in self.programs() {
            for m in outputs::needed(program, &self.calendar, facts, &program.outputs) {
                if !names.contains(&m.name) {
                    names.push(m.name);
                }
            }
        }
        if names.is_empty() {
            return;
        }
        let more = if names.len() > NEEDED_SHOWN {
            "…"
        } else {
            ""
        };
        let shown: Vec<&str> = names
            .iter()
            .take(NEEDED_SHOWN)
            .map(String::as_str)
            .collect();
        reply.push_line(format!(
            "还需要 {} 项事实：{}{more}（:facts 查看条款）",
            names.len(),
            crate::diag::list(&shown, crate::diag::Lang::Zh)
        ));
    }

    /// The value typed for a fact, as JSON, once every loaded notice that
    /// declares the fact accepts it.
    fn typed_value(&self, name: &str, raw: &str) -> Result<serde_json::Value, Box<Diagnostic>> {
        let programs = self.programs();
        if programs.is_empty() {
            return Err(Box::new(ReplError::NoNotice.to_diagnostic()));
        }
        let mut json = None;
        for program in &programs {
            let Some(info) = program.facts.get(name) else {
                continue;
            };
            let candidate = value::to_json(raw, &info.ty);
            decode(info, &candidate).map_err(|e| Box::new(e.to_diagnostic()))?;
            json = Some(candidate);
        }
        match json {
            Some(j) => Ok(j),
            None => Err(Box::new(self.not_a_fact(name).to_diagnostic())),
        }
    }

    /// A fact from a facts file, checked the same way.
    fn check_fact(&self, name: &str, raw: &serde_json::Value) -> Result<(), Box<Diagnostic>> {
        let mut declared = false;
        for program in self.programs() {
            if let Some(info) = program.facts.get(name) {
                declared = true;
                decode(info, raw).map_err(|e| Box::new(e.to_diagnostic()))?;
            }
        }
        if declared {
            Ok(())
        } else {
            Err(Box::new(self.not_a_fact(name).to_diagnostic()))
        }
    }

    /// Why `name` cannot be set: it is computed, or it does not exist.
    pub(super) fn not_a_fact(&self, name: &str) -> ReplError {
        for program in self.programs() {
            let clause = program
                .derived
                .get(name)
                .map(|d| d.clause)
                .or_else(|| program.params.get(name).map(|p| p.clause));
            if let Some(clause) = clause {
                return ReplError::NotAFact {
                    name: name.to_string(),
                    clause,
                };
            }
        }
        self.unknown(name)
    }

    pub(super) fn unknown(&self, name: &str) -> ReplError {
        if self.programs().is_empty() {
            return ReplError::NoNotice;
        }
        ReplError::UnknownName {
            name: name.to_string(),
            suggestion: self.suggest(name),
        }
    }

    /// The declared name closest to a mistyped one, or the one its pinyin
    /// spells (`jtrk` → 家庭人口).
    fn suggest(&self, name: &str) -> Option<String> {
        if let Some(by_pinyin) = self.completer.spelled_by(name) {
            return Some(by_pinyin);
        }
        let target: Vec<char> = name.chars().collect();
        let mut best: Option<(usize, String)> = None;
        for program in self.programs() {
            let names = program
                .facts
                .keys()
                .chain(program.derived.keys())
                .chain(program.params.keys());
            for n in names {
                let chars: Vec<char> = n.chars().collect();
                let d = crate::check::edit_distance(&target, &chars);
                let close = d > 0 && d <= (chars.len() / 3).max(1);
                if close && best.as_ref().is_none_or(|(b, _)| d < *b) {
                    best = Some((d, n.clone()));
                }
            }
        }
        best.map(|(_, n)| n)
    }

    /// A fact's value as the notice's type shows it (520元 → 520.00元).
    pub(super) fn shown_fact(&self, name: &str, json: &serde_json::Value) -> String {
        for program in self.programs() {
            if let Some(info) = program.facts.get(name)
                && let Ok(v) = decode(info, json)
            {
                return v.display(&info.ty);
            }
        }
        match json {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        }
    }

    /// `:facts`: what is set, and what the outputs still need.
    fn list_facts(&self) -> Reply {
        let programs = self.programs();
        if programs.is_empty() {
            return Reply::error(ReplError::NoNotice.to_diagnostic());
        }
        let mut reply = Reply::new();
        if self.facts.is_empty() {
            reply.push_line("还没有设定事实");
        } else {
            reply.push_line("已设定的事实：");
            for (name, json) in &self.facts {
                let declared = programs.iter().find_map(|p| p.facts.get(name)).map_or_else(
                    || "（载入的文件未声明）".to_string(),
                    |f| format!("（{}）", f.clause),
                );
                reply.push_line(format!(
                    "  {name} = {}{declared}",
                    self.shown_fact(name, json)
                ));
            }
        }
        let facts = self.facts_now();
        let several = programs.len() > 1;
        let mut none_needed = true;
        for program in &programs {
            let needed = outputs::needed(program, &self.calendar, &facts, &program.outputs);
            if needed.is_empty() {
                continue;
            }
            none_needed = false;
            reply.push(Item::Missing {
                heading: if several {
                    format!("{} 还需要的事实：", program.doc_number)
                } else {
                    "还需要的事实：".to_string()
                },
                facts: needed,
            });
        }
        if none_needed {
            reply.push_line("输出所需的事实都已设定");
        }
        reply
    }
}

/// The session's facts as the evaluator takes them.
fn facts_of(map: &serde_json::Map<String, serde_json::Value>) -> Facts {
    Facts {
        values: map.clone().into_iter().collect(),
    }
}
