//! The one place that parses YAML. A thin facade over serde-saphyr so a change of YAML crate
//! touches this file only. Errors carry the line and column in the *file*, not in the snippet
//! (frontmatter starts below the `---` line, hence `line_offset`).

use std::fmt;
use std::path::Path;

use serde::de::DeserializeOwned;

/// A value with the position it was read from, for errors about valid YAML with a wrong value.
pub use serde_saphyr::Spanned;

/// 1-based line and column of a [`Spanned`] value (1, 1 when unknown).
pub fn position<T>(value: &Spanned<T>) -> (usize, usize) {
    let loc = value.referenced;
    ((loc.line() as usize).max(1), (loc.column() as usize).max(1))
}

/// Byte offset of a [`Spanned`] value in the parsed text, when known.
pub fn byte_offset<T>(value: &Spanned<T>) -> Option<usize> {
    value.referenced.span().byte_offset().map(|o| o as usize)
}

/// A YAML error at a position of the file it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// 1-based line in the file.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong, without position or snippet.
    pub message: String,
}

impl YamlError {
    /// Turns the error into one that names the file: `path:line:col: message`.
    pub fn in_file(&self, path: &Path) -> anyhow::Error {
        anyhow::anyhow!(
            "{}:{}:{}: {}",
            path.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for YamlError {}

/// Parses `text` into `T`. `line_offset` is the number of file lines before `text` starts.
///
/// Duplicate keys are errors; alias expansion and nesting depth are bounded by the parser's
/// budget, so a hostile file fails quickly instead of exhausting memory.
pub fn parse<T: DeserializeOwned>(text: &str, line_offset: usize) -> Result<T, YamlError> {
    parse_with(text, line_offset, serde_saphyr::DuplicateKeyPolicy::Error)
}

/// Parses `text` as Claude Code's own parser reads agent frontmatter: like [`parse`], but a
/// duplicate key is no error and the last one wins.
pub fn parse_last_key_wins<T: DeserializeOwned>(
    text: &str,
    line_offset: usize,
) -> Result<T, YamlError> {
    parse_with(
        text,
        line_offset,
        serde_saphyr::DuplicateKeyPolicy::LastWins,
    )
}

fn parse_with<T: DeserializeOwned>(
    text: &str,
    line_offset: usize,
    duplicate_keys: serde_saphyr::DuplicateKeyPolicy,
) -> Result<T, YamlError> {
    // YAML 1.2 booleans (only `true`/`false`), as Claude Code's parser reads them: a
    // `description: yes` is a string there, so it must be one here.
    let mut options = serde_saphyr::Options::default();
    options.strict_booleans = true;
    options.duplicate_keys = duplicate_keys;
    serde_saphyr::from_str_with_options::<T>(text, options).map_err(|err| {
        let (line, column) = err
            .location()
            .map_or((1, 1), |loc| (loc.line() as usize, loc.column() as usize));
        YamlError {
            line: line.max(1) + line_offset,
            column: column.max(1),
            message: clean_message(&err.without_snippet().to_string()),
        }
    })
}

/// Reads and parses a YAML file of our own (manifest, rubric); errors name file, line, column.
pub fn parse_file<T: DeserializeOwned>(path: &Path, text: &str) -> anyhow::Result<T> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        anyhow::bail!("{}: the file is empty", path.display());
    }
    parse(text, 0).map_err(|e| e.in_file(path))
}

/// A YAML scalar for `s`: plain when it reads back as the same string, else double-quoted.
pub fn scalar(s: &str) -> String {
    let plain_chars = s
        .chars()
        .all(|c| c.is_alphanumeric() || " .,;()/_+'-".contains(c));
    let starts_well = s.chars().next().is_some_and(char::is_alphanumeric);
    let reserved = matches!(
        s.to_ascii_lowercase().as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n"
    ) || s.parse::<f64>().is_ok();
    if plain_chars && starts_well && !reserved && !s.ends_with(' ') {
        s.to_string()
    } else {
        serde_json::to_string(s).unwrap_or_else(|_| format!("{s:?}"))
    }
}

/// Drops the crate's own " at line N, column M" suffix and its advice about its options,
/// which mean nothing to our users.
fn clean_message(raw: &str) -> String {
    let mut msg = raw.trim();
    // The first position is the error's; later ones (an alias's definition) only add noise.
    if let Some(i) = msg.find(" at line ") {
        msg = &msg[..i];
    }
    let msg = msg.replace(", set DuplicateKeyPolicy in Options if acceptable", "");
    // The parser's budget names its limit in Rust debug text (`Depth { depth: 65 }`).
    if let Some(breach) = msg.strip_prefix("budget breached: ") {
        let kind = breach.split([' ', '{']).next().unwrap_or_default();
        return match kind {
            "Depth" => "lists or maps nested too deeply to read; flatten the structure",
            _ => "YAML too large to expand (alias or size limit)",
        }
        .to_string();
    }
    msg
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Small {
        name: String,
    }

    #[test]
    fn unknown_key_has_file_position() {
        let err = parse::<Small>("name: x\nbogus: 1\n", 1).unwrap_err();
        assert_eq!((err.line, err.column), (3, 1));
        assert!(
            err.message.contains("unknown field `bogus`"),
            "{}",
            err.message
        );
        assert!(!err.message.contains("at line"), "{}", err.message);
    }

    #[test]
    fn duplicate_key_is_an_error() {
        let err = parse::<Small>("name: x\nname: y\n", 0).unwrap_err();
        assert_eq!(err.line, 2);
        assert_eq!(err.message, "duplicate mapping key: name");
    }

    #[test]
    fn alias_bomb_fails_fast() {
        let mut text = String::from("a: &a [x,x,x,x,x,x,x,x,x]\n");
        for (prev, name) in ["a", "b", "c", "d", "e", "f", "g"]
            .iter()
            .zip(["b", "c", "d", "e", "f", "g", "h"])
        {
            let refs = vec![format!("*{prev}"); 9].join(",");
            text.push_str(&format!("{name}: &{name} [{refs}]\n"));
        }
        let err = parse::<serde_json::Value>(&text, 0).unwrap_err();
        assert!(err.message.contains("too large"), "{}", err.message);
    }

    #[test]
    fn yaml_1_1_booleans_are_strings() {
        let v: serde_json::Value = parse("a: yes\nb: off\nc: true\n", 0).unwrap();
        assert_eq!(v["a"], "yes");
        assert_eq!(v["b"], "off");
        assert_eq!(v["c"], true);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = "[".repeat(100_000);
        assert!(parse::<serde_json::Value>(&text, 0).is_err());
        let text = format!("a: {}{}", "[".repeat(70), "]".repeat(70));
        let err = parse::<serde_json::Value>(&text, 0).unwrap_err();
        assert!(
            err.message.starts_with("lists or maps nested too deeply"),
            "{}",
            err.message
        );
        assert!(
            !err.message.contains('{'),
            "no Rust debug text: {}",
            err.message
        );
    }

    #[test]
    fn empty_file_is_named() {
        let err = parse_file::<Small>(Path::new("m.yaml"), "\u{feff}  \n").unwrap_err();
        assert_eq!(err.to_string(), "m.yaml: the file is empty");
    }
}
