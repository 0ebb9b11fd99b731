//! ## What it flags
//! The views or feelings of a whole group stated as fact, with no one cited: a group
//! (Democrats, conservatives, voters, investors, the business community, Tea Party groups,
//! ...) as the subject of an attitude ("Democrats were more dour in their assessment",
//! "Conservatives are furious") or of a verb of believing, fearing or wanting ("the business
//! community, who fear that ..."); an attitude attached to a group ("a wary populace", "angry
//! voters"); a feeling caused in a group ("angered some Republicans"); and how something
//! landed with a group ("resonated among anti-war Democrats",
//! "did not go over well with Tea Party groups", "would no longer fly with the modern GOP",
//! "the uproar among liberals"); and what "many" or "most" of a group are, do or think
//! ("Many Latinos are part of evangelical congregations", "most voters"); a group's standing
//! stated without a poll ("support among Republicans", "his popularity among independents");
//! and a mood a group has come to ("voters have grown weary"). Adverbs between the group and
//! its view are skipped ("Democrats are cautiously optimistic", "Republicans specifically
//! fear"); hoping, having liked, seeing and expecting are views too ("Republicans hope").
//!
//! ## Why it matters
//! A group does not think with one mind. "Voters are angry" presents a guess about millions of
//! people as a fact; a poll, a count or named members make it checkable.
//!
//! ## Example
//! "*Democrats were more dour* in their assessment." (sourced: "Democrats were more dour,
//! according to three senators who attended the meeting")
//!
//! ## Known false positives
//! A group's views sourced in the previous sentence, and group positions that are public
//! record (a party platform, a recorded vote), which a sentence may state as fact.

use super::words::{
    is_attitude_adjective, is_aux_adverb, is_be, is_group_noun, next_to, span, word,
    ATTITUDE_ADJECTIVES, GROUP_NOUNS,
};
use super::Flag;
use crate::text::{Buckets, Token, W};
use slant_ingest::Span;

rule! {
    GroupView, "UA008", "group_view", Unattributed("group_view"), "ua008_group_view.rs",
    "what a whole group thinks or feels, stated as fact",
    writer_pattern: find, Flag { category: "group_view", entry: "group view",
        note: "a whole group's view or mood stated as fact: which of them, and who says so?" }
}

/// Verbs of believing, fearing and wanting that, with a group as subject, state its view.
fn is_view_verb(w: W) -> bool {
    is!(
        w,
        "fear"
            | "feared"
            | "worry"
            | "worried"
            | "believe"
            | "believed"
            | "think"
            | "feel"
            | "felt"
            | "view"
            | "viewed"
            | "want"
            | "wanted"
            | "distrust"
            | "mistrust"
            | "resent"
            | "resented"
            | "dislike"
            | "disliked"
            | "loathe"
            | "hate"
            | "love"
            | "embrace"
            | "embraced"
            | "welcome"
            | "welcomed"
            | "prefer"
            | "preferred"
            | "doubt"
            | "doubted"
            | "suspect"
            | "blame"
            | "blamed"
            | "cheered"
            | "bristled"
            | "balked"
            | "recoiled"
            | "soured"
            | "rallied"
            | "seethed"
            | "fumed"
            | "hope"
            | "hoped"
            // "liked", not "like": "groups like al-Qaida" is a preposition.
            | "liked"
            | "see"
            | "saw"
            | "sense"
            | "sensed"
            | "expect"
            | "expected"
            | "dread"
            | "relish"
    )
}

word_set! {
    /// Words for how something landed with a group, before "with", "among", "from" or "in".
    fn is_reception / RECEPTION =
        "resonated"
            | "resonates"
            | "resonate"
            | "popular"
            | "unpopular"
            | "fly"
            | "flies"
            | "uproar"
            | "outrage"
            | "anger"
            | "frustration"
            | "fury"
            | "discontent"
            | "unease"
            | "dismay"
            | "alarm"
            | "skepticism"
            | "scepticism"
            | "enthusiasm"
            | "criticism"
            | "backlash"
            | "resentment"
            | "well"
            | "badly"
            | "poorly";
}

/// The words the patterns below start at: a token that is none of them starts no group view,
/// and one bit test passes over it.
const STARTS: Buckets = Buckets::union(&[
    &RECEPTION,
    &ATTITUDE_ADJECTIVES,
    &GROUP_NOUNS,
    &Buckets::of(&[
        "support",
        "popularity",
        "appeal",
        "standing",
        "goodwill",
        "credibility",
        "angered",
        "infuriated",
        "enraged",
        "outraged",
        "alarmed",
        "delighted",
        "frustrated",
        "rattled",
        "spooked",
        "unnerved",
        "galvanized",
        "energized",
        "alienated",
        "emboldened",
        "dismayed",
        "disappointed",
        "many",
        "most",
    ]),
]);

fn find(text: &str, toks: &[&Token]) -> Option<(Span, f64)> {
    super::skipping_scan("UA008", text, toks, scan)
}

