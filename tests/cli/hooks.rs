//! The Claude Code integration: the SubagentStop hook settings `init` merges, and the
//! `hook subagent-stop` command.

use std::fs;

use crate::common::{code, run, stderr, stdout};

#[test]
fn init_merges_the_hook_into_existing_settings_keeping_every_key() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("p");
    fs::create_dir_all(p.join(".claude")).unwrap();
    let user = r#"{
    "permissions": { "allow": ["Bash(npm test)"] },
    "hooks": {
        "PreToolUse": [ { "matcher": "Bash", "hooks": [ { "type": "command", "command": "./guard.sh" } ] } ],
        "SubagentStop": [ { "matcher": "^other$", "hooks": [ { "type": "command", "command": "./other.sh" } ] } ]
    },
    "env": { "FOO": "1" }
}
"#;
    fs::write(p.join(".claude/settings.json"), user).unwrap();
    let out = run(tmp.path(), &["init", "p"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert!(
        stdout(&out).contains("     merge .claude/settings.json"),
        "{}",
        stdout(&out)
    );
    let merged: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(p.join(".claude/settings.json")).unwrap())
            .unwrap();
    assert_eq!(merged["permissions"]["allow"][0], "Bash(npm test)");
    assert_eq!(merged["env"]["FOO"], "1");
    assert_eq!(
        merged["hooks"]["PreToolUse"][0]["hooks"][0]["command"],
        "./guard.sh"
    );
    let stop = merged["hooks"]["SubagentStop"].as_array().unwrap();
    assert_eq!(stop.len(), 2);
    assert_eq!(stop[0]["hooks"][0]["command"], "./other.sh");
    assert_eq!(stop[1]["matcher"], "^(researcher|writer|orchestrator)$");
    assert_eq!(
        stop[1]["hooks"][0]["command"],
        "agentpack hook subagent-stop"
    );

    // A second run finds the hook in place and changes nothing.
    let out = run(tmp.path(), &["init", "p"]);
    assert_eq!(code(&out), 0);
    assert!(stdout(&out).contains("0 updated"), "{}", stdout(&out));
}

#[test]
fn empty_settings_file_gets_the_hook() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("p");
    fs::create_dir_all(p.join(".claude")).unwrap();
    fs::write(p.join(".claude/settings.json"), "").unwrap();
    let out = run(tmp.path(), &["init", "p"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = fs::read_to_string(p.join(".claude/settings.json")).unwrap();
    assert!(text.contains("agentpack hook subagent-stop"), "{text}");
}

#[test]
fn invalid_settings_json_is_an_error_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("p");
    fs::create_dir_all(p.join(".claude")).unwrap();
    fs::write(
        p.join(".claude/settings.json"),
        "{\n  \"model\": \"opus\",\n}\n",
    )
    .unwrap();
    let out = run(tmp.path(), &["init", "p"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains(".claude/settings.json:3:1: invalid JSON"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        fs::read_to_string(p.join(".claude/settings.json")).unwrap(),
        "{\n  \"model\": \"opus\",\n}\n"
    );
    assert!(!p.join("AGENTS.md").exists(), "nothing written half-way");
}

#[test]
fn edited_hook_entry_is_a_conflict_and_no_hooks_skips_settings() {
    let tmp = tempfile::tempdir().unwrap();
    assert_eq!(code(&run(tmp.path(), &["init", "p"])), 0);
    let settings = tmp.path().join("p/.claude/settings.json");
    let edited = fs::read_to_string(&settings).unwrap().replace("60", "30");
    fs::write(&settings, &edited).unwrap();
    let out = run(tmp.path(), &["init", "p"]);
    assert_eq!(code(&out), 1);
    assert!(
        stdout(&out).contains("  conflict .claude/settings.json"),
        "{}",
        stdout(&out)
    );
    assert_eq!(fs::read_to_string(&settings).unwrap(), edited);

    let tmp = tempfile::tempdir().unwrap();
    let out = run(tmp.path(), &["init", "p", "--no-hooks"]);
    assert_eq!(code(&out), 0);
    assert!(!tmp.path().join("p/.claude/settings.json").exists());
    let manifest = fs::read_to_string(tmp.path().join("p/agentpack.yaml")).unwrap();
    assert!(manifest.contains("hooks: false"), "{manifest}");
    // Remembered: a plain re-run does not add the hook.
    assert_eq!(code(&run(tmp.path(), &["init", "p"])), 0);
    assert!(!tmp.path().join("p/.claude/settings.json").exists());
}
