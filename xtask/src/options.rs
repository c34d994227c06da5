//! A minimal `--name value` option parser for the xtask commands.
//!
//! Options are collected first, then each command takes the ones it knows;
//! [`Options::finish`] refuses whatever is left, so a typo is an error rather
//! than a silently ignored flag.

use std::fmt;
use std::str::FromStr;

/// A mistake on the command line; `main` answers it with the usage text.
#[derive(Debug)]
pub struct UsageError(String);

impl UsageError {
    pub fn new(message: impl Into<String>) -> UsageError {
        UsageError(message.into())
    }
}

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// The `--name value` (or `--name=value`) pairs that followed a command.
#[derive(Debug)]
pub struct Options {
    pairs: Vec<(String, String)>,
}

impl Options {
    pub fn parse(args: impl IntoIterator<Item = String>) -> anyhow::Result<Options> {
        let mut pairs = Vec::new();
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let Some(flag) = arg.strip_prefix("--") else {
                return Err(UsageError::new(format!("unexpected argument `{arg}`")).into());
            };
            let (name, value) = match flag.split_once('=') {
                Some((name, value)) => (name.to_owned(), value.to_owned()),
                None => {
                    let value = args.next().ok_or_else(|| UsageError::new(format!("`--{flag}` needs a value")))?;
                    (flag.to_owned(), value)
                }
            };
            if pairs.iter().any(|(seen, _)| *seen == name) {
                return Err(UsageError::new(format!("`--{name}` given twice")).into());
            }
            pairs.push((name, value));
        }
        Ok(Options { pairs })
    }

    /// Removes and parses the option `--name`, if it was given.
    pub fn take<T: FromStr>(&mut self, name: &str) -> anyhow::Result<Option<T>> {
        let Some(position) = self.pairs.iter().position(|(seen, _)| seen == name) else {
            return Ok(None);
        };
        let (_, value) = self.pairs.remove(position);
        match value.parse() {
            Ok(parsed) => Ok(Some(parsed)),
            Err(_) => Err(UsageError::new(format!("bad value `{value}` for `--{name}`")).into()),
        }
    }

    /// Removes `--name` and parses it as a comma-separated list.
    pub fn take_list<T: FromStr>(&mut self, name: &str) -> anyhow::Result<Option<Vec<T>>> {
        let Some(text) = self.take::<String>(name)? else {
            return Ok(None);
        };
        text.split(',')
            .map(|item| {
                item.trim()
                    .parse()
                    .map_err(|_| UsageError::new(format!("bad item `{item}` in `--{name} {text}`")).into())
            })
            .collect::<anyhow::Result<Vec<T>>>()
            .map(Some)
    }

    /// Fails if any option was not taken by the command.
    pub fn finish(self) -> anyhow::Result<()> {
        match self.pairs.first() {
            None => Ok(()),
            Some((name, _)) => Err(UsageError::new(format!("unknown option `--{name}`")).into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(args: &[&str]) -> anyhow::Result<Options> {
        Options::parse(args.iter().map(|a| a.to_string()))
    }

    #[test]
    fn takes_both_spellings_and_lists() -> anyhow::Result<()> {
        let mut parsed = options(&["--points", "10", "--connections=64,256"])?;
        assert_eq!(parsed.take::<usize>("points")?, Some(10));
        assert_eq!(parsed.take_list::<usize>("connections")?, Some(vec![64, 256]));
        assert_eq!(parsed.take::<usize>("seconds")?, None);
        parsed.finish()
    }

    #[test]
    fn refuses_mistakes_as_usage_errors() -> anyhow::Result<()> {
        let is_usage = |result: anyhow::Result<()>| matches!(result, Err(e) if e.is::<UsageError>());
        assert!(is_usage(options(&["stray"]).map(drop)));
        assert!(is_usage(options(&["--points"]).map(drop)));
        assert!(is_usage(options(&["--a", "1", "--a", "2"]).map(drop)));
        assert!(is_usage(options(&["--points", "many"])?.take::<usize>("points").map(drop)));
        assert!(is_usage(options(&["--typo", "1"])?.finish()));
        Ok(())
    }
}
