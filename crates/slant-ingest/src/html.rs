//! HTML pages to articles: main content by `dom_smoothie` (a port of Mozilla's Readability),
//! metadata from JSON-LD, OpenGraph and meta tags, and the guards that keep a hostile page
//! from taking the batch down with it.
//!
//! Why this shape:
//! - The main content comes from `dom_smoothie`, chosen by measurement over the 19 saved news
//!   pages (`scripts/eval-html`): mean word F1 1.00, against 0.92 for the `trafilatura` crate
//!   and 0.82 for slant's earlier hand-written extraction. That extraction ([`fallback_text`])
//!   remains as the fallback when Readability finds no article (short pages, link lists).
//! - Parsers and DOM walks in every crate we tried recurse or scan the open-element stack, so
//!   deep nesting overflows the stack (about 13,000 nested `<div>`s aborted the process) or
//!   takes quadratic time (1M levels: minutes). [`nesting_depth`] measures the depth on the raw
//!   markup in one linear pass that stops as soon as it passes [`MAX_DEPTH`]; deeper pages,
//!   pages whose elements' depths add up past [`MAX_WORK`] (deep *and* wide: seconds per MB)
//!   and pages over [`MAX_HTML_BYTES`] become an error record, never a parse.
//! - JSON-LD is read here with `serde_json` (whose recursion limit makes deep JSON an error),
//!   not by `dom_smoothie`'s own reader, which recurses without a limit.

use crate::decode::{decode, normalise, Decoded};
use crate::error::{Failure, IngestError};
use crate::formats::{base_article, Item, Origin};
use dom_query::Document;

/// The deepest element nesting slant parses. Real news pages stay well below 100 levels (the
/// 19 dev pages: 30 at most). In a release build on the 2 MiB stack of a rayon worker the
/// extraction survived 16,000 levels (in 76 s) and overflowed at 32,000 in Readability;
/// `deep_nesting_survives_far_beyond_the_limit` below checks 4 times this limit.
pub const MAX_DEPTH: usize = 512;

/// The most parse work (the sum of every element's depth, [`Markup::work`]) slant spends on a
/// page: the 19 dev pages need at most 21,263 (30 levels deep at most); 20 million takes about
/// 2 s (150 blocks of 500 nested divs, 2.26 s release build). A 2 MB page
/// of 200,000 elements each 250 levels deep on average took 6 s and exceeds it.
pub const MAX_WORK: u64 = 20_000_000;

/// The largest HTML page slant parses (32 MiB). Saved news pages are under 2 MiB; a larger
/// "page" is a dump or an attack, and parsing it would hold hundreds of MB per page in flight.
pub const MAX_HTML_BYTES: usize = 32 << 20;

/// Metadata of a page, each field from the first source that has it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PageMeta {
    pub title: Option<String>,
    pub site_name: Option<String>,
    pub date: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
}

