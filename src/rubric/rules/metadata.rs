//! RV002 `metadata`: the header block carries each field with a value of its type.

use std::sync::OnceLock;

use regex::Regex;

use super::kind::{Env, Finding, Kind, Outcome, ParamError, Params, Rule, first_alt, spec_name};
use crate::document::Document;
use crate::document::markdown::{Meta, MetaSource};
use crate::rules::RuleDoc;

pub(crate) const KIND: Kind = Kind {
    doc: RuleDoc {
        code: "RV002",
        name: "metadata",
        summary: "Header fields are present with values of the right type",
        doc: DOC,
    },
    compile,
    params: &["fields"],
};

const DOC: &str = "\
## What it does

Checks the header block (between the title and the first `##` heading, plus YAML
frontmatter keys) for each field, written `Key: value`, `**Key**: value` or
`**Key:** value`, with a value of the field's type:

- `text`: anything but empty or a `{placeholder}`
- `name`: a name (letters, at most 80 characters)
- `iso8601`: a real date: `2026-11-20`, with a time (`2026-11-20T09:30:00Z`,
  `2026-11-20 14:44 PDT`), or in words (`March 6, 2017`, `6 Mar 2017`)
- `percent`: `0%` to `100%`, or a level (`high`, `medium`, `low`)
- `number`: a number (`1,200`, `3.5`)
- `url`: an `http(s)://` address, bare or as a markdown link

## Why

Author, date and confidence tell the next reader who to ask, how fresh the work is and how
far to trust it.

## Parameters

- `fields`: map of `Key|Alternative` to a type.

The fraction is valid fields / fields.

## Example

```yaml
- { id: meta, rule: metadata, dimension: format,
    fields: { \"Author|Researcher\": name, Date: iso8601, Confidence: percent } }
```
";

/// Value types a field can require.
const TYPES: &[&str] = &["text", "name", "iso8601", "percent", "number", "url"];

#[derive(Debug)]
struct Metadata {
    fields: Vec<(String, String)>,
    /// Each field's alternatives (`Key|Alternative`) with their words, split once.
    alternatives: Vec<Vec<(String, Vec<String>)>>,
}

fn compile(p: &mut Params) -> Result<Box<dyn Rule>, ParamError> {
    let mut fields = Vec::new();
    for (key, ty, (line, column)) in p.string_map("fields")? {
        if !TYPES.contains(&ty.as_str()) {
            let message = format!(
                "unknown value type `{ty}` for `{key}`; expected one of: {}",
                TYPES.join(", ")
            );
            return Err(ParamError {
                line,
                column,
                message,
            });
        }
        fields.push((key, ty));
    }
    let alternatives = fields
        .iter()
        .map(|(spec, _)| {
            spec.split('|')
                .map(|alt| (alt.to_string(), crate::document::text::heading_words(alt)))
                .collect()
        })
        .collect();
    Ok(Box::new(Metadata {
        fields,
        alternatives,
    }))
}

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("static regex"))
}

