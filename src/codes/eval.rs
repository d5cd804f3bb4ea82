//! Codes of evaluation: what is missing or wrong in a case.

use super::{
    Code,
    Severity::{Error, Warning},
    Trigger::Ui,
    text,
};

pub const MISSING_FACT: Code = Code {
    name: "polc::eval::missing_fact",
    severity: Error,
    summary: text(
        "计算需要的事实没有提供",
        "a fact the evaluation needs is not given",
    ),
    example: "notice: 事实 家庭人口: 人\nfacts:  {}",
    fix: text(
        "在事实文件中加上该事实的值",
        "add a value for the fact to the facts file",
    ),
    trigger: Ui,
};

pub const FACT_TYPE: Code = Code {
    name: "polc::eval::fact_type",
    severity: Error,
    summary: text(
        "事实的值不符合声明：类型或单位不对、计数不是整数、超出范围、不是可选的枚举值",
        "a fact's value does not fit its declaration: wrong type or unit, a fractional count, out of range, not an allowed value",
    ),
    example: "notice: 事实 家庭人口: 人 范围 1人 至 20人\nfacts:  {\"家庭人口\": 30}",
    fix: text(
        "按声明的类型、单位和范围填写",
        "give the value in the declared type, unit and range",
    ),
    trigger: Ui,
};

pub const OUTSIDE_VALIDITY: Code = Code {
    name: "polc::eval::outside_validity",
    severity: Error,
    summary: text(
        "案件日期不在有效期内",
        "the case date lies outside the notice's validity window",
    ),
    example: "notice: 施行 2016年4月1日 / 有效期至 2018年3月31日 / 案件日期 申请日期\nfacts:  {\"申请日期\": \"2019-01-01\"}",
    fix: text(
        "核对日期，或适用当时有效的文件",
        "check the date, or apply the notice in force then",
    ),
    trigger: Ui,
};

pub const NO_RULE: Code = Code {
    name: "polc::eval::no_rule",
    severity: Error,
    summary: text(
        "该案件下没有适用的情形（规则的空白），或 --output 指定的名称不存在",
        "no case applies to this case (a gap in the rules), or `--output` names nothing declared",
    ),
    example: "notice: 补助 = 100元 若 家庭人口 3人以上\nfacts:  {\"家庭人口\": 1}",
    fix: text(
        "补充情形，或用「原则上」写出默认值",
        "add a case, or a default with `原则上`",
    ),
    trigger: Ui,
};

pub const CONFLICT: Code = Code {
    name: "polc::eval::conflict",
    severity: Error,
    summary: text(
        "多条适用情形结果不同，且未声明优先关系",
        "several cases apply with different values and no priority is declared",
    ),
    example: "notice: 补助 = 1000元 若 家庭人口 3人以上 / 补助 = 800元 若 所在区域 为 城区\nfacts:  {\"家庭人口\": 3, \"所在区域\": \"城区\"}",
    fix: text(
        "用「优先于」声明哪一条是例外，或用决策表的命中规则",
        "declare the exception with `优先于`, or use a table hit policy",
    ),
    trigger: Ui,
};

pub const ARITHMETIC: Code = Code {
    name: "polc::eval::arithmetic",
    severity: Error,
    summary: text(
        "算术错误：除数为零、溢出、期间不是整数、整数单位的结果算出小数、不支持的日期运算",
        "an arithmetic error: division by zero, overflow, a period that is not whole, a fraction of a counted unit, an unsupported date operation",
    ),
    example: "notice: 人均收入: 元/人 = 家庭收入 / 家庭人口\nfacts:  {\"家庭收入\": \"1000\", \"家庭人口\": 0}",
    fix: text(
        "核对事实中的数值，或该条的计算公式",
        "check the numbers in the facts, or the formula of the clause",
    ),
    trigger: Ui,
};

