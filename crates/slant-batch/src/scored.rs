//! `slant/1` records read back: recognising scored files by their start, parsing their lines,
//! and the input-order key that lets the outputs of `--shard` runs be merged into the order of
//! one run over everything.

use slant_ingest::model::{ErrorInfo, ErrorRecord, Record, SCHEMA};
use std::io::Read;
use std::path::Path;

/// Where a record stands in the input order of a sharded run: the input's place in the list
/// of inputs (command-line order, then sorted paths) and the item's number inside that input.
pub type Order = (u64, u64);

/// The field a `--shard` run adds to each JSONL record: `"input_order":[input,item]`, always
/// last in the object.
pub const ORDER_FIELD: &str = "input_order";

/// True when `start` (the first bytes of a file or stream) begins a `slant/1` record:
/// `{"schema":"slant/1"`, white space allowed between the tokens. Only the start is read, so a
/// first record of any size is recognised.
pub fn is_scored_start(start: &[u8]) -> bool {
    let start = start.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(start);
    let mut rest = start;
    let mut expect = |token: &[u8]| -> bool {
        let trimmed = rest
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .map_or(&rest[rest.len()..], |i| &rest[i..]);
        match trimmed.strip_prefix(token) {
            Some(r) => {
                rest = r;
                true
            }
            None => false,
        }
    };
    expect(b"{")
        && expect(b"\"schema\"")
        && expect(b":")
        && expect(b"\"")
        && rest.starts_with(&SCHEMA.as_bytes()[..SCHEMA.len() - 1])
}

/// True when the file at `path` starts like `slant/1` output. Reads at most 256 bytes.
pub fn is_scored_file(path: &Path) -> bool {
    let Ok(f) = std::fs::File::open(path) else {
        return false;
    };
    let mut start = Vec::with_capacity(256);
    if f.take(256).read_to_end(&mut start).is_err() {
        return false;
    }
    is_scored_start(&start)
}

/// One line of a scored file to a record; a line that is not a record becomes an error
/// record naming the file and line.
pub fn parse_line(line: &[u8], path: &str, line_no: usize) -> Record {
    let fail = |message: String| {
        Record::Error(ErrorRecord {
            schema: SCHEMA.to_string(),
            path: path.to_string(),
            line: Some(line_no),
            error: ErrorInfo {
                kind: "invalid_record".into(),
                message,
            },
        })
    };
    match serde_json::from_slice::<Record>(line) {
        Ok(r) => r,
        Err(e) => fail(e.to_string()),
    }
}

/// Add the input-order field to an encoded JSON object (`{...}` with an optional newline).
pub fn add_order(encoded: &mut Vec<u8>, order: Order) {
    let newline = encoded.last() == Some(&b'\n');
    if newline {
        encoded.pop();
    }
    if encoded.last() == Some(&b'}') {
        encoded.pop();
        let sep = if encoded.last() == Some(&b'{') {
            ""
        } else {
            ","
        };
        encoded.extend_from_slice(
            format!("{sep}\"{ORDER_FIELD}\":[{},{}]}}", order.0, order.1).as_bytes(),
        );
    }
    if newline {
        encoded.push(b'\n');
    }
}

/// The input-order field of a record line, when it has one (it is always last).
pub fn order_of(line: &[u8]) -> Option<Order> {
    let line = line.trim_ascii_end();
    let body = line.strip_suffix(b"]}")?;
    let marker = format!(",\"{ORDER_FIELD}\":[");
    let at = body
        .windows(marker.len())
        .rposition(|w| w == marker.as_bytes())?;
    let nums = std::str::from_utf8(&body[at + marker.len()..]).ok()?;
    let (a, b) = nums.split_once(',')?;
    Some((a.trim().parse().ok()?, b.trim().parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scored_output_is_recognised_by_its_start_only() {
        assert!(is_scored_start(b"{\"schema\":\"slant/1\",\"id\":"));
        assert!(is_scored_start(b"{ \"schema\" : \"slant/1\""));
        assert!(is_scored_start(b"{\"schema\":\"slant/2\""));
        assert!(!is_scored_start(b"{\"text\":\"schema slant/1\"}"));
        assert!(!is_scored_start(b"{\"schema\":\"other/1\"}"));
        assert!(!is_scored_start(b"{\"sch"));
        assert!(!is_scored_start(b""));
    }

    #[test]
    fn the_order_field_round_trips_and_the_record_still_parses() {
        let line = b"{\"schema\":\"slant/1\",\"path\":\"a\",\"error\":{\"kind\":\"k\",\"message\":\"m ]}\"}}\n";
        let mut with = line.to_vec();
        add_order(&mut with, (3, 17));
        assert!(with.ends_with(b",\"input_order\":[3,17]}\n"));
        assert_eq!(order_of(&with), Some((3, 17)));
        assert_eq!(order_of(line), None);
        let r = parse_line(&with, "x", 1);
        assert!(matches!(r, Record::Error(e) if e.error.kind == "k"));
    }
}
