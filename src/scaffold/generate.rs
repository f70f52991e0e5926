//! Every file of a project, rendered from its manifest: one file per catalog agent,
//! agentpack's blocks in `AGENTS.md` and `CLAUDE.md`, the `/agentpack-review` command, the manifest itself, `.claude/settings.json` with the
//! review hook merged in, `.agentpack/.gitignore`, a `.gitkeep` per folder the workflow
//! writes to, and (`--examples`) an example artifact per workflow output. Nothing is written here; the result goes through
//! [`super::plan`].

use std::path::Path;

use super::context::{AgentFileCtx, Context};
use super::managed;
use super::plan::Generated;
use super::render::Renderer;
use super::settings::{self, Merge};
use crate::assets::{self, TEMPLATES};
use crate::project::{MANIFEST, Manifest, layout};

/// The protocol file every agent tool reads; agentpack owns a block in it.
pub(crate) const AGENTS_MD: &str = "AGENTS.md";
/// The file Claude Code reads; agentpack owns a block in it that imports `AGENTS.md`.
pub(crate) const CLAUDE_MD: &str = "CLAUDE.md";
/// The `/agentpack-review` command (not `/review`, which Claude Code has built in).
pub(crate) const REVIEW_COMMAND: &str = ".claude/commands/agentpack-review.md";
/// Where 0.1 put the command; removed when still as agentpack wrote it.
pub(crate) const OLD_REVIEW_COMMAND: &str = ".claude/commands/review.md";

/// Renders every file of a project from its manifest. `manifest_path` (relative to `root`)
/// includes the manifest itself; `None` when the manifest on disk is the input.
pub(crate) fn files(
    root: &Path,
    manifest: &Manifest,
    renderer: &Renderer,
    manifest_path: Option<&str>,
) -> anyhow::Result<Vec<Generated>> {
    // CLAUDE.md is what Claude Code reads: it imports AGENTS.md unless the user's part does.
    let import_agents_md = !managed::outside(root, CLAUDE_MD)?
        .lines()
        .any(|l| l.trim() == "@AGENTS.md");
    let lock = super::lock::Lock::load(root)?;
    let mut files = Vec::new();
    for file in rendered(manifest, renderer, manifest_path, import_agents_md)? {
        // AGENTS.md and CLAUDE.md are shared: agentpack writes only its block in them.
        if file.path == AGENTS_MD || file.path == CLAUDE_MD {
            files.push(managed::file(
                root,
                &lock,
                &file.path,
                &file.template,
                &file.content,
            )?);
        } else {
            files.push(file);
        }
    }
    if manifest.hooks() {
        files.push(settings_file(root, manifest)?);
    } else if let Some(file) = settings_without_hook(root)? {
        files.push(file);
    }
    files.push(Generated {
        path: layout::GITIGNORE.into(),
        template: String::new(),
        content: layout::GITIGNORE_TEXT.into(),
        overwrite: false,
    });
    for folder in folders(manifest) {
        let keep = format!("{folder}/.gitkeep");
        // A temporary file a killed run left behind does not make a folder non-empty.
        let empty_or_absent = std::fs::read_dir(root.join(&folder)).map_or(true, |d| {
            d.filter_map(Result::ok)
                .all(|e| e.file_name().to_str().is_some_and(crate::fsx::is_temp_name))
        });
        if empty_or_absent || root.join(&keep).exists() {
            files.push(Generated {
                path: keep,
                template: String::new(),
                content: String::new(),
                overwrite: false,
            });
        }
    }
    Ok(files)
}

/// What the templates render for a project (agents, agentpack's part of `AGENTS.md` and
/// `CLAUDE.md`, the review command, and the manifest when `manifest_path` is given): what
/// `templates test` snapshots. Reads nothing of the project but its template overrides.
pub(crate) fn rendered(
    manifest: &Manifest,
    renderer: &Renderer,
    manifest_path: Option<&str>,
    import_agents_md: bool,
) -> anyhow::Result<Vec<Generated>> {
    let context = Context::new(manifest);
    let base = serde_json::to_value(&context)?;
    let render =
        |path: String, template: &str, ctx: &serde_json::Value| -> anyhow::Result<Generated> {
            Ok(Generated {
                path,
                template: TEMPLATES.normalize(template).to_string(),
                content: renderer.render(template, ctx)?,
                overwrite: false,
            })
        };
    let mut files = Vec::new();
    for agent in context.agents.iter().filter(|a| a.builtin) {
        let ctx = serde_json::to_value(AgentFileCtx {
            base: &context,
            agent,
        })?;
        files.push(render(
            agent_path(&agent.name),
            &format!("agents/{}.md", agent.catalog),
            &ctx,
        )?);
    }
    files.push(render(AGENTS_MD.into(), "project/AGENTS.md", &base)?);
    let mut claude_ctx = base.clone();
    claude_ctx["import_agents_md"] = serde_json::json!(import_agents_md);
    files.push(render(CLAUDE_MD.into(), "project/CLAUDE.md", &claude_ctx)?);
    files.push(render(
        REVIEW_COMMAND.into(),
        "project/review-command.md",
        &base,
    )?);
    if let Some(manifest_path) = manifest_path {
        let file = render(manifest_path.into(), "project/agentpack.yaml", &base)?;
        // A template override must still produce a manifest agentpack can read back.
        crate::project::validate::parse(Path::new(MANIFEST), &file.content).map_err(|e| {
            anyhow::anyhow!("template project/agentpack.yaml rendered an invalid manifest: {e:#}")
        })?;
        files.push(file);
    }
    Ok(files)
}

