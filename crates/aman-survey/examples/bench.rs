//! Timing of the core on a synthetic 1,000,000 × 50-domain survey:
//! `cargo run --release -p aman-survey --example bench`.

use std::time::Instant;

use aman_survey::{Design, Domains, LonelyPsu, Options, Statistic, estimate_domains};

fn main() -> Result<(), aman_survey::SurveyError> {
    let n = 1_000_000usize;
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    // 20 strata × 100 PSUs × 500 respondents, shuffled-ish order.
    let strata: Vec<u32> = (0..n).map(|i| (i % 20) as u32).collect();
    let psu: Vec<u32> = (0..n).map(|i| ((i / 20) % 100) as u32).collect();
    let w: Vec<f64> = (0..n).map(|_| 50.0 + 400.0 * next()).collect();
    let y: Vec<f64> = (0..n).map(|_| if next() < 0.05 { f64::NAN } else { 10.0 * next() }).collect();
    let codes: Vec<u32> = (0..n).map(|_| (next() * 50.0) as u32).collect();
    let labels = (0..50).map(|g| format!("d{g:02}")).collect();
    let domains = Domains::from_codes(codes, labels)?;

    let t = Instant::now();
    let design = Design::builder(n).weights(w).strata(&strata).psu(&psu).build()?;
    let built = t.elapsed();
    let opts = Options { lonely_psu: LonelyPsu::Fail, ..Options::default() };
    let t = Instant::now();
    let est = estimate_domains(&design, &y, &domains, Statistic::Mean, &opts)?;
    let took = t.elapsed();
    println!("design: {built:?}; 50 domain means: {took:?}; first: {:?}", est[0]);
    Ok(())
}
