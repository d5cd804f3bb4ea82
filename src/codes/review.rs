//! Codes of the review: the analyses across clauses, references between
//! notices, and acknowledgements. Their names keep the `polc::check::`
//! prefix they were published with: `polc check` reports them.

use super::{
    Code,
    Severity::{Error, Warning},
    Trigger::Ui,
    text,
};

pub const UNKNOWN_NOTICE: Code = Code {
    name: "polc::check::unknown_notice",
    severity: Error,
    summary: text(
        "「参见」的文号不在所检查的文件（及其同目录文件）中",
        "`参见` names a document number that no notice checked (or beside them) carries",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  原文 \"依照临政发〔2099〕1号第三条办理。\"\n  参见 \"临政发〔2099〕1号\" 第三条",
    fix: text(
        "核对文号，或把该文件的 .pol 放在同一目录；本公报以外的文件写在 依据 中",
        "check the document number, or put that notice's .pol file in the same folder; cite notices outside the gazette in `依据`",
    ),
    trigger: Ui,
};

pub const DUPLICATE_NOTICE: Code = Code {
    name: "polc::check::duplicate_notice",
    severity: Error,
    summary: text(
        "「参见」的文号在所检查的文件中有两个以上文件，引用有歧义",
        "`参见` names a document number that several notices carry, so the reference is ambiguous",
    ),
    example: "a.pol: 文号 \"临政发〔2016〕9号\"\nb.pol: 文号 \"临政发〔2016〕9号\"\nc.pol: 参见 \"临政发〔2016〕9号\"",
    fix: text(
        "一个文号只编码为一个文件；通知印发的几个文件写作该文件的 附件1、附件2",
        "encode one document number in one file; the documents a notice issues become its `附件1`, `附件2`",
    ),
    trigger: Ui,
};

pub const VALIDITY_CONFLICT: Code = Code {
    name: "polc::check::validity_conflict",
    severity: Warning,
    summary: text(
        "「参见」的文件的有效期与本文件的有效期没有重叠",
        "a cited notice whose validity window does not overlap this notice's",
    ),
    example: "old.pol: 文号 \"旧文〔2016〕1号\" … 有效期至 2018年3月31日\nnew.pol: 施行 2020年1月1日 … 参见 \"旧文〔2016〕1号\"",
    fix: text(
        "核对两份文件的施行日期和有效期",
        "check both notices' effective and expiry dates",
    ),
    trigger: Ui,
};

pub const UNUSED_ACKNOWLEDGEMENT: Code = Code {
    name: "polc::check::unused_acknowledgement",
    severity: Warning,
    summary: text(
        "「确认」没有对应的检查结论",
        "`确认` that no finding in its clause needs",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  原文 \"补助100元。\"\n  输出 补助: 元 = 100元\n  确认 polc::check::overlap \"原文如此\"",
    fix: text(
        "删去这条确认：检查结果已经消失（原文或编码已改）",
        "remove it: the finding is gone (the text or the encoding changed)",
    ),
    trigger: Ui,
};

pub const OVERLAP: Code = Code {
    name: "polc::check::overlap",
    severity: Error,
    summary: text(
        "同一输出的两种情形可能同时适用而结果不同，又没有写明优先关系",
        "two cases of one output can apply together with different values and no priority says which wins",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  原文 \"家庭人口、所在区域。\"\n  事实 家庭人口: 人 范围 1人 至 10人\n  事实 所在区域: 枚举(城区, 农村)\n  输出 补助金额: 元\n  原则上 补助金额 = 0元\n第二条\n  原文 \"3人以上的家庭补助1000元。\"\n  补助金额 = 1000元 若 家庭人口 3人以上\n第三条\n  原文 \"城区家庭补助800元。\"\n  补助金额 = 800元 若 所在区域 为 城区",
    fix: text(
        "用「优先于」写明哪条优先，或改成决策表并写明命中规则；原文如此的，用「确认」说明",
        "say which wins with `优先于`, or make it a table with a hit policy; if the notice says so, acknowledge it with `确认`",
    ),
    trigger: Ui,
};

pub const GAP: Code = Code {
    name: "polc::check::gap",
    severity: Error,
    summary: text(
        "在事实的取值范围内，有的输入下必需的输出没有任何适用的情形",
        "inputs within the facts' ranges for which a required output has no case that applies",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  原文 \"困难不满3个月的补助1个月，超过3个月的补助3个月。\"\n  事实 困难月数: 月 范围 0个月 至 12个月\n  输出 补助月数: 月\n  补助月数 = 1个月 若 困难月数 不满 3个月\n  补助月数 = 3个月 若 困难月数 超过 3个月",
    fix: text(
        "补上缺少的情形，或用「原则上」写明一般情况；确实不适用的，把输出标为「可缺省」",
        "add the missing case or a `原则上` default; if it truly does not apply, mark the output `可缺省`",
    ),
    trigger: Ui,
};

pub const MASKED_CASE: Code = Code {
    name: "polc::check::masked_case",
    severity: Warning,
    summary: text(
        "一种情形只在优先于它的情形也适用时才适用，永远不起作用",
        "a case that applies only where a case with priority over it applies too: it never decides anything",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  原文 \"低保的困难家庭补助300元；困难家庭补助600元。\"\n  事实 是否低保家庭: 布尔\n  事实 是否困难家庭: 布尔\n  输出 补助金额: 元\n  原则上 补助金额 = 0元\n  （一）\n    补助金额 = 300元 若 是否低保家庭 且 是否困难家庭\n  （二）\n    补助金额 = 600元 若 是否困难家庭 优先于 第一条第（一）项",
    fix: text(
        "检查条件是否写错，或删去这一情形",
        "check the condition, or remove the case",
    ),
    trigger: Ui,
};

pub const IMPOSSIBLE_CONDITION: Code = Code {
    name: "polc::check::impossible_condition",
    severity: Warning,
    summary: text(
        "条件在任何输入下都不成立",
        "a condition that no input within the facts' ranges satisfies",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  原文 \"家庭人口3人以上且不满2人的，补助500元。\"\n  事实 家庭人口: 人 范围 1人 至 10人\n  输出 补助金额: 元\n  原则上 补助金额 = 0元\n  补助金额 = 500元 若 家庭人口 3人以上 且 家庭人口 不满 2人",
    fix: text(
        "核对比较词和界限（以上、不满……）以及事实的取值范围",
        "check the comparison words and bounds (`以上`, `不满` …) and the facts' declared ranges",
    ),
    trigger: Ui,
};

pub const UNDECIDED: Code = Code {
    name: "polc::check::undecided",
    severity: Warning,
    summary: text(
        "两种情形是否重叠无法判定（条件比较的是计算出的值），试过的输入都没有重叠",
        "whether two cases overlap cannot be decided (their conditions compare computed values); no input tried made both apply",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  原文 \"人均收入低于300元的补助100元，高于500元的补助50元。\"\n  事实 家庭收入: 元 范围 0元 至 100000元\n  事实 家庭人口: 人 范围 1人 至 10人\n  规则 人均收入: 元/人 = 家庭收入 / 家庭人口\n  输出 补助: 元\n  原则上 补助 = 0元\n  补助 = 100元 若 人均收入 低于 300元/人\n  补助 = 50元 若 人均收入 高于 500元/人",
    fix: text(
        "如两者互斥，可改写为直接比较事实的条件，或用「优先于」写明优先关系",
        "if they exclude each other, compare facts directly, or state a priority with `优先于`",
    ),
    trigger: Ui,
};

pub const QUANTITY_BOUNDED_TWICE: Code = Code {
    name: "polc::check::quantity_bounded_twice",
    severity: Warning,
    summary: text(
        "同一个量在两个条款以相同的数字、不同的单位设界（0.4% 与 0.4‰）",
        "one quantity bounded in two clauses by the same number in different units (0.4% and 0.4‰)",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  原文 \"森林火灾受害率不超过0.4%。\"\n  事实 受害率: ‰ 范围 0‰ 至 1000‰\n  输出 达标甲: 布尔 = 受害率 不超过 0.4%\n第二条\n  原文 \"森林火灾受害率控制在0.4‰以下。\"\n  输出 达标乙: 布尔 = 受害率 0.4‰以下",
    fix: text(
        "核对原文是否一处写错了单位；原文如此的，用「确认」说明",
        "check whether one place has the wrong unit; if the notice says so, acknowledge it with `确认`",
    ),
    trigger: Ui,
};

pub const CAP_ALWAYS_BINDS: Code = Code {
    name: "polc::check::cap_always_binds",
    severity: Warning,
    summary: text(
        "上限低于被限额的值可能的最小值：按原式计算的金额永远不会支付",
        "a cap below the smallest value it caps: the amount as written is never paid",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  原文 \"按月标准发放3个月，最高2000元。\"\n  事实 月标准: 元 范围 800元 至 3000元\n  输出 补助: 元 = 月标准 × 3\n  上限 补助 = 2000元",
    fix: text("核对上限和计算式", "check the cap and the formula"),
    trigger: Ui,
};

pub const CAP_NEVER_BINDS: Code = Code {
    name: "polc::check::cap_never_binds",
    severity: Warning,
    summary: text(
        "上限不低于被限额的值可能的最大值：这个上限不起作用",
        "a cap at or above the largest value it caps: it never changes anything",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  原文 \"按月标准发放3个月，最高10000元。\"\n  事实 月标准: 元 范围 800元 至 3000元\n  输出 补助: 元 = 月标准 × 3\n  上限 补助 = 10000元",
    fix: text(
        "核对上限和事实的取值范围；原文如此的，用「确认」说明",
        "check the cap and the facts' ranges; if the notice says so, acknowledge it with `确认`",
    ),
    trigger: Ui,
};

pub const CAPS_DO_NOT_ADD_UP: Code = Code {
    name: "polc::check::caps_do_not_add_up",
    severity: Warning,
    summary: text(
        "每次的最高额 × 年内最多次数不等于全年上限（4000元 × 2次 与 8000元）",
        "the largest single payment times the most payments a year is not the annual cap (4000元 × 2 against 8000元)",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  原文 \"每次救助4000元，年内不超过2次，全年最高6000元。\"\n  事实 本年已救助次数: 次 范围 0次 至 12次\n  事实 本年已救助金额: 元 范围 0元 至 100000元\n  输出 救助金额: 元\n  原则上 救助金额 = 4000元\n  救助金额 = 0元 若 本年已救助次数 不少于 2次\n  上限 救助金额 = 6000元 - 本年已救助金额\n  下限 救助金额 = 0元",
    fix: text(
        "核对每次的标准、次数上限和全年上限",
        "check the single standard, the count limit and the annual cap",
    ),
    trigger: Ui,
};

pub const NUMBER_NOT_IN_TEXT: Code = Code {
    name: "polc::check::number_not_in_text",
    severity: Warning,
    summary: text(
        "规则中带单位的数在本条款及其上级条款的原文中找不到",
        "a number with a unit in a rule that the clause's text (or its parents') does not state",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  原文 \"补助4000元。\"\n  输出 补助: 元 = 5000元",
    fix: text(
        "核对规则与原文的数字和单位；原文在别处规定的，用「确认」说明出处",
        "check the rule's number and unit against the text; if the text states it elsewhere, acknowledge it with `确认` naming where",
    ),
    trigger: Ui,
};

pub const DEADLINE_CHAIN: Code = Code {
    name: "polc::check::deadline_chain",
    severity: Warning,
    summary: text(
        "「程序」的各环节时限合起来可能超过总时限",
        "the steps of a `程序` can take longer than its overall limit",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  原文 \"受理、办结各5个工作日，14日内完成。\"\n  参数 受理时限: 工作日\n    自 2016年3月5日 起 5个工作日\n  参数 两周: 日\n    自 2016年3月5日 起 14日\n  程序 简易程序 各环节 受理时限, 受理时限 总时限 两周",
    fix: text(
        "核对各环节时限与总时限",
        "check the step limits against the total",
    ),
    trigger: Ui,
};

pub const PHASE_ORDER: Code = Code {
    name: "polc::check::phase_order",
    severity: Warning,
    summary: text(
        "「阶段」开始得比写在它前面的阶段还早",
        "a `阶段` that starts before the phase written before it",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  原文 \"第一阶段6月，第二阶段5月至7月。\"\n  阶段 第一阶段 自 2016年6月1日 至 2016年6月30日\n  阶段 第二阶段 自 2016年5月1日 至 2016年7月31日",
    fix: text(
        "按时间先后排列各阶段，或核对起止日期",
        "list the phases in time order, or check their dates",
    ),
    trigger: Ui,
};

pub const PHASE_OVERLAP: Code = Code {
    name: "polc::check::phase_overlap",
    severity: Warning,
    summary: text(
        "「阶段」在前一阶段结束前就开始",
        "a `阶段` that starts before the phase before it has ended",
    ),
    example: "文号 \"测试〔2016〕1号\"\n第一条\n  原文 \"第一阶段6月，第二阶段6月15日至7月。\"\n  阶段 第一阶段 自 2016年6月1日 至 2016年6月30日\n  阶段 第二阶段 自 2016年6月15日 至 2016年7月31日",
    fix: text(
        "核对起止日期；原文有意交叉进行的，用「确认」说明",
        "check the dates; if the notice means the phases to overlap, acknowledge it with `确认`",
    ),
    trigger: Ui,
};

pub const ALL: &[&Code] = &[
    &UNKNOWN_NOTICE,
    &DUPLICATE_NOTICE,
    &VALIDITY_CONFLICT,
    &UNUSED_ACKNOWLEDGEMENT,
    &OVERLAP,
    &GAP,
    &MASKED_CASE,
    &IMPOSSIBLE_CONDITION,
    &UNDECIDED,
    &QUANTITY_BOUNDED_TWICE,
    &CAP_ALWAYS_BINDS,
    &CAP_NEVER_BINDS,
    &CAPS_DO_NOT_ADD_UP,
    &NUMBER_NOT_IN_TEXT,
    &DEADLINE_CHAIN,
    &PHASE_ORDER,
    &PHASE_OVERLAP,
];
