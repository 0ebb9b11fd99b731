//! Same story, different outlets: group the articles that report one event, deterministically
//! and without a model.
//!
//! As articles stream past, each is reduced to a compact bag of terms built from its headline
//! and sentence texts: content words (stop-words dropped, plurals folded), names (runs of
//! capitalised words such as "Mike Huckabee", which count double) and figures.
//! Nothing else of the text is kept, except the few most strongly flagged sentences that a
//! story shows. Once every article has been seen, terms are weighted by TF-IDF over the corpus
//! and articles are compared by cosine similarity, scaled down when both carry dates that lie
//! far apart (dates are a soft constraint, never a hard one).
//!
//! Stories are formed by greedy average-linkage merging of the most similar pairs, under one
//! constraint: a story holds at most one article per outlet. That constraint, and requiring
//! the *average* similarity of two groups (not their best pair) to clear the threshold, keeps
//! a chain of loosely related articles from collapsing into one story.

use crate::analysis::sources::{is_capitalised, SourceCount, SourceTally};
use crate::analysis::stats::round3;
use crate::escape::clip;
use serde::Serialize;
use slant_ingest::model::{AttributionKind, ScoredArticle, Voice};
use std::collections::{BTreeMap, HashMap};

/// Knobs of the story grouping. The defaults were tuned on the first half of the BASIL events
/// (`../shared/corpus/dev/basil_articles`) and checked on the other half; see
/// `tests/cli/compare.rs`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StoryOptions {
    /// Two articles (or the average over two groups of articles) must be at least this similar
    /// (cosine of TF-IDF vectors, after the date factor) to be one story.
    pub threshold: f64,
    /// Weight of a run of capitalised words ("Mike Huckabee", "Supreme Court") relative to a
    /// single word. Single names get no extra weight: on the tuning data, boosting them merged
    /// different events about the same person.
    pub phrase_boost: f32,
    /// How many times a headline word counts.
    pub title_weight: f32,
    /// Dates this many days apart or closer do not lower the similarity.
    pub date_window_days: i64,
    /// Flagged sentences kept per article for display.
    pub flagged_per_article: usize,
    /// Facts and sources found only in one article, shown per article.
    pub facts_per_article: usize,
    /// How two articles are compared.
    pub method: StoryMethod,
    /// With [`StoryMethod::Embedding`]: the headline and this many first sentences are
    /// embedded, and an article's vector is their mean.
    pub lead_sentences: usize,
    /// With [`StoryMethod::Embedding`]: the weight of the embedding cosine in the similarity;
    /// the rest is the TF-IDF cosine.
    pub embedding_weight: f64,
}

/// How [`StoryIndex`] compares two articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StoryMethod {
    /// Cosine of TF-IDF vectors over content words, names and figures (no model).
    Terms,
    /// Cosine of sentence embeddings of each article's headline and lead, set by the caller
    /// with [`StoryIndex::set_embeddings`] (the transformer backend), mixed with the TF-IDF
    /// cosine by [`StoryOptions::embedding_weight`].
    Embedding,
}

impl StoryMethod {
    /// What the articles of a story share, in words, for the reports.
    pub fn describe(self) -> &'static str {
        match self {
            StoryMethod::Terms => "shared names, places, figures and distinctive words; dates when present",
            StoryMethod::Embedding => "what their headline and lead mean (sentence embeddings, all-MiniLM-L6-v2) and shared names, places, figures and distinctive words; dates when present",
        }
    }
}

impl Default for StoryOptions {
    fn default() -> Self {
        StoryOptions {
            threshold: 0.185,
            phrase_boost: 2.0,
            title_weight: 2.0,
            date_window_days: 3,
            flagged_per_article: 3,
            facts_per_article: 8,
            method: StoryMethod::Terms,
            lead_sentences: 5,
            embedding_weight: 1.0,
        }
    }
}

impl StoryOptions {
    /// The defaults of [`StoryMethod::Embedding`], tuned like the TF-IDF ones: on the first
    /// half of the BASIL events, alone and among the 1,600 AllSides articles, and checked on
    /// the other half. Embeddings alone (weight 1) group by topic more than by event: among
    /// the AllSides articles they pulled unrelated articles into BASIL stories at every
    /// threshold that kept recall at 1, and joined different events on one subject
    /// ("Supreme Court nominees"). Half embedding, half TF-IDF at 0.4 kept the tuning events
    /// whole with no outside article in them; 0.35 let 6 in, 0.45 split an event.
    pub fn embedding() -> StoryOptions {
        StoryOptions {
            method: StoryMethod::Embedding,
            threshold: 0.4,
            embedding_weight: 0.5,
            ..StoryOptions::default()
        }
    }
}

/// A sentence that a story shows for one article: flagged in the outlet's own voice.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlaggedSentence {
    pub index: usize,
    pub text: String,
    pub loaded: f64,
    pub unattributed: f64,
    /// The words behind the flags, in order of appearance.
    pub terms: Vec<String>,
    pub reasons: Vec<String>,
}

impl FlaggedSentence {
    /// Why it is flagged, in short: the words behind the flags, else the reasons.
    pub fn why(&self) -> String {
        if self.terms.is_empty() {
            self.reasons.join(", ")
        } else {
            self.terms.join(", ")
        }
    }
}

/// What only one article of a story includes.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct OnlyHere {
    /// Named sources no other outlet in the story quotes.
    pub sources: Vec<String>,
    /// Names (people, places, bodies) no other article of the story mentions.
    pub names: Vec<String>,
    /// Figures no other article of the story gives.
    pub figures: Vec<String>,
}

impl OnlyHere {
    /// The kinds that hold something (sources, names, figures), each with its name.
    pub fn lists(&self) -> Vec<(&'static str, &[String])> {
        [
            ("sources", &self.sources),
            ("names", &self.names),
            ("figures", &self.figures),
        ]
        .into_iter()
        .filter(|(_, list)| !list.is_empty())
        .map(|(kind, list)| (kind, list.as_slice()))
        .collect()
    }
}

/// One article as a story shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryArticle {
    pub path: String,
    pub id: String,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub sentences: usize,
    pub author_sentences: usize,
    pub loaded_flagged: usize,
    pub unattributed_flagged: usize,
    /// Flagged author-voice sentences per 100 author-voice sentences.
    pub loaded_rate: f64,
    pub unattributed_rate: f64,
    /// The named sources the article cites most.
    pub sources: Vec<SourceCount>,
    /// Its most strongly flagged sentences in the outlet's own voice.
    pub flagged: Vec<FlaggedSentence>,
    pub only_here: OnlyHere,
}

/// A group of articles from different outlets that report the same event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Story {
    /// 1-based, in output order.
    pub id: usize,
    /// The most distinctive terms the articles share.
    pub label: Vec<String>,
    /// Mean pairwise similarity of the articles.
    pub similarity: f64,
    /// One per outlet, sorted by outlet then path.
    pub articles: Vec<StoryArticle>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    Phrase,
    Number,
}

