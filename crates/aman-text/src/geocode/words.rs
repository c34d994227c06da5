//! Words of place names and of texts, reduced for matching across scripts.
//!
//! Every word goes through `aman_core::text::normalise` first (marks that
//! write ayn and hamza in Latin are taken out before, so "Ba'quba" stays one
//! word). A word then gives a consonant *skeleton*, the same for its Arabic,
//! Kurdish and Latin spellings: vowels and long-vowel letters dropped, each
//! consonant mapped to a class (ق ك گ q k g → K, خ غ kh gh x → X, ش س ص
//! sh s ş → S, ذ ض ظ د dh d → D, ث ت ط th t → T, چ ج ch c j → J, …), doubled
//! classes written once. A word also keeps a folded *surface* (vowels merged
//! into three, q as k, doubled letters once), compared between two
//! spellings in the same script. Generic words (town, قرية, gund, شار …)
//! and prepositions are breaks: no name runs across them. Articles (al-,
//! ال, the sun-letter an/ar/as/ash/ad…) are left out.

use std::collections::HashSet;

use aman_core::text::normalise;

use super::generic::{GENERIC, SETTLEMENT};

/// The script a word is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Arabic,
    Latin,
    /// Digits only (a camp number, "835").
    Digits,
}

/// One way to read a word: its skeleton and folded surface.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub skeleton: String,
    pub surface: String,
    /// A clitic or an ending was taken off to read it so.
    pub affix: bool,
}

/// A word, its script and its readings (the first is the plain one; the
/// others take off a prefix such as ب/و/ل, a Kurdish suffix such as -دا,
/// or a medial h that the other script may not write).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub script: Script,
    pub forms: Vec<Form>,
    /// Written in Latin lower case only ("hit", not "Hit").
    pub lowercase: bool,
}

/// What a text is cut into: words, and breaks where no name continues.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Word(Word),
    Break,
    /// A break that says a settlement is meant ("city", "قرية").
    Settlement,
}

/// Articles: left out wherever they stand.
const ARTICLES: &[&str] = &["al", "el", "ul", "the", "ad", "an", "ar", "as", "at", "az", "ash", "ath", "adh", "ال"];

/// Arabic letters a word may start with before its article (و ب ف ك ل).
const CLITICS: &[char] = &['و', 'ب', 'ف', 'ك', 'ل'];

/// Sorani endings a place name takes in a sentence (هەولێردا "in Erbil",
/// شارەکە "the town"), as normalised.
const SORANI_ENDINGS: &[&str] = &["هكهدا", "هكه", "هوه", "دا"];

/// Kurmanji endings of a name in a sentence, longest first, as normalised.
const KURMANJI_ENDINGS: &[&str] = &["ye", "ya", "yi", "e", "a", "i"];

/// The generic words and articles, normalised.
pub struct Lexicon {
    generic: HashSet<String>,
    settlement: HashSet<String>,
    articles: HashSet<String>,
}

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon::new()
    }
}

impl Lexicon {
    pub fn new() -> Lexicon {
        let set = |words: &[&str]| words.iter().map(|w| normalise(w)).collect::<HashSet<String>>();
        Lexicon { generic: set(GENERIC), settlement: set(SETTLEMENT), articles: set(ARTICLES) }
    }

    /// A text cut into words and breaks.
    pub fn pieces(&self, text: &str) -> Vec<Piece> {
        let mut pieces = Vec::new();
        for token in tokens(text) {
            match token {
                None => pieces.push(Piece::Break),
                Some((t, _)) if self.articles.contains(&t) => {}
                Some((t, _)) if self.is_settlement(&t) => pieces.push(Piece::Settlement),
                Some((t, _)) if self.is_generic(&t) => pieces.push(Piece::Break),
                Some((t, lower)) => pieces.push(Piece::Word(Word { lowercase: lower, ..word(&t, true) })),
            }
        }
        pieces
    }

    /// A name's spellings: the name cut at brackets, slashes and commas
    /// ("Ganus Fuqani (Gunos Khmisat)" is two names), each as its words
    /// without articles and generic words (unless nothing else is left).
    pub fn name_words(&self, name: &str) -> Vec<Vec<Word>> {
        name.split(['(', ')', '/', ',', '،', '[', ']'])
            .filter_map(|part| {
                let all: Vec<String> = tokens(part)
                    .into_iter()
                    .flatten()
                    .map(|(t, _)| t)
                    .filter(|t| !self.articles.contains(t) && !t.is_empty())
                    .collect();
                let kept: Vec<&String> = all.iter().filter(|t| !self.is_generic(t)).collect();
                let chosen: Vec<&String> = if kept.is_empty() { all.iter().collect() } else { kept };
                let words: Vec<Word> = chosen.into_iter().map(|t| word(t, false)).collect();
                (!words.is_empty()).then_some(words)
            })
            .collect()
    }

    fn is_settlement(&self, token: &str) -> bool {
        self.settlement.contains(token) || arabic_cores(token).iter().any(|core| self.settlement.contains(core))
    }

