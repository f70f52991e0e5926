//! Names a heading is compared with (a role's headings, every kind's headings), indexed once
//! so that a heading is compared only with the names it can match: those whose words appear
//! in it (one hash lookup per run of its words) and those close enough in length to be a
//! typo of it. The comparison itself is still [`text::heading_words_match`], so the answer is
//! exactly the one comparing with every name gives.

use crate::document::text::{self, Words};

/// Names, each with the lengths matching it needs, indexed by their words.
#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    names: Vec<Words>,
    /// (hash of a name's words, the name), sorted: the names with given words.
    by_words: Vec<(u64, u32)>,
    /// The word counts of the names, ascending, without repeats.
    lengths: Vec<usize>,
    /// Names a typo can match (one edit per eight characters: eight or more), as (characters,
    /// bytes, character set, index), by characters.
    typo: Vec<(usize, usize, u64, u32)>,
}

/// A hash of a run of words, from the words' own hashes: equal runs, equal hashes (a
/// candidate is confirmed on the words).
fn run_hash(words: &[u64]) -> u64 {
    words.iter().fold(0xcbf2_9ce4_8422_2325, |h, &w| {
        (h.rotate_left(29) ^ w).wrapping_mul(0x100_0000_01b3)
    })
}

impl NameIndex {
    pub fn new(names: Vec<Words>) -> Self {
        let mut index = NameIndex::default();
        for (i, name) in names.iter().enumerate() {
            // A name without words matches nothing.
            if name.words.is_empty() {
                continue;
            }
            let i = i as u32;
            index.by_words.push((run_hash(name.word_hashes()), i));
            index.lengths.push(name.words.len());
            let (chars, bytes, set) = name.shape();
            if chars / 8 > 0 {
                index.typo.push((chars, bytes, set, i));
            }
        }
        index.by_words.sort_unstable();
        index.lengths.sort_unstable();
        index.lengths.dedup();
        index.typo.sort_unstable();
        index.names = names;
        index
    }

    /// The names `have` matches ([`text::heading_words_match`]), each once, in no set order.
    pub fn matches<'a>(&'a self, have: &'a Words) -> impl Iterator<Item = &'a Words> + 'a {
        self.matching(have).map(|i| &self.names[i])
    }

    /// The positions (in the list given to [`NameIndex::new`]) of the names `have` matches.
    pub fn matching<'a>(&'a self, have: &'a Words) -> impl Iterator<Item = usize> + 'a {
        self.candidates(have)
            .into_iter()
            .map(|i| i as usize)
            .filter(move |&i| text::heading_words_match(have, &self.names[i]))
    }

    /// The name at `i` (a position [`NameIndex::matching`] gives).
    pub fn name(&self, i: usize) -> &Words {
        &self.names[i]
    }

    /// Whether `have` matches any of the names.
    pub fn any(&self, have: &Words) -> bool {
        self.matches(have).next().is_some()
    }

    /// Every name `have` may match: a name matches only when its words are a run of `have`'s
    /// words, or when it allows a typo (a budget of one edit per eight characters) and the
    /// characters differ by at most the budget and three, the bytes by the budget, and no
    /// more than the budget of distinct characters of one are missing from the other (each
    /// costs an edit at least).
    fn candidates(&self, have: &Words) -> Vec<u32> {
        let mut out = Vec::new();
        for &n in &self.lengths {
            if n > have.words.len() {
                break;
            }
            for run in have.word_hashes().windows(n) {
                let h = run_hash(run);
                let from = self.by_words.partition_point(|&(x, _)| x < h);
                out.extend(
                    self.by_words[from..]
                        .iter()
                        .take_while(|&&(x, _)| x == h)
                        .map(|&(_, i)| i),
                );
            }
        }
        let (chars, bytes, set) = have.shape();
        let from = self.typo.partition_point(|&(c, ..)| c + 3 < chars);
        for &(c, b, s, i) in self.typo[from..]
            .iter()
            .take_while(|(c, ..)| *c <= chars + 3)
        {
            let budget = c / 8;
            if c.abs_diff(chars) <= budget.min(3)
                && b.abs_diff(bytes) <= budget
                && (set & !s).count_ones() as usize <= budget
                && (s & !set).count_ones() as usize <= budget
            {
                out.push(i);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The index finds exactly the names comparing with each one finds.
        #[test]
        fn index_agrees_with_comparing_each(
            names in proptest::collection::vec("(?:key|finding|result|test|summary|résumé|sources|step|[a-z]{1,9}|1\\.| |-){1,5}", 0..12),
            heading in "(?:key|finding|results|tests|summary|resume|résumé|source|steps|[a-z]{1,9}|2\\.| |:){0,7}",
        ) {
            let words: Vec<Words> = names.iter().map(|n| Words::new(n)).collect();
            let index = NameIndex::new(words.clone());
            let have = Words::new(&heading);
            let mut want: Vec<&Words> = words.iter().filter(|w| text::heading_words_match(&have, w)).collect();
            let mut got: Vec<&Words> = index.matches(&have).collect();
            let key = |w: &&Words| w.words.clone();
            want.sort_by_key(key);
            want.dedup();
            got.sort_by_key(key);
            got.dedup();
            proptest::prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn words_inside_and_typos() {
        let index = NameIndex::new(
            ["Key Findings", "Sources", "Executive Summary"]
                .iter()
                .map(|n| Words::new(n))
                .collect(),
        );
        let hits = |h: &str| index.matches(&Words::new(h)).count();
        assert_eq!(hits("2. Key findings:"), 1);
        assert_eq!(hits("Sources and further reading"), 1);
        assert_eq!(hits("Executive Sumary"), 1);
        assert_eq!(hits("Background"), 0);
    }
}
