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

rule! {
    Exaggeration, "LL004", "exaggeration", Loaded, "ll004_exaggeration.rs",
    "exaggeration, absolutes or hyperbole",
    lexicon: [Exaggeration, Booster]
}

fixtures! {"LL004", r"
    The unprecedented strike caused catastrophic losses. => unprecedented | catastrophic
    The strike lasted three days. =>
"}
