//! Direct quotations and the voice of each sentence.
//!
//! Straight and curly double quotes open and close quotations; single quotes count only where
//! they cannot be apostrophes (nested inside a double quotation, or a `'phrase'` that opens
//! after a space and closes before one). News style continues a quotation into the next
//! paragraph by reopening it without closing the last one; a quotation still open at the end of
//! a paragraph that the next paragraph does not reopen ends with its paragraph.

use crate::bytescan::Next;
use crate::model::{Quote, Span, Voice};

/// Top-level quotations in `text`, given its paragraphs.
///
/// Only quotation marks change the state, so the scan goes from mark to mark (a byte search)
/// instead of through every character; the one rule that looks at other characters, a single
/// quotation given up once it runs past 400 bytes, is applied when the next mark or the end
/// of the paragraph is reached, exactly as a character-by-character walk would have.
pub fn find_quotes(text: &str, paragraphs: &[Span]) -> Vec<Quote> {
    let mut quotes = Vec::new();
    // An open quotation: where it started and which mark opened it.
    let mut open: Option<(usize, char)> = None;
    for (pi, para) in paragraphs.iter().enumerate() {
        let p = &text[para.start..para.end];
        let mut from = 0;
        if let Some((_, mark)) = open {
            // Continued from the previous paragraph: the reopening mark belongs to it.
            if p.starts_with(['\u{201c}', '"']) || (mark == '\u{2018}' && p.starts_with('\u{2018}'))
            {
                from = p.chars().next().map_or(0, char::len_utf8);
            }
        }
        // A single quotation of a paragraph after the first is given up at the first character
        // more than 400 bytes past its mark that does not close it.
        let gives_up = |open: Option<(usize, char)>, at: usize| matches!(open, Some((start, '\u{2018}' | '\'')) if pi > 0 && at > start + 400);
        let mut ascii = Next::new(|h: &[u8]| memchr::memchr3(b'"', b'\'', 0xe2, h));
        let mut c2 = Next::new(|h: &[u8]| memchr::memchr(0xc2, h));
        while let Some(off) = next_mark(p, from, &mut ascii, &mut c2) {
            let c = p[off..].chars().next().unwrap_or('\0');
            let after = off + c.len_utf8();
            from = after;
            let abs = para.start + off;
            let prev = p[..off].chars().next_back();
            // A character between the last mark and this one already ended a single quotation.
            if let Some(prev) = prev {
                if gives_up(open, abs - prev.len_utf8()) {
                    open = None;
                }
            }
            let next = p[after..].chars().next();
            match open {
                None => {
                    let opens = match c {
                        '\u{201c}' | '\u{ab}' => true,
                        '"' => next.map(|n| !n.is_whitespace()).unwrap_or(false),
                        '\u{2018}' | '\'' => {
                            opens_single(prev, next) && find_single_close(p, after, c).is_some()
                        }
                        _ => false,
                    };
                    if opens {
                        open = Some((abs, c));
                    }
                }
                Some((start, mark)) => {
                    if closes(mark, c, next) {
                        let end = abs + c.len_utf8();
                        let mark_len = mark.len_utf8();
                        quotes.push(Quote {
                            outer: Span::new(start, end),
                            inner: Span::new(start + mark_len, abs),
                        });
                        open = None;
                    } else if gives_up(open, abs) {
                        open = None;
                    }
                }
            }
        }
        // The characters after the last mark.
        if let Some(last) = p[from..].chars().next_back() {
            if gives_up(open, para.end - last.len_utf8()) {
                open = None;
            }
        }
        if let Some((start, mark)) = open {
            let reopened = paragraphs.get(pi + 1).map(|n| {
                let np = &text[n.start..n.end];
                matches!(mark, '\u{201c}' | '"') && np.starts_with(['\u{201c}', '"'])
            });
            if reopened != Some(true) {
                // Unclosed at the end of its paragraph and not continued: it ends here.
                let mark_len = mark.len_utf8();
                quotes.push(Quote {
                    outer: Span::new(start, para.end),
                    inner: Span::new((start + mark_len).min(para.end), para.end),
                });
                open = None;
            }
        }
    }
    quotes
}

/// Whether `c` closes a quotation opened by `mark` (`next` is the character after `c`): the
/// matching mark, or a straight double mark for a curly one and back; a single mark only
/// before a non-alphanumeric ("the 'plan' was", not "the 'plan's").
fn closes(mark: char, c: char, next: Option<char>) -> bool {
    match (mark, c) {
        ('\u{201c}', '\u{201d}') | ('\u{ab}', '\u{bb}') => true,
        ('"', '"') => true,
        ('\u{201c}', '"') | ('"', '\u{201d}') => true,
        ('\u{2018}' | '\'', '\u{2019}' | '\'') => {
            next.map(|n| !n.is_alphanumeric()).unwrap_or(true)
        }
        _ => false,
    }
}

