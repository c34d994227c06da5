//! The Taylor-linearisation variance of one linearised variable under the
//! full design, R's `svyrecvar` → `multistage` → `onestage` → `onestrat`
//! (survey 4.1-1), including finite population corrections and a second
//! stage of sampling.
//!
//! For stratum *h* with n_h PSUs, PSU totals z_hj of the linearised variable
//! and f_h = (N_h − n_h)/N_h (1 without an fpc):
//!
//! > V₁ = Σ_h f_h · n_h/(n_h − 1) · Σ_j (z_hj − z̄_h)²,
//!
//! and with a second stage sampled without replacement, every PSU *j* adds
//! (n_h/N_h) times the same expression over its SSU totals with
//! (M_j − m_j)/M_j (Lumley 2010, §3.2; Särndal, Swensson & Wretman 1992,
//! §4.3). A stratum or PSU sampled entirely (factor below 1e-7) contributes
//! nothing, lonely or not, as in R.
//!
//! Only respondents with a value count as present (R estimates a domain on
//! the design subset to the domain and drops missing values); a stratum or
//! PSU without a present respondent is not looked at, but absent PSUs of a
//! looked-at stratum count as zeros in n_h.

use crate::design::Design;
use crate::options::LonelyPsu;

/// Why no variance could be computed: under [`LonelyPsu::Fail`], a
/// stratum (index) with a single PSU (stage 1), or a PSU of that stratum
/// with a single SSU (stage 2) that is not a certainty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LonelyStratum {
    pub(crate) stratum: usize,
    pub(crate) stage: u8,
}

/// One stratum's contribution (`onestrat`); `None` for a lonely PSU under
/// the "average" rule (R's NA), `Err` under "fail".
fn one_stratum(totals: &[f64], factor: f64, lonely: LonelyPsu) -> Result<Option<f64>, ()> {
    if factor < 1e-7 {
        return Ok(Some(0.0));
    }
    let n = totals.len();
    if n > 1 {
        let mean = totals.iter().sum::<f64>() / n as f64;
        let ss: f64 = totals.iter().map(|t| (t - mean) * (t - mean)).sum();
        return Ok(Some(factor * n as f64 / (n as f64 - 1.0) * ss));
    }
    let t = totals.first().copied().unwrap_or(0.0);
    match lonely {
        LonelyPsu::Fail => Err(()),
        LonelyPsu::Remove | LonelyPsu::Certainty => Ok(Some(0.0)),
        LonelyPsu::Adjust => Ok(Some(factor * t * t)),
        LonelyPsu::Average => Ok(None),
    }
}

/// Sum over the respondents `rows` of `z` (NaN = absent), and whether any was present.
fn total(rows: &[u32], z: &[f64]) -> (f64, bool) {
    let mut sum = 0.0;
    let mut present = false;
    for &i in rows {
        let v = z[i as usize];
        if !v.is_nan() {
            sum += v;
            present = true;
        }
    }
    (sum, present)
}

/// The variance of the total of `z` (one entry per respondent, NaN for
/// respondents outside the domain or without a value).
pub(crate) fn variance(design: &Design, z: &[f64], lonely: LonelyPsu) -> Result<f64, LonelyStratum> {
    let fpc = design.fpc.as_ref();
    let stage2 = fpc.and_then(|f| f.stage2.as_ref());
    let mut totals = Vec::new();
    let mut stage1 = 0.0;
    let mut second = 0.0;
    let (mut strata, mut ok_strata) = (0usize, 0usize);
    for h in 0..design.n_strata() {
        let (first, last) = (design.stratum_psu[h], design.stratum_psu[h + 1]);
        totals.clear();
        let mut present = false;
        for j in first..last {
            let (t, p) = total(&design.order[design.psu_start[j]..design.psu_start[j + 1]], z);
            totals.push(t);
            present |= p;
        }
        if !present {
            continue;
        }
        strata += 1;
        let factor = fpc.map_or(1.0, |f| f.factor1[h]);
        match one_stratum(&totals, factor, lonely) {
            Ok(Some(v)) => {
                stage1 += v;
                ok_strata += 1;
            }
            Ok(None) => {}
            Err(()) => return Err(LonelyStratum { stratum: h, stage: 1 }),
        }
        let (Some(s2), Some(f)) = (stage2, fpc) else { continue };
        for j in first..last {
            let mut ssu_totals = Vec::with_capacity(s2.psu_ssu[j + 1] - s2.psu_ssu[j]);
            let mut present = false;
            for k in s2.psu_ssu[j]..s2.psu_ssu[j + 1] {
                let (t, p) = total(&design.order[s2.ssu_start[k]..s2.ssu_start[k + 1]], z);
                ssu_totals.push(t);
                present |= p;
            }
            if !present {
                continue;
            }
            // "average" leaves R's single stage-2 stratum NA: NaN.
            match one_stratum(&ssu_totals, s2.factor2[j], lonely) {
                Ok(v) => second += v.unwrap_or(f64::NAN) * f.fraction1[h],
                Err(()) => return Err(LonelyStratum { stratum: h, stage: 2 }),
            }
        }
    }
    if strata == 0 {
        return Ok(0.0);
    }
    Ok(stage1 * strata as f64 / ok_strata as f64 + second)
}
