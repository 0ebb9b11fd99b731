//! `slant compare`: outlets side by side, from article folders and files (scored on the fly)
//! or `slant/1` JSONL written earlier by `slant score`, so scoring can be sharded across
//! machines and compared afterwards.
//!
//! Glue only: records come from `pipeline::records_from` and go into a
//! `slant_report::analysis::compare::Comparison`, which keeps counts and compact story entries, never
//! article texts; the finished `CompareReport` is rendered as a terminal table (default),
//! JSON, Markdown, HTML or CSV.

use crate::args::{Backend, Common, ModelArgs};
use crate::output::{note, Output};
use crate::pipeline;
use crate::settings::build_scorer;
use crate::transformer::TextEmbedder;
use anyhow::{bail, Result};
use clap::{Args, ValueEnum};
use slant_report::analysis::compare::{CompareOptions, Comparison, GroupBy};
use slant_report::analysis::stories::StoryOptions;
use slant_report::render::{csv, html, json, markdown, terminal};
use std::io::Write;
use std::path::PathBuf;

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq, Debug)]
pub enum CompareFormat {
    /// A table for a 100-column terminal.
    Table,
    /// The machine contract (`slant-compare/1`, see the README).
    Json,
    #[value(alias = "markdown")]
    Md,
    Html,
    Csv,
}

#[derive(Args)]
pub struct CompareArgs {
    /// Article files and folders (scored on the fly) or slant/1 JSONL from `slant score`;
    /// `-` reads JSONL or plain text from stdin.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Group articles by this field: outlet, date, month, year, title, url, id or path.
    #[arg(long, value_name = "FIELD", default_value = "outlet")]
    by: String,
    /// Write here (FILE.html, FILE.md, FILE.json or FILE.csv) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Output format; by default taken from the extension of `-o`, else a terminal table.
    #[arg(long, value_enum)]
    format: Option<CompareFormat>,
    /// List the stories several outlets cover, side by side (terminal and CSV; the other
    /// formats always include them). Without it, the table and the CSV do not group stories,
    /// which takes time and memory in proportion to the corpus.
    #[arg(long)]
    stories: bool,
    /// How similar two articles must be (0-1) to be one story: cosine of TF-IDF vectors
    /// (default 0.185), or with `--backend transformer` the mean of that and the cosine of
    /// headline-and-lead embeddings (default 0.4).
    #[arg(long, value_name = "X")]
    story_threshold: Option<f64>,
    /// Loaded terms and named sources listed per outlet.
    #[arg(long, value_name = "N", default_value_t = 8)]
    top: usize,
    /// No progress bar, no summary on stderr.
    #[arg(short, long)]
    quiet: bool,
    /// With `--backend transformer`, stories are grouped by the meaning of each article's
    /// headline and lead (sentence embeddings) instead of shared terms; rates stay the rules'.
    #[command(flatten)]
    backend: ModelArgs,
    #[command(flatten)]
    common: Common,
}

fn format_of(args: &CompareArgs) -> Result<CompareFormat> {
    if let Some(f) = args.format {
        return Ok(f);
    }
    let Some(out) = args.output.as_ref().filter(|p| p.as_os_str() != "-") else {
        return Ok(CompareFormat::Table);
    };
    Ok(
        match out
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("html" | "htm") => CompareFormat::Html,
            Some("md" | "markdown") => CompareFormat::Md,
            Some("json") => CompareFormat::Json,
            Some("csv") => CompareFormat::Csv,
            Some("txt") => CompareFormat::Table,
            _ => bail!(
                "cannot tell the output format from -o {}: use .html, .md, .json, .csv or --format",
                out.display()
            ),
        },
    )
}

pub fn run(args: CompareArgs) -> Result<u8> {
    let Some(by) = GroupBy::parse(&args.by) else {
        bail!(
            "--by {}: not an article field; use one of {}",
            args.by,
            GroupBy::NAMES.join(", ")
        );
    };
    if args
        .story_threshold
        .is_some_and(|t| !(0.0..=1.0).contains(&t))
    {
        bail!("--story-threshold must be between 0 and 1");
    }
    let format = format_of(&args)?;
    let outputs = crate::output::files_written(&args.paths, args.output.as_deref())?;
    // Load the model first: a missing model fails before any scoring.
    let embedder = match args.backend.backend {
        Backend::Transformer => Some(TextEmbedder::load(&args.backend)?),
        Backend::Rules => None,
    };
    let mut stories = if embedder.is_some() {
        StoryOptions::embedding()
    } else {
        StoryOptions::default()
    };
    if let Some(t) = args.story_threshold {
        stories.threshold = t;
    }
    let scorer = std::sync::Arc::new(build_scorer(&args.common)?);
    // Stories only where they are shown: with --stories, and in the formats that always carry
    // them (the JSON contract, Markdown, HTML); the table and the CSV leave them out otherwise.
    let group_stories = args.stories
        || matches!(
            format,
            CompareFormat::Json | CompareFormat::Md | CompareFormat::Html
        );
    let options = CompareOptions {
        by,
        top: args.top,
        group_stories,
        stories,
        ..CompareOptions::default()
    };
    let mut comparison = Comparison::new(options);
    let stats = pipeline::records_from(&args.paths, scorer, args.quiet, outputs, |r| {
        comparison.add(&r);
        Ok(())
    })?;
    if stats.articles == 0 {
        bail!("nothing to compare: no article could be scored");
    }
    if let Some(embedder) = &embedder {
        let texts: Vec<&str> = comparison
            .story_texts()
            .iter()
            .flatten()
            .map(String::as_str)
            .collect();
        let vectors = embedder.embed(&texts)?;
        comparison
            .set_story_embeddings(&vectors)
            .map_err(anyhow::Error::msg)?;
    }
    let report = comparison.finish();

    let mut bytes = Vec::new();
    match format {
        CompareFormat::Table if args.stories => {
            bytes.extend(terminal::render_stories(&report).into_bytes())
        }
        CompareFormat::Table => bytes.extend(terminal::render(&report).into_bytes()),
        CompareFormat::Json => json::write_comparison(&mut bytes, &report)?,
        CompareFormat::Md => bytes.extend(markdown::compare::render(&report).into_bytes()),
        CompareFormat::Html => bytes.extend(html::compare::render(&report).into_bytes()),
        CompareFormat::Csv => csv::write_comparison(&mut bytes, &report, args.stories)?,
    }
    let mut out = Output::create(args.output.as_deref())?;
    out.write_all(&bytes)?;
    let name = out.name();
    let to_file = matches!(out, Output::File(_));
    out.commit()?;
    if to_file && !args.quiet {
        note(&format!(
            "slant: comparison of {} article(s) written to {name}",
            stats.articles
        ));
    }
    if !args.quiet && stats.failures > 0 {
        note(&format!(
            "slant: {} input(s) failed and were left out",
            stats.failures
        ));
    }
    Ok(stats.exit_code())
}
