//! Embeddings from slant's encoder match Python sentence-transformers (feature `transformer`).
//!
//! The reference vectors in `tests/data/embed_reference.json` were computed once with
//! sentence-transformers 3.0.1 / torch 2.4.0 on the same model folder, by
//! `scripts/make-embedding-reference`. Needs `eval "$(scripts/setup-transformer)"`.
#![cfg(feature = "transformer")]

mod common;
use common::model_dir;

use slant_score::embed::{cosine, Embedder, DIM};

#[derive(serde::Deserialize)]
struct Reference {
    sentences: Vec<String>,
    vectors: Vec<Vec<f32>>,
}

#[test]
fn embeddings_match_python_sentence_transformers() {
    let text = include_str!("data/embed_reference.json");
    let reference: Reference = serde_json::from_str(text).unwrap();
    assert!(reference.sentences.len() >= 10);
    let embedder = Embedder::load(&model_dir())
        .expect("model folder (run scripts/setup-transformer)")
        .with_batch_size(4); // several batches, so the length sorting and reordering is exercised
    let got = embedder.embed(&reference.sentences).unwrap();
    assert_eq!(got.len(), reference.sentences.len());
    for ((s, want), have) in reference.sentences.iter().zip(&reference.vectors).zip(&got) {
        assert_eq!(have.len(), DIM);
        let c = cosine(have, want);
        assert!(c >= 0.9999, "cosine {c} < 0.9999 for {s:?}");
    }
    // Order is input order whatever the batching.
    let one = embedder.embed(&reference.sentences[3..4]).unwrap();
    assert!(cosine(&one[0], &got[3]) > 0.99999);
    assert!(embedder.embed::<&str>(&[]).unwrap().is_empty());
}
