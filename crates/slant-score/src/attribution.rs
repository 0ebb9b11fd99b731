//! Who a sentence is attributed to.
//!
//! For each sentence, in article order: a reporting cue ("said", "according to", "claimed")
//! outside quotation marks and the speaker next to it, before ("Putin stated:") or after
//! ("...," said the mayor); the speaker is classified as named, anonymous, document or vague
//! by the source lexicons and, for a pronoun, resolved to the last named speaker. A sentence
//! inside a quotation that has no cue of its own takes the attribution of the quotation (the
//! sentence that carries its speaker tag), and a quotation introduced by "X said:" at the end
//! of the previous sentence belongs to X. Otherwise a vague, anonymous or document source, or
//! a judging agentless passive, is the attribution; otherwise none.
//!
//! Attribution is also found **by clause**: every cue with a speaker marks the part of the
//! sentence it reports (from the cue to the end of the reported clause), so that the rest, the
//! writer's own words, can still be judged. "Despite Trump saying talks had come a long way,
//! Democrats were more dour" reports Trump in the fronted clause and makes the writer's own
//! claim after the comma; "Reid broke with Obama, saying the center should be built elsewhere"
//! reports Reid from "saying" on. A reported clause ends at the comma closing a fronted
//! subordinate clause, or at "; ", ", but", ", while", ", although" and the like; a cue whose
//! speaker follows it ("..., said the mayor", "according to the report") reports the whole
//! sentence. The speaker's own description ("the embattled senator said") stays the writer's.
//! A speaker after a verb cue counts only in a speaker tag ('"...," said the mayor', ",
//! says Benjamin Wittes, a fellow", a cue opening the sentence) or as a passive's agent
//! ("reported by the Times"); elsewhere the phrase after the verb is its object or the
//! reported clause's subject ("unable to find one", "to say the least"), and the sentence
//! stays the writer's. A tag's name may hold an abbreviation (", said Mr. Rosenberg,"); a
//! participle after a comma (", telling CBS") has the main clause's subject, and a common
//! noun right before a comma ends an inserted clause rather than naming the speaker; after a
//! preposition the cue word is a noun ("amid reports that"). Before the cue, a document
//! ("State data shows"), a phrase with a possessive ("New York's attorney general said") or,
//! for a cue after "and", the name that opens the sentence ("McCrory called it reform and
//! said ...") speaks, past auxiliaries, adverbs and times ("on Wednesday emphatically
//! disputed"); a subject pronoun after the cue ("said he wants") shows it reports whoever
//! speaks; a share of people ("Nearly 60% of voters say") is a poll figure, not a source.
//! A relative clause reports its antecedent from the cue on: in "could belong to Kennedy, who
//! said he was troubled", Kennedy speaks, but only after "who"; a comma before the main verb
//! closes the clause ("Boehner, who has said he will stay, could be forced to ...").
//! An embedded question ("it is unclear whether ...", "asked if ...") is asked about, not
//! asserted: it is left out of the writer's words too, for every unattributed rule.
//!
//! **Group sources.** Which groups count as checkable sources is a newsroom's choice, set by
//! [`GroupSources`] (`[score] group_sources` in `slant.toml`). By default (`parties`) a party
//! or movement speaking as such is a source ("Republicans said", "Senate Democrats said",
//! the AP usage for a party's stated position), while a role is too vague to check ("critics
//! say", "strategists said", "the business community has said", "experts warn"): the
//! readers of the development set judge it so. `institutional` accepts only groups tied to an
//! institution or office ("Senate Democrats said", "Republican leaders argued", "members of
//! the committee said") and makes "Democrats said" vague; `strict` accepts no group at all.

use crate::lexicon::{Category, Entry, Pos};
use crate::matcher::Hit;
use crate::rules::words::{is_possessive, is_share, set_apart};
use crate::rules::{ua001_vague_source, ua002_agentless_passive};
use crate::text::{Token, WordList, W};
use slant_ingest::model::{Attribution, AttributionKind};
use slant_ingest::{Document, Quote, Span, Voice};

pub(crate) const PRONOUNS: WordList = word_list!["he", "she", "they", "it", "we", "i"];
const AUX: WordList = word_list![
    "has",
    "have",
    "had",
    "also",
    "was",
    "is",
    "were",
    "are",
    "will",
    "would",
    "later",
    "again",
    "previously",
    "repeatedly",
    "then",
    "further",
    "earlier",
    "publicly",
    "privately",
    "has also",
    "had also",
    "once",
    "recently",
    "separately",
    "told",
    "quickly",
    "flatly",
    "firmly",
    "strongly",
    "did",
    "does",
    "not",
    "never",
    "always",
    "often",
    "could",
    "may",
    "might",
    "should",
    "must",
    "can",
    "reportedly",
];
const CONNECT: WordList = word_list![
    "of", "for", "the", "de", "von", "van", "al", "bin", "and", "'s", "’s", "in", "on",
];
const DETERMINERS: WordList = word_list![
    "the", "a", "an", "his", "her", "their", "its", "one", "two", "three", "several", "this",
    "your", "my", "our", "that",
];
const ANON_HEADS: WordList = word_list![
    "official",
    "officials",
    "source",
    "sources",
    "aide",
    "aides",
    "diplomat",
    "diplomats",
    "insider",
    "insiders",
    "person",
    "people",
    "spokesperson",
    "staffer",
    "staffers",
    "employee",
    "employees",
    "member",
    "members",
    "adviser",
    "advisers",
    "advisor",
    "advisors",
    "investigator",
    "investigators",
    "official's",
];
const DOC_HEADS: WordList = word_list![
    "report",
    "study",
    "statement",
    "document",
    "documents",
    "survey",
    "poll",
    "data",
    "figures",
    "analysis",
    "records",
    "filing",
    "memo",
    "letter",
    "research",
    "review",
    "audit",
    "estimate",
    "estimates",
    "census",
    "index",
    "release",
    "website",
    "bill",
    "ruling",
    "complaint",
    "indictment",
    "affidavit",
    "transcript",
    "budget",
    "report's",
    "email",
    "emails",
    "filings",
];

/// Finders of fact and their results: before "found" or "shows" they report ("researchers
/// found", "polls show"), whatever follows.
const FINDERS: WordList = word_list![
    "researchers",
    "investigators",
    "police",
    "scientists",
    "analysts",
    "auditors",
    "inspectors",
    "polls",
    "surveys",
    "studies",
    "numbers",
    "statistics",
    "results",
    "reports",
    "tests",
];

/// First words of a plain noun-phrase object ("has shown a penchant", "found his voice",
/// "has found some modest support"): after "show", "find" or "indicate" they mark an act or
/// a trait, not a finding reported.
const NP_OBJECT: WordList = word_list![
    "a",
    "an",
    "his",
    "her",
    "their",
    "its",
    "no",
    "little",
    "remarkable",
    "great",
    "considerable",
    "signs",
    "some",
    "support",
    "common",
    "favor",
    "success",
    "ways",
    "himself",
    "herself",
    "themselves",
    "itself",
];

/// A word between a speaker and its cue: an auxiliary, a time or an adverb ("has also",
/// "last week", "emphatically").
fn skippable(w: W) -> bool {
    AUX.contains(w) || TIME.contains(w) || crate::rules::words::is_ly_adverb(w)
}

/// Words of a time between a speaker and the cue ("last week warned", "on Monday said").
const TIME: WordList = word_list![
    "yesterday",
    "today",
    "tonight",
    "last",
    "week",
    "month",
    "year",
    "on",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "morning",
    "afternoon",
    "evening",
    "night",
];

/// Stop words that end a noun phrase scanned to the right of "according to": the phrase's own
/// clause, or a participle that describes the source ("a Fox News poll released Friday").
const NP_STOP: WordList = word_list![
    "who",
    "which",
    "that",
    "said",
    "says",
    "on",
    "in",
    "at",
    "after",
    "as",
    "when",
    "while",
    "because",
    "released",
    "published",
    "conducted",
    "issued",
    "taken",
    "obtained",
];

struct Direct {
    attribution: Attribution,
    /// The cue sat at the end of the sentence before a colon ("X said:").
    introduces: bool,
}

/// Which groups of people count as checkable sources (`[score] group_sources`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupSources {
    /// Only groups tied to an institution or office ("Senate Democrats", "Republican leaders");
    /// bare parties, movements and roles ("Democrats", "critics") are vague.
    Institutional,
    /// Parties and movements too ("Democrats said", the AP usage for a party's stated
    /// position); roles ("critics", "experts", "strategists") stay vague. The default: the
    /// readers of the development set treat "Republicans said" as attributed and "critics
    /// say" or "strategists said" as vague.
    #[default]
    Parties,
    /// No group is a checkable source.
    Strict,
}

/// How one sentence is sourced, by sentence and by clause.
#[derive(Debug, Clone, PartialEq)]
pub struct Sourcing {
    /// The sentence's attribution (the `slant/1` field).
    pub attribution: Attribution,
    /// Byte spans of the sentence that report someone else's claim (cue to end of clause).
    pub reported: Vec<Span>,
    /// A speaker too vague to check: a bare group under the group-sources setting ("critics
    /// of the measure say") or a document nobody can find ("according to one recent poll").
    pub vague_speaker: Option<Span>,
    /// The part of the sentence inside a quotation whose other mark lies outside the sentence
    /// (a fragment of a quotation opened or closed in a neighbouring sentence).
    pub fragment: Option<Span>,
    /// Embedded questions ("whether ...", "if ..." after "asked" or "unclear"), and the
    /// content of accusations and contested claims ("accused X of ...", "claims that ..."):
    /// asked about or reported, not asserted, so not the writer's claim.
    pub asked: Vec<Span>,
    /// What [`ua002_agentless_passive::find`] gave on the sentence's author tokens, when the
    /// attribution needed it: the rule uses it rather than look again.
    pub(crate) passive: Option<Option<(Span, f64)>>,
}

impl Speaker {
    fn attribution(&self, text: &str, last_named: &Option<String>) -> Attribution {
        let source = match self.who {
            Who::Span(s) => text[s.start..s.end].to_string(),
            Who::Pronoun(s) => last_named
                .clone()
                .unwrap_or_else(|| text[s.start..s.end].to_string()),
        };
        Attribution {
            kind: self.kind,
            source: Some(source),
            cue: Some(text[self.cue.start..self.cue.end].to_string()),
        }
    }
}

impl Sourcing {
    /// True when `span` is the writer's own words: outside every reported clause and outside
    /// a quotation fragment (quotations proper are left out by the caller).
    pub fn is_writers(&self, span: Span) -> bool {
        !self.reported.iter().any(|r| r.overlaps(span))
            && !self.fragment.is_some_and(|f| f.overlaps(span))
            && !self.asked.iter().any(|q| q.overlaps(span))
    }
}

/// Who a speaker phrase names: the phrase itself (or a source phrase elsewhere in the
/// sentence), or a pronoun to resolve to the last named speaker.
#[derive(Clone, Copy)]
enum Who {
    Span(Span),
    Pronoun(Span),
}

/// A speaker found next to a cue. The strings of its [`Attribution`] are built only for the
/// cue that gives the sentence its attribution.
struct Speaker {
    kind: AttributionKind,
    who: Who,
    cue: Span,
    /// The speaker's noun phrase.
    np: Span,
    /// The speaker follows the cue ("..., said the mayor", "according to the report").
    after: bool,
    /// The phrase is a bare group (vague under the setting) or an unnamed document.
    vague_speaker: bool,
    /// The cue opens a relative clause after its speaker ("Kennedy, who said ...").
    relative: bool,
}

