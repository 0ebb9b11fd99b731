//! ## What it flags
//! Vague sources from the `vague_source` lexicon in the outlet's own words: "critics say",
//! "some analysts", "many observers", "experts believe", "it is widely believed".
//!
//! ## Why it matters
//! A vague source borrows authority without giving the reader anyone to check. It lets an
//! outlet state its own view as if others held it ("weasel words").
//!
//! ## Example
//! "The shift is a compromise, *some analysts* say." (sourced: "said Jane Roe, an analyst
//! at the Institute for ...")
//!
//! ## Known false positives
//! A vague source followed by a named one in the same or the next sentence ("Critics, among
//! them Senator X, ..."), and summaries of a poll that the article cites elsewhere.
//! Besides the lexicon, the rule flags a quantifier and a few words before a reporting verb
//! ("some Gore supporters contend", "many residents believe"), and a bare group given as the
//! speaker of a reported claim ("critics of the measure say", "strategists said", "the
//! business community has said"). Which groups are too vague is the `[score] group_sources`
//! setting: by default a party or movement speaking as such ("Republicans said", "Senate
//! Democrats said") is a source and a role ("critics", "experts", "strategists") is not.
//! Sources with nothing said about them but a count ("Sources told Fox News", "two sources
//! told Reuters", "according to sources", "..., sources said") are vague too; described ones ("two sources
//! familiar with the talks", "congressional sources") are anonymous sources and count.
//! Questions and the author's own first-person view are not claims and are left alone. Speech
//! or feeling with no one voicing it, in the writer's words, is a vague source too: "amid new
//! warnings about", "despite growing concerns that" (but not "amid warnings from the IMF"),
//! and talk that grows by itself: "speculation later arose that", "calls have mounted for"
//! (but not "the allegations grew", which points back to talk already sourced), and
//! questions that a thing or an act raises: "The comments raised questions about whether",
//! "..., raising questions about why" (but not "lawmakers raised questions", who ask them),
//! and a reaction with nobody reacting: "has sparked controversy", "drew widespread
//! criticism", "caused a stir" (but not "drew criticism from Democrats"). A
//! group
//! that speaks for nothing is left alone: the object of a preposition ("with some experts
//! attending", "removing content from some conservatives"; "criticism from some
//! conservatives" still voices something), a group inside what a checkable speaker is
//! reported to have said ("Mr. Biden has said that some states should ..."), and a plural
//! noun that only looks like a verb of saying ("Several Democrat-led states have been ...").

use super::words::{is_possessive, set_apart};
use super::{Ctx, Finding, Flag};
use crate::attribution::PRONOUNS;
use crate::lexicon::Category;
use crate::matcher::Hit;
use crate::text::{Token, WordList, W};
use slant_ingest::model::AttributionKind;
use slant_ingest::{Span, Voice};

/// Quantifiers that make a group of speakers uncheckable.
const QUANTIFIERS: WordList = word_list![
    "some",
    "many",
    "several",
    "most",
    "few",
    "numerous",
    "various",
    "certain",
    "countless",
    "other",
    "others",
    "multiple",
    "plenty",
];

rule! {
    VagueSource, "UA001", "vague_source", Unattributed("vague_source"), "ua001_vague_source.rs",
    "a source too vague to check (\"critics say\", \"some analysts\")"
}

