//! Scored articles out: what a framing report or an outlet comparison says ([`analysis`]), and
//! one renderer per output format ([`render`]).
//!
//! `slant-report` knows nothing of input formats: it takes [`Record`]s (scored articles and
//! error records, the `slant/1` contract from `slant_ingest::model`). The analysis turns them
//! into plain data: per-article summaries and rates ([`analysis::stats`]), the corpus of a
//! framing report and its pages of sections ([`analysis::corpus`], [`analysis::report`]), the
//! outlet comparison ([`analysis::compare`]) and its stories ([`analysis::stories`]). The
//! renderers write that data: [`jsonl`], [`json`] and [`csv`] the records themselves;
//! [`html`] and [`markdown`] the framing report through a [`ReportWriter`], which takes records
//! one at a time and keeps only per-article summaries in memory; the terminal, Markdown, HTML,
//! CSV and JSON forms of a comparison. The analysis never depends on a renderer.
//! [`escape`] is the only way article text reaches an output, and [`output`] writes files
//! without putting a user's data at risk.
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

pub mod analysis;
pub mod categories;
pub mod error;
pub mod escape;
pub mod output;
pub mod render;

pub use analysis::corpus::{Corpus, Meta};
pub use error::ReportError;
pub use output::FolderSink;
pub use render::report::{PageSink, Renderer, ReportWriter};
pub use render::{csv, html, json, jsonl, markdown};
pub use slant_ingest::model::Record;
