//! The built-in lexicons as compiled data: `build.rs` parses `models/lexicons/*.toml` with
//! [`Lexicon::parse`] and writes them out as the statics below, so a run copies them instead
//! of parsing TOML (that parse was about two thirds of start-up). A test checks that the copy
//! equals a fresh parse of the files.

use crate::lexicon::{Category, Entry, Lexicon, LexiconInfo, Pos};

struct BuiltinFile {
    name: &'static str,
    version: &'static str,
    description: &'static str,
    entries: usize,
}

struct BuiltinEntry {
    term: &'static str,
    category: Category,
    weight: f64,
    pos: Pos,
    note: &'static str,
    forms: &'static [&'static str],
    set: Option<&'static str>,
    case_sensitive: bool,
    lexicon: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/builtin_lexicon.rs"));

impl Lexicon {
    /// All built-in lexicons, in the order of [`crate::lexicon::BUILTIN`]; they were checked
    /// when the crate was built.
    pub fn builtin() -> Lexicon {
        Lexicon {
            entries: ENTRIES
                .iter()
                .map(|e| Entry {
                    term: e.term.to_string(),
                    category: e.category,
                    weight: e.weight,
                    pos: e.pos,
                    note: e.note.to_string(),
                    forms: e.forms.iter().map(|f| f.to_string()).collect(),
                    set: e.set.map(str::to_string),
                    case_sensitive: e.case_sensitive,
                    lexicon: e.lexicon.to_string(),
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
}
