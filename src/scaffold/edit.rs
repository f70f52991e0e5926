//! Editing an existing pack: the files `add` and `remove` plan. The manifest is edited in
//! place ([`crate::project::edit`]) so the user's comments and layout survive, and only a
//! layout that editor cannot handle falls back to the template (a conflict when the user
//! edited the file).

use std::path::Path;

use super::context::{AgentFileCtx, Context};
use super::generate::{self, agent_path};
use super::plan::{self, Generated, Plan};
use super::render::Renderer;
use crate::fsx;
use crate::project::{MANIFEST, Manifest, Project};

/// The template a new custom agent starts from (`add --new`).
pub(crate) const CUSTOM_AGENT_TEMPLATE: &str = "project/custom-agent.md";

/// Every file of a project edited by `add` or `remove`, ready to plan.
pub(crate) struct Edited {
    pub files: Vec<Generated>,
    /// The manifest's path relative to the root.
    pub manifest_name: String,
    /// What the template renders for the manifest, when the file is edited in place instead.
    rendered: Option<String>,
}

/// Every file of the project rendered from `manifest`, with the manifest itself when
/// `changed`: edited in place when possible, else rendered from its template.
pub(crate) fn files(
    project: &Project,
    manifest: &Manifest,
    renderer: &Renderer,
    changed: bool,
) -> anyhow::Result<Edited> {
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
    let template = changed.then_some(name.as_str());
    let mut files = generate::files(&project.root, manifest, renderer, template)?;
    let mut rendered = None;
    if let Some(content) = edited
        && let Some(file) = files.iter_mut().find(|f| f.path == name)
    {
        rendered = Some(std::mem::replace(&mut file.content, content));
        // The user's own file with our lines added or taken out: written even when edited.
        file.overwrite = true;
    }
    Ok(Edited {
        files,
        manifest_name: name,
        rendered,
    })
}

impl Edited {
    /// Plans the files; the lock records the manifest as the template renders it.
    pub(crate) fn plan(self, root: &Path, opts: plan::Options) -> anyhow::Result<(Plan, String)> {
        let mut plan = plan::plan_with(root, self.files, opts)?;
        if let Some(rendered) = &self.rendered {
            plan.record_as(&self.manifest_name, rendered);
        }
        Ok((plan, self.manifest_name))
    }
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
