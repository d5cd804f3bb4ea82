//! What each fuzz target does with its input, shared by the libFuzzer
//! targets (`fuzz_targets/*.rs`, nightly) and by the regression test that
//! replays every input the fuzzers once crashed on
//! (`tests/fuzz_regressions.rs`, stable, part of `cargo test`).
//!
//! A function here panics only when polc breaks a promise: polc itself
//! panicking, or a property (fmt keeps the meaning) failing.

use polc::batch::{Batch, InputFormat, pipeline};
use polc::calendar::Calendar;
use polc::eval::Facts;
use polc::fmt::Keywords;
use polc::program::Program;
use polc::repl::{Loader, Session};
use polc::source::SourceFile;
use std::sync::{Arc, OnceLock};

/// Every notice in `policies/`, as shipped.
pub const POLICIES: &[(&str, &str)] = &[
    (
        "blacklist.pol",
        include_str!("../../policies/blacklist.pol"),
    ),
    (
        "chemical-joint-meeting.pol",
        include_str!("../../policies/chemical-joint-meeting.pol"),
    ),
    (
        "chemical-restructuring.pol",
        include_str!("../../policies/chemical-restructuring.pol"),
    ),
    (
        "double-penalty.pol",
        include_str!("../../policies/double-penalty.pol"),
    ),
    (
        "forest-assessment-group.pol",
        include_str!("../../policies/forest-assessment-group.pol"),
    ),
    (
        "forest-responsibility.pol",
        include_str!("../../policies/forest-responsibility.pol"),
    ),
    (
        "gov-information.pol",
        include_str!("../../policies/gov-information.pol"),
    ),
    (
        "jinshan-greening-hq.pol",
        include_str!("../../policies/jinshan-greening-hq.pol"),
    ),
    (
        "renovation-hq.pol",
        include_str!("../../policies/renovation-hq.pol"),
    ),
    (
        "research-work.pol",
        include_str!("../../policies/research-work.pol"),
    ),
    (
        "safety-commendation-2015.pol",
        include_str!("../../policies/safety-commendation-2015.pol"),
    ),
    (
        "safety-summons.pol",
        include_str!("../../policies/safety-summons.pol"),
    ),
    (
        "temporary-relief.pol",
        include_str!("../../policies/temporary-relief.pol"),
    ),
];

pub const FLAGSHIP: &str = include_str!("../../policies/temporary-relief.pol");
pub const CASE: &str = include_str!("../../examples/relief-case.json");

/// Tokens of the language that grammar-shaped inputs are built from (the
/// same words are in `fuzz/pol.dict` for libFuzzer's own mutations).
pub const TOKENS: &[&str] = &[
    "文号",
    "\"临政发〔2016〕4号\"",
    "\"临政发[2016]4号\"",
    "标题",
    "\"关于\"",
    "发布机关",
    "发布日期",
    "施行",
    "有效期至",
    "导语",
    "结语",
    "附件",
    "附件1",
    "第一章",
    "第二章",
    "第一节",
    "第一条",
    "第二条",
    "第二十八条",
    "第一款",
    "第二款",
    "（一）",
    "（二）",
    "(一)",
    "1.",
    "1、",
    "2.",
    "一、",
    "二、",
    "事实",
    "参数",
    "输出",
    "规则",
    "决策表",
    "输入",
    "名单",
    "程序",
    "阶段",
    "总时限",
    "共",
    "上限",
    "下限",
    "原则上",
    "若",
    "则",
    "否则",
    "优先于",
    "属于",
    "且",
    "或",
    "或者",
    "非",
    "并且",
    "以上",
    "以下",
    "以内",
    "不满",
    "超过",
    "不超过",
    "不低于",
    "早于",
    "晚于",
    "不早于",
    "为",
    "是",
    "否",
    "确认",
    "参见",
    "依据",
    "可缺省",
    "命中",
    "唯一",
    "首条",
    "较小值",
    "较大值",
    "取大",
    "取小",
    "绝对值",
    "范围",
    "自",
    "至",
    "起",
    "年末",
    "月末",
    "季度末",
    "年份",
    "月份",
    "不顺延",
    "届满",
    "不可计算",
    "原文",
    "fact",
    "param",
    "output",
    "rule",
    "table",
    "if",
    "then",
    "else",
    "and",
    "or",
    "not",
    "min",
    "max",
    "true",
    "false",
    "see",
    "roster",
    "=",
    "==",
    "!=",
    ">",
    ">=",
    "<",
    "<=",
    "≥",
    "≤",
    "≠",
    "+",
    "-",
    "×",
    "*",
    "/",
    "÷",
    "＋",
    "－",
    "＝",
    "(",
    ")",
    "（",
    "）",
    "{",
    "}",
    "|",
    "=>",
    ":",
    "：",
    ",",
    "，",
    "、",
    "；",
    ";",
    "\"",
    "“",
    "”",
    "「",
    "」",
    "甲",
    "乙",
    "丙",
    "家庭人口",
    "困难类型",
    "申请日期",
    "救助金额",
    "元",
    "万元",
    "亿元",
    "元/人/月",
    "元/人",
    "工作日",
    "日",
    "天",
    "个月",
    "年",
    "周",
    "小时",
    "人",
    "户",
    "家",
    "亩",
    "%",
    "‰",
    "0",
    "1",
    "3",
    "12",
    "4000元",
    "0.5",
    "3个月",
    "15个工作日",
    "2016-03-05",
    "2016年3月5日",
    "2016年2月30日",
    "1900-01-01",
    "9999-12-31",
    "布尔",
    "整数",
    "小数",
    "日期",
    "文本",
    "枚举(甲, 乙)",
    "枚举",
    "案件日期",
    "上旬",
    "中旬",
    "下旬",
    "一",
    "二",
    "十",
    "百",
    "千",
    "万",
    "零",
    "两",
    "99999999999999999999999999999元",
    "0.0000000000000000000000000001",
    "第六条第（二）项第1目",
    "# 注释",
    "#",
    "acknowledge",
    "polc::check::unused",
    "２０１６年３月５日",
    "５００元",
    "第１条",
    "\u{3000}",
    "\t",
    "\u{feff}",
    "\r\n",
];

