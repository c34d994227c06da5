//! Evaluation of detection methods on series with known outbreaks (pure).
//!
//! An [`Outbreak`] is a window `start..start + duration` of time points during
//! which extra cases were added ([`inject`]). Scoring a method's alarms over an
//! evaluated range ([`score`]) gives, per outbreak, whether at least one alarm
//! fell inside its window and how late the first one came; alarms outside
//! every window are false alarms. A [`Summary`] accumulates series and yields
//!
//! - **sensitivity**: detected / evaluated outbreaks;
//! - **false alarms per year**: false alarms / (quiet points / points per
//!   year), a quiet point being an evaluated point outside every window;
//! - **median delay**: median of first alarm − outbreak start (time points:
//!   days for daily series) among detected outbreaks; 0 = alarm on day one.
//!
//! Conventions: an outbreak is evaluated only if its start lies in the range
//! (one that started earlier still masks its points: they are neither quiet
//! nor false alarms). A point without a result (`alarm: None`) counts as no
//! alarm, as the committee would see nothing that day.

use std::ops::Range;

/// A window of added cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outbreak {
    /// First time point (0-based index into the series).
    pub start: usize,
    /// Number of time points, at least 1.
    pub duration: usize,
}

impl Outbreak {
    /// The time points of the outbreak.
    pub fn window(&self) -> Range<usize> {
        self.start..self.start + self.duration
    }
}

/// How the cases of an outbreak of `size` are spread over `duration` points:
/// a triangular epidemic curve (weights `min(i + 1, duration - i)`, rising to
/// the middle and falling), rounded by largest remainders so the parts sum
/// to exactly `size`; ties go to the earlier point.
pub fn profile(size: u64, duration: usize) -> Vec<u64> {
    if duration == 0 {
        return Vec::new();
    }
    let weights: Vec<u64> = (0..duration).map(|i| (i + 1).min(duration - i) as u64).collect();
    let total: u64 = weights.iter().sum();
    let mut parts: Vec<u64> = weights.iter().map(|w| size * w / total).collect();
    let mut left = size - parts.iter().sum::<u64>();
    let mut order: Vec<usize> = (0..duration).collect();
    // Largest remainder first (remainder = size * w mod total); stable keeps ties in time order.
    order.sort_by_key(|&i| std::cmp::Reverse(size * weights[i] % total));
    for &i in order.iter().cycle() {
        if left == 0 {
            break;
        }
        parts[i] += 1;
        left -= 1;
    }
    parts
}

/// Adds an outbreak of `size` cases to `counts` following [`profile`];
/// points past the end of the series are dropped.
pub fn inject(counts: &mut [u64], outbreak: &Outbreak, size: u64) {
    for (t, extra) in outbreak.window().zip(profile(size, outbreak.duration)) {
        if let Some(c) = counts.get_mut(t) {
            *c += extra;
        }
    }
}

/// Result for one outbreak of a scored series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detection {
    /// Its start is outside the evaluated range.
    NotEvaluated,
    /// No alarm inside its window (within the range).
    Missed,
    /// First alarm `delay` points after its start.
    Detected {
        /// First alarm − start, in time points.
        delay: usize,
    },
}

/// Scores of one series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesScore {
    /// One entry per outbreak, in the order given.
    pub detections: Vec<Detection>,
    /// Alarms at quiet points.
    pub false_alarms: usize,
    /// Evaluated points outside every outbreak window.
    pub quiet_points: usize,
}

