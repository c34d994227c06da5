use super::words::{Lexicon, Piece, Script, likeness, skeleton, surface};
use super::*;
use std::sync::LazyLock;

static AREAS: LazyLock<Areas> = LazyLock::new(|| {
    let records = aman_geo::embedded_boundaries()
        .into_iter()
        .flat_map(|(level, text)| aman_geo::parse_ocha(level, text).expect("embedded boundaries parse"));
    Areas::new(records.collect()).expect("embedded boundaries index")
});
static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| Gazetteer::new(&AREAS));

/// The district (level 2) an area lies in, or the area itself above that.
fn district_of(pcode: &str) -> String {
    AREAS.ancestry(pcode).into_iter().find(|p| AREAS.get(p).is_some_and(|a| a.level == 2)).unwrap_or(pcode.to_owned())
}

/// The first candidate for `text` lies in the district `district`.
fn check(text: &str, district: &str) {
    let found = GAZETTEER.candidates(text, 3);
    let first = found.first().unwrap_or_else(|| panic!("{text}: no candidate"));
    assert_eq!(district_of(&first.pcode), district, "{text}: {found:?}");
}

fn district_named(name_en: &str) -> String {
    AREAS.at_level(2).find(|a| a.name_en == name_en).map(|a| a.pcode.clone()).expect(name_en)
}

#[test]
fn arabic_kurdish_and_latin_texts_find_their_district_first() {
    let cases = [
        ("قرب جسر الائمة في الاعظمية", "Al-Adhamiya"),
        ("li Şingalê", "Sinjar"),
        ("لە شارۆچکەی چەمچەماڵ", "Chamchamal"),
        ("تفجير قرب سوق في الموصل", "Al-Mosul"),
        ("اطلاق نار في ناحية حمام العليل", "Al-Mosul"),
        ("ئەمڕۆ لە هەولێردا کێشە هەبوو", "Erbil"),
        ("Al Fallūjah town", "Al-Falluja"),
        ("Tall ‘Afar town", "Telafar"),
        ("Ba‘qūbah town", "Baquba"),
        ("shooting near the market in Tikrit", "Tikrit"),
        ("bajarê Zaxoyê", "Zakho"),
        ("مشكلة في قضاء طوزخورماتو", "Tooz Khurmato"),
        ("Khanaqin", "Khanaqin"),
        ("في مدينة الكوت", "Al-Kut"),
        // "Hay al-Jihad" is also in Najaf and Kut: Baghdad decides.
        ("near the Hay al-Jihad market in Baghdad", "Al-Karkh"),
        ("حي الجهاد في بغداد", "Al-Karkh"),
        ("Hay al-Jihad, Kut", "Al-Kut"),
        // "dh" for ض, or not: the sub-district Al-Riyadh of Hawija.
        ("Ar Riyāḑ town", "Al-Hawiga"),
    ];
    for (text, district) in cases {
        check(text, &district_named(district));
    }
}

#[test]
fn a_name_in_several_governorates_goes_to_the_one_the_text_names() {
    // "Hay al-Askari" is a neighbourhood in many towns.
    let alone = GAZETTEER.candidates("حي العسكري", 10);
    let governorates: std::collections::HashSet<String> =
        alone.iter().map(|c| AREAS.ancestry(&c.pcode).into_iter().rev().nth(1).unwrap_or_default()).collect();
    assert!(governorates.len() > 1, "{alone:?}");
    for governorate in ["Kirkuk", "Al-Anbar"] {
        let pcode = AREAS.at_level(1).find(|a| a.name_en == governorate).map(|a| a.pcode.clone()).expect("governorate");
        let found = GAZETTEER.candidates(&format!("Hay al-Askari, {governorate}"), 3);
        assert!(found[0].pcode.starts_with(&pcode), "{governorate}: {found:?}");
    }
}

#[test]
fn a_city_named_as_a_city_is_placed_where_the_city_is_and_its_name_alone_is_the_governorate() {
    let governorate = AREAS.at_level(1).find(|a| a.name_en == "Baghdad").map(|a| a.pcode.clone()).expect("Baghdad");
    for alone in ["Baghdad", "في بغداد"] {
        assert_eq!(GAZETTEER.candidates(alone, 1)[0].pcode, governorate, "{alone}");
    }
    for city in ["Baghdad city", "مدينة بغداد", "في مدينة بغداد", "شاری بەغدا"] {
        let found = GAZETTEER.candidates(city, 3);
        assert_eq!(found[0].level, 3, "{city}: {found:?}");
        assert!(found[0].pcode.starts_with(&governorate), "{city}: {found:?}");
        assert!(found.iter().any(|c| c.pcode == governorate), "the governorate stays a candidate: {found:?}");
    }
}

#[test]
fn a_district_named_with_its_governorate_scores_above_the_district_alone() {
    let alone = GAZETTEER.candidates("Tikrit", 1);
    let with = GAZETTEER.candidates("Tikrit, Salah al-Din province", 1);
    assert_eq!(alone[0].pcode, with[0].pcode);
    assert!(with[0].score > alone[0].score, "{alone:?} {with:?}");
}

#[test]
fn the_smallest_area_the_text_supports_comes_first() {
    // The district and its centre sub-district share the name: the sub-district.
    let found = GAZETTEER.candidates("الفلوجة", 5);
    assert_eq!(found[0].level, 3, "{found:?}");
    assert!(found.iter().any(|c| c.level == 2 && found[0].pcode.starts_with(&c.pcode)), "{found:?}");
    // A governorate's name alone is the governorate, not a town inside it.
    let found = GAZETTEER.candidates("بغداد", 5);
    assert_eq!((found[0].level, found[0].name.as_str()), (1, "بغداد"), "{found:?}");
}

