//! ## What it flags
//! Hedged claims in the outlet's own voice that cite nobody: "reportedly", "allegedly",
//! "is said to", "apparently" (the `hedge` lexicon).
//!
//! ## Why it matters
//! A hedge lets an outlet pass on a claim without standing behind it or saying who made it;
//! "reportedly" begs the question: reported by whom?
//!
//! ## Example
//! "The minister *reportedly* met the contractor twice." (sourced: "..., according to
//! meeting records seen by the paper")
//!
//! ## Known false positives
//! Hedges that properly mark uncertainty about a sourced claim made in the previous sentence,
//! and legal "allegedly" for charges not yet tried. A rumour the sentence talks about ("the
//! rumor that ...", "dispelled rumors that ...") is not passed on and is left alone, nor is
//! "is expected to" before an event on the calendar ("is expected to testify Tuesday"), nor
//! "known as" before a name ("is known as the Hyde Amendment"), nor "alleged" or "presumed"
//! before a noun ("the alleged bribe", "his presumed opponent"): the careful name for a
//! charge or role not yet settled.

use super::{weighed_hit_findings, Ctx, Finding};
use crate::lexicon::Category;
use crate::matcher::Hit;
use crate::text::W;

rule! {
    HedgedClaim, "UA005", "hedged_claim", Unattributed("hedged_claim"), "ua005_hedged_claim.rs",
    "a hedged claim (\"reportedly\", \"allegedly\") with no source"
}

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    if !ctx.writer_claim() {
        return;
    }
    // "Two men alleged in a lawsuit that ...": the verb reports who alleges; "dismissed the
    // rumours that ...": a rumour the writer names as a thing is not passed on.
    let hedge = |hit: &Hit, w| {
        (!alleged_as_verb(ctx, hit.span)
            && !rumour_mentioned(ctx, hit.span)
            && !expected_schedule(ctx, hit.span)
            && !known_as_name(ctx, hit.span)
            && !attributive(ctx, hit.span)
            && !super::words::described_in_texts(ctx.author_tokens, hit.span))
        .then_some(w)
    };
    weighed_hit_findings(ctx, &INFO, ctx.writer_hits(&[Category::Hedge]), hedge, out);
}

/// "the rumor that ...", "dispelled rumors that ...": the noun after a determiner or a verb is
/// a rumour the sentence talks about, not hearsay it passes on ("amid rumors that", "Rumors
/// swirled" still are).
fn rumour_mentioned(ctx: &Ctx, span: slant_ingest::Span) -> bool {
    let word = ctx.text()[span.start..span.end].to_ascii_lowercase();
    if !is!(word.as_str(), "rumor" | "rumors" | "rumour" | "rumours") {
        return false;
    }
    let toks = ctx.writer_tokens;
    let Some(i) = toks.iter().position(|t| t.span == span) else {
        return false;
    };
    i.checked_sub(1).is_some_and(|p| {
        let p = toks[p].lower.w();
        is!(
            p,
            "the" | "a" | "this" | "that" | "these" | "those" | "his" | "her" | "their" | "its"
        ) || p.ends_with("'s")
            || p.ends_with("\u{2019}s")
            || p.ends_with("ed")
    })
}

/// "is expected to announce": a schedule, not a forecast passed on (see UA002).
fn expected_schedule(ctx: &Ctx, span: slant_ingest::Span) -> bool {
    let toks = ctx.writer_tokens;
    let Some(i) = toks
        .iter()
        .position(|t| t.span.start >= span.start && t.lower == "expected")
    else {
        return false;
    };
    toks[i].span.end <= span.end
        && super::ua002_agentless_passive::expected_schedule(&toks[i + 1..])
}

/// "That ban is known as the Hyde Amendment": "known as" before a name names; before a
/// description ("is known as a brilliant lawyer") it hedges a judgement.
fn known_as_name(ctx: &Ctx, span: slant_ingest::Span) -> bool {
    let toks = ctx.writer_tokens;
    ctx.text()[span.start..span.end]
        .to_ascii_lowercase()
        .ends_with("known as")
        && toks
            .iter()
            .position(|t| t.span.start >= span.end)
            .is_some_and(|i| super::ua002_agentless_passive::a_name(&toks[i..]))
}

/// "the alleged Epstein victim", "an inquiry into alleged Russian meddling", "his presumed
/// opponent": the adjective is the careful name for a charge or a role not yet settled, not a
/// claim the writer passes on (none of the four sentences where it alone was flagged was
/// counted by the readers). "is alleged to have", "were presumed to be" still hedge.
fn attributive(ctx: &Ctx, span: slant_ingest::Span) -> bool {
    let word = &ctx.text()[span.start..span.end];
    if !(word.eq_ignore_ascii_case("alleged") || word.eq_ignore_ascii_case("presumed")) {
        return false;
    }
    let toks = ctx.writer_tokens;
    toks.iter()
        .position(|t| t.span.start >= span.end)
        .is_some_and(|i| {
            let next = toks[i];
            ctx.text()[span.end..next.span.start].trim().is_empty()
                && !is!(next.lower.w(), "to" | "that" | "in" | "by")
        })
}

/// "X alleged that / in": the hedge word used as a reporting verb with its speaker before it.
fn alleged_as_verb(ctx: &Ctx, span: slant_ingest::Span) -> bool {
    let text = ctx.text();
    if !text[span.start..span.end].eq_ignore_ascii_case("alleged") {
        return false;
    }
    let toks = ctx.writer_tokens;
    let Some(i) = toks.iter().position(|t| t.span == span) else {
        return false;
    };
    let next = toks.get(i + 1).map(|t| t.lower.w()).unwrap_or(W::EMPTY);
    let prev = i.checked_sub(1).map(|p| toks[p]);
    // The adjective stands before its noun ("the alleged bribe"); the verb follows a subject
    // and ends the sentence or opens a clause ("..., the complaint alleged.").
    let ends = text[span.end..].trim_start().starts_with(['.', ',', ';']);
    let after_determiner = prev.is_some_and(|p| {
        is!(
            p.lower.w(),
            "the" | "a" | "an" | "his" | "her" | "their" | "its"
        )
    });
    !after_determiner
        && (ends || is!(next, "that" | "in" | "to"))
        && prev.is_some_and(|p| p.capitalised || p.lower.ends_with('s') || ends)
}

fixtures! {"UA005", r"
    The minister reportedly met the contractor twice. => reportedly
    That ban is known as the Hyde Amendment. =>
    He is known as a brilliant lawyer who likes to argue. => is known as
    The minister met the contractor twice, records show. =>
    Two drivers alleged in a 2013 lawsuit that the officers searched them. =>
    The alleged bribe was never found. =>
    He is alleged to have used the account. => alleged to have
    The officers repeated the searches at the precinct, the complaint alleged. =>
    The sheriff dispelled rumors that there was a second shooting. =>
    She was disappointed in the rumor that he had been chosen. =>
    The talks resumed amid rumors that the deal had collapsed. => rumors
    Mr. Steele is expected to announce his decision on Monday. =>
    In court filings, the company is described as a shell. =>
"}
