//! Staff accounts and their server-side sessions. Session tokens are stored
//! only as hashes; the cookie or bearer token holds the secret.

use crate::{Db, DbError};
use aman_core::area::Pcode;
use aman_core::role::Role;
use sqlx::Row;
use sqlx::any::AnyRow;

#[derive(Debug, Clone)]
pub struct UserRecord {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub role: Role,
    pub area: Pcode,
    pub disabled: bool,
    /// May handle the confidential categories.
    pub confidential: bool,
    /// The TOTP secret, sealed; `None` until enrolled.
    pub totp_sealed: Option<Vec<u8>>,
    /// The last TOTP step accepted (codes of it and earlier are replays).
    pub totp_last_step: Option<i64>,
    /// The organisation whose referrals this account answers, if any.
    pub organisation_id: Option<i64>,
}

/// A staff account to create.
#[derive(Debug, Clone, Copy)]
pub struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub area: &'a Pcode,
    /// May handle the confidential categories.
    pub confidential: bool,
}

#[derive(Debug, Clone)]
pub struct SessionRecord {
    pub user: UserRecord,
    pub csrf_token: String,
    pub created_at: i64,
    pub last_seen_at: i64,
}

const USER_COLUMNS: &str = "u.id, u.email, u.display_name, u.password_hash, u.role, u.area, u.disabled, \
     u.confidential, u.totp_sealed, u.totp_last_step, u.organisation_id";

fn user_from_row(row: &AnyRow) -> Result<UserRecord, DbError> {
    let role: String = row.try_get("role")?;
    let area: String = row.try_get("area")?;
    Ok(UserRecord {
        id: row.try_get("id")?,
        email: row.try_get("email")?,
        display_name: row.try_get("display_name")?,
        password_hash: row.try_get("password_hash")?,
        role: Role::from_code(&role).ok_or_else(|| DbError::Corrupt(format!("role `{role}`")))?,
        area: Pcode::parse(&area).ok_or_else(|| DbError::Corrupt(format!("area `{area}`")))?,
        disabled: row.try_get::<i64, _>("disabled")? != 0,
        confidential: row.try_get::<i64, _>("confidential")? != 0,
        totp_sealed: row.try_get("totp_sealed")?,
        totp_last_step: row.try_get("totp_last_step")?,
        organisation_id: row.try_get("organisation_id")?,
    })
}

