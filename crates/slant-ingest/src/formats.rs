//! One parser per input format: plain text, Markdown with front matter, HTML (in `html.rs`),
//! JSON and JSONL.
//! Each turns bytes into [`Article`]s; none of them panics on any input.

use crate::decode::{decode, normalise, normalised};
use crate::error::{Failure, IngestError};
use crate::model::Article;

/// The input formats slant reads, chosen by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Json,
    Jsonl,
    /// A web archive, `.warc` or `.warc.gz`: one article per HTML response record.
    Warc,
}

impl Format {
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "warc" => Some(Format::Warc),
            _ => None,
        }
    }

    /// The format of a file by its name: its extension, or `.warc.gz` (the one double
    /// extension slant reads).
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        if name.ends_with(".warc.gz") {
            return Some(Format::Warc);
        }
        Format::from_extension(path.extension()?.to_str()?)
    }
}

/// Where an input came from, used to fill in what its content does not say.
#[derive(Debug, Clone)]
pub struct Origin {
    /// The path as shown in output.
    pub path: String,
    /// The default id (path below the command-line root, without extension).
    pub id: String,
    /// The outlet implied by the folder layout.
    pub outlet: Option<String>,
}

impl Origin {
    /// An input shown as `path`, with the default id `id` and the outlet its folder implies.
    pub fn new(path: &str, id: &str, outlet: Option<&str>) -> Origin {
        Origin {
            path: path.into(),
            id: id.into(),
            outlet: outlet.map(Into::into),
        }
    }
}

pub type Item = Result<Article, Failure>;

/// Parse one input's bytes in the given format. JSON and JSONL may give several articles and
/// several failures; the other formats give exactly one item.
pub fn parse(format: Format, bytes: &[u8], origin: &Origin) -> Vec<Item> {
    let fail = |e: IngestError| vec![Err(Failure::new(origin.path.clone(), None, e))];
    // JSONL is decoded line by line so that one bad line fails alone.
    if format == Format::Jsonl {
        return parse_jsonl(bytes, origin);
    }
    if format == Format::Json && starts_array(bytes) {
        let blocks = crate::json_array::JsonArrayBlocks::new(bytes, origin.clone(), usize::MAX);
        return blocks.flatten().collect();
    }
    if format == Format::Warc {
        let blocks = crate::warc::WarcBlocks::new(
            Box::new(std::io::Cursor::new(bytes.to_vec())),
            origin.clone(),
            usize::MAX,
        );
        return blocks.flatten().collect();
    }
    let decoded = match format {
        Format::Html => crate::html::decode_html(bytes, None),
        _ => decode(bytes),
    };
    let decoded = match decoded {
        Ok(d) => d,
        Err(e) => return fail(e),
    };
    let mut items = match format {
        Format::Text => vec![Ok(parse_plain(&decoded.text, origin, false))],
        Format::Markdown => vec![Ok(parse_plain(&decoded.text, origin, true))],
        Format::Html => vec![crate::html::parse_html(&decoded.text, origin)],
        Format::Json => parse_json(&decoded.text, origin),
        Format::Jsonl | Format::Warc => unreachable!("handled above"),
    };
    if let Some(w) = decoded.warning {
        for article in items.iter_mut().flatten() {
            article.warnings.push(w.clone());
        }
    }
    items
}

