//! Output files that never put a user's data at risk.
//!
//! Every file slant writes on request (`-o FILE`, a report's pages) goes through
//! [`AtomicFile`]: the bytes go to a hidden temporary file beside the target, on the same file
//! system, and the temporary file is renamed over the target only when everything was written.
//! A run that fails, is interrupted with Ctrl-C or `kill`, or panics leaves the target as it
//! was: the old complete file, or none. Temporary files are removed when their guard is
//! dropped and, after [`remove_temp_files_on_signal`], when the process gets SIGINT, SIGTERM
//! or SIGHUP. A `kill -9` cannot be caught: the next write to the same target removes the
//! temporary files that dead processes left behind.
//!
//! When the target exists and is not a regular file (a symlink, a named pipe, `/dev/stdout`,
//! the `/dev/fd/N` of `-o >(gzip > r.gz)`), replacing its directory entry would break what
//! the user set up, so the bytes are written in place, through it.
//!
//! ```
//! use slant_report::output::AtomicFile;
//! use std::io::Write;
//!
//! let dir = std::env::temp_dir().join(format!("slant-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! let target = dir.join("out.jsonl");
//! std::fs::write(&target, "old\n").unwrap();
//! let mut out = AtomicFile::create(&target).unwrap();
//! out.write_all(b"new\n").unwrap();
//! assert_eq!(std::fs::read_to_string(&target).unwrap(), "old\n"); // not yet
//! out.commit().unwrap();
//! assert_eq!(std::fs::read_to_string(&target).unwrap(), "new\n");
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```

use crate::error::ReportError;
use crate::render::report::PageSink;
use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};

/// Temporary files alive in this process, removed on a termination signal.
fn registry() -> &'static Mutex<Vec<PathBuf>> {
    static R: OnceLock<Mutex<Vec<PathBuf>>> = OnceLock::new();
    R.get_or_init(|| Mutex::new(Vec::new()))
}

fn lock_registry() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    // A panic while holding the lock leaves the list itself intact.
    registry().lock().unwrap_or_else(|e| e.into_inner())
}

/// Remove this process's temporary files when it gets SIGINT, SIGTERM or SIGHUP, then exit
/// with status 128 + the signal number (130 for Ctrl-C), as a shell expects. Call it once, at
/// the start of a command that writes files; later calls do nothing.
pub fn remove_temp_files_on_signal() {
    static ONCE: OnceLock<()> = OnceLock::new();
    ONCE.get_or_init(|| {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        // If the handler cannot be installed the default action (exit) stays, which is no
        // worse than before: the temporary files are then left, and removed on the next run.
        if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) {
            std::thread::spawn(move || {
                if let Some(sig) = signals.forever().next() {
                    for path in lock_registry().drain(..) {
                        let _ = std::fs::remove_file(path);
                    }
                    std::process::exit(128 + sig);
                }
            });
        }
    });
}

/// A temporary file path, registered for removal on a signal and removed when dropped.
#[derive(Debug)]
pub struct TempPath(PathBuf);

impl TempPath {
    /// Create a new, empty file at a fresh hidden path beside `target` (never following a
    /// symlink: the file is created exclusively) and open it for reading and writing. Temporary
    /// files that killed runs left beside the same target are removed first.
    pub fn beside(target: &Path, what: &str) -> io::Result<(TempPath, File)> {
        remove_stale_temp_files(&parent_dir(target), Some(&file_name(target)));
        Self::beside_unswept(target, what)
    }

    /// [`beside`](Self::beside) without looking for stale temporary files (a folder of many
    /// pages is swept once, with [`remove_stale_temp_files`]).
    pub fn beside_unswept(target: &Path, what: &str) -> io::Result<(TempPath, File)> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let dir = parent_dir(target);
        let name = file_name(target);
        let pid = std::process::id();
        loop {
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let path = dir.join(format!(".{name}.slant-{what}-{pid}-{n}.tmp"));
            // Registered before it exists, so a signal in between cannot leave it behind.
            lock_registry().push(path.clone());
            let guard = TempPath(path);
            match OpenOptions::new()
                .read(true)
                .write(true)
                .create_new(true)
                .open(&guard.0)
            {
                Ok(file) => return Ok((guard, file)),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => {
                    return Err(io::Error::new(
                        e.kind(),
                        format!("cannot create a file in {}: {e}", dir.display()),
                    ))
                }
            }
        }
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    /// Rename the file over `target` and stop tracking it. The rename replaces the directory
    /// entry: when `target` is a symlink, the link itself is replaced, never what it points to.
    pub fn persist(self, target: &Path) -> io::Result<()> {
        std::fs::rename(&self.0, target)?;
        unregister(&self.0);
        std::mem::forget(self);
        Ok(())
    }
}

impl Drop for TempPath {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
        unregister(&self.0);
    }
}

fn unregister(path: &Path) {
    let mut r = lock_registry();
    if let Some(i) = r.iter().position(|p| p == path) {
        r.swap_remove(i);
    }
}

fn parent_dir(target: &Path) -> PathBuf {
    target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

fn file_name(target: &Path) -> String {
    target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into())
}

/// Remove `.{name}.slant-*-{pid}-{n}.tmp` files in `dir` (for any name when `name` is `None`)
/// whose process is gone (a run killed with SIGKILL). Only on systems with `/proc`, where
/// "gone" can be told for sure.
pub fn remove_stale_temp_files(dir: &Path, name: Option<&str>) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let prefix = name.map(|n| format!(".{n}.slant-"));
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(file) = file.to_str() else { continue };
        let rest = match &prefix {
            Some(p) => file.strip_prefix(p.as_str()),
            None => file
                .strip_prefix('.')
                .and_then(|f| f.split_once(".slant-"))
                .map(|(_, r)| r),
        };
        let Some(rest) = rest.and_then(|r| r.strip_suffix(".tmp")) else {
            continue;
        };
        // rest = "{what}-{pid}-{n}"
        let mut parts = rest.rsplitn(3, '-');
        let (Some(n), Some(pid), Some(_what)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let (Ok(_), Ok(pid)) = (n.parse::<u64>(), pid.parse::<u32>()) else {
            continue;
        };
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// True when `path` names something that exists and is not a regular file (following no
/// symlink: a symlink itself counts as not regular).
pub fn is_special(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| !m.file_type().is_file())
}

/// A file that appears at its target only when [`AtomicFile::commit`] is called; see the
/// module documentation. Writes are buffered.
pub struct AtomicFile {
    target: PathBuf,
    out: BufWriter<File>,
    /// `None` when writing in place (the target is not a regular file).
    temp: Option<TempPath>,
}

impl AtomicFile {
    /// Start writing `target`. Fails when its folder does not exist or is not writable, or
    /// when the target is a folder.
    pub fn create(target: &Path) -> io::Result<AtomicFile> {
        if target.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{} is a folder", target.display()),
            ));
        }
        if is_special(target) {
            let file = OpenOptions::new().write(true).truncate(true).open(target)?;
            return Ok(AtomicFile {
                target: target.to_path_buf(),
                out: BufWriter::new(file),
                temp: None,
            });
        }
        let (temp, file) = TempPath::beside(target, "partial")?;
        // Keep the permissions of the file being replaced.
        if let Ok(meta) = std::fs::metadata(target) {
            let _ = file.set_permissions(meta.permissions());
        }
        Ok(AtomicFile {
            target: target.to_path_buf(),
            out: BufWriter::new(file),
            temp: Some(temp),
        })
    }

    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Flush everything and put the file in place. Dropping an `AtomicFile` without calling
    /// this leaves the target untouched (or, written in place, as far as it got).
    pub fn commit(self) -> io::Result<()> {
        let AtomicFile {
            target, out, temp, ..
        } = self;
        let file = out.into_inner().map_err(|e| e.into_error())?;
        match temp {
            None => Ok(()),
            Some(temp) => {
                file.sync_all()?;
                drop(file);
                temp.persist(&target)
            }
        }
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.out.write(buf)
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.out.write_all(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Writes the pages of a folder report (`slant report -o dir/`) under its folder, so that
/// nothing outside the folder and nothing of the user's inside it is ever at risk:
///
/// - each page is written to a temporary file beside it and renamed into place, so a page is
///   never half written and an existing page is replaced, never written through (a page that is
///   a hard link or a symlink to a file elsewhere leaves that file alone);
/// - no symlink is followed below the folder: a sub-folder (`articles/`, `outlets/`) that is a
///   symlink or not a folder is an error, and nothing is written there;
/// - the pages written are listed in [`MANIFEST`] with a hash of their bytes; written again
///   into the same folder, the earlier report's pages the new one lacks are removed, but only a
///   page named as slant names its pages, in a real sub-folder, that is a regular file and
///   still has the bytes the manifest lists. A planted manifest can name nothing else for
///   removal, and a page the user edited is kept.
#[derive(Debug, Clone)]
pub struct FolderSink {
    root: PathBuf,
    /// Page path -> hash of its bytes.
    written: std::collections::BTreeMap<String, u64>,
}

/// The list of pages a folder report wrote: a header line, then the hash of a page's bytes and
/// its path, one page a line.
pub const MANIFEST: &str = ".slant-report-pages";

const MANIFEST_HEADER: &str = "# slant report pages 2: FNV-1a 64 of the bytes, path";

/// FNV-1a, 64 bits: enough to tell a page from a file that has other bytes.
fn fnv64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A path as slant names its pages: `index.EXT`, `articles/NAME.EXT` or `outlets/NAME.EXT`,
/// with EXT `html` or `md` and a name of ASCII letters, digits and dashes.
fn is_page_name(path: &str) -> bool {
    let (dir, file) = match path.split_once('/') {
        Some((dir, file)) => (Some(dir), file),
        None => (None, path),
    };
    let Some((stem, ext)) = file.rsplit_once('.') else {
        return false;
    };
    let name_ok = !stem.is_empty() && stem.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    let place_ok = match dir {
        None => stem == "index",
        Some(d) => d == "articles" || d == "outlets",
    };
    name_ok && place_ok && matches!(ext, "html" | "md")
}

impl FolderSink {
    /// Pages go under `root`, created if missing (a symlink the user names as the folder itself
    /// is followed: it is their choice of folder).
    pub fn new(root: impl Into<PathBuf>) -> Result<FolderSink, ReportError> {
        let root = root.into();
        std::fs::create_dir_all(&root).map_err(|e| path_error(&root, e))?;
        remove_stale_temp_files(&root, None);
        Ok(FolderSink {
            root,
            written: Default::default(),
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The sub-folder `rel` of the root, each part of it a real folder (created when missing,
    /// never a symlink).
    fn real_dir(&self, rel: &Path, create: bool) -> Result<PathBuf, ReportError> {
        let mut at = self.root.clone();
        for part in rel.components() {
            at.push(part);
            match std::fs::symlink_metadata(&at) {
                Ok(m) if m.file_type().is_dir() => {}
                Ok(_) => {
                    return Err(path_error(
                        &at,
                        io::Error::other(
                            "it is a symlink or a file, not a folder of the report; slant writes no page through it (remove it or choose another folder)",
                        ),
                    ))
                }
                Err(e) if e.kind() == io::ErrorKind::NotFound && create => {
                    std::fs::create_dir(&at).map_err(|e| path_error(&at, e))?;
                    remove_stale_temp_files(&at, None);
                }
                Err(e) => return Err(path_error(&at, e)),
            }
        }
        Ok(at)
    }

    /// Put `content` at `rel` (a plain relative path) through a temporary file and a rename.
    fn replace(&self, rel: &str, content: &[u8]) -> Result<(), ReportError> {
        let rel_path = Path::new(rel);
        let plain = rel_path
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
        let (Some(name), true) = (rel_path.file_name(), plain) else {
            return Err(path_error(
                &self.root.join(rel),
                io::Error::new(io::ErrorKind::InvalidInput, "not a page of the report"),
            ));
        };
        let dir = self.real_dir(rel_path.parent().unwrap_or(Path::new("")), true)?;
        let target = dir.join(name);
        let (temp, mut file) =
            TempPath::beside_unswept(&target, "page").map_err(|e| path_error(&target, e))?;
        // No fsync per page: the rename makes a page whole against an interrupted run, and a
        // report of many pages would wait on the disk for each.
        file.write_all(content)
            .map_err(|e| path_error(&target, e))?;
        drop(file);
        temp.persist(&target).map_err(|e| path_error(&target, e))
    }

    /// Remove an earlier report's page that this one did not write, if it is still exactly
    /// what that report wrote (see the type's documentation).
    fn remove_stale(&self, rel: &str, hash: u64) {
        if !is_page_name(rel) || self.written.contains_key(rel) {
            return;
        }
        let rel_path = Path::new(rel);
        let Ok(dir) = self.real_dir(rel_path.parent().unwrap_or(Path::new("")), false) else {
            return;
        };
        let Some(name) = rel_path.file_name() else {
            return;
        };
        let page = dir.join(name);
        let regular = std::fs::symlink_metadata(&page).is_ok_and(|m| m.file_type().is_file());
        if regular && std::fs::read(&page).is_ok_and(|bytes| fnv64(&bytes) == hash) {
            let _ = std::fs::remove_file(&page);
        }
    }
}

fn path_error(path: &Path, source: io::Error) -> ReportError {
    ReportError::Path {
        path: path.display().to_string(),
        source,
    }
}

impl PageSink for FolderSink {
    fn write_page(&mut self, path: &str, content: &[u8]) -> Result<(), ReportError> {
        self.replace(path, content)?;
        self.written.insert(path.to_string(), fnv64(content));
        Ok(())
    }

    fn finish(&mut self) -> Result<(), ReportError> {
        let manifest = self.root.join(MANIFEST);
        let regular = std::fs::symlink_metadata(&manifest).is_ok_and(|m| m.file_type().is_file());
        if regular {
            let previous = std::fs::read_to_string(&manifest).unwrap_or_default();
            // A manifest without hashes (older slant, or planted) removes nothing.
            let mut lines = previous.lines();
            if lines.next() == Some(MANIFEST_HEADER) {
                for line in lines {
                    let Some((hash, page)) = line.split_once(' ') else {
                        continue;
                    };
                    if let Ok(hash) = u64::from_str_radix(hash, 16) {
                        self.remove_stale(page, hash);
                    }
                }
            }
        }
        let mut list = format!("{MANIFEST_HEADER}\n");
        for (page, hash) in &self.written {
            list.push_str(&format!("{hash:016x} {page}\n"));
        }
        self.replace(MANIFEST, list.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("slant-output-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    fn listing(d: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn only_names_slant_gives_its_pages_count_as_pages() {
        for good in [
            "index.html",
            "index.md",
            "articles/00001-x.html",
            "outlets/a-1f2e.md",
        ] {
            assert!(is_page_name(good), "{good}");
        }
        for bad in [
            "notes.html",
            "articles/../x.html",
            "articles/x.txt",
            "other/x.html",
            "articles/a/b.html",
            "articles/.x.html",
            ".slant-report-pages",
            "/etc/passwd",
        ] {
            assert!(!is_page_name(bad), "{bad}");
        }
    }

    #[test]
    fn the_target_changes_only_on_commit_and_nothing_else_is_left() {
        let d = dir("commit");
        let t = d.join("r.jsonl");
        std::fs::write(&t, "old").unwrap();
        let mut f = AtomicFile::create(&t).unwrap();
        f.write_all(b"new").unwrap();
        f.flush().unwrap();
        assert_eq!(std::fs::read_to_string(&t).unwrap(), "old");
        assert_eq!(listing(&d).len(), 2, "the temporary file sits beside it");
        f.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&t).unwrap(), "new");
        assert_eq!(listing(&d), vec!["r.jsonl"]);
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn an_abandoned_write_leaves_the_old_file_and_no_temporary_file() {
        let d = dir("drop");
        let t = d.join("r.jsonl");
        std::fs::write(&t, "precious").unwrap();
        {
            let mut f = AtomicFile::create(&t).unwrap();
            f.write_all(&vec![b'x'; 1 << 20]).unwrap();
        }
        assert_eq!(std::fs::read_to_string(&t).unwrap(), "precious");
        assert_eq!(listing(&d), vec!["r.jsonl"]);
        assert!(lock_registry().iter().all(|p| !p.starts_with(&d)));
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_target_is_written_through_and_stays_a_symlink() {
        let d = dir("symlink");
        let real = d.join("real.txt");
        std::fs::write(&real, "old").unwrap();
        let link = d.join("link.txt");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let mut f = AtomicFile::create(&link).unwrap();
        f.write_all(b"new").unwrap();
        f.commit().unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn temporary_files_of_dead_processes_are_removed_live_ones_kept() {
        let d = dir("stale");
        let t = d.join("r.html");
        // A pid far above any real one is dead; our own pid is alive.
        let dead = d.join(".r.html.slant-partial-4000000000-0.tmp");
        let ours = d.join(format!(
            ".r.html.slant-partial-{}-99.tmp",
            std::process::id()
        ));
        let other = d.join(".r.html.notes");
        for p in [&dead, &ours, &other] {
            std::fs::write(p, "x").unwrap();
        }
        let f = AtomicFile::create(&t).unwrap();
        drop(f);
        assert!(!dead.exists());
        assert!(ours.exists() && other.exists());
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_folder_is_not_a_file_target() {
        let d = dir("folder");
        assert!(AtomicFile::create(&d).is_err());
        std::fs::remove_dir_all(&d).unwrap();
    }
}
