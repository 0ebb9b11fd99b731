//! The HTML framing report: self-contained pages (inline CSS and SVG, no script, nothing
//! fetched) that a reader understands in a minute and can check sentence by sentence.
//!
//! Sections: a corpus overview (counts, rates per outlet with interval whiskers, the mix of
//! evidence categories and attribution kinds, where in an article the flags fall), the most
//! loaded and most unattributed sentences, every article with its flagged words highlighted
//! (a colour *and* an underline style per category, quoted speech set apart, a hover title
//! and a numbered footnote per highlight), the inputs that failed, and a methods note.
//!
//! **Article text is hostile.** Every string that comes from an article (title, outlet, id,
//! path, URL, body) is escaped with [`crate::escape`] after slicing by byte offsets; article
//! URLs are shown as text, never as links; class names come from a fixed table
//! ([`crate::categories`]); and a Content-Security-Policy that allows no script, no fetch and
//! only inline styles is set as a second line of defence.

use crate::analysis::corpus::{outlet_file, ArticleRow, Failed, Meta, OutletStats, TopSentence};
use crate::analysis::highlight::{highlight, Highlighted};
use crate::analysis::report::{
    self, article_columns, counts, facts, list_evidence, plural, reasons, source_given,
    ArticleList, ArticleView, Header, Overview, Page, PageKind, Row, Tops, FAILED_COLUMNS,
    RATE_COLUMNS, RULE_COLUMNS, TERM_COLUMNS,
};
use crate::analysis::stats::{Rate, BOOTSTRAP_ITERATIONS, BOOTSTRAP_SEED};
use crate::categories::{self, category, category_rank, evidence_reason, CATEGORIES, OTHER};
use crate::escape::{push_html, H};
use crate::render::html::page;
use crate::render::report::{Cx, Links, Renderer};
use crate::render::svg::{self, PositionRow, RateRow, Segment, StackRow};
use slant_ingest::model::{ScoredSentence, Span};
use std::collections::BTreeMap;
use std::fmt::Write;

/// The HTML renderer.
#[derive(Debug, Clone, Copy, Default)]
pub struct Html;