/// The span of a vague subject ending right before a cue at `cue_start`: a quantifier and at
/// most three more words with at most one name among them ("some Gore supporters"), with no
/// comma or other mark between them and the cue.
pub(crate) fn vague_subject(text: &str, tokens: &[&Token], cue_start: usize) -> Option<Span> {
    let mut end = tokens.iter().rposition(|t| t.span.end <= cue_start)?;
    // "Other Republicans, however, say": an adverb set off by commas leaves the group the
    // cue's subject. Any other mark before the cue ("plaintiffs in other class-action cases,
    // said") puts the group in a clause of its own, and the speaker is someone else.
    if end > 0
        && is!(
            tokens[end].lower.w(),
            "however" | "though" | "meanwhile" | "too" | "also" | "moreover" | "instead"
        )
        && set_apart(text, tokens[end - 1].span.end, tokens[end].span.start)
    {
        end -= 1;
    } else if set_apart(text, tokens[end].span.end, cue_start) {
        return None;
    }
    // "within several blocks of the proposed center": after a determiner the cue word is an
    // adjective or a noun, not a verb of saying.
    let last = tokens[end].lower.w();
    if is!(last, "the" | "a" | "an" | "this" | "that") || is_possessive(last) {
        return None;
    }
    // "joined others in demanding": a gerund after a preposition has no subject there.
    if is!(
        last,
        "in" | "by" | "for" | "of" | "with" | "on" | "after" | "before" | "without" | "from"
    ) {
        return None;
    }
    let first = end.saturating_sub(3);
    for i in (first..=end).rev() {
        // "several lower courts, which said": the relative pronoun makes the group the speaker.
        if i < end
            && set_apart(text, tokens[i].span.end, tokens[i + 1].span.start)
            && !is!(tokens[i + 1].lower.w(), "which" | "who")
        {
            break;
        }
        let w = tokens[i].lower.w();
        // "his most expansive comments": after a determiner or a possessive, "most" makes a
        // superlative, not a group of people.
        let superlative = w == "most"
            && i > 0
            && (tokens[i - 1].lower == "the"
                || is_possessive(tokens[i - 1].lower.w())
                || tokens[i - 1].lower.ends_with("'s")
                || tokens[i - 1].lower.ends_with("\u{2019}s"));
        if QUANTIFIERS.contains(w) && !superlative {
            let capitals = tokens[i + 1..=end].iter().filter(|t| t.capitalised).count();
            // A bare quantifier works only as a pronoun: "many believe", "others say".
            let bare_ok = i < end || is!(w, "many" | "others" | "some" | "most" | "few");
            let number = tokens
                .get(i + 1)
                .is_some_and(|t| t.lower.starts_with(|c: char| c.is_ascii_digit()));
            // "other data showing": documents, not people, and no source of speech.
            let documents = tokens[i + 1..=end].iter().any(|t| {
                is!(
                    t.lower.w(),
                    "data"
                        | "figures"
                        | "report"
                        | "reports"
                        | "study"
                        | "studies"
                        | "records"
                        | "documents"
                        | "polls"
                        | "surveys"
                        | "numbers"
                        | "statistics"
                )
            });
            // "demanding multiple witnesses and insisting", "others who he said had": the cue
            // has a subject of its own after the group, so the group is not its speaker.
            let other_subject = is!(tokens[end].lower.w(), "and" | "or" | "but")
                || tokens[i + 1..=end]
                    .iter()
                    .any(|t| PRONOUNS.contains(t.lower.w()) || t.lower == "you");
            if capitals <= 1 && bare_ok && !number && !documents && !other_subject {
                return Some(Span::new(tokens[i].span.start, tokens[end].span.end));
            }
        }
    }
    None
}

/// Nouns of saying and feeling that stand in for a speaker ("amid new warnings about").
fn is_speech_noun(w: W) -> bool {
    is!(
        w,
        "warnings"
            | "fears"
            | "concerns"
            | "criticism"
            | "complaints"
            | "calls"
            | "accusations"
            | "allegations"
            | "speculation"
            | "rumors"
            | "rumours"
            | "doubts"
            | "worries"
            | "suspicions"
            | "questions"
            | "predictions"
            | "claims"
    )
}

const QUANTIFIED_GROUP: Flag = Flag {
    category: "vague_source",
    entry: "quantified group + reporting verb",
    note: "a quantifier instead of a source: who exactly says so?",
};

const SPEAKERLESS: Flag = Flag {
    category: "vague_source",
    entry: "speech without a speaker",
    note: "warnings, fears or criticism with no one voicing them: whose?",
};

const GROUP_AS_SOURCE: Flag = Flag {
    category: "vague_source",
    entry: "group as source",
    note: "a whole group or role as the source: which of them, exactly?",
};

