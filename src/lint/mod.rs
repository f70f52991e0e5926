//! `agentpack check`: the lint rules for agent files, the manifest and `AGENTS.md`, their
//! registry (code, default severity, doc), and the runner that lints a set of discovered
//! files and returns sorted diagnostics. Each rule lives next to its [`RuleDoc`] in the
//! module of its group; this file only lists them.

pub(crate) mod agent;
pub(crate) mod agents_md;
pub(crate) mod description;
pub(crate) mod discover;
pub(crate) mod fields;
pub(crate) mod frontmatter;
pub(crate) mod name;
pub(crate) mod project;
pub(crate) mod suggest;
pub(crate) mod tools;

use std::path::{Path, PathBuf};

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
}

/// Every lint, in code order. `docs/rules.md` and `agentpack explain` are generated from it.
pub(crate) fn lints() -> Vec<&'static Lint> {
    let mut all: Vec<&'static Lint> = Vec::new();
    all.extend(frontmatter::LINTS);
    all.extend(name::LINTS);
    all.extend(description::LINTS);
    all.extend(fields::LINTS);
    all.extend(tools::LINTS);
    all.extend(project::LINTS);
    all.extend(agents_md::LINTS);
    all
}

/// The documentation of every lint.
pub fn rule_docs() -> Vec<RuleDoc> {
    lints().iter().map(|l| l.doc).collect()
}

/// The default severity of a lint code.
pub(crate) fn default_severity(code: &str) -> Option<Severity> {
    lints()
        .iter()
        .find(|l| l.doc.code == code)
        .map(|l| l.severity)
}

/// What `check` looked at and found.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Files read (agent files, manifest, AGENTS.md).
    pub files: Vec<PathBuf>,
    /// Sorted findings.
    pub diagnostics: Vec<Diagnostic>,
}

impl Outcome {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// Lints the agent files below `paths` (files or folders, anywhere).
pub fn check_paths(paths: &[PathBuf]) -> anyhow::Result<Outcome> {
    let files = discover::agent_files(paths)?;
    let mut outcome = Outcome::default();
    outcome.files = agent::lint_all(&files, &mut outcome.diagnostics).files;
    crate::diag::sort(&mut outcome.diagnostics);
    Ok(outcome)
}

/// Lints a project: `.claude/agents/**`, the manifest (if any) and `AGENTS.md`.
pub fn check_project(root: &Path, manifest: Option<&Path>) -> anyhow::Result<Outcome> {
    let files = discover::project_agent_files(root)?;
    let mut outcome = Outcome::default();
    let linted = agent::lint_all(&files, &mut outcome.diagnostics);
    outcome.files = linted.files;
    let agents = linted.agents;
    if let Some(manifest_path) = manifest {
        outcome.files.push(manifest_path.to_path_buf());
        let parsed =
            project::check_manifest(root, manifest_path, &agents, &mut outcome.diagnostics);
        outcome
            .diagnostics
            .extend(project::check_rubric_files(root));
        let agents_md = root.join(agents_md::FILE);
        if agents_md.is_file() {
            outcome.files.push(agents_md.clone());
        }
        match parsed {
            Some(manifest) => {
                agents_md::check(&agents_md, &manifest, &agents, &mut outcome.diagnostics)
            }
            None => outcome.diagnostics.extend(agents_md::missing(&agents_md)),
        }
    }
    crate::diag::sort(&mut outcome.diagnostics);
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_documented() {
        let all = lints();
        let codes: Vec<_> = all.iter().map(|l| l.doc.code).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(codes.len(), sorted.len(), "duplicate code in {codes:?}");
        let mut names: Vec<_> = all.iter().map(|l| l.doc.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), all.len(), "duplicate rule name");
        for l in all {
            for section in ["What it does", "Why", "Example", "Use instead"] {
                assert!(
                    l.doc.doc.contains(section),
                    "{} lacks `{section}`",
                    l.doc.code
                );
            }
            assert!(
                !l.doc.summary.ends_with('.'),
                "{}: summary is one line without a period",
                l.doc.code
            );
        }
    }
}
