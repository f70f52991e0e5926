//! The review engine behind `agentpack review` and the SubagentStop hook: choose targets
//! ([`select`]), score them in parallel against their rubrics ([`run`]) and derive each status
//! from the threshold and the review history. [`session::review`] runs the whole round
//! (select, score, record the history, write the feedback) under the project's review lock;
//! the hook's policy is [`hook`]; [`archive`] ends a run under the same lock.
//!
//! ```no_run
//! # fn main() -> anyhow::Result<()> {
//! use agentpack::review::{Options, session};
//! let project = agentpack::project::Project::load("agentpack.yaml".as_ref())?;
//! let done = session::review(Some(&project), &[], &Options::default(), true)?;
//! println!("passed: {}", done.outcome.passed());
//! # Ok(()) }
//! ```

pub mod archive;
pub mod feedback;
pub mod hook;
pub mod judge;
pub(crate) mod outcome;
mod run;
mod select;
pub mod session;

pub use crate::project::artifact::{newest_revision, next_revision, split_revision};
pub use crate::project::history::{self, Status};
pub use outcome::{ArtifactReport, Outcome};
pub use run::{review_one, run, score_text};
pub use select::{ARTIFACTS_DIR, Options, Pending, Selection, Target, select};
