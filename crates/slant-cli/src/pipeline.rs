//! The batch pipeline: discover inputs, read and score them in parallel in bounded chunks, and
//! hand the records on in input order.

use crate::{build_scorer, ScoreArgs, ScoreFormat};
use anyhow::{Context, Result};
use rayon::prelude::*;
use slant_ingest::model::Record;
use slant_ingest::{
    discover, parse_stdin, read_jsonl_blocks, read_source, read_warc_blocks, segment, Failure,
    Format, Item, Source,
};
use slant_report::{csv, json, jsonl};
use slant_score::Scorer;
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;

/// How many input files are in flight at once: enough to keep every core busy, small enough
/// that memory does not grow with the corpus. Records leave in input order.
const CHUNK: usize = 64;

/// JSONL files larger than this many bytes (default 8 MiB; `SLANT_STREAM_JSONL_BYTES`
/// overrides) are read in blocks of [`JSONL_BLOCK`] lines rather than whole, so one huge file
/// does not have to fit in memory. Output is the same either way.
const STREAM_JSONL_BYTES: u64 = 8 << 20;
const JSONL_BLOCK: usize = 1024;

fn stream_bytes() -> u64 {
    std::env::var("SLANT_STREAM_JSONL_BYTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(STREAM_JSONL_BYTES)
}

fn is_big_jsonl(source: &Source, threshold: u64) -> bool {
    source.format == Format::Jsonl
        && std::fs::metadata(&source.path).is_ok_and(|m| m.len() > threshold)
}

/// A web archive is always read as a stream, in blocks of about this many bytes of pages.
const WARC_BLOCK_BYTES: usize = 16 << 20;

fn is_streamed(source: &Source, threshold: u64) -> bool {
    source.format == Format::Warc || is_big_jsonl(source, threshold)
}

/// Counts of what a batch did.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    pub articles: usize,
    pub failures: usize,
    pub skipped: usize,
}

impl Stats {
    /// Exit status per DESIGN.md: 0 all scored, 1 some failed, 2 nothing could be scored.
    pub fn exit_code(&self) -> u8 {
        if self.articles == 0 {
            2
        } else if self.failures > 0 {
            1
        } else {
            0
        }
    }
}

fn failure_record(f: &Failure) -> Record {
    Record::Error(f.to_record())
}

fn score_items(scorer: &Scorer, items: Vec<Item>) -> Vec<Record> {
    items
        .into_par_iter()
        .map(|item| match item {
            Ok(article) => score_guarded(scorer, article),
            Err(f) => failure_record(&f),
        })
        .collect()
}

/// Score one article; a bug that panics on some input becomes an error record for that
/// article instead of ending the batch.
fn score_guarded(scorer: &Scorer, article: slant_ingest::Article) -> Record {
    let path = article.path.clone();
    let id = article.id.clone();
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        scorer.score(&segment(article))
    })) {
        Ok(scored) => Record::Article(Box::new(scored)),
        Err(panic) => {
            let what = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("unknown");
            Record::Error(slant_ingest::model::ErrorRecord {
                schema: slant_ingest::model::SCHEMA.to_string(),
                path,
                line: None,
                error: slant_ingest::model::ErrorInfo {
                    kind: "internal_error".into(),
                    message: format!(
                        "slant failed on article `{id}` (a bug; please report it): {what}"
                    ),
                },
            })
        }
    }
}

/// How a batch reports on itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct BatchOpts {
    /// List skipped files and warnings on stderr.
    pub verbose: bool,
    /// Show a progress count on stderr.
    pub progress: bool,
    /// Name each failed input on stderr.
    pub report_errors: bool,
}

