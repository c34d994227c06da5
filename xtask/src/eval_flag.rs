//! `cargo xtask eval-flag`: how well `aman_text::flag` recognises offensive
//! comments it was not trained on, against scikit-learn on the same folds.
//!
//! **Cross-validation.** The 4,000 MPOLD comments (`data/text/`) are dealt
//! into `--folds` stratified folds (positives and negatives shuffled apart
//! with `--seed`, then dealt in turn). For each fold a flagger is trained on
//! the others — its threshold chosen by a cross-validation inside those
//! only — and scores the fold: precision, recall and F1 of the label
//! Offensive, per fold and their mean, for the classifier alone (at its F1
//! threshold: the comparison with scikit-learn) and for what the product
//! flags (a lexicon term, or the classifier at its confident threshold),
//! and the share of the hate-speech (HS) comments the classifier flags.
//!
//! **Held out by platform.** Trained on two platforms, tested on the third,
//! for each of the three: a proxy for texts from other sources than the
//! training data.
//!
//! Both splits are written as CSV (`id,fold,label,text`) so that
//! `xtask/scripts/flag_baseline.py` fits scikit-learn's TF-IDF char_wb 2-5 +
//! LogisticRegression on exactly the same folds.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use aman_text::flag::corpus::{self, Comment, Platform};
use aman_text::flag::lexicon::Lexicon;
use aman_text::flag::{Flagger, Training};
use anyhow::{Context, Result};
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;

use crate::cli::FlagArgs;

pub(crate) const DEFAULT_SEED: u64 = 0x00F1_A66E_D5EE;

/// Precision, recall and F1 of one test set.
#[derive(Clone, Copy, Debug, Default)]
struct Scores {
    precision: f64,
    recall: f64,
    f1: f64,
}

fn scores(flagged: &[bool], labels: &[bool]) -> Scores {
    let hit = |f: bool, l: bool| flagged.iter().zip(labels).filter(|&(&a, &b)| a == f && b == l).count() as f64;
    let (tp, fp, fn_) = (hit(true, true), hit(true, false), hit(false, true));
    let precision = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let recall = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 };
    let f1 = if tp > 0.0 { 2.0 * tp / (2.0 * tp + fp + fn_) } else { 0.0 };
    Scores { precision, recall, f1 }
}

/// What one fold's test set gave.
struct FoldResult {
    name: String,
    test_size: usize,
    positives: usize,
    threshold: f64,
    classifier: Scores,
    with_lexicon: Scores,
    /// HS comments flagged by the classifier, and how many there were.
    hate_speech: (usize, usize),
    seconds: f64,
}

/// Trains on the comments whose fold is not `fold` and tests on the rest.
fn run_fold(comments: &[Comment], folds: &[usize], fold: usize, name: String) -> FoldResult {
    let train: Vec<&Comment> = comments.iter().zip(folds).filter(|&(_, &f)| f != fold).map(|(c, _)| c).collect();
    let test: Vec<&Comment> = comments.iter().zip(folds).filter(|&(_, &f)| f == fold).map(|(c, _)| c).collect();
    let texts: Vec<&str> = train.iter().map(|c| c.text.as_str()).collect();
    let labels: Vec<bool> = train.iter().map(|c| c.offensive).collect();
    let started = Instant::now();
    let flagger = Flagger::train(&texts, &labels, Lexicon::shipped(), &Training::default());
    let truth: Vec<bool> = test.iter().map(|c| c.offensive).collect();
    let assessments: Vec<_> = test.iter().map(|c| flagger.assess(&c.text)).collect();
    let by_model: Vec<bool> = assessments.iter().map(|a| a.score >= flagger.threshold()).collect();
    let by_either: Vec<bool> = assessments.iter().map(|a| a.flagged).collect();
    let hs: Vec<usize> = (0..test.len()).filter(|&i| test[i].hate_speech).collect();
    FoldResult {
        name,
        test_size: test.len(),
        positives: truth.iter().filter(|&&l| l).count(),
        threshold: flagger.threshold(),
        classifier: scores(&by_model, &truth),
        with_lexicon: scores(&by_either, &truth),
        hate_speech: (hs.iter().filter(|&&i| by_model[i]).count(), hs.len()),
        seconds: started.elapsed().as_secs_f64(),
    }
}

/// Stratified folds: positives and negatives shuffled apart, dealt in turn.
fn stratified(comments: &[Comment], k: usize, seed: u64) -> Vec<usize> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut folds = vec![0; comments.len()];
    for label in [true, false] {
        let mut members: Vec<usize> = (0..comments.len()).filter(|&i| comments[i].offensive == label).collect();
        members.shuffle(&mut rng);
        for (turn, &i) in members.iter().enumerate() {
            folds[i] = turn % k;
        }
    }
    folds
}

