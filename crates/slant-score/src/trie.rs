//! The compiled lexicon's tables, which [`crate::matcher`] walks: a byte trie of every surface
//! form, folded to ASCII lower case, with the tables that start a walk at a word.
//!
//! A lexicon given at run time (`--lexicon`) is compiled by [`Trie::new`] in a few
//! milliseconds. The built-in lexicons' trie is compiled once, by `build.rs` with this same
//! code, and written out as statics that [`Trie::builtin`] borrows: building it was half of
//! every run's start-up. A test checks that the two are the same tables.

use crate::chars::is_word_char;
use crate::lexicon::Lexicon;
use std::borrow::Cow;

/// No node (an empty slot, a missing child).
pub(crate) const NONE: u32 = u32::MAX;

/// Nodes with more children than this get a dense table.
const DENSE_FROM: u32 = 2;

/// Bits of the first-word Bloom filter, in 64-bit words.
pub(crate) const FILTER_WORDS: usize = 1024;

/// 16 bytes: the nodes of the built-in lexicons (about 600 KB) and the rest of the tables fit
/// in a core's 1 MB second-level cache.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Node {
    /// The node's children are `edges[first..first + len]`, sorted by byte.
    pub(crate) first: u32,
    /// Forms ending at the node: `forms[out..next.out]`, `next` the node after it (the
    /// nodes' forms are in node order, and a last node closes the list).
    pub(crate) out: u32,
    /// Where its dense table starts in `dense`, or `NONE`.
    pub(crate) dense: u32,
    pub(crate) len: u16,
    /// Some form ends here.
    pub(crate) ends: bool,
    /// The byte of the first child (children are sorted), which the depth-first layout puts
    /// right after its parent: a walk down a chain of single children (most of a trie) reads
    /// the next node and never the edge list.
    pub(crate) byte0: u8,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Form {
    /// Index into [`Lexicon::entries`].
    pub(crate) entry: u32,
    /// The exact spelling a case-sensitive entry requires, `exact[k]`, or `NONE`.
    pub(crate) exact: u32,
}

/// The tables, owned (a lexicon compiled at run time) or borrowed from the binary (the
/// built-in one). [`Trie::view`] gives plain slices for the walk.
#[derive(Debug, PartialEq)]
pub(crate) struct Trie {
    /// Node 0 is the root; the last node is no trie node, it only closes the forms of the
    /// one before it.
    pub(crate) nodes: Cow<'static, [Node]>,
    pub(crate) edges: Cow<'static, [(u8, u32)]>,
    /// The root's children by byte (`NONE` where no form starts with it).
    pub(crate) root: Cow<'static, [u32; 256]>,
    pub(crate) forms: Cow<'static, [Form]>,
    pub(crate) exact: Cow<'static, [Cow<'static, str>]>,
    /// Nodes with more than two children (about 1,100 of the built-in trie's 38,000, the top
    /// levels and the branch points) also find them in a table, `classes` wide, at
    /// `dense[node.dense..]`: one lookup instead of a scan of the edges (about 200 KB).
    pub(crate) dense: Cow<'static, [u32]>,
    /// Byte -> column of the dense tables (0: a byte no form contains).
    pub(crate) class: Cow<'static, [u8; 256]>,
    /// A Bloom filter of the first words of the forms that start with a word character
    /// (ASCII-lower-cased), 65,536 bits, two probes: a walk from the start of a word that is
    /// in no form's first word cannot end in a hit, and is not tried. No false negatives, so
    /// the hits do not depend on it; the built-in lexicons' first words set about 16% of the
    /// bits, so about 2.5% of other words still get a walk.
    pub(crate) filter: Cow<'static, [u64; FILTER_WORDS]>,
    /// The same words with the node their bytes lead to, so a walk from a word's start jumps
    /// over the word in one lookup instead of a step per byte: open addressing with linear
    /// probing, at most half full. A slot is `(node, key)`, `node == NONE` when empty; its
    /// word is at `keys[key..]`: its length (four bytes, little-endian), then its bytes. A
    /// lookup compares the bytes, so it never answers for another word.
    pub(crate) slots: Cow<'static, [(u32, u32)]>,
    pub(crate) keys: Cow<'static, [u8]>,
}

