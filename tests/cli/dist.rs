//! The install channels: the release archives (scripts/dist/archive.sh), cargo binstall's
//! metadata, the GitHub action's download and its inputs, and the npm packages
//! (scripts/dist/npm-pack.mjs). What runs here is what the release workflow runs; the
//! network is replaced by `file://` URLs and npm's offline mode.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::{code, path_with_binary, repo, stderr, stdout};

const VERSION: &str = env!("CARGO_PKG_VERSION");
const BIN: &str = env!("CARGO_BIN_EXE_agentpack");

fn text(path: &str) -> String {
    fs::read_to_string(repo().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn yaml_file(path: &str) -> serde_json::Value {
    agentpack::yaml::parse(&text(path), 0).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The targets release.yml builds.
fn release_targets() -> Vec<String> {
    let workflow = yaml_file(".github/workflows/release.yml");
    workflow["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["target"].as_str().unwrap().to_string())
        .collect()
}

fn has(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs `scripts/dist/archive.sh TARGET BINARY OUT`; returns the archive's path.
fn archive(target: &str, binary: &Path, out: &Path) -> PathBuf {
    let result = Command::new("bash")
        .arg(repo().join("scripts/dist/archive.sh"))
        .args([Path::new(target), binary, out])
        .output()
        .unwrap();
    assert!(result.status.success(), "{}", stderr(&result));
    PathBuf::from(stdout(&result).trim())
}

#[test]
fn every_channel_serves_the_targets_release_builds() {
    let targets = release_targets();
    assert_eq!(targets.len(), 5, "{targets:?}");
    for os in ["linux", "apple-darwin", "windows"] {
        assert!(targets.iter().any(|t| t.contains(os)), "{os}: {targets:?}");
    }
    let npm = text("scripts/dist/npm-pack.mjs");
    let action = text("action.yml");
    for target in &targets {
        assert!(
            npm.contains(&format!("target: \"{target}\"")),
            "npm lacks {target}"
        );
        assert!(
            action.contains(&format!("target={target};")),
            "action lacks {target}"
        );
    }
    // binstall on a glibc host falls over to the static musl archive release.yml builds.
    let cargo = text("Cargo.toml");
    for arch in ["x86_64", "aarch64"] {
        assert!(cargo.contains(&format!(
            "[package.metadata.binstall.overrides.{arch}-unknown-linux-gnu]"
        )));
        assert!(targets.contains(&format!("{arch}-unknown-linux-musl")));
    }
}

/// cargo binstall's templates, rendered for a target, name the archive and the binary
/// inside it exactly as archive.sh makes them.
#[test]
fn archive_layout_matches_binstall_metadata() {
    if !has("tar") {
        eprintln!("skipped: no tar");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let target = "x86_64-unknown-linux-musl";
    let made = archive(target, Path::new(BIN), tmp.path());
    let manifest: toml_lite::Binstall = toml_lite::binstall(&text("Cargo.toml"));
    let render = |template: &str| {
        template
            .replace("{ repo }", "https://github.com/agentpack/agentpack")
            .replace("{ name }", "agentpack")
            .replace("{ version }", VERSION)
            .replace("{ target }", target)
            .replace("{ archive-suffix }", ".tar.gz")
            .replace("{ bin }", "agentpack")
            .replace("{ binary-ext }", "")
    };
    let url = render(&manifest.pkg_url);
    assert_eq!(
        url.rsplit('/').next().unwrap(),
        made.file_name().unwrap().to_str().unwrap()
    );
    assert!(
        url.contains(&format!("/releases/download/v{VERSION}/")),
        "{url}"
    );
    let listing = Command::new("tar").arg("-tzf").arg(&made).output().unwrap();
    let listing = stdout(&listing);
    assert!(
        listing.lines().any(|l| l == render(&manifest.bin_dir)),
        "{listing}"
    );
    for file in ["README.md", "LICENSE-MIT", "LICENSE-APACHE"] {
        assert!(listing.contains(&format!("/{file}")), "{listing}");
    }
    let sum = fs::read_to_string(format!("{}.sha256", made.display())).unwrap();
    assert!(sum.ends_with(&format!(
        "  {}\n",
        made.file_name().unwrap().to_str().unwrap()
    )));
}

/// The few keys of `[package.metadata.binstall]` the test reads, without a TOML parser.
mod toml_lite {
    pub struct Binstall {
        pub pkg_url: String,
        pub bin_dir: String,
    }

    pub fn binstall(cargo: &str) -> Binstall {
        let section = cargo
            .split("[package.metadata.binstall]")
            .nth(1)
            .expect("binstall metadata")
            .split("\n[")
            .next()
            .unwrap();
        let value = |key: &str| {
            section
                .lines()
                .find_map(|l| l.strip_prefix(&format!("{key} = ")))
                .unwrap_or_else(|| panic!("no {key}"))
                .trim_matches('"')
                .to_string()
        };
        Binstall {
            pkg_url: value("pkg-url"),
            bin_dir: value("bin-dir"),
        }
    }
}

/// The script of the action step called `name`.
fn action_step(name: &str) -> String {
    let action = yaml_file("action.yml");
    action["runs"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name)
        .unwrap_or_else(|| panic!("no step {name}"))["run"]
        .as_str()
        .unwrap()
        .to_string()
}

fn run_step(script: &str, dir: &Path, env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new("bash");
    cmd.args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script])
        .current_dir(dir)
        .env("PATH", path_with_binary())
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

/// The action installs the release it is pinned at (`@vX.Y.Z`), else `version:`, else the
/// version of its own Cargo.toml, for the runner's target; anything else stops it.
#[test]
fn action_resolves_the_pinned_release_and_target() {
    let tmp = tempfile::tempdir().unwrap();
    let script = action_step("Resolve the agentpack release");
    let resolve = |input: &str, action_ref: &str, os: &str, arch: &str| {
        let output = tmp.path().join("output");
        let _ = fs::remove_file(&output);
        let out = run_step(
            &script,
            tmp.path(),
            &[
                ("INPUT_VERSION", input),
                ("ACTION_REF", action_ref),
                ("RUNNER_OS", os),
                ("RUNNER_ARCH", arch),
                ("RUNNER_TOOL_CACHE", "/cache"),
                ("GITHUB_OUTPUT", output.to_str().unwrap()),
                ("GITHUB_ACTION_PATH", repo().to_str().unwrap()),
            ],
        );
        (
            code(&out),
            fs::read_to_string(&output).unwrap_or_default(),
            stdout(&out),
        )
    };
    let (status, output, _) = resolve("", "v0.2.0", "Linux", "ARM64");
    assert_eq!(status, 0);
    assert_eq!(
        output,
        "version=0.2.0\ntarget=aarch64-unknown-linux-musl\narchive=agentpack-v0.2.0-aarch64-unknown-linux-musl.tar.gz\ndir=/cache/agentpack/0.2.0/aarch64-unknown-linux-musl\n"
    );
    let (_, output, _) = resolve("v0.3.1", "v0.2.0", "Windows", "X64");
    assert!(output.contains("version=0.3.1\n"), "{output}");
    assert!(
        output.contains("archive=agentpack-v0.3.1-x86_64-pc-windows-msvc.zip\n"),
        "{output}"
    );
    let (_, output, _) = resolve("", "main", "macOS", "ARM64");
    assert!(
        output.starts_with(&format!("version={VERSION}\ntarget=aarch64-apple-darwin\n")),
        "{output}"
    );
    let (status, _, out) = resolve("1.0; rm -rf /", "", "Linux", "X64");
    assert_eq!(status, 1);
    assert!(out.contains("is not a release version"), "{out}");
    let (status, _, out) = resolve("", "", "FreeBSD", "X64");
    assert_eq!(status, 1);
    assert!(out.contains("no prebuilt binary for FreeBSD X64"), "{out}");
}

/// The action's download step, pointed at a folder instead of the release: it installs a
/// verified archive and refuses one whose checksum does not match.
#[test]
fn action_download_verifies_the_checksum() {
    if !(has("curl") && has("tar") && has("sha256sum")) {
        eprintln!("skipped: needs curl, tar and sha256sum");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let releases = tmp.path().join("releases");
    let target = "x86_64-unknown-linux-musl";
    let made = archive(target, Path::new(BIN), &releases);
    let name = made.file_name().unwrap().to_str().unwrap().to_string();
    let script = action_step("Download and verify agentpack");
    let url = "https://github.com/${REPO:-agentpack/agentpack}/releases/download/v$VERSION";
    assert!(script.contains(url), "{script}");
    let script = script.replace(url, &format!("file://{}", releases.display()));
    let install = |dir: &Path, pinned: &str| {
        run_step(
            &script,
            tmp.path(),
            &[
                ("VERSION", VERSION),
                ("TARGET", target),
                ("ARCHIVE", &name),
                ("DIR", dir.to_str().unwrap()),
                ("PINNED", pinned),
            ],
        )
    };
    let good = tmp.path().join("good");
    let out = install(&good, "");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let version = Command::new(good.join("agentpack"))
        .arg("--version")
        .output()
        .unwrap();
    assert_eq!(stdout(&version), format!("agentpack {VERSION}\n"));

    // A pinned checksum that differs is refused.
    let pinned = tmp.path().join("pinned");
    let out = install(&pinned, &"0".repeat(64));
    assert_eq!(code(&out), 1);
    assert!(
        stdout(&out).contains("the sha256 input pins"),
        "{}",
        stdout(&out)
    );
    assert!(!pinned.join("agentpack").exists());

    // A release whose checksum file does not match its archive is refused.
    let sum = format!("{}.sha256", made.display());
    fs::write(&sum, format!("{}  {name}\n", "a".repeat(64))).unwrap();
    let bad = tmp.path().join("bad");
    let out = install(&bad, "");
    assert_eq!(code(&out), 1);
    assert!(
        stdout(&out).contains("::error::agentpack: "),
        "{}",
        stdout(&out)
    );
    assert!(!bad.join("agentpack").exists());
}

/// `review-args` reaches agentpack as words: nothing in it is run by the shell.
#[test]
fn action_review_args_are_never_evaluated() {
    let tmp = tempfile::tempdir().unwrap();
    let out = crate::common::run(tmp.path(), &["init", "p"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let dir = tmp.path().join("p");
    let script = action_step("agentpack review");
    let out = run_step(
        &script,
        &dir,
        &[(
            "REVIEW_ARGS",
            "--threshold 0 $(touch pwned1) `touch pwned2` ; touch pwned3",
        )],
    );
    for f in ["pwned1", "pwned2", "pwned3"] {
        assert!(!dir.join(f).exists(), "{f} was created");
    }
    // The words arrive as paths, which do not exist: review reports them, the shell ran nothing.
    assert_eq!(code(&out), 1, "{}{}", stdout(&out), stderr(&out));
    assert!(
        stdout(&out).contains("::error file=$(touch,"),
        "{}",
        stdout(&out)
    );
    let out = run_step(&script, &dir, &[("REVIEW_ARGS", "--threshold 0")]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    let out = run_step(&script, &dir, &[("REVIEW_ARGS", "")]);
    assert!(matches!(code(&out), 0 | 1), "{}", stderr(&out));
}

/// The npm tarball packed from a local build installs offline into a prefix and runs:
/// arguments, output and the exit code pass through the launcher. The binary is a stub
/// unless AGENTPACK_TEST_NPM=1, which packs the real one (slow: a debug build is ~100 MB).
#[test]
fn npm_tarball_installs_and_runs() {
    if !(has("node") && has("npm") && has("tar")) {
        eprintln!("skipped: needs node, npm and tar");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let real = std::env::var_os("AGENTPACK_TEST_NPM").is_some_and(|v| v == "1");
    let binary = if real {
        PathBuf::from(BIN)
    } else {
        let stub = tmp.path().join("agentpack-stub");
        fs::write(
            &stub,
            format!("#!/bin/sh\necho \"agentpack {VERSION} stub: $*\"\nexit 3\n"),
        )
        .unwrap();
        stub
    };
    let out_dir = tmp.path().join("out");
    let packed = Command::new("node")
        .arg(repo().join("scripts/dist/npm-pack.mjs"))
        .arg("local")
        .arg(&binary)
        .arg(&out_dir)
        .output()
        .unwrap();
    assert!(packed.status.success(), "{}", stderr(&packed));
    let tarball = PathBuf::from(stdout(&packed).trim());
    assert_eq!(
        tarball.file_name().unwrap().to_str().unwrap(),
        format!("agentpack-{VERSION}.tgz")
    );
    let prefix = tmp.path().join("prefix");
    let installed = Command::new("npm")
        .args([
            "install",
            "--global",
            "--offline",
            "--no-audit",
            "--no-fund",
        ])
        .arg("--prefix")
        .arg(&prefix)
        .arg(&tarball)
        .env("npm_config_cache", tmp.path().join("npm-cache"))
        .output()
        .unwrap();
    assert!(installed.status.success(), "{}", stderr(&installed));
    let launcher = prefix.join("bin/agentpack");
    if real {
        let out = Command::new(&launcher).arg("--version").output().unwrap();
        assert_eq!(
            stdout(&out),
            format!("agentpack {VERSION}\n"),
            "{}",
            stderr(&out)
        );
        let out = Command::new(&launcher)
            .arg("no-such-command")
            .output()
            .unwrap();
        assert_eq!(code(&out), 2);
    } else {
        let out = Command::new(&launcher)
            .args(["--version", "a b"])
            .output()
            .unwrap();
        assert_eq!(
            stdout(&out),
            format!("agentpack {VERSION} stub: --version a b\n")
        );
        assert_eq!(code(&out), 3, "{}", stderr(&out));
    }
}
