//! Demo joint committees: what the demo organisations handle and how to reach
//! them, and three committees (Basra, Ninewa, Baghdad) with a year of monthly
//! meetings over their areas' real demo concerns — agenda, attendance (one
//! meeting without quorum each), minutes, members' ballots and the priority
//! lists computed and stored exactly as the server does. The Abu Al-Khaseeb
//! committee has too few women, so its composition warning shows. Their
//! action plans and the referrals of their areas' concerns come from
//! `crate::demo_actions`. Generated from a fixed seed; names, phones and
//! addresses are fictitious.

use aman_app::committees::{quorum, rankable};
use aman_core::area::Pcode;
use aman_core::category::Category;
use aman_core::committee::composition::{CompositionRule, Constituency, Sex};
use aman_core::committee::ranking::{self, Ballot, Method};
use aman_core::lifecycle::Status;
use aman_core::secrets::Keys;
use aman_db::{Db, DbError, MemberRecord, QueueFilter};
use chrono::{DateTime, Days};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const DAY_MS: i64 = 86_400_000;

/// (English name, categories handled, confidential ones, contact).
const DETAILS: [(&str, &[&str], &[&str], &str); 8] = [
    (
        "Ninewa Police Directorate",
        &["crime", "armed_groups_weapons", "terrorism", "explosive_hazards", "tribal_conflict"],
        &[],
        "+964 770 000 0101 · police.ninewa@demo.aman",
    ),
    (
        "Al-Mosul District Council",
        &["services_failure", "displacement_tension", "justice_corruption"],
        &[],
        "+964 770 000 0102 · council.mosul@demo.aman",
    ),
    (
        "Mosul Community Peace Organisation",
        &["gbv", "youth_exclusion", "hate_speech", "displacement_tension", "tribal_conflict"],
        &["gbv"],
        "+964 770 000 0103 · peace.mosul@demo.aman",
    ),
    (
        "Abu Al-Khaseeb Police Station",
        &["crime", "armed_groups_weapons", "tribal_conflict"],
        &[],
        "+964 780 000 0201 · police.abualkhaseeb@demo.aman",
    ),
    (
        "Abu Al-Khaseeb District Office",
        &["services_failure", "displacement_tension"],
        &[],
        "+964 780 000 0202 · office.abualkhaseeb@demo.aman",
    ),
    ("Basra Youth Network", &["youth_exclusion", "hate_speech"], &[], "+964 780 000 0203 · youth.basra@demo.aman"),
    (
        "Baghdad Victim Support Centre",
        &["gbv", "security_conduct", "crime"],
        &["gbv", "security_conduct"],
        "+964 790 000 0301 · support.baghdad@demo.aman",
    ),
    ("Erbil Community Radio", &["hate_speech", "other"], &[], "+964 750 000 0401 · radio.erbil@demo.aman"),
];

use Constituency as C;

struct Plan {
    area: &'static str,
    name: &'static str,
    min_displaced_seats: u32,
    places: &'static [&'static str],
    /// (name, constituency, sex).
    members: &'static [(&'static str, Constituency, &'static str)],
}

