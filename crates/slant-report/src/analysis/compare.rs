//! Outlets side by side: the per-outlet aggregation behind `slant compare`.
//!
//! A [`Comparison`] takes records as they stream past and keeps, per article, only the counts
//! of an [`ArticleSummary`] and the compact entry the story grouping needs
//! ([`StoryIndex`]). [`Comparison::finish`] turns them into a [`CompareReport`]: per group (an
//! outlet, or a date or another article field with `--by`) the loaded and unattributed rates
//! per 100 author-voice sentences with seeded 95% bootstrap intervals over articles, the mix of
//! attribution kinds, the share of quoted text, the most frequent loaded terms and named
//! sources; the differences whose intervals separate, in words; the naming sets each group
//! uses; and the stories several outlets cover. A [`CompareReport`] is what every output
//! format renders (`crate::render`: terminal, Markdown, HTML, CSV, JSON); its JSON form is the
//! stable machine contract (`slant-compare/1`, documented in the README).
//!
//! ```
//! use slant_report::analysis::compare::{CompareOptions, Comparison};
//!
//! let report = Comparison::new(CompareOptions::default()).finish();
//! assert!(report.outlets.is_empty() && report.stories == Some(vec![]));
//! ```

use crate::analysis::sources::{top_counts, SourceTally};
use crate::analysis::stats::{
    add_counts, bootstrap_rate, round3, ArticleSummary, Rate, BOOTSTRAP_ITERATIONS, BOOTSTRAP_SEED,
};
use crate::analysis::stories::{Story, StoryIndex, StoryMethod, StoryOptions};
use serde::Serialize;
use slant_ingest::model::{AttributionKind, Record, ScoredArticle};
use std::collections::BTreeMap;

pub use crate::analysis::sources::SourceCount;

/// The schema tag of the comparison JSON.
pub const COMPARE_SCHEMA: &str = "slant-compare/1";

/// What articles are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    Outlet,
    Date,
    /// The first seven characters of the date (`YYYY-MM`).
    Month,
    /// The first four characters of the date.
    Year,
    Title,
    Url,
    Id,
    Path,
}

