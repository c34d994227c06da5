//! Copying a deployment between databases, with a progress bar.

use aman_db::Db;
use anyhow::{Context, bail};

pub fn progress_bar() -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(0);
    let style = indicatif::ProgressStyle::with_template("{msg:>16} [{bar:40}] {pos}/{len}")
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style.progress_chars("=> "));
    bar
}

/// Copies everything into `target`, refusing a target that holds data unless
/// told to overwrite it.
pub async fn copy_into(source: &Db, target: &Db, overwrite: bool) -> anyhow::Result<u64> {
    if !target.is_empty().await? {
        if !overwrite {
            bail!("the target database is not empty; pass --overwrite to replace its contents");
        }
        target.clear().await.context("clearing the target")?;
    }
    let bar = progress_bar();
    let result = aman_db::copy::copy(source, target, &mut show_progress(&bar)).await;
    bar.finish_and_clear();
    result.context("copy failed; the target may be incomplete: run again with --overwrite")
}

/// The callback a copy reports its progress to, drawn on `bar`.
pub fn show_progress(bar: &indicatif::ProgressBar) -> impl FnMut(&str, u64, u64) + '_ {
    |table, done, total| {
        bar.set_length(total);
        bar.set_position(done);
        bar.set_message(table.to_owned());
    }
}