const PLANS: [Plan; 3] = [
    Plan {
        area: "IQG02Q01",
        name: "اللجنة المشتركة للأمن المجتمعي في أبي الخصيب",
        min_displaced_seats: 0,
        places: &["قاعة قائمقامية أبي الخصيب", "مركز شباب أبي الخصيب", "مضيف الحاج جاسم الحلفي"],
        // Two women of ten: below the 30% of the rule, so the warning shows.
        members: &[
            ("أحمد عبد الكريم السعدي", C::CivilSociety, "male"),
            ("الحاج جاسم محمد الحلفي", C::TribalReligiousLeaders, "male"),
            ("عباس ناصر الإمارة", C::Residents, "male"),
            ("زينب حسن علي", C::Women, "female"),
            ("حيدر ناصر عبود", C::Youth, "male"),
            ("الملازم أول علي فاضل الموسوي", C::Police, "male"),
            ("مصطفى عبد الرزاق البدران", C::LocalAuthority, "male"),
            ("نور الهدى صباح جبر", C::Residents, "female"),
            ("كرار حميد جبار", C::DisplacedReturnees, "male"),
            ("سلام عادل يوسف", C::Media, "male"),
        ],
    },
    Plan {
        area: "IQG15Q05",
        name: "اللجنة المشتركة للأمن المجتمعي في قضاء الموصل",
        min_displaced_seats: 1,
        places: &["قاعة مجلس قضاء الموصل", "مقر منظمة السلام المجتمعي", "قاعة المؤتمرات في جامعة الموصل"],
        members: &[
            ("يونس ذنون الطائي", C::Residents, "male"),
            ("سهى عبد الله الجبوري", C::Women, "female"),
            ("عمر سالم الحمداني", C::Youth, "male"),
            ("رغد خالد إبراهيم", C::Youth, "female"),
            ("هدى يوسف متي", C::Minorities, "female"),
            ("خضر إلياس حسو", C::Minorities, "male"),
            ("الشيخ فارس عبد الله الشمري", C::TribalReligiousLeaders, "male"),
            ("المقدم نبيل أحمد النعيمي", C::Police, "male"),
            ("ريم ماجد السبعاوي", C::LocalAuthority, "female"),
            ("محمود حسين العبيدي", C::DisplacedReturnees, "male"),
            ("شيماء عادل الدباغ", C::CivilSociety, "female"),
            ("زياد طارق العمري", C::Media, "male"),
        ],
    },
    Plan {
        area: "IQG08Q05",
        name: "اللجنة المشتركة للأمن المجتمعي في المحمودية",
        min_displaced_seats: 0,
        places: &["قاعة قائمقامية المحمودية", "مركز شباب المحمودية", "مقر مركز دعم الضحايا في بغداد"],
        members: &[
            ("كاظم جواد الربيعي", C::Residents, "male"),
            ("سعاد مهدي الخفاجي", C::Women, "female"),
            ("علي رحيم الساعدي", C::Youth, "male"),
            ("مريم عصام الجنابي", C::Youth, "female"),
            ("النقيب حسن عباس الزيدي", C::Police, "male"),
            ("فاطمة ناجي الكعبي", C::LocalAuthority, "female"),
            ("السيد عدنان هاشم الحسيني", C::TribalReligiousLeaders, "male"),
            ("لينا سركيس بطرس", C::Minorities, "female"),
            ("بشرى كريم العزاوي", C::CivilSociety, "female"),
            ("ياسر عبد الأمير", C::Media, "male"),
        ],
    },
];

const DISCUSSION: [&str; 8] = [
    "عرض ممثل الشرطة ما تم بشأن البلاغات السابقة، وطالب ممثلو الأهالي بمتابعة أسرع.",
    "أكدت ممثلة النساء أن انقطاع الإنارة يمنع النساء من الخروج مساءً.",
    "اعترض ممثل الشباب على ترتيب الأولويات وطلب تسجيل رأيه في المحضر.",
    "أوضح ممثل الإدارة المحلية أن التخصيصات المالية محدودة هذا الشهر.",
    "تحدث الوجهاء عن جهود التهدئة بين العائلات وطلبوا دعم الشرطة.",
    "ناقش الأعضاء البلاغات الجديدة الواردة عبر المنصة بعد تحقق فريق الفرز منها.",
    "أشار ممثل النازحين والعائدين إلى صعوبة حصول العائلات على الوثائق.",
    "نقل ممثل الإعلام شكاوى الأهالي من الشائعات المتداولة على مواقع التواصل.",
];