/// One HTML page to one article (or one failure naming the file and the reason).
pub fn parse_html(text: &str, origin: &Origin) -> Item {
    let fail = |message: String| {
        Err(Failure::new(
            origin.path.clone(),
            None,
            IngestError::Invalid(message),
        ))
    };
    if text.len() > MAX_HTML_BYTES {
        return fail(format!(
            "the HTML page is too large to parse ({} bytes; slant parses pages up to {} bytes)",
            text.len(),
            MAX_HTML_BYTES
        ));
    }
    match measure_markup(text, MAX_DEPTH) {
        Err(depth) => {
            return fail(format!(
                "nesting too deep: elements nest more than {depth} levels (slant parses up to {MAX_DEPTH})"
            ))
        }
        Ok(m) if m.work > MAX_WORK => {
            return fail(format!(
                "markup too complex: {} elements at an average depth of {} (slant parses pages whose elements' depths add up to {MAX_WORK} at most)",
                m.elements,
                m.work / m.elements.max(1)
            ))
        }
        Ok(_) => {}
    }
    let mut article = base_article(origin);
    let (meta, body, used_fallback) = extract(text);
    article.title = meta.title;
    if let Some(site) = meta.site_name {
        article.outlet = Some(site);
    }
    article.date = meta.date;
    article.author = meta.author;
    article.url = meta.url;
    // No site name and no folder outlet: the outlet the canonical URL implies.
    if article.outlet.is_none() {
        article.outlet = article
            .url
            .as_deref()
            .and_then(crate::hosts::outlet_for_url);
    }
    let mut paragraphs: Vec<String> = body
        .lines()
        .map(collapse_ws)
        .filter(|l| !l.is_empty())
        .collect();
    // A heading that repeats the title is the title, not body text.
    if let (Some(first), Some(title)) = (paragraphs.first(), article.title.as_ref()) {
        if first == title {
            paragraphs.remove(0);
        }
    }
    let body = normalise(&paragraphs.join("\n\n"));
    if body.trim().is_empty() {
        return fail("the HTML page has no main text".into());
    }
    if used_fallback {
        article.warnings.push(
            "Readability found no article on this page; main text taken from the page's paragraphs"
                .into(),
        );
    }
    article.text = body;
    Ok(article)
}

/// An HTML page's bytes to text: in the charset the transport names (`http_charset`, from an
/// HTTP `Content-Type`), else the one the page declares in its first 4 KiB (`<meta charset>`
/// or `http-equiv`), else UTF-8 with the Windows-1252 fallback of every other input. A page
/// declaring UTF-8 goes the UTF-8 way (binary check, fallback with a warning).
pub fn decode_html<'a>(
    bytes: &'a [u8],
    http_charset: Option<&str>,
) -> Result<Decoded<'a>, IngestError> {
    let label = http_charset
        .map(str::to_string)
        .or_else(|| meta_charset(bytes));
    let encoding = label
        .as_deref()
        .and_then(|c| encoding_rs::Encoding::for_label(c.trim().as_bytes()));
    match encoding {
        Some(enc) if enc != encoding_rs::UTF_8 && !bytes.is_empty() => {
            let (text, used, had_errors) = enc.decode(bytes);
            if text.trim().is_empty() {
                return Err(IngestError::Blank);
            }
            let warning =
                had_errors.then(|| format!("bytes invalid in {} were replaced", used.name()));
            Ok(Decoded { text, warning })
        }
        _ => decode(bytes),
    }
}

/// The charset a page declares in its first 4 KiB (`<meta charset>` or `http-equiv`).
fn meta_charset(body: &[u8]) -> Option<String> {
    let head = &body[..body.len().min(4096)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let at = find(&lower, 0, b"charset=")? + 8;
    let rest = &head[at..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let len = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':' | b'.'))
        .count();
    (len > 0).then(|| String::from_utf8_lossy(&rest[..len]).into_owned())
}

/// Metadata and main text (one block per line) of a page whose depth has been checked, and
/// whether the text came from the fallback extraction.
fn extract(text: &str) -> (PageMeta, String, bool) {
    let doc = Document::from(text);
    let mut meta = page_meta(&doc);
    let config = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        disable_json_ld: true,
        ..Default::default()
    };
    let mut readability = match dom_smoothie::Readability::with_document(doc, None, Some(config)) {
        Ok(r) => r,
        // Only a bad document URL fails here, and none is given.
        Err(_) => return (meta, String::new(), false),
    };
    match readability.parse() {
        Ok(found) if !found.text_content.trim().is_empty() => {
            let or =
                |a: Option<String>, b: Option<String>| a.or(b.filter(|s| !s.trim().is_empty()));
            let title = collapse_ws(&found.title);
            meta.title = or(meta.title.take(), Some(title));
            meta.site_name = or(
                meta.site_name.take(),
                found.site_name.map(|s| collapse_ws(&s)),
            );
            meta.date = or(
                meta.date.take(),
                found.published_time.map(|s| s.trim().to_string()),
            );
            meta.author = or(
                meta.author.take(),
                found.byline.as_deref().map(clean_byline),
            );
            meta.url = or(meta.url.take(), found.url);
            (meta, found.text_content.to_string(), false)
        }
        _ => {
            let doc = Document::from(text);
            (meta, fallback_text(&doc), true)
        }
    }
}

