//! Which of several regexes may match somewhere in a text, in one pass of a lazy DFA built for
//! all of them (`MatchKind::All`), each relaxed ([`super::relax`]): what
//! `regex::RegexSet::matches` answers, and on ASCII text more only where the part of a pattern
//! after a run such as `.*` matches; beyond ASCII a superset of it. With a tighter loop (a
//! `RegexSet` reports every overlapping match back to its caller; this only notes which
//! patterns a match state holds; a long text is read as two halves at once). Used by
//! [`super::matching::PatternSet`], which falls back to a `RegexSet` when the scanner cannot be
//! built or stops.

use std::sync::Mutex;

use regex_automata::hybrid::LazyStateID;
use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson;
use regex_automata::{Input, MatchKind};

/// A lazy DFA of every pattern, and caches for the threads that scan with it.
#[derive(Debug)]
pub(crate) struct SetScanner {
    dfa: DFA,
    caches: Mutex<Vec<Cache>>,
    len: usize,
}

impl SetScanner {
    /// The scanner of `patterns` (as `regex` compiles them), each relaxed
    /// ([`super::relax::relaxed`]: it matches wherever the pattern does), under
    /// `RegexSetBuilder`'s NFA size limit; `None` when they do not build,
    /// or when one can match the empty string (a `RegexSet` treats empty matches inside a
    /// character specially; this loop does not).
    pub(crate) fn new(patterns: &[String], nfa_size_limit: usize) -> Option<SetScanner> {
        Self::with_cache(patterns, nfa_size_limit, CACHE_CAPACITY)
    }

