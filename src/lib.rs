//! servchain models an organization's internal-customer service chain: which
//! department serves which, how well, and whether each department's work
//! reaches the external customer.
//!
//! The library is what the `servchain` binary, the tests and the benchmarks
//! use: [`load`] reads org files into a checked [`model::Org`] (or located
//! [`diagnostic::Diagnostic`]s), [`graph`] turns it into a graph.

pub mod analysis;
pub mod check;
pub mod cli;
pub mod clip;
pub mod commands;
pub mod config;
pub mod diagnostic;
pub mod diff;
pub mod display;
pub mod exit;
pub mod format;
pub mod graph;
pub mod import;
pub mod load;
pub mod model;
pub mod report;
pub mod schema;
pub mod source;
pub mod suggest;
pub mod survey;
pub mod synth;
pub mod threads;

pub use exit::ExitStatus;
