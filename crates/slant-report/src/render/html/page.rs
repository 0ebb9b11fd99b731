//! The frame of every HTML page slant writes: the head with its Content-Security-Policy and
//! style sheet, and the footer.

use crate::escape::H;
use std::fmt::Write;

/// The Content-Security-Policy of every page: no script, no fetch, inline styles only.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/// Everything up to the page's content: doctype, head (policy, title, `css`), body wrapper.
pub fn start(out: &mut String, title: &str, css: &str) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"referrer\" content=\"no-referrer\">\n<meta name=\"generator\" content=\"slant\">\n<title>{}</title>\n<style>\n{css}</style>\n</head>\n<body>\n<div class=\"wrap\">\n",
        H(title)
    );
}

/// The footer (`footer` is HTML, already escaped) and the end of the page.
pub fn end(out: &mut String, footer: &str) {
    let _ = write!(out, "<footer>{footer}</footer>\n</div>\n</body>\n</html>\n");
}
