//! What each evidence category, attribution kind and unattributed-claim reason looks like in a
//! report and means in plain words.
//!
//! One table, so the highlight in the article text, the legend, the chart and the Markdown
//! all agree. Highlights carry a colour *and* an underline style per category, so they can be
//! told apart without colour. Only the categories listed here get their own CSS class; a
//! category this table does not know (from a user's JSONL, say) is drawn as `other`, so no
//! input string ever reaches a class name or a style sheet.

/// Which score a category mostly feeds (decides the colour family).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Loaded,
    Unattributed,
}

/// How one evidence category is drawn and explained.
#[derive(Debug, Clone, Copy)]
pub struct CategoryStyle {
    /// The category as it appears in `slant/1` evidence.
    pub name: &'static str,
    /// Shown in legends and footnotes.
    pub label: &'static str,
    pub family: Family,
    /// Underline and chart colour.
    pub colour: &'static str,
    /// Highlight background.
    pub background: &'static str,
    /// CSS `text-decoration-style`.
    pub underline: &'static str,
    /// Fill in stacked charts: a ramp of warm tones for loaded language and cool tones for
    /// unattributed claims, so a bar reads as two families before it reads as categories.
    pub chart: &'static str,
}

const fn style(
    name: &'static str,
    label: &'static str,
    family: Family,
    colour: &'static str,
    background: &'static str,
    underline: &'static str,
    chart: &'static str,
) -> CategoryStyle {
    CategoryStyle {
        name,
        label,
        family,
        colour,
        background,
        underline,
        chart,
    }
}

use Family::{Loaded, Unattributed};

/// Every category slant's rules and lexicons produce, loaded-language ones first. The order is
/// the order of legends and stacked bars.
#[rustfmt::skip]
pub const CATEGORIES: &[CategoryStyle] = &[
    style("charged_verb", "charged verb", Loaded, "#c2410c", "#ffedd5", "solid", "#7a2a0c"),
    style("intensifier", "intensifier", Loaded, "#b91c1c", "#fee2e2", "double", "#933512"),
    style("emotional", "emotional word", Loaded, "#be185d", "#fce7f3", "wavy", "#ab431a"),
    style("exaggeration", "exaggeration", Loaded, "#a16207", "#fef3c7", "dashed", "#c05424"),
    style("label", "label / name-calling", Loaded, "#7f1d1d", "#fde2e2", "solid", "#d16a35"),
    style("euphemism", "euphemism", Loaded, "#7e22ce", "#f3e8ff", "dotted", "#dc8450"),
    style("reporting_verb", "loaded reporting verb", Loaded, "#9a3412", "#fff1e6", "dashed", "#e69f72"),
    style("scare_quotes", "scare quotes", Loaded, "#854d0e", "#fef9c3", "dotted", "#eebb98"),
    style("naming", "one-sided naming", Loaded, "#4d7c0f", "#ecfccb", "double", "#f5d6bf"),
    style("agentless_passive", "agentless passive", Unattributed, "#1d4ed8", "#dbeafe", "wavy", "#1b365d"),
    style("vague_source", "vague source", Unattributed, "#0369a1", "#e0f2fe", "dashed", "#22487a"),
    style("anonymous_source", "anonymous source", Unattributed, "#0e7490", "#cffafe", "dotted", "#2c5b96"),
    style("document_source", "document source", Unattributed, "#0f766e", "#ccfbf1", "dotted", "#3a6eaf"),
    style("unsourced_figure", "unsourced figure", Unattributed, "#1e40af", "#e0e7ff", "double", "#5083c0"),
    style("hedge", "hedge", Unattributed, "#475569", "#e2e8f0", "dotted", "#6d9acd"),
    style("booster", "booster", Unattributed, "#3730a3", "#e0e7ff", "solid", "#8fb2da"),
    style("bare_evaluation", "bare evaluation", Unattributed, "#1e3a8a", "#dbeafe", "solid", "#b2cae6"),
    style("attribution_cue", "attribution cue", Unattributed, "#334155", "#f1f5f9", "dotted", "#d4e1f1"),
];

/// The style for categories this table does not know.
pub const OTHER: CategoryStyle = style(
    "other", "other", Loaded, "#525252", "#f5f5f5", "dashed", "#9ca3af",
);

/// The style of a category (or [`OTHER`]).
pub fn category(name: &str) -> &'static CategoryStyle {
    CATEGORIES.iter().find(|c| c.name == name).unwrap_or(&OTHER)
}

/// A category's label, or the category itself when the table does not know it.
pub fn label(name: &str) -> &str {
    let c = category(name);
    if c.name == OTHER.name {
        name
    } else {
        c.label
    }
}

/// Position of a category in [`CATEGORIES`] (unknown ones last), for stable ordering.
pub fn category_rank(name: &str) -> usize {
    CATEGORIES
        .iter()
        .position(|c| c.name == name)
        .unwrap_or(CATEGORIES.len())
}

/// Attribution kinds in display order, with a label and a chart colour.
pub const ATTRIBUTION: &[(&str, &str, &str)] = &[
    ("named", "named source", "#3d7a5a"),
    ("document", "document", "#6f9f86"),
    ("anonymous", "anonymous source", "#d4a84f"),
    ("vague", "vague source", "#d0703f"),
    ("agentless_passive", "agentless passive", "#a23b3b"),
    ("none", "no attribution", "#d5dbe2"),
];

/// Label and colour of an attribution kind.
pub fn attribution(kind: &str) -> (&'static str, &'static str) {
    ATTRIBUTION
        .iter()
        .find(|a| a.0 == kind)
        .map(|a| (a.1, a.2))
        .unwrap_or(("other", "#a3a3a3"))
}

/// An unattributed-claim reason in plain words (from slant-score's table of reasons).
pub fn reason(code: &str) -> &str {
    slant_score::rules::reason_info(code).map_or(code, |r| r.phrase)
}

/// The plain-words reason for one piece of evidence: its own note, or its rule's summary.
pub fn evidence_reason(e: &slant_ingest::model::Evidence) -> String {
    if !e.note.trim().is_empty() {
        return e.note.trim().to_string();
    }
    slant_score::rules::by_code(&e.rule)
        .map(|r| r.summary.to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_has_a_distinct_look() {
        for (i, a) in CATEGORIES.iter().enumerate() {
            for b in &CATEGORIES[i + 1..] {
                assert_ne!(a.name, b.name);
                assert!(
                    (a.colour, a.underline) != (b.colour, b.underline),
                    "{} and {} look alike",
                    a.name,
                    b.name
                );
            }
            assert!(a.name.bytes().all(|c| c.is_ascii_lowercase() || c == b'_'));
        }
        assert_eq!(category("<script>").name, "other");
    }
}
