//! The seed article: the behaviour the project was started for.

use crate::util::*;
use serde_json::Value;

fn seed() -> Value {
    let path = shared().join("corpus/seed/seed-article.txt");
    let o = run(&["score", path.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let mut recs = records(&o);
    assert_eq!(recs.len(), 1);
    recs.remove(0)
}

fn top_by<'a>(article: &'a Value, field: &str) -> &'a Value {
    let sentences = article["sentences"].as_array().unwrap();
    let max = sentences
        .iter()
        .map(|s| s[field]["score"].as_f64().unwrap())
        .fold(0.0, f64::max);
    sentences
        .iter()
        .find(|s| s[field]["score"].as_f64().unwrap() == max)
        .unwrap()
}

#[test]
fn condemned_sentence_is_top_for_both_scores() {
    let a = seed();
    for field in ["loaded", "unattributed"] {
        let top = top_by(&a, field);
        assert!(
            top["text"]
                .as_str()
                .unwrap()
                .contains("has been condemned as a reckless escalation"),
            "top {field}: {}",
            top["text"]
        );
        assert!(top[field]["flagged"].as_bool().unwrap());
    }
    let top = top_by(&a, "unattributed");
    assert!(top["unattributed"]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r == "agentless_passive"));
    assert!(top["loaded"]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["text"] == "reckless"));
}

#[test]
fn some_analysts_is_a_vague_source() {
    let a = seed();
    let s = a["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["text"].as_str().unwrap().contains("some analysts see"))
        .unwrap();
    assert!(s["unattributed"]["flagged"].as_bool().unwrap());
    assert!(s["unattributed"]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r == "vague_source"));
    assert_eq!(s["attribution"]["kind"], "vague");
}

#[test]
fn putins_words_are_quoted_and_his() {
    let a = seed();
    let s = a["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| {
            s["text"]
                .as_str()
                .unwrap()
                .contains("liberation of its historical lands")
        })
        .unwrap();
    assert_eq!(s["voice"], "quoted");
    assert_eq!(s["attribution"]["kind"], "named");
    assert_eq!(s["attribution"]["source"], "Putin");
    assert!(!s["unattributed"]["flagged"].as_bool().unwrap());
    // "liberation" is reported as his word, inside the quotation.
    let ev = s["loaded"]["evidence"].as_array().unwrap();
    assert!(ev.iter().all(|e| e["quoted"] == true), "{ev:?}");
}

#[test]
fn both_kiev_and_kyiv_are_reported() {
    let a = seed();
    let naming = a["summary"]["naming"].as_array().unwrap();
    let set = naming
        .iter()
        .find(|n| n["set"] == "Kiev/Kyiv")
        .expect("Kiev/Kyiv set");
    assert_eq!(set["terms"]["Kiev"], 1);
    assert_eq!(set["terms"]["Kyiv"], 1);
}

#[test]
fn evidence_offsets_slice_the_article_text() {
    let path = shared().join("corpus/seed/seed-article.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let a = seed();
    for s in a["sentences"].as_array().unwrap() {
        let (st, en) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[st..en], s["text"].as_str().unwrap());
        for e in s["loaded"]["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .chain(s["unattributed"]["evidence"].as_array().unwrap())
        {
            let (st, en) = (
                e["start"].as_u64().unwrap() as usize,
                e["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&text[st..en], e["text"].as_str().unwrap());
        }
    }
}
