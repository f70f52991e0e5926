//! `templates test`: snapshot tests for a team's customized templates. The project's
//! templates (overrides, else built-ins) are rendered against the project's manifest (case
//! `project`) and every extra case manifest the team keeps, and each rendered file is
//! compared with its committed snapshot; every rendered agent and `AGENTS.md` must also
//! pass `check` without errors, and `AGENTS.md` must name every agent and output of the
//! manifest (`super::validate`), snapshot or not. The layout:
//!
//! ```text
//! .agentpack/template-tests/
//!   cases/NAME.yaml                   extra manifests (any agentpack.yaml)
//!   snapshots/project/<rendered path>.snap   the project's own manifest
//!   snapshots/NAME/<rendered path>.snap      one folder per case
//! ```
//!
//! The `.snap` suffix keeps tools that look for `AGENTS.md` or `.claude/agents/*.md` (Claude
//! Code, `check` on a folder) from taking a snapshot for the real file.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::generate;
use super::render::Renderer;
use super::validate::{self, Problem};
use crate::fsx;
use crate::project::{MANIFEST, Manifest, Project};

/// The folder of the template tests in the project at `root`.
pub(crate) fn tests_dir(root: &Path) -> PathBuf {
    root.join(crate::project::layout::TEMPLATE_TESTS_DIR)
}

/// The case of the project's own manifest.
pub(crate) const PROJECT_CASE: &str = "project";

/// How one rendered file compares with its snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Status {
    Same,
    /// Differs from the snapshot.
    Changed,
    /// No snapshot yet.
    New,
    /// A snapshot of a file no longer rendered.
    Stale,
}

/// One file of a case.
#[derive(Debug, Clone)]
pub(crate) struct FileResult {
    /// The rendered path (`AGENTS.md`).
    pub path: String,
    pub status: Status,
    /// Snapshot (empty when new) and rendered text, for the diff.
    pub snapshot: String,
    pub rendered: String,
}

/// One case: its files, the errors `check` finds in them, or why it could not render.
#[derive(Debug, Clone, Default)]
pub(crate) struct CaseResult {
    pub name: String,
    /// The manifest it renders, relative to the project.
    pub manifest: String,
    pub files: Vec<FileResult>,
    pub problems: Vec<Problem>,
    /// The manifest did not load or a template did not render.
    pub error: Option<String>,
}

impl CaseResult {
    /// Whether the case passes (after `--update`, mismatches no longer count).
    pub(crate) fn passed(&self, updated: bool) -> bool {
        self.error.is_none()
            && self.problems.is_empty()
            && (updated || self.files.iter().all(|f| f.status == Status::Same))
    }
}

/// What a run found, and whether it accepted the new output.
#[derive(Debug)]
pub(crate) struct Report {
    pub cases: Vec<CaseResult>,
    pub updated: bool,
}

impl Report {
    pub(crate) fn passed(&self) -> bool {
        self.cases.iter().all(|c| c.passed(self.updated))
    }
}

/// Runs every case of the project found from the current folder (or `config`); with
/// `update`, writes the snapshots of the cases that pass `check` and removes stale ones.
pub(crate) fn run(config: Option<&Path>, update: bool) -> anyhow::Result<Report> {
    let project = Project::require(config, &fsx::cwd()?)?;
    let root = project.root.clone();
    let renderer = Renderer::new(Some(&root));
    let manifest_rel = fsx::display_in(&project.manifest_path, &root);
    let mut cases = vec![case(
        &root,
        &renderer,
        PROJECT_CASE,
        &manifest_rel,
        Ok(project.manifest.clone()),
    )];
    for (name, path) in case_files(&root)? {
        let rel = fsx::display_in(&path, &root);
        let manifest = fsx::join_inside(&root, &rel)
            .map_err(|e| format!("{e:#}"))
            .and_then(|path| load_case(&root, &path));
        cases.push(case(&root, &renderer, &name, &rel, manifest));
    }
    // Snapshot folders of cases that no longer exist.
    let known: BTreeSet<String> = cases.iter().map(|c| c.name.clone()).collect();
    for name in snapshot_cases(&root) {
        if !known.contains(&name) {
            let mut gone = CaseResult {
                name: name.clone(),
                manifest: format!("(no cases/{name}.yaml)"),
                ..CaseResult::default()
            };
            add_stale(&root, &mut gone, &BTreeSet::new());
            cases.push(gone);
        }
    }
    if update {
        for c in cases
            .iter()
            .filter(|c| c.error.is_none() && c.problems.is_empty())
        {
            accept(&root, c)?;
        }
    }
    Ok(Report {
        cases,
        updated: update,
    })
}

