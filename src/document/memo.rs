//! What a [`Document`](super::Document) keeps for its callers beyond its parsed views: answers
//! asked for several times (a role looked for by detection, fit and the roles rule), and its
//! text lowercased for case-insensitive patterns.

use std::any::{Any, TypeId};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// One kept answer: its type, its key, the answer.
type Entry = (TypeId, u64, Box<dyn Any + Send + Sync>);

/// Answers kept by (type, key): see [`Document::memo`](super::Document::memo).
#[derive(Default)]
pub(crate) struct Memo(Mutex<Vec<Entry>>);

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Memo")
    }
}

impl Clone for Memo {
    /// A copy starts empty: its answers are computed again when asked.
    fn clone(&self) -> Self {
        Memo::default()
    }
}

impl Memo {
    fn lock(&self) -> MutexGuard<'_, Vec<Entry>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The kept answer for (`T`, `key`), else `compute`'s, kept. `compute` runs unlocked.
    pub(crate) fn get<T: Clone + Send + Sync + 'static>(
        &self,
        key: u64,
        compute: impl FnOnce() -> T,
    ) -> T {
        let kind = TypeId::of::<T>();
        let kept = self
            .lock()
            .iter()
            .find(|(t, k, _)| *t == kind && *k == key)
            .and_then(|(_, _, v)| v.downcast_ref::<T>().cloned());
        if let Some(v) = kept {
            return v;
        }
        let v = compute();
        let mut memo = self.lock();
        if !memo.iter().any(|(t, k, _)| *t == kind && *k == key) {
            memo.push((kind, key, Box::new(v.clone())));
        }
        v
    }
}

/// `text` with ASCII letters lowercased, unless it holds KELVIN SIGN or LONG S (see
/// [`Document::folded_text`](super::Document::folded_text)).
pub(crate) fn ascii_folded(text: &str) -> Option<String> {
    // Lowercased as it is copied, a vector at a time, and whether a byte is above ASCII noted
    // in the same pass: no pass to copy first, nor one to ask whether the text is ASCII.
    let mut high = 0u8;
    let folded: Vec<u8> = (text.as_bytes().iter())
        .map(|&b| {
            high |= b;
            b.to_ascii_lowercase()
        })
        .collect();
    // ASCII text holds neither character; else two searches for one character each (a search
    // for either is char by char).
    if high >= 0x80 && (text.contains('\u{212A}') || text.contains('\u{17F}')) {
        return None;
    }
    // Only ASCII letters changed, to ASCII letters: still UTF-8. The check costs about 12 M
    // instructions on the bench corpus (27 MB); skipping it would take `unsafe`.
    Some(String::from_utf8(folded).expect("ASCII letters lowercased keep the text UTF-8"))
}
