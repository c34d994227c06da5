//! Places named in words resolved to candidate areas: "near the Hay
//! al-Jihad market in Baghdad", "قرب جسر الائمة", "li Şingalê".
//!
//! The gazetteer holds every area's own names (Arabic, Sorani, Kurmanji,
//! English) and the place list of `data/places/gazetteer.csv` (IOM DTM
//! locations and GeoNames towns, each placed in the sub-district its
//! coordinates fall in; DTM and GeoNames spellings of districts and
//! governorates). Names are indexed by consonant skeleton (`words`), so a
//! Latin, Arabic or Kurdish spelling of a name finds the others.
//!
//! A text is cut into words and breaks; every run of up to four words is
//! looked up, and only the longest runs that match are kept. Each match
//! proposes areas (a place proposes its sub-district). Its weight grows
//! with the skeleton's length, drops when the spelling differs in the same
//! script, and is shared out when the name is found in unrelated areas. An
//! area gains half the weight of every *other* match that names an area
//! above it: a district named with its governorate scores above the
//! district alone, and a village name found in three governorates goes to
//! the one the text also names. Of equal scores the deeper area comes
//! first, so a text answers with the smallest area it supports. A name the
//! text calls a settlement ("Baghdad city", "مدينة بغداد") gives the town
//! of that name inside the area of that name the area's weight: the town
//! is meant, not the whole governorate.

mod generic;
mod words;

use std::collections::HashMap;

use aman_geo::Areas;
use serde::Serialize;
use words::{Lexicon, Piece, Script, Word, likeness};

/// The place list, derived by `cargo xtask eval-geocode --derive` (see
/// `data/places/PROVENANCE.md`).
const PLACES: &str = include_str!("../../../../data/places/gazetteer.csv");

/// The longest run of words looked up as one name.
const MAX_RUN: usize = 4;
/// The most readings of a run tried (each word has a few).
const MAX_READINGS: usize = 64;
/// The share of another match's weight an area gets when that match names
/// an area above it.
const CONTEXT: f64 = 0.5;

/// One candidate area for a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    pub pcode: String,
    pub level: u8,
    /// The area's Arabic name.
    pub name: String,
    /// 0..=1, higher is more certain.
    pub score: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// One of the area's own names: counts fully.
    Area,
    /// A place inside the area (a village, a neighbourhood, a town).
    Place,
}

struct Node {
    pcode: String,
    level: u8,
    name: String,
    parent: Option<usize>,
}

struct Entry {
    area: usize,
    kind: Kind,
    script: Script,
    surface: String,
    /// The scripts the entry's name is written in among all its spellings
    /// (an area's four names, a DTM place's Arabic and English names).
    written: Written,
}

/// Which scripts a name has spellings in.
#[derive(Debug, Clone, Copy, Default)]
struct Written {
    arabic: bool,
    latin: bool,
}

impl Written {
    fn has(self, script: Script) -> bool {
        match script {
            Script::Arabic => self.arabic,
            Script::Latin => self.latin,
            Script::Digits => true,
        }
    }
}

/// Area names and places, indexed for [`Gazetteer::candidates`].
pub struct Gazetteer {
    lexicon: Lexicon,
    nodes: Vec<Node>,
    entries: Vec<Entry>,
    by_skeleton: HashMap<String, Vec<usize>>,
}

/// A run of words that matched, and the areas it proposes with their weight.
struct Match {
    start: usize,
    end: usize,
    targets: Vec<(usize, f64)>,
}

