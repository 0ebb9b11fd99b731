//! Inline SVG charts computed from the data: rates with interval whiskers, stacked shares and
//! the "where in an article" strip.
//!
//! Each chart is a string of SVG to place inside an HTML page (no `xmlns`, no external
//! references, no script). Labels come from article data (outlet names), so they go through
//! [`crate::escape`]; every number is finite and formatted with a fixed precision, so the
//! same data draws the same bytes.

use crate::analysis::corpus::POSITION_BINS;
use crate::analysis::stats::Rate;
use crate::escape::{clip, H};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Width of every chart's coordinate system; pages scale it to the column.
const WIDTH: f64 = 960.0;
const LABEL_W: f64 = 210.0;
const LABEL_CHARS: usize = 24;
const INK: &str = "#1f2328";
const MUTED: &str = "#656d76";
const GRID: &str = "#e6e8eb";

/// Colours of the two scores, shared with the page's CSS.
pub const LOADED_COLOUR: &str = "#d0703f";
pub const UNATTRIBUTED_COLOUR: &str = "#4a78b5";

/// A finite number, so no `NaN` or `inf` ever reaches an attribute.
fn f(x: f64) -> f64 {
    if x.is_finite() {
        x
    } else {
        0.0
    }
}

/// A tick step of 1, 2 or 5 times a power of ten giving about `n` ticks up to `max`.
fn nice_step(max: f64, n: f64) -> f64 {
    let raw = (max / n).max(1e-9);
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let step = if norm <= 1.0 {
        1.0
    } else if norm <= 2.0 {
        2.0
    } else if norm <= 2.5 {
        2.5
    } else if norm <= 5.0 {
        5.0
    } else {
        10.0
    };
    step * mag
}

fn fmt_tick(x: f64) -> String {
    if (x - x.round()).abs() < 1e-9 {
        format!("{}", x.round() as i64)
    } else {
        format!("{x:.1}")
    }
}

fn open(out: &mut String, height: f64, title: &str) {
    let _ = write!(
        out,
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {height:.0}\" width=\"100%\" role=\"img\" preserveAspectRatio=\"xMinYMin meet\"><title>{}</title>",
        H(title)
    );
}

/// A row label, clipped, with the full name as a tooltip.
fn label(out: &mut String, y: f64, name: &str, sub: Option<&str>, bold: bool) {
    let weight = if bold { " font-weight=\"600\"" } else { "" };
    let dy = if sub.is_some() { -3.0 } else { 4.0 };
    let _ = write!(
        out,
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"13\" fill=\"{INK}\"{weight}><title>{}</title>{}</text>",
        LABEL_W - 14.0,
        y + dy,
        H(name),
        H(&clip(name, LABEL_CHARS))
    );
    if let Some(sub) = sub {
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"11\" fill=\"{MUTED}\">{}</text>",
            LABEL_W - 14.0,
            y + 12.0,
            H(sub)
        );
    }
}

/// One row of the rate chart.
#[derive(Debug, Clone)]
pub struct RateRow<'a> {
    pub label: &'a str,
    pub articles: usize,
    pub loaded: Rate,
    pub unattributed: Rate,
    /// Drawn in bold below a rule (the all-outlets row).
    pub total: bool,
}

