//! ## What it flags
//! The writer's own prediction or speculation about what will or could happen, with no one
//! cited for it: a certainty or likelihood word before an infinitive ("is sure to infuriate",
//! "is likely to", "poised to", "bound to", "seemed certain to"), talk of chances and odds ("the chances ... are
//! far more remote"), "could", "might" or "may" before a verb ("could prove helpful", "could
//! issue a split decision"), "will"/"won't" with a verb of consequence or a verdict ("will
//! have generated a lengthy paper trail", "won't bring racial equality", "it will be a very big
//! deal"), a trend after "may" or "will" ("that estimate may climb higher", "the court may
//! lean toward"), "should" with a verb of consequence ("should help keep consumers
//! spending"; "should resign" prescribes and is left alone), "threatening to", and a
//! conditional future ("they will go down if this agreement
//! fails"); an outcome in store ("stands to gain", "on track to", "on course to"), a feared
//! outcome ("risks alienating", "at risk of losing"), "looks set to", "promises to be", and
//! likelihood stated without a modal ("Trump likely knew", "a deal is unlikely").
//!
//! ## Why it matters
//! A forecast in the outlet's voice reads as a fact about the future. Who expects it, and on
//! what grounds? A reader cannot weigh a prediction whose author is hidden.
//!
//! ## Example
//! "That prospect *is sure to* infuriate the White House." (sourced: "That prospect is sure to
//! infuriate the White House, two aides said.")
//!
//! ## Known false positives
//! What a bill or ruling would do is not a prediction and is skipped when the sentence's
//! subject is a bill, law, measure or ruling; a scheduled event ("the Senate will vote
//! Tuesday") is routine and skipped for verbs of schedule after "will", and so is a place in a
//! series ("will be the first Latino keynote speaker"); "made sure to" is a deed done, not a
//! forecast. Conditionals in
//! legal procedure ("if the justices tie, the ruling would stand") and forecasts sourced in a
//! neighbouring sentence can still be flagged.

use super::words::{is_aux_adverb, is_first_person, is_schedule_verb, next_to, span, word};
use super::Flag;
use crate::text::{Buckets, Token, W};
use slant_ingest::Span;

rule! {
    Prediction, "UA006", "prediction", Unattributed("unsourced_prediction"), "ua006_prediction.rs",
    "the writer's own prediction or speculation, with no one cited for it",
    writer_pattern: find, Flag { category: "prediction", entry: "prediction",
        note: "a forecast in the outlet's own voice: who expects this?" }
}

word_set! {
    /// Words of certainty or likelihood that make "X is ___ to do" a forecast.
    fn is_likelihood / LIKELIHOOD =
        "sure"
            | "bound"
            | "likely"
            | "unlikely"
            | "poised"
            | "destined"
            | "certain"
            | "apt"
            | "primed"
            | "doomed"
            | "guaranteed";
}

/// Verbs of consequence: after "will", "would", "can" or "won't" they make a forecast.
fn is_consequence_verb(w: W) -> bool {
    is!(
        w,
        "prove"
            | "spell"
            | "shed"
            | "mean"
            | "doom"
            | "hurt"
            | "help"
            | "boost"
            | "undermine"
            | "derail"
            | "jeopardize"
            | "jeopardise"
            | "trigger"
            | "spark"
            | "fuel"
            | "unleash"
            | "pave"
            | "backfire"
            | "complicate"
            | "weaken"
            | "strengthen"
            | "reshape"
            | "upend"
            | "haunt"
            | "dominate"
            | "loom"
            | "gain"
            | "lose"
            | "become"
            | "struggle"
            | "cost"
            | "save"
            | "destroy"
            | "damage"
            | "ruin"
            | "endanger"
            | "transform"
            | "shape"
            | "define"
            | "bring"
            | "drag"
            | "alienate"
            | "anger"
            | "infuriate"
            | "energize"
            | "galvanize"
            | "embolden"
            | "fracture"
            | "divide"
            | "collapse"
            | "fail"
            | "succeed"
            | "survive"
            | "stall"
            | "falter"
            | "erode"
            | "fade"
            | "worsen"
            | "improve"
            | "escalate"
            | "intensify"
            | "deepen"
            | "widen"
            | "persist"
            | "sink"
            | "sway"
            | "tip"
            | "put"
            | "open"
            | "face"
            | "go"
            | "win"
            | "cause"
            | "lead"
            | "end"
            | "leave"
            | "matter"
            | "change"
            | "need"
            | "generate"
            | "turn"
            | "work"
    ) || is_trend_verb(w)
}

