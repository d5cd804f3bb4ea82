//! Codes of the tools around the pipeline: the working-day calendar file,
//! batch records, REPL lines, test files, and reading or writing files.
//! Most of these cannot come from a notice, so each says which test emits it.

use super::{
    Code,
    Severity::Error,
    Trigger::{Elsewhere, Ui},
    text,
};

pub const CALENDAR_FILE: Code = Code {
    name: "polc::calendar::file",
    severity: Error,
    summary: text(
        "--calendar 给出的工作日历文件不能使用（读不出、格式不对、不接着内置数据的最后一年）",
        "the working-day table given with `--calendar` cannot be used (unreadable, not in the format, not continuing the embedded years)",
    ),
    example: "polc --calendar 2027.toml eval …   # 2027.toml 写了 2025 年",
    fix: text(
        "文件只写内置数据最后一年之后的年份，每年一个 [[year]]，格式同 data/cn-workdays-2016-2026.toml",
        "list only the years after the embedded data's last year, one `[[year]]` each, in the format of data/cn-workdays-2016-2026.toml",
    ),
    trigger: Elsewhere {
        why: "a command-line option, not a notice",
        test: "tests/calendar_cli.rs",
    },
};

pub const CALENDAR_OUT_OF_RANGE: Code = Code {
    name: "polc::calendar::out_of_range",
    severity: Error,
    summary: text(
        "日期超出工作日历数据范围",
        "a date outside the working-day data",
    ),
    example: "Calendar::embedded()?.add_working_days(2030-01-01, 5)",
    fix: text(
        "国务院办公厅公布该年安排后，用 --calendar 文件 补上",
        "once the State Council announces the year, add it with `--calendar FILE`",
    ),
    trigger: Elsewhere {
        why: "a library call on the calendar; polc itself reports it as polc::eval::calendar",
        test: "src/calendar/tests.rs",
    },
};

pub const CALENDAR_OVERFLOW: Code = Code {
    name: "polc::calendar::overflow",
    severity: Error,
    summary: text(
        "期间计算溢出",
        "a period count that does not fit its integer type",
    ),
    example: "Calendar::embedded()?.working_days_between(…)",
    fix: text("缩短期间", "use a shorter period"),
    trigger: Elsewhere {
        why: "an internal guard of the calendar's counts; no notice reaches it",
        test: "src/calendar/tests.rs",
    },
};

pub const CALENDAR_BAD_DATA: Code = Code {
    name: "polc::calendar::bad_data",
    severity: Error,
    summary: text(
        "工作日历数据无效（年份不连续、日期重复、调休上班日不是周末 ……）",
        "an invalid working-day table (years not contiguous, a date listed twice, a make-up working day that is not a weekend …)",
    ),
    example: "[[year]]\nyear = 2027\nworkdays = [{ date = 2027-01-04 }]",
    fix: text(
        "按 data/cn-workdays-*.toml 的格式改正数据表",
        "correct the table to the format of data/cn-workdays-*.toml",
    ),
    trigger: Elsewhere {
        why: "a library call on a table; polc reports a bad --calendar file as polc::calendar::file",
        test: "src/calendar/tests.rs",
    },
};

pub const BATCH_ROW_SHAPE: Code = Code {
    name: "polc::batch::row_shape",
    severity: Error,
    summary: text(
        "CSV 的这一行字段数与表头不同",
        "a CSV row with more or fewer fields than the header",
    ),
    example: "编号,家庭人口\n1,3,多余",
    fix: text(
        "每行的字段数与表头相同；含逗号的值加引号",
        "give every row as many fields as the header; quote values that hold commas",
    ),
    trigger: Elsewhere {
        why: "a record of `polc batch`, not a notice",
        test: "tests/batch_cli.rs",
    },
};

pub const BATCH_RECORD_TOO_LONG: Code = Code {
    name: "polc::batch::record_too_long",
    severity: Error,
    summary: text(
        "一条记录超过 1 MiB，未读取",
        "a record longer than 1 MiB, not read",
    ),
    example: "{\"家庭人口\": 3, \"备注\": \"……（超过 1 MiB）\"}",
    fix: text(
        "一行只写一条记录的事实",
        "write one record's facts per line",
    ),
    trigger: Elsewhere {
        why: "a record of `polc batch`, not a notice",
        test: "tests/batch_cli.rs",
    },
};

pub const REPL_UNKNOWN_COMMAND: Code = Code {
    name: "polc::repl::unknown_command",
    severity: Error,
    summary: text("REPL 没有这个命令", "the REPL has no such command"),
    example: "polc> :foo",
    fix: text("输入 :help 查看全部命令", "type `:help` for the commands"),
    trigger: Elsewhere {
        why: "a line typed at the REPL",
        test: "tests/repl.rs",
    },
};

pub const REPL_USAGE: Code = Code {
    name: "polc::repl::usage",
    severity: Error,
    summary: text(
        "REPL 命令的参数不对（:why 后缺名称，:trace maybe）",
        "a REPL command with the wrong arguments (`:why` without a name, `:trace maybe`)",
    ),
    example: "polc> :why",
    fix: text("输入 :help 查看全部命令", "type `:help` for the commands"),
    trigger: Elsewhere {
        why: "a line typed at the REPL",
        test: "tests/repl.rs",
    },
};

