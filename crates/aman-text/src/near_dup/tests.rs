//! Small, fast checks of the index; the 100,000-report measurement is
//! `cargo xtask bench-dedup` (docs/benchmarks.md).

use super::*;

/// Background reports of other events, so that the trigram weights look
/// like those of a real queue (the words all reports use weigh little).
const OTHER_EVENTS: [&str; 14] = [
    "اطلاق نار كثيف قرب سوق الخضار في حي الجهاد الساعة 11 ليلا",
    "رمي عشوائي بالهواء جنب مدرسة الفراهيدي في الاعظمية بعد العشاء",
    "نزاع عشائري بين عشيرتين في ناحية الرشيد استخدموا اسلحة متوسطة",
    "تهديد عائلات نازحة بالطرد من مخيم حمام العليل اذا ما يطلعون خلال اسبوع",
    "الكهرباء مقطوعة من ثلاث ايام في قضاء الزبير والناس تعبت",
    "شرطي في سيطرة الدورة ياخذ رشوة من سواق الكيات كل يوم",
    "Gunfire near the Saray market in Mosul old city around midnight",
    "Threats against displaced families in Amriyat al Fallujah camp, told to leave",
    "Şer û teqe li gundê Batîfa, du malbat hatin birîndarkirin",
    "ئاو نییە لە گەڕەکی ئازادی لە کەلار بۆ ماوەی پێنج ڕۆژ",
    "لغم ارضي قرب الطريق الزراعي في ناحية العلم انفجر على راعي غنم",
    "منشورات كراهية ضد المسيحيين في برطلة على الفيسبوك تحرض على الطرد",
    "الله يخليكم سرقة محل ذهب بالكرادة الساعة 2 الظهر والناس خايفة",
    "الله يخليكم اكو مخدرات تنباع يم اعدادية المتنبي بالشعلة والناس خايفة على ولدها",
];

fn index_with_background() -> NearDuplicates {
    let mut index = NearDuplicates::new();
    for (i, text) in OTHER_EVENTS.iter().enumerate() {
        index.insert(1000 + i as u64, text);
    }
    index
}

#[test]
fn paraphrases_with_typos_and_dialect_spellings_join_one_group() {
    let mut index = index_with_background();
    let first = "اطلاق نار كثيف قرب سوق الشورجة في الرصافة الساعة 10 ليلا من سيارتين بيك اب بيضاء";
    assert_eq!(index.insert(1, first), 1);
    for (id, variant) in [
        // Word order, a dropped clause, ة→ه and a Gulf/Iraqi spelling.
        (2, "سيارتين بيك اب بيض فتحوا نار كثيف الساعه 10 ليلا قرب سوق الشورجه بالرصافه"),
        // Letters swapped and dropped (not in the names), hamza on the alef.
        (3, "إطلاق نار كثيف قرب سوق الشورجة في الرصافة الساعة 10 لليا من سيارتين بيك اب بيضا"),
        // Added clauses.
        (4, "الله يخليكم اطلاق نار كثيف قرب سوق الشورجة في الرصافة الساعة 10 ليلا من سيارتين بيك اب بيضاء والناس خايفة"),
    ] {
        assert_eq!(index.insert(id, variant), 1, "{variant}");
    }
    let english = "Heavy gunfire near Shorja market in Rusafa at 10 pm from two white pickups";
    assert_eq!(index.insert(10, english), 10, "another language starts its own group");
    assert_eq!(index.insert(11, "heavy gunfre near the shorja markt, rusafa, 10 pm, two white pick-ups"), 10);
}

#[test]
fn other_events_told_in_the_same_words_stay_apart() {
    let mut index = index_with_background();
    let texts = [
        "اطلاق نار كثيف قرب سوق الشورجة في الرصافة الساعة 10 ليلا من سيارتين بيك اب بيضاء",
        "اطلاق نار كثيف قرب مستشفى اليرموك في الكرخ الساعة 3 فجرا من سيارة همر سوداء",
        "اطلاق نار كثيف قرب جامع ابو حنيفة في الاعظمية الساعة 8 مساء من دراجات نارية",
        "Gunfire near the Ashar market in Basra at 9 in the evening from a black Land Cruiser",
    ];
    for (i, text) in texts.iter().enumerate() {
        assert_eq!(index.insert(i as u64, text), i as u64, "{text}");
    }
}

