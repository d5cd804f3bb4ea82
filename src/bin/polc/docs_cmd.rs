//! `polc completions SHELL` and `polc manpages DIR`: the command line
//! described for shells and for `man`, both generated from the one clap
//! definition ([`crate::cli`]) with its help in the user's language.

use crate::cli::{self, Shell};
use crate::exit::Exit;
use crate::{files, output};
use polc::diag::Lang;
use std::path::Path;

/// Prints the completion script for `shell`.
pub fn completions(shell: Shell, lang: Lang) -> Exit {
    use clap_complete::Shell as S;
    let shell = match shell {
        Shell::Bash => S::Bash,
        Shell::Zsh => S::Zsh,
        Shell::Fish => S::Fish,
        Shell::Powershell => S::PowerShell,
        Shell::Elvish => S::Elvish,
    };
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cli::command(lang), "polc", &mut script);
    output::finish(&String::from_utf8_lossy(&script), Exit::Success)
}

/// Writes `polc.1` and `polc-SUB.1` for each subcommand into `dir`, each
/// atomically; the names of the pages written go to stdout.
pub fn manpages(dir: &Path, lang: Lang) -> Exit {
    if let Err(e) = std::fs::create_dir_all(dir) {
        let d: Box<polc::diag::Diagnostic> = files::IoError::Write {
            path: dir.to_path_buf(),
            detail: e.to_string(),
        }
        .into();
        return output::fail(&d, lang, Exit::Usage);
    }
    let mut command = cli::command(lang);
    // Built, so each subcommand carries the global options and its full
    // name (`polc-check`) as its page does.
    command.build();
    let mut pages = vec![command.clone()];
    pages.extend(command.get_subcommands().cloned());
    let mut written = String::new();
    for page in pages {
        let name = page
            .get_display_name()
            .unwrap_or_else(|| page.get_name())
            .to_string();
        let mut roff = Vec::new();
        if let Err(e) = clap_mangen::Man::new(page).render(&mut roff) {
            return write_failed(&dir.join(&name), &e, lang);
        }
        let path = dir.join(format!("{name}.1"));
        if let Err(d) = files::write_atomically(&path, &roff) {
            return output::fail(&d, lang, Exit::Usage);
        }
        outln!(written, "{}", path.display());
    }
    output::finish(&written, Exit::Success)
}

fn write_failed(path: &Path, e: &std::io::Error, lang: Lang) -> Exit {
    let d: Box<polc::diag::Diagnostic> = files::IoError::Write {
        path: path.to_path_buf(),
        detail: e.to_string(),
    }
    .into();
    output::fail(&d, lang, Exit::Usage)
}
