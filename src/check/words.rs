//! What the checker's findings say, in Chinese and English. Data lives in
//! [`super::error`]; this module only turns it into sentences, so the
//! wording can change (or a language be added) without touching the checker.
//!
//! English names, units, keywords and quoted text of the notice in
//! backticks; Chinese keeps the house style (「…」 around user input).

use super::error::{CheckErrorKind, ReadingProblem, ValidityProblem};
use super::type_words::{combination, context, expected, found, quoted, unit};
use crate::diag::{Lang, list, list_and, pick};

pub fn message(kind: &CheckErrorKind, lang: Lang) -> String {
    use CheckErrorKind::*;
    match kind {
        UnknownName { name, .. } => pick(
            lang,
            format!("未定义的名称「{name}」"),
            format!("unknown name `{name}`"),
        ),
        DuplicateName { name, first } => pick(
            lang,
            format!("名称「{name}」重复声明，{first}已声明过"),
            format!("`{name}` is declared twice; first in {first}"),
        ),
        TypeMismatch {
            expected: e,
            found: f,
            context: c,
        } => pick(
            lang,
            format!(
                "{}应为{}，实际是{}",
                context(c, lang),
                expected(e, lang),
                found(f, lang)
            ),
            format!(
                "{}: expected {}, found {}",
                context(c, lang),
                expected(e, lang),
                found(f, lang)
            ),
        ),
        UnitMismatch {
            left,
            right,
            combination: how,
        } => pick(
            lang,
            format!(
                "单位不一致：{}与{}不能{}",
                unit(left, lang),
                unit(right, lang),
                combination(how, lang)
            ),
            format!(
                "unit mismatch: {} and {} cannot {}",
                unit(left, lang),
                unit(right, lang),
                combination(how, lang)
            ),
        ),
        UnknownUnit { unit } => pick(
            lang,
            format!("未知的单位「{unit}」"),
            format!("unknown unit `{unit}`"),
        ),
        UnknownEnumValue { value, .. } => pick(
            lang,
            format!("「{value}」不是可选值之一"),
            format!("`{value}` is not one of the allowed values"),
        ),
        ClauseOrder {
            mark,
            expected,
            found,
        } => pick(
            lang,
            format!("条款编号「{mark}」不连续：此处应为第{expected}个，实际编为{found}"),
            format!("clause `{mark}` is out of order: expected number {expected}, found {found}"),
        ),
        DuplicateClause { mark } => pick(
            lang,
            format!("条款编号「{mark}」重复"),
            format!("clause number `{mark}` is repeated"),
        ),
        DanglingCitation {
            notice: None,
            citation,
        } => pick(
            lang,
            format!("引用的条款「{citation}」不存在"),
            format!("cited clause `{citation}` does not exist"),
        ),
        DanglingCitation {
            notice: Some(notice),
            citation,
        } => pick(
            lang,
            format!("引用的条款「{notice} {citation}」不存在"),
            format!("cited clause `{notice} {citation}` does not exist"),
        ),
        BadAcknowledgement {
            code,
            unknown_code: true,
        } => pick(
            lang,
            format!("确认的代码「{code}」不是 polc 的诊断代码"),
            format!("acknowledged code `{code}` is not a polc diagnostic code"),
        ),
        BadAcknowledgement { code, .. } => pick(
            lang,
            format!("确认「{code}」须写明理由"),
            format!("acknowledging `{code}` needs a reason"),
        ),
        DateOutsideValidity {
            date,
            effective,
            expires,
            validity_clause,
        } => pick(
            lang,
            format!("日期 {date} 不在有效期内（{effective} 至 {expires}，{validity_clause}）"),
            format!(
                "date {date} is outside the validity window ({effective} to {expires}, {validity_clause})"
            ),
        ),
        UnusedFact { name } => pick(
            lang,
            format!("事实「{name}」已声明但没有任何规则使用"),
            format!("fact `{name}` is declared but no rule uses it"),
        ),
        UndefinedOutput { name } => pick(
            lang,
            format!("「{name}」没有任何规则给出它的值"),
            format!("`{name}` has no rule that gives its value"),
        ),
        AssignToInput { name } => pick(
            lang,
            format!("「{name}」是事实或参数，不能由规则赋值"),
            format!("`{name}` is a fact or parameter; rules cannot assign it"),
        ),
        PriorityCycle { name, clauses } => pick(
            lang,
            format!("「{name}」的优先关系成环：{}", list(clauses, lang)),
            format!(
                "priorities of `{name}` form a cycle: {}",
                list(clauses, lang)
            ),
        ),
        OverridesNothing { name, target } => pick(
            lang,
            format!("优先于 {target}，但{target}没有「{name}」的规则"),
            format!("`优先于` {target}, but {target} has no case of `{name}`"),
        ),
        DependencyCycle { name, path } => {
            let names: Vec<String> = path.iter().map(|n| format!("`{n}`")).collect();
            pick(
                lang,
                format!("「{name}」依赖自身：{} → {name}", path.join(" → ")),
                format!(
                    "`{name}` depends on itself: {} -> `{name}`",
                    names.join(" -> ")
                ),
            )
        }
        RosterDuplicate { name, member } => pick(
            lang,
            format!("名单「{name}」中「{member}」出现了两次"),
            format!("roster `{name}` lists `{member}` twice"),
        ),
        CapAlwaysAsks { name, facts } => pick(
            lang,
            format!(
                "「{name}」的上限对每个案件都要计算，每个案件都须给出事实 {}",
                list_and(facts, Lang::Zh)
            ),
            format!(
                "the cap on `{name}` is evaluated for every case: every case must give {}",
                list_and(
                    &facts.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>(),
                    Lang::En
                )
            ),
        ),
        TypicalOutsideRange {
            name,
            range,
            typical,
        } => pick(
            lang,
            format!("事实「{name}」的通常范围 {typical} 不在范围 {range} 之内"),
            format!(
                "fact `{name}`: the plausibility range `{typical}` is not inside the range `{range}`"
            ),
        ),
        RosterCount {
            name,
            declared,
            actual,
        } => pick(
            lang,
            format!("名单「{name}」写明共 {declared} 个，实际列出 {actual} 个"),
            format!("roster `{name}` states {declared} members but lists {actual}"),
        ),
        TableShape {
            name,
            row,
            cells,
            inputs,
        } => pick(
            lang,
            format!("决策表「{name}」第{row}行有 {cells} 个条件格，但表有 {inputs} 个输入"),
            format!(
                "decision table `{name}`: row {row} has {cells} cells but the table has {inputs} inputs"
            ),
        ),
        NoCaseDate => pick(
            lang,
            "写明了有效期，但没有指定案件日期，求值时无法判断案件是否在有效期内",
            "the notice has a validity window but no case date, so evaluation cannot check a case against it",
        ),
        MissingDocNumber => pick(lang, "缺少文号", "missing document number"),
        Validity(problem) => validity(problem, lang),
        Reading(ReadingProblem::ChoiceTwice { reading, choice }) => pick(
            lang,
            format!("读法「{reading}」的选项「{choice}」写了两次"),
            format!("reading `{reading}` names the choice `{choice}` twice"),
        ),
        Reading(ReadingProblem::ChoiceIsDeclared { reading, choice }) => pick(
            lang,
            format!("读法「{reading}」的选项「{choice}」与文件中声明的名称相同"),
            format!(
                "reading `{reading}` has a choice `{choice}` named as a declaration of the notice"
            ),
        ),
        Reading(ReadingProblem::Adopted { reading, count: 0 }) => pick(
            lang,
            format!("读法「{reading}」没有 采用 的选项"),
            format!("reading `{reading}` adopts no choice"),
        ),
        Reading(ReadingProblem::Adopted { reading, count }) => pick(
            lang,
            format!("读法「{reading}」有{count}个 采用 的选项，只能有一个"),
            format!("reading `{reading}` adopts {count} choices; it must adopt one"),
        ),
        Reading(ReadingProblem::DecidesNothing { reading }) => pick(
            lang,
            format!("读法「{reading}」有备选，但没有规则、决策表或参数值按它取值，备选无从计算"),
            format!(
                "reading `{reading}` has alternatives but no rule, table or value selects on it"
            ),
        ),
        Reading(ReadingProblem::CommentOnly { word }) => pick(
            lang,
            format!("注释写了「{word}」，但本条款没有读法"),
            format!("a comment says `{word}` but the clause records no reading"),
        ),
    }
}

