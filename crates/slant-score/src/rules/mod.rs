//! The rule catalogue: one rule per file, each with a stable code, its documentation (the
//! file's `//!` comment, which `slant rules` and `docs/RULES.md` are generated from) and its
//! fixtures.
//!
//! Codes are stable: `LL` rules find loaded language, `UA` rules find unattributed claims. A
//! rule never changes meaning under the same code; a retired code is not reused.

use crate::lexicon::{Category, Entry};
use crate::matcher::Hit;
use crate::text::Token;
pub use slant_ingest::model::Evidence;
use slant_ingest::model::{Attribution, AttributionKind};
use slant_ingest::{Document, Quote, Sentence, Span, Voice};
use std::borrow::Cow;

/// Declares the rule of the file it stands in: its unit struct, its `pub(crate) static INFO`
/// and the [`Rule`] impl.
///
/// `rule! { Struct, "CODE", "name", Task, "file.rs", "summary" }`: the task is a [`Task`]
/// variant, written `Unattributed("reason")` with the reason code the rule gives, the file is the rule's own (its `//!` block becomes the documentation), and each
/// sentence goes to the file's own `fn check(ctx: &Ctx, out: &mut Vec<Finding>)`. Two kinds
/// of rule need no `check` of their own, and say so after the summary:
/// - `lexicon: [Category, ...]`: every hit of these lexicon categories ([`hit_findings`]);
/// - `writer_pattern: find, Flag { .. }`: one pattern in the writer's own claim
///   ([`writer_pattern`]), reported as the [`Flag`] says.
macro_rules! rule {
    ($rule:ident, $code:literal, $name:literal, $task:ident $(($reason:literal))?, $file:literal,
        $summary:literal) => {
        rule!(@declare $rule, $code, $name, $task $(($reason))?, $file, $summary, check);
    };
    ($rule:ident, $code:literal, $name:literal, $task:ident $(($reason:literal))?, $file:literal,
        $summary:literal, lexicon: [$($category:ident),+ $(,)?]) => {
        fn check(ctx: &$crate::rules::Ctx, out: &mut Vec<$crate::rules::Finding>) {
            use $crate::lexicon::Category;
            let categories = [$(Category::$category),+];
            $crate::rules::hit_findings(ctx, &INFO, ctx.hits_in(&categories), out);
        }
        rule!(@declare $rule, $code, $name, $task $(($reason))?, $file, $summary, check);
    };
    ($rule:ident, $code:literal, $name:literal, $task:ident $(($reason:literal))?, $file:literal,
        $summary:literal, writer_pattern: $find:path, $flag:expr) => {
        fn check(ctx: &$crate::rules::Ctx, out: &mut Vec<$crate::rules::Finding>) {
            const FLAG: $crate::rules::Flag = $flag;
            $crate::rules::writer_pattern(ctx, &INFO, &FLAG, $find, out);
        }
        rule!(@declare $rule, $code, $name, $task $(($reason))?, $file, $summary, check);
    };
    (@reason) => {
        None
    };
    (@reason $reason:literal) => {
        Some($reason)
    };
    (@declare $rule:ident, $code:literal, $name:literal, $task:ident $(($reason:literal))?,
        $file:literal, $summary:literal, $check:ident) => {
        pub struct $rule;

        pub(crate) static INFO: $crate::rules::RuleInfo = $crate::rules::RuleInfo {
            code: $code,
            name: $name,
            task: $crate::rules::Task::$task,
            summary: $summary,
            reason: rule!(@reason $($reason)?),
            source: include_str!($file),
        };

        impl $crate::rules::Rule for $rule {
            fn info(&self) -> &'static $crate::rules::RuleInfo {
                &INFO
            }
            fn check(&self, ctx: &$crate::rules::Ctx, out: &mut Vec<$crate::rules::Finding>) {
                $check(ctx, out)
            }
        }
    };
}

