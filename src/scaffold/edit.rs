//! Editing an existing pack: the files `add` and `remove` plan. The manifest is edited in
//! place ([`crate::project::edit`]) so the user's comments and layout survive, and only a
//! layout that editor cannot handle falls back to the template (a conflict when the user
//! edited the file).

use std::path::Path;

use super::context::{AgentFileCtx, Context};
use super::generate;
use super::plan::Generated;
use super::render::Renderer;
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

pub(crate) fn agent_path(name: &str) -> String {
    format!(".claude/agents/{name}.md")
}
