//! The operations behind `init`, `add` and `sync`, from a request to written files: settle
//! the manifest (an existing one, a pack, hand-picked agents, flags on top), render every
//! file, plan, validate, and write unless it is a dry run. Everything is rendered and
//! checked (`super::validate`) before anything is written, so a broken template or manifest
//! leaves the folder untouched. When the manifest
//! is to be rewritten but the user edited it (a conflict), nothing else is written either:
//! files rendered from a manifest that is not on disk would contradict the one in force.

use std::path::{Path, PathBuf};

use super::catalog;
use super::edit;
use super::existing;
use super::generate;
use super::merge::ConflictStyle;
use super::plan::Relocation;
use super::plan::{self, Action, Plan};
use super::render::Renderer;
use super::wiring;
use crate::project::{MANIFEST, Manifest, Project};

/// What `init` was asked for.
#[derive(Debug, Clone, Default)]
pub(crate) struct InitRequest {
    /// Folder to scaffold into.
    pub dir: PathBuf,
    pub pack: Option<String>,
    pub agents: Vec<String>,
    pub name: Option<String>,
    pub model: Option<String>,
    pub threshold: Option<u32>,
    /// Also write example artifacts for the workflow's outputs.
    pub examples: bool,
    pub no_hooks: bool,
    /// Prepended to the name of every agent of a new pack (`ap-` gives `ap-researcher`).
    pub prefix: Option<String>,
    /// Agents of the pack to leave out (the project has its own).
    pub skip: Vec<String>,
    /// Descriptions that invite Claude Code to delegate on its own ("use proactively").
    pub proactive: bool,
    /// Also write the judge's `agent`-type SubagentStop hook (`judge.hook` in the manifest).
    pub judge_hook: bool,
    pub dry_run: bool,
    pub force: bool,
    pub conflict: ConflictStyle,
}

/// What `add` was asked for.
#[derive(Debug, Clone, Default)]
pub(crate) struct AddRequest {
    pub agents: Vec<String>,
    /// Project folder; else the project found from the current folder (or `config`).
    pub dir: Option<PathBuf>,
    /// Manifest path given with `--config`.
    pub config: Option<PathBuf>,
    pub dry_run: bool,
    pub force: bool,
    pub conflict: ConflictStyle,
    /// Where the new agents go in the workflow (`--after`, `--on-demand`, `--new`).
    pub placement: super::wiring::Placement,
}

/// What `sync` was asked for.
#[derive(Debug, Clone, Default)]
pub(crate) struct SyncRequest {
    /// Manifest path given with `--config`; else the one found from the current folder.
    pub config: Option<PathBuf>,
    /// Plan and report only (`--check`).
    pub check: bool,
    pub force: bool,
    pub conflict: ConflictStyle,
}

/// What a run planned and, unless it was a dry run, wrote.
#[derive(Debug)]
pub(crate) struct Outcome {
    pub root: PathBuf,
    /// The manifest the files were rendered from.
    pub manifest: Manifest,
    pub plan: Plan,
    pub dry_run: bool,
    /// Nothing was written because the manifest is a conflict (see the module doc).
    pub held: bool,
    /// Agents `add` added (empty for `init`).
    pub added: Vec<String>,
    /// Agents of the pack the project already defines in files agentpack did not write:
    /// nothing was written.
    pub clashes: Vec<existing::Clash>,
}

impl Outcome {
    /// Files kept because the user edited them; the run's gate fails when there are any.
    pub(crate) fn conflicts(&self) -> usize {
        self.plan
            .files
            .iter()
            .filter(|f| f.action.is_conflict())
            .count()
            + self.clashes.len()
    }
}