    fn is_generic(&self, token: &str) -> bool {
        self.generic.contains(token) || arabic_cores(token).iter().any(|core| self.generic.contains(core))
    }
}

/// Normalised tokens of a text; `None` where punctuation breaks it. Each
/// token says whether it was written in Latin lower case only.
fn tokens(text: &str) -> Vec<Option<(String, bool)>> {
    let mut out = Vec::new();
    for chunk in text.split_whitespace() {
        let lower = chunk.chars().any(|c| c.is_alphabetic() && !is_arabic(c)) && !chunk.chars().any(char::is_uppercase);
        let joined: String = chunk.chars().filter(|c| !matches!(c, '\'' | '’' | '‘' | 'ʿ' | 'ʾ' | '`' | '´')).collect();
        let mut current = String::new();
        for c in normalise(&joined).chars() {
            if c.is_alphanumeric() {
                current.push(c);
                continue;
            }
            if !current.is_empty() {
                out.push(Some((std::mem::take(&mut current), lower)));
            }
            if !c.is_whitespace() {
                out.push(None);
            }
        }
        if !current.is_empty() {
            out.push(Some((current, lower)));
        }
    }
    out
}

fn is_arabic(c: char) -> bool {
    ('\u{0600}'..='\u{06FF}').contains(&c)
}

fn script_of(token: &str) -> Script {
    if token.chars().any(is_arabic) {
        Script::Arabic
    } else if token.chars().all(|c| c.is_ascii_digit()) {
        Script::Digits
    } else {
        Script::Latin
    }
}

/// An Arabic-script token without its article, and without a clitic
/// before the article (والسوق, بالموصل, للفلوجة).
fn arabic_cores(token: &str) -> Vec<String> {
    let mut cores = Vec::new();
    if let Some(rest) = token.strip_prefix("ال") {
        cores.push(rest.to_owned());
    }
    if let Some(rest) = token.strip_prefix("لل") {
        cores.push(rest.to_owned());
    }
    let mut chars = token.chars();
    if chars.next().is_some_and(|c| CLITICS.contains(&c))
        && let Some(rest) = chars.as_str().strip_prefix("ال")
    {
        cores.push(rest.to_owned());
    }
    cores
}

/// A token's readings. In a text (`in_text`) an Arabic word may also carry
/// a one-letter clitic and a Sorani ending; a Latin word may write an
/// article joined to it ("alhussein").
fn word(token: &str, in_text: bool) -> Word {
    let script = script_of(token);
    let mut bases: Vec<String> = Vec::new();
    match script {
        Script::Arabic => {
            let cores = arabic_cores(token);
            bases.push(cores.first().cloned().unwrap_or_else(|| token.to_owned()));
            if in_text {
                bases.extend(cores.into_iter().skip(1));
                let mut chars = token.chars();
                if cores_absent(token)
                    && chars.next().is_some_and(|c| CLITICS.contains(&c))
                    && chars.as_str().chars().count() >= 3
                {
                    bases.push(chars.as_str().to_owned());
                }
                for ending in SORANI_ENDINGS {
                    if let Some(stem) = token.strip_suffix(ending).filter(|s| s.chars().count() >= 3) {
                        bases.push(stem.to_owned());
                    }
                }
            }
        }
        Script::Latin => {
            bases.push(token.to_owned());
            if let Some(rest) = token.strip_prefix("al").filter(|r| r.len() >= 4) {
                bases.push(rest.to_owned());
            }
            // Kurmanji case endings: Zaxoyê, Şingalê, Hewlêra (ê, î folded to e, i).
            if in_text
                && let Some(stem) = KURMANJI_ENDINGS.iter().find_map(|e| token.strip_suffix(e)).filter(|s| s.len() >= 3)
            {
                bases.push(stem.to_owned());
            }
        }
        Script::Digits => bases.push(token.to_owned()),
    }
    let mut forms: Vec<Form> = Vec::new();
    for (b, base) in bases.iter().enumerate() {
        let mut readings = vec![base.clone()];
        if script == Script::Latin {
            // g written for ج (Hawiga, Beygee) and z for ظ ض ذ (Al-Az̧īm).
            readings.push(base.replace("gh", "\u{0}").replace('g', "j").replace('\u{0}', "gh"));
            readings.push(base.replace("zh", "\u{0}").replace('z', "dh").replace('\u{0}', "zh"));
        }
        for reading in readings {
            for soft in [false, true] {
                let form = Form {
                    skeleton: skeleton(&reading, script, soft),
                    surface: surface(&reading, script),
                    affix: b > 0,
                };
                if !forms.contains(&form) {
                    forms.push(form);
                }
            }
        }
    }
    Word { script, forms, lowercase: false }
}

fn cores_absent(token: &str) -> bool {
    arabic_cores(token).is_empty()
}

