//! The bundled sample corpus exercises every rule, and outlets come from folders or metadata.

use crate::util::*;
use std::collections::BTreeSet;

#[test]
fn sample_corpus_exercises_every_rule() {
    let o = run(&["score", "--quiet", "tests/corpus/sample"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let recs = records(&o);
    assert!(recs.len() >= 15);
    let mut fired = BTreeSet::new();
    let mut outlets = BTreeSet::new();
    for r in &recs {
        outlets.insert(r["outlet"].as_str().unwrap().to_string());
        for s in r["sentences"].as_array().unwrap() {
            for e in s["loaded"]["evidence"]
                .as_array()
                .unwrap()
                .iter()
                .chain(s["unattributed"]["evidence"].as_array().unwrap())
            {
                fired.insert(e["rule"].as_str().unwrap().to_string());
            }
        }
    }
    let rules = stdout(&run(&["rules"]));
    for code in rules.lines().map(|l| l.split_whitespace().next().unwrap()) {
        assert!(
            fired.contains(code),
            "rule {code} never fired on the sample corpus"
        );
    }
    assert_eq!(outlets.len(), 3, "{outlets:?}");
}

#[test]
fn csv_and_json_formats() {
    let o = run(&[
        "score",
        "--quiet",
        "--format",
        "csv",
        "tests/corpus/sample/harbor-ledger",
    ]);
    let out = stdout(&o);
    let header = out.lines().next().unwrap();
    assert!(header.starts_with("article_id,path,outlet"));
    assert!(out.lines().count() > 20);
    let o = run(&[
        "score",
        "--quiet",
        "--format",
        "json",
        "tests/corpus/sample/harbor-ledger",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 5);
}

#[test]
fn scored_jsonl_on_stdin_passes_through_unchanged() {
    let scored = run(&["score", "--quiet", "tests/corpus/sample/harbor-ledger"]);
    let again = run_stdin(&["score", "--quiet", "-"], &scored.stdout);
    assert_eq!(again.status.code(), Some(0));
    assert!(again.stdout == scored.stdout);
    let broken = run_stdin(&["score", "--quiet", "-"], b"{\"schema\":\"slant/1\",\"path\":\"x\",\"error\":{\"kind\":\"k\",\"message\":\"m\"}}\nnot json\n");
    let recs = records(&broken);
    assert_eq!(recs[1]["error"]["kind"], "invalid_record");
    assert_eq!(recs[1]["line"], 2);
}
