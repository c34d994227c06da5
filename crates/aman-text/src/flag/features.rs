//! What the flag model reads of a text: the character n-grams (2 to 5
//! letters) of its words, each word padded with a space on both sides so
//! that n-grams never cross a word boundary, hashed into a fixed number of
//! buckets and weighted by TF-IDF.
//!
//! The words are those of `aman_core::text::normalise`, with what only
//! describes where a text was posted taken out (mentions, links, numbers),
//! so that a model trained on one platform's comments reads another's the
//! same way; a letter held down ("هههههه", "كلاااب") counts as two.

/// N-grams are hashed into this many buckets; collisions are rare at the
/// size of the training data (a few hundred thousand distinct n-grams).
pub const BUCKETS: u32 = 1 << 21;
/// Shortest n-gram, in characters (the padding space counts).
pub const MIN_N: usize = 2;
/// Longest n-gram, in characters.
pub const MAX_N: usize = 5;

/// The words of `text` as the model reads them.
pub fn words(text: &str) -> Vec<String> {
    let normalised = aman_core::text::normalise(text);
    let mut words = Vec::new();
    for token in normalised.split(' ') {
        if token.starts_with('@') || token.contains("http") || token.starts_with("www.") {
            continue;
        }
        for piece in token.split(|c: char| !c.is_alphanumeric()) {
            if piece.is_empty() || piece.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            let mut word = String::with_capacity(piece.len());
            let mut last = None;
            let mut run = 0;
            for c in piece.chars() {
                run = if Some(c) == last { run + 1 } else { 1 };
                last = Some(c);
                if run <= 2 {
                    word.push(c);
                }
            }
            words.push(word);
        }
    }
    words
}

/// Calls `visit` with every n-gram of `text`'s padded words, in order of
/// appearance, repeats included.
fn each_ngram(text: &str, mut visit: impl FnMut(&str)) {
    let mut padded = String::new();
    let mut starts: Vec<usize> = Vec::new();
    for word in words(text) {
        padded.clear();
        padded.push(' ');
        padded.push_str(&word);
        padded.push(' ');
        starts.clear();
        starts.extend(padded.char_indices().map(|(at, _)| at));
        starts.push(padded.len());
        let letters = starts.len() - 1;
        for n in MIN_N..=MAX_N.min(letters) {
            for first in 0..=letters - n {
                visit(&padded[starts[first]..starts[first + n]]);
            }
        }
    }
}

/// Every n-gram of `text`'s padded words, in order of appearance, repeats
/// included.
pub fn ngrams(text: &str) -> Vec<String> {
    let mut grams = Vec::new();
    each_ngram(text, |g| grams.push(g.to_owned()));
    grams
}

/// The bucket of one n-gram: 64-bit FNV-1a of its UTF-8 bytes, folded.
pub fn bucket(ngram: &str) -> u32 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in ngram.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    ((hash ^ (hash >> 32)) % u64::from(BUCKETS)) as u32
}

/// How often each bucket occurs in `text`, sorted by bucket.
pub fn counts(text: &str) -> Vec<(u32, u32)> {
    let mut buckets: Vec<u32> = Vec::new();
    each_ngram(text, |g| buckets.push(bucket(g)));
    buckets.sort_unstable();
    let mut counts: Vec<(u32, u32)> = Vec::new();
    for b in buckets {
        match counts.last_mut() {
            Some((last, count)) if *last == b => *count += 1,
            _ => counts.push((b, 1)),
        }
    }
    counts
}

/// One text as a sparse vector over the vocabulary's columns.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Row {
    /// Column indices, increasing.
    pub columns: Vec<u32>,
    /// The value of each column.
    pub values: Vec<f64>,
}

/// The buckets seen in training and their inverse document frequencies:
/// `ln((1 + n) / (1 + df)) + 1`, as scikit-learn's smoothed IDF.
#[derive(Clone, Debug, PartialEq)]
pub struct Vocabulary {
    buckets: Vec<u32>,
    idf: Vec<f64>,
}

impl Vocabulary {
    /// The vocabulary of the given texts' bucket counts (from [`counts`]).
    pub fn fit(documents: &[Vec<(u32, u32)>]) -> Vocabulary {
        let mut frequency = vec![0u32; BUCKETS as usize];
        for &(b, _) in documents.iter().flatten() {
            frequency[b as usize] += 1;
        }
        let n = documents.len() as f64;
        let (mut buckets, mut idf) = (Vec::new(), Vec::new());
        for (b, &df) in (0..BUCKETS).zip(&frequency) {
            if df > 0 {
                buckets.push(b);
                idf.push(((1.0 + n) / (1.0 + f64::from(df))).ln() + 1.0);
            }
        }
        Vocabulary { buckets, idf }
    }

    /// How many columns the vectors have.
    pub fn len(&self) -> usize {
        self.buckets.len()
    }

    /// Whether no bucket was seen.
    pub fn is_empty(&self) -> bool {
        self.buckets.is_empty()
    }

