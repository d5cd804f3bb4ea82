//! What REPL errors say, in Chinese and English. The data is in
//! [`super::error`].

use super::error::{ReplError, Usage};
use crate::diag::{Lang, pick};

fn usage(usage: Usage, lang: Lang) -> String {
    match usage {
        Usage::NoArgument => pick(lang, "（不带参数）", "(no argument)"),
        Usage::Name => pick(lang, "名称", "NAME"),
        Usage::Assignment => pick(lang, "名称 = 值", "NAME = VALUE"),
        Usage::Clause => pick(lang, "条款，如 第七条", "a clause, such as 第七条"),
        Usage::Files => pick(lang, "文件.pol …", "FILE.pol …"),
        Usage::OnOff => "on|off".into(),
        Usage::Reading => pick(
            lang,
            "读法 选项，如 第四条/期限竞合 相加",
            "READING CHOICE, such as 第四条/期限竞合 相加",
        ),
    }
}

pub fn message(error: &ReplError, lang: Lang) -> String {
    match error {
        ReplError::UnknownCommand { command } => pick(
            lang,
            format!("没有命令「{command}」"),
            format!("no command `{command}`"),
        ),
        ReplError::Usage { command, usage: u } => pick(
            lang,
            format!("{command} 的用法：{}", usage(*u, lang)),
            format!("usage of {command}: {}", usage(*u, lang)),
        ),
        ReplError::NoNotice => pick(lang, "还没有载入政策文件", "no notice is loaded"),
        ReplError::UnknownName { name, .. } => pick(
            lang,
            format!("载入的文件中没有「{name}」"),
            format!("no `{name}` in the loaded notices"),
        ),
        ReplError::NotAFact { name, .. } => pick(
            lang,
            format!("「{name}」由规则计算，不是可以设定的事实"),
            format!("`{name}` is computed by the rules, not a fact to set"),
        ),
        ReplError::UnknownClause { text } => pick(
            lang,
            format!("载入的文件中没有条款「{text}」"),
            format!("no clause `{text}` in the loaded notices"),
        ),
    }
}

pub fn help(error: &ReplError, lang: Lang) -> String {
    match error {
        ReplError::UnknownCommand { .. } | ReplError::Usage { .. } => pick(
            lang,
            "输入 :help 查看全部命令",
            "type :help for the commands",
        ),
        ReplError::NoNotice => pick(
            lang,
            "用 :load 文件.pol 载入，或启动时写 polc repl 文件.pol",
            "load one with :load FILE.pol, or start with polc repl FILE.pol",
        ),
        ReplError::UnknownName {
            suggestion: Some(s),
            ..
        } => pick(
            lang,
            format!("是不是「{s}」？"),
            format!("did you mean `{s}`?"),
        ),
        ReplError::UnknownName { .. } => pick(
            lang,
            "用 Tab 补全名称，或 :facts 查看事实",
            "complete names with Tab, or list the facts with :facts",
        ),
        ReplError::NotAFact { .. } => pick(
            lang,
            "设定它所依据的事实；:why 查看它读了哪些事实",
            "set the facts it depends on; :why shows which",
        ),
        ReplError::UnknownClause { .. } => pick(
            lang,
            ":clauses 列出全部条款；引用写作 第七条、第六条第（二）项",
            ":clauses lists them; cite as 第七条, 第六条第（二）项",
        ),
    }
}
