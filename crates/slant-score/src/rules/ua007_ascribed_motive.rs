//! ## What it flags
//! A motive, intention or feeling ascribed to someone who is not quoted saying so: purpose
//! phrases ("in a bid to", "in an effort to", "in hopes of", "out of concern that", "because
//! she assumed"), political motives given as the purpose of an act ("to curry favor", "to
//! distract from", "to win the president's favor",
//! "to court evangelical voters", "to reassure investors"), the design the writer reads into
//! an act ("a move designed to", "a gesture meant to", "intentionally included"),
//! and verbs and adjectives of wanting, trying, hoping and fearing with a third-person subject
//! ("Trying to claw his way back to the top", "Trump wants another enemy", "They're hoping to
//! get 60 signatures", "he is unwilling to", "was looking forward to", "is eyeing a run",
//! "is banking on a strong turnout", "is betting that voters will",
//! "jockeying for", "is looking to expand"); a feeling stated as a
//! person's state ("Trump was furious", "the governor is increasingly frustrated", "she has
//! grown wary"), with a named person, a pronoun or an office as subject (a whole group is
//! UA008's); and a feeling that opens the sentence as the cause of an act ("Stung by the
//! criticism, the senator ...", "Frustrated with the delays, ..."); and a view ascribed to a
//! person ("Trump sees the wall as a winning issue").
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
//! trying to"), which is left to quotations; a sentence in which someone speaks as "we" or "us"
//! outside quotation marks ("they're trying to get us to ...") is an unmarked quotation and is
//! left alone too.

use super::words::{
    is_be, is_first_person, is_group_noun, next_to, seq, span, word, FEELING_ADJECTIVES,
};
use super::Flag;
use crate::text::{Buckets, Token, W};
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
    &["out", "of", "concern", "that"],
    &["out", "of", "concern", "for"],
    &["out", "of", "fear", "that"],
    &["out", "of", "fear", "of"],
    &["because", "he", "assumed"],
    &["because", "she", "assumed"],
    &["because", "they", "assumed"],
    &["because", "he", "feared"],
    &["because", "she", "feared"],
    &["because", "they", "feared"],
];

/// Verbs that, as the purpose of an act ("to curry favor"), name a political motive.
fn is_motive_purpose(w: W, next: W) -> bool {
    is!(
        w,
        "curry" | "appease" | "placate" | "mollify" | "distract" | "deflect" | "burnish" | "woo"
    ) || (is!(w, "win" | "gain" | "earn" | "curry")
        && is!(next, "favor" | "favour" | "points" | "praise" | "the"))
        || (w == "shore" && next == "up")
        || (w == "score" && next == "political")
        || (w == "save" && next == "face")
        || (is!(w, "court" | "rally" | "reassure" | "energize" | "galvanize")
            && (is_group_noun(next) || is!(next, "evangelical" | "suburban" | "swing")))
}

word_set! {
    /// Nouns for an act whose stated design ("a move designed to", "a tactic meant to") is the
    /// writer's reading of why it was done.
    fn is_act_noun / ACT_NOUNS =
        "move"
            | "effort"
            | "attempt"
            | "ploy"
            | "gambit"
            | "tactic"
            | "gesture"
            | "maneuver"
            | "manoeuvre"
            | "stunt"
            | "bid";
}

word_set! {
    /// Words of intent and feeling that take "to" ("trying to", "eager to", "hoping to").
    fn is_intent / INTENT =
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
            | "jockeying"
            | "maneuvering"
            | "manoeuvring"
            | "clamoring"
            | "clamouring"
            | "eyeing"
            | "looking"
            | "banking"
            | "betting"
            | "counting"
            | "gambling";
}

word_set! {
    /// Verbs of inner state with a "that" clause or object ("fears that", "knows that").
    fn is_inner_state / INNER_STATES =
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
            | "coveted";
}

/// Adjectives and participles of feeling that, said of a person, state their inner state.
fn is_feeling(w: W) -> bool {
    super::words::is_feeling_adjective(w) || is_feeling_only(w)
}

word_set! {
    /// Participles of feeling that are not [`super::words::is_feeling_adjective`]'s.
    fn is_feeling_only / FEELINGS_ONLY =
            "annoyed"
                | "irritated"
                | "rattled"
                | "shaken"
                | "stung"
                | "chastened"
                | "buoyed"
                | "obsessed"
                | "fixated";
}

