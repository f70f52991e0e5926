//! The matching engine review reads documents with: regexes scanned together
//! ([`PatternSet`]: one pass says which can match at all) and citation definition lines read
//! without a backtracking engine. Each gives exactly what running the plain regexes gives; only
//! the work differs.

use std::sync::OnceLock;

use regex::Regex;

use crate::document::{Document, text};

/// What one scan of a document's body says of patterns other checks would scan the body for
/// otherwise: whether each may match there (false: it does not; true: it may, see
/// [`PatternSet::hits`]). Kind detection scans the body with every kind's patterns; these ride
/// along in the same pass, and the answers are kept on the document. A check whose document
/// was not scanned (a rubric named, no detection) scans for itself.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct BodyScan {
    /// The verdict pattern of `claims::no_verdict` (which searches the body when it may).
    pub verdict: bool,
    /// The filler rule's praise-or-hedges pattern.
    pub praise_or_hedges: bool,
    /// A claim or a referral of the evidence rule (a block or table searched alone may hold
    /// one the body does not where an edge of it meets a word character: the rule searches
    /// those whatever this says).
    pub claim: bool,
}

impl BodyScan {
    /// The answers kept for `doc`, if its body was scanned (asked before, it never will be).
    pub(crate) fn of(doc: &Document) -> Option<BodyScan> {
        doc.memo(0, || None)
    }

    /// Keeps the answers for `doc`.
    pub(crate) fn keep(self, doc: &Document) {
        doc.memo(0, || Some(self));
    }
}

/// Compiles a lexicon pattern. `\b` is taken as an ASCII word boundary: a Unicode one stops
/// the fast engines on any non-ASCII text, and every lexicon word is ASCII.
pub(crate) fn regex(p: &str) -> Result<Regex, String> {
    // Rubrics of one run share most patterns (their roles come from this lexicon): each
    // pattern is compiled once per process and the compiled regex shared.
    static COMPILED: OnceLock<std::sync::Mutex<std::collections::HashMap<String, Regex>>> =
        OnceLock::new();
    let cache = COMPILED.get_or_init(Default::default);
    if let Some(re) = cache
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .get(p)
    {
        return Ok(re.clone());
    }
    let source = p;
    let p = ascii_boundaries(p);
    let re = regex::RegexBuilder::new(&p)
        .size_limit(1 << 22)
        .build()
        .map_err(|e| format!("invalid regex `{p}`: {e}"))?;
    cache
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .insert(source.to_string(), re.clone());
    Ok(re)
}

/// A built-in lexicon pattern compiled on first use (milliseconds for a large one): most
/// documents need few of them. Built-in patterns are tested to compile; a rubric's own
/// patterns are compiled when the rubric loads, so a bad one is an error, not a panic.
#[derive(Debug, Clone)]
pub struct LazyRegex {
    /// The pattern as [`regex`] compiles it (`\b` made ASCII).
    pattern: String,
    source: String,
    re: OnceLock<Regex>,
    /// A case-insensitive pattern made case-sensitive for lowercased text ([`fold_pattern`]).
    folded: Option<String>,
    folded_re: OnceLock<Regex>,
}

impl LazyRegex {
    pub fn new(p: &str) -> Self {
        LazyRegex {
            pattern: ascii_boundaries(p),
            source: p.to_string(),
            re: OnceLock::new(),
            folded: fold_pattern(p),
            folded_re: OnceLock::new(),
        }
    }

    /// The matches in `text`, as [`LazyRegex::get`] finds them. `lower` is `text` lowercased
    /// ([`crate::document::Document::folded_text`]): a case-insensitive pattern finds the same
    /// matches there with a case-sensitive regex, whose literals the engine can look for
    /// directly (several times faster than a case-insensitive scan).
    pub fn find_iter<'r, 't>(
        &'r self,
        text: &'t str,
        lower: Option<&'t str>,
    ) -> regex::Matches<'r, 't> {
        match (&self.folded, lower) {
            (Some(folded), Some(lower)) if lower.len() == text.len() => self
                .folded_re
                .get_or_init(|| regex(folded).unwrap_or_else(|e| panic!("{e}")))
                .find_iter(lower),
            _ => self.get().find_iter(text),
        }
    }

