//! Byte-level reading of ASCII text for the word and sentence scans (`words.rs`): the class
//! of each byte, and where a token (up to whitespace) or a run of letters and digits ends,
//! eight bytes at a time, each byte a lane of a `u64`. Tokens average five to eight bytes,
//! so most end inside the first eight read, where a byte loop took a compare and a branch
//! per byte. Exact: proptested against the byte loops in `words_tests.rs`.

/// Byte classes for the one-pass scans over ASCII text: whitespace (as
/// `u8::is_ascii_whitespace`), letter or digit, an opening brace, a non-ASCII byte.
pub(crate) const WS: u8 = 1;
pub(crate) const ALNUM: u8 = 2;
pub(crate) const BRACE: u8 = 4;
pub(crate) const HIGH: u8 = 8;
pub(crate) const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_whitespace() {
            WS
        } else if c.is_ascii_alphanumeric() {
            ALNUM
        } else if c == b'{' {
            BRACE
        } else if c >= 0x80 {
            HIGH
        } else {
            0
        };
        b += 1;
    }
    t
};

/// `n` in each of eight byte lanes.
const fn lanes(n: u8) -> u64 {
    n as u64 * 0x0101_0101_0101_0101
}

/// The high bit of each lane.
const LANE_HIGH: u64 = lanes(0x80);

/// The high bit of each lane of `v` (lanes of seven bits) that is at least `n`: adding
/// `0x80 - n` carries into a lane's high bit exactly then, and never out of the lane.
fn at_least(v: u64, n: u8) -> u64 {
    (v + lanes(0x80 - n)) & LANE_HIGH
}

/// Where the token of ASCII `bytes` from `i` ends: the first whitespace byte, or the end.
/// Eight bytes at a time (a token read here is about seven): whitespace is below `!`, and
/// only the few lanes below it are looked up.
pub(crate) fn token_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(&eight) = bytes.get(i..).and_then(|r| r.first_chunk::<8>()) {
        let x = u64::from_le_bytes(eight);
        let mut below = !(at_least(x & !LANE_HIGH, b'!') | x) & LANE_HIGH;
        while below != 0 {
            let j = i + (below.trailing_zeros() / 8) as usize;
            if CLASS[usize::from(bytes[j])] & WS != 0 {
                return j;
            }
            below &= below - 1;
        }
        i += 8;
    }
    while i < bytes.len() && !(bytes[i] <= b' ' && CLASS[usize::from(bytes[i])] & WS != 0) {
        i += 1;
    }
    i
}

/// Where the run of ASCII letters and digits of `bytes` from `i` ends. Eight bytes at a time
/// (a token is about five): each lane's high bit says whether it is not a letter or digit.
pub(crate) fn alnum_run(bytes: &[u8], mut i: usize) -> usize {
    while let Some(&eight) = bytes.get(i..).and_then(|r| r.first_chunk::<8>()) {
        let x = u64::from_le_bytes(eight);
        let v = x & !LANE_HIGH;
        // `| 0x20` takes `A-Z` to `a-z` and nothing else there.
        let lower = v | lanes(0x20);
        let letters = at_least(lower, b'a') & !at_least(lower, b'z' + 1);
        let digits = at_least(v, b'0') & !at_least(v, b'9' + 1);
        let other = !(letters | digits) | (x & LANE_HIGH);
        let stop = other & LANE_HIGH;
        if stop != 0 {
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && CLASS[usize::from(bytes[i])] == ALNUM {
        i += 1;
    }
    i
}