/// Attribute every sentence of `doc`. `hits` and `tokens` are per sentence.
pub fn attribute(
    doc: &Document,
    hits: &crate::PerSentence<Hit>,
    author_tokens: &crate::PerSentence<&Token>,
    quotes: &[&[Quote]],
    entries: &[Entry],
    groups: GroupSources,
) -> Vec<Sourcing> {
    let text = doc.text();
    let mut last_named: Option<String> = None;
    let mut direct: Vec<Option<Direct>> = Vec::with_capacity(doc.sentences.len());
    let mut clauses: Vec<(Vec<Span>, Option<Span>)> = Vec::with_capacity(doc.sentences.len());
    for (i, sentence) in doc.sentences.iter().enumerate() {
        let toks = &author_tokens[i];
        let sent_hits: Vec<&Hit> = hits[i]
            .iter()
            .filter(|h| !quotes[i].iter().any(|q| q.outer.contains(h.span)))
            .collect();
        // An embedded social-media post ("... — Chuck Schumer (@SenSchumer) September 4,
        // 2018") is its author's words from end to end, whatever it says inside.
        if let Some(by) = embedded_post(text, sentence.span) {
            direct.push(Some(Direct {
                attribution: Attribution {
                    kind: AttributionKind::Named,
                    source: Some(text[by.start..by.end].to_string()),
                    cue: Some(text[by.start..by.end].to_string()),
                },
                introduces: false,
            }));
            clauses.push((vec![sentence.span], None));
            continue;
        }
        let mut found = None;
        let mut reported = Vec::new();
        let mut vague_speaker = None;
        for cue in sent_hits.iter().filter(|h| {
            matches!(
                h.category,
                Category::AttributionCue | Category::ReportingVerb
            )
        }) {
            // A cue inside a part already reported ("X said Y had argued ...") adds nothing.
            if reported.iter().any(|r: &Span| r.contains(cue.span)) {
                continue;
            }
            let Some(sp) = speaker_for(text, cue, toks, &sent_hits, entries, groups) else {
                continue;
            };
            reported.push(reported_clause(
                text,
                sentence.span,
                toks,
                quotes[i],
                cue.span,
                &sp,
            ));
            if sp.vague_speaker && vague_speaker.is_none() {
                vague_speaker = Some(sp.np);
            }
            if found.is_none() {
                // "X said:" or "X said: ... :" ending the sentence introduces the next one.
                let introduces = text[sentence.span.start..sentence.span.end]
                    .trim_end()
                    .ends_with(':');
                found = Some(Direct {
                    attribution: sp.attribution(text, &last_named),
                    introduces,
                });
            }
        }
        if found.is_none() {
            // A source with no cue next to it: "a shift some analysts see as ...".
            for (cat, kind) in [
                (Category::VagueSource, AttributionKind::Vague),
                (Category::AnonymousSource, AttributionKind::Anonymous),
                (Category::DocumentSource, AttributionKind::Document),
            ] {
                if let Some(h) = sent_hits.iter().find(|h| {
                    h.category == cat
                        && !ua001_vague_source::called_to_act(text, toks, h.span)
                        && !(cat == Category::VagueSource
                            && ua001_vague_source::not_a_speaker(
                                toks,
                                sent_hits.iter().copied(),
                                h.span,
                            ))
                }) {
                    // "Sources told Fox News", "Two sources told Reuters": see
                    // `undescribed_sources`.
                    let kind = if kind == AttributionKind::Anonymous
                        && undescribed_source_hit(text, toks, h.span)
                    {
                        vague_speaker = Some(h.span);
                        AttributionKind::Vague
                    } else {
                        kind
                    };
                    found = Some(Direct {
                        attribution: Attribution {
                            kind,
                            source: Some(text[h.span.start..h.span.end].to_string()),
                            cue: None,
                        },
                        introduces: text[sentence.span.start..sentence.span.end]
                            .trim_end()
                            .ends_with(':'),
                    });
                    // Without a cue, a source phrase that reports ("records show", "a study
                    // found", "according to a report") or a person vouches for the whole
                    // sentence; a document merely mentioned ("the lawsuit", "a letter to")
                    // does not.
                    if kind != AttributionKind::Document
                        || reports(&entries[h.entry].term.to_ascii_lowercase())
                    {
                        reported.push(sentence.span);
                    }
                    break;
                }
            }
        }
        if let Some(Direct {
            attribution:
                Attribution {
                    kind: AttributionKind::Named,
                    source: Some(s),
                    ..
                },
            ..
        }) = &found
        {
            if s.chars().next().map(char::is_uppercase).unwrap_or(false)
                && !PRONOUNS.contains(s.to_lowercase().as_str())
            {
                last_named = Some(s.clone());
            }
        }
        direct.push(found);
        clauses.push((reported, vague_speaker));
    }

    // Quotations: the attribution found in any sentence of a quotation covers all of it.
    let mut out: Vec<Sourcing> = Vec::with_capacity(doc.sentences.len());
    for (i, sentence) in doc.sentences.iter().enumerate() {
        let (mut reported, vague_speaker) = std::mem::take(&mut clauses[i]);
        let fragment = quote_fragment(text, sentence.span, quotes[i]);
        let mut asked = embedded_questions(text, &author_tokens[i]);
        asked.extend(contested_content(text, &author_tokens[i]));
        if let Some(d) = &direct[i] {
            out.push(Sourcing {
                attribution: d.attribution.clone(),
                reported,
                vague_speaker,
                fragment,
                asked,
                passive: None,
            });
            continue;
        }
        let mut inherited = None;
        if sentence.voice != Voice::Author {
            // Sentences sharing a quotation are neighbours: look outwards from this one.
            let shares_quote = |j: usize| {
                quotes[i]
                    .iter()
                    .any(|q| q.outer.overlaps(doc.sentences[j].span))
            };
            let before = (0..i).rev().take_while(|&j| shares_quote(j));
            let after = (i + 1..doc.sentences.len()).take_while(|&j| shares_quote(j));
            for j in after.chain(before) {
                if let Some(d) = &direct[j] {
                    if d.attribution.kind != AttributionKind::AgentlessPassive {
                        inherited = Some(d.attribution.clone());
                        break;
                    }
                }
            }
            // A quotation that goes on in the next paragraph without a new speaker tag is
            // still the last speaker's (news convention).
            if inherited.is_none() && i > 0 && doc.sentences[i - 1].voice != Voice::Author {
                if let Some(prev) = out.get(i - 1) {
                    if matches!(
                        prev.attribution.kind,
                        AttributionKind::Named | AttributionKind::Anonymous
                    ) {
                        inherited = Some(prev.attribution.clone());
                    }
                }
            }
        }
        // "Putin stated:" or "The report found:" ending the previous sentence introduces this
        // one, quoted or not.
        if inherited.is_none() && i > 0 {
            if let Some(d) = &direct[i - 1] {
                if d.introduces {
                    inherited = Some(d.attribution.clone());
                }
            }
        }
        // A speaker tag standing alone after a quotation or claim ("he said." split off as a
        // sentence of its own) gives its source to the sentence before it.
        if inherited.is_none() && i + 1 < doc.sentences.len() && is_bare_tag(&author_tokens[i + 1])
        {
            if let Some(d) = &direct[i + 1] {
                if d.attribution.kind != AttributionKind::AgentlessPassive {
                    inherited = Some(d.attribution.clone());
                }
            }
        }
        if inherited.is_some() {
            reported = vec![sentence.span];
        }
        let mut passive = None;
        let attribution = inherited.unwrap_or_else(|| {
            let found = ua002_agentless_passive::find(&author_tokens[i]);
            passive = Some(found);
            match found {
                Some((span, _)) => Attribution {
                    kind: AttributionKind::AgentlessPassive,
                    source: None,
                    cue: Some(text[span.start..span.end].to_string()),
                },
                None => Attribution::none(),
            }
        });
        out.push(Sourcing {
            attribution,
            reported,
            vague_speaker,
            fragment,
            asked,
            passive,
        });
    }
    out
}

/// Words after which "if" opens an embedded question ("asked if", "unclear if") rather than
/// a condition.
const ASKING: WordList = word_list![
    "ask",
    "asks",
    "asked",
    "asking",
    "wonder",
    "wonders",
    "wondered",
    "wondering",
    "unclear",
    "uncertain",
    "unknown",
    "question",
    "questioned",
    "see",
    "know",
    "knows",
    "decide",
    "decides",
    "determine",
    "doubt",
    "doubts",
];

/// The embedded questions of a sentence: from "whether" (or "if" right after a verb or
/// adjective of asking: "asked if", "it is unclear if") to the end of its clause (a comma,
/// semicolon or dash after its first words, or the sentence's end). "The question is whether
/// hundreds of thousands of workers have ..." asks about the figure; it does not assert it.
/// A question that is the sentence's subject ("Whether Trump can pull it off is
/// questionable", "The question of whether X wins could be decided by ...") ends before the
/// main verb, which is the writer's again.
fn embedded_questions(text: &str, toks: &[&Token]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for (k, t) in toks.iter().enumerate() {
        let opens = t.lower == "whether"
            || (t.lower == "if" && k > 0 && ASKING.contains(toks[k - 1].lower.w()));
        if !opens || out.last().is_some_and(|q| q.contains(t.span)) {
            continue;
        }
        // The clause ends at punctuation after its first words ("whether, say, X" goes on).
        let mut last = clause_end(text, toks, k, k + 2, false);
        let lead = toks[..k]
            .iter()
            .filter(|t| !OPENERS.contains(t.lower.w()))
            .count();
        let subject = t.lower == "whether"
            && (lead == 0 || (k >= 2 && toks[k - 1].lower == "of" && lead <= 4));
        if subject {
            last = before_main_verb(toks, k + 2, last);
        }
        out.push(Span::new(t.span.start, toks[last].span.end));
    }
    out
}

/// The last token of the clause that starts at token `from`: the one before the first comma,
/// semicolon or dash found after token `after` (so a clause's first words may be set off:
/// "whether, say, X"), or, with `and_clause`, before an "and" or "but" that opens a clause of
/// its own ("... and no evidence has been produced"); else the sentence's last token.
fn clause_end(text: &str, toks: &[&Token], from: usize, after: usize, and_clause: bool) -> usize {
    for j in from + 1..toks.len() {
        let gap = &text[toks[j - 1].span.end..toks[j].span.start];
        let new_clause = and_clause
            && is!(toks[j].lower.w(), "and" | "but")
            && toks[j + 1..]
                .iter()
                .take(4)
                .any(|t| FINITE.contains(t.lower.w()));
        if (j > after && gap.contains([',', ';', '\u{2014}', '\u{2013}'])) || new_clause {
            return j - 1;
        }
    }
    toks.len() - 1
}

/// A clause standing as the sentence's subject, from token `from` to `last`, ends before the
/// main verb ("Whether ... is unclear"), which is the writer's again.
fn before_main_verb(toks: &[&Token], from: usize, last: usize) -> usize {
    (from..=last)
        .rev()
        .find(|&j| MAIN_VERBS.contains(toks[j].lower.w()))
        .map_or(last, |v| v - 1)
}

/// Nouns naming someone's contested statement: what follows them ("claims that he betrayed
/// Democrats", "allegations he lied") is that statement, reported, not asserted.
const CONTESTED: WordList = word_list![
    "claim",
    "claims",
    "allegation",
    "allegations",
    "accusation",
    "accusations",
    "notion",
    "suggestion",
    "suggestions",
    "rumor",
    "rumors",
    "rumour",
    "rumours",
    "assertion",
    "assertions",
    "insinuation",
    "insinuations",
];

/// Verbs by which someone casts a person or thing as something ("painted X as Y",
/// "characterizing herself as"): what follows "as" is their picture, not the writer's.
const CASTS: WordList = word_list![
    "painted",
    "paints",
    "painting",
    "portrayed",
    "portrays",
    "portraying",
    "characterized",
    "characterizes",
    "characterizing",
    "characterised",
    "characterises",
    "characterising",
    "depicted",
    "depicts",
    "depicting",
    "described",
    "describes",
    "describing",
    "branded",
    "brands",
    "branding",
    "labeled",
    "labels",
    "labeling",
    "labelled",
    "labelling",
];

/// Participles of speech that open a sentence before its speaker ("Calling it ..., Trump
/// said").
const SPEECH_OPENERS: WordList = word_list![
    "calling",
    "describing",
    "labeling",
    "labelling",
    "branding",
    "dubbing",
    "characterizing",
];

