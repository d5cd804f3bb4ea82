//! The help text of every subcommand, argument and option, in Chinese and
//! English side by side, so a change to one is seen beside the other.
//! [`localize`] puts one language into the clap command; a test
//! (`tests/help.rs`) checks every argument has both and that nothing here
//! names an argument that no longer exists.
//!
//! clap's own words are replaced too: the section headings, and the
//! possible values, defaults and environment variables, which
//! [`localize`] writes from the argument itself so they cannot go stale.

use polc::diag::Lang;

/// `(key, zh, en)`. The key is `polc` for the program, a subcommand's name
/// for its summary, `sub.arg` for an argument of a subcommand (its clap id),
/// and `--arg` for a global option.
pub const TEXTS: &[(&str, &str, &str)] = &[
    (
        "polc",
        "政策文件的可执行规则：检查、计算、引用条款",
        "Chinese policy notices as executable rules: check them, evaluate cases, cite the clauses",
    ),
    (
        "--calendar",
        "2016–2026 年以后的工作日数据（格式同 data/cn-workdays-2016-2026.toml），国务院公布后提供",
        "Working-day data for the years after the embedded 2016–2026 table, in its format (data/cn-workdays-2016-2026.toml), once the State Council announces them",
    ),
    (
        "--lang",
        "提示和帮助的语言；不写时按 LC_ALL/LC_MESSAGES/LANG，英文区域设置为 en，否则 zh",
        "Language of messages and help; by default from LC_ALL/LC_MESSAGES/LANG: en for an English locale, else zh",
    ),
    ("--help", "显示帮助", "Print help"),
    ("--version", "显示版本", "Print the version"),
    (
        "check",
        "检查政策文件：语法、名称、类型、单位、条款编号、引用，以及跨条款分析",
        "Check notices for syntax, name, type, unit, numbering and citation errors, and analyse across clauses",
    ),
    (
        "check.paths",
        ".pol 文件或包含它们的目录；- 表示从标准输入读取",
        ".pol files or folders holding them; - reads a notice from stdin",
    ),
    (
        "check.format",
        "输出格式：text（文本）、json、sarif（SARIF 2.1.0，供代码扫描界面使用），或 markdown（只用于列出读法：读法表）",
        "Output format: text, json, sarif (SARIF 2.1.0, for code-scanning interfaces), or markdown (the table of readings, when listing them)",
    ),
    (
        "check.deny",
        "使检查失败的情形，可用逗号列出多项：warnings，警告也失败（已确认的除外）；unconfirmed，有待确认的读法就失败",
        "What else fails the run, several separated by commas: warnings, any warning (acknowledged ones never do); unconfirmed, any reading still awaiting confirmation",
    ),
    (
        "check.readings",
        "列出每条读法（原文未写或可两读之处所取的解释）：条款、问题、采用的选项、备选及其含义、是否已确认",
        "List every reading (the interpretation taken where the text is silent or ambiguous): clause, question, adopted choice, alternatives with their meanings, confirmation status",
    ),
    (
        "check.stdin_filename",
        "从标准输入读取时，在提示中使用的文件名",
        "The file name messages give a notice read from stdin",
    ),
    (
        "eval",
        "按政策文件计算一个案例（事实用 JSON 或 TOML 写）",
        "Evaluate one case (facts in JSON or TOML) against a notice",
    ),
    ("eval.notice", "政策文件（.pol）", "The notice (.pol file)"),
    (
        "eval.facts",
        "案例的事实：.json 或 .toml 文件；- 表示从标准输入读取",
        "Facts of the case: a .json or .toml file, or - for stdin",
    ),
    (
        "eval.format",
        "输出格式：text 或 json（失败时也在标准输出给出一个 JSON 对象）",
        "Output format: text or json (a failure is a JSON object on stdout too)",
    ),
    (
        "eval.readings",
        "以读法的备选计算：条款/名称=选项（可重复），如 第四条/期限竞合=相加；polc check --readings 列出读法",
        "Evaluate under an alternative reading: CLAUSE/NAME=CHOICE (repeatable), e.g. 第四条/期限竞合=相加; polc check --readings lists them",
    ),
    (
        "eval.explain",
        "以树的形式列出每项输出的推导及条款",
        "Print the derivation of each output as a tree, with clauses",
    ),
    (
        "eval.outputs",
        "只计算这些输出或规则（可重复）",
        "Evaluate these outputs or rules instead of all outputs (repeatable)",
    ),
    (
        "test",
        "运行每个政策文件旁的测试案例（NAME.tests.toml）",
        "Run the test cases kept beside each notice (NAME.tests.toml)",
    ),
    (
        "test.paths",
        ".pol 文件或包含它们的目录",
        ".pol files or folders holding them",
    ),
    (
        "test.format",
        "输出格式：text、json，或 junit（JUnit XML，供 CI 显示测试报告）",
        "Output format: text, json, or junit (JUnit XML, for CI systems that show test reports)",
    ),
    (
        "test.coverage",
        "列出每个政策文件中案例覆盖到的可计算条款和决策表的行",
        "Print which computable clauses and decision-table rows the cases reach, per notice",
    ),
    (
        "test.coverage_json",
        "把条款覆盖情况以 JSON 写入此文件",
        "Write clause coverage as JSON to this file",
    ),
    (
        "test.min_coverage",
        "政策文件的覆盖率（条款与决策表的行）低于此百分比时失败",
        "Fail when a notice's coverage (clauses and decision-table rows) is below this percentage",
    ),
    (
        "test.run",
        "只运行名称包含此文字的案例",
        "Run only the cases whose name contains this text",
    ),
    (
        "test.fail_on_empty",
        "一个案例都没有运行时失败",
        "Fail when no case ran",
    ),
    (
        "fmt",
        "把政策文件改写为规范排版（原地、原子地写入）",
        "Rewrite notices in the canonical layout (in place, atomically)",
    ),
    (
        "fmt.paths",
        ".pol 文件或包含它们的目录；- 表示从标准输入读取，排版结果打印到标准输出",
        ".pol files or folders holding them; - reads a notice from stdin and prints it formatted",
    ),
    (
        "fmt.check",
        "列出需要改动的文件并以 1 退出；不写入任何文件",
        "List the files that would change and exit 1; write nothing",
    ),
    (
        "fmt.diff",
        "以统一差异格式显示改动，有改动时以 1 退出；不写入任何文件",
        "Print the change as a unified diff and exit 1 if any; write nothing",
    ),
    (
        "fmt.keywords",
        "同时把所有关键字改写为一套：zh（事实、若……）或 en（fact、if……）",
        "Also rewrite every keyword in one set: zh (事实, 若 …) or en (fact, if …)",
    ),
    (
        "fmt.stdin_filename",
        "从标准输入读取时，在提示中使用的文件名",
        "The file name messages give a notice read from stdin",
    ),
    (
        "batch",
        "计算 NDJSON 或 CSV 文件的每一条记录，每条输出一行答案",
        "Evaluate every record of an NDJSON or CSV file, one answer line each",
    ),
    ("batch.notice", "政策文件（.pol）", "The notice (.pol file)"),
    (
        "batch.input",
        "记录：NDJSON（每行一个 JSON 对象）或首行为事实名称的 CSV；- 表示从标准输入读取",
        "Records: NDJSON (one JSON object a line) or CSV with a header row of fact names; - for stdin",
    ),
    (
        "batch.output",
        "把答案写入此文件（原子地：文件要么完整出现，要么不出现），而不是标准输出",
        "Write the answers here (atomically: the file appears whole or not at all) instead of to stdout",
    ),
    (
        "batch.threads",
        "工作线程数（默认每个核一个）",
        "Worker threads (default: one per core)",
    ),
    (
        "batch.id",
        "标识记录的字段（或 CSV 列），原样作为 \"id\" 输出",
        "The field (or CSV column) that identifies a record; echoed as \"id\"",
    ),
    (
        "batch.input_format",
        "输入格式；默认按扩展名：.csv 为 CSV，其余为 NDJSON",
        "Input format; by default from the extension: .csv is CSV, anything else NDJSON",
    ),
    (
        "batch.explain_plan",
        "显示政策文件如何编译为批量计划，然后停止",
        "Print how the notice is compiled for batch evaluation, and stop",
    ),
    (
        "batch.readings",
        "以读法的备选计算：条款/名称=选项（可重复），如 第四条/期限竞合=相加",
        "Evaluate under an alternative reading: CLAUSE/NAME=CHOICE (repeatable), e.g. 第四条/期限竞合=相加",
    ),
    (
        "batch.generic",
        "每条记录都用通用求值器计算（用于比较）",
        "Use the generic evaluator for every record (for comparison)",
    ),
    (
        "explain",
        "解释诊断代码：含义、触发它的输入、如何修改",
        "Explain a diagnostic code: what it means, an input that triggers it, how to fix it",
    ),
    (
        "explain.code",
        "诊断代码，如 polc::check::overlap",
        "A code such as polc::check::overlap",
    ),
    (
        "explain.list",
        "列出全部代码及其一句话说明",
        "List every code with its one-line summary",
    ),
    (
        "repl",
        "交互式地问“如果……会怎样”：设定事实，看什么改变了、为什么",
        "Ask \"what if\" interactively: set facts, see what changes, and why",
    ),
    (
        "repl.notices",
        "要载入的 .pol 文件（之后可用 :load 载入更多）",
        ".pol files to load (more with :load)",
    ),
    (
        "repl.facts",
        "从一个案例的事实开始（.json 或 .toml 文件）",
        "Start with the facts of a case (a .json or .toml file)",
    ),
    (
        "completions",
        "把 shell 的补全脚本打印到标准输出",
        "Print a shell completion script to stdout",
    ),
    ("completions.shell", "哪一种 shell", "Which shell"),
    (
        "lsp",
        "在标准输入输出上运行语言服务器（polc-lsp），供编辑器使用；见 docs/editors.md",
        "Run the language server (polc-lsp) on stdin and stdout, for editors; see docs/editors.md",
    ),
    (
        "manpages",
        "在目录中为 polc 及每个子命令各写一页 man 手册（原子地写入）",
        "Write a man page for polc and one for each subcommand into a folder (atomically)",
    ),
    (
        "manpages.dir",
        "写入的目录（不存在时创建）",
        "The folder to write them into (created if missing)",
    ),
];

