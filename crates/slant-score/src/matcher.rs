//! Every surface form of every lexicon entry found in a text, on word boundaries.
//!
//! The forms are kept in a byte trie, folded to ASCII lower case (so "SLAMMED" meets
//! "slammed"; a case-sensitive entry is then checked exactly). A lexicon hit must start where a
//! word starts (or at a form's own leading punctuation), so the trie is walked only from those
//! positions, and a walk ends at the first byte no form continues with. A word that starts no
//! form is turned away by a small Bloom filter; a word that does is looked up in a table that
//! gives the node after it, so the walk starts there. The nodes are laid out depth first, so
//! the rest of a walk reads memory close together. The tables are [`crate::trie`]'s.

use crate::chars::is_word_char;
use crate::lexicon::{Category, Entry, Lexicon};
use crate::trie::{hash_step, Trie, View, HASH_START, NONE};
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
    trie: Trie,
}

impl Matcher {
    /// Compiles `lexicon` (a few milliseconds for the built-in lexicons).
    pub fn new(lexicon: &Lexicon) -> Matcher {
        Matcher {
            trie: Trie::new(lexicon),
        }
    }

    /// The built-in lexicons' matcher ([`Lexicon::builtin`]), compiled when the crate was
    /// built: nothing to do at start-up.
    pub fn builtin() -> Matcher {
        Matcher {
            trie: Trie::builtin(),
        }
    }

    /// All hits in `text`, on word boundaries, overlaps resolved within each group (see
    /// [`group`]): the longest hit wins, then the earliest, then the higher weight.
    pub fn find(&self, text: &str, entries: &[Entry]) -> Vec<Hit> {
        self.find_lower(text, &text.to_ascii_lowercase(), entries)
    }

    /// [`Matcher::find`] for a caller that has `text` lower-cased in ASCII already
    /// (`lower == text.to_ascii_lowercase()`): the scan, the word table and the walk read
    /// those bytes instead of lower-casing each byte they look at.
    pub fn find_lower(&self, text: &str, lower: &str, entries: &[Entry]) -> Vec<Hit> {
        debug_assert_eq!(text.len(), lower.len());
        let raw = self.every_hit(text, lower.as_bytes(), entries);
        resolve(raw, entries)
    }

    /// Every occurrence of every form on word boundaries, overlapping ones included.
    /// `bytes` are `text`'s bytes lower-cased in ASCII (same length, same character
    /// boundaries, the same word characters).
    fn every_hit(&self, text: &str, bytes: &[u8], entries: &[Entry]) -> Vec<Hit> {
        let trie = self.trie.view();
        let n = bytes.len();
        let mut raw: Vec<Hit> = Vec::new();
        // A hit starts at a character that is not a word character or at the first of a
        // word's: every character after it in the same word would fail the left boundary.
        let mut start = 0;
        while start < n {
            let b = bytes[start];
            if b < 0x80 && !ASCII_WORD[b as usize] {
                // ASCII punctuation or space (half the positions of a text): only a form
                // that starts with this very byte can start here.
                let at = trie.root[b as usize];
                if at != NONE {
                    walk(trie, text, bytes, start, at, start + 1, entries, &mut raw);
                }
                start += 1;
                continue;
            }
            let (word, width) = char_at(text, start);
            let first = start;
            start += width;
            if !word {
                let at = trie.root[b as usize];
                if at != NONE {
                    walk(trie, text, bytes, first, at, first + 1, entries, &mut raw);
                }
                continue;
            }
            // The word's hash is taken as it is scanned ([`word_hash`] of its bytes, which
            // are lower-cased already).
            let mut h = bytes[first..start]
                .iter()
                .fold(HASH_START, |h, &b| hash_step(h, b));
            loop {
                while start < n && ASCII_WORD[bytes[start] as usize] {
                    h = hash_step(h, bytes[start]);
                    start += 1;
                }
                if start == n || bytes[start] < 0x80 {
                    break;
                }
                let (w, width) = char_at(text, start);
                if !w {
                    break;
                }
                h = bytes[start..start + width]
                    .iter()
                    .fold(h, |h, &b| hash_step(h, b));
                start += width;
            }
            // A form matches from the start of a word only if its first word is that whole
            // word: the characters after it in the form are not word characters, or the form
            // ends there and the right boundary asks the same of the text.
            // No form can end inside that word (both sides of the end would be word
            // characters), so the walk starts at the word's end, at the node the table gives.
            if let Some(node) = trie.lower_word_node(h, &bytes[first..start]) {
                walk(trie, text, bytes, first, node, start, entries, &mut raw);
            }
        }
        raw
    }
}

