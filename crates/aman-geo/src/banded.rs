//! Fast point-in-polygon for polygons queried millions of times.
//!
//! The classic even–odd ray-crossing test looks at every edge of every ring.
//! Here a polygon's edges are sorted once into horizontal bands, so a query
//! only tests the few edges whose vertical span covers the point's band: a
//! sub-district of a few hundred vertices costs a handful of edge tests. The
//! answer agrees with geo's exact predicates away from the boundary (checked
//! against geo on random points in the tests); a point exactly on a boundary
//! may fall on either side.

use geo::{Coord, Polygon};

pub struct BandedPolygon {
    min_y: f64,
    band_height: f64,
    /// For each band, the edges (as coordinate pairs) whose y-span meets it.
    bands: Vec<Vec<(Coord<f64>, Coord<f64>)>>,
}

impl BandedPolygon {
    pub fn new(polygon: &Polygon<f64>) -> BandedPolygon {
        let edges: Vec<(Coord<f64>, Coord<f64>)> = std::iter::once(polygon.exterior())
            .chain(polygon.interiors())
            .flat_map(|ring| ring.lines().map(|line| (line.start, line.end)))
            .filter(|(a, b)| a.y != b.y)
            .collect();
        let (min_y, max_y) = edges
            .iter()
            .flat_map(|(a, b)| [a.y, b.y])
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), y| (lo.min(y), hi.max(y)));
        // About four edges per band, within sensible limits.
        let count = (edges.len() / 4).clamp(1, 1024);
        let band_height = if max_y > min_y { (max_y - min_y) / count as f64 } else { 1.0 };
        let mut bands = vec![Vec::new(); count];
        for (a, b) in edges {
            let first = band_of(a.y.min(b.y), min_y, band_height, count);
            let last = band_of(a.y.max(b.y), min_y, band_height, count);
            for band in &mut bands[first..=last] {
                band.push((a, b));
            }
        }
        BandedPolygon { min_y, band_height, bands }
    }

    /// Even–odd rule: a ray from the point towards +x crosses the boundary an
    /// odd number of times exactly when the point is inside.
    pub fn contains(&self, x: f64, y: f64) -> bool {
        if self.bands.is_empty() || y < self.min_y {
            return false;
        }
        let index = band_of(y, self.min_y, self.band_height, self.bands.len());
        let Some(band) = self.bands.get(index) else { return false };
        let mut inside = false;
        for (a, b) in band {
            if (a.y > y) != (b.y > y) {
                let crossing_x = a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y);
                if x < crossing_x {
                    inside = !inside;
                }
            }
        }
        inside
    }
}

fn band_of(y: f64, min_y: f64, height: f64, count: usize) -> usize {
    (((y - min_y) / height) as usize).min(count - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Contains, polygon};

    /// A tiny deterministic generator, so the test needs no dependency.
    fn points(seed: u64, n: usize, (x0, x1): (f64, f64), (y0, y1): (f64, f64)) -> Vec<(f64, f64)> {
        let mut state = seed;
        let mut next = move || {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
        };
        (0..n).map(|_| (x0 + next() * (x1 - x0), y0 + next() * (y1 - y0))).collect()
    }

    #[test]
    fn agrees_with_geo_on_a_polygon_with_a_hole() {
        let shape = polygon!(
            exterior: [(x: 0.0, y: 0.0), (x: 10.0, y: 0.0), (x: 10.0, y: 10.0), (x: 5.0, y: 4.0), (x: 0.0, y: 10.0)],
            interiors: [[(x: 2.0, y: 1.0), (x: 4.0, y: 1.0), (x: 4.0, y: 3.0), (x: 2.0, y: 3.0)]],
        );
        let banded = BandedPolygon::new(&shape);
        for (x, y) in points(1, 20_000, (-1.0, 11.0), (-1.0, 11.0)) {
            assert_eq!(banded.contains(x, y), shape.contains(&geo::Point::new(x, y)), "({x}, {y})");
        }
    }

    #[test]
    fn agrees_with_geo_on_every_real_sub_district() {
        for (level, text) in crate::embedded_boundaries().into_iter().filter(|(level, _)| *level == 3) {
            for record in crate::parse_ocha(level, text).expect("boundaries") {
                let shape = crate::parse_geometry(&record.geometry).expect("geometry");
                let polygon = &shape.0[0];
                let banded = BandedPolygon::new(polygon);
                let bounds = geo::BoundingRect::bounding_rect(polygon).expect("bounds");
                let area = (bounds.min().x, bounds.max().x);
                for (x, y) in points(record.pcode.len() as u64, 300, area, (bounds.min().y, bounds.max().y)) {
                    assert_eq!(
                        banded.contains(x, y),
                        polygon.contains(&geo::Point::new(x, y)),
                        "{} ({x}, {y})",
                        record.pcode
                    );
                }
            }
        }
    }
}