const DECISIONS: [&str; 10] = [
    "عقد جلسة وساطة بين وجهاء العائلتين المتنازعتين بحضور ممثل الشرطة خلال أسبوعين.",
    "مخاطبة البلدية لإصلاح الإنارة في الشوارع التي وردت بشأنها البلاغات.",
    "طلب تسيير دوريات ليلية مشتركة قرب السوق والمدرسة من التاسعة مساءً حتى الفجر.",
    "مخاطبة دائرة الماء والمجاري لمعالجة طفح المياه الآسنة قرب المدرسة.",
    "تنظيم جلسة حوار للشباب بالتعاون مع منظمات المجتمع المدني.",
    "إبلاغ فريق إزالة المخلفات الحربية بالموقع المشتبه به وتحذير الأهالي عبر الإذاعة المحلية.",
    "متابعة البلاغات السابقة مع مركز الشرطة وعرض النتائج في الاجتماع القادم.",
    "إطلاق حملة توعية ضد خطاب الكراهية بالتعاون مع الإعلام المحلي.",
    "تشكيل فريق فرعي لمتابعة أوضاع العائلات العائدة وتسهيل حصولها على الوثائق.",
    "التنسيق مع الإدارة المحلية لتشغيل مولدات إضافية في الأحياء الأكثر تضرراً.",
];

fn issue_title(category: Category) -> &'static str {
    match category {
        Category::TribalConflict => "النزاعات العشائرية المتكررة في القضاء",
        Category::ServicesFailure => "انقطاع الخدمات وأثره على أمن الأحياء",
        Category::Crime => "السرقات وتجارة المخدرات في الأحياء",
        Category::ArmedGroupsWeapons => "انتشار السلاح وإطلاق النار العشوائي",
        Category::DisplacementTension => "التوتر بين العائلات العائدة والمجتمع المضيف",
        Category::YouthExclusion => "بطالة الشباب ومحاولات تجنيدهم",
        Category::HateSpeech => "التحريض على مواقع التواصل",
        _ => "بلاغات متكررة من النوع نفسه",
    }
}

/// How much a constituency puts a category first (negative: last), so that
/// constituencies visibly dissent from the committee's list.
fn bias(constituency: Constituency, category: Category) -> f64 {
    use Category as K;
    match (constituency, category) {
        (C::Police, K::Crime | K::ArmedGroupsWeapons | K::Terrorism | K::ExplosiveHazards) => 2.5,
        (C::Police, K::ServicesFailure | K::YouthExclusion) => -1.0,
        (C::LocalAuthority, K::ServicesFailure | K::DisplacementTension) => 2.0,
        (C::LocalAuthority, K::JusticeCorruption) => -1.5,
        (C::Women, K::ServicesFailure | K::Crime) => 1.5,
        (C::Youth, K::YouthExclusion | K::HateSpeech | K::ServicesFailure) => 2.0,
        (C::Youth, K::Crime) => -1.0,
        (C::DisplacedReturnees, K::DisplacementTension | K::ServicesFailure) => 2.5,
        (C::Minorities, K::HateSpeech | K::DisplacementTension) => 2.5,
        (C::TribalReligiousLeaders, K::TribalConflict) => 3.0,
        (C::Residents, K::ServicesFailure | K::Crime | K::ArmedGroupsWeapons) => 1.0,
        (C::CivilSociety, K::HateSpeech | K::YouthExclusion | K::TribalConflict) => 1.0,
        (C::Media, K::HateSpeech) => 2.0,
        _ => 0.0,
    }
}

/// An agenda candidate: `concern:ID` or `issue:ID`.
struct Item {
    key: String,
    category: Category,
    /// When it could first be put on an agenda.
    since: i64,
    discussed: u32,
    /// The concerns it stands for.
    concerns: Vec<i64>,
}

fn corrupt(e: impl ToString) -> DbError {
    DbError::Corrupt(e.to_string())
}