/// Whether `value` is a valid `ty`; `Err` says what is wrong.
pub(crate) fn check_value(ty: &str, value: &str) -> Result<(), String> {
    static PLACEHOLDER: OnceLock<Regex> = OnceLock::new();
    static DATE: OnceLock<Regex> = OnceLock::new();
    static PERCENT: OnceLock<Regex> = OnceLock::new();
    static LEVEL: OnceLock<Regex> = OnceLock::new();
    static NUMBER: OnceLock<Regex> = OnceLock::new();
    static URL: OnceLock<Regex> = OnceLock::new();
    let value = value.trim().trim_matches('`');
    if value.is_empty() {
        return Err("is empty".into());
    }
    if re(
        &PLACEHOLDER,
        r"\{[^}]*\}|^<[^>]*>$|^\[[^\]]*\]$|(?i)^(tbd|todo|n/?a|none|unknown|-)$",
    )
    .is_match(value)
    {
        return Err(format!("`{value}` is a placeholder"));
    }
    match ty {
        "name" if value.chars().count() > 80 || !value.chars().any(char::is_alphabetic) => {
            Err(format!("`{value}` is not a name"))
        }
        "iso8601" => {
            static WORDS: OnceLock<Regex> = OnceLock::new();
            if re(&WORDS, MONTH).is_match(value) {
                return Ok(());
            }
            // A date with a time, a zone or a weekday around it still dates the work.
            let caps = re(
                &DATE,
                r"(?:^|[^\d])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[^\d])",
            )
            .captures(value)
            .ok_or_else(|| format!("`{value}` is not a date"))?;
            let num = |i: usize| caps[i].parse::<u32>().unwrap_or(0);
            let (y, m, d) = (num(1), num(2), num(3));
            let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
            let days = [
                31,
                if leap { 29 } else { 28 },
                31,
                30,
                31,
                30,
                31,
                31,
                30,
                31,
                30,
                31,
            ];
            match days.get(m.wrapping_sub(1) as usize) {
                Some(&max) if (1..=max).contains(&d) => Ok(()),
                _ => Err(format!("`{value}` is not a real date")),
            }
        }
        "percent"
            if re(&LEVEL, r"(?i)^(?:very )?(?:high|medium|moderate|low)\b").is_match(value) =>
        {
            Ok(())
        }
        "percent" => {
            let caps = re(&PERCENT, r"(\d{1,3}(?:\.\d+)?)\s*%")
                .captures(value)
                .ok_or_else(|| format!("`{value}` is not a percentage like 80%"))?;
            match caps[1].parse::<f64>() {
                Ok(p) if (0.0..=100.0).contains(&p) => Ok(()),
                _ => Err(format!("`{value}` is not between 0% and 100%")),
            }
        }
        "number" if !re(&NUMBER, r"^[-+]?\d[\d,_]*(\.\d+)?\b").is_match(value) => {
            Err(format!("`{value}` is not a number"))
        }
        "url" if !re(&URL, r"(?i)^(?:\[[^\]]*\]\()?<?https?://[^\s/]+\.[^\s]+").is_match(value) => {
            Err(format!("`{value}` is not an http(s) URL"))
        }
        _ => Ok(()),
    }
}

/// What to write, never a value that could be copied as is.
fn example(ty: &str) -> &'static str {
    match ty {
        "name" => "<your name or role>",
        "iso8601" => "<today, YYYY-MM-DD>",
        "percent" => "<how sure you are, as a percentage>",
        "number" => "<the number>",
        "url" => "<the http(s) address>",
        _ => "<a short value>",
    }
}

/// Month names, for dates written in words ("March 6, 2017", "6 Mar 2017").
const MONTH: &str = r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\s+\d{4}\b";

impl Rule for Metadata {
    fn evaluate(&self, doc: &Document, _env: &Env) -> Outcome {
        let header = doc.header_range();
        // Each entry with its key's words (split once per document, shared with role finding).
        let entries: Vec<(&Meta, &[String])> = doc
            .metadata
            .iter()
            .zip(doc.metadata_key_words())
            .filter(|(m, _)| m.source == MetaSource::Frontmatter || header.contains(&m.offset))
            .map(|(m, w)| (m, w.words.as_slice()))
            .collect();
        let title_end = doc
            .headings
            .first()
            .filter(|h| h.level == 1)
            .map_or(doc.body_start, |h| h.span.end);
        let mut findings = Vec::new();
        for ((spec, ty), alts) in self.fields.iter().zip(&self.alternatives) {
            let found = entries
                .iter()
                .find(|(m, key)| {
                    alts.iter().any(|(alt, words)| {
                        alt.trim().eq_ignore_ascii_case(m.key.trim()) || words.as_slice() == *key
                    })
                })
                .map(|(m, _)| *m);
            let name = first_alt(spec);
            match found {
                None => findings.push(Finding::new(
                    title_end.min(doc.text.len()),
                    format!("missing metadata field `{}` ({ty})", spec_name(spec)),
                    format!(
                        "add `**{name}**: {}` under the title (or `{}:` in the front matter)",
                        example(ty),
                        name.to_lowercase()
                    ),
                )),
                Some(m) => {
                    if let Err(why) = check_value(ty, &m.value) {
                        findings.push(Finding::new(
                            m.offset,
                            format!("metadata `{}` {why}", m.key),
                            format!("write `**{}**: {}`", m.key, example(ty)),
                        ));
                    }
                }
            }
        }
        Outcome::share(
            self.fields.len(),
            ("metadata field", "metadata fields"),
            "valid",
            "no metadata fields",
            findings,
        )
    }
}