/// A rule's fixture test, `tests::fixtures`: `fixtures!("CODE", table)`, where the table has
/// one passage a line, `text => evidence | evidence` (nothing after `=>`: the rule finds
/// nothing), and `//` lines are comments. See [`testing::check_table`].
macro_rules! fixtures {
    ($code:literal, $table:literal) => {
        #[cfg(test)]
        mod tests {
            #[test]
            fn fixtures() {
                $crate::rules::testing::check_table($code, $table);
            }
        }
    };
}

mod ll001_loaded_term;
mod ll002_scare_quotes;
mod ll003_loaded_reporting_verb;
mod ll004_exaggeration;
mod ll005_name_calling;
mod ll006_euphemism;
mod ll007_one_sided_naming;
pub(crate) mod ua001_vague_source;
pub(crate) mod ua002_agentless_passive;
mod ua003_unsourced_figure;
mod ua004_bare_evaluation;
mod ua005_hedged_claim;
mod ua006_prediction;
mod ua007_ascribed_motive;
mod ua008_group_view;
mod ua009_judging_description;
mod ua010_unsourced_estimate;
pub(crate) mod words;

pub mod reasons;
pub use reasons::{kind_of, reason_info, ClaimKind, Reason, REASONS};

/// Which score a rule feeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Task {
    Loaded,
    Unattributed,
}

/// A rule's identity and documentation.
#[derive(Debug, Clone, Copy)]
pub struct RuleInfo {
    pub code: &'static str,
    pub name: &'static str,
    pub task: Task,
    /// One line in plain words, shown next to every flag this rule raises.
    pub summary: &'static str,
    /// The reason code every finding of an unattributed-claim rule gives (one of
    /// [`REASONS`]); `None` for loaded language.
    pub reason: Option<&'static str>,
    /// The rule file's source; its leading `//!` block is the rule's documentation.
    pub source: &'static str,
}

impl RuleInfo {
    /// The rule's documentation: the `//!` block at the top of its file, as Markdown.
    pub fn doc(&self) -> String {
        self.source
            .lines()
            .take_while(|l| l.starts_with("//!"))
            .map(|l| {
                l.trim_start_matches("//!")
                    .strip_prefix(' ')
                    .unwrap_or(l.trim_start_matches("//!"))
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// What a rule sees of one sentence.
pub struct Ctx<'a> {
    pub doc: &'a Document,
    pub index: usize,
    pub sentence: &'a Sentence,
    /// Lexicon hits inside the sentence.
    pub hits: &'a [Hit],
    pub entries: &'a [Entry],
    pub tokens: &'a [Token<'a>],
    /// The sentence's tokens outside quotation marks: the outlet's own words.
    pub author_tokens: &'a [&'a Token<'a>],
    /// The writer's own claim: author tokens outside the clauses reported from a source and
    /// outside fragments of quotations.
    pub writer_tokens: &'a [&'a Token<'a>],
    pub attribution: &'a Attribution,
    /// Attribution by clause: what the sentence reports and from whom.
    pub sourcing: &'a crate::attribution::Sourcing,
    /// [`Ctx::writer_claim`], once worked out.
    pub claim: std::cell::Cell<Option<bool>>,
    /// [`Ctx::question_or_first_person`], once worked out.
    pub asks: std::cell::Cell<Option<bool>>,
    /// Quotations overlapping the sentence.
    pub quotes: &'a [Quote],
}

impl Ctx<'_> {
    pub fn text(&self) -> &str {
        self.doc.text()
    }

    /// True when `span` lies inside a direct quotation (the speaker's words).
    pub fn in_quote(&self, span: Span) -> bool {
        self.quotes.iter().any(|q| q.outer.contains(span))
    }

    /// Hits of the given categories, with whether each is quoted.
    pub fn hits_in<'b>(&'b self, cats: &'b [Category]) -> impl Iterator<Item = &'b Hit> + 'b {
        self.hits
            .iter()
            .filter(move |h| cats.contains(&h.category) && self.entries[h.entry].weight > 0.0)
    }

