//! Iraq's administrative areas as geometry: reading OCHA COD-AB boundary files
//! and finding the deepest area that contains a point.
//!
//! Pure: it takes text and coordinates and returns data. The index is an
//! R-tree (rstar) of every polygon's bounding box per level; a query takes the
//! few boxes that contain the point and runs an exact point-in-polygon test
//! (geo) on those, from sub-district up to governorate.

mod banded;
mod kurdish;
mod map;

pub use kurdish::{Basis, KurdishNames, kurdish_names};
pub use map::{MAP_WIDTH, Map, MapShape, draw};

use geo::{BoundingRect, MultiPolygon, Rect};
use rstar::{AABB, RTree, RTreeObject};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The boundary files of the OCHA 2019 edition, one per level, embedded so a
/// fresh install and the tests need no data directory.
pub const OCHA_FILES: [(u8, &str); 4] = [
    (0, "irq_admbnda_adm0_cso_itos_20190603.geojson"),
    (1, "irq_admbnda_adm1_cso_20190603.geojson"),
    (2, "irq_admbnda_adm2_cso_20190603.geojson"),
    (3, "irq_admbnda_adm3_cso_20190603.geojson"),
];

pub fn embedded_boundaries() -> [(u8, &'static str); 4] {
    [
        (0, include_str!("../../../data/boundaries/irq_admbnda_adm0_cso_itos_20190603.geojson")),
        (1, include_str!("../../../data/boundaries/irq_admbnda_adm1_cso_20190603.geojson")),
        (2, include_str!("../../../data/boundaries/irq_admbnda_adm2_cso_20190603.geojson")),
        (3, include_str!("../../../data/boundaries/irq_admbnda_adm3_cso_20190603.geojson")),
    ]
}

#[derive(Debug, thiserror::Error)]
pub enum GeoError {
    #[error("the file is {0} bytes; a boundary file may be at most {MAX_BOUNDARY_BYTES}")]
    TooLarge(usize),
    #[error("not valid GeoJSON: {0}")]
    Json(String),
    #[error("feature {index}: {problem}")]
    Feature { index: usize, problem: String },
}

/// One administrative area as read from a boundary file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaRecord {
    pub pcode: String,
    pub level: u8,
    pub parent: Option<String>,
    pub name_ar: String,
    pub name_en: String,
    /// The geometry as GeoJSON (a Polygon or MultiPolygon), stored as-is.
    pub geometry: String,
    /// A point guaranteed to lie inside the area (for demo data and maps).
    pub inner_point: (f64, f64),
}

/// The largest boundary file read (Iraq's sub-districts take 1 MB).
pub const MAX_BOUNDARY_BYTES: usize = 64 << 20;

/// Reads one OCHA COD-AB GeoJSON file of the given level (0–3).
pub fn parse_ocha(level: u8, text: &str) -> Result<Vec<AreaRecord>, GeoError> {
    if text.len() > MAX_BOUNDARY_BYTES {
        return Err(GeoError::TooLarge(text.len()));
    }
    let collection: geojson::FeatureCollection =
        text.parse().map_err(|e: geojson::Error| GeoError::Json(e.to_string()))?;
    collection
        .features
        .iter()
        .enumerate()
        .map(|(index, feature)| {
            let bad = |problem: String| GeoError::Feature { index, problem };
            let property = |suffix: &str| -> Result<String, GeoError> {
                let key = format!("ADM{level}_{suffix}");
                feature
                    .property(&key)
                    .and_then(|v| v.as_str())
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .ok_or_else(|| bad(format!("missing {key}")))
            };
            let parent = match level {
                0 => None,
                _ => Some(
                    feature
                        .property(format!("ADM{}_PCODE", level - 1))
                        .and_then(|v| v.as_str())
                        .ok_or_else(|| bad(format!("missing ADM{}_PCODE", level - 1)))?
                        .to_owned(),
                ),
            };
            // A P-code is upper-case letters and digits, and lies within its parent's.
            let pcode = property("PCODE")?;
            if !(2..=16).contains(&pcode.len()) || !pcode.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            {
                return Err(bad(format!("`{pcode}` is not a P-code")));
            }
            if let Some(parent) = &parent
                && !(pcode.starts_with(parent.as_str()) && pcode.len() > parent.len())
            {
                return Err(bad(format!("P-code {pcode} does not lie within its parent {parent}")));
            }
            let geometry = feature.geometry.as_ref().ok_or_else(|| bad("no geometry".into()))?;
            let shape = to_multipolygon(geometry).ok_or_else(|| bad("geometry is not a polygon".into()))?;
            // The geometry library asserts on some degenerate shapes the checks
            // above let through; a file must be refused, never crash the import.
            let inner = std::panic::catch_unwind(|| geo::InteriorPoint::interior_point(&shape))
                .ok()
                .flatten()
                .ok_or_else(|| bad("the geometry has no interior point (degenerate)".into()))?;
            Ok(AreaRecord {
                pcode,
                level,
                parent,
                name_ar: property("AR")?,
                name_en: property("EN")?,
                geometry: geometry.to_string(),
                inner_point: (inner.y(), inner.x()),
            })
        })
        .collect()
}

