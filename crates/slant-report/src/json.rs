//! JSON: the same records as JSONL, as one array (for tools that want a single document).

use crate::ReportError;
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
