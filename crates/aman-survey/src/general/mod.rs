//! The general Taylor-linearisation path: means, proportions, totals,
//! ratios and quantiles, with design effects, under any design (finite
//! population corrections, two stages), one domain at a time.
//!
//! Each estimator gives a point estimate and a linearised variable z (one
//! value per respondent of the domain with a value); its variance is the
//! design variance of the total of z ([`crate::variance`]):
//!
//! * total (`svytotal`): T̂ = Σ wᵢyᵢ, zᵢ = wᵢyᵢ;
//! * mean or proportion (`svymean`): ȳ = Σ wᵢyᵢ / Σ wᵢ, zᵢ = wᵢ(yᵢ − ȳ)/Σ wᵢ;
//! * ratio (`svyratio`): R̂ = Σ wᵢyᵢ / Σ wᵢxᵢ, zᵢ = wᵢ(yᵢ − R̂xᵢ)/Σ wᵢxᵢ,
//!   over respondents with both values;
//! * quantile (`svyquantile`): see [`quantile`].
//!
//! Design effects are those of `svymean(..., deff = TRUE)`,
//! `svytotal(..., deff = TRUE)` and `svyratio(..., deff = TRUE)` (the
//! total's of the ratio's linearised variable): the design variance over the variance under
//! simple random sampling without replacement of the same number of
//! respondents n from a population of N̂ = Σ wᵢ,
//! V_srs(ȳ) = s²/n · (1 − n/N̂) with s² = n/(n − 1) · Σ wᵢ(yᵢ − ȳ)²/Σ wᵢ,
//! and V_srs(T̂) = N̂² V_srs(ȳ); n counts respondents of non-zero weight
//! (NA when N̂ < n, i.e. weights not scaled to the population).

mod quantile;

use crate::design::Design;
use crate::domain::Domains;
use crate::error::SurveyError;
use crate::options::{DomainDf, Estimate, Options, Values, logit_ci};
use crate::tdist::qt;
use crate::variance::{LonelyStratum, variance};

/// What to estimate on the general path.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Estimand<'a> {
    /// Weighted mean; CI estimate ± t·SE.
    Mean,
    /// Proportion of a 0/1 indicator; logit CI.
    Proportion,
    /// Population total Σ w·y; CI estimate ± t·SE.
    Total,
    /// Ratio of totals Σ w·y / Σ w·x with this `x` (NaN = missing).
    Ratio(&'a [f64]),
    /// Quantile at this probability in (0, 1), Woodruff interval.
    Quantile(f64),
}

/// An estimate and its design effect (`None` for quantiles, NaN when
/// undefined).
#[derive(Debug, Clone, PartialEq)]
pub struct Detailed {
    /// The estimate.
    pub estimate: Estimate,
    /// Design effect (`deff = TRUE` in R).
    pub deff: Option<f64>,
}

/// R's `degf()` of the design restricted to the respondents for which
/// `member` holds: PSUs minus strata holding one of them of non-zero weight.
pub(crate) fn subset_df(design: &Design, member: impl Fn(usize) -> bool) -> usize {
    let (mut psus, mut strata) = (0, 0);
    for h in 0..design.n_strata() {
        let before = psus;
        for j in design.stratum_psu[h]..design.stratum_psu[h + 1] {
            let range = design.psu_start[j]..design.psu_start[j + 1];
            let member = design.order[range.clone()]
                .iter()
                .zip(&design.sorted_weights[range])
                .any(|(&i, &w)| w != 0.0 && member(i as usize));
            psus += usize::from(member);
        }
        strata += usize::from(psus > before);
    }
    psus - strata
}

/// Point estimate, linearised variable and design effect's SRS variance of
/// one domain; `present[i]` says whether respondent i is in the domain with
/// the values needed.
struct Linearised {
    estimate: f64,
    z: Vec<f64>,
    srs_var: Option<f64>,
}

/// Σ w and Σ w·y over present respondents, and those of non-zero weight.
fn sums(design: &Design, y: &[f64], present: &[bool]) -> (f64, f64, usize) {
    let (mut sw, mut swy, mut nobs) = (0.0, 0.0, 0);
    for (i, _) in present.iter().enumerate().filter(|(_, p)| **p) {
        let w = design.weight(i);
        sw += w;
        swy += w * y[i];
        nobs += usize::from(w != 0.0);
    }
    (sw, swy, nobs)
}

/// R's `svyvar(x, design)/n · (1 − n/N̂)` with n = `nobs`, N̂ = `sw`.
fn srs_mean_variance(design: &Design, y: &[f64], present: &[bool], mean: f64, sw: f64, nobs: usize) -> f64 {
    if sw < nobs as f64 {
        return f64::NAN;
    }
    let mut ss = 0.0;
    for (i, _) in present.iter().enumerate().filter(|(_, p)| **p) {
        ss += design.weight(i) * (y[i] - mean) * (y[i] - mean);
    }
    let n = nobs as f64;
    let s2 = n / (n - 1.0) * ss / sw;
    s2 * (sw - n) / (sw * n)
}