#[derive(Debug, Clone)]
struct Term {
    kind: Kind,
    /// The first surface form seen in running text, else in a headline (for labels).
    surface: String,
    surface_from_headline: bool,
    /// Articles that contain the term.
    df: u32,
}

#[derive(Debug, Default)]
struct Vocabulary {
    ids: HashMap<String, u32>,
    terms: Vec<Term>,
}

impl Vocabulary {
    /// The id of a term, added if new. Headlines are in title case, so a surface form from
    /// running text replaces one from a headline.
    fn id(&mut self, key: &str, kind: Kind, surface: &str, headline: bool) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            let term = &mut self.terms[id as usize];
            if term.surface_from_headline && !headline {
                term.surface = surface.to_string();
                term.surface_from_headline = false;
            }
            return id;
        }
        let id = self.terms.len() as u32;
        self.ids.insert(key.to_string(), id);
        self.terms.push(Term {
            kind,
            surface: surface.to_string(),
            surface_from_headline: headline,
            df: 0,
        });
        id
    }

    fn lookup(&self, key: &str) -> Option<u32> {
        self.ids.get(key).copied()
    }
}

/// A fact candidate of one article: a name or a figure, with the term that stands for it.
#[derive(Debug, Clone)]
struct Fact {
    display: String,
    term: u32,
    figure: bool,
    count: u32,
    first: u32,
}

/// What the index keeps of one article.
#[derive(Debug, Clone)]
struct Entry {
    card: StoryArticle,
    /// The outlet's number ([`NO_OUTLET`] for none).
    outlet: u32,
    day: Option<i64>,
    /// Term -> weighted count, sorted by term.
    terms: Box<[(u32, f32)]>,
    facts: Box<[Fact]>,
    /// Source name -> key of its last word, for "only this outlet quotes".
    source_keys: Box<[(String, String)]>,
}

/// The outlet number of an article without one: it may be any outlet, so it is never "the
/// same outlet" as another.
const NO_OUTLET: u32 = u32::MAX;

/// Postings (articles that contain a term) longer than this are not walked to find candidate
/// pairs. Such a term is common (its weight, the IDF, is low), and walking it would make the
/// grouping quadratic in the corpus. Pairs found through rarer terms still get their exact
/// similarity. Below this many articles nothing is skipped for this cap; above, a pair that
/// shares only terms this common can be missed (such a pair is two articles alike only in
/// common words).
pub const MAX_POSTINGS: usize = 2000;

/// The postings one article walks to find its candidates: its terms' lists, shortest (rarest
/// term) first, while their lengths add up to no more than this. [`MAX_POSTINGS`] alone bounds
/// the work per article only by terms x 2000: on a corpus of near-duplicates (the copies of
/// `scripts/bench --scale`) every term of an article is in hundreds of others, all under the
/// cap, and the grouping grew with the square of the corpus (it did not finish at 1 GB). With
/// the budget an article walks at most this many posting entries whatever the corpus. The
/// terms left out are its most common ones; they count in the bound that decides which
/// candidates need their exact similarity, so a pair is only missed when it shares none of
/// the rarer terms (or falls out of [`MAX_CANDIDATES`]). On the dev corpora (AllSides and
/// BASIL, 1,660 articles) the budget cuts nearly every article and the stories are the same
/// bytes as without it.
pub const WALK_BUDGET: usize = 20_000;

/// Per article, at most this many candidates (those with the largest similarity over the
/// terms walked, times the date factor) get their exact similarity and may become pairs: the
/// pairs the greedy linkage sorts and walks grow linearly with the corpus. An article of the
/// dev corpora has at most a few pairs over the threshold.
pub const MAX_CANDIDATES: usize = 32;

/// How much work a grouping did (posting entries walked, similarities computed, merges
/// tried): a measure of time that does not depend on the machine, for tests of how it grows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Work(pub u64);

/// Collects the articles of a corpus, one compact entry each, and groups them into stories.
#[derive(Debug, Default)]
pub struct StoryIndex {
    options: StoryOptions,
    vocab: Vocabulary,
    entries: Vec<Entry>,
    /// Outlet name -> number.
    outlets: HashMap<String, u32>,
    /// With [`StoryMethod::Embedding`]: per entry, the texts to embed (headline and lead).
    leads: Vec<Vec<String>>,
    /// Per entry, the unit-length mean of its lead's embeddings, once set.
    embeddings: Option<Vec<Vec<f32>>>,
}

const MAX_FACTS: usize = 48;
const MAX_SENTENCE_CHARS: usize = 400;
const SOURCES_PER_ARTICLE: usize = 5;

impl StoryIndex {
    pub fn new(options: StoryOptions) -> StoryIndex {
        StoryIndex {
            options,
            vocab: Vocabulary::default(),
            entries: Vec::new(),
            outlets: HashMap::new(),
            leads: Vec::new(),
            embeddings: None,
        }
    }

    /// With [`StoryMethod::Embedding`]: the texts to embed, article by article in the order
    /// they were added (empty otherwise).
    pub fn lead_texts(&self) -> &[Vec<String>] {
        &self.leads
    }

    /// Whether stories will be grouped by embedding similarity.
    pub fn has_embeddings(&self) -> bool {
        self.options.method == StoryMethod::Embedding && self.embeddings.is_some()
    }

    /// Give the embeddings of [`lead_texts`](Self::lead_texts), flattened in the same order.
    /// Each article's vector is the unit-length mean of its texts' vectors.
    pub fn set_embeddings(&mut self, flat: &[Vec<f32>]) -> Result<(), String> {
        let expected: usize = self.leads.iter().map(Vec::len).sum();
        if flat.len() != expected {
            return Err(format!(
                "{} embeddings for {expected} lead texts",
                flat.len()
            ));
        }
        let mut rest = flat;
        let mut out = Vec::with_capacity(self.leads.len());
        for lead in &self.leads {
            let (mine, tail) = rest.split_at(lead.len());
            rest = tail;
            out.push(mean_unit(mine));
        }
        self.embeddings = Some(out);
        Ok(())
    }

