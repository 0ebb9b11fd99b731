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

use crate::analysis::corpus::{
    outlet_file, outlet_name, ArticleRow, Corpus, Meta, OutletStats, TopSentence,
};
use crate::analysis::highlight::{highlight, Highlighted};
use crate::analysis::stats::{Rate, BOOTSTRAP_ITERATIONS, BOOTSTRAP_SEED};
use crate::categories::{self, category, category_rank, evidence_reason, CATEGORIES, OTHER};
use crate::escape::{push_html, H};
use crate::render::html::page;
use crate::render::report::{Links, Renderer};
use crate::render::svg::{self, PositionRow, RateRow, Segment, StackRow};
use slant_ingest::model::{ScoredArticle, ScoredSentence, Span};
use std::fmt::Write;

macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        let _ = write!($out, $($arg)*);
    }};
}

/// The HTML renderer.
#[derive(Debug, Clone, Copy, Default)]
pub struct Html;

const BASE_CSS: &str = r#"
:root{--ink:#1f2328;--muted:#656d76;--line:#d8dee4;--soft:#f6f8fa;--quote:#edf1f6}
*{box-sizing:border-box}
body{margin:0;color:var(--ink);background:#fff;font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;-webkit-text-size-adjust:100%}
.wrap{max-width:1100px;margin:0 auto;padding:0 32px 72px}
a{color:#0b5cad;text-decoration:none}a:hover{text-decoration:underline}
header.top{padding:26px 0 12px;border-bottom:1px solid var(--line);margin-bottom:18px}
header.top h1{font-size:27px;line-height:1.2;margin:0;letter-spacing:-.01em;font-weight:700}
header.top .sub{color:var(--muted);margin:4px 0 0;font-size:14.5px}
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
    let mut css = BASE_CSS.trim_start().to_string();
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

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn rate_cell(r: &Rate) -> String {
    format!(
        "{:.1} <span class=\"ci\">({:.1}\u{2013}{:.1})</span>",
        r.rate, r.low, r.high
    )
}

/// A category's label, or the category itself when the table does not know it.
fn cat_label(name: &str) -> &str {
    let c = category(name);
    if c.name == OTHER.name {
        name
    } else {
        c.label
    }
}

/// Attribute text for a highlight: one line per category and reason, with the rules behind
/// it (a word can be loaded and, by another rule, an evaluation stated as fact).
fn mark_title(h: &Highlighted, groups: &[usize]) -> String {
    let mut lines: Vec<(Vec<&str>, &str, String, bool)> = Vec::new();
    for &g in groups {
        for e in &h.groups[g].evidence {
            let (label, reason) = (cat_label(&e.category), evidence_reason(e));
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
        let reasons: Vec<&str> = s
            .unattributed
            .reasons
            .iter()
            .map(|r| categories::reason(r))
            .collect();
        w!(
            out,
            "<span class=\"badge u\" title=\"unattributed-claim score {:.2} (flagged at {:.2} and above): {}\">U {:.2}</span>",
            s.unattributed.score,
            meta.unattributed_threshold,
            H(&reasons.join("; ")),
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
        let mut parts: Vec<(&str, String, bool, Vec<String>)> = Vec::new();
        for e in &g.evidence {
            let (label, reason) = (cat_label(&e.category), evidence_reason(e));
            let rule = format!("{} {:.2}", e.rule, e.weight);
            match parts
                .iter_mut()
                .find(|p| p.0 == label && p.1 == reason && p.2 == e.quoted)
            {
                Some(p) => p.3.push(rule),
                None => parts.push((label, reason, e.quoted, vec![rule])),
            }
        }
        for (k, (label, reason, quoted, rules)) in parts.iter().enumerate() {
            if k > 0 {
                n.items.push_str(" \u{b7} ");
            }
            w!(
                n.items,
                "<b>{}</b> <span class=\"ci\">({})</span> {}",
                H(label),
                H(&rules.join(", ")),
                H(reason)
            );
            if *quoted {
                n.items.push_str(" <i>Inside a quotation: the speaker\u{2019}s words, counted for the outlet at reduced weight.</i>");
            }
        }
        n.items.push_str("</li>\n");
    }
    n.next = first_note + h.groups.len();
}

fn article_body(out: &mut String, a: &ScoredArticle, prefix: &str, meta: &Meta) -> String {
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

fn article(out: &mut String, a: &ScoredArticle, row: &ArticleRow, meta: &Meta, links: &Links) {
    let prefix = links.id_prefix(row.seq);
    let (anchor, class) = if links.folder {
        ("article".to_string(), "art solo")
    } else {
        (format!("a{}", row.seq), "art")
    };
    let s = &row.summary;
    w!(
        out,
        "<article class=\"{class}\" id=\"{anchor}\">\n<p class=\"kicker\">"
    );
    let outlet = outlet_name(a.outlet.as_deref());
    match links.outlet(&outlet_file(outlet)) {
        Some(href) if links.folder => w!(out, "<a href=\"{href}\">{}</a>", H(outlet)),
        _ => push_html(out, outlet),
    }
    if let Some(d) = a.date.as_deref().filter(|d| !d.trim().is_empty()) {
        w!(out, " \u{b7} {}", H(d));
    }
    w!(
        out,
        "</p>\n<h3>{}</h3>\n<p class=\"meta\">",
        H(row.display_title())
    );
    w!(
        out,
        "#{} \u{b7} id <code>{}</code> \u{b7} file <code>{}</code>",
        row.seq,
        H(&a.id),
        H(&a.path)
    );
    if let Some(u) = a.url.as_deref().filter(|u| !u.trim().is_empty()) {
        // Shown as text, never as a link: an article's URL is input like any other.
        w!(out, " \u{b7} url <code>{}</code>", H(u));
    }
    out.push_str("</p>\n");
    for warning in &a.warnings {
        w!(out, "<p class=\"meta warn\">\u{26a0} {}</p>\n", H(warning));
    }
    w!(
        out,
        "<p class=\"stats\"><span class=\"score l\">{} loaded</span><span class=\"score u\">{} unattributed</span> of {} in the outlet\u{2019}s own voice",
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
    if s.sentences > s.author_sentences {
        w!(
            out,
            "; {} quoted",
            plural(s.sentences - s.author_sentences, "sentence", "sentences")
        );
    }
    out.push_str(".</p>\n");
    if a.sentences.is_empty() {
        out.push_str("<p class=\"lede\">No sentences.</p>\n");
    }
    let notes = article_body(out, a, &prefix, meta);
    if !notes.is_empty() {
        out.push_str("<ol class=\"notes\">\n");
        out.push_str(&notes);
        out.push_str("</ol>\n");
    }
    out.push_str("</article>\n");
}

/// The legend of highlight styles, for the categories in `names`.
fn legend<'a>(out: &mut String, names: impl Iterator<Item = &'a str>) {
    let mut names: Vec<&str> = names.collect();
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

/// Charts and tables over `rows` (outlets), followed by `total` when `with_total`.
fn overview_body(
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
    let is_total = |o: &OutletStats| with_total && std::ptr::eq(o, total);

    let rate_rows: Vec<RateRow> = all
        .iter()
        .map(|o| RateRow {
            label: &o.name,
            articles: o.articles,
            loaded: o.loaded,
            unattributed: o.unattributed,
            total: is_total(o),
        })
        .collect();
    out.push_str("<figure><figcaption><b>Flagged sentences per 100 sentences in the outlet\u{2019}s own voice</b>Bars: the rate over all of an outlet\u{2019}s articles. Whiskers: 95% bootstrap interval over articles; where two outlets\u{2019} whiskers overlap, the difference may be chance.</figcaption>\n");
    out.push_str(&svg::rate_chart(&rate_rows));
    out.push_str("</figure>\n");

    out.push_str("<table><thead><tr><th>Outlet</th><th class=\"num\">Articles</th><th class=\"num\">Sentences</th><th class=\"num\">Own voice</th><th class=\"num\">Loaded per 100 (95% CI)</th><th class=\"num\">Unattributed per 100 (95% CI)</th><th class=\"num\">Quoted text</th></tr></thead><tbody>\n");
    for o in &all {
        let class = if is_total(o) { " class=\"total\"" } else { "" };
        w!(out, "<tr{class}><td>");
        if is_total(o) {
            push_html(out, &o.name);
        } else {
            outlet_cell(out, o, links);
        }
        w!(
            out,
            "</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{:.0}%</td></tr>\n",
            o.articles,
            o.sentences,
            o.author_sentences,
            rate_cell(&o.loaded),
            rate_cell(&o.unattributed),
            o.quoted_share * 100.0
        );
    }
    out.push_str("</tbody></table>\n");

    let segs: Vec<Segment> = {
        let mut names: Vec<&str> = all
            .iter()
            .flat_map(|o| o.categories.keys().map(String::as_str))
            .collect();
        names.sort_by_key(|n| (category_rank(n), *n));
        names.dedup();
        names
            .into_iter()
            .map(|n| Segment {
                key: n,
                label: cat_label(n),
                colour: category(n).chart,
            })
            .collect()
    };
    let cat_rows: Vec<StackRow> = all
        .iter()
        .map(|o| StackRow {
            label: &o.name,
            counts: &o.categories,
            total: is_total(o),
        })
        .collect();
    out.push_str("<figure><figcaption><b>What kind of evidence</b>Share of each evidence category among the flags in the outlets\u{2019} own voice (quoted words excluded).</figcaption>\n");
    out.push_str(&svg::stacked_chart(
        &cat_rows,
        &segs,
        "flags",
        "Evidence categories by outlet",
    ));
    out.push_str("</figure>\n");
    let kinds: Vec<Segment> = categories::ATTRIBUTION
        .iter()
        .map(|(k, l, c)| Segment {
            key: k,
            label: l,
            colour: c,
        })
        .collect();
    let att_rows: Vec<StackRow> = all
        .iter()
        .map(|o| StackRow {
            label: &o.name,
            counts: &o.attribution,
            total: is_total(o),
        })
        .collect();
    out.push_str("<figure><figcaption><b>Who is cited</b>Share of sentences by how they are sourced: a named person or body, a document, an anonymous or vague source, an agentless passive, or no attribution at all.</figcaption>\n");
    out.push_str(&svg::stacked_chart(
        &att_rows,
        &kinds,
        "sentences",
        "Attribution kinds by outlet",
    ));
    out.push_str("</figure>\n");

    let pos_rows: Vec<PositionRow> = all
        .iter()
        .map(|o| PositionRow {
            label: &o.name,
            bins: o.positions,
            total: is_total(o),
        })
        .collect();
    out.push_str("<figure><figcaption><b>Where in an article the flags fall</b>Flagged sentences in the outlet\u{2019}s own voice by position in their article, from the first tenth to the last; each row is scaled to its own busiest tenth.</figcaption>\n");
    out.push_str(&svg::position_chart(&pos_rows));
    out.push_str("</figure>\n");

    if all.iter().any(|o| !o.loaded_terms.is_empty()) {
        out.push_str("<h3 class=\"sub\">Most frequent loaded terms</h3>\n<table><thead><tr><th>Outlet</th><th>Terms in the outlet\u{2019}s own voice (occurrences)</th></tr></thead><tbody>\n");
        for o in &all {
            let class = if is_total(o) { " class=\"total\"" } else { "" };
            w!(out, "<tr{class}><td>{}</td><td>", H(&o.name));
            let terms: Vec<String> = o
                .loaded_terms
                .iter()
                .map(|(t, n)| format!("{} <span class=\"ci\">{n}</span>", H(t)))
                .collect();
            out.push_str(if terms.is_empty() { "\u{2014}" } else { "" });
            out.push_str(&terms.join(", "));
            out.push_str("</td></tr>\n");
        }
        out.push_str("</tbody></table>\n");
    }

    let mut sets: Vec<&str> = rows
        .iter()
        .flat_map(|o| o.naming.keys().map(String::as_str))
        .collect();
    sets.sort_unstable();
    sets.dedup();
    if !sets.is_empty() {
        out.push_str("<h3 class=\"sub\">Word choices</h3>\n<p class=\"lede\">Terms for the same thing (one-sided naming or spelling variants) and how often each outlet uses them.</p>\n<table><thead><tr><th>Naming set</th>");
        for o in rows {
            w!(out, "<th>{}</th>", H(&o.name));
        }
        out.push_str("</tr></thead><tbody>\n");
        for set in sets {
            w!(out, "<tr><td>{}</td>", H(set));
            for o in rows {
                let cell: Vec<String> = o
                    .naming
                    .get(set)
                    .map(|t| {
                        t.iter()
                            .map(|(term, n)| format!("{} <span class=\"ci\">{n}</span>", H(term)))
                            .collect()
                    })
                    .unwrap_or_default();
                w!(
                    out,
                    "<td>{}</td>",
                    if cell.is_empty() {
                        "\u{2014}".to_string()
                    } else {
                        cell.join(", ")
                    }
                );
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody></table>\n");
    }
}

/// A "most loaded" or "most unattributed" list.
fn top_list(out: &mut String, items: &[TopSentence], loaded: bool, meta: &Meta, links: &Links) {
    if items.is_empty() {
        out.push_str("<p class=\"lede\">No flagged sentences.</p>\n");
        return;
    }
    out.push_str("<ol class=\"top\">\n");
    for t in items {
        let s = &t.sentence;
        out.push_str("<li><div class=\"text\">");
        sentence(out, s, &t.quotes, meta, None);
        let (class, what) = if loaded {
            ("l", "loaded")
        } else {
            ("u", "unattributed")
        };
        w!(
            out,
            "</div>\n<div class=\"src\"><span class=\"score {class}\" title=\"{what} score\">{:.2}</span><a href=\"{}\">{}</a> \u{b7} {}</div>\n<ul class=\"why\">",
            t.score,
            H(&links.sentence(t.seq, &t.file, s.index)),
            H(&t.title),
            H(&t.outlet)
        );
        if !loaded {
            let reasons: Vec<&str> = s
                .unattributed
                .reasons
                .iter()
                .map(|r| categories::reason(r))
                .collect();
            w!(out, "<li>Why: {}.", H(&reasons.join("; ")));
            if let Some(src) = &s.attribution.source {
                w!(
                    out,
                    " Source given: {} ({}).",
                    H(src),
                    H(categories::attribution(s.attribution.kind.as_str()).0)
                );
            }
            out.push_str("</li>");
        }
        let evidence = if loaded {
            &s.loaded.evidence
        } else {
            &s.unattributed.evidence
        };
        for e in evidence {
            w!(
                out,
                "<li><mark class=\"hl c-{}\">{}</mark> {} ({}): {}{}</li>",
                category(&e.category).name,
                H(&e.text),
                H(cat_label(&e.category)),
                H(&e.rule),
                H(&evidence_reason(e)),
                if e.quoted { " (quoted)" } else { "" }
            );
        }
        out.push_str("</ul></li>\n");
    }
    out.push_str("</ol>\n");
}

fn tops(
    out: &mut String,
    loaded: &[TopSentence],
    unattributed: &[TopSentence],
    scope: &str,
    meta: &Meta,
    links: &Links,
) {
    w!(out, "<section id=\"most-loaded\">\n<h2>Most loaded sentences</h2>\n<p class=\"lede\">The sentences {scope} in the outlet\u{2019}s own voice with the highest loaded-language score. Highlighted words are the evidence; the list under each sentence says why.</p>\n");
    top_list(out, loaded, true, meta, links);
    w!(out, "</section>\n<section id=\"most-unattributed\">\n<h2>Most unattributed sentences</h2>\n<p class=\"lede\">Claims {scope} that the outlet makes in its own voice with no checkable source, highest score first.</p>\n");
    top_list(out, unattributed, false, meta, links);
    out.push_str("</section>\n");
}

/// The start of a corpus-level page (single-file report or folder index): title, navigation
/// (Overview, the page's own `sections`, failed inputs when there are any, Methods) and the
/// open overview section with its cards and charts. The caller closes the section.
fn corpus_head(
    out: &mut String,
    corpus: &Corpus,
    outlets: &[OutletStats],
    total: &OutletStats,
    sections: &[(&'static str, &'static str)],
    links: &Links,
) {
    page_start(
        out,
        &format!(
            "Framing report \u{2014} {} \u{2014} slant",
            plural(total.articles, "article", "articles")
        ),
    );
    let mut nav = vec![("#overview", "Overview")];
    nav.extend_from_slice(sections);
    if !corpus.failed.is_empty() {
        nav.push(("#failed", "Inputs that failed"));
    }
    nav.push(("#methods", "Methods"));
    header(
        out,
        "Framing report",
        &corpus_sub(corpus, total, outlets.len()),
        None,
        &nav,
    );
    out.push_str("<section id=\"overview\">\n<h2>Corpus overview</h2>\n");
    cards(out, corpus.failed.len(), total, outlets.len());
    overview_body(out, outlets, total, outlets.len() > 1, links);
}

fn failed(out: &mut String, corpus: &Corpus) {
    if corpus.failed.is_empty() {
        return;
    }
    w!(
        out,
        "<section id=\"failed\">\n<h2>Inputs that failed</h2>\n<p class=\"lede\">{} could not be scored; the rest of the report does not include them.</p>\n<table class=\"failed\"><thead><tr><th>Input</th><th class=\"num\">Line</th><th>Problem</th><th>Details</th></tr></thead><tbody>\n",
        plural(corpus.failed.len(), "input", "inputs")
    );
    for f in &corpus.failed {
        w!(
            out,
            "<tr><td><code>{}</code></td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>\n",
            H(&f.path),
            f.line.map(|l| l.to_string()).unwrap_or_default(),
            H(&f.kind),
            H(&f.message)
        );
    }
    out.push_str("</tbody></table>\n</section>\n");
}

fn methods(out: &mut String, meta: &Meta) {
    out.push_str("<section id=\"methods\" class=\"methods\">\n<h2>Methods</h2>\n");
    out.push_str("<p><b>Loaded language</b> is wording that carries a judgement or emotion beyond the facts it reports: charged verbs, intensifiers, labels and name-calling, euphemism, scare quotes, exaggeration, one-sided naming. <b>Unattributed claims</b> are statements an outlet makes in its own voice that need a source and have none: vague sources, agentless passives that pass judgement, figures with no source, evaluations stated as fact. Background facts are not flagged.</p>\n");
    out.push_str("<p>Each sentence gets two scores between 0 and 1. Every piece of evidence (a lexicon word or a rule match) has a weight; a sentence\u{2019}s score combines them (noisy-OR: each piece pushes the score towards 1). Loaded words inside a direct quotation belong to the speaker: they are shown, but count for the outlet at reduced weight, and quoted sentences are left out of the outlet rates. A sentence is <i>flagged</i> when its score reaches the threshold. Rates are flagged sentences per 100 sentences in the outlet\u{2019}s own voice (author or mixed voice).</p>\n<dl>\n");
    w!(out, "<dt>Thresholds</dt><dd>loaded \u{2265} {:.2}; unattributed \u{2265} {:.2}; quoted words count {:.2} as much as the outlet\u{2019}s own. Records read from <code>slant score</code> JSONL keep the flags they were scored with.</dd>\n", meta.loaded_threshold, meta.unattributed_threshold, meta.quoted_weight);
    w!(out, "<dt>Intervals</dt><dd>95% percentile bootstrap over articles (the unit that was sampled), {BOOTSTRAP_ITERATIONS} resamples, fixed seed {BOOTSTRAP_SEED:#x}, so every run gives the same numbers.</dd>\n");
    w!(
        out,
        "<dt>Lexicons</dt><dd><code>{}</code></dd>\n",
        H(if meta.lexicon_version.is_empty() {
            "unknown"
        } else {
            &meta.lexicon_version
        })
    );
    w!(
        out,
        "<dt>slant version</dt><dd>{}</dd>\n",
        H(&meta.slant_version)
    );
    if !meta.command.is_empty() {
        w!(
            out,
            "<dt>Command line</dt><dd><code>{}</code></dd>\n",
            H(&meta.command)
        );
    }
    if let Some(t) = &meta.timestamp {
        w!(out, "<dt>Generated</dt><dd>{}</dd>\n", H(t));
    }
    out.push_str("</dl>\n<h3 class=\"sub\">Rules</h3>\n<table><thead><tr><th>Code</th><th>Rule</th><th>Flags</th></tr></thead><tbody>\n");
    for r in slant_score::rules::all() {
        let i = r.info();
        w!(
            out,
            "<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>\n",
            H(i.code),
            H(&i.name.replace('_', " ")),
            H(i.summary)
        );
    }
    out.push_str("</tbody></table>\n<p class=\"lede\">Flags point at wording for a reader to check; they are not verdicts about an article, an author or an outlet.</p>\n</section>\n");
}

/// What the report is, in one line under its title.
const INTRO: &str = "How these articles are framed, sentence by sentence: <b>loaded language</b> (wording that judges or stirs) and <b>unattributed claims</b> (assertions in the outlet\u{2019}s own voice with no checkable source).";

fn header(out: &mut String, title: &str, sub: &str, crumbs: Option<&str>, nav: &[(&str, &str)]) {
    out.push_str("<header class=\"top\">");
    if let Some(c) = crumbs {
        w!(out, "<p class=\"crumbs\">{c}</p>");
    }
    w!(out, "<h1>{}</h1><p class=\"sub\">{sub}</p>", H(title));
    if crumbs.is_none() {
        w!(out, "<p class=\"intro\">{INTRO}</p>");
    }
    if !nav.is_empty() {
        out.push_str("<nav class=\"toc\">");
        for (href, label) in nav {
            w!(out, "<a href=\"{href}\">{label}</a>");
        }
        out.push_str("</nav>");
    }
    out.push_str("</header>\n");
}

fn corpus_sub(corpus: &Corpus, total: &OutletStats, outlets: usize) -> String {
    let mut sub = format!(
        "{} from {} \u{b7} {} \u{b7} slant {}",
        plural(total.articles, "article", "articles"),
        plural(outlets, "outlet", "outlets"),
        plural(total.sentences, "sentence", "sentences"),
        H(&corpus.meta.slant_version)
    );
    if !corpus.failed.is_empty() {
        w!(
            sub,
            " \u{b7} {} failed",
            plural(corpus.failed.len(), "input", "inputs")
        );
    }
    if let Some(t) = &corpus.meta.timestamp {
        w!(sub, " \u{b7} {}", H(t));
    }
    sub
}

fn articles_table<'a>(
    out: &mut String,
    rows: impl Iterator<Item = &'a ArticleRow>,
    show_outlet: bool,
    links: &Links,
) {
    out.push_str("<table><thead><tr><th class=\"num\">#</th><th>Article</th>");
    if show_outlet {
        out.push_str("<th>Outlet</th>");
    }
    out.push_str("<th>Date</th><th class=\"num\">Own-voice sentences</th><th class=\"num\">Loaded</th><th class=\"num\">Unattributed</th></tr></thead><tbody>\n");
    for r in rows {
        let s = &r.summary;
        w!(
            out,
            "<tr><td class=\"num\">{}</td><td><a href=\"{}\">{}</a></td>",
            r.seq,
            H(&links.article(r.seq, &r.file)),
            H(r.display_title())
        );
        if show_outlet {
            w!(out, "<td>{}</td>", H(outlet_name(s.outlet.as_deref())));
        }
        w!(
            out,
            "<td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
            H(s.date.as_deref().unwrap_or("")),
            s.author_sentences,
            s.loaded_flagged,
            s.unattributed_flagged
        );
    }
    out.push_str("</tbody></table>\n");
}

impl Renderer for Html {
    fn ext(&self) -> &'static str {
        "html"
    }

    fn article_section(
        &self,
        a: &ScoredArticle,
        row: &ArticleRow,
        meta: &Meta,
        links: &Links,
    ) -> String {
        let mut out = String::new();
        article(&mut out, a, row, meta, links);
        out
    }

    fn article_page(
        &self,
        a: &ScoredArticle,
        row: &ArticleRow,
        meta: &Meta,
        links: &Links,
    ) -> String {
        let mut out = String::new();
        page_start(&mut out, &format!("{} \u{2014} slant", row.display_title()));
        let outlet = outlet_name(a.outlet.as_deref());
        let mut crumbs = format!(
            "<a href=\"{}\">Report index</a>",
            links.index().unwrap_or_default()
        );
        if let Some(href) = links.outlet(&outlet_file(outlet)) {
            w!(crumbs, " \u{203a} <a href=\"{href}\">{}</a>", H(outlet));
        }
        w!(crumbs, " \u{203a} article {}", row.seq);
        w!(
            out,
            "<header class=\"top\"><p class=\"crumbs\">{crumbs}</p></header>\n"
        );
        legend(
            &mut out,
            a.sentences
                .iter()
                .flat_map(|s| s.loaded.evidence.iter().chain(&s.unattributed.evidence))
                .map(|e| e.category.as_str()),
        );
        article(&mut out, a, row, meta, links);
        w!(out, "<p class=\"lede after\">What the scores mean, thresholds and versions: <a href=\"{}#methods\">methods</a>.</p>\n", links.index().unwrap_or_default());
        page_end(&mut out, meta);
        out
    }

    fn single_head(&self, corpus: &Corpus, links: &Links) -> String {
        let outlets = corpus.outlets();
        let total = corpus.total();
        let mut out = String::new();
        let sections = [
            ("#most-loaded", "Most loaded"),
            ("#most-unattributed", "Most unattributed"),
            ("#articles", "Articles"),
        ];
        corpus_head(&mut out, corpus, &outlets, &total, &sections, links);
        out.push_str("</section>\n");
        tops(
            &mut out,
            corpus.top_loaded.items(),
            corpus.top_unattributed.items(),
            "across the corpus",
            &corpus.meta,
            links,
        );
        out.push_str("<section id=\"articles\">\n<h2>Articles</h2>\n<p class=\"lede\">Every article in input order, its text with the evidence highlighted. Hover a highlight for the rule and the reason; the numbered notes under each article say the same for print.</p>\n");
        legend(&mut out, corpus.categories_seen.keys().map(String::as_str));
        articles_table(&mut out, corpus.articles.iter(), outlets.len() > 1, links);
        out
    }

    fn single_tail(&self, corpus: &Corpus, _links: &Links) -> String {
        let mut out = String::from("</section>\n");
        failed(&mut out, corpus);
        methods(&mut out, &corpus.meta);
        page_end(&mut out, &corpus.meta);
        out
    }

    fn index_page(&self, corpus: &Corpus, outlets: &[OutletStats], links: &Links) -> String {
        let total = corpus.total();
        let mut out = String::new();
        let sections = [
            ("#outlets", "Outlets"),
            ("#most-loaded", "Most loaded"),
            ("#most-unattributed", "Most unattributed"),
        ];
        corpus_head(&mut out, corpus, outlets, &total, &sections, links);
        out.push_str("</section>\n<section id=\"outlets\">\n<h2>Outlets</h2>\n<p class=\"lede\">Each outlet has its own page listing its articles; each article has a page with its text and the evidence highlighted.</p>\n<ul>\n");
        for o in outlets {
            out.push_str("<li>");
            outlet_cell(&mut out, o, links);
            w!(
                out,
                " \u{2014} {}</li>\n",
                plural(o.articles, "article", "articles")
            );
        }
        out.push_str("</ul>\n</section>\n");
        tops(
            &mut out,
            corpus.top_loaded.items(),
            corpus.top_unattributed.items(),
            "across the corpus",
            &corpus.meta,
            links,
        );
        failed(&mut out, corpus);
        methods(&mut out, &corpus.meta);
        page_end(&mut out, &corpus.meta);
        out
    }

    fn outlet_page(&self, corpus: &Corpus, outlet: &OutletStats, links: &Links) -> String {
        let mut out = String::new();
        page_start(&mut out, &format!("{} \u{2014} slant", outlet.name));
        let crumbs = format!(
            "<a href=\"{}\">Report index</a> \u{203a} outlet",
            links.index().unwrap_or_default()
        );
        let sub = format!(
            "{} \u{b7} {} \u{b7} {} in the outlet\u{2019}s own voice",
            plural(outlet.articles, "article", "articles"),
            plural(outlet.sentences, "sentence", "sentences"),
            outlet.author_sentences
        );
        let nav = [
            ("#overview", "Overview"),
            ("#most-loaded", "Most loaded"),
            ("#most-unattributed", "Most unattributed"),
            ("#articles", "Articles"),
        ];
        header(&mut out, &outlet.name, &sub, Some(&crumbs), &nav);
        out.push_str("<section id=\"overview\">\n<h2>Overview</h2>\n");
        let total = corpus.total();
        let mut one = corpus.outlets();
        one.retain(|o| o.name == outlet.name);
        cards(&mut out, 0, outlet, 0);
        overview_body(&mut out, &one, &total, true, links);
        out.push_str("</section>\n");
        let empty = (Default::default(), Default::default());
        let (l, u) = corpus.outlet_tops.get(&outlet.name).unwrap_or(&empty);
        tops(
            &mut out,
            l.items(),
            u.items(),
            "of this outlet",
            &corpus.meta,
            links,
        );
        out.push_str("<section id=\"articles\">\n<h2>Articles</h2>\n");
        articles_table(&mut out, corpus.articles_of(&outlet.name), false, links);
        out.push_str("</section>\n");
        w!(out, "<p class=\"lede\">What the scores mean, thresholds and versions: <a href=\"{}#methods\">methods</a>.</p>\n", links.index().unwrap_or_default());
        page_end(&mut out, &corpus.meta);
        out
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
