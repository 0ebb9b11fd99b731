//! `slant report`: HTML, Markdown, CSV and folder reports from article folders or scored JSONL;
//! deterministic bytes; hostile article text that stays text, proven in headless chromium.

use crate::util::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn ok_or_partial(o: &Output) {
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "exit {:?}: {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Report `inputs` into `out` (relative to `dir`, which is also the working directory, so the
/// command line written into the report is the same wherever the test runs).
fn report_in(dir: &Path, inputs: &[&Path], out: &str, extra: &[&str]) -> Output {
    let mut c = slant();
    c.current_dir(dir).arg("report");
    for i in inputs {
        c.arg(i);
    }
    c.args(["-o", out, "--quiet"]).args(extra);
    c.output().expect("run slant report")
}

fn sample() -> PathBuf {
    root().join("tests/corpus/sample")
}

fn hostile() -> PathBuf {
    root().join("tests/fixtures/hostile")
}

/// Leave out the methods note's command line (it names the inputs, which differ on purpose).
fn without_command(html: &str) -> String {
    html.lines()
        .filter(|l| !l.contains("<dt>Command line</dt>"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn html_report_has_every_section_and_lists_failed_inputs() {
    let dir = tempdir("report-sections");
    let o = report_in(
        &dir,
        &[&sample(), &root().join("tests/fixtures/bad")],
        "report.html",
        &[],
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "some inputs failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let html = read(&dir.join("report.html"));
    for id in [
        "overview",
        "most-loaded",
        "most-unattributed",
        "articles",
        "failed",
        "methods",
    ] {
        assert!(
            html.contains(&format!("<section id=\"{id}\"")),
            "section {id}"
        );
    }
    assert!(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"));
    assert!(
        html.contains("<svg class=\"chart\""),
        "charts are inline SVG"
    );
    for outlet in ["harbor-ledger", "northern-dispatch", "the-civic-wire"] {
        assert!(
            html.contains(&format!("<title>{outlet}</title>")),
            "{outlet} in the rate chart"
        );
    }
    // 16 sample articles; of tests/fixtures/bad, bom.txt, latin1.txt and two lines of broken.jsonl.
    assert_eq!(
        html.matches("<article class=\"art\"").count(),
        16 + 4,
        "every article"
    );
    assert!(html.contains("broken.jsonl</code></td><td class=\"num\">2</td><td>invalid_json</td>"));
    assert!(html.contains("empty.txt"));
    // Nothing is fetched: no script, no external reference (article URLs are shown as text).
    for bad in [
        "<script", "<link", "<img", "<iframe", "src=", "=\"http", "url(", "@import",
    ] {
        assert!(!html.contains(bad), "{bad} in the report");
    }
    assert!(html.contains("url <code>https://harbor-ledger.example/"));
    // The methods note names the thresholds, lexicon version, slant version and command.
    assert!(html.contains("loaded \u{2265} 0.35"));
    let lexicons = &html[html
        .find("<dt>Lexicons</dt><dd><code>")
        .expect("lexicon version")..];
    assert!(
        lexicons[..lexicons.find("</code>").unwrap()].contains("intensifiers@"),
        "lexicon version"
    );
    assert!(html.contains(&format!(
        "<dt>slant version</dt><dd>{}</dd>",
        env!("CARGO_PKG_VERSION")
    )));
    assert!(html.contains("<dt>Command line</dt><dd><code>slant report "));
    assert!(
        !html.contains("<dt>Generated</dt>"),
        "no timestamp without --timestamp"
    );
}

#[test]
fn same_input_same_bytes_whatever_the_thread_count() {
    let inputs = [sample(), root().join("tests/fixtures/bad"), hostile()];
    let inputs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
    let mut outputs = Vec::new();
    for threads in ["1", "4"] {
        let dir = tempdir(&format!("report-determinism-{threads}"));
        for out in ["report.html", "report.md", "site/"] {
            let mut c = slant();
            c.current_dir(&dir)
                .env("RAYON_NUM_THREADS", threads)
                .arg("report")
                .args(&inputs)
                .args(["-o", out, "--quiet"]);
            ok_or_partial(&c.output().unwrap());
        }
        let mut files = Vec::new();
        for name in ["report.html", "report.md", "site/index.html"] {
            files.push(std::fs::read(dir.join(name)).unwrap());
        }
        let mut pages: Vec<PathBuf> = std::fs::read_dir(dir.join("site/articles"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        pages.sort();
        for p in pages {
            files.push(std::fs::read(p).unwrap());
        }
        outputs.push(files);
    }
    assert!(outputs[0].len() > 20);
    assert!(
        outputs[0] == outputs[1],
        "reports differ between 1 and 4 threads"
    );
}

#[test]
fn timestamp_only_when_asked() {
    let dir = tempdir("report-timestamp");
    ok_or_partial(&report_in(
        &dir,
        &[&root().join("tests/corpus/sample/harbor-ledger")],
        "r.html",
        &["--timestamp"],
    ));
    let html = read(&dir.join("r.html"));
    let at = html
        .find("<dt>Generated</dt><dd>")
        .expect("timestamp shown")
        + "<dt>Generated</dt><dd>".len();
    assert!(
        html[at..].starts_with("20") && html[at..at + 20].ends_with('Z'),
        "{}",
        &html[at..at + 20]
    );
}

#[test]
fn report_from_scored_jsonl_matches_report_from_folders() {
    let dir = tempdir("report-jsonl");
    let scored = dir.join("scored.jsonl");
    let o = run(&[
        "score",
        "--quiet",
        "tests/corpus/sample",
        "-o",
        scored.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let from_jsonl = dir.join("jsonl");
    let from_folder = dir.join("folder");
    std::fs::create_dir_all(&from_jsonl).unwrap();
    std::fs::create_dir_all(&from_folder).unwrap();
    assert_eq!(
        report_in(&from_jsonl, &[&scored], "r.html", &[])
            .status
            .code(),
        Some(0)
    );
    // The JSONL keeps the paths as `slant score` saw them, relative to the workspace root.
    let mut c = slant();
    c.args([
        "report",
        "tests/corpus/sample",
        "-o",
        from_folder.join("r.html").to_str().unwrap(),
        "--quiet",
    ]);
    assert_eq!(c.output().unwrap().status.code(), Some(0));
    let a = without_command(&read(&from_jsonl.join("r.html")));
    let b = without_command(&read(&from_folder.join("r.html")));
    assert!(
        a == b,
        "a report from scored JSONL equals one scored on the fly"
    );
}

#[test]
fn markdown_report_has_tables_bold_evidence_and_reasons() {
    let dir = tempdir("report-md");
    ok_or_partial(&report_in(&dir, &[&sample()], "report.md", &[]));
    let md = read(&dir.join("report.md"));
    assert!(md.starts_with("# Framing report\n"));
    assert!(md.contains("| Outlet | Articles | Sentences | Own voice | Loaded per 100 (95% CI) |"));
    assert!(md.contains("## Most loaded sentences"));
    assert!(
        md.contains("**thugs**") || md.contains("**Thugs**"),
        "evidence in bold"
    );
    assert!(md.contains("## Methods"));
}

#[test]
fn csv_report_has_one_row_per_sentence() {
    let dir = tempdir("report-csv");
    ok_or_partial(&report_in(&dir, &[&sample()], "sentences.csv", &[]));
    let csv = read(&dir.join("sentences.csv"));
    assert!(csv.starts_with("article_id,path,outlet,title,date,sentence,start,end,"));
    let scored = records(&run(&["score", "--quiet", "tests/corpus/sample"]));
    let sentences: usize = scored
        .iter()
        .map(|r| r["sentences"].as_array().unwrap().len())
        .sum();
    // Rows may span lines when a field holds a line break, so count record starts instead.
    assert!(
        csv.lines().count() > sentences,
        "{} lines for {sentences} sentences",
        csv.lines().count()
    );
    let o = report_in(&dir, &[&sample()], "out.html", &["--format", "csv"]);
    ok_or_partial(&o);
    assert!(
        read(&dir.join("out.html")).starts_with("article_id,"),
        "--format wins over the extension"
    );
}

#[test]
fn folder_report_has_an_index_and_a_page_per_outlet_and_article() {
    let dir = tempdir("report-folder");
    ok_or_partial(&report_in(&dir, &[&sample()], "site/", &[]));
    let index = read(&dir.join("site/index.html"));
    let outlets: Vec<_> = std::fs::read_dir(dir.join("site/outlets"))
        .unwrap()
        .collect();
    let articles: Vec<_> = std::fs::read_dir(dir.join("site/articles"))
        .unwrap()
        .collect();
    assert_eq!(outlets.len(), 3);
    assert_eq!(articles.len(), 16);
    assert!(index.contains("href=\"outlets/harbor-ledger-"));
    assert!(
        index.contains("href=\"articles/"),
        "top sentences link to their article pages"
    );
    assert!(
        !index.contains("<article class=\"art\""),
        "article texts live on their own pages"
    );
    for e in articles {
        let page = read(&e.unwrap().path());
        assert!(page.contains("href=\"../index.html\""));
        assert!(page.contains("Content-Security-Policy"));
    }
    // Markdown works the same way; an existing folder needs no trailing slash.
    std::fs::create_dir_all(dir.join("wiki")).unwrap();
    ok_or_partial(&report_in(&dir, &[&sample()], "wiki", &["--format", "md"]));
    assert!(read(&dir.join("wiki/index.md")).contains("## Outlets"));
}

#[test]
fn a_report_written_again_into_its_folder_leaves_no_stale_pages() {
    let dir = tempdir("report-rewrite");
    ok_or_partial(&report_in(&dir, &[&sample()], "site/", &[]));
    let count = |sub: &str| {
        std::fs::read_dir(dir.join("site").join(sub))
            .unwrap()
            .count()
    };
    assert_eq!((count("outlets"), count("articles")), (3, 16));
    // A file of the user's own in the folder is never touched.
    std::fs::write(dir.join("site/notes.txt"), "mine").unwrap();
    std::fs::write(dir.join("site/articles/mine.html"), "mine").unwrap();
    // The same folder, now for one outlet: the other outlets' pages go.
    let one = dir.join("one/harbor-ledger");
    std::fs::create_dir_all(&one).unwrap();
    for e in std::fs::read_dir(sample().join("harbor-ledger")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), one.join(e.file_name())).unwrap();
    }
    ok_or_partial(&report_in(&dir, &[&dir.join("one")], "site/", &[]));
    let articles: Vec<String> = std::fs::read_dir(dir.join("site/articles"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(count("outlets"), 1);
    assert_eq!(articles.len(), 5 + 1, "{articles:?}");
    assert!(articles.contains(&"mine.html".to_string()));
    assert_eq!(read(&dir.join("site/notes.txt")), "mine");
    // Every page left is linked from the new index or an outlet page.
    let index = read(&dir.join("site/index.html"));
    assert!(!index.contains("northern-dispatch"));
}

#[test]
fn unknown_format_and_csv_folder_are_usage_errors() {
    let dir = tempdir("report-usage");
    let o = report_in(&dir, &[&sample()], "report.txt", &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("--format"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = report_in(&dir, &[&sample()], "out/", &["--format", "csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!dir.join("report.txt").exists());
}

#[test]
fn seed_report_highlights_the_condemned_sentence_with_its_reasons() {
    let dir = tempdir("report-seed");
    let seed = shared().join("corpus/seed");
    assert_eq!(
        report_in(&dir, &[&seed], "seed.html", &[]).status.code(),
        Some(0)
    );
    let html = read(&dir.join("seed.html"));
    // In the article text: the agentless passive and "reckless", each highlighted, titled with
    // rule, category and reason, and numbered for print.
    let text = &html[html.find("<article class=\"art\"").unwrap()..];
    let sentence_at = text
        .find("has been condemned as</mark>")
        .expect("the passive is highlighted");
    let sentence = &text[text[..sentence_at].rfind("<span class=\"s ").unwrap()..];
    let sentence = &sentence[..sentence.find("</span><span class=\"badge").unwrap()];
    assert!(
        sentence.contains(
            "class=\"hl c-agentless_passive\" title=\"UA002 \u{b7} agentless passive \u{b7} "
        ),
        "{sentence}"
    );
    // "reckless" is loaded (LL001) and, for some rule sets, also an evaluation (UA004).
    let reckless = &sentence[sentence
        .find("class=\"hl c-intensifier\" title=\"LL001")
        .expect(sentence)..];
    let title = &reckless[..reckless.find("\">").unwrap()];
    assert!(title.contains(" \u{b7} intensifier \u{b7} "), "{title}");
    assert!(
        sentence.contains(">reckless</mark><sup class=\"fn\">"),
        "{sentence}"
    );
    assert!(text.contains("<span class=\"badge u\" title=\"unattributed-claim score"));
    assert!(text.contains("passes judgement in the passive without saying who judges"));
    let notes = &text[text.find("<ol class=\"notes\">").unwrap()..];
    assert!(notes.contains(
        "\u{201c}<span class=\"w\">has been condemned as</span>\u{201d}: <b>agentless passive</b>"
    ));
    assert!(notes.contains("\u{201c}<span class=\"w\">reckless</span>\u{201d}: <b>intensifier</b>"));
    // And it leads the list of unattributed claims.
    let list = &html[html.find("<section id=\"most-unattributed\">").unwrap()..];
    let first = &list[..list.find("</li>").unwrap()];
    assert!(
        first.contains("has been condemned as</mark> a <mark"),
        "{first}"
    );
    // The Markdown report says the same in text.
    assert_eq!(
        report_in(&dir, &[&seed], "seed.md", &[]).status.code(),
        Some(0)
    );
    let md = read(&dir.join("seed.md"));
    assert!(
        md.contains("**has been condemned as** a **reckless** escalation"),
        "bold evidence in Markdown"
    );
    assert!(md.contains("- **has been condemned as**: agentless passive (UA002"));
}

// ---------------------------------------------------------------------------------------------
// Hostile article text (tests/fixtures/hostile/README).
// ---------------------------------------------------------------------------------------------

/// Raw payloads from the hostile fixture that must never appear unescaped.
const RAW_PAYLOADS: &[&str] = &[
    "<script>alert(1)",
    "<script>document.title",
    "<img src=x",
    "<iframe src=",
    "</style><style>",
    "\" onmouseover=\"",
    "<a href=\"javascript:",
    "<link rel=stylesheet",
    "window.pwned=1</script>",
];

fn assert_inert_html(name: &str, html: &str) {
    for p in RAW_PAYLOADS {
        assert!(!html.contains(p), "{name}: raw payload {p}");
    }
    assert_eq!(
        html.matches("<style>").count(),
        1,
        "{name}: only the report's own style sheet"
    );
    for tag in [
        "<script", "<link", "<img", "<iframe", "<object", "<embed", "<form",
    ] {
        assert!(!html.to_ascii_lowercase().contains(tag), "{name}: {tag}");
    }
    assert!(
        !html.contains("href=\"javascript") && !html.contains("href=\"http"),
        "{name}: outside link"
    );
    assert!(html.contains("Content-Security-Policy"), "{name}: CSP");
}

#[test]
fn hostile_fixture_stays_text_in_every_page() {
    let dir = tempdir("report-hostile");
    ok_or_partial(&report_in(&dir, &[&hostile()], "hostile.html", &[]));
    let html = read(&dir.join("hostile.html"));
    assert_inert_html("hostile.html", &html);
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "payloads still visible as text"
    );
    assert!(html.contains("&lt;/style&gt;&lt;style&gt;body{display:none}&lt;/style&gt;"));
    assert!(html.contains("&quot; onmouseover=&quot;alert(4)"));
    assert!(
        html.contains("<code>javascript:alert(6)</code>"),
        "a javascript: URL is shown, not linked"
    );
    assert!(html.contains("<mark class=\"hl"), "highlights present");
    assert!(
        html.contains("decoded as Windows-1252"),
        "the warning is shown"
    );
    // The overlong encodings of < and > in the bad-UTF-8 title did not become markup.
    assert!(
        html.contains("\u{c0}\u{bc}script\u{c0}\u{be}"),
        "overlong bytes shown as Windows-1252 text"
    );

    ok_or_partial(&report_in(&dir, &[&hostile()], "site/", &[]));
    let mut pages = vec![dir.join("site/index.html")];
    for sub in ["outlets", "articles"] {
        pages.extend(
            std::fs::read_dir(dir.join("site").join(sub))
                .unwrap()
                .map(|e| e.unwrap().path()),
        );
    }
    assert!(pages.len() >= 1 + 5 + 6);
    for p in &pages {
        let name = p.strip_prefix(&dir).unwrap().display().to_string();
        assert!(
            name.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-./_".contains(&b)),
            "file name {name}"
        );
        assert_inert_html(&name, &read(p));
    }

    ok_or_partial(&report_in(&dir, &[&hostile()], "hostile.md", &[]));
    let md = read(&dir.join("hostile.md"));
    for line in md.lines() {
        // The writer's own anchors (`<a id="a3"></a>`) are the only raw markup.
        let mut line = line.to_string();
        while let Some(a) = line.find("<a id=\"a") {
            let end = a + line[a..].find("</a>").expect("anchor closes") + "</a>".len();
            line.replace_range(a..end, "");
        }
        assert!(!line.contains('<'), "raw < in Markdown: {line}");
    }
    assert!(!md.contains("](javascript") && !md.contains("<script"));
    assert!(md.contains("&lt;script&gt;alert\\(1\\)&lt;/script&gt;"));
}

// ---------------------------------------------------------------------------------------------
// A real browser: headless chromium.
// ---------------------------------------------------------------------------------------------

/// The chromium binary, or `None` (with a note) when it is not installed. On CI (`CI=true`)
/// a missing browser is a failure: `.ci/run` installs it.
fn chromium() -> Option<PathBuf> {
    let mut candidates: Vec<PathBuf> = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .into_iter()
        .collect();
    candidates.extend(
        [
            "/usr/bin/chromium",
            "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome",
        ]
        .map(PathBuf::from),
    );
    if let Some(path) = std::env::var_os("PATH") {
        candidates.extend(std::env::split_paths(&path).map(|d| d.join("chromium")));
    }
    if let Some(found) = candidates.into_iter().find(|p| p.is_file()) {
        return Some(found);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("chromium is not installed; the report's browser tests need it (.ci/run runs `apt-get install -y chromium`)");
    }
    eprintln!(
        "note: skipping a browser test: chromium is not installed (apt-get install -y chromium)"
    );
    None
}

/// Run headless chromium with a fresh profile (removed afterwards); returns stdout. Kills it
/// after two minutes.
fn headless(browser: &Path, profile: &Path, args: &[String]) -> String {
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
        ])
        .args([
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--mute-audio",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut s).ok();
        s
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within two minutes");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let out = reader.join().unwrap();
    let _ = std::fs::remove_dir_all(profile);
    out
}

fn file_url(p: &Path) -> String {
    format!("file://{}", p.canonicalize().unwrap().display())
}

fn dump_dom(browser: &Path, dir: &Path, page: &Path) -> String {
    let profile = dir.join(format!(
        "profile-{}",
        page.file_stem().unwrap().to_string_lossy()
    ));
    let dom = headless(
        browser,
        &profile,
        &[
            "--virtual-time-budget=5000".into(),
            "--dump-dom".into(),
            file_url(page),
        ],
    );
    assert!(
        dom.contains("</html>"),
        "chromium dumped no DOM for {}",
        page.display()
    );
    dom
}

const PROBE_HEAD: &str =
    "<script>window.__alerts=0;window.alert=window.confirm=window.prompt=function(){window.__alerts++;};</script>";
const PROBE_TAIL: &str = "<script>addEventListener('load',function(){setTimeout(function(){var c=document.querySelector('svg.chart');var r=c?c.getBoundingClientRect():{top:-1,bottom:-1};document.documentElement.setAttribute('data-probe',['pwned='+typeof window.pwned,'alerts='+window.__alerts,'title='+document.title,'display='+getComputedStyle(document.body).display,'bodyattrs='+document.body.attributes.length,'marks='+document.querySelectorAll('mark.hl').length,'chart='+Math.round(r.top)+'-'+Math.round(r.bottom)].join(';'));},300);});</script>";

/// A copy of `page` without the CSP (so the report's escaping is the only defence) and with
/// probe scripts that record what injected code could have done.
fn probe_copy(page: &Path) -> PathBuf {
    let html = read(page);
    let csp = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">";
    assert!(html.contains(csp));
    let probed = html
        .replacen(csp, "", 1)
        .replacen("<head>", &format!("<head>{PROBE_HEAD}"), 1)
        .replacen("</body>", &format!("{PROBE_TAIL}</body>"), 1);
    let out = page.with_file_name(format!(
        "probe-{}",
        page.file_name().unwrap().to_string_lossy()
    ));
    std::fs::write(&out, probed).unwrap();
    out
}

fn probe(dom: &str) -> std::collections::BTreeMap<String, String> {
    let at = dom
        .find("data-probe=\"")
        .expect("the probe ran (scripts enabled, page loaded)")
        + "data-probe=\"".len();
    let value = &dom[at..at + dom[at..].find('"').unwrap()];
    value
        .split(';')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn title_of(dom: &str) -> &str {
    let a = dom.find("<title>").unwrap() + "<title>".len();
    &dom[a..a + dom[a..].find("</title>").unwrap()]
}

#[test]
fn hostile_report_runs_no_injected_code_in_chromium() {
    let Some(browser) = chromium() else { return };
    let dir = tempdir("report-browser-hostile");
    ok_or_partial(&report_in(&dir, &[&hostile()], "hostile.html", &[]));
    ok_or_partial(&report_in(&dir, &[&hostile()], "site/", &[]));
    let article = std::fs::read_dir(dir.join("site/articles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("hostile-jsonl-1"))
        .unwrap();
    for page in [
        dir.join("hostile.html"),
        dir.join("site/index.html"),
        article,
    ] {
        // As shipped (with its CSP): the highlights render and no element came from input.
        let dom = dump_dom(&browser, &dir, &page);
        assert!(
            dom.contains("<mark class=\"hl"),
            "{}: highlights present",
            page.display()
        );
        assert!(!title_of(&dom).contains("PWNED"));
        for tag in ["<script", "<img", "<iframe", "<link", " data-pwned="] {
            assert!(!dom.contains(tag), "{}: {tag} in the DOM", page.display());
        }
        // Without the CSP, with probes: escaping alone keeps every payload inert.
        let dom = dump_dom(&browser, &dir, &probe_copy(&page));
        let p = probe(&dom);
        assert_eq!(
            p["pwned"],
            "undefined",
            "{}: window.pwned was set",
            page.display()
        );
        assert_eq!(p["alerts"], "0", "{}: an alert fired", page.display());
        assert_ne!(p["title"], "PWNED");
        assert_ne!(
            p["display"],
            "none",
            "{}: injected CSS hid the body",
            page.display()
        );
        assert_eq!(
            p["bodyattrs"],
            "0",
            "{}: <body> gained an attribute (data-pwned?)",
            page.display()
        );
        assert!(p["marks"].parse::<usize>().unwrap() > 0);
        assert_eq!(
            dom.matches("<script").count(),
            2,
            "{}: only the two probes are scripts",
            page.display()
        );
        for tag in ["<img", "<iframe", "<link", " data-pwned="] {
            assert!(!dom.contains(tag), "{}: {tag} in the DOM", page.display());
        }
    }
}

#[test]
fn basil_report_first_screen_shows_the_outlet_chart() {
    let Some(browser) = chromium() else { return };
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("basil-report");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let basil = shared().join("corpus/dev/basil_articles");
    assert_eq!(
        report_in(&dir, &[&basil], "basil.html", &[]).status.code(),
        Some(0)
    );
    let html = read(&dir.join("basil.html"));
    for outlet in ["Fox_News", "HuffPost", "New_York_Times"] {
        assert!(
            html.contains(&format!("<title>{outlet}</title>")),
            "{outlet} in the chart"
        );
    }
    // The chart sits on the first screen (1280x900).
    let dom = headless(
        &browser,
        &dir.join("profile-probe"),
        &[
            "--window-size=1280,900".into(),
            "--virtual-time-budget=5000".into(),
            "--dump-dom".into(),
            file_url(&probe_copy(&dir.join("basil.html"))),
        ],
    );
    let chart = probe(&dom)["chart"].clone();
    let (top, bottom) = chart.split_once('-').unwrap();
    let (top, bottom): (i64, i64) = (top.parse().unwrap(), bottom.parse().unwrap());
    assert!(
        top > 0 && bottom <= 900,
        "the outlet chart spans {top}..{bottom}px, not within the first 900px"
    );
    // The screenshot, for people (kept under target/, out of git).
    let png = dir.join("basil.png");
    headless(
        &browser,
        &dir.join("profile-shot"),
        &[
            format!("--screenshot={}", png.display()),
            "--window-size=1280,900".into(),
            "--hide-scrollbars".into(),
            file_url(&dir.join("basil.html")),
        ],
    );
    let bytes = std::fs::read(&png).expect("screenshot written");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    assert!(
        bytes.len() > 30_000,
        "screenshot is {} bytes: a blank page?",
        bytes.len()
    );
    eprintln!("screenshot of the BASIL report: {}", png.display());
}

/// A probe that reports, for every outlet name after a headline in the "most" lists, whether
/// the browser draws its letters left to right (an unclosed right-to-left override in the
/// headline before it would draw "sretueR").
const BIDI_PROBE: &str = "<script>addEventListener('load',function(){setTimeout(function(){var out=[];document.querySelectorAll('div.src').forEach(function(d){var t=d.lastChild;if(!t||t.nodeType!==3)return;var s=t.textContent,i=s.indexOf('Reuters');if(i<0)return;var xs=[];for(var k=i;k<i+7;k++){var r=document.createRange();r.setStart(t,k);r.setEnd(t,k+1);xs.push(r.getBoundingClientRect().left);}var ltr=xs.every(function(x,k){return k===0||x>xs[k-1];});out.push(ltr?'ltr':'reversed');});document.documentElement.setAttribute('data-bidi',out.join(','));},300);});</script>";

#[test]
fn a_bidi_override_in_a_headline_does_not_reverse_the_next_field_in_chromium() {
    let Some(browser) = chromium() else { return };
    let dir = tempdir("report-browser-bidi");
    // The headline ends inside an unclosed RIGHT-TO-LEFT OVERRIDE; the outlet follows it.
    let article = serde_json::json!({
        "id": "bidi",
        "outlet": "Reuters",
        "title": "Port strike \u{202E}goes on",
        "text": "The reckless plan is widely seen as a disaster, critics say.",
    });
    let input = dir.join("bidi.jsonl");
    std::fs::write(&input, format!("{article}\n")).unwrap();
    ok_or_partial(&report_in(&dir, &[&input], "bidi.html", &[]));
    let page = dir.join("bidi.html");
    let html = read(&page);
    let probed = dir.join("probe-bidi.html");
    std::fs::write(
        &probed,
        html.replacen("</body>", &format!("{BIDI_PROBE}</body>"), 1)
            .replacen("script-src", "x", 1)
            .replacen(
                "default-src 'none';",
                "default-src 'none'; script-src 'unsafe-inline';",
                1,
            ),
    )
    .unwrap();
    let dom = dump_dom(&browser, &dir, &probed);
    let at = dom.find("data-bidi=\"").expect("the probe ran") + "data-bidi=\"".len();
    let found = &dom[at..at + dom[at..].find('"').unwrap()];
    assert!(!found.is_empty(), "no outlet name after a headline");
    assert!(
        found.split(',').all(|d| d == "ltr"),
        "the outlet name is drawn reversed: {found}"
    );
}
