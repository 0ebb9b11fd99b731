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
