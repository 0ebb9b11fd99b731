//! The learned head of the transformer backend: logistic regression on a sentence embedding
//! joined with the rule scorer's own features, trained and cross-validated in plain Rust.
//!
//! Nothing here needs libtorch: the embedding is just a vector of floats, so training,
//! cross-validation and prediction are tested in the default build. `slant train` writes a
//! [`Head`] as JSON (`models/heads/NAME.json`) with its provenance; `slant score --backend
//! transformer` reads it back.
//!
//! Features, in order: the embedding (as given), then [`rule_feature_names`]: the loaded and
//! unattributed scores, evidence counts per lexicon category and per rule code, and the
//! sentence's voice and attribution kind. Features are standardised for training; the
//! standardisation is folded into the stored weights, so predicting is one dot product.

use crate::lexicon::Category;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use slant_ingest::model::{AttributionKind, ScoredSentence};
use slant_ingest::Voice;
use std::collections::BTreeMap;

/// Format tag of a head file.
pub const HEAD_FORMAT: &str = "slant-head/1";

/// Names of the rule features, in the order [`rule_features`] returns them.
pub fn rule_feature_names() -> Vec<String> {
    let mut names = vec!["loaded.score".to_string(), "unattributed.score".to_string()];
    names.extend(
        Category::ALL
            .iter()
            .map(|c| format!("category:{}", c.as_str())),
    );
    names.extend(
        crate::rules::all()
            .iter()
            .map(|r| format!("rule:{}", r.info().code)),
    );
    names.push("evidence:quoted".into());
    names.push("voice:quoted".into());
    names.push("voice:mixed".into());
    names.extend(
        AttributionKind::ALL
            .iter()
            .map(|k| format!("attribution:{}", k.as_str())),
    );
    names
}

/// The rule features of a passage scored by the rules on its own, as a one-article text.
pub fn passage_rule_features(scorer: &crate::Scorer, text: &str) -> Vec<f64> {
    let article = slant_ingest::Article::from_text("passage", text);
    let scored = scorer.score(&slant_ingest::segment(article));
    let s: Vec<&ScoredSentence> = scored.sentences.iter().collect();
    rule_features(&s)
}

/// Rule features of a passage made of `sentences` (usually one): the highest scores, summed
/// evidence counts, and the share of sentences per voice and attribution kind.
pub fn rule_features(sentences: &[&ScoredSentence]) -> Vec<f64> {
    let names = rule_feature_names();
    let index: BTreeMap<&str, usize> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i))
        .collect();
    let mut f = vec![0.0; names.len()];
    let n = sentences.len().max(1) as f64;
    for s in sentences {
        f[0] = f64::max(f[0], s.loaded.score);
        f[1] = f64::max(f[1], s.unattributed.score);
        for e in s.loaded.evidence.iter().chain(&s.unattributed.evidence) {
            if let Some(&i) = index.get(format!("category:{}", e.category).as_str()) {
                f[i] += 1.0;
            }
            if let Some(&i) = index.get(format!("rule:{}", e.rule).as_str()) {
                f[i] += 1.0;
            }
            if e.quoted {
                f[index["evidence:quoted"]] += 1.0;
            }
        }
        match s.voice {
            Voice::Quoted => f[index["voice:quoted"]] += 1.0 / n,
            Voice::Mixed => f[index["voice:mixed"]] += 1.0 / n,
            Voice::Author => {}
        }
        f[index[format!("attribution:{}", s.attribution.kind.as_str()).as_str()]] += 1.0 / n;
    }
    f
}

/// A trained logistic regression: `p = sigmoid(weights . x + bias)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogReg {
    pub weights: Vec<f64>,
    pub bias: f64,
}

fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

impl LogReg {
    pub fn probability(&self, x: &[f64]) -> f64 {
        sigmoid(self.logit(x))
    }

    /// The log-odds before the sigmoid: weights times `x`, plus the bias.
    pub fn logit(&self, x: &[f64]) -> f64 {
        dot(&self.weights, x) + self.bias
    }

