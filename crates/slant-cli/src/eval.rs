//! `slant eval GOLD.jsonl`: precision, recall and F1 of the flags against labelled sentences,
//! with per-rule true and false positives and the worst errors, so that tuning is error
//! analysis.
//!
//! Beyond the sentence labels it measures what the gold files carry:
//! - **per kind** (unattributed task, items with readers in `extra.readers`): recall for each
//!   kind of unsourced claim (the majority kind of the readers who said true), whether the
//!   flag names that kind, and **cue agreement**: the share of true positives whose evidence
//!   overlaps the words a reader gave as the cue;
//! - **spans** (loaded task, files with `biased_spans`): token-level precision, recall and F1
//!   of the words cited as evidence of flagged items against the annotated words, and the share
//!   of true positives whose evidence hits an annotated word.
//!
//! Scoring ([`score_items`]) and measuring ([`file_report`]) are separate: the metrics read
//! only `slant/1` scored articles, so another backend's scored sentences are measured the same
//! way. A gold line that cannot be read fails alone, named with its file and line.

use crate::args::Common;
use crate::settings::build_scorer;
use anyhow::Result;
use clap::Args;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use slant_ingest::model::{Evidence, ScoredArticle, ScoredSentence};
use slant_ingest::{segment, Article, Span};
use slant_score::rules::ClaimKind;
use slant_score::Scorer;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

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

/// One labelled sentence (or passage) of a gold file.
#[derive(Deserialize)]
pub struct GoldItem {
    #[serde(default)]
    id: Option<serde_json::Value>,
    text: String,
    #[serde(default)]
    label_biased: Option<bool>,
    #[serde(default)]
    label_unattributed: Option<bool>,
    /// Annotated loaded words: `[start, end)` character offsets into `text`.
    #[serde(default)]
    biased_spans: Vec<(usize, usize)>,
    #[serde(default)]
    extra: Option<serde_json::Value>,
}

/// One reader's judgement of an item (`extra.readers`).
#[derive(Deserialize)]
struct Reader {
    #[serde(default)]
    label: Option<bool>,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    cue: Option<String>,
}

impl GoldItem {
    fn id_or(&self, i: usize) -> String {
        self.id
            .as_ref()
            .map(|v| {
                v.as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| v.to_string())
            })
            .unwrap_or_else(|| i.to_string())
    }

    /// The readers who labelled the item unattributed, when the file has readers.
    fn true_readers(&self) -> Vec<Reader> {
        self.extra
            .as_ref()
            .and_then(|e| e.get("readers"))
            .and_then(|r| serde_json::from_value::<Vec<Reader>>(r.clone()).ok())
            .unwrap_or_default()
            .into_iter()
            .filter(|r| r.label == Some(true))
            .collect()
    }

    /// The majority kind of the readers who said true; a tie goes to the kind the guideline
    /// lists first. `None` when no reader gave a kind slant knows.
    fn majority_kind(&self) -> Option<ClaimKind> {
        let mut counts: BTreeMap<ClaimKind, usize> = BTreeMap::new();
        for r in self.true_readers() {
            if let Some(k) = r.kind.as_deref().and_then(ClaimKind::from_name) {
                *counts.entry(k).or_insert(0) += 1;
            }
        }
        let best = counts.values().copied().max()?;
        ClaimKind::ALL
            .into_iter()
            .find(|k| counts.get(k) == Some(&best))
    }
}

/// A gold line that could not be read.
#[derive(Serialize, Clone)]
pub struct GoldError {
    pub line: usize,
    pub message: String,
}

/// Read a gold file: the items that parse (with their line numbers) and the lines that do not.
pub fn read_gold(text: &str) -> (Vec<(usize, GoldItem)>, Vec<GoldError>) {
    let mut items = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<GoldItem>(line) {
            Ok(item) => items.push((i + 1, item)),
            Err(e) => errors.push(GoldError {
                line: i + 1,
                message: format!("not a labelled sentence: {e}"),
            }),
        }
    }
    (items, errors)
}

