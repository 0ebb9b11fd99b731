//! The transformer backend (feature `transformer`): the rules' scores plus a learned head's
//! probability, with words cited for every flag the model raises.
//!
//! For each sentence the head sees the embedding and the rule features, so its probability
//! already combines both: with this backend `flagged` follows `model_probability >=
//! threshold`, `score` stays the rules' noisy-OR, and the rules' evidence stays as it is. A
//! sentence the model flags but the rules alone would not gets evidence: words whose removal
//! lowers the probability (rule `TF001` for loaded language, `TF002` for unattributed claims),
//! so no flag comes without words; if no candidate word's removal lowers the probability, the
//! model's flag is dropped.
//!
//! Finding those words cheaply. The head is linear in the sentence embedding, and the embedding
//! is the normalised mean of the last layer's token vectors, so the head's score splits exactly
//! into one share per word piece (`w . h_i / (n |mean|)`): a ranking of the words that costs
//! nothing beyond the forward pass already made. The best-ranked words ([`CANDIDATES`]) are
//! then checked by removing each from the text and scoring it again, all of a batch's
//! sentences together; only words whose removal really lowers the probability are cited.
//! Measured on BABE dev against removing every word in turn (`slant eval --backend
//! transformer`, docs/EVALUATION.md), this finds the cited words for a fraction of the cost.

use crate::embed::{batch_tensors, EmbedError, Embedder, Pieces};
use crate::head::{passage_rule_features, rule_features, Head, TaskHead};
use crate::{rules, Scorer};
use slant_ingest::model::{Evidence, ScoredArticle, ScoredSentence, Summary};
use slant_ingest::Voice;
use tch::{Kind, Tensor};

/// Rule code of model evidence for loaded language.
pub const TF001: &str = "TF001";
/// Rule code of model evidence for unattributed claims.
pub const TF002: &str = "TF002";
/// At most this many words are cited per model-only flag.
pub const MAX_CITED: usize = 3;
/// Words tried by removal per model-only flag, best-ranked first.
pub const CANDIDATES: usize = 3;