/// Scaffolds a pack into `req.dir`, or re-renders the project there from its manifest
/// when no pack or agents are named.
pub(crate) fn init(req: &InitRequest) -> anyhow::Result<Outcome> {
    let root = req.dir.clone();
    let manifest_path = root.join(MANIFEST);
    let existing = if manifest_path.is_file() && req.pack.is_none() && req.agents.is_empty() {
        Some(Project::load(&manifest_path)?.manifest)
    } else {
        None
    };
    // --prefix and --skip shape a new pack; repeating them on the pack they made is a re-run.
    if let Some(m) = &existing {
        let same_prefix = req
            .prefix
            .as_ref()
            .is_none_or(|p| *p == catalog::prefix_of(m));
        let skipped = req
            .skip
            .iter()
            .all(|s| !m.agents.keys().any(|k| catalog::catalog_name_of(m, k) == s));
        if !same_prefix || !skipped {
            anyhow::bail!(
                "--prefix and --skip shape a new pack; this project has {MANIFEST} already: rename or remove the agents there, then run `agentpack init`"
            );
        }
    }
    let flags_change_manifest = req.name.is_some()
        || req.model.is_some()
        || req.threshold.is_some()
        || req.no_hooks
        || req.judge_hook;
    let write_manifest = existing.is_none() || flags_change_manifest;
    let mut manifest = match existing {
        Some(m) => m,
        None => new_manifest(req, &root)?,
    };
    apply_flags(&mut manifest, req);

    let renderer = Renderer::new(Some(&root));
    let mut files = generate::files(
        &root,
        &manifest,
        &renderer,
        write_manifest.then_some(MANIFEST),
    )?;
    if req.examples {
        files.extend(generate::example_artifacts(&manifest));
    }
    let clashes = clashes(req.force, &root, &files)?;
    let mut plan = plan::plan_with(&root, files, options(req.force, req.conflict))?;
    if root.is_dir() {
        plan.relocate(relocations(&root))?;
    }
    let held = write_manifest && plan.action_of(MANIFEST) == Some(Action::Conflict);
    finish(root, manifest, plan, req.dry_run, held, Vec::new(), clashes)
}

/// Adds catalog agents to the project and re-renders it; `None` when every agent named is
/// already there and the project is complete (an add stopped half-way is finished).
pub(crate) fn add(req: &AddRequest) -> anyhow::Result<Option<Outcome>> {
    let project = project_at(req.dir.as_deref(), req.config.as_deref())?;
    let mut manifest = project.manifest.clone();
    let added = wiring::add_agents(&mut manifest, &req.agents, &req.placement)?;
    let renderer = Renderer::new(Some(&project.root));
    // The manifest is edited in place, keeping the user's comments and layout; only a
    // layout the editor cannot handle falls back to the template (see `edit`).
    let mut files = edit::files(&project, &manifest, &renderer, !added.is_empty())?;
    if req.placement.custom {
        for name in &added {
            let file = edit::custom_agent_file(&project.root, &manifest, &renderer, name)?;
            files.files.extend(file);
        }
    }
    let clashes = clashes(req.force, &project.root, &files.files)?;
    let (mut plan, manifest_name) = files.plan(&project.root, options(req.force, req.conflict))?;
    plan.relocate(relocations(&project.root))?;
    if added.is_empty() && !plan.writes_anything() {
        return Ok(None);
    }
    let held = plan.action_of(&manifest_name) == Some(Action::Conflict);
    finish(
        project.root,
        manifest,
        plan,
        req.dry_run,
        held,
        added,
        clashes,
    )
    .map(Some)
}

/// Re-renders every generated file of the project from its manifest and templates; the
/// manifest is the input and is never rewritten.
pub(crate) fn sync(req: &SyncRequest) -> anyhow::Result<Outcome> {
    let project = Project::require(req.config.as_deref(), &crate::fsx::cwd()?)?;
    let renderer = Renderer::new(Some(&project.root));
    let files = generate::files(&project.root, &project.manifest, &renderer, None)?;
    let clashes = clashes(req.force, &project.root, &files)?;
    let mut plan = plan::plan_with(&project.root, files, options(req.force, req.conflict))?;
    plan.relocate(relocations(&project.root))?;
    finish(
        project.root,
        project.manifest,
        plan,
        req.check,
        false,
        Vec::new(),
        clashes,
    )
}

