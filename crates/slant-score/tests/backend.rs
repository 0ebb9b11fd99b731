//! The transformer backend's explanations: the words cited for a model flag (occlusion) are
//! words whose removal really lowers the model's probability. Feature `transformer`; needs
//! `eval "$(scripts/setup-transformer)"`.
#![cfg(feature = "transformer")]

use slant_ingest::model::ScoredSentence;
use slant_ingest::{segment, Article};
use slant_score::backend::{Task, Transformer, TF001};
use slant_score::embed::{Embedder, DIM, MODEL_NAME};
use slant_score::head::{
    join, rule_feature_names, rule_features, Head, LogReg, Provenance, TaskHead, HEAD_FORMAT,
};
use slant_score::Scorer;
use std::collections::BTreeMap;
use std::path::PathBuf;

fn model_dir() -> PathBuf {
    std::env::var_os("SLANT_MODEL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../models/all-MiniLM-L6-v2")
        })
}

fn article(text: &str) -> Article {
    Article::from_text("t", text)
}

/// A small head trained here on invented sentences (no third-party data in the tests).
fn toy_head(scorer: &Scorer, embedder: &Embedder) -> Head {
    let loaded = [
        "The disgraceful senator shamelessly lied to voters again.",
        "Radical activists unleashed chaos on the peaceful town.",
        "The corrupt regime brutally crushed the brave protesters.",
        "This insane policy is a catastrophe for working families.",
        "The mayor's pathetic excuses fooled nobody.",
        "Greedy bosses are ruthlessly gutting pensions.",
        "The absurd ruling is an outrageous attack on freedom.",
        "Extremist lawmakers rammed through a shameful bill.",
        "The reckless plan will wreck the economy.",
        "A cowardly government betrayed its own citizens.",
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
        "The plan includes new spending on roads.",
        "The government announced new measures.",
    ];
    let texts: Vec<&str> = loaded.iter().chain(&neutral).copied().collect();
    let y: Vec<bool> = (0..texts.len()).map(|i| i < loaded.len()).collect();
    let vectors = embedder.embed(&texts).unwrap();
    let x: Vec<Vec<f64>> = texts
        .iter()
        .zip(&vectors)
        .map(|(t, v)| {
            let scored = scorer.score(&segment(article(t)));
            let s: Vec<&ScoredSentence> = scored.sentences.iter().collect();
            join(v, &rule_features(&s))
        })
        .collect();
    let model = LogReg::fit(&x, &y, 1.0);
    let mut tasks = BTreeMap::new();
    tasks.insert(
        "loaded".to_string(),
        TaskHead {
            threshold: 0.5,
            lambda: 1.0,
            model,
            metrics: BTreeMap::new(),
        },
    );
    let head = Head {
        format: HEAD_FORMAT.into(),
        embedding_model: MODEL_NAME.into(),
        embedding_dim: DIM,
        rule_features: rule_feature_names(),
        tasks,
        provenance: Provenance {
            data: "invented sentences in tests/backend.rs".into(),
            data_sha256: String::new(),
            data_licence: "MIT OR Apache-2.0".into(),
            trained: "test".into(),
            command: "test".into(),
            slant_version: "test".into(),
        },
    };
    head.check().unwrap()
}

fn without(text: &str, spans: &[(usize, usize)]) -> String {
    let mut spans = spans.to_vec();
    spans.sort();
    let mut out = String::new();
    let mut at = 0;
    for (s, e) in spans {
        out.push_str(&text[at..s]);
        at = e;
    }
    out.push_str(&text[at..]);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn cited_words_really_lower_the_probability() {
    let scorer = Scorer::builtin();
    let embedder = Embedder::load(&model_dir()).expect("run scripts/setup-transformer");
    let head = toy_head(&scorer, &embedder);
    let tf = Transformer {
        scorer: &scorer,
        embedder: &embedder,
        head: &head,
    };

    // Occlusion on its own.
    let text = "The spineless council caved to the mob yet again.";
    let (full, cited) = tf.occlusion(Task::Loaded, text, 3).unwrap();
    assert!(!cited.is_empty());
    for c in &cited {
        assert!(c.without < full);
        let p = tf
            .probabilities(Task::Loaded, &[without(text, &[(c.start, c.end)])])
            .unwrap()[0];
        assert!(p < full, "removing {:?}: {p} !< {full}", c.text);
    }
    let all: Vec<(usize, usize)> = cited.iter().map(|c| (c.start, c.end)).collect();
    let p = tf
        .probabilities(Task::Loaded, &[without(text, &all)])
        .unwrap()[0];
    assert!(p < full, "removing all cited words: {p} !< {full}");

    // A model-only flag in a scored article carries TF001 evidence with the same property.
    let mut head0 = head.clone();
    head0.tasks.get_mut("loaded").unwrap().threshold = 0.0; // flag everything
    let tf0 = Transformer {
        scorer: &scorer,
        embedder: &embedder,
        head: &head0,
    };
    let body = "The council met on Monday. Residents were left reeling. \
                Nobody could believe the sheer incompetence on display.";
    let mut scored = vec![scorer.score(&segment(article(body)))];
    tf0.apply(&mut scored).unwrap();
    let a = &scored[0];
    let flagged = a.sentences.iter().filter(|s| s.loaded.flagged).count();
    assert_eq!(a.summary.loaded_flagged, flagged);
    assert!(flagged > 0);
    let mut seen = 0;
    for s in &a.sentences {
        assert!(s.loaded.model_probability.is_some());
        let model_ev: Vec<_> = s
            .loaded
            .evidence
            .iter()
            .filter(|e| e.rule == TF001)
            .collect();
        if s.loaded.flagged && s.loaded.score < scorer.config().loaded_threshold {
            assert!(
                !model_ev.is_empty(),
                "model-only flag without words: {:?}",
                s.text
            );
        }
        if !s.loaded.flagged {
            assert!(model_ev.is_empty()); // a dropped model flag cites nothing
        }
        for e in &model_ev {
            seen += 1;
            assert_eq!(&body[e.start..e.end], e.text);
            let local = (e.start - s.start, e.end - s.start);
            let base = tf
                .probabilities(Task::Loaded, std::slice::from_ref(&s.text))
                .unwrap()[0];
            let p = tf
                .probabilities(Task::Loaded, &[without(&s.text, &[local])])
                .unwrap()[0];
            assert!(
                p < base,
                "removing {:?} from {:?}: {p} !< {base}",
                e.text,
                s.text
            );
        }
    }
    assert!(seen > 0);
    // The added field serialises; nothing is renamed.
    let json = serde_json::to_value(a).unwrap();
    assert!(json["sentences"][0]["loaded"]["model_probability"].is_number());
    assert!(json["sentences"][0]["loaded"]["score"].is_number());
}