/// The byte offset of the next quotation mark in `p` at or after `from`: `"`, `'`, `\u{ab}`,
/// `\u{bb}` or one of U+2018, U+2019, U+201C, U+201D. `ascii` and `c2` are searches over
/// `p` for `"`, `'` or the lead byte 0xE2, and for the lead byte 0xC2.
fn next_mark(
    p: &str,
    mut from: usize,
    ascii: &mut Next<impl Fn(&[u8]) -> Option<usize>>,
    c2: &mut Next<impl Fn(&[u8]) -> Option<usize>>,
) -> Option<usize> {
    let b = p.as_bytes();
    loop {
        let i = ascii.at(b, from).min(c2.at(b, from));
        if i == usize::MAX {
            return None;
        }
        let mark = match b[i] {
            b'"' | b'\'' => true,
            0xc2 => matches!(b.get(i + 1), Some(0xab | 0xbb)),
            _ => {
                b.get(i + 1) == Some(&0x80)
                    && matches!(b.get(i + 2), Some(0x98 | 0x99 | 0x9c | 0x9d))
            }
        };
        if mark {
            return Some(i);
        }
        from = i + 1;
    }
}

fn opens_single(prev: Option<char>, next: Option<char>) -> bool {
    let prev_ok = prev
        .map(|p| p.is_whitespace() || matches!(p, '(' | '[' | '"' | '\u{201c}' | '\u{2014}'))
        .unwrap_or(true);
    let next_ok = next.map(|n| n.is_alphanumeric()).unwrap_or(false);
    prev_ok && next_ok
}

/// A closing single quote within 12 words, followed by a non-letter: `'stronger'`. The look
/// ahead (from byte `from` of the paragraph `p`, just after the opening mark) also stops
/// after 400 characters, so text without spaces cannot make it quadratic.
fn find_single_close(p: &str, from: usize, open: char) -> Option<usize> {
    let mut spaces = 0;
    let mut prev = open;
    for (i, c) in p[from..].char_indices().take(400) {
        if c.is_whitespace() {
            spaces += 1;
            if spaces > 12 {
                return None;
            }
        }
        if matches!(c, '\'' | '\u{2019}') {
            let prev_alpha = prev.is_alphanumeric() || matches!(prev, '.' | ',' | '!' | '?');
            let next_ok = p[from + i + c.len_utf8()..]
                .chars()
                .next()
                .map(|n| !n.is_alphanumeric())
                .unwrap_or(true);
            if prev_alpha && next_ok {
                return Some(from + i);
            }
        }
        if matches!(c, '\u{201c}' | '\u{201d}' | '"') {
            return None;
        }
        prev = c;
    }
    None
}

/// The quotations that overlap `span`, found by binary search: quotations as [`find_quotes`]
/// gives them are sorted and do not overlap, so those meeting a span are one run of the list
/// (time logarithmic in the number of quotations, so segmenting an article stays linear).
pub fn overlapping(quotes: &[Quote], span: Span) -> &[Quote] {
    let lo = quotes.partition_point(|q| q.outer.end <= span.start);
    let n = quotes[lo..].partition_point(|q| q.outer.start < span.end);
    &quotes[lo..lo + n]
}

/// The voice of a sentence from how much of it lies inside quotations (`quotes` sorted and not
/// overlapping, as [`find_quotes`] gives them).
pub fn voice_of(text: &str, sentence: Span, quotes: &[Quote]) -> Voice {
    let quotes = overlapping(quotes, sentence);
    if quotes.is_empty() {
        // Nothing inside quotation marks (most sentences): no need to count characters.
        return Voice::Author;
    }
    // One pass over the sentence: the parts between quotations count towards the total only,
    // each quotation's part towards both (the count of characters adds up over the parts).
    let mut inside = 0;
    let mut outside = 0;
    let mut longest_words = 0;
    let mut pos = sentence.start;
    for q in quotes {
        let start = q.outer.start.max(sentence.start);
        let end = q.outer.end.min(sentence.end);
        if start > pos {
            outside += non_white(&text[pos..start]).0;
        }
        let (chars, words) = non_white(&text[start..end]);
        inside += chars;
        longest_words = longest_words.max(words);
        pos = pos.max(end);
    }
    if pos < sentence.end {
        outside += non_white(&text[pos..sentence.end]).0;
    }
    let total = inside + outside;
    if total == 0 {
        return Voice::Author;
    }
    if inside == 0 {
        return Voice::Author;
    }
    let share = inside as f64 / total as f64;
    let starts_quoted = quotes
        .iter()
        .any(|q| q.outer.start <= sentence.start && q.outer.end > sentence.start);
    if longest_words < 5 && share < 0.9 && !starts_quoted {
        // Short quoted phrases ("legitimate target") inside the outlet's own sentence.
        Voice::Author
    } else if share >= 0.5 || (starts_quoted && unquoted_words(text, sentence, quotes) <= 6) {
        // Mostly speech, or speech followed by a speaker tag ("...," the mayor said.).
        Voice::Quoted
    } else if longest_words >= 5 {
        Voice::Mixed
    } else {
        Voice::Author
    }
}

