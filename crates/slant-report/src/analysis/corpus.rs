//! What a report keeps of a corpus while records stream past: one [`ArticleSummary`] per
//! article (counts, not texts), the inputs that failed, and bounded lists of the most loaded
//! and most unattributed sentences, overall and per outlet. Article texts are rendered as
//! they arrive and then dropped, so memory does not grow with the size of the articles.
//!
//! Everything here is ordered (input order, `BTreeMap`s, explicit tie-breaks), so the same
//! records always give the same report.

use crate::analysis::stats::{
    bootstrap_rate, ArticleSummary, Rate, BOOTSTRAP_ITERATIONS, BOOTSTRAP_SEED,
};
use crate::escape::{fnv1a, slug};
use slant_ingest::model::{Record, ScoredArticle, ScoredSentence, Span, Voice};
use std::collections::BTreeMap;

/// Facts about the run that the methods note prints.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    pub slant_version: String,
    pub lexicon_version: String,
    pub loaded_threshold: f64,
    pub unattributed_threshold: f64,
    pub quoted_weight: f64,
    /// The command line that produced the report (shown as text).
    pub command: String,
    /// Only with `--timestamp`: reports are byte-identical for the same input otherwise.
    pub timestamp: Option<String>,
    /// How many sentences the "most loaded" / "most unattributed" lists show.
    pub top: usize,
}

impl Default for Meta {
    fn default() -> Self {
        Meta {
            slant_version: env!("CARGO_PKG_VERSION").to_string(),
            lexicon_version: String::new(),
            loaded_threshold: 0.35,
            unattributed_threshold: 0.45,
            quoted_weight: 0.3,
            command: String::new(),
            timestamp: None,
            top: 10,
        }
    }
}

/// How many bins the "where in an article" strip has.
pub const POSITION_BINS: usize = 10;

/// The label for articles with no outlet.
pub const NO_OUTLET: &str = "(no outlet)";

/// One article as the index remembers it.
#[derive(Debug, Clone)]
pub struct ArticleRow {
    /// 1-based position in input order: the article's anchor and page number.
    pub seq: usize,
    /// File stem of the article's own page in a folder report.
    pub file: String,
    pub summary: ArticleSummary,
}

impl ArticleRow {
    /// Title to show: the title, else the id, else the path.
    pub fn display_title(&self) -> &str {
        display_title(
            self.summary.title.as_deref(),
            &self.summary.id,
            &self.summary.path,
        )
    }
}

/// Title to show for an article: the title, else the id, else the path.
pub fn display_title<'a>(title: Option<&'a str>, id: &'a str, path: &'a str) -> &'a str {
    [title.unwrap_or(""), id, path]
        .into_iter()
        .find(|s| !s.trim().is_empty())
        .unwrap_or("(untitled)")
}

/// The outlet label used for grouping and display.
pub fn outlet_name(outlet: Option<&str>) -> &str {
    match outlet {
        Some(o) if !o.trim().is_empty() => o,
        _ => NO_OUTLET,
    }
}

/// File stem of an outlet's page: a slug plus a hash of the full name, so it is safe, stable
/// and distinct.
pub fn outlet_file(name: &str) -> String {
    format!("{}-{:08x}", slug(name, 40), fnv1a(name))
}

/// An input that could not be scored.
#[derive(Debug, Clone, PartialEq)]
pub struct Failed {
    pub path: String,
    pub line: Option<usize>,
    pub kind: String,
    pub message: String,
}

/// A sentence kept for a "most loaded" or "most unattributed" list.
#[derive(Debug, Clone)]
pub struct TopSentence {
    pub score: f64,
    pub seq: usize,
    pub file: String,
    pub title: String,
    pub outlet: String,
    pub sentence: ScoredSentence,
    /// The article's quotations that overlap the sentence.
    pub quotes: Vec<Span>,
}

/// The `cap` highest-scoring sentences seen, ties broken by input order.
#[derive(Debug, Clone, Default)]
pub struct TopList {
    cap: usize,
    items: Vec<TopSentence>,
}

impl TopList {
    pub fn new(cap: usize) -> Self {
        TopList {
            cap,
            items: Vec::new(),
        }
    }

    fn qualifies(&self, score: f64) -> bool {
        // Candidates arrive in input order, so an equal score never displaces an earlier one.
        self.cap > 0
            && (self.items.len() < self.cap || self.items.last().is_some_and(|w| score > w.score))
    }

    fn offer(&mut self, score: f64, make: impl FnOnce() -> TopSentence) {
        if !self.qualifies(score) {
            return;
        }
        let item = make();
        let at = self.items.partition_point(|x| x.score >= score);
        self.items.insert(at, item);
        self.items.truncate(self.cap);
    }

