//! Aman's domain model, free of IO: the vocabulary of `shared/docs/domain.md`
//! (threat categories, the concern life-cycle, roles held for areas), the rules
//! that decide what a valid concern is, receipt codes, and the secrets that
//! protect reporters. Time and randomness come in as parameters.

pub mod alert;
pub mod area;
pub mod audit;
pub mod category;
pub mod committee;
pub mod concern;
pub mod lifecycle;
pub mod password;
pub mod receipt;
pub mod role;
pub mod secrets;
pub mod text;
pub mod totp;
