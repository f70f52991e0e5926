//! Evaluation harness for `agentpack review`: how well do scores separate good documents from
//! bad ones, and do generated degradations of the good ones fail?
//!
//! `cargo run --release --example eval -- DIR [DIR...]` reads `DIR/labels.tsv` (columns `id`,
//! `kind`, `label` good|bad, optionally `disputable` yes|no, anything else ignored) and `DIR/docs/<id>.md`, scores every file the
//! way `agentpack review FILE` does outside a project (kind detection, then the rubric), and
//! prints per-document scores with the checks that cost most, the ROC AUC of good versus bad,
//! the pass rates at the threshold (again over the undisputed labels alone, when the set marks
//! some disputable), and the pass rates of five degradations of each good
//! document, and of cuts of each good document at every 61st byte (`sweep.rs`). `cargo test
//! --example eval` asserts the bars on `tests/review-set/`.

mod degrade;
mod sweep;

use std::path::{Path, PathBuf};

use agentpack::review::{self, ArtifactReport, Options};
use degrade::degrade;

/// One labeled document.
struct Labeled {
    id: String,
    kind: String,
    good: bool,
    /// The collector marked the label disputable (`disputable` column `yes`).
    disputed: bool,
}

/// The figures of one set.
#[derive(Debug, Default)]
struct Figures {
    /// Share of documents whose detected rubric is their labeled kind's (percent).
    kind_accuracy: f64,
    /// Pass rate of each degradation (name, passed, total).
    degraded: Vec<(&'static str, usize, usize)>,
    /// Each good and each bad document's score and whether it passed, for pooling sets.
    good: Vec<(f64, bool)>,
    bad: Vec<(f64, bool)>,
    /// The same for the documents whose label nobody marked disputable, when the set marks any.
    clear_good: Vec<(f64, bool)>,
    clear_bad: Vec<(f64, bool)>,
    /// The good documents cut at every [`SWEEP_STEP`]-th byte.
    sweep: sweep::Sweep,
}

impl Figures {
    /// Whether the set marks any label disputable: then some document is left out of the
    /// undisputed figures.
    fn marks_disputes(&self) -> bool {
        self.clear_good.len() + self.clear_bad.len() < self.good.len() + self.bad.len()
    }
}

/// How far apart the sweep's cuts are, in bytes (the tests cut every [`TEST_STEP`] bytes, to
/// stay quick in a debug build).
const SWEEP_STEP: usize = 61;
#[cfg(test)]
const TEST_STEP: usize = 151;

/// ROC AUC and pass rates (percent) of a set's good and bad documents, with the counts
/// behind the rates.
struct Rates {
    auc: f64,
    good_pass: f64,
    bad_fail: f64,
    passed: usize,
    failed: usize,
}

fn rates(good: &[(f64, bool)], bad: &[(f64, bool)]) -> Rates {
    let scores = |v: &[(f64, bool)]| v.iter().map(|x| x.0).collect::<Vec<_>>();
    let passed = good.iter().filter(|x| x.1).count();
    let failed = bad.iter().filter(|x| !x.1).count();
    Rates {
        auc: auc(&scores(good), &scores(bad)),
        good_pass: pct(passed, good.len()),
        bad_fail: pct(failed, bad.len()),
        passed,
        failed,
    }
}

/// The AUC with its interval and the pass rates of good and bad documents, as printed.
fn summary(good: &[(f64, bool)], bad: &[(f64, bool)]) -> String {
    let r = rates(good, bad);
    let (low, high) = auc_interval(r.auc, good.len(), bad.len());
    format!(
        "AUC {:.3} (95% interval {low:.2}-{high:.2})   good pass {:.1}% ({}/{})   bad fail {:.1}% ({}/{})",
        r.auc,
        r.good_pass,
        r.passed,
        good.len(),
        r.bad_fail,
        r.failed,
        bad.len()
    )
}

fn read_labels(dir: &Path) -> Result<Vec<Labeled>, String> {
    let path = dir.join("labels.tsv");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
    let col = |name: &str| header.iter().position(|h| h.trim() == name);
    let id = col("id")
        .or_else(|| col("file"))
        .ok_or("labels.tsv has no `id` column")?;
    let kind = col("kind").ok_or("labels.tsv has no `kind` column")?;
    let label = col("label").ok_or("labels.tsv has no `label` column")?;
    let disputable = col("disputable");
    let mut out = Vec::new();
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split('\t').collect();
        let get = |i: usize| f.get(i).map_or("", |s| s.trim());
        let id = get(id).trim_end_matches(".md").to_string();
        out.push(Labeled {
            id,
            kind: get(kind).to_string(),
            good: get(label) == "good",
            disputed: disputable.is_some_and(|i| get(i).eq_ignore_ascii_case("yes")),
        });
    }
    Ok(out)
}

