//! Demo action plans and referrals, so a newcomer sees the whole cycle: each
//! demo committee decides 4–6 actions at its meetings over the year, owned
//! by organisations serving its area, moved through their statuses with
//! dated updates (some done and confirmed by members and reporters, one
//! disputed and reopened, some blocked, one dropped, one overdue); and the
//! triage desks refer the committees' areas' concerns to those organisations
//! (confidential categories only to the cleared ones), which answer on time,
//! late or not at all, the unanswered ones escalated as the scheduled job
//! would. All as the server would write it; generated from a fixed seed.

use aman_core::audit::AuditEvent;
use aman_core::category::Category;
use aman_core::committee::action::{ActionStatus, Verdict};
use aman_core::committee::referral::ReferralStatus::{Acknowledged, Declined as Refused, Responded};
use aman_core::committee::referral::{EscalationLevel, ReferralStatus, Severity};
use aman_core::lifecycle::Status;
use aman_core::secrets::Keys;
use aman_db::{Audit, Db, DbError, NewAction, OrganisationRecord, QueueFilter};
use chrono::{DateTime, NaiveDate};
use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;

const DAY_MS: i64 = 86_400_000;
const HOUR_MS: i64 = 3_600_000;
const POLICE_LIAISON: &str = "police.mosul@demo.aman";
const MOSUL_POLICE: &str = "Ninewa Police Directorate";

/// A meeting that met its quorum over a non-empty agenda.
pub struct Held {
    pub at: i64,
    pub agenda: Vec<String>,
    /// The members present.
    pub present: Vec<i64>,
}

/// What a seeded committee leaves for its actions.
pub struct Seeded {
    pub id: i64,
    pub area: &'static str,
    pub members: Vec<i64>,
    /// Its quorate meetings, oldest first.
    pub meetings: Vec<Held>,
    /// Agenda keys (`concern:ID`, `issue:ID`), their category and the
    /// concerns each stands for.
    pub items: Vec<(String, Category, Vec<i64>)>,
}

/// Where an action ends up by now.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Fate {
    /// Done and confirmed "better".
    Done,
    /// Done, then disputed by a reporter and reopened.
    Disputed,
    Blocked,
    Dropped,
    /// In progress past its due date.
    Overdue,
    /// Decided at a recent meeting, not started yet.
    Planned,
}

use Fate::{Blocked, Disputed, Done, Dropped, Overdue, Planned};

/// Per committee (in the order of the plans), oldest action first.
const FATES: [&[Fate]; 3] = [
    &[Done, Done, Blocked, Overdue, Planned],
    &[Done, Disputed, Done, Dropped, Overdue, Planned],
    &[Done, Blocked, Disputed, Overdue],
];

/// Whoever records the committee's progress: its secretary, else the administrator.
const SECRETARIES: [(&str, &str); 1] = [("IQG02Q01", "committee.abualkhaseeb@demo.aman")];

fn action_title(category: Category) -> &'static str {
    match category {
        Category::TribalConflict => "جلسة وساطة بين العائلتين المتنازعتين بحضور الوجهاء وممثل الشرطة",
        Category::ServicesFailure => "إصلاح الإنارة العامة وتشغيل مولدات في الشوارع المظلمة",
        Category::Crime => "دوريات ليلية مشتركة قرب السوق والمدرسة",
        Category::ArmedGroupsWeapons => "حملة لمنع إطلاق النار في المناسبات وحصر السلاح غير المرخص",
        Category::DisplacementTension => "تسهيل استخراج الوثائق للعائلات العائدة وجلسة حوار مع المجتمع المضيف",
        Category::YouthExclusion => "برنامج تدريب مهني لشباب الحي",
        Category::HateSpeech => "حملة توعية ضد خطاب الكراهية مع الإعلام المحلي",
        Category::ExplosiveHazards => "مسح الموقع المشتبه به وإزالة المخلفات الحربية",
        Category::JusticeCorruption => "متابعة شكاوى الرشوة مع الدائرة المعنية وهيئة النزاهة",
        Category::Terrorism => "تعزيز نقاط المراقبة في البساتين ليلاً",
        _ => "لقاء مفتوح مع الأهالي لمتابعة البلاغات",
    }
}

