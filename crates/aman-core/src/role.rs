//! Staff roles, always held for an area, and the one table that decides what
//! each role may do. A grant for an area covers that area and its descendants
//! and nothing else.

use crate::area::Pcode;
use crate::category::Category;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    TriageOfficer,
    CommitteeMember,
    PoliceLiaison,
    AuthorityOfficer,
    CsoCaseworker,
    Analyst,
    Administrator,
}

/// Everything a staff member can ask to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// See the triage queue and a concern's page.
    ViewConcerns,
    /// Move a concern through its life-cycle or mark it a duplicate.
    Triage,
    /// Write an internal note (never shown to the reporter).
    AddNote,
    /// Write an update the reporter reads on `/track`.
    PublicUpdate,
    /// See a reporter's contact details and the exact point.
    ViewIdentity,
    /// Create staff accounts.
    ManageUsers,
    /// Browse the audit log.
    ViewAudit,
    /// Acknowledge an early-warning alert, plan the response, close or dismiss it.
    RespondToAlerts,
    /// See committees, their members, meetings and priorities.
    ViewCommittees,
    /// Run a committee: members, meetings, attendance, minutes, ballots, issues.
    ManageCommittees,
    /// File a concern on a resident's behalf, with their consent (assisted intake).
    FileAssisted,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::TriageOfficer,
        Role::CommitteeMember,
        Role::PoliceLiaison,
        Role::AuthorityOfficer,
        Role::CsoCaseworker,
        Role::Analyst,
        Role::Administrator,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::TriageOfficer => "triage_officer",
            Role::CommitteeMember => "committee_member",
            Role::PoliceLiaison => "police_liaison",
            Role::AuthorityOfficer => "authority_officer",
            Role::CsoCaseworker => "cso_caseworker",
            Role::Analyst => "analyst",
            Role::Administrator => "administrator",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == code)
    }

    /// Roles that must log in with a second factor: those that can see
    /// identities, and those that manage accounts or read the audit log.
    pub fn requires_second_factor(self) -> bool {
        self.may(Action::ViewIdentity) || self.may(Action::ManageUsers) || self.may(Action::ViewAudit)
    }

    /// The permission table. Administrators manage accounts but do not read
    /// identities: a curious administrator is one of the adversaries.
    pub fn may(self, action: Action) -> bool {
        use Action::*;
        use Role::*;
        match action {
            ViewConcerns | AddNote => {
                matches!(
                    self,
                    TriageOfficer | CommitteeMember | PoliceLiaison | AuthorityOfficer | CsoCaseworker | Administrator
                )
            }
            Triage | PublicUpdate => matches!(self, TriageOfficer | Administrator),
            ViewIdentity => matches!(self, TriageOfficer),
            ManageUsers | ViewAudit => matches!(self, Administrator),
            RespondToAlerts => matches!(self, TriageOfficer | CommitteeMember | Administrator),
            ViewCommittees => true,
            ManageCommittees => matches!(self, CommitteeMember | Administrator),
            FileAssisted => matches!(self, TriageOfficer | CsoCaseworker),
        }
    }

    /// Concerns about the conduct of the security forces are never shown to
    /// the police.
    pub fn may_see_category(self, category: Category) -> bool {
        !(self == Role::PoliceLiaison && category == Category::SecurityConduct)
    }
}

/// A role held for an area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub role: Role,
    pub area: Pcode,
    /// Explicitly allowed to handle the confidential categories (`gbv`,
    /// `security_conduct`); police roles still never see `security_conduct`.
    pub confidential: bool,
}

impl Grant {
    /// May this grant perform `action` on a concern in `area` of `category`?
    pub fn allows(&self, action: Action, area: &Pcode, category: Category) -> bool {
        self.role.may(action) && self.area.covers(area) && self.may_see_category(category)
    }

    /// Whether concerns of this category exist at all for this grant.
    pub fn may_see_category(&self, category: Category) -> bool {
        self.role.may_see_category(category) && (self.confidential || !category.is_confidential())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grant(role: Role, area: &str) -> Grant {
        Grant { role, area: Pcode::parse(area).unwrap(), confidential: true }
    }

    #[test]
    fn area_scope_covers_descendants_only() {
        let g = grant(Role::TriageOfficer, "IQG02");
        let inside = Pcode::parse("IQG02Q01N01").unwrap();
        let outside = Pcode::parse("IQG15Q01N01").unwrap();
        assert!(g.allows(Action::Triage, &inside, Category::Crime));
        assert!(!g.allows(Action::Triage, &outside, Category::Crime));
    }

    #[test]
    fn police_never_see_conduct_concerns() {
        let g = grant(Role::PoliceLiaison, "IQ");
        let area = Pcode::parse("IQG02").unwrap();
        assert!(g.allows(Action::ViewConcerns, &area, Category::Crime));
        assert!(!g.allows(Action::ViewConcerns, &area, Category::SecurityConduct));
    }

    #[test]
    fn confidential_categories_need_the_explicit_permission() {
        let area = Pcode::parse("IQG02").unwrap();
        let plain = Grant { confidential: false, ..grant(Role::TriageOfficer, "IQ") };
        assert!(plain.allows(Action::ViewConcerns, &area, Category::Crime));
        assert!(!plain.allows(Action::ViewConcerns, &area, Category::Gbv));
        assert!(!plain.allows(Action::ViewConcerns, &area, Category::SecurityConduct));
        let trusted = grant(Role::TriageOfficer, "IQ");
        assert!(trusted.allows(Action::ViewConcerns, &area, Category::Gbv));
        let police = grant(Role::PoliceLiaison, "IQ");
        assert!(police.allows(Action::ViewConcerns, &area, Category::Gbv));
        assert!(!police.allows(Action::ViewConcerns, &area, Category::SecurityConduct));
    }

    #[test]
    fn identities_only_for_triage() {
        for role in Role::ALL {
            assert_eq!(role.may(Action::ViewIdentity), role == Role::TriageOfficer, "{role:?}");
            assert_eq!(Role::from_code(role.as_str()), Some(role));
        }
        assert!(!Role::Analyst.may(Action::ViewConcerns));
    }
}