/// Every form that starts at byte `start` of `text` and ends on a boundary, walking on from
/// node `at`, which the bytes `start..i` lead to. Inlined in its callers: it is called
/// for about half the words of a text, and the call itself cost as much as a short walk.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn walk(
    trie: View,
    text: &str,
    bytes: &[u8],
    start: usize,
    mut at: u32,
    mut i: usize,
    entries: &[Entry],
    raw: &mut Vec<Hit>,
) {
    while at != NONE {
        let node = trie.nodes[at as usize];
        if node.ends && is_boundary(text, start, i) {
            let end = trie.nodes[at as usize + 1].out;
            for form in &trie.forms[node.out as usize..end as usize] {
                if form.exact != NONE && trie.exact[form.exact as usize] != text[start..i] {
                    continue;
                }
                raw.push(Hit {
                    span: Span::new(start, i),
                    entry: form.entry as usize,
                    category: entries[form.entry as usize].category,
                });
            }
        }
        if i == bytes.len() || node.len == 0 {
            break;
        }
        let b = bytes[i];
        at = if b == node.byte0 {
            at + 1
        } else if node.len > 1 {
            trie.child(&node, b)
        } else {
            NONE
        };
        i += 1;
    }
}

/// ASCII word characters (letters, digits, `_`), by byte (bytes from 0x80 are not).
static ASCII_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 128 {
        t[i] = (i as u8).is_ascii_alphanumeric() || i == b'_' as usize;
        i += 1;
    }
    t
};

/// Whether the character at byte `at` of `text` (a character boundary) is a word character,
/// and its length in bytes.
#[inline]
fn char_at(text: &str, at: usize) -> (bool, usize) {
    let b = text.as_bytes()[at];
    if b < 0x80 {
        return (ASCII_WORD[b as usize], 1);
    }
    let c = text[at..].chars().next().unwrap_or('\0');
    (is_word_char(c), c.len_utf8())
}

/// Overlapping hits of one group resolved (see [`Matcher::find`]), sorted by start, end and
/// entry. Hits that overlap no other hit (most of them) are kept as they are; a cluster of
/// hits whose spans overlap one another is resolved on its own, since a hit is only ever
/// turned away by one it overlaps. `raw` comes from [`Matcher::every_hit`] in order of start.
fn resolve(raw: Vec<Hit>, entries: &[Entry]) -> Vec<Hit> {
    if !raw.is_sorted_by_key(|h| h.span.start) {
        return resolve_cluster(raw, entries);
    }
    let mut kept = Vec::with_capacity(raw.len());
    let mut cluster: Vec<Hit> = Vec::new();
    let mut reach = 0;
    for hit in raw {
        if !cluster.is_empty() && hit.span.start >= reach {
            flush(&mut cluster, &mut kept, entries);
        }
        reach = if cluster.is_empty() {
            hit.span.end
        } else {
            reach.max(hit.span.end)
        };
        cluster.push(hit);
    }
    flush(&mut cluster, &mut kept, entries);
    kept
}

/// Moves a cluster's resolved hits to `kept`.
fn flush(cluster: &mut Vec<Hit>, kept: &mut Vec<Hit>, entries: &[Entry]) {
    match cluster.len() {
        0 => {}
        1 => kept.push(cluster[0]),
        _ => kept.extend(resolve_cluster(std::mem::take(cluster), entries)),
    }
    cluster.clear();
}