/// The text for `key` in `lang`.
pub fn text(key: &str, lang: Lang) -> Option<&'static str> {
    TEXTS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, zh, en)| match lang {
            Lang::Zh => *zh,
            Lang::En => *en,
        })
}

/// clap's words, which its own help would print in English.
struct Words {
    usage: &'static str,
    commands: &'static str,
    arguments: &'static str,
    options: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Zh => Words {
            usage: "用法",
            commands: "命令",
            arguments: "参数",
            options: "选项",
        },
        Lang::En => Words {
            usage: "Usage",
            commands: "Commands",
            arguments: "Arguments",
            options: "Options",
        },
    }
}

/// `command` with every help text in `lang`. Global options are done on
/// the top level, before clap copies them into each subcommand.
pub fn localize(command: clap::Command, lang: Lang) -> clap::Command {
    let mut command = localize_one(command, "polc", "--", lang);
    let names: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        command = command.mut_subcommand(&name, |sub| {
            localize_one(sub, &name, &format!("{name}."), lang)
        });
    }
    command
}

fn localize_one(command: clap::Command, about: &str, prefix: &str, lang: Lang) -> clap::Command {
    let w = words(lang);
    let mut command = command
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}",
            w.usage
        ))
        .subcommand_help_heading(w.commands);
    if let Some(about) = text(about, lang) {
        command = command.about(about);
    }
    let ids: Vec<String> = command
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        // Global options reach subcommands already localized.
        let key = if prefix == "--" {
            format!("--{id}")
        } else {
            format!("{prefix}{id}")
        };
        let Some(help) = text(&key, lang) else {
            continue;
        };
        command = command.mut_arg(&id, |arg| {
            let heading = if arg.is_positional() {
                w.arguments
            } else {
                w.options
            };
            let help = format!("{help}{}", details(&arg, lang));
            let arg = arg.help(help).help_heading(heading);
            if arg.get_action().takes_values() {
                arg.hide_possible_values(true)
                    .hide_default_value(true)
                    .hide_env(true)
            } else {
                arg
            }
        });
    }
    command
}

