//! Workflow editing as data: where an added agent's task goes (before the orchestrator's
//! synthesis, after a named task, or nowhere: an on-demand agent is reviewed through a
//! `review.rules` glob), custom agents outside the catalog, and what removing an agent takes
//! out and rewires. The manifest text follows through [`crate::project::edit`].

use indexmap::IndexMap;

use super::catalog::{self, ORCHESTRATOR, agent_config, catalog};
use crate::project::{AgentConfig, Manifest, ReviewConfig, ReviewRule, Task};

/// Where `add` puts the new agents.
#[derive(Debug, Clone, Default)]
pub(crate) struct Placement {
    /// Run after this task (`add --after TASK`) instead of before the synthesis.
    pub after: Option<String>,
    /// No workflow task: the orchestrator calls the agent when needed (`add --on-demand`).
    pub on_demand: bool,
    /// The names are new custom agents, not catalog ones (`add --new`).
    pub custom: bool,
}

/// The rubric custom agents are reviewed with until the user picks one.
const CUSTOM_RUBRIC: &str = "generic";

/// What an agent brings to the manifest.
struct Spec {
    config: AgentConfig,
    output: String,
    rubric: String,
    on_demand: bool,
}

fn spec(name: &str, placement: &Placement) -> Spec {
    match catalog().get(name) {
        Some(cat) if !placement.custom => Spec {
            config: agent_config(name),
            output: cat.output.clone(),
            rubric: cat.rubric.clone(),
            on_demand: placement.on_demand || (cat.on_demand && placement.after.is_none()),
        },
        _ => Spec {
            config: AgentConfig {
                description: Some(format!(
                    "Custom {name} agent of this pack. Describe here when Claude Code should delegate to it."
                )),
                tools: Some(["Read", "Grep", "Glob", "Write"].map(String::from).to_vec()),
                color: Some("cyan".into()),
                ..AgentConfig::default()
            },
            output: custom_output(name),
            rubric: CUSTOM_RUBRIC.into(),
            on_demand: placement.on_demand,
        },
    }
}

/// Where a custom agent writes, unless the manifest gives it a task with another output.
pub(crate) fn custom_output(name: &str) -> String {
    format!("artifacts/{name}-output.md")
}

/// The `review.rules` glob that reviews an on-demand agent's output and its revisions.
pub(crate) fn on_demand_glob(output: &str) -> String {
    format!("{}*.md", output.strip_suffix(".md").unwrap_or(output))
}

/// Checks names for `add --new`: Claude Code agent names (lowercase letters, digits and
/// hyphens, starting with a letter) that the catalog does not already use.
fn check_custom_names(names: &[String]) -> anyhow::Result<()> {
    for name in names {
        let well_formed = name.len() <= 64
            && name.starts_with(|c: char| c.is_ascii_lowercase())
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !well_formed {
            anyhow::bail!(
                "`{name}` is not an agent name: use lowercase letters, digits and hyphens, starting with a letter (e.g. `release-notes`)"
            );
        }
        if catalog().contains_key(name) {
            anyhow::bail!(
                "`{name}` is a catalog agent; run `agentpack add {name}` without --new to get its template"
            );
        }
    }
    Ok(())
}

