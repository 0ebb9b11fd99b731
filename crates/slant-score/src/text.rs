//! Word tokens with byte spans, for the rules that read patterns rather than lexicon terms.

pub(crate) use crate::chars::general_punctuation;
use slant_ingest::Span;
use std::borrow::Cow;

/// A word in an article: its span and its lower-cased text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    pub span: Span,
    pub lower: Lower<'a>,
    /// The first character is upper case.
    pub capitalised: bool,
}

/// A word's lower-cased text: the article's own bytes when the word is already lower case
/// (most words), a copy only when lower-casing changes it. Copying every word into a small
/// string cost a quarter of tokenising (perf: the copy's bytes were read back before the
/// stores had landed). It derefs to `str`, and keeps the word's [`bucket`] for [`W`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lower<'a> {
    text: Cow<'a, str>,
    bucket: u16,
}

impl<'a> Lower<'a> {
    fn new(text: Cow<'a, str>) -> Lower<'a> {
        let bucket = bucket(text.as_bytes());
        Lower { text, bucket }
    }

    #[inline]
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The word as the rules' word lists test it.
    #[inline]
    pub fn w(&self) -> W<'_> {
        W {
            s: &self.text,
            bucket: self.bucket,
        }
    }
}

impl std::ops::Deref for Lower<'_> {
    type Target = str;
    #[inline]
    fn deref(&self) -> &str {
        &self.text
    }
}

impl PartialEq<&str> for Lower<'_> {
    fn eq(&self, other: &&str) -> bool {
        *self.text == **other
    }
}

/// A lower-cased word with its [`bucket`], as the word lists of the rules take it
/// (`is!(w, "a" | "b")`): a list first checks the word's bit in a table of its words'
/// buckets, made at compile time, and compares strings only when the bit is set. Most words
/// are in none of the lists a rule asks about, and one bit test turns them away where a
/// `matches!` jumped on the length (often mispredicted) and compared. Tokens keep their
/// bucket, so it is computed once per word, not once per list. It derefs to `str`.
#[derive(Debug, Clone, Copy)]
pub struct W<'a> {
    s: &'a str,
    bucket: u16,
}

impl<'a> W<'a> {
    /// The empty word (past the end of a sentence).
    pub const EMPTY: W<'static> = W {
        s: "",
        bucket: bucket(b""),
    };

    /// A word that is not a token's (its bucket computed now).
    #[inline]
    pub fn new(s: &'a str) -> W<'a> {
        W {
            s,
            bucket: bucket(s.as_bytes()),
        }
    }

    #[inline]
    pub fn as_str(self) -> &'a str {
        self.s
    }

    /// Whether the word's bucket is one of `set`'s: false means it is not in the list.
    #[inline]
    pub fn may_be_in(self, set: &Buckets) -> bool {
        set.0[(self.bucket >> 6) as usize] & (1 << (self.bucket & 63)) != 0
    }
}

impl std::ops::Deref for W<'_> {
    type Target = str;
    #[inline]
    fn deref(&self) -> &str {
        self.s
    }
}

impl PartialEq<&str> for W<'_> {
    #[inline]
    fn eq(&self, other: &&str) -> bool {
        self.s == *other
    }
}

impl std::fmt::Display for W<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.s)
    }
}

/// What `is!` and a [`WordList`] take: a [`W`] (a token's word, its bucket kept), or any
/// string (its bucket computed there).
pub trait IntoW<'a> {
    fn into_w(self) -> W<'a>;
}

impl<'a> IntoW<'a> for W<'a> {
    #[inline]
    fn into_w(self) -> W<'a> {
        self
    }
}

impl<'a> IntoW<'a> for &'a str {
    #[inline]
    fn into_w(self) -> W<'a> {
        W::new(self)
    }
}

/// Number of buckets: a list of 80 words sets at most 80 of 1,024 bits, so about 92% of the
/// words outside it are turned away by the bit alone.
const BUCKETS: usize = 1024;

/// The buckets of a word list, `is!`'s table (built at compile time by [`Buckets::of`]).
pub struct Buckets(pub [u64; BUCKETS / 64]);

impl Buckets {
    /// The buckets of `words`.
    pub const fn of(words: &[&str]) -> Buckets {
        let mut bits = [0u64; BUCKETS / 64];
        let mut i = 0;
        while i < words.len() {
            let b = bucket(words[i].as_bytes());
            bits[(b >> 6) as usize] |= 1 << (b & 63);
            i += 1;
        }
        Buckets(bits)
    }