const BASE_CSS: &str = r#"
header.top .intro{margin:8px 0 0;max-width:60em;font-size:15px;color:#3d444d}
.crumbs{font-size:13.5px;margin:0 0 6px;color:var(--muted)}
nav.toc{display:flex;flex-wrap:wrap;gap:4px 20px;font-size:14px;margin-top:10px}
h2{font-size:20px;margin:44px 0 4px;padding-top:14px;border-top:1px solid var(--line);letter-spacing:-.005em}
h2:first-child{border-top:0;margin-top:8px;padding-top:0}
h3.sub{font-size:15.5px;margin:26px 0 4px}
.lede{color:var(--muted);margin:0 0 14px;max-width:62em;font-size:14.5px}
.lede.after{margin-top:28px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(145px,1fr));gap:12px;margin:4px 0 20px}
.card{border:1px solid var(--line);border-radius:10px;padding:10px 14px 9px}
.card .n{font-size:25px;font-weight:650;font-variant-numeric:tabular-nums;line-height:1.25}
.card .n small{font-size:13px;font-weight:500;color:var(--muted)}
.card .k{font-size:12.5px;color:var(--muted)}
.card.l .n{color:#b4572a}.card.u .n{color:#2f5f9e}.card.f .n{color:#a4262c}
figure{margin:6px 0 24px}figcaption{font-size:13px;color:var(--muted);margin:2px 0 6px;max-width:62em}
figcaption b{color:var(--ink);font-weight:600;font-size:14px;display:block}
svg.chart{display:block;width:100%;height:auto;font-family:inherit}
table{border-collapse:collapse;width:100%;font-size:14px;font-variant-numeric:tabular-nums;margin:6px 0 20px}
th,td{text-align:left;padding:6px 10px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-weight:600;font-size:12.5px;color:var(--muted);border-bottom:2px solid var(--line)}
td.num,th.num{text-align:right;white-space:nowrap}
tr.total td{font-weight:600;border-top:2px solid var(--line)}
.ci{color:var(--muted);font-size:12.5px;font-weight:400}
ol.top{padding:0;margin:8px 0 0;list-style:none;counter-reset:t}
ol.top>li{counter-increment:t;position:relative;padding:12px 0 12px 46px;border-bottom:1px solid var(--line)}
ol.top>li::before{content:counter(t);position:absolute;left:0;top:13px;width:30px;text-align:right;font-weight:650;font-size:15px;color:#9aa1a9;font-variant-numeric:tabular-nums}
.src{font-size:13px;color:var(--muted);margin-top:4px}
.why{font-size:13px;color:#3d444d;margin:5px 0 0;padding:0;list-style:none}
.why li{margin:1px 0}
.score{display:inline-block;font-variant-numeric:tabular-nums;font-weight:650;font-size:12px;padding:1px 8px;border-radius:10px;margin-right:4px}
.score.l{background:#fbe6da;color:#8a3b14}.score.u{background:#dfe9f6;color:#1f4a80}
.text{font-family:Charter,"Bitstream Charter","Iowan Old Style",Georgia,Cambria,"Times New Roman",serif;font-size:17px;line-height:1.72}
.text p{margin:0 0 .85em;max-width:44em}
ol.top .text{font-size:16.5px;line-height:1.6;max-width:48em}
mark.hl{background:var(--bg);color:inherit;text-decoration-line:underline;text-decoration-color:var(--c);text-decoration-style:var(--u);text-decoration-thickness:2px;text-underline-offset:4px;text-decoration-skip-ink:none;border-radius:2px;padding:0 1px}
mark.hl.q{background:transparent}
.qs{font-style:italic;color:#3b4757;background:var(--quote)}
.badge{font:650 10.5px/1 system-ui,sans-serif;vertical-align:2px;margin-left:4px;padding:2px 5px;border-radius:8px;white-space:nowrap;font-style:normal}
.badge.l{background:#fbe6da;color:#8a3b14}.badge.u{background:#dfe9f6;color:#1f4a80}
sup.fn{font:600 10.5px system-ui,sans-serif;line-height:0;margin-left:1px;font-style:normal}
sup.fn a{color:var(--muted)}
.legend{display:flex;flex-wrap:wrap;gap:6px 18px;font-size:13px;margin:8px 0 18px;padding:10px 14px;background:var(--soft);border-radius:10px;align-items:baseline}
.legend b{font-weight:600;margin-right:2px}
article.art{border-top:1px solid var(--line);padding-top:14px;margin-top:36px}
article.solo{border-top:0;padding-top:0;margin-top:12px}
.kicker{font-size:12px;text-transform:uppercase;letter-spacing:.07em;color:var(--muted);margin:0;font-weight:600}
article.art h3{font-size:22px;line-height:1.3;margin:4px 0 6px;font-family:Charter,"Iowan Old Style",Georgia,serif;font-weight:700}
.meta{font-size:12.5px;color:var(--muted);margin:0 0 6px;overflow-wrap:anywhere}
.meta code,.methods code{font-size:12px;background:var(--soft);padding:1px 4px;border-radius:4px}
.warn{color:#8a5a00}
.stats{font-size:13.5px;color:#3d444d;margin:0 0 14px}
ol.notes{font-size:13px;color:#3d444d;border-top:1px dashed var(--line);padding-top:10px;margin:6px 0 0;padding-left:28px}
ol.notes li{margin:2px 0}
ol.notes .w{font-weight:600}
.failed td{overflow-wrap:anywhere}
.methods{max-width:64em}.methods dt{font-weight:600;margin-top:8px}.methods dd{margin:0 0 0 0;color:#3d444d}
footer{margin-top:56px;color:var(--muted);font-size:12.5px;border-top:1px solid var(--line);padding-top:12px}
@media print{nav.toc{display:none}a{color:inherit}.wrap{max-width:none;padding:0}figure,ol.top>li{break-inside:avoid}h2{break-after:avoid}}
"#;

/// The page's style sheet: the base rules plus one rule per category, from the fixed table.
fn css() -> String {
    let mut css =
        ":root{--ink:#1f2328;--muted:#656d76;--line:#d8dee4;--soft:#f6f8fa;--quote:#edf1f6}\n"
            .to_string();
    css.push_str(page::FRAME_CSS);
    css.push_str(BASE_CSS.trim_start());
    for c in CATEGORIES.iter().chain([&OTHER]) {
        w!(
            css,
            ".c-{}{{--c:{};--bg:{};--u:{}}}\n",
            c.name,
            c.colour,
            c.background,
            c.underline
        );
    }
    css
}

fn page_start(out: &mut String, title: &str) {
    page::start(out, title, &css());
}

fn page_end(out: &mut String, meta: &Meta) {
    let mut footer = format!("Made with slant {}", H(&meta.slant_version));
    if let Some(t) = &meta.timestamp {
        w!(footer, " on {}", H(t));
    }
    footer.push_str(". Flags point at wording for a reader to check; they are not verdicts.");
    page::end(out, &footer);
}

fn rate_cell(r: &Rate) -> String {
    format!(
        "{:.1} <span class=\"ci\">({:.1}\u{2013}{:.1})</span>",
        r.rate, r.low, r.high
    )
}

/// Attribute text for a highlight: one line per category and reason, with the rules behind
/// it (a word can be loaded and, by another rule, an evaluation stated as fact).
fn mark_title(h: &Highlighted, groups: &[usize]) -> String {
    let mut lines: Vec<(Vec<&str>, &str, String, bool)> = Vec::new();
    for &g in groups {
        for e in &h.groups[g].evidence {
            let (label, reason) = (categories::label(&e.category), evidence_reason(e));
            match lines
                .iter_mut()
                .find(|l| l.1 == label && l.2 == reason && l.3 == e.quoted)
            {
                Some(l) => l.0.push(&e.rule),
                None => lines.push((vec![&e.rule], label, reason, e.quoted)),
            }
        }
    }
    let lines: Vec<String> = lines
        .into_iter()
        .map(|(rules, label, reason, quoted)| {
            let quoted = if quoted {
                " (inside a quotation: the speaker\u{2019}s words)"
            } else {
                ""
            };
            format!(
                "{} \u{b7} {label} \u{b7} {reason}{quoted}",
                rules.join(", ")
            )
        })
        .collect();
    lines.join("\n")
}

/// Footnote numbering for one article.
struct Notes {
    prefix: String,
    next: usize,
    items: String,
}

/// A sentence with its highlights. With `notes`, each highlight gets a numbered footnote and
/// the sentence an anchor and score badges.
fn sentence(
    out: &mut String,
    s: &ScoredSentence,
    quotes: &[Span],
    meta: &Meta,
    mut notes: Option<&mut Notes>,
) {
    let h = highlight(s, quotes);
    let first_note = notes.as_ref().map(|n| n.next).unwrap_or(0);
    if let Some(n) = notes.as_deref_mut() {
        let mut class = String::from("s");
        if s.loaded.flagged {
            class.push_str(" fl");
        }
        if s.unattributed.flagged {
            class.push_str(" fu");
        }
        w!(
            out,
            "<span class=\"{class}\" id=\"{}s{}\">",
            n.prefix,
            s.index
        );
    }
    for run in &h.runs {
        if run.quoted {
            out.push_str("<span class=\"qs\">");
        }
        let text = &h.text[run.start..run.end];
        if let Some(&inner) = run.groups.first() {
            let group = &h.groups[inner];
            let style = category(&group.primary().category);
            let q = if group.quoted() { " q" } else { "" };
            w!(
                out,
                "<mark class=\"hl c-{}{q}\" title=\"{}\">",
                style.name,
                H(&mark_title(&h, &run.groups))
            );
            push_html(out, text);
            out.push_str("</mark>");
        } else {
            push_html(out, text);
        }
        if let Some(n) = notes.as_deref() {
            for &g in &run.closes {
                let num = first_note + g;
                w!(
                    out,
                    "<sup class=\"fn\"><a href=\"#{}n{num}\">{num}</a></sup>",
                    n.prefix
                );
            }
        }
        if run.quoted {
            out.push_str("</span>");
        }
    }
    let Some(n) = notes else { return };
    out.push_str("</span>");
    if s.loaded.flagged {
        w!(
            out,
            "<span class=\"badge l\" title=\"loaded-language score {:.2} (flagged at {:.2} and above)\">L {:.2}</span>",
            s.loaded.score,
            meta.loaded_threshold,
            s.loaded.score
        );
    }
    if s.unattributed.flagged {
        w!(
            out,
            "<span class=\"badge u\" title=\"unattributed-claim score {:.2} (flagged at {:.2} and above): {}\">U {:.2}</span>",
            s.unattributed.score,
            meta.unattributed_threshold,
            H(&reasons(s).join("; ")),
            s.unattributed.score
        );
    }
    for (i, g) in h.groups.iter().enumerate() {
        let num = first_note + i;
        w!(n.items, "<li id=\"{}n{num}\" value=\"{num}\"><a href=\"#{}s{}\" title=\"back to the sentence\">\u{21a9}</a> ", n.prefix, n.prefix, s.index);
        let quoted_text = g.text.starts_with(['"', '\u{201c}', '\'', '\u{2018}']);
        if quoted_text {
            w!(n.items, "<span class=\"w\">{}</span>: ", H(g.text));
        } else {
            w!(
                n.items,
                "\u{201c}<span class=\"w\">{}</span>\u{201d}: ",
                H(g.text)
            );
        }
        // Rules that agree on category and reason (a word both loaded and an evaluation
        // stated as fact) share one line.
        for (k, part) in g.parts().iter().enumerate() {
            if k > 0 {
                n.items.push_str(" \u{b7} ");
            }
            let rules: Vec<String> = part
                .rules
                .iter()
                .map(|(rule, weight)| format!("{rule} {weight:.2}"))
                .collect();
            w!(
                n.items,
                "<b>{}</b> <span class=\"ci\">({})</span> {}",
                H(part.label),
                H(&rules.join(", ")),
                H(&part.reason)
            );
            if part.quoted {
                n.items.push_str(" <i>Inside a quotation: the speaker\u{2019}s words, counted for the outlet at reduced weight.</i>");
            }
        }
        n.items.push_str("</li>\n");
    }
    n.next = first_note + h.groups.len();
}

fn article_body(
    out: &mut String,
    a: &slant_ingest::model::ScoredArticle,
    prefix: &str,
    meta: &Meta,
) -> String {
    let mut notes = Notes {
        prefix: prefix.to_string(),
        next: 1,
        items: String::new(),
    };
    out.push_str("<div class=\"text\">\n");
    let mut para = None;
    for s in &a.sentences {
        if para != Some(s.paragraph) {
            if para.is_some() {
                out.push_str("</p>\n");
            }
            out.push_str("<p>");
            para = Some(s.paragraph);
        } else {
            out.push(' ');
        }
        sentence(out, s, &a.quotes, meta, Some(&mut notes));
    }
    if para.is_some() {
        out.push_str("</p>\n");
    }
    out.push_str("</div>\n");
    notes.items
}

fn article(out: &mut String, view: &ArticleView, cx: &Cx) {
    let (a, row, links) = (view.article, view.row, cx.links);
    let prefix = links.id_prefix(row.seq);
    let (anchor, class) = if links.folder {
        ("article".to_string(), "art solo")
    } else {
        (format!("a{}", row.seq), "art")
    };
    w!(
        out,
        "<article class=\"{class}\" id=\"{anchor}\">\n<p class=\"kicker\">"
    );
    match links.outlet(&outlet_file(view.outlet)) {
        Some(href) if links.folder => w!(out, "<a href=\"{href}\">{}</a>", H(view.outlet)),
        _ => push_html(out, view.outlet),
    }
    if let Some(d) = view.date {
        w!(out, " \u{b7} {}", H(d));
    }
    w!(out, "</p>\n<h3>{}</h3>\n<p class=\"meta\">", H(view.title));
    w!(out, "#{}", row.seq);
    // The URL is shown as text, never as a link: it is input like any other.
    for (name, value) in view.identifiers() {
        w!(out, " \u{b7} {name} <code>{}</code>", H(value));
    }
    out.push_str("</p>\n");
    for warning in &a.warnings {
        w!(out, "<p class=\"meta warn\">\u{26a0} {}</p>\n", H(warning));
    }
    w!(
        out,
        "<p class=\"stats\"><span class=\"score l\">{} loaded</span><span class=\"score u\">{} unattributed</span>{}",
        row.loaded_flagged,
        row.unattributed_flagged,
        view.own_voice()
    );
    let quoted = view.quoted_sentences();
    if quoted > 0 {
        w!(out, "; {} quoted", plural(quoted, "sentence", "sentences"));
    }
    out.push_str(".</p>\n");
    if a.sentences.is_empty() {
        out.push_str("<p class=\"lede\">No sentences.</p>\n");
    }
    let notes = article_body(out, a, &prefix, cx.meta);
    if !notes.is_empty() {
        out.push_str("<ol class=\"notes\">\n");
        out.push_str(&notes);
        out.push_str("</ol>\n");
    }
    out.push_str("</article>\n");
}

/// The legend of highlight styles, for the categories in `names`.
fn legend(out: &mut String, names: &[&str]) {
    let mut names: Vec<&str> = names.to_vec();
    names.sort_by_key(|n| (category_rank(n), *n));
    names.dedup_by_key(|n| category(n).name);
    out.push_str("<div class=\"legend\"><b>Highlights</b>");
    for n in names {
        let c = category(n);
        w!(
            out,
            "<span><mark class=\"hl c-{}\">{}</mark></span>",
            c.name,
            H(c.label)
        );
    }
    out.push_str("<span><span class=\"qs\">quoted speech</span></span><span><span class=\"badge l\">L</span> loaded sentence</span><span><span class=\"badge u\">U</span> unattributed claim</span></div>\n");
}

fn cards(out: &mut String, failed: usize, total: &OutletStats, outlets: usize) {
    out.push_str("<div class=\"cards\">");
    w!(
        out,
        "<div class=\"card\"><div class=\"n\">{}</div><div class=\"k\">articles</div></div>",
        total.articles
    );
    if outlets > 0 {
        w!(out, "<div class=\"card\"><div class=\"n\">{outlets}</div><div class=\"k\">outlets</div></div>");
    }
    w!(
        out,
        "<div class=\"card\"><div class=\"n\">{}</div><div class=\"k\">sentences, {} in the outlet\u{2019}s own voice</div></div>",
        total.sentences,
        total.author_sentences
    );
    for (class, rate, what) in [
        ("l", &total.loaded, "loaded"),
        ("u", &total.unattributed, "unattributed"),
    ] {
        w!(
            out,
            "<div class=\"card {class}\"><div class=\"n\">{:.1} <small>({:.1}\u{2013}{:.1})</small></div><div class=\"k\">{what} per 100 own-voice sentences ({} flagged)</div></div>",
            rate.rate,
            rate.low,
            rate.high,
            rate.flagged
        );
    }
    if failed > 0 {
        w!(out, "<div class=\"card f\"><div class=\"n\">{failed}</div><div class=\"k\"><a href=\"#failed\">inputs failed</a></div></div>");
    }
    out.push_str("</div>\n");
}

fn outlet_cell(out: &mut String, o: &OutletStats, links: &Links) {
    match links.outlet(&o.file) {
        Some(href) => w!(out, "<a href=\"{}\">{}</a>", H(&href), H(&o.name)),
        None => push_html(out, &o.name),
    }
}

/// Charts and tables over the overview's rows.
fn overview_body<'a>(out: &mut String, o: &Overview<'a>, links: &Links) {
    let rate_rows: Vec<RateRow> = o
        .rows
        .iter()
        .map(|r| RateRow {
            label: &r.stats.name,
            articles: r.stats.articles,
            loaded: r.stats.loaded,
            unattributed: r.stats.unattributed,
            total: r.total,
        })
        .collect();
    out.push_str("<figure><figcaption><b>Flagged sentences per 100 sentences in the outlet\u{2019}s own voice</b>Bars: the rate over all of an outlet\u{2019}s articles. Whiskers: 95% bootstrap interval over articles; where two outlets\u{2019} whiskers overlap, the difference may be chance.</figcaption>\n");
    out.push_str(&svg::rate_chart(&rate_rows));
    out.push_str("</figure>\n");

    let rows = o.rows.iter().map(|r| {
        let mut name = String::new();
        if r.total {
            push_html(&mut name, &r.stats.name);
        } else {
            outlet_cell(&mut name, r.stats, links);
        }
        let mut cells = vec![name];
        cells.extend(counts(r.stats));
        cells.extend([rate_cell(&r.stats.loaded), rate_cell(&r.stats.unattributed)]);
        cells.push(format!("{:.0}%", r.stats.quoted_share * 100.0));
        (r.total, cells)
    });
    table(out, "", &RATE_COLUMNS, rows);

    let segs: Vec<Segment> = o
        .categories
        .iter()
        .map(|n| Segment {
            key: n,
            label: categories::label(n),
            colour: category(n).chart,
        })
        .collect();
    out.push_str("<figure><figcaption><b>What kind of evidence</b>Share of each evidence category among the flags in the outlets\u{2019} own voice (quoted words excluded).</figcaption>\n");
    out.push_str(&svg::stacked_chart(
        &stack_rows(o, |s| &s.categories),
        &segs,
        "flags",
        "Evidence categories by outlet",
    ));
    out.push_str("</figure>\n");
    page::who_is_cited(out, &stack_rows(o, |s| &s.attribution));

    let row = |r: &Row<'a>| PositionRow::new(&r.stats.name, r.stats.positions, r.total);
    let pos_rows: Vec<PositionRow> = o.rows.iter().map(row).collect();
    out.push_str("<figure><figcaption><b>Where in an article the flags fall</b>Flagged sentences in the outlet\u{2019}s own voice by position in their article, from the first tenth to the last; each row is scaled to its own busiest tenth.</figcaption>\n");
    out.push_str(&svg::position_chart(&pos_rows));
    out.push_str("</figure>\n");

    if o.loaded_terms {
        out.push_str("<h3 class=\"sub\">Most frequent loaded terms</h3>\n");
        let rows = o.rows.iter().map(|r| {
            let terms = r.stats.loaded_terms.iter().map(|(t, n)| (t.as_str(), *n));
            (
                r.total,
                vec![H(&r.stats.name).to_string(), term_counts(terms)],
            )
        });
        table(out, "", &TERM_COLUMNS, rows);
    }
    if !o.naming.is_empty() {
        out.push_str("<h3 class=\"sub\">Word choices</h3>\n<p class=\"lede\">Terms for the same thing (one-sided naming or spelling variants) and how often each outlet uses them.</p>\n");
        let names: Vec<String> = o.outlets.iter().map(|x| H(&x.name).to_string()).collect();
        let mut head = vec![("Naming set", false)];
        head.extend(names.iter().map(|n| (n.as_str(), false)));
        let rows = o.naming.iter().map(|row| {
            let mut cells = vec![H(row.set).to_string()];
            cells.extend(row.cells.iter().map(|c| term_counts(c.iter().copied())));
            (false, cells)
        });
        table(out, "", &head, rows);
    }
}

/// One stacked bar per row of the overview, of the counts `of` picks.
fn stack_rows<'a>(
    o: &Overview<'a>,
    of: impl Fn(&'a OutletStats) -> &'a BTreeMap<String, usize>,
) -> Vec<StackRow<'a>> {
    o.rows
        .iter()
        .map(|r| StackRow {
            label: &r.stats.name,
            counts: of(r.stats),
            total: r.total,
        })
        .collect()
}

/// Terms with their counts, or a dash for none.
fn term_counts<'a>(items: impl Iterator<Item = (&'a str, usize)>) -> String {
    let terms: Vec<String> = items
        .map(|(t, n)| format!("{} <span class=\"ci\">{n}</span>", H(t)))
        .collect();
    if terms.is_empty() {
        "\u{2014}".to_string()
    } else {
        terms.join(", ")
    }
}

/// A table: the head row (label, number column), then one row per item (total row, cells as
/// HTML). Number columns are right-aligned.
fn table(
    out: &mut String,
    attrs: &str,
    head: &[(&str, bool)],
    rows: impl Iterator<Item = (bool, Vec<String>)>,
) {
    let num = |n: bool| if n { " class=\"num\"" } else { "" };
    w!(out, "<table{attrs}><thead><tr>");
    for (label, n) in head {
        w!(out, "<th{}>{label}</th>", num(*n));
    }
    out.push_str("</tr></thead><tbody>\n");
    for (total, cells) in rows {
        w!(out, "<tr{}>", if total { " class=\"total\"" } else { "" });
        for (cell, (_, n)) in cells.iter().zip(head) {
            w!(out, "<td{}>{cell}</td>", num(*n));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>\n");
}

/// A "most loaded" or "most unattributed" list.
fn top_list(out: &mut String, items: &[TopSentence], loaded: bool, cx: &Cx) {
    if items.is_empty() {
        out.push_str("<p class=\"lede\">No flagged sentences.</p>\n");
        return;
    }
    out.push_str("<ol class=\"top\">\n");
    for t in items {
        let s = &t.sentence;
        out.push_str("<li><div class=\"text\">");
        sentence(out, s, &t.quotes, cx.meta, None);
        let (class, what) = if loaded {
            ("l", "loaded")
        } else {
            ("u", "unattributed")
        };
        w!(
            out,
            "</div>\n<div class=\"src\"><span class=\"score {class}\" title=\"{what} score\">{:.2}</span><a href=\"{}\">{}</a> \u{b7} {}</div>\n<ul class=\"why\">",
            t.score,
            H(&cx.links.sentence(t.seq, &t.file, s.index)),
            H(&t.title),
            H(&t.outlet)
        );
        if !loaded {
            w!(out, "<li>Why: {}.", H(&reasons(s).join("; ")));
            if let Some((src, kind)) = source_given(s) {
                w!(out, " Source given: {} ({}).", H(src), H(kind));
            }
            out.push_str("</li>");
        }
        for e in list_evidence(s, loaded) {
            w!(
                out,
                "<li><mark class=\"hl c-{}\">{}</mark> {} ({}): {}{}</li>",
                category(&e.category).name,
                H(&e.text),
                H(categories::label(&e.category)),
                H(&e.rule),
                H(&evidence_reason(e)),
                if e.quoted { " (quoted)" } else { "" }
            );
        }
        out.push_str("</ul></li>\n");
    }
    out.push_str("</ol>\n");
}

fn failed(out: &mut String, failed: &[Failed]) {
    w!(
        out,
        "<section id=\"failed\">\n<h2>Inputs that failed</h2>\n<p class=\"lede\">{} could not be scored; the rest of the report does not include them.</p>\n",
        plural(failed.len(), "input", "inputs")
    );
    let rows = failed.iter().map(|f| {
        let path = format!("<code>{}</code>", H(&f.path));
        let cells = [&f.kind, &f.message].map(|t| H(t).to_string());
        (false, [vec![path, f.line_text()], cells.to_vec()].concat())
    });
    table(out, " class=\"failed\"", &FAILED_COLUMNS, rows);
    out.push_str("</section>\n");
}

fn methods(out: &mut String, meta: &Meta) {
    out.push_str("<section id=\"methods\" class=\"methods\">\n<h2>Methods</h2>\n");
    out.push_str("<p><b>Loaded language</b> is wording that carries a judgement or emotion beyond the facts it reports: charged verbs, intensifiers, labels and name-calling, euphemism, scare quotes, exaggeration, one-sided naming. <b>Unattributed claims</b> are statements an outlet makes in its own voice that need a source and have none: vague sources, agentless passives that pass judgement, figures with no source, evaluations stated as fact. Background facts are not flagged.</p>\n");
    out.push_str("<p>Each sentence gets two scores between 0 and 1. Every piece of evidence (a lexicon word or a rule match) has a weight; a sentence\u{2019}s score combines them (noisy-OR: each piece pushes the score towards 1). Loaded words inside a direct quotation belong to the speaker: they are shown, but count for the outlet at reduced weight, and quoted sentences are left out of the outlet rates. A sentence is <i>flagged</i> when its score reaches the threshold. Rates are flagged sentences per 100 sentences in the outlet\u{2019}s own voice (author or mixed voice).</p>\n<dl>\n");
    w!(out, "<dt>Thresholds</dt><dd>loaded \u{2265} {:.2}; unattributed \u{2265} {:.2}; quoted words count {:.2} as much as the outlet\u{2019}s own. Records read from <code>slant score</code> JSONL keep the flags they were scored with.</dd>\n", meta.loaded_threshold, meta.unattributed_threshold, meta.quoted_weight);
    w!(out, "<dt>Intervals</dt><dd>95% percentile bootstrap over articles (the unit that was sampled), {BOOTSTRAP_ITERATIONS} resamples, fixed seed {BOOTSTRAP_SEED:#x}, so every run gives the same numbers.</dd>\n");
    for f in facts(meta) {
        let value = H(f.value);
        match f.code {
            true => w!(out, "<dt>{}</dt><dd><code>{value}</code></dd>\n", f.label),
            false => w!(out, "<dt>{}</dt><dd>{value}</dd>\n", f.label),
        }
    }
    out.push_str("</dl>\n<h3 class=\"sub\">Rules</h3>\n");
    let rows = report::rules().into_iter().map(|[code, name, summary]| {
        let code = format!("<code>{}</code>", H(&code));
        (
            false,
            vec![code, H(&name).to_string(), H(&summary).to_string()],
        )
    });
    table(out, "", &RULE_COLUMNS, rows);
    out.push_str("<p class=\"lede\">Flags point at wording for a reader to check; they are not verdicts about an article, an author or an outlet.</p>\n</section>\n");
}

/// What the report is, in one line under its title.
const INTRO: &str = "How these articles are framed, sentence by sentence: <b>loaded language</b> (wording that judges or stirs) and <b>unattributed claims</b> (assertions in the outlet\u{2019}s own voice with no checkable source).";

fn header(out: &mut String, h: &Header, links: &Links) {
    out.push_str("<header class=\"top\">");
    if let Some(c) = &h.crumbs {
        w!(
            out,
            "<p class=\"crumbs\"><a href=\"{}\">Report index</a>",
            links.index().unwrap_or_default()
        );
        if let Some(outlet) = c.outlet {
            if let Some(href) = links.outlet(&outlet_file(outlet)) {
                w!(out, " \u{203a} <a href=\"{href}\">{}</a>", H(outlet));
            }
        }
        w!(out, " \u{203a} {}</p>", H(&c.here));
    }
    if let Some(title) = h.title {
        w!(
            out,
            "<h1>{}</h1><p class=\"sub\">{}</p>",
            H(title),
            H(h.sub.as_deref().unwrap_or(""))
        );
    }
    if h.crumbs.is_none() {
        w!(out, "<p class=\"intro\">{INTRO}</p>");
    }
    if !h.nav.is_empty() {
        out.push_str("<nav class=\"toc\">");
        for a in &h.nav {
            w!(out, "<a href=\"#{}\">{}</a>", a.id(), a.label());
        }
        out.push_str("</nav>");
    }
    out.push_str("</header>\n");
}

fn articles_table(out: &mut String, rows: &[&ArticleRow], show_outlet: bool, links: &Links) {
    let head = article_columns(show_outlet, "Own-voice sentences");
    let rows = rows.iter().map(|r| {
        let href = H(&links.article(r.seq, &r.file)).to_string();
        let mut cells = vec![
            r.seq.to_string(),
            format!("<a href=\"{href}\">{}</a>", H(r.display_title())),
        ];
        if show_outlet {
            cells.push(H(r.outlet()).to_string());
        }
        cells.push(H(r.date().unwrap_or("")).to_string());
        cells.extend(r.counts().map(|n| n.to_string()));
        (false, cells)
    });
    table(out, "", &head, rows);
}

impl Renderer for Html {
    fn ext(&self) -> &'static str {
        "html"
    }

    fn begin(&self, out: &mut String, page: &Page, _cx: &Cx) {
        page_start(out, &page.title);
    }

    fn end(&self, out: &mut String, cx: &Cx) {
        page_end(out, cx.meta);
    }

    fn header(&self, out: &mut String, h: &Header, cx: &Cx) {
        header(out, h, cx.links);
    }

    fn overview(&self, out: &mut String, o: &Overview, cx: &Cx) {
        w!(out, "<section id=\"overview\">\n<h2>{}</h2>\n", o.heading);
        cards(out, o.cards.failed, o.cards.stats, o.cards.outlets);
        overview_body(out, o, cx.links);
        out.push_str("</section>\n");
    }

    fn outlets(&self, out: &mut String, outlets: &[OutletStats], cx: &Cx) {
        out.push_str("<section id=\"outlets\">\n<h2>Outlets</h2>\n<p class=\"lede\">Each outlet has its own page listing its articles; each article has a page with its text and the evidence highlighted.</p>\n<ul>\n");
        for o in outlets {
            out.push_str("<li>");
            outlet_cell(out, o, cx.links);
            w!(
                out,
                " \u{2014} {}</li>\n",
                plural(o.articles, "article", "articles")
            );
        }
        out.push_str("</ul>\n</section>\n");
    }

    fn tops(&self, out: &mut String, t: &Tops, cx: &Cx) {
        let scope = t.scope;
        w!(out, "<section id=\"most-loaded\">\n<h2>Most loaded sentences</h2>\n<p class=\"lede\">The sentences {scope} in the outlet\u{2019}s own voice with the highest loaded-language score. Highlighted words are the evidence; the list under each sentence says why.</p>\n");
        top_list(out, t.loaded, true, cx);
        w!(out, "</section>\n<section id=\"most-unattributed\">\n<h2>Most unattributed sentences</h2>\n<p class=\"lede\">Claims {scope} that the outlet makes in its own voice with no checkable source, highest score first.</p>\n");
        top_list(out, t.unattributed, false, cx);
        out.push_str("</section>\n");
    }

    fn articles(&self, out: &mut String, list: &ArticleList, cx: &Cx) {
        out.push_str("<section id=\"articles\">\n<h2>Articles</h2>\n");
        if list.lede {
            out.push_str("<p class=\"lede\">Every article in input order, its text with the evidence highlighted. Hover a highlight for the rule and the reason; the numbered notes under each article say the same for print.</p>\n");
        }
        if let Some(categories) = &list.legend {
            legend(out, categories);
        }
        articles_table(out, &list.rows, list.show_outlet, cx.links);
    }

    fn articles_end(&self, out: &mut String, _list: &ArticleList, _cx: &Cx) {
        out.push_str("</section>\n");
    }

    fn legend(&self, out: &mut String, categories: &[&str], _cx: &Cx) {
        legend(out, categories);
    }

    fn article(&self, out: &mut String, view: &ArticleView, cx: &Cx) {
        article(out, view, cx);
    }

    fn failed(&self, out: &mut String, f: &[Failed], _cx: &Cx) {
        failed(out, f);
    }

    fn methods(&self, out: &mut String, meta: &Meta, _cx: &Cx) {
        methods(out, meta);
    }

    fn methods_link(&self, out: &mut String, cx: &Cx) {
        let class = if cx.page == PageKind::Article {
            "lede after"
        } else {
            "lede"
        };
        w!(out, "<p class=\"{class}\">What the scores mean, thresholds and versions: <a href=\"{}#methods\">methods</a>.</p>\n", cx.links.index().unwrap_or_default());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use slant_ingest::model::Voice;

    #[test]
    fn css_has_a_rule_per_category_and_nothing_from_input() {
        let css = css();
        for c in CATEGORIES {
            assert!(css.contains(&format!(".c-{}{{", c.name)));
        }
        assert!(!css.contains("</style"));
    }

    #[test]
    fn quoted_voice_without_quote_spans_is_set_apart() {
        let mut s = crate::analysis::highlight::tests::sentence(
            0,
            "\"We <b>won</b>,\" he said.",
            vec![],
            vec![],
        );
        s.voice = Voice::Quoted;
        let mut out = String::new();
        sentence(&mut out, &s, &[], &Meta::default(), None);
        assert_eq!(
            out,
            "<span class=\"qs\">&quot;We &lt;b&gt;won&lt;/b&gt;,&quot; he said.</span>"
        );
    }
}