/// Loaded and unattributed rates per 100 author-voice sentences, one pair of bars per row,
/// with 95% interval whiskers and the numbers written out.
pub fn rate_chart(rows: &[RateRow]) -> String {
    let (top, bottom, row_h, bar_h, value_w) = (40.0, 54.0, 58.0, 17.0, 150.0);
    let plot_w = WIDTH - LABEL_W - value_w;
    let sep = if rows.iter().any(|r| r.total) {
        12.0
    } else {
        0.0
    };
    let height = top + bottom + row_h * rows.len() as f64 + sep;
    let max = rows
        .iter()
        .flat_map(|r| {
            [
                r.loaded.high,
                r.unattributed.high,
                r.loaded.rate,
                r.unattributed.rate,
            ]
        })
        .fold(0.0, f64::max);
    let step = nice_step(f(max).max(1.0), 5.0);
    let xmax = (f(max).max(1.0) / step).ceil() * step;
    let x = |v: f64| LABEL_W + plot_w * (f(v) / xmax).clamp(0.0, 1.0);
    let mut out = String::new();
    open(&mut out, height, "Loaded and unattributed sentences per 100 sentences in the outlet's own voice, by outlet, with 95% intervals");

    // Legend.
    let mut lx = LABEL_W;
    for (colour, name) in [
        (LOADED_COLOUR, "Loaded language"),
        (UNATTRIBUTED_COLOUR, "Unattributed claims"),
    ] {
        let _ = write!(
            out,
            "<rect x=\"{lx:.1}\" y=\"12\" width=\"14\" height=\"14\" rx=\"2\" fill=\"{colour}\"/>"
        );
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"24\" font-size=\"13\" fill=\"{INK}\">{name}</text>",
            lx + 20.0
        );
        lx += 40.0 + 8.0 * name.len() as f64;
    }
    let _ = write!(
        out,
        "<line x1=\"{lx:.1}\" x2=\"{:.1}\" y1=\"19\" y2=\"19\" stroke=\"{INK}\" stroke-width=\"1.5\"/><line x1=\"{lx:.1}\" x2=\"{lx:.1}\" y1=\"14\" y2=\"24\" stroke=\"{INK}\" stroke-width=\"1.5\"/><line x1=\"{:.1}\" x2=\"{:.1}\" y1=\"14\" y2=\"24\" stroke=\"{INK}\" stroke-width=\"1.5\"/>",
        lx + 22.0,
        lx + 22.0,
        lx + 22.0
    );
    let _ = write!(out, "<text x=\"{:.1}\" y=\"24\" font-size=\"13\" fill=\"{INK}\">95% interval (bootstrap over articles)</text>", lx + 30.0);

    // Grid and axis.
    let plot_bottom = height - bottom;
    let mut t = 0.0;
    while t <= xmax + 1e-9 {
        let gx = x(t);
        let _ = write!(out, "<line x1=\"{gx:.1}\" x2=\"{gx:.1}\" y1=\"{top:.1}\" y2=\"{plot_bottom:.1}\" stroke=\"{GRID}\"/>");
        let _ = write!(
            out,
            "<text x=\"{gx:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"12\" fill=\"{MUTED}\">{}</text>",
            plot_bottom + 16.0,
            fmt_tick(t)
        );
        t += step;
    }
    let _ = write!(out, "<line x1=\"{LABEL_W:.1}\" x2=\"{LABEL_W:.1}\" y1=\"{top:.1}\" y2=\"{plot_bottom:.1}\" stroke=\"#9aa1a9\"/>");
    let _ = write!(
        out,
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"12\" fill=\"{MUTED}\">flagged sentences per 100 sentences in the outlet\u{2019}s own voice</text>",
        LABEL_W + plot_w / 2.0,
        plot_bottom + 38.0
    );

    let mut y = top;
    for r in rows {
        if r.total {
            y += sep;
            let _ = write!(
                out,
                "<line x1=\"12\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#c9ced4\"/>",
                WIDTH - 12.0,
                y - sep / 2.0,
                y - sep / 2.0
            );
        }
        let mid = y + row_h / 2.0;
        let sub = format!(
            "{} article{}",
            r.articles,
            if r.articles == 1 { "" } else { "s" }
        );
        label(&mut out, mid, r.label, Some(&sub), r.total);
        for (i, (rate, colour, name)) in [
            (r.loaded, LOADED_COLOUR, "loaded"),
            (r.unattributed, UNATTRIBUTED_COLOUR, "unattributed"),
        ]
        .into_iter()
        .enumerate()
        {
            let by = mid - bar_h - 2.0 + i as f64 * (bar_h + 4.0);
            let cy = by + bar_h / 2.0;
            let w = x(rate.rate) - LABEL_W;
            let _ = write!(
                out,
                "<rect x=\"{LABEL_W:.1}\" y=\"{by:.1}\" width=\"{w:.1}\" height=\"{bar_h:.1}\" fill=\"{colour}\"><title>{}: {} {:.1} per 100 ({} of {} sentences), 95% interval {:.1}\u{2013}{:.1}</title></rect>",
                H(r.label),
                name,
                f(rate.rate),
                rate.flagged,
                rate.sentences,
                f(rate.low),
                f(rate.high)
            );
            let (lo, hi) = (x(rate.low), x(rate.high));
            let _ = write!(
                out,
                "<g stroke=\"{INK}\" stroke-width=\"1.5\"><line x1=\"{lo:.1}\" x2=\"{hi:.1}\" y1=\"{cy:.1}\" y2=\"{cy:.1}\"/><line x1=\"{lo:.1}\" x2=\"{lo:.1}\" y1=\"{:.1}\" y2=\"{:.1}\"/><line x1=\"{hi:.1}\" x2=\"{hi:.1}\" y1=\"{:.1}\" y2=\"{:.1}\"/></g>",
                cy - 5.0,
                cy + 5.0,
                cy - 5.0,
                cy + 5.0
            );
            let weight = if r.total { " font-weight=\"600\"" } else { "" };
            let _ = write!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"{INK}\"{weight}>{:.1} <tspan fill=\"{MUTED}\" font-weight=\"400\">({:.1}\u{2013}{:.1})</tspan></text>",
                LABEL_W + plot_w + 12.0,
                cy + 4.0,
                f(rate.rate),
                f(rate.low),
                f(rate.high)
            );
        }
        y += row_h;
    }
    out.push_str("</svg>");
    out
}

