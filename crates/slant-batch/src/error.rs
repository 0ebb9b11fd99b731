use std::path::PathBuf;

/// Why a batch could not run, or stopped. Inputs that fail never end a batch: they become
/// error records. These are the failures of the batch itself.
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    /// A command-line input is the output of the run, or lies inside its output folder:
    /// reading it while writing the output would destroy it.
    #[error(
        "{} is also the output (-o {}); write the output elsewhere",
        input.display(),
        output.display()
    )]
    InputIsOutput { input: PathBuf, output: PathBuf },
    /// `--shard` was not `K/N` with `1 <= K <= N`.
    #[error("--shard {0}")]
    BadShard(String),
    /// The sink (the output) failed; the batch stopped there.
    #[error(transparent)]
    Output(#[from] std::io::Error),
    /// A bug: the reading side of the pipeline stopped without saying why.
    #[error("internal error in the batch pipeline: {0}")]
    Internal(String),
}
