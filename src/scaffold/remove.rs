//! `remove`: the inverse of `add`. The agent leaves the manifest (edited in place, readers
//! of its tasks rewired, see [`super::wiring::remove_agent`]), every file is re-rendered so
//! AGENTS.md and the hook matcher follow, and its own file is deleted when it is still exactly
//! what agentpack wrote (the lockfile says so); an edited one is kept and reported.

use std::path::PathBuf;

use super::edit::files;
use super::generate::agent_path;
use super::ops::{self, Outcome};
use super::plan::{Action, Relocated, Relocation};
use super::render::Renderer;
use super::wiring::{self, Removal};

/// What `remove` was asked for.
#[derive(Debug, Clone, Default)]
pub(crate) struct RemoveRequest {
    pub agent: String,
    pub dir: Option<PathBuf>,
    pub config: Option<PathBuf>,
    pub dry_run: bool,
    /// Also rewire tasks that read the agent's output.
    pub force: bool,
}

/// What became of the removed agent's own file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AgentFile {
    /// Deleted: it was exactly what agentpack wrote.
    Deleted,
    /// Kept: the user edited it (or agentpack did not write it).
    Kept,
    /// There was none.
    Absent,
}

/// What `remove` did.
#[derive(Debug)]
pub(crate) struct Removed {
    pub outcome: Outcome,
    pub removal: Removal,
    pub agent: String,
    pub file: AgentFile,
    pub file_path: String,
}

/// Takes an agent out of the project: manifest entries, AGENTS.md and the hook matcher
/// through the re-render, and its file when unedited.
pub(crate) fn remove(req: &RemoveRequest) -> anyhow::Result<Removed> {
    let project = ops::project_at(req.dir.as_deref(), req.config.as_deref())?;
    let mut manifest = project.manifest.clone();
    // An agent already gone from the manifest is a removal stopped half-way: finish it.
    let in_pack = manifest.agents.contains_key(&req.agent);
    let removal = if in_pack {
        wiring::remove_agent(&mut manifest, &req.agent, req.force)?
    } else {
        Removal::default()
    };
    let renderer = Renderer::new(Some(&project.root));
    let (mut plan, manifest_name) = files(&project, &manifest, &renderer, in_pack)?
        .plan(&project.root, super::plan::Options::default())?;
    let file_path = agent_path(&req.agent);
    // The agent's file goes only when it is still exactly what agentpack wrote.
    plan.relocate(ops::relocations(&project.root))?;
    plan.relocate(vec![Relocation::removing(&file_path)])?;
    let file = match plan.relocations.last().map(|r| r.state) {
        Some(Relocated::Remove) => AgentFile::Deleted,
        Some(Relocated::Kept) => AgentFile::Kept,
        _ => AgentFile::Absent,
    };
    if !in_pack && !plan.writes_anything() {
        // Nothing left to finish: say why the name is wrong.
        wiring::remove_agent(&mut manifest, &req.agent, req.force)?;
    }
    let held = plan.action_of(&manifest_name) == Some(Action::Conflict);
    let outcome = ops::finish(
        project.root,
        manifest,
        plan,
        req.dry_run,
        held,
        Vec::new(),
        Vec::new(),
    )?;
    Ok(Removed {
        outcome,
        removal,
        agent: req.agent.clone(),
        file,
        file_path,
    })
}
