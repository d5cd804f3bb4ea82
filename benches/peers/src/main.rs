//! The peers of `polc batch` on the "relief" workload (issue 7).
//!
//! ```text
//! peers gen N FILE                          deterministic records (fixed seed)
//! peers run ENGINE INPUT OUTPUT THREADS     end to end: NDJSON in, one line per record out
//! peers inprocess ENGINE INPUT [ROUNDS]     pre-parse, then time evaluation only (1 thread)
//! peers check POLC_OUT OTHER_OUT...         identical decisions, amounts, deciding clauses
//! ```
//!
//! ENGINE is `baseline` (hand-written Rust: serde + rust_decimal), `regorus`
//! (Rego on its RVM) or `zen` (zen-engine, a compiled JDM decision table).
//! Every engine writes `{"id":…,"予以救助":…,"救助金额":"0.00","条款":"…"}`.

mod baseline;
mod check;
mod drive;
mod records;
mod rego;
mod zen;

use std::process::ExitCode;

/// What every engine decides for one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub id: u64,
    pub grant: bool,
    /// 救助金额 in fen.
    pub fen: i64,
    pub clause: &'static str,
}

impl Decision {
    pub fn write(&self, out: &mut Vec<u8>) {
        use std::io::Write as _;
        let sign = if self.fen < 0 { "-" } else { "" };
        let fen = self.fen.unsigned_abs();
        let _ = writeln!(
            out,
            "{{\"id\":{},\"予以救助\":{},\"救助金额\":\"{sign}{}.{:02}\",\"条款\":\"{}\"}}",
            self.id,
            self.grant,
            fen / 100,
            fen % 100,
            self.clause
        );
    }
}

/// One engine, one instance per thread.
pub trait Engine: Send {
    /// Reads one NDJSON record and appends its answer line.
    fn line(&mut self, line: &str, out: &mut Vec<u8>) -> Result<(), String>;
}

/// Records read ahead of time into the engine's own input form.
pub trait Prepared {
    type Input;
    fn prepare(&self, line: &str) -> Result<Self::Input, String>;
    fn decide(&mut self, input: &Self::Input) -> Result<Decision, String>;
}

/// The deciding clauses, as polc cites them.
pub const CLAUSES: [&str; 5] = [
    "第七条",
    "第十二条",
    "第六条第（二）项第1目",
    "第六条第（二）项第2目",
    "第六条第（一）项",
];

/// An engine's clause text as one of [`CLAUSES`].
pub fn clause(text: &str) -> Result<&'static str, String> {
    CLAUSES
        .iter()
        .find(|c| **c == text)
        .copied()
        .ok_or_else(|| format!("unknown clause {text}"))
}

pub const FLAGS: [&str; 7] = [
    "有稳定收入",
    "经常使用家用轿车",
    "无正当理由拒绝就业",
    "赡养人未履行义务",
    "拒绝调查或隐瞒",
    "无理取闹",
    "自愿放弃或擅自离开",
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["gen", n, file] => records::run(n, file),
        ["run", engine, input, output, threads] => drive::run(engine, input, output, threads),
        ["inprocess", engine, input] => drive::inprocess(engine, input, "3"),
        ["inprocess", engine, input, rounds] => drive::inprocess(engine, input, rounds),
        ["check", polc, others @ ..] if !others.is_empty() => check::run(polc, others),
        _ => Err(format!(
            "usage: peers gen N FILE | run ENGINE INPUT OUTPUT THREADS | inprocess ENGINE INPUT [ROUNDS] | check POLC_OUT OTHER_OUT...\n(got {args:?})"
        )),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("peers: {e}");
            ExitCode::FAILURE
        }
    }
}
