//! Web archives in: `.warc` and `.warc.gz` (one gzip member per record, as Common Crawl writes
//! them, or any concatenation of members), read as a stream, one article per HTML `response`
//! record.
//!
//! Why a reader of our own: the `warc` crate (0.4) gives no record offsets (slant's ids and
//! error messages need them), reads every body whole whatever its length, and decompresses
//! through a multi-member decoder that hides where a member starts. This one is ~400 lines:
//! gzip members through `flate2`, headers and bodies with explicit caps.
//!
//! - A record's id and path end in `#<offset>`: the byte offset in the file of the gzip member
//!   that starts with it (as in Common Crawl's index), or of the record itself in a plain
//!   `.warc`. A record that starts inside a member (several records per member) is
//!   `#<member offset>+<offset in the member's data>`. The same file gives the same ids
//!   whatever the thread count or block size.
//! - `url` is `WARC-Target-URI`; the date is the page's own, else `WARC-Date`; the charset comes
//!   from the HTTP `Content-Type`, else the page's `<meta charset>`, else UTF-8 with the
//!   Windows-1252 fallback of every other input.
//! - Records that are not responses (request, metadata, warcinfo, ...), responses that are not
//!   HTML or not 2xx, are skipped and counted ([`WarcBlocks::skipped`]; the batch reads the
//!   counts through [`crate::Blocks::skipped_records`] once the archive is through).
//! - A truncated or corrupt archive ends with one failure naming the file and the byte offset
//!   of the record it could not read; every article before it is kept.
//! - Memory is bounded: records are read in blocks of about `max_bytes` of bodies, a record's
//!   headers are capped at 64 KiB and an HTML body over [`crate::html::MAX_HTML_BYTES`] fails
//!   alone (its bytes are skipped, not held).

use crate::error::{Failure, IngestError};
use crate::formats::{Item, Origin};
use crate::html::{decode_html, parse_html, MAX_HTML_BYTES};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::sync::{Arc, Mutex};

/// The most header bytes one record (WARC or HTTP headers) may have.
const MAX_HEADER_BYTES: usize = 64 << 10;

/// Why records were skipped, and how many of each.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SkippedRecords(pub BTreeMap<String, usize>);

impl SkippedRecords {
    pub fn total(&self) -> usize {
        self.0.values().sum()
    }
    fn add(&mut self, why: String) {
        *self.0.entry(why).or_default() += 1;
    }
}

/// Skipped-record counts shared between an archive's reader and whoever reads it through a
/// type-erased [`crate::Blocks`].
pub type RecordTally = Arc<Mutex<SkippedRecords>>;

impl std::fmt::Display for SkippedRecords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self.0.iter().map(|(k, n)| format!("{n} {k}")).collect();
        write!(f, "{}", parts.join(", "))
    }
}

/// Byte counter over a reader: the offset in the file (compressed side) or in the records
/// (decompressed side).
struct Counted<R> {
    inner: R,
    pos: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, n: usize) {
        self.pos += n as u64;
        self.inner.consume(n);
    }
}

/// Where each gzip member starts: (offset in the decompressed stream, offset in the file).
type MemberStarts = Arc<Mutex<Vec<(u64, u64)>>>;

/// The decompressed stream of consecutive gzip members, noting where each member starts.
struct GzMembers<R: BufRead> {
    decoder: Option<flate2::bufread::GzDecoder<Counted<R>>>,
    out: u64,
    starts: MemberStarts,
}

impl<R: BufRead> GzMembers<R> {
    fn new(inner: R, starts: MemberStarts) -> Self {
        starts.lock().expect("not poisoned").push((0, 0));
        GzMembers {
            decoder: Some(flate2::bufread::GzDecoder::new(Counted { inner, pos: 0 })),
            out: 0,
            starts,
        }
    }
}

impl<R: BufRead> Read for GzMembers<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            let Some(decoder) = self.decoder.as_mut() else {
                return Ok(0);
            };
            let n = decoder.read(buf)?;
            if n > 0 || buf.is_empty() {
                self.out += n as u64;
                return Ok(n);
            }
            // The member ended: another one follows unless the file does.
            let mut inner = self.decoder.take().expect("set above").into_inner();
            if inner.fill_buf()?.is_empty() {
                return Ok(0);
            }
            self.starts
                .lock()
                .expect("not poisoned")
                .push((self.out, inner.pos));
            self.decoder = Some(flate2::bufread::GzDecoder::new(inner));
        }
    }
}

