#!/usr/bin/env python3
"""The scikit-learn baseline of `cargo xtask eval-flag`, on the same folds.

Reads the CSV files eval-flag writes (id,fold,label,text): for each fold,
fits TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5)) +
LogisticRegression (scikit-learn's defaults otherwise: C=1, lbfgs, raw text
lower-cased by the vectoriser) on the other folds and scores the fold:
precision, recall and F1 of label 1 (Offensive), per fold and their mean,

  * at the default decision threshold 0.5, and
  * at the threshold that maximised F1 in a 3-fold stratified
    cross-validation inside the training folds (as eval-flag chooses its
    own), which is the fair comparison.

Usage (after `cargo xtask eval-flag`):

  python3 -m venv /tmp/sk && /tmp/sk/bin/pip install scikit-learn
  /tmp/sk/bin/python xtask/scripts/flag_baseline.py target/eval-flag/folds.csv target/eval-flag/platforms.csv
"""

import csv
import sys
import time

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline

PLATFORMS = {0: "Twitter", 1: "Facebook", 2: "YouTube"}


def pipeline():
    return make_pipeline(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5)),
        LogisticRegression(max_iter=1000),
    )


def scores(flagged, labels):
    tp = int(np.sum(flagged & labels))
    fp = int(np.sum(flagged & ~labels))
    fn = int(np.sum(~flagged & labels))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return precision, recall, f1


def choose_threshold(probabilities, labels):
    """Halfway between the lowest score flagged and the highest not, at the best F1."""
    positives = int(labels.sum())
    if positives == 0:
        return 0.5
    order = np.argsort(-probabilities, kind="stable")
    best_f1, best, true_positives = -1.0, 0.5, 0
    for rank, i in enumerate(order):
        true_positives += int(labels[i])
        nxt = probabilities[order[rank + 1]] if rank + 1 < len(order) else None
        if nxt is not None and nxt == probabilities[i]:
            continue
        f1 = 2 * true_positives / (rank + 1 + positives)
        if f1 > best_f1:
            best_f1 = f1
            best = probabilities[i] if nxt is None else (probabilities[i] + nxt) / 2
    return best


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    folds = np.array([int(r["fold"]) for r in rows])
    labels = np.array([r["label"] == "1" for r in rows])
    texts = np.array([r["text"] for r in rows], dtype=object)
    return folds, labels, texts


def evaluate(path, title, name):
    folds, labels, texts = read(path)
    print(f"### {title}\n")
    print("| test fold | comments | offensive | default P | R | F1 | tuned threshold | P | R | F1 | train s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    default_rows, tuned_rows = [], []
    for fold in sorted(set(folds)):
        train, test = folds != fold, folds == fold
        started = time.time()
        model = pipeline().fit(texts[train], labels[train])
        inner = StratifiedKFold(n_splits=3, shuffle=False)
        held_out = cross_val_predict(pipeline(), texts[train], labels[train], cv=inner, method="predict_proba")[:, 1]
        threshold = choose_threshold(held_out, labels[train])
        seconds = time.time() - started
        probabilities = model.predict_proba(texts[test])[:, 1]
        default = scores(probabilities >= 0.5, labels[test])
        tuned = scores(probabilities >= threshold, labels[test])
        default_rows.append(default)
        tuned_rows.append(tuned)
        print(
            f"| {name(fold)} | {int(test.sum())} | {int(labels[test].sum())} | "
            + " | ".join(f"{v:.3f}" for v in default)
            + f" | {threshold:.3f} | "
            + " | ".join(f"{v:.3f}" for v in tuned)
            + f" | {seconds:.2f} |"
        )
    d, t = np.mean(default_rows, axis=0), np.mean(tuned_rows, axis=0)
    print(f"| **mean** | | | {d[0]:.3f} | {d[1]:.3f} | **{d[2]:.3f}** | | {t[0]:.3f} | {t[1]:.3f} | **{t[2]:.3f}** | |\n")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    import sklearn

    print(f"scikit-learn {sklearn.__version__}\n")
    evaluate(sys.argv[1], "Baseline: stratified cross-validation (same folds)", lambda f: str(f + 1))
    evaluate(sys.argv[2], "Baseline: held out by platform (trained on the other two)", lambda f: PLATFORMS[f])


if __name__ == "__main__":
    main()
