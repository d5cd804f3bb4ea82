//! zen-engine: the JDM decision graph `rules/relief.zen.json` (input → a
//! first-hit decision table → output), compiled once (`Decision::compile`),
//! evaluated per record. Its API is async; the futures complete at once and
//! are driven with `pollster`.

use crate::{Decision, Engine, Prepared, clause};
use rust_decimal::Decimal;
use zen_engine::Decision as ZenDecision;
use zen_engine::model::GraphContent;
use zen_expression::variable::Variable;

const GRAPH: &str = include_str!("../rules/relief.zen.json");

pub fn decision() -> Result<ZenDecision, String> {
    let content: GraphContent = serde_json::from_str(GRAPH).map_err(|e| e.to_string())?;
    let mut decision = ZenDecision::from(content);
    decision.compile();
    Ok(decision)
}

pub struct Zen {
    decision: ZenDecision,
}

impl Zen {
    pub fn new(decision: ZenDecision) -> Self {
        Zen { decision }
    }
}

fn read(line: &str) -> Result<(u64, Variable), String> {
    let value: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let id = value["编号"].as_u64().ok_or("编号")?;
    Ok((id, Variable::from(value)))
}

impl Engine for Zen {
    fn line(&mut self, line: &str, out: &mut Vec<u8>) -> Result<(), String> {
        let input = read(line)?;
        self.decide(&input)?.write(out);
        Ok(())
    }
}

impl Prepared for Zen {
    type Input = (u64, Variable);

    fn prepare(&self, line: &str) -> Result<(u64, Variable), String> {
        read(line)
    }

    fn decide(&mut self, (id, input): &(u64, Variable)) -> Result<Decision, String> {
        let response = pollster::block_on(self.decision.evaluate(input.clone()))
            .map_err(|e| format!("{e:?}"))?;
        let result = response.result;
        let field = |k: &str| result.dot(k).ok_or_else(|| format!("no {k} in {result:?}"));
        let grant = field("grant")?.as_bool().ok_or("grant")?;
        let amount: Decimal = field("amount")?.as_number().ok_or("amount")?;
        let fen = amount * Decimal::from(100);
        if !fen.fract().is_zero() {
            return Err(format!("{amount} is not whole fen"));
        }
        let text = field("clause")?;
        Ok(Decision {
            id: *id,
            grant,
            fen: i64::try_from(fen).map_err(|e| e.to_string())?,
            clause: clause(text.as_str().ok_or("clause")?)?,
        })
    }
}
