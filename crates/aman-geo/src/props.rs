use super::*;
use geo::{LineString, Polygon};
use proptest::prelude::*;
use std::sync::LazyLock;

static AREAS: LazyLock<Areas> = LazyLock::new(|| {
    let records =
        embedded_boundaries().into_iter().flat_map(|(level, text)| parse_ocha(level, text).unwrap_or_default());
    Areas::new(records.collect()).unwrap_or_else(|e| panic!("{e}"))
});

/// Any f64, the special values often.
fn coordinate() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>(),
        proptest::sample::select(vec![
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            -0.0,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE
        ]),
        -1000.0f64..1000.0,
        28.0f64..50.0,
        // Inside Iraq's box, as latitude or longitude.
        29.0f64..37.5,
        38.7f64..48.7,
    ]
}

/// A closed ring through the given points (geo closes it).
fn polygon(points: &[(f64, f64)]) -> MultiPolygon<f64> {
    MultiPolygon(vec![Polygon::new(LineString::from(points.to_vec()), vec![])])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Locating never panics; it finds an area only for a finite point
    /// inside Iraq's bounding box, and that area is a governorate or deeper.
    #[test]
    fn locate_never_panics(lat in coordinate(), lon in coordinate()) {
        if let Some(area) = AREAS.locate(lat, lon) {
            prop_assert!(lat.is_finite() && lon.is_finite());
            prop_assert!((29.0..37.5).contains(&lat) && (38.7..48.7).contains(&lon), "({lat}, {lon}) in {}", area.pcode);
            prop_assert!((1..=3).contains(&area.level));
            prop_assert_eq!(AREAS.get(&area.pcode).map(|a| &a.pcode), Some(&area.pcode));
        }
        if lat.is_nan() || lon.is_nan() || !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
            prop_assert!(AREAS.locate(lat, lon).is_none());
        }
    }

    /// An index of small synthetic shapes, degenerate ones included (a
    /// point, a horizontal segment, a needle), answers any query without
    /// panicking, and places points well inside a square in that square.
    #[test]
    fn synthetic_index_never_panics(
        lat in coordinate(),
        lon in coordinate(),
        square in (-100.0f64..100.0, -100.0f64..100.0, 0.001f64..10.0),
        triangle in prop::collection::vec((-1e6f64..1e6, -1e6f64..1e6), 3),
        inside in (0.01f64..0.99, 0.01f64..0.99),
    ) {
        let (x, y, side) = square;
        let shapes = vec![
            (0, 3, polygon(&[(x, y), (x + side, y), (x + side, y + side), (x, y + side)])),
            (1, 2, polygon(&triangle)),
            (2, 3, polygon(&[(x, y), (x, y), (x, y)])),
            (3, 1, polygon(&[(x, y), (x + side, y), (x + 2.0 * side, y)])),
            (4, 3, polygon(&[(x, y), (x + side, y + 1e-12), (x, y)])),
            (5, 0, polygon(&[(-1e9, -1e9), (1e9, -1e9), (0.0, 1e9)])),
        ];
        let index = AreaIndex::new(shapes);
        let found = index.locate(lat, lon);
        prop_assert!(found.is_none_or(|id| id <= 4), "{found:?}");
        if lat.is_nan() || lon.is_nan() {
            prop_assert_eq!(found, None);
        }
        let (dx, dy) = inside;
        prop_assert_eq!(index.locate(y + dy * side, x + dx * side), Some(0));
    }
}

/// GeoJSON-like text: collections of features with random properties and
/// geometries, and plain garbage.
fn geojson_like() -> impl Strategy<Value = String> {
    let pcode = prop_oneof![Just("IQ".to_owned()), Just("IQG01".to_owned()), "[A-Z0-9<>]{0,12}"];
    let ring = prop::collection::vec((coordinate(), coordinate()), 0..6).prop_map(|points| {
        let coords: Vec<String> = points.iter().map(|(x, y)| format!("[{x:?},{y:?}]")).collect();
        format!("[[{}]]", coords.join(","))
    });
    let feature = (pcode.clone(), pcode, ring, "\\PC{0,8}").prop_map(|(code, parent, ring, name)| {
        format!(
            r#"{{"type":"Feature","properties":{{"ADM1_PCODE":"{code}","ADM0_PCODE":"{parent}","ADM1_AR":"{name}","ADM1_EN":"x"}},"geometry":{{"type":"Polygon","coordinates":{ring}}}}}"#
        )
    });
    prop_oneof![
        prop::collection::vec(feature, 0..4)
            .prop_map(|features| format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, features.join(","))),
        "\\PC{0,300}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// An area import never panics, whatever the file holds.
    #[test]
    fn any_boundary_file_parses_or_is_refused(text in geojson_like(), level in 0u8..4) {
        if let Ok(records) = parse_ocha(level, &text) {
            for record in &records {
                prop_assert!(record.parent.as_ref().is_none_or(|p| record.pcode.starts_with(p.as_str())));
            }
        }
    }
}
