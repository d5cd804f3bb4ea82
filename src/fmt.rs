//! The canonical layout of a `.pol` file (`polc fmt`), so that the diff
//! between two versions of a notice shows only what changed in meaning.
//!
//! The printer works on the text, not on a re-printed syntax tree, so every
//! comment, literal form (2016年3月5日 stays 2016年3月5日) and blank-line
//! paragraph break survives. What it decides:
//!
//! - indentation: a clause mark sits two spaces deeper than the clause that
//!   holds it (chapters and annexes that issue a document only group, so
//!   their articles stay at the margin), a statement two spaces deeper than
//!   its clause's mark, a continuation line (table rows, roster lists, dated
//!   parameter values) two spaces deeper than its statement, a comment line
//!   at the indentation of the code it precedes;
//! - spacing: runs of spaces (tabs, full-width spaces) between tokens become
//!   one space, nothing trails a line; text inside quotes is never touched;
//! - blank lines: a run of them becomes one; none at the start or end;
//! - line ends: `\n`, and one at the end of the file.
//!
//! Indentation is computed from the clause each statement belongs to after
//! parsing, so re-parsing the output places every statement in the same
//! clause: the layout never changes the meaning (tests/fmt.rs checks it).
//!
//! With [`Keywords`], keywords are also rewritten into one set: `事实`↔`fact`,
//! `若`↔`if`, `较小值`↔`min`, `或`/`或者`↔`or` … Comparison words are legal
//! terms (以上, 不满) and keep their Chinese form.

use crate::ast::{Clause, Level, Notice};
use crate::source::{SourceFile, Span};
use crate::syntax::{self, PolParser, Rule, SyntaxError};
use pest::Parser as _;
use pest::iterators::Pair;
use std::collections::HashMap;

/// Which keyword set to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keywords {
    Chinese,
    English,
}

/// The canonical layout of `source`, optionally in one keyword set.
pub fn format(source: &SourceFile, keywords: Option<Keywords>) -> Result<String, SyntaxError> {
    let text = normalise_line_ends(&source.text);
    let text = match keywords {
        Some(set) => convert_keywords(&text, set)?,
        None => text,
    };
    let notice = syntax::parse(&SourceFile::new(source.name.clone(), text.clone()))?;
    let indents = code_line_indents(&notice, &text);
    Ok(relayout(&text, &indents))
}

fn normalise_line_ends(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.replace("\r\n", "\n").replace('\r', "\n")
}

// ------------------------------------------------------------- keywords

/// The Chinese and English spelling of every keyword that has exactly one
/// of each (`事实`/`fact`, `若`/`if` …), for completion in editors.
pub fn keyword_twins() -> &'static [(&'static str, &'static str)] {
    KEYWORD_TWINS
}

/// The two spellings of every keyword that has exactly one of each.
const KEYWORD_TWINS: &[(&str, &str)] = &[
    ("文号", "number"),
    ("标题", "title"),
    ("发布机关", "issuer"),
    ("发布日期", "issued"),
    ("依据", "basis"),
    ("原文", "text"),
    ("不可计算", "uncomputable"),
    ("参见", "see"),
    ("确认", "acknowledge"),
    ("程序", "procedure"),
    ("阶段", "phase"),
    ("读法", "reading"),
    ("采用", "adopt"),
    ("备选", "alternative"),
    ("已确认", "confirmed"),
    ("各环节", "steps"),
    ("总时限", "total"),
    ("事实", "fact"),
    ("参数", "param"),
    ("输出", "output"),
    ("规则", "rule"),
    ("名单", "roster"),
    ("共", "count"),
    ("范围", "range"),
    ("至", "to"),
    ("通常", "typical"),
    ("自", "from"),
    ("起", "onward"),
    ("可缺省", "optional"),
    ("原则上", "default"),
    ("若", "if"),
    ("则", "then"),
    ("否则", "else"),
    ("优先于", "over"),
    ("属于", "in"),
    ("施行", "effective"),
    ("有效期至", "expires"),
    ("案件日期", "case_date"),
    ("上限", "cap"),
    ("下限", "floor"),
    ("决策表", "table"),
    ("输入", "inputs"),
    ("命中", "hit"),
    ("唯一", "unique"),
    ("首条", "first"),
    ("取大", "largest"),
    ("取小", "smallest"),
    ("布尔", "bool"),
    ("整数", "int"),
    ("小数", "decimal"),
    ("日期", "date"),
    ("文本", "string"),
    ("枚举", "enum"),
    ("是", "true"),
    ("否", "false"),
    ("或", "or"),
    ("或者", "or"),
    ("且", "and"),
    ("并且", "and"),
    ("非", "not"),
    ("较小值", "min"),
    ("较大值", "max"),
    ("绝对值", "abs"),
    ("不顺延", "unextended"),
    ("月末", "month_end"),
    ("季度末", "quarter_end"),
    ("年末", "year_end"),
    ("年份", "year_of"),
    ("月份", "month_of"),
];

