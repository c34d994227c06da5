//! Demo data for `aman demo`: Iraq's real areas (embedded OCHA boundaries),
//! a few organisations, one staff account per role, and a year of concerns
//! over real sub-districts that have moved along their life-cycle, so a
//! newcomer sees the whole cycle at once. The concerns are generated from a
//! fixed seed (`demo_concerns`, which also makes the large databases of
//! `cargo xtask gen`); receipts and passwords come from the operating system.

use aman_app::random;
use aman_core::area::Pcode;
use aman_core::receipt::Receipt;
use aman_core::role::Role;
use aman_core::secrets::{self, Keys};
use aman_core::totp;
use aman_db::{Db, DbError, NewUser};
use chrono::DateTime;

pub const DEMO_CONCERNS: usize = 400;
/// The demo account a field device (OpenRosa) signs in as: a CSO caseworker.
pub const FIELD_ACCOUNT: &str = "cso.baghdad@demo.aman";

const ACCOUNTS: [(&str, &str, Role, &str); 8] = [
    ("admin@demo.aman", "Demo administrator", Role::Administrator, "IQ"),
    ("triage@demo.aman", "National triage desk", Role::TriageOfficer, "IQ"),
    ("triage.ninewa@demo.aman", "Ninewa triage officer", Role::TriageOfficer, "IQG15"),
    ("triage.basra@demo.aman", "Basra triage officer", Role::TriageOfficer, "IQG02"),
    ("police.mosul@demo.aman", "Captain Haider (Mosul police liaison)", Role::PoliceLiaison, "IQG15Q05"),
    (
        "committee.abualkhaseeb@demo.aman",
        "Ahmed (Abu Al-Khaseeb committee secretary)",
        Role::CommitteeMember,
        "IQG02Q01",
    ),
    (FIELD_ACCOUNT, "Baghdad CSO caseworker", Role::CsoCaseworker, "IQG08"),
    ("analyst@demo.aman", "Layla (analyst)", Role::Analyst, "IQ"),
];

const ORGANISATIONS: [(&str, &str, &str, &str); 8] = [
    ("police", "مديرية شرطة نينوى", "Ninewa Police Directorate", "IQG15"),
    ("local_authority", "مجلس قضاء الموصل", "Al-Mosul District Council", "IQG15Q05"),
    ("cso", "منظمة السلام المجتمعي في الموصل", "Mosul Community Peace Organisation", "IQG15Q05"),
    ("police", "مركز شرطة أبي الخصيب", "Abu Al-Khaseeb Police Station", "IQG02Q01"),
    ("local_authority", "قائمقامية أبي الخصيب", "Abu Al-Khaseeb District Office", "IQG02Q01"),
    ("youth_group", "شبكة شباب البصرة", "Basra Youth Network", "IQG02"),
    ("cso", "مركز دعم الضحايا في بغداد", "Baghdad Victim Support Centre", "IQG08"),
    ("media", "إذاعة المجتمع في أربيل", "Erbil Community Radio", "IQG11"),
];

/// A demo account's sign-in details, new at every start.
pub struct DemoAccount {
    pub email: &'static str,
    pub role: Role,
    pub area: &'static str,
    pub password: String,
    /// The TOTP secret (base32) of roles that need a second factor.
    pub totp: Option<String>,
}

/// Loads what is missing and (re)sets the demo passwords and two-factor
/// secrets.
pub async fn seed(db: &Db, keys: &Keys, concerns: usize, now_ms: i64) -> Result<Vec<DemoAccount>, DbError> {
    let mut areas = db.all_areas().await?;
    if areas.is_empty() {
        for (level, text) in aman_geo::embedded_boundaries() {
            let records = aman_geo::parse_ocha(level, text).map_err(|e| DbError::Corrupt(e.to_string()))?;
            db.upsert_areas(&records).await?;
        }
        areas = db.all_areas().await?;
    }
    for (kind, name_ar, name_en, area) in ORGANISATIONS {
        db.upsert_organisation(kind, name_ar, name_en, area).await?;
    }
    let mut accounts = Vec::new();
    let mut actor = 0;
    for (email, name, role, area) in ACCOUNTS {
        let password = Receipt::from_entropy(random()).grouped()[..19].to_owned();
        let hash = secrets::hash_password(&password, random());
        let id = match db.user_by_email(email).await? {
            Some(user) => {
                db.set_password(user.id, &hash).await?;
                user.id
            }
            None => {
                let area = Pcode::parse(area).ok_or_else(|| DbError::Corrupt(area.to_owned()))?;
                // Triage officers and caseworkers handle confidential concerns.
                let confidential = matches!(role, Role::TriageOfficer | Role::CsoCaseworker);
                let user = NewUser { email, display_name: name, password_hash: &hash, role, area: &area, confidential };
                db.create_user(&user, now_ms).await?
            }
        };
        if role == Role::TriageOfficer && actor == 0 {
            actor = id;
        }
        let totp = if role.requires_second_factor() {
            let secret: [u8; totp::SECRET_BYTES] = random();
            db.set_totp(id, Some(&keys.seal(&secrets::totp_context(id), &secret, random()))).await?;
            Some(totp::secret_base32(&secret))
        } else {
            None
        };
        accounts.push(DemoAccount { email, role, area, password, totp });
    }
    if db.count_concerns().await? == 0 {
        crate::demo_concerns::seed(db, keys, &areas, actor, concerns, now_ms).await?;
    }
    if db.count_conflict_events().await? == 0 {
        let events = aman_detect::events::parse_ucdp(UCDP_EVENTS).map_err(|e| DbError::Corrupt(e.to_string()))?;
        let areas = aman_geo::Areas::new(areas).map_err(|e| DbError::Corrupt(e.to_string()))?;
        db.insert_conflict_events(&crate::imports::place_events(&areas, &events).0).await?;
    }
    let areas = aman_geo::Areas::new(db.all_areas().await?).map_err(|e| DbError::Corrupt(e.to_string()))?;
    let today = DateTime::from_timestamp_millis(now_ms).unwrap_or_default().date_naive();
    // 30 interviews per governorate and quarter for the demo (2,160), more
    // for a large database (500 at a million concerns: 36,000).
    let interviews = (concerns / 2_000).max(30);
    crate::demo_surveys::seed(db, keys, &areas, interviews, today, now_ms).await?;
    crate::demo_committees::seed(db, keys, now_ms).await?;
    Ok(accounts)
}

/// Real conflict events (UCDP GED, CC BY 4.0; data/events/PROVENANCE.md), so
/// the demo's event series show real history.
pub const UCDP_EVENTS: &str = include_str!("../../../data/events/conflict_data_irq.csv");
