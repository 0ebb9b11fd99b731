//! Every surface form of every lexicon entry found in a text, on word boundaries.
//!
//! The forms are kept in a byte trie, folded to ASCII lower case (so "SLAMMED" meets
//! "slammed"; a case-sensitive entry is then checked exactly). A lexicon hit must start where a
//! word starts (or at a form's own leading punctuation), so the trie is walked only from those
//! positions, and a walk ends at the first byte no form continues with. A word that starts no
//! form is turned away by a small Bloom filter; a word that does is looked up in a table that
//! gives the node after it, so the walk starts there. The nodes are laid out depth first, so
//! the rest of a walk reads memory close together. It is built in a few milliseconds at
//! start-up from the forms.

use crate::lexicon::{Category, Entry, Lexicon};
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
    /// Node 0 is the root. A node's children are `edges[first..first + len]`, sorted by byte.
    nodes: Vec<Node>,
    edges: Vec<(u8, u32)>,
    /// The root's children by byte (`NONE` where no form starts with it).
    root: Box<[u32; 256]>,
    /// Forms ending at a node: `forms[out..out + outs]`.
    forms: Vec<Form>,
    /// Nodes with more than two children (about 1,100 of the built-in trie's 38,000, the top
    /// levels and the branch points) also find them in a table, `classes` wide, at
    /// `dense[node.dense..]`: one lookup instead of a scan of the edges (about 200 KB).
    dense: Vec<u32>,
    /// Byte -> column of the dense tables (0: a byte no form contains).
    class: Box<[u8; 256]>,
    /// The first words of the forms that start with a word character: a walk from the start
    /// of a word that is in no form's first word cannot end in a hit, and is not tried.
    first_words: WordFilter,
    /// The same words with the node their bytes lead to: a walk from a word's start jumps
    /// over the word in one lookup instead of a step per byte.
    word_nodes: WordNodes,
}

/// A Bloom filter of words (ASCII-lower-cased bytes): 65,536 bits, two probes. No false
/// negatives, so the hits do not depend on it; the built-in lexicons' first words set 10,457
/// of the bits (16%), so about 2.5% of other words still get a walk.
struct WordFilter {
    bits: Box<[u64; 1024]>,
}

impl WordFilter {
    fn new() -> WordFilter {
        WordFilter {
            bits: Box::new([0; 1024]),
        }
    }

    /// Two 16-bit probes from a word's [`word_hash`].
    #[inline]
    fn probes(h: u64) -> (usize, usize) {
        ((h & 0xffff) as usize, ((h >> 32) & 0xffff) as usize)
    }

    fn insert(&mut self, h: u64) {
        let (a, b) = Self::probes(h);
        self.bits[a >> 6] |= 1 << (a & 63);
        self.bits[b >> 6] |= 1 << (b & 63);
    }

    #[inline]
    fn may_contain(&self, h: u64) -> bool {
        let (a, b) = Self::probes(h);
        self.bits[a >> 6] & (1 << (a & 63)) != 0 && self.bits[b >> 6] & (1 << (b & 63)) != 0
    }
}

