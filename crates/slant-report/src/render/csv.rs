//! CSV, ready for pandas, R or DuckDB: records as one row per sentence (error records become
//! rows with the `error` column filled and no sentence), and a comparison as one row per group
//! or per story article.
//!
//! **Article text is hostile here too.** A spreadsheet runs a cell that starts with `=`, `+`,
//! `-` or `@` as a formula (and tab or carriage return can hide one), so every cell that holds
//! text from an article or a record goes through [`text`]: control characters become spaces
//! and a formula lead gets a `'` before it, as OWASP advises; the text stays readable. Cells
//! slant writes itself (numbers, flags, codes) go through [`field`] and stay what they are.

use crate::analysis::compare::{CompareReport, SourceCount};
use crate::error::ReportError;
use slant_ingest::model::{AttributionKind, Record, Voice};
use std::io::Write;

pub const HEADER: &[&str] = &[
    "article_id",
    "path",
    "outlet",
    "title",
    "date",
    "sentence",
    "start",
    "end",
    "paragraph",
    "voice",
    "loaded_score",
    "loaded_flagged",
    "unattributed_score",
    "unattributed_flagged",
    "attribution_kind",
    "attribution_source",
    "attribution_cue",
    "reasons",
    "rules",
    "evidence_terms",
    "text",
    "error",
];

/// A cell slant writes itself (a number, a flag, a code), quoted when it needs it (RFC 4180).
pub fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A cell of text from an article or a record: control characters become spaces, a leading
/// `=`, `+`, `-` or `@` gets a `'` before it (so no spreadsheet reads a formula), then quoted
/// when it needs it.
pub fn text(s: &str) -> String {
    let mut clean: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if clean.starts_with(['=', '+', '-', '@']) {
        clean.insert(0, '\'');
    }
    field(&clean)
}

fn line<W: Write>(out: &mut W, cells: &[String]) -> Result<(), ReportError> {
    writeln!(out, "{}", cells.join(","))?;
    Ok(())
}

pub fn write_header<W: Write>(out: &mut W) -> Result<(), ReportError> {
    writeln!(out, "{}", HEADER.join(","))?;
    Ok(())
}

fn voice(v: Voice) -> &'static str {
    match v {
        Voice::Author => "author",
        Voice::Quoted => "quoted",
        Voice::Mixed => "mixed",
    }
}

/// Write the rows of one record.
pub fn write_record<W: Write>(out: &mut W, record: &Record) -> Result<(), ReportError> {
    match record {
        Record::Error(e) => {
            let mut row = vec![String::new(); HEADER.len()];
            row[1] = text(&e.path);
            row[HEADER.len() - 1] = text(&match e.line {
                Some(l) => format!("{}: line {l}: {}", e.error.kind, e.error.message),
                None => format!("{}: {}", e.error.kind, e.error.message),
            });
            line(out, &row)?;
        }
        Record::Article(a) => {
            for s in &a.sentences {
                let evidence = || s.loaded.evidence.iter().chain(&s.unattributed.evidence);
                let mut rules: Vec<&str> = evidence().map(|e| e.rule.as_ref()).collect();
                rules.sort();
                rules.dedup();
                let terms: Vec<&str> = evidence().map(|e| e.text.as_str()).collect();
                let given = |v: &Option<String>| text(v.as_deref().unwrap_or_default());
                let mut row: Vec<String> = [&a.id, &a.path].map(|v| text(v)).to_vec();
                row.extend([&a.outlet, &a.title, &a.date].map(given));
                row.extend([s.index, s.start, s.end, s.paragraph].map(|n| n.to_string()));
                row.push(voice(s.voice).to_string());
                row.extend([
                    s.loaded.score.to_string(),
                    s.loaded.flagged.to_string(),
                    s.unattributed.score.to_string(),
                    s.unattributed.flagged.to_string(),
                ]);
                row.push(s.attribution.kind.as_str().to_string());
                row.extend([&s.attribution.source, &s.attribution.cue].map(given));
                row.extend(
                    [
                        &s.unattributed.reasons.join(";"),
                        &rules.join(";"),
                        &terms.join(";"),
                        &s.text,
                    ]
                    .map(|v| text(v)),
                );
                row.push(String::new());
                line(out, &row)?;
            }
        }
    }
    Ok(())
}