/// Auxiliaries that show a clause of its own after "and" or "but".
const FINITE: WordList =
    word_list!["is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "can",];

/// Subject pronouns that open a clause after a contested noun with no "that" ("allegations he
/// lied").
const CLAUSE_SUBJECTS: WordList = word_list!["he", "she", "they", "it", "we", "i"];

/// The content of an accusation or a contested statement the sentence reports: from "of" after
/// "accused ... of" ("accused tea party activists of tolerating bigotry"), or from the clause
/// after a contested noun ("rejected claims that he betrayed Democrats", "investigated
/// allegations he lied") or after "denied that", to the end of its clause. The writer reports
/// that someone said it; the words are not the writer's verdict. (A judging word before the
/// noun, "baseless claims", stays the writer's.)
fn contested_content(text: &str, toks: &[&Token]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for (k, t) in toks.iter().enumerate() {
        if out.last().is_some_and(|q| q.contains(t.span)) {
            continue;
        }
        let w = t.lower.w();
        let next = toks.get(k + 1).map(|n| n.lower.w());
        let be = k > 0
            && is!(
                toks[k - 1].lower.w(),
                "is" | "are" | "was" | "were" | "be" | "been" | "being"
            );
        let from = if is!(w, "accused" | "accuses" | "accuse" | "accusing") {
            // "accused X of ...": the object is a few words at most.
            (k + 2..toks.len().min(k + 10))
                .find(|&j| toks[j].lower == "of")
                .map(|j| j + 1)
        } else if CASTS.contains(w) && !be {
            // "painted Feinstein as an out-of-touch politician": the subject's picture of her.
            // (The passive, "is described as", names nobody: it stays the writer's.)
            (k + 2..toks.len().min(k + 8))
                .find(|&j| toks[j].lower == "as")
                .map(|j| j + 1)
        } else if k == 0 && SPEECH_OPENERS.contains(w) {
            // "Calling it one of the biggest scams in the history of politics, Trump said": a
            // fronted act of speech is the speaker's.
            Some(k + 1)
        } else if CONTESTED.contains(w) || is!(w, "denied" | "denies" | "deny" | "denying") {
            let clause = match next {
                Some(n) if n == "that" => {
                    // "claims that were made": a relative clause describes the claims.
                    let relative = toks.get(k + 2).is_some_and(|a| {
                        is!(
                            a.lower.w(),
                            "is" | "are" | "was" | "were" | "have" | "has" | "had" | "would"
                        )
                    });
                    !relative
                }
                // "allegations he lied", not "allegations; we can call that ...".
                Some(n) => {
                    CONTESTED.contains(w)
                        && CLAUSE_SUBJECTS.contains(n)
                        && text[t.span.end..toks[k + 1].span.start].trim().is_empty()
                }
                None => false,
            };
            clause.then_some(k + 1)
        } else {
            None
        };
        let Some(first) = from.filter(|&f| f < toks.len()) else {
            continue;
        };
        // The clause ends at the next comma, semicolon or dash, or before "and" or "but"
        // opening a clause of its own ("claims that X ... and no evidence has been produced").
        let mut last = clause_end(text, toks, first, first, true);
        // "Their assertion that the program would not crowd out ... is so incredible": a
        // contested statement as the sentence's subject ends before the main verb, which is
        // the writer's again.
        // Only words that can open a noun phrase may come before it: "Trump rejected claims
        // that the vote was rigged" has the claim as its object, running to the clause's end.
        let lead: Vec<&&Token> = toks[..k]
            .iter()
            .filter(|t| !OPENERS.contains(t.lower.w()))
            .collect();
        let subject = lead.iter().all(|t| {
            determines(t)
                || (!t.capitalised && !PRONOUNS.contains(t.lower.w()) && !AUX.contains(t.lower.w()))
        });
        if lead.len() <= 2 && subject && CONTESTED.contains(w) {
            last = before_main_verb(toks, first + 2, last);
        }
        out.push(Span::new(toks[first].span.start, toks[last].span.end));
    }
    out
}

/// Verbs that follow a question standing as the sentence's subject ("Whether ... is unclear").
const MAIN_VERBS: WordList = word_list![
    "is", "are", "was", "were", "remains", "remain", "remained", "could", "will", "would", "may",
    "might", "can", "should", "has", "have", "had", "seems", "appears", "depends", "matters",
    "isn't", "wasn't", "won't",
];

/// A document-source phrase that carries its own act of reporting.
fn reports(term: &str) -> bool {
    [
        "according",
        "said",
        "found",
        "show",
        "by",
        "from",
        "published",
        "released",
        "obtained",
        "survey",
        "poll",
    ]
    .iter()
    .any(|w| term.split(' ').any(|t| t == *w))
}

/// The signature of a social-media post embedded in the page, as the sentence's source: the
/// name and handle after a dash ("— Chuck Schumer (@SenSchumer) September 4, 2018"), or the
/// handle of a "Skip Twitter post by @handle" marker (the BBC's). A handle in a sentence of
/// the writer's own ("met with Jordan Ghawi (@JordanGhawi), brother of ...") has no dash
/// before it and signs nothing.
fn embedded_post(text: &str, sentence: Span) -> Option<Span> {
    let s = &text[sentence.start..sentence.end];
    // Most sentences have no handle at all: one fast scan for '@' settles them.
    s.find('@')?;
    let handle_end = |from: usize| {
        from + s[from..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(s.len() - from)
    };
    const MARKER: &str = "Twitter post by @";
    if let Some(at) = s.find(MARKER) {
        let start = at + MARKER.len() - 1;
        let end = handle_end(start + 1);
        if end > start + 1 {
            return Some(Span::new(sentence.start + start, sentence.start + end));
        }
    }
    for (open, _) in s.match_indices("(@") {
        let end = handle_end(open + 2);
        if end == open + 2 || !s[end..].starts_with(')') {
            continue;
        }
        // The author's name sits between the dash and the handle, a few words at most.
        let before = &s[..open];
        let Some(dash) = before.rfind(['\u{2014}', '\u{2013}']) else {
            continue;
        };
        let name = before[dash..].trim_start_matches(['\u{2014}', '\u{2013}']);
        let words = name.split_whitespace().count();
        if (1..=8).contains(&words) && name.trim_start().starts_with(char::is_uppercase) {
            let start = open - name.trim_start().len();
            return Some(Span::new(sentence.start + start, sentence.start + end + 1));
        }
    }
    None
}

/// A sentence that is only a speaker tag: "he said.", "the mayor added."
fn is_bare_tag(toks: &[&Token]) -> bool {
    (2..=4).contains(&toks.len())
        && matches!(
            toks.last().map(|t| t.lower.as_str()),
            Some("said" | "says" | "added" | "adds" | "wrote" | "writes" | "told" | "explained")
        )
}

/// Words that open a sentence without belonging to its subject.
const OPENERS: WordList = word_list![
    "but",
    "and",
    "yet",
    "so",
    "meanwhile",
    "still",
    "now",
    "also",
    "however",
    "instead",
    "then",
    "thus",
];

/// Conjunctions that open a fronted subordinate clause ("Despite Trump saying ..., ...").
const SUBORDINATORS: WordList = word_list![
    "despite",
    "although",
    "though",
    "while",
    "whereas",
    "as",
    "after",
    "before",
    "when",
    "since",
    "because",
    "if",
    "unless",
    "with",
    "amid",
    "following",
    "until",
    "once",
    "even",
    "whether",
];

/// Words after a comma that start a clause of its own: the reported clause ends before them.
const CLAUSE_STARTS: WordList = word_list![
    "but",
    "yet",
    "while",
    "although",
    "though",
    "whereas",
    "even",
    "however",
    "meanwhile",
];

/// The part of the sentence a cue reports: from the cue to the end of its clause, or the
/// whole sentence when the speaker follows the cue.
fn reported_clause(
    text: &str,
    sentence: Span,
    toks: &[&Token],
    quotes: &[Quote],
    cue: Span,
    sp: &Speaker,
) -> Span {
    if sp.after {
        return sentence;
    }
    // ", the mayor said." and "The plan, the mayor said, would fail": a speaker tag set off
    // by punctuation, with at most a few words after the cue ("said Tuesday", "said in a
    // statement") before a comma or the end, reports the words around it. "Instead, tone-deaf
    // as he is, he said the appearance ..." is not a tag: the claim follows the cue.
    // The speaker phrase may leave out its article (", a USA TODAY/Suffolk Poll finds").
    let lead_in = text[sentence.start..sp.np.start.min(cue.start)].trim_end();
    let lead_in = ["a", "an", "the", "A", "An", "The"]
        .iter()
        .find_map(|d| {
            lead_in
                .strip_suffix(d)
                .filter(|r| r.ends_with(char::is_whitespace))
        })
        .map_or(lead_in, str::trim_end);
    if lead_in.ends_with([',', ':', '"', '\u{201d}', '\u{2014}', '\u{2013}', '('])
        && !stance_adverbial(lead_in)
    {
        let rest = &text[cue.end..sentence.end];
        let until = rest.find([',', ';']).unwrap_or(rest.len());
        let words: Vec<&str> = rest[..until].split_whitespace().collect();
        if words.len() <= 6 && !words.iter().any(|w| w.eq_ignore_ascii_case("that")) {
            return sentence;
        }
    }
    // Is the speaker inside a fronted subordinate clause ("Despite Trump saying ...,")?
    let lead = toks
        .iter()
        .find(|t| !is!(t.lower.w(), "but" | "and" | "yet" | "so" | "still"));
    let fronted = lead.is_some_and(|t| {
        t.span.start < sp.np.start.min(cue.start) && SUBORDINATORS.contains(t.lower.w())
    });
    // "As Jim Pethokoukis notes, job growth has been ...": the claim after the comma is the
    // speaker's.
    if fronted && lead.is_some_and(|t| t.lower == "as") {
        return sentence;
    }
    let body = &text[cue.end..sentence.end];
    let mut end = sentence.end;
    for (off, mark) in clause_marks(body) {
        let at = cue.end + off;
        // Punctuation inside a quotation belongs to the quoted words, except a comma that
        // closes it ("... 'come a long way,' Democrats ...").
        let inside = quotes
            .iter()
            .any(|q| q.inner.start <= at && at + mark.len() < q.inner.end);
        if inside {
            continue;
        }
        if mark == ";" || (fronted && mark == ",") {
            end = at;
            break;
        }
        let next = toks.iter().find(|t| t.span.start > at);
        // "Boehner, who has pledged to stay until ..., could be forced to": the comma closing
        // a relative clause before the main verb ends what the speaker is reported as saying.
        if sp.relative
            && mark == ","
            && next.is_some_and(|t| AUX.contains(t.lower.w()) || MAIN_VERBS.contains(t.lower.w()))
        {
            end = at;
            break;
        }
        // "said the score is not ready, but that the Senate could move anyway": a second
        // "that" clause goes on with the report.
        let second_that = next.is_some_and(|t| {
            toks.iter()
                .find(|n| n.span.start > t.span.end)
                .is_some_and(|n| n.lower == "that")
        });
        if next.is_some_and(|t| CLAUSE_STARTS.contains(t.lower.w())) && !second_that {
            end = at;
            break;
        }
    }
    Span::new(cue.start, end.max(cue.end))
}

/// A lead-in that is only the writer's comment on what follows ("Not surprisingly,",
/// "(Predictably,", "Of course,"): the speaker after it is the subject of the sentence, not a
/// tag set off after a claim ("It failed, the mayor said."), so the comment stays the writer's.
fn stance_adverbial(lead_in: &str) -> bool {
    let words = lead_in
        .trim_start_matches(['(', '\u{2014}'])
        .trim_end_matches([',', ':', '(', '\u{2014}', '\u{2013}']);
    let mut n = 0;
    words.split_whitespace().all(|w| {
        n += 1;
        let w = w.to_ascii_lowercase();
        (w.len() > 4 && w.ends_with("ly"))
            || matches!(w.as_str(), "not" | "of" | "course" | "as" | "expected")
    }) && (1..=3).contains(&n)
}

/// The commas, semicolons and em and en dashes of `s` with their offsets: what
/// `s.match_indices([',', ';', '\u{2014}', '\u{2013}'])` gives, by bytes (the dashes are
/// E2 80 94 and E2 80 93) instead of decoding every character.
fn clause_marks(s: &str) -> impl Iterator<Item = (usize, &str)> + '_ {
    let b = s.as_bytes();
    b.iter().enumerate().filter_map(move |(i, &c)| match c {
        b',' | b';' => Some((i, &s[i..i + 1])),
        0xe2 if matches!(b.get(i + 1..i + 3), Some([0x80, 0x93 | 0x94])) => Some((i, &s[i..i + 3])),
        _ => None,
    })
}

/// A quotation mark in the sentence whose partner lies outside it: the words on its inner side
/// are a fragment of a quotation (the opening or closing part of a quote split by the
/// sentence boundary).
fn quote_fragment(text: &str, sentence: Span, quotes: &[Quote]) -> Option<Span> {
    let s = &text[sentence.start..sentence.end];
    let paired = |at: usize| {
        quotes
            .iter()
            .any(|q| q.outer.start <= at && at < q.outer.end)
    };
    let mut opener = None;
    let mut closer = None;
    let mut straight = Vec::new();
    let bytes = s.as_bytes();
    for off in quote_mark_candidates(bytes) {
        // '"', or U+201C and U+201D, which are E2 80 9C and E2 80 9D.
        let mark = match bytes[off..] {
            [b'"', ..] => '"',
            [0xe2, 0x80, 0x9c, ..] => '\u{201c}',
            [0xe2, 0x80, 0x9d, ..] => '\u{201d}',
            _ => continue,
        };
        let at = sentence.start + off;
        if paired(at) {
            continue;
        }
        match mark {
            '\u{201c}' => opener = opener.or(Some(at)),
            '\u{201d}' => closer = Some(at + mark.len_utf8()),
            _ => straight.push((off, at)),
        }
    }
    if straight.len() == 1 {
        let (off, at) = straight[0];
        let before = s[..off].chars().next_back();
        let after = s[off + 1..].chars().next();
        let opens =
            before.is_none_or(char::is_whitespace) && after.is_some_and(char::is_alphanumeric);
        if opens {
            opener = opener.or(Some(at));
        } else {
            closer = closer.or(Some(at + 1));
        }
    }
    match (opener, closer) {
        (Some(o), None) => Some(Span::new(o, sentence.end)),
        (None, Some(c)) => Some(Span::new(sentence.start, c)),
        _ => None,
    }
}

/// Offsets of the bytes `"` and 0xE2 (the first byte of curly quotation marks) in `bytes`, in
/// order. Eight bytes are tested at a time, so text without them costs little.
fn quote_mark_candidates(bytes: &[u8]) -> Vec<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Some byte of `x` is `b`: the classic test for a zero byte in `x ^ b...b`.
    let has = |x: u64, b: u8| {
        let y = x ^ (ONES * b as u64);
        y.wrapping_sub(ONES) & !y & HIGH != 0
    };
    let mut out = Vec::new();
    let mut scan = |base: usize, c: &[u8]| {
        for (i, &b) in c.iter().enumerate() {
            if b == b'"' || b == 0xe2 {
                out.push(base + i);
            }
        }
    };
    let mut chunks = bytes.chunks_exact(8);
    let mut base = 0;
    for c in &mut chunks {
        let x = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        if has(x, b'"') || has(x, 0xe2) {
            scan(base, c);
        }
        base += 8;
    }
    scan(base, chunks.remainder());
    out
}

