//! ## What it flags
//! Vague sources from the `vague_source` lexicon in the outlet's own words: "critics say",
//! "some analysts", "many observers", "experts believe", "it is widely believed".
//!
//! ## Why it matters
//! A vague source borrows authority without giving the reader anyone to check. It lets an
//! outlet state its own view as if others held it ("weasel words").
//!
//! ## Example
//! "The shift is a compromise, *some analysts* say." (sourced: "said Jane Roe, an analyst
//! at the Institute for ...")
//!
//! ## Known false positives
//! A vague source followed by a named one in the same or the next sentence ("Critics, among
//! them Senator X, ..."), and summaries of a poll that the article cites elsewhere.

use super::{Ctx, Finding, Rule, RuleInfo, Task};
use crate::lexicon::Category;
use slant_ingest::Voice;

pub struct VagueSource;

static INFO: RuleInfo = RuleInfo {
    code: "UA001",
    name: "vague_source",
    task: Task::Unattributed,
    summary: "a source too vague to check (\"critics say\", \"some analysts\")",
    source: include_str!("ua001_vague_source.rs"),
};

impl Rule for VagueSource {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }
    fn check(&self, ctx: &Ctx, out: &mut Vec<Finding>) {
        if ctx.sentence.voice == Voice::Quoted {
            return;
        }
        for hit in ctx.author_hits(&[Category::VagueSource]) {
            let w = ctx.entries[hit.entry].weight;
            out.push(Finding {
                evidence: ctx.hit_evidence(hit, &INFO, w),
                reason: Some("vague_source"),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::check;

    #[test]
    fn fixtures() {
        check(
            "UA001",
            &[
                (
                    "The shift is a compromise, some analysts say.",
                    &["some analysts"],
                ),
                ("The plan will fail, critics say.", &["critics say"]),
                (
                    "The plan will fail, said Jane Roe, an economist at the university.",
                    &[],
                ),
            ],
        );
    }
}
