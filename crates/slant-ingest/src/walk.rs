//! Command-line paths to an ordered list of inputs, with the outlet their folder implies.
//!
//! Every path met appears in the list exactly once, in output order (command-line order, then
//! sorted paths): as a file to read, a stream (stdin, a named pipe named on the command line),
//! a failure (missing path, dangling symlink, loop) or a counted skip (unsupported extension,
//! a pipe, socket or device inside a folder, the output of the run itself). Hidden entries are
//! not met: they are left out of walks on purpose.

use crate::error::{Failure, IngestError};
use crate::formats::{parse, Format, Item, Origin};
use std::path::{Path, PathBuf};

/// One input file to read.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub format: Format,
    pub origin: Origin,
}

/// An input read as a stream, in one pass: stdin (`path` is `None`) or a named pipe given on
/// the command line. `format` is `None` when the name does not say; the content then does.
#[derive(Debug, Clone)]
pub struct Stream {
    pub path: Option<PathBuf>,
    pub format: Option<Format>,
    pub origin: Origin,
}

/// Why a path met during a walk is not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    /// An extension slant does not read.
    Unsupported,
    /// A named pipe, socket or device inside a folder (what kind, e.g. "named pipe").
    NotAFile(&'static str),
    /// A file or folder this run writes (`-o`): never read back as input.
    Output,
}

impl std::fmt::Display for SkipReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SkipReason::Unsupported => f.write_str("unsupported extension"),
            SkipReason::NotAFile(kind) => write!(f, "a {kind}, not a regular file"),
            SkipReason::Output => f.write_str("the output of this run"),
        }
    }
}

/// A path met but not read.
#[derive(Debug, Clone)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: SkipReason,
}

/// One input, in output order.
#[derive(Debug)]
pub enum Entry {
    File(Source),
    Stream(Stream),
    Failed(Failure),
    Skipped(Skipped),
}

/// Files and folders a walk must not read (the outputs of the run), by identity: a symlink or
/// hard link to an output, or the output reached through another spelling of its path, is
/// still the output.
#[derive(Debug, Default, Clone)]
pub struct Exclude {
    ids: Vec<FileId>,
}

impl Exclude {
    /// Exclude whatever exists at `path` now (nothing, if it does not exist yet: a path that
    /// does not exist cannot be met by a walk that starts before it is written).
    pub fn add(&mut self, path: &Path) {
        if let Some(id) = FileId::of(path) {
            self.ids.push(id);
        }
    }

    /// True when `path` is one of the excluded files or folders.
    pub fn contains(&self, path: &Path) -> bool {
        !self.ids.is_empty() && FileId::of(path).is_some_and(|id| self.ids.contains(&id))
    }

    /// True when `path` is an excluded file or folder, or lies inside an excluded folder.
    pub fn covers(&self, path: &Path) -> bool {
        if self.ids.is_empty() {
            return false;
        }
        let Ok(full) = std::fs::canonicalize(path) else {
            return self.contains(path);
        };
        full.ancestors().any(|p| self.contains(p))
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// What identifies a file whatever path reaches it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileId {
    dev: u64,
    ino: u64,
}

impl FileId {
    #[cfg(unix)]
    fn of(path: &Path) -> Option<FileId> {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).ok().map(|m| FileId {
            dev: m.dev(),
            ino: m.ino(),
        })
    }

    #[cfg(not(unix))]
    fn of(path: &Path) -> Option<FileId> {
        // Without inode numbers: a hash of the canonical path.
        use std::hash::{Hash, Hasher};
        let full = std::fs::canonicalize(path).ok()?;
        let mut h = std::collections::hash_map::DefaultHasher::new();
        full.hash(&mut h);
        Some(FileId {
            dev: 0,
            ino: h.finish(),
        })
    }
}

/// A path as text, with `/` between folders. Bytes that are not UTF-8 are written as `\xNN`,
/// so two names that differ only there (`out\xff/`, `out\xfe/`) stay two names (and two
/// outlets).
pub fn path_text(path: &Path) -> String {
    escape_os(path.as_os_str(), true)
}

fn os_text(s: &std::ffi::OsStr) -> String {
    escape_os(s, false)
}

fn escape_os(s: &std::ffi::OsStr, slashes: bool) -> String {
    let fix = |t: &str| {
        if slashes {
            t.replace('\\', "/")
        } else {
            t.to_string()
        }
    };
    let bytes = s.as_encoded_bytes();
    if let Ok(s) = std::str::from_utf8(bytes) {
        return fix(s);
    }
    let mut out = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        out.push_str(&fix(chunk.valid()));
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

/// The kind of a file that is not a regular file or folder, for messages.
fn special_kind(ft: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "named pipe";
        }
        if ft.is_socket() {
            return "socket";
        }
        if ft.is_char_device() || ft.is_block_device() {
            return "device";
        }
    }
    let _ = ft;
    "special file"
}

