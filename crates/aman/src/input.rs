//! Files named on the command line are read only up to their kind's limit
//! (the same limit the parser itself enforces): a larger file, or a device
//! that never ends, is refused before it fills memory.

use anyhow::{Context, bail};
use std::io::Read;
use std::path::Path;

/// Small settings files: a deadline table, an index configuration, a
/// population table.
pub const SETTINGS_BYTES: usize = 1 << 20;

/// The file's bytes, if there are at most `limit` of them.
pub fn read_bytes(path: &Path, limit: usize) -> anyhow::Result<Vec<u8>> {
    let file = std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1).read_to_end(&mut bytes).with_context(|| format!("cannot read {}", path.display()))?;
    if bytes.len() > limit {
        bail!("{} is larger than {limit} bytes, the most read for this kind of file: refused", path.display());
    }
    Ok(bytes)
}

/// The file's text (UTF-8), if it has at most `limit` bytes.
pub fn read_text(path: &Path, limit: usize) -> anyhow::Result<String> {
    String::from_utf8(read_bytes(path, limit)?).with_context(|| format!("{} is not UTF-8 text", path.display()))
}
