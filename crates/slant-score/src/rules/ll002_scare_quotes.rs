//! ## What it flags
//! Scare quotes: a short quoted phrase (one to four words) in the outlet's own sentence that
//! is nobody's speech: it stands in the writer's own part of the sentence, outside any
//! clause reported from a named source ("Ironically, bans on 'high-capacity' magazines are
//! ..., yet a review board found that ..." has the marks in the writer's part), or the phrase
//! follows "so-called".
//!
//! ## Why it matters
//! Putting a neutral word in quotation marks ("the government's 'reforms'") tells the reader
//! not to believe it without saying why or who doubts it. It is judgement without a source.
//!
//! ## Example
//! "The ministry announced new *\"security measures\"* for the border."
//!
//! ## Known false positives
//! Titles of works and shows, nicknames, terms being defined or mentioned as words (the rule
//! skips phrases after "the word", "the term", "called", "dubbed" and the like), and partial
//! quotes whose speaker is named only in a neighbouring sentence.

use super::{Ctx, Finding};
use slant_ingest::Voice;

/// Words after which a quoted phrase is mentioned or named, not doubted.
const MENTION_CUES: &[&str] = &[
    "word",
    "words",
    "term",
    "terms",
    "phrase",
    "phrases",
    "called",
    "dubbed",
    "named",
    "nicknamed",
    "titled",
    "entitled",
    "known as",
    "label",
    "slogan",
    "motto",
    "hashtag",
    "headline",
    "the name",
];

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    if ctx.sentence.voice == Voice::Quoted {
        return;
    }
    let text = ctx.text();
    let span = ctx.sentence.span;
    for q in ctx.quotes {
        if !span.contains(q.outer) {
            continue;
        }
        let inner = &text[q.inner.start..q.inner.end];
        let words: Vec<&str> = inner.split_whitespace().collect();
        if words.is_empty() || words.len() > 4 {
            continue;
        }
        // Titles and names ("Today" show, "Celebrity Apprentice") are not scare quotes.
        let title_case = words.iter().all(|w| {
            w.chars()
                .next()
                .map(|c| c.is_uppercase() || !c.is_alphabetic())
                .unwrap_or(true)
        });
        let before = text[span.start..q.outer.start].trim_end().to_lowercase();
        let so_called = before.ends_with("so-called") || before.ends_with("so called");
        // Judged by clause: marks in the writer's own part of the sentence, outside any
        // clause reported from a source.
        let unattributed = ctx.sourcing.is_writers(q.outer);
        // A word mentioned as a word ("the term 'hoax'", "dubbed 'the Beast'") or a name
        // given to something is not the outlet distancing itself from it.
        let mentioned = MENTION_CUES.iter().any(|c| before.ends_with(c));
        if so_called || (unattributed && !title_case && !mentioned) {
            let weight = if so_called { 0.6 } else { 0.45 };
            let note = if so_called {
                "\"so-called\" plus quotation marks disowns the term".to_string()
            } else {
                "quotation marks around a phrase no one is quoted as saying signal doubt without a source".to_string()
            };
            let ev =
                ctx.span_evidence(q.outer, "scare_quotes", weight, &INFO, "scare quotes", note);
            out.push(Finding {
                evidence: super::Evidence {
                    quoted: false,
                    ..ev
                },
                reason: None,
            });
        }
    }
}

rule! {
    ScareQuotes, "LL002", "scare_quotes", Loaded, "ll002_scare_quotes.rs",
    "a short phrase in quotation marks that nobody is quoted as saying"
}

fixtures! {"LL002", r#"
    The new “security measures” took effect at the border. => “security measures”
    The so-called "reforms" passed on Monday. => "reforms"
    // A partial quote whose speaker is named is not a scare quote.
    Moscow warned that troops would be a “legitimate target.” =>
    // Words mentioned as words are not scare quotes.
    Trump has used the word “hoax” often. =>
    // Titles are not scare quotes.
    He spoke on the "Today" show. =>
    // Full quotations are speech.
    “We will rebuild the bridge,” the mayor said. =>
"#}
