//! `slant report`: a framing report (HTML, Markdown or CSV) from article folders and files,
//! scored on the fly, or from `slant/1` JSONL written earlier by `slant score`.
//!
//! Glue only: records come from `pipeline::records_from` and go to a
//! `slant_report::ReportWriter`, which renders each article as it arrives. A single-file
//! report is written next to its destination and renamed into place when complete, so a failed
//! or interrupted run never leaves half a report, or its temporary files, behind; a folder's
//! pages are each replaced the same way (`slant_report::FolderSink`).

use crate::args::Common;
use crate::output::Output;
use crate::pipeline;
use crate::settings::{build_scorer, settings_text};
use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use slant_report::output::TempPath;
use slant_report::{csv, html::Html, markdown::Markdown, FolderSink, Meta, Renderer, ReportWriter};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq, Debug)]
pub enum ReportFormat {
    Html,
    #[value(alias = "markdown")]
    Md,
    Csv,
}

#[derive(Args)]
pub struct ReportArgs {
    /// Article files and folders (scored on the fly) or slant/1 JSONL from `slant score`;
    /// `-` reads JSONL or plain text from stdin.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Where to write: FILE.html, FILE.md or FILE.csv; a folder (`DIR/`) for an index page plus
    /// one page per outlet and per article; `-` for stdout.
    #[arg(short, long, value_name = "FILE|DIR/")]
    output: PathBuf,
    /// Output format; by default taken from the extension of `-o` (a folder gets HTML).
    #[arg(long, value_enum)]
    format: Option<ReportFormat>,
    /// How many sentences the "most loaded" and "most unattributed" lists show.
    #[arg(long, value_name = "N", default_value_t = 10)]
    top: usize,
    /// Print the time of the run in the report (otherwise the same input gives the same bytes).
    #[arg(long)]
    timestamp: bool,
    /// No progress bar, no summary on stderr.
    #[arg(short, long)]
    quiet: bool,
    #[command(flatten)]
    common: Common,
}

/// True when `-o` names a folder: it ends with a path separator or is an existing directory.
fn is_folder(path: &Path) -> bool {
    let s = path.as_os_str().to_string_lossy();
    s.ends_with('/') || s.ends_with(std::path::MAIN_SEPARATOR) || path.is_dir()
}

fn format_of(args: &ReportArgs, folder: bool) -> Result<ReportFormat> {
    let by_ext = match args
        .output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        _ if folder => Some(ReportFormat::Html),
        Some("html" | "htm") => Some(ReportFormat::Html),
        Some("md" | "markdown") => Some(ReportFormat::Md),
        Some("csv") => Some(ReportFormat::Csv),
        _ => None,
    };
    let format = match (args.format, by_ext) {
        (Some(f), _) => f,
        (None, Some(f)) => f,
        (None, None) => bail!(
            "cannot tell the report format from -o {}: use a .html, .md or .csv file, a folder ending in '/', or --format",
            args.output.display()
        ),
    };
    if folder && format == ReportFormat::Csv {
        bail!("a CSV report is one file: give -o FILE.csv, not a folder");
    }
    Ok(format)
}

