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

rule! {
    NameCalling, "LL005", "name_calling", Loaded, "ll005_name_calling.rs",
    "a label or name-calling instead of a description",
    lexicon: [Label]
}

fixtures! {"LL005", r"
    The regime sent thugs to break up the march. => regime | thugs
    The government sent police to the march. =>
"}
