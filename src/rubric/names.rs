//! Names a heading is compared with (a role's headings, every kind's headings), indexed once
//! so that a heading is compared only with the names it can match: those whose words appear
//! in it (one hash lookup per run of its words) and those close enough in length to be a
//! typo of it. The comparison itself is still [`text::heading_words_match`], so the answer is
//! exactly the one comparing with every name gives.

use std::sync::Arc;

use crate::document::Document;
use crate::document::text::{self, Words};

/// Names, each with the lengths matching it needs, indexed by their words.
#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    names: Vec<Words>,
    /// (hash of a name's words, the name) in an open-addressing table of a power of two
    /// slots, at least twice the names (empty slots hold `u32::MAX`): the names with given
    /// words.
    slots: Vec<(u64, u32)>,
    /// The word counts of the names, ascending, without repeats.
    lengths: Vec<usize>,
    /// Names a typo can match (one edit per eight characters: eight or more), as (characters,
    /// bytes, character set, index), by characters.
    typo: Vec<(usize, usize, u64, u32)>,
    /// Where the names of each number of characters start in `typo`, and its end last.
    typo_at: Vec<usize>,
}

/// Whether `x` has at most `k` bits set (`count_ones() <= k`, without a population count:
/// the baseline x86-64 target has no instruction for it).
fn at_most(mut x: u64, k: usize) -> bool {
    for _ in 0..k {
        if x == 0 {
            return true;
        }
        x &= x - 1;
    }
    x == 0
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
        let mut by_words = Vec::new();
        for (i, name) in names.iter().enumerate() {
            // A name without words matches nothing.
            if name.words.is_empty() {
                continue;
            }
            let i = i as u32;
            by_words.push((run_hash(name.word_hashes()), i));
            index.lengths.push(name.words.len());
            let (chars, bytes, set) = name.shape();
            if chars / 8 > 0 {
                index.typo.push((chars, bytes, set, i));
            }
        }
        index.slots = vec![(0, u32::MAX); (2 * by_words.len()).next_power_of_two()];
        let mask = index.slots.len() - 1;
        for (h, i) in by_words {
            let mut at = (h as usize) & mask;
            while index.slots[at].1 != u32::MAX {
                at = (at + 1) & mask;
            }
            index.slots[at] = (h, i);
        }
        index.lengths.sort_unstable();
        index.lengths.dedup();
        index.typo.sort_unstable();
        let longest = index.typo.last().map_or(0, |t| t.0);
        index.typo_at = (0..=longest + 1)
            .map(|c| index.typo.partition_point(|t| t.0 < c))
            .collect();
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

    /// Whether a heading (its `words`) names one of the names as a part, as kind detection
    /// reads headings ([`names_part`]).
    pub fn names_a_part(&self, have: &Words) -> bool {
        self.matching(have).any(|j| names_part(have, self.name(j)))
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
                out.extend(self.with_hash(run_hash(run)));
            }
        }
        let (chars, bytes, set) = have.shape();
        // Only the lengths whose budget allows the difference are read (`typo_at` ends with
        // the end of the longest length's names).
        let longest = self.typo_at.len().saturating_sub(2);
        for c in chars.saturating_sub(3)..=(chars + 3).min(longest) {
            if self.typo.is_empty() || c.abs_diff(chars) > (c / 8).min(3) {
                continue;
            }
            for &(c, b, s, i) in &self.typo[self.typo_at[c]..self.typo_at[c + 1]] {
                let budget = c / 8;
                if b.abs_diff(bytes) <= budget
                    && at_most(set & !s, budget)
                    && at_most(s & !set, budget)
                {
                    out.push(i);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The names whose words hash to `h`: one probe of the table, then the run of entries
    /// the probe sequence holds (a name is still confirmed on its words).
    fn with_hash(&self, h: u64) -> impl Iterator<Item = u32> + '_ {
        let mask = self.slots.len().wrapping_sub(1);
        let mut at = (h as usize) & mask;
        std::iter::from_fn(move || {
            loop {
                let &(x, i) = self.slots.get(at)?;
                if i == u32::MAX {
                    return None;
                }
                at = (at + 1) & mask;
                if x == h {
                    return Some(i);
                }
            }
        })
    }
}

/// Names shared by many lists (every built-in role's headings), each distinct name once and
/// indexed together: a document's headings are compared with all of them once, the answers
/// kept in the document's memo, and each list reads the answers for its own names
/// ([`HeadingNames`]) instead of comparing every heading again.
#[derive(Debug)]
pub struct SharedNames {
    index: NameIndex,
}

/// Per heading of a document, the positions in a [`SharedNames`] of the names it matches,
/// ascending.
#[derive(Clone)]
struct HeadingMatches(Arc<Vec<Vec<u32>>>);

impl SharedNames {
    pub fn new(names: impl IntoIterator<Item = Words>) -> Self {
        let mut distinct: Vec<Words> = Vec::new();
        for name in names {
            if !name.words.is_empty() && !distinct.iter().any(|d| d.words == name.words) {
                distinct.push(name);
            }
        }
        SharedNames {
            index: NameIndex::new(distinct),
        }
    }

    /// How many names there are (positions run from 0 to this).
    pub fn count(&self) -> usize {
        self.index.names.len()
    }

    /// The name at position `id`.
    pub fn name(&self, id: u32) -> &Words {
        self.index.name(id as usize)
    }

    /// Per heading of `doc`, the positions of the names it matches ([`NameIndex::matching`]),
    /// ascending; computed once per document.
    pub fn matches_by_heading(&self, doc: &Document) -> Arc<Vec<Vec<u32>>> {
        self.heading_matches(doc).0
    }

    /// The position of the name with `name`'s words, if it is one of them.
    pub fn position(&self, name: &Words) -> Option<u32> {
        (self.index.names.iter())
            .position(|n| n.words == name.words)
            .map(|i| i as u32)
    }

    /// Which names each heading of `doc` matches, computed once per document (there is one
    /// shared list per process: the memo keeps it under one key).
    fn heading_matches(&self, doc: &Document) -> HeadingMatches {
        doc.memo(0, || {
            let all = doc.heading_words().iter().map(|have| {
                let mut m: Vec<u32> = self.index.matching(have).map(|i| i as u32).collect();
                m.sort_unstable();
                m
            });
            HeadingMatches(Arc::new(all.collect()))
        })
    }
}

/// A list of names (a role's headings) compared with a document's headings: through a
/// [`SharedNames`] for the names it holds, by an index of its own for the others (a rubric's
/// own headings). The names a heading matches are exactly those [`NameIndex::matches`] finds.
#[derive(Debug, Clone, Default)]
pub struct HeadingNames {
    shared: Option<&'static SharedNames>,
    /// Positions in `shared` of the list's names found there, ascending.
    ids: Vec<u32>,
    /// The list's other names.
    own: NameIndex,
}

/// What [`HeadingNames::for_doc`] gives: the names of a list each heading of a document
/// matches.
pub struct DocNames<'a> {
    names: &'a HeadingNames,
    matches: Option<HeadingMatches>,
}