/// The characters of `s` that are not whitespace, and its words (runs of them): the counts
/// of `s.chars().filter(|c| !c.is_whitespace())` and `s.split_whitespace()`, by bytes. Only
/// characters whose first byte is 0xC2, 0xE1, 0xE2 or 0xE3 can be non-ASCII whitespace
/// (U+0085, U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000); only
/// those are decoded.
fn non_white(s: &str) -> (usize, usize) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let b = s.as_bytes();
    let (mut chars, mut words) = (0, 0);
    let mut in_word = false;
    let mut i = 0;
    while i < b.len() {
        // Eight ASCII bytes at a time (most of a text), as bit masks with one bit per byte.
        if let Some(chunk) = b.get(i..i + 8) {
            let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0x80; 8]));
            if x & HIGH == 0 {
                // Each byte is below 0x80, so no sum below carries into the next byte.
                let v = x ^ (ONES * b' ' as u64);
                let space = !((v + ONES * 0x7f) | v) & HIGH;
                let from_tab = (x + ONES * (0x80 - 0x09)) & HIGH;
                let past_cr = (x + ONES * (0x80 - 0x0e)) & HIGH;
                let char_bits = !(space | (from_tab & !past_cr)) & HIGH;
                let before = (char_bits << 8) | if in_word { 0x80 } else { 0 };
                chars += char_bits.count_ones() as usize;
                words += (char_bits & !before).count_ones() as usize;
                in_word = char_bits >> 63 == 1;
                i += 8;
                continue;
            }
        }
        let byte = b[i];
        i += 1;
        // Mostly ASCII: the count is updated without a branch on the byte.
        let white = match BYTE_CLASS[byte as usize] {
            CHAR => false,
            WHITE => true,
            CONTINUATION => continue,
            _ => s[i - 1..].chars().next().is_some_and(char::is_whitespace),
        };
        chars += usize::from(!white);
        words += usize::from(!white && !in_word);
        in_word = !white;
    }
    (chars, words)
}

/// [`non_white`]'s classes of a byte: the first byte of a character that is not whitespace,
/// ASCII whitespace, a continuation byte, or the first byte of a character that may be
/// non-ASCII whitespace (decoded).
const CHAR: u8 = 0;
const WHITE: u8 = 1;
const CONTINUATION: u8 = 2;
const MAYBE_WHITE: u8 = 3;
static BYTE_CLASS: [u8; 256] = {
    let mut t = [CHAR; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = match i as u8 {
            b' ' | b'\t'..=b'\r' => WHITE,
            0x80..=0xbf => CONTINUATION,
            0xc2 | 0xe1 | 0xe2 | 0xe3 => MAYBE_WHITE,
            _ => CHAR,
        };
        i += 1;
    }
    t
};

