//! Markdown: the framing report ([`report`]) and the comparison ([`compare`]).

pub mod compare;
pub mod report;

pub use report::Markdown;