    /// Whether the pattern matches in `text`, searched as [`LazyRegex::find_iter`] does.
    pub fn is_match(&self, text: &str, lower: Option<&str>) -> bool {
        match (&self.folded, lower) {
            (Some(folded), Some(lower)) if lower.len() == text.len() => self
                .folded_re
                .get_or_init(|| regex(folded).unwrap_or_else(|e| panic!("{e}")))
                .is_match(lower),
            _ => self.get().is_match(text),
        }
    }

    /// The first match in `text`, as [`LazyRegex::get`] finds it: [`LazyRegex::find_iter`]'s
    /// first.
    pub fn find<'t>(&self, text: &'t str, lower: Option<&'t str>) -> Option<regex::Match<'t>> {
        self.find_iter(text, lower).next()
    }

    /// The pattern as written (what [`regex`] is given).
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The compiled regex.
    pub fn get(&self) -> &Regex {
        self.re
            .get_or_init(|| regex(&self.source).unwrap_or_else(|e| panic!("{e}")))
    }

    /// The pattern as compiled (what `get().as_str()` returns).
    pub fn as_str(&self) -> &str {
        &self.pattern
    }
}

/// A pattern that finds in ASCII-lowercased text what `(?i)`-prefixed `p` finds in the text,
/// but matching case: `p` without its `(?i)`, its letters lowercased. Only for patterns where
/// that is exact: ASCII (Chinese and Japanese characters, which have no case, aside), no
/// other flag group, no escape naming a character or class by code or name (`\x`, `\p`), and
/// inside brackets no range but `a-z`-like ones of one case or of digits; the text must hold no character outside ASCII that case-folds to an ASCII letter
/// (KELVIN SIGN, LONG S: see `Document::folded_text`). Letters then match a lowercased
/// character exactly when they matched it in either case, and every class (`\w`, `\s`,
/// `.`, negated brackets) holds both cases of a letter or neither.
pub(crate) fn fold_pattern(p: &str) -> Option<String> {
    let rest = p.strip_prefix("(?i)")?;
    // Chinese and Japanese characters have no case: they match as written.
    if !rest.chars().all(|c| c.is_ascii() || text::unspaced(c)) {
        return None;
    }
    let b = rest.as_bytes();
    let mut out = String::with_capacity(rest.len());
    let (mut i, mut class) = (0, false);
    while i < b.len() {
        let c = b[i];
        if !c.is_ascii() {
            // Outside brackets only: a range's ends are read as bytes below.
            let ch = rest[i..].chars().next()?;
            if class {
                return None;
            }
            out.push(ch);
            i += ch.len_utf8();
            continue;
        }
        match c {
            b'\\' => {
                let e = *b.get(i + 1)?;
                // An escaped character outside ASCII (`\审`): not read here.
                if !e.is_ascii() {
                    return None;
                }
                if matches!(
                    e,
                    b'x' | b'u' | b'U' | b'p' | b'P' | b'N' | b'0'..=b'9' | b'k'
                ) {
                    return None;
                }
                out.push(c as char);
                out.push(e as char);
                i += 2;
                continue;
            }
            // A group other than `(?:` (a flag, a name).
            b'(' if !class && b.get(i + 1) == Some(&b'?') && b.get(i + 2) != Some(&b':') => {
                return None;
            }
            b'[' if !class => {
                class = true;
                // Nested classes, `[[:alpha:]]`-style names and a leading literal `]`: not
                // read here.
                let inner = rest[i + 1..].trim_start_matches('^');
                if inner.starts_with(['[', ']']) {
                    return None;
                }
            }
            b'[' => return None,
            b']' if class => class = false,
            b'-' if class => {
                // A range `x-y`, unless the `-` opens or closes the brackets (a literal).
                let first = out.ends_with('[') || out.ends_with("[^");
                if let Some(&hi) = b.get(i + 1)
                    && !first
                    && hi != b']'
                {
                    let lo = b[i - 1];
                    let escaped = i >= 2 && b[i - 2] == b'\\';
                    let same = |f: fn(&u8) -> bool| f(&lo) && f(&hi);
                    if escaped
                        || !(same(u8::is_ascii_lowercase)
                            || same(u8::is_ascii_uppercase)
                            || same(u8::is_ascii_digit))
                    {
                        return None;
                    }
                }
            }
            _ => {}
        }
        out.push(c.to_ascii_lowercase() as char);
        i += 1;
    }
    (!class).then_some(out)
}

