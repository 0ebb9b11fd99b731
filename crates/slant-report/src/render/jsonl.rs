//! JSONL: one `slant/1` record per line, the default output of `slant score` and the input
//! `slant report` and `slant compare` accept.

use crate::error::ReportError;
use slant_ingest::model::{
    Attribution, Evidence, LoadedScore, Record, ScoredArticle, ScoredSentence, Summary,
    UnattributedScore, Voice,
};
use std::io::{BufRead, Write};

/// Write one record as a line.
pub fn write_record<W: Write>(out: &mut W, record: &Record) -> Result<(), ReportError> {
    let mut buf = Vec::new();
    encode_line(&mut buf, record);
    out.write_all(&buf)?;
    Ok(())
}

/// Append one record as a JSONL line to `buf`: [`encode`] and a line end.
pub fn encode_line(buf: &mut Vec<u8>, record: &Record) {
    encode(buf, record);
    buf.push(b'\n');
}

/// Append one record as JSON to `buf`, the same bytes as `serde_json::to_writer` writes (a
/// test holds the two together).
///
/// A scored article is written field by field: the article's text is most of a record's
/// bytes (every sentence, every piece of evidence), and this writer copies the runs of a
/// string that need no escape whole, where serde's writer looks at every byte through its
/// generic formatter. Error records, rare, go through serde.
pub fn encode(buf: &mut Vec<u8>, record: &Record) {
    match record {
        Record::Article(a) => {
            // Room for the whole record, so that it is not copied as it grows: its text about
            // twice (the sentences, the quotations, the evidence's words), a sentence's fields
            // and a piece of evidence's at most about 200 and 300 bytes (AllSides: every one of
            // the 1,600 records fits, with 23% more room than the bytes written; a text-only
            // guess of four times the text left 690 records to be copied once or twice).
            let evidence: usize = a
                .sentences
                .iter()
                .map(|s| s.loaded.evidence.len() + s.unattributed.evidence.len())
                .sum();
            buf.reserve(a.text_len * 2 + a.sentences.len() * 200 + evidence * 300 + 1024);
            article(buf, a);
        }
        // Writing into a Vec cannot fail, and an error record always serialises.
        Record::Error(_) => serde_json::to_writer(&mut *buf, record).expect("a record encodes"),
    }
}

fn article(b: &mut Vec<u8>, a: &ScoredArticle) {
    b.extend_from_slice(b"{\"schema\":");
    string(b, &a.schema);
    b.extend_from_slice(b",\"id\":");
    string(b, &a.id);
    b.extend_from_slice(b",\"path\":");
    string(b, &a.path);
    b.extend_from_slice(b",\"outlet\":");
    opt_string(b, a.outlet.as_deref());
    b.extend_from_slice(b",\"title\":");
    opt_string(b, a.title.as_deref());
    b.extend_from_slice(b",\"date\":");
    opt_string(b, a.date.as_deref());
    b.extend_from_slice(b",\"url\":");
    opt_string(b, a.url.as_deref());
    if let Some(author) = &a.author {
        b.extend_from_slice(b",\"author\":");
        string(b, author);
    }
    b.extend_from_slice(b",\"sentences\":[");
    for (i, s) in a.sentences.iter().enumerate() {
        if i > 0 {
            b.push(b',');
        }
        sentence(b, s);
    }
    b.extend_from_slice(b"],\"summary\":");
    summary(b, &a.summary);
    if !a.warnings.is_empty() {
        b.extend_from_slice(b",\"warnings\":[");
        for (i, w) in a.warnings.iter().enumerate() {
            if i > 0 {
                b.push(b',');
            }
            string(b, w);
        }
        b.push(b']');
    }
    if !a.quotes.is_empty() {
        b.extend_from_slice(b",\"quotes\":[");
        for (i, q) in a.quotes.iter().enumerate() {
            if i > 0 {
                b.push(b',');
            }
            b.extend_from_slice(b"{\"start\":");
            uint(b, q.start);
            b.extend_from_slice(b",\"end\":");
            uint(b, q.end);
            b.push(b'}');
        }
        b.push(b']');
    }
    b.extend_from_slice(b",\"text_len\":");
    uint(b, a.text_len);
    b.push(b'}');
}

fn sentence(b: &mut Vec<u8>, s: &ScoredSentence) {
    b.extend_from_slice(b"{\"index\":");
    uint(b, s.index);
    b.extend_from_slice(b",\"start\":");
    uint(b, s.start);
    b.extend_from_slice(b",\"end\":");
    uint(b, s.end);
    b.extend_from_slice(b",\"paragraph\":");
    uint(b, s.paragraph);
    b.extend_from_slice(b",\"text\":");
    string(b, &s.text);
    b.extend_from_slice(match s.voice {
        Voice::Author => b",\"voice\":\"author\"",
        Voice::Quoted => b",\"voice\":\"quoted\"",
        Voice::Mixed => b",\"voice\":\"mixed\"",
    });
    b.extend_from_slice(b",\"loaded\":");
    loaded(b, &s.loaded);
    b.extend_from_slice(b",\"attribution\":");
    attribution(b, &s.attribution);
    b.extend_from_slice(b",\"unattributed\":");
    unattributed(b, &s.unattributed);
    b.push(b'}');
}