#[test]
fn short_texts_do_not_collapse_into_one_group() {
    let texts =
        ["اطلاق نار في الموصل", "اطلاق نار في البصرة", "اطلاق نار في كركوك", "gunfire in mosul", "gunfire in basra"];
    assert_eq!(groups(texts), [0, 1, 2, 3, 4]);
    // The same short text again is the same report.
    assert_eq!(groups(["اطلاق نار في الموصل", "إطلاق نار في الموصل"]), [0, 0]);
}

#[test]
fn an_empty_text_is_its_own_group() {
    assert_eq!(groups(["", "", " ، ", "gunfire in mosul", ""]), [0, 1, 2, 3, 4]);
    let mut index = index_with_background();
    assert_eq!(index.insert(7, ""), 7);
    assert!(index.similar("", 10).is_empty());
    assert!(NearDuplicates::new().similar("anything", 10).is_empty());
}

/// Where the answer is clear, the server's index (one by one) and the
/// command line's batch (all at once) agree.
#[test]
fn the_index_and_the_batch_agree_on_clear_cases() {
    let texts: Vec<&str> = OTHER_EVENTS
        .iter()
        .copied()
        .chain([
            "اطلاق نار كثيف قرب سوق الخضار في حي الجهاد الساعه 11 ليلاً",
            "Gunfire near Saray market, Mosul old city, around midnight",
            "ئاو نییە لە گەڕەکی ئازادی لە کەلار بۆ پێنج ڕۆژ",
            "",
        ])
        .collect();
    let batch = groups(texts.iter().copied());
    let mut index = NearDuplicates::default();
    let incremental: Vec<usize> = texts.iter().enumerate().map(|(i, t)| index.insert(i as u64, t) as usize).collect();
    assert_eq!(batch, incremental);
    // The later variants found their events, which shows neither is
    // trivially one group per text.
    assert_eq!(&batch[14..], [0, 6, 9, 17]);
}

#[test]
fn similar_lists_the_most_similar_first_without_inserting() {
    let mut index = index_with_background();
    let event = "اطلاق نار كثيف قرب سوق الشورجة في الرصافة الساعة 10 ليلا من سيارتين بيك اب بيضاء";
    index.insert(1, event);
    index.insert(2, "اطلاق نار قرب سوق الشورجة الساعة 10");
    index.insert(3, "اطلاق نار كثيف قرب سوق الشورجه في الرصافه الساعه 10 ليلا من سيارتين بيك اب");
    let found = index.similar(event, 10);
    let ids: Vec<u64> = found.iter().map(|&(id, _)| id).collect();
    // The short account (2) shares too little of the event's weight.
    assert_eq!(ids, [1, 3], "{found:?}");
    assert!((found[0].1 - 1.0).abs() < 1e-6, "the same text is similarity 1: {found:?}");
    assert!(found.windows(2).all(|w| w[0].1 >= w[1].1 && (0.0..=1.0).contains(&w[1].1)), "{found:?}");
    assert_eq!(index.similar(event, 1).len(), 1);
    assert!(index.similar(event, 0).is_empty());
    assert!(index.similar("an unrelated complaint about school fees in Erbil", 10).is_empty());
    // Asking did not insert: the same answer twice, and inserting later
    // joins the event's group.
    assert_eq!(index.similar(event, 10), found);
    assert_eq!(index.insert(4, event), 1);
}

#[test]
fn groups_do_not_chain_through_small_steps() {
    // Each text drops one detail of the one before and adds another: every
    // neighbour is similar, the ends are not.
    let chain = [
        "اطلاق نار قرب سوق الشورجة في الرصافة الساعة 10 ليلا سيارة بيك اب بيضاء بدون لوحات",
        "اطلاق نار قرب سوق الشورجة في الرصافة الساعة 10 ليلا سيارة بيك اب بيضاء رجال ملثمين",
        "اطلاق نار قرب سوق الشورجة في الرصافة الساعة 10 ليلا رجال ملثمين اصابة طفل",
        "اطلاق نار قرب سوق الشورجة في الرصافة رجال ملثمين اصابة طفل مستشفى الكندي",
        "اطلاق نار قرب سوق الشورجة رجال ملثمين اصابة طفل مستشفى الكندي شارع فلسطين",
        "اطلاق نار رجال ملثمين اصابة طفل مستشفى الكندي شارع فلسطين حي المثنى",
        "رجال ملثمين اصابة طفل مستشفى الكندي شارع فلسطين حي المثنى منطقة زيونة",
    ];
    let grouped = groups(OTHER_EVENTS.iter().copied().chain(chain));
    let chain_groups = &grouped[OTHER_EVENTS.len()..];
    assert_eq!(chain_groups[1], OTHER_EVENTS.len(), "neighbours group: {chain_groups:?}");
    assert_ne!(chain_groups[6], OTHER_EVENTS.len(), "the far end is not the first: {chain_groups:?}");
}