/// Words tried per flag: [`CANDIDATES`], or `$SLANT_EXPLAIN_CANDIDATES` (0: every word, the
/// exhaustive occlusion this replaced; for measuring the two against each other).
fn candidates_per_flag() -> usize {
    match std::env::var("SLANT_EXPLAIN_CANDIDATES")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        Some(0) => usize::MAX,
        Some(n) => n,
        None => CANDIDATES,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Task {
    Loaded,
    Unattributed,
}

impl Task {
    pub const ALL: [Task; 2] = [Task::Loaded, Task::Unattributed];
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

/// One sentence after the forward pass: its embedding and, per task of the head, each word
/// piece's share of the head's score.
struct Encoded {
    embedding: Vec<f32>,
    /// `shares[task][piece]`, tasks in [`Task::ALL`] order (empty for a task the head lacks).
    shares: Vec<Vec<f32>>,
}

/// A word of a sentence tried by removal.
struct Trial {
    sentence: usize,
    task: Task,
    start: usize,
    end: usize,
}

/// `text` without the bytes `start..end`, spaces at the seam closed up as a reader would.
pub fn without(text: &str, start: usize, end: usize) -> String {
    // BERT's tokenizer splits punctuation off anyway, so one space at the seam is enough.
    format!("{} {}", text[..start].trim_end(), text[end..].trim_start())
        .trim()
        .to_string()
}

impl Transformer<'_> {
    fn task(&self, task: Task) -> Option<&TaskHead> {
        self.head.tasks.get(task.name())
    }

    fn rule_features_of(&self, text: &str) -> Vec<f64> {
        passage_rule_features(self.scorer, text)
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
            .map(|(text, v)| t.probability(v, &self.rule_features_of(text)))
            .collect())
    }

    /// The forward pass over sentences: embeddings and per-piece shares of each task's score.
    fn encode(&self, pieces: &[Pieces]) -> Result<Vec<Encoded>, EmbedError> {
        let dim = self.head.embedding_dim;
        let weights: Vec<Option<Vec<f32>>> = Task::ALL
            .iter()
            .map(|&t| {
                self.task(t)
                    .map(|h| h.model.weights[..dim].iter().map(|&w| w as f32).collect())
            })
            .collect();
        let batch = self.embedder.batch_size();
        self.embedder.run_batches(
            pieces,
            |p| p.ids.len(),
            batch,
            |bert, items| {
                let (ids, mask) = batch_tensors(items);
                let tokens = bert.forward_embeddings(&bert.word_embeddings(&ids), &mask);
                let pooled = crate::bert::pool(&tokens, &mask);
                let embeddings = crate::embed::to_rows(&pooled)?;
                // Share of piece i: w . h_i / (n |mean h|), so that the shares of a sentence
                // add up to w . embedding.
                let m = mask.to_kind(Kind::Float);
                let n = m.sum_dim_intlist(1, false, Kind::Float).clamp_min(1.0);
                let mean = (&tokens * m.unsqueeze(-1)).sum_dim_intlist(1, false, Kind::Float)
                    / n.unsqueeze(-1);
                let scale = (n * mean.norm_scalaropt_dim(2, 1, false).clamp_min(1e-12))
                    .reciprocal()
                    .unsqueeze(-1);
                let mut per_task: Vec<Option<Vec<Vec<f32>>>> = Vec::new();
                for w in &weights {
                    per_task.push(match w {
                        Some(w) => {
                            let w = Tensor::from_slice(w).view([-1, 1]);
                            let s = (tokens.matmul(&w).squeeze_dim(-1) * &scale) * &m;
                            Some(crate::embed::to_rows(&s)?)
                        }
                        None => None,
                    });
                }
                Ok(embeddings
                    .into_iter()
                    .enumerate()
                    .map(|(r, embedding)| Encoded {
                        embedding,
                        shares: per_task
                            .iter()
                            .map(|t| {
                                t.as_ref().map_or_else(Vec::new, |rows| {
                                    rows[r][..items[r].ids.len()].to_vec()
                                })
                            })
                            .collect(),
                    })
                    .collect())
            },
        )
    }

    /// The words of `text` ranked by their share of the task's score (largest first), at most
    /// `max`; only words with a positive share.
    fn candidates(text: &str, pieces: &Pieces, shares: &[f32], max: usize) -> Vec<(usize, usize)> {
        let words = crate::text::tokens(text, slant_ingest::Span::new(0, text.len()));
        let mut ranked: Vec<(f32, usize, usize)> = words
            .iter()
            .map(|w| {
                let share: f32 = pieces
                    .offsets
                    .iter()
                    .zip(shares)
                    .filter(|((s, e), _)| e > s && *s < w.span.end && *e > w.span.start)
                    .map(|(_, v)| *v)
                    .sum();
                (share, w.span.start, w.span.end)
            })
            .filter(|(s, _, _)| *s > 0.0 || max == usize::MAX)
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked.truncate(max);
        ranked.into_iter().map(|(_, s, e)| (s, e)).collect()
    }

    /// Try removing each trial's word: the probability of its task without it.
    fn try_removals(&self, texts: &[&str], trials: &[Trial]) -> Result<Vec<f64>, EmbedError> {
        let variants: Vec<String> = trials
            .iter()
            .map(|t| without(texts[t.sentence], t.start, t.end))
            .collect();
        let vectors = self.embedder.embed(&variants)?;
        use rayon::prelude::*;
        Ok(trials
            .par_iter()
            .zip(&variants)
            .zip(&vectors)
            .map(|((t, text), v)| {
                self.task(t.task)
                    .map_or(0.0, |h| h.probability(v, &self.rule_features_of(text)))
            })
            .collect())
    }

    /// The words of `text` whose removal lowers the task's probability, largest drop first
    /// (at most `max`), found as [`Transformer::apply`] finds them. Offsets are into `text`.
    pub fn occlusion(
        &self,
        task: Task,
        text: &str,
        max: usize,
    ) -> Result<(f64, Vec<Cited>), EmbedError> {
        let Some(head) = self.task(task) else {
            return Ok((0.0, vec![]));
        };
        let pieces = self.embedder.split(&[text])?;
        let enc = self.encode(&pieces)?;
        let ti = Task::ALL.iter().position(|&t| t == task).unwrap_or(0);
        let full = head.probability(&enc[0].embedding, &self.rule_features_of(text));
        let trials: Vec<Trial> =
            Self::candidates(text, &pieces[0], &enc[0].shares[ti], CANDIDATES.max(max))
                .into_iter()
                .map(|(start, end)| Trial {
                    sentence: 0,
                    task,
                    start,
                    end,
                })
                .collect();
        let p = self.try_removals(&[text], &trials)?;
        Ok((full, cite(text, full, &trials, &p, max)))
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
        let pieces = self.embedder.split(&texts)?;
        let encoded = self.encode(&pieces)?;
        let thresholds = [
            self.scorer.config().loaded_threshold,
            self.scorer.config().unattributed_threshold,
        ];
        let per_flag = candidates_per_flag();
        // Pass 1: probabilities and flags; the model-only flags wait for their words.
        let mut probability = vec![[0.0f64; 2]; texts.len()];
        let mut trials = Vec::new();
        let mut k = 0;
        for a in articles.iter() {
            for s in &a.sentences {
                let features = rule_features(&[s]);
                for (ti, &task) in Task::ALL.iter().enumerate() {
                    let Some(h) = self.task(task) else { continue };
                    let p = h.probability(&encoded[k].embedding, &features);
                    probability[k][ti] = p;
                    let rule_score = match task {
                        Task::Loaded => s.loaded.score,
                        Task::Unattributed => s.unattributed.score,
                    };
                    if p >= h.threshold && rule_score < thresholds[ti] {
                        trials.extend(
                            Self::candidates(&s.text, &pieces[k], &encoded[k].shares[ti], per_flag)
                                .into_iter()
                                .map(|(start, end)| Trial {
                                    sentence: k,
                                    task,
                                    start,
                                    end,
                                }),
                        );
                    }
                }
                k += 1;
            }
        }
        // Pass 2: every candidate word of every model-only flag removed, in one batch run.
        let removed = self.try_removals(&texts, &trials)?;
        let mut k = 0;
        let mut at = 0;
        for a in articles.iter_mut() {
            for s in a.sentences.iter_mut() {
                for (ti, &task) in Task::ALL.iter().enumerate() {
                    let Some(h) = self.task(task) else { continue };
                    let p = probability[k][ti];
                    let from = at;
                    while at < trials.len() && trials[at].sentence == k && trials[at].task == task {
                        at += 1;
                    }
                    let (score, text, start) = match task {
                        Task::Loaded => (s.loaded.score, &s.text, s.start),
                        Task::Unattributed => (s.unattributed.score, &s.text, s.start),
                    };
                    let mut flagged = p >= h.threshold;
                    let mut evidence = Vec::new();
                    if flagged && score < thresholds[ti] {
                        // Removals are scored as stand-alone sentences, so they are compared
                        // with the sentence alone (its rule features can differ in context).
                        let alone =
                            h.probability(&encoded[k].embedding, &self.rule_features_of(text));
                        let cited = cite(
                            text,
                            alone,
                            &trials[from..at],
                            &removed[from..at],
                            MAX_CITED,
                        );
                        // No verdict without evidence: no word to cite, no flag.
                        flagged = !cited.is_empty();
                        evidence = cited
                            .into_iter()
                            .map(|c| Evidence {
                                start: start + c.start,
                                end: start + c.end,
                                text: c.text,
                                category: "model".into(),
                                weight: rules::round3(alone - c.without),
                                rule: task.code().into(),
                                entry: None,
                                quoted: false,
                                note: format!(
                                    "the {} model's probability drops from {:.2} to {:.2} without this word",
                                    self.head.embedding_model, alone, c.without
                                ),
                                // The model cites words, not a kind of claim.
                                kind: None,
                            })
                            .collect();
                    }
                    let probability = Some(rules::round3(p));
                    match task {
                        Task::Loaded => {
                            s.loaded.model_probability = probability;
                            s.loaded.flagged = flagged;
                            s.loaded.evidence.extend(evidence);
                        }
                        Task::Unattributed => {
                            s.unattributed.model_probability = probability;
                            s.unattributed.flagged = flagged;
                            s.unattributed.evidence.extend(evidence);
                        }
                    }
                }
                k += 1;
            }
            recount(&mut a.summary, &a.sentences);
        }
        Ok(())
    }
}

