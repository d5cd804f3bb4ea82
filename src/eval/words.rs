//! What evaluation errors say, in Chinese and English. The data is in
//! [`super::error`]; values of the case and names of the notice are quoted
//! in English, so `--lang en` shows no Chinese outside quotes.

use super::error::{Arithmetic, EvalError, FactShape, FactsProblem};
use super::value::format_amount;
use crate::diag::{Lang, list, list_and, pick, table_rows};
use crate::program::ReadingSelectError;
use rust_decimal::Decimal;

fn quoted(items: &[String]) -> Vec<String> {
    items.iter().map(|i| format!("`{i}`")).collect()
}

fn shape(shape: &FactShape, lang: Lang) -> String {
    match shape {
        FactShape::Bool => pick(
            lang,
            "布尔值（true/false 或 是/否）",
            "a boolean (true/false or `是`/`否`)",
        ),
        FactShape::Date => pick(lang, "日期（如 2016-06-01）", "a date (such as 2016-06-01)"),
        FactShape::Text => pick(lang, "文本", "text"),
        FactShape::OneOf(values) => pick(
            lang,
            format!("以下之一：{}", list(values, lang)),
            format!("one of {}", list(&quoted(values), lang)),
        ),
        FactShape::Number { unit } if unit.is_empty() => pick(lang, "数值", "a number"),
        FactShape::Number { unit } => pick(
            lang,
            format!("以「{unit}」计的数值"),
            format!("a number in `{unit}`"),
        ),
        FactShape::Whole { unit } => pick(
            lang,
            format!("整数（{unit}）"),
            format!("a whole number (`{unit}`)"),
        ),
    }
}

fn arithmetic(problem: &Arithmetic, lang: Lang) -> String {
    use Arithmetic::*;
    match problem {
        RuleDepth { limit, name } => pick(
            lang,
            format!("规则依赖链超过 {limit} 层（读到「{name}」时）"),
            format!("rules depend on each other more than {limit} levels deep (at `{name}`)"),
        ),
        NotBoolean { value } => pick(
            lang,
            format!("条件的值不是布尔值：{value}"),
            format!("condition is not boolean: `{value}`"),
        ),
        UnknownUnit { unit } => pick(
            lang,
            format!("未知单位 {unit}"),
            format!("unknown unit `{unit}`"),
        ),
        NumberOverflow => pick(lang, "数值溢出", "number overflow"),
        Overflow => pick(lang, "金额或数量计算溢出", "arithmetic overflow"),
        CannotNegate { value } => pick(
            lang,
            format!("不能取负：{value}"),
            format!("cannot negate `{value}`"),
        ),
        DivisionByZero => pick(lang, "除数为零", "division by zero"),
        CannotCombine { left, right } => pick(
            lang,
            format!("不能计算 {left} 与 {right}"),
            format!("cannot combine `{left}` and `{right}`"),
        ),
        FunctionWithoutArguments => pick(lang, "函数缺少参数", "function without arguments"),
        UnextendedArgument => pick(
            lang,
            "不顺延 只接受一个日期期间",
            "`不顺延` (unextended) takes one date period",
        ),
        DateFunctionWithoutArgument => {
            pick(lang, "日期函数缺少参数", "date function without argument")
        }
        DateFunctionNotDate => pick(lang, "日期函数的参数不是日期", "date function needs a date"),
        DateOutOfRange => pick(lang, "日期超出范围", "date out of range"),
        PeriodNotWhole { amount } => pick(
            lang,
            format!("期间 {amount} 不是整数，无法按日历计算"),
            format!("period {amount} is not whole"),
        ),
        DateShift { dim } => pick(
            lang,
            format!("日期不能与 {dim} 做此运算"),
            format!("cannot shift a date by `{dim}` this way"),
        ),
        NotWhole { name, value, unit } => pick(
            lang,
            format!(
                "「{name}」以整数计，但计算结果为 {}{unit}",
                value.normalize()
            ),
            format!(
                "`{name}` is whole-numbered but the result is `{}{unit}`",
                value.normalize()
            ),
        ),
    }
}

