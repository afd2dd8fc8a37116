//! SSR benchmark: one 1,000-row table of components rendered by Resuma, hand-written
//! `push_str`, sailfish, askama, maud and Leptos, timed in the same run and reported as
//! ratios.
//!
//! ```text
//! cargo run --release --manifest-path benchmark/ssr/Cargo.toml [-- --json] [--samples N] [--batch N]
//! cargo run --release --manifest-path benchmark/ssr/Cargo.toml -- --profile resuma --seconds 10
//! ```
//!
//! Invariant: before any timing, every renderer's output is checked equal to the
//! hand-written one (Leptos' hydration markers removed first, sailfish's and askama's
//! entities mapped to the others' forms of the same characters); a mismatch aborts.

mod askama_table;
mod data;
mod hand;
mod leptos_table;
mod maud_table;
mod measure;
mod report;
mod resuma_table;
mod sailfish_table;

use std::process::ExitCode;
use std::time::Duration;

use measure::{Config, Renderer};

/// The renderers, hand-written first (the reference for equivalence and ratios).
const RENDERERS: &[Renderer] = &[
    Renderer {
        key: "hand",
        name: "hand-written",
        render: hand::render,
        normalise: None,
        headline: true,
    },
    Renderer {
        key: "resuma",
        name: "resuma",
        render: resuma_table::render,
        normalise: None,
        headline: true,
    },
    Renderer {
        key: "sailfish",
        name: "sailfish",
        render: sailfish_table::render,
        normalise: Some(sailfish_table::normalise),
        headline: true,
    },
    Renderer {
        key: "askama",
        name: "askama",
        render: askama_table::render,
        normalise: Some(askama_table::normalise),
        headline: true,
    },
    Renderer {
        key: "maud",
        name: "maud",
        render: maud_table::render,
        normalise: None,
        headline: true,
    },
    Renderer {
        key: "leptos",
        name: "leptos",
        render: leptos_table::render,
        normalise: Some(leptos_table::normalise),
        headline: true,
    },
    Renderer {
        key: "resuma_to_html",
        name: "resuma, `View::to_html()` (unsized buffer)",
        render: resuma_table::render_to_html,
        normalise: None,
        headline: false,
    },
    Renderer {
        key: "resuma_href",
        name: "resuma, href without `format!`",
        render: resuma_table::render_href,
        normalise: None,
        headline: false,
    },
    Renderer {
        key: "resuma_href_itoa",
        name: "resuma, href as an `itoa`-built `String` (alloc, no `fmt`)",
        render: resuma_table::render_itoa,
        normalise: None,
        headline: false,
    },
    Renderer {
        key: "resuma_href_fmt",
        name: "resuma, href through `format_args!` (`fmt`, no alloc)",
        render: resuma_table::render_fmt,
        normalise: None,
        headline: false,
    },
    Renderer {
        key: "resuma_each",
        name: "resuma, rows as an iterator of views (no `Vec`, still a box per row)",
        render: resuma_table::render_each,
        normalise: None,
        headline: false,
    },
    Renderer {
        key: "resuma_loop",
        name: "resuma, rows as direct calls (no `Vec<View>`)",
        render: resuma_table::render_loop,
        normalise: None,
        headline: false,
    },
    Renderer {
        key: "resuma_loop_href",
        name: "resuma, both",
        render: resuma_table::render_loop_href,
        normalise: None,
        headline: false,
    },
    Renderer {
        key: "resuma_no_boundary",
        name: "resuma, both, expansion by hand without `boundary()`",
        render: resuma_table::render_no_boundary,
        normalise: None,
        headline: false,
    },
    Renderer {
        key: "resuma_html_api",
        name: "resuma `Html` writers by hand (no components)",
        render: resuma_table::render_html_api,
        normalise: None,
        headline: false,
    },
];

