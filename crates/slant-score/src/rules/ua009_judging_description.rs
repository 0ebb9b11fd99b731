//! ## What it flags
//! Evaluation stated as fact in milder, everyday words: judging adjectives, nouns, adverbs
//! and phrases attached to people, acts and events in the writer's own part of the sentence
//! (the `evaluation` lexicon: "controversial", "combative", "a coveted spot", "a misstep",
//! "in a surprise move", "unfortunately"; and the milder intensifiers, weight below 0.4,
//! which UA004 leaves alone: "embattled", "misleading"; and milder emotional words and labels
//! when predicated: "is a tragedy", "was a fiasco"; and the milder loaded words UA004
//! leaves alone, weight 0.3 or more, in the writer's own words: charged verbs of conduct,
//! "stoked", "slashed", "hobbled"; emotional words, "backlash"; mild hyperbole, "massive",
//! "in history"), plus patterns of
//! judgement: an impression given as fact ("seemed the most ambivalent"), "too ... to"
//! ("too popular to oppose"), understatement ("hardly subtle", "didn't exactly", "no
//! stranger to", "is not one to"), a ranking of merit ("one of the most talented", "two of
//! the most obnoxiously partisan", "among the finest"; not a ranking of size or count, "one
//! of the most populous"), a feeling or state of argument asserted to exist ("there's also
//! tension inside the White House", "there are deep divides", "there has been a lot of
//! confusion"; "there is no logical reason", "there is little evidence" when ruled out or
//! scanted), "just how" ("underscores just
//! how fraught"), an inference drawn in a participle after a comma (", suggesting the
//! labor market was losing momentum", ", underscoring"), and one drawn from an event, act or
//! fact ("this referendum shows that", "the fact that the NFL made that argument suggests";
//! not "the report shows", a document). A judging word (the `evaluation` and
//! `intensifier` lexicons) attached to a noun inside a reported clause, outside quotation
//! marks, is flagged too: the speaker's claim is reported, but "saying the *controversial*
//! center should be built elsewhere" or "a deal that has come under *withering* criticism" is
//! the writer's own description. A word the speaker is reported as using to name something
//! ("called it a reckless gamble") is not, nor is a sentence that adopts its source's account
//! ("As Jim Pethokoukis notes, ...", "According to the report, ...").
//!
//! ## Why it matters
//! "The embattled senator", "a controversial law", "his combative behavior": each is a verdict
//! the reader takes in as description. A news editor would ask who holds that view, or for
//! the facts that let the reader judge.
//!
//! ## Example
//! "Rep. Etheridge apologized for his *combative* behavior." (sourced: "... for what critics
//! on both sides called combative behavior" is still vague; "... for what Speaker Pelosi called
//! combative behavior" names the judge)
//!
//! ## Known false positives
//! Words whose judgement is settled fact in context (a "controversial" law whose controversy
//! the article reports), opinion columns, and a judging word inside a speaker's paraphrase
//! that the rule takes as the writer's. A charged verb's form used as a noun without a
//! determiner ("stiff bristles") is taken as the verb; one after a determiner ("the
//! bristles"), a capitalised one inside the sentence ("Little Axe") and hyperbole that sizes
//! a quantity ("a huge number of") are left alone. Measured on the dev and own labels, these
//! milder loaded words are right a little over half the time; a reader of the evidence sees
//! which word fired and judges. Neutral compounds are shielded by weight-0 entries
//! ("vital signs", "historic landmark").

use super::words::{fact_subject, next_to, span, word};
use super::{hit_findings, weighed_hit_findings, Ctx, Finding, Flag};
use crate::lexicon::Category;
use crate::matcher::Hit;
use crate::text::{Token, W};
use slant_ingest::Span;

rule! {
    JudgingDescription, "UA009", "judging_description", Unattributed("judging_description"), "ua009_judging_description.rs",
    "people, acts or events described with judging words in the outlet's own voice"
}

/// The loaded category whose milder entries (weight below UA004's 0.4) still judge. Mild
/// exaggeration ("entirely", "huge") intensifies rather than judges, and mild emotional words
/// and labels mostly name things ("massacre", "feud", "far-right"): they are left out.
const LOADED: &[Category] = &[Category::Intensifier];