/// The project `add` and `remove` edit: the manifest in `dir` when given without
/// `--config`, else the one `--config` names or found from `dir` (or the current folder).
pub(crate) fn project_at(dir: Option<&Path>, config: Option<&Path>) -> anyhow::Result<Project> {
    match (dir, config) {
        (Some(dir), None) => Project::load(&dir.join(MANIFEST)),
        (Some(dir), Some(_)) => Project::require(config, dir),
        (None, _) => Project::require(config, &crate::fsx::cwd()?),
    }
}

/// The agents of the pack the project already defines, unless `--force` overwrites them.
fn clashes(
    force: bool,
    root: &Path,
    files: &[plan::Generated],
) -> anyhow::Result<Vec<existing::Clash>> {
    if force {
        Ok(Vec::new())
    } else {
        existing::clashes(root, files)
    }
}

fn options(force: bool, conflict: ConflictStyle) -> plan::Options {
    plan::Options { force, conflict }
}

/// What the project at `root` needs moved or removed: a 0.1 layout, and the `/review`
/// command 0.1 generated (now `/agentpack-review`).
pub(crate) fn relocations(root: &Path) -> Vec<Relocation> {
    let mut out = super::migrate::relocations(root);
    out.push(Relocation::removing(generate::OLD_REVIEW_COMMAND));
    out
}

/// Writes the plan unless it is a dry run, the manifest is held, or an agent clashes:
/// never half of it.
pub(crate) fn finish(
    root: PathBuf,
    manifest: Manifest,
    plan: Plan,
    dry_run: bool,
    held: bool,
    added: Vec<String>,
    clashes: Vec<existing::Clash>,
) -> anyhow::Result<Outcome> {
    super::validate::refuse_broken(&root, &manifest, &plan)?;
    if !dry_run && !held && clashes.is_empty() {
        plan.apply()?;
    }
    Ok(Outcome {
        root,
        manifest,
        plan,
        dry_run,
        held,
        added,
        clashes,
    })
}

fn new_manifest(req: &InitRequest, root: &Path) -> anyhow::Result<Manifest> {
    let name = match &req.name {
        Some(n) => n.clone(),
        None => folder_name(root)?,
    };
    let mut manifest = match (&req.pack, req.agents.is_empty()) {
        (None, false) => wiring::manifest_for_agents(&req.agents, &name)?,
        (pack_name, _) => {
            let pack_name = pack_name.as_deref().unwrap_or(catalog::DEFAULT_PACK);
            let mut m = catalog::manifest_for_pack(pack_name, &name)?;
            wiring::add_agents(&mut m, &req.agents, &Default::default())?;
            m
        }
    };
    manifest.name = name;
    if req.proactive {
        // Kept in the manifest, so a later `init` renders the same descriptions.
        for (name, cfg) in manifest.agents.iter_mut() {
            if let Some(cat) = catalog::catalog().get(name) {
                cfg.description = Some(format!(
                    "{} Use PROACTIVELY: delegate to it without being asked whenever this applies.",
                    cat.description
                ));
            }
        }
    }
    existing::skip(&mut manifest, &req.skip)?;
    if let Some(prefix) = &req.prefix {
        existing::prefix(&mut manifest, prefix)?;
    }
    Ok(manifest)
}

fn apply_flags(manifest: &mut Manifest, req: &InitRequest) {
    if let Some(name) = &req.name {
        manifest.name.clone_from(name);
    }
    if let Some(t) = req.threshold {
        manifest.threshold = Some(t);
    }
    if req.no_hooks {
        manifest.hooks = Some(false);
    }
    if req.judge_hook {
        manifest.judge.get_or_insert_default().hook = Some(true);
    }
    if let Some(model) = &req.model {
        for cfg in manifest.agents.values_mut() {
            cfg.model = Some(model.clone());
        }
    }
}

fn folder_name(root: &Path) -> anyhow::Result<String> {
    let abs = if root.is_absolute() {
        root.to_path_buf()
    } else {
        crate::fsx::cwd()?.join(root)
    };
    let name = abs
        .components()
        .next_back()
        .and_then(|c| c.as_os_str().to_str().map(str::to_string))
        .filter(|n| n != "." && n != "/" && !n.is_empty());
    Ok(name.unwrap_or_else(|| "agent-pack".into()))
}
