//! The framing report laid out: its pages, and on each page its sections in order, as plain
//! data that every format renders the same way.
//!
//! A report is one file ([`single_file`]) or a folder: an [`index`], a page per outlet
//! ([`outlet`]) and a page per article ([`article`]). Each is a [`Page`]: a list of
//! [`Section`]s, each holding what it shows (numbers, rows, plain words) and nothing about
//! how it looks. A renderer (`crate::render::html`, `crate::render::markdown`) writes one
//! function per kind of section; `crate::render::report` walks the page and calls them.
//!
//! **A new section** is a variant of [`Section`] with the data it shows, computed here from
//! the [`Corpus`] and placed in the layouts below; each renderer then gets one method for it
//! (the `Renderer` trait in `crate::render::report` says which).
//!
//! ```
//! use slant_report::analysis::report::{self, PageKind, Section};
//! use slant_report::{Corpus, Meta};
//!
//! let corpus = Corpus::new(Meta::default());
//! let (outlets, total) = (corpus.outlets(), corpus.total());
//! let page = report::single_file(&corpus, &outlets, &total);
//! assert_eq!(page.kind, PageKind::Single);
//! assert!(matches!(page.sections[0], Section::Header(_)));
//! ```

use crate::analysis::corpus::{
    display_title, outlet_name, ArticleRow, Corpus, Failed, Meta, OutletStats, TopSentence,
};
use crate::categories;
use crate::categories::category_rank;
use slant_ingest::model::{Evidence, ScoredArticle, ScoredSentence};

/// What a page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// The whole report in one file.
    Single,
    /// The index page of a folder report.
    Index,
    /// One outlet's page of a folder report.
    Outlet,
    /// One article's page of a folder report.
    Article,
}

/// One page: its title (the window's) and its sections, top to bottom.
#[derive(Debug)]
pub struct Page<'a> {
    pub kind: PageKind,
    pub title: String,
    pub sections: Vec<Section<'a>>,
}

/// A place on a page that its table of contents links to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Overview,
    Outlets,
    MostLoaded,
    MostUnattributed,
    Articles,
    Failed,
    Methods,
}

impl Anchor {
    /// The words of the table of contents.
    pub fn label(self) -> &'static str {
        self.names().0
    }

    /// The section's id (an HTML fragment identifier).
    pub fn id(self) -> &'static str {
        self.names().1
    }

    /// The heading of the section in a single-file report.
    pub fn heading(self) -> &'static str {
        self.names().2
    }

    fn names(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Anchor::Overview => ("Overview", "overview", "Corpus overview"),
            Anchor::Outlets => ("Outlets", "outlets", "Outlets"),
            Anchor::MostLoaded => ("Most loaded", "most-loaded", "Most loaded sentences"),
            Anchor::MostUnattributed => (
                "Most unattributed",
                "most-unattributed",
                "Most unattributed sentences",
            ),
            Anchor::Articles => ("Articles", "articles", "Articles"),
            Anchor::Failed => ("Inputs that failed", "failed", "Inputs that failed"),
            Anchor::Methods => ("Methods", "methods", "Methods"),
        }
    }
}

