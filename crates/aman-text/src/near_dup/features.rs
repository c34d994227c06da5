//! What two reports are compared by: the character trigrams of the words of
//! their normalised text (`aman_core::text::normalise`), each word's ends
//! marked so that a word's first and last letters count, and the pairs of
//! words that follow each other. Trigrams of words, rather than of the whole
//! line, make a report indifferent to word order, and a typo or a dialect
//! spelling changes only the few trigrams around it; the word pairs tell a
//! copy of a report, which keeps its phrases, from another event told with
//! the same words in other phrases ("five families … 328" and "two families
//! … near the water project").

use std::hash::{BuildHasherDefault, Hasher};

/// Marks the start and the end of a word inside a trigram.
const WORD_START: char = '\u{2}';
const WORD_END: char = '\u{3}';

/// The top bit marks a word pair's key: a trigram's key packs three
/// characters of 21 bits each and never sets it.
const WORD_PAIR: u64 = 1 << 63;

/// The distinct feature keys of a text, sorted: its trigrams and its word
/// pairs. A trigram's key packs the three characters (21 bits each) into
/// one number, so two different trigrams never share a key; a word pair's
/// key is a hash of the two words with [`WORD_PAIR`] set. Anything that is
/// not a letter or a digit separates words (punctuation stays in the
/// normalised text).
pub(super) fn feature_keys(text: &str) -> Vec<u64> {
    keys_of(&aman_core::text::normalise(text))
}

/// What a text is compared by: its feature keys ([`feature_keys`]) and the
/// numbers it writes in digits.
pub(super) struct Features {
    pub keys: Vec<u64>,
    /// Every run of digits (Arabic-Indic and Persian digits read as ASCII),
    /// as a number, sorted and distinct: a house, a count, an hour, a date.
    pub numbers: Vec<u64>,
}

pub(super) fn features(text: &str) -> Features {
    features_of_normalised(&aman_core::text::normalise(text))
}

/// [`features`] of a text already normalised.
pub(super) fn features_of_normalised(normalised: &str) -> Features {
    let mut numbers: Vec<u64> = normalised
        .split(|c: char| !c.is_ascii_digit())
        .filter(|run| !run.is_empty())
        // A run longer than 18 digits (a phone number with its code) keeps
        // its last 18, which a u64 always holds.
        .map(|run| run[run.len().saturating_sub(18)..].parse().unwrap_or(0))
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    Features { keys: keys_of(normalised), numbers }
}

/// The words of a normalised text: its runs of letters and digits.
pub(super) fn words(normalised: &str) -> impl Iterator<Item = &str> {
    normalised.split(|c: char| !is_letter_or_digit(c)).filter(|w| !w.is_empty())
}

fn keys_of(normalised: &str) -> Vec<u64> {
    let mut keys = Vec::with_capacity(normalised.len());
    let mut previous: Option<&str> = None;
    for word in words(normalised) {
        if let Some(before) = previous {
            let mut hasher = KeyHasher::default();
            for c in held_once(before).chain(std::iter::once(' ')).chain(held_once(word)) {
                hasher.write_u64(u64::from(c));
            }
            keys.push(WORD_PAIR | (hasher.finish() >> 1));
        }
        previous = Some(word);
        let mut window = [WORD_START, WORD_START, WORD_START];
        let mut letters = 0;
        for c in std::iter::once(WORD_START).chain(held_once(word)).chain(std::iter::once(WORD_END)) {
            window = [window[1], window[2], c];
            letters += 1;
            if letters >= 3 {
                keys.push(pack(window));
            }
        }
        // A one-letter word has no full trigram inside its marks.
        if letters == 3 {
            keys.push(pack(window));
        }
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// `char::is_alphanumeric`, answered at once for the letters of the Arabic
/// alphabet that normalised text is mostly written in (the general answer
/// searches Unicode's tables).
fn is_letter_or_digit(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}') || c.is_alphanumeric()
}

/// A word's letters with a letter written twice or more in a row read once
/// ("الاايزيديين", "gunfirre"): a key held down is the commonest typo, and
/// Arabic writes a doubled consonant once (the shadda is a mark, dropped by
/// `normalise`). Digits stay as written: 100 is not 10.
fn held_once(word: &str) -> impl Iterator<Item = char> + '_ {
    let mut before = None;
    word.chars().filter(move |&c| {
        let held = before == Some(c) && !c.is_ascii_digit();
        before = Some(c);
        !held
    })
}

