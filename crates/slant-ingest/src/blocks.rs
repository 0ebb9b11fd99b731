//! A source's items, produced lazily and in input order, in blocks of about `block_bytes`
//! bytes of input, so that a batch holds only the blocks in flight, never a whole corpus or a
//! whole large file.
//!
//! One arm per format: JSONL is streamed line by line, a JSON array element by element
//! ([`crate::JsonArrayBlocks`]), a web archive record by record ([`crate::WarcBlocks`]); every
//! other format is read whole, as one block, when its turn comes. The items are exactly those
//! of [`parse`](crate::parse) on the whole input.

use crate::error::{Failure, IngestError};
use crate::formats::{parse, Format, Item, JsonlBlocks, Origin};
use crate::walk::{read_source, Source};
use crate::warc::{RecordTally, SkippedRecords};
use std::io::{BufRead, BufReader, Read};

/// The items of one source, block by block, in input order.
pub struct Blocks {
    iter: BlockIter,
    /// A web archive's skipped records, counted as it is read.
    tally: Option<RecordTally>,
}

type BlockIter = Box<dyn Iterator<Item = Vec<Item>> + Send>;

impl Blocks {
    fn new(iter: BlockIter) -> Blocks {
        Blocks { iter, tally: None }
    }

    /// The records of a web archive that are no article (requests, metadata, non-HTML or
    /// non-2xx responses), by reason, as far as it has been read; `None` for other formats.
    pub fn skipped_records(&self) -> Option<SkippedRecords> {
        let tally = self.tally.as_ref()?;
        Some(tally.lock().unwrap_or_else(|e| e.into_inner()).clone())
    }
}

impl Iterator for Blocks {
    type Item = Vec<Item>;
    fn next(&mut self) -> Option<Vec<Item>> {
        self.iter.next()
    }
}

/// A stream being read (stdin, a named pipe), buffered so that its start can be looked at
/// before it is parsed.
pub type StreamReader = BufReader<Box<dyn Read + Send>>;

/// The items of a file, in blocks of about `block_bytes` bytes where the format allows it.
/// Nothing is read until the first block is asked for.
pub fn blocks(source: &Source, block_bytes: usize) -> Blocks {
    match source.format {
        Format::Jsonl => Blocks::new(jsonl_file(source, block_bytes)),
        Format::Warc => {
            let tally = RecordTally::default();
            Blocks {
                iter: warc_file(source, block_bytes, tally.clone()),
                tally: Some(tally),
            }
        }
        Format::Json => Blocks::new(json_file(source, block_bytes)),
        Format::Text | Format::Markdown | Format::Html => {
            let source = source.clone();
            Blocks::new(Box::new(std::iter::once_with(move || read_source(&source))))
        }
    }
}

/// True for the formats [`blocks`] streams block by block; the others are read whole, best
/// on the worker that parses them.
pub fn streams(format: Format) -> bool {
    match format {
        Format::Jsonl | Format::Warc | Format::Json => true,
        Format::Text | Format::Markdown | Format::Html => false,
    }
}

fn jsonl_file(source: &Source, block_bytes: usize) -> BlockIter {
    let (path, origin) = (source.path.clone(), source.origin.clone());
    let mut opened = false;
    let mut inner: Option<BlockIter> = None;
    // Opened on the first call, so that a long list of sources holds no open files.
    Box::new(std::iter::from_fn(move || {
        if !opened {
            opened = true;
            inner = Some(match std::fs::File::open(&path) {
                Ok(f) => Box::new(
                    JsonlBlocks::new(
                        BufReader::with_capacity(1 << 16, f),
                        origin.clone(),
                        usize::MAX,
                    )
                    .max_bytes(block_bytes),
                ),
                Err(e) => Box::new(std::iter::once(vec![Err(Failure::new(
                    origin.path.clone(),
                    None,
                    IngestError::Io(e),
                ))])),
            });
        }
        inner.as_mut()?.next()
    }))
}

