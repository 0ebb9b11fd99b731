//! Outlets side by side: the per-outlet aggregation behind `slant compare`, and its terminal,
//! Markdown, CSV and JSON renderings (HTML is in [`crate::compare_html`]).
//!
//! A [`Comparison`] takes records as they stream past and keeps, per article, only the counts
//! of an [`ArticleSummary`] and the compact entry the story grouping needs
//! ([`StoryIndex`]). [`Comparison::finish`] turns them into a [`CompareReport`]: per group (an
//! outlet, or a date or another article field with `--by`) the loaded and unattributed rates
//! per 100 author-voice sentences with seeded 95% bootstrap intervals over articles, the mix of
//! attribution kinds, the share of quoted text, the most frequent loaded terms and named
//! sources; the differences whose intervals separate, in words; the naming sets each group
//! uses; and the stories several outlets cover. The JSON form of a [`CompareReport`] is the
//! stable machine contract (`slant-compare/1`, documented in the README).
//!
//! ```
//! use slant_report::compare::{CompareOptions, Comparison};
//!
//! let report = Comparison::new(CompareOptions::default()).finish();
//! assert!(report.outlets.is_empty() && report.stories.is_empty());
//! ```

use crate::escape::clip;
use crate::stats::{
    bootstrap_rate, round3, ArticleSummary, Rate, BOOTSTRAP_ITERATIONS, BOOTSTRAP_SEED,
};
use crate::stories::{is_capitalised, Story, StoryIndex, StoryMethod, StoryOptions};
use crate::ReportError;
use serde::Serialize;
use slant_ingest::model::{AttributionKind, Record, ScoredArticle};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;

pub use crate::stories::SourceCount;

/// The schema tag of the comparison JSON.
pub const COMPARE_SCHEMA: &str = "slant-compare/1";

/// Width of the terminal rendering.
pub const TERMINAL_WIDTH: usize = 100;

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
    pub stories: StoryOptions,
}

