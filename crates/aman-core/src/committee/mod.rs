//! Joint community security committees (لجان الأمن المجتمعي): the pure rules
//! of issue #5. A committee for one area lets residents set their security
//! priorities together with the police and the local authority (Saferworld,
//! *Community Security Handbook*, 2014; `shared/docs/domain.md`).
//!
//! - [`composition`] — the constituencies and the rule on who should sit on a
//!   committee (a warning, never a block).
//! - [`meeting`] — quorum.
//! - [`ranking`] — prioritisation by Borda count or the Schulze method, with
//!   each constituency's own ranking and its dissent.
//! - [`disclosure`] — small-number protection of the public figures.
//! - [`referral`] — response deadlines, who may receive confidential
//!   referrals, escalation of unanswered ones.
//!
//! Nothing here reads a clock or randomness: times are parameters.

pub mod action;
pub mod composition;
pub mod disclosure;
pub mod meeting;
pub mod ranking;
pub mod referral;