/// Metadata from JSON-LD (`NewsArticle` and kin), OpenGraph, `<meta>` tags, `<link
/// rel=canonical>`, `<time datetime>` and `<title>`, in that order of trust per field.
pub fn page_meta(doc: &Document) -> PageMeta {
    let ld = json_ld(doc);
    let meta = |names: &[&str]| -> Option<String> {
        names.iter().find_map(|name| {
            let sel = format!(
                "meta[property=\"{name}\" i], meta[name=\"{name}\" i], meta[itemprop=\"{name}\"]"
            );
            doc.select(&sel)
                .iter()
                .filter_map(|e| e.attr("content"))
                .map(|v| collapse_ws(&v))
                .find(|v| !v.is_empty())
        })
    };
    let title = ld
        .title
        .clone()
        .or_else(|| meta(&["og:title", "twitter:title", "dc.title"]))
        .or_else(|| {
            doc.select("title")
                .iter()
                .next()
                .map(|t| collapse_ws(&t.text()))
                .filter(|t| !t.is_empty())
        });
    let site_name = meta(&["og:site_name"])
        .or(ld.site_name.clone())
        .or_else(|| meta(&["application-name"]));
    let date = ld
        .date
        .clone()
        .or_else(|| {
            meta(&[
                "article:published_time",
                "datePublished",
                "date",
                "pubdate",
                "publish-date",
                "dc.date",
                "dc.date.issued",
                "dcterms.created",
                "sailthru.date",
                "parsely-pub-date",
            ])
        })
        .or_else(|| {
            doc.select("time[datetime]")
                .iter()
                .filter_map(|t| t.attr("datetime"))
                .map(|v| v.trim().to_string())
                .find(|v| !v.is_empty())
        });
    let author = ld.author.clone().or_else(|| {
        meta(&[
            "author",
            "article:author",
            "dc.creator",
            "parsely-author",
            "sailthru.author",
        ])
        .filter(|a| !a.starts_with("http://") && !a.starts_with("https://"))
    });
    let url = doc
        .select("link[rel=\"canonical\" i]")
        .iter()
        .filter_map(|l| l.attr("href"))
        .map(|v| v.trim().to_string())
        .find(|v| v.starts_with("http://") || v.starts_with("https://"))
        .or_else(|| meta(&["og:url"]))
        .or(ld.url.clone());
    PageMeta {
        title,
        site_name,
        date,
        author,
        url,
    }
}

const LD_ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "Report",
    "ScholarlyArticle",
    "TechArticle",
    "WebPage",
];

/// The first article object in the page's JSON-LD scripts (also inside `@graph` and arrays).
fn json_ld(doc: &Document) -> PageMeta {
    let mut found = PageMeta::default();
    for script in doc.select("script[type=\"application/ld+json\" i]").iter() {
        let text = script.text();
        let text = text
            .trim()
            .trim_start_matches("<![CDATA[")
            .trim_end_matches("]]>");
        // serde_json stops at 128 levels: deep JSON is an error here, not a stack overflow.
        let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
            continue;
        };
        let mut objects = Vec::new();
        let mut stack = vec![&value];
        while let Some(v) = stack.pop() {
            match v {
                serde_json::Value::Array(items) => stack.extend(items.iter().rev()),
                serde_json::Value::Object(o) => {
                    if let Some(graph) = o.get("@graph") {
                        stack.push(graph);
                    }
                    objects.push(o);
                }
                _ => {}
            }
        }
        // Articles before a bare WebPage: a page's WebPage object describes the page, not the
        // story.
        objects.sort_by_key(|o| type_rank(o.get("@type")));
        let Some(obj) = objects
            .into_iter()
            .find(|o| type_rank(o.get("@type")) < LD_ARTICLE_TYPES.len())
        else {
            continue;
        };
        let s = |k: &str| obj.get(k).and_then(ld_text);
        found.title = found.title.or_else(|| s("headline")).or_else(|| s("name"));
        found.date = found
            .date
            .or_else(|| s("datePublished"))
            .or_else(|| s("dateCreated"));
        found.author = found
            .author
            .or_else(|| obj.get("author").and_then(ld_names));
        found.site_name = found
            .site_name
            .or_else(|| obj.get("publisher").and_then(ld_names));
        found.url = found.url.or_else(|| {
            s("url").or_else(|| {
                obj.get("mainEntityOfPage")
                    .and_then(|m| m.get("@id").and_then(ld_text).or_else(|| ld_text(m)))
            })
        });
        found.url = found
            .url
            .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    }
    found
}

