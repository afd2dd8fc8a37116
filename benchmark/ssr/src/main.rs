//! SSR benchmark: one 1,000-row table of components rendered by Resuma, hand-written
//! `push_str`, maud and Leptos, timed in the same run and reported as ratios.
//!
//! ```text
//! cargo run --release --manifest-path benchmark/ssr/Cargo.toml [-- --json] [--samples N] [--batch N]
//! ```
//!
//! Invariant: before any timing, every renderer's output is checked equal to the
//! hand-written one (Leptos' hydration markers removed first); a mismatch aborts.

mod data;
mod hand;
mod leptos_table;
mod maud_table;
mod measure;
mod report;
mod resuma_table;

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
    let load_before = report::load_average();
    let samples = measure::run(RENDERERS, &rows, args.config);
    let load_after = report::load_average();
    let results = report::Results {
        renderers: RENDERERS,
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
            let first = raw
                .find("<!")
                .map_or("", |at| &raw[at.saturating_sub(20)..(at + 20).min(raw.len())]);
            eprintln!(
                "{}: equivalent after removing {} bytes of hydration markers (first: {first:?})",
                renderer.name,
                raw.len() - out.len()
            );
        }
    }
    eprintln!("all {} renderers produce the same {} bytes", RENDERERS.len(), reference.len());
    Ok(reference.len())
}

const USAGE: &str = "usage: resuma-bench-ssr [--json] [--samples N] [--batch N] [--warmup-ms N]
  --json        print JSON instead of markdown
  --samples N   samples per renderer, interleaved (default 40)
  --batch N     renders per sample (default 200)
  --warmup-ms N minimum warm-up per renderer (default 300)";

struct Args {
    json: bool,
    config: Config,
}

impl Args {
    fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
        let mut parsed = Args {
            json: false,
            config: Config { n_samples: 40, batch: 200, warmup: Duration::from_millis(300) },
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
