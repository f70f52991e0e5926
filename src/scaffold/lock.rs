//! `agentpack.lock`: what agentpack generated, by path, with the template it came from and
//! the hash of what was written. It is how a later run tells a file still as agentpack wrote
//! it (safe to update) from one the user edited (kept unless `--force`).

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context as _;
use serde::{Deserialize, Serialize};

use crate::fsx;

/// Where the lockfile lives, relative to the project root.
pub(crate) use crate::project::layout::LOCKFILE;

/// The lockfile's content.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Lock {
    pub version: u32,
    pub generator: String,
    pub files: BTreeMap<String, LockEntry>,
}

/// One generated file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LockEntry {
    pub template: String,
    pub sha256: String,
    /// While a run is writing: the hash the file had before it, still as agentpack wrote it.
    /// A run stopped half-way (a kill, a full disk) leaves either content, both pristine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
}

impl LockEntry {
    /// Whether a file whose text hashes to `sha256` is as agentpack wrote it.
    pub(crate) fn matches(&self, sha256: &str) -> bool {
        self.sha256 == sha256 || self.previous.as_deref() == Some(sha256)
    }
}

pub(crate) use crate::fsx::sha256_hex as hash;

impl Lock {
    /// Reads the lockfile of `root` (at its 0.1 place, the project root, until `init` moves
    /// it); a missing one is empty, a broken one an error.
    pub(crate) fn load(root: &Path) -> anyhow::Result<Lock> {
        let mut path = root.join(LOCKFILE);
        if !path.exists() {
            path = root.join(crate::project::layout::legacy::LOCKFILE);
        }
        if !path.exists() {
            return Ok(Lock::default());
        }
        let text = fsx::read_text(&path, fsx::MAX_FILE_BYTES)
            .with_context(|| path.display().to_string())?;
        serde_json::from_str(&text).map_err(|e| {
            anyhow::anyhow!(
                "{}:{}:{}: {}; delete the file to start over (every existing file then counts as edited)",
                path.display(),
                e.line(),
                e.column(),
                e
            )
        })
    }

    /// A lock for this version of agentpack that starts from `files`. A run that gets to
    /// write its lock has finished what a stopped one began: `previous` hashes go.
    pub(crate) fn current(mut files: BTreeMap<String, LockEntry>) -> Lock {
        for entry in files.values_mut() {
            entry.previous = None;
        }
        Lock {
            version: 1,
            generator: format!("agentpack {}", env!("CARGO_PKG_VERSION")),
            files,
        }
    }

    /// The file's text: pretty JSON with a final newline.
    pub(crate) fn to_text(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scaffold::plan::{plan, test_file as file};

    #[test]
    fn broken_lockfile_is_an_error_with_position() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(LOCKFILE);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "{\n  \"version\": 1,\n  oops\n}").unwrap();
        let err = plan(dir.path(), vec![file("a.md", "1")], false)
            .unwrap_err()
            .to_string();
        assert!(err.contains(".agentpack/agentpack.lock:3:"), "{err}");
    }

    #[test]
    fn hash_is_hex_sha256() {
        assert_eq!(
            hash(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
