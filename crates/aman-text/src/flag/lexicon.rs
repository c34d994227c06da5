//! Sectarian, dehumanising and incitement terms of Iraqi Arabic, Sorani,
//! Kurmanji and English (`data/text/lexicon.csv`, compiled by the project and
//! awaiting review by local reviewers), found in what people write as the
//! crate finds every listed term (whole words, with clitics and endings),
//! except that an Arabic term takes no ending.

use crate::terms::{Language, Term, csv_fields, words};

/// The shipped lexicon.
const LEXICON: &str = include_str!("../../../../data/text/lexicon.csv");

/// What a term does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TermKind {
    /// A slur or label for a religious, sectarian or ethnic group.
    Sectarian,
    /// Speaks of people as animals, dirt or disease.
    Dehumanising,
    /// Calls for killing, burning or expelling people.
    Incitement,
}

impl TermKind {
    /// Its name in the lexicon file.
    pub fn name(self) -> &'static str {
        match self {
            TermKind::Sectarian => "sectarian",
            TermKind::Dehumanising => "dehumanising",
            TermKind::Incitement => "incitement",
        }
    }
}

/// One term of the lexicon.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The term as written, its language, and how it is found (Arabic
    /// endings make other words too often: مرتدين is "wearing").
    pub term: Term,
    /// What it does.
    pub kind: TermKind,
    /// What it means and why it is listed.
    pub note: String,
}

/// A list of terms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lexicon {
    entries: Vec<Entry>,
}

impl Lexicon {
    /// Reads a lexicon: a header, then `term,language,kind,note` lines with
    /// `language` one of `ar`, `ckb`, `kmr`, `en` and `kind` one of
    /// `sectarian`, `dehumanising`, `incitement`. An error names the line.
    pub fn parse(text: &str) -> Result<Lexicon, String> {
        let mut entries = Vec::new();
        for (number, line) in text.lines().enumerate().skip(1) {
            if line.trim().is_empty() {
                continue;
            }
            let bad = |what: &str| format!("line {}: {what}", number + 1);
            let fields = csv_fields(line.trim_end_matches('\r')).map_err(|e| bad(&e))?;
            let [term, language, kind, note] = &fields[..] else {
                return Err(bad(&format!("{} fields, not 4", fields.len())));
            };
            let language =
                Language::from_code(language).ok_or_else(|| bad(&format!("unknown language {language:?}")))?;
            let kind = match kind.as_str() {
                "sectarian" => TermKind::Sectarian,
                "dehumanising" => TermKind::Dehumanising,
                "incitement" => TermKind::Incitement,
                other => return Err(bad(&format!("unknown kind {other:?}"))),
            };
            let term = Term::new(term, language).ok_or_else(|| bad("empty term"))?.without_arabic_endings();
            entries.push(Entry { term, kind, note: note.clone() });
        }
        Ok(Lexicon { entries })
    }

    /// The lexicon of `data/text/lexicon.csv`.
    pub fn shipped() -> Lexicon {
        Lexicon::parse(LEXICON).expect("the shipped lexicon is checked by the tests")
    }

    /// Its terms, in the file's order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The terms found in `text`, each once, in the lexicon's order.
    pub fn find(&self, text: &str) -> Vec<&Entry> {
        let words = words(text);
        self.entries.iter().filter(|e| e.term.found_in(&words)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        Lexicon::shipped().find(text).iter().map(|e| e.term.text.clone()).collect()
    }

    #[test]
    fn the_shipped_lexicon_reads_and_covers_every_language_and_kind() {
        let lexicon = Lexicon::shipped();
        assert!(lexicon.entries().len() >= 60);
        for language in [Language::Arabic, Language::Sorani, Language::Kurmanji, Language::English] {
            assert!(lexicon.entries().iter().any(|e| e.term.language == language), "{language:?}");
        }
        for kind in [TermKind::Sectarian, TermKind::Dehumanising, TermKind::Incitement] {
            assert!(lexicon.entries().iter().any(|e| e.kind == kind), "{kind:?}");
        }
        assert!(lexicon.entries().iter().all(|e| !e.note.is_empty()));
        // Every term is found in itself, so none is unreachable.
        for entry in lexicon.entries() {
            assert!(lexicon.find(&entry.term.text).contains(&entry), "{}", entry.term.text);
        }
        assert_eq!(
            [TermKind::Sectarian, TermKind::Dehumanising, TermKind::Incitement].map(TermKind::name),
            ["sectarian", "dehumanising", "incitement"]
        );
    }

    #[test]
    fn whole_words_with_their_clitics_and_endings() {
        assert_eq!(found("هؤلاء الكفار"), ["كفار"]);
        assert_eq!(found("وهالروافض ما يستاهلون"), ["روافض"]);
        assert_eq!(found("ذيول إيران في المنطقة"), ["ذيول ايران"]);
        assert_eq!(found("گاورەکان"), ["گاور"], "Sorani definite plural");
        assert_eq!(found("Ew şeytanperestan in"), ["şeytanperest"], "Kurmanji oblique plural");
        assert_eq!(found("WAN BIKUJIN!"), ["wan bikujin"]);
        assert_eq!(found("بیانکوژن"), ["بیانکوژن"]);
    }

    #[test]
    fn innocent_words_that_contain_a_term_do_not_match() {
        for text in [
            "كفارة اليمين إطعام عشرة مساكين",
            "توزيع المناصب بين الكتل",
            "احنا رافضين القرار",
            "الصليب الأحمر وزع مساعدات",
            "مسلحين مرتدين زي عسكري",
            "Kafirstan",
            "the case was closed",
            "bikujin",
            "",
        ] {
            assert_eq!(found(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn mistakes_are_named() {
        let header = "term,language,kind,note\n";
        assert_eq!(
            Lexicon::parse(&format!("{header}x,fr,incitement,n\n")),
            Err("line 2: unknown language \"fr\"".to_owned())
        );
        assert_eq!(Lexicon::parse(&format!("{header}x,ar,rude,n\n")), Err("line 2: unknown kind \"rude\"".to_owned()));
        assert_eq!(Lexicon::parse(&format!("{header}x,ar\n")), Err("line 2: 2 fields, not 4".to_owned()));
        assert_eq!(Lexicon::parse(&format!("{header}!!,ar,incitement,n\n")), Err("line 2: empty term".to_owned()));
        assert_eq!(Lexicon::parse(&format!("{header}x,ar,incitement,\"n\n")), Err("line 2: unclosed quote".to_owned()));
        let quoted = Lexicon::parse(&format!("{header}x,en,incitement,\"a, \"\"b\"\"\"\n")).expect("valid");
        assert_eq!(quoted.entries()[0].note, "a, \"b\"");
    }
}
