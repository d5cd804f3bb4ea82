//! What the review's findings say, in Chinese and English, and the words
//! around a finding (the labels of the other clauses, the counterexample
//! line). Data lives in [`super::error`].
//!
//! English quotes names, amounts, 文号 and keywords in backticks; Chinese
//! keeps the house style.

use super::error::{ReviewErrorKind, Window};
use crate::clause::ClausePath;
use crate::diag::{Lang, list, pick, table_rows};

fn window((from, to): &Window, lang: Lang) -> String {
    pick(lang, format!("{from} 至 {to}"), format!("{from} to {to}"))
}

/// The label under another clause a finding involves.
pub fn related(clause: &ClausePath, lang: Lang) -> String {
    pick(lang, format!("与{clause}"), format!("with {clause}"))
}

/// The line after a finding that shows it with facts.
pub fn counterexample(json: &str, lang: Lang) -> String {
    pick(
        lang,
        format!("  反例（可直接交给 polc eval --facts）：{json}\n"),
        format!("  counterexample (for polc eval --facts): {json}\n"),
    )
}

/// The line after an acknowledged finding, with the drafter's reason.
pub fn acknowledged(reason: &str, lang: Lang) -> String {
    pick(
        lang,
        format!("  已确认：{reason}\n"),
        format!("  acknowledged: “{reason}”\n"),
    )
}

