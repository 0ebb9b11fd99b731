//! Scored articles out: one writer per output format, plus the statistics that reports and
//! outlet comparisons share.
//!
//! `slant-report` knows nothing of input formats: it takes [`Record`]s (scored articles and
//! error records, the `slant/1` contract from `slant_ingest::model`) and writes them.
//! [`jsonl`] and [`json`] write the contract itself, [`csv`] one row per sentence.
//! [`html`] and [`markdown`] write the framing report (`slant report`): a [`ReportWriter`]
//! takes records one at a time and writes one file or a folder of pages ([`pages`]), keeping
//! only per-article summaries ([`corpus`]) in memory.
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

pub mod categories;
pub mod compare;
pub mod compare_html;
pub mod corpus;
pub mod csv;
pub mod escape;
pub mod highlight;
pub mod html;
pub mod json;
pub mod jsonl;
pub mod markdown;
pub mod output;
pub mod pages;
pub mod stats;
pub mod stories;
pub mod svg;

pub use corpus::{Corpus, Meta};
pub use pages::{FolderSink, PageSink, Renderer, ReportWriter};
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
    #[error("cannot write {path}")]
    Path {
        path: String,
        #[source]
        source: std::io::Error,
    },
}