/// "amid new warnings about", "despite growing concerns that": speech or feeling with no one
/// voicing it, in the writer's own words. "amid warnings from the IMF" names the speaker.
fn agentless_speech(ctx: &Ctx) -> Option<Span> {
    if !ctx.writer_claim() {
        return None;
    }
    let toks = ctx.writer_tokens;
    for (i, t) in toks.iter().enumerate() {
        if !is!(t.lower.w(), "amid" | "despite") {
            continue;
        }
        let mut j = i + 1;
        while j < toks.len()
            && j <= i + 2
            && is!(
                toks[j].lower.w(),
                "new"
                    | "growing"
                    | "mounting"
                    | "rising"
                    | "widespread"
                    | "renewed"
                    | "fresh"
                    | "increasing"
                    | "persistent"
                    | "lingering"
            )
        {
            j += 1;
        }
        let Some(noun) = toks.get(j) else { continue };
        if !is_speech_noun(noun.lower.w()) {
            continue;
        }
        let named = toks[j + 1..]
            .iter()
            .take(3)
            .any(|n| is!(n.lower.w(), "from" | "by") || n.capitalised);
        if !named {
            return Some(Span::new(t.span.start, noun.span.end));
        }
    }
    if let Some(span) = raised_questions(toks).or_else(|| unvoiced_reaction(toks)) {
        return Some(span);
    }
    // "speculation later arose that", "Rumours have abounded", "Calls have mounted for": talk
    // that grows by itself. "The allegations surfaced" points back to talk already sourced.
    for (i, t) in toks.iter().enumerate() {
        // "Questions arise as soon as ...": questions are often the issue itself, not talk.
        if !is_speech_noun(t.lower.w()) || t.lower == "questions" {
            continue;
        }
        let determined = i.checked_sub(1).is_some_and(|p| {
            let p = toks[p].lower.w();
            is!(
                p,
                "the"
                    | "these"
                    | "those"
                    | "this"
                    | "that"
                    | "such"
                    | "his"
                    | "her"
                    | "their"
                    | "its"
                    | "our"
                    | "any"
                    | "no"
            ) || p.ends_with("'s")
                || p.ends_with("\u{2019}s")
        });
        if determined {
            continue;
        }
        let verb = toks[i + 1..]
            .iter()
            .take(3)
            .position(|v| growing_talk(v.lower.w()));
        let between_ok = verb.is_some_and(|v| {
            toks[i + 1..i + 1 + v].iter().all(|w| {
                is!(
                    w.lower.w(),
                    "have" | "has" | "had" | "also" | "later" | "soon" | "quickly"
                )
            })
        });
        if let (Some(v), true) = (verb, between_ok) {
            return Some(Span::new(t.span.start, toks[i + 1 + v].span.end));
        }
    }
    None
}

/// "The comments raised questions about whether ...", "a move ..., raising questions about
/// why": a thing or an act raises the questions, so whose questions they are is the writer's
/// inference. A person raising them ("lawmakers raised questions", "criticized Trump for
/// raising questions") asks them.
fn raised_questions(toks: &[&Token]) -> Option<Span> {
    for (i, t) in toks.iter().enumerate() {
        let w = t.lower.w();
        if !is!(w, "raise" | "raises" | "raised" | "raising") {
            continue;
        }
        let mut j = i + 1;
        while toks.get(j).is_some_and(|a| {
            is!(
                a.lower.w(),
                "new" | "serious" | "fresh" | "more" | "further" | "troubling" | "renewed"
            )
        }) {
            j += 1;
        }
        if !toks
            .get(j)
            .is_some_and(|q| is!(q.lower.w(), "questions" | "doubts"))
        {
            continue;
        }
        // The subject, back over auxiliaries and adverbs ("lawmakers have not raised").
        let mut k = i;
        while k > 0
            && (super::words::is_aux_adverb(toks[k - 1].lower.w())
                || is!(toks[k - 1].lower.w(), "again" | "publicly" | "repeatedly"))
        {
            k -= 1;
        }
        let asker = k.checked_sub(1).is_some_and(|s| {
            let s = toks[s];
            // "They've raised": the pronoun without its auxiliary.
            let sw = s.lower.split(['\'', '\u{2019}']).next().unwrap_or("");
            (s.capitalised
                && !is!(
                    sw,
                    "the" | "that" | "this" | "these" | "those" | "it" | "its" | "such"
                ))
                || is!(
                    sw,
                    "he" | "she"
                        | "they"
                        | "we"
                        | "i"
                        | "you"
                        | "who"
                        | "for"
                        | "by"
                        | "after"
                        | "while"
                        | "user"
                        | "users"
                        | "members"
                        | "lawmaker"
                        | "officials"
                        | "reporters"
                        | "senators"
                        | "justices"
                        | "court"
                        | "commentators"
                )
                || super::words::is_group_noun(s.lower.w())
        });
        if !asker {
            return Some(Span::new(t.span.start, toks[j].span.end));
        }
    }
    None
}

