//! `resuma build [PATH]`: a release build, then a table of the app's pages with the
//! JavaScript each ships at first (initial) and by its first interaction, gzip'd.
//!
//! How pages are found and measured, without a browser: the release binary is started on
//! a private port; its pages are the ones the app lists (it serves `/_resuma/pages` when
//! started with `RESUMA_LIST_PAGES`), each `--route`, and those same-origin links reach.
//! Each page's scripts are read from its HTML as the loader reads them
//! (`build/measure.rs`), and the core and chunks it names are fetched from the app. A page
//! with parameters in its path (`/item/{id}`) is measured when given with `--route`.
//!
//! A Flow app (one with `src/pages/`) has its route table read from the files there
//! (`resuma_analysis::routes`): every static route is measured, whether the app lists it
//! or not, and each row names the page file that serves it.
//!
//! With `--static`, the app's 404 page (exported as `404.html`) is measured too: the
//! table lists every page the export writes.

mod export;
mod http;
mod measure;

use std::collections::{BTreeMap, VecDeque};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::Stdio;

use clap::Args;
use miette::{miette, IntoDiagnostic as _, WrapErr as _};
use serde::Serialize;

use super::dev::app::App;
use super::dev::cargo::{self, Build, BuildOutcome};
use measure::{gzip_len, read_page};
use resuma_analysis::routes::{route_of, RouteTable};
use resuma_lsp::pages::crate_pages;

/// At most this many pages are crawled.
const MAX_PAGES: usize = 200;

/// Arguments of `resuma build`.
#[derive(Args)]
#[command(after_long_help = "\
How pages are measured: the release binary is started on a private port and asked for
its pages; each is fetched, and so is each page their links reach (pages with parameters
in their path, like /item/{id}, need --route). Initial JS is
the inline loader a page carries (0 B for a page without handlers); first interaction
adds the core and every chunk the page names (handlers, bound expressions, effects,
islands). With --static the app's 404 page is a row too (/404.html). Sizes are gzip -9.")]
pub(crate) struct BuildArgs {
    /// The app's directory (the one with its Cargo.toml).
    #[arg(default_value = ".")]
    path: PathBuf,
    /// A page to measure besides those the app lists (repeatable): e.g. `/item/1`.
    #[arg(long = "route", value_name = "PATH")]
    routes: Vec<String>,
    /// Which binary of the package to build, when it has several.
    #[arg(long)]
    bin: Option<String>,
    /// Print the table as JSON on stdout, for CI and tools.
    #[arg(long)]
    json: bool,
    /// Also export the pages as static files (HTML, the runtime, every handler chunk)
    /// into --out, for any static host.
    #[arg(long = "static")]
    export: bool,
    /// Where --static writes (default: `dist` in the app's directory).
    #[arg(long, value_name = "DIR", requires = "export")]
    out: Option<PathBuf>,
    /// With --static: refuse to export (and write nothing) when a page needs a server
    /// (a form, a middleware, a load reading the request, a server function).
    #[arg(long, requires = "export")]
    strict: bool,
}

/// One row of the table.
#[derive(Debug, Serialize)]
struct PageRow {
    route: String,
    /// The page file under `src/pages/` that serves it, in a Flow app.
    file: Option<String>,
    /// That route's pattern: `/blog/{slug}` for `/blog/hello`.
    pattern: Option<String>,
    status: u16,
    /// The app's 404 page, which `--static` writes as `404.html` (its route here).
    not_found: bool,
    html_gz: usize,
    initial_js_gz: usize,
    first_interaction_js_gz: usize,
}

/// Builds and measures; exit code 0, or 1 with a report.
pub(crate) fn run(args: &BuildArgs) -> std::process::ExitCode {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build();
    let res = runtime.into_diagnostic().and_then(|runtime| runtime.block_on(build(args)));
    super::finish(res)
}

