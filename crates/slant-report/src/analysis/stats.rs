//! Corpus statistics shared by reports and outlet comparisons: a compact per-article summary
//! (so aggregates never hold article texts) and rates with seeded bootstrap intervals.

use serde::Serialize;
use slant_ingest::model::{AttributionKind, ScoredArticle, Voice};
use std::collections::BTreeMap;

/// One scored article reduced to counts (no text), for an aggregate to add up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleSummary {
    pub sentences: usize,
    /// Sentences in the outlet's own voice (author or mixed): the denominator of the rates.
    pub author_sentences: usize,
    pub loaded_flagged: usize,
    pub unattributed_flagged: usize,
    /// Bytes of text inside quotations / all bytes of sentence text.
    pub quoted_share: f64,
    /// Attribution kind -> sentences.
    pub attribution: BTreeMap<String, usize>,
    /// Evidence category -> occurrences in the outlet's own voice.
    pub categories: BTreeMap<String, usize>,
    /// Loaded lexicon entry -> occurrences in the outlet's own voice.
    pub loaded_terms: BTreeMap<String, usize>,
    /// Named source -> sentences attributed to it.
    pub named_sources: BTreeMap<String, usize>,
    /// Naming set -> term -> count.
    pub naming: BTreeMap<String, BTreeMap<String, usize>>,
    /// Relative positions (0..1, by sentence index) of flagged sentences.
    pub flag_positions: Vec<f64>,
}

impl ArticleSummary {
    pub fn from_article(a: &ScoredArticle) -> ArticleSummary {
        let mut attribution = BTreeMap::new();
        let mut categories = BTreeMap::new();
        let mut loaded_terms = BTreeMap::new();
        let mut named_sources = BTreeMap::new();
        let mut author_sentences = 0;
        let mut loaded_flagged = 0;
        let mut unattributed_flagged = 0;
        let mut flag_positions = Vec::new();
        let n = a.sentences.len().max(1);
        let mut total_bytes = 0;
        for s in &a.sentences {
            total_bytes += s.end - s.start;
            *attribution
                .entry(s.attribution.kind.as_str().to_string())
                .or_insert(0) += 1;
            if s.attribution.kind == AttributionKind::Named {
                if let Some(src) = &s.attribution.source {
                    *named_sources.entry(src.clone()).or_insert(0) += 1;
                }
            }
            if s.voice != Voice::Quoted {
                author_sentences += 1;
                if s.loaded.flagged {
                    loaded_flagged += 1;
                }
                if s.unattributed.flagged {
                    unattributed_flagged += 1;
                }
                if s.loaded.flagged || s.unattributed.flagged {
                    flag_positions.push(crate::analysis::stats::round3(s.index as f64 / n as f64));
                }
            }
            for e in s
                .loaded
                .evidence
                .iter()
                .chain(&s.unattributed.evidence)
                .filter(|e| !e.quoted)
            {
                *categories.entry(e.category.to_string()).or_insert(0) += 1;
            }
            for e in s
                .loaded
                .evidence
                .iter()
                .filter(|e| !e.quoted && e.weight > 0.0)
            {
                let term = e.entry.clone().unwrap_or_else(|| e.text.to_lowercase());
                if e.rule != "LL002" {
                    *loaded_terms.entry(term).or_insert(0) += 1;
                }
            }
        }
        let quoted_bytes: usize = a.quotes.iter().map(|q| q.end.saturating_sub(q.start)).sum();
        let naming = a
            .summary
            .naming
            .iter()
            .map(|n| (n.set.clone(), n.terms.clone()))
            .collect();
        ArticleSummary {
            sentences: a.sentences.len(),
            author_sentences,
            loaded_flagged,
            unattributed_flagged,
            quoted_share: if total_bytes == 0 {
                0.0
            } else {
                round3((quoted_bytes as f64 / total_bytes as f64).min(1.0))
            },
            attribution,
            categories,
            loaded_terms,
            named_sources,
            naming,
            flag_positions,
        }
    }
}

/// Add `from` into `into`, allocating a key only the first time it is seen.
pub fn add_counts(into: &mut BTreeMap<String, usize>, from: &BTreeMap<String, usize>) {
    for (k, n) in from {
        match into.get_mut(k) {
            Some(v) => *v += n,
            None => {
                into.insert(k.clone(), *n);
            }
        }
    }
}

/// A rate per 100 author-voice sentences with a 95% bootstrap interval over articles.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rate {
    pub rate: f64,
    pub low: f64,
    pub high: f64,
    /// Flagged sentences and author-voice sentences behind the rate.
    pub flagged: usize,
    pub sentences: usize,
}

impl Rate {
    /// True when the two intervals do not overlap.
    pub fn separates_from(&self, other: &Rate) -> bool {
        self.low > other.high || other.low > self.high
    }
}

/// A small, seeded, portable random generator (SplitMix64), so intervals are the same on
/// every machine and every run.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }
}

/// Default bootstrap settings.
pub const BOOTSTRAP_ITERATIONS: usize = 2000;
pub const BOOTSTRAP_SEED: u64 = 0x5EED_51A7;

/// Rate per 100 sentences of `(flagged, sentences)` pairs, one per article, with a 95%
/// percentile bootstrap interval that resamples articles (the unit that was sampled), seeded.
pub fn bootstrap_rate(articles: &[(usize, usize)], iterations: usize, seed: u64) -> Rate {
    let flagged: usize = articles.iter().map(|a| a.0).sum();
    let sentences: usize = articles.iter().map(|a| a.1).sum();
    let rate = if sentences == 0 {
        0.0
    } else {
        100.0 * flagged as f64 / sentences as f64
    };
    if articles.is_empty() || iterations == 0 {
        return Rate {
            rate: round3(rate),
            low: round3(rate),
            high: round3(rate),
            flagged,
            sentences,
        };
    }
    let mut rng = SplitMix64::new(seed);
    let mut draws = Vec::with_capacity(iterations);
    for _ in 0..iterations {
        let (mut f, mut s) = (0usize, 0usize);
        for _ in 0..articles.len() {
            let a = articles[rng.below(articles.len())];
            f += a.0;
            s += a.1;
        }
        draws.push(if s == 0 {
            0.0
        } else {
            100.0 * f as f64 / s as f64
        });
    }
    draws.sort_by(f64::total_cmp);
    let pick =
        |q: f64| draws[((q * (draws.len() - 1) as f64).round() as usize).min(draws.len() - 1)];
    Rate {
        rate: round3(rate),
        low: round3(pick(0.025)),
        high: round3(pick(0.975)),
        flagged,
        sentences,
    }
}

pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bootstrap_is_seeded_and_covers_the_rate() {
        let arts: Vec<(usize, usize)> = (0..50).map(|i| (i % 4, 10)).collect();
        let a = bootstrap_rate(&arts, 1000, 7);
        let b = bootstrap_rate(&arts, 1000, 7);
        assert_eq!(a, b);
        assert!(a.low <= a.rate && a.rate <= a.high);
        assert!(a.high - a.low > 1.0);
        assert_eq!((a.flagged, a.sentences), (73, 500));
    }
}
