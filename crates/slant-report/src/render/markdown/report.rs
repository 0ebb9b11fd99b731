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
    self, article_columns, counts, facts, list_evidence, plural, reasons, source_given,
    ArticleList, ArticleView, Header, Overview, PageKind, Tops, FAILED_COLUMNS, RATE_COLUMNS,
    RULE_COLUMNS, TERM_COLUMNS,
};
use crate::analysis::stats::{Rate, BOOTSTRAP_ITERATIONS, BOOTSTRAP_SEED};
use crate::categories;
use crate::escape::{md, visible_text, M};
use crate::render::report::{Cx, Links, Renderer};
use slant_ingest::model::{Evidence, ScoredSentence, Span, Voice};
use std::collections::BTreeMap;
use std::fmt::Write;

/// The Markdown renderer.
#[derive(Debug, Clone, Copy, Default)]
pub struct Markdown;

/// `s` as an inline code span: a fence longer than any run of backticks inside, line breaks
/// as spaces. Not for table cells (a `|` would still end the cell there).
pub fn code(s: &str) -> String {
    let s: String = visible_text(s)
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
    for (name, value) in view.identifiers() {
        w!(out, " \u{b7} {name} {}", code(value));
    }
    out.push_str("\n\n");
    let warnings = a
        .warnings
        .iter()
        .map(|w| format!("> \u{26a0} {}\n\n", M(w)));
    out.extend(warnings);
    w!(
        out,
        "{} loaded and {} unattributed{}",
        row.loaded_flagged,
        row.unattributed_flagged,
        view.own_voice()
    );
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
    let rows = flagged.iter().map(|s| {
        let who = if s.voice == Voice::Quoted {
            "*(quoted)* "
        } else {
            ""
        };
        let text = format!("{who}{}", bolded(s, &a.quotes));
        vec![(s.index + 1).to_string(), text, flags(s)]
    });
    table(
        out,
        &[("#", true), ("Sentence", false), ("Flags", false)],
        rows,
    );
    out.push_str("Why:\n\n");
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
    let named = || ov.rows.iter().map(|r| r.stats).zip(&names);

    out.push_str("Rates are flagged sentences per 100 sentences in the outlet\u{2019}s own voice, with 95% bootstrap intervals over articles.\n\n");
    let rows = named().map(|(o, name)| {
        let mut cells = vec![name.clone()];
        cells.extend(counts(o));
        cells.extend([rate(&o.loaded), rate(&o.unattributed)]);
        cells.push(format!("{:.0}%", o.quoted_share * 100.0));
        cells
    });
    table(out, &RATE_COLUMNS, rows);

    if !ov.categories.is_empty() {
        out.push_str("### What kind of evidence\n\nShare of each evidence category among the flags in the outlets\u{2019} own voice.\n\n");
        let labels: Vec<String> = ov
            .categories
            .iter()
            .map(|c| M(categories::label(c)).to_string())
            .collect();
        let columns: Vec<(&str, &str)> = ov
            .categories
            .iter()
            .zip(&labels)
            .map(|(k, l)| (*k, l.as_str()))
            .collect();
        share_table(out, &columns, named().map(|(o, n)| (n, &o.categories)));
    }

    out.push_str("### Who is cited\n\nShare of sentences by how they are sourced.\n\n");
    let columns: Vec<(&str, &str)> = categories::ATTRIBUTION
        .iter()
        .map(|(kind, label, _)| (*kind, *label))
        .collect();
    share_table(out, &columns, named().map(|(o, n)| (n, &o.attribution)));

    out.push_str("### Where in an article the flags fall\n\nFlagged own-voice sentences by tenth of their article, start to end, scaled to each row\u{2019}s busiest tenth.\n\n");
    let rows = named().map(|(o, name)| {
        let strip = format!("`{}`", sparkline(&o.positions));
        vec![name.clone(), strip, o.flags().to_string()]
    });
    let head = [
        ("Outlet", false),
        ("start \u{2192} end", false),
        ("flags", true),
    ];
    table(out, &head, rows);

    if ov.loaded_terms {
        out.push_str("### Most frequent loaded terms\n\n");
        let rows = named().map(|(o, name)| {
            let terms = o.loaded_terms.iter().map(|(t, n)| (t.as_str(), *n));
            vec![
                name.clone(),
                term_counts(terms, |t, n| format!("{t} ({n})")),
            ]
        });
        table(out, &TERM_COLUMNS, rows);
    }

    if !ov.naming.is_empty() {
        out.push_str("### Word choices\n\n");
        let names: Vec<String> = ov.outlets.iter().map(|o| md(&o.name)).collect();
        let mut head = vec![("Naming set", false)];
        head.extend(names.iter().map(|n| (n.as_str(), false)));
        let rows = ov.naming.iter().map(|row| {
            let mut cells = vec![md(row.set)];
            let each =
                |c: &Vec<(&str, usize)>| term_counts(c.iter().copied(), |t, n| format!("{t} {n}"));
            cells.extend(row.cells.iter().map(each));
            cells
        });
        table(out, &head, rows);
    }
}

