//! Findings no source file can give, because the grammar stops the text
//! first: the checker still reports them for a syntax tree built in code
//! (by a front end, or a future grammar).
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use super::{CheckErrorKind, check};
use crate::ast::{Stmt, TypeExprKind};
use crate::source::SourceFile;
use crate::units::UnitExpr;

/// The grammar reads only the units of the unit table
/// (`units::every_grammar_unit_resolves`), so `polc::check::unknown_unit`
/// needs a tree with a unit the table lacks.
#[test]
fn a_unit_the_table_lacks_is_unknown() {
    let text =
        "文号 \"测试〔2016〕1号\"\n第一条\n  事实 补助标准: 元\n  输出 补助: 元 = 补助标准\n";
    let mut notice = crate::syntax::parse(&SourceFile::new("unit.pol", text)).unwrap();
    let Some(Stmt::Fact(fact)) = notice.clauses[0].stmts.first_mut() else {
        panic!("the fact comes first");
    };
    fact.ty.kind = TypeExprKind::Unit(UnitExpr {
        parts: vec!["头".into()],
    });
    let checked = check(&notice);
    let finding = checked
        .findings
        .iter()
        .find(|f| matches!(&f.kind, CheckErrorKind::UnknownUnit { unit } if unit == "头"))
        .unwrap();
    let d = finding.to_diagnostic();
    assert_eq!(d.code.name, "polc::check::unknown_unit");
    assert_eq!(d.message.zh, "未知的单位「头」");
    assert_eq!(d.message.en, "unknown unit `头`");
}
