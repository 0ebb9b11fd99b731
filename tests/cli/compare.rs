//! `slant compare`: outlets side by side, the same story across outlets, and the JSON contract.
//!
//! `basil_story_grouping_on_held_out_events` is also the evaluation of the story grouping:
//! `scripts/eval-stories` runs it and prints pairwise precision, recall and F1 on the tuning
//! half and on the held-out half of the BASIL events.

use crate::util::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn basil() -> PathBuf {
    shared().join("corpus/dev/basil_articles")
}

fn json_of(args: &[&str]) -> Value {
    let o = run(args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).expect("compare writes JSON")
}

/// Score `paths` into `dest` (slant/1 JSONL).
fn score_to(paths: &[&str], dest: &Path) {
    let mut args = vec!["score", "--quiet", "-o", dest.to_str().unwrap()];
    args.extend_from_slice(paths);
    let o = run(&args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// The AllSides folder scored once for every test that needs it (scoring 1,600 articles is
/// the slow part; comparing is quick).
fn scored_allsides() -> &'static Path {
    static SCORED: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    SCORED.get_or_init(|| {
        let file = tempdir("compare-allsides").join("allsides.jsonl");
        score_to(
            &[shared()
                .join("corpus/dev/allsides_articles")
                .to_str()
                .unwrap()],
            &file,
        );
        file
    })
}

#[test]
fn comparing_scored_jsonl_gives_the_same_json_as_comparing_folders() {
    same_json_from_jsonl_and_folders("compare-jsonl", &[]);
}

#[cfg(feature = "transformer")]
#[test]
fn with_embeddings_too_jsonl_and_folders_give_the_same_json() {
    same_json_from_jsonl_and_folders("compare-jsonl-embedding", &["--backend", "transformer"]);
}

fn same_json_from_jsonl_and_folders(name: &str, extra: &[&str]) {
    let dir = tempdir(name);
    let basil = basil();
    let paths = [basil.to_str().unwrap(), "tests/corpus/sample"];
    let scored = dir.join("scored.jsonl");
    score_to(&paths, &scored);
    let mut direct = vec!["compare", "--quiet", "--format", "json"];
    direct.extend_from_slice(extra);
    direct.extend_from_slice(&paths);
    let from_folders = run(&direct);
    let mut from_jsonl = vec!["compare", "--quiet", "--format", "json"];
    from_jsonl.extend_from_slice(extra);
    from_jsonl.push(scored.to_str().unwrap());
    let from_jsonl = run(&from_jsonl);
    assert_eq!(from_folders.status.code(), Some(0));
    assert_eq!(from_jsonl.status.code(), Some(0));
    assert!(from_folders.stdout.len() > 10_000);
    assert!(
        from_folders.stdout == from_jsonl.stdout,
        "JSONL and folders give different comparisons"
    );
    // Same input, same bytes.
    assert!(run(&direct).stdout == from_folders.stdout);
}

#[test]
fn json_contract_has_outlets_and_stories_with_paths_and_ids() {
    let v = json_of(&[
        "compare",
        "--quiet",
        "--format",
        "json",
        basil().to_str().unwrap(),
    ]);
    assert_eq!(v["schema"], "slant-compare/1");
    assert_eq!(v["by"], "outlet");
    let outlets = v["outlets"].as_array().unwrap();
    let names: Vec<&str> = outlets
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Fox_News", "HuffPost", "New_York_Times"]);
    for o in outlets {
        for m in ["loaded", "unattributed"] {
            let (rate, low, high) = (
                o[m]["rate"].as_f64().unwrap(),
                o[m]["low"].as_f64().unwrap(),
                o[m]["high"].as_f64().unwrap(),
            );
            assert!(low <= rate && rate <= high, "{m}: {low} {rate} {high}");
        }
        assert_eq!(o["articles"], 20);
        for kind in [
            "named",
            "anonymous",
            "document",
            "vague",
            "agentless_passive",
            "none",
        ] {
            assert!(o["attribution"][kind]["share"].is_f64(), "{kind}");
        }
        assert!(o["quoted_share"].is_f64());
    }
    let stories = v["stories"].as_array().unwrap();
    assert!(!stories.is_empty());
    for s in stories {
        let arts = s["articles"].as_array().unwrap();
        assert!(arts.len() >= 2);
        let outlets: BTreeSet<&str> = arts.iter().map(|a| a["outlet"].as_str().unwrap()).collect();
        assert_eq!(
            outlets.len(),
            arts.len(),
            "one article per outlet in a story"
        );
        for a in arts {
            assert!(a["path"].as_str().unwrap().ends_with(".txt"));
            assert!(!a["id"].as_str().unwrap().is_empty());
        }
    }
    for d in v["differences"].as_array().unwrap() {
        let text = d["text"].as_str().unwrap();
        assert!(
            text.contains(" more often than ") && text.ends_with(" per 100 sentences"),
            "{text}"
        );
        let (hi, lo) = (&d["higher_rate"], &d["lower_rate"]);
        assert!(
            hi["low"].as_f64().unwrap() > lo["high"].as_f64().unwrap(),
            "marked only where intervals separate"
        );
    }
}

#[test]
fn allsides_table_fits_a_100_column_terminal() {
    let allsides = scored_allsides().to_str().unwrap();
    let o = run(&["compare", "--quiet", allsides]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = stdout(&o);
    assert!(out.contains("1,600 articles, 16 outlets"), "{out}");
    for line in out.lines() {
        assert!(
            line.chars().count() <= 100,
            "{} columns: {line}",
            line.chars().count()
        );
    }
    for outlet in [
        "BBC_News",
        "Breitbart_News",
        "Washington_Times",
        "New_York_Times_-_News",
    ] {
        assert!(
            out.lines().any(|l| l.starts_with(outlet)),
            "{outlet} missing"
        );
    }
    let o = run(&["compare", "--quiet", "--stories", allsides]);
    let out = stdout(&o);
    assert!(out.contains("Story 1: "));
    assert!(out.lines().all(|l| l.chars().count() <= 100));
}

/// The BASIL event id of a path: the file name before the first `_`.
fn event(path: &str) -> String {
    Path::new(path)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .split('_')
        .next()
        .unwrap()
        .to_string()
}

/// Pairwise precision, recall and F1 of "same story" decisions against the event ids.
fn pairwise(stories: &Value, paths: &[String]) -> (f64, f64, f64) {
    let mut predicted = BTreeSet::new();
    for s in stories.as_array().unwrap() {
        let mut p: Vec<&str> = s["articles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["path"].as_str().unwrap())
            .collect();
        p.sort();
        for (i, a) in p.iter().enumerate() {
            for b in &p[i + 1..] {
                predicted.insert((a.to_string(), b.to_string()));
            }
        }
    }
    let mut sorted = paths.to_vec();
    sorted.sort();
    let mut gold = BTreeSet::new();
    for (i, a) in sorted.iter().enumerate() {
        for b in &sorted[i + 1..] {
            if event(a) == event(b) {
                gold.insert((a.clone(), b.clone()));
            }
        }
    }
    let tp = predicted.intersection(&gold).count() as f64;
    let p = if predicted.is_empty() {
        0.0
    } else {
        tp / predicted.len() as f64
    };
    let r = if gold.is_empty() {
        0.0
    } else {
        tp / gold.len() as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

#[test]
fn basil_story_grouping_on_held_out_events() {
    let f1s = basil_story_grouping("compare-basil", &[]);
    assert!(f1s[1] >= 0.9, "held-out F1 {:.3} < 0.9", f1s[1]);
    assert!(
        f1s[2] >= 0.8,
        "held-out F1 among distractors {:.3} < 0.8",
        f1s[2]
    );
}

/// With the transformer backend, stories are grouped by headline-and-lead embeddings mixed
/// with the TF-IDF cosine: the AllSides distractors no longer split held-out events.
#[cfg(feature = "transformer")]
#[test]
fn basil_story_grouping_by_embedding_on_held_out_events() {
    let f1s = basil_story_grouping("compare-basil-embedding", &["--backend", "transformer"]);
    assert!(f1s[1] >= 0.9, "held-out F1 {:.3} < 0.9", f1s[1]);
    assert!(
        f1s[2] >= 0.9,
        "held-out F1 among distractors {:.3} < 0.9",
        f1s[2]
    );
}

/// Pairwise F1 of the story grouping on the tuning half of the BASIL events, the held-out
/// half, and the held-out half among the 1,600 AllSides articles; `extra` goes to `compare`.
fn basil_story_grouping(name: &str, extra: &[&str]) -> Vec<f64> {
    // Score once, then split the records by event: events sorted by id, the first half is
    // the one the grouping was tuned on, the second half is held out. The grouping itself
    // never sees file names; only this evaluation reads them, for the gold standard.
    let dir = tempdir(name);
    let scored = dir.join("basil.jsonl");
    score_to(&[basil().to_str().unwrap()], &scored);
    let lines: Vec<String> = std::fs::read_to_string(&scored)
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    let path_of = |l: &str| {
        serde_json::from_str::<Value>(l).unwrap()["path"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let events: Vec<String> = lines
        .iter()
        .map(|l| event(&path_of(l)))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(events.len(), 20);
    let (tuning, held_out) = events.split_at(events.len() / 2);
    // A harder setting, reported but not tuned on: the held-out events among the 1,600
    // AllSides articles (other outlets, other years), which could pull articles away.
    let allsides = scored_allsides();
    let mut f1s = Vec::new();
    for (name, half, distractors) in [
        ("tuning", tuning, None),
        ("held-out", held_out, None),
        ("held-out", held_out, Some(allsides)),
    ] {
        let part: Vec<&String> = lines
            .iter()
            .filter(|l| half.contains(&event(&path_of(l))))
            .collect();
        let file = dir.join(format!("{name}.jsonl"));
        std::fs::write(
            &file,
            part.iter().map(|l| format!("{l}\n")).collect::<String>(),
        )
        .unwrap();
        let mut args = vec![
            "compare",
            "--quiet",
            "--stories",
            "--format",
            "json",
            file.to_str().unwrap(),
        ];
        args.extend(distractors.map(|d| d.to_str().unwrap()));
        args.extend(extra);
        let v = json_of(&args);
        let method = if extra.is_empty() {
            "terms"
        } else {
            "embedding"
        };
        assert_eq!(v["story_method"], method);
        let paths: Vec<String> = part.iter().map(|l| path_of(l)).collect();
        // Among the BASIL articles: a story that also holds AllSides articles still counts
        // for the BASIL pairs in it.
        let stories: Vec<Value> = v["stories"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| serde_json::json!({"articles": s["articles"].as_array().unwrap().iter().filter(|a| paths.contains(&a["path"].as_str().unwrap().to_string())).collect::<Vec<_>>()}))
            .collect();
        let (p, r, f) = pairwise(&Value::Array(stories), &paths);
        let with = if distractors.is_some() {
            " + 1,600 AllSides articles"
        } else {
            ""
        };
        println!("{method}: {name} half ({} events, {} articles){with}: pairwise precision {p:.3}, recall {r:.3}, F1 {f:.3}", half.len(), paths.len());
        f1s.push(f);
    }
    f1s
}

#[test]
fn html_markdown_and_csv_outputs() {
    let dir = tempdir("compare-formats");
    let basil = basil();
    for ext in ["html", "md", "csv", "json"] {
        let out = dir.join(format!("cmp.{ext}"));
        let o = run(&[
            "compare",
            "--quiet",
            basil.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{ext}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let text = std::fs::read_to_string(&out).unwrap();
        match ext {
            "html" => {
                assert!(
                    text.starts_with("<!DOCTYPE html>") && text.contains("Content-Security-Policy")
                );
                assert!(text.contains("<svg") && text.contains("Same story, different outlets"));
                assert!(!text.contains("<script"));
            }
            "md" => assert!(
                text.contains("## Same story, different outlets")
                    && text.contains("| Fox\\_News |")
            ),
            "csv" => {
                assert!(text.starts_with("outlet,articles,sentences") && text.lines().count() == 4)
            }
            _ => assert!(serde_json::from_str::<Value>(&text).is_ok()),
        }
    }
    let o = run(&[
        "compare",
        "--quiet",
        "--stories",
        "--format",
        "csv",
        basil.to_str().unwrap(),
    ]);
    assert!(stdout(&o).starts_with("story,label,similarity,outlet,id,path"));
}

#[test]
fn hostile_text_is_escaped_in_the_html_comparison() {
    let dir = tempdir("compare-hostile");
    let out = dir.join("hostile.html");
    let o = run(&[
        "compare",
        "--quiet",
        "tests/fixtures/hostile",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(
        o.status.code().unwrap() <= 1,
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(
        !html.to_lowercase().contains("<script"),
        "raw script in the page"
    );
    assert!(!html.contains("<img"), "raw markup in the page");
}

#[test]
fn by_field_and_usage_errors() {
    let v = json_of(&[
        "compare",
        "--quiet",
        "--by",
        "date",
        "--format",
        "json",
        "tests/corpus/sample",
    ]);
    assert_eq!(v["by"], "date");
    assert!(v["outlets"]
        .as_array()
        .unwrap()
        .iter()
        .any(|o| o["name"] == "2025-01-06"));
    let o = run(&[
        "compare",
        "--quiet",
        "--by",
        "colour",
        "tests/corpus/sample",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--by colour"));
}
