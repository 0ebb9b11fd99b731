//! ## What it flags
//! Estimates, shares and poll standings stated with no source: "an estimated two million
//! Dreamers", an approximate count ("roughly 300 families", "more than 139 miles", "nearly
//! 40 towns"), a share of a population ("a quarter of women", "two-thirds of voters", "a
//! majority of Americans"), and standings in polls that no poll is named for ("trails Clinton
//! in preference polls", "leads in the polls", "his approval rating").
//!
//! ## Why it matters
//! An estimate is someone's estimate, and a poll is a particular poll. Without the source the
//! reader cannot tell a census count from a guess or a rigorous survey from an online vote.
//! UA003 covers exact figures (percentages, money, large counts); this rule covers the
//! approximate ones and the shares and standings that read as facts about people.
//!
//! ## Example
//! "Legislation would protect *an estimated two million* Dreamers." (sourced: "..., according
//! to the Migration Policy Institute")
//!
//! ## Known false positives
//! Estimates sourced in the previous sentence, and approximations of routine quantities
//! ("more than a month later" is skipped, as are units of time).

use super::words::{is_share, next_to, set_apart, span, word, SHARES};
use super::Flag;
use crate::text::{Buckets, Token, W};
use slant_ingest::Span;

rule! {
    UnsourcedEstimate, "UA010", "unsourced_estimate", Unattributed("unsourced_estimate"), "ua010_unsourced_estimate.rs",
    "an estimate, share or poll standing with no source",
    writer_pattern: find, Flag { category: "unsourced_figure", entry: "estimate",
        note: "an estimate or poll figure with no source: whose estimate, which poll?" }
}

fn is_number(w: W) -> bool {
    w.starts_with(|c: char| c.is_ascii_digit())
        || is!(
            w,
            "two"
                | "three"
                | "four"
                | "five"
                | "six"
                | "seven"
                | "eight"
                | "nine"
                | "ten"
                | "eleven"
                | "twelve"
                | "fifteen"
                | "twenty"
                | "thirty"
                | "forty"
                | "fifty"
                | "hundred"
                | "hundreds"
                | "thousand"
                | "thousands"
                | "dozen"
                | "dozens"
                | "million"
                | "millions"
                | "billion"
                | "half"
                | "double"
                | "triple"
        )
}

word_set! {
    /// Words of approximation before a number.
    fn is_approximation / APPROXIMATION =
        "roughly"
            | "approximately"
            | "nearly"
            | "almost"
            | "around"
            | "about"
            | "some"
            | "upwards"
            | "estimated"
            | "over"
            | "than";
}

/// Units that make an approximate number routine: times, ages, dates.
fn is_routine_unit(w: W) -> bool {
    is!(
        w,
        "minute"
            | "minutes"
            | "hour"
            | "hours"
            | "day"
            | "days"
            | "week"
            | "weeks"
            | "month"
            | "months"
            | "year"
            | "years"
            | "decade"
            | "decades"
            | "century"
            | "times"
            | "a.m."
            | "p.m."
            | "o'clock"
            | "percent"
            | "%"
            | "of"
            | "times."
    )
}

/// Nouns for the people or places a share is taken of.
fn is_population(w: W) -> bool {
    is!(
        w,
        "americans"
            | "voters"
            | "women"
            | "men"
            | "people"
            | "adults"
            | "children"
            | "residents"
            | "republicans"
            | "democrats"
            | "independents"
            | "respondents"
            | "workers"
            | "students"
            | "parents"
            | "households"
            | "families"
            | "patients"
            | "doctors"
            | "immigrants"
            | "latinos"
            | "hispanics"
            | "blacks"
            | "whites"
            | "youth"
            | "seniors"
            | "citizens"
            | "taxpayers"
            | "consumers"
            | "businesses"
            | "states"
            | "counties"
            | "the"
            | "all"
            | "those"
            | "u.s."
    )
}

/// The words the patterns below start at: a token that is none of them starts no estimate,
/// and one bit test passes over it.
const STARTS: Buckets = Buckets::union(&[
    &APPROXIMATION,
    &SHARES,
    &Buckets::of(&["polls", "polling", "approval"]),
]);

fn find(text: &str, toks: &[&Token]) -> Option<(Span, f64)> {
    super::skipping_scan("UA010", text, toks, scan)
}