pub const REPL_NO_NOTICE: Code = Code {
    name: "polc::repl::no_notice",
    severity: Error,
    summary: text("REPL 还没有载入文件", "no notice is loaded in the REPL"),
    example: "polc> 家庭人口 = 3",
    fix: text(
        "用 :load 文件.pol 载入，或启动时写 polc repl 文件.pol",
        "load one with `:load FILE.pol`, or start with `polc repl FILE.pol`",
    ),
    trigger: Elsewhere {
        why: "a line typed at the REPL",
        test: "tests/repl.rs",
    },
};

pub const REPL_UNKNOWN_NAME: Code = Code {
    name: "polc::repl::unknown_name",
    severity: Error,
    summary: text(
        "载入的文件中没有这个名称",
        "no such name in the loaded notices",
    ),
    example: "polc> 家庭人数 = 3",
    fix: text(
        "用 Tab 补全名称，或 :facts 查看事实",
        "complete names with Tab, or list the facts with `:facts`",
    ),
    trigger: Elsewhere {
        why: "a line typed at the REPL",
        test: "tests/repl.rs",
    },
};

pub const REPL_NOT_A_FACT: Code = Code {
    name: "polc::repl::not_a_fact",
    severity: Error,
    summary: text(
        "给输出、规则或参数赋值（它们由规则计算）",
        "a value set for an output, rule or parameter (the rules compute them)",
    ),
    example: "polc> 救助金额 = 100元",
    fix: text(
        "设定它所依据的事实；:why 查看它读了哪些事实",
        "set the facts it depends on; `:why` shows which",
    ),
    trigger: Elsewhere {
        why: "a line typed at the REPL",
        test: "tests/repl.rs",
    },
};

pub const REPL_UNKNOWN_CLAUSE: Code = Code {
    name: "polc::repl::unknown_clause",
    severity: Error,
    summary: text(
        "没有这个条款，或写法不是条款引用",
        "no such clause, or not a clause citation",
    ),
    example: "polc> :show 第九十条",
    fix: text(
        ":clauses 列出全部条款；引用写作 第七条、第六条第（二）项",
        "`:clauses` lists them; cite as `第七条`, `第六条第（二）项`",
    ),
    trigger: Elsewhere {
        why: "a line typed at the REPL",
        test: "tests/repl.rs",
    },
};

pub const TEST_FILE: Code = Code {
    name: "polc::test::file",
    severity: Error,
    summary: text(
        "测试文件格式有误，或文件未通过检查",
        "a test file that is malformed, or a notice that does not check",
    ),
    example: "[[case]]\nname = \"甲\"\ncites = { \"救助金额\" = \"第六条之二\" }",
    fix: text(
        "按 docs/language.md「测试文件」一节的格式写",
        "write it in the format of the section on test files in docs/language.md",
    ),
    trigger: Ui,
};

pub const IO_READ: Code = Code {
    name: "polc::io::read",
    severity: Error,
    summary: text(
        "无法读取文件、目录或标准输入",
        "a file, folder or stdin that cannot be read",
    ),
    example: "polc check 不存在.pol",
    fix: text("核对路径和权限", "check the path and its permissions"),
    trigger: Elsewhere {
        why: "a path on the command line that does not exist, which no file can be",
        test: "tests/cli.rs",
    },
};

pub const IO_ENCODING: Code = Code {
    name: "polc::io::encoding",
    severity: Error,
    summary: text(
        "文件或输入不是 UTF-8 文本",
        "a file or input that is not UTF-8 text",
    ),
    example: "polc check GBK编码.pol",
    fix: text("把文件另存为 UTF-8", "save the file as UTF-8"),
    trigger: Ui,
};

pub const IO_WRITE: Code = Code {
    name: "polc::io::write",
    severity: Error,
    summary: text(
        "无法写入文件（原文件未改动）",
        "a file that cannot be written (the old file is unchanged)",
    ),
    example: "polc batch … --output /只读目录/结果.ndjson",
    fix: text(
        "核对目录是否存在、是否可写、磁盘是否已满",
        "check that the folder exists and is writable, and that the disk is not full",
    ),
    trigger: Elsewhere {
        why: "a write to a read-only place on the command line",
        test: "tests/batch_cli.rs",
    },
};

pub const LSP_NOT_INSTALLED: Code = Code {
    name: "polc::lsp::not_installed",
    severity: Error,
    summary: text(
        "polc lsp 找不到语言服务器 polc-lsp（既不在 polc 旁边，也不在 PATH 上）",
        "`polc lsp` cannot find the language server `polc-lsp` (neither beside `polc` nor on PATH)",
    ),
    example: "polc lsp   # 只装了 polc，没有装 polc-lsp",
    fix: text(
        "安装语言服务器：cargo install --path crates/polc-lsp（与 polc 装在同一目录，或放到 PATH 上）",
        "install the language server: `cargo install --path crates/polc-lsp` (beside polc, or anywhere on PATH)",
    ),
    trigger: Elsewhere {
        why: "a missing program, not a notice",
        test: "tests/lsp_dispatch.rs",
    },
};

pub const ALL: &[&Code] = &[
    &CALENDAR_FILE,
    &CALENDAR_OUT_OF_RANGE,
    &CALENDAR_OVERFLOW,
    &CALENDAR_BAD_DATA,
    &BATCH_ROW_SHAPE,
    &BATCH_RECORD_TOO_LONG,
    &REPL_UNKNOWN_COMMAND,
    &REPL_USAGE,
    &REPL_NO_NOTICE,
    &REPL_UNKNOWN_NAME,
    &REPL_NOT_A_FACT,
    &REPL_UNKNOWN_CLAUSE,
    &TEST_FILE,
    &IO_READ,
    &IO_ENCODING,
    &IO_WRITE,
    &LSP_NOT_INSTALLED,
];
