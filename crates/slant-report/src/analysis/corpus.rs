//! What a report keeps of a corpus while records stream past: one small [`ArticleRow`] per
//! article (what the table of articles shows and the counts behind the intervals: no text, no
//! map), running totals per outlet and over all outlets (categories, attribution, loaded
//! terms, naming: sizes bounded by the vocabulary, not the corpus), the inputs that failed,
//! and bounded lists of the most loaded and most unattributed sentences, overall and per
//! outlet. Article texts are rendered as they arrive and then dropped.
//!
//! **Bytes per article:** an [`ArticleRow`] is 80 bytes plus its three strings on the heap
//! (page file stem of at most 46 bytes, title cut to [`TITLE_CHARS`] characters, date; outlet
//! names are shared, one allocation per outlet), about 250 bytes for a typical news article and
//! at most about 1 KB. Measured: see ARCHITECTURE.md.
//!
//! Everything here is ordered (input order, `BTreeMap`s, explicit tie-breaks), so the same
//! records always give the same report.

use crate::analysis::stats::{
    add_counts, bootstrap_rate, round3, ArticleSummary, Rate, BOOTSTRAP_ITERATIONS, BOOTSTRAP_SEED,
};
use crate::escape::{clip, fnv1a, slug};
use slant_ingest::model::{Record, ScoredArticle, ScoredSentence, Span, Voice};
use std::collections::BTreeMap;
use std::sync::Arc;

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

/// Characters of a title the table of articles keeps (the article's own section and page,
/// rendered while the article streams past, show it whole).
pub const TITLE_CHARS: usize = 200;

/// One article as the report remembers it once its section or page is written.
#[derive(Debug, Clone)]
pub struct ArticleRow {
    /// 1-based position in input order: the article's anchor and page number.
    pub seq: usize,
    /// File stem of the article's own page in a folder report.
    pub file: Box<str>,
    /// The title to show (see [`display_title`]), at most [`TITLE_CHARS`] characters.
    title: Box<str>,
    /// The outlet label (shared by the outlet's articles).
    outlet: Arc<str>,
    date: Option<Box<str>>,
    pub sentences: u32,
    /// Sentences in the outlet's own voice (author or mixed): the denominator of the rates.
    pub author_sentences: u32,
    pub loaded_flagged: u32,
    pub unattributed_flagged: u32,
}

impl ArticleRow {
    /// The outlet to show and group by.
    pub fn outlet(&self) -> &str {
        &self.outlet
    }

    /// Title to show: the title, else the id, else the path.
    pub fn display_title(&self) -> &str {
        &self.title
    }

    pub fn date(&self) -> Option<&str> {
        self.date.as_deref()
    }

