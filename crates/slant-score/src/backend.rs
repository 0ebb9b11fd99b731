//! The transformer backend (feature `transformer`): the rules' scores plus a learned head's
//! probability, with words cited for every flag the model raises.
//!
//! For each sentence the head sees the embedding and the rule features, so its probability
//! already combines both: with this backend `flagged` follows `model_probability >=
//! threshold`, `score` stays the rules' noisy-OR, and the rules' evidence stays as it is. A
//! sentence the model flags but the rules alone would not gets **occlusion** evidence: the
//! words whose removal lowers the probability most (rule `TF001` for loaded language, `TF002`
//! for unattributed claims), so no flag comes without words; if no single word's removal lowers
//! the probability, the model's flag is dropped.

use crate::embed::{EmbedError, Embedder};
use crate::head::{rule_features, Head, TaskHead};
use crate::{rules, Scorer};
use slant_ingest::model::{Evidence, ScoredArticle, ScoredSentence, Summary};
use slant_ingest::{segment, Article, Voice};

/// Rule code of occlusion evidence for loaded language.
pub const TF001: &str = "TF001";
/// Rule code of occlusion evidence for unattributed claims.
pub const TF002: &str = "TF002";
/// At most this many words are cited per model-only flag.
const MAX_CITED: usize = 3;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Task {
    Loaded,
    Unattributed,
}

impl Task {
    pub fn name(self) -> &'static str {
        match self {
            Task::Loaded => "loaded",
            Task::Unattributed => "unattributed",
        }
    }
    fn code(self) -> &'static str {
        match self {
            Task::Loaded => TF001,
            Task::Unattributed => TF002,
        }
    }
}

/// A word whose removal lowers the probability, with the probability without it.
#[derive(Debug, Clone, PartialEq)]
pub struct Cited {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub without: f64,
}

pub struct Transformer<'a> {
    pub scorer: &'a Scorer,
    pub embedder: &'a Embedder,
    pub head: &'a Head,
}

fn article(text: &str) -> Article {
    Article {
        id: "s".into(),
        path: "-".into(),
        outlet: None,
        title: None,
        date: None,
        url: None,
        author: None,
        text: text.to_string(),
        warnings: vec![],
    }
}

