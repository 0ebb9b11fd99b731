//! `slant explain`: one passage, each sentence with its flagged words marked and the reasons in
//! plain words, for a person at a terminal.

use crate::args::Common;
use crate::settings::build_scorer;
use anyhow::{Context, Result};
use clap::Args;
use slant_ingest::model::{AttributionKind, Evidence, ScoredArticle, Voice};
use slant_ingest::{segment, Article};
use std::io::{IsTerminal, Read, Write};

#[derive(Args)]
pub struct ExplainArgs {
    /// The passage to score; read from stdin when absent.
    text: Option<String>,
    /// Show every sentence, not only flagged ones.
    #[arg(long)]
    all: bool,
    #[command(flatten)]
    common: Common,
}

struct Style {
    colour: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.colour {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn mark(&self, s: &str, loaded: bool) -> String {
        if self.colour {
            self.paint(if loaded { "1;4;31" } else { "1;4;33" }, s)
        } else {
            format!("[{s}]")
        }
    }
}

pub fn run(args: ExplainArgs) -> Result<u8> {
    let scorer = build_scorer(&args.common)?;
    let text = match args.text {
        Some(t) => t,
        None => {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .context("cannot read stdin")?;
            s
        }
    };
    let text = slant_ingest::normalise(&text);
    if text.trim().is_empty() {
        anyhow::bail!("nothing to explain: the passage is empty");
    }
    let article = Article {
        path: "-".into(),
        ..Article::from_text("passage", text)
    };
    let scored = scorer.score(&segment(article));
    let colour = std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR")
            .map(|v| v.is_empty())
            .unwrap_or(true);
    let mut out = crate::output::Output::stdout();
    write!(out, "{}", render(&scored, &Style { colour }, args.all))?;
    out.commit()?;
    Ok(0)
}

fn voice_words(v: Voice) -> &'static str {
    match v {
        Voice::Author => "the outlet's own words",
        Voice::Quoted => "a quotation",
        Voice::Mixed => "the outlet's words with a quotation",
    }
}

fn attribution_words(a: &slant_ingest::model::Attribution) -> String {
    let src = a.source.as_deref().unwrap_or("?");
    let cue = a
        .cue
        .as_deref()
        .map(|c| format!(" (cue: \"{c}\")"))
        .unwrap_or_default();
    let words = match a.kind {
        AttributionKind::Named => format!("attributed to {src}"),
        AttributionKind::Anonymous => format!("attributed to an unnamed source ({src})"),
        AttributionKind::Document => format!("attributed to a document ({src})"),
        AttributionKind::Vague => format!("attributed only vaguely ({src})"),
        AttributionKind::AgentlessPassive => "no source: a passive hides who says so".to_string(),
        AttributionKind::None => "no source given".to_string(),
    };
    if a.kind == AttributionKind::AgentlessPassive {
        words
    } else {
        format!("{words}{cue}")
    }
}

fn reason_line(e: &Evidence) -> String {
    let rule = slant_score::rules::by_code(&e.rule)
        .map(|i| i.summary)
        .unwrap_or("");
    let whose = if e.quoted {
        " (inside a quotation: the speaker's word, counts less for the outlet)"
    } else {
        ""
    };
    let note = if e.note.is_empty() {
        String::new()
    } else {
        format!(" - {}", e.note)
    };
    // An unattributed claim names its kind, as the readers' guideline does.
    let kind = e
        .kind
        .as_deref()
        .and_then(slant_score::rules::ClaimKind::from_name)
        .map(|k| format!(" [{}]", k.label()))
        .unwrap_or_default();
    format!(
        "\"{}\" {} {}{}: {}{}{}",
        e.text, e.rule, e.category, kind, rule, note, whose
    )
}

/// The sentence's unattributed-claim reasons in plain words, each with its kind.
fn reasons_line(reasons: &[String]) -> String {
    reasons
        .iter()
        .map(|code| match slant_score::rules::reason_info(code) {
            Some(r) => format!("{}: {}", r.kind.label(), r.phrase),
            None => code.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The explanation as text.
fn render(scored: &ScoredArticle, style: &Style, all: bool) -> String {
    let mut s = String::new();
    let mut shown = 0;
    for sent in &scored.sentences {
        let flagged = sent.loaded.flagged || sent.unattributed.flagged;
        if !all
            && !flagged
            && sent.loaded.evidence.is_empty()
            && sent.unattributed.evidence.is_empty()
        {
            continue;
        }
        shown += 1;
        // Mark evidence spans inside the sentence text (non-overlapping, in order).
        let mut spans: Vec<(usize, usize, bool)> = sent
            .loaded
            .evidence
            .iter()
            .map(|e| (e.start, e.end, true))
            .chain(
                sent.unattributed
                    .evidence
                    .iter()
                    .map(|e| (e.start, e.end, false)),
            )
            .collect();
        spans.sort();
        let mut marked = String::new();
        let mut pos = sent.start;
        let text_at = |a: usize, b: usize| &sent.text[a - sent.start..b - sent.start];
        for (a, b, loaded) in spans {
            if a < pos || b > sent.end {
                continue;
            }
            marked.push_str(text_at(pos, a));
            marked.push_str(&style.mark(text_at(a, b), loaded));
            pos = b;
        }
        marked.push_str(text_at(pos, sent.end));
        let flag = |f: bool| {
            if f {
                style.paint("1", "FLAGGED")
            } else {
                "not flagged".to_string()
            }
        };
        s.push_str(&format!("[{}] {}\n", sent.index + 1, marked));
        s.push_str(&format!(
            "    loaded {:.2} {} | unattributed {:.2} {} | {} | {}\n",
            sent.loaded.score,
            flag(sent.loaded.flagged),
            sent.unattributed.score,
            flag(sent.unattributed.flagged),
            voice_words(sent.voice),
            attribution_words(&sent.attribution),
        ));
        if sent.unattributed.flagged {
            s.push_str(&format!(
                "    unsourced: {}\n",
                reasons_line(&sent.unattributed.reasons)
            ));
        }
        for e in sent
            .loaded
            .evidence
            .iter()
            .chain(&sent.unattributed.evidence)
        {
            s.push_str(&format!("    - {}\n", reason_line(e)));
        }
        s.push('\n');
    }
    if shown == 0 {
        s.push_str("No loaded language or unattributed claims found.\n");
    }
    for n in &scored.summary.naming {
        if n.terms.len() > 1 {
            let terms: Vec<String> = n
                .terms
                .iter()
                .map(|(t, c)| format!("\"{t}\" x{c}"))
                .collect();
            s.push_str(&format!(
                "Naming: the passage uses more than one name from the set {}: {}\n",
                n.set,
                terms.join(", ")
            ));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_output_marks_words_and_gives_reasons() {
        let scorer = slant_score::Scorer::builtin();
        let article = Article::from_text(
            "p",
            "The refusal has been condemned as a reckless escalation.",
        );
        let out = render(
            &scorer.score(&segment(article)),
            &Style { colour: false },
            false,
        );
        assert!(out.contains("[reckless]"), "{out}");
        assert!(out.contains("[has been condemned as]"), "{out}");
        assert!(out.contains("UA002"), "{out}");
        // The unattributed flag names its kind in plain words.
        assert!(
            out.contains("unsourced: agentless passive: passes judgement in the passive"),
            "{out}"
        );
        assert!(out.contains("[agentless passive]"), "{out}");
        assert!(!out.contains('\x1b'));
    }
}
