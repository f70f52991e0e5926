//! Verdicts already paid for: one file per verdict under agentpack's state folder, named by
//! the hash of everything the verdict depends on (artifact content, upstream contents, rubric,
//! prompt template, judge command). An unchanged artifact never calls the judge again.
//! Reads happen during scoring; writes happen with the rest of the round's records, under
//! the review lock ([`crate::review::session`]), and never with `--no-feedback`.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::verdict::Verdict;

/// Where verdicts are kept, relative to the project root: a cache under agentpack's state
/// folder (local, rebuilt at will); the one place that names it.
pub fn dir() -> PathBuf {
    Path::new(crate::project::layout::CACHE_DIR).join("judge")
}

/// What a cache key is made of.
#[derive(Serialize)]
pub struct KeyParts<'a> {
    pub artifact: &'a str,
    pub upstream: &'a [String],
    pub rubric: &'a str,
    pub questions: &'a [crate::rubric::judge::Question],
    pub template: &'a str,
    pub prompt: &'a str,
    pub command: &'a [String],
}

/// The key: SHA-256 of the parts, in hex.
pub fn key(parts: &KeyParts) -> String {
    crate::fsx::sha256_hex(&serde_json::to_string(parts).unwrap_or_default())
}

fn file(root: &Path, key: &str) -> anyhow::Result<PathBuf> {
    let rel = dir().join(format!("{key}.json"));
    crate::fsx::join_inside(root, &rel.to_string_lossy().replace('\\', "/"))
}

/// The cached verdict for `key`; `None` when absent or unreadable (then the judge is asked).
pub fn get(root: &Path, key: &str) -> Option<Verdict> {
    let path = file(root, key).ok()?;
    let text = crate::fsx::read_text(&path, crate::fsx::MAX_FILE_BYTES).ok()?;
    serde_json::from_str(&text).ok()
}

/// Stores `verdict` under `key`.
pub fn put(root: &Path, key: &str, verdict: &Verdict) -> anyhow::Result<()> {
    let path = file(root, key)?;
    let text = serde_json::to_string_pretty(verdict)?;
    crate::fsx::write_atomic(&path, text.as_bytes())
}