const STARTED: &str = "بدأ التنفيذ: عُقد اجتماع تنسيقي مع الجهة المسؤولة وحُدد فريق العمل والجدول الزمني.";
const HALFWAY: &str = "أُنجز نحو نصف العمل، وتتابع اللجنة التنفيذ أسبوعياً مع الجهة المسؤولة.";
const FINISHED: &str = "اكتمل التنفيذ وعُرضت النتائج على اللجنة في اجتماعها الشهري.";
const STUCK: &str = "توقف العمل بانتظار موافقة الدائرة المختصة وتوفير التخصيصات المالية.";
const CANCELLED: &str = "أُلغي الإجراء بعد أن تبيّن أن جهة أخرى تتولى المعالجة نفسها، وأُبلغ الأهالي بذلك.";
const LATE: &str = "تأخر التنفيذ عن الموعد المحدد بسبب نقص الكوادر، وطلبت اللجنة خطة لاستكماله.";
const REOPENED: &str = "أعادت اللجنة فتح الإجراء بعد اعتراض الأهالي، وستراجع الجهة المسؤولة ما تم في الموقع.";

fn corrupt(what: impl std::fmt::Display) -> DbError {
    DbError::Corrupt(what.to_string())
}

fn day(ms: i64) -> NaiveDate {
    DateTime::from_timestamp_millis(ms).unwrap_or_default().date_naive()
}

/// Links the Mosul police liaison account to its organisation, so that it
/// sees and answers the police's referrals.
/// The demo accounts that answer for an organisation: account, the
/// organisation's area and English name.
const ANSWERING: [(&str, &str, &str); 2] =
    [(POLICE_LIAISON, "IQG15", MOSUL_POLICE), ("cso.baghdad@demo.aman", "IQG08", "Baghdad Victim Support Centre")];

/// Links each demo account that answers referrals to its organisation.
pub async fn link_accounts(db: &Db) -> Result<(), DbError> {
    for (email, area, organisation) in ANSWERING {
        let Some(user) = db.user_by_email(email).await? else { continue };
        let found = db.organisations(area).await?.into_iter().find(|o| o.name_en == organisation);
        if let Some(found) = found.filter(|o| user.organisation_id != Some(o.id)) {
            db.set_user_organisation(user.id, Some(found.id)).await?;
        }
    }
    Ok(())
}

/// Moves an action to `status` with a dated update, as the server does.
async fn step(db: &Db, id: i64, status: ActionStatus, body: &str, actor: Option<i64>, at: i64) -> Result<(), DbError> {
    let record = db.action(id).await?.ok_or_else(|| corrupt(format!("action {id}")))?;
    db.write(async |tx| tx.update_action(&record, status, body, actor, at).await).await
}

