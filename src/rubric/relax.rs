//! A pattern relaxed for a pre-scan: it matches wherever the pattern matches, and may match
//! where it does not. Two changes make it so. Every character class is reduced to its ASCII
//! part and, when it holds characters beyond ASCII, any run of bytes above ASCII: a Unicode
//! class (`\w`, `\d`, `\s`, `\W`, `.`, a negated bracket) is hundreds of NFA states, and every
//! DFA state [`super::setscan`] meets is built as a closure over all of them (real documents
//! meet thousands of states: the held-out sets spent most of review building them); relaxed,
//! each is a few states, and on ASCII text it matches exactly what the class matches. And
//! what comes before an unbounded run of a wide class (`.*`) is dropped ([`trim`]): such a run
//! stays alive to the end of its line, and the scan's states multiply with every run alive.

use regex_syntax::hir::{Class, ClassBytes, ClassBytesRange, Hir, HirKind, Repetition};

/// Characters beyond ASCII a class may hold and still be matched exactly (their UTF-8
/// sequences as alternatives): `(?i)k` holds KELVIN SIGN, `(?i)s` LONG S, `[$€£]` two signs.
const EXACT_AT_MOST: u32 = 4;

/// `pattern` (as `regex` compiles it) parsed and relaxed; `None` when it does not parse.
pub(crate) fn relaxed(pattern: &str) -> Option<Hir> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    Some(relax(&trim(&hir)))
}

/// `hir` without what comes before its last unbounded run of a wide class (`.*`, `[\w./-]+`)
/// in each of its alternatives: a match of the whole holds a match of the rest, which is left
/// when it cannot match the empty string. The run would stay alive to the end of every line
/// or word, and the scan's states multiply with each such run alive at once.
fn trim(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(trim).collect()),
        HirKind::Capture(c) => trim(&c.sub),
        HirKind::Concat(subs) => {
            let cut = subs.iter().rposition(|h| match h.kind() {
                HirKind::Repetition(r) => r.max.is_none() && wide(&r.sub),
                _ => false,
            });
            match cut {
                Some(i)
                    if subs[i + 1..]
                        .iter()
                        .map(|h| h.properties().minimum_len().unwrap_or(0))
                        .sum::<usize>()
                        > 0 =>
                {
                    Hir::concat(subs[i + 1..].to_vec())
                }
                _ => hir.clone(),
            }
        }
        _ => hir.clone(),
    }
}

/// Whether `hir` is a class holding most ASCII characters (`.`, `\S`, `\w`, `[^)]`).
fn wide(hir: &Hir) -> bool {
    let HirKind::Class(Class::Unicode(c)) = hir.kind() else {
        return false;
    };
    let ascii: u32 = c
        .ranges()
        .iter()
        .filter(|r| u32::from(r.start()) < 0x80)
        .map(|r| u32::from(r.end()).min(0x7F) - u32::from(r.start()) + 1)
        .sum();
    ascii >= WIDE
}

/// How many ASCII characters make a class wide (`\w` holds 63).
const WIDE: u32 = 60;

fn relax(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Class(Class::Unicode(c)) => {
            let mut ascii = Vec::new();
            let mut beyond = Vec::new();
            for r in c.ranges() {
                let (lo, hi) = (u32::from(r.start()), u32::from(r.end()));
                if lo < 0x80 {
                    ascii.push(ClassBytesRange::new(lo as u8, hi.min(0x7F) as u8));
                }
                if hi >= 0x80 {
                    beyond.push((lo.max(0x80), hi));
                }
            }
            let ascii =
                (!ascii.is_empty()).then(|| Hir::class(Class::Bytes(ClassBytes::new(ascii))));
            if beyond.is_empty() {
                return ascii.unwrap_or_else(Hir::fail);
            }
            let few: u32 = beyond.iter().map(|(lo, hi)| hi - lo + 1).sum();
            let mut alts: Vec<Hir> = ascii.into_iter().collect();
            if few <= EXACT_AT_MOST {
                for (lo, hi) in beyond {
                    for c in (lo..=hi).filter_map(char::from_u32) {
                        alts.push(Hir::literal(c.to_string().into_bytes()));
                    }
                }
            } else {
                alts.push(high_run());
            }
            Hir::alternation(alts)
        }
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(relax(&r.sub)),
            ..r.clone()
        }),
        // Captures do not change where a pattern matches.
        HirKind::Capture(c) => relax(&c.sub),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(relax).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(relax).collect()),
        HirKind::Empty
        | HirKind::Literal(_)
        | HirKind::Look(_)
        | HirKind::Class(Class::Bytes(_)) => hir.clone(),
    }
}

