//! Demo surveys: the shipped perception item bank with a year of seeded
//! responses in every governorate (so the results page and the Community
//! Security Index show differences between places, groups and quarters), and the real Kirkuk poll of 2017 loaded
//! through a small form of its own. Every response passes its form's checks.

use aman_app::surveys::{self, DesignColumns};
use aman_core::secrets::Keys;
use aman_db::{Db, DbError};
use aman_geo::Areas;
use aman_survey::kirkuk::{KirkukRespondent, parse_wave1};
use aman_survey::xlsform::parse_xlsform;
use chrono::{Days, NaiveDate};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::BTreeMap;

const ITEM_BANK: &[u8] = include_bytes!("../../../data/surveys/community-security-perception.xlsx");
const KIRKUK_FORM: &[u8] = include_bytes!("../../../data/surveys/kirkuk/kirkuk-trust.xlsx");
const KIRKUK_WAVE1: &str = include_str!("../../../data/surveys/kirkuk/sheet_1.csv");
/// The share of displaced people (IDPs and returnees) among each
/// governorate's respondents: a demo setting, higher where the war against
/// ISIL displaced most (Ninewa, Anbar, Salah al-Din, Kirkuk) and where the
/// Kurdistan Region hosts them (Duhok, Erbil); 8 % elsewhere.
fn displaced_share(governorate: &str) -> f64 {
    match governorate {
        "IQG15" => 0.35,
        "IQG01" | "IQG09" | "IQG18" => 0.30,
        "IQG13" => 0.25,
        "IQG11" | "IQG10" => 0.20,
        "IQG08" => 0.15,
        "IQG06" => 0.12,
        "IQG02" => 0.10,
        _ => 0.08,
    }
}

