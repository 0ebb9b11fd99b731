//! Cutting a scored sentence into runs for display: which bytes are quoted speech and which
//! evidence spans cover them.
//!
//! Evidence spans may overlap (a word can be both a loaded intensifier and the evidence of a
//! bare evaluation) and quotations may start or end mid-sentence, so a sentence is cut at
//! every boundary of either kind; each [`Run`] then knows whether it is quoted and which
//! evidence groups cover it. Offsets are checked against the sentence and its UTF-8 char
//! boundaries before use: a span that does not fit (hand-edited JSONL, say) is listed but never
//! sliced, so the writers can escape each run *after* slicing and never split a character or an
//! escape sequence.

use crate::categories;
use slant_ingest::model::{Evidence, ScoredSentence, Span, Voice};

/// Evidence that shares one span, shown as one highlight with one footnote.
#[derive(Debug, Clone)]
pub struct Group<'a> {
    /// Byte range relative to the sentence text, when it fits the sentence.
    pub range: Option<(usize, usize)>,
    /// The words, as the evidence gives them.
    pub text: &'a str,
    /// Loaded evidence first, then unattributed, each in rule order.
    pub evidence: Vec<&'a Evidence>,
}

impl<'a> Group<'a> {
    /// The evidence that decides the highlight's look: the heaviest, ties by rule code.
    pub fn primary(&self) -> &Evidence {
        let mut best = self.evidence[0];
        for e in &self.evidence[1..] {
            if e.weight > best.weight || (e.weight == best.weight && e.rule < best.rule) {
                best = e;
            }
        }
        best
    }

    /// True when every piece of evidence stands inside a quotation (the speaker's words).
    pub fn quoted(&self) -> bool {
        self.evidence.iter().all(|e| e.quoted)
    }

    /// The group's evidence as lines of a note: rules that agree on the category's label, the
    /// reason and the quotation (a word both loaded and, by another rule, an evaluation stated
    /// as fact) share a line, in the order they first appear.
    pub fn parts(&self) -> Vec<Part<'a>> {
        let mut parts: Vec<Part<'a>> = Vec::new();
        for e in &self.evidence {
            let (label, reason) = (
                categories::label(&e.category),
                categories::evidence_reason(e),
            );
            let rule = (e.rule.as_ref(), e.weight);
            match parts
                .iter_mut()
                .find(|p| p.label == label && p.reason == reason && p.quoted == e.quoted)
            {
                Some(p) => p.rules.push(rule),
                None => parts.push(Part {
                    text: &e.text,
                    label,
                    reason,
                    quoted: e.quoted,
                    rules: vec![rule],
                }),
            }
        }
        parts
    }
}

/// One line of a highlight's note: what the words are, why, and the rules (with weights)
/// that say so.
#[derive(Debug, Clone, PartialEq)]
pub struct Part<'a> {
    /// The words, as the first piece of evidence on the line gives them.
    pub text: &'a str,
    /// The evidence category in words.
    pub label: &'a str,
    pub reason: String,
    /// Inside a quotation: the speaker's words.
    pub quoted: bool,
    pub rules: Vec<(&'a str, f64)>,
}

/// Evidence grouped by span, in text order (a longer span before a shorter one that starts at
/// the same place); within a group, in the order given (loaded evidence first, then
/// unattributed, each in rule order).
pub fn group_evidence<'a>(
    s: &ScoredSentence,
    evidence: impl Iterator<Item = &'a Evidence>,
) -> Vec<Group<'a>> {
    let mut groups: Vec<Group<'a>> = Vec::new();
    for e in evidence {
        if let Some(g) = groups.iter_mut().find(|g| {
            let first = g.evidence[0];
            first.start == e.start && first.end == e.end
        }) {
            g.evidence.push(e);
        } else {
            groups.push(Group {
                range: relative(s, e.start, e.end),
                text: &e.text,
                evidence: vec![e],
            });
        }
    }
    groups.sort_by_key(|g| (g.evidence[0].start, std::cmp::Reverse(g.evidence[0].end)));
    groups
}

/// A stretch of sentence text with one display state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub start: usize,
    pub end: usize,
    /// Inside a direct quotation.
    pub quoted: bool,
    /// Indices of the groups covering the run, innermost (shortest) first.
    pub groups: Vec<usize>,
    /// Groups whose span ends with this run (where a footnote marker goes).
    pub closes: Vec<usize>,
}

/// A sentence cut into runs, with its evidence groups.
#[derive(Debug, Clone)]
pub struct Highlighted<'a> {
    pub text: &'a str,
    pub groups: Vec<Group<'a>>,
    pub runs: Vec<Run>,
}

/// Relative byte range of an absolute span inside the sentence, when it fits on char
/// boundaries.
fn relative(s: &ScoredSentence, start: usize, end: usize) -> Option<(usize, usize)> {
    if start < s.start || end > s.end || start >= end {
        return None;
    }
    let (a, b) = (start - s.start, end - s.start);
    (b <= s.text.len() && s.text.is_char_boundary(a) && s.text.is_char_boundary(b))
        .then_some((a, b))
}