#[test]
fn candidates_are_limited_ranked_and_scored_between_zero_and_one() {
    let found = GAZETTEER.candidates("Hay al-Salam near Hilla, Babil and Najaf", 4);
    assert!(!found.is_empty() && found.len() <= 4, "{found:?}");
    assert!(found.windows(2).all(|w| w[0].score >= w[1].score), "{found:?}");
    assert!(found.iter().all(|c| (0.0..=1.0).contains(&c.score) && AREAS.get(&c.pcode).is_some()));
    assert!(GAZETTEER.candidates("Hilla", 0).is_empty());
    assert!(GAZETTEER.candidates("", 5).is_empty());
    assert!(GAZETTEER.candidates("   ,,, ", 5).is_empty());
}

#[test]
fn words_that_only_look_like_places_find_nothing() {
    for text in ["A missile hit the house while we were at home", "the water was cut off for two days", "ok"] {
        let found = GAZETTEER.candidates(text, 3);
        assert!(found.is_empty(), "{text}: {found:?}");
    }
}

#[test]
fn the_gazetteer_holds_area_names_and_places() {
    assert!(!GAZETTEER.is_empty());
    // 413 areas with up to four names, and thousands of places.
    assert!(GAZETTEER.len() > 5_000, "{}", GAZETTEER.len());
}

#[test]
fn skeletons_agree_across_scripts() {
    let lexicon = Lexicon::new();
    // The plain skeleton of a name, and the one without a Latin medial h.
    let keys = |name: &str| -> Vec<String> {
        let words = lexicon.name_words(name);
        let plain: String = words[0].iter().map(|w| w.forms[0].skeleton.clone()).collect();
        let soft: String = words[0].iter().map(|w| w.forms.get(1).unwrap_or(&w.forms[0]).skeleton.clone()).collect();
        vec![plain, soft]
    };
    let key = |name: &str| keys(name)[0].clone();
    let same = [
        ("Fallujah", "الفلوجة"),
        ("Ba'quba", "بعقوبة"),
        ("Telafar", "Tall ‘Afar"),
        ("Şingal", "شنگال"),
        ("Chamchamal", "چەمچەماڵ"),
        ("Khanaqin", "خانقين"),
        ("Abu Ghraib", "ابو غريب"),
        ("Haditha", "حديثة"),
        ("Ash Sharqat", "الشرقاط"),
        ("Hay al-Jihad", "حي الجهاد"),
    ];
    for (a, b) in same {
        assert!(keys(a).iter().any(|k| keys(b).contains(k)), "{a} / {b}: {:?} {:?}", keys(a), keys(b));
    }
    assert_ne!(key("Mosul"), key("Basra"));
    assert_eq!(skeleton("fallujah", Script::Latin, false), "FLJ");
    assert_eq!(skeleton("mahdi", Script::Latin, false), "MHD");
    assert_eq!(skeleton("mahdi", Script::Latin, true), "MD");
    assert_eq!(skeleton("مهدي", Script::Arabic, false), "MD");
    assert_eq!(skeleton("74", Script::Digits, false), "74");
}

#[test]
fn surfaces_fold_spellings_of_one_script() {
    assert_eq!(surface("baqubah", Script::Latin), surface("baquba", Script::Latin));
    assert_eq!(surface("heet", Script::Latin), surface("hit", Script::Latin));
    assert_eq!(surface("bayji", Script::Latin), surface("baiji", Script::Latin));
    assert_ne!(surface("mosul", Script::Latin), surface("missile", Script::Latin));
    assert_eq!(surface("الموصل", Script::Arabic), "VلمVصل");
    assert_eq!(surface("karbala", Script::Latin), surface("kerbela", Script::Latin));
    assert_ne!(surface("nasir", Script::Latin), surface("nasiriya", Script::Latin));
    assert_eq!(likeness("abc", "abc"), 1.0);
    assert_eq!(likeness("", ""), 1.0);
    assert!((likeness("kitten", "sitting") - (1.0 - 3.0 / 7.0)).abs() < 1e-12);
    assert_eq!(likeness("abc", "xyz"), 0.0);
}

#[test]
fn texts_are_cut_at_generic_words_and_lose_their_articles() {
    let lexicon = Lexicon::default();
    let cut = |text: &str| -> Vec<String> {
        lexicon
            .pieces(text)
            .iter()
            .map(|p| match p {
                Piece::Word(w) => w.forms[0].skeleton.clone(),
                Piece::Break => "|".to_owned(),
                Piece::Settlement => "town".to_owned(),
            })
            .collect()
    };
    assert_eq!(cut("near the Hay al-Jihad market, in Baghdad"), ["|", "|", "JHD", "|", "|", "|", "BXD"]);
    assert_eq!(cut("Baghdad city; في مدينة الموصل"), ["BXD", "town", "|", "|", "town", "MSL"]);
    // A clitic and a Sorani ending are read both ways.
    let Piece::Word(word) = &lexicon.pieces("بالموصل")[0] else { panic!("a word") };
    assert_eq!(word.forms[0].skeleton, "MSL");
    let Piece::Word(word) = &lexicon.pieces("ببعقوبة")[0] else { panic!("a word") };
    assert!(word.forms.iter().any(|f| f.skeleton == "BKB"), "{word:?}");
    let Piece::Word(word) = &lexicon.pieces("هەولێردا")[0] else { panic!("a word") };
    assert!(word.forms.iter().any(|f| f.skeleton == "HLR"), "{word:?}");
    // A name in brackets is a second spelling; a name of generic words only is kept.
    assert_eq!(lexicon.name_words("Ganus Fuqani (Gunos Khmisat)").len(), 2);
    assert_eq!(lexicon.name_words("الجسر").len(), 1);
    assert!(lexicon.name_words("  ").is_empty());
}
