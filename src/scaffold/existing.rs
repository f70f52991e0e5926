//! Fitting a pack into a project that already has agents of its own. Before anything is
//! written, every agent the pack would define is checked against what is there: a file at
//! the pack's path that agentpack did not write, or any file under `.claude/agents/` that
//! already defines the same `name` (Claude Code keys agents by name and loads only one). A
//! clash stops the run with nothing written; `--prefix` renames the pack's agents
//! (`ap-researcher`, everywhere: files, names, workflow, prompts, AGENTS.md, hook matcher)
//! and `--skip` leaves one out, so the user's agent is never wired into the workflow.

use std::path::{Path, PathBuf};

use super::lock::Lock;
use super::plan::Generated;
use crate::project::Manifest;

/// An agent of the pack that the project already defines in a file agentpack did not write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Clash {
    /// The agent name both would have.
    pub agent: String,
    /// The user's file, relative to the project root.
    pub file: PathBuf,
    /// Why it clashes, for the user.
    pub why: String,
}

/// Renames every agent of `manifest` to `prefix` + its name, keeping the catalog agent it is
/// (`catalog:`) so its template and defaults still apply.
pub(crate) fn prefix(manifest: &mut Manifest, prefix: &str) -> anyhow::Result<()> {
    let valid = !prefix.is_empty()
        && prefix
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if !valid {
        anyhow::bail!(
            "--prefix `{prefix}`: use lower-case letters, digits, `-` or `_` (for example `ap-`), so the names stay plain for Claude Code's hook matcher"
        );
    }
    let agents = std::mem::take(&mut manifest.agents);
    for (name, mut cfg) in agents {
        cfg.catalog.get_or_insert_with(|| name.clone());
        manifest.agents.insert(format!("{prefix}{name}"), cfg);
    }
    for task in &mut manifest.workflow {
        task.agent = format!("{prefix}{}", task.agent);
    }
    Ok(())
}

/// Leaves the agents `names` out of the pack: their tasks go, and a task that needed one of
/// them needs what it needed instead, so the rest of the workflow still runs in order.
pub(crate) fn skip(manifest: &mut Manifest, names: &[String]) -> anyhow::Result<()> {
    for name in names {
        if manifest.agents.shift_remove(name).is_none() {
            let known: Vec<&str> = manifest.agents.keys().map(String::as_str).collect();
            anyhow::bail!(
                "--skip {name}: the pack has no agent `{name}`; its agents are {}",
                known.join(", ")
            );
        }
        let gone: Vec<crate::project::Task> = manifest
            .workflow
            .iter()
            .filter(|t| &t.agent == name)
            .cloned()
            .collect();
        manifest.workflow.retain(|t| &t.agent != name);
        for removed in &gone {
            for task in &mut manifest.workflow {
                if let Some(i) = task.needs.iter().position(|n| n == &removed.id) {
                    task.needs.remove(i);
                    for need in &removed.needs {
                        if !task.needs.contains(need) {
                            task.needs.push(need.clone());
                        }
                    }
                }
            }
        }
    }
    if manifest.agents.is_empty() {
        anyhow::bail!("--skip leaves the pack without agents; choose another pack or fewer agents");
    }
    Ok(())
}

/// The agents of `files` (`.claude/agents/NAME.md`) that the project at `root` already has
/// in a file agentpack did not write.
pub(crate) fn clashes(root: &Path, files: &[Generated]) -> anyhow::Result<Vec<Clash>> {
    let ours: Vec<(&str, &Generated)> = files
        .iter()
        .filter_map(|f| {
            let name = f
                .path
                .strip_prefix(".claude/agents/")?
                .strip_suffix(".md")?;
            Some((name, f))
        })
        .collect();
    if ours.is_empty() || !root.join(".claude/agents").is_dir() {
        return Ok(Vec::new());
    }
    let lock = Lock::load(root)?;
    let candidates = crate::lint::discover::project_agent_files(root)?;
    let found = crate::lint::driver::lint_all(&candidates, &mut Vec::new()).agents;
    let mut out = Vec::new();
    for (name, file) in ours {
        let target = root.join(&file.path);
        for agent in &found {
            if agent.name.as_deref() != Some(name) {
                continue;
            }
            let rel = agent.path.strip_prefix(root).unwrap_or(&agent.path);
            let rel_text = rel.to_string_lossy().replace('\\', "/");
            let same_file = agent.path == target;
            let written_by_us = lock.files.contains_key(&rel_text);
            if written_by_us {
                continue;
            }
            let same_content = same_file
                && crate::fsx::read_text(&target, crate::fsx::MAX_FILE_BYTES)
                    .is_ok_and(|t| t.replace("\r\n", "\n") == file.content);
            if same_content {
                continue;
            }
            let why = if same_file {
                "agentpack did not write this file (it is not in agentpack's lock)".to_string()
            } else {
                format!(
                    "it already defines `name: {name}`; Claude Code would load only one of the two"
                )
            };
            out.push(Clash {
                agent: name.to_string(),
                file: rel.to_path_buf(),
                why,
            });
        }
        // A file at our path that is not an agent Claude Code loads (no frontmatter) is the
        // user's too.
        if target.is_file()
            && !found.iter().any(|a| a.path == target)
            && !lock.files.contains_key(&file.path)
        {
            out.push(Clash {
                agent: name.to_string(),
                file: PathBuf::from(&file.path),
                why: "agentpack did not write this file (it is not in agentpack's lock)".into(),
            });
        }
    }
    out.sort_by(|a, b| (&a.agent, &a.file).cmp(&(&b.agent, &b.file)));
    out.dedup();
    Ok(out)
}
