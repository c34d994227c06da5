//! Architectural rules that a compiler does not enforce.

/// The pure crates depend on nothing that does IO or reads the clock.
#[test]
fn pure_crates_stay_pure() {
    let forbidden = ["tokio", "sqlx", "axum", "reqwest", "rand", "aman-db", "aman-web"];
    for krate in ["aman-core", "aman-geo"] {
        let manifest =
            std::fs::read_to_string(format!("{}/../{krate}/Cargo.toml", env!("CARGO_MANIFEST_DIR"))).expect("manifest");
        let dependencies =
            manifest.split("[dependencies]").nth(1).expect("dependencies").split("\n[").next().unwrap_or_default();
        for name in forbidden {
            assert!(
                !dependencies.lines().any(|line| line.trim_start().starts_with(&format!("{name}."))
                    || line.trim_start().starts_with(&format!("{name} "))),
                "{krate} must not depend on {name}"
            );
        }
        let source_dir = format!("{}/../{krate}/src", env!("CARGO_MANIFEST_DIR"));
        for entry in std::fs::read_dir(source_dir).expect("src") {
            let text = std::fs::read_to_string(entry.expect("entry").path()).expect("source");
            for clock in ["Utc::now", "Local::now", "SystemTime::now", "thread_rng", "OsRng"] {
                assert!(!text.contains(clock), "{krate} reads {clock}");
            }
        }
    }
}