/// Verbs of a quantity's or a stance's movement: after "may", "will" or "should" they
/// forecast a trend ("that estimate may climb higher", "prices will rise", "the court may
/// lean toward backing Trump").
fn is_trend_verb(w: W) -> bool {
    is!(
        w,
        "climb"
            | "rise"
            | "grow"
            | "increase"
            | "decline"
            | "drop"
            | "fall"
            | "surge"
            | "soar"
            | "slow"
            | "shrink"
            | "plunge"
            | "rebound"
            | "recover"
            | "lean"
            | "tilt"
            | "shift"
            | "emerge"
    )
}

/// Heads of subjects whose "would"/"will" says what a text provides, not what will happen.
fn is_document_subject(w: W) -> bool {
    is!(
        w,
        "bill"
            | "law"
            | "legislation"
            | "measure"
            | "proposal"
            | "rule"
            | "regulation"
            | "order"
            | "ruling"
            | "amendment"
            | "resolution"
            | "budget"
            | "provision"
            | "package"
            | "act"
            | "version"
            | "decision"
            | "policy"
            | "program"
            | "treaty"
            | "agreement"
            | "plan"
            | "which"
    )
}

/// A modal and its kind: speculative (could, might, may) or future (will, would, can, won't).
/// "Couldn't" speaks of ability, not of what will happen, and is left out; "can" counts only
/// after a condition (below).
fn modal(w: W) -> Option<bool> {
    match w.as_str() {
        "could" | "might" | "may" => Some(true),
        "will" | "would" | "can" | "should" | "won't" | "won’t" | "wouldn't" | "wouldn’t" => {
            Some(false)
        }
        _ if w.ends_with("'ll") || w.ends_with("’ll") => Some(false),
        _ => None,
    }
}

/// Words that cannot follow a modal as its verb: "the lobbying might of", "in May and June".
fn not_a_verb(w: W) -> bool {
    is!(
        w,
        "of" | "the"
            | "a"
            | "an"
            | "and"
            | "or"
            | "to"
            | "in"
            | "on"
            | "for"
            | "at"
            | "by"
            | "with"
            | "from"
            | "as"
            | "that"
            | "this"
            | "is"
            | "was"
    ) || w.starts_with(|c: char| c.is_ascii_digit())
}

fn is_participle(w: W) -> bool {
    w.ends_with("ed")
        || is!(
            w,
            "held"
                | "sworn"
                | "made"
                | "given"
                | "taken"
                | "seen"
                | "known"
                | "shown"
                | "done"
                | "paid"
                | "sent"
                | "built"
                | "heard"
                | "told"
                | "won"
                | "chosen"
                | "met"
                | "set"
                | "put"
                | "cut"
        )
}

/// "makes it more likely that", "would make a deal less likely to pass": a cause said to
/// change the odds of an outcome is a forecast, where "more likely to vote for" alone compares
/// shares. `i` is "likely" (or "unlikely") after "more" or "less".
fn made_likely(toks: &[&Token], i: usize) -> Option<(Span, f64)> {
    if !is!(word(toks, i - 1), "more" | "less") || !is!(word(toks, i + 1), "to" | "that") {
        return None;
    }
    let make = (i.saturating_sub(8)..i - 1)
        .find(|&k| is!(word(toks, k), "make" | "makes" | "made" | "making"))?;
    Some((span(toks, make, i), 0.5))
}

