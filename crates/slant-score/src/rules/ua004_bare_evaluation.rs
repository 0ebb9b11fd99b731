//! ## What it flags
//! Evaluation stated as fact: a sentence in the outlet's own voice that cites nobody and
//! either asserts certainty ("clearly", "undeniably", "of course", the `booster` lexicon) or
//! judges with a strongly loaded word (weight 0.4 or more from the `intensifier`,
//! `emotional`, `exaggeration` or `label` lexicons), or with a strongly charged verb of
//! conduct (weight 0.6 or more from `charged_verb`: "bungled", "weaponized", "pandered",
//! "cozied up to"; verbs that report an attack in words, "slammed", "lashed out", are
//! left to the loaded score).
//!
//! ## Why it matters
//! Reporting says who judges; opinion judges. An evaluation with no source in a news story is
//! the outlet's opinion presented as a fact about the world.
//!
//! ## Example
//! "The plan is *clearly* a *catastrophe* for the city." (sourced: "The plan is a catastrophe
//! for the city, the mayor said.")
//!
//! ## Known false positives
//! Opinion columns and analysis pieces, where evaluation is the genre, and evaluations whose
//! source is in the neighbouring sentence. An opening "Indeed," only links the sentence to
//! the one before and is left alone.

use super::{hit_findings, weighed_hit_findings, Ctx, Finding};
use crate::lexicon::Category;

rule! {
    BareEvaluation, "UA004", "bare_evaluation", Unattributed("bare_evaluation"), "ua004_bare_evaluation.rs",
    "an evaluation stated as fact, with no one cited for it"
}

const EVALUATIVE: &[Category] = &[
    Category::Intensifier,
    Category::Emotional,
    Category::Exaggeration,
    Category::Label,
];

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    if !ctx.writer_claim() {
        return;
    }
    // "Indeed, the historian ... describes him as": an opening "Indeed" links the sentence to
    // the one before it and asserts nothing of its own (0 of 3 such flags were true).
    let boosters = ctx.writer_hits(&[Category::Booster]).filter(|h| {
        !(ctx.entries[h.entry].term == "indeed"
            && ctx.text()[ctx.sentence.span.start..h.span.start]
                .chars()
                .all(|c| !c.is_alphanumeric()))
    });
    hit_findings(ctx, &INFO, boosters, out);
    let hits = ctx.writer_hits(EVALUATIVE);
    weighed_hit_findings(ctx, &INFO, hits, |_, w| (w >= 0.4).then_some(w * 0.8), out);
    // A strongly charged verb of conduct ("bungled", "weaponized", "pandered", "squandered")
    // judges what someone did; a verb of attack in words ("slammed", "lashed out") reports
    // criticism someone voiced and is left to LL001.
    let verbs = ctx.writer_hits(&[Category::ChargedVerb]);
    weighed_hit_findings(
        ctx,
        &INFO,
        verbs,
        |hit, w| (w >= 0.6 && !voiced_attack(&ctx.entries[hit.entry].term)).then_some(w * 0.8),
        out,
    );
}

/// Charged verbs that report an attack, a boast or praise in words (who voiced it is the
/// sentence's subject: "slammed", "grilled by a Senate panel", "spent Tuesday disparaging
/// Sanders", "touted"), or that have become the usual name of a thing ("Russian meddling", "a
/// strong-arm robbery"): a statement that was made, left to the loaded score. UA004 reads the
/// strong ones (weight 0.6 or more), UA009 the milder ones.
pub(super) fn voiced_attack(term: &str) -> bool {
    is!(
        term,
        "brag"
            | "meddle"
            | "strong-arm"
            | "slam"
            | "blast"
            | "lash out"
            | "lambaste"
            | "excoriate"
            | "savage"
            | "rip into"
            | "tear into"
            | "bash"
            | "pummel"
            | "eviscerate"
            | "berate"
            | "pillory"
            | "taunt"
            | "trash-talk"
            | "badmouth"
            | "annihilate"
            | "obliterate"
            | "terrorize"
            | "rail against"
            | "mock"
            | "ridicule"
            | "deride"
            | "jeer"
            | "heckle"
            | "scold"
            | "chide"
            | "castigate"
            | "slander"
            | "disparage"
            | "denigrate"
            | "malign"
            | "demean"
            | "upbraid"
            | "lay into"
            | "swipe at"
            | "unload on"
            | "hit out"
            | "rounded on"
            | "rip"
            | "grill"
            | "skewer"
            | "trash"
            | "hammer"
            | "snap at"
            | "lampoon"
            | "crow about"
            | "boast"
            | "tout"
            | "rave"
            | "bellow"
            | "howl"
            | "yelp"
            | "snarl"
            | "growl"
            | "babble"
            | "fume"
            | "bristle"
            | "tongue-lashing"
            | "sermonize"
            | "moralize"
            | "snicker"
            | "pooh-pooh"
            | "lecturing"
    )
}

fixtures! {"UA004", r"
    The plan is clearly a catastrophe for the city. => clearly | catastrophe
    The plan is a catastrophe for the city, the mayor said. =>
    The plan passed on Tuesday. =>
    Indeed, the historian describes him as the great debater of his time. =>
    The plan has indeed failed the city. => indeed
    His Oscar speech was a rambling discourse on animal rights. => rambling
    Trump has shown a penchant for slapdash policies. => slapdash
    The agency bungled the rollout of the new rules. => bungled
    Democrats slammed the plan on Tuesday. =>
"}