fn loaded(b: &mut Vec<u8>, l: &LoadedScore) {
    b.extend_from_slice(b"{\"score\":");
    float(b, l.score);
    b.extend_from_slice(b",\"flagged\":");
    boolean(b, l.flagged);
    b.extend_from_slice(b",\"evidence\":");
    evidence_list(b, &l.evidence);
    if let Some(p) = l.model_probability {
        b.extend_from_slice(b",\"model_probability\":");
        float(b, p);
    }
    b.push(b'}');
}

fn unattributed(b: &mut Vec<u8>, u: &UnattributedScore) {
    b.extend_from_slice(b"{\"score\":");
    float(b, u.score);
    b.extend_from_slice(b",\"flagged\":");
    boolean(b, u.flagged);
    b.extend_from_slice(b",\"reasons\":[");
    for (i, r) in u.reasons.iter().enumerate() {
        if i > 0 {
            b.push(b',');
        }
        string(b, r);
    }
    b.extend_from_slice(b"],\"evidence\":");
    evidence_list(b, &u.evidence);
    if let Some(p) = u.model_probability {
        b.extend_from_slice(b",\"model_probability\":");
        float(b, p);
    }
    b.push(b'}');
}

fn attribution(b: &mut Vec<u8>, a: &Attribution) {
    b.extend_from_slice(b"{\"kind\":");
    string(b, a.kind.as_str());
    b.extend_from_slice(b",\"source\":");
    opt_string(b, a.source.as_deref());
    b.extend_from_slice(b",\"cue\":");
    opt_string(b, a.cue.as_deref());
    b.push(b'}');
}

fn evidence_list(b: &mut Vec<u8>, list: &[Evidence]) {
    b.push(b'[');
    for (i, e) in list.iter().enumerate() {
        if i > 0 {
            b.push(b',');
        }
        b.extend_from_slice(b"{\"start\":");
        uint(b, e.start);
        b.extend_from_slice(b",\"end\":");
        uint(b, e.end);
        b.extend_from_slice(b",\"text\":");
        string(b, &e.text);
        b.extend_from_slice(b",\"category\":");
        string(b, &e.category);
        b.extend_from_slice(b",\"weight\":");
        float(b, e.weight);
        b.extend_from_slice(b",\"rule\":");
        string(b, &e.rule);
        if let Some(entry) = &e.entry {
            b.extend_from_slice(b",\"entry\":");
            string(b, entry);
        }
        if e.quoted {
            b.extend_from_slice(b",\"quoted\":true");
        }
        if !e.note.is_empty() {
            b.extend_from_slice(b",\"note\":");
            string(b, &e.note);
        }
        if let Some(kind) = &e.kind {
            b.extend_from_slice(b",\"kind\":");
            string(b, kind);
        }
        b.push(b'}');
    }
    b.push(b']');
}

fn summary(b: &mut Vec<u8>, s: &Summary) {
    b.extend_from_slice(b"{\"sentences\":");
    uint(b, s.sentences);
    b.extend_from_slice(b",\"loaded_flagged\":");
    uint(b, s.loaded_flagged);
    b.extend_from_slice(b",\"unattributed_flagged\":");
    uint(b, s.unattributed_flagged);
    b.extend_from_slice(b",\"author_sentences\":");
    uint(b, s.author_sentences);
    b.extend_from_slice(b",\"loaded_rate\":");
    float(b, s.loaded_rate);
    b.extend_from_slice(b",\"unattributed_rate\":");
    float(b, s.unattributed_rate);
    b.extend_from_slice(b",\"naming\":[");
    for (i, n) in s.naming.iter().enumerate() {
        if i > 0 {
            b.push(b',');
        }
        b.extend_from_slice(b"{\"set\":");
        string(b, &n.set);
        b.extend_from_slice(b",\"terms\":{");
        for (k, (term, count)) in n.terms.iter().enumerate() {
            if k > 0 {
                b.push(b',');
            }
            string(b, term);
            b.push(b':');
            uint(b, *count);
        }
        b.extend_from_slice(b"}}");
    }
    b.extend_from_slice(b"]}");
}

fn boolean(b: &mut Vec<u8>, v: bool) {
    b.extend_from_slice(if v { b"true" } else { b"false" });
}

