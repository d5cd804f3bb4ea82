//! Reading notices and facts from disk and stdin, and writing files
//! atomically, with errors users can act on.
//!
//! The errors are data ([`IoError`]: the path and what the system said);
//! their words follow them at the end of this file, their codes are the
//! registry's `polc::io::*`.

use polc::codes;
use polc::diag::{Bilingual, Diagnostic, Lang, pick};
use polc::source::SourceFile;
use std::path::{Path, PathBuf};

/// Reads a text file; invalid UTF-8 is reported with the byte offset, a
/// byte-order mark is dropped.
pub fn read_text(path: &Path) -> Result<String, Box<Diagnostic>> {
    let bytes = std::fs::read(path).map_err(|e| IoError::Read {
        path: path.to_path_buf(),
        detail: e.to_string(),
    })?;
    decode(bytes, Some(path))
}

/// The whole of stdin as UTF-8 text, decoded as a file is.
pub fn read_stdin() -> Result<String, Box<Diagnostic>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| IoError::ReadStdin {
            detail: e.to_string(),
        })?;
    decode(bytes, None)
}

/// The one UTF-8 decoding of whatever polc reads whole (`path` is `None`
/// for stdin): invalid bytes are reported with their offset, a byte-order
/// mark is dropped.
fn decode(bytes: Vec<u8>, path: Option<&Path>) -> Result<String, Box<Diagnostic>> {
    let text = String::from_utf8(bytes).map_err(|e| IoError::NotUtf8 {
        path: path.map(Path::to_path_buf),
        valid_up_to: e.utf8_error().valid_up_to(),
    })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

pub fn read_source(path: &Path) -> Result<SourceFile, Box<Diagnostic>> {
    Ok(SourceFile::new(
        path.display().to_string(),
        read_text(path)?,
    ))
}

/// The name a notice read from stdin goes by in messages, unless
/// `--stdin-filename` gives one.
pub const STDIN_NAME: &str = "<stdin>";

/// Whether `path` is `-`, which stands for stdin.
pub fn is_stdin(path: &Path) -> bool {
    path == Path::new("-")
}

/// A notice read from stdin, named `name` (or [`STDIN_NAME`]).
pub fn read_stdin_source(name: Option<&str>) -> Result<SourceFile, Box<Diagnostic>> {
    Ok(SourceFile::new(
        name.unwrap_or(STDIN_NAME).to_string(),
        read_stdin()?,
    ))
}

/// Expands folders into the `.pol` files under them, sorted, so output is
/// stable.
pub fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Box<Diagnostic>> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            collect_dir(path, &mut out, 0)?;
        } else if path.exists() {
            out.push(path.clone());
        } else {
            return Err(IoError::Missing { path: path.clone() }.into());
        }
    }
    Ok(out)
}

fn collect_dir(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) -> Result<(), Box<Diagnostic>> {
    if depth > 32 {
        return Ok(());
    }
    let entries = std::fs::read_dir(dir).map_err(|e| IoError::ReadFolder {
        path: dir.to_path_buf(),
        detail: e.to_string(),
    })?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            collect_dir(&path, out, depth + 1)?;
        } else if path.extension().is_some_and(|e| e == "pol") {
            out.push(path);
        }
    }
    Ok(())
}

/// The `.pol` files beside `files` (same folders) that are not among them:
/// the notices a checked notice may cite with 参见 "文号".
/// The notices beside `files` (which they may cite), read; unreadable
/// ones are skipped, as their own problems are not the question here.
pub fn neighbour_sources(files: &[PathBuf]) -> Vec<SourceFile> {
    siblings(files)
        .iter()
        .filter_map(|path| read_source(path).ok())
        .collect()
}

pub fn siblings(files: &[PathBuf]) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = files
        .iter()
        .filter_map(|f| f.parent().map(Path::to_path_buf))
        .collect();
    dirs.sort();
    dirs.dedup();
    let mut out = Vec::new();
    for dir in dirs {
        let dir = if dir.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            dir
        };
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "pol"))
            .filter(|p| !files.iter().any(|f| same_file(f, p)))
            .collect();
        found.sort();
        out.extend(found);
    }
    out
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// Writes `bytes` to `path` all at once (see [`AtomicFile`]).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Box<Diagnostic>> {
    use std::io::Write as _;
    let fail = |e: std::io::Error| -> Box<Diagnostic> {
        IoError::Write {
            path: path.to_path_buf(),
            detail: e.to_string(),
        }
        .into()
    };
    let mut file = AtomicFile::create(path).map_err(fail)?;
    file.write_all(bytes).map_err(fail)?;
    file.commit().map_err(fail)
}

/// A file that appears whole or not at all: what is written goes into a
/// temporary file beside the target, and [`AtomicFile::commit`] flushes it
/// to disk, gives it the target's permissions and renames it over the
/// target. A failure at any point (full disk, read-only folder,
/// interruption), or dropping it uncommitted, leaves the old file whole and
/// removes the temporary one. Every file polc writes goes through it: `polc
/// fmt`, `--coverage-json`, `polc batch --output`.
pub struct AtomicFile {
    temp: tempfile::NamedTempFile,
    path: PathBuf,
}

