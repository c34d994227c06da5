//! Perception surveys: forms (kept as their XLSForm workbooks) and responses
//! (answers as JSON beside the design and demographic columns).

use crate::{Db, DbError, date_from_day_number, day_number};
use aman_core::area::Pcode;
use chrono::NaiveDate;
use sqlx::Row;

#[derive(Debug, Clone)]
pub struct SurveyFormRecord {
    pub id: i64,
    pub form_key: String,
    pub version: String,
    pub title: String,
    pub workbook: Vec<u8>,
    pub imported_at: i64,
    /// The last day it takes answers; `None`: open.
    pub closes_on: Option<NaiveDate>,
}

/// One response to store. `answers` is a JSON object of the raw answers.
#[derive(Debug, Clone)]
pub struct NewResponse {
    /// Unique within the form: the import's `_uuid`, or a random id for the web form.
    pub external_id: String,
    pub area: Pcode,
    pub collected_on: NaiveDate,
    pub weight: f64,
    pub stratum: Option<String>,
    pub cluster: Option<String>,
    pub sex: Option<String>,
    pub age_group: Option<String>,
    pub displacement: Option<String>,
    pub answers: String,
    /// `web` or `import`.
    pub source: &'static str,
    /// The free-text answers, sealed (`aman_core::secrets::survey_text_context`).
    pub text_sealed: Option<Vec<u8>>,
}

/// A response's sealed free-text answers, for re-sealing under a new key.
#[derive(Debug, Clone)]
pub struct SealedSurveyText {
    pub id: i64,
    pub form_id: i64,
    pub external_id: String,
    pub sealed: Vec<u8>,
}

/// A stored response, as the estimates read it.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseRecord {
    pub area: String,
    pub collected_on: NaiveDate,
    pub weight: f64,
    pub stratum: Option<String>,
    pub cluster: Option<String>,
    pub sex: Option<String>,
    pub age_group: Option<String>,
    pub displacement: Option<String>,
    pub answers: String,
    /// How it came: `web` (completed alone), `interview`, `import`.
    pub source: String,
}