    /// Reduce one article to its entry.
    pub fn add(&mut self, a: &ScoredArticle) {
        let mut bag = Bag::default();
        if let Some(t) = &a.title {
            bag.scan(&mut self.vocab, t, self.options.title_weight, true);
        }
        for s in &a.sentences {
            bag.scan(&mut self.vocab, &s.text, 1.0, false);
        }
        let mut terms: Vec<(u32, f32)> = bag.tf.into_iter().collect();
        terms.sort_by_key(|t| t.0);
        for (t, _) in &terms {
            self.vocab.terms[*t as usize].df += 1;
        }
        let mut facts: Vec<Fact> = bag.facts.into_values().collect();
        facts.sort_by(|x, y| y.count.cmp(&x.count).then(x.first.cmp(&y.first)));
        facts.truncate(MAX_FACTS);

        let mut sources = SourceTally::default();
        let mut author_sentences = 0;
        let mut loaded_flagged = 0;
        let mut unattributed_flagged = 0;
        let mut flagged = Vec::new();
        for s in &a.sentences {
            if let (AttributionKind::Named, Some(src)) = (s.attribution.kind, &s.attribution.source)
            {
                sources.add(src, 1);
            }
            if s.voice == Voice::Quoted {
                continue;
            }
            author_sentences += 1;
            loaded_flagged += usize::from(s.loaded.flagged);
            unattributed_flagged += usize::from(s.unattributed.flagged);
            if s.loaded.flagged || s.unattributed.flagged {
                let mut terms: Vec<String> = Vec::new();
                for e in s.loaded.evidence.iter().chain(&s.unattributed.evidence) {
                    if !terms.contains(&e.text) {
                        terms.push(e.text.clone());
                    }
                }
                flagged.push(FlaggedSentence {
                    index: s.index,
                    text: clip(&s.text, MAX_SENTENCE_CHARS),
                    loaded: s.loaded.score,
                    unattributed: s.unattributed.score,
                    terms,
                    reasons: s.unattributed.reasons.clone(),
                });
            }
        }
        flagged.sort_by(|x, y| {
            let (mx, my) = (x.loaded.max(x.unattributed), y.loaded.max(y.unattributed));
            my.total_cmp(&mx).then(x.index.cmp(&y.index))
        });
        flagged.truncate(self.options.flagged_per_article);
        let top = sources.top(usize::MAX);
        let source_keys = top
            .iter()
            .map(|(name, _)| (name.clone(), word_key(last_word(name))))
            .collect();
        let rate = |n: usize| {
            if author_sentences == 0 {
                0.0
            } else {
                round3(100.0 * n as f64 / author_sentences as f64)
            }
        };
        let card = StoryArticle {
            path: a.path.clone(),
            id: a.id.clone(),
            outlet: a.outlet.clone(),
            title: a.title.clone(),
            date: a.date.clone(),
            sentences: a.sentences.len(),
            author_sentences,
            loaded_flagged,
            unattributed_flagged,
            loaded_rate: rate(loaded_flagged),
            unattributed_rate: rate(unattributed_flagged),
            sources: top
                .into_iter()
                .take(SOURCES_PER_ARTICLE)
                .map(|(source, sentences)| SourceCount { source, sentences })
                .collect(),
            flagged,
            only_here: OnlyHere::default(),
        };
        if self.options.method == StoryMethod::Embedding {
            let lead = a
                .title
                .iter()
                .map(|t| clip(t, MAX_SENTENCE_CHARS))
                .chain(
                    a.sentences
                        .iter()
                        .filter(|s| a.title.as_deref() != Some(s.text.as_str()))
                        .take(self.options.lead_sentences)
                        .map(|s| clip(&s.text, MAX_SENTENCE_CHARS)),
                )
                .collect();
            self.leads.push(lead);
        }
        let outlet = match &a.outlet {
            Some(o) => {
                let next = self.outlets.len() as u32;
                *self.outlets.entry(o.clone()).or_insert(next)
            }
            None => NO_OUTLET,
        };
        self.entries.push(Entry {
            card,
            outlet,
            day: a.date.as_deref().and_then(day_number),
            terms: terms.into_boxed_slice(),
            facts: facts.into_boxed_slice(),
            source_keys,
        });
    }

    /// Unit-length TF-IDF vectors, one per entry, sorted by term. Terms in a single article
    /// cannot make two articles alike and would only dilute the others, so they are left out.
    fn vectors(&self) -> Vec<Vec<(u32, f32)>> {
        let n = self.entries.len() as f32;
        let o = &self.options;
        self.entries
            .iter()
            .map(|e| {
                let mut v: Vec<(u32, f32)> = e
                    .terms
                    .iter()
                    .filter_map(|&(t, tf)| {
                        let term = &self.vocab.terms[t as usize];
                        if term.df < 2 {
                            return None;
                        }
                        let idf = ((n + 1.0) / term.df as f32).ln();
                        let boost = if term.kind == Kind::Phrase {
                            o.phrase_boost
                        } else {
                            1.0
                        };
                        Some((t, (1.0 + tf.ln()) * idf * boost))
                    })
                    .collect();
                let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
                if norm > 0.0 {
                    v.iter_mut().for_each(|x| x.1 /= norm);
                }
                v
            })
            .collect()
    }

    /// 1 for articles without dates or close in time, less the further apart they are.
    fn date_factor(&self, i: usize, j: usize) -> f64 {
        match (self.entries[i].day, self.entries[j].day) {
            (Some(a), Some(b)) => {
                let gap = (a - b).abs() - self.options.date_window_days;
                if gap <= 0 {
                    1.0
                } else {
                    1.0 / (1.0 + gap as f64 / 7.0)
                }
            }
            _ => 1.0,
        }
    }

    fn same_outlet(&self, i: usize, j: usize) -> bool {
        let (a, b) = (self.entries[i].outlet, self.entries[j].outlet);
        a != NO_OUTLET && a == b
    }

    /// Group the articles into stories (only groups of two or more outlets are stories).
    pub fn stories(&self) -> Vec<Story> {
        self.group().0
    }

