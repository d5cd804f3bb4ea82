//! Codes of the checker: names, types, units, clause structure, citations
//! and acknowledgements within one notice.

use super::{
    Code,
    Severity::{Error, Warning},
    Trigger::Ui,
    text,
};

pub const UNKNOWN_NAME: Code = Code {
    name: "polc::check::unknown_name",
    severity: Error,
    summary: text(
        "使用了未声明的名称（给出相近名称的建议）",
        "a name that nothing declares (with the closest declared name, if one is close)",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  事实 有稳定收入: 布尔\n  输出 予以救助: 布尔\n  原则上 予以救助 = 是\n  予以救助 = 否 若 有稳定收人",
    fix: text(
        "改正名称的写法，或先用 事实、参数、规则 或 输出 声明它",
        "correct the spelling, or declare the name with `事实`, `参数`, `规则` or `输出` first",
    ),
    trigger: Ui,
};

pub const DUPLICATE_NAME: Code = Code {
    name: "polc::check::duplicate_name",
    severity: Error,
    summary: text(
        "同一名称声明了两次（事实、参数、规则、输出、名单、决策表共用一个名称空间）",
        "one name declared twice (facts, parameters, rules, outputs, rosters and tables share one namespace)",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  事实 家庭人口: 人\n  输出 人数: 人 = 家庭人口\n第二条\n  事实 家庭人口: 人",
    fix: text(
        "删去其中一处，或改用不同的名称",
        "remove one declaration, or give one of them another name",
    ),
    trigger: Ui,
};

pub const TYPE_MISMATCH: Code = Code {
    name: "polc::check::type_mismatch",
    severity: Error,
    summary: text(
        "类型不符，如条件不是布尔值、输出声明为布尔却给了金额、日期 - N个工作日、日期 + N小时",
        "a value of the wrong type: a condition that is not a boolean, an amount given to a boolean output, a date minus working days, a date plus hours",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  事实 家庭人口: 人\n  输出 予以救助: 布尔\n  予以救助 = 是 若 家庭人口",
    fix: text(
        "检查名称是否写错，或是否漏写了比较（家庭人口 3人以上）",
        "check the names, or whether a comparison is missing (`家庭人口 3人以上`)",
    ),
    trigger: Ui,
};

pub const UNIT_MISMATCH: Code = Code {
    name: "polc::check::unit_mismatch",
    severity: Error,
    summary: text(
        "量纲不符，如 元 + 亩、工作日 + 日、比较两边量纲不同",
        "units of different dimensions combined: `元` + `亩`, `工作日` + `日`, a comparison across dimensions",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  事实 补偿金额: 元\n  事实 林地面积: 亩\n  输出 合计: 元 = 补偿金额 + 林地面积",
    fix: text(
        "同一量纲的单位可以换算（万元与元、%与‰），不同量纲不能相加或比较；核对是否引用了错误的事实",
        "units of one dimension convert (`万元` and `元`, `%` and `‰`); different dimensions cannot be added or compared: check whether the wrong fact is used",
    ),
    trigger: Ui,
};

pub const UNKNOWN_UNIT: Code = Code {
    name: "polc::check::unknown_unit",
    severity: Error,
    summary: text(
        "未知单位（语法只接受单位表中的单位，只有程序构造的语法树会有别的单位）",
        "a unit polc does not know (the grammar accepts only the unit table, so this is rare)",
    ),
    example: "（语法只接受单位表中的单位；程序构造的语法树才会有别的单位）",
    fix: text(
        "用单位表中的单位（元、亩、人、次、日、工作日 ……）",
        "use a unit of the table (`元`, `亩`, `人`, `次`, `日`, `工作日` …)",
    ),
    trigger: super::Trigger::Elsewhere {
        why: "the grammar reads only the units of the unit table (units::every_grammar_unit_resolves), so only a syntax tree built in code has another",
        test: "src/check/tests.rs",
    },
};

pub const UNKNOWN_ENUM_VALUE: Code = Code {
    name: "polc::check::unknown_enum_value",
    severity: Error,
    summary: text(
        "枚举值不在声明的可选值中",
        "a value that is not one of the enumeration's declared values",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  事实 所在区域: 枚举(城区, 农村)\n  输出 城区: 布尔 = 所在区域 为 郊区",
    fix: text(
        "改用声明的可选值之一，或在枚举中补上该值",
        "use one of the declared values, or add the value to the enumeration",
    ),
    trigger: Ui,
};

pub const CLAUSE_ORDER: Code = Code {
    name: "polc::check::clause_order",
    severity: Error,
    summary: text(
        "条款编号不连续（跳号、倒序，或不从一开始）",
        "clause numbers out of order (a number skipped, reversed, or not starting at one)",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  原文 \"……\"\n第三条\n  原文 \"……\"",
    fix: text(
        "按原文从一开始依次编号",
        "number the clauses as the notice does, consecutively from one",
    ),
    trigger: Ui,
};

pub const DUPLICATE_CLAUSE: Code = Code {
    name: "polc::check::duplicate_clause",
    severity: Error,
    summary: text(
        "同级条款编号重复",
        "one clause number used twice at the same level",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  （一）\n    原文 \"……\"\n  （一）\n    原文 \"……\"",
    fix: text(
        "合并两处内容，或重新编号",
        "merge the two clauses, or renumber them",
    ),
    trigger: Ui,
};

pub const DANGLING_CITATION: Code = Code {
    name: "polc::check::dangling_citation",
    severity: Error,
    summary: text(
        "引用的条款不存在",
        "a citation of a clause that does not exist",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  参见 第九条",
    fix: text(
        "核对条、款、项、目的编号",
        "check the numbers of the article, paragraph, item and subitem cited",
    ),
    trigger: Ui,
};

pub const DATE_OUTSIDE_VALIDITY: Code = Code {
    name: "polc::check::date_outside_validity",
    severity: Warning,
    summary: text(
        "日期常量（参数的生效日期、表达式中的日期）不在有效期内",
        "a date written in the notice (a parameter's start, a date in a rule) outside its validity window",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  事实 申请日期: 日期\n  参数 标准: 元\n    自 2015年1月1日 起 100元\n  输出 补助: 元 = 标准\n  施行 2016年3月1日\n  有效期至 2018年2月28日\n  案件日期 申请日期",
    fix: text(
        "核对日期，或核对有效期条款；原文如此的，用「确认」说明",
        "check the date or the validity clause; if the notice says so, acknowledge it with `确认`",
    ),
    trigger: Ui,
};

pub const UNUSED_FACT: Code = Code {
    name: "polc::check::unused_fact",
    severity: Warning,
    summary: text(
        "声明的事实没有任何规则使用",
        "a fact declared that no rule reads",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  事实 家庭人口: 人\n  输出 补助: 元 = 100元",
    fix: text(
        "删去该事实，或在规则中使用它；不可计算的条款不需要声明事实",
        "remove the fact or use it in a rule; clauses that are not computable need no facts",
    ),
    trigger: Ui,
};

pub const CAP_ALWAYS_ASKS: Code = Code {
    name: "polc::check::cap_always_asks",
    severity: Warning,
    summary: text(
        "上限无法惰性跳过：它没有条件、没有情形优先于它、也没有固定的下限，每个案件都须给出它读的事实",
        "a cap laziness cannot skip: no condition, no case over it, no literal floor, so every case must give the facts it reads",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  事实 符合条件: 布尔\n  事实 本季已领取: 元\n  输出 补助: 元\n  补助 = 500元 若 符合条件\n  补助 = 0元 若 非 符合条件\n  上限 补助 = 800元 - 本季已领取",
    fix: text(
        "写出下限（如 下限 补助 = 0元）使已为零的案件不必计算上限，或给上限加上原文的条件；原文如此则用 确认 说明",
        "add the floor (such as 下限 补助 = 0元) so that cases already at it skip the cap, or give the cap the text's condition; acknowledge it if the text says so",
    ),
    trigger: Ui,
};

pub const TYPICAL_OUTSIDE_RANGE: Code = Code {
    name: "polc::check::typical_outside_range",
    severity: Warning,
    summary: text(
        "事实的通常范围（通常 … 至 …）不在它的范围之内，或下界大于上界：超出通常范围只警告，超出范围则拒绝，二者矛盾",
        "a fact's plausibility range (`通常 … 至 …`) is not inside its hard range, or its low end is above its high end: the one only warns where the other refuses",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  事实 家庭人口: 人 范围 1人 以上 通常 0人 至 20人\n  输出 补助: 元 = 100元 × 家庭人口",
    fix: text(
        "把通常范围写在范围之内：范围是原文或法律规定的界限，通常范围是常见案件的取值",
        "put the plausibility range inside the hard range: the hard range is what the text or the law states, the plausibility range what cases usually give",
    ),
    trigger: Ui,
};

pub const UNDEFINED_OUTPUT: Code = Code {
    name: "polc::check::undefined_output",
    severity: Error,
    summary: text(
        "输出或规则没有任何情形给出它的值",
        "an output or rule that no case gives a value",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  输出 补助金额: 元",
    fix: text(
        "写一条情形，如 补助金额 = … 若 …",
        "add a case, such as `补助金额 = … 若 …`",
    ),
    trigger: Ui,
};

pub const ASSIGN_TO_INPUT: Code = Code {
    name: "polc::check::assign_to_input",
    severity: Error,
    summary: text(
        "情形给事实或参数赋值",
        "a case that assigns a fact or a parameter",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  事实 家庭人口: 人\n  输出 人数: 人 = 家庭人口\n  家庭人口 = 3人",
    fix: text(
        "把它声明为 规则 或 输出，或者给情形另起名称",
        "declare it with `规则` or `输出`, or give the case a name of its own",
    ),
    trigger: Ui,
};

pub const PRIORITY_CYCLE: Code = Code {
    name: "polc::check::priority_cycle",
    severity: Error,
    summary: text(
        "「优先于」关系成环",
        "priorities (`优先于`) that form a cycle",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  事实 甲: 布尔\n  事实 乙: 布尔\n  输出 结果: 元\n  结果 = 1元 若 甲 优先于 第二条\n第二条\n  结果 = 2元 若 乙 优先于 第一条",
    fix: text(
        "优先于 必须是单向的：例外优先于原则",
        "`优先于` points one way: the exception over the rule",
    ),
    trigger: Ui,
};

pub const OVERRIDES_NOTHING: Code = Code {
    name: "polc::check::overrides_nothing",
    severity: Warning,
    summary: text(
        "「优先于」所引条款中没有同名的情形或上限、下限",
        "`优先于` cites a clause that has no case, cap or floor of the same name",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  事实 甲: 布尔\n  输出 结果: 元\n  原则上 结果 = 0元\n第二条\n  原文 \"本条没有规则\"\n第三条\n  结果 = 1元 若 甲 优先于 第二条",
    fix: text("核对被优先的条款", "check the clause the case overrides"),
    trigger: Ui,
};

pub const DEPENDENCY_CYCLE: Code = Code {
    name: "polc::check::dependency_cycle",
    severity: Error,
    summary: text(
        "规则直接或间接依赖自身",
        "a rule that depends on itself, directly or through others",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  规则 甲: 元 = 乙 + 1元\n  规则 乙: 元 = 甲\n  输出 结果: 元 = 甲",
    fix: text(
        "规则不能循环引用；拆开循环",
        "rules cannot refer to themselves: break the cycle",
    ),
    trigger: Ui,
};

pub const ROSTER_COUNT: Code = Code {
    name: "polc::check::roster_count",
    severity: Error,
    summary: text(
        "名单写明的人数（共 N）与列出的个数不符",
        "a roster whose stated count (`共 N`) differs from the names listed",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  原文 \"先进个人：张三、李四。\"\n  名单 先进个人 共 3 名 { \"张三\", \"李四\" }",
    fix: text(
        "核对原文的人数和名单",
        "check the count against the list in the notice",
    ),
    trigger: Ui,
};

pub const ROSTER_DUPLICATE: Code = Code {
    name: "polc::check::roster_duplicate",
    severity: Error,
    summary: text(
        "同一名单中同一成员出现两次（漏抄一人而重抄一人时，人数仍然相符）",
        "a roster listing one name twice (a name left out and another copied twice still adds up)",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  原文 \"先进个人：张三、张三。\"\n  名单 先进个人 共 2 名 { \"张三\", \"张三\" }",
    fix: text(
        "删去重复的一处，并核对原文是否漏抄了别的名字",
        "remove the repetition and check the notice for a name left out",
    ),
    trigger: Ui,
};

pub const MISSING_DOC_NUMBER: Code = Code {
    name: "polc::check::missing_doc_number",
    severity: Error,
    summary: text("缺少文号", "the notice has no document number (文号)"),
    example: "第一条\n  原文 \"……\"",
    fix: text(
        "在文件开头写 文号 \"临政发〔2016〕4号\"",
        "start the file with `文号 \"临政发〔2016〕4号\"`",
    ),
    trigger: Ui,
};

pub const VALIDITY: Code = Code {
    name: "polc::check::validity",
    severity: Error,
    summary: text(
        "有效期写法有误：只写了施行或有效期至之一、施行晚于有效期至、案件日期不是日期事实、阶段起始日晚于结束日",
        "a validity window written wrong: only one of `施行` and `有效期至`, the start after the end, a case date that is not a date fact, a phase that ends before it starts",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  事实 申请日期: 日期\n  输出 受理日: 日期 = 申请日期\n第二条\n  施行 2018年4月1日\n  有效期至 2016年3月31日\n  案件日期 申请日期",
    fix: text(
        "施行日期须早于有效期至，案件日期须是日期类型的事实",
        "the start must come before the end; the case date must be a date fact",
    ),
    trigger: Ui,
};

pub const NO_CASE_DATE: Code = Code {
    name: "polc::check::no_case_date",
    severity: Warning,
    summary: text(
        "写明了有效期，但没有案件日期：求值时无法检查案件是否在有效期内",
        "a validity window without a case date, so evaluation cannot check a case against it",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  输出 补助: 元 = 100元\n第二条\n  施行 2016年4月1日\n  有效期至 2018年3月31日",
    fix: text(
        "在有效期条款中加上 案件日期 申请日期（用声明为日期的事实）",
        "add `案件日期 NAME` (a date fact) to the validity clause",
    ),
    trigger: Ui,
};

pub const TABLE_SHAPE: Code = Code {
    name: "polc::check::table_shape",
    severity: Error,
    summary: text(
        "决策表某行的格数与输入个数不同",
        "a decision table row with more or fewer cells than the table has inputs",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  事实 甲: 布尔\n  事实 乙: 布尔\n  决策表 结果: 元\n    输入 甲, 乙\n    | 是 | 是 | => 1元\n    | 否 | => 2元\n  输出 输出值: 元 = 结果",
    fix: text(
        "每行的条件格数要与 输入 的个数相同；不限条件写 -",
        "give each row one cell per input; write `-` for any value",
    ),
    trigger: Ui,
};

pub const BAD_ACKNOWLEDGEMENT: Code = Code {
    name: "polc::check::bad_acknowledgement",
    severity: Error,
    summary: text(
        "「确认」的代码不是 polc 的诊断代码，或没有写理由",
        "`确认` with a code polc does not have, or without a reason",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  输出 补助: 元 = 100元\n  确认 polc::check::overlapp \"原文如此\"",
    fix: text(
        "写法：确认 polc::check::overlap \"原文如此：……\"；polc explain --list 列出全部代码",
        "write `确认 polc::check::overlap \"原文如此：……\"`; `polc explain --list` lists every code",
    ),
    trigger: Ui,
};

pub const READING_CHOICES: Code = Code {
    name: "polc::check::reading_choices",
    severity: Error,
    summary: text(
        "读法的选项写错：同一选项写了两次，或没有、或有不止一个 采用 的选项",
        "a reading's choices written wrong: a choice named twice, or no adopted choice, or more than one",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  读法 期限竞合: \"几种期限同时适用时取哪个？\"\n    采用 从重 \"取最长者\"\n    采用 相加 \"各期限相加\"",
    fix: text(
        "恰好一个选项写 采用，其余写 备选，每个选项的名称只写一次",
        "write `adopt` on exactly one choice and `alternative` on the others, each name once",
    ),
    trigger: Ui,
};

pub const READING_DECIDES_NOTHING: Code = Code {
    name: "polc::check::reading_decides_nothing",
    severity: Warning,
    summary: text(
        "读法有备选，但没有规则、决策表或参数值按它取值，备选的结果无从计算",
        "a reading has alternatives but no rule, table or parameter value selects on it, so they cannot be evaluated",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  读法 期限竞合: \"几种期限同时适用时取哪个？\"\n    采用 从重 \"取最长者\"\n    备选 相加 \"各期限相加\"\n  输出 管理期限: 年 = 1年",
    fix: text(
        "让规则按读法取值（管理期限 = 3年 若 期限竞合 为 相加），或删去无从计算的备选、只留 采用 的一项作记录",
        "select on it (`管理期限 = 3年 if 期限竞合 is 相加`), or drop the alternatives and keep the adopted choice as a record",
    ),
    trigger: Ui,
};

pub const READING_IN_COMMENT: Code = Code {
    name: "polc::check::reading_in_comment",
    severity: Warning,
    summary: text(
        "注释写了「读法」「读作」或「原文未写」，但本条款没有 读法 语句：这一解释只有人看得见，工具看不见",
        "a comment says 读法, 读作 or 原文未写 but the clause has no `reading` statement: the interpretation is visible to people only",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  # “累计死亡2人”读作2人以上\n  事实 死亡人数: 人\n  输出 纳入: 布尔 = 死亡人数 2人以上",
    fix: text(
        "写成 读法 名称: \"原文留下的问题\" 采用 选项 \"所取的含义\"（可加 备选），或改写注释",
        "record it as `reading NAME: \"the open question\" adopt CHOICE \"the meaning taken\"` (with alternatives if any), or reword the comment",
    ),
    trigger: Ui,
};

pub const ALL: &[&Code] = &[
    &READING_CHOICES,
    &READING_DECIDES_NOTHING,
    &READING_IN_COMMENT,
    &UNKNOWN_NAME,
    &DUPLICATE_NAME,
    &TYPE_MISMATCH,
    &UNIT_MISMATCH,
    &UNKNOWN_UNIT,
    &UNKNOWN_ENUM_VALUE,
    &CLAUSE_ORDER,
    &DUPLICATE_CLAUSE,
    &DANGLING_CITATION,
    &DATE_OUTSIDE_VALIDITY,
    &UNUSED_FACT,
    &TYPICAL_OUTSIDE_RANGE,
    &CAP_ALWAYS_ASKS,
    &UNDEFINED_OUTPUT,
    &ASSIGN_TO_INPUT,
    &PRIORITY_CYCLE,
    &OVERRIDES_NOTHING,
    &DEPENDENCY_CYCLE,
    &ROSTER_COUNT,
    &ROSTER_DUPLICATE,
    &MISSING_DOC_NUMBER,
    &VALIDITY,
    &NO_CASE_DATE,
    &TABLE_SHAPE,
    &BAD_ACKNOWLEDGEMENT,
];
