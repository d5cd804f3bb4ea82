//! Syntax errors, told in the drafter's words rather than grammar rule names.

use super::Rule;
use crate::clause::ClausePath;
use crate::diag::{Bilingual, Diagnostic, Severity};
use crate::numeral::parse_numeral;
use crate::source::Span;
use pest::error::{ErrorVariant, InputLocation};

/// What went wrong while reading the text of a notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub kind: SyntaxErrorKind,
    pub span: Span,
    /// The clause the error is in, found by reading the clause marks before it.
    pub clause: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    /// The parser could not go on; `expected` lists what would have fitted.
    Unexpected {
        expected: Vec<&'static str>,
        found: String,
    },
    /// A literal that has the right shape but no meaning (2016年2月30日).
    InvalidLiteral {
        what: &'static str,
        text: String,
    },
    NumberTooLarge {
        text: String,
    },
    /// A clause mark after other text on its line (`参见 第一条 第二条`):
    /// read as a mark it would open a phantom clause.
    MarkMidLine {
        mark: String,
    },
    TooDeep,
    /// A name longer than [`super::MAX_NAME_CHARS`].
    NameTooLong {
        chars: usize,
    },
    TooLarge {
        bytes: usize,
    },
    Empty,
}

impl SyntaxError {
    pub(crate) fn from_pest(err: pest::error::Error<Rule>, text: &str) -> Self {
        let offset = match err.location {
            InputLocation::Pos(p) => p,
            InputLocation::Span((s, _)) => s,
        };
        // pest stops inside a bracket (（二） read as an expression); point at
        // the bracket, which is what the drafter wrote.
        let offset = match text.get(..offset).and_then(|b| b.chars().next_back()) {
            Some(c @ ('（' | '(')) => offset - c.len_utf8(),
            _ => offset,
        };
        let found = found_at(text, offset);
        let end = offset + found.chars().next().map_or(0, char::len_utf8);
        // pest's own guards ("stack limit reached", "call limit reached"):
        // the text nests deeper than any notice does.
        if let ErrorVariant::CustomError { message } = &err.variant
            && message.contains("limit reached")
        {
            return SyntaxError {
                kind: SyntaxErrorKind::TooDeep,
                span: Span::new(offset, end),
                clause: clause_at(text, offset),
            };
        }
        let expected = match &err.variant {
            ErrorVariant::ParsingError { positives, .. } => describe(positives),
            ErrorVariant::CustomError { .. } => Vec::new(),
        };
        SyntaxError {
            kind: SyntaxErrorKind::Unexpected { expected, found },
            span: Span::new(offset, end),
            clause: clause_at(text, offset),
        }
    }

    pub(crate) fn invalid_literal(span: Span, text: &str, what: &'static str) -> Self {
        let literal = text.get(span.start..span.end).unwrap_or("").to_string();
        SyntaxError {
            kind: SyntaxErrorKind::InvalidLiteral {
                what,
                text: literal,
            },
            span,
            clause: clause_at(text, span.start),
        }
    }

    pub(crate) fn mark_mid_line(span: Span, text: &str) -> Self {
        SyntaxError {
            kind: SyntaxErrorKind::MarkMidLine {
                mark: text.get(span.start..span.end).unwrap_or("").to_string(),
            },
            span,
            clause: clause_at(text, span.start),
        }
    }

    pub(crate) fn number_too_large(span: Span, text: &str) -> Self {
        let literal = text.get(span.start..span.end).unwrap_or("").to_string();
        SyntaxError {
            kind: SyntaxErrorKind::NumberTooLarge { text: literal },
            span,
            clause: clause_at(text, span.start),
        }
    }

    pub(crate) fn too_deep(span: Span, text: &str) -> Self {
        SyntaxError {
            kind: SyntaxErrorKind::TooDeep,
            span,
            clause: clause_at(text, span.start),
        }
    }

    pub(crate) fn name_too_long(span: Span, text: &str) -> Self {
        let chars = text.get(span.start..span.end).unwrap_or("").chars().count();
        SyntaxError {
            kind: SyntaxErrorKind::NameTooLong { chars },
            span,
            clause: clause_at(text, span.start),
        }
    }

    pub(crate) fn too_large(bytes: usize) -> Self {
        SyntaxError {
            kind: SyntaxErrorKind::TooLarge { bytes },
            span: Span::new(0, 0),
            clause: None,
        }
    }

