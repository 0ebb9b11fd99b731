//! `slant eval`: figures against labelled sentences, error analysis by kind and by cited words,
//! and bad gold lines that fail alone.

use crate::util::*;
use serde_json::Value;

fn eval_json(gold: &str, name: &str) -> (std::process::Output, Value) {
    let dir = tempdir(name);
    let path = dir.join("gold.jsonl");
    std::fs::write(&path, gold).unwrap();
    let o = run(&["eval", "--json", path.to_str().unwrap()]);
    let v: Value = serde_json::from_str(&stdout(&o)).expect("JSON report");
    (o, v)
}

#[test]
fn a_bad_gold_line_fails_alone_and_the_rest_is_evaluated() {
    let gold = concat!(
        "{\"id\":\"a\",\"text\":\"The regime's reckless thugs slammed the plan.\",\"label_biased\":true}\n",
        "{\"id\":\"b\",\"text\":\"The council met on Tuesday.\",\"label_biased\":false}\n",
        "{\"id\":\"c\",\"text\":\n",
        "{\"id\":\"d\",\"label_biased\":true}\n",
        "{\"id\":\"e\",\"text\":\"The mayor opened the library.\",\"label_biased\":false}\n",
    );
    let (o, v) = eval_json(gold, "eval-bad-line");
    assert_eq!(o.status.code(), Some(1), "some lines failed");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("gold.jsonl:3:") && err.contains("gold.jsonl:4:"),
        "{err}"
    );
    let file = &v[0];
    let lines: Vec<u64> = file["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, vec![3, 4]);
    let loaded = &file["tasks"][0];
    assert_eq!(loaded["items"], 3);
    assert_eq!(loaded["confusion"]["tp"], 1);
    assert_eq!(loaded["confusion"]["tn"], 2);
}

#[test]
fn recall_per_kind_and_cue_agreement_from_the_readers() {
    let reader =
        |kind: &str, cue: &str| format!("{{\"label\":true,\"kind\":\"{kind}\",\"cue\":\"{cue}\"}}");
    let no = "{\"label\":false,\"kind\":null,\"cue\":null}";
    let item = |id: &str, text: &str, label: bool, readers: Vec<String>| {
        format!(
            "{{\"id\":\"{id}\",\"text\":\"{text}\",\"label_unattributed\":{label},\"extra\":{{\"readers\":[{}]}}}}\n",
            readers.join(",")
        )
    };
    let mut gold = String::new();
    // Found, and the evidence is the reader's cue.
    gold += &item(
        "v",
        "The plan will fail, critics say.",
        true,
        vec![
            reader("vague_source", "critics say"),
            reader("vague_source", "critics say"),
            no.into(),
        ],
    );
    // Found, but the evidence lies elsewhere than the cue.
    gold += &item(
        "f",
        "Critics say the strike cost the city $40 million.",
        true,
        vec![
            reader("figure", "cost the city $40 million"),
            reader("figure", "$40 million"),
            no.into(),
        ],
    );
    // Missed.
    gold += &item(
        "m",
        "The council met on Tuesday to discuss parking.",
        true,
        vec![
            reader("other", "to discuss parking"),
            reader("other", "discuss parking"),
            no.into(),
        ],
    );
    gold += &item(
        "n",
        "The mayor said the plan would pass.",
        false,
        vec![no.into(), no.into(), no.into()],
    );
    let (o, v) = eval_json(&gold, "eval-kinds");
    assert_eq!(o.status.code(), Some(0));
    let task = &v[0]["tasks"][0];
    assert_eq!(task["task"], "unattributed");
    let kinds = &task["kinds"]["by_kind"];
    assert_eq!(kinds["vague_source"]["found"], 1);
    assert_eq!(kinds["other"]["items"], 1);
    assert_eq!(kinds["other"]["found"], 0);
    let k = &task["kinds"];
    assert_eq!(k["true_positives_with_cue"], 2);
    assert_eq!(k["cue_hits"], 1, "{k}");
    assert_eq!(k["cue_agreement"], 0.5);
    // Text output says the same in words.
    let dir = tempdir("eval-kinds-text");
    let path = dir.join("gold.jsonl");
    std::fs::write(&path, &gold).unwrap();
    let out = stdout(&run(&["eval", path.to_str().unwrap()]));
    assert!(
        out.contains("recall per kind") && out.contains("cue agreement"),
        "{out}"
    );
}

#[test]
fn cited_words_are_measured_against_annotated_spans() {
    // "reckless" is annotated; "slammed" is cited too but not annotated.
    let text = "The mayor slammed the reckless plan.";
    let start = text.find("reckless").unwrap();
    let gold = format!(
        "{{\"text\":\"{text}\",\"label_biased\":true,\"biased_spans\":[[{start},{}]]}}\n\
         {{\"text\":\"The council met on Tuesday.\",\"label_biased\":false,\"biased_spans\":[]}}\n",
        start + "reckless".len()
    );
    let (_, v) = eval_json(&gold, "eval-spans");
    let spans = &v[0]["tasks"][0]["spans"];
    assert_eq!(spans["tokens_tp"], 1, "{spans}");
    assert_eq!(spans["tokens_fn"], 0);
    assert!(spans["tokens_fp"].as_u64().unwrap() >= 1);
    assert_eq!(spans["true_positives_hit"], 1);
    assert_eq!(spans["hit_rate"], 1.0);
}