/// One part of a page.
#[derive(Debug)]
pub enum Section<'a> {
    /// Title, the line under it, the way back to the index, the table of contents.
    Header(Header<'a>),
    /// Counts, rates with intervals, evidence categories, attribution, where flags fall,
    /// loaded terms and word choices, per outlet.
    Overview(Overview<'a>),
    /// Every outlet with its number of articles (a folder's index).
    Outlets(&'a [OutletStats]),
    /// The most loaded and the most unattributed sentences.
    Tops(Tops<'a>),
    /// The table of articles. In a single file every article's own section follows inside it,
    /// as the articles stream past.
    Articles(ArticleList<'a>),
    /// How each evidence category is highlighted, for the categories on the page.
    Legend(Vec<&'a str>),
    /// One article: its heading, counts, text and evidence.
    Article(ArticleView<'a>),
    /// The inputs that could not be scored (only when some could not).
    Failed(&'a [Failed]),
    /// What the scores mean, thresholds, intervals, versions and rules.
    Methods(&'a Meta),
    /// Where the methods are (pages below the index).
    MethodsLink,
}

impl Section<'_> {
    /// Where a table of contents can point into the section.
    pub fn anchors(&self) -> Vec<Anchor> {
        match self {
            Section::Overview(_) => vec![Anchor::Overview],
            Section::Outlets(_) => vec![Anchor::Outlets],
            Section::Tops(_) => vec![Anchor::MostLoaded, Anchor::MostUnattributed],
            Section::Articles(_) => vec![Anchor::Articles],
            Section::Failed(_) => vec![Anchor::Failed],
            Section::Methods(_) => vec![Anchor::Methods],
            _ => vec![],
        }
    }
}

/// The top of a page.
#[derive(Debug)]
pub struct Header<'a> {
    /// None on an article's page, whose heading is the article's.
    pub title: Option<&'a str>,
    /// What the page covers, in plain words.
    pub sub: Option<String>,
    /// On pages below the index: the way back.
    pub crumbs: Option<Crumbs<'a>>,
    pub nav: Vec<Anchor>,
}

/// The way back from a page below the index: the index, the outlet (on an article's page),
/// and what this page is.
#[derive(Debug)]
pub struct Crumbs<'a> {
    pub outlet: Option<&'a str>,
    pub here: String,
}

/// The numbers on top of an overview.
#[derive(Debug)]
pub struct Cards<'a> {
    pub failed: usize,
    pub stats: &'a OutletStats,
    /// Outlets counted (0: not shown).
    pub outlets: usize,
}

/// One row of an overview: an outlet, or the total over all outlets.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    pub stats: &'a OutletStats,
    pub total: bool,
}

/// A naming set and, per outlet (in the order of [`Overview::outlets`]), the terms it uses
/// with their counts.
#[derive(Debug)]
pub struct NamingRow<'a> {
    pub set: &'a str,
    pub cells: Vec<Vec<(&'a str, usize)>>,
}

/// The overview of a corpus or of one outlet.
#[derive(Debug)]
pub struct Overview<'a> {
    pub heading: &'static str,
    pub cards: Cards<'a>,
    /// The outlets, then the total when there is more than one row to sum.
    pub rows: Vec<Row<'a>>,
    /// The outlets alone (the columns of the word choices).
    pub outlets: &'a [OutletStats],
    /// Evidence categories seen in any row, in legend order.
    pub categories: Vec<&'a str>,
    /// Whether any row has loaded terms.
    pub loaded_terms: bool,
    pub naming: Vec<NamingRow<'a>>,
}

/// The two "most" lists of a page.
#[derive(Debug)]
pub struct Tops<'a> {
    /// "across the corpus", "of this outlet".
    pub scope: &'static str,
    pub loaded: &'a [TopSentence],
    pub unattributed: &'a [TopSentence],
}

/// The table of articles.
#[derive(Debug)]
pub struct ArticleList<'a> {
    /// With the line that says what follows (the single file, whose articles follow).
    pub lede: bool,
    /// The categories to show a legend for, when the list is followed by highlighted text.
    pub legend: Option<Vec<&'a str>>,
    pub rows: Vec<&'a ArticleRow>,
    pub show_outlet: bool,
}

/// One article as its section shows it.
#[derive(Debug)]
pub struct ArticleView<'a> {
    pub article: &'a ScoredArticle,
    pub row: &'a ArticleRow,
    pub title: &'a str,
    pub outlet: &'a str,
    /// The date and URL when they say something.
    pub date: Option<&'a str>,
    pub url: Option<&'a str>,
}