/// Feelings that open a sentence as the cause of what follows ("Stung by the criticism, ...").
fn is_opening_feeling(w: W) -> bool {
    is_feeling(w) || is_opening_only(w)
}

word_set! {
    /// Words of feeling that open a sentence ("Angered by ...") but are not [`is_feeling`]'s.
    fn is_opening_only / OPENING_ONLY = "angered" | "encouraged" | "spooked" | "frightened" | "eager";
}

/// A subject a feeling can be ascribed to in the writer's voice: a pronoun, a capitalised name
/// or an office ("the president"). First-person subjects are the speaker's own.
fn is_person_subject(tok: &Token) -> bool {
    let w = tok.lower.w();
    is!(w, "he" | "she" | "they")
        || is!(
            w,
            "president"
                | "senator"
                | "governor"
                | "mayor"
                | "speaker"
                | "leader"
                | "candidate"
                | "nominee"
                | "chairman"
                | "chairwoman"
                | "secretary"
                | "minister"
                | "administration"
                | "lawmaker"
                | "congressman"
                | "congresswoman"
                | "justice"
                | "judge"
                | "campaign"
        )
        || (tok.capitalised
            && !is_group_noun(w)
            && !is!(
                w,
                "many"
                    | "some"
                    | "most"
                    | "few"
                    | "all"
                    | "both"
                    | "others"
                    | "people"
                    | "those"
                    | "these"
                    | "stocks"
                    | "markets"
                    | "shares"
                    | "prices"
            )
            && !is!(
                w,
                "it" | "this"
                    | "that"
                    | "there"
                    | "the"
                    | "a"
                    | "an"
                    | "but"
                    | "and"
                    | "so"
                    | "which"
                    | "what"
                    | "who"
            ))
}

/// A feeling stated of a person: "Trump was furious", "she has grown wary"; or opening the
/// sentence: "Stung by the criticism, ...". The span and weight.
fn feeling(text: &str, toks: &[&Token], i: usize) -> Option<(Span, f64)> {
    let w = toks[i].lower.w();
    // "Stung by the criticism, the senator ...": the first word of the writer's claim.
    if i == 0
        && is_opening_feeling(w)
        && is!(
            word(toks, 1),
            "by" | "with" | "about" | "at" | "over" | "that" | "to" | "for"
        )
        && toks.len() > 1
        && next_to(text, toks[0], toks[1])
        && text[toks[1].span.end..].contains(',')
    {
        return Some((span(toks, 0, 1), 0.4));
    }
    if !is_feeling(w) {
        return None;
    }
    // Back over adverbs ("increasingly", "visibly") to a form of "be", "grow" or "become".
    let mut k = i;
    while k > 0
        && (super::words::is_aux_adverb(word(toks, k - 1))
            || is!(word(toks, k - 1), "visibly" | "privately" | "reportedly"))
        && !is!(word(toks, k - 1), "have" | "has" | "had" | "been")
    {
        k -= 1;
    }
    if k == 0 || !next_to(text, toks[k - 1], toks[k]) {
        return None;
    }
    let verb = word(toks, k - 1);
    let linking = is!(verb, "is" | "are" | "was" | "were" | "remains" | "remained")
        || is!(
            verb,
            "grown" | "grew" | "growing" | "become" | "became" | "becoming" | "seemed" | "appeared"
        );
    if !linking || k < 2 {
        return None;
    }
    // The subject, past "has"/"had"/"been" ("she has grown wary", "he had been worried").
    let mut s = k - 2;
    while s > 0
        && is!(
            word(toks, s),
            "has" | "have" | "had" | "been" | "also" | "still"
        )
    {
        s -= 1;
    }
    let subject = toks[s];
    if is_first_person(subject.lower.w()) || !is_person_subject(subject) {
        return None;
    }
    // A condition ("if he is confident") states no feeling.
    if toks[s.saturating_sub(3)..s]
        .iter()
        .any(|t| is!(t.lower.w(), "if" | "unless" | "whether"))
    {
        return None;
    }
    Some((span(toks, k - 1, i), 0.4))
}

