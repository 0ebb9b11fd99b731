//! What the transformer tests share: where the embedding model is.

use std::path::PathBuf;

/// `$SLANT_MODEL_DIR`, else the folder `scripts/setup-transformer` fills in the checkout.
pub fn model_dir() -> PathBuf {
    std::env::var_os("SLANT_MODEL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../models/all-MiniLM-L6-v2")
        })
}