    /// [`stories`](Self::stories), and the work it took.
    pub fn group(&self) -> (Vec<Story>, Work) {
        let mut work = Work::default();
        let one_outlet = self.entries.iter().all(|e| e.outlet == 0) || self.entries.len() < 2;
        if one_outlet {
            // Every story needs two outlets.
            return (Vec::new(), work);
        }
        let vectors = self.vectors();
        let n = vectors.len();
        let embeddings = self.embeddings.as_ref().filter(|_| self.has_embeddings());
        let w = self.options.embedding_weight;
        let sim = |i: usize, j: usize| {
            let terms = dot(&vectors[i], &vectors[j]) as f64;
            let base = match embeddings {
                Some(e) => w * unit_dot(&e[i], &e[j]) + (1.0 - w) * terms,
                None => terms,
            };
            base * self.date_factor(i, j)
        };

        let mut pairs: Vec<(f64, usize, usize)> = if embeddings.is_some() {
            // Every pair: articles about one event may share no rare term at all.
            let mut pairs = Vec::new();
            for i in 0..n {
                for j in i + 1..n {
                    work.0 += 1;
                    if !self.same_outlet(i, j) {
                        let s = sim(i, j);
                        if s >= self.options.threshold {
                            pairs.push((s, i, j));
                        }
                    }
                }
            }
            pairs
        } else {
            self.term_pairs(&vectors, &mut work)
        };
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));

        // Greedy average linkage under the one-article-per-outlet constraint.
        let mut group: Vec<usize> = (0..n).collect();
        let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
        for &(_, i, j) in &pairs {
            work.0 += 1;
            let (gi, gj) = (group[i], group[j]);
            if gi == gj {
                continue;
            }
            let (a, b) = (&members[gi], &members[gj]);
            if a.iter().any(|&x| b.iter().any(|&y| self.same_outlet(x, y))) {
                continue;
            }
            work.0 += (a.len() * b.len()) as u64;
            let total: f64 = a
                .iter()
                .flat_map(|&x| b.iter().map(move |&y| (x, y)))
                .map(|(x, y)| sim(x, y))
                .sum();
            if total / ((a.len() * b.len()) as f64) < self.options.threshold {
                continue;
            }
            let (keep, gone) = if gi < gj { (gi, gj) } else { (gj, gi) };
            let moved = std::mem::take(&mut members[gone]);
            for &m in &moved {
                group[m] = keep;
            }
            members[keep].extend(moved);
        }

        let mut stories: Vec<(f64, Vec<usize>)> = members
            .into_iter()
            .filter(|m| m.len() >= 2)
            .map(|mut m| {
                m.sort_by(|&x, &y| {
                    let (a, b) = (&self.entries[x].card, &self.entries[y].card);
                    a.outlet
                        .cmp(&b.outlet)
                        .then(a.path.cmp(&b.path))
                        .then(x.cmp(&y))
                });
                let mut total = 0.0;
                let mut count = 0;
                for (k, &x) in m.iter().enumerate() {
                    for &y in &m[k + 1..] {
                        total += sim(x, y);
                        count += 1;
                    }
                }
                (total / count as f64, m)
            })
            .collect();
        stories.sort_by(|a, b| {
            b.1.len()
                .cmp(&a.1.len())
                .then(b.0.total_cmp(&a.0))
                .then(a.1.iter().min().cmp(&b.1.iter().min()))
        });
        let stories = stories
            .into_iter()
            .enumerate()
            .map(|(k, (similarity, m))| Story {
                id: k + 1,
                label: self.label(&m, &vectors),
                similarity: round3(similarity),
                articles: self.cards(&m),
            })
            .collect();
        (stories, work)
    }

    /// The pairs of articles from different outlets whose TF-IDF similarity (after the date
    /// factor) clears the threshold, found through an inverted index: only articles sharing a
    /// term can be alike. Postings are walked for one article at a time, for later articles of
    /// other outlets only, never for terms in more than [`MAX_POSTINGS`] articles, and for each
    /// article only within [`WALK_BUDGET`]; the partial dot products go into an accumulator of
    /// the articles touched, so the work is the postings walked, not the number of articles.
    /// Of the candidates whose similarity may clear the threshold (the partial product plus a
    /// bound of what the terms not walked can add), the best [`MAX_CANDIDATES`] get their
    /// exact similarity. The work per article is bounded, so the grouping is linear in the
    /// corpus.
    fn term_pairs(&self, vectors: &[Vec<(u32, f32)>], work: &mut Work) -> Vec<(f64, usize, usize)> {
        let n = vectors.len();
        // Term -> (article, weight) in article order, each list allocated at its final length
        // (the term's document frequency: vectors keep the terms in two articles or more).
        let mut postings: Vec<Vec<(u32, f32)>> = self
            .vocab
            .terms
            .iter()
            .map(|t| Vec::with_capacity(if t.df < 2 { 0 } else { t.df as usize }))
            .collect();
        for (i, v) in vectors.iter().enumerate() {
            for &(t, w) in v {
                postings[t as usize].push((i as u32, w));
            }
        }
        let outlet: Vec<u32> = self.entries.iter().map(|e| e.outlet).collect();
        // The length of each vector's part in terms too common to walk: the accumulated
        // products miss at most the product of two such lengths (Cauchy-Schwarz), so a
        // candidate whose sum plus that bound stays under the threshold is no pair, and only
        // the others need their full dot product.
        let common: Vec<f32> = vectors
            .iter()
            .map(|v| {
                v.iter()
                    .filter(|(t, _)| postings[*t as usize].len() > MAX_POSTINGS)
                    .map(|(_, w)| w * w)
                    .sum::<f32>()
                    .sqrt()
            })
            .collect();
        // Per article, the length of its part in terms of postings at least 2^b long, for
        // each b: an upper bound of its part in any set of terms that long.
        let tails: Vec<[f32; TAIL_BUCKETS]> = vectors
            .iter()
            .map(|v| {
                let mut sq = [0f32; TAIL_BUCKETS];
                for &(t, w) in v {
                    sq[bucket(postings[t as usize].len())] += w * w;
                }
                for b in (0..TAIL_BUCKETS - 1).rev() {
                    sq[b] += sq[b + 1];
                }
                sq.map(f32::sqrt)
            })
            .collect();
        // Rounding of f32 sums is far below this.
        const SLACK: f32 = 1e-4;
        let threshold = self.options.threshold as f32;
        let mut pairs = Vec::new();
        let mut acc = vec![0f32; n];
        let mut touched: Vec<u32> = Vec::new();
        let mut by_length: Vec<(usize, usize)> = Vec::new();
        let mut walk: Vec<bool> = Vec::new();
        let mut candidates: Vec<(f32, u32)> = Vec::new();
        for (i, v) in vectors.iter().enumerate() {
            let own = outlet[i];
            // The postings this article walks: the shortest first, while their lengths add
            // up to no more than the budget. The terms left out are at least as common as the
            // first one left out (in the bucket `cut_bucket`); their length in this vector is
            // `skipped`.
            by_length.clear();
            by_length.extend(
                v.iter()
                    .enumerate()
                    .map(|(k, &(t, _))| (postings[t as usize].len(), k))
                    .filter(|&(len, _)| len <= MAX_POSTINGS),
            );
            walk.clear();
            walk.resize(v.len(), false);
            let mut spent = 0;
            let mut cut = None;
            by_length.sort_unstable();
            for &(len, k) in &by_length {
                spent += len;
                if spent > WALK_BUDGET {
                    cut = Some(bucket(len));
                    break;
                }
                walk[k] = true;
            }
            let (cut, cut_bucket) = (cut.is_some(), cut.unwrap_or(0));
            let skipped = if cut {
                v.iter()
                    .zip(&walk)
                    .filter(|(_, &w)| !w)
                    .map(|((_, w), _)| w * w)
                    .sum::<f32>()
                    .sqrt()
            } else {
                0.0
            };
            for (&(t, w), &walked) in v.iter().zip(&walk) {
                if !walked {
                    continue;
                }
                let list = &postings[t as usize];
                let later = &list[list.partition_point(|&(a, _)| a as usize <= i)..];
                work.0 += later.len() as u64;
                for &(j, wj) in later {
                    if own != NO_OUTLET && outlet[j as usize] == own {
                        continue;
                    }
                    let a = &mut acc[j as usize];
                    if *a == 0.0 {
                        touched.push(j);
                    }
                    *a += w * wj;
                }
            }
            // The candidates whose similarity may clear the threshold, the most similar by the
            // terms walked first; only the best few get their exact similarity.
            candidates.clear();
            for &j in &touched {
                let j = j as usize;
                let bound = if cut {
                    skipped * tails[j][cut_bucket]
                } else {
                    common[i] * common[j]
                };
                let date = self.date_factor(i, j) as f32;
                if (acc[j] + bound) * date + SLACK >= threshold {
                    candidates.push((acc[j] * date, j as u32));
                }
            }
            work.0 += touched.len() as u64;
            let order = |a: &(f32, u32), b: &(f32, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
            if candidates.len() > MAX_CANDIDATES {
                candidates.select_nth_unstable_by(MAX_CANDIDATES - 1, order);
                candidates.truncate(MAX_CANDIDATES);
            }
            for &(_, j) in &candidates {
                let j = j as usize;
                let dot_ij = if !cut && common[i] * common[j] == 0.0 {
                    acc[j]
                } else {
                    work.0 += (vectors[i].len() + vectors[j].len()) as u64;
                    dot(&vectors[i], &vectors[j])
                };
                let s = dot_ij as f64 * self.date_factor(i, j);
                if s >= self.options.threshold {
                    pairs.push((s, i, j));
                }
            }
            for &j in &touched {
                acc[j as usize] = 0.0;
            }
            touched.clear();
        }
        pairs
    }

    /// Up to four terms the members share, heaviest first; a word already inside a chosen
    /// name ("Huckabee" in "Mike Huckabee") is skipped.
    fn label(&self, members: &[usize], vectors: &[Vec<(u32, f32)>]) -> Vec<String> {
        let mut weight: BTreeMap<u32, (usize, f32)> = BTreeMap::new();
        for &m in members {
            for &(t, w) in &vectors[m] {
                let e = weight.entry(t).or_default();
                e.0 += 1;
                e.1 += w;
            }
        }
        let mut shared: Vec<(u32, f32)> = weight
            .into_iter()
            .filter(|(_, (c, _))| *c >= 2)
            .map(|(t, (_, w))| (t, w))
            .collect();
        shared.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut out: Vec<String> = Vec::new();
        for (t, _) in shared {
            let surface = &self.vocab.terms[t as usize].surface;
            let key = word_key(surface);
            if out.iter().any(|o| o.split(' ').any(|w| word_key(w) == key)) {
                continue;
            }
            out.retain(|o| !surface.split(' ').any(|w| word_key(w) == word_key(o)));
            out.push(surface.clone());
            if out.len() == 4 {
                break;
            }
        }
        out
    }

    /// The members' cards, each with what only it includes.
    fn cards(&self, members: &[usize]) -> Vec<StoryArticle> {
        let limit = self.options.facts_per_article;
        members
            .iter()
            .map(|&m| {
                let e = &self.entries[m];
                let others: Vec<&Entry> = members
                    .iter()
                    .filter(|&&o| o != m)
                    .map(|&o| &self.entries[o])
                    .collect();
                let mut only = OnlyHere::default();
                for (name, key) in &e.source_keys {
                    if only.sources.len() < limit
                        && !others
                            .iter()
                            .any(|o| o.source_keys.iter().any(|(_, k)| k == key))
                    {
                        only.sources.push(name.clone());
                    }
                }
                for f in &e.facts {
                    if others
                        .iter()
                        .any(|o| o.terms.binary_search_by_key(&f.term, |t| t.0).is_ok())
                    {
                        continue;
                    }
                    let list = if f.figure {
                        &mut only.figures
                    } else {
                        &mut only.names
                    };
                    if list.len() < limit && !only.sources.contains(&f.display) {
                        list.push(f.display.clone());
                    }
                }
                let mut card = e.card.clone();
                card.only_here = only;
                card
            })
            .collect()
    }
}