/// Words of the sentence outside the quotations (`quotes`: those overlapping it, in order).
fn unquoted_words(text: &str, sentence: Span, quotes: &[Quote]) -> usize {
    let mut words = 0;
    let mut pos = sentence.start;
    let mut count = |a: usize, b: usize| {
        if a < b {
            words += text[a..b]
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count();
        }
    };
    for q in quotes {
        count(pos, q.outer.start.max(pos));
        pos = pos.max(q.outer.end.min(sentence.end));
    }
    count(pos, sentence.end);
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::paragraphs;

    fn quoted(text: &str) -> Vec<&str> {
        let ps = paragraphs(text);
        find_quotes(text, &ps)
            .iter()
            .map(|q| &text[q.inner.start..q.inner.end])
            .collect()
    }

    /// [`find_quotes`] as first written, character by character.
    fn find_quotes_by_chars(text: &str, paragraphs: &[Span]) -> Vec<Quote> {
        let mut quotes = Vec::new();
        // An open quotation: where it started and which mark opened it.
        let mut open: Option<(usize, char)> = None;
        for (pi, para) in paragraphs.iter().enumerate() {
            let p = &text[para.start..para.end];
            let mut skip_reopen = false;
            if let Some((_, mark)) = open {
                // Continued from the previous paragraph: the reopening mark belongs to it.
                if p.starts_with(['\u{201c}', '"'])
                    || (mark == '\u{2018}' && p.starts_with('\u{2018}'))
                {
                    skip_reopen = true;
                }
            }
            let chars: Vec<(usize, char)> = p.char_indices().collect();
            let mut k = 0;
            while k < chars.len() {
                let (off, c) = chars[k];
                let abs = para.start + off;
                let prev = if k > 0 { Some(chars[k - 1].1) } else { None };
                let next = chars.get(k + 1).map(|x| x.1);
                if skip_reopen && k == 0 {
                    k += 1;
                    continue;
                }
                match open {
                    None => {
                        let opens = match c {
                            '\u{201c}' | '\u{ab}' => true,
                            '"' => next.map(|n| !n.is_whitespace()).unwrap_or(false),
                            '\u{2018}' | '\'' => {
                                opens_single_ref(prev, next)
                                    && find_single_close_ref(&chars, k + 1, c).is_some()
                            }
                            _ => false,
                        };
                        if opens {
                            open = Some((abs, c));
                        }
                    }
                    Some((start, mark)) => {
                        if super::closes(mark, c, next) {
                            let end = abs + c.len_utf8();
                            let mark_len = mark.len_utf8();
                            quotes.push(Quote {
                                outer: Span::new(start, end),
                                inner: Span::new(start + mark_len, abs),
                            });
                            open = None;
                        } else if matches!(mark, '\u{2018}' | '\'') && pi > 0 && abs > start + 400 {
                            // A single quote never runs this long: it was an apostrophe.
                            open = None;
                        }
                    }
                }
                k += 1;
            }
            if let Some((start, mark)) = open {
                let reopened = paragraphs.get(pi + 1).map(|n| {
                    let np = &text[n.start..n.end];
                    matches!(mark, '\u{201c}' | '"') && np.starts_with(['\u{201c}', '"'])
                });
                if reopened != Some(true) {
                    // Unclosed at the end of its paragraph and not continued: it ends here.
                    let mark_len = mark.len_utf8();
                    quotes.push(Quote {
                        outer: Span::new(start, para.end),
                        inner: Span::new((start + mark_len).min(para.end), para.end),
                    });
                    open = None;
                }
            }
        }
        quotes
    }

    fn opens_single_ref(prev: Option<char>, next: Option<char>) -> bool {
        let prev_ok = prev
            .map(|p| p.is_whitespace() || matches!(p, '(' | '[' | '"' | '\u{201c}' | '\u{2014}'))
            .unwrap_or(true);
        let next_ok = next.map(|n| n.is_alphanumeric()).unwrap_or(false);
        prev_ok && next_ok
    }

    /// A closing single quote within 12 words, followed by a non-letter: `'stronger'`. The look
    /// ahead also stops after 400 characters, so text without spaces cannot make it quadratic.
    fn find_single_close_ref(chars: &[(usize, char)], from: usize, _open: char) -> Option<usize> {
        let mut spaces = 0;
        for k in from..chars.len().min(from + 400) {
            let c = chars[k].1;
            if c.is_whitespace() {
                spaces += 1;
                if spaces > 12 {
                    return None;
                }
            }
            if matches!(c, '\'' | '\u{2019}') {
                let prev_alpha = chars[k - 1].1.is_alphanumeric()
                    || matches!(chars[k - 1].1, '.' | ',' | '!' | '?');
                let next_ok = chars
                    .get(k + 1)
                    .map(|x| !x.1.is_alphanumeric())
                    .unwrap_or(true);
                if prev_alpha && next_ok {
                    return Some(k);
                }
            }
            if matches!(c, '\u{201c}' | '\u{201d}' | '"') {
                return None;
            }
        }
        None
    }

    #[test]
    fn the_mark_to_mark_scan_finds_what_the_character_walk_found() {
        const PIECES: &[&str] = &[
            "a", "word ", " ", "\n\n", "\n", "\"", "'", "\u{2018}", "\u{2019}", "\u{201c}",
            "\u{201d}", "\u{ab}", "\u{bb}", "\u{2014}", "(", ".", ",", "!", "\u{e9}", "x'y",
            "'s ", "don't ", "\u{2018}scare\u{2019} ", "'stronger': ",
            "a long stretch of words that goes on and on without any mark at all, ",
            // 210 two-byte letters: a single quotation can run past 400 bytes within its
            // 400-character look ahead.
            "\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}",
        ];
        let pieces: Vec<String> = PIECES
            .iter()
            .map(|p| {
                if p.starts_with('\u{e9}') {
                    p.repeat(6)
                } else {
                    p.to_string()
                }
            })
            .collect();
        for text in crate::testing::texts(&pieces, 20000, |case| 1 + case % 80) {
            let ps = paragraphs(&text);
            assert_eq!(
                find_quotes(&text, &ps),
                find_quotes_by_chars(&text, &ps),
                "{text:?}"
            );
        }
    }

    #[test]
    fn non_white_counts_as_chars_and_split_whitespace_do() {
        let mut pieces: Vec<String> = (0u32..0x3100)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace() || c.is_ascii() || (*c as u32).is_multiple_of(97))
            .map(String::from)
            .collect();
        pieces.extend(["ab ", "\u{1f600}", "x\u{3000}y"].map(String::from));
        // Mostly ASCII, as news is: runs of eight ASCII bytes take the word-at-a-time path,
        // with every ASCII control and the spaces next to letters, digits and punctuation.
        let mut ascii: Vec<String> = (0u8..0x80).map(|b| String::from(b as char)).collect();
        ascii.extend(["the ", "said,", "  ", "\u{a0}", "\u{2003}", "\u{e9}"].map(String::from));
        let texts = crate::testing::texts(&pieces, 5000, |case| case % 30)
            .chain(crate::testing::texts(&ascii, 5000, |case| case % 60));
        for text in texts {
            let want = (
                text.chars().filter(|c| !c.is_whitespace()).count(),
                text.split_whitespace().count(),
            );
            assert_eq!(non_white(&text), want, "{text:?}");
        }
    }

    #[test]
    fn straight_and_curly() {
        assert_eq!(
            quoted("He said \"we won\" and \u{201c}they lost.\u{201d}"),
            vec!["we won", "they lost."]
        );
    }

    #[test]
    fn apostrophes_are_not_quotes_but_scare_singles_are() {
        assert_eq!(
            quoted("Russia's army and the workers' union."),
            Vec::<&str>::new()
        );
        assert_eq!(
            quoted("Outbreak could be 'stronger': WHO"),
            vec!["stronger"]
        );
    }

    #[test]
    fn nested_quotes_stay_inside() {
        assert_eq!(
            quoted(
                "\u{201c}They called it \u{2018}reform\u{2019} but it is not,\u{201d} she said."
            ),
            vec!["They called it \u{2018}reform\u{2019} but it is not,"]
        );
    }

    #[test]
    fn quote_reopened_in_next_paragraph() {
        let text = "\u{201c}We will fight on.\n\n\u{201c}We will not stop,\u{201d} he said.\n\nNext paragraph.";
        let q = quoted(text);
        assert_eq!(q.len(), 1);
        assert!(q[0].starts_with("We will fight on.") && q[0].ends_with("not stop,"));
    }

    #[test]
    fn unclosed_quote_ends_with_its_paragraph() {
        let text = "\"We will fight on.\n\nThe mayor left.";
        assert_eq!(quoted(text), vec!["We will fight on."]);
    }

    #[test]
    fn overlapping_finds_exactly_the_quotations_a_span_meets() {
        let text = "\u{201c}A b.\u{201d} C d \u{201c}e f\u{201d} g. \u{201c}H.\u{201d} I \u{201c}j k l\u{201d}.";
        let qs = find_quotes(text, &paragraphs(text));
        assert_eq!(qs.len(), 4);
        for start in 0..text.len() {
            for end in start..=text.len() {
                let span = Span::new(start, end);
                let want: Vec<Quote> = qs
                    .iter()
                    .filter(|q| q.outer.overlaps(span))
                    .copied()
                    .collect();
                assert_eq!(overlapping(&qs, span), want, "{start}..{end}");
            }
        }
    }

    #[test]
    fn voice_from_quote_share() {
        let text = "Putin stated: \u{201c}Russia will achieve the liberation of its historical lands by military means.\u{201d} Moscow called it a \u{201c}legitimate target.\u{201d}";
        let ps = paragraphs(text);
        let qs = find_quotes(text, &ps);
        let first_end = text.find('\u{201d}').unwrap() + 3;
        assert_eq!(voice_of(text, Span::new(0, first_end), &qs), Voice::Quoted);
        assert_eq!(
            voice_of(text, Span::new(first_end + 1, text.len()), &qs),
            Voice::Author
        );
    }
}