/// One HTML response, read but not yet parsed.
struct RawPage {
    /// `#...` suffix of the id and path.
    key: String,
    offset: u64,
    target: Option<String>,
    date: Option<String>,
    charset: Option<String>,
    body: Vec<u8>,
}

enum Next {
    Page(RawPage),
    /// A record that is no article (skipped with this reason), or that failed alone.
    Skip(String),
    Fail(Failure),
    /// The archive cannot be read on from here.
    Broken(Failure),
    End,
}

/// A WARC input read in blocks of records whose bodies add up to about `max_bytes`; each
/// block's pages are parsed in parallel, and the items are in file order.
pub struct WarcBlocks {
    reader: Counted<BufReader<Box<dyn Read + Send>>>,
    starts: Option<MemberStarts>,
    origin: Origin,
    max_bytes: usize,
    skipped: RecordTally,
    articles: usize,
    done: bool,
}

impl WarcBlocks {
    /// Read from `input`, plain or gzip (recognised by its first bytes, whatever the name).
    pub fn new(input: Box<dyn Read + Send>, origin: Origin, max_bytes: usize) -> WarcBlocks {
        let mut buffered = BufReader::with_capacity(1 << 16, input);
        let gz = matches!(buffered.fill_buf(), Ok(b) if b.starts_with(&[0x1f, 0x8b]));
        let (stream, starts): (Box<dyn Read + Send>, _) = if gz {
            let starts: MemberStarts = Arc::default();
            (
                Box::new(GzMembers::new(buffered, starts.clone())),
                Some(starts),
            )
        } else {
            (Box::new(buffered), None)
        };
        WarcBlocks {
            reader: Counted {
                inner: BufReader::with_capacity(1 << 16, stream),
                pos: 0,
            },
            starts,
            origin,
            max_bytes: max_bytes.max(1),
            skipped: RecordTally::default(),
            articles: 0,
            done: false,
        }
    }