fn linearise(design: &Design, y: &[f64], present: &[bool], what: Estimand<'_>) -> Linearised {
    let (sw, swy, nobs) = sums(design, y, present);
    let z_of = |f: &dyn Fn(usize, f64) -> f64| -> Vec<f64> {
        present.iter().enumerate().map(|(i, &p)| if p { f(i, design.weight(i)) } else { f64::NAN }).collect()
    };
    match what {
        Estimand::Mean | Estimand::Proportion => {
            let mean = swy / sw;
            Linearised {
                estimate: mean,
                z: z_of(&|i, w| w * (y[i] - mean) / sw),
                srs_var: Some(srs_mean_variance(design, y, present, mean, sw, nobs)),
            }
        }
        Estimand::Total => {
            let mean = swy / sw;
            let srs = srs_mean_variance(design, y, present, mean, sw, nobs) * sw * sw;
            Linearised { estimate: swy, z: z_of(&|i, w| w * y[i]), srs_var: Some(srs) }
        }
        Estimand::Ratio(x) => {
            let (_, swx, _) = sums(design, x, present);
            let ratio = swy / swx;
            // R: deff(svytotal(r, design)) with rᵢ = (yᵢ − R̂xᵢ)/Σ wx.
            let r: Vec<f64> =
                (0..y.len()).map(|i| if present[i] { (y[i] - ratio * x[i]) / swx } else { 0.0 }).collect();
            let (_, swr, _) = sums(design, &r, present);
            let srs = srs_mean_variance(design, &r, present, swr / sw, sw, nobs) * sw * sw;
            Linearised { estimate: ratio, z: z_of(&|i, w| w * r[i]), srs_var: Some(srs) }
        }
        // Quantiles are linearised in `quantile`; their deff is not R's.
        Estimand::Quantile(_) => Linearised { estimate: f64::NAN, z: Vec::new(), srs_var: None },
    }
}

/// Checks that the variable, the domain codes and a ratio's denominator hold
/// one value per respondent of a design of `respondents`; the denominator,
/// for a ratio.
pub(crate) fn checked_inputs<'a>(
    respondents: usize,
    y: &[f64],
    codes: &[u32],
    what: Estimand<'a>,
) -> Result<Option<&'a [f64]>, SurveyError> {
    let x = match what {
        Estimand::Ratio(x) => Some(x),
        _ => None,
    };
    let lengths = [("variable", y.len()), ("domains", codes.len())].into_iter();
    for (what, got) in lengths.chain(x.map(|x| ("ratio denominator", x.len()))) {
        if got != respondents {
            return Err(SurveyError::LengthMismatch { what, expected: respondents, got });
        }
    }
    Ok(x)
}

/// Estimates `what` of `y` (NaN = missing) in every domain, under any
/// design; estimates come in the order of `domains.labels()`.
///
/// Matches R's `svymean`/`svytotal`/`svyratio`/`svyquantile` on
/// `svyby(..., ~domain, design, ...)` with `na.rm = TRUE`, including the
/// design effect of means and totals ([`Detailed::deff`]).
pub fn estimate_general(
    design: &Design,
    y: &[f64],
    domains: &Domains,
    what: Estimand<'_>,
    opts: &Options,
) -> Result<Vec<Detailed>, SurveyError> {
    let codes = domains.codes();
    let ratio_x = checked_inputs(design.len(), y, codes, what)?;
    if let Estimand::Quantile(p) = what
        && !(p > 0.0 && p < 1.0)
    {
        return Err(SurveyError::BadProbability(p));
    }
    let full_df = subset_df(design, |_| true);
    let mut out = Vec::with_capacity(domains.len());
    for (g, label) in domains.labels().iter().enumerate() {
        let g = g as u32;
        let present: Vec<bool> = (0..design.len())
            .map(|i| codes[i] == g && !y[i].is_nan() && ratio_x.is_none_or(|x| !x[i].is_nan()))
            .collect();
        let n = present.iter().filter(|&&p| p).count();
        let df = match (what, opts.domain_df) {
            // svyquantile takes degf() after dropping missing values.
            (Estimand::Quantile(_), _) => subset_df(design, |i| present[i]),
            (_, DomainDf::Domain) => subset_df(design, |i| codes[i] == g),
            (_, DomainDf::FullDesign) => full_df,
        };
        let lonely = |LonelyStratum { stratum, stage }| {
            let stratum = design.stratum_label(stratum).to_string();
            let domain = Some(label.clone());
            if stage == 1 {
                SurveyError::LonelyPsu { stratum, domain }
            } else {
                SurveyError::LonelySsu { stratum, domain }
            }
        };
        if n < opts.min_n {
            out.push(Detailed { estimate: Estimate { n, df, values: None }, deff: None });
            continue;
        }
        let q = qt(0.5 + opts.level / 2.0, df as f64);
        let (values, deff) = match what {
            Estimand::Quantile(p) => {
                let v = quantile::quantile(design, y, &present, p, q, opts.lonely_psu).map_err(lonely)?;
                (v, None)
            }
            _ => {
                let lin = linearise(design, y, &present, what);
                let var = variance(design, &lin.z, opts.lonely_psu).map_err(lonely)?;
                let se = var.sqrt();
                let estimate = lin.estimate;
                let (ci_low, ci_high) = match what {
                    Estimand::Proportion => logit_ci(estimate, se, q),
                    _ => (estimate - q * se, estimate + q * se),
                };
                (Values { estimate, se, ci_low, ci_high }, lin.srs_var.map(|s| var / s))
            }
        };
        out.push(Detailed { estimate: Estimate { n, df, values: Some(values) }, deff });
    }
    Ok(out)
}
