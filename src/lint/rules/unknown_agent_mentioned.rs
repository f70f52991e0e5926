//! AM004: an agent named in `AGENTS.md` that nothing defines.

use crate::diag::{Diagnostic, Severity};
use crate::lint::agents_md::AgentsMd;
use crate::lint::rule::Lint;
use crate::lint::suggest::nearest;
use crate::rules::RuleDoc;

pub(crate) const UNKNOWN_AGENT_MENTIONED: Lint = Lint {
    severity: Severity::Error,
    doc: RuleDoc {
        code: "AM004",
        name: "unknown-agent-mentioned",
        summary: "`AGENTS.md` names an agent that neither the manifest nor `.claude/agents/` defines",
        doc: r#"## What it does
Reads the agents `AGENTS.md` names (the first column of a table headed `Agent`, and `@agent-NAME` mentions) and reports those that are not in `agents:` of the manifest, not defined in `.claude/agents/` and not a built-in agent type.

## Why
The orchestrator follows `AGENTS.md`; delegating to an agent that does not exist fails at run time.

## Example
```markdown
| Agent | Role |
|---|---|
| `reseacher` | Gathers sources |
```

## Use instead
Fix the name, or add the agent with `agentpack add`.
"#,
    },
};

pub(crate) fn check(md: &AgentsMd, out: &mut Vec<Diagnostic>) {
    for (name, line, col) in md.named_agents() {
        if md.defines(&name) {
            continue;
        }
        let fix = match nearest(&name, md.manifest.agents.keys().map(String::as_str)) {
            Some(n) => format!("did you mean `{n}`?"),
            None => {
                format!("add `{name}` with `agentpack add {name}`, or remove it from AGENTS.md")
            }
        };
        out.push(
            UNKNOWN_AGENT_MENTIONED
                .diag(
                    md.path,
                    line,
                    col,
                    format!("AGENTS.md names agent `{name}`, which is not defined"),
                )
                .with_fix(fix),
        );
    }
}