/// The attribution kind a source-lexicon category stands for.
fn source_kind(category: Category) -> AttributionKind {
    match category {
        Category::VagueSource => AttributionKind::Vague,
        Category::AnonymousSource => AttributionKind::Anonymous,
        _ => AttributionKind::Document,
    }
}

/// The speaker next to a reporting cue, classified, with its phrase and side.
fn speaker_for(
    text: &str,
    cue: &Hit,
    toks: &[&Token],
    hits: &[&Hit],
    entries: &[Entry],
    groups: GroupSources,
) -> Option<Speaker> {
    let (mut kind, who, np) = classify_speaker(text, cue, toks, hits, entries)?;
    // "what he believes", "how she said it": a cue inside an embedded question reports nothing.
    // ("What Lennard and Rensin are saying ... is that": the writer's paraphrase.)
    if (np.0 > 0
        && is!(
            toks[np.0 - 1].lower.w(),
            "what" | "how" | "why" | "where" | "whatever" | "whether"
        ))
        || toks[np.0].lower == "what"
    {
        return None;
    }
    let span = Span::new(toks[np.0].span.start, toks[np.1].span.end);
    let mut vague_speaker = false;
    if matches!(kind, AttributionKind::Named | AttributionKind::Vague) {
        match group_source(&toks[np.0..=np.1], groups) {
            Some(true) => {
                kind = AttributionKind::Vague;
                vague_speaker = true;
            }
            Some(false) => kind = AttributionKind::Named,
            None => {}
        }
    }
    // "well-placed RNC insiders tell": unnamed, but the organisation says whose people speak.
    if kind == AttributionKind::Vague
        && toks[np.0..=np.1]
            .iter()
            .any(|t| ua001_vague_source::is_acronym(&text[t.span.start..t.span.end]))
    {
        kind = AttributionKind::Anonymous;
        vague_speaker = false;
    }
    // "according to one recent poll", "A new study found": which poll, which study? (Only as
    // the sentence's source: "X issued a statement saying" names X.)
    let heads_sentence = np.0 == 0
        || toks[..np.0]
            .iter()
            .all(|t| OPENERS.contains(t.lower.w()) || t.lower == "according" || t.lower == "to");
    if kind == AttributionKind::Document && heads_sentence && unnamed_document(&toks[np.0..=np.1]) {
        kind = AttributionKind::Vague;
        vague_speaker = true;
    }
    // "Polls show", "Most polls have also found", "Reputable surveys show": which polls? A
    // bare plural names no document anyone can find ("The Post-ABC polls show" and "the
    // polls" pointing back do). After the cue ("according to polls") `unnamed_document`
    // judges the phrase.
    let after = span.start >= cue.span.end;
    if matches!(kind, AttributionKind::Named | AttributionKind::Document)
        && !after
        && undescribed_documents(&toks[np.0..=np.1])
    {
        kind = AttributionKind::Vague;
        vague_speaker = true;
    }
    // "Sources told Fox News", "Two sources told Reuters", "multiple sources tell": sources
    // with nothing said about them cannot be checked at all (the guideline's "sources
    // suggest" with no description); "two sources familiar with the talks", "congressional
    // sources" and "the sources" (pointing back) are described.
    if kind == AttributionKind::Anonymous && undescribed_sources(&toks[np.0..=np.1]) {
        kind = AttributionKind::Vague;
        vague_speaker = true;
    }
    let relative = toks
        .get(np.1 + 1)
        .is_some_and(|t| is!(t.lower.w(), "who" | "which") && t.span.end <= cue.span.start);
    Some(Speaker {
        kind,
        who,
        cue: cue.span,
        np: span,
        after,
        vague_speaker,
        relative,
    })
}

/// "sources", "two sources", "multiple sources", "a source": a count at most, no description.
fn undescribed_sources(np: &[&Token]) -> bool {
    let Some((last, count)) = np.split_last() else {
        return false;
    };
    is!(last.lower.w(), "source" | "sources")
        && count.iter().all(|t| {
            is!(
                t.lower.w(),
                "a" | "one"
                    | "two"
                    | "three"
                    | "four"
                    | "five"
                    | "several"
                    | "multiple"
                    | "some"
                    | "many"
                    | "numerous"
                    | "various"
                    | "other"
            ) || t.lower.bytes().all(|b| b.is_ascii_digit())
        })
}

/// "polls", "most polls", "reputable surveys", "recent studies": a plural of documents with
/// at most a count or a describing word before it, no determiner and nothing capitalised
/// after the phrase's first word.
fn undescribed_documents(np: &[&Token]) -> bool {
    let Some((last, before)) = np.split_last() else {
        return false;
    };
    is!(
        last.lower.w(),
        "polls" | "surveys" | "studies" | "estimates" | "projections"
    ) && before.len() <= 2
        && before.iter().enumerate().all(|(k, t)| {
            (k == 0 || !t.capitalised)
                && is!(
                    t.lower.w(),
                    "most"
                        | "many"
                        | "some"
                        | "several"
                        | "multiple"
                        | "numerous"
                        | "various"
                        | "other"
                        | "recent"
                        | "new"
                        | "reputable"
                        | "national"
                        | "independent"
                        | "early"
                        | "private"
                        | "internal"
                )
        })
}

/// An anonymous-source phrase with no cue of its own ("sources told", "according to
/// sources") whose sources are undescribed: the phrase's words up to "source(s)" and the words
/// before it back to the sentence's start, or to a comma when the source closes the sentence
/// ("..., sources said"), are a count at most ("Two sources told Reuters").
fn undescribed_source_hit(text: &str, toks: &[&Token], span: Span) -> bool {
    let Some(end) = toks.iter().position(|t| {
        t.span.start >= span.start
            && t.span.end <= span.end
            && is!(t.lower.w(), "source" | "sources")
    }) else {
        return false;
    };
    let start = (1..=end)
        .rev()
        .find(|&i| text[toks[i - 1].span.end..toks[i].span.start].contains(','))
        .unwrap_or(0);
    let mut np: Vec<&Token> = toks[start..=end]
        .iter()
        .copied()
        .filter(|t| !is!(t.lower.w(), "according" | "to"))
        .collect();
    // Only what stands between the sentence's opening and the sources counts.
    while np.first().is_some_and(|t| OPENERS.contains(t.lower.w())) {
        np.remove(0);
    }
    undescribed_sources(&np)
}

/// A document phrase that names no one and nothing findable: an indefinite article and no
/// capitalised word ("one recent poll", "a new study", "some reports").
fn unnamed_document(np: &[&Token]) -> bool {
    np.first().is_some_and(|t| {
        is!(
            t.lower.w(),
            "a" | "an" | "one" | "another" | "some" | "several" | "recent" | "new" | "reports"
        )
    }) && !np.iter().skip(1).any(|t| t.capitalised)
        && !np
            .iter()
            .any(|t| is!(t.lower.w(), "by" | "from" | "of" | "conducted"))
}

/// Heads of phrases naming a party or movement as a whole.
const PARTY_GROUPS: WordList = word_list![
    "democrats",
    "republicans",
    "conservatives",
    "liberals",
    "progressives",
    "libertarians",
    "evangelicals",
    "moderates",
    "centrists",
    "leftists",
    "socialists",
    "populists",
    "nationalists",
    "independents",
    "loyalists",
    "hardliners",
    "hawks",
    "doves",
];

/// Heads of phrases naming people by a role nobody can be asked as such.
const ROLE_GROUPS: WordList = word_list![
    "critics",
    "opponents",
    "supporters",
    "proponents",
    "advocates",
    "activists",
    "skeptics",
    "sceptics",
    "detractors",
    "observers",
    "analysts",
    "experts",
    "strategists",
    "economists",
    "commentators",
    "pundits",
    "scholars",
    "historians",
    "scientists",
    "researchers",
    "academics",
    "allies",
    "backers",
    "foes",
    "rivals",
    "defenders",
    "campaigners",
    "protesters",
    "protestors",
    "demonstrators",
    "residents",
    "voters",
    "americans",
    "parents",
    "community",
    "establishment",
    "groups",
    "left",
    "right",
    "base",
    "people",
    "many",
    "others",
    "conservationists",
    "environmentalists",
    "investors",
    "traders",
    "insiders",
    "watchers",
    "pathologists",
    "epidemiologists",
    "virologists",
    "physicians",
];

/// Words that tie a group to an institution or office whose members can be identified.
const INSTITUTIONS: WordList = word_list![
    "senate",
    "house",
    "congressional",
    "congress",
    "committee",
    "caucus",
    "panel",
    "leadership",
    "leaders",
    "leader",
    "lawmakers",
    "legislators",
    "senators",
    "representatives",
    "members",
    "member",
    "officials",
    "administration",
    "campaign",
    "council",
    "board",
    "department",
    "ministry",
    "government",
    "party",
    "delegation",
    "aides",
    "staff",
    "staffers",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chairman",
    "governors",
    "mayors",
    "justices",
    "judges",
    "court",
    "legislature",
    "assembly",
    "parliament",
    "cabinet",
    "commission",
    "agency",
    "union",
    "association",
    "coalition",
    "organization",
    "organisation",
    "foundation",
    "institute",
    "center",
    "centre",
    "network",
    "company",
];

/// Whether a speaker phrase is a group, and if so whether it is too vague to check under the
/// setting: `Some(true)` vague, `Some(false)` a checkable group, `None` not a group.
fn group_source(np: &[&Token], groups: GroupSources) -> Option<bool> {
    let head = np.last()?.lower.w();
    let party = PARTY_GROUPS.contains(head);
    let role = ROLE_GROUPS.contains(head)
        // "critics of the measure", "supporters of the bill": the role is the first noun.
        || np.iter().position(|t| t.lower == "of").is_some_and(|i| {
            i > 0 && ROLE_GROUPS.contains(np[i - 1].lower.w())
        });
    if !party && !role {
        return None;
    }
    // "Tea Party groups" name a movement, not a party's office.
    let institutional = np.iter().enumerate().any(|(i, t)| {
        INSTITUTIONS.contains(t.lower.w())
            && !(t.lower == "party" && i > 0 && np[i - 1].lower == "tea")
    });
    // "the researchers said", "these experts argue": people named earlier in the article.
    // A generic collective ("the business community", "the establishment") stays a group.
    let anaphoric = np
        .first()
        .is_some_and(|t| is!(t.lower.w(), "the" | "these" | "those"))
        && role
        && head.ends_with('s')
        && !is!(head, "groups" | "others");
    if anaphoric {
        return None;
    }
    Some(match groups {
        GroupSources::Strict => true,
        GroupSources::Institutional => !institutional,
        GroupSources::Parties => !institutional && !party,
    })
}

