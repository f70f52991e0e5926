//! The agent catalog and the built-in packs (data in `templates/catalog.yaml` and
//! `templates/packs/`), and the manifests built from them. The manifest is the single source
//! of truth: `init` builds one from a pack or a list of agents, `add` extends one, and every
//! generated file is rendered from it.

use std::sync::OnceLock;

use indexmap::IndexMap;
use serde::Deserialize;

use crate::assets;
use crate::project::{AgentConfig, Manifest, ReviewConfig, ReviewRule, Task};

/// The pack `init` uses when none is named.
pub(crate) const DEFAULT_PACK: &str = "research-writing";
/// The agent that decomposes, delegates, gates and synthesizes.
pub(crate) const ORCHESTRATOR: &str = "orchestrator";

/// One agent of the catalog.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CatalogAgent {
    pub role: String,
    pub description: String,
    pub tools: Vec<String>,
    pub model: String,
    pub color: String,
    pub output: String,
    pub rubric: String,
    /// Called when needed rather than run as a workflow step (a debugger reacts to failures):
    /// `add` gives it no task, only a review rule for its output.
    #[serde(default)]
    pub on_demand: bool,
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
pub(crate) fn catalog() -> &'static IndexMap<String, CatalogAgent> {
    static CATALOG: OnceLock<IndexMap<String, CatalogAgent>> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let text = assets::embedded("catalog.yaml").expect("templates/catalog.yaml is embedded");
        crate::yaml::parse(text, 0).unwrap_or_else(|e| panic!("built-in catalog.yaml:{e}"))
    })
}

/// The built-in packs, sorted by name.
pub fn packs() -> &'static [(String, PackDef)] {
    static PACKS: OnceLock<Vec<(String, PackDef)>> = OnceLock::new();
    PACKS.get_or_init(|| {
        let mut packs: Vec<(String, PackDef)> = assets::embedded_files()
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
pub(crate) fn pack(name: &str) -> anyhow::Result<&'static PackDef> {
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
pub(crate) fn check_agent_names<'a>(
    names: impl IntoIterator<Item = &'a str>,
) -> anyhow::Result<()> {
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
pub(crate) fn manifest_for_pack(pack_name: &str, project_name: &str) -> anyhow::Result<Manifest> {
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
                description: None,
                acceptance: Vec::new(),
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
        check: Default::default(),
        review: ReviewConfig {
            rules: def.review_rules.clone(),
            default_rubric: Some("generic".into()),
        },
        vars: IndexMap::new(),
        judge: None,
    })
}

/// The catalog agent the manifest's agent `name` is.
pub(crate) fn catalog_name_of<'a>(manifest: &'a Manifest, name: &'a str) -> &'a str {
    manifest
        .agents
        .get(name)
        .and_then(|c| c.catalog.as_deref())
        .unwrap_or(name)
}

/// The prefix `init --prefix` gave the pack's agents (`""` when none): the part before the
/// catalog name of an agent whose name ends with it.
pub(crate) fn prefix_of(manifest: &Manifest) -> String {
    manifest
        .agents
        .iter()
        .find_map(|(name, cfg)| {
            let catalog = cfg.catalog.as_deref()?;
            name.strip_suffix(catalog)
                .filter(|p| !p.is_empty())
                .map(str::to_string)
        })
        .unwrap_or_default()
}

pub(crate) fn agent_config(name: &str) -> AgentConfig {
    AgentConfig {
        model: catalog().get(name).map(|a| a.model.clone()),
        ..AgentConfig::default()
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
}
