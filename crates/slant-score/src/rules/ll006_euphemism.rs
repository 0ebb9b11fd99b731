//! ## What it flags
//! Euphemisms from the `euphemism` lexicon: "collateral damage", "neutralised",
//! "enhanced interrogation", "let go".
//!
//! ## Why it matters
//! A euphemism is loaded in the other direction: it softens what happened so that the reader
//! feels less than the facts warrant. Naming it lets a reader ask what the plain word would be.
//!
//! ## Example
//! "The strike caused *collateral damage*." (plain: "the strike killed civilians")
//!
//! ## Known false positives
//! Phrases that are the accepted technical term in a specialised story, and ordinary senses
//! ("she was *let go* early to catch her train").

use super::{lexicon_findings, Ctx, Finding, Rule, RuleInfo, Task};
use crate::lexicon::Category;

pub struct Euphemism;

static INFO: RuleInfo = RuleInfo {
    code: "LL006",
    name: "euphemism",
    task: Task::Loaded,
    summary: "a euphemism that softens what happened",
    source: include_str!("ll006_euphemism.rs"),
};

impl Rule for Euphemism {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }
    fn check(&self, ctx: &Ctx, out: &mut Vec<Finding>) {
        lexicon_findings(ctx, &INFO, &[Category::Euphemism], out);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::check;

    #[test]
    fn fixtures() {
        check(
            "LL006",
            &[
                (
                    "The air strike caused collateral damage.",
                    &["collateral damage"],
                ),
                ("The air strike killed four civilians.", &[]),
            ],
        );
    }
}