/// The committee's actions, decided at meetings spread over its year.
pub async fn seed_actions(
    db: &Db,
    rng: &mut StdRng,
    committee: &Seeded,
    which: usize,
    now_ms: i64,
) -> Result<(), DbError> {
    let fates = FATES[which % FATES.len()];
    let meetings = &committee.meetings;
    if meetings.is_empty() {
        return Ok(());
    }
    let organisations = db.organisations(committee.area).await?;
    if organisations.is_empty() {
        return Ok(());
    }
    let email = SECRETARIES.iter().find(|(a, _)| *a == committee.area).map_or("admin@demo.aman", |(_, e)| e);
    let actor = db.user_by_email(email).await?.map(|u| u.id);
    // Everything happened before now.
    let past = |ms: i64| ms.min(now_ms - HOUR_MS);
    let spread = fates.len().saturating_sub(1).max(1);
    let mut used: Vec<String> = Vec::new();
    for (n, &fate) in fates.iter().enumerate() {
        // The meeting nearest its place in the year that is old enough for
        // the fate and still has agenda items no action took.
        let min_age = match fate {
            Done | Disputed => 80,
            Blocked | Dropped => 45,
            Overdue => 40,
            Planned => 0,
        } * DAY_MS;
        let target = n * (meetings.len() - 1) / spread;
        let fresh = |m: &Held| m.agenda.iter().any(|k| !used.contains(k));
        let meeting = (0..meetings.len())
            .filter(|&i| meetings[i].at <= now_ms - min_age)
            .min_by_key(|&i| (!fresh(&meetings[i]), i.abs_diff(target)))
            .map_or(&meetings[target], |i| &meetings[i]);
        // One or two of the meeting's agenda items, preferring fresh ones.
        let mut agenda: Vec<&String> = meeting.agenda.iter().filter(|k| !used.contains(k)).collect();
        if agenda.is_empty() {
            agenda = meeting.agenda.iter().collect();
        }
        let first = agenda.remove(rng.random_range(0..agenda.len()));
        let mut keys = vec![first.clone()];
        if !agenda.is_empty() && rng.random_bool(0.4) {
            keys.push(agenda[rng.random_range(0..agenda.len())].clone());
        }
        used.extend(keys.iter().cloned());
        let item = |key: &String| committee.items.iter().find(|(k, ..)| k == key);
        let category = item(first).map_or(Category::Other, |(_, c, _)| *c);
        let handles = |o: &&OrganisationRecord| o.categories.iter().any(|c| c == category.as_str());
        let fitting: Vec<&OrganisationRecord> = organisations.iter().filter(handles).collect();
        let owner = if fitting.is_empty() {
            organisations.iter().find(|o| o.kind == "local_authority").unwrap_or(&organisations[0])
        } else {
            fitting[rng.random_range(0..fitting.len())]
        };
        let others: Vec<i64> = organisations.iter().map(|o| o.id).filter(|&o| o != owner.id).collect();
        let partners: Vec<i64> = if !others.is_empty() && rng.random_bool(0.5) {
            vec![others[rng.random_range(0..others.len())]]
        } else {
            Vec::new()
        };
        let window = match fate {
            Planned => rng.random_range(45..75),
            Overdue => rng.random_range(21..35),
            _ => rng.random_range(30..60),
        };
        let created = meeting.at + 2 * HOUR_MS;
        let due = created + window * DAY_MS;
        let action = NewAction {
            committee_id: committee.id,
            title: action_title(category),
            owner_id: owner.id,
            partners: &partners,
            due_on: day(due),
            items: &keys,
        };
        let id = db.write(async |tx| tx.create_action(&action, created).await).await?;
        if fate == Planned {
            continue;
        }
        if fate == Dropped {
            step(db, id, ActionStatus::Dropped, CANCELLED, actor, past(created + rng.random_range(8..20) * DAY_MS))
                .await?;
            continue;
        }
        let started = past(created + rng.random_range(3..8) * DAY_MS);
        step(db, id, ActionStatus::InProgress, STARTED, actor, started).await?;
        let halfway = past(started + (due - started) / 2);
        match fate {
            Blocked => {
                step(db, id, ActionStatus::Blocked, STUCK, actor, halfway).await?;
                continue;
            }
            Overdue => {
                step(db, id, ActionStatus::InProgress, HALFWAY, actor, halfway).await?;
                step(db, id, ActionStatus::InProgress, LATE, actor, past(due + 3 * DAY_MS)).await?;
                continue;
            }
            _ => step(db, id, ActionStatus::InProgress, HALFWAY, actor, halfway).await?,
        }
        let done = past(due - rng.random_range(0..5) * DAY_MS);
        step(db, id, ActionStatus::Done, FINISHED, actor, done).await?;

        // Verdicts: members present when it was decided, then reporters of
        // the concerns it answers; a reporter's dispute reopens it.
        let mut voters = meeting.present.clone();
        voters.retain(|m| committee.members.contains(m));
        voters.shuffle(rng);
        let count = if fate == Disputed { 2 } else { rng.random_range(4..=7) };
        for (k, member) in voters.iter().take(count).enumerate() {
            let at = past(done + (1 + i64::try_from(k).unwrap_or(0)) * DAY_MS);
            db.write(async |tx| tx.confirm_action(id, None, Some(*member), Verdict::Better, at).await).await?;
        }
        let mut reporters: Vec<i64> = keys.iter().filter_map(item).flat_map(|(.., c)| c.iter().copied()).collect();
        reporters.dedup();
        let at = past(done + rng.random_range(10..20) * DAY_MS);
        if fate == Disputed {
            if let Some(&concern) = reporters.first() {
                db.write(async |tx| tx.confirm_action(id, Some(concern), None, Verdict::Disputed, at).await).await?;
                step(db, id, ActionStatus::InProgress, "disputed", None, at).await?;
                step(db, id, ActionStatus::InProgress, REOPENED, actor, past(at + 4 * DAY_MS)).await?;
            }
        } else {
            for &concern in reporters.iter().take(2) {
                db.write(async |tx| tx.confirm_action(id, Some(concern), None, Verdict::Better, at).await).await?;
            }
        }
    }
    Ok(())
}

