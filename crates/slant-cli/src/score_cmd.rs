//! `slant score`: batch-score files, folders and stdin into `slant/1` JSONL, JSON or CSV.
//!
//! Glue only: `slant_batch` reads and scores in parallel and hands records back in input
//! order; they are encoded on the worker threads and written here to stdout or to the `-o`
//! file (atomically: see [`crate::output`]).

use crate::args::{Backend, BackendArgs, Common};
use crate::output::{note, Output};
use crate::pipeline::{Messages, Reporting};
use crate::settings::build_scorer;
use anyhow::{bail, Result};
use clap::{Args, ValueEnum};
use slant_batch::{Batch, Encoder, Options, Shard, Stats};
use slant_ingest::model::Record;
use slant_report::{csv, json, jsonl};
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq, Debug)]
pub enum ScoreFormat {
    Jsonl,
    Json,
    Csv,
}

#[derive(Args)]
pub struct ScoreArgs {
    /// Files and folders to score (recursively); `-` reads JSONL or plain text from stdin as a
    /// stream; slant/1 JSONL (an earlier `slant score`) passes through as it is.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: ScoreFormat,
    /// Write here instead of stdout (never one of the inputs; replaced only when complete).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Score only the K-th of N slices of the inputs (by a stable hash of each file's path and
    /// item number), so that N processes cover every input exactly once; `report` and
    /// `compare` merge the N outputs back into the order of one run. JSONL only.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<Shard>,
    /// No progress bar.
    #[arg(short, long)]
    pub quiet: bool,
    /// List skipped files and warnings on stderr.
    #[arg(short, long)]
    pub verbose: bool,
    #[command(flatten)]
    pub backend: BackendArgs,
    #[command(flatten)]
    pub common: Common,
}

pub fn run(args: ScoreArgs) -> Result<u8> {
    if args.backend.model.backend == Backend::Transformer {
        return crate::transformer::score_command(args);
    }
    let scorer = Arc::new(build_scorer(&args.common)?);
    let options = Options {
        // The sink below writes the encoded bytes only.
        sink_reads_sentences: false,
        ..batch_options(&args)?
    };
    let mut out = Output::create(args.output.as_deref())?;
    let mut w = RecordWriter::new(&mut out, args.format)?;
    let batch = Batch::new(scorer)
        .options(options)
        .encode_with(encoder(args.format));
    let mut sink = Reporting::new(messages(&args), &mut w);
    let stats = batch.run(&args.paths, &mut sink);
    drop(sink);
    let stats = stats?;
    w.finish()?;
    out.commit()?;
    print_summary(&args, &stats);
    Ok(stats.exit_code())
}

/// The batch options `slant score`'s flags ask for; fails when an input is the output.
pub fn batch_options(args: &ScoreArgs) -> Result<Options> {
    if args.shard.is_some() && args.format != ScoreFormat::Jsonl {
        bail!("--shard writes JSONL (the format report and compare merge); drop --format");
    }
    let outputs = crate::output::files_written(&args.paths, args.output.as_deref())?;
    Ok(Options {
        shard: args.shard,
        outputs,
        ..crate::pipeline::options()
    })
}

/// What `--quiet` and `--verbose` ask for.
pub fn messages(args: &ScoreArgs) -> Messages {
    Messages::new(args.quiet, args.verbose)
}

/// The one-line summary on stderr when something failed or nothing was scored.
pub fn print_summary(args: &ScoreArgs, stats: &Stats) {
    if !args.quiet && (stats.failures > 0 || stats.articles == 0) {
        let mut line = format!(
            "slant: {} article(s) scored, {} input(s) failed",
            stats.articles, stats.failures
        );
        if stats.skipped > 0 {
            line += &format!(", {} path(s) skipped", stats.skipped);
        }
        if stats.records_skipped > 0 {
            line += &format!(
                ", {} archive record(s) skipped (no HTML response; --verbose lists them)",
                stats.records_skipped
            );
        }
        note(&line);
    }
}

fn encode_with(
    f: impl Fn(&mut Vec<u8>, &Record) -> Result<(), slant_report::ReportError> + Send + Sync + 'static,
) -> Encoder {
    Arc::new(move |r| {
        let mut buf = Vec::new();
        // Writing into a Vec cannot fail, and every record serialises.
        f(&mut buf, r).expect("a record encodes");
        buf
    })
}

/// How one record is encoded in a `slant score` format (JSON: one array element).
pub fn encoder(format: ScoreFormat) -> Encoder {
    match format {
        ScoreFormat::Jsonl => Arc::new(|r| {
            let mut buf = Vec::new();
            jsonl::encode_line(&mut buf, r);
            buf
        }),
        ScoreFormat::Csv => encode_with(csv::write_record),
        ScoreFormat::Json => Arc::new(|r| {
            let mut buf = Vec::new();
            jsonl::encode(&mut buf, r);
            buf
        }),
    }
}

/// Writes records in a `slant score` format: JSONL lines, CSV rows under a header, or the
/// elements of one JSON array.
pub enum RecordWriter<W: Write> {
    Lines(W),
    Json(json::ArrayWriter<W>),
}

impl<W: Write> RecordWriter<W> {
    /// Start the output (CSV header, JSON `[`).
    pub fn new(mut out: W, format: ScoreFormat) -> std::io::Result<RecordWriter<W>> {
        Ok(match format {
            ScoreFormat::Jsonl => RecordWriter::Lines(out),
            ScoreFormat::Csv => {
                csv::write_header(&mut out).map_err(io_error)?;
                RecordWriter::Lines(out)
            }
            ScoreFormat::Json => RecordWriter::Json(json::ArrayWriter::new(out).map_err(io_error)?),
        })
    }

    /// Write a record already encoded by [`encoder`] for the same format.
    pub fn write_encoded(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        match self {
            RecordWriter::Lines(out) => out.write_all(bytes),
            RecordWriter::Json(w) => w.write_encoded(bytes).map_err(io_error),
        }
    }

    /// Send what is buffered on (JSONL and CSV; a JSON array is whole only at its end).
    pub fn flush(&mut self) -> std::io::Result<()> {
        match self {
            RecordWriter::Lines(out) => out.flush(),
            RecordWriter::Json(_) => Ok(()),
        }
    }

    /// End the output (JSON `]`).
    pub fn finish(self) -> std::io::Result<W> {
        match self {
            RecordWriter::Lines(out) => Ok(out),
            RecordWriter::Json(w) => w.finish().map_err(io_error),
        }
    }
}

impl<W: Write> crate::pipeline::Records for &mut RecordWriter<W> {
    fn record(&mut self, _: Record, encoded: &[u8]) -> std::io::Result<()> {
        self.write_encoded(encoded)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        RecordWriter::flush(self)
    }
}

/// The I/O error inside a writer's error, so a closed pipe is still told apart.
fn io_error(e: slant_report::ReportError) -> std::io::Error {
    match e {
        slant_report::ReportError::Io(io) => io,
        other => std::io::Error::other(other),
    }
}
