//! Paragraphs and sentences with byte offsets, tuned for news text.
//!
//! A sentence ends at `.`, `!`, `?` or an ellipsis, plus any closing quotation marks or
//! brackets, when whitespace and then an upper-case letter, digit or opening mark follow. The
//! exceptions are what news text is full of: titles (Mr., Gen.), months before a day (Jan. 5),
//! initials (J. R.), dotted abbreviations (U.S.) before a name, and decimals (3.5 percent).
//! A line without final punctuation that stands alone (a headline, a bullet item) is a
//! sentence of its own.

use crate::bytescan::{lines_inclusive, Next};
use crate::model::Span;

/// Paragraph spans: blocks separated by blank lines; when the text has no blank line at all,
/// every line is a paragraph (the one-paragraph-per-line convention of many feeds).
pub fn paragraphs(text: &str) -> Vec<Span> {
    // (What `text.lines()` would say: trimming drops the '\n' and '\r' it leaves out.)
    let has_blank_line = lines_inclusive(text).any(|l| l.trim().is_empty());
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut offset = 0;
    for line in lines_inclusive(text) {
        let content = line.trim_end_matches('\n');
        let line_start = offset;
        offset += line.len();
        if content.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(Span::new(s, end));
            }
            continue;
        }
        let (lead, trail) = trim_offsets(content);
        if start.is_none() {
            start = Some(line_start + lead);
        }
        end = line_start + trail;
        if !has_blank_line {
            out.push(Span::new(start.take().expect("set above"), end));
        }
    }
    if let Some(s) = start {
        out.push(Span::new(s, end));
    }
    out
}

fn trim_offsets(s: &str) -> (usize, usize) {
    let lead = s.len() - s.trim_start().len();
    let trail = s.trim_end().len();
    (lead, trail)
}

/// Titles and other abbreviations that a name or number always follows.
fn never_final(w: &str) -> bool {
    matches!(
        w,
        "mr" | "mrs"
            | "ms"
            | "messrs"
            | "dr"
            | "prof"
            | "gen"
            | "lt"
            | "col"
            | "maj"
            | "capt"
            | "cpt"
            | "sgt"
            | "cmdr"
            | "adm"
            | "cpl"
            | "pvt"
            | "sen"
            | "rep"
            | "gov"
            | "lt. gov"
            | "pres"
            | "rev"
            | "hon"
            | "atty"
            | "supt"
            | "det"
            | "insp"
            | "amb"
            | "sec"
            | "st"
            | "mt"
            | "ft"
            | "no"
            | "nos"
            | "vol"
            | "fig"
            | "vs"
            | "approx"
            | "e.g"
            | "i.e"
            | "cf"
            | "pp"
            | "ca"
            | "op"
            | "gov't"
            | "dept"
            | "est"
    )
}
fn is_month(w: &str) -> bool {
    matches!(
        w,
        "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
    )
}
/// Abbreviations that may end a sentence: they end one only when a typical sentence opener
/// follows ("in the U.S. The talks ..." versus "the U.S. Senate").
fn maybe_final(w: &str) -> bool {
    matches!(
        w,
        "inc"
            | "corp"
            | "co"
            | "ltd"
            | "llc"
            | "jr"
            | "sr"
            | "etc"
            | "al"
            | "u.s"
            | "u.k"
            | "u.n"
            | "e.u"
            | "a.m"
            | "p.m"
            | "d.c"
            | "bros"
            | "plc"
            | "ave"
            | "blvd"
            | "rd"
    )
}
fn is_opener(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "he"
            | "she"
            | "it"
            | "they"
            | "we"
            | "i"
            | "you"
            | "but"
            | "and"
            | "or"
            | "so"
            | "yet"
            | "in"
            | "on"
            | "at"
            | "this"
            | "that"
            | "these"
            | "those"
            | "his"
            | "her"
            | "their"
            | "its"
            | "there"
            | "after"
            | "when"
            | "while"
            | "if"
            | "as"
            | "for"
            | "with"
            | "some"
            | "many"
            | "most"
            | "meanwhile"
            | "however"
            | "still"
            | "also"
            | "both"
            | "no"
            | "our"
            | "my"
            | "what"
            | "who"
            | "why"
            | "how"
            | "officials"
            | "critics"
    )
}

/// Sentence spans inside one paragraph. Returns (span, standalone) pairs where `standalone`
/// marks a line that ended without final punctuation.
#[cfg(test)]
pub fn sentences(text: &str, para: Span) -> Vec<(Span, bool)> {
    let mut out = Vec::new();
    sentences_into(text, para, &mut out);
    out
}

