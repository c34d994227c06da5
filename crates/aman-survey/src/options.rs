//! Options and results of estimation, shared by the Taylor-linearised
//! estimators and the replicate-weight ones.

use std::str::FromStr;

/// What to do with a stratum that has a single PSU, R's
/// `options(survey.lonely.psu = ...)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LonelyPsu {
    /// Error naming the stratum (R's default, `"fail"`).
    #[default]
    Fail,
    /// The stratum contributes nothing to the variance (`"remove"`).
    Remove,
    /// The PSU was sampled with certainty: contributes nothing (`"certainty"`;
    /// same numbers as `"remove"` for a one-stage design).
    Certainty,
    /// Centre the lonely PSU at the grand mean instead of its stratum mean
    /// (`"adjust"`): it contributes its squared linearised total.
    Adjust,
    /// Replace its contribution by the average of the other strata
    /// (`"average"`): variance × strata / strata-with-several-PSUs.
    Average,
}

impl FromStr for LonelyPsu {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "fail" => Ok(LonelyPsu::Fail),
            "remove" => Ok(LonelyPsu::Remove),
            "certainty" => Ok(LonelyPsu::Certainty),
            "adjust" => Ok(LonelyPsu::Adjust),
            "average" => Ok(LonelyPsu::Average),
            other => {
                Err(format!("unknown lonely-PSU rule {other:?} (expected fail, remove, certainty, adjust or average)"))
            }
        }
    }
}

/// Which degrees of freedom a domain estimate uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DomainDf {
    /// `degf()` of the design restricted to the domain: PSUs minus strata
    /// that contain a domain member. This is what
    /// `svyby(..., svyciprop)` uses (it calls `svyciprop` on
    /// `design[domain, ]`, whose default `df = degf(design)` is then the
    /// subset's).
    #[default]
    Domain,
    /// `degf()` of the whole design.
    FullDesign,
}

/// Which statistic to estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Statistic {
    /// Weighted mean; CI estimate ± t·SE.
    Mean,
    /// Weighted proportion of a 0/1 indicator; logit CI.
    Proportion,
}

/// Estimation options.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Lonely-PSU rule; default [`LonelyPsu::Fail`] as in R.
    pub lonely_psu: LonelyPsu,
    /// Estimates from fewer respondents than this are suppressed; default 30.
    pub min_n: usize,
    /// Confidence level; default 0.95.
    pub level: f64,
    /// Degrees of freedom of domain estimates; default [`DomainDf::Domain`].
    pub domain_df: DomainDf,
}

impl Default for Options {
    fn default() -> Self {
        Options { lonely_psu: LonelyPsu::Fail, min_n: 30, level: 0.95, domain_df: DomainDf::Domain }
    }
}

/// The numbers of an estimate that is not suppressed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Values {
    /// Weighted mean or proportion.
    pub estimate: f64,
    /// Linearisation standard error.
    pub se: f64,
    /// Lower confidence limit.
    pub ci_low: f64,
    /// Upper confidence limit.
    pub ci_high: f64,
}

/// One estimate (overall or for one domain).
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    /// Respondents in the domain with a non-missing value.
    pub n: usize,
    /// Design degrees of freedom used for the CI.
    pub df: usize,
    /// `None` when suppressed (`n < min_n`).
    pub values: Option<Values>,
}

impl Estimate {
    /// Whether the values were withheld because `n < min_n`.
    pub fn is_suppressed(&self) -> bool {
        self.values.is_none()
    }
}

/// `expit(logit(p) ± q·se/(p(1−p)))`: the Wald interval of the intercept of
/// a quasibinomial `svyglm`, whose SE is the delta-method SE of logit(p̂).
/// NaN when p̂ is 0 or 1 (R's glm does not converge there either).
pub(crate) fn logit_ci(p: f64, se: f64, q: f64) -> (f64, f64) {
    if !(p > 0.0 && p < 1.0) {
        return (f64::NAN, f64::NAN);
    }
    let centre = (p / (1.0 - p)).ln();
    let half = q * se / (p * (1.0 - p));
    let expit = |x: f64| 1.0 / (1.0 + (-x).exp());
    (expit(centre - half), expit(centre + half))
}
