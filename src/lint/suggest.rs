//! "Did you mean" for names users misspell: tools, models, keys, agents, rubrics. A plain
//! edit distance over a case-folded form, with a bound so a wild guess is never offered.

/// Edit distance between two strings, by characters, where swapping two neighbours counts
/// as one edit (optimal string alignment): `Grpe` is one edit from `Grep`.
pub(crate) fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
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
        assert_eq!(distance("grpe", "grep"), 1);
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