pub fn message(kind: &ReviewErrorKind, lang: Lang) -> String {
    use ReviewErrorKind::*;
    match kind {
        UnknownNotice { notice, .. } => pick(
            lang,
            format!("引用的文件「{notice}」不在所检查的文件中"),
            format!("cited notice `{notice}` is not among the notices checked"),
        ),
        DuplicateNotice { notice, count } => pick(
            lang,
            format!("引用的文号「{notice}」有 {count} 个文件，无法确定引用哪一个"),
            format!(
                "cited document number `{notice}` is carried by {count} notices; the reference is ambiguous"
            ),
        ),
        ValidityConflict {
            notice,
            mine,
            theirs,
        } => pick(
            lang,
            format!(
                "引用的文件「{notice}」的有效期（{}）与本文件的有效期（{}）没有重叠",
                window(theirs, lang),
                window(mine, lang)
            ),
            format!(
                "cited notice `{notice}` is valid {}, which does not overlap this notice's {}",
                window(theirs, lang),
                window(mine, lang)
            ),
        ),
        UnusedAcknowledgement { code } => pick(
            lang,
            format!("本条款没有「{code}」的检查结果，这条确认不再需要"),
            format!("no `{code}` finding in this clause needs this acknowledgement"),
        ),
        Overlap {
            name,
            other,
            values,
        } => pick(
            lang,
            format!(
                "「{name}」的两种情形可能同时适用而结果不同（{} 与 {other}的 {}），且没有写明优先关系",
                values.0, values.1
            ),
            format!(
                "two cases of `{name}` can apply together with different values (`{}` here, `{}` in {other}) and no priority says which wins",
                values.0, values.1
            ),
        ),
        Gap { name } => pick(
            lang,
            format!("有些输入下「{name}」没有任何适用的情形（下列反例）"),
            format!("for some inputs no case of `{name}` applies (counterexample below)"),
        ),
        MaskedCase { name, by } => pick(
            lang,
            format!(
                "「{name}」的这一情形只在{}也适用时才适用，永远不会起作用",
                list(by, lang)
            ),
            format!(
                "this case of `{name}` applies only where {} applies too: it never decides anything",
                list(by, lang)
            ),
        ),
        ImpossibleCondition { name } => pick(
            lang,
            format!("「{name}」这一情形的条件在任何输入下都不成立"),
            format!("no input satisfies the condition of this case of `{name}`"),
        ),
        RowOverlap {
            table,
            rows: (here, other),
            values: (mine, theirs),
        } => pick(
            lang,
            format!(
                "决策表「{table}」的第{other}行与第{here}行可能同时命中而结果不同（第{other}行 {theirs}，第{here}行 {mine}），而命中规则是「唯一」"
            ),
            format!(
                "rows {other} and {here} of table `{table}` can match together with different values (`{theirs}` in row {other}, `{mine}` in row {here}) under the unique (`唯一`) hit policy"
            ),
        ),
        TableGap { table } => pick(
            lang,
            format!("有些输入下决策表「{table}」没有一行命中（下列反例）"),
            format!("for some inputs no row of table `{table}` matches (counterexample below)"),
        ),
        MaskedRow { table, row, by } => pick(
            lang,
            format!(
                "决策表「{table}」的第{row}行只在{}也命中时才命中（命中 首条），永远不会起作用",
                table_rows(by, lang)
            ),
            format!(
                "row {row} of table `{table}` matches only where {} matches too (first hit, `首条`): it never decides anything",
                table_rows(by, lang)
            ),
        ),
        ImpossibleRow { table, row } => pick(
            lang,
            format!("决策表「{table}」第{row}行的各格在任何输入下都不能同时成立"),
            format!("no input meets the cells of row {row} of table `{table}`"),
        ),
        Undecided { name, other } => pick(
            lang,
            format!(
                "无法判定「{name}」的这一情形与{other}的情形是否会同时适用：条件比较的是计算出的值，试过的输入都没有同时适用"
            ),
            format!(
                "cannot decide whether this case of `{name}` and the one in {other} can apply together: the conditions compare computed values; no input tried made both apply"
            ),
        ),
        QuantityBoundedTwice {
            name,
            here,
            there,
            other,
        } => pick(
            lang,
            format!("「{name}」在此处以 {here} 为界，在{other}以 {there} 为界：数字相同而单位不同"),
            format!(
                "`{name}` is bounded by `{here}` here and by `{there}` in {other}: the same number in different units"
            ),
        ),
        CapAlwaysBinds { name, cap, least } => pick(
            lang,
            format!(
                "「{name}」的上限 {cap} 低于它可能的最小值 {least}：按原式计算的金额永远不会支付"
            ),
            format!(
                "the cap `{cap}` on `{name}` is below its smallest value `{least}`: the amount as written is never paid"
            ),
        ),
        CapNeverBinds { name, cap, most } => pick(
            lang,
            format!("「{name}」的上限 {cap} 不低于它可能的最大值 {most}：这个上限不起作用"),
            format!(
                "the cap `{cap}` on `{name}` is not below its largest value `{most}`: it never applies"
            ),
        ),
        NumberNotInText { written } => pick(
            lang,
            format!("规则中的「{written}」在本条款的原文中找不到"),
            format!("`{written}` in the rule is not stated in the clause's text"),
        ),
        CapsDoNotAddUp {
            name,
            single,
            times,
            total,
            annual,
        } => pick(
            lang,
            format!(
                "「{name}」每次至多 {single}、年内至多 {times} 次，合计 {total}，与全年上限 {annual} 不符"
            ),
            format!(
                "`{name}`: at most `{single}` a time, at most {times} times a year, `{total}` in all, which is not the annual cap `{annual}`"
            ),
        ),
        DeadlineChain {
            name,
            steps,
            total,
            most,
        } => {
            let quoted: Vec<String> = steps.iter().map(|s| format!("`{s}`")).collect();
            pick(
                lang,
                format!(
                    "程序「{name}」各环节（{}）合计最长可达 {most}，超过总时限 {total}",
                    steps.join(" + ")
                ),
                format!(
                    "the steps of `{name}` ({}) can take up to `{most}`, more than its overall limit `{total}`",
                    quoted.join(" + ")
                ),
            )
        }
        PhaseOrder {
            name,
            other,
            other_clause,
        } => pick(
            lang,
            format!("阶段「{name}」开始得比写在它前面的「{other}」（{other_clause}）还早"),
            format!(
                "phase `{name}` starts before `{other}` ({other_clause}), which is written before it"
            ),
        ),
        PhaseOverlap {
            name,
            other,
            other_clause,
            from,
            to,
        } => pick(
            lang,
            format!(
                "阶段「{name}」自 {from} 开始，而前一阶段「{other}」（{other_clause}）到 {to} 才结束：两个阶段重叠"
            ),
            format!(
                "phase `{name}` starts on {from}, before `{other}` ({other_clause}) ends on {to}: the phases overlap"
            ),
        ),
    }
}

