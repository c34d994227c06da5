//! Early warning and survey commands. `aman alerts run` evaluates every
//! series of a deployment, as the server's hourly job does. The analyst
//! commands need no database: `aman alerts detect` (outbreak detection on
//! count series) and `aman survey estimate` (design-based survey estimates);
//! their flags map one to one onto the pure crates' parameters, whose
//! defaults are those of R's `surveillance` and `survey` packages, so results
//! compare directly.

use crate::keyfile::load_keys;
use crate::{DbArg, KeyArg, open};
use aman_detect::presets::Preset;
use aman_detect::{CusumParams, EarsParams, FarringtonParams, Frequency, Method, ThresholdMethod};
use aman_survey::EstimateArgs;
use anyhow::Context;
use clap::{Args, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Subcommand)]
pub enum AlertsCommand {
    /// Count new concerns and events into the series, raise or update alerts
    /// and escalate unacknowledged ones (the server does this every hour).
    Run {
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        keys: KeyArg,
    },
    /// Run a detection method over `series,date,count` CSV and write
    /// `series,date,count,expected,threshold,score,alarm`.
    Detect(DetectArgs),
}

#[derive(Subcommand)]
pub enum SurveyCommand {
    /// Import a survey form from an XLSForm workbook; every problem is
    /// reported by sheet and row, and nothing is imported then.
    ImportForm(crate::surveying::ImportFormArgs),
    /// Import responses from a KoboToolbox/ODK export (CSV or JSON), checked
    /// against the form; all or nothing, with a report per row.
    ImportResponses(crate::surveying::ImportResponsesArgs),
    /// Stop a survey taking answers after a day (its results stay public).
    Close(crate::surveying::CloseArgs),
    /// Weighted mean, proportion, total, ratio or quantile with standard
    /// errors (Taylor linearisation, or replicate weights) and 95% confidence
    /// intervals, overall or by domain, as R's `survey`; writes
    /// `domain,n,estimate,se,ci_low,ci_high,df` (and `deff`).
    Estimate(Box<EstimateFlags>),
}

