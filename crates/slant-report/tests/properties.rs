//! A property test over hostile input, from bytes to every writer: JSONL articles whose fields
//! carry control characters, terminal escapes, bidirectional overrides, quotes, markup,
//! spreadsheet formula leads, odd Unicode and long lines go through ingest (`slant_ingest::parse`
//! as JSONL, and each text again as a plain-text file), segmentation, scoring, and every output:
//! JSONL, JSON, CSV, the HTML and Markdown reports (one file and a folder of pages) and every
//! form of a comparison. For every generated corpus:
//!
//! - nothing panics, and every input line comes out as one record (an article or an error);
//! - every sentence, quotation and piece of evidence slices the article text at its offsets;
//! - no CSV cell starts a formula or holds a control character, and the terminal views carry no
//!   control character (but line ends) and no bidirectional control;
//! - no HTML or Markdown output carries a bidirectional control or a tag from the input.
//!
//! The run is fixed: the same 40 cases from the same seed every time (`cargo test` runs it,
//! so CI does), in a few seconds.

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use slant_ingest::model::{ErrorInfo, ErrorRecord, Record, SCHEMA};
use slant_ingest::{parse, segment, Format, Origin};
use slant_report::analysis::compare::{CompareOptions, Comparison};
use slant_report::render::{csv, html, json, jsonl, markdown, terminal};
use slant_report::{Corpus, Meta, Renderer, ReportWriter};
use slant_score::Scorer;
use std::collections::BTreeMap;

/// Characters that have broken text tools: controls (C0, DEL, C1), escapes, bidirectional
/// embeddings, overrides and isolates, zero-width and byte-order marks, quotes of every kind,
/// markup and entities, formula leads, combining marks, astral symbols.
const HOSTILE: &[char] = &[
    '\0',
    '\u{1}',
    '\u{7}',
    '\u{8}',
    '\t',
    '\n',
    '\u{b}',
    '\u{c}',
    '\r',
    '\u{1b}',
    '\u{7f}',
    '\u{85}',
    '\u{9b}',
    '\u{202A}',
    '\u{202B}',
    '\u{202C}',
    '\u{202D}',
    '\u{202E}',
    '\u{2066}',
    '\u{2067}',
    '\u{2068}',
    '\u{2069}',
    '\u{200B}',
    '\u{200E}',
    '\u{200F}',
    '\u{FEFF}',
    '"',
    '\'',
    '\u{201C}',
    '\u{201D}',
    '\u{2018}',
    '\u{2019}',
    '\u{AB}',
    '\u{BB}',
    '<',
    '>',
    '&',
    '/',
    ';',
    '=',
    '+',
    '-',
    '@',
    '|',
    '`',
    '*',
    '_',
    '[',
    ']',
    '(',
    ')',
    '#',
    '!',
    '\\',
    ':',
    '.',
    ',',
    '?',
    '\u{301}',
    '\u{E9}',
    '\u{FFFD}',
    '\u{1F600}',
    '\u{10FFFF}',
];

/// Words the scorer reacts to, so evidence, quotes and attributions come out.
const WORDS: &[&str] = &[
    "The",
    "reckless",
    "regime",
    "slammed",
    "critics",
    "say",
    "officials",
    "said",
    "it",
    "is",
    "widely",
    "seen",
    "as",
    "a",
    "disaster",
    "Velmora",
    "port",
    "strike",
    "Anna",
    "Korvel",
    "12,000",
    "workers",
    "were",
    "condemned",
    "reportedly",
    "\u{201C}thugs\u{201D}",
    "\"so-called",
    "experts\"",
    "<script>alert(1)</script>",
    "=HYPERLINK(\"x\")",
    "@SUM(A1)",
    "+1",
    "-2",
];

fn hostile_string(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(HOSTILE),
            2 => prop::char::range('a', 'z'),
            1 => Just(' '),
        ],
        0..max,
    )
    .prop_map(|c| c.into_iter().collect())
}

