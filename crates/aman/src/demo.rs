//! Demo data for `aman demo`: Iraq's real areas (embedded OCHA boundaries),
//! a few organisations, one staff account per role, and a year of concerns
//! over real sub-districts that have moved along their life-cycle, so a
//! newcomer sees the whole cycle at once. The concerns are generated from a
//! fixed seed; receipts and passwords come from the operating system.

use aman_app::random;
use aman_core::area::Pcode;
use aman_core::audit::AuditEvent;
use aman_core::category::Category;
use aman_core::concern::{Channel, Contact};
use aman_core::lifecycle::Status;
use aman_core::receipt::Receipt;
use aman_core::role::Role;
use aman_core::secrets::{self, Keys};
use aman_core::totp;
use aman_db::{Audit, Db, DbError, NewUser, StoredConcern, Transition};
use chrono::{DateTime, Days};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

pub const DEMO_CONCERNS: usize = 400;
/// The demo account a field device (OpenRosa) signs in as: a CSO caseworker.
pub const FIELD_ACCOUNT: &str = "cso.baghdad@demo.aman";
const FEUD_DISTRICT: &str = "IQG02Q01";

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

/// Where demo concerns happen: governorate P-code and weight.
const GOVERNORATES: [(&str, u32); 7] =
    [("IQG15", 30), ("IQG02", 20), ("IQG08", 18), ("IQG01", 10), ("IQG11", 8), ("IQG13", 7), ("IQG07", 7)];

const DESCRIPTIONS: [(Category, u32, &[&str]); 13] = [
    (
        Category::ArmedGroupsWeapons,
        16,
        &[
            "مسلحون يطلقون النار في الهواء قرب السوق كل ليلة ويخاف الأطفال من الخروج.",
            "انتشار السلاح بين الشباب في الحي وإطلاق نار في الأعراس والمناسبات.",
            "Armed men stop cars at night on the road near the school and ask for money.",
        ],
    ),
    (
        Category::TribalConflict,
        14,
        &[
            "نزاع بين عشيرتين على أرض زراعية تطور إلى تهديدات وإطلاق نار.",
            "دكة عشائرية على منزل عائلة في المنطقة بعد خلاف على حادث سير.",
        ],
    ),
    (
        Category::ServicesFailure,
        12,
        &[
            "انقطاع الكهرباء لساعات طويلة والشارع مظلم تماماً ليلاً وتكثر السرقات.",
            "مياه الصرف الصحي تغمر الطريق إلى المدرسة منذ أسابيع.",
        ],
    ),
    (
        Category::Crime,
        12,
        &[
            "سرقات متكررة للدراجات والمولدات في الحي خلال الشهر الماضي.",
            "بيع المخدرات قرب المقهى الشعبي ويستهدف الشباب الصغار.",
        ],
    ),
    (
        Category::DisplacementTension,
        8,
        &[
            "توتر بين العائلات العائدة وسكان الحي بسبب اتهامات بالانتماء وتهديدات بالطرد.",
            "عائلات نازحة بلا وثائق لا تستطيع الوصول إلى المدرسة والمركز الصحي.",
        ],
    ),
    (Category::YouthExclusion, 6, &["شباب عاطلون عن العمل يتجمعون ليلاً ويتعرضون لمحاولات تجنيد."]),
    (Category::HateSpeech, 6, &["منشورات على مواقع التواصل تحرض ضد أهالي قرية مجاورة وتنشر شائعات خطيرة."]),
    (Category::ExplosiveHazards, 5, &["أجسام غريبة تشبه القنابل غير المنفجرة في أرض مهجورة يلعب فيها الأطفال."]),
    (Category::JusticeCorruption, 5, &["طلب رشوة لإنجاز معاملة في دائرة رسمية وتأخير متعمد للمراجعين."]),
    (Category::Terrorism, 4, &["تحركات مشبوهة لأشخاص غرباء في البساتين ليلاً وتهديد بعض الرعاة."]),
    (Category::Gbv, 4, &["امرأة في الحي تتعرض للعنف المتكرر ولا تعرف أين تطلب المساعدة."]),
    (Category::SecurityConduct, 4, &["عناصر في نقطة التفتيش يسيئون معاملة الشباب ويأخذون هواتفهم."]),
    (Category::Other, 4, &["مخاوف من تجمعات ليلية قرب المدرسة دون معرفة سببها."]),
];

