//! Text hygiene for what people type: trimming, stripping invisible control and
//! bidi-override characters (they can disguise text shown to staff), and folding
//! Arabic-Indic digits so phone numbers and receipts typed on an Arabic keyboard
//! are understood.

/// Removes control characters (keeping newlines and tabs), the bidi controls
/// (Unicode's Bidi_Control: U+061C, U+200E/F, U+202A–E and U+2066–9) and the
/// byte-order mark U+FEFF, then trims.
pub fn clean(input: &str) -> String {
    input
        .chars()
        .filter(|&c| {
            !(c.is_control() && c != '\n' && c != '\t'
                || matches!(
                    c,
                    '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
                ))
        })
        .collect::<String>()
        .replace("\r\n", "\n")
        .trim()
        .to_owned()
}

/// The dates Aman accepts anywhere: from 1900 to 2200. Anything outside is
/// a typing mistake or an attack (date arithmetic near chrono's limits panics).
pub const EARLIEST_DATE: chrono::NaiveDate = chrono::NaiveDate::from_ymd_opt(1900, 1, 1).expect("a date");
pub const LATEST_DATE: chrono::NaiveDate = chrono::NaiveDate::from_ymd_opt(2200, 12, 31).expect("a date");

/// Reads a `YYYY-MM-DD` date as people type it (Arabic-Indic or Persian
/// digits too), within [`EARLIEST_DATE`]..=[`LATEST_DATE`]; the one date
/// parser for input.
pub fn date(input: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(ascii_digits(input.trim()).as_str(), "%Y-%m-%d")
        .ok()
        .filter(|d| (EARLIEST_DATE..=LATEST_DATE).contains(d))
}

/// Maps Arabic-Indic (U+0660–9) and Persian (U+06F0–9) digits to ASCII.
pub fn ascii_digits(input: &str) -> String {
    input
        .chars()
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            _ => c,
        })
        .collect()
}

/// The one normalisation of what people write, for search, place matching,
/// duplicate detection and the text models: cleaned ([`clean`]), lower case,
/// digits in ASCII, the Arabic short vowels, tatweel and zero-width marks
/// dropped, and the letters people write interchangeably folded to one —
/// alef forms to ا; ى, the Persian/Kurdish ی, ێ and ئ to ي; ؤ and ۆ to و;
/// ة, the Kurdish ە and ھ to ه; ک and گ to ك; پ to ب, چ to ج, ژ to ز, ڤ to ف;
/// ڵ to ل, ڕ to ر; Latin accents (Kurmanji ê î û ç ş, and the transliterations'
/// ā ḩ ḑ) dropped, and presentation forms and ligatures (ﻻ) taken apart;
/// hyphens and apostrophes read as spaces, and spaces collapsed.
/// "مدرسة" and "المدرسه", "إطلاق" and "اطلاق", "کەرکووک" and "كهركووك",
/// "Şêxan" and "shexan" meet.
pub fn normalise(input: &str) -> String {
    use unicode_normalization::char::decompose_compatible;
    let cleaned = clean(input);
    let mut out = String::with_capacity(cleaned.len());
    // Spaces collapse: one is written only between two other characters.
    let mut space = false;
    let mut push = |c: char| match fold(c) {
        None => {}
        Some(' ') => space = !out.is_empty(),
        Some(c) => {
            if std::mem::take(&mut space) {
                out.push(' ');
            }
            out.push(c);
        }
    };
    for c in ascii_digits(&cleaned).chars() {
        // Letters with no decomposition and no case (ASCII aside) go
        // straight to the fold; the rest are taken apart (NFKD, one
        // character at a time: the marks it would reorder are all dropped)
        // and put in lower case.
        if c.is_ascii() || matches!(c, '\u{0621}' | '\u{0627}'..='\u{063A}' | '\u{0641}'..='\u{064A}') {
            push(c.to_ascii_lowercase());
        } else {
            decompose_compatible(c, |part| part.to_lowercase().for_each(&mut push));
        }
    }
    out
}

