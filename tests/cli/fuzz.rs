//! A small mutation fuzzer over every input agentpack reads: agent files, AGENTS.md,
//! manifests, rubrics, artifacts, the review history, the lockfile, settings.json, hook
//! payloads and template overrides. Each mutated input goes through the commands that read
//! it, in a copy of a scaffolded project; every run must exit 0, 1 or 2 without a panic,
//! within 10 seconds and 2 GiB of address space (a hook: never 2, stdout empty or JSON).
//!
//! CI runs a few cases per target (seconds). Run it long with, for example:
//!
//! ```sh
//! AGENTPACK_FUZZ_CASES=2000 AGENTPACK_FUZZ_SEED=7 \
//!   cargo test --release --test cli fuzz -- --nocapture
//! ```
//!
//! `AGENTPACK_FUZZ_CASES` is the number of inputs per target (default 3) and
//! `AGENTPACK_FUZZ_SEED` the generator's seed (default 1); `AGENTPACK_FUZZ_TARGETS` (names
//! separated by commas, e.g. `manifest,template`) limits the kinds. A failing input is kept in
//! `$CARGO_TARGET_TMPDIR/fuzz-failures/` with the command in a `.txt` beside it, and the
//! summary (executions, failures, peak memory, slowest run) is printed at the end; the input
//! of the run with the largest peak memory is kept there as `peak.bin`.
#![cfg(unix)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::common::{code, repo, run};
use crate::crash::copy_tree;

/// Wall-clock limit of one run: a run past it is a hang. Generous, because CI machines and
/// debug builds under load are slow; this guards against hangs, not for speed.
const TIME_LIMIT: Duration = Duration::from_secs(30);
/// Address-space limit of one run, in KiB (`ulimit -v`): past it an allocation fails and
/// the process aborts, which the harness reports.
const MEMORY_LIMIT_KB: u64 = 2 * 1024 * 1024;
/// Mutated inputs are cut to this size (the tool refuses files over 10 MB anyway).
const MAX_INPUT: usize = 2 * 1024 * 1024;

/// Where a target's input goes, and the commands that read it.
struct Target {
    name: &'static str,
    /// Path in the project; `None`: the hook's standard input.
    file: Option<&'static str>,
    commands: &'static [&'static [&'static str]],
    seeds: Vec<Vec<u8>>,
}

const HOOK: &[&str] = &["hook", "subagent-stop"];

/// xorshift64*: small, seeded, reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const TOKENS: &[&str] = &[
    "\n",
    "\r\n",
    "\0",
    "\u{feff}",
    "\u{202e}",
    "\u{200b}",
    "\u{301}",
    "\u{2028}",
    "\u{1b}]0;t\u{7}",
    "\u{ff}",
    ":",
    ": ",
    "- ",
    "---\n",
    "&a ",
    "*a",
    "<<: *a",
    "!!binary ",
    "? ",
    "|\n",
    ">-\n",
    "{",
    "}",
    "[",
    "]",
    "\"",
    "'",
    "#",
    "# h\n",
    "## ",
    "```\n",
    "~~~",
    "[x](",
    "](#",
    "<a ",
    "{{",
    "}}",
    "{%",
    "%}",
    "{% for i in range(100) %}",
    "{% endfor %}",
    "{{ x }}",
    "{% include \"a\" %}",
    "../",
    "/",
    "\\",
    "//",
    ".v2",
    ".v4294967295.md",
    "..",
    "artifacts/",
    ".claude/settings.json",
    "AGENTS.md",
    "agentpack.yaml",
    "null",
    "true",
    "~",
    "1e309",
    "-1",
    "18446744073709551616",
    "NaN",
    "\"cwd\": \"/\"",
    "\"agent_type\": \"",
    "TODO",
    "{placeholder}",
    "YYYY-MM-DD",
    "rubric: ",
    "output: ",
    "needs: [",
    "id: ",
    "agent: ",
    "    ",
    "\t",
];

const NUMBERS: &[&str] = &[
    "-1",
    "0",
    "4294967295",
    "18446744073709551616",
    "1e309",
    "NaN",
    "0.5",
];