/// Walk the command-line paths (`-` is stdin): files in the order given, folders recursively
/// in sorted order, hidden entries left out, excluded paths reported as skipped.
pub fn discover<P: AsRef<Path>>(paths: &[P], exclude: &Exclude) -> Vec<Entry> {
    let mut found = Vec::new();
    for root in paths {
        let root = root.as_ref();
        if root.as_os_str() == "-" {
            found.push(Entry::Stream(Stream {
                path: None,
                format: None,
                origin: Origin {
                    path: "-".into(),
                    id: "stdin".into(),
                    outlet: None,
                },
            }));
            continue;
        }
        let meta = match std::fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                let message = if e.kind() == std::io::ErrorKind::NotFound {
                    std::io::Error::new(e.kind(), "no such file or folder")
                } else {
                    e
                };
                found.push(Entry::Failed(Failure::new(
                    path_text(root),
                    None,
                    IngestError::Io(message),
                )));
                continue;
            }
        };
        if exclude.contains(root) {
            found.push(Entry::Skipped(Skipped {
                path: root.to_path_buf(),
                reason: SkipReason::Output,
            }));
            continue;
        }
        let ft = meta.file_type();
        if ft.is_file() {
            push_file(&mut found, root, None);
        } else if ft.is_dir() {
            walk_folder(&mut found, root, exclude);
        } else if special_kind(ft) == "named pipe" {
            // Named on the command line (`slant score <(zcat a.jsonl.gz)` names one too): the
            // user means it, so it is read as a stream, like stdin.
            let format = Format::from_path(root);
            found.push(Entry::Stream(Stream {
                path: Some(root.to_path_buf()),
                format,
                origin: file_origin(root),
            }));
        } else {
            found.push(Entry::Failed(Failure::new(
                path_text(root),
                None,
                IngestError::Invalid(format!("a {}, not a file slant can read", special_kind(ft))),
            )));
        }
    }
    found
}

fn walk_folder(found: &mut Vec<Entry>, root: &Path, exclude: &Exclude) {
    // Excluded entries met by the filter, reported where the walk met them.
    let excluded: std::cell::RefCell<Vec<PathBuf>> = Default::default();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() == 0 {
                return true;
            }
            if is_hidden(e.file_name()) {
                return false;
            }
            if exclude.contains(e.path()) {
                excluded.borrow_mut().push(e.path().to_path_buf());
                return false;
            }
            true
        });
    for entry in walker {
        for path in excluded.borrow_mut().drain(..) {
            found.push(Entry::Skipped(Skipped {
                path,
                reason: SkipReason::Output,
            }));
        }
        match entry {
            Ok(e) if e.file_type().is_file() => push_file(found, e.path(), Some(root)),
            Ok(e) if e.file_type().is_dir() => {}
            Ok(e) => found.push(Entry::Skipped(Skipped {
                path: e.path().to_path_buf(),
                reason: SkipReason::NotAFile(special_kind(e.file_type())),
            })),
            Err(err) => {
                let path = path_text(err.path().unwrap_or(root));
                let message = match (err.loop_ancestor(), err.io_error()) {
                    (Some(a), _) => format!("symlink loop back to {}", path_text(a)),
                    (None, Some(io)) if io.kind() == std::io::ErrorKind::NotFound => {
                        "dangling symlink (its target does not exist)".to_string()
                    }
                    _ => err.to_string(),
                };
                found.push(Entry::Failed(Failure::new(
                    path,
                    None,
                    IngestError::Invalid(message),
                )));
            }
        }
    }
    for path in excluded.into_inner() {
        found.push(Entry::Skipped(Skipped {
            path,
            reason: SkipReason::Output,
        }));
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().starts_with(b".")
}

fn file_origin(path: &Path) -> Origin {
    Origin {
        path: path_text(path),
        id: path.file_stem().map(os_text).unwrap_or_default(),
        outlet: None,
    }
}

fn push_file(found: &mut Vec<Entry>, path: &Path, root: Option<&Path>) {
    let format = Format::from_path(path);
    let Some(format) = format else {
        found.push(Entry::Skipped(Skipped {
            path: path.to_path_buf(),
            reason: SkipReason::Unsupported,
        }));
        return;
    };
    let rel = root.and_then(|r| path.strip_prefix(r).ok());
    let origin = match rel {
        Some(rel) => {
            // The outlet is the first folder below the command-line root, when there is one.
            let mut comps = rel.components();
            let first = comps.next();
            let outlet = first
                .filter(|_| comps.next().is_some())
                .map(|c| os_text(c.as_os_str()));
            Origin {
                path: path_text(path),
                id: path_text(&rel.with_extension("")),
                outlet,
            }
        }
        None => file_origin(path),
    };
    found.push(Entry::File(Source {
        path: path.to_path_buf(),
        format,
        origin,
    }));
}

/// Read and parse one source file.
pub fn read_source(source: &Source) -> Vec<Item> {
    match std::fs::read(&source.path) {
        Ok(bytes) => parse(source.format, &bytes, &source.origin),
        Err(e) => vec![Err(Failure::new(
            source.origin.path.clone(),
            None,
            IngestError::Io(e),
        ))],
    }
}