    /// Hits of the given categories in the outlet's own words (outside quotations).
    pub fn author_hits<'b>(&'b self, cats: &'b [Category]) -> impl Iterator<Item = &'b Hit> + 'b {
        self.hits_in(cats).filter(move |h| !self.in_quote(h.span))
    }

    /// Unattributed-claim rules judge the outlet's own voice only, and only when the sentence
    /// cites nobody checkable.
    pub fn outlet_claim(&self) -> bool {
        self.sentence.voice != Voice::Quoted
            && matches!(
                self.attribution.kind,
                AttributionKind::None | AttributionKind::AgentlessPassive
            )
    }

    /// Whether the sentence makes a claim of the writer's own that a rule may judge: some of
    /// its words are the writer's (not quoted, not reported from a source), and it is neither
    /// a question nor an opinion the author marks as their own ("I think", "in my view").
    pub fn writer_claim(&self) -> bool {
        // Every unattributed rule asks; the answer is worked out once per sentence.
        if let Some(claim) = self.claim.get() {
            return claim;
        }
        let claim = self.sentence.voice != Voice::Quoted
            && !self.writer_tokens.is_empty()
            && !self.question_or_first_person()
            && !self.is_caption();
        self.claim.set(Some(claim));
        claim
    }

    /// A photo caption or credit line ("FILE PHOTO: ...", "... via REUTERS", "Getty
    /// Images"): it describes a picture, it does not make a claim.
    pub fn is_caption(&self) -> bool {
        let s = self.doc.slice(self.sentence.span).trim();
        let tail = s.trim_end_matches(['.', ')']);
        s.starts_with("FILE PHOTO")
            || s.starts_with("Hide Caption")
            || s.starts_with("Image copyright")
            || [
                "via REUTERS",
                "Getty Images",
                "AP Photo",
                "/Reuters",
                "/AFP",
                "/AP",
            ]
            .iter()
            .any(|credit| tail.ends_with(credit))
    }

    /// A question, or the author speaking as "I": not a claim for UA001 either. Worked out
    /// once per sentence.
    pub fn question_or_first_person(&self) -> bool {
        if let Some(v) = self.asks.get() {
            return v;
        }
        let v = self.is_question() || self.first_person();
        self.asks.set(Some(v));
        v
    }

    /// The sentence asks rather than claims.
    pub fn is_question(&self) -> bool {
        self.doc
            .slice(self.sentence.span)
            .trim_end()
            .trim_end_matches(['"', '\u{201d}', '\u{2019}', '\'', ')'])
            .ends_with('?')
    }

    /// The writer speaks as "I": the view is the author's own, marked as such.
    pub fn first_person(&self) -> bool {
        self.writer_tokens.iter().any(|t| {
            t.capitalised
                && is!(
                    t.lower.w(),
                    "i" | "i'm" | "i’m" | "i've" | "i’ve" | "i'd" | "i’d" | "i'll" | "i’ll"
                )
        })
    }

    /// True when `span` lies in the writer's own words (see [`Ctx::writer_tokens`]).
    pub fn in_writer_part(&self, span: Span) -> bool {
        !self.in_quote(span) && self.sourcing.is_writers(span)
    }

    /// Hits of the given categories in the writer's own words.
    pub fn writer_hits<'b>(&'b self, cats: &'b [Category]) -> impl Iterator<Item = &'b Hit> + 'b {
        self.hits_in(cats)
            .filter(move |h| self.in_writer_part(h.span))
    }

    /// Evidence for a lexicon hit.
    pub fn hit_evidence(&self, hit: &Hit, info: &RuleInfo, weight: f64) -> Evidence {
        let entry = &self.entries[hit.entry];
        Evidence {
            start: hit.span.start,
            end: hit.span.end,
            text: self.text()[hit.span.start..hit.span.end].to_string(),
            category: Cow::Borrowed(entry.category.as_str()),
            weight: round3(weight),
            rule: Cow::Borrowed(info.code),
            entry: Some(entry.term.clone()),
            quoted: self.in_quote(hit.span),
            note: entry.note.clone(),
            kind: None,
        }
    }

    /// Evidence for a pattern match.
    pub fn span_evidence(
        &self,
        span: Span,
        category: &str,
        weight: f64,
        info: &RuleInfo,
        entry: &str,
        note: String,
    ) -> Evidence {
        Evidence {
            start: span.start,
            end: span.end,
            text: self.text()[span.start..span.end].to_string(),
            category: Cow::Owned(category.to_string()),
            weight: round3(weight),
            rule: Cow::Borrowed(info.code),
            entry: Some(entry.to_string()),
            quoted: self.in_quote(span),
            note,
            kind: None,
        }
    }
}

