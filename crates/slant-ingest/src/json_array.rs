//! A `.json` file read element by element: a top-level array is never held whole (a 109 MB
//! array took 1.38 GB when it was), only the element being read and the block being filled.
//!
//! The elements are found by a scanner that follows strings, escapes and brackets; each is
//! then decoded (UTF-8, else Windows-1252 with a warning, as every input) and parsed alone,
//! so a bad element fails alone and names its index and line. A file whose first character is
//! not `[` (one article object) is read whole, as before.

use crate::decode::decode;
use crate::error::{Failure, IngestError};
use crate::formats::{article_from_json, parse, Format, Item, Origin};
use std::io::BufRead;

/// A JSON input in blocks of elements whose bytes add up to about `max_bytes`.
pub struct JsonArrayBlocks<R> {
    reader: R,
    origin: Origin,
    max_bytes: usize,
    state: State,
    /// Index of the next element, and the 1-based line the reader is on.
    index: usize,
    line: usize,
}

#[derive(PartialEq, Eq)]
enum State {
    Start,
    /// Inside the array, before an element (or its closing `]`).
    Element,
    Done,
}

impl<R: BufRead> JsonArrayBlocks<R> {
    pub fn new(reader: R, origin: Origin, max_bytes: usize) -> JsonArrayBlocks<R> {
        JsonArrayBlocks {
            reader,
            origin,
            max_bytes: max_bytes.max(1),
            state: State::Start,
            index: 0,
            line: 1,
        }
    }

    fn fail(&self, line: Option<usize>, error: IngestError) -> Item {
        Err(Failure::new(self.origin.path.clone(), line, error))
    }

    /// Skip white space; the next byte, not consumed.
    fn peek(&mut self) -> std::io::Result<Option<u8>> {
        loop {
            let buf = self.reader.fill_buf()?;
            let Some(&b) = buf.first() else {
                return Ok(None);
            };
            if b.is_ascii_whitespace() {
                if b == b'\n' {
                    self.line += 1;
                }
                self.reader.consume(1);
            } else {
                return Ok(Some(b));
            }
        }
    }

    /// The bytes of one element, up to (not including) the `,` or `]` that ends it, which is
    /// consumed too and returned. `None` as the end byte: the input ended inside the element.
    fn element(&mut self, out: &mut Vec<u8>) -> std::io::Result<Option<u8>> {
        let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
        loop {
            let buf = self.reader.fill_buf()?;
            if buf.is_empty() {
                return Ok(None);
            }
            let mut end = None;
            for (i, &b) in buf.iter().enumerate() {
                if b == b'\n' {
                    self.line += 1;
                }
                if in_string {
                    match (escaped, b) {
                        (true, _) => escaped = false,
                        (false, b'\\') => escaped = true,
                        (false, b'"') => in_string = false,
                        _ => {}
                    }
                    continue;
                }
                match b {
                    b'"' => in_string = true,
                    b'[' | b'{' => depth += 1,
                    b']' | b'}' if depth > 0 => depth -= 1,
                    b',' | b']' if depth == 0 => {
                        end = Some((i, b));
                        break;
                    }
                    _ => {}
                }
            }
            match end {
                Some((i, b)) => {
                    out.extend_from_slice(&buf[..i]);
                    self.reader.consume(i + 1);
                    return Ok(Some(b));
                }
                None => {
                    let n = buf.len();
                    out.extend_from_slice(buf);
                    self.reader.consume(n);
                }
            }
        }
    }

    fn item(&self, bytes: &[u8], index: usize, line: usize) -> Item {
        let in_element = |error: IngestError| IngestError::InElement {
            index,
            error: Box::new(error),
        };
        let fail = |line: Option<usize>, error| {
            Err(Failure::new(
                self.origin.path.clone(),
                line,
                in_element(error),
            ))
        };
        let decoded = match decode(bytes) {
            Ok(d) => d,
            Err(e) => return fail(Some(line), e),
        };
        let value: serde_json::Value = match serde_json::from_str(&decoded.text) {
            Ok(v) => v,
            Err(e) => {
                return fail(
                    Some(line + e.line().saturating_sub(1)),
                    IngestError::InvalidJson(e.to_string()),
                )
            }
        };
        let id = format!("{}#{}", self.origin.id, index);
        let mut article = article_from_json(&value, &self.origin, id)
            .map_err(|e| Failure::new(self.origin.path.clone(), None, in_element(e)))?;
        article.warnings.extend(decoded.warning);
        Ok(article)
    }
}

impl<R: BufRead> Iterator for JsonArrayBlocks<R> {
    type Item = Vec<Item>;

