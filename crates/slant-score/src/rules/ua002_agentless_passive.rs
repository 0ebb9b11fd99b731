//! ## What it flags
//! Agentless passives that pass judgement: a form of "be" (optionally with "widely",
//! "increasingly", ...) plus a verb of judging or perceiving, with no "by ..." naming who
//! judges: "has been condemned as", "is widely seen as", "was criticised", "it is believed".
//! A reputation held by nobody named is one too: "is known for his combative style", "a
//! Congress known to battle over every detail", "she's famous for demanding" (but not "known
//! to police" or "known as", a name).
//!
//! ## Why it matters
//! The passive hides the judge. "The plan has been condemned as reckless" presents a verdict
//! as if it were a fact about the plan; the reader cannot tell whether one critic or the whole
//! world condemned it.
//!
//! ## Example
//! "The refusal *has been condemned as* a reckless escalation." (sourced: "... condemned by
//! the foreign ministry as ...")
//!
//! ## Known false positives
//! Passives whose agent is obvious from the previous sentence, legal usage ("was convicted"
//! and "was accused of", which are not on the list, and "cannot be questioned in lawsuits",
//! a procedure after a modal), and "considered" in its sense of "thought about".
//! "Is expected to" before an event on the calendar ("is expected to announce his decision
//! Monday", "is expected to testify", "is expected to be arraigned ... on Friday") is a
//! schedule and left alone; "are widely expected to"
//! still flags. A passive of describing after a fronted phrase naming the texts that
//! describe ("In court filings, the company is described as ...") names its describer and
//! is left alone (UA005 likewise).

use super::{Ctx, Finding, Flag};
use crate::text::{Token, W};
use slant_ingest::model::AttributionKind;
use slant_ingest::Span;

rule! {
    AgentlessPassive, "UA002", "agentless_passive", Unattributed("agentless_passive"), "ua002_agentless_passive.rs",
    "a judgement in the passive voice that hides who judges"
}

/// Forms of "be" (and contracted "is").
fn is_be(w: W) -> bool {
    is!(
        w,
        "is" | "are" | "was" | "were" | "be" | "been" | "being" | "'s" | "’s"
    )
}
/// Adverbs that may stand between "be" and the participle ("is widely seen").
fn is_adverb(w: W) -> bool {
    is!(
        w,
        "widely"
            | "generally"
            | "increasingly"
            | "often"
            | "largely"
            | "broadly"
            | "roundly"
            | "also"
            | "now"
            | "long"
            | "frequently"
            | "sharply"
            | "heavily"
            | "strongly"
            | "universally"
            | "commonly"
            | "repeatedly"
            | "already"
            | "since"
            | "internationally"
            | "publicly"
            | "fiercely"
            | "harshly"
            | "still"
            | "almost"
            | "nearly"
            | "even"
            | "variously"
            | "routinely"
    )
}
/// Participles that judge on their own.
fn is_judge(w: W) -> bool {
    is!(
        w,
        "condemned"
            | "criticised"
            | "criticized"
            | "denounced"
            | "slammed"
            | "blasted"
            | "blamed"
            | "praised"
            | "hailed"
            | "decried"
            | "lambasted"
            | "panned"
            | "derided"
            | "ridiculed"
            | "mocked"
            | "questioned"
            | "welcomed"
            | "celebrated"
            | "applauded"
            | "deemed"
            | "lauded"
            | "vilified"
            | "demonized"
            | "demonised"
            | "denigrated"
            | "disparaged"
            | "castigated"
            | "rebuked"
            | "censured"
            | "faulted"
            | "scorned"
            | "branded"
            | "labelled"
            | "labeled"
            | "dubbed"
            | "discredited"
            | "debunked"
            | "disputed"
            | "contested"
            | "challenged"
            | "attacked"
            | "feared"
            | "rumoured"
            | "rumored"
            | "reputed"
            | "believed"
            | "thought"
            | "considered"
            | "said"
            | "estimated"
            | "expected"
            | "suggested"
            | "credited"
            | "assumed"
            | "claimed"
            | "alleged"
            | "held"
            | "argued"
    )
}
/// Participles that report a view rather than pass one: they count only as "is believed
/// to/that ..." or "it is said", and weigh less than a verdict such as "condemned".
fn is_reported(w: W) -> bool {
    is!(
        w,
        "believed"
            | "thought"
            | "said"
            | "expected"
            | "estimated"
            | "considered"
            | "suggested"
            | "assumed"
            | "claimed"
            | "alleged"
            | "held"
            | "argued"
    )
}
/// Participles of rumour and supposition: judging, but weaker than a verdict.
fn is_supposed(w: W) -> bool {
    is!(w, "feared" | "reputed" | "rumoured" | "rumored")
}

