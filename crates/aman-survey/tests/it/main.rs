//! aman-survey's tests, in one binary: the core API, the R fixtures, the CSV
//! front end, the Community Security Index, the Kirkuk poll and XLSForm.
#![allow(clippy::unwrap_used)]

mod common;
mod core_api;
mod csv_front_end;
mod fuzz;
mod index;
mod kirkuk;
mod r_fixtures;
mod xlsform;
