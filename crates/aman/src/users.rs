//! `aman user …`: staff accounts from the command line. Passwords are read
//! from standard input and checked against the password policy; roles that
//! need a second factor get a TOTP secret at creation, printed once.

use crate::keyfile::load_keys;
use crate::{DbArg, KeyArg, now_ms, open, record};
use aman_app::{App, random};
use aman_core::area::Pcode;
use aman_core::role::Role;
use aman_core::secrets::{self, Keys};
use aman_core::{password, totp};
use aman_db::{Db, UserRecord};
use anyhow::{Context, bail};
use clap::Subcommand;
use std::io::Read;

#[derive(Subcommand)]
pub enum UserCommand {
    /// Add a staff account; the password is read from standard input.
    /// Triage officers and administrators also get a two-factor secret.
    Add {
        #[command(flatten)]
        db: DbArg,
        /// The key file (the account's creation is recorded in the sealed audit log).
        #[command(flatten)]
        keys: KeyArg,
        #[arg(long)]
        email: String,
        /// One of: triage_officer, committee_member, police_liaison, authority_officer, cso_caseworker, analyst, administrator.
        #[arg(long)]
        role: String,
        /// P-code of the area the role is held for (IQ for all of Iraq).
        #[arg(long)]
        area: String,
        /// Name shown to colleagues (defaults to the email).
        #[arg(long)]
        name: Option<String>,
        /// Allow this account to handle the confidential categories (gbv,
        /// security_conduct); police roles never see security_conduct.
        #[arg(long)]
        confidential: bool,
        /// The organisation (id) whose referrals this account answers.
        #[arg(long)]
        organisation: Option<i64>,
    },
    /// Disable an account: it can no longer log in, all its sessions end at
    /// once and its device password is revoked.
    Disable {
        #[command(flatten)]
        account: AccountArg,
    },
    /// Re-enable a disabled account.
    Enable {
        #[command(flatten)]
        account: AccountArg,
    },
    /// Set a new password (read from standard input); ends all the account's sessions.
    Password {
        #[command(flatten)]
        account: AccountArg,
    },
    /// Print a new device password for ODK Collect, KoboCollect or Enketo
    /// (replacing any old one): it signs a field device in to the OpenRosa
    /// routes only, for accounts that may file for residents
    /// (cso_caseworker, triage_officer). With --revoke, remove it instead.
    DevicePassword {
        #[command(flatten)]
        account: AccountArg,
        /// Revoke the account's device password instead of issuing one.
        #[arg(long)]
        revoke: bool,
    },
    /// Give the account a new two-factor (TOTP) secret, replacing any old one,
    /// and print it for the account holder's authenticator app.
    Totp {
        #[command(flatten)]
        account: AccountArg,
    },
}

