//! Replicate-weight designs, R's `svrepdesign(..., combined.weights = TRUE)`
//! as `as.svrepdesign()` builds them: jackknife (JK1, JKn), balanced
//! repeated replication (BRR), Fay's BRR and the bootstrap.
//!
//! An estimate θ̂ uses the full-sample weights; θ̂_r the same formula with
//! the analysis weights of replicate r (replicates giving NaN, e.g. a domain
//! with no weight in a replicate, are dropped as R's `svrVar` does). The
//! variance is
//!
//! > V(θ̂) = c · Σ_r c_r (θ̂_r − θ̄)²,  θ̄ = the mean of the θ̂_r,
//!
//! (`survey.replicates.mse = FALSE`, R's default) with the scale c and
//! per-replicate scales c_r of [`RepType`] (Wolter 2007, ch. 3–5; Lumley
//! 2010, §2.5). Proportions take their logit interval from the replicates
//! of logit θ̂, as `svyciprop(method = "logit")` does through `svyglm`.
//! The degrees of freedom are R's `degf()`: the rank of the matrix of
//! analysis weights (rows of the domain) minus 1.

use std::str::FromStr;

use crate::domain::Domains;
use crate::error::SurveyError;
use crate::general::{Detailed, Estimand, checked_inputs};
use crate::options::{DomainDf, Estimate, Options, Values};
use crate::tdist::qt;

/// How the replicate weights were made, which fixes the scales.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RepType {
    /// Delete-one-PSU jackknife, unstratified: c = (R − 1)/R, c_r = 1.
    Jk1,
    /// Stratified jackknife: c = 1, c_r = (n_h − 1)/n_h for the stratum h
    /// whose PSU replicate r deletes — read off the weights, as the ratio
    /// full/replicate weight of the stratum's remaining respondents
    /// (n_h/(n_h − 1) in R's `jknweights`).
    Jkn,
    /// Balanced repeated replication: c = 1/R.
    Brr,
    /// Fay's BRR with factor ρ: c = 1/(R(1 − ρ)²).
    Fay,
    /// Bootstrap: c = 1/(R − 1) (R's `svrepdesign` default; pass the scale
    /// of `as.svrepdesign`, which depends on the PSUs per stratum).
    Bootstrap,
}

impl FromStr for RepType {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "jk1" => Ok(RepType::Jk1),
            "jkn" => Ok(RepType::Jkn),
            "brr" => Ok(RepType::Brr),
            "fay" => Ok(RepType::Fay),
            "bootstrap" => Ok(RepType::Bootstrap),
            other => Err(format!("unknown replicate type {other:?} (expected jk1, jkn, brr, fay or bootstrap)")),
        }
    }
}

/// A design given by full-sample and replicate analysis weights.
#[derive(Debug, Clone)]
pub struct ReplicateDesign {
    weights: Vec<f64>,
    /// One vector of n analysis weights per replicate.
    replicates: Vec<Vec<f64>>,
    scale: f64,
    rscales: Vec<f64>,
}

/// c_r of a JKn replicate: full/replicate weight where both are non-zero
/// and differ (the deleted PSU's stratum), checked to be one value.
fn jkn_rscale(weights: &[f64], replicate: &[f64], r: usize) -> Result<f64, SurveyError> {
    let mut ratio: Option<f64> = None;
    for (&w, &wr) in weights.iter().zip(replicate) {
        if w == 0.0 || wr == 0.0 || (w - wr).abs() <= 1e-12 * w.abs() {
            continue;
        }
        let q = w / wr;
        match ratio {
            None => ratio = Some(q),
            Some(prev) if (prev - q).abs() > 1e-9 * prev.abs() => {
                return Err(SurveyError::BadReplicates(format!(
                    "replicate {} rescales respondents by different factors ({} and {}): not a JKn replicate",
                    r + 1,
                    1.0 / prev,
                    1.0 / q
                )));
            }
            Some(_) => {}
        }
    }
    ratio.ok_or_else(|| {
        SurveyError::BadReplicates(format!("replicate {} rescales no respondent: not a JKn replicate", r + 1))
    })
}