/// `p` with `\b` made an ASCII word boundary, as [`regex`] compiles it.
pub(crate) fn ascii_boundaries(p: &str) -> String {
    p.replace(r"\b", r"(?-u:\b)")
}

/// Regexes a document is scanned for together: one pass says which of them may match
/// anywhere in a text, and only those need to run on their own. Each regex still finds
/// exactly what it finds alone; the set only skips those with nothing to find.
/// The set is built on first use.
#[derive(Debug)]
pub struct PatternSet {
    patterns: Vec<String>,
    set: OnceLock<Option<regex::RegexSet>>,
    /// The same question answered by one lazy DFA in a tighter loop (`set` when it cannot).
    scanner: OnceLock<Option<super::setscan::SetScanner>>,
}

/// NFA size limit of a [`PatternSet`]'s set.
const SET_SIZE_LIMIT: usize = 1 << 24;

/// Which regexes of a [`PatternSet`] may match somewhere in a text.
#[derive(Debug)]
pub struct SetHits(Option<Vec<bool>>);

impl SetHits {
    /// Whether regex `i` may match: false when it does not match; true when it does, and
    /// also where its relaxed form ([`super::relax`]) matches in text beyond ASCII or where
    /// only the part of it after a run such as `.*` matches, and when the set could not be
    /// built.
    pub fn may_match(&self, i: usize) -> bool {
        self.0.as_ref().is_none_or(|m| m[i])
    }
}

impl PatternSet {
    /// A set of `regexes` (compiled with the same syntax, so the same matches).
    pub fn new<'r>(regexes: impl IntoIterator<Item = &'r Regex>) -> Self {
        PatternSet {
            patterns: regexes
                .into_iter()
                .map(|r| r.as_str().to_string())
                .collect(),
            set: OnceLock::new(),
            scanner: OnceLock::new(),
        }
    }

    /// A set of patterns (as compiled: [`LazyRegex::as_str`]).
    pub fn of(patterns: Vec<String>) -> Self {
        PatternSet {
            patterns,
            set: OnceLock::new(),
            scanner: OnceLock::new(),
        }
    }

    /// Which regexes may match somewhere in `hay` (one scan; see [`SetHits::may_match`]).
    pub fn hits(&self, hay: &str) -> SetHits {
        let scanner = self
            .scanner
            .get_or_init(|| super::setscan::SetScanner::new(&self.patterns, SET_SIZE_LIMIT));
        if let Some(found) = scanner.as_ref().and_then(|s| s.matches(hay)) {
            return SetHits(Some(found));
        }
        SetHits(self.set_matches(hay))
    }

    /// [`hits`](Self::hits) by a `RegexSet`.
    fn set_matches(&self, hay: &str) -> Option<Vec<bool>> {
        let set = self.set.get_or_init(|| {
            regex::RegexSetBuilder::new(&self.patterns)
                .size_limit(SET_SIZE_LIMIT)
                .build()
                .ok()
        });
        let m = set.as_ref()?.matches(hay);
        Some((0..m.len()).map(|i| m.matched(i)).collect())
    }
}