/// Words of degree that make an impression a verdict ("seemed the most ambivalent").
fn is_degree(w: W) -> bool {
    is!(
        w,
        "most"
            | "more"
            | "less"
            | "least"
            | "so"
            | "too"
            | "very"
            | "quite"
            | "rather"
            | "increasingly"
            | "particularly"
            | "especially"
            | "oddly"
            | "strangely"
            | "remarkably"
            | "unusually"
            | "deeply"
            | "utterly"
            | "thoroughly"
            | "genuinely"
    )
}

/// Mild intensifiers that measure degree rather than judge ("extremely rare", "bitterly
/// divided", "dramatically increased").
fn is_degree_only(term: &str) -> bool {
    is!(
        term,
        "extremely" | "dramatically" | "drastically" | "fiercely" | "aggressively" | "bitterly"
    )
}

fn reported_descriptions(ctx: &Ctx, out: &mut Vec<Finding>) {
    // "As Jim Pethokoukis notes, ... the sub-par numbers", "According to the report, ...": the
    // writer adopts the source's account, words and all.
    if ctx
        .author_tokens
        .first()
        .is_some_and(|t| is!(t.lower.w(), "as" | "according"))
    {
        return;
    }
    // A fragment of a quotation opened or closed in a neighbouring sentence is the speaker's
    // words, descriptions and all ("... this long overdue bill.”").
    let in_fragment = |span: Span| ctx.sourcing.fragment.is_some_and(|f| f.overlaps(span));
    let reported = ctx.author_hits(REPORTED).filter(|h| {
        !ctx.in_writer_part(h.span)
            && !in_fragment(h.span)
            && attributive(ctx.author_tokens, h.span)
            && !named(ctx.author_tokens, h.span)
    });
    weighed_hit_findings(ctx, &INFO, reported, |_, _| Some(0.3), out);
}

/// The loaded categories whose milder words, in the writer's own part, still describe with a
/// verdict (see `check`).
///
/// One-sided names ("Obamacare", "unborn child", "Kiev") are not among them: a naming choice
/// is loaded language (LL007), not a claim that needs a source, and the dev set's readers
/// never count one ("stripped funding for Obamacare", "pro-life advocacy group").
const CHARGED: &[Category] = &[
    Category::ChargedVerb,
    Category::Emotional,
    Category::Exaggeration,
];

/// Loaded entries lighter than this (weight 0.2: "soar", "border wall", "rebuke") mostly name
/// things in everyday news wording; they stay with the loaded score.
const MILD_LOADED: f64 = 0.3;

/// The judging categories whose words, attached to a noun in a reported clause, are still the
/// writer's description.
const REPORTED: &[Category] = &[Category::Evaluation, Category::Intensifier];

/// The word at `span` stands before its noun after a determiner or possessive ("the
/// controversial center", "his combative behavior", "under withering criticism"), and is not
/// the name a speaker gives something ("called it a reckless gamble", "described as").
fn attributive(toks: &[&Token], span: Span) -> bool {
    let Some(i) = toks.iter().position(|t| t.span.start == span.start) else {
        return false;
    };
    let Some(j) = toks.iter().position(|t| t.span.end == span.end) else {
        return false;
    };
    let before = if i > 0 {
        toks[i - 1].lower.w()
    } else {
        W::EMPTY
    };
    let determiner = is!(
        before,
        "the" | "a" | "an" | "his" | "her" | "their" | "its" | "this" | "these" | "under"
    );
    let naming = i > 1
        && is!(
            toks[i - 2].lower.w(),
            "called"
                | "calling"
                | "calls"
                | "call"
                | "dubbed"
                | "labeled"
                | "labelled"
                | "branded"
                | "termed"
                | "deemed"
                | "as"
                | "it"
                | "was"
                | "is"
                | "be"
        );
    // A noun must follow (a word, not a verb's "to" or a clause's "that").
    let noun_follows = toks.get(j + 1).is_some_and(|t| {
        t.lower.chars().next().is_some_and(char::is_alphabetic)
            && !is!(
                t.lower.w(),
                "to" | "that" | "and" | "or" | "of" | "for" | "in" | "on" | "with" | "as"
            )
    });
    determiner && !naming && noun_follows
}

/// The word at `span` is capitalised inside the sentence: part of a name or a title ("Little
/// Axe", "Menace on the Mountain", "the Warsaw Uprising"), not the writer's description.
fn named(toks: &[&Token], span: Span) -> bool {
    toks.iter()
        .position(|t| t.span.start == span.start)
        .is_some_and(|i| i > 0 && toks[i].capitalised)
}

