//! `polc repl`: the terminal frontend of the what-if REPL. The session
//! (commands, facts, evaluation) is `polc::repl`; this file reads lines —
//! with rustyline on a terminal, plainly from a pipe — and prints replies.
//!
//! On a terminal: Tab completion (pinyin initials too), history kept in a
//! file after every line, multi-line input while brackets or quotes are
//! open (continuation lines under ` ...> `, an empty line ends the input),
//! Ctrl-C cancels the line, Ctrl-D quits. From a pipe: the same
//! commands, no prompt and no colour, one reply after another; the exit
//! code is 1 when any line reported an error.

use crate::exit::Exit;
use crate::files;
use polc::calendar::Calendar;
use polc::diag::{Diagnostic, Lang};
use polc::eval::{Facts, FactsOrigin};
use polc::repl::{Command, Completer as Table, Loader, Reply, Session, is_incomplete, parse_line};
use polc::source::SourceFile;
use rustyline::completion::{Completer, FilenameCompleter, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::history::DefaultHistory;
use rustyline::validate::Validator;
use rustyline::{CompletionType, Config, Context, Editor, Helper};
use std::io::{BufRead, ErrorKind, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

const PROMPT: &str = "polc> ";
/// The prompt of a line that continues an unfinished input (an open
/// bracket, a trailing 且 or =), as wide as [`PROMPT`].
const CONTINUATION_PROMPT: &str = " ...> ";

/// Said when an empty line ends an input that was not finished; the
/// input's own error follows.
const ENDED_INCOMPLETE: &str =
    "输入未写完，空行结束了这次输入（an empty line ended an incomplete input）：\n";

/// Where history goes when `$POLC_HISTORY` does not say.
const HISTORY_FILE: &str = "repl_history.txt";

pub fn run(notices: &[PathBuf], facts: Option<&Path>, calendar: Arc<Calendar>) -> Exit {
    let mut session = Session::new(Box::new(FileLoader), calendar);
    let mut startup = Reply::new();
    if !notices.is_empty() {
        let paths = notices.iter().map(|p| p.display().to_string()).collect();
        startup.extend(session.execute(Command::Load(paths)));
    }
    if let Some(path) = facts {
        match read_facts(path) {
            Ok(f) => startup.extend(session.set_facts(&f)),
            Err(d) => startup.push_diagnostic(*d, None),
        }
    }
    if std::io::stdin().is_terminal() {
        interactive(session, &startup)
    } else {
        piped(session, &startup)
    }
}

struct FileLoader;

impl Loader for FileLoader {
    fn read(&self, path: &str) -> Result<SourceFile, Box<Diagnostic>> {
        files::read_source(Path::new(path))
    }

    fn neighbours(&self, paths: &[String]) -> Vec<SourceFile> {
        let loaded: Vec<std::path::PathBuf> = paths.iter().map(Into::into).collect();
        files::neighbour_sources(&loaded)
    }
}

fn read_facts(path: &Path) -> Result<Facts, Box<Diagnostic>> {
    // Always a file: stdin is where the REPL's commands come from.
    let text = files::read_text(path)?;
    Facts::read(FactsOrigin::File(path), &text).map_err(|e| Box::new(e.to_diagnostic()))
}

/// Writes and flushes at once, so a reply is seen before the next prompt.
/// False when stdout is gone (a closed pipe): the session then ends.
fn print(text: &str) -> bool {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => true,
        Err(e) if e.kind() == ErrorKind::BrokenPipe => false,
        Err(e) => {
            crate::output::warn(&format!("polc: 无法写出结果（cannot write output）：{e}\n"));
            false
        }
    }
}

/// Lines from a pipe; a command may span lines while it is incomplete.
fn piped(mut session: Session, startup: &Reply) -> Exit {
    let mut failed = startup.is_error();
    if !print(&startup.render()) {
        return Exit::failed_if(failed);
    }
    let mut stdin = std::io::stdin().lock();
    let mut pending = String::new();
    loop {
        let mut bytes = Vec::new();
        let read = match stdin.read_until(b'\n', &mut bytes) {
            Ok(n) => n,
            Err(e) => {
                let reply = Reply::error(io_error(&e.to_string()));
                print(&reply.render());
                return Exit::Failure;
            }
        };
        let at_end = read == 0;
        if !at_end {
            match String::from_utf8(bytes) {
                Ok(line) => {
                    let line = line.trim_end_matches(['\n', '\r']);
                    // A script cannot press Ctrl-C: a blank line or a
                    // command ends an unfinished expression, which then
                    // reports its error instead of swallowing the rest.
                    if !pending.is_empty() && (line.trim().is_empty() || starts_command(line)) {
                        if line.trim().is_empty() && !print(ENDED_INCOMPLETE) {
                            return Exit::failed_if(failed);
                        }
                        let reply = session.execute(parse_line(&std::mem::take(&mut pending)));
                        failed |= reply.is_error();
                        if !print(&reply.render()) || reply.quit {
                            return Exit::failed_if(failed);
                        }
                    }
                    if !pending.is_empty() {
                        pending.push('\n');
                    }
                    pending.push_str(line);
                }
                Err(_) => {
                    failed = true;
                    let reply = Reply::error(io_error("不是有效的 UTF-8 文本"));
                    if !print(&reply.render()) {
                        return Exit::failed_if(failed);
                    }
                    continue;
                }
            }
            if is_incomplete(&pending) {
                continue;
            }
        }
        if !pending.is_empty() {
            let reply = session.execute(parse_line(&std::mem::take(&mut pending)));
            failed |= reply.is_error();
            if !print(&reply.render()) || reply.quit {
                return Exit::failed_if(failed);
            }
        }
        if at_end {
            return Exit::failed_if(failed);
        }
    }
}

fn starts_command(line: &str) -> bool {
    line.trim_start().starts_with([':', '：'])
}

fn io_error(detail: &str) -> Diagnostic {
    files::IoError::Input {
        detail: detail.to_string(),
    }
    .to_diagnostic()
}

fn interactive(mut session: Session, startup: &Reply) -> Exit {
    let config = Config::builder()
        .completion_type(CompletionType::List)
        .auto_add_history(false)
        .build();
    let mut editor: Editor<ReplHelper, DefaultHistory> = match Editor::with_config(config) {
        Ok(e) => e,
        Err(e) => {
            let d = io_error(&e.to_string());
            crate::output::warn(&d.render(None, Lang::Zh));
            return Exit::Usage;
        }
    };
    editor.set_helper(Some(ReplHelper {
        table: session.completer(),
        files: FilenameCompleter::new(),
    }));
    let history = history_path();
    if let Some(path) = &history {
        // A first session has no history yet.
        let _ = editor.load_history(path);
    }
    print("polc 交互式查询：输入 :help 查看命令，Tab 补全（可用拼音首字母），Ctrl-D 退出\n");
    print(&startup.render());
    // An unfinished input (an open bracket, a trailing 且): the next line
    // continues it, under its own prompt; an empty line ends it.
    let mut pending = String::new();
    loop {
        let prompt = if pending.is_empty() {
            PROMPT
        } else {
            CONTINUATION_PROMPT
        };
        match editor.readline(prompt) {
            Ok(line) => {
                if !pending.is_empty() && line.trim().is_empty() {
                    print(ENDED_INCOMPLETE);
                } else {
                    if !pending.is_empty() {
                        pending.push('\n');
                    }
                    pending.push_str(&line);
                    if is_incomplete(&pending) {
                        continue;
                    }
                }
                let line = std::mem::take(&mut pending);
                if !line.trim().is_empty() {
                    let _ = editor.add_history_entry(line.as_str());
                    // Saved now, so the history survives the terminal closing.
                    if let Some(path) = &history {
                        let _ = editor.append_history(path);
                    }
                }
                let reply = session.execute(parse_line(&line));
                if !print(&reply.render()) || reply.quit {
                    return Exit::Success;
                }
                if let Some(helper) = editor.helper_mut() {
                    helper.table = session.completer();
                }
            }
            // Ctrl-C: the line (and any unfinished input) is dropped, the
            // session goes on.
            Err(ReadlineError::Interrupted) => pending.clear(),
            Err(ReadlineError::Eof) => return Exit::Success,
            Err(e) => {
                let d = io_error(&e.to_string());
                crate::output::warn(&d.render(None, Lang::Zh));
                return Exit::Failure;
            }
        }
    }
}

/// `$POLC_HISTORY`, else the user's data directory.
fn history_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("POLC_HISTORY") {
        return Some(PathBuf::from(path));
    }
    let dir = dirs::data_dir()?.join("polc");
    std::fs::create_dir_all(&dir).ok()?;
    Some(dir.join(HISTORY_FILE))
}

struct ReplHelper {
    table: Arc<Table>,
    files: FilenameCompleter,
}

impl Completer for ReplHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        if line.starts_with(":load ") || line.starts_with("：load ") {
            return self.files.complete(line, pos, ctx);
        }
        let (start, found) = self.table.complete(line, pos);
        let pairs = found
            .into_iter()
            .map(|text| Pair {
                display: text.clone(),
                replacement: text,
            })
            .collect();
        Ok((start, pairs))
    }
}

impl Hinter for ReplHelper {
    type Hint = String;
}

impl Highlighter for ReplHelper {}

// Every line is accepted as typed: the loop in [`interactive`] joins an
// unfinished input's lines, so that each continuation line has its prompt.
impl Validator for ReplHelper {}

impl Helper for ReplHelper {}
