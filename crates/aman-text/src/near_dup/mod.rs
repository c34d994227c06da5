//! Reports of the same event, suggested to triage as duplicates.
//!
//! Residents report one event many times: paraphrased, with typos, in
//! their own spelling. Every report is read as the set of character
//! trigrams of its normalised words and of its pairs of consecutive words
//! (`features`; "trigrams" below means both), and two reports are compared
//! by their *weighted* Jaccard similarity, each trigram weighted by how rare
//! it is among the reports seen so far (its inverse document frequency):
//! the words every report of a kind uses ("gunfire", "near", "please") weigh
//! little, the place, the time and the details weigh much.
//! Unweighted MinHash over the same trigrams cannot tell a paraphrase of
//! one event from another event told in the same words; see
//! docs/benchmarks.md, "Near-duplicate reports".
//!
//! The index is incremental: [`NearDuplicates::insert`] finds the earlier
//! reports that share the new report's rarest trigrams through an inverted
//! index (a prefix filter: a report similar enough must share one of them),
//! scores the best of them exactly, and joins the group of the most similar
//! one — only if the report is also similar enough to that group's first
//! member, so that a chain of small steps cannot pull a whole corpus into
//! one group. The server suggests similar concerns from it
//! ([`NearDuplicates::similar`]).
//!
//! A whole batch (the command line's file, [`groups`]) is grouped at once
//! instead: every text counted into the weights first, a word written once
//! and one letter away from a word others wrote read as that word
//! (`spelling`), each text compared with all the others, and groups formed
//! by average linkage (`linkage`), so that the answer does not depend on
//! the order of the rows. Everything is deterministic: no random seed
//! anywhere, so the same reports always give the same groups.

mod features;
mod linkage;
mod spelling;

use std::collections::HashMap;
use std::sync::LazyLock;

use features::{Features, FixedState, feature_keys, features, features_of_normalised};

/// What decides a group and what the search for candidates reads. How the
/// shipped values ([`Parameters::default`]) were chosen, and on which
/// corpus seeds, is told in docs/benchmarks.md ("Near-duplicate reports"):
/// `lone_similarity` on seeds other than the one reported, the others
/// partly on it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Parameters {
    /// A report joins a group when its weighted similarity to an earlier
    /// member is at least this ...
    pub join_similarity: f32,
    /// ... and to the group's first member at least this share of it (in a
    /// batch: to the group's members on average).
    pub representative_share: f32,
    /// In a batch, a report that joined no group at `join_similarity` joins
    /// the group it is most like at this lower similarity (and the same
    /// share of it on average): the most edited copy of a report, short
    /// and retyped, is still more like its own event than any other.
    pub lone_similarity: f32,
    /// Added to every trigram's inverse document frequency, so that the
    /// words all reports share still count a little ...
    pub weight_floor: f32,
    /// ... and the sum raised to this power: above 1, rare trigrams (a
    /// place, a name, a number) outweigh the many common ones.
    pub weight_power: i32,
    /// A trigram in fewer reports than this weighs as if it were in this
    /// many: a typo makes trigrams no other report has, which would
    /// otherwise weigh the most of all.
    pub rare_count: u32,
    /// Candidate search reads the postings of the text's rarest trigrams
    /// until they hold this share of its weight beyond `1 - join_similarity`
    /// (0 is the exact prefix filter) ...
    pub prefix_slack: f32,
    /// ... skips trigrams that are in more than this many reports (their
    /// weight is small; reading them would cost more than they tell) ...
    pub max_postings: usize,
    /// ... and scores exactly this many of the candidates that share the
    /// most weight with the text.
    pub candidates: usize,
    /// Similarity is multiplied by this when both texts write numbers in
    /// digits and share none of them: two reports of one event keep its
    /// house number, hour or count, while the same kind of event elsewhere,
    /// told in the same words, has others (1 = numbers are ignored).
    pub number_conflict: f32,
    /// Only the last this many reports are compared with. The shipped
    /// index compares with every earlier one: a batch of reports may come in
    /// any order (a file sorted by place, by kind, or not at all), and the
    /// word pairs keep other events apart without the help of arrival time;
    /// the server compares only the concerns of one district and fortnight.
    pub window: usize,
}

impl Default for Parameters {
    fn default() -> Self {
        Parameters {
            join_similarity: 0.5,
            representative_share: 0.9,
            lone_similarity: 0.43,
            weight_floor: 0.1,
            weight_power: 2,
            rare_count: 50,
            prefix_slack: 0.0,
            max_postings: 100,
            candidates: 8,
            number_conflict: 0.8,
            window: usize::MAX,
        }
    }
}

