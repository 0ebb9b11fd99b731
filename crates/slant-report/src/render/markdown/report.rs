//! The Markdown framing report: the content of the HTML report as text, for a GitHub issue
//! or a newsroom wiki. Tables for the overview (rates with intervals, evidence categories,
//! attribution kinds, where the flags fall), the most loaded and most unattributed sentences
//! with the flagged words in **bold** and the reasons, each article's flagged sentences, the
//! inputs that failed and a methods note.
//!
//! Article text is hostile here too: every string from an article goes through
//! [`crate::escape::md`] (or [`code`]), so a rendered page shows no HTML, image or link that
//! came from an article. The only HTML the writer emits itself is an empty anchor per article.

use crate::analysis::corpus::{
    outlet_file, outlet_name, ArticleRow, Corpus, Meta, OutletStats, TopSentence, POSITION_BINS,
};
use crate::analysis::highlight::{highlight, merged_ranges};
use crate::analysis::stats::{Rate, BOOTSTRAP_ITERATIONS, BOOTSTRAP_SEED};
use crate::categories::{self, category, category_rank, evidence_reason, OTHER};
use crate::escape::{md, M};
use crate::render::report::{Links, Renderer};
use slant_ingest::model::{Evidence, ScoredArticle, ScoredSentence, Span, Voice};
use std::collections::BTreeMap;
use std::fmt::Write;

macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        let _ = write!($out, $($arg)*);
    }};
}

/// The Markdown renderer.
#[derive(Debug, Clone, Copy, Default)]
pub struct Markdown;

/// `s` as an inline code span: a fence longer than any run of backticks inside, line breaks
/// as spaces. Not for table cells (a `|` would still end the cell there).
pub fn code(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') || s.is_empty() {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{s}{pad}{fence}")
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn rate(r: &Rate) -> String {
    format!("{:.1} ({:.1}\u{2013}{:.1})", r.rate, r.low, r.high)
}

fn cat_label(name: &str) -> &str {
    let c = category(name);
    if c.name == OTHER.name {
        name
    } else {
        c.label
    }
}

/// The sentence text with evidence words in bold.
fn bolded(s: &ScoredSentence, quotes: &[Span]) -> String {
    let h = highlight(s, quotes);
    let mut out = String::new();
    let mut at = 0;
    for (a, b) in merged_ranges(&h) {
        out.push_str(&md(&h.text[at..a]));
        w!(out, "**{}**", M(&h.text[a..b]));
        at = b;
    }
    out.push_str(&md(&h.text[at..]));
    out
}

/// One line per word and reason, in text order: rules that agree on a word's category and
/// reason (loaded, and by another rule an evaluation stated as fact) share the line.
fn evidence_lines<'a>(
    out: &mut String,
    indent: &str,
    evidence: impl Iterator<Item = &'a Evidence>,
) {
    let mut evidence: Vec<&Evidence> = evidence.collect();
    evidence.sort_by_key(|e| (e.start, std::cmp::Reverse(e.end)));
    let mut lines: Vec<(&Evidence, String, Vec<String>)> = Vec::new();
    for e in evidence {
        let reason = evidence_reason(e);
        let rule = format!("{}, weight {:.2}", e.rule, e.weight);
        let same = |l: &&mut (&Evidence, String, Vec<String>)| {
            (l.0.start, l.0.end, cat_label(&l.0.category), l.0.quoted)
                == (e.start, e.end, cat_label(&e.category), e.quoted)
                && l.1 == reason
        };
        match lines.iter_mut().find(|l| same(l)) {
            Some(l) => l.2.push(rule),
            None => lines.push((e, reason, vec![rule])),
        }
    }
    for (e, reason, rules) in lines {
        let quoted = if e.quoted {
            " *Inside a quotation: the speaker\u{2019}s words.*"
        } else {
            ""
        };
        w!(
            out,
            "{indent}- **{}**: {} ({}): {}{quoted}\n",
            M(&e.text),
            M(cat_label(&e.category)),
            M(&rules.join("; ")),
            M(&reason)
        );
    }
}

fn flags(s: &ScoredSentence) -> String {
    let mut f = Vec::new();
    if s.loaded.flagged {
        f.push(format!("loaded {:.2}", s.loaded.score));
    }
    if s.unattributed.flagged {
        f.push(format!("unattributed {:.2}", s.unattributed.score));
    }
    f.join(", ")
}