/// Score every item as a one-passage article with the rules (in item order).
pub fn score_items(
    scorer: &Scorer,
    path: &Path,
    items: &[(usize, GoldItem)],
) -> Vec<ScoredArticle> {
    items
        .par_iter()
        .enumerate()
        .map(|(i, (_, g))| {
            let article = Article {
                path: path.display().to_string(),
                ..Article::from_text(g.id_or(i), slant_ingest::normalise(&g.text))
            };
            scorer.score(&segment(article))
        })
        .collect()
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
        let p = ratio(tp, tp + fp);
        let r = ratio(tp, tp + fn_);
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

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

#[derive(Serialize)]
struct ErrorCase {
    id: String,
    score: f64,
    text: String,
    evidence: Vec<String>,
}

/// Recall of one kind of unsourced claim.
#[derive(Serialize, Default, Clone)]
pub struct KindRecall {
    /// Gold-true items whose readers' majority kind is this one.
    pub items: usize,
    /// Of those, flagged.
    pub found: usize,
    pub recall: f64,
    /// Of the flagged ones, how many name this kind in their evidence.
    pub kind_named: usize,
}

/// Error analysis by kind, for gold files whose readers give kinds and cues.
#[derive(Serialize, Default)]
pub struct KindReport {
    pub by_kind: BTreeMap<String, KindRecall>,
    /// True positives with at least one reader's cue found in the text.
    pub true_positives_with_cue: usize,
    /// Of those, how many cite evidence overlapping a reader's cue words.
    pub cue_hits: usize,
    pub cue_agreement: f64,
    /// Share of true positives whose evidence names the readers' majority kind.
    pub kind_agreement: f64,
}

/// Cited words against annotated words (token level).
#[derive(Serialize, Default)]
pub struct SpanReport {
    /// Items with at least one annotated span.
    pub annotated_items: usize,
    /// Tokens cited as evidence of flagged items and annotated (true positive tokens).
    pub tokens_tp: usize,
    pub tokens_fp: usize,
    pub tokens_fn: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// True positives (flagged, gold true) with annotated words.
    pub true_positives_annotated: usize,
    /// Of those, how many cite at least one annotated word.
    pub true_positives_hit: usize,
    pub hit_rate: f64,
}

#[derive(Serialize)]
pub struct TaskReport {
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
    #[serde(skip_serializing_if = "Option::is_none")]
    kinds: Option<KindReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    spans: Option<SpanReport>,
    worst_false_positives: Vec<ErrorCase>,
    worst_false_negatives: Vec<ErrorCase>,
    /// (threshold, precision, recall, f1) when --sweep is given.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sweep: Vec<(f64, f64, f64, f64)>,
}

#[derive(Serialize)]
pub struct FileReport {
    file: String,
    tasks: Vec<TaskReport>,
    /// Lines that could not be read (each failed alone; the rest were evaluated).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    errors: Vec<GoldError>,
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
    /// A sentence's score for this task: the model's probability when a backend gave one,
    /// else the rules' score.
    fn sentence_score(self, s: &ScoredSentence) -> f64 {
        match self {
            Task::Loaded => s.loaded.model_probability.unwrap_or(s.loaded.score),
            Task::Unattributed => s
                .unattributed
                .model_probability
                .unwrap_or(s.unattributed.score),
        }
    }
    /// The item's score: the highest of its sentences.
    fn score(self, a: &ScoredArticle) -> f64 {
        a.sentences
            .iter()
            .map(|s| self.sentence_score(s))
            .fold(0.0, f64::max)
    }
    fn flagged(self, a: &ScoredArticle) -> bool {
        a.sentences.iter().any(|s| match self {
            Task::Loaded => s.loaded.flagged,
            Task::Unattributed => s.unattributed.flagged,
        })
    }
    fn evidence(self, a: &ScoredArticle) -> impl Iterator<Item = &Evidence> {
        a.sentences.iter().flat_map(move |s| match self {
            Task::Loaded => s.loaded.evidence.iter(),
            Task::Unattributed => s.unattributed.evidence.iter(),
        })
    }
}

pub fn run(args: EvalArgs) -> Result<u8> {
    let scorer = build_scorer(&args.common)?;
    let config = scorer.config().clone();
    let thresholds = [
        (Task::Loaded, config.loaded_threshold),
        (Task::Unattributed, config.unattributed_threshold),
    ];
    let mut reports = Vec::new();
    let mut failed = 0usize;
    for path in &args.gold {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!(
                    "{}",
                    slant_report::escape::terminal(&format!(
                        "slant eval: {}: cannot read: {e}",
                        path.display()
                    ))
                );
                failed += 1;
                reports.push(FileReport {
                    file: path.display().to_string(),
                    tasks: vec![],
                    errors: vec![GoldError {
                        line: 0,
                        message: format!("cannot read: {e}"),
                    }],
                });
                continue;
            }
        };
        let (items, errors) = read_gold(&text);
        for e in &errors {
            eprintln!(
                "{}",
                slant_report::escape::terminal(&format!(
                    "slant eval: {}:{}: {}",
                    path.display(),
                    e.line,
                    e.message
                ))
            );
        }
        failed += errors.len();
        let mut scored = score_items(&scorer, path, &items);
        crate::transformer::apply_backend(&args.backend, &scorer, &mut scored)?;
        let mut report = file_report(path, &items, &scored, &thresholds, args.worst, args.sweep);
        report.errors = errors;
        reports.push(report);
    }
    // Written through `Output`: a closed pipe ends quietly, a full disk is an error naming it.
    let mut out = crate::output::Output::stdout();
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&reports)?)?;
    } else {
        for r in &reports {
            print_report(&mut out, r)?;
        }
    }
    out.commit()?;
    let evaluated = reports.iter().any(|r| !r.tasks.is_empty());
    Ok(if !evaluated {
        2
    } else if failed > 0 {
        1
    } else {
        0
    })
}

