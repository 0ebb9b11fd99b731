//! Reports and comparisons as a hostile user would meet them (issue 9): files written without
//! risk (`-o x.html` interrupted, `-o dir/` with planted symlinks and manifest), CSV cells that
//! never start a formula, terminal output without control characters, and no bidirectional
//! override that reorders the page.

use crate::util::{root, slant, tempdir};
use std::path::{Path, PathBuf};
use std::process::Output;

/// Cells that a spreadsheet would read as a formula (OWASP: CSV injection).
const FORMULA_LEADS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A JSONL corpus whose every field tries something: formula leads, control characters and
/// terminal escapes, bidirectional overrides. Two outlets, so comparisons and stories run.
fn hostile_jsonl(dir: &Path) -> PathBuf {
    let esc = "\u{1b}]0;pwned\u{7}\u{1b}[2J";
    let lines = [
        serde_json::json!({
            "id": "=cmd|' /C calc'!A0",
            "outlet": format!("@Reuters{esc}"),
            "title": "+SUM(1+1) \u{202E}reversed",
            "date": "-2+3",
            "url": "\t=1+1",
            "text": "=HYPERLINK(\"http://example.invalid\") is a reckless plan, critics say.\n\nThe port strike in Velmora entered its second day on Monday, officials said.",
        }),
        serde_json::json!({
            "id": "@id\r=2",
            "outlet": "-Gazette\u{2066}",
            "title": format!("\u{202E}Port strike{esc}"),
            "text": "+The port strike in Velmora entered its second day, a shocking disaster.\n\n-Dock workers in Velmora walked out over pay, the union said.",
        }),
    ];
    let path = dir.join("hostile.jsonl");
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(&path, text).unwrap();
    path
}

fn ok(o: &Output) {
    assert!(
        o.status.code().is_some_and(|c| c <= 1),
        "exit {:?}: {}",
        o.status,
        String::from_utf8_lossy(&o.stderr)
    );
}

/// RFC 4180 cells, row by row.
fn csv_cells(text: &str) -> Vec<Vec<String>> {
    let mut rows = vec![];
    let mut row = vec![];
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
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    rows
}

#[test]
fn csv_cells_never_start_a_formula_or_carry_a_control_character() {
    let dir = tempdir("csv-injection");
    let input = hostile_jsonl(&dir);
    let input = input.to_str().unwrap();
    let runs: [&[&str]; 4] = [
        &["score", "-q", input, "--format", "csv", "-o", "score.csv"],
        &["report", "-q", input, "-o", "report.csv"],
        &["compare", "-q", input, "-o", "compare.csv"],
        &["compare", "-q", input, "--stories", "-o", "stories.csv"],
    ];
    for args in runs {
        let o = slant().current_dir(&dir).args(args).output().unwrap();
        ok(&o);
        let out = args[args.len() - 1];
        let text = std::fs::read_to_string(dir.join(out)).unwrap();
        let rows = csv_cells(&text);
        assert!(rows.len() > 1, "{out}: {text}");
        for cell in rows.iter().flatten() {
            let formula = cell.starts_with(FORMULA_LEADS) && cell.parse::<f64>().is_err();
            assert!(!formula, "{out}: a cell starts a formula: {cell:?}");
            assert!(
                !cell.chars().any(|c| c.is_control() && c != '\n'),
                "{out}: a control character in {cell:?}"
            );
        }
        // Neutralised, not dropped: the text is still there after a leading quote.
        if out == "score.csv" {
            assert!(
                rows.iter().flatten().any(|c| c == "'=cmd|' /C calc'!A0"),
                "{text}"
            );
        }
    }
}

#[test]
fn comparison_tables_print_no_control_character_or_bidi_override() {
    let dir = tempdir("compare-terminal");
    let input = hostile_jsonl(&dir);
    for extra in [&[][..], &["--stories"][..]] {
        let o = slant()
            .args(["compare", "-q"])
            .arg(&input)
            .args(extra)
            .output()
            .unwrap();
        ok(&o);
        let text = String::from_utf8(o.stdout).unwrap();
        let bad: Vec<char> = text
            .chars()
            .filter(|&c| {
                (c.is_control() && c != '\n')
                    || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
            })
            .collect();
        assert!(bad.is_empty(), "{extra:?}: {bad:?} in\n{text}");
        assert!(text.contains("Reuters"), "{text}");
    }
}

