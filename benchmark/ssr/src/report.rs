//! The results as a markdown report or JSON, with the targets' PASS/MISS.
//!
//! Ratios are the median of per-round ratios (each round times every renderer once), so
//! drift between rounds cancels; p10–p90 of those per-round ratios show their spread.

use std::fmt::Write as _;
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::json;

use crate::data::N_ROWS;
use crate::measure::{paired_ratios, Config, Renderer, Summary};

/// Everything one run measured.
pub struct Results<'a> {
    pub renderers: &'a [Renderer],
    /// Nanoseconds per render, per sample, in `renderers` order.
    pub samples: &'a [Vec<f64>],
    pub config: Config,
    /// Length of the (common) output.
    pub html_bytes: usize,
    /// 1-minute load average before and after timing (`None` off Linux).
    pub load: [Option<f64>; 2],
}

/// A ratio the report shows, with its target if it has one.
struct Ratio {
    key: &'static str,
    label: &'static str,
    num: &'static str,
    den: &'static str,
    target: Option<Target>,
}

#[derive(Clone, Copy)]
enum Target {
    AtMost(f64),
    AtLeast(f64),
}

impl Target {
    fn met(self, value: f64) -> bool {
        match self {
            Target::AtMost(limit) => value <= limit,
            Target::AtLeast(limit) => value >= limit,
        }
    }

    fn describe(self) -> String {
        match self {
            Target::AtMost(limit) => format!("≤ {limit:.1}"),
            Target::AtLeast(limit) => format!("≥ {limit:.1}"),
        }
    }
}

const RATIOS: &[Ratio] = &[
    Ratio {
        key: "resuma/sailfish",
        label: "resuma / sailfish",
        num: "resuma",
        den: "sailfish",
        target: Some(Target::AtMost(1.0)),
    },
    Ratio {
        key: "sailfish/hand",
        label: "sailfish / hand-written",
        num: "sailfish",
        den: "hand",
        target: None,
    },
    Ratio {
        key: "askama/hand",
        label: "askama / hand-written",
        num: "askama",
        den: "hand",
        target: None,
    },
    Ratio {
        key: "resuma/hand",
        label: "resuma / hand-written",
        num: "resuma",
        den: "hand",
        target: Some(Target::AtMost(1.3)),
    },
    Ratio {
        key: "maud/hand",
        label: "maud / hand-written",
        num: "maud",
        den: "hand",
        target: None,
    },
    Ratio {
        key: "leptos/hand",
        label: "leptos / hand-written",
        num: "leptos",
        den: "hand",
        target: None,
    },
    Ratio {
        key: "leptos/resuma",
        label: "leptos / resuma",
        num: "leptos",
        den: "resuma",
        target: Some(Target::AtLeast(2.0)),
    },
];

