//! Same input, same bytes out, whatever the thread count.

use crate::util::*;

fn score_with_threads(threads: &str, paths: &[&str]) -> Vec<u8> {
    let mut args = vec!["score", "--quiet"];
    args.extend_from_slice(paths);
    let o = slant()
        .env("RAYON_NUM_THREADS", threads)
        .args(&args)
        .output()
        .unwrap();
    assert!(o.status.code().unwrap() <= 1);
    o.stdout
}

#[test]
fn byte_identical_with_one_and_two_threads() {
    let basil = shared().join("corpus/dev/basil_articles");
    let paths = [
        "tests/corpus/sample",
        "tests/fixtures/bad",
        basil.to_str().unwrap(),
    ];
    let one = score_with_threads("1", &paths);
    let two = score_with_threads("2", &paths);
    assert!(one.len() > 100_000);
    assert!(one == two, "output differs between 1 and 2 threads");
}

#[test]
fn every_sentence_and_evidence_span_slices_its_text() {
    // Text formats keep the file's text as the article text after the title; check that the
    // offsets of every sentence and evidence span are consistent with the sentence text.
    let o = run(&["score", "--quiet", "tests/corpus/sample"]);
    for r in records(&o) {
        for s in r["sentences"].as_array().unwrap() {
            let text = s["text"].as_str().unwrap();
            let start = s["start"].as_u64().unwrap() as usize;
            assert_eq!(s["end"].as_u64().unwrap() as usize - start, text.len());
            for e in s["loaded"]["evidence"]
                .as_array()
                .unwrap()
                .iter()
                .chain(s["unattributed"]["evidence"].as_array().unwrap())
            {
                let (a, b) = (
                    e["start"].as_u64().unwrap() as usize - start,
                    e["end"].as_u64().unwrap() as usize - start,
                );
                assert_eq!(&text[a..b], e["text"].as_str().unwrap());
            }
        }
    }
}

#[test]
fn a_big_jsonl_file_read_in_blocks_scores_the_same() {
    // Files above SLANT_STREAM_JSONL_BYTES are read in blocks of 1,024 lines; with the
    // threshold at 0 this small file is streamed too. Lines cross two block boundaries, and
    // a bad line and blank lines sit among them; files around it keep their order.
    let dir = tempdir("stream-jsonl");
    let mut lines = String::new();
    for i in 0..2_500 {
        match i {
            700 => lines.push_str("{not json\n"),
            1_500 => lines.push_str("   \n"),
            _ => {
                let outlet = ["Harbor", "Dispatch"][i % 2];
                lines += &serde_json::json!({
                    "id": format!("a{i}"),
                    "outlet": outlet,
                    "text": format!("Critics say the reckless plan {i} was slammed by officials. The council met on Tuesday."),
                })
                .to_string();
                lines.push('\n');
            }
        }
    }
    let big = dir.join("big.jsonl");
    std::fs::write(&big, lines).unwrap();
    let paths = [
        "tests/corpus/sample/harbor-ledger",
        big.to_str().unwrap(),
        "tests/fixtures/bad",
    ];
    let score = |threshold: &str| {
        let mut args = vec!["score", "--quiet"];
        args.extend_from_slice(&paths);
        let o = slant()
            .env("SLANT_STREAM_JSONL_BYTES", threshold)
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(
            o.status.code(),
            Some(1),
            "a bad line and tests/fixtures/bad fail"
        );
        o
    };
    let whole = score("100000000");
    let streamed = score("0");
    assert!(
        whole.stdout == streamed.stdout,
        "streaming changed the output"
    );
    let recs = records(&streamed);
    let from_big: Vec<&serde_json::Value> = recs
        .iter()
        .filter(|r| r["path"].as_str().unwrap().ends_with("big.jsonl"))
        .collect();
    assert_eq!(from_big.len(), 2_499, "every non-blank line is a record");
    assert_eq!(from_big[700]["error"]["kind"], "invalid_json");
    assert_eq!(from_big[700]["line"], 701);
    assert_eq!(from_big[2_498]["id"], "a2499");
}
