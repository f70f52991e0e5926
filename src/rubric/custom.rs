//! Rubrics as a project customizes them: which rubric is in force for a name (the project's
//! file in the rubric override folder, else the built-in) and the project's own rubrics next
//! to the built-ins, for `rubrics show` and `list rubrics`. The folder comes from one place,
//! [`crate::assets::RUBRICS`].

use std::path::{Path, PathBuf};

use crate::assets::{Found, RUBRICS};

/// Where the rubric in force for a name comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Builtin,
    /// The project's file, replacing the built-in of the same name.
    Override(PathBuf),
    /// The project's file, with no built-in of that name.
    Project(PathBuf),
}

impl Origin {
    /// The project's file, when the rubric is the project's.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Origin::Builtin => None,
            Origin::Override(p) | Origin::Project(p) => Some(p),
        }
    }
}

/// The rubric in force for `name` in the project at `root`: where it comes from and its text.
pub fn effective(root: Option<&Path>, name: &str) -> anyhow::Result<(Origin, String)> {
    let name = RUBRICS.normalize(name);
    let builtin = RUBRICS.builtin(name).is_some();
    match RUBRICS.find(root, name) {
        Some(Found::Override(path)) => {
            if let Some(root) = root {
                // A project's rubric is read only when it resolves inside the project.
                crate::fsx::join_inside(
                    root,
                    &RUBRICS.override_path(Path::new(""), name).to_string_lossy(),
                )?;
            }
            let text = crate::fsx::read_text(&path, crate::fsx::MAX_FILE_BYTES)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            let origin = if builtin {
                Origin::Override(path)
            } else {
                Origin::Project(path)
            };
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
    if let Some(root) = root
        && let Ok(dir) = std::fs::read_dir(root.join(RUBRICS.override_dir))
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
            let origin = match RUBRICS.find(root, &name) {
                Some(Found::Override(p)) if RUBRICS.builtin(&name).is_some() => Origin::Override(p),
                Some(Found::Override(p)) => Origin::Project(p),
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
        let (origin, text) = effective(Some(root), "generic.yaml").unwrap();
        assert_eq!(
            (origin, text.as_str()),
            (Origin::Override(path.clone()), "name: mine\n")
        );
        let listed = all(Some(root));
        assert!(listed.contains(&("generic".into(), Origin::Override(path.clone()))));
        assert!(listed.contains(&(
            "house-style".into(),
            Origin::Project(path.with_file_name("house-style.yaml"))
        )));
        assert!(listed.contains(&("tutorial".into(), Origin::Builtin)));
        let err = effective(Some(root), "nope").unwrap_err().to_string();
        assert!(err.contains("unknown rubric `nope`"), "{err}");
    }
}