impl ReplicateDesign {
    /// Checks the weights and sets the scales of `rep_type`; `rho` is
    /// Fay's factor (required for [`RepType::Fay`] only), `scale` overrides
    /// the default c (not allowed for BRR and Fay, whose c R fixes).
    pub fn new(
        weights: Vec<f64>,
        replicates: Vec<Vec<f64>>,
        rep_type: RepType,
        rho: Option<f64>,
        scale: Option<f64>,
    ) -> Result<Self, SurveyError> {
        let n = weights.len();
        let r = replicates.len();
        if r < 2 {
            return Err(SurveyError::BadReplicates(format!("{r} replicate weight columns; at least 2 are needed")));
        }
        for rep in &replicates {
            if rep.len() != n {
                return Err(SurveyError::LengthMismatch { what: "replicate weights", expected: n, got: rep.len() });
            }
        }
        for (row, &w) in weights.iter().enumerate().chain(replicates.iter().flatten().enumerate()) {
            if !(w.is_finite() && w >= 0.0) {
                return Err(SurveyError::BadWeight { row: row % n.max(1), value: w });
            }
        }
        if rho.is_some() != (rep_type == RepType::Fay) {
            return Err(SurveyError::BadReplicates("rho is given with, and only with, Fay's BRR".to_string()));
        }
        if scale.is_some() && matches!(rep_type, RepType::Brr | RepType::Fay) {
            return Err(SurveyError::BadReplicates("BRR and Fay have a fixed scale; do not give one".to_string()));
        }
        if let Some(c) = scale
            && !(c.is_finite() && c > 0.0)
        {
            return Err(SurveyError::BadReplicates(format!("scale {c} is not a positive number")));
        }
        let rf = r as f64;
        let (default, rscales) = match rep_type {
            RepType::Jk1 => ((rf - 1.0) / rf, vec![1.0; r]),
            RepType::Jkn => {
                let rscales = replicates
                    .iter()
                    .enumerate()
                    .map(|(k, rep)| jkn_rscale(&weights, rep, k))
                    .collect::<Result<Vec<_>, _>>()?;
                (1.0, rscales)
            }
            RepType::Brr => (1.0 / rf, vec![1.0; r]),
            RepType::Fay => {
                let rho = rho.unwrap_or(f64::NAN);
                if !(rho > 0.0 && rho < 1.0) {
                    return Err(SurveyError::BadReplicates(format!("Fay's rho {rho} is not in (0, 1)")));
                }
                (1.0 / (rf * (1.0 - rho) * (1.0 - rho)), vec![1.0; r])
            }
            RepType::Bootstrap => (1.0 / (rf - 1.0), vec![1.0; r]),
        };
        Ok(ReplicateDesign { weights, replicates, scale: scale.unwrap_or(default), rscales })
    }

    /// Number of respondents.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// Whether there are no respondents.
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// Number of replicates R.
    pub fn n_replicates(&self) -> usize {
        self.replicates.len()
    }

    /// The overall scale c.
    pub fn scale(&self) -> f64 {
        self.scale
    }

    /// The per-replicate scales c_r.
    pub fn rscales(&self) -> &[f64] {
        &self.rscales
    }

    /// R's `degf()` of the design restricted to the rows `member`: the rank
    /// of their replicate analysis weights (a column counts when
    /// Gram–Schmidt leaves more than 1e-5 of its norm, the tolerance R's
    /// `qr` is given) minus 1.
    pub fn degf(&self, member: impl Fn(usize) -> bool) -> usize {
        let rows: Vec<usize> = (0..self.len()).filter(|&i| member(i)).collect();
        let mut basis: Vec<Vec<f64>> = Vec::new();
        for column in &self.replicates {
            let mut v: Vec<f64> = rows.iter().map(|&i| column[i]).collect();
            let norm0 = v.iter().map(|x| x * x).sum::<f64>().sqrt();
            // Gram–Schmidt, twice for stability.
            for _ in 0..2 {
                for b in &basis {
                    let dot: f64 = v.iter().zip(b).map(|(x, y)| x * y).sum();
                    v.iter_mut().zip(b).for_each(|(x, y)| *x -= dot * y);
                }
            }
            let norm = v.iter().map(|x| x * x).sum::<f64>().sqrt();
            if norm0 > 0.0 && norm > 1e-5 * norm0 {
                v.iter_mut().for_each(|x| *x /= norm);
                basis.push(v);
            }
        }
        basis.len().saturating_sub(1)
    }

    /// c · Σ c_r (θ_r − θ̄)² over the replicates whose θ_r is not NaN.
    fn variance(&self, thetas: &[f64]) -> f64 {
        let kept: Vec<(f64, f64)> =
            thetas.iter().zip(&self.rscales).filter(|(t, _)| !t.is_nan()).map(|(&t, &c)| (t, c)).collect();
        let positive: Vec<f64> = kept.iter().filter(|(_, c)| *c > 0.0).map(|(t, _)| *t).collect();
        let mean = positive.iter().sum::<f64>() / positive.len() as f64;
        self.scale * kept.iter().map(|(t, c)| c * (t - mean) * (t - mean)).sum::<f64>()
    }
}