/// A verb's form used as a noun or a noun's modifier after a determiner, a possessive or
/// "of" ("the bristles", "the caterpillar's gut", "a hammer lane"): it names a thing.
fn noun_use(toks: &[&Token], span: Span) -> bool {
    let Some(i) = toks.iter().position(|t| t.span.start == span.start) else {
        return false;
    };
    i > 0
        && is!(
            toks[i - 1].lower.w(),
            "the"
                | "a"
                | "an"
                | "his"
                | "her"
                | "its"
                | "their"
                | "our"
                | "my"
                | "your"
                | "'s"
                | "s"
                | "of"
                | "and"
                | "this"
                | "that"
        )
}

/// The word at `span` sizes a quantity ("a huge number of", "an immense amount of", "the
/// sheer variety"): a measure, not a verdict on anyone.
fn of_quantity(toks: &[&Token], span: Span) -> bool {
    toks.iter()
        .position(|t| t.span.end == span.end)
        .and_then(|j| toks.get(j + 1))
        .is_some_and(|t| {
            is!(
                t.lower.w(),
                "number"
                    | "numbers"
                    | "amount"
                    | "amounts"
                    | "quantity"
                    | "quantities"
                    | "part"
                    | "sum"
                    | "sums"
                    | "range"
                    | "variety"
                    | "array"
                    | "margin"
            )
        })
}

/// The word at `span` follows a form of "be" (with at most an article or degree word between).
fn predicated(toks: &[&Token], span: Span) -> bool {
    let Some(i) = toks.iter().position(|t| t.span.start == span.start) else {
        return false;
    };
    let mut k = i;
    let mut skipped = 0;
    while k > 0 && skipped < 2 {
        let w = toks[k - 1].lower.w();
        if super::words::is_be(w) {
            return true;
        }
        if !is!(
            w,
            "a" | "an"
                | "such"
                | "truly"
                | "real"
                | "total"
                | "complete"
                | "utter"
                | "pure"
                | "just"
        ) {
            return false;
        }
        k -= 1;
        skipped += 1;
    }
    k > 0 && super::words::is_be(toks[k - 1].lower.w())
}

