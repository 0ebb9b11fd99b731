//! Who an outlet quotes: the name in an attribution's source as the scorer wrote it
//! ("Senate Majority Leader Harry Reid" -> "Harry Reid"), and counts of those names, shared by
//! the comparison (most cited sources per outlet) and the stories (who only one outlet quotes).

use serde::Serialize;
use std::collections::BTreeMap;

/// A named source and how many sentences cite it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceCount {
    pub source: String,
    pub sentences: usize,
}

/// True when `words` are in strictly increasing order, as a binary search needs them.
pub fn is_sorted_set(words: &[&str]) -> bool {
    words.windows(2).all(|w| w[0] < w[1])
}

/// True when a word starts with a capital letter.
pub fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// The `n` largest counts, ties broken by name.
pub fn top_counts(counts: &BTreeMap<String, usize>, n: usize) -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = counts.iter().map(|(k, c)| (k.clone(), *c)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(n);
    v
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        assert!([TITLES, NOT_SOURCES].iter().all(|l| is_sorted_set(l)));
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
}