#[derive(Clone, Copy, ValueEnum)]
pub enum MethodName {
    Farrington,
    EarsC1,
    EarsC2,
    EarsC3,
    Cusum,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum FrequencyName {
    Day,
    Week,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ThresholdName {
    Delta,
    NbPlugin,
    Muan,
}

#[derive(Args)]
pub struct DetectArgs {
    /// Input CSV with the columns series,date,count (dates YYYY-MM-DD).
    #[arg(long)]
    input: PathBuf,
    /// A method with the parameters given by the flags below (R's defaults
    /// when absent); without `--method` and `--preset` the documented default
    /// preset for the frequency (`weekly` or `daily`).
    #[arg(long, value_enum)]
    method: Option<MethodName>,
    /// A named parameter set of docs/early-warning.md: weekly, daily or noufaily.
    #[arg(long, conflicts_with = "method")]
    preset: Option<Preset>,
    /// Daily series, or weekly series (dates seven days apart; reference weeks t − 52·j).
    #[arg(long, value_enum, default_value = "week")]
    frequency: FrequencyName,
    /// Output CSV (standard output when absent).
    #[arg(long)]
    output: Option<PathBuf>,
    /// EARS: number of reference points.
    #[arg(long, default_value_t = 7)]
    baseline: usize,
    /// Upper-tail probability (EARS: 0.001 for C1/C2, 0.025 for C3; Farrington: 0.05).
    #[arg(long)]
    alpha: Option<f64>,
    /// EARS: lower bound of the standard deviation.
    #[arg(long, default_value_t = 0.0)]
    min_sigma: f64,
    /// Farrington: years back.
    #[arg(long, default_value_t = 5)]
    b: usize,
    /// Farrington: half-width of the reference windows.
    #[arg(long, default_value_t = 3)]
    w: usize,
    /// Farrington: do not down-weight past outbreaks.
    #[arg(long)]
    no_reweight: bool,
    /// Farrington: Anscombe residual above which a past point is down-weighted.
    #[arg(long, default_value_t = 2.58)]
    weights_threshold: f64,
    /// Farrington: never fit a time trend.
    #[arg(long)]
    no_trend: bool,
    /// Farrington: seasonal factor levels per year.
    #[arg(long, default_value_t = 1)]
    no_periods: usize,
    /// Farrington: most recent points left out of the fit (default: w).
    #[arg(long)]
    past_weeks_not_included: Option<usize>,
    /// Farrington: threshold method.
    #[arg(long, value_enum, default_value = "delta")]
    threshold_method: ThresholdName,
    /// CUSUM: change of the log mean to detect.
    #[arg(long, default_value_t = std::f64::consts::LN_2)]
    kappa: f64,
    /// CUSUM: alarm threshold of the statistic.
    #[arg(long, default_value_t = 5.0)]
    c_arl: f64,
    /// CUSUM: negative-binomial dispersion (0 = Poisson).
    #[arg(long, default_value_t = 0.0)]
    dispersion: f64,
}

impl DetectArgs {
    fn method(&self, name: MethodName) -> Method {
        let ears = EarsParams { baseline: self.baseline, alpha: self.alpha, min_sigma: self.min_sigma };
        match name {
            MethodName::EarsC1 => Method::EarsC1(ears),
            MethodName::EarsC2 => Method::EarsC2(ears),
            MethodName::EarsC3 => Method::EarsC3(ears),
            MethodName::Cusum => Method::Cusum(CusumParams {
                kappa: self.kappa,
                c_arl: self.c_arl,
                alpha: self.dispersion,
                ..CusumParams::default()
            }),
            MethodName::Farrington => Method::Farrington(FarringtonParams {
                b: self.b,
                w: self.w,
                reweight: !self.no_reweight,
                weights_threshold: self.weights_threshold,
                alpha: self.alpha.unwrap_or(FarringtonParams::default().alpha),
                trend: !self.no_trend,
                no_periods: self.no_periods,
                past_weeks_not_included: self.past_weeks_not_included,
                threshold_method: match self.threshold_method {
                    ThresholdName::Delta => ThresholdMethod::Delta,
                    ThresholdName::NbPlugin => ThresholdMethod::NbPlugin,
                    ThresholdName::Muan => ThresholdMethod::Muan,
                },
                ..FarringtonParams::default()
            }),
        }
    }
}

#[derive(Args)]
pub struct EstimateFlags {
    /// Input CSV, one row per respondent.
    #[arg(long)]
    input: PathBuf,
    /// The variable (column) to estimate.
    #[arg(long)]
    var: String,
    /// Estimate the proportion of respondents whose variable equals this value.
    #[arg(long)]
    proportion: Option<String>,
    /// Column of sampling weights (default: every weight 1).
    #[arg(long)]
    weight: Option<String>,
    /// Column of strata (default: one stratum).
    #[arg(long)]
    strata: Option<String>,
    /// Column of primary sampling units, nested in strata (default: each respondent).
    #[arg(long)]
    psu: Option<String>,
    /// Column of domains (one output row per value).
    #[arg(long)]
    by: Option<String>,
    /// A stratum with one PSU: fail (as R), remove, certainty, adjust or average.
    #[arg(long, default_value = "fail")]
    lonely_psu: String,
    /// Estimates from fewer respondents are suppressed.
    #[arg(long, default_value_t = 30)]
    min_n: usize,
    /// Column of the first stage's finite population correction: the
    /// stratum's population in PSUs, or the fraction sampled when every value is at most 1.
    #[arg(long)]
    fpc: Option<String>,
    /// Column of second-stage units, nested in PSUs (with `--fpc` and `--fpc2`).
    #[arg(long)]
    ssu: Option<String>,
    /// Column of the second stage's finite population correction.
    #[arg(long)]
    fpc2: Option<String>,
    /// Estimate the population total instead of the mean.
    #[arg(long)]
    total: bool,
    /// Estimate the ratio of the totals of `--var` and this column.
    #[arg(long)]
    ratio_to: Option<String>,
    /// Estimate the quantile at this probability (0 to 1): R's default rule, Woodruff interval.
    #[arg(long)]
    quantile: Option<f64>,
    /// Replicate weights: every column whose name starts with this prefix.
    #[arg(long)]
    repweights: Option<String>,
    /// How the replicate weights were made: jk1, jkn, brr, fay or bootstrap.
    #[arg(long)]
    rep_type: Option<String>,
    /// Fay's factor (with `--rep-type fay`).
    #[arg(long)]
    rho: Option<f64>,
    /// The replicate variance's overall scale, instead of the type's default.
    #[arg(long)]
    rep_scale: Option<f64>,
    /// Add a `deff` column: the design effect, as R's `deff = TRUE`.
    #[arg(long)]
    deff: bool,
    /// Output CSV (standard output when absent).
    #[arg(long)]
    output: Option<PathBuf>,
}

fn read(path: &Path, limit: usize) -> anyhow::Result<String> {
    crate::input::read_text(path, limit)
}

fn write(path: Option<&Path>, text: &str) -> anyhow::Result<()> {
    match path {
        Some(path) => std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display())),
        None => {
            print!("{text}");
            Ok(())
        }
    }
}