/// The speaker next to a reporting cue, classified, and its phrase (token indices).
fn classify_speaker(
    text: &str,
    cue: &Hit,
    toks: &[&Token],
    hits: &[&Hit],
    entries: &[Entry],
) -> Option<(AttributionKind, Who, (usize, usize))> {
    let cue_str = &text[cue.span.start..cue.span.end];
    let cue_term = lower_term(&entries[cue.entry]);
    let first_after = toks
        .iter()
        .position(|t| t.span.start >= cue.span.end)
        .unwrap_or(toks.len());
    let last_before = toks.iter().rposition(|t| t.span.end <= cue.span.start);

    // "the United States": a capitalised cue inside a sentence is part of a name.
    if last_before.is_some() && text[cue.span.start..].starts_with(char::is_uppercase) {
        return None;
    }
    // ", suggesting the labor market was losing momentum": the writer's own inference, not
    // anyone's statement.
    let before_cue = text[..cue.span.start].trim_end();
    if before_cue.ends_with(',')
        && cue_str.ends_with("ing")
        && is!(cue_term.as_ref(), "suggest" | "indicate" | "signal")
    {
        return None;
    }
    // "It says a lot about ...", "that says something": an idiom, not a report.
    if toks.get(first_after).is_some_and(|t| {
        is!(t.lower.w(), "something" | "much" | "volumes" | "little")
            || (t.lower == "a" && toks.get(first_after + 1).is_some_and(|n| n.lower == "lot"))
    }) && is!(cue_term.as_ref(), "say" | "tell")
    {
        return None;
    }
    // "The trial has shown us how far ...", "the vote found little support": "find" and "show"
    // report only a document, a person, a body or an organisation.
    if is!(cue_term.as_ref(), "find" | "show") {
        let before = &toks[..last_before.map_or(0, |k| k + 1)];
        let checkable = before.iter().enumerate().any(|(k, t)| {
            let t = *t;
            (t.capitalised && k > 0)
                || DOC_HEADS.contains(t.lower.w())
                || ANON_HEADS.contains(t.lower.w())
                || PRONOUNS.contains(t.lower.w())
                || FINDERS.contains(t.lower.w())
        });
        if !checkable {
            return None;
        }
    }
    if noun_cue(&cue_term, cue_str, toks, first_after) {
        return None;
    }
    // "Gen Zers show up at the march": a phrasal verb, not a finding.
    if cue_term == "show" && toks.get(first_after).is_some_and(|t| t.lower == "up") {
        return None;
    }
    // "Trump has shown a penchant for ...", "she found a way to ...", "the move indicates his
    // resolve": with a plain noun phrase as object, "show", "find" and "indicate" say what a
    // person did or had, not what anyone reported; a document or a finder of facts before
    // the cue ("the audit found a pattern", "researchers found a link") still reports, as
    // does a clause ("shows that ...", "found the plan was ...").
    if is!(cue_term.as_ref(), "find" | "show" | "indicate")
        && toks
            .get(first_after)
            .is_some_and(|t| NP_OBJECT.contains(t.lower.w()))
    {
        let before = &toks[..last_before.map_or(0, |k| k + 1)];
        let finder = before
            .iter()
            .any(|t| DOC_HEADS.contains(t.lower.w()) || FINDERS.contains(t.lower.w()));
        // "showed his net worth was $10 billion": the noun phrase is a clause's subject.
        let clause = toks[first_after..].iter().take(6).any(|t| {
            is!(
                t.lower.w(),
                "is" | "was" | "are" | "were" | "has" | "had" | "would" | "will" | "could"
            )
        });
        if !finder && !clause {
            return None;
        }
    }
    // "would find itself", "might say": a cue after a modal reports no statement that was made.
    if last_before.is_some_and(|k| {
        is!(
            toks[k].lower.w(),
            "would" | "could" | "might" | "may" | "will" | "can" | "should" | "must"
        )
    }) {
        return None;
    }
    // "is widely seen as", "was told": a passive cue reports nobody's speech. ("Allen was
    // saying": a be-verb before a present participle makes the progressive, not a passive.)
    let mut k = last_before;
    while let Some(i) = k {
        let w = toks[i].lower.w();
        if is!(w, "is" | "are" | "was" | "were" | "be" | "been" | "being") {
            if cue_str.ends_with("ing") && !is!(w, "be" | "being") && speaking(&cue_term) {
                break;
            }
            return None;
        }
        if !is!(
            w,
            "widely" | "generally" | "often" | "also" | "not" | "being"
        ) {
            break;
        }
        k = i.checked_sub(1);
    }
    // "the annual report said": a cue word right before another cue is that cue's subject.
    let next_cue = hits.iter().any(|h| {
        matches!(
            h.category,
            Category::AttributionCue | Category::ReportingVerb
        ) && h.span.start > cue.span.end
            && text[cue.span.end..h.span.start].trim().is_empty()
    });
    if next_cue && !cue_term.contains(' ') {
        return None;
    }
    // "the remarks", "Russia's demands", "a report": the cue word is a noun here.
    if let Some(prev) = last_before.map(|k| toks[k]) {
        if !cue_term.contains(' ') && determines(prev) {
            return None;
        }
        // "The baseless claims that were made", "his repeated charges": a determiner and an
        // adjective before a plural cue word make it a noun (a noun before it, as in "the
        // senator claims", leaves it a verb).
        if let Some(k) = last_before.filter(|&k| k > 0) {
            let adjective = |w: &str| {
                ["less", "ous", "ful", "ed"]
                    .iter()
                    .any(|end| w.ends_with(end))
                    || is!(
                        w,
                        "false" | "new" | "latest" | "recent" | "such" | "similar"
                    )
            };
            if !cue_term.contains(' ')
                && cue_str.ends_with('s')
                && !prev.capitalised
                && adjective(prev.lower.as_str())
                && determines(toks[k - 1])
            {
                return None;
            }
        }
        // "after reports surfaced", "amid claims that": after a preposition the cue word is a
        // noun too (a gerund, "by saying", is still a verb).
        if !cue_term.contains(' ')
            && !cue_str.ends_with("ing")
            && text[prev.span.end..cue.span.start].trim().is_empty()
            && toks
                .get(first_after)
                .is_none_or(|t| !is!(t.lower.w(), "from" | "by"))
            && is!(
                prev.lower.w(),
                "after"
                    | "amid"
                    | "despite"
                    | "of"
                    | "for"
                    | "about"
                    | "with"
                    | "over"
                    | "on"
                    | "in"
                    | "from"
                    | "among"
                    | "against"
                    | "under"
                    | "following"
                    | "without"
            )
        {
            return None;
        }
    }
    // "The act cited in the new lawsuits was passed", "all the jobs added in the past 10
    // years": a past participle right after a determined common noun and before a
    // preposition modifies the noun (a reduced relative clause) and reports nobody; a report
    // says what was said ("officials announced in a statement that ...").
    if let Some(k) = last_before {
        let prev = toks[k];
        if !cue_term.contains(' ')
            && cue_str.ends_with("ed")
            && text[prev.span.end..cue.span.start].trim().is_empty()
            && !prev.capitalised
            && !PRONOUNS.contains(prev.lower.w())
            && !AUX.contains(prev.lower.w())
            && toks[k.saturating_sub(2)..k]
                .iter()
                .any(|t| DETERMINERS.contains(t.lower.w()))
            && toks.get(first_after).is_some_and(|t| {
                is!(
                    t.lower.w(),
                    "in" | "by" | "at" | "during" | "over" | "since" | "under" | "on"
                )
            })
            && !toks[first_after..].iter().any(|t| t.lower == "that")
        {
            return None;
        }
    }
    // "32% say", "a majority said", "About two-thirds say", "Four-in-ten say": a poll figure,
    // not a source ("rose 50%, according to the survey" names its source after the cue).
    let source_follows = cue_term.starts_with("according to") || cue_term.starts_with("per ");
    // A capitalised share word inside the sentence names something ("West Virginia's Third
    // District").
    let share = |t: &Token| {
        t.lower.ends_with('%')
            || t.lower == "percent"
            || ((!t.capitalised || std::ptr::eq(t, toks[0]))
                && (is_share(t.lower.w()) || t.lower.contains("-in-")))
    };
    if let Some(prev) = last_before.map(|k| toks[k]).filter(|_| !source_follows) {
        if share(prev)
            || is!(prev.lower.w(), "minority" | "more" | "fewer" | "most")
            // "Fully 75 percent of those polled said", "55 percent of them say", "Half of
            // Republicans say".
            || last_before.is_some_and(|k| toks[k.saturating_sub(4)..k].iter().any(|t| share(t)))
        {
            return None;
        }
    }
    // "Nearly 60% of the nation's voters say ...": a poll figure, not a source.
    // ("a drop of two-tenths of a percent, the Bureau of Labor Statistics says": a comma
    // before the phrase ends the look back.)
    let poll = |np: &(usize, usize)| {
        let lo = np.0.saturating_sub(2);
        let from = (lo..np.0)
            .rev()
            .find(|&k| set_apart(text, toks[k].span.end, toks[k + 1].span.start))
            .map_or(lo, |k| k + 1);
        toks[from..=np.1].iter().any(|t| {
            t.lower.ends_with('%') || is!(t.lower.w(), "percent" | "majority" | "minority")
        })
    };
    // "could belong to Justice Anthony Kennedy, who said he was troubled": the relative
    // pronoun's antecedent speaks, and only from the cue on; what comes before is the writer's.
    let relative = last_before.and_then(|mut k| {
        let mut skipped = 0;
        while AUX.contains(toks[k].lower.w()) && skipped < 3 {
            k = k.checked_sub(1)?;
            skipped += 1;
        }
        // "analysts who asked about ...": a question, not a claim, follows; "lawmakers who
        // claim to care about ...": a description of them, not a report.
        let infinitive = toks.get(first_after).is_some_and(|t| t.lower == "to");
        (is!(toks[k].lower.w(), "who" | "which") && k > 0 && cue_term != "ask" && !infinitive)
            .then(|| k - 1)
    });
    let np = if source_follows {
        right_np(toks, first_after)
    } else if let Some(antecedent) = relative {
        left_np(text, toks, Some(antecedent))
    } else {
        // A speaker after a verb cue only in inversion ('"...," said the mayor', "Said one
        // aide: ...") or as a passive's agent ("first reported by the Times"). Elsewhere the
        // phrase after the verb is its object or the reported clause's subject ("the bill
        // threatens the livelihood of ...", "unable to find one").
        let gap = last_before.map(|k| &text[toks[k].span.end..cue.span.start]);
        let set_off = gap.is_none_or(|g| {
            g.contains([
                ',', '"', '\u{201d}', '\u{2019}', '\'', '\u{2014}', '\u{2013}', ':', '(', ';',
            ])
        });
        // A cue phrase ("according to", "in a statement") names its source after it; a
        // phrasal verb ("walk back threats", "point out") has its object there.
        let phrase = cue_term.contains(' ') && entries[cue.entry].pos != Pos::Verb;
        let inverted = set_off
            || phrase
            || toks
                .get(first_after)
                .is_some_and(|t| is!(t.lower.w(), "by" | "from"));
        // '..., it's a whole new ballgame, says Benjamin Wittes': a tag set off by a comma
        // names its speaker after the cue, a phrase with no verb in it.
        let after_comma = gap.is_some_and(|g| {
            g.contains([',', '"', '\u{201d}', '\u{2019}', '\u{2014}', '\u{2013}'])
        });
        // A participle after a comma (", saying", ", telling CBS") has the main clause's
        // subject, never a speaker after it.
        let participle = cue_str.ends_with("ing");
        let tag = (after_comma && !participle)
            .then(|| speaker_tag(text, toks, first_after))
            .flatten();
        // "a student from Queens, who claimed ... during his lunch break, said he ...": a
        // common noun before a comma ends an inserted clause, not the subject; the cue still
        // reports, as its pronoun shows.
        // "Reade pushed a ticket, complaining that ...", "... while complaining that": the
        // participle's speaker is the main clause's subject, not the object before the comma.
        let subordinate = last_before.is_some_and(|k| {
            k > 0
                && is!(toks[k].lower.w(), "while" | "after" | "before" | "when")
                && text[toks[k - 1].span.end..toks[k].span.start].contains(',')
        });
        let main = (participle && (after_comma || subordinate))
            .then(|| last_before.and_then(|k| main_subject(text, toks, k)))
            .flatten();
        let left = main
            .or_else(|| left_np(text, toks, last_before))
            .filter(|&(a, b)| {
                !after_comma
                    || participle
                    || toks[a..=b].iter().any(|t| t.capitalised)
                    || right_np(toks, first_after).is_none()
            });
        tag.or(left)
            .or_else(|| coordinated_subject(toks, last_before))
            .or_else(|| {
                // "The real estate mogul and reality TV star said he wants ...": a pronoun
                // after the cue shows it reports, whoever the speaker phrase before it is.
                let pronoun = toks
                    .get(first_after)
                    .is_some_and(|t| PRONOUNS.contains(t.lower.w()) && t.lower != "it");
                if inverted || pronoun {
                    right_np(toks, first_after)
                } else {
                    None
                }
            })
    }?;
    if !source_follows && poll(&np) {
        return None;
    }
    // "his ban, announced a few hours before midnight, will ...", "In a speech last October,
    // Srinivasan seemed ...": a time is not a speaker. (Not "May", "March" or "June": names
    // and verbs too.) A clause after the cue still reports ("Reuters/Ipsos, which ..., found
    // in late January that ...": the speaker is further back).
    if toks[np.0..=np.1].iter().any(|t| {
        crate::rules::words::is_weekday(t.lower.w())
            || is!(
                t.lower.w(),
                "hour"
                    | "hours"
                    | "minutes"
                    | "days"
                    | "weeks"
                    | "months"
                    | "years"
                    | "midnight"
                    | "ago"
                    | "january"
                    | "february"
                    | "april"
                    | "july"
                    | "august"
                    | "september"
                    | "october"
                    | "november"
                    | "december"
            )
    }) && !toks[first_after.min(toks.len())..]
        .iter()
        .any(|t| t.lower == "that")
    {
        return None;
    }
    // "For one thing, it suggests the outcome will be crucial", "this shows ...": a pronoun
    // that stands for a fact, not a speaker; the inference is the writer's.
    if np.0 == np.1
        && is!(toks[np.0].lower.w(), "it" | "this" | "that")
        && is!(
            cue_term.as_ref(),
            "suggest" | "show" | "indicate" | "mean" | "signal" | "prove"
        )
    {
        return None;
    }
    // "The recent surge in cases threatens to disrupt ...", "the fact that the NFL made that
    // argument suggests ...", "the decision shows ...": an event, an act or a fact is no
    // speaker; the inference or the forecast is the writer's. (A document still is: "the
    // report suggests".)
    if crate::rules::words::fact_subject(toks, np.0, np.1)
        && is!(
            cue_term.as_ref(),
            "suggest" | "show" | "indicate" | "mean" | "signal" | "prove" | "threaten"
        )
    {
        return None;
    }
    // "But Republicans said", "Despite Trump saying": a sentence-opening conjunction is not
    // part of the speaker.
    let mut np = np;
    // "Critics of the measure say": the group, not the thing it is critical of, speaks.
    if np.0 >= 2 && toks[np.0 - 1].lower == "of" {
        let w = toks[np.0 - 2].lower.w();
        if ROLE_GROUPS.contains(w) || PARTY_GROUPS.contains(w) {
            np.0 -= 2;
        }
    }
    while np.0 < np.1
        && (OPENERS.contains(toks[np.0].lower.w()) || SUBORDINATORS.contains(toks[np.0].lower.w()))
    {
        np.0 += 1;
    }
    let span = Span::new(toks[np.0].span.start, toks[np.1].span.end);
    // A source lexicon hit inside or touching the phrase decides its kind.
    for h in hits
        .iter()
        .filter(|h| h.category.is_source() && h.category != Category::AttributionCue)
    {
        if h.span.overlaps(span) || (h.span.start <= span.start && h.span.end >= span.start) {
            let kind = source_kind(h.category);
            return Some((kind, Who::Span(span), np));
        }
    }
    if ua001_vague_source::vague_subject(text, toks, cue.span.start).is_some() {
        return Some((AttributionKind::Vague, Who::Span(span), np));
    }
    if np.0 == np.1 && PRONOUNS.contains(toks[np.0].lower.w()) {
        return Some((AttributionKind::Named, Who::Pronoun(span), np));
    }
    // A common-noun phrase ("the talks") next to the cue may be the end of a clause that
    // separates the cue from its real subject ("Officials ..., who spoke on condition of
    // anonymity because ..., said"): a source phrase elsewhere in the sentence decides.
    if !toks[np.0..=np.1].iter().any(|t| t.capitalised) {
        let other = hits.iter().find(|h| {
            matches!(
                h.category,
                Category::VagueSource | Category::AnonymousSource | Category::DocumentSource
            )
        });
        if let Some(h) = other {
            let kind = source_kind(h.category);
            return Some((kind, Who::Span(h.span), np));
        }
    }
    let head = toks[np.1].lower.w();
    // "Supporters of the bill said": people speak, not the bill.
    let role_of = toks.get(np.0 + 1).is_some_and(|t| t.lower == "of")
        && ROLE_GROUPS.contains(toks[np.0].lower.w());
    let kind = if ANON_HEADS.contains(head) {
        AttributionKind::Anonymous
    } else if !role_of
        && (DOC_HEADS.contains(head)
            || toks[np.0..=np.1]
                .iter()
                .any(|t| DOC_HEADS.contains(t.lower.w()) && !t.capitalised))
    {
        AttributionKind::Document
    } else {
        AttributionKind::Named
    };
    Some((kind, Who::Span(span), np))
}