/// True when the input's first character (after a UTF-8 BOM and white space) is `[`.
fn starts_array(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[')
}

pub(crate) fn base_article(origin: &Origin) -> Article {
    Article {
        id: origin.id.clone(),
        path: origin.path.clone(),
        outlet: origin.outlet.clone(),
        title: None,
        date: None,
        url: None,
        author: None,
        text: String::new(),
        warnings: Vec::new(),
    }
}

/// Plain text and Markdown: optional `---` front matter, then a title line when a blank line
/// follows it.
fn parse_plain(text: &str, origin: &Origin, markdown: bool) -> Article {
    let mut article = base_article(origin);
    let text = normalised(text);
    let mut body: &str = &text;
    if let Some((meta, rest)) = split_front_matter(&text) {
        for line in meta.lines() {
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let value = unquote(value.trim());
            if value.is_empty() {
                continue;
            }
            match key.trim().to_ascii_lowercase().as_str() {
                "title" => article.title = Some(value),
                "outlet" | "source" | "publisher" => article.outlet = Some(value),
                "date" | "published" => article.date = Some(value),
                "url" | "link" => article.url = Some(value),
                "id" => article.id = value,
                _ => {}
            }
        }
        body = rest;
    }
    let body = body.trim_start_matches(['\n', ' ', '\t']);
    // The body is cut from the normalised text as slices and copied once, at the end.
    let stripped;
    let mut body: &str = if markdown {
        stripped = strip_markdown(body);
        &stripped
    } else {
        body
    };
    if article.title.is_none() {
        if let Some((first, rest)) = body.split_once('\n') {
            let first_clean = first.trim().trim_start_matches('#').trim();
            let blank_follows = rest.trim_start_matches([' ', '\t']).starts_with('\n');
            if blank_follows && !first_clean.is_empty() && first_clean.len() <= 300 {
                article.title = Some(first_clean.to_string());
                body = rest.trim_start_matches(['\n', ' ', '\t']);
            }
        }
    }
    article.text = body.trim_end().to_string();
    article
}

fn split_front_matter(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix("---\n")?;
    let end = rest.find("\n---")?;
    let meta = &rest[..end];
    let after = &rest[end + 4..];
    let after = after.split_once('\n').map(|(_, r)| r).unwrap_or("");
    Some((meta, after))
}

fn unquote(v: &str) -> String {
    let v = v.trim();
    let stripped = v
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .or_else(|| v.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')));
    stripped.unwrap_or(v).to_string()
}

/// Drop the Markdown syntax a reader does not see: heading marks, emphasis, link targets,
/// images, block-quote marks and code fences.
fn strip_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_fence = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        let mut l = trimmed;
        while let Some(rest) = l.strip_prefix('>') {
            l = rest.trim_start();
        }
        if l.starts_with('#') {
            l = l.trim_start_matches('#').trim_start();
        }
        out.push_str(&strip_inline_markdown(l));
        out.push('\n');
    }
    out
}

fn strip_inline_markdown(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("![") {
            // Image: drop it entirely.
            if let Some(close) = r.find("](") {
                if let Some(end) = r[close..].find(')') {
                    rest = &r[close + end + 1..];
                    continue;
                }
            }
        }
        if let Some(r) = rest.strip_prefix('[') {
            if let Some(close) = r.find("](") {
                if let Some(end) = r[close..].find(')') {
                    out.push_str(&r[..close]);
                    rest = &r[close + end + 1..];
                    continue;
                }
            }
        }
        if rest.starts_with("**") || rest.starts_with("__") {
            rest = &rest[2..];
            continue;
        }
        if rest.starts_with('`') {
            rest = &rest[1..];
            continue;
        }
        let c = rest.chars().next().expect("non-empty");
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

// ------------------------------------------------------------------------------------------
// JSON and JSONL
// ------------------------------------------------------------------------------------------

fn parse_json(text: &str, origin: &Origin) -> Vec<Item> {
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            return vec![Err(Failure::new(
                origin.path.clone(),
                Some(e.line()),
                IngestError::InvalidJson(e.to_string()),
            ))]
        }
    };
    match value {
        serde_json::Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let id = format!("{}#{}", origin.id, i);
                article_from_json(v, origin, id).map_err(|e| {
                    let error = IngestError::InElement {
                        index: i,
                        error: Box::new(e),
                    };
                    Failure::new(origin.path.clone(), None, error)
                })
            })
            .collect(),
        v => vec![article_from_json(&v, origin, origin.id.clone())
            .map_err(|e| Failure::new(origin.path.clone(), None, e))],
    }
}

fn parse_jsonl(bytes: &[u8], origin: &Origin) -> Vec<Item> {
    let mut blocks = JsonlBlocks::new(bytes, origin.clone(), usize::MAX);
    blocks.next().unwrap_or_default()
}

