//! `AGENTS.md`, the handoff protocol the agents read: it must exist, mention every agent of
//! the manifest and every workflow output, and not name agents that do not exist. The agents
//! it names are the first column of any table headed `Agent`, and `@agent-NAME` mentions.

use std::path::Path;

use super::Lint;
use super::agent::AgentInfo;
use crate::diag::{Diagnostic, Severity};
use crate::project::Manifest;
use crate::rules::RuleDoc;

/// File name, at the project root.
pub(crate) const FILE: &str = "AGENTS.md";

pub(crate) const MISSING: Lint = Lint {
    severity: Severity::Warning,
    doc: RuleDoc {
        code: "AM001",
        name: "missing-agents-md",
        summary: "The project has a manifest but no `AGENTS.md`",
        doc: "## What it does\nReports a project with `agentpack.yaml` and no `AGENTS.md` at its root.\n\n## Why\n`AGENTS.md` states the handoff protocol: who writes which artifact, who reads it, and the bar it must clear. Without it the agents improvise.\n\n## Example\nA project where `AGENTS.md` was deleted.\n\n## Use instead\nRun `agentpack init` to generate it from the manifest.\n",
    },
};

pub(crate) const AGENT_NOT_MENTIONED: Lint = Lint {
    severity: Severity::Warning,
    doc: RuleDoc {
        code: "AM002",
        name: "agent-not-mentioned",
        summary: "An agent of the manifest is not mentioned in `AGENTS.md`",
        doc: "## What it does\nReports each agent under `agents:` in `agentpack.yaml` whose name does not appear in `AGENTS.md`.\n\n## Why\nAn agent missing from the protocol has no documented inputs, outputs or bar; the orchestrator will not know to delegate to it.\n\n## Example\n`agentpack add tester` was run, then `AGENTS.md` was restored from an old commit.\n\n## Use instead\nRun `agentpack init` to regenerate `AGENTS.md`, or add the agent to the roster.\n",
    },
};

pub(crate) const OUTPUT_NOT_MENTIONED: Lint = Lint {
    severity: Severity::Warning,
    doc: RuleDoc {
        code: "AM003",
        name: "output-not-mentioned",
        summary: "A workflow output is not mentioned in `AGENTS.md`",
        doc: "## What it does\nReports each workflow `output` path of `agentpack.yaml` that does not appear in `AGENTS.md`.\n\n## Why\nAgents find their inputs through the handoff table; an output that is not listed is written where the next agent does not look.\n\n## Example\nThe manifest says `artifacts/research.md`, AGENTS.md says `artifacts/research-output.md`.\n\n## Use instead\nRegenerate `AGENTS.md` with `agentpack init`, or fix the path in one of the files.\n",
    },
};

pub(crate) const UNKNOWN_AGENT: Lint = Lint {
    severity: Severity::Error,
    doc: RuleDoc {
        code: "AM004",
        name: "unknown-agent-mentioned",
        summary: "`AGENTS.md` names an agent that neither the manifest nor `.claude/agents/` defines",
        doc: "## What it does\nReads the agents `AGENTS.md` names (the first column of a table headed `Agent`, and `@agent-NAME` mentions) and reports those that are not in `agents:` of the manifest, not defined in `.claude/agents/` and not a built-in agent type.\n\n## Why\nThe orchestrator follows `AGENTS.md`; delegating to an agent that does not exist fails at run time.\n\n## Example\n```markdown\n| Agent | Role |\n|---|---|\n| `reseacher` | Gathers sources |\n```\n\n## Use instead\nFix the name, or add the agent with `agentpack add`.\n",
    },
};

pub(crate) const LINTS: &[&Lint] = &[
    &MISSING,
    &AGENT_NOT_MENTIONED,
    &OUTPUT_NOT_MENTIONED,
    &UNKNOWN_AGENT,
];

/// Whether `word` occurs in `text` not as part of a longer name.
fn mentions(text: &str, word: &str) -> bool {
    let is_name_char = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(is_name_char) && !after.is_some_and(is_name_char)
    })
}

