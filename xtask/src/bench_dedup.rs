//! `cargo xtask bench-dedup`: near-duplicate reports (`aman_text::near_dup`)
//! on a seeded corpus with known groups.
//!
//! The generator draws events independently: a kind of threat, a real
//! sub-district (from the embedded boundaries, named in the report's
//! language), a landmark, a day and an hour, and the kind's details
//! (vehicles, people, tribes, the group targeted, days without service, the
//! office and the bribe). Each event is reported 1 to 8 times, each report
//! written afresh from the event's facts: phrases chosen among synonyms,
//! clauses shuffled, added (greetings, pleas) or dropped (the time, a
//! detail, the landmark), numbers as digits or words, then the writer's
//! spelling (ة/ه, ى/ي, hamza forms, ک/ی, Iraqi گ for ق) and typos (letters
//! swapped, dropped or doubled). An event's reports share one language:
//! mostly Iraqi Arabic, Sorani in Erbil and Sulaymaniyah, Kurmanji in
//! Duhok, English anywhere. Different events differ only as independent
//! draws do, so two events of one kind in one sub-district are common.
//!
//! That is `--corpus accounts`: independent accounts of one event. With
//! `--corpus copies` an event's first report is written so, and each of its
//! other reports is that text edited, as a report forwarded, re-typed or
//! pasted again is: a run of words dropped or moved, a greeting or plea
//! added, then the writer's spelling and typos as above — the near-duplicates
//! of the usual definition.

use std::time::Instant;

use aman_geo::{Areas, embedded_boundaries, parse_ocha};
use aman_text::near_dup::{self, NearDuplicates, Parameters};
use anyhow::{Context, Result};
use rand::rngs::StdRng;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};

use crate::cli::{DedupArgs, DedupCorpus, DedupOrder};

mod phrases;

use crate::cpu;
use phrases::*;

pub(crate) const DEFAULT_SEED: u64 = 0xD0_0B1E_2026;
const MAX_REPORTS_PER_EVENT: usize = 8;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Lang {
    Arabic = 0,
    Sorani = 1,
    Kurmanji = 2,
    English = 3,
}

/// An event: everything its reports may say.
struct Event {
    lang: Lang,
    kind: usize,
    place: usize,
    mark: usize,
    day: usize,
    part: usize,
    hour: u32,
    n: usize,
    days: u32,
    amt: u32,
    vehicle: usize,
    colour: usize,
    tribes: (usize, usize),
    targeted: usize,
    office: usize,
    /// Block (mahalla) and lane.
    address: (u32, u32),
    /// How this event is usually called, and the details it is known by
    /// (clause numbers in the kind's lists of its language).
    what: usize,
    details: Vec<usize>,
}

/// A sub-district's names and the language its reports are mostly in.
struct Place {
    names: [String; 4],
    lang: Lang,
}

fn places() -> Result<Vec<Place>> {
    let records = embedded_boundaries()
        .into_iter()
        .map(|(level, text)| parse_ocha(level, text))
        .collect::<Result<Vec<_>, _>>()
        .context("embedded boundaries")?;
    let areas = Areas::new(records.into_iter().flatten().collect()).context("areas")?;
    let places = areas
        .at_level(3)
        .map(|area| {
            let governorate = areas.ancestry(&area.pcode).into_iter().rev().nth(1).unwrap_or_default();
            let lang = match governorate.as_str() {
                "IQG06" | "IQG11" => Lang::Sorani,
                "IQG09" => Lang::Kurmanji,
                _ => Lang::Arabic,
            };
            let ckb = area.name_ckb.clone().unwrap_or_else(|| area.name_ar.clone());
            let kmr = area.name_kmr.clone().unwrap_or_else(|| area.name_en.clone());
            Place { names: [area.name_ar.clone(), ckb, kmr, area.name_en.clone()], lang }
        })
        .collect();
    Ok(places)
}

