//! Lexicons: TOML files of terms with a category, weight and note, and their inflected forms.
//!
//! The built-in lexicons under `models/lexicons/` are read at build time through
//! [`Lexicon::parse`], the same path a user's `--lexicon FILE` takes: the build script
//! (`build.rs`, which compiles this file on its own) turns them into static data that
//! [`Lexicon::builtin`] copies at start-up (`builtin.rs`), so no run parses them again.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

/// What kind of wording an entry is. Each category feeds one rule (or the attribution finder).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    ChargedVerb,
    Intensifier,
    Emotional,
    Exaggeration,
    Label,
    Euphemism,
    ReportingVerb,
    AttributionCue,
    Hedge,
    Booster,
    Naming,
    VagueSource,
    AnonymousSource,
    DocumentSource,
    Evaluation,
}

impl Category {
    pub const ALL: [Category; 15] = [
        Category::ChargedVerb,
        Category::Intensifier,
        Category::Emotional,
        Category::Exaggeration,
        Category::Label,
        Category::Euphemism,
        Category::ReportingVerb,
        Category::AttributionCue,
        Category::Hedge,
        Category::Booster,
        Category::Naming,
        Category::VagueSource,
        Category::AnonymousSource,
        Category::DocumentSource,
        Category::Evaluation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::ChargedVerb => "charged_verb",
            Category::Intensifier => "intensifier",
            Category::Emotional => "emotional",
            Category::Exaggeration => "exaggeration",
            Category::Label => "label",
            Category::Euphemism => "euphemism",
            Category::ReportingVerb => "reporting_verb",
            Category::AttributionCue => "attribution_cue",
            Category::Hedge => "hedge",
            Category::Booster => "booster",
            Category::Naming => "naming",
            Category::VagueSource => "vague_source",
            Category::AnonymousSource => "anonymous_source",
            Category::DocumentSource => "document_source",
            Category::Evaluation => "evaluation",
        }
    }

    pub fn from_name(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// Categories that mark how a sentence is sourced rather than how it is worded.
    pub fn is_source(self) -> bool {
        matches!(
            self,
            Category::AttributionCue
                | Category::VagueSource
                | Category::AnonymousSource
                | Category::DocumentSource
        )
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Part of speech, which decides the inflected forms generated for an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pos {
    Verb,
    Noun,
    Adj,
    Adv,
    Phrase,
    Name,
}

/// One lexicon entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub term: String,
    pub category: Category,
    pub weight: f64,
    pub pos: Pos,
    pub note: String,
    pub forms: Vec<String>,
    pub set: Option<String>,
    pub case_sensitive: bool,
    /// The lexicon (file) the entry came from.
    pub lexicon: String,
}

impl Entry {
    /// Every surface form the entry matches: the term, its inflections and the extra forms.
    pub fn surface_forms(&self) -> Vec<String> {
        let mut forms = vec![self.term.clone()];
        match self.pos {
            Pos::Verb => forms.extend(inflect_first(&self.term, verb_forms)),
            Pos::Noun => forms.extend(inflect_last(&self.term, noun_forms)),
            _ => {}
        }
        forms.extend(self.forms.iter().cloned());
        // Typographic apostrophes are as common as straight ones in news text.
        let curly: Vec<String> = forms
            .iter()
            .filter(|f| f.contains('\''))
            .map(|f| f.replace('\'', "\u{2019}"))
            .collect();
        forms.extend(curly);
        forms.sort();
        forms.dedup();
        forms.retain(|f| !f.trim().is_empty());
        forms
    }
}

fn inflect_first(term: &str, f: fn(&str) -> Vec<String>) -> Vec<String> {
    match term.split_once(' ') {
        Some((head, rest)) => f(head).into_iter().map(|h| format!("{h} {rest}")).collect(),
        None => f(term),
    }
}

fn inflect_last(term: &str, f: fn(&str) -> Vec<String>) -> Vec<String> {
    match term.rsplit_once(' ') {
        Some((rest, tail)) => f(tail).into_iter().map(|t| format!("{rest} {t}")).collect(),
        None => f(term),
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// -s, -ed and -ing forms. Where English may or may not double the final consonant
/// (slam -> slammed, visit -> visited) both spellings are generated: the wrong one never
/// occurs in text, so it costs nothing.
pub fn verb_forms(w: &str) -> Vec<String> {
    let chars: Vec<char> = w.chars().collect();
    let n = chars.len();
    if n < 2 {
        return vec![];
    }
    let last = chars[n - 1];
    let stem = &w[..w.len() - last.len_utf8()];
    let mut out = Vec::new();
    if last == 'e' {
        out.push(format!("{w}s"));
        out.push(format!("{w}d"));
        if w.ends_with("ee") {
            out.push(format!("{w}ing"));
        } else {
            out.push(format!("{stem}ing"));
        }
    } else if last == 'y' && !is_vowel(chars[n - 2]) {
        out.push(format!("{stem}ies"));
        out.push(format!("{stem}ied"));
        out.push(format!("{w}ing"));
    } else if w.ends_with('s')
        || w.ends_with("sh")
        || w.ends_with("ch")
        || w.ends_with('x')
        || w.ends_with('z')
    {
        out.push(format!("{w}es"));
        out.push(format!("{w}ed"));
        out.push(format!("{w}ing"));
    } else {
        out.push(format!("{w}s"));
        out.push(format!("{w}ed"));
        out.push(format!("{w}ing"));
        if n >= 3
            && !is_vowel(last)
            && !matches!(last, 'w' | 'x' | 'y')
            && is_vowel(chars[n - 2])
            && !is_vowel(chars[n - 3])
        {
            out.push(format!("{w}{last}ed"));
            out.push(format!("{w}{last}ing"));
        }
        if last == 'c' {
            out.push(format!("{w}ked"));
            out.push(format!("{w}king"));
        }
    }
    out
}

/// Plural forms.
pub fn noun_forms(w: &str) -> Vec<String> {
    let chars: Vec<char> = w.chars().collect();
    let n = chars.len();
    if n < 2 {
        return vec![];
    }
    if w.ends_with('s')
        || w.ends_with("sh")
        || w.ends_with("ch")
        || w.ends_with('x')
        || w.ends_with('z')
    {
        vec![format!("{w}es")]
    } else if w.ends_with('y') && !is_vowel(chars[n - 2]) {
        vec![format!("{}ies", &w[..w.len() - 1])]
    } else {
        vec![format!("{w}s")]
    }
}

/// A problem with one lexicon entry (or the file), with the line it starts on.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{origin}:{line}: {message}")]
pub struct LexiconError {
    pub origin: String,
    pub line: usize,
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    lexicon: Option<RawMeta>,
    #[serde(default)]
    entry: Vec<toml::Value>,
}

/// A lexicon file whose entries are all well formed.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TypedFile {
    lexicon: Option<RawMeta>,
    #[serde(default)]
    entry: Vec<RawEntry>,
}

#[derive(Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    name: Option<String>,
    version: Option<String>,
    description: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    term: String,
    category: String,
    weight: f64,
    pos: Option<Pos>,
    #[serde(default)]
    note: String,
    #[serde(default)]
    forms: Vec<String>,
    set: Option<String>,
    #[serde(default)]
    case_sensitive: bool,
}

/// Metadata of one lexicon file.
#[derive(Debug, Clone, PartialEq)]
pub struct LexiconInfo {
    pub name: String,
    pub version: String,
    pub description: String,
    pub entries: usize,
}

/// A set of entries from one or more lexicon files.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub entries: Vec<Entry>,
    pub files: Vec<LexiconInfo>,
}