/// Resolves hits in any order: the longest first, then the earliest, then the higher weight.
fn resolve_cluster(mut raw: Vec<Hit>, entries: &[Entry]) -> Vec<Hit> {
    raw.sort_by(|a, b| {
        (b.span.len(), a.span.start)
            .cmp(&(a.span.len(), b.span.start))
            .then(entries[b.entry].weight.total_cmp(&entries[a.entry].weight))
            .then(a.entry.cmp(&b.entry))
    });
    // Kept hits of one group never overlap each other, so per group they are disjoint
    // intervals kept by start: a new hit clashes exactly when the kept interval starting
    // last before its end reaches past its start (one lookup, not a scan of all kept).
    let mut kept: Vec<Hit> = Vec::new();
    // Per kept interval: its end, its entry, and whether a twin was kept beside it.
    let mut by_group: [std::collections::BTreeMap<usize, (usize, usize, bool)>; 4] =
        Default::default();
    for hit in raw {
        let spans = &mut by_group[group(hit.category) as usize];
        match spans.range_mut(..hit.span.end).next_back() {
            Some((&start, (end, entry, twinned))) if *end > hit.span.start => {
                if !*twinned
                    && start == hit.span.start
                    && *end == hit.span.end
                    && twins(&entries[*entry], &entries[hit.entry])
                {
                    *twinned = true;
                    kept.push(hit);
                }
            }
            _ => {
                spans.insert(hit.span.start, (hit.span.end, hit.entry, false));
                kept.push(hit);
            }
        }
    }
    kept.sort_by_key(|h| (h.span.start, h.span.end, h.entry));
    kept
}