/// A comparison (`slant compare -o FILE.csv`): one row per group; with `stories`, one row per
/// article of each story.
pub fn write_comparison<W: Write>(
    out: &mut W,
    r: &CompareReport,
    stories: bool,
) -> Result<(), ReportError> {
    let joined = |items: &[SourceCount]| {
        let items: Vec<String> = items
            .iter()
            .map(|s| format!("{}:{}", s.source, s.sentences))
            .collect();
        text(&items.join(";"))
    };
    if stories {
        let header = [
            "story",
            "label",
            "similarity",
            "outlet",
            "id",
            "path",
            "title",
            "date",
            "loaded_rate",
            "unattributed_rate",
            "sources",
            "only_here_sources",
            "only_here_names",
            "only_here_figures",
        ];
        line(out, &header.map(String::from))?;
        for s in r.story_list() {
            for a in &s.articles {
                let given = |v: &Option<String>| text(v.as_deref().unwrap_or_default());
                let mut cells = vec![s.id.to_string(), text(&s.label.join(" "))];
                cells.push(s.similarity.to_string());
                cells.extend([given(&a.outlet), text(&a.id), text(&a.path)]);
                cells.extend([&a.title, &a.date].map(given));
                cells.extend([a.loaded_rate, a.unattributed_rate].map(|x| x.to_string()));
                cells.push(joined(&a.sources));
                let only = &a.only_here;
                cells.extend(
                    [&only.sources, &only.names, &only.figures].map(|l| text(&l.join(";"))),
                );
                line(out, &cells)?;
            }
        }
        return Ok(());
    }
    let mut header: Vec<String> = [
        r.by,
        "articles",
        "sentences",
        "author_sentences",
        "loaded_rate",
        "loaded_low",
        "loaded_high",
        "loaded_flagged",
        "unattributed_rate",
        "unattributed_low",
        "unattributed_high",
        "unattributed_flagged",
        "quoted_share",
    ]
    .map(String::from)
    .to_vec();
    header.extend(
        AttributionKind::ALL
            .iter()
            .map(|k| format!("attribution_{}", k.as_str())),
    );
    header.extend(["loaded_terms", "sources"].map(String::from));
    line(out, &header)?;
    for o in &r.outlets {
        let mut cells = vec![
            text(&o.name),
            o.articles.to_string(),
            o.sentences.to_string(),
            o.author_sentences.to_string(),
            o.loaded.rate.to_string(),
            o.loaded.low.to_string(),
            o.loaded.high.to_string(),
            o.loaded.flagged.to_string(),
            o.unattributed.rate.to_string(),
            o.unattributed.low.to_string(),
            o.unattributed.high.to_string(),
            o.unattributed.flagged.to_string(),
            o.quoted_share.to_string(),
        ];
        cells.extend(AttributionKind::ALL.iter().map(|k| {
            o.attribution
                .get(k.as_str())
                .map_or(0.0, |s| s.share)
                .to_string()
        }));
        let terms: Vec<String> = o
            .loaded_terms
            .iter()
            .map(|t| format!("{}:{}", t.term, t.count))
            .collect();
        cells.push(text(&terms.join(";")));
        cells.push(joined(&o.sources));
        line(out, &cells)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_text_never_starts_a_formula() {
        let cases = [
            (field("plain"), "plain"),
            (field("a,b"), "\"a,b\""),
            (field("say \"no\"\nnow"), "\"say \"\"no\"\"\nnow\""),
            (field("-0.5"), "-0.5"),
            (text("=1+1"), "'=1+1"),
            (text("+SUM(A1)"), "'+SUM(A1)"),
            (text("-2+3"), "'-2+3"),
            (text("@cmd"), "'@cmd"),
            (text("\t=1"), " =1"),
            (text("\r\n=cmd|'/C calc'!A0"), "  =cmd|'/C calc'!A0"),
            (text("a\u{1b}]0;x\u{7}b"), "a ]0;x b"),
            (text("x=1, y"), "\"x=1, y\""),
        ];
        for (got, want) in cases {
            assert_eq!(got, want);
        }
    }
}