/// Reviews files exactly as `agentpack review FILE...` outside a project does.
fn review_files(files: &[PathBuf]) -> Vec<ArtifactReport> {
    // A set with no good document has no variants to review.
    if files.is_empty() {
        return Vec::new();
    }
    let opts = Options::default();
    let sel = review::select(None, files, &opts).expect("select");
    let outcome = review::run(None, &sel, &opts).expect("review");
    outcome.artifacts
}

/// ROC AUC of `good` scores over `bad` scores (ties count half).
fn auc(good: &[f64], bad: &[f64]) -> f64 {
    if good.is_empty() || bad.is_empty() {
        return f64::NAN;
    }
    let mut wins = 0.0;
    for g in good {
        for b in bad {
            wins += if g > b {
                1.0
            } else if g == b {
                0.5
            } else {
                0.0
            };
        }
    }
    wins / (good.len() * bad.len()) as f64
}

/// A 95% interval for an AUC measured on `n_good` and `n_bad` documents, from the
/// Hanley-McNeil standard error: on a set of forty documents an AUC is known to about
/// +-0.15, which is how far two sets' figures may differ by chance alone.
fn auc_interval(auc: f64, n_good: usize, n_bad: usize) -> (f64, f64) {
    let (g, b) = (n_good as f64, n_bad as f64);
    let q1 = auc / (2.0 - auc);
    let q2 = 2.0 * auc * auc / (1.0 + auc);
    let var =
        (auc * (1.0 - auc) + (g - 1.0) * (q1 - auc * auc) + (b - 1.0) * (q2 - auc * auc)) / (g * b);
    let half = 1.96 * var.max(0.0).sqrt();
    ((auc - half).max(0.0), (auc + half).min(1.0))
}

fn costly(a: &ArtifactReport) -> String {
    let mut checks: Vec<_> = a.checks.iter().filter(|c| c.impact > 0.0).collect();
    checks.sort_by(|x, y| y.impact.total_cmp(&x.impact));
    let mut parts: Vec<String> = checks
        .iter()
        .take(3)
        .map(|c| format!("{} -{:.1}", c.id, c.impact))
        .collect();
    if let Some(e) = &a.error {
        parts.insert(0, format!("error: {e}"));
    }
    parts.join(", ")
}

/// The built-in rubric of a labeled kind (`research-report` -> `any-research-report`).
fn expected_rubric(kind: &str) -> String {
    match kind {
        "article" => kind.to_string(),
        _ => format!("any-{kind}"),
    }
}

fn pct(n: usize, d: usize) -> f64 {
    if d == 0 {
        f64::NAN
    } else {
        100.0 * n as f64 / d as f64
    }
}

