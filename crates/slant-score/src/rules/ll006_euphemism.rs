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

rule! {
    Euphemism, "LL006", "euphemism", Loaded, "ll006_euphemism.rs",
    "a euphemism that softens what happened",
    lexicon: [Euphemism]
}

fixtures! {"LL006", r"
    The air strike caused collateral damage. => collateral damage
    The air strike killed four civilians. =>
"}
