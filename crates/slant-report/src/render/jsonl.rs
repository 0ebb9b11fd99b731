//! JSONL: one `slant/1` record per line, the default output of `slant score` and the input
//! `slant report` and `slant compare` accept.

use crate::error::ReportError;
use slant_ingest::model::Record;
use std::io::{BufRead, Write};

/// Write one record as a line.
pub fn write_record<W: Write>(out: &mut W, record: &Record) -> Result<(), ReportError> {
    serde_json::to_writer(&mut *out, record)?;
    out.write_all(b"\n")?;
    Ok(())
}

/// Read `slant/1` records back, one per non-empty line. A line that is not a record is an
/// error naming the file and line.
pub fn read_records<R: BufRead>(
    input: R,
    path: &str,
) -> impl Iterator<Item = Result<Record, ReportError>> {
    let path = path.to_string();
    input.lines().enumerate().filter_map(move |(i, line)| {
        let line = match line {
            Ok(l) => l,
            Err(e) => return Some(Err(ReportError::Io(e))),
        };
        if line.trim().is_empty() {
            return None;
        }
        Some(
            serde_json::from_str::<Record>(&line).map_err(|e| ReportError::BadRecord {
                path: path.to_string(),
                line: i + 1,
                message: e.to_string(),
            }),
        )
    })
}

/// True when a file's first line looks like `slant/1` output rather than article input.
pub fn is_scored_jsonl(first_line: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(first_line)
        .ok()
        .and_then(|v| {
            v.get("schema")
                .and_then(|s| s.as_str())
                .map(|s| s.starts_with("slant/"))
        })
        .unwrap_or(false)
}
