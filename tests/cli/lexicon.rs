//! `slant lexicon list|check` and `--lexicon FILE`.

use crate::util::*;

#[test]
fn list_shows_every_category_and_the_total() {
    let out = stdout(&run(&["lexicon", "list"]));
    for c in [
        "charged_verb",
        "intensifier",
        "label",
        "euphemism",
        "reporting_verb",
        "hedge",
        "booster",
        "naming",
        "vague_source",
        "anonymous_source",
    ] {
        assert!(out.contains(c), "{c} missing from\n{out}");
    }
    let total: usize = out
        .lines()
        .find(|l| l.starts_with("total"))
        .unwrap()
        .split_whitespace()
        .last()
        .unwrap()
        .parse()
        .unwrap();
    assert!(total >= 1500);
}

#[test]
fn check_reports_each_bad_line() {
    let dir = tempdir("lexcheck");
    let f = dir.join("bad.toml");
    std::fs::write(&f, "[[entry]]\nterm = \"a\"\ncategory = \"label\"\nweight = 0.5\nnote = \"ok\"\n\n[[entry]]\nterm = \"b\"\ncategory = \"bogus\"\nweight = 0.5\n\n[[entry]]\nterm = \"c\"\ncategory = \"label\"\nweight = 7\n").unwrap();
    let o = run(&["lexicon", "check", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("bad.toml:7:") && out.contains("bogus"),
        "{out}"
    );
    assert!(
        out.contains("bad.toml:12:") && out.contains("outside"),
        "{out}"
    );
}

#[test]
fn user_lexicon_adds_and_overrides() {
    let dir = tempdir("lexuser");
    let f = dir.join("mine.toml");
    std::fs::write(&f, "[[entry]]\nterm = \"boondoggle\"\ncategory = \"label\"\nweight = 0.9\nnote = \"mine\"\n\n[[entry]]\nterm = \"regime\"\ncategory = \"label\"\nweight = 0.0\nnote = \"silenced\"\n").unwrap();
    let o = run(&[
        "explain",
        "--lexicon",
        f.to_str().unwrap(),
        "The regime's bridge is a boondoggle.",
    ]);
    let out = stdout(&o);
    assert!(out.contains("[boondoggle]"), "{out}");
    assert!(!out.contains("[regime"), "{out}");
}