/// One or more bytes above ASCII: the UTF-8 sequence of any character beyond ASCII (or of
/// several; one pass of a class consumes one character of the text, which this run can cover
/// whole, so a bounded repetition such as `\W{0,12}` still reaches as far).
fn high_run() -> Hir {
    Hir::repetition(Repetition {
        min: 1,
        max: None,
        greedy: true,
        sub: Box::new(Hir::class(Class::Bytes(ClassBytes::new([
            ClassBytesRange::new(0x80, 0xFF),
        ])))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every pattern kind detection scans with (as `setscan`'s tests list them).
    fn patterns() -> Vec<String> {
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

    type Compiled = (regex::Regex, Bytes, Bytes);
    type Bytes = regex_automata::meta::Regex;

    /// Each pattern, relaxed, and with only its classes relaxed.
    fn compiled(patterns: &[String]) -> Vec<Compiled> {
        let bytes = |hir: &Hir| {
            regex_automata::meta::Regex::builder()
                .syntax(regex_automata::util::syntax::Config::new().utf8(false))
                .configure(regex_automata::meta::Config::new().utf8_empty(false))
                .build_from_hir(hir)
                .expect("relaxed pattern builds")
        };
        patterns
            .iter()
            .map(|p| {
                let hir = regex_syntax::ParserBuilder::new()
                    .build()
                    .parse(p)
                    .expect("parses");
                (
                    regex::Regex::new(p).expect("builds"),
                    bytes(&relaxed(p).expect("parses")),
                    bytes(&relax(&hir)),
                )
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Where a pattern matches, its relaxed form matches; on ASCII text, its classes
        /// relaxed (not trimmed) match exactly there.
        #[test]
        fn relaxed_patterns_match_wherever_the_patterns_do(
            parts in proptest::collection::vec(prop_oneof![
                Just("src/a.rs:10 ".to_string()),
                Just("LGTM, request changes; nit: ".to_string()),
                Just("12 tests passed ✅ ❌ PASS FAIL ".to_string()),
                Just("\n```bash\nmake\n```\n".to_string()),
                Just("| a | b |\r\n|---|---|\n".to_string()),
                Just("40% $12 € 3 £4 ¥5 3.14 [1] ".to_string()),
                Just("- see https://x.example\n".to_string()),
                Just("status: ✅ passed; grade: A+ ⭐⭐⭐⭐ 9/10 ".to_string()),
                Just("pass rate —— 100 % ".to_string()),
                Just("Kase ſtatus ١٢ tests ٣٪ café ".to_string()),
                Just("according to a study by experts say ".to_string()),
                Just("an excellent, robust design; it may need care ".to_string()),
                "[a-zA-Z0-9 ]{0,12}",
                "\\PC{0,20}",
                "[\n\r\t |>#*`%:/.-]{0,4}",
            ], 0..24),
        ) {
            static COMPILED: std::sync::OnceLock<Vec<Compiled>> = std::sync::OnceLock::new();
            let all = COMPILED.get_or_init(|| compiled(&patterns()));
            let text = parts.concat();
            for (re, relaxed, classes) in all {
                let want = re.is_match(&text);
                let got = relaxed.is_match(text.as_bytes());
                prop_assert!(got || !want, "{} matches {:?}, relaxed not", re.as_str(), text);
                prop_assert!(classes.is_match(text.as_bytes()) || !want, "{} classes", re.as_str());
                if text.is_ascii() {
                    prop_assert_eq!(
                        classes.is_match(text.as_bytes()),
                        want,
                        "{} on ASCII {:?}",
                        re.as_str(),
                        text
                    );
                }
            }
        }
    }
}
