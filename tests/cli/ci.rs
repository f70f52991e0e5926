//! What CI users run: the GitHub Action, the pre-commit hook, shell completions, the man page.

use std::process::Command;

use clap::Parser as _;

use crate::common::{code, repo, run, stdout};

fn yaml_file(path: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(repo().join(path)).unwrap();
    agentpack::yaml::parse(&text, 0).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every `agentpack ...` line an action step runs must be a valid command line, and no
/// script pastes an input into bash: inputs reach the scripts only through `env:`.
#[test]
fn action_runs_valid_agentpack_commands_and_quotes_its_inputs() {
    let action = yaml_file("action.yml");
    assert_eq!(action["runs"]["using"], "composite");
    let mut seen = 0;
    for step in action["runs"]["steps"].as_array().unwrap() {
        let Some(script) = step["run"].as_str() else {
            continue;
        };
        assert!(
            !script.contains("${{"),
            "an expression inside a script: {script}"
        );
        for line in script
            .lines()
            .map(str::trim)
            .filter(|l| l.starts_with("agentpack "))
        {
            let line = line.replace("\"${args[@]}\"", "");
            let argv: Vec<&str> = line.split_whitespace().collect();
            agentpack::cli::Cli::try_parse_from(&argv).unwrap_or_else(|e| panic!("{line}: {e}"));
            seen += 1;
        }
    }
    assert_eq!(seen, 2, "check and review");
}

#[test]
fn pre_commit_hook_runs_check() {
    let hooks = yaml_file(".pre-commit-hooks.yaml");
    let hook = &hooks[0];
    assert_eq!(hook["entry"], "agentpack check");
    // The installed binary, not a build from source on every fresh environment.
    assert_eq!(hook["language"], "system");
    let files = regex::Regex::new(hook["files"].as_str().unwrap()).unwrap();
    assert!(files.is_match(".claude/agents/researcher.md"));
    assert!(files.is_match("agentpack.yaml"));
    assert!(files.is_match("CLAUDE.md"));
    assert!(!files.is_match("src/main.rs"));
}

#[test]
fn completions_cover_every_shell_and_bash_parses_them() {
    let tmp = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = run(tmp.path(), &["completions", shell]);
        assert_eq!(code(&out), 0, "{shell}");
        let text = stdout(&out);
        assert!(
            text.contains("review") && text.contains("threshold"),
            "{shell} lacks subcommands"
        );
    }
    let script = tmp.path().join("agentpack.bash");
    std::fs::write(&script, stdout(&run(tmp.path(), &["completions", "bash"]))).unwrap();
    let status = Command::new("bash")
        .arg("-n")
        .arg(&script)
        .status()
        .unwrap();
    assert!(
        status.success(),
        "the bash completion script has a syntax error"
    );
    assert_eq!(code(&run(tmp.path(), &["completions", "tcsh"])), 2);
}

#[test]
fn man_page_is_roff_with_every_command() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(tmp.path(), &["man"]);
    assert_eq!(code(&out), 0);
    let text = stdout(&out);
    assert!(
        text.starts_with(".ie") || text.starts_with(".TH"),
        "{}",
        &text[..40]
    );
    assert!(text.contains(".TH agentpack"));
    for cmd in ["init", "review", "check", "status", "plan", "explain"] {
        assert!(text.contains(cmd), "man page lacks {cmd}");
    }
}