    /// Fit with L2 penalty `lambda` (on standardised features, bias unpenalised) by Newton's
    /// method. Deterministic.
    pub fn fit(x: &[Vec<f64>], y: &[bool], lambda: f64) -> LogReg {
        assert_eq!(x.len(), y.len());
        let d = x.first().map_or(0, Vec::len);
        let n = x.len().max(1) as f64;
        // Standardise.
        let mut mean = vec![0.0; d];
        for row in x {
            for (m, v) in mean.iter_mut().zip(row) {
                *m += v / n;
            }
        }
        let mut sd = vec![0.0; d];
        for row in x {
            for ((s, v), m) in sd.iter_mut().zip(row).zip(&mean) {
                *s += (v - m) * (v - m) / n;
            }
        }
        for s in sd.iter_mut() {
            *s = if *s > 1e-12 { s.sqrt() } else { 1.0 };
        }
        // Design matrix with a leading 1 for the bias.
        let z: Vec<Vec<f64>> = x
            .iter()
            .map(|row| {
                std::iter::once(1.0)
                    .chain(
                        row.iter()
                            .zip(&mean)
                            .zip(&sd)
                            .map(|((v, m), s)| (v - m) / s),
                    )
                    .collect()
            })
            .collect();
        let p = d + 1;
        let mut w = vec![0.0; p];
        for _ in 0..50 {
            // Gradient and Hessian of the penalised negative log-likelihood, summed over
            // fixed-size chunks and then in chunk order: rayon's own fold/reduce splits
            // depend on work stealing, and floating-point sums in a different order give
            // different last bits, so the head would not be reproducible.
            let partial: Vec<(Vec<f64>, Vec<f64>)> = z
                .par_chunks(CHUNK)
                .zip(y.par_chunks(CHUNK))
                .map(|(rows, labels)| {
                    let mut g = vec![0.0; p];
                    let mut h = vec![0.0; p * p];
                    for (row, &label) in rows.iter().zip(labels) {
                        let q = sigmoid(dot(&w, row));
                        let r = q - if label { 1.0 } else { 0.0 };
                        let s = q * (1.0 - q);
                        for i in 0..p {
                            g[i] += r * row[i];
                            let si = s * row[i];
                            if si != 0.0 {
                                let hi = &mut h[i * p..i * p + i + 1];
                                for (j, hij) in hi.iter_mut().enumerate() {
                                    *hij += si * row[j];
                                }
                            }
                        }
                    }
                    (g, h)
                })
                .collect();
            let mut grad = vec![0.0; p];
            let mut hess = vec![0.0; p * p];
            for (g, h) in &partial {
                grad.iter_mut().zip(g).for_each(|(a, b)| *a += b);
                hess.iter_mut().zip(h).for_each(|(a, b)| *a += b);
            }
            for i in 0..p {
                for j in 0..i {
                    hess[j * p + i] = hess[i * p + j];
                }
                if i > 0 {
                    grad[i] += lambda * w[i];
                    hess[i * p + i] += lambda;
                }
                hess[i * p + i] += 1e-9;
            }
            let step = solve_spd(&mut hess, &grad, p);
            let mut change: f64 = 0.0;
            for (wi, si) in w.iter_mut().zip(&step) {
                *wi -= si;
                change = change.max(si.abs());
            }
            if change < 1e-7 {
                break;
            }
        }
        // Fold the standardisation into the weights.
        let weights: Vec<f64> = (0..d).map(|i| w[i + 1] / sd[i]).collect();
        let bias = w[0] - (0..d).map(|i| w[i + 1] * mean[i] / sd[i]).sum::<f64>();
        LogReg { weights, bias }
    }
}

