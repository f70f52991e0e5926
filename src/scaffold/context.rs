//! The template context: what a manifest looks like to the templates. Each agent is joined
//! with its catalog entry (the manifest's own settings win), and the workflow is read both
//! ways, so an agent's file can say what it reads and who reads its output.

use std::collections::BTreeSet;

use indexmap::IndexMap;
use serde::Serialize;

use super::catalog::catalog;
use crate::project::{AgentConfig, Manifest, ReviewConfig, Task};

/// Where review feedback for the agents is written.
pub(crate) use crate::project::FEEDBACK_PATH;

/// What templates see of an agent.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct AgentCtx {
    pub name: String,
    /// The catalog agent it is (its template); the name unless the manifest says otherwise.
    pub catalog: String,
    pub role: String,
    pub description: String,
    pub tools: Vec<String>,
    pub model: String,
    pub color: String,
    pub output: String,
    pub rubric: String,
    pub revision_pattern: String,
    pub revision_example: String,
    pub reads: Vec<String>,
    pub read_by: Vec<String>,
    pub task: String,
    /// Every task the agent runs with its output, in workflow order: an agent with several
    /// tasks may write each of them.
    pub outputs: Vec<OutputCtx>,
    /// Whether the catalog has a template for it (custom agents have none).
    pub builtin: bool,
    /// The manifest's own settings for it, exactly as written (for re-rendering the manifest).
    pub config: AgentConfig,
}

/// One task of an agent and the artifact it writes.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct OutputCtx {
    pub task: String,
    pub output: String,
    pub revision_example: String,
}

/// What templates see of the project.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ProjectCtx {
    pub name: String,
    pub description: String,
    pub pack: String,
    pub threshold: u32,
    pub max_iterations: u32,
    pub feedback: String,
    /// Where `agentpack archive` puts finished runs.
    pub runs: String,
    pub hooks: bool,
}

/// What templates see of a workflow task: the manifest's task, with `rubric` the one review
/// applies (the task's, else `review.default_rubric`, else `generic`), plus who reads its
/// output.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TaskCtx {
    #[serde(flatten)]
    pub task: Task,
    /// The task's `rubric:` as written in the manifest (null when it has none), for the
    /// manifest template.
    pub own_rubric: Option<String>,
    /// Agents of the tasks that need this one, in workflow order.
    pub read_by: Vec<String>,
}

/// The whole template context.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Context {
    pub project: ProjectCtx,
    pub agents: Vec<AgentCtx>,
    pub workflow: Vec<TaskCtx>,
    pub review: ReviewConfig,
    pub vars: IndexMap<String, serde_json::Value>,
    /// The manifest's `judge:` block as written (for re-rendering the manifest).
    pub judge: Option<crate::project::JudgeConfig>,
    /// The workflow as a mermaid flowchart.
    pub mermaid: String,
    /// Task ids grouped into waves that can run in parallel (empty if the DAG is broken).
    pub waves: Vec<Vec<String>>,
    /// The agent a person starts the workflow with ([`Context::entry_agent`]).
    pub entry: String,
    pub version: &'static str,
}

/// The context for one agent's file: the project context plus `agent`.
#[derive(Debug, Serialize)]
pub(crate) struct AgentFileCtx<'a> {
    #[serde(flatten)]
    pub base: &'a Context,
    pub agent: &'a AgentCtx,
}

/// `artifacts/x.md` -> (`artifacts/x.vN.md`, `artifacts/x.v2.md`).
pub(crate) fn revision_paths(output: &str) -> (String, String) {
    let stem = output.strip_suffix(".md").unwrap_or(output);
    (format!("{stem}.vN.md"), format!("{stem}.v2.md"))
}

impl Context {
    /// The agent a person starts the workflow with: the catalog's orchestrator (under
    /// whatever name the project gives it), else the agent of the last workflow task.
    pub(crate) fn entry_agent(&self) -> String {
        self.agents
            .iter()
            .find(|a| a.catalog == super::catalog::ORCHESTRATOR)
            .map(|a| a.name.clone())
            .or_else(|| self.workflow.last().map(|t| t.task.agent.clone()))
            .or_else(|| self.agents.first().map(|a| a.name.clone()))
            .unwrap_or_default()
    }

    pub(crate) fn new(manifest: &Manifest) -> Context {
        let mut context = Context::without_entry(manifest);
        context.entry = context.entry_agent();
        context
    }

