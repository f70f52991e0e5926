//! The registry of `check` lints. Each lint lives in its own file with its code, default
//! severity, documentation (What it does / Why / Example / Use instead) and check; the
//! parse-stage codes live in [`crate::lint::parse`] and the manifest codes in
//! [`crate::lint::project`]. [`LINTS`] lists every one of them in code order: adding a lint
//! is one file here, one line in [`LINTS`] and a fixture folder named after the rule.

pub(crate) mod agent_not_mentioned;
pub(crate) mod duplicate_name;
pub(crate) mod duplicate_tool;
pub(crate) mod empty_tools;
pub(crate) mod hook_mismatch;
pub(crate) mod invalid_color;
pub(crate) mod invalid_field_value;
pub(crate) mod invalid_hooks;
pub(crate) mod invalid_model;
pub(crate) mod invalid_name;
pub(crate) mod invalid_permission_mode;
pub(crate) mod legacy_tool;
pub(crate) mod missing_agents_md;
pub(crate) mod missing_description;
pub(crate) mod missing_name;
pub(crate) mod name_style;
pub(crate) mod no_tool_resolves;
pub(crate) mod noisy_description;
pub(crate) mod output_not_mentioned;
pub(crate) mod plugin_ignored_field;
pub(crate) mod tool_alias;
pub(crate) mod unavailable_tool;
pub(crate) mod unknown_agent_mentioned;
pub(crate) mod unknown_key;
pub(crate) mod unknown_tool;
pub(crate) mod weak_description;

#[cfg(test)]
mod tests;

use crate::lint::parse::{
    duplicate_key, early_fence, ignored_file, invalid_yaml, missing_frontmatter, unquoted_value,
    unreadable_file, unterminated_frontmatter,
};
use crate::lint::project;
use crate::lint::rule::Rule;

/// Every lint, in code order. `agentpack explain`, SARIF rule metadata and `docs/rules.md`
/// come from it (through the registry of every code, `src/rules/registry.rs`); the driver
/// runs the checks it lists.
pub(crate) static LINTS: &[Rule] = &[
    Rule::stage(&unreadable_file::UNREADABLE_FILE),
    Rule::stage(&missing_frontmatter::MISSING_FRONTMATTER),
    Rule::stage(&unterminated_frontmatter::UNTERMINATED_FRONTMATTER),
    Rule::stage(&invalid_yaml::INVALID_YAML),
    Rule::stage(&unquoted_value::UNQUOTED_VALUE),
    Rule::agent(&missing_name::MISSING_NAME, missing_name::check),
    Rule::agent(&invalid_name::INVALID_NAME, invalid_name::check),
    Rule::agent(&name_style::NAME_STYLE, name_style::check),
    Rule::agents(&duplicate_name::DUPLICATE_NAME, duplicate_name::check),
    Rule::agent(
        &missing_description::MISSING_DESCRIPTION,
        missing_description::check,
    ),
    Rule::agent(&weak_description::WEAK_DESCRIPTION, weak_description::check),
    Rule::agent(
        &noisy_description::NOISY_DESCRIPTION,
        noisy_description::check,
    ),
    Rule::agent(&unknown_key::UNKNOWN_KEY, unknown_key::check),
    Rule::agent(&invalid_model::INVALID_MODEL, invalid_model::check),
    Rule::agent(&invalid_color::INVALID_COLOR, invalid_color::check),
    Rule::agent(
        &invalid_permission_mode::INVALID_PERMISSION_MODE,
        invalid_permission_mode::check,
    ),
    Rule::agent(
        &invalid_field_value::INVALID_FIELD_VALUE,
        invalid_field_value::check,
    ),
    Rule::agent(
        &plugin_ignored_field::PLUGIN_IGNORED_FIELD,
        plugin_ignored_field::check,
    ),
    Rule::agent(&unknown_tool::UNKNOWN_TOOL, unknown_tool::check),
    Rule::agent(&legacy_tool::LEGACY_TOOL, legacy_tool::check),
    Rule::agent(&no_tool_resolves::NO_TOOL_RESOLVES, no_tool_resolves::check),
    Rule::agent(&empty_tools::EMPTY_TOOLS, empty_tools::check),
    Rule::agent(&duplicate_tool::DUPLICATE_TOOL, duplicate_tool::check),
    Rule::agent(&tool_alias::TOOL_ALIAS, tool_alias::check),
    Rule::agent(&unavailable_tool::UNAVAILABLE_TOOL, unavailable_tool::check),
    Rule::stage(&ignored_file::IGNORED_FILE),
    Rule::stage(&early_fence::EARLY_FENCE),
    Rule::stage(&duplicate_key::DUPLICATE_KEY),
    Rule::agent(&invalid_hooks::INVALID_HOOKS, invalid_hooks::check),
    Rule::manifest(&project::INVALID_MANIFEST),
    Rule::manifest(&project::WORKFLOW_NOT_DAG),
    Rule::manifest(&project::UNKNOWN_TASK_AGENT),
    Rule::manifest(&project::AGENT_WITHOUT_DEFINITION),
    Rule::manifest(&project::INVALID_OUTPUT),
    Rule::manifest(&project::UNKNOWN_RUBRIC),
    Rule::manifest(&hook_mismatch::HOOK_MISMATCH),
    Rule::stage(&missing_agents_md::MISSING_AGENTS_MD),
    Rule::agents_md(
        &agent_not_mentioned::AGENT_NOT_MENTIONED,
        agent_not_mentioned::check,
    ),
    Rule::agents_md(
        &output_not_mentioned::OUTPUT_NOT_MENTIONED,
        output_not_mentioned::check,
    ),
    Rule::agents_md(
        &unknown_agent_mentioned::UNKNOWN_AGENT_MENTIONED,
        unknown_agent_mentioned::check,
    ),
];