/// The keyword `word` in `set`, when it is a keyword with a twin.
fn twin(word: &str, set: Keywords) -> Option<&'static str> {
    KEYWORD_TWINS.iter().find_map(|(zh, en)| match set {
        Keywords::English if *zh == word || *en == word => Some(*en),
        // 或者 and 或 are one keyword; 或 is its canonical form.
        Keywords::Chinese if *en == word || *zh == word => {
            KEYWORD_TWINS.iter().find(|(_, e)| e == en).map(|(z, _)| *z)
        }
        _ => None,
    })
}

fn is_keyword_rule(rule: Rule) -> bool {
    matches!(rule, Rule::op_or | Rule::op_and | Rule::op_not | Rule::func)
        || format!("{rule:?}").starts_with("kw_")
}

fn convert_keywords(text: &str, set: Keywords) -> Result<String, SyntaxError> {
    let pairs =
        PolParser::parse(Rule::notice, text).map_err(|e| SyntaxError::from_pest(e, text))?;
    let mut spans: Vec<(Span, &'static str)> = Vec::new();
    let mut stack: Vec<Pair<Rule>> = pairs.collect();
    while let Some(pair) = stack.pop() {
        if is_keyword_rule(pair.as_rule()) {
            let word = pair.as_str();
            if let Some(to) = twin(word, set).filter(|to| *to != word) {
                let s = pair.as_span();
                spans.push((Span::new(s.start(), s.end()), to));
            }
            continue;
        }
        stack.extend(pair.into_inner());
    }
    spans.sort_by_key(|(s, _)| s.start);
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut at = 0;
    for (span, word) in spans {
        out.push_str(text.get(at..span.start).unwrap_or(""));
        out.push_str(word);
        at = span.end;
    }
    out.push_str(text.get(at..).unwrap_or(""));
    Ok(out)
}

// ------------------------------------------------------------- layout

/// Line number (0-based) of each byte offset's line, by binary search.
struct LineStarts(Vec<usize>);

impl LineStarts {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineStarts(starts)
    }

    fn line_of(&self, offset: usize) -> usize {
        self.0.partition_point(|s| *s <= offset).saturating_sub(1)
    }
}

/// The indentation of every line that starts a clause mark, a statement or
/// a header item.
fn code_line_indents(notice: &Notice, text: &str) -> HashMap<usize, usize> {
    let lines = LineStarts::new(text);
    let mut indents = HashMap::new();
    let h = &notice.header;
    let header_spans = [
        h.doc_number.as_ref().map(|x| x.span),
        h.title.as_ref().map(|x| x.span),
        h.issuer.as_ref().map(|x| x.span),
        h.issued.as_ref().map(|x| x.span),
    ];
    for span in header_spans
        .into_iter()
        .flatten()
        .chain(h.basis.iter().take(1).map(|b| b.span))
    {
        indents.entry(lines.line_of(span.start)).or_insert(0);
    }
    for clause in &notice.clauses {
        clause_indents(clause, 0, &lines, &mut indents);
    }
    indents
}

fn clause_indents(
    clause: &Clause,
    depth: usize,
    lines: &LineStarts,
    indents: &mut HashMap<usize, usize>,
) {
    let mark = depth * 2;
    // First come, first kept: a mark and the statement on its line share it.
    indents
        .entry(lines.line_of(clause.mark_span.start))
        .or_insert(mark);
    for stmt in &clause.stmts {
        indents
            .entry(lines.line_of(stmt.span().start))
            .or_insert(mark + 2);
    }
    // Chapters, and annexes that issue a document of their own articles,
    // only group their clauses: those stay at the same depth.
    let groups = clause.level == Level::Chapter
        || (clause.level == Level::Annex
            && clause
                .children
                .iter()
                .any(|c| matches!(c.level, Level::Chapter | Level::Article | Level::Section)));
    let child_depth = if groups { depth } else { depth + 1 };
    for child in &clause.children {
        clause_indents(child, child_depth, lines, indents);
    }
}

