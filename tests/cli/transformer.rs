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

/// The default head as committed: its adapter file is found beside it and matches the recorded
/// sha256 (checked on load), and a fresh set-up (base model from scripts/setup-transformer plus
/// the committed adapters) gives the probabilities the training machine recorded for its check
/// sentence.
#[cfg(feature = "transformer")]
#[test]
fn the_committed_fine_tuned_head_loads_and_gives_the_recorded_probabilities() {
    let path = root().join("models/heads").join(FINE_TUNED_HEAD);
    let head: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let adapter = &head["adapter"];
    let file = root()
        .join("models/heads")
        .join(adapter["file"].as_str().unwrap());
    let size = std::fs::metadata(&file).unwrap().len();
    assert!(size < 4_000_000, "{} is {size} bytes", file.display());
    assert!(head["tasks"]["loaded"].is_object() && head["tasks"]["unattributed"].is_object());
    let check = &adapter["training"]["check"];
    let text = check["text"].as_str().unwrap();
    let o = run_stdin(
        &[
            "score",
            "--backend",
            "transformer",
            "--head",
            path.to_str().unwrap(),
            "-",
        ],
        text.as_bytes(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let recs = records(&o);
    let s = &recs[0]["sentences"][0];
    for task in ["loaded", "unattributed"] {
        let want = check[task].as_f64().unwrap();
        let got = s[task]["model_probability"].as_f64().unwrap();
        assert!(
            (got - want).abs() <= 0.0015,
            "{task}: {got} vs recorded {want}"
        );
    }
    // A damaged adapter file is refused by name, not used.
    let d = tempdir("bad-adapter");
    std::fs::copy(&path, d.join(FINE_TUNED_HEAD)).unwrap();
    let mut bytes = std::fs::read(&file).unwrap();
    let n = bytes.len();
    bytes[n - 1] ^= 1;
    std::fs::write(d.join(adapter["file"].as_str().unwrap()), bytes).unwrap();
    let o = run_stdin(
        &[
            "score",
            "--backend",
            "transformer",
            "--head",
            d.join(FINE_TUNED_HEAD).to_str().unwrap(),
            "-",
        ],
        text.as_bytes(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("sha256"));
}

#[cfg(feature = "transformer")]
const FINE_TUNED_HEAD: &str = "slant-news.json";

/// Without `--head`, the committed default head scores both tasks: every sentence gets a
/// loaded and an unattributed probability, an evaluation stated as fact is flagged as an
/// unattributed claim, and a sourced routine fact is not.
#[cfg(feature = "transformer")]
#[test]
fn the_default_head_scores_loaded_language_and_unattributed_claims() {
    let text = "The senator's reckless plan is sure to infuriate the White House. \
                The committee met on Tuesday, the clerk said.";
    let o = run_stdin(&["score", "--backend", "transformer", "-"], text.as_bytes());
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let r = &records(&o)[0];
    let sentences = r["sentences"].as_array().unwrap();
    assert_eq!(sentences.len(), 2);
    for s in sentences {
        for task in ["loaded", "unattributed"] {
            let p = s[task]["model_probability"].as_f64();
            assert!(p.is_some_and(|p| (0.0..=1.0).contains(&p)), "{task}: {s}");
        }
    }
    assert_eq!(
        sentences[0]["unattributed"]["flagged"], true,
        "{}",
        sentences[0]
    );
    assert_eq!(
        sentences[1]["unattributed"]["flagged"], false,
        "{}",
        sentences[1]
    );
}

#[cfg(feature = "transformer")]
#[test]
fn fine_tuning_from_the_command_line_is_reproducible_and_scores() {
    let d = tempdir("finetune");
    let gold = d.join("gold.jsonl");
    std::fs::write(&gold, slant_score::backend::toy::gold_jsonl()).unwrap();
    let train = |out: &str, threads: &str| {
        let o = slant()
            .env("SLANT_TRAIN_WORKERS", threads)
            .args([
                "train",
                "--fine-tune",
                gold.to_str().unwrap(),
                "-o",
                d.join(out).to_str().unwrap(),
                "--folds",
                "2",
                "--epochs",
                "2",
                "--rank",
                "2",
                "--layers",
                "5",
                "--targets",
                "q,v",
                "--licence",
                "MIT",
            ])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    train("a.json", "1");
    train("b.json", "2");
    let a = std::fs::read(d.join("a.adapter.safetensors")).unwrap();
    let b = std::fs::read(d.join("b.adapter.safetensors")).unwrap();
    assert_eq!(a, b, "same seed, same adapters whatever the thread count");
    let h: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("a.json")).unwrap()).unwrap();
    assert_eq!(h["adapter"]["file"], "a.adapter.safetensors");
    assert!(
        h["tasks"]["loaded"]["metrics"]["cv"]["gold"]["f1"].is_number(),
        "{h}"
    );
    let o = run(&[
        "score",
        "--backend",
        "transformer",
        "--head",
        d.join("a.json").to_str().unwrap(),
        "tests/corpus/sample",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(records(&o)
        .iter()
        .all(|r| r["sentences"][0]["loaded"]["model_probability"].is_number()));
}