/// Score every input under `paths`. Each record is first encoded by `encode` on the worker
/// threads (so serialisation runs in parallel too), then handed with its bytes to `sink` in
/// input order.
pub fn run_batch(
    paths: &[PathBuf],
    scorer: &Scorer,
    opts: BatchOpts,
    encode: &(dyn Fn(&Record) -> Vec<u8> + Sync),
    mut sink: impl FnMut(&Record, &[u8]) -> Result<()>,
) -> Result<Stats> {
    let mut stats = Stats::default();
    let count = |r: &Record, stats: &mut Stats| match r {
        Record::Article(a) => {
            stats.articles += 1;
            if opts.verbose {
                for w in &a.warnings {
                    eprintln!("slant: warning: {}: {w}", a.path);
                }
            }
        }
        Record::Error(e) => {
            stats.failures += 1;
            if opts.report_errors {
                let line = e.line.map(|l| format!(":{l}")).unwrap_or_default();
                eprintln!("slant: error: {}{line}: {}", e.path, e.error.message);
            }
        }
    };
    let encoded = |records: Vec<Record>| -> Vec<(Record, Vec<u8>)> {
        records
            .into_par_iter()
            .map(|r| {
                let bytes = encode(&r);
                (r, bytes)
            })
            .collect()
    };
    let (stdin, files): (Vec<&PathBuf>, Vec<&PathBuf>) =
        paths.iter().partition(|p| p.as_os_str() == "-");
    if !stdin.is_empty() {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read stdin")?;
        let first_line = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
        let records = if jsonl::is_scored_jsonl(String::from_utf8_lossy(first_line).trim()) {
            // Output of an earlier `slant score` (e.g. piped into `slant report -`).
            scored_records(&bytes[..], "-").collect()
        } else {
            score_items(scorer, parse_stdin(&bytes))
        };
        for (r, b) in encoded(records) {
            count(&r, &mut stats);
            sink(&r, &b)?;
        }
    }
    let found = discover(&files);
    stats.skipped = found.skipped.len();
    if opts.verbose {
        for p in &found.skipped {
            eprintln!("slant: skipped {} (unsupported extension)", p.display());
        }
    }
    for f in &found.failures {
        let r = failure_record(f);
        count(&r, &mut stats);
        sink(&r, &encode(&r))?;
    }
    let total = found.sources.len();
    let mut done = 0;
    let stream_from = stream_bytes();
    let mut rest: &[Source] = &found.sources;
    while !rest.is_empty() {
        if rest[0].format == Format::Warc {
            // A web archive: its records in blocks, each block's pages in parallel.
            match read_warc_blocks(&rest[0], WARC_BLOCK_BYTES) {
                Ok(mut blocks) => {
                    for block in blocks.by_ref() {
                        for (r, b) in encoded(score_items(scorer, block)) {
                            count(&r, &mut stats);
                            sink(&r, &b)?;
                        }
                    }
                    let skipped = blocks.skipped();
                    if opts.verbose && skipped.total() > 0 {
                        let path = &rest[0].origin.path;
                        eprintln!(
                            "slant: {path}: skipped {} record(s): {skipped}",
                            skipped.total()
                        );
                    }
                }
                Err(f) => {
                    let r = failure_record(&f);
                    count(&r, &mut stats);
                    sink(&r, &encode(&r))?;
                }
            }
            rest = &rest[1..];
            done += 1;
        } else if is_big_jsonl(&rest[0], stream_from) {
            // One big JSONL file: its lines in blocks, each block's articles in parallel.
            for block in read_jsonl_blocks(&rest[0], JSONL_BLOCK) {
                for (r, b) in encoded(score_items(scorer, block)) {
                    count(&r, &mut stats);
                    sink(&r, &b)?;
                }
            }
            rest = &rest[1..];
            done += 1;
        } else {
            // Up to CHUNK other files in parallel, stopping before a big JSONL file.
            let n = rest
                .iter()
                .take(CHUNK)
                .take_while(|s| !is_streamed(s, stream_from))
                .count();
            let (chunk, tail) = rest.split_at(n);
            let records: Vec<Vec<(Record, Vec<u8>)>> = chunk
                .par_iter()
                .map(|source: &Source| encoded(score_items(scorer, read_source(source))))
                .collect();
            for (r, b) in records.iter().flatten() {
                count(r, &mut stats);
                sink(r, b)?;
            }
            rest = tail;
            done += n;
        }
        if opts.progress {
            eprint!("\rslant: {done}/{total} files");
        }
    }
    if opts.progress && total > 0 {
        eprintln!();
    }
    Ok(stats)
}

fn encode_with(
    f: impl Fn(&mut Vec<u8>, &Record) -> Result<(), slant_report::ReportError>,
) -> impl Fn(&Record) -> Vec<u8> {
    move |r| {
        let mut buf = Vec::new();
        // Writing into a Vec cannot fail, and every record serialises.
        f(&mut buf, r).expect("a record encodes");
        buf
    }
}

pub fn score_command(args: ScoreArgs) -> Result<u8> {
    let scorer = build_scorer(&args.common)?;
    let mut out = score_output(&args)?;
    let encode = encoder(args.format);
    let mut w = RecordWriter::new(&mut out, args.format)?;
    let stats = run_batch(
        &args.paths,
        &scorer,
        score_opts(&args),
        &*encode,
        |_, bytes| w.write_encoded(bytes),
    )?;
    w.finish()?;
    out.flush()?;
    print_score_summary(&args, &stats);
    Ok(stats.exit_code())
}

/// Where `slant score` writes: the `-o` file or stdout, buffered.
pub fn score_output(args: &ScoreArgs) -> Result<std::io::BufWriter<Box<dyn Write>>> {
    let out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    Ok(std::io::BufWriter::new(out))
}

/// The batch options `slant score`'s flags ask for.
pub fn score_opts(args: &ScoreArgs) -> BatchOpts {
    BatchOpts {
        verbose: args.verbose,
        progress: !args.quiet && std::io::stderr().is_terminal(),
        report_errors: !args.quiet,
    }
}

