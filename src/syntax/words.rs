//! What syntax errors say, in Chinese and English. The data is in
//! [`super::error`]; keywords, units and examples of the notation are
//! quoted in English, so `--lang en` shows no Chinese outside quotes.

use super::error::{Expected, Literal, SyntaxErrorKind};
use crate::diag::{Lang, list, pick};

/// What would have fitted: 冒号「：」, a colon `:`.
pub fn expected(e: Expected, lang: Lang) -> &'static str {
    use Expected::*;
    let (zh, en) = match e {
        Expression => (
            "表达式（数值、名称、日期或条件）",
            "an expression (number, name, date or condition)",
        ),
        Name => ("名称", "a name"),
        QuotedText => ("带引号的文字", "quoted text"),
        Date => (
            "日期（如 2016-03-05 或 2016年3月5日）",
            "a date (2016-03-05 or `2016年3月5日`)",
        ),
        Citation => (
            "条款引用（如 第六条第（二）项）",
            "a clause citation (`第六条第（二）项`)",
        ),
        TypeOrUnit => (
            "类型或单位（如 元、人、布尔、日期）",
            "a type or unit (`元`, `人`, bool, date)",
        ),
        ComparisonWord => (
            "比较词（如 不超过、以上）",
            "a comparison word (`不超过`, `以上`, <=)",
        ),
        Operator => ("运算符", "an operator"),
        Then => ("「则」", "`则` (then)"),
        Colon => ("冒号「：」", "a colon `:`"),
        Equals => ("等号「=」", "`=`"),
        Else => ("「否则」", "`否则` (else)"),
        To => ("「至」", "`至` (to)"),
        If => ("「若」", "`若` (if)"),
        Over => ("「优先于」", "`优先于` (over)"),
        From => (
            "「自」（参数的起始日期）",
            "`自` (from, a parameter's start date)",
        ),
        ClauseMark => (
            "条款编号（第X条、第X款、（X）、1、）",
            "a clause mark (`第X条`, `第X款`, `（X）`, `1、`)",
        ),
        EndOfFile => ("文件结尾", "end of file"),
        ClauseContent => (
            "条款内容（原文、事实、参数、规则、输出 等）",
            "clause content (text, fact, param, rule, output, ...)",
        ),
        Header => (
            "文件头（文号、标题、发布机关、发布日期、依据）",
            "a header line (number, title, issuer, issued, basis)",
        ),
        RosterCount => ("「共 N 人」", "a declared count (`共 N 人`)"),
        Optional => ("「可缺省」", "`可缺省` (optional)"),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// The kind of literal: 日期, date.
fn literal(what: Literal, lang: Lang) -> &'static str {
    use Literal::*;
    let (zh, en) = match what {
        Expression => ("表达式", "expression"),
        Condition => ("条件表达式", "expression"),
        Comparison => ("比较", "expression"),
        Set => ("集合", "expression"),
        Number => ("数值", "number"),
        Numeral => ("中文数字", "Chinese numeral"),
        Count => ("人数/个数", "count"),
        Date => ("日期", "date (2016-03-05 or `2016年3月5日`)"),
        Citation => ("条款引用", "clause citation (`第六条第（二）项`)"),
        ClauseMark => ("条款编号", "clause mark (`第X条`, `第X款`, `（X）`, `1、`)"),
        Statement => ("语句", "statement"),
        Procedure => ("程序", "procedure"),
        Type => ("类型", "type or unit (`元`, `人`, bool, date)"),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

pub fn message(kind: &SyntaxErrorKind, lang: Lang) -> String {
    use SyntaxErrorKind::*;
    match kind {
        Unexpected {
            expected: wanted,
            found,
        } => {
            let phrases: Vec<&str> = wanted.iter().map(|e| expected(*e, lang)).collect();
            match lang {
                Lang::Zh => {
                    let found = if found.is_empty() {
                        "文件结尾".to_string()
                    } else {
                        format!("「{found}」")
                    };
                    let wanted = if phrases.is_empty() {
                        "其他内容".to_string()
                    } else {
                        list(&phrases, lang)
                    };
                    format!("此处不能是{found}，应为：{wanted}")
                }
                Lang::En => {
                    let found = if found.is_empty() {
                        "end of file".to_string()
                    } else {
                        format!("`{found}`")
                    };
                    let wanted = if phrases.is_empty() {
                        "something else".to_string()
                    } else {
                        list(&phrases, lang)
                    };
                    format!("unexpected {found}; expected: {wanted}")
                }
            }
        }
        InvalidLiteral { what, text } => pick(
            lang,
            format!("「{text}」不是有效的{}", literal(*what, lang)),
            format!("`{text}` is not a valid {}", literal(*what, lang)),
        ),
        MarkMidLine { mark } => pick(
            lang,
            format!("条款编号「{mark}」前面还有别的内容；条款编号须单独起行"),
            format!(
                "clause mark `{mark}` follows other text on its line; a clause mark starts its own line"
            ),
        ),
        GluedRange { written, .. } => pick(
            lang,
            format!("「{written}」的「至」两边没有空格，读不出范围的两个界"),
            format!("`{written}` has no spaces around `至`, so its two bounds cannot be read"),
        ),
        NumberTooLarge { text } => pick(
            lang,
            format!("数值「{text}」超出可精确计算的范围"),
            format!("number `{text}` is too large to compute exactly"),
        ),
        TooDeep => pick(
            lang,
            format!(
                "表达式嵌套太深或项数太多（括号最多 {} 层，一个和式或条件链最多 {} 项）",
                super::MAX_NESTING,
                super::MAX_OPERANDS
            ),
            format!(
                "expression too deep or too long (at most {} nested brackets, {} operands)",
                super::MAX_NESTING,
                super::MAX_OPERANDS
            ),
        ),
        NameTooLong { chars } => pick(
            lang,
            format!(
                "名称有 {chars} 个字，超过上限 {} 个字",
                super::MAX_NAME_CHARS
            ),
            format!(
                "name is {chars} characters long, over the limit of {}",
                super::MAX_NAME_CHARS
            ),
        ),
        TooLarge { bytes } => pick(
            lang,
            format!(
                "文件有 {bytes} 字节，超过上限 {} 字节",
                super::MAX_FILE_BYTES
            ),
            format!(
                "file is {bytes} bytes, over the limit of {}",
                super::MAX_FILE_BYTES
            ),
        ),
        Empty => pick(lang, "文件是空的", "the file is empty"),
    }
}

pub fn help(kind: &SyntaxErrorKind, lang: Lang) -> String {
    use SyntaxErrorKind::*;
    match kind {
        Unexpected { .. } => pick(
            lang,
            "检查这一行的写法：名称与关键词之间要留空格，文字要加引号，条款编号要单独起行",
            "check this line: separate names and keywords with spaces, quote text, start clause marks on their own line",
        ),
        InvalidLiteral {
            what: Literal::Numeral,
            text,
        } => pick(
            lang,
            format!(
                "中文数字按公文的写法：三、十一、二十八、一百零五、两千、一万二千，每一位只写一次、从高到低；「{text}」也可以改用阿拉伯数字"
            ),
            format!(
                "write Chinese numerals as notices do (`三`, `十一`, `二十八`, `一百零五`, `两千`, `一万二千`: each place once, highest first), or write `{text}` in Arabic digits"
            ),
        ),
        InvalidLiteral { .. } => pick(
            lang,
            "日期要真实存在（如 2016年2月29日），编号用中文数字或阿拉伯数字",
            "dates must exist (e.g. 2016-02-29); numbers in Chinese or Arabic numerals",
        ),
        GluedRange { suggestion, .. } => pick(
            lang,
            format!("写成「{suggestion}」：「至」两边留空格，两个界都写上事实的单位"),
            format!("write `{suggestion}`: spaces around `至`, both bounds in the fact's unit"),
        ),
        MarkMidLine { .. } => pick(
            lang,
            "要引用几个条款，用逗号或顿号分开（参见 第一条、第二条）；要开始新条款，换行再写编号",
            "separate several citations with commas (`参见 第一条, 第二条`); to open a clause, start a new line",
        ),
        NumberTooLarge { .. } => pick(
            lang,
            "金额和数量最多 28 位有效数字",
            "amounts and quantities have at most 28 significant digits",
        ),
        TooDeep => pick(
            lang,
            "把表达式拆成几条规则",
            "split the expression into several rules",
        ),
        NameTooLong { .. } => pick(
            lang,
            "名称用简短的词语；条文原文写在 原文 \"…\" 里",
            "use a short name; quote the clause's wording with `原文 \"…\"`",
        ),
        TooLarge { .. } => pick(
            lang,
            "一个 .pol 文件只写一份文件",
            "write one notice per .pol file",
        ),
        Empty => pick(
            lang,
            "至少写出文号，如 文号 \"临政发〔2016〕4号\"",
            "write at least the document number, e.g. `number \"临政发〔2016〕4号\"`",
        ),
    }
}
