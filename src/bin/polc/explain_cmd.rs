//! `polc explain CODE`: what a diagnostic code means, an input that
//! triggers it, and how to fix it, from the code registry
//! ([`polc::codes`]); `--list` lists every code with its summary.

use crate::exit::Exit;
use crate::output;
use polc::codes::{self, Lang};

pub fn run(code: Option<&str>, list: bool, lang: Lang) -> Exit {
    if list {
        return output::finish(&listing(lang), Exit::Success);
    }
    let name = code.unwrap_or_default().trim();
    match codes::find(name) {
        Some(code) => output::finish(&code.explain(lang), Exit::Success),
        None => {
            output::warn(&unknown(name, lang));
            Exit::Usage
        }
    }
}

/// One line per code: its name, its severity and its summary.
fn listing(lang: Lang) -> String {
    let width = codes::all().map(|c| c.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    for code in codes::all() {
        let level = match (code.severity, lang) {
            (codes::Severity::Error, Lang::Zh) => "错误",
            (codes::Severity::Warning, Lang::Zh) => "警告",
            (codes::Severity::Error, Lang::En) => "error  ",
            (codes::Severity::Warning, Lang::En) => "warning",
        };
        out.push_str(&format!(
            "{:width$}  {level}  {}\n",
            code.name,
            code.summary.get(lang)
        ));
    }
    out
}

fn unknown(name: &str, lang: Lang) -> String {
    let closest = codes::closest(name);
    match (lang, closest) {
        (Lang::Zh, Some(c)) => format!(
            "polc 没有诊断代码「{name}」；是否想写 {}？\n用 polc explain --list 列出全部代码\n",
            c.name
        ),
        (Lang::Zh, None) => {
            format!("polc 没有诊断代码「{name}」\n用 polc explain --list 列出全部代码\n")
        }
        (Lang::En, Some(c)) => format!(
            "polc has no diagnostic code `{name}`; did you mean {}?\nlist every code with polc explain --list\n",
            c.name
        ),
        (Lang::En, None) => format!(
            "polc has no diagnostic code `{name}`\nlist every code with polc explain --list\n"
        ),
    }
}