fn pack([a, b, c]: [char; 3]) -> u64 {
    (u64::from(a) << 42) | (u64::from(b) << 21) | u64::from(c)
}

/// The index's maps hash their own small keys (trigram keys, document
/// numbers) with this fixed function: no random seed, so the index behaves
/// the same on every run and every machine.
#[derive(Default, Clone, Copy)]
pub(super) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        // The finaliser of MurmurHash3: every input bit reaches the low bits
        // the table picks its bucket with.
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(29) ^ n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
}

/// The maps' hasher, always built the same way.
pub(super) type FixedState = BuildHasherDefault<KeyHasher>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    fn split(keys: Vec<u64>) -> (Vec<u64>, Vec<u64>) {
        keys.into_iter().partition(|key| key & WORD_PAIR == 0)
    }

    #[test]
    fn trigrams_ignore_word_order_and_features_ignore_spelling_variants_and_punctuation() {
        let (trigrams, pairs) = split(feature_keys("gunfire near the market"));
        let (moved, moved_pairs) = split(feature_keys("the market, near gunfire!"));
        assert_eq!(trigrams, moved);
        assert_eq!((pairs.len(), moved_pairs.len()), (3, 3));
        assert_eq!(pairs.iter().filter(|p| moved_pairs.contains(p)).count(), 1, "only 'the market' is kept");
        assert_eq!(feature_keys("إطلاق نار قرب المدرسة"), feature_keys("اطلاق نار قرب المدرسه"));
        assert_eq!(feature_keys("کەرکووک"), feature_keys("كهركووك"));
        assert!(feature_keys("").is_empty());
        assert!(feature_keys(" ،. - ").is_empty());
    }

    #[test]
    fn trigrams_mark_word_ends_and_features_count_once() {
        // "^ab", "ab$" for "ab" and the pair "ab ab"; "^a$" for "a";
        // repeated words and pairs once.
        assert_eq!(split(feature_keys("ab ab ab")), split(feature_keys("ab ab")));
        assert_eq!(split(feature_keys("ab ab")).0.len(), 2);
        assert_eq!(split(feature_keys("ab ab")).1.len(), 1);
        assert_eq!(feature_keys("a").len(), 1);
        assert_eq!(feature_keys("abc").len(), 3);
        assert_ne!(feature_keys("abc"), feature_keys("cba"));
        // A typo in a long word leaves most of its trigrams.
        let right = feature_keys("kirkuk");
        let typo = feature_keys("kirkik");
        let shared = right.iter().filter(|k| typo.contains(k)).count();
        assert_eq!((right.len(), shared), (6, 3));
        // A letter held down reads once; digits do not.
        assert_eq!(feature_keys("gunfirre"), feature_keys("gunfire"));
        assert_eq!(feature_keys("الاايزيديين"), feature_keys("الايزيديين"));
        assert_ne!(feature_keys("100"), feature_keys("10"));
        assert_eq!(feature_keys("aa").len(), 1, "one letter once");
        // The quick answer for Arabic letters is the general one.
        for c in ('\u{0600}'..='\u{06FF}').chain('\0'..='\u{FF}') {
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn numbers_are_the_runs_of_digits_in_any_script() {
        let numbers = |text: &str| features(text).numbers;
        assert_eq!(numbers("٣ جرحى الساعة 10ی شەو، بيت 007 و3"), [3, 7, 10]);
        assert_eq!(numbers("block ۱۰۱, nine hurt"), [101]);
        assert!(numbers("no numbers here").is_empty());
        assert_eq!(numbers("+964 770 123 4567 00000000000000000000012"), [12, 123, 770, 964, 4567]);
    }

    #[test]
    fn the_hasher_is_fixed_and_spreads_low_bits() {
        let state = FixedState::default();
        assert_eq!(state.hash_one(42u64), FixedState::default().hash_one(42u64));
        let buckets: std::collections::HashSet<u64> = (0..64u64).map(|n| state.hash_one(n << 21) & 63).collect();
        assert!(buckets.len() > 32, "{}", buckets.len());
        let mut hasher = KeyHasher::default();
        hasher.write(b"ab");
        let mut other = KeyHasher::default();
        other.write_u32(u32::from(b'a'));
        other.write_u32(u32::from(b'b'));
        assert_eq!(hasher.finish(), other.finish());
    }
}