fn article(out: &mut String, a: &ScoredArticle, row: &ArticleRow, links: &Links) {
    let s = &row.summary;
    if !links.folder {
        w!(out, "<a id=\"a{}\"></a>\n\n", row.seq);
    }
    w!(out, "### {}. {}\n\n", row.seq, M(row.display_title()));
    let outlet = outlet_name(a.outlet.as_deref());
    match links.outlet(&outlet_file(outlet)) {
        Some(href) => w!(out, "[{}]({href})", M(outlet)),
        None => out.push_str(&md(outlet)),
    }
    if let Some(d) = a.date.as_deref().filter(|d| !d.trim().is_empty()) {
        w!(out, " \u{b7} {}", M(d));
    }
    w!(
        out,
        " \u{b7} id {} \u{b7} file {}",
        code(&a.id),
        code(&a.path)
    );
    if let Some(u) = a.url.as_deref().filter(|u| !u.trim().is_empty()) {
        w!(out, " \u{b7} url {}", code(u));
    }
    out.push_str("\n\n");
    for warning in &a.warnings {
        w!(out, "> \u{26a0} {}\n\n", M(warning));
    }
    w!(
        out,
        "{} loaded and {} unattributed of {} in the outlet\u{2019}s own voice",
        s.loaded_flagged,
        s.unattributed_flagged,
        plural(s.author_sentences, "sentence", "sentences")
    );
    if s.author_sentences > 0 {
        let per = |n: usize| 100.0 * n as f64 / s.author_sentences as f64;
        w!(
            out,
            " ({:.1} and {:.1} per 100)",
            per(s.loaded_flagged),
            per(s.unattributed_flagged)
        );
    }
    out.push_str(".\n\n");
    let flagged: Vec<&ScoredSentence> = a
        .sentences
        .iter()
        .filter(|s| s.loaded.flagged || s.unattributed.flagged || !s.loaded.evidence.is_empty())
        .collect();
    if flagged.is_empty() {
        out.push_str("No sentence has evidence.\n\n");
        return;
    }
    out.push_str("| # | Sentence | Flags |\n|---:|---|---|\n");
    for s in &flagged {
        let who = if s.voice == Voice::Quoted {
            "*(quoted)* "
        } else {
            ""
        };
        w!(
            out,
            "| {} | {who}{} | {} |\n",
            s.index + 1,
            bolded(s, &a.quotes),
            flags(s)
        );
    }
    out.push_str("\nWhy:\n\n");
    for s in &flagged {
        w!(out, "- Sentence {}", s.index + 1);
        if s.unattributed.flagged {
            let reasons: Vec<&str> = s
                .unattributed
                .reasons
                .iter()
                .map(|r| categories::reason(r))
                .collect();
            w!(out, ": {}", M(&reasons.join("; ")));
        }
        out.push('\n');
        evidence_lines(
            out,
            "  ",
            s.loaded.evidence.iter().chain(&s.unattributed.evidence),
        );
    }
    out.push('\n');
}

fn top_list(out: &mut String, items: &[TopSentence], loaded: bool, links: &Links) {
    if items.is_empty() {
        out.push_str("No flagged sentences.\n\n");
        return;
    }
    for (i, t) in items.iter().enumerate() {
        let s = &t.sentence;
        let what = if loaded { "loaded" } else { "unattributed" };
        w!(
            out,
            "{}. **{:.2}** {what} \u{b7} {} \u{b7} [{}]({})\n\n   > {}\n\n",
            i + 1,
            t.score,
            M(&t.outlet),
            M(&t.title),
            links.article(t.seq, &t.file),
            bolded(s, &t.quotes)
        );
        if !loaded {
            let reasons: Vec<&str> = s
                .unattributed
                .reasons
                .iter()
                .map(|r| categories::reason(r))
                .collect();
            w!(out, "   - Why: {}.", M(&reasons.join("; ")));
            if let Some(src) = &s.attribution.source {
                w!(
                    out,
                    " Source given: {} ({}).",
                    M(src),
                    M(categories::attribution(s.attribution.kind.as_str()).0)
                );
            }
            out.push('\n');
        }
        let evidence = if loaded {
            &s.loaded.evidence
        } else {
            &s.unattributed.evidence
        };
        evidence_lines(out, "   ", evidence.iter());
        out.push('\n');
    }
}

