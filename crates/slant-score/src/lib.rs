//! The NLP-scoring core of slant: lexicons and rules that score each sentence for loaded
//! language and unattributed claims, with the words that caused every flag.
//!
//! A [`Scorer`] holds the compiled [`Lexicon`] and the [`Config`] (thresholds). Scoring an
//! article is a pure function of the article and the scorer: no I/O, no global state, the same
//! bytes out whatever the thread count. Sentences are scored in parallel with rayon; the
//! [`rules`] catalogue lists every rule with its stable code and documentation.
//!
//! ```
//! use slant_ingest::{segment, Article};
//! use slant_score::Scorer;
//!
//! let text = "The plan has been condemned as a reckless gamble. The mayor said it would pass.";
//! let article = Article::from_text("a", text);
//! let scored = Scorer::builtin().score(&slant_ingest::segment(article));
//! let first = &scored.sentences[0];
//! assert!(first.unattributed.reasons.contains(&"agentless_passive".to_string()));
//! assert!(first.loaded.evidence.iter().any(|e| e.text == "reckless"));
//! assert_eq!(scored.sentences[1].attribution.source.as_deref(), Some("The mayor"));
//! ```

/// Whether a [`text::W`] is one of the listed lower-cased words: `is!(w, "a" | "b")`, the
/// same answer as `matches!(w.as_str(), "a" | "b")`. The word's bucket bit is checked first
/// in a table of the words' buckets made at compile time, and the strings are compared only
/// when it is set (see [`text::W`]).
macro_rules! is {
    ($w:expr, $($lit:literal)|+ $(,)?) => {{
        let w: $crate::text::W<'_> = $crate::text::IntoW::into_w($w);
        const SET: $crate::text::Buckets = $crate::text::Buckets::of(&[$($lit),+]);
        w.may_be_in(&SET) && matches!(w.as_str(), $($lit)|+)
    }};
}

/// A named word list: a predicate `fn` as with [`is!`], and the list's buckets as a `const`,
/// which a rule can join with others ([`text::Buckets::union`]) to turn away, with one bit
/// test, a token that starts none of its patterns.
///
/// `word_set! { /// doc
///     pub fn is_modal / MODALS = "could" | "might"; }`
macro_rules! word_set {
    ($(#[$m:meta])* $vis:vis fn $name:ident / $set:ident = $($lit:literal)|+ $(;)?) => {
        #[allow(dead_code)]
        $vis const $set: $crate::text::Buckets = $crate::text::Buckets::of(&[$($lit),+]);
        $(#[$m])*
        $vis fn $name(w: $crate::text::W<'_>) -> bool {
            w.may_be_in(&$set) && matches!(w.as_str(), $($lit)|+)
        }
    };
}

/// A list of lower-cased words as a [`text::WordList`]: `word_list!["a", "b", ...]`. Its
/// `contains` is an [`is!`] over the words (a bucket bit, then a `matches!`), not a scan.
macro_rules! word_list {
    ($($w:literal),+ $(,)?) => {
        $crate::text::WordList(|w: $crate::text::W<'_>| is!(w, $($w)|+))
    };
}

mod attribution;
#[cfg(feature = "transformer")]
pub mod backend;
#[cfg(feature = "transformer")]
pub mod bert;
mod builtin;
mod chars;
#[cfg(feature = "transformer")]
pub mod embed;
#[cfg(feature = "transformer")]
pub mod finetune;
pub mod head;
pub mod lexicon;
mod matcher;
pub mod rules;
mod text;
mod trie;

pub use attribution::{GroupSources, Sourcing};
pub use lexicon::{Category, Entry, Lexicon, LexiconError, LexiconInfo, Pos};
pub use matcher::{Hit, Matcher};
pub use rules::{Finding, Rule, RuleInfo, Task};
pub use text::{tokens, Token};

use rayon::prelude::*;
use slant_ingest::model::{
    Attribution, Evidence, LoadedScore, NamingUse, ScoredArticle, ScoredSentence, Summary,
    UnattributedScore, SCHEMA,
};
use slant_ingest::{Document, Quote, Voice};
use std::collections::BTreeMap;

/// Scoring settings. The defaults were chosen on the development sets; see
/// `docs/EVALUATION.md`.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// `loaded.flagged` is `loaded.score >= loaded_threshold`.
    pub loaded_threshold: f64,
    /// `unattributed.flagged` is `unattributed.score >= unattributed_threshold`.
    pub unattributed_threshold: f64,
    /// How much a loaded word inside a quotation counts towards the sentence's score,
    /// relative to the same word in the outlet's own voice.
    pub quoted_weight: f64,
    /// Which groups count as checkable sources: `parties` (the default: "Democrats said" and
    /// "Senate Democrats said" are sources, "critics say" is vague), `institutional` (only
    /// groups tied to an institution: "Democrats said" is vague too) or `strict` (no group is).
    pub group_sources: GroupSources,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            loaded_threshold: 0.35,
            unattributed_threshold: 0.2,
            quoted_weight: 0.3,
            group_sources: GroupSources::Parties,
        }
    }
}

