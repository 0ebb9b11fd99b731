//! The HTML comparison page (`slant compare -o FILE.html`): one self-contained page (inline CSS
//! and SVG, no script, nothing fetched) in the framing report's look, drawn with the report's
//! charts ([`crate::svg`]) and colours ([`crate::categories`]).
//!
//! Sections: rates per outlet with their intervals, the differences that hold (in words),
//! attribution and quoted text, loaded terms and named sources, word choice as a table of
//! which outlet says what, and every story several outlets cover, side by side.
//!
//! Every string from an article or a record (outlet, title, path, id, sentence text, source,
//! term) goes through [`crate::escape`]; the page carries the report's Content-Security-Policy.

use crate::analysis::compare::{CompareReport, OutletStats};
use crate::analysis::stats::Rate;
use crate::analysis::stories::{FlaggedSentence, Story, StoryMethod};
use crate::escape::{push_html, H};
use crate::render::html::page;
use crate::render::svg::{self, RateRow, StackRow};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// The report's look (same variables, type and table styles), plus the story grid.
const CSS: &str = r#"
nav.toc{display:flex;flex-wrap:wrap;gap:4px 20px;font-size:14px;margin-top:10px}
h2{font-size:20px;margin:44px 0 4px;padding-top:14px;border-top:1px solid var(--line);letter-spacing:-.005em}
h3{font-size:17px;margin:30px 0 2px}
.lede{color:var(--muted);margin:0 0 14px;max-width:62em;font-size:14.5px}
figure{margin:6px 0 24px}figcaption{font-size:13px;color:var(--muted);margin:2px 0 6px;max-width:62em}
figcaption b{color:var(--ink);font-weight:600;font-size:14px;display:block}
svg.chart{display:block;width:100%;height:auto;font-family:inherit}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:14px;font-variant-numeric:tabular-nums;margin:6px 0 20px}
th,td{text-align:left;padding:6px 10px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-weight:600;font-size:12.5px;color:var(--muted);border-bottom:2px solid var(--line)}
td.num,th.num{text-align:right;white-space:nowrap}
td.set{font-weight:600}
.ci{color:var(--muted);font-size:12.5px;font-weight:400}
ul.diff li{margin:3px 0}
.score{display:inline-block;font-variant-numeric:tabular-nums;font-weight:650;font-size:12px;padding:1px 8px;border-radius:10px;margin-right:4px}
.score.l{background:#fbe6da;color:#8a3b14}.score.u{background:#dfe9f6;color:#1f4a80}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:14px;margin:8px 0 10px}
.col{border:1px solid var(--line);border-radius:10px;padding:10px 14px}
.kicker{font-size:12px;text-transform:uppercase;letter-spacing:.07em;color:var(--muted);margin:0;font-weight:600}
.col h4{font-size:17px;line-height:1.3;margin:4px 0 6px;font-family:Charter,"Iowan Old Style",Georgia,serif;font-weight:700}
.meta{font-size:12.5px;color:var(--muted);margin:0 0 6px;overflow-wrap:anywhere}
.col p,.col li{font-size:13.5px}
.col ul{padding-left:18px;margin:4px 0}
.flag{font-family:Charter,"Iowan Old Style",Georgia,serif;font-size:15px;line-height:1.5}
mark{background:#fbe6da;color:inherit;border-radius:2px;padding:0 1px;text-decoration:underline 2px #d0703f;text-underline-offset:3px}
.only{background:var(--soft);border-radius:8px;padding:6px 10px;margin-top:8px}
footer{margin-top:56px;color:var(--muted);font-size:12.5px;border-top:1px solid var(--line);padding-top:12px}
@media print{nav.toc{display:none}.wrap{max-width:none;padding:0}.col{break-inside:avoid}}
"#;

fn rate_cell(out: &mut String, r: &Rate) {
    w!(
        out,
        "<td class=\"num\">{:.1} <span class=\"ci\">({:.1}\u{2013}{:.1})</span></td>",
        r.rate,
        r.low,
        r.high
    );
}

fn counts(out: &mut String, items: impl Iterator<Item = (String, usize)>) {
    let mut first = true;
    for (k, n) in items {
        if !first {
            out.push_str(", ");
        }
        first = false;
        push_html(out, &k);
        w!(out, " <span class=\"ci\">{n}</span>");
    }
    if first {
        out.push('\u{2013}');
    }
}

/// The whole page.
pub fn render(r: &CompareReport) -> String {
    let by = r.by;
    let mut out = String::new();
    let css = format!(
        ":root{{--ink:#1f2328;--muted:#656d76;--line:#d8dee4;--soft:#f6f8fa}}\n{}{}",
        page::FRAME_CSS,
        CSS.trim_start()
    );
    page::start(&mut out, "slant compare", &css);
    w!(
        out,
        "<header class=\"top\"><h1>Outlets compared</h1><p class=\"sub\">{} articles in {} groups by {}{}. Rates are flagged sentences per 100 sentences in the outlet\u{2019}s own voice, with 95% bootstrap intervals over articles ({} resamples, seed {}).</p>",
        r.articles,
        r.outlets.len(),
        H(by),
        r.failed_inputs().map(|f| format!(", {f}")).unwrap_or_default(),
        r.bootstrap.iterations,
        r.bootstrap.seed
    );
    out.push_str("<nav class=\"toc\"><a href=\"#rates\">Rates</a><a href=\"#differences\">Differences</a><a href=\"#attribution\">Attribution</a><a href=\"#terms\">Terms and sources</a><a href=\"#words\">Word choice</a><a href=\"#stories\">Same story</a></nav></header>\n");

    rates(&mut out, r);
    differences(&mut out, r);
    attribution(&mut out, r);
    terms(&mut out, r);
    word_choice(&mut out, r);
    stories(&mut out, r.story_list(), r.story_method);

    page::end(&mut out, "Made with slant. A difference is marked only where the two 95% intervals do not overlap. Flags point at wording for a reader to check; they are not verdicts.");
    out
}

fn rates(out: &mut String, r: &CompareReport) {
    out.push_str("<h2 id=\"rates\">Rates</h2>\n");
    let rows: Vec<RateRow> = r
        .outlets
        .iter()
        .map(|o| RateRow {
            label: &o.name,
            articles: o.articles,
            loaded: o.loaded,
            unattributed: o.unattributed,
            total: false,
        })
        .collect();
    if !rows.is_empty() {
        out.push_str("<figure><figcaption><b>Loaded language and unattributed claims</b>Flagged sentences per 100 sentences in the outlet\u{2019}s own voice; whiskers are 95% bootstrap intervals over articles.</figcaption>\n");
        out.push_str(&svg::rate_chart(&rows));
        out.push_str("</figure>\n");
    }
    w!(out, "<div class=\"scroll\"><table><tr><th>{}</th><th class=\"num\">articles</th><th class=\"num\">sentences</th><th class=\"num\">own voice</th><th class=\"num\">loaded (95% CI)</th><th class=\"num\">unattributed (95% CI)</th><th class=\"num\">quoted text</th></tr>\n", H(r.by));
    for o in &r.outlets {
        w!(out, "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>", H(&o.name), o.articles, o.sentences, o.author_sentences);
        rate_cell(out, &o.loaded);
        rate_cell(out, &o.unattributed);
        w!(
            out,
            "<td class=\"num\">{:.0}%</td></tr>\n",
            100.0 * o.quoted_share
        );
    }
    out.push_str("</table></div>\n");
}

/// A section's heading; when it has nothing to show (`nothing` says so), that sentence, and
/// false.
fn open(out: &mut String, heading: &str, nothing: Option<&str>) -> bool {
    out.push_str(heading);
    match nothing {
        Some(words) => {
            w!(out, "<p>{words}</p>\n");
            false
        }
        None => true,
    }
}

fn differences(out: &mut String, r: &CompareReport) {
    let none = "No two intervals separate, so no difference is marked.";
    if !open(out, "<h2 id=\"differences\">Differences</h2>\n<p class=\"lede\">Only pairs whose 95% intervals do not overlap; overlapping intervals are not evidence of a difference.</p>\n", r.differences.is_empty().then_some(none)) {
        return;
    }
    out.push_str("<ul class=\"diff\">\n");
    for d in &r.differences {
        w!(out, "<li>{}</li>\n", H(&d.text));
    }
    out.push_str("</ul>\n");
}

fn attribution(out: &mut String, r: &CompareReport) {
    out.push_str("<h2 id=\"attribution\">Attribution</h2>\n");
    let counts: Vec<BTreeMap<String, usize>> = r
        .outlets
        .iter()
        .map(|o| {
            o.attribution
                .iter()
                .map(|(k, s)| (k.clone(), s.sentences))
                .collect()
        })
        .collect();
    let rows: Vec<StackRow> = r
        .outlets
        .iter()
        .zip(&counts)
        .map(|(o, c)| StackRow {
            label: &o.name,
            counts: c,
            total: false,
        })
        .collect();
    if !rows.is_empty() {
        page::who_is_cited(out, &rows);
    }
}

fn terms(out: &mut String, r: &CompareReport) {
    w!(out, "<h2 id=\"terms\">Loaded terms and named sources</h2>\n<div class=\"scroll\"><table><tr><th>{}</th><th>most frequent loaded terms (own voice)</th><th>most cited named sources</th></tr>\n", H(r.by));
    for o in &r.outlets {
        w!(out, "<tr><td>{}</td><td>", H(&o.name));
        counts(
            out,
            o.loaded_terms.iter().map(|t| (t.term.clone(), t.count)),
        );
        out.push_str("</td><td>");
        counts(
            out,
            o.sources.iter().map(|s| (s.source.clone(), s.sentences)),
        );
        out.push_str("</td></tr>\n");
    }
    out.push_str("</table></div>\n");
}

fn word_choice(out: &mut String, r: &CompareReport) {
    let none = "No article uses a term of a naming set.";
    if !open(out, "<h2 id=\"words\">Word choice</h2>\n<p class=\"lede\">Competing names for one thing (naming sets from the lexicons): how often each outlet uses each term.</p>\n", r.naming.is_empty().then_some(none)) {
        return;
    }
    let users: BTreeSet<&str> = r
        .naming
        .iter()
        .flat_map(|s| {
            s.terms
                .iter()
                .flat_map(|t| t.outlets.keys().map(String::as_str))
        })
        .collect();
    let columns: Vec<&OutletStats> = r
        .outlets
        .iter()
        .filter(|o| users.contains(o.name.as_str()))
        .collect();
    out.push_str("<div class=\"scroll\"><table><tr><th>naming set</th><th>term</th>");
    for o in &columns {
        w!(out, "<th class=\"num\">{}</th>", H(&o.name));
    }
    out.push_str("</tr>\n");
    for set in &r.naming {
        for (k, t) in set.terms.iter().enumerate() {
            out.push_str("<tr>");
            if k == 0 {
                w!(
                    out,
                    "<td class=\"set\" rowspan=\"{}\">{}</td>",
                    set.terms.len(),
                    H(&set.set)
                );
            }
            w!(out, "<td>{}</td>", H(&t.term));
            for o in &columns {
                match t.outlets.get(&o.name) {
                    Some(n) => w!(out, "<td class=\"num\">{n}</td>"),
                    None => out.push_str("<td class=\"num\"></td>"),
                }
            }
            out.push_str("</tr>\n");
        }
    }
    out.push_str("</table></div>\n");
}

/// A flagged sentence with its evidence words marked (escaped piece by piece).
fn flagged_sentence(out: &mut String, f: &FlaggedSentence) {
    let text = f.text.as_str();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for t in f.terms.iter().filter(|t| !t.is_empty()) {
        if let Some(start) = text.find(t.as_str()) {
            let end = start + t.len();
            if spans.iter().all(|&(s, e)| end <= s || start >= e) {
                spans.push((start, end));
            }
        }
    }
    spans.sort_unstable();
    out.push_str("<li class=\"flag\">");
    let mut at = 0;
    for (s, e) in spans {
        push_html(out, &text[at..s]);
        out.push_str("<mark>");
        push_html(out, &text[s..e]);
        out.push_str("</mark>");
        at = e;
    }
    push_html(out, &text[at..]);
    if !f.reasons.is_empty() {
        w!(
            out,
            " <span class=\"ci\">({})</span>",
            H(&f.reasons.join(", ").replace('_', " "))
        );
    }
    out.push_str("</li>\n");
}

fn stories(out: &mut String, stories: &[Story], method: StoryMethod) {
    w!(
        out,
        "<h2 id=\"stories\">Same story, different outlets</h2>\n<p class=\"lede\">Articles grouped by what they report ({}), at most one per outlet, shown side by side with their rates, who they quote, their most strongly flagged sentences and what only one of them includes.</p>\n",
        method.describe()
    );
    if stories.is_empty() {
        out.push_str("<p>No story is covered by two or more outlets.</p>\n");
        return;
    }
    for s in stories {
        w!(
            out,
            "<h3 id=\"story-{}\">Story {}: {}</h3>\n",
            s.id,
            s.id,
            H(&s.label.join(" \u{b7} "))
        );
        w!(
            out,
            "<p class=\"meta\">{} outlets, mean similarity {:.2}</p>\n<div class=\"grid\">\n",
            s.articles.len(),
            s.similarity
        );
        for a in &s.articles {
            w!(
                out,
                "<div class=\"col\"><p class=\"kicker\">{}</p>",
                H(a.outlet.as_deref().unwrap_or("(no outlet)"))
            );
            w!(
                out,
                "<h4>{}</h4>",
                H(a.title.as_deref().unwrap_or("(untitled)"))
            );
            w!(out, "<p class=\"meta\">{}", H(&a.path));
            if let Some(d) = &a.date {
                w!(out, " \u{b7} {}", H(d));
            }
            out.push_str("</p>");
            w!(
                out,
                "<p><span class=\"score l\">loaded {:.1}</span><span class=\"score u\">unattributed {:.1}</span> <span class=\"ci\">per 100 of {} own-voice sentences</span></p>",
                a.loaded_rate,
                a.unattributed_rate,
                a.author_sentences
            );
            out.push_str("<p>Quotes: ");
            counts(
                out,
                a.sources.iter().map(|x| (x.source.clone(), x.sentences)),
            );
            out.push_str("</p>\n");
            if !a.flagged.is_empty() {
                out.push_str("<ul>\n");
                for f in &a.flagged {
                    flagged_sentence(out, f);
                }
                out.push_str("</ul>\n");
            }
            let only = a.only_here.lists();
            if !only.is_empty() {
                out.push_str("<div class=\"only\"><b>Only here</b><ul>");
                for (label, list) in only {
                    w!(out, "<li>{label}: {}</li>", H(&list.join("; ")));
                }
                out.push_str("</ul></div>");
            }
            out.push_str("</div>\n");
        }
        out.push_str("</div>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::stories::{OnlyHere, StoryArticle};

    #[test]
    fn hostile_story_text_is_escaped() {
        let evil = "<script>alert(1)</script>\"'&";
        let article = StoryArticle {
            path: evil.into(),
            id: evil.into(),
            outlet: Some(evil.into()),
            title: Some(evil.into()),
            date: Some(evil.into()),
            sentences: 1,
            author_sentences: 1,
            loaded_flagged: 1,
            unattributed_flagged: 0,
            loaded_rate: 100.0,
            unattributed_rate: 0.0,
            sources: vec![],
            flagged: vec![FlaggedSentence {
                index: 0,
                text: evil.into(),
                loaded: 0.5,
                unattributed: 0.0,
                terms: vec!["script".into()],
                reasons: vec![],
            }],
            only_here: OnlyHere {
                sources: vec![evil.into()],
                names: vec![],
                figures: vec![],
            },
        };
        let mut out = String::new();
        stories(
            &mut out,
            &[Story {
                id: 1,
                label: vec![evil.into()],
                similarity: 0.5,
                articles: vec![article.clone(), article],
            }],
            StoryMethod::Embedding,
        );
        assert!(!out.contains("<script"), "{out}");
        assert!(out.contains("&lt;<mark>script</mark>&gt;"), "{out}");
        assert!(out.contains("sentence embeddings"), "{out}");
    }
}