#[test]
fn the_same_reports_in_the_same_order_give_the_same_answers() {
    let texts: Vec<String> =
        (0..300).map(|i| format!("{} رقم {} في المحلة {}", OTHER_EVENTS[i % 14], i % 17, i % 5)).collect();
    let first = groups(texts.iter().map(String::as_str));
    let second = groups(texts.iter().map(String::as_str));
    assert_eq!(first, second);
    assert!(first.iter().enumerate().all(|(i, &g)| g <= i && first[g] == g), "groups point at first members");
    let build = || {
        let mut index = NearDuplicates::new();
        for (i, text) in texts.iter().enumerate() {
            index.insert(i as u64, text);
        }
        index.similar(OTHER_EVENTS[0], 50)
    };
    assert_eq!(build(), build());
}

#[test]
fn other_parameters_are_used_and_shown() {
    let text = "اطلاق نار كثيف قرب سوق الشورجة في الرصافة الساعة 10 ليلا";
    let shipped = Parameters::default();
    assert_eq!(groups([text, text]), [0, 0]);
    // A window of none compares with nothing.
    let mut blind = NearDuplicates::with_parameters(Parameters { window: 0, ..shipped });
    assert_eq!((blind.insert(1, text), blind.insert(2, text)), (1, 2));
    // Similarity 1 is the most there is: a threshold above it joins nothing.
    let mut strict = NearDuplicates::with_parameters(Parameters { join_similarity: 1.01, ..shipped });
    assert_eq!((strict.insert(1, text), strict.insert(2, text)), (1, 2));
    let shown = shipped.to_string();
    assert!(shown.contains(&format!("Jaccard >= {}", shipped.join_similarity)), "{shown}");
    assert!(shown.contains("every earlier report compared"), "{shown}");
    let windowed = Parameters { window: 3000, ..shipped }.to_string();
    assert!(windowed.contains("only the last 3000 reports compared"), "{windowed}");
}

/// A batch groups the same reports together in whatever order its rows
/// come (arrival, reversed, by place): no window of recent reports decides.
#[test]
fn a_batch_in_another_order_gives_the_same_groups() {
    let reports = [
        "اطلاق نار كثيف قرب سوق الشورجة في الرصافة الساعة 10 ليلا من سيارتين بيك اب بيضاء",
        "سيارتين بيك اب بيض فتحوا نار كثيف الساعه 10 ليلا قرب سوق الشورجه بالرصافه",
        "اطلاق نار كثيف قرب مستشفى اليرموك في الكرخ الساعة 3 فجرا من سيارة همر سوداء",
        "الله يخليكم اطلاق نار كثيف قرب مستشفى اليرموك بالكرخ الساعه 3 الفجر سياره همر سودا",
        "Gunfire near the Ashar market in Basra at 9 in the evening from a black Land Cruiser",
        "gunfire near ashar market basra, 9 in the evening, a black land cruiser",
    ];
    let texts: Vec<&str> = OTHER_EVENTS.iter().copied().chain(reports).collect();
    // Each pair of reports is one event; every other text stands alone.
    let partition = |order: &[usize]| {
        let found = groups(order.iter().map(|&i| texts[i]));
        let mut by_text = vec![0; texts.len()];
        for (at, &i) in order.iter().enumerate() {
            by_text[i] = order[found[at]];
        }
        (0..texts.len())
            .map(|i| (0..texts.len()).filter(|&j| by_text[j] == by_text[i]).collect::<Vec<_>>())
            .collect::<Vec<_>>()
    };
    let arrival: Vec<usize> = (0..texts.len()).collect();
    let expected = partition(&arrival);
    let n = OTHER_EVENTS.len();
    for pair in 0..3 {
        assert_eq!(expected[n + 2 * pair], [n + 2 * pair, n + 2 * pair + 1], "{expected:?}");
    }
    assert!((0..n).all(|i| expected[i] == [i]), "{expected:?}");
    let reversed: Vec<usize> = arrival.iter().rev().copied().collect();
    let interleaved: Vec<usize> = (0..texts.len()).map(|i| (i * 7) % texts.len()).collect();
    assert_eq!(partition(&reversed), expected);
    assert_eq!(partition(&interleaved), expected);
}