/// Adds agents to a manifest as `placement` says; each catalog agent by default gets a
/// workflow task that runs before the orchestrator's final synthesis. Returns the names
/// actually added (present ones are skipped).
pub(crate) fn add_agents(
    manifest: &mut Manifest,
    names: &[String],
    placement: &Placement,
) -> anyhow::Result<Vec<String>> {
    if placement.custom {
        check_custom_names(names)?;
    } else {
        catalog::check_agent_names(names.iter().map(String::as_str))?;
    }
    if let Some(after) = &placement.after
        && !manifest.workflow.iter().any(|t| &t.id == after)
    {
        let ids: Vec<&str> = manifest.workflow.iter().map(|t| t.id.as_str()).collect();
        let hint = crate::diag::nearest(after, ids.iter())
            .map(|n| format!(" (did you mean `{n}`?)"))
            .unwrap_or_default();
        anyhow::bail!(
            "--after names no task: `{after}`{hint}; the workflow's tasks are: {}",
            ids.join(", ")
        );
    }
    // A pack made with `init --prefix` names each agent prefix + catalog name; new catalog
    // agents get the same prefix (custom agents keep the name given).
    let prefix = if placement.custom {
        String::new()
    } else {
        catalog::prefix_of(manifest)
    };
    let mut added = Vec::new();
    for catalog_name in names {
        let name = &format!("{prefix}{catalog_name}");
        if manifest.agents.contains_key(name) {
            continue;
        }
        let mut spec = spec(catalog_name, placement);
        if !prefix.is_empty() {
            spec.config.catalog = Some(catalog_name.clone());
        }
        manifest.agents.insert(name.clone(), spec.config);
        added.push(name.clone());
        if spec.on_demand && catalog_name != ORCHESTRATOR {
            let glob = on_demand_glob(&spec.output);
            if !manifest.review.rules.iter().any(|r| r.glob == glob) {
                manifest.review.rules.push(ReviewRule {
                    glob,
                    rubric: spec.rubric,
                });
            }
            continue;
        }
        let id = unique(catalog_name, |c| {
            manifest.workflow.iter().any(|t| t.id == c)
        });
        let output = if manifest.workflow.iter().any(|t| t.output == spec.output) {
            custom_output(catalog_name)
        } else {
            spec.output
        };
        let task = Task {
            id: id.clone(),
            agent: name.clone(),
            needs: Vec::new(),
            output,
            rubric: Some(spec.rubric),
            description: None,
            acceptance: Vec::new(),
        };
        place(manifest, task, catalog_name, placement.after.as_deref());
    }
    Ok(added)
}

/// Puts `task` of catalog agent `name` into the workflow.
fn place(manifest: &mut Manifest, mut task: Task, name: &str, after: Option<&str>) {
    let final_idx = manifest
        .workflow
        .iter()
        .rposition(|t| catalog::catalog_name_of(manifest, &t.agent) == ORCHESTRATOR);
    let wf = &mut manifest.workflow;
    let after_last: Vec<String> = wf.last().map(|t| t.id.clone()).into_iter().collect();
    match (after, final_idx) {
        // The orchestrator's own task is added when the first specialist arrives.
        _ if name == ORCHESTRATOR => {
            task.needs = after_last;
            task.id = unique("synthesize", |c| wf.iter().any(|t| t.id == c));
            wf.push(task);
        }
        (Some(after), final_idx) => {
            let at = wf
                .iter()
                .position(|t| t.id == after)
                .map_or(wf.len(), |i| i + 1);
            task.needs = vec![after.to_string()];
            let id = task.id.clone();
            // The synthesis reads every result: it waits for the new one too.
            if let Some(f) = final_idx.filter(|&f| wf[f].id != after) {
                wf[f].needs.push(id);
            }
            wf.insert(at, task);
        }
        (None, Some(i)) => {
            task.needs = std::mem::replace(&mut wf[i].needs, vec![task.id.clone()]);
            wf.insert(i, task);
        }
        (None, None) => {
            task.needs = after_last;
            wf.push(task);
        }
    }
}

/// A manifest for a hand-picked list of agents: they run in the order given and the
/// orchestrator (always included) synthesizes their work.
pub(crate) fn manifest_for_agents(
    agents: &[String],
    project_name: &str,
) -> anyhow::Result<Manifest> {
    catalog::check_agent_names(agents.iter().map(String::as_str)).map_err(|e| {
        anyhow::anyhow!(
            "{e}; a custom agent joins with `agentpack add --new NAME` once the pack exists"
        )
    })?;
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
        check: Default::default(),
        review: ReviewConfig {
            rules: Vec::new(),
            default_rubric: Some("generic".into()),
        },
        vars: IndexMap::new(),
        judge: None,
    };
    let placement = Placement::default();
    add_agents(&mut manifest, &[ORCHESTRATOR.to_string()], &placement)?;
    add_agents(&mut manifest, agents, &placement)?;
    Ok(manifest)
}

/// What removing an agent took out of the manifest.
#[derive(Debug, Default)]
pub(crate) struct Removal {
    /// Its workflow tasks.
    pub tasks: Vec<String>,
    /// Tasks (other than the synthesis) that needed one of them and were rewired (`--force`).
    pub rewired: Vec<String>,
}