async fn build(args: &BuildArgs) -> miette::Result<()> {
    let dir = std::fs::canonicalize(&args.path)
        .into_diagnostic()
        .wrap_err_with(|| format!("cannot open {}", args.path.display()))?;
    if !dir.join("Cargo.toml").is_file() {
        return Err(miette!(
            help = "run resuma build in an app's directory, or pass it: resuma build path/to/app",
            "{} has no Cargo.toml",
            dir.display()
        ));
    }
    // Read before the build: a page file that is no route fails the build anyway.
    let routes = crate_pages(&dir).map(|it| it.table);
    eprintln!("resuma build: cargo build --release in {}", dir.display());
    let Build { outcome, report } =
        cargo::build(&dir, true, args.bin.as_deref()).await.into_diagnostic()?;
    eprint!("{report}");
    let executable = match outcome {
        BuildOutcome::Built { executable } => executable,
        BuildOutcome::Failed { errors } => {
            return Err(miette!("the release build failed with {} error(s)", errors.len()));
        }
    };
    eprintln!("resuma build: {}", executable.display());
    // Quiet: its log would only say where it listens, a private port.
    // RESUMA_LIST_PAGES: the app lists its pages at /_resuma/pages (framework app.rs).
    let env = [("RUST_LOG", "error".to_owned()), ("RESUMA_LIST_PAGES", "1".to_owned())];
    // Its logs (a failing load's error, say) must not mix with the table or the JSON.
    let logs = Stdio::from(std::io::stderr());
    let app = App::start_with_stdout(&executable, &dir, &env, logs).await.into_diagnostic()?;
    let rows = measure_pages(app.addr(), routes.as_ref(), &args.routes, args.export).await;
    let exported = match (&rows, args.export) {
        (Ok(rows), true) => {
            let out = args.out.clone().unwrap_or_else(|| dir.join("dist"));
            // All of them: one that is no page (a redirect, an error) is reported. The 404
            // page's row is measured, and exported on its own.
            let pages: Vec<String> =
                rows.iter().filter(|it| !it.not_found).map(|it| it.route.clone()).collect();
            Some(export::export(app.addr(), &pages, &out, args.strict).await.map(|it| (out, it)))
        }
        _ => None,
    };
    app.stop().await;
    let rows = rows?;
    if let Some(exported) = exported {
        let (out, exported) = exported?;
        for warning in &exported.warnings {
            eprintln!("warning: {warning}");
        }
        eprintln!(
            "resuma build: exported {} page(s) and {} file(s) to {}",
            exported.pages,
            exported.files,
            out.display()
        );
    }
    if args.json {
        crate::out::outln!("{}", serde_json::to_string_pretty(&rows).into_diagnostic()?);
    } else {
        crate::out::out!("{}", table(&rows));
    }
    Ok(())
}

/// The app's own list of its pages (`/_resuma/pages`), without those whose path has
/// parameters (`/item/{id}`: no URL to fetch); empty when the app does not answer it (an
/// app built on an older Resuma).
async fn listed_pages(addr: SocketAddr) -> Vec<String> {
    let Ok(answer) = http::get(addr, "/_resuma/pages").await else { return Vec::new() };
    if answer.status != 200 {
        return Vec::new();
    }
    let paths: Vec<String> = serde_json::from_slice(&answer.body).unwrap_or_default();
    paths.into_iter().filter(|it| it.starts_with('/') && !it.contains(['{', '*'])).collect()
}