/// The sentence spans inside one paragraph, appended to `out` as (span, standalone) pairs,
/// `standalone` marking a line that ended without final punctuation.
pub fn sentences_into(text: &str, para: Span, out: &mut Vec<(Span, bool)>) {
    let p = &text[para.start..para.end];
    // The sentences of one piece (local offsets), kept for the next piece.
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut piece = |ps: usize, pe: usize, open: bool| {
        spans.clear();
        split_piece(&p[ps..pe], &mut spans);
        let n = spans.len();
        for (i, &(s, e)) in spans.iter().enumerate() {
            let abs = Span::new(para.start + ps + s, para.start + ps + e);
            if !abs.is_empty() {
                out.push((abs, open && i + 1 == n));
            }
        }
    };
    // Forced breaks at line ends: bullet items and short lines with no final punctuation.
    let mut line_start = 0;
    let mut piece_start = 0;
    let mut lines = lines_inclusive(p).peekable();
    while let Some(line) = lines.next() {
        let content = line.trim_end();
        let next = lines.peek().map(|l| l.trim_start());
        let line_end = line_start + line.len();
        let ends_open = !content.ends_with([
            '.', '!', '?', ':', ';', ',', '"', '\u{201d}', '\u{2019}', '\'', ')', '-', '\u{2014}',
            '\u{2026}',
        ]);
        // Asked only of a line with another after it (the last line of a paragraph, most
        // paragraphs' only one, ends its piece anyway).
        let force = next.is_some_and(|next| {
            let next_upper = next.chars().next().is_some_and(char::is_uppercase);
            is_bullet(content.trim_start())
                || is_bullet(next)
                || (ends_open && next_upper && content.trim().chars().count() < 60)
        });
        if force {
            piece(piece_start, line_start + content.len(), ends_open);
            piece_start = line_end;
        }
        line_start = line_end;
    }
    let last_end = p.trim_end().len();
    if piece_start < last_end {
        let ends_open = !p[..last_end].ends_with([
            '.', '!', '?', '"', '\u{201d}', '\u{2019}', '\'', ')', '\u{2026}',
        ]);
        piece(piece_start, last_end, ends_open);
    }
}

fn is_bullet(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('-' | '*' | '\u{2022}' | '\u{2013}' | '\u{25aa}') => chars.next() == Some(' '),
        Some(c) if c.is_ascii_digit() => {
            let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
            rest.starts_with(". ") || rest.starts_with(") ")
        }
        _ => false,
    }
}

fn bullet_len(s: &str) -> usize {
    let t = s.trim_start();
    let lead = s.len() - t.len();
    if !is_bullet(t) {
        return lead;
    }
    let marker_end = t.find(' ').unwrap_or(0);
    lead + marker_end + (t[marker_end..].len() - t[marker_end..].trim_start().len())
}

const CLOSERS: &[char] = &['"', '\'', '\u{201d}', '\u{2019}', ')', ']', '\u{bb}'];
const OPEN_MARKS: &[char] = &[
    '"', '\'', '\u{201c}', '\u{2018}', '(', '[', '\u{ab}', '\u{2014}', '\u{2013}', '-',
];

/// Split one run of text (no forced breaks inside) into sentences, as local offsets appended
/// to `out`.
fn split_piece(s: &str, out: &mut Vec<(usize, usize)>) {
    let mut start = bullet_len(s);
    let bytes = s.as_bytes();
    let mut i = start;
    let mut ascii = Next::new(|h: &[u8]| memchr::memchr3(b'.', b'!', b'?', h));
    let mut e2 = Next::new(|h: &[u8]| memchr::memchr(0xe2, h));
    while i < s.len() {
        // Straight to the next terminal mark: `.`, `!`, `?` or U+2026 (E2 80 A6).
        i = ascii.at(bytes, i).min(e2.at(bytes, i));
        if i == usize::MAX {
            break;
        }
        if bytes[i] == 0xe2 && !(bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xa6))
        {
            i += 1;
            continue;
        }
        // The run of terminal marks, then closing marks.
        let term_start = i;
        let mut j = i;
        while j < s.len() {
            let d = s[j..].chars().next().expect("in bounds");
            if matches!(d, '.' | '!' | '?' | '\u{2026}') {
                j += d.len_utf8();
            } else {
                break;
            }
        }
        let term = &s[term_start..j];
        while j < s.len() {
            let d = s[j..].chars().next().expect("in bounds");
            if CLOSERS.contains(&d) {
                j += d.len_utf8();
            } else {
                break;
            }
        }
        // Whitespace must follow.
        let ws_end = j + (s[j..].len() - s[j..].trim_start().len());
        if j < s.len() && ws_end == j {
            i = j.max(i + 1);
            continue;
        }
        if ws_end >= s.len() {
            break;
        }
        let next_char = s[ws_end..].chars().next().expect("in bounds");
        let next_starts = next_char.is_uppercase()
            || next_char.is_ascii_digit()
            || OPEN_MARKS.contains(&next_char);
        let mut boundary = next_starts;
        if boundary && term == "." {
            let word = word_before(&s[..term_start]);
            boundary = period_ends_sentence(word, &next_word(&s[ws_end..]), next_char);
        }
        // An opening mark right after might also be a closing one we did not see; a dash
        // starting the next piece of a sentence is only an opener in lists.
        if boundary && matches!(next_char, '-' | '\u{2013}' | '\u{2014}') {
            boundary = false;
        }
        if boundary {
            out.push((start, j));
            start = ws_end;
        }
        i = ws_end.max(j).max(i + 1);
    }
    let end = s.trim_end().len();
    if start < end {
        out.push((start, end));
    }
}