pub async fn alerts(command: AlertsCommand) -> anyhow::Result<()> {
    let args = match command {
        AlertsCommand::Run { db, keys } => {
            let keys = load_keys(&keys.path)?;
            let db = open(&db.url).await?;
            let app = aman_app::App::load(db, keys, Arc::new(chrono::Utc::now), aman_app::Settings::default()).await?;
            println!("{}", aman_app::alerts::run(&app).await?);
            return Ok(());
        }
        AlertsCommand::Detect(args) => args,
    };
    let frequency = match args.frequency {
        FrequencyName::Day => Frequency::Day,
        FrequencyName::Week => Frequency::Week,
    };
    let input = read(&args.input, aman_detect::MAX_INPUT_BYTES)?;
    // `--method` with its flags, else the preset (chosen per series: it
    // adapts to the history each one has).
    let method = args.method.map(|name| args.method(name));
    let preset = args.preset.unwrap_or(Preset::default_for(frequency));
    let choose = |points| method.unwrap_or_else(|| preset.method(frequency, points));
    let detection = aman_detect::detect_csv_with(&input, frequency, choose)
        .with_context(|| format!("in {}", args.input.display()))?;
    if detection.nothing_evaluated() {
        let lines: Vec<String> = detection.short.iter().map(ToString::to_string).collect();
        anyhow::bail!("too little history in {}:\n{}", args.input.display(), lines.join("\n"));
    }
    for short in &detection.short {
        eprintln!("warning: {short}");
    }
    write(args.output.as_deref(), &detection.csv)
}

pub async fn survey(command: SurveyCommand) -> anyhow::Result<()> {
    let flags = match command {
        SurveyCommand::ImportForm(args) => return crate::surveying::import_form(args).await,
        SurveyCommand::ImportResponses(args) => return crate::surveying::import_responses(args).await,
        SurveyCommand::Close(args) => return crate::surveying::close(args).await,
        SurveyCommand::Estimate(flags) => *flags,
    };
    let lonely_psu = flags.lonely_psu.parse().map_err(|e: String| anyhow::anyhow!("--lonely-psu: {e}"))?;
    let rep_type = match &flags.rep_type {
        Some(name) => Some(name.parse().map_err(|e: String| anyhow::anyhow!("--rep-type: {e}"))?),
        None => None,
    };
    let args = EstimateArgs {
        proportion: flags.proportion,
        weight: flags.weight,
        strata: flags.strata,
        psu: flags.psu,
        by: flags.by,
        lonely_psu,
        min_n: flags.min_n,
        fpc: flags.fpc,
        ssu: flags.ssu,
        fpc2: flags.fpc2,
        total: flags.total,
        ratio_to: flags.ratio_to,
        quantile: flags.quantile,
        repweights: flags.repweights,
        rep_type,
        rho: flags.rho,
        rep_scale: flags.rep_scale,
        deff: flags.deff,
        ..EstimateArgs::new(flags.var)
    };
    let input = read(&flags.input, aman_survey::MAX_INPUT_BYTES)?;
    let output = aman_survey::estimate_csv(&input, &args).with_context(|| format!("in {}", flags.input.display()))?;
    write(flags.output.as_deref(), &output)
}
