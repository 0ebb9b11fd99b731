//! `slant train GOLD.jsonl... -o models/heads/NAME.json [--fine-tune]`: trains the transformer
//! backend's head for every task the files label (`label_biased` -> loaded,
//! `label_unattributed` -> unattributed), with k-fold cross-validation, and writes it with its
//! provenance. Several files are one training set (the union of their labels).
//!
//! Without `--fine-tune`: logistic regression on the frozen sentence embedding joined with the
//! rule features. Two figures per task: `cv`, the out-of-fold predictions of the chosen penalty
//! and threshold (picked on those same folds), and `nested_cv`, where both are picked inside
//! each outer training fold: the honest estimate for unseen data. A threshold is picked from
//! 0.10 to 0.90 in steps of 0.05 as the best F1 averaged with its neighbours' (`plateau_best`),
//! so that one lucky step of the grid does not decide. With `--opinion-feature`, BABE's opinion
//! labels (`extra.label_opinion`) first train a logistic regression on the embedding alone; its
//! logit is one more feature of the unattributed task, whose penalty and threshold are still
//! chosen on the unattributed rows alone. The opinion model never sees those rows, so its logit
//! is out of sample for them; since it is linear in the embedding, the final head folds it into
//! the embedding weights ([`fold_opinion`]).
//!
//! With `--fine-tune`: low-rank adapters on the encoder are trained together with one logistic
//! output per task (`slant_score::finetune`), optionally after a first stage of distant
//! supervision (`--distant DIR`: headlines and leads of outlets of known leaning, labelled
//! partisan or centre by outlet). Folds are by article (BASIL: by event), so no article is on
//! both sides. The decision threshold of each task is the one with the best mean F1 over the
//! datasets that label it, averaged with its neighbours' as above, on the out-of-fold
//! predictions (`cv`); `nested_cv` picks it for each fold on the other folds' predictions only. The final model is trained on everything with the
//! same settings; its adapters go beside the head (`NAME.adapter.safetensors`).

use crate::args::Common;
use clap::Args;
use std::path::PathBuf;

