//! Which of several regexes match somewhere in a text, in one pass of a lazy DFA built for all
//! of them (`MatchKind::All`): what `regex::RegexSet::matches` answers, with a tighter loop
//! (a `RegexSet` reports every overlapping match back to its caller; this only notes which
//! patterns a match state holds). Used by [`super::matching::PatternSet`], which falls back to
//! a `RegexSet` when the scanner cannot be built or stops.

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
    /// The scanner of `patterns` (compiled with `RegexSetBuilder`'s defaults and NFA size
    /// limit); `None` when they do not build, or when one can match the empty string (a
    /// `RegexSet` treats empty matches inside a character specially; this loop does not).
    pub(crate) fn new(patterns: &[String], nfa_size_limit: usize) -> Option<SetScanner> {
        let dfa = DFA::builder()
            .configure(DFA::config().match_kind(MatchKind::All))
            .thompson(thompson::Config::new().nfa_size_limit(Some(nfa_size_limit)))
            .build_many(patterns)
            .ok()?;
        if dfa.get_nfa().has_empty() {
            return None;
        }
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
        let dfa = &self.dfa;
        let mut hit = vec![false; self.len];
        let mut seen = 0;
        let mut note = |cache: &Cache, sid: LazyStateID, hit: &mut [bool]| {
            for i in 0..dfa.match_len(cache, sid) {
                let p = dfa.match_pattern(cache, sid, i).as_usize();
                if !hit[p] {
                    hit[p] = true;
                    seen += 1;
                }
            }
            seen == hit.len()
        };
        let mut sid = dfa.start_state_forward(cache, &Input::new(hay)).ok()?;
        let mut at = 0;
        while at < hay.len() {
            // Most transitions go from a state the cache knows to one without a tag (not a
            // match, dead, quit or unknown state): those are taken in a tight loop, four at a
            // time, and the loop leaves with `sid` the last untagged state and `at` the byte
            // whose transition needs a closer look.
            if !sid.is_tagged() {
                while at + 4 <= hay.len() {
                    let a = dfa.next_state_untagged(cache, sid, hay[at]);
                    if a.is_tagged() {
                        break;
                    }
                    let b = dfa.next_state_untagged(cache, a, hay[at + 1]);
                    if b.is_tagged() {
                        sid = a;
                        at += 1;
                        break;
                    }
                    let c = dfa.next_state_untagged(cache, b, hay[at + 2]);
                    if c.is_tagged() {
                        sid = b;
                        at += 2;
                        break;
                    }
                    let d = dfa.next_state_untagged(cache, c, hay[at + 3]);
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
            let b = hay[at];
            at += 1;
            sid = if sid.is_tagged() {
                dfa.next_state(cache, sid, b).ok()?
            } else {
                let next = dfa.next_state_untagged(cache, sid, b);
                if next.is_unknown() {
                    dfa.next_state(cache, sid, b).ok()?
                } else {
                    next
                }
            };
            if sid.is_tagged() {
                if sid.is_match() {
                    // Every pattern matched: nothing left to learn.
                    if note(cache, sid, &mut hit) {
                        return Some(hit);
                    }
                } else if sid.is_dead() {
                    return Some(hit);
                } else if sid.is_quit() {
                    return None;
                }
            }
        }
        // A match that ends at the end of the text shows in the end-of-input transition.
        sid = dfa.next_eoi_state(cache, sid).ok()?;
        if sid.is_match() {
            note(cache, sid, &mut hit);
        } else if sid.is_quit() {
            return None;
        }
        Some(hit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn kind_patterns() -> Vec<String> {
        super::super::lexicon::builtin()
            .kinds
            .iter()
            .flat_map(|k| &k.patterns)
            .map(|p| p.as_str().to_string())
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// The scanner says what a `RegexSet` of the kind patterns says, on text made of their
        /// words, markdown, non-ASCII letters that case-fold to ASCII (ſ, K) and anything else.
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
                "[a-zA-Z ]{0,12}",
                "\\PC{0,30}",
                "[\n\r\t |>#*`-]{0,4}",
            ], 0..30),
        ) {
            let patterns = kind_patterns();
            let text = parts.concat();
            let scanner = SetScanner::new(&patterns, 1 << 24).expect("kind patterns build");
            let set = regex::RegexSetBuilder::new(&patterns).size_limit(1 << 24).build().unwrap();
            let want = set.matches(&text);
            let got = scanner.matches(&text).expect("the scanner answers");
            for (i, g) in got.iter().enumerate() {
                prop_assert_eq!(*g, want.matched(i), "pattern {} on {:?}", &patterns[i], text);
            }
        }
    }
}
