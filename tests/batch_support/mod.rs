//! Records for batch tests, generated from a notice's own fact declarations:
//! mostly valid values in every spelling the fact reader accepts, some
//! missing, some mistyped or out of range.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use polc::program::{Program, Type};
use rust_decimal::Decimal;

/// A small deterministic generator (xorshift64*), so a failing seed replays.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// How unusual the generated records are.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mix {
    /// Every fact present and valid, in canonical spellings.
    Clean,
    /// Alternative spellings, missing facts, wrong values, odd lines.
    Rough,
}

/// One record as an NDJSON line, with `编号` = `id`.
pub fn record(program: &Program, rng: &mut Rng, id: u64, mix: Mix) -> String {
    let rough = mix == Mix::Rough;
    if rough && rng.chance(2) {
        return ["not json", "[1,2]", "{\"编号\": 1,", "\"text\"", "{}"][rng.below(5) as usize]
            .to_string();
    }
    let mut map = serde_json::Map::new();
    if !(rough && rng.chance(3)) {
        map.insert("编号".into(), serde_json::Value::from(id));
    }
    for name in &program.fact_order {
        let info = &program.facts[name];
        if rough && rng.chance(4) {
            continue;
        }
        let value = if rough && rng.chance(3) {
            junk(rng)
        } else if info.ty == Type::Text {
            text(program, rng)
        } else {
            valid(&info.ty, info.plausible_range(), rng, rough)
        };
        map.insert(name.clone(), value);
    }
    if rough && rng.chance(5) {
        map.insert(
            "备注".into(),
            serde_json::json!({"来源": "系统", "列表": [1, 2]}),
        );
    }
    let line = serde_json::Value::Object(map).to_string();
    if rough && rng.chance(3) {
        // Pretty-printed across spaces (still one line), or escaped text.
        return line.replace(':', " : ").replace("家庭", "\\u5bb6\\u5ead");
    }
    line
}

/// A name from one of the notice's rosters (sometimes spaced as the gazette
/// prints two-character names), or a name on none.
fn text(program: &Program, rng: &mut Rng) -> serde_json::Value {
    let mut names: Vec<&String> = program.rosters.values().flat_map(|r| &r.members).collect();
    names.sort();
    if names.is_empty() || rng.chance(30) {
        return serde_json::json!(["王 飞", "临淄区民政局", "张三"][rng.below(3) as usize]);
    }
    let name = names[rng.below(names.len() as u64) as usize];
    let spaced = if rng.chance(30) {
        name.chars().map(|c| format!("{c} ")).collect::<String>()
    } else {
        name.replace(' ', "")
    };
    serde_json::json!(spaced)
}

fn junk(rng: &mut Rng) -> serde_json::Value {
    match rng.below(6) {
        0 => serde_json::Value::Null,
        1 => serde_json::json!("x"),
        2 => serde_json::json!([1]),
        3 => serde_json::json!(-1),
        4 => serde_json::json!("1e2"),
        _ => serde_json::json!(1.5),
    }
}

fn valid(
    ty: &Type,
    range: Option<(Decimal, Decimal)>,
    rng: &mut Rng,
    rough: bool,
) -> serde_json::Value {
    match ty {
        Type::Bool => {
            let b = rng.chance(if rough { 50 } else { 10 });
            if rough && rng.chance(30) {
                serde_json::json!(if b { "是" } else { "否" })
            } else {
                serde_json::json!(b)
            }
        }
        Type::Date => {
            let (lo, hi): (u64, u64) = if rough { (2015, 2022) } else { (2016, 2020) };
            let year = (lo + rng.below(hi - lo + 1)) as i32;
            let month = 1 + rng.below(12) as u32;
            let day = 1 + rng.below(28) as u32;
            let clean = !rough || rng.chance(70);
            let mut year = year;
            if !rough && year == 2016 && month < 4 {
                year = 2017;
            }
            if clean {
                serde_json::json!(format!("{year:04}-{month:02}-{day:02}"))
            } else {
                serde_json::json!(format!("{year}年{month}月{day}日"))
            }
        }
        Type::Text => serde_json::json!("张三"),
        Type::Enum(variants) => {
            if rough && rng.chance(3) {
                serde_json::json!("未列出")
            } else {
                serde_json::json!(variants[rng.below(variants.len() as u64) as usize])
            }
        }
        Type::Quantity { unit, integral } => {
            let (lo, hi) = range.unwrap_or((Decimal::ZERO, Decimal::from(10_000)));
            let lo = (lo / unit.scale).trunc();
            let hi = (hi / unit.scale).trunc().min(lo + Decimal::from(100_000));
            let span = (hi - lo).trunc();
            let span = u64::try_from(span.mantissa() / 10i128.pow(span.scale())).unwrap_or(0);
            let mut whole = lo + Decimal::from(rng.below(span + 1));
            if rough && rng.chance(3) {
                whole = hi + Decimal::ONE;
            }
            let value = if *integral {
                whole
            } else {
                let cents = Decimal::new(rng.below(100) as i64, 2);
                (whole + cents).min(hi.max(lo))
            };
            if unit.is_money() || !*integral {
                let text = if unit.is_money() {
                    format!("{value:.2}")
                } else {
                    value.to_string()
                };
                if rough && rng.chance(20) {
                    serde_json::json!(format!("{text}{}", unit.name))
                } else if rough && rng.chance(20) {
                    serde_json::Value::Number(text.parse().unwrap())
                } else {
                    serde_json::json!(text)
                }
            } else if rough && rng.chance(20) {
                serde_json::json!(format!("{value}{}", unit.name))
            } else {
                serde_json::Value::Number(value.to_string().parse().unwrap())
            }
        }
    }
}