impl Db {
    /// Sets the population of areas (replacing earlier figures), in one transaction.
    pub async fn upsert_populations(&self, rows: &[(Pcode, i64, i64)]) -> Result<u64, DbError> {
        let mut tx = self.pool.begin().await?;
        for (area, population, year) in rows {
            sqlx::query(
                "INSERT INTO populations (area, population, year) VALUES ($1, $2, $3) \
                 ON CONFLICT (area) DO UPDATE SET population = excluded.population, year = excluded.year",
            )
            .bind(area.as_str())
            .bind(*population)
            .bind(*year)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(rows.len() as u64)
    }

    /// Every recorded population, by area.
    pub async fn populations(&self) -> Result<Vec<(String, i64)>, DbError> {
        let rows = sqlx::query("SELECT area, population FROM populations ORDER BY area").fetch_all(&self.pool).await?;
        rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
    }

    /// Stores a form version; [`DbError::Duplicate`] if that version exists.
    pub async fn insert_survey_form(
        &self,
        form_key: &str,
        version: &str,
        title: &str,
        workbook: &[u8],
        now_ms: i64,
    ) -> Result<i64, DbError> {
        let row = sqlx::query(
            "INSERT INTO survey_forms (form_key, version, title, workbook, imported_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(form_key)
        .bind(version)
        .bind(title)
        .bind(workbook)
        .bind(now_ms)
        .fetch_one(&self.pool)
        .await
        .map_err(DbError::from_insert)?;
        Ok(row.try_get(0)?)
    }

    /// The newest version of every form, by key.
    pub async fn survey_forms(&self) -> Result<Vec<SurveyFormRecord>, DbError> {
        let rows = sqlx::query(
            "SELECT id, form_key, version, title, workbook, imported_at, closes_on FROM survey_forms f \
             WHERE id = (SELECT MAX(id) FROM survey_forms g WHERE g.form_key = f.form_key) ORDER BY form_key",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(SurveyFormRecord {
                    id: r.try_get(0)?,
                    form_key: r.try_get(1)?,
                    version: r.try_get(2)?,
                    title: r.try_get(3)?,
                    workbook: r.try_get(4)?,
                    imported_at: r.try_get(5)?,
                    closes_on: r
                        .try_get::<Option<i64>, _>(6)?
                        .map(|day| {
                            date_from_day_number(day).ok_or_else(|| DbError::Corrupt(format!("closing day {day}")))
                        })
                        .transpose()?,
                })
            })
            .collect()
    }

    /// Closes a form (every version) after `day`, or opens it again.
    pub async fn close_survey(&self, form_key: &str, day: Option<NaiveDate>) -> Result<u64, DbError> {
        let changed = sqlx::query("UPDATE survey_forms SET closes_on = $1 WHERE form_key = $2")
            .bind(day.map(day_number))
            .bind(form_key)
            .execute(&self.pool)
            .await?
            .rows_affected();
        Ok(changed)
    }

    /// The newest version of one form.
    pub async fn survey_form(&self, form_key: &str) -> Result<Option<SurveyFormRecord>, DbError> {
        Ok(self.survey_forms().await?.into_iter().find(|f| f.form_key == form_key))
    }

    /// Stores responses all together or not at all ([`DbError::Duplicate`]
    /// if any was stored before).
    pub async fn insert_responses(&self, form_id: i64, responses: &[NewResponse]) -> Result<u64, DbError> {
        let mut tx = self.pool.begin().await?;
        for r in responses {
            sqlx::query(
                "INSERT INTO survey_responses (form_id, external_id, area, collected_on, weight, stratum, cluster, \
                 sex, age_group, displacement, answers, source, text_sealed) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
            )
            .bind(form_id)
            .bind(&r.external_id)
            .bind(r.area.as_str())
            .bind(day_number(r.collected_on))
            .bind(r.weight)
            .bind(r.stratum.as_deref())
            .bind(r.cluster.as_deref())
            .bind(r.sex.as_deref())
            .bind(r.age_group.as_deref())
            .bind(r.displacement.as_deref())
            .bind(&r.answers)
            .bind(r.source)
            .bind(r.text_sealed.as_deref())
            .execute(&mut *tx)
            .await
            .map_err(DbError::from_insert)?;
        }
        tx.commit().await?;
        Ok(responses.len() as u64)
    }

    /// Sealed free-text answers after response `after`, oldest first:
    /// `(response id, form id, external id, sealed)`.
    pub async fn sealed_survey_texts(&self, after: i64, limit: i64) -> Result<Vec<SealedSurveyText>, DbError> {
        let rows = sqlx::query(
            "SELECT id, form_id, external_id, text_sealed FROM survey_responses \
             WHERE id > $1 AND text_sealed IS NOT NULL ORDER BY id LIMIT $2",
        )
        .bind(after)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(SealedSurveyText {
                    id: r.try_get(0)?,
                    form_id: r.try_get(1)?,
                    external_id: r.try_get(2)?,
                    sealed: r.try_get(3)?,
                })
            })
            .collect()
    }

    /// Replaces sealed free-text answers, all in one transaction.
    pub async fn reseal_survey_texts(&self, texts: &[SealedSurveyText]) -> Result<(), DbError> {
        let mut tx = self.pool.begin().await?;
        for t in texts {
            sqlx::query("UPDATE survey_responses SET text_sealed = $1 WHERE id = $2")
                .bind(&t.sealed)
                .bind(t.id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The responses to a form (every version) in an area and below it.
    pub async fn survey_responses(&self, form_key: &str, area_prefix: &str) -> Result<Vec<ResponseRecord>, DbError> {
        let rows = sqlx::query(
            "SELECT r.area, r.collected_on, r.weight, r.stratum, r.cluster, r.sex, r.age_group, r.displacement, \
             r.answers, r.source FROM survey_responses r JOIN survey_forms f ON f.id = r.form_id \
             WHERE f.form_key = $1 AND r.area LIKE $2 ORDER BY r.id",
        )
        .bind(form_key)
        .bind(format!("{area_prefix}%"))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let day: i64 = r.try_get(1)?;
                Ok(ResponseRecord {
                    area: r.try_get(0)?,
                    collected_on: date_from_day_number(day)
                        .ok_or_else(|| DbError::Corrupt(format!("response date {day}")))?,
                    weight: r.try_get(2)?,
                    stratum: r.try_get(3)?,
                    cluster: r.try_get(4)?,
                    sex: r.try_get(5)?,
                    age_group: r.try_get(6)?,
                    displacement: r.try_get(7)?,
                    answers: r.try_get(8)?,
                    source: r.try_get(9)?,
                })
            })
            .collect()
    }
}
