//! The checker: `polc batch` and every peer decide the same thing on every
//! record — 予以救助, 救助金额 to the fen, and the deciding clause (the clause
//! polc cites for 救助金额) — in the same order.

use serde_json::Value;
use std::io::{BufRead, BufReader};

#[derive(Debug, PartialEq, Eq)]
struct Row {
    id: Value,
    grant: bool,
    amount: String,
    clause: String,
}

fn polc_row(v: &Value) -> Option<Row> {
    let out = v.get("outputs")?;
    Some(Row {
        id: v.get("id")?.clone(),
        grant: out.get("予以救助")?.get("value")?.as_bool()?,
        amount: out.get("救助金额")?.get("value")?.as_str()?.to_string(),
        clause: out
            .get("救助金额")?
            .get("cites")?
            .get(0)?
            .as_str()?
            .to_string(),
    })
}

fn peer_row(v: &Value) -> Option<Row> {
    Some(Row {
        id: v.get("id")?.clone(),
        grant: v.get("予以救助")?.as_bool()?,
        amount: v.get("救助金额")?.as_str()?.to_string(),
        clause: v.get("条款")?.as_str()?.to_string(),
    })
}

fn rows(path: &str, polc: bool) -> Result<Vec<Row>, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
    let mut out = Vec::new();
    for (n, line) in BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| format!("{path}: {e}"))?;
        let v: Value = serde_json::from_str(&line).map_err(|e| format!("{path}:{}: {e}", n + 1))?;
        let row = if polc { polc_row(&v) } else { peer_row(&v) };
        out.push(row.ok_or_else(|| format!("{path}:{}: not an answer: {line}", n + 1))?);
    }
    Ok(out)
}

pub fn run(polc: &str, others: &[&str]) -> Result<(), String> {
    let reference = rows(polc, true)?;
    let mut failed = false;
    for other in others {
        let theirs = rows(other, false)?;
        let mut mismatches = 0usize;
        if theirs.len() != reference.len() {
            eprintln!(
                "{other}: {} records, polc has {}",
                theirs.len(),
                reference.len()
            );
            failed = true;
        }
        for (i, (a, b)) in reference.iter().zip(&theirs).enumerate() {
            if a != b {
                if mismatches < 5 {
                    eprintln!("{other}: record {}: polc {a:?}, peer {b:?}", i + 1);
                }
                mismatches += 1;
            }
        }
        if mismatches > 0 {
            failed = true;
        }
        println!(
            "{other}: {} records, {mismatches} differ from polc",
            theirs.len()
        );
    }
    if failed {
        Err("the engines disagree".into())
    } else {
        Ok(())
    }
}
