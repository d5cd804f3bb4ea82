//! A line typed at the REPL, read into a [`Command`]. Reading never fails
//! and never panics: a line that is not a command becomes
//! [`Command::Invalid`] with the diagnostic to show.
//!
//! ```text
//! 家庭人口 = 3            set a fact (also :set 家庭人口 = 3)
//! 救助金额                evaluate an output, or any expression
//! :whatif 困难类型 = 入不敷出
//! ```

use super::error::{ReplError, Usage};
use super::reply::Reply;

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// A blank line.
    Empty,
    /// `名称 = 值`: the value as typed, decoded later against the fact's type.
    Set {
        name: String,
        value: String,
    },
    Unset(String),
    WhatIf {
        name: String,
        value: String,
    },
    /// `:reading 第四条/期限竞合 相加`: puts a choice of a reading in force.
    Reading {
        id: String,
        choice: String,
    },
    /// An output's name or any expression of the language.
    Query(String),
    Why(String),
    WhyNot(String),
    Show(String),
    Clauses,
    Check,
    Load(Vec<String>),
    Reload,
    Facts,
    Trace(bool),
    Help,
    Quit,
    Invalid(ReplError),
}

/// The commands, for `:help` and completion: name, arguments, what it does.
pub const COMMANDS: &[(&str, &str, &str)] = &[
    (":set", "名称 = 值", "设定事实（也可直接写 名称 = 值）"),
    (":unset", "名称", "取消已设定的事实"),
    (":facts", "", "列出已设定的事实和还需要的事实"),
    (":whatif", "名称 = 值", "试验改变一项事实，不保留"),
    (
        ":reading",
        "读法 选项",
        "以读法的另一选项计算并显示变化，如 :reading 第四条/期限竞合 相加（保留到再次改变）",
    ),
    (":why", "名称", "显示推导树：每一步的条款和读到的事实"),
    (
        ":whynot",
        "名称",
        "否或零的原因：未成立的条件，以及改哪一项事实能改变结果",
    ),
    (":show", "条款", "显示条款原文和规则，如 :show 第七条"),
    (":clauses", "", "列出条款"),
    (":check", "", "检查载入的文件"),
    (":load", "文件.pol ...", "载入政策文件"),
    (":reload", "", "重新读取载入的文件，保留已设定的事实"),
    (":trace", "on|off", "求值时是否同时显示推导树"),
    (":help", "", "本说明"),
    (":quit", "", "退出（也可按 Ctrl-D）"),
];

/// Reads one line (or several joined by newlines) into a command.
pub fn parse_line(line: &str) -> Command {
    let text = line.trim();
    if text.is_empty() {
        return Command::Empty;
    }
    if let Some(rest) = text.strip_prefix(':').or_else(|| text.strip_prefix('：')) {
        return colon_command(rest.trim_start());
    }
    match assignment(text) {
        Some((name, value)) => Command::Set { name, value },
        None => Command::Query(text.to_string()),
    }
}

fn colon_command(rest: &str) -> Command {
    let (word, arg) = match rest.find(char::is_whitespace) {
        Some(i) => (
            rest.get(..i).unwrap_or(""),
            rest.get(i..).unwrap_or("").trim(),
        ),
        None => (rest, ""),
    };
    let usage =
        |command: &'static str, usage: Usage| Command::Invalid(ReplError::Usage { command, usage });
    let no_argument = |command: Command, name: &'static str| {
        if arg.is_empty() {
            command
        } else {
            usage(name, Usage::NoArgument)
        }
    };
    let need_name = |make: fn(String) -> Command, command: &'static str| {
        if arg.is_empty() || arg.contains(char::is_whitespace) {
            usage(command, Usage::Name)
        } else {
            make(arg.to_string())
        }
    };
    match word {
        "set" => match assignment(arg) {
            Some((name, value)) => Command::Set { name, value },
            None => usage(":set", Usage::Assignment),
        },
        "whatif" | "what-if" => match assignment(arg) {
            Some((name, value)) => Command::WhatIf { name, value },
            None => usage(":whatif", Usage::Assignment),
        },
        "reading" => match arg.split_whitespace().collect::<Vec<_>>().as_slice() {
            [id, choice] => Command::Reading {
                id: (*id).to_string(),
                choice: (*choice).to_string(),
            },
            _ => usage(":reading", Usage::Reading),
        },
        "unset" => need_name(Command::Unset, ":unset"),
        "why" => need_name(Command::Why, ":why"),
        "whynot" | "why-not" => need_name(Command::WhyNot, ":whynot"),
        "show" if arg.is_empty() => usage(":show", Usage::Clause),
        "show" => Command::Show(arg.to_string()),
        "load" | "l" => {
            let paths = split_paths(arg);
            if paths.is_empty() {
                usage(":load", Usage::Files)
            } else {
                Command::Load(paths)
            }
        }
        "trace" => match arg {
            "on" | "开" => Command::Trace(true),
            "off" | "关" => Command::Trace(false),
            _ => usage(":trace", Usage::OnOff),
        },
        "clauses" => no_argument(Command::Clauses, ":clauses"),
        "facts" => no_argument(Command::Facts, ":facts"),
        "check" => no_argument(Command::Check, ":check"),
        "reload" | "r" => no_argument(Command::Reload, ":reload"),
        "help" | "h" | "?" => no_argument(Command::Help, ":help"),
        "quit" | "q" | "exit" => no_argument(Command::Quit, ":quit"),
        other => Command::Invalid(ReplError::UnknownCommand {
            command: format!(":{other}"),
        }),
    }
}