    /// [`SetScanner::new`] with a cache of `capacity` bytes; 0 for the least the DFA can run
    /// with (tests: a cache cleared again and again).
    fn with_cache(
        patterns: &[String],
        nfa_size_limit: usize,
        capacity: usize,
    ) -> Option<SetScanner> {
        let relaxed = patterns
            .iter()
            .map(|p| super::relax::relaxed(p))
            .collect::<Option<Vec<_>>>()?;
        // Bytes, not characters: a relaxed class matches runs of bytes above ASCII.
        let nfa = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .utf8(false)
                    .which_captures(thompson::WhichCaptures::None)
                    .nfa_size_limit(Some(nfa_size_limit)),
            )
            .build_many_from_hir(&relaxed)
            .ok()?;
        if nfa.has_empty() {
            return None;
        }
        let dfa = DFA::builder()
            .configure(
                DFA::config()
                    .match_kind(MatchKind::All)
                    .cache_capacity(capacity)
                    .skip_cache_capacity_check(capacity == 0),
            )
            .build_from_nfa(nfa)
            .ok()?;
        Some(SetScanner {
            dfa,
            caches: Mutex::new(Vec::new()),
            len: patterns.len(),
        })
    }

    /// Which patterns match somewhere in `hay`, by index; `None` when the DFA cannot answer
    /// (it quit or gave up), so the caller asks a `RegexSet`.
    pub(crate) fn matches(&self, hay: &str) -> Option<Vec<bool>> {
        let mut cache = self
            .caches
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .pop()
            .unwrap_or_else(|| self.dfa.create_cache());
        let found = self.scan(&mut cache, hay.as_bytes());
        self.caches
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(cache);
        found
    }

    fn scan(&self, cache: &mut Cache, hay: &[u8]) -> Option<Vec<bool>> {
        if hay.len() >= SPLIT_AT_LEAST {
            // The second run starts on a character boundary.
            let mut mid = hay.len() / 2;
            while hay.get(mid).is_some_and(|b| b & 0xC0 == 0x80) {
                mid += 1;
            }
            return self.scan_split(cache, hay, mid);
        }
        self.scan_one(cache, hay)
    }

    /// [`scan`](Self::scan) in one run from the start.
    fn scan_one(&self, cache: &mut Cache, hay: &[u8]) -> Option<Vec<bool>> {
        let dfa = &self.dfa;
        let mut found = Found::new(self.len);
        let mut sid = dfa.start_state_forward(cache, &Input::new(hay)).ok()?;
        let mut at = 0;
        while at < hay.len() {
            // Most transitions go from a state the cache knows to one without a tag (not a
            // match, dead, quit or unknown state): those are taken in a tight loop, four at a
            // time, and the loop leaves with `sid` the last untagged state and `at` the byte
            // whose transition needs a closer look.
            if !sid.is_tagged() {
                let next = |sid, byte| next_untagged(dfa, cache, sid, byte);
                while at + 4 <= hay.len() {
                    let a = next(sid, hay[at]);
                    if a.is_tagged() {
                        break;
                    }
                    let b = next(a, hay[at + 1]);
                    if b.is_tagged() {
                        sid = a;
                        at += 1;
                        break;
                    }
                    let c = next(b, hay[at + 2]);
                    if c.is_tagged() {
                        sid = b;
                        at += 2;
                        break;
                    }
                    let d = next(c, hay[at + 3]);
                    if d.is_tagged() {
                        sid = c;
                        at += 3;
                        break;
                    }
                    sid = d;
                    at += 4;
                }
                if at == hay.len() {
                    break;
                }
            }
            sid = found.step(dfa, cache, sid, hay[at])?;
            at += 1;
            // Every pattern matched, or none can: nothing left to learn.
            if found.all() || sid.is_dead() {
                return Some(found.hit);
            }
        }
        // A match that ends at the end of the text shows in the end-of-input transition.
        found.end(dfa, cache, sid)?;
        Some(found.hit)
    }

    /// [`scan`](Self::scan) in two runs taken a byte of each at a time (each transition waits
    /// for the one before it; two independent runs keep the processor busy while they wait):
    /// run A from the start, run B from `mid` (a character boundary), whose start state sees
    /// the byte before `mid` as a search starting there does. Every match B finds is a match
    /// in `hay`. When A reaches `mid` it goes on until it is in the state B was in at the same
    /// place (B's states there are taken again from its start, beside A's: the two meet within
    /// a few bytes, so those few are read twice rather than each state of B kept): the lazy DFA
    /// is deterministic, so from there on A would go through B's states and find B's matches;
    /// A stops. Until then A is the one-run scan, so together they find what it finds. A meets
    /// B within a few bytes (when the partial matches alive at `mid` end); if not within
    /// [`SYNC`] bytes, A runs to the end.
    ///
    /// Both runs share one cache. Its state ids stay valid until the cache is cleared (it
    /// only adds states otherwise; regex-automata's documentation promises less, so the
    /// checked transitions are used and no id is trusted past a clear): after a clear, the
    /// text is scanned again in one run.
    fn scan_split(&self, cache: &mut Cache, hay: &[u8], mid: usize) -> Option<Vec<bool>> {
        let dfa = &self.dfa;
        // Computing B's start state may clear the cache, which voids A's: then one run.
        let clears = cache.clear_count();
        let a = dfa.start_state_forward(cache, &Input::new(hay)).ok()?;
        let b_start = dfa
            .start_state_forward(cache, &Input::new(hay).range(mid..))
            .ok()?;
        if cache.clear_count() != clears {
            return self.scan_one(cache, hay);
        }
        let mut runs = Runs {
            dfa,
            clears,
            found: Found::new(self.len),
            a,
            b: b_start,
        };
        let (head, tail) = hay.split_at(mid);
        let both = head.len().min(tail.len());
        if !runs.pair(cache, head, tail, 0..both)? {
            return self.scan_one(cache, hay);
        }
        if runs.found.all() {
            return Some(runs.found.hit);
        }
        let Runs {
            mut a,
            mut b,
            clears,
            mut found,
            ..
        } = runs;
        // The longer half's rest: B's (then its end), or A's up to `mid`.
        for &y in &tail[both..] {
            b = found.step(dfa, cache, b, y)?;
        }
        found.end(dfa, cache, b)?;
        if cache.clear_count() != clears {
            return self.scan_one(cache, hay);
        }
        for &x in &head[both..] {
            a = found.step(dfa, cache, a, x)?;
        }
        // A in the tail beside B taken again from its start, until A is in B's state. A
        // clear voids both states: each step is followed by a look at the count.
        let mut b = b_start;
        for (j, &y) in tail.iter().enumerate() {
            if cache.clear_count() != clears {
                return self.scan_one(cache, hay);
            }
            if found.all() || (j < SYNC && a == b) {
                return Some(found.hit);
            }
            a = found.step(dfa, cache, a, y)?;
            if j < SYNC && cache.clear_count() == clears {
                b = found.step(dfa, cache, b, y)?;
            }
        }
        if cache.clear_count() != clears {
            return self.scan_one(cache, hay);
        }
        found.end(dfa, cache, a)?;
        Some(found.hit)
    }
}