fn main() -> ExitCode {
    if std::env::args().any(|it| it == "-h" || it == "--help") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let args = match Args::parse(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let rows = data::rows();
    let bytes = match check_equivalence(&rows) {
        Ok(bytes) => bytes,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(key) = &args.profile {
        return profile(key, &rows, args.iterations);
    }
    let renderers: Vec<Renderer> = match &args.only {
        Some(keys) => {
            RENDERERS.iter().filter(|it| keys.iter().any(|k| k == it.key)).copied().collect()
        }
        None => RENDERERS.to_vec(),
    };
    let load_before = report::load_average();
    let samples = measure::run(&renderers, &rows, args.config);
    let load_after = report::load_average();
    let results = report::Results {
        renderers: &renderers,
        samples: &samples,
        config: args.config,
        html_bytes: bytes,
        load: [load_before, load_after],
    };
    if args.json {
        println!("{}", results.json());
    } else {
        print!("{}", results.markdown());
    }
    ExitCode::SUCCESS
}

/// Checks every renderer against the hand-written output; returns its length in bytes.
fn check_equivalence(rows: &[data::Row]) -> Result<usize, String> {
    let reference = hand::render(rows.to_vec());
    for must in
        ["<td>1000</td>", "href=\"/item/17\"", "Row &lt;17&gt; &amp; 'friends'", "Ligne n°13 → été"]
    {
        if !reference.contains(must) {
            return Err(format!("hand-written output lacks {must:?}"));
        }
    }
    // The sailfish and askama normalisers map numeric entities back to what the others
    // write; that is sound only while the reference itself holds none.
    if reference.contains("&#") {
        return Err("hand-written output holds a numeric entity (`&#`)".to_owned());
    }
    for renderer in RENDERERS {
        let raw = (renderer.render)(rows.to_vec());
        let out = match renderer.normalise {
            Some(normalise) => normalise(&raw),
            None => raw.clone(),
        };
        if out != reference {
            let at = out.bytes().zip(reference.bytes()).take_while(|(a, b)| a == b).count();
            let context = |s: &str| {
                s.get(at.saturating_sub(40)..(at + 60).min(s.len())).unwrap_or("").to_owned()
            };
            return Err(format!(
                "{} differs from hand-written at byte {at}:\n  got      {:?}\n  expected {:?}",
                renderer.name,
                context(&out),
                context(&reference),
            ));
        }
        if renderer.normalise.is_some() {
            let at = raw.bytes().zip(reference.bytes()).take_while(|(a, b)| a == b).count();
            let first = raw.get(at.saturating_sub(20)..(at + 20).min(raw.len())).unwrap_or("");
            eprintln!(
                "{}: equivalent after normalising its {} raw bytes ({:+} bytes; first raw \
                 difference at byte {at}: {first:?})",
                renderer.name,
                raw.len(),
                raw.len() as i64 - out.len() as i64,
            );
        }
    }
    eprintln!("all {} renderers produce the same {} bytes", RENDERERS.len(), reference.len());
    Ok(reference.len())
}

/// `--profile KEY`: renders with one renderer only, `iterations` times, for a profiler
/// (`perf record`, `valgrind --tool=callgrind`) to see that renderer alone. Each render
/// gets freshly cloned rows, as in a timed sample; the clone shows up as its own frames.
fn profile(key: &str, rows: &[data::Row], iterations: usize) -> ExitCode {
    let Some(renderer) = RENDERERS.iter().find(|it| it.key == key) else {
        let keys: Vec<&str> = RENDERERS.iter().map(|it| it.key).collect();
        eprintln!("unknown renderer {key:?}; one of: {}", keys.join(", "));
        return ExitCode::from(2);
    };
    let start = std::time::Instant::now();
    let mut bytes = 0;
    for _ in 0..iterations {
        let input = rows.to_vec();
        bytes += std::hint::black_box((renderer.render)(std::hint::black_box(input))).len();
    }
    let elapsed = start.elapsed();
    eprintln!(
        "{}: {iterations} renders, {bytes} bytes, {:.1} µs per render (rows' clone included)",
        renderer.name,
        elapsed.as_secs_f64() * 1e6 / iterations as f64,
    );
    ExitCode::SUCCESS
}

const USAGE: &str = "usage: resuma-bench-ssr [--json] [--samples N] [--batch N] [--warmup-ms N]
       resuma-bench-ssr --profile KEY [--iterations N]
  --json          print JSON instead of markdown
  --samples N     samples per renderer, interleaved (default 40)
  --batch N       renders per sample (default 200)
  --warmup-ms N   minimum warm-up per renderer (default 300)
  --profile KEY   no timing: check the outputs, then render with the renderer KEY only
                  (hand, resuma, sailfish, askama, maud, leptos, resuma_html_api, …),
                  for perf or callgrind
  --iterations N  renders in --profile mode (default 20000)
  --only K,K,…    time only these renderers (ratios to one left out are not shown)";

struct Args {
    json: bool,
    config: Config,
    profile: Option<String>,
    iterations: usize,
    only: Option<Vec<String>>,
}

impl Args {
    fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
        let mut parsed = Args {
            json: false,
            config: Config { n_samples: 40, batch: 200, warmup: Duration::from_millis(300) },
            profile: None,
            iterations: 20_000,
            only: None,
        };
        while let Some(arg) = args.next() {
            let mut number = |name: &str| -> Result<usize, String> {
                let value = args.next().ok_or(format!("{name} needs a number"))?;
                value
                    .parse::<usize>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or(format!("{name}: not a positive number: {value}"))
            };
            match arg.as_str() {
                "--json" => parsed.json = true,
                "--profile" => {
                    parsed.profile =
                        Some(args.next().ok_or("--profile needs a renderer key".to_owned())?)
                }
                "--iterations" => parsed.iterations = number("--iterations")?,
                "--only" => {
                    let keys = args.next().ok_or("--only needs renderer keys".to_owned())?;
                    let keys: Vec<String> = keys.split(',').map(str::to_owned).collect();
                    if let Some(bad) =
                        keys.iter().find(|key| !RENDERERS.iter().any(|it| it.key == key.as_str()))
                    {
                        return Err(format!("--only: unknown renderer {bad:?}"));
                    }
                    parsed.only = Some(keys);
                }
                "--samples" => parsed.config.n_samples = number("--samples")?,
                "--batch" => parsed.config.batch = number("--batch")?,
                "--warmup-ms" => {
                    parsed.config.warmup = Duration::from_millis(number("--warmup-ms")? as u64)
                }
                other => return Err(format!("unknown argument: {other}")),
            }
        }
        Ok(parsed)
    }
}
