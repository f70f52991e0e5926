//! Tests of the word and sentence scans against their plain definitions.

use super::*;

#[test]
fn sentences_split_on_terminators_not_abbreviations() {
    let text = "One two three. Four, e.g. five six! Seven 3.5 eight";
    let s = sentences(text);
    assert_eq!(s, vec![(0, 3), (15, 4), (36, 3)]);
    assert!(sentences("  ").is_empty());
}

/// The definitions the byte-level scans must agree with (the code before them): tokens of
/// `for_each_token`, words by `is_word`, abbreviations compared in lowercase.
fn plain_sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let (mut start, mut words) = (None, 0);
    for_each_token(text, |at, token| {
        start.get_or_insert(at);
        words += usize::from(is_word(token));
        let bare = token.trim_end_matches(['"', '\'', ')', ']', '*', '_', '`']);
        let ends = bare.ends_with(['.', '!', '?'])
            && !(bare.len() <= 8 && ABBREVIATIONS.contains(&bare.to_lowercase().as_str()));
        if ends && words > 0 {
            out.push((start.take().unwrap_or(at), words));
            words = 0;
        }
    });
    out.extend(start.filter(|_| words > 0).map(|s| (s, words)));
    out
}

fn plain_count(text: &str) -> usize {
    let mut n = 0;
    for_each_token(text, |_, t| n += usize::from(is_word(t)));
    n
}

proptest::proptest! {
    /// A paragraph fed in chunks splits as its whole text does, each sentence at the file
    /// offset of its first byte, and each chunk counts as `count_words` counts it alone.
    #[test]
    fn stream_agrees_with_whole_text(
        chunks in proptest::collection::vec(r"([aZ9 \t\n.!?'*_`)\]]|[Ee]\.[Gg]\.|etc\.|é)*", 0..6),
        gaps in proptest::collection::vec(0usize..3, 6),
    ) {
        let mut stream = SentenceStream::default();
        stream.clear();
        let (mut whole, mut at, mut placed) = (String::new(), 100, Vec::new());
        for (chunk, gap) in chunks.iter().zip(&gaps) {
            at += gap;
            placed.push((whole.len(), at));
            proptest::prop_assert_eq!(stream.feed(chunk, at), count_words(chunk));
            whole.push_str(chunk);
            at += chunk.len();
        }
        stream.finish();
        if !whole.is_ascii() {
            proptest::prop_assert!(stream.is_unicode());
        } else {
            let want: Vec<(usize, usize)> = sentences(&whole)
                .into_iter()
                .map(|(off, n)| {
                    let i = placed.partition_point(|&(p, _)| p <= off).saturating_sub(1);
                    (placed.get(i).map_or(0, |&(p, src)| src + (off - p)), n)
                })
                .collect();
            proptest::prop_assert_eq!(&stream.out, &want);
        }
    }

    #[test]
    fn byte_scans_agree_with_plain_definitions(
        text in r"([aZ9 \t\n\x0b\x0c\r.!?'*_`{}\x{a0}\x{2003}é\x{212a}]|E\.G\.|[Ee]tc\.|no\.|\{x\})*"
    ) {
        proptest::prop_assert_eq!(sentences(&text), plain_sentences(&text));
        proptest::prop_assert_eq!(count_words(&text), plain_count(&text));
        for n in 0..5 {
            proptest::prop_assert_eq!(has_words(&text, n), plain_count(&text) >= n);
        }
        let (stripped, n) = unplaced_words(&text);
        proptest::prop_assert_eq!(&stripped, &strip_placeholders(&text));
        proptest::prop_assert_eq!(n, plain_count(&strip_placeholders(&text)));
    }
}

#[test]
fn placeholders_are_not_words() {
    assert_eq!(
        strip_placeholders("Hi {your name}, see {}."),
        "Hi , see {}."
    );
    assert_eq!(
        count_words(&strip_placeholders("{three to five sentences}")),
        0
    );
}

proptest::proptest! {
    /// The hand reading removes what the placeholder regex removes.
    #[test]
    fn placeholders_read_by_hand_agree(
        parts in proptest::collection::vec(r"[{}\n]|[a é1]{0,3}|[ é]{190,210}|x[ é]{195,205}", 0..12),
    ) {
        let text = parts.concat();
        let re = regex::Regex::new(r"\{[^{}\n]{0,200}?[A-Za-z][^{}\n]{0,200}?\}").unwrap();
        proptest::prop_assert_eq!(strip_placeholders(&text), re.replace_all(&text, ""));
    }
}

proptest::proptest! {
    /// The eight-bytes-at-a-time run of letters and digits ends where a byte loop ends it,
    /// next to every class edge (`/` `0` `9` `:` `@` `A` `Z` `[` `` ` `` `a` `z` `{`) and
    /// outside ASCII.
    #[test]
    fn letter_and_digit_runs_end_where_the_byte_loop_ends_them(
        text in r"[/09:@AZ\[`az{ é\x7f_.-]{0,40}",
        from in 0usize..40,
    ) {
        let bytes = text.as_bytes();
        let from = from.min(bytes.len());
        let by_byte = bytes[from..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .map_or(bytes.len(), |i| from + i);
        proptest::prop_assert_eq!(alnum_run(bytes, from), by_byte);
    }
}

proptest::proptest! {
    /// The eight-bytes-at-a-time token ends where a byte loop ends it, next to whitespace,
    /// the bytes below it and `!`, and outside ASCII.
    #[test]
    fn token_ends_where_the_byte_loop_ends_it(
        text in r"[\x00\x01\t\n\x0b\x0c\r\x1f !\x7fa.é]{0,40}",
        from in 0usize..40,
    ) {
        let bytes = text.as_bytes();
        let from = from.min(bytes.len());
        let by_byte = bytes[from..]
            .iter()
            .position(u8::is_ascii_whitespace)
            .map_or(bytes.len(), |i| from + i);
        proptest::prop_assert_eq!(token_end(bytes, from), by_byte);
    }
}