/// Writes `id,fold,label,text` for the baseline.
fn write_folds(path: &Path, comments: &[Comment], folds: &[usize]) -> Result<()> {
    let mut writer = csv::Writer::from_path(path).with_context(|| format!("writing {}", path.display()))?;
    writer.write_record(["id", "fold", "label", "text"])?;
    for (comment, fold) in comments.iter().zip(folds) {
        let label = if comment.offensive { "1" } else { "0" };
        writer.write_record([comment.id.to_string().as_str(), &fold.to_string(), label, &comment.text])?;
    }
    writer.flush()?;
    Ok(())
}

fn table(title: &str, results: &[FoldResult]) -> String {
    let mut out = format!("### {title}\n\n");
    out += "| test fold | comments | offensive | threshold | classifier P | R | F1 | flagged P | R | F1 | HS flagged | train s |\n";
    out += "|---|---|---|---|---|---|---|---|---|---|---|---|\n";
    for r in results {
        let (c, l) = (r.classifier, r.with_lexicon);
        let _ = writeln!(
            out,
            "| {} | {} | {} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {}/{} | {:.2} |",
            r.name,
            r.test_size,
            r.positives,
            r.threshold,
            c.precision,
            c.recall,
            c.f1,
            l.precision,
            l.recall,
            l.f1,
            r.hate_speech.0,
            r.hate_speech.1,
            r.seconds
        );
    }
    let n = results.len() as f64;
    let mean = |f: &dyn Fn(&FoldResult) -> f64| results.iter().map(f).sum::<f64>() / n;
    let _ = writeln!(
        out,
        "| **mean** | | | | {:.3} | {:.3} | **{:.3}** | {:.3} | {:.3} | {:.3} | {}/{} | |",
        mean(&|r| r.classifier.precision),
        mean(&|r| r.classifier.recall),
        mean(&|r| r.classifier.f1),
        mean(&|r| r.with_lexicon.precision),
        mean(&|r| r.with_lexicon.recall),
        mean(&|r| r.with_lexicon.f1),
        results.iter().map(|r| r.hate_speech.0).sum::<usize>(),
        results.iter().map(|r| r.hate_speech.1).sum::<usize>(),
    );
    out
}

pub fn run(FlagArgs { folds: k, seed, out }: FlagArgs) -> Result<()> {
    let comments = corpus::comments();
    let out = out.unwrap_or_else(|| PathBuf::from("target/eval-flag"));
    std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
    let started = Instant::now();
    let shipped = Flagger::shipped();
    println!(
        "Flagger::shipped(): built in {:.2} s, threshold {:.3} (F1), {:.3} (alone flags); seed {seed:#x}, {k} folds.\n",
        started.elapsed().as_secs_f64(),
        shipped.threshold(),
        shipped.confident_threshold()
    );

    let folds = stratified(&comments, k, seed);
    let results: Vec<FoldResult> = (0..k).map(|f| run_fold(&comments, &folds, f, format!("{}", f + 1))).collect();
    print!("{}", table(&format!("Stratified {k}-fold cross-validation (label Offensive)"), &results));
    let cv_path = out.join("folds.csv");
    write_folds(&cv_path, &comments, &folds)?;

    let platform_folds: Vec<usize> =
        comments.iter().map(|c| Platform::ALL.iter().position(|&p| p == c.platform).expect("a platform")).collect();
    let results: Vec<FoldResult> = Platform::ALL
        .iter()
        .enumerate()
        .map(|(f, p)| run_fold(&comments, &platform_folds, f, p.name().to_owned()))
        .collect();
    print!("\n{}", table("Held out by platform (trained on the other two)", &results));
    let platform_path = out.join("platforms.csv");
    write_folds(&platform_path, &comments, &platform_folds)?;

    println!(
        "\nFolds written to {} and {} (id,fold,label,text; platform folds 0 Twitter, 1 Facebook, 2 YouTube).\n\
         Baseline: python3 xtask/scripts/flag_baseline.py {} {}",
        cv_path.display(),
        platform_path.display(),
        cv_path.display(),
        platform_path.display()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_count_hits() {
        let s = scores(&[true, true, false, false], &[true, false, true, false]);
        assert_eq!((s.precision, s.recall, s.f1), (0.5, 0.5, 0.5));
        let none = scores(&[false, false], &[true, false]);
        assert_eq!((none.precision, none.recall, none.f1), (0.0, 0.0, 0.0));
    }

    #[test]
    fn folds_are_stratified_and_seeded() {
        let comments = corpus::comments();
        let folds = stratified(&comments, 5, 7);
        assert_eq!(folds, stratified(&comments, 5, 7));
        assert_ne!(folds, stratified(&comments, 5, 8));
        for f in 0..5 {
            let positives = (0..comments.len()).filter(|&i| folds[i] == f && comments[i].offensive).count();
            assert_eq!(positives, 135, "675 offensive over 5 folds");
            assert_eq!(folds.iter().filter(|&&x| x == f).count(), 800);
        }
    }
}
