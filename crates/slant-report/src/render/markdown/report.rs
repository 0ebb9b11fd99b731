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
    outlet_file, ArticleRow, Failed, Meta, OutletStats, TopSentence, POSITION_BINS,
};
use crate::analysis::highlight::{group_evidence, highlight, merged_ranges};
use crate::analysis::report::{
    list_evidence, reasons, source_given, Anchor, ArticleList, ArticleView, Header, Overview,
    PageKind, Tops,
};
use crate::analysis::stats::{Rate, BOOTSTRAP_ITERATIONS, BOOTSTRAP_SEED};
use crate::categories;
use crate::escape::{md, M};
use crate::render::report::{Cx, Links, Renderer};
use crate::render::text::plural;
use slant_ingest::model::{Evidence, ScoredSentence, Span, Voice};
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

fn rate(r: &Rate) -> String {
    format!("{:.1} ({:.1}\u{2013}{:.1})", r.rate, r.low, r.high)
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
    s: &'a ScoredSentence,
    evidence: impl Iterator<Item = &'a Evidence>,
) {
    for group in group_evidence(s, evidence) {
        for part in group.parts() {
            let rules: Vec<String> = part
                .rules
                .iter()
                .map(|(rule, weight)| format!("{rule}, weight {weight:.2}"))
                .collect();
            let quoted = if part.quoted {
                " *Inside a quotation: the speaker\u{2019}s words.*"
            } else {
                ""
            };
            w!(
                out,
                "{indent}- **{}**: {} ({}): {}{quoted}\n",
                M(part.text),
                M(part.label),
                M(&rules.join("; ")),
                M(&part.reason)
            );
        }
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

fn article(out: &mut String, view: &ArticleView, links: &Links) {
    let (a, row) = (view.article, view.row);
    let s = &row.summary;
    if !links.folder {
        w!(out, "<a id=\"a{}\"></a>\n\n", row.seq);
    }
    w!(out, "### {}. {}\n\n", row.seq, M(view.title));
    match links.outlet(&outlet_file(view.outlet)) {
        Some(href) => w!(out, "[{}]({href})", M(view.outlet)),
        None => out.push_str(&md(view.outlet)),
    }
    if let Some(d) = view.date {
        w!(out, " \u{b7} {}", M(d));
    }
    w!(
        out,
        " \u{b7} id {} \u{b7} file {}",
        code(&a.id),
        code(&a.path)
    );
    if let Some(u) = view.url {
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
    if let Some((l, u)) = view.per_100() {
        w!(out, " ({l:.1} and {u:.1} per 100)");
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
            w!(out, ": {}", M(&reasons(s).join("; ")));
        }
        out.push('\n');
        evidence_lines(
            out,
            "  ",
            s,
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
            w!(out, "   - Why: {}.", M(&reasons(s).join("; ")));
            if let Some((src, kind)) = source_given(s) {
                w!(out, " Source given: {} ({}).", M(src), M(kind));
            }
            out.push('\n');
        }
        evidence_lines(out, "   ", s, list_evidence(s, loaded).iter());
        out.push('\n');
    }
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

fn overview(out: &mut String, ov: &Overview, links: &Links) {
    let all: Vec<&OutletStats> = ov.rows.iter().map(|r| r.stats).collect();
    let names: Vec<String> = ov
        .rows
        .iter()
        .map(|r| {
            if r.total {
                format!("**{}**", M(&r.stats.name))
            } else {
                outlet_link(r.stats, links)
            }
        })
        .collect();

    out.push_str("Rates are flagged sentences per 100 sentences in the outlet\u{2019}s own voice, with 95% bootstrap intervals over articles.\n\n");
    out.push_str("| Outlet | Articles | Sentences | Own voice | Loaded per 100 (95% CI) | Unattributed per 100 (95% CI) | Quoted text |\n|---|---:|---:|---:|---:|---:|---:|\n");
    for (o, name) in all.iter().zip(&names) {
        w!(
            out,
            "| {} | {} | {} | {} | {} | {} | {:.0}% |\n",
            name,
            o.articles,
            o.sentences,
            o.author_sentences,
            rate(&o.loaded),
            rate(&o.unattributed),
            o.quoted_share * 100.0
        );
    }
    out.push('\n');

    if !ov.categories.is_empty() {
        out.push_str("### What kind of evidence\n\nShare of each evidence category among the flags in the outlets\u{2019} own voice.\n\n");
        let columns: Vec<(&str, String)> = ov
            .categories
            .iter()
            .map(|c| (*c, M(categories::label(c)).to_string()))
            .collect();
        let rows: Vec<(String, &BTreeMap<String, usize>)> = all
            .iter()
            .zip(&names)
            .map(|(o, name)| (name.clone(), &o.categories))
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
        .zip(&names)
        .map(|(o, name)| (name.clone(), &o.attribution))
        .collect();
    share_table(out, &columns, &share_rows);

    out.push_str("### Where in an article the flags fall\n\nFlagged own-voice sentences by tenth of their article, start to end, scaled to each row\u{2019}s busiest tenth.\n\n| Outlet | start \u{2192} end | flags |\n|---|---|---:|\n");
    for (o, name) in all.iter().zip(&names) {
        w!(
            out,
            "| {} | `{}` | {} |\n",
            name,
            sparkline(&o.positions),
            o.flags()
        );
    }
    out.push('\n');

    if ov.loaded_terms {
        out.push_str("### Most frequent loaded terms\n\n| Outlet | Terms in the outlet\u{2019}s own voice (occurrences) |\n|---|---|\n");
        for (o, name) in all.iter().zip(&names) {
            let terms: Vec<String> = o
                .loaded_terms
                .iter()
                .map(|(t, n)| format!("{} ({n})", M(t)))
                .collect();
            w!(
                out,
                "| {} | {} |\n",
                name,
                if terms.is_empty() {
                    "\u{2014}".to_string()
                } else {
                    terms.join(", ")
                }
            );
        }
        out.push('\n');
    }

    if !ov.naming.is_empty() {
        out.push_str("### Word choices\n\n| Naming set |");
        for o in ov.outlets {
            w!(out, " {} |", M(&o.name));
        }
        out.push_str("\n|---|");
        out.push_str(&"---|".repeat(ov.outlets.len()));
        out.push('\n');
        for row in &ov.naming {
            w!(out, "| {} |", M(row.set));
            for cell in &row.cells {
                let terms: Vec<String> = cell
                    .iter()
                    .map(|(term, n)| format!("{} {n}", M(term)))
                    .collect();
                w!(
                    out,
                    " {} |",
                    if terms.is_empty() {
                        "\u{2014}".to_string()
                    } else {
                        terms.join(", ")
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

fn failed(out: &mut String, failed: &[Failed]) {
    if failed.is_empty() {
        return;
    }
    w!(
        out,
        "## Inputs that failed\n\n{} could not be scored; the rest of the report does not include them.\n\n| Input | Line | Problem | Details |\n|---|---:|---|---|\n",
        plural(failed.len(), "input", "inputs")
    );
    for f in failed {
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

fn articles_table(out: &mut String, rows: &[&ArticleRow], links: &Links) {
    out.push_str("| # | Article | Outlet | Date | Own voice | Loaded | Unattributed |\n|---:|---|---|---|---:|---:|---:|\n");
    for r in rows {
        let s = &r.summary;
        w!(
            out,
            "| {} | [{}]({}) | {} | {} | {} | {} | {} |\n",
            r.seq,
            M(r.display_title()),
            links.article(r.seq, &r.file),
            M(r.outlet()),
            M(s.date.as_deref().unwrap_or("")),
            s.author_sentences,
            s.loaded_flagged,
            s.unattributed_flagged
        );
    }
    out.push('\n');
}

/// Where a table-of-contents entry points (the slug GitHub gives the heading), and its label.
fn anchor(a: Anchor) -> (&'static str, &'static str) {
    match a {
        Anchor::Overview => ("#corpus-overview", "Overview"),
        Anchor::Outlets => ("#outlets", "Outlets"),
        Anchor::MostLoaded => ("#most-loaded-sentences", "Most loaded"),
        Anchor::MostUnattributed => ("#most-unattributed-sentences", "Most unattributed"),
        Anchor::Articles => ("#articles", "Articles"),
        Anchor::Failed => ("#inputs-that-failed", "Inputs that failed"),
        Anchor::Methods => ("#methods", "Methods"),
    }
}

impl Renderer for Markdown {
    fn ext(&self) -> &'static str {
        "md"
    }

    fn header(&self, out: &mut String, h: &Header, cx: &Cx) {
        let links = cx.links;
        if let Some(c) = &h.crumbs {
            w!(out, "[Report index]({})", links.index().unwrap_or_default());
            if let Some(outlet) = c.outlet {
                if let Some(href) = links.outlet(&outlet_file(outlet)) {
                    w!(out, " \u{203a} [{}]({href})", M(outlet));
                }
            }
            out.push_str("\n\n");
        }
        if let Some(title) = h.title {
            w!(out, "# {}\n\n", M(title));
        }
        if let Some(sub) = &h.sub {
            w!(out, "{}\n\n", M(sub));
        }
        // A single file is long enough to need its contents; the pages of a folder are not.
        if cx.page == PageKind::Single {
            let items: Vec<String> = h
                .nav
                .iter()
                .map(|a| {
                    let (href, label) = anchor(*a);
                    format!("[{label}]({href})")
                })
                .collect();
            w!(out, "Contents: {}\n\n", items.join(" \u{b7} "));
        }
    }

    fn overview(&self, out: &mut String, o: &Overview, cx: &Cx) {
        w!(out, "## {}\n\n", o.heading);
        overview(out, o, cx.links);
    }

    fn outlets(&self, out: &mut String, outlets: &[OutletStats], cx: &Cx) {
        out.push_str("## Outlets\n\n");
        for o in outlets {
            w!(
                out,
                "- {} \u{2014} {}\n",
                outlet_link(o, cx.links),
                plural(o.articles, "article", "articles")
            );
        }
        out.push('\n');
    }

    fn tops(&self, out: &mut String, t: &Tops, cx: &Cx) {
        let scope = t.scope;
        w!(out, "## Most loaded sentences\n\nThe sentences {scope} in the outlet\u{2019}s own voice with the highest loaded-language score; the evidence is in bold.\n\n");
        top_list(out, t.loaded, true, cx.links);
        w!(out, "## Most unattributed sentences\n\nClaims {scope} that the outlet makes in its own voice with no checkable source.\n\n");
        top_list(out, t.unattributed, false, cx.links);
    }

    fn articles(&self, out: &mut String, list: &ArticleList, cx: &Cx) {
        out.push_str("## Articles\n\n");
        articles_table(out, &list.rows, cx.links);
    }

    fn article(&self, out: &mut String, view: &ArticleView, cx: &Cx) {
        article(out, view, cx.links);
    }

    fn failed(&self, out: &mut String, f: &[Failed], _cx: &Cx) {
        failed(out, f);
    }

    fn methods(&self, out: &mut String, meta: &Meta, _cx: &Cx) {
        methods(out, meta);
    }

    fn methods_link(&self, out: &mut String, cx: &Cx) {
        w!(
            out,
            "What the scores mean, thresholds and versions: [methods]({}#methods).",
            cx.links.index().unwrap_or_default()
        );
        if cx.page == PageKind::Article {
            w!(out, " Made with slant {}.", M(&cx.meta.slant_version));
        }
        out.push('\n');
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