/// The parts of a citation definition line: the groups of the definition pattern.
#[derive(Debug, PartialEq)]
pub(crate) struct Definition<'t> {
    /// `1` or `^note` in `[1]`, `[^note]:`.
    pub label: Option<&'t str>,
    /// A `:` after the bracket.
    pub colon: bool,
    /// `12` in `12. Title`.
    pub number: Option<&'t str>,
    /// The text after the marker and its spaces.
    pub rest: &'t str,
}

/// The definition on `line` (no newline in it), as the definition pattern `def` captures it.
/// ASCII markers are read directly: the pattern is anchored at the line start and each of
/// its parts can end in one place only (see the tests), so no backtracking engine is needed;
/// anything else goes to the pattern.
pub(crate) fn definition(line: &str) -> Option<Definition<'_>> {
    match definition_ascii(line) {
        Ok(d) => d,
        Err(()) => definition_by_pattern(line),
    }
}

/// [`definition`] by the pattern's captures.
fn definition_by_pattern(line: &str) -> Option<Definition<'_>> {
    let c = definition_pattern().captures(line)?;
    // The label's bound `{1,20}` is checked here: the label is the whole run before `]`, so
    // a longer one fails the bounded pattern (no other part can match there).
    if c.get(1)
        .is_some_and(|m| m.as_str().trim_start_matches('^').chars().count() > 20)
    {
        return None;
    }
    Some(Definition {
        label: c.get(1).map(|m| m.as_str()),
        colon: c.get(2).is_some_and(|m| !m.as_str().is_empty()),
        number: c.get(3).map(|m| m.as_str()),
        rest: c.get(4).map_or("", |m| m.as_str()),
    })
}

/// A citation definition line: `[n]: url`, `[^n]: text`, `[n] Title URL`, `12. Title`, each
/// possibly as a list item. The label is at most 20 characters (`{1,20}`), checked by
/// [`definition_by_pattern`]: the bound in the pattern would cost milliseconds to build.
fn definition_pattern() -> &'static Regex {
    static DEF: OnceLock<Regex> = OnceLock::new();
    DEF.get_or_init(|| {
        Regex::new(r"(?m)^[ \t]{0,3}(?:[-*+][ \t]+)?(?:\\?\[(\^?[\w.-]+)\\?\](:?)|(\d{1,3})\.[ \t])[ \t]*(.*)$")
            .expect("static regex")
    })
}