/// Posting lengths by powers of two: 2^b for b below this (the last also takes every longer).
const TAIL_BUCKETS: usize = 12;

/// The power of two at or below a posting length, as a bucket of [`TAIL_BUCKETS`].
fn bucket(len: usize) -> usize {
    (len.max(1).ilog2() as usize).min(TAIL_BUCKETS - 1)
}

/// The unit-length mean of unit vectors (all zeros for none).
fn mean_unit(vectors: &[Vec<f32>]) -> Vec<f32> {
    let dim = vectors.first().map_or(0, Vec::len);
    let mut m = vec![0f64; dim];
    for v in vectors {
        for (a, b) in m.iter_mut().zip(v) {
            *a += *b as f64;
        }
    }
    let norm = m.iter().map(|x| x * x).sum::<f64>().sqrt();
    m.iter()
        .map(|x| if norm > 0.0 { (x / norm) as f32 } else { 0.0 })
        .collect()
}

/// Dot product of two dense vectors (the cosine, for unit vectors).
fn unit_dot(a: &[f32], b: &[f32]) -> f64 {
    a.iter().zip(b).map(|(x, y)| *x as f64 * *y as f64).sum()
}

fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

/// A word of a text with its byte range and whether it opens a sentence or clause.
struct Token<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    initial: bool,
}

/// Words: letters and digits, with inner apostrophes and periods ("Obama's", "U.S", "2.5"),
/// commas inside figures ("1,200") and hyphens before a capital ("Wal-Mart").
fn tokens(text: &str) -> Vec<Token<'_>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut k = 0;
    let mut initial = true;
    while k < chars.len() {
        let (pos, c) = chars[k];
        if !c.is_alphanumeric() {
            if matches!(
                c,
                '.' | '!' | '?' | ':' | ';' | '"' | '\u{201c}' | '\u{2014}' | '(' | '\u{2018}'
            ) {
                initial = true;
            }
            k += 1;
            continue;
        }
        let start = pos;
        let mut end = pos + c.len_utf8();
        k += 1;
        while k < chars.len() {
            let (p, ch) = chars[k];
            let next = chars.get(k + 1).map_or(' ', |n| n.1);
            let joins = match ch {
                '.' | '\'' | '\u{2019}' => next.is_alphanumeric(),
                ',' => chars[k - 1].1.is_ascii_digit() && next.is_ascii_digit(),
                '-' => next.is_uppercase(),
                _ => false,
            };
            if ch.is_alphanumeric() || joins {
                end = p + ch.len_utf8();
                k += 1;
            } else {
                break;
            }
        }
        out.push(Token {
            text: &text[start..end],
            start,
            end,
            initial,
        });
        initial = false;
    }
    out
}

