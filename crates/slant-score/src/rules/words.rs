//! Word classes and token helpers shared by the unattributed-claim rules that read patterns
//! (prediction, motive, group view, judging description, estimate).
//!
//! Lists are matched against lower-cased tokens with `is!`: a bit test on the bucket the token
//! keeps (computed once when it is made), then a `matches!` only for the few words whose bit
//! is set. No allocation or hashing per list on the hot path (see [`crate::text::W`]).

use crate::text::{Buckets, Token, W};
use slant_ingest::Span;

/// `b` follows `a` with nothing but spaces or a hyphen between them (no comma, no quotation
/// mark, no word left out of the writer's part).
pub fn next_to(text: &str, a: &Token, b: &Token) -> bool {
    b.span.start >= a.span.end
        && b.span.start - a.span.end <= 2
        && text[a.span.end..b.span.start]
            .chars()
            .all(|c| c == ' ' || c == '-')
}

/// A comma, semicolon, colon, bracket or dash stands in `text[end..start]`, the gap after one
/// word and before the next: a phrase or a speaker's name does not run across it.
pub fn set_apart(text: &str, end: usize, start: usize) -> bool {
    text[end..start.max(end)].contains([',', ';', ':', '(', ')', '\u{2014}', '\u{2013}'])
}

/// Possessive determiners: "his", "her", "their", "its", "our", "my", "your".
pub fn is_possessive(w: W) -> bool {
    is!(w, "his" | "her" | "their" | "its" | "our" | "my" | "your")
}

/// The text from token `a` to token `b`, both included.
pub fn span(toks: &[&Token], a: usize, b: usize) -> Span {
    Span::new(toks[a].span.start, toks[b].span.end)
}

/// The lower-cased word at `i`, or "" past the end.
pub fn word<'a>(toks: &'a [&Token], i: usize) -> W<'a> {
    toks.get(i).map(|t| t.lower.w()).unwrap_or(W::EMPTY)
}

/// `toks[i..]` spell `words` as adjacent tokens.
pub fn seq(text: &str, toks: &[&Token], i: usize, words: &[&str]) -> bool {
    if i + words.len() > toks.len() {
        return false;
    }
    words.iter().enumerate().all(|(k, w)| {
        toks[i + k].lower == *w && (k == 0 || next_to(text, toks[i + k - 1], toks[i + k]))
    })
}

/// Forms of "be" (and contracted "is").
pub fn is_be(w: W) -> bool {
    is!(
        w,
        "is" | "are" | "was" | "were" | "be" | "been" | "being" | "remain" | "remains" | "remained"
    ) || w.ends_with("'s")
        || w.ends_with("’s")
        || w.ends_with("'re")
        || w.ends_with("’re")
}

/// An adverb of manner by its "-ly" ("cautiously", "emphatically"), not "only", "early" or
/// "likely".
pub fn is_ly_adverb(w: W) -> bool {
    w.len() > 4 && w.ends_with("ly") && !is!(w, "only" | "early" | "likely")
}

/// Adverbs that may stand between an auxiliary and its verb without changing who speaks.
pub fn is_aux_adverb(w: W) -> bool {
    is!(
        w,
        "also"
            | "still"
            | "now"
            | "even"
            | "only"
            | "just"
            | "already"
            | "ultimately"
            | "eventually"
            | "soon"
            | "quickly"
            | "easily"
            | "further"
            | "increasingly"
            | "largely"
            | "mostly"
            | "broadly"
            | "generally"
            | "deeply"
            | "clearly"
            | "not"
            | "never"
            | "all"
            | "more"
            | "less"
            | "much"
            | "far"
            | "very"
            | "so"
            | "too"
            | "quite"
            | "rather"
            | "somewhat"
            | "particularly"
            | "especially"
            | "growing"
            | "have"
            | "has"
            | "had"
            | "been"
    )
}

/// First-person words: a claim with these as subject is the speaker's or the author's own
/// declared view, not an unsourced claim about others.
pub fn is_first_person(w: W) -> bool {
    is!(
        w,
        "i" | "we"
            | "i'm"
            | "i’m"
            | "we're"
            | "we’re"
            | "we've"
            | "we’ve"
            | "i've"
            | "i’ve"
            | "i'd"
            | "i’d"
            | "we'd"
            | "we’d"
            | "i'll"
            | "i’ll"
            | "we'll"
            | "we’ll"
            | "us"
            | "our"
            | "my"
            | "me"
    )
}