/// Measure scored items against their gold labels. `scored[i]` is `items[i]` scored by any
/// backend.
fn file_report(
    path: &Path,
    items: &[(usize, GoldItem)],
    scored: &[ScoredArticle],
    thresholds: &[(Task, f64)],
    worst: usize,
    sweep: bool,
) -> FileReport {
    let mut tasks = Vec::new();
    for &(task, threshold) in thresholds {
        let labelled: Vec<(&GoldItem, &ScoredArticle)> = items
            .iter()
            .map(|(_, g)| g)
            .zip(scored)
            .filter(|(g, _)| task.gold(g).is_some())
            .collect();
        if labelled.is_empty() {
            continue;
        }
        let mut report = task_report(task, threshold, &labelled, worst, sweep);
        match task {
            Task::Unattributed => report.kinds = kind_report(&labelled),
            Task::Loaded => report.spans = span_report(&labelled),
        }
        tasks.push(report);
    }
    FileReport {
        file: path.display().to_string(),
        tasks,
        errors: vec![],
    }
}

fn task_report(
    task: Task,
    threshold: f64,
    labelled: &[(&GoldItem, &ScoredArticle)],
    worst: usize,
    sweep: bool,
) -> TaskReport {
    let mut confusion = Confusion::default();
    let mut rules: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut fps = Vec::new();
    let mut fns = Vec::new();
    for (g, a) in labelled {
        let gold = task.gold(g).unwrap_or(false);
        let pred = task.flagged(a);
        confusion.add(gold, pred);
        if pred {
            let fired: BTreeSet<&str> = task.evidence(a).map(|e| e.rule.as_ref()).collect();
            for r in fired {
                let e = rules.entry(r.to_string()).or_insert((0, 0));
                if gold {
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
            evidence: task
                .evidence(a)
                .map(|e| format!("{}:{}", e.rule, e.text))
                .collect(),
        };
        if pred && !gold {
            fps.push(case());
        } else if !pred && gold {
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
            for (g, a) in labelled {
                let s = task.score(a);
                c.add(task.gold(g).unwrap_or(false), s >= t && s > 0.0);
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
        kinds: None,
        spans: None,
        worst_false_positives: fps,
        worst_false_negatives: fns,
        sweep: sweep_rows,
    }
}

/// Recall per kind and cue agreement; `None` when no item has readers with kinds.
fn kind_report(labelled: &[(&GoldItem, &ScoredArticle)]) -> Option<KindReport> {
    let mut report = KindReport::default();
    let mut any = false;
    let mut tp = 0;
    let mut tp_kind = 0;
    for (g, a) in labelled {
        if g.label_unattributed != Some(true) {
            continue;
        }
        let Some(kind) = g.majority_kind() else {
            continue;
        };
        any = true;
        let flagged = Task::Unattributed.flagged(a);
        let names_kind = Task::Unattributed
            .evidence(a)
            .any(|e| e.kind.as_deref() == Some(kind.as_str()));
        let k = report.by_kind.entry(kind.as_str().to_string()).or_default();
        k.items += 1;
        if flagged {
            k.found += 1;
            tp += 1;
            if names_kind {
                k.kind_named += 1;
                tp_kind += 1;
            }
        }
        if !flagged {
            continue;
        }
        // Cue agreement: the reader's cue words, found in the text that was scored.
        let text = slant_ingest::normalise(&g.text);
        let cues: Vec<Span> = g
            .true_readers()
            .iter()
            .filter_map(|r| r.cue.as_deref())
            .filter_map(|c| find_phrase(&text, c))
            .collect();
        if cues.is_empty() {
            continue;
        }
        report.true_positives_with_cue += 1;
        if Task::Unattributed
            .evidence(a)
            .any(|e| cues.iter().any(|c| c.overlaps(Span::new(e.start, e.end))))
        {
            report.cue_hits += 1;
        }
    }
    if !any {
        return None;
    }
    for k in report.by_kind.values_mut() {
        k.recall = ratio(k.found, k.items);
    }
    report.cue_agreement = ratio(report.cue_hits, report.true_positives_with_cue);
    report.kind_agreement = ratio(tp_kind, tp);
    Some(report)
}

/// Where `phrase` occurs in `text`: exactly, else ignoring ASCII case.
fn find_phrase(text: &str, phrase: &str) -> Option<Span> {
    let phrase = phrase.trim();
    if phrase.is_empty() {
        return None;
    }
    if let Some(i) = text.find(phrase) {
        return Some(Span::new(i, i + phrase.len()));
    }
    let lower = text.to_ascii_lowercase();
    lower
        .find(&phrase.to_ascii_lowercase())
        .map(|i| Span::new(i, i + phrase.len()))
}

/// Token-level comparison of cited loaded evidence with the annotated spans; `None` when no
/// item of the file has spans.
fn span_report(labelled: &[(&GoldItem, &ScoredArticle)]) -> Option<SpanReport> {
    if labelled.iter().all(|(g, _)| g.biased_spans.is_empty()) {
        return None;
    }
    let mut r = SpanReport::default();
    for (g, a) in labelled {
        let text = slant_ingest::normalise(&g.text);
        let gold_spans = gold_byte_spans(&g.text, &text, &g.biased_spans);
        if !gold_spans.is_empty() {
            r.annotated_items += 1;
        }
        let flagged = Task::Loaded.flagged(a);
        let cited: Vec<Span> = if flagged {
            Task::Loaded
                .evidence(a)
                .map(|e| Span::new(e.start, e.end))
                .collect()
        } else {
            vec![]
        };
        let mut hit = false;
        for t in slant_score::tokens(&text, Span::new(0, text.len())) {
            let gold = gold_spans.iter().any(|s| s.overlaps(t.span));
            let pred = cited.iter().any(|s| s.overlaps(t.span));
            match (gold, pred) {
                (true, true) => {
                    r.tokens_tp += 1;
                    hit = true;
                }
                (false, true) => r.tokens_fp += 1,
                (true, false) => r.tokens_fn += 1,
                (false, false) => {}
            }
        }
        if flagged && g.label_biased == Some(true) && !gold_spans.is_empty() {
            r.true_positives_annotated += 1;
            if hit {
                r.true_positives_hit += 1;
            }
        }
    }
    let (p, rc, f) = Confusion::f1_of(r.tokens_tp, r.tokens_fp, r.tokens_fn);
    (r.precision, r.recall, r.f1) = (p, rc, f);
    r.hit_rate = ratio(r.true_positives_hit, r.true_positives_annotated);
    Some(r)
}

/// Gold `[start, end)` character offsets into `original` as byte spans into `normalised` (the
/// text that was scored; normalising only drops characters or replaces one by one).
fn gold_byte_spans(original: &str, normalised: &str, spans: &[(usize, usize)]) -> Vec<Span> {
    // Byte offset in `normalised` of every char position of `original` (and of its end).
    let mut at = Vec::with_capacity(original.len() + 1);
    let mut norm = normalised.char_indices().peekable();
    for c in original.chars() {
        let pos = norm.peek().map(|&(i, _)| i).unwrap_or(normalised.len());
        at.push(pos);
        let kept = match norm.peek() {
            Some(&(_, n)) => {
                n == c
                    || (c == '\u{a0}' && n == ' ')
                    || (matches!(c, '\r' | '\u{0b}' | '\u{0c}') && n == '\n')
            }
            None => false,
        };
        if kept {
            norm.next();
        }
    }
    at.push(normalised.len());
    spans
        .iter()
        .filter(|(s, e)| s < e && *e < at.len())
        .map(|&(s, e)| Span::new(at[s], at[e]))
        .filter(|s| !s.is_empty())
        .collect()
}

fn print_report(out: &mut impl Write, r: &FileReport) -> std::io::Result<()> {
    writeln!(out, "== {}", r.file)?;
    for e in &r.errors {
        writeln!(out, "  line {}: {}", e.line, e.message)?;
    }
    for t in &r.tasks {
        writeln!(out,
            "{}: {} items, threshold {:.2}: precision {:.3}  recall {:.3}  F1 {:.3}  macro-F1 {:.3}",
            t.task, t.items, t.threshold, t.precision, t.recall, t.f1, t.macro_f1
        )?;
        let c = &t.confusion;
        writeln!(
            out,
            "  confusion: TP {}  FP {}  TN {}  FN {}",
            c.tp, c.fp, c.tn, c.fn_
        )?;
        writeln!(out, "  rules (TP / FP on flagged items):")?;
        for (rule, (tp, fp)) in &t.rules {
            writeln!(out, "    {rule}: {tp} / {fp}")?;
        }
        if let Some(k) = &t.kinds {
            writeln!(
                out,
                "  recall per kind (readers' majority kind: found / items, kind named):"
            )?;
            for (kind, v) in &k.by_kind {
                writeln!(
                    out,
                    "    {kind}: {} / {} = {:.3}  (kind named {})",
                    v.found, v.items, v.recall, v.kind_named
                )?;
            }
            writeln!(out,
                "  cue agreement {:.3} ({} of {} true positives cite a reader's cue words); kind agreement {:.3}",
                k.cue_agreement, k.cue_hits, k.true_positives_with_cue, k.kind_agreement
            )?;
        }
        if let Some(s) = &t.spans {
            writeln!(out,
                "  cited words vs annotated words (tokens): precision {:.3}  recall {:.3}  F1 {:.3}",
                s.precision, s.recall, s.f1
            )?;
            writeln!(
                out,
                "  evidence hits an annotated word in {:.3} of true positives ({} of {})",
                s.hit_rate, s.true_positives_hit, s.true_positives_annotated
            )?;
        }
        if !t.sweep.is_empty() {
            writeln!(out, "  threshold sweep (t: P R F1):")?;
            for (th, p, rc, f) in &t.sweep {
                writeln!(out, "    {th:.2}: {p:.3} {rc:.3} {f:.3}")?;
            }
        }
        writeln!(out, "  worst false positives:")?;
        write_cases(out, &t.worst_false_positives, "")?;
        writeln!(out, "  worst false negatives:")?;
        write_cases(out, &t.worst_false_negatives, "no evidence")?;
    }
    Ok(())
}

/// One line an error case: id, score, the clipped text and its evidence (`no_evidence` when
/// there is none).
fn write_cases(
    out: &mut impl Write,
    cases: &[ErrorCase],
    no_evidence: &str,
) -> std::io::Result<()> {
    for e in cases {
        let evidence = if e.evidence.is_empty() {
            no_evidence.to_string()
        } else {
            e.evidence.join(", ")
        };
        let text = clip(&e.text);
        writeln!(out, "    [{}] {:.2} {text} <- {evidence}", e.id, e.score)?;
    }
    Ok(())
}

fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(140).collect();
    if out.len() < s.len() {
        out.push_str("...");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_offsets_are_characters_and_survive_normalising() {
        let original = "A\u{a0}r\u{e9}ckless\r\n plan.";
        let normalised = slant_ingest::normalise(original);
        // "réckless" is characters 2..10 of the original.
        let spans = gold_byte_spans(original, &normalised, &[(2, 10)]);
        assert_eq!(&normalised[spans[0].start..spans[0].end], "r\u{e9}ckless");
    }

    #[test]
    fn majority_kind_breaks_ties_in_guideline_order() {
        let line = r#"{"text":"x","label_unattributed":true,"extra":{"readers":[
            {"label":true,"kind":"prediction","cue":"x"},{"label":true,"kind":"evaluation","cue":"x"},
            {"label":false,"kind":null,"cue":null}]}}"#
            .replace('\n', "");
        let (items, errors) = read_gold(&line);
        assert!(errors.is_empty());
        assert_eq!(items[0].1.majority_kind(), Some(ClaimKind::Evaluation));
    }

    #[test]
    fn a_bad_line_fails_alone_with_its_number() {
        let text = "{\"text\":\"a\",\"label_biased\":true}\nnot json\n\n{\"text\":\"b\"}\n{\"label_biased\":true}\n";
        let (items, errors) = read_gold(text);
        assert_eq!(items.iter().map(|i| i.0).collect::<Vec<_>>(), vec![1, 4]);
        assert_eq!(
            errors.iter().map(|e| e.line).collect::<Vec<_>>(),
            vec![2, 5]
        );
    }
}
