//! `slant rules`: the rule catalogue with codes and one-line summaries, or the full reference.

use crate::output::Output;
use anyhow::Result;
use clap::Args;
use std::io::Write;

#[derive(Args)]
pub struct RulesArgs {
    /// Print the full reference as Markdown (docs/RULES.md).
    #[arg(long)]
    markdown: bool,
}

pub fn run(args: RulesArgs) -> Result<u8> {
    let mut out = Output::stdout();
    if args.markdown {
        write!(out, "{}", slant_score::rules::reference_markdown())?;
    } else {
        for r in slant_score::rules::all() {
            let i = r.info();
            writeln!(out, "{}  {:<24} {}", i.code, i.name, i.summary)?;
        }
    }
    out.commit()?;
    Ok(0)
}
