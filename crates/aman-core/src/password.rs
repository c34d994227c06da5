//! Staff password policy after NIST SP 800-63B: a minimum length, a generous
//! maximum, no composition rules, and a refusal of passwords that are common,
//! leaked or tied to the account or the service.

/// The shortest password accepted (NIST asks for at least 8 with a second
/// factor and 15 without; Aman asks 12 of everyone and TOTP of the roles that
/// can see identities).
pub const MIN_CHARS: usize = 12;
/// Long passphrases are welcome; this only bounds the work of hashing.
pub const MAX_CHARS: usize = 256;

const COMMON: &str = include_str!("../../../data/passwords/common-passwords.txt");

/// Why a password is refused; `code()` is the stable error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordProblem {
    TooShort,
    TooLong,
    /// On the list of common and leaked passwords, perhaps with digits or
    /// punctuation added, or one character or a short run repeated.
    Common,
    /// Contains the account's email name or the service's name.
    ContextWord,
}

impl PasswordProblem {
    pub fn code(self) -> &'static str {
        match self {
            PasswordProblem::TooShort => "password_too_short",
            PasswordProblem::TooLong => "password_too_long",
            PasswordProblem::Common => "password_common",
            PasswordProblem::ContextWord => "password_context_word",
        }
    }

    /// An English explanation, for the command line.
    pub fn explain(self) -> String {
        match self {
            PasswordProblem::TooShort => format!("the password must have at least {MIN_CHARS} characters"),
            PasswordProblem::TooLong => format!("the password may have at most {MAX_CHARS} characters"),
            PasswordProblem::Common => "the password is on the list of common or leaked passwords".to_owned(),
            PasswordProblem::ContextWord => "the password contains the account's name or the service's name".to_owned(),
        }
    }
}

fn common_passwords() -> &'static std::collections::HashSet<&'static str> {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| COMMON.lines().filter(|l| !l.is_empty()).collect())
}

/// The shortest unit that, repeated, makes up `s` ("abcabcabc" → "abc").
fn repeated_unit(s: &str) -> &str {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for len in 1..=chars.len() / 2 {
        if chars.len().is_multiple_of(len) && (len..chars.len()).all(|i| chars[i].1 == chars[i % len].1) {
            return &s[..chars[len].0];
        }
    }
    s
}

/// Checks a new password for the account with this email.
pub fn check(password: &str, email: &str) -> Result<(), PasswordProblem> {
    let length = password.chars().count();
    if length < MIN_CHARS {
        return Err(PasswordProblem::TooShort);
    }
    if length > MAX_CHARS {
        return Err(PasswordProblem::TooLong);
    }
    let lower = password.to_lowercase();
    let common = common_passwords();
    let stem = lower.trim_end_matches(|c: char| c.is_ascii_digit() || c.is_ascii_punctuation() || c == ' ');
    let unit = repeated_unit(&lower);
    if common.contains(lower.as_str())
        || common.contains(stem)
        || common.contains(unit)
        || unit.chars().count() <= 3
        || stem.chars().count() <= 3
    {
        return Err(PasswordProblem::Common);
    }
    let name = email.split('@').next().unwrap_or_default().to_lowercase();
    let context = ["aman", "أمان", "امان"].into_iter().chain((name.chars().count() >= 4).then_some(name.as_str()));
    if context.into_iter().any(|word| lower.contains(word)) {
        return Err(PasswordProblem::ContextWord);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_long_uncommon_passwords_without_composition_rules() {
        for password in ["correct horse battery staple", "نخلة البصرة على شط العرب", "mmmmmmmm-plumtree-42"]
        {
            assert_eq!(check(password, "sara@basra.example"), Ok(()), "{password}");
        }
    }

    #[test]
    fn refuses_short_and_absurdly_long_passwords() {
        assert_eq!(check("short pass", "a@b"), Err(PasswordProblem::TooShort));
        assert_eq!(check(&"x7".repeat(200), "a@b"), Err(PasswordProblem::TooLong));
    }

    #[test]
    fn refuses_common_passwords_and_their_obvious_variants() {
        for password in [
            "password1234",
            "Password!!!!",
            "qwertyuiop123",
            "123456789012",
            "aaaaaaaaaaaaaa",
            "abcabcabcabc",
            "iloveyou2024!",
        ] {
            assert_eq!(check(password, "sara@basra.example"), Err(PasswordProblem::Common), "{password}");
        }
    }

    #[test]
    fn refuses_the_account_name_and_the_service_name() {
        assert_eq!(check("sara.karim lives here", "sara.karim@basra.example"), Err(PasswordProblem::ContextWord));
        assert_eq!(check("my aman login is great", "x@y"), Err(PasswordProblem::ContextWord));
    }

    #[test]
    fn the_list_is_the_shipped_one() {
        assert_eq!(common_passwords().len(), 30_000);
        assert!(common_passwords().contains("dragon"));
    }
}