impl HeadingNames {
    pub fn new(names: Vec<Words>, shared: Option<&'static SharedNames>) -> Self {
        let Some(shared) = shared else {
            return HeadingNames {
                own: NameIndex::new(names),
                ..Default::default()
            };
        };
        let (mut ids, mut own) = (Vec::new(), Vec::new());
        for name in names {
            match shared.position(&name) {
                Some(i) => ids.push(i),
                None => own.push(name),
            }
        }
        ids.sort_unstable();
        ids.dedup();
        HeadingNames {
            shared: Some(shared),
            ids,
            own: NameIndex::new(own),
        }
    }

    /// The list's answers for the headings of `doc`.
    pub fn for_doc(&self, doc: &Document) -> DocNames<'_> {
        DocNames {
            names: self,
            matches: self.shared.map(|s| s.heading_matches(doc)),
        }
    }
}

impl DocNames<'_> {
    /// Whether heading `i` of the document (`have`, its words) matches a name of the list
    /// for which `keep` holds. (Most lists have no names of their own: those skip their own
    /// index, which finds nothing.)
    pub fn any(&self, i: usize, have: &Words, keep: impl Fn(&Words) -> bool) -> bool {
        let names = self.names;
        let shared = self.matches.as_ref().zip(names.shared);
        shared.is_some_and(|(m, s)| {
            m.0[i]
                .iter()
                .any(|id| names.ids.binary_search(id).is_ok() && keep(s.index.name(*id as usize)))
        }) || (!names.own.names.is_empty() && names.own.matches(have).any(keep))
    }
}

/// Whether the document's headings are written in the Latin script the lexicon's names are
/// (English): unless two or more headings below the title, and more than half of them, hold
/// letters and no Latin letter (`## 测试结果`, `## ผลที่รันจริง`). A document headed in Thai
/// or Chinese has its parts under headings no name can match, so a part not found there is
/// not known to be missing.
pub fn headings_readable(doc: &Document) -> bool {
    let (mut all, mut foreign) = (0usize, 0usize);
    for h in doc.headings.iter().filter(|h| h.level >= 2) {
        all += 1;
        let mut letters = h.text.chars().filter(|c| c.is_alphabetic());
        let latin = |c: char| c.is_ascii_alphabetic() || ('\u{C0}'..='\u{24F}').contains(&c);
        if letters.clone().next().is_some() && !letters.any(latin) {
            foreign += 1;
        }
    }
    foreign < 2 || foreign * 2 <= all
}

/// A heading names a part when it is short around the part's words or opens with them ("Root
/// Cause #1: ..."), not when they are one word of a finding's title ("15. TOCTOU in Session
/// Status Check" is not a Status section).
pub fn names_part(have: &Words, want: &Words) -> bool {
    have.len_as_words() <= want.len_as_words() + 3 || have.words.starts_with(&want.words)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The index finds exactly the names comparing with each one finds.
        #[test]
        fn index_agrees_with_comparing_each(
            names in proptest::collection::vec("(?:key|finding|result|test|summary|résumé|sources|step|摘要|审查|[a-z]{1,9}|1\\.| |-){1,5}", 0..12),
            heading in "(?:key|finding|results|tests|summary|resume|résumé|source|steps|执行摘要|审|查|[a-z]{1,9}|2\\.| |:){0,7}",
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

    proptest::proptest! {
        #[test]
        fn at_most_counts_bits(x: u64, k in 0usize..70) {
            proptest::prop_assert_eq!(at_most(x, k), x.count_ones() as usize <= k);
        }
    }

    #[test]
    fn many_names() {
        let index = NameIndex::new((0..600).map(|i| Words::new(&format!("w{i}"))).collect());
        let have = Words::new("w599 w3 w42");
        assert_eq!(index.matching(&have).collect::<Vec<_>>(), vec![3, 42, 599]);
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
