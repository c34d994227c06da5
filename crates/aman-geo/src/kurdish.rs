//! The areas' Kurdish names, Sorani (Arabic script) and Kurmanji (Latin),
//! compiled by the project for the boundary dataset's P-codes
//! (`data/places/kurdish-names.csv`; its PROVENANCE.md says how).

use std::collections::HashMap;

const NAMES: &str = include_str!("../../../data/places/kurdish-names.csv");

/// One area's Kurdish names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KurdishNames {
    pub ckb: &'static str,
    pub kmr: &'static str,
}

/// Every area's Kurdish names by P-code. The file is the project's own
/// (`pcode,name_ckb,name_kmr,basis`, no quoting); its tests check it.
pub fn kurdish_names() -> HashMap<&'static str, KurdishNames> {
    NAMES
        .lines()
        .skip(1)
        .filter_map(|line| {
            let mut fields = line.split(',');
            let (pcode, ckb, kmr) = (fields.next()?, fields.next()?, fields.next()?);
            Some((pcode, KurdishNames { ckb, kmr }))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{embedded_boundaries, parse_ocha};

    #[test]
    fn every_area_has_one_sorani_and_one_kurmanji_name() {
        let lines: Vec<&str> = NAMES.lines().collect();
        assert_eq!(lines[0], "pcode,name_ckb,name_kmr,basis");
        let names = kurdish_names();
        assert_eq!(names.len(), lines.len() - 1, "each P-code once");
        let mut areas = 0;
        for (level, text) in embedded_boundaries().into_iter().filter(|(level, _)| *level > 0) {
            for record in parse_ocha(level, text).expect("boundaries") {
                areas += 1;
                let name = names.get(record.pcode.as_str()).unwrap_or_else(|| panic!("{} has no name", record.pcode));
                assert!(!name.ckb.is_empty() && !name.kmr.is_empty(), "{}", record.pcode);
            }
        }
        assert_eq!(areas, names.len(), "no name for an area that does not exist");
        for line in &lines[1..] {
            let fields: Vec<&str> = line.split(',').collect();
            assert_eq!(fields.len(), 4, "{line}");
            assert!(["kurdish", "transliterated"].contains(&fields[3]), "{line}");
        }
    }

    #[test]
    fn sorani_is_written_in_sorani_letters_and_kurmanji_in_latin() {
        for (pcode, name) in kurdish_names() {
            // Arabic-only letters and marks that Sorani spelling replaces.
            let arabic_only = |c: char| matches!(c, 'ة' | 'ي' | 'ك' | 'ى' | 'ـ' | '\u{064B}'..='\u{065F}' | '\u{0670}');
            assert!(!name.ckb.chars().any(arabic_only), "{pcode}: {}", name.ckb);
            assert!(
                name.ckb.chars().all(|c| c == ' ' || ('\u{0600}'..='\u{06FF}').contains(&c)),
                "{pcode}: {}",
                name.ckb
            );
            assert!(
                name.kmr
                    .chars()
                    .all(|c| c.is_alphabetic() && !('\u{0600}'..='\u{06FF}').contains(&c) || " -'".contains(c)),
                "{pcode}: {}",
                name.kmr
            );
        }
        let names = kurdish_names();
        assert_eq!(names["IQG11"], KurdishNames { ckb: "هەولێر", kmr: "Hewlêr" });
        assert_eq!(names["IQG06"].ckb, "سلێمانی");
    }
}
