//! `polc test`: the cases beside each notice, one line per case, then
//! `N passed, M failed`; clause coverage on request.

use crate::exit::Exit;
use crate::files;
use crate::output;
use polc::calendar::Calendar;
use polc::clause::ClausePath;
use polc::diag::Lang;
use polc::testing::{self, NoticeRun as FileRun};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TestFormat {
    Text,
    Json,
    // JUnit XML, for CI systems that show test reports.
    Junit,
}

pub struct Options {
    pub format: TestFormat,
    pub lang: Lang,
    /// Print clause coverage per notice.
    pub coverage: bool,
    /// Write clause coverage as JSON to this file.
    pub coverage_json: Option<PathBuf>,
    /// Fail when a notice's coverage is below this percentage.
    pub min_coverage: Option<Decimal>,
    /// Run only the cases whose name contains this.
    pub run: Option<String>,
    /// Fail when no case ran.
    pub fail_on_empty: bool,
}

pub fn run(paths: &[PathBuf], calendar: &Calendar, options: &Options) -> Exit {
    let lang = options.lang;
    let files = match files::expand(paths) {
        Ok(f) => f,
        Err(d) => return output::fail(&d, lang, Exit::Usage),
    };
    let (tested, without): (Vec<&PathBuf>, Vec<&PathBuf>) = files
        .iter()
        .partition(|f| testing::tests_path_for(f).exists());
    let only = options.run.as_deref();
    let (runs, times): (Vec<FileRun>, Vec<Duration>) = tested
        .iter()
        .map(|f| {
            let started = Instant::now();
            let run = run_file(f, calendar, only, lang);
            (run, started.elapsed())
        })
        .unzip();
    let passed: usize = runs.iter().map(FileRun::passed).sum();
    let failed: usize = runs.iter().map(FileRun::failed).sum();
    let mut out = match options.format {
        TestFormat::Text => text_report(&runs, &without, passed, failed, lang),
        TestFormat::Json => json_report(&runs, &without, passed, failed, lang),
        TestFormat::Junit => junit_report(&runs, &times, &without, lang),
    };
    if options.coverage && options.format == TestFormat::Text {
        out.push_str(&coverage_text(&runs, lang));
    }
    let mut code = Exit::failed_if(failed > 0);
    if options.fail_on_empty && runs.iter().all(|r| r.reports.is_empty()) {
        output::warn(match lang {
            Lang::Zh => "polc test：没有运行任何案例（--fail-on-empty）\n",
            Lang::En => "polc test: no case ran (--fail-on-empty)\n",
        });
        code = Exit::Failure;
    }
    if let Some(path) = &options.coverage_json {
        let json = serde_json::to_string_pretty(&coverage_json(&runs)).unwrap_or_default();
        if let Err(d) = files::write_atomically(path, format!("{json}\n").as_bytes()) {
            output::warn(&d.render(None, lang));
            code = Exit::Usage;
        }
    }
    if let Some(min) = options.min_coverage {
        for run in &runs {
            let Some(c) = &run.coverage else { continue };
            if c.percent() < min {
                output::warn(&match lang {
                    Lang::Zh => format!(
                        "{}：条款覆盖率 {}% 低于要求的 {min}%\n",
                        run.file,
                        c.percent()
                    ),
                    Lang::En => format!(
                        "{}: clause coverage {}% is below the required {min}%\n",
                        run.file,
                        c.percent()
                    ),
                });
                code = Exit::Failure;
            }
        }
    }
    output::finish(&out, code)
}

