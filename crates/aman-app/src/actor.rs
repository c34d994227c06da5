//! Who is acting: a signed-in staff member, as every door identifies them
//! (a page session, an API token, the command line's chosen account).

use aman_core::role::Grant;
use aman_db::UserRecord;

/// A staff member acting through some door.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user: UserRecord,
}

impl Actor {
    /// The role and the areas and categories it is held for.
    pub fn grant(&self) -> Grant {
        Grant { role: self.user.role, area: self.user.area.clone(), confidential: self.user.confidential }
    }
}