/// Seeds organisation details, the committees, their actions and the
/// referrals unless committees exist; links the demo accounts that answer
/// referrals to their organisations.
pub async fn seed(db: &Db, keys: &Keys, now_ms: i64) -> Result<(), DbError> {
    crate::demo_actions::link_accounts(db).await?;
    if !db.committees("IQ").await?.is_empty() {
        return Ok(());
    }
    let organisations = db.organisations("IQ").await?;
    for (name_en, categories, confidential, contact) in DETAILS {
        if let Some(org) = organisations.iter().find(|o| o.name_en == name_en) {
            db.set_organisation_details(org.id, categories, confidential, contact).await?;
        }
    }
    let mut rng = StdRng::seed_from_u64(2027);
    // A separate stream, so that the committees stay as they were.
    let mut actions_rng = StdRng::seed_from_u64(2028);
    for (n, plan) in PLANS.iter().enumerate() {
        let seeded = seed_committee(db, &mut rng, plan, now_ms).await?;
        crate::demo_actions::seed_actions(db, &mut actions_rng, &seeded, n, now_ms).await?;
    }
    crate::demo_actions::seed_referrals(db, keys, &mut actions_rng, now_ms).await
}

async fn seed_committee(
    db: &Db,
    rng: &mut StdRng,
    plan: &'static Plan,
    now_ms: i64,
) -> Result<crate::demo_actions::Seeded, DbError> {
    let area = Pcode::parse(plan.area).ok_or_else(|| corrupt(plan.area))?;
    let founded = now_ms - 380 * DAY_MS;
    let rule = CompositionRule { min_displaced_seats: plan.min_displaced_seats, ..CompositionRule::default() };
    let rule = serde_json::to_string(&rule).map_err(corrupt)?;
    let id = db.write(async |tx| tx.create_committee(&area, plan.name, &rule, founded).await).await?;
    let members = seed_members(db, id, plan, founded).await?;
    let items = seed_items(db, rng, id, &area, now_ms).await?;
    let mut committee = Seeding { db, id, plan, members, items, now_ms };
    let mut held = Vec::new();
    let no_quorum = rng.random_range(2..10);
    for month in 0..12i64 {
        let attending = if month == no_quorum { 0.35 } else { 0.9 };
        held.extend(committee.hold_meeting(rng, month, attending).await?);
    }
    Ok(crate::demo_actions::Seeded {
        id,
        area: plan.area,
        members: committee.members.iter().map(|m| m.id).collect(),
        meetings: held,
        items: committee.items.into_iter().map(|i| (i.key, i.category, i.concerns)).collect(),
    })
}

/// The plan's members, each linked to the organisation of their kind in the area.
async fn seed_members(db: &Db, id: i64, plan: &Plan, founded: i64) -> Result<Vec<MemberRecord>, DbError> {
    let organisations = db.organisations(plan.area).await?;
    for (name, constituency, sex) in plan.members {
        let kind = match constituency {
            C::Police => "police",
            C::LocalAuthority => "local_authority",
            C::CivilSociety => "cso",
            C::Youth => "youth_group",
            _ => "",
        };
        let organisation = organisations.iter().find(|o| o.kind == kind).map(|o| o.id);
        let sex = Sex::from_code(sex).ok_or_else(|| corrupt(format!("sex {sex}")))?;
        db.write(async |tx| tx.add_member(id, name, *constituency, sex, organisation, founded).await).await?;
    }
    db.members(id).await
}

/// What the committee may put on its agendas: the area's concerns (never
/// confidential ones) and two issues grouping 2–3 concerns each of the
/// categories with most concerns.
async fn seed_items(db: &Db, rng: &mut StdRng, id: i64, area: &Pcode, now_ms: i64) -> Result<Vec<Item>, DbError> {
    let filter = QueueFilter {
        scope: area.clone(),
        hidden_categories: vec![Category::Gbv, Category::SecurityConduct],
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
    concerns.retain(|c| !matches!(c.status, Status::Rejected | Status::Duplicate));
    concerns.sort_by_key(|c| (c.submitted_at, c.id));
    let mut items: Vec<Item> = concerns
        .iter()
        .map(|c| Item {
            key: format!("concern:{}", c.id),
            category: c.category,
            since: c.submitted_at,
            discussed: 0,
            concerns: vec![c.id],
        })
        .collect();
    let mut counts: Vec<(usize, Category)> = Category::ALL
        .into_iter()
        .map(|k| (concerns.iter().filter(|c| c.category == k).count(), k))
        .filter(|(n, _)| *n >= 2)
        .collect();
    counts.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.as_str().cmp(b.1.as_str())));
    for &(_, category) in counts.iter().take(2) {
        let same: Vec<_> = concerns.iter().filter(|c| c.category == category).collect();
        let take = rng.random_range(2..=3).min(same.len());
        let start = (same.len() - take) / 2;
        let grouped = &same[start..start + take];
        let since = grouped.iter().map(|c| c.submitted_at).max().unwrap_or(now_ms) + 2 * DAY_MS;
        let ids: Vec<i64> = grouped.iter().map(|c| c.id).collect();
        let issue =
            db.write(async |tx| tx.create_issue(id, issue_title(category), &ids, since.min(now_ms)).await).await?;
        items.push(Item { key: format!("issue:{issue}"), category, since, discussed: 0, concerns: ids });
    }
    Ok(items)
}

