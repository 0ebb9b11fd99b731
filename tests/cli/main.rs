//! End-to-end tests of the `slant` binary. Each module is one capability; each test runs the
//! real binary in its own temporary directory (see `util`).

mod util;

mod bad_input;
mod compare;
mod determinism;
mod eval;
mod explain;
mod lexicon;
mod report;
mod report_safety;
mod safety;
mod sample;
mod scale;
mod seed;
mod transformer;
mod unattributed;
mod web;
