//! The demo's concerns, at any scale: a year of them over Iraq's real
//! sub-districts, where people live (by governorate population), of every
//! kind by its weight and season (failing services peak in the summer heat),
//! a tenth of them in clusters (a run of one kind in one sub-district over a
//! few days, as an incident brings), each moved along its life-cycle by the
//! triage desk with its history and audit entries. `aman demo` loads 400;
//! `cargo xtask gen` a million, through the same code, in batches of one
//! transaction each.

use aman_app::random;
use aman_core::area::Pcode;
use aman_core::audit::AuditEvent;
use aman_core::category::Category;
use aman_core::concern::{Channel, Contact};
use aman_core::lifecycle::Status;
use aman_core::receipt::Receipt;
use aman_core::secrets::Keys;
use aman_db::{Audit, Db, DbError, StoredConcern, Transition};
use aman_geo::AreaRecord;
use chrono::{DateTime, Datelike, Days};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Concerns written per transaction.
const BATCH: usize = 2_000;

/// Where the early-warning demo's feud is rising.
const FEUD_DISTRICT: &str = "IQG02Q01";

/// Where people live, so where concerns come from: each governorate's
/// population in thousands (approximate: the Central Statistical
/// Organization's projections for 2018, rounded), shared evenly among its
/// sub-districts. The feud of the early-warning demo is seeded apart.
const POPULATION: [(&str, u32); 18] = [
    ("IQG08", 8126),
    ("IQG15", 3729),
    ("IQG02", 2908),
    ("IQG17", 2095),
    ("IQG07", 2065),
    ("IQG06", 2053),
    ("IQG11", 1854),
    ("IQG01", 1771),
    ("IQG10", 1637),
    ("IQG13", 1595),
    ("IQG16", 1595),
    ("IQG04", 1471),
    ("IQG18", 1379),
    ("IQG09", 1292),
    ("IQG05", 1291),
    ("IQG12", 1218),
    ("IQG14", 1112),
    ("IQG03", 814),
];

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

/// How much more often a kind of concern comes in a month (1–12) than on
/// average: electricity and water fail in the summer heat; feuds and
/// crime follow the summer too, less strongly.
fn season(category: Category, month: u32) -> f64 {
    let summer = matches!(month, 6..=9);
    match category {
        Category::ServicesFailure if summer => 2.0,
        Category::TribalConflict | Category::Crime if summer => 1.3,
        _ => 1.0,
    }
}

/// A run of concerns of one kind in one sub-district around one time.
struct Cluster<'a> {
    area: &'a AreaRecord,
    category: Category,
    centre_ms: i64,
    left: u32,
}

/// Writes `count` concerns over the year before `now_ms`, then the feud.
pub async fn seed(
    db: &Db,
    keys: &Keys,
    areas: &[AreaRecord],
    actor: i64,
    count: usize,
    now_ms: i64,
) -> Result<(), DbError> {
    let mut rng = StdRng::seed_from_u64(2026);
    let year_ms: i64 = 365 * 86_400_000;
    // Each sub-district weighs its governorate's population over their number.
    let places: Vec<(&AreaRecord, u32)> = POPULATION
        .iter()
        .flat_map(|(governorate, people)| {
            let inside: Vec<&AreaRecord> =
                areas.iter().filter(|a| a.level == 3 && a.pcode.starts_with(governorate)).collect();
            let share = (people * 100 / inside.len().max(1) as u32).max(1);
            inside.into_iter().map(move |a| (a, share))
        })
        .collect();
    let kinds: Vec<(Category, u32)> = DESCRIPTIONS.iter().map(|(c, w, _)| (*c, *w)).collect();
    // Flagged as intake flags them: each of the few texts assessed once.
    let flagger = aman_text::flag::Flagger::shipped();
    let flagged: std::collections::HashMap<&str, bool> = DESCRIPTIONS
        .iter()
        .flat_map(|(_, _, texts)| texts.iter())
        .map(|&text| (text, flagger.assess(text).flagged))
        .collect();
    let mut previous: Option<i64> = None;
    let mut cluster: Option<Cluster> = None;
    let mut written = 0;
    while written < count {
        let mut tx = db.begin().await?;
        for n in written..(written + BATCH).min(count) {
            if cluster.as_ref().is_none_or(|c| c.left == 0) && rng.random_bool(0.01) {
                let area = *weighted(&mut rng, &places);
                cluster = Some(Cluster {
                    area,
                    category: *weighted(&mut rng, &kinds),
                    centre_ms: now_ms - rng.random_range(0..year_ms),
                    left: rng.random_range(5..=20),
                });
            }
            let (area, category, submitted_at) = match cluster.as_mut() {
                Some(c) if c.left > 0 && rng.random_bool(0.5) => {
                    c.left -= 1;
                    let at = c.centre_ms + rng.random_range(-3 * 86_400_000..3 * 86_400_000);
                    (c.area, c.category, at.min(now_ms))
                }
                _ => {
                    let category = *weighted(&mut rng, &kinds);
                    // A time of year, kept as often as its season says.
                    let at = loop {
                        let at = now_ms - rng.random_range(0..year_ms);
                        let month = DateTime::from_timestamp_millis(at).unwrap_or_default().month();
                        if rng.random_bool(season(category, month) / 2.0) {
                            break at;
                        }
                    };
                    (*weighted(&mut rng, &places), category, at)
                }
            };
            let texts = DESCRIPTIONS.iter().find(|(c, _, _)| *c == category).map(|(_, _, t)| *t).unwrap_or_default();
            let text = rng.random_range(0..texts.len());
            let description = texts[text].to_owned();
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
                flagged: flagged.get(texts[text]).copied().unwrap_or(false),
            };
            let id = tx.store_concern(&concern).await?;
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
                tx.transition(id, &change).await?;
                let event = AuditEvent {
                    at_ms: at,
                    actor_id: Some(actor),
                    action: "concern.transition".to_owned(),
                    subject: format!("concern:{id}"),
                    detail: format!("{} -> {}", from.as_str(), to.as_str()),
                };
                tx.audit(Audit { key: &keys.audit_key(), event }).await?;
                from = to;
            }
            if from != Status::Duplicate {
                previous = Some(id);
            }
        }
        tx.commit().await?;
        written = (written + BATCH).min(count);
        if count >= 100_000 && written % 100_000 < BATCH {
            eprintln!("  {written} of {count} concerns written");
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
            flagged: false,
        };
        db.store_concern(&concern).await?;
    }
    Ok(())
}