impl Results<'_> {
    /// The samples of the renderer `key`; empty when it was not measured (`--only`).
    fn samples_of(&self, key: &str) -> &[f64] {
        match self.renderers.iter().position(|it| it.key == key) {
            Some(idx) => &self.samples[idx],
            None => &[],
        }
    }

    fn measured(&self, key: &str) -> bool {
        self.renderers.iter().any(|it| it.key == key)
    }

    /// The paired ratio `num / den`; NaN when either was not measured.
    fn ratio(&self, num: &str, den: &str) -> Summary {
        Summary::of(&paired_ratios(self.samples_of(num), self.samples_of(den)))
    }

    /// The report in markdown.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let Config { n_samples, batch, .. } = self.config;
        let _ = writeln!(
            out,
            "## SSR: {N_ROWS}-row table ({} bytes of HTML), {date}\n\n\
             {n_samples} samples × {batch} renders per renderer, interleaved; {cores} cores, load {load}. \
             Times are per table render.\n",
            self.html_bytes,
            date = today(),
            cores = std::thread::available_parallelism().map_or(0, |n| n.get()),
            load = self.load.map(|it| it.map_or("?".to_owned(), |l| format!("{l:.2}"))).join(" → "),
        );
        let _ = writeln!(
            out,
            "| renderer | median µs | p10 µs | p90 µs | × hand-written | × sailfish |"
        );
        let _ = writeln!(out, "| --- | ---: | ---: | ---: | ---: | ---: |");
        for (renderer, samples) in
            self.renderers.iter().zip(self.samples).filter(|(it, _)| it.headline)
        {
            self.time_row(&mut out, renderer, samples);
        }
        let _ = writeln!(out, "\n| ratio | median (p10–p90) | target | result |");
        let _ = writeln!(out, "| --- | ---: | :---: | :---: |");
        for ratio in RATIOS.iter().filter(|it| self.measured(it.num) && self.measured(it.den)) {
            let value = self.ratio(ratio.num, ratio.den);
            let (target, result) = match ratio.target {
                Some(target) => {
                    (target.describe(), if target.met(value.median) { "PASS" } else { "MISS" })
                }
                None => ("".to_owned(), ""),
            };
            let _ = writeln!(
                out,
                "| {} | {:.3} ({:.2}–{:.2}) | {target} | {result} |",
                ratio.label, value.median, value.p10, value.p90
            );
        }
        let _ = writeln!(out, "\nResuma variants (same HTML; see `src/resuma_table.rs`):\n");
        let _ = writeln!(
            out,
            "| variant | median µs | p10 µs | p90 µs | × hand-written | × sailfish | × resuma |"
        );
        let _ = writeln!(out, "| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        for renderer in self.renderers.iter().filter(|it| !it.headline || it.key == "resuma") {
            let time = Summary::of(self.samples_of(renderer.key));
            let _ = writeln!(
                out,
                "| {} | {:.1} | {:.1} | {:.1} | {} | {} | {} |",
                renderer.name,
                time.median / 1e3,
                time.p10 / 1e3,
                time.p90 / 1e3,
                cell(self.ratio(renderer.key, "hand").median),
                cell(self.ratio(renderer.key, "sailfish").median),
                cell(self.ratio(renderer.key, "resuma").median),
            );
        }
        out
    }

    fn time_row(&self, out: &mut String, renderer: &Renderer, samples: &[f64]) {
        let time = Summary::of(samples);
        let _ = writeln!(
            out,
            "| {} | {:.1} | {:.1} | {:.1} | {} | {} |",
            renderer.name,
            time.median / 1e3,
            time.p10 / 1e3,
            time.p90 / 1e3,
            cell(self.ratio(renderer.key, "hand").median),
            cell(self.ratio(renderer.key, "sailfish").median),
        );
    }

    /// The report as JSON: times in nanoseconds per table render.
    pub fn json(&self) -> String {
        let renderers: Vec<_> = self
            .renderers
            .iter()
            .zip(self.samples)
            .map(|(renderer, samples)| {
                let time = Summary::of(samples);
                json!({
                    "key": renderer.key,
                    "name": renderer.name,
                    "headline": renderer.headline,
                    "median_ns": time.median,
                    "p10_ns": time.p10,
                    "p90_ns": time.p90,
                    "ratio_to_hand": self.ratio(renderer.key, "hand").median,
                    "ratio_to_sailfish": self.ratio(renderer.key, "sailfish").median,
                    "samples_ns": samples,
                })
            })
            .collect();
        let ratios: Vec<_> = RATIOS
            .iter()
            .filter(|it| self.measured(it.num) && self.measured(it.den))
            .map(|ratio| {
                let value = self.ratio(ratio.num, ratio.den);
                json!({
                    "key": ratio.key,
                    "median": value.median,
                    "p10": value.p10,
                    "p90": value.p90,
                    "target": ratio.target.map(Target::describe),
                    "pass": ratio.target.map(|it| it.met(value.median)),
                })
            })
            .collect();
        let report = json!({
            "date": today(),
            "rows": N_ROWS,
            "html_bytes": self.html_bytes,
            "samples": self.config.n_samples,
            "renders_per_sample": self.config.batch,
            "cores": std::thread::available_parallelism().map_or(0, |n| n.get()),
            "load_average_1m": self.load,
            "renderers": renderers,
            "ratios": ratios,
        });
        serde_json::to_string_pretty(&report).expect("JSON of plain values")
    }
}

/// A ratio in a table cell: two decimals, or `–` when it was not measured.
fn cell(ratio: f64) -> String {
    if ratio.is_nan() {
        "–".to_owned()
    } else {
        format!("{ratio:.2}")
    }
}

/// The 1-minute load average from `/proc/loadavg`, when there is one.
pub fn load_average() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/loadavg").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

/// Today's date (UTC) as `YYYY-MM-DD`, from the system clock.
fn today() -> String {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |it| it.as_secs());
    // Howard Hinnant's civil_from_days.
    let days = (secs / 86_400) as i64 + 719_468;
    let era = days.div_euclid(146_097);
    let doe = days - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}