/// The consonant skeleton of a normalised word. `soft` drops a Latin h
/// inside the word (مهدي is "Mahdi", but Sorani ە folds to ه and is a vowel).
pub fn skeleton(word: &str, script: Script, soft: bool) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut classes: Vec<char> = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let (class, width) = match script {
            Script::Arabic => (arabic_class(c, i == 0), 1),
            Script::Digits => (Some(c), 1),
            Script::Latin => latin_class(&chars, i, soft),
        };
        if let Some(class) = class
            && classes.last() != Some(&class)
        {
            classes.push(class);
        }
        i += width;
    }
    classes.into_iter().collect()
}

fn arabic_class(c: char, initial: bool) -> Option<char> {
    Some(match c {
        'ب' => 'B',
        'ت' | 'ط' | 'ث' => 'T',
        'ج' => 'J',
        'ح' => 'H',
        'ه' if initial => 'H',
        'خ' | 'غ' => 'X',
        'د' | 'ذ' | 'ض' | 'ظ' => 'D',
        'ر' => 'R',
        'ز' => 'Z',
        'س' | 'ص' | 'ش' => 'S',
        'ف' => 'F',
        'ق' | 'ك' => 'K',
        'ل' => 'L',
        'م' => 'M',
        'ن' => 'N',
        c if c.is_ascii_digit() => c,
        _ => return None,
    })
}

/// The class of the Latin letter at `i`, and how many letters it took.
fn latin_class(chars: &[char], i: usize, soft: bool) -> (Option<char>, usize) {
    let c = chars[i];
    let next = chars.get(i + 1).copied();
    if next == Some('h') {
        let digraph = match c {
            'k' | 'g' => Some('X'),
            's' => Some('S'),
            't' => Some('T'),
            'd' => Some('D'),
            'c' => Some('J'),
            'p' => Some('F'),
            'z' => Some('Z'),
            _ => None,
        };
        if let Some(class) = digraph {
            return (Some(class), 2);
        }
    }
    let vowel = |c: Option<char>| c.is_some_and(|c| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'w'));
    let class = match c {
        'b' | 'p' => Some('B'),
        't' => Some('T'),
        'd' => Some('D'),
        'z' => Some('Z'),
        's' => Some('S'),
        'c' | 'j' => Some('J'),
        'k' | 'q' | 'g' => Some('K'),
        'x' => Some('X'),
        'f' | 'v' => Some('F'),
        'l' => Some('L'),
        'r' => Some('R'),
        'm' => Some('M'),
        'n' => Some('N'),
        'h' if i == 0 => Some('H'),
        'h' if i + 1 == chars.len() && vowel(i.checked_sub(1).map(|p| chars[p])) => None,
        'h' if soft => None,
        'h' => Some('H'),
        c if c.is_ascii_digit() => Some(c),
        _ => None,
    };
    (class, 1)
}

/// A word folded for comparing two spellings in one script: every vowel
/// (and w, y unless a vowel follows; in Arabic ا و ي) written V, q and g as k, a Latin final h after a
/// vowel dropped, a doubled letter once ("Kerbela" and "Karbala",
/// "Mawsil" and "Mosul" fold alike; "Nasir" and "Nasiriya" do not).
pub fn surface(word: &str, script: Script) -> String {
    let chars: Vec<char> = word.chars().collect();
    let plain_vowel = |c: Option<char>| c.is_some_and(|c| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u'));
    // In Latin, y and w before a vowel are consonants ("Amiriya" is not "Amara").
    let vowel = |i: usize| match script {
        Script::Latin => {
            plain_vowel(Some(chars[i])) || (matches!(chars[i], 'y' | 'w') && !plain_vowel(chars.get(i + 1).copied()))
        }
        Script::Arabic => matches!(chars[i], 'ا' | 'و' | 'ي'),
        Script::Digits => false,
    };
    let mut folded: Vec<char> = (0..chars.len())
        .map(|i| match chars[i] {
            _ if vowel(i) => 'V',
            'q' | 'g' => 'k',
            c => c,
        })
        .collect();
    // "iya" and "ya" alike: a vowel before a consonant y is not written.
    if script == Script::Latin {
        let mut kept = Vec::with_capacity(folded.len());
        for (i, &c) in folded.iter().enumerate() {
            if !(c == 'V' && folded.get(i + 1) == Some(&'y')) {
                kept.push(c);
            }
        }
        folded = kept;
    }
    if script == Script::Latin && folded.len() > 2 && folded.ends_with(&['V', 'h']) {
        folded.pop();
    }
    // "dh" and "th" write ذ ض ظ and ث, which other spellings write d and t
    // ("Riyadh" and "Riyad", "Khidhir" and "Khidir").
    if script == Script::Latin {
        let mut kept = Vec::with_capacity(folded.len());
        for &c in &folded {
            if !(c == 'h' && matches!(kept.last(), Some('d' | 't'))) {
                kept.push(c);
            }
        }
        folded = kept;
    }
    folded.dedup();
    folded.into_iter().collect()
}

/// How alike two folded surfaces are: 1 − edit distance ÷ the longer length.
pub fn likeness(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let longer = a.len().max(b.len());
    if longer == 0 {
        return 1.0;
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != cb)).min(above + 1).min(row[j] + 1);
            diagonal = above;
        }
    }
    1.0 - row[b.len()] as f64 / longer as f64
}