/// One JSONL line (1-based `line_no`) to an item; `None` for a blank line.
fn jsonl_line(line: &[u8], line_no: usize, origin: &Origin) -> Option<Item> {
    if line.iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    let fail = |e| Err(Failure::new(origin.path.clone(), Some(line_no), e));
    let text = match std::str::from_utf8(line) {
        Ok(t) => t,
        Err(e) => {
            return Some(fail(IngestError::Invalid(format!(
                "line is not valid UTF-8 (bad byte at offset {})",
                e.valid_up_to()
            ))))
        }
    };
    Some(match serde_json::from_str::<serde_json::Value>(text) {
        Ok(v) => article_from_json(&v, origin, format!("{}#{}", origin.id, line_no))
            .map_err(|e| Failure::new(origin.path.clone(), Some(line_no), e)),
        Err(e) => fail(IngestError::InvalidJson(e.to_string())),
    })
}

/// A JSONL input read in blocks of at most `lines` items (and, with [`JsonlBlocks::max_bytes`],
/// of about that many bytes), so that a file of any size is scored in bounded memory. Items
/// (ids, line numbers, failures) are exactly those of [`parse`] on the whole input; a read
/// error ends the input with a failure naming the line.
pub struct JsonlBlocks<R> {
    reader: R,
    origin: Origin,
    lines: usize,
    max_bytes: usize,
    /// True when the reader has nothing buffered, so the next line may have to wait for input
    /// (a pipe): the block ends there rather than wait.
    idle: Option<IdleCheck<R>>,
    line_no: usize,
    /// Bytes seen, and items given, so far: an empty or all-blank input is one failure.
    bytes: usize,
    items: usize,
    done: bool,
}

type IdleCheck<R> = Box<dyn Fn(&R) -> bool + Send>;

impl<R: std::io::BufRead> JsonlBlocks<R> {
    pub fn new(reader: R, origin: Origin, lines: usize) -> JsonlBlocks<R> {
        JsonlBlocks {
            reader,
            origin,
            lines: lines.max(1),
            max_bytes: usize::MAX,
            idle: None,
            line_no: 0,
            bytes: 0,
            items: 0,
            done: false,
        }
    }

    /// End a block once it holds this many bytes of input (at least one line).
    pub fn max_bytes(mut self, bytes: usize) -> JsonlBlocks<R> {
        self.max_bytes = bytes.max(1);
        self
    }

    /// End a block early when `idle` says no more input is waiting, so a stream's records
    /// come out as its lines arrive.
    pub fn until_idle(mut self, idle: impl Fn(&R) -> bool + Send + 'static) -> JsonlBlocks<R> {
        self.idle = Some(Box::new(idle));
        self
    }
}

impl<R: std::io::BufRead> Iterator for JsonlBlocks<R> {
    type Item = Vec<Item>;

    fn next(&mut self) -> Option<Vec<Item>> {
        if self.done {
            return None;
        }
        let mut block = Vec::new();
        let mut block_bytes = 0;
        let mut line = Vec::new();
        while block.len() < self.lines && (block_bytes < self.max_bytes || block.is_empty()) {
            if !block.is_empty() && self.idle.as_ref().is_some_and(|idle| idle(&self.reader)) {
                break;
            }
            line.clear();
            match self.reader.read_until(b'\n', &mut line) {
                Ok(0) => {
                    self.done = true;
                    break;
                }
                Ok(n) => {
                    let mut bytes: &[u8] = &line;
                    if self.line_no == 0 {
                        bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
                    }
                    self.bytes += n;
                    block_bytes += n;
                    self.line_no += 1;
                    let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
                    if let Some(item) = jsonl_line(bytes, self.line_no, &self.origin) {
                        block.push(item);
                    }
                }
                Err(e) => {
                    self.done = true;
                    block.push(Err(Failure::new(
                        self.origin.path.clone(),
                        Some(self.line_no + 1),
                        IngestError::Io(e),
                    )));
                    break;
                }
            }
        }
        self.items += block.len();
        if self.done && self.items == 0 {
            let error = if self.bytes == 0 {
                IngestError::Empty
            } else {
                IngestError::Blank
            };
            block.push(Err(Failure::new(self.origin.path.clone(), None, error)));
            self.items = 1;
        }
        if block.is_empty() {
            None
        } else {
            Some(block)
        }
    }
}