/// How a rule words the finding for a pattern it matched: the evidence's category and entry,
/// and the note shown with it.
pub struct Flag {
    pub category: &'static str,
    pub entry: &'static str,
    pub note: &'static str,
}

impl Ctx<'_> {
    /// The finding of rule `info` for a lexicon hit, weighted `weight`.
    pub fn hit_finding(&self, hit: &Hit, info: &RuleInfo, weight: f64) -> Finding {
        Finding {
            evidence: self.hit_evidence(hit, info, weight),
            reason: info.reason,
        }
    }

    /// The finding of rule `info` for a match of `flag`'s pattern at `span`, weighted `weight`.
    pub fn flag(&self, info: &RuleInfo, flag: &Flag, span: Span, weight: f64) -> Finding {
        Finding {
            evidence: self.span_evidence(
                span,
                flag.category,
                weight,
                info,
                flag.entry,
                flag.note.to_string(),
            ),
            reason: info.reason,
        }
    }
}

/// The whole check of a rule that looks for one pattern in the writer's own claim: nothing
/// unless the sentence makes one ([`Ctx::writer_claim`]), then a finding for the match `find`
/// reports in the writer's tokens, if any.
pub(crate) fn writer_pattern(
    ctx: &Ctx,
    info: &RuleInfo,
    flag: &Flag,
    find: impl FnOnce(&str, &[&Token]) -> Option<(Span, f64)>,
    out: &mut Vec<Finding>,
) {
    if !ctx.writer_claim() {
        return;
    }
    if let Some((span, weight)) = find(ctx.text(), ctx.writer_tokens) {
        out.push(ctx.flag(info, flag, span, weight));
    }
}

/// The scan of a pattern rule that passes over the tokens outside its `STARTS` (the words its
/// patterns start at) when told to skip. In debug builds (the tests) the scan of every token
/// runs too and must agree: a pattern added to the rule whose first word is not in `STARTS`
/// fails there (see `pattern_rules_skip_no_token_that_starts_a_pattern`).
pub(crate) fn skipping_scan(
    code: &str,
    text: &str,
    toks: &[&Token],
    scan: impl Fn(&str, &[&Token], bool) -> Option<(Span, f64)>,
) -> Option<(Span, f64)> {
    let found = scan(text, toks, true);
    debug_assert_eq!(
        found,
        scan(text, toks, false),
        "a {code} pattern starts outside STARTS"
    );
    found
}

pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// What a rule found: evidence and, for unattributed-claim rules, the reason code.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub evidence: Evidence,
    pub reason: Option<&'static str>,
}

/// A rule: reads one sentence, pushes findings.
pub trait Rule: Sync + Send {
    fn info(&self) -> &'static RuleInfo;
    fn check(&self, ctx: &Ctx, out: &mut Vec<Finding>);
}

/// Every rule, in code order.
pub fn all() -> &'static [&'static dyn Rule] {
    &[
        &ll001_loaded_term::LoadedTerm,
        &ll002_scare_quotes::ScareQuotes,
        &ll003_loaded_reporting_verb::LoadedReportingVerb,
        &ll004_exaggeration::Exaggeration,
        &ll005_name_calling::NameCalling,
        &ll006_euphemism::Euphemism,
        &ll007_one_sided_naming::OneSidedNaming,
        &ua001_vague_source::VagueSource,
        &ua002_agentless_passive::AgentlessPassive,
        &ua003_unsourced_figure::UnsourcedFigure,
        &ua004_bare_evaluation::BareEvaluation,
        &ua005_hedged_claim::HedgedClaim,
        &ua006_prediction::Prediction,
        &ua007_ascribed_motive::AscribedMotive,
        &ua008_group_view::GroupView,
        &ua009_judging_description::JudgingDescription,
        &ua010_unsourced_estimate::UnsourcedEstimate,
    ]
}