    /// The column of a bucket, if it was seen in training.
    pub fn column(&self, bucket: u32) -> Option<usize> {
        self.buckets.binary_search(&bucket).ok()
    }

    /// A text's bucket counts as a vector: sublinear term frequency
    /// (`1 + ln tf`) times IDF, scaled to unit length; buckets not seen in
    /// training are left out.
    pub fn row(&self, counts: &[(u32, u32)]) -> Row {
        self.weigh(counts.iter().filter_map(|&(b, tf)| self.column(b).map(|c| (c, tf))))
    }

    /// [`Vocabulary::row`] of many texts at once, through a table from every
    /// bucket to its column rather than a search per n-gram.
    pub fn rows(&self, documents: &[Vec<(u32, u32)>]) -> Vec<Row> {
        let mut columns = vec![u32::MAX; BUCKETS as usize];
        for (column, &b) in self.buckets.iter().enumerate() {
            columns[b as usize] = column as u32;
        }
        documents
            .iter()
            .map(|counts| {
                self.weigh(counts.iter().filter_map(|&(b, tf)| {
                    let column = columns[b as usize];
                    (column != u32::MAX).then_some((column as usize, tf))
                }))
            })
            .collect()
    }

    /// Columns with their term frequencies, in increasing column order, as
    /// a unit-length TF-IDF row.
    fn weigh(&self, counts: impl Iterator<Item = (usize, u32)>) -> Row {
        let mut row = Row::default();
        for (column, tf) in counts {
            row.columns.push(column as u32);
            row.values.push((1.0 + f64::from(tf).ln()) * self.idf[column]);
        }
        let norm = row.values.iter().map(|v| v * v).sum::<f64>().sqrt();
        if norm > 0.0 {
            row.values.iter_mut().for_each(|v| *v /= norm);
        }
        row
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_drop_mentions_links_numbers_and_held_letters() {
        assert_eq!(words("@User.IDX هههههه كلاااب! https://t.co/x 2020 Şêxan"), ["هه", "كلااب", "sexan"]);
        assert_eq!(words(""), Vec::<String>::new());
        assert_eq!(words("أطفال\u{0640}نا"), ["اطفالنا"], "normalised first");
    }

    #[test]
    fn ngrams_stay_within_words() {
        let grams = ngrams("ab cd");
        assert!(grams.contains(&" ab ".to_owned()) && grams.contains(&"cd ".to_owned()));
        assert!(!grams.iter().any(|g| g.contains("b c")), "{grams:?}");
        assert_eq!(ngrams("ab").len(), 3 + 2 + 1, "padded \" ab \": 3 bigrams, 2 trigrams, 1 four-gram");
    }

    #[test]
    fn buckets_are_stable_and_in_range() {
        assert_eq!(bucket(" كلب"), bucket(" كلب"));
        assert_ne!(bucket(" كلب"), bucket("كلب "));
        assert!(["a", "ab", " ab ", "ققق"].iter().all(|g| bucket(g) < BUCKETS));
        assert_eq!(bucket(""), (0xcbf2_9ce4_8422_2325u64 ^ (0xcbf2_9ce4_8422_2325u64 >> 32)) as u32 % BUCKETS);
    }

    #[test]
    fn counts_add_up_repeats() {
        let c = counts("aa aa");
        assert_eq!(c.iter().map(|&(_, n)| n).sum::<u32>() as usize, ngrams("aa aa").len());
        assert!(c.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(c.contains(&(bucket(" aa "), 2)));
    }

    #[test]
    fn rows_are_unit_length_and_ignore_unseen_buckets() {
        let documents = vec![counts("كلب"), counts("قطة")];
        let vocabulary = Vocabulary::fit(&documents);
        assert_eq!(vocabulary.len(), documents.iter().map(Vec::len).sum::<usize>(), "no n-gram shared");
        assert!(!vocabulary.is_empty());
        let row = vocabulary.row(&counts("كلب"));
        assert!((row.values.iter().map(|v| v * v).sum::<f64>() - 1.0).abs() < 1e-12);
        assert_eq!(vocabulary.row(&counts("zzzz")), Row::default());
        assert_eq!(vocabulary.column(bucket(" كلب ")), vocabulary.column(bucket(" كلب ")));
        assert!(vocabulary.column(bucket(" zz ")).is_none());
        // A bucket in every document weighs less than one in a single one.
        let shared = Vocabulary::fit(&[counts("ab"), counts("ab cd")]);
        let row = shared.row(&counts("ab cd"));
        let value = |g: &str| {
            let column = shared.column(bucket(g)).expect("seen") as u32;
            row.values[row.columns.iter().position(|&c| c == column).expect("present")]
        };
        assert!(value(" ab ") < value(" cd "));
        let documents = [counts("ab cd"), counts("zz ab"), Vec::new()];
        assert_eq!(shared.rows(&documents), documents.iter().map(|d| shared.row(d)).collect::<Vec<_>>());
    }
}