impl<'a> ArticleView<'a> {
    pub fn new(article: &'a ScoredArticle, row: &'a ArticleRow) -> ArticleView<'a> {
        let given = |v: &'a Option<String>| v.as_deref().filter(|v| !v.trim().is_empty());
        ArticleView {
            article,
            row,
            title: display_title(article.title.as_deref(), &article.id, &article.path),
            outlet: outlet_name(article.outlet.as_deref()),
            date: given(&article.date),
            url: given(&article.url),
        }
    }

    /// Loaded and unattributed flags per 100 sentences in the outlet's own voice, when it has
    /// any.
    pub fn per_100(&self) -> Option<(f64, f64)> {
        let r = self.row;
        (r.author_sentences > 0).then(|| {
            let per = |n: u32| 100.0 * n as f64 / r.author_sentences as f64;
            (per(r.loaded_flagged), per(r.unattributed_flagged))
        })
    }

    /// Sentences inside quotations (not the outlet's own voice).
    pub fn quoted_sentences(&self) -> usize {
        (self.row.sentences - self.row.author_sentences) as usize
    }

    /// What the flag counts are out of: " of 12 sentences in the outlet's own voice (8.3 and
    /// 0.0 per 100)".
    pub fn own_voice(&self) -> String {
        let mut line = format!(
            " of {} in the outlet\u{2019}s own voice",
            plural(self.row.author_sentences as usize, "sentence", "sentences")
        );
        if let Some((l, u)) = self.per_100() {
            line.push_str(&format!(" ({l:.1} and {u:.1} per 100)"));
        }
        line
    }

    /// The article's identifiers, shown as code: id, file and (when given) URL, each with
    /// its name.
    pub fn identifiers(&self) -> Vec<(&'static str, &'a str)> {
        let mut ids = vec![
            ("id", self.article.id.as_str()),
            ("file", self.article.path.as_str()),
        ];
        ids.extend(self.url.map(|u| ("url", u)));
        ids
    }

    /// The evidence categories of the article (for its page's legend).
    pub fn categories(&self) -> Vec<&'a str> {
        self.article
            .sentences
            .iter()
            .flat_map(|s| s.loaded.evidence.iter().chain(&s.unattributed.evidence))
            .map(|e| e.category.as_ref())
            .collect()
    }
}

/// The reasons an unattributed claim is flagged, in plain words.
pub fn reasons(s: &ScoredSentence) -> Vec<&str> {
    s.unattributed
        .reasons
        .iter()
        .map(|r| categories::reason(r))
        .collect()
}

/// The source a sentence names and its kind of attribution in words.
pub fn source_given(s: &ScoredSentence) -> Option<(&str, &'static str)> {
    let src = s.attribution.source.as_deref()?;
    Some((src, categories::attribution(s.attribution.kind.as_str()).0))
}

/// The evidence a "most" list shows for a sentence: the loaded or the unattributed evidence.
pub fn list_evidence(s: &ScoredSentence, loaded: bool) -> &[Evidence] {
    if loaded {
        &s.loaded.evidence
    } else {
        &s.unattributed.evidence
    }
}

/// One line of the methods note: what it is about, and its value, shown as code or as words.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact<'a> {
    pub label: &'static str,
    pub value: &'a str,
    pub code: bool,
}

/// The versions and settings behind a report, for its methods note.
pub fn facts(meta: &Meta) -> Vec<Fact<'_>> {
    let lexicons = if meta.lexicon_version.is_empty() {
        "unknown"
    } else {
        &meta.lexicon_version
    };
    let mut facts = vec![
        Fact {
            label: "Lexicons",
            value: lexicons,
            code: true,
        },
        Fact {
            label: "slant version",
            value: &meta.slant_version,
            code: false,
        },
    ];
    if !meta.command.is_empty() {
        facts.push(Fact {
            label: "Command line",
            value: &meta.command,
            code: true,
        });
    }
    if let Some(t) = &meta.timestamp {
        facts.push(Fact {
            label: "Generated",
            value: t,
            code: false,
        });
    }
    facts
}

/// slant's rules for the methods note: code, name in words, what it flags.
pub fn rules() -> Vec<[String; 3]> {
    slant_score::rules::all()
        .iter()
        .map(|r| {
            let i = r.info();
            [
                i.code.to_string(),
                i.name.replace('_', " "),
                i.summary.to_string(),
            ]
        })
        .collect()
}

/// The columns of the rates table of an overview: label, and whether it holds numbers.
pub const RATE_COLUMNS: [(&str, bool); 7] = [
    ("Outlet", false),
    ("Articles", true),
    ("Sentences", true),
    ("Own voice", true),
    ("Loaded per 100 (95% CI)", true),
    ("Unattributed per 100 (95% CI)", true),
    ("Quoted text", true),
];

/// The columns of the table of failed inputs.
pub const FAILED_COLUMNS: [(&str, bool); 4] = [
    ("Input", false),
    ("Line", true),
    ("Problem", false),
    ("Details", false),
];

