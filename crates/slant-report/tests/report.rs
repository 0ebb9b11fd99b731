//! The framing-report writers (HTML, Markdown, CSV) on one shared fixture corpus, as snapshot
//! tests, plus hostile-input tests of the escaping.
//!
//! `tests/fixtures/corpus.jsonl` is `slant score` output for three articles on one story from
//! the sample corpus (three outlets), one article of the hostile fixture and
//! `tests/fixtures/bad/broken.jsonl` (two articles and an error record). It is stored data,
//! not regenerated, so tuning the scorer does not change these snapshots.
//!
//! Snapshots live in `tests/snapshots/`. A test whose output differs writes `NAME.new` beside
//! the snapshot and fails; run with `UPDATE_SNAPSHOTS=1` to accept new output. The rules table
//! of the methods note comes from `slant-score`'s catalogue and is left out of the snapshots.

use slant_ingest::model::{
    Attribution, AttributionKind, ErrorInfo, ErrorRecord, Evidence, LoadedScore, Record,
    ScoredArticle, ScoredSentence, Span, Summary, UnattributedScore, Voice, SCHEMA,
};
use slant_report::{
    csv, html::Html, jsonl, markdown::Markdown, Meta, PageSink, Renderer, ReportError, ReportWriter,
};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::rc::Rc;

fn meta() -> Meta {
    Meta {
        slant_version: "0.0.0-test".into(),
        lexicon_version: "test.toml@1".into(),
        command: "slant report tests/fixtures/corpus.jsonl -o report.html".into(),
        ..Meta::default()
    }
}

fn fixture() -> Vec<Record> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus.jsonl");
    let file = std::fs::File::open(&path).expect("fixture corpus");
    jsonl::read_records(std::io::BufReader::new(file), "corpus.jsonl")
        .map(|r| r.expect("slant/1 record"))
        .collect()
}

fn single<R: Renderer>(renderer: R, records: &[Record]) -> String {
    let mut out = Vec::new();
    let mut w = ReportWriter::single_file(renderer, meta(), &mut out, Cursor::new(Vec::new()));
    for r in records {
        w.add(r).unwrap();
    }
    w.finish().unwrap();
    String::from_utf8(out).expect("UTF-8 report")
}

fn folder<R: Renderer>(renderer: R, records: &[Record]) -> BTreeMap<String, String> {
    let mut pages: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut w = ReportWriter::folder(renderer, meta(), &mut pages);
    for r in records {
        w.add(r).unwrap();
    }
    w.finish().unwrap();
    pages
        .into_iter()
        .map(|(k, v)| (k, String::from_utf8(v).unwrap()))
        .collect()
}

/// Leave out the part of the methods note that lists `slant-score`'s rules.
fn redact_rules(s: &str) -> String {
    let cut = |s: &str, from: &str, to: &str| -> String {
        match s.find(from) {
            Some(a) => {
                let b = s[a..].find(to).map(|b| a + b + to.len()).unwrap_or(s.len());
                format!("{}[rules table]{}", &s[..a], &s[b..])
            }
            None => s.to_string(),
        }
    };
    let s = cut(s, "<h3 class=\"sub\">Rules</h3>", "</table>\n");
    cut(&s, "| Code | Rule | Flags |", "\n\n")
}

fn snapshot(name: &str, actual: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let path = dir.join(name);
    let actual = redact_rules(actual);
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    if update || !path.exists() {
        assert!(
            update || std::env::var("CI").as_deref() != Ok("true"),
            "snapshot {} is missing",
            path.display()
        );
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap();
    if expected != actual {
        let new = PathBuf::from(format!("{}.new", path.display()));
        std::fs::write(&new, &actual).unwrap();
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        panic!(
            "snapshot {name} differs at line {}:\n  expected: {}\n  actual:   {}\nnew output in {} (UPDATE_SNAPSHOTS=1 accepts it)",
            line + 1,
            expected.lines().nth(line).unwrap_or(""),
            actual.lines().nth(line).unwrap_or(""),
            new.display()
        );
    }
}

// ---------------------------------------------------------------------------------------------
// A small HTML checker: the writers emit well-formed markup, and every tag in it is one of
// theirs. Escaped article text holds no raw `<`, so each `<` starts a tag the writer wrote.
// ---------------------------------------------------------------------------------------------

const OWN_TAGS: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "div",
    "header",
    "h1",
    "h2",
    "h3",
    "p",
    "nav",
    "a",
    "section",
    "figure",
    "figcaption",
    "svg",
    "rect",
    "text",
    "tspan",
    "line",
    "g",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "ol",
    "ul",
    "li",
    "span",
    "mark",
    "sup",
    "code",
    "b",
    "i",
    "small",
    "article",
    "footer",
    "dl",
    "dt",
    "dd",
];
const VOID: &[&str] = &["meta"];

