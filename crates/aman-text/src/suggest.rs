//! The kind of concern a description's words suggest, shown to triage beside
//! the kind the reporter chose — never applied by itself.
//!
//! Each kind has a list of words and phrases in Arabic, Sorani, Kurmanji and
//! English (`data/text/category-terms.csv`, compiled by the project from the
//! domain's definitions of the kinds). A kind scores one point for each of
//! its terms found ([`crate::terms`]), phrases two; the best kind is
//! suggested when it scores at least two points and clearly more than the
//! next (so one stray word suggests nothing), with the terms that made it.

use crate::terms::{Language, Term, csv_fields, words};
use aman_core::category::Category;

const CATEGORY_TERMS: &str = include_str!("../../../data/text/category-terms.csv");

/// Points a suggestion needs.
const MIN_POINTS: u32 = 2;

/// A kind the words suggest, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    pub category: Category,
    /// The terms found, as the list writes them.
    pub terms: Vec<String>,
    pub points: u32,
}

/// The words of every kind.
#[derive(Clone, Debug)]
pub struct Suggester {
    terms: Vec<(Category, Term)>,
}

impl Suggester {
    /// Reads `category,language,term` lines after a header; an error names
    /// the line.
    pub fn parse(text: &str) -> Result<Suggester, String> {
        let mut terms = Vec::new();
        for (number, line) in text.lines().enumerate().skip(1).filter(|(_, l)| !l.trim().is_empty()) {
            let bad = |what: String| format!("line {}: {what}", number + 1);
            let fields = csv_fields(line.trim_end_matches('\r')).map_err(&bad)?;
            let [category, language, term] = &fields[..] else {
                return Err(bad(format!("{} fields, not 3", fields.len())));
            };
            let category = Category::from_code(category).ok_or_else(|| bad(format!("unknown kind {category:?}")))?;
            let language =
                Language::from_code(language).ok_or_else(|| bad(format!("unknown language {language:?}")))?;
            terms.push((category, Term::new(term, language).ok_or_else(|| bad("empty term".to_owned()))?));
        }
        Ok(Suggester { terms })
    }

    /// The shipped lists.
    pub fn shipped() -> Suggester {
        Suggester::parse(CATEGORY_TERMS).expect("the shipped lists are checked by the tests")
    }

    /// The kind a text suggests, if its words say so clearly.
    pub fn suggest(&self, text: &str) -> Option<Suggestion> {
        let words = words(text);
        let mut scores: Vec<Suggestion> = Vec::new();
        for (category, term) in self.terms.iter().filter(|(_, t)| t.found_in(&words)) {
            let points = if term.text.contains(' ') { 2 } else { 1 };
            match scores.iter_mut().find(|s| s.category == *category) {
                Some(s) if !s.terms.contains(&term.text) => {
                    s.points += points;
                    s.terms.push(term.text.clone());
                }
                Some(_) => {}
                None => scores.push(Suggestion { category: *category, terms: vec![term.text.clone()], points }),
            }
        }
        // Best first; ties keep the list's order of kinds.
        scores.sort_by_key(|s| std::cmp::Reverse(s.points));
        let best = scores.first()?;
        let runner_up = scores.get(1).map_or(0, |s| s.points);
        (best.points >= MIN_POINTS && best.points > runner_up).then(|| best.clone())
    }
}

/// The kind a text suggests with the shipped lists.
pub fn suggest(text: &str) -> Option<Suggestion> {
    static SHIPPED: std::sync::OnceLock<Suggester> = std::sync::OnceLock::new();
    SHIPPED.get_or_init(Suggester::shipped).suggest(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_lists_cover_every_kind_but_other_in_every_language() {
        let suggester = Suggester::shipped();
        for category in Category::ALL.into_iter().filter(|c| *c != Category::Other) {
            for language in [Language::Arabic, Language::Sorani, Language::Kurmanji, Language::English] {
                assert!(
                    suggester.terms.iter().any(|(c, t)| *c == category && t.language == language),
                    "{category:?} in {language:?}"
                );
            }
        }
    }

    #[test]
    fn clear_words_suggest_their_kind_with_the_terms_found() {
        let suggested = suggest("مسلحون يطلقون النار في الهواء قرب السوق ومعهم اسلحة").expect("a suggestion");
        assert_eq!(suggested.category, Category::ArmedGroupsWeapons);
        assert!(suggested.terms.contains(&"اطلاق نار".to_owned()) || suggested.terms.contains(&"مسلحون".to_owned()));
        assert_eq!(
            suggest("انقطاع الكهرباء عن المستشفى منذ يومين").map(|s| s.category),
            Some(Category::ServicesFailure)
        );
        assert_eq!(
            suggest("Thieves stole our car: a theft and a robbery again").map(|s| s.category),
            Some(Category::Crime)
        );
        assert_eq!(suggest("کارەبا و ئاو نییە لە نەخۆشخانە").map(|s| s.category), Some(Category::ServicesFailure));
    }

    #[test]
    fn one_stray_word_or_a_tie_suggests_nothing() {
        assert_eq!(suggest("ذهبت الى السوق"), None);
        assert_eq!(suggest("police"), None, "one word is not enough");
        assert_eq!(suggest(""), None);
    }

    #[test]
    fn bad_lists_name_the_line() {
        assert_eq!(Suggester::parse("h\ncrime,ar").err(), Some("line 2: 2 fields, not 3".to_owned()));
        assert!(Suggester::parse("h\nnonsense,ar,x").err().is_some_and(|e| e.contains("unknown kind")));
        assert!(Suggester::parse("h\ncrime,fr,x").err().is_some_and(|e| e.contains("unknown language")));
    }
}
