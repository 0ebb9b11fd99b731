//! CSV, ready for pandas, R or DuckDB: records as one row per sentence (error records become
//! rows with the `error` column filled and no sentence), and a comparison as one row per group
//! or per story article.

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

/// Quote a field when it needs it (RFC 4180).
pub fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
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
            row[1] = e.path.clone();
            row[HEADER.len() - 1] = match e.line {
                Some(l) => format!("{}: line {l}: {}", e.error.kind, e.error.message),
                None => format!("{}: {}", e.error.kind, e.error.message),
            };
            writeln!(
                out,
                "{}",
                row.iter().map(|f| field(f)).collect::<Vec<_>>().join(",")
            )?;
        }
        Record::Article(a) => {
            for s in &a.sentences {
                let mut rules: Vec<&str> = s
                    .loaded
                    .evidence
                    .iter()
                    .chain(&s.unattributed.evidence)
                    .map(|e| e.rule.as_str())
                    .collect();
                rules.sort();
                rules.dedup();
                let terms: Vec<&str> = s
                    .loaded
                    .evidence
                    .iter()
                    .chain(&s.unattributed.evidence)
                    .map(|e| e.text.as_str())
                    .collect();
                let row = [
                    a.id.clone(),
                    a.path.clone(),
                    a.outlet.clone().unwrap_or_default(),
                    a.title.clone().unwrap_or_default(),
                    a.date.clone().unwrap_or_default(),
                    s.index.to_string(),
                    s.start.to_string(),
                    s.end.to_string(),
                    s.paragraph.to_string(),
                    voice(s.voice).to_string(),
                    s.loaded.score.to_string(),
                    s.loaded.flagged.to_string(),
                    s.unattributed.score.to_string(),
                    s.unattributed.flagged.to_string(),
                    s.attribution.kind.as_str().to_string(),
                    s.attribution.source.clone().unwrap_or_default(),
                    s.attribution.cue.clone().unwrap_or_default(),
                    s.unattributed.reasons.join(";"),
                    rules.join(";"),
                    terms.join(";"),
                    s.text.clone(),
                    String::new(),
                ];
                writeln!(
                    out,
                    "{}",
                    row.iter().map(|f| field(f)).collect::<Vec<_>>().join(",")
                )?;
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
    let row = |out: &mut W, cells: Vec<String>| -> Result<(), ReportError> {
        writeln!(
            out,
            "{}",
            cells.iter().map(|c| field(c)).collect::<Vec<_>>().join(",")
        )?;
        Ok(())
    };
    let joined = |items: &[SourceCount]| {
        items
            .iter()
            .map(|s| format!("{}:{}", s.source, s.sentences))
            .collect::<Vec<_>>()
            .join(";")
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
        row(out, header.map(String::from).to_vec())?;
        for s in r.story_list() {
            for a in &s.articles {
                let cells = vec![
                    s.id.to_string(),
                    s.label.join(" "),
                    s.similarity.to_string(),
                    a.outlet.clone().unwrap_or_default(),
                    a.id.clone(),
                    a.path.clone(),
                    a.title.clone().unwrap_or_default(),
                    a.date.clone().unwrap_or_default(),
                    a.loaded_rate.to_string(),
                    a.unattributed_rate.to_string(),
                    joined(&a.sources),
                    a.only_here.sources.join(";"),
                    a.only_here.names.join(";"),
                    a.only_here.figures.join(";"),
                ];
                row(out, cells)?;
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
    row(out, header)?;
    for o in &r.outlets {
        let mut cells = vec![
            o.name.clone(),
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
        cells.push(
            o.loaded_terms
                .iter()
                .map(|t| format!("{}:{}", t.term, t.count))
                .collect::<Vec<_>>()
                .join(";"),
        );
        cells.push(joined(&o.sources));
        row(out, cells)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"no\"\nnow"), "\"say \"\"no\"\"\nnow\"");
    }
}
