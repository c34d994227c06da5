//! What every handler shares: the application (`aman_app::App`: database,
//! intake, areas, keys, clock, settings) plus what only the web door needs,
//! its settings and the flood limiter. No globals.

use aman_app::{App, Clock, LoadError};
use aman_core::secrets::Keys;
use aman_db::Db;
use std::sync::Arc;

/// The web door's settings, around the application's.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Mark cookies `Secure` and send HSTS (set when served behind TLS).
    pub secure_cookies: bool,
    /// Flood limits on public intake and lookups; `None` turns them off.
    pub intake_limits: Option<crate::limits::IntakeLimits>,
    /// A request whose body has not arrived and been answered by then gets
    /// `408` (a slow sender cannot hold a worker).
    pub request_timeout: std::time::Duration,
    /// Who runs this service, as residents read it on `/about`.
    pub operator: Option<String>,
    /// Everything the application itself needs.
    pub app: aman_app::Settings,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            secure_cookies: false,
            intake_limits: Some(Default::default()),
            request_timeout: std::time::Duration::from_secs(60),
            operator: None,
            app: Default::default(),
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    app: App,
    web: Arc<Web>,
}

struct Web {
    settings: Settings,
    limiter: Option<crate::limits::Limiter>,
}

impl AppState {
    /// Loads the application (areas, key check, intake writer: so it must run
    /// inside a tokio runtime) and the flood limiter.
    pub async fn load(db: Db, keys: Keys, clock: Clock, settings: Settings) -> Result<AppState, LoadError> {
        let app = App::load(db, keys, clock, settings.app.clone()).await?;
        Ok(AppState::new(app, settings))
    }

    /// The web door over an application already loaded.
    pub fn new(app: App, settings: Settings) -> AppState {
        let limiter = settings
            .intake_limits
            .clone()
            .map(|limits| crate::limits::Limiter::new(limits, aman_app::random(), app.keys().challenge_key()));
        AppState { app, web: Arc::new(Web { settings, limiter }) }
    }

    pub fn app(&self) -> &App {
        &self.app
    }

    pub fn limiter(&self) -> Option<&crate::limits::Limiter> {
        self.web.limiter.as_ref()
    }

    pub fn web_settings(&self) -> &Settings {
        &self.web.settings
    }
}

/// Handlers call the application's operations with `&state`.
impl std::ops::Deref for AppState {
    type Target = App;

    fn deref(&self) -> &App {
        &self.app
    }
}