/// Takes agent `name` out of the manifest: its entry, its tasks, the review rule `add`
/// gave it. Tasks that needed its tasks need what those needed instead (the inverse of
/// `add`); that is refused, unless `force`, for any task but the orchestrator's synthesis,
/// whose job is to read every result.
pub(crate) fn remove_agent(
    manifest: &mut Manifest,
    name: &str,
    force: bool,
) -> anyhow::Result<Removal> {
    if !manifest.agents.contains_key(name) {
        let names: Vec<&str> = manifest.agents.keys().map(String::as_str).collect();
        anyhow::bail!(
            "`{name}` is not an agent of this pack; its agents are: {}",
            names.join(", ")
        );
    }
    let is_orchestrator =
        |m: &Manifest, agent: &str| catalog::catalog_name_of(m, agent) == ORCHESTRATOR;
    if is_orchestrator(manifest, name) {
        anyhow::bail!(
            "the orchestrator runs the pack and cannot be removed; remove the other agents, or delete the pack"
        );
    }
    let own: Vec<Task> = manifest
        .workflow
        .iter()
        .filter(|t| t.agent == name)
        .cloned()
        .collect();
    let is_own = |id: &str| own.iter().any(|t| t.id == id);
    let mut removal = Removal {
        tasks: own.iter().map(|t| t.id.clone()).collect(),
        ..Removal::default()
    };
    for t in manifest.workflow.iter().filter(|t| t.agent != name) {
        let Some(need) = t.needs.iter().find(|n| is_own(n)) else {
            continue;
        };
        if !is_orchestrator(manifest, &t.agent) {
            if !force {
                let output = own
                    .iter()
                    .find(|o| &o.id == need)
                    .map(|o| o.output.as_str());
                anyhow::bail!(
                    "task `{}` ({}) reads the output of `{need}` (`{}`), so removing {name} would leave it without an input; remove or rewire `{}` in agentpack.yaml first, or pass --force to make it need what `{need}` needed",
                    t.id,
                    t.agent,
                    output.unwrap_or_default(),
                    t.id
                );
            }
            removal.rewired.push(t.id.clone());
        }
    }
    manifest.workflow.retain(|t| t.agent != name);
    // What a removed task needed, through removed tasks in turn.
    let inherited = |id: &str| reach(&own, id, |n| (!is_own(n), is_own(n)));
    let snapshot = manifest.workflow.clone();
    for t in manifest.workflow.iter_mut() {
        if !t.needs.iter().any(|n| is_own(n)) {
            continue;
        }
        let kept: Vec<&String> = t.needs.iter().filter(|n| !is_own(n)).collect();
        let covered: Vec<String> = kept
            .iter()
            .flat_map(|k| reach(&snapshot, k, |_| (true, true)))
            .collect();
        let mut needs: Vec<String> = Vec::new();
        for n in &t.needs {
            let add: Vec<String> = if is_own(n) {
                inherited(n)
            } else {
                vec![n.clone()]
            };
            for a in add {
                let redundant = is_own(n) && (covered.contains(&a) || kept.contains(&&a));
                if !redundant && !needs.contains(&a) {
                    needs.push(a);
                }
            }
        }
        t.needs = needs;
    }
    let catalog_name = catalog::catalog_name_of(manifest, name).to_string();
    manifest.agents.shift_remove(name);
    let output = catalog()
        .get(&catalog_name)
        .map_or_else(|| custom_output(name), |c| c.output.clone());
    let glob = on_demand_glob(&output);
    manifest.review.rules.retain(|r| r.glob != glob);
    Ok(removal)
}

