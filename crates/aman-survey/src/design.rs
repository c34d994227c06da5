//! The sampling design: weights, strata and PSUs (R's `svydesign(ids = ~psu,
//! strata = ~stratum, weights = ~w, nest = TRUE)`).

use std::fmt::Display;
use std::hash::Hash;

use crate::SurveyError;
use crate::stages::{self, Stage2};

/// A one-stage stratified cluster design, sampled with replacement at the
/// PSU level (the ultimate-cluster approximation R uses).
///
/// Respondents are stored grouped by stratum and by PSU within stratum, so
/// that estimation needs no sorting or hashing. PSU labels are nested in
/// strata (`nest = TRUE`): PSU "1" of stratum A and PSU "1" of stratum B are
/// different PSUs.
#[derive(Debug, Clone)]
pub struct Design {
    n: usize,
    /// `None`: every weight is 1.
    weights: Option<Vec<f64>>,
    /// Weights in `order` (so estimation reads them sequentially).
    pub(crate) sorted_weights: Vec<f64>,
    /// Respondent indices grouped by PSU, PSUs grouped by stratum.
    pub(crate) order: Vec<u32>,
    /// `order[psu_start[j]..psu_start[j + 1]]` are the respondents of PSU `j`.
    pub(crate) psu_start: Vec<usize>,
    /// PSUs `stratum_psu[h]..stratum_psu[h + 1]` belong to stratum `h`.
    pub(crate) stratum_psu: Vec<usize>,
    stratum_labels: Vec<String>,
    /// Finite population corrections; `None`: PSUs sampled with replacement.
    pub(crate) fpc: Option<Fpc>,
}

/// Finite population corrections of a one- or two-stage design, R's
/// `svydesign(ids = ~psu + ssu, fpc = ~fpc1 + fpc2)`.
#[derive(Debug, Clone)]
pub(crate) struct Fpc {
    /// Per stratum: (N_h − n_h)/N_h, the factor of its stage-1 variance.
    pub(crate) factor1: Vec<f64>,
    /// Per stratum: n_h/N_h, the factor of the stage-2 variance of its PSUs.
    pub(crate) fraction1: Vec<f64>,
    /// The second stage, when sampled without replacement.
    pub(crate) stage2: Option<Stage2>,
}

/// Builds a [`Design`]; every part is optional (see [`Design::builder`]).
#[derive(Debug, Clone)]
pub struct DesignBuilder {
    n: usize,
    weights: Option<Vec<f64>>,
    strata: Option<(Vec<u32>, Vec<String>)>,
    psu: Option<(Vec<u32>, usize)>,
    fpc: Option<Vec<f64>>,
    ssu: Option<Vec<u32>>,
    fpc2: Option<Vec<f64>>,
}

/// Codes labels by order of first appearance (foldhash: SipHash took half
/// the design build of a million respondents).
fn encode<S: Hash + Eq>(labels: &[S]) -> (Vec<u32>, Vec<&S>) {
    let mut map: foldhash::HashMap<&S, u32> = foldhash::HashMap::default();
    let mut uniques = Vec::new();
    let codes = labels
        .iter()
        .map(|label| {
            *map.entry(label).or_insert_with(|| {
                uniques.push(label);
                (uniques.len() - 1) as u32
            })
        })
        .collect();
    (codes, uniques)
}

fn check_len(what: &'static str, expected: usize, got: usize) -> Result<(), SurveyError> {
    if expected == got { Ok(()) } else { Err(SurveyError::LengthMismatch { what, expected, got }) }
}

impl DesignBuilder {
    /// Sampling weights (R's `weights = ~w`); default: all 1 (R warns
    /// "No weights or probabilities supplied, assuming equal probability").
    pub fn weights(mut self, weights: Vec<f64>) -> Self {
        self.weights = Some(weights);
        self
    }

    /// Stratum of each respondent; default: a single stratum.
    pub fn strata<S: Hash + Eq + Display>(mut self, strata: &[S]) -> Self {
        let (codes, uniques) = encode(strata);
        let labels = uniques.iter().map(|s| s.to_string()).collect();
        self.strata = Some((codes, labels));
        self
    }

