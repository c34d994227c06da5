//! Who sits on a committee: the constituencies of `shared/docs/domain.md` and
//! the composition rule that warns when a committee does not represent its
//! community (too few women, an empty youth, police or local-authority seat,
//! officials outnumbering the community).
//!
//! The check only *reports*: a committee that misses the rule still meets and
//! still ranks its concerns; the findings are shown beside its work (journey 2
//! of domain.md: "the youth seat is empty — the composition warning shows").
//!
//! Two decisions:
//! - **Sex is recorded per member** and the women's share counts every member
//!   recorded as female, whatever constituency she represents: a policewoman
//!   counts towards the share as much as the holder of a women's seat. A seat of
//!   the `women` constituency does *not* count by itself (the count is of women,
//!   not of women's seats), so a women's seat recorded with another sex is
//!   reported as such.
//! - A member whose sex is not recorded is not counted as a woman (the warning
//!   errs towards showing), and the missing records are reported.
//!
//! Youth seats are seats of the `youth` constituency: age is not recorded here.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A constituency a committee member represents. The codes are stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Constituency {
    Residents,
    Women,
    Youth,
    /// Displaced people or returnees.
    DisplacedReturnees,
    Minorities,
    /// Tribal or religious leaders.
    TribalReligiousLeaders,
    Police,
    LocalAuthority,
    CivilSociety,
    Media,
}

impl Constituency {
    pub const ALL: [Constituency; 10] = [
        Constituency::Residents,
        Constituency::Women,
        Constituency::Youth,
        Constituency::DisplacedReturnees,
        Constituency::Minorities,
        Constituency::TribalReligiousLeaders,
        Constituency::Police,
        Constituency::LocalAuthority,
        Constituency::CivilSociety,
        Constituency::Media,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Constituency::Residents => "residents",
            Constituency::Women => "women",
            Constituency::Youth => "youth",
            Constituency::DisplacedReturnees => "displaced_returnees",
            Constituency::Minorities => "minorities",
            Constituency::TribalReligiousLeaders => "tribal_religious_leaders",
            Constituency::Police => "police",
            Constituency::LocalAuthority => "local_authority",
            Constituency::CivilSociety => "civil_society",
            Constituency::Media => "media",
        }
    }

    pub fn from_code(code: &str) -> Option<Constituency> {
        Constituency::ALL.into_iter().find(|c| c.as_str() == code)
    }

    /// The formal side of the partnership (police, local authority); every
    /// other constituency is the community side.
    pub fn is_official(self) -> bool {
        matches!(self, Constituency::Police | Constituency::LocalAuthority)
    }
}

/// A member's sex as recorded by the committee secretary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Sex {
    Female,
    Male,
    NotRecorded,
}

impl Sex {
    pub const ALL: [Sex; 3] = [Sex::Female, Sex::Male, Sex::NotRecorded];

    pub fn as_str(self) -> &'static str {
        match self {
            Sex::Female => "female",
            Sex::Male => "male",
            Sex::NotRecorded => "not_recorded",
        }
    }

    pub fn from_code(code: &str) -> Option<Sex> {
        Sex::ALL.into_iter().find(|s| s.as_str() == code)
    }
}

/// One seat holder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub constituency: Constituency,
    pub sex: Sex,
}

/// What a committee should look like. Every field has a default, so a
/// configuration file may set only what it changes; unknown fields are refused
/// so that a misspelt setting is not silently ignored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompositionRule {
    /// Share of members who are women (default 0.30, the common "critical mass"
    /// target; Iraq's constitution, art. 49, reserves at least a quarter of
    /// parliament's seats for women).
    pub min_women_share: f64,
    pub min_youth_seats: u32,
    pub min_police_seats: u32,
    pub min_local_authority_seats: u32,
    /// 0 by default; set it to 1 where displacement is a live issue.
    pub min_displaced_seats: u32,
    /// Officials (police, local authority) may hold at most this share of the
    /// seats, so the community side is never outvoted by the formal side.
    pub max_official_share: f64,
}

impl CompositionRule {
    /// Shares are fractions from 0 to 1 (a percentage such as 30, or NaN, is not).
    pub fn is_valid(&self) -> bool {
        [self.min_women_share, self.max_official_share].iter().all(|share| (0.0..=1.0).contains(share))
    }
}

impl Default for CompositionRule {
    fn default() -> Self {
        CompositionRule {
            min_women_share: 0.30,
            min_youth_seats: 1,
            min_police_seats: 1,
            min_local_authority_seats: 1,
            min_displaced_seats: 0,
            max_official_share: 0.5,
        }
    }
}