/// One to four stacked mutations of `input`; `other` is another seed to splice with.
fn mutate(rng: &mut Rng, input: &[u8], other: &[u8]) -> Vec<u8> {
    let mut data = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = data.len();
        let at = rng.below(len + 1);
        match rng.below(11) {
            0 if len > 0 => {
                let i = rng.below(len);
                data[i] ^= 1 << rng.below(8);
            }
            1 => {
                let token = rng.pick(TOKENS).as_bytes().to_vec();
                data.splice(at..at, token);
            }
            2 if len > 0 => {
                let end = (at + 1 + rng.below(64)).min(len);
                data.drain(at.min(end)..end);
            }
            3 if len > 0 => {
                // Repeat a chunk many times: long lines, deep nesting, repeated headings.
                let start = at.min(len - 1);
                let end = (start + 1 + rng.below(32)).min(len);
                let chunk = data[start..end].to_vec();
                let times = [2, 10, 100, 1_000, 5_000][rng.below(5)];
                let repeated: Vec<u8> = chunk.repeat(times);
                data.splice(end..end, repeated);
            }
            4 => data.truncate(at),
            5 if !other.is_empty() => {
                let from = rng.below(other.len());
                let mut spliced = data[..at].to_vec();
                spliced.extend_from_slice(&other[from..]);
                data = spliced;
            }
            6 => {
                let mut lines: Vec<Vec<u8>> =
                    data.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
                if lines.len() > 1 {
                    let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
                    lines.swap(a, b);
                }
                data = lines.join(&b'\n');
            }
            7 => {
                let lines: Vec<&[u8]> = data.split(|&b| b == b'\n').collect();
                let line = rng.pick(&lines).to_vec();
                let times = [2, 50, 2_000][rng.below(3)];
                let mut block = Vec::new();
                for _ in 0..times.min(MAX_INPUT / (line.len() + 1)) {
                    block.extend_from_slice(&line);
                    block.push(b'\n');
                }
                data.splice(at..at, block);
            }
            8 => {
                if let Some(i) = data.iter().position(u8::is_ascii_digit) {
                    let end = data[i..]
                        .iter()
                        .position(|b| !b.is_ascii_digit())
                        .map_or(data.len(), |e| i + e);
                    data.splice(i..end, rng.pick(NUMBERS).bytes());
                }
            }
            9 => {
                let (open, close) = *rng.pick(&[
                    ("[", "]"),
                    ("{", "}"),
                    ("- ", ""),
                    ("> ", ""),
                    ("(", ")"),
                    ("{% if 1 %}", "{% endif %}"),
                ]);
                let depth = [10, 100, 10_000][rng.below(3)];
                let mut nested = open.repeat(depth);
                nested.push_str(&close.repeat(depth));
                data.splice(at..at, nested.into_bytes());
            }
            _ => {
                // Replace what follows a colon up to the end of its line.
                if let Some(colon) = data[at.min(len)..].iter().position(|&b| b == b':') {
                    let start = at + colon + 1;
                    let end = data[start..]
                        .iter()
                        .position(|&b| b == b'\n')
                        .map_or(data.len(), |e| start + e);
                    let token = rng.pick(TOKENS).as_bytes().to_vec();
                    data.splice(start..end, token);
                }
            }
        }
        data.truncate(MAX_INPUT);
    }
    data
}

/// What one run did.
struct Ran {
    /// The exit code, or `None` when a signal ended it (an abort, or the time limit).
    code: Option<i32>,
    timed_out: bool,
    /// The largest `VmHWM` seen while it ran (polled every 2 ms, so a lower bound; wait4's
    /// `ru_maxrss` is no use here: a child spawned with a shared address space inherits
    /// the harness's own peak at exec).
    max_rss_kb: u64,
    took: Duration,
    stdout: String,
    stderr: String,
}

