//! Arguments more than one command takes: the settings every command reads ([`Common`]) and
//! the scoring backend with its embedding model ([`ModelArgs`], [`BackendArgs`]). Each
//! command's own arguments live in the command's module.

use clap::{Args, ValueEnum};
use std::path::PathBuf;

/// Options every command shares.
#[derive(Args, Clone, Default)]
pub struct Common {
    /// Add or override lexicon entries from this TOML file (repeatable).
    #[arg(long = "lexicon", value_name = "FILE", global = true)]
    pub lexicons: Vec<PathBuf>,
    /// Settings file (thresholds, extra lexicons).
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq, Debug, Default)]
pub enum Backend {
    /// Lexicons and rules only.
    #[default]
    Rules,
    /// Rules plus a sentence-embedding model and a trained head (feature `transformer`).
    Transformer,
}

/// The backend and its embedding model (`slant compare` needs no head).
#[derive(Args, Clone, Default)]
pub struct ModelArgs {
    /// Scoring backend.
    #[arg(long, value_enum, default_value = "rules")]
    pub backend: Backend,
    /// Sentence-embedding model folder (default $SLANT_MODEL_DIR or models/all-MiniLM-L6-v2).
    #[arg(long = "model", value_name = "DIR")]
    pub model_dir: Option<PathBuf>,
}

#[derive(Args, Clone, Default)]
pub struct BackendArgs {
    #[command(flatten)]
    pub model: ModelArgs,
    /// Head trained by `slant train` (transformer backend; default models/heads/slant-default.json).
    #[arg(long, value_name = "FILE")]
    pub head: Option<PathBuf>,
}