/// The current time as RFC 3339 UTC, e.g. `2025-06-01T09:30:00Z`.
fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let (days, rem) = ((secs / 86_400) as i64, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

pub fn run(args: ReportArgs) -> Result<u8> {
    let folder = args.output.as_os_str() != "-" && is_folder(&args.output);
    let format = format_of(&args, folder)?;
    let outputs = crate::output::files_written(&args.paths, Some(&args.output))?;
    let scorer = Arc::new(build_scorer(&args.common)?);
    let meta = Meta {
        slant_version: env!("CARGO_PKG_VERSION").to_string(),
        lexicon_version: scorer.lexicon().version(),
        loaded_threshold: scorer.config().loaded_threshold,
        unattributed_threshold: scorer.config().unattributed_threshold,
        quoted_weight: scorer.config().quoted_weight,
        command: settings_text("report", &args.common, &[format!("--top {}", args.top)]),
        timestamp: args.timestamp.then(now_utc),
        top: args.top,
    };
    let to_stdout = args.output.as_os_str() == "-";
    if !folder && !to_stdout {
        let parent = args
            .output
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if !parent.is_dir() {
            bail!(
                "cannot write {}: the folder {} does not exist",
                args.output.display(),
                parent.display()
            );
        }
    }
    let stats = if folder {
        let sink = FolderSink::new(&args.output)?;
        match format {
            ReportFormat::Md => write_pages(Markdown, meta, sink, &args, scorer, outputs)?,
            _ => write_pages(Html, meta, sink, &args, scorer, outputs)?,
        }
    } else {
        // Written beside the destination and renamed into place when complete (stdout when
        // `-o -`); the temporary files go on Ctrl-C.
        let mut out = Output::create(Some(&args.output))?;
        let stats = match format {
            ReportFormat::Csv => {
                csv::write_header(&mut out)?;
                pipeline::records_from(&args.paths, scorer, args.quiet, outputs, |r| {
                    Ok(csv::write_record(&mut out, &r)?)
                })?
            }
            ReportFormat::Md => write_single(Markdown, meta, &mut out, &args, scorer, outputs)?,
            ReportFormat::Html => write_single(Html, meta, &mut out, &args, scorer, outputs)?,
        };
        out.commit()?;
        stats
    };
    // Like `slant score`: say something on stderr when a person watches or something failed.
    let worth_saying = std::io::stderr().is_terminal() || stats.failures > 0 || stats.articles == 0;
    if !args.quiet && worth_saying {
        let failed = if stats.failures > 0 {
            format!("; {} input(s) failed and are listed in it", stats.failures)
        } else {
            String::new()
        };
        eprintln!(
            "slant: report of {} article(s) written to {}{failed}",
            stats.articles,
            args.output.display()
        );
    }
    Ok(stats.exit_code())
}

fn write_single<R: Renderer>(
    renderer: R,
    meta: Meta,
    out: impl Write,
    args: &ReportArgs,
    scorer: Arc<slant_score::Scorer>,
    outputs: Vec<PathBuf>,
) -> Result<slant_batch::Stats> {
    // The article sections wait in a temporary file beside the report (removed when done and
    // on Ctrl-C).
    let beside = if args.output.as_os_str() == "-" {
        std::env::temp_dir().join("slant-report")
    } else {
        args.output.clone()
    };
    let (_spool_path, spool) = TempPath::beside(&beside, "sections")
        .with_context(|| format!("cannot write {}", args.output.display()))?;
    let spool = std::io::BufWriter::new(spool);
    let mut writer = ReportWriter::single_file(renderer, meta, out, SpoolFile(spool));
    let stats = pipeline::records_from(&args.paths, scorer, args.quiet, outputs, |r| {
        Ok(writer.add(&r)?)
    })?;
    writer.finish()?;
    Ok(stats)
}

fn write_pages<R: Renderer>(
    renderer: R,
    meta: Meta,
    sink: FolderSink,
    args: &ReportArgs,
    scorer: Arc<slant_score::Scorer>,
    outputs: Vec<PathBuf>,
) -> Result<slant_batch::Stats> {
    let mut writer = ReportWriter::folder(renderer, meta, sink);
    let stats = pipeline::records_from(&args.paths, scorer, args.quiet, outputs, |r| {
        Ok(writer.add(&r)?)
    })?;
    writer.finish()?;
    Ok(stats)
}

/// A buffered spool file: writes go through the buffer; reading and seeking flush it first.
struct SpoolFile(std::io::BufWriter<std::fs::File>);

impl Write for SpoolFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

impl std::io::Seek for SpoolFile {
    fn seek(&mut self, pos: std::io::SeekFrom) -> std::io::Result<u64> {
        self.0.seek(pos)
    }
}

impl std::io::Read for SpoolFile {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.0.flush()?;
        self.0.get_mut().read(buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_rfc3339() {
        let t = now_utc();
        assert_eq!(t.len(), 20, "{t}");
        assert!(t.ends_with('Z') && t.as_bytes()[10] == b'T');
    }
}