/// The tables as plain slices, for the walk (one `Cow` check per search, not per step).
#[derive(Clone, Copy)]
pub(crate) struct View<'a> {
    pub(crate) nodes: &'a [Node],
    pub(crate) edges: &'a [(u8, u32)],
    pub(crate) root: &'a [u32; 256],
    pub(crate) forms: &'a [Form],
    pub(crate) exact: &'a [Cow<'static, str>],
    dense: &'a [u32],
    class: &'a [u8; 256],
    filter: &'a [u64; FILTER_WORDS],
    slots: &'a [(u32, u32)],
    keys: &'a [u8],
}

/// FNV-1a of a word's ASCII-lower-cased bytes: the filter's probes and the table's slot.
#[inline]
pub(crate) fn word_hash(word: &[u8]) -> u64 {
    word.iter()
        .fold(HASH_START, |h, &b| hash_step(h, b.to_ascii_lowercase()))
}

/// [`word_hash`] before any byte.
pub(crate) const HASH_START: u64 = 0xcbf2_9ce4_8422_2325;

/// [`word_hash`] of a word `h` is the hash of, with (lower-case) byte `b` after it: the
/// matcher hashes a word as it scans it.
#[inline(always)]
pub(crate) fn hash_step(h: u64, b: u8) -> u64 {
    (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
}

/// The filter's two 16-bit probes from a word's [`word_hash`].
#[inline]
fn probes(h: u64) -> (usize, usize) {
    ((h & 0xffff) as usize, ((h >> 32) & 0xffff) as usize)
}

/// The word table's first slot for a word's [`word_hash`].
#[inline]
fn slot(h: u64, mask: usize) -> usize {
    (h >> 40) as usize & mask
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

impl Trie {
    /// Compiles `lexicon`.
    pub(crate) fn new(lexicon: &Lexicon) -> Trie {
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
        let mut filter = Box::new([0u64; FILTER_WORDS]);
        // Each first word once, with the (building) node after it.
        let mut words: Vec<(Vec<u8>, u32)> = Vec::new();
        let mut word_end: Vec<bool> = Vec::new();
        let mut exact = Vec::new();
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
                            let (a, b) = probes(word_hash(&bytes[..word]));
                            filter[a >> 6] |= 1 << (a & 63);
                            filter[b >> 6] |= 1 << (b & 63);
                            words.push((bytes[..word].to_vec(), at as u32));
                        }
                    }
                }
                let spelling = if entry.case_sensitive {
                    exact.push(Cow::Owned(form));
                    exact.len() as u32 - 1
                } else {
                    NONE
                };
                trie[at].forms.push(Form {
                    entry: i as u32,
                    exact: spelling,
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
                ends: !outs.is_empty(),
                byte0: edges.get(first as usize).map_or(0, |&(b, _)| b),
            });
            forms.extend(outs);
        }
        // The last node, a leaf in a depth-first order, is no node's first child, so nothing
        // walks to the closing node after it.
        nodes.push(Node {
            first: edges.len() as u32,
            out: forms.len() as u32,
            dense: NONE,
            len: 0,
            ends: false,
            byte0: 0,
        });
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
        // The word table.
        let size = (words.len() * 2).next_power_of_two().max(16);
        let mask = size - 1;
        let mut slots = vec![(NONE, 0u32); size];
        let mut keys: Vec<u8> = Vec::new();
        for (word, at) in words {
            let mut s = slot(word_hash(&word), mask);
            while slots[s].0 != NONE {
                s = (s + 1) & mask;
            }
            slots[s] = (new_index[at as usize], keys.len() as u32);
            keys.extend_from_slice(&(word.len() as u32).to_le_bytes());
            keys.extend_from_slice(&word);
        }
        Trie {
            nodes: Cow::Owned(nodes),
            edges: Cow::Owned(edges),
            root: Cow::Owned(*root),
            forms: Cow::Owned(forms),
            exact: Cow::Owned(exact),
            dense: Cow::Owned(dense),
            class: Cow::Owned(*class),
            filter: Cow::Owned(*filter),
            slots: Cow::Owned(slots),
            keys: Cow::Owned(keys),
        }
    }

    pub(crate) fn view(&self) -> View<'_> {
        View {
            nodes: &self.nodes,
            edges: &self.edges,
            root: &self.root,
            forms: &self.forms,
            exact: &self.exact,
            dense: &self.dense,
            class: &self.class,
            filter: &self.filter,
            slots: &self.slots,
            keys: &self.keys,
        }
    }
}

