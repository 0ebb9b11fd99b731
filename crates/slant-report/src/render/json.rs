//! JSON: the same records as JSONL, as one array (for tools that want a single document), and
//! a comparison as the `slant-compare/1` document.

use crate::analysis::compare::CompareReport;
use crate::error::ReportError;
use slant_ingest::model::Record;
use std::io::Write;

/// Streams records into a JSON array without holding them all.
pub struct ArrayWriter<W: Write> {
    out: W,
    first: bool,
}

impl<W: Write> ArrayWriter<W> {
    pub fn new(mut out: W) -> Result<Self, ReportError> {
        out.write_all(b"[")?;
        Ok(ArrayWriter { out, first: true })
    }

    pub fn write(&mut self, record: &Record) -> Result<(), ReportError> {
        self.write_encoded(&serde_json::to_vec(record)?)
    }

    /// Write a record already serialised as JSON.
    pub fn write_encoded(&mut self, json: &[u8]) -> Result<(), ReportError> {
        if !self.first {
            self.out.write_all(b",")?;
        }
        self.first = false;
        self.out.write_all(b"\n")?;
        self.out.write_all(json)?;
        Ok(())
    }

    pub fn finish(mut self) -> Result<W, ReportError> {
        self.out.write_all(b"\n]\n")?;
        Ok(self.out)
    }
}

/// A comparison as the machine contract `slant-compare/1`: pretty-printed JSON, same input same
/// bytes.
pub fn write_comparison<W: Write>(out: &mut W, report: &CompareReport) -> Result<(), ReportError> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    out.write_all(b"\n")?;
    Ok(())
}