/// The built-in lexicon files, embedded at build time.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "charged_verbs.toml",
        include_str!("../../../models/lexicons/charged_verbs.toml"),
    ),
    (
        "intensifiers.toml",
        include_str!("../../../models/lexicons/intensifiers.toml"),
    ),
    (
        "emotional.toml",
        include_str!("../../../models/lexicons/emotional.toml"),
    ),
    (
        "exaggeration.toml",
        include_str!("../../../models/lexicons/exaggeration.toml"),
    ),
    (
        "labels.toml",
        include_str!("../../../models/lexicons/labels.toml"),
    ),
    (
        "euphemisms.toml",
        include_str!("../../../models/lexicons/euphemisms.toml"),
    ),
    (
        "reporting_verbs.toml",
        include_str!("../../../models/lexicons/reporting_verbs.toml"),
    ),
    (
        "hedges.toml",
        include_str!("../../../models/lexicons/hedges.toml"),
    ),
    (
        "boosters.toml",
        include_str!("../../../models/lexicons/boosters.toml"),
    ),
    (
        "naming.toml",
        include_str!("../../../models/lexicons/naming.toml"),
    ),
    (
        "sources.toml",
        include_str!("../../../models/lexicons/sources.toml"),
    ),
    (
        "evaluation.toml",
        include_str!("../../../models/lexicons/evaluation.toml"),
    ),
];

