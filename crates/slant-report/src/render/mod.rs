//! Plain data out as bytes: one module per output format.
//!
//! The framing report ([`report`]: the streaming driver, the [`report::Renderer`] trait and
//! where pages go) is written by [`html`] and [`markdown`]; a comparison by [`terminal`],
//! [`markdown`], [`html`], [`csv`] and [`json`]; records (the `slant/1` contract) by [`jsonl`],
//! [`json`] and [`csv`]. [`svg`] draws the HTML charts and [`text`] formats numbers and lists
//! for every text format. Renderers read [`crate::analysis`]; they compute nothing a second
//! renderer would have to compute again.

/// `write!` into a `String`, which cannot fail (`std::fmt::Write` must be in scope).
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        let _ = write!($out, $($arg)*);
    }};
}

pub mod csv;
pub mod html;
pub mod json;
pub mod jsonl;
pub mod markdown;
pub mod report;
pub mod svg;
pub mod terminal;
pub mod text;
