//! Joint community security committees: organisations, committees and their
//! members, meetings (agenda, attendance, minutes), issues grouping concerns,
//! members' ballots and the stored priority lists.

use crate::{Db, DbError, corrupt, date_from_day_number, day_number};
use aman_core::area::Pcode;
use aman_core::committee::composition::{Constituency, Sex};
use chrono::NaiveDate;
use sqlx::Row;
use sqlx::any::AnyRow;

#[derive(Debug, Clone, PartialEq)]
pub struct OrganisationRecord {
    pub id: i64,
    pub kind: String,
    pub name_ar: String,
    pub name_en: String,
    pub area: String,
    /// Category codes it handles; empty for all.
    pub categories: Vec<String>,
    /// Confidential categories it may receive.
    pub confidential: Vec<String>,
    pub contact: String,
}

impl OrganisationRecord {
    /// The name in English for English readers, in Arabic for everyone else
    /// (Kurdish names are not recorded).
    pub fn name(&self, lang: &str) -> &str {
        if lang == "en" { &self.name_en } else { &self.name_ar }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct CommitteeRecord {
    pub id: i64,
    pub area: Pcode,
    pub name: String,
    /// The composition rule, as JSON.
    pub rule: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MemberRecord {
    pub id: i64,
    pub committee_id: i64,
    pub name: String,
    pub constituency: Constituency,
    pub sex: Sex,
    pub organisation_id: Option<i64>,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MeetingRecord {
    pub id: i64,
    pub committee_id: i64,
    pub held_on: NaiveDate,
    pub place: String,
    pub minutes: String,
    pub decisions: String,
    pub version: i64,
    /// Agenda items in order: `concern:ID`, `issue:ID` or `alert:ID`.
    pub agenda: Vec<String>,
    /// `(member id, present)`.
    pub attendance: Vec<(i64, bool)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IssueRecord {
    pub id: i64,
    pub committee_id: i64,
    pub title: String,
    pub concerns: Vec<i64>,
}

fn words(text: String) -> Vec<String> {
    text.split_whitespace().map(str::to_owned).collect()
}

fn organisation_from_row(r: &AnyRow) -> Result<OrganisationRecord, DbError> {
    Ok(OrganisationRecord {
        id: r.try_get("id")?,
        kind: r.try_get("kind")?,
        name_ar: r.try_get("name_ar")?,
        name_en: r.try_get("name_en")?,
        area: r.try_get("area")?,
        categories: words(r.try_get("categories")?),
        confidential: words(r.try_get("confidential")?),
        contact: r.try_get("contact")?,
    })
}

fn committee_from_row(r: &AnyRow) -> Result<CommitteeRecord, DbError> {
    let area: String = r.try_get("area")?;
    Ok(CommitteeRecord {
        id: r.try_get("id")?,
        area: Pcode::parse(&area).ok_or_else(|| DbError::Corrupt(format!("committee area `{area}`")))?,
        name: r.try_get("name")?,
        rule: r.try_get("rule")?,
        created_at: r.try_get("created_at")?,
    })
}

impl Db {
    /// Records what an organisation handles and how to reach it.
    pub async fn set_organisation_details(
        &self,
        id: i64,
        categories: &[&str],
        confidential: &[&str],
        contact: &str,
    ) -> Result<(), DbError> {
        sqlx::query("UPDATE organisations SET categories = $1, confidential = $2, contact = $3 WHERE id = $4")
            .bind(categories.join(" "))
            .bind(confidential.join(" "))
            .bind(contact)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Organisations serving an area or anything below it, or above it (a
    /// governorate directorate serves its districts).
    pub async fn organisations(&self, area: &str) -> Result<Vec<OrganisationRecord>, DbError> {
        let rows = sqlx::query(
            "SELECT id, kind, name_ar, name_en, area, categories, confidential, contact FROM organisations \
             WHERE area LIKE $1 OR $2 LIKE area || '%' ORDER BY area, name_en",
        )
        .bind(format!("{area}%"))
        .bind(area)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(organisation_from_row).collect()
    }

    pub async fn organisation(&self, id: i64) -> Result<Option<OrganisationRecord>, DbError> {
        let row = sqlx::query(
            "SELECT id, kind, name_ar, name_en, area, categories, confidential, contact FROM organisations WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(organisation_from_row).transpose()
    }

    /// Committees of an area and below it.
    pub async fn committees(&self, area_prefix: &str) -> Result<Vec<CommitteeRecord>, DbError> {
        let rows =
            sqlx::query("SELECT id, area, name, rule, created_at FROM committees WHERE area LIKE $1 ORDER BY area, id")
                .bind(format!("{area_prefix}%"))
                .fetch_all(&self.pool)
                .await?;
        rows.iter().map(committee_from_row).collect()
    }

    pub async fn committee(&self, id: i64) -> Result<Option<CommitteeRecord>, DbError> {
        let row = sqlx::query("SELECT id, area, name, rule, created_at FROM committees WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(committee_from_row).transpose()
    }

    pub async fn set_member_active(&self, member_id: i64, active: bool) -> Result<(), DbError> {
        sqlx::query("UPDATE committee_members SET active = $1 WHERE id = $2")
            .bind(i64::from(active))
            .bind(member_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn members(&self, committee_id: i64) -> Result<Vec<MemberRecord>, DbError> {
        let rows = sqlx::query(
            "SELECT id, committee_id, name, constituency, sex, organisation_id, active FROM committee_members \
             WHERE committee_id = $1 ORDER BY id",
        )
        .bind(committee_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(MemberRecord {
                    id: r.try_get(0)?,
                    committee_id: r.try_get(1)?,
                    name: r.try_get(2)?,
                    constituency: {
                        let code: String = r.try_get(3)?;
                        Constituency::from_code(&code).ok_or_else(|| corrupt("constituency", &code))?
                    },
                    sex: {
                        let code: String = r.try_get(4)?;
                        Sex::from_code(&code).ok_or_else(|| corrupt("sex", &code))?
                    },
                    organisation_id: r.try_get(5)?,
                    active: r.try_get::<i64, _>(6)? != 0,
                })
            })
            .collect()
    }

    /// A committee's meetings, newest first (without agenda and attendance).
    pub async fn meetings(&self, committee_id: i64) -> Result<Vec<MeetingRecord>, DbError> {
        let rows = sqlx::query(
            "SELECT id, committee_id, held_on, place, minutes, decisions, version FROM meetings \
             WHERE committee_id = $1 ORDER BY held_on DESC, id DESC",
        )
        .bind(committee_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(meeting_from_row).collect()
    }

    pub async fn meeting(&self, id: i64) -> Result<Option<MeetingRecord>, DbError> {
        let row = sqlx::query(
            "SELECT id, committee_id, held_on, place, minutes, decisions, version FROM meetings WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        let Some(mut meeting) = row.as_ref().map(meeting_from_row).transpose()? else { return Ok(None) };
        let agenda = sqlx::query("SELECT item FROM agenda_items WHERE meeting_id = $1 ORDER BY position")
            .bind(id)
            .fetch_all(&self.pool)
            .await?;
        meeting.agenda = agenda.iter().map(|r| r.try_get(0)).collect::<Result<_, _>>()?;
        let attendance =
            sqlx::query("SELECT member_id, present FROM attendance WHERE meeting_id = $1 ORDER BY member_id")
                .bind(id)
                .fetch_all(&self.pool)
                .await?;
        meeting.attendance = attendance
            .iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get::<i64, _>(1)? != 0)))
            .collect::<Result<_, DbError>>()?;
        Ok(Some(meeting))
    }

    /// The days of the meetings whose agenda held a concern, directly or
    /// through an issue grouping it.
    pub async fn agenda_days(&self, concern_id: i64) -> Result<Vec<NaiveDate>, DbError> {
        let rows = sqlx::query(
            "SELECT DISTINCT m.held_on FROM meetings m JOIN agenda_items a ON a.meeting_id = m.id \
             WHERE a.item = $1 OR a.item IN (SELECT 'issue:' || issue_id FROM issue_concerns WHERE concern_id = $2) \
             ORDER BY m.held_on",
        )
        .bind(format!("concern:{concern_id}"))
        .bind(concern_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let day: i64 = r.try_get(0)?;
                date_from_day_number(day).ok_or_else(|| DbError::Corrupt(format!("meeting day {day}")))
            })
            .collect()
    }

    pub async fn issues(&self, committee_id: i64) -> Result<Vec<IssueRecord>, DbError> {
        let rows = sqlx::query(
            "SELECT i.id, i.title, c.concern_id FROM concern_issues i LEFT JOIN issue_concerns c ON c.issue_id = i.id \
             WHERE i.committee_id = $1 ORDER BY i.id, c.concern_id",
        )
        .bind(committee_id)
        .fetch_all(&self.pool)
        .await?;
        let mut issues: Vec<IssueRecord> = Vec::new();
        for r in &rows {
            let id: i64 = r.try_get(0)?;
            if issues.last().is_none_or(|i| i.id != id) {
                issues.push(IssueRecord { id, committee_id, title: r.try_get(1)?, concerns: Vec::new() });
            }
            if let (Some(issue), Some(concern)) = (issues.last_mut(), r.try_get::<Option<i64>, _>(2)?) {
                issue.concerns.push(concern);
            }
        }
        Ok(issues)
    }

    /// `(member id, ranking JSON)` of a meeting's ballots.
    pub async fn ballots(&self, meeting_id: i64) -> Result<Vec<(i64, String)>, DbError> {
        let rows = sqlx::query("SELECT member_id, ranking FROM ballots WHERE meeting_id = $1 ORDER BY member_id")
            .bind(meeting_id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
    }

    /// `(method, result JSON)` of a meeting's stored priorities.
    pub async fn priorities(&self, meeting_id: i64) -> Result<Option<(String, String)>, DbError> {
        let row = sqlx::query("SELECT method, result FROM priorities WHERE meeting_id = $1")
            .bind(meeting_id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).transpose()
    }
}

fn meeting_from_row(r: &AnyRow) -> Result<MeetingRecord, DbError> {
    let day: i64 = r.try_get(2)?;
    Ok(MeetingRecord {
        id: r.try_get(0)?,
        committee_id: r.try_get(1)?,
        held_on: date_from_day_number(day).ok_or_else(|| DbError::Corrupt(format!("meeting day {day}")))?,
        place: r.try_get(3)?,
        minutes: r.try_get(4)?,
        decisions: r.try_get(5)?,
        version: r.try_get(6)?,
        agenda: Vec::new(),
        attendance: Vec::new(),
    })
}

impl crate::Tx {
    pub async fn create_committee(
        &mut self,
        area: &Pcode,
        name: &str,
        rule: &str,
        now_ms: i64,
    ) -> Result<i64, DbError> {
        let row =
            sqlx::query("INSERT INTO committees (area, name, rule, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
                .bind(area.as_str())
                .bind(name)
                .bind(rule)
                .bind(now_ms)
                .fetch_one(self.conn())
                .await?;
        Ok(row.try_get(0)?)
    }

    pub async fn add_member(
        &mut self,
        committee_id: i64,
        name: &str,
        constituency: Constituency,
        sex: Sex,
        organisation_id: Option<i64>,
        now_ms: i64,
    ) -> Result<i64, DbError> {
        let row = sqlx::query(
            "INSERT INTO committee_members (committee_id, name, constituency, sex, organisation_id, active, joined_at) \
             VALUES ($1, $2, $3, $4, $5, 1, $6) RETURNING id",
        )
        .bind(committee_id)
        .bind(name)
        .bind(constituency.as_str())
        .bind(sex.as_str())
        .bind(organisation_id)
        .bind(now_ms)
        .fetch_one(self.conn())
        .await?;
        Ok(row.try_get(0)?)
    }

    /// A meeting with its agenda, in one transaction.
    pub async fn create_meeting(
        &mut self,
        committee_id: i64,
        held_on: NaiveDate,
        place: &str,
        agenda: &[String],
        now_ms: i64,
    ) -> Result<i64, DbError> {
        let row = sqlx::query(
            "INSERT INTO meetings (committee_id, held_on, place, minutes, decisions, created_at, version) \
             VALUES ($1, $2, $3, '', '', $4, 0) RETURNING id",
        )
        .bind(committee_id)
        .bind(day_number(held_on))
        .bind(place)
        .bind(now_ms)
        .fetch_one(self.conn())
        .await?;
        let id: i64 = row.try_get(0)?;
        for (position, item) in agenda.iter().enumerate() {
            sqlx::query("INSERT INTO agenda_items (meeting_id, position, item) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(position as i64)
                .bind(item)
                .execute(self.conn())
                .await?;
        }
        Ok(id)
    }

    /// Replaces a meeting's attendance.
    pub async fn set_attendance(&mut self, meeting_id: i64, attendance: &[(i64, bool)]) -> Result<(), DbError> {
        sqlx::query("DELETE FROM attendance WHERE meeting_id = $1").bind(meeting_id).execute(self.conn()).await?;
        for (member, present) in attendance {
            sqlx::query("INSERT INTO attendance (meeting_id, member_id, present) VALUES ($1, $2, $3)")
                .bind(meeting_id)
                .bind(*member)
                .bind(i64::from(*present))
                .execute(self.conn())
                .await?;
        }
        Ok(())
    }

    /// Records minutes and decisions if the meeting is still at `version`.
    pub async fn set_minutes(
        &mut self,
        meeting_id: i64,
        version: i64,
        minutes: &str,
        decisions: &str,
    ) -> Result<(), DbError> {
        let changed = sqlx::query(
            "UPDATE meetings SET minutes = $1, decisions = $2, version = version + 1 WHERE id = $3 AND version = $4",
        )
        .bind(minutes)
        .bind(decisions)
        .bind(meeting_id)
        .bind(version)
        .execute(self.conn())
        .await?
        .rows_affected();
        if changed == 1 { Ok(()) } else { Err(DbError::Conflict) }
    }

    pub async fn create_issue(
        &mut self,
        committee_id: i64,
        title: &str,
        concerns: &[i64],
        now_ms: i64,
    ) -> Result<i64, DbError> {
        let row = sqlx::query(
            "INSERT INTO concern_issues (committee_id, title, created_at) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(committee_id)
        .bind(title)
        .bind(now_ms)
        .fetch_one(self.conn())
        .await?;
        let id: i64 = row.try_get(0)?;
        for concern in concerns {
            sqlx::query("INSERT INTO issue_concerns (issue_id, concern_id) VALUES ($1, $2)")
                .bind(id)
                .bind(*concern)
                .execute(self.conn())
                .await
                .map_err(DbError::from_insert)?;
        }
        Ok(id)
    }

    /// Records (or replaces) a member's ballot: agenda item keys, best first, as JSON.
    pub async fn set_ballot(&mut self, meeting_id: i64, member_id: i64, ranking: &str) -> Result<(), DbError> {
        sqlx::query(
            "INSERT INTO ballots (meeting_id, member_id, ranking) VALUES ($1, $2, $3) \
             ON CONFLICT (meeting_id, member_id) DO UPDATE SET ranking = excluded.ranking",
        )
        .bind(meeting_id)
        .bind(member_id)
        .bind(ranking)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// Stores a meeting's computed priorities (replacing earlier ones).
    pub async fn set_priorities(
        &mut self,
        meeting_id: i64,
        method: &str,
        result: &str,
        now_ms: i64,
    ) -> Result<(), DbError> {
        sqlx::query(
            "INSERT INTO priorities (meeting_id, method, result, computed_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (meeting_id) DO UPDATE SET method = excluded.method, result = excluded.result, \
             computed_at = excluded.computed_at",
        )
        .bind(meeting_id)
        .bind(method)
        .bind(result)
        .bind(now_ms)
        .execute(self.conn())
        .await?;
        Ok(())
    }
}
