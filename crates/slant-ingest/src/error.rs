use std::path::PathBuf;

/// Why one input (a file, or one line of a JSONL file) could not become an article.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    #[error("the file is empty")]
    Empty,
    #[error("the file holds no text, only whitespace")]
    Blank,
    #[error("the file looks binary, not text ({0})")]
    Binary(String),
    #[error("invalid JSON: {0}")]
    InvalidJson(String),
    #[error("the article object has no `text`, `body` or `content` field")]
    MissingText,
    #[error("the `{field}` field is {found}, not a string")]
    WrongType { field: String, found: &'static str },
    #[error("array element {index}: {error}")]
    InElement {
        /// 0-based position in the JSON array.
        index: usize,
        error: Box<IngestError>,
    },
    #[error("{0}")]
    Invalid(String),
}

impl IngestError {
    /// The machine-readable `error.kind` of a `slant/1` error record.
    pub fn kind(&self) -> &'static str {
        match self {
            IngestError::Io(_) => "io",
            IngestError::Empty => "empty",
            IngestError::Blank => "empty",
            IngestError::Binary(_) => "binary",
            IngestError::InvalidJson(_) => "invalid_json",
            IngestError::MissingText => "missing_text",
            IngestError::WrongType { .. } => "invalid_input",
            IngestError::InElement { error, .. } => error.kind(),
            IngestError::Invalid(_) => "invalid_input",
        }
    }
}

/// An input that failed, with where it came from.
#[derive(Debug, thiserror::Error)]
#[error("{path}{}: {error}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct Failure {
    pub path: String,
    /// 1-based line number for JSONL inputs.
    pub line: Option<usize>,
    #[source]
    pub error: IngestError,
}

impl Failure {
    pub fn new(path: impl Into<String>, line: Option<usize>, error: IngestError) -> Self {
        Failure {
            path: path.into(),
            line,
            error,
        }
    }

    pub fn to_record(&self) -> crate::model::ErrorRecord {
        crate::model::ErrorRecord {
            schema: crate::model::SCHEMA.to_string(),
            path: self.path.clone(),
            line: self.line,
            error: crate::model::ErrorInfo {
                kind: self.error.kind().to_string(),
                message: self.error.to_string(),
            },
        }
    }
}

/// A command-line path that does not exist or cannot be walked.
#[derive(Debug, thiserror::Error)]
#[error("{}: {message}", path.display())]
pub struct WalkError {
    pub path: PathBuf,
    pub message: String,
}
