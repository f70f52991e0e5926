//! `agentpack.yaml` as `check` sees it. The findings come from the project's one manifest
//! validator (`project::validate`: schema and globs, the DAG with the cycle spelled out, task
//! agents, outputs, rubric names); this file documents those codes and adds the one rule only
//! `check` can see, agents without a definition file.

use std::path::Path;

use super::model::AgentInfo;
use super::rule::Lint;
use crate::diag::{Diagnostic, Severity};
use crate::project::{Manifest, validate};
use crate::rules::RuleDoc;

pub(crate) const INVALID_MANIFEST: Lint = Lint {
    severity: Severity::Error,
    doc: RuleDoc {
        code: validate::INVALID_MANIFEST,
        name: "invalid-manifest",
        summary: "`agentpack.yaml` does not parse or breaks its schema",
        doc: "## What it does\nParses `agentpack.yaml` and reports YAML errors, unknown keys, wrong types, an unsupported `version`, a `threshold` over 100, `max_iterations: 0`, duplicate task ids and `review.rules` globs that do not compile, each at its line. Every command that loads the project refuses these, so `check` and `review` agree.\n\n## Why\nEvery agentpack command reads the manifest; a broken one stops `review`, `status` and `plan`.\n\n## Example\n```yaml\nversion: 1\nthreshhold: 80\n```\n\n## Use instead\n```yaml\nversion: 1\nthreshold: 80\n```\n",
    },
};

pub(crate) const WORKFLOW_NOT_DAG: Lint = Lint {
    severity: Severity::Error,
    doc: RuleDoc {
        code: validate::WORKFLOW_NOT_DAG,
        name: "workflow-not-dag",
        summary: "The workflow has a cycle or needs a task that does not exist",
        doc: "## What it does\nChecks that `needs` only names tasks of the workflow and that following `needs` never comes back to a task; the cycle is printed (`a -> b -> a`).\n\n## Why\nA cycle means no task of it can ever start; `plan` and `status` cannot order the work.\n\n## Example\n```yaml\nworkflow:\n  - { id: draft, agent: writer, needs: [edit], output: artifacts/draft.md }\n  - { id: edit, agent: editor, needs: [draft], output: artifacts/edit.md }\n```\n\n## Use instead\nDrop one edge: `edit` needs `draft`, and `draft` needs nothing.\n",
    },
};

pub(crate) const UNKNOWN_TASK_AGENT: Lint = Lint {
    severity: Severity::Error,
    doc: RuleDoc {
        code: validate::UNKNOWN_TASK_AGENT,
        name: "unknown-task-agent",
        summary: "A workflow task names an agent the manifest does not declare",
        doc: "## What it does\nReports a task whose `agent` is not a key of `agents:`.\n\n## Why\nThe orchestrator delegates each task to its agent; an undeclared agent has no definition and no row in AGENTS.md.\n\n## Example\n```yaml\nagents: { writer: {} }\nworkflow:\n  - { id: write, agent: writter, output: artifacts/w.md }\n```\n\n## Use instead\n`agent: writer`, or add the agent with `agentpack add`.\n",
    },
};

pub(crate) const AGENT_WITHOUT_DEFINITION: Lint = Lint {
    severity: Severity::Error,
    doc: RuleDoc {
        code: "PJ004",
        name: "agent-without-definition",
        summary: "An agent of the manifest has no definition in `.claude/agents/`",
        doc: "## What it does\nReports an agent declared under `agents:` for which no file in `.claude/agents/` has that `name`.\n\n## Why\nClaude Code only knows agents defined in files; delegating to a missing one fails at run time.\n\n## Example\n`agents: { tester: {} }` with no `.claude/agents/tester.md`.\n\n## Use instead\nRun `agentpack init` (or `agentpack add tester`) to generate the file, or remove the agent.\n",
    },
};

