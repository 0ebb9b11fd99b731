//! ## What it flags
//! Reporting verbs that judge the speaker or the truth of what they said: "claimed",
//! "insisted", "admitted", "conceded", "alleged", "boasted" (the `reporting_verb` lexicon).
//!
//! ## Why it matters
//! "Said" reports; "claimed" casts doubt, "admitted" implies guilt, "insisted" implies the
//! speaker is resisting the facts. Choosing the verb is choosing a frame for the quote.
//!
//! ## Example
//! "The minister *claimed* the budget was balanced." (neutral: "said")
//!
//! ## Known false positives
//! Non-reporting senses: "the fire *claimed* three lives", "she was *admitted* to hospital".
//! Legal usage where "alleged" is the correct neutral term.

use super::{lexicon_findings, Ctx, Finding, Rule, RuleInfo, Task};
use crate::lexicon::Category;

pub struct LoadedReportingVerb;

static INFO: RuleInfo = RuleInfo {
    code: "LL003",
    name: "loaded_reporting_verb",
    task: Task::Loaded,
    summary:
        "a reporting verb that judges the speaker (\"claimed\", \"admitted\") instead of \"said\"",
    source: include_str!("ll003_loaded_reporting_verb.rs"),
};

impl Rule for LoadedReportingVerb {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }
    fn check(&self, ctx: &Ctx, out: &mut Vec<Finding>) {
        lexicon_findings(ctx, &INFO, &[Category::ReportingVerb], out);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::check;

    #[test]
    fn fixtures() {
        check(
            "LL003",
            &[
                (
                    "The minister claimed the budget was balanced.",
                    &["claimed"],
                ),
                (
                    "The Kremlin has insisted that any deal must include Crimea.",
                    &["insisted"],
                ),
                ("The minister said the budget was balanced.", &[]),
            ],
        );
    }
}
