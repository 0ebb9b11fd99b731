//! ## What it flags
//! Evaluation stated as fact: a sentence in the outlet's own voice that cites nobody and
//! either asserts certainty ("clearly", "undeniably", "of course", the `booster` lexicon) or
//! judges with a strongly loaded word (weight 0.4 or more from the `intensifier`,
//! `emotional`, `exaggeration` or `label` lexicons).
//!
//! ## Why it matters
//! Reporting says who judges; opinion judges. An evaluation with no source in a news story is
//! the outlet's opinion presented as a fact about the world.
//!
//! ## Example
//! "The plan is *clearly* a *catastrophe* for the city." (sourced: "The plan is a catastrophe
//! for the city, the mayor said.")
//!
//! ## Known false positives
//! Opinion columns and analysis pieces, where evaluation is the genre, and evaluations whose
//! source is in the neighbouring sentence.

use super::{Ctx, Finding, Rule, RuleInfo, Task};
use crate::lexicon::Category;

pub struct BareEvaluation;

static INFO: RuleInfo = RuleInfo {
    code: "UA004",
    name: "bare_evaluation",
    task: Task::Unattributed,
    summary: "an evaluation stated as fact, with no one cited for it",
    source: include_str!("ua004_bare_evaluation.rs"),
};

const EVALUATIVE: &[Category] = &[
    Category::Intensifier,
    Category::Emotional,
    Category::Exaggeration,
    Category::Label,
];

impl Rule for BareEvaluation {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }
    fn check(&self, ctx: &Ctx, out: &mut Vec<Finding>) {
        if !ctx.writer_claim() {
            return;
        }
        for hit in ctx.writer_hits(&[Category::Booster]) {
            let w = ctx.entries[hit.entry].weight;
            out.push(Finding {
                evidence: ctx.hit_evidence(hit, &INFO, w),
                reason: Some("bare_evaluation"),
            });
        }
        for hit in ctx.writer_hits(EVALUATIVE) {
            let w = ctx.entries[hit.entry].weight;
            if w >= 0.4 {
                out.push(Finding {
                    evidence: ctx.hit_evidence(hit, &INFO, w * 0.8),
                    reason: Some("bare_evaluation"),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::check;

    #[test]
    fn fixtures() {
        check(
            "UA004",
            &[
                (
                    "The plan is clearly a catastrophe for the city.",
                    &["clearly", "catastrophe"],
                ),
                (
                    "The plan is a catastrophe for the city, the mayor said.",
                    &[],
                ),
                ("The plan passed on Tuesday.", &[]),
            ],
        );
    }
}