/// Words that say nothing about which event an article reports.
const STOPWORDS: &[&str] = &[
    "about",
    "above",
    "according",
    "across",
    "after",
    "again",
    "against",
    "ago",
    "all",
    "almost",
    "along",
    "already",
    "also",
    "although",
    "always",
    "am",
    "among",
    "an",
    "and",
    "another",
    "any",
    "anyone",
    "anything",
    "are",
    "around",
    "as",
    "asked",
    "at",
    "back",
    "be",
    "became",
    "because",
    "become",
    "been",
    "before",
    "began",
    "behind",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "came",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "done",
    "down",
    "during",
    "each",
    "early",
    "either",
    "else",
    "enough",
    "even",
    "ever",
    "every",
    "few",
    "first",
    "for",
    "former",
    "from",
    "further",
    "get",
    "gets",
    "getting",
    "give",
    "given",
    "go",
    "going",
    "gone",
    "got",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "including",
    "inside",
    "instead",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "last",
    "late",
    "later",
    "least",
    "less",
    "like",
    "likely",
    "made",
    "make",
    "makes",
    "making",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "mr",
    "mrs",
    "ms",
    "much",
    "must",
    "my",
    "near",
    "nearly",
    "need",
    "never",
    "new",
    "next",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "often",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "others",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "past",
    "per",
    "perhaps",
    "put",
    "rather",
    "really",
    "recent",
    "recently",
    "said",
    "same",
    "say",
    "saying",
    "says",
    "second",
    "see",
    "seen",
    "several",
    "she",
    "should",
    "since",
    "so",
    "some",
    "something",
    "soon",
    "still",
    "such",
    "take",
    "taken",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "thing",
    "things",
    "this",
    "those",
    "though",
    "three",
    "through",
    "thus",
    "to",
    "today",
    "told",
    "too",
    "took",
    "toward",
    "towards",
    "two",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "via",
    "want",
    "wanted",
    "wants",
    "was",
    "way",
    "we",
    "week",
    "well",
    "went",
    "were",
    "what",
    "whatever",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "year",
    "years",
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
];

/// Capitalised words that are not names: days, months, honorifics.
const NOT_NAMES: &[&str] = &[
    "april",
    "august",
    "december",
    "dr",
    "february",
    "friday",
    "january",
    "jr",
    "july",
    "june",
    "march",
    "monday",
    "mr",
    "mrs",
    "ms",
    "november",
    "october",
    "saturday",
    "september",
    "sunday",
    "thursday",
    "tuesday",
    "wednesday",
];

/// Words after a figure that belong to it.
const SCALES: &[&str] = &["billion", "million", "percent", "thousand", "trillion"];

fn is_stopword(lower: &str) -> bool {
    STOPWORDS.binary_search(&lower).is_ok()
}

/// Lower case, possessive dropped, regular plurals folded: the key of a word.
fn word_key(w: &str) -> String {
    let mut s = w.to_lowercase();
    for suffix in ["'s", "\u{2019}s"] {
        if let Some(stripped) = s.strip_suffix(suffix) {
            s = stripped.to_string();
        }
    }
    let n = s.chars().count();
    if n > 4 && s.ends_with("ies") {
        s.truncate(s.len() - 3);
        s.push('y');
    } else if n > 3
        && s.ends_with('s')
        && !s.ends_with("ss")
        && !s.ends_with("us")
        && !s.ends_with("is")
    {
        s.pop();
    }
    s
}

fn last_word(name: &str) -> &str {
    name.rsplit(' ').next().unwrap_or(name)
}

fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("\u{2019}s"))
        .unwrap_or(w)
}

/// The terms and fact candidates of one article, while it is read.
#[derive(Default)]
struct Bag {
    tf: HashMap<u32, f32>,
    facts: HashMap<String, Fact>,
    seen: u32,
}

impl Bag {
    fn add(&mut self, id: u32, weight: f32) {
        *self.tf.entry(id).or_insert(0.0) += weight;
    }

    fn fact(&mut self, display: String, term: u32, figure: bool) {
        self.seen += 1;
        let first = self.seen;
        self.facts
            .entry(display.to_lowercase())
            .or_insert(Fact {
                display,
                term,
                figure,
                count: 0,
                first,
            })
            .count += 1;
    }

    /// Add the words, names and figures of one piece of text. In a headline capitals say
    /// nothing (headlines are in title case), so it adds terms but no name evidence.
    fn scan(&mut self, vocab: &mut Vocabulary, text: &str, weight: f32, headline: bool) {
        let toks = tokens(text);
        let mut run: Vec<usize> = Vec::new();
        for (k, t) in toks.iter().enumerate() {
            let mut in_name = false;
            if t.text.chars().any(|c| c.is_ascii_digit()) {
                if let Some(key) = figure_key(t.text) {
                    let id = vocab.id(&key, Kind::Number, t.text, headline);
                    self.add(id, weight);
                    if !headline && !is_year(t.text, text, t.end) {
                        self.fact(figure_display(text, &toks, k), id, true);
                    }
                } else if t.text.chars().any(char::is_alphabetic) {
                    let id = vocab.id(&word_key(t.text), Kind::Word, t.text, headline);
                    self.add(id, weight);
                }
            } else {
                let lower = t.text.to_lowercase();
                let caps = is_capitalised(t.text);
                let len = t.text.chars().count();
                let short = len < 3 && !(len == 2 && t.text.chars().all(char::is_uppercase));
                if !is_stopword(&lower) && !short {
                    let key = word_key(t.text);
                    let id = vocab.id(&key, Kind::Word, t.text, headline);
                    self.add(id, weight);
                    let not_name = NOT_NAMES.binary_search(&key.as_str()).is_ok();
                    let dateline = len >= 6 && t.text.chars().all(|c| !c.is_lowercase());
                    in_name = !headline && caps && !not_name && !dateline;
                }
            }
            let joined = run
                .last()
                .is_some_and(|&p| text[toks[p].end..t.start].chars().all(|c| c == ' '));
            if !in_name || !joined {
                self.close_run(vocab, &toks, &run, weight);
                run.clear();
            }
            if in_name {
                run.push(k);
                // A possessive ends a name: "Obama's Justice Department" holds two.
                if strip_possessive(t.text).len() < t.text.len() {
                    self.close_run(vocab, &toks, &run, weight);
                    run.clear();
                }
            }
        }
        self.close_run(vocab, &toks, &run, weight);
    }

    /// A run of capitalised words: a name, unless it is one word that merely opens a sentence.
    fn close_run(&mut self, vocab: &mut Vocabulary, toks: &[Token], run: &[usize], weight: f32) {
        if run.is_empty() || (toks[run[0]].initial && run.len() < 2) {
            return;
        }
        let words: Vec<&str> = run
            .iter()
            .map(|&k| strip_possessive(toks[k].text))
            .collect();
        // A lone abbreviation or contraction ("U.S", "GOP", "I'm") is not a fact worth showing.
        let word = words[0];
        if words.len() == 1 && (word.chars().count() <= 3 || word.contains(['.', '\'', '\u{2019}']))
        {
            return;
        }
        let display = words.join(" ");
        if words.len() >= 2 {
            let id = vocab.id(
                &format!("~{}", display.to_lowercase()),
                Kind::Phrase,
                &display,
                false,
            );
            self.add(id, weight);
        }
        if let Some(id) = vocab.lookup(&word_key(words[words.len() - 1])) {
            self.fact(display, id, false);
        }
    }
}