fn draw_event(rng: &mut StdRng, places: &[Place]) -> Event {
    let place = rng.random_range(0..places.len());
    let lang = match (places[place].lang, rng.random_range(0..100)) {
        (_, 0..8) => Lang::English,
        (Lang::Sorani | Lang::Kurmanji, 8..20) => Lang::Arabic,
        (lang, _) => lang,
    };
    let tribe = rng.random_range(0..TRIBES[0].len());
    let kind = rng.random_range(0..KINDS.len());
    let mut details: Vec<usize> = (0..KINDS[kind].details[lang as usize].len()).collect();
    details.shuffle(rng);
    details.truncate(rng.random_range(1..=3));
    Event {
        what: rng.random_range(0..KINDS[kind].what[lang as usize].len()),
        details,
        lang,
        kind,
        place,
        mark: rng.random_range(0..LANDMARKS[0].len()),
        day: rng.random_range(0..7),
        part: rng.random_range(0..4),
        hour: rng.random_range(1..=12),
        n: rng.random_range(2..=9),
        days: rng.random_range(2..=30),
        amt: 25 * rng.random_range(1..=20),
        vehicle: rng.random_range(0..VEHICLES[0].len()),
        colour: rng.random_range(0..COLOURS[0].len()),
        tribes: (tribe, (tribe + rng.random_range(1..TRIBES[0].len())) % TRIBES[0].len()),
        targeted: rng.random_range(0..TARGETED[0].len()),
        office: rng.random_range(0..OFFICES[0].len()),
        address: (rng.random_range(100..1000), rng.random_range(1..60)),
    }
}

/// One report of the event, written afresh.
fn write_report(rng: &mut StdRng, event: &Event, places: &[Place]) -> String {
    let l = event.lang as usize;
    let kind = &KINDS[event.kind];
    let fill = |rng: &mut StdRng, template: &str| -> String {
        let n = if rng.random_bool(0.5) { event.n.to_string() } else { NUMBERS[l][event.n - 2].to_owned() };
        template
            .replace("{mark}", LANDMARKS[l][event.mark])
            .replace("{place}", &places[event.place].names[l])
            .replace("{day}", WEEKDAYS[l][event.day])
            .replace("{part}", PARTS_OF_DAY[l][event.part])
            .replace("{hour}", &event.hour.to_string())
            .replace("{n}", &n)
            .replace("{days}", &event.days.to_string())
            .replace("{amt}", &event.amt.to_string())
            .replace("{veh}", VEHICLES[l][event.vehicle])
            .replace("{col}", COLOURS[l][event.colour])
            .replace("{t1}", TRIBES[l][event.tribes.0])
            .replace("{t2}", TRIBES[l][event.tribes.1])
            .replace("{grp}", TARGETED[l][event.targeted])
            .replace("{office}", OFFICES[l][event.office])
            .replace("{mah}", &event.address.0.to_string())
            .replace("{zq}", &event.address.1.to_string())
    };
    let pick = |rng: &mut StdRng, table: &Table| -> &'static str { table[l].choose(rng).copied().unwrap_or_default() };
    // Reporters mostly use the event's usual name and mention the details
    // it is known by; some call it otherwise, leave things out or add one.
    let what = if rng.random_bool(0.6) { kind.what[l][event.what] } else { pick(rng, &kind.what) };
    let mut clauses = vec![what.to_owned()];
    let where_template = pick(rng, &WHERE);
    let mut where_ = fill(rng, where_template);
    if rng.random_bool(0.15) {
        // Only the place, without the landmark.
        where_ = places[event.place].names[l].clone();
    }
    clauses.push(where_);
    if rng.random_bool(0.4) {
        let address = pick(rng, &ADDRESS);
        clauses.push(fill(rng, address));
    }
    if rng.random_bool(0.7) {
        let when = pick(rng, &WHEN);
        clauses.push(fill(rng, when));
    }
    for &detail in &event.details {
        if rng.random_bool(0.8) {
            clauses.push(fill(rng, kind.details[l][detail]));
        }
    }
    if rng.random_bool(0.15) {
        let extra = pick(rng, &kind.details);
        clauses.push(fill(rng, extra));
    }
    // Keep "what" first or move it; the rest in any order.
    clauses[1..].shuffle(rng);
    if rng.random_bool(0.3) {
        let last = clauses.len() - 1;
        clauses.swap(0, rng.random_range(0..=last));
    }
    if rng.random_bool(0.3) {
        clauses.insert(0, pick(rng, &OPENERS).to_owned());
    }
    if rng.random_bool(0.35) {
        clauses.push(pick(rng, &CLOSERS).to_owned());
    }
    let separator = [" ", "، ", " و", ". "][rng.random_range(0..4)];
    let separator = if event.lang == Lang::Arabic || event.lang == Lang::Sorani {
        separator
    } else {
        [" ", ", ", ". "][rng.random_range(0..3)]
    };
    let text = clauses.join(separator);
    let text = spell(rng, event.lang, &text);
    typos(rng, &text)
}