impl AtomicFile {
    pub fn create(path: &Path) -> std::io::Result<AtomicFile> {
        // Beside the target, so the rename stays within one file system.
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        Ok(AtomicFile {
            temp: tempfile::NamedTempFile::new_in(&dir)?,
            path: path.to_path_buf(),
        })
    }

    /// Syncs what was written and puts it in the target's place.
    pub fn commit(self) -> std::io::Result<()> {
        self.temp.as_file().sync_all()?;
        if let Ok(meta) = std::fs::metadata(&self.path) {
            // Keep the permissions the drafter's file had.
            let _ = std::fs::set_permissions(self.temp.path(), meta.permissions());
        }
        self.temp.persist(&self.path).map_err(|e| e.error)?;
        Ok(())
    }
}

impl std::io::Write for AtomicFile {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.temp.write(bytes)
    }

    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.temp.write_all(bytes)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.temp.flush()
    }
}

/// A file, folder or stream that could not be read or written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IoError {
    Read {
        path: PathBuf,
        detail: String,
    },
    ReadStdin {
        detail: String,
    },
    /// A folder that cannot be listed.
    ReadFolder {
        path: PathBuf,
        detail: String,
    },
    /// A path given on the command line that does not exist.
    Missing {
        path: PathBuf,
    },
    /// Not UTF-8 (`None`: stdin), valid up to this byte.
    NotUtf8 {
        path: Option<PathBuf>,
        valid_up_to: usize,
    },
    /// The REPL's input, unreadable or not text.
    Input {
        detail: String,
    },
    /// A write that failed; the old file is left whole.
    Write {
        path: PathBuf,
        detail: String,
    },
    /// Output to stdout that failed.
    Output {
        detail: String,
    },
    /// A batch worker thread that died (polc's own bug).
    WorkerFailed {
        detail: String,
    },
}

impl IoError {
    pub fn to_diagnostic(&self) -> Diagnostic {
        let code = match self {
            IoError::NotUtf8 { .. } | IoError::Input { .. } => &codes::tools::IO_ENCODING,
            IoError::Write { .. } => &codes::tools::IO_WRITE,
            _ => &codes::tools::IO_READ,
        };
        let d = Diagnostic::new(code, Bilingual::from_fn(|lang| message(self, lang)));
        match help(self) {
            Some(help) => d.with_help(help),
            None => d,
        }
    }
}

impl From<IoError> for Box<Diagnostic> {
    fn from(e: IoError) -> Self {
        Box::new(e.to_diagnostic())
    }
}

// The words of the errors above.

fn message(error: &IoError, lang: Lang) -> String {
    match error {
        IoError::Read { path, detail } => pick(
            lang,
            format!("无法读取 {}：{detail}", path.display()),
            format!("cannot read `{}`: {detail}", path.display()),
        ),
        IoError::ReadStdin { detail } => pick(
            lang,
            format!("无法读取标准输入：{detail}"),
            format!("cannot read stdin: {detail}"),
        ),
        IoError::ReadFolder { path, detail } => pick(
            lang,
            format!("无法读取目录 {}：{detail}", path.display()),
            format!("cannot read folder `{}`: {detail}", path.display()),
        ),
        IoError::Missing { path } => pick(
            lang,
            format!("找不到 {}", path.display()),
            format!("`{}` does not exist", path.display()),
        ),
        IoError::NotUtf8 {
            path: Some(path),
            valid_up_to,
        } => pick(
            lang,
            format!(
                "{} 不是有效的 UTF-8 文本（第 {valid_up_to} 字节处）",
                path.display()
            ),
            format!(
                "`{}` is not valid UTF-8 (at byte {valid_up_to})",
                path.display()
            ),
        ),
        IoError::NotUtf8 {
            path: None,
            valid_up_to,
        } => pick(
            lang,
            format!("标准输入不是有效的 UTF-8 文本（第 {valid_up_to} 字节处）"),
            format!("stdin is not valid UTF-8 (at byte {valid_up_to})"),
        ),
        IoError::Input { detail } => pick(
            lang,
            format!("无法读取输入：{detail}"),
            format!("cannot read the input: {detail}"),
        ),
        IoError::Write { path, detail } => pick(
            lang,
            format!("无法写入 {}：{detail}（原文件未改动）", path.display()),
            format!(
                "cannot write `{}`: {detail} (the file is unchanged)",
                path.display()
            ),
        ),
        IoError::Output { detail } => pick(
            lang,
            format!("无法写出结果：{detail}"),
            format!("cannot write output: {detail}"),
        ),
        IoError::WorkerFailed { detail } => pick(
            lang,
            format!("批量计算的工作线程异常退出：{detail}"),
            format!("a batch worker thread failed: {detail}"),
        ),
    }
}

fn help(error: &IoError) -> Option<Bilingual> {
    match error {
        IoError::Input { .. } => Some(Bilingual::new(
            "输入应为 UTF-8 文本",
            "input must be UTF-8 text",
        )),
        IoError::Output { .. } | IoError::WorkerFailed { .. } => None,
        _ => Some(Bilingual::new(
            "核对路径和文件编码（应为 UTF-8）",
            "check the path and that the file is UTF-8",
        )),
    }
}