impl Gazetteer {
    /// The areas' names and the embedded place list. Places whose P-code is
    /// not among `areas` are left out.
    pub fn new(areas: &Areas) -> Gazetteer {
        let mut gazetteer =
            Gazetteer { lexicon: Lexicon::new(), nodes: Vec::new(), entries: Vec::new(), by_skeleton: HashMap::new() };
        let mut index: HashMap<String, usize> = HashMap::new();
        for level in 1..=3 {
            for area in areas.at_level(level) {
                let parent = area.parent.as_ref().and_then(|p| index.get(p).copied());
                index.insert(area.pcode.clone(), gazetteer.nodes.len());
                gazetteer.nodes.push(Node { pcode: area.pcode.clone(), level, name: area.name_ar.clone(), parent });
            }
        }
        for level in 1..=3 {
            for area in areas.at_level(level) {
                let names: Vec<&str> = area.names().collect();
                gazetteer.add(&names, index[&area.pcode], Kind::Area);
            }
        }
        for line in PLACES.lines().skip(1) {
            let fields: Vec<&str> = line.split(',').collect();
            let [name_ar, name_en, pcode, source] = fields[..] else { continue };
            let Some(&node) = index.get(pcode) else { continue };
            let kind = if source.ends_with("-admin") { Kind::Area } else { Kind::Place };
            gazetteer.add(&[name_ar, name_en], node, kind);
        }
        gazetteer
    }

    /// The spellings of one place or area's names, all for `area`.
    fn add(&mut self, names: &[&str], area: usize, kind: Kind) {
        let spellings: Vec<Vec<Word>> = names.iter().flat_map(|name| self.lexicon.name_words(name)).collect();
        let mut written = Written::default();
        for spelling in &spellings {
            match run_script(spelling) {
                Script::Arabic => written.arabic = true,
                Script::Latin => written.latin = true,
                Script::Digits => {}
            }
        }
        for spelling in spellings {
            let script = run_script(&spelling);
            let words: Vec<&Word> = spelling.iter().collect();
            for Reading { skeleton, surface, .. } in readings(&words) {
                if skeleton.is_empty() {
                    continue;
                }
                let ids = self.by_skeleton.entry(skeleton).or_default();
                let same = |e: &Entry| e.area == area && e.kind == kind && e.surface == surface;
                if ids.iter().any(|&i| same(&self.entries[i])) {
                    continue;
                }
                ids.push(self.entries.len());
                self.entries.push(Entry { area, kind, script, surface, written });
            }
        }
    }