/// Parse what arrived on stdin: JSONL when it starts with `{`, plain text otherwise.
pub fn parse_stdin(bytes: &[u8]) -> Vec<Item> {
    let origin = Origin {
        path: "-".into(),
        id: "stdin".into(),
        outlet: None,
    };
    let format = if crate::blocks::looks_like_jsonl(bytes) {
        Format::Jsonl
    } else {
        Format::Text
    };
    parse(format, bytes, &origin)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tempdir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("slant-walk-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// Each entry as a short line: `file id outlet`, `skip path reason`, `fail path`.
    fn show(entries: &[Entry], dir: &Path) -> Vec<String> {
        let rel = |p: &Path| path_text(p.strip_prefix(dir).unwrap_or(p));
        entries
            .iter()
            .map(|e| match e {
                Entry::File(s) => format!(
                    "file {} {}",
                    s.origin.id,
                    s.origin.outlet.as_deref().unwrap_or("-")
                ),
                Entry::Stream(s) => format!("stream {}", s.origin.path),
                Entry::Skipped(s) => format!("skip {} ({})", rel(&s.path), s.reason),
                Entry::Failed(f) => {
                    format!("fail {}", rel(Path::new(&f.path)))
                }
            })
            .collect()
    }

    #[test]
    fn walks_sorted_with_outlet_from_first_folder() {
        let dir = tempdir("sorted");
        for p in [
            "b-outlet/z.txt",
            "b-outlet/a.md",
            "a-outlet/deep/x.html",
            "top.txt",
            ".hidden/h.txt",
            "b-outlet/.h.txt",
            "notes.pdf",
        ] {
            let p = dir.join(p);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, "Text.").unwrap();
        }
        let found = discover(&[dir.clone(), dir.join("missing")], &Exclude::default());
        assert_eq!(
            show(&found, &dir),
            vec![
                "file a-outlet/deep/x a-outlet",
                "file b-outlet/a b-outlet",
                "file b-outlet/z b-outlet",
                "skip notes.pdf (unsupported extension)",
                "file top -",
                "fail missing",
            ]
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn walk_errors_and_special_files_keep_their_place() {
        let dir = tempdir("order");
        std::fs::create_dir_all(dir.join("o")).unwrap();
        for p in ["o/a.txt", "o/z.txt"] {
            std::fs::write(dir.join(p), "Text.").unwrap();
        }
        std::os::unix::fs::symlink(dir.join("o/nowhere.txt"), dir.join("o/m-dangling.txt"))
            .unwrap();
        std::os::unix::fs::symlink(dir.join("o"), dir.join("o/n-loop")).unwrap();
        let fifo = dir.join("o/p-pipe.jsonl");
        assert!(std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success());
        let found = discover(&[&dir, Path::new("-")], &Exclude::default());
        assert_eq!(
            show(&found, &dir),
            vec![
                "file o/a o",
                "fail o/m-dangling.txt",
                "fail o/n-loop",
                "skip o/p-pipe.jsonl (a named pipe, not a regular file)",
                "file o/z o",
                "stream -",
            ]
        );
        // Named on the command line, the pipe is a stream to read.
        let found = discover(&[&fifo], &Exclude::default());
        assert!(matches!(&found[0], Entry::Stream(s) if s.format == Some(Format::Jsonl)));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn outputs_are_never_inputs_whatever_path_reaches_them() {
        let dir = tempdir("exclude");
        for p in [
            "in/a.txt",
            "in/out.jsonl",
            "in/report/index.html",
            "in/z.txt",
        ] {
            let p = dir.join(p);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, "Text.").unwrap();
        }
        std::os::unix::fs::symlink(dir.join("in/out.jsonl"), dir.join("in/link.jsonl")).unwrap();
        let mut exclude = Exclude::default();
        exclude.add(&dir.join("in/./out.jsonl"));
        exclude.add(&dir.join("in/report/"));
        let found = discover(&[dir.join("in")], &exclude);
        assert_eq!(
            show(&found, &dir),
            vec![
                "file a -",
                "skip in/link.jsonl (the output of this run)",
                "skip in/out.jsonl (the output of this run)",
                "skip in/report (the output of this run)",
                "file z -",
            ]
        );
        assert!(exclude.covers(&dir.join("in/report/index.html")));
        assert!(!exclude.covers(&dir.join("in/a.txt")));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn folder_names_that_are_not_utf8_stay_apart() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempdir("utf8");
        for name in [&b"out\xff"[..], &b"out\xfe"[..]] {
            let sub = dir.join(std::ffi::OsStr::from_bytes(name));
            std::fs::create_dir_all(&sub).unwrap();
            std::fs::write(sub.join("a.txt"), "Text.").unwrap();
        }
        let found = discover(&[&dir], &Exclude::default());
        assert_eq!(
            show(&found, &dir),
            vec!["file out\\xfe/a out\\xfe", "file out\\xff/a out\\xff"]
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn stdin_text_or_jsonl() {
        let a = parse_stdin(b"Just some text.");
        assert_eq!(a[0].as_ref().unwrap().text, "Just some text.");
        let b = parse_stdin(b"{\"text\":\"A.\"}\n{\"text\":\"B.\"}\n");
        assert_eq!(b.len(), 2);
    }
}
