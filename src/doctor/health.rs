//! The result of `doctor`: each check with its status and findings, and the verdict. Kept
//! apart from the checks so the check files depend on it and not on each other.

use std::path::PathBuf;

use super::codes;
use crate::diag::Diagnostic;
use crate::rules::RuleDoc;

/// How one check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Problem,
    Skipped,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Problem => "problem",
            Status::Skipped => "skipped",
        }
    }
}

/// One check: what it looked at, how it came out, what it found.
#[derive(Debug, Clone)]
pub struct Check {
    /// Short stable id (`path`, `manifest`, `settings`, `hook`, `claude-md`, `commands`).
    pub id: &'static str,
    pub status: Status,
    /// For `Ok` what was found, for `Skipped` why; empty for `Problem`.
    pub detail: String,
    pub findings: Vec<Diagnostic>,
}

impl Check {
    pub(super) fn ok(id: &'static str, detail: impl Into<String>) -> Check {
        Check {
            id,
            status: Status::Ok,
            detail: detail.into(),
            findings: Vec::new(),
        }
    }

    pub(super) fn skipped(id: &'static str, why: impl Into<String>) -> Check {
        Check {
            status: Status::Skipped,
            ..Check::ok(id, why)
        }
    }

    /// `Ok` with `detail` when there are no findings, else `Problem`.
    pub(super) fn from(
        id: &'static str,
        detail: impl Into<String>,
        findings: Vec<Diagnostic>,
    ) -> Check {
        if findings.is_empty() {
            return Check::ok(id, detail);
        }
        Check {
            id,
            status: Status::Problem,
            detail: String::new(),
            findings,
        }
    }
}

/// Everything `doctor` found.
#[derive(Debug, Clone)]
pub struct Health {
    /// The project root, when a manifest was found and loaded.
    pub root: Option<PathBuf>,
    pub checks: Vec<Check>,
}

impl Health {
    /// No check found a problem.
    pub fn healthy(&self) -> bool {
        self.problems() == 0
    }

    /// How many checks found a problem.
    pub fn problems(&self) -> usize {
        self.checks
            .iter()
            .filter(|c| c.status == Status::Problem)
            .count()
    }
}

/// A finding with the code's default severity.
pub(super) fn finding(
    doc: &RuleDoc,
    path: impl Into<PathBuf>,
    message: impl Into<String>,
) -> Diagnostic {
    Diagnostic::new(doc.code, codes::severity(doc), path, message)
}
