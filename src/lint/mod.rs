//! `agentpack check`: lint agent files, the manifest and `AGENTS.md` the way Claude Code
//! reads them. One lint per file in [`rules`] (its registry, in code order, is
//! [`rules::LINTS`]), the parse stage in [`parse`], the parsed agent in [`model`], and the
//! [`driver`] that lints a set of files and returns sorted diagnostics.

pub(crate) mod agents_md;
pub(crate) mod discover;
pub(crate) mod driver;
pub mod fix;
pub(crate) mod model;
pub(crate) mod parse;
pub(crate) mod project;
pub(crate) mod rule;
pub(crate) mod rules;
pub(crate) mod select;
pub(crate) mod suggest;
pub(crate) mod tools;

#[cfg(test)]
mod oracle_tests;

pub use driver::{Outcome, check_paths, check_project};