/// The compiled lexicon plus settings: everything needed to score articles.
pub struct Scorer {
    lexicon: Lexicon,
    matcher: Matcher,
    config: Config,
}

impl Scorer {
    pub fn new(lexicon: Lexicon, config: Config) -> Scorer {
        let matcher = Matcher::new(&lexicon);
        Scorer {
            lexicon,
            matcher,
            config,
        }
    }

    /// The built-in lexicons with the default configuration.
    pub fn builtin() -> Scorer {
        Scorer::builtin_with(Config::default())
    }

    /// The built-in lexicons with `config`: the same scorer as
    /// `Scorer::new(Lexicon::builtin(), config)`, with the matcher compiled when the crate was
    /// built instead of at start-up.
    pub fn builtin_with(config: Config) -> Scorer {
        Scorer {
            lexicon: Lexicon::builtin(),
            matcher: Matcher::builtin(),
            config,
        }
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Lexicon hits in a text (all categories), for tools that want the raw matches.
    pub fn hits(&self, text: &str) -> Vec<Hit> {
        self.matcher.find(text, &self.lexicon.entries)
    }

    /// Lexicon hits, tokens and quotations of every sentence of `doc`.
    /// `lower` is the article's text lower-cased in ASCII (`text.to_ascii_lowercase()`),
    /// which the tokens borrow from.
    fn parts<'d>(&self, doc: &'d Document, lower: &'d str) -> Parts<'d> {
        let text = doc.text();
        let all_hits = self.matcher.find_lower(text, lower, &self.lexicon.entries);
        // Bucket hits and tokens per sentence (hits crossing a boundary belong to none).
        let mut hits = PerSentence::with_capacity(all_hits.len(), doc.sentences.len());
        let mut cursor = 0;
        for hit in &all_hits {
            while cursor < doc.sentences.len() && doc.sentences[cursor].span.end <= hit.span.start {
                hits.close();
                cursor += 1;
            }
            if let Some(s) = doc.sentences.get(cursor) {
                if s.span.contains(hit.span) {
                    hits.items.push(*hit);
                }
            }
        }
        while hits.ends.len() < doc.sentences.len() {
            hits.close();
        }
        let mut tokens = PerSentence::with_capacity(text.len() / 4 + 2, doc.sentences.len());
        if parallel(doc) {
            let each: Vec<Vec<Token>> = doc
                .sentences
                .par_iter()
                .map(|s| {
                    let mut toks = Vec::new();
                    text::tokens_into(text, Some(lower), s.span, &mut toks);
                    toks
                })
                .collect();
            for toks in each {
                tokens.items.extend(toks);
                tokens.close();
            }
        } else {
            for s in &doc.sentences {
                text::tokens_into(text, Some(lower), s.span, &mut tokens.items);
                tokens.close();
            }
        }
        let quotes: Vec<&[Quote]> = doc
            .sentences
            .iter()
            .map(|s| slant_ingest::overlapping(&doc.quotes, s.span))
            .collect();
        Parts {
            all_hits,
            hits,
            tokens,
            quotes,
        }
    }

    /// Who each sentence is attributed to, and which of its tokens are the outlet's own
    /// (outside quotations) and the writer's own claim (also outside reported clauses and
    /// quotation fragments).
    fn sourcing<'p>(&self, doc: &Document, parts: &'p Parts<'p>) -> Sourced<'p> {
        let mut author = PerSentence::with_capacity(parts.tokens.items.len(), parts.quotes.len());
        for (toks, qs) in parts.tokens.iter().zip(&parts.quotes) {
            author.items.extend(
                toks.iter()
                    .filter(|t| !qs.iter().any(|q| q.outer.contains(t.span))),
            );
            author.close();
        }
        let sourcing = attribution::attribute(
            doc,
            &parts.hits,
            &author,
            &parts.quotes,
            &self.lexicon.entries,
            self.config.group_sources,
        );
        let mut writer = PerSentence::with_capacity(author.items.len(), sourcing.len());
        for (toks, src) in author.iter().zip(&sourcing) {
            writer
                .items
                .extend(toks.iter().copied().filter(|t| src.is_writers(t.span)));
            writer.close();
        }
        Sourced {
            author,
            writer,
            sourcing,
        }
    }

    /// The writer's own words of every sentence (outside quotations and reported clauses), as
    /// the unattributed-claim rules see them; for tests and tools that explain attribution.
    pub fn writer_words(&self, doc: &Document) -> Vec<Vec<String>> {
        let lower = doc.text().to_ascii_lowercase();
        let parts = self.parts(doc, &lower);
        let sourced = self.sourcing(doc, &parts);
        sourced
            .writer
            .iter()
            .map(|toks| toks.iter().map(|t| doc.slice(t.span).to_string()).collect())
            .collect()
    }

    /// Score one article.
    pub fn score(&self, doc: &Document) -> ScoredArticle {
        let text = doc.text();
        let entries = &self.lexicon.entries;
        let lower = doc.text().to_ascii_lowercase();
        let parts = self.parts(doc, &lower);
        let Sourced {
            author: author_tokens,
            writer: writer_tokens,
            sourcing,
        } = self.sourcing(doc, &parts);
        let Parts {
            all_hits,
            hits,
            tokens,
            quotes,
        } = &parts;

        let score = |(i, sentence): (usize, &slant_ingest::Sentence)| {
            let ctx = rules::Ctx {
                doc,
                index: i,
                sentence,
                hits: &hits[i],
                entries,
                tokens: &tokens[i],
                author_tokens: &author_tokens[i],
                writer_tokens: &writer_tokens[i],
                attribution: &sourcing[i].attribution,
                sourcing: &sourcing[i],
                claim: std::cell::Cell::new(None),
                asks: std::cell::Cell::new(None),
                quotes: quotes[i],
            };
            self.score_sentence(&ctx)
        };
        let mut sentences: Vec<ScoredSentence> = if parallel(doc) {
            doc.sentences.par_iter().enumerate().map(score).collect()
        } else {
            doc.sentences.iter().enumerate().map(score).collect()
        };
        // Each sentence's attribution moves into its record (the rules only read it).
        for (s, src) in sentences.iter_mut().zip(sourcing) {
            s.attribution = src.attribution;
        }

        let summary = summarise(&sentences, all_hits, entries);
        ScoredArticle {
            schema: SCHEMA.to_string(),
            id: doc.article.id.clone(),
            path: doc.article.path.clone(),
            outlet: doc.article.outlet.clone(),
            title: doc.article.title.clone(),
            date: doc.article.date.clone(),
            url: doc.article.url.clone(),
            author: doc.article.author.clone(),
            sentences,
            summary,
            warnings: doc.article.warnings.clone(),
            quotes: doc.quotes.iter().map(|q| q.outer).collect(),
            text_len: text.len(),
        }
    }

    fn score_sentence(&self, ctx: &rules::Ctx) -> ScoredSentence {
        let mut findings = Vec::new();
        for rule in rules::all() {
            rule.check(ctx, &mut findings);
        }
        let mut loaded_ev: Vec<Evidence> = Vec::new();
        let mut ua_ev: Vec<Evidence> = Vec::new();
        let mut reasons: BTreeMap<&'static str, f64> = BTreeMap::new();
        for f in findings {
            match f.reason {
                None => loaded_ev.push(f.evidence),
                Some(reason) => {
                    let w = reasons.entry(reason).or_insert(0.0);
                    *w = w.max(f.evidence.weight);
                    let kind = rules::reasons::kind_of(reason).as_str();
                    ua_ev.push(Evidence {
                        kind: Some(std::borrow::Cow::Borrowed(kind)),
                        ..f.evidence
                    });
                }
            }
        }
        let sort = |v: &mut Vec<Evidence>| {
            v.sort_by(|a, b| (a.start, a.end, &a.rule).cmp(&(b.start, b.end, &b.rule)))
        };
        sort(&mut loaded_ev);
        sort(&mut ua_ev);

        // Noisy-OR: each piece of evidence independently pushes the score towards 1.
        // Quoted words count for the speaker, so they weigh less for the outlet.
        let loaded = 1.0
            - loaded_ev
                .iter()
                .map(|e| {
                    1.0 - e.weight
                        * if e.quoted {
                            self.config.quoted_weight
                        } else {
                            1.0
                        }
                })
                .product::<f64>();
        let unattributed = 1.0 - reasons.values().map(|w| 1.0 - w).product::<f64>();
        let loaded = rules::round3(loaded.clamp(0.0, 1.0));
        let unattributed = rules::round3(unattributed.clamp(0.0, 1.0));
        let s = ctx.sentence;
        ScoredSentence {
            index: ctx.index,
            start: s.span.start,
            end: s.span.end,
            paragraph: s.paragraph,
            text: ctx.doc.slice(s.span).to_string(),
            voice: s.voice,
            loaded: LoadedScore {
                score: loaded,
                flagged: loaded >= self.config.loaded_threshold && loaded > 0.0,
                evidence: loaded_ev,
                model_probability: None,
            },
            // Filled in by `score` from the sentence's `Sourcing`, moved rather than copied.
            attribution: Attribution::none(),
            unattributed: UnattributedScore {
                score: unattributed,
                flagged: unattributed >= self.config.unattributed_threshold && unattributed > 0.0,
                reasons: reasons.keys().map(|r| r.to_string()).collect(),
                evidence: ua_ev,
                model_probability: None,
            },
        }
    }
}

/// Whether the sentences of `doc` are worth spreading over the thread pool. A batch already
/// scores its articles in parallel, so splitting a news-sized article as well only adds
/// rayon's job and stealing overhead; one long article (a book, a 50 MB line) still
/// uses every thread.
fn parallel(doc: &Document) -> bool {
    const PARALLEL_FROM: usize = 256 << 10;
    doc.text().len() >= PARALLEL_FROM
}

/// Per-sentence lexicon hits, tokens and quotations of one article.
struct Parts<'t> {
    all_hits: Vec<Hit>,
    hits: PerSentence<Hit>,
    tokens: PerSentence<Token<'t>>,
    quotes: Vec<&'t [Quote]>,
}