fn tops(
    out: &mut String,
    loaded: &[TopSentence],
    unattributed: &[TopSentence],
    scope: &str,
    links: &Links,
) {
    w!(out, "## Most loaded sentences\n\nThe sentences {scope} in the outlet\u{2019}s own voice with the highest loaded-language score; the evidence is in bold.\n\n");
    top_list(out, loaded, true, links);
    w!(out, "## Most unattributed sentences\n\nClaims {scope} that the outlet makes in its own voice with no checkable source.\n\n");
    top_list(out, unattributed, false, links);
}

/// Eight levels of a text sparkline.
const BLOCKS: [char; 8] = [
    '\u{2581}', '\u{2582}', '\u{2583}', '\u{2584}', '\u{2585}', '\u{2586}', '\u{2587}', '\u{2588}',
];

fn sparkline(bins: &[usize; POSITION_BINS]) -> String {
    let max = bins.iter().copied().max().unwrap_or(0);
    bins.iter()
        .map(|&c| {
            if c == 0 || max == 0 {
                '\u{b7}'
            } else {
                BLOCKS[((c * 7) as f64 / max as f64).round() as usize]
            }
        })
        .collect()
}

fn outlet_link(o: &OutletStats, links: &Links) -> String {
    match links.outlet(&o.file) {
        Some(href) => format!("[{}]({href})", M(&o.name)),
        None => md(&o.name),
    }
}

fn overview(
    out: &mut String,
    rows: &[OutletStats],
    total: &OutletStats,
    with_total: bool,
    links: &Links,
) {
    let mut all: Vec<&OutletStats> = rows.iter().collect();
    if with_total {
        all.push(total);
    }
    let name = |o: &OutletStats| {
        if with_total && std::ptr::eq(o, total) {
            format!("**{}**", M(&o.name))
        } else {
            outlet_link(o, links)
        }
    };

    out.push_str("Rates are flagged sentences per 100 sentences in the outlet\u{2019}s own voice, with 95% bootstrap intervals over articles.\n\n");
    out.push_str("| Outlet | Articles | Sentences | Own voice | Loaded per 100 (95% CI) | Unattributed per 100 (95% CI) | Quoted text |\n|---|---:|---:|---:|---:|---:|---:|\n");
    for o in &all {
        w!(
            out,
            "| {} | {} | {} | {} | {} | {} | {:.0}% |\n",
            name(o),
            o.articles,
            o.sentences,
            o.author_sentences,
            rate(&o.loaded),
            rate(&o.unattributed),
            o.quoted_share * 100.0
        );
    }
    out.push('\n');

    let mut cats: Vec<&str> = all
        .iter()
        .flat_map(|o| o.categories.keys().map(String::as_str))
        .collect();
    cats.sort_by_key(|n| (category_rank(n), *n));
    cats.dedup();
    if !cats.is_empty() {
        out.push_str("### What kind of evidence\n\nShare of each evidence category among the flags in the outlets\u{2019} own voice.\n\n");
        let columns: Vec<(&str, String)> = cats
            .iter()
            .map(|c| (*c, M(cat_label(c)).to_string()))
            .collect();
        let rows: Vec<(String, &BTreeMap<String, usize>)> = all
            .iter()
            .map(|o| (name(o).to_string(), &o.categories))
            .collect();
        share_table(out, &columns, &rows);
    }

    out.push_str("### Who is cited\n\nShare of sentences by how they are sourced.\n\n");
    let columns: Vec<(&str, String)> = categories::ATTRIBUTION
        .iter()
        .map(|(kind, label, _)| (*kind, label.to_string()))
        .collect();
    let share_rows: Vec<(String, &BTreeMap<String, usize>)> = all
        .iter()
        .map(|o| (name(o).to_string(), &o.attribution))
        .collect();
    share_table(out, &columns, &share_rows);

    out.push_str("### Where in an article the flags fall\n\nFlagged own-voice sentences by tenth of their article, start to end, scaled to each row\u{2019}s busiest tenth.\n\n| Outlet | start \u{2192} end | flags |\n|---|---|---:|\n");
    for o in &all {
        w!(
            out,
            "| {} | `{}` | {} |\n",
            name(o),
            sparkline(&o.positions),
            o.flags()
        );
    }
    out.push('\n');

    if all.iter().any(|o| !o.loaded_terms.is_empty()) {
        out.push_str("### Most frequent loaded terms\n\n| Outlet | Terms in the outlet\u{2019}s own voice (occurrences) |\n|---|---|\n");
        for o in &all {
            let terms: Vec<String> = o
                .loaded_terms
                .iter()
                .map(|(t, n)| format!("{} ({n})", M(t)))
                .collect();
            w!(
                out,
                "| {} | {} |\n",
                name(o),
                if terms.is_empty() {
                    "\u{2014}".to_string()
                } else {
                    terms.join(", ")
                }
            );
        }
        out.push('\n');
    }

    let mut sets: Vec<&str> = rows
        .iter()
        .flat_map(|o| o.naming.keys().map(String::as_str))
        .collect();
    sets.sort_unstable();
    sets.dedup();
    if !sets.is_empty() {
        out.push_str("### Word choices\n\n| Naming set |");
        for o in rows {
            w!(out, " {} |", M(&o.name));
        }
        out.push_str("\n|---|");
        out.push_str(&"---|".repeat(rows.len()));
        out.push('\n');
        for set in sets {
            w!(out, "| {} |", M(set));
            for o in rows {
                let cell: Vec<String> = o
                    .naming
                    .get(set)
                    .map(|t| {
                        t.iter()
                            .map(|(term, n)| format!("{} {n}", M(term)))
                            .collect()
                    })
                    .unwrap_or_default();
                w!(
                    out,
                    " {} |",
                    if cell.is_empty() {
                        "\u{2014}".to_string()
                    } else {
                        cell.join(", ")
                    }
                );
            }
            out.push('\n');
        }
        out.push('\n');
    }
}

