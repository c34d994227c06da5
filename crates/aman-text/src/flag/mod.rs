//! Hate speech and incitement, flagged for human review — never rejected or
//! hidden by machine — with the reasons a reviewer can check.
//!
//! Two readers look at a text:
//!
//! * a **classifier**: logistic regression (L2, fitted by dual coordinate descent,
//!   so the same data give the same model) over hashed character n-grams of the
//!   normalised words, weighted by TF-IDF ([`features`], [`model`]). It is
//!   trained at start from the embedded MPOLD comments ([`corpus`]) to
//!   recognise the annotators' majority label *Offensive* (675 of 4,000).
//!   Hate speech proper (HS) is a subset of those (180; 36 more are
//!   vulgar, the rest insults), too few to learn from on its own (under
//!   150 per training fold in a cross-validation) and labelled only as a
//!   kind of offensive comment; offensive language is the broader signal
//!   that a person should look, which is all a flag asks for, and the
//!   evaluation reports how many HS comments are flagged. Two thresholds
//!   come from a cross-validation inside the training data: the one that
//!   maximised F1 (what the evaluation compares) and the *confident* one,
//!   where the classifier had precision [`CONFIDENT_PRECISION`]: only from
//!   there does the classifier flag a text by itself;
//! * a **lexicon** of sectarian, dehumanising and incitement terms of Iraqi
//!   Arabic, Sorani, Kurmanji and English ([`lexicon`]), which the training
//!   data (Egyptian, Gulf and Levantine news comments) barely cover. Any
//!   term found flags the text.
//!
//! The figures are in `docs/benchmarks.md` ("Hate speech and incitement
//! flags", `cargo xtask eval-flag`).

pub mod corpus;
pub mod features;
pub mod lexicon;
pub mod model;

use features::{Row, Vocabulary};
use lexicon::{Lexicon, TermKind};
use model::{Linear, Settings};

/// Why a text was flagged.
#[derive(Clone, Debug, PartialEq)]
pub enum Reason {
    /// A lexicon term was found.
    Term {
        /// The term as the lexicon writes it.
        term: String,
        /// What it does.
        kind: TermKind,
    },
    /// A character n-gram of the text that raised the classifier's score.
    Pattern {
        /// The n-gram, without its word-boundary padding.
        ngram: String,
        /// How much it added to the model's log-odds.
        weight: f64,
    },
}

/// What the flagger made of one text.
#[derive(Clone, Debug, PartialEq)]
pub struct Assessment {
    /// The classifier's probability that the text is offensive, in [0, 1].
    pub score: f64,
    /// Whether a person should review it: a lexicon term was found, or the
    /// score reached the confident threshold ([`Flagger::confident_threshold`]).
    pub flagged: bool,
    /// Terms found, then (if flagged) the n-grams that raised the score
    /// most; empty if not flagged.
    pub reasons: Vec<Reason>,
}

/// How a flagger is trained.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Training {
    /// The classifier's settings.
    pub settings: Settings,
    /// Folds of the cross-validation inside the training data that picks
    /// the threshold (at least 2).
    pub threshold_folds: usize,
}

impl Default for Training {
    fn default() -> Training {
        Training { settings: Settings::default(), threshold_folds: 3 }
    }
}

/// How many n-gram reasons an assessment gives at most.
const PATTERN_REASONS: usize = 3;

/// Reads texts for hate speech and incitement.
#[derive(Clone, Debug, PartialEq)]
pub struct Flagger {
    vocabulary: Vocabulary,
    model: Linear,
    threshold: f64,
    confident: f64,
    lexicon: Lexicon,
}

/// The precision the classifier alone must have had, in the cross-validation
/// inside its training data, at the score from which it flags a text by
/// itself. At the F1 threshold it is about 0.55 on the training data and
/// lower on Iraqi reports of armed violence ("مسلحين يطلقون النار" scores
/// near it): a flag that is wrong half the time teaches reviewers to ignore
/// it.
pub const CONFIDENT_PRECISION: f64 = 0.8;

/// Assigns each label to one of `k` folds, positives and negatives dealt
/// out in turn so every fold has its share of both; deterministic.
pub fn stratified_folds(labels: &[bool], k: usize) -> Vec<usize> {
    let mut dealt = [0, 0];
    labels
        .iter()
        .map(|&label| {
            let next = &mut dealt[usize::from(label)];
            *next += 1;
            (*next - 1) % k
        })
        .collect()
}

/// The lowest threshold on `scores` at which the scores at or above it have
/// at least `precision` of positive labels (halfway to the next lower
/// score); infinite when no threshold reaches it.
pub fn choose_confident_threshold(scores: &[f64], labels: &[bool], precision: f64) -> f64 {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
    let (mut true_positives, mut best) = (0usize, f64::INFINITY);
    for (rank, &i) in order.iter().enumerate() {
        true_positives += usize::from(labels[i]);
        let next = order.get(rank + 1).map(|&j| scores[j]);
        if next == Some(scores[i]) {
            continue;
        }
        if true_positives as f64 >= precision * (rank + 1) as f64 {
            best = next.map_or(scores[i], |n| (scores[i] + n) / 2.0);
        }
    }
    best
}

/// The threshold on `scores` that maximises F1 for `labels`: halfway
/// between the lowest score flagged and the highest one not flagged. With
/// no positive label, 0.5.
pub fn choose_threshold(scores: &[f64], labels: &[bool]) -> f64 {
    let positives = labels.iter().filter(|&&l| l).count();
    if positives == 0 || scores.is_empty() {
        return 0.5;
    }
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
    let (mut true_positives, mut best_f1, mut best) = (0usize, -1.0, 0.5);
    for (rank, &i) in order.iter().enumerate() {
        true_positives += usize::from(labels[i]);
        let next = order.get(rank + 1).map(|&j| scores[j]);
        if next == Some(scores[i]) {
            continue;
        }
        let flagged = rank + 1;
        let f1 = 2.0 * true_positives as f64 / (flagged + positives) as f64;
        if f1 > best_f1 {
            best_f1 = f1;
            best = next.map_or(scores[i], |n| (scores[i] + n) / 2.0);
        }
    }
    best
}

