//! The one error type of the crate.

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
