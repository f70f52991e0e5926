//! One module per subcommand. Each exposes `Args` (clap) and `run`: arguments, one library
//! call, a report, and the exit code it earned. [`Ctx`] is what every command gets besides
//! its own arguments; `lib.rs` dispatches.

pub mod add;
pub mod archive;
pub mod check;
pub mod completions;
pub mod doctor;
pub mod explain;
pub mod hook;
pub mod init;
pub mod list;
pub mod plan;
pub mod remove;
pub mod review;
pub mod rubrics;
pub mod status;
pub mod sync;
pub mod templates;

use std::path::PathBuf;
use std::process::ExitCode;

use crate::report::Term;

/// Exit code when a gate failed: a score under the threshold, an error finding, a kept conflict.
pub const EXIT_GATE: u8 = 1;
/// Exit code for usage, configuration and I/O errors.
pub const EXIT_ERROR: u8 = 2;

/// Per-run settings from the global flags: how to print, and the `--config` override.
#[derive(Debug, Clone, Default)]
pub struct Ctx {
    pub term: Term,
    /// Manifest path given with `--config`.
    pub config: Option<PathBuf>,
}

impl std::ops::Deref for Ctx {
    type Target = Term;
    fn deref(&self) -> &Term {
        &self.term
    }
}

/// 0 when the gate passed, else [`EXIT_GATE`].
pub fn gate(passed: bool) -> ExitCode {
    if passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_GATE)
    }
}
