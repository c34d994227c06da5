//! Finding listed terms in what people write, word by word, for every list
//! the crate keeps (the hate speech lexicon, the words of each kind of
//! concern).
//!
//! Terms and texts are compared after `aman_core::text::normalise`: a term
//! matches whole words only, so "كفار" is found in "الكفار" but not in
//! "كفارة". An Arabic term's first word may carry the clitics Arabic writes
//! onto a word (و ف ب ل ك, the article ال, the Iraqi هال) and its last word
//! the common endings (plural, dual, pronouns); a Sorani or Kurmanji
//! term's last word the endings of the plural and the definite article.

/// The language a term is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Language {
    /// Arabic (`ar`), Iraqi or standard.
    Arabic,
    /// Sorani Kurdish in Arabic script (`ckb`).
    Sorani,
    /// Kurmanji Kurdish in Latin script (`kmr`).
    Kurmanji,
    /// English (`en`).
    English,
}

impl Language {
    /// From its code in the data files (`ar`, `ckb`, `kmr`, `en`).
    pub fn from_code(code: &str) -> Option<Language> {
        match code {
            "ar" => Some(Language::Arabic),
            "ckb" => Some(Language::Sorani),
            "kmr" => Some(Language::Kurmanji),
            "en" => Some(Language::English),
            _ => None,
        }
    }
}

/// Clitics an Arabic word may carry in front, longest first.
const ARABIC_PREFIXES: [&str; 15] =
    ["وهال", "فال", "وال", "بال", "كال", "ولل", "فلل", "هال", "ال", "لل", "و", "ف", "ب", "ل", "ك"];
/// Arabic endings after normalisation (plurals, the dual, pronouns); not ة,
/// which makes another word as often as not (كفار, كفارة).
const ARABIC_SUFFIXES: [&str; 6] = ["ات", "ين", "ون", "ان", "ها", "هم"];
/// Sorani endings (plural, definite, indefinite) after normalisation.
const SORANI_SUFFIXES: [&str; 6] = ["هكان", "هكه", "كان", "ان", "يك", "ه"];
/// Kurmanji endings (oblique plural, construct, indefinite) after normalisation.
const KURMANJI_SUFFIXES: [&str; 6] = ["an", "en", "ek", "e", "a", "i"];
/// English endings.
const ENGLISH_SUFFIXES: [&str; 3] = ["s", "es", "ed"];

