//! CSV: one row per sentence, ready for pandas, R or DuckDB. Error records become rows with
//! the `error` column filled and no sentence.

use crate::ReportError;
use slant_ingest::model::{Record, Voice};
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