impl std::fmt::Display for Parameters {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "character trigrams of normalised words and word pairs weighted (ln((N+1)/(n+1)) + {})^{}; a report joins at weighted \
             Jaccard >= {} to a member and >= {:.3} to the group's first; candidates from the postings of its \
             rarest trigrams (prefix slack {}, trigrams in more than {} reports skipped), the best {} scored; similarity x {} \
             when both write numbers and share none; in a batch, a report left alone joins a group at >= {}; {}",
            self.weight_floor,
            self.weight_power,
            self.join_similarity,
            self.join_similarity * self.representative_share,
            self.prefix_slack,
            self.max_postings,
            self.candidates,
            self.number_conflict,
            self.lone_similarity,
            if self.window == usize::MAX {
                "every earlier report compared".to_owned()
            } else {
                format!("only the last {} reports compared", self.window)
            }
        )
    }
}

/// An incremental index: each text inserted joins the group of an earlier
/// similar text, or starts one.
#[derive(Clone)]
pub struct NearDuplicates {
    parameters: Parameters,
    /// A trigram key's number in the tables below.
    trigram_numbers: HashMap<u64, u32, FixedState>,
    /// By trigram number: the reports holding it (their positions).
    postings: Vec<Vec<u32>>,
    /// By trigram number: the background texts holding it, and how many
    /// background texts there are ([`NearDuplicates::add_background`]).
    background_counts: Vec<u32>,
    background_texts: usize,
    /// By report position: its id, its group's first member (a position),
    /// and where its sorted trigram numbers are in `report_trigrams`.
    ids: Vec<u64>,
    group_of: Vec<u32>,
    report_starts: Vec<u32>,
    report_trigrams: Vec<u32>,
    /// By report position: where its numbers ([`Features::numbers`]) are in
    /// `report_numbers`.
    number_starts: Vec<u32>,
    report_numbers: Vec<u64>,
    /// `ln(n + 1)` for every count `n` up to the reports held, so that a
    /// weight costs two lookups (a trigram is in at most every report).
    ln_table: Vec<f32>,
    /// By report position: room for the weight it shares with a text being
    /// inserted (zero between inserts).
    shared: Vec<f32>,
}

/// One text's trigrams, numbered, with their weights under the index's
/// current counts (a trigram the index has never seen has the greatest).
struct Query {
    /// Trigram numbers the index knows, sorted, with their weights.
    known: Vec<(u32, f32)>,
    /// The weight of all of the text's trigrams, known or not.
    total_weight: f32,
    /// The numbers it writes in digits, sorted.
    numbers: Vec<u64>,
}

impl Default for NearDuplicates {
    fn default() -> Self {
        Self::new()
    }
}

impl NearDuplicates {
    /// An empty index with the shipped parameters.
    pub fn new() -> Self {
        Self::with_parameters(Parameters::default())
    }

    /// An empty index with other parameters (for measuring them).
    pub fn with_parameters(parameters: Parameters) -> Self {
        NearDuplicates {
            parameters,
            trigram_numbers: HashMap::default(),
            postings: Vec::new(),
            background_counts: Vec::new(),
            background_texts: 0,
            ids: Vec::new(),
            group_of: Vec::new(),
            report_starts: vec![0],
            report_trigrams: Vec::new(),
            number_starts: vec![0],
            report_numbers: Vec::new(),
            ln_table: vec![0.0],
            shared: Vec::new(),
        }
    }

    /// Inserts `id`'s text; returns the group it joined (the id of the
    /// group's first member; its own id when it starts a new group).
    pub fn insert(&mut self, id: u64, text: &str) -> u64 {
        let Features { keys, numbers } = features(text);
        let query = self.query(&keys, numbers);
        let position = u32::try_from(self.ids.len()).expect("fewer than 4 billion reports");
        let mut shared = std::mem::take(&mut self.shared);
        let group = self.choose_group(&query, &mut shared).unwrap_or(position);
        self.shared = shared;
        let mut trigrams: Vec<u32> = keys
            .iter()
            .map(|&key| {
                let number = self.number_of(key);
                self.postings[number as usize].push(position);
                number
            })
            .collect();
        trigrams.sort_unstable();
        self.report_trigrams.extend_from_slice(&trigrams);
        self.report_starts.push(u32::try_from(self.report_trigrams.len()).expect("fewer than 4 billion trigrams"));
        self.report_numbers.extend_from_slice(&query.numbers);
        self.number_starts.push(u32::try_from(self.report_numbers.len()).expect("fewer than 4 billion numbers"));
        self.ids.push(id);
        self.group_of.push(group);
        self.ln_table.push(ln_of_count(self.ln_table.len()));
        self.ids[group as usize]
    }