/// An impression, an excess or an understatement: the span of the pattern.
fn pattern(text: &str, toks: &[&Token]) -> Option<Span> {
    for i in 0..toks.len() {
        let w = toks[i].lower.w();
        let near = |j: usize| j < toks.len() && next_to(text, toks[j - 1], toks[j]);
        // "seemed the most ambivalent", "appears increasingly isolated"
        if is!(
            w,
            "seem" | "seems" | "seemed" | "appear" | "appears" | "appeared"
        ) {
            let mut j = i + 1;
            if word(toks, j) == "to" && word(toks, j + 1) == "be" {
                j += 2;
            }
            if word(toks, j) == "the" {
                j += 1;
            }
            if near(j) && is_degree(word(toks, j)) && near(j + 1) {
                return Some(span(toks, i, j + 1));
            }
        }
        // "underscores just how fraught", "shows just how badly"
        if w == "just" && word(toks, i + 1) == "how" && near(i + 1) && near(i + 2) {
            return Some(span(toks, i, i + 2));
        }
        // ", suggesting the market was losing momentum": an inference from facts, in the
        // writer's voice.
        if is!(
            w,
            "suggesting"
                | "signaling"
                | "signalling"
                | "indicating"
                | "underscoring"
                | "highlighting"
        ) && i > 0
            && text[toks[i - 1].span.end..toks[i].span.start].contains(',')
        {
            return Some(span(toks, i, i));
        }
        // "The decision suggests the court is wary", "the surge in cases shows that ...": an
        // event, act or fact offered as evidence for the writer's own conclusion.
        if is!(
            w,
            "suggests"
                | "suggested"
                | "shows"
                | "showed"
                | "indicates"
                | "indicated"
                | "signals"
                | "signaled"
                | "signalled"
                | "proves"
                | "proved"
                | "underscores"
                | "underscored"
        ) && i > 0
            && fact_subject(toks, i - 1, i - 1)
            && near(i)
        {
            return Some(span(toks, i, i));
        }
        // "too popular to oppose"
        if w == "too"
            && near(i + 1)
            && word(toks, i + 2) == "to"
            && near(i + 2)
            && !is!(
                word(toks, i + 1),
                "much" | "many" | "late" | "early" | "soon" | "long"
            )
        {
            return Some(span(toks, i, i + 2));
        }
        // "one of the most talented", "among the finest", "two of the most obnoxiously
        // partisan": a ranking of merit is the writer's verdict (a ranking of size or
        // frequency, "one of the most populous", is a measure and is left alone).
        if let Some(end) = quality_superlative(text, toks, i) {
            return Some(span(toks, i, end));
        }
        // "There's also tension inside the White House", "there are deep divides", "There is
        // no logical reason": a state of feeling or of argument asserted to exist.
        if let Some(end) = asserted_state(text, toks, i) {
            return Some(span(toks, i, end));
        }
        // "didn't exactly have their eyes on the ball", "is no stranger to", "is not one to
        // shy from": understatement that passes a verdict.
        if (w == "exactly"
            && i > 0
            && is!(
                word(toks, i - 1),
                "not" | "didn't" | "didn’t" | "isn't" | "isn’t" | "wasn't" | "wasn’t"
            ))
            || (w == "stranger" && i > 0 && word(toks, i - 1) == "no" && word(toks, i + 1) == "to")
            || (w == "one"
                && i > 1
                && word(toks, i - 1) == "not"
                && word(toks, i + 1) == "to"
                && super::words::is_be(word(toks, i - 2)))
        {
            // "didn't exactly", "no stranger to", "not one to"
            let end = if w == "exactly" { i } else { i + 1 };
            return Some(span(toks, i - 1, end));
        }
        // "hardly subtle", "anything but clear"
        if (w == "hardly" || (w == "anything" && word(toks, i + 1) == "but"))
            && near(i + 1)
            && i + 1 < toks.len()
        {
            let end = if w == "anything" { i + 2 } else { i + 1 };
            if end < toks.len()
                && !is!(
                    word(toks, end),
                    "any" | "a" | "an" | "the" | "ever" | "anyone" | "anything"
                )
            {
                return Some(span(toks, i, end));
            }
        }
    }
    None
}

/// Superlatives that rank by merit or fault, not by size or count.
fn is_merit_superlative(w: W) -> bool {
    is!(
        w,
        "best"
            | "worst"
            | "greatest"
            | "finest"
            | "smartest"
            | "brightest"
            | "toughest"
            | "fiercest"
            | "boldest"
            | "bravest"
            | "starkest"
            | "sharpest"
            | "savviest"
            | "shrewdest"
            | "ablest"
            | "cleverest"
            | "dumbest"
            | "craziest"
            | "weirdest"
            | "strangest"
            | "saddest"
            | "ugliest"
            | "nastiest"
            | "dirtiest"
            | "wisest"
            | "silliest"
    )
}

/// After "most" or "least", words that measure rather than judge: "the most populous
/// state", "one of the most visited sites", "the most likely outcome", "most recent".
fn is_measure_adjective(w: W) -> bool {
    w.ends_with("ly")
        || is!(
            w,
            "populous"
                | "populated"
                | "recent"
                | "common"
                | "likely"
                | "visible"
                | "senior"
                | "prominent"
                | "powerful"
                | "expensive"
                | "popular"
                | "competitive"
                | "affected"
                | "vulnerable"
                | "influential"
                | "active"
                | "frequent"
                | "valuable"
                | "diverse"
                | "dangerous"
                | "deadly"
                | "important"
                | "conservative"
                | "liberal"
                | "progressive"
                | "famous"
                | "watched"
                | "visited"
                | "viewed"
                | "read"
                | "searched"
                | "used"
                | "cited"
                | "wanted"
                | "followed"
                | "downloaded"
                | "traded"
                | "shared"
                | "requested"
                | "experienced"
                | "qualified"
                | "successful"
                | "significant"
                | "severe"
                | "serious"
                | "prolific"
                | "educated"
                | "wealthy"
                | "part"
                | "of"
                | "people"
                | "americans"
                | "voters"
        )
}