/// The writer's own spelling of Arabic-script letters (each writer is
/// consistent) and, in Iraqi Arabic, the spoken گ and چ.
fn spell(rng: &mut StdRng, lang: Lang, text: &str) -> String {
    let mut text = text.to_owned();
    if lang == Lang::Arabic || lang == Lang::Sorani {
        for (from, to, p) in
            [("ة", "ه", 0.4), ("ى", "ي", 0.3), ("أ", "ا", 0.5), ("إ", "ا", 0.5), ("ك", "ک", 0.1), ("ي", "ی", 0.1)]
        {
            if rng.random_bool(p) {
                text = text.replace(from, to);
            }
        }
        // At the end of a word: ي written ى; at its start: ا written أ.
        for (from, to, at_end, p) in [('ي', 'ى', true, 0.1), ('ا', 'أ', false, 0.05)] {
            if rng.random_bool(p) {
                text = text.split(' ').map(|w| swap_end(w, from, to, at_end)).collect::<Vec<_>>().join(" ");
            }
        }
    }
    if lang == Lang::Arabic && rng.random_bool(0.2) {
        for (from, to) in
            [("قرب", "گرب"), ("قريب", "گريب"), ("قطعة", "گطعة"), ("مقطوع", "مگطوع"), ("كلش", "چلش"), ("كبير", "چبير")]
        {
            text = text.replace(from, to);
        }
    }
    if lang == Lang::Kurmanji && rng.random_bool(0.4) {
        // Typed without the circumflex and cedilla.
        text = text.replace('ê', "e").replace('î', "i").replace('û', "u").replace('ç', "c").replace('ş', "s");
    }
    text
}

/// The word with its last (or first) letter changed, if it is `from`.
fn swap_end(word: &str, from: char, to: char, at_end: bool) -> String {
    let mut letters: Vec<char> = word.chars().collect();
    let at = if at_end { letters.len().checked_sub(1) } else { Some(0) };
    if let Some(at) = at.filter(|&at| letters.get(at) == Some(&from)) {
        letters[at] = to;
    }
    letters.into_iter().collect()
}