/// The two runs of [`SetScanner::scan_split`]: A in the head, B in the tail.
struct Runs<'d> {
    dfa: &'d DFA,
    /// The cache's clears when the runs started.
    clears: usize,
    found: Found,
    a: LazyStateID,
    b: LazyStateID,
}

impl Runs<'_> {
    /// Takes A over `head[range]` and B over `tail[range]`, a byte of each at a time.
    /// `Some(false)` when the cache was cleared (the runs' states are void), `None` when the
    /// DFA quits.
    fn pair(
        &mut self,
        cache: &mut Cache,
        head: &[u8],
        tail: &[u8],
        range: std::ops::Range<usize>,
    ) -> Option<bool> {
        let dfa = self.dfa;
        let (mut j, to) = (range.start, range.end);
        while j < to {
            // Both runs in untagged states: the tight loop, until one needs a closer look.
            if !self.a.is_tagged() && !self.b.is_tagged() {
                j += self.untagged(cache, &head[j..to], &tail[j..to]);
                if j == to {
                    break;
                }
            }
            // A transition the tight loop could not take: checked, its matches noted.
            self.a = self.found.step(dfa, cache, self.a, head[j])?;
            if cache.clear_count() != self.clears {
                return Some(false);
            }
            self.b = self.found.step(dfa, cache, self.b, tail[j])?;
            if cache.clear_count() != self.clears {
                return Some(false);
            }
            if self.found.all() {
                return Some(true);
            }
            j += 1;
        }
        Some(true)
    }

    /// The tight loop of [`Runs::pair`]: A over `head` and B over `tail` (as long), both from
    /// untagged states, while both go to untagged states; how many bytes of each were taken.
    fn untagged(&mut self, cache: &Cache, head: &[u8], tail: &[u8]) -> usize {
        // `next_untagged`'s invariant: both states come from `cache` since its last clear.
        debug_assert_eq!(cache.clear_count(), self.clears);
        let dfa = self.dfa;
        let next = |sid, byte| next_untagged(dfa, cache, sid, byte);
        let (mut a, mut b) = (self.a, self.b);
        // Two bytes of each run per round.
        let (heads, _) = head.as_chunks::<2>();
        let (tails, _) = tail.as_chunks::<2>();
        let mut taken = 0;
        for (&[x0, x1], &[y0, y1]) in heads.iter().zip(tails) {
            let na = next(a, x0);
            let nb = next(b, y0);
            if na.is_tagged() | nb.is_tagged() {
                (self.a, self.b) = (a, b);
                return taken;
            }
            let na2 = next(na, x1);
            let nb2 = next(nb, y1);
            if na2.is_tagged() | nb2.is_tagged() {
                (self.a, self.b) = (na, nb);
                return taken + 1;
            }
            (a, b) = (na2, nb2);
            taken += 2;
        }
        // An odd last byte of each.
        if let (Some(&x), Some(&y)) = (head.get(taken), tail.get(taken)) {
            let na = next(a, x);
            let nb = next(b, y);
            if !(na.is_tagged() | nb.is_tagged()) {
                (a, b) = (na, nb);
                taken += 1;
            }
        }
        (self.a, self.b) = (a, b);
        taken
    }
}

/// The transition from untagged state `sid` on `byte`, as `dfa.next_state_untagged` gives it
/// but without its bounds check: two of the five or so instructions a byte costs in the tight
/// loops, which read every byte of every document (the checked lookup counts 68 M more on the
/// bench corpus, 1.4% of review).
///
/// The caller's invariant: `cache` is one of `dfa`'s, and `sid` is an untagged id that
/// `cache` gave (by `start_state_forward`, `next_state` or this function) with no clear of
/// `cache` since (its `clear_count` unchanged; no cache here is ever `reset`, which zeroes
/// the count).
#[inline(always)]
fn next_untagged(dfa: &DFA, cache: &Cache, sid: LazyStateID, byte: u8) -> LazyStateID {
    debug_assert!(!sid.is_tagged());
    if cfg!(debug_assertions) {
        // The checked lookup: in a debug build an id outside the table panics.
        return dfa.next_state_untagged(cache, sid, byte);
    }
    // SAFETY: regex-automata (0.4.18 in Cargo.lock) keeps a cache's transitions in one table
    // that only grows, a whole row of `stride` entries per new state, until the cache is
    // cleared (`clear_cache`, which counts the clear); an untagged id is the index of its
    // state's row and the byte's class is below `stride`. So under the invariant above
    // `sid + class` is inside the table, which is all the unchecked lookup needs. The
    // crate's documentation promises more narrowly (only the id its latest call returned is
    // valid): `scan_one` keeps to that, but the two runs of `scan_split` interleave, so they
    // rely on the table only growing; `Runs::pair` returns as soon as a checked transition
    // of either run clears the cache, before its tight loop reads a state again. Check this
    // when regex-automata is updated.
    unsafe { dfa.next_state_untagged_unchecked(cache, sid, byte) }
}