/// Whether the cue `hit` is a noun here rather than a verb of saying ("Several Democrat-led
/// states have been removing ..."): see `noun_cue`.
pub(crate) fn cue_is_noun(text: &str, hit: &Hit, entries: &[Entry], toks: &[&Token]) -> bool {
    let term = lower_term(&entries[hit.entry]);
    let first_after = toks
        .iter()
        .position(|t| t.span.start >= hit.span.end)
        .unwrap_or(toks.len());
    noun_cue(
        &term,
        &text[hit.span.start..hit.span.end],
        toks,
        first_after,
    )
}

/// An entry's term in lower case. Lexicon terms are written in lower case (README of
/// models/lexicons); a user's entry may not be, and only then is a lower-cased copy made.
fn lower_term(entry: &Entry) -> std::borrow::Cow<'_, str> {
    let term = entry.term.as_str();
    if term.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Owned(term.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(term)
    }
}

/// Words that, right before "show(s)", make it a programme: "talk show", "opinion shows".
const BROADCAST: WordList = word_list![
    "talk",
    "news",
    "morning",
    "game",
    "reality",
    "cable",
    "radio",
    "interview",
    "opinion",
    "cop",
    "tv",
    "television",
    "sunday",
    "today",
    "live",
    "top-rated",
    "broadway",
    "road",
    "comedy",
    "variety",
    "primetime",
    "prime-time",
    "late-night",
    "awards",
    "trade",
    "fashion",
];

/// A determiner or a possessive ("the", "his", "Russia's"): what follows it is a noun phrase.
fn determines(t: &Token) -> bool {
    DETERMINERS.contains(t.lower.w()) || t.lower.ends_with("'s") || t.lower.ends_with("’s")
}

/// The cue word is a noun here, not a verb of saying: "the state of the economy", "a show of
/// force", "a purple state", "state policies", "a constitutional post". `first_after` is the
/// index of the first token after the cue.
fn noun_cue(cue_term: &str, cue_str: &str, toks: &[&Token], first_after: usize) -> bool {
    // "the cumulative stress of", "a show of force", "the state of the economy": a cue word
    // in its base or plural form before "of" is a noun.
    if toks.get(first_after).is_some_and(|t| t.lower == "of")
        && (cue_str.eq_ignore_ascii_case(cue_term) || cue_str.ends_with('s'))
        && is!(
            cue_term,
            "stress"
                | "show"
                | "state"
                | "report"
                | "estimate"
                | "forecast"
                | "promise"
                | "pledge"
                | "demand"
                | "comment"
                | "post"
                | "tweet"
                | "quote"
        )
    {
        return true;
    }
    // "the Broadway show", "his top-rated show", "on his October 2 show", "Sunday show
    // interviews", "primetime opinion shows": "show" after an article, a possessive, a number
    // or a broadcast word, or before a host or an interview, names a programme ("that shows"
    // and "data show" still report).
    if cue_term == "show"
        && (cue_str.eq_ignore_ascii_case("show") || cue_str.eq_ignore_ascii_case("shows"))
        && first_after > 0
    {
        let cue_at = first_after - 1;
        let programme = cue_at.checked_sub(1).is_some_and(|k| {
            let p = toks[k];
            is!(p.lower.w(), "the" | "a" | "an" | "this")
                || is_possessive(p.lower.w())
                || p.lower.ends_with("'s")
                || p.lower.ends_with("’s")
                || p.lower.starts_with(|c: char| c.is_ascii_digit())
                || BROADCAST.contains(p.lower.w())
        }) || toks.get(first_after).is_some_and(|n| {
            is!(
                n.lower.w(),
                "host" | "hosts" | "interview" | "interviews" | "appearance" | "appearances"
            )
        });
        if programme {
            return true;
        }
    }
    // "a Palestinian state does not", "Democratic states lead", "a purple state", "state
    // policies", "the country's third-highest constitutional post": "state" and "post" (and
    // "states", "posts") are nouns unless a clause follows ("Smith states that", "posted on
    // Facebook"); "stated" and "posted" still report.
    if is!(cue_term, "state" | "post")
        && !cue_str.ends_with("ed")
        && !cue_str.ends_with("ing")
        && toks
            .get(first_after)
            .is_none_or(|t| !is!(t.lower.w(), "that" | "on"))
    {
        return true;
    }
    // "a purple state that Obama won", "every state that": after an indefinite article (and
    // at most one lower-case word), "state" and "post" name a thing even before "that".
    if is!(cue_term, "state" | "post") && first_after > 0 {
        let cue_at = first_after - 1;
        let article = |k: usize| is!(toks[k].lower.w(), "a" | "an" | "every" | "each" | "another");
        if (cue_at >= 1 && article(cue_at - 1))
            || (cue_at >= 2 && !toks[cue_at - 1].capitalised && article(cue_at - 2))
        {
            return true;
        }
    }
    false
}

/// The noun phrase ending at token `end` (the subject of a cue), skipping auxiliaries.
/// Returns token indices (first, last).
fn left_np(text: &str, toks: &[&Token], end: Option<usize>) -> Option<(usize, usize)> {
    let mut k = end?;
    // Skip "has also", "had", adverbs between subject and cue.
    // Skip a time too: "Trustees ... last week warned", "Mr. Obama on Wednesday said".
    let mut skipped = 0;
    while skippable(toks[k].lower.w()) && skipped < 4 {
        k = k.checked_sub(1)?;
        skipped += 1;
    }
    let last = k;
    let w = toks[k].lower.w();
    if PRONOUNS.contains(w) {
        return Some((k, k));
    }
    if toks[k].capitalised {
        let mut first = k;
        while first > 0 {
            let p = toks[first - 1];
            // A comma, dash or parenthesis ends a name: "... Sen. Debbie Stabenow, The Daily
            // Caller reported" names the newspaper only.
            if set_apart(text, p.span.end, toks[first].span.start) {
                break;
            }
            let name_part = p.capitalised && !AUX.contains(p.lower.w());
            let connector =
                CONNECT.contains(p.lower.w()) && first >= 2 && toks[first - 2].capitalised;
            if !(name_part || connector) {
                break;
            }
            first -= 1;
        }
        // Include a leading "the" ("the Kremlin").
        if first > 0 && toks[first - 1].lower == "the" {
            first -= 1;
        }
        return Some((first, last));
    }
    // A lower-case phrase: "the mayor", "two senior officials", "some analysts"; no phrase
    // ends in a function word ("no exaggeration to say that ...").
    if is!(
        w,
        "to" | "that" | "which" | "who" | "and" | "or" | "but" | "if" | "as" | "than" | "of"
    ) {
        return None;
    }
    let mut first = k;
    let mut n = 0;
    while first > 0 && n < 4 {
        // A comma or other mark ends the phrase: in "will be difficult, former prosecutors
        // said" the speakers are "former prosecutors", and what comes before the comma is
        // what they said.
        if set_apart(text, toks[first - 1].span.end, toks[first].span.start) {
            break;
        }
        let p = toks[first - 1].lower.w();
        if DETERMINERS.contains(p) {
            first -= 1;
            break;
        }
        if AUX.contains(p) || NP_STOP.contains(p) || PRONOUNS.contains(p) {
            break;
        }
        first -= 1;
        n += 1;
    }
    // A possessive determines the phrase too: "New York's attorney general said".
    // "A national NBC/WSJ poll released yesterday shows": a document heads the phrase.
    let has_det = DETERMINERS.contains(toks[first].lower.w())
        || (first..k).any(|j| {
            !toks[j].capitalised
                && DOC_HEADS.contains(toks[j].lower.w())
                && toks[j + 1..=k]
                    .iter()
                    .all(|t| TIME.contains(t.lower.w()) || t.lower.ends_with("ed"))
        })
        || toks[first..k].iter().any(|t| {
            let w = t.lower.replace('\u{2019}', "'");
            t.capitalised
                && (w.ends_with("'s") || w.ends_with('\''))
                && !is!(
                    w.as_str(),
                    "it's"
                        | "that's"
                        | "there's"
                        | "here's"
                        | "what's"
                        | "who's"
                        | "he's"
                        | "she's"
                        | "let's"
                )
        });
    let plural_head = w.ends_with('s');
    // "Proponents of same-sex marriage said": a role group of something speaks.
    let role_of = (first + 1..k)
        .any(|j| toks[j].lower == "of" && ROLE_GROUPS.contains(toks[j - 1].lower.w()));
    // "State data also shows", "Census Bureau research indicates": a document speaks.
    if has_det || plural_head || role_of || ANON_HEADS.contains(w) || DOC_HEADS.contains(w) {
        Some((first, last))
    } else {
        None
    }
}

/// Verbs of saying whose progressive ("Allen was saying") reports speech.
fn speaking(term: &str) -> bool {
    is!(
        term,
        "say"
            | "tell"
            | "argue"
            | "warn"
            | "claim"
            | "insist"
            | "note"
            | "complain"
            | "predict"
            | "write"
            | "add"
            | "suggest"
            | "explain"
            | "urge"
            | "demand"
            | "ask"
            | "tweet"
            | "report"
    )
}

/// The subject of a sentence's main clause, when it opens the sentence: the phrase before
/// the first auxiliary or past-tense verb ("Other lawmakers decried ...", "Reade also pushed
/// ..."), found before token `before` with no comma or dash on the way (a fronted phrase or
/// an inserted clause leaves the subject to `left_np`).
fn main_subject(text: &str, toks: &[&Token], before: usize) -> Option<(usize, usize)> {
    let start = toks
        .iter()
        .take_while(|t| OPENERS.contains(t.lower.w()))
        .count();
    for v in start + 1..before.min(toks.len()) {
        if set_apart(text, toks[v - 1].span.end, toks[v].span.start) {
            return None;
        }
        let w = toks[v].lower.w();
        if AUX.contains(w) || (!toks[v].capitalised && w.ends_with("ed")) {
            return left_np(text, toks, Some(v - 1)).filter(|np| np.0 >= start);
        }
    }
    None
}

