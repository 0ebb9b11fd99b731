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

use crate::lexicon::{Category, Entry};
use crate::matcher::Hit;
use crate::rules::{ua001_vague_source, ua002_agentless_passive};
use crate::text::Token;
use slant_ingest::model::{Attribution, AttributionKind};
use slant_ingest::{Document, Quote, Span, Voice};

const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i"];
const AUX: &[&str] = &[
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
const CONNECT: &[&str] = &[
    "of", "for", "the", "de", "von", "van", "al", "bin", "and", "'s", "’s", "in", "on",
];
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "one", "two", "three", "several", "this",
    "that",
];
const ANON_HEADS: &[&str] = &[
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
const DOC_HEADS: &[&str] = &[
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
];

/// Stop words that end a noun phrase scanned to the right of "according to".
const NP_STOP: &[&str] = &[
    "who", "which", "that", "said", "says", "on", "in", "at", "after", "as", "when", "while",
    "because",
];

struct Direct {
    attribution: Attribution,
    /// The cue sat at the end of the sentence before a colon ("X said:").
    introduces: bool,
}

/// Attribute every sentence of `doc`. `hits` and `tokens` are per sentence.
pub fn attribute(
    doc: &Document,
    hits: &[Vec<Hit>],
    author_tokens: &[Vec<&Token>],
    quotes: &[Vec<Quote>],
    entries: &[Entry],
) -> Vec<Attribution> {
    let text = doc.text();
    let mut last_named: Option<String> = None;
    let mut direct: Vec<Option<Direct>> = Vec::with_capacity(doc.sentences.len());
    for (i, sentence) in doc.sentences.iter().enumerate() {
        let toks = &author_tokens[i];
        let sent_hits: Vec<&Hit> = hits[i]
            .iter()
            .filter(|h| !quotes[i].iter().any(|q| q.outer.contains(h.span)))
            .collect();
        let mut found = None;
        for cue in sent_hits.iter().filter(|h| {
            matches!(
                h.category,
                Category::AttributionCue | Category::ReportingVerb
            )
        }) {
            if let Some(a) = speaker_for(text, cue, toks, &sent_hits, entries, &last_named) {
                let rest = &text[cue.span.end..sentence.span.end];
                let introduces = rest.trim_start().starts_with(':')
                    || (rest.trim().is_empty()
                        && text[sentence.span.start..sentence.span.end]
                            .trim_end()
                            .ends_with(':'));
                found = Some(Direct {
                    attribution: a,
                    introduces,
                });
                break;
            }
        }
        if found.is_none() {
            // A source with no cue next to it: "a shift some analysts see as ...".
            for (cat, kind) in [
                (Category::VagueSource, AttributionKind::Vague),
                (Category::AnonymousSource, AttributionKind::Anonymous),
                (Category::DocumentSource, AttributionKind::Document),
            ] {
                if let Some(h) = sent_hits.iter().find(|h| h.category == cat) {
                    found = Some(Direct {
                        attribution: Attribution {
                            kind,
                            source: Some(text[h.span.start..h.span.end].to_string()),
                            cue: None,
                        },
                        introduces: false,
                    });
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
                && !PRONOUNS.contains(&s.to_lowercase().as_str())
            {
                last_named = Some(s.clone());
            }
        }
        direct.push(found);
    }

    // Quotations: the attribution found in any sentence of a quotation covers all of it.
    let mut out: Vec<Attribution> = Vec::with_capacity(doc.sentences.len());
    for (i, sentence) in doc.sentences.iter().enumerate() {
        if let Some(d) = &direct[i] {
            out.push(d.attribution.clone());
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
                        prev.kind,
                        AttributionKind::Named | AttributionKind::Anonymous
                    ) {
                        inherited = Some(prev.clone());
                    }
                }
            }
            // "Putin stated:" ending the previous sentence introduces this one.
            if inherited.is_none() && i > 0 {
                if let Some(d) = &direct[i - 1] {
                    if d.introduces {
                        inherited = Some(d.attribution.clone());
                    }
                }
            }
        }
        let attribution =
            inherited.unwrap_or_else(|| match ua002_agentless_passive::find(&author_tokens[i]) {
                Some((span, _)) => Attribution {
                    kind: AttributionKind::AgentlessPassive,
                    source: None,
                    cue: Some(text[span.start..span.end].to_string()),
                },
                None => Attribution::none(),
            });
        out.push(attribution);
    }
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

/// The speaker next to a reporting cue, classified.
fn speaker_for(
    text: &str,
    cue: &Hit,
    toks: &[&Token],
    hits: &[&Hit],
    entries: &[Entry],
    last_named: &Option<String>,
) -> Option<Attribution> {
    let cue_text = text[cue.span.start..cue.span.end].to_string();
    let cue_term = entries[cue.entry].term.to_lowercase();
    let first_after = toks
        .iter()
        .position(|t| t.span.start >= cue.span.end)
        .unwrap_or(toks.len());
    let last_before = toks.iter().rposition(|t| t.span.end <= cue.span.start);

    // "the United States": a capitalised cue inside a sentence is part of a name.
    if last_before.is_some() && text[cue.span.start..].starts_with(char::is_uppercase) {
        return None;
    }
    // "is widely seen as", "was told": a passive cue reports nobody's speech.
    let mut k = last_before;
    while let Some(i) = k {
        let w = toks[i].lower.as_str();
        if matches!(w, "is" | "are" | "was" | "were" | "be" | "been" | "being") {
            return None;
        }
        if !matches!(
            w,
            "widely" | "generally" | "often" | "also" | "not" | "being"
        ) {
            break;
        }
        k = i.checked_sub(1);
    }
    // "the remarks", "Russia's demands", "a report": the cue word is a noun here.
    if let Some(prev) = last_before.map(|k| toks[k]) {
        if !cue_term.contains(' ')
            && (DETERMINERS.contains(&prev.lower.as_str())
                || prev.lower.ends_with("'s")
                || prev.lower.ends_with("’s"))
        {
            return None;
        }
    }
    let np = if cue_term.starts_with("according to") {
        right_np(toks, first_after)
    } else {
        left_np(toks, last_before).or_else(|| right_np(toks, first_after))
    }?;
    let span = Span::new(toks[np.0].span.start, toks[np.1].span.end);
    let source = text[span.start..span.end].to_string();
    // A source lexicon hit inside or touching the phrase decides its kind.
    for h in hits
        .iter()
        .filter(|h| h.category.is_source() && h.category != Category::AttributionCue)
    {
        if h.span.overlaps(span) || (h.span.start <= span.start && h.span.end >= span.start) {
            let kind = source_kind(h.category);
            return Some(Attribution {
                kind,
                source: Some(source),
                cue: Some(cue_text),
            });
        }
    }
    if ua001_vague_source::vague_subject(toks, cue.span.start).is_some() {
        return Some(Attribution {
            kind: AttributionKind::Vague,
            source: Some(source),
            cue: Some(cue_text),
        });
    }
    let lower = source.to_lowercase();
    if np.0 == np.1 && PRONOUNS.contains(&lower.as_str()) {
        let resolved = last_named.clone().unwrap_or(source);
        return Some(Attribution {
            kind: AttributionKind::Named,
            source: Some(resolved),
            cue: Some(cue_text),
        });
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
            return Some(Attribution {
                kind,
                source: Some(text[h.span.start..h.span.end].to_string()),
                cue: Some(cue_text),
            });
        }
    }
    let head = toks[np.1].lower.as_str();
    let kind = if ANON_HEADS.contains(&head) {
        AttributionKind::Anonymous
    } else if DOC_HEADS.contains(&head)
        || toks[np.0..=np.1]
            .iter()
            .any(|t| DOC_HEADS.contains(&t.lower.as_str()) && !t.capitalised)
    {
        AttributionKind::Document
    } else {
        AttributionKind::Named
    };
    Some(Attribution {
        kind,
        source: Some(source),
        cue: Some(cue_text),
    })
}