impl GroupBy {
    pub const NAMES: &'static [&'static str] = &[
        "outlet", "date", "month", "year", "title", "url", "id", "path",
    ];

    pub fn parse(s: &str) -> Option<GroupBy> {
        Some(match s.to_ascii_lowercase().as_str() {
            "outlet" | "source" => GroupBy::Outlet,
            "date" | "day" => GroupBy::Date,
            "month" => GroupBy::Month,
            "year" => GroupBy::Year,
            "title" => GroupBy::Title,
            "url" => GroupBy::Url,
            "id" => GroupBy::Id,
            "path" => GroupBy::Path,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            GroupBy::Outlet => "outlet",
            GroupBy::Date => "date",
            GroupBy::Month => "month",
            GroupBy::Year => "year",
            GroupBy::Title => "title",
            GroupBy::Url => "url",
            GroupBy::Id => "id",
            GroupBy::Path => "path",
        }
    }

    fn key(self, a: &ScoredArticle) -> String {
        let prefix = |d: &Option<String>, n: usize| {
            d.as_ref().map(|d| d.chars().take(n).collect::<String>())
        };
        let value = match self {
            GroupBy::Outlet => a.outlet.clone(),
            GroupBy::Date => prefix(&a.date, 10),
            GroupBy::Month => prefix(&a.date, 7),
            GroupBy::Year => prefix(&a.date, 4),
            GroupBy::Title => a.title.clone(),
            GroupBy::Url => a.url.clone(),
            GroupBy::Id => Some(a.id.clone()),
            GroupBy::Path => Some(a.path.clone()),
        };
        match value {
            Some(v) if !v.trim().is_empty() => v,
            _ => format!("(no {})", self.as_str()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CompareOptions {
    pub by: GroupBy,
    pub iterations: usize,
    pub seed: u64,
    /// Loaded terms and sources listed per group.
    pub top: usize,
    /// Group the articles into stories. Off, nothing of an article is kept for them and the
    /// report has none ([`CompareReport::stories`] is `None`).
    pub group_stories: bool,
    pub stories: StoryOptions,
}

impl Default for CompareOptions {
    fn default() -> Self {
        CompareOptions {
            by: GroupBy::Outlet,
            iterations: BOOTSTRAP_ITERATIONS,
            seed: BOOTSTRAP_SEED,
            top: 8,
            group_stories: true,
            stories: StoryOptions::default(),
        }
    }
}

/// Sentences of one attribution kind.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct KindShare {
    pub sentences: usize,
    /// Of all sentences of the group.
    pub share: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TermCount {
    pub term: String,
    pub count: usize,
}

/// One group (an outlet, unless `--by` says otherwise).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutletStats {
    pub name: String,
    pub articles: usize,
    pub sentences: usize,
    pub author_sentences: usize,
    /// Loaded-flagged author-voice sentences per 100 author-voice sentences.
    pub loaded: Rate,
    /// Unattributed-flagged author-voice sentences per 100 author-voice sentences.
    pub unattributed: Rate,
    /// Attribution kind -> sentences and share, every kind listed.
    pub attribution: BTreeMap<String, KindShare>,
    /// Bytes inside quotations / bytes of sentence text.
    pub quoted_share: f64,
    pub loaded_terms: Vec<TermCount>,
    pub sources: Vec<SourceCount>,
    /// Evidence category -> occurrences in the outlet's own voice.
    pub categories: BTreeMap<String, usize>,
}

/// Which measure a difference is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    Loaded,
    Unattributed,
}

impl Measure {
    fn verb(self) -> &'static str {
        match self {
            Measure::Loaded => "uses loaded language",
            Measure::Unattributed => "makes unattributed claims",
        }
    }
}

/// Two groups whose intervals do not overlap, in numbers and in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Difference {
    pub measure: Measure,
    pub higher: String,
    pub lower: String,
    pub higher_rate: Rate,
    pub lower_rate: Rate,
    pub text: String,
}

/// One term of a naming set and how often each group uses it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NamingTerm {
    pub term: String,
    pub total: usize,
    pub outlets: BTreeMap<String, usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NamingSet {
    pub set: String,
    pub terms: Vec<NamingTerm>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BootstrapInfo {
    pub iterations: usize,
    pub seed: u64,
    pub confidence: f64,
}

/// The comparison: what every output format renders. Its JSON is `slant-compare/1`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompareReport {
    pub schema: &'static str,
    pub by: &'static str,
    pub articles: usize,
    pub failures: usize,
    pub bootstrap: BootstrapInfo,
    pub outlets: Vec<OutletStats>,
    pub differences: Vec<Difference>,
    pub naming: Vec<NamingSet>,
    /// How the stories were grouped: `terms` (TF-IDF, no model) or `embedding`.
    pub story_method: StoryMethod,
    /// The stories two or more outlets cover; `None` when they were not asked for
    /// ([`CompareOptions::group_stories`]), and then left out of the JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stories: Option<Vec<Story>>,
}

#[derive(Debug, Default)]
struct Group {
    articles: usize,
    sentences: usize,
    /// (loaded flagged, unattributed flagged, author-voice sentences) per article, for the
    /// bootstrap: the only per-article state of a comparison without stories.
    flags: Vec<[u32; 3]>,
    attribution: BTreeMap<String, usize>,
    quoted_bytes: f64,
    text_bytes: f64,
    loaded_terms: BTreeMap<String, usize>,
    categories: BTreeMap<String, usize>,
    sources: SourceTally,
}

/// Streams records in, a [`CompareReport`] out.
#[derive(Debug)]
pub struct Comparison {
    options: CompareOptions,
    groups: BTreeMap<String, Group>,
    /// Set -> term -> group -> count.
    naming: BTreeMap<String, BTreeMap<String, BTreeMap<String, usize>>>,
    index: StoryIndex,
    articles: usize,
    failures: usize,
}