/// The speaker of a tag after its cue (', said Mr. Rosenberg, adding', ', says the mayor.'): a
/// name or a phrase with an article, no verb in it, ended by a comma, a dash, a parenthesis or
/// the sentence's end.
fn speaker_tag(text: &str, toks: &[&Token], start: usize) -> Option<(usize, usize)> {
    let first = toks.get(start)?;
    if !first.capitalised && !DETERMINERS.contains(first.lower.w()) {
        return None;
    }
    let verb = |t: &Token| AUX.contains(t.lower.w()) || MAIN_VERBS.contains(t.lower.w());
    let mut last = start;
    loop {
        if verb(toks[last]) || last - start >= 7 {
            return None;
        }
        let Some(next) = toks.get(last + 1) else {
            return Some((start, last));
        };
        let gap = &text[toks[last].span.end..next.span.start];
        if gap.contains([',', '(', '\u{2014}', '\u{2013}']) {
            return Some((start, last));
        }
        // A word or an abbreviation's period ("Mr. Rosenberg") goes on with the phrase.
        if !is!(gap.trim(), "" | ".") || NP_STOP.contains(next.lower.w()) {
            return None;
        }
        last += 1;
    }
}

/// The subject of a cue coordinated with an earlier verb ("McCrory called it reform and said
/// it will help", "Zuckerberg heard from leaders and said he will"): the name or pronoun that
/// opens the sentence.
fn coordinated_subject(toks: &[&Token], end: Option<usize>) -> Option<(usize, usize)> {
    let mut k = end?;
    while skippable(toks[k].lower.w()) {
        k = k.checked_sub(1)?;
    }
    if !is!(toks[k].lower.w(), "and" | "but") {
        return None;
    }
    let first = toks[..k]
        .iter()
        .position(|t| !OPENERS.contains(t.lower.w()))?;
    let t = toks[first];
    if PRONOUNS.contains(t.lower.w()) {
        return Some((first, first));
    }
    if !t.capitalised {
        return None;
    }
    let mut last = first;
    while last + 1 < k && toks[last + 1].capitalised {
        last += 1;
    }
    Some((first, last))
}