    fn without_entry(manifest: &Manifest) -> Context {
        let agents = manifest
            .agents
            .iter()
            .map(|(name, cfg)| agent_ctx(manifest, name, cfg))
            .collect();
        Context {
            project: ProjectCtx {
                name: manifest.name.clone(),
                description: manifest.description.clone().unwrap_or_default(),
                pack: manifest.pack.clone().unwrap_or_else(|| "custom".into()),
                threshold: manifest.threshold(),
                max_iterations: manifest.max_iterations(),
                feedback: FEEDBACK_PATH.into(),
                runs: crate::project::run::RUNS_DIR.into(),
                hooks: manifest.hooks(),
            },
            agents,
            workflow: manifest
                .workflow
                .iter()
                .map(|t| {
                    let mut read_by = Vec::new();
                    for other in manifest.workflow.iter().filter(|o| o.needs.contains(&t.id)) {
                        push_unique(&mut read_by, &other.agent);
                    }
                    let mut task = t.clone();
                    task.rubric = Some(task_rubric(manifest, t));
                    TaskCtx {
                        task,
                        own_rubric: t.rubric.clone(),
                        read_by,
                    }
                })
                .collect(),
            review: manifest.review.clone(),
            vars: manifest.vars.clone(),
            judge: manifest.judge.clone(),
            mermaid: crate::project::workflow::mermaid(&manifest.workflow),
            waves: crate::project::workflow::waves(&manifest.workflow)
                .map(|waves| {
                    waves
                        .iter()
                        .map(|w| w.iter().map(|&i| manifest.workflow[i].id.clone()).collect())
                        .collect()
                })
                .unwrap_or_default(),
            entry: String::new(),
            version: env!("CARGO_PKG_VERSION"),
        }
    }
}

fn agent_ctx(manifest: &Manifest, name: &str, cfg: &AgentConfig) -> AgentCtx {
    let catalog_name = cfg.catalog.clone().unwrap_or_else(|| name.to_string());
    let cat = catalog().get(&catalog_name);
    let own: Vec<&Task> = manifest
        .workflow
        .iter()
        .filter(|t| t.agent == name)
        .collect();
    let own_ids: BTreeSet<&str> = own.iter().map(|t| t.id.as_str()).collect();
    let output = own
        .first()
        .map(|t| t.output.clone())
        .or_else(|| cat.map(|c| c.output.clone()))
        .unwrap_or_else(|| super::wiring::custom_output(name));
    let rubric = own
        .first()
        .map(|t| task_rubric(manifest, t))
        .or_else(|| cat.map(|c| c.rubric.clone()))
        .unwrap_or_else(|| "generic".into());
    let mut reads = Vec::new();
    for task in &own {
        for need in &task.needs {
            if let Some(dep) = manifest.workflow.iter().find(|t| &t.id == need) {
                push_unique(&mut reads, &dep.output);
            }
        }
    }
    let mut read_by = Vec::new();
    for task in &manifest.workflow {
        if task.needs.iter().any(|n| own_ids.contains(n.as_str())) {
            push_unique(&mut read_by, &task.agent);
        }
    }
    let (revision_pattern, revision_example) = revision_paths(&output);
    AgentCtx {
        name: name.to_string(),
        catalog: catalog_name,
        role: cat
            .map(|c| c.role.clone())
            .unwrap_or_else(|| "Custom agent".into()),
        description: cfg
            .description
            .clone()
            .or_else(|| cat.map(|c| c.description.clone()))
            .unwrap_or_default(),
        tools: cfg
            .tools
            .clone()
            .or_else(|| cat.map(|c| c.tools.clone()))
            .unwrap_or_default(),
        model: cfg
            .model
            .clone()
            .or_else(|| cat.map(|c| c.model.clone()))
            .unwrap_or_else(|| "inherit".into()),
        color: cfg
            .color
            .clone()
            .or_else(|| cat.map(|c| c.color.clone()))
            .unwrap_or_default(),
        output,
        rubric,
        revision_pattern,
        revision_example,
        reads,
        read_by,
        task: own.first().map(|t| t.id.clone()).unwrap_or_default(),
        outputs: own
            .iter()
            .map(|t| OutputCtx {
                task: t.id.clone(),
                output: t.output.clone(),
                revision_example: revision_paths(&t.output).1,
            })
            .collect(),
        builtin: cat.is_some(),
        config: cfg.clone(),
    }
}

/// The rubric review applies to a task's output when no glob rule is more specific.
fn task_rubric(manifest: &Manifest, task: &Task) -> String {
    task.rubric
        .clone()
        .or_else(|| manifest.review.default_rubric.clone())
        .unwrap_or_else(|| "generic".into())
}

fn push_unique(list: &mut Vec<String>, item: &str) {
    if !list.iter().any(|x| x == item) {
        list.push(item.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scaffold::catalog::{DEFAULT_PACK, manifest_for_pack};

    #[test]
    fn every_agent_template_lists_the_outputs_of_a_many_task_agent() {
        let names = crate::assets::TEMPLATES.names();
        for name in names.iter().filter(|n| n.starts_with("agents/")) {
            let text = crate::assets::TEMPLATES.builtin(name).unwrap();
            assert!(
                text.contains("{%- include \"partials/agent-outputs.md.j2\" %}"),
                "{name} does not include the outputs partial"
            );
        }
    }

    #[test]
    fn context_links_readers_and_writers() {
        let m = manifest_for_pack(DEFAULT_PACK, "demo").unwrap();
        let ctx = Context::new(&m);
        let writer = ctx.agents.iter().find(|a| a.name == "writer").unwrap();
        assert_eq!(writer.reads, ["artifacts/research-output.md"]);
        assert_eq!(writer.read_by, ["orchestrator"]);
        assert_eq!(writer.revision_example, "artifacts/synthesis-output.v2.md");
        let researcher = ctx.agents.iter().find(|a| a.name == "researcher").unwrap();
        assert!(researcher.reads.is_empty());
    }
}
