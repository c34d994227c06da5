//! Line numbers for error messages about CSV input.

use ::csv::Position;

/// Physical 1-based line numbers of records, as `str::lines` counts them.
///
/// `csv`'s own `Position::line()` is one short after CRLF terminators and
/// after blank lines (BurntSushi/rust-csv issues 395 and 208), and a record's
/// `Position::byte()` may point at the previous record's terminator or at the
/// skipped blank lines. So the record starts at the first byte from there on
/// that is not a line break, and its line is one more than the line feeds
/// before it. Records come in order, so the feeds are counted only once.
pub(crate) struct LineNumbers<'a> {
    input: &'a [u8],
    /// Bytes before this offset have been counted ...
    offset: usize,
    /// ... and hold this many line feeds.
    feeds: u64,
}

impl<'a> LineNumbers<'a> {
    pub(crate) fn new(input: &'a str) -> Self {
        LineNumbers { input: input.as_bytes(), offset: 0, feeds: 0 }
    }

    pub(crate) fn line(&mut self, position: Option<&Position>) -> u64 {
        let Some(position) = position else { return self.feeds + 1 };
        let mut start = usize::try_from(position.byte()).unwrap_or(usize::MAX).min(self.input.len());
        while matches!(self.input.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        if start < self.offset {
            (self.offset, self.feeds) = (0, 0);
        }
        self.feeds += self.input[self.offset..start].iter().filter(|&&b| b == b'\n').count() as u64;
        self.offset = start;
        self.feeds + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::csv::{ReaderBuilder, StringRecord};

    fn lines_of_records(input: &str) -> Vec<u64> {
        let mut reader = ReaderBuilder::new().has_headers(false).flexible(true).from_reader(input.as_bytes());
        let mut lines = LineNumbers::new(input);
        let mut record = StringRecord::new();
        let mut out = Vec::new();
        while reader.read_record(&mut record).unwrap_or(false) {
            out.push(lines.line(record.position()));
        }
        out
    }

    #[test]
    fn counts_physical_lines() {
        assert_eq!(lines_of_records("a\nb\nc\n"), [1, 2, 3]);
        assert_eq!(lines_of_records("a\r\nb\r\n\r\n\r\nc\r\n"), [1, 2, 5]);
        assert_eq!(lines_of_records("\n\na\n\"x\ny\",1\n\nc\n"), [3, 4, 7]);
        assert_eq!(LineNumbers::new("a\nb").line(None), 1);
    }
}
