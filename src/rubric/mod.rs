//! Rubrics as data: the YAML model, loading (built-in rubrics embedded in the binary, a
//! project's `.agentpack/rubrics/NAME.yaml` overriding or adding by name, or a file named with
//! `--rubric`), and validation with file:line:col errors. Scoring lives in [`score`], the rule
//! kinds in [`rules`].

use std::path::Path;

use anyhow::Context as _;
use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::Value;

use crate::diag::{Diagnostic, LineIndex, Severity};
use crate::rules::RuleDoc;
use crate::yaml::{self, Spanned};

mod appendix;
mod body;
mod citations;
pub(crate) mod claims;
mod code_refs;
pub(crate) mod consistency;
pub mod custom;
mod cut_word;
pub mod detect;
#[cfg(test)]
mod detect_kinds_tests;
pub(crate) mod ending;
mod english;
#[cfg(test)]
mod finished_endings_tests;
pub mod fit;
pub(crate) mod forms;
pub(crate) mod framing;
pub mod gates;
mod gates_doc;
mod honest_tbd;
pub mod judge;
#[cfg(test)]
mod kind_checks_tests;
mod label_end;
mod leftover_context;
mod leftover_scan;
pub mod lexicon;
mod line_before;
mod link_end;
pub mod matching;
pub mod names;
pub(crate) mod outline;
mod outline_end;
pub(crate) mod padding;
pub(crate) mod prose;
mod relax;
pub(crate) mod rhetoric;
pub mod rules;
pub mod score;
mod setscan;
mod sign_off;
pub(crate) mod slots;
pub(crate) mod structures;
mod tallies;
mod title;
pub(crate) mod unfinished;
pub(crate) mod unresolved;

/// The five dimensions, in report order.
pub const DIMENSIONS: [&str; 5] = ["completeness", "accuracy", "clarity", "coherence", "format"];
/// The rubric for artifacts nothing else claims.
pub const GENERIC: &str = "generic";
/// Folder of a project's own rubrics.
pub use crate::project::layout::RUBRICS_DIR as RUBRIC_DIR;
/// Code of a broken rubric file (reported by `check` and `review`).
pub const INVALID_RUBRIC: &str = "RV000";
/// Code of an artifact that could not be read or reviewed.
pub const UNREADABLE: &str = "RV100";
/// Code of an artifact that is not valid UTF-8 (read lossily and scored).
pub const NOT_UTF8: &str = "RV101";
/// Code of the note saying which rubric kind detection chose and why.
pub const DETECTED: &str = "RV102";

/// A loaded, validated rubric.
#[derive(Debug)]
pub struct Rubric {
    pub name: String,
    pub description: String,
    /// Pass mark set by the rubric, if any (a flag or... see `review::Options`).
    pub threshold: Option<u32>,
    /// Weight of each dimension (index as in [`DIMENSIONS`]); 0 = not scored.
    pub weights: [f64; 5],
    pub checks: Vec<Check>,
    /// Where it came from: a path, or `built-in`.
    pub source: String,
    /// Questions for the optional semantic judge (`judge:`), by dimension.
    pub judge: Vec<judge::Question>,
}

/// One check of a rubric.
#[derive(Debug)]
pub struct Check {
    pub id: String,
    pub kind: &'static rules::Kind,
    /// Index into [`DIMENSIONS`].
    pub dimension: usize,
    pub weight: f64,
    pub rule: Box<dyn rules::Rule>,
}

impl std::fmt::Debug for rules::Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.doc.name)
    }
}

/// A problem in a rubric file at a 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RubricError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// A check as written: its keys with their positions.
type CheckEntry = Spanned<IndexMap<String, Spanned<Value>>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RubricFile {
    name: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    threshold: Option<Spanned<u32>>,
    #[serde(default)]
    dimensions: Option<IndexMap<String, Spanned<f64>>>,
    #[serde(default)]
    roles: Option<IndexMap<String, lexicon::RoleSpec>>,
    checks: Spanned<Vec<CheckEntry>>,
    #[serde(default)]
    judge: Option<judge::JudgeBlock>,
}

