//! `agentpack.yaml` as `check` sees it: the schema (every problem is a finding with its line,
//! not just the first), the workflow DAG with the cycle spelled out, task agents that exist,
//! outputs that are unique and inside the project, and rubric names that resolve.

use std::collections::HashMap;
use std::path::Path;

use super::model::AgentInfo;
use super::rule::Lint;
use super::suggest::nearest;
use crate::diag::{Diagnostic, Severity};
use crate::project::workflow::GraphError;
use crate::project::{Manifest, locate};
use crate::rules::RuleDoc;

pub(crate) const INVALID_MANIFEST: Lint = Lint {
    severity: Severity::Error,
    doc: RuleDoc {
        code: "PJ001",
        name: "invalid-manifest",
        summary: "`agentpack.yaml` does not parse or breaks its schema",
        doc: "## What it does\nParses `agentpack.yaml` and reports YAML errors, unknown keys, wrong types, an unsupported `version`, a `threshold` over 100, `max_iterations: 0` and duplicate task ids, each at its line.\n\n## Why\nEvery agentpack command reads the manifest; a broken one stops `review`, `status` and `plan`.\n\n## Example\n```yaml\nversion: 1\nthreshhold: 80\n```\n\n## Use instead\n```yaml\nversion: 1\nthreshold: 80\n```\n",
    },
};

pub(crate) const WORKFLOW_NOT_DAG: Lint = Lint {
    severity: Severity::Error,
    doc: RuleDoc {
        code: "PJ002",
        name: "workflow-not-dag",
        summary: "The workflow has a cycle or needs a task that does not exist",
        doc: "## What it does\nChecks that `needs` only names tasks of the workflow and that following `needs` never comes back to a task; the cycle is printed (`a -> b -> a`).\n\n## Why\nA cycle means no task of it can ever start; `plan` and `status` cannot order the work.\n\n## Example\n```yaml\nworkflow:\n  - { id: draft, agent: writer, needs: [edit], output: artifacts/draft.md }\n  - { id: edit, agent: editor, needs: [draft], output: artifacts/edit.md }\n```\n\n## Use instead\nDrop one edge: `edit` needs `draft`, and `draft` needs nothing.\n",
    },
};

pub(crate) const UNKNOWN_TASK_AGENT: Lint = Lint {
    severity: Severity::Error,
    doc: RuleDoc {
        code: "PJ003",
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
        code: "PJ005",
        name: "invalid-output",
        summary: "A task output leaves the project or is shared by two tasks",
        doc: "## What it does\nReports a workflow `output` that is absolute, escapes with `..` or through a symlink, or is the output of another task too.\n\n## Why\nTwo tasks writing one file overwrite each other's work, and review history cannot tell them apart; a path outside the project is written where nobody looks.\n\n## Example\n```yaml\n  - { id: a, agent: writer, output: ../notes.md }\n```\n\n## Use instead\n```yaml\n  - { id: a, agent: writer, output: artifacts/notes.md }\n```\n",
    },
};

pub(crate) const UNKNOWN_RUBRIC: Lint = Lint {
    severity: Severity::Error,
    doc: RuleDoc {
        code: "PJ006",
        name: "unknown-rubric",
        summary: "A rubric name is neither built in nor in `config/rubrics/`",
        doc: "## What it does\nResolves every rubric name of the manifest (tasks, `review.rules`, `review.default_rubric`) against the built-in rubrics and `config/rubrics/NAME.yaml`.\n\n## Why\n`review` cannot score an artifact whose rubric does not exist.\n\n## Example\n```yaml\n    rubric: research-reprot\n```\n\n## Use instead\n```yaml\n    rubric: research-report\n```\nor add `config/rubrics/research-reprot.yaml`.\n",
    },
};