/// How a referral went.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Outcome {
    OnTime,
    Late,
    Declined,
    /// Still unanswered past its deadline (acknowledged or not), at this
    /// escalation level.
    Open(EscalationLevel, bool),
}

use Outcome::{Declined, Late, OnTime, Open};

/// Per committee area: the triage desk that refers, then each referral's
/// preferred recipient kind and how it went.
type Referrals = &'static [(&'static str, Outcome)];

const REFERRALS: [(&str, &str, Referrals); 3] = [
    (
        "IQG15Q05",
        "triage.ninewa@demo.aman",
        &[
            ("police", OnTime),
            ("police", Late),
            ("local_authority", Declined),
            ("cso", OnTime),
            ("local_authority", OnTime),
            ("police", Open(EscalationLevel::Committee, true)),
        ],
    ),
    (
        "IQG02Q01",
        "triage.basra@demo.aman",
        &[
            ("police", OnTime),
            ("local_authority", Declined),
            ("youth_group", Late),
            ("police", OnTime),
            ("local_authority", Open(EscalationLevel::NextLevel, false)),
        ],
    ),
    (
        "IQG08Q05",
        "triage@demo.aman",
        &[("cso", OnTime), ("cso", Late), ("cso", Open(EscalationLevel::Committee, false))],
    ),
];

fn response(kind: &str) -> &'static str {
    match kind {
        "police" => "سيّرت الشرطة دوريات في المنطقة وفتحت تحقيقاً في البلاغ، وستُبلغ اللجنة بالنتائج.",
        "local_authority" => "أُحيل الموضوع إلى الدائرة الفنية وأُدرج ضمن جدول الصيانة خلال أسبوعين.",
        "youth_group" => "نظمت الشبكة لقاءً مع شباب الحي وأحالت عدداً منهم إلى برنامج تدريب مهني.",
        _ => "تواصلت المنظمة مع المعنيين وقدمت الدعم اللازم، وتتابع الحالة مع اللجنة.",
    }
}

fn refusal(kind: &str) -> &'static str {
    match kind {
        "local_authority" => "الموضوع خارج اختصاص المجلس؛ نقترح إحالته إلى مديرية الشرطة.",
        _ => "لا تتوفر لدينا الإمكانات في هذه المنطقة حالياً؛ نقترح التنسيق مع الإدارة المحلية.",
    }
}

