//! The data types every slant crate shares, including the `slant/1` JSON contract.
//!
//! They live at the root of the data flow (ingest -> score -> report -> cli) so that there is
//! exactly one definition of an article, a sentence and a scored record; later crates fill them
//! in, never redefine them. Field names here *are* the public JSON contract: add fields, never
//! rename or remove one without bumping [`SCHEMA`].

use serde::{Deserialize, Serialize};

/// The schema tag written on every output record.
pub const SCHEMA: &str = "slant/1";

/// One article as read from a file, a JSONL line or stdin. `text` is the body that is scored;
/// every offset slant reports is a byte offset into it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub id: String,
    pub path: String,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    /// Who wrote it, when the input says (HTML metadata, a JSON `author` field).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    pub text: String,
    /// Non-fatal notes from reading the input (e.g. "decoded as Windows-1252").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl Article {
    /// An article that is only a body: `id` names it and is its path too, with no outlet,
    /// title, date, URL, author or warnings. For passages that do not come from a file (a
    /// typed passage in `slant explain`, an evaluation item) and for tests; set other fields
    /// with struct update syntax (`Article { path: ..., ..Article::from_text(id, text) }`).
    /// `text` is taken as it is: normalise raw input first ([`crate::normalise`]).
    pub fn from_text(id: impl Into<String>, text: impl Into<String>) -> Article {
        let id = id.into();
        Article {
            path: id.clone(),
            id,
            outlet: None,
            title: None,
            date: None,
            url: None,
            author: None,
            text: text.into(),
            warnings: Vec::new(),
        }
    }
}

/// Who speaks a sentence: the outlet itself, someone it quotes, or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Voice {
    Author,
    Quoted,
    Mixed,
}

/// A half-open byte range `[start, end)` into an article's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// A direct quotation found by ingest: `outer` includes the quotation marks, `inner` does not.
/// A quotation may span several sentences and paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub outer: Span,
    pub inner: Span,
}

/// A sentence as segmented by ingest, before scoring.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub paragraph: usize,
    pub voice: Voice,
    /// True for a line that stands alone without final punctuation (headline, bullet item).
    pub standalone: bool,
}

/// An article split for scoring: its sentences, paragraphs and quotations, all as spans into
/// `article.text`.
#[derive(Debug, Clone)]
pub struct Document {
    pub article: Article,
    pub paragraphs: Vec<Span>,
    pub sentences: Vec<Sentence>,
    pub quotes: Vec<Quote>,
}

impl Document {
    pub fn text(&self) -> &str {
        &self.article.text
    }
    pub fn slice(&self, span: Span) -> &str {
        &self.article.text[span.start..span.end]
    }
}

// ---------------------------------------------------------------------------------------------
// The scored record: `slant/1`.
// ---------------------------------------------------------------------------------------------

/// One word or phrase that made a rule fire, with the lexicon category and weight behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub category: std::borrow::Cow<'static, str>,
    pub weight: f64,
    pub rule: std::borrow::Cow<'static, str>,
    /// The lexicon entry (its base term) or the pattern that matched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry: Option<String>,
    /// True when the words stand inside a direct quotation: they belong to the speaker.
    #[serde(default, skip_serializing_if = "is_false")]
    pub quoted: bool,
    /// Plain-words reason for a person.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Unattributed-claim evidence only: the kind of unsourced claim (`evaluation`, `motive`,
    /// `prediction`, `figure`, `vague_source`, `agentless_passive`, `group_view`, `other`), from
    /// the reason the rule gave (`slant_score::rules::reasons`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<std::borrow::Cow<'static, str>>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoadedScore {
    pub score: f64,
    pub flagged: bool,
    pub evidence: Vec<Evidence>,
    /// The learned head's probability (transformer backend only; `flagged` then follows it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_probability: Option<f64>,
}

/// How a sentence is sourced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttributionKind {
    Named,
    Anonymous,
    Document,
    Vague,
    AgentlessPassive,
    None,
}

