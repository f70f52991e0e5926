//! `.claude/settings.json`: merges agentpack's `SubagentStop` review hook into the user's
//! settings without losing anything of theirs. Every other key, hook and matcher is kept in
//! its order; only agentpack's own entry (recognised by its command) is added, compared or
//! (`hooks: false`) removed. `check` reads the same entry to compare it with the manifest.

use std::path::Path;

use serde_json::{Map, Value, json};

use crate::project::layout;

/// Where the shared project settings live.
pub(crate) const SETTINGS_PATH: &str = layout::SETTINGS;
/// The command Claude Code runs when a subagent stops.
pub(crate) const HOOK_COMMAND: &str = layout::HOOK_COMMAND;
/// Seconds Claude Code waits for the hook (its default for command hooks).
pub(crate) const HOOK_TIMEOUT: u64 = 60;

/// What merging does to an existing settings file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Merge {
    /// The file already has exactly our entry.
    Unchanged(String),
    /// Our entry was missing and was added; nothing of the user's changed.
    Added(String),
    /// The file has an agentpack entry that differs (the user edited it); the text is what
    /// replacing it would give, to be written only with `--force`.
    Differs(String),
}

/// The matcher for a set of agent names. Claude Code treats a matcher made only of letters,
/// digits, `_`, `-`, spaces, `|` and `,` as a list of exact, case-sensitive names, so
/// `writer` does not match `ghostwriter`; any other matcher is an unanchored regex, so a name
/// with other characters falls back to an anchored, escaped one.
pub(crate) fn matcher(agents: &[String]) -> String {
    let plain = |a: &String| {
        !a.is_empty()
            && a.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    };
    if agents.iter().all(plain) {
        return agents.join("|");
    }
    let escaped: Vec<String> = agents.iter().map(|a| regex::escape(a)).collect();
    format!("^({})$", escaped.join("|"))
}

fn our_entry(agents: &[String]) -> Value {
    json!({
        "matcher": matcher(agents),
        "hooks": [{ "type": "command", "command": HOOK_COMMAND, "timeout": HOOK_TIMEOUT }],
    })
}

/// Whether a `SubagentStop` entry is agentpack's (one of its hooks runs our command).
pub(crate) fn is_ours(entry: &Value) -> bool {
    entry["hooks"].as_array().is_some_and(|hooks| {
        hooks.iter().any(|h| {
            h["command"]
                .as_str()
                .is_some_and(|c| c.trim_start().starts_with(HOOK_COMMAND))
        })
    })
}

fn to_text(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// The agents whose stops the hook reviews: the workflow's, in workflow order.
pub(crate) fn hook_agents(manifest: &crate::project::Manifest) -> Vec<String> {
    let mut agents: Vec<String> = Vec::new();
    for task in &manifest.workflow {
        if !agents.contains(&task.agent) {
            agents.push(task.agent.clone());
        }
    }
    agents
}

/// agentpack's entry in the settings `text`, when it has one; an error when the text is not
/// JSON (a shape other than the expected one simply has no entry).
pub(crate) fn find_ours(text: &str) -> Result<Option<Value>, serde_json::Error> {
    let root: Value = if text.trim().is_empty() {
        Value::Null
    } else {
        serde_json::from_str(text)?
    };
    Ok(root["hooks"]["SubagentStop"]
        .as_array()
        .and_then(|stop| stop.iter().find(|e| is_ours(e)).cloned()))
}

/// What our entry for `agents` looks like, for comparing with [`find_ours`].
pub(crate) fn expected(agents: &[String]) -> Value {
    our_entry(agents)
}

/// `existing` without agentpack's entry, and without the `SubagentStop` list and `hooks`
/// object that only it filled; `None` when there is no entry of ours. Everything else is
/// kept in its order (byte for byte when the file was in this pretty-printed form).
pub(crate) fn remove(path: &Path, existing: &str) -> anyhow::Result<Option<String>> {
    let bad = |e: serde_json::Error| {
        anyhow::anyhow!(
            "{}:{}:{}: invalid JSON: {e}; fix the file, then re-run to remove agentpack's hook",
            path.display(),
            e.line(),
            e.column()
        )
    };
    if find_ours(existing).map_err(bad)?.is_none() {
        return Ok(None);
    }
    let mut root: Value = serde_json::from_str(existing).map_err(bad)?;
    let Some(hooks) = root.get_mut("hooks").and_then(Value::as_object_mut) else {
        return Ok(None);
    };
    if let Some(stop) = hooks.get_mut("SubagentStop").and_then(Value::as_array_mut) {
        stop.retain(|e| !is_ours(e));
        if stop.is_empty() {
            hooks.remove("SubagentStop");
        }
    }
    if hooks.is_empty()
        && let Some(obj) = root.as_object_mut()
    {
        obj.remove("hooks");
    }
    Ok(Some(to_text(&root)))
}

/// A new settings file holding only our hook.
pub(crate) fn fresh(agents: &[String]) -> String {
    to_text(&json!({ "hooks": { "SubagentStop": [our_entry(agents)] } }))
}

/// Why a settings text cannot be read: a message and its 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParseError {
    pub message: String,
    pub line: usize,
    pub column: usize,
}

