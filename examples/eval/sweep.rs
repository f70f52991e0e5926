//! The cut sweep: each good document cut at many points, not once at 40%. A truncation rule
//! that reads one cut right can still let most other cuts through (a narrowing that excuses a
//! paragraph without a full stop when two short lines have none passed about half of all cut
//! points of a plausible report, and no 40% variant moved); the sweep measures what a writer
//! stopped by an output limit would get.

use agentpack::review::ArtifactReport;

/// Where the sweep starts, as a share of the document's bytes (earlier cuts leave so little
/// that other checks fail them anyway).
const FROM: f64 = 0.3;

/// Cuts of a set's good documents, and what review made of them.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Sweep {
    /// How far apart the cuts are, in bytes.
    pub step: usize,
    /// Cut points reviewed.
    pub cuts: usize,
    /// Cuts the `truncated` gate caught.
    pub caught: usize,
    /// Cuts that fail review, for whatever reason.
    pub failed: usize,
}

impl Sweep {
    pub fn caught_pct(&self) -> f64 {
        super::pct(self.caught, self.cuts)
    }

    pub fn failed_pct(&self) -> f64 {
        super::pct(self.failed, self.cuts)
    }

    pub fn add(&mut self, other: Sweep) {
        self.step = other.step;
        self.cuts += other.cuts;
        self.caught += other.caught;
        self.failed += other.failed;
    }
}

/// `text` cut at every `step`-th byte from [`FROM`] of its length to its end, where the cut
/// leaves a character at the end (a writer that stops mid-stream leaves no trailing space).
pub fn cuts(text: &str, step: usize) -> Vec<&str> {
    let start = (text.len() as f64 * FROM) as usize;
    (start..text.len().saturating_sub(1))
        .step_by(step.max(1))
        .filter(|&at| text.is_char_boundary(at))
        .map(|at| &text[..at])
        .filter(|t| !t.trim().is_empty() && !t.ends_with(char::is_whitespace))
        .collect()
}

/// Cuts every good document (`(id, text)`) at every `step`-th byte and reviews the cuts as
/// `agentpack review` would.
pub fn sweep(docs: &[(String, String)], step: usize) -> Result<Sweep, String> {
    let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let mut paths = Vec::new();
    for (id, text) in docs {
        for (i, cut) in cuts(text, step).into_iter().enumerate() {
            let path = tmp.path().join(format!("{id}--cut{i:05}.md"));
            std::fs::write(&path, format!("{cut}\n")).map_err(|e| e.to_string())?;
            paths.push(path);
        }
    }
    Ok(tally(&super::review_files(&paths), step))
}

fn tally(reports: &[ArtifactReport], step: usize) -> Sweep {
    let mut s = Sweep {
        step,
        ..Sweep::default()
    };
    for r in reports {
        s.cuts += 1;
        s.caught += usize::from(
            r.checks
                .iter()
                .any(|c| c.rule == "gate" && c.id == "truncated"),
        );
        s.failed += usize::from(!r.passed());
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_end_on_a_character_from_a_third_of_the_text() {
        let text = "# Title\n\nThe parser reads the file once. It keeps every heading span.\n";
        let all = cuts(text, 1);
        assert!(!all.is_empty());
        for c in &all {
            assert!(c.len() >= (text.len() as f64 * FROM) as usize);
            assert!(!c.ends_with(char::is_whitespace), "{c:?}");
            assert!(c.len() < text.len() - 1);
        }
        // Every 7th byte: about a seventh as many.
        assert!(
            cuts(text, 7).len() * 5 < all.len(),
            "{}",
            cuts(text, 7).len()
        );
        // Multi-byte characters are never split.
        assert!(
            cuts("é".repeat(40).as_str(), 1)
                .iter()
                .all(|c| c.len() % 2 == 0)
        );
    }
}