/// Measures `/`, the static routes of `table` (a Flow app's), the app's listed pages,
/// `extra`, and the pages their links reach; with `not_found`, also the app's 404 page,
/// which `--static` exports as `404.html` (its row's route).
async fn measure_pages(
    addr: SocketAddr,
    table: Option<&RouteTable>,
    extra: &[String],
    not_found: bool,
) -> miette::Result<Vec<PageRow>> {
    let listed = listed_pages(addr).await;
    let static_routes = table
        .into_iter()
        .flat_map(|it| &it.routes)
        .filter(|it| it.params.is_empty())
        .map(|it| it.pattern.clone());
    let mut queue: VecDeque<String> = VecDeque::new();
    let first = std::iter::once("/".to_owned()).chain(static_routes).chain(listed);
    for route in first.chain(extra.iter().cloned()) {
        if !queue.contains(&route) {
            queue.push_back(route);
        }
    }
    let mut seen: Vec<String> = queue.iter().cloned().collect();
    let mut sizes = ScriptSizes::default();
    let mut rows = Vec::new();
    while let Some(route) = queue.pop_front() {
        let served_by = table.and_then(|it| route_of(it, &route));
        let page = Page {
            fetch: &route,
            file: served_by.map(|it| it.page.file.clone()),
            pattern: served_by.map(|it| it.pattern.clone()),
            status: 200,
        };
        let (row, links) = measure_page(addr, page, &mut sizes).await?;
        rows.push(row);
        for link in links {
            // The page, not its query or fragment; nor the runtime's own files.
            let path = link.split(['?', '#']).next().unwrap_or_default().to_owned();
            if !path.starts_with("/_resuma/") && !seen.contains(&path) && seen.len() < MAX_PAGES {
                seen.push(path.clone());
                queue.push_back(path);
            }
        }
    }
    if not_found {
        let root_404 = table.and_then(|it| it.not_found.iter().find(|it| it.pattern == "/"));
        let page = Page {
            fetch: export::MISSING,
            file: root_404.map(|it| it.page.file.clone()),
            pattern: None,
            status: 404,
        };
        let (mut row, _) = measure_page(addr, page, &mut sizes).await?;
        // Measured: the app has a 404 page (an HTML answer with that status).
        if row.html_gz > 0 {
            row.route = "/404.html".to_owned();
            rows.push(row);
        }
    }
    Ok(rows)
}

/// One page to measure: the path to fetch, what serves it, the status a page answers.
struct Page<'a> {
    fetch: &'a str,
    file: Option<String>,
    pattern: Option<String>,
    status: u16,
}

/// The gzip size of each script fetched so far, by URL: each is fetched once.
#[derive(Default)]
struct ScriptSizes(BTreeMap<String, usize>);

/// Fetches and measures one page: its row, and its same-origin links. An answer that is
/// not an HTML page with the expected status is a row without sizes.
async fn measure_page(
    addr: SocketAddr,
    page: Page<'_>,
    sizes: &mut ScriptSizes,
) -> miette::Result<(PageRow, Vec<String>)> {
    let route = page.fetch;
    let answer = http::get(addr, route)
        .await
        .map_err(|err| miette!("cannot fetch {route} from the app: {err}"))?;
    let mut row = PageRow {
        route: route.to_owned(),
        file: page.file,
        pattern: page.pattern,
        status: answer.status,
        not_found: page.status == 404,
        html_gz: 0,
        initial_js_gz: 0,
        first_interaction_js_gz: 0,
    };
    if answer.status != page.status || !answer.content_type.starts_with("text/html") {
        return Ok((row, Vec::new()));
    }
    let html = String::from_utf8_lossy(&answer.body);
    let scripts = read_page(&html);
    let initial: usize = scripts.inline.iter().map(|it| gzip_len(it.as_bytes())).sum();
    let mut first_interaction = initial;
    for url in scripts.core.iter().chain(&scripts.chunks) {
        if !sizes.0.contains_key(url) {
            let script = http::get(addr, url)
                .await
                .map_err(|err| miette!("cannot fetch {url} from the app: {err}"))?;
            if script.status != 200 {
                return Err(miette!(
                    "{route} names {url}, which the app answers {}",
                    script.status
                ));
            }
            sizes.0.insert(url.clone(), gzip_len(&script.body));
        }
        first_interaction += sizes.0[url];
    }
    row.html_gz = gzip_len(&answer.body);
    row.initial_js_gz = initial;
    row.first_interaction_js_gz = first_interaction;
    Ok((row, scripts.links))
}

