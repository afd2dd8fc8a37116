//! Islands: components whose client code starts before anyone clicks them.
//!
//! A plain `#[component]` costs nothing until the first interaction. An
//! `#[island(load = "…")]` is for what must run before that: here a clock that ticks once
//! it scrolls into view (`visible`), a panel that starts once the page is idle (`idle`),
//! and one that starts when the pointer first reaches it (`interaction`). Until its
//! trigger fires, nothing of an island is fetched: not its chunk, not the core.
//!
//! Each island counts its effect's runs: the server runs an effect once during the render,
//! so the page shows 1 (the clock 2: its `debounce!` ran too), and the browser's run on
//! the trigger shows the next number.

use resuma::prelude::*;

/// Ticks once a second from the moment it scrolls into view: the effect runs when the
/// island starts, and each tick re-arms the `debounce!` that makes the next one.
#[island(load = "visible")]
fn Clock() -> View {
    let ticks = use_signal(0u32);
    effect!([], move || ticks.update(|t| *t += 1));
    debounce!(1000, [ticks], move || ticks.update(|t| *t += 1));
    view! {
        <p id="clock">"Ticks since it came into view: " {ticks}</p>
    }
}

/// Starts once the page has loaded and the browser is idle.
#[island(load = "idle")]
fn IdlePanel() -> View {
    let runs = use_signal(0u32);
    effect!([], move || runs.update(|n| *n += 1));
    view! {
        <section id="idle">"Idle island, effect runs: " {runs}</section>
    }
}

/// Starts on the first pointer over it (or focus in it, or a touch).
#[island(load = "interaction")]
fn HoverPanel() -> View {
    let runs = use_signal(0u32);
    effect!([], move || runs.update(|n| *n += 1));
    view! {
        <section id="hover" tabindex="0">"Interaction island, effect runs: " {runs}</section>
    }
}

/// A plain component with a handler, beside the islands: clicking it resumes the page
/// (the loader, the core), and still starts no island.
#[component]
fn Counter() -> View {
    let count = use_signal(0);
    view! {
        <button id="count" onClick={move |_| count.update(|c| *c += 1)}>"Clicks: " {count}</button>
    }
}

/// The three islands, the clock below the fold.
#[component]
fn Home() -> View {
    view! {
        <main>
            <h1>"Islands"</h1>
            <Counter/>
            <IdlePanel/>
            <HoverPanel/>
            <p>"Scroll down for the clock."</p>
            // 3000px of nothing: height as an attribute, which the page's CSP allows
            // (it blocks inline `style`).
            <svg id="spacer" width="1" height="3000" aria-hidden="true"></svg>
            <Clock/>
        </main>
    }
}

/// The clock alone, below the fold: a page with one island and no handler, whose only
/// JavaScript until the clock scrolls into view is the inline island script.
#[component]
fn BelowTheFold() -> View {
    view! {
        <main>
            <h1>"A clock below the fold"</h1>
            <svg width="1" height="3000" aria-hidden="true"></svg>
            <Clock/>
        </main>
    }
}

fn main() -> std::io::Result<()> {
    resuma::init_tracing();
    ResumaApp::new().title("Islands · Resuma").page("/", Home).page("/below", BelowTheFold).run()
}