word_set! {
    /// Plural nouns (and collective nouns) naming a whole group of people whose views a sentence
    /// may state as fact.
    pub fn is_group_noun / GROUP_NOUNS =
        "democrats"
            | "republicans"
            | "conservatives"
            | "liberals"
            | "progressives"
            | "libertarians"
            | "moderates"
            | "independents"
            | "evangelicals"
            | "voters"
            | "americans"
            | "latinos"
            | "hispanics"
            | "critics"
            | "supporters"
            | "opponents"
            | "activists"
            | "advocates"
            | "investors"
            | "markets"
            | "economists"
            | "experts"
            | "analysts"
            | "observers"
            | "lawmakers"
            | "legislators"
            | "public"
            | "populace"
            | "establishment"
            | "base"
            | "electorate"
            | "parents"
            | "residents"
            | "citizens"
            | "taxpayers"
            | "consumers"
            | "businesses"
            | "community"
            | "allies"
            | "donors"
            | "doctors"
            | "scientists"
            | "teachers"
            | "workers"
            | "families"
            | "gop"
            | "left"
            | "right"
            | "liberal"
            | "conservative"
            | "partisans"
            | "loyalists"
            | "faithful"
            | "diehards"
            | "partiers"
            | "groups"
            | "members"
            | "protesters"
            | "protestors"
            | "fans"
            | "backers"
            | "press"
            | "media"
            | "journalists"
            | "reporters"
            | "police"
            | "officials"
            | "insiders"
            | "pundits"
            | "commentators"
            | "believers";
}

word_set! {
    /// Adjectives of feeling that state an inner state as fact whether said of a person or of a
    /// group ("Trump was furious", "Conservatives are wary"): what UA007's feelings and UA008's
    /// attitudes share.
    pub fn is_feeling_adjective / FEELING_ADJECTIVES =
        "furious"
            | "angry"
            | "outraged"
            | "incensed"
            | "livid"
            | "irate"
            | "frustrated"
            | "exasperated"
            | "wary"
            | "skeptical"
            | "sceptical"
            | "suspicious"
            | "uneasy"
            | "nervous"
            | "anxious"
            | "worried"
            | "alarmed"
            | "fearful"
            | "afraid"
            | "optimistic"
            | "pessimistic"
            | "confident"
            | "hopeful"
            | "enthusiastic"
            | "unhappy"
            | "pleased"
            | "delighted"
            | "thrilled"
            | "relieved"
            | "disappointed"
            | "disillusioned"
            | "dismayed"
            | "resentful"
            | "embarrassed"
            | "ashamed"
            | "humiliated"
            | "weary"
            | "impatient"
            | "leery"
            | "emboldened"
            | "desperate";
}

/// Adjectives of attitude or feeling that, said of a group or a person, state their inner
/// state as fact ("Democrats were more dour", "a wary populace", "Conservatives are furious").
pub fn is_attitude_adjective(w: W) -> bool {
    is_feeling_adjective(w) || is_attitude_only(w)
}

/// The buckets of [`is_attitude_adjective`]'s words.
pub const ATTITUDE_ADJECTIVES: Buckets = Buckets::union(&[&FEELING_ADJECTIVES, &ATTITUDES_ONLY]);

word_set! {
    /// Adjectives of attitude that are not feelings.
    fn is_attitude_only / ATTITUDES_ONLY =
            "dour"
                | "intent"
                | "smarting"
                | "fuming"
                | "scared"
                | "distrustful"
                | "divided"
                | "split"
                | "jittery"
                | "concerned"
                | "eager"
                | "elated"
                | "disgusted"
                | "upset"
                | "bitter"
                | "hostile"
                | "unconvinced"
                | "unmoved"
                | "sympathetic"
                | "receptive"
                | "energized"
                | "galvanized"
                | "demoralized"
                | "discouraged"
                | "reluctant"
                | "loath"
                | "torn"
                | "ambivalent"
                | "indifferent"
                | "apathetic"
                | "complacent"
                | "restless"
                | "restive"
                | "determined"
                | "keen"
                | "happy"
                | "content"
                | "comfortable"
                | "uncomfortable"
                | "supportive"
                | "opposed"
                | "convinced";
}

word_set! {
    /// The days of the week: a date on the calendar ("on Friday"), never a speaker.
    pub fn is_weekday / WEEKDAYS =
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";
}