/// Text built from `data`: each byte picks a token, a newline with some
/// indentation, or a space, so most inputs are made of the language's words.
pub fn token_text(data: &[u8]) -> String {
    let mut text = String::new();
    for &byte in data {
        match byte {
            0..=15 => {
                text.push('\n');
                for _ in 0..(byte % 4) {
                    text.push_str("  ");
                }
            }
            16..=23 => text.push(' '),
            _ => {
                let i = usize::from(byte - 24) % TOKENS.len();
                if let Some(token) = TOKENS.get(i) {
                    text.push_str(token);
                }
            }
        }
    }
    text
}

fn render_all(compiled: &polc::Compiled, source: &SourceFile) {
    for d in &compiled.diagnostics {
        let _ = d.render(Some(source), polc::diag::Lang::Zh);
        let _ = d.to_json(Some(source), polc::diag::Lang::En);
    }
}

/// The embedded working-day calendar, as `polc` uses it without `--calendar`.
fn calendar() -> Arc<Calendar> {
    Calendar::embedded().expect("the embedded calendar checks")
}

fn flagship() -> &'static Program {
    static PROGRAM: OnceLock<Option<Program>> = OnceLock::new();
    PROGRAM
        .get_or_init(|| polc::compile(&SourceFile::new("temporary-relief.pol", FLAGSHIP)).program)
        .as_ref()
        .expect("the flagship checks")
}

/// Parser and checker on arbitrary bytes.
pub fn parse_bytes(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = SourceFile::new("fuzz.pol", text);
    let _ = polc::syntax::parse_all(&source);
    let compiled = polc::compile(&source);
    render_all(&compiled, &source);
}

/// Parser and checker on grammar-shaped token streams.
pub fn parse_tokens(data: &[u8]) {
    let text = token_text(data);
    let source = SourceFile::new("tokens.pol", text);
    let compiled = polc::compile(&source);
    render_all(&compiled, &source);
    if let Some(program) = compiled.checked() {
        let _ = polc::review::review(program, &calendar(), Vec::new());
    }
}

/// The checker, the references between notices and the cross-clause
/// analyses on whatever parses. The first byte chooses raw text or tokens.
pub fn check(data: &[u8]) {
    let text = match data.split_first() {
        Some((b'T', rest)) => token_text(rest),
        _ => match std::str::from_utf8(data) {
            Ok(text) => text.to_string(),
            Err(_) => return,
        },
    };
    let source = SourceFile::new("check.pol", text);
    let mut units = vec![polc::compile(&source)];
    polc::link(&mut units, std::slice::from_ref(flagship()));
    for unit in units {
        render_all(&unit, &source);
        if let Some(program) = unit.checked() {
            for finding in polc::review::review(program, &calendar(), unit.diagnostics.clone()) {
                let _ = finding.render(Some(&source), polc::diag::Lang::Zh);
                let _ = finding.to_json(Some(&source), polc::diag::Lang::En);
            }
        }
    }
}

