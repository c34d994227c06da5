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
