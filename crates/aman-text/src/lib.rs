//! Free text as Aman reads it by machine, all on the one normalisation of
//! `aman_core::text::normalise`:
//!
//! - `near_dup`: reports of the same event suggested as duplicates (MinHash
//!   LSH over normalised shingles, kept incrementally as concerns arrive).
//! - `flag`: hate speech and incitement flagged for human review (never
//!   rejected or hidden), with the reasons.
//! - `geocode`: places named in words resolved to candidate areas.
//! - `suggest`: the kind of concern a description's words suggest.
//! - `terms`: finding listed words and phrases (with Arabic clitics and
//!   Kurdish endings), for every list above.
//!
//! Pure like the other domain crates: no IO, no clock, no OS randomness.

pub mod flag;
pub mod geocode;
pub mod near_dup;
pub mod suggest;
pub mod terms;
