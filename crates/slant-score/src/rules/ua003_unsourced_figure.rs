//! ## What it flags
//! Figures stated in the outlet's own voice with no source in the sentence: percentages,
//! money, large counts ("1,200 jobs", "$2.3 billion", "hundreds of thousands of casualties").
//! Years, dates, times, ages and small counts are not figures that need a source.
//!
//! ## Why it matters
//! Numbers look like facts and are rarely checked by readers. A figure without a source cannot
//! be verified, and the choice of figure (and its rounding) is itself a framing choice.
//!
//! ## Example
//! "The strike cost the city *$40 million*." (sourced: "..., according to the port authority")
//!
//! Numbers that name something ("S.B. 1070", "Flight 1549", "No. 10-277", "Executive Order
//! 13526"), measurements of places and things ("1,200 miles", "42,000 pages"), a cap a rule
//! sets ("can earn up to $14,640 a year") and what a bill or
//! plan would do ("The bill would save about $20 billion") are not the outlet's figures; nor
//! is how a poll was taken ("a survey of 1,000 adults", its margin of error), a share in a
//! sentence about a poll (what the poll found: "garnering 30 percent in the poll"), or the
//! sum of a request ("the White House sought an additional $2.5 billion").
//!
//! ## Known false positives
//! Figures sourced in the previous or next sentence, and well-known public figures
//! (population of a country) that need no citation.

use super::{Ctx, Finding, Flag};
use crate::text::{Token, WordList};
use slant_ingest::Span;

const SCALE: WordList = word_list![
    "million",
    "millions",
    "billion",
    "billions",
    "trillion",
    "trillions",
    "thousand",
    "bn",
    "m",
];
const VAGUE_COUNTS: WordList = word_list![
    "hundreds",
    "thousands",
    "millions",
    "billions",
    "tens",
    "dozens",
];
const MONEY_WORDS: WordList =
    word_list!["dollars", "euros", "pounds", "percent", "per", "pct", "%"];
const MONTHS: WordList = word_list![
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan.",
    "feb.",
    "mar.",
    "apr.",
    "jun.",
    "jul.",
    "aug.",
    "sept.",
    "sep.",
    "oct.",
    "nov.",
    "dec.",
    "jan",
    "feb",
    "aug",
    "sept",
    "oct",
    "nov",
    "dec",
];

rule! {
    UnsourcedFigure, "UA003", "unsourced_figure", Unattributed("unsourced_figure"), "ua003_unsourced_figure.rs",
    "a figure stated with no source"
}

/// Nouns after a sum that name a measure the sum belongs to ("a $425 billion fund").
const MEASURES: WordList = word_list![
    "package",
    "plan",
    "fund",
    "settlement",
    "stimulus",
    "bailout",
    "bill",
    "budget",
    "ad",
    "ads",
    "buy",
];

fn number_value(t: &str) -> Option<f64> {
    let digits = t
        .trim_start_matches(['$', '\u{20ac}', '\u{a3}'])
        .trim_end_matches('%');
    // A range ("32-45 million", "10–15%") is read by its upper end.
    let digits = digits.rsplit(['-', '\u{2013}']).next().unwrap_or(digits);
    if digits.contains(',') {
        digits.replace(',', "").parse::<f64>().ok()
    } else {
        digits.parse::<f64>().ok()
    }
}

/// A number in words that can name a share ("ten", "sixty", "twenty-five").
fn is_tens_word(w: &str) -> bool {
    let head = w.split('-').next().unwrap_or(w);
    matches!(
        head,
        "one"
            | "two"
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
            | "sixty"
            | "seventy"
            | "eighty"
            | "ninety"
    )
}

const FLAG: Flag = Flag {
    category: "unsourced_figure",
    entry: "figure",
    note: "a figure in the outlet's own voice with no source in the sentence",
};

