//! `slant lexicon list|check`.

use crate::args::Common;
use crate::output::Output;
use crate::settings::build_scorer;
use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use slant_score::{Category, Lexicon};
use std::io::Write;
use std::path::PathBuf;

#[derive(Args)]
pub struct LexiconArgs {
    #[command(subcommand)]
    action: LexiconAction,
    #[command(flatten)]
    common: Common,
}

#[derive(Subcommand)]
pub enum LexiconAction {
    /// Show the active lexicons (built-in plus --lexicon files) with entry counts.
    List {
        /// Also print every entry of this category (or `all`).
        #[arg(long)]
        entries: Option<String>,
    },
    /// Validate a lexicon file and report each bad entry with its line.
    Check { file: PathBuf },
}

pub fn run(args: LexiconArgs) -> Result<u8> {
    let mut out = Output::stdout();
    let code = list_or_check(&mut out, args.action, &args.common)?;
    out.commit()?;
    Ok(code)
}

fn list_or_check(out: &mut Output, action: LexiconAction, common: &Common) -> Result<u8> {
    match action {
        LexiconAction::List { entries } => {
            let scorer = build_scorer(common)?;
            let lex = scorer.lexicon();
            writeln!(
                out,
                "{:<22} {:<12} {:>7}  description",
                "lexicon", "version", "entries"
            )?;
            for f in &lex.files {
                writeln!(
                    out,
                    "{:<22} {:<12} {:>7}  {}",
                    f.name, f.version, f.entries, f.description
                )?;
            }
            writeln!(out)?;
            writeln!(out, "{:<22} {:>7}", "category", "entries")?;
            for (c, n) in lex.count_by_category() {
                writeln!(out, "{:<22} {:>7}", c.as_str(), n)?;
            }
            writeln!(out, "{:<22} {:>7}", "total", lex.entries.len())?;
            if let Some(which) = entries {
                let filter = if which == "all" {
                    None
                } else {
                    Some(
                        Category::from_name(&which)
                            .with_context(|| format!("unknown category `{which}`"))?,
                    )
                };
                writeln!(out)?;
                for e in lex
                    .entries
                    .iter()
                    .filter(|e| filter.map(|c| c == e.category).unwrap_or(true))
                {
                    let set = e
                        .set
                        .as_deref()
                        .map(|s| format!(" [{s}]"))
                        .unwrap_or_default();
                    writeln!(
                        out,
                        "{:<32} {:<16} {:.2}{}  {}",
                        e.term,
                        e.category.as_str(),
                        e.weight,
                        set,
                        e.note
                    )?;
                }
            }
            Ok(0)
        }
        LexiconAction::Check { file } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            match Lexicon::parse(&file.display().to_string(), &text) {
                Ok(lex) => {
                    writeln!(out, "{}: ok, {} entries", file.display(), lex.entries.len())?;
                    Ok(0)
                }
                Err(errs) => {
                    for e in &errs {
                        writeln!(out, "{e}")?;
                    }
                    writeln!(out, "{}: {} problem(s)", file.display(), errs.len())?;
                    Ok(1)
                }
            }
        }
    }
}
