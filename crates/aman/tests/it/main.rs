//! The one black-box test binary: every test drives the real HTTP server on
//! port 0 over a fresh SQLite file, or the real `aman` binary.

mod api;
mod architecture;
mod cli;
mod durability;
mod pages;
mod staff;
mod support;
