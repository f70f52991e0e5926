//! What a lint is: its documentation and default severity ([`Lint`]), when it runs and with
//! what ([`Check`]), and the severity policy for files Claude Code skips. Shared by the rule
//! files, the parse stage, the registry and the driver.

use std::path::Path;

use super::agents_md::AgentsMd;
use super::model::{AgentFile, AgentInfo};
use super::suggest::nearest;
use crate::diag::{Diagnostic, Severity};
use crate::rules::RuleDoc;

/// A lint rule: its documentation and the severity it reports at unless a case says otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Lint {
    pub doc: RuleDoc,
    pub severity: Severity,
}

impl Lint {
    /// A diagnostic of this rule at its default severity.
    pub(crate) fn diag(
        &self,
        path: &Path,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(self.doc.code, self.severity, path, message).at(line, column)
    }

    /// Reports `key` when its value is not one of `allowed`, with the nearest allowed value.
    pub(crate) fn check_enum(
        &self,
        file: &AgentFile,
        key: &str,
        allowed: &[&str],
        out: &mut Vec<Diagnostic>,
    ) {
        let Some(value) = file.get(key) else { return };
        if value.as_str().is_some_and(|v| allowed.contains(&v)) {
            return;
        }
        let (line, col) = file.value_pos(key);
        let shown = value.as_str().map_or_else(
            || super::model::kind(value).to_string(),
            |s| format!("`{s}`"),
        );
        let fix = match value
            .as_str()
            .and_then(|v| nearest(v, allowed.iter().copied()))
        {
            Some(near) => format!("use `{key}: {near}`"),
            None => format!("use one of {}", allowed.join(", ")),
        };
        out.push(
            self.diag(
                file.path,
                line,
                col,
                format!(
                    "`{key}` is {shown}, not one of {}; Claude Code drops it",
                    allowed.join(", ")
                ),
            )
            .with_fix(fix),
        );
    }
}

/// When a lint runs, and on what.
#[derive(Clone, Copy)]
pub(crate) enum Check {
    /// Reported by the stage that reads a file: the parse stage of agent files, the
    /// presence of `AGENTS.md`.
    Stage,
    /// Reported by the manifest checks (`lint/project.rs`).
    Manifest,
    /// Runs on every agent file that parsed.
    Agent(fn(&AgentFile, &mut Vec<Diagnostic>)),
    /// Runs once on every agent that parsed (rules across files).
    Agents(fn(&[AgentInfo], &mut Vec<Diagnostic>)),
    /// Runs on `AGENTS.md` when the manifest parsed.
    AgentsMd(fn(&AgentsMd, &mut Vec<Diagnostic>)),
}

/// One row of the registry: a lint and when it runs.
#[derive(Clone, Copy)]
pub(crate) struct Rule {
    pub lint: &'static Lint,
    pub check: Check,
}

/// Severity of a "Claude Code skips this file" finding: plugin agents still load under their
/// file name, so for them it is a warning.
pub(crate) fn skip_severity(plugin: bool, default: Severity) -> Severity {
    if plugin && default == Severity::Error {
        Severity::Warning
    } else {
        default
    }
}

/// What Claude Code does with a file whose frontmatter cannot be read.
pub(crate) fn skipped(plugin: bool) -> &'static str {
    if plugin {
        "this plugin agent still loads under its file name, but with none of its fields"
    } else {
        "Claude Code skips the whole agent"
    }
}

impl Rule {
    /// A lint reported by the stage that reads a file.
    pub(crate) const fn stage(lint: &'static Lint) -> Rule {
        Rule {
            lint,
            check: Check::Stage,
        }
    }

    /// A lint reported by the manifest checks.
    pub(crate) const fn manifest(lint: &'static Lint) -> Rule {
        Rule {
            lint,
            check: Check::Manifest,
        }
    }

    /// A lint run on every agent file.
    pub(crate) const fn agent(
        lint: &'static Lint,
        check: fn(&AgentFile, &mut Vec<Diagnostic>),
    ) -> Rule {
        Rule {
            lint,
            check: Check::Agent(check),
        }
    }

    /// A lint run once on every agent that parsed.
    pub(crate) const fn agents(
        lint: &'static Lint,
        check: fn(&[AgentInfo], &mut Vec<Diagnostic>),
    ) -> Rule {
        Rule {
            lint,
            check: Check::Agents(check),
        }
    }

    /// A lint run on `AGENTS.md`.
    pub(crate) const fn agents_md(
        lint: &'static Lint,
        check: fn(&AgentsMd, &mut Vec<Diagnostic>),
    ) -> Rule {
        Rule {
            lint,
            check: Check::AgentsMd(check),
        }
    }
}
