//! The areas' Kurdish names, Sorani (Arabic script) and Kurmanji (Latin),
//! for the boundary dataset's P-codes, each with the page where it was
//! checked (`data/places/kurdish-names.csv`; its PROVENANCE.md says how and
//! which areas must have a checked name).

use std::collections::HashMap;

const NAMES: &str = include_str!("../../../data/places/kurdish-names.csv");

/// The columns the file must have (found by name, in any order).
const COLUMNS: [&str; 6] = ["pcode", "name_ckb", "name_kmr", "basis", "source_ckb", "source_kmr"];

/// Where an area's Kurdish names come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// A Kurdish name in use for the place (its sources, where found, are
    /// given).
    Kurdish,
    /// The Arabic name written in Kurdish letters by rule: Kurdish has no
    /// name of its own for the place, so no source is given.
    Transliterated,
}

impl Basis {
    fn parse(text: &str) -> Option<Basis> {
        match text {
            "kurdish" => Some(Basis::Kurdish),
            "transliterated" => Some(Basis::Transliterated),
            _ => None,
        }
    }
}

/// One area's Kurdish names and the pages where they were checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KurdishNames {
    pub ckb: &'static str,
    pub kmr: &'static str,
    pub basis: Basis,
    /// The page (https URL) giving the Sorani name, if one was found.
    pub source_ckb: Option<&'static str>,
    /// The page (https URL) giving the Kurmanji name, if one was found.
    pub source_kmr: Option<&'static str>,
}

/// Every area's Kurdish names by P-code, from the project's file (no
/// quoting; its tests check it, so reading it cannot fail at run time).
pub fn kurdish_names() -> HashMap<&'static str, KurdishNames> {
    parse_names(NAMES).expect("data/places/kurdish-names.csv is checked by this module's tests")
}