pub fn help(kind: &ReviewErrorKind, lang: Lang) -> String {
    use ReviewErrorKind::*;
    match kind {
        UnknownNotice { known, .. } => {
            let quoted: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
            pick(
                lang,
                format!(
                    "核对文号，或把该文件的 .pol 放在同一目录；本公报以外的文件写在 依据 中。已知文号：{}",
                    list(known, lang)
                ),
                format!(
                    "check the document number, or put that notice's .pol file in the same folder; cite notices outside the gazette in `依据`. Known: {}",
                    list(&quoted, lang)
                ),
            )
        }
        DuplicateNotice { .. } => pick(
            lang,
            "一个文号只编码为一个文件；通知印发的几个文件写作该文件的 附件1、附件2",
            "encode one document number in one file; documents a notice issues become its 附件1, 附件2",
        ),
        ValidityConflict { .. } => pick(
            lang,
            "核对两份文件的施行日期和有效期",
            "check both notices' effective and expiry dates",
        ),
        UnusedAcknowledgement { .. } => pick(
            lang,
            "删去这条确认；检查结果已经消失（例如原文或编码已改）",
            "remove it: the finding is gone (the text or the encoding changed)",
        ),
        Overlap { .. } => pick(
            lang,
            "用「优先于」写明哪条优先，或改成决策表并写明命中规则；原文如此的，用「确认」说明",
            "say which wins with `优先于` (over), or make it a table with a hit policy; if the notice says so, acknowledge it with `确认`",
        ),
        Gap { .. } => pick(
            lang,
            "补上缺少的情形，或用「原则上」写明一般情况；确实不适用的，把输出标为「可缺省」",
            "add the missing case, or a `原则上` default; if it truly does not apply, mark the output `可缺省` (optional)",
        ),
        MaskedCase { .. } => pick(
            lang,
            "检查条件是否写错，或删去这一情形",
            "check the condition, or remove the case",
        ),
        ImpossibleCondition { .. } => pick(
            lang,
            "核对比较词和界限（以上、不满……）以及事实的取值范围",
            "check the comparison words, bounds and the facts' declared ranges",
        ),
        RowOverlap { .. } => pick(
            lang,
            "改正两行的格使之互斥，或写明命中规则（命中 首条/取大/取小）；原文如此的，用「确认」说明",
            "make the two rows' cells exclusive, or give the table a hit policy (`命中 首条`/`取大`/`取小`); if the notice says so, acknowledge it with `确认`",
        ),
        TableGap { .. } => pick(
            lang,
            "补上缺少的行；需要兜底时，在末尾加一行全是 - 的行并用 命中 首条",
            "add the missing row; for a fallback, end the table with a row of `-` cells under `命中 首条` (first hit)",
        ),
        MaskedRow { .. } => pick(
            lang,
            "检查这一行和前面各行的格，或删去这一行",
            "check this row's cells against the rows above it, or remove the row",
        ),
        ImpossibleRow { .. } => pick(
            lang,
            "核对各格的比较词和界限（以上、不满……）以及事实的取值范围",
            "check the cells' comparison words and bounds and the facts' declared ranges",
        ),
        Undecided { .. } => pick(
            lang,
            "如两者互斥，可改写为直接比较事实的条件，或用「优先于」写明优先关系",
            "if they exclude each other, compare facts directly, or state a priority with `优先于`",
        ),
        QuantityBoundedTwice { .. } => pick(
            lang,
            "核对原文是否一处写错了单位（% 与 ‰）；原文如此的，用「确认」说明",
            "check whether the notice wrote the wrong unit in one place (% vs ‰); if it says so, acknowledge it with `确认`",
        ),
        CapAlwaysBinds { .. } => pick(lang, "核对上限和计算式", "check the cap and the formula"),
        CapNeverBinds { .. } => pick(
            lang,
            "核对上限和事实的取值范围；原文如此的，用「确认」说明",
            "check the cap and the facts' ranges; if the notice says so, acknowledge it with `确认`",
        ),
        NumberNotInText { .. } => pick(
            lang,
            "核对规则与原文的数字和单位是否一致（如原文 4000元、规则 5000元，或 % 写成 ‰）；原文在别处规定的，用「确认」说明出处",
            "check the rule's number and unit against the text (`4000元` vs `5000元`, % vs ‰); if the text states it elsewhere, acknowledge it with `确认` naming where",
        ),
        CapsDoNotAddUp { .. } => pick(
            lang,
            "核对每次的标准、次数上限和全年上限；合计超过时，最后一次会被上限扣减；不足时，全年上限达不到",
            "check the standard, the count limit and the annual cap: above it, the last payment is cut; below it, the annual cap is never reached",
        ),
        DeadlineChain { .. } => pick(
            lang,
            "核对各环节时限与总时限；以自然日计的环节按其中全是工作日计，以工作日计的环节按跨越节假日的最长天数计",
            "check the step limits against the total; days count as working days at most, working days as the longest holiday stretch",
        ),
        PhaseOrder { .. } => pick(
            lang,
            "按时间先后排列各阶段，或核对起止日期",
            "list the phases in time order, or check their dates",
        ),
        PhaseOverlap { .. } => pick(
            lang,
            "核对起止日期；原文有意交叉进行的，用「确认」说明",
            "check the dates; if the notice means the phases to overlap, acknowledge it with `确认`",
        ),
    }
}