/// Documentation of every rule kind, plus the codes of a broken rubric and of an artifact
/// that could not be reviewed, in code order.
pub fn rule_docs() -> Vec<RuleDoc> {
    let mut docs = vec![RuleDoc {
        code: INVALID_RUBRIC,
        name: "invalid-rubric",
        summary: "A rubric file cannot be used: YAML error, unknown key or rule kind, bad regex or weight",
        doc: "## What it does\n\nReports a rubric (`.agentpack/rubrics/*.yaml` or `--rubric FILE`) that cannot be loaded, with file, line and column. `review` stops with exit code 2.\n\n## Why\n\nA rubric that silently ignores a misspelt key or an invalid pattern scores artifacts against rules nobody wrote.\n",
    }];
    docs.extend(rules::KINDS.iter().map(|k| k.doc));
    docs.push(RuleDoc {
        code: gates::CODE,
        name: "gate",
        summary: "A defect that fails the artifact whatever else it scores: leftover template or prompt text, truncation, an empty body, gross repetition",
        doc: gates::DOC,
    });
    docs.sort_by_key(|d| d.code);
    docs.push(RuleDoc {
        code: UNREADABLE,
        name: "unreadable-artifact",
        summary: "An artifact could not be read (not UTF-8, binary, too large, unreadable, symlink loop)",
        doc: "## What it does\n\nReports an artifact `review` could not read. It counts as failed: a gate must not pass because it could not look.\n\n## Why\n\nFail closed: an empty score is not a passing score.\n\n## Use instead\n\nSave the file as text under the size limit, fix its permissions or the symlink.\n",
    });
    docs.push(RuleDoc {
        code: NOT_UTF8,
        name: "not-utf8",
        summary: "An artifact is not valid UTF-8; it was read lossily and scored",
        doc: "## What it does\n\nNotes an artifact with bytes that are not UTF-8 (often one cp1252 quote or dash). The bad bytes are read as U+FFFD and the artifact is scored as usual.\n\n## Why\n\nOne stray byte should not make a document unscorable.\n\n## Use instead\n\nSave the file as UTF-8.\n",
    });
    docs.push(RuleDoc {
        code: DETECTED,
        name: "kind-detected",
        summary: "No rubric was named: review detected the kind of document and says which rubric it chose and why",
        doc: "## What it does\n\nOutside a workflow task and without `--rubric`, review reads the title, headings and content of the artifact, picks the kind it fits best (research report, tutorial or guide, code review, test report, design doc, data report, data analysis, debug report, final report, article) and scores it with that rubric; `generic` when nothing fits. This note names the choice and the signals behind it.\n\n## Why\n\nA tutorial scored against a research-report rubric fails for the wrong reasons; `generic` alone lets a report with no sources pass.\n\n## Use instead\n\nName the rubric with `--rubric NAME`, or map files to rubrics with `review.rules` in agentpack.yaml.\n",
    });
    docs.extend(judge::rule_docs());
    docs
}

/// Names of the built-in rubrics, sorted.
pub fn builtin_names() -> Vec<&'static str> {
    let mut names: Vec<&str> = crate::assets::embedded_files()
        .iter()
        .filter_map(|(p, _)| p.strip_prefix("rubrics/")?.strip_suffix(".yaml"))
        .collect();
    names.sort_unstable();
    names
}

fn looks_like_path(s: &str) -> bool {
    s.ends_with(".yaml") || s.ends_with(".yml") || s.contains('/') || s.contains('\\')
}

/// Loads a rubric by name (project `.agentpack/rubrics/NAME.yaml` first, then the built-in) or
/// from a file path. Errors name the file, line and column.
pub fn load(name_or_path: &str, project_root: Option<&Path>) -> anyhow::Result<Rubric> {
    if looks_like_path(name_or_path) {
        return load_file(Path::new(name_or_path));
    }
    let name = name_or_path;
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        anyhow::bail!("`{name}` is not a rubric name (letters, digits, `-`, `_`) or a .yaml file");
    }
    if let Some(root) = project_root {
        let rel = crate::assets::RUBRICS.override_rel(root, name);
        let path = root.join(&rel);
        if path.is_file() {
            // A project's rubric is read only when it resolves inside the project.
            crate::fsx::join_inside(root, &rel)?;
            return load_file(&path);
        }
    }
    let builtin = format!("rubrics/{name}.yaml");
    match crate::assets::embedded(&builtin) {
        Some(text) => {
            parse(text, "built-in").map_err(|errs| to_error(&format!("templates/{builtin}"), &errs))
        }
        None => anyhow::bail!(
            "unknown rubric `{name}`; built-in rubrics: {}; or create {RUBRIC_DIR}/{name}.yaml",
            builtin_names().join(", ")
        ),
    }
}