/// Reads the file: a header naming at least [`COLUMNS`], then one line per
/// P-code, fields split on commas (the file has no quoting).
fn parse_names(text: &'static str) -> Result<HashMap<&'static str, KurdishNames>, String> {
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().ok_or("the file is empty")?.split(',').collect();
    let column = |name: &str| header.iter().position(|c| *c == name).ok_or(format!("no column {name}"));
    let at = [
        column(COLUMNS[0])?,
        column(COLUMNS[1])?,
        column(COLUMNS[2])?,
        column(COLUMNS[3])?,
        column(COLUMNS[4])?,
        column(COLUMNS[5])?,
    ];
    let mut names = HashMap::new();
    for (number, line) in lines.enumerate().map(|(i, line)| (i + 2, line)) {
        let fields: Vec<&'static str> = line.split(',').collect();
        if fields.len() != header.len() {
            return Err(format!("line {number}: {} fields, the header has {}", fields.len(), header.len()));
        }
        let [pcode, ckb, kmr, basis, source_ckb, source_kmr] = at.map(|i| fields[i]);
        let basis = Basis::parse(basis).ok_or(format!("line {number}: unknown basis {basis:?}"))?;
        let source = |url: &'static str| (!url.is_empty()).then_some(url);
        let entry = KurdishNames { ckb, kmr, basis, source_ckb: source(source_ckb), source_kmr: source(source_kmr) };
        if names.insert(pcode, entry).is_some() {
            return Err(format!("line {number}: {pcode} appears twice"));
        }
    }
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{embedded_boundaries, parse_ocha};

    /// The areas whose names must be checked against a source (the issue:
    /// the 18 governorates, every district and sub-district of Sulaymaniyah
    /// (with Halabja), Duhok, Erbil and Kirkuk, and the Kurdish-speaking
    /// districts of Ninewa, Diyala and Salah al-Din; PROVENANCE.md gives the
    /// reasons). A P-code is required if it is a governorate or starts with
    /// one of these.
    const REQUIRED: [&str; 11] = [
        "IQG06Q",   // Al-Sulaymaniyah (with Halabja district)
        "IQG09Q",   // Duhok
        "IQG11Q",   // Erbil
        "IQG13Q",   // Kirkuk
        "IQG15Q01", // Ninewa: Aqra
        "IQG15Q06", // Ninewa: Shekhan
        "IQG15Q07", // Ninewa: Sinjar
        "IQG15Q09", // Ninewa: Tel Kaif
        "IQG10Q05", // Diyala: Khanaqin
        "IQG10Q06", // Diyala: Kifri
        "IQG16Q07", // Salah al-Din: Tuz Khurmatu
    ];

    fn required(pcode: &str) -> bool {
        pcode.len() == 5 || REQUIRED.iter().any(|prefix| pcode.starts_with(prefix))
    }

    /// The required names for which no page was found yet (P-code, then the
    /// languages lacking a source). The test below keeps this list exact:
    /// when a source is added, its entry must go.
    const NOT_YET_SOURCED: &str = "
IQG05 ckb
IQG11Q01 ckb kmr
IQG06Q03 kmr
IQG06Q07 kmr
IQG06Q08 kmr
IQG06Q10 ckb
IQG15Q09 ckb kmr
IQG13Q01N04 ckb kmr
IQG09Q02N01 ckb kmr
IQG13Q04N03 ckb kmr
IQG15Q07N01 ckb kmr
IQG15Q09N02 ckb kmr
IQG13Q02N01 kmr
IQG13Q01N03 ckb kmr
IQG10Q05N01 ckb kmr
IQG13Q01N02 ckb kmr
IQG16Q07N01 ckb kmr
IQG15Q06N03 ckb kmr
IQG09Q03N01 ckb kmr
IQG06Q01N01 ckb kmr
IQG06Q06N02 ckb kmr
IQG15Q01N02 ckb kmr
IQG06Q05N01 kmr
IQG06Q09N03 ckb kmr
IQG06Q02N04 ckb
IQG11Q05N02 kmr
IQG11Q04N03 ckb
IQG15Q01N04 ckb kmr
IQG09Q03N02 ckb kmr
IQG06Q04N01 ckb kmr
IQG11Q04N04 ckb
IQG11Q06N03 kmr
IQG06Q08N01 kmr
IQG06Q02N03 ckb
IQG06Q07N01 ckb kmr
IQG11Q06N01 ckb kmr
IQG15Q01N03 kmr
IQG13Q04N02 ckb
IQG09Q01N02 ckb kmr
IQG13Q01N01 ckb kmr
IQG15Q06N01 ckb kmr
IQG15Q01N05 ckb kmr
IQG06Q02N02 kmr
IQG13Q02N02 ckb kmr
IQG06Q03N01 kmr
IQG13Q03N02 ckb kmr
IQG09Q02N02 ckb kmr
IQG11Q02N02 ckb kmr
IQG06Q05N03 ckb kmr
IQG06Q06N01 ckb kmr
IQG10Q05N02 ckb kmr
IQG10Q06N02 ckb kmr
IQG13Q04N06 ckb kmr
IQG11Q03N03 ckb kmr
IQG11Q04N02 ckb kmr
IQG06Q07N02 ckb kmr
IQG06Q08N03 ckb kmr
IQG06Q09N02 ckb kmr
IQG11Q05N01 ckb kmr
IQG06Q10N02 ckb kmr
IQG15Q07N03 kmr
IQG09Q03N03 ckb kmr
IQG15Q09N01 ckb kmr
IQG16Q07N02 ckb kmr
IQG09Q04N01 ckb kmr
IQG06Q10N04 ckb kmr
IQG11Q01N02 ckb kmr
IQG10Q05N03 ckb kmr
IQG06Q09N01 ckb kmr
IQG06Q08N02 kmr
IQG09Q01N03 ckb kmr
IQG06Q01N02 kmr
IQG11Q04N01 ckb
IQG10Q05N05 ckb kmr
IQG15Q06N02 ckb kmr
IQG13Q04N07 ckb kmr
IQG06Q01N03 kmr
IQG13Q03N01 ckb kmr
IQG09Q01N04 ckb kmr
IQG06Q10N01 ckb kmr
IQG06Q05N04 kmr
IQG11Q03N02 kmr
IQG13Q04N05 ckb
IQG09Q03N04 ckb kmr
IQG06Q10N03 ckb kmr
IQG06Q04N02 ckb kmr
IQG16Q07N03 ckb kmr
IQG13Q04N01 kmr
IQG06Q06N03 ckb kmr
IQG15Q09N03 ckb kmr
IQG13Q04N04 ckb kmr
";

    /// The kinds of page the names were checked on (PROVENANCE.md lists them).
    const SOURCE_HOSTS: [&str; 25] = [
        "ckb.wikipedia.org",
        "ckb.m.wikipedia.org",
        "ku.wikipedia.org",
        "ku.m.wikipedia.org",
        "wikiwand.com",
        "www.kurdistan24.net",
        "manage.rudaw.net",
        "gulanmedia.com",
        "kirkuknow.com",
        "knwe.org",
        "esta.krd",
        "gov.krd",
        "nrttv.com",
        "xelk.org",
        "rupelanu.com",
        "www.zarikrmanji.net",
        "kurdipedia.org",
        "ku.964media.com",
        "dengiamerika.com",
        "pukmedia.com",
        "ku.kurdpress.com",
        "www.aa.com.tr",
        "www.euronupress.com",
        "xwakurk.com",
        "politicpress.com",
    ];

    #[test]
    fn every_area_has_one_sorani_and_one_kurmanji_name() {
        let lines: Vec<&str> = NAMES.lines().collect();
        assert_eq!(lines[0], "pcode,name_ckb,name_kmr,basis,source_ckb,source_kmr");
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
        assert_eq!((names["IQG11"].ckb, names["IQG11"].kmr), ("هەولێر", "Hewlêr"));
        assert_eq!(names["IQG06"].ckb, "سلێمانی");
    }

    #[test]
    fn every_name_of_a_required_area_has_a_source_unless_listed_as_not_yet_sourced() {
        let mut ledger: HashMap<&str, Vec<&str>> = HashMap::new();
        for line in NOT_YET_SOURCED.lines().filter(|line| !line.trim().is_empty()) {
            let mut words = line.split_whitespace();
            let pcode = words.next().expect("a P-code");
            assert!(ledger.insert(pcode, words.collect()).is_none(), "{pcode} listed twice");
        }
        let names = kurdish_names();
        let required_areas = names.keys().filter(|pcode| required(pcode)).count();
        assert_eq!(required_areas, 154, "18 governorates and 136 districts and sub-districts");
        for (pcode, name) in &names {
            let missing: Vec<&str> = [("ckb", name.source_ckb), ("kmr", name.source_kmr)]
                .into_iter()
                .filter(|(_, source)| source.is_none())
                .map(|(language, _)| language)
                .collect();
            if !required(pcode) {
                assert!(!ledger.contains_key(pcode), "{pcode} is not a required area");
                continue;
            }
            let listed = ledger.get(pcode).cloned().unwrap_or_default();
            assert_eq!(listed, missing, "{pcode}: the names without a source must be exactly those listed");
        }
        for pcode in ledger.keys() {
            assert!(names.contains_key(pcode), "{pcode} listed but not in the file");
        }
    }

    #[test]
    fn sources_are_https_pages_of_the_kinds_used_and_never_for_a_transliteration() {
        let mut sourced = 0;
        for (pcode, name) in kurdish_names() {
            for source in [name.source_ckb, name.source_kmr].into_iter().flatten() {
                sourced += 1;
                assert_eq!(name.basis, Basis::Kurdish, "{pcode}: a transliteration is not sourced");
                let host = source
                    .strip_prefix("https://")
                    .and_then(|rest| rest.split('/').next())
                    .unwrap_or_else(|| panic!("{pcode}: not an https URL: {source}"));
                assert!(SOURCE_HOSTS.contains(&host), "{pcode}: {host} is not one of the sites used");
                assert!(!source.contains(char::is_whitespace), "{pcode}: {source}");
            }
        }
        assert!(sourced >= 85, "{sourced} sourced names; the file had 85 when the sources were added");
    }

    #[test]
    fn parse_finds_columns_by_name_and_rejects_bad_files() {
        let text = "source_kmr,basis,pcode,name_kmr,name_ckb,source_ckb\n\
                    https://ku.wikipedia.org/wiki/X,kurdish,IQG99,Xa,خا,\n\
                    ,transliterated,IQG98,Ya,یا,\n";
        let names = parse_names(text).expect("columns in another order");
        assert_eq!(
            names["IQG99"],
            KurdishNames {
                ckb: "خا",
                kmr: "Xa",
                basis: Basis::Kurdish,
                source_ckb: None,
                source_kmr: Some("https://ku.wikipedia.org/wiki/X"),
            }
        );
        assert_eq!(names["IQG98"].basis, Basis::Transliterated);
        assert_eq!(names["IQG98"].source_kmr, None);

        let no_source_column = "pcode,name_ckb,name_kmr,basis\nIQG99,خا,Xa,kurdish\n";
        assert_eq!(parse_names(no_source_column), Err("no column source_ckb".to_owned()));
        let short = "pcode,name_ckb,name_kmr,basis,source_ckb,source_kmr\nIQG99,خا,Xa,kurdish,\n";
        assert_eq!(parse_names(short), Err("line 2: 5 fields, the header has 6".to_owned()));
        let basis = "pcode,name_ckb,name_kmr,basis,source_ckb,source_kmr\nIQG99,خا,Xa,guessed,,\n";
        assert_eq!(parse_names(basis), Err("line 2: unknown basis \"guessed\"".to_owned()));
        let twice =
            "pcode,name_ckb,name_kmr,basis,source_ckb,source_kmr\nIQG99,خا,Xa,kurdish,,\nIQG99,خا,Xa,kurdish,,\n";
        assert_eq!(parse_names(twice), Err("line 3: IQG99 appears twice".to_owned()));
        assert_eq!(parse_names(""), Err("the file is empty".to_owned()));
    }
}