/// Participles that judge when followed by "as" ("seen as", "described as").
fn is_as_judge(w: W) -> bool {
    is!(
        w,
        "seen"
            | "viewed"
            | "regarded"
            | "perceived"
            | "described"
            | "characterized"
            | "characterised"
            | "portrayed"
            | "painted"
            | "cast"
            | "billed"
            | "touted"
            | "framed"
            | "dismissed"
            | "recognized"
            | "recognised"
            | "known"
            | "hailed"
            | "read"
            | "interpreted"
            | "understood"
    )
}

/// `w` ends in "ed", "n", "ght", "id", "st", "ad" or "od", as every participle above does
/// but "held" (which this test has always passed over).
fn ends_like_participle(w: W) -> bool {
    let b = w.as_bytes();
    match b.last() {
        Some(b'n') => true,
        Some(b'd') => b.len() >= 2 && matches!(b[b.len() - 2], b'e' | b'i' | b'a' | b'o'),
        Some(b't') => w.ends_with("ght") || w.ends_with("st"),
        _ => false,
    }
}

/// A reputation stated with nobody holding it: "is known for his combative style", "a
/// Congress known to battle over every detail", "she's famous for demanding". Known to whom?
/// "Known to police" and "known as" (a name) are not reputations.
fn reputation(tokens: &[&Token], i: usize) -> Option<(Span, f64)> {
    let w = tokens[i].lower.w();
    if !is!(w, "known" | "famous" | "renowned") {
        return None;
    }
    let next = tokens.get(i + 1)?.lower.w();
    let then = tokens.get(i + 2);
    let reputed = next == "for"
        || (next == "to"
            && w == "known"
            && then.is_some_and(|v| {
                // A verb follows ("known to battle"), not whom it is known to.
                !v.capitalised
                    && !super::words::is_possessive(v.lower.w())
                    && !is!(
                        v.lower.w(),
                        "the"
                            | "a"
                            | "an"
                            | "this"
                            | "that"
                            | "him"
                            | "them"
                            | "us"
                            | "me"
                            | "police"
                            | "authorities"
                            | "investigators"
                    )
            }));
    // "little is known", "what is known for now": nothing is reputed.
    let before = |k: usize| i >= k && is!(tokens[i - k].lower.w(), "little" | "what" | "much");
    if !reputed || before(1) || before(2) || tokens[i + 1..].iter().take(8).any(|t| t.lower == "by")
    {
        return None;
    }
    let mut start = i;
    while start > 0
        && (is_be(tokens[start - 1].lower.w())
            || is!(
                tokens[start - 1].lower.w(),
                "well" | "best" | "widely" | "long" | "been"
            ))
    {
        start -= 1;
    }
    Some((
        Span::new(tokens[start].span.start, tokens[i + 1].span.end),
        0.55,
    ))
}

/// The first judging agentless passive in `tokens`: its span and weight.
pub(crate) fn find(tokens: &[&Token]) -> Option<(Span, f64)> {
    for (i, t) in tokens.iter().enumerate() {
        let w = t.lower.w();
        if let Some(found) = reputation(tokens, i) {
            return Some(found);
        }
        // Cheap test first: every listed participle ends in one of these.
        if !ends_like_participle(w) {
            continue;
        }
        let judge = is_judge(w);
        let as_judge = is_as_judge(w);
        if !judge && !as_judge {
            continue;
        }
        // Walk back over adverbs to a form of "be".
        let mut j = i;
        let mut aux = None;
        while j > 0 {
            j -= 1;
            let p = tokens[j].lower.w();
            if is_be(p) {
                aux = Some(j);
                break;
            }
            if !is_adverb(p) {
                break;
            }
        }
        let Some(mut aux) = aux else { continue };
        // "cannot be questioned in lawsuits", "can't be challenged in a court of law": a
        // procedure that may happen, not a verdict anyone passed.
        if tokens[aux].lower == "be" && is!(w, "questioned" | "challenged" | "contested") {
            continue;
        }
        // "has been", "have been", "had been", "will be" start the phrase.
        if aux > 0
            && is!(
                tokens[aux - 1].lower.w(),
                "has"
                    | "have"
                    | "had"
                    | "will"
                    | "would"
                    | "could"
                    | "may"
                    | "might"
                    | "to"
                    | "being"
            )
        {
            aux -= 1;
        }
        let after = &tokens[i + 1..tokens.len().min(i + 9)];
        if after.iter().any(|t| t.lower == "by") {
            continue;
        }
        let next = after.first().map(|t| t.lower.as_str());
        let followed_by_as = next == Some("as")
            || (matches!(next, Some("widely" | "generally"))
                && after.get(1).is_some_and(|t| t.lower == "as"));
        if as_judge && !judge && !followed_by_as {
            continue;
        }
        if w == "known" && next == Some("as") && a_name(&after[1..]) {
            continue;
        }
        // "believed", "thought", "said", "expected", "estimated" judge only as "is believed
        // to/that" or "it is said": otherwise they are ordinary reported facts.
        if is_reported(w)
            && !matches!(
                next,
                Some("to" | "that" | "a" | "an" | "the" | "likely" | "unlikely")
            )
            && !(aux > 0 && tokens[aux - 1].lower == "it")
        {
            continue;
        }
        // "Mr. Steele is expected to disclose his intentions on Monday": a schedule.
        // ("are widely expected to rule" still says whose expectation: nobody's).
        let widely = i > 0
            && is!(
                tokens[i - 1].lower.w(),
                "widely" | "generally" | "broadly" | "increasingly"
            );
        if w == "expected" && !widely && expected_schedule(after) {
            continue;
        }
        let mut end = t.span.end;
        if next == Some("as") {
            end = tokens[i + 1].span.end;
        }
        let weight = if judge && !is_reported(w) && !is_supposed(w) {
            0.7
        } else {
            0.55
        };
        return Some((Span::new(tokens[aux].span.start, end), weight));
    }
    None
}

