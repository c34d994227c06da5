//! Finite population corrections of one- and two-stage designs, as R's
//! `as.fpc` reads them: per stratum (stage 1) or per PSU (stage 2), either
//! population sizes or, when every value is at most 1, sampling fractions.

use crate::SurveyError;

/// The SSUs of a two-stage design, nested in PSUs; the respondents of each
/// PSU are grouped by SSU in the design's order.
#[derive(Debug, Clone)]
pub(crate) struct Stage2 {
    /// `order[ssu_start[k]..ssu_start[k + 1]]` are the respondents of SSU `k`.
    pub(crate) ssu_start: Vec<usize>,
    /// SSUs `psu_ssu[j]..psu_ssu[j + 1]` belong to PSU `j`.
    pub(crate) psu_ssu: Vec<usize>,
    /// Per PSU: (M_j − m_j)/M_j.
    pub(crate) factor2: Vec<f64>,
}

/// Whether the values are sampling fractions (all at most 1) or population
/// sizes (all at least 1); R refuses a mixture.
fn are_fractions(values: &[f64], stage: u8) -> Result<bool, SurveyError> {
    if let Some(row) = values.iter().position(|v| !(v.is_finite() && *v > 0.0)) {
        return Err(SurveyError::BadFpc { stage, group: format!("respondent {row}"), value: values[row], units: 0 });
    }
    let fractions = values.iter().all(|&v| v <= 1.0);
    if !fractions && values.iter().any(|&v| v < 1.0) {
        return Err(SurveyError::MixedFpc { stage });
    }
    Ok(fractions)
}

/// (N − n)/N and n/N for a group of `units` sampled units whose respondents
/// all carry the value `value` (checked).
fn factors(
    rows: impl Iterator<Item = usize>,
    values: &[f64],
    units: usize,
    fractions: bool,
    stage: u8,
    group: &dyn Fn() -> String,
) -> Result<(f64, f64), SurveyError> {
    let mut value = None;
    for i in rows {
        match value {
            None => value = Some(values[i]),
            Some(v) if v != values[i] => return Err(SurveyError::FpcNotConstant { stage, group: group() }),
            Some(_) => {}
        }
    }
    let Some(value) = value else { return Ok((1.0, 0.0)) };
    let n = units as f64;
    let population = if fractions { n / value } else { value };
    if population < n {
        return Err(SurveyError::BadFpc { stage, group: group(), value, units });
    }
    Ok(((population - n) / population, n / population))
}

/// Stage-1 factors per stratum: ((N_h − n_h)/N_h, n_h/N_h).
pub(crate) fn first_stage(
    order: &[u32],
    psu_start: &[usize],
    stratum_psu: &[usize],
    fpc: &[f64],
    labels: &[String],
) -> Result<(Vec<f64>, Vec<f64>), SurveyError> {
    let fractions = are_fractions(fpc, 1)?;
    let mut factor = Vec::with_capacity(labels.len());
    let mut fraction = Vec::with_capacity(labels.len());
    for (h, label) in labels.iter().enumerate() {
        let (first, last) = (stratum_psu[h], stratum_psu[h + 1]);
        let rows = order[psu_start[first]..psu_start[last]].iter().map(|&i| i as usize);
        let group = || format!("stratum {label:?}");
        let (f, frac) = factors(rows, fpc, last - first, fractions, 1, &group)?;
        factor.push(f);
        fraction.push(frac);
    }
    Ok((factor, fraction))
}

/// Groups the respondents of each PSU by SSU (stable, in place) and computes
/// the stage-2 factors per PSU.
pub(crate) fn second_stage(
    order: &mut [u32],
    psu_start: &[usize],
    ssu: &[u32],
    fpc2: &[f64],
) -> Result<Stage2, SurveyError> {
    let fractions = are_fractions(fpc2, 2)?;
    let n_psu = psu_start.len() - 1;
    let mut ssu_start = Vec::new();
    let mut psu_ssu = Vec::with_capacity(n_psu + 1);
    let mut factor2 = Vec::with_capacity(n_psu);
    for j in 0..n_psu {
        psu_ssu.push(ssu_start.len());
        let rows = &mut order[psu_start[j]..psu_start[j + 1]];
        rows.sort_by_key(|&i| ssu[i as usize]);
        let mut units = 0;
        for (k, &i) in rows.iter().enumerate() {
            if k == 0 || ssu[rows[k - 1] as usize] != ssu[i as usize] {
                ssu_start.push(psu_start[j] + k);
                units += 1;
            }
        }
        let first = rows.first().copied().unwrap_or_default();
        let group = || format!("the PSU of respondent {first} (0-based)");
        let (f, _) = factors(rows.iter().map(|&i| i as usize), fpc2, units, fractions, 2, &group)?;
        factor2.push(f);
    }
    psu_ssu.push(ssu_start.len());
    ssu_start.push(order.len());
    Ok(Stage2 { ssu_start, psu_ssu, factor2 })
}