/// The first forecast in the writer's words: its span and weight.
/// The words the patterns below start at (the modals also at any "'ll"): a token that is
/// none of them starts no forecast, and one bit test passes over it.
const STARTS: Buckets = Buckets::union(&[
    &LIKELIHOOD,
    &Buckets::of(&[
        "stands",
        "stand",
        "stood",
        "track",
        "course",
        "pace",
        "risks",
        "risk",
        "risked",
        "risking",
        "looks",
        "appears",
        "seems",
        "looked",
        "appeared",
        "seemed",
        "promises",
        "promised",
        "likely",
        "unlikely",
        "inevitable",
        "imminent",
        "chances",
        "odds",
        "likelihood",
        "prospects",
        "threatening",
        "threatens",
        "possible",
        "possibility",
        "possibilities",
        "going",
        "could",
        "might",
        "may",
        "will",
        "would",
        "should",
        "can",
        "won't",
        "won’t",
        "wouldn't",
        "wouldn’t",
    ]),
]);

fn find(text: &str, toks: &[&Token]) -> Option<(Span, f64)> {
    super::skipping_scan("UA006", text, toks, scan)
}

fn scan(text: &str, toks: &[&Token], skip: bool) -> Option<(Span, f64)> {
    // Asked only of a modal that forecasts nothing else (rare): not a scan of every sentence.
    let conditional = || toks.iter().any(|t| is!(t.lower.w(), "if" | "unless"));
    for i in 0..toks.len() {
        let w = toks[i].lower.w();
        if skip && !w.may_be_in(&STARTS) && !(w.ends_with('l') && modal(w).is_some()) {
            continue;
        }
        let near = |j: usize| j < toks.len() && next_to(text, toks[j - 1], toks[j]);
        // "is sure to", "likely to", "poised to"
        if is_likelihood(w) && near(i + 1) && word(toks, i + 1) == "to" {
            // "is certain to", and "seemed certain to": a verb of seeming links like "be".
            let be_before = i > 0
                && (super::words::is_be(word(toks, i - 1))
                    || is!(
                        word(toks, i - 1),
                        "seem" | "seems" | "seemed" | "appear" | "appears" | "appeared"
                    ));
            // "more likely to vote for": a comparison of shares (a poll's finding), not a
            // forecast; but "would make any claim less likely to prevail" forecasts an effect.
            if i > 0 && is!(word(toks, i - 1), "more" | "less" | "most" | "least") {
                if let Some(found) = made_likely(toks, i) {
                    return Some(found);
                }
                continue;
            }
            // "Lawmakers made sure to raise the caps": a deed done, not a forecast.
            if w == "sure" && i > 0 && is!(word(toks, i - 1), "make" | "makes" | "made" | "making")
            {
                continue;
            }
            // "Be sure to wash your hands": a call to action, not a forecast.
            if i > 0 && word(toks, i - 1) == "be" && (i < 2 || modal(word(toks, i - 2)).is_none()) {
                continue;
            }
            // "certain to" and "apt to" only after "be": "a certain town".
            if is!(w, "certain" | "apt") && !be_before {
                continue;
            }
            let start = if be_before { i - 1 } else { i };
            return Some((span(toks, start, i + 1), 0.55));
        }
        // "makes it more likely that Trump's tax returns are made public"
        if w == "likely" && i > 0 && word(toks, i + 1) == "that" && near(i + 1) {
            if let Some(found) = made_likely(toks, i) {
                return Some(found);
            }
        }
        // "stands to gain", "on track to", "on course to": an outcome forecast ("stands to
        // reason" is a booster's).
        if (is!(w, "stands" | "stand" | "stood")
            && word(toks, i + 1) == "to"
            && near(i + 1)
            && near(i + 2)
            && !is!(word(toks, i + 2), "reason" | "trial" | "attention"))
            || (is!(w, "track" | "course" | "pace")
                && i > 0
                && word(toks, i - 1) == "on"
                && word(toks, i + 1) == "to"
                && near(i + 1))
        {
            let start = if w.starts_with("stand") || w == "stood" {
                i
            } else {
                i - 1
            };
            return Some((span(toks, start, i + 1), 0.45));
        }
        // "risks alienating", "runs the risk of", "at risk of losing": a feared outcome.
        if is!(w, "risks" | "risk" | "risked" | "risking")
            && near(i + 1)
            && (word(toks, i + 1).ends_with("ing")
                || (word(toks, i + 1) == "of"
                    && i > 0
                    && (word(toks, i - 1) == "at"
                        || (word(toks, i - 1) == "the"
                            && i > 1
                            && is!(word(toks, i - 2), "run" | "runs" | "ran" | "running")))
                    && word(toks, i + 2).ends_with("ing")))
            && !(i > 0
                && is!(
                    word(toks, i - 1),
                    "a" | "an" | "the" | "health" | "security"
                ))
        {
            return Some((span(toks, i, i + 1), 0.4));
        }
        // "looks set to", "appears set to", "promises to be": a forecast in the writer's voice.
        if (is!(
            w,
            "looks" | "appears" | "seems" | "looked" | "appeared" | "seemed"
        ) && word(toks, i + 1) == "set"
            && word(toks, i + 2) == "to"
            && near(i + 1))
            || (is!(w, "promises" | "promised")
                && word(toks, i + 1) == "to"
                && word(toks, i + 2) == "be"
                && near(i + 2))
        {
            return Some((span(toks, i, i + 2), 0.45));
        }
        // "Trump likely knew", "the measure likely faces": speculation without a modal ("the
        // likely nominee", "likely voters" are not).
        if w == "likely"
            && i > 0
            && !is!(
                word(toks, i - 1),
                "the"
                    | "a"
                    | "an"
                    | "most"
                    | "more"
                    | "less"
                    | "very"
                    | "as"
                    | "is"
                    | "are"
                    | "was"
                    | "were"
                    | "be"
                    | "seems"
                    | "looks"
                    | "not"
            )
            && near(i + 1)
            && (word(toks, i + 1).ends_with("ed")
                || is!(
                    word(toks, i + 1),
                    "is" | "was"
                        | "were"
                        | "has"
                        | "have"
                        | "had"
                        | "will"
                        | "would"
                        | "faces"
                        | "means"
                        | "remains"
                        | "needs"
                        | "helps"
                        | "hurts"
                        | "knew"
                        | "saw"
                        | "won"
                        | "lost"
                        | "made"
                        | "took"
                        | "gave"
                ))
        {
            return Some((span(toks, i, i + 1), 0.45));
        }
        // "a deal is unlikely this year", "seems likely": a judgement of likelihood.
        if is!(w, "likely" | "unlikely" | "inevitable" | "imminent")
            && i > 0
            && (be_before(toks, i)
                || is!(word(toks, i - 1), "seems" | "seemed" | "looks" | "looked"))
            && word(toks, i + 1) != "to"
            && (i < 2 || !is!(word(toks, i - 2), "it" | "not"))
        {
            return Some((span(toks, i - 1, i), 0.45));
        }
        // "the chances ... are", "the odds of", "prospects for"
        if is!(w, "chances" | "odds" | "likelihood" | "prospects")
            && is!(
                word(toks, i + 1),
                "of" | "that" | "are" | "for" | "look" | "seem" | "remain" | "were"
            )
        {
            return Some((span(toks, i, i), 0.5));
        }
        // "threatening to drag us down"
        if is!(w, "threatening" | "threatens") && word(toks, i + 1) == "to" {
            let by_person = i > 0 && toks[i - 1].capitalised;
            if !by_person {
                return Some((span(toks, i, i + 1), 0.45));
            }
        }
        // "it's possible that", "there is a chance"
        if w == "possible" && word(toks, i + 1) == "that" {
            return Some((span(toks, i, i + 1), 0.45));
        }
        // "One possibility is", "the possibility that": speculation named as such.
        if is!(w, "possibility" | "possibilities")
            && (is!(word(toks, i + 1), "is" | "are")
                || (i > 0
                    && is!(
                        word(toks, i - 1),
                        "one" | "another" | "real" | "distinct" | "strong"
                    )))
        {
            return Some((span(toks, i, i), 0.4));
        }
        // "is not going to do anything", "are going to lose": the future, stated ("going to
        // have to" is obligation).
        if w == "going"
            && word(toks, i + 1) == "to"
            && word(toks, i + 2) != "have"
            && i > 0
            && (be_before(toks, i) || word(toks, i - 1) == "not")
            && near(i + 2)
            && !not_a_verb(word(toks, i + 2))
            && !is_schedule_verb(word(toks, i + 2))
        {
            let mut k = i - 1;
            while k > 0 && (super::words::is_be(word(toks, k)) || word(toks, k) == "not") {
                k -= 1;
            }
            if !is_first_person(word(toks, k)) && word(toks, k) != "you" {
                return Some((span(toks, i, i + 2), 0.4));
            }
        }
        let Some(speculative) = modal(w) else {
            continue;
        };
        // "in May": the month.
        if w == "may" && toks[i].capitalised && i > 0 {
            continue;
        }
        // Inside a condition ("even if the team feels that it may not be"), a modal states
        // no forecast of its own.
        if let Some(f) = toks[..i]
            .iter()
            .rposition(|t| is!(t.lower.w(), "if" | "unless" | "whether"))
        {
            if i - f <= 8 && !text[toks[f].span.end..toks[i].span.start].contains(',') {
                continue;
            }
        }
        // The subject: a text's provisions, or the writer's own "we"/"I", are not forecasts.
        let mut k = i;
        while k > 0 && is_aux_adverb(word(toks, k - 1)) {
            k -= 1;
        }
        let subject = if k > 0 { word(toks, k - 1) } else { W::EMPTY };
        if is_document_subject(subject) || is_first_person(subject) || subject == "you" {
            continue;
        }
        // "can" forecasts only as the consequence of a condition: "If Republicans can
        // reduce these costs, they can put more money in workers' pockets."
        if w == "can" {
            let after_if = toks[..i]
                .iter()
                .rposition(|t| t.lower == "if")
                .is_some_and(|f| text[toks[f].span.end..toks[i].span.start].contains(','));
            if !after_if {
                continue;
            }
        }
        // Skip adverbs to the verb.
        let mut j = i + 1;
        let mut hedged = false;
        while j < toks.len() && near(j) && is_aux_adverb(word(toks, j)) && word(toks, j) != "have" {
            j += 1;
        }
        while j < toks.len()
            && near(j)
            && is!(
                word(toks, j),
                "well" | "likely" | "probably" | "surely" | "certainly" | "inevitably" | "almost"
            )
        {
            hedged = true;
            j += 1;
        }
        if j >= toks.len() || !near(j) || not_a_verb(word(toks, j)) || toks[j].capitalised {
            continue;
        }
        let v = word(toks, j);
        if speculative {
            // "could not be reached", "may be reached": a reporter's routine.
            if is!(v, "be" | "not") && word(toks, j + 1) == "reached" {
                continue;
            }
            // "may" also grants permission ("the owners may seek damages"): it forecasts
            // only with "well", "be", "have" or a verb of consequence.
            if w == "may" && !hedged && !is!(v, "be" | "have") && !is_consequence_verb(v) {
                continue;
            }
            if v.chars().next().is_some_and(|c| c.is_alphabetic()) {
                return Some((span(toks, i, j), if hedged { 0.55 } else { 0.45 }));
            }
            continue;
        }
        // "should" forecasts only an effect ("Persistent hiring should help keep consumers
        // spending", "should ease pressure"); "should be", "should resign" prescribe.
        if w == "should" {
            if is_consequence_verb(v) && !is!(v, "go" | "put" | "open" | "face" | "end" | "leave") {
                return Some((span(toks, i, j), 0.4));
            }
            continue;
        }
        // will / would / can / won't
        if hedged {
            return Some((span(toks, i, j), 0.55));
        }
        if v == "have" && is_participle(word(toks, j + 1)) && w != "would" {
            return Some((span(toks, i, j + 1), 0.45));
        }
        if v == "be" && w != "would" {
            let next = word(toks, j + 1);
            let verdict = is!(
                next,
                "a" | "an"
                    | "the"
                    | "more"
                    | "less"
                    | "very"
                    | "far"
                    | "much"
                    | "hard"
                    | "difficult"
                    | "easy"
                    | "key"
                    | "crucial"
                    | "critical"
                    | "vital"
                    | "decisive"
                    | "significant"
                    | "impossible"
                    | "tough"
                    | "only"
                    | "no"
                    | "enough"
                    | "too"
                    | "even"
                    | "better"
                    | "worse"
            );
            // "will be the first Latino keynote speaker", "will be the second time": a place
            // in a series, which the calendar settles.
            let ordinal = next == "the"
                && is!(
                    word(toks, j + 2),
                    "first" | "second" | "third" | "fourth" | "fifth" | "sixth" | "last" | "next"
                )
                // "he'll be the first to admit": a forecast of conduct.
                && word(toks, j + 3) != "to";
            if verdict && !is_participle(next) && !ordinal {
                return Some((span(toks, i, j + 1), 0.4));
            }
            continue;
        }
        if is_schedule_verb(v) {
            continue;
        }
        if (is_consequence_verb(v) || w == "can")
            && (w != "would" || is!(v, "prove" | "spell" | "doom" | "backfire"))
        {
            return Some((span(toks, i, j), 0.4));
        }
        if w != "would" && conditional() {
            return Some((span(toks, i, j), 0.35));
        }
    }
    None
}
fixtures! {"UA006", r#"
    That prospect is sure to infuriate the White House. => is sure to
    The endorsement could prove helpful to the governor. => could prove
    // An embedded question asks; the main verb after a question that is the subject claims.
    It is unclear whether the tweets might stand up in court. =>
    Whether that holds up by Election Day could be a crucial factor in key states. => could be
    // A relative clause reports only its antecedent's words; the claim before it is the writer's.
    The key vote could belong to Justice Anthony Kennedy, who said he was troubled by the suit. => could belong
    Boehner, who has said he will stay until a new speaker is chosen, could be forced to stay put. => could be
    The chances of a deal this year are far more remote. => chances
    That estimate may climb higher after the first field test. => may climb
    Persistent hiring should help keep consumers spending. => should help
    The governor should resign. =>
    Owners may seek damages in state court. =>
    Riots won't bring racial equality. => won't bring
    His career will have generated a lengthy paper trail. => will have generated
    It will be a very big deal for the court. => will be a
    It will be the second time in two days that he has served. =>
    He'll be the first to admit that those were mistakes. => He'll be the
    Lawmakers made sure to raise the budget caps every year. =>
    The fiscal loop is threatening to drag the economy down. => threatening to
    Farmers stand to lose billions from the tariffs. => stand to
    The state is on track to run out of money by June. => on track to
    The move risks alienating suburban voters. => risks alienating
    The bill looks set to pass the House. => looks set to
    The senator likely knew about the payments. => likely knew
    That fact would make any claim of discrimination less likely to prevail. => make any claim of discrimination less likely
    The ruling makes it more likely that the returns are made public. => makes it more likely
    Women were more likely to vote for the measure than men. =>
    The details will shed light on the breadth of his actions. => will shed
    A deal before the holidays is unlikely. => is unlikely
    // "stands to reason", the likely nominee, a risk named as a noun: not forecasts.
    It stands to reason that costs went up. =>
    The likely nominee spoke on Tuesday. =>
    The program carries a risk of losing funding, the auditor said. =>
    The measures reduce the risk of queuing at polling stations. =>
    The fight over Trump's likely acquittal shaped the campaign. =>
    // Sourced, scheduled, or what a bill says: not the writer's forecast.
    The plan will fail, the governor said. =>
    The Senate will vote on the bill Tuesday. =>
    The bill would cut taxes for families. =>
    He could not be reached for comment. =>
    Will the plan survive the winter? =>
"#}

/// The word before `i` is a form of "be" standing on its own ("is", "are", "was") or one of
/// the contractions that keep the verb visible ("it's", "that's", "there's"): not "he's",
/// which is as often "he has".
fn be_before(toks: &[&Token], i: usize) -> bool {
    let prev = word(toks, i - 1);
    super::words::is_be(prev)
        && (!prev.contains(['\'', '’'])
            || is!(
                prev,
                "it's" | "it’s" | "that's" | "that’s" | "there's" | "there’s"
            ))
}
