//! The checker's findings as data, and their words in both languages.

use super::codes;
use crate::clause::ClausePath;
use crate::diag::{Bilingual, Diagnostic, Severity};
use crate::source::Span;
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq)]
pub enum CheckError {
    UnknownName {
        name: String,
        span: Span,
        clause: ClausePath,
        suggestion: Option<String>,
    },
    DuplicateName {
        name: String,
        span: Span,
        clause: ClausePath,
        first: ClausePath,
    },
    TypeMismatch {
        expected: String,
        found: String,
        context: String,
        span: Span,
        clause: ClausePath,
    },
    UnitMismatch {
        left: String,
        right: String,
        op: String,
        span: Span,
        clause: ClausePath,
    },
    UnknownUnit {
        unit: String,
        span: Span,
        clause: ClausePath,
    },
    UnknownEnumValue {
        value: String,
        allowed: Vec<String>,
        span: Span,
        clause: ClausePath,
    },
    ClauseOrder {
        mark: String,
        expected: u32,
        found: u32,
        span: Span,
        clause: Option<ClausePath>,
    },
    DuplicateClause {
        mark: String,
        span: Span,
        clause: Option<ClausePath>,
    },
    DanglingCitation {
        citation: String,
        span: Span,
        clause: ClausePath,
    },
    /// 确认 with a code polc does not have, or without a reason.
    BadAcknowledgement {
        code: String,
        unknown_code: bool,
        span: Span,
        clause: ClausePath,
    },
    /// 确认 that no finding of its code in its clause needs.
    UnusedAcknowledgement {
        code: String,
        span: Span,
        clause: ClausePath,
    },
    /// Two cases of one value can apply together, give different values,
    /// and no priority says which wins.
    Overlap {
        name: String,
        other: ClausePath,
        values: (String, String),
        span: Span,
        clause: ClausePath,
    },
    /// Inputs within the facts' domains for which a required output has no
    /// applicable case.
    Gap {
        name: String,
        span: Span,
        clause: ClausePath,
    },
    /// A case that applies only where a higher-priority case applies too:
    /// it can never decide anything.
    MaskedCase {
        name: String,
        by: Vec<ClausePath>,
        span: Span,
        clause: ClausePath,
    },
    /// A condition no input within the facts' domains satisfies.
    ImpossibleCondition {
        name: String,
        span: Span,
        clause: ClausePath,
    },
    /// Two cases may overlap, but their conditions compare computed values,
    /// which the analysis cannot decide, and no tried input showed it.
    Undecided {
        name: String,
        other: ClausePath,
        span: Span,
        clause: ClausePath,
    },
    /// One quantity bounded in two clauses with the same number in
    /// different units of one dimension (0.4% and 0.4‰).
    QuantityBoundedTwice {
        name: String,
        here: String,
        there: String,
        other: ClausePath,
        span: Span,
        clause: ClausePath,
    },
    /// A cap below the smallest value it caps: the amount as written is never paid.
    CapAlwaysBinds {
        name: String,
        cap: String,
        least: String,
        span: Span,
        clause: ClausePath,
    },
    /// A cap at or above the largest value it caps: it never changes anything.
    CapNeverBinds {
        name: String,
        cap: String,
        most: String,
        span: Span,
        clause: ClausePath,
    },
    /// A number with a unit in a rule that the clause's text does not state.
    NumberNotInText {
        written: String,
        span: Span,
        clause: ClausePath,
    },
    /// The largest single payment times the most payments a year is not
    /// the annual cap (4000元 × 2次 against 8000元).
    CapsDoNotAddUp {
        name: String,
        single: String,
        times: String,
        total: String,
        annual: String,
        span: Span,
        clause: ClausePath,
    },
    /// The steps of a procedure can take longer than its overall limit.
    DeadlineChain {
        name: String,
        steps: String,
        total: String,
        most: String,
        span: Span,
        clause: ClausePath,
    },
    /// A phase that starts before the phase written before it.
    PhaseOrder {
        name: String,
        other: String,
        other_clause: ClausePath,
        span: Span,
        clause: ClausePath,
    },
    /// A phase that starts before the phase written before it has ended.
    PhaseOverlap {
        name: String,
        other: String,
        other_clause: ClausePath,
        from: String,
        to: String,
        span: Span,
        clause: ClausePath,
    },
    /// A notice cites another whose validity window does not overlap its own.
    ValidityConflict {
        notice: String,
        mine: String,
        theirs: String,
        span: Span,
        clause: ClausePath,
    },
    /// 参见 names a 文号 that several notices of the checked set carry, so
    /// the reference is ambiguous.
    DuplicateNotice {
        notice: String,
        count: usize,
        span: Span,
        clause: ClausePath,
    },
    /// 参见 names a 文号 that no notice of the checked set has.
    UnknownNotice {
        notice: String,
        known: Vec<String>,
        span: Span,
        clause: ClausePath,
    },
    DateOutsideValidity {
        date: NaiveDate,
        effective: NaiveDate,
        expires: NaiveDate,
        validity_clause: ClausePath,
        span: Span,
        clause: ClausePath,
    },
    UnusedFact {
        name: String,
        span: Span,
        clause: ClausePath,
    },
    UndefinedOutput {
        name: String,
        span: Span,
        clause: ClausePath,
    },
    AssignToInput {
        name: String,
        span: Span,
        clause: ClausePath,
    },
    PriorityCycle {
        name: String,
        span: Span,
        clause: ClausePath,
        clauses: Vec<ClausePath>,
    },
    OverridesNothing {
        name: String,
        target: ClausePath,
        span: Span,
        clause: ClausePath,
    },
    DependencyCycle {
        name: String,
        path: Vec<String>,
        span: Span,
        clause: ClausePath,
    },
    /// A name listed twice in one roster: a copying slip that the stated
    /// count would not catch if another name were left out.
    RosterDuplicate {
        name: String,
        member: String,
        span: Span,
        clause: ClausePath,
    },
    RosterCount {
        name: String,
        declared: u32,
        actual: usize,
        span: Span,
        clause: ClausePath,
    },
    TableShape {
        name: String,
        row: usize,
        cells: usize,
        inputs: usize,
        span: Span,
        clause: ClausePath,
    },
    NoCaseDate {
        span: Span,
        clause: ClausePath,
    },
    MissingDocNumber,
    Validity {
        message: Bilingual,
        span: Span,
        clause: ClausePath,
    },
}