impl Comparison {
    pub fn new(options: CompareOptions) -> Comparison {
        Comparison {
            options,
            groups: BTreeMap::new(),
            naming: BTreeMap::new(),
            index: StoryIndex::new(options.stories),
            articles: 0,
            failures: 0,
        }
    }

    pub fn add(&mut self, record: &Record) {
        match record {
            Record::Error(_) => self.failures += 1,
            Record::Article(a) => self.add_article(a),
        }
    }

    /// With [`StoryMethod::Embedding`]: the texts to embed for the story grouping, article
    /// by article (see [`StoryIndex::lead_texts`]).
    pub fn story_texts(&self) -> &[Vec<String>] {
        self.index.lead_texts()
    }

    /// The embeddings of [`story_texts`](Self::story_texts), flattened in order.
    pub fn set_story_embeddings(&mut self, flat: &[Vec<f32>]) -> Result<(), String> {
        self.index.set_embeddings(flat)
    }

    pub fn add_article(&mut self, a: &ScoredArticle) {
        self.articles += 1;
        let s = ArticleSummary::from_article(a);
        let key = self.options.by.key(a);
        let g = self.groups.entry(key.clone()).or_default();
        g.articles += 1;
        g.sentences += s.sentences;
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        g.flags
            .push([s.loaded_flagged, s.unattributed_flagged, s.author_sentences].map(count));
        add_counts(&mut g.attribution, &s.attribution);
        add_counts(&mut g.loaded_terms, &s.loaded_terms);
        add_counts(&mut g.categories, &s.categories);
        for (src, n) in &s.named_sources {
            g.sources.add(src, *n);
        }
        let bytes: usize = a
            .sentences
            .iter()
            .map(|x| x.end.saturating_sub(x.start))
            .sum();
        g.text_bytes += bytes as f64;
        g.quoted_bytes += s.quoted_share * bytes as f64;
        for (set, terms) in &s.naming {
            for (term, n) in terms {
                *self
                    .naming
                    .entry(set.clone())
                    .or_default()
                    .entry(term.clone())
                    .or_default()
                    .entry(key.clone())
                    .or_default() += n;
            }
        }
        if self.options.group_stories {
            self.index.add(a);
        }
    }

    pub fn finish(self) -> CompareReport {
        let o = self.options;
        let outlets: Vec<OutletStats> = self
            .groups
            .into_iter()
            .map(|(name, g)| {
                let pairs = |k: usize| -> Vec<(usize, usize)> {
                    g.flags
                        .iter()
                        .map(|f| (f[k] as usize, f[2] as usize))
                        .collect()
                };
                let mut attribution = BTreeMap::new();
                for kind in AttributionKind::ALL {
                    let n = g.attribution.get(kind.as_str()).copied().unwrap_or(0);
                    let share = if g.sentences == 0 {
                        0.0
                    } else {
                        round3(n as f64 / g.sentences as f64)
                    };
                    attribution.insert(
                        kind.as_str().to_string(),
                        KindShare {
                            sentences: n,
                            share,
                        },
                    );
                }
                OutletStats {
                    name,
                    articles: g.articles,
                    sentences: g.sentences,
                    author_sentences: g.flags.iter().map(|f| f[2] as usize).sum(),
                    loaded: bootstrap_rate(&pairs(0), o.iterations, o.seed),
                    unattributed: bootstrap_rate(&pairs(1), o.iterations, o.seed),
                    attribution,
                    quoted_share: if g.text_bytes == 0.0 {
                        0.0
                    } else {
                        round3(g.quoted_bytes / g.text_bytes)
                    },
                    loaded_terms: top_counts(&g.loaded_terms, o.top)
                        .into_iter()
                        .map(|(term, count)| TermCount { term, count })
                        .collect(),
                    sources: g
                        .sources
                        .top(o.top)
                        .into_iter()
                        .map(|(source, sentences)| SourceCount { source, sentences })
                        .collect(),
                    categories: g.categories,
                }
            })
            .collect();
        let differences = differences(&outlets, o.by);
        let naming = self
            .naming
            .into_iter()
            .map(|(set, terms)| NamingSet {
                set,
                terms: terms
                    .into_iter()
                    .map(|(term, outlets)| NamingTerm {
                        term,
                        total: outlets.values().sum(),
                        outlets,
                    })
                    .collect(),
            })
            .collect();
        CompareReport {
            schema: COMPARE_SCHEMA,
            by: o.by.as_str(),
            articles: self.articles,
            failures: self.failures,
            bootstrap: BootstrapInfo {
                iterations: o.iterations,
                seed: o.seed,
                confidence: 0.95,
            },
            outlets,
            differences,
            naming,
            story_method: if self.index.has_embeddings() {
                StoryMethod::Embedding
            } else {
                StoryMethod::Terms
            },
            stories: o.group_stories.then(|| self.index.stories()),
        }
    }
}

