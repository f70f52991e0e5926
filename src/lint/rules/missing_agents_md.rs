//! AM001: a project with a manifest and no `AGENTS.md`.

use std::path::Path;

use crate::diag::{Diagnostic, Severity};
use crate::lint::rule::Lint;
use crate::rules::RuleDoc;

pub(crate) const MISSING_AGENTS_MD: Lint = Lint {
    severity: Severity::Warning,
    doc: RuleDoc {
        code: "AM001",
        name: "missing-agents-md",
        summary: "The project has a manifest but no `AGENTS.md`",
        doc: r#"## What it does
Reports a project with `agentpack.yaml` and no `AGENTS.md` at its root.

## Why
`AGENTS.md` states the handoff protocol: who writes which artifact, who reads it, and the bar it must clear. Without it the agents improvise.

## Example
A project where `AGENTS.md` was deleted.

## Use instead
Run `agentpack init`: it creates `AGENTS.md` holding agentpack's block (an `AGENTS.md` you write later keeps it between its markers).
"#,
    },
};

/// Reports `path` when it does not exist.
pub(crate) fn check(path: &Path) -> Option<Diagnostic> {
    (!path.exists()).then(|| {
        MISSING_AGENTS_MD
            .diag(
                path,
                0,
                0,
                "the project has no AGENTS.md, so the agents have no handoff protocol",
            )
            .with_fix("run `agentpack init` to generate it")
    })
}
