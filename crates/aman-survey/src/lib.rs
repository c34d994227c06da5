//! Design-based estimation for perception surveys ("do you feel safe walking
//! at night?"), matching R's `survey` package (4.1-1). Pure computation: no
//! IO; the CSV front end takes and returns strings. The [`xlsform`] module
//! reads XLSForm survey definitions and validates answers against them; the
//! [`index`] module builds the Community Security Index (OECD/JRC composite
//! indicator with Monte Carlo rank intervals); [`kirkuk`] reads the real
//! Kirkuk inter-group trust poll into respondent rows.
//!
//! # Design
//! A one-stage stratified cluster design, R's
//! `svydesign(ids = ~psu, strata = ~stratum, weights = ~w, nest = TRUE)`:
//! respondent *i* has weight wᵢ (default 1), stratum *h* (default one
//! stratum) and PSU *j* nested in the stratum (default: each respondent is
//! its own PSU, `ids = ~1`). PSUs are treated as sampled with replacement
//! (no finite-population correction), the "ultimate cluster" approximation.
//! See [`Design`].
//!
//! # Estimator
//! The mean of *y* over a domain *D* (a proportion is the mean of a 0/1
//! indicator) is the ratio  ȳ = Σ_{i∈D} wᵢyᵢ / Σ_{i∈D} wᵢ.
//! Respondents whose *y* is missing (NaN) are left out of *D*, as
//! `svymean(..., na.rm = TRUE)` does.
//!
//! # Variance (Taylor linearisation)
//! The linearised variable is zᵢ = wᵢ(yᵢ − ȳ)/Σ_{D} w for i ∈ D and 0
//! outside. With z_hj the total of z over PSU *j* of stratum *h*, n_h the
//! number of PSUs of stratum *h* in the whole design and z̄_h = Σ_j z_hj / n_h,
//!
//! > V(ȳ) = Σ_h n_h/(n_h − 1) · Σ_j (z_hj − z̄_h)²,
//!
//! R's `svyrecvar`/`onestrat` (Wolter 2007, ch. 6; Lumley 2010, §2.2 and
//! app. C). All domains are estimated in two passes over the respondents
//! (PSU totals per domain, then per-stratum sums of squares with the PSUs
//! without domain members added in as zeros), see [`estimate_domains`].
//!
//! # Lonely PSUs
//! A stratum with one PSU has no variance estimate. [`LonelyPsu`] follows
//! `options(survey.lonely.psu = ...)`: `Fail` (R's default) is an error
//! naming the stratum; `Remove` and `Certainty` make it contribute 0 (the
//! same for a one-stage design); `Adjust` centres its PSU total at the grand
//! mean, i.e. contributes z_h1² (z sums to 0 overall); `Average` multiplies
//! the variance by (strata)/(strata with several PSUs), counting strata with
//! a respondent in the domain. As in R (with the default
//! `survey.adjust.domain.lonely = FALSE`) a stratum is lonely only if it has
//! one PSU in the whole design, and it matters only for domains with a
//! respondent (with a value) in it.
//!
//! # Domains
//! A domain estimate is not an estimate on the subset of the data: the
//! design stays whole, zᵢ = 0 outside the domain and n_h counts every PSU of
//! the stratum, as `svyby(~y, ~domain, design, svymean)` and
//! `subset.survey.design` do (Lumley 2010, §2.3). [`estimate_domains`]
//! computes any number of domains at once.
//!
//! # Degrees of freedom and confidence intervals
//! df = (number of PSUs) − (number of strata), R's `degf(design)`, counting
//! PSUs and strata holding a respondent of non-zero weight. For a domain, R's
//! `svyby(..., svyciprop)` calls `svyciprop` on `design[domain, ]` whose
//! default `df = degf(design)` is then the **domain's**: PSUs and strata
//! with a domain member (whether or not their value is missing). The
//! fixtures confirm this; it is the default ([`DomainDf::Domain`]),
//! [`DomainDf::FullDesign`] uses the whole design's df instead.
//!
//! * Mean: ȳ ± t_{df, 0.975}·SE, as `confint(svymean(...), df = degf(...))`.
//! * Proportion: the logit interval of
//!   `svyciprop(~I(v == x), design, method = "logit")`, which fits a
//!   quasibinomial `svyglm` and takes a Wald interval for its intercept:
//!   expit(logit p̂ ± t_{df, 0.975}·SE(p̂)/(p̂(1 − p̂))) — the SE of the
//!   intercept is the delta-method SE of logit p̂ (Korn & Graubard 1998;
//!   Lumley 2010, §2.4). R stops the glm at a relative deviance change of
//!   1e-8, so its numbers differ from the converged ones by up to ~1e-9;
//!   this crate returns the converged ones. No interval when p̂ is 0 or 1.
//!
//! Student-t quantiles use `statrs`, polished to R's `qt` (see [`qt`]).
//!
//! # Suppression
//! An estimate from fewer than [`Options::min_n`] respondents (default 30)
//! is returned with its values withheld ([`Estimate::values`] is `None`).
//!
//! # References
//! * Lumley, T. (2010). *Complex Surveys: A Guide to Analysis Using R*. Wiley.
//! * Wolter, K. M. (2007). *Introduction to Variance Estimation*, 2nd ed. Springer.
//! * Korn, E. L. & Graubard, B. I. (1998). Confidence intervals for
//!   proportions with small expected number of positive counts estimated
//!   from survey data. *Survey Methodology* 24(2), 193–201.

mod csv;
mod design;
mod domain;
mod error;
mod estimate;
mod general;
pub mod index;
pub mod kirkuk;
mod lines;
mod options;
#[cfg(test)]
mod r_designs_tests;
mod replicate;
mod stages;
mod tdist;
mod variance;
pub mod xlsform;

pub use crate::csv::{CsvError, EstimateArgs, MAX_INPUT_BYTES, estimate_csv};
pub use design::{Design, DesignBuilder};
pub use domain::{Domains, NO_DOMAIN};
pub use error::SurveyError;
pub use estimate::{estimate_domains, mean, mean_by, proportion, proportion_by};
pub use general::{Detailed, Estimand, estimate_general};
pub use options::{DomainDf, Estimate, LonelyPsu, Options, Statistic, Values};
pub use replicate::{RepType, ReplicateDesign, estimate_replicate};
pub use tdist::qt;
