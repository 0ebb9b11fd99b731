//! ## What it flags
//! One-sided names from the `naming` lexicon, where competing names exist for one thing:
//! "Kiev" (versus "Kyiv"), "special military operation" (versus "invasion"), "death tax"
//! (versus "estate tax"), "illegal alien" (versus "undocumented immigrant"). Every term of a
//! naming set, neutral ones included, is counted in the article's `summary.naming`.
//!
//! ## Why it matters
//! The name chosen for a place, a policy or a group often signals whose account the outlet
//! adopts. An article that uses both spellings shows an inconsistency worth a look.
//!
//! ## Example
//! "Troops advanced on *Kiev*." (set Kiev/Kyiv; the current official spelling is Kyiv)
//!
//! ## Known false positives
//! Historical references ("Kiev in 1941"), fixed names ("Chicken Kiev"), and quoted speech.
//! Neutral terms in a set carry weight 0 and never raise a flag.

use super::{Ctx, Finding};
use crate::lexicon::Category;

rule! {
    OneSidedNaming, "LL007", "one_sided_naming", Loaded, "ll007_one_sided_naming.rs",
    "a one-sided name where a neutral one exists"
}

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    // A word that is also a label or loaded term ("regime") is scored once, by that rule;
    // it still counts in the article's naming summary.
    for hit in ctx.hits_in(&[Category::Naming]) {
        let covered = ctx.hits.iter().any(|h| {
            h.span.overlaps(hit.span)
                && h.category != Category::Naming
                && !h.category.is_source()
                && ctx.entries[h.entry].weight > 0.0
        });
        if !covered {
            let w = ctx.entries[hit.entry].weight;
            out.push(ctx.hit_finding(hit, &INFO, w));
        }
    }
}

fixtures! {"LL007", r"
    Troops advanced on Kiev. => Kiev
    Troops advanced on Kyiv. =>
    The bill would repeal the death tax. => death tax
"}
