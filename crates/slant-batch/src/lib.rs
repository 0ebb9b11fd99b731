//! The batch pipeline of slant: command-line inputs to scored records, in input order, in
//! memory bounded by the bytes in flight.
//!
//! The `slant` command, a Spark job piping partitions through `slant score -`, and any program
//! that embeds slant share this one loop. A [`Batch`] walks files and folders (sorted; `-` is
//! stdin, a named pipe is read as a stream), reads each input lazily in blocks of about
//! [`Options::block_bytes`] (`slant_ingest::blocks`), scores and encodes the articles on all
//! cores, and hands every record to a [`Sink`] in input order. Input that was scored already
//! (`slant/1` JSONL, recognised by its start) is read back as it is, and the outputs of a
//! [`Shard`]ed run are merged back into the order of one run over everything.
//!
//! Nothing an input does fails the batch: a file or line that cannot be read becomes an error
//! record in its place. The batch fails only when its output does ([`BatchError::Output`]) or
//! when an input is the output ([`BatchError::InputIsOutput`]).
//!
//! ```
//! use slant_batch::{Batch, Sink};
//! use slant_ingest::model::Record;
//! use std::sync::Arc;
//!
//! let dir = std::env::temp_dir().join(format!("slant-batch-doc-{}", std::process::id()));
//! std::fs::create_dir_all(dir.join("wire")).unwrap();
//! std::fs::write(dir.join("wire/a.txt"), "The plan was condemned as reckless.").unwrap();
//! std::fs::write(dir.join("wire/b.jsonl"), "{\"text\": \"Officials said talks resume.\"}\n").unwrap();
//!
//! struct Ids(Vec<String>);
//! impl Sink for Ids {
//!     fn record(&mut self, record: Record, _encoded: &[u8]) -> std::io::Result<()> {
//!         if let Record::Article(a) = record {
//!             self.0.push(a.id);
//!         }
//!         Ok(())
//!     }
//! }
//!
//! let mut ids = Ids(Vec::new());
//! let stats = Batch::new(Arc::new(slant_score::Scorer::builtin()))
//!     .run(&[&dir], &mut ids)
//!     .unwrap();
//! assert_eq!(ids.0, ["wire/a", "wire/b#1"]);
//! assert_eq!((stats.articles, stats.failures), (2, 0));
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```

mod engine;
mod error;
mod plan;
pub mod scored;
mod shard;

pub use engine::{Batch, Encoder, Options, Sink, Stats};
pub use error::BatchError;
pub use plan::check_outputs;
pub use shard::Shard;
