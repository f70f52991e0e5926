//! Typed access to a check's parameters, with errors that point at the value in the rubric
//! file. A kind takes the parameters it knows; whatever is left is an unknown parameter.

use regex::Regex;
use serde_json::Value;

use crate::diag::LineIndex;
use crate::yaml::{self, Spanned};

/// A 1-based line and column in the rubric file.
pub type Pos = (usize, usize);

/// A wrong parameter, at a 1-based line and column of the rubric file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// The parameters of one check (its keys other than id, rule, dimension and weight).
pub struct Params<'a> {
    rule: &'a str,
    entries: Vec<(&'a str, &'a Spanned<Value>)>,
    used: Vec<&'a str>,
    text: &'a str,
    lines: &'a LineIndex,
    at: (usize, usize),
    /// The rubric's own `roles:` map, extending the built-in lexicon.
    pub(crate) roles: Option<&'a indexmap::IndexMap<String, crate::rubric::lexicon::RoleSpec>>,
}

impl<'a> Params<'a> {
    pub(crate) fn new(
        rule: &'a str,
        entries: Vec<(&'a str, &'a Spanned<Value>)>,
        text: &'a str,
        lines: &'a LineIndex,
        at: (usize, usize),
    ) -> Self {
        Params {
            rule,
            entries,
            used: Vec::new(),
            text,
            lines,
            at,
            roles: None,
        }
    }

    fn get(&mut self, key: &'a str) -> Option<&'a Spanned<Value>> {
        let found = self
            .entries
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| *v);
        if found.is_some() {
            self.used.push(key);
        }
        found
    }

    /// An error at `value` (or at the check when there is none).
    pub fn error(&self, value: Option<&Spanned<Value>>, message: impl Into<String>) -> ParamError {
        let (line, column) = value.map_or(self.at, yaml::position);
        ParamError {
            line,
            column,
            message: message.into(),
        }
    }

    fn missing(&self, key: &str, what: &str) -> ParamError {
        self.error(None, format!("rule `{}` needs `{key}` ({what})", self.rule))
    }

    /// A required string.
    pub fn string(&mut self, key: &'a str) -> Result<String, ParamError> {
        self.opt_string(key)?
            .ok_or_else(|| self.missing(key, "a string"))
    }

    pub fn opt_string(&mut self, key: &'a str) -> Result<Option<String>, ParamError> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => match &v.value {
                Value::String(s) if !s.trim().is_empty() => Ok(Some(s.clone())),
                _ => Err(self.error(Some(v), format!("`{key}` must be a non-empty string"))),
            },
        }
    }

    /// A required non-empty list of strings, each with its position.
    pub fn strings(&mut self, key: &'a str) -> Result<Vec<(String, Pos)>, ParamError> {
        let Some(v) = self.get(key) else {
            return Err(self.missing(key, "a list of strings"));
        };
        let Value::Array(items) = &v.value else {
            return Err(self.error(Some(v), format!("`{key}` must be a list of strings")));
        };
        if items.is_empty() {
            return Err(self.error(Some(v), format!("`{key}` is empty")));
        }
        let mut from = yaml::byte_offset(v).unwrap_or(0);
        let mut out = Vec::new();
        for item in items {
            match item {
                Value::String(s) if !s.trim().is_empty() => {
                    let pos = self
                        .locate(s, &mut from)
                        .unwrap_or_else(|| yaml::position(v));
                    out.push((s.clone(), pos));
                }
                _ => {
                    return Err(self.error(Some(v), format!("`{key}` must hold non-empty strings")));
                }
            }
        }
        Ok(out)
    }

    /// A required map of string to string (e.g. metadata fields to value types).
    pub fn string_map(&mut self, key: &'a str) -> Result<Vec<(String, String, Pos)>, ParamError> {
        let Some(v) = self.get(key) else {
            return Err(self.missing(key, "a map"));
        };
        let Value::Object(map) = &v.value else {
            return Err(self.error(
                Some(v),
                format!("`{key}` must be a map, e.g. {{ Date: iso8601 }}"),
            ));
        };
        if map.is_empty() {
            return Err(self.error(Some(v), format!("`{key}` is empty")));
        }
        let mut from = yaml::byte_offset(v).unwrap_or(0);
        let mut out = Vec::new();
        for (k, val) in map {
            let pos = self
                .locate(k, &mut from)
                .unwrap_or_else(|| yaml::position(v));
            let Value::String(s) = val else {
                let (line, column) = pos;
                return Err(ParamError {
                    line,
                    column,
                    message: format!("`{k}` must map to a string"),
                });
            };
            out.push((k.clone(), s.clone(), pos));
        }
        Ok(out)
    }

    /// A required whole number >= 1.
    pub fn count(&mut self, key: &'a str) -> Result<u64, ParamError> {
        self.opt_count(key)?
            .ok_or_else(|| self.missing(key, "a whole number"))
    }

    pub fn opt_count(&mut self, key: &'a str) -> Result<Option<u64>, ParamError> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => match v.value.as_u64() {
                Some(n) if n >= 1 => Ok(Some(n)),
                _ => Err(self.error(
                    Some(v),
                    format!("`{key}` must be a whole number of at least 1"),
                )),
            },
        }
    }

    /// Compiles a pattern, reporting a syntax error at `pos`.
    pub fn regex(&self, pattern: &str, pos: (usize, usize)) -> Result<Regex, ParamError> {
        regex::RegexBuilder::new(pattern)
            .size_limit(1 << 20)
            .build()
            .map_err(|e| {
                let detail = e.to_string();
                let last = detail
                    .lines()
                    .rev()
                    .find(|l| !l.trim().is_empty())
                    .unwrap_or("");
                let last = last.trim().trim_start_matches("error: ");
                ParamError {
                    line: pos.0,
                    column: pos.1,
                    message: format!("invalid regex `{pattern}`: {last}"),
                }
            })
    }

    /// Fails on a parameter the kind did not take, naming the ones it accepts.
    pub fn finish(self, accepted: &[&str]) -> Result<(), ParamError> {
        let unknown = self.entries.iter().find(|(k, _)| !self.used.contains(k));
        match unknown {
            None => Ok(()),
            Some((key, value)) => {
                let (line, column) = self.key_position(key, value);
                let expected = if accepted.is_empty() {
                    "it takes no parameters".to_string()
                } else {
                    format!("expected one of: {}", accepted.join(", "))
                };
                Err(ParamError {
                    line,
                    column,
                    message: format!(
                        "unknown parameter `{key}` for rule `{}`; {expected}",
                        self.rule
                    ),
                })
            }
        }
    }

    /// Where a key is written: the last `key:` before its value.
    fn key_position(&self, key: &str, value: &Spanned<Value>) -> (usize, usize) {
        let end = yaml::byte_offset(value).unwrap_or(0).min(self.text.len());
        let before = self.text.get(..end).unwrap_or("");
        match before.rfind(key) {
            Some(at) => self.lines.line_col(self.text, at),
            None => yaml::position(value),
        }
    }

    /// The next occurrence of `needle` at or after `from`, as line and column.
    fn locate(&self, needle: &str, from: &mut usize) -> Option<(usize, usize)> {
        let rest = self.text.get(*from..)?;
        let at = *from + rest.find(needle)?;
        *from = at + needle.len();
        Some(self.lines.line_col(self.text, at))
    }
}
