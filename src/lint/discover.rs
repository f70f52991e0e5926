//! Which files `check` lints. In a project: every `*.md` below `.claude/agents/`. With paths:
//! every `*.md` below an `agents/` folder, plus markdown elsewhere whose frontmatter has a
//! `name` (so a plugin repository or a catalog works as is). Files below
//! `plugins/<plugin>/agents/` or next to a `.claude-plugin/` folder are plugin agents.

use std::path::{Component, Path, PathBuf};

use anyhow::Context as _;

/// Folders never walked: they hold no agent definitions and can be huge.
const SKIP_DIRS: &[&str] = &[".git", "node_modules", "target"];
/// Folders whose markdown is skills or commands, which share the frontmatter syntax.
const NOT_AGENT_DIRS: &[&str] = &["commands", "skills"];

/// One file to lint as an agent definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub path: PathBuf,
    /// Below an `agents/` folder (or named explicitly): lint even without frontmatter.
    pub in_agents_dir: bool,
    /// A plugin's agent: some fields are ignored and broken files still load.
    pub plugin: bool,
    /// The agents tree it belongs to; names must be unique within one tree.
    pub tree: PathBuf,
}

/// The agent files of the project at `root`.
pub(crate) fn project_agent_files(root: &Path) -> anyhow::Result<Vec<Candidate>> {
    let dir = root.join(".claude").join("agents");
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for path in walk(&dir)? {
        out.push(Candidate {
            path,
            in_agents_dir: true,
            plugin: false,
            tree: dir.clone(),
        });
    }
    Ok(out)
}

/// The agent files below `paths`, sorted and without duplicates.
pub(crate) fn agent_files(paths: &[PathBuf]) -> anyhow::Result<Vec<Candidate>> {
    let mut out = Vec::new();
    for root in paths {
        let meta =
            std::fs::metadata(root).with_context(|| format!("cannot read {}", root.display()))?;
        if meta.is_file() {
            // A file named on the command line is linted whatever its folder.
            let (_, plugin, tree) = classify(root, root.parent().unwrap_or(Path::new("")));
            out.push(Candidate {
                path: root.clone(),
                in_agents_dir: true,
                plugin,
                tree,
            });
            continue;
        }
        for path in walk(root)? {
            let (in_agents_dir, plugin, tree) = classify(&path, root);
            out.push(Candidate {
                path,
                in_agents_dir,
                plugin,
                tree,
            });
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    // `x/a.md` and `./x/a.md` are one file: keep the first spelling of each.
    let mut seen = std::collections::HashSet::new();
    out.retain(|c| {
        let key = std::fs::canonicalize(&c.path).unwrap_or_else(|_| {
            let parts = c.path.components();
            parts
                .filter(|p| *p != std::path::Component::CurDir)
                .collect::<PathBuf>()
        });
        seen.insert(key)
    });
    Ok(out)
}

/// Every `*.md` file below `dir`, sorted. Symlinks are not followed, so a loop cannot hang.
fn walk(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || !(e.file_type().is_dir()
                    && SKIP_DIRS.contains(&e.file_name().to_string_lossy().as_ref()))
        });
    for entry in walker {
        let entry = entry.with_context(|| format!("cannot walk {}", dir.display()))?;
        let is_md = entry
            .path()
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md"));
        // A symlinked agent file is read through its link (Claude Code does); a broken link
        // is kept so reading it reports the problem instead of skipping it in silence.
        let file_like = entry.file_type().is_file()
            || (entry.file_type().is_symlink() && !entry.path().is_dir());
        if is_md && file_like {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

/// (below an `agents/` folder, plugin agent, tree root) for `path` found below `root`.
fn classify(path: &Path, root: &Path) -> (bool, bool, PathBuf) {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let mut names: Vec<String> = Vec::new();
    if let Some(last) = root.file_name() {
        names.push(last.to_string_lossy().into_owned());
    }
    let rel_dirs: Vec<String> = rel
        .parent()
        .into_iter()
        .flat_map(Path::components)
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    names.extend(rel_dirs.iter().cloned());
    let agents_at = names.iter().position(|n| n == "agents");
    let excluded = names.iter().any(|n| NOT_AGENT_DIRS.contains(&n.as_str()))
        || path.file_name().is_some_and(|f| f == "SKILL.md");
    let in_agents_dir = agents_at.is_some() && !excluded;
    let tree = match agents_at {
        // names[0] is the root's own name when it has one; rel_dirs follow.
        Some(i) => {
            let offset = usize::from(root.file_name().is_some());
            if i < offset {
                root.to_path_buf()
            } else {
                rel_dirs[..=i - offset]
                    .iter()
                    .fold(root.to_path_buf(), |p, n| p.join(n))
            }
        }
        None => path.parent().unwrap_or(Path::new("")).to_path_buf(),
    };
    let plugin = is_plugin_agent(path, &tree);
    (in_agents_dir, plugin, tree)
}

/// A file below `plugins/<plugin>/agents/`, or in an agents tree next to `.claude-plugin/`.
fn is_plugin_agent(path: &Path, tree: &Path) -> bool {
    let parts: Vec<String> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    let by_layout = parts
        .windows(3)
        .any(|w| w[0] == "plugins" && w[2] == "agents");
    let by_manifest = tree.file_name().is_some_and(|n| n == "agents")
        && tree
            .parent()
            .is_some_and(|p| p.join(".claude-plugin").is_dir());
    by_layout || by_manifest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_layouts() {
        let root = Path::new("repo");
        let (a, p, t) = classify(Path::new("repo/plugins/x/agents/sub/a.md"), root);
        assert!(a && p);
        assert_eq!(t, Path::new("repo/plugins/x/agents"));
        let (a, p, t) = classify(Path::new("repo/.claude/agents/a.md"), root);
        assert!(a && !p);
        assert_eq!(t, Path::new("repo/.claude/agents"));
        let (a, _, t) = classify(Path::new("repo/docs/a.md"), root);
        assert!(!a);
        assert_eq!(t, Path::new("repo/docs"));
        let (a, _, _) = classify(Path::new("repo/agents/commands/a.md"), root);
        assert!(!a, "commands are not agents");
        let (a, _, t) = classify(Path::new("agents/a.md"), Path::new("agents"));
        assert!(a);
        assert_eq!(t, Path::new("agents"));
    }

    #[test]
    fn walk_skips_git_and_sorts() {
        let dir = tempfile::tempdir().unwrap();
        for f in ["b.md", "a.md", ".git/x.md", "sub/c.md", "note.txt"] {
            let p = dir.path().join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x").unwrap();
        }
        let names: Vec<_> = walk(dir.path())
            .unwrap()
            .iter()
            .map(|p| {
                p.strip_prefix(dir.path())
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        assert_eq!(names, ["a.md", "b.md", "sub/c.md"]);
    }
}
