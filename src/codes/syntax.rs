//! Codes of the syntax phase: text that cannot be read as a notice.

use super::{Code, Severity::Error, Trigger::Ui, text};

pub const UNEXPECTED: Code = Code {
    name: "polc::syntax::unexpected",
    severity: Error,
    summary: text(
        "此处不能是某内容（列出此处可以写什么）；常见原因：名称与关键词未隔空格、文字未加引号、编号层级不对",
        "the text cannot go on here (the message lists what could); usually a name run into a keyword, unquoted text, or a clause mark at the wrong level",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第十条\n  事实 情况紧急 布尔",
    fix: text(
        "按提示补上缺少的冒号、等号、引号或空格；条款编号单独起行",
        "add the colon, `=`, quotes or space the message names; start clause marks on their own line",
    ),
    trigger: Ui,
};

pub const INVALID_LITERAL: Code = Code {
    name: "polc::syntax::invalid_literal",
    severity: Error,
    summary: text(
        "形式对而内容无效：不存在的日期（2016年2月30日）、无法解读的编号",
        "a literal of the right shape that means nothing: a date that does not exist (2016年2月30日), a number that cannot be read",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  参数 标准: 元\n    自 2016年2月30日 起 4000元",
    fix: text(
        "写真实存在的日期；编号用中文数字或阿拉伯数字",
        "write a date that exists; write numbers in Chinese or Arabic numerals",
    ),
    trigger: Ui,
};

pub const LIMIT: Code = Code {
    name: "polc::syntax::limit",
    severity: Error,
    summary: text(
        "超出限度：数值超过 28 位有效数字、括号嵌套超过 64 层、一个和式或条件链超过 64 项、名称超过 256 字、文件超过 4 MB",
        "over a limit: a number of more than 28 significant digits, brackets nested over 64 deep, over 64 operands in one sum or chain, a name over 256 characters, a file over 4 MB",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  输出 金额: 元 = 99999999999999999999999999999999元",
    fix: text(
        "把表达式拆成几条规则；名称用简短的词语；一个 .pol 文件只写一份文件",
        "split the expression into several rules; use short names; write one notice per .pol file",
    ),
    trigger: Ui,
};

pub const ALL: &[&Code] = &[&UNEXPECTED, &INVALID_LITERAL, &LIMIT];
