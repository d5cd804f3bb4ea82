//! `polc fmt`: rewrite notices in the canonical layout, in place and
//! atomically; `--check` lists the files that would change, `--diff` shows
//! the change.

use crate::exit::Exit;
use crate::files;
use crate::output;
use polc::diag::Lang;
use polc::fmt::Keywords;
use std::path::PathBuf;

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KeywordSet {
    Zh,
    En,
}

pub struct Options {
    pub check: bool,
    pub diff: bool,
    pub keywords: Option<KeywordSet>,
    pub lang: Lang,
}

pub fn run(paths: &[PathBuf], options: &Options) -> Exit {
    let lang = options.lang;
    let files = match files::expand(paths) {
        Ok(f) => f,
        Err(d) => return output::fail(&d, lang, Exit::Usage),
    };
    let keywords = options.keywords.map(|k| match k {
        KeywordSet::Zh => Keywords::Chinese,
        KeywordSet::En => Keywords::English,
    });
    let mut out = String::new();
    let (mut changed, mut broken) = (0usize, 0usize);
    for path in &files {
        let source = match files::read_source(path) {
            Ok(s) => s,
            Err(d) => {
                output::warn(&d.render(None, lang));
                broken += 1;
                continue;
            }
        };
        let formatted = match polc::fmt::format(&source, keywords) {
            Ok(text) => text,
            Err(e) => {
                // A file that does not parse is left untouched.
                output::warn(&e.to_diagnostic().render(Some(&source), lang));
                broken += 1;
                continue;
            }
        };
        if formatted == *source.text {
            continue;
        }
        changed += 1;
        if options.diff {
            out.push_str(&unified_diff(
                &source.text,
                &formatted,
                &path.display().to_string(),
            ));
        }
        if options.check || options.diff {
            if !options.diff {
                outln!(out, "{}", path.display());
            }
            continue;
        }
        if let Err(d) = files::write_atomically(path, formatted.as_bytes()) {
            output::warn(&d.render(None, lang));
            broken += 1;
        }
    }
    let code = Exit::failed_if(broken > 0 || ((options.check || options.diff) && changed > 0));
    output::finish(&out, code)
}

fn unified_diff(old: &str, new: &str, name: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(name, &format!("{name} (polc fmt)"))
        .to_string()
}