/// Typos: in a word of four letters or more, now and then two letters
/// swapped, one dropped or one doubled.
fn typos(rng: &mut StdRng, text: &str) -> String {
    let rate = [0.0, 0.03, 0.08][rng.random_range(0..3)];
    text.split(' ')
        .map(|word| {
            let mut letters: Vec<char> = word.chars().collect();
            if letters.len() >= 4 && rng.random_bool(rate) {
                let at = rng.random_range(1..letters.len() - 1);
                match rng.random_range(0..3) {
                    0 => letters.swap(at, at + 1),
                    1 => {
                        letters.remove(at);
                    }
                    _ => letters.insert(at, letters[at]),
                }
            }
            letters.into_iter().collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The corpus: reports in arrival order (an event's reports spread over the
/// following reports) with their event numbers.
fn corpus(reports: usize, seed: u64, kind: DedupCorpus) -> Result<Vec<(usize, Lang, String)>> {
    let places = places()?;
    let mut rng = StdRng::seed_from_u64(seed);
    let mut slots: Vec<(usize, usize)> = Vec::with_capacity(reports + MAX_REPORTS_PER_EVENT);
    let mut events = Vec::new();
    while slots.len() < reports {
        let count = (1..=MAX_REPORTS_PER_EVENT).find(|_| rng.random_bool(0.45)).unwrap_or(MAX_REPORTS_PER_EVENT);
        let start = slots.len();
        for _ in 0..count.min(reports - start) {
            // A report arrives after its event's first, mostly soon, some
            // much later.
            let delay = if rng.random_bool(0.9) { rng.random_range(0..200) } else { rng.random_range(0..4000) };
            slots.push((start + delay, events.len()));
        }
        events.push(draw_event(&mut rng, &places));
    }
    slots.sort_by_key(|&(at, event)| (at, event));
    let mut first: Vec<Option<String>> = vec![None; events.len()];
    Ok(slots
        .into_iter()
        .map(|(_, event)| {
            let text = match (kind, &first[event]) {
                (DedupCorpus::Copies, Some(base)) => edit(&mut rng, events[event].lang, base),
                _ => write_report(&mut rng, &events[event], &places),
            };
            if first[event].is_none() {
                first[event] = Some(text.clone());
            }
            (event, events[event].lang, text)
        })
        .collect())
}

/// Another copy of a report: a run of words dropped or moved, a greeting or
/// a plea added, in the writer's own spelling, with typos.
fn edit(rng: &mut StdRng, lang: Lang, base: &str) -> String {
    let mut words: Vec<&str> = base.split(' ').collect();
    let run = |rng: &mut StdRng, len: usize, share: f64| {
        let most = ((len as f64 * share) as usize).max(1);
        let n = rng.random_range(1..=most);
        (rng.random_range(0..=len.saturating_sub(n)), n)
    };
    if words.len() > 4 && rng.random_bool(0.4) {
        let (at, n) = run(rng, words.len(), 0.2);
        words.drain(at..at + n);
    }
    if words.len() > 4 && rng.random_bool(0.3) {
        let (at, n) = run(rng, words.len(), 0.25);
        let moved: Vec<&str> = words.drain(at..at + n).collect();
        let to = rng.random_range(0..=words.len());
        words.splice(to..to, moved);
    }
    let l = lang as usize;
    let mut text = words.join(" ");
    if rng.random_bool(0.3) {
        text = format!("{} {text}", OPENERS[l].choose(rng).copied().unwrap_or_default());
    }
    if rng.random_bool(0.3) {
        text = format!("{text} {}", CLOSERS[l].choose(rng).copied().unwrap_or_default());
    }
    let spelt = spell(rng, lang, &text);
    typos(rng, &spelt)
}

pub fn run(DedupArgs { reports, seed, corpus: kind, order, incremental, write_corpus }: DedupArgs) -> Result<()> {
    let started = Instant::now();
    let mut corpus = corpus(reports, seed, kind)?;
    if order == DedupOrder::Shuffled {
        corpus.shuffle(&mut StdRng::seed_from_u64(seed ^ 0x5eed));
    }
    let events = corpus.iter().map(|&(event, _, _)| event).max().map_or(0, |e| e + 1);
    let in_lang = |lang: Lang| corpus.iter().filter(|(_, l, _)| *l == lang).count();
    println!(
        "corpus: {} reports of {events} events ({}, {}, seed {seed:#x}), made in {:.1} s; Arabic {}, Sorani {}, Kurmanji {}, English {}",
        corpus.len(),
        kind.name(),
        if order == DedupOrder::Shuffled { "in random order" } else { "in arrival order" },
        started.elapsed().as_secs_f64(),
        in_lang(Lang::Arabic),
        in_lang(Lang::Sorani),
        in_lang(Lang::Kurmanji),
        in_lang(Lang::English)
    );
    if let Some(path) = &write_corpus {
        let mut out = csv::Writer::from_path(path).with_context(|| format!("writing {}", path.display()))?;
        out.write_record(["event", "language", "text"])?;
        for (event, lang, text) in &corpus {
            let lang = ["ar", "ckb", "kmr", "en"][*lang as usize];
            out.write_record([event.to_string().as_str(), lang, text.as_str()])?;
        }
        out.flush()?;
        println!("corpus written to {}", path.display());
    }
    let cpu_before = cpu::snapshot(&[0]);
    let started = Instant::now();
    let parameters = Parameters::default();
    let found: Vec<usize> = if incremental {
        let mut index = NearDuplicates::with_reference_background();
        corpus
            .iter()
            .enumerate()
            .map(|(i, (_, _, text))| usize::try_from(index.insert(i as u64, text)).unwrap_or(usize::MAX))
            .collect()
    } else {
        near_dup::groups(corpus.iter().map(|(_, _, text)| text.as_str()))
    };
    let seconds = started.elapsed().as_secs_f64();
    let usage = cpu_before.zip(cpu::snapshot(&[0])).and_then(|(b, a)| cpu::between(&b, &a));
    let truth: Vec<usize> = corpus.iter().map(|&(event, _, _)| event).collect();
    let score = pairwise(&found, &truth);
    let rate = corpus.len() as f64 / seconds;
    println!(
        "method: {}",
        if incremental {
            "incremental (one by one into the index with the reference background, as the server)"
        } else {
            "batch (the whole corpus at once, as `aman text near-duplicates`, with the reference background)"
        }
    );
    println!("parameters: {parameters}");
    println!(
        "pairs: {} true, {} found, {} both; groups found {}",
        score.true_pairs,
        score.found_pairs,
        score.both,
        found.iter().enumerate().filter(|&(i, &g)| i == g).count()
    );
    println!("precision {:.4}  recall {:.4}  (targets ≥ 0.99 and ≥ 0.95)", score.precision(), score.recall());
    println!(
        "speed: {rate:.0} reports/s, one thread, end to end (normalise + insert), {seconds:.2} s (target ≥ 25000)"
    );
    if let Some(usage) = usage {
        let others = usage.others().unwrap_or(0.0) * 100.0;
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        println!("machine: {cores} core(s); other processes took {others:.0}% of all cores during the run");
    }
    Ok(())
}

/// Pair counts: pairs of reports in one true group, in one found group, in both.
#[derive(Debug, PartialEq, Eq)]
struct PairScore {
    true_pairs: u64,
    found_pairs: u64,
    both: u64,
}

impl PairScore {
    fn precision(&self) -> f64 {
        if self.found_pairs == 0 { 1.0 } else { self.both as f64 / self.found_pairs as f64 }
    }

    fn recall(&self) -> f64 {
        if self.true_pairs == 0 { 1.0 } else { self.both as f64 / self.true_pairs as f64 }
    }
}

/// Pairwise agreement of two groupings of the same items (any labels).
fn pairwise(found: &[usize], truth: &[usize]) -> PairScore {
    use std::collections::HashMap;
    let pairs = |sizes: HashMap<_, u64>| sizes.values().map(|&n| n * n.saturating_sub(1) / 2).sum::<u64>();
    let mut by_found = HashMap::new();
    let mut by_truth = HashMap::new();
    let mut by_both = HashMap::new();
    for (&f, &t) in found.iter().zip(truth) {
        *by_found.entry((f, 0)).or_insert(0) += 1;
        *by_truth.entry((t, 0)).or_insert(0) += 1;
        *by_both.entry((f, t)).or_insert(0) += 1;
    }
    PairScore { true_pairs: pairs(by_truth), found_pairs: pairs(by_found), both: pairs(by_both) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairwise_counts_pairs() {
        // Truth {0,1,2} {3}; found {0,1} {2,3}.
        let score = pairwise(&[0, 0, 2, 2], &[7, 7, 7, 9]);
        assert_eq!(score, PairScore { true_pairs: 3, found_pairs: 2, both: 1 });
        assert_eq!((score.precision(), score.recall()), (0.5, 1.0 / 3.0));
        let none = pairwise(&[0, 1], &[0, 1]);
        assert_eq!((none.precision(), none.recall()), (1.0, 1.0));
    }

    #[test]
    fn the_corpus_is_seeded_and_has_groups() -> Result<()> {
        let first = corpus(400, 7, DedupCorpus::Accounts)?;
        assert_eq!(first, corpus(400, 7, DedupCorpus::Accounts)?);
        assert_ne!(first, corpus(400, 8, DedupCorpus::Accounts)?);
        assert_eq!(first.len(), 400);
        let events = first.iter().map(|&(e, _, _)| e).max().map_or(0, |e| e + 1);
        assert!((100..300).contains(&events), "{events}");
        assert!(first.iter().filter(|(_, l, _)| *l == Lang::Arabic).count() > 200);
        assert!(first.iter().all(|(_, _, text)| !text.trim().is_empty()));
        // Copies: the same events, each report after the first an edit of it.
        let copies = corpus(400, 7, DedupCorpus::Copies)?;
        let events_of = |c: &[(usize, Lang, String)]| c.iter().map(|&(e, l, _)| (e, l)).collect::<Vec<_>>();
        assert_eq!(events_of(&copies), events_of(&first));
        assert_ne!(copies, first);
        Ok(())
    }
}