/// The words of a text for matching: normalised, split at anything that is
/// not a letter or digit.
pub fn words(text: &str) -> Vec<String> {
    aman_core::text::normalise(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// One listed term, ready to be found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    /// As the list writes it.
    pub text: String,
    pub language: Language,
    /// Its normalised words.
    words: Vec<String>,
    /// Whether an Arabic term's last word may carry the common endings.
    arabic_endings: bool,
}

impl Term {
    /// A term, or `None` when it has no word at all.
    pub fn new(text: &str, language: Language) -> Option<Term> {
        let words = words(text);
        (!words.is_empty()).then(|| Term { text: text.to_owned(), language, words, arabic_endings: true })
    }

    /// The same term, but an Arabic one matches only without endings: for
    /// lists where the ending makes another word (مرتد apostate, مرتدين
    /// wearing).
    pub fn without_arabic_endings(self) -> Term {
        Term { arabic_endings: false, ..self }
    }

    /// Whether the term is found anywhere in these words (see [`words`]).
    pub fn found_in(&self, words: &[String]) -> bool {
        (0..words.len()).any(|at| self.starts(&words[at..]))
    }

    /// Whether the term starts at `words[0]`.
    fn starts(&self, words: &[String]) -> bool {
        let n = self.words.len();
        words.len() >= n
            && (0..n).all(|i| {
                let (word, term) = (words[i].as_str(), self.words[i].as_str());
                word == term || self.inflected(word, term, i == 0, i + 1 == n)
            })
    }

    /// Whether `word` is `term` with the clitics or endings its language
    /// allows at this place of the term.
    fn inflected(&self, word: &str, term: &str, first: bool, last: bool) -> bool {
        let ends = |suffixes: &[&str], stem: &str| suffixes.iter().any(|s| stem.strip_suffix(s) == Some(term));
        match self.language {
            Language::Arabic => {
                // The article is optional on the term itself.
                let core = term.strip_prefix("ال").filter(|c| c.chars().count() >= 3).unwrap_or(term);
                // Up to two clitics: و + بال in وبالسلاح.
                let mut stems = vec![word];
                if first {
                    for _ in 0..2 {
                        let more: Vec<&str> = stems
                            .iter()
                            .flat_map(|stem| ARABIC_PREFIXES.iter().filter_map(move |p| stem.strip_prefix(p)))
                            .filter(|stem| stem.chars().count() >= 2)
                            .collect();
                        stems.extend(more);
                    }
                }
                stems.iter().any(|stem| {
                    *stem == core
                        || (last
                            && self.arabic_endings
                            && term.chars().count() >= 3
                            && ARABIC_SUFFIXES.iter().any(|s| stem.strip_suffix(s) == Some(core)))
                })
            }
            Language::Sorani if last => ends(&SORANI_SUFFIXES, word),
            Language::Kurmanji if last => ends(&KURMANJI_SUFFIXES, word),
            Language::English if last => ends(&ENGLISH_SUFFIXES, word),
            _ => false,
        }
    }
}

/// Splits one CSV line into fields: commas separate, double quotes enclose a
/// field that holds commas, and `""` inside them is one quote. The crate's
/// lists are small files read at start; their lines never span lines.
pub fn csv_fields(line: &str) -> Result<Vec<String>, String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        let field = fields.last_mut().expect("starts with one field");
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            ('"', true) => quoted = false,
            ('"', false) if field.is_empty() => quoted = true,
            (',', false) => fields.push(String::new()),
            (c, _) => field.push(c),
        }
    }
    if quoted {
        return Err("unclosed quote".to_owned());
    }
    Ok(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(term: &str, language: Language, text: &str) -> bool {
        Term::new(term, language).expect("a term").found_in(&words(text))
    }

    #[test]
    fn arabic_terms_carry_clitics_and_endings_but_not_other_words() {
        assert!(found("كفار", Language::Arabic, "هؤلاء الكفار"));
        assert!(found("سلاح", Language::Arabic, "وبالسلاح الثقيل"));
        assert!(found("مسلح", Language::Arabic, "مسلحين في السوق"));
        assert!(!found("كفار", Language::Arabic, "كفارة اليمين"), "a longer word is another word");
        assert!(!found("سلاح", Language::Arabic, "اصلاح الطريق"));
        assert!(found("اطلاق نار", Language::Arabic, "إطلاقُ نارٍ قرب المدرسة"), "a phrase, normalised");
        assert!(!found("اطلاق نار", Language::Arabic, "اطلاق سراح نار"), "words in order, together");
        let apostate = Term::new("مرتد", Language::Arabic).expect("a term").without_arabic_endings();
        assert!(!apostate.found_in(&words("مسلحين مرتدين زي عسكري")));
        assert!(apostate.found_in(&words("والمرتد")));
    }

    #[test]
    fn kurdish_and_english_terms_carry_their_endings() {
        assert!(found("چەک", Language::Sorani, "چەکەکان لە بازاڕ"));
        assert!(found("çek", Language::Kurmanji, "Çekan li bazarê"));
        assert!(found("weapon", Language::English, "Weapons in the market"));
        assert!(!found("gun", Language::English, "a gunsmith"), "no free suffixes");
        assert_eq!(Term::new(" ، ", Language::Arabic), None);
    }

    #[test]
    fn csv_fields_handle_quotes() {
        assert_eq!(csv_fields("a,\"b, c\",\"d \"\"e\"\"\"").expect("fields"), ["a", "b, c", "d \"e\""]);
        assert!(csv_fields("a,\"b").is_err());
        assert_eq!(Language::from_code("ckb"), Some(Language::Sorani));
        assert_eq!(Language::from_code("fr"), None);
    }
}