/// The columns of the table of rules.
pub const RULE_COLUMNS: [(&str, bool); 3] = [("Code", false), ("Rule", false), ("Flags", false)];

/// The columns of the table of loaded terms.
pub const TERM_COLUMNS: [(&str, bool); 2] = [
    ("Outlet", false),
    (
        "Terms in the outlet\u{2019}s own voice (occurrences)",
        false,
    ),
];

/// The columns of a table of articles: number, title, outlet (when shown), date, sentences in
/// the outlet's own voice (labelled `own_voice`), loaded and unattributed flags.
pub fn article_columns(show_outlet: bool, own_voice: &'static str) -> Vec<(&'static str, bool)> {
    let mut head = vec![("#", true), ("Article", false)];
    if show_outlet {
        head.push(("Outlet", false));
    }
    head.extend([
        ("Date", false),
        (own_voice, true),
        ("Loaded", true),
        ("Unattributed", true),
    ]);
    head
}

/// The number cells of a row of the rates table: articles, sentences, own-voice sentences.
pub fn counts(o: &OutletStats) -> [String; 3] {
    [o.articles, o.sentences, o.author_sentences].map(|n| n.to_string())
}

/// "3 articles", "1 article".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The line under a corpus page's title.
fn corpus_line(corpus: &Corpus, total: &OutletStats, outlets: usize) -> String {
    let mut line = format!(
        "{} from {} \u{b7} {} \u{b7} slant {}",
        plural(total.articles, "article", "articles"),
        plural(outlets, "outlet", "outlets"),
        plural(total.sentences, "sentence", "sentences"),
        corpus.meta.slant_version
    );
    if !corpus.failed.is_empty() {
        line.push_str(&format!(
            " \u{b7} {} failed",
            plural(corpus.failed.len(), "input", "inputs")
        ));
    }
    if let Some(t) = &corpus.meta.timestamp {
        line.push_str(&format!(" \u{b7} {t}"));
    }
    line
}

fn corpus_title(total: &OutletStats) -> String {
    format!(
        "Framing report \u{2014} {} \u{2014} slant",
        plural(total.articles, "article", "articles")
    )
}

fn overview<'a>(
    heading: &'static str,
    cards: Cards<'a>,
    outlets: &'a [OutletStats],
    total: &'a OutletStats,
    with_total: bool,
) -> Overview<'a> {
    let mut rows: Vec<Row<'a>> = outlets
        .iter()
        .map(|stats| Row {
            stats,
            total: false,
        })
        .collect();
    if with_total {
        rows.push(Row {
            stats: total,
            total: true,
        });
    }
    let mut categories: Vec<&str> = rows
        .iter()
        .flat_map(|r| r.stats.categories.keys().map(String::as_str))
        .collect();
    categories.sort_by_key(|n| (category_rank(n), *n));
    categories.dedup();
    let mut sets: Vec<&str> = outlets
        .iter()
        .flat_map(|o| o.naming.keys().map(String::as_str))
        .collect();
    sets.sort_unstable();
    sets.dedup();
    let naming = sets
        .into_iter()
        .map(|set| NamingRow {
            set,
            cells: outlets
                .iter()
                .map(|o| {
                    o.naming
                        .get(set)
                        .map(|t| t.iter().map(|(term, n)| (term.as_str(), *n)).collect())
                        .unwrap_or_default()
                })
                .collect(),
        })
        .collect();
    Overview {
        heading,
        cards,
        loaded_terms: rows.iter().any(|r| !r.stats.loaded_terms.is_empty()),
        rows,
        outlets,
        categories,
        naming,
    }
}

fn corpus_overview<'a>(
    corpus: &'a Corpus,
    outlets: &'a [OutletStats],
    total: &'a OutletStats,
) -> Section<'a> {
    let cards = Cards {
        failed: corpus.failed.len(),
        stats: total,
        outlets: outlets.len(),
    };
    Section::Overview(overview(
        "Corpus overview",
        cards,
        outlets,
        total,
        outlets.len() > 1,
    ))
}

fn corpus_tops(corpus: &Corpus) -> Section<'_> {
    Section::Tops(Tops {
        scope: "across the corpus",
        loaded: corpus.top_loaded.items(),
        unattributed: corpus.top_unattributed.items(),
    })
}

