//! Receipt codes: the reporter's only way back to a concern.
//!
//! A receipt is 24 symbols of Crockford's base-32 alphabet (no I, L, O, U),
//! 120 bits from the operating system's random source, shown in six groups of
//! four: `7KQ2-M9XD-...`. Reading it back forgives case, spaces, dashes,
//! Arabic-Indic digits and the look-alikes O→0, I/L→1. The server stores only
//! HMAC-SHA-256(receipt key, receipt): a leaked database does not reveal codes,
//! and at 120 bits guessing is hopeless without a slow hash.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use std::fmt;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
pub const SYMBOLS: usize = 24;
/// Random bytes needed for one receipt (15 × 8 = 120 bits = 24 × 5).
pub const ENTROPY_BYTES: usize = 15;

#[derive(Clone, PartialEq, Eq)]
pub struct Receipt(String);

impl Receipt {
    /// Builds a receipt from random bytes supplied by the caller.
    pub fn from_entropy(bytes: [u8; ENTROPY_BYTES]) -> Receipt {
        let mut bits: u128 = 0;
        for b in bytes {
            bits = (bits << 8) | u128::from(b);
        }
        let code = (0..SYMBOLS).rev().map(|i| ALPHABET[((bits >> (i * 5)) & 31) as usize] as char).collect();
        Receipt(code)
    }

    /// Reads a receipt as a person typed it.
    pub fn parse(input: &str) -> Option<Receipt> {
        let mut code = String::with_capacity(SYMBOLS);
        for c in crate::text::ascii_digits(input).chars() {
            let c = match c.to_ascii_uppercase() {
                ' ' | '-' | '\u{00A0}' | '\t' | '.' => continue,
                'O' => '0',
                'I' | 'L' => '1',
                other => other,
            };
            if !ALPHABET.contains(&(c as u32 as u8)) || !c.is_ascii() {
                return None;
            }
            code.push(c);
        }
        (code.len() == SYMBOLS).then_some(Receipt(code))
    }

    /// The form to print and read aloud: six groups of four.
    pub fn grouped(&self) -> String {
        let chunks: Vec<&str> = (0..SYMBOLS / 4).map(|i| &self.0[i * 4..i * 4 + 4]).collect();
        chunks.join("-")
    }