/// `名称 = 值` (or `名称 ＝ 值`), where the name is one word. `==`, `>=`,
/// `<=` and `!=` are comparisons, not assignments.
fn assignment(text: &str) -> Option<(String, String)> {
    let (at, sign) = text.char_indices().find(|(_, c)| matches!(c, '=' | '＝'))?;
    let name = text.get(..at)?.trim();
    let value = text.get(at + sign.len_utf8()..)?;
    if value.starts_with(['=', '＝']) || name.ends_with(['>', '<', '!', '≥', '≤']) {
        return None;
    }
    let is_word = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || is_mark(c));
    if !is_word || name.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((name.to_string(), value.trim().to_string()))
}

/// Combining marks count as part of a name, as in the grammar.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{3099}'..='\u{309A}')
}

/// Paths separated by blanks; a path with blanks is written in quotes.
fn split_paths(arg: &str) -> Vec<String> {
    let mut paths = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in arg.chars() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                if !current.is_empty() {
                    paths.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        paths.push(current);
    }
    paths
}

/// Whether the input so far needs more lines: an open bracket or quote, or
/// a line ending in an operator that wants a right-hand side.
pub fn is_incomplete(input: &str) -> bool {
    let mut depth: i64 = 0;
    let mut closing: Option<char> = None;
    for c in input.chars() {
        if let Some(end) = closing {
            if c == end {
                closing = None;
            }
            continue;
        }
        match c {
            '"' => closing = Some('"'),
            '“' => closing = Some('”'),
            '「' => closing = Some('」'),
            '(' | '（' | '{' => depth += 1,
            ')' | '）' | '}' => depth -= 1,
            _ => {}
        }
    }
    if closing.is_some() || depth > 0 {
        return true;
    }
    let text = input.trim_end();
    if text.starts_with([':', '：']) && !text.contains(['=', '＝']) {
        return false;
    }
    const OPEN_ENDS: &[&str] = &[
        "且", "或", "并且", "或者", "非", "若", "则", "否则", "+", "-", "×", "*", "÷", "/", "=",
        "＝",
    ];
    OPEN_ENDS.iter().any(|op| {
        text.strip_suffix(op).is_some_and(|before| {
            // 否则 ends in 则; a name ending in 或 (是否…) is not an operator.
            before.is_empty()
                || before.ends_with(char::is_whitespace)
                || !op.chars().all(char::is_alphabetic)
        })
    })
}

/// `:help`: the commands and how values are written.
pub fn help() -> Reply {
    let mut reply = Reply::new();
    reply.push_line("名称 = 值              设定事实，并显示因此改变的输出（旧 → 新）");
    reply.push_line("名称 或 表达式         计算输出、规则或任意表达式，附决定它的条款");
    for (command, args, what) in COMMANDS {
        let usage = if args.is_empty() {
            (*command).to_string()
        } else {
            format!("{command} {args}")
        };
        let pad = 22usize.saturating_sub(display_width(&usage));
        reply.push_line(format!("{usage}{}{what}", " ".repeat(pad.max(1))));
    }
    reply.push_line(
        "值的写法：520、520.00、520元；2016-06-01、2016年6月1日；是/否、true/false；枚举值可加引号",
    );
    reply.push_line("Tab 补全命令、名称、枚举值和条款，可用拼音首字母（jtrk → 家庭人口）；Ctrl-C 取消本行，Ctrl-D 退出");
    reply
}

/// Columns a string takes in a terminal: CJK characters take two.
fn display_width(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;

    #[test]
    fn assignments_and_queries() {
        assert_eq!(
            parse_line("家庭人口 = 3"),
            Command::Set {
                name: "家庭人口".into(),
                value: "3".into()
            }
        );
        assert_eq!(
            parse_line(":set 低保标准＝520元"),
            Command::Set {
                name: "低保标准".into(),
                value: "520元".into()
            }
        );
        assert_eq!(
            parse_line("家庭人口 == 3"),
            Command::Query("家庭人口 == 3".into())
        );
        assert_eq!(
            parse_line("救助金额 >= 100元"),
            Command::Query("救助金额 >= 100元".into())
        );
        assert_eq!(parse_line("救助金额"), Command::Query("救助金额".into()));
        assert_eq!(parse_line("   "), Command::Empty);
    }

    #[test]
    fn colon_commands() {
        assert_eq!(parse_line(":trace on"), Command::Trace(true));
        assert_eq!(parse_line("：quit"), Command::Quit);
        assert_eq!(
            parse_line(":load a.pol \"b c.pol\""),
            Command::Load(vec!["a.pol".into(), "b c.pol".into()])
        );
        assert!(matches!(parse_line(":why"), Command::Invalid(_)));
        assert!(matches!(parse_line(":nope"), Command::Invalid(_)));
        assert!(matches!(parse_line(":trace maybe"), Command::Invalid(_)));
        assert!(matches!(parse_line(":facts x"), Command::Invalid(_)));
    }

    #[test]
    fn incomplete_input() {
        assert!(is_incomplete("较小值(1, "));
        assert!(is_incomplete("有稳定收入 或"));
        assert!(is_incomplete("\"未完"));
        assert!(is_incomplete("家庭人口 ="));
        assert!(!is_incomplete("是否低保家庭"));
        assert!(!is_incomplete("若 特殊情况 则 2次 否则 1次"));
        assert!(!is_incomplete(":show 第七条"));
        assert!(!is_incomplete(")"));
    }

    #[test]
    fn never_panics_on_odd_input() {
        for line in [
            "=", "＝＝", ":", "：", ": ", "=3", "a=", "\u{0}", "(((", ":load \"",
        ] {
            let _ = parse_line(line);
            let _ = is_incomplete(line);
        }
    }
}