/// FNV-1a of a word's ASCII-lower-cased bytes: the filter's probes and the table's slot.
#[inline]
fn word_hash(word: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in word {
        h ^= b.to_ascii_lowercase() as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The forms' first words (ASCII-lower-cased), each with the trie node reached after its
/// bytes: open addressing with linear probing, at most half full. A lookup compares the
/// word's bytes, so it never answers for another word.
struct WordNodes {
    /// `(node, key)` per slot, `node == NONE` for an empty slot; the key is `keys[key]`.
    slots: Vec<(u32, u32)>,
    keys: Vec<Box<[u8]>>,
    mask: usize,
}

impl WordNodes {
    fn new(words: Vec<(Vec<u8>, u32)>) -> WordNodes {
        let size = (words.len() * 2).next_power_of_two().max(16);
        let mut table = WordNodes {
            slots: vec![(NONE, 0); size],
            keys: Vec::with_capacity(words.len()),
            mask: size - 1,
        };
        for (word, node) in words {
            let mut at = Self::slot(word_hash(&word), table.mask);
            loop {
                let (n, k) = table.slots[at];
                if n == NONE {
                    table.slots[at] = (node, table.keys.len() as u32);
                    table.keys.push(word.into_boxed_slice());
                    break;
                }
                if *table.keys[k as usize] == word[..] {
                    break;
                }
                at = (at + 1) & table.mask;
            }
        }
        table
    }

    #[inline]
    fn slot(h: u64, mask: usize) -> usize {
        (h >> 40) as usize & mask
    }

    /// The node `word` (any case) leads to, when it is a form's first word.
    #[inline]
    fn get(&self, h: u64, word: &[u8]) -> Option<u32> {
        let mut at = Self::slot(h, self.mask);
        loop {
            let (node, key) = self.slots[at];
            if node == NONE {
                return None;
            }
            let key = &self.keys[key as usize];
            if key.len() == word.len()
                && key
                    .iter()
                    .zip(word)
                    .all(|(k, b)| *k == b.to_ascii_lowercase())
            {
                return Some(node);
            }
            at = (at + 1) & self.mask;
        }
    }
}

/// The first word of a (lower-cased) form: its characters up to the first that is not a word
/// character (empty when the form starts with one, as "#metoo").
fn first_word(form: &str) -> &str {
    let end = form
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(form.len(), |(i, _)| i);
    &form[..end]
}

/// Nodes with more children than this get a dense table.
const DENSE_FROM: u32 = 2;

const NONE: u32 = u32::MAX;

#[derive(Clone, Copy)]
struct Node {
    first: u32,
    out: u32,
    dense: u32,
    outs: u32,
    len: u16,
    /// The byte of the first child (children are sorted), which the depth-first layout puts
    /// right after its parent: a walk down a chain of single children (most of a trie) reads
    /// the next node and never the edge list.
    byte0: u8,
}

struct Form {
    entry: usize,
    /// The exact spelling a case-sensitive entry requires.
    exact: Option<String>,
}

impl Matcher {
    pub fn new(lexicon: &Lexicon) -> Matcher {
        // The trie is first built as first-child/next-sibling links, siblings in byte order,
        // inserting the forms as they come; then laid out depth first below. That is the order
        // in which inserting the forms sorted would create the nodes, without sorting them
        // (the sort of byte strings was half of this function's time).
        struct Building {
            byte: u8,
            child: u32,
            sibling: u32,
            forms: Vec<Form>,
        }
        // The built-in lexicons make about 38,000 nodes.
        let mut trie = Vec::with_capacity(1 << 16);
        trie.push(Building {
            byte: 0,
            child: NONE,
            sibling: NONE,
            forms: Vec::new(),
        });
        // The child of `at` for byte `b`, made if missing.
        fn step(trie: &mut Vec<Building>, at: usize, b: u8) -> usize {
            let mut prev = NONE;
            let mut next = trie[at].child;
            while next != NONE && trie[next as usize].byte < b {
                prev = next;
                next = trie[next as usize].sibling;
            }
            if next != NONE && trie[next as usize].byte == b {
                return next as usize;
            }
            let made = trie.len() as u32;
            trie.push(Building {
                byte: b,
                child: NONE,
                sibling: next,
                forms: Vec::new(),
            });
            if prev == NONE {
                trie[at].child = made;
            } else {
                trie[prev as usize].sibling = made;
            }
            made as usize
        }
        let mut first_words = WordFilter::new();
        // Each first word once, with the (building) node after it.
        let mut words: Vec<(Vec<u8>, u32)> = Vec::new();
        let mut word_end: Vec<bool> = Vec::new();
        for (i, entry) in lexicon.entries.iter().enumerate() {
            for form in entry.surface_forms() {
                let pattern = if entry.case_sensitive {
                    form.clone()
                } else {
                    form.to_lowercase()
                };
                if pattern.is_empty() {
                    continue;
                }
                // ASCII lower-casing keeps the bytes UTF-8.
                let bytes: Vec<u8> = pattern.bytes().map(|b| b.to_ascii_lowercase()).collect();
                let word = first_word(std::str::from_utf8(&bytes).unwrap_or_default()).len();
                let mut at = 0;
                for (k, &b) in bytes.iter().enumerate() {
                    at = step(&mut trie, at, b);
                    if k + 1 == word {
                        if word_end.len() < trie.len() {
                            word_end.resize(trie.len(), false);
                        }
                        if !word_end[at] {
                            word_end[at] = true;
                            first_words.insert(word_hash(&bytes[..word]));
                            words.push((bytes[..word].to_vec(), at as u32));
                        }
                    }
                }
                trie[at].forms.push(Form {
                    entry: i,
                    exact: entry.case_sensitive.then_some(form),
                });
            }
        }
        // Laid out depth first (preorder, children in byte order): a walk goes on from the
        // node after a form's first word (the table below), and the nodes along its path and
        // their edges are then near each other.
        let mut order: Vec<usize> = Vec::with_capacity(trie.len());
        let mut stack = vec![0usize];
        let mut kids: Vec<usize> = Vec::new();
        while let Some(at) = stack.pop() {
            order.push(at);
            kids.clear();
            let mut c = trie[at].child;
            while c != NONE {
                kids.push(c as usize);
                c = trie[c as usize].sibling;
            }
            stack.extend(kids.iter().rev());
        }
        let mut new_index = vec![NONE; trie.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new as u32;
        }
        let mut nodes = Vec::with_capacity(trie.len());
        let mut edges: Vec<(u8, u32)> = Vec::with_capacity(trie.len());
        let mut forms = Vec::new();
        for &old in &order {
            let outs = std::mem::take(&mut trie[old].forms);
            let first = edges.len() as u32;
            let mut c = trie[old].child;
            while c != NONE {
                edges.push((trie[c as usize].byte, new_index[c as usize]));
                c = trie[c as usize].sibling;
            }
            nodes.push(Node {
                first,
                out: forms.len() as u32,
                dense: NONE,
                len: (edges.len() as u32 - first) as u16,
                outs: outs.len() as u32,
                byte0: edges.get(first as usize).map_or(0, |&(b, _)| b),
            });
            forms.extend(outs);
        }
        let mut root = Box::new([NONE; 256]);
        for &(b, next) in &edges[..nodes[0].len as usize] {
            root[b as usize] = next;
        }
        let mut class = Box::new([0u8; 256]);
        let mut classes = 1usize;
        for &(b, _) in &edges {
            if class[b as usize] == 0 {
                // More than 255 distinct bytes cannot occur in practice; they share the last
                // column and the edge list decides.
                class[b as usize] = classes.min(255) as u8;
                classes = (classes + 1).min(256);
            }
        }
        let mut dense = Vec::new();
        for node in nodes
            .iter_mut()
            .filter(|n| u32::from(n.len) > DENSE_FROM && classes < 256)
        {
            node.dense = dense.len() as u32;
            dense.resize(dense.len() + classes, NONE);
            for &(b, next) in &edges[node.first as usize..node.first as usize + node.len as usize] {
                dense[node.dense as usize + class[b as usize] as usize] = next;
            }
        }
        Matcher {
            nodes,
            edges,
            root,
            forms,
            dense,
            class,
            first_words,
            word_nodes: WordNodes::new(
                words
                    .into_iter()
                    .map(|(w, at)| (w, new_index[at as usize]))
                    .collect(),
            ),
        }
    }

    fn child(&self, node: &Node, b: u8) -> u32 {
        if node.dense != NONE {
            let c = self.class[b as usize] as usize;
            return if c == 0 {
                NONE
            } else {
                self.dense[node.dense as usize + c]
            };
        }
        let kids = &self.edges[node.first as usize..node.first as usize + node.len as usize];
        match kids.iter().find(|(c, _)| *c >= b) {
            Some(&(c, next)) if c == b => next,
            _ => NONE,
        }
    }

    /// All hits in `text`, on word boundaries, overlaps resolved within each group (see
    /// [`group`]): the longest hit wins, then the earliest, then the higher weight.
    pub fn find(&self, text: &str, entries: &[Entry]) -> Vec<Hit> {
        let raw = self.every_hit(text, entries);
        resolve(raw, entries)
    }

    /// Every occurrence of every form on word boundaries, overlapping ones included.
    fn every_hit(&self, text: &str, entries: &[Entry]) -> Vec<Hit> {
        let bytes = text.as_bytes();
        let n = bytes.len();
        let mut raw: Vec<Hit> = Vec::new();
        // A hit starts at a character that is not a word character or at the first of a
        // word's: every character after it in the same word would fail the left boundary.
        let mut start = 0;
        while start < n {
            let (word, width) = char_at(text, start);
            let first = start;
            start += width;
            if word {
                loop {
                    start += bytes[start..]
                        .iter()
                        .take_while(|&&b| ASCII_WORD[b as usize])
                        .count();
                    if start == n || bytes[start] < 0x80 {
                        break;
                    }
                    let (w, width) = char_at(text, start);
                    if !w {
                        break;
                    }
                    start += width;
                }
            }
            // A form matches from the start of a word only if its first word is that whole
            // word: the characters after it in the form are not word characters, or the form
            // ends there and the right boundary asks the same of the text.
            // No form can end inside that word (both sides of the end would be word
            // characters), so the walk starts at the word's end, at the node the table gives.
            if word {
                let w = &bytes[first..start];
                let h = word_hash(w);
                if self.first_words.may_contain(h) {
                    if let Some(node) = self.word_nodes.get(h, w) {
                        self.walk(text, first, node, start, entries, &mut raw);
                    }
                }
            } else {
                let at = self.root[bytes[first].to_ascii_lowercase() as usize];
                if at != NONE {
                    self.walk(text, first, at, first + 1, entries, &mut raw);
                }
            }
        }
        raw
    }

    /// Every form that starts at byte `start` of `text` and ends on a boundary, walking on
    /// from node `at`, which the bytes `start..i` lead to.
    #[inline]
    fn walk(
        &self,
        text: &str,
        start: usize,
        mut at: u32,
        mut i: usize,
        entries: &[Entry],
        raw: &mut Vec<Hit>,
    ) {
        let bytes = text.as_bytes();
        while at != NONE {
            let node = self.nodes[at as usize];
            if node.outs > 0 && is_boundary(text, start, i) {
                for form in &self.forms[node.out as usize..node.out as usize + node.outs as usize] {
                    if form.exact.as_deref().is_some_and(|e| e != &text[start..i]) {
                        continue;
                    }
                    raw.push(Hit {
                        span: Span::new(start, i),
                        entry: form.entry,
                        category: entries[form.entry].category,
                    });
                }
            }
            if i == bytes.len() || node.len == 0 {
                break;
            }
            let b = bytes[i].to_ascii_lowercase();
            at = if b == node.byte0 {
                at + 1
            } else if node.len > 1 {
                self.child(&node, b)
            } else {
                NONE
            };
            i += 1;
        }
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

fn resolve(mut raw: Vec<Hit>, entries: &[Entry]) -> Vec<Hit> {
    {
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

fn is_word_char(c: char) -> bool {
    !crate::text::general_punctuation(c) && c.is_alphanumeric() || c == '_'
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
            .every_hit(text, &lex.entries)
            .iter()
            .map(|h| (h.span.start, h.span.end, h.entry))
            .collect();
        hits.sort();
        hits
    }

    #[test]
    fn a_first_child_follows_its_parent() {
        // The walk goes from a node to `at + 1` when the byte is its first child's.
        let m = Matcher::new(&Lexicon::builtin());
        for (at, node) in m.nodes.iter().enumerate() {
            if node.len > 0 {
                let (b, next) = m.edges[node.first as usize];
                assert_eq!((b, next), (node.byte0, at as u32 + 1), "node {at}");
            }
        }
    }

    #[test]
    fn the_word_table_answers_only_for_its_own_words() {
        // The matcher asks the table only for words that pass the Bloom filter, so the
        // table is checked here on its own, with words of the same length whose probe starts
        // at the same slot as a word in the table.
        let words = [
            "unprecedented",
            "unprecedentedly",
            "the",
            "a",
            "thereafter",
            "politica",
        ];
        let table = WordNodes::new(
            words
                .iter()
                .enumerate()
                .map(|(i, w)| (w.as_bytes().to_vec(), i as u32))
                .collect(),
        );
        let get = |w: &str| table.get(word_hash(w.as_bytes()), w.as_bytes());
        for (i, w) in words.iter().enumerate() {
            assert_eq!(get(w), Some(i as u32), "{w}");
            assert_eq!(get(&w.to_uppercase()), Some(i as u32), "{w}");
        }
        for w in ["unprecedentedlx", "unpreced", "th", "an", ""] {
            assert_eq!(get(w), None, "{w}");
        }
        // A lookup that starts at the slot of a word with the same first bytes (the hash is
        // the caller's, so the probe can be forced there).
        let from = |at: &str, w: &str| table.get(word_hash(at.as_bytes()), w.as_bytes());
        assert_eq!(from("unprecedented", "unpreced"), None);
        assert_eq!(from("unprecedented", "unprecedentex"), None);
        assert_eq!(from("unprecedentedly", "unprecedentedlx"), None);
        assert_eq!(from("politica", "political"), None);
        let slot = |w: &str| WordNodes::slot(word_hash(w.as_bytes()), table.mask);
        let mut same_slot = 0;
        for a in b'a'..=b'z' {
            for b in b'a'..=b'z' {
                let w = format!("unprecedented{}{}", a as char, b as char);
                if w != "unprecedentedly" && slot(&w) == slot("unprecedentedly") {
                    assert_eq!(get(&w), None, "{w}");
                    same_slot += 1;
                }
            }
        }
        assert!(same_slot > 0);
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
