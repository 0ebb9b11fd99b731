//! `slant eval GOLD.jsonl`: precision, recall and F1 of the flags against labelled sentences,
//! with per-rule true and false positives and the worst errors, so that tuning is error
//! analysis.

use crate::{build_scorer, Common};
use anyhow::{Context, Result};
use clap::Args;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use slant_ingest::model::ScoredArticle;
use slant_ingest::{segment, Article};
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Args)]
pub struct EvalArgs {
    /// Labelled sentences, one JSON object per line (DESIGN.md section 5).
    #[arg(required = true)]
    gold: Vec<PathBuf>,
    /// How many worst false positives and negatives to show per task.
    #[arg(long, default_value_t = 5)]
    worst: usize,
    /// Print the figures as JSON instead of text.
    #[arg(long)]
    json: bool,
    /// Also print F1 at other thresholds (for tuning).
    #[arg(long)]
    sweep: bool,
    /// `--backend transformer [--head FILE]`: score the sentences with the model as well.
    #[command(flatten)]
    backend: crate::transformer::BackendArgs,
    #[command(flatten)]
    common: Common,
}

#[derive(Deserialize)]
struct GoldItem {
    #[serde(default)]
    id: Option<serde_json::Value>,
    text: String,
    #[serde(default)]
    label_biased: Option<bool>,
    #[serde(default)]
    label_unattributed: Option<bool>,
}

#[derive(Serialize, Default, Clone)]
pub struct Confusion {
    pub tp: usize,
    pub fp: usize,
    pub tn: usize,
    pub fn_: usize,
}

impl Confusion {
    fn add(&mut self, gold: bool, pred: bool) {
        match (gold, pred) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (false, false) => self.tn += 1,
            (true, false) => self.fn_ += 1,
        }
    }
    fn f1_of(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
        let p = if tp + fp == 0 {
            0.0
        } else {
            tp as f64 / (tp + fp) as f64
        };
        let r = if tp + fn_ == 0 {
            0.0
        } else {
            tp as f64 / (tp + fn_) as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }
    pub fn prf(&self) -> (f64, f64, f64) {
        Self::f1_of(self.tp, self.fp, self.fn_)
    }
    /// Mean of the F1 of the positive and the negative class.
    pub fn macro_f1(&self) -> f64 {
        let (_, _, pos) = self.prf();
        let (_, _, neg) = Self::f1_of(self.tn, self.fn_, self.fp);
        (pos + neg) / 2.0
    }
}

#[derive(Serialize)]
struct ErrorCase {
    id: String,
    score: f64,
    text: String,
    evidence: Vec<String>,
}

#[derive(Serialize)]
struct TaskReport {
    task: &'static str,
    items: usize,
    threshold: f64,
    precision: f64,
    recall: f64,
    f1: f64,
    macro_f1: f64,
    confusion: Confusion,
    /// rule -> (true positives, false positives) among flagged items it fired on.
    rules: BTreeMap<String, (usize, usize)>,
    worst_false_positives: Vec<ErrorCase>,
    worst_false_negatives: Vec<ErrorCase>,
    /// (threshold, precision, recall, f1) when --sweep is given.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sweep: Vec<(f64, f64, f64, f64)>,
}

#[derive(Serialize)]
struct FileReport {
    file: String,
    tasks: Vec<TaskReport>,
}

#[derive(Clone, Copy)]
enum Task {
    Loaded,
    Unattributed,
}

impl Task {
    fn name(self) -> &'static str {
        match self {
            Task::Loaded => "loaded",
            Task::Unattributed => "unattributed",
        }
    }
    fn gold(self, g: &GoldItem) -> Option<bool> {
        match self {
            Task::Loaded => g.label_biased,
            Task::Unattributed => g.label_unattributed,
        }
    }
    /// The item's score for this task: the highest of its sentences.
    fn score(self, a: &ScoredArticle) -> f64 {
        a.sentences
            .iter()
            .map(|s| match self {
                Task::Loaded => s.loaded.score,
                Task::Unattributed => s.unattributed.score,
            })
            .fold(0.0, f64::max)
    }
    fn flagged(self, a: &ScoredArticle) -> bool {
        a.sentences.iter().any(|s| match self {
            Task::Loaded => s.loaded.flagged,
            Task::Unattributed => s.unattributed.flagged,
        })
    }
    fn evidence(self, a: &ScoredArticle) -> Vec<(String, String)> {
        a.sentences
            .iter()
            .flat_map(|s| match self {
                Task::Loaded => s.loaded.evidence.iter(),
                Task::Unattributed => s.unattributed.evidence.iter(),
            })
            .map(|e| (e.rule.clone(), e.text.clone()))
            .collect()
    }
}