/// "one of the most talented", "two of the most obnoxiously partisan", "among the finest":
/// the index of the ranking word when `toks[i]` opens one ("one", "two", "three" or "some"
/// before "of the", or "among the"; a bare "the best" is not read).
fn quality_superlative(text: &str, toks: &[&Token], i: usize) -> Option<usize> {
    let near = |j: usize| j < toks.len() && next_to(text, toks[j - 1], toks[j]);
    let w = toks[i].lower.w();
    // "one of the", "two of the", "among the"
    let the = if is!(w, "one" | "two" | "three" | "some") && word(toks, i + 1) == "of" {
        i + 2
    } else if w == "among" {
        i + 1
    } else {
        return None;
    };
    if word(toks, the) != "the" || !near(the) || !near(the + 1) {
        return None;
    }
    let rank = word(toks, the + 1);
    if is_merit_superlative(rank) {
        return Some(the + 1);
    }
    if is!(rank, "most" | "least") && near(the + 2) {
        let adj = the + 2;
        // "the most obnoxiously partisan": a judging adverb before the adjective.
        if word(toks, adj).ends_with("ly") && near(adj + 1) && word(toks, adj + 1).len() > 2 {
            return Some(adj + 1);
        }
        let w = word(toks, adj);
        if !is_measure_adjective(w) && w.chars().all(|c| c.is_ascii_alphabetic() || c == '-') {
            return Some(adj);
        }
    }
    None
}

/// Feelings and states of argument that "there is" asserts to exist (and, ruled out, the
/// nouns of [`needs_ruling_out`]).
fn is_asserted_state(w: W) -> bool {
    is!(
        w,
        "tension"
            | "tensions"
            | "confusion"
            | "divide"
            | "divides"
            | "divisions"
            | "contradictions"
            | "frustration"
            | "anger"
            | "doubt"
            | "doubts"
            | "momentum"
            | "appetite"
            | "consensus"
            | "unease"
            | "uncertainty"
            | "skepticism"
            | "scepticism"
            | "urgency"
            | "enthusiasm"
            | "resentment"
            | "distrust"
            | "mistrust"
            | "dissatisfaction"
            | "discontent"
            | "fatigue"
            | "angst"
            | "anxiety"
            | "animosity"
            | "acrimony"
            | "friction"
            | "rancor"
            | "rancour"
    )
}

/// Nouns that "there is" asserts only when ruled out or scanted ("there is little evidence",
/// "there is not yet any proof", "there is no alternative"): "there is evidence that" or
/// "there was a reason" report or explain.
fn needs_ruling_out(w: W) -> bool {
    is!(
        w,
        "reason" | "alternative" | "evidence" | "proof" | "relief" | "progress"
    )
}

/// "there's also tension", "there are deep divides", "there has been a lot of confusion",
/// "there is no logical reason": the index of the state's noun when `toks[i]` is "there"
/// opening one. "reason", "evidence" and the like count only after "no", "little" or "any"
/// ("there is no reason to believe", "there is little evidence of"), where the writer rules
/// something out; "there is a reason" explains.
fn asserted_state(text: &str, toks: &[&Token], i: usize) -> Option<usize> {
    let w = toks[i].lower.w();
    let mut j = if is!(w, "there's" | "there’s") {
        i + 1
    } else if w == "there" && super::words::is_be(word(toks, i + 1)) {
        i + 2
    } else {
        return None;
    };
    let near = |j: usize| j < toks.len() && next_to(text, toks[j - 1], toks[j]);
    if word(toks, j) == "been" {
        j += 1;
    }
    let mut ruled_out = false;
    for _ in 0..4 {
        if !near(j) {
            return None;
        }
        let x = word(toks, j);
        if is_asserted_state(x) {
            return Some(j);
        }
        if needs_ruling_out(x) {
            return ruled_out.then_some(j);
        }
        if is!(x, "no" | "little" | "scant" | "any") {
            ruled_out = true;
        }
        // At most three words stand between ("also", "a lot of", "deep", "no logical"), and
        // no "the", demonstrative or preposition that opens another phrase.
        if (x.len() < 2 && x != "a") || is!(x, "the" | "that" | "this" | "to" | "in" | "on" | "for")
        {
            return None;
        }
        j += 1;
    }
    None
}

const PATTERN: Flag = Flag {
    category: "evaluation",
    entry: "judging pattern",
    note: "an impression or verdict stated as fact: whose judgement is it?",
};