/// The key of a figure ("#1200" for "1,200"), or none when it is not a plain number. Small
/// whole numbers say little about an event and are left out.
fn figure_key(w: &str) -> Option<String> {
    let plain: String = w.chars().filter(|&c| c != ',').collect();
    let value: f64 = plain.parse().ok()?;
    if value < 10.0 && !plain.contains('.') {
        return None;
    }
    Some(format!("#{plain}"))
}

fn is_year(w: &str, text: &str, end: usize) -> bool {
    w.len() == 4
        && (w.starts_with("19") || w.starts_with("20"))
        && w.chars().all(|c| c.is_ascii_digit())
        && !text[end..].starts_with('%')
}

/// "$2.5 billion", "17 percent", "1,200": the figure with its currency and scale.
fn figure_display(text: &str, toks: &[Token], k: usize) -> String {
    let t = &toks[k];
    let mut s = String::new();
    if text[..t.start].ends_with('$') {
        s.push('$');
    }
    s.push_str(t.text);
    if text[t.end..].starts_with('%') {
        s.push('%');
    } else if let Some(next) = toks.get(k + 1) {
        let lower = next.text.to_lowercase();
        if SCALES.contains(&lower.as_str()) && text[t.end..next.start].trim().is_empty() {
            s.push(' ');
            s.push_str(next.text);
        }
    }
    s
}