/// Imports both forms and their responses unless already there:
/// `per_quarter` perception interviews in each governorate in each of the
/// last four quarters.
pub async fn seed(
    db: &Db,
    keys: &Keys,
    areas: &Areas,
    per_quarter: usize,
    today: NaiveDate,
    now_ms: i64,
) -> Result<(), DbError> {
    let corrupt = |e: String| DbError::Corrupt(e);
    if db.survey_form("aman_perception").await?.is_none() {
        let form = parse_xlsform(ITEM_BANK).map_err(|e| corrupt(e.to_string()))?;
        let id = db.insert_survey_form(&form.id, "2026.1", &form.title, ITEM_BANK, now_ms).await?;
        let mut rng = StdRng::seed_from_u64(29);
        let mut responses = Vec::new();
        for quarter in 0..4u64 {
            for governorate in areas.at_level(1).map(|a| a.pcode.as_str()) {
                let displaced = displaced_share(governorate);
                for n in 0..per_quarter {
                    let day = today - Days::new(365 - quarter * 91 - rng.random_range(0..90));
                    let raw = perception(&mut rng, governorate, displaced, quarter);
                    let design = DesignColumns::default();
                    let id = format!("demo-{quarter}-{governorate}-{n}");
                    let response = surveys::response(areas, &form, &raw, day, &design, id, "import")
                        .map_err(|problems| corrupt(problems.join("; ")))?;
                    responses.push(response);
                }
            }
        }
        db.insert_responses(id, &surveys::seal(keys, id, responses)).await?;
    }
    if db.survey_form("kirkuk_trust").await?.is_none() {
        let form = parse_xlsform(KIRKUK_FORM).map_err(|e| corrupt(e.to_string()))?;
        let id = db.insert_survey_form(&form.id, "2017.1", &form.title, KIRKUK_FORM, now_ms).await?;
        let poll = NaiveDate::from_ymd_opt(2017, 5, 1).unwrap_or(today);
        let respondents = parse_wave1(KIRKUK_WAVE1).map_err(|e| corrupt(e.to_string()))?;
        let responses = respondents
            .iter()
            .map(|r| {
                let id = format!("kirkuk-wave1-{}", r.id);
                surveys::response(areas, &form, &kirkuk_answers(r), poll, &DesignColumns::default(), id, "import")
                    .map_err(|problems| corrupt(problems.join("; ")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        db.insert_responses(id, &surveys::seal(keys, id, responses)).await?;
        // The poll ran in spring 2017: its form is history, its results stay.
        db.close_survey("kirkuk_trust", NaiveDate::from_ymd_opt(2017, 6, 30)).await?;
    }
    Ok(())
}

fn pick<'a>(rng: &mut StdRng, options: &[&'a str], weights: &[f64]) -> &'a str {
    let total: f64 = weights.iter().sum();
    let mut x = rng.random_range(0.0..total);
    for (option, weight) in options.iter().zip(weights) {
        if x < *weight {
            return option;
        }
        x -= weight;
    }
    options[options.len() - 1]
}

/// One respondent: displaced people and women feel less safe at night and
/// trust the police less; Basra feels safer quarter by quarter.
fn perception(rng: &mut StdRng, governorate: &str, displaced: f64, quarter: u64) -> BTreeMap<String, String> {
    let sex = if rng.random_bool(0.5) { "female" } else { "male" };
    let displacement = if rng.random_bool(displaced) {
        if rng.random_bool(0.6) { "idp" } else { "returnee" }
    } else if rng.random_bool(0.1) {
        "host"
    } else {
        "resident"
    };
    let age: u32 = rng.random_range(15..75);
    let unease = f64::from(u8::from(displacement != "resident" && displacement != "host")) * 1.5
        + f64::from(u8::from(sex == "female"))
        - if governorate == "IQG02" { quarter as f64 * 0.4 } else { 0.0 };
    let scale = |rng: &mut StdRng, options: &[&'static str; 4], shift: f64| {
        pick(rng, options, &[2.0 - shift.min(1.5), 3.0, 2.0 + shift.max(-1.5), 1.0 + shift.max(0.0)])
    };
    let mut raw = BTreeMap::new();
    let mut put = |k: &str, v: String| {
        raw.insert(k.to_owned(), v);
    };
    put("consent", "yes".into());
    put("governorate", governorate.into());
    put("district", "—".into());
    put("sex", sex.into());
    put("age", age.to_string());
    put("displacement", displacement.into());
    put("safe_night", scale(rng, &["very_safe", "fairly_safe", "a_bit_unsafe", "very_unsafe"], unease).into());
    let youth = f64::from(u8::from(age < 30)) * 0.8;
    for (question, shift) in
        [("trust_police", unease + youth), ("trust_courts", unease), ("trust_local_gov", 0.5), ("trust_cso", -0.5)]
    {
        put(question, scale(rng, &["a_lot", "some", "little", "none"], shift).into());
    }
    put("group_relations", scale(rng, &["very_good", "good", "bad", "very_bad"], unease / 2.0).into());
    put(
        "report_crime",
        scale(rng, &["very_likely", "fairly_likely", "fairly_unlikely", "very_unlikely"], unease).into(),
    );
    put("weapons", scale(rng, &["very_common", "fairly_common", "not_very_common", "not_at_all"], -unease).into());
    put("youth_future", scale(rng, &["strongly_agree", "agree", "disagree", "strongly_disagree"], youth + 0.5).into());
    let victim = rng.random_bool(0.15);
    put("victim", if victim { "yes" } else { "no" }.into());
    if victim {
        put("victim_type", pick(rng, &["theft", "robbery", "assault", "threats"], &[3.0, 2.0, 1.0, 2.0]).into());
    }
    let aware = rng.random_bool(0.4);
    put("csc_aware", if aware { "yes" } else { "no" }.into());
    if aware {
        put("csc_trust", scale(rng, &["a_lot", "some", "little", "none"], -0.5).into());
    }
    raw
}

fn kirkuk_answers(r: &KirkukRespondent) -> BTreeMap<String, String> {
    let mut raw = BTreeMap::from([("governorate".to_owned(), "IQG13".to_owned())]);
    if let Some(sex) = r.sex {
        raw.insert("sex".into(), sex.as_str().to_lowercase());
    }
    if let Some(age) = r.age.filter(|a| (15.0..=99.0).contains(a)) {
        raw.insert("age".into(), format!("{age:.0}"));
    }
    if let Some(ethnicity) = r.ethnicity {
        raw.insert("ethnicity".into(), ethnicity.as_str().to_lowercase());
    }
    let scores = [
        ("trust_council", r.trust_council),
        ("trust_judiciary", r.trust_judiciary),
        ("trust_police", r.trust_police),
        ("trust_army", r.trust_army),
        ("trust_arabs", r.trust_arabs),
        ("trust_kurds", r.trust_kurds),
        ("trust_turkmen", r.trust_turkmen),
    ];
    for (name, score) in scores {
        if let Some(score) = score {
            raw.insert(name.to_owned(), format!("{score:.0}"));
        }
    }
    raw
}
