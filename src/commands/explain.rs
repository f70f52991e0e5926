//! `agentpack explain CODE`: the documentation of one rule, by code (`AG004`) or name
//! (`invalid-yaml`); `--list` prints every rule. Also generates docs/rules.md, which a test
//! keeps in sync with the registry.

use std::fmt::Write as _;
use std::process::ExitCode;

use super::Ctx;
use crate::report::{Color, paint};
use crate::rules::RuleDoc;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Rule code (`AG004`) or name (`invalid-yaml`).
    #[arg(value_name = "CODE", required_unless_present = "list")]
    pub code: Option<String>,
    /// List every rule: code, name, default severity and summary.
    #[arg(long, conflicts_with = "code")]
    pub list: bool,
}

/// The documentation of every rule `agentpack` knows: the `check` lints, then the rubric
/// rule kinds of `review`.
pub fn all_rule_docs() -> Vec<RuleDoc> {
    let mut docs = crate::lint::rule_docs();
    docs.extend(crate::rubric::rule_docs());
    docs
}

/// The default severity shown for a rule (rubric rule kinds have none).
fn severity(code: &str) -> String {
    crate::lint::default_severity(code).map_or_else(String::new, |s| s.to_string())
}

pub fn run(args: &Args, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let docs = all_rule_docs();
    if args.list {
        let width = docs.iter().map(|d| d.name.len()).max().unwrap_or(0);
        let mut out = String::new();
        for d in &docs {
            let name = format!("{:<width$}", d.name);
            let _ = writeln!(
                out,
                "{}  {}  {:<7}  {}",
                paint(ctx.color, Color::Bold, d.code),
                name,
                severity(d.code),
                d.summary
            );
        }
        crate::report::print(&out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let wanted = args.code.as_deref().unwrap_or_default().trim();
    let Some(doc) = docs
        .iter()
        .find(|d| d.code.eq_ignore_ascii_case(wanted) || d.name.eq_ignore_ascii_case(wanted))
    else {
        let near = crate::lint::suggest::nearest(
            wanted,
            docs.iter()
                .map(|d| d.name)
                .chain(docs.iter().map(|d| d.code)),
        );
        let hint = near.map_or_else(String::new, |n| format!("did you mean `{n}`? "));
        anyhow::bail!(
            "unknown rule `{wanted}`; {hint}run `agentpack explain --list` to see every rule"
        );
    };
    let mut out = String::new();
    let sev = severity(doc.code);
    let sev = if sev.is_empty() {
        String::new()
    } else {
        format!(" ({sev})")
    };
    let _ = writeln!(
        out,
        "{}{sev}\n\n{}\n\n{}",
        paint(
            ctx.color,
            Color::Bold,
            &format!("{} {}", doc.code, doc.name)
        ),
        doc.summary,
        doc.doc.trim_end()
    );
    crate::report::print(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// The rules reference, docs/rules.md.
pub fn rules_markdown() -> String {
    let docs = all_rule_docs();
    let mut out = String::from(
        "# Rules\n\n<!-- Generated from the rule registry; do not edit. Regenerate with `UPDATE_DOCS=1 cargo test rules_reference`. -->\n\n`agentpack explain CODE` prints one of these.\n\n| Code | Name | Severity | Summary |\n|---|---|---|---|\n",
    );
    for d in &docs {
        let _ = writeln!(
            out,
            "| [{}](#{}) | `{}` | {} | {} |",
            d.code,
            d.code.to_ascii_lowercase(),
            d.name,
            severity(d.code),
            d.summary.replace('|', "\\|")
        );
    }
    for d in &docs {
        let sev = severity(d.code);
        let _ = write!(
            out,
            "\n<a id=\"{}\"></a>\n\n## {} {}\n\n",
            d.code.to_ascii_lowercase(),
            d.code,
            d.name
        );
        if !sev.is_empty() {
            let _ = write!(out, "Default severity: {sev}. ");
        }
        let _ = write!(
            out,
            "{}.\n\n{}\n",
            d.summary,
            d.doc
                .trim_end()
                .replace("\n## ", "\n### ")
                .replacen("## ", "### ", 1)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_reference_is_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
        let expected = rules_markdown();
        if std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::write(&path, &expected).expect("write docs/rules.md");
            return;
        }
        let actual = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            actual == expected,
            "docs/rules.md is stale; regenerate it with `UPDATE_DOCS=1 cargo test rules_reference`"
        );
    }
}
