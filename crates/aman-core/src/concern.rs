//! What a valid concern is. [`parse`] turns what a reporter sent (a form or
//! JSON) into a [`NewConcern`], or into every problem at once, each with a
//! stable code per field that the web layer translates. Nothing is written
//! unless this succeeds.

use crate::area::Pcode;
use crate::category::Category;
use crate::text;
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const DESCRIPTION_MIN_CHARS: usize = 10;
pub const DESCRIPTION_MAX_CHARS: usize = 4000;
pub const CONTACT_NAME_MAX_CHARS: usize = 100;
/// How far back a concern may be dated: five years.
pub const OLDEST_DAYS: u64 = 5 * 366;

/// The languages Aman speaks, Arabic first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Ar,
    /// Sorani Kurdish, in Arabic script, right to left.
    Ckb,
    /// Kurmanji Kurdish, in Latin script, left to right.
    Kmr,
    En,
}

impl Language {
    pub const ALL: [Language; 4] = [Language::Ar, Language::Ckb, Language::Kmr, Language::En];

    pub fn as_str(self) -> &'static str {
        match self {
            Language::Ar => "ar",
            Language::Ckb => "ckb",
            Language::Kmr => "kmr",
            Language::En => "en",
        }
    }

    /// A language tag as browsers and forms send it. Plain `ku` is Sorani
    /// (Iraq's official Kurdish); `ku-Latn` is Kurmanji.
    pub fn from_code(code: &str) -> Option<Language> {
        let code = code.trim().to_ascii_lowercase().replace('_', "-");
        let mut subtags = code.split('-');
        match (subtags.next().unwrap_or_default(), subtags.next()) {
            ("ar", _) => Some(Language::Ar),
            ("kmr", _) | ("ku", Some("latn")) => Some(Language::Kmr),
            ("ckb" | "ku", _) => Some(Language::Ckb),
            ("en", _) => Some(Language::En),
            _ => None,
        }
    }

    pub fn is_rtl(self) -> bool {
        matches!(self, Language::Ar | Language::Ckb)
    }
}

/// The door a concern came through. Recorded with every concern, shown to
/// staff and counted in public figures; never anything about the device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    /// The web form or the JSON API.
    Web,
    /// A text message through an SMS gateway (SMSSync).
    Sms,
    /// A RapidPro flow (SMS, WhatsApp, Telegram, …).
    Rapidpro,
    /// ODK Collect, KoboCollect or Enketo (OpenRosa).
    Odk,
    /// Filed by a caseworker or field team on a resident's behalf.
    Assisted,
    /// An Open311 client.
    Open311,
    /// Imported from another system.
    Import,
}

impl Channel {
    pub const ALL: [Channel; 7] = [
        Channel::Web,
        Channel::Sms,
        Channel::Rapidpro,
        Channel::Odk,
        Channel::Assisted,
        Channel::Open311,
        Channel::Import,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Web => "web",
            Channel::Sms => "sms",
            Channel::Rapidpro => "rapidpro",
            Channel::Odk => "odk",
            Channel::Assisted => "assisted",
            Channel::Open311 => "open311",
            Channel::Import => "import",
        }
    }

    pub fn from_code(code: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == code)
    }
}

/// A number as JSON sends it or as a form field spells it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum NumberInput {
    Number(f64),
    Text(String),
}

impl NumberInput {
    fn value(&self) -> Option<Option<f64>> {
        match self {
            NumberInput::Number(n) => Some(Some(*n)),
            NumberInput::Text(t) if t.trim().is_empty() => Some(None),
            NumberInput::Text(t) => text::ascii_digits(t).trim().replace('٫', ".").parse().ok().map(Some),
        }
    }
}

/// A concern as received, before any checking (serialised only to
/// recognise the same submission sent again).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConcernInput {
    pub category: Option<String>,
    pub description: Option<String>,
    pub area: Option<String>,
    pub lat: Option<NumberInput>,
    pub lon: Option<NumberInput>,
    pub occurred_on: Option<String>,
    pub language: Option<String>,
    pub contact: Option<ContactInput>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactInput {
    pub name: Option<String>,
    pub phone: Option<String>,
}

/// Where the reporter says it happened, before it is matched to an area.
#[derive(Debug, Clone, PartialEq)]
pub enum Place {
    Area(Pcode),
    Point { lat: f64, lon: f64 },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Contact {
    pub name: Option<String>,
    pub phone: Option<String>,
}

/// A concern that passed every check.
#[derive(Debug, Clone, PartialEq)]
pub struct NewConcern {
    pub category: Category,
    pub description: String,
    pub area: Pcode,
    /// The exact point, when the reporter gave one. Sealed before storage.
    pub point: Option<(f64, f64)>,
    pub occurred_on: NaiveDate,
    pub language: Language,
    pub contact: Option<Contact>,
}

/// Field name → stable error code, e.g. `description` → `too_short`.
pub type FieldErrors = BTreeMap<&'static str, &'static str>;

/// Checks a concern. `today` is the reporter's date (Iraq time); `locate`
/// matches a place to a known area or returns an error code
/// (`unknown_area`, `outside_iraq`).
pub fn parse(
    input: &ConcernInput,
    today: NaiveDate,
    locate: impl Fn(&Place) -> Result<Pcode, &'static str>,
) -> Result<NewConcern, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut fail = |field, code| {
        errors.insert(field, code);
    };

