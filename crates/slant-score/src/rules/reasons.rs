//! The one table of unattributed-claim reasons: every reason code a rule can give, the kind of
//! claim it stands for, and a phrase in plain words.
//!
//! The kinds are those of the readers' guideline for unattributed claims (evaluation, motive,
//! prediction, figure, vague source, agentless passive, group view, other), so a flag can be
//! compared with a reader's label and explained the way a reader would. Reports, `slant explain`
//! and `slant eval` read kinds and phrases from here and nowhere else. Reason codes are part of
//! the `slant/1` contract: a code is never renamed or given another meaning.

/// What kind of unsourced claim a flag is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ClaimKind {
    /// A judgement or characterisation stated as fact ("a reckless escalation").
    Evaluation,
    /// An intention, belief or feeling ascribed to someone not quoted saying so.
    Motive,
    /// The writer's speculation about what will or could happen.
    Prediction,
    /// A number, estimate or poll figure with no source.
    Figure,
    /// A source too vague to check ("critics say").
    VagueSource,
    /// A judgement in the passive with no one doing it ("is widely seen as").
    AgentlessPassive,
    /// The views of a whole group stated as fact ("Conservatives are furious").
    GroupView,
    /// Any other claim that needs a source.
    Other,
}

impl ClaimKind {
    pub const ALL: [ClaimKind; 8] = [
        ClaimKind::Evaluation,
        ClaimKind::Motive,
        ClaimKind::Prediction,
        ClaimKind::Figure,
        ClaimKind::VagueSource,
        ClaimKind::AgentlessPassive,
        ClaimKind::GroupView,
        ClaimKind::Other,
    ];

    /// The kind as written in `slant/1` evidence and in the readers' labels.
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Evaluation => "evaluation",
            ClaimKind::Motive => "motive",
            ClaimKind::Prediction => "prediction",
            ClaimKind::Figure => "figure",
            ClaimKind::VagueSource => "vague_source",
            ClaimKind::AgentlessPassive => "agentless_passive",
            ClaimKind::GroupView => "group_view",
            ClaimKind::Other => "other",
        }
    }

    /// The kind in words, for legends and explanations.
    pub fn label(self) -> &'static str {
        match self {
            ClaimKind::Evaluation => "evaluation",
            ClaimKind::Motive => "motive",
            ClaimKind::Prediction => "prediction",
            ClaimKind::Figure => "figure",
            ClaimKind::VagueSource => "vague source",
            ClaimKind::AgentlessPassive => "agentless passive",
            ClaimKind::GroupView => "group view",
            ClaimKind::Other => "other",
        }
    }

    pub fn from_name(s: &str) -> Option<ClaimKind> {
        ClaimKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One reason code with its kind and plain-words phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reason {
    /// The code in `unattributed.reasons`.
    pub code: &'static str,
    pub kind: ClaimKind,
    /// What the sentence does, in plain words ("states an evaluation as fact").
    pub phrase: &'static str,
}

const fn reason(code: &'static str, kind: ClaimKind, phrase: &'static str) -> Reason {
    Reason { code, kind, phrase }
}

/// Every reason code the rules give, in the order of the rule codes that give them.
#[rustfmt::skip]
pub const REASONS: &[Reason] = &[
    reason("vague_source", ClaimKind::VagueSource, "cites a vague source (who exactly?)"),
    reason("agentless_passive", ClaimKind::AgentlessPassive, "passes judgement in the passive without saying who judges"),
    reason("unsourced_figure", ClaimKind::Figure, "gives a figure with no source"),
    reason("bare_evaluation", ClaimKind::Evaluation, "states an evaluation as fact"),
    reason("hedged_claim", ClaimKind::VagueSource, "hedges a claim instead of sourcing it"),
    reason("unsourced_prediction", ClaimKind::Prediction, "predicts or speculates in the outlet's own voice"),
    reason("ascribed_motive", ClaimKind::Motive, "says what someone wants, intends or feels without citing them"),
    reason("group_view", ClaimKind::GroupView, "states what a whole group thinks or feels as fact"),
    reason("judging_description", ClaimKind::Evaluation, "describes people or events with judging words in the outlet's own voice"),
    reason("unsourced_estimate", ClaimKind::Figure, "gives an estimate or poll figure with no source"),
];

/// The entry for a reason code, if slant gives that code.
pub fn reason_info(code: &str) -> Option<&'static Reason> {
    REASONS.iter().find(|r| r.code == code)
}

/// The kind of a reason code; codes slant does not know (from another tool's JSONL) are `Other`.
pub fn kind_of(code: &str) -> ClaimKind {
    reason_info(code)
        .map(|r| r.kind)
        .unwrap_or(ClaimKind::Other)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{all, testing, Task};

    #[test]
    fn codes_are_unique_and_every_kind_round_trips() {
        let mut codes: Vec<&str> = REASONS.iter().map(|r| r.code).collect();
        let n = codes.len();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), n);
        for k in ClaimKind::ALL {
            assert_eq!(ClaimKind::from_name(k.as_str()), Some(k));
        }
        assert_eq!(kind_of("no_such_reason"), ClaimKind::Other);
    }

    /// Every reason a rule gives on its own fixtures is in the table, so no flag goes out
    /// without a kind.
    #[test]
    fn every_unattributed_rule_gives_a_known_reason() {
        let texts = [
            "The refusal has been condemned as a reckless escalation, some analysts say.",
            "The strike cost the city $40 million and is clearly a catastrophe.",
            "The minister reportedly met the contractor twice.",
        ];
        let mut seen = 0;
        for t in texts {
            for s in testing::score(t).sentences {
                for r in &s.unattributed.reasons {
                    assert!(reason_info(r).is_some(), "reason `{r}` is not in REASONS");
                    seen += 1;
                }
                for e in &s.unattributed.evidence {
                    let kind = e
                        .kind
                        .as_deref()
                        .expect("unattributed evidence names its kind");
                    assert!(ClaimKind::from_name(kind).is_some());
                }
            }
        }
        assert!(seen >= 5);
        assert!(all().iter().any(|r| r.info().task == Task::Unattributed));
    }
}
