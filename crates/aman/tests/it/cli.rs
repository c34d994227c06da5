//! The `aman` binary as an administrator meets it: help, bad flags, missing
//! keys, corrupt databases, occupied ports, user management.

use std::process::{Command, Output, Stdio};
use tempfile::TempDir;

pub fn aman(args: &[&str], stdin: Option<&str>) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_aman"))
        .args(args)
        .env_remove("AMAN_DATABASE_URL")
        .env_remove("AMAN_LISTEN")
        .env_remove("AMAN_KEY_FILE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("aman runs");
    if let Some(input) = stdin {
        child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write stdin");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("aman finishes")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn boundaries_dir() -> String {
    format!("{}/../../data/boundaries", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn help_explains_every_subcommand() {
    let output = aman(&["--help"], None);
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    for command in ["serve", "migrate", "keys", "user", "import", "demo"] {
        assert!(help.contains(command), "{command} in {help}");
    }
    let output = aman(&["serve", "--help"], None);
    assert!(String::from_utf8_lossy(&output.stdout).contains("AMAN_DATABASE_URL"));
}

#[test]
fn bad_flags_and_bad_places_fail_with_one_clear_line() {
    let dir = TempDir::new().expect("dir");
    let output = aman(&["serve", "--bogus"], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--bogus"));

    let garbage = dir.path().join("garbage.db");
    std::fs::write(&garbage, b"this is not a database at all, just text that fills a page").expect("write");
    let output = aman(&["migrate", "--db", &format!("sqlite://{}", garbage.display())], None);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("cannot open database"), "{message}");
    assert_eq!(message.trim().lines().count(), 1, "{message}");

    let output = aman(&["migrate", "--db", "mysql://somewhere"], None);
    assert!(stderr(&output).contains("unsupported database URL"));

    let output = aman(&["migrate", "--db", "postgres://nobody@127.0.0.1:1/none"], None);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("cannot open database"));

    let db = format!("sqlite://{}", dir.path().join("a.db").display());
    let output =
        aman(&["serve", "--db", &db, "--key-file", &dir.path().join("missing.key").display().to_string()], None);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("aman keys init"), "{}", stderr(&output));
}

#[test]
fn serve_refuses_an_occupied_port_and_an_empty_database() {
    let dir = TempDir::new().expect("dir");
    let key = dir.path().join("k.key").display().to_string();
    assert!(aman(&["keys", "init", "--key-file", &key], None).status.success());
    assert!(!aman(&["keys", "init", "--key-file", &key], None).status.success(), "never overwrites keys");
    let db = format!("sqlite://{}", dir.path().join("a.db").display());
    let output = aman(&["serve", "--db", &db, "--key-file", &key, "--listen", "127.0.0.1:0"], None);
    assert!(stderr(&output).contains("aman import areas"), "{}", stderr(&output));

    assert!(aman(&["import", "areas", &boundaries_dir(), "--db", &db], None).status.success());
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").to_string();
    let output = aman(&["serve", "--db", &db, "--key-file", &key, "--listen", &port], None);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains(&format!("cannot listen on {port}")), "{}", stderr(&output));
    let low =
        aman(&["serve", "--db", &db, "--key-file", &key, "--listen", "127.0.0.1:0", "--small-numbers", "3"], None);
    assert!(stderr(&low).contains("below 5"), "{}", stderr(&low));
    let table = std::path::Path::new(&key).with_file_name("deadlines.toml");
    std::fs::write(&table, "[default]\nurgent_days = 1\n").expect("file");
    let bad = aman(
        &[
            "serve",
            "--db",
            &db,
            "--key-file",
            &key,
            "--listen",
            "127.0.0.1:0",
            "--referral-deadlines",
            &table.display().to_string(),
        ],
        None,
    );
    assert!(stderr(&bad).contains("not a deadline table"), "{}", stderr(&bad));
}