pub fn run(args: EvalArgs) -> Result<u8> {
    let scorer = build_scorer(&args.common)?;
    let mut reports = Vec::new();
    for path in &args.gold {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let mut items = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let item: GoldItem = serde_json::from_str(line).with_context(|| {
                format!("{}:{}: not a labelled sentence", path.display(), i + 1)
            })?;
            items.push(item);
        }
        let mut scored: Vec<ScoredArticle> = items
            .par_iter()
            .enumerate()
            .map(|(i, g)| {
                let article = Article {
                    id: g
                        .id
                        .as_ref()
                        .map(|v| {
                            v.as_str()
                                .map(str::to_string)
                                .unwrap_or_else(|| v.to_string())
                        })
                        .unwrap_or_else(|| i.to_string()),
                    path: path.display().to_string(),
                    outlet: None,
                    title: None,
                    date: None,
                    url: None,
                    text: slant_ingest::normalise(&g.text),
                    warnings: vec![],
                };
                scorer.score(&segment(article))
            })
            .collect();
        crate::transformer::apply_backend(&args.backend, &scorer, &mut scored)?;
        let mut tasks = Vec::new();
        for (task, threshold) in [
            (Task::Loaded, scorer.config().loaded_threshold),
            (Task::Unattributed, scorer.config().unattributed_threshold),
        ] {
            let labelled: Vec<(bool, &ScoredArticle)> = items
                .iter()
                .zip(&scored)
                .filter_map(|(g, a)| task.gold(g).map(|l| (l, a)))
                .collect();
            if labelled.is_empty() {
                continue;
            }
            tasks.push(task_report(
                task, threshold, &labelled, args.worst, args.sweep,
            ));
        }
        reports.push(FileReport {
            file: path.display().to_string(),
            tasks,
        });
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&reports)?);
    } else {
        for r in &reports {
            print_report(r);
        }
    }
    Ok(0)
}

fn task_report(
    task: Task,
    threshold: f64,
    labelled: &[(bool, &ScoredArticle)],
    worst: usize,
    sweep: bool,
) -> TaskReport {
    let mut confusion = Confusion::default();
    let mut rules: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut fps = Vec::new();
    let mut fns = Vec::new();
    for (gold, a) in labelled {
        let pred = task.flagged(a);
        confusion.add(*gold, pred);
        let ev = task.evidence(a);
        if pred {
            let mut fired: Vec<&String> = ev.iter().map(|(r, _)| r).collect();
            fired.sort();
            fired.dedup();
            for r in fired {
                let e = rules.entry(r.clone()).or_insert((0, 0));
                if *gold {
                    e.0 += 1;
                } else {
                    e.1 += 1;
                }
            }
        }
        let case = || ErrorCase {
            id: a.id.clone(),
            score: task.score(a),
            text: a
                .sentences
                .iter()
                .map(|s| s.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            evidence: ev.iter().map(|(r, t)| format!("{r}:{t}")).collect(),
        };
        if pred && !gold {
            fps.push(case());
        } else if !pred && *gold {
            fns.push(case());
        }
    }
    // Worst false positives: the most confident; worst false negatives: the least.
    fps.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
    fns.sort_by(|a, b| a.score.total_cmp(&b.score).then(a.id.cmp(&b.id)));
    fps.truncate(worst);
    fns.truncate(worst);
    let (precision, recall, f1) = confusion.prf();
    let mut sweep_rows = Vec::new();
    if sweep {
        for step in 1..=19 {
            let t = step as f64 * 0.05;
            let mut c = Confusion::default();
            for (gold, a) in labelled {
                c.add(*gold, task.score(a) >= t && task.score(a) > 0.0);
            }
            let (p, r, f) = c.prf();
            sweep_rows.push((t, p, r, f));
        }
    }
    TaskReport {
        task: task.name(),
        items: labelled.len(),
        threshold,
        precision,
        recall,
        f1,
        macro_f1: confusion.macro_f1(),
        confusion,
        rules,
        worst_false_positives: fps,
        worst_false_negatives: fns,
        sweep: sweep_rows,
    }
}

fn print_report(r: &FileReport) {
    println!("== {}", r.file);
    for t in &r.tasks {
        println!(
            "{}: {} items, threshold {:.2}: precision {:.3}  recall {:.3}  F1 {:.3}  macro-F1 {:.3}",
            t.task, t.items, t.threshold, t.precision, t.recall, t.f1, t.macro_f1
        );
        let c = &t.confusion;
        println!(
            "  confusion: TP {}  FP {}  TN {}  FN {}",
            c.tp, c.fp, c.tn, c.fn_
        );
        println!("  rules (TP / FP on flagged items):");
        for (rule, (tp, fp)) in &t.rules {
            println!("    {rule}: {tp} / {fp}");
        }
        if !t.sweep.is_empty() {
            println!("  threshold sweep (t: P R F1):");
            for (th, p, rc, f) in &t.sweep {
                println!("    {th:.2}: {p:.3} {rc:.3} {f:.3}");
            }
        }
        println!("  worst false positives:");
        for e in &t.worst_false_positives {
            println!(
                "    [{}] {:.2} {} <- {}",
                e.id,
                e.score,
                clip(&e.text),
                e.evidence.join(", ")
            );
        }
        println!("  worst false negatives:");
        for e in &t.worst_false_negatives {
            println!(
                "    [{}] {:.2} {} <- {}",
                e.id,
                e.score,
                clip(&e.text),
                if e.evidence.is_empty() {
                    "no evidence".into()
                } else {
                    e.evidence.join(", ")
                }
            );
        }
    }
}

fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(140).collect();
    if out.len() < s.len() {
        out.push_str("...");
    }
    out
}
