//! HTML: the framing report ([`report`]) and the comparison page ([`compare`]), self-contained
//! pages with the same frame and Content-Security-Policy ([`page`]).

pub mod compare;
pub mod page;
pub mod report;

pub use report::Html;