/// Scores `alarms` (one per time point of `range`, as returned by
/// [`detect`](crate::detect)) against `outbreaks`.
pub fn score(alarms: &[Option<bool>], range: Range<usize>, outbreaks: &[Outbreak]) -> SeriesScore {
    let alarm_at = |t: usize| t >= range.start && alarms.get(t - range.start).copied().flatten() == Some(true);
    let end = range.start + alarms.len().min(range.len());
    let in_outbreak = |t: usize| outbreaks.iter().any(|o| o.window().contains(&t));
    let mut false_alarms = 0;
    let mut quiet_points = 0;
    for t in range.start..end {
        if !in_outbreak(t) {
            quiet_points += 1;
            false_alarms += usize::from(alarm_at(t));
        }
    }
    let detections = outbreaks
        .iter()
        .map(|o| {
            if !(range.start..end).contains(&o.start) {
                return Detection::NotEvaluated;
            }
            match o.window().take_while(|&t| t < end).find(|&t| alarm_at(t)) {
                Some(t) => Detection::Detected { delay: t - o.start },
                None => Detection::Missed,
            }
        })
        .collect();
    SeriesScore { detections, false_alarms, quiet_points }
}

/// Accumulated scores over many series (or outbreaks of one kind).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Evaluated outbreaks.
    pub outbreaks: usize,
    /// Delays of the detected ones.
    pub delays: Vec<usize>,
    /// False alarms.
    pub false_alarms: usize,
    /// Quiet points.
    pub quiet_points: usize,
}

impl Summary {
    /// Adds one outbreak's detection.
    pub fn add_detection(&mut self, detection: Detection) {
        match detection {
            Detection::NotEvaluated => {}
            Detection::Missed => self.outbreaks += 1,
            Detection::Detected { delay } => {
                self.outbreaks += 1;
                self.delays.push(delay);
            }
        }
    }

    /// Adds a whole series: all its outbreaks and quiet points.
    pub fn add(&mut self, series: &SeriesScore) {
        series.detections.iter().for_each(|&d| self.add_detection(d));
        self.add_quiet(series);
    }

    /// Adds only the false alarms and quiet points of a series.
    pub fn add_quiet(&mut self, series: &SeriesScore) {
        self.false_alarms += series.false_alarms;
        self.quiet_points += series.quiet_points;
    }

    /// Adds another summary's outbreaks, delays, false alarms and quiet
    /// points (tables over several groups of series).
    pub fn merge(&mut self, other: &Summary) {
        self.outbreaks += other.outbreaks;
        self.delays.extend_from_slice(&other.delays);
        self.false_alarms += other.false_alarms;
        self.quiet_points += other.quiet_points;
    }

    /// Share of evaluated outbreaks with an alarm; `None` without outbreaks.
    pub fn sensitivity(&self) -> Option<f64> {
        (self.outbreaks > 0).then(|| self.delays.len() as f64 / self.outbreaks as f64)
    }

    /// False alarms per `points_per_year` quiet points; `None` without any.
    pub fn false_alarms_per_year(&self, points_per_year: usize) -> Option<f64> {
        (self.quiet_points > 0).then(|| self.false_alarms as f64 * points_per_year as f64 / self.quiet_points as f64)
    }

