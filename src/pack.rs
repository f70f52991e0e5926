//! The agent catalog and the built-in packs (data in `templates/`), and how a manifest
//! becomes the context templates are rendered with. The manifest is the single source of
//! truth: `init` builds one from a pack, `add` extends one, and every generated file is
//! rendered from it.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use crate::project::{AgentConfig, Manifest, ReviewConfig, ReviewRule, Task};
use crate::templates;

/// The pack `init` uses when none is named.
pub const DEFAULT_PACK: &str = "research-writing";
/// The agent that decomposes, delegates, gates and synthesizes.
pub const ORCHESTRATOR: &str = "orchestrator";
/// Where review feedback for the agents is written.
pub const FEEDBACK_PATH: &str = "artifacts/feedback.md";

/// One agent of the catalog.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogAgent {
    pub role: String,
    pub description: String,
    pub tools: Vec<String>,
    pub model: String,
    pub color: String,
    pub output: String,
    pub rubric: String,
}

/// A built-in pack: its agents and workflow.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackDef {
    pub description: String,
    pub agents: Vec<String>,
    pub workflow: Vec<PackTask>,
    #[serde(default)]
    pub review_rules: Vec<ReviewRule>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackTask {
    pub id: String,
    pub agent: String,
    #[serde(default)]
    pub needs: Vec<String>,
}

/// The catalog, in file order.
pub fn catalog() -> &'static IndexMap<String, CatalogAgent> {
    static CATALOG: OnceLock<IndexMap<String, CatalogAgent>> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let text = templates::embedded("catalog.yaml").expect("templates/catalog.yaml is embedded");
        crate::yaml::parse(text, 0).unwrap_or_else(|e| panic!("built-in catalog.yaml:{e}"))
    })
}

/// The built-in packs, sorted by name.
pub fn packs() -> &'static [(String, PackDef)] {
    static PACKS: OnceLock<Vec<(String, PackDef)>> = OnceLock::new();
    PACKS.get_or_init(|| {
        let mut packs: Vec<(String, PackDef)> = templates::embedded_files()
            .iter()
            .filter_map(|(path, text)| {
                let name = path.strip_prefix("packs/")?.strip_suffix(".yaml")?;
                let def = crate::yaml::parse(text, 0)
                    .unwrap_or_else(|e| panic!("built-in packs/{name}.yaml:{e}"));
                Some((name.to_string(), def))
            })
            .collect();
        packs.sort_by(|a, b| a.0.cmp(&b.0));
        packs
    })
}

/// A pack by name, or an error listing the valid ones.
pub fn pack(name: &str) -> anyhow::Result<&'static PackDef> {
    packs()
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, def)| def)
        .ok_or_else(|| {
            let valid: Vec<_> = packs().iter().map(|(n, _)| n.as_str()).collect();
            anyhow::anyhow!("unknown pack `{name}`; valid packs: {}", valid.join(", "))
        })
}

/// Checks agent names against the catalog; the error lists the valid ones.
pub fn check_agent_names<'a>(names: impl IntoIterator<Item = &'a str>) -> anyhow::Result<()> {
    let unknown: Vec<&str> = names
        .into_iter()
        .filter(|n| !catalog().contains_key(*n))
        .collect();
    if unknown.is_empty() {
        return Ok(());
    }
    let valid: Vec<_> = catalog().keys().map(String::as_str).collect();
    anyhow::bail!(
        "unknown agent{} `{}`; the catalog has: {}",
        if unknown.len() > 1 { "s" } else { "" },
        unknown.join("`, `"),
        valid.join(", ")
    )
}

/// A manifest for a built-in pack.
pub fn manifest_for_pack(pack_name: &str, project_name: &str) -> anyhow::Result<Manifest> {
    let def = pack(pack_name)?;
    let workflow = def
        .workflow
        .iter()
        .map(|t| {
            let agent = &catalog()[&t.agent];
            Task {
                id: t.id.clone(),
                agent: t.agent.clone(),
                needs: t.needs.clone(),
                output: agent.output.clone(),
                rubric: Some(agent.rubric.clone()),
            }
        })
        .collect();
    Ok(Manifest {
        version: 1,
        name: project_name.to_string(),
        description: Some(def.description.clone()),
        pack: Some(pack_name.to_string()),
        threshold: Some(crate::project::DEFAULT_THRESHOLD),
        max_iterations: Some(crate::project::DEFAULT_MAX_ITERATIONS),
        hooks: None,
        agents: def
            .agents
            .iter()
            .map(|a| (a.clone(), agent_config(a)))
            .collect(),
        workflow,
        review: ReviewConfig {
            rules: def.review_rules.clone(),
            default_rubric: Some("generic".into()),
        },
        vars: IndexMap::new(),
    })
}

