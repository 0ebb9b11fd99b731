//! Escaping of article-derived text for HTML, SVG and Markdown output, and safe file names.
//!
//! Article text is hostile input: titles, outlets, ids, paths, URLs and bodies may carry
//! markup, script, CSS or broken bytes. Every piece of it reaches a report through one of the
//! functions here. The HTML escape covers text *and* quoted attribute values (it escapes both
//! quote characters), so there is one rule to remember: escape after slicing by byte offsets,
//! never before, and never emit article text any other way.

use std::borrow::Cow;
use std::fmt;

/// Characters a page must never show raw: C0/C1 controls (other than tab and newline) and
/// DEL become U+FFFD, so a stray control byte decoded from a bad file cannot confuse a
/// parser or a terminal; so do the bidirectional embeddings, overrides and isolates, so that
/// an unclosed override in one field (a headline) cannot reverse the fields after it (the
/// outlet's name). Marks that only hint a direction (U+200E, U+200F) stay: right-to-left text
/// needs no more.
fn visible(c: char) -> char {
    match c {
        '\t' | '\n' => c,
        '\r' => ' ',
        c if c.is_control() || is_bidi_control(c) => '\u{FFFD}',
        c => c,
    }
}

/// `s` with every character [`visible`] would replace replaced, for formats that escape
/// nothing else (a Markdown code span).
pub fn visible_text(s: &str) -> String {
    s.chars().map(visible).collect()
}

/// The entity that stands for `c` in HTML text and quoted attribute values, if it needs one.
fn entity(c: char) -> Option<&'static str> {
    Some(match c {
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        '"' => "&quot;",
        '\'' => "&#39;",
        _ => return None,
    })
}

/// Append `s` escaped for HTML text and for quoted attribute values.
pub fn push_html(out: &mut String, s: &str) {
    for c in s.chars() {
        match entity(c) {
            Some(e) => out.push_str(e),
            None => out.push(visible(c)),
        }
    }
}

/// `s` escaped for HTML text and quoted attribute values.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push_html(&mut out, s);
    out
}

/// Displays a string HTML-escaped, for use in `write!` arguments.
pub struct H<'a>(pub &'a str);

impl fmt::Display for H<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&html(self.0))
    }
}

/// Append `s` escaped for Markdown inline text (a paragraph, list item, heading or table
/// cell). Characters that start HTML, emphasis, code, links, images, tables, headings or
/// entities are escaped, line breaks become spaces (so text stays in its cell or list
/// item), and `://` and `www.` are broken up so that a GitHub render does not turn a URL in
/// article text into a link.
pub fn push_md(out: &mut String, s: &str) {
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // As in HTML: a Markdown page may hold HTML.
            '<' | '>' | '&' => out.push_str(entity(c).unwrap_or_default()),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '!' | '~' | '(' | ')' => {
                out.push('\\');
                out.push(c);
            }
            ':' if chars.peek() == Some(&'/') => out.push_str("\\:"),
            '.' if out.len() >= 3
                && out.as_bytes()[out.len() - 3..].eq_ignore_ascii_case(b"www") =>
            {
                out.push_str("\\.")
            }
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => out.push(' '),
            c => out.push(visible(c)),
        }
    }
}

/// `s` escaped for Markdown inline text.
pub fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push_md(&mut out, s);
    out
}

/// Displays a string Markdown-escaped, for use in `write!` arguments.
pub struct M<'a>(pub &'a str);

impl fmt::Display for M<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&md(self.0))
    }
}

/// True for the characters that reorder the text after them: the bidirectional embeddings
/// and overrides (U+202A-U+202E) and isolates (U+2066-U+2069). An unclosed U+202E in a
/// title would show the next field reversed.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `s` made safe to print on one line of a terminal: every control character (C0 including
/// tab and newline, DEL, C1) and every bidirectional control becomes U+FFFD, so article text
/// or a file name can neither send an escape sequence (retitle the window, move the cursor)
/// nor reorder what follows. Borrowed when nothing needs replacing.
pub fn terminal(s: &str) -> Cow<'_, str> {
    let bad = |c: char| c.is_control() || is_bidi_control(c);
    if !s.chars().any(bad) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| if bad(c) { '\u{FFFD}' } else { c })
            .collect(),
    )
}

/// Displays a string made safe for a terminal (see [`terminal`]), for `eprintln!` arguments.
pub struct T<'a>(pub &'a str);

impl fmt::Display for T<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&terminal(self.0))
    }
}

/// A lowercase ASCII slug for file names: letters, digits and single dashes, at most `max`
/// bytes, never empty. File names never carry anything else from an article.
pub fn slug(s: &str, max: usize) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            if out.len() >= max {
                break;
            }
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "x".to_string()
    } else {
        out
    }
}

/// FNV-1a: a small, stable hash so that file names stay distinct when two names slug alike.
pub fn fnv1a(s: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in s.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// At most `max` characters of `s`, with an ellipsis when cut (for chart labels).
pub fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('\u{2026}');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_markup_and_both_quotes() {
        assert_eq!(
            html(r#"<script>alert('x')</script> & "q""#),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(html("a\u{81}b\u{0}c\r"), "a\u{FFFD}b\u{FFFD}c ");
    }

    #[test]
    fn bidirectional_controls_never_reach_a_page() {
        let title = "Port strike \u{202E}goes on\u{2066}";
        for out in [html(title), md(title), visible_text(title)] {
            assert!(!out.chars().any(is_bidi_control), "{out:?}");
            assert!(
                out.contains("Port strike \u{FFFD}goes on\u{FFFD}"),
                "{out:?}"
            );
        }
        // Direction marks are no override.
        assert_eq!(html("a\u{200F}b"), "a\u{200F}b");
    }

    #[test]
    fn markdown_escapes_html_links_and_tables() {
        assert_eq!(md("<img src=x>"), "&lt;img src=x&gt;");
        assert_eq!(
            md("[a](javascript:alert(1))"),
            "\\[a\\]\\(javascript:alert\\(1\\)\\)"
        );
        assert_eq!(md("a|b *c* _d_ `e`"), "a\\|b \\*c\\* \\_d\\_ \\`e\\`");
        assert_eq!(
            md("see http://x.invalid and www.x.invalid"),
            "see http\\://x.invalid and www\\.x.invalid"
        );
        assert_eq!(md("line\nbreak"), "line break");
    }

    #[test]
    fn slugs_are_plain_ascii() {
        assert_eq!(
            slug("\"><img src=x onerror=alert(2)>", 40),
            "img-src-x-onerror-alert-2"
        );
        assert_eq!(slug("../../etc/passwd", 40), "etc-passwd");
        assert_eq!(slug("<>", 40), "x");
        assert_eq!(slug("Fox_News", 3), "fox");
    }

    #[test]
    fn terminal_text_carries_no_escape_sequence_or_bidi_control() {
        let hostile = "a\u{1b}]0;owned\u{7}b\u{1b}[2Jc\u{9b}d\ne\u{202E}f\u{2066}g\u{7f}";
        let safe = terminal(hostile);
        assert!(!safe.chars().any(|c| c.is_control() || is_bidi_control(c)));
        assert_eq!(
            safe,
            "a\u{FFFD}]0;owned\u{FFFD}b\u{FFFD}[2Jc\u{FFFD}d\u{FFFD}e\u{FFFD}f\u{FFFD}g\u{FFFD}"
        );
        assert!(matches!(terminal("Fox News — Kyiv"), Cow::Borrowed(_)));
        assert_eq!(T("x\u{7}").to_string(), "x\u{FFFD}");
    }
}
