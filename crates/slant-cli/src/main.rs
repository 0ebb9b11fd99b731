//! The `slant` command: flags, progress and exit codes. The work is done by the library crates:
//! `slant-ingest` reads, `slant-score` scores, `slant-report` writes.

mod compare_cmd;
mod eval;
mod explain;
mod lexicon_cmd;
mod pipeline;
mod report_cmd;
mod train;
mod transformer;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use slant_score::{Config, Lexicon, Scorer};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "slant",
    version,
    about = "Shows, sentence by sentence and outlet by outlet, how news articles are framed."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Options every command shares.
#[derive(Args, Clone, Default)]
pub struct Common {
    /// Add or override lexicon entries from this TOML file (repeatable).
    #[arg(long = "lexicon", value_name = "FILE", global = true)]
    pub lexicons: Vec<PathBuf>,
    /// Settings file (thresholds, extra lexicons).
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Batch-score files and folders; writes slant/1 JSONL (one line per article).
    Score(ScoreArgs),
    /// Framing report (HTML, Markdown or CSV): overview, most loaded sentences, every article highlighted.
    Report(report_cmd::ReportArgs),
    /// Outlets side by side: rates with intervals, word choice, the same story told differently.
    Compare(compare_cmd::CompareArgs),
    /// Score one passage and explain each flag in plain words.
    Explain(ExplainArgs),
    /// Precision, recall and F1 of the flags against labelled sentences.
    Eval(eval::EvalArgs),
    /// Train the transformer backend's head on labelled sentences (feature `transformer`).
    Train(train::TrainArgs),
    /// Show the active lexicons or check a lexicon file.
    Lexicon {
        #[command(subcommand)]
        action: lexicon_cmd::LexiconAction,
        #[command(flatten)]
        common: Common,
    },
    /// List the rules with their codes and documentation.
    Rules {
        /// Print the full reference as Markdown (docs/RULES.md).
        #[arg(long)]
        markdown: bool,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq, Debug)]
pub enum ScoreFormat {
    Jsonl,
    Json,
    Csv,
}

#[derive(Args)]
pub struct ScoreArgs {
    /// Files and folders to score (recursively); `-` reads JSONL or plain text from stdin.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "jsonl")]
    format: ScoreFormat,
    /// Write here instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// No progress bar.
    #[arg(short, long)]
    quiet: bool,
    /// List skipped files and warnings on stderr.
    #[arg(short, long)]
    verbose: bool,
    #[command(flatten)]
    backend: transformer::BackendArgs,
    #[command(flatten)]
    common: Common,
}

#[derive(Args)]
pub struct ExplainArgs {
    /// The passage to score; read from stdin when absent.
    text: Option<String>,
    /// Show every sentence, not only flagged ones.
    #[arg(long)]
    all: bool,
    #[command(flatten)]
    common: Common,
}

/// `slant.toml`: thresholds and extra lexicons.
#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    score: Option<Config>,
    #[serde(default)]
    lexicons: Vec<PathBuf>,
    /// Outlet names for web domains (`"nytimes.com" = "New York Times"`), before slant's own.
    #[serde(default)]
    outlets: std::collections::BTreeMap<String, String>,
}

/// Build the scorer from the built-in lexicons, the config file and `--lexicon` files.
pub fn build_scorer(common: &Common) -> Result<Scorer> {
    let mut lexicon = Lexicon::builtin();
    let mut config = Config::default();
    let mut extra = Vec::new();
    if let Some(path) = &common.config {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read config {}", path.display()))?;
        let file: ConfigFile =
            toml::from_str(&text).with_context(|| format!("invalid config {}", path.display()))?;
        if let Some(c) = file.score {
            config = c;
        }
        slant_ingest::set_outlet_aliases(file.outlets);
        let base = path.parent().map(|p| p.to_path_buf()).unwrap_or_default();
        extra.extend(
            file.lexicons
                .into_iter()
                .map(|p| if p.is_absolute() { p } else { base.join(p) }),
        );
    }
    extra.extend(common.lexicons.iter().cloned());
    for path in extra {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read lexicon {}", path.display()))?;
        let user = Lexicon::parse(&path.display().to_string(), &text).map_err(|errs| {
            anyhow::anyhow!(
                "invalid lexicon:\n{}",
                errs.iter()
                    .map(|e| format!("  {e}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        })?;
        lexicon.extend(user);
    }
    Ok(Scorer::new(lexicon, config))
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(2),
            };
        }
    };
    let result = match cli.command {
        Command::Score(args) if args.backend.model.backend == transformer::Backend::Transformer => {
            transformer::score_command(args)
        }
        Command::Score(args) => pipeline::score_command(args),
        Command::Report(args) => report_cmd::run(args),
        Command::Compare(args) => compare_cmd::run(args),
        Command::Train(args) => train::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Lexicon { action, common } => lexicon_cmd::run(action, &common),
        Command::Rules { markdown } => {
            if markdown {
                print!("{}", slant_score::rules::reference_markdown());
            } else {
                for r in slant_score::rules::all() {
                    let i = r.info();
                    println!("{}  {:<24} {}", i.code, i.name, i.summary);
                }
            }
            Ok(0)
        }
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("slant: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
