//! What every rule (a `check` lint or a `review` rubric rule kind) documents about itself:
//! a stable code, a name, a one-line summary and the full doc `agentpack explain` prints.
//! The table of every code lives in [`registry`].

pub mod registry;

/// The documentation of one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleDoc {
    /// Stable code, e.g. `AG001` for an agent lint or `RV001` for a rubric rule kind.
    pub code: &'static str,
    /// Kebab-case name, e.g. `missing-description` or `required-sections`.
    pub name: &'static str,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// Markdown: What it does / Why / Example / Use instead (or parameters for rubric rules).
    pub doc: &'static str,
}