/// Rows per partial sum in [`LogReg::fit`]; fixed so the summation order never depends on
/// the thread count.
const CHUNK: usize = 64;

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Solve `A x = b` for a symmetric positive definite `A` (row-major, `p` x `p`) by Cholesky;
/// `A` is overwritten.
fn solve_spd(a: &mut [f64], b: &[f64], p: usize) -> Vec<f64> {
    for j in 0..p {
        let mut s = a[j * p + j];
        for k in 0..j {
            s -= a[j * p + k] * a[j * p + k];
        }
        let l = s.max(1e-12).sqrt();
        a[j * p + j] = l;
        for i in j + 1..p {
            let mut s = a[i * p + j];
            for k in 0..j {
                s -= a[i * p + k] * a[j * p + k];
            }
            a[i * p + j] = s / l;
        }
    }
    let mut y = vec![0.0; p];
    for i in 0..p {
        let mut s = b[i];
        for k in 0..i {
            s -= a[i * p + k] * y[k];
        }
        y[i] = s / a[i * p + i];
    }
    let mut x = vec![0.0; p];
    for i in (0..p).rev() {
        let mut s = y[i];
        for k in i + 1..p {
            s -= a[k * p + i] * x[k];
        }
        x[i] = s / a[i * p + i];
    }
    x
}

/// Precision, recall and F1 of the positive class, with the counts behind them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub accuracy: f64,
    pub items: usize,
    pub positives: usize,
}

impl Metrics {
    pub fn of(gold: &[bool], predicted: &[bool]) -> Metrics {
        let mut tp = 0;
        let mut fp = 0;
        let mut fn_ = 0;
        let mut right = 0;
        for (&g, &p) in gold.iter().zip(predicted) {
            match (g, p) {
                (true, true) => tp += 1,
                (false, true) => fp += 1,
                (true, false) => fn_ += 1,
                _ => {}
            }
            right += usize::from(g == p);
        }
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let precision = ratio(tp, tp + fp);
        let recall = ratio(tp, tp + fn_);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Metrics {
            precision: round4(precision),
            recall: round4(recall),
            f1: round4(f1),
            accuracy: round4(ratio(right, gold.len())),
            items: gold.len(),
            positives: gold.iter().filter(|&&g| g).count(),
        }
    }
}

fn round4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

/// Fold of each item for `k`-fold cross-validation: a fixed shuffle (seeded), then round robin
/// within each class, so every fold has the same share of positives.
pub fn folds(y: &[bool], k: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..y.len()).collect();
    // xorshift: deterministic, no dependency.
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    for i in (1..order.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        order.swap(i, (state % (i as u64 + 1)) as usize);
    }
    let mut fold = vec![0; y.len()];
    let (mut pos, mut neg) = (0, 0);
    for i in order {
        let c = if y[i] { &mut pos } else { &mut neg };
        fold[i] = *c % k;
        *c += 1;
    }
    fold
}

/// Out-of-fold probabilities of a `k`-fold cross-validation at penalty `lambda`.
pub fn cross_validate(x: &[Vec<f64>], y: &[bool], fold: &[usize], lambda: f64) -> Vec<f64> {
    let k = fold.iter().max().map_or(0, |m| m + 1);
    let mut probs = vec![0.0; y.len()];
    for f in 0..k {
        let (train_x, train_y): (Vec<Vec<f64>>, Vec<bool>) = x
            .iter()
            .zip(y)
            .zip(fold)
            .filter(|(_, &g)| g != f)
            .map(|((r, &l), _)| (r.clone(), l))
            .unzip();
        let model = LogReg::fit(&train_x, &train_y, lambda);
        for i in (0..y.len()).filter(|&i| fold[i] == f) {
            probs[i] = model.probability(&x[i]);
        }
    }
    probs
}

/// One task's classifier in a head file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskHead {
    /// `p >= threshold` flags the sentence.
    pub threshold: f64,
    /// The L2 penalty chosen by cross-validation.
    pub lambda: f64,
    pub model: LogReg,
    /// Cross-validated figures (out-of-fold predictions at `threshold`).
    pub metrics: BTreeMap<String, serde_json::Value>,
}

impl TaskHead {
    /// Probability from an embedding and the rule features.
    pub fn probability(&self, embedding: &[f32], rules: &[f64]) -> f64 {
        self.model.probability(&join(embedding, rules))
    }
}

/// Where a head's training data came from, under which licence, and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    pub data: String,
    pub data_sha256: String,
    pub data_licence: String,
    pub trained: String,
    pub command: String,
    pub slant_version: String,
}

