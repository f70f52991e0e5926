//! "Did you mean" for names users misspell: tools, models, keys, agents, rubrics. A plain
//! edit distance over a case-folded form, with a bound so a wild guess is never offered.

/// Levenshtein distance between two strings, by characters.
pub(crate) fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Lowercase, without `_`, `-` and spaces: `Web_Search` and `websearch` fold alike.
pub(crate) fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '_' | '-' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The candidate closest to `word` (after folding), if it is close enough: an exact folded
/// match, or within a third of the word's length (at most 3 edits; none for words under 3).
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
        .map(|c| (distance(&folded, &fold(c)), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_close_names_only() {
        assert_eq!(distance("kitten", "sitting"), 3);
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
}