#[derive(Args)]
pub struct TrainArgs {
    /// Labelled sentences, one JSON object per line (DESIGN.md section 5); several files are
    /// trained on together.
    #[arg(required = true)]
    pub gold: Vec<PathBuf>,
    /// Where to write the head (JSON).
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// Licence of the training data, recorded in the head (guessed from known file names).
    #[arg(long)]
    pub licence: Option<String>,
    /// Folds of the cross-validation (with --fine-tune, 0 skips it: no figures, threshold 0.5).
    #[arg(long, default_value_t = 5)]
    pub folds: usize,
    /// The sentence-embedding model folder (default: $SLANT_MODEL_DIR or
    /// models/all-MiniLM-L6-v2).
    #[arg(long, value_name = "DIR")]
    pub model: Option<PathBuf>,
    /// Fine-tune the encoder (low-rank adapters) together with the head.
    #[arg(long)]
    pub fine_tune: bool,
    /// Distant supervision before the labelled data (with --fine-tune): a folder of outlet
    /// folders (e.g. ../shared/corpus/dev/allsides_articles); headline and lead of each article,
    /// labelled by the outlet's leaning.
    #[arg(long, value_name = "DIR")]
    pub distant: Option<PathBuf>,
    /// Article files (names without extension, one per line) the distant stage leaves out.
    #[arg(long, value_name = "FILE")]
    pub distant_exclude: Option<PathBuf>,
    /// Passes over the labelled data (with --fine-tune).
    #[arg(long, default_value_t = 3)]
    pub epochs: usize,
    /// Passes over the distant data.
    #[arg(long, default_value_t = 1)]
    pub distant_epochs: usize,
    /// Rank of the adapters.
    #[arg(long, default_value_t = 8)]
    pub rank: i64,
    /// Adapter learning rate (peak).
    #[arg(long, default_value_t = 1e-3)]
    pub lr: f64,
    /// Learning rate of the output layer.
    #[arg(long, default_value_t = 3e-3)]
    pub head_lr: f64,
    /// Transformer layers that get adapters, e.g. `3-5` or `0,2,4` (default: all).
    #[arg(long, value_name = "LIST")]
    pub layers: Option<String>,
    /// Linear layers that get adapters: q, k, v, o (attention), up, down (feed-forward).
    #[arg(long, value_name = "LIST", default_value = "q,k,v,o,up,down")]
    pub targets: String,
    /// Weight of a dataset's examples, e.g. `wiki_weasel=0.2` (repeatable; default 1).
    #[arg(long = "weight", value_name = "NAME=W")]
    pub weights: Vec<String>,
    /// Weight of BABE's opinion labels as an extra task (0 leaves them out).
    #[arg(long, default_value_t = 0.5)]
    pub opinion_weight: f64,
    /// Frozen head: train a logistic regression on BABE's opinion labels (the writer's opinion
    /// vs entirely factual) over the embedding alone, and give its logit to the unattributed
    /// task as one more feature (folded back into the head's weights, so the head file keeps
    /// its format).
    #[arg(long)]
    pub opinion_feature: bool,
    /// Seed of the adapters' start values and the example order.
    #[arg(long, default_value_t = 20240)]
    pub seed: u64,
    /// Write the out-of-fold probabilities here (JSONL: id, dataset, task, label, probability).
    #[arg(long, value_name = "FILE")]
    pub oof: Option<PathBuf>,
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
    use slant_score::bert::Bert;
    use slant_score::embed::{Embedder, Pieces, DIM, MODEL_NAME};
    use slant_score::finetune::{self, AdapterSpec, Example, TrainSpec};
    use slant_score::head::{
        cross_validate, folds, join, passage_rule_features, rule_feature_names, AdapterRef, Head,
        LogReg, Metrics, Provenance, TaskHead, HEAD_FORMAT,
    };
    use slant_score::Scorer;
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};

    const LAMBDAS: [f64; 8] = [1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0, 3000.0];
    /// Decision thresholds tried, 0.10 to 0.90 in steps of 0.05: wide enough that the best one
    /// of a task with few positives (a quarter of the unattributed set) is not at the edge.
    const THRESHOLDS: [f64; 17] = [
        0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9,
    ];

    #[cfg(test)]
    mod tests {
        #[test]
        fn a_lone_peak_loses_to_a_plateau() {
            // One lucky threshold (0.9) beside poor ones, and a broad optimum at 0.85-0.86.
            let f1 = [0.5, 0.9, 0.5, 0.85, 0.86, 0.85, 0.4];
            assert_eq!(super::plateau_best(&f1), 4);
            assert_eq!(super::plateau_best(&[0.7]), 0);
        }

        #[test]
        fn the_folded_opinion_feature_gives_the_same_probabilities() {
            use slant_score::head::LogReg;
            // Embedding of width 2, one rule feature, then the opinion logit.
            let opinion = LogReg {
                weights: vec![0.5, -2.0],
                bias: 0.25,
            };
            let stacked = LogReg {
                weights: vec![1.0, 3.0, -0.5, 1.5],
                bias: -0.75,
            };
            let folded = super::fold_opinion(&stacked, &opinion, 2);
            assert_eq!(folded.weights.len(), 3);
            for row in [[0.1, 0.2, 1.0], [-0.3, 0.7, 0.0], [2.0, -1.0, 3.0]] {
                let z = opinion.logit(&row[..2]);
                let mut with = row.to_vec();
                with.push(z);
                let (a, b) = (stacked.probability(&with), folded.probability(&row));
                assert!((a - b).abs() < 1e-12, "{a} {b}");
            }
        }

        #[test]
        fn opinion_rows_are_the_ones_without_an_unattributed_label() {
            let item = |labels| super::Item {
                id: String::new(),
                dataset: String::new(),
                group: String::new(),
                text: String::new(),
                labels,
            };
            let items = [
                item([Some(true), None, Some(true)]),
                item([None, Some(true), None]),
                item([Some(false), None, None]),
                item([None, Some(false), Some(false)]),
                item([Some(false), None, Some(false)]),
            ];
            assert_eq!(super::opinion_rows(&items), vec![0, 4]);
        }
    }

    /// The index of the best threshold on a flat optimum: F1 at each threshold is averaged with
    /// its neighbours', so one lucky step of the grid does not decide (a step of 0.05 moves a
    /// few items of a small set across the line, and the held-out F1 with it).
    fn plateau_best(f1: &[f64]) -> usize {
        let smoothed = |i: usize| {
            let lo = i.saturating_sub(1);
            let hi = (i + 1).min(f1.len() - 1);
            f1[lo..=hi].iter().sum::<f64>() / (hi - lo + 1) as f64
        };
        let mut best = 0;
        for i in 1..f1.len() {
            if smoothed(i) > smoothed(best) + 1e-12 {
                best = i;
            }
        }
        best
    }
    const SEED: u64 = 20240;
    /// The scoring tasks, then the training-only ones.
    const TASKS: [&str; 3] = ["loaded", "unattributed", "opinion"];
    const SCORED_TASKS: usize = 2;
    /// Scored with the final model and recorded in the head, so a fresh set-up can check that
    /// it loads the same model.
    const CHECK_SENTENCE: &str =
        "The reckless plan, critics fear, will surely wreck the economy within a year.";

    #[derive(Deserialize)]
    struct GoldItem {
        #[serde(default)]
        id: Option<serde_json::Value>,
        text: String,
        #[serde(default)]
        dataset: Option<String>,
        #[serde(default)]
        article_id: Option<serde_json::Value>,
        #[serde(default)]
        label_biased: Option<bool>,
        #[serde(default)]
        label_unattributed: Option<bool>,
        #[serde(default)]
        extra: Option<serde_json::Value>,
    }

    /// One labelled sentence, ready for training.
    struct Item {
        id: String,
        dataset: String,
        /// Items with the same group are in the same fold (an article; a BASIL event).
        group: String,
        text: String,
        labels: [Option<bool>; 3],
    }

    fn as_text(v: &serde_json::Value) -> String {
        v.as_str()
            .map(str::to_string)
            .unwrap_or_else(|| v.to_string())
    }

    impl Item {
        fn from_gold(g: GoldItem, file: &Path, line: usize) -> Item {
            let stem = file
                .file_stem()
                .map(|s| s.to_string_lossy().trim_end_matches("_dev").to_string())
                .unwrap_or_default();
            let dataset = g.dataset.clone().unwrap_or(stem);
            let id =
                g.id.as_ref()
                    .map_or_else(|| format!("{}:{line}", file.display()), as_text);
            let extra = g.extra.unwrap_or(serde_json::Value::Null);
            // BABE's opinion label: the writer's own opinion vs entirely factual.
            let opinion = match extra["label_opinion"].as_str() {
                Some(o) if o.starts_with("Expresses writer") => Some(true),
                Some("Entirely factual") => Some(false),
                _ => None,
            };
            let group = if let Some(event) = extra["triplet_uuid"].as_str() {
                format!("basil:{event}")
            } else if let Some(rest) = id.strip_prefix("unatt_basil_") {
                format!("basil:{}", rest.split('_').next().unwrap_or(rest))
            } else if let Some(rest) = id.strip_prefix("unatt_allsides_") {
                format!(
                    "allsides:{}",
                    rest.rsplit_once('_').map_or(rest, |(a, _)| a)
                )
            } else if let Some(a) = &g.article_id {
                format!("{dataset}:{}", as_text(a))
            } else {
                format!("{dataset}:{id}")
            };
            Item {
                id,
                dataset,
                group,
                text: slant_ingest::normalise(&g.text),
                labels: [g.label_biased, g.label_unattributed, opinion],
            }
        }
    }

    /// Known data files and their licences (`../shared/README.md`).
    fn guess_licence(paths: &[PathBuf]) -> String {
        let mut out: Vec<String> = paths
            .iter()
            .map(|path| {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().to_lowercase())
                    .unwrap_or_default();
                if name.starts_with("babe") {
                    "AGPL-3.0 (BABE, Spinde et al. 2021)".to_string()
                } else if name.starts_with("ptc")
                    || name.starts_with("basil")
                    || name.starts_with("wiki_weasel")
                    || name.starts_with("unattributed_news")
                {
                    "research use only (no licence file)".to_string()
                } else {
                    "unknown (pass --licence)".to_string()
                }
            })
            .collect();
        out.sort();
        out.dedup();
        out.join("; ")
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

    fn sha256_hex(bytes: &[u8]) -> String {
        use sha2::Digest;
        format!("{:x}", sha2::Sha256::digest(bytes))
    }

    fn read_items(paths: &[PathBuf]) -> Result<(Vec<Item>, String)> {
        let mut items = Vec::new();
        let mut digest = Vec::new();
        for path in paths {
            let bytes =
                std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
            digest.push(format!("{}={}", path.display(), sha256_hex(&bytes)));
            let text = String::from_utf8_lossy(&bytes);
            for (i, line) in text.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let g: GoldItem = serde_json::from_str(line).with_context(|| {
                    format!("{}:{}: not a labelled sentence", path.display(), i + 1)
                })?;
                items.push(Item::from_gold(g, path, i + 1));
            }
        }
        // One file: its sha256 alone (as earlier heads); several: one line per file.
        let sha = if paths.len() == 1 {
            digest[0].rsplit('=').next().unwrap_or_default().to_string()
        } else {
            sha256_hex(digest.join("\n").as_bytes())
        };
        Ok((items, sha))
    }

    pub fn run(args: TrainArgs) -> Result<u8> {
        let started = std::time::Instant::now();
        if args.fine_tune && args.opinion_feature {
            anyhow::bail!(
                "--opinion-feature is for the frozen head; with --fine-tune, BABE's opinion labels are a task of their own (--opinion-weight)"
            );
        }
        let scorer = build_scorer(&args.common)?;
        let (items, data_sha256) = read_items(&args.gold)?;
        let rules: Vec<Vec<f64>> = items
            .par_iter()
            .map(|it| passage_rule_features(&scorer, &it.text))
            .collect();
        let dir = args.model.clone().unwrap_or_else(Embedder::default_dir);
        let embedder = Embedder::load(&dir)
            .with_context(|| format!("cannot load the embedding model from {}", dir.display()))?;
        let mut head = Head {
            format: HEAD_FORMAT.into(),
            embedding_model: MODEL_NAME.into(),
            embedding_dim: DIM,
            rule_features: rule_feature_names(),
            tasks: BTreeMap::new(),
            provenance: Provenance {
                data: args
                    .gold
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(" "),
                data_sha256,
                data_licence: args
                    .licence
                    .clone()
                    .unwrap_or_else(|| guess_licence(&args.gold)),
                trained: today(),
                command: command_line(),
                slant_version: env!("CARGO_PKG_VERSION").into(),
            },
            adapter: None,
        };
        if args.fine_tune {
            fine_tune(&args, &scorer, &embedder, &dir, &items, &rules, &mut head)?;
        } else {
            frozen(&args, &scorer, &embedder, &items, &rules, &mut head)?;
        }
        if head.tasks.is_empty() {
            anyhow::bail!(
                "no task has at least {} labelled items of each class",
                args.folds.max(2)
            );
        }
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

    fn command_line() -> String {
        let mut args: Vec<String> = std::env::args().skip(1).collect();
        args.insert(0, "slant".into());
        args.join(" ")
    }

    /// The penalty and decision threshold with the best out-of-fold F1 (`k` folds; for each
    /// penalty, the threshold on the plateau of [`plateau_best`]), and the best F1 per penalty.
    fn choose(x: &[Vec<f64>], y: &[bool], k: usize) -> (f64, f64, Vec<(f64, f64)>) {
        let fold = folds(y, k, SEED);
        let mut best = (LAMBDAS[0], 0.5, -1.0);
        let mut grid = Vec::new();
        for &l in &LAMBDAS {
            let probs = cross_validate(x, y, &fold, l);
            let f1: Vec<f64> = THRESHOLDS
                .iter()
                .map(|&t| Metrics::of(y, &predict(&probs, t)).f1)
                .collect();
            let i = plateau_best(&f1);
            if f1[i] > best.2 {
                best = (l, THRESHOLDS[i], f1[i]);
            }
            grid.push((l, f1.iter().copied().fold(-1.0, f64::max)));
        }
        (best.0, best.1, grid)
    }

    /// Logistic regression on the frozen embedding and the rule features.
    fn frozen(
        args: &TrainArgs,
        scorer: &Scorer,
        embedder: &Embedder,
        items: &[Item],
        rules: &[Vec<f64>],
        head: &mut Head,
    ) -> Result<()> {
        let texts: Vec<&str> = items.iter().map(|i| i.text.as_str()).collect();
        eprintln!("slant train: embedding {} sentences ...", texts.len());
        let vectors = embedder.embed(&texts)?;
        let x_all: Vec<Vec<f64>> = vectors.iter().zip(rules).map(|(v, r)| join(v, r)).collect();
        let k = args.folds.max(2);
        let opinion = if args.opinion_feature {
            Some(opinion_model(items, &vectors, k)?)
        } else {
            None
        };
        for (ti, task) in TASKS.iter().enumerate().take(SCORED_TASKS) {
            let idx: Vec<usize> = (0..items.len())
                .filter(|&i| items[i].labels[ti].is_some())
                .collect();
            let y: Vec<bool> = idx
                .iter()
                .map(|&i| items[i].labels[ti] == Some(true))
                .collect();
            let pos = y.iter().filter(|&&l| l).count();
            if pos < k || y.len() - pos < k {
                continue;
            }
            eprintln!(
                "slant train: {task}: {} items, {pos} positive; {k}-fold cross-validation ...",
                y.len()
            );
            // The unattributed task with the opinion feature: the opinion logit as a last column.
            let stacked = opinion.as_ref().filter(|_| ti == 1);
            let x: Vec<Vec<f64>> = idx
                .iter()
                .map(|&i| {
                    let mut row = x_all[i].clone();
                    if let Some((m, _)) = stacked {
                        // The opinion model reads the embedding, the row's first DIM values.
                        row.push(m.logit(&row[..DIM]));
                    }
                    row
                })
                .collect();
            let (lambda, threshold, grid) = choose(&x, &y, k);
            let fold = folds(&y, k, SEED);
            let cv = Metrics::of(
                &y,
                &predict(&cross_validate(&x, &y, &fold, lambda), threshold),
            );
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
            let rules_only = rules_alone(scorer, ti, &idx, rules, &y);
            let mut model = LogReg::fit(&x, &y, lambda);
            if let Some((m, _)) = stacked {
                model = fold_opinion(&model, m, DIM);
            }
            let model = rounded(model);
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
            if let Some((_, record)) = stacked {
                metrics.insert("opinion_feature".into(), record.clone());
            }
            head.tasks.insert(
                task.to_string(),
                TaskHead {
                    threshold,
                    lambda,
                    model,
                    metrics,
                },
            );
        }
        Ok(())
    }

    /// Items that train the opinion feature: those with BABE's opinion label and no
    /// unattributed label, so the feature is out of sample for every unattributed row.
    fn opinion_rows(items: &[Item]) -> Vec<usize> {
        (0..items.len())
            .filter(|&i| items[i].labels[2].is_some() && items[i].labels[1].is_none())
            .collect()
    }

    /// The opinion model of `--opinion-feature`: logistic regression on the embedding alone
    /// (penalty by `k`-fold cross-validation) of BABE's opinion labels, and its record for the
    /// head's metrics.
    fn opinion_model(
        items: &[Item],
        vectors: &[Vec<f32>],
        k: usize,
    ) -> Result<(LogReg, serde_json::Value)> {
        let idx = opinion_rows(items);
        let x: Vec<Vec<f64>> = idx.iter().map(|&i| join(&vectors[i], &[])).collect();
        let y: Vec<bool> = idx
            .iter()
            .map(|&i| items[i].labels[2] == Some(true))
            .collect();
        let pos = y.iter().filter(|&&l| l).count();
        if pos < k || y.len() - pos < k {
            anyhow::bail!(
                "--opinion-feature: {} items carry an opinion label ({pos} positive), too few for {k} folds",
                y.len()
            );
        }
        let (lambda, threshold, _) = choose(&x, &y, k);
        let cv = Metrics::of(
            &y,
            &predict(
                &cross_validate(&x, &y, &folds(&y, k, SEED), lambda),
                threshold,
            ),
        );
        eprintln!(
            "slant train: opinion feature: {} items, {pos} positive; lambda {lambda}; cv F1 {:.3}",
            y.len(),
            cv.f1
        );
        let record =
            serde_json::json!({"items": y.len(), "positives": pos, "lambda": lambda, "cv": cv});
        Ok((LogReg::fit(&x, &y, lambda), record))
    }

    /// A model over `[embedding, rules, opinion logit]` as one over `[embedding, rules]`: the
    /// logit is linear in the embedding, so its weight spreads over the embedding's weights.
    fn fold_opinion(stacked: &LogReg, opinion: &LogReg, dim: usize) -> LogReg {
        let (last, rest) = stacked
            .weights
            .split_last()
            .expect("a stacked model has the opinion weight");
        let mut weights = rest.to_vec();
        for (w, o) in weights[..dim].iter_mut().zip(&opinion.weights) {
            *w += last * o;
        }
        LogReg {
            weights,
            bias: stacked.bias + last * opinion.bias,
        }
    }

    fn rounded(model: LogReg) -> LogReg {
        let round = |v: f64| (v * 1e6).round() / 1e6;
        LogReg {
            weights: model.weights.iter().map(|&w| round(w)).collect(),
            bias: round(model.bias),
        }
    }

    /// The rules alone on the same items, for comparison.
    fn rules_alone(
        scorer: &Scorer,
        task: usize,
        idx: &[usize],
        rules: &[Vec<f64>],
        y: &[bool],
    ) -> Metrics {
        let flag: Vec<bool> = idx
            .iter()
            .map(|&i| {
                let r = &rules[i];
                if task == 0 {
                    r[0] >= scorer.config().loaded_threshold && r[0] > 0.0
                } else {
                    r[1] >= scorer.config().unattributed_threshold && r[1] > 0.0
                }
            })
            .collect();
        Metrics::of(y, &flag)
    }

    fn parse_layers(spec: Option<&str>, n: usize) -> Result<Vec<usize>> {
        let Some(spec) = spec else {
            return Ok((0..n).collect());
        };
        let mut out = Vec::new();
        for part in spec.split(',').filter(|p| !p.trim().is_empty()) {
            let part = part.trim();
            if let Some((a, b)) = part.split_once('-') {
                let (a, b): (usize, usize) = (a.trim().parse()?, b.trim().parse()?);
                out.extend(a..=b);
            } else {
                out.push(part.parse()?);
            }
        }
        out.sort_unstable();
        out.dedup();
        Ok(out)
    }

    fn parse_targets(spec: &str) -> Result<Vec<String>> {
        spec.split(',')
            .filter(|p| !p.trim().is_empty())
            .map(|p| {
                Ok(match p.trim() {
                    "q" => "attention.self.query",
                    "k" => "attention.self.key",
                    "v" => "attention.self.value",
                    "o" => "attention.output.dense",
                    "up" => "intermediate.dense",
                    "down" => "output.dense",
                    other => {
                        anyhow::bail!("unknown adapter target {other:?} (q, k, v, o, up, down)")
                    }
                }
                .to_string())
            })
            .collect()
    }

    /// Outlets of the AllSides folder by leaning (AllSides media bias ratings, as the Baly et
    /// al. 2020 data labels them): left or right = partisan (true), centre = false. Outlets
    /// rated "lean left" or "lean right" are left out as too weak a signal either way.
    const LEANING: [(&str, bool); 10] = [
        ("Breitbart_News", true),
        ("Townhall", true),
        ("National_Review", true),
        ("Salon", true),
        ("Vox", true),
        ("CNN_Web_News", true),
        ("Reuters", false),
        ("BBC_News", false),
        ("The_Hill", false),
        ("Christian_Science_Monitor", false),
    ];

    /// Headline and lead (the first two paragraphs) of each article of the distant folder.
    fn distant_texts(dir: &Path, exclude: &[String]) -> Result<Vec<(String, bool)>> {
        let mut out = Vec::new();
        for (outlet, partisan) in LEANING {
            let folder = dir.join(outlet);
            let Ok(rd) = std::fs::read_dir(&folder) else {
                continue;
            };
            let mut files: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
            files.sort();
            for f in files {
                let stem = f
                    .file_stem()
                    .map(|s| s.to_string_lossy().to_string())
                    .unwrap_or_default();
                if exclude.contains(&stem) {
                    continue;
                }
                let Ok(text) = std::fs::read_to_string(&f) else {
                    continue;
                };
                let paras: Vec<&str> = text
                    .split("\n\n")
                    .map(str::trim)
                    .filter(|p| p.len() > 20)
                    .take(3)
                    .collect();
                for p in paras {
                    out.push((slant_ingest::normalise(p), partisan));
                }
            }
        }
        Ok(out)
    }

    struct Standardise {
        mean: Vec<f64>,
        sd: Vec<f64>,
    }

    impl Standardise {
        fn fit(rows: &[&Vec<f64>]) -> Standardise {
            let d = rows.first().map_or(0, |r| r.len());
            let n = rows.len().max(1) as f64;
            let mut mean = vec![0.0; d];
            for r in rows {
                for (m, v) in mean.iter_mut().zip(r.iter()) {
                    *m += v / n;
                }
            }
            let mut sd = vec![0.0; d];
            for r in rows {
                for ((s, v), m) in sd.iter_mut().zip(r.iter()).zip(&mean) {
                    *s += (v - m) * (v - m) / n;
                }
            }
            for s in sd.iter_mut() {
                *s = if *s > 1e-12 { s.sqrt() } else { 1.0 };
            }
            Standardise { mean, sd }
        }
        fn apply(&self, r: &[f64]) -> Vec<f32> {
            r.iter()
                .zip(&self.mean)
                .zip(&self.sd)
                .map(|((v, m), s)| ((v - m) / s) as f32)
                .collect()
        }
    }

    /// Everything a fine-tuning run reads, prepared once for all folds.
    struct Data<'a> {
        items: &'a [Item],
        rules: &'a [Vec<f64>],
        pieces: Vec<Pieces>,
        /// Per item: the token vectors entering the lowest adapted layer.
        hidden: Vec<finetune::Tensor>,
        distant: Vec<Example>,
        distant_hidden: Vec<finetune::Tensor>,
        weights: BTreeMap<String, f64>,
    }

    /// A run's adapters, its output layer per task, and its record.
    type Run = (
        Vec<(String, finetune::Tensor)>,
        Vec<LogReg>,
        serde_json::Value,
    );

    /// One fine-tuning run (distant stage first when given) on `train`; returns the adapted
    /// encoder, the output layer as logistic regressions over [embedding ++ raw rule features]
    /// per task, and the run's record.
    #[allow(clippy::too_many_arguments)]
    fn run_once(
        args: &TrainArgs,
        base: &Bert,
        spec: &TrainSpec,
        data: &Data,
        train: &[usize],
        workers: usize,
    ) -> Result<Run> {
        let (items, rules, pieces) = (data.items, data.rules, &data.pieces);
        let distant = &data.distant;
        let std = Standardise::fit(&train.iter().map(|&i| &rules[i]).collect::<Vec<_>>());
        let mut init = None;
        let mut record = serde_json::Map::new();
        if !distant.is_empty() {
            let mut dspec = spec.clone();
            dspec.epochs = args.distant_epochs;
            let t = std::time::Instant::now();
            let d = finetune::fine_tune(
                base,
                distant,
                1,
                &dspec,
                workers,
                None,
                Some(&data.distant_hidden),
                |e, l| eprintln!("slant train:   distant epoch {} loss {l:.4}", e + 1),
            )?;
            record.insert(
                "distant_seconds".into(),
                serde_json::json!(t.elapsed().as_secs()),
            );
            record.insert("distant_losses".into(), serde_json::json!(d.losses));
            init = Some(d.adapters);
        }
        let mut examples = Vec::new();
        let mut hidden = Vec::new();
        for &i in train {
            let it = &items[i];
            let mut labels: Vec<Option<bool>> = it.labels.to_vec();
            let w = data.weights.get(&it.dataset).copied().unwrap_or(1.0);
            if args.opinion_weight <= 0.0 {
                labels[2] = None;
            }
            if labels.iter().all(Option::is_none) || w <= 0.0 {
                continue;
            }
            examples.push(Example {
                pieces: pieces[i].clone(),
                rules: std.apply(&rules[i]),
                labels,
                weight: w as f32,
            });
            hidden.push(data.hidden[i].shallow_clone());
        }
        let t = std::time::Instant::now();
        let task_weights = [1.0, 1.0, args.opinion_weight.max(0.0)];
        let spec_here = TrainSpec {
            task_weights: task_weights.to_vec(),
            ..spec.clone()
        };
        let trained = finetune::fine_tune(
            base,
            &examples,
            TASKS.len(),
            &spec_here,
            workers,
            init.as_deref(),
            Some(&hidden),
            |e, l| eprintln!("slant train:   epoch {} loss {l:.4}", e + 1),
        )?;
        record.insert("seconds".into(), serde_json::json!(t.elapsed().as_secs()));
        record.insert("losses".into(), serde_json::json!(trained.losses));
        record.insert("examples".into(), serde_json::json!(examples.len()));
        let heads = trained
            .outputs
            .iter()
            .map(|(we, wr, b)| {
                // Back from standardised to raw rule features.
                let mut weights: Vec<f64> = we.clone();
                let mut bias = *b;
                for ((w, m), s) in wr.iter().zip(&std.mean).zip(&std.sd) {
                    weights.push(w / s);
                    bias -= w * m / s;
                }
                rounded(LogReg { weights, bias })
            })
            .collect();
        Ok((trained.adapters, heads, serde_json::Value::Object(record)))
    }

    /// Probabilities of `idx` under an adapted encoder and output layer.
    #[allow(clippy::too_many_arguments)]
    fn probabilities(
        dir: &Path,
        base: &Bert,
        spec: &AdapterSpec,
        adapters: &[(String, finetune::Tensor)],
        heads: &[LogReg],
        pieces: &[Pieces],
        rules: &[Vec<f64>],
        idx: &[usize],
    ) -> Result<Vec<Vec<f64>>> {
        let mut bert = base.shallow_clone();
        finetune::attach(&mut bert, spec, adapters)?;
        let embedder = Embedder::with_encoder(dir, bert)?;
        let sel: Vec<Pieces> = idx.iter().map(|&i| pieces[i].clone()).collect();
        let vectors = embedder.embed_pieces(&sel)?;
        Ok(idx
            .iter()
            .zip(&vectors)
            .map(|(&i, v)| {
                let x = join(v, &rules[i]);
                heads.iter().map(|h| h.probability(&x)).collect()
            })
            .collect())
    }

    /// Per dataset: P/R/F1 at `t`.
    fn per_dataset(
        items: &[Item],
        task: usize,
        idx: &[usize],
        prob: &[f64],
        t: f64,
    ) -> BTreeMap<String, Metrics> {
        let mut by: BTreeMap<String, (Vec<bool>, Vec<bool>)> = BTreeMap::new();
        for (&i, &p) in idx.iter().zip(prob) {
            if let Some(l) = items[i].labels[task] {
                let e = by.entry(items[i].dataset.clone()).or_default();
                e.0.push(l);
                e.1.push(p >= t);
            }
        }
        by.into_iter()
            .map(|(k, (g, p))| (k, Metrics::of(&g, &p)))
            .collect()
    }

    /// The threshold with the best mean F1 over the datasets, on the plateau
    /// ([`plateau_best`]).
    fn best_threshold(items: &[Item], task: usize, idx: &[usize], prob: &[f64]) -> f64 {
        let f1: Vec<f64> = THRESHOLDS
            .iter()
            .map(|&t| {
                let m = per_dataset(items, task, idx, prob, t);
                if m.is_empty() {
                    return 0.0;
                }
                m.values().map(|x| x.f1).sum::<f64>() / m.len() as f64
            })
            .collect();
        THRESHOLDS[plateau_best(&f1)]
    }

    #[allow(clippy::too_many_arguments)]
    fn fine_tune(
        args: &TrainArgs,
        scorer: &Scorer,
        embedder: &Embedder,
        dir: &Path,
        items: &[Item],
        rules: &[Vec<f64>],
        head: &mut Head,
    ) -> Result<()> {
        let base = Bert::load(dir)?;
        let texts: Vec<&str> = items.iter().map(|i| i.text.as_str()).collect();
        let pieces = embedder.split(&texts)?;
        // Worker threads (one libtorch thread each); the result does not depend on how many.
        let workers = std::env::var("SLANT_TRAIN_WORKERS")
            .ok()
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
            .max(1);
        let spec = TrainSpec {
            adapter: AdapterSpec {
                rank: args.rank,
                alpha: 2.0 * args.rank as f64,
                layers: parse_layers(args.layers.as_deref(), base.layers.len())?,
                targets: parse_targets(&args.targets)?,
            },
            epochs: args.epochs,
            lr: args.lr,
            head_lr: args.head_lr,
            weight_decay: 0.01,
            batch: 32,
            shard: 8,
            seed: args.seed,
            task_weights: vec![1.0; TASKS.len()],
        };
        let mut weights = BTreeMap::new();
        for w in &args.weights {
            let (name, v) = w
                .split_once('=')
                .with_context(|| format!("--weight {w}: expected NAME=W"))?;
            weights.insert(
                name.to_string(),
                v.parse::<f64>().with_context(|| format!("--weight {w}"))?,
            );
        }
        let distant: Vec<Example> = match &args.distant {
            Some(d) => {
                let exclude: Vec<String> = match &args.distant_exclude {
                    Some(f) => std::fs::read_to_string(f)
                        .with_context(|| format!("cannot read {}", f.display()))?
                        .lines()
                        .map(|l| l.trim().to_string())
                        .filter(|l| !l.is_empty())
                        .collect(),
                    None => vec![],
                };
                let texts = distant_texts(d, &exclude)?;
                let dp = embedder.split(&texts.iter().map(|t| t.0.as_str()).collect::<Vec<_>>())?;
                eprintln!(
                    "slant train: distant supervision: {} headlines and leads from {}",
                    texts.len(),
                    d.display()
                );
                texts
                    .iter()
                    .zip(dp)
                    .map(|((_, l), p)| Example {
                        pieces: p,
                        rules: vec![0.0; rules.first().map_or(0, Vec::len)],
                        labels: vec![Some(*l)],
                        weight: 1.0,
                    })
                    .collect()
            }
            None => vec![],
        };
        let all: Vec<usize> = (0..items.len()).collect();
        let t = std::time::Instant::now();
        let first = finetune::first_adapted(&spec.adapter);
        let as_examples = |p: &[Pieces]| -> Vec<Example> {
            p.iter()
                .map(|p| Example {
                    pieces: p.clone(),
                    rules: vec![],
                    labels: vec![],
                    weight: 1.0,
                })
                .collect()
        };
        let hidden = finetune::prepare(&base, &as_examples(&pieces), first, workers)?;
        let distant_hidden = finetune::prepare(
            &base,
            &as_examples(&distant.iter().map(|e| e.pieces.clone()).collect::<Vec<_>>()),
            first,
            workers,
        )?;
        eprintln!(
            "slant train: layers below {first} computed once ({:.0} s)",
            t.elapsed().as_secs_f64()
        );
        let data = Data {
            items,
            rules,
            pieces,
            hidden,
            distant,
            distant_hidden,
            weights,
        };
        let pieces = &data.pieces;
        let mut record = serde_json::Map::new();
        record.insert("spec".into(), serde_json::to_value(&spec)?);
        record.insert("workers".into(), serde_json::json!(workers));
        // Cross-validation by group.
        let k = args.folds;
        let mut metrics_per_task: Vec<BTreeMap<String, serde_json::Value>> =
            vec![BTreeMap::new(); SCORED_TASKS];
        let mut thresholds = [0.5f64; SCORED_TASKS];
        if k >= 2 {
            let fold_of: Vec<usize> = items
                .iter()
                .map(|it| {
                    let h = sha256_hex(format!("slant-fold:{}:{}", args.seed, it.group).as_bytes());
                    (u64::from_str_radix(&h[..8], 16).unwrap_or(0) % k as u64) as usize
                })
                .collect();
            let mut oof = vec![vec![0.0; TASKS.len()]; items.len()];
            let t = std::time::Instant::now();
            for f in 0..k {
                let train: Vec<usize> = all.iter().copied().filter(|&i| fold_of[i] != f).collect();
                let test: Vec<usize> = all.iter().copied().filter(|&i| fold_of[i] == f).collect();
                eprintln!(
                    "slant train: fold {}/{k}: {} training, {} held out ...",
                    f + 1,
                    train.len(),
                    test.len()
                );
                let (adapters, heads, _) = run_once(args, &base, &spec, &data, &train, workers)?;
                let p = probabilities(
                    dir,
                    &base,
                    &spec.adapter,
                    &adapters,
                    &heads,
                    pieces,
                    rules,
                    &test,
                )?;
                for (&i, row) in test.iter().zip(p) {
                    oof[i] = row;
                }
            }
            record.insert(
                "cv_seconds".into(),
                serde_json::json!(t.elapsed().as_secs()),
            );
            if let Some(path) = &args.oof {
                let mut out = String::new();
                for (i, it) in items.iter().enumerate() {
                    for (ti, task) in TASKS.iter().enumerate().take(SCORED_TASKS) {
                        if let Some(l) = it.labels[ti] {
                            out += &serde_json::json!({"id": it.id, "dataset": it.dataset, "task": task,
                                "label": l, "probability": oof[i][ti], "fold": fold_of[i]}).to_string();
                            out.push('\n');
                        }
                    }
                }
                std::fs::write(path, out)
                    .with_context(|| format!("cannot write {}", path.display()))?;
            }
            for ti in 0..SCORED_TASKS {
                let idx: Vec<usize> = all
                    .iter()
                    .copied()
                    .filter(|&i| items[i].labels[ti].is_some())
                    .collect();
                if idx.is_empty() {
                    continue;
                }
                let prob: Vec<f64> = idx.iter().map(|&i| oof[i][ti]).collect();
                let t = best_threshold(items, ti, &idx, &prob);
                thresholds[ti] = t;
                // Nested: each fold's threshold from the other folds' predictions.
                let mut nested_pred = vec![0.0; idx.len()];
                for f in 0..k {
                    let others: Vec<usize> =
                        (0..idx.len()).filter(|&j| fold_of[idx[j]] != f).collect();
                    let tf = best_threshold(
                        items,
                        ti,
                        &others.iter().map(|&j| idx[j]).collect::<Vec<_>>(),
                        &others.iter().map(|&j| prob[j]).collect::<Vec<_>>(),
                    );
                    for j in (0..idx.len()).filter(|&j| fold_of[idx[j]] == f) {
                        // 1/0 so that `per_dataset` at 0.5 reads the decision.
                        nested_pred[j] = if prob[j] >= tf { 1.0 } else { 0.0 };
                    }
                }
                let cv = per_dataset(items, ti, &idx, &prob, t);
                let nested = per_dataset(items, ti, &idx, &nested_pred, 0.5);
                let y: Vec<bool> = idx
                    .iter()
                    .map(|&i| items[i].labels[ti] == Some(true))
                    .collect();
                let alone = rules_alone(scorer, ti, &idx, rules, &y);
                for (name, m) in &cv {
                    eprintln!(
                        "slant train: {} {name}: threshold {t:.2}: cv F1 {:.3} (P {:.3} R {:.3}); nested cv F1 {:.3}",
                        TASKS[ti], m.f1, m.precision, m.recall, nested.get(name).map_or(0.0, |n| n.f1)
                    );
                }
                let m = &mut metrics_per_task[ti];
                m.insert("folds".into(), serde_json::json!(k));
                m.insert("cv".into(), serde_json::to_value(&cv)?);
                m.insert("nested_cv".into(), serde_json::to_value(&nested)?);
                m.insert("rules_alone".into(), serde_json::to_value(alone)?);
            }
        }
        eprintln!("slant train: final model on all {} items ...", items.len());
        let (adapters, heads, final_record) = run_once(args, &base, &spec, &data, &all, workers)?;
        record.insert("final".into(), final_record);
        // A fixed invented sentence and its probabilities under the final model: a fresh
        // set-up that loads the head and its adapters must give the same (tests/cli).
        let check_pieces = embedder.split(&[CHECK_SENTENCE])?;
        let check_rules = vec![passage_rule_features(scorer, CHECK_SENTENCE)];
        let p = probabilities(
            dir,
            &base,
            &spec.adapter,
            &adapters,
            &heads,
            &check_pieces,
            &check_rules,
            &[0],
        )?;
        record.insert(
            "check".into(),
            serde_json::json!({"text": CHECK_SENTENCE, "loaded": p[0][0], "unattributed": p[0][1]}),
        );
        for (ti, task) in TASKS.iter().enumerate().take(SCORED_TASKS) {
            if !items.iter().any(|it| it.labels[ti].is_some()) {
                continue;
            }
            head.tasks.insert(
                task.to_string(),
                TaskHead {
                    threshold: thresholds[ti],
                    lambda: 0.0,
                    model: heads[ti].clone(),
                    metrics: std::mem::take(&mut metrics_per_task[ti]),
                },
            );
        }
        // The adapters beside the head: NAME.adapter.safetensors.
        let stem = args
            .output
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_else(|| "head".into());
        let file = format!("{stem}.adapter.safetensors");
        let path = args.output.with_file_name(&file);
        if let Some(parent) = path.parent() {
            if !parent.as_os_str().is_empty() {
                std::fs::create_dir_all(parent)?;
            }
        }
        finetune::save_adapters(&path, &adapters)?;
        let bytes = std::fs::read(&path)?;
        let base_bytes = std::fs::read(dir.join("model.safetensors"))?;
        head.adapter = Some(AdapterRef {
            file,
            sha256: sha256_hex(&bytes),
            spec: spec.adapter.clone(),
            base_model_sha256: sha256_hex(&base_bytes),
            training: serde_json::Value::Object(record),
        });
        Ok(())
    }
}