/// A table of shares: one row per outlet, one column per key (percent of the row's total),
/// and the row's total `n`. `columns` are (key, rendered label); `rows` are (rendered name,
/// counts by key).
fn share_table(
    out: &mut String,
    columns: &[(&str, String)],
    rows: &[(String, &BTreeMap<String, usize>)],
) {
    out.push_str("| Outlet |");
    for (_, label) in columns {
        w!(out, " {label} |");
    }
    out.push_str(" n |\n|---|");
    out.push_str(&"---:|".repeat(columns.len() + 1));
    out.push('\n');
    for (name, counts) in rows {
        let n: usize = counts.values().sum();
        w!(out, "| {name} |");
        for (key, _) in columns {
            let k = counts.get(*key).copied().unwrap_or(0);
            let share = if n == 0 {
                0.0
            } else {
                100.0 * k as f64 / n as f64
            };
            w!(out, " {share:.0}% |");
        }
        w!(out, " {n} |\n");
    }
    out.push('\n');
}

fn failed(out: &mut String, corpus: &Corpus) {
    if corpus.failed.is_empty() {
        return;
    }
    w!(
        out,
        "## Inputs that failed\n\n{} could not be scored; the rest of the report does not include them.\n\n| Input | Line | Problem | Details |\n|---|---:|---|---|\n",
        plural(corpus.failed.len(), "input", "inputs")
    );
    for f in &corpus.failed {
        w!(
            out,
            "| {} | {} | {} | {} |\n",
            M(&f.path),
            f.line.map(|l| l.to_string()).unwrap_or_default(),
            M(&f.kind),
            M(&f.message)
        );
    }
    out.push('\n');
}

