//! AM003: a workflow output that `AGENTS.md` does not mention.

use crate::diag::{Diagnostic, Severity};
use crate::lint::agents_md::AgentsMd;
use crate::lint::rule::Lint;
use crate::rules::RuleDoc;

pub(crate) const OUTPUT_NOT_MENTIONED: Lint = Lint {
    severity: Severity::Warning,
    doc: RuleDoc {
        code: "AM003",
        name: "output-not-mentioned",
        summary: "A workflow output is not mentioned in `AGENTS.md`",
        doc: r#"## What it does
Reports each workflow `output` path of `agentpack.yaml` that does not appear in `AGENTS.md`.

## Why
Agents find their inputs through the handoff table; an output that is not listed is written where the next agent does not look.

## Example
The manifest says `artifacts/research.md`, AGENTS.md says `artifacts/research-output.md`.

## Use instead
Run `agentpack init` to update agentpack's block in `AGENTS.md` (the rest of the file is yours and stays as it is), or fix the path in one of the files.
"#,
    },
};

pub(crate) fn check(md: &AgentsMd, out: &mut Vec<Diagnostic>) {
    for task in &md.manifest.workflow {
        if !md.text.contains(task.output.as_str()) {
            out.push(
                OUTPUT_NOT_MENTIONED
                    .diag(md.path, 1, 1, format!("output `{}` of task `{}` is not mentioned", task.output, task.id))
                    .with_fix("run `agentpack init` to update agentpack's block in AGENTS.md (your text around it stays), or add the path to the handoff table"),
            );
        }
    }
}
