//! The flagger on the shipped data and lexicon, and its small parts.

use std::sync::OnceLock;

use super::*;

/// Training takes a while in a debug build: once for all tests.
fn shipped() -> &'static Flagger {
    static SHIPPED: OnceLock<Flagger> = OnceLock::new();
    SHIPPED.get_or_init(Flagger::shipped)
}

fn terms(assessment: &Assessment) -> Vec<(&str, TermKind)> {
    assessment
        .reasons
        .iter()
        .filter_map(|r| match r {
            Reason::Term { term, kind } => Some((term.as_str(), *kind)),
            Reason::Pattern { .. } => None,
        })
        .collect()
}

#[test]
fn a_lexicon_term_flags_with_its_reason() {
    let assessment = shipped().assess("اقتلوهم كلهم، هؤلاء الروافض");
    assert!(assessment.flagged);
    assert_eq!(terms(&assessment), [("روافض", TermKind::Sectarian), ("اقتلوهم", TermKind::Incitement)]);
    assert!(
        assessment.reasons.iter().any(|r| matches!(r, Reason::Pattern { weight, .. } if *weight > 0.0)),
        "the n-grams that raised the score come after the terms: {assessment:?}"
    );
}

#[test]
fn innocent_text_with_a_term_inside_a_word_is_not_flagged() {
    for text in [
        "كفارة اليمين إطعام عشرة مساكين",
        "الصليب الأحمر وزع مساعدات على العوائل في المخيم",
        "احنا رافضين قرار غلق الطريق",
        "Kafirstan gundekî bedew e",
    ] {
        let assessment = shipped().assess(text);
        assert!(!assessment.flagged, "{text}: {assessment:?}");
        assert!(assessment.reasons.is_empty());
    }
}

#[test]
fn kurdish_terms_flag_in_both_scripts() {
    let sorani = shipped().assess("ئەوانە گاورن، بیانکوژن");
    assert!(sorani.flagged);
    assert_eq!(terms(&sorani), [("بیانکوژن", TermKind::Incitement)]);
    let kurmanji = shipped().assess("Ew şeytanperestan in, wan ji gund derxînin û wan bikujin");
    assert!(kurmanji.flagged);
    assert_eq!(terms(&kurmanji), [("wan bikujin", TermKind::Incitement), ("şeytanperest", TermKind::Sectarian)]);
    let everyday = shipped().assess("ڕێگای گشتی لە نزیک قوتابخانەکە داخراوە");
    assert!(!everyday.flagged, "{everyday:?}");
}

#[test]
fn an_offensive_comment_of_the_training_data_scores_above_an_innocent_one() {
    let flagger = shipped();
    let comments = corpus::comments();
    let (offensive, innocent): (Vec<&corpus::Comment>, Vec<&corpus::Comment>) =
        comments.iter().partition(|c| c.offensive);
    let mean = |cs: &[&corpus::Comment]| cs.iter().map(|c| flagger.score(&c.text)).sum::<f64>() / cs.len() as f64;
    assert!(mean(&offensive) > flagger.threshold() && mean(&innocent) < flagger.threshold());
}

#[test]
fn scores_are_probabilities_and_deterministic() {
    let flagger = shipped();
    for text in ["يا حيوان يا كلب", "شكرا على المساعدة", "", "   ", "😀😀", "12345", "@User.IDX"]
    {
        let assessment = flagger.assess(text);
        assert!((0.0..=1.0).contains(&assessment.score), "{text}: {}", assessment.score);
        assert_eq!(assessment, flagger.assess(text));
        assert_eq!(assessment.score, flagger.score(text));
    }
    assert!((0.0..1.0).contains(&flagger.threshold()));
}

#[test]
fn training_is_deterministic() {
    let comments = corpus::comments();
    let texts: Vec<&str> = comments.iter().take(600).map(|c| c.text.as_str()).collect();
    let labels: Vec<bool> = comments.iter().take(600).map(|c| c.offensive).collect();
    let train = || Flagger::train(&texts, &labels, Lexicon::shipped(), &Training::default());
    let (first, second) = (train(), train());
    assert_eq!(first, second, "bit for bit");
    assert!(labels.contains(&true) && first.threshold() > 0.0);
}

