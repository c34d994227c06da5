use super::*;
use proptest::prelude::*;

/// Every (field, code) pair `parse` may report: its own codes and the
/// codes of the `locate` used here.
const CODES: &[(&str, &[&str])] = &[
    ("category", &["required", "unknown_category"]),
    ("description", &["required", "too_short", "too_long"]),
    ("area", &["required", "unknown_area"]),
    ("lat", &["required", "invalid_number", "out_of_range", "unknown_area", "outside_iraq"]),
    ("lon", &["required", "invalid_number", "out_of_range"]),
    ("occurred_on", &["in_future", "too_old", "invalid_date"]),
    ("language", &["unknown_language"]),
    ("contact_name", &["too_long"]),
    ("contact_phone", &["invalid_phone"]),
];

fn locate(place: &Place) -> Result<Pcode, &'static str> {
    match place {
        Place::Area(p) if p.as_str().starts_with("IQG15") => Ok(p.clone()),
        Place::Area(_) => Err("unknown_area"),
        Place::Point { lat, .. } if *lat > 29.0 && *lat < 37.5 => {
            Ok(Pcode::parse("IQG15Q01N01").unwrap_or_else(Pcode::country))
        }
        Place::Point { .. } => Err("outside_iraq"),
    }
}

/// Odd text: any characters, controls and bidi marks, Arabic, or one
/// character repeated around the length limits.
fn odd_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,30}",
        "[\\pC\u{202E}\u{FEFF} ]{0,8}[\u{0621}-\u{064A} ]{0,20}\\pC{0,3}",
        (any::<char>(), prop_oneof![0usize..12, 95usize..105, 3995usize..4005], "[ \t\r\n\u{200F}]{0,3}")
            .prop_map(|(c, n, pad)| format!("{pad}{}{pad}", c.to_string().repeat(n))),
    ]
}

fn field(valid: &'static [&'static str]) -> impl Strategy<Value = Option<String>> {
    prop::option::weighted(
        0.9,
        prop_oneof![3 => proptest::sample::select(valid).prop_map(str::to_owned), 1 => odd_text()],
    )
}

fn number() -> impl Strategy<Value = Option<NumberInput>> {
    prop::option::weighted(
        0.3,
        prop_oneof![
            any::<f64>().prop_map(NumberInput::Number),
            (-200.0f64..200.0).prop_map(NumberInput::Number),
            "[-+٠-٩0-9.٫eE ]{0,8}|NaN|inf|-inf|\\PC{0,6}".prop_map(NumberInput::Text),
        ],
    )
}

prop_compose! {
    fn input()(
        category in field(&["crime", "gbv", " armed_groups_weapons "]),
        description in field(&["Armed men fire in the air near the market every night."]),
        area in field(&["IQG15Q01N01", "iqg15", " IQG15Q02 ", "IQG02"]),
        lat in number(),
        lon in number(),
        occurred_on in field(&["", "2026-11-29", "2026-11-30", "1990-01-01", "٢٠٢٦-١١-٢٠", "+275760-01-01"]),
        language in field(&["", "ar", "ckb", "en-GB", "ku_IQ", "fr"]),
        contact in prop::option::of((field(&["زينب", ""]), field(&["٠٧٧٠ ١٢٣ ٤٥٦٧", "+964 (770) 123-4567", "", "123"]))),
    ) -> ConcernInput {
        let contact = contact.map(|(name, phone)| ContactInput { name, phone });
        ConcernInput { category, description, area, lat, lon, occurred_on, language, contact }
    }
}

fn date() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        3 => (0i64..3000).prop_map(|d| NaiveDate::from_ymd_opt(2026, 11, 29).unwrap_or_default() + chrono::Duration::days(d)),
        1 => (-100_000i64..100_000).prop_map(|d| NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default() + chrono::Duration::days(d)),
        1 => Just(NaiveDate::MIN),
        1 => Just(NaiveDate::MAX),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever arrives, `parse` does not panic; its errors are documented
    /// field codes, the description's error follows its cleaned length,
    /// and an accepted concern keeps every limit.
    #[test]
    fn parse_never_panics_and_keeps_its_limits(input in input(), today in date()) {
        let length = text::clean(input.description.as_deref().unwrap_or_default()).chars().count();
        let expected_description = match length {
            0 => Some("required"),
            n if n < DESCRIPTION_MIN_CHARS => Some("too_short"),
            n if n > DESCRIPTION_MAX_CHARS => Some("too_long"),
            _ => None,
        };
        match parse(&input, today, locate) {
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                for (field, code) in &errors {
                    let known = CODES.iter().find(|(f, _)| f == field).is_some_and(|(_, codes)| codes.contains(code));
                    prop_assert!(known, "{field}: {code}");
                }
                prop_assert_eq!(errors.get("description").copied(), expected_description);
            }
            Ok(concern) => {
                prop_assert_eq!(expected_description, None);
                let length = concern.description.chars().count();
                prop_assert!((DESCRIPTION_MIN_CHARS..=DESCRIPTION_MAX_CHARS).contains(&length));
                prop_assert_eq!(text::clean(&concern.description), concern.description.clone());
                prop_assert!(concern.occurred_on <= today);
                if let Some((lat, lon)) = concern.point {
                    prop_assert!((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon));
                }
                if let Some(contact) = concern.contact {
                    prop_assert!(contact.name.is_some() || contact.phone.is_some());
                    prop_assert!(contact.name.is_none_or(|n| !n.is_empty() && n.chars().count() <= CONTACT_NAME_MAX_CHARS));
                    if let Some(phone) = contact.phone {
                        let digits = phone.strip_prefix('+').unwrap_or(&phone);
                        prop_assert!(digits.chars().all(|c| c.is_ascii_digit()) && (7..=15).contains(&digits.len()), "{phone}");
                    }
                }
            }
        }
    }

    /// With every other field valid, the description alone decides: it is
    /// accepted, cleaned, exactly when its cleaned length is within the limits.
    #[test]
    fn the_description_limits_are_exact(description in odd_text()) {
        let input = ConcernInput {
            category: Some("crime".into()),
            description: Some(description.clone()),
            area: Some("IQG15Q01".into()),
            ..Default::default()
        };
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap_or_default();
        let cleaned = text::clean(&description);
        let within = (DESCRIPTION_MIN_CHARS..=DESCRIPTION_MAX_CHARS).contains(&cleaned.chars().count());
        match parse(&input, today, locate) {
            Ok(concern) => {
                prop_assert!(within);
                prop_assert_eq!(concern.description, cleaned);
            }
            Err(errors) => {
                prop_assert!(!within);
                prop_assert_eq!(errors.keys().copied().collect::<Vec<_>>(), vec!["description"]);
            }
        }
    }
}