/// Parses a stored GeoJSON geometry into a multipolygon.
pub fn parse_geometry(geojson_text: &str) -> Option<MultiPolygon<f64>> {
    let geometry: geojson::Geometry = geojson_text.parse().ok()?;
    to_multipolygon(&geometry)
}

/// The geometry as polygons, if it is one: rings of at least four points
/// (closed), every coordinate a real longitude and latitude, every polygon
/// with an area. Anything else
/// is refused before geometry algorithms see it (they may panic on it).
fn to_multipolygon(geometry: &geojson::Geometry) -> Option<MultiPolygon<f64>> {
    let shape: geo::Geometry<f64> = geometry.clone().try_into().ok()?;
    let shape = match shape {
        geo::Geometry::Polygon(p) => MultiPolygon(vec![p]),
        geo::Geometry::MultiPolygon(m) => m,
        _ => return None,
    };
    let sane = |ring: &geo::LineString<f64>| {
        ring.0.len() >= 4
            && ring.is_closed()
            && ring.0.iter().all(|c| (-180.0..=180.0).contains(&c.x) && (-90.0..=90.0).contains(&c.y))
    };
    let has_area = |p: &geo::Polygon<f64>| geo::Area::unsigned_area(p) > 0.0;
    shape.0.iter().all(|p| sane(p.exterior()) && p.interiors().iter().all(sane) && has_area(p)).then_some(shape)
}

/// One polygon of an area, with its bounding box cached for the R-tree.
struct Piece {
    area: usize,
    bounds: Rect<f64>,
    shape: banded::BandedPolygon,
}

impl RTreeObject for Piece {
    type Envelope = AABB<[f64; 2]>;
    fn envelope(&self) -> Self::Envelope {
        AABB::from_corners([self.bounds.min().x, self.bounds.min().y], [self.bounds.max().x, self.bounds.max().y])
    }
}

/// Finds, for a point, the deepest area containing it.
pub struct AreaIndex {
    /// One tree per level, deepest first.
    levels: Vec<RTree<Piece>>,
}

impl AreaIndex {
    /// Builds the index from `(area id, level, shape)`; the id is returned by
    /// [`AreaIndex::locate`] and means whatever the caller wants. Only levels
    /// 1–3 are indexed: a point is placed in a governorate or deeper, and the
    /// country outline (thousands of vertices) would only slow down the
    /// answer for points outside Iraq.
    pub fn new(areas: impl IntoIterator<Item = (usize, u8, MultiPolygon<f64>)>) -> AreaIndex {
        let mut by_level: Vec<Vec<Piece>> = (0..4).map(|_| Vec::new()).collect();
        for (area, level, shape) in areas {
            let Some(slot) = by_level.get_mut(usize::from(level)).filter(|_| level >= 1) else {
                continue;
            };
            for polygon in shape {
                if let Some(bounds) = polygon.bounding_rect() {
                    slot.push(Piece { area, bounds, shape: banded::BandedPolygon::new(&polygon) });
                }
            }
        }
        AreaIndex { levels: by_level.into_iter().skip(1).rev().map(RTree::bulk_load).collect() }
    }

    /// The deepest area whose polygon contains the point, or `None` outside
    /// every area. Coarser levels answer only for slivers between finer
    /// polygons.
    pub fn locate(&self, lat: f64, lon: f64) -> Option<usize> {
        let probe = AABB::from_point([lon, lat]);
        self.levels.iter().find_map(|tree| {
            tree.locate_in_envelope_intersecting(&probe)
                .find(|piece| piece.shape.contains(lon, lat))
                .map(|piece| piece.area)
        })
    }
}