/// [`definition`] read by hand: `Ok(None)` when the line is no definition, `Err` when a
/// non-ASCII character is where the pattern's Unicode classes (`\w`, `\d`) would decide.
#[allow(clippy::result_unit_err)]
fn definition_ascii(line: &str) -> Result<Option<Definition<'_>>, ()> {
    let b = line.as_bytes();
    let blank = |c: u8| c == b' ' || c == b'\t';
    let run = |from: usize, f: &dyn Fn(u8) -> bool| b[from..].iter().take_while(|&&c| f(c)).count();
    // `[ \t]{0,3}`: the spaces are followed by a marker character, never by more space.
    let mut i = run(0, &blank);
    if i > 3 {
        return Ok(None);
    }
    // `(?:[-*+][ \t]+)?`
    if matches!(b.get(i), Some(b'-' | b'*' | b'+')) {
        let n = run(i + 1, &blank);
        if n == 0 {
            return Ok(None);
        }
        i += 1 + n;
    }
    let rest_from = |from: usize| &line[from + run(from, &blank)..];
    match b.get(i) {
        // `\\?\[(\^?[\w.-]{1,20})\\?\](:?)`
        Some(b'\\' | b'[') => {
            if b[i] == b'\\' {
                i += 1;
                if b.get(i) != Some(&b'[') {
                    return Ok(None);
                }
            }
            i += 1;
            let label_at = i;
            if b.get(i) == Some(&b'^') {
                i += 1;
            }
            let n = run(i, &|c: u8| {
                c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-')
            });
            if b.get(i + n).is_some_and(|c| !c.is_ascii()) {
                return Err(());
            }
            if n == 0 || n > 20 {
                return Ok(None);
            }
            i += n;
            let label = &line[label_at..i];
            if b.get(i) == Some(&b'\\') {
                i += 1;
            }
            if b.get(i) != Some(&b']') {
                return Ok(None);
            }
            i += 1;
            let colon = b.get(i) == Some(&b':');
            i += usize::from(colon);
            Ok(Some(Definition {
                label: Some(label),
                colon,
                number: None,
                rest: rest_from(i),
            }))
        }
        // `(\d{1,3})\.[ \t]`
        Some(c) if c.is_ascii_digit() => {
            let n = run(i, &|c: u8| c.is_ascii_digit());
            if b.get(i + n).is_some_and(|c| !c.is_ascii()) {
                return Err(());
            }
            if n > 3 || b.get(i + n) != Some(&b'.') || !b.get(i + n + 1).is_some_and(|&c| blank(c))
            {
                return Ok(None);
            }
            let number = &line[i..i + n];
            Ok(Some(Definition {
                label: None,
                colon: false,
                number: Some(number),
                rest: rest_from(i + n + 2),
            }))
        }
        Some(c) if !c.is_ascii() => Err(()),
        _ => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The captures of the definition pattern with its label bound, `{1,20}`.
    fn by_pattern(line: &str) -> Option<Definition<'_>> {
        static DEF: OnceLock<Regex> = OnceLock::new();
        let c = DEF.get_or_init(|| {
            Regex::new(r"(?m)^[ \t]{0,3}(?:[-*+][ \t]+)?(?:\\?\[(\^?[\w.-]{1,20})\\?\](:?)|(\d{1,3})\.[ \t])[ \t]*(.*)$")
                .unwrap()
        }).captures(line)?;
        Some(Definition {
            label: c.get(1).map(|m| m.as_str()),
            colon: c.get(2).is_some_and(|m| !m.as_str().is_empty()),
            number: c.get(3).map(|m| m.as_str()),
            rest: c.get(4).map_or("", |m| m.as_str()),
        })
    }

    /// Only KELVIN SIGN and LONG S outside ASCII match an ASCII letter case-insensitively:
    /// the two characters `Document::folded_text` refuses to lowercase around.
    #[test]
    fn only_two_characters_outside_ascii_fold_to_ascii_letters() {
        let re = regex(r"(?i)^[a-z]$").unwrap();
        let folding: Vec<char> = (0x80..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|c| re.is_match(c.encode_utf8(&mut [0; 4])))
            .collect();
        assert_eq!(folding, vec!['\u{17F}', '\u{212A}']);
    }

    /// The lexicon's patterns as written: roles' (their content and section patterns), kinds'
    /// titles and kinds' content patterns.
    fn lexicon_patterns() -> Vec<String> {
        let lex = crate::rubric::lexicon::builtin();
        let roles = lex
            .roles
            .values()
            .flat_map(|spec| spec.patterns.iter().chain(&spec.section).cloned());
        let kinds = lex.kinds.iter().flat_map(|k| {
            std::iter::once(k.title.source().to_string())
                .chain(k.patterns.iter().map(|p| p.source().to_string()))
        });
        roles.chain(kinds).collect()
    }

    /// Every case-insensitive built-in pattern (roles', kinds' titles and content patterns) is
    /// folded (else it scans case-insensitively).
    #[test]
    fn lexicon_role_patterns_fold() {
        for p in lexicon_patterns().iter().filter(|p| p.starts_with("(?i)")) {
            assert!(fold_pattern(p).is_some(), "{p}");
        }
        for p in [
            "(?i)[A-z]",
            "(?i)[0-Z]",
            "(?i)(?-i:a)",
            "(?i)\\x41",
            "(?i)é",
            "(?i)[]a]",
            "a",
        ] {
            assert_eq!(fold_pattern(p), None, "{p}");
        }
    }

    fn spans(re: &Regex, text: &str) -> Vec<(usize, usize)> {
        re.find_iter(text).map(|m| (m.start(), m.end())).collect()
    }

    proptest::proptest! {
        /// A folded pattern finds in the lowercased text what the case-insensitive one finds
        /// in the text.
        #[test]
        fn folded_patterns_find_what_case_insensitive_ones_find(
            atoms in proptest::collection::vec(r"[aBz]|[A-C]|[a-c]|\[[a-cX-Z]\]|\[0-9\]|\[\^a-fQ\]|\[0-z\]|\\w|\\S|\\b|\.|\(\?:ab\|CD\)|\(\?:k\|s\)|[?+*]| |审查|测|试", 1..8),
            text in r"(?:[aAbBcCdDkKsSzZqQ09 _.\-\[\]]|ab|CD|é|İ|ı|审查|测试|试|\x{212A}|\x{17F})*",
        ) {
            let p = format!("(?i){}", atoms.concat());
            let Ok(re) = regex(&p) else { return Ok(()) };
            let Some(folded) = fold_pattern(&p) else { return Ok(()) };
            let folded = regex(&folded).unwrap();
            let doc = crate::document::Document::parse(&text);
            match doc.folded_text() {
                Some(lower) => {
                    proptest::prop_assert_eq!(lower, text.to_ascii_lowercase());
                    proptest::prop_assert_eq!(spans(&folded, lower), spans(&re, &text), "{}", p);
                }
                None => {
                    let refused = text.contains(['\u{212A}', '\u{17F}']);
                    proptest::prop_assert!(refused);
                }
            }
        }

        /// The same for the lexicon's patterns (roles', kinds' titles and content patterns),
        /// on text made of their words.
        #[test]
        fn folded_role_patterns_agree(
            text in r"(?:[a-zA-Z0-9 .:%/\-\n]|\]\(|`|#1|\(20|HTTPS://|DOI|LGTM|Survey Respondents|we ran|Limitation|NOT YET|Changes Requested|Line 3|Root Cause|The Fix|Verified|Instead Of|Next Steps|Code Review|How-To|Post-Mortem|CVE-12|Analyzing|Stack Trace|Year-Over-Year|P-Value|N = 3|PR #4|You'll Learn|İ|ı|é)*",
        ) {
            let doc = crate::document::Document::parse(&text);
            let lower = doc.folded_text();
            for p in lexicon_patterns() {
                let lazy = LazyRegex::new(&p);
                let got: Vec<(usize, usize)> = lazy.find_iter(&text, lower).map(|m| (m.start(), m.end())).collect();
                proptest::prop_assert_eq!(got, spans(lazy.get(), &text), "{}", p);
            }
        }
    }

    proptest::proptest! {
        /// The label bound checked apart agrees with the bounded pattern.
        #[test]
        fn definitions_by_the_loose_pattern_agree(line in "[ \t]{0,3}[-*]?[ ]?\\\\?\\[\\^?[a-z0-9_.é٣-]{0,24}\\\\?[\\].:]{0,2}[ \t]{0,2}[a-z:/ ]{0,6}") {
            proptest::prop_assert_eq!(definition_by_pattern(&line), by_pattern(&line), "{:?}", line);
        }
    }

    proptest::proptest! {
        #[test]
        fn definitions_read_by_hand_agree(line in "[ \t]{0,5}[-*+1]?[ \t]{0,2}\\\\?\\[?\\^?[a-z0-9_.é٣-]{0,22}\\\\?[\\].:]{0,2}[ \t]{0,2}[a-z:/ \\[\\]\r]{0,10}") {
            proptest::prop_assert_eq!(definition(&line), by_pattern(&line), "{:?}", line);
        }
    }

    #[test]
    fn definitions_by_hand() {
        for line in [
            "[1]: https://x",
            " - [^n]: note",
            "12. Title, 2020.",
            "1.x",
            "    [1] x",
            "[123456789012345678901] x",
            "\\[3\\] Title https://x",
            "-[1] x",
            "٣. x",
            "[é1] x",
            "1234. x",
            "[1]",
            "1.\tx \r",
        ] {
            assert_eq!(definition(line), by_pattern(line), "{line:?}");
        }
    }
}