    /// The records skipped so far, by reason.
    pub fn skipped(&self) -> SkippedRecords {
        self.skipped
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Count skipped records into `tally` (shared with a reader of the type-erased blocks).
    pub fn with_tally(mut self, tally: RecordTally) -> WarcBlocks {
        self.skipped = tally;
        self
    }

    /// The id suffix and the file offset of a record starting at decompressed offset `at`.
    fn key(&self, at: u64) -> (String, u64) {
        let Some(starts) = &self.starts else {
            return (at.to_string(), at);
        };
        let mut starts = starts.lock().expect("not poisoned");
        let i = starts.partition_point(|&(d, _)| d <= at).saturating_sub(1);
        let (d, c) = starts[i];
        // Members before this one are never asked for again.
        starts.drain(..i);
        if d == at {
            (c.to_string(), c)
        } else {
            (format!("{c}+{}", at - d), c)
        }
    }

    fn fail(&self, offset: u64, message: String) -> Failure {
        Failure::new(
            self.origin.path.clone(),
            None,
            IngestError::Invalid(format!("WARC record at byte offset {offset}: {message}")),
        )
    }

    fn next_record(&mut self) -> Next {
        // Records are separated by blank lines; anything else before "WARC/" is corruption.
        let mut line = Vec::new();
        let start = loop {
            let at = self.reader.pos;
            line.clear();
            match read_line(&mut self.reader, &mut line, MAX_HEADER_BYTES) {
                Ok(0) => return Next::End,
                Ok(_) if line.iter().all(u8::is_ascii_whitespace) => continue,
                Ok(_) if line.starts_with(b"WARC/") => break at,
                Ok(_) => {
                    let (_, offset) = self.key(at);
                    return Next::Broken(self.fail(offset, "not a WARC record (no WARC/ version line): the archive is corrupt; reading stopped here".into()));
                }
                Err(e) => {
                    let (_, offset) = self.key(at);
                    return Next::Broken(
                        self.fail(offset, format!("cannot read: {e}; reading stopped here")),
                    );
                }
            }
        };
        let (key, offset) = self.key(start);
        let headers = match read_headers(&mut self.reader) {
            Ok(h) => h,
            Err(e) => return Next::Broken(self.fail(offset, format!("{e}; reading stopped here"))),
        };
        let header = |name: &str| {
            headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.clone())
        };
        let Some(length) = header("Content-Length").and_then(|v| v.trim().parse::<u64>().ok())
        else {
            return Next::Broken(self.fail(
                offset,
                "no valid Content-Length header; reading stopped here".into(),
            ));
        };
        let kind = header("WARC-Type").unwrap_or_default().to_ascii_lowercase();
        let http = header("Content-Type")
            .is_some_and(|t| t.to_ascii_lowercase().starts_with("application/http"));
        let keep =
            kind == "response" && http && length <= (MAX_HTML_BYTES + MAX_HEADER_BYTES) as u64;
        if !keep {
            let copied = std::io::copy(&mut (&mut self.reader).take(length), &mut std::io::sink());
            return match copied {
                Ok(n) if n == length => {
                    if kind == "response" && http {
                        Next::Fail(self.fail(offset, format!("the response is too large ({length} bytes; slant parses pages up to {MAX_HTML_BYTES} bytes)")))
                    } else if kind == "response" {
                        Next::Skip("response records not over HTTP".into())
                    } else {
                        Next::Skip(format!(
                            "{} records",
                            if kind.is_empty() { "untyped" } else { &kind }
                        ))
                    }
                }
                Ok(n) => Next::Broken(self.fail(
                    offset,
                    format!(
                        "truncated: the record says {length} bytes, the archive ends after {n}"
                    ),
                )),
                Err(e) => Next::Broken(self.fail(
                    offset,
                    format!("cannot read the record: {e}; reading stopped here"),
                )),
            };
        }
        let mut block = Vec::with_capacity(length.min(1 << 20) as usize);
        match (&mut self.reader).take(length).read_to_end(&mut block) {
            Ok(n) if n as u64 == length => {}
            Ok(n) => {
                return Next::Broken(self.fail(
                    offset,
                    format!(
                        "truncated: the record says {length} bytes, the archive ends after {n}"
                    ),
                ))
            }
            Err(e) => {
                return Next::Broken(self.fail(
                    offset,
                    format!("cannot read the record: {e}; reading stopped here"),
                ))
            }
        }
        let target =
            header("WARC-Target-URI").map(|u| u.trim().trim_matches(['<', '>']).to_string());
        match http_html(&block) {
            Ok(Some((charset, body))) => Next::Page(RawPage {
                key,
                offset,
                target,
                date: header("WARC-Date").map(|d| d.trim().to_string()),
                charset,
                body,
            }),
            Ok(None) => Next::Skip("non-HTML or non-2xx responses".into()),
            Err(message) => Next::Fail(self.fail(
                offset,
                format!(
                    "{} ({message})",
                    target.unwrap_or_else(|| "no target URI".into())
                ),
            )),
        }
    }
}

impl Iterator for WarcBlocks {
    type Item = Vec<Item>;

    fn next(&mut self) -> Option<Vec<Item>> {
        if self.done {
            return None;
        }
        // Pages and failures in file order; pages are parsed in parallel below.
        let mut pending: Vec<Result<RawPage, Failure>> = Vec::new();
        let mut bytes = 0;
        while bytes < self.max_bytes {
            match self.next_record() {
                Next::Page(page) => {
                    bytes += page.body.len();
                    pending.push(Ok(page));
                }
                Next::Skip(why) => self
                    .skipped
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .add(why),
                // A failure inside one record leaves the stream in step.
                Next::Fail(f) => pending.push(Err(f)),
                Next::Broken(f) => {
                    pending.push(Err(f));
                    self.done = true;
                    break;
                }
                Next::End => {
                    self.done = true;
                    break;
                }
            }
        }
        let origin = &self.origin;
        let block: Vec<Item> = pending
            .into_par_iter()
            .map(|p| p.and_then(|page| page_item(page, origin)))
            .collect();
        self.articles += block.len();
        if self.done && self.articles == 0 && block.is_empty() {
            self.articles = 1;
            let skipped = self.skipped();
            let why = if skipped.total() == 0 {
                "the archive holds no records".to_string()
            } else {
                format!(
                    "the archive holds no HTML response records (skipped: {})",
                    skipped
                )
            };
            return Some(vec![Err(Failure::new(
                self.origin.path.clone(),
                None,
                IngestError::Invalid(why),
            ))]);
        }
        if block.is_empty() {
            None
        } else {
            Some(block)
        }
    }
}