/// Reads a notice and its tests file; the library runs them.
fn run_file(path: &Path, calendar: &Calendar, only: Option<&str>, lang: Lang) -> FileRun {
    let source = match files::read_source(path) {
        Ok(s) => s,
        Err(d) => return FileRun::unreadable(path.display().to_string(), &d, lang),
    };
    let tests_path = testing::tests_path_for(path);
    let tests = files::read_text(&tests_path);
    let origin = Instant::now();
    let stopwatch = move || origin.elapsed();
    testing::run_notice(
        &source,
        calendar,
        &tests_path.display().to_string(),
        tests.as_deref().map_err(|d| &**d),
        only,
        Some(&stopwatch),
        lang,
    )
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

fn coverage_text(runs: &[FileRun], lang: Lang) -> String {
    let mut out = String::new();
    outln!(
        out,
        "{}",
        match lang {
            Lang::Zh => "条款覆盖",
            Lang::En => "clause coverage",
        }
    );
    for run in runs {
        let Some(c) = &run.coverage else { continue };
        let uncovered = c.uncovered();
        let uncovered_rows: Vec<String> = c
            .uncovered_rows()
            .iter()
            .map(|r| r.describe(lang))
            .collect();
        match lang {
            Lang::Zh => {
                let rows = if c.rows.is_empty() {
                    String::new()
                } else {
                    format!(
                        "；决策表 {} 行，覆盖 {} 行",
                        c.rows.len(),
                        c.covered_rows.len()
                    )
                };
                outln!(
                    out,
                    "  {}：可计算条款 {} 个，覆盖 {} 个{rows}（{}%）",
                    run.file,
                    c.computable.len(),
                    c.covered.len(),
                    c.percent()
                );
                if !uncovered.is_empty() {
                    outln!(out, "    未覆盖：{}", polc::diag::list(&uncovered, lang));
                }
                if !uncovered_rows.is_empty() {
                    outln!(
                        out,
                        "    未覆盖的决策表行：{}",
                        polc::diag::list(&uncovered_rows, lang)
                    );
                }
                if !c.not_computable.is_empty() {
                    outln!(
                        out,
                        "    不可计算（不计入）：{}",
                        polc::diag::list(&c.not_computable, lang)
                    );
                }
            }
            Lang::En => {
                let rows = if c.rows.is_empty() {
                    String::new()
                } else {
                    format!(
                        ", {} of {} decision-table rows",
                        c.covered_rows.len(),
                        c.rows.len()
                    )
                };
                outln!(
                    out,
                    "  {}: {} of {} computable clauses{rows} covered ({}%)",
                    run.file,
                    c.covered.len(),
                    c.computable.len(),
                    c.percent()
                );
                if !uncovered.is_empty() {
                    outln!(
                        out,
                        "    not covered: {}",
                        polc::diag::list(&uncovered, lang)
                    );
                }
                if !uncovered_rows.is_empty() {
                    outln!(
                        out,
                        "    table rows not covered: {}",
                        polc::diag::list(&uncovered_rows, lang)
                    );
                }
                if !c.not_computable.is_empty() {
                    outln!(
                        out,
                        "    not computable (not counted): {}",
                        polc::diag::list(&c.not_computable, lang)
                    );
                }
            }
        }
    }
    out
}

fn coverage_json(runs: &[FileRun]) -> serde_json::Value {
    let names = |cs: &[ClausePath]| cs.iter().map(ToString::to_string).collect::<Vec<_>>();
    let files: Vec<serde_json::Value> = runs
        .iter()
        .filter_map(|run| {
            let c = run.coverage.as_ref()?;
            Some(serde_json::json!({
                "file": run.file,
                "notice": run.notice,
                "computable": c.computable.len(),
                "covered": c.covered.len(),
                "percent": c.percent().to_string(),
                "uncovered": names(&c.uncovered()),
                "table_rows": c.rows.len(),
                "covered_table_rows": c.covered_rows.len(),
                "uncovered_table_rows": c.uncovered_rows().iter().map(|r| serde_json::json!({
                    "table": r.table,
                    "clause": r.clause.to_string(),
                    "row": r.row,
                    "described": r.describe(Lang::Zh),
                })).collect::<Vec<_>>(),
                "not_computable": names(&c.not_computable),
            }))
        })
        .collect();
    serde_json::json!({ "files": files })
}

fn json_report(
    runs: &[FileRun],
    without: &[&PathBuf],
    passed: usize,
    failed: usize,
    lang: Lang,
) -> String {
    let files: Vec<serde_json::Value> = runs
        .iter()
        .map(|run| {
            let cases: Vec<serde_json::Value> = run
                .reports
                .iter()
                .map(|r| {
                    let mut case = serde_json::json!({
                        "name": r.name,
                        "passed": r.passed(),
                        "failures": r.failures.iter().map(|f| f.describe(lang)).collect::<Vec<_>>(),
                    });
                    // Beside the prose, what was expected and what came, as
                    // data a tool can diff.
                    if let (false, Some(map)) = (r.passed(), case.as_object_mut()) {
                        map.insert("expected".into(), r.expected.clone());
                        map.insert("actual".into(), r.actual.clone());
                    }
                    case
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
        "without_tests": without.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
    });
    let mut out = serde_json::to_string_pretty(&report).unwrap_or_default();
    out.push('\n');
    out
}

/// Seconds as JUnit writes them.
fn seconds(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64())
}

/// JUnit XML: one `testsuite` per notice, one `testcase` per case. A
/// notice that cannot run its cases (it does not check, its tests file is
/// malformed) is an `<error>`, not a `<failure>`: nothing was tested. A
/// notice without a tests file is a skipped suite, so reports list it.
fn junit_report(runs: &[FileRun], times: &[Duration], without: &[&PathBuf], lang: Lang) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
    for (run, time) in runs.iter().zip(times) {
        let errors = usize::from(run.broken.is_some());
        let failures = run.reports.iter().filter(|r| !r.passed()).count();
        outln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"0\" time=\"{}\">",
            xml(&run.file),
            run.reports.len() + errors,
            seconds(*time)
        );
        let class = xml(run.notice.as_deref().unwrap_or(&run.file));
        if let Some(why) = &run.broken {
            outln!(
                out,
                "    <testcase name=\"{}\" classname=\"{class}\" time=\"{}\">\n      <error message=\"{}\"/>\n    </testcase>",
                xml(&run.file),
                seconds(*time),
                xml(why)
            );
        }
        for report in &run.reports {
            let time = seconds(report.elapsed.unwrap_or_default());
            if report.passed() {
                outln!(
                    out,
                    "    <testcase name=\"{}\" classname=\"{class}\" time=\"{time}\"/>",
                    xml(&report.name)
                );
                continue;
            }
            let text: Vec<String> = report.failures.iter().map(|f| f.describe(lang)).collect();
            let first = text.first().and_then(|t| t.lines().next()).unwrap_or("");
            outln!(
                out,
                "    <testcase name=\"{}\" classname=\"{class}\" time=\"{time}\">\n      <failure message=\"{}\">{}</failure>\n    </testcase>",
                xml(&report.name),
                xml(first),
                xml(&text.join("\n"))
            );
        }
        outln!(out, "  </testsuite>");
    }
    for path in without {
        let name = xml(&path.display().to_string());
        let why = match lang {
            Lang::Zh => "没有测试文件",
            Lang::En => "no test file",
        };
        outln!(
            out,
            "  <testsuite name=\"{name}\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"1\" time=\"0.000\">\n    <testcase name=\"{name}\" classname=\"{name}\" time=\"0.000\">\n      <skipped message=\"{why}\"/>\n    </testcase>\n  </testsuite>"
        );
    }
    out.push_str("</testsuites>\n");
    out
}

fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}
