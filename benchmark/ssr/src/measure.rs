//! Timing: warm-up, then interleaved samples of a batch of renders each.
//!
//! Invariant: every renderer gets its own freshly cloned rows for each render, cloned
//! just before its timer starts; inside the timer it renders them, drops them and drops
//! its output. Rounds rotate the order of the renderers so that drift (frequency, other
//! processes on a shared machine) spreads over all of them.

use std::hint::black_box;
use std::time::{Duration, Instant};

use crate::data::Row;

/// How many renders and samples to take.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    /// Samples per renderer (rounds).
    pub n_samples: usize,
    /// Renders timed together in one sample.
    pub batch: usize,
    /// Minimum warm-up per renderer before the first sample.
    pub warmup: Duration,
}

/// A renderer under test.
#[derive(Clone, Copy)]
pub struct Renderer {
    /// Stable key for JSON output.
    pub key: &'static str,
    /// Name in the tables.
    pub name: &'static str,
    /// Renders the table.
    pub render: fn(Vec<Row>) -> String,
    /// Maps its output to the common form before the equivalence check (Leptos'
    /// hydration markers); `None` compares byte for byte.
    pub normalise: Option<fn(&str) -> String>,
    /// A headline renderer (hand-written and the five frameworks) or a Resuma experiment.
    pub headline: bool,
}

/// Nanoseconds per render, one entry per sample, for each renderer (same order).
pub fn run(renderers: &[Renderer], rows: &[Row], config: Config) -> Vec<Vec<f64>> {
    for renderer in renderers {
        let start = Instant::now();
        let mut n_batches = 0;
        while n_batches < 3 || start.elapsed() < config.warmup {
            sample(renderer, rows, config.batch);
            n_batches += 1;
        }
    }
    let mut samples = vec![Vec::with_capacity(config.n_samples); renderers.len()];
    for round in 0..config.n_samples {
        for offset in 0..renderers.len() {
            let idx = (round + offset) % renderers.len();
            samples[idx].push(sample(&renderers[idx], rows, config.batch));
        }
    }
    samples
}

/// Times `batch` renders; returns nanoseconds per render.
///
/// Each render gets rows cloned just before its timer starts, as a server renders data it
/// has just loaded: hot in cache, freshly allocated. (Cloning a whole batch up front
/// instead leaves most inputs cold and adds the same cache misses to every renderer.)
/// Reading the clock twice per render costs well under 0.1% of a render.
fn sample(renderer: &Renderer, rows: &[Row], batch: usize) -> f64 {
    let mut total = Duration::ZERO;
    for _ in 0..batch {
        let input = rows.to_vec();
        let start = Instant::now();
        black_box((renderer.render)(black_box(input)));
        total += start.elapsed();
    }
    total.as_nanos() as f64 / batch as f64
}

/// Median, 10th and 90th percentile of a set of values.
#[derive(Debug, Clone, Copy)]
pub struct Summary {
    pub median: f64,
    pub p10: f64,
    pub p90: f64,
}

impl Summary {
    /// Summarises `values` (percentiles interpolated linearly between ranks).
    pub fn of(values: &[f64]) -> Summary {
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        Summary {
            median: percentile(&sorted, 0.5),
            p10: percentile(&sorted, 0.1),
            p90: percentile(&sorted, 0.9),
        }
    }
}

fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = q * (sorted.len() - 1) as f64;
    let (lo, hi) = (rank.floor() as usize, rank.ceil() as usize);
    sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo as f64)
}

/// Per-round ratios `num[r] / den[r]`: paired, so drift between rounds cancels.
pub fn paired_ratios(num: &[f64], den: &[f64]) -> Vec<f64> {
    num.iter().zip(den).map(|(n, d)| n / d).collect()
}