/// Terms with their counts (`show` writes one, escaped), or a dash for none.
fn term_counts<'a>(
    items: impl Iterator<Item = (&'a str, usize)>,
    show: impl Fn(String, usize) -> String,
) -> String {
    let terms: Vec<String> = items.map(|(t, n)| show(md(t), n)).collect();
    if terms.is_empty() {
        "\u{2014}".to_string()
    } else {
        terms.join(", ")
    }
}

/// A table: the head row (label, number column: right-aligned), the rows of cells, and the
/// blank line that ends it.
fn table(out: &mut String, head: &[(&str, bool)], rows: impl Iterator<Item = Vec<String>>) {
    out.push('|');
    for (label, _) in head {
        w!(out, " {label} |");
    }
    out.push_str("\n|");
    for (_, number) in head {
        out.push_str(if *number { "---:|" } else { "---|" });
    }
    out.push('\n');
    for cells in rows {
        out.push('|');
        for cell in cells {
            w!(out, " {cell} |");
        }
        out.push('\n');
    }
    out.push('\n');
}

/// A table of shares: one row per outlet, one column per key (percent of the row's total),
/// and the row's total `n`. `columns` are (key, label as Markdown); rows are (name as
/// Markdown, counts by key).
fn share_table<'a>(
    out: &mut String,
    columns: &[(&str, &str)],
    rows: impl Iterator<Item = (&'a String, &'a BTreeMap<String, usize>)>,
) {
    let mut head = vec![("Outlet", false)];
    head.extend(columns.iter().map(|(_, label)| (*label, true)));
    head.push(("n", true));
    let rows = rows.map(|(name, counts)| {
        let n: usize = counts.values().sum();
        let mut cells = vec![name.clone()];
        for (key, _) in columns {
            let k = counts.get(*key).copied().unwrap_or(0);
            let share = if n == 0 {
                0.0
            } else {
                100.0 * k as f64 / n as f64
            };
            cells.push(format!("{share:.0}%"));
        }
        cells.push(n.to_string());
        cells
    });
    table(out, &head, rows);
}

fn failed(out: &mut String, failed: &[Failed]) {
    w!(
        out,
        "## Inputs that failed\n\n{} could not be scored; the rest of the report does not include them.\n\n",
        plural(failed.len(), "input", "inputs")
    );
    let rows = failed
        .iter()
        .map(|f| vec![md(&f.path), f.line_text(), md(&f.kind), md(&f.message)]);
    table(out, &FAILED_COLUMNS, rows);
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
    for f in facts(meta) {
        let value = if f.code { code(f.value) } else { md(f.value) };
        w!(out, "- {}: {value}\n", f.label);
    }
    out.push('\n');
    let rows = report::rules()
        .into_iter()
        .map(|[code, name, summary]| vec![md(&code), md(&name), md(&summary)]);
    table(out, &RULE_COLUMNS, rows);
    out.push_str("Flags point at wording for a reader to check; they are not verdicts about an article, an author or an outlet.\n");
}

fn articles_table(out: &mut String, rows: &[&ArticleRow], links: &Links) {
    let rows = rows.iter().map(|r| {
        let link = format!(
            "[{}]({})",
            M(r.display_title()),
            links.article(r.seq, &r.file)
        );
        let date = md(r.date().unwrap_or(""));
        let mut cells = vec![r.seq.to_string(), link, md(r.outlet()), date];
        cells.extend(r.counts().map(|n| n.to_string()));
        cells
    });
    table(out, &article_columns(true, "Own voice"), rows);
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
            // GitHub's anchor of a heading: lower case, spaces as dashes.
            let items: Vec<String> = h
                .nav
                .iter()
                .map(|a| {
                    let slug = a.heading().to_lowercase().replace(' ', "-");
                    format!("[{}](#{slug})", a.label())
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