/// "has sparked controversy", "drew widespread criticism", "caused a stir", "triggered a
/// firestorm": a reaction with nobody named as reacting. Whose criticism? "drew criticism from
/// Democrats" names them.
fn unvoiced_reaction(toks: &[&Token]) -> Option<Span> {
    for (i, t) in toks.iter().enumerate() {
        if !is!(
            t.lower.w(),
            "spark"
                | "sparks"
                | "sparked"
                | "sparking"
                | "cause"
                | "causes"
                | "caused"
                | "causing"
                | "provoke"
                | "provokes"
                | "provoked"
                | "provoking"
                | "trigger"
                | "triggers"
                | "triggered"
                | "triggering"
                | "draw"
                | "draws"
                | "drew"
                | "drawn"
                | "drawing"
                | "ignite"
                | "ignites"
                | "ignited"
                | "igniting"
        ) {
            continue;
        }
        let mut j = i + 1;
        while toks.get(j).is_some_and(|a| {
            is!(
                a.lower.w(),
                "a" | "an"
                    | "widespread"
                    | "fierce"
                    | "intense"
                    | "new"
                    | "immediate"
                    | "sharp"
                    | "growing"
                    | "heavy"
                    | "bipartisan"
            )
        }) {
            j += 1;
        }
        let Some(noun) = toks.get(j) else { continue };
        if !is!(
            noun.lower.w(),
            "controversy"
                | "outrage"
                | "backlash"
                | "uproar"
                | "furor"
                | "furore"
                | "firestorm"
                | "stir"
                | "criticism"
                | "condemnation"
                | "concern"
                | "concerns"
                | "fury"
                | "ire"
        ) {
            continue;
        }
        let named = toks[j + 1..]
            .iter()
            .take(3)
            .any(|n| is!(n.lower.w(), "from" | "by" | "among"));
        if !named {
            return Some(Span::new(t.span.start, noun.span.end));
        }
    }
    None
}

/// Verbs of talk that grows or spreads with no one named as its source ("speculation arose").
fn growing_talk(w: W) -> bool {
    is!(
        w,
        "arose"
            | "arisen"
            | "arise"
            | "arises"
            | "grew"
            | "grown"
            | "grows"
            | "mounted"
            | "mounts"
            | "swirled"
            | "swirl"
            | "swirls"
            | "circulated"
            | "circulate"
            | "circulates"
            | "intensified"
            | "persist"
            | "persisted"
            | "persists"
            | "linger"
            | "lingered"
            | "lingers"
            | "abound"
            | "abounded"
            | "abounds"
    )
}

/// "RNC insiders", "FBI sources": an organisation's acronym right before the group names whose
/// people they are, which a reader can check; "insiders say" alone cannot be.
fn named_by_acronym(ctx: &Ctx, span: Span) -> bool {
    let Some(i) = ctx
        .author_tokens
        .iter()
        .position(|t| t.span.start == span.start)
    else {
        return false;
    };
    let Some(prev) = i.checked_sub(1).map(|k| ctx.author_tokens[k]) else {
        return false;
    };
    is_acronym(&ctx.text()[prev.span.start..prev.span.end])
}

/// "have been called on to secure the area", "was called up", "has been called in": the
/// passive "called" with a particle summons someone; it names nothing, so no one is missing
/// who calls it so. ("called into question" and "called for" still judge or demand.)
pub(crate) fn called_to_act(text: &str, toks: &[&Token], span: Span) -> bool {
    let called = text[span.start..span.end]
        .to_ascii_lowercase()
        .ends_with("called");
    called
        && toks
            .iter()
            .find(|t| t.span.start >= span.end)
            .is_some_and(|t| {
                is!(
                    t.lower.w(),
                    "on" | "upon" | "up" | "in" | "off" | "back" | "out" | "to"
                )
            })
}

/// The first word of `span` (a group reported inside someone's clause starts there, while
/// its own verb of saying may open a reported clause of its own).
fn first_word(ctx: &Ctx, span: Span) -> Span {
    ctx.author_tokens
        .iter()
        .find(|t| t.span.start >= span.start)
        .map_or(span, |t| t.span)
}

