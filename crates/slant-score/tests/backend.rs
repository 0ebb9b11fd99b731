//! The transformer backend's explanations: the words cited for a model flag (occlusion) are
//! words whose removal really lowers the model's probability. Feature `transformer`; needs
//! `eval "$(scripts/setup-transformer)"`.
#![cfg(feature = "transformer")]

mod common;
use common::model_dir;

use slant_ingest::{segment, Article};
use slant_score::backend::{toy, Task, Transformer, TF001};
use slant_score::embed::Embedder;
use slant_score::Scorer;

fn article(text: &str) -> Article {
    Article::from_text("t", text)
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
    let head = toy::head(&scorer, &embedder).unwrap();
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