/// An area without its geometry: what pages, the API and permissions need.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Area {
    pub pcode: String,
    pub level: u8,
    pub parent: Option<String>,
    pub name_ar: String,
    pub name_en: String,
    /// Sorani and Kurmanji names, where the place has a Kurdish name of its
    /// own ([`kurdish_names`] with [`Basis::Kurdish`]).
    pub name_ckb: Option<String>,
    pub name_kmr: Option<String>,
    pub inner_point: (f64, f64),
}

impl Area {
    /// Every name the area goes by: Arabic, Sorani, Kurmanji, English.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        [Some(self.name_ar.as_str()), self.name_ckb.as_deref(), self.name_kmr.as_deref(), Some(self.name_en.as_str())]
            .into_iter()
            .flatten()
    }
}

/// Every known area in memory: lookup by P-code, children, and locating a
/// point. Built once at start-up from the stored boundaries.
pub struct Areas {
    areas: Vec<Area>,
    /// Each area's outline, by the same index.
    outlines: Vec<MultiPolygon<f64>>,
    by_pcode: HashMap<String, usize>,
    children: HashMap<String, Vec<usize>>,
    index: AreaIndex,
}

impl Areas {
    pub fn new(mut records: Vec<AreaRecord>) -> Result<Areas, GeoError> {
        records.sort_by(|a, b| (a.level, &a.name_en).cmp(&(b.level, &b.name_en)));
        let mut shapes = Vec::with_capacity(records.len());
        let mut areas = Vec::with_capacity(records.len());
        let mut outlines = Vec::with_capacity(records.len());
        let kurdish = kurdish_names();
        for (i, record) in records.into_iter().enumerate() {
            let shape = parse_geometry(&record.geometry)
                .ok_or_else(|| GeoError::Feature { index: i, problem: format!("{}: bad geometry", record.pcode) })?;
            shapes.push((i, record.level, shape.clone()));
            outlines.push(shape);
            // Only a name Kurdish speakers use; a place Kurdish has no name
            // for is shown by its Arabic name (Sorani) or its English one
            // (Kurmanji, in Latin letters), not a spelling made up by rule.
            let kurdish = kurdish.get(record.pcode.as_str()).filter(|k| k.basis == Basis::Kurdish);
            areas.push(Area {
                name_ckb: kurdish.map(|k| k.ckb.to_owned()),
                name_kmr: kurdish.map(|k| k.kmr.to_owned()),
                pcode: record.pcode,
                level: record.level,
                parent: record.parent,
                name_ar: record.name_ar,
                name_en: record.name_en,
                inner_point: record.inner_point,
            });
        }
        let by_pcode = areas.iter().enumerate().map(|(i, a)| (a.pcode.clone(), i)).collect();
        let mut children: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, area) in areas.iter().enumerate() {
            if let Some(parent) = &area.parent {
                children.entry(parent.clone()).or_default().push(i);
            }
        }
        Ok(Areas { areas, outlines, by_pcode, children, index: AreaIndex::new(shapes) })
    }

    pub fn get(&self, pcode: &str) -> Option<&Area> {
        self.by_pcode.get(pcode).map(|&i| &self.areas[i])
    }

    /// An area's outline (as its boundary file gives it).
    pub fn outline(&self, pcode: &str) -> Option<&MultiPolygon<f64>> {
        self.by_pcode.get(pcode).map(|&i| &self.outlines[i])
    }

    /// These areas drawn together as a map ([`draw`]); unknown codes are left out.
    pub fn map_of<'a>(&self, pcodes: impl IntoIterator<Item = &'a str>) -> Map {
        let outlines: Vec<(&str, &MultiPolygon<f64>)> =
            pcodes.into_iter().filter_map(|p| Some((p, self.outline(p)?))).collect();
        draw(&outlines)
    }

    /// The area and every area above it, deepest first, up to the country.
    /// An unknown code is its own and only ancestor.
    pub fn ancestry(&self, pcode: &str) -> Vec<String> {
        let mut chain = vec![pcode.to_owned()];
        while let Some(parent) = self.get(chain.last().map_or("", String::as_str)).and_then(|a| a.parent.clone()) {
            chain.push(parent);
        }
        chain
    }

    /// Direct children, sorted by English name.
    pub fn children(&self, parent: &str) -> impl Iterator<Item = &Area> {
        self.children.get(parent).into_iter().flatten().map(|&i| &self.areas[i])
    }

    pub fn at_level(&self, level: u8) -> impl Iterator<Item = &Area> {
        self.areas.iter().filter(move |a| a.level == level)
    }

    /// The deepest area containing the point.
    pub fn locate(&self, lat: f64, lon: f64) -> Option<&Area> {
        self.index.locate(lat, lon).map(|i| &self.areas[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::LazyLock;

    #[test]
    fn an_oversized_boundary_file_is_refused_unread() {
        let huge = " ".repeat(MAX_BOUNDARY_BYTES + 1);
        assert!(matches!(parse_ocha(3, &huge), Err(GeoError::TooLarge(n)) if n == huge.len()));
    }

    struct Fixture {
        records: Vec<AreaRecord>,
        index: AreaIndex,
    }

    static IRAQ: LazyLock<Fixture> = LazyLock::new(|| {
        let records: Vec<AreaRecord> =
            embedded_boundaries().into_iter().flat_map(|(level, text)| parse_ocha(level, text).unwrap()).collect();
        let index =
            AreaIndex::new(records.iter().enumerate().map(|(i, r)| (i, r.level, parse_geometry(&r.geometry).unwrap())));
        Fixture { records, index }
    });

    /// Checks the deepest area found, by the P-code of a (possibly coarser)
    /// area that must contain it.
    fn check(lat: f64, lon: f64, expected: Option<&str>) {
        let found = IRAQ.index.locate(lat, lon).map(|i| &IRAQ.records[i]);
        match (found, expected) {
            (Some(area), Some(prefix)) => {
                assert_eq!(area.level, 3, "({lat}, {lon})");
                assert!(area.pcode.starts_with(prefix), "({lat}, {lon}) found {}", area.pcode)
            }
            (found, expected) => assert_eq!(found.map(|a| &a.pcode), expected.map(str::to_owned).as_ref()),
        }
    }

    #[test]
    fn counts_match_the_dataset() {
        let count = |level| IRAQ.records.iter().filter(|r| r.level == level).count();
        assert_eq!((count(0), count(1), count(2), count(3)), (1, 18, 101, 294));
        let mosul = IRAQ.records.iter().find(|r| r.pcode == "IQG15Q05").unwrap();
        assert_eq!(mosul.parent.as_deref(), Some("IQG15"));
        assert_eq!((mosul.name_en.as_str(), mosul.name_ar.as_str()), ("Al-Mosul", "الموصل"));
    }

    #[test]
    fn real_places_land_in_their_sub_district() {
        // Mosul old city, Basra city centre, Erbil citadel, central Baghdad.
        check(36.34, 43.13, Some("IQG15Q05"));
        check(30.508, 47.78, Some("IQG02Q02N02"));
        check(36.1912, 44.0092, Some("IQG11Q02"));
        check(33.3333, 44.40, Some("IQG08"));
    }

    #[test]
    fn points_outside_iraq_are_nowhere() {
        check(33.5138, 36.2765, None); // Damascus
        check(51.5, -0.12, None);
        check(0.0, 0.0, None);
    }

    #[test]
    fn every_inner_point_locates_to_its_own_area_or_a_child() {
        for record in IRAQ.records.iter().filter(|r| r.level == 3) {
            let (lat, lon) = record.inner_point;
            let found = &IRAQ.records[IRAQ.index.locate(lat, lon).unwrap()];
            assert_eq!(found.pcode, record.pcode);
        }
    }

    #[test]
    fn bad_files_are_refused_with_the_feature_named() {
        assert!(matches!(parse_ocha(1, "not json"), Err(GeoError::Json(_))));
        let no_name = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"ADM1_PCODE":"IQG01","ADM0_PCODE":"IQ"},"geometry":{"type":"Polygon","coordinates":[[[40,30],[41,30],[41,31],[40,30]]]}}]}"#;
        let error = parse_ocha(1, no_name).unwrap_err().to_string();
        assert_eq!(error, "feature 0: missing ADM1_AR");
        let feature = |pcode: &str, parent: &str| {
            format!(
                r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{"ADM1_PCODE":"{pcode}","ADM0_PCODE":"{parent}","ADM1_AR":"x","ADM1_EN":"x"}},"geometry":{{"type":"Polygon","coordinates":[[[40,30],[41,30],[41,31],[40,30]]]}}}}]}}"#
            )
        };
        assert!(parse_ocha(1, &feature("IQG01", "IQ")).is_ok());
        let error = parse_ocha(1, &feature("SYG01", "IQ")).unwrap_err().to_string();
        assert_eq!(error, "feature 0: P-code SYG01 does not lie within its parent IQ");
        let error = parse_ocha(1, &feature("IQ<script>", "IQ")).unwrap_err().to_string();
        assert_eq!(error, "feature 0: `IQ<script>` is not a P-code");
    }
}

#[cfg(test)]
mod props;