impl View<'_> {
    /// The child of `node` for byte `b`, or `NONE`.
    #[inline]
    pub(crate) fn child(&self, node: &Node, b: u8) -> u32 {
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

    /// The node a word (lower-cased in ASCII, `h` its [`word_hash`]) leads to, when it is a
    /// form's first word.
    #[inline]
    pub(crate) fn lower_word_node(&self, h: u64, word: &[u8]) -> Option<u32> {
        let (a, b) = probes(h);
        if self.filter[a >> 6] & (1 << (a & 63)) == 0 || self.filter[b >> 6] & (1 << (b & 63)) == 0
        {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut at = slot(h, mask);
        loop {
            let (node, key) = self.slots[at];
            if node == NONE {
                return None;
            }
            let key = &self.keys[key as usize..];
            let (len, key) = key.split_at(4);
            if u32::from_le_bytes([len[0], len[1], len[2], len[3]]) as usize == word.len()
                && &key[..word.len()] == word
            {
                return Some(node);
            }
            at = (at + 1) & mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_node_takes_16_bytes() {
        // What the cache-size reasoning on `Node` rests on.
        assert_eq!(std::mem::size_of::<Node>(), 16);
        assert_eq!(std::mem::size_of::<Form>(), 8);
    }

    #[test]
    fn a_first_child_follows_its_parent() {
        // The walk goes from a node to `at + 1` when the byte is its first child's.
        for trie in [Trie::new(&Lexicon::builtin()), Trie::builtin()] {
            for (at, node) in trie.nodes.iter().enumerate() {
                if node.len > 0 {
                    let (b, next) = trie.edges[node.first as usize];
                    assert_eq!((b, next), (node.byte0, at as u32 + 1), "node {at}");
                }
            }
        }
    }

    /// The node the bytes of `word` lead to from the root, one step at a time.
    fn walk(view: View, word: &str) -> Option<u32> {
        let mut at = 0;
        for b in word.bytes() {
            let node = view.nodes[at as usize];
            at = view.child(&node, b.to_ascii_lowercase());
            if at == NONE {
                return None;
            }
        }
        Some(at)
    }

    #[test]
    fn the_word_table_answers_only_for_its_own_words() {
        let words = [
            "unprecedented",
            "unprecedentedly",
            "the",
            "a",
            "thereafter",
            "politica",
        ];
        let toml: String = words
            .iter()
            .map(|w| {
                format!(
                    "[[entry]]\nterm = \"{w} x\"\ncategory = \"label\"\nweight = 0.5\n\
                     pos = \"phrase\"\nnote = \"n\"\n"
                )
            })
            .collect();
        let trie = Trie::new(&Lexicon::parse("t.toml", &toml).unwrap());
        let view = trie.view();
        let get = |w: &str| view.lower_word_node(word_hash(w.as_bytes()), w.as_bytes());
        for w in words {
            let node = walk(view, w);
            assert!(node.is_some(), "{w}");
            assert_eq!(get(w), node, "{w}");
            // The hash folds case, the table takes lower-cased words only (the matcher reads
            // the article lower-cased; its tests find "SLAMMED").
            let upper = w.to_uppercase();
            assert_eq!(word_hash(upper.as_bytes()), word_hash(w.as_bytes()), "{w}");
            assert_eq!(get(&upper), None, "{w}");
        }
        for w in ["unprecedentedlx", "unpreced", "th", "an", "", "x"] {
            assert_eq!(get(w), None, "{w}");
        }
        // A lookup that starts at the slot of a word with the same first bytes (the hash is
        // the caller's, so the probe can be forced there, past the Bloom filter).
        let from = |at: &str, w: &str| view.lower_word_node(word_hash(at.as_bytes()), w.as_bytes());
        assert_eq!(from("unprecedented", "unpreced"), None);
        assert_eq!(from("unprecedented", "unprecedentex"), None);
        assert_eq!(from("unprecedentedly", "unprecedentedlx"), None);
        assert_eq!(from("politica", "political"), None);
        let mask = trie.slots.len() - 1;
        let mut same_slot = 0;
        for a in b'a'..=b'z' {
            for b in b'a'..=b'z' {
                let w = format!("unprecedented{}{}", a as char, b as char);
                let h = word_hash(w.as_bytes());
                if w != "unprecedentedly"
                    && slot(h, mask) == slot(word_hash(b"unprecedentedly"), mask)
                {
                    assert_eq!(from("unprecedentedly", &w), None, "{w}");
                    same_slot += 1;
                }
            }
        }
        assert!(same_slot > 0);
    }
}
