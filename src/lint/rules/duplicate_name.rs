//! AG009: two files of one agents tree with the same `name`.

use std::collections::HashMap;
use std::path::Path;

use crate::diag::{Diagnostic, Severity};
use crate::lint::model::AgentInfo;
use crate::lint::rule::Lint;
use crate::rules::RuleDoc;

pub(crate) const DUPLICATE_NAME: Lint = Lint {
    severity: Severity::Warning,
    doc: RuleDoc {
        code: "AG009",
        name: "duplicate-name",
        summary: "Two files in one agents tree declare the same `name`",
        doc: r#"## What it does
Reports every file whose `name` is also used by another file of the same agents tree (`.claude/agents/**`, or one plugin's `agents/`), and names the one Claude Code keeps.

## Why
Only one of them loads: Claude Code sorts the paths and the one that sorts last wins (`zz/dup.md` beats `dup.md`). Only the debug log mentions the others.

## Example
`.claude/agents/reviewer.md` and `.claude/agents/old/reviewer.md` both have `name: reviewer`.

## Use instead
Rename one agent or delete the stale file.
"#,
    },
};

/// Reports names used twice within one agents tree, naming the file Claude Code keeps: of
/// the files with one name, the one whose path sorts last (as a string) wins.
pub(crate) fn check(agents: &[AgentInfo], out: &mut Vec<Diagnostic>) {
    let mut groups: HashMap<(&Path, &str), Vec<&AgentInfo>> = HashMap::new();
    for agent in agents.iter().filter(|a| !a.skipped) {
        if let Some(name) = agent.name.as_deref() {
            groups
                .entry((agent.tree.as_path(), name))
                .or_default()
                .push(agent);
        }
    }
    for ((_, name), mut group) in groups {
        if group.len() < 2 {
            continue;
        }
        group.sort_by_key(|a| a.path.to_string_lossy().into_owned());
        let winner = group[group.len() - 1];
        let shown = crate::report::display_path(&winner.path);
        for agent in &group[..group.len() - 1] {
            out.push(
                DUPLICATE_NAME
                    .diag(
                        &agent.path,
                        agent.name_line,
                        1,
                        format!("`name: {name}` is also declared in {shown}, which Claude Code loads instead of this file (of files with one name, the path that sorts last wins)"),
                    )
                    .with_fix("rename one of the agents or delete the stale file"),
            );
        }
    }
}
