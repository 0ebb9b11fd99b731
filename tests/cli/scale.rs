//! Scaling out (issue 10): stdin is scored as a stream, and `--shard K/N` splits a batch
//! into N processes whose outputs `report` and `compare` merge into the bytes of one run.

use crate::util::*;
use std::io::{BufRead, Write};
use std::path::Path;
use std::process::Stdio;

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn line(i: usize) -> String {
    let outlet = ["Wire", "Ledger", "Courier"][i % 3];
    serde_json::json!({
        "id": format!("a{i}"),
        "outlet": outlet,
        "text": format!("Critics slammed the reckless plan number {i}. Officials said talks resume."),
    })
    .to_string()
        + "\n"
}

#[test]
fn score_dash_is_a_filter_its_first_record_leaves_before_the_input_ends() {
    let mut child = slant()
        .args(["score", "-q", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(line(0).as_bytes()).unwrap();
    stdin.flush().unwrap();
    // stdin stays open: the record must come out anyway.
    let (tx, rx) = std::sync::mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        let mut first = String::new();
        let _ = std::io::BufReader::new(stdout).read_line(&mut first);
        let _ = tx.send(first);
    });
    let first = rx
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("the first record leaves while stdin is still open");
    let v: serde_json::Value = serde_json::from_str(&first).unwrap();
    assert_eq!(v["id"], "a0");
    stdin.write_all(line(1).as_bytes()).unwrap();
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

#[test]
fn a_reader_that_stops_early_ends_a_stream_quietly() {
    let mut child = slant()
        .args(["score", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // Like `cat big.jsonl | slant score - | head -1`: the writer goes on, the reader stops.
    let writer = std::thread::spawn(move || {
        for i in 0..200_000 {
            if stdin.write_all(line(i).as_bytes()).is_err() {
                return i;
            }
        }
        200_000
    });
    let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    drop(out);
    let o = child.wait_with_output().unwrap();
    let written = writer.join().unwrap();
    assert!(first.contains("\"id\":\"a0\""), "{first}");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
    assert!(
        written < 200_000,
        "slant stopped reading when its reader left"
    );
}

#[test]
fn scored_records_on_stdin_pass_through() {
    let sample = root().join("tests/corpus/sample");
    let scored = run(&["score", "-q", sample.to_str().unwrap()]);
    let again = run_stdin(&["score", "-q", "-"], &scored.stdout);
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(again.stdout, scored.stdout);
}

/// A corpus with folders, a multi-line JSONL file and a bad file.
fn corpus(d: &Path) -> std::path::PathBuf {
    let c = d.join("corpus");
    copy_tree(&root().join("tests/corpus/sample"), &c);
    let lines: String = (0..40).map(line).collect();
    std::fs::write(c.join("the-civic-wire/feed.jsonl"), lines + "{broken\n").unwrap();
    std::fs::write(c.join("harbor-ledger/empty.txt"), "").unwrap();
    c
}

fn records_of(bytes: &[u8]) -> Vec<serde_json::Value> {
    bytes
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect()
}

#[test]
fn shards_cover_every_input_once_and_merge_into_the_bytes_of_one_run() {
    let d = tempdir("shard");
    let c = corpus(&d);
    let parts = d.join("parts");
    std::fs::create_dir_all(&parts).unwrap();
    let whole = slant().args(["score", "-q"]).arg(&c).output().unwrap();
    assert_eq!(whole.status.code(), Some(1), "the bad inputs fail");
    let mut from_shards = Vec::new();
    for k in 1..=3 {
        let out = parts.join(format!("part-{k}.jsonl"));
        let o = slant()
            .args(["score", "-q", "--shard", &format!("{k}/3")])
            .arg(&c)
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        assert!(o.status.code().unwrap() <= 2, "{}", stderr(&o));
        let recs = records_of(&std::fs::read(&out).unwrap());
        assert!(!recs.is_empty(), "every slice gets some of the 59 inputs");
        from_shards.extend(recs);
    }
    // Every record exactly once: the same records as one run, once `input_order` is dropped.
    let key = |v: &serde_json::Value| {
        let mut v = v.clone();
        v.as_object_mut().unwrap().remove("input_order");
        v.to_string()
    };
    let mut a: Vec<String> = records_of(&whole.stdout).iter().map(key).collect();
    let mut b: Vec<String> = from_shards.iter().map(key).collect();
    a.sort();
    b.sort();
    assert_eq!(a.len(), 16 + 40 + 2);
    assert_eq!(b, a);

    // report and compare over the parts (a folder, or the files) give one run's bytes.
    let part_files: Vec<std::path::PathBuf> = (1..=3)
        .map(|k| parts.join(format!("part-{k}.jsonl")))
        .collect();
    for args in [
        vec!["compare", "--format", "json"],
        vec!["compare", "--format", "md", "--stories"],
    ] {
        let one = slant().args(&args).arg(&c).output().unwrap();
        let merged = slant().args(&args).arg(&parts).output().unwrap();
        assert_eq!(one.status.code(), Some(1));
        assert!(
            one.stdout == merged.stdout,
            "{args:?} over the folder of parts"
        );
        let listed = slant().args(&args).args(&part_files).output().unwrap();
        assert!(one.stdout == listed.stdout, "{args:?} over the part files");
    }
    for (name, extra) in [
        ("r.html", None),
        ("r.md", None),
        ("dir/", Some("index.html")),
    ] {
        let one = d.join(format!("one-{name}"));
        let merged = d.join(format!("merged-{name}"));
        for (inp, out) in [(&c, &one), (&parts, &merged)] {
            let o = slant()
                .args(["report", "-q"])
                .arg(inp)
                .arg("-o")
                .arg(out)
                .output()
                .unwrap();
            assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        }
        match extra {
            None => assert!(
                std::fs::read(&one).unwrap() == std::fs::read(&merged).unwrap(),
                "{name}"
            ),
            Some(_) => assert!(
                snapshot(&one)
                    .into_iter()
                    .map(|(p, b)| (p.strip_prefix(&one).unwrap().to_path_buf(), b))
                    .collect::<Vec<_>>()
                    == snapshot(&merged)
                        .into_iter()
                        .map(|(p, b)| (p.strip_prefix(&merged).unwrap().to_path_buf(), b))
                        .collect::<Vec<_>>(),
                "{name}"
            ),
        }
    }
}

#[test]
fn shard_usage_errors() {
    let sample = root().join("tests/corpus/sample");
    for bad in ["0/3", "4/3", "x"] {
        let o = run(&["score", "--shard", bad, sample.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
    }
    let o = run(&[
        "score",
        "--shard",
        "1/2",
        "--format",
        "csv",
        sample.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("JSONL"));
}