fn page_item(page: RawPage, origin: &Origin) -> Item {
    // No folder outlet yet: the page's site name comes first, then its host, then the folder.
    let record_origin = Origin {
        path: format!("{}#{}", origin.path, page.key),
        id: format!("{}#{}", origin.id, page.key),
        outlet: None,
    };
    let fail = |e: IngestError| {
        Failure::new(
            origin.path.clone(),
            None,
            IngestError::Invalid(format!(
                "WARC record at byte offset {} ({}): {e}",
                page.offset,
                page.target.as_deref().unwrap_or("no target URI")
            )),
        )
    };
    let (text, warning) = match decode_html(&page.body, page.charset.as_deref()) {
        Ok(d) => (d.text, d.warning),
        Err(e) => return Err(fail(e)),
    };
    let mut article = parse_html(&text, &record_origin).map_err(|f| fail(f.error))?;
    if let Some(w) = warning {
        article.warnings.push(w);
    }
    article.url = page.target.filter(|t| !t.is_empty()).or(article.url);
    if article.outlet.is_none() {
        article.outlet = article
            .url
            .as_deref()
            .and_then(crate::hosts::outlet_for_url)
            .or_else(|| origin.outlet.clone());
    }
    if article.date.is_none() {
        article.date = page.date;
    }
    Ok(article)
}

/// Read one line (up to `\n`, at most `cap` bytes); a longer line is an error.
fn read_line<R: BufRead>(r: &mut R, line: &mut Vec<u8>, cap: usize) -> std::io::Result<usize> {
    let n = r.take(cap as u64 + 1).read_until(b'\n', line)?;
    if n > cap {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "a header line is too long",
        ));
    }
    Ok(n)
}

/// WARC headers up to the blank line.
fn read_headers<R: BufRead>(r: &mut R) -> Result<Vec<(String, String)>, String> {
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut total = 0;
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = read_line(r, &mut line, MAX_HEADER_BYTES)
            .map_err(|e| format!("cannot read the headers: {e}"))?;
        total += n;
        if n == 0 {
            return Err("truncated in its headers".into());
        }
        if total > MAX_HEADER_BYTES {
            return Err(format!("headers longer than {MAX_HEADER_BYTES} bytes"));
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            return Ok(headers);
        }
        if text.starts_with([' ', '\t']) {
            if let Some(last) = headers.last_mut() {
                last.1.push(' ');
                last.1.push_str(text.trim());
            }
            continue;
        }
        match text.split_once(':') {
            Some((k, v)) => headers.push((k.trim().to_string(), v.trim().to_string())),
            None => return Err(format!("bad header line {text:?}")),
        }
    }
}

/// The HTML body of an HTTP response and its charset: `Ok(None)` when it is not a 2xx HTML
/// response, `Err` when it cannot be read.
/// An HTML body and the charset its headers name.
type HtmlBody = (Option<String>, Vec<u8>);

fn http_html(block: &[u8]) -> Result<Option<HtmlBody>, String> {
    let (head, body) = match find(block, b"\r\n\r\n") {
        Some(i) => (&block[..i], &block[i + 4..]),
        None => match find(block, b"\n\n") {
            Some(i) => (&block[..i], &block[i + 2..]),
            None => return Err("the HTTP response has no end of headers".into()),
        },
    };
    let head = String::from_utf8_lossy(head);
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse::<u16>().ok())
        .ok_or("the HTTP response has no status line")?;
    let mut content_type = String::new();
    let mut chunked = false;
    let mut encoding = String::new();
    for line in lines {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let v = v.trim().to_ascii_lowercase();
        match k.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = v,
            "transfer-encoding" => chunked = v.contains("chunked"),
            "content-encoding" => encoding = v,
            _ => {}
        }
    }
    let html = content_type.is_empty()
        || content_type.starts_with("text/html")
        || content_type.starts_with("application/xhtml+xml");
    if !(200..300).contains(&status) || !html {
        return Ok(None);
    }
    let charset = content_type
        .split(';')
        .filter_map(|p| p.trim().strip_prefix("charset="))
        .map(|c| c.trim_matches(['"', '\'']).to_string())
        .next();
    let body = if chunked {
        dechunk(body)?
    } else {
        body.to_vec()
    };
    let body = match encoding.as_str() {
        "" | "identity" => body,
        "gzip" | "x-gzip" => inflate(flate2::read::GzDecoder::new(&body[..]))?,
        "deflate" => inflate(flate2::read::ZlibDecoder::new(&body[..]))?,
        other => return Err(format!("content encoding {other:?} is not supported")),
    };
    Ok(Some((charset, body)))
}