impl AttributionKind {
    pub const ALL: [AttributionKind; 6] = [
        AttributionKind::Named,
        AttributionKind::Anonymous,
        AttributionKind::Document,
        AttributionKind::Vague,
        AttributionKind::AgentlessPassive,
        AttributionKind::None,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            AttributionKind::Named => "named",
            AttributionKind::Anonymous => "anonymous",
            AttributionKind::Document => "document",
            AttributionKind::Vague => "vague",
            AttributionKind::AgentlessPassive => "agentless_passive",
            AttributionKind::None => "none",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    pub kind: AttributionKind,
    /// Who is cited, as written ("Putin", "some analysts", "a report by the UN").
    pub source: Option<String>,
    /// The words that mark the attribution ("stated", "according to").
    pub cue: Option<String>,
}

impl Attribution {
    pub fn none() -> Self {
        Attribution {
            kind: AttributionKind::None,
            source: None,
            cue: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnattributedScore {
    pub score: f64,
    pub flagged: bool,
    pub reasons: Vec<String>,
    /// The words behind each reason.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// The learned head's probability (transformer backend with an unattributed head only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_probability: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoredSentence {
    pub index: usize,
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
    pub text: String,
    pub voice: Voice,
    pub loaded: LoadedScore,
    pub attribution: Attribution,
    pub unattributed: UnattributedScore,
}

/// Counts of the terms of one naming set an article uses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NamingUse {
    pub set: String,
    /// Term (as the lexicon spells it) -> occurrences. Sorted for determinism.
    pub terms: std::collections::BTreeMap<String, usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub sentences: usize,
    pub loaded_flagged: usize,
    pub unattributed_flagged: usize,
    #[serde(default)]
    pub author_sentences: usize,
    /// Loaded-flagged author-voice sentences per 100 author-voice sentences.
    #[serde(default)]
    pub loaded_rate: f64,
    /// Unattributed-flagged author-voice sentences per 100 author-voice sentences.
    #[serde(default)]
    pub unattributed_rate: f64,
    pub naming: Vec<NamingUse>,
}

/// One scored article: a line of `slant score` output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoredArticle {
    pub schema: String,
    pub id: String,
    pub path: String,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    /// The article's author when its input names one (absent otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    pub sentences: Vec<ScoredSentence>,
    pub summary: Summary,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// Quotations in the article (byte spans including the marks).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<Span>,
    /// Byte length of the article text; with the sentences it lets a report rebuild the layout.
    #[serde(default)]
    pub text_len: usize,
}

/// Why an input could not be scored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorInfo {
    pub kind: String,
    pub message: String,
}

/// An input (file or line) that failed, written in the same stream as scored articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorRecord {
    pub schema: String,
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    pub error: ErrorInfo,
}

/// A line of `slant/1` output: a scored article or an error.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Record {
    Error(ErrorRecord),
    Article(Box<ScoredArticle>),
}

// Plain values to build records from: tests in every crate, and code that needs a placeholder
// (`std::mem::replace`), start from these instead of spelling out every field.

impl LoadedScore {
    /// Score 0, not flagged, no evidence.
    pub fn none() -> Self {
        LoadedScore {
            score: 0.0,
            flagged: false,
            evidence: vec![],
            model_probability: None,
        }
    }
}

impl UnattributedScore {
    /// Score 0, not flagged, no reasons, no evidence.
    pub fn none() -> Self {
        UnattributedScore {
            score: 0.0,
            flagged: false,
            reasons: vec![],
            evidence: vec![],
            model_probability: None,
        }
    }
}

impl ScoredSentence {
    /// A sentence in the author's voice with nothing flagged: `text` at byte `start`, in
    /// paragraph `index`.
    pub fn plain(index: usize, start: usize, text: &str) -> Self {
        ScoredSentence {
            index,
            start,
            end: start + text.len(),
            paragraph: index,
            text: text.to_string(),
            voice: Voice::Author,
            loaded: LoadedScore::none(),
            attribution: Attribution::none(),
            unattributed: UnattributedScore::none(),
        }
    }
}

impl Summary {
    /// No sentences, nothing flagged, no naming.
    pub fn empty() -> Self {
        Summary {
            sentences: 0,
            loaded_flagged: 0,
            unattributed_flagged: 0,
            author_sentences: 0,
            loaded_rate: 0.0,
            unattributed_rate: 0.0,
            naming: vec![],
        }
    }
}

impl ScoredArticle {
    /// A `slant/1` article with this id and path and nothing else: no metadata, no sentences.
    pub fn empty(id: &str, path: &str) -> Self {
        ScoredArticle {
            schema: SCHEMA.to_string(),
            id: id.to_string(),
            path: path.to_string(),
            outlet: None,
            title: None,
            date: None,
            url: None,
            author: None,
            sentences: vec![],
            summary: Summary::empty(),
            warnings: vec![],
            quotes: vec![],
            text_len: 0,
        }
    }
}