    /// The keyed hash stored in the database, as lowercase hex.
    pub fn keyed_hash(&self, key: &[u8; 32]) -> String {
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes any key length");
        mac.update(self.0.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }
}

/// Receipts never appear in debug output or logs.
impl fmt::Debug for Receipt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Receipt(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_all_120_bits() {
        assert_eq!(Receipt::from_entropy([0; 15]).grouped(), "0000-0000-0000-0000-0000-0000");
        assert_eq!(Receipt::from_entropy([0xff; 15]).grouped(), "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ");
        let mut one = [0; 15];
        one[14] = 1;
        assert_eq!(Receipt::from_entropy(one).0, "000000000000000000000001");
    }

    #[test]
    fn parse_forgives_what_people_do() {
        let receipt = Receipt::from_entropy(*b"aman-receipt-01");
        let shown = receipt.grouped();
        assert_eq!(Receipt::parse(&shown), Some(receipt.clone()));
        assert_eq!(Receipt::parse(&shown.to_lowercase().replace('-', " ")), Some(receipt.clone()));
        assert_eq!(
            Receipt::parse("oooo iiii llll 0000 1111 2222").map(|r| r.0),
            Some("000011111111000011112222".into())
        );
        assert_eq!(
            Receipt::parse("٠٠٠٠-٠٠٠٠-٠٠٠٠-٠٠٠٠-٠٠٠٠-٠٠٠١").map(|r| r.0),
            Some("000000000000000000000001".into())
        );
        assert_eq!(Receipt::parse("0000-0000"), None);
        assert_eq!(Receipt::parse("UUUU-0000-0000-0000-0000-0000"), None);
        assert_eq!(Receipt::parse("0000-0000-0000-0000-0000-000é"), None);
    }

    #[test]
    fn keyed_hash_depends_on_key_and_code() {
        let a = Receipt::from_entropy([1; 15]);
        let b = Receipt::from_entropy([2; 15]);
        assert_eq!(a.keyed_hash(&[7; 32]), a.keyed_hash(&[7; 32]));
        assert_ne!(a.keyed_hash(&[7; 32]), a.keyed_hash(&[8; 32]));
        assert_ne!(a.keyed_hash(&[7; 32]), b.keyed_hash(&[7; 32]));
        assert_eq!(a.keyed_hash(&[7; 32]).len(), 64);
        assert_eq!(format!("{a:?}"), "Receipt(…)");
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    /// How a person might type one symbol of a receipt: either case, O for
    /// 0, I or L for 1, Arabic-Indic or Persian digits.
    fn typed(symbol: char, variant: u8) -> String {
        let arabic = |base: u32| char::from_u32(base + symbol.to_digit(10).unwrap_or(0)).unwrap_or(symbol);
        match (symbol, variant % 4) {
            ('0', 1) => "o".into(),
            ('0', 2) => "O".into(),
            ('1', 1) => "i".into(),
            ('1', 2) => "L".into(),
            ('0'..='9', 3) => arabic(if variant % 8 == 3 { 0x0660 } else { 0x06F0 }).to_string(),
            (c, 1 | 3) => c.to_ascii_lowercase().to_string(),
            (c, _) => c.to_string(),
        }
    }

    const SEPARATORS: [&str; 6] = ["", " ", "-", "\u{00A0}", "\t", "."];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Any typing of a printed receipt reads back as that receipt, and so
        /// finds the same stored hash.
        #[test]
        fn every_forgiven_typing_reads_back(
            entropy in any::<[u8; ENTROPY_BYTES]>(),
            variants in prop::collection::vec(any::<u8>(), SYMBOLS),
            separators in prop::collection::vec(0..SEPARATORS.len(), SYMBOLS + 1),
            key in any::<[u8; 32]>(),
        ) {
            let receipt = Receipt::from_entropy(entropy);
            prop_assert_eq!(Receipt::parse(&receipt.grouped()), Some(receipt.clone()));
            let mut input = SEPARATORS[separators[SYMBOLS]].to_owned();
            for ((symbol, variant), separator) in receipt.0.chars().zip(&variants).zip(&separators) {
                input.push_str(&typed(symbol, *variant));
                input.push_str(SEPARATORS[*separator]);
            }
            let parsed = Receipt::parse(&input);
            prop_assert_eq!(parsed.as_ref(), Some(&receipt), "{:?}", input);
            prop_assert_eq!(parsed.map(|p| p.keyed_hash(&key)), Some(receipt.keyed_hash(&key)));
        }

        /// One symbol too many or too few, or one symbol outside the alphabet
        /// and its look-alikes, and the receipt is refused.
        #[test]
        fn wrong_length_or_alphabet_is_refused(
            entropy in any::<[u8; ENTROPY_BYTES]>(),
            at in 0..SYMBOLS,
            intruder in any::<char>(),
            extra in "[0-9A-Za-z]",
        ) {
            let code = Receipt::from_entropy(entropy).0;
            let mut shorter = code.clone();
            shorter.remove(at);
            prop_assert_eq!(Receipt::parse(&shorter), None);
            let mut longer = code.clone();
            longer.insert_str(at, &extra);
            prop_assert_eq!(Receipt::parse(&longer), None);
            let forgiven = intruder.is_ascii_alphanumeric() && !matches!(intruder.to_ascii_uppercase(), 'U')
                || matches!(intruder, ' ' | '-' | '\u{00A0}' | '\t' | '.' | '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}');
            if !forgiven {
                let mut odd = code.clone();
                odd.replace_range(at..=at, &intruder.to_string());
                prop_assert_eq!(Receipt::parse(&odd), None, "{:?}", odd);
            }
        }

        /// Whatever is typed, parsing does not panic, and what it accepts is
        /// 24 symbols of the alphabet, read back the same from its grouped form.
        #[test]
        fn parse_never_panics_and_accepts_only_receipts(input in "\\PC{0,40}|[0-9A-Za-z \\-]{20,34}") {
            if let Some(receipt) = Receipt::parse(&input) {
                prop_assert_eq!(receipt.0.len(), SYMBOLS);
                prop_assert!(receipt.0.bytes().all(|b| ALPHABET.contains(&b)));
                prop_assert_eq!(Receipt::parse(&receipt.grouped()), Some(receipt));
            }
        }

        /// The stored hash depends on the key and the code, deterministically.
        #[test]
        fn keyed_hash_is_stable(a in any::<[u8; ENTROPY_BYTES]>(), b in any::<[u8; ENTROPY_BYTES]>(), key in any::<[u8; 32]>(), other_key in any::<[u8; 32]>()) {
            let (ra, rb) = (Receipt::from_entropy(a), Receipt::from_entropy(b));
            let hash = ra.keyed_hash(&key);
            prop_assert_eq!(&hash, &ra.clone().keyed_hash(&key));
            prop_assert!(hash.len() == 64 && hash.bytes().all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c)));
            prop_assert_eq!(a == b, hash == rb.keyed_hash(&key));
            prop_assert_eq!(key == other_key, hash == ra.keyed_hash(&other_key));
        }
    }
}
