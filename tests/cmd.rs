//! The command line's behaviours as files: each `tests/cmd/*.toml` is one
//! command (arguments, stdin) and what it must print and return, run by
//! trycmd. `TRYCMD=overwrite cargo test --test cmd` rewrites the expected
//! output after a deliberate change; review the diff as a snapshot's.

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        // Chinese, whatever the developer's locale; a case that wants
        // English says so in its own `env`.
        .env("LC_ALL", "C.UTF-8")
        .env("COLUMNS", "100")
        .case("tests/cmd/*.toml");
}