/// Parses a settings file's text (empty means `{}`). A duplicate key is refused: a merge
/// would drop one of them silently (the last one wins), and the user's text with it.
pub(crate) fn parse(existing: &str) -> Result<Value, ParseError> {
    let text = existing.trim();
    if text.is_empty() {
        return Ok(Value::Object(Map::new()));
    }
    // Line and column count from the trimmed text; leading blank lines shift them.
    let skipped = existing[..existing.len() - existing.trim_start().len()]
        .matches('\n')
        .count();
    let located = |e: serde_json::Error, message: String| ParseError {
        message,
        line: e.line() + skipped,
        column: e.column(),
    };
    if let Err(e) = no_duplicate_keys(text) {
        // Syntax errors are reported by the parse below, with its wording.
        if e.classify() == serde_json::error::Category::Data {
            let message = e.to_string();
            return Err(located(e, strip_position(&message)));
        }
    }
    serde_json::from_str(text).map_err(|e| {
        let message = format!("invalid JSON: {}", strip_position(&e.to_string()));
        located(e, message)
    })
}

/// serde_json's message without its trailing ` at line L column C` (shown as a location).
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// Merges our hook into `existing` (the file's text). Invalid JSON, or JSON of the wrong
/// shape, is an error naming the file, line and column: the file is left untouched.
pub(crate) fn merge(path: &Path, existing: &str, agents: &[String]) -> anyhow::Result<Merge> {
    let mut root = parse(existing).map_err(|e| {
        anyhow::anyhow!(
            "{}:{}:{}: {}; fix the file or pass --no-hooks",
            path.display(),
            e.line,
            e.column,
            e.message
        )
    })?;
    let shape = |what: &str| {
        anyhow::anyhow!(
            "{}: {what}; agentpack leaves it untouched (fix it or pass --no-hooks)",
            path.display()
        )
    };
    let obj = root
        .as_object_mut()
        .ok_or_else(|| shape("the top level is not an object"))?;
    let hooks = obj
        .entry("hooks")
        .or_insert_with(|| Value::Object(Map::new()))
        .as_object_mut()
        .ok_or_else(|| shape("`hooks` is not an object"))?;
    let stop = hooks
        .entry("SubagentStop")
        .or_insert_with(|| Value::Array(Vec::new()))
        .as_array_mut()
        .ok_or_else(|| shape("`hooks.SubagentStop` is not a list"))?;
    let ours = our_entry(agents);
    match stop.iter().position(is_ours) {
        None => {
            stop.push(ours);
            Ok(Merge::Added(to_text(&root)))
        }
        Some(i) if stop[i] == ours => Ok(Merge::Unchanged(to_text(&root))),
        Some(i) => {
            stop[i] = ours;
            Ok(Merge::Differs(to_text(&root)))
        }
    }
}

/// Checks that no object of the JSON `text` has a key twice.
fn no_duplicate_keys(text: &str) -> Result<(), serde_json::Error> {
    use serde::Deserialize as _;
    let mut de = serde_json::Deserializer::from_str(text);
    Unique::deserialize(&mut de).map(|_| ())
}

/// A JSON value seen only to check its keys.
struct Unique;

impl<'de> serde::Deserialize<'de> for Unique {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Unique, D::Error> {
        d.deserialize_any(UniqueVisitor)
    }
}

struct UniqueVisitor;

