//! The hand-written Rust baseline: serde reads each record into a struct,
//! the rules are a few lines of `if`, money is `rust_decimal`.

use crate::{Decision, Engine, Prepared};
use rust_decimal::Decimal;
use serde::Deserialize;

#[derive(Deserialize)]
struct Record<'a> {
    #[serde(rename = "编号")]
    id: u64,
    #[serde(rename = "家庭人口")]
    people: u32,
    #[serde(rename = "困难类型", borrow)]
    kind: &'a str,
    #[serde(rename = "困难月数")]
    months: u32,
    #[serde(rename = "极特殊困难")]
    special: bool,
    #[serde(rename = "低保标准", borrow)]
    dibao: &'a str,
    #[serde(rename = "本年已救助次数")]
    times: u32,
    #[serde(rename = "本年已救助金额", borrow)]
    paid: &'a str,
    #[serde(rename = "有稳定收入")]
    f0: bool,
    #[serde(rename = "经常使用家用轿车")]
    f1: bool,
    #[serde(rename = "无正当理由拒绝就业")]
    f2: bool,
    #[serde(rename = "赡养人未履行义务")]
    f3: bool,
    #[serde(rename = "拒绝调查或隐瞒")]
    f4: bool,
    #[serde(rename = "无理取闹")]
    f5: bool,
    #[serde(rename = "自愿放弃或擅自离开")]
    f6: bool,
}

#[derive(Clone, Copy)]
enum Kind {
    Major,
    Shortfall,
    ShortTerm,
}

/// A record with its strings already turned into numbers and an enum.
pub struct Parsed {
    id: u64,
    people: u32,
    kind: Kind,
    months: u32,
    special: bool,
    dibao: Decimal,
    times: u32,
    paid: Decimal,
    excluded: bool,
}

fn parse(line: &str) -> Result<Parsed, String> {
    let r: Record = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let kind = match r.kind {
        "重大损失" => Kind::Major,
        "入不敷出" => Kind::Shortfall,
        "短期困难" => Kind::ShortTerm,
        other => return Err(format!("困难类型 {other}")),
    };
    let money = |s: &str| Decimal::from_str_exact(s).map_err(|e| e.to_string());
    Ok(Parsed {
        id: r.id,
        people: r.people,
        kind,
        months: r.months,
        special: r.special,
        dibao: money(r.dibao)?,
        times: r.times,
        paid: money(r.paid)?,
        excluded: r.f0 || r.f1 || r.f2 || r.f3 || r.f4 || r.f5 || r.f6,
    })
}

fn decide(p: &Parsed) -> (bool, Decimal, &'static str) {
    if p.excluded {
        return (false, Decimal::ZERO, "第七条");
    }
    if p.times >= 2 {
        return (false, Decimal::ZERO, "第十二条");
    }
    let (amount, clause) = match p.kind {
        Kind::Major => (
            (Decimal::from(8000) - p.paid)
                .min(Decimal::from(4000))
                .max(Decimal::ZERO),
            "第六条第（二）项第1目",
        ),
        Kind::Shortfall => (
            (Decimal::from(4000) - p.paid)
                .min(Decimal::from(2000))
                .max(Decimal::ZERO),
            "第六条第（二）项第2目",
        ),
        Kind::ShortTerm => {
            let months = p.months.min(if p.special { 6 } else { 3 });
            (
                p.dibao * Decimal::from(p.people) * Decimal::from(months),
                "第六条第（一）项",
            )
        }
    };
    (amount > Decimal::ZERO, amount, clause)
}

fn to_fen(amount: Decimal) -> Result<i64, String> {
    let fen = amount * Decimal::from(100);
    if !fen.fract().is_zero() {
        return Err(format!("{amount} is not whole fen"));
    }
    i64::try_from(fen).map_err(|e| e.to_string())
}

pub struct Baseline;

impl Engine for Baseline {
    fn line(&mut self, line: &str, out: &mut Vec<u8>) -> Result<(), String> {
        let p = parse(line)?;
        self.decide(&p)?.write(out);
        Ok(())
    }
}

impl Prepared for Baseline {
    type Input = Parsed;

    fn prepare(&self, line: &str) -> Result<Parsed, String> {
        parse(line)
    }

    fn decide(&mut self, p: &Parsed) -> Result<Decision, String> {
        let (grant, amount, clause) = decide(p);
        Ok(Decision {
            id: p.id,
            grant,
            fen: to_fen(amount)?,
            clause,
        })
    }
}