/// The one-line summary on stderr when something failed or nothing was scored.
pub fn print_score_summary(args: &ScoreArgs, stats: &Stats) {
    if !args.quiet && (stats.failures > 0 || stats.articles == 0) {
        eprintln!(
            "slant: {} article(s) scored, {} input(s) failed{}",
            stats.articles,
            stats.failures,
            if stats.skipped > 0 {
                format!(", {} file(s) skipped", stats.skipped)
            } else {
                String::new()
            }
        );
    }
}

/// Encodes one record for the output (see [`run_batch`]).
pub type Encoder = Box<dyn Fn(&Record) -> Vec<u8> + Sync>;

/// How one record is encoded in a `slant score` format (JSON: one array element).
pub fn encoder(format: ScoreFormat) -> Encoder {
    match format {
        ScoreFormat::Jsonl => Box::new(encode_with(jsonl::write_record)),
        ScoreFormat::Csv => Box::new(encode_with(csv::write_record)),
        ScoreFormat::Json => Box::new(encode_with(|b, r| Ok(serde_json::to_writer(b, r)?))),
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
    pub fn new(mut out: W, format: ScoreFormat) -> Result<RecordWriter<W>> {
        Ok(match format {
            ScoreFormat::Jsonl => RecordWriter::Lines(out),
            ScoreFormat::Csv => {
                csv::write_header(&mut out)?;
                RecordWriter::Lines(out)
            }
            ScoreFormat::Json => RecordWriter::Json(json::ArrayWriter::new(out)?),
        })
    }

    /// Write a record already encoded by [`encoder`] for the same format.
    pub fn write_encoded(&mut self, bytes: &[u8]) -> Result<()> {
        match self {
            RecordWriter::Lines(out) => out.write_all(bytes)?,
            RecordWriter::Json(w) => w.write_encoded(bytes)?,
        }
        Ok(())
    }

    /// End the output (JSON `]`).
    pub fn finish(self) -> Result<W> {
        Ok(match self {
            RecordWriter::Lines(out) => out,
            RecordWriter::Json(w) => w.finish()?,
        })
    }
}

/// True when `path` is a file of `slant/1` records (output of an earlier `slant score`).
pub fn is_scored_file(path: &std::path::Path) -> bool {
    use std::io::BufRead;
    if !path.is_file() {
        return false;
    }
    let Ok(f) = std::fs::File::open(path) else {
        return false;
    };
    let mut first = String::new();
    let _ = std::io::BufReader::new(f)
        .take(1 << 20)
        .read_line(&mut first);
    jsonl::is_scored_jsonl(first.trim())
}

/// `slant/1` records read back from JSONL; a line that is not a record becomes an error
/// record naming the file and line, and reading goes on.
fn scored_records<R: std::io::BufRead>(input: R, path: &str) -> impl Iterator<Item = Record> {
    let path = path.to_string();
    jsonl::read_records(input, &path.clone()).map(move |rec| {
        rec.unwrap_or_else(|e| {
            let (line, message) = match &e {
                slant_report::ReportError::BadRecord { line, message, .. } => {
                    (Some(*line), message.clone())
                }
                other => (None, other.to_string()),
            };
            Record::Error(slant_ingest::model::ErrorRecord {
                schema: slant_ingest::model::SCHEMA.to_string(),
                path: path.clone(),
                line,
                error: slant_ingest::model::ErrorInfo {
                    kind: "invalid_record".into(),
                    message,
                },
            })
        })
    })
}

/// Records for `report` and `compare`: paths that hold `slant/1` JSONL are read back as they
/// are; every other path is scored on the fly. Records reach `sink` in command-line order.
pub fn records_from(
    paths: &[PathBuf],
    scorer: &Scorer,
    quiet: bool,
    mut sink: impl FnMut(&Record) -> Result<()>,
) -> Result<Stats> {
    let mut stats = Stats::default();
    let mut pending: Vec<PathBuf> = Vec::new();
    let opts = BatchOpts {
        verbose: false,
        progress: !quiet && std::io::stderr().is_terminal(),
        report_errors: !quiet,
    };
    let no_encoding = |_: &Record| Vec::new();
    for path in paths {
        if !is_scored_file(path) {
            pending.push(path.clone());
            continue;
        }
        if !pending.is_empty() {
            let s = run_batch(&pending, scorer, opts, &no_encoding, |r, _| sink(r))?;
            stats.articles += s.articles;
            stats.failures += s.failures;
            pending.clear();
        }
        let file =
            std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
        for rec in scored_records(std::io::BufReader::new(file), &path.display().to_string()) {
            match &rec {
                Record::Article(_) => stats.articles += 1,
                Record::Error(_) => stats.failures += 1,
            }
            sink(&rec)?;
        }
    }
    if !pending.is_empty() {
        let s = run_batch(&pending, scorer, opts, &no_encoding, |r, _| sink(r))?;
        stats.articles += s.articles;
        stats.failures += s.failures;
    }
    Ok(stats)
}
