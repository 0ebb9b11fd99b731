//! Word tokens with byte spans, for the rules that read patterns rather than lexicon terms.

use compact_str::CompactString;
use slant_ingest::Span;

/// A word in an article: its span and its lower-cased text.
///
/// `lower` is a [`CompactString`]: words of up to 24 bytes (nearly all) live inline, so
/// tokenising an article allocates nothing per word. It derefs to `str`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub lower: CompactString,
    /// The first character is upper case.
    pub capitalised: bool,
}

fn joins(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '-' | '.' | ',')
}

/// Words inside `span` of `text`: runs of letters and digits, keeping inner apostrophes,
/// hyphens, and the points and commas of numbers and abbreviations ("U.S.", "3.5", "1,200",
/// "don't"); a leading currency sign and a trailing `%` belong to the word.
pub fn tokens(text: &str, span: Span) -> Vec<Token> {
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
        if end_k < chars.len() && chars[end_k].1 == '.' && end_k >= 2 && chars[end_k - 2].1 == '.' {
            end_k += 1;
        }
        if end_k < chars.len() && chars[end_k].1 == '%' {
            end_k += 1;
        }
        let end = chars.get(end_k).map(|x| x.0).unwrap_or(s.len());
        let word = &s[start..end];
        let lower = if word.is_ascii() {
            let mut w = CompactString::from(word);
            w.as_mut_str().make_ascii_lowercase();
            w
        } else {
            CompactString::from(word.to_lowercase())
        };
        out.push(Token {
            span: Span::new(span.start + start, span.start + end),
            lower,
            capitalised: word.chars().next().map(char::is_uppercase).unwrap_or(false),
        });
        k = end_k.max(k + 1);
    }
    out
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
}