    /// Strata already coded: `codes[i] < labels.len()` is the stratum of
    /// respondent `i`, `labels` name them (used in error messages).
    pub fn strata_codes(mut self, codes: Vec<u32>, labels: Vec<String>) -> Self {
        self.strata = Some((codes, labels));
        self
    }

    /// PSU (cluster) of each respondent, nested in strata; default: each
    /// respondent is its own PSU (R's `ids = ~1`).
    pub fn psu<P: Hash + Eq>(mut self, psu: &[P]) -> Self {
        let (codes, uniques) = encode(psu);
        let n_codes = uniques.len();
        self.psu = Some((codes, n_codes));
        self
    }

    /// First-stage finite population correction of each respondent (R's
    /// `fpc = ~fpc`): the number of PSUs in its stratum's population, or
    /// the sampling fraction of its stratum when every value is at most 1.
    /// Constant within a stratum.
    pub fn fpc(mut self, fpc: Vec<f64>) -> Self {
        self.fpc = Some(fpc);
        self
    }

    /// Second-stage unit of each respondent, nested in its PSU (R's
    /// `ids = ~psu + ssu`); needs [`DesignBuilder::fpc`] and
    /// [`DesignBuilder::fpc2`] (without them R uses the ultimate-cluster
    /// variance, which ignores the SSUs).
    pub fn ssu<P: Hash + Eq>(mut self, ssu: &[P]) -> Self {
        self.ssu = Some(encode(ssu).0);
        self
    }

    /// Second-stage finite population correction (R's `fpc = ~fpc1 + fpc2`):
    /// the number of SSUs in the population of the respondent's PSU, or the
    /// sampling fraction within the PSU when every value is at most 1.
    pub fn fpc2(mut self, fpc2: Vec<f64>) -> Self {
        self.fpc2 = Some(fpc2);
        self
    }

    /// Checks the inputs and groups respondents by stratum and PSU.
    pub fn build(self) -> Result<Design, SurveyError> {
        let n = self.n;
        if n >= u32::MAX as usize {
            return Err(SurveyError::TooMany("respondents"));
        }
        if let Some(w) = &self.weights {
            check_len("weights", n, w.len())?;
            if let Some(row) = w.iter().position(|&v| !(v.is_finite() && v >= 0.0)) {
                return Err(SurveyError::BadWeight { row, value: w[row] });
            }
        }
        let (strata, stratum_labels) = match self.strata {
            Some((codes, labels)) => {
                check_len("strata", n, codes.len())?;
                if let Some(row) = codes.iter().position(|&c| c as usize >= labels.len()) {
                    return Err(SurveyError::BadStratumCode { row, code: codes[row], n_strata: labels.len() });
                }
                (codes, labels)
            }
            None => (vec![0; n], vec!["1".to_string()]),
        };
        if let Some((codes, _)) = &self.psu {
            check_len("psu", n, codes.len())?;
        }
        for (what, column) in [("fpc", &self.fpc), ("fpc2", &self.fpc2)] {
            if let Some(v) = column {
                check_len(what, n, v.len())?;
            }
        }
        if let Some(codes) = &self.ssu {
            check_len("ssu", n, codes.len())?;
        }
        if self.ssu.is_some() != self.fpc2.is_some() || (self.fpc2.is_some() && self.fpc.is_none()) {
            return Err(SurveyError::TwoStageNeedsFpc);
        }
        let n_strata = stratum_labels.len();

        // Counting sort of respondents by stratum (stable).
        let mut stratum_start = vec![0usize; n_strata + 1];
        for &h in &strata {
            stratum_start[h as usize + 1] += 1;
        }
        for h in 0..n_strata {
            stratum_start[h + 1] += stratum_start[h];
        }
        let mut by_stratum = vec![0u32; n];
        let mut next = stratum_start.clone();
        for (i, &h) in strata.iter().enumerate() {
            by_stratum[next[h as usize]] = i as u32;
            next[h as usize] += 1;
        }

        let (mut order, psu_start, stratum_psu) = match self.psu {
            None => {
                // Each respondent is a PSU.
                let psu_start = (0..=n).collect();
                (by_stratum, psu_start, stratum_start)
            }
            Some((codes, n_codes)) => {
                // Number the (stratum, PSU label) pairs stratum by stratum.
                let mut stamp = vec![u32::MAX; n_codes];
                let mut local = vec![0u32; n_codes];
                let mut row_psu = vec![0u32; n];
                let mut counts: Vec<usize> = Vec::new();
                let mut stratum_psu = Vec::with_capacity(n_strata + 1);
                for h in 0..n_strata {
                    stratum_psu.push(counts.len());
                    for &i in &by_stratum[stratum_start[h]..stratum_start[h + 1]] {
                        let p = codes[i as usize] as usize;
                        if stamp[p] != h as u32 {
                            stamp[p] = h as u32;
                            local[p] = counts.len() as u32;
                            counts.push(0);
                        }
                        row_psu[i as usize] = local[p];
                        counts[local[p] as usize] += 1;
                    }
                }
                stratum_psu.push(counts.len());
                if counts.len() >= u32::MAX as usize {
                    return Err(SurveyError::TooMany("PSUs"));
                }
                let mut psu_start = vec![0usize; counts.len() + 1];
                for (j, c) in counts.iter().enumerate() {
                    psu_start[j + 1] = psu_start[j] + c;
                }
                let mut next = psu_start.clone();
                let mut order = vec![0u32; n];
                for &i in &by_stratum {
                    let j = row_psu[i as usize] as usize;
                    order[next[j]] = i;
                    next[j] += 1;
                }
                (order, psu_start, stratum_psu)
            }
        };
        let fpc = match &self.fpc {
            None => None,
            Some(fpc1) => {
                let stage2 = match (&self.ssu, &self.fpc2) {
                    (Some(ssu), Some(fpc2)) => Some(stages::second_stage(&mut order, &psu_start, ssu, fpc2)?),
                    _ => None,
                };
                let (factor1, fraction1) =
                    stages::first_stage(&order, &psu_start, &stratum_psu, fpc1, &stratum_labels)?;
                Some(Fpc { factor1, fraction1, stage2 })
            }
        };
        let sorted_weights = match &self.weights {
            Some(w) => order.iter().map(|&i| w[i as usize]).collect(),
            None => vec![1.0; n],
        };
        Ok(Design { n, weights: self.weights, sorted_weights, order, psu_start, stratum_psu, stratum_labels, fpc })
    }
}