    /// How many names and places the gazetteer holds (spellings indexed).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Candidate areas for a text, best first, scores in 0..=1, at most
    /// `limit`.
    pub fn candidates(&self, text: &str, limit: usize) -> Vec<Candidate> {
        let matches = self.matches(text);
        let mut best: HashMap<usize, f64> = HashMap::new();
        for (m, found) in matches.iter().enumerate() {
            for &(area, weight) in &found.targets {
                let context: f64 = matches
                    .iter()
                    .enumerate()
                    .filter(|&(other, o)| other != m && (o.end <= found.start || o.start >= found.end))
                    .map(|(_, o)| {
                        o.targets.iter().filter(|&&(t, _)| self.is_above(t, area)).map(|&(_, w)| w).fold(0.0, f64::max)
                    })
                    .sum();
                let score = weight + CONTEXT * context;
                let entry = best.entry(area).or_insert(0.0);
                *entry = entry.max(score);
            }
        }
        let mut ranked: Vec<(usize, f64)> = best.into_iter().collect();
        ranked.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then(self.nodes[b.0].level.cmp(&self.nodes[a.0].level))
                .then(self.nodes[a.0].pcode.cmp(&self.nodes[b.0].pcode))
        });
        ranked
            .into_iter()
            .take(limit)
            .map(|(area, raw)| {
                let node = &self.nodes[area];
                Candidate {
                    pcode: node.pcode.clone(),
                    level: node.level,
                    name: node.name.clone(),
                    score: raw / (raw + 0.25),
                }
            })
            .collect()
    }

    /// Whether `upper` is a strict ancestor of `area`.
    fn is_above(&self, upper: usize, area: usize) -> bool {
        let mut at = self.nodes[area].parent;
        while let Some(node) = at {
            if node == upper {
                return true;
            }
            at = self.nodes[node].parent;
        }
        false
    }

    /// Every longest run of words that names something, with the areas it
    /// proposes.
    fn matches(&self, text: &str) -> Vec<Match> {
        let pieces = self.lexicon.pieces(text);
        // In a text that uses capitals, a Latin word written in lower case
        // is taken for a place only when its name is long ("hit" is a verb
        // there, "Hit" a town).
        let cased = text.chars().any(char::is_uppercase);
        let mut found: Vec<Match> = Vec::new();
        let mut segment: Vec<&Word> = Vec::new();
        let mut offset: usize = 0;
        let settlement_at = |i: Option<usize>| i.and_then(|i| pieces.get(i)) == Some(&Piece::Settlement);
        for (i, piece) in pieces.iter().enumerate() {
            match piece {
                Piece::Word(word) => segment.push(word),
                Piece::Break | Piece::Settlement => {
                    let beside = (settlement_at(offset.checked_sub(1)), piece == &Piece::Settlement);
                    self.match_segment(&segment, offset, cased, beside, &mut found);
                    segment.clear();
                    offset = i + 1;
                }
            }
        }
        let beside = (settlement_at(offset.checked_sub(1)), false);
        self.match_segment(&segment, offset, cased, beside, &mut found);
        let inside =
            |a: &Match, b: &Match| b.start <= a.start && a.end <= b.end && (b.end - b.start) > (a.end - a.start);
        let keep: Vec<bool> = found.iter().map(|a| !found.iter().any(|b| inside(a, b))).collect();
        found.into_iter().zip(keep).filter_map(|(m, k)| k.then_some(m)).collect()
    }

    /// The runs of one segment (words between breaks) that name something;
    /// `beside` says whether a settlement word stands just before and just
    /// after the segment.
    fn match_segment(&self, words: &[&Word], offset: usize, cased: bool, beside: (bool, bool), found: &mut Vec<Match>) {
        // A run starts and ends with a word that has consonants ("a", "we" do not).
        let voiced = |w: &Word| !w.forms[0].skeleton.is_empty();
        for start in (0..words.len()).filter(|&i| voiced(words[i])) {
            for end in (start + 1..=(start + MAX_RUN).min(words.len())).filter(|&e| voiced(words[e - 1])) {
                let run = &words[start..end];
                let lowercase = cased && run.iter().any(|w| w.lowercase);
                let script = run_script_of(run);
                let settlement = (start == 0 && beside.0) || (end == words.len() && beside.1);
                // (area, weight, spelt exactly so, written in the text's script, kind)
                let mut accepted: Vec<(usize, f64, bool, bool, Kind)> = Vec::new();
                for reading in readings(run) {
                    for &id in self.by_skeleton.get(&reading.skeleton).map_or(&[][..], Vec::as_slice) {
                        let entry = &self.entries[id];
                        if let Some(weight) = weigh(&reading, script, lowercase, entry) {
                            let exact = entry.surface == reading.surface;
                            accepted.push((entry.area, weight, exact, entry.script == script, entry.kind));
                        }
                    }
                }
                // Where some name is spelt exactly so, other spellings of the
                // same skeleton in this script are other names ("Nasir" is
                // not "Nasiriya").
                let exact = accepted.iter().any(|&(_, _, exact, _, _)| exact);
                accepted.retain(|&(_, _, is_exact, same_script, _)| !(exact && !is_exact && same_script));
                let mut proposals: HashMap<usize, f64> = HashMap::new();
                for &(area, weight, ..) in &accepted {
                    let slot = proposals.entry(area).or_insert(0.0);
                    *slot = slot.max(weight);
                }
                if proposals.is_empty() {
                    continue;
                }
                // "Baghdad city": the town of that name inside the area of
                // that name is meant, so it counts as much as the area (and,
                // deeper, comes first).
                if settlement {
                    for (&area, weight) in &mut proposals {
                        for &(named, named_weight, _, _, kind) in &accepted {
                            if kind == Kind::Area && self.is_above(named, area) {
                                *weight = weight.max(named_weight);
                            }
                        }
                    }
                }
                let mut targets: Vec<(usize, f64)> = proposals.into_iter().collect();
                // A name found in unrelated areas is shared out between them.
                let unrelated =
                    targets.iter().filter(|&&(a, _)| !targets.iter().any(|&(b, _)| self.is_above(b, a))).count();
                let share = 1.0 / (unrelated.max(1) as f64).sqrt();
                for target in &mut targets {
                    target.1 *= share;
                }
                targets.sort_by_key(|a| a.0);
                found.push(Match { start: offset + start, end: offset + end, targets });
            }
        }
    }
}