/// The case manifests, by name, sorted; `project` is reserved.
fn case_files(root: &Path) -> anyhow::Result<Vec<(String, PathBuf)>> {
    let dir = tests_dir(root).join("cases");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let Some(name) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".yaml").or_else(|| n.strip_suffix(".yml")))
        else {
            continue;
        };
        if name == PROJECT_CASE {
            anyhow::bail!(
                "{}: `{PROJECT_CASE}` is the case of the project's own manifest; rename the file",
                path.display()
            );
        }
        out.push((name.to_string(), path));
    }
    out.sort();
    Ok(out)
}

fn load_case(root: &Path, path: &Path) -> Result<Manifest, String> {
    let text = fsx::read_text(path, fsx::MAX_FILE_BYTES).map_err(|e| format!("{e:#}"))?;
    let checked = crate::project::validate::validate(root, path, &text);
    let errors: Vec<String> = checked
        .diagnostics
        .iter()
        .filter(|d| d.severity == crate::diag::Severity::Error)
        .map(|d| format!("{}:{}:{}: {}", path.display(), d.line, d.column, d.message))
        .collect();
    match checked.manifest {
        Some(m) if errors.is_empty() => Ok(m),
        _ => Err(errors.join("\n")),
    }
}

/// Renders one case and compares it with its snapshots.
fn case(
    root: &Path,
    renderer: &Renderer,
    name: &str,
    manifest_rel: &str,
    manifest: Result<Manifest, String>,
) -> CaseResult {
    let mut result = CaseResult {
        name: name.to_string(),
        manifest: manifest_rel.to_string(),
        ..CaseResult::default()
    };
    let manifest = match manifest {
        Ok(m) => m,
        Err(e) => {
            result.error = Some(e);
            return result;
        }
    };
    let files = match generate::rendered(&manifest, renderer, Some(MANIFEST), true) {
        Ok(f) => f,
        Err(e) => {
            result.error = Some(format!("{e:#}"));
            return result;
        }
    };
    let refs: Vec<_> = files.iter().collect();
    let all: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    result.problems = validate::errors(root, &manifest, &refs, &all, true);
    for f in &files {
        // A snapshot linked to outside the project is refused, never read.
        let path = match fsx::join_inside(root, &snapshot_rel(name, &f.path)) {
            Ok(p) => p,
            Err(e) => {
                result.error = Some(format!("{e:#}"));
                return result;
            }
        };
        let snapshot = fsx::read_text(&path, fsx::MAX_FILE_BYTES)
            .ok()
            .map(|t| t.replace("\r\n", "\n"));
        let status = match &snapshot {
            None => Status::New,
            Some(s) if *s == f.content => Status::Same,
            Some(_) => Status::Changed,
        };
        result.files.push(FileResult {
            path: f.path.clone(),
            status,
            snapshot: snapshot.unwrap_or_default(),
            rendered: f.content.clone(),
        });
    }
    let rendered: BTreeSet<String> = files.iter().map(|f| f.path.clone()).collect();
    add_stale(root, &mut result, &rendered);
    result.files.sort_by(|a, b| a.path.cmp(&b.path));
    result
}

/// The snapshot of rendered path `path` in `case`, relative to the project root.
fn snapshot_rel(case: &str, path: &str) -> String {
    let dir = snapshot_dir(Path::new(""), case);
    format!(
        "{}/{path}{SUFFIX}",
        dir.to_string_lossy().replace('\\', "/")
    )
}

const SUFFIX: &str = ".snap";

fn snapshot_dir(root: &Path, case: &str) -> PathBuf {
    tests_dir(root).join("snapshots").join(case)
}

fn snapshot_cases(root: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(tests_dir(root).join("snapshots")) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .collect();
    names.sort();
    names
}

/// Adds the snapshots of `case` that are not among `rendered`.
fn add_stale(root: &Path, case: &mut CaseResult, rendered: &BTreeSet<String>) {
    let dir = snapshot_dir(root, &case.name);
    for entry in walkdir::WalkDir::new(&dir)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let rel = entry
            .path()
            .strip_prefix(&dir)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        let Some(path) = rel.strip_suffix(SUFFIX) else {
            continue;
        };
        if !rendered.contains(path) {
            case.files.push(FileResult {
                path: path.to_string(),
                status: Status::Stale,
                snapshot: String::new(),
                rendered: String::new(),
            });
        }
    }
}

/// Writes the new and changed snapshots of a case and removes its stale ones.
fn accept(root: &Path, case: &CaseResult) -> anyhow::Result<()> {
    for f in &case.files {
        let path = fsx::join_inside(root, &snapshot_rel(&case.name, &f.path))?;
        match f.status {
            Status::Same => {}
            Status::Changed | Status::New => fsx::write_atomic(&path, f.rendered.as_bytes())?,
            Status::Stale => std::fs::remove_file(&path)
                .map_err(|e| anyhow::anyhow!("cannot remove {}: {e}", path.display()))?,
        }
    }
    Ok(())
}
