//! Areas drawn as SVG paths: a plain equirectangular projection (longitude
//! scaled by the cosine of the middle latitude, which keeps Iraq's shapes
//! true enough at this size), simplified in screen units so that a map
//! weighs kilobytes, not megabytes. No tiles, no scripts: the page embeds
//! the paths.

use geo::{BoundingRect, Coord, LineString, MultiPolygon, Polygon, Rect, Simplify};
use std::fmt::Write;

/// A map's width in SVG units; its height follows the shapes.
pub const MAP_WIDTH: f64 = 1000.0;
/// Detail below this many units (a thousandth of the width) is dropped.
const TOLERANCE: f64 = 1.0;

/// One area's outline as an SVG path, in the map's units.
#[derive(Debug, Clone, PartialEq)]
pub struct MapShape {
    pub pcode: String,
    pub path: String,
}

/// Shapes fitted into one frame of [`MAP_WIDTH`] × `height` units.
#[derive(Debug, Clone, PartialEq)]
pub struct Map {
    pub height: f64,
    pub shapes: Vec<MapShape>,
}

/// Draws the outlines together, fitted to their common bounding box, in
/// the order given. Shapes with no area left at this scale draw nothing.
pub fn draw(outlines: &[(&str, &MultiPolygon<f64>)]) -> Map {
    let Some(bounds) = outlines.iter().filter_map(|(_, shape)| shape.bounding_rect()).reduce(union) else {
        return Map { height: 0.0, shapes: Vec::new() };
    };
    let middle = (bounds.min().y + bounds.max().y) / 2.0;
    let squeeze = middle.to_radians().cos();
    let span = ((bounds.max().x - bounds.min().x) * squeeze).max(f64::EPSILON);
    let scale = MAP_WIDTH / span;
    let project =
        |c: Coord<f64>| Coord { x: (c.x - bounds.min().x) * squeeze * scale, y: (bounds.max().y - c.y) * scale };
    let shapes = outlines
        .iter()
        .map(|(pcode, shape)| {
            let mut path = String::new();
            for polygon in &shape.0 {
                let projected = Polygon::new(
                    ring(polygon.exterior(), project),
                    polygon.interiors().iter().map(|r| ring(r, project)).collect(),
                );
                let simple = projected.simplify(TOLERANCE);
                for line in std::iter::once(simple.exterior()).chain(simple.interiors()) {
                    write_ring(&mut path, line);
                }
            }
            MapShape { pcode: (*pcode).to_owned(), path }
        })
        .filter(|shape| !shape.path.is_empty())
        .collect();
    let height = ((bounds.max().y - bounds.min().y) * scale).ceil();
    Map { height, shapes }
}

fn union(a: Rect<f64>, b: Rect<f64>) -> Rect<f64> {
    Rect::new(
        Coord { x: a.min().x.min(b.min().x), y: a.min().y.min(b.min().y) },
        Coord { x: a.max().x.max(b.max().x), y: a.max().y.max(b.max().y) },
    )
}

fn ring(line: &LineString<f64>, project: impl Fn(Coord<f64>) -> Coord<f64>) -> LineString<f64> {
    line.coords().map(|c| project(*c)).collect()
}

/// Appends one closed ring (`M x y L … Z`, a tenth of a unit), if it still
/// encloses something after simplifying.
fn write_ring(path: &mut String, line: &LineString<f64>) {
    let points: Vec<(i64, i64)> =
        line.coords().map(|c| ((c.x * 10.0).round() as i64, (c.y * 10.0).round() as i64)).collect();
    let mut distinct = points.clone();
    distinct.dedup();
    if distinct.len() < 4 {
        return;
    }
    for (i, (x, y)) in distinct.iter().take(distinct.len() - 1).enumerate() {
        let _ = write!(path, "{}{} {}", if i == 0 { "M" } else { "L" }, tenths(*x), tenths(*y));
    }
    path.push('Z');
}

/// A number of tenths as the shortest decimal text.
fn tenths(value: i64) -> String {
    if value % 10 == 0 { (value / 10).to_string() } else { format!("{:.1}", value as f64 / 10.0) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::polygon;

    #[test]
    fn shapes_fill_the_width_and_keep_their_proportions() {
        // A degree square on the equator and one beside it.
        let left =
            MultiPolygon(vec![polygon![(x: 40.0, y: 0.0), (x: 41.0, y: 0.0), (x: 41.0, y: 1.0), (x: 40.0, y: 1.0)]]);
        let right =
            MultiPolygon(vec![polygon![(x: 41.0, y: 0.0), (x: 42.0, y: 0.0), (x: 42.0, y: 1.0), (x: 41.0, y: 1.0)]]);
        let map = draw(&[("A", &left), ("B", &right)]);
        assert_eq!(map.shapes.len(), 2);
        assert!((map.height - 500.0).abs() <= 1.0, "{}", map.height);
        assert_eq!(map.shapes[0].path, "M0 500L500 500L500 0L0 0Z");
        assert!(map.shapes[1].path.starts_with("M500 500L1000 500"), "{}", map.shapes[1].path);
    }

    #[test]
    fn nothing_to_draw_draws_nothing() {
        assert_eq!(draw(&[]).shapes.len(), 0);
    }

    #[test]
    fn iraq_at_every_level_weighs_little() {
        let records: Vec<crate::AreaRecord> = crate::embedded_boundaries()
            .into_iter()
            .flat_map(|(level, text)| crate::parse_ocha(level, text).expect("boundaries"))
            .collect();
        for level in 1..=3u8 {
            let shapes: Vec<(String, MultiPolygon<f64>)> = records
                .iter()
                .filter(|r| r.level == level)
                .map(|r| (r.pcode.clone(), crate::parse_geometry(&r.geometry).expect("shape")))
                .collect();
            let outlines: Vec<(&str, &MultiPolygon<f64>)> = shapes.iter().map(|(p, s)| (p.as_str(), s)).collect();
            let map = draw(&outlines);
            let bytes: usize = map.shapes.iter().map(|s| s.path.len()).sum();
            assert_eq!(map.shapes.len(), outlines.len(), "every area of level {level} drawn");
            assert!(bytes < 150_000, "level {level}: {bytes} bytes of paths");
            assert!(map.height > 800.0 && map.height < 1200.0, "Iraq is about as tall as wide: {}", map.height);
        }
    }
}
