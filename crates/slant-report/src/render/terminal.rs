//! The terminal views of a comparison (`slant compare`, `slant compare --stories`): plain text
//! that fits [`TERMINAL_WIDTH`] columns, with no control character from an article.

use crate::analysis::compare::{format_rate, CompareReport, NamingSet, OutletStats};
use crate::escape::{clip, terminal};
use crate::render::text::{counts_list, pct, thousands};
use std::fmt::Write as _;

/// Width of the terminal rendering.
pub const TERMINAL_WIDTH: usize = 100;

/// `s` cut or padded to exactly `width` characters.
fn cell(s: &str, width: usize) -> String {
    let s = clip(s, width);
    let pad = width - s.chars().count();
    format!("{s}{}", " ".repeat(pad))
}

/// Word-wrap `text` to `width` characters, the first line after `first`, the others after
/// `rest` (both counted in the width). A word longer than a line is cut.
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = first.to_string();
    let mut empty = true;
    for word in text.split_whitespace() {
        let used = line.chars().count();
        let need = word.chars().count() + usize::from(!empty);
        if !empty && used + need > width {
            lines.push(std::mem::replace(&mut line, rest.to_string()));
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        let room = width.saturating_sub(line.chars().count()).max(1);
        line.push_str(&clip(word, room));
        empty = false;
    }
    if !empty || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Differences listed at most in the terminal view (all of them are in the other formats).
const TERMINAL_DIFFERENCES: usize = 40;

/// The default terminal view: it fits [`TERMINAL_WIDTH`] columns.
pub fn render(r: &CompareReport) -> String {
    let w = TERMINAL_WIDTH;
    let mut lines: Vec<String> = Vec::new();
    let groups = if r.by == "outlet" {
        "outlets".to_string()
    } else {
        format!("groups by {}", r.by)
    };
    let failed = r
        .failed_inputs()
        .map(|f| format!(" ({f})"))
        .unwrap_or_default();
    let intro = format!(
        "slant compare: {} articles, {} {groups}{failed}. Rates are flagged sentences per 100 sentences in the outlet's own voice, with 95% bootstrap intervals over articles.",
        thousands(r.articles),
        r.outlets.len()
    );
    lines.extend(wrap(&intro, w, "", ""));
    lines.push(String::new());
    let nw = 26;
    let head = if r.by == "outlet" { "outlet" } else { r.by };
    lines.push(format!(
        "{} {:>8} {:>9}  {:<20}  {:<22} {:>6}",
        cell(head, nw),
        "articles",
        "sentences",
        "loaded [95% CI]",
        "unattributed [95% CI]",
        "quoted"
    ));
    for o in &r.outlets {
        lines.push(format!(
            "{} {:>8} {:>9}  {:<20}  {:<22} {:>6}",
            cell(&o.name, nw),
            thousands(o.articles),
            thousands(o.sentences),
            format_rate(&o.loaded),
            format_rate(&o.unattributed),
            pct(o.quoted_share)
        ));
    }
    lines.push(String::new());
    lines.push("Attribution (share of all sentences)".to_string());
    let kinds = [
        ("named", "named"),
        ("anonymous", "anonymous"),
        ("document", "document"),
        ("vague", "vague"),
        ("agentless_passive", "passive"),
        ("none", "none"),
    ];
    let mut header = cell("", nw);
    for (_, label) in kinds {
        let _ = write!(header, " {label:>10}");
    }
    lines.push(header);
    for o in &r.outlets {
        let mut row = cell(&o.name, nw);
        for (kind, _) in kinds {
            let _ = write!(
                row,
                " {:>10}",
                pct(o.attribution.get(kind).map_or(0.0, |k| k.share))
            );
        }
        lines.push(row);
    }
    lines.push(String::new());
    lines.push("Most frequent loaded terms (own voice) and most cited named sources".to_string());
    for o in &r.outlets {
        lines.push(clip(&o.name, w));
        let terms = counts_list(o.loaded_terms.iter().map(|t| (t.term.as_str(), t.count)));
        let sources = counts_list(o.sources.iter().map(|s| (s.source.as_str(), s.sentences)));
        let indent = " ".repeat(16);
        lines.extend(wrap(
            if terms.is_empty() { "-" } else { &terms },
            w,
            "  loaded terms: ",
            &indent,
        ));
        lines.extend(wrap(
            if sources.is_empty() { "-" } else { &sources },
            w,
            "  sources:      ",
            &indent,
        ));
    }
    lines.push(String::new());
    if r.differences.is_empty() {
        lines.extend(wrap(
            "Differences: no two intervals separate, so no difference is marked.",
            w,
            "",
            "",
        ));
    } else {
        lines.push("Differences (only where the 95% intervals do not overlap)".to_string());
        for d in r.differences.iter().take(TERMINAL_DIFFERENCES) {
            lines.extend(wrap(&d.text, w, "- ", "  "));
        }
        if r.differences.len() > TERMINAL_DIFFERENCES {
            let more = r.differences.len() - TERMINAL_DIFFERENCES;
            lines.push(format!(
                "  ... and {more} more (all are in the JSON, HTML and Markdown outputs)"
            ));
        }
    }
    word_choice_terminal(r, &mut lines);
    lines.push(String::new());
    let stories = match &r.stories {
        Some(list) => format!(
            "Same story, different outlets: {} stor{} covered by two or more outlets (list them with --stories).",
            list.len(),
            if list.len() == 1 { "y" } else { "ies" }
        ),
        // Grouping stories takes time and memory in proportion to the corpus: only on request.
        None => "Same story, different outlets: --stories lists the stories two or more outlets cover.".to_string(),
    };
    lines.extend(wrap(&stories, w, "", ""));
    join_lines(lines)
}

/// Word choice as a table of which outlet says what: one row per term of each naming set in
/// which outlets use different terms, one numbered column per outlet. When the columns do not
/// fit, each term lists its users instead.
fn word_choice_terminal(r: &CompareReport, lines: &mut Vec<String>) {
    let w = TERMINAL_WIDTH;
    let sets: Vec<&NamingSet> = r.naming.iter().filter(|s| s.terms.len() >= 2).collect();
    let same = r.naming.len() - sets.len();
    if r.naming.is_empty() {
        return;
    }
    lines.push(String::new());
    lines
        .push("Word choice (naming sets in which outlets use different terms; counts)".to_string());
    let used: Vec<(usize, &OutletStats)> = r
        .outlets
        .iter()
        .enumerate()
        .filter(|(_, o)| {
            sets.iter()
                .any(|s| s.terms.iter().any(|t| t.outlets.contains_key(&o.name)))
        })
        .map(|(i, o)| (i + 1, o))
        .collect();
    let widest = sets
        .iter()
        .flat_map(|s| s.terms.iter().flat_map(|t| t.outlets.values()))
        .max()
        .copied()
        .unwrap_or(0);
    let cw = thousands(widest)
        .len()
        .max(used.last().map_or(1, |u| u.0.to_string().len()))
        .max(3)
        + 1;
    let term_w = w.saturating_sub(cw * used.len() + 4);
    if !used.is_empty() && term_w >= 16 {
        let legend = used
            .iter()
            .map(|(i, o)| format!("{i} {}", o.name))
            .collect::<Vec<_>>()
            .join(", ");
        lines.extend(wrap(&legend, w, "  columns: ", "           "));
        let mut head = format!("    {}", " ".repeat(term_w));
        for (i, _) in &used {
            let _ = write!(head, "{i:>cw$}");
        }
        lines.push(head);
        for set in &sets {
            lines.push(format!("  {}", clip(&set.set, w - 2)));
            for t in &set.terms {
                let mut row = format!("    {}", cell(&t.term, term_w));
                for (_, o) in &used {
                    let n = t
                        .outlets
                        .get(&o.name)
                        .map_or(".".to_string(), |n| thousands(*n));
                    let _ = write!(row, "{n:>cw$}");
                }
                lines.push(row);
            }
        }
    } else {
        for set in &sets {
            lines.push(format!("  {}", clip(&set.set, w - 2)));
            for t in &set.terms {
                let users = counts_list(t.outlets.iter().map(|(o, n)| (o.as_str(), *n)));
                lines.extend(wrap(
                    &users,
                    w,
                    &format!("    {} ", cell(&t.term, 22)),
                    &" ".repeat(27),
                ));
            }
        }
    }
    if sets.is_empty() {
        lines.push("  Every outlet uses the same term of each naming set it touches.".to_string());
    } else if same > 0 {
        lines.push(format!(
            "  ({same} more naming set(s) where every outlet uses the same term are in the JSON.)"
        ));
    }
}

/// The `--stories` terminal view: every story, its outlets one under the other.
pub fn render_stories(r: &CompareReport) -> String {
    let w = TERMINAL_WIDTH;
    let mut lines: Vec<String> = Vec::new();
    let intro = format!(
        "{} stories covered by two or more outlets, among {} articles.",
        r.story_list().len(),
        thousands(r.articles)
    );
    lines.extend(wrap(&intro, w, "", ""));
    let pad = " ".repeat(23);
    for s in r.story_list() {
        lines.push(String::new());
        let head = format!(
            "{} ({} outlets, similarity {:.2})",
            s.label.join(" \u{b7} "),
            s.articles.len(),
            s.similarity
        );
        lines.extend(wrap(&head, w, &format!("Story {}: ", s.id), "    "));
        for a in &s.articles {
            let outlet = a.outlet.as_deref().unwrap_or("(no outlet)");
            lines.extend(wrap(
                a.title.as_deref().unwrap_or("(untitled)"),
                w,
                &format!("  {} ", cell(outlet, 20)),
                &pad,
            ));
            lines.extend(wrap(&a.path, w, &pad, &pad));
            let rates = format!(
                "loaded {:.1}, unattributed {:.1} per 100 sentences ({} in own voice)",
                a.loaded_rate, a.unattributed_rate, a.author_sentences
            );
            lines.extend(wrap(&rates, w, &pad, &pad));
            if !a.sources.is_empty() {
                let quotes =
                    counts_list(a.sources.iter().map(|s| (s.source.as_str(), s.sentences)));
                lines.extend(wrap(&quotes, w, &format!("{pad}quotes: "), &pad));
            }
            for f in &a.flagged {
                let text = format!("\"{}\" [{}]", f.text, f.why());
                lines.extend(wrap(&text, w, &format!("{pad}! "), &format!("{pad}  ")));
            }
            for (label, list) in a.only_here.lists() {
                let first = format!("{pad}only here, {label}: ");
                lines.extend(wrap(&list.join("; "), w, &first, &format!("{pad}  ")));
            }
        }
    }
    join_lines(lines)
}

/// The lines as the terminal gets them. Outlet names, headlines, paths, terms and sources come
/// from articles: every control character and bidirectional control in them becomes U+FFFD
/// here ([`terminal`]), one character for one, so nothing moves the cursor, retitles the
/// window or reverses what follows, and the widths counted above still hold.
fn join_lines(lines: Vec<String>) -> String {
    let mut out = String::new();
    for l in lines {
        out.push_str(&terminal(l.trim_end()));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_fits_the_width() {
        let text = "Christian_Science_Monitor uses loaded language more often than New_York_Times_-_News: 12.1 [9.0-15.2] vs 4.3 [2.9-5.8] per 100 sentences";
        let lines = wrap(text, 60, "- ", "  ");
        assert!(
            lines.len() > 1 && lines.iter().all(|l| l.chars().count() <= 60),
            "{lines:?}"
        );
        assert!(wrap(&"x".repeat(200), 50, "", "")
            .iter()
            .all(|l| l.chars().count() <= 50));
    }

    #[test]
    fn the_table_fits_the_terminal() {
        let r = crate::analysis::compare::tests::compare(&[("High", 0.20), ("Low", 0.03)], 7);
        assert!(render(&r)
            .lines()
            .all(|l| l.chars().count() <= TERMINAL_WIDTH));
    }
}