/// The tasks reached from `from` along `needs` in `wf`; `step` says of each need whether to
/// keep it and whether to go on through it.
fn reach(wf: &[Task], from: &str, step: impl Fn(&str) -> (bool, bool)) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let mut stack = vec![from.to_string()];
    while let Some(id) = stack.pop() {
        let needs = wf.iter().find(|t| t.id == id).map_or(&[][..], |t| &t.needs);
        for n in needs {
            if seen.contains(n) {
                continue;
            }
            seen.push(n.clone());
            let (keep, walk) = step(n);
            if keep {
                out.push(n.clone());
            }
            if walk {
                stack.push(n.clone());
            }
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scaffold::catalog::{DEFAULT_PACK, manifest_for_pack};

    fn ids(m: &Manifest) -> Vec<&str> {
        m.workflow.iter().map(|t| t.id.as_str()).collect()
    }

    #[test]
    fn added_agent_runs_before_synthesis_and_removal_undoes_it() {
        let original = manifest_for_pack(DEFAULT_PACK, "demo").unwrap();
        let mut m = original.clone();
        let added = add_agents(
            &mut m,
            &["editor".into(), "writer".into()],
            &Placement::default(),
        )
        .unwrap();
        assert_eq!(added, ["editor"]);
        assert_eq!(ids(&m), ["research", "write", "editor", "synthesize"]);
        assert_eq!(m.workflow[2].needs, ["write"]);
        assert_eq!(m.workflow[3].needs, ["editor"]);
        let removal = remove_agent(&mut m, "editor", false).unwrap();
        assert_eq!(removal.tasks, ["editor"]);
        assert_eq!(m, original);
    }

    #[test]
    fn after_wires_the_task_and_the_synthesis_waits_for_it() {
        let original = manifest_for_pack(DEFAULT_PACK, "demo").unwrap();
        let mut m = original.clone();
        let placement = Placement {
            after: Some("research".into()),
            ..Placement::default()
        };
        add_agents(&mut m, &["data-analyzer".into()], &placement).unwrap();
        assert_eq!(
            ids(&m),
            ["research", "data-analyzer", "write", "synthesize"]
        );
        assert_eq!(m.workflow[1].needs, ["research"]);
        assert_eq!(m.workflow[3].needs, ["write", "data-analyzer"]);
        remove_agent(&mut m, "data-analyzer", false).unwrap();
        assert_eq!(m, original);
        let wrong = Placement {
            after: Some("reserch".into()),
            ..Placement::default()
        };
        let err = add_agents(&mut m, &["editor".into()], &wrong).unwrap_err();
        assert!(err.to_string().contains("did you mean `research`"), "{err}");
    }

    #[test]
    fn debugger_is_on_demand_so_the_report_never_waits_for_it() {
        let original = manifest_for_pack(DEFAULT_PACK, "demo").unwrap();
        let mut m = original.clone();
        add_agents(&mut m, &["debugger".into()], &Placement::default()).unwrap();
        assert_eq!(ids(&m), ["research", "write", "synthesize"]);
        assert!(m.agents.contains_key("debugger"));
        let rule = m.review.rules.last().unwrap();
        assert_eq!(
            (rule.glob.as_str(), rule.rubric.as_str()),
            ("artifacts/debug-report*.md", "debug-report")
        );
        remove_agent(&mut m, "debugger", false).unwrap();
        assert_eq!(m, original);
    }

    #[test]
    fn a_reader_of_the_output_blocks_removal_unless_forced() {
        let mut m = manifest_for_pack(DEFAULT_PACK, "demo").unwrap();
        let err = remove_agent(&mut m.clone(), "researcher", false).unwrap_err();
        assert!(
            err.to_string()
                .contains("task `write` (writer) reads the output of `research`"),
            "{err}"
        );
        let removal = remove_agent(&mut m, "researcher", true).unwrap();
        assert_eq!(removal.rewired, ["write"]);
        assert_eq!(ids(&m), ["write", "synthesize"]);
        assert!(m.workflow[0].needs.is_empty());
        assert!(remove_agent(&mut m, "orchestrator", true).is_err());
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
            err.contains("unknown agent `nope`")
                && err.contains("researcher")
                && err.contains("add --new"),
            "{err}"
        );
    }

    #[test]
    fn new_agents_are_named_like_claude_code_agents() {
        let mut m = manifest_for_pack(DEFAULT_PACK, "demo").unwrap();
        let custom = Placement {
            custom: true,
            ..Placement::default()
        };
        add_agents(&mut m, &["release-notes".into()], &custom).unwrap();
        let task = m
            .workflow
            .iter()
            .find(|t| t.agent == "release-notes")
            .unwrap();
        assert_eq!(task.output, "artifacts/release-notes-output.md");
        assert_eq!(task.rubric.as_deref(), Some("generic"));
        for bad in ["Bad Name", "writer", "-x"] {
            assert!(add_agents(&mut m, &[bad.into()], &custom).is_err(), "{bad}");
        }
    }
}
