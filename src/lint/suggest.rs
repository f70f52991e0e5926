//! Name helpers for lints: the folded form tools are compared in, "did you mean" (the one in
//! `diag`, shared with the manifest validator), and the kebab-case spelling of a name.

pub(crate) use crate::diag::fold;
pub(crate) use crate::diag::nearest;

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
    fn kebab_case() {
        assert_eq!(kebab("Code_Reviewer v2"), "code-reviewer-v2");
        assert_eq!(kebab("codeReviewer"), "code-reviewer");
        assert_eq!(kebab("review:security"), "review-security");
        assert_eq!(kebab("-x"), "x");
        assert_eq!(kebab("::"), "agent");
        assert!(is_kebab("a1-b2") && !is_kebab("a--b") && !is_kebab("A") && !is_kebab(""));
    }
}