/// One line of the source, split for relayout.
struct SourceLine<'a> {
    /// The line begins inside a quoted text: it is kept byte for byte.
    in_text: bool,
    /// The line as written, without its line end.
    raw: &'a str,
    /// Code part with spacing normalised (empty for a comment-only line).
    code: String,
    /// A trailing or whole-line comment, as written.
    comment: Option<&'a str>,
}

/// Splits lines, tracking quoted texts (which may span lines) and comments.
fn scan_lines(text: &str) -> Vec<SourceLine<'_>> {
    let mut out = Vec::new();
    let mut closing: Option<char> = None;
    for raw in text.split('\n') {
        let in_text = closing.is_some();
        let mut code = String::new();
        let mut comment = None;
        let mut pending_space = false;
        let mut chars = raw.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if let Some(end) = closing {
                code.push(c);
                if c == end {
                    closing = None;
                }
                continue;
            }
            let starts_comment =
                c == '#' || (c == '/' && chars.peek().is_some_and(|(_, n)| *n == '/'));
            if starts_comment {
                comment = raw.get(i..).map(str::trim_end);
                break;
            }
            if matches!(c, ' ' | '\t' | '\u{3000}') {
                pending_space = !code.is_empty();
                continue;
            }
            if pending_space {
                code.push(' ');
                pending_space = false;
            }
            code.push(c);
            closing = match c {
                '"' => Some('"'),
                '“' => Some('”'),
                '「' => Some('」'),
                _ => None,
            };
        }
        out.push(SourceLine {
            in_text,
            raw,
            code,
            comment,
        });
    }
    out
}

/// A comment block takes the indentation of the code right below it; one
/// that a blank line (or the end of the file) separates from what follows
/// ends the clause above it and takes the indentation of the code above.
fn comment_indents(lines: &[SourceLine<'_>], code_indent: &[Option<usize>]) -> Vec<Option<usize>> {
    let is_comment = |l: &SourceLine<'_>| !l.in_text && l.code.is_empty() && l.comment.is_some();
    let mut out = vec![None; lines.len()];
    let mut above: Option<usize> = None;
    let mut n = 0;
    while n < lines.len() {
        let Some(line) = lines.get(n) else { break };
        if !is_comment(line) {
            if let Some(i) = code_indent.get(n).copied().flatten() {
                above = Some(i);
            }
            n += 1;
            continue;
        }
        let end = (n..lines.len())
            .find(|k| lines.get(*k).is_none_or(|l| !is_comment(l)))
            .unwrap_or(lines.len());
        let below = code_indent.get(end).copied().flatten();
        let indent = below.or(above).unwrap_or(0);
        for slot in out.iter_mut().take(end).skip(n) {
            *slot = Some(indent);
        }
        n = end;
    }
    out
}

fn relayout(text: &str, indents: &HashMap<usize, usize>) -> String {
    let lines = scan_lines(text);
    // Indentation of each code line: its own, or its statement's plus two.
    let mut code_indent: Vec<Option<usize>> = vec![None; lines.len()];
    let mut owner = 0;
    for (n, line) in lines.iter().enumerate() {
        if line.in_text || line.code.is_empty() {
            continue;
        }
        let indent = match indents.get(&n) {
            Some(i) => {
                owner = *i;
                *i
            }
            None if line.code.starts_with('}') => owner,
            None => owner + 2,
        };
        if let Some(slot) = code_indent.get_mut(n) {
            *slot = Some(indent);
        }
    }
    let comment_indent = comment_indents(&lines, &code_indent);
    let mut out = String::with_capacity(text.len());
    let mut blank_run = false;
    let mut emitted = false;
    for (n, line) in lines.iter().enumerate() {
        if line.in_text {
            out.push_str(line.raw);
            out.push('\n');
            emitted = true;
            blank_run = false;
            continue;
        }
        if line.code.is_empty() && line.comment.is_none() {
            blank_run = true;
            continue;
        }
        if blank_run && emitted {
            out.push('\n');
        }
        blank_run = false;
        let indent = code_indent
            .get(n)
            .copied()
            .flatten()
            .or_else(|| comment_indent.get(n).copied().flatten())
            .unwrap_or(0);
        out.push_str(&" ".repeat(indent));
        out.push_str(&line.code);
        if let Some(comment) = line.comment {
            if !line.code.is_empty() {
                out.push(' ');
            }
            out.push_str(comment);
        }
        out.push('\n');
        emitted = true;
    }
    // The last line of a file that ends inside a quoted text is kept as is.
    while out.ends_with("\n\n") {
        out.pop();
    }
    if out.trim().is_empty() {
        return String::new();
    }
    out
}
