//! Editing an existing pack: the files `add` and `remove` plan. The manifest is edited in
//! place ([`crate::project::edit`]) so the user's comments and layout survive, and only a
//! layout that editor cannot handle falls back to the template (a conflict when the user
//! edited the file). `remove` also deletes the agent's file when nobody edited it.

use std::path::{Path, PathBuf};

use super::context::{AgentFileCtx, Context};
use super::generate;
use super::lock::{self, Lock};
use super::ops::{self, Outcome};
use super::plan::{self, Action, Generated};
use super::render::Renderer;
use super::wiring::{self, Removal};
use crate::fsx;
use crate::project::{MANIFEST, Manifest, Project};

/// The template a new custom agent starts from (`add --new`).
pub(crate) const CUSTOM_AGENT_TEMPLATE: &str = "project/custom-agent.md";

/// Every file of the project rendered from `manifest`, with the manifest itself when
/// `changed`: edited in place when possible, else rendered from its template. Returns the
/// manifest's path relative to the root as well.
pub(crate) fn files(
    project: &Project,
    manifest: &Manifest,
    renderer: &Renderer,
    changed: bool,
) -> anyhow::Result<(Vec<Generated>, String)> {
    let name = project
        .manifest_path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(MANIFEST)
        .to_string();
    let edited = if changed {
        edited_manifest(project, manifest)?
    } else {
        None
    };
    let template = (changed && edited.is_none()).then_some(name.as_str());
    let mut files = generate::files(&project.root, manifest, renderer, template)?;
    if let Some(content) = edited {
        files.push(Generated {
            path: name.clone(),
            template: "project/agentpack.yaml".into(),
            content,
            // The user's own file with our lines added or taken out: written even when edited.
            overwrite: true,
        });
    }
    Ok((files, name))
}

/// The manifest text on disk edited into `manifest`; `None` when the editor cannot.
fn edited_manifest(project: &Project, manifest: &Manifest) -> anyhow::Result<Option<String>> {
    let path = &project.manifest_path;
    let text = fsx::read_text(path, fsx::MAX_FILE_BYTES)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let bom = if text.starts_with('\u{feff}') {
        "\u{feff}"
    } else {
        ""
    };
    let lf = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    Ok(
        crate::project::edit::rewrite(&lf, &project.manifest, manifest)
            .map(|t| format!("{bom}{t}")),
    )
}

/// The file of a new custom agent, from the blank template; nothing when the user already
/// has a file there (theirs is kept).
pub(crate) fn custom_agent_file(
    root: &Path,
    manifest: &Manifest,
    renderer: &Renderer,
    name: &str,
) -> anyhow::Result<Option<Generated>> {
    let path = agent_path(name);
    if root.join(&path).exists() {
        return Ok(None);
    }
    let context = Context::new(manifest);
    let Some(agent) = context.agents.iter().find(|a| a.name == name) else {
        return Ok(None);
    };
    let ctx = serde_json::to_value(AgentFileCtx {
        base: &context,
        agent,
    })?;
    Ok(Some(Generated {
        path,
        template: CUSTOM_AGENT_TEMPLATE.into(),
        content: renderer.render(CUSTOM_AGENT_TEMPLATE, &ctx)?,
        overwrite: false,
    }))
}

fn agent_path(name: &str) -> String {
    format!(".claude/agents/{name}.md")
}

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
    let start = match &req.dir {
        Some(dir) => dir.clone(),
        None => fsx::cwd()?,
    };
    let project = match &req.dir {
        Some(dir) if req.config.is_none() => Project::load(&dir.join(MANIFEST))?,
        _ => Project::require(req.config.as_deref(), &start)?,
    };
    let mut manifest = project.manifest.clone();
    let removal = wiring::remove_agent(&mut manifest, &req.agent, req.force)?;
    let renderer = Renderer::new(Some(&project.root));
    let (files, manifest_name) = files(&project, &manifest, &renderer, true)?;
    let mut plan = plan::plan(&project.root, files, false)?;
    let file_path = agent_path(&req.agent);
    let on_disk = project.root.join(&file_path);
    let file = if !on_disk.is_file() {
        AgentFile::Absent
    } else {
        let text = fsx::read_text(&on_disk, fsx::MAX_FILE_BYTES).ok();
        let ours = text.is_some_and(|t| {
            Lock::load(&project.root)
                .ok()
                .and_then(|l| l.files.get(&file_path).cloned())
                .is_some_and(|e| e.matches(&lock::hash(&t.replace("\r\n", "\n"))))
        });
        if ours {
            plan.delete(&file_path);
            AgentFile::Deleted
        } else {
            AgentFile::Kept
        }
    };
    let held = plan.action_of(&manifest_name) == Some(Action::Conflict);
    let outcome = ops::finish(project.root, manifest, plan, req.dry_run, held, Vec::new())?;
    Ok(Removed {
        outcome,
        removal,
        agent: req.agent.clone(),
        file,
        file_path,
    })
}
