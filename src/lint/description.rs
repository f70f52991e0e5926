//! The `description` field: it is required, and it is what Claude reads to decide when to
//! delegate, so it should say when to use the agent and stay free of pasted transcripts.

use std::sync::OnceLock;

use regex::Regex;

use super::Lint;
use super::agent::{AgentFile, skip_severity};
use crate::diag::{Diagnostic, Severity};
use crate::rules::RuleDoc;

pub(crate) const MISSING_DESCRIPTION: Lint = Lint {
    severity: Severity::Error,
    doc: RuleDoc {
        code: "AG010",
        name: "missing-description",
        summary: "The frontmatter has no `description`, or it is empty or not a string",
        doc: "## What it does\nReports an agent with a `name` but no usable `description`. For plugin agents it is a warning: they get a placeholder description.\n\n## Why\nClaude Code skips an agent file that has a name but no description (anthropics/claude-code#50522), and the description is what drives delegation.\n\n## Example\n```yaml\nname: code-reviewer\ntools: Read, Grep\n```\n\n## Use instead\n```yaml\nname: code-reviewer\ndescription: Reviews code for bugs and style. Use proactively after code changes.\ntools: Read, Grep\n```\n",
    },
};

pub(crate) const WEAK_DESCRIPTION: Lint = Lint {
    severity: Severity::Info,
    doc: RuleDoc {
        code: "AG011",
        name: "weak-description",
        summary: "The `description` does not say when to use the agent",
        doc: "## What it does\nReports a description with no \"when to use\" wording (`use when`, `use proactively`, `must be used`, `when`, `after`, `before`, `invoke`, ...).\n\n## Why\nClaude delegates by matching the request against each description. The docs advise stating when to use the agent and adding phrases like \"use proactively\" to encourage delegation.\n\n## Example\n```yaml\ndescription: Python expert.\n```\n\n## Use instead\n```yaml\ndescription: Python expert. Use proactively when writing, refactoring or debugging Python code.\n```\n",
    },
};

pub(crate) const NOISY_DESCRIPTION: Lint = Lint {
    severity: Severity::Info,
    doc: RuleDoc {
        code: "AG012",
        name: "noisy-description",
        summary: "The `description` carries example transcripts, literal `\\n` escapes or thousands of characters",
        doc: "## What it does\nReports a description longer than 1,500 characters, or one holding `<example>` blocks or literal `\\n` escapes.\n\n## Why\nEvery description is read on every delegation decision. Generated example transcripts make it long, and they are the usual source of YAML that breaks as soon as someone adds a real newline.\n\n## Example\n```yaml\ndescription: Use this agent to review code.\\n\\nExamples:\\n<example>user: ...</example>\n```\n\n## Use instead\nOne or two sentences on what the agent does and when to use it; move examples into the body.\n",
    },
};

pub(crate) const LINTS: &[&Lint] = &[&MISSING_DESCRIPTION, &WEAK_DESCRIPTION, &NOISY_DESCRIPTION];

/// Longest description that is not reported as noisy.
const LONG: usize = 1500;

fn when_wording() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)\b(use|used|using|invoke|invoked|delegate|call|when|whenever|after|before|proactively|must be used|triggers?|for tasks?)\b")
            .expect("static regex")
    })
}

pub(crate) fn check(file: &AgentFile, out: &mut Vec<Diagnostic>) {
    let path = file.path;
    let (line, col) = file.value_pos("description");
    let text = match file.get("description") {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s,
        other => {
            let problem = match other {
                None => "the frontmatter has no `description`".to_string(),
                Some(serde_json::Value::String(_)) => "`description` is empty".to_string(),
                Some(v) => format!("`description` is {}, not a string", super::fields::kind(v)),
            };
            let effect = if file.plugin {
                "; this plugin agent gets a placeholder description"
            } else {
                "; Claude Code skips an agent without one"
            };
            let mut d = MISSING_DESCRIPTION.diag(path, line, col, format!("{problem}{effect}"));
            d.severity = skip_severity(file.plugin, d.severity);
            out.push(
                d.with_fix("add `description:` saying what the agent does and when to use it"),
            );
            return;
        }
    };
    if !when_wording().is_match(text) {
        out.push(
            WEAK_DESCRIPTION
                .diag(path, line, col, "the description does not say when to use the agent, which is what Claude delegates on")
                .with_fix("add a sentence such as \"Use proactively when ...\" or \"Use after ...\""),
        );
    }
    let chars = text.chars().count();
    let noise = if text.contains("<example>") {
        Some("holds `<example>` blocks".to_string())
    } else if text.contains("\\n") {
        Some("holds literal `\\n` escapes".to_string())
    } else if chars > LONG {
        Some(format!("is {chars} characters long"))
    } else {
        None
    };
    if let Some(noise) = noise {
        out.push(
            NOISY_DESCRIPTION
                .diag(
                    path,
                    line,
                    col,
                    format!("the description {noise}; it is read on every delegation decision"),
                )
                .with_fix(
                    "keep one or two sentences on what and when; move examples into the body",
                ),
        );
    }
}