/// The same words as a reporting verb and as a judging adjective or noun ("rambling": "he
/// was rambling" and "a rambling speech") are both kept: attribution and LL003 take the
/// verb where it reports and leave it where a determiner makes it a modifier, and the
/// judging word is not lost to the verb's higher weight.
fn twins(a: &Entry, b: &Entry) -> bool {
    let judging = |e: &Entry| {
        matches!(e.category, Category::Intensifier | Category::Emotional)
            && matches!(e.pos, crate::lexicon::Pos::Adj | crate::lexicon::Pos::Noun)
    };
    (a.category == Category::ReportingVerb && judging(b))
        || (b.category == Category::ReportingVerb && judging(a))
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

    /// Every occurrence of every form, found the slow way: each form at each position.
    fn every_hit_by_brute_force(lex: &Lexicon, text: &str) -> Vec<(usize, usize, usize)> {
        let bytes = text.as_bytes();
        let mut hits = Vec::new();
        for (i, entry) in lex.entries.iter().enumerate() {
            for form in entry.surface_forms() {
                let pattern = if entry.case_sensitive {
                    form.clone()
                } else {
                    form.to_lowercase()
                };
                let p = pattern.as_bytes();
                for start in 0..bytes.len() {
                    let end = start + p.len();
                    if end > bytes.len() || !bytes[start..end].eq_ignore_ascii_case(p) {
                        continue;
                    }
                    if !is_boundary(text, start, end)
                        || (entry.case_sensitive && text[start..end] != form)
                    {
                        continue;
                    }
                    hits.push((start, end, i));
                }
            }
        }
        hits.sort();
        hits.dedup();
        hits
    }

    /// Every hit of the matcher as (start, end, entry), sorted as the brute-force search's.
    fn sorted_hits(m: &Matcher, lex: &Lexicon, text: &str) -> Vec<(usize, usize, usize)> {
        let mut hits: Vec<(usize, usize, usize)> = m
            .every_hit(text, text.to_ascii_lowercase().as_bytes(), &lex.entries)
            .iter()
            .map(|h| (h.span.start, h.span.end, h.entry))
            .collect();
        hits.sort();
        hits
    }

    /// Resolving overlaps cluster by cluster keeps what resolving all hits at once keeps, on
    /// the built-in lexicons over the BASIL articles in `../shared` (beside the checkout, as
    /// in CI) and on texts made to overlap.
    #[test]
    fn resolving_clusters_apart_keeps_what_resolving_all_at_once_keeps() {
        let lexicon = Lexicon::builtin();
        let m = Matcher::builtin();
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/corpus/dev/basil_articles"
        );
        let mut texts = vec![
            "The so-called radical left slammed the far-right regime's reckless, reckless plan."
                .to_string(),
            "Critics say some analysts warned that hardline extremists allegedly slammed it."
                .to_string(),
        ];
        for outlet in std::fs::read_dir(dir).expect("BASIL") {
            for file in std::fs::read_dir(outlet.expect("entry").path()).expect("an outlet") {
                texts
                    .push(std::fs::read_to_string(file.expect("entry").path()).unwrap_or_default());
            }
        }
        let (mut clusters, mut hits) = (0, 0);
        for text in &texts {
            let raw = m.every_hit(text, text.to_ascii_lowercase().as_bytes(), &lexicon.entries);
            let whole = resolve_cluster(raw.clone(), &lexicon.entries);
            clusters += raw
                .windows(2)
                .filter(|w| w[1].span.start < w[0].span.end)
                .count();
            hits += raw.len();
            assert_eq!(resolve(raw, &lexicon.entries), whole, "{text}");
        }
        assert!(
            hits > 1_000 && clusters > 30,
            "{hits} hits, {clusters} overlaps"
        );
    }

    #[test]
    fn words_no_form_starts_with_are_skipped_without_losing_a_hit() {
        // Forms that start with a non-word character, with a non-ASCII first word, with a
        // first word cut by "." or "-", and one that is only a prefix of words in the text.
        let l = lex(r##"
[[entry]]
term = "#metoo"
category = "label"
weight = 0.5
pos = "phrase"
note = "n"
[[entry]]
term = "über-reckless"
category = "intensifier"
weight = 0.5
pos = "phrase"
note = "n"
[[entry]]
term = "u.s. officials"
category = "anonymous_source"
weight = 0.0
pos = "phrase"
note = "n"
[[entry]]
term = "co-opt"
category = "charged_verb"
weight = 0.5
pos = "verb"
note = "n"
[[entry]]
term = "anti"
category = "label"
weight = 0.3
pos = "adj"
note = "n"
[[entry]]
term = "Daesh"
category = "label"
weight = 0.3
pos = "name"
case_sensitive = true
note = "n"
"##);
        let m = Matcher::new(&l);
        let text = "The #MeToo wave, #metoo; Über-reckless and über-reckless U.S. officials \
                    co-opted anti antibody anti-war DAESH Daesh u.s. Officials";
        let got = sorted_hits(&m, &l, text);
        let want = every_hit_by_brute_force(&l, text);
        assert!(want.len() >= 8, "{want:?}");
        assert_eq!(got, want);
    }

    #[test]
    fn the_trie_finds_what_a_search_for_each_form_finds() {
        let lex = Lexicon::builtin();
        let m = Matcher::new(&lex);
        let texts = [
            "Critics SLAMMED the Regime's brutal crackdown; the so-called 'liberation' of Kiev (Kyiv) \
             was a massacre, officials said. According to a report, thugs looted.",
            "The U.S. and US officials-who spoke on condition of anonymity-said it was \u{201c}a \
             catastrophe.\u{201d} Über-reckless? Straße; naïve régime change, don't, can't.",
            "slam slams slammed slamming;regime,regimes.REGIMES!allegedly reportedly 'terrorists' \
             _under_ score x-ray ISIS Daesh \u{2014}brutal\u{2014} 3.5 million",
        ];
        for text in texts {
            let mut got = sorted_hits(&m, &lex, text);
            got.dedup();
            let want = every_hit_by_brute_force(&lex, text);
            assert!(want.len() > 3, "the text uses the lexicons: {want:?}");
            assert_eq!(got, want, "{text}");
        }
    }
}
