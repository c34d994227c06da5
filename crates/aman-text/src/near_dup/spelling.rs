//! Typos read against the batch's own words: a word written once in a whole
//! batch, one letter away from a word written more than once, is read as
//! that word ("الشورجه" for "الشورحه", "gunfre" for "gunfire"). A typo makes
//! a word nobody else wrote, whose trigrams would count against the copy
//! that carries it; a word that others wrote too is left as it is, and so is
//! a word no common word is near (a rare place, a name), which tells its
//! report apart. "One letter away": one letter dropped, added, changed, or
//! two neighbours swapped — the two words are equal once one letter is taken
//! out of each (or out of one of them).

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};

use super::features::{FixedState, KeyHasher, words};

/// Words shorter than this are never read as another: among short words,
/// one letter away is another word ("في", "من", "عن").
const SHORTEST: usize = 4;

/// Nor longer than this: no word is, and each letter of a word makes one
/// more form of it to hash (a "word" of a million letters, pasted or
/// hostile, would cost a million million steps).
const LONGEST: usize = 40;

/// The texts (normalised) with their typos read as the batch's words, as
/// words separated by single spaces.
pub(super) fn correct(texts: &[String]) -> Vec<String> {
    let mut counts: HashMap<&str, u32, FixedState> = HashMap::default();
    for text in texts {
        for word in words(text) {
            *counts.entry(word).or_insert(0) += 1;
        }
    }
    // Every common word, and every word one letter shorter than it, points
    // to the commonest such word (the first in letter order on a tie).
    let mut near: HashMap<u64, (&str, u32), FixedState> = HashMap::default();
    for (&word, &count) in &counts {
        if count < 2 || !worth_reading(word) {
            continue;
        }
        for key in forms(word) {
            let slot = near.entry(key).or_insert((word, count));
            if (count, std::cmp::Reverse(word)) > (slot.1, std::cmp::Reverse(slot.0)) {
                *slot = (word, count);
            }
        }
    }
    texts
        .iter()
        .map(|text| {
            let mut out = String::with_capacity(text.len());
            for word in words(text) {
                if !out.is_empty() {
                    out.push(' ');
                }
                let read = match counts.get(word) {
                    Some(1) if worth_reading(word) => {
                        forms(word).filter_map(|key| near.get(&key)).max_by_key(|(w, c)| (*c, std::cmp::Reverse(*w)))
                    }
                    _ => None,
                };
                out.push_str(read.map_or(word, |&(w, _)| w));
            }
            out
        })
        .collect()
}

/// Long enough and not too long, and not a number (digits are never read
/// as others).
fn worth_reading(word: &str) -> bool {
    (SHORTEST..=LONGEST).contains(&word.chars().take(LONGEST + 1).count()) && !word.chars().any(|c| c.is_ascii_digit())
}

/// Keys of the word itself and of each form of it with one letter taken out.
fn forms(word: &str) -> impl Iterator<Item = u64> + '_ {
    let letters: Vec<(usize, char)> = word.char_indices().collect();
    let whole = std::iter::once(key(word, None));
    whole.chain(letters.into_iter().map(move |(at, c)| key(word, Some((at, c.len_utf8())))))
}

/// A hash of the word with the letter at `skip` (byte offset, length) left
/// out; a word and a shorter word never share one (the length is hashed).
fn key(word: &str, skip: Option<(usize, usize)>) -> u64 {
    let mut hasher: KeyHasher = FixedState::default().build_hasher();
    let (head, tail) = match skip {
        Some((at, len)) => (&word[..at], &word[at + len..]),
        None => (word, ""),
    };
    hasher.write(head.as_bytes());
    hasher.write(tail.as_bytes());
    hasher.write_u64((head.len() + tail.len()) as u64);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corrected(texts: &[&str]) -> Vec<String> {
        correct(&texts.iter().map(|t| t.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn a_word_written_once_is_read_as_the_common_word_one_letter_away() {
        let out = corrected(&["gunfire near the market", "gunfire at night", "gunfre near the markt", "the market"]);
        assert_eq!(out[2], "gunfire near the market", "a letter dropped");
        let out = corrected(&["سوق الشورجة", "سوق الشورجة", "سوق الشروجة", "سوق الشورجةة", "سوق الشورحة"]);
        assert_eq!(out[2..], ["سوق الشورجة"; 3], "swapped, added, changed");
    }

    #[test]
    fn rare_words_numbers_and_short_words_stay() {
        let texts = ["gunfire in mosul", "gunfire in basra", "block 977 hurt", "block 971 hurt", "an in", "at in"];
        let out = corrected(&texts);
        assert_eq!(out, texts, "no common word near them");
        // A word two letters away is another word.
        assert_eq!(corrected(&["market", "market", "marble"])[2], "marble");
        // A word longer than any is left as it is (and costs no more than its length).
        let endless = "ب".repeat(200_000);
        let out = corrected(&[&endless, &endless, &format!("{endless}ا")]);
        assert_eq!(out[2].chars().count(), 200_001);
        // Punctuation goes; the words and their order stay.
        assert_eq!(corrected(&["gunfire, near: the market!"]), ["gunfire near the market"]);
    }
}