    pub(crate) fn empty(text: &str) -> Self {
        SyntaxError {
            kind: SyntaxErrorKind::Empty,
            span: Span::new(0, text.len().min(1)),
            clause: None,
        }
    }
}

/// The text at the error, up to the end of the word, for "found …".
fn found_at(text: &str, offset: usize) -> String {
    let rest = text.get(offset..).unwrap_or("");
    let word: String = rest
        .chars()
        .take_while(|c| !c.is_whitespace())
        .take(12)
        .collect();
    if word.is_empty() {
        if rest.is_empty() {
            String::new()
        } else {
            rest.chars().take(1).collect()
        }
    } else {
        word
    }
}

/// Maps the grammar's expectations to phrases a drafter knows. Several rules
/// map to one phrase; duplicates are dropped, order is kept.
fn describe(positives: &[Rule]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for rule in positives {
        let phrase = match rule {
            Rule::expr
            | Rule::disjunct
            | Rule::conjunct
            | Rule::comparison
            | Rule::sum
            | Rule::product
            | Rule::unary
            | Rule::quantity
            | Rule::number
            | Rule::call
            | Rule::conditional
            | Rule::boolean => "表达式（数值、名称、日期或条件）",
            Rule::ident => "名称",
            Rule::string | Rule::str_ascii | Rule::str_curly | Rule::str_corner => "带引号的文字",
            Rule::date | Rule::iso_date | Rule::cn_date => "日期（如 2016-03-05 或 2016年3月5日）",
            Rule::citation => "条款引用（如 第六条第（二）项）",
            Rule::type_expr | Rule::unit_expr | Rule::unit | Rule::enum_type => {
                "类型或单位（如 元、人、布尔、日期）"
            }
            Rule::cmp_infix | Rule::cmp_postfix | Rule::cmp_word | Rule::cmp_symbol => {
                "比较词（如 不超过、以上）"
            }
            Rule::op_or | Rule::op_and | Rule::op_add | Rule::op_mul => "运算符",
            Rule::kw_then => "「则」",
            Rule::colon => "冒号「：」",
            Rule::assign => "等号「=」",
            Rule::kw_else => "「否则」",
            Rule::kw_to => "「至」",
            Rule::kw_if => "「若」",
            Rule::kw_over => "「优先于」",
            Rule::kw_from => "「自」（参数的起始日期）",
            Rule::chapter_mark
            | Rule::article_mark
            | Rule::section_mark
            | Rule::paragraph_mark
            | Rule::item_mark
            | Rule::subitem_mark => "条款编号（第X条、第X款、（X）、1、）",
            Rule::EOI => "文件结尾",
            Rule::text_stmt
            | Rule::not_computable
            | Rule::fact_decl
            | Rule::param_decl
            | Rule::output_decl
            | Rule::rule_decl
            | Rule::roster_decl
            | Rule::effective
            | Rule::expires
            | Rule::case_date
            | Rule::see
            | Rule::case_stmt => "条款内容（原文、事实、参数、规则、输出 等）",
            Rule::doc_number | Rule::doc_title | Rule::issuer | Rule::issued | Rule::basis => {
                "文件头（文号、标题、发布机关、发布日期、依据）"
            }
            Rule::roster_count => "「共 N 人」",
            Rule::optional => "「可缺省」",
            _ => continue,
        };
        if !out.contains(&phrase) {
            out.push(phrase);
        }
    }
    out
}