fn scan(text: &str, toks: &[&Token], skip: bool) -> Option<(Span, f64)> {
    for i in 0..toks.len() {
        let w = toks[i].lower.w();
        if skip && !w.may_be_in(&STARTS) {
            continue;
        }
        let near = |j: usize| j < toks.len() && next_to(text, toks[j - 1], toks[j]);
        // How something landed: "resonated among anti-war Democrats"
        if is_reception(w)
            && is!(word(toks, i + 1), "with" | "among" | "from" | "within")
            && (!is!(w, "well" | "badly" | "poorly")
                || (i > 0
                    && is!(
                        word(toks, i - 1),
                        "over" | "down" | "play" | "played" | "sit" | "sat"
                    )))
        {
            if let Some(g) =
                (i + 2..(i + 7).min(toks.len())).find(|&k| is_group_noun(word(toks, k)))
            {
                return Some((span(toks, i, g), 0.45));
            }
        }
        // A group's standing stated without a poll: "support among Republicans", "his
        // popularity with independents".
        if is!(
            w,
            "support" | "popularity" | "appeal" | "standing" | "goodwill" | "credibility"
        ) && is!(word(toks, i + 1), "among" | "within")
            && near(i + 1)
        {
            if let Some(g) =
                (i + 2..(i + 6).min(toks.len())).find(|&k| is_group_noun(word(toks, k)))
            {
                return Some((span(toks, i, g), 0.4));
            }
        }
        // Feelings caused in a group: "angered some Republicans", "alarmed investors"
        if is!(
            w,
            "angered"
                | "infuriated"
                | "enraged"
                | "outraged"
                | "alarmed"
                | "delighted"
                | "frustrated"
                | "rattled"
                | "spooked"
                | "unnerved"
                | "galvanized"
                | "energized"
                | "alienated"
                | "emboldened"
                | "dismayed"
                | "disappointed"
        ) && i > 0
            && !is_be(word(toks, i - 1))
        {
            if let Some(g) =
                (i + 1..(i + 4).min(toks.len())).find(|&k| is_group_noun(word(toks, k)))
            {
                return Some((span(toks, i, g), 0.4));
            }
        }
        // An attitude attached to a group: "a wary populace", "angry voters"
        if is_attitude_adjective(w)
            && i + 1 < toks.len()
            && next_to(text, toks[i], toks[i + 1])
            && is_group_noun(word(toks, i + 1))
            && !toks[i + 1].capitalised
        {
            return Some((span(toks, i, i + 1), 0.4));
        }
        // "Many Latinos are ...", "most voters": a claim about the bulk of a group, with no
        // count or poll behind it.
        if is!(w, "many" | "most")
            && near(i + 1)
            && (is_group_noun(word(toks, i + 1))
                || is!(
                    word(toks, i + 1),
                    "people" | "women" | "men" | "whites" | "blacks"
                ))
            && !is!(
                word(toks, i + 1),
                "left" | "right" | "base" | "public" | "press" | "media"
            )
            && !(i > 0
                && is!(
                    word(toks, i - 1),
                    "how" | "so" | "too" | "as" | "the" | "of" | "for" | "among" | "with"
                ))
        {
            return Some((span(toks, i, i + 1), 0.4));
        }
        if !is_group_noun(w) || is!(w, "left" | "right" | "base" | "liberal" | "conservative") {
            continue;
        }
        // Group as subject: skip "who", auxiliaries and adverbs to the predicate.
        let mut j = i + 1;
        if word(toks, j) == "who" {
            j += 1;
        }
        let mut be = false;
        let mut steps = 0;
        while j < toks.len() && steps < 4 {
            let x = word(toks, j);
            // "have grown weary", "are becoming restless": a linking verb like "be".
            if is_be(x)
                || is!(
                    x,
                    "grown" | "grew" | "growing" | "become" | "became" | "becoming"
                )
            {
                be = true;
            } else if !(is_aux_adverb(x)
                // "Democrats are cautiously optimistic", "Republicans specifically fear".
                || super::words::is_ly_adverb(x)
                || is!(
                    x,
                    "may"
                        | "might"
                        | "could"
                        | "do"
                        | "did"
                        | "increasingly"
                        | "today"
                        | "lately"
                        | "again"
                        | "generally"
                        | "often"
                        | "usually"
                ))
            {
                break;
            }
            j += 1;
            steps += 1;
        }
        let p = word(toks, j);
        if j < toks.len() && next_to(text, toks[j - 1], toks[j]) {
            if (be && is_attitude_adjective(p)) || (!be && is_view_verb(p)) {
                return Some((span(toks, i, j), 0.45));
            }
            // "are looking to", "are drawn to"
            if be && is!(p, "looking" | "drawn") && word(toks, j + 1) == "to" {
                return Some((span(toks, i, j), 0.4));
            }
        }
    }
    None
}
fixtures! {"UA008", r"
    Democrats were more dour in their assessment. => Democrats were more dour
    Conservatives are furious. => Conservatives are furious
    A wary populace awoke to relative calm on Sunday. => wary populace
    The remarks resonated among anti-war Democrats. => resonated among anti-war Democrats
    The resolution did not go over well with Tea Party groups. => well with Tea Party groups
    // Sourced, or a routine act of a group: not a stated view.
    Democrats are furious, according to a poll by Gallup. =>
    Democrats voted against the bill on Tuesday. =>
    Many Latinos are drawn to the party's stance on abortion. => Many Latinos
    Most voters have already made up their minds. => Most voters
    Voters have grown weary of the shutdown. => Voters have grown weary
    // A view verb or an attitude past an adverb.
    Republicans hope the judge will give conservatives a majority. => Republicans hope
    Democrats are cautiously optimistic about their chances. => Democrats are cautiously optimistic
    Republicans specifically fear the prospect of fraud. => Republicans specifically fear
    The rally drew support from groups like the Tea Party. =>
    His support among evangelical voters remains solid. => support among evangelical voters
    His support among evangelical voters remains solid, a Pew survey found. =>
    // A question of degree or a share named elsewhere, not a claim about a group.
    The plan would help so many people in the state. =>
"}
