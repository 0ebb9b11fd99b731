//! ## What it flags
//! A motive, intention or feeling ascribed to someone who is not quoted saying so: purpose
//! phrases ("in a bid to", "in an effort to", "in hopes of"), political motives given as the
//! purpose of an act ("to curry favor", "to distract from", "to win the president's favor"),
//! and verbs and adjectives of wanting, trying, hoping and fearing with a third-person subject
//! ("Trying to claw his way back to the top", "Trump wants another enemy", "They're hoping to
//! get 60 signatures", "he is unwilling to", "was looking forward to").
//!
//! ## Why it matters
//! Nobody can see into another person's head. Stating why someone acted, or what they want
//! or fear, as fact turns the writer's interpretation into reporting; a source who knows (the
//! person, an aide, a document) makes it checkable.
//!
//! ## Example
//! "*Trying to* claw his way back to the top of the field, the senator attacked his rivals."
//! (sourced: "..., the senator said he was trying to ...")
//!
//! ## Known false positives
//! Motives the person has stated publicly elsewhere in the article, stated purposes of a
//! law or programme ("a plan aimed at ..." is not flagged), and the first person ("we are
//! trying to"), which is left to quotations.

use super::words::{is_be, is_first_person, next_to, seq, span, word};
use super::Flag;
use crate::text::Token;
use slant_ingest::Span;

rule! {
    AscribedMotive, "UA007", "ascribed_motive", Unattributed("ascribed_motive"), "ua007_ascribed_motive.rs",
    "a motive, intention or feeling ascribed without a source",
    writer_pattern: find, Flag { category: "motive", entry: "ascribed motive",
        note: "says what someone wants, intends or feels: who says so? Ask them or cite them" }
}

/// Purpose phrases that state why someone acted.
const PURPOSE: &[&[&str]] = &[
    &["in", "a", "bid", "to"],
    &["in", "a", "bid", "for"],
    &["in", "an", "effort", "to"],
    &["in", "an", "attempt", "to"],
    &["in", "an", "apparent", "effort", "to"],
    &["in", "an", "apparent", "attempt", "to"],
    &["in", "an", "apparent", "bid", "to"],
    &["in", "hopes", "of"],
    &["in", "the", "hope", "of"],
    &["in", "the", "hopes", "of"],
    &["in", "hopes", "that"],
    &["in", "the", "hope", "that"],
    &["with", "an", "eye", "toward"],
    &["with", "an", "eye", "to"],
    &["with", "an", "eye", "on"],
    &["looked", "for", "ways", "to"],
    &["looking", "for", "ways", "to"],
    &["looking", "forward", "to"],
    &["looked", "forward", "to"],
];

/// Verbs that, as the purpose of an act ("to curry favor"), name a political motive.
fn is_motive_purpose(w: &str, next: &str) -> bool {
    matches!(
        w,
        "curry" | "appease" | "placate" | "mollify" | "distract" | "deflect" | "burnish" | "woo"
    ) || (matches!(w, "win" | "gain" | "earn" | "curry")
        && matches!(next, "favor" | "favour" | "points" | "praise" | "the"))
        || (w == "shore" && next == "up")
        || (w == "score" && next == "political")
        || (w == "save" && next == "face")
}

/// Words of intent and feeling that take "to" ("trying to", "eager to", "hoping to").
fn is_intent(w: &str) -> bool {
    matches!(
        w,
        "trying"
            | "seeking"
            | "seeks"
            | "sought"
            | "hoping"
            | "hopes"
            | "hoped"
            | "wants"
            | "wanted"
            | "wanting"
            | "intends"
            | "intended"
            | "aims"
            | "aiming"
            | "eager"
            | "anxious"
            | "desperate"
            | "determined"
            | "keen"
            | "itching"
            | "scrambling"
            | "racing"
            | "rushing"
            | "angling"
            | "spoiling"
            | "unwilling"
            | "reluctant"
            | "loath"
            | "loathe"
    )
}

/// Verbs of inner state with a "that" clause or object ("fears that", "knows that").
fn is_inner_state(w: &str) -> bool {
    matches!(
        w,
        "fears"
            | "feared"
            | "fearing"
            | "worries"
            | "worried"
            | "knows"
            | "knew"
            | "realizes"
            | "realized"
            | "realises"
            | "realised"
            | "suspects"
            | "suspected"
            | "resents"
            | "resented"
            | "relishes"
            | "relished"
            | "craves"
            | "craved"
            | "covets"
            | "coveted"
    )
}