pub async fn run(command: UserCommand) -> anyhow::Result<()> {
    match command {
        UserCommand::Add { db, keys, email, role, area, name, confidential, organisation } => {
            let keys = load_keys(&keys.path)?;
            let role = Role::from_code(&role).with_context(|| {
                let all: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
                format!("unknown role `{role}`; use one of {}", all.join(", "))
            })?;
            let area =
                Pcode::parse(&area).with_context(|| format!("`{area}` is not a P-code (e.g. IQ, IQG02, IQG02Q01)"))?;
            let email = email.trim().to_lowercase();
            let hash = new_password_hash(&email)?;
            let db = open(&db.url).await?;
            if !db.all_areas().await?.iter().any(|a| a.pcode == area.as_str()) {
                bail!("area {area} is not in the database; import areas first");
            }
            if let Some(organisation) = organisation
                && !db.organisations(area.as_str()).await?.iter().any(|o| o.id == organisation)
            {
                bail!("organisation {organisation} does not serve {area}");
            }
            // Names are shown to staff: no control or bidi characters that disguise them.
            let name = aman_core::text::clean(&name.unwrap_or_else(|| email.clone()));
            let new = aman_db::NewUser {
                email: &email,
                display_name: &name,
                password_hash: &hash,
                role,
                area: &area,
                confidential,
            };
            let id = db.create_user(&new, now_ms()).await.map_err(|e| match e {
                aman_db::DbError::Duplicate => anyhow::anyhow!("an account with email {email} already exists"),
                other => other.into(),
            })?;
            let detail =
                format!("{} for {area}{}", role.as_str(), if confidential { ", confidential categories" } else { "" });
            if let Some(organisation) = organisation {
                db.set_user_organisation(id, Some(organisation)).await?;
            }
            record(&db, &keys, "user.create", &format!("user:{id}"), &detail).await?;
            println!("added user {id}: {email} ({}, {area})", role.as_str());
            if role.requires_second_factor() {
                let secret = enrol_totp(&db, &keys, id).await?;
                print_totp(&email, &secret);
            }
            Ok(())
        }
        UserCommand::Disable { account } => set_disabled(&account, true).await,
        UserCommand::Enable { account } => set_disabled(&account, false).await,
        UserCommand::Password { account: which } => {
            let (db, keys, user) = account(&which).await?;
            let email = &which.email;
            let hash = new_password_hash(&user.email)?;
            db.set_password(user.id, &hash).await?;
            record(&db, &keys, "user.password", &format!("user:{}", user.id), "all sessions ended").await?;
            println!("new password set for {email}; all its sessions have ended");
            Ok(())
        }
        UserCommand::DevicePassword { account: which, revoke } => {
            let (db, keys, user) = account(&which).await?;
            let email = &which.email;
            let target = format!("user:{}", user.id);
            if revoke {
                let had = db.revoke_device_password(user.id).await?;
                record(&db, &keys, "user.device_password.revoke", &target, "").await?;
                println!("{}", if had { "device password revoked" } else { "the account had no device password" });
                return Ok(());
            }
            if user.disabled || !user.role.may(aman_core::role::Action::FileAssisted) {
                bail!(
                    "{email} ({}) may not file for residents, so a device would have nothing to do; device passwords are for cso_caseworker and triage_officer accounts",
                    user.role.as_str()
                );
            }
            let (secret, hash) = aman_app::openrosa::new_device_password();
            db.set_device_password(user.id, &hash, now_ms()).await?;
            record(&db, &keys, "user.device_password", &target, "any earlier one replaced").await?;
            println!("device password for {} (shown once; it opens the OpenRosa routes only):", user.email);
            println!("{secret}");
            Ok(())
        }
        UserCommand::Totp { account: which } => {
            let (db, keys, user) = account(&which).await?;
            let secret = enrol_totp(&db, &keys, user.id).await?;
            print_totp(&user.email, &secret);
            Ok(())
        }
    }
}

/// Disabling ends every session of the account at once.
async fn set_disabled(which: &AccountArg, disabled: bool) -> anyhow::Result<()> {
    let (db, keys, user) = account(which).await?;
    let email = &which.email;
    db.set_disabled(user.id, disabled).await?;
    let (action, detail, said) = if disabled {
        ("user.disable", "all sessions ended", "disabled {email}; all its sessions have ended")
    } else {
        ("user.enable", "", "enabled {email}")
    };
    record(&db, &keys, action, &format!("user:{}", user.id), detail).await?;
    println!("{}", said.replace("{email}", email));
    Ok(())
}

/// The account a command acts on: its database, the key file, its e-mail.
#[derive(clap::Args)]
pub struct AccountArg {
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    keys: KeyArg,
    #[arg(long)]
    email: String,
}

async fn account(AccountArg { db, keys, email }: &AccountArg) -> anyhow::Result<(Db, Keys, UserRecord)> {
    let keys = load_keys(&keys.path)?;
    let db = open(&db.url).await?;
    let user = db
        .user_by_email(&email.trim().to_lowercase())
        .await?
        .with_context(|| format!("no account with email {email}"))?;
    Ok((db, keys, user))
}

/// Reads a password from standard input and hashes it if the policy allows it.
fn new_password_hash(email: &str) -> anyhow::Result<String> {
    let mut password = String::new();
    std::io::stdin().read_to_string(&mut password).context("reading the password from standard input")?;
    let password = password.trim_end_matches(['\n', '\r']);
    password::check(password, email).map_err(|problem| anyhow::anyhow!("{}", problem.explain()))?;
    Ok(secrets::hash_password(password, random()))
}

/// Gives an account a new sealed TOTP secret (ending its sessions) and
/// records it; returns the secret to show once.
pub async fn enrol_totp(db: &Db, keys: &Keys, user_id: i64) -> anyhow::Result<[u8; totp::SECRET_BYTES]> {
    let secret: [u8; totp::SECRET_BYTES] = random();
    let sealed = keys.seal(&secrets::totp_context(user_id), &secret, random());
    db.set_totp(user_id, Some(&sealed)).await?;
    record(db, keys, "user.totp_enrol", &format!("user:{user_id}"), "new secret; sessions ended").await?;
    Ok(secret)
}

