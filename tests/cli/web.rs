//! Saved web pages and web archives: a WARC of the dev pages scores the same sentences as the
//! pages themselves; a hostile page or a broken archive fails alone and the batch goes on.

use crate::util::*;
use std::io::Write;
use std::path::Path;

/// One WARC record (CRLF headers, the block, the two CRLFs that end a record).
fn record(kind: &str, target: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {target}\r\nWARC-Date: 2017-11-16T10:00:00Z\r\nContent-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn response(content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    r.extend_from_slice(body);
    r
}

/// A gzip member per record, as Common Crawl writes them.
fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn dev_pages() -> Vec<(String, Vec<u8>)> {
    let dir = shared().join("corpus/dev/html_pages");
    let mut pages: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("source.html").is_file())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(p.join("source.html")).unwrap())
        })
        .collect();
    pages.sort();
    pages
}

fn sentences(r: &serde_json::Value) -> Vec<String> {
    r["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_warc_of_saved_pages_scores_the_same_sentences_as_the_pages() {
    let dir = tempdir("warc-pages");
    let pages = dev_pages();
    let mut warc = gzip(&record("warcinfo", "", b"software: slant tests\r\n"));
    for (name, html) in &pages {
        std::fs::write(dir.join(format!("{name}.html")), html).unwrap();
        let url = format!("https://www.{name}.example/story");
        warc.extend(gzip(&record(
            "request",
            &url,
            b"GET /story HTTP/1.1\r\n\r\n",
        )));
        warc.extend(gzip(&record(
            "response",
            &url,
            &response("text/html", html),
        )));
        warc.extend(gzip(&record(
            "response",
            &format!("{url}.css"),
            &response("text/css", b"p{}"),
        )));
    }
    let archive = dir.join("archive").join("pages.warc.gz");
    std::fs::create_dir_all(archive.parent().unwrap()).unwrap();
    std::fs::write(&archive, &warc).unwrap();
    let html_out = run(&["score", "--quiet", dir.to_str().unwrap()]);
    let warc_out = run(&["score", "--quiet", archive.to_str().unwrap()]);
    assert_eq!(
        warc_out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&warc_out.stderr)
    );
    let from_html: Vec<_> = records(&html_out)
        .into_iter()
        .filter(|r| r["path"].as_str().unwrap().ends_with(".html"))
        .collect();
    let from_warc = records(&warc_out);
    assert_eq!(from_html.len(), pages.len());
    assert_eq!(
        from_warc.len(),
        pages.len(),
        "one article per HTML response"
    );
    let mut ids = std::collections::BTreeSet::new();
    for ((name, _), (h, w)) in pages.iter().zip(from_html.iter().zip(&from_warc)) {
        assert_eq!(sentences(h), sentences(w), "{name}");
        assert!(!sentences(w).is_empty(), "{name}");
        assert_eq!(
            w["url"],
            format!("https://www.{name}.example/story"),
            "{name}"
        );
        assert_eq!(w["title"], h["title"], "{name}");
        let path = w["path"].as_str().unwrap();
        assert!(
            path.starts_with(archive.to_str().unwrap()) && path.contains(".warc.gz#"),
            "{path}"
        );
        assert!(
            ids.insert(w["id"].as_str().unwrap().to_string()),
            "ids are distinct"
        );
    }
    // The records that are no article are counted, by reason, for each archive.
    let verbose = run(&["score", "--verbose", archive.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&verbose.stderr);
    let n = pages.len();
    assert!(
        err.contains(&format!(
            "pages.warc.gz: {} archive record(s) skipped: {n} non-HTML or non-2xx responses, {n} request records, 1 warcinfo records",
            2 * n + 1
        )),
        "{err}"
    );
    assert_eq!(verbose.stdout, warc_out.stdout);
    // Same bytes whatever the thread count.
    for threads in ["1", "3"] {
        let again = slant()
            .env("RAYON_NUM_THREADS", threads)
            .args(["score", "--quiet", archive.to_str().unwrap()])
            .output()
            .unwrap();
        assert_eq!(again.stdout, warc_out.stdout, "{threads} threads");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn hostile_pages_and_broken_archives_fail_alone() {
    let dir = tempdir("web-hostile");
    let pages = dev_pages();
    let (good_a, good_b) = (&pages[0].1, &pages[1].1);
    std::fs::write(dir.join("a-good.html"), good_a).unwrap();
    // 13,000 nested divs aborted the whole batch (stack overflow); a million took minutes.
    let deep = format!(
        "<html><body>{}<p>Buried text.</p></body></html>",
        "<div>".repeat(13_000)
    );
    std::fs::write(dir.join("b-deep.html"), deep).unwrap();
    let deeper = "<div>".repeat(1_000_000);
    std::fs::write(dir.join("c-deeper.html"), deeper).unwrap();
    // An archive cut short inside its second record's gzip member.
    let first = gzip(&record(
        "response",
        "https://a.example/1",
        &response("text/html; charset=utf-8", good_a),
    ));
    let second = gzip(&record(
        "response",
        "https://a.example/2",
        &response("text/html", good_b),
    ));
    let mut cut = first.clone();
    cut.extend_from_slice(&second[..second.len() / 2]);
    std::fs::write(dir.join("d-cut.warc.gz"), &cut).unwrap();
    // The same records uncompressed, cut inside the second body.
    let plain_first = record(
        "response",
        "https://a.example/1",
        &response("text/html", good_a),
    );
    let plain = [
        plain_first.clone(),
        record(
            "response",
            "https://a.example/2",
            &response("text/html", good_b),
        ),
    ]
    .concat();
    std::fs::write(dir.join("e-cut.warc"), &plain[..plain.len() - 500]).unwrap();
    std::fs::write(dir.join("f-good.html"), good_b).unwrap();
    let started = std::time::Instant::now();
    let o = run(&["score", "--quiet", dir.to_str().unwrap()]);
    assert!(started.elapsed().as_secs() < 60, "no minutes-long parse");
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let recs = records(&o);
    let name = |r: &serde_json::Value| {
        Path::new(r["path"].as_str().unwrap())
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned()
    };
    let summary: Vec<(String, bool)> = recs
        .iter()
        .map(|r| (name(r), r.get("error").is_some()))
        .collect();
    let want = [
        ("a-good.html", false),
        ("b-deep.html", true),
        ("c-deeper.html", true),
        ("d-cut.warc.gz#0", false),
        ("d-cut.warc.gz", true),
        ("e-cut.warc#0", false),
        ("e-cut.warc", true),
        ("f-good.html", false),
    ];
    let want: Vec<(String, bool)> = want.iter().map(|(n, e)| (n.to_string(), *e)).collect();
    assert_eq!(summary, want);
    for r in &recs[1..3] {
        let message = r["error"]["message"].as_str().unwrap();
        assert!(message.contains("nesting too deep"), "{message}");
    }
    let message = recs[4]["error"]["message"].as_str().unwrap();
    assert!(
        message.contains(&format!("WARC record at byte offset {}", first.len())),
        "{message}"
    );
    let message = recs[6]["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("truncated") && message.contains(&format!("offset {}", plain_first.len())),
        "{message}"
    );
    assert_eq!(sentences(&recs[0]), sentences(&recs[3]));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn outlets_from_hosts_with_aliases_from_slant_toml() {
    let dir = tempdir("web-outlets");
    let page = |site: &str| {
        let meta = if site.is_empty() {
            String::new()
        } else {
            format!("<meta property=\"og:site_name\" content=\"{site}\">")
        };
        format!(
            "<html><head>{meta}<title>Bridge</title></head><body><article><p>{}</p></article></body></html>",
            "The council voted to fund the bridge on Monday after a long debate. ".repeat(10)
        )
    };
    let warc = [
        record(
            "response",
            "https://www.nytimes.com/2024/bridge.html",
            &response("text/html", page("").as_bytes()),
        ),
        record(
            "response",
            "https://news.harbor-ledger.co.uk/bridge",
            &response("text/html", page("").as_bytes()),
        ),
        record(
            "response",
            "https://www.civic-wire.example.com/b",
            &response("text/html", page("").as_bytes()),
        ),
        record(
            "response",
            "https://www.nytimes.com/2024/other.html",
            &response("text/html", page("The Site Itself").as_bytes()),
        ),
    ]
    .concat();
    let outlet_dir = dir.join("folder-outlet");
    std::fs::create_dir_all(&outlet_dir).unwrap();
    std::fs::write(outlet_dir.join("crawl.warc"), warc).unwrap();
    std::fs::write(
        outlet_dir.join("articles.jsonl"),
        "{\"text\": \"The council voted.\", \"url\": \"https://edition.cnn.com/x\"}\n{\"text\": \"The council voted.\", \"url\": \"https://www.civic-wire.example.com/y\", \"outlet\": \"Given\"}\n{\"text\": \"No address here.\"}\n",
    )
    .unwrap();
    let config = dir.join("slant.toml");
    std::fs::write(&config, "[outlets]\n\"harbor-ledger.co.uk\" = \"Harbor Ledger\"\n\"www.civic-wire.example.com\" = \"Civic Wire\"\n").unwrap();
    let o = run(&[
        "score",
        "--quiet",
        "--config",
        config.to_str().unwrap(),
        dir.to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        outlets(&o),
        [
            "CNN",
            "Given",
            "folder-outlet",
            "New York Times",
            "Harbor Ledger",
            "Civic Wire",
            "The Site Itself"
        ]
    );
    // Without the config: slant's own table, else the registrable domain.
    let o = run(&["score", "--quiet", dir.to_str().unwrap()]);
    assert_eq!(
        outlets(&o),
        [
            "CNN",
            "Given",
            "folder-outlet",
            "New York Times",
            "harbor-ledger.co.uk",
            "example.com",
            "The Site Itself"
        ]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The outlet of each record, in order ("-" for none).
fn outlets(o: &std::process::Output) -> Vec<String> {
    records(o)
        .iter()
        .map(|r| r["outlet"].as_str().unwrap_or("-").to_string())
        .collect()
}
