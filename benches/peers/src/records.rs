//! Deterministic "relief" records: the same seed gives the same file, byte
//! for byte, on every machine. Fields as in the flagship's facts; about 10 %
//! of records have one exclusion flag set.

use crate::FLAGS;
use std::io::Write;

/// SplitMix64: small, fast, and fixed forever (no crate version can change it).
pub struct SplitMix(u64);

impl SplitMix {
    pub fn new(seed: u64) -> Self {
        SplitMix(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
}

pub const SEED: u64 = 20_160_305;

pub fn record(rng: &mut SplitMix, id: u64, out: &mut Vec<u8>) {
    let kinds = ["重大损失", "入不敷出", "短期困难"];
    let people = rng.range(1, 8);
    let kind = kinds[rng.range(0, 2) as usize];
    let months = rng.range(0, 8);
    let special = rng.range(0, 4) == 0;
    let dibao = rng.range(40_000, 90_000);
    let times = rng.range(0, 3);
    let paid = rng.range(0, 900_000);
    let excluded = rng.range(0, 9) == 0;
    let flag = rng.range(0, 6) as usize;
    let _ = write!(
        out,
        "{{\"编号\":{id},\"家庭人口\":{people},\"困难类型\":\"{kind}\",\"困难月数\":{months},\"极特殊困难\":{special},\"低保标准\":\"{}.{:02}\",\"本年已救助次数\":{times},\"本年已救助金额\":\"{}.{:02}\"",
        dibao / 100,
        dibao % 100,
        paid / 100,
        paid % 100
    );
    for (i, f) in FLAGS.iter().enumerate() {
        let _ = write!(out, ",\"{f}\":{}", excluded && i == flag);
    }
    out.extend_from_slice(b"}\n");
}

pub fn run(n: &str, file: &str) -> Result<(), String> {
    let n: u64 = n.parse().map_err(|e| format!("N: {e}"))?;
    let f = std::fs::File::create(file).map_err(|e| format!("{file}: {e}"))?;
    let mut w = std::io::BufWriter::with_capacity(1 << 20, f);
    let mut rng = SplitMix::new(SEED);
    let mut line = Vec::new();
    for id in 1..=n {
        line.clear();
        record(&mut rng, id, &mut line);
        w.write_all(&line).map_err(|e| format!("{file}: {e}"))?;
    }
    w.flush().map_err(|e| format!("{file}: {e}"))
}