/// The whole report in one file. Every article's section goes inside [`Section::Articles`].
pub fn single_file<'a>(
    corpus: &'a Corpus,
    outlets: &'a [OutletStats],
    total: &'a OutletStats,
) -> Page<'a> {
    let articles = Section::Articles(ArticleList {
        lede: true,
        legend: Some(corpus.categories_seen.keys().map(String::as_str).collect()),
        rows: corpus.articles.iter().collect(),
        show_outlet: outlets.len() > 1,
    });
    let own = vec![corpus_tops(corpus), articles];
    corpus_page(PageKind::Single, corpus, outlets, total, own)
}

/// The index page of a folder report.
pub fn index<'a>(
    corpus: &'a Corpus,
    outlets: &'a [OutletStats],
    total: &'a OutletStats,
) -> Page<'a> {
    let own = vec![Section::Outlets(outlets), corpus_tops(corpus)];
    corpus_page(PageKind::Index, corpus, outlets, total, own)
}

/// A page about the whole corpus: header, overview, the page's `own` sections, the inputs
/// that failed (when any did) and the methods; its table of contents lists them all.
fn corpus_page<'a>(
    kind: PageKind,
    corpus: &'a Corpus,
    outlets: &'a [OutletStats],
    total: &'a OutletStats,
    own: Vec<Section<'a>>,
) -> Page<'a> {
    let mut sections = vec![corpus_overview(corpus, outlets, total)];
    sections.extend(own);
    if !corpus.failed.is_empty() {
        sections.push(Section::Failed(&corpus.failed));
    }
    sections.push(Section::Methods(&corpus.meta));
    let nav = sections.iter().flat_map(Section::anchors).collect();
    sections.insert(
        0,
        Section::Header(Header {
            title: Some("Framing report"),
            sub: Some(corpus_line(corpus, total, outlets.len())),
            crumbs: None,
            nav,
        }),
    );
    Page {
        kind,
        title: corpus_title(total),
        sections,
    }
}

/// One outlet's page of a folder report.
pub fn outlet<'a>(corpus: &'a Corpus, outlet: &'a OutletStats, total: &'a OutletStats) -> Page<'a> {
    let sub = format!(
        "{} \u{b7} {} \u{b7} {} in the outlet\u{2019}s own voice",
        plural(outlet.articles, "article", "articles"),
        plural(outlet.sentences, "sentence", "sentences"),
        outlet.author_sentences
    );
    let cards = Cards {
        failed: 0,
        stats: outlet,
        outlets: 0,
    };
    let (loaded, unattributed) = corpus
        .outlet_tops
        .get(&outlet.name)
        .map(|(l, u)| (l.items(), u.items()))
        .unwrap_or_default();
    let mut sections = vec![
        Section::Overview(overview(
            "Overview",
            cards,
            std::slice::from_ref(outlet),
            total,
            true,
        )),
        Section::Tops(Tops {
            scope: "of this outlet",
            loaded,
            unattributed,
        }),
        Section::Articles(ArticleList {
            lede: false,
            legend: None,
            rows: corpus.articles_of(&outlet.name).collect(),
            show_outlet: false,
        }),
        Section::MethodsLink,
    ];
    let nav = sections.iter().flat_map(Section::anchors).collect();
    let crumbs = Crumbs {
        outlet: None,
        here: "outlet".into(),
    };
    sections.insert(
        0,
        Section::Header(Header {
            title: Some(&outlet.name),
            sub: Some(sub),
            crumbs: Some(crumbs),
            nav,
        }),
    );
    Page {
        kind: PageKind::Outlet,
        title: format!("{} \u{2014} slant", outlet.name),
        sections,
    }
}

/// One article's page of a folder report.
pub fn article<'a>(view: ArticleView<'a>) -> Page<'a> {
    Page {
        kind: PageKind::Article,
        title: format!("{} \u{2014} slant", view.title),
        sections: vec![
            Section::Header(Header {
                title: None,
                sub: None,
                crumbs: Some(Crumbs {
                    outlet: Some(view.outlet),
                    here: format!("article {}", view.row.seq),
                }),
                nav: vec![],
            }),
            Section::Legend(view.categories()),
            Section::Article(view),
            Section::MethodsLink,
        ],
    }
}