/// "grabs the reporter's wrist", "grabbed him by the neck", "snatched a phone": a verb of
/// taking with a person or a thing right after it tells what a hand did, a fact the camera
/// saw; "grabbed the headlines" judges. (It stays loaded language.)
fn bodily_act(ctx: &Ctx, hit: &Hit) -> bool {
    if !is!(ctx.entries[hit.entry].term.as_str(), "grab" | "snatch") {
        return false;
    }
    let toks = ctx.writer_tokens;
    let Some(k) = toks.iter().position(|t| t.span.start >= hit.span.end) else {
        return false;
    };
    is!(
        toks[k].lower.w(),
        "the" | "a" | "an" | "him" | "her" | "them" | "his" | "their" | "my" | "me"
    ) && !toks
        .get(k + 1)
        .is_some_and(|t| is!(t.lower.w(), "headlines" | "attention" | "spotlight"))
}

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    if !ctx.writer_claim() {
        // Reported whole ("..., in a statement released by his office"): only the writer's
        // descriptions inside it remain to judge.
        if ctx.sentence.voice != slant_ingest::Voice::Quoted
            && !ctx.question_or_first_person()
            && !ctx.is_caption()
        {
            reported_descriptions(ctx, out);
        }
        return;
    }
    // A judging word capitalised inside the sentence is part of a name ("The Plum Line",
    // "Big Government"), as for the loaded words below.
    let hits = ctx
        .writer_hits(&[Category::Evaluation])
        .filter(|h| !named(ctx.writer_tokens, h.span));
    hit_findings(ctx, &INFO, hits, out);
    let mild = |hit: &Hit, w: f64| {
        w < 0.4
            && !is_degree_only(&ctx.entries[hit.entry].term)
            && !named(ctx.writer_tokens, hit.span)
    };
    let hits = ctx.writer_hits(LOADED);
    weighed_hit_findings(ctx, &INFO, hits, |hit, w| mild(hit, w).then_some(0.3), out);
    // A mild emotional word or label predicated of something ("is a tragedy", "was a
    // fiasco") is a verdict, where the same word naming a thing ("the massacre") is not.
    let verdict = |hit: &Hit, w: f64| {
        w < 0.4 && predicated(ctx.writer_tokens, hit.span) && !named(ctx.writer_tokens, hit.span)
    };
    let hits = ctx.writer_hits(&[Category::Emotional, Category::Label]);
    weighed_hit_findings(
        ctx,
        &INFO,
        hits,
        |hit, w| verdict(hit, w).then_some(0.3),
        out,
    );
    // The milder loaded words UA004 leaves alone, in the writer's own words: a charged verb of
    // conduct ("stoked", "slashed", "hobbled"), an emotional word, mild hyperbole ("massive",
    // "in history"). Each is the writer's choice of how to describe what happened.
    let charged = |hit: &Hit, w: f64| {
        let e = &ctx.entries[hit.entry];
        if named(ctx.writer_tokens, hit.span) {
            return None;
        }
        let ok = match e.category {
            Category::ChargedVerb => {
                w < 0.6
                    && !super::ua004_bare_evaluation::voiced_attack(&e.term)
                    && !noun_use(ctx.writer_tokens, hit.span)
                    && !bodily_act(ctx, hit)
            }
            Category::Emotional => w < 0.4,
            Category::Exaggeration => w < 0.4 && !of_quantity(ctx.writer_tokens, hit.span),
            _ => false,
        };
        (ok && w >= MILD_LOADED).then_some(0.25)
    };
    let hits = ctx.writer_hits(CHARGED);
    weighed_hit_findings(ctx, &INFO, hits, charged, out);
    // A judging word the writer attaches to a thing inside a reported clause, outside
    // quotation marks ("saying the controversial center should be built elsewhere", "an
    // agreement that has come under withering criticism"): the speaker's claim is reported,
    // the description is the writer's own word choice.
    reported_descriptions(ctx, out);
    if let Some(span) = pattern(ctx.text(), ctx.writer_tokens) {
        out.push(ctx.flag(&INFO, &PATTERN, span, 0.4));
    }
}