fn print_totp(email: &str, secret: &[u8]) {
    println!("two-factor secret for {email} (shown once; add it to an authenticator app, then forget it):");
    println!("  key: {}", totp::secret_base32(secret));
    println!("  uri: {}", totp::provisioning_uri(secret, email));
}

#[derive(Subcommand)]
pub enum OrganisationCommand {
    /// Add (or update) an organisation that receives referrals and owns actions.
    Add {
        #[command(flatten)]
        db: DbArg,
        /// police_station, local_authority, cso, international_agency, tribal_council or media.
        #[arg(long)]
        kind: String,
        #[arg(long)]
        name_ar: String,
        #[arg(long)]
        name_en: String,
        /// P-code of the area it serves (and everything below it).
        #[arg(long)]
        area: String,
        /// Category codes it handles (default: all), comma-separated.
        #[arg(long, value_delimiter = ',')]
        categories: Vec<String>,
        /// Confidential categories it is cleared to receive (gbv, security_conduct).
        #[arg(long, value_delimiter = ',')]
        confidential: Vec<String>,
        /// How to reach it (phone, email, office).
        #[arg(long, default_value = "")]
        contact: String,
    },
}

pub async fn organisation(command: OrganisationCommand) -> anyhow::Result<()> {
    let OrganisationCommand::Add { db, kind, name_ar, name_en, area, categories, confidential, contact } = command;
    use aman_core::category::Category;
    use aman_core::committee::referral::OrganisationKind;
    let kind = OrganisationKind::from_code(kind.trim()).with_context(|| format!("unknown kind `{kind}`"))?;
    let area = Pcode::parse(&area).with_context(|| format!("`{area}` is not a P-code"))?;
    for code in categories.iter().chain(&confidential) {
        Category::from_code(code.trim()).with_context(|| format!("unknown category `{code}`"))?;
    }
    if let Some(code) =
        confidential.iter().find(|c| !Category::from_code(c.trim()).is_some_and(|c| c.is_confidential()))
    {
        bail!("`{code}` is not a confidential category (gbv, security_conduct)");
    }
    if !confidential.is_empty() && !kind.may_receive_confidential() {
        bail!("a {} never receives confidential concerns", kind.as_str());
    }
    let db = open(&db.url).await?;
    if !db.all_areas().await?.iter().any(|a| a.pcode == area.as_str()) {
        bail!("area {area} is not in the database; import areas first");
    }
    let clean = aman_core::text::clean;
    let (name_ar, name_en) = (clean(&name_ar), clean(&name_en));
    if name_ar.is_empty() || name_en.is_empty() {
        bail!("an organisation needs an Arabic and an English name");
    }
    let id = db.upsert_organisation(kind.as_str(), &name_ar, &name_en, area.as_str()).await?;
    let categories: Vec<&str> = categories.iter().map(|c| c.trim()).collect();
    let confidential: Vec<&str> = confidential.iter().map(|c| c.trim()).collect();
    db.set_organisation_details(id, &categories, &confidential, &clean(&contact)).await?;
    println!("organisation {id}: {} ({}, {area})", name_en.trim(), kind.as_str());
    Ok(())
}

#[derive(Subcommand)]
pub enum ChannelCommand {
    /// Add a door for another system and print its secret (shown this once).
    Add {
        /// rapidpro, smssync or open311.
        #[arg(long, value_parser = ["rapidpro", "smssync", "open311"])]
        kind: String,
        /// A name staff recognise, e.g. "U-Report Iraq".
        #[arg(long)]
        name: String,
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        keys: KeyArg,
    },
}

pub async fn channel(command: ChannelCommand) -> anyhow::Result<()> {
    let ChannelCommand::Add { kind, name, db, keys } = command;
    let kind = aman_app::channels::ChannelKind::from_code(&kind).context("unknown kind")?;
    let keys = load_keys(&keys.path)?;
    let db = open(&db.url).await?;
    let state = App::load(db, keys, std::sync::Arc::new(chrono::Utc::now), aman_app::Settings::default()).await?;
    let (id, secret) = aman_app::channels::add(&state, kind, &name)
        .await
        .map_err(|e| anyhow::anyhow!("cannot add the channel: {e:?}"))?;
    println!("channel {id} ({}): {}", kind.as_str(), name.trim());
    println!("secret (shown once; give it to the other system): {secret}");
    Ok(())
}