fn json_type(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

pub(crate) fn article_from_json(
    v: &serde_json::Value,
    origin: &Origin,
    default_id: String,
) -> Result<Article, IngestError> {
    let obj = v
        .as_object()
        .ok_or_else(|| IngestError::Invalid("expected a JSON object for an article".into()))?;
    let field = |names: &[&str]| -> Option<String> {
        names.iter().find_map(|n| match obj.get(*n) {
            Some(serde_json::Value::String(s)) if !s.trim().is_empty() => {
                Some(s.trim().to_string())
            }
            Some(serde_json::Value::Number(n)) => Some(n.to_string()),
            Some(serde_json::Value::Object(o)) => o
                .get("name")
                .and_then(|n| n.as_str())
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
            _ => None,
        })
    };
    // The first of the text fields present decides: a number or a list there is a mistake to
    // name, not a missing field.
    let raw_text = match ["text", "body", "content"]
        .iter()
        .find_map(|n| obj.get(*n).map(|v| (*n, v)))
    {
        None => return Err(IngestError::MissingText),
        Some((_, serde_json::Value::String(s))) => s.as_str(),
        Some((name, v)) => {
            return Err(IngestError::WrongType {
                field: name.to_string(),
                found: json_type(v),
            })
        }
    };
    let text = normalise(raw_text).trim().to_string();
    if text.is_empty() {
        return Err(IngestError::Blank);
    }
    let mut article = base_article(origin);
    article.id = field(&["id"]).unwrap_or(default_id);
    article.title = field(&["title", "headline"]);
    article.date = field(&["date", "published", "published_at"]);
    article.url = field(&["url", "link"]);
    // The article's own outlet, else the one its URL implies, else its folder's.
    if let Some(outlet) = field(&["outlet", "source", "publisher"]) {
        article.outlet = Some(outlet);
    } else if let Some(outlet) = article
        .url
        .as_deref()
        .and_then(crate::hosts::outlet_for_url)
    {
        article.outlet = Some(outlet);
    }
    article.text = text;
    Ok(article)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin() -> Origin {
        Origin::new("in/outlet/a.txt", "outlet/a", Some("outlet"))
    }

    fn one(format: Format, input: &str) -> Article {
        parse(format, input.as_bytes(), &origin())
            .pop()
            .unwrap()
            .unwrap()
    }

    #[test]
    fn text_title_when_blank_line_follows() {
        let cases = [
            (
                "Port strike ends\n\nThe strike ended on Monday.\n",
                Some("Port strike ends"),
                "The strike ended on Monday.",
            ),
            (
                "The strike ended on Monday.\nTalks resume today.\n",
                None,
                "The strike ended on Monday.\nTalks resume today.",
            ),
        ];
        for (input, title, text) in cases {
            let a = one(Format::Text, input);
            assert_eq!(a.title.as_deref(), title, "{input:?}");
            assert_eq!(a.text, text, "{input:?}");
        }
    }

    #[test]
    fn markdown_front_matter_and_syntax() {
        let a = one(
            Format::Markdown,
            "---\ntitle: \"Bridge vote\"\noutlet: Civic Wire\ndate: 2026-01-05\nid: cw-1\n---\n\n## Council votes\n\nThe **council** [voted](http://x) yes.\n",
        );
        assert_eq!(a.title.as_deref(), Some("Bridge vote"));
        assert_eq!(a.outlet.as_deref(), Some("Civic Wire"));
        assert_eq!(a.id, "cw-1");
        assert_eq!(a.date.as_deref(), Some("2026-01-05"));
        assert_eq!(a.text, "Council votes\n\nThe council voted yes.");
    }

    #[test]
    fn html_main_content_and_metadata() {
        let first = "First  paragraph <b>here</b>, long enough to read like the start of a story about the port. ".repeat(3);
        let second = "Second one, which goes on about the harbour, the ships and the people who work there. ".repeat(3);
        let html = format!(
            r#"<html><head><title>T - Site</title>
            <meta property="og:title" content="Real title">
            <meta property="og:site_name" content="Harbor Ledger">
            <meta property="article:published_time" content="2026-03-01">
            <script>var x = "not text";</script></head>
            <body><nav><a href="/">Home</a> Menu</nav>
            <article><h1>Real title</h1><p>{first}</p>
            <script>alert(1)</script><p>{second}</p></article>
            <footer>Copyright</footer></body></html>"#
        );
        let a = one(Format::Html, &html);
        assert_eq!(a.title.as_deref(), Some("Real title"));
        assert_eq!(a.outlet.as_deref(), Some("Harbor Ledger"));
        assert_eq!(a.date.as_deref(), Some("2026-03-01"));
        let want = format!(
            "{}\n\n{}",
            first
                .replace("  ", " ")
                .replace("<b>", "")
                .replace("</b>", "")
                .trim(),
            second.trim()
        );
        assert_eq!(a.text, want);
    }

    #[test]
    fn jsonl_bad_line_fails_alone() {
        let input =
            "{\"text\": \"One.\", \"outlet\": \"A\"}\n{broken\n\n{\"body\": \"Two.\", \"id\": 7}\n";
        let items = parse(Format::Jsonl, input.as_bytes(), &origin());
        assert_eq!(items.len(), 3);
        assert_eq!(items[0].as_ref().unwrap().outlet.as_deref(), Some("A"));
        assert_eq!(items[0].as_ref().unwrap().id, "outlet/a#1");
        let err = items[1].as_ref().unwrap_err();
        assert_eq!((err.line, err.error.kind()), (Some(2), "invalid_json"));
        assert_eq!(items[2].as_ref().unwrap().id, "7");
    }

    #[test]
    fn jsonl_in_blocks_gives_the_same_items() {
        let input = "\u{feff}{\"text\": \"One.\"}\n{broken\n\n{\"body\": \"Two.\", \"id\": 7}\r\n{\"text\": \"Three.\"}";
        let whole = parse(Format::Jsonl, input.as_bytes(), &origin());
        for lines in [1, 2, 3, 100] {
            let blocks: Vec<Vec<Item>> =
                JsonlBlocks::new(input.as_bytes(), origin(), lines).collect();
            assert!(blocks.iter().all(|b| !b.is_empty() && b.len() <= lines));
            let flat: Vec<String> = blocks
                .into_iter()
                .flatten()
                .map(|i| format!("{i:?}"))
                .collect();
            let want: Vec<String> = whole.iter().map(|i| format!("{i:?}")).collect();
            assert_eq!(flat, want, "blocks of {lines}");
        }
        assert_eq!(whole.len(), 4);
        assert_eq!(whole[3].as_ref().unwrap().id, "outlet/a#5");
        for (input, message) in [("", "empty"), ("\n  \n", "only whitespace")] {
            let blocks: Vec<Vec<Item>> = JsonlBlocks::new(input.as_bytes(), origin(), 2).collect();
            assert_eq!(blocks.len(), 1);
            let err = blocks[0][0].as_ref().unwrap_err();
            assert_eq!(err.error.kind(), "empty");
            assert!(err.to_string().contains(message), "{err}");
        }
    }

    #[test]
    fn json_without_text_is_an_error() {
        let items = parse(Format::Json, br#"{"title": "x"}"#, &origin());
        assert_eq!(items[0].as_ref().unwrap_err().error.kind(), "missing_text");
        let items = parse(Format::Json, br#"[{"text": "a."}, 3]"#, &origin());
        assert!(items[0].is_ok() && items[1].is_err());
    }

    #[test]
    fn json_text_of_the_wrong_type_says_so() {
        for (input, found) in [
            (
                r#"{"text": 42}"#,
                "the `text` field is a number, not a string",
            ),
            (
                r#"{"body": ["a", "b"]}"#,
                "the `body` field is an array, not a string",
            ),
            (
                r#"{"text": null, "body": "x"}"#,
                "the `text` field is null, not a string",
            ),
        ] {
            let items = parse(Format::Json, input.as_bytes(), &origin());
            let err = items[0].as_ref().unwrap_err();
            assert_eq!(err.error.kind(), "invalid_input");
            assert_eq!(err.error.to_string(), found);
        }
    }

    #[test]
    fn json_array_failures_name_their_element() {
        let items = parse(
            Format::Json,
            br#"[{"text": "a."}, 3, {"title": "t"}]"#,
            &origin(),
        );
        let messages: Vec<String> = items[1..]
            .iter()
            .map(|i| i.as_ref().unwrap_err().to_string())
            .collect();
        assert_eq!(
            messages,
            [
                "in/outlet/a.txt: array element 1: expected a JSON object for an article",
                "in/outlet/a.txt: array element 2: the article object has no `text`, `body` or `content` field",
            ]
        );
        assert_eq!(items[2].as_ref().unwrap_err().error.kind(), "missing_text");
    }
}
