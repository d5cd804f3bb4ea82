//! Test cases kept beside a notice (`NAME.tests.toml` next to `NAME.pol`),
//! as OpenFisca keeps YAML tests and Cedar its `run-tests` files: facts,
//! the values expected of outputs, and the clauses expected to decide them.
//!
//! ```toml
//! [base]                          # facts shared by every case (optional)
//! "家庭人口" = 3
//! [[case]]
//! name = "重大财产损失，首次申请"
//! facts = { "困难类型" = "重大损失" }
//! expect = { "予以救助" = true, "救助金额" = "4000.00" }
//! cites = { "救助金额" = "第六条第二款" }   # or a list: each must be cited
//! # warnings = ["家庭人口"]        # the facts the answer warns about (通常)
//! # error = ["不在有效期内"]      # instead: evaluation must fail so
//! ```
//!
//! The module follows the ideas it holds: [`file`] is the format of a tests
//! file and its parsing, [`run`] runs one case and says why it failed,
//! [`coverage`] measures which clauses the cases reach, and [`notice`] puts
//! them together for one notice and its tests file, as `polc test` (and any
//! other front end) runs them. Nothing here reads a file: the caller hands
//! over the texts.

pub mod coverage;
pub mod file;
pub mod notice;
pub mod run;

pub use coverage::Coverage;
pub use file::{Expected, TestCase, TestFileError, TestSuite, test_file_message};
pub use notice::{NoticeRun, run_notice};
pub use run::{CaseReport, Failure, run_case};

/// The file name of the tests kept beside `notice.pol`.
pub fn tests_path_for(notice: &std::path::Path) -> std::path::PathBuf {
    notice.with_extension("tests.toml")
}