fn methods(out: &mut String, meta: &Meta) {
    out.push_str("## Methods\n\n");
    out.push_str("**Loaded language** is wording that carries a judgement or emotion beyond the facts it reports: charged verbs, intensifiers, labels and name-calling, euphemism, scare quotes, exaggeration, one-sided naming. **Unattributed claims** are statements an outlet makes in its own voice that need a source and have none: vague sources, agentless passives that pass judgement, figures with no source, evaluations stated as fact. Background facts are not flagged.\n\n");
    out.push_str("Each sentence gets two scores between 0 and 1, combining the weights of its evidence (noisy-OR). Loaded words inside a direct quotation belong to the speaker: they are shown, but count for the outlet at reduced weight, and quoted sentences are left out of the outlet rates. A sentence is *flagged* when its score reaches the threshold. Rates are flagged sentences per 100 sentences in the outlet\u{2019}s own voice (author or mixed voice).\n\n");
    w!(
        out,
        "- Thresholds: loaded \u{2265} {:.2}; unattributed \u{2265} {:.2}; quoted words count {:.2} as much as the outlet\u{2019}s own. Records read from `slant score` JSONL keep the flags they were scored with.\n",
        meta.loaded_threshold,
        meta.unattributed_threshold,
        meta.quoted_weight
    );
    w!(out, "- Intervals: 95% percentile bootstrap over articles, {BOOTSTRAP_ITERATIONS} resamples, fixed seed {BOOTSTRAP_SEED:#x}.\n");
    w!(
        out,
        "- Lexicons: {}\n",
        code(if meta.lexicon_version.is_empty() {
            "unknown"
        } else {
            &meta.lexicon_version
        })
    );
    w!(out, "- slant version: {}\n", M(&meta.slant_version));
    if !meta.command.is_empty() {
        w!(out, "- Command line: {}\n", code(&meta.command));
    }
    if let Some(t) = &meta.timestamp {
        w!(out, "- Generated: {}\n", M(t));
    }
    out.push_str("\n| Code | Rule | Flags |\n|---|---|---|\n");
    for r in slant_score::rules::all() {
        let i = r.info();
        w!(
            out,
            "| {} | {} | {} |\n",
            i.code,
            M(&i.name.replace('_', " ")),
            M(i.summary)
        );
    }
    out.push_str("\nFlags point at wording for a reader to check; they are not verdicts about an article, an author or an outlet.\n");
}

fn corpus_line(corpus: &Corpus, total: &OutletStats, outlets: usize) -> String {
    let mut line = format!(
        "{} from {} \u{b7} {} \u{b7} slant {}",
        plural(total.articles, "article", "articles"),
        plural(outlets, "outlet", "outlets"),
        plural(total.sentences, "sentence", "sentences"),
        M(&corpus.meta.slant_version)
    );
    if !corpus.failed.is_empty() {
        w!(
            line,
            " \u{b7} {} failed",
            plural(corpus.failed.len(), "input", "inputs")
        );
    }
    if let Some(t) = &corpus.meta.timestamp {
        w!(line, " \u{b7} {}", M(t));
    }
    line
}

fn articles_table<'a>(out: &mut String, rows: impl Iterator<Item = &'a ArticleRow>, links: &Links) {
    out.push_str("| # | Article | Outlet | Date | Own voice | Loaded | Unattributed |\n|---:|---|---|---|---:|---:|---:|\n");
    for r in rows {
        let s = &r.summary;
        w!(
            out,
            "| {} | [{}]({}) | {} | {} | {} | {} | {} |\n",
            r.seq,
            M(r.display_title()),
            links.article(r.seq, &r.file),
            M(outlet_name(s.outlet.as_deref())),
            M(s.date.as_deref().unwrap_or("")),
            s.author_sentences,
            s.loaded_flagged,
            s.unattributed_flagged
        );
    }
    out.push('\n');
}