    /// The buckets of any of `sets`' words.
    pub const fn union(sets: &[&Buckets]) -> Buckets {
        let mut bits = [0u64; BUCKETS / 64];
        let mut i = 0;
        while i < sets.len() {
            let mut k = 0;
            while k < bits.len() {
                bits[k] |= sets[i].0[k];
                k += 1;
            }
            i += 1;
        }
        Buckets(bits)
    }
}

/// A word's bucket, 0 to 1,023: a multiplicative hash of its length and of its first and last
/// eight bytes (all of them for a short word). The same function at compile time (a list's
/// words) and at run time (a token's), so a word in a list always finds its bit.
#[inline]
pub const fn bucket(b: &[u8]) -> u16 {
    let n = b.len();
    let (a, z) = match (b.first_chunk::<8>(), b.last_chunk::<8>()) {
        (Some(a), Some(z)) => (u64::from_le_bytes(*a), u64::from_le_bytes(*z)),
        _ => {
            let mut a = 0u64;
            let mut i = 0;
            while i < n {
                a |= (b[i] as u64) << (8 * i);
                i += 1;
            }
            (a, a)
        }
    };
    let x = (a ^ z.rotate_left(29) ^ (n as u64)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (x >> 54) as u16
}

/// A fixed list of lower-cased words, made by `word_list!`: `LIST.contains(word)` as with a
/// slice of words, answered by an `is!` (a bucket bit, then a `matches!`) instead of a scan.
#[derive(Clone, Copy)]
pub(crate) struct WordList(pub(crate) fn(W) -> bool);

impl WordList {
    #[inline]
    pub(crate) fn contains<'a>(&self, w: impl IntoW<'a>) -> bool {
        (self.0)(w.into_w())
    }
}

fn joins(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '-' | '.' | ',')
}

/// Spaces and ASCII punctuation other than '$', by byte: they start no word.
static NO_WORD_START: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 128 {
        t[i] = !(i as u8).is_ascii_alphanumeric() && i != b'$' as usize;
        i += 1;
    }
    t
};

/// ASCII letters and digits, by byte: one load per byte in the tokeniser's inner loop. The
/// value is `LOWER` for lower-case letters and digits, `UPPER` for capitals, 0 otherwise.
static ASCII_ALNUM: [u8; 256] = {
    let mut t = [0; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = if b.is_ascii_uppercase() {
            UPPER
        } else if b.is_ascii_alphanumeric() {
            LOWER
        } else {
            0
        };
        i += 1;
    }
    t
};
const LOWER: u8 = 1;
const UPPER: u8 = 2;

/// A letter or digit; ASCII answers without the Unicode tables.
#[inline]
fn alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        !general_punctuation(c) && c.is_alphanumeric()
    }
}

/// Words inside `span` of `text`: runs of letters and digits, keeping inner apostrophes,
/// hyphens, and the points and commas of numbers and abbreviations ("U.S.", "3.5", "1,200",
/// "don't"); a leading currency sign and a trailing `%` belong to the word.
///
/// The scan walks byte offsets of characters: an ASCII byte is its own character (most of
/// the text), anything else is decoded where it stands, so no table of characters is built.
pub fn tokens(text: &str, span: Span) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    tokens_into(text, None, span, &mut out);
    out
}

