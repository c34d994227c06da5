//! Domains (subpopulations) to estimate for, R's `svyby(..., ~domain, ...)`.

use std::collections::HashMap;

use crate::SurveyError;

/// Code of a respondent who belongs to no domain.
pub const NO_DOMAIN: u32 = u32::MAX;

/// Assignment of respondents to domains: one code per respondent (an index
/// into the labels, or [`NO_DOMAIN`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Domains {
    codes: Vec<u32>,
    labels: Vec<String>,
}

impl Domains {
    /// One domain, labelled `all`, holding all `n` respondents.
    pub fn whole(n: usize) -> Self {
        Domains { codes: vec![0; n], labels: vec!["all".to_string()] }
    }

    /// Domains from one label per respondent; `None` belongs to no domain
    /// (R's `svyby` drops an `NA` group). Labels are sorted (byte order).
    pub fn from_labels<'a, I>(labels: I) -> Self
    where
        I: IntoIterator<Item = Option<&'a str>>,
    {
        let mut map: HashMap<&str, u32> = HashMap::new();
        let mut uniques: Vec<&str> = Vec::new();
        let mut codes: Vec<u32> = labels
            .into_iter()
            .map(|label| match label {
                None => NO_DOMAIN,
                Some(s) => *map.entry(s).or_insert_with(|| {
                    uniques.push(s);
                    (uniques.len() - 1) as u32
                }),
            })
            .collect();
        let mut sorted: Vec<u32> = (0..uniques.len() as u32).collect();
        sorted.sort_by_key(|&c| uniques[c as usize]);
        let mut rank = vec![0u32; uniques.len()];
        for (r, &c) in sorted.iter().enumerate() {
            rank[c as usize] = r as u32;
        }
        for code in &mut codes {
            if *code != NO_DOMAIN {
                *code = rank[*code as usize];
            }
        }
        let labels = sorted.iter().map(|&c| uniques[c as usize].to_string()).collect();
        Domains { codes, labels }
    }

    /// Domains from codes already computed (`codes[i] < labels.len()` or
    /// [`NO_DOMAIN`]).
    pub fn from_codes(codes: Vec<u32>, labels: Vec<String>) -> Result<Self, SurveyError> {
        if let Some(row) = codes.iter().position(|&c| c != NO_DOMAIN && c as usize >= labels.len()) {
            return Err(SurveyError::BadDomainCode { row, code: codes[row], n_domains: labels.len() });
        }
        Ok(Domains { codes, labels })
    }

    /// Domain code of each respondent.
    pub fn codes(&self) -> &[u32] {
        &self.codes
    }

    /// Domain labels, indexed by code.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Number of domains.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Whether there are no domains.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }
}