#[test]
fn empty_text_is_not_flagged() {
    let assessment = shipped().assess("");
    assert!(!assessment.flagged);
    assert!(assessment.reasons.is_empty());
    assert_eq!(assessment.score, shipped().assess("\u{200F} \n").score, "nothing to read is nothing");
}

#[test]
fn patterns_are_the_texts_own_and_distinct() {
    let text = "انت حيوان وكلب وحمار";
    let assessment = shipped().assess(text);
    let patterns: Vec<(&str, f64)> = assessment
        .reasons
        .iter()
        .filter_map(|r| match r {
            Reason::Pattern { ngram, weight } => Some((ngram.as_str(), *weight)),
            Reason::Term { .. } => None,
        })
        .collect();
    assert!(assessment.flagged && !patterns.is_empty() && patterns.len() <= PATTERN_REASONS, "{assessment:?}");
    let grams = features::ngrams(text);
    for (i, (gram, weight)) in patterns.iter().enumerate() {
        assert!(grams.iter().any(|g| g.trim() == *gram), "{gram} is not in the text");
        assert!(*weight > 0.0);
        assert!(patterns[..i].iter().all(|(g, w)| !g.contains(gram) && !gram.contains(g) && w >= weight));
    }
}

#[test]
fn training_learns_a_small_problem_and_picks_its_threshold_inside() {
    let texts =
        ["كلب حقير", "حقير وسخ", "وسخ كلب", "كلب حقير وسخ", "صباح الخير", "الخير كله", "صباح جميل", "جميل الخير"];
    let labels = [true, true, true, true, false, false, false, false];
    let lexicon = Lexicon::parse("term,language,kind,note\nحقير,ar,dehumanising,test\n").expect("valid");
    let flagger = Flagger::train(&texts, &labels, lexicon, &Training::default());
    assert!(flagger.score("كلب وسخ") > flagger.score("صباح الخير"));
    assert!(flagger.assess("كلب وسخ").flagged);
    assert!(!flagger.assess("صباح الخير").flagged);
    assert_eq!(terms(&flagger.assess("يا حقير")), [("حقير", TermKind::Dehumanising)]);
}

#[test]
fn folds_are_stratified() {
    let labels = [true, false, true, false, false, false, true, false];
    let folds = stratified_folds(&labels, 3);
    assert_eq!(folds, [0, 0, 1, 1, 2, 0, 2, 1]);
    assert_eq!(stratified_folds(&[], 3), Vec::<usize>::new());
}

#[test]
fn the_threshold_maximises_f1() {
    // Flagging the top two gives F1 = 2·2 / (2 + 2) = 1.
    let threshold = choose_threshold(&[0.9, 0.8, 0.3, 0.1], &[true, true, false, false]);
    assert!((threshold - 0.55).abs() < 1e-12, "{threshold}");
    // Ties are cut together: the three 0.7s go in or out as one.
    let higher = choose_threshold(&[0.9, 0.7, 0.7, 0.7, 0.2], &[true, false, false, true, false]);
    assert!((higher - 0.8).abs() < 1e-12, "{higher}");
    let lower = choose_threshold(&[0.9, 0.7, 0.7, 0.7, 0.2], &[true, true, false, true, false]);
    assert!((lower - 0.45).abs() < 1e-12, "{lower}");
    // Every score flagged: the lowest score itself.
    assert_eq!(choose_threshold(&[0.4, 0.3], &[true, true]), 0.3);
    assert_eq!(choose_threshold(&[0.4, 0.3], &[false, false]), 0.5);
    assert_eq!(choose_threshold(&[], &[]), 0.5);
}

#[test]
fn the_confident_threshold_is_the_lowest_with_the_precision() {
    let scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4];
    let labels = [true, true, false, true, false, false];
    // At 0.6 and above: 3 of 4; at 0.8 and above: 2 of 2.
    assert!((choose_confident_threshold(&scores, &labels, 0.75) - 0.55).abs() < 1e-12);
    assert!((choose_confident_threshold(&scores, &labels, 0.8) - 0.75).abs() < 1e-12);
    assert_eq!(choose_confident_threshold(&scores, &[false; 6], 0.8), f64::INFINITY);
    let flagger = Flagger::shipped();
    assert!(flagger.confident_threshold() >= flagger.threshold());
}
