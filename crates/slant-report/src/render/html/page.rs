//! The frame of every HTML page slant writes: the head with its Content-Security-Policy and
//! style sheet, and the footer.

use crate::categories::ATTRIBUTION;
use crate::escape::H;
use crate::render::svg::{self, Segment, StackRow};
use std::fmt::Write;

/// The Content-Security-Policy of every page: no script, no fetch, inline styles only.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/// The style rules every page shares after its own colours (`:root`): box model, type,
/// links, the page header.
pub const FRAME_CSS: &str = r#"*{box-sizing:border-box}
body{margin:0;color:var(--ink);background:#fff;font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;-webkit-text-size-adjust:100%}
.wrap{max-width:1100px;margin:0 auto;padding:0 32px 72px}
a{color:#0b5cad;text-decoration:none}a:hover{text-decoration:underline}
header.top{padding:26px 0 12px;border-bottom:1px solid var(--line);margin-bottom:18px}
header.top h1{font-size:27px;line-height:1.2;margin:0;letter-spacing:-.01em;font-weight:700}
header.top .sub{color:var(--muted);margin:4px 0 0;font-size:14.5px}
"#;

/// Everything up to the page's content: doctype, head (policy, title, `css`), body wrapper.
pub fn start(out: &mut String, title: &str, css: &str) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"referrer\" content=\"no-referrer\">\n<meta name=\"generator\" content=\"slant\">\n<title>{}</title>\n<style>\n{css}</style>\n</head>\n<body>\n<div class=\"wrap\">\n",
        H(title)
    );
}

/// The "who is cited" figure: each row's sentences by kind of attribution.
pub fn who_is_cited(out: &mut String, rows: &[StackRow]) {
    let kinds: Vec<Segment> = ATTRIBUTION
        .iter()
        .map(|(key, label, colour)| Segment { key, label, colour })
        .collect();
    out.push_str("<figure><figcaption><b>Who is cited</b>Share of sentences by how they are sourced: a named person or body, a document, an anonymous or vague source, an agentless passive, or no attribution at all.</figcaption>\n");
    out.push_str(&svg::stacked_chart(
        rows,
        &kinds,
        "sentences",
        "Attribution kinds by outlet",
    ));
    out.push_str("</figure>\n");
}

/// The footer (`footer` is HTML, already escaped) and the end of the page.
pub fn end(out: &mut String, footer: &str) {
    let _ = write!(out, "<footer>{footer}</footer>\n</div>\n</body>\n</html>\n");
}