/// A view of something ascribed to a person: "Trump sees the wall as a winning issue".
fn sees_as(toks: &[&Token], i: usize) -> Option<(Span, f64)> {
    if !is!(
        toks[i].lower.w(),
        "sees" | "saw" | "views" | "viewed" | "regards" | "regarded"
    ) || i == 0
    {
        return None;
    }
    let subject = toks[i - 1];
    if is_first_person(subject.lower.w()) || !is_person_subject(subject) || subject.lower == "they"
    {
        return None;
    }
    // "was viewed as": the passive is UA002's.
    if i > 1 && is_be(word(toks, i - 2)) {
        return None;
    }
    let as_at = (i + 2..(i + 8).min(toks.len())).find(|&k| word(toks, k) == "as")?;
    Some((span(toks, i, as_at), 0.4))
}

word_set! {
    /// Adverbs that say an act was meant: the intent is the writer's reading unless sourced.
    fn is_intent_adverb / INTENT_ADVERBS =
        "intentionally" | "deliberately" | "purposely" | "purposefully" | "knowingly" | "willfully" | "wilfully";
}

/// The words the patterns below start at: a token that is none of them ascribes no motive
/// here, and one bit test passes over it.
const STARTS: Buckets = Buckets::union(&[
    &FEELING_ADJECTIVES,
    &FEELINGS_ONLY,
    &OPENING_ONLY,
    &ACT_NOUNS,
    &INTENT,
    &INNER_STATES,
    &INTENT_ADVERBS,
    &Buckets::of(&[
        "sees", "saw", "views", "viewed", "regards", "regarded", "in", "with", "looked", "looking",
        "to", "out", "because",
    ]),
]);

fn find(text: &str, toks: &[&Token]) -> Option<(Span, f64)> {
    let found = super::skipping_scan("UA007", text, toks, scan);
    // A speaker who says "we" or "us" in the writer's words ("they're trying to get us to jam
    // it through") is an unmarked quotation: the motive is the speaker's charge, not the
    // writer's. (Asked only of a sentence with a match.)
    found.filter(|_| {
        !toks
            .iter()
            .any(|t| is!(t.lower.w(), "us" | "we" | "our" | "we're" | "we’re"))
    })
}

