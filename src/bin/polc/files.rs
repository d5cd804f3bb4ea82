//! Reading notices and facts from disk and stdin, and writing files
//! atomically, with errors users can act on.

use polc::diag::{Bilingual, Diagnostic, Severity};
use polc::source::SourceFile;
use std::path::{Path, PathBuf};

pub const CODE_IO: &str = "polc::io::read";
pub const CODE_ENCODING: &str = "polc::io::encoding";

/// Where text is read from, for the words of its errors.
#[derive(Clone, Copy)]
enum Origin<'a> {
    File(&'a Path),
    Stdin,
}

/// Reads a text file; invalid UTF-8 is reported with the byte offset, a
/// byte-order mark is dropped.
pub fn read_text(path: &Path) -> Result<String, Box<Diagnostic>> {
    let bytes = std::fs::read(path).map_err(|e| read_error(Origin::File(path), &e))?;
    decode(bytes, Origin::File(path))
}

/// The whole of stdin as UTF-8 text, decoded as a file is.
pub fn read_stdin() -> Result<String, Box<Diagnostic>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| read_error(Origin::Stdin, &e))?;
    decode(bytes, Origin::Stdin)
}

fn read_error(origin: Origin<'_>, e: &std::io::Error) -> Box<Diagnostic> {
    let message = match origin {
        Origin::File(path) => Bilingual::new(
            format!("无法读取 {}：{e}", path.display()),
            format!("cannot read {}: {e}", path.display()),
        ),
        Origin::Stdin => Bilingual::new(
            format!("无法读取标准输入：{e}"),
            format!("cannot read stdin: {e}"),
        ),
    };
    io_error(message, CODE_IO)
}

/// The one UTF-8 decoding of whatever polc reads whole: invalid bytes are
/// reported with their offset, a byte-order mark is dropped.
fn decode(bytes: Vec<u8>, origin: Origin<'_>) -> Result<String, Box<Diagnostic>> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let message = match origin {
            Origin::File(path) => Bilingual::new(
                format!(
                    "{} 不是有效的 UTF-8 文本（第 {offset} 字节处）",
                    path.display()
                ),
                format!("{} is not valid UTF-8 (at byte {offset})", path.display()),
            ),
            Origin::Stdin => Bilingual::new(
                format!("标准输入不是有效的 UTF-8 文本（第 {offset} 字节处）"),
                format!("stdin is not valid UTF-8 (at byte {offset})"),
            ),
        };
        io_error(message, CODE_ENCODING)
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

fn io_error(message: Bilingual, code: &'static str) -> Box<Diagnostic> {
    Box::new(Diagnostic {
        code,
        severity: Severity::Error,
        message,
        help: Some(Bilingual::new(
            "核对路径和文件编码（应为 UTF-8）",
            "check the path and that the file is UTF-8",
        )),
        span: None,
        clause: None,
    })
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
            return Err(io_error(
                Bilingual::new(
                    format!("找不到 {}", path.display()),
                    format!("{} does not exist", path.display()),
                ),
                CODE_IO,
            ));
        }
    }
    Ok(out)
}

fn collect_dir(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) -> Result<(), Box<Diagnostic>> {
    if depth > 32 {
        return Ok(());
    }
    let entries = std::fs::read_dir(dir).map_err(|e| {
        io_error(
            Bilingual::new(
                format!("无法读取目录 {}：{e}", dir.display()),
                format!("cannot read folder {}: {e}", dir.display()),
            ),
            CODE_IO,
        )
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
    let fail = |e: std::io::Error| {
        io_error(
            Bilingual::new(
                format!("无法写入 {}：{e}（原文件未改动）", path.display()),
                format!(
                    "cannot write {}: {e} (the file is unchanged)",
                    path.display()
                ),
            ),
            CODE_WRITE,
        )
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

pub const CODE_WRITE: &str = "polc::io::write";
