//! `slant train GOLD.jsonl -o models/heads/NAME.json`: trains the transformer backend's head
//! (logistic regression on the sentence embedding joined with the rule features) for every
//! task the file labels (`label_biased` -> loaded, `label_unattributed` -> unattributed), with
//! k-fold cross-validation, and writes it with its provenance.
//!
//! Two figures per task: `cv_*`, the out-of-fold predictions of the chosen penalty (the penalty
//! is picked on those same folds), and `nested_cv_*`, where the penalty is picked inside each
//! outer training fold, so every item is predicted by a model that never saw it in any way:
//! the honest estimate for unseen data.

use crate::args::Common;
use clap::Args;
use std::path::PathBuf;

#[derive(Args)]
pub struct TrainArgs {
    /// Labelled sentences, one JSON object per line (DESIGN.md section 5).
    pub gold: PathBuf,
    /// Where to write the head (JSON).
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// Licence of the training data, recorded in the head (guessed from known file names).
    #[arg(long)]
    pub licence: Option<String>,
    /// Folds of the cross-validation.
    #[arg(long, default_value_t = 5)]
    pub folds: usize,
    /// The sentence-embedding model folder (default: $SLANT_MODEL_DIR or
    /// models/all-MiniLM-L6-v2).
    #[arg(long, value_name = "DIR")]
    pub model: Option<PathBuf>,
    #[command(flatten)]
    pub common: Common,
}

#[cfg(not(feature = "transformer"))]
pub fn run(_args: TrainArgs) -> anyhow::Result<u8> {
    anyhow::bail!(
        "this slant was built without the `transformer` feature \
         (eval \"$(scripts/setup-transformer)\" && cargo build --release --features transformer)"
    )
}

#[cfg(feature = "transformer")]
pub use imp::run;

#[cfg(feature = "transformer")]
mod imp {
    use super::TrainArgs;
    use crate::settings::build_scorer;
    use anyhow::{Context, Result};
    use rayon::prelude::*;
    use serde::Deserialize;
    use slant_ingest::model::ScoredSentence;
    use slant_ingest::{segment, Article};
    use slant_score::embed::{Embedder, DIM, MODEL_NAME};
    use slant_score::head::{
        cross_validate, folds, join, rule_feature_names, rule_features, Head, LogReg, Metrics,
        Provenance, TaskHead, HEAD_FORMAT,
    };
    use std::collections::BTreeMap;