#[test]
fn the_same_words_with_other_numbers_weigh_less() {
    // Two explosions told alike: one in block 133 with 6 hurt, the other in
    // block 977 with 3 hurt; a copy of the first keeps 133; a telling with
    // no numbers at all.
    let first = "عبوة ناسفة انفجرت في البلوك 133 قرب السوق الكبير وصار 6 جرحى والشرطة ما اجت";
    let other = "عبوة ناسفة انفجرت في البلوك 977 قرب السوق الكبير وصار 3 جرحى والشرطة ما اجت";
    let copy = "الله يخليكم عبوه ناسفه انفجرت بالبلوك 133 قرب السوق الكبير والشرطة ما اجت";
    let words_only = "عبوة ناسفة انفجرت قرب السوق الكبير في البلوك وصار جرحى والشرطة ما اجت";
    let similarity = |number_conflict: f32, text: &str| {
        let mut index = NearDuplicates::with_parameters(Parameters { number_conflict, ..Parameters::default() });
        for (i, background) in OTHER_EVENTS.iter().enumerate() {
            index.insert(1000 + i as u64, background);
        }
        index.insert(1, first);
        index.similar(text, 1).first().map_or(0.0, |&(id, s)| if id == 1 { s } else { 0.0 })
    };
    let shipped = Parameters::default().number_conflict;
    assert!(shipped < 1.0);
    let (conflicting, ignoring) = (similarity(shipped, other), similarity(1.0, other));
    assert!(ignoring > 0.5, "{ignoring}");
    assert!((conflicting - ignoring * f64::from(shipped)).abs() < 1e-6, "{conflicting} vs {ignoring}");
    for text in [copy, words_only] {
        let (with, without) = (similarity(shipped, text), similarity(1.0, text));
        assert!(with > 0.5 && (with - without).abs() < 1e-9, "{text}: {with} vs {without}");
    }
}

#[test]
fn numbers_conflict_only_when_both_have_some_and_share_none() {
    assert!(disjoint(&[3, 6], &[2, 9]));
    assert!(!disjoint(&[3, 6], &[6, 9]));
    assert!(!disjoint(&[], &[1]));
    assert!(!disjoint(&[1], &[]));
    assert!(!disjoint(&[], &[]));
}

/// In a batch, a word written once and one letter away from a word others
/// wrote is read as that word: a copy retyped with many typos still joins
/// its report.
#[test]
fn a_batch_reads_typos_as_the_words_others_wrote() {
    let report = "اطلاق نار كثيف قرب سوق الشورجة في الرصافة الساعة 10 ليلا من سيارتين بيك اب بيضاء";
    let retyped = "اطلاق نار كيثف قرب سوق الشروجة في الرصفة الساعة 10 ليلا من سيراتين بيك اب بيضءا";
    let texts: Vec<&str> = OTHER_EVENTS.iter().copied().chain([report, report, retyped]).collect();
    let found = groups(texts.iter().copied());
    let n = OTHER_EVENTS.len();
    assert_eq!(found[n..], [n, n, n], "{found:?}");
    // Alone with its report (each word written once), the copy's typos
    // are not read as anything, and the two stay apart.
    let alone = groups([report, retyped]);
    assert_eq!(alone, [0, 1]);
}

/// A message forwarded hundreds of times has no rare trigram left to find
/// its copies by; it is still one group, in a batch and (its exact copies)
/// in the index.
#[test]
fn a_message_forwarded_hundreds_of_times_is_one_group() {
    let text = "اطلاق نار كثيف قرب سوق الشورجة في الرصافة الساعة 10 ليلا من سيارتين بيك اب بيضاء";
    let forwarded = format!("{text} انشروها");
    let texts: Vec<&str> = std::iter::repeat_n(text, 300)
        .chain(std::iter::repeat_n(forwarded.as_str(), 200))
        .chain(OTHER_EVENTS)
        .collect();
    let found = groups(texts.iter().copied());
    assert!(found[..500].iter().all(|&g| g == 0), "{:?}", &found[..500]);
    assert!(found[500..].iter().enumerate().all(|(i, &g)| g == 500 + i), "other events alone: {:?}", &found[500..]);
    let mut index = index_with_background();
    let joined: Vec<u64> = texts[..300].iter().zip(1..).map(|(text, id)| index.insert(id, text)).collect();
    assert!(joined.iter().all(|&g| g == 1), "{joined:?}");
}