    /// Median detection delay (mean of the two middle values for an even
    /// number); `None` if nothing was detected.
    pub fn median_delay(&self) -> Option<f64> {
        let mut d = self.delays.clone();
        d.sort_unstable();
        let n = d.len();
        match n {
            0 => None,
            _ if n % 2 == 1 => Some(d[n / 2] as f64),
            _ => Some((d[n / 2 - 1] + d[n / 2]) as f64 / 2.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_summaries_are_the_summary_of_all() {
        let outbreaks = [Outbreak { start: 2, duration: 2 }, Outbreak { start: 6, duration: 1 }];
        let a = score(&[Some(false), Some(true), Some(false), Some(true), Some(false)], 2..7, &outbreaks);
        let b = score(&[Some(true), Some(false), Some(false), Some(false), Some(true)], 2..7, &outbreaks);
        let (mut both, mut merged, mut second) = (Summary::default(), Summary::default(), Summary::default());
        both.add(&a);
        both.add(&b);
        merged.add(&a);
        second.add(&b);
        merged.merge(&second);
        assert_eq!(merged, both);
        assert_eq!((merged.outbreaks, merged.false_alarms, merged.delays.clone()), (4, 1, vec![1, 0, 0]));
    }

    #[test]
    fn profile_is_triangular_and_exact() {
        assert_eq!(profile(9, 5), vec![1, 2, 3, 2, 1]);
        assert_eq!(profile(10, 4), vec![2, 3, 3, 2]);
        assert_eq!(profile(3, 1), vec![3]);
        assert_eq!(profile(0, 3), vec![0, 0, 0]);
        // 4 over weights 1,2,2,1 (total 6): 0,1,1,0 + remainders 4,2,2,4 -> first and last get one.
        assert_eq!(profile(4, 4), vec![1, 1, 1, 1]);
        for size in 0..50 {
            for duration in 1..12 {
                assert_eq!(profile(size, duration).iter().sum::<u64>(), size, "{size} over {duration}");
            }
        }
    }

    #[test]
    fn inject_adds_and_clips_at_the_end() {
        let mut counts = vec![1; 6];
        inject(&mut counts, &Outbreak { start: 3, duration: 5 }, 9);
        assert_eq!(counts, vec![1, 1, 1, 2, 3, 4]);
    }

    #[test]
    fn hand_built_series() {
        // 20 points, range 5..20; outbreaks at 8..12 (alarm at 10: delay 2),
        // 15..17 (no alarm inside: missed), 2..7 (starts before the range:
        // not evaluated, but masks 5 and 6). Alarms at 5 (masked), 10, 13, 18
        // and 19 (false: 13, 18, 19); 17 has no result.
        let outbreaks = [
            Outbreak { start: 8, duration: 4 },
            Outbreak { start: 15, duration: 2 },
            Outbreak { start: 2, duration: 5 },
        ];
        let mut alarms = vec![Some(false); 15];
        for t in [5, 10, 13, 18, 19] {
            alarms[t - 5] = Some(true);
        }
        alarms[17 - 5] = None;
        let s = score(&alarms, 5..20, &outbreaks);
        assert_eq!(s.detections, vec![Detection::Detected { delay: 2 }, Detection::Missed, Detection::NotEvaluated]);
        // Quiet: 7, 12, 13, 14, 17, 18, 19.
        assert_eq!((s.false_alarms, s.quiet_points), (3, 7));

        let mut total = Summary::default();
        total.add(&s);
        assert_eq!(total.sensitivity(), Some(0.5));
        assert_eq!(total.median_delay(), Some(2.0));
        let fa = total.false_alarms_per_year(365).expect("quiet points");
        assert!((fa - 3.0 * 365.0 / 7.0).abs() < 1e-12);

        // A second series: detected on its first day and after 5 points.
        let alarms = vec![Some(true), Some(false), Some(false), Some(false), Some(false), Some(true)];
        let s = score(&alarms, 0..6, &[Outbreak { start: 0, duration: 1 }, Outbreak { start: 1, duration: 5 }]);
        assert_eq!(s.detections, vec![Detection::Detected { delay: 0 }, Detection::Detected { delay: 4 }]);
        total.add(&s);
        assert_eq!(total.sensitivity(), Some(0.75));
        assert_eq!(total.median_delay(), Some(2.0));
        assert_eq!(total.delays.len(), 3);
    }

    #[test]
    fn empty_summaries() {
        let s = Summary::default();
        assert_eq!((s.sensitivity(), s.median_delay(), s.false_alarms_per_year(365)), (None, None, None));
        let mut s = Summary { delays: vec![1, 3, 8, 2], outbreaks: 4, ..Summary::default() };
        assert_eq!(s.median_delay(), Some(2.5));
        s.add_detection(Detection::Missed);
        assert_eq!(s.sensitivity(), Some(0.8));
    }

    #[test]
    fn alarms_shorter_than_range_end_there() {
        let s = score(&[Some(true)], 10..20, &[Outbreak { start: 12, duration: 3 }]);
        assert_eq!(s.detections, vec![Detection::NotEvaluated]);
        assert_eq!((s.false_alarms, s.quiet_points), (1, 1));
    }
}