impl Design {
    /// Starts a design for `n` respondents: no strata, each respondent its
    /// own PSU, weight 1, until told otherwise.
    pub fn builder(n: usize) -> DesignBuilder {
        DesignBuilder { n, weights: None, strata: None, psu: None, fpc: None, ssu: None, fpc2: None }
    }

    /// Whether the design has a finite population correction (and so is
    /// estimated by the general path, R's full `svyrecvar`).
    pub fn has_fpc(&self) -> bool {
        self.fpc.is_some()
    }

    /// Number of respondents.
    pub fn len(&self) -> usize {
        self.n
    }

    /// Whether the design has no respondents.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Number of strata (1 when none were given).
    pub fn n_strata(&self) -> usize {
        self.stratum_labels.len()
    }

    /// Number of PSUs (strata × PSU labels actually present).
    pub fn n_psu(&self) -> usize {
        self.psu_start.len() - 1
    }

    /// Label of stratum `h` (strata are numbered by first appearance).
    pub fn stratum_label(&self, h: usize) -> &str {
        &self.stratum_labels[h]
    }

    /// Weight of respondent `i`.
    #[inline]
    pub fn weight(&self, i: usize) -> f64 {
        match &self.weights {
            Some(w) => w[i],
            None => 1.0,
        }
    }

    /// Design degrees of freedom, R's `degf(design)`: PSUs minus strata,
    /// counting only PSUs and strata with a respondent of non-zero weight.
    pub fn degf(&self) -> usize {
        let mut psus = 0;
        let mut strata = 0;
        for h in 0..self.n_strata() {
            let before = psus;
            for j in self.stratum_psu[h]..self.stratum_psu[h + 1] {
                let w = &self.sorted_weights[self.psu_start[j]..self.psu_start[j + 1]];
                if w.iter().any(|&v| v != 0.0) {
                    psus += 1;
                }
            }
            if psus > before {
                strata += 1;
            }
        }
        psus - strata
    }
}