impl CompareReport {
    /// "3 input(s) failed", when any did.
    pub fn failed_inputs(&self) -> Option<String> {
        (self.failures > 0).then(|| format!("{} input(s) failed", self.failures))
    }

    /// The stories, none when they were not grouped.
    pub fn story_list(&self) -> &[Story] {
        self.stories.as_deref().unwrap_or_default()
    }
}

/// "12.1 [9.0-15.2]"
pub fn format_rate(r: &Rate) -> String {
    format!("{:.1} [{:.1}-{:.1}]", r.rate, r.low, r.high)
}

/// Every pair of groups whose intervals separate, per measure, widest gap first.
fn differences(outlets: &[OutletStats], by: GroupBy) -> Vec<Difference> {
    let name = |n: &str| {
        if by == GroupBy::Outlet {
            n.to_string()
        } else {
            format!("{} {n}", by.as_str())
        }
    };
    let mut out = Vec::new();
    for measure in [Measure::Loaded, Measure::Unattributed] {
        let rate = |o: &OutletStats| match measure {
            Measure::Loaded => o.loaded,
            Measure::Unattributed => o.unattributed,
        };
        let mut found = Vec::new();
        for (i, a) in outlets.iter().enumerate() {
            for b in &outlets[i + 1..] {
                let (ra, rb) = (rate(a), rate(b));
                if ra.sentences == 0 || rb.sentences == 0 || !ra.separates_from(&rb) {
                    continue;
                }
                let (hi, lo) = if ra.rate > rb.rate { (a, b) } else { (b, a) };
                let (rh, rl) = (rate(hi), rate(lo));
                let text = format!(
                    "{} {} more often than {}: {} vs {} per 100 sentences",
                    name(&hi.name),
                    measure.verb(),
                    name(&lo.name),
                    format_rate(&rh),
                    format_rate(&rl)
                );
                let d = Difference {
                    measure,
                    higher: hi.name.clone(),
                    lower: lo.name.clone(),
                    higher_rate: rh,
                    lower_rate: rl,
                    text,
                };
                found.push((rh.low - rl.high, d));
            }
        }
        found.sort_by(|x, y| {
            y.0.total_cmp(&x.0)
                .then_with(|| x.1.higher.cmp(&y.1.higher))
                .then_with(|| x.1.lower.cmp(&y.1.lower))
        });
        out.extend(found.into_iter().map(|f| f.1));
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::analysis::stats::SplitMix64;
    use crate::analysis::stories::tests::article;

    /// A synthetic outlet: `articles` articles of 10 to 39 author-voice sentences, each
    /// sentence flagged loaded with probability `p` (a seeded Bernoulli draw).
    fn synthetic(
        outlet: &str,
        p: f64,
        articles: usize,
        rng: &mut SplitMix64,
    ) -> Vec<ScoredArticle> {
        (0..articles)
            .map(|i| {
                let n = 10 + rng.below(30);
                let text: Vec<String> = (0..n)
                    .map(|k| format!("Sentence {k} of article {i}."))
                    .collect();
                let refs: Vec<&str> = text.iter().map(String::as_str).collect();
                let mut a = article(outlet, &format!("{outlet}-{i}"), "t", &refs, None);
                for s in &mut a.sentences {
                    let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
                    s.loaded.flagged = u < p;
                    s.loaded.score = if s.loaded.flagged { 0.6 } else { 0.0 };
                }
                a
            })
            .collect()
    }

    pub(crate) fn compare(outlets: &[(&str, f64)], seed: u64) -> CompareReport {
        let mut rng = SplitMix64::new(seed);
        let options = CompareOptions {
            iterations: 1000,
            ..CompareOptions::default()
        };
        let mut c = Comparison::new(options);
        for (name, p) in outlets {
            for a in synthetic(name, *p, 60, &mut rng) {
                c.add_article(&a);
            }
        }
        c.finish()
    }

    #[test]
    fn intervals_cover_true_rates_and_separate_only_when_rates_differ() {
        let (mut covered, mut intervals) = (0, 0);
        let (mut separated_different, mut separated_equal) = (0, 0);
        let trials = 40;
        for seed in 0..trials {
            // A and B differ (15 vs 5 per 100); C and D are equal (10 per 100).
            let r = compare(
                &[("A", 0.15), ("B", 0.05), ("C", 0.10), ("D", 0.10)],
                1000 + seed,
            );
            for (o, p) in r.outlets.iter().zip([15.0, 5.0, 10.0, 10.0]) {
                intervals += 1;
                covered += usize::from(o.loaded.low <= p && p <= o.loaded.high);
                assert!(o.loaded.low <= o.loaded.rate && o.loaded.rate <= o.loaded.high);
            }
            let loaded: Vec<&Difference> = r
                .differences
                .iter()
                .filter(|d| d.measure == Measure::Loaded)
                .collect();
            separated_different +=
                usize::from(loaded.iter().any(|d| d.higher == "A" && d.lower == "B"));
            separated_equal += usize::from(loaded.iter().any(|d| {
                [&d.higher, &d.lower] == ["C", "D"] || [&d.higher, &d.lower] == ["D", "C"]
            }));
            assert!(
                !loaded.iter().any(|d| d.higher == "B" && d.lower == "A"),
                "a difference never points the wrong way"
            );
        }
        // 95% intervals: allow sampling noise, but most must hold the true rate.
        assert!(
            covered as f64 >= 0.88 * intervals as f64,
            "coverage {covered}/{intervals}"
        );
        assert!(
            separated_different as f64 >= 0.95 * trials as f64,
            "15 vs 5 separated in {separated_different}/{trials}"
        );
        assert!(
            separated_equal as f64 <= 0.05 * trials as f64,
            "equal rates separated in {separated_equal}/{trials}"
        );
    }

    #[test]
    fn a_difference_is_said_in_words() {
        let r = compare(&[("High", 0.20), ("Low", 0.03), ("Same", 0.20)], 7);
        let d = r
            .differences
            .iter()
            .find(|d| d.higher == "High" && d.lower == "Low")
            .expect("separated");
        assert!(
            d.text
                .starts_with("High uses loaded language more often than Low: "),
            "{}",
            d.text
        );
        assert!(d.text.ends_with(" per 100 sentences"));
        assert!(!r.differences.iter().any(|d| d.measure == Measure::Loaded
            && [&d.higher, &d.lower].contains(&&"Same".to_string())
            && [&d.higher, &d.lower].contains(&&"High".to_string())));
        // Same input, same report.
        assert_eq!(
            r,
            compare(&[("High", 0.20), ("Low", 0.03), ("Same", 0.20)], 7)
        );
    }
}