fn scan(text: &str, toks: &[&Token], skip: bool) -> Option<(Span, f64)> {
    // A poll or survey named in the sentence sources its standings.
    let poll_named = toks
        .iter()
        .any(|t| is!(t.lower.w(), "poll" | "survey" | "surveys" | "gallup"));
    for i in 0..toks.len() {
        let w = toks[i].lower.w();
        if skip && !w.may_be_in(&STARTS) {
            continue;
        }
        let near = |j: usize| j < toks.len() && next_to(text, toks[j - 1], toks[j]);
        // "an estimated two million", "roughly 300 families", "more than 139 miles"
        if is_approximation(w) && near(i + 1) && is_number(word(toks, i + 1)) {
            if w == "than" && !(i > 0 && is!(word(toks, i - 1), "more" | "fewer" | "less")) {
                continue;
            }
            if is!(w, "over" | "about" | "some" | "around")
                && i > 0
                && !is!(
                    word(toks, i - 1),
                    "an" | "and"
                        | "of"
                        | "to"
                        | "by"
                        | "at"
                        | "from"
                        | "with"
                        | "for"
                        | "had"
                        | "has"
                        | "have"
                        | "were"
                        | "are"
                        | "was"
                        | "is"
                )
            {
                continue;
            }
            let mut k = i + 1;
            while near(k + 1) && is_number(word(toks, k + 1)) {
                k += 1;
            }
            let unit = word(toks, k + 1);
            // "around 03:00": a time of day.
            let clock = text[toks[k].span.end..].starts_with(':');
            if is_routine_unit(unit) || unit.is_empty() || clock {
                continue;
            }
            // Years and small counts of people at an event are routine.
            let start = if w == "than" { i - 1 } else { i };
            let end = if near(k + 1) { k + 1 } else { k };
            return Some((span(toks, start, end), 0.4));
        }
        // "a quarter of women", "a majority of Americans", "nearly half of Americans", "...,
        // half of white suburban women": a share at the start of a clause or after a
        // determiner or an approximation, of a population named within three words.
        let population = (is_share(w) && word(toks, i + 1) == "of" && near(i + 1))
            .then(|| (i + 2..(i + 5).min(toks.len())).find(|&k| is_population(word(toks, k))))
            .flatten();
        if let Some(k) = population {
            let clause_start = i == 0 || set_apart(text, toks[i - 1].span.end, toks[i].span.start);
            let qualified = i > 0
                && is!(
                    word(toks, i - 1),
                    "a" | "one"
                        | "two"
                        | "three"
                        | "slim"
                        | "large"
                        | "vast"
                        | "narrow"
                        | "clear"
                        | "nearly"
                        | "almost"
                        | "roughly"
                        | "about"
                        | "over"
                );
            if clause_start || qualified {
                let end = if word(toks, k) == "the" { k + 1 } else { k };
                let start = if clause_start { i } else { i - 1 };
                return Some((span(toks, start, end.min(toks.len() - 1)), 0.45));
            }
        }
        // "trails Clinton in preference polls", "leads in the polls"
        if is!(w, "polls" | "polling") && i > 0 {
            let before = &toks[i.saturating_sub(6)..i];
            let standing = before.iter().any(|t| {
                is!(
                    t.lower.w(),
                    "trails"
                        | "trailed"
                        | "trailing"
                        | "leads"
                        | "led"
                        | "leading"
                        | "ahead"
                        | "behind"
                        | "surged"
                        | "slipped"
                        | "sagging"
                        | "lags"
                        | "lagging"
                )
            });
            if standing && !poll_named {
                return Some((span(toks, i, i), 0.45));
            }
        }
        if w == "approval" && is!(word(toks, i + 1), "rating" | "ratings") && !poll_named {
            return Some((span(toks, i, i + 1), 0.4));
        }
    }
    None
}
fixtures! {"UA010", r"
    The bill would protect an estimated two million Dreamers. => estimated two million Dreamers
    A quarter of women in the group had to travel more than 139 miles. => A quarter of women
    Nearly half of Americans oppose it. => Nearly half of Americans
    In 2010, half of white suburban women called themselves Republicans. => half of white suburban women
    // A share of things, not of people.
    Republicans now control two-thirds of the state legislatures. =>
    Trump now trails Clinton in preference polls of most key states. => polls
    // Sourced, or routine quantities of time.
    An estimated two million people are eligible, according to the Census Bureau. =>
    The offer was made more than a month before. =>
    He waited for more than three hours. =>
"}
