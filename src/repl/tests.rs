#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use super::*;
use crate::diag::Diagnostic;
use crate::source::SourceFile;
use proptest::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

const FLAGSHIP: &str = include_str!("../../policies/temporary-relief.pol");
const CASE: &str = include_str!("../../examples/relief-case.json");

/// Notices held in memory; a test edits them between commands.
#[derive(Clone, Default)]
struct Memory(Rc<RefCell<HashMap<String, String>>>);

impl Loader for Memory {
    fn read(&self, path: &str) -> Result<SourceFile, Box<Diagnostic>> {
        match self.0.borrow().get(path) {
            Some(text) => Ok(SourceFile::new(path, text.clone())),
            None => Err(Box::new(
                ReplError::UnknownClause { text: path.into() }.to_diagnostic(),
            )),
        }
    }
}

fn flagship_session() -> (Session, Memory) {
    let memory = Memory::default();
    memory
        .0
        .borrow_mut()
        .insert("relief.pol".into(), FLAGSHIP.into());
    let calendar = crate::calendar::Calendar::embedded().unwrap();
    let mut session = Session::new(Box::new(memory.clone()), calendar);
    let loaded = session.run_line(":load relief.pol");
    assert!(!loaded.is_error(), "{}", loaded.render());
    let facts = crate::eval::Facts::from_json(CASE).unwrap();
    session.set_facts(&facts);
    (session, memory)
}

#[test]
fn a_change_of_fact_shows_before_and_after() {
    let (mut session, _) = flagship_session();
    let reply = session.run_line("困难类型 = 入不敷出");
    let change = reply.items.iter().find_map(|i| match i {
        Item::Change {
            name,
            before,
            after,
            ..
        } if name == "救助金额" => Some((before.clone(), after.clone())),
        _ => None,
    });
    assert_eq!(change, Some(("4000.00元".into(), "2000.00元".into())));
}

#[test]
fn what_if_is_not_kept() {
    let (mut session, _) = flagship_session();
    let tried = session.run_line(":whatif 有稳定收入 = 是").render();
    assert!(tried.contains("救助金额：4000.00元 → 0.00元"), "{tried}");
    let now = session.run_line("救助金额").render();
    assert!(now.starts_with("救助金额 = 4000.00元"), "{now}");
}

#[test]
fn reload_keeps_facts_and_reports_the_edit() {
    let (mut session, memory) = flagship_session();
    memory.0.borrow_mut().insert(
        "relief.pol".into(),
        FLAGSHIP.replace("起 4000元", "起 4500元"),
    );
    let reply = session.run_line(":reload").render();
    assert!(reply.contains("救助金额：4000.00元 → 4500.00元"), "{reply}");
    memory
        .0
        .borrow_mut()
        .insert("relief.pol".into(), "文号 \"坏\"\n第一条\n  事实 x".into());
    let broken = session.run_line(":reload");
    assert!(broken.is_error());
    assert!(broken.render().contains("继续使用上次通过检查的版本"));
    let still = session.run_line("救助金额").render();
    assert!(still.starts_with("救助金额 = 4500.00元"), "{still}");
}

#[test]
fn why_not_finds_the_one_fact_that_flips_it() {
    let (mut session, _) = flagship_session();
    session.run_line("商品住房套数 = 2");
    let reply = session.run_line(":whynot 予以救助").render();
    assert!(
        reply.contains("最小的改变：把 商品住房套数 从 2套 改为 1套"),
        "{reply}"
    );
}

#[test]
fn completion_by_pinyin_commands_values_and_clauses() {
    let (session, _) = flagship_session();
    let table = session.completer();
    assert_eq!(table.complete("jtrk", 4), (0, vec!["家庭人口".to_string()]));
    assert_eq!(table.complete(":whyn", 5), (0, vec![":whynot".to_string()]));
    let line = "困难类型 = ";
    let (start, values) = table.complete(line, line.len());
    assert_eq!(start, line.len());
    assert_eq!(values, ["短期困难", "重大损失", "入不敷出"]);
    let line = "困难类型 = zd";
    assert_eq!(table.complete(line, line.len()).1, ["重大损失"]);
    let line = ":show 7";
    let (_, clauses) = table.complete(line, line.len());
    assert_eq!(clauses, ["第七条"]);
    let line = ":why jzje";
    assert_eq!(table.complete(line, line.len()).1, ["救助金额"]);
    let line = "救助金额 > 0元 且 yw";
    assert!(
        table
            .complete(line, line.len())
            .1
            .contains(&"有稳定收入".to_string())
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// No line, however odd, ends the session or panics.
    #[test]
    fn any_line_gets_a_reply(line in "\\PC{0,40}") {
        let (mut session, _) = flagship_session();
        let _ = session.run_line(&line).render();
        let _ = is_incomplete(&line);
        let table = session.completer();
        for pos in 0..=line.len() {
            let _ = table.complete(&line, pos);
        }
    }

    #[test]
    fn lines_built_from_the_language_get_a_reply(
        parts in proptest::collection::vec(
            prop_oneof![
                Just(":why"), Just(":whynot"), Just(":show"), Just(":set"), Just(":whatif"),
                Just("家庭人口"), Just("救助金额"), Just("困难类型"), Just("="), Just("＝"),
                Just("是"), Just("3"), Just("520元"), Just("2016年6月1日"), Just("("),
                Just(")"), Just("且"), Just("若"), Just("第七条"), Just("\""), Just("+"),
            ],
            0..8,
        )
    ) {
        let (mut session, _) = flagship_session();
        let _ = session.run_line(&parts.join(" ")).render();
    }
}
