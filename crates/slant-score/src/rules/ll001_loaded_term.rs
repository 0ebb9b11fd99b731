//! ## What it flags
//! Charged verbs ("slammed", "lashed out"), judging intensifiers ("reckless", "draconian") and
//! emotion-laden words ("carnage", "outrage") from the `charged_verb`, `intensifier` and
//! `emotional` lexicons, in any inflection.
//!
//! ## Why it matters
//! These words tell the reader how to feel about what happened before the facts do. In the
//! outlet's own voice they are the outlet's judgement; inside a quotation they are the
//! speaker's, so they are reported but weigh far less in the sentence's score.
//!
//! ## Example
//! "The mayor *slammed* the *reckless* plan." (neutral: "The mayor criticised the plan.")
//!
//! ## Known false positives
//! Literal uses ("the storm *slammed* into the coast", "a *brutal* winter") and words whose
//! charge depends on the topic. Entries carry weights so that mild words need company to flag
//! a sentence.

use super::{lexicon_findings, Ctx, Finding, Rule, RuleInfo, Task};
use crate::lexicon::Category;

pub struct LoadedTerm;

static INFO: RuleInfo = RuleInfo {
    code: "LL001",
    name: "loaded_term",
    task: Task::Loaded,
    summary: "charged, judging or emotional wording",
    source: include_str!("ll001_loaded_term.rs"),
};

impl Rule for LoadedTerm {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }
    fn check(&self, ctx: &Ctx, out: &mut Vec<Finding>) {
        lexicon_findings(
            ctx,
            &INFO,
            &[
                Category::ChargedVerb,
                Category::Intensifier,
                Category::Emotional,
            ],
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
            "LL001",
            &[
                (
                    "The mayor slammed the reckless plan.",
                    &["slammed", "reckless"],
                ),
                ("Critics lashed out at the council.", &["lashed out"]),
                ("The council approved the plan on Tuesday.", &[]),
                ("The vote ended in chaos.", &["chaos"]),
            ],
        );
    }
}
