//! Character classes shared by the tokeniser and the lexicon trie (and by `build.rs`, which
//! builds the built-in lexicons' trie).

/// U+2000 to U+206F: spaces, dashes, curly quotation marks, the ellipsis, none of them a
/// letter or digit (a test checks the block). They are most of the text's non-ASCII
/// characters, and the Unicode tables take hundreds of instructions to say so.
#[inline]
pub(crate) fn general_punctuation(c: char) -> bool {
    ('\u{2000}'..='\u{206f}').contains(&c)
}

/// A word character for lexicon matching: a letter, a digit or `_`.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    !general_punctuation(c) && c.is_alphanumeric() || c == '_'
}
