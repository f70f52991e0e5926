//! `agentpack doctor`: whether what `init` set up will actually run inside Claude Code.
//! Each check gives `Ok` (with what it found), `Problem` (with its findings) or `Skipped`
//! (it needs something an earlier check did not get). The checks read the project's files
//! through the paths of `project::layout`, the same ones generation writes; nothing is
//! written. `report/` renders the result; exit 1 on any problem.

pub mod codes;
mod health;
pub mod path;
mod project;

use std::path::{Path, PathBuf};

use health::finding;
pub use health::{Check, Health, Status};

use crate::project::{Project, layout};

/// Runs every check for the project found from `start` (or `config`).
pub fn run(start: &Path, config: Option<&Path>) -> Health {
    let mut checks = vec![path_check()];
    let project = match Project::discover(config, start) {
        Ok(Some(project)) => project,
        Ok(None) => {
            let f = finding(
                &codes::NO_PROJECT,
                crate::project::MANIFEST,
                format!(
                    "no {} in {} or any parent folder",
                    crate::project::MANIFEST,
                    start.display()
                ),
            )
            .with_fix(
                "run `agentpack doctor` inside the project, or `agentpack init` to create one",
            );
            checks.push(Check::from("manifest", "", vec![f]));
            return Health { root: None, checks };
        }
        Err(e) => {
            let path = config.map_or_else(
                || PathBuf::from(crate::project::MANIFEST),
                Path::to_path_buf,
            );
            let f = finding(&codes::NO_PROJECT, path, format!("{e:#}"))
                .with_fix("fix the manifest at the position shown; `agentpack check` lists every problem in it");
            checks.push(Check::from("manifest", "", vec![f]));
            return Health { root: None, checks };
        }
    };
    checks.push(Check::ok(
        "manifest",
        format!(
            "{} (project `{}`)",
            crate::fsx::display_in(&project.manifest_path, &project.root),
            project.manifest.name
        ),
    ));
    checks.extend(project::checks(&project));
    Health {
        root: Some(project.root),
        checks,
    }
}

/// `agentpack` is on PATH, where Claude Code's hook runner looks for it.
fn path_check() -> Check {
    if let Some(found) = path::find_agentpack() {
        return Check::ok("path", format!("{} is on PATH", found.display()));
    }
    let fix = match path::this_binary_dir() {
        Some(dir) => format!(
            "install it (`cargo install agentpack`, `npm install -g agentpack` or a release archive) or add {} to PATH",
            dir.display()
        ),
        None => "install it (`cargo install agentpack`, `npm install -g agentpack` or a release archive)".to_string(),
    };
    let f = finding(
        &codes::NOT_ON_PATH,
        "",
        format!(
            "`{}` is not on PATH: Claude Code runs the review hook (`{}`) and the review command by that name, so they fail with exit 127 and no artifact is reviewed",
            layout::PROGRAM,
            layout::HOOK_COMMAND
        ),
    )
    .with_fix(fix);
    Check::from("path", "", vec![f])
}
