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
    let loaded = [
        "The disgraceful senator shamelessly lied to voters again.",
        "Radical activists unleashed chaos on the peaceful town.",
        "The corrupt regime brutally crushed the brave protesters.",
        "This insane policy is a catastrophe for working families.",
        "The mayor's pathetic excuses fooled nobody.",
        "Greedy bosses are ruthlessly gutting pensions.",
        "The absurd ruling is an outrageous attack on freedom.",
        "Extremist lawmakers rammed through a shameful bill.",
    ];
    let neutral = [
        "The senator spoke to voters on Tuesday.",
        "Activists gathered in the town square.",
        "The government responded to the protests.",
        "The policy takes effect next year.",
        "The mayor gave a statement to reporters.",
        "The company changed its pension plan.",
        "The court issued its ruling on Friday.",
        "Lawmakers passed the bill by a vote of 52 to 48.",
    ];
    let d = tempdir("train");
    let gold = d.join("gold.jsonl");
    let mut lines = String::new();
    for (t, l) in loaded
        .iter()
        .map(|t| (t, true))
        .chain(neutral.iter().map(|t| (t, false)))
    {
        lines += &serde_json::json!({"text": t, "label_biased": l}).to_string();
        lines.push('\n');
    }
    std::fs::write(&gold, lines).unwrap();
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
