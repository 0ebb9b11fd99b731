//! The `slant` side of the batch pipeline (`slant_batch`): what a person sees on stderr while
//! a batch runs (progress, failed inputs, skipped files, warnings, every path and message made
//! safe for a terminal), and the records `report` and `compare` read.

use crate::output::note;
use anyhow::Result;
use slant_batch::{Batch, BatchError, Options, Sink, Stats};
use slant_ingest::model::Record;
use slant_ingest::Skipped;
use slant_score::Scorer;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;

/// What a batch says on stderr.
#[derive(Debug, Clone, Copy, Default)]
pub struct Messages {
    /// List skipped files and warnings.
    pub verbose: bool,
    /// Show a progress count (only when stderr is a terminal).
    pub progress: bool,
    /// Name each failed input.
    pub errors: bool,
}

impl Messages {
    /// What `--quiet` and `--verbose` ask for.
    pub fn new(quiet: bool, verbose: bool) -> Messages {
        Messages {
            verbose,
            progress: !quiet && std::io::stderr().is_terminal(),
            errors: !quiet,
        }
    }
}

/// Where a command's records go: a closure, or a writer that can also be flushed when the
/// batch has nothing ready (so a stream's records leave as they are scored).
pub trait Records {
    fn record(&mut self, record: Record, encoded: &[u8]) -> std::io::Result<()>;
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<F: FnMut(Record, &[u8]) -> std::io::Result<()>> Records for F {
    fn record(&mut self, record: Record, encoded: &[u8]) -> std::io::Result<()> {
        self(record, encoded)
    }
}

/// A sink that reports on stderr, then hands each record on.
pub struct Reporting<F> {
    messages: Messages,
    f: F,
    shown_progress: bool,
}

impl<F: Records> Reporting<F> {
    pub fn new(messages: Messages, f: F) -> Reporting<F> {
        Reporting {
            messages,
            f,
            shown_progress: false,
        }
    }
}

impl<F: Records> Sink for Reporting<F> {
    fn record(&mut self, record: Record, encoded: &[u8]) -> std::io::Result<()> {
        match &record {
            Record::Article(a) if self.messages.verbose => {
                for w in &a.warnings {
                    note(&format!("slant: warning: {}: {w}", a.path));
                }
            }
            Record::Error(e) if self.messages.errors => {
                let line = e.line.map(|l| format!(":{l}")).unwrap_or_default();
                note(&format!(
                    "slant: error: {}{line}: {}",
                    e.path, e.error.message
                ));
            }
            _ => {}
        }
        self.f.record(record, encoded)
    }

    fn idle(&mut self) -> std::io::Result<()> {
        self.f.flush()
    }

    fn skipped(&mut self, s: &Skipped) {
        if self.messages.verbose {
            note(&format!(
                "slant: skipped {} ({})",
                slant_ingest::path_text(&s.path),
                s.reason
            ));
        }
    }

    fn progress(&mut self, done: usize, total: usize) {
        if self.messages.progress {
            use std::io::Write;
            let _ = write!(std::io::stderr(), "\rslant: {done}/{total} inputs");
            self.shown_progress = true;
        }
    }
}

impl<F> Drop for Reporting<F> {
    fn drop(&mut self) {
        if self.shown_progress {
            let _ = std::io::Write::write_all(&mut std::io::stderr(), b"\n");
        }
    }
}

/// The batch options every command starts from. `SLANT_PIPE_WAIT` (seconds, default 10) is
/// how long a named pipe given as an input may wait for a program to open it for writing.
pub fn options() -> Options {
    let mut o = Options::default();
    if let Some(secs) = std::env::var("SLANT_PIPE_WAIT")
        .ok()
        .and_then(|v| v.parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
    {
        o.pipe_wait = std::time::Duration::from_secs_f64(secs);
    }
    o
}

/// Records for `report` and `compare`, in input order: article files and folders scored on
/// the fly, scored `slant/1` JSONL read back as it is (the outputs of `--shard` runs merged
/// into one run's order). `outputs` are never read.
pub fn records_from(
    paths: &[PathBuf],
    scorer: Arc<Scorer>,
    quiet: bool,
    outputs: Vec<PathBuf>,
    sink: impl FnMut(Record) -> Result<()>,
) -> Result<Stats> {
    let mut sink = sink;
    // The sink's own error (a report that cannot be written) is kept whole for the caller.
    let mut failure: Option<anyhow::Error> = None;
    let mut reporting = Reporting::new(Messages::new(quiet, false), |r: Record, _: &[u8]| {
        sink(r).map_err(|e| {
            let io = std::io::Error::other(format!("{e:#}"));
            failure = Some(e);
            io
        })
    });
    let batch = Batch::new(scorer).options(Options {
        outputs,
        ..options()
    });
    let result = batch.run(paths, &mut reporting);
    drop(reporting);
    match (result, failure) {
        (Ok(stats), _) => Ok(stats),
        (Err(BatchError::Output(_)), Some(e)) => Err(e),
        (Err(e), _) => Err(e.into()),
    }
}