fn programs() -> &'static [Program] {
    static PROGRAMS: OnceLock<Vec<Program>> = OnceLock::new();
    PROGRAMS.get_or_init(|| {
        POLICIES
            .iter()
            .filter_map(|(name, text)| polc::compile(&SourceFile::new(*name, *text)).program)
            .collect()
    })
}

/// The evaluator on every shipped notice with arbitrary facts: the first
/// byte picks the notice, the rest is a JSON facts object, taken alone and
/// laid over the flagship's example case.
pub fn eval_facts(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let programs = programs();
    let Some(program) = programs.get(usize::from(pick) % programs.len().max(1)) else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    run_facts(program, Facts::from_json(text));
    // The same JSON as any value, laid over a complete case.
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(text)
        && let Ok(mut facts) = Facts::from_json(CASE)
    {
        match value {
            serde_json::Value::Object(map) => {
                for (name, value) in map {
                    facts.set(name, value);
                }
            }
            other => {
                for name in ["家庭人口", "低保标准", "申请日期", "困难月数", "困难类型"]
                {
                    facts.set(name, other.clone());
                }
            }
        }
        run_facts(flagship(), Ok(facts.clone()));
        run_facts(program, Ok(facts));
    }
}

fn run_facts(program: &Program, facts: Result<Facts, polc::eval::EvalError>) {
    let facts = match facts {
        Ok(facts) => facts,
        Err(e) => {
            let _ = e.to_diagnostic().render(None, polc::diag::Lang::Zh);
            return;
        }
    };
    match polc::eval::evaluate(program, &calendar(), &facts) {
        Ok(answer) => {
            let _ = answer.to_json();
        }
        Err(e) => {
            let _ = e.to_diagnostic().render(None, polc::diag::Lang::En);
        }
    }
}

fn parse(text: &str) -> Result<polc::ast::Notice, polc::syntax::SyntaxError> {
    polc::syntax::parse(&SourceFile::new("fmt.pol", text))
}

/// Spans take no part in the tree's equality: equal trees mean the same.
fn same_meaning(a: &polc::ast::Notice, b: &polc::ast::Notice) -> bool {
    a == b
}

fn format(text: &str, keywords: Option<Keywords>) -> String {
    polc::fmt::format(&SourceFile::new("fmt.pol", text), keywords).unwrap_or_else(|e| {
        panic!("fmt fails on a notice that parses ({keywords:?}): {e:?}\n{text:?}")
    })
}

/// `polc fmt` on whatever parses: the output parses to the same notice, a
/// second run changes nothing, and English then Chinese keywords keep it too.
pub fn fmt_roundtrip(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(original) = parse(text) else {
        return;
    };
    for keywords in [None, Some(Keywords::English), Some(Keywords::Chinese)] {
        let once = format(text, keywords);
        let reparsed = parse(&once).unwrap_or_else(|e| {
            panic!("fmt output ({keywords:?}) does not parse: {e:?}\n{text:?}\n->\n{once:?}")
        });
        assert!(
            same_meaning(&original, &reparsed),
            "fmt ({keywords:?}) changed the meaning\n{text:?}\n->\n{once:?}\n{original:?}\n!=\n{reparsed:?}"
        );
        let twice = format(&once, keywords);
        assert_eq!(
            once, twice,
            "fmt ({keywords:?}) is not idempotent on {text:?}"
        );
    }
    let english = format(text, Some(Keywords::English));
    let back = format(&english, Some(Keywords::Chinese));
    let reparsed =
        parse(&back).unwrap_or_else(|e| panic!("English→Chinese does not parse: {e:?}\n{back:?}"));
    assert!(
        same_meaning(&original, &reparsed),
        "English→Chinese changed the meaning of {text:?}\n->\n{back:?}"
    );
}

/// Notices held in memory for the REPL's `:load`.
struct Shipped;

impl Loader for Shipped {
    fn read(&self, path: &str) -> Result<SourceFile, Box<polc::diag::Diagnostic>> {
        let name = path.rsplit('/').next().unwrap_or(path);
        match POLICIES.iter().find(|(n, _)| *n == name) {
            Some((n, text)) => Ok(SourceFile::new(*n, *text)),
            None => Ok(SourceFile::new(path, path.to_string())),
        }
    }
}

