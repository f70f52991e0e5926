//! Bold-label lines (`**Fix:** text`) as the end of a document reads them: a block of such
//! fields signs a document off, but a finding's `**Fix:**` written as a sentence, stopping
//! where every earlier `**Fix:**` had its full stop, was cut (see `ending`).

/// The bold label of `line` and the value after it: `**Fix:** text`, `**Fix**: text`, also as
/// a list item or in a quote; the label in any script, at most 40 characters, the colon ASCII
/// or full-width, inside the bold or after it.
pub(super) fn bold_label(line: &str) -> Option<(&str, &str)> {
    // Past a quote's `>` marks and a list marker followed by a space.
    let l = line.trim_start().trim_start_matches(['>', ' ', '\t']);
    let l = after_list_marker(l)
        .filter(|r| r.starts_with(' '))
        .map_or(l, str::trim_start);
    let rest = l.strip_prefix("**")?;
    let close = rest.find("**")?;
    let label = rest[..close].trim_end_matches([':', '：']);
    let after = &rest[close + 2..];
    (!label.trim().is_empty()
        && label.chars().count() <= 40
        && !label.contains(['*', '[', '`'])
        && (rest[..close].ends_with([':', '：']) || after.starts_with([':', '：'])))
    .then(|| (label.trim(), after.trim_start_matches([':', '：']).trim()))
}

/// The text after a line's list marker (`-`, `*`, `+`, or digits and `.` or `)`), if it has
/// one.
pub(super) fn after_list_marker(line: &str) -> Option<&str> {
    line.strip_prefix(['-', '*', '+']).or_else(|| {
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        (digits > 0)
            .then(|| line[digits..].strip_prefix(['.', ')']))
            .flatten()
    })
}

/// Labels of the fields that close a document or a part of it.
const CLOSING: &[&str] = &[
    "verdict",
    "decision",
    "status",
    "result",
    "recommend",
    "outcome",
    "conclusion",
    "rating",
    "score",
    "grade",
    "overall",
    "summary",
    "approv",
    "next step",
    "final",
];

/// Whether `line`, a document's last, is a bold-label line whose value stops without the full
/// stop (`ends`) that the values of the same label before it (`before`: the text above it)
/// all have: two or more of them, each of three words or more ("**Fix:** Pass the input
/// throu" after "**Fix:** Quote the input." and "**Fix:** Pin the action.").
pub(super) fn unstopped_label(before: &str, line: &str, ends: impl Fn(&str) -> bool) -> bool {
    let Some((label, value)) = bold_label(line) else {
        return false;
    };
    // A closing field may be terse ("**Verdict:** Approve") after full sentences of the same
    // label, and a value may end on a link or a reference as a sentence does.
    let lower = label.to_lowercase();
    let closing = CLOSING.iter().any(|c| lower.starts_with(c));
    if value.is_empty() || ends(value) || closing || value.ends_with([')', ']']) {
        return false;
    }
    let (mut earlier, mut stopped) = (0, 0);
    for (l, v) in before.lines().filter_map(bold_label) {
        if l.eq_ignore_ascii_case(label) && v.split_whitespace().nth(2).is_some() {
            earlier += 1;
            stopped += usize::from(ends(v));
        }
    }
    earlier >= 2 && stopped == earlier
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ends(s: &str) -> bool {
        s.trim_end().ends_with(['.', '!', '?'])
    }

    #[test]
    fn labels_and_values() {
        assert_eq!(bold_label("**Fix:** quote it."), Some(("Fix", "quote it.")));
        assert_eq!(
            bold_label("- **Fix**: quote it."),
            Some(("Fix", "quote it."))
        );
        assert_eq!(bold_label("**作者**：张三"), Some(("作者", "张三")));
        assert_eq!(bold_label("**bold** text: no label"), None);
        assert_eq!(bold_label("Fix: plain"), None);
    }

    #[test]
    fn a_value_stopping_where_its_label_always_has_a_full_stop_is_cut() {
        let before = "**Problem:** the input is read twice.\n**Fix:** Quote the input first.\n\n**Problem:** tokens leak in logs.\n**Fix:** Mask them before logging.\n\n**Problem:** the cache never expires.\n";
        assert!(unstopped_label(
            before,
            "**Fix:** Pass the input throu",
            ends
        ));
        assert!(unstopped_label(before, "- **Fix**: C", ends));
        // Its own full stop, another label, or a label whose values are not sentences.
        assert!(!unstopped_label(before, "**Fix:** Expire it hourly.", ends));
        assert!(!unstopped_label(
            before,
            "**Verdict:** Approve with changes",
            ends
        ));
        let fields = "**Status:** Done\n**Owner:** Ana\n\n**Status:** In review\n";
        assert!(!unstopped_label(
            fields,
            "**Status:** Waiting on the team",
            ends
        ));
        // One earlier value is not a pattern.
        assert!(!unstopped_label(
            "**Fix:** Quote the input first.\n",
            "**Fix:** Pass the input throu",
            ends
        ));
    }
}
