//! PJ007: the review hook in `.claude/settings.json` does not match `agentpack.yaml`.

use std::path::Path;

use crate::diag::{Diagnostic, Severity};
use crate::lint::rule::Lint;
use crate::project::Manifest;
use crate::rules::RuleDoc;
use crate::scaffold::settings;

pub(crate) const HOOK_MISMATCH: Lint = Lint {
    severity: Severity::Warning,
    doc: RuleDoc {
        code: "PJ007",
        name: "hook-mismatch",
        summary: "The review hook in `.claude/settings.json` disagrees with the manifest",
        doc: r#"## What it does
Compares agentpack's `SubagentStop` entry in `.claude/settings.json` (the one whose command is `agentpack hook subagent-stop`) with `agentpack.yaml`: with `hooks: true` the entry must be there and match the workflow's agents; with `hooks: false` it must be gone. A missing `.claude/settings.json` is reported only when the manifest says `hooks: true` itself.

## Why
Claude Code runs what the settings say, not what the manifest says: a hook left behind after `hooks: false` keeps sending agents back, a stale matcher reviews the wrong agents, and a missing one means no artifact is reviewed when an agent stops while the prompts say it is.

## Example
`agentpack.yaml` has `hooks: false`, and `.claude/settings.json` still runs `agentpack hook subagent-stop`.

## Use instead
Run `agentpack init` (`agentpack init --no-hooks` to turn the hook off): it installs, updates or removes only agentpack's entry and keeps your other settings and hooks.
"#,
    },
};

/// Checks the project at `root` against its manifest (at `path`, where findings point).
pub(crate) fn check(root: &Path, path: &Path, manifest: &Manifest, out: &mut Vec<Diagnostic>) {
    let settings_path = root.join(settings::SETTINGS_PATH);
    let text = match crate::fsx::read_text(&settings_path, crate::fsx::MAX_FILE_BYTES) {
        Ok(text) => Some(text),
        Err(_) if !settings_path.exists() => None,
        // An unreadable file is `doctor`'s to explain; the manifest has no say in it.
        Err(_) => return,
    };
    let ours = match text.as_deref().map(settings::find_ours) {
        Some(Ok(entry)) => entry,
        Some(Err(_)) => return,
        None => None,
    };
    let fix = if manifest.hooks() {
        "run `agentpack init` to install or update agentpack's hook in .claude/settings.json"
    } else {
        "run `agentpack init --no-hooks` to remove agentpack's hook from .claude/settings.json"
    };
    let message = match (manifest.hooks(), ours) {
        (true, None) if text.is_none() && manifest.hooks != Some(true) => return,
        (true, None) => format!(
            "`hooks: true`, but {} has no `agentpack hook subagent-stop` entry: no artifact is reviewed when an agent stops",
            settings::SETTINGS_PATH
        ),
        (true, Some(entry)) => {
            let want = settings::expected(&settings::hook_agents(manifest));
            if entry["matcher"] == want["matcher"] {
                return;
            }
            format!(
                "the review hook in {} matches `{}`, but the workflow's agents are `{}`",
                settings::SETTINGS_PATH,
                entry["matcher"].as_str().unwrap_or("(none)"),
                want["matcher"].as_str().unwrap_or_default()
            )
        }
        (false, Some(_)) => format!(
            "`hooks: false`, but {} still runs `agentpack hook subagent-stop` when an agent stops",
            settings::SETTINGS_PATH
        ),
        (false, None) => return,
    };
    // At the manifest's `hooks:` line when it has one.
    let line = crate::fsx::read_text(path, crate::fsx::MAX_FILE_BYTES)
        .ok()
        .and_then(|t| t.lines().position(|l| l.starts_with("hooks:")))
        .map_or(1, |i| i + 1);
    out.push(HOOK_MISMATCH.diag(path, line, 1, message).with_fix(fix));
}