/// Σ w, Σ w·y, Σ w·x over the present rows.
fn point(weights: &[f64], y: &[f64], x: Option<&[f64]>, present: &[usize], what: Estimand<'_>) -> f64 {
    let (mut sw, mut swy, mut swx) = (0.0, 0.0, 0.0);
    for &i in present {
        sw += weights[i];
        swy += weights[i] * y[i];
        if let Some(x) = x {
            swx += weights[i] * x[i];
        }
    }
    match what {
        Estimand::Total => swy,
        Estimand::Ratio(_) => swy / swx,
        _ => swy / sw,
    }
}

/// Estimates `what` of `y` (NaN = missing) in every domain with replicate
/// weights: `svymean`, `svytotal`, `svyratio` and `svyciprop(method =
/// "logit")` on an `svyrep.design`, with `svyby` for domains. Quantiles are
/// not offered (R's replicate quantiles follow other rules).
pub fn estimate_replicate(
    design: &ReplicateDesign,
    y: &[f64],
    domains: &Domains,
    what: Estimand<'_>,
    opts: &Options,
) -> Result<Vec<Detailed>, SurveyError> {
    let codes = domains.codes();
    if let Estimand::Quantile(_) = what {
        return Err(SurveyError::Unsupported("quantiles with replicate weights"));
    }
    let x = checked_inputs(design.len(), y, codes, what)?;
    let full_df = design.degf(|_| true);
    let mut out = Vec::with_capacity(domains.len());
    for g in 0..domains.len() as u32 {
        let present: Vec<usize> = (0..design.len())
            .filter(|&i| codes[i] == g && !y[i].is_nan() && x.is_none_or(|x| !x[i].is_nan()))
            .collect();
        let n = present.len();
        let df = match opts.domain_df {
            DomainDf::Domain => design.degf(|i| codes[i] == g),
            DomainDf::FullDesign => full_df,
        };
        if n < opts.min_n {
            out.push(Detailed { estimate: Estimate { n, df, values: None }, deff: None });
            continue;
        }
        let estimate = point(&design.weights, y, x, &present, what);
        let thetas: Vec<f64> = design.replicates.iter().map(|w| point(w, y, x, &present, what)).collect();
        let se = design.variance(&thetas).sqrt();
        let q = qt(0.5 + opts.level / 2.0, df as f64);
        let (ci_low, ci_high) = match what {
            Estimand::Proportion if estimate > 0.0 && estimate < 1.0 => {
                let logit = |p: f64| (p / (1.0 - p)).ln();
                let logits: Vec<f64> = thetas.iter().map(|&p| logit(p)).collect();
                let se_logit = design.variance(&logits).sqrt();
                let expit = |t: f64| 1.0 / (1.0 + (-t).exp());
                (expit(logit(estimate) - q * se_logit), expit(logit(estimate) + q * se_logit))
            }
            Estimand::Proportion => (f64::NAN, f64::NAN),
            _ => (estimate - q * se, estimate + q * se),
        };
        let deff = srs_variance(design, y, &present, what).map(|v| se * se / v);
        out.push(Detailed {
            estimate: Estimate { n, df, values: Some(Values { estimate, se, ci_low, ci_high }) },
            deff,
        });
    }
    Ok(out)
}

/// The SRS variance of R's `deff = TRUE` for replicate designs: s²/n ·
/// (1 − n/N̂) with n the respondents with a value (of any weight), N̂ = Σ w,
/// times N̂² for totals; `None` for ratios (R gives none).
fn srs_variance(design: &ReplicateDesign, y: &[f64], present: &[usize], what: Estimand<'_>) -> Option<f64> {
    if matches!(what, Estimand::Ratio(_) | Estimand::Quantile(_)) {
        return None;
    }
    let w = &design.weights;
    let sw: f64 = present.iter().map(|&i| w[i]).sum();
    let mean = present.iter().map(|&i| w[i] * y[i]).sum::<f64>() / sw;
    let ss: f64 = present.iter().map(|&i| w[i] * (y[i] - mean) * (y[i] - mean)).sum();
    let n = present.len() as f64;
    let s2 = n / (n - 1.0) * ss / sw;
    let v = s2 / n * (sw - n) / sw;
    Some(if what == Estimand::Total { v * sw * sw } else { v })
}
