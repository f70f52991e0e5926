//! The output formats and the one place that maps a format to its renderer. Each format file
//! says which subjects it renders; `--format` of every command accepts exactly those formats
//! (clap names them in `--help` and in the error for any other).

use clap::ValueEnum as _;
use clap::builder::{PossibleValuesParser, TypedValueParser as _};

use super::style::Term;
use super::subject::{Kind, Subject};
use super::{github, json, junit, markdown, mermaid, sarif, text};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Human-readable, coloured on a terminal.
    Text,
    /// Stable, versioned JSON (see docs/review-json.md and docs/check-json.md).
    Json,
    /// SARIF 2.1.0 for code-scanning tools.
    Sarif,
    /// JUnit XML for CI test reports.
    Junit,
    /// GitHub Actions workflow commands, plus a summary table in $GITHUB_STEP_SUMMARY.
    Github,
    /// A markdown report.
    Markdown,
    /// A mermaid `flowchart` of the workflow, as in AGENTS.md (plan only).
    Mermaid,
}

type Renderer = fn(&Subject<'_>, &Term) -> anyhow::Result<String>;

/// The registry: what renders a format, and which subjects it can render.
fn renderer(format: Format) -> (&'static [Kind], Renderer) {
    match format {
        Format::Text => (text::SUBJECTS, text::render),
        Format::Json => (json::SUBJECTS, json::render),
        Format::Sarif => (sarif::SUBJECTS, sarif::render),
        Format::Junit => (junit::SUBJECTS, junit::render),
        Format::Github => (github::SUBJECTS, github::render),
        Format::Markdown => (markdown::SUBJECTS, markdown::render),
        Format::Mermaid => (mermaid::SUBJECTS, mermaid::render),
    }
}

/// The formats that can render a `kind` of subject, in declaration order.
pub fn formats_for(kind: Kind) -> Vec<Format> {
    Format::value_variants()
        .iter()
        .copied()
        .filter(|f| renderer(*f).0.contains(&kind))
        .collect()
}

/// The `--format` parser of a command: accepts the formats of its subject only.
pub fn parser(kind: Kind) -> impl clap::builder::TypedValueParser<Value = Format> {
    let values = formats_for(kind)
        .into_iter()
        .filter_map(|f| f.to_possible_value());
    PossibleValuesParser::new(values).try_map(|name| Format::from_str(&name, false))
}

/// Renders `subject` in `format`: the report a command prints on standard output.
pub fn render(format: Format, subject: &Subject<'_>, term: &Term) -> anyhow::Result<String> {
    let (subjects, render) = renderer(format);
    let kind = subject.kind();
    if !subjects.contains(&kind) {
        let names: Vec<String> = formats_for(kind)
            .into_iter()
            .filter_map(|f| f.to_possible_value().map(|v| v.get_name().to_string()))
            .collect();
        let name = format
            .to_possible_value()
            .map_or_else(String::new, |v| v.get_name().to_string());
        anyhow::bail!(
            "`agentpack {}` has no {name} output; use --format {}",
            kind.command(),
            names.join(", ")
        );
    }
    render(subject, term)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_renders_something_and_every_subject_has_text_and_json() {
        for format in Format::value_variants() {
            assert!(
                !renderer(*format).0.is_empty(),
                "{format:?} renders nothing"
            );
        }
        for kind in [Kind::Check, Kind::Review, Kind::Status, Kind::Plan] {
            let formats = formats_for(kind);
            assert!(formats.contains(&Format::Text) && formats.contains(&Format::Json));
        }
        assert_eq!(formats_for(Kind::Plan).last(), Some(&Format::Mermaid));
        assert!(!formats_for(Kind::Check).contains(&Format::Mermaid));
    }
}