/// The possible values, default and environment variable of `arg`, in
/// `lang`'s words.
fn details(arg: &clap::Arg, lang: Lang) -> String {
    let mut parts = Vec::new();
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !values.is_empty() && arg.get_action().takes_values() {
        parts.push(match lang {
            Lang::Zh => format!("可选：{}", values.join("、")),
            Lang::En => format!("possible values: {}", values.join(", ")),
        });
    }
    if let Some(default) = arg.get_default_values().first() {
        let default = default.to_string_lossy();
        parts.push(match lang {
            Lang::Zh => format!("默认：{default}"),
            Lang::En => format!("default: {default}"),
        });
    }
    if let Some(env) = arg.get_env() {
        let env = env.to_string_lossy();
        parts.push(match lang {
            Lang::Zh => format!("环境变量：{env}"),
            Lang::En => format!("env: {env}"),
        });
    }
    if parts.is_empty() {
        return String::new();
    }
    match lang {
        Lang::Zh => format!("（{}）", parts.join("；")),
        Lang::En => format!(" [{}]", parts.join("; ")),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::panic)]
    use super::*;
    use clap::CommandFactory;

    /// Every key the command line has: the program, the global options,
    /// each subcommand and each of its own arguments.
    fn keys() -> Vec<String> {
        let command = crate::cli::Cli::command();
        let mut keys = vec!["polc".to_string()];
        keys.extend(command.get_arguments().map(|a| format!("--{}", a.get_id())));
        for sub in command.get_subcommands() {
            keys.push(sub.get_name().to_string());
            keys.extend(
                sub.get_arguments()
                    .map(|a| format!("{}.{}", sub.get_name(), a.get_id())),
            );
        }
        keys
    }

    #[test]
    fn every_argument_has_help_in_both_languages() {
        for key in keys() {
            for lang in [Lang::Zh, Lang::En] {
                match text(&key, lang) {
                    Some(t) if !t.trim().is_empty() => {}
                    _ => panic!("no {lang:?} help for `{key}` in help::TEXTS"),
                }
            }
        }
    }

    #[test]
    fn no_help_for_what_does_not_exist() {
        let keys = keys();
        let mut seen = std::collections::HashSet::new();
        for (key, _, _) in TEXTS {
            assert!(keys.iter().any(|k| k == key), "`{key}` is no argument");
            assert!(seen.insert(key), "`{key}` twice in help::TEXTS");
        }
    }

    #[test]
    fn the_command_line_is_well_formed_in_both_languages() {
        for lang in [Lang::Zh, Lang::En] {
            crate::cli::command(lang).debug_assert();
        }
    }
}
