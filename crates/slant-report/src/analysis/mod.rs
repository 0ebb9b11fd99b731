//! Records in, plain data out: what a report or a comparison says, before any format.
//!
//! [`stats`] reduces an article to counts and computes rates with bootstrap intervals;
//! [`corpus`] is what a framing report keeps while records stream past; [`report`] lays the
//! report out as pages of sections; [`highlight`] cuts a sentence into highlighted runs and
//! groups its evidence; [`compare`] is `slant compare`'s per-outlet aggregation, with
//! [`sources`] (who is quoted) and [`stories`] (the same event told by several outlets).
//! Nothing here writes a format: that is [`crate::render`]'s job, and no module here imports
//! one of its modules.

pub mod compare;
pub mod corpus;
pub mod highlight;
pub mod report;
pub mod sources;
pub mod stats;
pub mod stories;