impl Lexicon {
    /// All built-in lexicons, parsed from their TOML files (the build script's path; a run
    /// takes the compiled copy, [`Lexicon::builtin`]). A bad built-in file fails the build.
    pub fn parse_builtin() -> Result<Lexicon, Vec<LexiconError>> {
        let mut lex = Lexicon::default();
        for (name, text) in BUILTIN {
            let file = Lexicon::parse(name, text)?;
            lex.entries.extend(file.entries);
            lex.files.extend(file.files);
        }
        Ok(lex)
    }

    /// Parse one lexicon file. Returns every problem found, each with its line, so that
    /// `slant lexicon check` can report all bad entries at once.
    pub fn parse(origin: &str, text: &str) -> Result<Lexicon, Vec<LexiconError>> {
        let err = |line: usize, message: String| LexiconError {
            origin: origin.to_string(),
            line,
            message,
        };
        // Nearly always every entry is well formed: they are read typed in one go. Only when
        // that fails are they read as values and then one by one, so that every bad entry is
        // reported with its line.
        let (meta, raw_entries): (Option<RawMeta>, Vec<Result<RawEntry, String>>) =
            match toml::from_str::<TypedFile>(text) {
                Ok(file) => (file.lexicon, file.entry.into_iter().map(Ok).collect()),
                Err(_) => {
                    let raw: RawFile = toml::from_str(text).map_err(|e| {
                        let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(1);
                        vec![err(line, e.message().to_string())]
                    })?;
                    let entries = raw.entry.into_iter().map(|value| {
                        value
                            .try_into::<RawEntry>()
                            .map_err(|e| e.message().to_string())
                    });
                    (raw.lexicon, entries.collect())
                }
            };
        let entry_lines = entry_lines(text);
        let meta = meta.unwrap_or_default();
        let lex_name = meta
            .name
            .clone()
            .unwrap_or_else(|| origin.trim_end_matches(".toml").to_string());
        let mut errors = Vec::new();
        let mut entries = Vec::new();
        let mut seen: BTreeMap<(String, Category), usize> = BTreeMap::new();
        for (i, raw) in raw_entries.into_iter().enumerate() {
            let line = entry_lines.get(i).copied().unwrap_or(1);
            let raw = match raw {
                Ok(r) => r,
                Err(message) => {
                    errors.push(err(line, format!("entry {}: {message}", i + 1)));
                    continue;
                }
            };
            let Some(category) = Category::from_name(&raw.category) else {
                errors.push(err(
                    line,
                    format!(
                        "unknown category `{}` (expected one of: {})",
                        raw.category,
                        Category::ALL
                            .iter()
                            .map(|c| c.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
                continue;
            };
            let term = raw.term.trim().to_string();
            if term.is_empty() {
                errors.push(err(line, "empty term".into()));
                continue;
            }
            if !(0.0..=1.0).contains(&raw.weight) || raw.weight.is_nan() {
                errors.push(err(
                    line,
                    format!("weight {} of `{term}` is outside 0.0-1.0", raw.weight),
                ));
                continue;
            }
            if category == Category::Naming && raw.set.is_none() {
                errors.push(err(line, format!("naming entry `{term}` needs a `set`")));
                continue;
            }
            let key = (term.to_lowercase(), category);
            if let Some(first) = seen.get(&key) {
                errors.push(err(
                    line,
                    format!("duplicate entry `{term}` ({category}); first on line {first}"),
                ));
                continue;
            }
            seen.insert(key, line);
            let pos = raw.pos.unwrap_or(if term.contains(' ') {
                Pos::Phrase
            } else {
                Pos::Adj
            });
            entries.push(Entry {
                term,
                category,
                weight: raw.weight,
                pos,
                note: raw.note.trim().to_string(),
                forms: raw.forms,
                set: raw.set,
                case_sensitive: raw.case_sensitive,
                lexicon: lex_name.clone(),
            });
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let info = LexiconInfo {
            name: lex_name,
            version: meta.version.unwrap_or_else(|| "unversioned".into()),
            description: meta.description.unwrap_or_default(),
            entries: entries.len(),
        };
        Ok(Lexicon {
            entries,
            files: vec![info],
        })
    }

    /// Add another lexicon's entries. An entry whose term (case-insensitive) is already present
    /// replaces the old entries for that term, so a user can re-weigh or silence (weight 0) a
    /// built-in entry.
    pub fn extend(&mut self, other: Lexicon) {
        let terms: std::collections::HashSet<String> = other
            .entries
            .iter()
            .map(|e| e.term.to_lowercase())
            .collect();
        self.entries
            .retain(|e| !terms.contains(&e.term.to_lowercase()));
        self.entries.extend(other.entries);
        self.files.extend(other.files);
    }

    /// A short version string covering every file, for reports' methods notes.
    pub fn version(&self) -> String {
        let mut v: Vec<String> = self
            .files
            .iter()
            .map(|f| format!("{}@{}", f.name, f.version))
            .collect();
        v.sort();
        v.dedup();
        v.join(", ")
    }

    pub fn count_by_category(&self) -> BTreeMap<Category, usize> {
        let mut m = BTreeMap::new();
        for e in &self.entries {
            *m.entry(e.category).or_insert(0) += 1;
        }
        m
    }
}

fn line_of(text: &str, byte: usize) -> usize {
    text[..byte.min(text.len())]
        .bytes()
        .filter(|&b| b == b'\n')
        .count()
        + 1
}

fn entry_lines(text: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with("[[entry]]"))
        .map(|(i, _)| i + 1)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections() {
        let has = |f: Vec<String>, w: &str| f.iter().any(|x| x == w);
        let v = verb_forms("slam");
        assert!(has(v.clone(), "slams") && has(v.clone(), "slammed") && has(v, "slamming"));
        let v = verb_forms("blame");
        assert!(has(v.clone(), "blamed") && has(v, "blaming"));
        let v = verb_forms("decry");
        assert!(has(v.clone(), "decries") && has(v, "decried"));
        let v = verb_forms("lash");
        assert!(has(v, "lashes"));
        assert_eq!(noun_forms("thug"), vec!["thugs"]);
        assert_eq!(noun_forms("crony"), vec!["cronies"]);
        let e = Entry {
            term: "lash out".into(),
            category: Category::ChargedVerb,
            weight: 0.6,
            pos: Pos::Verb,
            note: String::new(),
            forms: vec![],
            set: None,
            case_sensitive: false,
            lexicon: "t".into(),
        };
        assert!(e.surface_forms().contains(&"lashed out".to_string()));
    }

    #[test]
    fn every_bad_entry_is_reported_with_its_line() {
        let text = "[lexicon]\nname = \"t\"\n\n[[entry]]\nterm = \"ok\"\ncategory = \"label\"\nweight = 0.5\n\n[[entry]]\nterm = \"bad\"\ncategory = \"nope\"\nweight = 0.5\n\n[[entry]]\nterm = \"heavy\"\ncategory = \"label\"\nweight = 1.5\n\n[[entry]]\nterm = \"ok\"\ncategory = \"label\"\nweight = 0.2\n";
        let errs = Lexicon::parse("t.toml", text).unwrap_err();
        let lines: Vec<usize> = errs.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![9, 14, 19]);
        assert!(errs[0].message.contains("unknown category"));
        assert!(errs[1].message.contains("outside"));
        assert!(errs[2].message.contains("duplicate"));
        let syntax = Lexicon::parse("s.toml", "[[entry]\nterm = ").unwrap_err();
        assert_eq!(syntax.len(), 1);
    }

    #[test]
    fn builtin_lexicons_are_valid_and_large() {
        let lex = Lexicon::builtin();
        assert!(
            lex.entries.len() >= 1500,
            "only {} entries",
            lex.entries.len()
        );
        for c in Category::ALL {
            assert!(
                lex.count_by_category().get(&c).copied().unwrap_or(0) > 0,
                "no entries for {c}"
            );
        }
        for e in &lex.entries {
            assert!(!e.note.is_empty(), "entry `{}` has no note", e.term);
        }
    }

    #[test]
    fn user_entries_override_builtin_ones() {
        let mut lex = Lexicon::builtin();
        let user = Lexicon::parse(
            "u.toml",
            "[[entry]]\nterm = \"Regime\"\ncategory = \"label\"\nweight = 0.0\nnote = \"off\"\n",
        )
        .unwrap();
        lex.extend(user);
        let regime: Vec<&Entry> = lex
            .entries
            .iter()
            .filter(|e| e.term.eq_ignore_ascii_case("regime"))
            .collect();
        assert_eq!(regime.len(), 1);
        assert_eq!(regime[0].weight, 0.0);
    }
}