/// How far along its life each demo concern got, with weights.
const PROGRESS: [(&[Status], u32); 9] = [
    (&[], 20),
    (&[Status::UnderReview], 14),
    (&[Status::UnderReview, Status::Verified], 15),
    (&[Status::UnderReview, Status::Rejected], 7),
    (&[Status::UnderReview, Status::Duplicate], 4),
    (&[Status::UnderReview, Status::Verified, Status::Prioritised], 13),
    (&[Status::UnderReview, Status::Verified, Status::Prioritised, Status::InAction], 12),
    (&[Status::UnderReview, Status::Verified, Status::Prioritised, Status::InAction, Status::Resolved], 10),
    (
        &[
            Status::UnderReview,
            Status::Verified,
            Status::Prioritised,
            Status::InAction,
            Status::Resolved,
            Status::Closed,
        ],
        5,
    ),
];

/// How the demo's concerns arrive.
const CHANNELS: [(Channel, u32); 5] =
    [(Channel::Web, 55), (Channel::Sms, 15), (Channel::Rapidpro, 15), (Channel::Assisted, 10), (Channel::Odk, 5)];

fn weighted<'a, T>(rng: &mut StdRng, items: &'a [(T, u32)]) -> &'a T {
    let total: u32 = items.iter().map(|(_, w)| w).sum();
    let mut pick = rng.random_range(0..total);
    for (item, weight) in items {
        if pick < *weight {
            return item;
        }
        pick -= weight;
    }
    &items[items.len() - 1].0
}

fn public_note(status: Status) -> Option<&'static str> {
    match status {
        Status::Verified => Some("تم التحقق من بلاغك وسيُعرض على اللجنة المجتمعية في اجتماعها القادم."),
        Status::Prioritised => Some("وضعت اللجنة المجتمعية بلاغك ضمن أولوياتها لهذا الشهر."),
        Status::InAction => Some("اتفقت الشرطة والمجلس المحلي على خطة عمل، ومنها دوريات ليلية في المنطقة."),
        Status::Resolved => Some("نُفذت الإجراءات المتفق عليها. هل تحسن الوضع الآن؟"),
        Status::Rejected => Some("لم يكن بالإمكان التحقق من البلاغ. يمكنك تقديم بلاغ جديد بتفاصيل أكثر."),
        _ => None,
    }
}

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
pub async fn seed(db: &Db, keys: &Keys, now_ms: i64) -> Result<Vec<DemoAccount>, DbError> {
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
        seed_concerns(db, keys, &areas, actor, now_ms).await?;
    }
    if db.count_conflict_events().await? == 0 {
        let events = aman_detect::events::parse_ucdp(UCDP_EVENTS).map_err(|e| DbError::Corrupt(e.to_string()))?;
        let areas = aman_geo::Areas::new(areas).map_err(|e| DbError::Corrupt(e.to_string()))?;
        db.insert_conflict_events(&crate::imports::place_events(&areas, &events).0).await?;
    }
    let areas = aman_geo::Areas::new(db.all_areas().await?).map_err(|e| DbError::Corrupt(e.to_string()))?;
    let today = DateTime::from_timestamp_millis(now_ms).unwrap_or_default().date_naive();
    crate::demo_surveys::seed(db, keys, &areas, today, now_ms).await?;
    crate::demo_committees::seed(db, keys, now_ms).await?;
    Ok(accounts)
}