impl Flagger {
    /// The shipped flagger: trained on the embedded MPOLD comments (label
    /// Offensive) with the shipped lexicon and the default settings.
    pub fn shipped() -> Flagger {
        let comments = corpus::comments();
        let texts: Vec<&str> = comments.iter().map(|c| c.text.as_str()).collect();
        let labels: Vec<bool> = comments.iter().map(|c| c.offensive).collect();
        Flagger::train(&texts, &labels, Lexicon::shipped(), &Training::default())
    }

    /// Trains the classifier on `texts` and their labels; the threshold is
    /// chosen by cross-validation within these texts only. The vocabulary
    /// and its IDF come from all of them (no label is read for that).
    pub fn train(texts: &[&str], labels: &[bool], lexicon: Lexicon, training: &Training) -> Flagger {
        assert_eq!(texts.len(), labels.len(), "one label per text");
        let counts: Vec<Vec<(u32, u32)>> = texts.iter().map(|t| features::counts(t)).collect();
        let vocabulary = Vocabulary::fit(&counts);
        let rows = vocabulary.rows(&counts);
        let k = training.threshold_folds.max(2);
        let folds = stratified_folds(labels, k);
        let mut held_out = vec![0.0; texts.len()];
        for fold in 0..k {
            let inside: Vec<usize> = (0..texts.len()).filter(|&i| folds[i] != fold).collect();
            let inside_rows: Vec<Row> = inside.iter().map(|&i| rows[i].clone()).collect();
            let inside_labels: Vec<bool> = inside.iter().map(|&i| labels[i]).collect();
            let model = model::fit(&inside_rows, &inside_labels, vocabulary.len(), &training.settings);
            // A held-out text is read as a new one: without the n-grams
            // the fold's training texts never had.
            let mut seen = vec![false; vocabulary.len()];
            inside_rows.iter().flat_map(|r| &r.columns).for_each(|&c| seen[c as usize] = true);
            for i in (0..texts.len()).filter(|&i| folds[i] == fold) {
                held_out[i] = model.probability(&restrict(&rows[i], &seen));
            }
        }
        let threshold = choose_threshold(&held_out, labels);
        let confident = choose_confident_threshold(&held_out, labels, CONFIDENT_PRECISION).max(threshold);
        let model = model::fit(&rows, labels, vocabulary.len(), &training.settings);
        Flagger { vocabulary, model, threshold, confident, lexicon }
    }

    /// The score at and above which the classifier flags a text.
    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    /// The score at and above which the classifier alone flags a text: where
    /// it reached [`CONFIDENT_PRECISION`] in the cross-validation inside its
    /// training data (never below [`Flagger::threshold`]).
    pub fn confident_threshold(&self) -> f64 {
        self.confident
    }

    /// The classifier's probability that `text` is offensive, in [0, 1].
    pub fn score(&self, text: &str) -> f64 {
        self.model.probability(&self.vocabulary.row(&features::counts(text)))
    }

    /// Reads one text.
    pub fn assess(&self, text: &str) -> Assessment {
        let score = self.score(text);
        let mut reasons: Vec<Reason> = self
            .lexicon
            .find(text)
            .into_iter()
            .map(|entry| Reason::Term { term: entry.term.text.clone(), kind: entry.kind })
            .collect();
        let flagged = score >= self.confident || !reasons.is_empty();
        if flagged {
            reasons.extend(self.patterns(text));
        }
        Assessment { score, flagged, reasons }
    }

    /// The n-grams of `text` that raised its score most, one per word part:
    /// an n-gram inside one already given, or holding it, is skipped.
    fn patterns(&self, text: &str) -> Vec<Reason> {
        let grams = features::ngrams(text);
        let counts = features::counts(text);
        let row = self.vocabulary.row(&counts);
        let mut raised: Vec<(String, f64)> = Vec::new();
        for gram in &grams {
            let Some(column) = self.vocabulary.column(features::bucket(gram)) else { continue };
            let Some(at) = row.columns.iter().position(|&c| c as usize == column) else { continue };
            let weight = self.model.weights[column] * row.values[at];
            let shown = gram.trim().to_owned();
            if weight > 0.0 && !raised.iter().any(|(g, _)| *g == shown) {
                raised.push((shown, weight));
            }
        }
        raised.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let mut chosen: Vec<(String, f64)> = Vec::new();
        for (gram, weight) in raised {
            if chosen.len() == PATTERN_REASONS {
                break;
            }
            if !chosen.iter().any(|(g, _)| g.contains(gram.as_str()) || gram.contains(g.as_str())) {
                chosen.push((gram, weight));
            }
        }
        chosen.into_iter().map(|(ngram, weight)| Reason::Pattern { ngram, weight }).collect()
    }
}

/// `row` without the columns not `seen`, scaled to unit length again.
fn restrict(row: &Row, seen: &[bool]) -> Row {
    let mut kept = Row::default();
    for (&c, &v) in row.columns.iter().zip(&row.values) {
        if seen[c as usize] {
            kept.columns.push(c);
            kept.values.push(v);
        }
    }
    let norm = kept.values.iter().map(|v| v * v).sum::<f64>().sqrt();
    if norm > 0.0 {
        kept.values.iter_mut().for_each(|v| *v /= norm);
    }
    kept
}

#[cfg(test)]
mod tests;
