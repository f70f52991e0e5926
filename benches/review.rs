//! Review throughput against a bare pulldown-cmark parse of the same corpus, on the same
//! cores (both use rayon's default pool), with peak memory from `/usr/bin/time`.
//!
//! `cargo bench --bench review` makes the corpus if it is missing
//! (`python3 benches/gen_corpus.py target/bench-corpus 2000 42`), then runs itself
//! once per mode under `/usr/bin/time -f "%e s %M KB"` and prints a table: `parse` (bare
//! pulldown-cmark), `review` (the default: no rubric named, so kind detection, then the
//! detected rubric, as the CLI does outside a project; the headline figure), `generic`
//! (`--rubric generic`). A mode can also be run alone:
//! `cargo bench --bench review -- parse|model|review|generic DIR` (`detect` is `review`).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use rayon::prelude::*;

/// The allocator the CLI uses (`src/main.rs`), so both modes run as `agentpack` would.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const CORPUS: &str = "target/bench-corpus";

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    out.sort();
    out
}

/// Reads and parses every file; returns (bytes, events) so nothing is optimized away.
fn bare_parse(dir: &Path) -> (u64, usize) {
    files(dir)
        .par_iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            let events =
                pulldown_cmark::Parser::new_ext(&text, agentpack::document::markdown::options())
                    .into_offset_iter()
                    .count();
            (text.len() as u64, events)
        })
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
}

/// The document model alone (to see where review time goes).
fn model(dir: &Path) -> (u64, usize) {
    files(dir)
        .par_iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            let doc = agentpack::document::Document::parse(&text);
            (text.len() as u64, doc.sentences.len())
        })
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
}

/// The review engine as `agentpack review DIR --rubric generic` runs it (`rubric` given), or
/// as `agentpack review DIR` runs it outside a project (kind detection, then that rubric),
/// minus printing.
fn review(dir: &Path, rubric: Option<&str>) -> (u64, usize) {
    let opts = agentpack::review::Options {
        rubric: rubric.map(str::to_string),
        ..Default::default()
    };
    let sel = agentpack::review::select(None, &[dir.to_path_buf()], &opts).expect("select");
    let outcome = agentpack::review::run(None, &sel, &opts).expect("review");
    let bytes = files(dir)
        .iter()
        .map(|p| p.metadata().map_or(0, |m| m.len()))
        .sum();
    (bytes, outcome.artifacts.len())
}

fn run_mode(mode: &str, dir: &Path) {
    let start = Instant::now();
    let (bytes, n) = match mode {
        "parse" => bare_parse(dir),
        "model" => model(dir),
        "review" | "detect" => review(dir, None),
        "generic" => review(dir, Some("generic")),
        _ => panic!("unknown mode `{mode}`: parse, model, review (or detect), generic"),
    };
    let secs = start.elapsed().as_secs_f64();
    println!("{mode} {bytes} {n} {secs:.4}");
}

fn measure(mode: &str, dir: &Path) -> (f64, u64, f64, u64) {
    let exe = std::env::current_exe().expect("bench binary");
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%e s %M KB"])
        .arg(exe)
        .args([mode, &dir.display().to_string()])
        .output()
        .expect("/usr/bin/time runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = stdout
        .lines()
        .find(|l| l.starts_with(mode))
        .unwrap_or_else(|| panic!("{stdout}{stderr}"));
    let f: Vec<&str> = line.split_whitespace().collect();
    let (bytes, secs): (u64, f64) = (f[1].parse().unwrap_or(0), f[3].parse().unwrap_or(0.0));
    let time_line = stderr
        .lines()
        .rev()
        .find(|l| l.ends_with(" KB"))
        .unwrap_or("");
    let t: Vec<&str> = time_line.split_whitespace().collect();
    let wall: f64 = t.first().and_then(|s| s.parse().ok()).unwrap_or(0.0);
    let kb: u64 = t.get(2).and_then(|s| s.parse().ok()).unwrap_or(0);
    (secs, bytes, wall, kb)
}

/// Measures `mode` on `dir`, prints its row of the table, and returns its seconds.
fn row(mode: &str, dir: &Path) -> f64 {
    let (secs, bytes, wall, kb) = measure(mode, dir);
    println!(
        "{mode:<8} {secs:>9.3} {:>9.1} {wall:>9.2} {:>10.1}",
        bytes as f64 / 1e6 / secs,
        kb as f64 / 1024.0
    );
    secs
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if let [mode, dir] = args.as_slice() {
        return run_mode(mode, Path::new(dir));
    }
    let dir = PathBuf::from(CORPUS);
    if !dir.is_dir() {
        let ok = Command::new("python3")
            .args(["benches/gen_corpus.py", CORPUS, "2000", "42"])
            .status()
            .is_ok_and(|s| s.success());
        assert!(
            ok,
            "could not generate the corpus; run: python3 benches/gen_corpus.py {CORPUS} 2000 42"
        );
    }
    println!(
        "corpus: {} files in {CORPUS}, {} cores",
        files(&dir).len(),
        rayon::current_num_threads()
    );
    println!(
        "{:<8} {:>9} {:>9} {:>9} {:>10}",
        "mode", "time s", "MB/s", "wall s", "peak MB"
    );
    ratios(
        &dir,
        &[
            ("review", "kind detection, the default"),
            ("generic", "--rubric generic"),
        ],
    );
    // The generated corpus repeats a small vocabulary; real documents are slower to review
    // per byte (more lazy-DFA states, longer lines). The vendored held-out sets are real
    // documents: the same modes on them, so the gap is seen, not assumed.
    let real = PathBuf::from("tests/holdout");
    if real.is_dir() {
        println!(
            "real documents: {} files in {}",
            files(&real).len(),
            real.display()
        );
        ratios(&real, &[("review", "real documents")]);
    }
}

/// Measures `parse`, then each of `modes` (a mode and what its ratio line says of it), on
/// `dir`, printing a row each and then each mode's ratio to the parse.
fn ratios(dir: &Path, modes: &[(&str, &str)]) {
    let parse = row("parse", dir);
    let times: Vec<f64> = modes.iter().map(|(mode, _)| row(mode, dir)).collect();
    for ((mode, what), secs) in modes.iter().zip(times) {
        println!("{mode} / parse: {:.2}x ({what})", secs / parse);
    }
}