fn word_before(s: &str) -> &str {
    let start = s
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace() || matches!(c, '(' | '"' | '\u{201c}' | '\u{2018}' | '['))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    &s[start..]
}

fn next_word(s: &str) -> String {
    s.trim_start_matches(OPEN_MARKS)
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '\'')
        .collect::<String>()
        .to_lowercase()
}

fn period_ends_sentence(word: &str, next_word: &str, next_char: char) -> bool {
    // Lower-cased on the stack when short and ASCII (nearly every word before a period): this
    // runs at the end of most sentences.
    let mut buf = [0u8; 24];
    let owned;
    let lower = if word.len() <= buf.len() && word.is_ascii() {
        for (d, s) in buf.iter_mut().zip(word.bytes()) {
            *d = s.to_ascii_lowercase();
        }
        std::str::from_utf8(&buf[..word.len()]).expect("ASCII is UTF-8")
    } else {
        owned = word.to_lowercase();
        owned.as_str()
    };
    if word.is_empty() {
        return true;
    }
    if never_final(lower) {
        return false;
    }
    if is_month(lower) {
        return !next_char.is_ascii_digit() && is_opener(next_word);
    }
    // Single initials: "J. R. Tolkien", "George W. Bush".
    let mut letters = word.chars();
    if let (Some(c), None) = (letters.next(), letters.next()) {
        if c.is_uppercase() {
            return false;
        }
    }
    // Dotted abbreviations such as "U.S" or "J.R" (the final period is the terminator).
    let dotted = word.contains('.')
        && word
            .split('.')
            .all(|p| p.chars().count() <= 2 && p.chars().all(char::is_alphabetic));
    if dotted || maybe_final(lower) {
        return is_opener(next_word);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        paragraphs(text)
            .into_iter()
            .flat_map(|p| sentences(text, p))
            .map(|(s, _)| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn news_abbreviations_do_not_split() {
        assert_eq!(
            split("Mr. Smith met Gen. Jones on Jan. 5 in Washington, D.C. about the U.S. Senate plan. Prices rose 3.5 percent."),
            vec![
                "Mr. Smith met Gen. Jones on Jan. 5 in Washington, D.C. about the U.S. Senate plan.",
                "Prices rose 3.5 percent."
            ]
        );
        assert_eq!(
            split("He lives in the U.S. The move was sudden."),
            vec!["He lives in the U.S.", "The move was sudden."]
        );
        assert_eq!(
            split("The book by J. R. R. Tolkien sold well. George W. Bush read it."),
            vec![
                "The book by J. R. R. Tolkien sold well.",
                "George W. Bush read it."
            ]
        );
    }

    #[test]
    fn quotes_closing_after_the_period() {
        assert_eq!(
            split("\u{201c}We will win.\u{201d} The crowd cheered. \"Why now?\" he asked. \"Never,\" she said."),
            vec!["\u{201c}We will win.\u{201d}", "The crowd cheered.", "\"Why now?\" he asked.", "\"Never,\" she said."]
        );
    }

    #[test]
    fn ellipses_and_headlines() {
        assert_eq!(
            split("Talks stall\n\nThe deal... might fail. Or not\u{2026} We will see!"),
            vec![
                "Talks stall",
                "The deal... might fail.",
                "Or not\u{2026}",
                "We will see!"
            ]
        );
    }

    #[test]
    fn bullet_lists_are_sentences() {
        assert_eq!(
            split("The plan has three parts:\n- a new bridge\n- more buses\n- lower fares\n\nIt passed."),
            vec!["The plan has three parts:", "a new bridge", "more buses", "lower fares", "It passed."]
        );
    }

    #[test]
    fn one_paragraph_per_line_without_blank_lines() {
        let text = "First para. Still first.\nSecond para.";
        let ps = paragraphs(text);
        assert_eq!(ps.len(), 2);
        assert_eq!(&text[ps[1].start..ps[1].end], "Second para.");
    }

    #[test]
    fn wrapped_lines_join_within_a_paragraph() {
        let text = "The council voted on a long and complicated plan that would rebuild the old\nbridge by 2030. It passed.\n\nNext.";
        assert_eq!(split(text).len(), 3);
    }

    #[test]
    fn never_panics_on_odd_text() {
        for t in [
            "...",
            ". . .",
            "\u{201d}.",
            "?!",
            "a.b.c.",
            "\"",
            "- ",
            "1) ",
            "\u{2026}\u{2026} A",
            "Mr. ",
            "x\n\n\n",
        ] {
            let _ = split(t);
        }
    }
}