    /// Groups a whole batch at once, as the command line reads a file: every
    /// text is counted into the weights first, each is then compared with
    /// all the others (earlier and later), and the groups are formed by
    /// average linkage ([`linkage::average_linkage`]): two groups join when
    /// a pair of them is similar enough and their members are, on average,
    /// nearly so ([`Parameters::representative_share`] of it). The answer
    /// does not depend on the order of the texts (ties aside): for each
    /// text, the position in the batch of its group's first text. The index
    /// holds no reports of its own, only its background.
    ///
    /// With the whole batch in hand, a word written once and one letter away
    /// from a word others wrote is read as that word first
    /// ([`spelling::correct`]): a typo's trigrams would weigh the most of
    /// all and push a copy away from its original. Candidates for the lower
    /// bar of a report left alone come from the same search as the others.
    fn group_batch<'a>(mut self, texts: impl IntoIterator<Item = &'a str>) -> Vec<usize> {
        assert!(self.ids.is_empty(), "a batch is grouped in an index of background alone");
        // Each text's trigram numbers and numbers, and how many texts hold each trigram.
        let normalised: Vec<String> = texts.into_iter().map(aman_core::text::normalise).collect();
        let corrected = spelling::correct(&normalised);
        drop(normalised);
        let texts: Vec<(Vec<u32>, Vec<u64>)> = corrected
            .into_iter()
            .map(|text| {
                let Features { keys, numbers } = features_of_normalised(&text);
                let mut trigrams: Vec<u32> = keys.iter().map(|&key| self.number_of(key)).collect();
                trigrams.sort_unstable();
                (trigrams, numbers)
            })
            .collect();
        let mut held = vec![0u32; self.postings.len()];
        for &number in texts.iter().flat_map(|(trigrams, _)| trigrams) {
            held[number as usize] += 1;
        }
        for position in 0..texts.len() {
            self.ids.push(position as u64);
            self.ln_table.push(ln_of_count(self.ln_table.len()));
        }
        let weights: Vec<f32> = (0..held.len())
            .map(|n| self.weight_of_count(held[n] as usize + self.background_counts[n] as usize))
            .collect();
        // Postings of the trigrams another text may share, each filled once.
        for (postings, &held) in self.postings.iter_mut().zip(&held) {
            if held > 1 {
                postings.reserve_exact(held as usize);
            }
        }
        let queries: Vec<Query> = texts
            .into_iter()
            .zip(0u32..)
            .map(|((trigrams, numbers), position)| {
                let known: Vec<(u32, f32)> =
                    trigrams.iter().map(|&number| (number, weights[number as usize])).collect();
                for &number in trigrams.iter() {
                    if held[number as usize] > 1 {
                        self.postings[number as usize].push(position);
                    }
                }
                let total_weight = known.iter().map(|&(_, weight)| weight).sum();
                Query { known, total_weight, numbers }
            })
            .collect();
        let conflict = self.parameters.number_conflict;
        let mut shared = Vec::new();
        let mut pairs = Vec::new();
        for (query, position) in queries.iter().zip(0u32..) {
            let score = |other: u32| query.similarity(&queries[other as usize], conflict);
            for (other, similarity) in self.scored_candidates(query, &mut shared, Some(position), score) {
                if similarity < self.parameters.join_similarity.min(self.parameters.lone_similarity) {
                    break;
                }
                pairs.push((position, other, similarity));
            }
        }
        let p = self.parameters;
        let join = linkage::Join { pair: p.join_similarity, mean: p.join_similarity * p.representative_share };
        let lone = linkage::Join { pair: p.lone_similarity, mean: p.lone_similarity * p.representative_share };
        linkage::average_linkage(queries.len(), pairs, join, lone, |a, b| {
            queries[a as usize].similarity(&queries[b as usize], conflict)
        })
    }

    /// An empty index whose weights start from everyday written Arabic: the
    /// 4,000 comments of the flag's corpus (`data/text/mpold_4000.tsv`) as
    /// background. With few reports of its own, an index cannot tell the
    /// words all reports use from those that tell events apart; the
    /// background can ("في" and "من" are everywhere, "الموصل" is not).
    pub fn with_reference_background() -> Self {
        static REFERENCE: LazyLock<NearDuplicates> = LazyLock::new(|| {
            let mut index = NearDuplicates::new();
            index.add_background(crate::flag::corpus::comments().iter().map(|c| c.text.as_str()));
            index
        });
        REFERENCE.clone()
    }

    /// Counts texts into the trigram weights without making them reports:
    /// they are never suggested nor grouped, but the words they share weigh
    /// less. A handful of reports alone cannot tell the words every report
    /// uses ("gunfire in") from the ones that tell events apart ("Mosul");
    /// the texts around them can.
    pub fn add_background<'a>(&mut self, texts: impl IntoIterator<Item = &'a str>) {
        for text in texts {
            for key in feature_keys(text) {
                let number = self.number_of(key);
                self.background_counts[number as usize] += 1;
            }
            self.background_texts += 1;
            self.ln_table.push(ln_of_count(self.ln_table.len()));
        }
    }

    /// A trigram key's number, given one if it is new.
    fn number_of(&mut self, key: u64) -> u32 {
        let next = u32::try_from(self.postings.len()).expect("fewer than 4 billion trigrams");
        let number = *self.trigram_numbers.entry(key).or_insert(next);
        if number == next {
            self.postings.push(Vec::new());
            self.background_counts.push(0);
        }
        number
    }

    /// Earlier ids whose text is similar to `text` (by the similarity that
    /// groups reports), most similar first, with the estimated similarity in
    /// 0..=1, without inserting it. Equal similarities keep insertion order.
    pub fn similar(&self, text: &str, limit: usize) -> Vec<(u64, f64)> {
        let Features { keys, numbers } = features(text);
        let query = self.query(&keys, numbers);
        self.scored_candidates(&query, &mut Vec::new(), None, |position| self.similarity(&query, position))
            .into_iter()
            .filter(|&(_, similarity)| similarity >= self.parameters.join_similarity)
            .take(limit)
            .map(|(position, similarity)| (self.ids[position as usize], f64::from(similarity)))
            .collect()
    }

    /// The group a text with these trigrams joins: that of the most similar
    /// candidate whose group's first member is similar enough too.
    fn choose_group(&self, query: &Query, shared: &mut Vec<f32>) -> Option<u32> {
        for (position, similarity) in self.scored_candidates(query, shared, None, |p| self.similarity(query, p)) {
            if similarity < self.parameters.join_similarity {
                break;
            }
            let first = self.group_of[position as usize];
            if first == position
                || self.similarity(query, first)
                    >= self.parameters.join_similarity * self.parameters.representative_share
            {
                return Some(first);
            }
        }
        None
    }

    /// Reports that may be similar (in the index: earlier ones; in a batch:
    /// all but `exclude`), scored by `score`, most similar first (then
    /// earliest first). `shared` is room for the weight each
    /// report shares with the query, all zero before and after.
    fn scored_candidates(
        &self,
        query: &Query,
        shared: &mut Vec<f32>,
        exclude: Option<u32>,
        score: impl Fn(u32) -> f32,
    ) -> Vec<(u32, f32)> {
        // The rarest trigrams first: a report whose similarity reaches the
        // threshold shares weight of at least threshold x total with the
        // query, so it shares a trigram among any prefix that leaves out
        // less than that.
        let mut by_rarity: Vec<(u32, f32)> = query.known.clone();
        by_rarity.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let needed = (1.0 - self.parameters.join_similarity + self.parameters.prefix_slack) * query.total_weight;
        let mut covered = query.total_weight - query.known.iter().map(|&(_, w)| w).sum::<f32>();
        // Weight shared with each report of the window that holds one of
        // the trigrams read.
        let oldest = self.ids.len().saturating_sub(self.parameters.window);
        shared.resize(self.ids.len(), 0.0);
        let mut seen: Vec<u32> = Vec::new();
        // Postings are in insertion order: read back to the window's start,
        // `most` of them at most.
        let read = |number: u32, weight: f32, most: usize, seen: &mut Vec<u32>, shared: &mut [f32]| {
            for &position in
                self.postings[number as usize].iter().rev().take(most).take_while(|&&p| p as usize >= oldest)
            {
                let slot = &mut shared[position as usize];
                if *slot == 0.0 {
                    seen.push(position);
                }
                *slot += weight;
            }
        };
        for &(number, weight) in &by_rarity {
            if covered >= needed {
                break;
            }
            covered += weight;
            if self.postings[number as usize].len() <= self.parameters.max_postings && weight > 0.0 {
                read(number, weight, usize::MAX, &mut seen, shared);
            }
        }
        // A text whose every trigram is common (a message forwarded
        // hundreds of times) read nothing above: the latest reports that
        // hold its rarest trigram are its candidates.
        if let Some(&(number, weight)) = by_rarity.iter().find(|&&(_, weight)| weight > 0.0)
            && self.postings[number as usize].len() > self.parameters.max_postings
        {
            read(number, weight, self.parameters.max_postings, &mut seen, shared);
        }
        let mut best: Vec<(u32, f32)> = seen
            .into_iter()
            .map(|position| (position, std::mem::take(&mut shared[position as usize])))
            .filter(|&(position, _)| Some(position) != exclude)
            .collect();
        let by_shared = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        if best.len() > self.parameters.candidates && self.parameters.candidates > 0 {
            best.select_nth_unstable_by(self.parameters.candidates - 1, by_shared);
        }
        best.truncate(self.parameters.candidates);
        let mut scored: Vec<(u32, f32)> = best.into_iter().map(|(position, _)| (position, score(position))).collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        scored
    }

    /// The similarity of the query and a stored report.
    fn similarity(&self, query: &Query, position: u32) -> f32 {
        query.similarity(&self.stored_query(position), self.parameters.number_conflict)
    }

    /// A stored report as a query, under the current counts.
    fn stored_query(&self, position: u32) -> Query {
        let p = position as usize;
        let known: Vec<(u32, f32)> = self.report_trigrams
            [self.report_starts[p] as usize..self.report_starts[p + 1] as usize]
            .iter()
            .map(|&number| (number, self.weight(number)))
            .collect();
        let total_weight = known.iter().map(|&(_, w)| w).sum();
        let numbers = self.report_numbers[self.number_starts[p] as usize..self.number_starts[p + 1] as usize].to_vec();
        Query { known, total_weight, numbers }
    }

    /// A text's trigrams under the current counts, and its numbers.
    fn query(&self, keys: &[u64], numbers: Vec<u64>) -> Query {
        let mut known = Vec::with_capacity(keys.len());
        let mut total_weight = 0.0;
        for key in keys {
            match self.trigram_numbers.get(key) {
                Some(&number) => {
                    let weight = self.weight(number);
                    known.push((number, weight));
                    total_weight += weight;
                }
                None => total_weight += self.weight_of_count(0),
            }
        }
        known.sort_unstable_by_key(|&(number, _)| number);
        Query { known, total_weight, numbers }
    }

    /// A trigram's weight: ln((N + 1) / (n + 1)) + [`Parameters::weight_floor`] for a
    /// trigram held by n of the N reports so far — the smoothed inverse
    /// document frequency, positive even for a trigram every report holds.
    fn weight(&self, number: u32) -> f32 {
        let n = number as usize;
        self.weight_of_count(self.postings[n].len() + self.background_counts[n] as usize)
    }

    fn weight_of_count(&self, count: usize) -> f32 {
        let texts = self.ids.len() + self.background_texts;
        let count = count.max(self.parameters.rare_count as usize).min(texts);
        (self.ln_table[texts] - self.ln_table[count] + self.parameters.weight_floor).powi(self.parameters.weight_power)
    }
}