    let category = match input.category.as_deref().map(str::trim) {
        None | Some("") => {
            fail("category", "required");
            None
        }
        Some(code) => Category::from_code(code).or_else(|| {
            fail("category", "unknown_category");
            None
        }),
    };

    let description = text::clean(input.description.as_deref().unwrap_or_default());
    let length = description.chars().count();
    if length == 0 {
        fail("description", "required");
    } else if length < DESCRIPTION_MIN_CHARS {
        fail("description", "too_short");
    } else if length > DESCRIPTION_MAX_CHARS {
        fail("description", "too_long");
    }

    let place = parse_place(input, &mut fail);
    let area = place.as_ref().and_then(|place| {
        locate(place).map_err(|code| fail(if matches!(place, Place::Area(_)) { "area" } else { "lat" }, code)).ok()
    });

    let occurred_on = match input.occurred_on.as_deref().map(str::trim) {
        None | Some("") => Some(today),
        Some(date) => match text::date(date).ok_or(()) {
            Ok(date) if date > today => {
                fail("occurred_on", "in_future");
                None
            }
            Ok(date) if today.checked_sub_days(Days::new(OLDEST_DAYS)).is_some_and(|oldest| date < oldest) => {
                fail("occurred_on", "too_old");
                None
            }
            Ok(date) => Some(date),
            Err(_) => {
                fail("occurred_on", "invalid_date");
                None
            }
        },
    };

    let language = match input.language.as_deref().map(str::trim) {
        None | Some("") => Some(Language::Ar),
        Some(code) => Language::from_code(code).or_else(|| {
            fail("language", "unknown_language");
            None
        }),
    };

    let contact = input.contact.as_ref().and_then(|c| parse_contact(c, &mut fail));

    match (category, area, occurred_on, language) {
        (Some(category), Some(area), Some(occurred_on), Some(language)) if errors.is_empty() => Ok(NewConcern {
            category,
            description,
            point: match place {
                Some(Place::Point { lat, lon }) => Some((lat, lon)),
                _ => None,
            },
            area,
            occurred_on,
            language,
            contact,
        }),
        _ => Err(errors),
    }
}

fn parse_place(input: &ConcernInput, fail: &mut impl FnMut(&'static str, &'static str)) -> Option<Place> {
    let lat = input.lat.as_ref().map(NumberInput::value).unwrap_or(Some(None));
    let lon = input.lon.as_ref().map(NumberInput::value).unwrap_or(Some(None));
    match (lat, lon) {
        (None, _) => fail("lat", "invalid_number"),
        (_, None) => fail("lon", "invalid_number"),
        (Some(Some(lat)), Some(Some(lon))) => {
            if !(-90.0..=90.0).contains(&lat) {
                fail("lat", "out_of_range");
            } else if !(-180.0..=180.0).contains(&lon) {
                fail("lon", "out_of_range");
            } else {
                return Some(Place::Point { lat, lon });
            }
        }
        (Some(Some(_)), Some(None)) => fail("lon", "required"),
        (Some(None), Some(Some(_))) => fail("lat", "required"),
        (Some(None), Some(None)) => match input.area.as_deref().map(str::trim) {
            None | Some("") => fail("area", "required"),
            Some(code) => match Pcode::parse(code) {
                Some(pcode) => return Some(Place::Area(pcode)),
                None => fail("area", "unknown_area"),
            },
        },
    }
    None
}

