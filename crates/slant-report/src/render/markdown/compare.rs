//! The Markdown comparison (`slant compare -o FILE.md`): the terminal view's content as tables
//! and lists, with every story. Every string from an article goes through [`crate::escape::md`].

use crate::analysis::compare::{format_rate, CompareReport};
use crate::escape::md;
use crate::render::text::{counts_list, pct};
use slant_ingest::model::AttributionKind;
use std::fmt::Write as _;

/// Markdown: the terminal view's content as tables and lists, with every story.
pub fn render(r: &CompareReport) -> String {
    let mut s = String::new();
    let by = r.by;
    let failed = r
        .failed_inputs()
        .map(|f| format!(", {f}"))
        .unwrap_or_default();
    let _ = writeln!(
        s,
        "# slant compare\n\n{} articles in {} groups (by {by}){failed}. Rates are flagged sentences per 100 sentences in the outlet's own voice, with 95% bootstrap intervals over articles ({} resamples, seed {}).\n",
        r.articles,
        r.outlets.len(),
        r.bootstrap.iterations,
        r.bootstrap.seed
    );
    let _ = writeln!(s, "## Rates\n\n| {by} | articles | sentences | loaded [95% CI] | unattributed [95% CI] | quoted |\n|---|---:|---:|---|---|---:|");
    for o in &r.outlets {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} |",
            md(&o.name),
            o.articles,
            o.sentences,
            format_rate(&o.loaded),
            format_rate(&o.unattributed),
            pct(o.quoted_share)
        );
    }
    s.push_str("\n## Differences\n\nOnly pairs whose 95% intervals do not overlap.\n\n");
    if r.differences.is_empty() {
        s.push_str("No two intervals separate, so no difference is marked.\n");
    }
    for d in &r.differences {
        let _ = writeln!(s, "- {}", md(&d.text));
    }
    let _ = write!(s, "\n## Attribution (share of all sentences)\n\n| {by} |");
    for k in AttributionKind::ALL {
        let _ = write!(s, " {} |", k.as_str().replace('_', " "));
    }
    s.push_str("\n|---|");
    for _ in AttributionKind::ALL {
        s.push_str("---:|");
    }
    s.push('\n');
    for o in &r.outlets {
        let _ = write!(s, "| {} |", md(&o.name));
        for k in AttributionKind::ALL {
            let _ = write!(
                s,
                " {} |",
                pct(o.attribution.get(k.as_str()).map_or(0.0, |x| x.share))
            );
        }
        s.push('\n');
    }
    let _ = writeln!(s, "\n## Loaded terms and named sources\n\n| {by} | most frequent loaded terms (own voice) | most cited named sources |\n|---|---|---|");
    for o in &r.outlets {
        let terms = counts_list(o.loaded_terms.iter().map(|t| (t.term.as_str(), t.count)));
        let sources = counts_list(o.sources.iter().map(|x| (x.source.as_str(), x.sentences)));
        let _ = writeln!(s, "| {} | {} | {} |", md(&o.name), md(&terms), md(&sources));
    }
    if !r.naming.is_empty() {
        s.push_str("\n## Word choice\n\n| naming set | term | used by |\n|---|---|---|\n");
        for set in &r.naming {
            for t in &set.terms {
                let users = counts_list(t.outlets.iter().map(|(o, n)| (o.as_str(), *n)));
                let _ = writeln!(s, "| {} | {} | {} |", md(&set.set), md(&t.term), md(&users));
            }
        }
    }
    let _ = writeln!(
        s,
        "\n## Same story, different outlets\n\nArticles grouped by what they report ({}), at most one per outlet.\n",
        r.story_method.describe()
    );
    if r.story_list().is_empty() {
        s.push_str("No story is covered by two or more outlets.\n");
    }
    for st in r.story_list() {
        let _ = writeln!(
            s,
            "### Story {}: {}\n\n{} outlets, mean similarity {:.2}.\n\n| outlet | headline | loaded | unattributed | quotes |\n|---|---|---:|---:|---|",
            st.id,
            md(&st.label.join(" \u{b7} ")),
            st.articles.len(),
            st.similarity
        );
        for a in &st.articles {
            let quotes = counts_list(a.sources.iter().map(|x| (x.source.as_str(), x.sentences)));
            let _ = writeln!(
                s,
                "| {} | {} | {:.1} | {:.1} | {} |",
                md(a.outlet.as_deref().unwrap_or("(no outlet)")),
                md(a.title.as_deref().unwrap_or("(untitled)")),
                a.loaded_rate,
                a.unattributed_rate,
                md(&quotes)
            );
        }
        s.push('\n');
        for a in &st.articles {
            let _ = writeln!(
                s,
                "**{}** ({})\n",
                md(a.outlet.as_deref().unwrap_or("(no outlet)")),
                md(&a.path)
            );
            for f in &a.flagged {
                let _ = writeln!(s, "- flagged: \"{}\" ({})", md(&f.text), md(&f.why()));
            }
            for (label, list) in a.only_here.lists() {
                let _ = writeln!(s, "- only here, {label}: {}", md(&list.join("; ")));
            }
            s.push('\n');
        }
    }
    s
}
