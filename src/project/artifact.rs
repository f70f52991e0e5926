//! Artifacts and their revisions. A workflow output `artifacts/x.md` is revised as
//! `artifacts/x.v2.md`, `x.v3.md`...; every revision shares one key, the first revision's
//! normalised path, which is what the review history records. The one place that spells it.

use std::path::{Path, PathBuf};

/// The folder agents hand their artifacts over in.
pub const ARTIFACTS_DIR: &str = "artifacts";
/// Where review feedback for the next refinement round goes (named in templates too).
pub const FEEDBACK_PATH: &str = "artifacts/feedback.md";
/// Where review feedback goes when the user owns [`FEEDBACK_PATH`].
pub const FEEDBACK_FALLBACK_PATH: &str = "artifacts/feedback.agentpack.md";

/// The normalised key of an artifact path as written in the manifest or on the command line:
/// `/`-separated, without `./` segments (`./artifacts//x.md` -> `artifacts/x.md`).
pub fn key(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        if part.is_empty() || part == "." {
            continue;
        }
        parts.push(part);
    }
    parts.join("/")
}

/// `artifacts/x.v3.md` -> (`artifacts/x.md`, 3); `artifacts/x.md` -> (same, 1).
pub fn split_revision(path: &str) -> (String, u32) {
    if let Some(stem) = path.strip_suffix(".md")
        && let Some((base, digits)) = stem.rsplit_once(".v")
        && let Ok(n) = digits.parse::<u32>()
        // The last number has no next revision: such a file is an artifact of its own.
        && (2..u32::MAX).contains(&n)
        && digits == n.to_string()
        && !base.is_empty()
        && !base.ends_with('/')
    {
        return (format!("{base}.md"), n);
    }
    (path.to_string(), 1)
}

/// The path of revision `n + 1` of `key` (`artifacts/x.md`, 2 -> `artifacts/x.v3.md`).
pub fn next_revision(key: &str, n: u32) -> String {
    let stem = key.strip_suffix(".md").unwrap_or(key);
    format!("{stem}.v{}.md", n.saturating_add(1))
}

fn rel_string(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The newest existing revision of a workflow output (`x.vN.md` with the largest N, else
/// `x.md`), project-relative; `None` when no revision exists.
pub fn newest_revision(root: &Path, output: &str) -> Option<String> {
    task_revisions(root, output)
        .into_iter()
        .map(|(rel, _)| rel)
        .max_by_key(|rel| split_revision(rel).1)
}

/// A workflow output and its revisions that exist, wherever in the project they live.
pub(crate) fn task_revisions(root: &Path, output: &str) -> Vec<(String, PathBuf)> {
    let key = key(output);
    let key = key.as_str();
    let file = root.join(key);
    let Some(dir) = file.parent() else {
        return Vec::new();
    };
    let rel_dir = Path::new(key).parent().map(rel_string).unwrap_or_default();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            let rel = if rel_dir.is_empty() {
                name
            } else {
                format!("{rel_dir}/{name}")
            };
            (split_revision(&rel).0 == key && e.path().is_file()).then(|| (rel, e.path()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_normalised() {
        assert_eq!(key("./artifacts/x.md"), "artifacts/x.md");
        assert_eq!(key("artifacts//./x.md"), "artifacts/x.md");
        assert_eq!(key("artifacts\\x.md"), "artifacts/x.md");
        assert_eq!(key("artifacts/x.md"), "artifacts/x.md");
    }

    #[test]
    fn revisions_split_and_advance() {
        assert_eq!(
            split_revision("artifacts/x.v3.md"),
            ("artifacts/x.md".into(), 3)
        );
        assert_eq!(
            split_revision("artifacts/x.md"),
            ("artifacts/x.md".into(), 1)
        );
        assert_eq!(
            split_revision("artifacts/x.v1.md"),
            ("artifacts/x.v1.md".into(), 1)
        );
        assert_eq!(
            split_revision("artifacts/x.v03.md"),
            ("artifacts/x.v03.md".into(), 1)
        );
        assert_eq!(split_revision("a/v2.md"), ("a/v2.md".into(), 1));
        assert_eq!(split_revision("x.vabc.md"), ("x.vabc.md".into(), 1));
        assert_eq!(next_revision("artifacts/x.md", 1), "artifacts/x.v2.md");
        assert_eq!(next_revision("artifacts/x.md", 2), "artifacts/x.v3.md");
        // No wrap to `.v0.md`, which is not a revision: the last number is not one either.
        assert_eq!(
            split_revision("artifacts/x.v4294967295.md"),
            ("artifacts/x.v4294967295.md".into(), 1)
        );
        let (_, n) = split_revision("artifacts/x.v4294967294.md");
        assert_eq!(
            next_revision("artifacts/x.md", n),
            "artifacts/x.v4294967295.md"
        );
    }
}