/// What follows "known as" is a name ("the Hyde Amendment"), not a reputation ("a brilliant
/// lawyer").
pub(crate) fn a_name(after_as: &[&Token]) -> bool {
    after_as
        .iter()
        .find(|t| t.lower != "the")
        .is_some_and(|t| t.capitalised)
}

/// "expected to announce", "expected to testify", "expected to be arraigned ... on Friday":
/// what comes after "expected" is an event on the calendar (a verb of schedule, a court or
/// ceremony step in the passive, or a day of the week), not a forecast ("expected to rise to
/// unprecedented levels" is one).
pub(crate) fn expected_schedule(after: &[&Token]) -> bool {
    after.first().is_some_and(|t| t.lower == "to")
        && (after
            .get(1)
            .is_some_and(|v| super::words::is_schedule_verb(v.lower.w()))
            || (after.get(1).is_some_and(|t| t.lower == "be")
                && after.get(2).is_some_and(|v| {
                    is!(
                        v.lower.w(),
                        "arraigned" | "sentenced" | "sworn" | "inaugurated" | "tried" | "released"
                    )
                }))
            || after
                .iter()
                .take(14)
                .any(|t| super::words::is_weekday(t.lower.w())))
}

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    // Reported speech ("Moscow warned that troops would be treated as ...") is the
    // speaker's; the passive is judged in the writer's own part of the sentence. A vague
    // source does not name a judge either, so it does not excuse one.
    if ctx.sentence.voice == slant_ingest::Voice::Quoted
        || ctx.question_or_first_person()
        || ctx.is_caption()
    {
        return;
    }
    let named = matches!(
        ctx.attribution.kind,
        AttributionKind::Named | AttributionKind::Anonymous | AttributionKind::Document
    );
    // On the author tokens the attribution may have looked already.
    let found = if named {
        find(ctx.writer_tokens)
    } else {
        ctx.sourcing
            .passive
            .unwrap_or_else(|| find(ctx.author_tokens))
    };
    if let Some((span, weight)) = found {
        // In a fragment of a quotation the passive is the speaker's ("... anything that
        // could be seen as impacting U.S. elections.”").
        let quoted = ctx.sourcing.fragment.is_some_and(|f| f.overlaps(span));
        if !quoted && !super::words::described_in_texts(ctx.author_tokens, span) {
            out.push(ctx.flag(&INFO, &FLAG, span, weight));
        }
    }
}

const FLAG: Flag = Flag {
    category: "agentless_passive",
    entry: "agentless passive",
    note: "a judgement in the passive voice: who condemns, sees or believes this is not said",
};

fixtures! {"UA002", r"
    The refusal has been condemned as a reckless escalation. => has been condemned as
    The plan is widely seen as a failure. => is widely seen as
    and anything that could be seen as impacting U.S. elections.” =>
    It is believed that the talks failed. => is believed
    The plan was criticised by the opposition leader. =>
    In court filings, the company is described as a shell. =>
    In at least eight newspaper articles, he is described as having served in Vietnam. =>
    He is described as having served in Vietnam. => is described as
    He was seen leaving the building. =>
    Mr. Steele is expected to announce his decision on Monday. =>
    Brunson was accused of committing crimes on behalf of Gulen. =>
    Ross cannot be questioned in lawsuits about the census. =>
    The ruling has been questioned as overreach. => has been questioned as
    Prices are expected to rise to record levels. => are expected
    D'Souza is expected to be arraigned in federal court on Friday. =>
    The bill is expected to reach the floor on Thursday. =>
    The justices are widely expected to rule this term. => are widely expected
    The mayor condemned the plan. =>
    The chairman is known for off-the-cuff comments. => is known for
    Even for a Congress known to battle over every detail, it was slow. => known to
    She's famous for demanding that the university change. => famous for
    He was known to police before the attack. =>
    The ban is known as the Hyde Amendment. =>
    Little is known for certain about the plan. =>
"}
