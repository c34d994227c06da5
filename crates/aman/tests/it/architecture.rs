//! Architectural rules that a compiler does not enforce.

/// The pure crates depend on nothing that does IO or reads the clock.
#[test]
fn pure_crates_stay_pure() {
    // `rand` is allowed for seeded generators; reading the OS's randomness is not (below).
    let forbidden = ["tokio", "sqlx", "axum", "reqwest", "aman-db", "aman-web"];
    for krate in ["aman-core", "aman-geo", "aman-detect", "aman-survey"] {
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
        let mut folders = vec![std::path::PathBuf::from(format!("{}/../{krate}/src", env!("CARGO_MANIFEST_DIR")))];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(folder).expect("src") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    folders.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).expect("source");
                for clock in [
                    "Utc::now",
                    "Local::now",
                    "SystemTime::now",
                    "Instant::now",
                    "thread_rng",
                    "OsRng",
                    "rand::rng()",
                    "from_os_rng",
                    "std::fs",
                    "std::net",
                ] {
                    assert!(!text.contains(clock), "{} uses {clock}", path.display());
                }
            }
        }
    }
}