fn sentence() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::sample::select(WORDS), 1..12),
        hostile_string(6),
        prop::sample::select(&[".", "!", "?", ".\u{201D}", "", "\n", "\n\n"][..]),
    )
        .prop_map(|(words, noise, end)| format!("{} {noise}{end}", words.join(" ")))
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::collection::vec(sentence(), 0..10).prop_map(|s| s.join(" ")),
        1 => hostile_string(400),
        // A long line: one sentence many times, no break.
        1 => (sentence(), 20..80usize).prop_map(|(s, n)| s.trim_end().repeat(n)),
    ]
}

/// One JSONL line: an article object with hostile fields, or a line that is not one.
fn line() -> impl Strategy<Value = String> {
    let field = || prop::option::of(hostile_string(24));
    prop_oneof![
        8 => (hostile_string(16), field(), field(), field(), field(), text()).prop_map(
            |(id, outlet, title, date, url, text)| {
                serde_json::json!({
                    "id": id, "outlet": outlet, "title": title, "date": date, "url": url, "text": text
                })
                .to_string()
            }
        ),
        1 => hostile_string(40).prop_map(|s| s.replace(['\n', '\r'], " ")),
    ]
}

/// Records from one JSONL file of `lines`, scored; and each article's text by its id.
fn records(scorer: &Scorer, lines: &[String]) -> (Vec<Record>, Vec<String>) {
    let bytes = lines.join("\n");
    let origin = Origin {
        path: "corpus.jsonl".into(),
        id: "corpus".into(),
        outlet: None,
    };
    let mut records = Vec::new();
    let mut texts = Vec::new();
    for item in parse(Format::Jsonl, bytes.as_bytes(), &origin) {
        match item {
            Ok(article) => {
                // The same text again as a plain-text file: decoding and front matter.
                let as_file = parse(Format::Text, article.text.as_bytes(), &origin);
                assert_eq!(as_file.len(), 1, "a text file is one input");
                texts.push(article.text.clone());
                records.push(Record::Article(Box::new(scorer.score(&segment(article)))));
            }
            Err(f) => records.push(Record::Error(ErrorRecord {
                schema: SCHEMA.into(),
                path: f.path.clone(),
                line: f.line,
                error: ErrorInfo {
                    kind: "invalid".into(),
                    message: f.to_string(),
                },
            })),
        }
    }
    (records, texts)
}

fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// RFC 4180 cells.
fn csv_cells(text: &str) -> Vec<String> {
    let mut cells = vec![];
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',' | '\n') => cells.push(std::mem::take(&mut cell)),
            (false, c) => cell.push(c),
        }
    }
    cells
}

fn check_csv(what: &str, out: &[u8]) {
    let text = std::str::from_utf8(out).expect("UTF-8 CSV");
    for cell in csv_cells(text) {
        let formula =
            cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && cell.parse::<f64>().is_err();
        assert!(!formula, "{what}: a formula cell {cell:?}");
        assert!(
            !cell.chars().any(char::is_control),
            "{what}: a control character in {cell:?}"
        );
    }
}

fn check_terminal(what: &str, out: &str) {
    let bad: Vec<char> = out
        .chars()
        .filter(|&c| (c.is_control() && c != '\n') || is_bidi(c))
        .collect();
    assert!(bad.is_empty(), "{what}: {bad:?}");
}

fn check_page(what: &str, out: &str) {
    assert!(!out.chars().any(is_bidi), "{what}: a bidi control");
    assert!(!out.contains("<script"), "{what}: a script tag");
    assert!(
        !out.chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t'),
        "{what}: a control character"
    );
}

fn single<R: Renderer>(renderer: R, records: &[Record]) -> (String, Corpus) {
    let mut out = Vec::new();
    let spool = std::io::Cursor::new(Vec::new());
    let mut w = ReportWriter::single_file(renderer, Meta::default(), &mut out, spool);
    records.iter().for_each(|r| w.add(r).unwrap());
    let corpus = w.finish().unwrap();
    (String::from_utf8(out).unwrap(), corpus)
}

