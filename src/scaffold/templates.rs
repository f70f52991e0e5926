//! `templates adopt` and `templates diff`: the two ways back from a customization. Adopt
//! turns a generated file the user edited into a project template override: the edit is
//! applied as a patch to the template (so manifest changes still reach the file) when its
//! lines map onto the template's literal lines and the patched template renders exactly the
//! user's file, else the file itself becomes the template. Diff shows how an ejected
//! template drifted from the current built-in.

use std::path::{Component, Path, PathBuf};

use super::generate;
use super::render::Renderer;
use crate::assets::{Found, TEMPLATES};
use crate::fsx;
use crate::project::Project;

/// What `templates adopt` wrote.
#[derive(Debug, Clone)]
pub(crate) struct Adopted {
    /// The generated file, relative to the project.
    pub file: String,
    /// The override written, relative to the project.
    pub override_path: String,
    /// An override existed and was patched.
    pub existed: bool,
    /// The template is the file as is (its edit did not map onto the template).
    pub literal: bool,
}

/// Makes the edited generated file `path` the source of its template's project override.
pub(crate) fn adopt(config: Option<&Path>, path: &Path, force: bool) -> anyhow::Result<Adopted> {
    let cwd = fsx::cwd()?;
    let project = Project::require(config, &cwd)?;
    let root = &project.root;
    let rel = relative(root, &cwd.join(path)).ok_or_else(|| {
        anyhow::anyhow!(
            "{} is not inside the project at {}",
            path.display(),
            root.display()
        )
    })?;
    if rel == generate::AGENTS_MD || rel == generate::CLAUDE_MD {
        anyhow::bail!(
            "{rel} holds agentpack's block and your own text: write yours outside the block (it is kept), or `agentpack templates eject project/{rel}` to change the block"
        );
    }
    let renderer = Renderer::new(Some(root));
    let files = generate::rendered(&project.manifest, &renderer, None, true)?;
    let Some(generated) = files.iter().find(|f| f.path == rel) else {
        let known: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        anyhow::bail!(
            "{rel} is not rendered from a template; these are: {}",
            known.join(", ")
        );
    };
    let disk = fsx::join_inside(root, &rel)?;
    let mine = fsx::read_text(&disk, fsx::MAX_FILE_BYTES)
        .map_err(|e| anyhow::anyhow!("{}: {e:#}", disk.display()))?
        .replace("\r\n", "\n");
    if mine == generated.content {
        anyhow::bail!("{rel} is exactly what its template renders; there is no edit to adopt");
    }
    let name = generated.template.clone();
    let (source, existed) = match TEMPLATES.find(Some(root), &name) {
        Some(Found::Override(p)) => (fsx::read_text(&p, fsx::MAX_FILE_BYTES)?, true),
        Some(Found::Builtin(text)) => (text.to_string(), false),
        None => anyhow::bail!("template {name} not found"),
    };
    // Less context finds more places in a template (tags sit between rendered lines); the
    // render check rejects a patch that landed in the wrong one.
    // Lines only appended at the end go at the template's end, whatever it includes there.
    let appended = mine
        .strip_prefix(generated.content.as_str())
        .map(|tail| format!("{source}{tail}"));
    let patched = [3, 2, 1]
        .into_iter()
        .filter_map(|context| {
            let mut opts = diffy::DiffOptions::new();
            opts.set_context_len(context);
            let patch = opts.create_patch(&generated.content, &mine);
            diffy::apply(&source, &patch).ok()
        })
        .chain(appended)
        .find(|candidate| renders_as(root, &project, &name, candidate, &rel, &mine));
    let literal = patched.is_none();
    if literal && existed && !force {
        anyhow::bail!(
            "your edit of {rel} does not map onto your override of {name}; re-run with --force to replace the override with the file as is, or make the edit in {}",
            TEMPLATES.override_path(Path::new(""), &name).display()
        );
    }
    let text = patched.unwrap_or_else(|| literal_template(&mine));
    let override_rel = TEMPLATES
        .override_path(Path::new(""), &name)
        .to_string_lossy()
        .replace('\\', "/");
    fsx::write_atomic(&fsx::join_inside(root, &override_rel)?, text.as_bytes())?;
    Ok(Adopted {
        file: rel,
        override_path: override_rel,
        existed,
        literal,
    })
}

/// Whether the project renders file `rel` as `want` with template `name` read as `source`.
fn renders_as(
    root: &Path,
    project: &Project,
    name: &str,
    source: &str,
    rel: &str,
    want: &str,
) -> bool {
    let renderer = Renderer::with_source(Some(root), Some((name.to_string(), source.to_string())));
    generate::rendered(&project.manifest, &renderer, None, true)
        .is_ok_and(|files| files.iter().any(|f| f.path == rel && f.content == want))
}

/// A template that renders `text` as is.
fn literal_template(text: &str) -> String {
    if ["{{", "{%", "{#"].iter().any(|t| text.contains(t)) {
        format!("{{% raw %}}{text}{{% endraw %}}")
    } else {
        text.to_string()
    }
}

/// `path` relative to `root`, `/`-separated, resolving `.` and `..` lexically.
fn relative(root: &Path, path: &Path) -> Option<String> {
    let mut parts: Vec<&std::ffi::OsStr> = Vec::new();
    let mut normal = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                parts.pop();
            }
            Component::CurDir => {}
            Component::Normal(p) => parts.push(p),
            other => normal.push(other.as_os_str()),
        }
    }
    for p in parts {
        normal.push(p);
    }
    let rel = normal.strip_prefix(root).ok()?;
    let rel = rel.to_string_lossy().replace('\\', "/");
    (!rel.is_empty()).then_some(rel)
}

/// One ejected template and the built-in it came from.
#[derive(Debug, Clone)]
pub(crate) struct TemplateDiff {
    pub name: String,
    /// The override, relative to the project.
    pub path: String,
    pub builtin: String,
    pub ejected: String,
}

/// The ejected templates named (all of them when `names` is empty) against the built-ins.
pub(crate) fn diff(config: Option<&Path>, names: &[String]) -> anyhow::Result<Vec<TemplateDiff>> {
    let cwd = fsx::cwd()?;
    let root = match Project::discover(config, &cwd)? {
        Some(project) => project.root,
        None => cwd,
    };
    let wanted: Vec<String> = if names.is_empty() {
        TEMPLATES
            .names()
            .into_iter()
            .filter(|n| TEMPLATES.override_path(&root, n).is_file())
            .map(str::to_string)
            .collect()
    } else {
        names
            .iter()
            .map(|n| TEMPLATES.normalize(n).to_string())
            .collect()
    };
    let mut out = Vec::new();
    for name in wanted {
        let builtin = TEMPLATES.builtin(&name).ok_or_else(|| {
            anyhow::anyhow!("unknown template `{name}`; see `agentpack list templates`")
        })?;
        let rel = TEMPLATES
            .override_path(Path::new(""), &name)
            .to_string_lossy()
            .replace('\\', "/");
        let path = fsx::join_inside(&root, &rel)?;
        if !path.is_file() {
            anyhow::bail!(
                "{name} is not ejected (no {rel}); `agentpack templates eject {name}` copies it"
            );
        }
        let ejected = fsx::read_text(&path, fsx::MAX_FILE_BYTES)
            .map_err(|e| anyhow::anyhow!("{}: {e:#}", path.display()))?;
        out.push(TemplateDiff {
            name,
            path: rel,
            builtin: builtin.to_string(),
            ejected: ejected.replace("\r\n", "\n"),
        });
    }
    Ok(out)
}
