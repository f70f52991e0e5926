//! The codes `doctor` reports, with their documentation (`agentpack explain DR001`). They
//! join the lints and review codes in the one registry (`rules::registry`).

use crate::diag::Severity;
use crate::rules::RuleDoc;

pub const NOT_ON_PATH: RuleDoc = RuleDoc {
    code: "DR001",
    name: "not-on-path",
    summary: "`agentpack` is not on PATH, so the generated hook and command cannot run",
    doc: "## What it does\n\nLooks for an executable `agentpack` in the folders of PATH, as the shell Claude Code runs hooks with does.\n\n## Why\n\nThe SubagentStop hook, the review command and AGENTS.md call `agentpack` by name. Without it on PATH the hook exits 127, which Claude Code treats as a non-blocking error: the refinement loop silently never runs.\n\n## Fix\n\nInstall it (`cargo install agentpack`, `cargo binstall agentpack`, `npm install -g agentpack`, or a release archive) or add the folder that holds the binary to PATH, then start Claude Code again.\n",
};

pub const INVALID_SETTINGS: RuleDoc = RuleDoc {
    code: "DR002",
    name: "invalid-settings",
    summary: "`.claude/settings.json` is not valid JSON or not the shape Claude Code reads",
    doc: "## What it does\n\nParses `.claude/settings.json` and checks that it is an object whose `hooks` is an object and `hooks.SubagentStop` a list; a key given twice is refused too.\n\n## Why\n\nClaude Code cannot use a settings file it cannot parse, so none of its hooks run; `agentpack init` also refuses to merge into it.\n\n## Example\n\n```json\n{ \"hooks\": {}, }\n```\n\n## Fix\n\nFix the JSON at the line and column shown (here: the trailing comma).\n",
};

pub const MISSING_HOOK: RuleDoc = RuleDoc {
    code: "DR003",
    name: "missing-hook",
    summary: "`agentpack.yaml` wants the review hook but `.claude/settings.json` has no entry for it",
    doc: "## What it does\n\nWhen the manifest's `hooks` is true (the default), looks for the SubagentStop entry that runs `agentpack hook subagent-stop`.\n\n## Why\n\nWithout it no artifact is reviewed when an agent stops, although the manifest says the loop is on.\n\n## Fix\n\nRun `agentpack init` to add the entry, or set `hooks: false` in `agentpack.yaml`.\n",
};

pub const UNEXPECTED_HOOK: RuleDoc = RuleDoc {
    code: "DR004",
    name: "unexpected-hook",
    summary: "`agentpack.yaml` says `hooks: false` but the review hook is still installed",
    doc: "## What it does\n\nWhen the manifest's `hooks` is false, looks for an agentpack entry under `hooks.SubagentStop` in `.claude/settings.json`.\n\n## Why\n\nThe hook still runs on every subagent stop while the manifest and the prompts say it is off.\n\n## Fix\n\nRun `agentpack init --no-hooks` to remove the entry (only that one), or set `hooks: true`.\n",
};

pub const STALE_HOOK: RuleDoc = RuleDoc {
    code: "DR005",
    name: "stale-hook",
    summary: "the review hook entry differs from what `agentpack init` would write",
    doc: "## What it does\n\nCompares agentpack's SubagentStop entry with the one `agentpack init` writes for the current workflow: the matcher (the agents that own workflow tasks), the command and the timeout.\n\n## Why\n\nA matcher that misses a workflow agent leaves that agent's artifacts unreviewed; one that names another agent reviews the wrong stops.\n\n## Fix\n\nRun `agentpack init` (it shows the difference; `--force` replaces the entry) or edit the entry.\n",
};

pub const NO_AGENTS_IMPORT: RuleDoc = RuleDoc {
    code: "DR006",
    name: "no-agents-import",
    summary: "CLAUDE.md does not import AGENTS.md, so the main thread never sees the handoff protocol",
    doc: "## What it does\n\nLooks for the import line `@AGENTS.md` in `CLAUDE.md` (or `.claude/CLAUDE.md`), outside code blocks.\n\n## Why\n\nClaude Code reads CLAUDE.md, not AGENTS.md: without the import the roster, the handoff protocol and the quality bar are invisible to the main conversation.\n\n## Fix\n\nAdd a line `@AGENTS.md` to CLAUDE.md, or run `agentpack init`, which adds it in its managed block.\n",
};

pub const COMMAND_COLLISION: RuleDoc = RuleDoc {
    code: "DR007",
    name: "command-collision",
    summary: "a project command or skill has the name of a Claude Code built-in command",
    doc: "## What it does\n\nCompares the names of `.claude/commands/*.md` and `.claude/skills/*/SKILL.md` with Claude Code's built-in slash commands (`/review`, `/init`, `/doctor`, ...).\n\n## Why\n\nTwo commands with one name collide: typing it runs the built-in or the file depending on the client, never reliably yours.\n\n## Example\n\n`.claude/commands/review.md` (agentpack's old review command) collides with the built-in `/review`.\n\n## Fix\n\nRename the file; agentpack's own command is `/agentpack-review` (`agentpack init` writes it).\n",
};

pub const NO_PROJECT: RuleDoc = RuleDoc {
    code: "DR008",
    name: "no-project",
    summary: "no readable `agentpack.yaml` was found, so the project checks cannot run",
    doc: "## What it does\n\nFinds the manifest the way every command does (`--config`, else the nearest `agentpack.yaml` walking up) and loads it.\n\n## Why\n\nThe hook, CLAUDE.md and command checks need the project.\n\n## Fix\n\nRun `agentpack doctor` inside the project, or `agentpack init` to create one; a manifest that does not load is shown with its file, line and column.\n",
};

/// Every doctor code with the severity it reports at, in code order.
pub const CODES: &[(RuleDoc, Severity)] = &[
    (NOT_ON_PATH, Severity::Error),
    (INVALID_SETTINGS, Severity::Error),
    (MISSING_HOOK, Severity::Error),
    (UNEXPECTED_HOOK, Severity::Error),
    (STALE_HOOK, Severity::Warning),
    (NO_AGENTS_IMPORT, Severity::Error),
    (COMMAND_COLLISION, Severity::Error),
    (NO_PROJECT, Severity::Error),
];

/// The severity `doc`'s code reports at.
pub(crate) fn severity(doc: &RuleDoc) -> Severity {
    CODES
        .iter()
        .find(|(d, _)| d.code == doc.code)
        .map_or(Severity::Error, |(_, s)| *s)
}