fn scan(text: &str, toks: &[&Token], skip: bool) -> Option<(Span, f64)> {
    for i in 0..toks.len() {
        if skip && !toks[i].lower.w().may_be_in(&STARTS) {
            continue;
        }
        if let Some(found) = feeling(text, toks, i) {
            return Some(found);
        }
        if let Some(found) = sees_as(toks, i) {
            return Some(found);
        }
        let w = toks[i].lower.w();
        // "intentionally included broad protections", "deliberately misled": an intent the
        // writer reads into an act.
        if is_intent_adverb(w) {
            return Some((span(toks, i, i), 0.45));
        }
        if is!(w, "in" | "with" | "looked" | "looking" | "out" | "because") {
            let second = word(toks, i + 1);
            for p in PURPOSE.iter().filter(|p| w == p[0] && second == p[1]) {
                if seq(text, toks, i, p) {
                    return Some((span(toks, i, i + p.len() - 1), 0.5));
                }
            }
        }
        // "a move designed to", "a gesture meant to", "in a move aimed at"
        if is_act_noun(w)
            && is!(
                word(toks, i + 1),
                "designed" | "meant" | "calculated" | "aimed" | "intended"
            )
            && is!(word(toks, i + 2), "to" | "at")
            && next_to(text, toks[i], toks[i + 1])
        {
            return Some((span(toks, i, i + 2), 0.45));
        }
        // "to curry favor", "to win the president's favor", "to distract from"
        if w == "to" && i + 1 < toks.len() && next_to(text, toks[i], toks[i + 1]) {
            let v = word(toks, i + 1);
            let after = word(toks, i + 2);
            if is_motive_purpose(v, after) {
                let favour = toks[i + 1..]
                    .iter()
                    .take(5)
                    .position(|t| is!(t.lower.w(), "favor" | "favour"));
                let end = match (v.as_str(), favour) {
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
            .any(|t| is!(t.lower.w(), "if" | "unless" | "whether"));
        // "involved in trying to": a gerund after a preposition names an activity.
        let after_preposition = i > 0
            && is!(
                word(toks, i - 1),
                "in" | "of" | "for" | "by" | "about" | "from" | "at" | "on" | "without"
            );
        if intent && !conditional && !after_preposition {
            let next = word(toks, i + 1);
            let takes_to = next == "to"
                || (is!(
                    w,
                    "angling"
                        | "spoiling"
                        | "jockeying"
                        | "maneuvering"
                        | "manoeuvring"
                        | "clamoring"
                        | "clamouring"
                ) && next == "for")
                // "is banking on a strong turnout", "Pelosi is betting that voters ...": a
                // strategy read into someone's head.
                // ("gambling on sports", a noun, is not: a form of "be" comes first).
                || (is!(w, "banking" | "betting" | "counting" | "gambling")
                    && i > 0
                    && (is_be(word(toks, i - 1)) || word(toks, i - 1) == "been")
                    && (next == "on" || (w == "betting" && next == "that")));
            let wants_object = is!(w, "wants" | "wanted" | "eyeing")
                && is!(
                    next,
                    "another" | "a" | "an" | "more" | "his" | "her" | "their"
                );
            // "eyeing" takes an object ("eyeing a run"), not "to"; "is looking to expand" is
            // intent, "looking to the future" and "looking to Congress" are not.
            if w == "eyeing" && !wants_object {
                continue;
            }
            if w == "looking"
                && !(i > 0
                    && is_be(word(toks, i - 1))
                    && takes_to
                    && toks.get(i + 2).is_some_and(|t| {
                        !t.capitalised
                            && !is!(
                                t.lower.w(),
                                "the"
                                    | "a"
                                    | "an"
                                    | "his"
                                    | "her"
                                    | "their"
                                    | "its"
                                    | "this"
                                    | "that"
                            )
                    }))
            {
                continue;
            }
            if !(takes_to || wants_object) || !next_to(text, toks[i], toks[i + 1]) {
                continue;
            }
            // "as intended", "the intended target": an adjective, not a motive; "the law is
            // intended to": a text's stated purpose.
            if w == "intended" && i > 0 && !is!(word(toks, i - 1), "he" | "she" | "they") {
                continue;
            }
            let weight = if is!(w, "trying" | "wants" | "wanted" | "hoping" | "eager") {
                0.45
            } else {
                0.4
            };
            return Some((span(toks, i, i + 1), weight));
        }
        if is_inner_state(w)
            && is!(word(toks, i + 1), "that" | "the" | "a" | "an")
            && next_to(text, toks[i], toks[i + 1])
        {
            // "the worried look", "despite fears that": a noun or adjective, not a verb.
            if i > 0
                && is!(
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
    Police held the video back out of concern that it would spark unrest. => out of concern that
    She shot the man because she assumed he was an intruder. => because she assumed
    Allies are piling on to win the president's favor. => to win the president's favor
    President Trump wants another enemy to fight. => wants another
    The campaign is banking on a strong turnout in the suburbs. => banking on
    Pelosi is betting that voters will reward Democrats. => betting that
    The bank is counting the ballots again. =>
    The law had barred gambling on football and other sports. =>
    They're hoping to get 60 signatures. => hoping to
    Trump was furious about the leak. => was furious
    The governor has grown increasingly frustrated with the delays. => grown increasingly frustrated
    Stung by the criticism, the senator changed course. => Stung by
    Trump sees the wall as a winning issue. => sees the wall as
    The wall was viewed as a winning issue. =>
    // A feeling the person states, a group's (UA008), a condition, or not a feeling.
    Trump said he was furious about the leak. =>
    If she is confident of the votes, she will call a vote. =>
    The concerned parties met on Friday. =>
    Voters are furious. =>
    // Said by the person, or the first person: not ascribed.
    Trump said he wants another term. =>
    The governor is eyeing a run for the Senate. => eyeing a
    Rivals are jockeying for position before the vote. => jockeying for
    Five Democrats are vying for the nomination. =>
    The company is looking to expand into Asia. => looking to
    // Not intent: looking to someone, a condition, the first person.
    The party is looking to the future. =>
    They're trying to get us to jam it through again. =>
    We are trying to fix the roads. =>
    The plan is aimed at cutting costs. =>
    The governor toured the state to court evangelical voters. => to court
    The tariff pause was a move designed to calm markets. => move designed to
    The act intentionally included broad protections. => intentionally
    The company deliberately misled regulators about the tests. => deliberately
    The bill is designed to cut costs. =>
    The case went to court in May. =>
"}