/// The lazy DFA's cache per scanning thread. Real documents lead the DFA through many more
/// states than the generated bench corpus (its vocabulary is small): with regex-automata's
/// default (2 MB) the cache filled and was cleared again and again, and rebuilding states
/// took most of review's time on real text (the pool of agent reports ran at 2.3 MB/s).
/// At 8 MB it is cleared rarely (once over the 450 held-out documents; 4.9 MB/s on the pool,
/// 16 MB/s on the RFCs and KEPs; see the README's Performance section); 32 MB is no faster.
/// The cache grows to it only when the text needs the states.
const CACHE_CAPACITY: usize = 8 << 20;

/// How long a text must be to be scanned in two runs ([`SetScanner::scan_split`]).
const SPLIT_AT_LEAST: usize = 2048;

/// How far past the middle the first run looks for the second's state.
const SYNC: usize = 1024;

/// The patterns a scan has seen match.
struct Found {
    hit: Vec<bool>,
    seen: usize,
    /// The match state noted last, with the cache's clears then: a pattern matching again
    /// mostly leads to the same state, whose patterns are noted already.
    last: Option<(LazyStateID, usize)>,
}

impl Found {
    fn new(len: usize) -> Self {
        Found {
            hit: vec![false; len],
            seen: 0,
            last: None,
        }
    }

    fn all(&self) -> bool {
        self.seen == self.hit.len()
    }

    /// Notes the patterns of match state `sid`; whether every pattern has now matched.
    fn note(&mut self, dfa: &DFA, cache: &Cache, sid: LazyStateID) -> bool {
        // Until the cache is cleared, a state id stands for one state and its patterns.
        let state = (sid, cache.clear_count());
        if self.last == Some(state) {
            return self.all();
        }
        self.last = Some(state);
        for i in 0..dfa.match_len(cache, sid) {
            let p = dfa.match_pattern(cache, sid, i).as_usize();
            if !self.hit[p] {
                self.hit[p] = true;
                self.seen += 1;
            }
        }
        self.all()
    }

    /// The transition from `sid` on `b`, its matches noted; `None` when the DFA quits.
    fn step(
        &mut self,
        dfa: &DFA,
        cache: &mut Cache,
        sid: LazyStateID,
        b: u8,
    ) -> Option<LazyStateID> {
        let next = dfa.next_state(cache, sid, b).ok()?;
        if next.is_match() {
            self.note(dfa, cache, next);
        } else if next.is_quit() {
            return None;
        }
        Some(next)
    }