/// A group from the lexicon that only stands in the sentence and speaks for nothing: the
/// object of a preposition ("with some experts attending", "along with other leading state
/// Republicans", "removing content from some conservatives"). "Criticism from
/// some conservatives" still voices something, as does "according to some" (an entry of its
/// own); a group that is the subject of any verb ("Skeptics point to ...") is left to speak.
/// `hits` are the sentence's lexicon hits; the attribution asks this too, so that a group that
/// speaks for nothing is not given as the sentence's source either.
pub(crate) fn not_a_speaker<'h>(
    toks: &[&Token],
    mut hits: impl Iterator<Item = &'h Hit>,
    span: Span,
) -> bool {
    // Only a bare group: an entry with a verb of saying in it ("critics say") speaks.
    let cue_inside = hits.any(|h| {
        matches!(
            h.category,
            Category::AttributionCue | Category::ReportingVerb
        ) && h.span.overlaps(span)
    });
    if cue_inside {
        return false;
    }
    let Some(first) = toks.iter().position(|t| t.span.start >= span.start) else {
        return false;
    };
    if is!(
        toks[first].lower.w(),
        "according" | "by" | "in" | "per" | "among"
    ) {
        return false;
    }
    if let Some(prev) = first.checked_sub(1) {
        let p = toks[prev].lower.w();
        let voiced = p == "from"
            && prev
                .checked_sub(1)
                .is_some_and(|k| is_speech_noun(toks[k].lower.w()) || toks[k].lower == "pushback");
        let according = p == "to" && prev > 0 && toks[prev - 1].lower == "according";
        if !voiced
            && !according
            && is!(
                p,
                "with"
                    | "from"
                    | "about"
                    | "against"
                    | "to"
                    | "toward"
                    | "towards"
                    | "including"
                    | "like"
                    | "alongside"
                    | "between"
                    | "at"
                    | "on"
            )
        {
            return true;
        }
    }
    false
}

/// Whether the group at `span` is the sentence's own source ("proposed by some Democrats").
fn is_the_speaker(ctx: &Ctx, span: Span) -> bool {
    ctx.attribution
        .source
        .as_deref()
        .is_some_and(|s| s.contains(&ctx.text()[span.start..span.end]))
}

/// Whether a verb of saying is part of the group at `span` or follows it within `words`
/// words, with no comma or other mark between: the group is that verb's speaker ("others
/// argue", "an increasing number of his supporters have urged").
fn speaks(ctx: &Ctx, span: Span, words: usize) -> bool {
    let end = span.end;
    // An entry that ends in its verb ("others argue", "analysts expect").
    let last = ctx.text()[span.start..span.end]
        .rsplit(' ')
        .next()
        .unwrap_or("")
        .to_lowercase();
    if is!(
        last.as_str(),
        "say"
            | "says"
            | "said"
            | "argue"
            | "argued"
            | "believe"
            | "believed"
            | "claim"
            | "claimed"
            | "contend"
            | "suggest"
            | "fear"
            | "worry"
            | "think"
            | "feel"
            | "expect"
            | "warn"
            | "charge"
            | "agree"
            | "note"
            | "regard"
    ) {
        return true;
    }
    ctx.hits.iter().any(|h| {
        matches!(
            h.category,
            Category::AttributionCue | Category::ReportingVerb
        ) && (h.span.overlaps(span) || h.span.start >= end)
            && ctx
                .author_tokens
                .iter()
                .filter(|t| t.span.start >= end && t.span.end <= h.span.start)
                .count()
                <= words
            && !set_apart(ctx.text(), end, h.span.start)
    })
}

/// An organisation's acronym: two to six capital letters ("RNC", "FBI", "NAACP").
pub(crate) fn is_acronym(word: &str) -> bool {
    (2..=6).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_uppercase())
}

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    if ctx.sentence.voice == Voice::Quoted || ctx.question_or_first_person() {
        return;
    }
    let mut found = false;
    // "Mr. Biden has said that some states should ...": a group inside what a checkable
    // speaker is reported to have said is that speaker's word, not the outlet's source.
    let checkable_speaker = matches!(
        ctx.attribution.kind,
        AttributionKind::Named | AttributionKind::Anonymous | AttributionKind::Document
    );
    for hit in ctx.author_hits(&[Category::VagueSource]) {
        if named_by_acronym(ctx, hit.span)
            || called_to_act(ctx.text(), ctx.author_tokens, hit.span)
            || (checkable_speaker
                && !ctx.sourcing.is_writers(first_word(ctx, hit.span))
                && !speaks(ctx, hit.span, 4)
                && !is_the_speaker(ctx, hit.span))
            || not_a_speaker(ctx.author_tokens, ctx.hits.iter(), hit.span)
        {
            continue;
        }
        let w = ctx.entries[hit.entry].weight;
        out.push(ctx.hit_finding(hit, &INFO, w));
        found = true;
    }
    if found {
        return;
    }
    // "Some Gore supporters contend", "many residents believe": a quantifier, a few
    // words and a reporting verb, with no name among them.
    let cues = ctx.hits.iter().filter(|h| {
        matches!(
            h.category,
            Category::AttributionCue | Category::ReportingVerb
        ) && !ctx.in_quote(h.span)
    });
    for cue in cues {
        if let Some(span) = vague_subject(ctx.text(), ctx.author_tokens, cue.span.start) {
            if crate::attribution::cue_is_noun(ctx.text(), cue, ctx.entries, ctx.author_tokens) {
                continue;
            }
            let span = Span::new(span.start, cue.span.end);
            out.push(ctx.flag(&INFO, &QUANTIFIED_GROUP, span, 0.55));
            return;
        }
    }
    if let Some(span) = agentless_speech(ctx) {
        out.push(ctx.flag(&INFO, &SPEAKERLESS, span, 0.45));
        return;
    }
    if let Some(span) = ctx.sourcing.vague_speaker {
        out.push(ctx.flag(&INFO, &GROUP_AS_SOURCE, span, 0.5));
    }
}

