//! "TBD" where a document honestly says a value is not known yet, not where content is
//! missing: in the front matter's process fields (`approvers: [TBD]`), as the value of a
//! field that only exists later (`**Pull Request**: TBD`, `Sponsor: TBD`), or in a few cells
//! of a tracking table otherwise filled in (`| toolhive | TBD | Pending |`). The
//! leftover-text gate ([`super::gates`]) skips these; a section, a result or an answer left
//! as TBD still counts.

use crate::document::Document;

/// Words of a field's name that make it one filled in later in a document's life: its pull
/// request, tracking issue, sponsor or approvers, a release or a date.
const LATER: &[&str] = &[
    "pr",
    "prs",
    "pull",
    "issue",
    "issues",
    "tracking",
    "sponsor",
    "sponsors",
    "approver",
    "approvers",
    "reviewer",
    "reviewers",
    "shepherd",
    "milestone",
    "eta",
    "release",
    "date",
    "deadline",
    "version",
];

/// Below this share of a table's data cells, TBD cells are values not known yet; at or above
/// it the table itself is unfilled.
const TABLE_SHARE: f64 = 0.4;

/// Whether the TBD matched at `start` (text `m`) is an honest "not known yet".
pub(super) fn honest(doc: &Document, start: usize, m: &str) -> bool {
    if !m.contains("TBD") {
        return false;
    }
    if start < doc.body_start {
        return true;
    }
    if m.trim_start().starts_with('|') {
        return doc
            .tables
            .iter()
            .find(|t| t.contains(&start))
            .is_some_and(|t| tbd_share(&doc.text[t.clone()]) < TABLE_SHARE);
    }
    let t = doc.text;
    let from = t[..start].rfind('\n').map_or(0, |n| n + 1);
    let line = t[from..].lines().next().unwrap_or("");
    later_field(line)
}

/// Whether `line` is a field (`- **Pull Request**: TBD`, `Sponsor: TBD`) whose name has a
/// word of [`LATER`].
fn later_field(line: &str) -> bool {
    let line = line.trim_start().trim_start_matches(['-', '*', '+', ' ']);
    let Some((name, value)) = line.split_once(':') else {
        return false;
    };
    let value = value.trim().trim_matches(['*', '_', ' ']);
    if !value.starts_with("TBD") || name.len() > 60 {
        return false;
    }
    name.split(|c: char| !c.is_alphanumeric())
        .any(|w| LATER.iter().any(|l| w.eq_ignore_ascii_case(l)))
}

/// The share of a table's data cells (rows after the header and the alignment row) that
/// hold only TBD.
fn tbd_share(table: &str) -> f64 {
    let (mut cells, mut tbd) = (0usize, 0usize);
    for row in table.lines().skip(2) {
        for cell in row.trim().trim_matches('|').split('|') {
            cells += 1;
            tbd += usize::from(cell.trim().trim_matches(['*', '_']) == "TBD");
        }
    }
    if cells == 0 {
        1.0
    } else {
        tbd as f64 / cells as f64
    }
}
