//! Finding an area by what a person types: its P-code, or any of its names
//! (Arabic, Sorani, Kurmanji, English) spelled as people type them, without
//! the article, with Kurdish or Arabic letters, with or without accents;
//! and, where a resident describes the place in words, the gazetteer's
//! reading of them.

use crate::App;
use aman_core::area::Pcode;
use aman_core::text::normalise;
use aman_geo::{Area, Areas};

/// The areas one of whose names holds `typed`, best first: a name that is
/// exactly what was typed, then one that begins with it, then one that
/// holds it; within each, larger areas first. At most `limit`.
pub fn find<'a>(areas: &'a Areas, typed: &str, limit: usize) -> Vec<&'a Area> {
    let wanted = normalise(typed);
    if wanted.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(u8, u8, &str, &Area)> = (1..=3)
        .flat_map(|level| areas.at_level(level))
        .filter_map(|area| {
            let rank = area
                .names()
                .map(normalise)
                .filter_map(|name| {
                    if name == wanted {
                        Some(0)
                    } else if name.starts_with(&wanted) {
                        Some(1)
                    } else if name.contains(&wanted) {
                        Some(2)
                    } else {
                        None
                    }
                })
                .min()?;
            Some((rank, area.level, area.pcode.as_str(), area))
        })
        .collect();
    found.sort_by_key(|(rank, level, pcode, _)| (*rank, *level, *pcode));
    found.into_iter().take(limit).map(|(.., area)| area).collect()
}

/// The area meant by what was typed: a known P-code anywhere in it (as a
/// picker's "Name · PCODE" gives it), else the best name match.
pub fn resolve(areas: &Areas, typed: &str) -> Option<Pcode> {
    typed
        .split(|c: char| c.is_whitespace() || c == '·' || c == '(' || c == ')')
        .filter_map(Pcode::parse)
        .find(|code| areas.get(code.as_str()).is_some())
        .or_else(|| find(areas, typed, 1).first().and_then(|area| Pcode::parse(&area.pcode)))
}

/// How a picker offers an area: its name in the reader's language with its
/// P-code, which [`resolve`] reads back.
pub fn picker_value(name: &str, area: &Area) -> String {
    format!("{name} · {}", area.pcode)
}

/// The least score of the gazetteer's best candidate for it to be taken as
/// the place a resident described (below it, the place is asked again, or
/// the concern is left without one). Named places score about 0.69–0.77 in
/// a phrase ("قرب سوق الخضار في سنجار", "li nêzîkî bazara Şingalê"); the
/// everyday words that happen to spell a village score lower ("قرب بيتنا",
/// near our house: 0.62), though not always.
pub const WORDS_MIN_SCORE: f64 = 0.65;

/// The area a resident's words name, at intake and in imports: [`resolve`]
/// (a P-code or an area's name), else the gazetteer's best candidate ("قرب
/// سوق الخضار في حي الجهاد ببغداد", "li Şingalê") when it scores at least
/// [`WORDS_MIN_SCORE`].
pub fn resolve_words(state: &App, words: &str) -> Option<Pcode> {
    resolve(state.areas(), words).or_else(|| {
        let best = state.gazetteer().candidates(words, 1).into_iter().next()?;
        (best.score >= WORDS_MIN_SCORE).then(|| Pcode::parse(&best.pcode)).flatten()
    })
}