/// The first figure in `tokens` that would need a source.
pub(crate) fn find(tokens: &[&Token]) -> Option<Span> {
    for (i, t) in tokens.iter().enumerate() {
        let w = t.lower.w();
        // "Sixty percent of women", "twenty-five percent": a share in words is a figure too,
        // unless the sentence is about a poll that found it.
        if tokens
            .get(i + 1)
            .is_some_and(|n| is!(n.lower.w(), "percent" | "pct"))
            && is_tens_word(w.as_str())
            && !tokens.iter().any(|n| POLL_NAMES.contains(n.lower.w()))
        {
            return Some(Span::new(t.span.start, tokens[i + 1].span.end));
        }
        // Most words start with a letter and are no vague count: nothing more to ask.
        if w.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) && !VAGUE_COUNTS.contains(w) {
            continue;
        }
        let next = tokens.get(i + 1).map(|n| n.lower.as_str());
        let prev = i.checked_sub(1).map(|p| tokens[p].lower.as_str());
        // "hundreds of thousands of", "tens of thousands", "dozens of"
        if VAGUE_COUNTS.contains(w) && next == Some("of") && w != "dozens" {
            let mut end = i + 1;
            if tokens
                .get(i + 2)
                .map(|n| VAGUE_COUNTS.contains(n.lower.w()))
                .unwrap_or(false)
            {
                end = i + 2;
            }
            return Some(Span::new(
                t.span.start,
                tokens[end.min(tokens.len() - 1)].span.end.max(t.span.end),
            ));
        }
        if !w
            .chars()
            .next()
            .map(|c| c.is_ascii_digit() || matches!(c, '$' | '\u{20ac}' | '\u{a3}'))
            .unwrap_or(false)
        {
            continue;
        }
        let Some(value) = number_value(w.as_str()) else {
            continue;
        };
        let money = w.starts_with(['$', '\u{20ac}', '\u{a3}']);
        let percent =
            w.ends_with('%') || matches!(next, Some("percent" | "per" | "pct" | "percentage"));
        let scaled = next.map(|n| SCALE.contains(n)).unwrap_or(false);
        let after_month = prev.map(|p| MONTHS.contains(p)).unwrap_or(false);
        let before_month = next.map(|n| MONTHS.contains(n)).unwrap_or(false);
        let year_like =
            value.fract() == 0.0 && (1500.0..=2100.0).contains(&value) && !w.contains(',');
        // "S.B. 1070", "Flight 1549", "No. 10-277", "Title 42": a number that names something.
        let names = prev.is_some_and(|p| {
            is!(
                p,
                "no."
                    | "no"
                    | "nos."
                    | "s.b."
                    | "h.r."
                    | "h.b."
                    | "flight"
                    | "route"
                    | "title"
                    | "section"
                    | "sections"
                    | "article"
                    | "chapter"
                    | "district"
                    | "room"
                    | "highway"
                    | "interstate"
                    | "precinct"
                    | "resolution"
                    | "proposition"
                    | "measure"
                    | "order"
                    | "u.s.c."
            ) || p.ends_with('.') && p.len() <= 4 && p.starts_with(|c: char| c.is_alphabetic())
        });
        // "Sections 284 and 2808": the second number names a section too.
        let listed_name = i >= 3
            && is!(prev.unwrap_or(""), "and" | "or" | "through")
            && tokens[i - 2]
                .lower
                .starts_with(|c: char| c.is_ascii_digit())
            && is!(
                tokens[i - 3].lower.w(),
                "sections" | "titles" | "articles" | "chapters"
            );
        if names || listed_name {
            continue;
        }
        if after_month || before_month || (year_like && !money && !percent && !scaled) {
            continue;
        }
        if matches!(
            next,
            Some("a.m." | "p.m." | "am" | "pm" | "year-old" | "years-old")
        ) {
            continue;
        }
        // "2,000km (1,200 miles) from the mainland", "42,000 pages of documents": a
        // measurement of a place or a thing anyone can check, not a finding.
        if next.is_some_and(|n| MEASUREMENTS.contains(n)) {
            continue;
        }
        // "can earn up to $14,640 a year", "fines of up to $60,000": a cap that a rule or plan
        // sets. "Yields shot up to 2.84%" is a movement and still a figure.
        let cap = i >= 2
            && prev == Some("to")
            && tokens[i - 2].lower == "up"
            && !(i >= 3 && MOVEMENTS.contains(tokens[i - 3].lower.w()));
        if cap {
            continue;
        }
        // "the $447 billion jobs package", "a $4.5 billion settlement": the sum names the
        // measure (what a bill or deal says), it does not report a finding.
        let measure = money
            && tokens[i + 1..]
                .iter()
                .skip(usize::from(scaled))
                .take(2)
                .any(|n| MEASURES.contains(n.lower.w()));
        if measure {
            continue;
        }
        // "a survey of 1,000 adults", "with 1,014 adults nationwide questioned": a poll's
        // sample, how it was taken, not what it found.
        let sample = !money
            && !percent
            && tokens[i + 1..]
                .iter()
                .take(2)
                .any(|n| SAMPLES.contains(n.lower.w()))
            && tokens.iter().any(|n| POLLS.contains(n.lower.w()));
        // "garnering 30 percent in the poll", "A Reuters/Ipsos poll ... found 55%": a share in
        // a sentence about a poll is what the poll found, and the sentence names it.
        let polled = percent && tokens.iter().any(|n| POLL_NAMES.contains(n.lower.w()));
        // "the White House sought an additional $2.5 billion", "Trump wants $5 billion": the
        // sum of a request is what someone asked for, not a finding.
        let asked_for = money
            && tokens[i.saturating_sub(3)..i].iter().any(|n| {
                is!(
                    n.lower.w(),
                    "sought"
                        | "seeks"
                        | "seeking"
                        | "wants"
                        | "wanted"
                        | "requested"
                        | "requesting"
                        | "request"
                        | "insistence"
                        | "demanded"
                        | "demanding"
                        | "proposed"
                        | "proposing"
                )
            });
        if sample || polled || asked_for {
            continue;
        }
        let large = value >= 1000.0;
        if money
            || percent
            || scaled
            || large
            || next.map(|n| MONEY_WORDS.contains(n)).unwrap_or(false)
        {
            let word_follows = scaled || (percent && !w.ends_with('%'));
            let end = match tokens.get(i + 1) {
                Some(n) if word_follows => n.span.end,
                _ => t.span.end,
            };
            return Some(Span::new(t.span.start, end));
        }
    }
    None
}