/// Agents named in `text`, with their 1-based line and column.
pub(crate) fn named_agents(text: &str) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut in_agent_table = false;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if !trimmed.starts_with('|') {
            in_agent_table = false;
        } else {
            let first = trimmed
                .trim_start_matches('|')
                .split('|')
                .next()
                .unwrap_or("")
                .trim();
            if first.eq_ignore_ascii_case("agent") {
                in_agent_table = true;
            } else if in_agent_table && !first.chars().all(|c| matches!(c, '-' | ':' | ' ')) {
                let name = first.trim_matches('`').trim();
                if !name.is_empty() {
                    let col = line.find(name).map_or(1, |c| line[..c].chars().count() + 1);
                    out.push((name.to_string(), i + 1, col));
                }
            }
        }
        for (at, _) in line.match_indices("@agent-") {
            let name: String = line[at + 7..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            if !name.is_empty() {
                out.push((name, i + 1, line[..at].chars().count() + 1));
            }
        }
    }
    out
}

/// AM001 when `path` does not exist.
pub(crate) fn missing(path: &Path) -> Option<Diagnostic> {
    (!path.exists()).then(|| {
        MISSING
            .diag(
                path,
                0,
                0,
                "the project has no AGENTS.md, so the agents have no handoff protocol",
            )
            .with_fix("run `agentpack init` to generate it")
    })
}

/// Checks `AGENTS.md` at `path` against the manifest and the defined agents.
pub(crate) fn check(
    path: &Path,
    manifest: &Manifest,
    agents: &[AgentInfo],
    out: &mut Vec<Diagnostic>,
) {
    if let Some(d) = missing(path) {
        out.push(d);
        return;
    }
    let text = match crate::fsx::read_text(path, crate::fsx::MAX_FILE_BYTES) {
        Ok(t) => t,
        Err(e) => {
            out.push(super::frontmatter::unreadable(path, &e));
            return;
        }
    };
    for name in manifest.agents.keys() {
        if !mentions(&text, name) {
            out.push(
                AGENT_NOT_MENTIONED
                    .diag(path, 1, 1, format!("agent `{name}` of agentpack.yaml is not mentioned"))
                    .with_fix("run `agentpack init` to regenerate AGENTS.md, or add the agent to the roster"),
            );
        }
    }
    for task in &manifest.workflow {
        if !text.contains(task.output.as_str()) {
            out.push(
                OUTPUT_NOT_MENTIONED
                    .diag(path, 1, 1, format!("output `{}` of task `{}` is not mentioned", task.output, task.id))
                    .with_fix("run `agentpack init` to regenerate AGENTS.md, or add the path to the handoff table"),
            );
        }
    }
    let known = |name: &str| {
        manifest.agents.contains_key(name)
            || agents.iter().any(|a| a.name.as_deref() == Some(name))
            || crate::claude::BUILTIN_AGENTS.contains(&name)
    };
    for (name, line, col) in named_agents(&text) {
        if !known(&name) {
            let fix =
                match super::suggest::nearest(&name, manifest.agents.keys().map(String::as_str)) {
                    Some(n) => format!("did you mean `{n}`?"),
                    None => format!(
                        "add `{name}` with `agentpack add {name}`, or remove it from AGENTS.md"
                    ),
                };
            out.push(
                UNKNOWN_AGENT
                    .diag(
                        path,
                        line,
                        col,
                        format!("AGENTS.md names agent `{name}`, which is not defined"),
                    )
                    .with_fix(fix),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_roster_names_and_mentions() {
        let text = "# X\n\n| Agent | Role |\n|---|---|\n| `writer` | w |\n| researcher | r |\n\nAsk @agent-editor.\n\n| Artifact | By |\n|---|---|\n| `a.md` | x |\n";
        let names: Vec<_> = named_agents(text)
            .into_iter()
            .map(|(n, l, _)| (n, l))
            .collect();
        assert_eq!(
            names,
            [
                ("writer".into(), 5),
                ("researcher".into(), 6),
                ("editor".into(), 8)
            ]
        );
        assert!(mentions("the `writer` agent", "writer"));
        assert!(!mentions("ghost-writer", "writer"));
    }
}