    fn next(&mut self) -> Option<Vec<Item>> {
        let mut block = Vec::new();
        let mut bytes = 0;
        while self.state != State::Done && bytes < self.max_bytes {
            let io = |e: std::io::Error, s: &mut Self| {
                s.state = State::Done;
                s.fail(Some(s.line), IngestError::Io(e))
            };
            if self.state == State::Start {
                // A BOM, then `[`; anything else is one object, read whole.
                if let Ok(buf) = self.reader.fill_buf() {
                    if buf.starts_with(b"\xEF\xBB\xBF") {
                        self.reader.consume(3);
                    }
                }
                match self.peek() {
                    Ok(Some(b'[')) => {
                        self.reader.consume(1);
                        self.state = State::Element;
                        continue;
                    }
                    Ok(_) => {
                        let mut rest = Vec::new();
                        self.state = State::Done;
                        if let Err(e) = self.reader.read_to_end(&mut rest) {
                            block.push(io(e, self));
                            break;
                        }
                        if self.line > 1 {
                            rest.splice(0..0, std::iter::repeat_n(b'\n', self.line - 1));
                        }
                        return Some(parse(Format::Json, &rest, &self.origin));
                    }
                    Err(e) => {
                        block.push(io(e, self));
                        break;
                    }
                }
            }
            let (line, index) = match self.peek() {
                Ok(Some(b']')) if self.index == 0 => {
                    self.reader.consume(1);
                    self.state = State::Done;
                    block.push(
                        self.fail(None, IngestError::Invalid("the JSON array is empty".into())),
                    );
                    break;
                }
                Ok(Some(_)) => (self.line, self.index),
                Ok(None) => {
                    self.state = State::Done;
                    let what = IngestError::InvalidJson(format!(
                        "the file ends before the array is closed (after {} element(s))",
                        self.index
                    ));
                    block.push(self.fail(Some(self.line), what));
                    break;
                }
                Err(e) => {
                    block.push(io(e, self));
                    break;
                }
            };
            let mut element = Vec::new();
            let end = match self.element(&mut element) {
                Ok(end) => end,
                Err(e) => {
                    block.push(io(e, self));
                    break;
                }
            };
            self.index += 1;
            bytes += element.len();
            match end {
                Some(b',') => block.push(self.item(&element, index, line)),
                Some(_) => {
                    block.push(self.item(&element, index, line));
                    self.state = State::Done;
                    // Only white space may follow the array.
                    match self.peek() {
                        Ok(None) => {}
                        Ok(Some(_)) => block.push(self.fail(
                            Some(self.line),
                            IngestError::InvalidJson("trailing characters after the array".into()),
                        )),
                        Err(e) => block.push(io(e, self)),
                    }
                }
                None => {
                    self.state = State::Done;
                    let what = IngestError::InvalidJson(format!(
                        "the file ends inside array element {index}"
                    ));
                    block.push(self.fail(Some(line), what));
                }
            }
        }
        (!block.is_empty()).then_some(block)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin() -> Origin {
        Origin::new("in/a.json", "a", Some("folder"))
    }

    fn items(input: &str, max: usize) -> Vec<Vec<String>> {
        JsonArrayBlocks::new(input.as_bytes(), origin(), max)
            .map(|b| {
                b.into_iter()
                    .map(|i| match i {
                        Ok(a) => format!("{} {}", a.id, a.text),
                        Err(f) => format!("error {}: {}", f.error.kind(), f),
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn elements_one_by_one_in_blocks_of_bytes() {
        let input = "\u{feff} [ {\"text\": \"One, [two] {three}.\"},\n {\"body\": \"Esc \\\" ] , [\"},\n3,\n {\"title\": \"x\"},\n {\"text\": \"Last.\"} ]\n";
        let want = vec![
            "a#0 One, [two] {three}.",
            "a#1 Esc \" ] , [",
            "error invalid_input: in/a.json: array element 2: expected a JSON object for an article",
            "error missing_text: in/a.json: array element 3: the article object has no `text`, `body` or `content` field",
            "a#4 Last.",
        ];
        for max in [1, 30, 1 << 20] {
            let blocks = items(input, max);
            assert_eq!(blocks.concat(), want, "blocks of {max} bytes");
            if max == 1 {
                assert_eq!(blocks.len(), 5);
            }
        }
    }

    #[test]
    fn broken_arrays_keep_the_elements_before_the_break() {
        let got = items(
            "[{\"text\": \"A.\"},\n{\"text\": oops},\n{\"text\": \"C.\"}]",
            1 << 20,
        )
        .concat();
        assert_eq!(got[0], "a#0 A.");
        assert!(
            got[1].starts_with("error invalid_json: in/a.json:2: array element 1: invalid JSON"),
            "{}",
            got[1]
        );
        assert_eq!(got[2], "a#2 C.");
        let got = items("[{\"text\": \"A.\"}, {\"text\": \"B", 1 << 20).concat();
        assert_eq!(got[0], "a#0 A.");
        assert!(got[1].contains("ends inside array element 1"), "{}", got[1]);
        let got = items("[{\"text\": \"A.\"}] junk", 1 << 20).concat();
        assert!(got[1].contains("trailing characters"), "{}", got[1]);
        let got = items("  []  ", 1 << 20).concat();
        assert_eq!(
            got,
            ["error invalid_input: in/a.json: the JSON array is empty"]
        );
    }

    #[test]
    fn an_object_is_read_whole_as_before() {
        let input = "\n{\"text\": \"Only one.\", \"id\": \"x\"}";
        let got = items(input, 1).concat();
        assert_eq!(got, ["x Only one."]);
        let got = items("\n\n{\"text\": broken}", 1).concat();
        assert!(
            got[0].starts_with("error invalid_json: in/a.json:3:"),
            "{}",
            got[0]
        );
    }
}