pub(crate) const INVALID_OUTPUT: Lint = Lint {
    severity: Severity::Error,
    doc: RuleDoc {
        code: validate::INVALID_OUTPUT,
        name: "invalid-output",
        summary: "A task output leaves the project or is shared by two tasks",
        doc: "## What it does\nReports a workflow `output` that is absolute, escapes with `..` or through a symlink, or is the output of another task too.\n\n## Why\nTwo tasks writing one file overwrite each other's work, and review history cannot tell them apart; a path outside the project is written where nobody looks.\n\n## Example\n```yaml\n  - { id: a, agent: writer, output: ../notes.md }\n```\n\n## Use instead\n```yaml\n  - { id: a, agent: writer, output: artifacts/notes.md }\n```\n",
    },
};

pub(crate) const UNKNOWN_RUBRIC: Lint = Lint {
    severity: Severity::Error,
    doc: RuleDoc {
        code: validate::UNKNOWN_RUBRIC,
        name: "unknown-rubric",
        summary: "A rubric name is neither built in nor in `.agentpack/rubrics/`",
        doc: "## What it does\nResolves every rubric name of the manifest (tasks, `review.rules`, `review.default_rubric`) against the built-in rubrics and `.agentpack/rubrics/NAME.yaml`.\n\n## Why\n`review` cannot score an artifact whose rubric does not exist.\n\n## Example\n```yaml\n    rubric: research-reprot\n```\n\n## Use instead\n```yaml\n    rubric: research-report\n```\nor add `.agentpack/rubrics/research-reprot.yaml`.\n",
    },
};

/// Validates the contents of `.agentpack/rubrics/*.yaml`.
pub(crate) fn check_rubric_files(root: &Path) -> Vec<Diagnostic> {
    let dirs = [crate::rubric::RUBRIC_DIR, crate::assets::RUBRICS.legacy_dir];
    let mut files: Vec<std::path::PathBuf> = dirs
        .iter()
        .filter_map(|dir| std::fs::read_dir(root.join(dir)).ok())
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    files.sort();
    files
        .iter()
        .flat_map(|path| {
            let rel = path.strip_prefix(root).unwrap_or(path);
            crate::rubric::validate_file(path)
                .into_iter()
                .map(move |mut d| {
                    d.path = rel.to_path_buf();
                    d
                })
        })
        .collect()
}

/// Checks the manifest with the project's one validator, plus what only `check` can see:
/// agents without a definition file. Returns the manifest when it parsed (for AGENTS.md).
pub(crate) fn check_manifest(
    root: &Path,
    path: &Path,
    agents: &[AgentInfo],
    out: &mut Vec<Diagnostic>,
) -> Option<Manifest> {
    let text = match crate::fsx::read_text(path, crate::fsx::MAX_FILE_BYTES) {
        Ok(t) => t,
        Err(e) => {
            out.push(INVALID_MANIFEST.diag(path, 0, 0, e.to_string()));
            return None;
        }
    };
    let checked = validate::validate(root, path, &text);
    out.extend(checked.diagnostics);
    let manifest = checked.manifest?;
    // Well-formed rule specs of `check:` must also name a rule that exists.
    for (spec, at) in validate::rule_specs(&manifest, &checked.marks) {
        if validate::is_rule_spec(spec) && !super::select::known(spec) {
            out.push(validate::unknown_rule_spec(path, spec, at));
        }
    }
    let defined: Vec<&str> = agents
        .iter()
        .filter(|a| a.tree == root.join(".claude").join("agents"))
        .filter_map(|a| a.name.as_deref())
        .collect();
    for name in manifest.agents.keys() {
        if !defined.contains(&name.as_str()) {
            let (l, c) = checked.marks.agent(name);
            out.push(
                AGENT_WITHOUT_DEFINITION
                    .diag(path, l, c, format!("agent `{name}` has no definition in .claude/agents/ (no file with `name: {name}`)"))
                    .with_fix(format!("run `agentpack init` to generate .claude/agents/{name}.md, or remove `{name}` from `agents:`")),
            );
        }
    }
    Some(manifest)
}