/// Per-sentence attribution and the tokens the rules read.
struct Sourced<'p> {
    author: PerSentence<&'p Token<'p>>,
    writer: PerSentence<&'p Token<'p>>,
    sourcing: Vec<Sourcing>,
}

/// The items of every sentence of an article in one vector, sentence `i`'s ending at
/// `ends[i]`: three allocations per article for its tokens and the writer's and author's
/// shares of them, where a vector per sentence made three per sentence.
pub(crate) struct PerSentence<T> {
    pub(crate) items: Vec<T>,
    ends: Vec<usize>,
}

impl<T> PerSentence<T> {
    fn with_capacity(items: usize, sentences: usize) -> PerSentence<T> {
        PerSentence {
            items: Vec::with_capacity(items),
            ends: Vec::with_capacity(sentences),
        }
    }

    /// Ends the current sentence: the items pushed since the last call are its.
    fn close(&mut self) {
        self.ends.push(self.items.len());
    }

    /// Each sentence's items, in order.
    fn iter(&self) -> impl Iterator<Item = &[T]> {
        (0..self.ends.len()).map(|i| &self[i])
    }
}

impl<T> std::ops::Index<usize> for PerSentence<T> {
    type Output = [T];

    fn index(&self, i: usize) -> &[T] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.items[start..self.ends[i]]
    }
}