struct Tag<'a> {
    name: &'a str,
    closing: bool,
    self_closing: bool,
    attrs: Vec<(&'a str, &'a str)>,
}

fn tags(html: &str) -> Vec<Tag<'_>> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if rest.starts_with("!DOCTYPE") {
            continue;
        }
        let end = rest.find('>').expect("tag closes");
        let body = &rest[..end];
        rest = &rest[end + 1..];
        let closing = body.starts_with('/');
        let body = body.trim_start_matches('/');
        let self_closing = body.ends_with('/');
        let body = body.trim_end_matches('/');
        let name_end = body.find([' ', '\n']).unwrap_or(body.len());
        let name = &body[..name_end];
        let mut attrs = Vec::new();
        let mut a = body[name_end..].trim_start();
        while !a.is_empty() {
            let eq = a.find('=').expect("attribute has a value");
            let key = a[..eq].trim();
            assert!(
                a[eq + 1..].starts_with('"'),
                "attribute {key} is quoted in <{body}>"
            );
            let v = &a[eq + 2..];
            let close = v.find('"').expect("attribute value closes");
            attrs.push((key, &v[..close]));
            a = v[close + 1..].trim_start();
        }
        if name == "style" && !closing {
            // Skip the style sheet's text.
            let end = rest.find("</style>").expect("style closes");
            rest = &rest[end..];
        }
        out.push(Tag {
            name,
            closing,
            self_closing,
            attrs,
        });
    }
    out
}

