//! What can be wrong with an index configuration or its data.

/// Errors in a configuration or in the data given to `compute_index`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum IndexError {
    #[error("index configuration: {0}")]
    Config(String),
    #[error("indicator `{0}` is not in the index configuration")]
    UnknownIndicator(String),
    #[error("indicator `{indicator}` is a {expected} indicator, but area {area} ({period}) gives a {got} value")]
    KindMismatch { indicator: String, area: String, period: String, expected: &'static str, got: &'static str },
    #[error("indicator `{indicator}` is given twice for area {area} ({period})")]
    Duplicate { indicator: String, area: String, period: String },
    #[error("indicator `{indicator}`, area {area} ({period}): {problem}")]
    BadValue { indicator: String, area: String, period: String, problem: &'static str },
}