fn type_rank(t: Option<&serde_json::Value>) -> usize {
    let names: Vec<&str> = match t {
        Some(serde_json::Value::String(s)) => vec![s.as_str()],
        Some(serde_json::Value::Array(a)) => a.iter().filter_map(|v| v.as_str()).collect(),
        _ => vec![],
    };
    names
        .iter()
        .filter_map(|n| LD_ARTICLE_TYPES.iter().position(|t| t == n))
        .map(|p| {
            if LD_ARTICLE_TYPES[p] == "WebPage" {
                LD_ARTICLE_TYPES.len() - 1
            } else {
                0
            }
        })
        .min()
        .unwrap_or(LD_ARTICLE_TYPES.len())
}

fn ld_text(v: &serde_json::Value) -> Option<String> {
    v.as_str().map(collapse_ws).filter(|s| !s.is_empty())
}

/// Names from a JSON-LD person or organisation: a string, `{"name": ...}`, or a list of them.
fn ld_names(v: &serde_json::Value) -> Option<String> {
    let one = |v: &serde_json::Value| -> Option<String> {
        match v {
            serde_json::Value::String(s) => Some(collapse_ws(s)),
            serde_json::Value::Object(o) => o.get("name").and_then(ld_text),
            _ => None,
        }
        .filter(|s| !s.is_empty() && !s.starts_with("http://") && !s.starts_with("https://"))
    };
    match v {
        serde_json::Value::Array(items) => {
            let names: Vec<String> = items.iter().filter_map(one).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        v => one(v),
    }
}

/// "By Jane Doe" -> "Jane Doe".
fn clean_byline(b: &str) -> String {
    let b = collapse_ws(b);
    for prefix in ["By ", "by ", "BY "] {
        if let Some(rest) = b.strip_prefix(prefix) {
            return rest.trim().to_string();
        }
    }
    b
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ------------------------------------------------------------------------------------------
// Depth guard
// ------------------------------------------------------------------------------------------

/// Elements that never have an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame", "basefont", "bgsound", "image",
];
/// Elements whose content is text up to their own end tag.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];
/// Elements a `<p>` start closes an open `<p>` for (HTML's "close a p element").
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
    "li",
    "dd",
    "dt",
];

/// The depth alone (tests).
#[cfg(test)]
fn nesting_depth(html: &str, limit: usize) -> Result<usize, usize> {
    measure_markup(html, limit).map(|m| m.depth)
}

/// What [`measure_markup`] finds: the deepest nesting, and the sum over start tags of the
/// depth at which each opens: the work of a parser's scope checks and of Readability's walks
/// up the tree, which grow with the depth of every element, not just their number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Markup {
    pub depth: usize,
    pub elements: u64,
    pub work: u64,
}

