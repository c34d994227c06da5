//! Text hygiene for what people type: trimming, stripping invisible control and
//! bidi-override characters (they can disguise text shown to staff), and folding
//! Arabic-Indic digits so phone numbers and receipts typed on an Arabic keyboard
//! are understood.

/// Removes control characters (keeping newlines and tabs) and the bidi controls
/// U+200E/F, U+202A–E and U+2066–9, then trims.
pub fn clean(input: &str) -> String {
    input
        .chars()
        .filter(|&c| {
            !(c.is_control() && c != '\n' && c != '\t'
                || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'))
        })
        .collect::<String>()
        .replace("\r\n", "\n")
        .trim()
        .to_owned()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_strips_invisible_characters() {
        assert_eq!(clean("  إطلاق نار\u{202E}\u{0007} ليلاً \r\n"), "إطلاق نار ليلاً");
        assert_eq!(clean("line one\r\nline two"), "line one\nline two");
    }

    #[test]
    fn digits_fold() {
        assert_eq!(ascii_digits("٠٧٧٠ ١٢٣ ۴۵۶"), "0770 123 456");
    }
}