fn uint(b: &mut Vec<u8>, mut n: usize) {
    // Most numbers are small (an index, a paragraph): one digit is one push.
    if n < 10 {
        b.push(b'0' + n as u8);
        return;
    }
    // The digits are written in place, two at a time from a table and last first, into 20
    // bytes appended at once (a fixed size, so no call to memcpy for each number), and the
    // unused ones cut off.
    const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
        2021222324252627282930313233343536373839\
        4041424344454647484950515253545556575859\
        6061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899";
    let len = n.ilog10() as usize + 1;
    let start = b.len();
    b.extend_from_slice(&[0u8; 20]);
    let digits = &mut b[start..start + len];
    let mut i = len;
    while n >= 100 {
        let r = (n % 100) * 2;
        n /= 100;
        i -= 2;
        digits[i..i + 2].copy_from_slice(&PAIRS[r..r + 2]);
    }
    if n >= 10 {
        digits[..2].copy_from_slice(&PAIRS[n * 2..n * 2 + 2]);
    } else {
        digits[0] = b'0' + n as u8;
    }
    b.truncate(start + len);
}

/// A number as serde_json writes it (its own shortest form; `null` when not finite).
fn float(b: &mut Vec<u8>, x: f64) {
    serde_json::to_writer(&mut *b, &x).expect("a number encodes");
}

fn opt_string(b: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => string(b, s),
        None => b.extend_from_slice(b"null"),
    }
}

/// A JSON string as serde_json escapes it: `"` and `\`, and the controls below U+0020 (as
/// `\b`, `\t`, `\n`, `\f`, `\r` or `\u00xx`); everything else as it is.
fn string(b: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    b.push(b'"');
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Eight bytes at a time while none of them needs an escape (nearly all of the text).
        if let Some(chunk) = bytes.get(i..i + 8) {
            let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            if !needs_escape(word) {
                i += 8;
                continue;
            }
        }
        let c = bytes[i];
        i += 1;
        if !NEEDS_ESCAPE[c as usize] {
            continue;
        }
        let i = i - 1;
        b.extend_from_slice(&bytes[run..i]);
        run = i + 1;
        match c {
            b'"' => b.extend_from_slice(b"\\\""),
            b'\\' => b.extend_from_slice(b"\\\\"),
            0x08 => b.extend_from_slice(b"\\b"),
            b'\t' => b.extend_from_slice(b"\\t"),
            b'\n' => b.extend_from_slice(b"\\n"),
            0x0c => b.extend_from_slice(b"\\f"),
            b'\r' => b.extend_from_slice(b"\\r"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                b.extend_from_slice(&[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[(c >> 4) as usize],
                    HEX[(c & 0xf) as usize],
                ]);
            }
        }
    }
    b.extend_from_slice(&bytes[run..]);
    b.push(b'"');
}

/// Whether any of the eight bytes of `word` is a control below 0x20, `"` or `\`: the
/// word-at-a-time tests for a zero byte (`x - 0x01.. & !x & 0x80..`) and for a byte below 0x20
/// (the same with 0x20..), which answer exactly whether some byte qualifies.
#[inline]
fn needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
    (below_space | zero(word ^ (ONES * b'"' as u64)) | zero(word ^ (ONES * b'\\' as u64))) != 0
}

static NEEDS_ESCAPE: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = true;
        i += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

/// Read `slant/1` records back, one per non-empty line. A line that is not a record is an
/// error naming the file and line.
pub fn read_records<R: BufRead>(
    input: R,
    path: &str,
) -> impl Iterator<Item = Result<Record, ReportError>> {
    let path = path.to_string();
    input.lines().enumerate().filter_map(move |(i, line)| {
        let line = match line {
            Ok(l) => l,
            Err(e) => return Some(Err(ReportError::Io(e))),
        };
        if line.trim().is_empty() {
            return None;
        }
        Some(
            serde_json::from_str::<Record>(&line).map_err(|e| ReportError::BadRecord {
                path: path.to_string(),
                line: i + 1,
                message: e.to_string(),
            }),
        )
    })
}

