//! Weighted means and proportions with Taylor-linearised standard errors,
//! for any number of domains at once (R's `svymean`, `svyby`, `svyciprop`).

use crate::general::{Estimand, estimate_general};
use crate::options::{DomainDf, Estimate, LonelyPsu, Options, Statistic, Values, logit_ci};
use crate::tdist::qt;
use crate::{Design, Domains, NO_DOMAIN, SurveyError};

/// Weighted mean of `y` over all respondents (NaN = missing, dropped as
/// `svymean(~y, design, na.rm = TRUE)`).
pub fn mean(design: &Design, y: &[f64], opts: &Options) -> Result<Estimate, SurveyError> {
    let mut all = estimate_domains(design, y, &Domains::whole(y.len()), Statistic::Mean, opts)?;
    Ok(all.remove(0))
}

/// Weighted proportion of a 0/1 indicator (NaN = missing), with logit CI
/// (`svyciprop(~I(v == x), design, method = "logit", na.rm = TRUE)`).
pub fn proportion(design: &Design, indicator: &[f64], opts: &Options) -> Result<Estimate, SurveyError> {
    let whole = Domains::whole(indicator.len());
    let mut all = estimate_domains(design, indicator, &whole, Statistic::Proportion, opts)?;
    Ok(all.remove(0))
}

/// Weighted mean of `y` in every domain
/// (`svyby(~y, ~domain, design, svymean, na.rm = TRUE)`).
pub fn mean_by(design: &Design, y: &[f64], domains: &Domains, opts: &Options) -> Result<Vec<Estimate>, SurveyError> {
    estimate_domains(design, y, domains, Statistic::Mean, opts)
}

/// Weighted proportion in every domain (`svyby(~I(v == x), ~domain, design,
/// svyciprop, method = "logit", na.rm = TRUE)`).
pub fn proportion_by(
    design: &Design,
    indicator: &[f64],
    domains: &Domains,
    opts: &Options,
) -> Result<Vec<Estimate>, SurveyError> {
    estimate_domains(design, indicator, domains, Statistic::Proportion, opts)
}

/// Per-domain running totals.
#[derive(Debug, Clone, Copy, Default)]
struct Acc {
    /// Σ w·y and Σ w over respondents with a value.
    wy: f64,
    w: f64,
    n: usize,
    var: f64,
    /// Strata with a respondent with a value, and those of them lonely
    /// under the "average" rule.
    strata: usize,
    lonely: usize,
    /// For df: PSUs and strata with a domain member of non-zero weight.
    df_psu: usize,
    df_strata: usize,
}

/// Per-PSU / per-stratum scratch for one domain.
#[derive(Debug, Clone, Copy, Default)]
struct Scratch {
    wy: f64,
    w: f64,
    n: usize,
    member: bool,
    df_member: bool,
    touched: bool,
}

