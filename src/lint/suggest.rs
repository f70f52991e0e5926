//! "Did you mean" for names users misspell: tools, models, keys, agents, rubrics, rule codes.
//! An edit distance over a case-folded form, with a bound so a wild guess is never offered;
//! and the kebab-case spelling of a name.

/// Lowercase, without `_`, `-` and spaces: `Web_Search` and `websearch` fold alike.
pub(crate) fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '_' | '-' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The candidate closest to `word` (after folding), if it is close enough: an exact folded
/// match, or within a third of the word's length (at most 3 edits; none for words under 3).
/// Distance is by characters, a swap of two neighbours counting as one edit (optimal string
/// alignment): `Grpe` is one edit from `Grep`.
pub(crate) fn nearest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    if word.chars().count() > 64 {
        return None;
    }
    let folded = fold(word);
    let len = folded.chars().count();
    // Short words are one edit from everything; only an exact folded match helps there.
    let limit = if len < 3 { 0 } else { (len / 3).clamp(1, 3) };
    candidates
        .into_iter()
        .map(|c| (strsim::osa_distance(&folded, &fold(c)), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

/// Whether `name` is lowercase letters and digits in hyphen-separated words.
pub(crate) fn is_kebab(name: &str) -> bool {
    !name.is_empty()
        && name.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// `Code_Reviewer v2` -> `code-reviewer-v2`.
pub(crate) fn kebab(s: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && prev_lower && !out.ends_with('-') {
                out.push('-');
            }
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            out.push(c.to_ascii_lowercase());
        } else {
            prev_lower = false;
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
    }
    let trimmed = out.trim_matches('-');
    if trimmed.is_empty() {
        "agent".into()
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_close_names_only() {
        assert_eq!(strsim::osa_distance("kitten", "sitting"), 3);
        assert_eq!(strsim::osa_distance("grpe", "grep"), 1);
        assert_eq!(
            nearest("Web_Search", ["WebSearch", "WebFetch"]),
            Some("WebSearch")
        );
        assert_eq!(
            nearest("sonet", ["sonnet", "opus", "haiku"]),
            Some("sonnet")
        );
        assert_eq!(nearest("Grpe", ["Grep", "Glob"]), Some("Grep"));
        assert_eq!(nearest("banana", ["sonnet", "opus"]), None);
        assert_eq!(nearest("x", ["y"]), None);
        assert_eq!(nearest("LS", ["ls"]), Some("ls"));
    }

    #[test]
    fn kebab_case() {
        assert_eq!(kebab("Code_Reviewer v2"), "code-reviewer-v2");
        assert_eq!(kebab("codeReviewer"), "code-reviewer");
        assert_eq!(kebab("review:security"), "review-security");
        assert_eq!(kebab("-x"), "x");
        assert_eq!(kebab("::"), "agent");
        assert!(is_kebab("a1-b2") && !is_kebab("a--b") && !is_kebab("A") && !is_kebab(""));
    }
}
