//! `agentpack.yaml`: the manifest's shape and the defaults applied by getters, so an absent
//! key and the documented default can never disagree.

use std::path::Path;

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
    #[serde(default)]
    pub vars: IndexMap<String, serde_json::Value>,
}

/// Per-agent settings that override the catalog.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AgentConfig {
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

fn null_as_default<'de, D, T>(de: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(de)?.unwrap_or_default())
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

    /// Parses and validates manifest text; the first problem that makes it unusable is an
    /// error naming `path`, line and column (`check` reports all of them).
    pub fn parse(path: &Path, text: &str) -> anyhow::Result<Manifest> {
        let root = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let checked = super::validate::validate(root, path, text);
        if let Some(d) = checked
            .diagnostics
            .iter()
            .find(|d| super::validate::blocks_loading(d))
        {
            anyhow::bail!("{}:{}:{}: {}", path.display(), d.line, d.column, d.message);
        }
        checked
            .manifest
            .ok_or_else(|| anyhow::anyhow!("{}: the manifest cannot be read", path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "version: 1\nname: demo\nagents:\n  writer: {}\n  researcher:\n    model: opus\nworkflow:\n  - id: research\n    agent: researcher\n    output: artifacts/r.md\n    rubric: research-report\n  - { id: write, agent: writer, needs: [research], output: artifacts/w.md }\n";

    #[test]
    fn parses_and_applies_defaults() {
        let m = Manifest::parse(Path::new("agentpack.yaml"), GOOD).unwrap();
        assert_eq!(m.threshold(), 80);
        assert_eq!(m.max_iterations(), 3);
        assert_eq!(
            m.agents.keys().collect::<Vec<_>>(),
            ["writer", "researcher"]
        );
        assert_eq!(m.workflow[1].needs, ["research"]);
    }

    #[test]
    fn unknown_key_names_file_line_column() {
        let text = GOOD.replace("name: demo", "name: demo\nthreshhold: 70");
        let err = Manifest::parse(Path::new("agentpack.yaml"), &text).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("agentpack.yaml:3:1: unknown field `threshhold`"),
            "{err}"
        );
    }

    #[test]
    fn escaping_output_is_refused_with_position() {
        let text = GOOD.replace("artifacts/w.md", "../w.md");
        let err = Manifest::parse(Path::new("m.yaml"), &text)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("m.yaml:12:"), "{err}");
        assert!(err.contains("leaves the project"), "{err}");
    }

    #[test]
    fn bad_review_glob_is_refused_at_its_position() {
        let text = format!(
            "{GOOD}review:\n  rules:\n    - {{ glob: \"artifacts/[x.md\", rubric: generic }}\n"
        );
        let err = Manifest::parse(Path::new("m.yaml"), &text)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("m.yaml:15:15: invalid glob `artifacts/[x.md`"),
            "{err}"
        );
    }

    #[test]
    fn threshold_range_is_checked() {
        let text = GOOD.replace("name: demo", "name: demo\nthreshold: 120");
        let err = Manifest::parse(Path::new("m.yaml"), &text)
            .unwrap_err()
            .to_string();
        // The position of the offending value, not of its key.
        assert!(err.starts_with("m.yaml:3:12: threshold must be"), "{err}");
    }
}