/// One bar of a stacked chart.
#[derive(Debug, Clone)]
pub struct StackRow<'a> {
    pub label: &'a str,
    pub counts: &'a BTreeMap<String, usize>,
    pub total: bool,
}

/// A segment kind of a stacked chart: its key in the counts, legend label and colour.
#[derive(Debug, Clone, Copy)]
pub struct Segment<'a> {
    pub key: &'a str,
    pub label: &'a str,
    pub colour: &'a str,
}

/// Text colour that reads on `bg` (a `#rrggbb` colour).
fn on(bg: &str) -> &'static str {
    let h =
        |i: usize| u8::from_str_radix(bg.get(i..i + 2).unwrap_or("80"), 16).unwrap_or(128) as f64;
    let lum = 0.2126 * h(1) + 0.7152 * h(3) + 0.0722 * h(5);
    if lum > 150.0 {
        INK
    } else {
        "#ffffff"
    }
}

/// Shares of each segment per row, as 100% stacked bars with the percentages written in and
/// a legend. `unit` names what is counted ("flags", "sentences").
pub fn stacked_chart(rows: &[StackRow], segments: &[Segment], unit: &str, title: &str) -> String {
    let (top, row_h, bar_h, right) = (10.0, 32.0, 20.0, 100.0);
    let plot_w = WIDTH - LABEL_W - right;
    // Legend items laid out in lines, by an estimate of the text width.
    let used: Vec<&Segment> = segments
        .iter()
        .filter(|s| {
            rows.iter()
                .any(|r| r.counts.get(s.key).copied().unwrap_or(0) > 0)
        })
        .collect();
    let mut legend = Vec::new();
    let (mut lx, mut ly) = (LABEL_W, 0.0);
    for s in &used {
        let w = 26.0 + 7.0 * s.label.chars().count() as f64;
        if lx + w > WIDTH - 10.0 {
            lx = LABEL_W;
            ly += 22.0;
        }
        legend.push((lx, ly, *s));
        lx += w + 14.0;
    }
    let sep = if rows.iter().any(|r| r.total) {
        10.0
    } else {
        0.0
    };
    let bars_h = row_h * rows.len() as f64 + sep;
    let legend_h = if used.is_empty() { 0.0 } else { ly + 36.0 };
    let height = top + bars_h + legend_h;
    let mut out = String::new();
    open(&mut out, height, title);
    let mut y = top;
    for r in rows {
        if r.total {
            y += sep;
        }
        let n: usize = segments
            .iter()
            .map(|s| r.counts.get(s.key).copied().unwrap_or(0))
            .sum();
        let mid = y + row_h / 2.0;
        label(&mut out, mid, r.label, None, r.total);
        let by = mid - bar_h / 2.0;
        if n == 0 {
            let _ = write!(out, "<rect x=\"{LABEL_W:.1}\" y=\"{by:.1}\" width=\"{plot_w:.1}\" height=\"{bar_h:.1}\" fill=\"#f3f4f6\"/>");
        }
        let mut sx = LABEL_W;
        for s in segments {
            let c = r.counts.get(s.key).copied().unwrap_or(0);
            if c == 0 || n == 0 {
                continue;
            }
            let share = c as f64 / n as f64;
            let w = plot_w * share;
            let _ = write!(
                out,
                "<rect x=\"{sx:.1}\" y=\"{by:.1}\" width=\"{w:.1}\" height=\"{bar_h:.1}\" fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"1\"><title>{}: {} {c} of {n} {unit} ({:.0}%)</title></rect>",
                s.colour,
                H(r.label),
                H(s.label),
                share * 100.0
            );
            if w >= 34.0 {
                let _ = write!(
                    out,
                    "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"11\" fill=\"{}\">{:.0}%</text>",
                    sx + w / 2.0,
                    mid + 4.0,
                    on(s.colour),
                    share * 100.0
                );
            }
            sx += w;
        }
        let weight = if r.total { " font-weight=\"600\"" } else { "" };
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"{MUTED}\"{weight}>n = {n}</text>",
            LABEL_W + plot_w + 10.0,
            mid + 4.0
        );
        y += row_h;
    }
    let ly0 = top + bars_h + 14.0;
    for (lx, ly, s) in legend {
        let _ = write!(
            out,
            "<rect x=\"{lx:.1}\" y=\"{:.1}\" width=\"14\" height=\"14\" rx=\"2\" fill=\"{}\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"{INK}\">{}</text>",
            ly0 + ly,
            s.colour,
            lx + 19.0,
            ly0 + ly + 12.0,
            H(s.label)
        );
    }
    out.push_str("</svg>");
    out
}