/// The REPL: each line read into a command, then a session on the flagship
/// (with the example case's facts) runs them all. An unknown file name
/// loads the name itself as a notice's text.
pub fn repl_line(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for line in text.lines() {
        let _ = polc::repl::parse_line(line);
        let _ = polc::repl::is_incomplete(line);
    }
    let mut session = Session::new(Box::new(Shipped), calendar());
    let _ = session.run_line(":load temporary-relief.pol");
    if let Ok(facts) = Facts::from_json(CASE) {
        let _ = session.set_facts(&facts);
    }
    for line in text.lines().take(32) {
        let reply = session.run_line(line);
        let _ = reply.render();
    }
}

/// Each shipped notice set up for `polc batch` twice: through its compiled
/// plan, and on the generic evaluator alone.
fn batches() -> &'static [(Batch<'static>, Batch<'static>)] {
    static BATCHES: OnceLock<Vec<(Batch<'static>, Batch<'static>)>> = OnceLock::new();
    BATCHES.get_or_init(|| {
        programs()
            .iter()
            .map(|p| {
                (
                    Batch::new(p, calendar(), "id", polc::diag::Lang::Zh),
                    Batch::generic_only(p, calendar(), "id", polc::diag::Lang::Zh),
                )
            })
            .collect()
    })
}

/// `polc batch` on arbitrary records. The first byte picks the notice (its
/// upper bits) and the input format (its lowest bit: NDJSON or CSV). Every
/// answer line written through the plan must be byte for byte the line the
/// generic evaluator writes for the same record, and every line must be one
/// JSON object with an id and either outputs or an error.
pub fn batch_records(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let batches = batches();
    let Some((fast, generic)) = batches.get(usize::from(pick >> 1) % batches.len().max(1)) else {
        return;
    };
    let (got, expected) = if pick & 1 == 0 {
        ndjson_both_ways(fast, generic, rest)
    } else {
        csv_both_ways(fast, generic, rest)
    };
    if got != expected {
        panic!(
            "the plan and the generic evaluator answer differently\ninput: {:?}\nplan:    {}\ngeneric: {}",
            String::from_utf8_lossy(rest),
            String::from_utf8_lossy(&got),
            String::from_utf8_lossy(&expected)
        );
    }
    for line in got.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
        let value: serde_json::Value = serde_json::from_slice(line).unwrap_or_else(|e| {
            panic!(
                "an answer line is not JSON ({e}): {}",
                String::from_utf8_lossy(line)
            )
        });
        let fields = value.as_object().map(|o| {
            o.contains_key("id") && (o.contains_key("outputs") != o.contains_key("error"))
        });
        assert_eq!(
            fields,
            Some(true),
            "an answer line without id, or without exactly one of outputs/error: {value}"
        );
    }
}

/// Gives at most `step` bytes per read, so lines cross chunk boundaries.
struct Trickle<'a> {
    bytes: &'a [u8],
    step: usize,
}

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.step.min(buf.len()).min(self.bytes.len());
        let (head, tail) = self.bytes.split_at(n);
        if let Some(place) = buf.get_mut(..n) {
            place.copy_from_slice(head);
        }
        self.bytes = tail;
        Ok(n)
    }
}

/// The NDJSON input read as `polc batch` reads it (in pieces, through the
/// batch pipeline and the plan), and line by line on the generic evaluator.
fn ndjson_both_ways(fast: &Batch<'_>, generic: &Batch<'_>, input: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let step = 1 + input.len() % 61;
    let mut got = Vec::new();
    let trickle = Trickle { bytes: input, step };
    if let Err(e) = pipeline::run(fast, InputFormat::Ndjson, 1, trickle, &mut got, &|_| {}) {
        panic!("streaming from memory failed: {e}");
    }
    let mut one = generic.worker();
    for line in input.split(|b| *b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if !line.iter().all(u8::is_ascii_whitespace) {
            generic.json_record(line, &mut one);
        }
    }
    (got, one.out)
}

/// The CSV input (header row of fact names) through the plan and on the
/// generic evaluator; a file the CSV reader rejects stops where it does.
fn csv_both_ways(fast: &Batch<'_>, generic: &Batch<'_>, input: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(input);
    let mut header = csv::ByteRecord::new();
    if !matches!(reader.read_byte_record(&mut header), Ok(true)) {
        return (Vec::new(), Vec::new());
    }
    let mut rows = Vec::new();
    let mut row = csv::ByteRecord::new();
    while rows.len() < 4096 && matches!(reader.read_byte_record(&mut row), Ok(true)) {
        rows.push(row.clone());
    }
    let mut worker = fast.worker();
    fast.run_rows(&fast.csv_header(&header), &rows, &mut worker);
    let mut one = generic.worker();
    generic.run_rows(&generic.csv_header(&header), &rows, &mut one);
    (worker.out, one.out)
}
