//! What can go wrong with a line typed at the REPL itself (the notices'
//! own errors keep their syntax, check and eval codes).

use crate::clause::ClausePath;
use crate::diag::{Bilingual, Diagnostic, Severity};

pub mod codes {
    pub const UNKNOWN_COMMAND: &str = "polc::repl::unknown_command";
    pub const USAGE: &str = "polc::repl::usage";
    pub const NO_NOTICE: &str = "polc::repl::no_notice";
    pub const UNKNOWN_NAME: &str = "polc::repl::unknown_name";
    pub const NOT_A_FACT: &str = "polc::repl::not_a_fact";
    pub const UNKNOWN_CLAUSE: &str = "polc::repl::unknown_clause";
}

#[derive(Debug, Clone, PartialEq)]
pub enum ReplError {
    /// `:foo`
    UnknownCommand { command: String },
    /// `:why` without a name, `:trace maybe`.
    Usage {
        command: &'static str,
        usage: &'static str,
    },
    /// `家庭人口 = 3` before any notice is loaded.
    NoNotice,
    /// `家庭人数 = 3` when the notice declares 家庭人口.
    UnknownName {
        name: String,
        suggestion: Option<String>,
    },
    /// `救助金额 = 100元`: an output is computed, not given.
    NotAFact { name: String, clause: ClausePath },
    /// `:show 第九十条`
    UnknownClause { text: String },
}

impl ReplError {
    pub fn code(&self) -> &'static str {
        match self {
            ReplError::UnknownCommand { .. } => codes::UNKNOWN_COMMAND,
            ReplError::Usage { .. } => codes::USAGE,
            ReplError::NoNotice => codes::NO_NOTICE,
            ReplError::UnknownName { .. } => codes::UNKNOWN_NAME,
            ReplError::NotAFact { .. } => codes::NOT_A_FACT,
            ReplError::UnknownClause { .. } => codes::UNKNOWN_CLAUSE,
        }
    }

    pub fn to_diagnostic(&self) -> Diagnostic {
        fn b(zh: impl Into<String>, en: impl Into<String>) -> Bilingual {
            Bilingual::new(zh, en)
        }
        let (message, help, clause) = match self {
            ReplError::UnknownCommand { command } => (
                b(
                    format!("没有命令「{command}」"),
                    format!("no command `{command}`"),
                ),
                b("输入 :help 查看全部命令", "type :help for the commands"),
                None,
            ),
            ReplError::Usage { command, usage } => (
                b(
                    format!("{command} 的用法：{usage}"),
                    format!("usage of {command}: {usage}"),
                ),
                b("输入 :help 查看全部命令", "type :help for the commands"),
                None,
            ),
            ReplError::NoNotice => (
                b("还没有载入政策文件", "no notice is loaded"),
                b(
                    "用 :load 文件.pol 载入，或启动时写 polc repl 文件.pol",
                    "load one with :load FILE.pol, or start with polc repl FILE.pol",
                ),
                None,
            ),
            ReplError::UnknownName { name, suggestion } => (
                b(
                    format!("载入的文件中没有「{name}」"),
                    format!("no `{name}` in the loaded notices"),
                ),
                match suggestion {
                    Some(s) => b(format!("是不是「{s}」？"), format!("did you mean `{s}`?")),
                    None => b(
                        "用 Tab 补全名称，或 :facts 查看事实",
                        "complete names with Tab, or list the facts with :facts",
                    ),
                },
                None,
            ),
            ReplError::NotAFact { name, clause } => (
                b(
                    format!("「{name}」由规则计算，不是可以设定的事实"),
                    format!("`{name}` is computed by the rules, not a fact to set"),
                ),
                b(
                    "设定它所依据的事实；:why 查看它读了哪些事实",
                    "set the facts it depends on; :why shows which",
                ),
                Some(clause.to_string()),
            ),
            ReplError::UnknownClause { text } => (
                b(
                    format!("载入的文件中没有条款「{text}」"),
                    format!("no clause `{text}` in the loaded notices"),
                ),
                b(
                    ":clauses 列出全部条款；引用写作 第七条、第六条第（二）项",
                    ":clauses lists them; cite as 第七条, 第六条第（二）项",
                ),
                None,
            ),
        };
        Diagnostic {
            code: self.code(),
            severity: Severity::Error,
            message,
            help: Some(help),
            span: None,
            clause,
        }
    }
}