/// A manifest for a hand-picked list of agents: they run in the order given and the
/// orchestrator (always included) synthesizes their work.
pub fn manifest_for_agents(agents: &[String], project_name: &str) -> anyhow::Result<Manifest> {
    check_agent_names(agents.iter().map(String::as_str))?;
    let mut manifest = Manifest {
        version: 1,
        name: project_name.to_string(),
        description: Some("Custom agent pack".into()),
        pack: None,
        threshold: Some(crate::project::DEFAULT_THRESHOLD),
        max_iterations: Some(crate::project::DEFAULT_MAX_ITERATIONS),
        hooks: None,
        agents: IndexMap::new(),
        workflow: Vec::new(),
        review: ReviewConfig {
            rules: Vec::new(),
            default_rubric: Some("generic".into()),
        },
        vars: IndexMap::new(),
    };
    add_agents(&mut manifest, &[ORCHESTRATOR.to_string()])?;
    add_agents(&mut manifest, agents)?;
    Ok(manifest)
}

fn agent_config(name: &str) -> AgentConfig {
    AgentConfig {
        model: catalog().get(name).map(|a| a.model.clone()),
        ..AgentConfig::default()
    }
}

/// Adds catalog agents to a manifest, each with a workflow task that runs before the
/// orchestrator's final synthesis. Returns the names actually added (present ones are skipped).
pub fn add_agents(manifest: &mut Manifest, names: &[String]) -> anyhow::Result<Vec<String>> {
    check_agent_names(names.iter().map(String::as_str))?;
    let mut added = Vec::new();
    for name in names {
        if manifest.agents.contains_key(name) {
            continue;
        }
        let cat = &catalog()[name];
        manifest.agents.insert(name.clone(), agent_config(name));
        added.push(name.clone());
        let id = unique(name, |c| manifest.workflow.iter().any(|t| t.id == c));
        let output = if manifest.workflow.iter().any(|t| t.output == cat.output) {
            format!("artifacts/{name}-output.md")
        } else {
            cat.output.clone()
        };
        let final_idx = manifest
            .workflow
            .iter()
            .rposition(|t| t.agent == ORCHESTRATOR);
        let mut task = Task {
            id: id.clone(),
            agent: name.clone(),
            needs: Vec::new(),
            output,
            rubric: Some(cat.rubric.clone()),
        };
        let after_last: Vec<String> = manifest
            .workflow
            .last()
            .map(|t| t.id.clone())
            .into_iter()
            .collect();
        match final_idx {
            // The orchestrator's own task is added when the first specialist arrives.
            _ if name == ORCHESTRATOR => {
                task.needs = after_last;
                task.id = unique("synthesize", |c| {
                    manifest.workflow.iter().any(|t| t.id == c)
                });
                manifest.workflow.push(task);
            }
            Some(i) => {
                task.needs = std::mem::replace(&mut manifest.workflow[i].needs, vec![id]);
                manifest.workflow.insert(i, task);
            }
            None => {
                task.needs = after_last;
                manifest.workflow.push(task);
            }
        }
    }
    Ok(added)
}

fn unique(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|c| !taken(c))
        .unwrap_or_else(|| base.to_string())
}

/// What templates see of an agent.
#[derive(Debug, Clone, Serialize)]
pub struct AgentCtx {
    pub name: String,
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
    /// Whether the catalog has a template for it (custom agents have none).
    pub builtin: bool,
    /// The manifest's own settings for it, exactly as written (for re-rendering the manifest).
    pub config: AgentConfig,
}

/// What templates see of the project.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectCtx {
    pub name: String,
    pub description: String,
    pub pack: String,
    pub threshold: u32,
    pub max_iterations: u32,
    pub feedback: String,
    pub hooks: bool,
}