/// How deep elements nest in `html`, as an HTML parser would build the tree, in one pass over
/// the markup: `Ok(depth)`, or `Err(limit)` as soon as the depth passes `limit` (so a page of a
/// million nested tags costs no more than its first `limit` levels). It models the end tags
/// HTML lets a page omit (`<p>`, `<li>`, `<td>`, ...) so that ordinary pages measure their true
/// depth; an end tag that matches none of the 64 innermost open elements is ignored, which can
/// only over-estimate the depth.
pub fn measure_markup(html: &str, limit: usize) -> Result<Markup, usize> {
    let b = html.as_bytes();
    let (mut work, mut elements) = (0u64, 0u64);
    let mut stack: Vec<String> = Vec::new();
    let mut max = 0;
    let mut i = 0;
    while let Some(off) = memchr(b'<', &b[i..]) {
        i += off + 1;
        if b[i..].starts_with(b"!--") {
            i = find(b, i + 3, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        if matches!(b.get(i), Some(b'!' | b'?')) {
            i = memchr(b'>', &b[i..]).map_or(b.len(), |e| i + e + 1);
            continue;
        }
        let end_tag = b.get(i) == Some(&b'/');
        let start = if end_tag { i + 1 } else { i };
        let len = b[start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-' || **c == b':')
            .count();
        if len == 0 || !b[start].is_ascii_alphabetic() {
            continue; // "<" as text
        }
        let name = html[start..start + len].to_ascii_lowercase();
        // The end of the tag, past quoted attribute values.
        let mut j = start + len;
        let mut quote = None;
        while j < b.len() {
            match (quote, b[j]) {
                (None, b'"' | b'\'') => quote = Some(b[j]),
                (Some(q), c) if c == q => quote = None,
                (None, b'>') => break,
                _ => {}
            }
            j += 1;
        }
        let self_closing = j > 0 && j <= b.len() && b.get(j.wrapping_sub(1)) == Some(&b'/');
        i = (j + 1).min(b.len());
        if end_tag {
            if let Some(pos) = stack.iter().rev().take(64).position(|n| *n == name) {
                let keep = stack.len() - pos - 1;
                stack.truncate(keep);
            }
            continue;
        }
        if VOID.contains(&name.as_str()) || self_closing {
            continue;
        }
        if RAW_TEXT.contains(&name.as_str()) {
            let close = format!("</{name}");
            i = find_ci(b, i, close.as_bytes()).unwrap_or(b.len());
            continue;
        }
        implied_end_tags(&mut stack, &name);
        stack.push(name);
        max = max.max(stack.len());
        work += stack.len() as u64;
        elements += 1;
        if max > limit {
            return Err(limit);
        }
    }
    Ok(Markup {
        depth: max,
        elements,
        work,
    })
}

/// Pop the elements a start tag `name` closes implicitly.
fn implied_end_tags(stack: &mut Vec<String>, name: &str) {
    let top_is = |stack: &Vec<String>, names: &[&str]| {
        stack.last().is_some_and(|t| names.contains(&t.as_str()))
    };
    match name {
        "li" => {
            while top_is(stack, &["li", "p"]) {
                stack.pop();
            }
        }
        "dt" | "dd" => {
            while top_is(stack, &["dt", "dd", "p"]) {
                stack.pop();
            }
        }
        "td" | "th" => {
            while top_is(stack, &["td", "th"]) {
                stack.pop();
            }
        }
        "tr" => {
            while top_is(stack, &["td", "th", "tr"]) {
                stack.pop();
            }
        }
        "tbody" | "thead" | "tfoot" => {
            while top_is(stack, &["td", "th", "tr", "tbody", "thead", "tfoot"]) {
                stack.pop();
            }
        }
        "option" | "optgroup" => {
            while top_is(stack, &["option"]) {
                stack.pop();
            }
        }
        "rb" | "rt" | "rp" | "rtc" => {
            while top_is(stack, &["rb", "rt", "rp"]) {
                stack.pop();
            }
        }
        _ => {}
    }
    if CLOSES_P.contains(&name) && top_is(stack, &["p"]) {
        stack.pop();
    }
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&c| c == needle)
}

fn find(b: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(pat.len())
        .position(|w| w == pat)
        .map(|p| from + p)
}

fn find_ci(b: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(pat.len())
        .position(|w| w.eq_ignore_ascii_case(pat))
        .map(|p| from + p)
}

// ------------------------------------------------------------------------------------------
// Fallback extraction
// ------------------------------------------------------------------------------------------

const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "svg",
    "iframe", "template", "select", "object", "embed", "canvas", "video", "audio", "head",
];
const BLOCK_TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "dt",
    "dd",
    "td",
    "th",
    "figcaption",
];

