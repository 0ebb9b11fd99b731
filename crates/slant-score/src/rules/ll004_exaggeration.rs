//! ## What it flags
//! Absolutes, superlatives and hyperbole from the `exaggeration` lexicon: "unprecedented",
//! "catastrophic", "never before", "skyrocketing"; and certainty boosters from the `booster`
//! lexicon ("clearly", "undeniably", "make no mistake"), which overstate how settled a claim is.
//!
//! ## Why it matters
//! Exaggeration inflates the stakes of a story beyond what its facts show, and absolutes
//! ("everyone knows", "nothing was done") leave no room for the other side.
//!
//! ## Example
//! "The *unprecedented* strike caused *catastrophic* losses."
//!
//! ## Known false positives
//! Superlatives that are literal records ("the highest rate since 1990" when sourced), and
//! technical senses ("catastrophic failure" in engineering).

use super::{lexicon_findings, Ctx, Finding, Rule, RuleInfo, Task};
use crate::lexicon::Category;

pub struct Exaggeration;

static INFO: RuleInfo = RuleInfo {
    code: "LL004",
    name: "exaggeration",
    task: Task::Loaded,
    summary: "exaggeration, absolutes or hyperbole",
    source: include_str!("ll004_exaggeration.rs"),
};

impl Rule for Exaggeration {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }
    fn check(&self, ctx: &Ctx, out: &mut Vec<Finding>) {
        lexicon_findings(
            ctx,
            &INFO,
            &[Category::Exaggeration, Category::Booster],
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::check;

    #[test]
    fn fixtures() {
        check(
            "LL004",
            &[
                (
                    "The unprecedented strike caused catastrophic losses.",
                    &["unprecedented", "catastrophic"],
                ),
                ("The strike lasted three days.", &[]),
            ],
        );
    }
}