impl Query {
    /// The weighted Jaccard similarity of two texts: the weight of the
    /// trigrams they share over the weight of all the trigrams either holds,
    /// times `number_conflict` when both write numbers and share none.
    fn similarity(&self, other: &Query, number_conflict: f32) -> f32 {
        let (ours, theirs) = (&self.known, &other.known);
        let (mut shared, mut i, mut j) = (0.0f32, 0, 0);
        // Both sorted by trigram number: one step along either or both,
        // written without branches on which (they would be mispredicted
        // half the time).
        while i < ours.len() && j < theirs.len() {
            let ((a, weight), (b, _)) = (ours[i], theirs[j]);
            shared += if a == b { weight } else { 0.0 };
            i += usize::from(a <= b);
            j += usize::from(b <= a);
        }
        let union = self.total_weight + other.total_weight - shared;
        let jaccard = if union > 0.0 { (shared / union).clamp(0.0, 1.0) } else { 0.0 };
        if disjoint(&self.numbers, &other.numbers) { jaccard * number_conflict } else { jaccard }
    }
}

/// Whether two sorted lists of numbers both hold some and share none.
fn disjoint(a: &[u64], b: &[u64]) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return false,
        }
    }
    true
}

/// `ln(n + 1)`.
fn ln_of_count(n: usize) -> f32 {
    (n as f64 + 1.0).ln() as f32
}

/// Batch form for the command line: one group number per input text, texts
/// in the same group share it (the index of the group's first member in the
/// input). [`NearDuplicates::group_batch`] on
/// [`NearDuplicates::with_reference_background`].
pub fn groups<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<usize> {
    NearDuplicates::with_reference_background().group_batch(texts)
}

#[cfg(test)]
mod tests;
