//! One notice's tests, run whole: compile the notice, parse its tests file,
//! run every case, measure coverage. `polc test` finds and reads the files
//! and renders the [`NoticeRun`]s (text, JSON, JUnit, coverage); a language
//! server or a service can run the same from texts it holds.

use super::coverage::Coverage;
use super::file::TestSuite;
use super::run::{CaseReport, run_case};
use crate::calendar::Calendar;
use crate::diag::{Diagnostic, Lang};
use crate::source::SourceFile;

/// One notice's run: its cases, or why they could not run.
#[derive(Debug, Clone)]
pub struct NoticeRun {
    /// The notice's file name, as its [`SourceFile`] names it.
    pub file: String,
    /// Its 文号, once it checks.
    pub notice: Option<String>,
    pub reports: Vec<CaseReport>,
    /// Why no case could run, in `lang`: an unreadable notice, a notice
    /// that does not check, or a tests file that cannot be read or parsed.
    pub broken: Option<String>,
    pub coverage: Option<Coverage>,
}

impl NoticeRun {
    /// A notice that could not even be read.
    pub fn unreadable(file: impl Into<String>, why: &Diagnostic, lang: Lang) -> NoticeRun {
        NoticeRun {
            broken: Some(why.headline(lang)),
            ..NoticeRun::empty(file.into())
        }
    }

    fn empty(file: String) -> NoticeRun {
        NoticeRun {
            file,
            notice: None,
            reports: Vec::new(),
            broken: None,
            coverage: None,
        }
    }

    pub fn passed(&self) -> usize {
        self.reports.iter().filter(|c| c.passed()).count()
    }

    /// Failed cases, and one more when none could run.
    pub fn failed(&self) -> usize {
        self.reports.iter().filter(|c| !c.passed()).count() + usize::from(self.broken.is_some())
    }
}

/// Runs the tests of `source`. `tests_name` names the tests file in
/// messages; `tests` is its text, or why it could not be read (reported
/// only when the notice checks, as the cases could not run otherwise).
/// `only` runs just the cases whose name contains it (`polc test --run`);
/// coverage is then that of the cases run. `stopwatch`, when given, tells
/// the time (any fixed origin) so each case's report has its duration: the
/// library keeps no clock of its own, as it does no I/O.
pub fn run_notice(
    source: &SourceFile,
    calendar: &Calendar,
    tests_name: &str,
    tests: Result<&str, &Diagnostic>,
    only: Option<&str>,
    stopwatch: Option<&dyn Fn() -> std::time::Duration>,
    lang: Lang,
) -> NoticeRun {
    let mut run = NoticeRun::empty(source.name.to_string());
    let compiled = crate::check::compile(source);
    let Some(program) = compiled.program else {
        let first = compiled
            .diagnostics
            .first()
            .map(|d| d.headline(lang))
            .unwrap_or_default();
        run.broken = Some(match lang {
            Lang::Zh => format!("文件未通过检查（先运行 polc check）：{first}"),
            Lang::En => format!("the notice does not check (run polc check): {first}"),
        });
        return run;
    };
    run.notice = Some(program.doc_number.clone());
    let suite = match tests {
        Ok(text) => TestSuite::parse(text).map_err(|d| d.headline(lang)),
        Err(d) => Err(d.headline(lang)),
    };
    match suite {
        Ok(suite) => {
            run.reports = suite
                .cases
                .iter()
                .filter(|case| only.is_none_or(|text| case.name.contains(text)))
                .map(|case| {
                    let started = stopwatch.map(|now| now());
                    let mut report = run_case(&program, calendar, case);
                    if let (Some(now), Some(started)) = (stopwatch, started) {
                        report.elapsed = Some(now().saturating_sub(started));
                    }
                    report
                })
                .collect();
            run.coverage = Some(Coverage::of(&program, &run.reports));
        }
        Err(headline) => run.broken = Some(format!("{tests_name}: {headline}")),
    }
    run
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const SCORES: &str = include_str!("../../tests/ui/test/scores.pol");
    const SCORES_TESTS: &str = include_str!("../../tests/ui/test/scores.tests.toml");

    fn calendar() -> std::sync::Arc<Calendar> {
        Calendar::embedded().unwrap()
    }

    fn scores() -> SourceFile {
        SourceFile::new("scores.pol", SCORES)
    }

    #[test]
    fn a_notice_and_its_tests_run_from_their_texts() {
        let run = run_notice(
            &scores(),
            &calendar(),
            "scores.tests.toml",
            Ok(SCORES_TESTS),
            None,
            None,
            Lang::Zh,
        );
        assert!(run.notice.is_some() && run.broken.is_none(), "{run:?}");
        assert!(!run.reports.is_empty());
        assert_eq!(run.passed() + run.failed(), run.reports.len());
        assert!(run.coverage.is_some());
    }

    #[test]
    fn only_the_cases_named_run() {
        let all = run_notice(
            &scores(),
            &calendar(),
            "t",
            Ok(SCORES_TESTS),
            None,
            None,
            Lang::Zh,
        );
        let first = all.reports.first().map(|r| r.name.clone()).unwrap();
        let some = run_notice(
            &scores(),
            &calendar(),
            "t",
            Ok(SCORES_TESTS),
            Some(&first),
            None,
            Lang::Zh,
        );
        assert!(!some.reports.is_empty());
        assert!(some.reports.iter().all(|r| r.name.contains(&first)));
        let none = run_notice(
            &scores(),
            &calendar(),
            "t",
            Ok(SCORES_TESTS),
            Some("no case is named so"),
            None,
            Lang::Zh,
        );
        assert!(none.reports.is_empty() && none.broken.is_none());
    }

    #[test]
    fn an_unreadable_tests_file_is_named_in_the_run() {
        // Any diagnostic stands for the reader's.
        let why = TestSuite::parse("[[[").unwrap_err();
        let run = run_notice(
            &scores(),
            &calendar(),
            "scores.tests.toml",
            Err(&why),
            None,
            None,
            Lang::En,
        );
        let expected = format!("scores.tests.toml: {}", why.headline(Lang::En));
        assert_eq!(run.broken, Some(expected));
        assert_eq!(run.failed(), 1);
    }

    #[test]
    fn a_notice_that_does_not_check_runs_no_case() {
        let broken = SourceFile::new("broken.pol", "这不是一份通知");
        let run = run_notice(
            &broken,
            &calendar(),
            "broken.tests.toml",
            Ok(SCORES_TESTS),
            None,
            None,
            Lang::En,
        );
        assert!(run.notice.is_none() && run.reports.is_empty());
        assert!(
            run.broken
                .as_deref()
                .unwrap()
                .starts_with("the notice does not check")
        );
    }
}
