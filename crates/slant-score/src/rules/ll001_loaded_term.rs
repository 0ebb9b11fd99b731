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

rule! {
    LoadedTerm, "LL001", "loaded_term", Loaded, "ll001_loaded_term.rs",
    "charged, judging or emotional wording",
    lexicon: [ChargedVerb, Intensifier, Emotional]
}

fixtures! {"LL001", r"
    The mayor slammed the reckless plan. => slammed | reckless
    Critics lashed out at the council. => lashed out
    The council approved the plan on Tuesday. =>
    The vote ended in chaos. => chaos
    His speech was a rambling discourse on animal rights. => rambling
"}