fn facts_problem(problem: &FactsProblem, lang: Lang) -> String {
    use FactsProblem::*;
    match problem {
        TooLarge { bytes, limit } => pick(
            lang,
            format!("文件有 {bytes} 字节，超过上限 {limit} 字节"),
            format!("the file is {bytes} bytes, over the limit of {limit}"),
        ),
        TooDeep {
            at: Some((line, column)),
            ..
        } => pick(
            lang,
            format!("嵌套太深，在第 {line} 行第 {column} 列"),
            format!("nested too deeply, at line {line} column {column}"),
        ),
        TooDeep {
            limit: Some(limit),
            at: None,
        } => pick(
            lang,
            format!("嵌套超过 {limit} 层"),
            format!("nested more than {limit} levels deep"),
        ),
        TooDeep {
            limit: None,
            at: None,
        } => pick(lang, "嵌套太深", "nested too deeply"),
        Syntax { detail } => detail.clone(),
        NotATable => pick(
            lang,
            "事实文件的顶层应是 名称 = 值 的表",
            "the top level must be a table of name = value",
        ),
        NotUtf8 { valid_up_to } => pick(
            lang,
            format!("记录不是有效的 UTF-8（第 {valid_up_to} 字节处）"),
            format!("the record is not valid UTF-8 (at byte {valid_up_to})"),
        ),
        ColumnNotUtf8 { column } => pick(
            lang,
            format!("「{column}」一栏不是有效的 UTF-8"),
            format!("column `{column}` is not valid UTF-8"),
        ),
    }
}

pub fn message(error: &EvalError, lang: Lang) -> String {
    use EvalError::*;
    match error {
        MissingFact {
            name,
            clause,
            needed_by: Some(by),
        } if by != clause => pick(
            lang,
            format!("缺少事实「{name}」（该事实声明于{clause}）"),
            format!("missing fact `{name}` (declared in {clause})"),
        ),
        MissingFact { name, .. } => pick(
            lang,
            format!("缺少事实「{name}」"),
            format!("missing fact `{name}`"),
        ),
        FactType {
            name,
            expected,
            found,
            ..
        } => pick(
            lang,
            format!(
                "事实「{name}」的值 {found} 类型不对，应为{}",
                shape(expected, lang)
            ),
            format!(
                "fact `{name}` has the wrong type: `{found}`; expected {}",
                shape(expected, lang)
            ),
        ),
        UnknownEnumValue { name, value, .. } => pick(
            lang,
            format!("事实「{name}」的值「{value}」不在可选值中"),
            format!("fact `{name}`: `{value}` is not an allowed value"),
        ),
        FactRange {
            name, value, range, ..
        } => {
            let unit = &range.unit;
            let (lo, hi, u) = (
                format_amount(range.low, unit),
                format_amount(range.high, unit),
                &unit.name,
            );
            // An open end (范围 0人 以上) is written as the drafter wrote it.
            match (range.low == Decimal::MIN, range.high == Decimal::MAX) {
                (false, true) => pick(
                    lang,
                    format!("事实「{name}」的值 {value} 超出范围 {lo}{u} 以上"),
                    format!("fact `{name}` = `{value}` is below `{lo}{u}`"),
                ),
                (true, false) => pick(
                    lang,
                    format!("事实「{name}」的值 {value} 超出范围 {hi}{u} 以下"),
                    format!("fact `{name}` = `{value}` is above `{hi}{u}`"),
                ),
                _ => pick(
                    lang,
                    format!("事实「{name}」的值 {value} 超出范围 {lo}{u} 至 {hi}{u}"),
                    format!("fact `{name}` = `{value}` is outside `{lo}{u}` to `{hi}{u}`"),
                ),
            }
        }
        OutsideValidity {
            fact,
            date,
            effective,
            expires,
            clause,
        } => pick(
            lang,
            format!(
                "{fact} {date} 不在有效期内：本文件自 {effective} 起施行，有效期至 {expires}（{clause}）"
            ),
            format!(
                "`{fact}` {date} is outside the validity window {effective} to {expires} ({clause})"
            ),
        ),
        NoRule { name, .. } => pick(
            lang,
            format!("「{name}」在本案情形下没有适用的规则"),
            format!("no rule gives `{name}` for this case"),
        ),
        Conflict {
            name,
            clauses,
            values,
            cases,
        } => {
            // Rows of one table share its clause: name the rows.
            let in_table: Option<Vec<usize>> = cases.iter().map(|(_, row)| *row).collect();
            let which = match (clauses.as_slice(), in_table, lang) {
                ([one], Some(rows), Lang::Zh) => {
                    format!("{one}决策表的{}", table_rows(&rows, lang))
                }
                ([one], Some(rows), Lang::En) => {
                    format!("{} of the table in {one}", table_rows(&rows, lang))
                }
                ([one], None, Lang::Zh) => format!("{one}中的多条规则"),
                ([one], None, Lang::En) => format!("several cases in {one}"),
                _ => list_and(clauses, lang),
            };
            pick(
                lang,
                format!(
                    "「{name}」同时适用{which}，结果不同（{}），且未声明优先关系",
                    values.join(" / ")
                ),
                format!(
                    "`{name}`: {which} all apply with different results ({}) and no declared priority",
                    quoted(values).join(" / ")
                ),
            )
        }
        Arithmetic { problem, .. } => arithmetic(problem, lang),
        Calendar { error, .. } => pick(
            lang,
            format!("期限无法计算：{}", error.message(lang)),
            format!("cannot compute the deadline: {}", error.message(lang)),
        ),
        NoParamValue {
            name, date, first, ..
        } => pick(
            lang,
            format!(
                "参数「{name}」在 {date} 没有生效的值{}",
                first
                    .map(|f| format!("（最早自 {f} 起）"))
                    .unwrap_or_default()
            ),
            format!("parameter `{name}` has no value in force on {date}"),
        ),
        UnknownOutput { name } => pick(
            lang,
            format!("文件中没有名为「{name}」的输出或规则"),
            format!("no output or rule named `{name}`"),
        ),
        Reading(ReadingSelectError::UnknownReading { id, known }) => pick(
            lang,
            format!(
                "没有读法「{id}」；{}",
                known_list(known, "本文件的读法", lang)
            ),
            format!(
                "no reading `{id}`; {}",
                known_list(known, "the notice's readings", lang)
            ),
        ),
        Reading(ReadingSelectError::UnknownChoice { id, choice, known }) => pick(
            lang,
            format!(
                "读法「{id}」没有选项「{choice}」；{}",
                known_list(known, "它的选项", lang)
            ),
            format!(
                "reading `{id}` has no choice `{choice}`; {}",
                known_list(known, "its choices", lang)
            ),
        ),
        FactsFile { problem } => pick(
            lang,
            format!("事实文件无法读取：{}", facts_problem(problem, lang)),
            format!(
                "cannot read the facts file: {}",
                facts_problem(problem, lang)
            ),
        ),
    }
}