/// Panics unless `html` is balanced, uses only the writer's own tags and carries no event
/// handler, script URL or outside reference.
fn check_html(page: &str, html: &str) {
    let mut stack: Vec<&str> = Vec::new();
    for t in tags(html) {
        assert!(
            OWN_TAGS.contains(&t.name),
            "{page}: unexpected <{}>",
            t.name
        );
        for (k, v) in &t.attrs {
            assert!(
                !k.to_ascii_lowercase().starts_with("on"),
                "{page}: event handler {k}={v}"
            );
            assert!(
                !v.contains('<') && !v.contains('"'),
                "{page}: raw markup in {k}={v}"
            );
            if *k == "href" {
                assert!(
                    v.starts_with('#')
                        || v.starts_with("articles/")
                        || v.starts_with("outlets/")
                        || v.starts_with("../")
                        || v.starts_with("index."),
                    "{page}: href to {v}"
                );
            }
            assert!(
                !matches!(*k, "src" | "srcset" | "action" | "formaction" | "style"),
                "{page}: attribute {k}"
            );
        }
        if t.closing {
            assert_eq!(
                stack.pop(),
                Some(t.name),
                "{page}: </{}> closes the wrong element",
                t.name
            );
        } else if !t.self_closing && !VOID.contains(&t.name) {
            stack.push(t.name);
        }
    }
    assert!(stack.is_empty(), "{page}: unclosed {stack:?}");
    assert_eq!(
        html.matches("<style>").count(),
        1,
        "{page}: one style sheet"
    );
    assert!(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"), "{page}: CSP");
}

#[test]
fn html_single_file_snapshot() {
    let html = single(Html, &fixture());
    check_html("report.html", &html);
    snapshot("report.html", &html);
}

#[test]
fn markdown_single_file_snapshot() {
    snapshot("report.md", &single(Markdown, &fixture()));
}

#[test]
fn csv_snapshot() {
    let mut out = Vec::new();
    csv::write_header(&mut out).unwrap();
    for r in fixture() {
        csv::write_record(&mut out, &r).unwrap();
    }
    snapshot("report.csv", &String::from_utf8(out).unwrap());
}

#[test]
fn html_folder_snapshot() {
    let pages = folder(Html, &fixture());
    let names: Vec<&str> = pages.keys().map(String::as_str).collect();
    snapshot("folder-pages.txt", &(names.join("\n") + "\n"));
    for (name, html) in &pages {
        check_html(name, html);
    }
    // The index and outlet pages reuse the single file's sections; one article page shows
    // the page frame.
    let article = pages
        .keys()
        .find(|k| k.starts_with("articles/00003-"))
        .unwrap();
    snapshot("folder-article.html", &pages[article]);
}

#[test]
fn markdown_folder_has_the_same_pages() {
    let html: Vec<String> = folder(Html, &fixture())
        .into_keys()
        .map(|k| k.trim_end_matches(".html").to_string())
        .collect();
    let md: Vec<String> = folder(Markdown, &fixture())
        .into_keys()
        .map(|k| k.trim_end_matches(".md").to_string())
        .collect();
    assert_eq!(html, md);
}

#[test]
fn same_records_same_bytes() {
    let records = fixture();
    assert_eq!(single(Html, &records), single(Html, &records));
    assert_eq!(single(Markdown, &records), single(Markdown, &records));
    assert_eq!(folder(Html, &records), folder(Html, &records));
}

#[test]
fn every_evidence_word_is_highlighted_with_its_rule() {
    let records = fixture();
    let html = single(Html, &records);
    let titles: Vec<&str> = html
        .split("<mark class=\"hl ")
        .skip(1)
        .filter_map(|m| {
            m.split_once("title=\"")
                .map(|(_, t)| &t[..t.find('"').unwrap()])
        })
        .collect();
    for r in &records {
        let Record::Article(a) = r else { continue };
        for s in &a.sentences {
            for e in s.loaded.evidence.iter().chain(&s.unattributed.evidence) {
                let escaped = slant_report::escape::html(&e.text);
                assert!(
                    html.contains(&format!("{escaped}</mark>"))
                        || html.contains(&format!("\">{escaped}")),
                    "{} not highlighted",
                    e.text
                );
                assert!(
                    titles
                        .iter()
                        .any(|t| t.contains(e.rule.as_ref()) && t.contains(" \u{b7} ")),
                    "rule {} not in a title",
                    e.rule
                );
            }
        }
    }
    // The error record is listed with its file and line.
    assert!(html.contains("<section id=\"failed\">"));
    assert!(html.contains(
        "tests/fixtures/bad/broken.jsonl</code></td><td class=\"num\">2</td><td>invalid_json</td>"
    ));
}

#[test]
fn markdown_sets_evidence_in_bold_with_reasons() {
    let md = single(Markdown, &fixture());
    assert!(md.contains("## Most loaded sentences"));
    assert!(md.contains("| Outlet | Articles |"));
    assert!(md.contains("**thugs**"), "evidence in bold");
    assert!(md.contains("(LL005, weight"), "rule and weight given");
    assert!(
        md.contains("&lt;script&gt;alert\\(1\\)&lt;/script&gt;"),
        "hostile outlet escaped"
    );
    assert!(!md.contains("<script"));
}

// ---------------------------------------------------------------------------------------------
// Hostile input built in code: payloads in every field, offsets that split characters or run
// past the sentence, unknown categories and rule codes.
// ---------------------------------------------------------------------------------------------

const PAYLOADS: &[&str] = &[
    "<script>document.title='PWNED'</script>",
    "\"><img src=x onerror=alert(2)>",
    "' onmouseover='alert(4)",
    "</style><style>body{display:none}</style>",
    "<a href=\"javascript:alert(3)\">x</a>",
    "</script><script>window.pwned=1</script><!--",
    "<iframe src=\"http://example.invalid/\"></iframe>",
    "[link](javascript:alert(1)) ![img](http://example.invalid/x.png) `code` *em* _em_ | pipe",
];

fn ev(text: &str, base: usize, word: &str, category: &str, rule: &str) -> Evidence {
    let at = base + text.find(word).unwrap();
    Evidence {
        start: at,
        end: at + word.len(),
        text: word.into(),
        category: category.to_string().into(),
        weight: 0.6,
        rule: rule.to_string().into(),
        entry: None,
        quoted: false,
        note: PAYLOADS[1].into(),
        kind: None,
    }
}

fn hostile_article() -> ScoredArticle {
    let p = PAYLOADS.join(" ");
    let t0 = format!("The reckless {p} regime \u{e9}t\u{e9} & co.");
    let t1 = format!("\u{201c}Thugs {} did it,\u{201d} she said.", PAYLOADS[0]);
    let s1_start = t0.len() + 1;
    let mut broken = ev(&t0, 0, "\u{e9}t\u{e9}", "intensifier", "LL001");
    broken.start += 1; // inside the two-byte é: listed, never sliced
    let mut past_end = ev(&t0, 0, "co.", "label", "LL005");
    past_end.end += 50;
    let sentences = vec![
        ScoredSentence {
            index: 0,
            start: 0,
            end: t0.len(),
            paragraph: 0,
            text: t0.clone(),
            voice: Voice::Author,
            loaded: LoadedScore {
                score: 0.9,
                flagged: true,
                evidence: vec![
                    ev(&t0, 0, "reckless", "intensifier", "LL001"),
                    // A span that starts inside a payload: escaping happens after slicing.
                    ev(&t0, 0, "<scr", "</style><script>x</script>", "\"><b>"),
                    ev(&t0, 0, "& co", "emotional", "LL001"),
                    broken,
                    past_end,
                ],
                model_probability: None,
            },
            attribution: Attribution {
                kind: AttributionKind::Vague,
                source: Some(PAYLOADS[2].into()),
                cue: None,
            },
            unattributed: UnattributedScore {
                score: 0.7,
                flagged: true,
                reasons: vec![PAYLOADS[4].into(), "vague_source".into()],
                evidence: vec![ev(&t0, 0, "regime", "vague_source", "UA001")],
                model_probability: None,
            },
        },
        ScoredSentence {
            index: 1,
            start: s1_start,
            end: s1_start + t1.len(),
            paragraph: 1,
            text: t1.clone(),
            voice: Voice::Quoted,
            loaded: LoadedScore {
                score: 0.2,
                flagged: false,
                evidence: vec![Evidence {
                    quoted: true,
                    ..ev(&t1, s1_start, "Thugs", "label", "LL005")
                }],
                model_probability: None,
            },
            attribution: Attribution {
                kind: AttributionKind::Named,
                source: Some(PAYLOADS[0].into()),
                cue: Some("said".into()),
            },
            unattributed: UnattributedScore {
                score: 0.0,
                flagged: false,
                reasons: vec![],
                evidence: vec![],
                model_probability: None,
            },
        },
    ];
    ScoredArticle {
        schema: SCHEMA.into(),
        id: format!("../../etc/passwd {}", PAYLOADS[1]),
        path: format!("x/{}.txt", PAYLOADS[0]),
        outlet: Some(PAYLOADS[3].into()),
        title: Some(PAYLOADS.join(" ")),
        date: Some(PAYLOADS[5].into()),
        url: Some("javascript:alert(6)".into()),
        author: None,
        quotes: vec![Span::new(
            s1_start,
            s1_start + t1.find('\u{201d}').unwrap() + 3,
        )],
        text_len: s1_start + t1.len(),
        summary: Summary {
            sentences: 2,
            loaded_flagged: 1,
            unattributed_flagged: 1,
            author_sentences: 1,
            loaded_rate: 100.0,
            unattributed_rate: 100.0,
            naming: vec![slant_ingest::model::NamingUse {
                set: PAYLOADS[6].into(),
                terms: [(PAYLOADS[7].to_string(), 1)].into_iter().collect(),
            }],
        },
        warnings: vec![PAYLOADS[6].into()],
        sentences,
    }
}

fn hostile_records() -> Vec<Record> {
    vec![
        Record::Article(Box::new(hostile_article())),
        Record::Error(ErrorRecord {
            schema: SCHEMA.into(),
            path: PAYLOADS[0].into(),
            line: Some(3),
            error: ErrorInfo {
                kind: PAYLOADS[1].into(),
                message: PAYLOADS[4].into(),
            },
        }),
    ]
}

#[test]
fn hostile_fields_stay_text_in_html() {
    let records = hostile_records();
    let html = single(Html, &records);
    check_html("hostile single", &html);
    assert!(html.contains("&lt;script&gt;document.title=&#39;PWNED&#39;&lt;/script&gt;"));
    assert!(html.contains("&lt;/style&gt;&lt;style&gt;body{display:none}&lt;/style&gt;"));
    assert!(
        html.contains("<code>javascript:alert(6)</code>"),
        "the URL is shown as text"
    );
    // The span that starts inside "<script" is highlighted without splitting the escape.
    assert!(
        html.contains("\">&lt;scr</mark>ipt&gt;"),
        "highlight after escaping"
    );
    assert!(!html.contains("&</mark>lt;") && !html.contains("&l</mark>"));
    // An unknown category gets the neutral style, never its own class.
    assert!(html.contains("class=\"hl c-other\""));
    for (name, page) in folder(Html, &records) {
        check_html(&name, &page);
        assert!(!name.contains(".."), "{name}");
        assert!(
            name.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-./".contains(&b)),
            "{name}"
        );
    }
}

/// Raw `<` outside code spans and backslash escapes, as a CommonMark parser sees the text.
fn raw_angles_outside_code(line: &str) -> Vec<usize> {
    let b = line.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'`' => {
                let n = b[i..].iter().take_while(|&&c| c == b'`').count();
                let fence = "`".repeat(n);
                // The span ends at the next run of exactly n backticks.
                let mut j = i + n;
                let mut end = None;
                while let Some(k) = line[j..].find(&fence) {
                    let at = j + k;
                    let run = b[at..].iter().take_while(|&&c| c == b'`').count();
                    if run == n {
                        end = Some(at + n);
                        break;
                    }
                    j = at + run;
                }
                i = end.unwrap_or(i + n);
            }
            b'<' => {
                found.push(i);
                i += 1;
            }
            _ => i += 1,
        }
    }
    found
}