/// Validates the contents of `config/rubrics/*.yaml`.
pub(crate) fn check_rubric_files(root: &Path) -> Vec<Diagnostic> {
    let Ok(entries) = std::fs::read_dir(root.join(crate::rubric::RUBRIC_DIR)) else {
        return Vec::new();
    };
    let mut files: Vec<std::path::PathBuf> = entries
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

/// Position of `needle` after the task with `id` (falls back to the first `needle`).
fn locate_in_task(text: &str, id: &str, needle: &str) -> (usize, usize) {
    let anchor = [
        format!("id: {id}"),
        format!("id: \"{id}\""),
        format!("id: '{id}'"),
    ]
    .iter()
    .find_map(|a| text.find(a.as_str()));
    match anchor.and_then(|at| text[at..].find(needle).map(|n| at + n)) {
        Some(pos) => crate::diag::LineIndex::new(text).line_col(text, pos),
        None => locate(text, needle),
    }
}

/// Checks the manifest; returns it when it parsed (for the AGENTS.md rules).
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
    if text.trim().is_empty() {
        out.push(
            INVALID_MANIFEST
                .diag(path, 1, 1, "the manifest is empty")
                .with_fix("run `agentpack init` to write one"),
        );
        return None;
    }
    let manifest: Manifest = match crate::yaml::parse(&text, 0) {
        Ok(m) => m,
        Err(e) => {
            out.push(
                INVALID_MANIFEST
                    .diag(path, e.line, e.column, e.message)
                    .with_fix("see `agentpack explain PJ001` for the schema"),
            );
            return None;
        }
    };
    let at = |needle: &str| locate(&text, needle);
    if manifest.version != 1 {
        let (l, c) = at("version");
        out.push(
            INVALID_MANIFEST
                .diag(
                    path,
                    l,
                    c,
                    format!("unsupported version {}", manifest.version),
                )
                .with_fix("write `version: 1`"),
        );
    }
    if manifest.threshold.is_some_and(|t| t > 100) {
        let (l, c) = at("threshold");
        out.push(
            INVALID_MANIFEST
                .diag(path, l, c, "threshold must be between 0 and 100")
                .with_fix("write a pass mark such as `threshold: 80`"),
        );
    }
    if manifest.max_iterations == Some(0) {
        let (l, c) = at("max_iterations");
        out.push(
            INVALID_MANIFEST
                .diag(path, l, c, "max_iterations must be at least 1")
                .with_fix("write `max_iterations: 3`"),
        );
    }
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut outputs: HashMap<&str, &str> = HashMap::new();
    let defined: Vec<&str> = agents
        .iter()
        .filter(|a| a.tree == root.join(".claude").join("agents"))
        .filter_map(|a| a.name.as_deref())
        .collect();
    for task in &manifest.workflow {
        if ids.insert(task.id.as_str(), 0).is_some() {
            let (l, c) = locate_in_task(&text, &task.id, "id");
            out.push(
                INVALID_MANIFEST
                    .diag(path, l, c, format!("task id `{}` is used twice", task.id))
                    .with_fix("give every task a unique id"),
            );
        }
        if !manifest.agents.contains_key(&task.agent) {
            let (l, c) = locate_in_task(&text, &task.id, &task.agent);
            let fix = match nearest(&task.agent, manifest.agents.keys().map(String::as_str)) {
                Some(n) => format!("use `agent: {n}`"),
                None => format!(
                    "declare `{}` under `agents:` (or run `agentpack add {}`)",
                    task.agent, task.agent
                ),
            };
            out.push(
                UNKNOWN_TASK_AGENT
                    .diag(
                        path,
                        l,
                        c,
                        format!(
                            "task `{}` runs agent `{}`, which `agents:` does not declare",
                            task.id, task.agent
                        ),
                    )
                    .with_fix(fix),
            );
        }
        let (l, c) = locate_in_task(&text, &task.id, &task.output);
        let escape = crate::fsx::check_relative(&task.output).err().or_else(|| {
            crate::fsx::join_inside(root, &task.output)
                .err()
                .map(|e| e.to_string())
        });
        if let Some(msg) = escape {
            out.push(
                INVALID_OUTPUT
                    .diag(path, l, c, format!("task `{}`: {msg}", task.id))
                    .with_fix("write outputs below the project, e.g. `artifacts/NAME.md`"),
            );
        } else if let Some(first) = outputs.insert(task.output.as_str(), task.id.as_str()) {
            out.push(
                INVALID_OUTPUT
                    .diag(
                        path,
                        l,
                        c,
                        format!(
                            "task `{}` writes `{}`, the output of task `{first}` too",
                            task.id, task.output
                        ),
                    )
                    .with_fix("give each task its own output file"),
            );
        }
    }
    match crate::project::workflow::waves(&manifest.workflow) {
        Ok(_) => {}
        Err(err) => {
            let (l, c) = match &err {
                GraphError::UnknownNeed { task, missing } => locate_in_task(&text, task, missing),
                GraphError::Cycle(ids) => ids
                    .first()
                    .map_or((1, 1), |id| locate_in_task(&text, id, "needs")),
            };
            let fix = match &err {
                GraphError::UnknownNeed { missing, .. } => {
                    match nearest(missing, manifest.workflow.iter().map(|t| t.id.as_str())) {
                        Some(n) => format!("use `{n}`"),
                        None => "name an existing task id in `needs`".into(),
                    }
                }
                GraphError::Cycle(_) => "remove one `needs` edge of the cycle".into(),
            };
            out.push(
                WORKFLOW_NOT_DAG
                    .diag(path, l, c, err.to_string())
                    .with_fix(fix),
            );
        }
    }
    for name in manifest.agents.keys() {
        if !defined.contains(&name.as_str()) {
            let (l, c) = at(&format!("{name}:"));
            out.push(
                AGENT_WITHOUT_DEFINITION
                    .diag(path, l, c, format!("agent `{name}` has no definition in .claude/agents/ (no file with `name: {name}`)"))
                    .with_fix(format!("run `agentpack init` to generate .claude/agents/{name}.md, or remove `{name}` from `agents:`")),
            );
        }
    }
    check_rubrics(root, path, &text, &manifest, out);
    Some(manifest)
}

fn check_rubrics(
    root: &Path,
    path: &Path,
    text: &str,
    manifest: &Manifest,
    out: &mut Vec<Diagnostic>,
) {
    let builtin = crate::rubric::builtin_names();
    let mut names: Vec<(&str, (usize, usize))> = Vec::new();
    for task in &manifest.workflow {
        if let Some(r) = &task.rubric {
            names.push((r, locate_in_task(text, &task.id, r)));
        }
    }
    for rule in &manifest.review.rules {
        names.push((&rule.rubric, locate(text, &rule.rubric)));
    }
    if let Some(r) = &manifest.review.default_rubric {
        names.push((r, locate(text, "default_rubric")));
    }
    for (name, (line, col)) in names {
        let local = crate::fsx::check_relative(name).is_ok()
            && root
                .join(crate::rubric::RUBRIC_DIR)
                .join(format!("{name}.yaml"))
                .is_file();
        if builtin.contains(&name) || local {
            continue;
        }
        let fix = match nearest(name, builtin.iter().copied()) {
            Some(n) => format!("use `{n}`, or add config/rubrics/{name}.yaml"),
            None => format!(
                "add config/rubrics/{name}.yaml; `agentpack list rubrics` shows the built-in ones"
            ),
        };
        out.push(
            UNKNOWN_RUBRIC
                .diag(
                    path,
                    line,
                    col,
                    format!("rubric `{name}` is neither built in nor in config/rubrics/"),
                )
                .with_fix(fix),
        );
    }
}