/// A committee being seeded: what each of its meetings needs.
struct Seeding<'a> {
    db: &'a Db,
    id: i64,
    plan: &'static Plan,
    members: Vec<MemberRecord>,
    items: Vec<Item>,
    now_ms: i64,
}

impl Seeding<'_> {
    /// The meeting of one month: agenda, attendance (each member present
    /// with probability `attending`), minutes, and when quorate, ballots and
    /// the priority list. Returns the meeting if it was quorate.
    async fn hold_meeting(
        &mut self,
        rng: &mut StdRng,
        month: i64,
        attending: f64,
    ) -> Result<Option<crate::demo_actions::Held>, DbError> {
        let days_ago = (11 - month) * 30 + rng.random_range(3..20);
        let held_ms = self.now_ms - days_ago * DAY_MS;
        let today = DateTime::from_timestamp_millis(self.now_ms).unwrap_or_default().date_naive();
        let held_on = today.checked_sub_days(Days::new(u64::try_from(days_ago).unwrap_or(0))).unwrap_or(today);
        let place = self.plan.places[rng.random_range(0..self.plan.places.len())];
        let agenda = self.agenda(rng, held_ms);
        let (db, id, members) = (self.db, self.id, &self.members);
        let meeting_id = db.write(async |tx| tx.create_meeting(id, held_on, place, &agenda, held_ms).await).await?;

        let attendance: Vec<(i64, bool)> = members.iter().map(|m| (m.id, rng.random_bool(attending))).collect();
        db.write(async |tx| tx.set_attendance(meeting_id, &attendance).await).await?;
        let meeting = db.meeting(meeting_id).await?.ok_or_else(|| corrupt("meeting"))?;
        let report = quorum(members, &meeting);
        let present = attendance.iter().filter(|(_, p)| *p).count();
        let opening = format!(
            "عُقد الاجتماع الشهري للجنة في {place} بحضور {present} من أصل {} أعضاء (عدد بنود جدول الأعمال: {}).",
            members.len(),
            agenda.len()
        );
        if agenda.is_empty() {
            let minutes =
                format!("{opening} لم تُعرض بلاغات بعد، فناقش الأعضاء آلية عمل اللجنة وقنوات التواصل مع الأهالي.");
            let decisions = "1. تعريف الأهالي بالمنصة وبمواعيد اجتماعات اللجنة عبر المساجد والمدارس والإذاعة المحلية.";
            db.write(async |tx| tx.set_minutes(meeting_id, meeting.version, &minutes, decisions).await).await?;
            return Ok(None);
        }
        if !report.met {
            let minutes = format!(
                "{opening} لم يكتمل النصاب، فاكتفى الحاضرون بالاطلاع على البلاغات الجديدة وأُجّل التصويت إلى الاجتماع القادم."
            );
            db.write(async |tx| {
                tx.set_minutes(meeting_id, meeting.version, &minutes, "تأجيل ترتيب الأولويات إلى الاجتماع القادم.").await
            })
            .await?;
            return Ok(None);
        }
        let first = rng.random_range(0..DISCUSSION.len());
        let second = (first + rng.random_range(1..DISCUSSION.len())) % DISCUSSION.len();
        let rankable = rankable(&meeting);
        let vote =
            if rankable.len() < 2 { " ولم يُجرَ تصويت لوجود بند واحد فقط." } else { "" };
        let minutes = format!("{opening} {} {}{vote}", DISCUSSION[first], DISCUSSION[second]);
        let mut decisions = Vec::new();
        let start = rng.random_range(0..DECISIONS.len());
        for (n, step) in (1..=rng.random_range(2..=3)).zip([0, 3, 7]) {
            decisions.push(format!("{n}. {}", DECISIONS[(start + step) % DECISIONS.len()]));
        }
        db.write(async |tx| tx.set_minutes(meeting_id, meeting.version, &minutes, &decisions.join("\n")).await).await?;
        let present: Vec<i64> = attendance.iter().filter(|(_, p)| *p).map(|&(m, _)| m).collect();
        if rankable.len() >= 2 {
            let method = if month % 2 == 0 { Method::Borda } else { Method::Schulze };
            self.vote(rng, meeting_id, &present, &rankable, method, held_ms).await?;
        }
        Ok(Some(crate::demo_actions::Held { at: held_ms, agenda, present }))
    }

    /// The agenda: recent items discussed least often, in tie-break order.
    fn agenda(&mut self, rng: &mut StdRng, held_ms: i64) -> Vec<String> {
        let items = &mut self.items;
        let mut open: Vec<(u32, bool, u32, usize)> = items
            .iter()
            .enumerate()
            .filter(|(_, i)| i.since < held_ms - 2 * DAY_MS && i.discussed < 4)
            .map(|(n, i)| (i.discussed, i.key.starts_with("concern:"), rng.random_range(0..1000), n))
            .collect();
        open.sort();
        open.truncate(rng.random_range(3..=6));
        let mut chosen: Vec<usize> = open.iter().map(|&(.., n)| n).collect();
        chosen.sort_by_key(|&n| (items[n].key.starts_with("issue:"), items[n].since));
        for &n in &chosen {
            items[n].discussed += 1;
        }
        chosen.iter().map(|&n| items[n].key.clone()).collect()
    }

    /// Ballots of the present members (a shared sense of urgency per item,
    /// each constituency's leaning, some personal noise), then the priority list.
    async fn vote(
        &self,
        rng: &mut StdRng,
        meeting_id: i64,
        present: &[i64],
        rankable: &[String],
        method: Method,
        held_ms: i64,
    ) -> Result<(), DbError> {
        let urgency: Vec<f64> = rankable.iter().map(|_| rng.random_range(0.0..2.5)).collect();
        let mut ballots = Vec::new();
        for member in self.members.iter().filter(|m| present.contains(&m.id)) {
            let constituency = member.constituency;
            let mut scored: Vec<(f64, &String)> = rankable
                .iter()
                .zip(&urgency)
                .map(|(key, u)| {
                    let category = self.items.iter().find(|i| &i.key == key).map_or(Category::Other, |i| i.category);
                    (u + bias(constituency, category) + rng.random_range(0.0..1.5), key)
                })
                .collect();
            scored.sort_by(|a, b| b.0.total_cmp(&a.0));
            if scored.len() > 3 && rng.random_bool(0.15) {
                scored.truncate(3);
            }
            let ranking: Vec<String> = scored.into_iter().map(|(_, k)| k.clone()).collect();
            let stored = serde_json::to_string(&ranking).map_err(corrupt)?;
            self.db.write(async |tx| tx.set_ballot(meeting_id, member.id, &stored).await).await?;
            ballots.push(Ballot { constituency, ranking });
        }
        let result = ranking::prioritise(method, rankable, &ballots).map_err(corrupt)?;
        let stored = serde_json::to_string(&result).map_err(corrupt)?;
        self.db
            .write(async |tx| tx.set_priorities(meeting_id, method.as_str(), &stored, held_ms + 3_600_000).await)
            .await
    }
}
