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

/// The entries of `text` when every line of it is `key: value` with a plain key and a value
/// YAML reads as that very string (the usual frontmatter: `title: A report`, `date:
/// 2025-01-24`), read without the YAML parser; `None` for anything else, including
/// duplicate keys and values YAML could read as a number, boolean or null. When it is `Some`,
/// [`parse`] into a map of strings to values gives the same keys in the same order, with these
/// strings as values (a test checks it).
pub fn plain_string_map(text: &str) -> Option<Vec<(&str, &str)>> {
    fn reserved(word: &str) -> bool {
        ["true", "false", "yes", "no", "on", "off", "null", "y", "n"]
            .iter()
            .chain(&["nan", "inf", "infinity"])
            .any(|r| r.eq_ignore_ascii_case(word))
    }
    fn is_date(v: &[u8]) -> bool {
        v.len() == 10
            && v.iter().enumerate().all(|(i, &b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            })
    }
    let body = text.strip_suffix('\n')?;
    let mut out: Vec<(&str, &str)> = Vec::new();
    let mut keys = std::collections::HashSet::new();
    for line in body.split('\n') {
        let (key, value) = line.split_once(": ")?;
        let kb = key.as_bytes();
        let key_ok = kb.first()?.is_ascii_alphabetic()
            && kb
                .iter()
                .all(|&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        let vb = value.as_bytes();
        let value_ok = is_date(vb)
            || (vb.first()?.is_ascii_alphabetic()
                && !vb.ends_with(b" ")
                && vb.iter().all(|&b| {
                    b.is_ascii_alphanumeric()
                        || matches!(b, b' ' | b'.' | b',' | b'_' | b'-' | b'/')
                }));
        if !key_ok || !value_ok || reserved(key) || reserved(value) {
            return None;
        }
        if !keys.insert(key) {
            return None;
        }
        out.push((key, value));
    }
    Some(out)
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

    /// What the YAML parser makes of `text`, as [`plain_string_map`] would give it.
    fn parsed_as_strings(text: &str) -> Option<Vec<(String, String)>> {
        let map: indexmap::IndexMap<String, serde_json::Value> = parse(text, 0).ok()?;
        map.into_iter()
            .map(|(k, v)| match v {
                serde_json::Value::String(s) => Some((k, s)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn plain_string_maps_read_as_yaml_does() {
        let text =
            "title: Synthetic report 0\nauthor: agent-8\ndate: 2025-01-24\nconfidence: medium\n";
        let fast = plain_string_map(text).expect("plain");
        assert_eq!(fast[2], ("date", "2025-01-24"));
        let fast: Vec<(String, String)> = fast
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        assert_eq!(Some(fast), parsed_as_strings(text));
        for other in [
            "a: 1\n",
            "a: yes\n",
            "a: True\n",
            "a: null\n",
            "a: x\na: y\n",
            "a: x # c\n",
            "a: x\n\n",
            "a: b: c\n",
            "a:\n",
            "a: x",
            "a: x \n",
            "- a\n",
            "a: x\r\n",
            "a: 2025-1-24\n",
            "a: .inf\n",
            "a: Nan\n",
            "a: \"x\"\n",
            "a: 1.5\n",
            "a: 0x1f\n",
        ] {
            assert_eq!(plain_string_map(other), None, "{other:?}");
        }
    }

    proptest::proptest! {
        /// Whenever the fast reading answers, it agrees with the parser.
        #[test]
        fn plain_string_map_agrees_with_the_parser(
            lines in proptest::collection::vec((
                "[a-zA-Z_][a-z0-9_-]{0,6}",
                proptest::prop_oneof![
                    "[a-zA-Z0-9 .,_/#:-]{0,12}",
                    "[a-zA-Z][a-zA-Z0-9 .,_/-]{0,12}",
                    "[0-9]{4}-[0-9]{2}-[0-9]{2}",
                    "(?i)(yes|no|on|off|y|n|true|false|null|nan|inf|e[0-9])",
                ],
            ), 1..5)
        ) {
            let text: String = lines.iter().map(|(k, v)| format!("{k}: {v}\n")).collect();
            if let Some(fast) = plain_string_map(&text) {
                let fast: Vec<(String, String)> =
                    fast.into_iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
                proptest::prop_assert_eq!(Some(fast), parsed_as_strings(&text));
            }
        }
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