/// Estimates `stat` of `y` (NaN = missing) in every domain of `domains` in
/// two passes over the respondents, whatever the number of domains.
///
/// A domain estimate keeps the whole design: respondents outside the domain
/// count as zeros and every PSU of a stratum counts in n_h, as R's
/// `svyby`/`subset.survey.design`. Estimates come in the order of
/// `domains.labels()`.
pub fn estimate_domains(
    design: &Design,
    y: &[f64],
    domains: &Domains,
    stat: Statistic,
    opts: &Options,
) -> Result<Vec<Estimate>, SurveyError> {
    if design.has_fpc() {
        let what = match stat {
            Statistic::Mean => Estimand::Mean,
            Statistic::Proportion => Estimand::Proportion,
        };
        return Ok(estimate_general(design, y, domains, what, opts)?.into_iter().map(|d| d.estimate).collect());
    }
    let codes = domains.codes();
    if y.len() != design.len() {
        return Err(SurveyError::LengthMismatch { what: "variable", expected: design.len(), got: y.len() });
    }
    if codes.len() != design.len() {
        return Err(SurveyError::LengthMismatch { what: "domains", expected: design.len(), got: codes.len() });
    }
    let n_dom = domains.len();
    let mut acc = vec![Acc::default(); n_dom];
    let mut psu = vec![Scratch::default(); n_dom];
    let mut stratum = vec![Scratch::default(); n_dom];
    let mut psu_touched: Vec<u32> = Vec::new();
    let mut stratum_touched: Vec<u32> = Vec::new();
    // (domain, Σ w·y, Σ w) for every (PSU, domain) with a valued respondent.
    let mut entries: Vec<(u32, f64, f64)> = Vec::new();
    let n_strata = design.n_strata();
    let mut stratum_entries = Vec::with_capacity(n_strata + 1);

    // Pass 1: PSU totals per domain.
    for h in 0..n_strata {
        stratum_entries.push(entries.len());
        for j in design.stratum_psu[h]..design.stratum_psu[h + 1] {
            let range = design.psu_start[j]..design.psu_start[j + 1];
            let rows = &design.order[range.clone()];
            let weights = &design.sorted_weights[range];
            for (&i, &w) in rows.iter().zip(weights) {
                let g = codes[i as usize];
                if g == NO_DOMAIN {
                    continue;
                }
                let s = &mut psu[g as usize];
                if !s.touched {
                    s.touched = true;
                    psu_touched.push(g);
                }
                s.df_member |= w != 0.0;
                let v = y[i as usize];
                if !v.is_nan() {
                    s.wy += w * v;
                    s.w += w;
                    s.n += 1;
                }
            }
            for &g in &psu_touched {
                let s = std::mem::take(&mut psu[g as usize]);
                let a = &mut acc[g as usize];
                let st = &mut stratum[g as usize];
                if !st.touched {
                    st.touched = true;
                    stratum_touched.push(g);
                }
                if s.n > 0 {
                    entries.push((g, s.wy, s.w));
                    a.wy += s.wy;
                    a.w += s.w;
                    a.n += s.n;
                    st.member = true;
                }
                if s.df_member {
                    a.df_psu += 1;
                    st.df_member = true;
                }
            }
            psu_touched.clear();
        }
        for &g in &stratum_touched {
            let st = std::mem::take(&mut stratum[g as usize]);
            let a = &mut acc[g as usize];
            a.df_strata += usize::from(st.df_member);
            a.strata += usize::from(st.member);
        }
        stratum_touched.clear();
    }
    stratum_entries.push(entries.len());

    // Pass 2: per stratum, Σ over PSUs of (z_hj − z̄_h)², with the PSUs
    // holding no domain member counted as zeros. Welford over the non-zero
    // PSU totals, then the zeros are merged in exactly.
    let means: Vec<f64> = acc.iter().map(|a| a.wy / a.w).collect();
    #[derive(Clone, Copy, Default)]
    struct Welford {
        count: usize,
        mean: f64,
        m2: f64,
    }
    let mut wf = vec![Welford::default(); n_dom];
    for h in 0..n_strata {
        let n_h = design.stratum_psu[h + 1] - design.stratum_psu[h];
        for &(g, wy, w) in &entries[stratum_entries[h]..stratum_entries[h + 1]] {
            let g = g as usize;
            let z = (wy - means[g] * w) / acc[g].w;
            let f = &mut wf[g];
            if f.count == 0 {
                stratum_touched.push(g as u32);
            }
            f.count += 1;
            let delta = z - f.mean;
            f.mean += delta / f.count as f64;
            f.m2 += delta * (z - f.mean);
        }
        for &g in &stratum_touched {
            let f = std::mem::take(&mut wf[g as usize]);
            let a = &mut acc[g as usize];
            if n_h > 1 {
                let nh = n_h as f64;
                let c = f.count as f64;
                let ss = f.m2 + f.mean * f.mean * c * (nh - c) / nh;
                a.var += nh / (nh - 1.0) * ss;
            } else {
                match opts.lonely_psu {
                    LonelyPsu::Fail => {
                        return Err(SurveyError::LonelyPsu {
                            stratum: design.stratum_label(h).to_string(),
                            domain: Some(domains.labels()[g as usize].clone()),
                        });
                    }
                    LonelyPsu::Remove | LonelyPsu::Certainty => {}
                    LonelyPsu::Adjust => a.var += f.mean * f.mean,
                    LonelyPsu::Average => a.lonely += 1,
                }
            }
        }
        stratum_touched.clear();
    }

    let full_df = match opts.domain_df {
        DomainDf::FullDesign => design.degf(),
        DomainDf::Domain => 0,
    };
    let t = |df: usize| qt(0.5 + opts.level / 2.0, df as f64);
    let mut out = Vec::with_capacity(n_dom);
    let mut t_cache: Option<(usize, f64)> = None;
    for (a, &estimate) in acc.iter().zip(&means) {
        let df = match opts.domain_df {
            DomainDf::Domain => a.df_psu - a.df_strata,
            DomainDf::FullDesign => full_df,
        };
        let values = if a.n < opts.min_n {
            None
        } else {
            let var = if a.lonely == 0 { a.var } else { a.var * a.strata as f64 / (a.strata - a.lonely) as f64 };
            let se = var.sqrt();
            let q = match t_cache {
                Some((d, q)) if d == df => q,
                _ => {
                    let q = t(df);
                    t_cache = Some((df, q));
                    q
                }
            };
            let (ci_low, ci_high) = match stat {
                Statistic::Mean => (estimate - q * se, estimate + q * se),
                Statistic::Proportion => logit_ci(estimate, se, q),
            };
            Some(Values { estimate, se, ci_low, ci_high })
        };
        out.push(Estimate { n: a.n, df, values });
    }
    Ok(out)
}