/// Low-rank adapters of the encoder, trained by `slant train --fine-tune` and stored beside
/// the head (`file`, relative to the head's folder). Rank `rank`, scale `alpha / rank`, on the
/// linear layers `targets` (e.g. `attention.self.query`) of the transformer layers `layers`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdapterSpec {
    pub rank: i64,
    pub alpha: f64,
    pub layers: Vec<usize>,
    pub targets: Vec<String>,
}

/// The adapter file a fine-tuned head needs, with what it was trained from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdapterRef {
    pub file: String,
    pub sha256: String,
    pub spec: AdapterSpec,
    /// sha256 of the base model's `model.safetensors` the adapters were trained on.
    pub base_model_sha256: String,
    /// Training settings and time, for the record.
    #[serde(default)]
    pub training: serde_json::Value,
}

/// A trained head file: `models/heads/NAME.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Head {
    pub format: String,
    /// The embedding model the head was trained on.
    pub embedding_model: String,
    pub embedding_dim: usize,
    pub rule_features: Vec<String>,
    /// `"loaded"` and/or `"unattributed"`.
    pub tasks: BTreeMap<String, TaskHead>,
    pub provenance: Provenance,
    /// Present when the encoder was fine-tuned with the head: its adapters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adapter: Option<AdapterRef>,
}

impl Head {
    /// Check that the head fits this build (format, widths) and lay its weights out in this
    /// build's rule-feature order. Rule features are matched by name, so a head stays usable
    /// when a later build adds rules or lexicon categories (a feature the head never saw gets
    /// weight 0); a feature the head was trained on that this build no longer has is an error.
    pub fn check(mut self) -> Result<Head, String> {
        if self.format != HEAD_FORMAT {
            return Err(format!("unknown head format {:?}", self.format));
        }
        let width = self.embedding_dim + self.rule_features.len();
        for (name, t) in &self.tasks {
            if t.model.weights.len() != width {
                return Err(format!(
                    "task {name}: {} weights, expected {width}",
                    t.model.weights.len()
                ));
            }
        }
        let current = rule_feature_names();
        if self.rule_features == current {
            return Ok(self);
        }
        let position: BTreeMap<&str, usize> = self
            .rule_features
            .iter()
            .enumerate()
            .map(|(i, n)| (n.as_str(), i))
            .collect();
        if let Some(gone) = self
            .rule_features
            .iter()
            .find(|n| !current.iter().any(|c| c == *n))
        {
            return Err(format!(
                "the head was trained on rule feature `{gone}`, which this build lacks (retrain it)"
            ));
        }
        let dim = self.embedding_dim;
        for t in self.tasks.values_mut() {
            let old = &t.model.weights;
            let mut weights = old[..dim].to_vec();
            weights.extend(
                current
                    .iter()
                    .map(|n| position.get(n.as_str()).map_or(0.0, |&i| old[dim + i])),
            );
            t.model.weights = weights;
        }
        self.rule_features = current;
        Ok(self)
    }
}