fn parse_contact(input: &ContactInput, fail: &mut impl FnMut(&'static str, &'static str)) -> Option<Contact> {
    let name = text::clean(input.name.as_deref().unwrap_or_default());
    let phone = text::ascii_digits(&text::clean(input.phone.as_deref().unwrap_or_default()));
    if name.chars().count() > CONTACT_NAME_MAX_CHARS {
        fail("contact_name", "too_long");
    }
    let digits: String = phone.chars().filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '.')).collect();
    let plain = digits.strip_prefix('+').unwrap_or(&digits);
    if !digits.is_empty() && (!plain.chars().all(|c| c.is_ascii_digit()) || !(7..=15).contains(&plain.len())) {
        fail("contact_phone", "invalid_phone");
    }
    if name.is_empty() && digits.is_empty() {
        return None;
    }
    Some(Contact { name: (!name.is_empty()).then_some(name), phone: (!digits.is_empty()).then_some(digits) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
    }

    fn locate(place: &Place) -> Result<Pcode, &'static str> {
        match place {
            Place::Area(p) if p.as_str().starts_with("IQG15") => Ok(p.clone()),
            Place::Area(_) => Err("unknown_area"),
            Place::Point { lat, .. } if *lat > 29.0 && *lat < 37.5 => Ok(Pcode::parse("IQG15Q01N01").unwrap()),
            Place::Point { .. } => Err("outside_iraq"),
        }
    }

    fn valid() -> ConcernInput {
        ConcernInput {
            category: Some("armed_groups_weapons".into()),
            description: Some("Armed men fire in the air near the market every night.".into()),
            area: Some("IQG15Q01N01".into()),
            ..Default::default()
        }
    }

    fn check(edit: impl FnOnce(&mut ConcernInput), expected: &[(&str, &str)]) {
        let mut input = valid();
        edit(&mut input);
        let actual: Vec<(&str, &str)> = match parse(&input, today(), locate) {
            Ok(_) => vec![],
            Err(errors) => errors.into_iter().collect(),
        };
        assert_eq!(actual, expected);
    }

    #[test]
    fn a_minimal_concern_is_anonymous_today_in_arabic() {
        let concern = parse(&valid(), today(), locate).unwrap();
        assert_eq!(concern.occurred_on, today());
        assert_eq!(concern.language, Language::Ar);
        assert_eq!(concern.contact, None);
        assert_eq!(concern.point, None);
        assert_eq!(concern.area.as_str(), "IQG15Q01N01");
    }

    #[test]
    fn each_bad_field_has_its_code() {
        check(|i| i.category = None, &[("category", "required")]);
        check(|i| i.category = Some("weapons".into()), &[("category", "unknown_category")]);
        check(|i| i.description = Some("  ".into()), &[("description", "required")]);
        check(|i| i.description = Some("short".into()), &[("description", "too_short")]);
        check(|i| i.description = Some("x".repeat(4001)), &[("description", "too_long")]);
        check(|i| i.description = Some("ك".repeat(4000)), &[]);
        check(|i| i.area = None, &[("area", "required")]);
        check(|i| i.area = Some("IQG02".into()), &[("area", "unknown_area")]);
        check(|i| i.area = Some("Basra".into()), &[("area", "unknown_area")]);
        check(|i| i.occurred_on = Some("2026-11-30".into()), &[("occurred_on", "in_future")]);
        check(|i| i.occurred_on = Some("1990-01-01".into()), &[("occurred_on", "too_old")]);
        check(|i| i.occurred_on = Some("29/11/2026".into()), &[("occurred_on", "invalid_date")]);
        check(|i| i.occurred_on = Some("٢٠٢٦-١١-٢٠".into()), &[]);
        check(|i| i.language = Some("fr".into()), &[("language", "unknown_language")]);
        check(
            |i| i.contact = Some(ContactInput { name: None, phone: Some("call me".into()) }),
            &[("contact_phone", "invalid_phone")],
        );
    }

    #[test]
    fn a_point_wins_over_an_area_and_is_kept() {
        let mut input = valid();
        input.area = None;
        input.lat = Some(NumberInput::Text("٣٦٫٣٤".into()));
        input.lon = Some(NumberInput::Number(43.13));
        let concern = parse(&input, today(), locate).unwrap();
        assert_eq!(concern.point, Some((36.34, 43.13)));
        check(|i| i.lat = Some(NumberInput::Number(10.0)), &[("lon", "required")]);
        check(
            |i| {
                i.lat = Some(NumberInput::Number(10.0));
                i.lon = Some(NumberInput::Number(10.0));
            },
            &[("lat", "outside_iraq")],
        );
        check(
            |i| {
                i.lat = Some(NumberInput::Number(91.0));
                i.lon = Some(NumberInput::Number(10.0));
            },
            &[("lat", "out_of_range")],
        );
        check(|i| i.lon = Some(NumberInput::Text("east".into())), &[("lon", "invalid_number")]);
    }

    #[test]
    fn all_errors_come_at_once() {
        let errors = parse(&ConcernInput::default(), today(), locate).unwrap_err();
        assert_eq!(errors.len(), 3, "{errors:?}");
    }

    #[test]
    fn contact_is_optional_and_cleaned() {
        let mut input = valid();
        input.contact =
            Some(ContactInput { name: Some(" زينب ".into()), phone: Some("٠٧٧٠ ١٢٣ ٤٥٦٧".into()) });
        let concern = parse(&input, today(), locate).unwrap();
        assert_eq!(concern.contact, Some(Contact { name: Some("زينب".into()), phone: Some("07701234567".into()) }));
        input.contact = Some(ContactInput::default());
        assert_eq!(parse(&input, today(), locate).unwrap().contact, None);
    }
}

#[cfg(test)]
mod props;