/// The table people know from other frameworks' build output; a Flow app's has the page
/// file of each route first (`-` for a URL no page serves).
fn table(rows: &[PageRow]) -> String {
    let route_width = rows.iter().map(|row| row.route.len()).max().unwrap_or(0).max(5);
    let has_files = rows.iter().any(|row| row.file.is_some());
    let file_width = rows.iter().filter_map(|row| row.file.as_ref()).map(String::len).max();
    let file_width = file_width.unwrap_or(0).max(4);
    let file_cell = |file: Option<&str>| {
        if has_files {
            format!("{:<file_width$}  ", file.unwrap_or("-"))
        } else {
            String::new()
        }
    };
    let mut out = format!(
        "\n{}{:<route_width$}  {:>6}  {:>10}  {:>12}  {:>19}\n",
        file_cell(Some("File")),
        "Route",
        "Status",
        "HTML (gz)",
        "Initial JS",
        "First interaction"
    );
    for row in rows {
        let size =
            |bytes: usize, shown: bool| if shown { format_bytes(bytes) } else { "-".to_owned() };
        let ok = row.status == 200 || row.not_found;
        out.push_str(&format!(
            "{}{:<route_width$}  {:>6}  {:>10}  {:>12}  {:>19}\n",
            file_cell(row.file.as_deref()),
            row.route,
            row.status,
            size(row.html_gz, ok),
            size(row.initial_js_gz, ok),
            size(row.first_interaction_js_gz, ok),
        ));
    }
    out.push_str(
        "\nJS sizes are gzip -9. Initial: the inline scripts (nothing is fetched before the first\n\
         interaction). First interaction: initial + the core + every chunk the page names\n\
         (handlers, bound expressions, effects, islands).\n",
    );
    out
}

fn format_bytes(bytes: usize) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else {
        format!("{:.2} KiB", bytes as f64 / 1024.0)
    }
}

#[cfg(test)]
mod tests {
    use super::{table, PageRow};

    #[test]
    fn the_table_lists_each_route_with_its_sizes() {
        let rows = [
            PageRow {
                route: "/".into(),
                file: None,
                pattern: None,
                status: 200,
                not_found: false,
                html_gz: 700,
                initial_js_gz: 480,
                first_interaction_js_gz: 2100,
            },
            PageRow {
                route: "/about".into(),
                file: None,
                pattern: None,
                status: 200,
                not_found: false,
                html_gz: 300,
                initial_js_gz: 0,
                first_interaction_js_gz: 0,
            },
            PageRow {
                route: "/gone".into(),
                file: None,
                pattern: None,
                status: 404,
                not_found: false,
                html_gz: 0,
                initial_js_gz: 0,
                first_interaction_js_gz: 0,
            },
        ];
        let out = table(&rows);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[1].starts_with("Route   Status"), "{out}");
        assert!(lines[2].starts_with("/          200") && lines[2].ends_with("2.05 KiB"), "{out}");
        assert!(lines[3].contains("0 B"), "{out}");
        assert!(lines[4].starts_with("/gone      404") && lines[4].ends_with("-"), "{out}");
    }

    #[test]
    fn a_flow_table_names_each_route_s_page_file_first() {
        let row = |route: &str, file: Option<&str>, status| PageRow {
            route: route.into(),
            file: file.map(str::to_owned),
            pattern: None,
            status,
            not_found: status == 404 && route == "/404.html",
            html_gz: 300,
            initial_js_gz: 0,
            first_interaction_js_gz: 0,
        };
        let out = table(&[
            row("/", Some("index.rs"), 200),
            row("/blog/hello", Some("blog/[slug].rs"), 200),
            row("/nowhere", None, 404),
            row("/404.html", Some("_404.rs"), 404),
        ]);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[1].starts_with("File            Route        Status"), "{out}");
        assert!(lines[2].starts_with("index.rs        /               200"), "{out}");
        assert!(lines[3].starts_with("blog/[slug].rs  /blog/hello     200"), "{out}");
        assert!(lines[4].starts_with("-               /nowhere        404"), "{out}");
        assert!(lines[4].trim_end().ends_with('-'), "a URL no page serves has no sizes: {out}");
        // The 404 page (`--static`'s 404.html) is a page: measured.
        assert!(lines[5].starts_with("_404.rs         /404.html       404"), "{out}");
        assert!(lines[5].trim_end().ends_with("0 B"), "{out}");
    }
}
