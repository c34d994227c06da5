//! Administrative areas: imported from boundary files, read back whole at
//! start-up to build the in-memory catalogue and point index.

use crate::{Db, DbError};
use aman_geo::AreaRecord;
use sqlx::Row;

impl Db {
    /// Inserts or updates areas, parents before children, in one transaction.
    pub async fn upsert_areas(&self, areas: &[AreaRecord]) -> Result<usize, DbError> {
        let mut sorted: Vec<&AreaRecord> = areas.iter().collect();
        sorted.sort_by_key(|a| (a.level, a.pcode.clone()));
        let mut tx = self.pool.begin().await?;
        for area in &sorted {
            sqlx::query(
                "INSERT INTO areas (pcode, level, parent, name_ar, name_en, inner_lat, inner_lon, geometry) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
                 ON CONFLICT (pcode) DO UPDATE SET level = excluded.level, parent = excluded.parent, \
                 name_ar = excluded.name_ar, name_en = excluded.name_en, inner_lat = excluded.inner_lat, \
                 inner_lon = excluded.inner_lon, geometry = excluded.geometry",
            )
            .bind(&area.pcode)
            .bind(i64::from(area.level))
            .bind(area.parent.as_deref())
            .bind(&area.name_ar)
            .bind(&area.name_en)
            .bind(area.inner_point.0)
            .bind(area.inner_point.1)
            .bind(&area.geometry)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(sorted.len())
    }

    pub async fn all_areas(&self) -> Result<Vec<AreaRecord>, DbError> {
        let rows = sqlx::query(
            "SELECT pcode, level, parent, name_ar, name_en, inner_lat, inner_lon, geometry FROM areas ORDER BY pcode",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let level: i64 = row.try_get("level")?;
                Ok(AreaRecord {
                    pcode: row.try_get("pcode")?,
                    level: u8::try_from(level).map_err(|_| DbError::Corrupt(format!("area level {level}")))?,
                    parent: row.try_get("parent")?,
                    name_ar: row.try_get("name_ar")?,
                    name_en: row.try_get("name_en")?,
                    geometry: row.try_get("geometry")?,
                    inner_point: (row.try_get("inner_lat")?, row.try_get("inner_lon")?),
                })
            })
            .collect()
    }

    /// Organisations that receive referrals; the demo creates a few.
    pub async fn upsert_organisation(
        &self,
        kind: &str,
        name_ar: &str,
        name_en: &str,
        area: &str,
    ) -> Result<i64, DbError> {
        let row = sqlx::query(
            "INSERT INTO organisations (kind, name_ar, name_en, area) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (name_en, area) DO UPDATE SET kind = excluded.kind, name_ar = excluded.name_ar \
             RETURNING id",
        )
        .bind(kind)
        .bind(name_ar)
        .bind(name_en)
        .bind(area)
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get(0)?)
    }
}
