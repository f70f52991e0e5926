//! Moving a project made with agentpack 0.1 to the current layout: the lockfile, the review
//! history, rubric and template overrides go under `.agentpack/`, and the `.gitkeep` files of
//! the folders every pack used to get (`config/`, `logs/`, `src/`, `tests/`) go when they are
//! still as agentpack wrote them (their folder too, once empty). Only files agentpack owns
//! move: a template override is one whose name is a built-in template, so a project's own
//! `templates/` folder stays. The moves are relocations of the plan, so a dry run shows them
//! and a stopped run is finished by the next one.

use std::path::Path;

use super::plan::Relocation;
use crate::assets::TEMPLATES;
use crate::project::layout::{self, legacy};

/// The moves and removals that bring the project at `root` to the current layout; empty
/// when it has none of the 0.1 layout's marks (its lockfile or history at the old place).
pub(crate) fn relocations(root: &Path) -> Vec<Relocation> {
    let old = |rel: &str| root.join(rel).symlink_metadata().is_ok();
    if !old(legacy::LOCKFILE) && !old(legacy::HISTORY) {
        return Vec::new();
    }
    let mut out = vec![Relocation::moving(legacy::HISTORY, layout::HISTORY)];
    for name in files_below(root, legacy::RUBRICS_DIR) {
        if name.ends_with(".yaml") || name.ends_with(".yml") {
            out.push(Relocation::moving(
                &format!("{}/{name}", legacy::RUBRICS_DIR),
                &format!("{}/{name}", layout::RUBRICS_DIR),
            ));
        }
    }
    let builtin = TEMPLATES.names();
    for name in files_below(root, legacy::TEMPLATES_DIR) {
        if builtin.contains(&TEMPLATES.normalize(&name)) && name.ends_with(TEMPLATES.suffix) {
            out.push(Relocation::moving(
                &format!("{}/{name}", legacy::TEMPLATES_DIR),
                &format!("{}/{name}", layout::TEMPLATES_DIR),
            ));
        }
    }
    for folder in legacy::FOLDERS {
        out.push(Relocation::removing(&format!("{folder}/.gitkeep")));
    }
    // Last: while the old lockfile is there, a stopped run's next one knows to finish.
    out.push(Relocation::moving(legacy::LOCKFILE, layout::LOCKFILE));
    out
}

/// Files below `root/dir`, relative to it, `/`-separated, sorted; links are not followed.
fn files_below(root: &Path, dir: &str) -> Vec<String> {
    let base = root.join(dir);
    let mut names: Vec<String> = walkdir::WalkDir::new(&base)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(&base).ok()?;
            Some(rel.to_string_lossy().replace('\\', "/"))
        })
        .filter(|n| !crate::fsx::is_temp_name(n.rsplit('/').next().unwrap_or(n)))
        .collect();
    names.sort();
    names
}
