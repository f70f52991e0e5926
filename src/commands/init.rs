//! `agentpack init`: scaffold an agent pack. Everything is rendered before anything is
//! written, so a broken template or manifest leaves the folder untouched; the scaffold
//! module decides per file what is safe to write.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::Ctx;
use crate::pack::{self, AgentFileCtx, Context};
use crate::project::{MANIFEST, Manifest};
use crate::report::{Color, paint};
use crate::scaffold::{self, Action, Generated};
use crate::templates::{self, Renderer};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder to scaffold into; created when missing.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Built-in pack to start from (`agentpack list packs`) [default: research-writing].
    #[arg(long, value_name = "NAME")]
    pub pack: Option<String>,
    /// Catalog agents to use (`agentpack list agents`); with --pack, added to the pack.
    #[arg(long, value_delimiter = ',', value_name = "A,B,...")]
    pub agents: Vec<String>,
    /// Project name [default: the folder's name].
    #[arg(long)]
    pub name: Option<String>,
    /// Model for every agent (sonnet, opus, haiku, fable, inherit or a full model id).
    #[arg(long, value_name = "ALIAS")]
    pub model: Option<String>,
    /// Pass mark for reviews, 0-100 [default: 80].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=100))]
    pub threshold: Option<u32>,
    /// Also write example artifacts for the workflow, to try `agentpack review` at once.
    #[arg(long)]
    pub examples: bool,
    /// Do not install the SubagentStop review hook in .claude/settings.json.
    #[arg(long)]
    pub no_hooks: bool,
    /// Print the plan and diffs; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Overwrite files that differ from what agentpack would write.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: &Args, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let root = args.dir.clone();
    let manifest_path = root.join(MANIFEST);
    let existing = if manifest_path.is_file() && args.pack.is_none() && args.agents.is_empty() {
        Some(crate::project::Project::load(&manifest_path)?.manifest)
    } else {
        None
    };
    let flags_change_manifest =
        args.name.is_some() || args.model.is_some() || args.threshold.is_some() || args.no_hooks;
    let write_manifest = existing.is_none() || flags_change_manifest;
    let mut manifest = match existing {
        Some(m) => m,
        None => new_manifest(args, &root)?,
    };
    apply_flags(&mut manifest, args);

    let renderer = Renderer::new(Some(&root));
    let mut files = generate(
        &root,
        &manifest,
        &renderer,
        write_manifest.then_some(MANIFEST),
    )?;
    if args.examples {
        files.extend(example_artifacts(&manifest));
    }
    let plan = scaffold::plan(&root, files, args.force)?;
    finish(ctx, &plan, args.dry_run, &root, &manifest)
}

fn new_manifest(args: &Args, root: &Path) -> anyhow::Result<Manifest> {
    let name = match &args.name {
        Some(n) => n.clone(),
        None => folder_name(root)?,
    };
    let mut manifest = match (&args.pack, args.agents.is_empty()) {
        (None, false) => pack::manifest_for_agents(&args.agents, &name)?,
        (pack_name, _) => {
            let mut m =
                pack::manifest_for_pack(pack_name.as_deref().unwrap_or(pack::DEFAULT_PACK), &name)?;
            pack::add_agents(&mut m, &args.agents)?;
            m
        }
    };
    manifest.name = name;
    Ok(manifest)
}