fixtures! {"UA009", r#"
    // "to say the least" names no speaker: the judgement is the writer's.
    The measure is, to say the least, controversial. => controversial
    Rep. Etheridge apologized for his combative behavior. => combative
    // A hand taking hold of someone is an act; grabbing headlines is a verdict.
    He then grabs the man's wrist and refuses to let go. =>
    The senator grabbed the headlines again. => grabbed
    // The end of a quotation opened in an earlier sentence is the speaker's, descriptions too.
    they would help us pass this long overdue bill.” =>
    In 1970 he landed a coveted spot in the Marine Reserve. => coveted
    The minimum wage is too popular to oppose with ideology alone. => too popular to | popular
    // Everyday framing words: a habit, a cause, a trend, a standing, stated as fact.
    Such cases often end in lawsuits. => often
    That helped him upset the establishment's favorite. => helped
    Three editors resigned as a result of the growing scandal. => growing
    But North Carolina remains a wild card. => remains a
    The policy earned praise even from some usually critical voices. => even
    // A part in a task, a childhood, a conjunction and a vote count are not judgements.
    She helped with the nominations of two justices. =>
    He talked about growing up in South Bend. =>
    The rate can rise even as more jobs are added. =>
    Clinton won the popular vote. =>
    Justice Gorsuch seemed the most ambivalent of his colleagues. => seemed the most ambivalent | ambivalent
    The message was hardly subtle. => hardly subtle
    Fox ousted two of the most obnoxiously partisan figures on the network. => two of the most obnoxiously partisan | obnoxiously
    He is one of the most talented delegate hunters in the business. => one of the most talented | talented
    It is one of the best arguments for reform. => one of the best
    California is one of the most populous states. =>
    There's also tension inside the White House. => There's also tension
    There are deep divides within the party over trade. => There are deep divides
    There is no logical reason why the number should grow. => There is no logical reason
    There is a reason the vote was delayed. =>
    There is little evidence of abortions performed because of race. => There is little evidence
    There is evidence that the virus spread in January. =>
    The media didn't exactly have their eyes on the ball. => didn't exactly
    She is not one to shy from discussing her views. => not one to
    The senator is no stranger to controversy. => no stranger to
    Reid broke with Obama, saying the controversial center should be built elsewhere. => controversial
    Summers said an agreement that has come under withering criticism would pass. => withering
    Etheridge apologized for his combative behavior in a statement released by his office. => combative
    The speech veered from animal rights before settling on environmental platitudes. => platitudes
    This group represents a predictable merging of forces. => predictable
    It is therefore no surprise that she embraced the term. => no surprise
    Democratic leaders tried to no avail to press Trump to accept their offer. => to no avail
    These provisions do little to ease the anxiety of small lenders. => do little to
    The offer rings hollow after a decade of cuts. => rings hollow | hollow
    The ruling was a victory for the administration. => a victory for
    The governor had a rocky start to his second term. => rocky
    Rocky Point Missionary Baptist Church burned in 1993. =>
    The governor's cuts stoked fears across the state. => stoked
    The new rules hobbled small lenders. => hobbled
    The decision caused a backlash among donors. => backlash
    // A naming choice is loaded language (LL007), not a claim.
    The Senate voted to repeal Obamacare. =>
    The storm was one of the worst in history. => one of the worst | in history
    The band drew a huge number of fans. =>
    He played guitar on four Little Axe albums. =>
    News of the call was first reported by Greg Sargent at The Plum Line. =>
    Democrats slammed the plan on Tuesday. =>
    On Wednesday, the attorney general was grilled by a Senate panel about his decision. =>
    // Entries of lexicon 2026.12.3 (found with the head's help, docs/MODEL.md).
    Proving that the officer violated federal law will be difficult. => difficult
    The senator's rhetoric has grown more aggressive since the primary. => rhetoric | aggressive
    It remains to be seen whether the deal will hold. => remains to be seen
    The new tariffs exacerbated the shortage. => exacerbated
    This referendum shows that a new secular Ireland is here to stay. => shows
    The report shows that the plan failed. =>
    // Sourced, quoted, named by the speaker, adopted from a source, or neutral compounds.
    As one economist notes, wage growth is stuck at the sub-par rates of 2011. =>
    Smith said the plan was a mistake, calling it a combative move. =>
    His behavior was combative, the congressman's rival said. =>
    // The speakers after the comma said what comes before it.
    Proving that the officer violated federal law will be controversial, former prosecutors said. =>
    "The senator's rhetoric has grown more aggressive," Smith said. =>
    "It was a coveted spot," he said. =>
    The patient's vital signs were stable. =>
"#}