    /// Sentences in the outlet's own voice, loaded flags and unattributed flags.
    pub fn counts(&self) -> [usize; 3] {
        [
            self.author_sentences,
            self.loaded_flagged,
            self.unattributed_flagged,
        ]
        .map(|n| n as usize)
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

impl Failed {
    /// The line number, or nothing for a whole file.
    pub fn line_text(&self) -> String {
        self.line.map(|l| l.to_string()).unwrap_or_default()
    }
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

/// Running totals of a group of articles (an outlet, or all of them), added to in input order
/// as the articles stream past.
#[derive(Debug, Clone, Default)]
struct Totals {
    /// Sum of each article's share of quoted text, in input order.
    quoted: f64,
    categories: BTreeMap<String, usize>,
    attribution: BTreeMap<String, usize>,
    positions: [usize; POSITION_BINS],
    loaded_terms: BTreeMap<String, usize>,
    naming: BTreeMap<String, BTreeMap<String, usize>>,
}

impl Totals {
    fn add(&mut self, a: &ArticleSummary) {
        self.quoted += a.quoted_share;
        add_counts(&mut self.categories, &a.categories);
        add_counts(&mut self.attribution, &a.attribution);
        for &p in &a.flag_positions {
            let bin = ((p.clamp(0.0, 1.0) * POSITION_BINS as f64) as usize).min(POSITION_BINS - 1);
            self.positions[bin] += 1;
        }
        add_counts(&mut self.loaded_terms, &a.loaded_terms);
        for (set, terms) in &a.naming {
            if !self.naming.contains_key(set) {
                self.naming.insert(set.clone(), BTreeMap::new());
            }
            add_counts(self.naming.get_mut(set).expect("just added"), terms);
        }
    }
}

/// Per-outlet totals, computed from the running totals and the rows when the report is
/// written.
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
    fn new<'a>(name: &str, totals: &Totals, rows: impl Iterator<Item = &'a ArticleRow>) -> Self {
        let (mut articles, mut sentences, mut author_sentences) = (0, 0, 0);
        let mut loaded = Vec::new();
        let mut unattributed = Vec::new();
        for row in rows {
            let own = row.author_sentences as usize;
            articles += 1;
            sentences += row.sentences as usize;
            author_sentences += own;
            loaded.push((row.loaded_flagged as usize, own));
            unattributed.push((row.unattributed_flagged as usize, own));
        }
        let mut terms: Vec<(String, usize)> = totals
            .loaded_terms
            .iter()
            .map(|(k, v)| (k.clone(), *v))
            .collect();
        terms.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        terms.truncate(12);
        OutletStats {
            name: name.to_string(),
            file: outlet_file(name),
            articles,
            sentences,
            author_sentences,
            loaded: bootstrap_rate(&loaded, BOOTSTRAP_ITERATIONS, BOOTSTRAP_SEED),
            unattributed: bootstrap_rate(&unattributed, BOOTSTRAP_ITERATIONS, BOOTSTRAP_SEED),
            quoted_share: if articles == 0 {
                0.0
            } else {
                round3(totals.quoted / articles as f64)
            },
            categories: totals.categories.clone(),
            attribution: totals.attribution.clone(),
            positions: totals.positions,
            loaded_terms: terms,
            naming: totals.naming.clone(),
        }
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
    /// Running totals per outlet label (its key is the one copy of the label the rows share).
    outlets: BTreeMap<Arc<str>, Totals>,
    total: Totals,
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
            outlets: BTreeMap::new(),
            total: Totals::default(),
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
        let label: Arc<str> = match self.outlets.get_key_value(outlet.as_str()) {
            Some((label, _)) => label.clone(),
            None => Arc::from(outlet.as_str()),
        };
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
                *self
                    .categories_seen
                    .entry(e.category.to_string())
                    .or_insert(0) += 1;
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
        let summary = ArticleSummary::from_article(a);
        self.total.add(&summary);
        self.outlets.entry(label.clone()).or_default().add(&summary);
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        self.articles.push(ArticleRow {
            seq,
            file: file.into(),
            title: clip(&title, TITLE_CHARS).into(),
            outlet: label,
            date: a.date.as_deref().map(Box::from),
            sentences: count(summary.sentences),
            author_sentences: count(summary.author_sentences),
            loaded_flagged: count(summary.loaded_flagged),
            unattributed_flagged: count(summary.unattributed_flagged),
        });
        self.articles.last().expect("just pushed")
    }

    /// Per-outlet statistics, by outlet name (articles without an outlet last).
    pub fn outlets(&self) -> Vec<OutletStats> {
        let mut names: Vec<&str> = self.outlets.keys().map(|k| &**k).collect();
        names.sort_by_key(|n| (*n == NO_OUTLET, *n));
        names
            .into_iter()
            .map(|name| OutletStats::new(name, &self.outlets[name], self.articles_of(name)))
            .collect()
    }

    /// Statistics over every article.
    pub fn total(&self) -> OutletStats {
        OutletStats::new("All outlets", &self.total, self.articles.iter())
    }

    /// The articles of one outlet, in input order.
    pub fn articles_of<'a>(&'a self, outlet: &'a str) -> impl Iterator<Item = &'a ArticleRow> + 'a {
        self.articles.iter().filter(move |r| r.outlet() == outlet)
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