/// Loads a rubric file.
pub fn load_file(path: &Path) -> anyhow::Result<Rubric> {
    let text = crate::fsx::read_text(path, crate::fsx::MAX_FILE_BYTES)
        .with_context(|| format!("cannot read rubric {}", path.display()))?;
    let shown = path.display().to_string();
    parse(&text, &shown).map_err(|errs| to_error(&shown, &errs))
}

fn to_error(path: &str, errs: &[RubricError]) -> anyhow::Error {
    let lines: Vec<String> = errs
        .iter()
        .map(|e| format!("{path}:{}:{}: {}", e.line, e.column, e.message))
        .collect();
    anyhow::anyhow!("{}", lines.join("\n"))
}

/// Checks a rubric file the way `load` would; every problem found is one diagnostic.
pub fn validate_file(path: &Path) -> Vec<Diagnostic> {
    let diag = |line, column, message: String| {
        Diagnostic::new(INVALID_RUBRIC, Severity::Error, path, message).at(line, column)
    };
    match crate::fsx::read_text(path, crate::fsx::MAX_FILE_BYTES) {
        Err(e) => vec![diag(0, 0, e.to_string())],
        Ok(text) => match parse(&text, &path.display().to_string()) {
            Ok(_) => Vec::new(),
            Err(errs) => errs
                .into_iter()
                .map(|e| diag(e.line, e.column, e.message))
                .collect(),
        },
    }
}

/// Parses and validates rubric text. `source` is recorded in [`Rubric::source`].
pub fn parse(text: &str, source: &str) -> Result<Rubric, Vec<RubricError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let err = |(line, column): (usize, usize), message: String| RubricError {
        line,
        column,
        message,
    };
    if text.trim().is_empty() {
        return Err(vec![err((1, 1), "the rubric is empty".into())]);
    }
    let file: RubricFile =
        yaml::parse(text, 0).map_err(|e| vec![err((e.line, e.column), e.message)])?;
    let lines = LineIndex::new(text);
    let mut errors = Vec::new();
    let threshold = file.threshold.as_ref().map(|t| {
        if t.value > 100 {
            errors.push(err(
                yaml::position(t),
                "threshold must be between 0 and 100".into(),
            ));
        }
        t.value
    });
    let mut weights = [1.0; 5];
    if let Some(dims) = &file.dimensions {
        weights = [0.0; 5];
        for (name, w) in dims {
            match DIMENSIONS.iter().position(|d| d == name) {
                None => errors.push(err(
                    key_position(text, &lines, name, w),
                    format!(
                        "unknown dimension `{name}`; expected one of: {}",
                        DIMENSIONS.join(", ")
                    ),
                )),
                Some(_) if !(w.value.is_finite() && w.value > 0.0) => {
                    errors.push(err(
                        yaml::position(w),
                        format!("weight of `{name}` must be a number above 0"),
                    ));
                }
                Some(i) => weights[i] = w.value,
            }
        }
    }
    let mut checks: Vec<Check> = Vec::new();
    if file.checks.value.is_empty() {
        errors.push(err(
            yaml::position(&file.checks),
            "a rubric needs at least one check".into(),
        ));
    }
    for entry in &file.checks.value {
        match check(text, &lines, entry, &weights, file.roles.as_ref()) {
            Ok(c) if checks.iter().any(|o| o.id == c.id) => errors.push(err(
                yaml::position(entry),
                format!("check id `{}` is used twice; ids must be unique", c.id),
            )),
            Ok(c) => checks.push(c),
            Err(e) => errors.push(e),
        }
    }
    for (i, dim) in DIMENSIONS.iter().enumerate() {
        if errors.is_empty() && weights[i] > 0.0 && !checks.iter().any(|c| c.dimension == i) {
            errors.push(err(
                yaml::position(&file.checks),
                format!("dimension `{dim}` has no check; add one, or list only scored dimensions under `dimensions`"),
            ));
        }
    }
    let mut judge_errors = Vec::new();
    let judge = file
        .judge
        .as_ref()
        .map(|block| judge::parse(block, &DIMENSIONS, &weights, &mut judge_errors))
        .unwrap_or_default();
    errors.extend(judge_errors.into_iter().map(|(l, c, m)| err((l, c), m)));
    if !errors.is_empty() {
        errors.sort_by_key(|e| (e.line, e.column));
        return Err(errors);
    }
    Ok(Rubric {
        name: file.name,
        description: file.description.unwrap_or_default(),
        threshold,
        weights,
        checks,
        source: source.to_string(),
        judge,
    })
}