/// The noun phrase ending at token `end` (the subject of a cue), skipping auxiliaries.
/// Returns token indices (first, last).
fn left_np(toks: &[&Token], end: Option<usize>) -> Option<(usize, usize)> {
    let mut k = end?;
    // Skip "has also", "had", adverbs between subject and cue.
    let mut skipped = 0;
    while AUX.contains(&toks[k].lower.as_str()) && skipped < 3 {
        k = k.checked_sub(1)?;
        skipped += 1;
    }
    let last = k;
    let w = toks[k].lower.as_str();
    if PRONOUNS.contains(&w) {
        return Some((k, k));
    }
    if toks[k].capitalised {
        let mut first = k;
        while first > 0 {
            let p = toks[first - 1];
            let name_part = p.capitalised && !AUX.contains(&p.lower.as_str());
            let connector =
                CONNECT.contains(&p.lower.as_str()) && first >= 2 && toks[first - 2].capitalised;
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
    // A lower-case phrase: "the mayor", "two senior officials", "some analysts".
    let mut first = k;
    let mut n = 0;
    while first > 0 && n < 4 {
        let p = toks[first - 1].lower.as_str();
        if DETERMINERS.contains(&p) {
            first -= 1;
            break;
        }
        if AUX.contains(&p) || NP_STOP.contains(&p) || PRONOUNS.contains(&p) {
            break;
        }
        first -= 1;
        n += 1;
    }
    let has_det = DETERMINERS.contains(&toks[first].lower.as_str());
    let plural_head = w.ends_with('s');
    if has_det || plural_head || ANON_HEADS.contains(&w) {
        Some((first, last))
    } else {
        None
    }
}

/// The noun phrase starting at token `start` ("according to *the report*", "said *Jane Roe*").
fn right_np(toks: &[&Token], start: usize) -> Option<(usize, usize)> {
    let first = start;
    let t = toks.get(first)?;
    if PRONOUNS.contains(&t.lower.as_str()) {
        return Some((first, first));
    }
    let mut last = first;
    let limit = (first + 8).min(toks.len());
    let mut k = first;
    while k < limit {
        let w = toks[k].lower.as_str();
        if k > first && NP_STOP.contains(&w) {
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
    let det = DETERMINERS.contains(&t.lower.as_str())
        || matches!(t.lower.as_str(), "some" | "many" | "critics" | "officials");
    if any_cap || det {
        Some((first, last))
    } else {
        None
    }
}
