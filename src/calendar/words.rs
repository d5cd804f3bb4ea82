//! What calendar errors say, in Chinese and English. The data is in
//! [`super::error`].

use super::error::{CalendarError, DataProblem};
use crate::diag::{Lang, pick};
use chrono::Datelike;

pub fn message(error: &CalendarError, lang: Lang) -> String {
    match error {
        CalendarError::OutOfRange { date, first, last } => pick(
            lang,
            format!("日期 {date} 超出工作日历数据范围（{first} 至 {last}）"),
            format!("date {date} is outside the working-day data ({first} to {last})"),
        ),
        CalendarError::Overflow => pick(lang, "期间计算溢出", "the period count overflows"),
        CalendarError::BadData(problem) => pick(
            lang,
            format!("工作日历数据无效：{}", data(problem, lang)),
            format!("invalid working-day data: {}", data(problem, lang)),
        ),
    }
}

fn data(problem: &DataProblem, lang: Lang) -> String {
    use DataProblem::*;
    match problem {
        Toml { detail } => pick(
            lang,
            format!("TOML 解析失败: {detail}"),
            format!("not TOML: {detail}"),
        ),
        NoYears => pick(lang, "没有任何 [[year]] 条目", "no [[year]] entry"),
        YearsNotContiguous { years } => pick(
            lang,
            format!("年份不连续或重复: {years:?}"),
            format!("years not contiguous or repeated: {years:?}"),
        ),
        InvalidYear { year } => pick(
            lang,
            format!("年份 {year} 无效"),
            format!("year {year} is not valid"),
        ),
        DuplicateHoliday { date } => pick(
            lang,
            format!("假日 {date} 重复"),
            format!("holiday {date} is listed twice"),
        ),
        WorkdayNotWeekend { date } => pick(
            lang,
            format!("调休上班日 {date} 不是周末"),
            format!("make-up working day {date} is not a weekend day"),
        ),
        DuplicateWorkday { date } => pick(
            lang,
            format!("调休上班日 {date} 重复"),
            format!("make-up working day {date} is listed twice"),
        ),
        BothLists { date } => pick(
            lang,
            format!("{date} 同时列为假日和上班日"),
            format!("{date} is listed both as a holiday and as a working day"),
        ),
        NotPlainDate { text } => pick(
            lang,
            format!("{text} 不是纯日期"),
            format!("{text} is not a plain date"),
        ),
        InvalidDate { text } => pick(
            lang,
            format!("{text} 不是有效日期"),
            format!("{text} is not a valid date"),
        ),
        WrongYear { date, year } => pick(
            lang,
            format!("{date} 列在 {year} 年下"),
            format!("{date} is listed under the year {year}"),
        ),
        TotalMismatch {
            year,
            computed,
            declared,
        } => pick(
            lang,
            format!("{year} 年工作日数计算为 {computed}，数据文件声明为 {declared}"),
            format!(
                "{year} has {computed} working days by the table, but the file declares {declared}"
            ),
        ),
    }
}

/// What to do, when an evaluation or a library call meets the error. The
/// years covered come from the error itself, not from a calendar in use.
pub fn help(error: &CalendarError, lang: Lang) -> String {
    match error {
        CalendarError::OutOfRange { first, last, .. } => {
            out_of_range_help(first.year(), last.year(), lang)
        }
        CalendarError::Overflow => pick(lang, "缩短期间", "use a shorter period"),
        CalendarError::BadData(_) => pick(
            lang,
            "数据表的格式见 data/cn-workdays-*.toml：每年一个 [[year]]，年份接着已有的最后一年、不重复不间断",
            "see data/cn-workdays-*.toml for the format: one [[year]] per year, continuing the last year given, none twice, none left out",
        ),
    }
}

/// How to add a year beyond the covered range.
pub fn out_of_range_help(first: i32, last: i32, lang: Lang) -> String {
    pick(
        lang,
        format!(
            "工作日历只有 {first} 年至 {last} 年的官方数据；国务院办公厅公布下一年的安排后，用 --calendar 文件 补上（格式同 data/cn-workdays-*.toml）"
        ),
        format!(
            "the working-day calendar has official data for {first}-{last} only; once the State Council announces the next year, add it with --calendar FILE (format of data/cn-workdays-*.toml)"
        ),
    )
}

pub fn file_message(path: &str, error: &CalendarError, lang: Lang) -> String {
    pick(
        lang,
        format!("工作日历文件 {path} 不能使用：{}", message(error, lang)),
        format!(
            "calendar file `{path}` cannot be used: {}",
            message(error, lang)
        ),
    )
}

pub fn file_help(lang: Lang) -> String {
    pick(
        lang,
        "文件只写内置数据最后一年之后的年份，每年一个 [[year]]，格式同 data/cn-workdays-2016-2026.toml；写了 working_days_total 的年份会按它核对",
        "list only the years after the last year of the embedded data, one [[year]] each, in the format of data/cn-workdays-2016-2026.toml; a year's working_days_total, when given, is checked",
    )
}