    /// The end-of-input transition from `sid`, its matches noted; `None` when the DFA quits.
    fn end(&mut self, dfa: &DFA, cache: &mut Cache, sid: LazyStateID) -> Option<()> {
        let sid = dfa.next_eoi_state(cache, sid).ok()?;
        if sid.is_match() {
            self.note(dfa, cache, sid);
        } else if sid.is_quit() {
            return None;
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The patterns kind detection scans together: every kind's, then the verdict, the
    /// praise-or-hedges and the claim patterns.
    fn kind_patterns() -> Vec<String> {
        let mut out: Vec<String> = super::super::lexicon::builtin()
            .kinds
            .iter()
            .flat_map(|k| &k.patterns)
            .map(|p| p.as_str().to_string())
            .collect();
        out.push(super::super::claims::verdict_pattern());
        out.push(super::super::rules::filler::praise_or_hedges_pattern());
        out.push(super::super::rules::evidence::claim_scan_pattern());
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// The scanner finds every pattern a `RegexSet` of the kind patterns finds (and may
        /// find more: it scans them relaxed), on text made of their words, markdown, non-ASCII
        /// letters that case-fold to ASCII (ſ, K) and anything else.
        #[test]
        fn the_scanner_agrees_with_a_regex_set(
            parts in proptest::collection::vec(prop_oneof![
                Just("src/a.rs:10 ".to_string()),
                Just("LGTM, request changes; nit: ".to_string()),
                Just("12 tests passed ✅ ❌ PASS FAIL ".to_string()),
                Just("\n```bash\nmake\n```\n".to_string()),
                Just("\n1. step 2 then\n".to_string()),
                Just("| a | b |\r\n|---|---|\n".to_string()),
                Just("40% $12 € 3 £4 3.14 [1] ".to_string()),
                Just("- see https://x.example\n".to_string()),
                Just("> I think we found it; however ".to_string()),
                Just("ſtatus Kase café ſources ".to_string()),
                Just("root cause, the fix, regression ".to_string()),
                Just("All tests passed; ready to merge. Grade: A+ ⭐⭐⭐⭐ ".to_string()),
                Just("an excellent, robust 9.5/10 design; it may need some care ".to_string()),
                "[a-zA-Z ]{0,12}",
                "\\PC{0,30}",
                "[\n\r\t |>#*`-]{0,4}",
            ], 0..30),
            cut in 0usize..400,
        ) {
            let patterns = kind_patterns();
            let text = parts.concat();
            let scanner = SetScanner::new(&patterns, 1 << 24).expect("kind patterns build");
            let set = regex::RegexSetBuilder::new(&patterns).size_limit(1 << 24).build().unwrap();
            let want = set.matches(&text);
            let got = scanner.matches(&text).expect("the scanner answers");
            for (i, g) in got.iter().enumerate() {
                prop_assert!(*g || !want.matched(i), "pattern {} on {:?}", &patterns[i], text);
            }
            // Two runs, the second from any character boundary, find the same.
            let mut mid = cut.min(text.len());
            while !text.is_char_boundary(mid) {
                mid -= 1;
            }
            let mut cache = scanner.dfa.create_cache();
            let split = scanner.scan_split(&mut cache, text.as_bytes(), mid).expect("the scanner answers");
            prop_assert_eq!(split, got, "split at {} of {:?}", mid, text);
        }

        /// With the least cache the DFA can run with, cleared again and again while a text is
        /// scanned (a state id is void after a clear; most of these texts clear it during the
        /// split scan), both scans still find what they find with room to spare.
        #[test]
        fn a_cache_cleared_mid_scan_changes_nothing(
            parts in proptest::collection::vec(prop_oneof![
                Just("root cause, the fix, regression; src/a.rs:10 ".to_string()),
                Just("All tests passed; ready to merge. Grade: A+ ".to_string()),
                Just("an excellent, robust 9.5/10 design; it may need some care ".to_string()),
                Just("\n```bash\nmake\n```\n| a | b |\n".to_string()),
                "[a-zA-Z ]{0,12}",
                "\\PC{0,30}",
            ], 0..60),
            cut in 0usize..4000,
        ) {
            let patterns = kind_patterns();
            let text = parts.concat();
            let roomy = SetScanner::new(&patterns, 1 << 24).expect("kind patterns build");
            let tight = SetScanner::with_cache(&patterns, 1 << 24, 0).expect("kind patterns build");
            let want = roomy.matches(&text).expect("the scanner answers");
            prop_assert_eq!(tight.matches(&text).expect("the scanner answers"), want.clone());
            let mut mid = cut.min(text.len());
            while !text.is_char_boundary(mid) {
                mid -= 1;
            }
            let mut cache = tight.dfa.create_cache();
            let split = tight.scan_split(&mut cache, text.as_bytes(), mid).expect("the scanner answers");
            prop_assert_eq!(split, want, "split at {} of {:?}", mid, text);
        }
    }

    /// The least cache is cleared while one text is scanned (what the test above relies on).
    #[test]
    fn the_least_cache_is_cleared_mid_scan() {
        let tight =
            SetScanner::with_cache(&kind_patterns(), 1 << 24, 0).expect("kind patterns build");
        let words: Vec<&str> = "root cause|the fix|regression|src/a.rs:10|All tests passed|ready|\
            to merge|Grade: A+|excellent|robust|9.5/10|design|may need|LGTM|request changes|nit:|\
            PASS|FAIL|40%|$12|[1]|however|I think|https://x.example|\n```bash\nmake\n```\n|\
            \n- item\n|\n1. "
            .split('|')
            .collect();
        let mut seed = 7u32;
        let text: String = (0..4000)
            .map(|_| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                format!("{} ", words[(seed >> 16) as usize % words.len()])
            })
            .collect();
        let mut cache = tight.dfa.create_cache();
        tight
            .scan_one(&mut cache, text.as_bytes())
            .expect("the scanner answers");
        assert!(cache.clear_count() > 0);
    }
}