/// What templates see of a workflow task: the manifest's task plus who reads its output.
#[derive(Debug, Clone, Serialize)]
pub struct TaskCtx {
    #[serde(flatten)]
    pub task: Task,
    /// Agents of the tasks that need this one, in workflow order.
    pub read_by: Vec<String>,
}

/// The whole template context.
#[derive(Debug, Clone, Serialize)]
pub struct Context {
    pub project: ProjectCtx,
    pub agents: Vec<AgentCtx>,
    pub workflow: Vec<TaskCtx>,
    pub review: ReviewConfig,
    pub vars: IndexMap<String, serde_json::Value>,
    /// The workflow as a mermaid flowchart.
    pub mermaid: String,
    /// Task ids grouped into waves that can run in parallel (empty if the DAG is broken).
    pub waves: Vec<Vec<String>>,
    pub version: &'static str,
}

/// The context for one agent's file: the project context plus `agent`.
#[derive(Debug, Serialize)]
pub struct AgentFileCtx<'a> {
    #[serde(flatten)]
    pub base: &'a Context,
    pub agent: &'a AgentCtx,
}

/// `artifacts/x.md` -> (`artifacts/x.vN.md`, `artifacts/x.v2.md`).
pub fn revision_paths(output: &str) -> (String, String) {
    let stem = output.strip_suffix(".md").unwrap_or(output);
    (format!("{stem}.vN.md"), format!("{stem}.v2.md"))
}

impl Context {
    pub fn new(manifest: &Manifest) -> Context {
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
                    TaskCtx {
                        task: t.clone(),
                        read_by,
                    }
                })
                .collect(),
            review: manifest.review.clone(),
            vars: manifest.vars.clone(),
            mermaid: crate::project::workflow::mermaid(&manifest.workflow),
            waves: crate::project::workflow::waves(&manifest.workflow)
                .map(|waves| {
                    waves
                        .iter()
                        .map(|w| w.iter().map(|&i| manifest.workflow[i].id.clone()).collect())
                        .collect()
                })
                .unwrap_or_default(),
            version: env!("CARGO_PKG_VERSION"),
        }
    }
}

fn agent_ctx(manifest: &Manifest, name: &str, cfg: &AgentConfig) -> AgentCtx {
    let cat = catalog().get(name);
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
        .unwrap_or_default();
    let rubric = own
        .first()
        .and_then(|t| t.rubric.clone())
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
        builtin: cat.is_some(),
        config: cfg.clone(),
    }
}

fn push_unique(list: &mut Vec<String>, item: &str) {
    if !list.iter().any(|x| x == item) {
        list.push(item.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_and_packs_are_consistent() {
        assert!(catalog().contains_key(ORCHESTRATOR));
        let names: Vec<_> = packs().iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "content",
                "data-analysis",
                "research-writing",
                "sdlc",
                "software"
            ]
        );
        for (name, def) in packs() {
            check_agent_names(def.agents.iter().map(String::as_str)).unwrap();
            for task in &def.workflow {
                assert!(
                    def.agents.contains(&task.agent),
                    "{name}: {} not in pack",
                    task.agent
                );
            }
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

    #[test]
    fn added_agent_runs_before_synthesis() {
        let mut m = manifest_for_pack(DEFAULT_PACK, "demo").unwrap();
        let added = add_agents(&mut m, &["editor".into(), "writer".into()]).unwrap();
        assert_eq!(added, ["editor"]);
        let ids: Vec<_> = m.workflow.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["research", "write", "editor", "synthesize"]);
        assert_eq!(m.workflow[2].needs, ["write"]);
        assert_eq!(m.workflow[3].needs, ["editor"]);
    }

    #[test]
    fn custom_agents_get_an_orchestrator_and_unique_outputs() {
        let m = manifest_for_agents(&["implementer".into(), "developer".into()], "x").unwrap();
        let tasks: Vec<_> = m
            .workflow
            .iter()
            .map(|t| (t.id.as_str(), t.output.as_str()))
            .collect();
        assert_eq!(
            tasks,
            [
                ("implementer", "artifacts/implementation-notes.md"),
                ("developer", "artifacts/developer-output.md"),
                ("synthesize", "artifacts/final-output.md"),
            ]
        );
        assert_eq!(m.workflow[2].needs, ["developer"]);
        let err = manifest_for_agents(&["nope".into()], "x")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("unknown agent `nope`") && err.contains("researcher"),
            "{err}"
        );
    }
}
