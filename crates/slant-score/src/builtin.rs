//! The built-in lexicons as compiled data: `build.rs` parses `models/lexicons/*.toml` with
//! [`Lexicon::parse`] and writes them out as the statics below, so a run copies them instead
//! of parsing TOML (that parse was about two thirds of start-up). It also compiles them with
//! [`Trie::new`] into the matcher's tables, which [`Trie::builtin`] borrows as they are
//! (building them was then half of start-up). Tests check that the copy equals a fresh parse
//! of the files and the tables a fresh compilation.

use crate::lexicon::{Category, Entry, Lexicon, LexiconInfo, Pos};
use crate::trie::{Form, Node, Trie, NONE};
use std::borrow::Cow;

struct BuiltinFile {
    name: &'static str,
    version: &'static str,
    description: &'static str,
    entries: usize,
}

/// A string of the generated lexicon: `TEXT[start..start + len]`.
#[derive(Clone, Copy)]
struct Text(u32, u32);

const fn t(start: u32, len: u32) -> Text {
    Text(start, len)
}

impl Text {
    fn get(self) -> &'static str {
        &TEXT[self.0 as usize..(self.0 + self.1) as usize]
    }
}

struct BuiltinEntry {
    term: Text,
    category: Category,
    weight: f64,
    pos: Pos,
    note: Text,
    /// `ENTRY_FORMS[first..first + len]`.
    forms: (u32, u32),
    set: Option<Text>,
    case_sensitive: bool,
    lexicon: Text,
}

include!(concat!(env!("OUT_DIR"), "/builtin_lexicon.rs"));

/// The generated tables' shorthands: a node, a form, no node.
const fn n(first: u32, out: u32, dense: u32, len: u16, ends: bool, byte0: u8) -> Node {
    Node {
        first,
        out,
        dense,
        len,
        ends,
        byte0,
    }
}

const fn f(entry: u32, exact: u32) -> Form {
    Form { entry, exact }
}

const X: u32 = NONE;

include!(concat!(env!("OUT_DIR"), "/builtin_trie.rs"));

impl Trie {
    /// The built-in lexicons' tables, compiled when the crate was built.
    pub(crate) fn builtin() -> Trie {
        Trie {
            nodes: Cow::Borrowed(&NODES),
            edges: Cow::Borrowed(&EDGES),
            root: Cow::Borrowed(&ROOT),
            forms: Cow::Borrowed(&FORMS),
            exact: Cow::Borrowed(&EXACT),
            dense: Cow::Borrowed(&DENSE),
            class: Cow::Borrowed(&CLASS),
            filter: Cow::Borrowed(&FILTER),
            slots: Cow::Borrowed(&SLOTS),
            keys: Cow::Borrowed(&KEYS),
        }
    }
}

impl Lexicon {
    /// All built-in lexicons, in the order of [`crate::lexicon::BUILTIN`]; they were checked
    /// when the crate was built.
    pub fn builtin() -> Lexicon {
        Lexicon {
            entries: ENTRIES
                .iter()
                .map(|e| Entry {
                    term: e.term.get().to_string(),
                    category: e.category,
                    weight: e.weight,
                    pos: e.pos,
                    note: e.note.get().to_string(),
                    forms: ENTRY_FORMS[e.forms.0 as usize..(e.forms.0 + e.forms.1) as usize]
                        .iter()
                        .map(|f| f.get().to_string())
                        .collect(),
                    set: e.set.map(|s| s.get().to_string()),
                    case_sensitive: e.case_sensitive,
                    lexicon: e.lexicon.get().to_string(),
                })
                .collect(),
            files: FILES
                .iter()
                .map(|f| LexiconInfo {
                    name: f.name.to_string(),
                    version: f.version.to_string(),
                    description: f.description.to_string(),
                    entries: f.entries,
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_lexicon_is_the_parsed_one() {
        let parsed = Lexicon::parse_builtin().expect("built-in lexicons parse");
        let compiled = Lexicon::builtin();
        assert_eq!(compiled.files, parsed.files);
        assert_eq!(compiled.entries.len(), parsed.entries.len());
        for (c, p) in compiled.entries.iter().zip(&parsed.entries) {
            assert_eq!(c, p);
            assert_eq!(c.weight.to_bits(), p.weight.to_bits(), "{}", c.term);
        }
    }

    #[test]
    fn the_compiled_trie_is_the_one_built_at_run_time() {
        let compiled = Trie::builtin();
        let built = Trie::new(&Lexicon::builtin());
        assert!(compiled.nodes.len() > 30_000, "{}", compiled.nodes.len());
        assert!(compiled.forms.iter().any(|f| f.exact != NONE));
        assert!(!compiled.exact.is_empty());
        assert!(matches!(compiled.nodes, Cow::Borrowed(_)));
        assert!(compiled == built, "the tables differ from a fresh build");
    }
}
