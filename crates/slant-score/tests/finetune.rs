//! Fine-tuning (feature `transformer`): the same seed gives the same adapters bit for bit
//! whatever the number of worker threads; training lowers the loss; adapters saved and loaded
//! again, folded into the weights, give the encoder that was trained. Needs
//! `eval "$(scripts/setup-transformer)"`. Invented sentences only (`backend::toy`).
#![cfg(feature = "transformer")]

mod common;
use common::model_dir;

use slant_score::backend::toy;
use slant_score::bert::Bert;
use slant_score::embed::{cosine, Embedder};
use slant_score::finetune::{
    attach, fine_tune, load_adapters, save_adapters, with_adapters, AdapterSpec, Example, TrainSpec,
};

fn spec(seed: u64) -> TrainSpec {
    TrainSpec {
        adapter: AdapterSpec {
            rank: 2,
            alpha: 4.0,
            layers: vec![4, 5],
            targets: vec![
                "attention.self.query".into(),
                "attention.self.value".into(),
                "intermediate.dense".into(),
            ],
        },
        epochs: 3,
        lr: 5e-3,
        head_lr: 1e-2,
        weight_decay: 0.01,
        batch: 8,
        shard: 3,
        seed,
        task_weights: vec![],
    }
}

#[test]
fn fine_tuning_is_deterministic_learns_and_reloads() {
    let dir = model_dir();
    let base = Bert::load(&dir).expect("run scripts/setup-transformer");
    let embedder = Embedder::load(&dir).unwrap();
    let texts: Vec<&str> = toy::LOADED.iter().chain(&toy::NEUTRAL).copied().collect();
    let pieces = embedder.split(&texts).unwrap();
    let examples: Vec<Example> = pieces
        .into_iter()
        .enumerate()
        .map(|(i, p)| Example {
            pieces: p,
            // One invented "rule feature", uninformative.
            rules: vec![(i % 3) as f32 - 1.0],
            labels: vec![Some(i < toy::LOADED.len())],
            weight: 1.0,
        })
        .collect();

    let one = fine_tune(&base, &examples, 1, &spec(7), 1, None, None, |_, _| {}).unwrap();
    let three = fine_tune(&base, &examples, 1, &spec(7), 3, None, None, |_, _| {}).unwrap();
    assert_eq!(one.losses, three.losses);
    assert_eq!(one.outputs, three.outputs);
    assert_eq!(one.adapters.len(), 2 * 2 * 3);
    for ((na, a), (nb, b)) in one.adapters.iter().zip(&three.adapters) {
        assert_eq!(na, nb);
        assert!(a.equal(b), "{na} differs between 1 and 3 workers");
    }
    // It learned: the loss fell, and the adapters moved away from the base model (B starts at 0).
    assert!(one.losses[2] < one.losses[0], "{:?}", one.losses);
    assert!(one
        .adapters
        .iter()
        .any(|(n, t)| n.ends_with("lora_b") && t.abs().max().double_value(&[]) > 0.0));
    // Another seed, other adapters.
    let other = fine_tune(&base, &examples, 1, &spec(8), 2, None, None, |_, _| {}).unwrap();
    assert!(!one.adapters[0].1.equal(&other.adapters[0].1));

    // Saved and loaded, folded into the weights: the encoder that was trained.
    let tmp =
        std::env::temp_dir().join(format!("slant-adapter-{}.safetensors", std::process::id()));
    save_adapters(&tmp, &one.adapters).unwrap();
    let mut loaded = Bert::load(&dir).unwrap();
    load_adapters(&mut loaded, &spec(7).adapter, &tmp).unwrap();
    std::fs::remove_file(&tmp).ok();
    let merged = Embedder::with_encoder(&dir, loaded)
        .unwrap()
        .embed(&texts)
        .unwrap();
    let mut in_memory = Bert::load(&dir).unwrap();
    attach(&mut in_memory, &spec(7).adapter, &one.adapters).unwrap();
    let same = Embedder::with_encoder(&dir, in_memory)
        .unwrap()
        .embed(&texts)
        .unwrap();
    assert_eq!(merged, same);
    let unmerged = with_adapters(&base, &spec(7).adapter, &one.adapters).unwrap();
    let baseline = embedder.embed(&texts).unwrap();
    let _guard = tch::no_grad_guard();
    for (i, p) in embedder.split(&texts).unwrap().iter().enumerate() {
        let (ids, mask) = slant_score::embed::batch_tensors(&[p]);
        let v = Vec::<f32>::try_from(unmerged.embed(&ids, &mask).view([-1])).unwrap();
        assert!(
            cosine(&v, &merged[i]) > 0.99999,
            "merged adapters differ for {:?}",
            texts[i]
        );
        assert!(
            cosine(&merged[i], &baseline[i]) < 0.999999,
            "adapters changed nothing"
        );
    }
    // A file that does not fit the spec is refused with its name.
    let mut wrong = spec(7).adapter;
    wrong.rank = 3;
    save_adapters(&tmp, &one.adapters).unwrap();
    let err = load_adapters(&mut Bert::load(&dir).unwrap(), &wrong, &tmp).unwrap_err();
    std::fs::remove_file(&tmp).ok();
    assert!(err.to_string().contains("slant-adapter-"), "{err}");
}