/// The folders the workflow writes its outputs to (each gets a `.gitkeep` so it survives a
/// commit): only what the pack uses, never folders for a layout it does not have.
fn folders(manifest: &Manifest) -> Vec<String> {
    let mut folders: Vec<String> = manifest
        .workflow
        .iter()
        .filter_map(|t| {
            let (dir, _) = t.output.trim_start_matches("./").rsplit_once('/')?;
            (!dir.is_empty() && !layout::is_state(dir)).then(|| dir.to_string())
        })
        .collect();
    folders.sort();
    folders.dedup();
    folders
}

/// Where the agent `name` is defined in a project.
pub(crate) fn agent_path(name: &str) -> String {
    format!(".claude/agents/{name}.md")
}

/// `.claude/settings.json` without the review hook agentpack installed (`hooks: false`),
/// when it has one; the user's other settings and hooks stay.
fn settings_without_hook(root: &Path) -> anyhow::Result<Option<Generated>> {
    let path = root.join(settings::SETTINGS_PATH);
    if !path.is_file() {
        return Ok(None);
    }
    let existing = crate::fsx::read_text(&path, crate::fsx::MAX_FILE_BYTES)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    Ok(
        settings::remove(&path, &existing)?.map(|content| Generated {
            path: settings::SETTINGS_PATH.into(),
            template: String::new(),
            content,
            // Taking our entry out is the change the user asked for with --no-hooks.
            overwrite: true,
        }),
    )
}

/// `.claude/settings.json` with the review hook merged into whatever the user has there.
fn settings_file(root: &Path, manifest: &Manifest) -> anyhow::Result<Generated> {
    let agents = settings::hook_agents(manifest);
    let path = root.join(settings::SETTINGS_PATH);
    let mut edited = false;
    let (content, overwrite) = if path.is_file() {
        let existing = crate::fsx::read_text(&path, crate::fsx::MAX_FILE_BYTES)
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        match settings::merge(&path, &existing, &agents)? {
            // Already there: keep the user's formatting byte for byte.
            Merge::Unchanged(_) => (existing, false),
            Merge::Added(text) => (text, true),
            Merge::Differs(text) => {
                edited = true;
                (text, false)
            }
        }
    } else {
        (settings::fresh(&agents), false)
    };
    // The judge's agent hooks (`judge.hook`), added, replaced or removed beside ours.
    let wanted = match manifest.judge.as_ref().and_then(|j| j.hook) {
        Some(true) => super::judge_hook::entries(root, manifest),
        _ => Vec::new(),
    };
    let (content, overwrite) = match super::judge_hook::apply(&content, &wanted)? {
        // Only our own entries change: a merge, unless the user edited our command hook.
        Some(text) => (text, !edited),
        None => (content, overwrite),
    };
    Ok(Generated {
        path: settings::SETTINGS_PATH.into(),
        template: String::new(),
        content,
        overwrite,
    })
}

/// Example artifacts for each workflow output whose rubric has a built-in example.
pub(crate) fn example_artifacts(manifest: &Manifest) -> Vec<Generated> {
    manifest
        .workflow
        .iter()
        .filter_map(|task| {
            let rubric = task.rubric.as_deref()?;
            let path = format!("examples/artifacts/{rubric}/good.md");
            let content = assets::example(&path)?;
            Some(Generated {
                path: task.output.clone(),
                template: path,
                content: content.to_string(),
                overwrite: false,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::{AgentConfig, ReviewRule};
    use crate::scaffold::catalog;

    /// `add` rewrites the manifest from the template, so every field must survive the trip.
    #[test]
    fn manifest_survives_render_and_parse() {
        let mut m = catalog::manifest_for_pack("software", "round-trip").unwrap();
        m.threshold = Some(85);
        m.max_iterations = Some(5);
        m.hooks = Some(false);
        m.agents.insert(
            "orchestrator".into(),
            AgentConfig {
                catalog: Some("orchestrator".into()),
                model: Some("claude-opus-5".into()),
                color: Some("red".into()),
                tools: Some(vec!["Read".into(), "Bash(git *)".into()]),
                description: Some("Custom: with a colon, and \"quotes\"".into()),
            },
        );
        m.agents.insert("writer".into(), AgentConfig::default());
        m.review.rules.push(ReviewRule {
            glob: "artifacts/notes-*.md".into(),
            rubric: "generic".into(),
        });
        m.vars.insert(
            "audience".into(),
            serde_json::json!("platform engineers: SREs"),
        );
        m.vars.insert("depth".into(), serde_json::json!(3));
        let tmp = tempfile::tempdir().unwrap();
        let files = files(tmp.path(), &m, &Renderer::new(None), Some(MANIFEST)).unwrap();
        let text = &files.iter().find(|f| f.path == MANIFEST).unwrap().content;
        let back = crate::project::validate::parse(Path::new(MANIFEST), text).unwrap();
        assert_eq!(back, m, "{text}");
    }
}