fixtures! {"UA001", r"
    The shift is a compromise, some analysts say. => some analysts
    The plan will fail, critics say. => critics say
    The plan will fail, said Jane Roe, an economist at the university. =>
    // A group in a clause of its own, a superlative, an adjective after a determiner.
    David Sanford, who represents plaintiffs in other class-action cases, said the court erred. =>
    In his most expansive comments on the subject, the governor said little. =>
    Two mosques are already within several blocks of the proposed center. =>
    Most economists say the plan would fail. => Most economists
    Other Republicans, however, say there is strong support for the cut. => Other Republicans, however, say
    But strategists said Democrats could counter the offensive. => strategists
    Critics of the measure say it would shut down most clinics. => Critics of the measure
    // A party speaking as such is a source (the default setting).
    Senate Democrats said the bill would fail. =>
    Republicans said the vote was rushed. =>
    Do many experts agree? =>
    The debate comes amid new warnings about the future of the program. => amid new warnings
    The comments raised questions about whether Trump is having second thoughts. => raised questions
    The order was sealed, raising questions about why it was made. => raising questions
    Some lawmakers have also raised questions about the plan. => Some lawmakers
    Critics faulted Trump for raising questions about it. =>
    The decision has sparked controversy on social media. => sparked controversy
    This is not the first time the magazine has caused a stir with its covers. => caused a stir
    The plan drew sharp criticism from Senate Democrats. =>
    Senator Smith raised questions about the plan. =>
    Lawmakers have not raised questions about the plan. =>
    The debate comes amid warnings from the IMF. =>
    // An organisation's acronym names whose insiders they are; a conjunction or a pronoun
    // gives the reporting verb a subject of its own.
    A handful of well-placed RNC insiders tell Fox News they expect him to run. =>
    Insiders tell Fox News they expect him to run. => Insiders
    Two sources told Reuters that the talks had stalled. => sources told
    Two sources familiar with the matter told Reuters that the talks had stalled. =>
    She announced preconditions, including demanding multiple witnesses and insisting on a delay. =>
    He declined to comment, citing others who he said had done the same. =>
    Some residents insist the road is unsafe. => Some residents insist
    // Talk that grows by itself has no speaker either; talk pointed back to has one.
    But speculation later arose that the deal had collapsed. => speculation later arose
    Calls have mounted for senators to postpone the vote. => Calls have mounted
    The allegations grew more detailed after the hearing. =>
    Questions arise as soon as one tries to define it. =>
    There is talk of pensioners getting only 10 cents for each dollar. => There is talk
    The plan has been called a gamble. => has been called
    Guard troops have been called on to secure the area. =>
    // A group that is only the object of a preposition speaks for nothing; a group inside a
    // named speaker's words is the speaker's; a plural states is no verb of saying.
    The forum, meeting in Geneva with some experts attending remotely, includes scientists. =>
    The party removed content from some conservatives. =>
    The bill faced pushback from some conservatives. => some conservatives
    Mr. Biden has said that some states should look at all-mail ballots. =>
    Several Democrat-led states have been removing restrictions. =>
    Mr Sharpton joined others in demanding that police reveal the name. =>
    The Justice Department said he could not pardon himself, but others argue it is not precluded. => others argue
    Another idea, proposed by some Democrats, is raising the ceiling. => some Democrats
"}