/// Units of length, area and size that measure a place or a thing ("1,200 miles").
const MEASUREMENTS: WordList = word_list![
    "miles",
    "mile",
    "km",
    "kilometers",
    "kilometres",
    "feet",
    "meters",
    "metres",
    "acres",
    "pages",
];

/// Verbs of movement before "up to" ("shot up to 2.84%"): a change, not a cap.
const MOVEMENTS: WordList = word_list![
    "shot", "jumped", "went", "rose", "climbed", "soared", "moved", "ticked", "crept", "surged",
    "spiked", "go", "goes", "gone", "rise", "rises", "risen",
];

/// Who a poll asked ("1,000 adults", "1,014 registered voters").
const SAMPLES: WordList = word_list![
    "adults",
    "voters",
    "respondents",
    "people",
    "americans",
    "residents",
    "households",
    "likely",
    "registered",
];

/// Words that name a poll: a share in the same sentence is what it found.
const POLL_NAMES: WordList = word_list!["poll", "polls", "polled", "survey", "surveyed"];

/// Words that show a sentence describes how a poll was taken: the poll's names, and how its
/// people were asked.
const POLLS: WordList = word_list![
    "poll",
    "polls",
    "polled",
    "survey",
    "surveyed",
    "questioned",
    "interviewed",
    "sample",
];

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    // What a bill or plan would do ("The bill would save about $20 billion") is what the
    // text says, not the outlet's figure.
    if !ctx.writer_claim() || super::words::states_a_text(ctx.writer_tokens) {
        return;
    }
    // "Its margin of error is 4 percentage points": how a poll was taken, not a finding.
    if ctx
        .writer_tokens
        .windows(3)
        .any(|w| w[0].lower == "margin" && w[1].lower == "of" && w[2].lower == "error")
    {
        return;
    }
    // A figure in an embedded question ("The question is whether hundreds of thousands of
    // workers have ...") is asked about, not asserted: it is not among the writer's tokens.
    if let Some(span) = find(ctx.writer_tokens) {
        out.push(ctx.flag(&INFO, &FLAG, span, 0.45));
    }
}

fixtures! {"UA003", r"
    The strike cost the city $40 million. => $40 million
    // A share in words, and a range read by its upper end.
    Sixty percent of women think the law should change. => Sixty percent
    The U.S. sees 32-45 million cases of the flu every year. => 32-45 million
    Sixty percent of those polled said they approved. =>
    The court ruled in a 5-4 decision. =>
    Unemployment rose to 7.5 percent. => 7.5 percent
    Unemployment rose 5% => 5%
    Recipients can earn up to $14,640 a year without losing benefits. =>
    The yield shot up to 2.84% after the report. => 2.84%
    Evacuees will be held 1,200 miles from the mainland. =>
    The matter is classified under Executive Order 13526 of December 29, 2009. =>
    Unemployment rose 5% in May. => 5%
    The war caused hundreds of thousands of casualties. => hundreds of thousands
    The strike cost $40 million, according to the port authority. =>
    The talks began on Jan. 5, 2024, at 10 a.m. with 3 delegates. =>
    Russia invaded in February 2022. =>
    Arizona's S.B. 1070 was upheld in part. =>
    Funds can be moved under Sections 284 and 2808. =>
    The $447 billion jobs package failed in the Senate. =>
    The survey had a margin of error of plus or minus 3.5%. =>
    The poll was conducted June 11-13, with 1,014 adults nationwide questioned by telephone. =>
    The survey of 1,000 adults was taken in March. =>
    The company will hire 1,000 people. => 1,000
    Sanders has nearly doubled his support, garnering 30 percent in the poll. =>
    On Monday, the White House sought an additional $2.5 billion from Congress. =>
    The group is airing a $500,000 ad campaign over the recess. =>
    The jobless rate sank to 7.4 percent, a drop of two-tenths of a percent, the Bureau of Labor Statistics says in its monthly summary. =>
    The plan cost $447 billion. => $447 billion
    The bill would save about $20 billion over ten years. =>
    The question is whether hundreds of thousands of workers have enough in common. =>
    Reporters asked if 40,000 jobs were lost. =>
    His approval rating was over 50%, according to CNN. =>
    When asked whether firms should get help, 70 percent of respondents said yes. => 70 percent
"}
