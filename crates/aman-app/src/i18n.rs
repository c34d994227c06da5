//! Translations (Project Fluent, with CLDR plural rules: Arabic has six plural
//! forms). Every door speaks through them: pages, API messages, the updates
//! written to a reporter in the language they wrote in.
//!
//! The bundles are immutable data compiled into the binary, so they live in a
//! process-wide `LazyLock` like any other constant.

use aman_core::concern::Language;
use aman_geo::Area;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::sync::LazyLock;

const SOURCES: [(Language, &str); 4] = [
    (Language::Ar, include_str!("../locales/ar.ftl")),
    (Language::Ckb, include_str!("../locales/ckb.ftl")),
    (Language::Kmr, include_str!("../locales/kmr.ftl")),
    (Language::En, include_str!("../locales/en.ftl")),
];

static BUNDLES: LazyLock<Vec<(Language, FluentBundle<FluentResource>)>> = LazyLock::new(|| {
    SOURCES
        .iter()
        .map(|&(language, source)| {
            let id: unic_langid::LanguageIdentifier = language.as_str().parse().expect("valid language tag");
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Templates mark mixed-direction spans with <bdi>; no invisible
            // isolation characters in the output.
            bundle.set_use_isolating(false);
            let resource = FluentResource::try_new(source.to_owned()).expect("locale files parse (tested)");
            bundle.add_resource(resource).expect("no duplicate keys (tested)");
            (language, bundle)
        })
        .collect()
});

/// The translator for one request's language.
#[derive(Clone, Copy, Debug)]
pub struct Tr {
    pub lang: Language,
}

impl Tr {
    pub fn new(lang: Language) -> Tr {
        Tr { lang }
    }

    pub fn get(&self, key: &str) -> String {
        self.format(key, None)
    }

    /// A message with numeric arguments (plural rules apply).
    pub fn num(&self, key: &str, name: &str, value: i64) -> String {
        let mut args = FluentArgs::new();
        args.set(name.to_owned(), FluentValue::from(value));
        self.format(key, Some(&args))
    }

    /// A message with text arguments.
    pub fn text(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set((*name).to_owned(), FluentValue::from((*value).to_owned()));
        }
        self.format(key, Some(&fluent_args))
    }

    pub fn args(&self, key: &str, args: &FluentArgs) -> String {
        self.format(key, Some(args))
    }

    fn format(&self, key: &str, args: Option<&FluentArgs>) -> String {
        let Some((_, bundle)) = BUNDLES.iter().find(|(l, _)| *l == self.lang) else {
            return key.to_owned();
        };
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            tracing::warn!(key, lang = self.lang.as_str(), "missing translation");
            return key.to_owned();
        };
        let mut errors = Vec::new();
        bundle.format_pattern(pattern, args, &mut errors).into_owned()
    }

    /// Why a field was refused, in words (the description's limits filled in).
    pub fn field_error(&self, code: &str) -> String {
        let mut args = FluentArgs::new();
        args.set("min", aman_core::concern::DESCRIPTION_MIN_CHARS as i64);
        args.set("max", aman_core::concern::DESCRIPTION_MAX_CHARS as i64);
        self.format(&format!("fielderror-{code}"), Some(&args))
    }

    pub fn category(&self, code: &str) -> String {
        self.get(&format!("category-{code}"))
    }

    pub fn status(&self, code: &str) -> String {
        self.get(&format!("status-{code}"))
    }

    pub fn role(&self, code: &str) -> String {
        self.get(&format!("role-{code}"))
    }

    /// An area's name in the reader's language and script; where no Kurdish
    /// name is recorded, Sorani readers see the Arabic one and Kurmanji
    /// readers (Latin script) the English one.
    pub fn area_name<'a>(&self, area: &'a Area) -> &'a str {
        match self.lang {
            Language::En => &area.name_en,
            Language::Ckb => area.name_ckb.as_deref().unwrap_or(&area.name_ar),
            Language::Kmr => area.name_kmr.as_deref().unwrap_or(&area.name_en),
            Language::Ar => &area.name_ar,
        }
    }

    pub fn lang_code(&self) -> &'static str {
        self.lang.as_str()
    }

    pub fn dir(&self) -> &'static str {
        if self.lang.is_rtl() { "rtl" } else { "ltr" }
    }
}