pub const CALENDAR: Code = Code {
    name: "polc::eval::calendar",
    severity: Error,
    summary: text(
        "期限无法计算：日期超出工作日历数据（内置 2016—2026 年，可用 --calendar 补充以后的年份）",
        "a deadline cannot be computed: a date beyond the working-day calendar (2016-2026 built in; add later years with `--calendar`)",
    ),
    example: "notice: 办理时限: 日期 = 申请日期 + 15个工作日\nfacts:  {\"申请日期\": \"2030-01-01\"}",
    fix: text(
        "国务院办公厅公布该年安排后，用 --calendar 文件 补上",
        "once the State Council announces the year, add it with `--calendar FILE`",
    ),
    trigger: Ui,
};

pub const NO_PARAM_VALUE: Code = Code {
    name: "polc::eval::no_param_value",
    severity: Error,
    summary: text(
        "参数在案件日期没有生效的值",
        "a parameter has no value in force on the case date",
    ),
    example: "notice: 参数 标准: 元 / 自 2017年1月1日 起 100元\nfacts:  {\"申请日期\": \"2016-06-01\"}",
    fix: text(
        "核对案件日期，或补充该日期的参数值",
        "check the case date, or add a value from an earlier date",
    ),
    trigger: Ui,
};

pub const FACTS_FILE: Code = Code {
    name: "polc::eval::facts_file",
    severity: Error,
    summary: text(
        "事实文件无法解析（不是 JSON 或 TOML 的 名称 = 值 表）",
        "the facts cannot be read (not a JSON or TOML table of name = value)",
    ),
    example: "facts: [1, 2, 3]",
    fix: text(
        "事实文件是 JSON 或 TOML 的 名称 = 值 表",
        "write the facts as a JSON or TOML table of name = value",
    ),
    trigger: super::Trigger::Elsewhere {
        why: "a tests/ui/eval case gives its facts as a TOML table the harness has already read",
        test: "tests/cli.rs",
    },
};

pub const UNKNOWN_READING: Code = Code {
    name: "polc::eval::unknown_reading",
    severity: Error,
    summary: text(
        "--reading（或测试用例的 readings）指定的读法不存在，或该读法没有这个选项",
        "`--reading` (or a test case's `readings`) names no reading of the notice, or a choice the reading does not have",
    ),
    example: "polc eval policies/blacklist.pol --facts case.json --reading 第四条/期限竞合=平均",
    fix: text(
        "用 polc check --readings 查看读法的编号（条款/名称）和选项",
        "list the readings' ids (CLAUSE/NAME) and choices with `polc check --readings`",
    ),
    trigger: super::Trigger::Elsewhere {
        why: "a command-line option or a test case's `readings`, not a notice",
        test: "tests/readings.rs",
    },
};

pub const IMPLAUSIBLE_FACT: Code = Code {
    name: "polc::eval::implausible_fact",
    severity: Warning,
    summary: text(
        "事实的值超出通常范围（通常 … 至 …）：原文没有规定这个界限，照常计算，但提醒核对",
        "a fact's value lies outside its plausibility range (`通常 … 至 …`): the text states no such bound, so the case is answered, with a reminder to check the value",
    ),
    example: "notice: 事实 家庭人口: 人 范围 1人 以上 通常 1人 至 20人\nfacts:  {\"家庭人口\": 25}",
    fix: text(
        "核对数值和单位；数值无误时答案照常有效。通常范围不合实际时，修改声明中的 通常",
        "check the number and its unit; if it is right the answer stands. If the usual range is unrealistic, change the declaration's 通常",
    ),
    trigger: Ui,
};

pub const ALL: &[&Code] = &[
    &MISSING_FACT,
    &FACT_TYPE,
    &OUTSIDE_VALIDITY,
    &NO_RULE,
    &CONFLICT,
    &ARITHMETIC,
    &CALENDAR,
    &NO_PARAM_VALUE,
    &FACTS_FILE,
    &UNKNOWN_READING,
    &IMPLAUSIBLE_FACT,
];
