//! `slant train` and `slant score --backend transformer`. With the `transformer` feature these
//! need `eval "$(scripts/setup-transformer)"`; without it, both commands say how to get it.

use crate::util::*;

#[cfg(not(feature = "transformer"))]
#[test]
fn without_the_feature_the_backend_says_how_to_get_it() {
    let o = run(&["score", "--backend", "transformer", "tests/corpus/sample"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("transformer"));
    let d = tempdir("train-nofeature");
    let gold = d.join("g.jsonl");
    std::fs::write(&gold, "{\"text\": \"x\", \"label_biased\": true}\n").unwrap();
    let o = run(&[
        "train",
        gold.to_str().unwrap(),
        "-o",
        d.join("h.json").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[cfg(feature = "transformer")]
#[test]
fn train_then_score_with_the_head() {
    // Invented sentences (no third-party data): loaded wording vs plain reporting.
    let d = tempdir("train");
    let gold = d.join("gold.jsonl");
    std::fs::write(&gold, slant_score::backend::toy::gold_jsonl()).unwrap();
    let head = d.join("heads/toy.json");
    let o = run(&[
        "train",
        gold.to_str().unwrap(),
        "-o",
        head.to_str().unwrap(),
        "--folds",
        "2",
        "--licence",
        "MIT",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let h: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&head).unwrap()).unwrap();
    assert_eq!(h["format"], "slant-head/1");
    assert_eq!(h["provenance"]["data_licence"], "MIT");
    assert_eq!(h["provenance"]["data_sha256"].as_str().unwrap().len(), 64);
    assert!(h["tasks"]["loaded"]["metrics"]["cv"]["f1"].is_number());
    assert!(h["tasks"].get("unattributed").is_none());

    let o = run(&[
        "score",
        "--backend",
        "transformer",
        "--head",
        head.to_str().unwrap(),
        "tests/corpus/sample",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let recs = records(&o);
    assert_eq!(recs.len(), 16);
    let mut flagged = 0;
    for r in &recs {
        assert_eq!(r["schema"], "slant/1");
        for s in r["sentences"].as_array().unwrap() {
            assert!(s["loaded"]["model_probability"].is_number());
            if s["loaded"]["flagged"] == true {
                flagged += 1;
                // No verdict without evidence, model flags included.
                assert!(
                    !s["loaded"]["evidence"].as_array().unwrap().is_empty(),
                    "{s}"
                );
            }
        }
    }
    assert!(flagged > 0);
}