fn summarise(sentences: &[ScoredSentence], hits: &[Hit], entries: &[Entry]) -> Summary {
    let author: Vec<&ScoredSentence> = sentences
        .iter()
        .filter(|s| s.voice != Voice::Quoted)
        .collect();
    let loaded_author = author.iter().filter(|s| s.loaded.flagged).count();
    let ua_author = author.iter().filter(|s| s.unattributed.flagged).count();
    let rate = |n: usize| {
        if author.is_empty() {
            0.0
        } else {
            rules::round3(100.0 * n as f64 / author.len() as f64)
        }
    };
    let mut naming: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for h in hits.iter().filter(|h| h.category == Lexicon::NAMING) {
        let e = &entries[h.entry];
        if let Some(set) = &e.set {
            *naming
                .entry(set.clone())
                .or_default()
                .entry(e.term.clone())
                .or_insert(0) += 1;
        }
    }
    Summary {
        sentences: sentences.len(),
        loaded_flagged: sentences.iter().filter(|s| s.loaded.flagged).count(),
        unattributed_flagged: sentences.iter().filter(|s| s.unattributed.flagged).count(),
        author_sentences: author.len(),
        loaded_rate: rate(loaded_author),
        unattributed_rate: rate(ua_author),
        naming: naming
            .into_iter()
            .map(|(set, terms)| NamingUse { set, terms })
            .collect(),
    }
}

