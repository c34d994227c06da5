//! The one black-box test binary: every test drives the real HTTP server on
//! port 0 over a fresh database, or the real `aman` binary.
//!
//! Behaviour tests are written once inside `both! { … }` and run on SQLite
//! always and on PostgreSQL when `AMAN_TEST_POSTGRES_URL` is set (each test in
//! a fresh database cloned from a template). With `AMAN_TEST_REQUIRE_POSTGRES`
//! set (as `.ci/run` does), a missing PostgreSQL fails the tests instead of
//! skipping them.

/// Turns each `async fn name(app: TestApp) { … }` into a module `name` with
/// the tests `sqlite` and `postgres`.
macro_rules! both {
    ($($(#[$doc:meta])* async fn $name:ident($app:ident: TestApp) $body:block)*) => {
        $(
            $(#[$doc])*
            mod $name {
                #[allow(unused_imports)]
                use super::*;

                async fn run($app: TestApp) $body

                #[tokio::test]
                async fn sqlite() {
                    run(TestApp::sqlite().await).await
                }

                #[tokio::test]
                async fn postgres() {
                    match TestApp::postgres().await {
                        Some(app) => run(app).await,
                        None => eprintln!("skipped: AMAN_TEST_POSTGRES_URL is not set"),
                    }
                }
            }
        )*
    };
}

mod accountability;
mod alerts;
mod analysis;
mod api;
mod architecture;
mod audit;
mod browser;
mod cli;
mod committees;
mod confidential;
mod contract;
mod dashboard;
mod demo;
mod doors;
mod durability;
mod hostile;
mod index;
mod journeys;
mod keys;
mod limits;
mod matrix;
mod moving;
mod openapi;
mod openrosa;
mod pages;
mod permissions;
mod places;
mod privacy;
mod referrals;
mod retention;
mod servers;
mod staff;
mod staff_pages;
mod support;
mod surveys;
mod text;