/// A JSON file element by element (see [`crate::JsonArrayBlocks`]), opened on the first call.
fn json_file(source: &Source, block_bytes: usize) -> BlockIter {
    let (path, origin) = (source.path.clone(), source.origin.clone());
    let mut inner: Option<BlockIter> = None;
    Box::new(std::iter::from_fn(move || {
        if inner.is_none() {
            inner = Some(match std::fs::File::open(&path) {
                Ok(f) => Box::new(crate::json_array::JsonArrayBlocks::new(
                    BufReader::with_capacity(1 << 16, f),
                    origin.clone(),
                    block_bytes,
                )),
                Err(e) => failed(&origin, e),
            });
        }
        inner.as_mut()?.next()
    }))
}

/// A web archive record by record (see [`crate::WarcBlocks`]), opened on the first call.
fn warc_file(source: &Source, block_bytes: usize, tally: RecordTally) -> BlockIter {
    let source = source.clone();
    let mut inner: Option<BlockIter> = None;
    Box::new(std::iter::from_fn(move || {
        if inner.is_none() {
            inner = Some(match crate::warc::read_warc_blocks(&source, block_bytes) {
                Ok(blocks) => Box::new(blocks.with_tally(tally.clone())),
                Err(f) => Box::new(std::iter::once(vec![Err(f)])),
            });
        }
        inner.as_mut()?.next()
    }))
}

/// The items of a stream: JSONL is read in blocks of about `block_bytes` that also end
/// whenever no more input is waiting, so each record can leave as soon as its line arrived;
/// a JSON array or a web archive is read element by element or record by record; any other
/// format is read to its end first. `format` `None` means: JSONL when the stream starts with
/// `{`, a web archive when it starts with `WARC/` or with gzip's magic bytes, plain text
/// otherwise.
pub fn stream_blocks(
    reader: StreamReader,
    format: Option<Format>,
    origin: Origin,
    block_bytes: usize,
) -> Blocks {
    let (format, mut reader) = match format {
        Some(f) => (f, reader),
        None => match sniff(reader) {
            Ok((start, reader)) if looks_like_jsonl(&start) => (Format::Jsonl, reader),
            // A web archive (`zcat`-ed or not) piped in.
            Ok((start, reader))
                if start.starts_with(b"WARC/") || start.starts_with(&[0x1f, 0x8b]) =>
            {
                (Format::Warc, reader)
            }
            Ok((_, reader)) => (Format::Text, reader),
            Err(e) => return Blocks::new(failed(&origin, e)),
        },
    };
    if format == Format::Jsonl {
        return Blocks::new(Box::new(
            JsonlBlocks::new(reader, origin, usize::MAX)
                .max_bytes(block_bytes)
                .until_idle(|r: &StreamReader| r.buffer().is_empty()),
        ));
    }
    if format == Format::Json {
        return Blocks::new(Box::new(crate::json_array::JsonArrayBlocks::new(
            reader,
            origin,
            block_bytes,
        )));
    }
    if format == Format::Warc {
        let tally = RecordTally::default();
        let warc = crate::warc::WarcBlocks::new(Box::new(reader), origin, block_bytes)
            .with_tally(tally.clone());
        return Blocks {
            iter: Box::new(warc),
            tally: Some(tally),
        };
    }
    let mut bytes = Vec::new();
    Blocks::new(match reader.read_to_end(&mut bytes) {
        Ok(_) => Box::new(std::iter::once(parse(format, &bytes, &origin))),
        Err(e) => failed(&origin, e),
    })
}

fn failed(origin: &Origin, e: std::io::Error) -> BlockIter {
    Box::new(std::iter::once(vec![Err(Failure::new(
        origin.path.clone(),
        None,
        IngestError::Io(e),
    ))]))
}

/// Read the start of a stream: up to its first line (at most 64 KiB), past any leading white
/// space, or everything when it ends sooner. Returns those bytes and a reader that gives the
/// whole stream again, those bytes first.
pub fn sniff(reader: StreamReader) -> std::io::Result<(Vec<u8>, StreamReader)> {
    let capacity = reader.capacity();
    let mut inner = reader;
    let mut start = Vec::new();
    loop {
        let buf = match inner.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            break;
        }
        let n = buf.len();
        start.extend_from_slice(buf);
        inner.consume(n);
        let decided = first_byte(&start).is_some() && start.contains(&b'\n');
        if decided || start.len() >= 1 << 16 {
            break;
        }
    }
    let rest: Box<dyn Read + Send> = Box::new(std::io::Cursor::new(start.clone()).chain(inner));
    Ok((start, BufReader::with_capacity(capacity, rest)))
}