impl Lexicon {
    const NAMING: Category = Category::Naming;
}

/// Attribution as found for a sentence; re-exported for callers that build their own views.
pub type SentenceAttribution = Attribution;

#[cfg(test)]
mod tests {
    use super::*;
    use slant_ingest::{segment, Article};

    /// Random text from the characters that stress segmentation, quotation and figure
    /// handling must never panic, and every span must slice the text on char boundaries.
    #[test]
    fn no_panic_and_valid_spans_on_random_text() {
        const PIECES: &[&str] = &[
            "The ",
            "regime ",
            "slammed ",
            "\u{201c}",
            "\u{201d}",
            "\"",
            "'",
            "\u{2018}",
            "\u{2019}",
            ". ",
            "? ",
            "! ",
            "...",
            "\u{2026}",
            "Mr. ",
            "U.S. ",
            "3.5 ",
            "$40 ",
            "million ",
            "% ",
            "percent ",
            "\n",
            "\n\n",
            "- ",
            "1) ",
            "said ",
            "critics say ",
            "has been condemned as ",
            "some analysts ",
            "Kiev ",
            "é",
            "\u{fffd}",
            "\t",
            "he ",
            "according to ",
            ": ",
            ", ",
            "so-called ",
            "reportedly ",
            "clearly ",
            "thousands of ",
            "\u{a0}",
        ];
        let scorer = Scorer::builtin();
        let mut state: u64 = 0x1234_5678;
        for case in 0..1500 {
            let mut text = String::new();
            let len = 1 + (case % 60);
            for _ in 0..len {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(PIECES[(state >> 33) as usize % PIECES.len()]);
            }
            let article = Article::from_text("r", slant_ingest::normalise(&text));
            let doc = segment(article);
            let scored = scorer.score(&doc);
            let t = doc.text();
            for s in &scored.sentences {
                assert_eq!(&t[s.start..s.end], s.text);
                for e in s.loaded.evidence.iter().chain(&s.unattributed.evidence) {
                    assert_eq!(&t[e.start..e.end], e.text, "in {text:?}");
                    assert!(e.start >= s.start && e.end <= s.end);
                }
                assert!(
                    (0.0..=1.0).contains(&s.loaded.score)
                        && (0.0..=1.0).contains(&s.unattributed.score)
                );
            }
        }
    }
}
