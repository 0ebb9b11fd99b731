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
//! Nouns ("the claims", "Russia's denial") are skipped when a determiner or possessive comes
//! first.
//! Legal usage where "alleged" is the correct neutral term.

use super::{Ctx, Finding};
use crate::lexicon::Category;
use crate::text::WordList;

/// Words before a noun: after them "claims" or "denial" is a thing, not a speech act.
const NOUN_MARKERS: WordList = word_list![
    "the",
    "a",
    "an",
    "his",
    "her",
    "their",
    "its",
    "our",
    "your",
    "my",
    "these",
    "those",
    "this",
    "that",
    "such",
    "any",
    "no",
    "whose",
    "of",
    "false",
    "new",
    "similar",
    "unfounded",
];

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for hit in ctx.hits_in(&[Category::ReportingVerb]) {
        // "the claims", "his admission", "Russia's denial": a noun, not a reporting verb.
        let prev = ctx
            .tokens
            .iter()
            .rev()
            .find(|t| t.span.end <= hit.span.start);
        let noun = prev.is_some_and(|t| {
            NOUN_MARKERS.contains(t.lower.w())
                || t.lower.ends_with("'s")
                || t.lower.ends_with("\u{2019}s")
        });
        // A capitalised form inside a sentence is a headline noun ("Claims in Court").
        let capital =
            prev.is_some() && ctx.text()[hit.span.start..].starts_with(char::is_uppercase);
        if !noun && !capital {
            let w = ctx.entries[hit.entry].weight;
            out.push(ctx.hit_finding(hit, &INFO, w));
        }
    }
}

rule! {
    LoadedReportingVerb, "LL003", "loaded_reporting_verb", Loaded, "ll003_loaded_reporting_verb.rs",
    "a reporting verb that judges the speaker (\"claimed\", \"admitted\") instead of \"said\""
}

fixtures! {"LL003", r"
    The minister claimed the budget was balanced. => claimed
    The Kremlin has insisted that any deal must include Crimea. => insisted
    The minister said the budget was balanced. =>
    The claims are intriguing. =>
    Russia's denial came late. =>
"}
