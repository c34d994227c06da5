//! Quorum: whether a meeting may take decisions (rank concerns, agree actions).
//!
//! **Default rule**: more than half of the members present, *and* at least one
//! woman present, *and* at least one community (non-official) member present.
//! The two extra conditions follow the partnership idea of domain.md: a meeting
//! of officials alone, or of men alone, cannot set a community's priorities.
//! Each condition can be switched off and the share changed; the share may be
//! "more than" (default, so 5 of 10 is not enough) or "at least".

use super::composition::{Member, Sex, smallest_count_reaching};
use serde::{Deserialize, Serialize};

/// When a meeting is quorate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct QuorumRule {
    /// Share of members who must be present (default 0.5).
    pub share: f64,
    /// `true` (default): present / members must *exceed* `share`;
    /// `false`: it must reach it.
    pub strictly_more: bool,
    /// At least one woman present (default true).
    pub require_woman: bool,
    /// At least one member of a community (non-official) constituency present
    /// (default true).
    pub require_community_member: bool,
}

impl Default for QuorumRule {
    fn default() -> Self {
        QuorumRule { share: 0.5, strictly_more: true, require_woman: true, require_community_member: true }
    }
}

/// One member's attendance at one meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendance {
    pub member: Member,
    pub present: bool,
}

/// Which condition of the rule is unmet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum QuorumShortfall {
    /// `present` of `members` came; `needed` would have been enough.
    TooFewPresent {
        present: u32,
        members: u32,
        needed: u32,
    },
    NoWomanPresent,
    NoCommunityMemberPresent,
}

/// The outcome of [`quorum`]: `met` exactly when `shortfalls` is empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuorumReport {
    pub met: bool,
    pub present: u32,
    pub members: u32,
    /// The smallest number present that satisfies the share.
    pub needed: u32,
    pub women_present: u32,
    pub community_present: u32,
    pub shortfalls: Vec<QuorumShortfall>,
}

/// The smallest head-count that satisfies the share part of `rule` for a
/// committee of `members` (for `members == 0`, 1: an empty committee is never quorate).
pub fn needed(rule: &QuorumRule, members: u32) -> u32 {
    if members == 0 {
        return 1;
    }
    if rule.strictly_more {
        (0..=members).find(|&k| f64::from(k) / f64::from(members) > rule.share).unwrap_or(members)
    } else {
        smallest_count_reaching(rule.share, members)
    }
}

/// Decides whether the meeting recorded in `attendance` (one entry per
/// member of the committee) is quorate. Pure.
pub fn quorum(rule: &QuorumRule, attendance: &[Attendance]) -> QuorumReport {
    let count = |pred: &dyn Fn(&Attendance) -> bool| {
        u32::try_from(attendance.iter().filter(|a| pred(a)).count()).unwrap_or(u32::MAX)
    };
    let members = count(&|_| true);
    let present = count(&|a| a.present);
    let women_present = count(&|a| a.present && a.member.sex == Sex::Female);
    let community_present = count(&|a| a.present && !a.member.constituency.is_official());
    let needed = needed(rule, members);
    let mut shortfalls = Vec::new();
    if present < needed {
        shortfalls.push(QuorumShortfall::TooFewPresent { present, members, needed });
    }
    if rule.require_woman && women_present == 0 {
        shortfalls.push(QuorumShortfall::NoWomanPresent);
    }
    if rule.require_community_member && community_present == 0 {
        shortfalls.push(QuorumShortfall::NoCommunityMemberPresent);
    }
    QuorumReport { met: shortfalls.is_empty(), present, members, needed, women_present, community_present, shortfalls }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::committee::composition::Constituency::{self, *};

    fn a(constituency: Constituency, sex: Sex, present: bool) -> Attendance {
        Attendance { member: Member { constituency, sex }, present }
    }

    #[test]
    fn more_than_half_by_default() {
        let rule = QuorumRule::default();
        assert_eq!(needed(&rule, 10), 6);
        assert_eq!(needed(&rule, 9), 5);
        assert_eq!(needed(&rule, 1), 1);
        assert_eq!(needed(&rule, 0), 1);
        let at_least = QuorumRule { strictly_more: false, ..Default::default() };
        assert_eq!(needed(&at_least, 10), 5);
        assert_eq!(needed(&QuorumRule { share: 2.0 / 3.0, strictly_more: false, ..Default::default() }, 9), 6);
    }

    #[test]
    fn a_quorate_meeting_with_an_empty_youth_seat() {
        let attendance = [
            a(Residents, Sex::Male, true),
            a(Women, Sex::Female, true),
            a(Youth, Sex::Male, false),
            a(Police, Sex::Male, true),
            a(LocalAuthority, Sex::Male, true),
            a(CivilSociety, Sex::Female, false),
        ];
        let report = quorum(&QuorumRule::default(), &attendance);
        assert!(report.met);
        assert_eq!((report.present, report.members, report.needed), (4, 6, 4));
        assert_eq!((report.women_present, report.community_present), (1, 2));
    }

    #[test]
    fn half_is_not_more_than_half() {
        let attendance = [
            a(Residents, Sex::Female, true),
            a(Police, Sex::Male, true),
            a(Youth, Sex::Male, false),
            a(Media, Sex::Male, false),
        ];
        let report = quorum(&QuorumRule::default(), &attendance);
        assert_eq!(report.shortfalls, [QuorumShortfall::TooFewPresent { present: 2, members: 4, needed: 3 }]);
        assert!(quorum(&QuorumRule { strictly_more: false, ..Default::default() }, &attendance).met);
    }

    #[test]
    fn officials_alone_or_men_alone_are_not_quorate() {
        let attendance = [
            a(Police, Sex::Male, true),
            a(LocalAuthority, Sex::Male, true),
            a(Police, Sex::Male, true),
            a(Residents, Sex::Female, false),
        ];
        let report = quorum(&QuorumRule::default(), &attendance);
        assert!(!report.met);
        assert_eq!(report.shortfalls, [QuorumShortfall::NoWomanPresent, QuorumShortfall::NoCommunityMemberPresent]);
        let lenient = QuorumRule { require_woman: false, require_community_member: false, ..Default::default() };
        assert!(quorum(&lenient, &attendance).met);
    }

    #[test]
    fn a_committee_without_members_is_never_quorate() {
        let report = quorum(&QuorumRule::default(), &[]);
        assert!(!report.met);
        assert_eq!(report.shortfalls[0], QuorumShortfall::TooFewPresent { present: 0, members: 0, needed: 1 });
    }

    #[test]
    fn the_rule_deserialises_with_defaults() {
        let rule: QuorumRule = serde_json::from_str(r#"{"share": 0.6}"#).unwrap();
        assert_eq!(rule, QuorumRule { share: 0.6, ..Default::default() });
        assert!(serde_json::from_str::<QuorumRule>(r#"{"quorum": 0.6}"#).is_err());
    }
}
