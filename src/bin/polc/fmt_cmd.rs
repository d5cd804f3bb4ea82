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

impl KeywordSet {
    fn keywords(self) -> Keywords {
        match self {
            KeywordSet::Zh => Keywords::Chinese,
            KeywordSet::En => Keywords::English,
        }
    }
}

pub struct Options {
    pub check: bool,
    pub diff: bool,
    pub keywords: Option<KeywordSet>,
    pub lang: Lang,
    /// The name messages give a notice read from stdin (`-`).
    pub stdin_filename: Option<String>,
}

pub fn run(paths: &[PathBuf], options: &Options) -> Exit {
    let lang = options.lang;
    if paths.iter().any(|p| files::is_stdin(p)) {
        if paths.len() > 1 {
            output::warn(match lang {
                Lang::Zh => "polc fmt：- （标准输入）不能与其他路径同时使用\n",
                Lang::En => "polc fmt: - (stdin) cannot be given with other paths\n",
            });
            return Exit::Usage;
        }
        return stdin(options);
    }
    let files = match files::expand(paths) {
        Ok(f) => f,
        Err(d) => return output::fail(&d, lang, Exit::Usage),
    };
    let keywords = options.keywords.map(KeywordSet::keywords);
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

/// `polc fmt -`: the notice on stdin, printed formatted (a filter, as
/// `rustfmt` and `gofmt` are); with `--check` or `--diff` as for a file.
fn stdin(options: &Options) -> Exit {
    let lang = options.lang;
    let source = match files::read_stdin_source(options.stdin_filename.as_deref()) {
        Ok(s) => s,
        Err(d) => return output::fail(&d, lang, Exit::Usage),
    };
    let keywords = options.keywords.map(KeywordSet::keywords);
    let formatted = match polc::fmt::format(&source, keywords) {
        Ok(text) => text,
        Err(e) => {
            output::warn(&e.to_diagnostic().render(Some(&source), lang));
            return Exit::Failure;
        }
    };
    let changed = formatted != *source.text;
    if options.diff {
        let diff = if changed {
            unified_diff(&source.text, &formatted, &source.name)
        } else {
            String::new()
        };
        return output::finish(&diff, Exit::failed_if(changed));
    }
    if options.check {
        let listing = if changed {
            format!("{}\n", source.name)
        } else {
            String::new()
        };
        return output::finish(&listing, Exit::failed_if(changed));
    }
    output::finish(&formatted, Exit::Success)
}

fn unified_diff(old: &str, new: &str, name: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(name, &format!("{name} (polc fmt)"))
        .to_string()
}
