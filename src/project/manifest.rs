//! `agentpack.yaml`: the manifest's shape and the defaults applied by getters, so an absent
//! key and the documented default can never disagree.

use indexmap::IndexMap;
use serde::{Deserialize, Deserializer, Serialize};

/// File name of the manifest.
pub const MANIFEST: &str = "agentpack.yaml";
/// Pass mark when neither flag, rubric nor manifest sets one.
pub const DEFAULT_THRESHOLD: u32 = 80;
/// Refinement rounds before an artifact is escalated to a person.
pub const DEFAULT_MAX_ITERATIONS: u32 = 3;

/// The manifest, as written by `init` and edited by users.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub version: u32,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pack: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_iterations: Option<u32>,
    /// Whether `init` installs the SubagentStop review hook in `.claude/settings.json`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hooks: Option<bool>,
    #[serde(default)]
    pub agents: IndexMap<String, AgentConfig>,
    #[serde(default)]
    pub workflow: Vec<Task>,
    #[serde(default)]
    pub review: ReviewConfig,
    /// Which `check` rules apply (ruff-style select / ignore / per-path ignores).
    #[serde(default, skip_serializing_if = "CheckConfig::is_empty")]
    pub check: CheckConfig,
    #[serde(default)]
    pub vars: IndexMap<String, serde_json::Value>,
    /// The optional semantic judge of `review` (see `crate::review::judge`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub judge: Option<JudgeConfig>,
}

/// `judge:`: how `review` asks a semantic judge (a command reading the prompt on stdin).
/// Present means configured: `review` runs it unless `--no-judge`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct JudgeConfig {
    /// Program and arguments; default: the `claude -p` line of `review::judge`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<JudgeMode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_s: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_calls: Option<u32>,
    /// `init` also writes an `agent`-type SubagentStop hook that asks the judge questions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hook: Option<bool>,
}

impl JudgeConfig {
    /// Whether `review` runs the judge: any setting but `hook` alone (a block that only asks
    /// `init` for the Claude Code hook does not make every `review` call a model).
    pub fn for_review(&self) -> bool {
        self.command.is_some()
            || self.mode.is_some()
            || self.timeout_s.is_some()
            || self.max_calls.is_some()
            || self.hook.is_none()
    }
}

/// What the judge's verdict does to the score.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum JudgeMode {
    /// Blended into the dimensions by the rubric's judge weights.
    #[default]
    Score,
    /// Reported beside an unchanged deterministic score.
    Advise,
}

/// Per-agent settings that override the catalog.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AgentConfig {
    /// The catalog agent this one is (`init --prefix` renames `researcher` to
    /// `ap-researcher: { catalog: researcher }`); the key itself when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalog: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tools: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// One node of the workflow DAG.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Task {
    pub id: String,
    pub agent: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub needs: Vec<String>,
    pub output: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rubric: Option<String>,
    /// What the task is for: the orchestrator's brief and AGENTS.md start from it. Always
    /// serialized (null when absent) so templates can test it.
    #[serde(default)]
    pub description: Option<String>,
    /// What must hold before the output is accepted, one criterion per item; they reach the
    /// orchestrator's brief and AGENTS.md.
    #[serde(default, deserialize_with = "null_as_default")]
    pub acceptance: Vec<String>,
}

/// How artifacts outside the workflow are reviewed.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewConfig {
    /// First matching glob wins.
    #[serde(default, deserialize_with = "null_as_default")]
    pub rules: Vec<ReviewRule>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_rubric: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewRule {
    pub glob: String,
    pub rubric: String,
}

/// Rule selection for `agentpack check`: codes (`AG020`), code prefixes (`AG`, `AG02`) or rule
/// names (`legacy-tool`). Nothing selected means every rule.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CheckConfig {
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub select: Vec<String>,
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub ignore: Vec<String>,
    /// Glob (relative to the project root) -> rules ignored in the files it matches, e.g.
    /// vendored agents.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "IndexMap::is_empty"
    )]
    pub per_path_ignores: IndexMap<String, Vec<String>>,
}

impl CheckConfig {
    pub fn is_empty(&self) -> bool {
        self.select.is_empty() && self.ignore.is_empty() && self.per_path_ignores.is_empty()
    }
}

fn null_as_default<'de, D, T>(de: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(de)?.unwrap_or_default())
}

/// The pass mark of an artifact: the `--threshold` flag, else its rubric's own, else the
/// manifest's, else 80. The one place that orders them.
pub fn threshold(flag: Option<u32>, rubric: Option<u32>, manifest: Option<&Manifest>) -> u32 {
    flag.or(rubric)
        .or(manifest.and_then(|m| m.threshold))
        .unwrap_or(DEFAULT_THRESHOLD)
}

impl Task {
    /// The normalised artifact key of this task's output (see [`super::artifact::key`]).
    pub fn key(&self) -> String {
        super::artifact::key(&self.output)
    }
}

impl Manifest {
    pub fn threshold(&self) -> u32 {
        self.threshold.unwrap_or(DEFAULT_THRESHOLD)
    }

    pub fn max_iterations(&self) -> u32 {
        self.max_iterations.unwrap_or(DEFAULT_MAX_ITERATIONS)
    }

    pub fn hooks(&self) -> bool {
        self.hooks.unwrap_or(true)
    }
}