/// The routing rule of the server: confidential categories only to
/// organisations cleared for them (never media or tribal councils), and
/// misconduct by security forces never to the police.
fn may_receive(org: &OrganisationRecord, category: Category) -> bool {
    if category == Category::SecurityConduct && org.kind == "police" {
        return false;
    }
    !category.is_confidential()
        || (!matches!(org.kind.as_str(), "media" | "tribal_council")
            && org.confidential.iter().any(|c| c == category.as_str()))
}

/// Whether a concern of `category` suits `org` at a tier of preference: 0
/// the preferred kind handling it, 1 any organisation handling it, 2 any
/// organisation that may receive it.
fn fits(tier: u8, org: &OrganisationRecord, kind: &str, category: Category) -> bool {
    let handles = org.categories.iter().any(|k| k == category.as_str());
    may_receive(org, category)
        && match tier {
            0 => org.kind == kind && handles,
            1 => handles,
            _ => true,
        }
}

fn severity(category: Category) -> (Severity, i64) {
    match category {
        Category::ArmedGroupsWeapons
        | Category::Terrorism
        | Category::ExplosiveHazards
        | Category::TribalConflict
        | Category::Gbv => (Severity::Urgent, 2),
        _ => (Severity::Normal, 7),
    }
}

/// Referrals of the committees' areas' concerns, answered or escalated.
pub async fn seed_referrals(db: &Db, keys: &Keys, rng: &mut StdRng, now_ms: i64) -> Result<(), DbError> {
    let key = keys.audit_key();
    let audit = |at_ms: i64, actor_id: Option<i64>, action: &str, subject: String, detail: String| Audit {
        key: &key,
        event: AuditEvent { at_ms, actor_id, action: action.to_owned(), subject, detail },
    };
    let police = db.user_by_email(POLICE_LIAISON).await?;
    for (area, desk, plan) in REFERRALS {
        let desk = db.user_by_email(desk).await?.map(|u| u.id);
        let organisations = db.organisations(area).await?;
        let filter = QueueFilter {
            scope: aman_core::area::Pcode::parse(area).ok_or_else(|| corrupt(area))?,
            hidden_categories: Vec::new(),
            category: None,
            status: None,
            from: None,
            to: None,
            words: Vec::new(),
            assignee: None,
            tag: None,
            limit: 10_000,
            offset: 0,
        };
        let (mut concerns, _) = db.queue(&filter).await?;
        // Referred once triage has looked at them.
        concerns.retain(|c| !matches!(c.status, Status::Submitted | Status::Rejected | Status::Duplicate));
        concerns.sort_by_key(|c| (c.submitted_at, c.id));
        let mut referred: Vec<i64> = Vec::new();
        for &(kind, outcome) in plan {
            // Answered referrals were sent weeks ago or more; open ones in
            // the last two weeks, about the latest concerns that fit.
            let old_enough = if matches!(outcome, Open(..)) { 16 } else { 30 };
            let candidates: Vec<_> = concerns
                .iter()
                .filter(|c| !referred.contains(&c.id) && c.submitted_at < now_ms - old_enough * DAY_MS)
                .collect();
            // A concern the preferred kind handles, else one another
            // organisation handles, else any an organisation may receive.
            let Some(mut pairs) = (0..3)
                .map(|tier| {
                    candidates
                        .iter()
                        .flat_map(|c| {
                            organisations.iter().filter(move |o| fits(tier, o, kind, c.category)).map(move |o| (*c, o))
                        })
                        .collect::<Vec<_>>()
                })
                .find(|p| !p.is_empty())
            else {
                continue;
            };
            if matches!(outcome, Open(..)) {
                pairs.sort_by_key(|(c, _)| std::cmp::Reverse(c.submitted_at));
                pairs.truncate(3);
            }
            let (concern, org) = pairs[rng.random_range(0..pairs.len())];
            referred.push(concern.id);
            let (severity, window_days) = severity(concern.category);
            let window = window_days * DAY_MS;
            let sent = match outcome {
                Open(EscalationLevel::NextLevel, _) => now_ms - 2 * window - DAY_MS,
                Open(..) => now_ms - window - window / 2,
                _ => concern.submitted_at + rng.random_range(20..80) * HOUR_MS,
            };
            let deadline = sent + window;
            let detail = format!("organisation:{} {}", org.id, severity.as_str());
            let event = audit(sent, desk, "referral.create", format!("concern:{}", concern.id), detail);
            let id = db
                .write(async |tx| {
                    let id = tx.create_referral(concern.id, org.id, severity, sent, deadline).await?;
                    tx.audit(event).await?;
                    Ok(id)
                })
                .await?;
            let responder = police.as_ref().filter(|u| u.organisation_id == Some(org.id)).map(|u| u.id);
            let subject = format!("referral:{id}");
            let subject = subject.as_str();
            let answer = |status: ReferralStatus, text: &'static str, at: i64| async move {
                let referral = db.referral(id).await?.ok_or_else(|| corrupt(format!("referral {id}")))?;
                let event = audit(at, responder, "referral.answer", subject.to_owned(), status.as_str().to_owned());
                db.write(async |tx| {
                    tx.answer_referral(&referral, status, text, at).await?;
                    tx.audit(event).await?;
                    Ok(())
                })
                .await
            };
            // The scheduled job's escalation, at the time it would have run.
            let escalate = |level: EscalationLevel, at: i64| {
                let event = audit(at, None, "referral.escalate", subject.to_owned(), level.as_str().to_owned());
                db.write(async move |tx| {
                    tx.set_referral_escalation(id, level).await?;
                    tx.audit(event).await?;
                    Ok(())
                })
            };
            match outcome {
                OnTime => {
                    answer(Acknowledged, "", sent + rng.random_range(2..12) * HOUR_MS).await?;
                    let at = sent + window * rng.random_range(30..90) / 100;
                    answer(Responded, response(&org.kind), at).await?;
                }
                Declined => {
                    answer(Refused, refusal(&org.kind), sent + window * rng.random_range(20..70) / 100).await?;
                }
                Late => {
                    answer(Acknowledged, "", sent + DAY_MS).await?;
                    escalate(EscalationLevel::Committee, deadline + HOUR_MS).await?;
                    let at = (deadline + rng.random_range(1..5) * DAY_MS).min(deadline + window);
                    answer(Responded, response(&org.kind), at.min(now_ms - HOUR_MS)).await?;
                }
                Open(level, acknowledged) => {
                    if acknowledged {
                        answer(Acknowledged, "", sent + 6 * HOUR_MS).await?;
                    }
                    escalate(EscalationLevel::Committee, deadline + HOUR_MS).await?;
                    if level == EscalationLevel::NextLevel {
                        escalate(level, deadline + window + HOUR_MS).await?;
                    }
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(kind: &str, confidential: &[&str]) -> OrganisationRecord {
        OrganisationRecord {
            id: 1,
            kind: kind.to_owned(),
            name_ar: String::new(),
            name_en: String::new(),
            area: "IQ".to_owned(),
            categories: Vec::new(),
            confidential: confidential.iter().map(|c| (*c).to_owned()).collect(),
            contact: String::new(),
        }
    }

    #[test]
    fn confidential_concerns_go_only_to_cleared_organisations() {
        assert!(may_receive(&org("police", &[]), Category::Crime));
        assert!(!may_receive(&org("police", &[]), Category::Gbv));
        assert!(!may_receive(&org("police", &["security_conduct"]), Category::SecurityConduct));
        assert!(may_receive(&org("cso", &["gbv"]), Category::Gbv));
        assert!(!may_receive(&org("cso", &["gbv"]), Category::SecurityConduct));
        assert!(!may_receive(&org("media", &["gbv"]), Category::Gbv));
    }
}
