//! Architectural rules that a compiler does not enforce.

/// The pure crates depend on nothing that does IO or reads the clock.
#[test]
fn pure_crates_stay_pure() {
    // `rand` is allowed for seeded generators; reading the OS's randomness is not (below).
    let forbidden = ["tokio", "sqlx", "axum", "reqwest", "aman-db", "aman-web"];
    for krate in ["aman-core", "aman-geo", "aman-detect", "aman-survey", "aman-text"] {
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

/// The application layer knows nothing of HTTP, HTML or the command line,
/// and the binary's commands call it directly: only `serve` (and `demo`,
/// which serves) builds the web door's state, and `report` borrows the web
/// door's templates to print the very page it serves.
#[test]
fn the_application_layer_has_no_door_of_its_own() {
    let root = format!("{}/..", env!("CARGO_MANIFEST_DIR"));
    let manifest = std::fs::read_to_string(format!("{root}/aman-app/Cargo.toml")).expect("manifest");
    let dependencies = manifest.split("[dependencies]").nth(1).expect("dependencies");
    for door in ["axum", "askama", "aman-web", "clap", "governor", "reqwest", "indicatif"] {
        assert!(!dependencies.lines().any(|l| l.trim_start().starts_with(door)), "aman-app must not depend on {door}");
    }
    for entry in std::fs::read_dir(format!("{root}/aman/src")).expect("src") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("source");
        let uses_web = text.lines().any(|l| l.contains("aman_web"));
        // `serving.rs` (serve and demo) builds the web door; `reporting.rs`
        // renders one of its pages to a file.
        let door = path.ends_with("serving.rs") || path.ends_with("reporting.rs");
        assert!(!uses_web || door, "{}: commands call aman_app, not aman_web", path.display());
    }
}

/// No two source files of a crate import each other, directly or round a
/// longer loop (a `mod` declaration is ownership, not an import).
#[test]
fn no_import_cycles_between_files() {
    let root = format!("{}/..", env!("CARGO_MANIFEST_DIR"));
    for krate in ["aman", "aman-app", "aman-web", "aman-db", "aman-core", "aman-geo", "aman-detect", "aman-survey"] {
        let src = std::path::PathBuf::from(format!("{root}/{krate}/src"));
        let files = crate::support::rust_files(&src);
        // A file's module path: src/a/b.rs and src/a/b/mod.rs are `a::b`.
        let module = |path: &std::path::Path| -> Vec<String> {
            let relative = path.strip_prefix(&src).expect("under src").with_extension("");
            let mut parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
            if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
                parts.pop();
            }
            parts
        };
        let modules: Vec<Vec<String>> = files.iter().map(|f| module(f)).collect();
        // The file a path like `crate::a::b::Item` lands in: its longest module prefix.
        let target = |path: &[String]| -> Option<usize> {
            (1..=path.len()).rev().find_map(|n| modules.iter().position(|m| m.as_slice() == &path[..n]))
        };
        let mut edges = vec![Vec::new(); files.len()];
        for (i, file) in files.iter().enumerate() {
            let text = std::fs::read_to_string(file).expect("source");
            let text: String = text.split("#[cfg(test)]").next().unwrap_or_default().to_owned();
            let here = &modules[i];
            // A parent naming its child module (`child::f`) imports that file
            // too; re-exporting a child's items (`pub use child::X`, a facade)
            // does not.
            let code: String =
                text.lines().filter(|l| !l.trim_start().starts_with("pub use ")).collect::<Vec<_>>().join("\n");
            let children: Vec<&str> = text
                .lines()
                .filter_map(|l| l.trim().trim_start_matches("pub ").strip_prefix("mod "))
                .filter_map(|l| l.strip_suffix(';'))
                .collect();
            for child in children {
                let named = code.match_indices(&format!("{child}::")).any(|(at, _)| {
                    code[..at].chars().last().is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == ':'))
                });
                let mut path = here.clone();
                path.push(child.to_owned());
                if let Some(j) = target(&path).filter(|&j| named && j != i) {
                    edges[i].push(j);
                }
            }
            for (prefix, base) in [("crate::", Vec::new()), ("super::", here[..here.len().saturating_sub(1)].to_vec())]
            {
                for (at, _) in text.match_indices(prefix) {
                    let rest = &text[at + prefix.len()..];
                    let words: Vec<String> = rest
                        .split("::")
                        .map(|w| w.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>())
                        .take_while(|w| !w.is_empty())
                        .collect();
                    let mut path = base.clone();
                    path.extend(words);
                    if let Some(j) = target(&path).filter(|&j| j != i && !modules[j].is_empty()) {
                        edges[i].push(j);
                    }
                }
            }
        }
        // Depth-first search for a back edge.
        fn visit(n: usize, edges: &[Vec<usize>], state: &mut [u8], stack: &mut Vec<usize>) -> Option<Vec<usize>> {
            state[n] = 1;
            stack.push(n);
            for &m in &edges[n] {
                if state[m] == 1 {
                    let start = stack.iter().position(|&s| s == m).expect("on stack");
                    return Some(stack[start..].to_vec());
                }
                if state[m] == 0
                    && let Some(cycle) = visit(m, edges, state, stack)
                {
                    return Some(cycle);
                }
            }
            stack.pop();
            state[n] = 2;
            None
        }
        let mut state = vec![0u8; files.len()];
        for n in 0..files.len() {
            if state[n] == 0 {
                let cycle = visit(n, &edges, &mut state, &mut Vec::new());
                let names: Vec<String> =
                    cycle.unwrap_or_default().iter().map(|&f| files[f].display().to_string()).collect();
                assert!(names.is_empty(), "{krate}: files import each other: {}", names.join(" -> "));
            }
        }
    }
}