#[test]
fn no_bidirectional_override_reaches_a_report() {
    let dir = tempdir("report-bidi");
    let input = hostile_jsonl(&dir);
    for out in ["r.html", "r.md", "pages/"] {
        let o = slant()
            .current_dir(&dir)
            .args(["report", "-q"])
            .arg(&input)
            .args(["-o", out])
            .output()
            .unwrap();
        ok(&o);
    }
    let mut pages = vec![dir.join("r.html"), dir.join("r.md")];
    for sub in ["", "articles", "outlets"] {
        for e in std::fs::read_dir(dir.join("pages").join(sub)).unwrap() {
            let p = e.unwrap().path();
            if p.is_file() {
                pages.push(p);
            }
        }
    }
    for page in pages {
        let text = std::fs::read_to_string(&page).unwrap();
        assert!(
            !text
                .chars()
                .any(|c| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')),
            "{} carries a bidi control",
            page.display()
        );
        assert!(
            !text.contains('\u{1b}'),
            "{} carries an escape",
            page.display()
        );
    }
}

/// A corpus big enough that a report of it takes a while: the sample corpus many times over.
fn big_jsonl(dir: &Path) -> PathBuf {
    let mut text = String::new();
    let sample = root().join("tests/corpus/sample");
    let mut files: Vec<PathBuf> = walk(&sample);
    files.sort();
    for k in 0..150 {
        for f in &files {
            let body = std::fs::read_to_string(f).unwrap();
            let line = serde_json::json!({"id": format!("a{k}-{}", f.display()), "outlet": format!("o{}", k % 3), "text": body});
            text.push_str(&format!("{line}\n"));
        }
    }
    let path = dir.join("big.jsonl");
    std::fs::write(&path, text).unwrap();
    path
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![];
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[cfg(unix)]
#[test]
fn an_interrupted_report_leaves_the_old_file_and_no_temporary_file() {
    let dir = tempdir("report-sigint");
    let input = big_jsonl(&dir);
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("r.html"), "the old report").unwrap();
    let mut child = slant()
        .args(["report", "-q"])
        .arg(&input)
        .arg("-o")
        .arg(out.join("r.html"))
        .spawn()
        .unwrap();
    // Wait until it is writing (its temporary files exist), then interrupt it as Ctrl-C does.
    let started = std::time::Instant::now();
    while listing(&out).len() < 2 && started.elapsed().as_secs() < 60 {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let writing = listing(&out);
    assert!(
        writing.len() >= 2,
        "never saw a temporary file: {writing:?}"
    );
    std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success(), "it finished before the interrupt");
    assert_eq!(listing(&out), vec!["r.html"], "temporary files left behind");
    assert_eq!(
        std::fs::read_to_string(out.join("r.html")).unwrap(),
        "the old report"
    );
}

#[cfg(unix)]
#[test]
fn folder_pages_replace_files_instead_of_writing_through_them() {
    let dir = tempdir("report-pages-atomic");
    let outside = dir.join("outside.html");
    std::fs::write(&outside, "precious").unwrap();
    let pages = dir.join("pages");
    std::fs::create_dir_all(&pages).unwrap();
    // A page that is a hard link to a file elsewhere: writing it in place would change that
    // file; replacing it leaves that file alone. The same for a symlink.
    std::fs::hard_link(&outside, pages.join("index.html")).unwrap();
    std::fs::create_dir_all(pages.join("outlets")).unwrap();
    let sample = root().join("tests/corpus/sample");
    let report_into_pages = || {
        slant()
            .args(["report", "-q"])
            .arg(&sample)
            .arg("-o")
            .arg(format!("{}/", pages.display()))
            .output()
            .unwrap()
    };
    ok(&report_into_pages());
    let outlet_page = std::fs::read_dir(pages.join("outlets"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    // Again, with that outlet page a symlink to the outside file.
    std::fs::remove_file(&outlet_page).unwrap();
    std::os::unix::fs::symlink(&outside, &outlet_page).unwrap();
    ok(&report_into_pages());
    let kept = std::fs::read_to_string(&outside).unwrap();
    assert!(kept == "precious", "the file outside the report changed");
    assert!(std::fs::read_to_string(pages.join("index.html"))
        .unwrap()
        .contains("Framing report"));
    assert!(!std::fs::symlink_metadata(&outlet_page)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(listing(&pages).iter().all(|n| !n.contains(".tmp")));
}

#[cfg(unix)]
#[test]
fn a_planted_manifest_and_symlinked_folder_never_reach_outside_the_report() {
    let dir = tempdir("report-pages-planted");
    let outside = dir.join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("thesis.html"), "years of work").unwrap();
    std::fs::write(outside.join("00001-x.html"), "not a page").unwrap();
    let pages = dir.join("pages");
    std::fs::create_dir_all(&pages).unwrap();
    std::fs::write(pages.join("notes.html"), "the user's own file").unwrap();
    // The folder's `articles` leads outside, and a manifest lists files slant never wrote.
    std::os::unix::fs::symlink(&outside, pages.join("articles")).unwrap();
    std::fs::write(
        pages.join(".slant-report-pages"),
        "articles/thesis.html\nnotes.html\nindex.html\n",
    )
    .unwrap();
    let before = listing(&outside);
    let o = slant()
        .args(["report", "-q"])
        .arg(root().join("tests/corpus/sample"))
        .arg("-o")
        .arg(format!("{}/", pages.display()))
        .output()
        .unwrap();
    // Whatever it says, nothing outside changed and the user's file is still there.
    assert_eq!(listing(&outside), before, "{o:?}");
    assert_eq!(
        std::fs::read_to_string(outside.join("thesis.html")).unwrap(),
        "years of work"
    );
    assert_eq!(
        std::fs::read_to_string(outside.join("00001-x.html")).unwrap(),
        "not a page"
    );
    assert_eq!(
        std::fs::read_to_string(pages.join("notes.html")).unwrap(),
        "the user's own file"
    );
    assert!(
        !o.status.success(),
        "a symlinked articles/ is refused: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("articles"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );

    // Without the symlink, a manifest that lists a user's file still removes nothing of it.
    std::fs::remove_file(pages.join("articles")).unwrap();
    std::fs::write(pages.join(".slant-report-pages"), "notes.html\n").unwrap();
    let o = slant()
        .args(["report", "-q"])
        .arg(root().join("tests/corpus/sample"))
        .arg("-o")
        .arg(format!("{}/", pages.display()))
        .output()
        .unwrap();
    ok(&o);
    assert_eq!(
        std::fs::read_to_string(pages.join("notes.html")).unwrap(),
        "the user's own file"
    );
}