/// One row of the position strip: an outlet and its flags per tenth of an article.
#[derive(Debug, Clone)]
pub struct PositionRow<'a> {
    pub label: &'a str,
    pub bins: [usize; POSITION_BINS],
    pub total: bool,
}

impl<'a> PositionRow<'a> {
    pub fn new(label: &'a str, bins: [usize; POSITION_BINS], total: bool) -> Self {
        PositionRow { label, bins, total }
    }
}

/// Where in an article the flagged sentences fall: for each row, a small histogram over the
/// article's length (start to end), scaled to the row's own busiest tenth.
pub fn position_chart(rows: &[PositionRow]) -> String {
    let (top, row_h, bar_max, right, bottom) = (8.0, 40.0, 30.0, 100.0, 40.0);
    let plot_w = WIDTH - LABEL_W - right;
    let sep = if rows.iter().any(|r| r.total) {
        10.0
    } else {
        0.0
    };
    let height = top + row_h * rows.len() as f64 + sep + bottom;
    let mut out = String::new();
    open(
        &mut out,
        height,
        "Where in an article the flagged sentences fall, by outlet",
    );
    let bin_w = plot_w / POSITION_BINS as f64;
    let mut y = top;
    for r in rows {
        if r.total {
            y += sep;
        }
        let n: usize = r.bins.iter().sum();
        let max = r.bins.iter().copied().max().unwrap_or(0).max(1);
        let base = y + row_h - 6.0;
        label(&mut out, base - 10.0, r.label, None, r.total);
        let _ = write!(out, "<line x1=\"{LABEL_W:.1}\" x2=\"{:.1}\" y1=\"{base:.1}\" y2=\"{base:.1}\" stroke=\"#9aa1a9\"/>", LABEL_W + plot_w);
        for (i, &c) in r.bins.iter().enumerate() {
            let h = bar_max * c as f64 / max as f64;
            let bx = LABEL_W + bin_w * i as f64 + 2.0;
            let share = if n == 0 {
                0.0
            } else {
                100.0 * c as f64 / n as f64
            };
            let _ = write!(
                out,
                "<rect x=\"{bx:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{h:.1}\" fill=\"#5b6b82\"><title>{}: {c} flagged sentence{} ({share:.0}%) in the {} tenth of their articles</title></rect>",
                base - h,
                bin_w - 4.0,
                H(r.label),
                if c == 1 { "" } else { "s" },
                ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "last"][i.min(9)]
            );
        }
        let weight = if r.total { " font-weight=\"600\"" } else { "" };
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"{MUTED}\"{weight}>n = {n}</text>",
            LABEL_W + plot_w + 10.0,
            base - 10.0
        );
        y += row_h;
    }
    let ay = y + 18.0;
    for (frac, text, anchor) in [
        (0.0, "start of article", "start"),
        (0.5, "middle", "middle"),
        (1.0, "end", "end"),
    ] {
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{ay:.1}\" text-anchor=\"{anchor}\" font-size=\"12\" fill=\"{MUTED}\">{text}</text>",
            LABEL_W + plot_w * frac
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::stats::bootstrap_rate;

    #[test]
    fn ticks_are_round() {
        assert_eq!(nice_step(37.0, 5.0), 10.0);
        assert_eq!(nice_step(9.0, 5.0), 2.0);
        assert_eq!(fmt_tick(2.5), "2.5");
        assert_eq!(fmt_tick(20.0), "20");
    }

    #[test]
    fn labels_are_escaped_and_numbers_finite() {
        let r = bootstrap_rate(&[(1, 4), (0, 0)], 50, 1);
        let svg = rate_chart(&[RateRow {
            label: "<script>x</script>",
            articles: 2,
            loaded: r,
            unattributed: r,
            total: false,
        }]);
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;"));
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
        let empty = BTreeMap::new();
        let svg = stacked_chart(
            &[StackRow {
                label: "\"a\"",
                counts: &empty,
                total: false,
            }],
            &[],
            "flags",
            "t",
        );
        assert!(svg.contains("&quot;a&quot;") && !svg.contains("NaN"));
    }
}