/// Runs the binary with `args` in `dir` under the time and memory limits.
fn run_bounded(dir: &Path, args: &[&str], stdin: Option<&[u8]>, scratch: &Path) -> Ran {
    let out_path = scratch.join("stdout");
    let err_path = scratch.join("stderr");
    let in_path = scratch.join("stdin");
    fs::write(&in_path, stdin.unwrap_or_default()).unwrap();
    let start = Instant::now();
    // Reaped with wait4 below (for its peak memory), not with `Child::wait`.
    #[allow(clippy::zombie_processes)]
    let child = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {MEMORY_LIMIT_KB} 2>/dev/null; exec \"$0\" \"$@\""
        ))
        .arg(env!("CARGO_BIN_EXE_agentpack"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY")
        .stdin(fs::File::open(&in_path).unwrap())
        .stdout(fs::File::create(&out_path).unwrap())
        .stderr(fs::File::create(&err_path).unwrap())
        .spawn()
        .expect("sh runs");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let mut timed_out = false;
    let mut hwm_kb = 0;
    let status_file = format!("/proc/{pid}/status");
    loop {
        if let Ok(text) = fs::read_to_string(&status_file)
            && let Some(kb) = text
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        {
            hwm_kb = hwm_kb.max(kb);
        }
        // SAFETY: `pid` is our child; `status` and `usage` are valid for writes.
        let done = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if done == pid {
            break;
        }
        assert!(done == 0, "wait4 failed");
        if start.elapsed() > TIME_LIMIT && !timed_out {
            timed_out = true;
            // SAFETY: signalling our own child.
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    Ran {
        code,
        timed_out,
        max_rss_kb: hwm_kb,
        took: start.elapsed(),
        stdout: String::from_utf8_lossy(&fs::read(&out_path).unwrap_or_default()).into_owned(),
        stderr: String::from_utf8_lossy(&fs::read(&err_path).unwrap_or_default()).into_owned(),
    }
}

/// Why a run is a failure, if it is one.
fn verdict(args: &[&str], ran: &Ran) -> Option<String> {
    if ran.timed_out {
        return Some(format!("hang: over {TIME_LIMIT:?}"));
    }
    let Some(code) = ran.code else {
        return Some("killed by a signal (abort, stack overflow or out of memory)".into());
    };
    if ran.stderr.contains("panicked") {
        return Some(format!(
            "panic: {}",
            ran.stderr.lines().take(3).collect::<Vec<_>>().join(" ")
        ));
    }
    if args == HOOK {
        if code == 2 {
            return Some("the hook exited 2 (that blocks the agent with stderr)".into());
        }
        let out = ran.stdout.trim();
        if !out.is_empty() && serde_json::from_str::<serde_json::Value>(out).is_err() {
            return Some(format!("the hook printed non-JSON: {out:.200}"));
        }
    }
    (!matches!(code, 0..=2)).then(|| format!("exit code {code}"))
}

fn read_seeds(paths: impl IntoIterator<Item = PathBuf>) -> Vec<Vec<u8>> {
    paths.into_iter().filter_map(|p| fs::read(p).ok()).collect()
}

fn files_under(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().to_string_lossy().ends_with(ext))
        .map(|e| e.into_path())
        .collect();
    found.sort();
    found
}

fn targets(seed: &Path) -> Vec<Target> {
    let p = |rel: &str| seed.join(rel);
    let fixtures = repo().join("tests/fixtures");
    vec![
        Target {
            name: "agent",
            file: Some(".claude/agents/writer.md"),
            commands: &[&["check"], &["init"], &["check", "--format", "sarif"]],
            seeds: read_seeds(files_under(&seed.join(".claude/agents"), ".md"))
                .into_iter()
                .chain(read_seeds(files_under(&fixtures.join("agents"), ".md")))
                .collect(),
        },
        Target {
            name: "agents-md",
            file: Some("AGENTS.md"),
            commands: &[&["check"], &["check", "--format", "json"]],
            seeds: read_seeds([p("AGENTS.md")]),
        },
        Target {
            name: "manifest",
            file: Some("agentpack.yaml"),
            commands: &[
                &["check"],
                &["status"],
                &["plan"],
                &["init", "--dry-run"],
                &["add", "editor", "--dry-run"],
                &["review", "--no-feedback"],
            ],
            seeds: read_seeds([p("agentpack.yaml")])
                .into_iter()
                .chain(read_seeds(files_under(
                    &repo().join("templates/packs"),
                    ".yaml",
                )))
                .collect(),
        },
        Target {
            name: "rubric",
            file: Some(".agentpack/rubrics/research-report.yaml"),
            commands: &[&["review", "--format", "json"], &["check"]],
            seeds: read_seeds(files_under(&repo().join("templates/rubrics"), ".yaml")),
        },
        Target {
            name: "artifact",
            file: Some("artifacts/research-output.md"),
            commands: &[
                &["review", "--format", "json"],
                HOOK,
                &["review", "--format", "junit"],
                &["review"],
            ],
            seeds: read_seeds(files_under(&repo().join("examples/artifacts"), ".md")),
        },
        Target {
            name: "history",
            file: Some(".agentpack/logs/reviews.jsonl"),
            commands: &[&["status"], &["review"], HOOK],
            seeds: read_seeds([p(".agentpack/logs/reviews.jsonl")]),
        },
        Target {
            name: "lock",
            file: Some(".agentpack/agentpack.lock"),
            commands: &[&["init"], &["add", "editor"]],
            seeds: read_seeds([p(".agentpack/agentpack.lock")]),
        },
        Target {
            name: "settings",
            file: Some(".claude/settings.json"),
            commands: &[&["init"]],
            seeds: read_seeds([p(".claude/settings.json")]),
        },
        Target {
            name: "hook-payload",
            file: None,
            commands: &[HOOK],
            seeds: read_seeds(files_under(&fixtures.join("hooks"), ".json")),
        },
        Target {
            name: "template",
            file: Some(".agentpack/templates/project/AGENTS.md.j2"),
            commands: &[&["init", "--dry-run"], &["init"]],
            seeds: read_seeds(files_under(&repo().join("templates"), ".j2")),
        },
    ]
}

/// A copy of the seed project at `dir` with `input` at `file`: each command starts fresh,
/// since commands write (init, review).
fn fresh_case(seed: &Path, dir: &Path, file: Option<&str>, input: &[u8]) {
    let _ = fs::remove_dir_all(dir);
    copy_tree(seed, dir);
    if let Some(file) = file {
        let path = dir.join(file);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, input).unwrap();
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn fuzz_every_input_kind() {
    let cases = env_number("AGENTPACK_FUZZ_CASES", 3);
    let mut rng = Rng(env_number("AGENTPACK_FUZZ_SEED", 1).max(1));
    let tmp = tempfile::tempdir().unwrap();
    let seed = tmp.path().join("seed");
    fs::create_dir_all(&seed).unwrap();
    assert_eq!(code(&run(&seed, &["init", ".", "--examples", "-q"])), 0);
    assert_eq!(code(&run(&seed, &["review", "-q", "--exit-zero"])), 0);
    let failures_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("fuzz-failures");
    let (mut executions, mut peak, mut slowest) = (0u64, (0u64, String::new()), Duration::ZERO);
    let mut failures: Vec<String> = Vec::new();
    let scratch = tmp.path().join("scratch");
    fs::create_dir_all(&scratch).unwrap();
    let only = std::env::var("AGENTPACK_FUZZ_TARGETS").unwrap_or_default();
    let mut peak_input = Vec::new();
    for target in targets(&seed) {
        if !only.is_empty() && !only.split(',').any(|t| t.trim() == target.name) {
            continue;
        }
        assert!(!target.seeds.is_empty(), "{}: no seeds", target.name);
        for case in 0..cases {
            let input = rng.pick(&target.seeds).clone();
            let other = rng.pick(&target.seeds).clone();
            let input = mutate(&mut rng, &input, &other);
            let dir = tmp.path().join("case");
            // Up to three of the target's commands, each on a fresh copy.
            for _ in 0..target.commands.len().min(3) {
                fresh_case(&seed, &dir, target.file, &input);
                let args = *rng.pick(target.commands);
                let payload = if args == HOOK {
                    Some(match target.file {
                        None => input.clone(),
                        Some(_) => {
                            fs::read(repo().join("tests/fixtures/hooks/researcher.json")).unwrap()
                        }
                    })
                } else {
                    None
                };
                let ran = run_bounded(&dir, args, payload.as_deref(), &scratch);
                executions += 1;
                if ran.max_rss_kb > peak.0 {
                    peak = (ran.max_rss_kb, format!("{} {args:?}", target.name));
                    peak_input.clone_from(&input);
                }
                slowest = slowest.max(ran.took);
                if let Some(why) = verdict(args, &ran) {
                    fs::create_dir_all(&failures_dir).unwrap();
                    let base = failures_dir.join(format!("{}-{case}", target.name));
                    fs::write(base.with_extension("bin"), &input).unwrap();
                    fs::write(
                        base.with_extension("txt"),
                        format!(
                            "target: {}\ncommand: agentpack {}\n{why}\n",
                            target.name,
                            args.join(" ")
                        ),
                    )
                    .unwrap();
                    failures.push(format!(
                        "{}: agentpack {}: {why} (input: {})",
                        target.name,
                        args.join(" "),
                        base.with_extension("bin").display()
                    ));
                }
            }
        }
    }
    fs::create_dir_all(&failures_dir).unwrap();
    fs::write(failures_dir.join("peak.bin"), &peak_input).unwrap();
    eprintln!(
        "fuzz: {executions} executions, {} failures, peak RSS {} MB ({}), slowest run {slowest:?}",
        failures.len(),
        peak.0 / 1024,
        peak.1
    );
    assert!(failures.is_empty(), "{failures:#?}");
}