/// Cut `s` into runs. `quotes` are the article's quotation spans (absolute byte offsets);
/// when an article carries none, a sentence in quoted voice counts as quoted throughout.
pub fn highlight<'a>(s: &'a ScoredSentence, quotes: &[Span]) -> Highlighted<'a> {
    let groups = group_evidence(s, s.loaded.evidence.iter().chain(&s.unattributed.evidence));

    let mut quoted: Vec<(usize, usize)> = Vec::new();
    for q in quotes {
        let (a, b) = (q.start.max(s.start), q.end.min(s.end));
        if let Some(r) = relative(s, a, b) {
            quoted.push(r);
        }
    }
    if quotes.is_empty() && s.voice == Voice::Quoted && !s.text.is_empty() {
        quoted.push((0, s.text.len()));
    }

    let mut cuts: Vec<usize> = vec![0, s.text.len()];
    for g in &groups {
        if let Some((a, b)) = g.range {
            cuts.extend([a, b]);
        }
    }
    for &(a, b) in &quoted {
        cuts.extend([a, b]);
    }
    cuts.sort_unstable();
    cuts.dedup();

    let mut runs = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let mut covering: Vec<usize> = (0..groups.len())
            .filter(|&i| groups[i].range.is_some_and(|(ga, gb)| ga <= a && b <= gb))
            .collect();
        covering.sort_by_key(|&i| groups[i].range.map(|(ga, gb)| (gb - ga, ga)));
        let mut closes: Vec<usize> = covering
            .iter()
            .copied()
            .filter(|&i| groups[i].range.is_some_and(|(_, gb)| gb == b))
            .collect();
        closes.sort_unstable();
        runs.push(Run {
            start: a,
            end: b,
            quoted: quoted.iter().any(|&(qa, qb)| qa <= a && b <= qb),
            groups: covering,
            closes,
        });
    }
    Highlighted {
        text: &s.text,
        groups,
        runs,
    }
}

/// Byte ranges (relative to the sentence) covered by any evidence, merged: what the Markdown
/// writer sets in bold.
pub fn merged_ranges(h: &Highlighted) -> Vec<(usize, usize)> {
    let mut ranges: Vec<(usize, usize)> = h.groups.iter().filter_map(|g| g.range).collect();
    ranges.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (a, b) in ranges {
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn ev(
        text: &str,
        start: usize,
        word: &str,
        category: &str,
        rule: &str,
        weight: f64,
    ) -> Evidence {
        let at = text.find(word).expect("word in text") + start;
        Evidence {
            start: at,
            end: at + word.len(),
            text: word.to_string(),
            category: category.to_string().into(),
            weight,
            rule: rule.to_string().into(),
            entry: None,
            quoted: false,
            note: String::new(),
            kind: None,
        }
    }

    pub fn sentence(
        start: usize,
        text: &str,
        loaded: Vec<Evidence>,
        ua: Vec<Evidence>,
    ) -> ScoredSentence {
        let mut s = ScoredSentence::plain(0, start, text);
        s.loaded.score = 0.6;
        s.loaded.flagged = !loaded.is_empty();
        s.loaded.evidence = loaded;
        s.unattributed.evidence = ua;
        s
    }

    #[test]
    fn overlapping_evidence_and_quotes_cut_into_runs() {
        let t = "It was condemned as \u{201c}a reckless move\u{201d} today.";
        let s = sentence(
            10,
            t,
            vec![ev(t, 10, "reckless", "intensifier", "LL001", 0.6)],
            vec![
                ev(t, 10, "condemned as", "agentless_passive", "UA002", 0.7),
                ev(t, 10, "reckless", "intensifier", "UA004", 0.48),
            ],
        );
        let q0 = 10 + t.find('\u{201c}').unwrap();
        let q1 = 10 + t.find('\u{201d}').unwrap() + 3;
        let h = highlight(&s, &[Span::new(q0, q1)]);
        assert_eq!(h.groups.len(), 2, "one group per distinct span");
        let reckless = h.groups.iter().position(|g| g.text == "reckless").unwrap();
        assert_eq!(h.groups[reckless].evidence.len(), 2);
        assert_eq!(h.groups[reckless].primary().rule, "LL001");
        let texts: Vec<(&str, bool, usize)> = h
            .runs
            .iter()
            .map(|r| (&t[r.start..r.end], r.quoted, r.groups.len()))
            .collect();
        assert_eq!(
            texts,
            vec![
                ("It was ", false, 0),
                ("condemned as", false, 1),
                (" ", false, 0),
                ("\u{201c}a ", true, 0),
                ("reckless", true, 1),
                (" move\u{201d}", true, 0),
                (" today.", false, 0)
            ]
        );
    }

    #[test]
    fn spans_that_do_not_fit_are_listed_but_not_sliced() {
        let t = "caf\u{e9} bad";
        let mut e = ev(t, 0, "bad", "intensifier", "LL001", 0.5);
        e.start = 4; // inside the two-byte é
        let s = sentence(0, t, vec![e], vec![]);
        let h = highlight(&s, &[]);
        assert_eq!(h.groups.len(), 1);
        assert!(h.groups[0].range.is_none());
        assert_eq!(h.runs.len(), 1);
        assert!(merged_ranges(&h).is_empty());
    }
}