/// The clause an offset lies in, read from the clause marks at the start of
/// the lines before it. Used when the parse failed, so there is no tree.
pub fn clause_at(text: &str, offset: usize) -> Option<String> {
    let before = text.get(..offset.min(text.len()))?;
    let mut path: Option<ClausePath> = None;
    let mut chapter: Option<String> = None;
    // Articles after 附件N belong to that annex's own document.
    let mut annex = 0;
    for line in before.lines() {
        let line = line.trim_start_matches([' ', '\t', '\u{3000}']);
        if let Some(n) = mark_number(line, "第", "章") {
            chapter = Some(format!("第{}章", crate::numeral::to_chinese(n)));
            path = None;
        } else if let Some(n) = mark_number(line, "第", "条") {
            path = Some(ClausePath::article(n).in_annex(annex));
        } else if let Some(n) = section_number(line) {
            path = Some(ClausePath::section(n).in_annex(annex));
        } else if let Some(n) = line.strip_prefix("附件").and_then(|rest| {
            let digits: String = rest
                .chars()
                .take_while(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(*c))
                .collect();
            parse_numeral(&digits)
        }) {
            annex = n;
            path = Some(ClausePath::annex(n));
        } else if line.starts_with("导语") {
            path = Some(ClausePath::preamble());
        } else if line.starts_with("结语") {
            path = Some(ClausePath::closing());
        } else if let Some(p) = path.as_mut() {
            if let Some(n) = mark_number(line, "第", "款") {
                *p = ClausePath {
                    paragraph: Some(n),
                    ..p.article_only()
                };
            } else if let Some(n) = paren_number(line) {
                p.item = Some(n);
                p.subitem = None;
            } else if let Some(n) = subitem_number(line) {
                p.subitem = Some(n);
            }
        }
    }
    path.map(|p| p.to_string()).or(chapter)
}

fn mark_number(line: &str, open: &str, close: &str) -> Option<u32> {
    let rest = line.strip_prefix(open)?;
    let end = rest.find(close)?;
    parse_numeral(rest.get(..end)?)
}

fn section_number(line: &str) -> Option<u32> {
    let end = line.find('、')?;
    let head = line.get(..end)?;
    if head
        .chars()
        .all(|c| "零〇一二两三四五六七八九十百".contains(c))
    {
        parse_numeral(head)
    } else {
        None
    }
}

fn paren_number(line: &str) -> Option<u32> {
    let rest = line.strip_prefix('（').or_else(|| line.strip_prefix('('))?;
    let end = rest.find(['）', ')'])?;
    parse_numeral(rest.get(..end)?)
}

fn subitem_number(line: &str) -> Option<u32> {
    let digits: String = line.chars().take_while(char::is_ascii_digit).collect();
    let after = line.get(digits.len()..)?;
    if !digits.is_empty() && (after.starts_with('、') || after.starts_with(". ")) {
        digits.parse().ok()
    } else {
        None
    }
}

pub const CODE_SYNTAX: &str = "polc::syntax::unexpected";
pub const CODE_INVALID_LITERAL: &str = "polc::syntax::invalid_literal";
pub const CODE_LIMIT: &str = "polc::syntax::limit";