/// What one character of decomposed, lower-case text becomes in
/// [`normalise`]: nothing, a space, or its folded letter.
fn fold(c: char) -> Option<char> {
    use unicode_normalization::char::is_combining_mark;
    match c {
        // Accents, the Arabic short vowels and the hamza or madda that
        // decomposition takes off a letter (أ → ا, ئ → ي, ؤ → و).
        c if is_combining_mark(c) => None,
        '\u{0640}' | '\u{200B}'..='\u{200D}' => None,
        // Symbols that count as upper case but have no lower case
        // (🅐, Ⓐ's negative forms): decoration, not letters.
        c if c.is_uppercase() => None,
        '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0671}' => Some('ا'),
        'ى' | 'ی' | 'ئ' | 'ێ' | 'ې' => Some('ي'),
        'ؤ' | 'ۆ' | 'ۇ' => Some('و'),
        'ة' | 'ە' | 'ھ' | 'ۀ' => Some('ه'),
        'ک' | 'گ' => Some('ك'),
        'پ' => Some('ب'),
        'چ' => Some('ج'),
        'ژ' => Some('ز'),
        'ڤ' => Some('ف'),
        'ڵ' => Some('ل'),
        'ڕ' => Some('ر'),
        'ı' => Some('i'),
        'ø' => Some('o'),
        '-' | '\'' | '’' | '‘' | 'ʿ' | 'ʾ' | '`' | '_' => Some(' '),
        c if c.is_whitespace() => Some(' '),
        c => Some(c),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn normalising_folds_what_people_write_interchangeably() {
        use super::normalise;
        assert_eq!(normalise("إطلاق  نار"), normalise("اطلاق نار"));
        assert_eq!(normalise("مدرسة"), normalise("مدرسه"));
        assert_eq!(normalise("مُدَرِّسَة"), normalise("مدرسه"), "short vowels");
        assert_eq!(normalise("علــي"), normalise("علي"), "tatweel");
        assert_eq!(normalise("مستشفى"), normalise("مستشفي"));
        assert_eq!(normalise("عشائري"), normalise("عشايري"), "hamza on yeh");
        assert_eq!(normalise("کوردی"), normalise("كوردي"), "Kurdish keheh and yeh");
        assert_eq!(normalise("Shots FIRED ١٢"), "shots fired 12");
        assert!(normalise("المدرسة القديمة").contains(&normalise("مدرسة")));
        assert_eq!(normalise("کەرکووک"), normalise("كهركووك"), "Sorani letters");
        assert_eq!(normalise("ڕێگای گشتی"), "ريكاي كشتي");
        assert_eq!(normalise("چەمچەماڵ"), normalise("جهمجهمال"));
        assert_eq!(normalise("Şêxan"), "sexan", "Kurmanji accents");
        assert_eq!(normalise("🅐 Mosul"), "mosul", "an upper-case symbol with no lower case");
        assert_eq!(normalise("Al-Ba'aj"), "al ba aj");
        assert_eq!(normalise("e\u{0301}"), "e", "combining accents");
        assert_eq!(normalise("Qaḑā’ al Fallūjah"), "qada al fallujah", "transliteration marks");
        assert_eq!(normalise("\u{FEFB}\u{FE8E}"), normalise("لا ا").replace(' ', ""), "presentation forms");
        assert_eq!(normalise("\u{200F}حي\u{202B}  الجهاد\u{2069}"), "حي الجهاد", "bidi controls");
    }
    use super::*;

    #[test]
    fn clean_strips_invisible_characters() {
        assert_eq!(clean("  إطلاق نار\u{202E}\u{0007} ليلاً \r\n"), "إطلاق نار ليلاً");
        assert_eq!(clean("line one\r\nline two"), "line one\nline two");
    }

    /// Found by the property tests: the Arabic letter mark, a bidi control
    /// like U+200F that an Arabic keyboard can type, survived cleaning.
    #[test]
    fn clean_strips_the_arabic_letter_mark() {
        assert_eq!(clean("\u{061C}"), "");
        assert_eq!(clean("رقم\u{061C} 12"), "رقم 12");
    }

    #[test]
    fn dates_are_bounded() {
        assert_eq!(date(" ٢٠٢٦-١١-٢٩ "), chrono::NaiveDate::from_ymd_opt(2026, 11, 29));
        for bad in ["1899-12-31", "2201-01-01", "+262142-12-31", "-0001-01-01", "2026-02-30", "29/11/2026", ""] {
            assert_eq!(date(bad), None, "{bad}");
        }
    }

    #[test]
    fn digits_fold() {
        assert_eq!(ascii_digits("٠٧٧٠ ١٢٣ ۴۵۶"), "0770 123 456");
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    /// [`normalise`] as first written: NFKD over the whole string, lower
    /// case, [`fold`], spaces collapsed. The one-character-at-a-time
    /// version must answer the same (stored search keys depend on it).
    fn by_the_whole_string(input: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        let folded: String = ascii_digits(&clean(input)).nfkd().flat_map(char::to_lowercase).filter_map(fold).collect();
        folded.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        /// Any text at all, marks and ligatures and scripts mixed.
        #[test]
        fn normalising_a_character_at_a_time_is_normalising_the_whole_string(input in any::<String>()) {
            prop_assert_eq!(normalise(&input), by_the_whole_string(&input));
        }
    }

    /// Characters `clean` promises to remove.
    fn stripped(c: char) -> bool {
        c.is_control() && c != '\n' && c != '\t'
            || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
    }

    /// Mostly Arabic and Latin text with the troublesome characters mixed in.
    fn messy() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "[a-z ]{1,5}",
            "[\u{0621}-\u{064A} ]{1,5}",
            "[\u{0660}-\u{0669}\u{06F0}-\u{06F9}0-9]{1,3}",
            "[\r\n\t \u{00A0}\u{2028}\u{3000}]",
            "[\u{0000}-\u{001F}\u{007F}-\u{009F}]",
            "[\u{061C}\u{200B}-\u{200F}\u{202A}-\u{202E}\u{2066}-\u{2069}\u{FEFF}]",
            "\\PC",
            "\\pC",
        ];
        prop::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Cleaning twice is cleaning once; the result has none of the
        /// stripped characters, nothing to trim, and is the input's other
        /// characters in order.
        #[test]
        fn clean_is_idempotent_and_strips_what_it_says(input in messy()) {
            let once = clean(&input);
            prop_assert_eq!(clean(&once), once.clone());
            prop_assert!(!once.chars().any(stripped), "{:?}", once);
            prop_assert!(!once.contains('\r'));
            prop_assert_eq!(once.trim(), once.as_str());
            let kept: String = input.chars().filter(|&c| !stripped(c)).collect();
            prop_assert!(kept.contains(once.as_str()), "{:?} not within {:?}", once, kept);
        }

        /// Bidi controls (Unicode's Bidi_Control property) never survive:
        /// they could reorder what staff read.
        #[test]
        fn no_bidi_control_survives(input in messy()) {
            let bidi_control = |c: char| matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
            prop_assert!(!clean(&input).chars().any(bidi_control), "{:?}", input);
        }

        /// Normalising twice is normalising once, and leaves no bidi
        /// control, upper case, doubled or edge space.
        #[test]
        fn normalising_is_idempotent(input in messy()) {
            prop_assert_eq!(normalise(&input), by_the_whole_string(&input));
            let once = normalise(&input);
            prop_assert_eq!(normalise(&once), once.clone());
            prop_assert!(!once.contains("  ") && once.trim() == once);
            prop_assert!(!once.chars().any(|c| c.is_uppercase() || stripped(c)), "{:?}", once);
        }

        /// Folding digits changes only the Arabic-Indic and Persian digits,
        /// one for one, and is idempotent.
        #[test]
        fn digits_fold_one_for_one(input in messy()) {
            let folded = ascii_digits(&input);
            prop_assert_eq!(ascii_digits(&folded), folded.clone());
            prop_assert_eq!(folded.chars().count(), input.chars().count());
            for (before, after) in input.chars().zip(folded.chars()) {
                match before {
                    '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}' => {
                        prop_assert!(after.is_ascii_digit());
                        prop_assert_eq!(before.to_digit(10), None);
                        prop_assert_eq!(after as u32 - '0' as u32, (before as u32 - 0x0660) % (0x06F0 - 0x0660));
                    }
                    _ => prop_assert_eq!(before, after),
                }
            }
        }
    }
}