/// The script of a run of words (Arabic or Latin; digits go with either).
fn run_script(words: &[Word]) -> Script {
    words.iter().map(|w| w.script).find(|&s| s != Script::Digits).unwrap_or(Script::Digits)
}

fn run_script_of(words: &[&Word]) -> Script {
    words.iter().map(|w| w.script).find(|&s| s != Script::Digits).unwrap_or(Script::Digits)
}

/// One way to read a run of words.
#[derive(Debug, Default, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Reading {
    skeleton: String,
    surface: String,
    affix: bool,
}

/// The readings of a run: each word's forms combined (the first word's
/// clitics and the last word's endings are where the variants are), at most
/// [`MAX_READINGS`].
fn readings(run: &[&Word]) -> Vec<Reading> {
    let mut out: Vec<Reading> = vec![Reading::default()];
    for word in run {
        let mut next = Vec::new();
        for reading in &out {
            for form in &word.forms {
                if next.len() < MAX_READINGS {
                    next.push(Reading {
                        skeleton: format!("{}{}", reading.skeleton, form.skeleton),
                        surface: format!("{}{}", reading.surface, form.surface),
                        affix: reading.affix || form.affix,
                    });
                }
            }
        }
        out = next;
    }
    out.sort();
    out.dedup();
    out
}

/// The weight of a match between a run of the text and a gazetteer entry
/// sharing its skeleton, or `None` when the two are too unlike to count.
fn weigh(reading: &Reading, script: Script, lowercase: bool, entry: &Entry) -> Option<f64> {
    let surface = reading.surface.as_str();
    let consonants = reading.skeleton.chars().count();
    if lowercase && consonants <= 3 {
        return None;
    }
    let length = (0.35 + 0.15 * consonants.max(1) as f64).min(1.0);
    let same_script = script == entry.script || script == Script::Digits || entry.script == Script::Digits;
    let spelling = if same_script {
        let alike = likeness(surface, &entry.surface);
        match consonants {
            0 => return None,
            // One consonant ("Ana", "عنة"): only an area's own name, spelt alike.
            1 if alike == 1.0 && entry.kind == Kind::Area && surface.chars().count() >= 3 => 1.0,
            1 => return None,
            2 if alike == 1.0 => 1.0,
            // Two consonants and one letter off: "Hawijah" for "Hawiga".
            2 if alike < 1.0 && surface.chars().count().min(entry.surface.chars().count()) >= 5 && alike >= 0.8 => 0.8,
            2 => return None,
            _ if alike <= 0.5 => return None,
            // Spellings this close are the same name ("Karbala", "Kerbela").
            _ if alike >= 0.7 => 1.0,
            _ => 0.85,
        }
    } else {
        // Across scripts only a name with no spelling in the text's script:
        // one that has one and did not match is another name.
        if entry.written.has(script) {
            return None;
        }
        match consonants {
            0 | 1 => return None,
            // Two consonants across scripts: only an area's own name.
            2 if entry.kind == Kind::Area => 0.7,
            2 => return None,
            _ => 0.9,
        }
    };
    let kind = match entry.kind {
        Kind::Area => 1.0,
        Kind::Place => 0.9,
    };
    // Read by taking off a clitic or an ending: a little less sure.
    let affix = if reading.affix { 0.9 } else { 1.0 };
    Some(length * spelling * kind * affix)
}

#[cfg(test)]
mod tests;