/// slant's earlier extraction, kept for pages where Readability finds no article: the text
/// blocks of `<article>` (the one with the most paragraph text), else `<main>`, else `<body>`,
/// without navigation, forms and scripts; one block per line. Walks the tree with an explicit
/// stack, so its depth costs heap, not call stack.
pub fn fallback_text(doc: &Document) -> String {
    let p_len = |e: &dom_query::NodeRef| -> usize {
        dom_query::Selection::from(*e)
            .select("p")
            .iter()
            .map(|p| p.text().len())
            .sum()
    };
    let mut root = None;
    for candidates in ["article", "main, [role=\"main\"]"] {
        let best = doc
            .select(candidates)
            .nodes()
            .iter()
            .copied()
            .max_by_key(|e| p_len(e));
        if let Some(best) = best {
            if p_len(&best) > 0 || !best.text().trim().is_empty() {
                root = Some(best);
                break;
            }
        }
    }
    let Some(root) = root.or_else(|| doc.select("body").nodes().first().copied()) else {
        return String::new();
    };
    let mut lines = Vec::new();
    let mut pending = String::new();
    // (node, inside a block element): children are pushed in reverse to visit them in order;
    // `None` marks the end of a block.
    let mut stack: Vec<Option<(dom_query::NodeRef, bool)>> = root
        .children()
        .into_iter()
        .rev()
        .map(|c| Some((c, false)))
        .collect();
    while let Some(entry) = stack.pop() {
        let Some((node, in_block)) = entry else {
            flush(&mut pending, &mut lines);
            continue;
        };
        if node.is_text() {
            pending.push_str(&node.text());
            continue;
        }
        if !node.is_element() {
            continue;
        }
        let name = node
            .node_name()
            .map(|n| n.to_ascii_lowercase())
            .unwrap_or_default();
        if SKIP_TAGS.contains(&name.as_str()) {
            continue;
        }
        if name == "br" {
            pending.push(' ');
            continue;
        }
        let block = !in_block && BLOCK_TAGS.contains(&name.as_str());
        if block {
            flush(&mut pending, &mut lines);
            stack.push(None);
        }
        stack.extend(
            node.children()
                .into_iter()
                .rev()
                .map(|c| Some((c, in_block || block))),
        );
    }
    flush(&mut pending, &mut lines);
    lines.join("\n")
}

