//! The `slant` command: dispatch only. Each command's arguments and glue live in its module
//! (`score_cmd`, `report_cmd`, ...), the arguments several commands share in `args`, the
//! settings in `settings`, output and write-error handling in `output`. The work is done by
//! the library crates: `slant-ingest` reads, `slant-score` scores, `slant-batch` runs the
//! batch, `slant-report` writes.

mod args;
mod compare_cmd;
mod eval;
mod explain;
mod lexicon_cmd;
mod output;
mod pipeline;
mod report_cmd;
mod rules_cmd;
mod score_cmd;
mod settings;
mod train;
mod transformer;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Scoring allocates many small strings and vectors per sentence on every core; mimalloc's
/// per-thread pages serve them faster than glibc's arenas.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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

#[derive(Subcommand)]
enum Command {
    /// Batch-score files and folders; writes slant/1 JSONL (one line per article).
    Score(score_cmd::ScoreArgs),
    /// Framing report (HTML, Markdown or CSV): overview, most loaded sentences, every article highlighted.
    Report(report_cmd::ReportArgs),
    /// Outlets side by side: rates with intervals, word choice, the same story told differently.
    Compare(compare_cmd::CompareArgs),
    /// Score one passage and explain each flag in plain words.
    Explain(explain::ExplainArgs),
    /// Precision, recall and F1 of the flags against labelled sentences.
    Eval(eval::EvalArgs),
    /// Train the transformer backend's head on labelled sentences (feature `transformer`).
    Train(train::TrainArgs),
    /// Show the active lexicons or check a lexicon file.
    Lexicon(lexicon_cmd::LexiconArgs),
    /// List the rules with their codes and documentation.
    Rules(rules_cmd::RulesArgs),
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
    // Ctrl-C, SIGTERM and SIGHUP remove the temporary files of outputs being written.
    slant_report::output::remove_temp_files_on_signal();
    let result = match cli.command {
        Command::Score(args) => score_cmd::run(args),
        Command::Report(args) => report_cmd::run(args),
        Command::Compare(args) => compare_cmd::run(args),
        Command::Train(args) => train::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Lexicon(args) => lexicon_cmd::run(args),
        Command::Rules(args) => rules_cmd::run(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        // The reader went away (`slant ... | head`): it has what it wanted.
        Err(e) if output::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            output::note(&format!("slant: error: {e:#}"));
            ExitCode::from(2)
        }
    }
}