pub fn help(error: &EvalError, lang: Lang) -> String {
    use EvalError::*;
    match error {
        MissingFact { name, .. } => pick(
            lang,
            format!("在事实文件中加上 \"{name}\" 的值"),
            format!("add a value for `{name}` to the facts file"),
        ),
        FactType { .. } => pick(
            lang,
            "按声明的类型和单位填写",
            "give the value in the declared type and unit",
        ),
        UnknownEnumValue { allowed, .. } => pick(
            lang,
            format!("可选值：{}", list(allowed, lang)),
            format!("allowed: {}", list(&quoted(allowed), lang)),
        ),
        FactRange { .. } => pick(lang, "核对数值和单位", "check the number and its unit"),
        OutsideValidity { .. } => pick(
            lang,
            "有效期外的案件不适用本文件；核对日期，或适用当时有效的文件",
            "the notice does not apply outside its window; check the date or use the notice then in force",
        ),
        NoRule { .. } => pick(
            lang,
            "这是规则的空白（gap）：补充规则，或用 原则上 写出默认值",
            "a gap in the rules: add a case or a default (`原则上`)",
        ),
        Conflict { .. } => pick(
            lang,
            "用 优先于 声明哪一条是例外，或用决策表的 命中 取大/取小/首条",
            "declare the exception with `优先于` (over), or use a table hit policy",
        ),
        Arithmetic { .. } => pick(
            lang,
            "核对事实中的数值，或该条的计算公式",
            "check the numbers in the facts, or the formula in this clause",
        ),
        Calendar { error, .. } => error.help(lang),
        NoParamValue { .. } => pick(
            lang,
            "核对案件日期，或补充该日期的参数值",
            "check the case date or add a dated value",
        ),
        UnknownOutput { .. } => pick(
            lang,
            "用 polc check 查看文件声明的名称",
            "see the declared names with polc check",
        ),
        Reading(_) => pick(
            lang,
            "写 --reading 条款/名称=选项，如 --reading 第四条/期限竞合=相加；polc check --readings 列出全部读法",
            "write `--reading CLAUSE/NAME=CHOICE`, e.g. `--reading 第四条/期限竞合=相加`; `polc check --readings` lists them",
        ),
        FactsFile { .. } => pick(
            lang,
            "事实文件是 JSON 或 TOML 的 名称 = 值 表",
            "a facts file is a JSON or TOML table of name = value",
        ),
    }
}

/// "the notice's readings: a、b" or, when there are none, that there are none.
fn known_list(known: &[String], what: &str, lang: Lang) -> String {
    match (known.is_empty(), lang) {
        (true, Lang::Zh) => format!("{what}：无"),
        (true, Lang::En) => format!("{what}: none"),
        (false, Lang::Zh) => format!("{what}：{}", known.join("、")),
        (false, Lang::En) => format!(
            "{what}: {}",
            known
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}
