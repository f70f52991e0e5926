//! A document's closing block that needs no full stop (see `unfinished::last_sentence`): a
//! sign-off ("Cheers,\\ Ryan"), a credit line ("Photos by Steve Francia"), thanks, wishes and
//! farewells ("Thanks to amit", "Merry Christmas", "— the infra team"). The sentence before it
//! is the one read.

use crate::document::text;

/// Words a sentence cannot end on: a text that stops after one was cut off.
pub(super) const SENTENCE_END_WORDS: [&str; 20] = [
    "the", "a", "an", "of", "to", "and", "or", "with", "for", "in", "on", "by", "that", "is",
    "are", "from", "as", "at", "which", "but",
];

/// Whether `src`, a block of at most six words on at most two lines, is a sign-off or a
/// credit line: a greeting before a comma or a line break and then only a name ("Cheers,\\
/// Ryan", "Best regards,"), a credit and a name ("Photos by Steve Francia"), a dash before a
/// name ("— Ryan"), "Happy hacking", or another closing line ([`closing`]).
pub(super) fn sign_off(src: &str) -> bool {
    if text::count_words(src) > 6 || src.lines().count() > 2 {
        return false;
    }
    const GREETINGS: [&str; 7] = [
        "Best regards",
        "Cheers",
        "Thanks",
        "Regards",
        "Sincerely",
        "Yours",
        "Best",
    ];
    const CREDITS: [&str; 6] = [
        "Photos",
        "Photo",
        "Images",
        "Illustrations",
        "Written",
        "Posted",
    ];
    // Words of a name: each starts with a capital (`&` and `and` join two names; a quote's
    // `>` is no word).
    let name = |rest: &str| {
        let words: Vec<&str> = rest
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '\\' | '!' | '.' | '>'))
            .filter(|w| !w.is_empty() && !matches!(*w, "&" | "and"))
            .collect();
        words.len() <= 4 && words.iter().all(|w| w.starts_with(char::is_uppercase))
    };
    if let Some(rest) = after_dash(src) {
        return !rest.trim().is_empty() && name(rest) || closing(src);
    }
    let greeting = GREETINGS.iter().any(|g| {
        src.strip_prefix(g).is_some_and(|rest| {
            (rest.is_empty() || rest.starts_with([',', '!', '\\', '\n'])) && name(rest)
        })
    });
    let credit = CREDITS.iter().any(|c| {
        src.strip_prefix(c)
            .and_then(|rest| rest.strip_prefix(" by "))
            .is_some_and(&name)
    });
    let wish = src.starts_with("Happy ") && src.split_whitespace().count() == 2;
    greeting || credit || wish || closing(src)
}

/// What follows a dash that opens `src` ("— Ryan", "-- the infra team"), if one does.
fn after_dash(src: &str) -> Option<&str> {
    src.strip_prefix(['—', '–'])
        .or_else(|| src.strip_prefix("--"))
}

/// Thanks, wishes and farewells that open a closing line whatever follows them ("Thanks to
/// amit", "Merry Christmas", "See you at the next release", "Best,\\ The Zig team").
const CLOSINGS: [&str; 33] = [
    "thanks",
    "thank you",
    "thx",
    "cheers",
    "kudos",
    "merry",
    "happy",
    "xoxo",
    "hugs",
    "with love",
    "love,",
    "best,",
    "best wishes",
    "warm regards",
    "warmly",
    "regards",
    "greetings",
    "bye",
    "see you",
    "stay tuned",
    "more soon",
    "over and out",
    "peace out",
    "onwards",
    "take care",
    "until next time",
    "that's a wrap",
    "that's all",
    "the end",
    "ciao",
    "cheerio",
    "sincerely",
    "ttyl",
];

/// Whether `src`, a short block (see [`sign_off`]), is a closing line: it opens with one of
/// [`CLOSINGS`] (a whole word), or with a dash before words ("— the infra team"), and does
/// not stop where no sentence ends (on a comma or on "the": "Thanks to the" is cut).
fn closing(src: &str) -> bool {
    let lower = src.to_lowercase();
    let opens = CLOSINGS.iter().any(|c| {
        lower.strip_prefix(c).is_some_and(|rest| {
            c.ends_with(',') || !rest.starts_with(|ch: char| ch.is_alphanumeric() || ch == '\'')
        })
    }) || after_dash(&lower).is_some_and(|rest| !rest.trim().is_empty());
    let last_word = lower.rsplit(char::is_whitespace).next().unwrap_or("");
    opens
        && !src.ends_with([',', ';', '(', '-', '–', '[', '&', '/', ':'])
        && !SENTENCE_END_WORDS.contains(&last_word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closing_lines_open_with_a_whole_closing_word_and_end_where_a_sentence_may() {
        for line in [
            "Thanks to amit",
            "Kudos, all",
            "See you in Lisbon",
            "— the infra team",
        ] {
            assert!(closing(line), "{line}");
        }
        for line in [
            "Thanksgiving traffic",
            "Happily the cache",
            "Thanks to the",
            "See you at",
            "Cheers from all of",
            "Thanks to caching,",
            "—",
        ] {
            assert!(!closing(line), "{line}");
        }
    }
}