impl CheckError {
    pub fn severity(&self) -> Severity {
        match self {
            CheckError::UnusedFact { .. }
            | CheckError::NoCaseDate { .. }
            | CheckError::OverridesNothing { .. }
            | CheckError::DateOutsideValidity { .. }
            | CheckError::UnusedAcknowledgement { .. }
            | CheckError::MaskedCase { .. }
            | CheckError::ImpossibleCondition { .. }
            | CheckError::Undecided { .. }
            | CheckError::QuantityBoundedTwice { .. }
            | CheckError::CapAlwaysBinds { .. }
            | CheckError::CapNeverBinds { .. }
            | CheckError::ValidityConflict { .. }
            | CheckError::DeadlineChain { .. }
            | CheckError::CapsDoNotAddUp { .. }
            | CheckError::NumberNotInText { .. }
            | CheckError::PhaseOrder { .. }
            | CheckError::PhaseOverlap { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }

    pub fn code(&self) -> &'static str {
        use CheckError::*;
        match self {
            UnknownName { .. } => codes::UNKNOWN_NAME,
            DuplicateName { .. } => codes::DUPLICATE_NAME,
            TypeMismatch { .. } => codes::TYPE_MISMATCH,
            UnitMismatch { .. } => codes::UNIT_MISMATCH,
            UnknownUnit { .. } => codes::UNKNOWN_UNIT,
            UnknownEnumValue { .. } => codes::UNKNOWN_ENUM_VALUE,
            ClauseOrder { .. } => codes::CLAUSE_ORDER,
            DuplicateClause { .. } => codes::DUPLICATE_CLAUSE,
            DanglingCitation { .. } => codes::DANGLING_CITATION,
            UnknownNotice { .. } => codes::UNKNOWN_NOTICE,
            DuplicateNotice { .. } => codes::DUPLICATE_NOTICE,
            BadAcknowledgement { .. } => codes::BAD_ACKNOWLEDGEMENT,
            UnusedAcknowledgement { .. } => codes::UNUSED_ACKNOWLEDGEMENT,
            Overlap { .. } => codes::OVERLAP,
            Gap { .. } => codes::GAP,
            MaskedCase { .. } => codes::MASKED_CASE,
            ImpossibleCondition { .. } => codes::IMPOSSIBLE_CONDITION,
            Undecided { .. } => codes::UNDECIDED,
            QuantityBoundedTwice { .. } => codes::QUANTITY_BOUNDED_TWICE,
            CapAlwaysBinds { .. } => codes::CAP_ALWAYS_BINDS,
            CapNeverBinds { .. } => codes::CAP_NEVER_BINDS,
            ValidityConflict { .. } => codes::VALIDITY_CONFLICT,
            DeadlineChain { .. } => codes::DEADLINE_CHAIN,
            CapsDoNotAddUp { .. } => codes::CAPS_DO_NOT_ADD_UP,
            NumberNotInText { .. } => codes::NUMBER_NOT_IN_TEXT,
            PhaseOrder { .. } => codes::PHASE_ORDER,
            PhaseOverlap { .. } => codes::PHASE_OVERLAP,
            DateOutsideValidity { .. } => codes::DATE_OUTSIDE_VALIDITY,
            UnusedFact { .. } => codes::UNUSED_FACT,
            UndefinedOutput { .. } => codes::UNDEFINED_OUTPUT,
            AssignToInput { .. } => codes::ASSIGN_TO_INPUT,
            PriorityCycle { .. } => codes::PRIORITY_CYCLE,
            OverridesNothing { .. } => codes::OVERRIDES_NOTHING,
            DependencyCycle { .. } => codes::DEPENDENCY_CYCLE,
            RosterCount { .. } => codes::ROSTER_COUNT,
            RosterDuplicate { .. } => codes::ROSTER_DUPLICATE,
            TableShape { .. } => codes::TABLE_SHAPE,
            NoCaseDate { .. } => codes::NO_CASE_DATE,
            MissingDocNumber => codes::MISSING_DOC_NUMBER,
            Validity { .. } => codes::VALIDITY,
        }
    }

    /// The clause the finding is in.
    pub fn clause(&self) -> Option<ClausePath> {
        self.location()
            .1
            .as_deref()
            .and_then(crate::syntax::parse_citation)
    }

    fn location(&self) -> (Option<Span>, Option<String>) {
        use CheckError::*;
        let at = |span: &Span, clause: &ClausePath| (Some(*span), Some(clause.to_string()));
        match self {
            UnknownName { span, clause, .. }
            | DuplicateName { span, clause, .. }
            | TypeMismatch { span, clause, .. }
            | UnitMismatch { span, clause, .. }
            | UnknownUnit { span, clause, .. }
            | UnknownEnumValue { span, clause, .. }
            | DanglingCitation { span, clause, .. }
            | UnknownNotice { span, clause, .. }
            | DuplicateNotice { span, clause, .. }
            | BadAcknowledgement { span, clause, .. }
            | UnusedAcknowledgement { span, clause, .. }
            | Overlap { span, clause, .. }
            | Gap { span, clause, .. }
            | MaskedCase { span, clause, .. }
            | ImpossibleCondition { span, clause, .. }
            | Undecided { span, clause, .. }
            | QuantityBoundedTwice { span, clause, .. }
            | CapAlwaysBinds { span, clause, .. }
            | CapNeverBinds { span, clause, .. }
            | ValidityConflict { span, clause, .. }
            | DeadlineChain { span, clause, .. }
            | CapsDoNotAddUp { span, clause, .. }
            | NumberNotInText { span, clause, .. }
            | PhaseOrder { span, clause, .. }
            | PhaseOverlap { span, clause, .. }
            | DateOutsideValidity { span, clause, .. }
            | UnusedFact { span, clause, .. }
            | UndefinedOutput { span, clause, .. }
            | AssignToInput { span, clause, .. }
            | PriorityCycle { span, clause, .. }
            | OverridesNothing { span, clause, .. }
            | DependencyCycle { span, clause, .. }
            | RosterCount { span, clause, .. }
            | RosterDuplicate { span, clause, .. }
            | TableShape { span, clause, .. }
            | NoCaseDate { span, clause }
            | Validity { span, clause, .. } => at(span, clause),
            ClauseOrder { span, clause, .. } | DuplicateClause { span, clause, .. } => {
                (Some(*span), clause.map(|c| c.to_string()))
            }
            MissingDocNumber => (None, None),
        }
    }

    fn words(&self) -> (Bilingual, Bilingual) {
        use CheckError::*;
        fn b(zh: impl Into<String>, en: impl Into<String>) -> Bilingual {
            Bilingual::new(zh, en)
        }
        match self {
            UnknownName {
                name, suggestion, ..
            } => (
                b(
                    format!("未定义的名称「{name}」"),
                    format!("unknown name `{name}`"),
                ),
                match suggestion {
                    Some(s) => b(format!("是否想写「{s}」？"), format!("did you mean `{s}`?")),
                    None => b(
                        "先用 事实、参数、规则 或 输出 声明它，再使用",
                        "declare it with fact, param, rule or output before using it",
                    ),
                },
            ),
            DuplicateName { name, first, .. } => (
                b(
                    format!("名称「{name}」重复声明，{first}已声明过"),
                    format!("`{name}` is declared twice; first in {first}"),
                ),
                b(
                    "删去其中一处，或改用不同的名称",
                    "remove one declaration or rename it",
                ),
            ),
            TypeMismatch {
                expected,
                found,
                context,
                ..
            } => (
                b(
                    format!("{context}应为{expected}，实际是{found}"),
                    format!("{context}: expected {expected}, found {found}"),
                ),
                b(
                    "检查名称是否写错，或是否漏写了比较",
                    "check the names, or whether a comparison is missing",
                ),
            ),
            UnitMismatch {
                left, right, op, ..
            } => (
                b(
                    format!("单位不一致：「{left}」与「{right}」不能{op}"),
                    format!("unit mismatch: `{left}` and `{right}` cannot be combined by {op}"),
                ),
                b(
                    "同一量纲的单位可以换算（万元与元、%与‰、公顷与亩），不同量纲不能相加或比较；工作日与日也不同",
                    "units of one dimension convert (万元/元, %/‰, 公顷/亩); different dimensions cannot be added or compared; 工作日 is not 日",
                ),
            ),
            UnknownUnit { unit, .. } => (
                b(
                    format!("未知的单位「{unit}」"),
                    format!("unknown unit `{unit}`"),
                ),
                b(
                    format!("可用单位：{}", crate::units::UNIT_NAMES.join(" ")),
                    format!("known units: {}", crate::units::UNIT_NAMES.join(" ")),
                ),
            ),
            UnknownEnumValue { value, allowed, .. } => (
                b(
                    format!("「{value}」不是可选值之一"),
                    format!("`{value}` is not one of the allowed values"),
                ),
                b(
                    format!("可选值：{}", allowed.join("、")),
                    format!("allowed: {}", allowed.join(", ")),
                ),
            ),
            ClauseOrder {
                mark,
                expected,
                found,
                ..
            } => (
                b(
                    format!("条款编号「{mark}」不连续：此处应为第{expected}个，实际编为{found}"),
                    format!(
                        "clause `{mark}` is out of order: expected number {expected}, found {found}"
                    ),
                ),
                b(
                    "条款应从一开始依次编号，不跳号、不倒序",
                    "number clauses consecutively from one",
                ),
            ),
            DuplicateClause { mark, .. } => (
                b(
                    format!("条款编号「{mark}」重复"),
                    format!("clause number `{mark}` is repeated"),
                ),
                b(
                    "每个编号只能出现一次；合并两处内容或重新编号",
                    "each number appears once; merge the two or renumber",
                ),
            ),
            DanglingCitation { citation, .. } => (
                b(
                    format!("引用的条款「{citation}」不存在"),
                    format!("cited clause `{citation}` does not exist"),
                ),
                b(
                    "核对条、款、项、目的编号；第（二）项与第二项都可以写",
                    "check the article/paragraph/item numbers; 第（二）项 and 第二项 are both accepted",
                ),
            ),
            BadAcknowledgement {
                code, unknown_code, ..
            } => (
                if *unknown_code {
                    b(
                        format!("确认的代码「{code}」不是 polc 的诊断代码"),
                        format!("acknowledged code `{code}` is not a polc diagnostic code"),
                    )
                } else {
                    b(
                        format!("确认「{code}」须写明理由"),
                        format!("acknowledging `{code}` needs a reason"),
                    )
                },
                b(
                    "写法：确认 polc::check::overlap \"原文如此：……\"；代码见 docs/language.md 第11节",
                    "write: 确认 polc::check::overlap \"the notice says so: …\"; codes are listed in docs/language.md §11",
                ),
            ),
            UnusedAcknowledgement { code, .. } => (
                b(
                    format!("本条款没有「{code}」的检查结果，这条确认不再需要"),
                    format!("no `{code}` finding in this clause needs this acknowledgement"),
                ),
                b(
                    "删去这条确认；检查结果已经消失（例如原文或编码已改）",
                    "remove it: the finding is gone (the text or the encoding changed)",
                ),
            ),
            Overlap {
                name,
                other,
                values,
                ..
            } => (
                b(
                    format!(
                        "「{name}」的两种情形可能同时适用而结果不同（{} 与 {other}的 {}），且没有写明优先关系",
                        values.0, values.1
                    ),
                    format!(
                        "two cases of `{name}` can apply together with different values ({} here, {} in {other}) and no priority says which wins",
                        values.0, values.1
                    ),
                ),
                b(
                    "用「优先于」写明哪条优先，或改成决策表并写明命中规则；原文如此的，用「确认」说明",
                    "say which wins with 优先于 (over), or make it a table with a hit policy; if the notice says so, acknowledge it with 确认",
                ),
            ),
            Gap { name, .. } => (
                b(
                    format!("有些输入下「{name}」没有任何适用的情形（下列反例）"),
                    format!("for some inputs no case of `{name}` applies (counterexample below)"),
                ),
                b(
                    "补上缺少的情形，或用「原则上」写明一般情况；确实不适用的，把输出标为「可缺省」",
                    "add the missing case, or a 原则上 default; if it truly does not apply, mark the output 可缺省 (optional)",
                ),
            ),
            MaskedCase { name, by, .. } => (
                b(
                    format!(
                        "「{name}」的这一情形只在{}也适用时才适用，永远不会起作用",
                        clause_list(by)
                    ),
                    format!(
                        "this case of `{name}` applies only where {} applies too: it never decides anything",
                        clause_list(by)
                    ),
                ),
                b(
                    "检查条件是否写错，或删去这一情形",
                    "check the condition, or remove the case",
                ),
            ),
            ImpossibleCondition { name, .. } => (
                b(
                    format!("「{name}」这一情形的条件在任何输入下都不成立"),
                    format!("no input satisfies the condition of this case of `{name}`"),
                ),
                b(
                    "核对比较词和界限（以上、不满……）以及事实的取值范围",
                    "check the comparison words, bounds and the facts' declared ranges",
                ),
            ),
            Undecided { name, other, .. } => (
                b(
                    format!(
                        "无法判定「{name}」的这一情形与{other}的情形是否会同时适用：条件比较的是计算出的值，试过的输入都没有同时适用"
                    ),
                    format!(
                        "cannot decide whether this case of `{name}` and the one in {other} can apply together: the conditions compare computed values; no input tried made both apply"
                    ),
                ),
                b(
                    "如两者互斥，可改写为直接比较事实的条件，或用「优先于」写明优先关系",
                    "if they exclude each other, compare facts directly, or state a priority with 优先于",
                ),
            ),
            QuantityBoundedTwice {
                name,
                here,
                there,
                other,
                ..
            } => (
                b(
                    format!(
                        "「{name}」在此处以 {here} 为界，在{other}以 {there} 为界：数字相同而单位不同"
                    ),
                    format!(
                        "`{name}` is bounded by {here} here and by {there} in {other}: the same number in different units"
                    ),
                ),
                b(
                    "核对原文是否一处写错了单位（% 与 ‰）；原文如此的，用「确认」说明",
                    "check whether the notice wrote the wrong unit in one place (% vs ‰); if it says so, acknowledge it with 确认",
                ),
            ),
            CapAlwaysBinds {
                name, cap, least, ..
            } => (
                b(
                    format!(
                        "「{name}」的上限 {cap} 低于它可能的最小值 {least}：按原式计算的金额永远不会支付"
                    ),
                    format!(
                        "the cap {cap} on `{name}` is below its smallest value {least}: the amount as written is never paid"
                    ),
                ),
                b("核对上限和计算式", "check the cap and the formula"),
            ),
            CapNeverBinds {
                name, cap, most, ..
            } => (
                b(
                    format!("「{name}」的上限 {cap} 不低于它可能的最大值 {most}：这个上限不起作用"),
                    format!(
                        "the cap {cap} on `{name}` is not below its largest value {most}: it never applies"
                    ),
                ),
                b(
                    "核对上限和事实的取值范围；原文如此的，用「确认」说明",
                    "check the cap and the facts' ranges; if the notice says so, acknowledge it with 确认",
                ),
            ),
            NumberNotInText { written, .. } => (
                b(
                    format!("规则中的「{written}」在本条款的原文中找不到"),
                    format!("`{written}` in the rule is not stated in the clause's text"),
                ),
                b(
                    "核对规则与原文的数字和单位是否一致（如原文 4000元、规则 5000元，或 % 写成 ‰）；原文在别处规定的，用「确认」说明出处",
                    "check the rule's number and unit against the text (4000元 vs 5000元, % vs ‰); if the text states it elsewhere, acknowledge it with 确认 naming where",
                ),
            ),
            CapsDoNotAddUp {
                name,
                single,
                times,
                total,
                annual,
                ..
            } => (
                b(
                    format!(
                        "「{name}」每次至多 {single}、年内至多 {times} 次，合计 {total}，与全年上限 {annual} 不符"
                    ),
                    format!(
                        "`{name}`: at most {single} a time, at most {times} times a year, {total} in all, which is not the annual cap {annual}"
                    ),
                ),
                b(
                    "核对每次的标准、次数上限和全年上限；合计超过时，最后一次会被上限扣减；不足时，全年上限达不到",
                    "check the standard, the count limit and the annual cap: above it, the last payment is cut; below it, the annual cap is never reached",
                ),
            ),
            PhaseOrder {
                name,
                other,
                other_clause,
                ..
            } => (
                b(
                    format!("阶段「{name}」开始得比写在它前面的「{other}」（{other_clause}）还早"),
                    format!(
                        "phase `{name}` starts before `{other}` ({other_clause}), which is written before it"
                    ),
                ),
                b(
                    "按时间先后排列各阶段，或核对起止日期",
                    "list the phases in time order, or check their dates",
                ),
            ),
            PhaseOverlap {
                name,
                other,
                other_clause,
                from,
                to,
                ..
            } => (
                b(
                    format!(
                        "阶段「{name}」自 {from} 开始，而前一阶段「{other}」（{other_clause}）到 {to} 才结束：两个阶段重叠"
                    ),
                    format!(
                        "phase `{name}` starts on {from}, before `{other}` ({other_clause}) ends on {to}: the phases overlap"
                    ),
                ),
                b(
                    "核对起止日期；原文有意交叉进行的，用「确认」说明",
                    "check the dates; if the notice means the phases to overlap, acknowledge it with 确认",
                ),
            ),
            DeadlineChain {
                name,
                steps,
                total,
                most,
                ..
            } => (
                b(
                    format!(
                        "程序「{name}」各环节（{steps}）合计最长可达 {most}，超过总时限 {total}"
                    ),
                    format!(
                        "the steps of `{name}` ({steps}) can take up to {most}, more than its overall limit {total}"
                    ),
                ),
                b(
                    "核对各环节时限与总时限；以自然日计的环节按其中全是工作日计，以工作日计的环节按跨越节假日的最长天数计",
                    "check the step limits against the total; days count as working days at most, working days as the longest holiday stretch",
                ),
            ),
            ValidityConflict {
                notice,
                mine,
                theirs,
                ..
            } => (
                b(
                    format!(
                        "引用的文件「{notice}」的有效期（{theirs}）与本文件的有效期（{mine}）没有重叠"
                    ),
                    format!(
                        "cited notice `{notice}` is valid {theirs}, which does not overlap this notice's {mine}"
                    ),
                ),
                b(
                    "核对两份文件的施行日期和有效期",
                    "check both notices' effective and expiry dates",
                ),
            ),
            DuplicateNotice { notice, count, .. } => (
                b(
                    format!("引用的文号「{notice}」有 {count} 个文件，无法确定引用哪一个"),
                    format!(
                        "cited 文号 `{notice}` is carried by {count} notices; the reference is ambiguous"
                    ),
                ),
                b(
                    "一个文号只编码为一个文件；通知印发的几个文件写作该文件的 附件1、附件2",
                    "encode one 文号 in one file; documents a notice issues become its 附件1, 附件2",
                ),
            ),
            UnknownNotice { notice, known, .. } => (
                b(
                    format!("引用的文件「{notice}」不在所检查的文件中"),
                    format!("cited notice `{notice}` is not among the notices checked"),
                ),
                b(
                    format!(
                        "核对文号，或把该文件的 .pol 放在同一目录；本公报以外的文件写在 依据 中。已知文号：{}",
                        known.join("、")
                    ),
                    format!(
                        "check the 文号, or put that notice's .pol file in the same folder; cite notices outside the gazette in 依据. Known: {}",
                        known.join(", ")
                    ),
                ),
            ),
            DateOutsideValidity {
                date,
                effective,
                expires,
                validity_clause,
                ..
            } => (
                b(
                    format!(
                        "日期 {date} 不在有效期内（{effective} 至 {expires}，{validity_clause}）"
                    ),
                    format!(
                        "date {date} is outside the validity window ({effective} to {expires}, {validity_clause})"
                    ),
                ),
                b(
                    "核对日期，或核对有效期条款",
                    "check the date, or the validity clause",
                ),
            ),
            UnusedFact { name, .. } => (
                b(
                    format!("事实「{name}」已声明但没有任何规则使用"),
                    format!("fact `{name}` is declared but no rule uses it"),
                ),
                b(
                    "删去该事实，或在规则中使用它；不可计算的条款不需要声明事实",
                    "remove it or use it in a rule",
                ),
            ),
            UndefinedOutput { name, .. } => (
                b(
                    format!("「{name}」没有任何规则给出它的值"),
                    format!("`{name}` has no rule that gives its value"),
                ),
                b(
                    format!("写一条规则，如 {name} = … 若 …"),
                    format!("add a case such as {name} = … if …"),
                ),
            ),
            AssignToInput { name, .. } => (
                b(
                    format!("「{name}」是事实或参数，不能由规则赋值"),
                    format!("`{name}` is a fact or parameter; rules cannot assign it"),
                ),
                b(
                    "把它声明为 规则 或 输出，或者给规则另起名称",
                    "declare it as rule or output, or give the rule its own name",
                ),
            ),
            PriorityCycle { name, clauses, .. } => (
                b(
                    format!(
                        "「{name}」的优先关系成环：{}",
                        clauses
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join("、")
                    ),
                    format!(
                        "priorities of `{name}` form a cycle: {}",
                        clauses
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ),
                b(
                    "优先于 必须是单向的：例外优先于原则，不能互相优先",
                    "over must point one way: exceptions over the default",
                ),
            ),
            OverridesNothing { name, target, .. } => (
                b(
                    format!("优先于 {target}，但{target}没有「{name}」的规则"),
                    format!("over {target}, but {target} has no case of `{name}`"),
                ),
                b("核对被优先的条款", "check the clause this case overrides"),
            ),
            DependencyCycle { name, path, .. } => (
                b(
                    format!("「{name}」依赖自身：{} → {name}", path.join(" → ")),
                    format!(
                        "`{name}` depends on itself: {} -> {name}",
                        path.join(" -> ")
                    ),
                ),
                b(
                    "规则不能循环引用；拆开循环",
                    "rules may not refer to themselves; break the cycle",
                ),
            ),
            RosterDuplicate { name, member, .. } => (
                b(
                    format!("名单「{name}」中「{member}」出现了两次"),
                    format!("roster `{name}` lists `{member}` twice"),
                ),
                b(
                    "删去重复的一处，并核对原文是否漏抄了别的名字",
                    "remove the repetition and check the text for a name left out",
                ),
            ),
            RosterCount {
                name,
                declared,
                actual,
                ..
            } => (
                b(
                    format!("名单「{name}」写明共 {declared} 个，实际列出 {actual} 个"),
                    format!("roster `{name}` states {declared} members but lists {actual}"),
                ),
                b(
                    "核对原文的人数和名单",
                    "check the count against the list in the text",
                ),
            ),
            TableShape {
                name,
                row,
                cells,
                inputs,
                ..
            } => (
                b(
                    format!("决策表「{name}」第{row}行有 {cells} 个条件格，但表有 {inputs} 个输入"),
                    format!(
                        "decision table `{name}`: row {row} has {cells} cells but the table has {inputs} inputs"
                    ),
                ),
                b(
                    "每行的条件格数要与 输入 的个数相同；不限条件写 -",
                    "each row needs one cell per input; write - for any",
                ),
            ),
            NoCaseDate { .. } => (
                b(
                    "写明了有效期，但没有指定案件日期，求值时无法判断案件是否在有效期内",
                    "the notice has a validity window but no case date, so evaluation cannot check a case against it",
                ),
                b(
                    "在有效期条款中加上 案件日期 申请日期（用声明为日期的事实）",
                    "add case_date NAME (a date fact) to the validity clause",
                ),
            ),
            MissingDocNumber => (
                b("缺少文号", "missing document number"),
                b(
                    "在文件开头写 文号 \"临政发〔2016〕4号\"",
                    "start the file with number \"临政发〔2016〕4号\"",
                ),
            ),
            Validity { message, .. } => (
                message.clone(),
                b(
                    "施行日期须早于有效期至，案件日期须是日期类型的事实",
                    "effective must precede expires; the case date must be a date fact",
                ),
            ),
        }
    }

    pub fn to_diagnostic(&self) -> Diagnostic {
        let (message, help) = self.words();
        let (span, clause) = self.location();
        Diagnostic {
            code: self.code(),
            severity: self.severity(),
            message,
            help: Some(help),
            span,
            clause,
        }
    }
}

fn clause_list(clauses: &[ClausePath]) -> String {
    clauses
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("、")
}