impl Db {
    /// Creates an account; [`DbError::Duplicate`] if the email is taken.
    pub async fn create_user(&self, user: &NewUser<'_>, now_ms: i64) -> Result<i64, DbError> {
        let NewUser { email, display_name, password_hash, role, area, confidential } = *user;
        let row = sqlx::query(
            "INSERT INTO users (email, display_name, password_hash, role, area, confidential, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(email)
        .bind(display_name)
        .bind(password_hash)
        .bind(role.as_str())
        .bind(area.as_str())
        .bind(i64::from(confidential))
        .bind(now_ms)
        .fetch_one(&self.pool)
        .await
        .map_err(DbError::from_insert)?;
        Ok(row.try_get(0)?)
    }

    /// Replaces a password and ends every session of the account.
    pub async fn set_password(&self, user_id: i64, password_hash: &str) -> Result<(), DbError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The enabled accounts whose area lies on the path to `area` (those
    /// above it or at it), by name.
    pub async fn users_over(&self, area: &str) -> Result<Vec<UserRecord>, DbError> {
        let sql = format!(
            "SELECT {USER_COLUMNS} FROM users u WHERE u.disabled = 0 AND $1 LIKE u.area || '%' ORDER BY u.display_name"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(area).fetch_all(&self.pool).await?;
        rows.iter().map(user_from_row).collect()
    }

    /// The enabled accounts whose area lies on the path to `area` or inside
    /// it, by name.
    pub async fn users_around(&self, area: &str) -> Result<Vec<UserRecord>, DbError> {
        let sql = format!(
            "SELECT {USER_COLUMNS} FROM users u WHERE u.disabled = 0 \
             AND ($1 LIKE u.area || '%' OR u.area LIKE $1 || '%') ORDER BY u.display_name"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(area).fetch_all(&self.pool).await?;
        rows.iter().map(user_from_row).collect()
    }

    pub async fn user(&self, id: i64) -> Result<Option<UserRecord>, DbError> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(&self.pool).await?;
        row.as_ref().map(user_from_row).transpose()
    }

    pub async fn user_by_email(&self, email: &str) -> Result<Option<UserRecord>, DbError> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.email = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(email).fetch_optional(&self.pool).await?;
        row.as_ref().map(user_from_row).transpose()
    }

    pub async fn create_session(
        &self,
        token_hash: &str,
        user_id: i64,
        csrf_token: &str,
        now_ms: i64,
    ) -> Result<(), DbError> {
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $4)",
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(csrf_token)
        .bind(now_ms)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn session(&self, token_hash: &str) -> Result<Option<SessionRecord>, DbError> {
        let sql = format!(
            "SELECT {USER_COLUMNS}, s.csrf_token, s.created_at, s.last_seen_at \
             FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(token_hash).fetch_optional(&self.pool).await?;
        row.map(|row| {
            Ok(SessionRecord {
                user: user_from_row(&row)?,
                csrf_token: row.try_get("csrf_token")?,
                created_at: row.try_get("created_at")?,
                last_seen_at: row.try_get("last_seen_at")?,
            })
        })
        .transpose()
    }

    pub async fn touch_session(&self, token_hash: &str, now_ms: i64) -> Result<(), DbError> {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
            .bind(now_ms)
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<(), DbError> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash).execute(&self.pool).await?;
        Ok(())
    }

    /// Ends every session of an account ("log out everywhere").
    pub async fn delete_user_sessions(&self, user_id: i64) -> Result<u64, DbError> {
        Ok(sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(&self.pool)
            .await?
            .rows_affected())
    }

    /// Enrols (or, with `None`, removes) a sealed TOTP secret; ends every
    /// session of the account, so that the new factor is asked at next login.
    pub async fn set_totp(&self, user_id: i64, sealed: Option<&[u8]>) -> Result<(), DbError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE users SET totp_sealed = $1, totp_last_step = NULL WHERE id = $2")
            .bind(sealed)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Reserves one sign-in attempt on an account, atomically (one UPDATE,
    /// so parallel attempts on any number of servers are counted exactly):
    /// false if `limit` attempts were already made in the window that began
    /// after `since_ms`. A window older than `since_ms` starts again at `now_ms`.
    pub async fn reserve_login_attempt(
        &self,
        user_id: i64,
        since_ms: i64,
        now_ms: i64,
        limit: i64,
    ) -> Result<bool, DbError> {
        let fresh = "(login_window_start IS NULL OR login_window_start < $2)";
        let sql = format!(
            "UPDATE users SET login_attempts = CASE WHEN {fresh} THEN 1 ELSE login_attempts + 1 END, \
             login_window_start = CASE WHEN {fresh} THEN $3 ELSE login_window_start END \
             WHERE id = $1 AND ({fresh} OR login_attempts < $4)"
        );
        let changed = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(user_id)
            .bind(since_ms)
            .bind(now_ms)
            .bind(limit)
            .execute(&self.pool)
            .await?
            .rows_affected();
        Ok(changed == 1)
    }

    /// A successful sign-in clears the account's attempts.
    pub async fn clear_login_attempts(&self, user_id: i64) -> Result<(), DbError> {
        sqlx::query("UPDATE users SET login_attempts = 0, login_window_start = NULL WHERE id = $1")
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Marks a TOTP step as used; false if it (or a later one) already was,
    /// even by another server at the same moment.
    pub async fn use_totp_step(&self, user_id: i64, step: i64) -> Result<bool, DbError> {
        let updated = sqlx::query(
            "UPDATE users SET totp_last_step = $1 WHERE id = $2 AND (totp_last_step IS NULL OR totp_last_step < $1)",
        )
        .bind(step)
        .bind(user_id)
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(updated == 1)
    }

    /// Every account's sealed TOTP secret, for key rotation.
    pub async fn totp_secrets(&self) -> Result<Vec<(i64, Vec<u8>)>, DbError> {
        let rows = sqlx::query("SELECT id, totp_sealed FROM users WHERE totp_sealed IS NOT NULL ORDER BY id")
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
    }

    /// Replaces sealed TOTP secrets (after key rotation), in one transaction;
    /// unlike [`Db::set_totp`] the accounts keep their sessions and last step.
    pub async fn reseal_totp(&self, sealed: &[(i64, Vec<u8>)]) -> Result<(), DbError> {
        let mut tx = self.pool.begin().await?;
        for (id, bytes) in sealed {
            sqlx::query("UPDATE users SET totp_sealed = $1 WHERE id = $2")
                .bind(bytes.as_slice())
                .bind(*id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Links an account to the organisation whose referrals it answers.
    pub async fn set_user_organisation(&self, user_id: i64, organisation_id: Option<i64>) -> Result<(), DbError> {
        sqlx::query("UPDATE users SET organisation_id = $1 WHERE id = $2")
            .bind(organisation_id)
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Disables (or re-enables) an account; disabling ends all its sessions.
    pub async fn set_disabled(&self, user_id: i64, disabled: bool) -> Result<(), DbError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE users SET disabled = $1 WHERE id = $2")
            .bind(i64::from(disabled))
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        if disabled {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
            sqlx::query("DELETE FROM device_passwords WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Gives the account a device password (only its hash), replacing any
    /// it had.
    pub async fn set_device_password(&self, user_id: i64, secret_hash: &str, now_ms: i64) -> Result<(), DbError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM device_passwords WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
        sqlx::query("INSERT INTO device_passwords (user_id, secret_hash, created_at) VALUES ($1, $2, $3)")
            .bind(user_id)
            .bind(secret_hash)
            .bind(now_ms)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Revokes the account's device password; false if it had none.
    pub async fn revoke_device_password(&self, user_id: i64) -> Result<bool, DbError> {
        let done =
            sqlx::query("DELETE FROM device_passwords WHERE user_id = $1").bind(user_id).execute(&self.pool).await?;
        Ok(done.rows_affected() > 0)
    }

    /// The account whose device password has this hash.
    pub async fn user_by_device_password(&self, secret_hash: &str) -> Result<Option<UserRecord>, DbError> {
        let sql = format!(
            "SELECT {USER_COLUMNS} FROM users u JOIN device_passwords d ON d.user_id = u.id WHERE d.secret_hash = $1"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(secret_hash).fetch_optional(&self.pool).await?;
        row.as_ref().map(user_from_row).transpose()
    }
}
