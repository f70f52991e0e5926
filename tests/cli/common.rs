//! Helpers shared by the end-to-end tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary under test, run in `dir` with colour off and no inherited config. Its folder
/// comes first on PATH, as for a user who installed it (`init` warns otherwise); tests of
/// that warning set PATH themselves.
pub fn agentpack(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_agentpack"));
    cmd.current_dir(dir)
        .env("PATH", path_with_binary())
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("CLICOLOR_FORCE");
    cmd
}

/// Starts `agentpack hook subagent-stop` in `dir` with `input` on its standard input (then
/// closed), as Claude Code does; all three streams are captured.
pub fn start_hook(dir: &Path, input: &[u8]) -> std::process::Child {
    use std::io::Write as _;
    use std::process::Stdio;
    let mut child = agentpack(dir)
        .args(["hook", "subagent-stop"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("hook starts");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(input)
        .expect("hook reads its input");
    child
}

/// Runs the hook in `dir` on a JSON payload.
pub fn run_hook(dir: &Path, payload: &serde_json::Value) -> Output {
    start_hook(dir, payload.to_string().as_bytes())
        .wait_with_output()
        .expect("hook runs")
}

/// PATH with the folder of the binary under test first.
pub fn path_with_binary() -> std::ffi::OsString {
    let bin = Path::new(env!("CARGO_BIN_EXE_agentpack"))
        .parent()
        .expect("the binary is in a folder")
        .to_path_buf();
    let rest = std::env::var_os("PATH").unwrap_or_default();
    std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(&rest)))
        .expect("PATH entries join")
}

/// Runs `agentpack ARGS` in `dir`.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    agentpack(dir).args(args).output().expect("agentpack runs")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn code(out: &Output) -> i32 {
    out.status.code().expect("exited normally")
}

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file below `dir` (relative, `/`-separated, sorted) with its content.
pub fn tree(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(e.path()).unwrap_or_else(|_| "<binary>".into());
            (rel, text)
        })
        .collect();
    files.sort();
    files
}

/// Replaces the first `from` in the file at `path` with `to`; fails when `from` is not
/// there, so a test never goes on with an edit that did not happen.
pub fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Appends `text` to the file at `path`.
pub fn append(path: &Path, text: &str) {
    let mut all = std::fs::read_to_string(path).unwrap();
    all.push_str(text);
    std::fs::write(path, all).unwrap();
}

/// Replaces a temporary directory path in output so snapshots are stable.
pub fn redact(text: &str, dir: &Path) -> String {
    text.replace(&dir.display().to_string(), "[DIR]")
}

/// Runs `scripts/claude-oracle/NAME` (the real Claude Code client against the loopback mock)
/// through record.sh with this binary, when `CLAUDE_E2E` is set; fails with its output.
pub fn real_client_script(name: &str) {
    if std::env::var_os("CLAUDE_E2E").is_none() {
        return;
    }
    let script = repo().join("scripts/claude-oracle/record.sh");
    let out = Command::new("bash")
        .arg(script)
        .arg(format!("--agentpack={}", env!("CARGO_BIN_EXE_agentpack")))
        .env("ORACLE_SCRIPT", name)
        .output()
        .expect("runs the script");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
