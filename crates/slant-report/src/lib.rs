//! Scored articles out: one writer per output format, plus the statistics that reports and
//! outlet comparisons share.
//!
//! `slant-report` knows nothing of input formats: it takes [`Record`]s (scored articles and
//! error records, the `slant/1` contract from `slant_ingest::model`) and writes them.
//! [`jsonl`] and [`json`] write the contract itself, [`csv`] one row per sentence.
//!
//! ```
//! use slant_report::jsonl;
//! use slant_ingest::model::{ErrorInfo, ErrorRecord, Record, SCHEMA};
//!
//! let rec = Record::Error(ErrorRecord {
//!     schema: SCHEMA.into(), path: "a.txt".into(), line: None,
//!     error: ErrorInfo { kind: "empty".into(), message: "the file is empty".into() },
//! });
//! let mut out = Vec::new();
//! jsonl::write_record(&mut out, &rec).unwrap();
//! assert!(String::from_utf8(out).unwrap().starts_with("{\"schema\":\"slant/1\""));
//! ```

pub mod csv;
pub mod json;
pub mod jsonl;
pub mod stats;

pub use slant_ingest::model::Record;

/// Why writing a report failed.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("write failed: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot serialise: {0}")]
    Json(#[from] serde_json::Error),
    #[error("{path}:{line}: not a slant/1 record: {message}")]
    BadRecord {
        path: String,
        line: usize,
        message: String,
    },
}
