//! The one place that decides which language polc speaks, for its help and
//! its diagnostics alike: `--lang` when given, else the locale (`LC_ALL`,
//! then `LC_MESSAGES`, then `LANG`, as POSIX orders them): English for an
//! English locale (`en`, `en_US.UTF-8`), Chinese for any other or none.

use polc::diag::Lang;
use std::ffi::OsString;

/// The language of this run: `flag` (the parsed `--lang`) or the locale.
pub fn choose(flag: Option<Lang>) -> Lang {
    flag.unwrap_or_else(|| from_locale(|name| std::env::var(name).ok()))
}

/// The language of the help, decided before clap parses (it prints help
/// while parsing): `--lang` read from the raw arguments, else the locale.
pub fn before_parsing(args: &[OsString]) -> Lang {
    choose(flag_in(args))
}

/// `--lang en`, `--lang=zh` anywhere before a `--`.
fn flag_in(args: &[OsString]) -> Option<Lang> {
    let mut args = args.iter().filter_map(|a| a.to_str());
    let mut found = None;
    while let Some(arg) = args.next() {
        let value = match arg {
            "--" => break,
            "--lang" => args.next(),
            _ => arg.strip_prefix("--lang="),
        };
        found = match value {
            Some("en") => Some(Lang::En),
            Some("zh") => Some(Lang::Zh),
            _ => found,
        };
    }
    found
}

/// The locale's language: the first of the variables that is set and not
/// empty decides.
fn from_locale(var: impl Fn(&str) -> Option<String>) -> Lang {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(var)
        .find(|v| !v.is_empty());
    match locale {
        Some(l) if l == "en" || l.starts_with("en_") || l.starts_with("en.") => Lang::En,
        _ => Lang::Zh,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locale(vars: &[(&str, &str)]) -> Lang {
        from_locale(|name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_string())
        })
    }

    #[test]
    fn the_first_set_locale_variable_decides() {
        assert_eq!(locale(&[]), Lang::Zh);
        assert_eq!(locale(&[("LANG", "C.UTF-8")]), Lang::Zh);
        assert_eq!(locale(&[("LANG", "en_US.UTF-8")]), Lang::En);
        assert_eq!(locale(&[("LANG", "en")]), Lang::En);
        assert_eq!(locale(&[("LANG", "zh_CN.UTF-8")]), Lang::Zh);
        assert_eq!(
            locale(&[("LC_ALL", "zh_CN.UTF-8"), ("LANG", "en_US.UTF-8")]),
            Lang::Zh
        );
        assert_eq!(
            locale(&[("LC_ALL", ""), ("LC_MESSAGES", "en_GB"), ("LANG", "zh_CN")]),
            Lang::En
        );
        // `eno` is no English locale.
        assert_eq!(locale(&[("LANG", "eno")]), Lang::Zh);
    }

    #[test]
    fn the_flag_is_found_before_a_double_dash() {
        let args = |a: &[&str]| a.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            flag_in(&args(&["polc", "check", "--lang", "en"])),
            Some(Lang::En)
        );
        assert_eq!(
            flag_in(&args(&["polc", "--lang=zh", "check"])),
            Some(Lang::Zh)
        );
        assert_eq!(
            flag_in(&args(&["polc", "check", "--", "--lang", "en"])),
            None
        );
        assert_eq!(flag_in(&args(&["polc", "check", "--lang"])), None);
    }
}
