//! One Aho-Corasick automaton over every surface form of every lexicon entry.

use crate::lexicon::{Category, Entry, Lexicon};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use slant_ingest::Span;

/// A lexicon entry found in text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub span: Span,
    /// Index into [`Lexicon::entries`].
    pub entry: usize,
    pub category: Category,
}

/// The compiled lexicon.
pub struct Matcher {
    automaton: AhoCorasick,
    /// Pattern id -> entry index.
    pattern_entry: Vec<usize>,
    case_sensitive: Vec<Option<String>>,
}

impl Matcher {
    pub fn new(lexicon: &Lexicon) -> Matcher {
        let mut patterns = Vec::new();
        let mut pattern_entry = Vec::new();
        let mut case_sensitive = Vec::new();
        for (i, entry) in lexicon.entries.iter().enumerate() {
            for form in entry.surface_forms() {
                let exact = entry.case_sensitive.then(|| form.clone());
                patterns.push(if entry.case_sensitive {
                    form
                } else {
                    form.to_lowercase()
                });
                pattern_entry.push(i);
                case_sensitive.push(exact);
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            // A full DFA: more memory (a few MB), but the fastest scan for overlapping search.
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&patterns)
            .expect("lexicon patterns build an automaton");
        Matcher {
            automaton,
            pattern_entry,
            case_sensitive,
        }
    }

    /// All hits in `text`, on word boundaries, overlaps resolved within each group (see
    /// [`group`]): the longest hit wins, then the earliest, then the higher weight.
    pub fn find(&self, text: &str, entries: &[Entry]) -> Vec<Hit> {
        let mut raw: Vec<Hit> = Vec::new();
        for m in self.automaton.find_overlapping_iter(text) {
            let (start, end) = (m.start(), m.end());
            if !is_boundary(text, start, end) {
                continue;
            }
            let pid = m.pattern().as_usize();
            if let Some(exact) = &self.case_sensitive[pid] {
                if &text[start..end] != exact {
                    continue;
                }
            }
            let entry = self.pattern_entry[pid];
            raw.push(Hit {
                span: Span::new(start, end),
                entry,
                category: entries[entry].category,
            });
        }
        raw.sort_by(|a, b| {
            (b.span.len(), a.span.start)
                .cmp(&(a.span.len(), b.span.start))
                .then(entries[b.entry].weight.total_cmp(&entries[a.entry].weight))
                .then(a.entry.cmp(&b.entry))
        });
        let mut kept: Vec<Hit> = Vec::new();
        for hit in raw {
            let clash = kept
                .iter()
                .any(|k| k.span.overlaps(hit.span) && group(k.category) == group(hit.category));
            if !clash {
                kept.push(hit);
            }
        }
        kept.sort_by_key(|h| (h.span.start, h.span.end, h.entry));
        kept
    }
}

/// Overlaps are resolved within a group: wording, naming (counted for the article's naming
/// summary even where a label covers the same word), sourcing, and the writer's evaluations
/// (read by the unattributed rules only, so they never take a loaded word's place).
fn group(c: Category) -> u8 {
    match c {
        Category::Naming => 1,
        c if c.is_source() => 2,
        Category::Evaluation => 3,
        _ => 0,
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_boundary(text: &str, start: usize, end: usize) -> bool {
    if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return false;
    }
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..].chars().next();
    let last = text[..end].chars().next_back();
    let left_ok = match (before, first) {
        (Some(b), Some(f)) => !(is_word_char(b) && is_word_char(f)),
        _ => true,
    };
    let right_ok = match (last, after) {
        (Some(l), Some(a)) => !(is_word_char(l) && is_word_char(a)),
        _ => true,
    };
    left_ok && right_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex(toml: &str) -> Lexicon {
        Lexicon::parse("t.toml", toml).unwrap()
    }

    #[test]
    fn word_boundaries_inflection_and_longest_match() {
        let l = lex(r#"
[[entry]]
term = "slam"
category = "charged_verb"
weight = 0.6
pos = "verb"
note = "n"
[[entry]]
term = "regime"
category = "label"
weight = 0.7
pos = "noun"
note = "n"
[[entry]]
term = "regime change"
category = "euphemism"
weight = 0.4
pos = "phrase"
note = "n"
[[entry]]
term = "say"
category = "attribution_cue"
weight = 0.0
pos = "verb"
forms = ["said"]
note = "n"
"#);
        let m = Matcher::new(&l);
        let text = "Critics SLAMMED the regimes; slamdunk. They said regime change, Islam.";
        let hits: Vec<&str> = m
            .find(text, &l.entries)
            .iter()
            .map(|h| &text[h.span.start..h.span.end])
            .collect();
        assert_eq!(hits, vec!["SLAMMED", "regimes", "said", "regime change"]);
    }
}