/// [`tokens`], appended to `out` (one vector for a whole article, not one per sentence).
/// `lower`, when given, is `text.to_ascii_lowercase()`: a word of ASCII characters with a
/// capital then borrows its lower-cased text from it instead of copying it (a quarter of
/// the words of news, and the most frequent allocation of a run).
pub(crate) fn tokens_into<'t>(
    text: &'t str,
    lower: Option<&'t str>,
    span: Span,
    out: &mut Vec<Token<'t>>,
) {
    let s = &text[span.start..span.end];
    let b = s.as_bytes();
    let n = b.len();
    // The character starting at byte `p`, and the offset of the one after it.
    let ch = |p: usize| -> char {
        if b[p] < 0x80 {
            b[p] as char
        } else {
            s[p..].chars().next().unwrap_or('\0')
        }
    };
    let next = |p: usize| -> usize {
        p + match b[p] {
            0..=0x7f => 1,
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            _ => 4,
        }
    };
    // Room for a word every four bytes: news averages one every five to six, and a vector
    // grown past its guess copies every token.
    out.reserve(n / 4 + 2);
    let mut k = 0;
    while k < n {
        if NO_WORD_START[b[k] as usize] {
            k += 1;
            continue;
        }
        let (c, after) = if ASCII_ALNUM[b[k] as usize] != 0 {
            // An ASCII letter or digit starts the word (most words): nothing to decode.
            (b[k] as char, k + 1)
        } else {
            let c = ch(k);
            let after = next(k);
            let currency =
                matches!(c, '$' | '\u{20ac}' | '\u{a3}') && after < n && b[after].is_ascii_digit();
            if !(alnum(c) || currency) {
                k = after;
                continue;
            }
            (c, after)
        };
        let start = k;
        // `j` is the character being looked at, `before` the one before it.
        let mut before = k;
        let mut j = after;
        let mut ascii = c.is_ascii();
        // Some byte of the word is an ASCII capital (UPPER), only then is it lower-cased.
        let mut classes = if ascii { ASCII_ALNUM[b[k] as usize] } else { 0 };
        while j < n {
            // A run of ASCII letters and digits (most of a word) in a loop of its own.
            let run = j;
            while j < n {
                let class = ASCII_ALNUM[b[j] as usize];
                if class == 0 {
                    break;
                }
                classes |= class;
                j += 1;
            }
            if j > run {
                before = j - 1;
                if j == n {
                    break;
                }
            }
            // A space ends the word (most words end so): no character to decode or test.
            if b[j] == b' ' {
                break;
            }
            let d = ch(j);
            let jn = next(j);
            if alnum(d) {
                ascii = false;
                before = j;
                j = jn;
            } else if joins(d) && jn < n && alnum(ch(jn)) {
                // A comma joins only digits (1,200), a point joins digits or single letters.
                let prev = b[before];
                let nb = b[jn];
                if d == ',' && !(prev.is_ascii_digit() && nb.is_ascii_digit()) {
                    break;
                }
                if d == '.'
                    && !(prev.is_ascii_digit() && nb.is_ascii_digit())
                    && !(ch(jn).is_alphabetic() && next(jn) < n && b[next(jn)] == b'.')
                {
                    break;
                }
                ascii &= d.is_ascii();
                before = j;
                j = jn;
            } else {
                break;
            }
        }
        // Trailing point of an abbreviation like "U.S." (a point two characters back) and a
        // trailing percent sign.
        let mut end = j;
        if end < n && b[end] == b'.' && before > 0 && b[before - 1] == b'.' {
            end += 1;
        }
        if end < n && b[end] == b'%' {
            end += 1;
        }
        let word = &s[start..end];
        let lower = if ascii {
            if classes & UPPER == 0 {
                Cow::Borrowed(word)
            } else if let Some(l) = lower {
                // ASCII lower-casing keeps every byte where it was.
                Cow::Borrowed(&l[span.start + start..span.start + end])
            } else {
                Cow::Owned(word.to_ascii_lowercase())
            }
        } else {
            match word.to_lowercase() {
                l if l == word => Cow::Borrowed(word),
                l => Cow::Owned(l),
            }
        };
        let lower = Lower::new(lower);
        out.push(Token {
            span: Span::new(span.start + start, span.start + end),
            lower,
            capitalised: c.is_uppercase(),
        });
        k = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_tokens() {
        let text = "The U.S. gave $800 million, 3.5% more than 1,200 don't-know voters.";
        let words: Vec<String> = tokens(text, Span::new(0, text.len()))
            .into_iter()
            .map(|t| t.lower.to_string())
            .collect();
        assert_eq!(
            words,
            vec![
                "the",
                "u.s.",
                "gave",
                "$800",
                "million",
                "3.5%",
                "more",
                "than",
                "1,200",
                "don't-know",
                "voters"
            ]
        );
    }

    /// The tokeniser as first written, over a table of characters: the byte walk must find
    /// exactly the same tokens.
    fn tokens_by_chars(text: &str, span: Span) -> Vec<Token<'_>> {
        let s = &text[span.start..span.end];
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        let mut out = Vec::new();
        let mut k = 0;
        while k < chars.len() {
            let (off, c) = chars[k];
            let currency = matches!(c, '$' | '\u{20ac}' | '\u{a3}')
                && chars
                    .get(k + 1)
                    .map(|x| x.1.is_ascii_digit())
                    .unwrap_or(false);
            if !(c.is_alphanumeric() || currency) {
                k += 1;
                continue;
            }
            let start = off;
            let mut j = k + 1;
            while j < chars.len() {
                let d = chars[j].1;
                if d.is_alphanumeric() {
                    j += 1;
                } else if joins(d)
                    && chars
                        .get(j + 1)
                        .map(|x| x.1.is_alphanumeric())
                        .unwrap_or(false)
                {
                    // A comma joins only digits (1,200), a point joins digits or single letters.
                    let prev = chars[j - 1].1;
                    let next = chars[j + 1].1;
                    if d == ',' && !(prev.is_ascii_digit() && next.is_ascii_digit()) {
                        break;
                    }
                    if d == '.'
                        && !(prev.is_ascii_digit() && next.is_ascii_digit())
                        && !(next.is_alphabetic()
                            && chars.get(j + 2).map(|x| x.1 == '.').unwrap_or(false))
                    {
                        break;
                    }
                    j += 1;
                } else {
                    break;
                }
            }
            // Trailing point of an abbreviation like "U.S." and a trailing percent sign.
            let mut end_k = j;
            if end_k < chars.len()
                && chars[end_k].1 == '.'
                && end_k >= 2
                && chars[end_k - 2].1 == '.'
            {
                end_k += 1;
            }
            if end_k < chars.len() && chars[end_k].1 == '%' {
                end_k += 1;
            }
            let end = chars.get(end_k).map(|x| x.0).unwrap_or(s.len());
            let word = &s[start..end];
            let lower = Lower::new(Cow::Owned(word.to_lowercase()));
            out.push(Token {
                span: Span::new(span.start + start, span.start + end),
                lower,
                capitalised: word.chars().next().map(char::is_uppercase).unwrap_or(false),
            });
            k = end_k.max(k + 1);
        }
        out
    }

    #[test]
    fn a_word_list_answers_for_its_words_and_only_them() {
        // Short and long words, capitals lower-cased, non-ASCII, a contraction, a number.
        let text = "The Élan of U.S. officials: 1,200 ÜBER-cautious Republicans said it's \
                    overwhelmingly likely, then nothing.";
        let listed = [
            "the",
            "élan",
            "u.s.",
            "1,200",
            "über-cautious",
            "republicans",
            "it's",
            "overwhelmingly",
        ];
        let is_listed = |w: W| {
            is!(
                w,
                "the"
                    | "élan"
                    | "u.s."
                    | "über-cautious"
                    | "republicans"
                    | "it's"
                    | "overwhelmingly"
                    | "1,200"
            )
        };
        let mut found = Vec::new();
        for t in tokens(text, Span::new(0, text.len())) {
            let w = t.lower.w();
            let in_list = is_listed(w);
            assert_eq!(in_list, listed.contains(&w.as_str()), "{w}");
            // A string that is not a token's (its bucket computed anew) gets the same answer.
            assert_eq!(in_list, is_listed(W::new(w.as_str())), "{w}");
            if in_list {
                found.push(w.as_str().to_string());
            }
        }
        assert_eq!(found, listed);
        assert!(!is!(W::EMPTY, "the" | "a"));
    }

    #[test]
    fn general_punctuation_has_no_letters_or_digits() {
        for c in '\u{2000}'..='\u{206f}' {
            assert!(general_punctuation(c) && !c.is_alphanumeric(), "{c:?}");
        }
        assert!(!general_punctuation('\u{1fff}') && !general_punctuation('\u{2070}'));
    }

    #[test]
    fn the_byte_walk_tokenises_as_the_character_table_did() {
        const PIECES: &[&str] = &[
            "The ",
            "U.S.",
            "u.k. ",
            "a.",
            ".",
            "..",
            "$",
            "$4",
            "\u{20ac}5",
            "\u{a3}",
            "3.5",
            "1,2",
            ",",
            "%",
            "don't",
            "don\u{2019}t",
            "\u{2019}",
            "'",
            "-",
            "--",
            "x-ray",
            "\u{201c}",
            "\u{201d}",
            "\u{e9}",
            "\u{c9}cole ",
            "na\u{ef}ve",
            "Stra\u{df}e",
            "\u{130}",
            "\u{1f600}",
            "\u{2014}",
            " ",
            "\n",
            "42",
            "\u{661}\u{662}",
            "A",
            "b",
            "_",
            "\u{a0}",
            "\u{3a3}\u{3c9}",
        ];
        let mut state: u64 = 0x5eed;
        for case in 0..3000 {
            let mut text = String::new();
            for _ in 0..1 + case % 40 {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(PIECES[(state >> 33) as usize % PIECES.len()]);
            }
            // Also a span that starts and ends inside the text.
            let first = text.char_indices().nth(1).map(|(i, _)| i).unwrap_or(0);
            for span in [Span::new(0, text.len()), Span::new(first, text.len())] {
                assert_eq!(
                    tokens(&text, span),
                    tokens_by_chars(&text, span),
                    "{text:?}"
                );
            }
        }
    }
}