/// The noun phrase starting at token `start` ("according to *the report*", "said *Jane Roe*").
fn right_np(toks: &[&Token], start: usize) -> Option<(usize, usize)> {
    let first = start;
    let t = toks.get(first)?;
    // "claiming that ...", "saying to ...": a clause follows, not a speaker.
    if is!(
        t.lower.w(),
        "that" | "to" | "if" | "whether" | "how" | "what" | "why" | "when" | "where" | "which"
    ) {
        return None;
    }
    if PRONOUNS.contains(t.lower.w()) {
        return Some((first, first));
    }
    let mut last = first;
    let limit = (first + 8).min(toks.len());
    let mut k = first;
    while k < limit {
        let w = toks[k].lower.w();
        if k > first && NP_STOP.contains(w) {
            break;
        }
        last = k;
        k += 1;
        // A comma or other punctuation after the token ends the phrase.
        if let Some(next) = toks.get(k) {
            if next.span.start > toks[k - 1].span.end + 1 {
                break;
            }
        }
    }
    let any_cap = toks[first..=last].iter().any(|t| t.capitalised);
    let det = DETERMINERS.contains(t.lower.w())
        || is!(t.lower.w(), "some" | "many" | "critics" | "officials");
    // "according to program supporters": a role group speaks, however it is qualified; so
    // does a document ("according to emails released by WikiLeaks").
    let role =
        ROLE_GROUPS.contains(toks[last].lower.w()) || DOC_HEADS.contains(toks[last].lower.w());
    if any_cap || det || role {
        Some((first, last))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::{clause_marks, quote_mark_candidates};
    use crate::{Config, GroupSources, Lexicon, Scorer};
    use slant_ingest::model::{AttributionKind, ScoredArticle};
    use slant_ingest::{segment, Article};

    fn score_with(text: &str, groups: GroupSources) -> ScoredArticle {
        let config = Config {
            group_sources: groups,
            ..Config::default()
        };
        let scorer = Scorer::new(Lexicon::builtin(), config);
        scorer.score(&segment(Article::from_text("t", text)))
    }

    /// The writer's own words of each sentence, as the unattributed rules see them.
    fn writer_words(text: &str) -> Vec<String> {
        let scorer = crate::rules::testing::scorer();
        let doc = segment(Article::from_text("t", text));
        scorer
            .writer_words(&doc)
            .into_iter()
            .map(|ws| ws.join(" "))
            .collect()
    }

    #[test]
    fn clause_marks_are_what_match_indices_finds() {
        for s in [
            "a, b; c \u{2014} d \u{2013} e\u{2012}f\u{201c}g\u{2015},",
            "",
            ";",
            "\u{e9}\u{2014}\u{2013}",
            "no marks at all",
        ] {
            let want: Vec<(usize, &str)> = s
                .match_indices([',', ';', '\u{2014}', '\u{2013}'])
                .collect();
            assert_eq!(clause_marks(s).collect::<Vec<_>>(), want, "{s:?}");
        }
    }

    #[test]
    fn a_fronted_reported_clause_leaves_the_writers_own_claim() {
        let w = writer_words(
            "Despite Trump saying talks had \u{201c}come a long way,\u{201d} Democrats were more dour in their assessment.",
        );
        assert_eq!(
            w,
            vec!["Despite Trump Democrats were more dour in their assessment"]
        );
    }

    #[test]
    fn a_comment_before_the_speaker_stays_the_writers() {
        assert_eq!(
            writer_words("Not surprisingly, the White House said it would veto the bill."),
            vec!["Not surprisingly the White House"]
        );
        assert_eq!(
            writer_words("(Predictably, Firtash denies having said any such thing.)"),
            vec!["Predictably Firtash"]
        );
        // A claim before a speaker tag is still the speaker's.
        assert_eq!(writer_words("It failed badly, the mayor said."), vec![""]);
    }

    #[test]
    fn a_participle_that_describes_a_noun_reports_nobody() {
        assert_eq!(
            writer_words("The act cited in the new lawsuits was passed in 2002."),
            vec!["The act cited in the new lawsuits was passed in 2002"]
        );
        assert_eq!(
            writer_words(
                "The details of his ban, announced a few hours before midnight, will shed light."
            ),
            vec!["The details of his ban announced a few hours before midnight will shed light"]
        );
        // A report still reports.
        assert_eq!(
            writer_words("The officials announced in a statement that the plan had failed."),
            vec!["The officials announced"]
        );
    }

    /// The first sentence of `text`, scored with the default group setting.
    fn first(text: &str) -> slant_ingest::model::ScoredSentence {
        score_with(text, GroupSources::Parties).sentences[0].clone()
    }

    #[test]
    fn an_embedded_post_is_its_authors_words() {
        let s = first(
            "Not a single senator will be able to review these records before tomorrow. \u{2014} Chuck Schumer (@SenSchumer) September 4, 2018",
        );
        assert_eq!(s.attribution.kind, AttributionKind::Named);
        assert_eq!(
            s.attribution.source.as_deref(),
            Some("Chuck Schumer (@SenSchumer)")
        );
        assert!(!s.unattributed.flagged);
        let s = first(
            "Skip Twitter post by @Nanjala1 Stop using cultures as props to deflect criticism.",
        );
        assert_eq!(s.attribution.source.as_deref(), Some("@Nanjala1"));
        assert!(!s.unattributed.flagged);
        // A handle with no dash before it signs nothing: the sentence is the writer's.
        let s = first("Obama meets with Jordan Ghawi (@JordanGhawi), brother of a victim.");
        assert_eq!(s.attribution.kind, AttributionKind::None);
    }

    #[test]
    fn a_progressive_or_trailing_participle_reports_its_subjects_words() {
        let attribution = |text: &str| {
            let s = first(text);
            (s.attribution.source, s.unattributed.flagged)
        };
        assert_eq!(
            attribution("That is, Allen was saying, nothing is going to come of this."),
            (Some("Allen".to_string()), false)
        );
        // A participle after a comma speaks for the main clause's subject, not its object.
        assert_eq!(
            attribution(
                "Other lawmakers decried the exercise altogether, saying it would be a disaster."
            )
            .0
            .as_deref(),
            Some("Other lawmakers")
        );
        assert_eq!(
            attribution(
                "Reade also pushed a ticket, while complaining that the committee was trying to shove Biden aside."
            ),
            (Some("Reade".to_string()), false)
        );
    }

    #[test]
    fn a_second_that_clause_goes_on_with_the_report() {
        assert_eq!(
            writer_words(
                "Kyl said the analysis is not yet ready, but that the Senate could move anyway."
            ),
            vec!["Kyl"]
        );
        // "but" opening a clause of the writer's own still ends the report.
        assert_eq!(
            writer_words("Kyl said the analysis is ready, but the Senate could not move."),
            vec!["Kyl but the Senate could not move"]
        );
    }

    #[test]
    fn a_document_after_according_to_is_a_source() {
        let a = first(
            "Clinton regards vetting refugees as impossible, according to email released by WikiLeaks.",
        )
        .attribution;
        assert_eq!(a.kind, AttributionKind::Document);
        assert_eq!(a.source.as_deref(), Some("email"));
    }

    #[test]
    fn a_plural_cue_after_an_adjective_is_a_noun() {
        let source = |text: &str| first(text).attribution.source;
        assert_eq!(
            source("The baseless claims that were made by the campaign fell flat."),
            None
        );
        assert_eq!(
            source("The detective claims that the plan failed.").as_deref(),
            Some("The detective")
        );
    }

    #[test]
    fn undescribed_sources_are_vague() {
        let kind = |text: &str| {
            score_with(text, GroupSources::Parties).sentences[0]
                .attribution
                .kind
        };
        for text in [
            "Sources told Fox News the talks had stalled.",
            "Two sources told Reuters that the talks had stalled.",
            "According to sources, the talks had stalled.",
            "The committee may not begin until the week of March 13, sources said.",
        ] {
            assert_eq!(kind(text), AttributionKind::Vague, "{text}");
            assert!(
                score_with(text, GroupSources::Parties).sentences[0]
                    .unattributed
                    .flagged
            );
        }
        // Which polls? "Polls show" names none; a named poll or "the polls" pointing back do.
        for text in [
            "Polls also show a tight race in Washington.",
            "Most polls have also found Sanders matching Biden.",
            "Reputable surveys show his approval rating at the nadir of his range.",
        ] {
            assert_eq!(kind(text), AttributionKind::Vague, "{text}");
        }
        for text in [
            "The polls show a tight race in Washington.",
            "Quinnipiac polls show a tight race in Washington.",
        ] {
            assert_ne!(kind(text), AttributionKind::Vague, "{text}");
        }
        for text in [
            "Two sources familiar with the matter told Reuters that the talks had stalled.",
            "Congressional sources said the talks had stalled.",
            "The committee may not begin until the week of March 13, congressional sources said.",
        ] {
            assert_eq!(kind(text), AttributionKind::Anonymous, "{text}");
        }
    }

    #[test]
    fn nouns_times_and_facts_are_not_speakers() {
        // "state" and "post" as nouns.
        assert_eq!(
            writer_words("Instead of forming a new state, foes argue that residents should move."),
            vec!["Instead of forming a new state foes"]
        );
        assert_eq!(
            writer_words("The new speaker, elevated to the third-highest post, will face demands."),
            vec!["The new speaker elevated to the third-highest post will face demands"]
        );
        // After an indefinite article, even a relative "that" leaves "state" a noun.
        assert_eq!(
            writer_words("He faces a tough race in a purple state that Obama won twice."),
            vec!["He faces a tough race in a purple state that Obama won twice"]
        );
        // A time before the cue is not its speaker.
        assert_eq!(
            writer_words("In a speech last October, Srinivasan seemed to relish stability."),
            vec!["In a speech last October Srinivasan seemed to relish stability"]
        );
        // A pronoun for a fact: the inference is the writer's.
        assert_eq!(
            writer_words("For one thing, it suggests the outcome in Iowa will be crucial."),
            vec!["For one thing it suggests the outcome in Iowa will be crucial"]
        );
        // An event or a fact is no speaker: what it shows or threatens is the writer's.
        assert_eq!(
            writer_words("The recent surge in cases threatens to disrupt plans to reopen."),
            vec!["The recent surge in cases threatens to disrupt plans to reopen"]
        );
        assert_eq!(
            writer_words("The decision suggests the court is wary of the case."),
            vec!["The decision suggests the court is wary of the case"]
        );
        // A phrasal verb's object is not its speaker.
        assert_eq!(
            writer_words("The president was forced to walk back threats to target the sites."),
            vec!["The president was forced to walk back threats to target the sites"]
        );
        // Still reports: a clause after "states", a person who suggests, a document.
        assert_eq!(
            writer_words("Smith states that the plan failed."),
            vec!["Smith"]
        );
        assert_eq!(
            writer_words("She suggests the outcome will be close."),
            vec!["She"]
        );
        assert_eq!(
            writer_words("The report suggests the court is wary of the case."),
            vec!["The report"]
        );
    }

    #[test]
    fn the_content_of_an_accusation_or_a_contested_claim_is_not_the_writers() {
        assert_eq!(
            writer_words("Obama rejected claims that he betrayed Democrats."),
            vec!["Obama rejected claims"]
        );
        assert_eq!(
            writer_words("They investigated allegations he lied to Congress."),
            vec!["They investigated allegations"]
        );
        // The contested clause ends where a clause of the writer's own begins.
        assert_eq!(
            writer_words("Members challenged claims that activists accosted lawmakers and no evidence has been produced."),
            vec!["Members challenged claims and no evidence has been produced"]
        );
        assert_eq!(
            writer_words("Civil rights leaders accused tea party activists of tolerating bigotry."),
            vec!["Civil rights leaders accused tea party activists of"]
        );
        // A contested claim as the subject: the main verb and what follows are the writer's.
        assert_eq!(
            writer_words("Their assertion that the program works is so incredible."),
            vec!["Their assertion is so incredible"]
        );
        // A relative clause describes the claims; a judging word before the noun stays.
        assert_eq!(
            writer_words("The baseless allegations that were made fell apart."),
            vec!["The baseless allegations that were made fell apart"]
        );
        // Someone's picture of a person is theirs; the passive names nobody.
        assert_eq!(
            writer_words("De Leon painted Feinstein as an out-of-touch politician."),
            vec!["De Leon painted Feinstein as"]
        );
        assert_eq!(
            writer_words("Feinstein is described as an out-of-touch politician."),
            vec!["Feinstein is described as an out-of-touch politician"]
        );
        assert_eq!(
            writer_words("Calling it a reckless scam, Trump filed a lawsuit."),
            vec!["Calling Trump filed a lawsuit"]
        );
    }

    #[test]
    fn a_role_group_speaks_for_itself_and_is_vague() {
        for text in [
            "Supporters of the bill said it would pass.",
            "Proponents of same-sex marriage said they expect the court to rule.",
            "According to program supporters, the program is easier to run.",
            "Pathologists say forensic science alone can't settle it.",
            "Tea Party groups say there is no racism within the movement.",
        ] {
            let a = score_with(text, GroupSources::Parties);
            assert_eq!(
                a.sentences[0].attribution.kind,
                AttributionKind::Vague,
                "{text}"
            );
        }
        // A source described by a participle after it is still found.
        let a = score_with(
            "The group has the right to build it, according to a Fox News poll released Friday.",
            GroupSources::Parties,
        );
        assert_eq!(a.sentences[0].attribution.kind, AttributionKind::Document);
    }

    #[test]
    fn a_programme_called_a_show_reports_nothing() {
        for text in [
            "In June, the magazine portrayed him as one of the stars of the Broadway show.",
            "He is featured as a villain during primetime opinion shows.",
        ] {
            let a = score_with(text, GroupSources::Parties);
            assert_eq!(
                a.sentences[0].attribution.kind,
                AttributionKind::None,
                "{text}"
            );
        }
        // Records and data that show something still report it.
        let a = score_with(
            "Court records show that he faced charges in 2010.",
            GroupSources::Parties,
        );
        assert_ne!(a.sentences[0].attribution.kind, AttributionKind::None);
    }

    #[test]
    fn a_participle_reports_only_its_own_clause() {
        let w = writer_words(
            "Reid broke with Obama on Monday, saying the center should be built elsewhere.",
        );
        assert_eq!(w, vec!["Reid broke with Obama on Monday"]);
        let w = writer_words("The mayor said the plan would fail, but the council approved it.");
        assert_eq!(w, vec!["The mayor but the council approved it"]);
    }

    #[test]
    fn a_speaker_tag_after_the_claim_or_a_colon_before_it_keeps_the_source() {
        assert_eq!(
            writer_words("The plan is a catastrophe for the city, the mayor said."),
            vec![""]
        );
        assert_eq!(
            writer_words("The plan, the mayor said, would ruin the city."),
            vec![""]
        );
        assert_eq!(
            writer_words("The inspectors found that crime rose 40 percent last year."),
            vec!["The inspectors"]
        );
        // A lower-case speaker phrase stops at the comma: the claim before it is theirs.
        let a = score_with(
            "Proving that the officer broke the law will be difficult, former prosecutors said.",
            GroupSources::Institutional,
        );
        assert_eq!(
            a.sentences[0].attribution.source.as_deref(),
            Some("former prosecutors")
        );
        assert!(!a.sentences[0].unattributed.flagged);
        // The source of the second sentence sits at the end of the first, before a colon.
        let a = score_with(
            "The annual report said:\n\nCrime rose 40 percent last year.",
            GroupSources::Institutional,
        );
        assert_eq!(a.sentences[1].attribution.kind, AttributionKind::Document);
        assert!(!a.sentences[1].unattributed.flagged);
    }

    #[test]
    fn the_phrase_after_a_verb_cue_speaks_only_in_a_speaker_tag() {
        // The object of the verb, or the subject of what follows, is no speaker.
        assert_eq!(
            writer_words("The officers checked for a pulse and were unable to find one."),
            vec!["The officers checked for a pulse and were unable to find one"]
        );
        assert_eq!(
            writer_words("The measure is, to say the least, controversial."),
            vec!["The measure is to say the least controversial"]
        );
        assert_eq!(
            writer_words("It's no exaggeration to say that the movement is full of liars."),
            vec!["It's no exaggeration to say that the movement is full of liars"]
        );
        // A tag set off by a comma names its speaker after the cue; so does a passive's agent.
        assert_eq!(
            writer_words("It's a whole new ballgame, says Benjamin Wittes, a senior fellow."),
            vec![""]
        );
        assert_eq!(
            writer_words("The story was first reported by the New York Times."),
            vec![""]
        );
        // A tag's name may have an abbreviation in it; a participle after a comma has the
        // main clause's subject; a common noun before a comma ends an inserted clause.
        assert_eq!(
            writer_words(
                "Atlantic lost $450,000 in the deal, said Mr. Rosenberg, adding that he lost."
            ),
            vec![""]
        );
        assert_eq!(
            writer_words(
                "Rice appears to favor abortion rights, telling CBS in 2008 that she was."
            ),
            vec!["Rice appears to favor abortion rights"]
        );
        assert_eq!(
            writer_words(
                "A student, who made $72 million during his lunch break, said he made it up."
            ),
            vec![""]
        );
        // After a preposition the cue word is a noun.
        assert_eq!(
            writer_words(
                "Daschle withdrew his nomination amid reports that he had failed to pay taxes."
            ),
            vec!["Daschle withdrew his nomination amid reports that he had failed to pay taxes"]
        );
        // Adverbs and times between speaker and cue are skipped; a pronoun after the cue shows
        // it reports; "claims from X" name X.
        assert_eq!(
            writer_words("Mr. Obama on Wednesday emphatically said that Democrats felt fine."),
            vec!["Mr Obama on Wednesday emphatically"]
        );
        assert_eq!(
            writer_words(
                "Mr. Obama shifted the focus and last year announced a plan to send 30,000 troops."
            ),
            vec!["Mr Obama shifted the focus and last year"]
        );
        assert_eq!(
            writer_words("The real estate mogul and reality TV star said he wants to make sure."),
            vec![""]
        );
        assert_eq!(
            writer_words("The group acted despite claims from Tea Partiers that it was a ploy."),
            vec!["The group acted despite"]
        );
        assert_eq!(
            writer_words("Fully 75 percent of those polled said they approved."),
            vec!["Fully 75 percent of those polled said they approved"]
        );
        // A share in words is a poll figure too; a capitalised one names a place.
        assert_eq!(
            writer_words("About two-thirds say the allegations make no difference."),
            vec!["About two-thirds say the allegations make no difference"]
        );
        assert_eq!(
            writer_words("Four-in-ten say they like her."),
            vec!["Four-in-ten say they like her"]
        );
        assert_eq!(
            writer_words("Mr. Maynard, a Republican in the Third District, said it was wrong."),
            vec!["Mr Maynard a Republican in the Third District"]
        );
        // "shown" with a noun phrase as object is a trait, not a report; a noun phrase that
        // is a clause's subject still is one.
        assert_eq!(
            writer_words("Throughout his presidency, Trump has shown a penchant for quick fixes."),
            vec!["Throughout his presidency Trump has shown a penchant for quick fixes"]
        );
        assert_eq!(
            writer_words("Obama has found some modest support among American politicians."),
            vec!["Obama has found some modest support among American politicians"]
        );
        let a = score_with(
            "Trump released a disclosure form in May 2016 that his campaign at the time said showed his net worth was $10 billion.",
            GroupSources::Parties,
        );
        assert!(!a.sentences[0].unattributed.flagged);
        // A cue word before "of", or "state" after a capitalised word, is a noun.
        assert_eq!(
            writer_words("The cumulative stress of the trade war is leading to a breach."),
            vec!["The cumulative stress of the trade war is leading to a breach"]
        );
        assert_eq!(
            writer_words("Solidly Democratic states lead the nation in abortions."),
            vec!["Solidly Democratic states lead the nation in abortions"]
        );
        // A document or a name before the cue, or the subject of an earlier verb, speaks.
        assert_eq!(
            writer_words("State data also shows that more residents were infected."),
            vec!["State data also"]
        );
        assert_eq!(
            writer_words("McCrory called it reform and said it will help the state."),
            vec!["McCrory called it reform and"]
        );
        // "according to" after a figure sources it; a share of voters is a poll, not a source.
        assert_eq!(
            writer_words("His approval rating was over 50%, according to CNN."),
            vec![""]
        );
        assert_eq!(
            writer_words("Nearly 60% of the nation's voters say they are worried."),
            vec!["Nearly 60% of the nation's voters say they are worried"]
        );
        // A tag introduced by its article: ", a USA TODAY/Suffolk Poll finds".
        assert_eq!(
            writer_words(
                "Americans by 2-to-1 say Facebook should do more, a USA TODAY/Suffolk Poll finds."
            ),
            vec![""]
        );
    }

    #[test]
    fn a_relative_clause_reports_its_antecedent_from_the_cue_on() {
        assert_eq!(
            writer_words("The vote could belong to Kennedy, who said he was troubled by it."),
            vec!["The vote could belong to Kennedy who"]
        );
        // "who claim to care": a description of the lawmakers, not a report.
        assert_eq!(
            writer_words("Lawmakers who claim to care about health would do better to listen."),
            vec!["Lawmakers who claim to care about health would do better to listen"]
        );
        // The comma closing the relative clause before the main verb ends the report.
        assert_eq!(
            writer_words("Boehner, who has said he will stay on, could be forced to stay."),
            vec!["Boehner who has could be forced to stay"]
        );
    }

    #[test]
    fn an_embedded_question_is_not_the_writers_claim() {
        assert_eq!(
            writer_words("It is unclear whether the tweets might stand up in court."),
            vec!["It is unclear"]
        );
        assert_eq!(
            writer_words("It is unknown if the reckless plan would pass, and he left."),
            vec!["It is unknown and he left"]
        );
        // A question standing as the subject ends before the main verb.
        assert_eq!(
            writer_words("Whether Trump can pull it off is questionable."),
            vec!["is questionable"]
        );
        // "if" as a condition opens no question.
        assert_eq!(
            writer_words("If the plan fails, prices will rise."),
            vec!["If the plan fails prices will rise"]
        );
    }

    #[test]
    fn a_quotation_fragment_is_not_the_writers() {
        let w =
            writer_words("All that is left is a bigoted and malicious shell,\u{201d} he wrote.");
        assert_eq!(w, vec![""]);
        // The speaker is the writer's word; what follows the opening mark is not.
        let w = writer_words("He added: \u{201c}We will fight this reckless plan");
        assert_eq!(w, vec!["He"]);
    }

    #[test]
    fn which_groups_are_sources_is_a_setting() {
        let kinds = |text: &str, g| score_with(text, g).sentences[0].attribution.kind;
        let bare = "Democrats said the bill would hurt families.";
        let senate = "Senate Democrats said the bill would hurt families.";
        let critics = "Critics said the bill would hurt families.";
        use GroupSources::*;
        assert_eq!(GroupSources::default(), Parties);
        assert_eq!(kinds(bare, Institutional), AttributionKind::Vague);
        assert_eq!(kinds(senate, Institutional), AttributionKind::Named);
        assert_eq!(kinds(bare, Parties), AttributionKind::Named);
        assert_eq!(kinds(critics, Parties), AttributionKind::Vague);
        assert_eq!(kinds(senate, Strict), AttributionKind::Vague);
        // A poll figure is not a source.
        assert_eq!(
            kinds("Some 32% say they trust the court.", Institutional),
            AttributionKind::None
        );
    }

    #[test]
    fn quote_marks_are_found_eight_bytes_at_a_time_as_one_by_one() {
        let text =
            "He said \u{201c}no\u{201d} and \"yes\" \u{2019}til 12345678\"\u{e9}\u{2014}\u{201c}x";
        for start in 0..text.len() {
            let bytes = &text.as_bytes()[start..];
            let want: Vec<usize> = (0..bytes.len())
                .filter(|&i| bytes[i] == b'"' || bytes[i] == 0xe2)
                .collect();
            assert_eq!(quote_mark_candidates(bytes), want);
        }
    }
}
