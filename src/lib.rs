//! polc: Chinese government policy notices as executable, checkable rules.
pub mod ast;
pub mod batch;
pub mod calendar;
pub mod check;
pub mod clause;
pub mod codes;
pub mod diag;
pub mod eval;
pub mod fmt;
pub mod numeral;
pub mod period;
pub mod program;
pub mod repl;
pub mod review;
pub mod rules;
pub mod source;
pub mod syntax;
pub mod testing;
pub mod units;

pub use check::{Compiled, compile};
pub use review::{link, review_all};
