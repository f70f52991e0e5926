//! Finding and loading the project: the nearest `agentpack.yaml` walking up (or `--config`),
//! parsed and validated, with the folder it lives in as the project root.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::manifest::{MANIFEST, Manifest};
use super::validate;
use crate::fsx;

/// A loaded project: its root folder and manifest.
#[derive(Debug, Clone)]
pub struct Project {
    pub root: PathBuf,
    pub manifest_path: PathBuf,
    pub manifest: Manifest,
}

impl Project {
    /// Loads the manifest at `path`.
    pub fn load(path: &Path) -> anyhow::Result<Project> {
        let text = fsx::read_text(path, fsx::MAX_FILE_BYTES)
            .with_context(|| path.display().to_string())?;
        let manifest = validate::parse(path, &text)?;
        let root = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        Ok(Project {
            root,
            manifest_path: path.to_path_buf(),
            manifest,
        })
    }

    /// The project for this run: `--config`, else the nearest manifest walking up from
    /// `start`. `Ok(None)` when there is none.
    pub fn discover(config: Option<&Path>, start: &Path) -> anyhow::Result<Option<Project>> {
        if let Some(path) = config {
            return Project::load(path).map(Some);
        }
        match find_manifest(start) {
            Some(path) => Project::load(&path).map(Some),
            None => Ok(None),
        }
    }

    /// Like [`Project::discover`], but a missing manifest is an error that says what to do.
    pub fn require(config: Option<&Path>, start: &Path) -> anyhow::Result<Project> {
        Project::discover(config, start)?.ok_or_else(|| {
            anyhow::anyhow!(
                "no {MANIFEST} in {} or any parent folder; run `agentpack init` first",
                start.display()
            )
        })
    }
}

/// Walks up from `start` to the nearest folder holding an `agentpack.yaml`.
pub fn find_manifest(start: &Path) -> Option<PathBuf> {
    let start = start.canonicalize().unwrap_or_else(|_| start.to_path_buf());
    start
        .ancestors()
        .map(|dir| dir.join(MANIFEST))
        .find(|p| p.is_file())
}