/// Embedding followed by the rule features: one feature row.
pub fn join(embedding: &[f32], rules: &[f64]) -> Vec<f64> {
    embedding
        .iter()
        .map(|&v| v as f64)
        .chain(rules.iter().copied())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy(n: usize) -> (Vec<Vec<f64>>, Vec<bool>) {
        // Two informative features and one of noise; label = x0 + 0.5 x1 > 0 (with flips).
        let mut x = Vec::new();
        let mut y = Vec::new();
        let mut s: u64 = 7;
        let mut r = || {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((s >> 11) as f64 / (1u64 << 53) as f64) * 2.0 - 1.0
        };
        for i in 0..n {
            let row = vec![r(), r(), r() * 10.0 + 3.0];
            let mut label = row[0] + 0.5 * row[1] > 0.0;
            if i % 17 == 0 {
                label = !label;
            }
            x.push(row);
            y.push(label);
        }
        (x, y)
    }

    #[test]
    fn logistic_regression_learns_a_linear_rule() {
        let (x, y) = toy(400);
        let m = LogReg::fit(&x, &y, 1.0);
        assert!(m.weights[0] > 0.0 && m.weights[1] > 0.0);
        assert!(m.weights[0] > m.weights[1]);
        assert!(m.weights[2].abs() < 0.2 * m.weights[0].abs());
        let pred: Vec<bool> = x.iter().map(|r| m.probability(r) >= 0.5).collect();
        assert!(Metrics::of(&y, &pred).accuracy > 0.85);
        // Deterministic, whatever the thread count (bit for bit: the head file must not
        // change with the machine that trained it).
        for threads in [1, 3, 7] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            assert_eq!(
                m,
                pool.install(|| LogReg::fit(&x, &y, 1.0)),
                "{threads} threads"
            );
        }
    }

    #[test]
    fn cross_validation_is_stratified_and_out_of_fold() {
        let (x, y) = toy(300);
        let f = folds(&y, 5, 1);
        for k in 0..5 {
            let pos = (0..y.len()).filter(|&i| f[i] == k && y[i]).count();
            let all_pos = y.iter().filter(|&&l| l).count();
            assert!((pos as f64 - all_pos as f64 / 5.0).abs() <= 1.0);
        }
        let probs = cross_validate(&x, &y, &f, 1.0);
        let pred: Vec<bool> = probs.iter().map(|&p| p >= 0.5).collect();
        let m = Metrics::of(&y, &pred);
        assert!(m.f1 > 0.8, "{m:?}");
    }

    #[test]
    fn rule_features_match_their_names() {
        use slant_ingest::{segment, Article};
        let a = Article {
            id: "a".into(),
            path: "a".into(),
            outlet: None,
            title: None,
            date: None,
            url: None,
            author: None,
            text: "The reckless plan has been condemned as a disaster.".into(),
            warnings: vec![],
        };
        let scored = crate::Scorer::builtin().score(&segment(a));
        let s: Vec<&ScoredSentence> = scored.sentences.iter().collect();
        let f = rule_features(&s);
        let names = rule_feature_names();
        assert_eq!(f.len(), names.len());
        assert!(f[0] > 0.0);
        let ll001 = names.iter().position(|n| n == "rule:LL001").unwrap();
        assert!(f[ll001] >= 1.0);
    }

    fn toy_head(rule_features: Vec<String>, weights: Vec<f64>) -> Head {
        let mut tasks = BTreeMap::new();
        tasks.insert(
            "loaded".to_string(),
            TaskHead {
                threshold: 0.5,
                lambda: 1.0,
                model: LogReg { weights, bias: 0.0 },
                metrics: BTreeMap::new(),
            },
        );
        Head {
            format: HEAD_FORMAT.into(),
            embedding_model: "m".into(),
            embedding_dim: 2,
            rule_features,
            tasks,
            provenance: Provenance {
                data: String::new(),
                data_sha256: String::new(),
                data_licence: String::new(),
                trained: String::new(),
                command: String::new(),
                slant_version: String::new(),
            },
            adapter: None,
        }
    }

    #[test]
    fn a_head_from_a_build_with_fewer_rule_features_maps_its_weights_by_name() {
        let names = rule_feature_names();
        // The head knew only the last and the first rule feature, in that order.
        let known = vec![names[names.len() - 1].clone(), names[0].clone()];
        let head = toy_head(known, vec![0.1, 0.2, 3.0, 5.0]).check().unwrap();
        let w = &head.tasks["loaded"].model.weights;
        assert_eq!(head.rule_features, names);
        assert_eq!(w.len(), 2 + names.len());
        assert_eq!(&w[..2], &[0.1, 0.2]);
        assert_eq!(w[2], 5.0);
        assert_eq!(w[2 + names.len() - 1], 3.0);
        assert_eq!(w.iter().filter(|&&x| x == 0.0).count(), names.len() - 2);
    }

    #[test]
    fn a_head_that_needs_a_feature_this_build_lacks_is_refused() {
        let head = toy_head(vec!["rule:XX999".into()], vec![0.0, 0.0, 1.0]);
        let err = head.check().unwrap_err();
        assert!(err.contains("rule:XX999"), "{err}");
    }
}
