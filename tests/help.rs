//! The help of every subcommand, in Chinese (the default) and English
//! (`--lang en` or an English locale), snapshotted at a fixed width; the
//! version on every subcommand; shell completions and man pages generated
//! from the same definition.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::root;

/// Runs polc with a chosen environment: no locale unless `env` gives one,
/// help wrapped at `COLUMNS` (no terminal here, so clap reads it).
fn polc_env(args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut command = common::polc_command();
    command
        .current_dir(root())
        .args(args)
        .env_remove("POLC_CALENDAR")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env("COLUMNS", "100");
    for (name, value) in env {
        command.env(name, value);
    }
    let out = command.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The subcommands `polc --help` lists, read from its 命令 section.
fn subcommands() -> Vec<String> {
    let (code, help, _) = polc_env(&["--help"], &[]);
    assert_eq!(code, 0);
    let section = help.split("命令:\n").nth(1).unwrap();
    section
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .map(|l| l.split_whitespace().next().unwrap().to_string())
        .collect()
}

#[test]
fn every_subcommand_has_its_help_in_both_languages() {
    let subs = subcommands();
    assert!(subs.len() >= 9, "{subs:?}");
    let (_, top_zh, _) = polc_env(&["--help"], &[]);
    insta::assert_snapshot!("help_polc_zh", top_zh);
    let (_, top_en, _) = polc_env(&["--help", "--lang", "en"], &[]);
    insta::assert_snapshot!("help_polc_en", top_en);
    for sub in &subs {
        let (code, zh, stderr) = polc_env(&[sub, "--help"], &[]);
        assert_eq!(code, 0, "{sub}: {stderr}");
        insta::assert_snapshot!(format!("help_{sub}_zh"), zh);
        let (code, en, _) = polc_env(&[sub, "--help", "--lang", "en"], &[]);
        assert_eq!(code, 0);
        insta::assert_snapshot!(format!("help_{sub}_en"), en);
        // Every option of the subcommand is explained: no line of the
        // options list is a bare flag.
        for help in [&zh, &en] {
            for line in help.lines().filter(|l| l.trim_start().starts_with("--")) {
                assert!(
                    line.trim().contains("  "),
                    "{sub}: option without help: {line}"
                );
            }
        }
    }
}

#[test]
fn an_english_locale_gives_english_help_and_messages() {
    let (_, by_flag, _) = polc_env(&["check", "--help", "--lang", "en"], &[]);
    let (_, by_lang, _) = polc_env(&["check", "--help"], &[("LANG", "en_US.UTF-8")]);
    let (_, by_lc_all, _) = polc_env(
        &["check", "--help"],
        &[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "en_GB.UTF-8")],
    );
    assert_eq!(by_flag, by_lang);
    assert_eq!(by_flag, by_lc_all);
    // The flag wins over the locale.
    let (_, zh, _) = polc_env(
        &["check", "--help", "--lang", "zh"],
        &[("LANG", "en_US.UTF-8")],
    );
    assert!(zh.contains("用法"), "{zh}");
    // Diagnostics make the same choice.
    let (code, _, stderr) = polc_env(&["check", "nowhere.pol"], &[("LANG", "en_US.UTF-8")]);
    assert_eq!(code, 2);
    assert!(stderr.contains("does not exist"), "{stderr}");
    let (_, _, stderr) = polc_env(&["check", "nowhere.pol"], &[("LANG", "C.UTF-8")]);
    assert!(stderr.contains("找不到"), "{stderr}");
}

#[test]
fn help_wraps_at_the_terminal_width_between_words() {
    let (_, narrow, _) = polc_env(&["check", "--help", "--lang", "en"], &[("COLUMNS", "60")]);
    let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let (_, wide, _) = polc_env(&["check", "--help", "--lang", "en"], &[("COLUMNS", "200")]);
    for line in narrow.lines() {
        assert!(line.chars().count() <= 60, "too wide: {line}");
    }
    // The same words in the same order: nothing was cut in the middle.
    assert_eq!(words(&narrow), words(&wide));
}

#[test]
fn every_subcommand_answers_version() {
    let version = env!("CARGO_PKG_VERSION");
    let (code, top, _) = polc_env(&["--version"], &[]);
    assert_eq!((code, top.trim()), (0, format!("polc {version}").as_str()));
    for sub in subcommands() {
        let (code, out, stderr) = polc_env(&[&sub, "--version"], &[]);
        assert_eq!(code, 0, "{sub}: {stderr}");
        assert_eq!(out.trim(), format!("polc-{sub} {version}"));
    }
}

#[test]
fn the_bash_completion_script_is_valid_bash() {
    let (code, script, _) = polc_env(&["completions", "bash"], &[]);
    assert_eq!(code, 0);
    for sub in subcommands() {
        assert!(script.contains(&sub), "{sub} not completed");
    }
    assert!(script.contains("--stdin-filename"));
    let path = std::env::temp_dir().join(format!("polc-completion-{}.bash", std::process::id()));
    std::fs::write(&path, &script).unwrap();
    let check = std::process::Command::new("bash")
        .arg("-n")
        .arg(&path)
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&path);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (code, script, stderr) = polc_env(&["completions", shell], &[]);
        assert_eq!(code, 0, "{shell}: {stderr}");
        assert!(
            script.contains("polc") && script.contains("manpages"),
            "{shell}"
        );
    }
    let (code, _, _) = polc_env(&["completions", "tcsh"], &[]);
    assert_eq!(code, 2);
}

#[test]
fn man_pages_one_per_subcommand_naming_every_option() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("man");
    let (code, listing, stderr) =
        polc_env(&["manpages", out.to_str().unwrap(), "--lang", "en"], &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(listing.lines().count(), subcommands().len() + 1);
    let top = std::fs::read_to_string(out.join("polc.1")).unwrap();
    assert!(top.starts_with(".ie") || top.contains(".TH polc"), "{top}");
    for sub in subcommands() {
        let page = std::fs::read_to_string(out.join(format!("polc-{sub}.1")))
            .unwrap_or_else(|e| panic!("polc-{sub}.1: {e}"));
        assert!(page.contains(&format!(".TH polc-{sub}")), "{sub}");
        let (_, help, _) = polc_env(&[&sub, "--help", "--lang", "en"], &[]);
        for option in help
            .split_whitespace()
            .filter(|w| w.starts_with("--") && w.len() > 2)
            .map(|w| w.trim_end_matches(','))
        {
            // roff escapes the dashes: \-\-format.
            let escaped = option.replace('-', "\\-");
            assert!(
                page.contains(&escaped),
                "polc-{sub}.1 does not name {option}"
            );
        }
    }
    // Nothing half-written beside the pages.
    let names: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(names.iter().all(|n| n.ends_with(".1")), "{names:?}");
}
