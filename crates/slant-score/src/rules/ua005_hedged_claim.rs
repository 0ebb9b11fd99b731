//! ## What it flags
//! Hedged claims in the outlet's own voice that cite nobody: "reportedly", "allegedly",
//! "is said to", "apparently" (the `hedge` lexicon).
//!
//! ## Why it matters
//! A hedge lets an outlet pass on a claim without standing behind it or saying who made it;
//! "reportedly" begs the question: reported by whom?
//!
//! ## Example
//! "The minister *reportedly* met the contractor twice." (sourced: "..., according to
//! meeting records seen by the paper")
//!
//! ## Known false positives
//! Hedges that properly mark uncertainty about a sourced claim made in the previous sentence,
//! and legal "allegedly" for charges not yet tried.

use super::{Ctx, Finding, Rule, RuleInfo, Task};
use crate::lexicon::Category;

pub struct HedgedClaim;

static INFO: RuleInfo = RuleInfo {
    code: "UA005",
    name: "hedged_claim",
    task: Task::Unattributed,
    summary: "a hedged claim (\"reportedly\", \"allegedly\") with no source",
    source: include_str!("ua005_hedged_claim.rs"),
};

impl Rule for HedgedClaim {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }
    fn check(&self, ctx: &Ctx, out: &mut Vec<Finding>) {
        if !ctx.writer_claim() {
            return;
        }
        for hit in ctx.writer_hits(&[Category::Hedge]) {
            let w = ctx.entries[hit.entry].weight;
            out.push(Finding {
                evidence: ctx.hit_evidence(hit, &INFO, w),
                reason: Some("hedged_claim"),
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
            "UA005",
            &[
                (
                    "The minister reportedly met the contractor twice.",
                    &["reportedly"],
                ),
                ("The minister met the contractor twice, records show.", &[]),
            ],
        );
    }
}