/// The tried words whose removal lowered the probability, largest drop first, at most `max`.
fn cite(text: &str, full: f64, trials: &[Trial], without: &[f64], max: usize) -> Vec<Cited> {
    let mut cited: Vec<Cited> = trials
        .iter()
        .zip(without)
        .filter(|(_, &q)| q < full)
        .map(|(t, &q)| Cited {
            start: t.start,
            end: t.end,
            text: text[t.start..t.end].to_string(),
            without: q,
        })
        .collect();
    cited.sort_by(|a, b| a.without.total_cmp(&b.without).then(a.start.cmp(&b.start)));
    cited.truncate(max);
    cited
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

/// A toy head for tests and examples, trained on invented sentences (no third-party data):
/// loaded wording against plain reporting. Shared by the library's and the CLI's tests.
pub mod toy {
    use crate::embed::{EmbedError, Embedder, DIM, MODEL_NAME};
    use crate::head::{
        join, passage_rule_features, rule_feature_names, Head, LogReg, Provenance, TaskHead,
        HEAD_FORMAT,
    };
    use crate::Scorer;
    use std::collections::BTreeMap;

    /// Invented sentences in loaded wording.
    pub const LOADED: [&str; 10] = [
        "The disgraceful senator shamelessly lied to voters again.",
        "Radical activists unleashed chaos on the peaceful town.",
        "The corrupt regime brutally crushed the brave protesters.",
        "This insane policy is a catastrophe for working families.",
        "The mayor's pathetic excuses fooled nobody.",
        "Greedy bosses are ruthlessly gutting pensions.",
        "The absurd ruling is an outrageous attack on freedom.",
        "Extremist lawmakers rammed through a shameful bill.",
        "The reckless plan will wreck the economy.",
        "A cowardly government betrayed its own citizens.",
    ];

    /// Invented sentences of plain reporting on the same subjects.
    pub const NEUTRAL: [&str; 10] = [
        "The senator spoke to voters on Tuesday.",
        "Activists gathered in the town square.",
        "The government responded to the protests.",
        "The policy takes effect next year.",
        "The mayor gave a statement to reporters.",
        "The company changed its pension plan.",
        "The court issued its ruling on Friday.",
        "Lawmakers passed the bill by a vote of 52 to 48.",
        "The plan includes new spending on roads.",
        "The government announced new measures.",
    ];

    /// The sentences as `slant train` input (`label_biased`), one JSON object per line.
    pub fn gold_jsonl() -> String {
        LOADED
            .iter()
            .map(|t| (t, true))
            .chain(NEUTRAL.iter().map(|t| (t, false)))
            .map(|(t, l)| serde_json::json!({"text": t, "label_biased": l}).to_string() + "\n")
            .collect()
    }

    /// A loaded-language head fitted on the sentences (threshold 0.5).
    pub fn head(scorer: &Scorer, embedder: &Embedder) -> Result<Head, EmbedError> {
        let texts: Vec<&str> = LOADED.iter().chain(&NEUTRAL).copied().collect();
        let y: Vec<bool> = (0..texts.len()).map(|i| i < LOADED.len()).collect();
        let vectors = embedder.embed(&texts)?;
        let x: Vec<Vec<f64>> = texts
            .iter()
            .zip(&vectors)
            .map(|(t, v)| join(v, &passage_rule_features(scorer, t)))
            .collect();
        let mut tasks = BTreeMap::new();
        tasks.insert(
            "loaded".to_string(),
            TaskHead {
                threshold: 0.5,
                lambda: 1.0,
                model: LogReg::fit(&x, &y, 1.0),
                metrics: BTreeMap::new(),
            },
        );
        let head = Head {
            format: HEAD_FORMAT.into(),
            embedding_model: MODEL_NAME.into(),
            embedding_dim: DIM,
            rule_features: rule_feature_names(),
            tasks,
            provenance: Provenance {
                data: "invented sentences (slant_score::backend::toy)".into(),
                data_sha256: String::new(),
                data_licence: "MIT OR Apache-2.0".into(),
                trained: "test".into(),
                command: "test".into(),
                slant_version: "test".into(),
            },
            adapter: None,
        };
        head.check().map_err(EmbedError::Invalid)
    }
}