/// The language a message is written in, from its letters: Sorani's own
/// (ە ێ ۆ ڵ ڕ ڤ) or Arabic script; Kurmanji's (ê î û ç ş) or other Latin.
/// `None` when it has no letters to tell by (a number, a symbol).
pub fn detect_language(text: &str) -> Option<Language> {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.is_empty() {
        return None;
    }
    let arabic_script = letters.iter().filter(|c| ('\u{0600}'..='\u{06FF}').contains(*c)).count();
    if arabic_script * 2 >= letters.len() {
        let sorani = letters.iter().any(|c| matches!(c, 'ە' | 'ێ' | 'ۆ' | 'ڵ' | 'ڕ' | 'ڤ'));
        return Some(if sorani { Language::Ckb } else { Language::Ar });
    }
    let lower = text.to_lowercase();
    let kurmanji = letters.iter().any(|c| matches!(c, 'ê' | 'î' | 'û' | 'ç' | 'ş' | 'Ê' | 'Î' | 'Û' | 'Ç' | 'Ş'))
        || lower
            .split(|c: char| !c.is_alphabetic())
            .any(|w| matches!(w, "silav" | "slav" | "rapor" | "kurmancî" | "kurmanci"));
    Some(if kurmanji { Language::Kmr } else { Language::En })
}

/// Every key of a locale file, for tests.
pub fn keys(lang: Language) -> Vec<String> {
    let source = SOURCES.iter().find(|(l, _)| *l == lang).map(|(_, s)| *s).unwrap_or_default();
    let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(r, _)| r);
    resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_is_told_by_the_letters() {
        assert_eq!(detect_language("مرحبا، أريد أن أبلغ عن سلاح"), Some(Language::Ar));
        assert_eq!(detect_language("سڵاو، دەمەوێت ڕاپۆرت بدەم"), Some(Language::Ckb));
        assert_eq!(detect_language("Silav, ez dixwazim tiştekî ragihînim"), Some(Language::Kmr));
        assert_eq!(detect_language("silav"), Some(Language::Kmr));
        assert_eq!(detect_language("Hello, I want to report something"), Some(Language::En));
        assert_eq!(detect_language("٣"), None);
        assert_eq!(detect_language("  ?! "), None);
    }

    #[test]
    fn every_locale_has_every_key_and_parses() {
        let english = keys(Language::En);
        assert!(english.len() > 100);
        for (lang, source) in SOURCES {
            FluentResource::try_new(source.to_owned()).unwrap_or_else(|(_, e)| panic!("{lang:?}: {e:?}"));
            assert_eq!(keys(lang), english, "{lang:?} keys differ from English");
        }
    }

    /// Every field an operation can refuse is named in words, and every
    /// reason given, in every language: no form shows `field-from` or a
    /// bare code. (Read from the sources of the application and the web.)
    #[test]
    fn every_field_error_is_translated() {
        let english = keys(Language::En);
        let mut missing = Vec::new();
        for folder in ["src", "../aman-web/src"] {
            let mut stack = vec![std::path::PathBuf::from(format!("{}/{folder}", env!("CARGO_MANIFEST_DIR")))];
            while let Some(dir) = stack.pop() {
                for entry in std::fs::read_dir(dir).expect("sources") {
                    let path = entry.expect("entry").path();
                    if path.is_dir() {
                        stack.push(path);
                        continue;
                    }
                    let text = std::fs::read_to_string(&path).expect("source");
                    for (at, _) in text.match_indices("Error::field(\"") {
                        let rest = &text[at + "Error::field(\"".len()..];
                        let Some((field, rest)) = rest.split_once('"') else { continue };
                        let Some(code) = rest.strip_prefix(", \"").and_then(|r| r.split('"').next()) else { continue };
                        for key in [format!("field-{field}"), format!("fielderror-{code}")] {
                            if !english.contains(&key) {
                                missing.push(format!("{key} ({})", path.display()));
                            }
                        }
                    }
                }
            }
        }
        assert!(missing.is_empty(), "untranslated: {missing:#?}");
    }

    #[test]
    fn arabic_plurals_use_six_forms() {
        let ar = Tr::new(Language::Ar);
        let forms: Vec<String> = [0, 1, 2, 3, 11, 100].iter().map(|&n| ar.num("queue-count", "count", n)).collect();
        for (i, a) in forms.iter().enumerate() {
            for b in &forms[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(Tr::new(Language::En).num("queue-count", "count", 1), "One concern matches.");
        assert_eq!(Tr::new(Language::En).num("queue-count", "count", 5), "5 concerns match.");
    }
}