#[test]
fn hostile_fields_stay_text_in_markdown() {
    let md = single(Markdown, &hostile_records());
    for line in md.lines() {
        // The writer's own anchors are the only raw HTML.
        let line = line.replace("<a id=\"a1\"></a>", "");
        assert!(
            raw_angles_outside_code(&line).is_empty(),
            "raw < in: {line}"
        );
    }
    assert_eq!(
        raw_angles_outside_code("a `<b>` \\<c ``x`<y`` <z"),
        vec![21]
    );
    // No link or image syntax survives from article text: every link target is the writer's.
    let mut rest = md.as_str();
    while let Some(i) = rest.find("](") {
        let target = &rest[i + 2..];
        assert!(
            target.starts_with('#'),
            "link to {}",
            &target[..target.len().min(30)]
        );
        rest = &rest[i + 2..];
    }
    assert!(md.contains("\\[link\\]\\(javascript:alert\\(1\\)\\)"));
    assert!(md.contains("\\!\\[img\\]\\(http\\://example.invalid/x.png\\)"));
    assert!(md.contains("`javascript:alert(6)`"));
}

/// A sink that shares its pages, to watch them arrive.
#[derive(Clone, Default)]
struct Shared(Rc<RefCell<BTreeMap<String, Vec<u8>>>>);

impl PageSink for Shared {
    fn write_page(&mut self, path: &str, content: &[u8]) -> Result<(), ReportError> {
        self.0.borrow_mut().insert(path.into(), content.to_vec());
        Ok(())
    }
}

#[test]
fn article_pages_are_written_as_records_arrive() {
    let records = fixture();
    let sink = Shared::default();
    let mut w = ReportWriter::folder(Html, meta(), sink.clone());
    w.add(&records[0]).unwrap();
    assert_eq!(
        sink.0.borrow().len(),
        1,
        "the first article's page is written at once"
    );
    for r in &records[1..] {
        w.add(r).unwrap();
    }
    assert!(!sink.0.borrow().contains_key("index.html"));
    let corpus = w.finish().unwrap();
    assert_eq!(corpus.articles.len(), 6);
    assert_eq!(corpus.failed.len(), 1);
    assert!(sink.0.borrow().contains_key("index.html"));
}
