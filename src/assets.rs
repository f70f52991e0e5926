//! Built-in files embedded in the binary (everything under `templates/`, and the example
//! artifacts under `examples/artifacts/`), and the one lookup that lets a project replace a
//! built-in by name: a file at the family's place in the project wins over the embedded one.
//! Templates and rubrics are the two families; `build.rs` embeds, so adding a file to the
//! folder is enough to ship it.

use std::path::{Path, PathBuf};

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// Every embedded file: its path below `templates/` and its content.
pub fn embedded_files() -> &'static [(&'static str, &'static str)] {
    EMBEDDED
}

/// An embedded file by its path below `templates/` (e.g. `catalog.yaml`).
pub fn embedded(path: &str) -> Option<&'static str> {
    EMBEDDED.iter().find(|(p, _)| *p == path).map(|(_, c)| *c)
}

/// An example artifact by its path in the repository (`examples/artifacts/R/good.md`).
pub fn example(path: &str) -> Option<&'static str> {
    let rel = path.strip_prefix("examples/artifacts/")?;
    EXAMPLES.iter().find(|(p, _)| *p == rel).map(|(_, c)| *c)
}

/// A family of built-ins a project can override one by one, by name.
#[derive(Debug, Clone, Copy)]
pub struct Family {
    /// Folder below `templates/` that holds the built-ins (`""`: all of it).
    pub builtin_dir: &'static str,
    /// Folder of a project that holds overrides.
    pub override_dir: &'static str,
    /// Where agentpack 0.1 kept them; read until `init` moves them.
    pub legacy_dir: &'static str,
    /// Suffix of the files; names do not carry it.
    pub suffix: &'static str,
}

/// Templates: `.agentpack/templates/NAME.j2` in the project overrides the built-in `NAME`.
pub const TEMPLATES: Family = Family {
    builtin_dir: "",
    override_dir: crate::project::layout::TEMPLATES_DIR,
    legacy_dir: crate::project::layout::legacy::TEMPLATES_DIR,
    suffix: ".j2",
};

/// Rubrics: `.agentpack/rubrics/NAME.yaml` in the project overrides the built-in `NAME`.
pub const RUBRICS: Family = Family {
    builtin_dir: "rubrics/",
    override_dir: crate::project::layout::RUBRICS_DIR,
    legacy_dir: crate::project::layout::legacy::RUBRICS_DIR,
    suffix: ".yaml",
};

/// Where the lookup found a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// The project's own file.
    Override(PathBuf),
    /// The embedded built-in, with its content.
    Builtin(&'static str),
}

impl Family {
    /// Names of the built-ins (without folder and suffix), sorted.
    pub fn names(&self) -> Vec<&'static str> {
        let mut names: Vec<_> = EMBEDDED
            .iter()
            .filter_map(|(p, _)| p.strip_prefix(self.builtin_dir)?.strip_suffix(self.suffix))
            .collect();
        names.sort_unstable();
        names
    }

    /// A name as users (and template `include` tags) may write it: with or without suffix.
    pub fn normalize<'a>(&self, name: &'a str) -> &'a str {
        name.strip_suffix(self.suffix).unwrap_or(name)
    }

    /// Path of the built-in below `templates/` (e.g. `rubrics/generic.yaml`).
    pub fn builtin_path(&self, name: &str) -> String {
        format!(
            "{}{}{}",
            self.builtin_dir,
            self.normalize(name),
            self.suffix
        )
    }

    /// The built-in's content.
    pub fn builtin(&self, name: &str) -> Option<&'static str> {
        embedded(&self.builtin_path(name))
    }

    /// Where an override of `name` lives in the project at `root`.
    pub fn override_path(&self, root: &Path, name: &str) -> PathBuf {
        root.join(self.override_dir)
            .join(format!("{}{}", self.normalize(name), self.suffix))
    }

    /// Where the project's override of `name` is, relative to `root`: its place, or the 0.1
    /// place when only that one has it.
    pub fn override_rel(&self, root: &Path, name: &str) -> String {
        let file = format!("{}{}", self.normalize(name), self.suffix);
        crate::project::layout::resolve(
            root,
            &format!("{}/{file}", self.override_dir),
            &format!("{}/{file}", self.legacy_dir),
        )
    }

    /// The project's file when it has one, else the built-in; `None` when neither exists.
    pub fn find(&self, root: Option<&Path>, name: &str) -> Option<Found> {
        if let Some(root) = root {
            let path = root.join(self.override_rel(root, name));
            if path.is_file() {
                return Some(Found::Override(path));
            }
        }
        self.builtin(name).map(Found::Builtin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_in_templates_is_embedded() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        for entry in walkdir::WalkDir::new(&root) {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                let rel = entry.path().strip_prefix(&root).unwrap();
                let rel = rel.to_string_lossy().replace('\\', "/");
                let on_disk = std::fs::read_to_string(entry.path()).unwrap();
                assert_eq!(
                    embedded(&rel),
                    Some(on_disk.as_str()),
                    "{rel} is not embedded as is"
                );
            }
        }
    }

    #[test]
    fn project_file_overrides_the_builtin_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let builtin = RUBRICS.builtin("generic").unwrap();
        assert_eq!(
            RUBRICS.find(Some(dir.path()), "generic"),
            Some(Found::Builtin(builtin))
        );
        let path = RUBRICS.override_path(dir.path(), "generic");
        assert!(
            path.ends_with(".agentpack/rubrics/generic.yaml"),
            "{path:?}"
        );
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "x").unwrap();
        assert_eq!(
            RUBRICS.find(Some(dir.path()), "generic"),
            Some(Found::Override(path))
        );
        assert_eq!(RUBRICS.find(None, "nope"), None);
        assert_eq!(
            TEMPLATES.normalize("agents/writer.md.j2"),
            "agents/writer.md"
        );
        assert!(TEMPLATES.names().contains(&"project/AGENTS.md"));
    }

    #[test]
    fn rubric_family_matches_the_rubric_loader() {
        assert_eq!(RUBRICS.override_dir, crate::rubric::RUBRIC_DIR);
        assert_eq!(RUBRICS.names(), crate::rubric::builtin_names());
    }
}