const COMMON: [&str; 4] = ["id", "rule", "dimension", "weight"];

fn check(
    text: &str,
    lines: &LineIndex,
    entry: &CheckEntry,
    weights: &[f64; 5],
    roles: Option<&IndexMap<String, lexicon::RoleSpec>>,
) -> Result<Check, RubricError> {
    let at = yaml::position(entry);
    let map = &entry.value;
    let fail = |pos: (usize, usize), message: String| RubricError {
        line: pos.0,
        column: pos.1,
        message,
    };
    let string = |key: &str| -> Result<(String, (usize, usize)), RubricError> {
        match map.get(key) {
            None => Err(fail(at, format!("check needs `{key}`"))),
            Some(v) => match &v.value {
                Value::String(s) if !s.trim().is_empty() => Ok((s.clone(), yaml::position(v))),
                _ => Err(fail(
                    yaml::position(v),
                    format!("`{key}` must be a non-empty string"),
                )),
            },
        }
    };
    let (id, _) = string("id")?;
    let (rule, rule_at) = string("rule")?;
    let kind = rules::kind(&rule).ok_or_else(|| {
        let names: Vec<&str> = rules::KINDS.iter().map(|k| k.doc.name).collect();
        fail(
            rule_at,
            format!(
                "unknown rule kind `{rule}`; expected one of: {}",
                names.join(", ")
            ),
        )
    })?;
    let (dim, dim_at) = string("dimension")?;
    let dimension = DIMENSIONS.iter().position(|d| *d == dim).ok_or_else(|| {
        fail(
            dim_at,
            format!(
                "unknown dimension `{dim}`; expected one of: {}",
                DIMENSIONS.join(", ")
            ),
        )
    })?;
    if weights[dimension] <= 0.0 {
        return Err(fail(
            dim_at,
            format!("dimension `{dim}` is not listed under `dimensions`"),
        ));
    }
    let weight = match map.get("weight") {
        None => 1.0,
        Some(v) => match v.value.as_f64() {
            Some(w) if w.is_finite() && w > 0.0 => w,
            _ => {
                return Err(fail(
                    yaml::position(v),
                    "`weight` must be a number above 0".into(),
                ));
            }
        },
    };
    let params: Vec<(&str, &Spanned<Value>)> = map
        .iter()
        .filter(|(k, _)| !COMMON.contains(&k.as_str()))
        .map(|(k, v)| (k.as_str(), v))
        .collect();
    let mut p = rules::Params::new(kind.doc.name, params, text, lines, at);
    p.roles = roles;
    let to_err = |e: rules::ParamError| RubricError {
        line: e.line,
        column: e.column,
        message: format!("check `{id}`: {}", e.message),
    };
    let compiled = (kind.compile)(&mut p).map_err(to_err)?;
    p.finish(kind.params).map_err(to_err)?;
    Ok(Check {
        id,
        kind,
        dimension,
        weight,
        rule: compiled,
    })
}

fn key_position<T>(text: &str, lines: &LineIndex, key: &str, value: &Spanned<T>) -> (usize, usize) {
    let end = yaml::byte_offset(value).unwrap_or(0).min(text.len());
    match text.get(..end).and_then(|b| b.rfind(key)) {
        Some(at) => lines.line_col(text, at),
        None => yaml::position(value),
    }
}

#[cfg(test)]
mod tests;