impl Renderer for Markdown {
    fn ext(&self) -> &'static str {
        "md"
    }

    fn article_section(
        &self,
        a: &ScoredArticle,
        row: &ArticleRow,
        _meta: &Meta,
        links: &Links,
    ) -> String {
        let mut out = String::new();
        article(&mut out, a, row, links);
        out
    }

    fn article_page(
        &self,
        a: &ScoredArticle,
        row: &ArticleRow,
        meta: &Meta,
        links: &Links,
    ) -> String {
        let mut out = format!("[Report index]({})", links.index().unwrap_or_default());
        let outlet = outlet_name(a.outlet.as_deref());
        if let Some(href) = links.outlet(&outlet_file(outlet)) {
            w!(out, " \u{203a} [{}]({href})", M(outlet));
        }
        out.push_str("\n\n");
        article(&mut out, a, row, links);
        w!(out, "What the scores mean, thresholds and versions: [methods]({}#methods). Made with slant {}.\n", links.index().unwrap_or_default(), M(&meta.slant_version));
        out
    }

    fn single_head(&self, corpus: &Corpus, links: &Links) -> String {
        let outlets = corpus.outlets();
        let total = corpus.total();
        let mut out = String::from("# Framing report\n\n");
        w!(out, "{}\n\n", corpus_line(corpus, &total, outlets.len()));
        out.push_str("Contents: [Overview](#corpus-overview) \u{b7} [Most loaded](#most-loaded-sentences) \u{b7} [Most unattributed](#most-unattributed-sentences) \u{b7} [Articles](#articles)");
        if !corpus.failed.is_empty() {
            out.push_str(" \u{b7} [Inputs that failed](#inputs-that-failed)");
        }
        out.push_str(" \u{b7} [Methods](#methods)\n\n## Corpus overview\n\n");
        overview(&mut out, &outlets, &total, outlets.len() > 1, links);
        tops(
            &mut out,
            corpus.top_loaded.items(),
            corpus.top_unattributed.items(),
            "across the corpus",
            links,
        );
        out.push_str("## Articles\n\n");
        articles_table(&mut out, corpus.articles.iter(), links);
        out
    }

    fn single_tail(&self, corpus: &Corpus, _links: &Links) -> String {
        let mut out = String::new();
        failed(&mut out, corpus);
        methods(&mut out, &corpus.meta);
        out
    }

    fn index_page(&self, corpus: &Corpus, outlets: &[OutletStats], links: &Links) -> String {
        let total = corpus.total();
        let mut out = String::from("# Framing report\n\n");
        w!(
            out,
            "{}\n\n## Corpus overview\n\n",
            corpus_line(corpus, &total, outlets.len())
        );
        overview(&mut out, outlets, &total, outlets.len() > 1, links);
        out.push_str("## Outlets\n\n");
        for o in outlets {
            w!(
                out,
                "- {} \u{2014} {}\n",
                outlet_link(o, links),
                plural(o.articles, "article", "articles")
            );
        }
        out.push('\n');
        tops(
            &mut out,
            corpus.top_loaded.items(),
            corpus.top_unattributed.items(),
            "across the corpus",
            links,
        );
        failed(&mut out, corpus);
        methods(&mut out, &corpus.meta);
        out
    }

    fn outlet_page(&self, corpus: &Corpus, outlet: &OutletStats, links: &Links) -> String {
        let mut out = format!(
            "[Report index]({})\n\n# {}\n\n",
            links.index().unwrap_or_default(),
            M(&outlet.name)
        );
        w!(
            out,
            "{} \u{b7} {} \u{b7} {} in the outlet\u{2019}s own voice\n\n## Overview\n\n",
            plural(outlet.articles, "article", "articles"),
            plural(outlet.sentences, "sentence", "sentences"),
            outlet.author_sentences
        );
        let mut one = corpus.outlets();
        one.retain(|o| o.name == outlet.name);
        overview(&mut out, &one, &corpus.total(), true, links);
        let empty = (Default::default(), Default::default());
        let (l, u) = corpus.outlet_tops.get(&outlet.name).unwrap_or(&empty);
        tops(&mut out, l.items(), u.items(), "of this outlet", links);
        out.push_str("## Articles\n\n");
        articles_table(&mut out, corpus.articles_of(&outlet.name), links);
        w!(
            out,
            "What the scores mean, thresholds and versions: [methods]({}#methods).\n",
            links.index().unwrap_or_default()
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_hold_any_backticks() {
        assert_eq!(code("a"), "`a`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x`"), "`` `x` ``");
    }

    #[test]
    fn evidence_is_bold_and_text_escaped() {
        let t = "The <b>reckless</b> plan.";
        let s = crate::analysis::highlight::tests::sentence(
            0,
            t,
            vec![crate::analysis::highlight::tests::ev(
                t,
                0,
                "reckless",
                "intensifier",
                "LL001",
                0.6,
            )],
            vec![],
        );
        assert_eq!(bolded(&s, &[]), "The &lt;b&gt;**reckless**&lt;/b&gt; plan.");
    }

    #[test]
    fn sparkline_scales_to_the_busiest_bin() {
        let mut bins = [0; POSITION_BINS];
        bins[0] = 4;
        bins[9] = 2;
        assert_eq!(
            sparkline(&bins),
            "\u{2588}\u{b7}\u{b7}\u{b7}\u{b7}\u{b7}\u{b7}\u{b7}\u{b7}\u{2585}"
        );
    }
}