/// True when a file's first line looks like `slant/1` output rather than article input.
pub fn is_scored_jsonl(first_line: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(first_line)
        .ok()
        .and_then(|v| {
            v.get("schema")
                .and_then(|s| s.as_str())
                .map(|s| s.starts_with("slant/"))
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use slant_ingest::model::{AttributionKind, ErrorInfo, ErrorRecord, NamingUse, Span, SCHEMA};

    /// Strings of every length with escapes at every place in the eight-byte steps.
    #[test]
    fn numbers_are_written_as_format_writes_them() {
        let mut values = vec![
            0,
            1,
            9,
            10,
            99,
            100,
            12_345_678_901,
            usize::MAX,
            usize::MAX - 1,
        ];
        values.extend((0..20).map(|k| 10usize.pow(k)));
        values.extend((1..20).map(|k| 10usize.pow(k) - 1));
        let mut state: u64 = 0x5eed;
        for k in 0..20_000 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            values.push((state >> (k % 64)) as usize);
        }
        for n in values {
            let mut b = b"x".to_vec();
            uint(&mut b, n);
            assert_eq!(b, format!("x{n}").into_bytes(), "{n}");
        }
    }

    #[test]
    fn strings_escape_as_serde_json_does() {
        const PIECES: &[&str] = &[
            "a",
            "bc",
            "\"",
            "\\",
            "\n",
            "\u{1}",
            "\u{1f}",
            " ",
            "\u{7f}",
            "\u{e9}",
            "\u{2014}",
            "\u{1f600}",
            "~",
        ];
        let mut state: u64 = 0x5eed;
        for case in 0..5000 {
            let mut text = String::new();
            for _ in 0..case % 40 {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(PIECES[(state >> 33) as usize % PIECES.len()]);
            }
            let mut fast = Vec::new();
            string(&mut fast, &text);
            assert_eq!(fast, serde_json::to_vec(&text).unwrap(), "{text:?}");
        }
    }

    /// Every optional field set and every escape: the writer's bytes are serde_json's.
    #[test]
    fn encodes_as_serde_json_does() {
        let nasty: String = (0u8..0x80)
            .map(char::from)
            .chain("\u{2028}é\u{1f600}".chars())
            .collect();
        let evidence = |kind: Option<&str>, quoted: bool, note: &str| Evidence {
            start: 3,
            end: 12_345_678_901,
            text: nasty.clone(),
            category: "label".into(),
            weight: 0.123,
            rule: "LL001".into(),
            entry: kind.map(|_| "regime".to_string()),
            quoted,
            note: note.into(),
            kind: kind.map(|k| k.to_string().into()),
        };
        let sentence = |p: Option<f64>, voice: Voice| ScoredSentence {
            index: 0,
            start: 0,
            end: usize::MAX,
            paragraph: 7,
            text: nasty.clone(),
            voice,
            loaded: LoadedScore {
                score: 0.35,
                flagged: true,
                evidence: vec![evidence(None, false, ""), evidence(None, true, "n\"o\\te")],
                model_probability: p,
            },
            attribution: Attribution {
                kind: AttributionKind::AgentlessPassive,
                source: p.map(|_| nasty.clone()),
                cue: Some("said".into()),
            },
            unattributed: UnattributedScore {
                score: 1.0,
                flagged: false,
                reasons: vec!["vague_source".into(), nasty.clone()],
                evidence: vec![evidence(Some("figure"), true, "x")],
                model_probability: p.map(|p| p / 3.0),
            },
        };
        let full = ScoredArticle {
            schema: SCHEMA.into(),
            id: nasty.clone(),
            path: "a/b.txt".into(),
            outlet: Some("Outlet".into()),
            title: Some(nasty.clone()),
            date: Some("2020-01-01".into()),
            url: Some("https://x.invalid/?a=\"b\"".into()),
            author: Some("A. Writer".into()),
            sentences: vec![
                sentence(Some(0.1 + 0.2), Voice::Mixed),
                sentence(None, Voice::Quoted),
                sentence(Some(f64::NAN), Voice::Author),
            ],
            summary: Summary {
                sentences: 3,
                loaded_flagged: 1,
                unattributed_flagged: 0,
                author_sentences: 2,
                loaded_rate: 33.333,
                unattributed_rate: 1e-7,
                naming: vec![
                    NamingUse {
                        set: "kyiv".into(),
                        terms: [("Kiev".to_string(), 2), (nasty.clone(), 10)].into(),
                    },
                    NamingUse {
                        set: "empty".into(),
                        terms: Default::default(),
                    },
                ],
            },
            warnings: vec!["w1".into(), nasty.clone()],
            quotes: vec![Span::new(1, 2), Span::new(30, 400)],
            text_len: 1234,
        };
        // No metadata, sentences, naming, warnings or quotes: every optional field left out.
        let bare = ScoredArticle {
            summary: Summary {
                naming: vec![],
                ..full.summary.clone()
            },
            text_len: full.text_len,
            ..ScoredArticle::empty(&full.id, &full.path)
        };
        let error = Record::Error(ErrorRecord {
            schema: SCHEMA.into(),
            path: nasty.clone(),
            line: Some(4),
            error: ErrorInfo {
                kind: "binary".into(),
                message: "m".into(),
            },
        });
        for r in [
            Record::Article(Box::new(full)),
            Record::Article(Box::new(bare)),
            error,
        ] {
            let mut fast = Vec::new();
            encode_line(&mut fast, &r);
            let mut slow = serde_json::to_vec(&r).unwrap();
            slow.push(b'\n');
            assert_eq!(
                String::from_utf8(fast).unwrap(),
                String::from_utf8(slow).unwrap()
            );
        }
    }
}
