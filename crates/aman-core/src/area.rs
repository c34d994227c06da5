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