/// One unmet part of the rule, with the numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Finding {
    /// The committee has no members at all.
    NoMembers,
    /// Fewer women than the share: `needed` is the smallest count that meets it.
    TooFewWomen {
        women: u32,
        members: u32,
        min_share: f64,
        needed: u32,
    },
    TooFewSeats {
        constituency: Constituency,
        seats: u32,
        min_seats: u32,
    },
    TooManyOfficials {
        officials: u32,
        members: u32,
        max_share: f64,
    },
    /// Members whose sex is not recorded (not counted as women).
    SexNotRecorded {
        members: u32,
    },
    /// Holders of a women's seat recorded as male.
    WomenSeatHeldByMan {
        members: u32,
    },
}

fn percent_floor(part: u32, whole: u32) -> u32 {
    (part * 100).checked_div(whole).unwrap_or(0)
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Finding::NoMembers => write!(f, "the committee has no members"),
            Finding::TooFewWomen { women, members, min_share, needed } => write!(
                f,
                "women {women} of {members} = {}% < {:.0}% (at least {needed} needed)",
                percent_floor(*women, *members),
                min_share * 100.0
            ),
            Finding::TooFewSeats { constituency, seats, min_seats } => {
                write!(f, "{} seats {seats} < {min_seats}", constituency.as_str())
            }
            Finding::TooManyOfficials { officials, members, max_share } => write!(
                f,
                "officials {officials} of {members} = {}% > {:.0}%",
                percent_floor(*officials, *members),
                max_share * 100.0
            ),
            Finding::SexNotRecorded { members } => write!(f, "sex not recorded for {members} members"),
            Finding::WomenSeatHeldByMan { members } => write!(f, "{members} women's seats held by men"),
        }
    }
}

/// The outcome of [`check`]: `met` is true exactly when there are no findings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompositionReport {
    pub met: bool,
    pub findings: Vec<Finding>,
}

/// The smallest `k` in `0..=n` with `k / n >= share` (`n` when none is).
pub(crate) fn smallest_count_reaching(share: f64, n: u32) -> u32 {
    (0..=n).find(|&k| f64::from(k) / f64::from(n) >= share).unwrap_or(n)
}

