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
    /// symlink: the file is created exclusively) and open it for reading and writing.
    pub fn beside(target: &Path, what: &str) -> io::Result<(TempPath, File)> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let dir = parent_dir(target);
        let name = file_name(target);
        remove_stale_temp_files(&dir, &name);
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

    /// Rename the file over `target` and stop tracking it.
    fn persist(self, target: &Path) -> io::Result<()> {
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

/// Remove `.{name}.slant-*-{pid}-{n}.tmp` files beside a target whose process is gone (a run
/// killed with SIGKILL). Only on systems with `/proc`, where "gone" can be told for sure.
fn remove_stale_temp_files(dir: &Path, name: &str) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{name}.slant-");
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(file) = file.to_str() else { continue };
        let Some(rest) = file
            .strip_prefix(&prefix)
            .and_then(|r| r.strip_suffix(".tmp"))
        else {
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
