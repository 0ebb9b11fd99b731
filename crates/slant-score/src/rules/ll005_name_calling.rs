//! ## What it flags
//! Labels and name-calling from the `label` lexicon: "regime", "thugs", "extremists",
//! "puppet", "warmonger".
//!
//! ## Why it matters
//! A label replaces a description with a verdict. Calling a government a "regime" or
//! protesters a "mob" decides for the reader who is legitimate.
//!
//! ## Example
//! "The *regime* sent *thugs* to break up the march." (neutral: "the government sent police")
//!
//! ## Known false positives
//! Established technical uses ("sanctions regime", "treatment regime") and labels a group
//! uses of itself. Quoted labels are the speaker's and weigh less.

use super::{lexicon_findings, Ctx, Finding, Rule, RuleInfo, Task};
use crate::lexicon::Category;

pub struct NameCalling;

static INFO: RuleInfo = RuleInfo {
    code: "LL005",
    name: "name_calling",
    task: Task::Loaded,
    summary: "a label or name-calling instead of a description",
    source: include_str!("ll005_name_calling.rs"),
};

impl Rule for NameCalling {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }
    fn check(&self, ctx: &Ctx, out: &mut Vec<Finding>) {
        lexicon_findings(ctx, &INFO, &[Category::Label], out);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::check;

    #[test]
    fn fixtures() {
        check(
            "LL005",
            &[
                (
                    "The regime sent thugs to break up the march.",
                    &["regime", "thugs"],
                ),
                ("The government sent police to the march.", &[]),
            ],
        );
    }
}