/// Scores one labeled set and prints its report.
/// Figures of the labeled set in `dir`; its good documents are cut every `step` bytes.
fn evaluate(dir: &Path, verbose: bool, step: usize) -> Result<Figures, String> {
    let labels = read_labels(dir)?;
    let files: Vec<PathBuf> = labels
        .iter()
        .map(|l| dir.join("docs").join(format!("{}.md", l.id)))
        .collect();
    let reports = review_files(&files);
    let by_path = |p: &Path| {
        let shown = p.display().to_string();
        reports.iter().find(|r| r.path == shown || r.file == p)
    };
    println!("== {}", dir.display());
    println!(
        "{:<36} {:<16} {:<5} {:<18} {:>6} {:<4} costly checks",
        "id", "kind", "label", "rubric", "score", "pass"
    );
    let (mut good, mut bad) = (Vec::new(), Vec::new());
    let (mut clear_good, mut clear_bad) = (Vec::new(), Vec::new());
    let mut kind_right = 0;
    for (l, f) in labels.iter().zip(&files) {
        let Some(r) = by_path(f) else {
            return Err(format!("no review for {}", f.display()));
        };
        let score = r.score.unwrap_or(0.0);
        let pass = r.passed();
        kind_right += usize::from(r.rubric == expected_rubric(&l.kind));
        let (all, clear) = if l.good {
            (&mut good, &mut clear_good)
        } else {
            (&mut bad, &mut clear_bad)
        };
        all.push((score, pass));
        if !l.disputed {
            clear.push((score, pass));
        }
        if verbose {
            println!(
                "{:<36} {:<16} {:<5} {:<18} {:>6.1} {:<4} {}",
                l.id,
                l.kind,
                if l.good { "good" } else { "bad" },
                r.rubric,
                score,
                if pass { "yes" } else { "no" },
                costly(r)
            );
        }
    }
    let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let mut variants: Vec<(&'static str, String, PathBuf)> = Vec::new();
    // The good documents' texts, for the variants and the cut sweep.
    let mut good_texts: Vec<(String, String)> = Vec::new();
    for (l, f) in labels.iter().zip(&files).filter(|(l, _)| l.good) {
        let bytes = std::fs::read(f).map_err(|e| format!("{}: {e}", f.display()))?;
        let text = String::from_utf8_lossy(&bytes).into_owned();
        for (name, body) in degrade(&text) {
            let path = tmp.path().join(format!("{}--{name}.md", l.id));
            std::fs::write(&path, body).map_err(|e| e.to_string())?;
            variants.push((name, l.id.clone(), path));
        }
        good_texts.push((l.id.clone(), text));
    }
    let paths: Vec<PathBuf> = variants.iter().map(|v| v.2.clone()).collect();
    let vreports = review_files(&paths);
    let mut degraded: Vec<(&'static str, usize, usize)> = Vec::new();
    for (name, id, path) in &variants {
        let r = vreports.iter().find(|r| r.file == *path);
        let pass = r.is_some_and(ArtifactReport::passed);
        if pass && verbose {
            let r = r.expect("found");
            println!(
                "  PASSES {name:<16} {id:<36} {:>6.1} {} {}",
                r.score.unwrap_or(0.0),
                r.rubric,
                costly(r)
            );
        }
        match degraded.iter_mut().find(|d| d.0 == *name) {
            Some(d) => {
                d.1 += usize::from(pass);
                d.2 += 1;
            }
            None => degraded.push((name, usize::from(pass), 1)),
        }
    }
    let fig = Figures {
        kind_accuracy: pct(kind_right, labels.len()),
        degraded,
        good,
        bad,
        clear_good,
        clear_bad,
        sweep: sweep::sweep(&good_texts, step)?,
    };
    println!("{}", summary(&fig.good, &fig.bad));
    if fig.marks_disputes() {
        print_undisputed(&fig.clear_good, &fig.clear_bad);
    }
    println!(
        "kind detection {:.1}% ({kind_right}/{}) pick the labeled kind's rubric",
        fig.kind_accuracy,
        labels.len()
    );
    for (name, passed, total) in &fig.degraded {
        println!(
            "  degraded {name:<16} pass {:>5.1}% ({passed}/{total})",
            pct(*passed, *total)
        );
    }
    print_sweep(&fig.sweep);
    Ok(fig)
}

/// The figures of the documents whose label is not marked disputable: how well review agrees
/// with the labels its collector was sure of.
fn print_undisputed(good: &[(f64, bool)], bad: &[(f64, bool)]) {
    println!("  undisputed labels only: {}", summary(good, bad));
}

fn print_sweep(s: &sweep::Sweep) {
    println!(
        "  cut sweep (the good documents cut every {} bytes from 30%): {:.1}% of {} cuts fail, {:.1}% by the truncated gate",
        s.step,
        s.failed_pct(),
        s.cuts,
        s.caught_pct()
    );
}

fn main() {
    let dirs: Vec<String> = std::env::args().skip(1).collect();
    if dirs.is_empty() {
        eprintln!("usage: cargo run --release --example eval -- DIR [DIR...]");
        std::process::exit(2);
    }
    let mut failed = false;
    // Every set's documents and cuts together (its other figures stay per set).
    let (mut pooled, mut sets) = (Figures::default(), 0);
    for d in &dirs {
        match evaluate(Path::new(d), true, SWEEP_STEP) {
            Ok(fig) => {
                sets += 1;
                pooled.good.extend(fig.good);
                pooled.bad.extend(fig.bad);
                // A set that marks no dispute counts whole among the undisputed.
                pooled.clear_good.extend(fig.clear_good);
                pooled.clear_bad.extend(fig.clear_bad);
                pooled.sweep.add(fig.sweep);
            }
            Err(e) => {
                eprintln!("error: {e}");
                failed = true;
            }
        }
    }
    // Sets of forty documents are known to +-0.15 each; pooled, the interval narrows.
    if sets > 1 {
        println!("== {sets} sets pooled");
        println!("{}", summary(&pooled.good, &pooled.bad));
        if pooled.marks_disputes() {
            print_undisputed(&pooled.clear_good, &pooled.clear_bad);
        }
        print_sweep(&pooled.sweep);
    }
    if failed {
        std::process::exit(2);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A labeled set in a temporary folder: `labels` is the whole `labels.tsv`, and each id
    /// names a document holding a placeholder (so it fails review).
    fn placeholder_set(ids: &[&str], labels: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("docs")).unwrap();
        for id in ids {
            std::fs::write(
                dir.path().join(format!("docs/{id}.md")),
                "# Notes\n\n{Continue with the analysis...}\n",
            )
            .unwrap();
        }
        std::fs::write(dir.path().join("labels.tsv"), labels).unwrap();
        dir
    }

    #[test]
    fn a_set_without_good_documents_is_evaluated_without_variants() {
        let dir = placeholder_set(&["x"], "id\tkind\tlabel\nx\tarticle\tbad\n");
        let fig = evaluate(dir.path(), false, TEST_STEP).expect("evaluate");
        let r = rates(&fig.good, &fig.bad);
        assert!(r.auc.is_nan(), "no good document, no AUC");
        assert_eq!(r.bad_fail, 100.0);
        assert!(fig.degraded.is_empty());
    }

    #[test]
    fn disputed_labels_are_left_out_of_the_undisputed_figures() {
        let dir = placeholder_set(
            &["a", "b", "c"],
            "id\tkind\tlabel\tdisputable\na\tarticle\tbad\tno\nb\tarticle\tbad\tYes\nc\tarticle\tbad\t\n",
        );
        let fig = evaluate(dir.path(), false, TEST_STEP).expect("evaluate");
        assert!(fig.marks_disputes());
        assert_eq!((fig.bad.len(), fig.clear_bad.len()), (3, 2));
    }

    #[test]
    fn the_auc_interval_narrows_as_the_set_grows() {
        // AUC 0.8 on 50 and 50 documents: Q1 = 2/3, Q2 = 0.7111, SE = 0.0445 by hand.
        let (low, high) = auc_interval(0.8, 50, 50);
        assert!(
            (high - low - 2.0 * 1.96 * 0.0445).abs() < 0.001,
            "{low} {high}"
        );
        let (l20, h20) = auc_interval(0.8, 20, 20);
        assert!(l20 < low && h20 > high, "20+20 is wider than 50+50");
        assert_eq!(auc_interval(1.0, 20, 20), (1.0, 1.0));
    }

    #[test]
    fn the_summary_counts_scores_and_verdicts_of_pooled_sets() {
        let good = [(90.0, true), (70.0, false)];
        let bad = [(60.0, false), (85.0, true)];
        let line = summary(&good, &bad);
        assert!(line.starts_with("AUC 0.750 "), "{line}");
        assert!(line.contains("good pass 50.0% (1/2)"), "{line}");
        assert!(line.ends_with("bad fail 50.0% (1/2)"), "{line}");
    }

    /// A regression floor on the vendored labeled set. Measured after the unresolved-cause
    /// gate, the writing-process leftovers and the fit policy for kinds that ask less landed:
    /// AUC 1.000, 100% of good pass, 100% of bad fail, kind accuracy 73.9% (34 of 46); the
    /// floor leaves a small margin for the AUC and one document for each rate. Since the ending
    /// and repeated-block gates, no placeholder, truncated, content-free or padded variant
    /// passes. Raise these numbers as the review gets better, never lower them.
    /// Whether the labeled set `dir` is vendored (a trimmed checkout may leave it out): when
    /// not, `test` is reported skipped.
    fn vendored(dir: &Path, test: &str) -> bool {
        let here = dir.join("labels.tsv").is_file();
        if !here {
            eprintln!("SKIPPED {test}: {} is absent", dir.display());
        }
        here
    }

    #[test]
    fn review_set_holds_its_floor() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/review-set");
        if !vendored(&dir, "review_set_holds_its_floor") {
            return;
        }
        let fig = evaluate(&dir, false, TEST_STEP).expect("evaluate");
        let r = rates(&fig.good, &fig.bad);
        assert!(r.auc >= 0.98, "AUC {:.3} < 0.98", r.auc);
        assert!(r.good_pass >= 95.0, "good pass {:.1}% < 95%", r.good_pass);
        assert!(r.bad_fail >= 95.0, "bad fail {:.1}% < 95%", r.bad_fail);
        // 34 of 46 today; one document of slack.
        assert!(
            fig.kind_accuracy >= 71.5,
            "kind detection {:.1}% < 71.5%",
            fig.kind_accuracy
        );
        for (name, passed, _) in &fig.degraded {
            if *name == "missing-sections" {
                continue;
            }
            assert_eq!(*passed, 0, "{passed} {name} variants pass");
        }
        // Cut every 151 bytes: 91.7% of 795 cuts fail and the truncated gate catches 86.3% (a
        // cut at the end of a sentence or a line that reads as finished cannot be seen); about
        // a dozen cuts of slack.
        let (failed, caught) = (fig.sweep.failed_pct(), fig.sweep.caught_pct());
        assert!(failed >= 90.0, "{failed:.1}% of the cuts fail < 90%");
        assert!(caught >= 85.0, "{caught:.1}% of the cuts are caught < 85%");
    }

    /// A regression floor on the held-out sets nobody has read (`tests/holdout/`, sets 14, 16,
    /// 17, 19-24, 26 and 28 pooled: 270 documents). Measured when set 28 was vendored (session
    /// 21): AUC 0.755, good pass 74.8% (98 of 131), bad fail 67.6% (94 of 139); the floor leaves
    /// about two documents for each rate and 0.02 of AUC. No placeholder, content-free or padded
    /// variant passes; three truncated variants do (cut at the end of a line that reads as
    /// finished, or on a two-letter start of a word). Only aggregates: a change that fails it is
    /// judged by the pooled figures and per-document score diffs, never by reading these
    /// documents.
    #[test]
    fn unread_holdout_sets_hold_their_floor() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/holdout");
        let (mut good, mut bad, mut truncated) = (Vec::new(), Vec::new(), 0);
        let mut cuts = sweep::Sweep::default();
        for set in [
            "set14", "set16", "set17", "set19", "set20", "set21", "set22", "set23", "set24",
            "set26", "set28",
        ] {
            let dir = root.join(set);
            if !vendored(&dir, "unread_holdout_sets_hold_their_floor") {
                return;
            }
            let fig = evaluate(&dir, false, TEST_STEP).expect("evaluate");
            for (name, passed, _) in &fig.degraded {
                if matches!(*name, "placeholders" | "content-free" | "padded") {
                    assert_eq!(*passed, 0, "{set}: {passed} {name} variants pass");
                }
                if *name == "truncated" {
                    truncated += passed;
                }
            }
            good.extend(fig.good);
            bad.extend(fig.bad);
            cuts.add(fig.sweep);
        }
        assert!(truncated <= 3, "{truncated} truncated variants pass");
        // The cut sweep, every 151 bytes: 94.0% of the cuts fail, 88.3% caught by the truncated
        // gate (the rest by other gates: a short cut of a list-made body is an empty body). The floor is tight on purpose: on the first six sets, excusing a last paragraph
        // without a stop when two other paragraphs have none (reverted in b84b682) cost a point
        // of each.
        let (failed, caught) = (cuts.failed_pct(), cuts.caught_pct());
        assert!(failed >= 93.5, "{failed:.1}% of the cuts fail < 93.5%");
        assert!(
            caught >= 87.8,
            "{caught:.1}% of the cuts are caught < 87.8%"
        );
        let r = rates(&good, &bad);
        assert!(r.auc >= 0.735, "AUC {:.3} < 0.735", r.auc);
        assert!(r.good_pass >= 73.2, "good pass {:.1}% < 73.2%", r.good_pass);
        assert!(r.bad_fail >= 66.1, "bad fail {:.1}% < 66.1%", r.bad_fail);
    }
}