impl Transformer<'_> {
    fn task(&self, task: Task) -> Option<&TaskHead> {
        self.head.tasks.get(task.name())
    }

    /// Probabilities of stand-alone passages (each scored by the rules on its own).
    pub fn probabilities(&self, task: Task, texts: &[String]) -> Result<Vec<f64>, EmbedError> {
        let Some(t) = self.task(task) else {
            return Ok(vec![0.0; texts.len()]);
        };
        let vectors = self.embedder.embed(texts)?;
        Ok(texts
            .iter()
            .zip(&vectors)
            .map(|(text, v)| {
                let scored = self.scorer.score(&segment(article(text)));
                let s: Vec<&ScoredSentence> = scored.sentences.iter().collect();
                t.probability(v, &rule_features(&s))
            })
            .collect())
    }

    /// Occlusion: for each word of `text`, the probability with that word removed; the words
    /// that lower it, largest drop first (at most `max`). Offsets are into `text`.
    pub fn occlusion(
        &self,
        task: Task,
        text: &str,
        max: usize,
    ) -> Result<(f64, Vec<Cited>), EmbedError> {
        let words = crate::text::tokens(text, slant_ingest::Span::new(0, text.len()));
        let mut variants = vec![text.to_string()];
        for w in &words {
            // BERT's tokenizer splits punctuation off anyway, so one space at the seam is enough.
            let v = format!(
                "{} {}",
                text[..w.span.start].trim_end(),
                text[w.span.end..].trim_start()
            );
            let v = v.trim().to_string();
            variants.push(v);
        }
        let p = self.probabilities(task, &variants)?;
        let full = p[0];
        let mut cited: Vec<Cited> = words
            .iter()
            .zip(&p[1..])
            .filter(|(_, &q)| q < full)
            .map(|(w, &q)| Cited {
                start: w.span.start,
                end: w.span.end,
                text: text[w.span.start..w.span.end].to_string(),
                without: q,
            })
            .collect();
        cited.sort_by(|a, b| a.without.total_cmp(&b.without).then(a.start.cmp(&b.start)));
        cited.truncate(max);
        Ok((full, cited))
    }

    /// Add the head's probabilities to scored articles, flag by them, cite words for
    /// model-only flags, and recount the summaries.
    pub fn apply(&self, articles: &mut [ScoredArticle]) -> Result<(), EmbedError> {
        let texts: Vec<&str> = articles
            .iter()
            .flat_map(|a| a.sentences.iter().map(|s| s.text.as_str()))
            .collect();
        if texts.is_empty() {
            return Ok(());
        }
        let vectors = self.embedder.embed(&texts)?;
        let mut k = 0;
        let loaded_threshold = self.scorer.config().loaded_threshold;
        let ua_threshold = self.scorer.config().unattributed_threshold;
        for a in articles.iter_mut() {
            for s in a.sentences.iter_mut() {
                let v = &vectors[k];
                k += 1;
                let features = rule_features(&[&*s]);
                if let Some(t) = self.task(Task::Loaded) {
                    let p = t.probability(v, &features);
                    s.loaded.model_probability = Some(rules::round3(p));
                    s.loaded.flagged = p >= t.threshold;
                    if s.loaded.flagged && s.loaded.score < loaded_threshold {
                        let ev = self.cite(Task::Loaded, s)?;
                        // No verdict without evidence: no word to cite, no flag.
                        s.loaded.flagged = !ev.is_empty();
                        s.loaded.evidence.extend(ev);
                    }
                }
                if let Some(t) = self.task(Task::Unattributed) {
                    let p = t.probability(v, &features);
                    s.unattributed.model_probability = Some(rules::round3(p));
                    s.unattributed.flagged = p >= t.threshold;
                    if s.unattributed.flagged && s.unattributed.score < ua_threshold {
                        let ev = self.cite(Task::Unattributed, s)?;
                        // No verdict without evidence: no word to cite, no flag.
                        s.unattributed.flagged = !ev.is_empty();
                        s.unattributed.evidence.extend(ev);
                    }
                }
            }
            recount(&mut a.summary, &a.sentences);
        }
        Ok(())
    }

    fn cite(&self, task: Task, s: &ScoredSentence) -> Result<Vec<Evidence>, EmbedError> {
        let (full, cited) = self.occlusion(task, &s.text, MAX_CITED)?;
        Ok(cited
            .into_iter()
            .map(|c| Evidence {
                start: s.start + c.start,
                end: s.start + c.end,
                text: c.text,
                category: "model".into(),
                weight: rules::round3(full - c.without),
                rule: task.code().into(),
                entry: None,
                quoted: false,
                note: format!(
                    "the {} model's probability drops from {:.2} to {:.2} without this word",
                    self.head.embedding_model, full, c.without
                ),
                kind: None,
            })
            .collect())
    }
}

/// Recount a summary's flag counts and rates after flags changed.
fn recount(summary: &mut Summary, sentences: &[ScoredSentence]) {
    let author: Vec<&ScoredSentence> = sentences
        .iter()
        .filter(|s| s.voice != Voice::Quoted)
        .collect();
    let rate = |n: usize| {
        if author.is_empty() {
            0.0
        } else {
            rules::round3(100.0 * n as f64 / author.len() as f64)
        }
    };
    summary.loaded_flagged = sentences.iter().filter(|s| s.loaded.flagged).count();
    summary.unattributed_flagged = sentences.iter().filter(|s| s.unattributed.flagged).count();
    summary.loaded_rate = rate(author.iter().filter(|s| s.loaded.flagged).count());
    summary.unattributed_rate = rate(author.iter().filter(|s| s.unattributed.flagged).count());
}
