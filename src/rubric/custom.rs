//! Rubrics as a project customizes them: which rubric is in force for a name (the project's
//! file in the rubric override folder, else the built-in) and the project's own rubrics next
//! to the built-ins, for `rubrics show` and `list rubrics`. The folder comes from the project
//! layout through [`crate::assets::RUBRICS`] (the 0.1 folder is still read until `init`
//! moves it).

use std::path::Path;

use crate::assets::{Found, RUBRICS};

/// Where the rubric in force for a name comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Builtin,
    /// The project's file (relative to the root), replacing the built-in of the same name.
    Override(String),
    /// The project's file (relative to the root), with no built-in of that name.
    Project(String),
}

fn project_origin(root: &Path, name: &str) -> Origin {
    let rel = RUBRICS.override_rel(root, name);
    if RUBRICS.builtin(name).is_some() {
        Origin::Override(rel)
    } else {
        Origin::Project(rel)
    }
}

/// The rubric in force for `name` in the project at `root`: where it comes from and its text.
pub fn effective(root: Option<&Path>, name: &str) -> anyhow::Result<(Origin, String)> {
    let name = RUBRICS.normalize(name);
    match RUBRICS.find(root, name) {
        Some(Found::Override(path)) => {
            let root = root.unwrap_or(Path::new("."));
            let origin = project_origin(root, name);
            if let Origin::Override(rel) | Origin::Project(rel) = &origin {
                // A project's rubric is read only when it resolves inside the project.
                crate::fsx::join_inside(root, rel)?;
            }
            let text = crate::fsx::read_text(&path, crate::fsx::MAX_FILE_BYTES)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            Ok((origin, text))
        }
        Some(Found::Builtin(text)) => Ok((Origin::Builtin, text.to_string())),
        None => anyhow::bail!(
            "unknown rubric `{name}`; built-in rubrics: {}; or create {}",
            RUBRICS.names().join(", "),
            RUBRICS.override_path(Path::new(""), name).display()
        ),
    }
}

/// Every rubric name the project can use, sorted: the built-ins and the project's own files,
/// each with where the one in force comes from.
pub fn all(root: Option<&Path>) -> Vec<(String, Origin)> {
    let mut names: Vec<String> = RUBRICS.names().into_iter().map(String::from).collect();
    let dirs = [RUBRICS.override_dir, RUBRICS.legacy_dir];
    for dir in dirs
        .iter()
        .filter_map(|d| std::fs::read_dir(root?.join(d)).ok())
    {
        for entry in dir.flatten() {
            let file = entry.file_name();
            let Some(name) = file.to_str().and_then(|f| f.strip_suffix(".yaml")) else {
                continue;
            };
            if entry.path().is_file() && !names.iter().any(|n| n == name) {
                names.push(name.to_string());
            }
        }
    }
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let origin = match (root, RUBRICS.find(root, &name)) {
                (Some(root), Some(Found::Override(_))) => project_origin(root, &name),
                _ => Origin::Builtin,
            };
            (name, origin)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_project_file_wins_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let (origin, text) = effective(Some(root), "generic").unwrap();
        assert_eq!(origin, Origin::Builtin);
        assert_eq!(text, RUBRICS.builtin("generic").unwrap());
        let path = RUBRICS.override_path(root, "generic");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "name: mine\n").unwrap();
        std::fs::write(path.with_file_name("house-style.yaml"), "name: house\n").unwrap();
        let rel = |n: &str| format!("{}/{n}.yaml", RUBRICS.override_dir);
        let (origin, text) = effective(Some(root), "generic.yaml").unwrap();
        assert_eq!(origin, Origin::Override(rel("generic")));
        assert_eq!(text, "name: mine\n");
        let listed = all(Some(root));
        assert!(listed.contains(&("generic".into(), Origin::Override(rel("generic")))));
        assert!(listed.contains(&("house-style".into(), Origin::Project(rel("house-style")))));
        assert!(listed.contains(&("tutorial".into(), Origin::Builtin)));
        let err = effective(Some(root), "nope").unwrap_err().to_string();
        assert!(err.contains("unknown rubric `nope`"), "{err}");
    }
}