fn apply_flags(manifest: &mut Manifest, args: &Args) {
    if let Some(name) = &args.name {
        manifest.name.clone_from(name);
    }
    if let Some(t) = args.threshold {
        manifest.threshold = Some(t);
    }
    if args.no_hooks {
        manifest.hooks = Some(false);
    }
    if let Some(model) = &args.model {
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

/// Working folders every pack gets; each holds a `.gitkeep` so it survives a commit.
pub const FOLDERS: [&str; 5] = ["artifacts", "config", "logs", "src", "tests"];

/// Renders every file of a project from its manifest. `manifest_path` (relative to `root`)
/// includes the manifest itself; `None` when the manifest on disk is the input.
pub fn generate(
    root: &Path,
    manifest: &Manifest,
    renderer: &Renderer,
    manifest_path: Option<&str>,
) -> anyhow::Result<Vec<Generated>> {
    let context = Context::new(manifest);
    let base = serde_json::to_value(&context)?;
    let render =
        |path: String, template: &str, ctx: &serde_json::Value| -> anyhow::Result<Generated> {
            Ok(Generated {
                path,
                template: templates::normalize(template).to_string(),
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
            format!(".claude/agents/{}.md", agent.name),
            &format!("agents/{}.md", agent.name),
            &ctx,
        )?);
    }
    files.push(render("AGENTS.md".into(), "project/AGENTS.md", &base)?);
    files.push(render(
        ".claude/commands/review.md".into(),
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
    if manifest.hooks() {
        files.push(settings_file(root, manifest)?);
    }
    for folder in FOLDERS {
        let keep = format!("{folder}/.gitkeep");
        let empty_or_absent =
            std::fs::read_dir(root.join(folder)).map_or(true, |mut d| d.next().is_none());
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

/// `.claude/settings.json` with the review hook merged into whatever the user has there.
fn settings_file(root: &Path, manifest: &Manifest) -> anyhow::Result<Generated> {
    use crate::settings::{self, Merge};
    let mut agents: Vec<String> = Vec::new();
    for task in &manifest.workflow {
        if !agents.contains(&task.agent) {
            agents.push(task.agent.clone());
        }
    }
    let path = root.join(settings::SETTINGS_PATH);
    let (content, overwrite) = if path.is_file() {
        let existing = crate::fsx::read_text(&path, crate::fsx::MAX_FILE_BYTES)
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        match settings::merge(&path, &existing, &agents)? {
            // Already there: keep the user's formatting byte for byte.
            Merge::Unchanged(_) => (existing, false),
            Merge::Added(text) => (text, true),
            Merge::Differs(text) => (text, false),
        }
    } else {
        (settings::fresh(&agents), false)
    };
    Ok(Generated {
        path: settings::SETTINGS_PATH.into(),
        template: String::new(),
        content,
        overwrite,
    })
}

/// Example artifacts for each workflow output whose rubric has a built-in example.
fn example_artifacts(manifest: &Manifest) -> Vec<Generated> {
    manifest
        .workflow
        .iter()
        .filter_map(|task| {
            let rubric = task.rubric.as_deref()?;
            let path = format!("examples/artifacts/{rubric}/good.md");
            let content = templates::embedded_example(&path)?;
            Some(Generated {
                path: task.output.clone(),
                template: path,
                content: content.to_string(),
                overwrite: false,
            })
        })
        .collect()
}

/// Prints the plan, applies it unless `dry_run`, and returns 1 when conflicts were kept.
pub(crate) fn finish(
    ctx: &Ctx,
    plan: &scaffold::Plan,
    dry_run: bool,
    root: &Path,
    manifest: &Manifest,
) -> anyhow::Result<ExitCode> {
    let mut out = String::new();
    if !ctx.quiet {
        let _ = writeln!(
            out,
            "{} {} pack into {}{}",
            paint(ctx.color, Color::Bold, "Scaffolding"),
            manifest.pack.as_deref().unwrap_or("custom"),
            root.display(),
            if dry_run {
                " (dry run: nothing is written)"
            } else {
                ""
            }
        );
        out.push_str(&plan.render(ctx, dry_run || ctx.verbose));
    }
    if !dry_run {
        plan.apply()?;
    }
    let created = plan.count(Action::Create);
    let updated =
        plan.count(Action::Update) + plan.count(Action::Overwrite) + plan.count(Action::Merge);
    let unchanged = plan.count(Action::Unchanged);
    let conflicts = plan.count(Action::Conflict);
    let verb = if dry_run { "would be " } else { "" };
    if !ctx.quiet {
        let _ = writeln!(
            out,
            "{} agents; {created} files {verb}created, {updated} {verb}updated, {unchanged} unchanged, {conflicts} kept",
            manifest.agents.len(),
        );
    }
    if conflicts > 0 {
        let _ = writeln!(
            out,
            "{}: {conflicts} file{} you edited differ{} from the templates and {} kept; the diffs above show what agentpack would write. Re-run with --force to overwrite.",
            paint(ctx.color, Color::Yellow, "hint"),
            if conflicts == 1 { "" } else { "s" },
            if conflicts == 1 { "s" } else { "" },
            if conflicts == 1 { "was" } else { "were" },
        );
    } else if created > 0 && !dry_run && !ctx.quiet {
        let cd = if root == Path::new(".") {
            String::new()
        } else {
            format!("cd {} && ", root.display())
        };
        let _ = writeln!(
            out,
            "Next: {cd}agentpack check && agentpack review   (then open the project in Claude Code)"
        );
    }
    crate::report::print(&out)?;
    Ok(if conflicts > 0 {
        ExitCode::from(super::EXIT_GATE)
    } else {
        ExitCode::SUCCESS
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::{AgentConfig, ReviewRule};

    /// `add` rewrites the manifest from the template, so every field must survive the trip.
    #[test]
    fn manifest_survives_render_and_parse() {
        let mut m = pack::manifest_for_pack("software", "round-trip").unwrap();
        m.threshold = Some(85);
        m.max_iterations = Some(5);
        m.hooks = Some(false);
        m.agents.insert(
            "orchestrator".into(),
            AgentConfig {
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
        let files = generate(tmp.path(), &m, &Renderer::new(None), Some(MANIFEST)).unwrap();
        let text = &files.iter().find(|f| f.path == MANIFEST).unwrap().content;
        let back = crate::project::validate::parse(Path::new(MANIFEST), text).unwrap();
        assert_eq!(back, m, "{text}");
    }
}