/// Look a rule up by code.
pub fn by_code(code: &str) -> Option<&'static RuleInfo> {
    all().iter().map(|r| r.info()).find(|i| i.code == code)
}

/// Push one finding per lexicon hit, at the weight of its entry: `ctx.hits_in(cats)` for a
/// loaded-language rule (all voices; quoted hits are marked), `ctx.writer_hits(cats)` for an
/// unattributed one.
pub(crate) fn hit_findings<'h>(
    ctx: &Ctx,
    info: &'static RuleInfo,
    hits: impl Iterator<Item = &'h Hit>,
    out: &mut Vec<Finding>,
) {
    weighed_hit_findings(ctx, info, hits, |_, w| Some(w), out);
}

/// Push a finding for each hit that `weigh` gives a weight, from the hit and the weight of its
/// entry; `None` passes the hit over.
pub(crate) fn weighed_hit_findings<'h>(
    ctx: &Ctx,
    info: &'static RuleInfo,
    hits: impl Iterator<Item = &'h Hit>,
    weigh: impl Fn(&Hit, f64) -> Option<f64>,
    out: &mut Vec<Finding>,
) {
    for hit in hits {
        if let Some(w) = weigh(hit, ctx.entries[hit.entry].weight) {
            out.push(ctx.hit_finding(hit, info, w));
        }
    }
}

/// The Markdown rules reference (`docs/RULES.md`), generated from the rule files.
pub fn reference_markdown() -> String {
    let mut s = String::from("# slant rules reference\n\nGenerated by `slant rules --markdown` from the rule files in `crates/slant-score/src/rules/`; do not edit by hand.\n\n| code | name | score | summary |\n|---|---|---|---|\n");
    for r in all() {
        let i = r.info();
        let task = match i.task {
            Task::Loaded => "loaded",
            Task::Unattributed => "unattributed",
        };
        s.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            i.code, i.name, task, i.summary
        ));
    }
    for r in all() {
        let i = r.info();
        s.push_str(&format!("\n## {} {}\n\n{}\n", i.code, i.name, i.doc()));
    }
    s
}

#[cfg(test)]
pub(crate) mod testing {
    //! The data-driven helper every rule's fixtures use: score a passage with the built-in
    //! lexicons and list what one rule found.

    use crate::Scorer;
    use slant_ingest::{segment, Article};
    use std::sync::OnceLock;