fn flush(pending: &mut String, out: &mut Vec<String>) {
    let text = collapse_ws(pending);
    if !text.is_empty() {
        out.push(text);
    }
    pending.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin() -> Origin {
        Origin::new("in/outlet/a.html", "outlet/a", Some("outlet"))
    }

    #[test]
    fn charset_from_transport_then_page() {
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode("<p>Caf\u{e9}</p>");
        let d = decode_html(&latin, Some("iso-8859-1")).unwrap();
        assert_eq!((d.text.as_ref(), d.warning), ("<p>Caf\u{e9}</p>", None));
        let page = [
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"
                .as_slice(),
            &latin,
        ]
        .concat();
        assert!(decode_html(&page, None)
            .unwrap()
            .text
            .ends_with("<p>Caf\u{e9}</p>"));
        let (gbk, _, _) = encoding_rs::GBK.encode("<meta charset='gbk'><p>\u{4e2d}\u{6587}</p>");
        assert!(decode_html(&gbk, None)
            .unwrap()
            .text
            .contains("\u{4e2d}\u{6587}"));
        // Declared UTF-8 but not: the usual fallback, with its warning.
        let d = decode_html(b"<meta charset=utf-8><p>Caf\xe9</p>", None).unwrap();
        assert!(d.warning.unwrap().contains("Windows-1252"));
    }

    #[test]
    fn depth_of_ordinary_markup() {
        assert_eq!(
            nesting_depth("<html><body><div><p>a<p>b</div></body></html>", 100),
            Ok(4)
        );
        // Omitted end tags do not add up.
        let list: String = "<li>item".repeat(1000);
        assert_eq!(nesting_depth(&format!("<ul>{list}</ul>"), 100), Ok(2));
        let rows: String = "<tr><td>a<td>b".repeat(1000);
        assert_eq!(nesting_depth(&format!("<table>{rows}</table>"), 100), Ok(3));
        // Script text and comments are not markup.
        let script = format!(
            "<div><script>{}</script><!-- {} --></div>",
            "<div>".repeat(500),
            "<b>".repeat(500)
        );
        assert_eq!(nesting_depth(&script, 100), Ok(1));
        assert_eq!(nesting_depth("a < b and <3 <<", 10), Ok(0));
        assert_eq!(
            nesting_depth("<div title=\"x>y\"><br/><img src=a></div>", 10),
            Ok(1)
        );
    }

    #[test]
    fn depth_stops_at_the_limit() {
        let deep = "<div>".repeat(1_000_000);
        assert_eq!(nesting_depth(&deep, MAX_DEPTH), Err(MAX_DEPTH));
        let unclosed_b = "<b>x".repeat(2000);
        assert!(nesting_depth(&unclosed_b, MAX_DEPTH).is_err());
    }

    #[test]
    fn dev_pages_are_well_within_the_limit() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/corpus/dev/html_pages");
        let (mut deepest, mut most_work) = (0, 0);
        for page in std::fs::read_dir(&dir).expect("../shared/corpus/dev/html_pages") {
            let source = page.unwrap().path().join("source.html");
            let Ok(bytes) = std::fs::read(&source) else {
                continue;
            };
            let m = measure_markup(&String::from_utf8_lossy(&bytes), MAX_DEPTH).unwrap();
            deepest = deepest.max(m.depth);
            most_work = most_work.max(m.work);
        }
        assert!(
            deepest > 10 && deepest * 4 < MAX_DEPTH,
            "deepest dev page: {deepest}"
        );
        assert!(
            most_work * 20 < MAX_WORK,
            "most work on a dev page: {most_work}"
        );
        println!("dev pages: deepest {deepest} levels, most work {most_work}");
    }

    #[test]
    fn deep_and_wide_is_an_error_too() {
        let block = format!(
            "{}<p>Text.</p>{}",
            "<div>".repeat(500),
            "</div>".repeat(500)
        );
        let err = parse_html(&block.repeat(200), &origin()).unwrap_err();
        assert!(err.to_string().contains("markup too complex"), "{err}");
        assert!(parse_html(&block.repeat(2), &origin()).is_ok());
    }

    #[test]
    fn too_deep_is_an_error_naming_the_reason() {
        let page = format!(
            "<html><body>{}<p>Text.</p></body></html>",
            "<div>".repeat(13_000)
        );
        let err = parse_html(&page, &origin()).unwrap_err();
        assert_eq!(err.path, "in/outlet/a.html");
        assert!(err.to_string().contains("nesting too deep"), "{err}");
    }

    /// The extraction (parse, Readability, fallback, metadata) on pages nested deeper than
    /// MAX_DEPTH, on a thread with the 2 MiB stack of a rayon worker. (Far deeper survives too,
    /// but both the parse and Readability take time quadratic in the depth: see MAX_DEPTH.)
    #[test]
    fn deep_nesting_survives_far_beyond_the_limit() {
        for depth in [MAX_DEPTH, 4 * MAX_DEPTH] {
            let page = format!(
                "<html><head><title>T</title></head><body>{}<p>{}</p>{}</body></html>",
                "<div>".repeat(depth),
                "Words of the story go here. ".repeat(40),
                "</div>".repeat(depth)
            );
            let text = std::thread::Builder::new()
                .stack_size(2 << 20)
                .spawn(move || {
                    let (_, text, _) = extract(&page);
                    let fallback = fallback_text(&Document::from(page.as_str()));
                    (text, fallback)
                })
                .unwrap()
                .join()
                .expect("no stack overflow");
            assert!(text.0.contains("Words of the story"), "depth {depth}");
            assert!(text.1.contains("Words of the story"), "depth {depth}");
        }
    }

    #[test]
    fn metadata_from_json_ld_opengraph_and_meta() {
        let page = r#"<html><head><title>Bridge vote - Harbor Ledger</title>
            <meta property="og:site_name" content="Harbor Ledger">
            <meta name="author" content="Meta Author">
            <link rel="canonical" href="https://www.harborledger.example/2026/bridge">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebPage","name":"Page"},
              {"@type":"NewsArticle","headline":"Council backs the bridge","datePublished":"2026-03-01T09:00:00Z",
               "author":[{"@type":"Person","name":"Ana Ruiz"},{"name":"Tom Lee"}],
               "publisher":{"@type":"Organization","name":"The Harbor Ledger"}}]}</script>
            </head><body><article><h1>Council backs the bridge</h1>
            <p>The council voted on Monday to fund the new bridge across the harbour, ending a
            debate that had run for three years and divided the town's two largest parties.</p>
            <p>Work is to start in the spring, the mayor said, and the bridge should open to
            traffic within two years if the budget holds and the weather is kind to the crews.</p>
            </article></body></html>"#;
        let a = parse_html(page, &origin()).unwrap();
        assert_eq!(a.title.as_deref(), Some("Council backs the bridge"));
        assert_eq!(a.outlet.as_deref(), Some("Harbor Ledger"));
        assert_eq!(a.date.as_deref(), Some("2026-03-01T09:00:00Z"));
        assert_eq!(a.author.as_deref(), Some("Ana Ruiz, Tom Lee"));
        assert_eq!(
            a.url.as_deref(),
            Some("https://www.harborledger.example/2026/bridge")
        );
        assert!(
            a.text.starts_with("The council voted on Monday"),
            "{}",
            a.text
        );
        assert_eq!(a.text.matches("\n\n").count(), 1);
        assert!(a.warnings.is_empty());
    }

    #[test]
    fn deep_json_ld_is_ignored_not_a_crash() {
        let page = format!(
            "<html><head><script type=\"application/ld+json\">{}</script></head><body><p>Short text.</p></body></html>",
            "[".repeat(200_000)
        );
        let a = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || parse_html(&page, &origin()))
            .unwrap()
            .join()
            .expect("no stack overflow");
        let a = a.unwrap();
        assert_eq!(a.text, "Short text.");
        assert_eq!(a.author, None);
    }

    #[test]
    fn short_pages_and_pages_without_text() {
        let page = "<html><body><nav>Home</nav><main><p>One short line.</p></main><footer>(c)</footer></body></html>";
        let a = parse_html(page, &origin()).unwrap();
        assert!(a.text.ends_with("One short line."), "{}", a.text);
        for page in [
            "<html><body><nav></nav></body></html>",
            "<p>  </p>",
            "<script>x()</script>",
        ] {
            let err = parse_html(page, &origin()).unwrap_err();
            assert!(err.to_string().contains("no main text"), "{err}");
        }
    }

    #[test]
    fn fallback_takes_the_article_blocks() {
        let page = "<html><body><nav>Home</nav><div><article><h2>Head</h2><p>One <b>bold</b> line.<br>Two.</p>\
            <ul><li>Item</li></ul><aside>Related</aside></article></div><footer>(c)</footer></body></html>";
        let text = fallback_text(&Document::from(page));
        assert_eq!(text, "Head\nOne bold line. Two.\nItem");
    }
}
