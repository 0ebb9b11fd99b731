//! Bad input becomes error records naming the file and reason; the rest is scored.

use crate::util::*;

#[test]
fn every_bad_file_is_an_error_record_and_the_batch_goes_on() {
    let o = run(&["score", "--quiet", "tests/fixtures/bad"]);
    assert_eq!(o.status.code(), Some(1), "some inputs failed: exit 1");
    let recs = records(&o);
    let summary: Vec<(String, Option<u64>, Option<String>)> = recs
        .iter()
        .map(|r| {
            let path = r["path"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string();
            (
                path,
                r["line"].as_u64(),
                r["error"]["kind"].as_str().map(str::to_string),
            )
        })
        .collect();
    let want: Vec<(&str, Option<u64>, Option<&str>)> = vec![
        ("binary.txt", None, Some("binary")),
        ("bom.txt", None, None),
        ("broken.jsonl", None, None),
        ("broken.jsonl", Some(2), Some("invalid_json")),
        ("broken.jsonl", None, None),
        ("empty.txt", None, Some("empty")),
        ("latin1.txt", None, None),
        ("no-text.json", None, Some("missing_text")),
        ("nul-bytes.txt", None, Some("binary")),
        ("whitespace.txt", None, Some("empty")),
    ];
    let want: Vec<(String, Option<u64>, Option<String>)> = want
        .into_iter()
        .map(|(p, l, k)| (p.to_string(), l, k.map(str::to_string)))
        .collect();
    assert_eq!(summary, want);
    for r in recs.iter().filter(|r| r.get("error").is_some()) {
        assert!(!r["error"]["message"].as_str().unwrap().is_empty());
        assert_eq!(r["schema"], "slant/1");
    }
}

#[test]
fn errors_are_named_on_stderr() {
    let o = run(&[
        "score",
        "tests/fixtures/bad/empty.txt",
        "tests/fixtures/bad/bom.txt",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("empty.txt") && err.contains("empty"), "{err}");
}

#[test]
fn windows_1252_is_decoded_with_a_warning_not_mangled() {
    let o = run(&["score", "tests/fixtures/bad/latin1.txt"]);
    assert_eq!(o.status.code(), Some(0));
    let r = &records(&o)[0];
    assert!(r["title"].as_str().unwrap().contains("Café"));
    assert!(r["warnings"][0].as_str().unwrap().contains("Windows-1252"));
}

#[test]
fn bom_is_dropped() {
    let r = &records(&run(&["score", "tests/fixtures/bad/bom.txt"]))[0];
    assert_eq!(r["title"], "Ferry service restored");
}

#[test]
fn nothing_scored_is_exit_2_and_missing_path_is_an_error_record() {
    let o = run(&[
        "score",
        "--quiet",
        "tests/fixtures/bad/empty.txt",
        "no/such/path",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let recs = records(&o);
    assert_eq!(recs.len(), 2);
    assert!(recs.iter().any(|r| r["path"] == "no/such/path"));
    let usage = run(&["score"]);
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn no_panic_on_hostile_bytes_from_stdin() {
    let mut junk: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 24) as u8)
        .collect();
    junk.extend_from_slice("\u{201c}unclosed \"quote. Mr. ... ?! \u{2026}".as_bytes());
    for input in [
        &junk[..],
        b"",
        b"{\"text\": 5}\n{",
        "\u{201d}\u{201c}\u{2019}'\"".as_bytes(),
    ] {
        let o = run_stdin(&["score", "--quiet", "-"], input);
        assert!(
            matches!(o.status.code(), Some(0..=2)),
            "crashed: {:?}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(!String::from_utf8_lossy(&o.stderr).contains("panicked"));
    }
}
