//! aman-detect's tests, in one binary: agreement with R's surveillance
//! package on the fixtures, properties every method must have, the CSV front
//! end and the UCDP parser on the real file.
#![allow(clippy::unwrap_used)]

mod csv;
mod events;
mod fixtures;
mod fuzz;
mod properties;