#[test]
fn user_add_reads_the_password_from_stdin_and_checks_its_input() {
    let dir = TempDir::new().expect("dir");
    let db = format!("sqlite://{}", dir.path().join("a.db").display());
    let key = dir.path().join("k.key").display().to_string();
    assert!(aman(&["keys", "init", "--key-file", &key], None).status.success());
    assert!(aman(&["import", "areas", &boundaries_dir(), "--db", &db], None).status.success());
    let add = |email: &str, role: &str, area: &str, password: &str| {
        aman(
            &["user", "add", "--db", &db, "--key-file", &key, "--email", email, "--role", role, "--area", area],
            Some(password),
        )
    };
    let output = add("a@test", "triage_officer", "IQG02", "a long enough password\n");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&add("a@test", "triage_officer", "IQG02", "a long enough password\n")).contains("already exists"));
    assert!(stderr(&add("b@test", "sheriff", "IQG02", "a long enough password\n")).contains("unknown role"));
    assert!(stderr(&add("b@test", "analyst", "Basra", "a long enough password\n")).contains("not a P-code"));
    assert!(stderr(&add("b@test", "analyst", "IQG02", "short\n")).contains("at least 12"));
    assert!(stderr(&add("b@test", "analyst", "IQG02", "password1234\n")).contains("common or leaked"));
    assert!(stderr(&add("sara.karim@test", "analyst", "IQG02", "Sara.Karim of Basra\n")).contains("account's name"));
    // Roles that see identities get a two-factor key, printed once; others none.
    assert!(String::from_utf8_lossy(&output.stdout).contains("key: "), "triage officers get a TOTP key");
    let unknown_organisation = aman(
        &[
            "user",
            "add",
            "--db",
            &db,
            "--key-file",
            &key,
            "--email",
            "d@test",
            "--role",
            "police_liaison",
            "--area",
            "IQG02",
            "--organisation",
            "999",
        ],
        Some("a long enough password\n"),
    );
    assert!(stderr(&unknown_organisation).contains("organisation 999 does not serve IQG02"));
    let analyst = add("c@test", "analyst", "IQG02", "a long enough password\n");
    assert!(analyst.status.success() && !String::from_utf8_lossy(&analyst.stdout).contains("key: "));
    let user = |command: &str, email: &str, stdin: Option<&str>| {
        aman(&["user", command, "--db", &db, "--key-file", &key, "--email", email], stdin)
    };
    assert!(stderr(&user("password", "c@test", Some("qwertyuiop123\n"))).contains("common or leaked"));
    assert!(user("password", "c@test", Some("another long passphrase\n")).status.success());
    let enrolled = user("totp", "c@test", None);
    assert!(
        String::from_utf8_lossy(&enrolled.stdout).contains("otpauth://totp/Aman:c%40test"),
        "{}",
        stderr(&enrolled)
    );
    let disabled = aman(&["user", "disable", "--db", &db, "--key-file", &key, "--email", "a@test"], None);
    assert!(String::from_utf8_lossy(&disabled.stdout).contains("disabled a@test"), "{}", stderr(&disabled));
    assert!(String::from_utf8_lossy(&user("enable", "a@test", None).stdout).contains("enabled a@test"));
    assert!(
        stderr(&aman(&["user", "disable", "--db", &db, "--key-file", &key, "--email", "nobody@test"], None))
            .contains("no account")
    );
}

#[test]
fn organisations_are_added_with_what_they_may_receive() {
    let dir = TempDir::new().expect("dir");
    let db = format!("sqlite://{}", dir.path().join("o.db").display());
    assert!(aman(&["import", "areas", &boundaries_dir(), "--db", &db], None).status.success());
    let add = |extra: &[&str]| {
        let mut args =
            vec!["organisation", "add", "--db", &db, "--name-ar", "منظمة", "--name-en", "Shelter", "--area", "IQG02"];
        args.extend_from_slice(extra);
        aman(&args, None)
    };
    let ok = add(&[
        "--kind",
        "cso",
        "--confidential",
        "gbv",
        "--categories",
        "gbv,hate_speech",
        "--contact",
        "+964 770 000 0000",
    ]);
    assert!(String::from_utf8_lossy(&ok.stdout).contains("Shelter (cso, IQG02)"), "{}", stderr(&ok));
    assert!(stderr(&add(&["--kind", "media", "--confidential", "gbv"])).contains("never receives confidential"));
    assert!(stderr(&add(&["--kind", "cso", "--confidential", "crime"])).contains("not a confidential category"));
    assert!(stderr(&add(&["--kind", "army"])).contains("unknown kind"));
    // Bidi controls cannot disguise a name shown to staff.
    let disguised = aman(
        &[
            "organisation",
            "add",
            "--db",
            &db,
            "--kind",
            "cso",
            "--name-ar",
            "منظمة\u{202E}",
            "--name-en",
            "Safe\u{2066} House\u{200F}",
            "--area",
            "IQG02",
        ],
        None,
    );
    assert!(String::from_utf8_lossy(&disguised.stdout).contains("Safe House (cso, IQG02)"), "{}", stderr(&disguised));
}