fn folder<R: Renderer>(renderer: R, records: &[Record]) -> BTreeMap<String, Vec<u8>> {
    let mut pages = BTreeMap::new();
    let mut w = ReportWriter::folder(renderer, Meta::default(), &mut pages);
    records.iter().for_each(|r| w.add(r).unwrap());
    w.finish().unwrap();
    pages
}

fn check(scorer: &Scorer, lines: &[String]) {
    let (records, texts) = records(scorer, lines);
    assert_eq!(records.len(), lines.len(), "every line is a record");

    // Offsets slice the text.
    let articles: Vec<_> = records
        .iter()
        .filter_map(|r| match r {
            Record::Article(a) => Some(a),
            Record::Error(_) => None,
        })
        .collect();
    for (a, text) in articles.iter().zip(&texts) {
        for s in &a.sentences {
            assert_eq!(text.get(s.start..s.end), Some(s.text.as_str()));
            for e in s.loaded.evidence.iter().chain(&s.unattributed.evidence) {
                assert!(s.start <= e.start && e.end <= s.end, "evidence outside");
                assert_eq!(text.get(e.start..e.end), Some(e.text.as_str()));
            }
        }
        for q in &a.quotes {
            assert!(text.get(q.start..q.end).is_some(), "a quote off a boundary");
        }
    }

    // The contract, back and forth.
    let mut out = Vec::new();
    for r in &records {
        jsonl::write_record(&mut out, r).unwrap();
        // The field-by-field writer writes what serde_json writes.
        let mut fast = Vec::new();
        jsonl::encode(&mut fast, r);
        assert_eq!(fast, serde_json::to_vec(r).unwrap());
    }
    let back: Vec<Record> = jsonl::read_records(&out[..], "x.jsonl")
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(back, records);
    let mut array = json::ArrayWriter::new(Vec::new()).unwrap();
    for r in &records {
        array.write(r).unwrap();
    }
    let array = array.finish().unwrap();
    let parsed: serde_json::Value = serde_json::from_slice(&array).unwrap();
    assert_eq!(parsed.as_array().map(Vec::len), Some(records.len()));

    let mut out = Vec::new();
    csv::write_header(&mut out).unwrap();
    for r in &records {
        csv::write_record(&mut out, r).unwrap();
    }
    check_csv("records CSV", &out);

    // Reports: one file and a folder of pages, in both formats.
    let (text, corpus) = single(html::Html, &records);
    assert_eq!(corpus.articles.len() + corpus.failed.len(), records.len());
    check_page("HTML report", &text);
    check_page("Markdown report", &single(markdown::Markdown, &records).0);
    let pages = folder(html::Html, &records);
    let md_pages = folder(markdown::Markdown, &records);
    assert_eq!(pages.len(), md_pages.len());
    for (name, page) in pages.iter().chain(&md_pages) {
        assert!(
            name.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-./".contains(&b)),
            "page name {name:?}"
        );
        check_page(name, std::str::from_utf8(page).unwrap());
    }

    // A comparison in every form.
    let mut c = Comparison::new(CompareOptions {
        iterations: 50,
        ..CompareOptions::default()
    });
    for r in &records {
        c.add(r);
    }
    let report = c.finish();
    check_terminal("compare table", &terminal::render(&report));
    check_terminal("compare --stories", &terminal::render_stories(&report));
    check_page("compare HTML", &html::compare::render(&report));
    check_page("compare Markdown", &markdown::compare::render(&report));
    for stories in [false, true] {
        let mut out = Vec::new();
        csv::write_comparison(&mut out, &report, stories).unwrap();
        check_csv("compare CSV", &out);
    }
    let mut out = Vec::new();
    json::write_comparison(&mut out, &report).unwrap();
    serde_json::from_slice::<serde_json::Value>(&out).unwrap();
}

#[test]
fn hostile_corpora_through_every_step_and_writer() {
    let scorer = Scorer::builtin();
    let config = Config {
        cases: 40,
        failure_persistence: None,
        ..Config::default()
    };
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]);
    let mut runner = TestRunner::new_with_rng(config, rng);
    runner
        .run(&prop::collection::vec(line(), 1..6), |lines| {
            check(&scorer, &lines);
            Ok(())
        })
        .unwrap();
}
