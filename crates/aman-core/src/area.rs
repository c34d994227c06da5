//! Places: P-codes and the administrative hierarchy (country › governorate ›
//! district › sub-district). Every permission, statistic and committee is scoped
//! to an area and covers its descendants.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A validated OCHA P-code for Iraq: `IQ`, `IQG15`, `IQG15Q01` or `IQG15Q01N01`.
///
/// The codes are fixed-width and hierarchical, so an area covers another exactly
/// when its code is a prefix of the other's.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Pcode(String);

/// How deep an area is: 0 country, 1 governorate, 2 district, 3 sub-district.
pub type Level = u8;

impl Pcode {
    pub fn parse(input: &str) -> Option<Pcode> {
        let code = input.trim().to_ascii_uppercase();
        let rest = code.strip_prefix("IQ")?;
        let bytes = rest.as_bytes();
        let markers = [b'G', b'Q', b'N'];
        if bytes.len() % 3 != 0 || bytes.len() > 9 {
            return None;
        }
        for (i, chunk) in bytes.chunks(3).enumerate() {
            if chunk[0] != markers[i] || !chunk[1].is_ascii_digit() || !chunk[2].is_ascii_digit() {
                return None;
            }
        }
        Some(Pcode(code))
    }

    pub fn country() -> Pcode {
        Pcode("IQ".to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn level(&self) -> Level {
        ((self.0.len() - 2) / 3) as Level
    }

    pub fn parent(&self) -> Option<Pcode> {
        (self.0.len() > 2).then(|| Pcode(self.0[..self.0.len() - 3].to_owned()))
    }

    /// True when `other` is this area or lies inside it.
    pub fn covers(&self, other: &Pcode) -> bool {
        other.0.starts_with(&self.0)
    }
}

impl fmt::Display for Pcode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Pcode {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Pcode::parse(&value).ok_or_else(|| format!("not a P-code: {value}"))
    }
}

impl From<Pcode> for String {
    fn from(value: Pcode) -> String {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: Option<(&str, Level, Option<&str>)>) {
        let parsed = Pcode::parse(input);
        let actual = parsed.as_ref().map(|p| (p.as_str(), p.level(), p.parent().map(|q| q.as_str().to_owned())));
        let expected = expected.map(|(c, l, p)| (c, l, p.map(str::to_owned)));
        assert_eq!(actual, expected, "{input}");
    }

    #[test]
    fn parses_every_level_and_rejects_the_rest() {
        check("IQ", Some(("IQ", 0, None)));
        check("iqg15", Some(("IQG15", 1, Some("IQ"))));
        check(" IQG15Q01 ", Some(("IQG15Q01", 2, Some("IQG15"))));
        check("IQG15Q01N01", Some(("IQG15Q01N01", 3, Some("IQG15Q01"))));
        check("", None);
        check("IQG1", None);
        check("IQQ01", None);
        check("IQG15N01", None);
        check("IQG15Q01N01X01", None);
        check("SYG01", None);
        check("IQGAB", None);
    }

    #[test]
    fn covers_is_prefix_on_whole_levels() {
        let basra = Pcode::parse("IQG02").unwrap();
        let district = Pcode::parse("IQG02Q01").unwrap();
        assert!(basra.covers(&district));
        assert!(basra.covers(&basra));
        assert!(!district.covers(&basra));
        assert!(Pcode::country().covers(&district));
        assert!(!Pcode::parse("IQG01").unwrap().covers(&Pcode::parse("IQG15").unwrap()));
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    /// The documented grammar, independently: `IQ` then up to three
    /// marker-and-two-digit chunks G, Q, N in that order.
    fn is_pcode(code: &str) -> bool {
        let Some(rest) = code.strip_prefix("IQ") else { return false };
        let chunks: Vec<&[u8]> = rest.as_bytes().chunks(3).collect();
        rest.len() % 3 == 0
            && chunks.len() <= 3
            && chunks.iter().zip(b"GQN").all(|(c, m)| c[0] == *m && c[1..].iter().all(u8::is_ascii_digit))
    }

    /// A valid code at `depth`, its letters in either case.
    fn code() -> impl Strategy<Value = String> {
        (0usize..4, prop::collection::vec(0u8..100, 3), prop::collection::vec(any::<bool>(), 5)).prop_map(
            |(depth, numbers, lower)| {
                let mut code = "IQ".to_owned();
                for (marker, number) in ["G", "Q", "N"].iter().zip(numbers).take(depth) {
                    code.push_str(&format!("{marker}{number:02}"));
                }
                code.chars().enumerate().map(|(i, c)| if lower[i % 5] { c.to_ascii_lowercase() } else { c }).collect()
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Never panics, whatever the text; what it accepts is the trimmed,
        /// upper-cased input and a P-code by the grammar.
        #[test]
        fn parse_accepts_only_pcodes(input in "\\PC{0,16}|[IQGNiqgn0-9 ]{0,14}|\\pC{0,4}") {
            let parsed = Pcode::parse(&input);
            let normal = input.trim().to_ascii_uppercase();
            let grammatical = is_pcode(&normal);
            prop_assert_eq!(parsed.is_some(), grammatical, "{:?}", input);
            if let Some(code) = parsed {
                prop_assert_eq!(code.as_str(), normal.as_str());
                prop_assert!(code.level() <= 3);
            }
        }

        /// Every valid code is accepted in either case with surrounding
        /// whitespace; its parents are its prefixes, one level at a time, and
        /// each covers it; anything appended makes it invalid.
        #[test]
        fn valid_codes_parse_with_their_hierarchy(code in code(), pad in "[ \\t\\n]{0,3}", tail in "[0-9A-Za-z]{1,3}") {
            let upper = code.to_ascii_uppercase();
            let parsed = Pcode::parse(&format!("{pad}{code}{pad}"));
            prop_assert_eq!(parsed.as_ref().map(Pcode::as_str), Some(upper.as_str()));
            let Some(parsed) = parsed else { return Ok(()) };
            let mut child = parsed.clone();
            while let Some(parent) = child.parent() {
                prop_assert_eq!(parent.level() + 1, child.level());
                prop_assert!(parent.covers(&parsed) && !child.covers(&parent));
                let reparsed = Pcode::parse(parent.as_str());
                prop_assert_eq!(reparsed.as_ref(), Some(&parent));
                child = parent;
            }
            prop_assert_eq!(child, Pcode::country());
            if parsed.level() == 3 || tail.len() != 3 {
                prop_assert_eq!(Pcode::parse(&format!("{code}{tail}")), None);
            }
        }
    }
}