fn find(text: &str, toks: &[&Token]) -> Option<(Span, f64)> {
    for i in 0..toks.len() {
        let w = toks[i].lower.as_str();
        if matches!(w, "in" | "with" | "looked" | "looking") {
            let second = word(toks, i + 1);
            for p in PURPOSE.iter().filter(|p| p[0] == w && p[1] == second) {
                if seq(text, toks, i, p) {
                    return Some((span(toks, i, i + p.len() - 1), 0.5));
                }
            }
        }
        // "to curry favor", "to win the president's favor", "to distract from"
        if w == "to" && i + 1 < toks.len() && next_to(text, toks[i], toks[i + 1]) {
            let v = word(toks, i + 1);
            let after = word(toks, i + 2);
            if is_motive_purpose(v, after) {
                let favour = toks[i + 1..]
                    .iter()
                    .take(5)
                    .position(|t| matches!(t.lower.as_str(), "favor" | "favour"));
                let end = match (v, favour) {
                    ("win" | "gain" | "earn", Some(k)) => i + 1 + k,
                    ("win" | "gain" | "earn", None) => continue,
                    _ => i + 1,
                };
                return Some((span(toks, i, end), 0.5));
            }
        }
        let intent = is_intent(w);
        if !intent && !is_inner_state(w) {
            continue;
        }
        // Subject in the first person: the speaker's own intent, usually an unmarked quote.
        let subject_first = i > 0 && is_first_person(word(toks, i - 1))
            || (i > 1 && is_be(word(toks, i - 1)) && is_first_person(word(toks, i - 2)));
        if subject_first {
            continue;
        }
        // "Trying to claw", "eager to", "wants another enemy"; not in a condition ("if she
        // wants to defend her title").
        let conditional = toks[i.saturating_sub(3)..i]
            .iter()
            .any(|t| matches!(t.lower.as_str(), "if" | "unless" | "whether"));
        // "involved in trying to": a gerund after a preposition names an activity.
        let after_preposition = i > 0
            && matches!(
                word(toks, i - 1),
                "in" | "of" | "for" | "by" | "about" | "from" | "at" | "on" | "without"
            );
        if intent && !conditional && !after_preposition {
            let next = word(toks, i + 1);
            let takes_to = next == "to" || (matches!(w, "angling" | "spoiling") && next == "for");
            let wants_object = matches!(w, "wants" | "wanted")
                && matches!(
                    next,
                    "another" | "a" | "an" | "more" | "his" | "her" | "their"
                );
            if !(takes_to || wants_object) || !next_to(text, toks[i], toks[i + 1]) {
                continue;
            }
            // "as intended", "the intended target": an adjective, not a motive; "the law is
            // intended to": a text's stated purpose.
            if w == "intended" && i > 0 && !matches!(word(toks, i - 1), "he" | "she" | "they") {
                continue;
            }
            let weight = if matches!(w, "trying" | "wants" | "wanted" | "hoping" | "eager") {
                0.45
            } else {
                0.4
            };
            return Some((span(toks, i, i + 1), weight));
        }
        if is_inner_state(w)
            && matches!(word(toks, i + 1), "that" | "the" | "a" | "an")
            && next_to(text, toks[i], toks[i + 1])
        {
            // "the worried look", "despite fears that": a noun or adjective, not a verb.
            if i > 0
                && matches!(
                    word(toks, i - 1),
                    "the" | "a" | "an" | "despite" | "amid" | "of"
                )
            {
                continue;
            }
            return Some((span(toks, i, i + 1), 0.4));
        }
    }
    None
}
fixtures! {"UA007", r"
    Trying to claw his way back to the top of the field, the senator attacked. => Trying to
    The governor cut taxes in a bid to distract from the scandal. => in a bid to
    Allies are piling on to win the president's favor. => to win the president's favor
    President Trump wants another enemy to fight. => wants another
    They're hoping to get 60 signatures. => hoping to
    // Said by the person, or the first person: not ascribed.
    Trump said he wants another term. =>
    We are trying to fix the roads. =>
    The plan is aimed at cutting costs. =>
"}