async fn seed_concerns(
    db: &Db,
    keys: &Keys,
    areas: &[aman_geo::AreaRecord],
    actor: i64,
    now_ms: i64,
) -> Result<(), DbError> {
    let mut rng = StdRng::seed_from_u64(2026);
    let year_ms: i64 = 365 * 86_400_000;
    let mut previous: Option<i64> = None;
    for n in 0..DEMO_CONCERNS {
        let governorate = *weighted(&mut rng, &GOVERNORATES);
        let candidates: Vec<&aman_geo::AreaRecord> =
            areas.iter().filter(|a| a.level == 3 && a.pcode.starts_with(governorate)).collect();
        let area = candidates[rng.random_range(0..candidates.len())];
        let descriptions: Vec<(Category, u32)> = DESCRIPTIONS.iter().map(|(c, w, _)| (*c, *w)).collect();
        let category = *weighted(&mut rng, &descriptions);
        let texts = DESCRIPTIONS.iter().find(|(c, _, _)| *c == category).map(|(_, _, t)| *t).unwrap_or_default();
        let description = texts[rng.random_range(0..texts.len())].to_owned();
        let submitted_at = now_ms - rng.random_range(0..year_ms);
        let submitted = DateTime::from_timestamp_millis(submitted_at).unwrap_or_default().date_naive();
        let occurred_on = submitted.checked_sub_days(Days::new(rng.random_range(0..7))).unwrap_or(submitted);
        let receipt_hash = Receipt::from_entropy(random()).keyed_hash(keys.receipt_key());
        let contact = rng.random_bool(0.15).then(|| Contact {
            name: Some(format!("مواطن تجريبي {n}")),
            phone: Some(format!("07700{:06}", rng.random_range(0..1_000_000))),
        });
        let point = rng.random_bool(0.3).then_some(area.inner_point);
        // Most come through the web form; the rest by text message, RapidPro,
        // field teams with tablets, and caseworkers filing for someone.
        let channel = *weighted(&mut rng, &CHANNELS);
        let concern = StoredConcern {
            contact_sealed: contact.as_ref().map(|c| keys.seal_contact(&receipt_hash, c, random())),
            point_sealed: point.map(|p| keys.seal_point(&receipt_hash, p, random())),
            receipt_hash,
            category,
            description,
            area: Pcode::parse(&area.pcode).ok_or_else(|| DbError::Corrupt(area.pcode.clone()))?,
            occurred_on,
            language: "ar".to_owned(),
            submitted_at,
            channel,
            consent: (channel == Channel::Assisted).then(|| "spoken: contact".to_owned()),
        };
        let id = db.store_concern(&concern).await?;
        let mut from = Status::Submitted;
        let mut at = submitted_at;
        for (version, &to) in (1..).zip(weighted(&mut rng, &PROGRESS).iter()) {
            at = (at + rng.random_range(3_600_000..5 * 86_400_000)).min(now_ms);
            let duplicate_of = if to == Status::Duplicate { previous } else { None };
            if to == Status::Duplicate && duplicate_of.is_none() {
                break;
            }
            let change = Transition {
                from,
                to,
                duplicate_of,
                reason: "Demo: reviewed by the triage desk.",
                public_note: public_note(to),
                actor_id: Some(actor),
                now_ms: at,
                expected_version: version,
            };
            let detail = format!("{} -> {}", change.from.as_str(), to.as_str());
            let event = AuditEvent {
                at_ms: at,
                actor_id: Some(actor),
                action: "concern.transition".to_owned(),
                subject: format!("concern:{id}"),
                detail,
            };
            db.transition(id, &change, Audit { key: &keys.audit_key(), event }).await?;
            from = to;
        }
        if from != Status::Duplicate {
            previous = Some(id);
        }
    }
    seed_rising_feud(db, keys, areas, &mut rng, now_ms).await
}

/// Tribal conflict rising in the Abu Al-Khaseeb district these last three
/// days: what the early warning should show its committee.
async fn seed_rising_feud(
    db: &Db,
    keys: &Keys,
    areas: &[aman_geo::AreaRecord],
    rng: &mut StdRng,
    now_ms: i64,
) -> Result<(), DbError> {
    let Some(area) = areas.iter().find(|a| a.level == 3 && a.pcode.starts_with(FEUD_DISTRICT)) else { return Ok(()) };
    let texts = DESCRIPTIONS.iter().find(|(c, _, _)| *c == Category::TribalConflict).map(|(_, _, t)| *t);
    for n in 0..8 {
        let submitted_at = now_ms - n * 9 * 3_600_000;
        let submitted = DateTime::from_timestamp_millis(submitted_at).unwrap_or_default().date_naive();
        let texts = texts.unwrap_or_default();
        let concern = StoredConcern {
            receipt_hash: Receipt::from_entropy(random()).keyed_hash(keys.receipt_key()),
            category: Category::TribalConflict,
            description: texts[rng.random_range(0..texts.len())].to_owned(),
            area: Pcode::parse(&area.pcode).ok_or_else(|| DbError::Corrupt(area.pcode.clone()))?,
            occurred_on: submitted,
            language: "ar".to_owned(),
            contact_sealed: None,
            point_sealed: None,
            submitted_at,
            channel: Channel::Web,
            consent: None,
        };
        db.store_concern(&concern).await?;
    }
    Ok(())
}

/// Real conflict events (UCDP GED, CC BY 4.0; data/events/PROVENANCE.md), so
/// the demo's event series show real history.
pub const UCDP_EVENTS: &str = include_str!("../../../data/events/conflict_data_irq.csv");