    pub fn items(&self) -> &[TopSentence] {
        &self.items
    }
}

/// Per-outlet totals, computed from the article summaries when the report is written.
#[derive(Debug, Clone)]
pub struct OutletStats {
    pub name: String,
    /// File stem of the outlet's page in a folder report.
    pub file: String,
    pub articles: usize,
    pub sentences: usize,
    pub author_sentences: usize,
    pub loaded: Rate,
    pub unattributed: Rate,
    /// Mean share of quoted text over the outlet's articles.
    pub quoted_share: f64,
    pub categories: BTreeMap<String, usize>,
    pub attribution: BTreeMap<String, usize>,
    pub positions: [usize; POSITION_BINS],
    /// Most frequent loaded terms in the outlet's own voice, most frequent first.
    pub loaded_terms: Vec<(String, usize)>,
    pub naming: BTreeMap<String, BTreeMap<String, usize>>,
}

impl OutletStats {
    fn from_rows<'a>(name: &str, rows: impl Iterator<Item = &'a ArticleRow>) -> OutletStats {
        let mut s = OutletStats {
            name: name.to_string(),
            file: outlet_file(name),
            articles: 0,
            sentences: 0,
            author_sentences: 0,
            loaded: bootstrap_rate(&[], 0, 0),
            unattributed: bootstrap_rate(&[], 0, 0),
            quoted_share: 0.0,
            categories: BTreeMap::new(),
            attribution: BTreeMap::new(),
            positions: [0; POSITION_BINS],
            loaded_terms: Vec::new(),
            naming: BTreeMap::new(),
        };
        let mut loaded = Vec::new();
        let mut unattributed = Vec::new();
        let mut terms: BTreeMap<&str, usize> = BTreeMap::new();
        let mut quoted = 0.0;
        for row in rows {
            let a = &row.summary;
            s.articles += 1;
            s.sentences += a.sentences;
            s.author_sentences += a.author_sentences;
            loaded.push((a.loaded_flagged, a.author_sentences));
            unattributed.push((a.unattributed_flagged, a.author_sentences));
            quoted += a.quoted_share;
            for (k, v) in &a.categories {
                *s.categories.entry(k.clone()).or_insert(0) += v;
            }
            for (k, v) in &a.attribution {
                *s.attribution.entry(k.clone()).or_insert(0) += v;
            }
            for &p in &a.flag_positions {
                let bin =
                    ((p.clamp(0.0, 1.0) * POSITION_BINS as f64) as usize).min(POSITION_BINS - 1);
                s.positions[bin] += 1;
            }
            for (k, v) in &a.loaded_terms {
                *terms.entry(k).or_insert(0) += v;
            }
            for (set, t) in &a.naming {
                let e = s.naming.entry(set.clone()).or_default();
                for (term, n) in t {
                    *e.entry(term.clone()).or_insert(0) += n;
                }
            }
        }
        s.loaded = bootstrap_rate(&loaded, BOOTSTRAP_ITERATIONS, BOOTSTRAP_SEED);
        s.unattributed = bootstrap_rate(&unattributed, BOOTSTRAP_ITERATIONS, BOOTSTRAP_SEED);
        s.quoted_share = if s.articles == 0 {
            0.0
        } else {
            crate::analysis::stats::round3(quoted / s.articles as f64)
        };
        let mut terms: Vec<(String, usize)> =
            terms.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        terms.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        terms.truncate(12);
        s.loaded_terms = terms;
        s
    }

    pub fn flags(&self) -> usize {
        self.positions.iter().sum()
    }
}

/// The corpus as a report sees it.
#[derive(Debug, Clone)]
pub struct Corpus {
    pub meta: Meta,
    pub articles: Vec<ArticleRow>,
    pub failed: Vec<Failed>,
    pub top_loaded: TopList,
    pub top_unattributed: TopList,
    /// Outlet -> (most loaded, most unattributed) in that outlet.
    pub outlet_tops: BTreeMap<String, (TopList, TopList)>,
    /// Every evidence category seen, quoted or not (for the legend).
    pub categories_seen: BTreeMap<String, usize>,
    pub warnings: usize,
}

impl Corpus {
    pub fn new(meta: Meta) -> Corpus {
        let top = meta.top;
        Corpus {
            meta,
            articles: Vec::new(),
            failed: Vec::new(),
            top_loaded: TopList::new(top),
            top_unattributed: TopList::new(top),
            outlet_tops: BTreeMap::new(),
            categories_seen: BTreeMap::new(),
            warnings: 0,
        }
    }

