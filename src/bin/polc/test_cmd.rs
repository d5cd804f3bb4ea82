//! `polc test`: the cases beside each notice, one line per case, then
//! `N passed, M failed`.

use crate::Format;
use crate::files;
use crate::output;
use polc::diag::Lang;
use polc::testing::{self, TestSuite};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// One notice's run: its cases, or why they could not run.
struct FileRun {
    file: String,
    notice: Option<String>,
    reports: Vec<testing::CaseReport>,
    /// A notice that does not check, or a malformed test file.
    broken: Option<String>,
}

pub fn run(paths: &[PathBuf], format: Format, lang: Lang) -> ExitCode {
    let files = match files::expand(paths) {
        Ok(f) => f,
        Err(d) => {
            output::warn(&d.render(None, lang));
            return ExitCode::from(2);
        }
    };
    let runs: Vec<FileRun> = files
        .iter()
        .filter(|f| testing::tests_path_for(f).exists())
        .map(|f| run_file(f, lang))
        .collect();
    let passed: usize = runs
        .iter()
        .map(|r| r.reports.iter().filter(|c| c.passed()).count())
        .sum();
    let failed: usize = runs
        .iter()
        .map(|r| r.reports.iter().filter(|c| !c.passed()).count() + usize::from(r.broken.is_some()))
        .sum();
    let without: Vec<&PathBuf> = files
        .iter()
        .filter(|f| !testing::tests_path_for(f).exists())
        .collect();
    let out = match format {
        Format::Text => text_report(&runs, &without, passed, failed, lang),
        Format::Json => json_report(&runs, passed, failed, lang),
    };
    let code = if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    output::finish(&out, code)
}

fn run_file(path: &Path, lang: Lang) -> FileRun {
    let mut run = FileRun {
        file: path.display().to_string(),
        notice: None,
        reports: Vec::new(),
        broken: None,
    };
    let source = match files::read_source(path) {
        Ok(s) => s,
        Err(d) => {
            run.broken = Some(d.headline(lang));
            return run;
        }
    };
    let compiled = polc::compile(&source);
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
    let tests_path = testing::tests_path_for(path);
    let suite = files::read_text(&tests_path)
        .and_then(|text| TestSuite::parse(&text))
        .map_err(|d| format!("{}: {}", tests_path.display(), d.headline(lang)));
    match suite {
        Ok(suite) => {
            run.reports = suite
                .cases
                .iter()
                .map(|case| testing::run_case(&program, case))
                .collect();
        }
        Err(message) => run.broken = Some(message),
    }
    run
}

fn text_report(
    runs: &[FileRun],
    without: &[&PathBuf],
    passed: usize,
    failed: usize,
    lang: Lang,
) -> String {
    let mut out = String::new();
    for run in runs {
        match &run.notice {
            Some(n) => outln!(out, "{}（{n}）", run.file),
            None => outln!(out, "{}", run.file),
        }
        if let Some(why) = &run.broken {
            outln!(out, "  FAILED  {why}");
        }
        for report in &run.reports {
            if report.passed() {
                outln!(out, "  ok      {}", report.name);
                continue;
            }
            outln!(out, "  FAILED  {}", report.name);
            for failure in &report.failures {
                for line in failure.describe(lang).lines() {
                    outln!(out, "          {line}");
                }
            }
        }
    }
    for path in without {
        match lang {
            Lang::Zh => outln!(out, "{}：没有测试文件", path.display()),
            Lang::En => outln!(out, "{}: no test file", path.display()),
        }
    }
    outln!(out, "{passed} passed, {failed} failed");
    out
}

fn json_report(runs: &[FileRun], passed: usize, failed: usize, lang: Lang) -> String {
    let files: Vec<serde_json::Value> = runs
        .iter()
        .map(|run| {
            let cases: Vec<serde_json::Value> = run
                .reports
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "name": r.name,
                        "passed": r.passed(),
                        "failures": r.failures.iter().map(|f| f.describe(lang)).collect::<Vec<_>>(),
                    })
                })
                .collect();
            serde_json::json!({
                "file": run.file,
                "notice": run.notice,
                "error": run.broken,
                "cases": cases,
            })
        })
        .collect();
    let report = serde_json::json!({
        "passed": passed,
        "failed": failed,
        "files": files,
    });
    let mut out = serde_json::to_string_pretty(&report).unwrap_or_default();
    out.push('\n');
    out
}