fn validity(problem: &ValidityProblem, lang: Lang) -> String {
    match problem {
        ValidityProblem::OneEndOnly => pick(
            lang,
            "施行日期和有效期至须同时写明",
            "`施行` (effective) and `有效期至` (expires) must both be given",
        ),
        ValidityProblem::StartsAfterEnd { effective, expires } => pick(
            lang,
            format!("施行日期 {effective} 晚于有效期至 {expires}"),
            format!("effective date {effective} is after expiry {expires}"),
        ),
        ValidityProblem::CaseDateNotDate { name } => pick(
            lang,
            format!("案件日期「{name}」不是日期类型的事实"),
            format!("case date `{name}` is not a date fact"),
        ),
        ValidityProblem::PhaseReversed { name, from, to } => pick(
            lang,
            format!("阶段「{name}」的起始日 {from} 晚于结束日 {to}"),
            format!("phase `{name}` starts on {from}, after it ends on {to}"),
        ),
    }
}

pub fn help(kind: &CheckErrorKind, lang: Lang) -> String {
    use CheckErrorKind::*;
    match kind {
        UnknownName {
            suggestion: Some(s),
            ..
        } => pick(
            lang,
            format!("是否想写「{s}」？"),
            format!("did you mean `{s}`?"),
        ),
        UnknownName { .. } => pick(
            lang,
            "先用 事实、参数、规则 或 输出 声明它，再使用",
            "declare it with fact, param, rule or output before using it",
        ),
        DuplicateName { .. } => pick(
            lang,
            "删去其中一处，或改用不同的名称",
            "remove one declaration or rename it",
        ),
        TypeMismatch { .. } => pick(
            lang,
            "检查名称是否写错，或是否漏写了比较",
            "check the names, or whether a comparison is missing",
        ),
        UnitMismatch { .. } => pick(
            lang,
            "同一量纲的单位可以换算（万元与元、%与‰、公顷与亩），不同量纲不能相加或比较；工作日与日也不同",
            "units of one dimension convert (`万元` and `元`, `%` and `‰`, `公顷` and `亩`); different dimensions cannot be added or compared; `工作日` is not `日`",
        ),
        UnknownUnit { .. } => {
            let names = crate::units::UNIT_NAMES;
            let en: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            pick(
                lang,
                format!("可用单位：{}", names.join(" ")),
                format!("known units: {}", en.join(" ")),
            )
        }
        UnknownEnumValue { allowed, .. } => pick(
            lang,
            format!("可选值：{}", list(allowed, lang)),
            format!("allowed: {}", quoted(allowed)),
        ),
        ClauseOrder { .. } => pick(
            lang,
            "条款应从一开始依次编号，不跳号、不倒序",
            "number clauses consecutively from one",
        ),
        DuplicateClause { .. } => pick(
            lang,
            "每个编号只能出现一次；合并两处内容或重新编号",
            "each number appears once; merge the two or renumber",
        ),
        DanglingCitation { .. } => pick(
            lang,
            "核对条、款、项、目的编号；第（二）项与第二项都可以写",
            "check the article/paragraph/item numbers; `第（二）项` and `第二项` are both accepted",
        ),
        BadAcknowledgement { .. } => pick(
            lang,
            "写法：确认 polc::check::overlap \"原文如此：……\"；代码见 docs/language.md 第11节",
            "write: `确认 polc::check::overlap \"the notice says so: …\"`; `polc explain --list` lists the codes",
        ),
        DateOutsideValidity { .. } => pick(
            lang,
            "核对日期，或核对有效期条款",
            "check the date, or the validity clause",
        ),
        UnusedFact { .. } => pick(
            lang,
            "删去该事实，或在规则中使用它；不可计算的条款不需要声明事实",
            "remove it or use it in a rule",
        ),
        UndefinedOutput { name } => pick(
            lang,
            format!("写一条规则，如 {name} = … 若 …"),
            format!("add a case such as `{name} = … if …`"),
        ),
        AssignToInput { .. } => pick(
            lang,
            "把它声明为 规则 或 输出，或者给规则另起名称",
            "declare it as rule or output, or give the rule its own name",
        ),
        PriorityCycle { .. } => pick(
            lang,
            "优先于 必须是单向的：例外优先于原则，不能互相优先",
            "over must point one way: exceptions over the default",
        ),
        OverridesNothing { .. } => pick(
            lang,
            "核对被优先的条款",
            "check the clause this case overrides",
        ),
        DependencyCycle { .. } => pick(
            lang,
            "规则不能循环引用；拆开循环",
            "rules may not refer to themselves; break the cycle",
        ),
        RosterDuplicate { .. } => pick(
            lang,
            "删去重复的一处，并核对原文是否漏抄了别的名字",
            "remove the repetition and check the text for a name left out",
        ),
        CapAlwaysAsks { .. } => pick(
            lang,
            "上限没有条件、没有情形优先于它、也没有固定的下限（如 下限 … = 0元）时，求值无法跳过它；原文如此则确认，否则给上限加上条件",
            "a cap without a condition, without a case over it and without a literal floor (such as `下限 … = 0元`) cannot be skipped; acknowledge it if the text says so, else give the cap its condition",
        ),
        TypicalOutsideRange { .. } => pick(
            lang,
            "把通常范围写在范围之内（范围是原文或法律的界限，通常范围是常见案件的取值）",
            "put the plausibility range inside the range (the range is what the text or the law states, the plausibility range what cases usually give)",
        ),
        RosterCount { .. } => pick(
            lang,
            "核对原文的人数和名单",
            "check the count against the list in the text",
        ),
        TableShape { .. } => pick(
            lang,
            "每行的条件格数要与 输入 的个数相同；不限条件写 -",
            "each row needs one cell per input; write - for any",
        ),
        NoCaseDate => pick(
            lang,
            "在有效期条款中加上 案件日期 申请日期（用声明为日期的事实）",
            "add case_date NAME (a date fact) to the validity clause",
        ),
        MissingDocNumber => pick(
            lang,
            "在文件开头写 文号 \"临政发〔2016〕4号\"",
            "start the file with `number \"临政发〔2016〕4号\"`",
        ),
        Validity(_) => pick(
            lang,
            "施行日期须早于有效期至，案件日期须是日期类型的事实",
            "effective must precede expires; the case date must be a date fact",
        ),
        Reading(ReadingProblem::ChoiceTwice { .. }) => pick(
            lang,
            "每个选项只写一次；两种含义不同的读法用不同的名称",
            "name each choice once; two different meanings need two names",
        ),
        Reading(ReadingProblem::ChoiceIsDeclared { .. }) => pick(
            lang,
            "给选项另起名称：选项名是读法的取值，不能与事实、规则或名单同名",
            "rename the choice: it is a value of the reading and may not share a name with a fact, rule or roster",
        ),
        Reading(ReadingProblem::Adopted { .. }) => pick(
            lang,
            "恰好一个选项写 采用，其余写 备选",
            "write `adopt` on exactly one choice and `alternative` on the others",
        ),
        Reading(ReadingProblem::DecidesNothing { reading }) => pick(
            lang,
            format!("让规则按读法取值（… 若 {reading} 为 选项），或删去不会被计算的备选"),
            format!(
                "select on it (`… if {reading} is CHOICE`), or drop the alternatives nothing computes"
            ),
        ),
        Reading(ReadingProblem::CommentOnly { .. }) => pick(
            lang,
            "把注释里的读法写成 读法 名称: \"问题\" 采用 选项 \"含义\"，或改写注释",
            "record it: `reading NAME: \"question\" adopt CHOICE \"meaning\"`, or reword the comment",
        ),
    }
}
