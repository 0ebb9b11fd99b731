//! Where a command writes, and what happens when writing fails.
//!
//! `-o FILE` goes through `slant_report::output::AtomicFile`: a temporary file beside the
//! target, renamed over it only when complete, removed on Ctrl-C; written in place when the
//! target is a pipe, a device or a symlink. Everything else goes to stdout, buffered.
//!
//! Write errors are handled in one way in every command, as ripgrep does: a closed pipe
//! (`slant ... | head -1`) ends the command quietly with success; any other write error (a full
//! disk) is an error naming the output, and exit status 2. Nothing panics on a write.

use anyhow::{Context, Result};
use slant_report::output::AtomicFile;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// The files a command writes: the `-o` file, or none for stdout (`-` or no `-o`), once it is
/// checked not to be one of the inputs nor to hold one. Call it before the output is opened:
/// opening an output written in place (a symlink's target) empties it.
pub fn files_written(inputs: &[PathBuf], output: Option<&Path>) -> Result<Vec<PathBuf>> {
    let outputs: Vec<PathBuf> = output
        .filter(|p| p.as_os_str() != "-")
        .map(Path::to_path_buf)
        .into_iter()
        .collect();
    slant_batch::check_outputs(inputs, &outputs)?;
    Ok(outputs)
}

/// A command's output: stdout or the `-o` file.
pub enum Output {
    Stdout(BufWriter<io::StdoutLock<'static>>),
    File(AtomicFile),
}

impl Output {
    pub fn stdout() -> Output {
        // A scored article's record (AllSides: 25 KB on average) is encoded whole before it is
        // written; BufWriter writes one at least as large as its buffer straight through, so a
        // small buffer saves copying every record into it (40 MB for AllSides) and still
        // gathers the short ones (error records, CSV rows).
        Output::Stdout(BufWriter::with_capacity(1 << 13, io::stdout().lock()))
    }

    /// The `-o` file (`-` or none: stdout).
    pub fn create(path: Option<&Path>) -> Result<Output> {
        match path.filter(|p| p.as_os_str() != "-") {
            None => Ok(Output::stdout()),
            Some(p) => {
                Ok(Output::File(AtomicFile::create(p).with_context(|| {
                    format!("cannot write {}", p.display())
                })?))
            }
        }
    }

    /// How messages name this output.
    pub fn name(&self) -> String {
        match self {
            Output::Stdout(_) => "stdout".into(),
            Output::File(f) => f.target().display().to_string(),
        }
    }

    /// Finish: flush stdout, or put the file in place.
    pub fn commit(self) -> io::Result<()> {
        let name = self.name();
        match self {
            Output::Stdout(mut out) => out.flush(),
            Output::File(f) => f.commit(),
        }
        .map_err(|e| named(e, &name))
    }

    fn raw(&mut self) -> &mut dyn Write {
        match self {
            Output::Stdout(out) => out,
            Output::File(f) => f,
        }
    }
}

/// The same error, its message naming the output; the kind is kept so that a closed pipe is
/// still told apart.
fn named(e: io::Error, name: &str) -> io::Error {
    io::Error::new(e.kind(), format!("cannot write {name}: {e}"))
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let name = self.name();
        self.raw().write(buf).map_err(|e| named(e, &name))
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self.raw().write_all(buf) {
            Ok(()) => Ok(()),
            Err(e) => Err(named(e, &self.name())),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self.raw().flush() {
            Ok(()) => Ok(()),
            Err(e) => Err(named(e, &self.name())),
        }
    }
}

/// True when the error comes from writing into a pipe whose reader has gone.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        let io = cause.downcast_ref::<io::Error>().or_else(|| {
            match cause.downcast_ref::<slant_batch::BatchError>() {
                Some(slant_batch::BatchError::Output(io)) => Some(io),
                _ => None,
            }
        });
        io.is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// A message on stderr, every line of it with each control character from input (a file
/// name, an article's words) made harmless. A closed stderr is not worth failing for.
pub fn note(message: &str) {
    let mut err = io::stderr().lock();
    for line in message.split('\n') {
        let _ = writeln!(err, "{}", slant_report::escape::terminal(line));
    }
}