fn inflate(r: impl Read) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    r.take(MAX_HTML_BYTES as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("cannot decompress the body: {e}"))?;
    if out.len() > MAX_HTML_BYTES {
        return Err(format!(
            "the page is over {MAX_HTML_BYTES} bytes decompressed"
        ));
    }
    Ok(out)
}

fn dechunk(mut body: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    loop {
        let end = find(body, b"\r\n").ok_or("bad chunked encoding")?;
        let size = std::str::from_utf8(&body[..end])
            .ok()
            .and_then(|s| usize::from_str_radix(s.split(';').next()?.trim(), 16).ok())
            .ok_or("bad chunk size")?;
        body = &body[end + 2..];
        if size == 0 {
            return Ok(out);
        }
        if body.len() < size {
            return Err("truncated chunk".into());
        }
        out.extend_from_slice(&body[..size]);
        body = body.get(size + 2..).unwrap_or_default();
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Read a WARC source in blocks (see [`WarcBlocks`]); a file that cannot be opened is one
/// failure.
pub fn read_warc_blocks(
    source: &crate::walk::Source,
    max_bytes: usize,
) -> Result<WarcBlocks, Failure> {
    std::fs::File::open(&source.path)
        .map(|f| WarcBlocks::new(Box::new(f), source.origin.clone(), max_bytes))
        .map_err(|e| Failure::new(source.origin.path.clone(), None, IngestError::Io(e)))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    /// A WARC writer for tests: records as `(type, target, http block)`.
    pub fn record(kind: &str, target: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {target}\r\nWARC-Date: 2024-05-06T07:08:09Z\r\nWARC-Record-ID: <urn:uuid:{kind}-{}>\r\nContent-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n",
            target.len(),
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    pub fn http(content_type: &str, body: &str) -> Vec<u8> {
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .into_bytes()
    }

    pub fn gzip(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn origin() -> Origin {
        Origin::new("in/a.warc.gz", "a", None)
    }

    fn page(words: &str) -> String {
        format!(
            "<html><head><title>{words}</title></head><body><article><p>{}</p></article></body></html>",
            format!("{words} is the story told here at length. ").repeat(12)
        )
    }

    fn read(bytes: Vec<u8>, max: usize) -> (Vec<Vec<Item>>, SkippedRecords) {
        let mut blocks = WarcBlocks::new(Box::new(std::io::Cursor::new(bytes)), origin(), max);
        let items: Vec<Vec<Item>> = blocks.by_ref().collect();
        (items, blocks.skipped())
    }

    #[test]
    fn gzip_members_give_one_article_per_html_response() {
        let records = [
            record("warcinfo", "", b"software: test\r\n"),
            record(
                "request",
                "https://www.example.com/a",
                b"GET /a HTTP/1.1\r\n\r\n",
            ),
            record(
                "response",
                "https://www.example.com/a",
                &http("text/html; charset=utf-8", &page("Alpha")),
            ),
            record(
                "response",
                "https://www.example.com/logo.png",
                &http("image/png", "PNG"),
            ),
            record(
                "metadata",
                "https://www.example.com/a",
                b"fetchTimeMs: 12\r\n",
            ),
            record(
                "response",
                "https://news.example.org/b",
                &http("text/html", &page("Beta")),
            ),
        ];
        let gz: Vec<u8> = records.iter().flat_map(|r| gzip(r)).collect();
        let offsets: Vec<usize> = records
            .iter()
            .scan(0, |at, r| {
                let here = *at;
                *at += gzip(r).len();
                Some(here)
            })
            .collect();
        for max in [1, 1 << 20] {
            let (blocks, skipped) = read(gz.clone(), max);
            let items: Vec<&Item> = blocks.iter().flatten().collect();
            assert_eq!(items.len(), 2);
            let a = items[0].as_ref().unwrap();
            assert_eq!(a.url.as_deref(), Some("https://www.example.com/a"));
            assert_eq!(a.id, format!("a#{}", offsets[2]));
            assert_eq!(a.path, format!("in/a.warc.gz#{}", offsets[2]));
            assert_eq!(a.date.as_deref(), Some("2024-05-06T07:08:09Z"));
            assert!(a.text.starts_with("Alpha is the story"));
            assert_eq!(items[1].as_ref().unwrap().id, format!("a#{}", offsets[5]));
            assert_eq!(skipped.total(), 4, "{skipped}");
            assert_eq!(skipped.to_string(), "1 metadata records, 1 non-HTML or non-2xx responses, 1 request records, 1 warcinfo records");
        }
        // The same records uncompressed: offsets are file offsets; one member for all: offsets
        // inside the member.
        let plain: Vec<u8> = records.concat();
        let (blocks, _) = read(plain.clone(), 1 << 20);
        let at = records[..2].iter().map(Vec::len).sum::<usize>();
        assert_eq!(blocks[0][0].as_ref().unwrap().id, format!("a#{at}"));
        let (blocks, _) = read(gzip(&plain), 1 << 20);
        assert_eq!(blocks[0][0].as_ref().unwrap().id, format!("a#0+{at}"));
    }

    #[test]
    fn truncated_and_corrupt_archives_keep_what_came_before() {
        let good = record(
            "response",
            "https://a.example/1",
            &http("text/html", &page("Alpha")),
        );
        let second = record(
            "response",
            "https://a.example/2",
            &http("text/html", &page("Beta")),
        );
        // Cut inside the second record's body.
        let mut cut = good.clone();
        cut.extend_from_slice(&second[..second.len() - 200]);
        let (blocks, _) = read(cut, 1 << 20);
        let items: Vec<&Item> = blocks.iter().flatten().collect();
        assert_eq!(items.len(), 2);
        assert!(items[0].is_ok());
        let err = items[1].as_ref().unwrap_err().to_string();
        assert!(
            err.starts_with("in/a.warc.gz: WARC record at byte offset"),
            "{err}"
        );
        assert!(
            err.contains(&format!("offset {}", good.len())) && err.contains("truncated"),
            "{err}"
        );
        // A gzip file cut in its second member.
        let gz = [gzip(&good), gzip(&second)].concat();
        let (blocks, _) = read(gz[..gz.len() - 30].to_vec(), 1 << 20);
        let items: Vec<&Item> = blocks.iter().flatten().collect();
        assert_eq!(items.len(), 2);
        assert!(items[0].is_ok());
        assert!(items[1]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("WARC record at byte offset"));
        // Garbage where a record should start.
        let mut bad = good.clone();
        bad.extend_from_slice(b"this is not a record\r\n");
        bad.extend_from_slice(&second);
        let (blocks, _) = read(bad, 1 << 20);
        let items: Vec<&Item> = blocks.iter().flatten().collect();
        assert_eq!(items.len(), 2);
        assert!(items[1]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("not a WARC record"));
    }

    #[test]
    fn charset_from_http_then_page_and_chunked_bodies() {
        let latin = "<html><body><article><p>Caf\u{e9} na\u{ef}ve r\u{e9}sum\u{e9}, a story told at length. </p></article></body></html>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(latin);
        let mut block =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=iso-8859-1\r\n\r\n".to_vec();
        block.extend_from_slice(&bytes);
        let mut meta =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<meta charset=\"windows-1252\">"
                .to_vec();
        meta.extend_from_slice(&bytes);
        let chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html\r\n\r\n5\r\n<p>Hi\r\n9\r\n there.</p\r\n1\r\n>\r\n0\r\n\r\n".to_vec();
        let not_found =
            b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>gone</p>".to_vec();
        let warc = [
            record("response", "https://a.example/1", &block),
            record("response", "https://a.example/2", &meta),
            record("response", "https://a.example/3", &chunked),
            record("response", "https://a.example/4", &not_found),
        ]
        .concat();
        let (blocks, skipped) = read(warc, 1 << 20);
        let items: Vec<&Item> = blocks.iter().flatten().collect();
        assert_eq!(items.len(), 3);
        for item in &items[..2] {
            let a = item.as_ref().unwrap();
            assert!(
                a.text.starts_with("Caf\u{e9} na\u{ef}ve r\u{e9}sum\u{e9}"),
                "{}",
                a.text
            );
            assert!(a.warnings.is_empty(), "{:?}", a.warnings);
        }
        assert_eq!(items[2].as_ref().unwrap().text, "Hi there.");
        assert_eq!(skipped.total(), 1);
    }

    #[test]
    fn empty_and_html_free_archives_are_one_failure() {
        let (blocks, _) = read(Vec::new(), 10);
        assert!(blocks[0][0]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("no records"));
        let (blocks, _) = read(
            record("request", "https://a.example/", b"GET / HTTP/1.1\r\n\r\n"),
            10,
        );
        assert!(blocks[0][0]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("no HTML response records"));
    }
}
