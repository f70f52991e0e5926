//! AM002: an agent of the manifest that `AGENTS.md` does not mention.

use crate::diag::{Diagnostic, Severity};
use crate::lint::agents_md::AgentsMd;
use crate::lint::rule::Lint;
use crate::rules::RuleDoc;

pub(crate) const AGENT_NOT_MENTIONED: Lint = Lint {
    severity: Severity::Warning,
    doc: RuleDoc {
        code: "AM002",
        name: "agent-not-mentioned",
        summary: "An agent of the manifest is not mentioned in `AGENTS.md`",
        doc: r#"## What it does
Reports each agent under `agents:` in `agentpack.yaml` whose name does not appear in `AGENTS.md`.

## Why
An agent missing from the protocol has no documented inputs, outputs or bar; the orchestrator will not know to delegate to it.

## Example
`agentpack add tester` was run, then `AGENTS.md` was restored from an old commit.

## Use instead
Run `agentpack init` to update agentpack's block in `AGENTS.md` (the rest of the file is yours and stays as it is), or add the agent to the roster.
"#,
    },
};

pub(crate) fn check(md: &AgentsMd, out: &mut Vec<Diagnostic>) {
    for name in md.manifest.agents.keys() {
        if !md.mentions(name) {
            out.push(
                AGENT_NOT_MENTIONED
                    .diag(md.path, 1, 1, format!("agent `{name}` of agentpack.yaml is not mentioned"))
                    .with_fix("run `agentpack init` to update agentpack's block in AGENTS.md (your text around it stays), or add the agent to the roster"),
            );
        }
    }
}