/// Days since 1970-01-01 of a date written `YYYY-MM-DD...`, or none.
fn day_number(date: &str) -> Option<i64> {
    let b = date.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i64 = date.get(0..4)?.parse().ok()?;
    let m: i64 = date.get(5..7)?.parse().ok()?;
    let d: i64 = date.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // days_from_civil (H. Hinnant).
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use slant_ingest::model::ScoredSentence;

    /// A scored article with the given sentences, all in the author's voice and unflagged.
    pub(crate) fn article(
        outlet: &str,
        id: &str,
        title: &str,
        text: &[&str],
        date: Option<&str>,
    ) -> ScoredArticle {
        let mut a = ScoredArticle::empty(id, &format!("{outlet}/{id}.txt"));
        a.outlet = Some(outlet.into());
        a.title = Some(title.into());
        a.date = date.map(str::to_string);
        a.sentences = text
            .iter()
            .enumerate()
            .map(|(i, t)| ScoredSentence::plain(i, 0, t))
            .collect();
        a.summary.sentences = text.len();
        a.summary.author_sentences = text.len();
        a
    }

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        use crate::analysis::sources::is_sorted_set;
        assert!(is_sorted_set(STOPWORDS) && is_sorted_set(NOT_NAMES));
    }

    #[test]
    fn tokens_keys_and_dates() {
        let t: Vec<&str> = tokens("U.S. spent $1,200.50 on Obama's Wal-Mart plan, 17%, well-paid.")
            .iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(
            t,
            [
                "U.S", "spent", "1,200.50", "on", "Obama's", "Wal-Mart", "plan", "17", "well",
                "paid"
            ]
        );
        assert_eq!(word_key("Obama's"), "obama");
        assert_eq!(word_key("parties"), "party");
        assert_eq!(word_key("investigators"), "investigator");
        assert_eq!(day_number("1970-01-02"), Some(1));
        assert_eq!(day_number("2011-03-01T10:00"), Some(15034));
        assert_eq!(day_number("March 2011"), None);
    }

    #[test]
    fn groups_same_event_across_outlets_and_not_within_one() {
        let mut idx = StoryIndex::new(StoryOptions::default());
        let port = [
            "Dock workers in Velmora walked out on Monday over pay, halting the Velmora port.",
            "The Harbour Union said 1,200 members joined the strike led by Anna Korvel.",
        ];
        let port2 = [
            "The strike at the Velmora port entered its second day as the Harbour Union held firm.",
            "Anna Korvel said the union wanted a raise of 12 percent.",
        ];
        let bridge = [
            "The Larkfield council voted to fund the bridge repairs on Tuesday.",
            "Mayor Tomas Reyd said the Larkfield bridge would reopen in May.",
        ];
        let bridge2 = [
            "Larkfield approved money for its crumbling bridge.",
            "Tomas Reyd, the mayor, welcomed the council vote on the bridge.",
        ];
        idx.add(&article("a", "a1", "Port strike", &port, None));
        idx.add(&article("b", "b1", "Velmora strike", &port2, None));
        idx.add(&article("a", "a2", "Bridge vote", &bridge, None));
        idx.add(&article("b", "b2", "Bridge money", &bridge2, None));
        idx.add(&article(
            "a",
            "a3",
            "Velmora port strike goes on",
            &port2,
            None,
        ));
        let stories = idx.stories();
        let groups: Vec<Vec<&str>> = stories
            .iter()
            .map(|s| s.articles.iter().map(|a| a.id.as_str()).collect())
            .collect();
        assert_eq!(groups.len(), 2, "{groups:?}");
        assert!(
            groups.iter().all(|g| g.len() == 2),
            "at most one article per outlet: {groups:?}"
        );
        assert!(groups.contains(&vec!["a2", "b2"]), "{groups:?}");

        // What only one article of a story includes.
        let mut idx = StoryIndex::new(StoryOptions::default());
        idx.add(&article("a", "a1", "Port strike", &port, None));
        idx.add(&article("b", "b1", "Velmora strike", &port2, None));
        let story = &idx.stories()[0];
        assert_eq!(story.articles[0].only_here.figures, ["1,200"]);
        assert_eq!(story.articles[1].only_here.figures, ["12 percent"]);
        assert!(story
            .articles
            .iter()
            .all(|a| !a.only_here.names.contains(&"Anna Korvel".to_string())));
    }

    #[test]
    fn embeddings_join_articles_that_share_meaning_not_words() {
        // The same event in different words (no rare term in common), and an unrelated one.
        let a = ["Dock workers in Velmora walked out over pay."];
        let b = ["Harbour staff at the coastal city stopped work, demanding raises."];
        let c = ["The council approved money for bridge repairs."];
        let mut idx = StoryIndex::new(StoryOptions::embedding());
        idx.add(&article("x", "a", "Port strike", &a, None));
        idx.add(&article("y", "b", "Stoppage at the harbour", &b, None));
        idx.add(&article("z", "c", "Bridge vote", &c, None));
        // Headline and lead, article by article.
        assert_eq!(
            idx.lead_texts(),
            [
                vec!["Port strike".to_string(), a[0].to_string()],
                vec!["Stoppage at the harbour".to_string(), b[0].to_string()],
                vec!["Bridge vote".to_string(), c[0].to_string()],
            ]
        );
        assert!(!idx.has_embeddings());
        assert!(idx.set_embeddings(&[vec![1.0, 0.0]]).is_err());
        // Stand-in vectors: the two strike texts point the same way, the bridge elsewhere.
        let strike = vec![0.6f32, 0.8, 0.0];
        let bridge = vec![0.0f32, 0.0, 1.0];
        idx.set_embeddings(&[
            strike.clone(),
            strike.clone(),
            strike.clone(),
            strike,
            bridge.clone(),
            bridge,
        ])
        .unwrap();
        assert!(idx.has_embeddings());
        let stories = idx.stories();
        assert_eq!(stories.len(), 1, "{stories:?}");
        let ids: Vec<&str> = stories[0].articles.iter().map(|x| x.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        // Without the embeddings, the words alone do not join them.
        let mut idx = StoryIndex::new(StoryOptions::default());
        for (id, o, t, text) in [
            ("a", "x", "Port strike", &a),
            ("b", "y", "Stoppage at the harbour", &b),
        ] {
            idx.add(&article(o, id, t, text, None));
        }
        assert!(idx.stories().is_empty());
    }

    #[test]
    fn distant_dates_weaken_a_match() {
        let text = ["Dock workers in Velmora walked out over pay, halting the Velmora port."];
        let mut idx = StoryIndex::new(StoryOptions::default());
        idx.add(&article(
            "a",
            "a1",
            "Port strike",
            &text,
            Some("2025-01-06"),
        ));
        idx.add(&article(
            "b",
            "b1",
            "Port strike",
            &text,
            Some("2025-01-08"),
        ));
        idx.add(&article(
            "c",
            "c1",
            "Port strike",
            &text,
            Some("2025-09-30"),
        ));
        assert_eq!(idx.date_factor(0, 1), 1.0);
        assert!(idx.date_factor(0, 2) < 0.1);
    }

    /// `n` tiny articles from 4 outlets: each event (a place and a person, both made-up
    /// names) is told by 3 outlets in words drawn from a small vocabulary, so every common word
    /// is in a large share of the articles, as at scale.
    fn tiny_corpus(n: usize) -> StoryIndex {
        let mut rng = crate::analysis::stats::SplitMix64::new(42);
        const WORDS: [&str; 40] = [
            "council",
            "budget",
            "vote",
            "strike",
            "port",
            "bridge",
            "election",
            "court",
            "police",
            "school",
            "hospital",
            "market",
            "energy",
            "water",
            "housing",
            "tax",
            "transport",
            "union",
            "farm",
            "border",
            "trade",
            "storm",
            "flood",
            "fire",
            "health",
            "museum",
            "airport",
            "railway",
            "factory",
            "festival",
            "prison",
            "harbour",
            "mayor",
            "minister",
            "judge",
            "teacher",
            "nurse",
            "driver",
            "worker",
            "farmer",
        ];
        let name = |k: usize, kind: &str| {
            format!("{kind}{}", ["a", "e", "o", "u", "y"][k % 5])
                + &format!("{:x}", k * 7919 % 65_521)
        };
        let mut idx = StoryIndex::new(StoryOptions::default());
        for i in 0..n {
            let event = i / 3;
            let place = name(event, "Vel");
            let person = name(event, "Kor").to_uppercase();
            let mut words: Vec<&str> = (0..8).map(|_| WORDS[rng.below(WORDS.len())]).collect();
            words.sort_unstable();
            let text = format!(
                "In {place} the {} {} {} {} met {person} Anna.",
                words[0], words[1], words[2], words[3]
            );
            let more = format!(
                "{person} Anna said the {} {} would {}.",
                words[4], words[5], words[6]
            );
            let outlet = ["w", "x", "y", "z"][(i + event) % 4];
            let title = format!("{} in {place}", words[7]);
            idx.add(&article(
                outlet,
                &format!("{outlet}{i}"),
                &title,
                &[&text, &more],
                None,
            ));
        }
        idx
    }

    /// `copies` copies of `events` events, each told by 3 outlets in nearly the same words
    /// (each article leaves out a third of its event's 90 words), the copies dated years
    /// apart and numbered in their headlines: the corpus of `scripts/bench --scale` in
    /// miniature, where every term of an article is in hundreds of others, so no posting is
    /// too common to walk.
    fn copies_corpus(events: usize, copies: usize) -> StoryIndex {
        let mut idx = StoryIndex::new(StoryOptions::default());
        for c in 0..copies {
            for e in 0..events {
                for (k, outlet) in ["x", "y", "z"].into_iter().enumerate() {
                    let words: Vec<String> = (0..90)
                        .filter(|w| w % 3 != k)
                        .map(|w| format!("w{e}x{w}"))
                        .collect();
                    let text: Vec<String> = words.chunks(10).map(|s| s.join(" ") + ".").collect();
                    let text: Vec<&str> = text.iter().map(String::as_str).collect();
                    let date = format!("{:04}-01-01", 1700 + c);
                    let title = format!("Event {e} ({})", c + 10);
                    let id = format!("{outlet}{e}-{c}");
                    idx.add(&article(outlet, &id, &title, &text, Some(&date)));
                }
            }
        }
        idx
    }

    #[test]
    fn grouping_near_duplicates_grows_about_linearly() {
        // Before the walk budget, each article walked every posting of its terms (all under
        // MAX_POSTINGS long), which grow with the copies: twice the corpus took 4x the work.
        let (events, copies) = (4, 200);
        let (stories_small, small) = copies_corpus(events, copies).group();
        let (stories_large, large) = copies_corpus(events, 2 * copies).group();
        let ratio = large.0 as f64 / small.0 as f64;
        eprintln!(
            "grouping work on near-duplicates: {} at {}, {} at {} articles ({ratio:.2}x)",
            small.0,
            3 * events * copies,
            large.0,
            6 * events * copies
        );
        assert!(
            (1.5..2.6).contains(&ratio),
            "work {} -> {}: ratio {ratio:.2}",
            small.0,
            large.0
        );
        // Every copy of an event is still one story of its 3 outlets.
        for (stories, n) in [(stories_small, copies), (stories_large, 2 * copies)] {
            let whole = stories.iter().filter(|s| s.articles.len() == 3).count();
            assert_eq!(whole, events * n, "{} stories", stories.len());
        }
    }

    #[test]
    fn grouping_grows_about_linearly_with_the_corpus() {
        // Work, not time: postings walked, similarities computed and merges tried, which is
        // what the time follows on any machine. Quadratic grouping would give a ratio of 4.
        let (stories_small, small) = tiny_corpus(50_000).group();
        let (stories_large, large) = tiny_corpus(100_000).group();
        let ratio = large.0 as f64 / small.0 as f64;
        eprintln!(
            "grouping work: {} at 50k, {} at 100k articles ({ratio:.2}x)",
            small.0, large.0
        );
        assert!(
            (1.5..2.6).contains(&ratio),
            "work {} -> {}: ratio {ratio:.2}",
            small.0,
            large.0
        );
        // And it still finds the events: most of them as stories of 2 or 3 outlets.
        for (stories, n) in [(stories_small, 50_000), (stories_large, 100_000)] {
            assert!(
                stories.len() * 3 > n / 3 * 2,
                "{} stories of {n}",
                stories.len()
            );
        }
    }
}