    const LAMBDAS: [f64; 8] = [1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0, 3000.0];
    const THRESHOLDS: [f64; 7] = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6];
    const SEED: u64 = 20240;

    #[derive(Deserialize)]
    struct GoldItem {
        text: String,
        #[serde(default)]
        label_biased: Option<bool>,
        #[serde(default)]
        label_unattributed: Option<bool>,
    }

    /// Known data files and their licences (`../shared/README.md`).
    fn guess_licence(path: &std::path::Path) -> String {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if name.starts_with("babe") {
            "AGPL-3.0 (BABE, Spinde et al. 2021)".into()
        } else if name.starts_with("ptc")
            || name.starts_with("basil")
            || name.starts_with("wiki_weasel")
        {
            "research use only (no licence file)".into()
        } else {
            "unknown (pass --licence)".into()
        }
    }

    fn today() -> String {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()) as i64;
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let z = secs.div_euclid(86_400) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        format!("{y:04}-{m:02}-{d:02}")
    }

    fn predict(probs: &[f64], threshold: f64) -> Vec<bool> {
        probs.iter().map(|&p| p >= threshold).collect()
    }

    /// The penalty and decision threshold with the best out-of-fold F1 (`k` folds), and the
    /// best F1 per penalty.
    fn choose(x: &[Vec<f64>], y: &[bool], k: usize) -> (f64, f64, Vec<(f64, f64)>) {
        let fold = folds(y, k, SEED);
        let mut best = (LAMBDAS[0], 0.5, -1.0);
        let mut grid = Vec::new();
        for &l in &LAMBDAS {
            let probs = cross_validate(x, y, &fold, l);
            let mut best_here: f64 = -1.0;
            for &t in &THRESHOLDS {
                let f = Metrics::of(y, &predict(&probs, t)).f1;
                best_here = best_here.max(f);
                if f > best.2 {
                    best = (l, t, f);
                }
            }
            grid.push((l, best_here));
        }
        (best.0, best.1, grid)
    }

    pub fn run(args: TrainArgs) -> Result<u8> {
        let started = std::time::Instant::now();
        let scorer = build_scorer(&args.common)?;
        let bytes = std::fs::read(&args.gold)
            .with_context(|| format!("cannot read {}", args.gold.display()))?;
        let text = String::from_utf8_lossy(&bytes);
        let mut items = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let item: GoldItem = serde_json::from_str(line).with_context(|| {
                format!("{}:{}: not a labelled sentence", args.gold.display(), i + 1)
            })?;
            items.push(item);
        }
        let texts: Vec<String> = items
            .iter()
            .map(|g| slant_ingest::normalise(&g.text))
            .collect();
        let rules: Vec<Vec<f64>> = texts
            .par_iter()
            .map(|t| {
                let a = Article {
                    id: "g".into(),
                    path: "-".into(),
                    outlet: None,
                    title: None,
                    date: None,
                    url: None,
                    author: None,
                    text: t.clone(),
                    warnings: vec![],
                };
                let scored = scorer.score(&segment(a));
                let s: Vec<&ScoredSentence> = scored.sentences.iter().collect();
                rule_features(&s)
            })
            .collect();
        let dir = args.model.clone().unwrap_or_else(Embedder::default_dir);
        let embedder = Embedder::load(&dir)
            .with_context(|| format!("cannot load the embedding model from {}", dir.display()))?;
        eprintln!("slant train: embedding {} sentences ...", texts.len());
        let vectors = embedder.embed(&texts)?;
        let x_all: Vec<Vec<f64>> = vectors
            .iter()
            .zip(&rules)
            .map(|(v, r)| join(v, r))
            .collect();

        let k = args.folds.max(2);
        let mut tasks = BTreeMap::new();
        for (task, label) in [
            (
                "loaded",
                (|g: &GoldItem| g.label_biased) as fn(&GoldItem) -> Option<bool>,
            ),
            ("unattributed", |g: &GoldItem| g.label_unattributed),
        ] {
            let idx: Vec<usize> = (0..items.len())
                .filter(|&i| label(&items[i]).is_some())
                .collect();
            let y: Vec<bool> = idx
                .iter()
                .map(|&i| label(&items[i]).unwrap_or(false))
                .collect();
            let pos = y.iter().filter(|&&l| l).count();
            if pos < k || y.len() - pos < k {
                continue;
            }
            eprintln!(
                "slant train: {task}: {} items, {pos} positive; {k}-fold cross-validation ...",
                y.len()
            );
            let x: Vec<Vec<f64>> = idx.iter().map(|&i| x_all[i].clone()).collect();
            // Penalty and threshold chosen by k-fold CV; figures of that choice.
            let (lambda, threshold, grid) = choose(&x, &y, k);
            let fold = folds(&y, k, SEED);
            let cv = Metrics::of(
                &y,
                &predict(&cross_validate(&x, &y, &fold, lambda), threshold),
            );
            // Nested: penalty and threshold chosen inside each outer training fold.
            let outer = folds(&y, k, SEED + 1);
            let mut nested = vec![false; y.len()];
            for f in 0..k {
                let tr: Vec<usize> = (0..y.len()).filter(|&i| outer[i] != f).collect();
                let tx: Vec<Vec<f64>> = tr.iter().map(|&i| x[i].clone()).collect();
                let ty: Vec<bool> = tr.iter().map(|&i| y[i]).collect();
                let (l, t, _) = choose(&tx, &ty, (k - 1).max(2));
                let m = LogReg::fit(&tx, &ty, l);
                for i in (0..y.len()).filter(|&i| outer[i] == f) {
                    nested[i] = m.probability(&x[i]) >= t;
                }
            }
            let nested = Metrics::of(&y, &nested);
            // The rules alone on the same items, for comparison.
            let rule_flag: Vec<bool> = idx
                .iter()
                .map(|&i| {
                    let r = &rules[i];
                    if task == "loaded" {
                        r[0] >= scorer.config().loaded_threshold && r[0] > 0.0
                    } else {
                        r[1] >= scorer.config().unattributed_threshold && r[1] > 0.0
                    }
                })
                .collect();
            let rules_only = Metrics::of(&y, &rule_flag);
            let model = LogReg::fit(&x, &y, lambda);
            let round = |v: f64| (v * 1e6).round() / 1e6;
            let model = LogReg {
                weights: model.weights.iter().map(|&w| round(w)).collect(),
                bias: round(model.bias),
            };
            eprintln!(
                "slant train: {task}: lambda {lambda}, threshold {threshold}; cv F1 {:.3} (P {:.3} R {:.3}); nested cv F1 {:.3}; rules alone F1 {:.3}",
                cv.f1, cv.precision, cv.recall, nested.f1, rules_only.f1
            );
            let mut metrics = BTreeMap::new();
            metrics.insert("folds".into(), serde_json::json!(k));
            metrics.insert("cv".into(), serde_json::to_value(cv)?);
            metrics.insert("nested_cv".into(), serde_json::to_value(nested)?);
            metrics.insert("rules_alone".into(), serde_json::to_value(rules_only)?);
            metrics.insert(
                "lambda_grid_best_cv_f1".into(),
                serde_json::json!(grid.iter().map(|(l, f)| [*l, *f]).collect::<Vec<_>>()),
            );
            tasks.insert(
                task.to_string(),
                TaskHead {
                    threshold,
                    lambda,
                    model,
                    metrics,
                },
            );
        }
        if tasks.is_empty() {
            anyhow::bail!(
                "{}: no task has at least {k} labelled items of each class",
                args.gold.display()
            );
        }
        use sha2::Digest;
        let head = Head {
            format: HEAD_FORMAT.into(),
            embedding_model: MODEL_NAME.into(),
            embedding_dim: DIM,
            rule_features: rule_feature_names(),
            tasks,
            provenance: Provenance {
                data: args.gold.display().to_string(),
                data_sha256: format!("{:x}", sha2::Sha256::digest(&bytes)),
                data_licence: args
                    .licence
                    .clone()
                    .unwrap_or_else(|| guess_licence(&args.gold)),
                trained: today(),
                command: format!("slant train {} --folds {k}", args.gold.display()),
                slant_version: env!("CARGO_PKG_VERSION").into(),
            },
        };
        if let Some(parent) = args.output.parent() {
            if !parent.as_os_str().is_empty() {
                std::fs::create_dir_all(parent)?;
            }
        }
        std::fs::write(&args.output, serde_json::to_string(&head)? + "\n")
            .with_context(|| format!("cannot write {}", args.output.display()))?;
        eprintln!(
            "slant train: wrote {} in {:.0} s",
            args.output.display(),
            started.elapsed().as_secs_f64()
        );
        Ok(0)
    }
}