impl SyntaxError {
    pub fn to_diagnostic(&self) -> Diagnostic {
        use SyntaxErrorKind::*;
        let (code, message, help) = match &self.kind {
            Unexpected { expected, found } => {
                let found_zh = if found.is_empty() {
                    "文件结尾".to_string()
                } else {
                    format!("「{found}」")
                };
                let found_en = if found.is_empty() {
                    "end of file".to_string()
                } else {
                    format!("`{found}`")
                };
                let wanted = if expected.is_empty() {
                    "其他内容".to_string()
                } else {
                    expected.join("、")
                };
                (
                    CODE_SYNTAX,
                    Bilingual::new(
                        format!("此处不能是{found_zh}，应为：{wanted}"),
                        format!(
                            "unexpected {found_en}; expected: {}",
                            expected
                                .iter()
                                .map(|e| english(e))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    ),
                    Bilingual::new(
                        "检查这一行的写法：名称与关键词之间要留空格，文字要加引号，条款编号要单独起行",
                        "check this line: separate names and keywords with spaces, quote text, start clause marks on their own line",
                    ),
                )
            }
            InvalidLiteral { what, text } => (
                CODE_INVALID_LITERAL,
                Bilingual::new(
                    format!("「{text}」不是有效的{what}"),
                    format!("`{text}` is not a valid {}", english(what)),
                ),
                Bilingual::new(
                    "日期要真实存在（如 2016年2月29日），编号用中文数字或阿拉伯数字",
                    "dates must exist (e.g. 2016-02-29); numbers in Chinese or Arabic numerals",
                ),
            ),
            MarkMidLine { mark } => (
                CODE_SYNTAX,
                Bilingual::new(
                    format!("条款编号「{mark}」前面还有别的内容；条款编号须单独起行"),
                    format!(
                        "clause mark `{mark}` follows other text on its line; a clause mark starts its own line"
                    ),
                ),
                Bilingual::new(
                    "要引用几个条款，用逗号或顿号分开（参见 第一条、第二条）；要开始新条款，换行再写编号",
                    "separate several citations with commas (参见 第一条, 第二条); to open a clause, start a new line",
                ),
            ),
            NumberTooLarge { text } => (
                CODE_LIMIT,
                Bilingual::new(
                    format!("数值「{text}」超出可精确计算的范围"),
                    format!("number `{text}` is too large to compute exactly"),
                ),
                Bilingual::new(
                    "金额和数量最多 28 位有效数字",
                    "amounts and quantities have at most 28 significant digits",
                ),
            ),
            TooDeep => (
                CODE_LIMIT,
                Bilingual::new(
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
                Bilingual::new(
                    "把表达式拆成几条规则",
                    "split the expression into several rules",
                ),
            ),
            NameTooLong { chars } => (
                CODE_LIMIT,
                Bilingual::new(
                    format!(
                        "名称有 {chars} 个字，超过上限 {} 个字",
                        super::MAX_NAME_CHARS
                    ),
                    format!(
                        "name is {chars} characters long, over the limit of {}",
                        super::MAX_NAME_CHARS
                    ),
                ),
                Bilingual::new(
                    "名称用简短的词语；条文原文写在 原文 \"…\" 里",
                    "use a short name; quote the clause's wording with 原文 \"…\"",
                ),
            ),
            TooLarge { bytes } => (
                CODE_LIMIT,
                Bilingual::new(
                    format!(
                        "文件有 {bytes} 字节，超过上限 {} 字节",
                        super::MAX_FILE_BYTES
                    ),
                    format!(
                        "file is {bytes} bytes, over the limit of {}",
                        super::MAX_FILE_BYTES
                    ),
                ),
                Bilingual::new(
                    "一个 .pol 文件只写一份文件",
                    "write one notice per .pol file",
                ),
            ),
            Empty => (
                CODE_SYNTAX,
                Bilingual::new("文件是空的", "the file is empty"),
                Bilingual::new(
                    "至少写出文号，如 文号 \"临政发〔2016〕4号\"",
                    "write at least the document number, e.g. number \"临政发〔2016〕4号\"",
                ),
            ),
        };
        Diagnostic {
            code,
            severity: Severity::Error,
            message,
            help: Some(help),
            span: Some(self.span),
            clause: self.clause.clone(),
        }
    }
}

fn english(phrase: &str) -> &'static str {
    match phrase {
        "表达式（数值、名称、日期或条件）" => {
            "an expression (number, name, date or condition)"
        }
        "名称" => "a name",
        "带引号的文字" => "quoted text",
        "日期（如 2016-03-05 或 2016年3月5日）" | "日期" => {
            "a date (2016-03-05 or 2016年3月5日)"
        }
        "条款引用（如 第六条第（二）项）" | "条款引用" => {
            "a clause citation (第六条第（二）项)"
        }
        "类型或单位（如 元、人、布尔、日期）" | "类型" => {
            "a type or unit (元, 人, bool, date)"
        }
        "比较词（如 不超过、以上）" => "a comparison word (不超过, 以上, <=)",
        "运算符" => "an operator",
        "「则」" => "`则` (then)",
        "冒号「：」" => "a colon `:`",
        "等号「=」" => "`=`",
        "「否则」" => "`否则` (else)",
        "「至」" => "`至` (to)",
        "「若」" => "`若` (if)",
        "「优先于」" => "`优先于` (over)",
        "「自」（参数的起始日期）" => "`自` (from, a parameter's start date)",
        "条款编号（第X条、第X款、（X）、1、）" | "条款编号" => {
            "a clause mark (第X条, 第X款, （X）, 1、)"
        }
        "文件结尾" => "end of file",
        "条款内容（原文、事实、参数、规则、输出 等）" => {
            "clause content (text, fact, param, rule, output, ...)"
        }
        "文件头（文号、标题、发布机关、发布日期、依据）" => {
            "a header line (number, title, issuer, issued, basis)"
        }
        "「共 N 人」" => "a declared count (共 N 人)",
        "「可缺省」" => "`可缺省` (optional)",
        "数值" => "number",
        "人数/个数" => "count",
        "语句" => "statement",
        "表达式" | "条件表达式" | "比较" | "集合" => "expression",
        _ => "something else",
    }
}