/// Checks `members` against `rule`. Pure; reports, never refuses.
pub fn check(rule: &CompositionRule, members: &[Member]) -> CompositionReport {
    let mut findings = Vec::new();
    let n = u32::try_from(members.len()).unwrap_or(u32::MAX);
    if n == 0 {
        findings.push(Finding::NoMembers);
        return CompositionReport { met: false, findings };
    }
    let count = |pred: &dyn Fn(&Member) -> bool| u32::try_from(members.iter().filter(|m| pred(m)).count()).unwrap_or(n);

    let women = count(&|m| m.sex == Sex::Female);
    if f64::from(women) / f64::from(n) < rule.min_women_share {
        let needed = smallest_count_reaching(rule.min_women_share, n);
        findings.push(Finding::TooFewWomen { women, members: n, min_share: rule.min_women_share, needed });
    }
    let seat_rules = [
        (Constituency::Youth, rule.min_youth_seats),
        (Constituency::Police, rule.min_police_seats),
        (Constituency::LocalAuthority, rule.min_local_authority_seats),
        (Constituency::DisplacedReturnees, rule.min_displaced_seats),
    ];
    for (constituency, min_seats) in seat_rules {
        let seats = count(&|m| m.constituency == constituency);
        if seats < min_seats {
            findings.push(Finding::TooFewSeats { constituency, seats, min_seats });
        }
    }
    let officials = count(&|m| m.constituency.is_official());
    if f64::from(officials) / f64::from(n) > rule.max_official_share {
        findings.push(Finding::TooManyOfficials { officials, members: n, max_share: rule.max_official_share });
    }
    let unrecorded = count(&|m| m.sex == Sex::NotRecorded);
    if unrecorded > 0 {
        findings.push(Finding::SexNotRecorded { members: unrecorded });
    }
    let men_in_women_seats = count(&|m| m.constituency == Constituency::Women && m.sex == Sex::Male);
    if men_in_women_seats > 0 {
        findings.push(Finding::WomenSeatHeldByMan { members: men_in_women_seats });
    }
    CompositionReport { met: findings.is_empty(), findings }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Constituency::*;

    fn m(constituency: Constituency, sex: Sex) -> Member {
        Member { constituency, sex }
    }

    /// Nine members, two of them women, no youth: the committee of journey 2.
    fn abu_al_khasib() -> Vec<Member> {
        vec![
            m(Residents, Sex::Male),
            m(Residents, Sex::Male),
            m(Women, Sex::Female),
            m(DisplacedReturnees, Sex::Male),
            m(TribalReligiousLeaders, Sex::Male),
            m(Police, Sex::Female),
            m(LocalAuthority, Sex::Male),
            m(CivilSociety, Sex::Male),
            m(Media, Sex::Male),
        ]
    }

    #[test]
    fn codes_round_trip_and_match_serde() {
        for c in Constituency::ALL {
            assert_eq!(Constituency::from_code(c.as_str()), Some(c));
            assert_eq!(serde_json::to_string(&c).unwrap(), format!("\"{}\"", c.as_str()));
        }
        assert_eq!(Constituency::from_code("elders"), None);
        let officials: Vec<_> = Constituency::ALL.into_iter().filter(|c| c.is_official()).collect();
        assert_eq!(officials, [Police, LocalAuthority]);
    }

    #[test]
    fn findings_name_what_is_unmet_with_the_numbers() {
        let report = check(&CompositionRule::default(), &abu_al_khasib());
        assert!(!report.met);
        assert_eq!(
            report.findings,
            [
                Finding::TooFewWomen { women: 2, members: 9, min_share: 0.30, needed: 3 },
                Finding::TooFewSeats { constituency: Youth, seats: 0, min_seats: 1 },
            ]
        );
        let text: Vec<String> = report.findings.iter().map(ToString::to_string).collect();
        assert_eq!(text, ["women 2 of 9 = 22% < 30% (at least 3 needed)", "youth seats 0 < 1"]);
    }

    #[test]
    fn a_policewoman_counts_towards_the_womens_share() {
        let mut members = abu_al_khasib();
        members[0] = m(Youth, Sex::Female);
        let report = check(&CompositionRule::default(), &members);
        assert!(report.met, "{:?}", report.findings);
        // 3 of 10 is exactly 30%: met.
        members.push(m(Residents, Sex::Male));
        assert_eq!(check(&CompositionRule::default(), &members).findings, []);
    }

    #[test]
    fn a_womens_seat_does_not_count_by_itself() {
        let members = vec![m(Women, Sex::NotRecorded), m(Women, Sex::Male), m(Police, Sex::Male)];
        let rule = CompositionRule { min_youth_seats: 0, min_local_authority_seats: 0, ..Default::default() };
        let report = check(&rule, &members);
        assert_eq!(
            report.findings,
            [
                Finding::TooFewWomen { women: 0, members: 3, min_share: 0.30, needed: 1 },
                Finding::SexNotRecorded { members: 1 },
                Finding::WomenSeatHeldByMan { members: 1 },
            ]
        );
    }

    #[test]
    fn officials_may_not_outnumber_the_community() {
        let members =
            vec![m(Police, Sex::Female), m(Police, Sex::Male), m(LocalAuthority, Sex::Male), m(Youth, Sex::Female)];
        let report = check(&CompositionRule::default(), &members);
        assert_eq!(report.findings, [Finding::TooManyOfficials { officials: 3, members: 4, max_share: 0.5 }]);
        assert_eq!(report.findings[0].to_string(), "officials 3 of 4 = 75% > 50%");
        // Exactly half is allowed.
        assert!(check(&CompositionRule::default(), &[members[0], members[2], members[3], m(Residents, Sex::Male)]).met);
    }

    #[test]
    fn an_empty_committee_is_reported() {
        assert_eq!(check(&CompositionRule::default(), &[]).findings, [Finding::NoMembers]);
    }

    #[test]
    fn the_rule_deserialises_with_defaults_and_refuses_typos() {
        let rule: CompositionRule =
            serde_json::from_str(r#"{"min_women_share": 0.4, "min_displaced_seats": 1}"#).unwrap();
        assert_eq!(rule, CompositionRule { min_women_share: 0.4, min_displaced_seats: 1, ..Default::default() });
        assert!(serde_json::from_str::<CompositionRule>(r#"{"min_woman_share": 0.4}"#).is_err());
        let report = check(&rule, &abu_al_khasib());
        assert!(report.findings.contains(&Finding::TooFewWomen { women: 2, members: 9, min_share: 0.4, needed: 4 }));
        assert!(
            !report.findings.iter().any(|f| matches!(f, Finding::TooFewSeats { constituency: DisplacedReturnees, .. }))
        );
    }

    #[test]
    fn the_needed_count_is_the_smallest_that_meets_the_share() {
        assert_eq!(smallest_count_reaching(0.30, 10), 3);
        assert_eq!(smallest_count_reaching(0.30, 9), 3);
        assert_eq!(smallest_count_reaching(0.5, 7), 4);
        assert_eq!(smallest_count_reaching(0.0, 7), 0);
        assert_eq!(smallest_count_reaching(1.5, 7), 7);
    }
}