word_set! {
    /// Head nouns of an event, an act or a fact ("the surge", "the decision", "the fact that
    /// ..."): what they "suggest", "show" or "threaten" is the writer's inference, not a
    /// speaker's statement (attribution; UA009's inference pattern).
    pub fn is_fact_head / FACT_HEADS =
        "fact" | "decision" | "move" | "argument" | "vote" | "referendum" | "result" |
        "results" | "outcome" | "surge" | "rise" | "increase" | "decline" | "drop" | "shift" |
        "trend" | "episode" | "incident" | "success" | "failure" | "loss" | "losses" |
        "victory" | "defeat" | "performance" | "reaction" | "silence" | "departure" |
        "resignation" | "timing" | "choice" | "pattern" | "turnout" | "absence" | "spike" |
        "slump" | "standoff" | "impasse" | "shutdown" | "outbreak" | "pandemic" | "crisis" |
        "scandal" | "controversy";
}

/// The phrase of tokens `first..=last` names an event, an act or a fact: its head is one
/// ("the decision", "that argument"), or it follows one and "in" or "of" ("the recent surge
/// in cases").
pub fn fact_subject(toks: &[&Token], first: usize, last: usize) -> bool {
    is_fact_head(toks[last].lower.w())
        || (first >= 2
            && is!(toks[first - 1].lower.w(), "in" | "of")
            && is_fact_head(toks[first - 2].lower.w()))
}

/// Verbs of schedule and routine: "the committee will vote", "he will travel".
pub fn is_schedule_verb(w: W) -> bool {
    is!(
        w,
        "vote"
            | "meet"
            | "travel"
            | "testify"
            | "speak"
            | "hold"
            | "host"
            | "visit"
            | "attend"
            | "announce"
            | "release"
            | "hear"
            | "begin"
            | "start"
            | "sign"
            | "appear"
            | "debate"
            | "return"
            | "head"
            | "address"
            | "deliver"
            | "join"
            | "step"
            | "retire"
            | "run"
            | "seek"
            | "serve"
            | "take"
            | "receive"
            | "continue"
            | "remain"
            | "review"
            | "consider"
            | "decide"
            | "rule"
            | "issue"
    )
}

/// The sentence says what a text would do: its subject is a bill, law, plan or ruling and its
/// verb takes "would" or "will" ("The bill would save about $20 billion"). Its figures and
/// consequences are the text's, a matter of record.
pub fn states_a_text(toks: &[&Token]) -> bool {
    toks.iter().enumerate().any(|(i, t)| {
        is!(t.lower.w(), "would" | "will")
            && i > 0
            && is!(
                toks[i - 1].lower.w(),
                "bill"
                    | "law"
                    | "legislation"
                    | "measure"
                    | "proposal"
                    | "act"
                    | "amendment"
                    | "budget"
                    | "provision"
                    | "package"
                    | "rule"
                    | "regulation"
                    | "order"
                    | "ruling"
                    | "plan"
                    | "agreement"
                    | "deal"
                    | "treaty"
                    | "version"
            )
    })
}

/// A passive of describing ("is described as", "was listed as") whose describer the sentence
/// names in a fronted phrase: "In court filings, ...", "In at least eight newspaper articles
/// published from 2003 to 2009, he is described as ...". The texts describe; the passive
/// hides nobody.
pub fn described_in_texts(toks: &[&Token], span: Span) -> bool {
    let Some(v) = toks.iter().position(|t| {
        t.span.start >= span.start
            && t.span.end <= span.end
            && is!(
                t.lower.w(),
                "described"
                    | "portrayed"
                    | "characterized"
                    | "characterised"
                    | "depicted"
                    | "identified"
                    | "listed"
                    | "referred"
            )
    }) else {
        return false;
    };
    if toks.first().is_none_or(|t| t.lower != "in") {
        return false;
    }
    toks[1..v].iter().take(12).any(|t| {
        is!(
            t.lower.w(),
            "articles"
                | "article"
                | "report"
                | "reports"
                | "filings"
                | "filing"
                | "documents"
                | "records"
                | "indictment"
                | "complaint"
                | "lawsuit"
                | "memoir"
                | "book"
                | "biography"
                | "obituary"
                | "profile"
                | "interviews"
                | "transcripts"
                | "papers"
        )
    })
}

word_set! {
    /// Shares of a population: "a quarter of", "two-thirds of", "a majority of" (UA010), and
    /// a poll's share as the subject of "say" ("About two-thirds say": attribution).
    pub fn is_share / SHARES =
        "quarter"
            | "third"
            | "thirds"
            | "two-thirds"
            | "three-quarters"
            | "half"
            | "majority"
            | "plurality"
            | "fifth"
            | "fraction"
            | "tenth";
}