impl Default for CompareOptions {
    fn default() -> Self {
        CompareOptions {
            by: GroupBy::Outlet,
            iterations: BOOTSTRAP_ITERATIONS,
            seed: BOOTSTRAP_SEED,
            top: 8,
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
    pub stories: Vec<Story>,
}

#[derive(Debug, Default)]
struct Group {
    articles: usize,
    sentences: usize,
    /// (flagged, author-voice sentences) per article, for the bootstrap.
    loaded: Vec<(usize, usize)>,
    unattributed: Vec<(usize, usize)>,
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
        g.loaded.push((s.loaded_flagged, s.author_sentences));
        g.unattributed
            .push((s.unattributed_flagged, s.author_sentences));
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
        self.index.add(a);
    }

    pub fn finish(self) -> CompareReport {
        let o = self.options;
        let outlets: Vec<OutletStats> = self
            .groups
            .into_iter()
            .map(|(name, g)| {
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
                    author_sentences: g.loaded.iter().map(|x| x.1).sum(),
                    loaded: bootstrap_rate(&g.loaded, o.iterations, o.seed),
                    unattributed: bootstrap_rate(&g.unattributed, o.iterations, o.seed),
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
            stories: self.index.stories(),
        }
    }
}

fn add_counts(into: &mut BTreeMap<String, usize>, from: &BTreeMap<String, usize>) {
    for (k, n) in from {
        *into.entry(k.clone()).or_insert(0) += n;
    }
}

/// The `n` largest counts, ties broken by name.
fn top_counts(counts: &BTreeMap<String, usize>, n: usize) -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = counts.iter().map(|(k, c)| (k.clone(), *c)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(n);
    v
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

// ---------------------------------------------------------------------------------------------
// Named sources
// ---------------------------------------------------------------------------------------------

/// Words before a name that are titles, roles or sentence glue, not part of the name.
const TITLES: &[&str] = &[
    "a",
    "after",
    "also",
    "an",
    "anchor",
    "and",
    "as",
    "attorney",
    "back",
    "but",
    "candidate",
    "ceo",
    "chairman",
    "chairwoman",
    "chancellor",
    "chief",
    "col",
    "commissioner",
    "congressman",
    "congresswoman",
    "correspondent",
    "director",
    "dr",
    "executive",
    "founder",
    "gen",
    "general",
    "gov",
    "governor",
    "host",
    "if",
    "in",
    "judge",
    "justice",
    "leader",
    "lt",
    "mayor",
    "minister",
    "mr",
    "mrs",
    "ms",
    "on",
    "president",
    "prof",
    "professor",
    "rep",
    "representative",
    "rev",
    "secretary",
    "sen",
    "senator",
    "sgt",
    "sheriff",
    "so",
    "speaker",
    "spokesman",
    "spokeswoman",
    "the",
    "then",
    "when",
    "while",
    "yet",
];

/// Capitalised words that cannot be a source on their own.
const NOT_SOURCES: &[&str] = &[
    "friday",
    "he",
    "her",
    "him",
    "his",
    "i",
    "it",
    "its",
    "let",
    "many",
    "monday",
    "more",
    "one",
    "our",
    "saturday",
    "she",
    "some",
    "sunday",
    "that",
    "their",
    "them",
    "these",
    "they",
    "this",
    "those",
    "thursday",
    "tuesday",
    "two",
    "we",
    "wednesday",
    "what",
    "who",
    "you",
];

/// The name in an attribution's source as the scorer wrote it: titles, glue words, party
/// tags and trailing words dropped ("Senate Majority Leader Harry Reid" -> "Harry Reid",
/// "Back on NBC, Trump" -> "Trump"). None when no name is left ("he", "A day after").
pub fn source_name(raw: &str) -> Option<String> {
    let mut words: Vec<&str> = raw.split_whitespace().collect();
    let party_tag = |w: &str| {
        let b = w.as_bytes();
        b.len() >= 3 && matches!(b[0], b'D' | b'R' | b'I') && b[1] == b'-'
    };
    while words
        .last()
        .is_some_and(|w| !is_capitalised(w) || party_tag(w))
    {
        words.pop();
    }
    let mut start = words.len();
    while start > 0 {
        let w = words[start - 1];
        if !is_capitalised(w) || (start < words.len() && w.ends_with([',', ';', ':'])) {
            break;
        }
        start -= 1;
    }
    let clean = |w: &str| -> String {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
        let w = w
            .strip_suffix("'s")
            .or_else(|| w.strip_suffix("\u{2019}s"))
            .unwrap_or(w);
        w.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.')
            .to_string()
    };
    let run: Vec<String> = words[start..]
        .iter()
        .map(|w| clean(w))
        .filter(|w| !w.is_empty())
        .collect();
    let is_title = |w: &str| {
        TITLES
            .binary_search(&w.trim_end_matches('.').to_lowercase().as_str())
            .is_ok()
    };
    let from = run.iter().rposition(|w| is_title(w)).map_or(0, |p| p + 1);
    let name = run[from..].join(" ");
    let name = name.trim_end_matches('.');
    if name.is_empty()
        || (!name.contains(' ')
            && NOT_SOURCES
                .binary_search(&name.to_lowercase().as_str())
                .is_ok())
    {
        return None;
    }
    Some(name.to_string())
}

/// Counts of named sources, by the name [`source_name`] finds.
#[derive(Debug, Default, Clone)]
pub struct SourceTally(BTreeMap<String, usize>);

impl SourceTally {
    pub fn add(&mut self, raw: &str, n: usize) {
        if let Some(name) = source_name(raw) {
            *self.0.entry(name).or_insert(0) += n;
        }
    }

    /// The `n` most cited names. A one-word name ("Reid") is counted with the only longer
    /// name that ends with it ("Harry Reid"), if there is exactly one.
    pub fn top(&self, n: usize) -> Vec<(String, usize)> {
        let mut counts = self.0.clone();
        for short in self.0.keys().filter(|k| !k.contains(' ')) {
            let mut longer = self
                .0
                .keys()
                .filter(|l| l.contains(' ') && l.rsplit(' ').next() == Some(short.as_str()));
            if let (Some(full), None) = (longer.next(), longer.next()) {
                let c = counts.remove(short).unwrap_or(0);
                *counts.entry(full.clone()).or_insert(0) += c;
            }
        }
        top_counts(&counts, n)
    }
}

// ---------------------------------------------------------------------------------------------
// Renderings
// ---------------------------------------------------------------------------------------------

/// The machine contract: pretty-printed JSON, same input same bytes.
pub fn write_json<W: Write>(out: &mut W, report: &CompareReport) -> Result<(), ReportError> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    out.write_all(b"\n")?;
    Ok(())
}

fn pct(x: f64) -> String {
    format!("{:.0}%", 100.0 * x)
}

/// `s` cut or padded to exactly `width` characters.
fn cell(s: &str, width: usize) -> String {
    let s = clip(s, width);
    let pad = width - s.chars().count();
    format!("{s}{}", " ".repeat(pad))
}

/// Word-wrap `text` to `width` characters, the first line after `first`, the others after
/// `rest` (both counted in the width). A word longer than a line is cut.
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = first.to_string();
    let mut empty = true;
    for word in text.split_whitespace() {
        let used = line.chars().count();
        let need = word.chars().count() + usize::from(!empty);
        if !empty && used + need > width {
            lines.push(std::mem::replace(&mut line, rest.to_string()));
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        let room = width.saturating_sub(line.chars().count()).max(1);
        line.push_str(&clip(word, room));
        empty = false;
    }
    if !empty || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// "1,234,567"
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let (head, rest) = digits.split_at(digits.len() % 3);
    let groups = rest
        .as_bytes()
        .chunks(3)
        .map(|g| std::str::from_utf8(g).unwrap_or_default());
    std::iter::once(head)
        .filter(|h| !h.is_empty())
        .chain(groups)
        .collect::<Vec<_>>()
        .join(",")
}

fn counts_list<'a>(items: impl Iterator<Item = (&'a str, usize)>) -> String {
    items
        .map(|(k, n)| format!("{k} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Differences listed at most in the terminal view (all of them are in the other formats).
const TERMINAL_DIFFERENCES: usize = 40;

/// The default terminal view: it fits [`TERMINAL_WIDTH`] columns.
pub fn render_terminal(r: &CompareReport) -> String {
    let w = TERMINAL_WIDTH;
    let mut lines: Vec<String> = Vec::new();
    let groups = if r.by == "outlet" {
        "outlets".to_string()
    } else {
        format!("groups by {}", r.by)
    };
    let failed = if r.failures > 0 {
        format!(" ({} input(s) failed)", r.failures)
    } else {
        String::new()
    };
    let intro = format!(
        "slant compare: {} articles, {} {groups}{failed}. Rates are flagged sentences per 100 sentences in the outlet's own voice, with 95% bootstrap intervals over articles.",
        thousands(r.articles),
        r.outlets.len()
    );
    lines.extend(wrap(&intro, w, "", ""));
    lines.push(String::new());
    let nw = 26;
    let head = if r.by == "outlet" { "outlet" } else { r.by };
    lines.push(format!(
        "{} {:>8} {:>9}  {:<20}  {:<22} {:>6}",
        cell(head, nw),
        "articles",
        "sentences",
        "loaded [95% CI]",
        "unattributed [95% CI]",
        "quoted"
    ));
    for o in &r.outlets {
        lines.push(format!(
            "{} {:>8} {:>9}  {:<20}  {:<22} {:>6}",
            cell(&o.name, nw),
            thousands(o.articles),
            thousands(o.sentences),
            format_rate(&o.loaded),
            format_rate(&o.unattributed),
            pct(o.quoted_share)
        ));
    }
    lines.push(String::new());
    lines.push("Attribution (share of all sentences)".to_string());
    let kinds = [
        ("named", "named"),
        ("anonymous", "anonymous"),
        ("document", "document"),
        ("vague", "vague"),
        ("agentless_passive", "passive"),
        ("none", "none"),
    ];
    let mut header = cell("", nw);
    for (_, label) in kinds {
        let _ = write!(header, " {label:>10}");
    }
    lines.push(header);
    for o in &r.outlets {
        let mut row = cell(&o.name, nw);
        for (kind, _) in kinds {
            let _ = write!(
                row,
                " {:>10}",
                pct(o.attribution.get(kind).map_or(0.0, |k| k.share))
            );
        }
        lines.push(row);
    }
    lines.push(String::new());
    lines.push("Most frequent loaded terms (own voice) and most cited named sources".to_string());
    for o in &r.outlets {
        lines.push(clip(&o.name, w));
        let terms = counts_list(o.loaded_terms.iter().map(|t| (t.term.as_str(), t.count)));
        let sources = counts_list(o.sources.iter().map(|s| (s.source.as_str(), s.sentences)));
        let indent = " ".repeat(16);
        lines.extend(wrap(
            if terms.is_empty() { "-" } else { &terms },
            w,
            "  loaded terms: ",
            &indent,
        ));
        lines.extend(wrap(
            if sources.is_empty() { "-" } else { &sources },
            w,
            "  sources:      ",
            &indent,
        ));
    }
    lines.push(String::new());
    if r.differences.is_empty() {
        lines.extend(wrap(
            "Differences: no two intervals separate, so no difference is marked.",
            w,
            "",
            "",
        ));
    } else {
        lines.push("Differences (only where the 95% intervals do not overlap)".to_string());
        for d in r.differences.iter().take(TERMINAL_DIFFERENCES) {
            lines.extend(wrap(&d.text, w, "- ", "  "));
        }
        if r.differences.len() > TERMINAL_DIFFERENCES {
            let more = r.differences.len() - TERMINAL_DIFFERENCES;
            lines.push(format!(
                "  ... and {more} more (all are in the JSON, HTML and Markdown outputs)"
            ));
        }
    }
    word_choice_terminal(r, &mut lines);
    lines.push(String::new());
    let n = r.stories.len();
    let stories = format!(
        "Same story, different outlets: {n} stor{} covered by two or more outlets (list them with --stories).",
        if n == 1 { "y" } else { "ies" }
    );
    lines.extend(wrap(&stories, w, "", ""));
    join_lines(lines)
}

/// Word choice as a table of which outlet says what: one row per term of each naming set in
/// which outlets use different terms, one numbered column per outlet. When the columns do not
/// fit, each term lists its users instead.
fn word_choice_terminal(r: &CompareReport, lines: &mut Vec<String>) {
    let w = TERMINAL_WIDTH;
    let sets: Vec<&NamingSet> = r.naming.iter().filter(|s| s.terms.len() >= 2).collect();
    let same = r.naming.len() - sets.len();
    if r.naming.is_empty() {
        return;
    }
    lines.push(String::new());
    lines
        .push("Word choice (naming sets in which outlets use different terms; counts)".to_string());
    let used: Vec<(usize, &OutletStats)> = r
        .outlets
        .iter()
        .enumerate()
        .filter(|(_, o)| {
            sets.iter()
                .any(|s| s.terms.iter().any(|t| t.outlets.contains_key(&o.name)))
        })
        .map(|(i, o)| (i + 1, o))
        .collect();
    let widest = sets
        .iter()
        .flat_map(|s| s.terms.iter().flat_map(|t| t.outlets.values()))
        .max()
        .copied()
        .unwrap_or(0);
    let cw = thousands(widest)
        .len()
        .max(used.last().map_or(1, |u| u.0.to_string().len()))
        .max(3)
        + 1;
    let term_w = w.saturating_sub(cw * used.len() + 4);
    if !used.is_empty() && term_w >= 16 {
        let legend = used
            .iter()
            .map(|(i, o)| format!("{i} {}", o.name))
            .collect::<Vec<_>>()
            .join(", ");
        lines.extend(wrap(&legend, w, "  columns: ", "           "));
        let mut head = format!("    {}", " ".repeat(term_w));
        for (i, _) in &used {
            let _ = write!(head, "{i:>cw$}");
        }
        lines.push(head);
        for set in &sets {
            lines.push(format!("  {}", clip(&set.set, w - 2)));
            for t in &set.terms {
                let mut row = format!("    {}", cell(&t.term, term_w));
                for (_, o) in &used {
                    let n = t
                        .outlets
                        .get(&o.name)
                        .map_or(".".to_string(), |n| thousands(*n));
                    let _ = write!(row, "{n:>cw$}");
                }
                lines.push(row);
            }
        }
    } else {
        for set in &sets {
            lines.push(format!("  {}", clip(&set.set, w - 2)));
            for t in &set.terms {
                let users = counts_list(t.outlets.iter().map(|(o, n)| (o.as_str(), *n)));
                lines.extend(wrap(
                    &users,
                    w,
                    &format!("    {} ", cell(&t.term, 22)),
                    &" ".repeat(27),
                ));
            }
        }
    }
    if sets.is_empty() {
        lines.push("  Every outlet uses the same term of each naming set it touches.".to_string());
    } else if same > 0 {
        lines.push(format!(
            "  ({same} more naming set(s) where every outlet uses the same term are in the JSON.)"
        ));
    }
}

/// The `--stories` terminal view: every story, its outlets one under the other.
pub fn render_terminal_stories(r: &CompareReport) -> String {
    let w = TERMINAL_WIDTH;
    let mut lines: Vec<String> = Vec::new();
    let intro = format!(
        "{} stories covered by two or more outlets, among {} articles.",
        r.stories.len(),
        thousands(r.articles)
    );
    lines.extend(wrap(&intro, w, "", ""));
    let pad = " ".repeat(23);
    for s in &r.stories {
        lines.push(String::new());
        let head = format!(
            "{} ({} outlets, similarity {:.2})",
            s.label.join(" \u{b7} "),
            s.articles.len(),
            s.similarity
        );
        lines.extend(wrap(&head, w, &format!("Story {}: ", s.id), "    "));
        for a in &s.articles {
            let outlet = a.outlet.as_deref().unwrap_or("(no outlet)");
            lines.extend(wrap(
                a.title.as_deref().unwrap_or("(untitled)"),
                w,
                &format!("  {} ", cell(outlet, 20)),
                &pad,
            ));
            lines.extend(wrap(&a.path, w, &pad, &pad));
            let rates = format!(
                "loaded {:.1}, unattributed {:.1} per 100 sentences ({} in own voice)",
                a.loaded_rate, a.unattributed_rate, a.author_sentences
            );
            lines.extend(wrap(&rates, w, &pad, &pad));
            if !a.sources.is_empty() {
                let quotes =
                    counts_list(a.sources.iter().map(|s| (s.source.as_str(), s.sentences)));
                lines.extend(wrap(&quotes, w, &format!("{pad}quotes: "), &pad));
            }
            for f in &a.flagged {
                let why = if f.terms.is_empty() {
                    f.reasons.join(", ")
                } else {
                    f.terms.join(", ")
                };
                lines.extend(wrap(
                    &format!("\"{}\" [{why}]", f.text),
                    w,
                    &format!("{pad}! "),
                    &format!("{pad}  "),
                ));
            }
            let only = &a.only_here;
            for (label, list) in [
                ("only here, sources:", &only.sources),
                ("only here, names:", &only.names),
                ("only here, figures:", &only.figures),
            ] {
                if !list.is_empty() {
                    lines.extend(wrap(
                        &list.join("; "),
                        w,
                        &format!("{pad}{label} "),
                        &format!("{pad}  "),
                    ));
                }
            }
        }
    }
    join_lines(lines)
}

fn join_lines(lines: Vec<String>) -> String {
    let mut out = String::new();
    for l in lines {
        out.push_str(l.trim_end());
        out.push('\n');
    }
    out
}

/// CSV: one row per group; with `stories`, one row per article of each story.
pub fn write_csv<W: Write>(
    out: &mut W,
    r: &CompareReport,
    stories: bool,
) -> Result<(), ReportError> {
    use crate::csv::field;
    let row = |out: &mut W, cells: Vec<String>| -> Result<(), ReportError> {
        writeln!(
            out,
            "{}",
            cells.iter().map(|c| field(c)).collect::<Vec<_>>().join(",")
        )?;
        Ok(())
    };
    let joined = |items: &[SourceCount]| {
        items
            .iter()
            .map(|s| format!("{}:{}", s.source, s.sentences))
            .collect::<Vec<_>>()
            .join(";")
    };
    if stories {
        let header = [
            "story",
            "label",
            "similarity",
            "outlet",
            "id",
            "path",
            "title",
            "date",
            "loaded_rate",
            "unattributed_rate",
            "sources",
            "only_here_sources",
            "only_here_names",
            "only_here_figures",
        ];
        row(out, header.map(String::from).to_vec())?;
        for s in &r.stories {
            for a in &s.articles {
                let cells = vec![
                    s.id.to_string(),
                    s.label.join(" "),
                    s.similarity.to_string(),
                    a.outlet.clone().unwrap_or_default(),
                    a.id.clone(),
                    a.path.clone(),
                    a.title.clone().unwrap_or_default(),
                    a.date.clone().unwrap_or_default(),
                    a.loaded_rate.to_string(),
                    a.unattributed_rate.to_string(),
                    joined(&a.sources),
                    a.only_here.sources.join(";"),
                    a.only_here.names.join(";"),
                    a.only_here.figures.join(";"),
                ];
                row(out, cells)?;
            }
        }
        return Ok(());
    }
    let mut header: Vec<String> = [
        r.by,
        "articles",
        "sentences",
        "author_sentences",
        "loaded_rate",
        "loaded_low",
        "loaded_high",
        "loaded_flagged",
        "unattributed_rate",
        "unattributed_low",
        "unattributed_high",
        "unattributed_flagged",
        "quoted_share",
    ]
    .map(String::from)
    .to_vec();
    header.extend(
        AttributionKind::ALL
            .iter()
            .map(|k| format!("attribution_{}", k.as_str())),
    );
    header.extend(["loaded_terms", "sources"].map(String::from));
    row(out, header)?;
    for o in &r.outlets {
        let mut cells = vec![
            o.name.clone(),
            o.articles.to_string(),
            o.sentences.to_string(),
            o.author_sentences.to_string(),
            o.loaded.rate.to_string(),
            o.loaded.low.to_string(),
            o.loaded.high.to_string(),
            o.loaded.flagged.to_string(),
            o.unattributed.rate.to_string(),
            o.unattributed.low.to_string(),
            o.unattributed.high.to_string(),
            o.unattributed.flagged.to_string(),
            o.quoted_share.to_string(),
        ];
        cells.extend(AttributionKind::ALL.iter().map(|k| {
            o.attribution
                .get(k.as_str())
                .map_or(0.0, |s| s.share)
                .to_string()
        }));
        cells.push(
            o.loaded_terms
                .iter()
                .map(|t| format!("{}:{}", t.term, t.count))
                .collect::<Vec<_>>()
                .join(";"),
        );
        cells.push(joined(&o.sources));
        row(out, cells)?;
    }
    Ok(())
}

/// Markdown: the terminal view's content as tables and lists, with every story.
pub fn render_markdown(r: &CompareReport) -> String {
    use crate::escape::md;
    let mut s = String::new();
    let by = r.by;
    let failed = if r.failures > 0 {
        format!(", {} input(s) failed", r.failures)
    } else {
        String::new()
    };
    let _ = writeln!(
        s,
        "# slant compare\n\n{} articles in {} groups (by {by}){failed}. Rates are flagged sentences per 100 sentences in the outlet's own voice, with 95% bootstrap intervals over articles ({} resamples, seed {}).\n",
        r.articles,
        r.outlets.len(),
        r.bootstrap.iterations,
        r.bootstrap.seed
    );
    let _ = writeln!(s, "## Rates\n\n| {by} | articles | sentences | loaded [95% CI] | unattributed [95% CI] | quoted |\n|---|---:|---:|---|---|---:|");
    for o in &r.outlets {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} |",
            md(&o.name),
            o.articles,
            o.sentences,
            format_rate(&o.loaded),
            format_rate(&o.unattributed),
            pct(o.quoted_share)
        );
    }
    s.push_str("\n## Differences\n\nOnly pairs whose 95% intervals do not overlap.\n\n");
    if r.differences.is_empty() {
        s.push_str("No two intervals separate, so no difference is marked.\n");
    }
    for d in &r.differences {
        let _ = writeln!(s, "- {}", md(&d.text));
    }
    let _ = write!(s, "\n## Attribution (share of all sentences)\n\n| {by} |");
    for k in AttributionKind::ALL {
        let _ = write!(s, " {} |", k.as_str().replace('_', " "));
    }
    s.push_str("\n|---|");
    for _ in AttributionKind::ALL {
        s.push_str("---:|");
    }
    s.push('\n');
    for o in &r.outlets {
        let _ = write!(s, "| {} |", md(&o.name));
        for k in AttributionKind::ALL {
            let _ = write!(
                s,
                " {} |",
                pct(o.attribution.get(k.as_str()).map_or(0.0, |x| x.share))
            );
        }
        s.push('\n');
    }
    let _ = writeln!(s, "\n## Loaded terms and named sources\n\n| {by} | most frequent loaded terms (own voice) | most cited named sources |\n|---|---|---|");
    for o in &r.outlets {
        let terms = counts_list(o.loaded_terms.iter().map(|t| (t.term.as_str(), t.count)));
        let sources = counts_list(o.sources.iter().map(|x| (x.source.as_str(), x.sentences)));
        let _ = writeln!(s, "| {} | {} | {} |", md(&o.name), md(&terms), md(&sources));
    }
    if !r.naming.is_empty() {
        s.push_str("\n## Word choice\n\n| naming set | term | used by |\n|---|---|---|\n");
        for set in &r.naming {
            for t in &set.terms {
                let users = counts_list(t.outlets.iter().map(|(o, n)| (o.as_str(), *n)));
                let _ = writeln!(s, "| {} | {} | {} |", md(&set.set), md(&t.term), md(&users));
            }
        }
    }
    let _ = writeln!(
        s,
        "\n## Same story, different outlets\n\nArticles grouped by what they report ({}), at most one per outlet.\n",
        r.story_method.describe()
    );
    if r.stories.is_empty() {
        s.push_str("No story is covered by two or more outlets.\n");
    }
    for st in &r.stories {
        let _ = writeln!(
            s,
            "### Story {}: {}\n\n{} outlets, mean similarity {:.2}.\n\n| outlet | headline | loaded | unattributed | quotes |\n|---|---|---:|---:|---|",
            st.id,
            md(&st.label.join(" \u{b7} ")),
            st.articles.len(),
            st.similarity
        );
        for a in &st.articles {
            let quotes = counts_list(a.sources.iter().map(|x| (x.source.as_str(), x.sentences)));
            let _ = writeln!(
                s,
                "| {} | {} | {:.1} | {:.1} | {} |",
                md(a.outlet.as_deref().unwrap_or("(no outlet)")),
                md(a.title.as_deref().unwrap_or("(untitled)")),
                a.loaded_rate,
                a.unattributed_rate,
                md(&quotes)
            );
        }
        s.push('\n');
        for a in &st.articles {
            let _ = writeln!(
                s,
                "**{}** ({})\n",
                md(a.outlet.as_deref().unwrap_or("(no outlet)")),
                md(&a.path)
            );
            for f in &a.flagged {
                let why = if f.terms.is_empty() {
                    f.reasons.join(", ")
                } else {
                    f.terms.join(", ")
                };
                let _ = writeln!(s, "- flagged: \"{}\" ({})", md(&f.text), md(&why));
            }
            let only = &a.only_here;
            for (label, list) in [
                ("sources", &only.sources),
                ("names", &only.names),
                ("figures", &only.figures),
            ] {
                if !list.is_empty() {
                    let _ = writeln!(s, "- only here, {label}: {}", md(&list.join("; ")));
                }
            }
            s.push('\n');
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::SplitMix64;
    use crate::stories::tests::article;

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        assert!(TITLES.windows(2).all(|w| w[0] < w[1]));
        assert!(NOT_SOURCES.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn source_names() {
        let cases = [
            ("Senate Majority Leader Harry Reid", Some("Harry Reid")),
            ("Back on NBC, Trump", Some("Trump")),
            ("President Barack Obama to fail", Some("Barack Obama")),
            ("Rep. Jay Inslee, D-Wash", Some("Jay Inslee")),
            ("Mr. Obama", Some("Obama")),
            ("Reid's comments", Some("Reid")),
            ("NAACP President Ben Jealous", Some("Ben Jealous")),
            ("The White House", Some("White House")),
            ("he", None),
            ("Tuesday", None),
            ("A day after", None),
            ("Rep", None),
            ("Her", None),
            (
                "Controversial Arizona Sheriff Joe Arpaio",
                Some("Joe Arpaio"),
            ),
        ];
        for (raw, want) in cases {
            assert_eq!(source_name(raw).as_deref(), want, "{raw}");
        }
        let mut t = SourceTally::default();
        t.add("Reid", 2);
        t.add("Senate Majority Leader Harry Reid", 1);
        t.add("Mr. Obama", 1);
        assert_eq!(
            t.top(5),
            vec![("Harry Reid".to_string(), 3), ("Obama".to_string(), 1)]
        );
    }

    #[test]
    fn wrap_fits_the_width() {
        let text = "Christian_Science_Monitor uses loaded language more often than New_York_Times_-_News: 12.1 [9.0-15.2] vs 4.3 [2.9-5.8] per 100 sentences";
        let lines = wrap(text, 60, "- ", "  ");
        assert!(
            lines.len() > 1 && lines.iter().all(|l| l.chars().count() <= 60),
            "{lines:?}"
        );
        assert!(wrap(&"x".repeat(200), 50, "", "")
            .iter()
            .all(|l| l.chars().count() <= 50));
        assert_eq!(thousands(1234567), "1,234,567");
    }

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

    fn compare(outlets: &[(&str, f64)], seed: u64) -> CompareReport {
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
        // Same input, same bytes.
        let (mut a, mut b) = (Vec::new(), Vec::new());
        write_json(&mut a, &r).unwrap();
        write_json(
            &mut b,
            &compare(&[("High", 0.20), ("Low", 0.03), ("Same", 0.20)], 7),
        )
        .unwrap();
        assert_eq!(a, b);
        assert!(render_terminal(&r)
            .lines()
            .all(|l| l.chars().count() <= TERMINAL_WIDTH));
    }
}