fn first_byte(bytes: &[u8]) -> Option<u8> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    bytes.iter().copied().find(|b| !b.is_ascii_whitespace())
}

/// True when input that could be JSONL or plain text (stdin, a pipe) starts with `{`.
pub fn looks_like_jsonl(start: &[u8]) -> bool {
    first_byte(start) == Some(b'{')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin() -> Origin {
        Origin::new("-", "stdin", None)
    }

    fn reader(bytes: &'static [u8]) -> StreamReader {
        BufReader::with_capacity(16, Box::new(bytes))
    }

    fn texts(blocks: Blocks) -> Vec<Vec<String>> {
        blocks
            .map(|b| {
                b.into_iter()
                    .map(|i| match i {
                        Ok(a) => a.text,
                        Err(f) => format!("error: {f}"),
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_stream_is_jsonl_when_it_starts_with_a_brace_after_blank_space() {
        let input = b"\n  \n{\"text\": \"One.\"}\n{\"text\": \"Two.\"}\n{broken\n";
        let got = texts(stream_blocks(reader(input), None, origin(), 1 << 20));
        let flat: Vec<String> = got.into_iter().flatten().collect();
        assert_eq!(flat[..2], ["One.", "Two."]);
        assert!(
            flat[2].starts_with("error: -:5: invalid JSON"),
            "{}",
            flat[2]
        );
        let got = texts(stream_blocks(
            reader(b"Plain words here."),
            None,
            origin(),
            1 << 20,
        ));
        assert_eq!(got, vec![vec!["Plain words here."]]);
    }

    #[test]
    fn a_web_archive_on_a_stream_is_read_as_one() {
        let page = format!(
            "<html><body><article><p>{}</p></article></body></html>",
            "Piped pages are read as archives. ".repeat(10)
        );
        let block = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{page}");
        let warc = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://a.example/\r\nContent-Type: application/http\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
            block.len()
        );
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, warc.as_bytes()).unwrap();
        let gz = gz.finish().unwrap();
        for bytes in [warc.into_bytes(), gz] {
            let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
            let got: Vec<Item> = stream_blocks(reader(bytes), None, origin(), 1 << 20)
                .flatten()
                .collect();
            assert_eq!(got.len(), 1);
            let a = got[0].as_ref().unwrap();
            assert_eq!(
                (a.id.as_str(), a.url.as_deref()),
                ("stdin#0", Some("https://a.example/"))
            );
        }
    }

    #[test]
    fn sniffing_gives_the_whole_stream_back() {
        let input: &'static [u8] =
            b"   \n\n   {\"text\": \"A long enough line to span buffers.\"}\nrest";
        let (start, mut again) = sniff(reader(input)).unwrap();
        assert!(start.len() < input.len() && looks_like_jsonl(&start));
        let mut all = Vec::new();
        again.read_to_end(&mut all).unwrap();
        assert_eq!(all, input);
    }

    #[test]
    fn file_blocks_hold_about_the_asked_bytes_and_the_same_items() {
        let dir = std::env::temp_dir().join(format!("slant-blocks-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.jsonl");
        let line = format!("{{\"text\": \"{}\"}}\n", "Word. ".repeat(30));
        std::fs::write(&path, line.repeat(100)).unwrap();
        let source = Source {
            path: path.clone(),
            format: Format::Jsonl,
            origin: origin(),
        };
        let blocks: Vec<Vec<Item>> = blocks(&source, 4 * line.len()).collect();
        assert_eq!(blocks.len(), 25);
        assert!(blocks.iter().all(|b| b.len() == 4));
        let whole = read_source(&source);
        let flat: Vec<String> = blocks
            .into_iter()
            .flatten()
            .map(|i| format!("{i:?}"))
            .collect();
        assert_eq!(
            flat,
            whole.iter().map(|i| format!("{i:?}")).collect::<Vec<_>>()
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