    pub fn scorer() -> &'static Scorer {
        static S: OnceLock<Scorer> = OnceLock::new();
        S.get_or_init(Scorer::builtin)
    }

    /// `text` scored as one article with the built-in lexicons.
    pub fn score(text: &str) -> slant_ingest::model::ScoredArticle {
        let doc = segment(Article::from_text("t", text));
        scorer().score(&doc)
    }

    /// The evidence texts rule `code` produced on `text`, in order.
    pub fn fired(code: &str, text: &str) -> Vec<String> {
        let scored = score(text);
        let mut out = Vec::new();
        for s in &scored.sentences {
            for e in s.loaded.evidence.iter().chain(&s.unattributed.evidence) {
                if e.rule == code {
                    out.push(e.text.clone());
                }
            }
        }
        out
    }

    /// The fixtures of a table as `(text, expected evidence)`: one a line, `text => a | b`,
    /// blank lines and `//` comments skipped. A line without `=>` is a mistake in the table,
    /// not a passage, and panics.
    pub fn parse_table(table: &str) -> Vec<(&str, Vec<&str>)> {
        table
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with("//"))
            .map(|l| {
                let (text, want) = l
                    .split_once("=>")
                    .unwrap_or_else(|| panic!("fixture without `=>`: {l:?}"));
                let want = want.split('|').map(str::trim).filter(|w| !w.is_empty());
                (text.trim(), want.collect())
            })
            .collect()
    }

    /// Assert what rule `code` finds on each fixture of `table` (see [`parse_table`]).
    pub fn check_table(code: &str, table: &str) {
        for (text, want) in parse_table(table) {
            assert_eq!(fired(code, text), want, "{code} on {text:?}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_documented() {
        let mut codes: Vec<&str> = all().iter().map(|r| r.info().code).collect();
        let n = codes.len();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), n);
        for r in all() {
            let doc = r.info().doc();
            for section in [
                "## What it flags",
                "## Why it matters",
                "## Example",
                "## Known false positives",
            ] {
                assert!(doc.contains(section), "{} lacks `{section}`", r.info().code);
            }
            // An unattributed rule gives a reason slant explains; loaded language gives none.
            let reason = r.info().reason;
            match r.info().task {
                Task::Unattributed => assert!(reason.and_then(reason_info).is_some()),
                Task::Loaded => assert_eq!(reason, None),
            }
        }
    }

    #[test]
    fn fixture_tables_parse_every_passage() {
        let table = "
            // a comment
            Critics lashed out at the plan. => lashed out | plan
            The plan passed. =>
        ";
        assert_eq!(
            testing::parse_table(table),
            [
                (
                    "Critics lashed out at the plan.",
                    vec!["lashed out", "plan"]
                ),
                ("The plan passed.", vec![]),
            ]
        );
        // A line that lost its `=>` would otherwise drop a fixture without a word.
        let typo = std::panic::catch_unwind(|| testing::parse_table("The plan passed."));
        assert!(typo.is_err());
    }

    /// UA006, UA007, UA008 and UA010 pass over a token that starts none of their patterns
    /// (`STARTS`); in a debug build each also scans every token and asserts the same answer.
    /// This runs that check on real news: the labelled dev sentences and the BASIL articles
    /// in `../shared` (beside the checkout, as in CI). A pattern whose first word is missing
    /// from its rule's `STARTS` fails here.
    #[test]
    #[cfg(debug_assertions)]
    fn pattern_rules_skip_no_token_that_starts_a_pattern() {
        let dev = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/dev");
        let mut texts = Vec::new();
        for set in [
            "unattributed_news_dev",
            "babe_sg1_dev",
            "basil_dev",
            "ptc_dev",
        ] {
            let path = format!("{dev}/{set}.jsonl");
            let lines = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            for line in lines.lines() {
                let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
                texts.push(v["text"].as_str().expect("a text").to_string());
            }
        }
        for outlet in std::fs::read_dir(format!("{dev}/basil_articles")).expect("BASIL") {
            for file in std::fs::read_dir(outlet.expect("entry").path()).expect("an outlet") {
                let path = file.expect("entry").path();
                texts.push(std::fs::read_to_string(&path).unwrap_or_default());
            }
        }
        assert!(texts.len() > 2000, "{} texts", texts.len());
        let flagged: usize = texts
            .iter()
            .map(|t| testing::score(t))
            .flat_map(|a| a.sentences)
            .filter(|s| {
                s.unattributed
                    .evidence
                    .iter()
                    .any(|e| matches!(e.rule.as_ref(), "UA006" | "UA007" | "UA008" | "UA010"))
            })
            .count();
        // The check means something only if the patterns fire.
        assert!(
            flagged > 200,
            "{flagged} sentences flagged by the pattern rules"
        );
    }

    #[test]
    fn rules_reference_is_up_to_date() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/RULES.md");
        let on_disk = std::fs::read_to_string(path).unwrap_or_default();
        assert!(on_disk == reference_markdown(), "docs/RULES.md is stale: run `cargo run -p slant-cli -- rules --markdown > docs/RULES.md`");
    }
}