    /// Take in one record. Returns the row of a scored article (for its page or section).
    pub fn add(&mut self, record: &Record) -> Option<&ArticleRow> {
        match record {
            Record::Error(e) => {
                self.failed.push(Failed {
                    path: e.path.clone(),
                    line: e.line,
                    kind: e.error.kind.clone(),
                    message: e.error.message.clone(),
                });
                None
            }
            Record::Article(a) => Some(self.add_article(a)),
        }
    }

    fn add_article(&mut self, a: &ScoredArticle) -> &ArticleRow {
        let seq = self.articles.len() + 1;
        let file = format!("{seq:05}-{}", slug(&a.id, 40));
        let title = display_title(a.title.as_deref(), &a.id, &a.path).to_string();
        let outlet = outlet_name(a.outlet.as_deref()).to_string();
        if !a.warnings.is_empty() {
            self.warnings += 1;
        }
        let top = self.meta.top;
        let tops = self
            .outlet_tops
            .entry(outlet.clone())
            .or_insert_with(|| (TopList::new(top), TopList::new(top)));
        for s in &a.sentences {
            for e in s.loaded.evidence.iter().chain(&s.unattributed.evidence) {
                *self.categories_seen.entry(e.category.clone()).or_insert(0) += 1;
            }
            if s.voice == Voice::Quoted {
                continue;
            }
            let make = || TopSentence {
                score: 0.0,
                seq,
                file: file.clone(),
                title: title.clone(),
                outlet: outlet.clone(),
                sentence: s.clone(),
                quotes: a
                    .quotes
                    .iter()
                    .filter(|q| q.start < s.end && s.start < q.end)
                    .copied()
                    .collect(),
            };
            if s.loaded.flagged {
                let score = s.loaded.score;
                self.top_loaded
                    .offer(score, || TopSentence { score, ..make() });
                tops.0.offer(score, || TopSentence { score, ..make() });
            }
            if s.unattributed.flagged {
                let score = s.unattributed.score;
                self.top_unattributed
                    .offer(score, || TopSentence { score, ..make() });
                tops.1.offer(score, || TopSentence { score, ..make() });
            }
        }
        self.articles.push(ArticleRow {
            seq,
            file,
            summary: ArticleSummary::from_article(a),
        });
        self.articles.last().expect("just pushed")
    }

    /// Per-outlet statistics, by outlet name (articles without an outlet last).
    pub fn outlets(&self) -> Vec<OutletStats> {
        let mut groups: BTreeMap<(bool, &str), Vec<&ArticleRow>> = BTreeMap::new();
        for row in &self.articles {
            let name = outlet_name(row.summary.outlet.as_deref());
            groups
                .entry((name == NO_OUTLET, name))
                .or_default()
                .push(row);
        }
        groups
            .into_iter()
            .map(|((_, name), rows)| OutletStats::from_rows(name, rows.into_iter()))
            .collect()
    }

    /// Statistics over every article.
    pub fn total(&self) -> OutletStats {
        OutletStats::from_rows("All outlets", self.articles.iter())
    }

    /// The articles of one outlet, in input order.
    pub fn articles_of<'a>(&'a self, outlet: &'a str) -> impl Iterator<Item = &'a ArticleRow> + 'a {
        self.articles
            .iter()
            .filter(move |r| outlet_name(r.summary.outlet.as_deref()) == outlet)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn top(score: f64, seq: usize) -> TopSentence {
        TopSentence {
            score,
            seq,
            file: String::new(),
            title: String::new(),
            outlet: String::new(),
            sentence: crate::analysis::highlight::tests::sentence(0, "x", vec![], vec![]),
            quotes: vec![],
        }
    }

    #[test]
    fn top_list_keeps_the_best_and_the_earliest_of_equals() {
        let mut t = TopList::new(3);
        for (i, s) in [0.5, 0.9, 0.5, 0.7, 0.5, 0.95].into_iter().enumerate() {
            t.offer(s, || top(s, i));
        }
        let got: Vec<(f64, usize)> = t.items().iter().map(|x| (x.score, x.seq)).collect();
        assert_eq!(got, vec![(0.95, 5), (0.9, 1), (0.7, 3)]);
    }

    #[test]
    fn outlet_names_and_files_are_safe() {
        assert_eq!(outlet_name(None), NO_OUTLET);
        assert_eq!(outlet_name(Some("  ")), NO_OUTLET);
        let f = outlet_file("\"><img src=x onerror=alert(2)>");
        assert!(
            f.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'),
            "{f}"
        );
        assert_ne!(outlet_file("A B"), outlet_file("a-b"));
    }
}