impl<'de> serde::de::Visitor<'de> for UniqueVisitor {
    type Value = Unique;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_str<E>(self, _: &str) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_unit<E>(self) -> Result<Unique, E> {
        Ok(Unique)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Unique, A::Error> {
        while seq.next_element::<Unique>()?.is_some() {}
        Ok(Unique)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Unique, A::Error> {
        let mut keys = std::collections::HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !keys.insert(key.clone()) {
                return Err(serde::de::Error::custom(format_args!(
                    "duplicate key `{key}` (JSON readers keep only one of them)"
                )));
            }
            map.next_value::<Unique>()?;
        }
        Ok(Unique)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agents() -> Vec<String> {
        vec!["researcher".into(), "writer".into()]
    }

    #[test]
    fn absent_or_empty_file_gets_only_our_hook() {
        let fresh: Value = serde_json::from_str(&fresh(&agents())).unwrap();
        assert_eq!(
            fresh["hooks"]["SubagentStop"][0]["matcher"],
            "researcher|writer"
        );
        let Merge::Added(text) = merge(Path::new("s.json"), "", &agents()).unwrap() else {
            panic!()
        };
        assert_eq!(text, super::fresh(&agents()));
    }

    #[test]
    fn keeps_every_user_key_and_hook_in_order() {
        let user = r#"{"permissions": {"allow": ["Bash(ls)"]}, "model": "opus",
            "hooks": {"PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "command", "command": "x"}]}],
                      "SubagentStop": [{"matcher": "other", "hooks": [{"type": "command", "command": "y"}]}]},
            "env": {"A": "1"}}"#;
        let Merge::Added(text) = merge(Path::new("s.json"), user, &agents()).unwrap() else {
            panic!()
        };
        let v: Value = serde_json::from_str(&text).unwrap();
        let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["permissions", "model", "hooks", "env"]);
        assert_eq!(v["hooks"]["PreToolUse"][0]["hooks"][0]["command"], "x");
        assert_eq!(v["hooks"]["SubagentStop"][0]["matcher"], "other");
        assert_eq!(
            v["hooks"]["SubagentStop"][1]["hooks"][0]["command"],
            HOOK_COMMAND
        );
        // Merging the result again changes nothing.
        assert!(
            matches!(merge(Path::new("s.json"), &text, &agents()).unwrap(), Merge::Unchanged(t) if t == text)
        );
    }

    #[test]
    fn edited_entry_of_ours_is_reported_not_replaced() {
        let edited = fresh(&agents()).replace("60", "5");
        assert!(matches!(
            merge(Path::new("s.json"), &edited, &agents()).unwrap(),
            Merge::Differs(_)
        ));
        let more = fresh(&["researcher".into()]);
        assert!(matches!(
            merge(Path::new("s.json"), &more, &agents()).unwrap(),
            Merge::Differs(_)
        ));
    }

    #[test]
    fn invalid_json_is_an_error_with_position() {
        let err = merge(
            Path::new(".claude/settings.json"),
            "{\n  \"a\": 1,\n}",
            &agents(),
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .starts_with(".claude/settings.json:3:1: invalid JSON"),
            "{err}"
        );
        let err = merge(Path::new("s.json"), "[1]", &agents()).unwrap_err();
        assert!(err.to_string().contains("not an object"), "{err}");
        let err = merge(
            Path::new("s.json"),
            r#"{"hooks": {"SubagentStop": {}}}"#,
            &agents(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("not a list"), "{err}");
    }

    #[test]
    fn duplicate_key_is_refused_with_position() {
        let text = "{\"hooks\": {\"PreToolUse\": []},\n \"model\": \"opus\",\n \"hooks\": {}}";
        let err = merge(Path::new("s.json"), text, &agents())
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("s.json:3:"), "{err}");
        assert!(err.contains("duplicate key `hooks`"), "{err}");
        let nested = r#"{"a": [{"x": 1, "x": 2}]}"#;
        assert!(merge(Path::new("s.json"), nested, &agents()).is_err());
        assert!(
            merge(
                Path::new("s.json"),
                r#"{"a": {"x": 1}, "b": {"x": 1}}"#,
                &agents()
            )
            .is_ok()
        );
    }

    #[test]
    fn remove_takes_out_only_our_entry() {
        let user = r#"{"model": "opus",
            "hooks": {"SubagentStop": [{"matcher": "other", "hooks": [{"type": "command", "command": "y"}]}]}}"#;
        let Merge::Added(merged) = merge(Path::new("s.json"), user, &agents()).unwrap() else {
            panic!()
        };
        let back = remove(Path::new("s.json"), &merged).unwrap().unwrap();
        let v: Value = serde_json::from_str(&back).unwrap();
        assert_eq!(v["hooks"]["SubagentStop"].as_array().unwrap().len(), 1);
        assert_eq!(v["hooks"]["SubagentStop"][0]["matcher"], "other");
        assert_eq!(v["model"], "opus");
        // Only our hook: the emptied list and object go too.
        let only = remove(Path::new("s.json"), &fresh(&agents()))
            .unwrap()
            .unwrap();
        assert_eq!(only, "{}\n");
        assert_eq!(remove(Path::new("s.json"), user).unwrap(), None);
    }

    #[test]
    fn matcher_is_an_exact_list_or_an_anchored_regex() {
        assert_eq!(
            matcher(&["researcher".into(), "writer_2".into()]),
            "researcher|writer_2"
        );
        assert_eq!(matcher(&["a.b".into(), "c".into()]), "^(a\\.b|c)$");
    }
}
